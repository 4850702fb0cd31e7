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

/// The date a chair means by what they type in a one-line entry, counted from `reference`
/// (the meeting's day): `2026-03-06`, `6/3`, `6/3/26`, `6 March`, `6 Mar 2026`, `today`,
/// `tomorrow`, a weekday (`Friday`, `fri`: the next one after `reference`), `in 3 days`,
/// `in 2 weeks`. Numbers are day first, as in the UK. A day and month without a year fall
/// in the year that puts them nearest to `reference` (`5 Jan` typed in December is next
/// January). `None` when the text is not a date.
pub fn read_date(text: &str, reference: time::Date) -> Option<time::Date> {
    use time::{Date, Duration, Month, Weekday};
    let text = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    let month_named = |word: &str| -> Option<Month> {
        let word = word.trim_end_matches('.');
        if word.len() < 3 {
            return None;
        }
        (1..=12u8)
            .filter_map(|number| Month::try_from(number).ok())
            .find(|month| month.to_string().to_ascii_lowercase().starts_with(word))
    };
    let weekday_named = |word: &str| -> Option<Weekday> {
        if word.len() < 3 {
            return None;
        }
        let mut day = Weekday::Monday;
        for _ in 0..7 {
            if day.to_string().to_ascii_lowercase().starts_with(word) {
                return Some(day);
            }
            day = day.next();
        }
        None
    };
    let year_of = |word: &str| -> Option<i32> {
        let number: i32 = word.parse().ok()?;
        match word.len() {
            2 => Some(2000 + number),
            4 => Some(number),
            _ => None,
        }
    };
    // The year that puts `month`/`day` nearest to the reference.
    let nearest = |month: Month, day: u8| -> Option<Date> {
        [reference.year() - 1, reference.year(), reference.year() + 1]
            .into_iter()
            .filter_map(|year| Date::from_calendar_date(year, month, day).ok())
            .min_by_key(|date| (*date - reference).abs())
    };
    let day_of = |word: &str| -> Option<u8> {
        let word = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        word.parse().ok().filter(|day| (1..=31).contains(day))
    };
    match words.as_slice() {
        ["today"] => Some(reference),
        ["tomorrow"] => reference.next_day(),
        ["in", count, unit] => {
            let count: i64 = count.parse().ok()?;
            let days = match unit.trim_end_matches('s') {
                "day" => count,
                "week" => count * 7,
                _ => return None,
            };
            reference.checked_add(Duration::days(days))
        }
        [iso] if iso.len() == 10 && iso.as_bytes()[4] == b'-' => crate::record::read_date(iso),
        [numbers] if numbers.contains('/') => {
            let parts: Vec<&str> = numbers.split('/').collect();
            let day: u8 = parts.first()?.parse().ok()?;
            let month = Month::try_from(parts.get(1)?.parse::<u8>().ok()?).ok()?;
            match parts.get(2) {
                None => nearest(month, day),
                Some(year) if parts.len() == 3 => {
                    Date::from_calendar_date(year_of(year)?, month, day).ok()
                }
                Some(_) => None,
            }
        }
        [word] => {
            let weekday = weekday_named(word)?;
            let mut date = reference.next_day()?;
            while date.weekday() != weekday {
                date = date.next_day()?;
            }
            Some(date)
        }
        [first, second, rest @ ..] if rest.len() <= 1 => {
            let (day, month) = match (day_of(first), month_named(second)) {
                (Some(day), Some(month)) => (day, month),
                _ => (day_of(second)?, month_named(first)?),
            };
            match rest {
                [] => nearest(month, day),
                [year] => Date::from_calendar_date(year_of(year)?, month, day).ok(),
                _ => None,
            }
        }
        _ => None,
    }
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

    #[test]
    fn a_chair_s_words_read_as_dates() {
        let monday: time::Date = "2026-03-02".parse::<IsoDate>().unwrap().0;
        let december: time::Date = "2026-12-05".parse::<IsoDate>().unwrap().0;
        for (reference, typed, meant) in [
            (monday, "2026-03-06", Some("2026-03-06")),
            (monday, "6/3", Some("2026-03-06")),
            (monday, "06/03/2026", Some("2026-03-06")),
            (monday, "6/3/26", Some("2026-03-06")),
            (monday, "6 March", Some("2026-03-06")),
            (monday, "6th Mar 2026", Some("2026-03-06")),
            (monday, "March 6", Some("2026-03-06")),
            (monday, "Today", Some("2026-03-02")),
            (monday, "tomorrow", Some("2026-03-03")),
            (monday, "Friday", Some("2026-03-06")),
            (monday, "fri", Some("2026-03-06")),
            // The same weekday is the next week's: today is "today".
            (monday, "monday", Some("2026-03-09")),
            (monday, "in 3 days", Some("2026-03-05")),
            (monday, "in 2 weeks", Some("2026-03-16")),
            (december, "5 Jan", Some("2027-01-05")),
            (monday, "20 December", Some("2025-12-20")),
            (december, "31/11", None),
            (monday, "30 February", None),
            (monday, "soon", None),
            (monday, "6", None),
            (monday, "", None),
            (monday, "6/3/2026/1", None),
            (monday, "ma", None),
        ] {
            let read = read_date(typed, reference).map(|date| IsoDate(date).to_string());
            assert_eq!(read.as_deref(), meant, "{typed:?} from {reference}");
        }
    }
}
