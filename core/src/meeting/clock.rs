//! Statutory clocks counted in working days.
//!
//! Safeguarding timescales in England are set in working days: an initial child protection
//! conference (ICPC) is due within [`ICPC_WORKING_DAYS`] working days of the strategy
//! discussion that starts section 47 enquiries, and the meeting record goes to attendees
//! within [`DISTRIBUTION_WORKING_DAYS`] working day of the meeting. A working day is any day
//! that is not a Saturday, a Sunday or a bank holiday.
//!
//! Bank holidays differ by UK nation and governments add one-off days, so the list is a
//! value ([`Holidays`]) the host can replace or extend; England and Wales is the default.
//! A list only knows the years it was written for, so every [`Clock`] says whether its
//! answer is [`reliable`](Clock::reliable): a date counted outside the list's years might
//! be a holiday nobody told us about.
//!
//! Like the rest of the core, nothing here reads the clock or does I/O, and no input makes
//! it panic: results that would fall past [`Date::MAX`] saturate there instead.

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use time::{Date, Weekday};

use crate::record::IsoDate;

/// Working days from the strategy discussion that starts section 47 enquiries to the
/// initial child protection conference (Working Together to Safeguard Children).
pub const ICPC_WORKING_DAYS: u32 = 15;

/// Working days from the meeting to distributing its record to the attendees.
pub const DISTRIBUTION_WORKING_DAYS: u32 = 1;

/// The England and Wales list, embedded so the widget works without the host supplying one.
const ENGLAND_AND_WALES_JSON: &str = include_str!("bank-holidays-england-and-wales.json");

/// A list of bank holidays and the years it is known to cover.
///
/// The years matter as much as the dates: a date outside them is treated as an ordinary
/// day, so [`covers`](Holidays::covers) lets a caller tell "not a holiday" from "not known",
/// and the clock functions report the difference through [`Clock::reliable`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holidays {
    /// The holidays, sorted and each once, so a range of dates can be counted without
    /// walking every day. A list of a few dozen a year needs no tree: a binary search
    /// finds a date, and the code of a B-tree of dates would be in the widget for it.
    dates: Vec<Date>,
    /// The first and last year the list is complete for, or `None` when it covers no year
    /// at all (an empty host list).
    years: Option<(i32, i32)>,
}

impl Holidays {
    /// Bank holidays in England and Wales, from the list embedded in the crate (2025 to
    /// 2030 at the time of writing; [`covered_years`](Holidays::covered_years) says exactly).
    ///
    /// The list is parsed once and cached, so calling this often is cheap (it clones a
    /// small set). If the embedded file ever failed to parse, the result would be an empty
    /// list that covers no year, so every clock would say it is unreliable rather than the
    /// widget crashing; a test proves the file parses, so that should never be seen.
    pub fn england_and_wales() -> Holidays {
        static CACHE: OnceLock<Holidays> = OnceLock::new();
        CACHE
            .get_or_init(|| parse_holiday_file(ENGLAND_AND_WALES_JSON).unwrap_or_else(empty))
            .clone()
    }

    /// A host-provided list, for instance Scotland's or Northern Ireland's bank holidays.
    ///
    /// The list is taken to cover every year from its earliest date's year to its latest
    /// date's year, inclusive, so supply whole years. An empty list covers no year, which
    /// makes every clock unreliable.
    pub fn new(dates: impl IntoIterator<Item = Date>) -> Holidays {
        let dates = empty().with_extra(dates).dates;
        let years = match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => Some((first.year(), last.year())),
            _ => None,
        };
        Holidays { dates, years }
    }

    /// This list with one-off holidays added (a royal funeral, a coronation).
    ///
    /// The covered years do not change: one extra day in a year says nothing about the rest
    /// of that year's holidays.
    #[must_use]
    pub fn with_extra(mut self, dates: impl IntoIterator<Item = Date>) -> Holidays {
        for date in dates {
            insert_sorted(&mut self.dates, date);
        }
        self
    }

    /// Whether `date` is on the list. Says nothing about weekends.
    pub fn is_holiday(&self, date: Date) -> bool {
        self.dates.binary_search(&date).is_ok()
    }

    /// Whether `date` is a working day: a Monday to Friday that is not on the list.
    ///
    /// A date outside the covered years counts as a working day unless it is a weekend or
    /// on the list; check [`covers`](Holidays::covers) to know whether that is certain.
    pub fn is_working_day(&self, date: Date) -> bool {
        is_weekday(date) && !self.is_holiday(date)
    }

    /// Whether the list is known to be complete for the year of `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.years
            .is_some_and(|(first, last)| (first..=last).contains(&date.year()))
    }

    /// The first and last year the list covers, inclusive, or `None` if it covers none.
    /// Useful for telling the user why a clock is unreliable.
    pub fn covered_years(&self) -> Option<RangeInclusive<i32>> {
        self.years.map(|(first, last)| first..=last)
    }

    /// How many holidays fall on a weekday after `from` up to and including `to`. Holidays
    /// at a weekend are skipped because the weekend already removed those days.
    fn weekday_holidays_between(&self, from: Date, to: Date) -> i64 {
        if to <= from {
            // An empty span; the explicit check also keeps the slice's bounds in order.
            return 0;
        }
        let first = self.dates.partition_point(|date| *date <= from);
        let end = self.dates.partition_point(|date| *date <= to);
        let count = self.dates[first..end]
            .iter()
            .filter(|date| is_weekday(**date))
            .count();
        // A set of dates can never hold more than i64::MAX entries, but saturating keeps
        // the conversion free of a panic path all the same.
        i64::try_from(count).unwrap_or(i64::MAX)
    }

    /// Whether the list covers every date after `from` up to and including `to`, the
    /// dates a count between them looks at. Coverage is a single run of years, so checking
    /// both ends is enough.
    fn covers_span(&self, from: Date, to: Date) -> bool {
        if to <= from {
            // Nothing is counted, so nothing can have been missed.
            return true;
        }
        match from.next_day() {
            Some(first_counted) => self.covers(first_counted) && self.covers(to),
            // Unreachable in practice: a `from` of `Date::MAX` leaves no `to` after it.
            None => true,
        }
    }
}

