//! The live meeting as the host page holds it: the one owner of the record, of the draft
//! kept in this browser and of the notices about both. The view renders from a [`Session`]
//! and sends it commands; the host's handle calls it; the events the host hears leave from
//! here, once per change. Data flows one way: host → session → view → command → session →
//! host.

use crate::autosave::{Autosave, Claim, Found};
use crate::bidi;
use crate::host_js::{fire_event, RecordText};
use crate::meeting::{self, Command, Config, Context, Finding, Problem, Validation};
use crate::record::{
    integrity, Actor, DecisionRecord, FollowUp, Status, Timestamp, WellbeingDebrief,
    WellbeingDocument, WELLBEING_VERSION,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::Element;
use yew::Callback;

/// What this tab does with the meeting's draft in the browser's storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DraftMode {
    /// The host gave no storage key: nothing is kept in the browser.
    #[default]
    Off,
    /// This tab holds the meeting and writes the draft after every change. `seen` is when
    /// it last wrote (ms since the epoch); `failing` says why the last write failed
    /// (storage full): reported once, retried on every change and heartbeat.
    Saving { seen: f64, failing: Option<String> },
    /// Another tab holds the meeting: this one writes nothing, shows the record read-only
    /// and follows the drafts that tab saves after `seen`. Once that tab's claim goes stale
    /// this one takes over and saves, unless storage cannot be used here (`unsaveable`
    /// says why), when it becomes editable but never saves.
    Following {
        seen: f64,
        unsaveable: Option<String>,
    },
    /// Storage is switched off, or holds a draft this page cannot open (another key,
    /// damaged): nothing is ever written, so that draft stays for someone to recover.
    Unsaveable(String),
    /// No other tab holds the meeting, but this tab could not write its claim to it
    /// (storage full, or refusing the write), so other tabs cannot know it is here: it
    /// takes no change (one made here could later be written over by a tab that claims
    /// the meeting), shows the record read-only and says why (`problem`), and tries to
    /// claim the meeting again at every heartbeat. `unsaved` says it holds changes that
    /// are not in the draft (its claim stopped being written while the draft was failing
    /// too): it keeps them on screen rather than follow another tab's draft.
    Unclaimed {
        seen: f64,
        problem: String,
        unsaved: bool,
    },
}

/// What the view shows about the draft and the host, all derived from the session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notices {
    /// A draft was restored from this browser's storage: when it was saved.
    pub restored: Option<String>,
    /// Drafts older than the host's limit were deleted on mount: what was deleted.
    pub expired: Option<String>,
    /// Autosave is not working, and why.
    pub storage_problem: Option<String>,
    /// The same meeting is open in another tab, so this one follows it read-only.
    pub other_tab: bool,
    /// The host has confirmed it stored the record as it is now.
    pub saved_by_host: bool,
    /// The host uses autosave at all (a storage key was given).
    pub autosave: bool,
}

/// What the last command did, for the chair: a refusal to show, or words to announce.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The last change that was refused.
    pub refusal: Option<Problem>,
    /// What the last accepted change did, for a polite screen-reader announcement.
    pub announcement: String,
    /// The last removal, which the chair can undo until they leave the stage.
    pub removal: Option<Removal>,
}

/// A removal the chair can undo: what it did and what undoing it does, in words. The
/// command that undoes it is the session's own (`Session::undo`), so that the outcome a
/// redraw copies and compares holds no command (a command's copy and comparison are large
/// functions in the module).
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    /// "Removed the action \"Strategy review\"".
    pub removed: String,
    /// "Put back the action \"Strategy review\"".
    pub put_back: String,
    undone: bool,
    /// Tells one removal from the next (the revision it made).
    pub serial: u64,
}

impl Removal {
    /// It has been undone: the item is back.
    pub fn undone(&self) -> bool {
        self.undone
    }
}

/// How a session starts: what mount found and the host asked for.
pub struct Opening {
    /// The record to show first (the host's, a restored draft, or a new one).
    pub record: DecisionRecord,
    /// The draft storage, when the host gave a storage key.
    pub autosave: Option<Autosave>,
    /// The draft's mode at the start.
    pub draft: DraftMode,
    /// The host gave this record and no draft replaced it: it is already stored.
    pub stored_by_host: bool,
    /// Notices fixed at mount: a restored draft, expired drafts deleted.
    pub restored: Option<String>,
    pub expired: Option<String>,
    /// The wellbeing debrief kept beside the draft.
    pub wellbeing: Option<WellbeingDocument>,
}

