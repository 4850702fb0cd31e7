//! The JavaScript-facing API hosts code against: `mount(element, options)` and the handle
//! it returns (`record`, `load`, `acknowledge`, `destroy`), and the events dispatched on
//! the host's element. Side effects at the edge live here (events, storage, ids, the
//! clock), never in the core.

use crate::autosave::{Autosave, DraftKey, HEARTBEAT_MS};
use crate::host_js::{
    bad_option, destroyed, earlier_debrief, hold, let_go, options_from_object, random_id,
    record_string, record_text,
};
use crate::meeting::limits;
use crate::meeting::{AgencyRole, Config, Deadlines, Holidays, Invitation, Problem};
use crate::record::import::{import, ImportProblem};
use crate::record::{
    Actor, DecisionRecord, DecisionType, FollowUp, IsoDate, Procedure, Status, WellbeingDebrief,
    WellbeingDocument,
};
use crate::session::{find_draft, now, Opening, Session};
use crate::shared_screen::{audience_token, AudienceScreen, ChairScreen, SharedScreen};
use crate::view::{App, AppProps, Stage};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

/// The host's `agencyRoles`: an object of agency names and roles.
#[derive(Debug, PartialEq)]
struct AgencyRoles(crate::record::LiteMap<String, AgencyRole>);

impl<'de> Deserialize<'de> for AgencyRoles {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::record::read_map(deserializer).map(AgencyRoles)
    }
}

/// What a host may pass to `mount`. Every key is optional; an unknown key or a wrong type
/// is an error, so a misspelt option is never silently ignored.
#[derive(Debug, Default)]
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
    /// The local timescales (each optional; the rest keep their defaults).
    timescales: Option<Deadlines>,
    /// The local procedure, written into a new record.
    procedure: Option<Procedure>,
    /// What each of the host's agencies is (police, health, ...), for who may receive
    /// restricted material; added to the names the widget knows.
    agency_roles: Option<AgencyRoles>,
    /// The agencies, by role, that must attend or send information before finalising: at
    /// least children's social care, the police and health.
    required_roles: Option<Vec<AgencyRole>>,
    /// The invitation list: each person is marked present (or sending apologies, or
    /// information) in one step.
    participants: Option<Vec<Invitation>>,
    /// Start in chair mode (large type for a shared screen).
    chair_mode: Option<bool>,
    /// Mask restricted items until revealed (default true).
    screen_safe: Option<bool>,
    /// Show the record read-only.
    read_only: Option<bool>,
}

// Read as the record's structs are, by the table of its members: every key optional, an
// unknown one refused.
crate::record::read_members!(MountOptions {
    record,
    storage_key,
    draft_key,
    draft_max_age_minutes,
    actor,
    agencies,
    decision_types,
    holidays,
    timescales,
    procedure,
    agency_roles,
    required_roles,
    participants,
    chair_mode,
    screen_safe,
    read_only
});

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted widget, as the host holds it. Once destroyed, every method but `destroy`
/// throws, and nothing is written or fired.
#[wasm_bindgen]
pub struct WidgetHandle {
    element: Element,
    app: RefCell<Option<AppHandle<App>>>,
    session: Rc<Session>,
    heartbeat: RefCell<Option<gloo::timers::callback::Interval>>,
    unload: RefCell<Option<gloo::events::EventListener>>,
    shared_screen: SharedScreen,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The session, unless the widget was destroyed.
    fn live(&self) -> Result<&Session, JsError> {
        if self.session.closed() {
            Err(destroyed())
        } else {
            Ok(&self.session)
        }
    }

    /// True in the shared screen's window (opened from the chair's with "Open the shared
    /// screen"): it shows what the chair's window sends and holds no record of its own.
    #[wasm_bindgen(getter, js_name = sharedScreen)]
    pub fn shared_screen(&self) -> bool {
        matches!(self.shared_screen, SharedScreen::Audience(_))
    }

    /// The current decision record, as a plain JSON-compatible object. Throws in the
    /// shared screen's window, which holds no record of its own.
    pub fn record(&self) -> Result<JsValue, JsError> {
        let session = self.live()?;
        if self.shared_screen() {
            // Its record is the shared-screen copy: a host that stored it would lose
            // everything restricted.
            return Err(JsError::new(
                "risk-sensible: this window is the shared screen; the record is in the chair's window",
            ));
        }
        session.text().to_object()
    }

    /// Replaces the record. Throws an `Error` listing every problem (JSON path and
    /// message) and changes nothing when the record does not pass every import check.
    /// Called from a listener of the change event (of a `load` or of a change made in the
    /// widget), the record is loaded at once; its change event follows the one being
    /// dispatched, so every listener hears the changes in order, and the widget ends on the
    /// last record loaded. Does nothing in the shared screen's window.
    pub fn load(&self, record: JsValue) -> Result<(), JsError> {
        let session = self.live()?;
        if self.shared_screen() {
            return Ok(());
        }
        let (record, earlier_debrief) = record_from_js(&record)?;
        session.replace_carrying(record, earlier_debrief);
        Ok(())
    }