/// A list that covers nothing: the safe fallback when the embedded file cannot be read.
fn empty() -> Holidays {
    Holidays {
        dates: Vec::new(),
        years: None,
    }
}

/// Reads the embedded file: `{"dates": {"2025": ["2025-01-01", …], …}}` (its other members,
/// `division` and `note`, are for people reading it). Every date must parse and sit under
/// its own year, and the years must run without a gap, because the years are what
/// [`Holidays::covers`] trusts.
///
/// The file is read as a JSON value, whose reader the widget has already: a type of its
/// own would compile another reader into the widget.
fn parse_holiday_file(json: &str) -> Option<Holidays> {
    let file: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut dates = Vec::new();
    let mut years: Option<(i32, i32)> = None;
    // The years are the object's keys, in order: each must be the one after the last.
    for (year, list) in file.get("dates")?.as_object()? {
        let year: i32 = year.parse().ok()?;
        years = match years {
            None => Some((year, year)),
            Some((first, last)) if last.checked_add(1) == Some(year) => Some((first, year)),
            Some(_) => return None,
        };
        for text in list.as_array()? {
            let date = crate::record::read_date(text.as_str()?)?;
            if date.year() != year {
                return None;
            }
            insert_sorted(&mut dates, date);
        }
    }
    years?;
    Some(Holidays { dates, years })
}

/// Puts `date` into the sorted `dates` where it belongs, unless it is there already.
fn insert_sorted(dates: &mut Vec<Date>, date: Date) {
    if let Err(at) = dates.binary_search(&date) {
        dates.insert(at, date);
    }
}

