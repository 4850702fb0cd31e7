//! Host tests of the working-day clocks (ICPC within 15 working days of the strategy
//! discussion, meeting record distributed within 1 working day). They run with and without
//! the web layer (`cargo test --no-default-features --test clock`).
//!
//! Every expected date was worked out by hand from a calendar, never by calling the code
//! under test; `calendar_facts` pins the weekdays that reasoning relies on, so a wrong
//! premise fails there rather than hiding inside a wrong expectation.

use std::fmt::Debug;

use risk_sensible::meeting::{
    add_working_days, distribution_due, icpc_due, working_days_between, Clock, Holidays,
    DISTRIBUTION_WORKING_DAYS, ICPC_WORKING_DAYS,
};
use time::macros::format_description;
use time::{Date, Weekday};

/// A date from `YYYY-MM-DD`. Strings keep the tables readable (rustfmt would space out
/// the `date!` macro's arguments).
fn d(text: &str) -> Date {
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .unwrap_or_else(|_| panic!("bad test date {text}"))
}

/// The one assertion every table goes through, so each failure names its case.
#[track_caller]
fn check<T: PartialEq + Debug>(case: &str, got: T, want: T) {
    assert_eq!(got, want, "case: {case}");
}

fn ew() -> Holidays {
    Holidays::england_and_wales()
}

/// Scotland-style 2026 list: 2 January is a holiday, Easter Monday is not, and the summer
/// holiday is the first Monday in August. Enough to show a host list changes answers.
fn scotland_2026() -> Holidays {
    Holidays::new(
        [
            "2026-01-01",
            "2026-01-02",
            "2026-04-03",
            "2026-05-04",
            "2026-05-25",
            "2026-08-03",
            "2026-11-30",
            "2026-12-25",
            "2026-12-28",
        ]
        .map(d),
    )
}

#[test]
fn calendar_facts() {
    use Weekday::*;
    for (date, weekday) in [
        ("2026-03-02", Monday),
        ("2026-03-06", Friday),
        ("2026-03-07", Saturday),
        ("2026-03-08", Sunday),
        ("2026-04-03", Friday),
        ("2026-04-06", Monday),
        ("2026-05-25", Monday),
        ("2026-12-14", Monday),
        ("2026-12-24", Thursday),
        ("2026-12-25", Friday),
        ("2026-12-26", Saturday),
        ("2026-12-28", Monday),
        ("2027-01-01", Friday),
        ("2027-01-07", Thursday),
        ("2027-12-24", Friday),
        ("2025-12-31", Wednesday),
        ("2026-01-02", Friday),
        ("2024-12-20", Friday),
        ("2030-12-16", Monday),
        ("2031-01-01", Wednesday),
        ("2031-03-03", Monday),
        ("9999-12-31", Friday),
    ] {
        check(date, d(date).weekday(), weekday);
    }
}

#[test]
fn embedded_england_and_wales_list_parses_completely() {
    let holidays = ew();
    // The fallback for an unreadable file covers no year, so this proves it parsed.
    check("covered years", holidays.covered_years(), Some(2025..=2030));

    // Every date in the file is a holiday, and no other day in those years is.
    let file: serde_json::Value = serde_json::from_str(include_str!(
        "../core/src/meeting/bank-holidays-england-and-wales.json"
    ))
    .unwrap();
    let listed: Vec<Date> = file["dates"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|year| year.as_array().unwrap())
        .map(|date| d(date.as_str().unwrap()))
        .collect();
    check("dates in the file", listed.len(), 48);
    for date in &listed {
        check(
            &format!("{date} is a holiday"),
            holidays.is_holiday(*date),
            true,
        );
    }
    let mut day = d("2025-01-01");
    let mut found = 0;
    while day <= d("2030-12-31") {
        found += usize::from(holidays.is_holiday(day));
        day = day.next_day().unwrap();
    }
    check("holidays found by scanning 2025-2030", found, 48);
}

