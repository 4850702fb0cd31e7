//! Dates and times as the people at the meeting read them, in the host's locale: "5
//! December 2026", "10:30", "5 December 2026, 10:30" for en-GB. In the browser the
//! `Intl.DateTimeFormat` of the browser's own locale writes them (a moment in the
//! browser's time zone); with no browser (server-side rendering, host tests) the core's
//! English words do ([`crate::dates`]). The record keeps ISO 8601; only what is shown
//! changes. Every view that shows a date, a time or a moment goes through here, on screen
//! and in print.

use crate::record::{ClockTime, IsoDate, Timestamp};

/// "5 December 2026" (en-GB).
pub fn date(value: IsoDate) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl::date(value) {
        return text;
    }
    crate::dates::long_date(value)
}

/// "10:30" (en-GB), a time of day as the meeting gave it.
pub fn time(value: ClockTime) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl::time(value) {
        return text;
    }
    crate::dates::clock(value)
}

/// "5 December 2026, 10:30" (en-GB): a moment, in the browser's time zone (in UTC, and
/// said, without one).
pub fn moment(value: Timestamp) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl::moment(value) {
        return text;
    }
    crate::dates::date_time_utc(value)
}

/// Today's date where the widget runs: the browser's, in its time zone (UTC's with no
/// browser).
pub fn today() -> time::Date {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        let month = u8::try_from(now.get_month() + 1)
            .ok()
            .and_then(|month| time::Month::try_from(month).ok());
        let date = month.and_then(|month| {
            time::Date::from_calendar_date(
                i32::try_from(now.get_full_year()).ok()?,
                month,
                u8::try_from(now.get_date()).ok()?,
            )
            .ok()
        });
        if let Some(date) = date {
            return date;
        }
    }
    time::OffsetDateTime::now_utc().date()
}

/// The optional date's words, or nothing.
pub fn date_or_blank(value: Option<IsoDate>) -> String {
    value.map(date).unwrap_or_default()
}

/// The browser's own formatters, made once per widget thread (a table of 200 actions asks
/// for 200 dates on each redraw).
#[cfg(target_arch = "wasm32")]
mod intl {
    use super::*;
    use js_sys::{Array, Date, Function, Intl::DateTimeFormat, Object, Reflect};
    use wasm_bindgen::JsValue;

    /// A formatter's `format` function, for the browser's default locale and these options.
    fn formatter(options: &[(&str, &str)]) -> Option<Function> {
        let object = Object::new();
        for (key, value) in options {
            Reflect::set(&object, &(*key).into(), &(*value).into()).ok()?;
        }
        Some(DateTimeFormat::new(&Array::new(), &object).format())
    }

    thread_local! {
        /// A calendar date, read in UTC so that no time zone moves it to another day.
        static DATE: Option<Function> = formatter(&[
            ("day", "numeric"), ("month", "long"), ("year", "numeric"), ("timeZone", "UTC"),
        ]);
        /// A time of day as given, read in UTC for the same reason.
        static TIME: Option<Function> = formatter(&[
            ("hour", "2-digit"), ("minute", "2-digit"), ("timeZone", "UTC"),
        ]);
        /// A moment's date, in the browser's time zone.
        static LOCAL_DATE: Option<Function> = formatter(&[
            ("day", "numeric"), ("month", "long"), ("year", "numeric"),
        ]);
        /// A moment's time, in the browser's time zone.
        static LOCAL_TIME: Option<Function> = formatter(&[("hour", "2-digit"), ("minute", "2-digit")]);
    }

    fn format(
        which: &'static std::thread::LocalKey<Option<Function>>,
        milliseconds: f64,
    ) -> Option<String> {
        let date = Date::new(&JsValue::from_f64(milliseconds));
        which.with(|format| {
            format
                .as_ref()?
                .call1(&JsValue::UNDEFINED, &date)
                .ok()?
                .as_string()
        })
    }

    /// Milliseconds since the epoch of a UTC date and time.
    fn utc_milliseconds(at: time::PrimitiveDateTime) -> f64 {
        (at.assume_utc().unix_timestamp_nanos() / 1_000_000) as f64
    }

    thread_local! {
        /// Dates already written: a record holds few distinct dates, and a list's table
        /// asks for each again on every redraw (each key typed in its form). A sorted
        /// list: a hash map of dates would compile a hash table of its own into the module.
        static WRITTEN: std::cell::RefCell<crate::record::LiteMap<IsoDate, String>> =
            Default::default();
    }

    /// The most dates kept written; past it, the cache starts again.
    const KEPT: usize = 4096;

    pub fn date(value: IsoDate) -> Option<String> {
        if let Some(text) = WRITTEN.with(|written| written.borrow().get(&value).cloned()) {
            return Some(text);
        }
        let text = format(&DATE, utc_milliseconds(value.0.midnight()))?;
        WRITTEN.with(|written| {
            let mut written = written.borrow_mut();
            if written.len() >= KEPT {
                written.clear();
            }
            written.insert(value, text.clone());
        });
        Some(text)
    }

    pub fn time(value: ClockTime) -> Option<String> {
        let day = time::Date::from_calendar_date(2000, time::Month::January, 1).ok()?;
        format(&TIME, utc_milliseconds(day.with_time(value.0)))
    }

    pub fn moment(value: Timestamp) -> Option<String> {
        let milliseconds = (value.0.unix_timestamp_nanos() / 1_000_000) as f64;
        Some(format!(
            "{}, {}",
            format(&LOCAL_DATE, milliseconds)?,
            format(&LOCAL_TIME, milliseconds)?
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a browser, the core's English words.
    #[test]
    fn without_a_browser_dates_read_in_english() {
        assert_eq!(date("2026-12-05".parse().unwrap()), "5 December 2026");
        assert_eq!(time("10:30".parse().unwrap()), "10:30");
        assert_eq!(
            moment("2026-12-05T06:27:42.778Z".parse().unwrap()),
            "5 December 2026, 06:27 UTC"
        );
        assert_eq!(date_or_blank(None), "");
    }
}
