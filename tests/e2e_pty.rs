//! The real binary in a pseudo-terminal (DESIGN §9): keys typed as bytes, the screen
//! read through a terminal emulator, the sidecar and the lock checked on disk.
//!
//! Every wait has a deadline; a test that overruns kills its child and fails with the
//! screen as it was.

#![cfg(unix)]

mod adjudication_support;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};
use scholia::domain::lock;
use scholia::domain::sidecar::{self, SidecarFile};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(10);
const ALT_SCREEN_LEAVE: &[u8] = b"\x1b[?1049l";
/// How long a workbench may take to end once its terminal is gone (DESIGN §7 asks for a
/// second; the rest is slack for a loaded machine).
const GONE_WITHIN: Duration = Duration::from_secs(2);

/// What the emulator saw besides the screen: window titles set and bells rung.
#[derive(Default)]
struct Seen {
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Seen {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
}

struct Output {
    parser: vt100::Parser<Seen>,
    raw: Vec<u8>,
}

/// One scholia running in a pseudo-terminal. The test holds the terminal's master side
/// through plain duplicates of its descriptor, so [`Tui::hang_up`] can close every one
/// of them, as the end of an SSH connection does.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<File>,
    output: Arc<Mutex<Output>>,
    reader_done: mpsc::Receiver<()>,
    stop_reading: Arc<AtomicBool>,
    master: Option<Box<dyn MasterPty + Send>>,
}

/// A duplicate of the pseudo-terminal's master descriptor.
fn master_handle(master: &dyn MasterPty) -> File {
    let fd = master.as_raw_fd().expect("a unix pseudo-terminal");
    // SAFETY: `fd` is the master's open descriptor, alive for this borrow.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    File::from(borrowed.try_clone_to_owned().unwrap())
}

