//! The widget's state: the record plus what the last refused change said. A thin
//! [`Reducible`] adapter over [`meeting::apply`], so the view cannot change the record any
//! other way.

use crate::meeting::{self, Command, Config, Context, Problem};
use crate::record::{Actor, DecisionRecord, Timestamp};
use std::rc::Rc;
use yew::prelude::*;

/// Everything the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingState {
    /// The decision record being written: one shared copy per revision, so rendering,
    /// the host's events and the handle never copy a whole record (a large meeting's is
    /// hundreds of kilobytes) and an unchanged record compares equal at once.
    pub record: Rc<DecisionRecord>,
    /// Counts accepted changes, so effects can run once per change.
    pub revision: u64,
    /// The last change that was refused, to show to the chair.
    pub refusal: Option<Problem>,
    /// What the last accepted change did, for a polite screen-reader announcement.
    pub announcement: String,
    /// Who operates the widget, written into the audit trail.
    pub actor: Rc<Actor>,
    /// The host's configuration.
    pub config: Rc<Config>,
}

impl MeetingState {
    /// State around an existing record.
    pub fn new(record: Rc<DecisionRecord>, actor: Rc<Actor>, config: Rc<Config>) -> Self {
        MeetingState {
            record,
            actor,
            config,
            revision: 0,
            refusal: None,
            announcement: String::new(),
        }
    }
}

/// What the reducer is asked to do.
pub enum Action {
    /// Apply a change through the core, made at this time.
    Apply(Command, Timestamp),
    /// Apply a change made by someone other than the widget's operator (an amendment by
    /// the person named in the amendment form).
    ApplyAs(Command, Timestamp, Actor),
    /// Forget the last refusal (the chair has read it).
    DismissRefusal,
    /// Open another record in place of this one (a host's `load`, or an import that
    /// passed every check).
    Replace(Rc<DecisionRecord>),
}

impl Reducible for MeetingState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Apply(command, at) => {
                let actor = self.actor.clone();
                self.reduce(Action::ApplyAs(command, at, (*actor).clone()))
            }
            Action::ApplyAs(command, at, actor) => {
                let mut next = (*self).clone();
                let description = command.describe(&self.record);
                let command_kind = CommandKind::of(&command);
                let context = Context {
                    at,
                    actor: &actor,
                    config: &self.config,
                };
                // The one copy of the record a change makes: the previous revision is
                // still shown (and may still be held by the host's handle).
                let mut record = (*self.record).clone();
                match meeting::apply(&mut record, command, &context) {
                    Ok(()) => {
                        next.record = Rc::new(record);
                        next.revision += 1;
                        next.refusal = None;
                        // Field edits are not announced: the person typing already knows.
                        if !matches!(command_kind, CommandKind::EditMeeting) {
                            next.announcement = description;
                        }
                    }
                    // `apply` leaves the record untouched when it refuses a change.
                    Err(problem) => next.refusal = Some(problem),
                }
                Rc::new(next)
            }
            Action::Replace(record) => {
                let mut next = (*self).clone();
                next.announcement = "Opened another record".to_string();
                next.record = record;
                next.refusal = None;
                next.revision += 1;
                Rc::new(next)
            }
            Action::DismissRefusal => {
                let mut next = (*self).clone();
                next.refusal = None;
                Rc::new(next)
            }
        }
    }
}

/// Which kind of command was applied, kept after the command itself is consumed.
enum CommandKind {
    EditMeeting,
    Other,
}

impl CommandKind {
    fn of(command: &Command) -> Self {
        match command {
            Command::EditMeeting(_) => CommandKind::EditMeeting,
            _ => CommandKind::Other,
        }
    }
}

/// The current time from the browser's clock (the core has none of its own).
pub fn now() -> Timestamp {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.parse()
        .unwrap_or(Timestamp(time::OffsetDateTime::UNIX_EPOCH))
}

/// Shared, unchanging facts every component may need.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetContext {
    /// Prefix for element ids, unique per mounted widget so two widgets never clash.
    pub id_prefix: AttrValue,
    /// The host's configuration.
    pub config: Rc<Config>,
}

impl WidgetContext {
    /// A document-unique element id for `name` within this widget.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.id_prefix)
    }
}

/// What the host page's side of the widget tells the view: shown as notices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostNotices {
    /// A draft was restored from this browser's storage: when it was saved.
    pub restored: Option<String>,
    /// Drafts older than the host's limit were deleted on mount: what was deleted.
    pub expired: Option<String>,
    /// Autosave is not working, and why.
    pub storage_problem: Option<String>,
    /// The same meeting is open in another tab, so this one does not autosave.
    pub other_tab: bool,
    /// The host has confirmed it stored the record as it is now.
    pub saved_by_host: bool,
    /// The host uses autosave at all (a storage key was given).
    pub autosave: bool,
}