/// One mounted meeting.
pub struct Session {
    /// The host's element, where events are fired (absent when rendered without a page).
    element: Option<Element>,
    record: RefCell<Rc<DecisionRecord>>,
    /// The text of `record` once written (by a change, or when first asked for): what the
    /// next change's text copies its unchanged parts from.
    text: RefCell<Option<Rc<RecordText>>>,
    /// Counts accepted changes and replaced records.
    revision: Cell<u64>,
    /// An upper bound of the record's size as the last change left it, with that change's
    /// revision (see `meeting::apply_bounded`): a keystroke does not walk the whole record.
    size_bound: Cell<Option<(u64, usize)>>,
    /// The revision the host last said it stored.
    acknowledged: Cell<Option<u64>>,
    draft: RefCell<DraftMode>,
    autosave: Option<Autosave>,
    outcome: RefCell<Outcome>,
    /// The command that undoes the outcome's removal, until it is undone or forgotten.
    undo: RefCell<Option<Command>>,
    restored: Option<String>,
    expired: Option<String>,
    actor: Rc<Actor>,
    config: Rc<Config>,
    /// The current record's findings, kept from one revision to the next.
    validation: RefCell<Validation<Rc<DecisionRecord>, Rc<Config>>>,
    /// The host made the widget read-only.
    read_only: bool,
    /// Redraws the view after the session changed.
    view: RefCell<Option<Callback<()>>>,
    /// The widget was destroyed: nothing is written or fired any more.
    closed: Cell<bool>,
    /// Events waiting to be fired: one fired while another is being dispatched (a host's
    /// listener that loads a record) waits until that one has reached every listener, so
    /// that every listener hears every change in the order it was made.
    events: RefCell<VecDeque<(&'static str, js_sys::Object)>>,
    /// An event is being dispatched.
    dispatching: Cell<bool>,
    /// The professionals' wellbeing debrief: a document of its own, never in the record.
    wellbeing: RefCell<Option<Rc<WellbeingDocument>>>,
    /// The stale claim of another tab this one found with storage writable again, after
    /// its own claim could not be written: it claims the meeting if that claim is still
    /// there at the next heartbeat (see [`Session::beat`]).
    waited_for: Cell<Option<f64>>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Session")
    }
}

/// The current time from the browser's clock (the core has none of its own).
pub fn now() -> Timestamp {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.parse()
        .unwrap_or(Timestamp(time::OffsetDateTime::UNIX_EPOCH))
}

impl Session {
    /// A session on a page: events go to `element`, drafts to `opening.autosave`.
    pub fn open(
        element: Element,
        opening: Opening,
        actor: Rc<Actor>,
        config: Rc<Config>,
        read_only: bool,
    ) -> Rc<Self> {
        Rc::new(Session {
            element: Some(element),
            record: RefCell::new(Rc::new(opening.record)),
            text: RefCell::new(None),
            revision: Cell::new(0),
            size_bound: Cell::new(None),
            acknowledged: Cell::new(opening.stored_by_host.then_some(0)),
            draft: RefCell::new(opening.draft),
            autosave: opening.autosave,
            outcome: RefCell::default(),
            undo: RefCell::default(),
            restored: opening.restored,
            expired: opening.expired,
            actor,
            config,
            validation: RefCell::default(),
            read_only,
            view: RefCell::new(None),
            closed: Cell::new(false),
            events: RefCell::default(),
            dispatching: Cell::new(false),
            wellbeing: RefCell::new(opening.wellbeing.map(Rc::new)),
            waited_for: Cell::new(None),
        })
    }

    /// A session with no page around it (server-side rendering, tests): no events, no
    /// draft.
    pub fn detached(
        record: DecisionRecord,
        actor: Rc<Actor>,
        config: Rc<Config>,
        read_only: bool,
    ) -> Rc<Self> {
        Rc::new(Session {
            element: None,
            record: RefCell::new(Rc::new(record)),
            text: RefCell::new(None),
            revision: Cell::new(0),
            size_bound: Cell::new(None),
            acknowledged: Cell::new(None),
            draft: RefCell::new(DraftMode::Off),
            autosave: None,
            outcome: RefCell::default(),
            undo: RefCell::default(),
            restored: None,
            expired: None,
            actor,
            config,
            validation: RefCell::default(),
            read_only,
            view: RefCell::new(None),
            closed: Cell::new(false),
            events: RefCell::default(),
            dispatching: Cell::new(false),
            wellbeing: RefCell::new(None),
            waited_for: Cell::new(None),
        })
    }

