//! Whether the terminal is still there. A terminal that went away (its window closed,
//! the SSH connection dropped) is hung up: `poll` reports a hang-up or an error on its
//! descriptors, reading it gives end of file or an I/O error, writing it fails.

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
    fn a_descriptor_whose_other_end_closed_is_hung_up() {
        let (reader, writer) = io::pipe().unwrap();
        assert!(!hung_up(reader.as_fd()), "the other end is open");
        drop(writer);
        assert!(hung_up(reader.as_fd()), "the other end closed");
    }
}