/// The channel between the JavaScript handle and the mounted view: the view registers its
/// callbacks here on first render; the handle calls them (or leaves a value waiting if
/// the view has not rendered yet).
#[derive(Default)]
pub struct HostLink {
    replace: std::cell::RefCell<Option<Callback<Rc<DecisionRecord>>>>,
    pending: std::cell::RefCell<Option<Rc<DecisionRecord>>>,
    notices: std::cell::RefCell<Option<Callback<HostNotices>>>,
    pending_notices: std::cell::RefCell<Option<HostNotices>>,
}

impl std::fmt::Debug for HostLink {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("HostLink")
    }
}

impl HostLink {
    /// Opens `record` in the view, now or as soon as it has rendered.
    pub fn replace(&self, record: Rc<DecisionRecord>) {
        match &*self.replace.borrow() {
            Some(callback) => callback.emit(record),
            None => *self.pending.borrow_mut() = Some(record),
        }
    }

    /// Shows new notices in the view, now or as soon as it has rendered (it starts from its
    /// props, so only notices changed before then wait).
    pub fn notify(&self, notices: HostNotices) {
        match &*self.notices.borrow() {
            Some(callback) => callback.emit(notices),
            None => *self.pending_notices.borrow_mut() = Some(notices),
        }
    }

    /// Called by the view once it can take records and notices.
    pub fn connect(&self, replace: Callback<Rc<DecisionRecord>>, notices: Callback<HostNotices>) {
        if let Some(record) = self.pending.borrow_mut().take() {
            replace.emit(record);
        }
        if let Some(pending) = self.pending_notices.borrow_mut().take() {
            notices.emit(pending);
        }
        *self.replace.borrow_mut() = Some(replace);
        *self.notices.borrow_mut() = Some(notices);
    }

    /// Drops the view's callbacks (on unmount).
    pub fn disconnect(&self) {
        self.replace.borrow_mut().take();
        self.notices.borrow_mut().take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_record;

    fn at() -> Timestamp {
        "2026-03-02T11:00:00Z".parse().unwrap()
    }

    /// Notices the handle sends before the view has rendered (a storage problem found while
    /// mounting) reach the view when it connects; later ones at once.
    #[test]
    fn notices_sent_before_the_view_connects_are_delivered_when_it_does() {
        use std::cell::RefCell;
        let link = HostLink::default();
        let early = HostNotices {
            storage_problem: Some("full".into()),
            ..HostNotices::default()
        };
        link.notify(early.clone());
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        link.connect(
            Callback::from(|_| {}),
            Callback::from(move |notices| sink.borrow_mut().push(notices)),
        );
        assert_eq!(*seen.borrow(), vec![early.clone()]);
        let later = HostNotices {
            other_tab: true,
            ..early.clone()
        };
        link.notify(later.clone());
        assert_eq!(*seen.borrow(), vec![early, later]);
    }

    /// The record is shared between the view, the host's handle and its events: only an
    /// accepted change makes a new copy, and a record handed in is shown as that very copy
    /// (so the handle tells the view's echo of a `load` by pointer, and nothing else copies
    /// a whole record).
    #[test]
    fn only_an_accepted_change_makes_a_new_copy_of_the_record() {
        let before = Rc::new(MeetingState::new(
            Rc::new(example_record(false)),
            Rc::new(Actor::default()),
            Rc::new(Config::default()),
        ));
        let mut meeting = before.record.meeting.clone();
        meeting.chair_id = Some("nobody".into());
        let refused = before
            .clone()
            .reduce(Action::Apply(Command::EditMeeting(meeting), at()));
        assert!(
            refused.refusal.is_some(),
            "a chair who is not a participant"
        );
        assert!(Rc::ptr_eq(&before.record, &refused.record));
        let dismissed = refused.reduce(Action::DismissRefusal);
        assert!(Rc::ptr_eq(&before.record, &dismissed.record));
        assert_eq!(dismissed.revision, before.revision);

        let mut meeting = before.record.meeting.clone();
        meeting.reason.push_str(" Seen again today.");
        let accepted = dismissed.reduce(Action::Apply(Command::EditMeeting(meeting.clone()), at()));
        assert!(accepted.refusal.is_none());
        assert!(!Rc::ptr_eq(&before.record, &accepted.record));
        assert_eq!(accepted.record.meeting, meeting);
        assert_ne!(
            before.record.meeting, meeting,
            "the previous copy is untouched"
        );
        assert_eq!(accepted.revision, before.revision + 1);

        let handed_in = Rc::new(example_record(true));
        let replaced = accepted.reduce(Action::Replace(handed_in.clone()));
        assert!(Rc::ptr_eq(&handed_in, &replaced.record));
    }
}