    /// Appends what happened after the meeting to the final record: a follow-up as the
    /// schema's `FollowUp` has it, recorded by its `by` at the moment it is appended (its
    /// `at` is replaced). Fires `risk-sensible:follow-up` with the new anchor. Throws an
    /// `Error` listing every problem (JSON path and message) and changes nothing when the
    /// follow-up is refused: on a draft, in a tab that takes no change, in the shared
    /// screen's window, or when it lacks what its kind asks for.
    #[wasm_bindgen(js_name = appendFollowUp)]
    pub fn append_follow_up(&self, follow_up: JsValue) -> Result<(), JsError> {
        let session = self.live()?;
        let refused = |lines: Vec<String>| {
            JsError::new(&format!(
                "risk-sensible: the follow-up was not appended:\n{}",
                lines.join("\n")
            ))
        };
        if self.shared_screen() {
            return Err(refused(vec![
                "this window is the shared screen; the record is in the chair's window".into(),
            ]));
        }
        let text = js_sys::JSON::stringify(&follow_up)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| refused(vec!["$: a follow-up is a JSON object".into()]))?;
        let follow_up = crate::record::from_json_text::<FollowUp>(&text)
            .map_err(|(path, message)| refused(vec![format!("{path}: {message}")]))?;
        match session.append_follow_up(follow_up) {
            Ok(()) => Ok(()),
            Err(Some(Problem::Invalid(findings))) => Err(refused(
                findings
                    .iter()
                    .map(|finding| format!("{}: {}", finding.path, finding.message))
                    .collect(),
            )),
            Err(Some(problem)) => Err(refused(vec![problem.to_string()])),
            Err(None) => Err(refused(vec![
                "the meeting is read-only in this tab, or another tab holds it".into(),
            ])),
        }
    }

    /// The host confirms it has stored the record as it is now: the draft kept in this
    /// browser is removed and the widget shows "Saved by your system". Does nothing in the
    /// shared screen's window.
    pub fn acknowledge(&self) -> Result<(), JsError> {
        let session = self.live()?;
        if !self.shared_screen() {
            session.acknowledge();
        }
        Ok(())
    }

    /// Unmounts the widget and releases everything it holds: its claim on the meeting, its
    /// timers, and the element, into which another widget may then be mounted. Calling it
    /// again does nothing.
    pub fn destroy(&self) {
        if self.session.closed() {
            return;
        }
        self.heartbeat.borrow_mut().take();
        self.unload.borrow_mut().take();
        self.shared_screen.close();
        self.session.close();
        let app = self.app.borrow_mut().take();
        if let Some(app) = app {
            app.destroy();
        }
        let_go(&self.element);
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
/// the answer is a list of problems with JSON paths, never a panic. With the record comes the
/// wellbeing debrief an earlier version's record carried, which the widget keeps apart.
fn record_from_js(value: &JsValue) -> Result<(DecisionRecord, Option<WellbeingDebrief>), JsError> {
    let refused = |problems: &[ImportProblem]| refusal("the record was not loaded", problems);
    let text = record_text(value).map_err(|problems| refused(&problems))?;
    let record = import(&text).map_err(|problems| refused(&problems))?;
    match limits::unheld(&record) {
        Some(problem) => Err(refused(&[problem])),
        None => {
            let debrief = earlier_debrief(&record, &text);
            Ok((record, debrief))
        }
    }
}

/// The error thrown for a refused record: what was refused, then every problem, one a line.
fn refusal(what: &str, problems: &[ImportProblem]) -> JsError {
    let lines: Vec<String> = problems.iter().map(|problem| problem.to_string()).collect();
    JsError::new(&format!("risk-sensible: {what}:\n{}", lines.join("\n")))
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

/// Everything `mount` was asked for, checked.
struct MountConfig {
    config: Config,
    actor: Actor,
    /// The host's record, through every import check.
    record: Option<DecisionRecord>,
    /// The wellbeing debrief the host's record carried (an earlier version's).
    earlier_debrief: Option<WellbeingDebrief>,
    procedure: Option<Procedure>,
    storage_key: Option<String>,
    draft_key: Option<DraftKey>,
    draft_max_age_minutes: Option<u32>,
    chair_mode: bool,
    screen_safe: bool,
    read_only: bool,
}

impl MountConfig {
    /// Reads and checks the host's options: an unknown option, a wrong type, a key or age
    /// without storage, an empty list, or a record that fails import is an error naming it.
    fn read(raw: &JsValue) -> Result<Self, JsError> {
        let (options, raw_record) = read_options(raw)?;
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
        if let Some(problem) = options
            .storage_key
            .as_deref()
            .and_then(crate::autosave::storage_key_problem)
        {
            return Err(bad_option(problem));
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
        if let Some(deadlines) = options.timescales {
            if let Some(problem) = deadlines.out_of_range() {
                return Err(bad_option(format!("timescales: {problem}")));
            }
            config.deadlines = deadlines;
        }
        if let Some(AgencyRoles(roles)) = options.agency_roles {
            // Inserted one by one: `extend` compiles a sort of its own.
            for (agency, role) in roles {
                config.agency_roles.insert(agency.trim().to_string(), role);
            }
        }
        if let Some(required) = options.required_roles {
            if let Some(missing) = AgencyRole::STATUTORY
                .iter()
                .find(|role| !required.contains(role))
            {
                return Err(bad_option(format!(
                    "requiredRoles must include {} (childrensSocialCare, police and health \
                     are the statutory minimum)",
                    missing.wire_name()
                )));
            }
            config.required_roles = required;
        }
        // Written into every audit entry, offered in the forms, written into a new record:
        // each within the limit of a one-line text, as the forms' own are.
        let mut lines: Vec<(String, &str)> = Vec::new();
        if let Some(actor) = &options.actor {
            lines.push(("actor.name".into(), &actor.name));
            lines.push(("actor.role".into(), &actor.role));
            lines.push(("actor.agency".into(), &actor.agency));
        }
        if let Some(procedure) = &options.procedure {
            lines.push(("procedure.name".into(), &procedure.name));
            lines.push(("procedure.version".into(), &procedure.version));
        }
        for (index, agency) in config.agencies.iter().enumerate() {
            lines.push((format!("agencies[{index}]"), agency));
        }
        if let Some(invited) = &options.participants {
            for (index, person) in invited.iter().enumerate() {
                if person.name.trim().is_empty() || person.agency.trim().is_empty() {
                    return Err(bad_option(format!(
                        "participants[{index}] needs a name and an agency"
                    )));
                }
                lines.push((format!("participants[{index}].name"), &person.name));
                lines.push((format!("participants[{index}].role"), &person.role));
                lines.push((format!("participants[{index}].agency"), &person.agency));
            }
        }
        for (name, text) in lines {
            if text.chars().count() > limits::LINE_CHARS {
                return Err(bad_option(format!(
                    "{name} is longer than {} characters",
                    limits::LINE_CHARS
                )));
            }
        }
        if let Some(invited) = options.participants {
            if invited.len() > limits::LIST_ITEMS {
                return Err(bad_option(format!(
                    "participants lists more than {} people",
                    limits::LIST_ITEMS
                )));
            }
            config.invited = invited;
        }
        let (record, earlier_debrief) = match raw_record.as_ref().map(record_from_js) {
            Some(read) => read.map(|(record, debrief)| (Some(record), debrief))?,
            None => (None, None),
        };
        Ok(MountConfig {
            config,
            earlier_debrief,
            actor: options.actor.unwrap_or_else(|| Actor {
                name: "Not given by the host".into(),
                ..Actor::default()
            }),
            record,
            procedure: options.procedure,
            storage_key: options.storage_key,
            draft_key,
            draft_max_age_minutes: options.draft_max_age_minutes,
            chair_mode: options.chair_mode.unwrap_or(false),
            screen_safe: options.screen_safe.unwrap_or(true),
            read_only: options.read_only.unwrap_or(false),
        })
    }
}

/// Opens the session for a mount: the host's record or a restored draft of it (or a new
/// record), the draft's mode, and the events that tell the host about storage at once.
fn open_session(element: &Element, mount: &mut MountConfig, instance: u32) -> Rc<Session> {
    let autosave = mount.storage_key.as_deref().map(|key| {
        Autosave::new(
            key,
            format!("{}-{instance}", random_id()),
            mount.draft_key.take(),
            mount
                .draft_max_age_minutes
                .map(|minutes| f64::from(minutes) * 60_000.0),
        )
    });
    let found = autosave
        .as_ref()
        .map(|autosave| find_draft(autosave, mount.record.as_ref(), mount.draft_max_age_minutes))
        .unwrap_or_default();
    let stored_by_host = mount.record.is_some() && found.record.is_none();
    let wellbeing = autosave
        .as_ref()
        .and_then(|autosave| autosave.read_debrief(js_sys::Date::now()))
        .and_then(|text| crate::record::from_json_text::<WellbeingDocument>(&text).ok());
    let record = found.record.or(mount.record.take()).unwrap_or_else(|| {
        let mut record = DecisionRecord::new(random_id(), now());
        record.meta.procedure = mount.procedure.clone();
        record
    });
    let opening = Opening {
        record,
        autosave,
        draft: found.mode,
        stored_by_host,
        restored: found.restored,
        expired: found.expired,
        wellbeing,
    };
    let session = Session::open(
        element.clone(),
        opening,
        Rc::new(mount.actor.clone()),
        Rc::new(mount.config.clone()),
        mount.read_only,
    );
    if let (Some(debrief), true) = (mount.earlier_debrief.take(), stored_by_host) {
        session.adopt_earlier_debrief(debrief, &session.record());
    }
    if found.needs_sealing {
        // A draft kept unencrypted before the host gave a key: store it sealed at once.
        session.save_current();
    }
    let notices = session.notices();
    if let Some(problem) = &notices.storage_problem {
        session.fire_error(problem);
    }
    if notices.other_tab {
        session
            .fire_error("This meeting is already open in another tab; this tab will not autosave.");
    }
    session
}

/// Mounts a strategy meeting widget into `element`.
///
/// Throws an `Error` naming the problem when an option is unknown or has the wrong type,
/// or when `options.record` does not pass the import checks.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let mut config = MountConfig::read(&options)?;
    hold(&element)?;
    let instance = NEXT_INSTANCE.with(|next| {
        let value = next.get();
        next.set(value.wrapping_add(1));
        value
    });
    if let Some(token) = audience_token() {
        return Ok(mount_shared_screen(element, &config, instance, &token));
    }
    let session = open_session(&element, &mut config, instance);
    // Every tab with autosave beats: the owner renews its claim; a tab that stood back
    // takes over once the other tab's claim goes stale (it was closed or crashed), and
    // from then on saves.
    let heartbeat = config.storage_key.as_ref().map(|_| {
        let session = session.clone();
        gloo::timers::callback::Interval::new(HEARTBEAT_MS, move || session.beat())
    });
    let unload = config.storage_key.as_ref().map(|_| {
        let session = session.clone();
        gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
            session.release()
        })
    });
    let shared_screen = SharedScreen::Chair(ChairScreen::new(session.clone(), instance));
    let props = AppProps {
        session: session.clone(),
        id_prefix: format!("rs{instance}").into(),
        chair_mode: config.chair_mode,
        screen_safe: config.screen_safe,
        initial_stage: Stage::Meeting,
        shared_screen: Some(shared_screen.clone()),
    };
    let app = yew::Renderer::<App>::with_root_and_props(element.clone(), props).render();
    write_text_after_first_render(&session);
    Ok(WidgetHandle {
        element,
        app: RefCell::new(Some(app)),
        session,
        heartbeat: RefCell::new(heartbeat),
        unload: RefCell::new(unload),
        shared_screen,
    })
}

