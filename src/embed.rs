//! The JavaScript-facing API hosts code against: `mount(element, options)` and the handle
//! it returns (`record`, `load`, `acknowledge`, `destroy`), and the events dispatched on
//! the host's element. Side effects at the edge live here (events, storage, ids, the
//! clock), never in the core.

use crate::autosave::{Autosave, DraftKey, Found, HEARTBEAT_MS};
use crate::host_js::{
    bad_option, dispatch, options_from_object, record_string, record_text, RecordText,
};
use crate::meeting::{Config, Holidays};
use crate::record::import::{import, ImportProblem};
use crate::record::{Actor, DecisionRecord, DecisionType, IsoDate, Procedure, Status};
use crate::view::{now, App, AppProps, HostLink, HostNotices, Stage};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::{AppHandle, Callback};

/// What a host may pass to `mount`. Every key is optional; an unknown key or a wrong type
/// is an error, so a misspelt option is never silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MountOptions {
    /// A record to open instead of a new, empty one. Read from the raw options by
    /// [`record_from_js`], through every import check; named here only so that it is a
    /// known option.
    #[allow(dead_code)]
    record: Option<serde::de::IgnoredAny>,
    /// Autosave drafts in this browser under this key (one key per meeting).
    storage_key: Option<String>,
    /// Seal drafts with this AES-256 key (32 bytes, base64) before storing them.
    draft_key: Option<String>,
    /// Delete drafts older than this many minutes on mount instead of restoring them.
    draft_max_age_minutes: Option<u32>,
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
    /// The record as the view last reported it (or as `load` handed it in): the view's own
    /// shared copy, so telling the view's echo of a `load` from a change is a pointer check.
    current: RefCell<Rc<DecisionRecord>>,
    link: Rc<HostLink>,
    notices: RefCell<HostNotices>,
    autosave: Option<Autosave>,
    /// False while another tab has the meeting, or storage could not be read, or holds a
    /// draft this page cannot open: nothing is written.
    autosave_on: Cell<bool>,
    /// The last write failed (storage full): reported once, retried on every change and
    /// heartbeat until one succeeds.
    write_failing: Cell<bool>,
    /// When the draft this tab last restored, followed or wrote was saved (ms since the
    /// epoch): a tab that stands back follows only drafts saved after it.
    seen_saved_at: Cell<f64>,
    /// Storage was switched off, or holds a draft this page could not open (another key,
    /// damaged): this page never autosaves, so that draft is left for someone to recover.
    never_save: bool,
}

impl Shared {
    /// Changes the notices, and redraws the view only when they did change: every change
    /// to the record says "not yet saved by your system", and redrawing the whole widget a
    /// second time for that on every keystroke would be wasted.
    fn notify(&self, change: impl FnOnce(&mut HostNotices)) {
        let mut notices = self.notices.borrow_mut();
        let before = notices.clone();
        change(&mut notices);
        if *notices != before {
            self.link.notify(notices.clone());
        }
    }

    fn error_event(&self, message: &str) {
        let detail = RecordText::of(&self.current.borrow()).detail();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        dispatch(&self.element, "risk-sensible:error", &detail);
    }

    /// The autosave heartbeat (see `mount`).
    fn beat(&self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let now = js_sys::Date::now();
        if self.autosave_on.get() {
            if !autosave.free_for_this_tab(now) {
                // Another tab took the meeting over while this one slept (a background
                // tab's timers can be held back for a minute): stand back.
                self.stand_back();
                return;
            }
            autosave.renew(now);
            if self.write_failing.get() {
                self.save();
            }
        } else if self.notices.borrow().other_tab {
            // Show what the other tab saved, so that nothing it did is lost when this tab
            // takes over; then take over once its claim has gone stale.
            self.follow();
            if self.never_save {
                // Editable again once the other tab is gone, but still never saving.
                if autosave.free_for_this_tab(now) {
                    self.notify(|notices| notices.other_tab = false);
                }
            } else if autosave.claim(now) {
                self.autosave_on.set(true);
                self.notify(|notices| notices.other_tab = false);
                self.save();
            }
        }
    }

