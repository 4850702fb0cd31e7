//! The one transition function. Every change to a record, from the widget, the command
//! line or a host, is a [`Command`] passed to [`apply`]. A change that is not allowed comes
//! back as a [`Problem`] and leaves the record exactly as it was; an accepted change
//! appends an entry to the audit trail, chained to the one before.

use super::config::Config;
use super::validate::{validate, Finding, Severity};
use crate::record::integrity::{self, AMENDED, FINALISED, GENESIS_HASH};
use crate::record::*;
use std::fmt;

/// Who makes a change and when, supplied by the edge (the core has no clock).
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// When the change is made.
    pub at: Timestamp,
    /// Who makes it.
    pub actor: &'a Actor,
    /// The host's configuration (agencies, holidays, decision types).
    pub config: &'a Config,
}

/// A change to the record.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace the meeting details.
    EditMeeting(Meeting),
    /// Replace the practice context.
    EditPracticeContext(PracticeContext),
    /// Replace the child's voice.
    EditChildVoice(ChildVoice),
    /// Replace the timescales the group sets (the statutory ones are computed).
    EditTimescales(Timescales),
    /// Record the group's discussion of a spread in the safety scales.
    EditScaleDiscussion(String),
    /// Set or clear the professionals' wellbeing debrief.
    EditWellbeingDebrief(Option<WellbeingDebrief>),
    /// Add an item to a list; the record gives it an id (any id in the item is ignored).
    Add(Item),
    /// Replace the item with the same id.
    Edit(Item),
    /// Remove an item that nothing else refers to.
    Remove {
        /// Which list.
        kind: ItemKind,
        /// The item's id.
        id: String,
    },
    /// Set one participant's safety scale (one per participant).
    SetScale(SafetyScale),
    /// Withdraw one participant's safety scale.
    RemoveScale {
        /// The participant.
        participant_id: String,
    },
    /// Make the record final and read-only: refused while any error finding remains.
    Finalise,
    /// Append an amendment to a final record.
    Amend {
        /// Why the amendment is needed.
        reason: String,
        /// The correction or addition itself.
        change: String,
    },
}

/// An item of one of the record's lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A participant.
    Participant(Participant),
    /// The child or a member of the child's world.
    Subject(Subject),
    /// Shared information.
    Information(InformationItem),
    /// An information gap.
    Gap(InformationGap),
    /// A statement in one column of the assessment.
    Statement(AssessmentColumn, Statement),
    /// A tool used as an input.
    Tool(ToolInput),
    /// A decision.
    Decision(Decision),
    /// A risk.
    Risk(Risk),
    /// An action.
    Action(Action),
    /// A contingency.
    Contingency(Contingency),
    /// A dissent.
    Dissent(Dissent),
    /// Family communication.
    FamilyCommunication(FamilyCommunication),
    /// A recipient of the record.
    Recipient(Recipient),
}

/// Which list an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `participants`
    Participant,
    /// `subjects`
    Subject,
    /// `information`
    Information,
    /// `gaps`
    Gap,
    /// one column of `assessment`
    Statement(AssessmentColumn),
    /// `tools`
    Tool,
    /// `decisions`
    Decision,
    /// `risks`
    Risk,
    /// `actions`
    Action,
    /// `contingencies`
    Contingency,
    /// `dissent`
    Dissent,
    /// `familyCommunication`
    FamilyCommunication,
    /// `distribution`
    Recipient,
}

/// Why a command was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The item has missing or wrong fields; paths are relative to the item.
    Invalid(Vec<Finding>),
    /// No item of that kind has that id.
    NotFound {
        /// The kind of item, e.g. "participant".
        kind: &'static str,
        /// The id that was asked for.
        id: String,
    },
    /// The item is referred to elsewhere in the record and cannot be removed.
    InUse {
        /// Who or what was to be removed, in words.
        item: String,
        /// What refers to it, in words.
        uses: Vec<String>,
    },
    /// The record is final: changes are amendments.
    ReadOnly,
    /// The record is still a draft: only final records take amendments.
    NotFinal,
    /// The record has errors that must be fixed before it can be finalised.
    NotReady(Vec<Finding>),
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Invalid(findings) | Problem::NotReady(findings) => {
                let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
                if matches!(self, Problem::NotReady(_)) {
                    write!(formatter, "The record cannot be finalised yet: ")?;
                }
                write!(formatter, "{}", messages.join("; "))
            }
            Problem::NotFound { kind, id } => write!(formatter, "There is no {kind} {id:?}"),
            Problem::InUse { item, uses } => write!(
                formatter,
                "{item} cannot be removed because they are {}. Choose someone else first.",
                uses.join(", ")
            ),
            Problem::ReadOnly => write!(
                formatter,
                "This record is final and cannot be changed; add an amendment instead"
            ),
            Problem::NotFinal => write!(
                formatter,
                "Only a final record takes amendments; a draft can be changed directly"
            ),
        }
    }
}

