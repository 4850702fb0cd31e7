//! The JavaScript-facing API hosts code against: `mount(element, options)` and the handle it
//! returns. Side effects at the edge live here (events to the host, ids, the clock), never
//! in the core.

use crate::meeting::Config;
use crate::record::{Actor, DecisionRecord};
use crate::view::now;
use crate::view::{App, AppProps};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::{AppHandle, Callback};

/// What a host may pass to `mount`. Every key is optional; an unknown key is an error, so a
/// misspelt option is never silently ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MountOptions {
    /// A record to open instead of a new, empty one.
    #[serde(default)]
    record: Option<DecisionRecord>,
    /// The agencies participants can be chosen from.
    #[serde(default)]
    agencies: Option<Vec<String>>,
    /// Who operates the widget, written into the audit trail.
    #[serde(default)]
    actor: Option<Actor>,
    /// Start in chair mode (large type for a shared screen).
    #[serde(default)]
    chair_mode: bool,
    /// Mask restricted items until revealed (default true).
    #[serde(default = "yes")]
    screen_safe: bool,
    /// Show the record read-only.
    #[serde(default)]
    read_only: bool,
}

fn yes() -> bool {
    true
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted widget, as the host holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    current: Rc<RefCell<DecisionRecord>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The current decision record, as a plain JSON-compatible object.
    pub fn record(&self) -> Result<JsValue, JsError> {
        to_js(&self.current.borrow())
    }

    /// Unmounts the widget and releases everything it holds. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn to_js(record: &DecisionRecord) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    record
        .serialize(&serializer)
        .map_err(|error| JsError::new(&format!("could not convert the record: {error}")))
}

fn new_record_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("local-{}", js_sys::Date::now()))
}

/// Tells the host about a change with a bubbling, composed `CustomEvent` on its element.
fn dispatch_event(element: &Element, name: &str, record: &DecisionRecord) {
    let Ok(record) = to_js(record) else { return };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("record"), &record);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// Mounts a strategy meeting widget into `element`.
///
/// Throws an `Error` naming the problem when an option is unknown or has the wrong type.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let options: MountOptions = if options.is_undefined() || options.is_null() {
        serde_json::from_value(serde_json::json!({})).expect("every option has a default")
    } else {
        // Through serde_json, because serde-wasm-bindgen reads only the fields a struct
        // names and would silently ignore a misspelt option.
        let json: serde_json::Value = serde_wasm_bindgen::from_value(options)
            .map_err(|error| JsError::new(&format!("risk-sensible: bad options: {error}")))?;
        serde_json::from_value(json)
            .map_err(|error| JsError::new(&format!("risk-sensible: bad options: {error}")))?
    };
    let mut config = Config::default();
    if let Some(agencies) = options.agencies {
        if agencies.is_empty() {
            return Err(JsError::new(
                "risk-sensible: bad options: agencies is empty",
            ));
        }
        config.agencies = agencies;
    }
    let record = options
        .record
        .unwrap_or_else(|| DecisionRecord::new(new_record_id(), now()));
    let current = Rc::new(RefCell::new(record.clone()));
    let instance = NEXT_INSTANCE.with(|next| {
        let value = next.get();
        next.set(value.wrapping_add(1));
        value
    });
    let on_change = {
        let current = current.clone();
        let element = element.clone();
        Callback::from(move |record: DecisionRecord| {
            // Update what `record()` returns before the host's listener can ask for it.
            *current.borrow_mut() = record;
            dispatch_event(&element, "risk-sensible:change", &current.borrow());
        })
    };
    let actor = options.actor.unwrap_or_else(|| Actor {
        name: "Not given by the host".into(),
        ..Actor::default()
    });
    let on_finalise = {
        let element = element.clone();
        Callback::from(move |record: DecisionRecord| {
            dispatch_event(&element, "risk-sensible:finalise", &record);
        })
    };
    let props = AppProps {
        actor: Rc::new(actor),
        record,
        config: Rc::new(config),
        id_prefix: format!("rs{instance}").into(),
        on_change,
        on_finalise,
        chair_mode: options.chair_mode,
        screen_safe: options.screen_safe,
        read_only: options.read_only,
        initial_stage: crate::view::Stage::Meeting,
    };
    let app = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(WidgetHandle {
        app: Some(app),
        current,
    })
}
