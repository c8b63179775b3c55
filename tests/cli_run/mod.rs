//! Running the real binary with a deadline, so that a command that blocks fails its test
//! instead of hanging the suite; and making the odd files the tests need.

#![allow(dead_code)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long a command may take before its test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Runs `scholia ARGS` in `dir` through `sh -c 'PRELUDE; exec scholia "$@"'` (for
/// `umask` and `ulimit`), with no user config. Kills it and fails the test when it
/// overruns [`DEADLINE`].
pub fn scholia_in(dir: &Path, prelude: &str, args: &[&str]) -> Output {
    let script = format!("{prelude}\nexec \"$0\" \"$@\"");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .current_dir(dir)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`scholia {}` still ran after {DEADLINE:?}", args.join(" "));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    Output {
        status,
        stdout,
        stderr,
    }
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Makes a named pipe at `path`.
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs `work` on another thread; fails the test when it takes longer than
/// [`DEADLINE`] (the thread is left behind, blocked).
pub fn within_deadline<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(DEADLINE)
        .unwrap_or_else(|_| panic!("still blocked after {DEADLINE:?}"))
}