/// Whether `file` has something to read (or has ended) within `wait`.
fn readable(file: &File, wait: Duration) -> bool {
    let mut fds = libc::pollfd {
        fd: file.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the duration of the call.
    let n = unsafe { libc::poll(&mut fds, 1, wait.as_millis() as libc::c_int) };
    n > 0
}

impl Tui {
    fn spawn(dir: &Path, args: &[&str]) -> Tui {
        let mut argv = vec![env!("CARGO_BIN_EXE_scholia")];
        argv.extend_from_slice(args);
        Tui::spawn_argv(dir, &argv)
    }

    /// Runs the program `argv[0]` with the rest as its arguments.
    fn spawn_argv(dir: &Path, argv: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("SCHOLIA_NO_USER_CONFIG", "1");
        cmd.env("USER", "e2e-analyst");
        cmd.env_remove("SCHOLIA_ANNOTATOR");
        cmd.env("XDG_STATE_HOME", dir.join(".state"));
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child keeps the terminal's other end, so reading ends when it exits.
        drop(pair.slave);
        let mut reader = master_handle(pair.master.as_ref());
        let writer = master_handle(pair.master.as_ref());
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Seen::default()),
            raw: Vec::new(),
        }));
        let (done, reader_done) = mpsc::channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                if !readable(&reader, Duration::from_millis(20)) {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().unwrap();
                        out.parser.process(&buf[..n]);
                        out.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
            drop(reader);
            let _ = done.send(());
        });
        Tui {
            child,
            writer: Some(writer),
            output,
            reader_done,
            stop_reading,
            master: Some(pair.master),
        }
    }

    /// Closes every handle of the terminal's master side, as a dropped SSH connection or
    /// a killed terminal window does: the workbench's terminal is hung up.
    fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        self.reader_done
            .recv_timeout(Duration::from_secs(5))
            .expect("the reader stops");
        self.writer = None;
        self.master = None;
    }

    /// Resizes the terminal to `cols`×`rows`, as dragging the window's corner does (the
    /// program gets SIGWINCH).
    fn resize(&mut self, cols: u16, rows: u16) {
        self.output
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .as_ref()
            .expect("the terminal is still there")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    /// Waits until the screen satisfies `ready`; panics with the screen after the
    /// deadline.
    fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    fn keys(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is still there");
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Waits for the child to exit and for its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("scholia did not exit; the screen was:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        };
        let _ = self.reader_done.recv_timeout(Duration::from_secs(5));
        status
    }

    /// Waits up to `limit` for the child to exit; kills it and panics after that.
    fn exits_within(&mut self, limit: Duration, what: &str) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!("scholia was still running {limit:?} after {what}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A temporary folder holding `name` with `text`.
fn article(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn example(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .unwrap()
}

fn sidecar_of(path: &Path) -> SidecarFile {
    sidecar::read(&sidecar::path_for(path))
        .unwrap()
        .expect("a sidecar on disk")
}

/// Waits until the sidecar on disk satisfies `ready`.
fn wait_for_sidecar(path: &Path, ready: impl Fn(&SidecarFile) -> bool) -> SidecarFile {
    let start = Instant::now();
    loop {
        if let Ok(Some(file)) = sidecar::read(&sidecar::path_for(path)) {
            if ready(&file) {
                return file;
            }
        }
        assert!(start.elapsed() < DEADLINE, "the sidecar never got there");
        thread::sleep(Duration::from_millis(20));
    }
}

/// Checks the terminal was handed back: the alternate screen left last, nothing
/// switched on left on.
fn assert_restored(tui: &Tui) {
    let raw = tui.raw();
    assert!(
        raw.ends_with(ALT_SCREEN_LEAVE),
        "the output ends by leaving the alternate screen: {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(80)..])
    );
    let out = tui.output.lock().unwrap();
    let screen = out.parser.screen();
    assert!(!screen.alternate_screen());
    assert!(!screen.bracketed_paste());
    assert!(!screen.hide_cursor());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
}

#[test]
fn tag_claim_and_source_link_grade_and_quit() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    let mut tui = Tui::spawn(dir.path(), &["border-incident.txt"]);
    tui.wait_for("GUNFIRE AT AK-BULUN");
    // The source: "Bakhtiyor Nazarov", selected word by word.
    tui.keys("/Bakhtiyor\r");
    tui.keys("vees");
    // The claim: the sentence around "detainees"; then link it and grade it.
    tui.keys("/detainees\r");
    tui.keys("Vc");
    tui.keys("L\r");
    tui.keys("=3");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);

    let file = sidecar_of(&path);
    let source = file
        .annotations
        .iter()
        .find(|a| a.kind.to_string() == "source")
        .expect("a source");
    assert_eq!(source.quote.exact, "Bakhtiyor Nazarov");
    let claim = file
        .annotations
        .iter()
        .find(|a| a.kind.to_string() == "claim")
        .expect("a claim");
    assert!(
        claim.quote.exact.starts_with("At a briefing on March 3")
            && claim.quote.exact.contains("the detainees included"),
        "{}",
        claim.quote.exact
    );
    assert_eq!(
        claim.attrs.get("credibility").map(String::as_str),
        Some("3")
    );
    assert!(
        file.relations
            .iter()
            .any(|r| r.kind == "attributed_to" && r.from == claim.id && r.to == source.id),
        "{:?}",
        file.relations
    );
    assert!(!lock::path_for(&path).exists(), "the lock is gone");
}

#[test]
fn growing_the_terminal_shows_the_lines_scrolled_away_instead_of_empty_rows() {
    let text: String = (1..=30).map(|i| format!("line {i:02}\n")).collect();
    let (dir, _path) = article("short.txt", &text);
    let mut tui = Tui::spawn(dir.path(), &["short.txt"]);
    tui.wait_for("line 01");
    tui.resize(40, 10);
    // Drawn at the new size: the article's bottom border, with the position, in view.
    // (A resize that came before the input thread listened sends no event; the loop
    // finds the new size within a second all the same.)
    tui.wait_until("the small screen", |s| {
        !s.contains("line 20") && s.contains("line 1/31 ━┛")
    });
    tui.keys("G");
    tui.wait_until("the end at 40×10", |s| {
        s.contains("line 30") && !s.contains("line 01")
    });
    tui.resize(200, 60);
    let screen = tui.wait_until("every line after growing", |s| {
        s.contains("line 01") && s.contains("line 30")
    });
    let empty = screen
        .lines()
        .filter(|l| l.trim_start_matches(['┃', ' ']).starts_with('~'))
        .count();
    assert!(empty <= 28, "{screen}");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn sigterm_saves_releases_the_lock_and_restores_the_terminal() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    let mut tui = Tui::spawn(dir.path(), &["border-incident.txt"]);
    tui.wait_for("GUNFIRE AT AK-BULUN");
    // The lock is taken with the annotations, just after the first frame.
    tui.wait_until("the annotations", |s| s.contains("0 ann"));
    assert!(lock::path_for(&path).exists(), "the session holds the lock");
    tui.keys("/Tashkent\rs");
    wait_for_sidecar(&path, |f| !f.annotations.is_empty());
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &tui.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tui.wait_exit();
    assert!(status.success(), "a clean exit after SIGTERM: {status:?}");
    assert_restored(&tui);
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].quote.exact, "Tashkent");
    assert!(!lock::path_for(&path).exists(), "the lock is gone");
    assert!(
        !dir.path()
            .join("border-incident.txt.scholia.journal")
            .exists(),
        "no journal after a clean save"
    );
}

#[test]
fn sighup_and_sigint_also_save_and_end_cleanly() {
    for signal in ["-HUP", "-INT"] {
        let (dir, path) = article("a.txt", "Tashkent moved first.\n");
        let mut tui = Tui::spawn(dir.path(), &["a.txt"]);
        tui.wait_for("Tashkent moved first.");
        tui.keys("s");
        wait_for_sidecar(&path, |f| f.annotations.len() == 1);
        let pid = tui.pid().to_string();
        let sent = std::process::Command::new("kill")
            .args([signal, pid.as_str()])
            .status()
            .unwrap();
        assert!(sent.success());
        assert!(tui.wait_exit().success(), "{signal}");
        assert_restored(&tui);
        assert!(!lock::path_for(&path).exists(), "{signal}");
    }
}

