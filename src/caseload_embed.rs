//! The JavaScript API of the caseload view: `mountCaseload(element, options)` and the handle
//! it returns (`summary`, `destroy`), and the `risk-sensible:open-record` event. Like
//! `embed.rs` for the meeting widget, this is the edge: the host's objects, the clock (for a
//! default as-of date) and DOM events live here; the analysis itself is
//! [`crate::analysis`].

use crate::analysis::report::{self, Parts};
use crate::analysis::table::ThemeTable;
use crate::analysis::{Settings, Summariser, Summary, DEFAULT_SUPPRESS_BELOW};
use crate::host_js::{bad_option, fire_event, hold, let_go, options_from_object, record_text};
use crate::meeting::{Deadlines, Holidays};
use crate::record::import::{self, one_line};
use crate::record::IsoDate;
use crate::view::{Caseload, CaseloadProps};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::{AppHandle, Callback};

/// The event dispatched on the host's element when someone asks to open a record.
pub const OPEN_RECORD_EVENT: &str = "risk-sensible:open-record";

/// What a host may pass to `mountCaseload` besides `records` (which is read on its own, a
/// record at a time). Every key is optional; an unknown key or a wrong type is an error.
#[derive(Debug, Default)]
struct CaseloadOptions {
    /// The day the analysis is for (default: today, in the browser's time zone).
    as_of: Option<IsoDate>,
    /// Working days ahead within which a statutory clock is due soon (default 5).
    due_within: Option<u32>,
    /// Counts below this in the themes are shown as `<N` (default 5; 0 turns it off).
    suppress_below: Option<u64>,
    /// Bank holidays for the working-day counts (replaces England and Wales).
    holidays: Option<Vec<IsoDate>>,
    /// The local timescales, as `mount` takes them.
    timescales: Option<Deadlines>,
    /// List every record rather than each child's most recent one.
    every_record: Option<bool>,
    /// Also check each record's digests and audit chain.
    verify: Option<bool>,
}

// Read as the record's structs are, by the table of its members.
crate::record::read_members!(CaseloadOptions {
    as_of,
    due_within,
    suppress_below,
    holidays,
    timescales,
    every_record,
    verify
});

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted caseload view, as the host holds it.
#[wasm_bindgen]
pub struct CaseloadHandle {
    element: Element,
    app: Option<AppHandle<Caseload>>,
    summary: Rc<Summary>,
    themes: Rc<Vec<ThemeTable>>,
}

#[wasm_bindgen]
impl CaseloadHandle {
    /// The analysis as a plain object: the same JSON as `risk-sensible summarise --format
    /// json` (hot spots and suppressed themes).
    pub fn summary(&self) -> Result<JsValue, JsError> {
        let text = report::to_json(&self.summary, Parts::Both, &self.themes).to_string();
        js_sys::JSON::parse(&text)
            .map_err(|_| JsError::new("risk-sensible: could not convert the summary"))
    }

    /// Unmounts the view and frees the element for another widget. Calling it twice is
    /// harmless.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            let_go(&self.element);
        }
    }
}

fn today() -> Option<time::Date> {
    let now = js_sys::Date::new_0();
    let month = time::Month::try_from(u8::try_from(now.get_month() + 1).ok()?).ok()?;
    time::Date::from_calendar_date(
        i32::try_from(now.get_full_year()).ok()?,
        month,
        u8::try_from(now.get_date()).ok()?,
    )
    .ok()
}

/// Reads the options object, leaving `records` out of the conversion: they are the host's
/// untrusted data, read one at a time by [`record_text`] and the import checks.
fn read_options(raw: &JsValue) -> Result<(CaseloadOptions, JsValue), JsError> {
    if raw.is_undefined() || raw.is_null() {
        return Ok((CaseloadOptions::default(), JsValue::UNDEFINED));
    }
    if !raw.is_object() || js_sys::Array::is_array(raw) {
        return Err(bad_option("options must be an object"));
    }
    let copy = js_sys::Object::assign(&js_sys::Object::new(), raw.unchecked_ref());
    let records = js_sys::Reflect::get(&copy, &"records".into()).unwrap_or(JsValue::UNDEFINED);
    let _ = js_sys::Reflect::delete_property(&copy, &"records".into());
    let options = options_from_object(&copy)?;
    Ok((options, records))
}