/// Whether `date` is Monday to Friday.
fn is_weekday(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The number of weekdays from a fixed Monday in the distant past up to and including the
/// day with Julian day number `julian`. Differences of this give weekday counts by
/// arithmetic, so even a count across the whole calendar takes constant time.
///
/// Julian day 0 is a Monday, so `julian mod 7` is the day of the week counted from Monday.
fn weekdays_through(julian: i64) -> i64 {
    let week = julian.div_euclid(7);
    let day_of_week = julian.rem_euclid(7);
    5 * week + (day_of_week + 1).min(5)
}

/// The earliest Julian day number whose [`weekdays_through`] reaches `count`. It is always
/// a weekday, because the running count only rises on weekdays.
fn julian_of_weekday_count(count: i64) -> i64 {
    let before = count - 1;
    7 * before.div_euclid(5) + before.rem_euclid(5)
}

/// The `days`-th working day after `start`, or `None` if it falls after [`Date::MAX`].
///
/// The count skips weekends by arithmetic, then moves on by one weekday for each holiday
/// that landed inside the stretch just covered, repeating until a stretch holds none. Each
/// round passes at least one holiday, so the loop ends within the size of the list.
fn checked_add_working_days(start: Date, days: u32, holidays: &Holidays) -> Option<Date> {
    if days == 0 {
        return Some(start);
    }
    let mut from = start;
    let mut extra = i64::from(days);
    loop {
        let target = weekdays_through(i64::from(from.to_julian_day())) + extra;
        let julian = i32::try_from(julian_of_weekday_count(target)).ok()?;
        let to = Date::from_julian_day(julian).ok()?;
        extra = holidays.weekday_holidays_between(from, to);
        if extra == 0 {
            return Some(to);
        }
        from = to;
    }
}

/// Working days within which the local authority notifies the Child Safeguarding Practice
/// Review Panel of a child's death or serious harm, with abuse or neglect known or suspected
/// (Children Act 2004, section 16C; Working Together to Safeguard Children).
pub const PANEL_NOTIFICATION_WORKING_DAYS: u32 = 5;

/// The day the Panel's notification is due, for a death or serious harm learned of on
/// `learned`.
pub fn panel_notification_due(learned: IsoDate, holidays: &Holidays) -> IsoDate {
    IsoDate(add_working_days(
        learned.0,
        PANEL_NOTIFICATION_WORKING_DAYS,
        holidays,
    ))
}

/// The date `days` working days after `start`, using `holidays` for bank holidays.
///
/// `start` itself never counts, whether or not it is a working day, so one working day
/// after a Friday, a Saturday or a Sunday is the following Monday (when that is not a
/// holiday). `days == 0` returns `start` unchanged. For any other count the answer is
/// always a working day, unless it would fall after [`Date::MAX`]: then the answer
/// saturates to `Date::MAX` rather than panicking.
pub fn add_working_days(start: Date, days: u32, holidays: &Holidays) -> Date {
    checked_add_working_days(start, days, holidays).unwrap_or(Date::MAX)
}

/// The number of working days after `from` up to and including `to`.
///
/// Zero when the two are the same date or only non-working days lie between them.
/// Negative when `to` is before `from`: `working_days_between(due, today)` is how many
/// working days a clock is overdue by (positive) or still has to run (negative). The
/// count is antisymmetric, `working_days_between(a, b) == -working_days_between(b, a)`,
/// and undoes [`add_working_days`]: `working_days_between(start, add_working_days(start,
/// n)) == n` whenever the addition did not saturate.
pub fn working_days_between(from: Date, to: Date, holidays: &Holidays) -> i64 {
    if to < from {
        return -working_days_between(to, from, holidays);
    }
    let weekdays = weekdays_through(i64::from(to.to_julian_day()))
        - weekdays_through(i64::from(from.to_julian_day()));
    weekdays - holidays.weekday_holidays_between(from, to)
}

/// A statutory deadline worked out from a meeting date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// What is due, in words a chair would use.
    pub name: &'static str,
    /// The last day it may happen on.
    pub due: Date,
    /// `false` when the holiday list does not cover every date counted (so an unknown
    /// holiday could move the deadline) or when the count ran past [`Date::MAX`]. The
    /// view should then ask the user to check the date rather than present it as certain.
    pub reliable: bool,
}

/// A clock `days` working days after `from`, with its reliability worked out.
pub fn clock(name: &'static str, from: Date, days: u32, holidays: &Holidays) -> Clock {
    match checked_add_working_days(from, days, holidays) {
        Some(due) => Clock {
            name,
            due,
            reliable: holidays.covers_span(from, due),
        },
        None => Clock {
            name,
            due: Date::MAX,
            reliable: false,
        },
    }
}

/// When the initial child protection conference is due: [`ICPC_WORKING_DAYS`] working days
/// after the strategy discussion that started section 47 enquiries.
pub fn icpc_due(strategy_discussion: Date, holidays: &Holidays) -> Clock {
    clock(
        "Initial child protection conference",
        strategy_discussion,
        ICPC_WORKING_DAYS,
        holidays,
    )
}

/// When the meeting record must reach the attendees: [`DISTRIBUTION_WORKING_DAYS`] working
/// day after the meeting.
pub fn distribution_due(meeting: Date, holidays: &Holidays) -> Clock {
    clock(
        "Meeting record distributed to attendees",
        meeting,
        DISTRIBUTION_WORKING_DAYS,
        holidays,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holiday_file_is_read_only_when_whole() {
        for (case, json, years) in [
            (
                "two years",
                r#"{"note": "n", "dates": {"2025": ["2025-12-25"], "2026": ["2026-01-01"]}}"#,
                Some((2025, 2026)),
            ),
            (
                "a year with no dates",
                r#"{"dates": {"2025": []}}"#,
                Some((2025, 2025)),
            ),
            (
                "a gap between years",
                r#"{"dates": {"2025": [], "2027": []}}"#,
                None,
            ),
            (
                "a date under another year",
                r#"{"dates": {"2025": ["2026-01-01"]}}"#,
                None,
            ),
            (
                "a date that is not one",
                r#"{"dates": {"2025": ["2025-02-30"]}}"#,
                None,
            ),
            (
                "a year that is not one",
                r#"{"dates": {"twenty": []}}"#,
                None,
            ),
            (
                "a list that is not one",
                r#"{"dates": {"2025": "2025-12-25"}}"#,
                None,
            ),
            ("no years", r#"{"dates": {}}"#, None),
            ("no dates", r#"{"note": "n"}"#, None),
            ("not JSON", r#"{"dates": "#, None),
        ] {
            let read = parse_holiday_file(json);
            assert_eq!(read.as_ref().and_then(|h| h.years), years, "{case}");
        }
        let read = parse_holiday_file(r#"{"dates": {"2025": ["2025-12-25", "2025-12-26"]}}"#);
        assert_eq!(read.map(|h| h.dates.len()), Some(2));
    }
}