    /// Another tab holds the meeting: write nothing, show the record read-only, follow.
    fn stand_back(&self) {
        self.autosave_on.set(false);
        self.write_failing.set(false);
        self.notify(|notices| {
            notices.other_tab = true;
            notices.storage_problem = None;
        });
        self.error_event(
            "This meeting was taken over by another tab; this tab follows it and will not autosave.",
        );
    }

    /// Opens the draft another tab saved since this tab last looked, if it is the same
    /// meeting (or this tab holds only an untouched new record).
    fn follow(&self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let Some(draft) = autosave.read_newer(self.seen_saved_at.get()) else {
            return;
        };
        self.seen_saved_at.set(draft.saved_at);
        let same = {
            let current = self.current.borrow();
            current.meta.id == draft.record.meta.id || current.audit.is_empty()
        };
        if same && **self.current.borrow() != draft.record {
            let record = Rc::new(draft.record);
            self.changed(record.clone(), "risk-sensible:change");
            self.link.replace(record);
        }
    }

    /// Writes the draft, when this tab autosaves. The first failure is shown and sent as
    /// an error event; the next success (space freed) takes the warning away again.
    fn save(&self) {
        self.save_text(None);
    }

    /// Like [`Shared::save`], with the current record's text when the caller has it already
    /// (a change writes the record out once, for the draft and the event both).
    fn save_text(&self, text: Option<&RecordText>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if !self.autosave_on.get() {
            return;
        }
        let now = js_sys::Date::now();
        if !autosave.free_for_this_tab(now) {
            self.stand_back();
            return;
        }
        let written;
        let text = match text {
            Some(text) => text,
            None => {
                written = RecordText::of(&self.current.borrow());
                &written
            }
        };
        match autosave.write(text, now) {
            Ok(()) => {
                self.seen_saved_at.set(now);
                if self.write_failing.replace(false) {
                    self.notify(|notices| notices.storage_problem = None);
                }
            }
            Err(message) => {
                if !self.write_failing.replace(true) {
                    self.notify(|notices| notices.storage_problem = Some(message.clone()));
                    self.error_event(&message);
                }
            }
        }
    }

    /// Stores the record, tells the host, and saves the draft before anything else can
    /// change it. The record is written out once, for the draft and the event both: this
    /// runs on every keystroke, and a large meeting's record is hundreds of kilobytes.
    fn changed(&self, record: Rc<DecisionRecord>, event: &str) {
        let text = RecordText::of(&record);
        *self.current.borrow_mut() = record;
        self.save_text(Some(&text));
        self.notify(|notices| notices.saved_by_host = false);
        // The host's listener reads the record from this text only if it asks for it.
        dispatch(&self.element, event, &text.detail());
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The current decision record, as a plain JSON-compatible object.
    pub fn record(&self) -> Result<JsValue, JsError> {
        RecordText::of(&self.shared.current.borrow()).to_object()
    }

    /// Replaces the record. Throws an `Error` listing every problem (JSON path and
    /// message) and changes nothing when the record does not pass every import check.
    pub fn load(&self, record: JsValue) -> Result<(), JsError> {
        let record = Rc::new(record_from_js(&record)?);
        self.shared.changed(record.clone(), "risk-sensible:change");
        self.shared.link.replace(record);
        Ok(())
    }

    /// The host confirms it has stored the record as it is now: the draft kept in this
    /// browser is removed and the widget shows "Saved by your system".
    pub fn acknowledge(&self) {
        if let (Some(autosave), true) = (&self.shared.autosave, self.shared.autosave_on.get()) {
            autosave.clear();
            // A draft that could not be written is no longer needed either.
            if self.shared.write_failing.replace(false) {
                self.shared.notify(|notices| notices.storage_problem = None);
            }
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

/// Hands any other value to JavaScript as a plain object, through its JSON text and
/// `JSON.parse`, written by the record's one compiled serialiser (a smaller WebAssembly).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = crate::record::to_json_text(value)
        .ok_or_else(|| JsError::new("could not convert the record to JSON"))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| JsError::new("could not convert the record to a JavaScript object"))
}

/// Reads a record a host passed in, through every check `import` makes. Whatever the
/// value is (a cycle, a BigInt, a throwing getter or proxy, undefined, gigabytes of text),
/// the answer is a list of problems with JSON paths, never a panic.
fn record_from_js(value: &JsValue) -> Result<DecisionRecord, JsError> {
    let refused = |problems: &[ImportProblem]| refusal("the record was not loaded", problems);
    let text = record_text(value).map_err(|problems| refused(&problems))?;
    import(&text).map_err(|problems| refused(&problems))
}

/// The error thrown for a refused record: what was refused, then every problem, one a line.
fn refusal(what: &str, problems: &[ImportProblem]) -> JsError {
    let lines: Vec<String> = problems.iter().map(|problem| problem.to_string()).collect();
    JsError::new(&format!("risk-sensible: {what}:\n{}", lines.join("\n")))
}

fn new_record_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("local-{}", js_sys::Date::now() as u64))
}