/// Mounts the caseload view of `options.records` into `element`.
///
/// Each record passes the same reading checks as `mount`'s `record` (and, with `verify`,
/// the digests too); one that does not is listed in a notice and left out, never fatal.
/// Throws an `Error` naming the problem when an option is unknown or has the wrong type, or
/// when `element` already holds a widget (destroy that one first).
#[wasm_bindgen(js_name = mountCaseload)]
pub fn mount_caseload(element: Element, options: JsValue) -> Result<CaseloadHandle, JsError> {
    let (options, records) = read_options(&options)?;
    let records: js_sys::Array = if records.is_undefined() || records.is_null() {
        js_sys::Array::new()
    } else if js_sys::Array::is_array(&records) {
        records.unchecked_into()
    } else {
        return Err(bad_option("records must be an array of decision records"));
    };
    let as_of = match options.as_of {
        Some(date) => date.0,
        None => today().ok_or_else(|| bad_option("could not tell today's date; pass asOf"))?,
    };
    let mut settings = Settings::new(as_of);
    if let Some(days) = options.due_within {
        settings.due_within = days;
    }
    if let Some(dates) = options.holidays {
        settings.holidays = Holidays::new(dates.into_iter().map(|date| date.0));
    }
    if let Some(deadlines) = options.timescales {
        if let Some(problem) = deadlines.out_of_range() {
            return Err(bad_option(format!("timescales: {problem}")));
        }
        settings.deadlines = deadlines;
    }
    settings.every_record = options.every_record.unwrap_or(false);
    let verify = options.verify.unwrap_or(false);
    hold(&element)?;

    let mut summariser = Summariser::new(settings);
    let mut problems = Vec::new();
    for (index, value) in records.iter().enumerate() {
        let where_ = format!("Record {} (records[{index}])", index + 1);
        let read = record_text(&value).and_then(|text| {
            if verify {
                import::import(&text)
            } else {
                import::parse_unverified(&text).and_then(|record| {
                    let problems = import::participant_reference_problems(&record);
                    if problems.is_empty() {
                        Ok(record)
                    } else {
                        Err(problems)
                    }
                })
            }
        });
        match read {
            Ok(record) => {
                if !summariser.add_record(&record) {
                    problems.push(format!(
                        "{where_}: record {} appears earlier in the list",
                        one_line(&record.meta.id, 100)
                    ));
                }
            }
            Err(found) => {
                summariser.add_bad_record();
                let first = found
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "not a decision record".into());
                problems.push(format!("{where_}: {first}"));
            }
        }
    }
    let summary = Rc::new(summariser.finish());
    let themes =
        Rc::new(summary.theme_tables(options.suppress_below.unwrap_or(DEFAULT_SUPPRESS_BELOW)));
    let instance = NEXT_INSTANCE.with(|next| {
        let value = next.get();
        next.set(value.wrapping_add(1));
        value
    });
    let on_open = {
        let element = element.clone();
        Callback::from(move |record_id: String| {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"recordId".into(), &record_id.into());
            fire_event(&element, OPEN_RECORD_EVENT, &detail);
        })
    };
    let props = CaseloadProps {
        summary: summary.clone(),
        themes: themes.clone(),
        problems: Rc::new(problems),
        id_prefix: format!("rsc{instance}").into(),
        on_open,
    };
    let app = yew::Renderer::<Caseload>::with_root_and_props(element.clone(), props).render();
    Ok(CaseloadHandle {
        element,
        app: Some(app),
        summary,
        themes,
    })
}