#[test]
fn a_hung_up_terminal_ends_the_session_with_the_edit_saved_and_the_lock_released() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    let mut tui = Tui::spawn(dir.path(), &["border-incident.txt"]);
    tui.wait_for("GUNFIRE AT AK-BULUN");
    tui.keys("/Tashkent\rs");
    wait_for_sidecar(&path, |f| f.annotations.len() == 1);
    tui.hang_up();
    let status = tui.exits_within(GONE_WITHIN, "its terminal was hung up");
    assert!(status.success(), "a clean end: {status:?}");
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].quote.exact, "Tashkent");
    assert!(!lock::path_for(&path).exists(), "the lock is released");
}

/// Without a controlling terminal no SIGHUP comes when the terminal goes: the hang-up
/// alone must end the session, cleanly (exit 0, everything saved). A shell that ignores
/// SIGHUP waits for scholia and writes down its exit status.
#[cfg(target_os = "linux")]
#[test]
fn the_hang_up_alone_ends_a_session_without_a_controlling_terminal() {
    let has_setsid = std::process::Command::new("setsid")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_setsid {
        eprintln!("skipped: no setsid to start a session without a controlling terminal");
        return;
    }
    let (dir, path) = article("a.txt", "Tashkent moved first.\n");
    let script = r#"trap "" HUP; setsid -w "$0" a.txt; echo $? > exit-status"#;
    let mut tui = Tui::spawn_argv(
        dir.path(),
        &["sh", "-c", script, env!("CARGO_BIN_EXE_scholia")],
    );
    tui.wait_for("Tashkent moved first.");
    // The lock is taken with the annotations, just after the first frame.
    tui.wait_until("the annotations", |s| s.contains("0 ann"));
    let holder = lock::read_owner(&lock::path_for(&path)).unwrap();
    let pid = holder.pid;
    tui.keys("s");
    wait_for_sidecar(&path, |f| f.annotations.len() == 1);
    tui.hang_up();
    let status_file = dir.path().join("exit-status");
    let start = Instant::now();
    while !status_file.exists() {
        if start.elapsed() > GONE_WITHIN {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("scholia (pid {pid}) was still running {GONE_WITHIN:?} after its terminal was hung up");
        }
        thread::sleep(Duration::from_millis(20));
    }
    tui.exits_within(GONE_WITHIN, "scholia ended");
    assert!(!lock::holder_alive(&holder));
    let status = fs::read_to_string(&status_file).unwrap();
    assert_eq!(status.trim(), "0", "a clean end");
    assert_eq!(sidecar_of(&path).annotations.len(), 1);
    assert!(!lock::path_for(&path).exists(), "the lock is released");
}

#[test]
fn control_characters_show_as_marks_and_leave_the_screen_intact() {
    let text = "FIRST LINE OF THE WIRE\n\
                clear\x1b[2Jscreen here\n\
                title\x1b]0;hijacked\x07end\n\
                memo_\u{202E}cod.exe\n\
                LAST LINE OF THE WIRE\n";
    let (dir, _path) = article("wire.txt", text);
    let mut tui = Tui::spawn(dir.path(), &["wire.txt"]);
    let screen = tui.wait_for("LAST LINE OF THE WIRE");
    assert!(screen.contains("FIRST LINE OF THE WIRE"), "{screen}");
    assert!(screen.contains('␛'), "escape shown as a mark:\n{screen}");
    assert!(
        screen.contains('⇋'),
        "bidi override shown as a mark:\n{screen}"
    );
    assert!(screen.contains("screen here"), "{screen}");
    assert!(
        screen.contains("hijacked"),
        "the OSC's text is shown, not run"
    );
    assert!(
        screen.contains("wire.txt"),
        "the status line is there:\n{screen}"
    );
    {
        let out = tui.output.lock().unwrap();
        assert!(out.parser.callbacks().titles.is_empty(), "no title was set");
        assert_eq!(out.parser.callbacks().bells, 0, "no bell rang");
        let raw = &out.raw;
        assert!(!raw.windows(3).any(|w| w == b"\x1b]0"), "no OSC sent");
        assert!(
            !raw.windows(3).any(|w| w == "\u{202E}".as_bytes()),
            "no bidi override sent"
        );
    }
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn reopening_comes_back_to_the_cursor_and_tab_left() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    let mut first = Tui::spawn(dir.path(), &["border-incident.txt"]);
    first.wait_for("GUNFIRE AT AK-BULUN");
    first.keys("/Nazarov\r");
    first.keys("gt");
    first.wait_for("[Src");
    first.keys("q");
    assert!(first.wait_exit().success());
    assert!(
        !sidecar::path_for(&path).exists(),
        "the place is not kept in the sidecar"
    );

    let mut second = Tui::spawn(dir.path(), &["border-incident.txt"]);
    let screen = second.wait_for("Bakhtiyor");
    assert!(screen.contains("[Src"), "the Sources tab again: {screen}");
    // The cursor is back on the name: s tags it with no motion.
    second.keys("s");
    second.keys("q");
    assert!(second.wait_exit().success());
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].quote.exact, "Bakhtiyor Nazarov");
}

