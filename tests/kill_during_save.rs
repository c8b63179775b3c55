//! SIGKILL at any moment of a save leaves the old sidecar or the new one, never a broken
//! one. The test re-runs its own binary as a child that saves a large sidecar in a loop,
//! kills it at random moments hundreds of times, and parses what is on disk each time.

use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

const CHILD_ENV: &str = "SCHOLIA_TEST_SAVE_LOOP_DIR";
const TEST_NAME: &str = "sigkill_during_save_never_leaves_a_broken_sidecar";
const ANNOTATIONS: usize = 2000;
const ROUNDS: u64 = 200;

fn article(dir: &Path) -> Document {
    let path = dir.join("big.txt");
    if !path.exists() {
        let text = "Полковник Ахмед said «нет» 👍🏽 to AFP. ".repeat(ANNOTATIONS);
        fs::write(&path, text).unwrap();
    }
    Document::load(&path, 1 << 30).unwrap()
}

/// The child: saves two versions of a large sidecar alternately, forever.
fn save_loop(dir: &Path) {
    let doc = article(dir);
    let mut store = Store::new();
    let word = "Ахмед".len();
    let starts: Vec<usize> = doc.text().match_indices("Ахмед").map(|(i, _)| i).collect();
    for (n, start) in starts.iter().enumerate() {
        let mut a = Annotation::new(
            format!("a{}", n + 1),
            Kind::Entity,
            "PERSON",
            vec![Span::new(*start, start + word)],
        );
        a.quote = quote_for(&doc, &a.spans);
        store.insert_annotation(a);
    }
    let path = sidecar::path_for(doc.path());
    let mut round = 0u64;
    loop {
        let mut a = store.annotation("a1").cloned().unwrap();
        a.note = Some(format!("round {round}"));
        store.replace_annotation(a);
        sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
        if round == 0 {
            println!("ready");
            std::io::stdout().flush().unwrap();
        }
        round += 1;
    }
}

#[test]
fn sigkill_during_save_never_leaves_a_broken_sidecar() {
    if let Ok(dir) = env::var(CHILD_ENV) {
        save_loop(Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = article(dir.path());
    let path = sidecar::path_for(doc.path());
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..ROUNDS {
        let mut child = Command::new(env::current_exe().unwrap())
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The test harness prints its own lines first; wait for the child's first save.
        let stdout = child.stdout.take().unwrap();
        let ready = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("ready"));
        assert!(ready, "round {round}: the child did not start");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        sleep(Duration::from_micros(seed % 20_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let file = sidecar::read(&path)
            .unwrap_or_else(|e| panic!("round {round}: the sidecar on disk is broken: {e}"))
            .expect("a sidecar exists");
        assert_eq!(file.annotations.len(), ANNOTATIONS, "round {round}");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        // A kill between creating and renaming the temporary file may leave one behind;
        // it must never be mistaken for the sidecar. Clean up so they do not pile up.
        for entry in leftovers {
            fs::remove_file(entry.path()).unwrap();
        }
    }
}
