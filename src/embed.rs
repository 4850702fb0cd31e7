//! The JavaScript-facing API hosts code against: `mount(element, options)` and the handle
//! it returns (`record`, `load`, `acknowledge`, `destroy`), and the events dispatched on
//! the host's element. Side effects at the edge live here (events, storage, ids, the
//! clock), never in the core.

use crate::autosave::{Autosave, HEARTBEAT_MS};
use crate::meeting::{Config, Holidays};
use crate::record::import::import;
use crate::record::{Actor, DecisionRecord, DecisionType, IsoDate, Procedure};
use crate::view::{now, App, AppProps, HostLink, HostNotices, Stage};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::{AppHandle, Callback};

/// What a host may pass to `mount`. Every key is optional; an unknown key or a wrong type
/// is an error, so a misspelt option is never silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MountOptions {
    /// A record to open instead of a new, empty one.
    record: Option<serde_json::Value>,
    /// Autosave drafts in this browser under this key (one key per meeting).
    storage_key: Option<String>,
    /// Who operates the widget, written into the audit trail.
    actor: Option<Actor>,
    /// The agencies participants can be chosen from.
    agencies: Option<Vec<String>>,
    /// The decision types offered.
    decision_types: Option<Vec<DecisionType>>,
    /// The bank holidays for the working-day clocks (replaces England and Wales).
    holidays: Option<Vec<IsoDate>>,
    /// The local procedure, written into a new record.
    procedure: Option<Procedure>,
    /// Start in chair mode (large type for a shared screen).
    chair_mode: Option<bool>,
    /// Mask restricted items until revealed (default true).
    screen_safe: Option<bool>,
    /// Show the record read-only.
    read_only: Option<bool>,
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted widget, as the host holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    shared: Rc<Shared>,
    heartbeat: Option<gloo::timers::callback::Interval>,
    unload: Option<gloo::events::EventListener>,
}

/// What the handle and the view's callbacks share.
struct Shared {
    element: Element,
    current: RefCell<DecisionRecord>,
    link: Rc<HostLink>,
    notices: RefCell<HostNotices>,
    autosave: Option<Autosave>,
    /// False while another tab has the meeting, or storage failed: nothing is written.
    autosave_on: Cell<bool>,
}

impl Shared {
    fn notify(&self, change: impl FnOnce(&mut HostNotices)) {
        let mut notices = self.notices.borrow_mut();
        change(&mut notices);
        self.link.notify(notices.clone());
    }

    fn error_event(&self, message: &str) {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        if let Ok(record) = to_js(&*self.current.borrow()) {
            let _ = js_sys::Reflect::set(&detail, &"record".into(), &record);
        }
        dispatch(&self.element, "risk-sensible:error", &detail);
    }

    /// The autosave heartbeat (see `mount`).
    fn beat(&self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let now = js_sys::Date::now();
        if self.autosave_on.get() {
            autosave.renew(now);
        } else if self.notices.borrow().other_tab && autosave.claim(now) {
            self.autosave_on.set(true);
            self.notify(|notices| notices.other_tab = false);
            if let Err(message) = autosave.write(&self.current.borrow(), now) {
                self.autosave_on.set(false);
                self.notify(|notices| notices.storage_problem = Some(message.clone()));
                self.error_event(&message);
            }
        }
    }

    /// Stores the record, tells the host, and saves the draft before anything else can
    /// change it.
    fn changed(&self, record: DecisionRecord, event: &str) {
        *self.current.borrow_mut() = record;
        if let (Some(autosave), true) = (&self.autosave, self.autosave_on.get()) {
            if let Err(message) = autosave.write(&self.current.borrow(), js_sys::Date::now()) {
                self.autosave_on.set(false);
                self.notify(|notices| notices.storage_problem = Some(message.clone()));
                self.error_event(&message);
            }
        }
        self.notify(|notices| notices.saved_by_host = false);
        if let Ok(record) = to_js(&*self.current.borrow()) {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"record".into(), &record);
            dispatch(&self.element, event, &detail);
        }
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The current decision record, as a plain JSON-compatible object.
    pub fn record(&self) -> Result<JsValue, JsError> {
        to_js(&*self.shared.current.borrow())
    }

    /// Replaces the record. Throws an `Error` listing every problem (JSON path and
    /// message) and changes nothing when the record does not pass every import check.
    pub fn load(&self, record: JsValue) -> Result<(), JsError> {
        let record = record_from_js(&record)?;
        self.shared.changed(record.clone(), "risk-sensible:change");
        self.shared.link.replace(record);
        Ok(())
    }

    /// The host confirms it has stored the record as it is now: the draft kept in this
    /// browser is removed and the widget shows "Saved by your system".
    pub fn acknowledge(&self) {
        if let (Some(autosave), true) = (&self.shared.autosave, self.shared.autosave_on.get()) {
            autosave.clear();
        }
        self.shared.notify(|notices| notices.saved_by_host = true);
    }

    /// Unmounts the widget and releases everything it holds. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        self.heartbeat.take();
        self.unload.take();
        if let Some(autosave) = &self.shared.autosave {
            if self.shared.autosave_on.get() {
                autosave.release();
            }
        }
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|error| JsError::new(&format!("could not convert the record: {error}")))
}

/// Reads a record a host passed in, through every check `import` makes.
fn record_from_js(value: &JsValue) -> Result<DecisionRecord, JsError> {
    // JSON.stringify keeps the host's object exactly as the host sees it (including any
    // duplicate or dangerous keys, which import then refuses).
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new("risk-sensible: the record is not a JSON object"))?;
    import(&text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|problem| problem.to_string()).collect();
        JsError::new(&format!(
            "risk-sensible: the record was not loaded:\n{}",
            lines.join("\n")
        ))
    })
}