#[test]
fn a_second_session_opens_read_only_and_says_who_holds_the_article() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    let mut first = Tui::spawn(dir.path(), &["border-incident.txt"]);
    first.wait_for("GUNFIRE AT AK-BULUN");
    // The lock is taken with the annotations, just after the first frame.
    first.wait_until("the annotations", |s| s.contains("0 ann"));
    let mut second = Tui::spawn(dir.path(), &["border-incident.txt"]);
    let holder = format!("pid {}", first.pid());
    let screen = second.wait_for("held by");
    assert!(screen.contains("e2e-analyst@"), "{screen}");
    assert!(screen.contains(&holder), "{screen}");
    // The second cannot tag; the first still can.
    second.keys("/Tashkent\rs");
    second.keys("q");
    assert!(second.wait_exit().success());
    assert!(lock::path_for(&path).exists(), "the holder's lock stays");
    assert!(
        !sidecar::path_for(&path).exists(),
        "the read-only session wrote nothing"
    );
    first.keys("/Tashkent\rs");
    first.keys("q");
    assert!(first.wait_exit().success());
    assert_eq!(sidecar_of(&path).annotations.len(), 1);
    assert!(!lock::path_for(&path).exists());
}

#[test]
fn an_earlier_sessions_journal_is_offered_and_replayed() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    write_journal_of_a_lost_session(&path);
    let mut tui = Tui::spawn(dir.path(), &["border-incident.txt"]);
    tui.wait_for("Replay them? [Y/n]");
    assert!(tui.screen().contains("(1 step,"), "{}", tui.screen());
    tui.keys("\r");
    tui.wait_for("GUNFIRE AT AK-BULUN");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].quote.exact, "Tashkent");
    assert!(!scholia::domain::journal::path_for(&path).exists());
}

#[test]
fn discard_journal_drops_it_without_asking() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    write_journal_of_a_lost_session(&path);
    let mut tui = Tui::spawn(dir.path(), &["--discard-journal", "border-incident.txt"]);
    tui.wait_for("GUNFIRE AT AK-BULUN");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert!(!scholia::domain::journal::path_for(&path).exists());
    assert!(!sidecar::path_for(&path).exists(), "nothing to save");
}

#[test]
fn the_mouse_is_captured_only_when_the_config_asks() {
    for (config, captured) in [(None, false), (Some("[ui]\nmouse = true\n"), true)] {
        let (dir, _path) = article("a.txt", "Some text to read.\n");
        if let Some(config) = config {
            fs::write(dir.path().join(".scholia.toml"), config).unwrap();
        }
        let mut tui = Tui::spawn(dir.path(), &["a.txt"]);
        tui.wait_for("Some text to read.");
        let mode = tui
            .output
            .lock()
            .unwrap()
            .parser
            .screen()
            .mouse_protocol_mode();
        assert_eq!(
            mode != vt100::MouseProtocolMode::None,
            captured,
            "{config:?}"
        );
        assert!(tui.output.lock().unwrap().parser.screen().bracketed_paste());
        tui.keys("q");
        assert!(tui.wait_exit().success());
        assert_restored(&tui);
    }
}

#[test]
fn without_a_terminal_the_workbench_says_so_with_exit_2() {
    let (dir, _path) = article("a.txt", "Some text.\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scholia"))
        .arg("a.txt")
        .current_dir(dir.path())
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("scholia stats"), "{err}");
}

#[test]
fn a_key_typed_while_the_rest_of_a_large_article_is_read_is_not_lost() {
    let mut text = "A line of plain text for the first screen.\n".repeat(80_000);
    text.push_str("The very last line.\n");
    let (dir, _path) = article("long.txt", &text);
    let mut tui = Tui::spawn(dir.path(), &["long.txt"]);
    tui.wait_for("A line of plain text");
    tui.keys("G");
    let screen = tui.wait_for("The very last line.");
    assert!(screen.contains("line 80002/80002"), "{screen}");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
}

