//! What the JavaScript-facing entry points (`mount` in `embed.rs`, `mountCaseload` in
//! `caseload_embed.rs`) share: reading a host's options object strictly, turning a
//! host's record object into JSON text safely, and dispatching events on its element.

use crate::record::import::{ImportProblem, MAX_BYTES};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element};

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

/// Dispatches a bubbling, composed `CustomEvent` on the host's element.
pub(crate) fn dispatch(element: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}