#[test]
fn holiday_queries() {
    let holidays = ew();
    for (case, date, holiday, working, covers) in [
        ("ordinary Monday", "2026-03-02", false, true, true),
        ("ordinary Saturday", "2026-03-07", false, false, true),
        ("Good Friday 2026", "2026-04-03", true, false, true),
        ("Easter Monday 2026", "2026-04-06", true, false, true),
        (
            "Christmas Day 2026 (Friday)",
            "2026-12-25",
            true,
            false,
            true,
        ),
        // Boxing Day 2026 is a Saturday; the holiday moves to Monday 28th.
        (
            "Boxing Day 2026 (Saturday)",
            "2026-12-26",
            false,
            false,
            true,
        ),
        (
            "Boxing Day substitute 2026",
            "2026-12-28",
            true,
            false,
            true,
        ),
        (
            "New Year's Day 2028 substitute",
            "2028-01-03",
            true,
            false,
            true,
        ),
        ("first covered day", "2025-01-01", true, false, true),
        ("last covered day", "2030-12-31", false, true, true),
        ("day before coverage", "2024-12-31", false, true, false),
        // Really a bank holiday, but the list does not know 2031: hence `covers`.
        ("New Year's Day 2031", "2031-01-01", false, true, false),
    ] {
        check(case, holidays.is_holiday(d(date)), holiday);
        check(case, holidays.is_working_day(d(date)), working);
        check(case, holidays.covers(d(date)), covers);
    }
}

#[test]
fn add_working_days_england_and_wales() {
    let holidays = ew();
    for (case, start, days, want) in [
        // Plain weeks in March 2026 (no bank holidays).
        ("Monday + 0 is Monday", "2026-03-02", 0, "2026-03-02"),
        ("Monday + 1 is Tuesday", "2026-03-02", 1, "2026-03-03"),
        ("Monday + 4 is Friday", "2026-03-02", 4, "2026-03-06"),
        ("Monday + 5 is next Monday", "2026-03-02", 5, "2026-03-09"),
        (
            "Wednesday + 3 crosses a weekend",
            "2026-03-04",
            3,
            "2026-03-09",
        ),
        (
            "Monday + 10 is two weeks on",
            "2026-03-02",
            10,
            "2026-03-16",
        ),
        // The start never counts, whatever day it is.
        ("Friday + 1 is Monday", "2026-03-06", 1, "2026-03-09"),
        ("Saturday + 1 is Monday", "2026-03-07", 1, "2026-03-09"),
        ("Sunday + 1 is Monday", "2026-03-08", 1, "2026-03-09"),
        ("Saturday + 0 stays Saturday", "2026-03-07", 0, "2026-03-07"),
        ("Saturday + 5 is Friday", "2026-03-07", 5, "2026-03-13"),
        // Easter 2026: Good Friday 3 April, Easter Monday 6 April. From Thursday 2nd the
        // next working day skips Fri (holiday), Sat, Sun, Mon (holiday) to Tuesday 7th.
        ("Thursday before Easter + 1", "2026-04-02", 1, "2026-04-07"),
        ("Wednesday before Easter + 2", "2026-04-01", 2, "2026-04-07"),
        ("Thursday before Easter + 2", "2026-04-02", 2, "2026-04-08"),
        ("Good Friday start + 1", "2026-04-03", 1, "2026-04-07"),
        ("Easter Monday start + 1", "2026-04-06", 1, "2026-04-07"),
        // Christmas 2026: Fri 25 holiday, Sat 26, Sun 27, Mon 28 substitute for Boxing Day.
        ("Christmas Eve + 1", "2026-12-24", 1, "2026-12-29"),
        ("Wednesday 23 Dec + 2", "2026-12-23", 2, "2026-12-29"),
        ("Boxing Day (Saturday) + 1", "2026-12-26", 1, "2026-12-29"),
        // New Year 2027: Thu 31 Dec, then Fri 1 Jan (holiday), weekend, Mon 4 Jan.
        ("31 Dec 2026 + 1", "2026-12-31", 1, "2027-01-04"),
        // Tue 29 (1), Wed 30 (2), Thu 31 (3), Mon 4 Jan (4).
        (
            "Christmas Eve + 4 spans New Year",
            "2026-12-24",
            4,
            "2027-01-04",
        ),
        // Christmas 2027 falls at the weekend: substitutes Mon 27 and Tue 28.
        (
            "Christmas Eve 2027 (Friday) + 1",
            "2027-12-24",
            1,
            "2027-12-29",
        ),
        // 1 Jan 2028 is a Saturday: substitute Mon 3 Jan.
        ("31 Dec 2027 (Friday) + 1", "2027-12-31", 1, "2028-01-04"),
    ] {
        check(case, add_working_days(d(start), days, &holidays), d(want));
    }
}

