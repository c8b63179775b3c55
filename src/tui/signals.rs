//! SIGTERM, SIGHUP and SIGINT: each sets a flag and wakes the event loop, which checks
//! the flags every turn, then saves and ends cleanly. (In raw mode Ctrl-C arrives as a key, which the keymap maps
//! to quit; SIGINT comes only from `kill`. Window size changes come as resize events.)

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{self, Handle};
use signal_hook::SigId;

use super::wake::Wake;

/// The signals listened for, with their names.
const HANDLED: [(i32, &str); 3] = [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")];

/// Flags set by the signals; handlers are removed when dropped.
pub struct Signals {
    flags: Vec<(&'static str, Arc<AtomicBool>)>,
    ids: Vec<SigId>,
    /// The thread that wakes the event loop on a signal, while there is one.
    waking: Option<Handle>,
}

impl Signals {
    /// Starts listening for SIGTERM, SIGHUP and SIGINT.
    pub fn register() -> io::Result<Signals> {
        let mut signals = Signals {
            flags: Vec::new(),
            ids: Vec::new(),
            waking: None,
        };
        for (signal, name) in HANDLED {
            let flag = Arc::new(AtomicBool::new(false));
            signals
                .ids
                .push(signal_hook::flag::register(signal, Arc::clone(&flag))?);
            signals.flags.push((name, flag));
        }
        Ok(signals)
    }

    /// From now on each of the signals also sends [`Wake::Signal`] to `wake`, from a
    /// thread of its own (after the flag is set), so that the event loop need not poll.
    pub fn wake(&mut self, wake: Sender<Wake>) -> io::Result<()> {
        let mut received = iterator::Signals::new(HANDLED.map(|(signal, _)| signal))?;
        self.waking = Some(received.handle());
        thread::Builder::new()
            .name("signals".to_string())
            .spawn(move || {
                for _ in received.forever() {
                    if wake.send(Wake::Signal).is_err() {
                        break;
                    }
                }
            })?;
        Ok(())
    }

    /// The name of a signal received since listening began, if any.
    pub fn received(&self) -> Option<&'static str> {
        self.flags
            .iter()
            .find(|(_, flag)| flag.load(Ordering::SeqCst))
            .map(|(name, _)| *name)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        if let Some(waking) = self.waking.take() {
            waking.close();
        }
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_sets_its_flag_and_wakes_the_loop() {
        let mut signals = Signals::register().unwrap();
        let (wake, woken) = std::sync::mpsc::channel();
        signals.wake(wake).unwrap();
        assert_eq!(signals.received(), None);
        signal_hook::low_level::raise(SIGHUP).unwrap();
        let wait = std::time::Duration::from_secs(5);
        assert!(matches!(woken.recv_timeout(wait), Ok(Wake::Signal)));
        assert_eq!(signals.received(), Some("SIGHUP"));
    }
}