impl std::error::Error for Problem {}

/// What every list item type provides to the generic add / edit / remove.
trait Listed: Clone {
    /// The kind, in words ("risk").
    const KIND: &'static str;
    /// The id prefix (`r` for `r1`, `r2`, …).
    const PREFIX: &'static str;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    /// Missing essentials that stop the item being saved (paths relative to the item).
    fn problems(&self) -> Vec<Finding>;
    /// The participant ids the item refers to, with the field each is in.
    fn references(&self) -> Vec<(&'static str, &str)>;
    /// A short description of the item, for the audit trail.
    fn describe(&self) -> String;
}

fn required(problems: &mut Vec<Finding>, value: &str, field: &str, message: &str) {
    if value.trim().is_empty() {
        problems.push(Finding {
            path: field.to_string(),
            severity: Severity::Error,
            message: message.to_string(),
        });
    }
}

/// Shortens free text for an audit line without splitting a character.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

macro_rules! listed {
    ($type:ty, $kind:literal, $prefix:literal,
     problems($item:ident) $problems:block,
     references($r:ident) $references:block,
     describe($d:ident) $describe:block) => {
        impl Listed for $type {
            const KIND: &'static str = $kind;
            const PREFIX: &'static str = $prefix;
            fn id(&self) -> &str {
                &self.id
            }
            fn set_id(&mut self, id: String) {
                self.id = id;
            }
            fn problems(&self) -> Vec<Finding> {
                let $item = self;
                $problems
            }
            fn references(&self) -> Vec<(&'static str, &str)> {
                let $r = self;
                $references
            }
            fn describe(&self) -> String {
                let $d = self;
                $describe
            }
        }
    };
}

listed!(Participant, "participant", "p",
    problems(p) {
        let mut found = Vec::new();
        required(&mut found, &p.name, "name", "Enter the participant's full name");
        required(&mut found, &p.role, "role", "Enter the participant's role");
        required(&mut found, &p.agency, "agency", "Select the participant's agency");
        found
    },
    references(_p) { Vec::new() },
    describe(p) { format!("participant {} ({})", p.name.trim(), p.agency.trim()) }
);

listed!(Subject, "person", "s",
    problems(s) {
        let mut found = Vec::new();
        required(&mut found, &s.name, "name", "Enter their name, or \"Not known\"");
        found
    },
    references(_s) { Vec::new() },
    describe(s) { format!("{} {}", s.role.label().to_lowercase(), s.name.trim()) }
);

listed!(InformationItem, "information item", "i",
    problems(i) {
        let mut found = Vec::new();
        required(&mut found, &i.source_agency, "sourceAgency", "Select the agency the information comes from");
        required(&mut found, &i.content, "content", "Enter the information shared");
        found
    },
    references(i) { i.shared_by.as_deref().map(|id| ("sharedBy", id)).into_iter().collect() },
    describe(i) { format!("information from {}", i.source_agency.trim()) }
);

listed!(InformationGap, "information gap", "g",
    problems(g) {
        let mut found = Vec::new();
        required(&mut found, &g.unknown, "unknown", "Enter what is not known");
        found
    },
    references(g) { g.owner_id.as_deref().map(|id| ("ownerId", id)).into_iter().collect() },
    describe(g) { format!("information gap \"{}\"", excerpt(&g.unknown)) }
);

listed!(Statement, "statement", "a",
    problems(s) {
        let mut found = Vec::new();
        required(&mut found, &s.text, "text", "Enter the statement");
        found
    },
    references(_s) { Vec::new() },
    describe(s) { format!("statement \"{}\"", excerpt(&s.text)) }
);

listed!(ToolInput, "tool", "t",
    problems(t) {
        let mut found = Vec::new();
        required(&mut found, &t.name, "name", "Enter the name of the tool");
        required(&mut found, &t.result, "result", "Enter the tool's result or the clinician's judgement");
        found
    },
    references(_t) { Vec::new() },
    describe(t) { format!("tool {}", t.name.trim()) }
);

listed!(Decision, "decision", "d",
    problems(d) {
        let mut found = Vec::new();
        if d.decision_type.is_none() {
            found.push(Finding {
                path: "decisionType".into(),
                severity: Severity::Error,
                message: "Select the type of decision".into(),
            });
        }
        found
    },
    references(d) { d.decision_maker_id.as_deref().map(|id| ("decisionMakerId", id)).into_iter().collect() },
    describe(d) {
        format!("decision {}", d.decision_type.map(DecisionType::label).unwrap_or("of no type"))
    }
);

listed!(Risk, "risk", "r",
    problems(r) {
        let mut found = Vec::new();
        required(&mut found, &r.description, "description", "Describe the risk");
        found
    },
    references(r) { r.owner_id.as_deref().map(|id| ("ownerId", id)).into_iter().collect() },
    describe(r) { format!("risk \"{}\"", excerpt(&r.description)) }
);

listed!(Action, "action", "x",
    problems(a) {
        let mut found = Vec::new();
        required(&mut found, &a.task, "task", "Enter what is to be done");
        found
    },
    references(a) { a.owner_id.as_deref().map(|id| ("ownerId", id)).into_iter().collect() },
    describe(a) { format!("action \"{}\"", excerpt(&a.task)) }
);

listed!(Contingency, "contingency", "c",
    problems(c) {
        let mut found = Vec::new();
        required(&mut found, &c.if_this, "ifThis", "Enter what might happen");
        required(&mut found, &c.then_that, "thenThat", "Enter what will be done then");
        found
    },
    references(c) { c.owner_id.as_deref().map(|id| ("ownerId", id)).into_iter().collect() },
    describe(c) { format!("contingency \"if {}\"", excerpt(&c.if_this)) }
);

listed!(Dissent, "dissent", "v",
    problems(d) {
        let mut found = Vec::new();
        required(&mut found, &d.participant_id, "participantId", "Select who disagrees");
        required(&mut found, &d.view, "view", "Enter their view in their own words");
        found
    },
    references(d) { vec![("participantId", d.participant_id.as_str())] },
    describe(d) { format!("dissent by {}", d.participant_id) }
);

listed!(FamilyCommunication, "family communication", "f",
    problems(f) {
        let mut found = Vec::new();
        required(&mut found, &f.what, "what", "Enter what the family will be told");
        found
    },
    references(f) { f.by_id.as_deref().map(|id| ("byId", id)).into_iter().collect() },
    describe(f) { format!("family communication \"{}\"", excerpt(&f.what)) }
);

listed!(Recipient, "recipient", "e",
    problems(r) {
        let mut found = Vec::new();
        required(&mut found, &r.name, "name", "Enter who receives the record");
        found
    },
    references(_r) { Vec::new() },
    describe(r) { format!("recipient {}", r.name.trim()) }
);

/// Runs `$body` with `$list` bound to the record's list for `$kind`, mutably or not
/// (each arm is typed separately).
macro_rules! with_list {
    ($record:expr, $kind:expr, |$list:ident| $body:expr) => {
        with_list!(@arms $record, $kind, $list, $body, column_mut, mut)
    };
    (ref $record:expr, $kind:expr, |$list:ident| $body:expr) => {
        with_list!(@arms $record, $kind, $list, $body, column,)
    };
    (@arms $record:expr, $kind:expr, $list:ident, $body:expr, $column:ident, $($m:tt)?) => {
        match $kind {
            ItemKind::Participant => { let $list = &$($m)? $record.participants; $body }
            ItemKind::Subject => { let $list = &$($m)? $record.subjects; $body }
            ItemKind::Information => { let $list = &$($m)? $record.information; $body }
            ItemKind::Gap => { let $list = &$($m)? $record.gaps; $body }
            ItemKind::Statement(column) => { let $list = $record.assessment.$column(column); $body }
            ItemKind::Tool => { let $list = &$($m)? $record.tools; $body }
            ItemKind::Decision => { let $list = &$($m)? $record.decisions; $body }
            ItemKind::Risk => { let $list = &$($m)? $record.risks; $body }
            ItemKind::Action => { let $list = &$($m)? $record.actions; $body }
            ItemKind::Contingency => { let $list = &$($m)? $record.contingencies; $body }
            ItemKind::Dissent => { let $list = &$($m)? $record.dissent; $body }
            ItemKind::FamilyCommunication => { let $list = &$($m)? $record.family_communication; $body }
            ItemKind::Recipient => { let $list = &$($m)? $record.distribution; $body }
        }
    };
}

/// Runs `$body` with `$value` bound to the item and `$list` to the list it belongs in.
macro_rules! with_item_and_list {
    ($record:expr, $item:expr, |$value:ident, $list:ident| $body:expr) => {
        match $item {
            Item::Participant($value) => {
                let $list = &mut $record.participants;
                $body
            }
            Item::Subject($value) => {
                let $list = &mut $record.subjects;
                $body
            }
            Item::Information($value) => {
                let $list = &mut $record.information;
                $body
            }
            Item::Gap($value) => {
                let $list = &mut $record.gaps;
                $body
            }
            Item::Statement(column, $value) => {
                let $list = $record.assessment.column_mut(column);
                $body
            }
            Item::Tool($value) => {
                let $list = &mut $record.tools;
                $body
            }
            Item::Decision($value) => {
                let $list = &mut $record.decisions;
                $body
            }
            Item::Risk($value) => {
                let $list = &mut $record.risks;
                $body
            }
            Item::Action($value) => {
                let $list = &mut $record.actions;
                $body
            }
            Item::Contingency($value) => {
                let $list = &mut $record.contingencies;
                $body
            }
            Item::Dissent($value) => {
                let $list = &mut $record.dissent;
                $body
            }
            Item::FamilyCommunication($value) => {
                let $list = &mut $record.family_communication;
                $body
            }
            Item::Recipient($value) => {
                let $list = &mut $record.distribution;
                $body
            }
        }
    };
}

/// Runs `$body` with `$value` bound to the item inside `$item` (each arm is typed).
macro_rules! with_item {
    ($item:expr, |$value:ident| $body:expr) => {
        match $item {
            Item::Participant($value) => $body,
            Item::Subject($value) => $body,
            Item::Information($value) => $body,
            Item::Gap($value) => $body,
            Item::Statement(_, $value) => $body,
            Item::Tool($value) => $body,
            Item::Decision($value) => $body,
            Item::Risk($value) => $body,
            Item::Action($value) => $body,
            Item::Contingency($value) => $body,
            Item::Dissent($value) => $body,
            Item::FamilyCommunication($value) => $body,
            Item::Recipient($value) => $body,
        }
    };
}

impl Item {
    /// The list the item belongs to.
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Participant(_) => ItemKind::Participant,
            Item::Subject(_) => ItemKind::Subject,
            Item::Information(_) => ItemKind::Information,
            Item::Gap(_) => ItemKind::Gap,
            Item::Statement(column, _) => ItemKind::Statement(*column),
            Item::Tool(_) => ItemKind::Tool,
            Item::Decision(_) => ItemKind::Decision,
            Item::Risk(_) => ItemKind::Risk,
            Item::Action(_) => ItemKind::Action,
            Item::Contingency(_) => ItemKind::Contingency,
            Item::Dissent(_) => ItemKind::Dissent,
            Item::FamilyCommunication(_) => ItemKind::FamilyCommunication,
            Item::Recipient(_) => ItemKind::Recipient,
        }
    }

    /// The item's id.
    pub fn id(&self) -> &str {
        with_item!(self, |value| value.id())
    }

    /// What stops the item being saved, with paths relative to the item. Empty when it
    /// can be saved. Forms call this before sending, so they can show the problems.
    pub fn problems(&self) -> Vec<Finding> {
        with_item!(self, |value| value.problems())
    }

    fn describe(&self) -> String {
        with_item!(self, |value| value.describe())
    }

    fn references(&self) -> Vec<(&'static str, &str)> {
        with_item!(self, |value| value.references())
    }
}