#[test]
fn an_article_not_utf8_past_its_first_screen_ends_the_workbench_with_the_sentence() {
    // Two megabytes of text and then a Latin-1 byte: the first screen shows before the
    // byte is read.
    let mut bytes = "A line of plain text for the first screen.\n"
        .repeat(50_000)
        .into_bytes();
    bytes.extend_from_slice(b"Caf");
    let bad = bytes.len();
    bytes.extend_from_slice(b"\xe9 noir.\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    fs::write(&path, &bytes).unwrap();
    let mut tui = Tui::spawn(dir.path(), &["long.txt"]);
    let status = tui.wait_exit();
    assert_eq!(
        status.exit_code(),
        6,
        "the exit code of an article not UTF-8"
    );
    let screen = tui.screen();
    let sentence = format!("scholia: long.txt is not valid UTF-8 (first bad byte at offset {bad})");
    assert!(screen.contains(&sentence), "{screen}");
    // The terminal was handed back before the sentence was written.
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    let left = raw.rfind("\x1b[?1049l").expect("the alternate screen left");
    assert!(left < raw.find("is not valid UTF-8").unwrap(), "{raw:?}");
    let out = tui.output.lock().unwrap();
    let terminal = out.parser.screen();
    assert!(!terminal.alternate_screen());
    assert!(!terminal.bracketed_paste());
    assert!(!terminal.hide_cursor());
    drop(out);
    // Nothing was written beside the article, and no lock is left.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name != ".state")
        .collect();
    assert_eq!(names, ["long.txt"]);
}

/// A journal like the one a session killed before it could save leaves: one step that
/// tags "Tashkent" as a source, on the article as it is and no sidecar.
fn write_journal_of_a_lost_session(article: &Path) {
    use scholia::domain::anchor::quote_for;
    use scholia::domain::document::Document;
    use scholia::domain::journal::{path_for, JournalWriter};
    use scholia::domain::model::{Annotation, Kind, Span};
    use scholia::domain::store::Store;

    let doc = Document::load(article, 1 << 30).unwrap();
    let start = doc.text().find("Tashkent").unwrap();
    let mut a = Annotation::new(
        "a1",
        Kind::Source,
        "person",
        vec![Span::new(start, start + 8)],
    );
    a.quote = quote_for(&doc, &a.spans);
    let mut store = Store::new();
    store.record_applied();
    store.insert_annotation(a);
    let mut writer =
        JournalWriter::new(path_for(article), doc.sha256(), sidecar::path_for(article));
    writer.append(&store.take_applied()).unwrap();
}

#[test]
fn import_review_a_few_quit_and_the_decisions_are_on_disk() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if !samples.exists() {
        eprintln!("skipped: ../shared/samples is absent");
        return;
    }
    let text = fs::read_to_string(samples.join("kazakh-nationals-miranshah.txt")).unwrap();
    let (dir, path) = article("kazakh-nationals-miranshah.txt", &text);
    let spacy = samples.join("kazakh-nationals-miranshah.spacy.json");
    let mut tui = Tui::spawn(
        dir.path(),
        &[
            "kazakh-nationals-miranshah.txt",
            "--import",
            spacy.to_str().unwrap(),
        ],
    );
    tui.wait_for("0/123 reviewed");
    // Accept, accept, reject, relabel as NORP (digit 4) and accept: one key each.
    tui.keys("a");
    tui.wait_for("1/123 reviewed");
    tui.keys("axa4");
    tui.wait_for("5/123 reviewed");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 123);
    let status_of = |id: &str| {
        let a = file.annotations.iter().find(|a| a.id == id).unwrap();
        (a.status.to_string(), a.label.to_string())
    };
    assert_eq!(status_of("a1").0, "accepted");
    assert_eq!(status_of("a2").0, "accepted");
    assert_eq!(status_of("a3").0, "rejected");
    assert_eq!(status_of("a4").0, "accepted");
    assert_eq!(
        status_of("a5"),
        ("accepted".to_string(), "NORP".to_string())
    );
    let pending = file
        .annotations
        .iter()
        .filter(|a| a.status.to_string() == "pending")
        .count();
    assert_eq!(pending, 118);
}

/// Regression: the save after `--import` ran before the import's step was journaled,
/// so the step went into the recovery journal after the sidecar already held it, and
/// the journal outlived a clean quit (the next session offered to replay the import).
#[test]
fn import_then_quit_leaves_no_recovery_journal() {
    let (dir, path) = article("a.txt", "Shaukat Sultan told AFP.\n");
    fs::write(
        dir.path().join("a.ann"),
        "T1\tPERSON 0 14\tShaukat Sultan\n",
    )
    .unwrap();
    let mut tui = Tui::spawn(dir.path(), &["a.txt", "--import", "a.ann"]);
    tui.wait_for("1/1 reviewed");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_eq!(sidecar_of(&path).annotations.len(), 1);
    let journal = scholia::domain::journal::path_for(&path);
    assert!(
        !journal.exists(),
        "{} outlived a clean quit",
        journal.display()
    );
}

#[test]
fn the_claims_table_shows_each_claims_source_and_enter_goes_back_to_the_article() {
    let (dir, path) = article("border-incident.txt", &example("border-incident.txt"));
    fs::write(
        sidecar::path_for(&path),
        example("border-incident.txt.scholia.json"),
    )
    .unwrap();
    let mut tui = Tui::spawn(dir.path(), &["border-incident.txt"]);
    tui.wait_for("GUNFIRE AT AK-BULUN");
    tui.keys("C");
    let table = tui.wait_for("sorted by claim");
    assert!(table.contains("Bakhtiyor Nazarov [C]"), "{table}");
    assert!(table.contains("Markaz-Press"), "{table}");
    tui.keys("s");
    tui.wait_for("sorted by stance");
    tui.keys("jj\r");
    tui.wait_until("the article again", |screen| {
        !screen.contains("sorted by") && screen.contains("NORMAL")
    });
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
}

