//! SIGTERM, SIGHUP and SIGINT: each sets a flag the event loop checks every turn, then
//! saves and ends cleanly. (In raw mode Ctrl-C arrives as a key, which the keymap maps
//! to quit; SIGINT comes only from `kill`. Window size changes come as resize events.)

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::SigId;

/// The signals listened for, with their names.
const HANDLED: [(i32, &str); 3] = [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")];

/// Flags set by the signals; handlers are removed when dropped.
pub struct Signals {
    flags: Vec<(&'static str, Arc<AtomicBool>)>,
    ids: Vec<SigId>,
}

impl Signals {
    /// Starts listening for SIGTERM, SIGHUP and SIGINT.
    pub fn register() -> io::Result<Signals> {
        let mut signals = Signals {
            flags: Vec::new(),
            ids: Vec::new(),
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
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_sets_its_flag() {
        let signals = Signals::register().unwrap();
        assert_eq!(signals.received(), None);
        signal_hook::low_level::raise(SIGHUP).unwrap();
        assert_eq!(signals.received(), Some("SIGHUP"));
    }
}