#[test]
fn working_days_between_counts() {
    let holidays = ew();
    for (case, from, to, want) in [
        ("same day", "2026-03-02", "2026-03-02", 0),
        ("same Saturday", "2026-03-07", "2026-03-07", 0),
        ("Monday to Tuesday", "2026-03-02", "2026-03-03", 1),
        ("three plain weeks", "2026-03-02", "2026-03-23", 15),
        (
            "three plain weeks backwards",
            "2026-03-23",
            "2026-03-02",
            -15,
        ),
        ("Friday to Saturday", "2026-03-06", "2026-03-07", 0),
        ("Friday to Monday", "2026-03-06", "2026-03-09", 1),
        ("Monday back to Friday", "2026-03-09", "2026-03-06", -1),
        ("Saturday to Sunday", "2026-03-07", "2026-03-08", 0),
        ("Sunday back to Saturday", "2026-03-08", "2026-03-07", 0),
        ("Saturday to Monday", "2026-03-07", "2026-03-09", 1),
        ("over Easter", "2026-04-02", "2026-04-07", 1),
        // Fri 25 holiday, weekend, Mon 28 holiday: four days pass, none working.
        ("Christmas Eve to 28 Dec", "2026-12-24", "2026-12-28", 0),
        ("Christmas Eve to 29 Dec", "2026-12-24", "2026-12-29", 1),
        (
            "29 Dec back to Christmas Eve",
            "2026-12-29",
            "2026-12-24",
            -1,
        ),
        // ICPC due Thu 7 Jan 2027; on Mon 11 Jan it is overdue by Fri 8 and Mon 11.
        ("overdue by two", "2027-01-07", "2027-01-11", 2),
        // On Mon 4 Jan, Tue 5, Wed 6 and Thu 7 remain: due in three (negative from due).
        ("three still to run", "2027-01-07", "2027-01-04", -3),
        // 2026 has 365 days from Thu 1 Jan to Thu 31 Dec: 52 whole weeks (260 weekdays)
        // plus Thu 31 Dec, so 261 weekdays; all 8 bank holidays fall on weekdays: 253.
        ("the whole of 2026", "2025-12-31", "2026-12-31", 253),
    ] {
        check(case, working_days_between(d(from), d(to), &holidays), want);
    }
}

#[test]
fn statutory_clocks() {
    check("ICPC constant", ICPC_WORKING_DAYS, 15);
    check("distribution constant", DISTRIBUTION_WORKING_DAYS, 1);

    type ClockFn = fn(Date, &Holidays) -> Clock;
    let icpc: ClockFn = icpc_due;
    let distribution: ClockFn = distribution_due;
    let holidays = ew();
    for (case, clock, start, due, reliable) in [
        // Three plain weeks in March 2026.
        ("ICPC, no holidays", icpc, "2026-03-02", "2026-03-23", true),
        // Mon 23 Mar: 15 weekdays reach Mon 13 Apr; Good Friday and Easter Monday push
        // it two working days on, to Wed 15 Apr.
        ("ICPC over Easter", icpc, "2026-03-23", "2026-04-15", true),
        // Mon 14 Dec: 15 (1) .. 24 (8); 25 and 28 are holidays; 29 (9), 30 (10),
        // 31 (11); 1 Jan holiday; 4 Jan (12), 5 (13), 6 (14), 7 (15).
        (
            "ICPC over Christmas",
            icpc,
            "2026-12-14",
            "2027-01-07",
            true,
        ),
        (
            "distribution, Friday meeting",
            distribution,
            "2026-03-06",
            "2026-03-09",
            true,
        ),
        (
            "distribution, Saturday meeting",
            distribution,
            "2026-03-07",
            "2026-03-09",
            true,
        ),
        (
            "distribution over Easter",
            distribution,
            "2026-04-02",
            "2026-04-07",
            true,
        ),
        // Spring bank holiday Mon 25 May 2026 after a Friday meeting.
        (
            "distribution over spring bank holiday",
            distribution,
            "2026-05-22",
            "2026-05-26",
            true,
        ),
        (
            "distribution over Christmas",
            distribution,
            "2026-12-24",
            "2026-12-29",
            true,
        ),
        // Reliability: 2031 is outside the default list.
        (
            "distribution in the last covered week",
            distribution,
            "2030-12-23",
            "2030-12-24",
            true,
        ),
        // Really due Thu 2 Jan 2031 (1 Jan is a bank holiday), but the list cannot know.
        (
            "distribution into 2031",
            distribution,
            "2030-12-31",
            "2031-01-01",
            false,
        ),
        // Mon 16 Dec 2030: 17..20 (4), 23, 24 (6), 25 and 26 holidays, 27 (7), 30, 31 (9),
        // then 2031 with no known holidays: 1, 2, 3 Jan (12), 6, 7, 8 Jan (15).
        (
            "ICPC spanning into 2031",
            icpc,
            "2030-12-16",
            "2031-01-08",
            false,
        ),
        (
            "ICPC wholly in 2031",
            icpc,
            "2031-03-03",
            "2031-03-24",
            false,
        ),
        // The start is never counted, so a start in uncovered 2024 is fine: Tue 31 Dec
        // 2024, then 1 Jan 2025 holiday, Thu 2 Jan.
        (
            "distribution from 31 Dec 2024",
            distribution,
            "2024-12-31",
            "2025-01-02",
            true,
        ),
        // Fri 20 Dec 2024: 23, 24, 25, 26, 27 (5: Christmas 2024 unknown), 30, 31 (7),
        // 1 Jan 2025 holiday, 2, 3 (9), 6..10 (14), Mon 13 Jan (15).
        (
            "ICPC from 20 Dec 2024",
            icpc,
            "2024-12-20",
            "2025-01-13",
            false,
        ),
    ] {
        let got = clock(d(start), &holidays);
        check(case, (got.due, got.reliable), (d(due), reliable));
    }

    let names = [
        icpc_due(d("2026-03-02"), &holidays).name,
        distribution_due(d("2026-03-02"), &holidays).name,
    ];
    check("names are distinct", names[0] != names[1], true);
    check(
        "names are words",
        names.iter().all(|name| !name.is_empty()),
        true,
    );
}

