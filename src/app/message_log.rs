//! Every status-line message of the session, kept (the last [`MAX_MESSAGES`]) with the
//! time it was said, so that what the one-line status line cut off or replaced can be
//! read again in the message log (`g m`).

use std::collections::VecDeque;
use std::time::SystemTime;

/// Most messages kept; older ones are dropped.
pub const MAX_MESSAGES: usize = 200;

/// One message as it was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    /// The whole text.
    pub text: String,
    /// Whether it reported a problem.
    pub error: bool,
    /// When it was last said.
    pub at: SystemTime,
    /// How many times in a row it was said (1 for most).
    pub times: usize,
}

/// The messages of the session, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageLog {
    messages: VecDeque<LoggedMessage>,
}

impl MessageLog {
    /// Keeps `text`; the same message said again in a row is counted, not repeated.
    pub fn push(&mut self, text: &str, error: bool, at: SystemTime) {
        if let Some(last) = self.messages.back_mut() {
            if last.text == text && last.error == error {
                last.times += 1;
                last.at = at;
                return;
            }
        }
        if self.messages.len() == MAX_MESSAGES {
            self.messages.pop_front();
        }
        self.messages.push_back(LoggedMessage {
            text: text.to_string(),
            error,
            at,
            times: 1,
        });
    }

    /// The messages kept, oldest first.
    pub fn messages(&self) -> &VecDeque<LoggedMessage> {
        &self.messages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_ones_and_counts_repeats() {
        let mut log = MessageLog::default();
        let now = SystemTime::now();
        for i in 0..MAX_MESSAGES + 5 {
            log.push(&format!("m{i}"), false, now);
        }
        log.push("Ж failed", true, now);
        log.push("Ж failed", true, now);
        let kept = log.messages();
        assert_eq!(kept.len(), MAX_MESSAGES);
        assert_eq!(kept[0].text, "m6");
        assert_eq!(kept.back().map(|m| (m.times, m.error)), Some((2, true)));
    }
}