    /// The record as it is now: one shared copy per revision.
    pub fn record(&self) -> Rc<DecisionRecord> {
        self.record.borrow().clone()
    }

    /// The current record's compact text: the one a change wrote, or written when first asked for and kept
    /// for the next change to copy from.
    pub(crate) fn text(&self) -> Rc<RecordText> {
        if let Some(text) = self.text.borrow().as_ref() {
            return Rc::clone(text);
        }
        let text = Rc::new(RecordText::of(&self.record()));
        *self.text.borrow_mut() = Some(Rc::clone(&text));
        text
    }

    /// Counts accepted changes and replaced records.
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The host's configuration.
    pub fn config(&self) -> Rc<Config> {
        self.config.clone()
    }

    /// Every finding for the current record, as `meeting::validate` makes them; a change runs
    /// again only the checks it can affect ([`Validation`]). The findings stay borrowed
    /// until the returned `Ref` is dropped, and a second call while it is held would panic:
    /// the redraw (`App`) asks once and holds them to its end.
    pub fn findings(&self) -> std::cell::Ref<'_, [Finding]> {
        let (record, config) = (self.record(), self.config());
        self.validation.borrow_mut().findings(&record, &config);
        std::cell::Ref::map(self.validation.borrow(), Validation::last)
    }

    /// Who operates the widget, as the host said.
    pub fn actor(&self) -> Rc<Actor> {
        self.actor.clone()
    }

    /// The draft's mode.
    pub fn draft_mode(&self) -> DraftMode {
        self.draft.borrow().clone()
    }

    /// No change is taken: the host made the widget read-only, the widget was destroyed,
    /// or this tab does not hold the meeting (another tab does, which this one follows, or
    /// this one could not claim it), so that two tabs never make changes one of them would
    /// later write over.
    pub fn locked(&self) -> bool {
        self.read_only
            || self.closed.get()
            || matches!(
                *self.draft.borrow(),
                DraftMode::Following { .. } | DraftMode::Unclaimed { .. }
            )
    }

    /// The record cannot be changed here: locked, or final (changes are amendments).
    pub fn record_read_only(&self) -> bool {
        self.locked() || self.record.borrow().meta.status != Status::Draft
    }

    /// What the last command did.
    pub fn outcome(&self) -> Outcome {
        self.outcome.borrow().clone()
    }

    /// Forgets the last refusal (the chair has read it).
    pub fn dismiss_refusal(&self) {
        self.outcome.borrow_mut().refusal = None;
        self.redraw();
    }

    /// The notices the view shows, derived from the draft's mode and the host's
    /// acknowledgement.
    pub fn notices(&self) -> Notices {
        let draft = self.draft.borrow();
        Notices {
            restored: self.restored.clone(),
            expired: self.expired.clone(),
            storage_problem: match &*draft {
                DraftMode::Saving { failing, .. } => failing.clone(),
                DraftMode::Following { unsaveable, .. } => unsaveable.clone(),
                DraftMode::Unsaveable(problem) | DraftMode::Unclaimed { problem, .. } => {
                    Some(problem.clone())
                }
                DraftMode::Off => None,
            },
            other_tab: matches!(*draft, DraftMode::Following { .. }),
            saved_by_host: self.acknowledged.get() == Some(self.revision.get()),
            autosave: *draft != DraftMode::Off,
        }
    }

    /// Lets the view hear about every change, to redraw.
    pub fn connect(&self, redraw: Callback<()>) {
        *self.view.borrow_mut() = Some(redraw);
    }

    /// Stops telling the view (it has gone).
    pub fn disconnect(&self) {
        self.view.borrow_mut().take();
    }

    fn redraw(&self) {
        let view = self.view.borrow().clone();
        if let Some(redraw) = view {
            redraw.emit(());
        }
    }

    /// Applies a change made by the widget's operator. True when it was taken.
    pub fn apply(&self, command: Command) -> bool {
        let actor = self.actor.clone();
        self.apply_as(command, &actor)
    }

    /// Applies a change made by `actor` (an amendment by the person the form names). Does
    /// nothing while the session is locked. True when the change was taken; a form keeps
    /// what was typed into it otherwise.
    pub fn apply_as(&self, command: Command, actor: &Actor) -> bool {
        if self.locked() {
            return false;
        }
        let saving = matches!(*self.draft.borrow(), DraftMode::Saving { .. });
        if let (Some(autosave), true) = (&self.autosave, saving) {
            // Another tab took the meeting over while this one's timers were held back:
            // the change is not taken, since that tab would write over it.
            if !autosave.free_for_this_tab(js_sys::Date::now()) {
                self.stand_back();
                return false;
            }
        }
        let before = self.record();
        let announce = !matches!(command, Command::EditMeeting(_));
        // In words, without ids; record text in them shows its bidirectional controls as
        // escapes, as every message that quotes the record does.
        let description = bidi::escape(&command.in_words(&before)).into_owned();
        let undo = command.undoing(&before);
        let context = Context {
            at: now(),
            actor,
            config: &self.config,
        };
        // The one copy of the record a change makes: the previous revision may still be
        // held by the view until it redraws.
        let mut record = (*before).clone();
        let revision = self.revision.get();
        let mut bound =
            (self.size_bound.get()).and_then(|(of, bound)| (of == revision).then_some(bound));
        let taken = match meeting::apply_bounded(&mut record, command, &context, &mut bound) {
            Ok(()) => {
                let finalised =
                    before.meta.status == Status::Draft && record.meta.status == Status::Final;
                let amended = record.amendments.len() > before.amendments.len();
                let followed_up = record.follow_up.len() > before.follow_up.len();
                let anchor =
                    (finalised || amended || followed_up).then(|| integrity::anchor(&record));
                let removed = description.clone();
                {
                    let mut outcome = self.outcome.borrow_mut();
                    outcome.refusal = None;
                    // Field edits are not announced: the person typing already knows.
                    if announce {
                        outcome.announcement = description;
                    }
                }
                let text = self.store(Rc::new(record));
                self.size_bound
                    .set(bound.map(|bound| (self.revision.get(), bound)));
                if let Some(undo) = undo {
                    let put_back = bidi::escape(&undo.in_words(&self.record())).into_owned();
                    self.outcome.borrow_mut().removal = Some(Removal {
                        removed,
                        put_back,
                        undone: false,
                        serial: self.revision.get(),
                    });
                    *self.undo.borrow_mut() = Some(undo);
                }
                // The anchor the host keeps to check the record against later (SECURITY.md).
                if let Some(anchor) = anchor {
                    let name = if finalised {
                        "risk-sensible:finalise"
                    } else if amended {
                        "risk-sensible:amend"
                    } else {
                        "risk-sensible:follow-up"
                    };
                    let detail = text.detail();
                    let _ = js_sys::Reflect::set(&detail, &"anchor".into(), &anchor.into());
                    self.queue(name, detail);
                }
                self.flush();
                true
            }
            // `apply` leaves the record untouched when it refuses a change.
            Err(problem) => {
                self.outcome.borrow_mut().refusal = Some(problem);
                false
            }
        };
        self.redraw();
        taken
    }

    /// Appends a follow-up the host sends, recorded by its `by` at this moment. A refusal is
    /// the host's to report, so the widget does not show it; `Err(None)` when the session
    /// takes no change (read-only, or another tab holds the meeting).
    pub fn append_follow_up(&self, follow_up: FollowUp) -> Result<(), Option<Problem>> {
        let actor = follow_up.by.clone();
        if self.apply_as(Command::FollowUp(follow_up), &actor) {
            return Ok(());
        }
        let refusal = self.outcome.borrow_mut().refusal.take();
        self.redraw();
        Err(refusal)
    }

    /// The professionals' wellbeing debrief, if one has been started.
    pub fn wellbeing(&self) -> Option<Rc<WellbeingDocument>> {
        self.wellbeing.borrow().clone()
    }

    /// Keeps the wellbeing debrief apart from the record: in this page, beside the draft
    /// (sealed like it), and hands it to the host in `risk-sensible:wellbeing` (detail:
    /// `{ debrief }`). It never enters the record, its events or its copies.
    pub fn set_wellbeing(&self, debrief: WellbeingDocument) {
        if self.closed.get() || self.read_only {
            return;
        }
        let text = crate::record::to_json_text(&debrief).unwrap_or_default();
        if let Some(autosave) = &self.autosave {
            // A failure shows as the draft's does, on the next write of the record.
            let _ = autosave.write_debrief(&text, js_sys::Date::now());
        }
        *self.wellbeing.borrow_mut() = Some(Rc::new(debrief));
        if let Ok(object) = js_sys::JSON::parse(&text) {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"debrief".into(), &object);
            self.queue("risk-sensible:wellbeing", detail);
            self.flush();
        }
        self.outcome.borrow_mut().announcement =
            "Kept the wellbeing debrief apart from the child's record".to_string();
        self.redraw();
    }

    /// Takes in the debrief an earlier version's record carried (a draft loses it on
    /// migrating; a final record keeps it as finalised): it becomes the session's own
    /// document, unless one has been started here.
    pub fn adopt_earlier_debrief(&self, debrief: WellbeingDebrief, record: &DecisionRecord) {
        if self.wellbeing.borrow().is_some() {
            return;
        }
        self.set_wellbeing(WellbeingDocument {
            version: WELLBEING_VERSION,
            id: crate::host_js::random_id(),
            held_on: record.meeting.date,
            offered: debrief.offered,
            notes: debrief.notes,
            ..WellbeingDocument::default()
        });
    }

    /// Undoes the last removal: puts the item back where it was. True when it is back; a
    /// refusal (what it refers to has gone since) is shown like any other, and the offer
    /// ends either way.
    pub fn undo_removal(&self) -> bool {
        let undo = match self.outcome.borrow_mut().removal.as_mut() {
            Some(removal) if !removal.undone => {
                removal.undone = true;
                self.undo.borrow_mut().take()
            }
            _ => None,
        };
        let Some(undo) = undo else {
            return false;
        };
        let taken = self.apply(undo);
        if !taken {
            self.outcome.borrow_mut().removal = None;
            self.redraw();
        }
        taken
    }

    /// Ends the offer to undo the last removal (the chair has left the stage).
    pub fn forget_removal(&self) {
        self.undo.borrow_mut().take();
        if self.outcome.borrow_mut().removal.take().is_some() {
            self.redraw();
        }
    }

    /// Opens another record in place of this one (the host's `load`, an import that passed
    /// every check, another tab's draft). Called again from a listener of the change event
    /// it fires (a host's `load` there), the later record is opened at once and the widget
    /// ends on it; its change event follows this one's.
    pub fn replace(&self, record: Rc<DecisionRecord>) {
        if self.closed.get() {
            return;
        }
        *self.outcome.borrow_mut() = Outcome {
            refusal: None,
            announcement: "Opened another record".to_string(),
            removal: None,
        };
        self.undo.borrow_mut().take();
        self.store(record);
        self.flush();
        self.redraw();
    }

    /// [`Session::replace`] with a record read from a host's `load` or a file: the wellbeing
    /// debrief an earlier version of it carried becomes the session's own document.
    pub fn replace_carrying(&self, record: DecisionRecord, debrief: Option<WellbeingDebrief>) {
        self.replace(Rc::new(record));
        if let Some(debrief) = debrief {
            self.adopt_earlier_debrief(debrief, &self.record());
        }
    }

    /// The host has stored the record as it is now: the draft kept in this browser is
    /// removed (a write that kept failing is no longer needed either).
    pub fn acknowledge(&self) {
        if self.closed.get() {
            return;
        }
        if let (Some(autosave), DraftMode::Saving { failing, .. }) =
            (&self.autosave, &mut *self.draft.borrow_mut())
        {
            autosave.clear();
            *failing = None;
        }
        self.acknowledged.set(Some(self.revision.get()));
        self.redraw();
    }

    /// The widget is destroyed: from now on nothing is written, fired or taken, and events
    /// not yet fired are dropped. Gives up this tab's claim on the meeting.
    pub fn close(&self) {
        self.release();
        self.closed.set(true);
        self.events.borrow_mut().clear();
        self.disconnect();
    }

    /// The widget was destroyed.
    pub fn closed(&self) -> bool {
        self.closed.get()
    }

    /// Makes `record` the current revision: writes it out once (copying the text of every
    /// part equal in the revision before), saves the draft from that text before anything
    /// else can change it, and queues the change event (fired by [`Session::flush`]).
    /// Returns the text.
    fn store(&self, record: Rc<DecisionRecord>) -> Rc<RecordText> {
        let before = self.record();
        let previous = self.text.borrow_mut().take();
        let text = Rc::new(RecordText::after(
            previous.as_deref().map(|text| (&*before, text)),
            &record,
        ));
        *self.record.borrow_mut() = record;
        *self.text.borrow_mut() = Some(Rc::clone(&text));
        self.revision.set(self.revision.get() + 1);
        self.save(&text);
        self.queue("risk-sensible:change", text.detail());
        text
    }

    /// Queues an event for the host's element; `detail` carries the record (read from its
    /// text only when a listener asks for it).
    fn queue(&self, name: &'static str, detail: js_sys::Object) {
        if self.element.is_some() && !self.closed.get() {
            self.events.borrow_mut().push_back((name, detail));
        }
    }

    /// Fires the queued events, in order. While an event is being dispatched, an event
    /// queued by one of its listeners (a record the host loads there) waits: the
    /// dispatch in progress fires it once every listener has heard the one before.
    fn flush(&self) {
        let Some(element) = &self.element else {
            return;
        };
        if self.dispatching.replace(true) {
            return;
        }
        loop {
            let next = self.events.borrow_mut().pop_front();
            let Some((name, detail)) = next else {
                break;
            };
            fire_event(element, name, &detail);
        }
        self.dispatching.set(false);
    }

    /// Tells the host about a storage problem or another tab.
    pub fn fire_error(&self, message: &str) {
        if self.element.is_none() || self.closed.get() {
            return;
        }
        let detail = self.text().detail();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.queue("risk-sensible:error", detail);
        self.flush();
    }

    /// Writes the draft when this tab saves. The first failure is shown and sent as an
    /// error event; the next success (space freed) takes the warning away again.
    pub(crate) fn save(&self, text: &Rc<RecordText>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if !matches!(*self.draft.borrow(), DraftMode::Saving { .. }) {
            return;
        }
        let now = js_sys::Date::now();
        if !autosave.free_for_this_tab(now) {
            self.stand_back();
            return;
        }
        let result = autosave.write(text, now);
        let (recovered, newly_failing) = {
            let mut draft = self.draft.borrow_mut();
            let DraftMode::Saving { seen, failing } = &mut *draft else {
                return;
            };
            match result {
                Ok(()) => {
                    *seen = now;
                    (failing.take().is_some(), None)
                }
                Err(message) => (
                    false,
                    failing
                        .replace(message.clone())
                        .is_none()
                        .then_some(message),
                ),
            }
        };
        if let Some(message) = &newly_failing {
            self.fire_error(message);
        }
        // The warning comes and goes with the writes, on the heartbeat too.
        if recovered || newly_failing.is_some() {
            self.redraw();
        }
    }

    /// Writes the current record's draft (a draft restored unsealed, sealed at once; a
    /// failing write retried).
    pub fn save_current(&self) {
        self.save(&self.text());
    }

    /// The autosave heartbeat: the owner renews its claim (and retries a failing write); a
    /// tab that follows another shows what it saved, and takes over once its claim has gone
    /// stale (it was closed or crashed); a tab that could not write its claim tries again.
    pub fn beat(&self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if self.closed.get() {
            return;
        }
        let now = js_sys::Date::now();
        let mode = self.draft_mode();
        match mode {
            DraftMode::Saving { failing, .. } => {
                if !autosave.free_for_this_tab(now) {
                    // Another tab took the meeting over while this one slept (a background
                    // tab's timers can be held back for a minute): stand back.
                    self.stand_back();
                    return;
                }
                if let Err(problem) = autosave.renew(now) {
                    // Unrenewed, the claim goes stale within seconds and another tab could
                    // take the meeting over: take no more changes here.
                    self.unclaimed(problem, failing.is_some());
                    return;
                }
                if failing.is_some() {
                    self.save_current();
                }
            }
            DraftMode::Following { unsaveable, .. } => {
                // Show what the other tab saved, so that nothing it did is lost when this
                // tab takes over.
                self.follow();
                match unsaveable {
                    // Editable again once the other tab is gone, but still never saving.
                    Some(problem) if autosave.free_for_this_tab(now) => {
                        *self.draft.borrow_mut() = DraftMode::Unsaveable(problem);
                        self.redraw();
                    }
                    Some(_) => {}
                    None => match autosave.claim(now) {
                        Claim::Held => self.take_over(),
                        Claim::Unwritten(problem) => self.unclaimed(problem, false),
                        Claim::Elsewhere => {}
                    },
                }
            }
            // Once another tab has claimed the meeting from a tab holding changes it could
            // not save, that tab keeps them on screen, read-only, and claims nothing more:
            // its record lacks what the other tab has done since.
            DraftMode::Unclaimed {
                unsaved: true,
                problem,
                ..
            } if problem == TAKEN_OVER_UNSAVED => {}
            DraftMode::Unclaimed { unsaved, .. } => {
                match self.claim_after_failing(autosave, now, unsaved) {
                    Claim::Held => self.take_over(),
                    Claim::Unwritten(_) => {}
                    // Another tab claimed the meeting first: follow it, unless this tab holds
                    // changes its draft lacks, which stay on screen.
                    Claim::Elsewhere if !unsaved => {
                        let seen = self.seen();
                        *self.draft.borrow_mut() = DraftMode::Following {
                            seen,
                            unsaveable: None,
                        };
                        self.follow();
                        self.redraw();
                    }
                    Claim::Elsewhere => {
                        let problem = TAKEN_OVER_UNSAVED.to_string();
                        let changed = matches!(
                            &*self.draft.borrow(),
                            DraftMode::Unclaimed { problem: shown, .. } if *shown != problem
                        );
                        if changed {
                            if let DraftMode::Unclaimed { problem: shown, .. } =
                                &mut *self.draft.borrow_mut()
                            {
                                shown.clone_from(&problem);
                            }
                            self.fire_error(&problem);
                            self.redraw();
                        }
                    }
                }
            }
            DraftMode::Off | DraftMode::Unsaveable(_) => {}
        }
    }

    /// The claim of a tab whose last claim could not be written. Another tab's claim that
    /// went stale meanwhile may belong to a tab that is still open and holds changes it
    /// could not save (its claim could not be written either): that tab is given one
    /// heartbeat with storage writable again to renew its claim and save them, before this
    /// one claims the meeting (a tab holding such changes of its own claims at once).
    fn claim_after_failing(&self, autosave: &Autosave, now: f64, unsaved: bool) -> Claim {
        let Some(stale) = autosave.stale_claim(now).filter(|_| !unsaved) else {
            return autosave.claim(now);
        };
        if self.waited_for.get() == Some(stale) {
            return autosave.claim(now);
        }
        if autosave.writable() {
            self.waited_for.set(Some(stale));
        }
        Claim::Unwritten(String::new())
    }

    /// This tab has written its claim: it holds the meeting from now on, saves, and takes
    /// changes.
    fn take_over(&self) {
        if let Some(autosave) = &self.autosave {
            autosave.write_whole_next();
        }
        let seen = self.seen();
        *self.draft.borrow_mut() = DraftMode::Saving {
            seen,
            failing: None,
        };
        self.save_current();
        self.redraw();
    }

    /// This tab's claim could not be written (`problem` says why): it takes no change
    /// until it can claim the meeting again. `unsaved`: it holds changes its draft lacks.
    fn unclaimed(&self, problem: String, unsaved: bool) {
        let seen = self.seen();
        let problem = unclaimed_message(&problem, unsaved);
        *self.draft.borrow_mut() = DraftMode::Unclaimed {
            seen,
            problem: problem.clone(),
            unsaved,
        };
        self.fire_error(&problem);
        self.redraw();
    }

    /// When this tab last wrote, restored or followed a draft.
    fn seen(&self) -> f64 {
        match &*self.draft.borrow() {
            DraftMode::Saving { seen, .. }
            | DraftMode::Following { seen, .. }
            | DraftMode::Unclaimed { seen, .. } => *seen,
            DraftMode::Off | DraftMode::Unsaveable(_) => 0.0,
        }
    }

    /// Another tab holds the meeting: write nothing, show the record read-only, follow.
    fn stand_back(&self) {
        let seen = self.seen();
        *self.draft.borrow_mut() = DraftMode::Following {
            seen,
            unsaveable: None,
        };
        self.fire_error(
            "This meeting was taken over by another tab; this tab follows it and will not autosave.",
        );
        self.redraw();
    }

    /// Opens the draft another tab saved since this tab last looked, if it is the same
    /// meeting (or this tab holds only an untouched new record).
    fn follow(&self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let Some(draft) = autosave.read_newer(self.seen()) else {
            return;
        };
        if let DraftMode::Following { seen, .. } = &mut *self.draft.borrow_mut() {
            *seen = draft.saved_at;
        }
        let current = self.record();
        let same = current.meta.id == draft.record.meta.id || current.audit.is_empty();
        if same && *current != draft.record {
            self.replace(Rc::new(draft.record));
        }
    }

    /// Gives up this tab's claim on the meeting (the page is going, or the widget is
    /// destroyed).
    pub fn release(&self) {
        if let (Some(autosave), DraftMode::Saving { .. } | DraftMode::Unclaimed { .. }) =
            (&self.autosave, &*self.draft.borrow())
        {
            autosave.release();
        }
    }
}