fn new_record_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("local-{}", js_sys::Date::now()))
}

/// Dispatches a bubbling, composed `CustomEvent` on the host's element.
fn dispatch(element: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

fn bad_option(error: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("risk-sensible: bad options: {error}"))
}

fn clock_time(milliseconds: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(milliseconds));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Mounts a strategy meeting widget into `element`.
///
/// Throws an `Error` naming the problem when an option is unknown or has the wrong type,
/// or when `options.record` does not pass the import checks.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let raw_options = options;
    let options: MountOptions = if raw_options.is_undefined() || raw_options.is_null() {
        MountOptions::default()
    } else {
        // Through serde_json, because serde-wasm-bindgen reads only the fields a struct
        // names and would silently ignore a misspelt option.
        let json: serde_json::Value =
            serde_wasm_bindgen::from_value(raw_options.clone()).map_err(bad_option)?;
        if !json.is_object() {
            return Err(bad_option("options must be an object"));
        }
        serde_json::from_value(json).map_err(bad_option)?
    };
    let mut config = Config::default();
    if let Some(agencies) = options.agencies {
        if agencies.is_empty() {
            return Err(bad_option("agencies is empty"));
        }
        config.agencies = agencies;
    }
    if let Some(kinds) = options.decision_types {
        if kinds.is_empty() {
            return Err(bad_option("decisionTypes is empty"));
        }
        config.decision_types = kinds;
    }
    if let Some(dates) = options.holidays {
        config.holidays = Holidays::new(dates.into_iter().map(|date| date.0));
    }
    let given = match &options.record {
        Some(_) => {
            let value =
                js_sys::Reflect::get(&raw_options, &"record".into()).unwrap_or(JsValue::NULL);
            Some(record_from_js(&value)?)
        }
        None => None,
    };
    let instance = NEXT_INSTANCE.with(|next| {
        let value = next.get();
        next.set(value.wrapping_add(1));
        value
    });
    let autosave = options
        .storage_key
        .as_deref()
        .map(|key| Autosave::new(key, format!("{}-{instance}", new_record_id())));
    let mut notices = HostNotices {
        autosave: autosave.is_some(),
        saved_by_host: given.is_some(),
        ..HostNotices::default()
    };
    let mut autosave_on = true;
    let mut record = given.clone();
    if let Some(autosave) = &autosave {
        if !autosave.claim(js_sys::Date::now()) {
            notices.other_tab = true;
            autosave_on = false;
        }
        match autosave.read() {
            Ok(Some(draft)) => {
                // Restored even when another tab holds the meeting: it is the same
                // meeting's latest state, and this tab will not write over it.
                let same = given
                    .as_ref()
                    .is_none_or(|given| given.meta.id == draft.record.meta.id);
                if same {
                    notices.restored = Some(clock_time(draft.saved_at));
                    notices.saved_by_host = false;
                    record = Some(draft.record);
                }
            }
            Ok(None) => {}
            // Storage switched off, or a damaged draft: either way write nothing, so the
            // damaged draft stays for someone to recover.
            Err(message) => {
                notices.storage_problem = Some(message);
                autosave_on = false;
            }
        }
    }
    let record = record.unwrap_or_else(|| {
        let mut record = DecisionRecord::new(new_record_id(), now());
        record.meta.procedure = options.procedure.clone();
        record
    });
    let shared = Rc::new(Shared {
        element: element.clone(),
        current: RefCell::new(record.clone()),
        link: Rc::new(HostLink::default()),
        notices: RefCell::new(notices.clone()),
        autosave,
        autosave_on: Cell::new(autosave_on),
    });
    if let Some(problem) = &notices.storage_problem {
        shared.error_event(problem);
    }
    if notices.other_tab {
        shared.error_event(
            "This meeting is already open in another tab; this tab will not autosave.",
        );
    }
    // Every tab with autosave beats: the owner renews its claim; a tab that stood back
    // takes over once the other tab's claim goes stale (it was closed or crashed), and
    // from then on saves.
    let heartbeat = shared.autosave.as_ref().map(|_| {
        let shared = shared.clone();
        gloo::timers::callback::Interval::new(HEARTBEAT_MS, move || shared.beat())
    });
    let unload = shared.autosave.as_ref().map(|_| {
        let shared = shared.clone();
        gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
            if shared.autosave_on.get() {
                if let Some(autosave) = &shared.autosave {
                    autosave.release();
                }
            }
        })
    });
    let on_change = {
        let shared = shared.clone();
        Callback::from(move |record: DecisionRecord| {
            // A `load` already stored and announced this record; the view's echo of it
            // must not announce it twice.
            if *shared.current.borrow() != record {
                shared.changed(record, "risk-sensible:change");
            }
        })
    };
    let on_finalise = {
        let shared = shared.clone();
        Callback::from(move |record: DecisionRecord| {
            if let Ok(record) = to_js(&record) {
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"record".into(), &record);
                dispatch(&shared.element, "risk-sensible:finalise", &detail);
            }
        })
    };
    let props = AppProps {
        actor: Rc::new(options.actor.unwrap_or_else(|| Actor {
            name: "Not given by the host".into(),
            ..Actor::default()
        })),
        record,
        config: Rc::new(config),
        id_prefix: format!("rs{instance}").into(),
        on_change,
        on_finalise,
        chair_mode: options.chair_mode.unwrap_or(false),
        screen_safe: options.screen_safe.unwrap_or(true),
        read_only: options.read_only.unwrap_or(false),
        initial_stage: Stage::Meeting,
        host: Some(shared.link.clone()),
        notices,
    };
    let app = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(WidgetHandle {
        app: Some(app),
        shared,
        heartbeat,
        unload,
    })
}
