//! Whether the terminal is still there. A terminal that went away (its window closed,
//! the SSH connection dropped) is hung up: `poll` reports a hang-up or an error on its
//! descriptors, reading it gives end of file or an I/O error, writing it fails.

use std::io;
use std::sync::mpsc::Sender;
#[cfg(unix)]
use std::thread;

use super::wake::Wake;

/// Whether the workbench's terminal (standard input or output) is gone.
#[cfg(unix)]
pub fn terminal_gone() -> bool {
    use std::io::{stdin, stdout};
    use std::os::fd::AsFd;
    hung_up(stdin().as_fd()) || hung_up(stdout().as_fd())
}

/// Whether the workbench's terminal is gone; without `poll` scholia cannot tell and
/// relies on the terminal's errors.
#[cfg(not(unix))]
pub fn terminal_gone() -> bool {
    false
}

/// Starts a thread that sleeps until the terminal (standard input or output) hangs up,
/// then sends [`Wake::TerminalGone`], so that a closed window ends the session at once
/// without the event loop polling for it.
#[cfg(unix)]
pub fn watch(wake: Sender<Wake>) -> io::Result<()> {
    use std::io::{stdin, stdout};
    use std::os::fd::{AsFd, AsRawFd};
    let fds = [stdin().as_fd().as_raw_fd(), stdout().as_fd().as_raw_fd()];
    thread::Builder::new()
        .name("hang-up watch".to_string())
        .spawn(move || {
            if wait_for_hang_up(fds) {
                let _ = wake.send(Wake::TerminalGone);
            }
        })?;
    Ok(())
}

/// Without `poll` there is nothing to watch: the loop's own periodic look and the
/// terminal's errors tell.
#[cfg(not(unix))]
pub fn watch(_wake: Sender<Wake>) -> io::Result<()> {
    Ok(())
}

/// Sleeps until one of `fds` reports a hang-up, an error or a closed descriptor; true
/// when one did (false when waiting failed).
#[cfg(unix)]
fn wait_for_hang_up(fds: [std::os::fd::RawFd; 2]) -> bool {
    // Asking for no event: only a hang-up, an error or a closed descriptor wakes it.
    let mut watched = fds.map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    loop {
        // SAFETY: two valid `pollfd`s for the duration of the call; no timeout.
        let ready = unsafe { libc::poll(watched.as_mut_ptr(), watched.len() as libc::nfds_t, -1) };
        if ready > 0 {
            return watched
                .iter()
                .any(|w| w.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0);
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return false;
        }
    }
}

/// Whether `fd` reports a hang-up, an error or a closed descriptor, asked without waiting.
#[cfg(unix)]
pub fn hung_up(fd: std::os::fd::BorrowedFd<'_>) -> bool {
    use std::os::fd::AsRawFd;
    let mut watched = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid `pollfd` for the duration of the call; a zero timeout.
    let ready = unsafe { libc::poll(&mut watched, 1, 0) };
    ready > 0 && watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io;
    use std::os::fd::AsFd;

    #[test]
    fn the_watch_sleeps_until_the_other_end_closes() {
        use std::os::fd::AsRawFd;
        let (reader, writer) = io::pipe().unwrap();
        let (wake, woken) = std::sync::mpsc::channel();
        let fd = reader.as_fd().as_raw_fd();
        thread::spawn(move || {
            if wait_for_hang_up([fd, fd]) {
                let _ = wake.send(());
            }
        });
        let wait = std::time::Duration::from_millis(200);
        assert!(woken.recv_timeout(wait).is_err(), "woke with the pipe open");
        drop(writer);
        assert!(
            woken.recv_timeout(wait * 10).is_ok(),
            "not woken by the hang-up"
        );
        drop(reader);
    }

    #[test]
    fn a_descriptor_whose_other_end_closed_is_hung_up() {
        let (reader, writer) = io::pipe().unwrap();
        assert!(!hung_up(reader.as_fd()), "the other end is open");
        drop(writer);
        assert!(hung_up(reader.as_fd()), "the other end closed");
    }
}
