//! The one clock: times as RFC 3339 text, the way sidecars, journals and lock files
//! write them.

use std::time::SystemTime;

/// Now, to the second (`2026-03-04T10:20:30Z`).
pub fn now() -> String {
    seconds(SystemTime::now())
}

/// `time` to the second (`2026-03-04T10:20:30Z`).
pub fn seconds(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// `time` to the nanosecond, for telling two versions of a file apart.
pub fn nanos(time: SystemTime) -> String {
    humantime::format_rfc3339_nanos(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn times_are_rfc3339_in_utc() {
        let time = UNIX_EPOCH + Duration::new(1_772_619_630, 5);
        assert_eq!(seconds(time), "2026-03-04T10:20:30Z");
        assert_eq!(nanos(time), "2026-03-04T10:20:30.000000005Z");
        assert_eq!(now().len(), "2026-03-04T10:20:30Z".len());
    }
}