/// An article of `paragraphs` copies of one paragraph, with a sidecar holding one
/// pending suggestion per name in it, as an import leaves them.
fn article_with_pending_suggestions(paragraphs: usize) -> (tempfile::TempDir, PathBuf) {
    use scholia::domain::anchor::quote_for;
    use scholia::domain::document::Document;
    use scholia::domain::model::{Annotation, Kind, Span, Status};
    use scholia::domain::sidecar::Kept;
    use scholia::domain::store::Store;

    let paragraph = "Полковник Ахмед told AFP in Tashkent that Nazarov had left.\n\n";
    let (dir, path) = article("book.txt", &paragraph.repeat(paragraphs));
    let doc = Document::load(&path, 1 << 30).unwrap();
    let mut store = Store::new();
    for name in ["Ахмед", "AFP", "Tashkent", "Nazarov"] {
        for (start, _) in doc.text().match_indices(name) {
            let id = format!("a{}", store.annotation_count() + 1);
            let span = Span::new(start, start + name.len());
            let mut a = Annotation::new(id, Kind::Entity, "PERSON", vec![span]);
            a.quote = quote_for(&doc, &a.spans);
            a.status = Status::Pending;
            store.insert_annotation(a);
        }
    }
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&path),
        false,
    )
    .unwrap();
    (dir, path)
}

/// The CPU time a process used so far (user and system, all its threads), from
/// `/proc/<pid>/stat`.
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / per_second)
}

/// Idle means idle: with thousands of pending suggestions on screen, a workbench that
/// waits for a key neither redraws nor polls, so it uses (next to) no CPU.
#[cfg(target_os = "linux")]
#[test]
fn an_idle_workbench_uses_no_cpu() {
    let (dir, _path) = article_with_pending_suggestions(1500);
    let mut tui = Tui::spawn(dir.path(), &["book.txt"]);
    tui.wait_for("6000 pending");
    // Let the first frames and the start-up settle.
    thread::sleep(Duration::from_millis(500));
    let before = cpu_time(tui.pid());
    thread::sleep(Duration::from_secs(2));
    let used = cpu_time(tui.pid()) - before;
    assert!(
        used <= Duration::from_millis(30),
        "{used:?} of CPU in 2 s of waiting for a key"
    );
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

/// The first screen comes before the annotations are read; keys typed at once, while
/// they load, wait for them and are applied in order: none is lost, none is applied to
/// a store still empty.
#[test]
fn keys_typed_while_the_annotations_load_are_not_lost() {
    let (dir, path) = article_with_pending_suggestions(3000);
    let mut tui = Tui::spawn(dir.path(), &["book.txt"]);
    tui.wait_for("Полковник Ахмед told AFP");
    // Accept the first suggestion, reject the second, quit: typed at once.
    tui.keys("grax");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    let file = sidecar_of(&path);
    assert_eq!(file.annotations.len(), 12_000);
    let decided: Vec<String> = file
        .annotations
        .iter()
        .filter(|a| a.status.to_string() != "pending")
        .map(|a| a.status.to_string())
        .collect();
    assert_eq!(decided.len(), 2, "{decided:?}");
}

/// The project config of a session whose sidecar is rewritten only long after each
/// change: until then the journal alone holds it.
fn write_slow_autosave_config(dir: &Path) {
    fs::write(
        dir.join(".scholia.toml"),
        "[ui]\nautosave_delay_ms = 600000\n",
    )
    .unwrap();
}

/// An edit is durable once the journal has it: SIGKILL after the journal append and
/// before the background writer rewrote the sidecar loses nothing, the next session
/// replays it.
#[test]
fn sigkill_between_the_journal_append_and_the_background_write_loses_no_edit() {
    use scholia::app::session::{JournalChoice, OpenOptions, Session};
    use scholia::domain::config::ConfigSources;
    use scholia::domain::journal;

    let (dir, path) = article("a.txt", "Tashkent moved first.\n");
    write_slow_autosave_config(dir.path());
    let mut tui = Tui::spawn(dir.path(), &["a.txt"]);
    tui.wait_for("Tashkent moved first.");
    tui.keys("s");
    tui.wait_for("1 ann");
    let journal = journal::path_for(&path);
    let start = Instant::now();
    while fs::read_to_string(&journal).map_or(0, |j| j.lines().count()) < 2 {
        assert!(
            start.elapsed() < DEADLINE,
            "the edit never reached the journal"
        );
        thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !sidecar::path_for(&path).exists(),
        "the sidecar was written before the kill"
    );
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &tui.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    tui.wait_exit();

    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        journal: JournalChoice::Replay,
        ..OpenOptions::default()
    };
    let session = Session::open(&path, &options).unwrap();
    let store = session.app().store();
    assert_eq!(store.annotation_count(), 1);
    assert_eq!(store.annotations()[0].quote.exact, "Tashkent");
    assert_eq!(
        sidecar_of(&path).annotations.len(),
        1,
        "saved once replayed"
    );
}

