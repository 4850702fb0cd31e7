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
    /// The decision record being written.
    pub record: DecisionRecord,
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
    pub fn new(record: DecisionRecord, actor: Rc<Actor>, config: Rc<Config>) -> Self {
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
                match meeting::apply(&mut next.record, command, &context) {
                    Ok(()) => {
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