#[test]
fn host_lists_change_answers() {
    let ew = ew();
    let scotland = scotland_2026();
    for (case, holidays, start, days, want) in [
        // Wed 31 Dec 2025: 1 Jan is a holiday everywhere, 2 Jan only in Scotland.
        ("E&W after New Year", &ew, "2025-12-31", 1, "2026-01-02"),
        (
            "Scotland after New Year",
            &scotland,
            "2025-12-31",
            1,
            "2026-01-05",
        ),
        // Scotland has no Easter Monday holiday.
        ("E&W over Easter", &ew, "2026-04-02", 1, "2026-04-07"),
        (
            "Scotland over Easter",
            &scotland,
            "2026-04-02",
            1,
            "2026-04-06",
        ),
        // Scotland's summer holiday is Mon 3 Aug; England's is Mon 31 Aug.
        ("E&W early August", &ew, "2026-07-31", 1, "2026-08-03"),
        (
            "Scotland early August",
            &scotland,
            "2026-07-31",
            1,
            "2026-08-04",
        ),
        (
            "Scotland St Andrew's Day",
            &scotland,
            "2026-11-27",
            1,
            "2026-12-01",
        ),
    ] {
        check(case, add_working_days(d(start), days, holidays), d(want));
    }

    // A host list covers the years of its earliest and latest dates.
    check(
        "Scotland years",
        scotland.covered_years(),
        Some(2026..=2026),
    );
    check(
        "Scotland covers 2026",
        scotland.covers(d("2026-12-31")),
        true,
    );
    check("Scotland not 2025", scotland.covers(d("2025-12-31")), false);
    check(
        "Scotland clock, start outside but counted days inside",
        distribution_due(d("2025-12-31"), &scotland),
        Clock {
            name: distribution_due(d("2025-12-31"), &ew).name,
            due: d("2026-01-05"),
            reliable: true,
        },
    );

    // A one-off extra day moves the answer but not the coverage.
    let extra = ew.clone().with_extra([d("2026-01-02"), d("2031-05-08")]);
    check(
        "extra day",
        add_working_days(d("2025-12-31"), 1, &extra),
        d("2026-01-05"),
    );
    check(
        "extra day is a holiday",
        extra.is_holiday(d("2031-05-08")),
        true,
    );
    check(
        "coverage unchanged",
        extra.covered_years(),
        Some(2025..=2030),
    );
    check(
        "extra does not cover 2031",
        extra.covers(d("2031-05-08")),
        false,
    );

    // A holiday listed on a Saturday removes nothing the weekend had not.
    let saturday = Holidays::new([d("2026-03-07")]);
    check(
        "Saturday holiday, add",
        add_working_days(d("2026-03-06"), 1, &saturday),
        d("2026-03-09"),
    );
    check(
        "Saturday holiday, between",
        working_days_between(d("2026-03-06"), d("2026-03-09"), &saturday),
        1,
    );

    // An empty list knows no holidays and covers nothing.
    let empty = Holidays::new([]);
    check("empty years", empty.covered_years(), None);
    check(
        "empty list counts Good Friday",
        add_working_days(d("2026-04-02"), 1, &empty),
        d("2026-04-03"),
    );
    check(
        "empty list is never reliable",
        distribution_due(d("2026-04-02"), &empty).reliable,
        false,
    );
}