/// However long the autosave waits, quitting writes every change first.
#[test]
fn quitting_writes_what_the_background_writer_had_not_yet() {
    let (dir, path) = article("a.txt", "Tashkent moved first.\n");
    write_slow_autosave_config(dir.path());
    let mut tui = Tui::spawn(dir.path(), &["a.txt"]);
    tui.wait_for("Tashkent moved first.");
    tui.keys("s");
    tui.wait_for("1 ann");
    assert!(!sidecar::path_for(&path).exists(), "not written yet");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(sidecar_of(&path).annotations[0].quote.exact, "Tashkent");
    assert!(!scholia::domain::journal::path_for(&path).exists());
}

/// The must-show of the adjudication view: two analysts' sidecars of a Cyrillic article
/// that disagree in every way (only in A, only in B, label, boundaries, link, stance,
/// grade) are settled key by key in the real binary, one decision undone and made
/// again, and the output file holds each annotation once with where it came from.
#[test]
fn adjudicating_every_kind_of_disagreement_writes_the_settled_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let (article, _, _) = adjudication_support::write_fixture(dir.path());
    let mut tui = Tui::spawn(
        dir.path(),
        &[
            "adjudicate",
            "article.txt",
            "alice.scholia.json",
            "bob.scholia.json",
            "-o",
            "settled.scholia.json",
        ],
    );
    tui.wait_for("0/7 decided");
    tui.wait_for("boundaries · Министр");
    // boundaries: A's; link: A's; label: B's; stance: both; only in A: neither; only
    // in B: B's; grade: A's, undone, then B's. Alt-1 and alt-2 arrive as ESC 1, ESC 2.
    for (keys, progress) in [
        ("\x1b1", "1/7 decided"),
        ("\x1b1", "2/7 decided"),
        ("\x1b2", "3/7 decided"),
        ("+", "4/7 decided"),
        ("-", "5/7 decided"),
        ("\x1b2", "6/7 decided"),
        ("\x1b1", "7/7 decided"),
        ("u", "6/7 decided"),
        ("\x1b2", "7/7 decided"),
    ] {
        tui.keys(keys);
        tui.wait_for(progress);
    }
    tui.wait_for("every disagreement is settled");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
    let out = sidecar::read(&dir.path().join("settled.scholia.json"))
        .unwrap()
        .expect("the output is written");
    let mut settled: Vec<(String, String, String, String)> = out
        .annotations
        .iter()
        .map(|a| {
            assert!(a.conflict.is_none(), "{} still marked", a.id);
            let grade = a
                .attrs
                .get("stance")
                .or_else(|| a.attrs.get("credibility"))
                .cloned()
                .unwrap_or_default();
            (
                a.quote.exact.to_string(),
                a.label.to_string(),
                grade,
                a.origin.adjudicated_from.clone().expect("provenance"),
            )
        })
        .collect();
    settled.sort();
    let row = |words: &str, label: &str, grade: &str, from: &str| {
        (
            words.to_string(),
            label.to_string(),
            grade.to_string(),
            from.to_string(),
        )
    };
    assert_eq!(
        settled,
        vec![
            row("Астане", "GPE", "", "A+B"),
            row("Иванов", "person", "", "A+B"),
            row("Казинформ", "GPE", "", "B"),
            row("Министр Иванов", "PERSON", "", "A"),
            row("Петров", "PERSON", "", "B"),
            row("граница закрыта", "factual", "", "A"),
            row(
                "переговоры в Астане продолжатся в марте",
                "factual",
                "asserted",
                "A"
            ),
            row(
                "переговоры в Астане продолжатся в марте",
                "factual",
                "hedged",
                "B"
            ),
            row("это временная мера", "opinion", "4", "B"),
        ]
    );
    let claim = out
        .annotations
        .iter()
        .find(|a| a.quote.exact == "граница закрыта")
        .unwrap();
    let source = out
        .annotations
        .iter()
        .find(|a| a.label == "person")
        .unwrap();
    assert_eq!(out.relations.len(), 1, "{:?}", out.relations);
    assert_eq!(
        (out.relations[0].from.as_str(), out.relations[0].to.as_str()),
        (claim.id.as_str(), source.id.as_str()),
        "A's link kept with A's claim"
    );
    assert!(
        !sidecar::path_for(&article).exists(),
        "with -o the article's own sidecar is left alone"
    );
    assert!(!lock::path_for(&article).exists(), "the lock is released");
}

