//! What the JavaScript-facing entry points (`mount` in `embed.rs`, `mountCaseload` in
//! `caseload_embed.rs`) share: reading a host's options object strictly, turning a
//! host's record object into JSON text safely, and dispatching events on its element.

use crate::record::import::{export_compact_after, ImportProblem, MAX_BYTES};
use crate::record::{CompactText, DecisionRecord};
use js_sys::JsString;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, Storage};

// The little the module does in JavaScript itself: an event's record read from its text only
// when a listener asks for it (then kept), and a draft put together from strings the page
// already has, so the record's text is copied out of the module once per change. Everything
// else goes through web-sys.
#[wasm_bindgen(inline_js = r#"
export function recordDetail(text) {
  let record;
  return {
    get record() {
      if (record === undefined) record = JSON.parse(text);
      return record;
    },
  };
}
export function draftText(header, record) {
  return `${header}\n${record}`;
}
export function storeText(storage, key, value) {
  storage.setItem(key, value);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = recordDetail)]
    fn record_detail(text: &JsString) -> js_sys::Object;
    #[wasm_bindgen(js_name = draftText)]
    fn draft_text(header: &str, record: &JsString) -> JsString;
    /// `storage.setItem` with a string that is already JavaScript's (web-sys's takes a Rust
    /// one and copies it out again).
    #[wasm_bindgen(js_name = storeText, catch)]
    fn store_text(storage: &Storage, key: &str, value: &JsString) -> Result<(), JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a string that is already JavaScript's.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_js(text: &JsString) -> Result<JsValue, JsValue>;
}

/// A record written out once, as compact JSON: the text (with where its parts lie, so that
/// the next revision's copies what did not change), and the same text as a JavaScript
/// string (copied out of the module once). A change on a large meeting writes hundreds of
/// kilobytes, on every keystroke; the draft, the change event and the handle all use this
/// one copy.
pub(crate) struct RecordText {
    pub compact: CompactText,
    pub js: JsString,
}

impl RecordText {
    pub(crate) fn of(record: &DecisionRecord) -> Self {
        Self::after(None, record)
    }

    /// The text of `record`, changed from a revision whose text was `previous`.
    pub(crate) fn after(
        previous: Option<(&DecisionRecord, &RecordText)>,
        record: &DecisionRecord,
    ) -> Self {
        let compact = export_compact_after(
            previous.map(|(before, text)| (before, &text.compact)),
            record,
        );
        let js = JsString::from(compact.text.as_str());
        RecordText { compact, js }
    }

    /// The record as a plain JavaScript object.
    #[cfg(feature = "meeting")]
    pub(crate) fn to_object(&self) -> Result<JsValue, JsError> {
        parse_js(&self.js)
            .map_err(|_| JsError::new("could not convert the record to a JavaScript object"))
    }

    /// An event's `detail`: `{ record }`, the record read from this text the first time a
    /// listener asks for it, the same object after that.
    pub(crate) fn detail(&self) -> js_sys::Object {
        record_detail(&self.js)
    }
}

/// The text of an unsealed draft: its header line, a newline, the record's text.
pub(crate) fn unsealed_draft(header: &str, record: &RecordText) -> JsString {
    draft_text(header, &record.js)
}

/// Stores a text that is already a JavaScript string.
pub(crate) fn store(storage: &Storage, key: &str, value: &JsString) -> Result<(), JsValue> {
    store_text(storage, key, value)
}

/// The error thrown for an unknown option or one of the wrong type.
pub(crate) fn bad_option(error: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("risk-sensible: bad options: {error}"))
}

/// Reads an options object (already a shallow copy, with untrusted record data taken out)
/// as `T`. Through JSON text and serde_json, whose reading of a struct refuses unknown keys,
/// so a misspelt option is an error rather than silently ignored.
pub(crate) fn options_from_object<T: DeserializeOwned>(
    copy: &js_sys::Object,
) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(copy)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| bad_option("options must be a plain object"))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(bad_option)?;
    // JSON.stringify drops keys whose values are functions: a key that vanished that way
    // is reported too, unless its value was simply undefined.
    for key in js_sys::Object::keys(copy)
        .iter()
        .filter_map(|key| key.as_string())
    {
        let value = js_sys::Reflect::get(copy, &key.as_str().into()).unwrap_or(JsValue::UNDEFINED);
        if json.get(&key).is_none() && !value.is_undefined() {
            return Err(bad_option(format!("option {key:?} is not a JSON value")));
        }
    }
    crate::record::from_json(json).map_err(bad_option)
}