/// What a tab whose claim could not be written says, and sends as an error event.
fn unclaimed_message(problem: &str, unsaved: bool) -> String {
    let kept = if unsaved {
        " The changes made here that autosave could not keep are still on this page and \
         were sent to your system."
    } else {
        ""
    };
    format!(
        "This tab could not claim the meeting: {problem}. Another tab could be changing it \
         too, so this tab shows it read-only and takes no change it might lose; it becomes \
         editable as soon as it can claim the meeting (free some space in this browser, or \
         close other tabs).{kept}"
    )
}

/// What a tab holding changes its draft lacks says when another tab claims the meeting
/// first.
const TAKEN_OVER_UNSAVED: &str = "Another tab claimed this meeting while this tab could not \
    save. The changes made here that autosave could not keep are still on this page, \
    read-only, and were sent to your system: copy what you need into the tab that holds the \
    meeting.";

/// What mount finds in the browser's storage for a meeting, as the session's opening: the
/// draft's mode, a restored draft (when it is the meeting the host gave, or the host gave
/// none) and the notices about it. `given` is the host's record, if any; `max_age_minutes`
/// words the expiry notices.
pub fn find_draft(
    autosave: &Autosave,
    given: Option<&DecisionRecord>,
    max_age_minutes: Option<u32>,
) -> FoundDraft {
    let now = js_sys::Date::now();
    let claim = autosave.claim(now);
    let other_tab = claim == Claim::Elsewhere;
    let mut found = FoundDraft::default();
    let mut unsaveable = None;
    let mut seen = 0.0;
    let mut expired = Vec::new();
    let minutes = max_age_minutes.unwrap_or_default();
    match autosave.read(now, other_tab) {
        Ok(Found::Restored(draft)) => {
            // Restored even when another tab holds the meeting: it is the same meeting's
            // latest state, and this tab will not write over it.
            if given.is_none_or(|given| given.meta.id == draft.record.meta.id) {
                found.restored = Some(clock_time(draft.saved_at));
                found.needs_sealing = draft.needs_sealing;
                seen = draft.saved_at;
                found.record = Some(draft.record);
            }
        }
        Ok(Found::Expired(saved_at)) => expired.push(format!(
            "The draft of this meeting saved in this browser at {} was older than {minutes} \
             minutes, so it has been deleted.",
            clock_time(saved_at),
        )),
        Ok(Found::Nothing) => {}
        // Storage switched off, or a damaged draft: either way write nothing, so the
        // damaged draft stays for someone to recover.
        Err(message) => unsaveable = Some(message),
    }
    match autosave.sweep_expired(now) {
        0 => {}
        deleted => expired.push(format!(
            "{deleted} {} of other meetings older than {minutes} minutes {} deleted from this \
             browser.",
            if deleted == 1 { "draft" } else { "drafts" },
            if deleted == 1 { "was" } else { "were" },
        )),
    }
    if !expired.is_empty() {
        found.expired = Some(expired.join(" "));
    }
    found.mode = match (claim, unsaveable) {
        (Claim::Elsewhere, unsaveable) => DraftMode::Following { seen, unsaveable },
        (_, Some(problem)) => DraftMode::Unsaveable(problem),
        (Claim::Unwritten(problem), None) => DraftMode::Unclaimed {
            seen,
            problem: unclaimed_message(&problem, false),
            unsaved: false,
        },
        (Claim::Held, None) => DraftMode::Saving {
            seen,
            failing: None,
        },
    };
    found
}

/// What [`find_draft`] found.
#[derive(Default)]
pub struct FoundDraft {
    /// The draft's mode to start in.
    pub mode: DraftMode,
    /// The restored record, when a draft of this meeting was found.
    pub record: Option<DecisionRecord>,
    /// It was stored unencrypted but the host now gives a key: write it again, sealed.
    pub needs_sealing: bool,
    pub restored: Option<String>,
    pub expired: Option<String>,
}

/// `HH:MM` in the browser's time zone.
fn clock_time(milliseconds: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(milliseconds));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