#[test]
fn extremes_do_not_panic() {
    let ew = ew();
    let whole = Holidays::new([Date::MIN, Date::MAX]);
    // 9999-12-31 (Date::MAX) is a Friday.
    for (case, start, days, holidays, want) in [
        ("MAX + 0", Date::MAX, 0, &ew, Date::MAX),
        ("MAX + 1 saturates", Date::MAX, 1, &ew, Date::MAX),
        (
            "MAX + u32::MAX saturates",
            Date::MAX,
            u32::MAX,
            &ew,
            Date::MAX,
        ),
        (
            "MIN + u32::MAX saturates",
            Date::MIN,
            u32::MAX,
            &ew,
            Date::MAX,
        ),
        (
            "Wed 29 Dec 9999 + 1",
            d("9999-12-29"),
            1,
            &ew,
            d("9999-12-30"),
        ),
        ("Wed 29 Dec 9999 + 2", d("9999-12-29"), 2, &ew, Date::MAX),
        (
            "Wed 29 Dec 9999 + 3 saturates",
            d("9999-12-29"),
            3,
            &ew,
            Date::MAX,
        ),
        // With MAX itself a holiday, Thursday's next working day does not exist.
        ("holiday MAX", d("9999-12-30"), 1, &whole, Date::MAX),
        ("MIN + 0", Date::MIN, 0, &ew, Date::MIN),
    ] {
        check(case, add_working_days(start, days, holidays), want);
    }

    let span = working_days_between(Date::MIN, Date::MAX, &ew);
    check("MIN to MAX is positive", span > 0, true);
    check(
        "MAX to MIN is its negative",
        working_days_between(Date::MAX, Date::MIN, &ew),
        -span,
    );
    // Each of the 48 listed holidays is on a weekday, so it takes one day off the count.
    check(
        "holidays come off the whole-calendar count",
        working_days_between(Date::MIN, Date::MAX, &Holidays::new([])) - span,
        48,
    );

    let one_after_min = add_working_days(Date::MIN, 1, &ew);
    check("MIN + 1 is later", one_after_min > Date::MIN, true);
    check(
        "MIN + 1 is a working day",
        ew.is_working_day(one_after_min),
        true,
    );

    // `None` where only "no panic, and unreliable" matters (the date is far from any
    // calendar a person would check by hand).
    for (case, clock, due, reliable) in [
        (
            "ICPC from MAX",
            icpc_due(Date::MAX, &ew),
            Some(Date::MAX),
            false,
        ),
        ("ICPC from MIN", icpc_due(Date::MIN, &ew), None, false),
        (
            "distribution to MAX, uncovered",
            distribution_due(d("9999-12-30"), &ew),
            Some(Date::MAX),
            false,
        ),
        (
            "distribution to MAX, covered",
            distribution_due(d("9999-12-30"), &Holidays::new([d("9999-01-01")])),
            Some(Date::MAX),
            true,
        ),
        (
            "distribution past MAX",
            distribution_due(Date::MAX, &whole),
            Some(Date::MAX),
            false,
        ),
    ] {
        if let Some(due) = due {
            check(case, clock.due, due);
        }
        check(case, clock.reliable, reliable);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use risk_sensible::meeting::{add_working_days, working_days_between, Holidays};
    use time::{Date, Weekday};

    fn julian(date: Date) -> i32 {
        date.to_julian_day()
    }

    fn from_julian(day: i32) -> Date {
        Date::from_julian_day(day).unwrap()
    }

    fn is_weekend(date: Date) -> bool {
        matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The England and Wales dates, read from the data file independently of the crate.
    fn listed_holidays() -> BTreeSet<Date> {
        let file: serde_json::Value = serde_json::from_str(include_str!(
            "../core/src/meeting/bank-holidays-england-and-wales.json"
        ))
        .unwrap();
        file["dates"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|year| year.as_array().unwrap())
            .map(|date| super::d(date.as_str().unwrap()))
            .collect()
    }

    /// The slow, obviously right answer: walk one day at a time.
    fn walk(start: Date, days: u32, holidays: &BTreeSet<Date>) -> Date {
        let mut date = start;
        let mut left = days;
        while left > 0 {
            date = date.next_day().unwrap();
            if !is_weekend(date) && !holidays.contains(&date) {
                left -= 1;
            }
        }
        date
    }

    proptest! {
        #[test]
        fn adding_lands_on_a_working_day_and_counts_back(
            start in julian(Date::from_calendar_date(2024, time::Month::June, 1).unwrap())
                ..julian(Date::from_calendar_date(2030, time::Month::July, 1).unwrap()),
            days in 0u32..300,
            extra in proptest::collection::vec(0i32..2600, 0..12),
        ) {
            let start = from_julian(start);
            let base = julian(Date::from_calendar_date(2024, time::Month::June, 1).unwrap());
            let extra: Vec<Date> = extra.into_iter().map(|offset| from_julian(base + offset)).collect();
            let holidays = Holidays::england_and_wales().with_extra(extra.iter().copied());
            let mut oracle = listed_holidays();
            oracle.extend(extra);

            let due = add_working_days(start, days, &holidays);
            if days > 0 {
                prop_assert!(due > start);
                prop_assert!(!is_weekend(due), "{due} is a weekend");
                prop_assert!(!oracle.contains(&due), "{due} is a holiday");
            }
            prop_assert_eq!(working_days_between(start, due, &holidays), i64::from(days));
            prop_assert_eq!(working_days_between(due, start, &holidays), -i64::from(days));
            prop_assert_eq!(due, walk(start, days, &oracle));
        }

        #[test]
        fn any_input_is_safe(
            start in julian(Date::MIN)..=julian(Date::MAX),
            other in julian(Date::MIN)..=julian(Date::MAX),
            days in any::<u32>(),
        ) {
            let holidays = Holidays::england_and_wales();
            let (start, other) = (from_julian(start), from_julian(other));
            let due = add_working_days(start, days, &holidays);
            prop_assert!(due >= start);
            if due < Date::MAX {
                prop_assert_eq!(working_days_between(start, due, &holidays), i64::from(days));
            }
            prop_assert_eq!(
                working_days_between(start, other, &holidays),
                -working_days_between(other, start, &holidays)
            );
        }
    }
}

/// The clocks of a record with the host's timescales: each counted from its own start, in
/// working days (the pre-birth conference in weeks), and present only when it applies.
/// Expected dates worked out by hand (March 2026 has no bank holiday; Good Friday is 3
/// April and Easter Monday 6 April).
#[test]
fn a_records_clocks_follow_the_local_timescales() {
    use risk_sensible::meeting::{freeze_statutory_dates, statutory_clocks, Config, Deadlines};
    use risk_sensible::record::{IsoDate, Subject, SubjectRole, ThresholdRoute};
    let mut record = risk_sensible::example::example_record(false);
    let date = |text: &str| IsoDate(d(text));
    let due = |clock: Option<Clock>| clock.map(|clock| clock.due.to_string());
    // The example: concern and meeting on Monday 2 March, joint section 47 enquiries.
    let clocks = statutory_clocks(&record, &Config::default());
    check(
        "strategy discussion, 1 day",
        due(clocks.strategy_discussion),
        Some("2026-03-03".into()),
    );
    check(
        "distribution, 1 day",
        due(clocks.distribution),
        Some("2026-03-03".into()),
    );
    check(
        "conference, 15 days",
        due(clocks.icpc),
        Some("2026-03-23".into()),
    );
    // 45 working days from 2 March: 9 weeks to 4 May, less the bank holidays of 3 and 6
    // April and 4 May itself (early May bank holiday), so Thursday 7 May.
    check(
        "assessment, 45 days",
        due(clocks.assessment),
        Some("2026-05-07".into()),
    );
    check(
        "no pre-birth conference for a born child",
        clocks.pre_birth,
        None,
    );

    let config = Config {
        deadlines: Deadlines {
            strategy_discussion: 3,
            icpc: 10,
            assessment: 20,
            distribution: 2,
            pre_birth_weeks: 12,
        },
        ..Config::default()
    };
    let clocks = statutory_clocks(&record, &config);
    check(
        "strategy discussion, 3 days",
        due(clocks.strategy_discussion),
        Some("2026-03-05".into()),
    );
    check(
        "distribution, 2 days",
        due(clocks.distribution),
        Some("2026-03-04".into()),
    );
    check(
        "conference, 10 days",
        due(clocks.icpc),
        Some("2026-03-16".into()),
    );
    check(
        "assessment, 20 days",
        due(clocks.assessment),
        Some("2026-03-30".into()),
    );

    // Without the day the concern arose, neither clock that runs from it.
    record.meeting.concern_raised_on = None;
    let clocks = statutory_clocks(&record, &config);
    check(
        "no concern date",
        (clocks.strategy_discussion, clocks.assessment),
        (None, None),
    );

    // An unborn child due on 1 July: the pre-birth conference 12 weeks before, 8 April.
    record.subjects[0] = Subject {
        role: SubjectRole::Child,
        unborn: true,
        expected_date: Some(date("2026-07-01")),
        ..Subject::default()
    };
    let clocks = statutory_clocks(&record, &config);
    check(
        "pre-birth, 12 weeks",
        due(clocks.pre_birth),
        Some("2026-04-08".into()),
    );

    // No section 47 and no section 17: no conference, no assessment from the concern.
    record.meeting.concern_raised_on = Some(date("2026-03-02"));
    record.decisions.retain(|decision| {
        !decision
            .decision_type
            .is_some_and(|kind| kind.starts_section_47())
    });
    record.threshold.as_mut().unwrap().route = Some(ThresholdRoute::EarlyHelp);
    let clocks = statutory_clocks(&record, &config);
    check(
        "no section 47",
        (clocks.icpc, clocks.pre_birth, clocks.assessment),
        (None, None, None),
    );
    // Section 17 has an assessment.
    record.threshold.as_mut().unwrap().route = Some(ThresholdRoute::S17);
    check(
        "section 17",
        due(statutory_clocks(&record, &config).assessment),
        Some("2026-03-30".into()),
    );

    // Finalising writes the assessment's date only when the group set none.
    freeze_statutory_dates(&mut record, &config);
    check(
        "the group's own date kept",
        record.timescales.assessment_due,
        Some(date("2026-04-27")),
    );
    record.timescales.assessment_due = None;
    freeze_statutory_dates(&mut record, &config);
    check(
        "the statutory date written",
        record.timescales.assessment_due,
        Some(date("2026-03-30")),
    );
}

/// What a chair types for a date in a one-line entry ([`risk_sensible::dates::read_date`]).
mod typed_dates {
    use proptest::prelude::*;
    use risk_sensible::dates::read_date;
    use time::{Date, Duration};

    fn day(offset: i64) -> Date {
        Date::from_calendar_date(2026, time::Month::March, 2).unwrap() + Duration::days(offset)
    }

    proptest! {
        #[test]
        fn every_way_of_writing_a_date_reads_back_as_it(
            reference in -2000i64..2000,
            offset in -170i64..170,
        ) {
            let reference = day(reference);
            let date = reference + Duration::days(offset);
            let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
            for typed in [
                format!("{y}-{m:02}-{d:02}"),
                format!("{d}/{m}/{y}"),
                format!("{d}/{m}/{:02}", y % 100),
                format!("{d} {} {y}", date.month()),
                // Without a year: within half a year of the meeting, the nearest is meant.
                format!("{d}/{m}"),
                format!("{d} {}", date.month()),
                format!("{} {d}", &date.month().to_string()[..3]),
            ] {
                prop_assert_eq!(read_date(&typed, reference), Some(date), "{} from {}", typed, reference);
            }
        }

        #[test]
        fn a_weekday_is_the_next_one_after_the_meeting(reference in -2000i64..2000, ahead in 1i64..=7) {
            let reference = day(reference);
            let date = reference + Duration::days(ahead);
            let name = date.weekday().to_string();
            prop_assert_eq!(read_date(&name, reference), Some(date));
            prop_assert_eq!(read_date(&name[..3], reference), Some(date));
        }
    }
}