impl ItemKind {
    /// The kind, in words ("risk").
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Participant => Participant::KIND,
            ItemKind::Subject => Subject::KIND,
            ItemKind::Information => InformationItem::KIND,
            ItemKind::Gap => InformationGap::KIND,
            ItemKind::Statement(_) => Statement::KIND,
            ItemKind::Tool => ToolInput::KIND,
            ItemKind::Decision => Decision::KIND,
            ItemKind::Risk => Risk::KIND,
            ItemKind::Action => Action::KIND,
            ItemKind::Contingency => Contingency::KIND,
            ItemKind::Dissent => Dissent::KIND,
            ItemKind::FamilyCommunication => FamilyCommunication::KIND,
            ItemKind::Recipient => Recipient::KIND,
        }
    }
}

/// An id `{prefix}{n}` that no item in the list uses, one above the highest.
fn next_id<T: Listed>(list: &[T]) -> String {
    let highest = list
        .iter()
        .filter_map(|item| item.id().strip_prefix(T::PREFIX)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{}{}", T::PREFIX, highest.saturating_add(1))
}

fn add_to<T: Listed>(list: &mut Vec<T>, mut item: T) {
    item.set_id(next_id(list));
    list.push(item);
}

fn replace_in<T: Listed>(list: &mut [T], item: T) -> Result<(), Problem> {
    let slot = list
        .iter_mut()
        .find(|existing| existing.id() == item.id())
        .ok_or_else(|| Problem::NotFound {
            kind: T::KIND,
            id: item.id().to_string(),
        })?;
    *slot = item;
    Ok(())
}

fn position_in<T: Listed>(list: &[T], id: &str) -> Result<usize, Problem> {
    list.iter()
        .position(|item| item.id() == id)
        .ok_or_else(|| Problem::NotFound {
            kind: T::KIND,
            id: id.to_string(),
        })
}

fn describe_at<T: Listed>(list: &[T], index: usize) -> String {
    list[index].describe()
}

/// Wraps an item's `Listed::describe` with the item's id for the audit trail.
fn describe_item(item: &Item, id: &str) -> String {
    format!("{} [{id}]", item.describe())
}

/// Everything in the record that refers to this participant, in words
/// ("recorded as the chair", "owner of risk r1 \"…\"").
fn uses_of_participant(record: &DecisionRecord, id: &str) -> Vec<String> {
    let mut uses = Vec::new();
    if record.meeting.chair_id.as_deref() == Some(id) {
        uses.push("recorded as the chair".to_string());
    }
    let mut note = |owns: bool, what: String| {
        if owns {
            uses.push(what);
        }
    };
    for risk in &record.risks {
        note(
            risk.owner_id.as_deref() == Some(id),
            format!("the owner of {} [{}]", risk.describe(), risk.id),
        );
    }
    for action in &record.actions {
        note(
            action.owner_id.as_deref() == Some(id),
            format!("the owner of {} [{}]", action.describe(), action.id),
        );
    }
    for decision in &record.decisions {
        note(
            decision.decision_maker_id.as_deref() == Some(id),
            format!(
                "the decision-maker for {} [{}]",
                decision.describe(),
                decision.id
            ),
        );
    }
    for gap in &record.gaps {
        note(
            gap.owner_id.as_deref() == Some(id),
            format!("finding out for {} [{}]", gap.describe(), gap.id),
        );
    }
    for contingency in &record.contingencies {
        note(
            contingency.owner_id.as_deref() == Some(id),
            format!(
                "the owner of {} [{}]",
                contingency.describe(),
                contingency.id
            ),
        );
    }
    for dissent in &record.dissent {
        note(
            dissent.participant_id == id,
            format!("the author of dissent [{}]", dissent.id),
        );
    }
    for item in &record.information {
        note(
            item.shared_by.as_deref() == Some(id),
            format!("the source of {} [{}]", item.describe(), item.id),
        );
    }
    for talk in &record.family_communication {
        note(
            talk.by_id.as_deref() == Some(id),
            format!("telling the family: {} [{}]", talk.describe(), talk.id),
        );
    }
    note(
        record.child_voice.captured_by.as_deref() == Some(id),
        "recorded as capturing the child's voice".to_string(),
    );
    note(
        record.scales.iter().any(|scale| scale.participant_id == id),
        "the giver of a safety scale".to_string(),
    );
    uses
}

impl Command {
    /// What this change does, in words, for the audit trail and for screen-reader
    /// announcements. Describes the change against the record before it is applied.
    pub fn describe(&self, record: &DecisionRecord) -> String {
        match self {
            Command::EditMeeting(_) => "Changed the meeting details".to_string(),
            Command::EditPracticeContext(_) => "Changed the practice context".to_string(),
            Command::EditChildVoice(_) => "Changed the child's voice".to_string(),
            Command::EditTimescales(_) => "Changed the timescales".to_string(),
            Command::EditScaleDiscussion(_) => {
                "Changed the discussion of the safety scales".to_string()
            }
            Command::EditWellbeingDebrief(_) => "Changed the wellbeing debrief".to_string(),
            Command::Add(Item::Dissent(dissent)) => format!(
                "Added dissent by {}",
                record.participant_label(&dissent.participant_id)
            ),
            Command::Add(item) => format!("Added {}", item.describe()),
            Command::Edit(item) => format!("Changed {}", describe_item(item, item.id())),
            Command::Remove { kind, id } => {
                let what = with_list!(ref record, *kind, |list| match position_in(list, id) {
                    Ok(index) => describe_at(list, index),
                    Err(_) => format!("{} {id}", kind.noun()),
                });
                format!("Removed {what} [{id}]")
            }
            Command::SetScale(scale) => format!(
                "Set the safety scale of {} to {}",
                record.participant_label(&scale.participant_id),
                scale.score
            ),
            Command::RemoveScale { participant_id } => format!(
                "Withdrew the safety scale of {}",
                record.participant_label(participant_id)
            ),
            Command::Finalise => FINALISED.to_string(),
            Command::Amend { reason, .. } => format!("{AMENDED}: {}", excerpt(reason)),
        }
    }

    /// True for edits of one whole section, which the widget sends on every keystroke:
    /// consecutive ones by the same person are folded into one audit entry.
    fn is_section_edit(&self) -> bool {
        matches!(
            self,
            Command::EditMeeting(_)
                | Command::EditPracticeContext(_)
                | Command::EditChildVoice(_)
                | Command::EditTimescales(_)
                | Command::EditScaleDiscussion(_)
                | Command::EditWellbeingDebrief(_)
        )
    }
}

fn check_references(record: &DecisionRecord, item: &Item) -> Result<(), Problem> {
    for (field, id) in item.references() {
        if !id.is_empty() && record.participant(id).is_none() {
            return Err(Problem::Invalid(vec![Finding {
                path: field.to_string(),
                severity: Severity::Error,
                message: format!("{id:?} is not one of the participants"),
            }]));
        }
    }
    Ok(())
}

/// Trims the text fields a person types into a short line, so " Jo Bell " and "Jo Bell"
/// are the same participant.
fn tidy(item: Item) -> Item {
    match item {
        Item::Participant(mut participant) => {
            for field in [
                &mut participant.name,
                &mut participant.role,
                &mut participant.agency,
            ] {
                *field = field.trim().to_string();
            }
            Item::Participant(participant)
        }
        other => other,
    }
}

/// Applies one change to the record. On `Err` the record is unchanged.
pub fn apply(
    record: &mut DecisionRecord,
    command: Command,
    context: &Context,
) -> Result<(), Problem> {
    match (&command, record.meta.status) {
        (Command::Amend { .. }, Status::Draft) => return Err(Problem::NotFinal),
        (Command::Amend { .. }, _) => {}
        (_, Status::Final | Status::Amended) => return Err(Problem::ReadOnly),
        (_, Status::Draft) => {}
    }
    let description = command.describe(record);
    let section_edit = command.is_section_edit();
    let mut digest = None;
    match command {
        Command::EditMeeting(meeting) => {
            if let Some(chair) = &meeting.chair_id {
                if record.participant(chair).is_none() {
                    return Err(Problem::NotFound {
                        kind: "participant",
                        id: chair.clone(),
                    });
                }
            }
            record.meeting = meeting;
        }
        Command::EditPracticeContext(practice) => record.practice_context = practice,
        Command::EditChildVoice(voice) => {
            if let Some(id) = &voice.captured_by {
                if record.participant(id).is_none() {
                    return Err(Problem::NotFound {
                        kind: "participant",
                        id: id.clone(),
                    });
                }
            }
            record.child_voice = voice;
        }
        Command::EditTimescales(mut timescales) => {
            // The statutory dates are computed on finalising, never typed.
            timescales.icpc_due = record.timescales.icpc_due;
            timescales.distribution_due = record.timescales.distribution_due;
            record.timescales = timescales;
        }
        Command::EditScaleDiscussion(text) => record.assessment.scale_discussion = text,
        Command::EditWellbeingDebrief(debrief) => record.wellbeing_debrief = debrief,
        Command::Add(item) => {
            let item = tidy(item);
            let problems = item.problems();
            if !problems.is_empty() {
                return Err(Problem::Invalid(problems));
            }
            check_references(record, &item)?;
            with_item_and_list!(record, item, |value, list| {
                add_to(list, value);
            });
        }
        Command::Edit(item) => {
            let item = tidy(item);
            let problems = item.problems();
            if !problems.is_empty() {
                return Err(Problem::Invalid(problems));
            }
            check_references(record, &item)?;
            with_item_and_list!(record, item, |value, list| replace_in(list, value))?;
        }
        Command::Remove { kind, id } => {
            if kind == ItemKind::Participant {
                let index = position_in(&record.participants, &id)?;
                let uses = uses_of_participant(record, &id);
                if !uses.is_empty() {
                    let participant = &record.participants[index];
                    return Err(Problem::InUse {
                        item: format!("{} ({})", participant.name, participant.agency),
                        uses,
                    });
                }
            }
            with_list!(record, kind, |list| {
                let index = position_in(list, &id)?;
                list.remove(index);
            });
        }
        Command::SetScale(scale) => {
            if record.participant(&scale.participant_id).is_none() {
                return Err(Problem::NotFound {
                    kind: "participant",
                    id: scale.participant_id,
                });
            }
            if scale.score > 10 {
                return Err(Problem::Invalid(vec![Finding {
                    path: "score".into(),
                    severity: Severity::Error,
                    message: "A safety scale runs from 0 to 10".into(),
                }]));
            }
            match record
                .scales
                .iter_mut()
                .find(|s| s.participant_id == scale.participant_id)
            {
                Some(existing) => *existing = scale,
                None => record.scales.push(scale),
            }
        }
        Command::RemoveScale { participant_id } => {
            let before = record.scales.len();
            record.scales.retain(|s| s.participant_id != participant_id);
            if record.scales.len() == before {
                return Err(Problem::NotFound {
                    kind: "safety scale",
                    id: participant_id,
                });
            }
        }
        Command::Finalise => {
            let errors: Vec<Finding> = validate(record, context.config)
                .into_iter()
                .filter(|finding| finding.severity == Severity::Error)
                .collect();
            if !errors.is_empty() {
                return Err(Problem::NotReady(errors));
            }
            super::timescales::freeze_statutory_dates(record, context.config);
            record.meta.status = Status::Final;
            record.meta.finalised_at = Some(context.at);
            let content = integrity::content_digest(record);
            record.meta.section_digests = integrity::section_digests(record);
            record.meta.digest = Some(content.clone());
            digest = Some(content);
        }
        Command::Amend { reason, change } => {
            let mut problems = Vec::new();
            required(
                &mut problems,
                &reason,
                "reason",
                "Enter why the record is being amended",
            );
            required(&mut problems, &change, "change", "Enter the amendment");
            if !problems.is_empty() {
                return Err(Problem::Invalid(problems));
            }
            let amendment = Amendment {
                by: context.actor.clone(),
                at: context.at,
                reason: reason.trim().to_string(),
                change: change.trim().to_string(),
            };
            digest = Some(integrity::amendment_digest(&amendment));
            record.amendments.push(amendment);
            record.meta.status = Status::Amended;
        }
    }
    append_audit(record, description, digest, section_edit, context);
    Ok(())
}

/// How long consecutive edits of one section by one person fold into one audit entry.
const FOLD_SECONDS: i64 = 120;

fn append_audit(
    record: &mut DecisionRecord,
    change: String,
    digest: Option<String>,
    section_edit: bool,
    context: &Context,
) {
    if section_edit {
        if let Some(last) = record.audit.last_mut() {
            let recent = (context.at.0 - last.at.0).whole_seconds() <= FOLD_SECONDS;
            if last.change == change && last.actor == *context.actor && recent {
                // Only the chain's tip changes, so no later hash is disturbed.
                last.at = context.at;
                last.hash = integrity::entry_hash(last);
                return;
            }
        }
    }
    let previous_hash = record
        .audit
        .last()
        .map(|entry| entry.hash.clone())
        .unwrap_or_else(|| GENESIS_HASH.to_string());
    let mut entry = AuditEntry {
        sequence: record.audit.len() as u64 + 1,
        at: context.at,
        actor: context.actor.clone(),
        change,
        digest,
        previous_hash,
        hash: String::new(),
    };
    entry.hash = integrity::entry_hash(&entry);
    record.audit.push(entry);
}