/// The JSON text of one record a host passed, or why there is none. `JSON.stringify` keeps
/// the host's object exactly as the host sees it (dangerous keys included, which import
/// then refuses); it throws for cycles, BigInts and throwing getters, and gives undefined
/// for functions. An over-long text is refused before it is copied into the module's
/// memory (a UTF-16 length over the limit means at least as many bytes of UTF-8).
pub(crate) fn record_text(value: &JsValue) -> Result<String, Vec<ImportProblem>> {
    let problem = |message: String| vec![ImportProblem::new("$", message)];
    let text = match js_sys::JSON::stringify(value) {
        Ok(text) => text,
        Err(error) => {
            let reason = error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_else(|| "it threw something other than an Error".into());
            return Err(problem(format!(
                "the record cannot be written as JSON: {reason}"
            )));
        }
    };
    if !text.is_string() {
        return Err(problem(format!(
            "a decision record is a JSON object, but this is {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    record_string(&text.unchecked_into())
}

/// A record's JSON text received from the host as a JavaScript string, refused before it is
/// copied into the module's memory when it is over the limit (a UTF-16 length over the
/// limit means at least as many bytes of UTF-8).
pub(crate) fn record_string(text: &js_sys::JsString) -> Result<String, Vec<ImportProblem>> {
    if text.length() as usize > MAX_BYTES {
        return Err(vec![ImportProblem::new(
            "$",
            format!(
                "the record is larger than {} MiB, the most a decision record may be",
                MAX_BYTES / (1024 * 1024)
            ),
        )]);
    }
    Ok(String::from(text))
}

/// The elements that hold a widget (the meeting or the caseload view), until it is
/// destroyed: a `WeakSet` (an element the page has dropped is not kept alive by it) kept on
/// the page's global object under `Symbol.for("risk-sensible:holding")`, so that the
/// meeting's module and the caseload's, each with its own memory, share it.
fn holding() -> js_sys::WeakSet {
    let global = js_sys::global();
    let key = js_sys::Symbol::for_("risk-sensible:holding");
    match js_sys::Reflect::get(&global, &key) {
        Ok(set) if set.is_instance_of::<js_sys::WeakSet>() => set.unchecked_into(),
        _ => {
            let set = js_sys::WeakSet::new();
            let _ = js_sys::Reflect::set(&global, &key, &set);
            set
        }
    }
}

/// Marks `element` as holding a widget; an error when it already holds one, so that a
/// second widget is never stacked on the first (two widgets on one element would both
/// take changes and both write the same draft).
pub(crate) fn hold(element: &Element) -> Result<(), JsError> {
    let holding = holding();
    if holding.has(element) {
        return Err(JsError::new(
            "risk-sensible: this element already holds a widget; call destroy() on the \
             handle mount returned before mounting another into it",
        ));
    }
    holding.add(element);
    Ok(())
}

/// The widget in `element` is destroyed: another may be mounted there.
pub(crate) fn let_go(element: &Element) {
    holding().delete(element);
}

/// The error every method of a destroyed widget's handle throws.
#[cfg(feature = "meeting")]
pub(crate) fn destroyed() -> JsError {
    JsError::new("risk-sensible: this widget was destroyed")
}

/// Fires a bubbling, composed `CustomEvent` on the host's element.
pub(crate) fn fire_event(element: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// A random UUID from the browser (a record's id, a wellbeing debrief's).
pub(crate) fn random_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("local-{}", js_sys::Date::now() as u64))
}

/// The wellbeing debrief an earlier version's record carried: a final one keeps it as it
/// was finalised; a draft lost it on migrating, so it is read from the record's text.
pub(crate) fn earlier_debrief(
    record: &crate::record::DecisionRecord,
    text: &str,
) -> Option<crate::record::WellbeingDebrief> {
    record
        .wellbeing_debrief
        .clone()
        .or_else(|| crate::record::import::earlier_debrief(text))
}