fn clock_time(milliseconds: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(milliseconds));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Reads the options object. The record is left out of the conversion (only whether one
/// is given is noted): it is the host's untrusted data, read by [`record_from_js`] through
/// every import check, and must not be walked by a recursive converter first.
fn read_options(raw: &JsValue) -> Result<(MountOptions, Option<JsValue>), JsError> {
    if raw.is_undefined() || raw.is_null() {
        return Ok((MountOptions::default(), None));
    }
    if !raw.is_object() || js_sys::Array::is_array(raw) {
        return Err(bad_option("options must be an object"));
    }
    let copy = js_sys::Object::assign(&js_sys::Object::new(), raw.unchecked_ref());
    let record = js_sys::Reflect::get(&copy, &"record".into()).unwrap_or(JsValue::UNDEFINED);
    let record = if record.is_undefined() || record.is_null() {
        let _ = js_sys::Reflect::delete_property(&copy, &"record".into());
        None
    } else {
        let _ = js_sys::Reflect::set(&copy, &"record".into(), &JsValue::TRUE);
        Some(record)
    };
    let options = options_from_object(&copy)?;
    Ok((options, record))
}

/// Mounts a strategy meeting widget into `element`.
///
/// Throws an `Error` naming the problem when an option is unknown or has the wrong type,
/// or when `options.record` does not pass the import checks.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let (options, raw_record) = read_options(&options)?;
    if options.storage_key.is_none() {
        for (given, name) in [
            (options.draft_key.is_some(), "draftKey"),
            (
                options.draft_max_age_minutes.is_some(),
                "draftMaxAgeMinutes",
            ),
        ] {
            if given {
                return Err(bad_option(format!(
                    "{name} needs storageKey: without it nothing is autosaved"
                )));
            }
        }
    }
    if options.draft_max_age_minutes == Some(0) {
        return Err(bad_option("draftMaxAgeMinutes must be at least 1"));
    }
    let draft_key = options
        .draft_key
        .as_deref()
        .map(DraftKey::from_base64)
        .transpose()
        .map_err(bad_option)?;
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
    let given = match &raw_record {
        Some(value) => Some(record_from_js(value)?),
        None => None,
    };
    let instance = NEXT_INSTANCE.with(|next| {
        let value = next.get();
        next.set(value.wrapping_add(1));
        value
    });
    let max_age_ms = options
        .draft_max_age_minutes
        .map(|minutes| f64::from(minutes) * 60_000.0);
    let autosave = options.storage_key.as_deref().map(|key| {
        Autosave::new(
            key,
            format!("{}-{instance}", new_record_id()),
            draft_key,
            max_age_ms,
        )
    });
    let mut notices = HostNotices {
        autosave: autosave.is_some(),
        saved_by_host: given.is_some(),
        ..HostNotices::default()
    };
    let mut autosave_on = true;
    let mut reseal = false;
    let mut seen_saved_at = 0.0;
    // Which meeting the host gave, to tell whether a saved draft is the same meeting.
    let given_id = given.as_ref().map(|given| given.meta.id.clone());
    let mut record = given;
    if let Some(autosave) = &autosave {
        let now = js_sys::Date::now();
        if !autosave.claim(now) {
            notices.other_tab = true;
            autosave_on = false;
        }
        let mut expired = Vec::new();
        match autosave.read(now, notices.other_tab) {
            Ok(Found::Restored(draft)) => {
                // Restored even when another tab holds the meeting: it is the same
                // meeting's latest state, and this tab will not write over it.
                let same = given_id
                    .as_ref()
                    .is_none_or(|id| *id == draft.record.meta.id);
                if same {
                    notices.restored = Some(clock_time(draft.saved_at));
                    notices.saved_by_host = false;
                    reseal = draft.needs_sealing;
                    seen_saved_at = draft.saved_at;
                    record = Some(draft.record);
                }
            }
            Ok(Found::Expired(saved_at)) => expired.push(format!(
                "The draft of this meeting saved in this browser at {} was older than {} \
                 minutes, so it has been deleted.",
                clock_time(saved_at),
                options.draft_max_age_minutes.unwrap_or_default()
            )),
            Ok(Found::Nothing) => {}
            // Storage switched off, or a damaged draft: either way write nothing, so the
            // damaged draft stays for someone to recover.
            Err(message) => {
                notices.storage_problem = Some(message);
                autosave_on = false;
            }
        }
        match autosave.sweep_expired(now) {
            0 => {}
            deleted => expired.push(format!(
                "{deleted} {} of other meetings older than {} minutes {} deleted from this \
                 browser.",
                if deleted == 1 { "draft" } else { "drafts" },
                options.draft_max_age_minutes.unwrap_or_default(),
                if deleted == 1 { "was" } else { "were" },
            )),
        }
        if !expired.is_empty() {
            notices.expired = Some(expired.join(" "));
        }
    }
    let record = record.unwrap_or_else(|| {
        let mut record = DecisionRecord::new(new_record_id(), now());
        record.meta.procedure = options.procedure.clone();
        record
    });
    let record = Rc::new(record);
    let shared = Rc::new(Shared {
        element: element.clone(),
        current: RefCell::new(record.clone()),
        link: Rc::new(HostLink::default()),
        notices: RefCell::new(notices.clone()),
        autosave,
        autosave_on: Cell::new(autosave_on),
        write_failing: Cell::new(false),
        seen_saved_at: Cell::new(seen_saved_at),
        never_save: notices.storage_problem.is_some(),
    });
    if reseal {
        // A draft kept unencrypted before the host gave a key: store it sealed at once.
        shared.save();
    }
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
        Callback::from(move |record: Rc<DecisionRecord>| {
            // A `load` (or another tab's draft) already stored and announced this record,
            // and the view echoes the very same copy: it must not be announced twice. Every
            // change the view makes is a new copy.
            if !Rc::ptr_eq(&shared.current.borrow(), &record) {
                shared.changed(record, "risk-sensible:change");
            }
        })
    };
    let on_finalise = {
        let shared = shared.clone();
        Callback::from(move |record: Rc<DecisionRecord>| {
            dispatch(
                &shared.element,
                "risk-sensible:finalise",
                &RecordText::of(&record).detail(),
            );
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

/// Checks a record's JSON text as a host receiving it would: every import check, then the
/// validation findings and the content digest. Returns `{ findings, digest }`; throws an
/// `Error` listing every problem when the text is not an acceptable record (or is not text
/// at all).
#[wasm_bindgen(js_name = checkRecord)]
pub fn check_record(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let refused = |problems: Vec<ImportProblem>| refusal("not an acceptable record", &problems);
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(refused(vec![ImportProblem::new(
            "$",
            format!(
                "checkRecord takes a record's JSON text, a string, but this is {}",
                text.js_typeof().as_string().unwrap_or_default()
            ),
        )]));
    };
    let text = record_string(text).map_err(refused)?;
    let record = import(&text).map_err(refused)?;
    let findings = crate::meeting::validate(&record, &Config::default());
    // A final or amended record's stored digest is its content digest: `import` has just
    // computed the one and refused the record unless they match.
    let digest = match (&record.meta.status, &record.meta.digest) {
        (Status::Final | Status::Amended, Some(digest)) => digest.clone(),
        _ => crate::record::integrity::content_digest(&record),
    };
    to_js(&serde_json::json!({ "findings": findings, "digest": digest }))
}
