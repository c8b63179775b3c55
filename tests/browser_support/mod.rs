//! Headless Chromium for the report tests: found on `PATH` under the names Debian and
//! upstream give it, run on a page with a throw-away profile and a time limit. Tests
//! skip (with a line saying so) when no Chromium is installed.

#![allow(dead_code)]

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names headless Chromium goes by: Debian's `chromium-headless-shell`, its full
/// `chromium`, and the upstream shell's `headless_shell`.
const NAMES: [&str; 4] = [
    "chromium-headless-shell",
    "headless_shell",
    "chromium",
    "chromium-browser",
];

/// How long one Chromium run may take before the test fails.
const LIMIT: Duration = Duration::from_secs(90);

/// A Chromium binary on `PATH`, or `None` (then the caller skips).
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in NAMES {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// What one Chromium run printed.
pub struct Run {
    /// Standard output (the DOM for `--dump-dom`).
    pub stdout: String,
    /// Standard error (the log, with console messages as `CONSOLE` lines).
    pub stderr: String,
}

impl Run {
    /// The page's console messages (errors included), from the log.
    pub fn console(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .collect()
    }
}

/// Runs `chromium` on the file `page` with `args` (`--dump-dom`, `--screenshot=…`),
/// logging to stderr, in a window of `width` × `height` CSS pixels; panics if it fails
/// or takes too long.
pub fn run(chromium: &Path, page: &Path, width: u32, height: u32, args: &[&str]) -> Run {
    let work = tempfile::tempdir().unwrap();
    let out_path = work.path().join("stdout");
    let err_path = work.path().join("stderr");
    let profile = work.path().join("profile");
    let mut child = Command::new(chromium)
        .arg("--headless")
        .arg("--no-sandbox")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--hide-scrollbars")
        .arg("--force-device-scale-factor=1")
        .arg("--enable-logging=stderr")
        .arg("--v=0")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={width},{height}"))
        .args(args)
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium took more than {LIMIT:?} on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let run = Run {
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    };
    assert!(
        status.success(),
        "Chromium failed: {status}\n{}",
        run.stderr
    );
    run
}

/// `file://` URL of an absolute path (percent-encoding what a URL cannot hold).
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// The value of the `data-NAME` attribute of `<body>` in a dumped DOM, unescaped.
pub fn body_data(dom: &str, name: &str) -> Option<String> {
    let key = format!("data-{name}=\"");
    let start = dom.find(&key)? + key.len();
    let end = start + dom[start..].find('"')?;
    Some(
        dom[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// `html` with `script` run at the end of its body (the report has no script of its
/// own; a test adds one to measure the page).
pub fn with_script(html: &str, script: &str) -> String {
    html.replace("</body>", &format!("<script>{script}</script>\n</body>"))
}
