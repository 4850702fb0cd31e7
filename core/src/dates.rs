//! Dates and times in words, as people in an English meeting read them: "5 December 2026",
//! "10:30", "5 December 2026, 10:30". The record keeps ISO 8601 (`2026-12-05`); what people
//! read never does. The core writes these in its own messages (findings, the family's
//! letter); the widget shows dates in the host's locale where a browser can say what that
//! is, and these words where none can (server-side rendering, tests).

use crate::record::{ClockTime, IsoDate, Timestamp};

/// "5 December 2026".
pub fn long_date(date: IsoDate) -> String {
    let date = date.0;
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// "10:30", on the 24-hour clock.
pub fn clock(time: ClockTime) -> String {
    let time = time.0;
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "5 December 2026, 06:27 UTC": a moment, in UTC (the core knows no time zone).
pub fn date_time_utc(at: Timestamp) -> String {
    let at = at.0.to_offset(time::UtcOffset::UTC);
    format!(
        "{} {} {}, {:02}:{:02} UTC",
        at.day(),
        at.month(),
        at.year(),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_words() {
        assert_eq!(long_date("2026-12-05".parse().unwrap()), "5 December 2026");
        assert_eq!(long_date("2027-01-31".parse().unwrap()), "31 January 2027");
        assert_eq!(clock("09:05".parse().unwrap()), "09:05");
        assert_eq!(
            date_time_utc("2026-12-05T06:27:42.778Z".parse().unwrap()),
            "5 December 2026, 06:27 UTC"
        );
        assert_eq!(
            date_time_utc("2026-12-05T10:30:00+01:00".parse().unwrap()),
            "5 December 2026, 09:30 UTC"
        );
    }
}