/// Works out the record's text in a task of its own after mounting, unless the widget is
/// gone by then: after the first render, and on a large meeting (whose first render is
/// long enough for a frame to fall due) after the frame that shows it. Each change writes
/// only what it changed from the text before, so without it the first key typed would
/// write out the whole record (about 5 ms of that key's handlers on the benchmark's large
/// meeting, its code not yet warm); with it, the first key writes no more than any other.
fn write_text_after_first_render(session: &Rc<Session>) {
    let session = Rc::downgrade(session);
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(session) = session.upgrade().filter(|session| !session.closed()) {
            session.text();
        }
    })
    .forget();
}

/// Mounts the shared screen's view in the window the chair's widget opened: no record of
/// its own until the chair's window sends its copy, no draft, no claim on the meeting and
/// no events (the host's record is left alone).
fn mount_shared_screen(
    element: Element,
    config: &MountConfig,
    instance: u32,
    token: &str,
) -> WidgetHandle {
    let session = Session::detached(
        DecisionRecord::new(String::new(), now()),
        Rc::new(config.actor.clone()),
        Rc::new(config.config.clone()),
        true,
    );
    let shared_screen =
        SharedScreen::Audience(AudienceScreen::open(token, instance, session.clone()));
    let props = AppProps {
        session: session.clone(),
        id_prefix: format!("rs{instance}").into(),
        chair_mode: true,
        screen_safe: true,
        initial_stage: Stage::Meeting,
        shared_screen: Some(shared_screen.clone()),
    };
    let app = yew::Renderer::<App>::with_root_and_props(element.clone(), props).render();
    WidgetHandle {
        element,
        app: RefCell::new(Some(app)),
        session,
        heartbeat: RefCell::new(None),
        unload: RefCell::new(None),
        shared_screen,
    }
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
    /// What `checkRecord` answers, its members in the order of their keys.
    #[derive(Serialize)]
    struct Checked {
        digest: String,
        findings: Vec<crate::meeting::Finding>,
    }
    to_js(&Checked { digest, findings })
}