/// Two articles of one folder whose sidecars point at registry entry r1 (Ekspress-K), as
/// `extract --from-registry` leaves them.
fn corpus_with_registry() -> tempfile::TempDir {
    use scholia::domain::registry::{self, EntryKind, Registry};
    let dir = tempfile::tempdir().unwrap();
    let mut r = Registry::new();
    r.add("Ekspress-K", EntryKind::Source, "publication")
        .unwrap();
    registry::write(&registry::path_in(dir.path()), &r).unwrap();
    for (name, text) in [
        (
            "one.txt",
            "First report. Ekspress-K said the border was closed.\n",
        ),
        (
            "two.txt",
            "Second report. Officials told Ekspress-K nothing.\n",
        ),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(["extract", "--from-registry"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn a_source_graded_in_one_article_shows_the_registry_grade_in_another_and_after_reopening() {
    use scholia::domain::registry;
    let dir = corpus_with_registry();
    let mut first = Tui::spawn(dir.path(), &["one.txt"]);
    first.wait_for("First report");
    first.keys("/Ekspress\r");
    first.keys("=b");
    first.wait_for("used in 1 other article");
    first.keys("y");
    first.wait_for("B (registry r1)");
    first.keys("q");
    let status = first.wait_exit();
    assert!(status.success(), "{status:?}\n{}", first.screen());
    let written = registry::read(&registry::path_in(dir.path()))
        .unwrap()
        .unwrap();
    assert_eq!(written.entry("r1").and_then(|e| e.grade()), Some("B"));
    assert!(!lock::path_for(&registry::path_in(dir.path())).exists());
    for _ in 0..2 {
        let mut second = Tui::spawn(dir.path(), &["two.txt"]);
        second.wait_for("Second report");
        second.keys("/Ekspress\r");
        second.wait_for("reliability B (registry r1)");
        second.keys("q");
        let status = second.wait_exit();
        assert!(status.success(), "{status:?}\n{}", second.screen());
    }
}

#[test]
fn folder_mode_opens_an_article_tags_goes_back_and_on_to_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a-first.txt");
    let second = dir.path().join("b-second.txt");
    fs::write(&first, "Ministry officials confirmed the figures.\n").unwrap();
    fs::write(&second, "Ekspress-K reported the closure.\n").unwrap();
    let mut tui = Tui::spawn(dir.path(), &["."]);
    tui.wait_for("done 0/2");
    tui.wait_until("the rows read", |s| {
        s.contains("untouched") && !s.contains("reading")
    });
    tui.keys("\r");
    tui.wait_for("Ministry officials");
    // Tag the first word as a source, then back to the list: the row counts it.
    tui.keys("s");
    tui.keys("gl");
    tui.wait_until("the row updated", |s| {
        s.lines()
            .any(|l| l.starts_with("a-first.txt") && l.contains("in progress"))
    });
    assert!(
        !lock::path_for(&first).exists(),
        "leaving released the lock"
    );
    // Open it again and go on to the next article without the list.
    tui.keys("\r");
    tui.wait_for("Ministry officials");
    tui.keys("gn");
    tui.wait_for("Ekspress-K reported");
    tui.keys("s");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
    for (path, word) in [(&first, "Ministry"), (&second, "Ekspress-K")] {
        let file = sidecar_of(path);
        assert_eq!(file.annotations.len(), 1, "{}", path.display());
        assert_eq!(file.annotations[0].quote.exact, word);
        assert!(!lock::path_for(path).exists());
    }
}

/// Issue 13's must-show in one process: in folder mode, a source graded in one article
/// shows its registry grade in the next article at once; closed and opened again, the
/// grade is still there.
#[test]
fn in_folder_mode_a_grade_given_in_one_article_shows_in_the_next_and_after_reopening() {
    let dir = corpus_with_registry();
    let mut tui = Tui::spawn(dir.path(), &["."]);
    tui.wait_for("done 0/2");
    tui.wait_until("the rows read", |s| !s.contains("reading"));
    tui.keys("\r");
    tui.wait_for("First report");
    tui.keys("/Ekspress\r");
    tui.keys("=b");
    tui.wait_for("used in 1 other article");
    tui.keys("y");
    tui.wait_for("B (registry r1)");
    tui.keys("gn");
    tui.wait_for("Second report");
    tui.keys("/Ekspress\r");
    tui.wait_for("reliability B (registry r1)");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.screen());
    assert_restored(&tui);

    let mut again = Tui::spawn(dir.path(), &["."]);
    again.wait_for("done 0/2");
    again.wait_until("the rows read", |s| !s.contains("reading"));
    again.keys("/two\r");
    again.wait_until("only two.txt listed", |s| !s.contains("one.txt"));
    again.keys("\r");
    again.wait_for("Second report");
    again.keys("/Ekspress\r");
    again.wait_for("reliability B (registry r1)");
    again.keys("q");
    let status = again.wait_exit();
    assert!(status.success(), "{status:?}\n{}", again.screen());
}
