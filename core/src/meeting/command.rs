//! The one transition function. Every change to a record, from the widget, the command
//! line or a host, is a [`Command`] passed to [`apply`]. A change that is not allowed comes
//! back as a [`Problem`] and leaves the record exactly as it was; an accepted change
//! appends an entry to the audit trail, chained to the one before.

use super::config::Config;
use super::limits;
use super::validate::{validate, Finding, Severity};
use crate::bidi;
use crate::record::import::MAX_BYTES;
use crate::record::integrity::{self, AMENDED, FINALISED, FOLLOWED_UP, GENESIS_HASH};
pub use crate::record::ItemKind;
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
    /// Replace the threshold decision.
    EditThreshold(Threshold),
    /// Replace the injury.
    EditInjury(Injury),
    /// Replace the lawful basis for the meeting's sharing.
    EditLawfulBasis(LawfulBasis),
    /// Replace the child protection medical.
    EditMedical(Medical),
    /// Replace the timescales the group sets (the statutory ones are computed).
    EditTimescales(Timescales),
    /// Record the group's discussion of a spread in the safety scales, and who may
    /// receive it.
    EditScaleDiscussion {
        text: String,
        restrictions: Option<Restrictions>,
    },
    /// Replace what the family's copy holds beside what the family will be told: the lead
    /// worker and the items approved for it.
    EditFamilyCopy(FamilyCopyPlan),
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
    /// Put back an item removed earlier (the undoing of a [`Command::Remove`], made by
    /// [`Command::undoing`]): at `index` of its list, or at the end of a list that is
    /// shorter now; with its own id, unless another item has been given that id since,
    /// when it takes a new one; and approved for the family's copy again as it was.
    /// The audit trail keeps both the removal and the restoration.
    Restore {
        /// The item as it was removed.
        item: Item,
        /// Where it was in its list.
        index: usize,
        /// Its approval for the family's copy, when it had one.
        approval: Option<FamilyApproval>,
    },
    /// Set one participant's safety scale (one per participant).
    SetScale(SafetyScale),
    /// Withdraw one participant's safety scale.
    RemoveScale {
        /// The participant.
        participant_id: String,
    },
    /// Put back a safety scale withdrawn earlier (the undoing of a
    /// [`Command::RemoveScale`]): at `index` of the scales, or at the end when there are
    /// fewer now. Refused when that participant has given a scale since.
    RestoreScale {
        /// The scale as it was withdrawn.
        scale: SafetyScale,
        /// Where it was among the scales.
        index: usize,
    },
    /// Make the record final and read-only: refused while any error finding remains.
    Finalise,
    /// Append a follow-up to a final record: what happened after the meeting. Its author and
    /// time come from the context (any in the item are replaced).
    FollowUp(FollowUp),
    /// Append an amendment to a final record.
    Amend {
        /// Why the amendment is needed.
        reason: String,
        /// The correction or addition itself.
        change: String,
        /// Who may receive it.
        restrictions: Option<Restrictions>,
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
                "Only a final record takes amendments and follow-ups; a draft can be changed directly"
            ),
        }
    }
}

impl std::error::Error for Problem {}

/// What every list item type provides to the generic add / edit / remove and to the forms
/// that edit it: where its list is in the record, what stops it being saved, and how the
/// audit trail names it.
pub trait ListItem: Clone + RefersToParticipants + Restricted {
    /// The list of `kind` (for a statement, the column `kind` names).
    fn list(record: &DecisionRecord, kind: ItemKind) -> &Vec<Self>;
    /// The list of `kind`, to change.
    fn list_mut(record: &mut DecisionRecord, kind: ItemKind) -> &mut Vec<Self>;
    /// The item as a command's [`Item`], in the list of `kind`.
    fn into_item(self, kind: ItemKind) -> Item;
    /// The item's id.
    fn id(&self) -> &str;
    /// Gives the item its id.
    fn set_id(&mut self, id: String);
    /// Missing essentials that stop the item being saved, as `(field, message)`.
    fn problems(&self) -> Vec<(&'static str, &'static str)>;
    /// A short description of the item, for the audit trail.
    fn describe(&self) -> String;
}

/// `(field, message)` when `value` is blank.
fn required(
    value: &str,
    field: &'static str,
    message: &'static str,
) -> Option<(&'static str, &'static str)> {
    value.trim().is_empty().then_some((field, message))
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
    ($type:ty, list($record:ident, $kind:ident) $list:expr, item($value:ident) $wrap:expr,
     problems($item:ident) $problems:expr,
     describe($d:ident) $describe:expr) => {
        impl ListItem for $type {
            #[allow(unused_variables)]
            fn list($record: &DecisionRecord, $kind: ItemKind) -> &Vec<Self> {
                &$list
            }
            #[allow(unused_variables)]
            fn list_mut($record: &mut DecisionRecord, $kind: ItemKind) -> &mut Vec<Self> {
                &mut $list
            }
            #[allow(unused_variables)]
            fn into_item(self, $kind: ItemKind) -> Item {
                let $value = self;
                $wrap
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn set_id(&mut self, id: String) {
                self.id = id;
            }
            #[allow(unused_variables)]
            fn problems(&self) -> Vec<(&'static str, &'static str)> {
                let $item = self;
                $problems.into_iter().flatten().collect()
            }
            fn describe(&self) -> String {
                let $d = self;
                $describe
            }
        }
    };
}

/// The assessment column a statement's kind names.
fn column_of(kind: ItemKind) -> AssessmentColumn {
    match kind {
        ItemKind::Statement(column) => column,
        _ => unreachable!("only statements live in the assessment's columns"),
    }
}

listed!(Participant, list(record, kind) record.participants, item(value) Item::Participant(value),
    problems(p) [
        required(&p.name, "name", "Enter the participant's full name"),
        required(&p.role, "role", "Enter the participant's role"),
        required(&p.agency, "agency", "Select the participant's agency"),
    ],
    describe(p) format!("participant {} ({})", p.name.trim(), p.agency.trim())
);

listed!(Subject, list(record, kind) record.subjects, item(value) Item::Subject(value),
    problems(s) [required(&s.name, "name", "Enter their name, or \"Not known\"")],
    describe(s) format!("{} {}", s.role.label().to_ascii_lowercase(), s.name.trim())
);

listed!(InformationItem, list(record, kind) record.information, item(value) Item::Information(value),
    problems(i) [
        required(&i.source_agency, "sourceAgency", "Select the agency the information comes from"),
        required(&i.content, "content", "Enter the information shared"),
    ],
    describe(i) format!("information from {}", i.source_agency.trim())
);

listed!(InformationGap, list(record, kind) record.gaps, item(value) Item::Gap(value),
    problems(g) [required(&g.unknown, "unknown", "Enter what is not known")],
    describe(g) format!("information gap \"{}\"", excerpt(&g.unknown))
);

listed!(Statement, list(record, kind) record.assessment[column_of(kind)], item(value) Item::Statement(column_of(kind), value),
    problems(s) [required(&s.text, "text", "Enter the statement")],
    describe(s) format!("statement \"{}\"", excerpt(&s.text))
);

listed!(ToolInput, list(record, kind) record.tools, item(value) Item::Tool(value),
    problems(t) [
        required(&t.name, "name", "Enter the name of the tool"),
        required(&t.result, "result", "Enter the tool's result or the clinician's judgement"),
    ],
    describe(t) format!("tool {}", t.name.trim())
);

listed!(Decision, list(record, kind) record.decisions, item(value) Item::Decision(value),
    problems(d) [d.decision_type.is_none().then_some(("decisionType", "Select the type of decision"))],
    describe(d) format!("decision {}", d.decision_type.map(DecisionType::label).unwrap_or("of no type"))
);

listed!(Risk, list(record, kind) record.risks, item(value) Item::Risk(value),
    problems(r) [required(&r.description, "description", "Describe the risk")],
    describe(r) format!("risk \"{}\"", excerpt(&r.description))
);

listed!(Action, list(record, kind) record.actions, item(value) Item::Action(value),
    problems(a) [required(&a.task, "task", "Enter what is to be done")],
    describe(a) format!("action \"{}\"", excerpt(&a.task))
);

listed!(Contingency, list(record, kind) record.contingencies, item(value) Item::Contingency(value),
    problems(c) [
        required(&c.if_this, "ifThis", "Enter what might happen"),
        required(&c.then_that, "thenThat", "Enter what will be done then"),
    ],
    describe(c) format!("contingency \"if {}\"", excerpt(&c.if_this))
);

listed!(Dissent, list(record, kind) record.dissent, item(value) Item::Dissent(value),
    problems(d) [
        required(&d.participant_id, "participantId", "Select who disagrees"),
        required(&d.view, "view", "Enter their view in their own words"),
    ],
    describe(d) format!("dissent by {}", d.participant_id)
);

listed!(FamilyCommunication, list(record, kind) record.family_communication, item(value) Item::FamilyCommunication(value),
    problems(f) [required(&f.what, "what", "Enter what the family will be told")],
    describe(f) format!("family communication \"{}\"", excerpt(&f.what))
);

listed!(Recipient, list(record, kind) record.distribution, item(value) Item::Recipient(value),
    problems(r) [required(&r.name, "name", "Enter who receives the record")],
    describe(r) format!("recipient {}", r.name.trim())
);

/// Runs `$body` with `$T` naming the type of the items in the list `$kind`.
macro_rules! with_kind {
    ($kind:expr, $T:ident => $body:expr) => {
        match $kind {
            ItemKind::Participant => {
                type $T = Participant;
                $body
            }
            ItemKind::Subject => {
                type $T = Subject;
                $body
            }
            ItemKind::Information => {
                type $T = InformationItem;
                $body
            }
            ItemKind::Gap => {
                type $T = InformationGap;
                $body
            }
            ItemKind::Statement(_) => {
                type $T = Statement;
                $body
            }
            ItemKind::Tool => {
                type $T = ToolInput;
                $body
            }
            ItemKind::Decision => {
                type $T = Decision;
                $body
            }
            ItemKind::Risk => {
                type $T = Risk;
                $body
            }
            ItemKind::Action => {
                type $T = Action;
                $body
            }
            ItemKind::Contingency => {
                type $T = Contingency;
                $body
            }
            ItemKind::Dissent => {
                type $T = Dissent;
                $body
            }
            ItemKind::FamilyCommunication => {
                type $T = FamilyCommunication;
                $body
            }
            ItemKind::Recipient => {
                type $T = Recipient;
                $body
            }
        }
    };
}

/// Runs `$body` with `$value` bound to the typed item inside `$item`.
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

/// An item is written as the item itself (its list is not written): what the limits on its
/// text read, through one compiled walk of an item rather than one for each type.
impl serde::Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        with_item!(self, |value| value.serialize(serializer))
    }
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

    /// What stops the item being saved as the item at `at` (its path in the record: where
    /// it is, or where it would be added). Empty when it can be saved. Forms call this
    /// before sending, so they can show the problems by their fields.
    pub fn problems(&self, at: &JsonPath) -> Vec<Finding> {
        with_item!(self, |value| value.problems())
            .into_iter()
            .map(|(field, message)| Finding::error(at.clone().key(field), message))
            .collect()
    }

    fn describe(&self) -> String {
        with_item!(self, |value| value.describe())
    }

    /// Where the item is in `record` (by its id), or where it would be added.
    fn path_in(&self, record: &DecisionRecord, adding: bool) -> JsonPath {
        let kind = self.kind();
        let list = any_list(record, kind);
        let index = if adding {
            list.count()
        } else {
            find_id(list, self.id()).unwrap_or(list.count())
        };
        kind.item_path(index)
    }
}

/// A list of the record whatever its items' type: what a command needs of a list that does
/// not change it. A command that looks into a list through this is compiled once, where
/// `with_kind!` compiles its body once for each of the 13 types of item.
trait AnyList {
    fn count(&self) -> usize;
    fn id_at(&self, index: usize) -> &str;
    /// The audit trail's words for the item ([`ListItem::describe`]).
    fn describe_at(&self, index: usize) -> String;
    fn restricted_at(&self, index: usize) -> bool;
    /// A copy of the item, as a command's [`Item`] in the list of `kind`.
    fn item_at(&self, index: usize, kind: ItemKind) -> Item;
}

impl<T: ListItem> AnyList for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn id_at(&self, index: usize) -> &str {
        self[index].id()
    }
    fn describe_at(&self, index: usize) -> String {
        self[index].describe()
    }
    fn restricted_at(&self, index: usize) -> bool {
        self[index].is_restricted()
    }
    fn item_at(&self, index: usize, kind: ItemKind) -> Item {
        self[index].clone().into_item(kind)
    }
}

/// The list of `kind` in `record`.
fn any_list(record: &DecisionRecord, kind: ItemKind) -> &dyn AnyList {
    with_kind!(kind, T => T::list(record, kind) as &dyn AnyList)
}

/// Where the item with `id` is in `list`.
fn find_id(list: &dyn AnyList, id: &str) -> Option<usize> {
    (0..list.count()).find(|&index| list.id_at(index) == id)
}

/// How many items the list of `kind` holds.
pub fn item_count(record: &DecisionRecord, kind: ItemKind) -> usize {
    any_list(record, kind).count()
}

/// True when the list of `kind` holds an item labelled restricted.
pub fn any_restricted(record: &DecisionRecord, kind: ItemKind) -> bool {
    let list = any_list(record, kind);
    (0..list.count()).any(|index| list.restricted_at(index))
}

/// An id `{prefix}{n}` that no item in the list uses, one above the highest.
fn next_id(list: &dyn AnyList, prefix: &str) -> String {
    let highest = (0..list.count())
        .filter_map(|index| list.id_at(index).strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest.saturating_add(1))
}

fn add_to<T: ListItem>(record: &mut DecisionRecord, kind: ItemKind, mut item: T) {
    let list = T::list_mut(record, kind);
    item.set_id(next_id(&*list, kind.id_prefix()));
    list.push(item);
}

fn replace_in<T: ListItem>(
    record: &mut DecisionRecord,
    kind: ItemKind,
    item: T,
) -> Result<(), Problem> {
    let list = T::list_mut(record, kind);
    let index = position_in(&*list, kind, item.id())?;
    list[index] = item;
    Ok(())
}

fn position_in(list: &dyn AnyList, kind: ItemKind, id: &str) -> Result<usize, Problem> {
    find_id(list, id).ok_or_else(|| Problem::NotFound {
        kind: kind.noun(),
        id: id.to_string(),
    })
}

/// The id an item put back takes: its own, unless that is empty or another item of the
/// list has it now, when it takes the next free one.
fn restored_id(record: &DecisionRecord, item: &Item) -> String {
    let kind = item.kind();
    let list = any_list(record, kind);
    let id = item.id();
    if id.is_empty() || find_id(list, id).is_some() {
        next_id(list, kind.id_prefix())
    } else {
        id.to_string()
    }
}

/// Where an item put back at `index` goes: there, or at the end of a list that is shorter
/// now.
fn restored_index(record: &DecisionRecord, kind: ItemKind, index: usize) -> usize {
    index.min(item_count(record, kind))
}

fn insert_in<T: ListItem>(record: &mut DecisionRecord, kind: ItemKind, index: usize, item: T) {
    let list = T::list_mut(record, kind);
    list.insert(index.min(list.len()), item);
}

/// The item of `kind` with `id` in words for the people in the meeting, with no id: "the
/// action \"Strategy review\"", "the participant Jo Bell (Education)", "the dissent by Tom
/// Reyes (Police)". `None` when there is no such item.
pub fn item_in_words(record: &DecisionRecord, kind: ItemKind, id: &str) -> Option<String> {
    let list = any_list(record, kind);
    let index = find_id(list, id)?;
    Some(words_for(record, &list.item_at(index, kind)))
}

/// An item in words for people, with no id (see [`item_in_words`]).
fn words_for(record: &DecisionRecord, item: &Item) -> String {
    match item {
        Item::Dissent(dissent) => format!(
            "the dissent by {}",
            record.participant_label(&dissent.participant_id)
        ),
        other => format!("the {}", other.describe()),
    }
}

/// The audit trail's words for the item of `kind` with `id`, with its id.
fn describe_listed(record: &DecisionRecord, kind: ItemKind, id: &str) -> String {
    let list = any_list(record, kind);
    match find_id(list, id) {
        Some(index) => format!("{} [{id}]", list.describe_at(index)),
        None => format!("{} {id} [{id}]", kind.noun()),
    }
}

/// Everything in the record that refers to this participant, in words
/// ("recorded as the chair", "the owner of risk \"…\" [r1]").
fn uses_of_participant(record: &DecisionRecord, id: &str) -> Vec<String> {
    let mut uses = Vec::new();
    let mut scale_given = false;
    record.for_each_participant_reference(|site, referred| {
        if referred != id {
            return;
        }
        let (kind, index) = match site {
            ReferenceSite::Chair => return uses.push("recorded as the chair".to_string()),
            ReferenceSite::LeadWorker => {
                return uses.push("named as the family's lead worker".to_string())
            }
            ReferenceSite::Threshold => {
                return uses.push("recorded as making the threshold decision".to_string())
            }
            ReferenceSite::Medical => {
                return uses.push("recorded as requesting the medical".to_string())
            }
            ReferenceSite::ChildVoice => {
                return uses.push("recorded as capturing the child's voice".to_string())
            }
            ReferenceSite::Scale(_) if !scale_given => {
                scale_given = true;
                return uses.push("the giver of a safety scale".to_string());
            }
            ReferenceSite::Scale(_) => return,
            ReferenceSite::Item(kind, index, _) => (kind, index),
        };
        let item_id = any_list(record, kind).id_at(index).to_string();
        // Shown in a refusal: bidirectional controls in the record's text as escapes.
        let what = bidi::escape(&describe_listed(record, kind, &item_id)).into_owned();
        uses.push(match kind {
            ItemKind::Decision => format!("the decision-maker for {what}"),
            ItemKind::Gap => format!("finding out for {what}"),
            ItemKind::Dissent => format!("the author of dissent [{}]", bidi::escape(&item_id)),
            ItemKind::Information => format!("the source of {what}"),
            ItemKind::FamilyCommunication => format!("telling the family: {what}"),
            _ => format!("the owner of {what}"),
        });
    });
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
            Command::EditThreshold(_) => "Changed the threshold decision".to_string(),
            Command::EditInjury(_) => "Changed the injury".to_string(),
            Command::EditLawfulBasis(_) => "Changed the lawful basis for sharing".to_string(),
            Command::EditMedical(_) => "Changed the child protection medical".to_string(),
            Command::EditTimescales(_) => "Changed the timescales".to_string(),
            Command::EditScaleDiscussion { .. } => {
                "Changed the discussion of the safety scales".to_string()
            }
            Command::EditFamilyCopy(_) => "Changed what goes in the family's copy".to_string(),
            Command::Add(Item::Dissent(dissent)) => format!(
                "Added dissent by {}",
                record.participant_label(&dissent.participant_id)
            ),
            Command::Add(item) => format!("Added {}", item.describe()),
            Command::Edit(item) => format!("Changed {} [{}]", item.describe(), item.id()),
            Command::Remove { kind, id } => {
                format!("Removed {}", describe_listed(record, *kind, id))
            }
            Command::Restore { item, .. } => format!(
                "Restored {} [{}]",
                item.describe(),
                restored_id(record, item)
            ),
            Command::SetScale(scale) => format!(
                "Set the safety scale of {} to {}",
                record.participant_label(&scale.participant_id),
                scale.score
            ),
            Command::RemoveScale { participant_id } => format!(
                "Withdrew the safety scale of {}",
                record.participant_label(participant_id)
            ),
            Command::RestoreScale { scale, .. } => format!(
                "Restored the safety scale of {} ({})",
                record.participant_label(&scale.participant_id),
                scale.score
            ),
            Command::Finalise => FINALISED.to_string(),
            Command::Amend { reason, .. } => format!("{AMENDED}: {}", excerpt(reason)),
            Command::FollowUp(follow_up) => {
                format!("{FOLLOWED_UP}: {}", follow_up.kind.label())
            }
        }
    }

    /// What this change does, in words for the people in the meeting (a screen-reader
    /// announcement, a notice): as [`Command::describe`], without the ids the audit trail
    /// keeps. Describes the change against the record before it is applied.
    pub fn in_words(&self, record: &DecisionRecord) -> String {
        match self {
            Command::Edit(item) => format!("Changed {}", words_for(record, item)),
            Command::Remove { kind, id } => match item_in_words(record, *kind, id) {
                Some(words) => format!("Removed {words}"),
                None => self.describe(record),
            },
            Command::Restore { item, .. } => format!("Put back {}", words_for(record, item)),
            Command::RestoreScale { scale, .. } => format!(
                "Put back the safety scale of {}",
                record.participant_label(&scale.participant_id)
            ),
            other => other.describe(record),
        }
    }

    /// The command that puts back what this one takes away from `record` (the record
    /// before this one is applied): for a removal, a [`Command::Restore`] of the item as it
    /// is, where it is, with its approval for the family's copy; for a withdrawn safety
    /// scale, a [`Command::RestoreScale`]. `None` for any other change, or for what is not
    /// there.
    pub fn undoing(&self, record: &DecisionRecord) -> Option<Command> {
        let (kind, id) = match self {
            Command::Remove { kind, id } => (kind, id),
            Command::RemoveScale { participant_id } => {
                let index = record
                    .scales
                    .iter()
                    .position(|scale| scale.participant_id == *participant_id)?;
                return Some(Command::RestoreScale {
                    scale: record.scales[index].clone(),
                    index,
                });
            }
            _ => return None,
        };
        let kind = *kind;
        let list = any_list(record, kind);
        let index = find_id(list, id)?;
        let item = list.item_at(index, kind);
        let approval = record.family_copy.as_ref().and_then(|plan| {
            plan.approved
                .iter()
                .find(|approval| approval.list == kind && approval.id == *id)
                .cloned()
        });
        Some(Command::Restore {
            item,
            index,
            approval,
        })
    }

    /// What stops this change being made to `record`, as findings on the fields of what it
    /// adds or changes (absolute paths: where the item is, or where it would be added).
    /// Empty when nothing does, though `apply` may still refuse it for another reason (a
    /// final record, an id not found). Forms ask this before sending, so that they can show
    /// the problems by their fields.
    pub fn problems(&self, record: &DecisionRecord) -> Vec<Finding> {
        match self {
            Command::Add(item) | Command::Edit(item) => {
                let adding = matches!(self, Command::Add(_));
                let at = item.path_in(record, adding);
                let mut problems = item.problems(&at);
                problems.extend(item_limits(record, item, adding, &at));
                if problems.is_empty() {
                    problems = reference_problems(record, item, &at);
                }
                problems
            }
            Command::Restore { item, index, .. } => {
                let kind = item.kind();
                let at = kind.item_path(restored_index(record, kind, *index));
                let mut problems = item.problems(&at);
                problems.extend(item_limits(record, item, true, &at));
                if problems.is_empty() {
                    problems = reference_problems(record, item, &at);
                }
                problems
            }
            Command::FollowUp(follow_up) => follow_up_problems(record, follow_up),
            Command::Amend { reason, change, .. } => {
                let at = JsonPath::keys(&["amendments"]).index(record.amendments.len());
                let mut problems: Vec<Finding> = [
                    required(reason, "reason", "Enter why the record is being amended"),
                    required(change, "change", "Enter the amendment"),
                ]
                .into_iter()
                .flatten()
                .map(|(field, message)| Finding::error(at.clone().key(field), message))
                .collect();
                for (field, text) in [("reason", reason), ("change", change)] {
                    problems.extend(limits::text_findings(
                        text,
                        None,
                        &at.clone().key(field),
                        None,
                    ));
                }
                problems
            }
            Command::SetScale(scale) => {
                let index = record
                    .scales
                    .iter()
                    .position(|s| s.participant_id == scale.participant_id)
                    .unwrap_or(record.scales.len());
                let at = JsonPath::keys(&["scales"]).index(index);
                let before = record.scales.get(index);
                limits::text_findings(scale, before, &at, None)
                    .into_iter()
                    .chain(
                        [
                            required(
                                &scale.participant_id,
                                "participantId",
                                "Select whose view this is",
                            ),
                            (scale.score > 10)
                                .then_some(("score", "A safety scale runs from 0 to 10")),
                        ]
                        .into_iter()
                        .flatten()
                        .map(|(field, message)| Finding::error(at.clone().key(field), message)),
                    )
                    .collect()
            }
            Command::EditMeeting(meeting) => section_limits(meeting, &record.meeting, &["meeting"]),
            Command::EditPracticeContext(practice) => {
                section_limits(practice, &record.practice_context, &["practiceContext"])
            }
            Command::EditChildVoice(voice) => {
                section_limits(voice, &record.child_voice, &["childVoice"])
            }
            Command::EditThreshold(threshold) => section_limits(
                threshold,
                &record.threshold.clone().unwrap_or_default(),
                &["threshold"],
            ),
            Command::EditInjury(injury) => section_limits(
                injury,
                &record.injury.clone().unwrap_or_default(),
                &["injury"],
            ),
            Command::EditLawfulBasis(basis) => section_limits(
                basis,
                &record.lawful_basis.clone().unwrap_or_default(),
                &["lawfulBasis"],
            ),
            Command::EditMedical(medical) => section_limits(
                medical,
                &record.medical.clone().unwrap_or_default(),
                &["medical"],
            ),
            Command::EditTimescales(timescales) => {
                section_limits(timescales, &record.timescales, &["timescales"])
            }
            Command::EditScaleDiscussion { text, .. } => section_limits(
                text,
                &record.assessment.scale_discussion,
                &["assessment", "scaleDiscussion"],
            ),
            Command::EditFamilyCopy(plan) => family_copy_problems(record, plan),
            Command::RestoreScale { scale, index } => {
                let at = JsonPath::keys(&["scales"]).index((*index).min(record.scales.len()));
                let mut problems = limits::text_findings(scale, None, &at, None);
                let who = at.clone().key("participantId");
                if record.participant(&scale.participant_id).is_none() {
                    problems.push(Finding::error(
                        who,
                        format!(
                            "{} is no longer one of the participants",
                            bidi::escape(&scale.participant_id)
                        ),
                    ));
                } else if record
                    .scales
                    .iter()
                    .any(|given| given.participant_id == scale.participant_id)
                {
                    problems.push(Finding::error(
                        who,
                        format!(
                            "{} has given a safety scale since: change that one instead",
                            bidi::escape(&record.participant_label(&scale.participant_id))
                        ),
                    ));
                }
                problems
            }
            Command::Remove { .. } | Command::RemoveScale { .. } | Command::Finalise => Vec::new(),
        }
    }

    /// An upper bound on the bytes what this change adds takes in the record's exported
    /// text (see [`limits::bytes_bound`]), its audit entry aside.
    fn bytes_bound(&self) -> usize {
        match self {
            Command::EditMeeting(meeting) => limits::bytes_bound(meeting),
            Command::EditPracticeContext(practice) => limits::bytes_bound(practice),
            Command::EditChildVoice(voice) => limits::bytes_bound(voice),
            Command::EditThreshold(threshold) => limits::bytes_bound(threshold),
            Command::EditInjury(injury) => limits::bytes_bound(injury),
            Command::EditLawfulBasis(basis) => limits::bytes_bound(basis),
            Command::EditMedical(medical) => limits::bytes_bound(medical),
            Command::EditTimescales(timescales) => limits::bytes_bound(timescales),
            Command::EditScaleDiscussion { text, restrictions } => {
                limits::bytes_bound(text) + limits::bytes_bound(restrictions)
            }
            Command::EditFamilyCopy(plan) => limits::bytes_bound(plan),
            Command::Add(item) | Command::Edit(item) => limits::bytes_bound(item),
            // The item, and its approval for the family's copy (its list and id again).
            Command::Restore { item, .. } => {
                limits::bytes_bound(item) + limits::bytes_bound(item.id()) + 256
            }
            Command::SetScale(scale) | Command::RestoreScale { scale, .. } => {
                limits::bytes_bound(scale)
            }
            Command::Remove { .. } | Command::RemoveScale { .. } => 0,
            Command::Finalise => limits::FINALISE_ROOM,
            // The follow-up, its author (the actor) and time.
            Command::FollowUp(follow_up) => limits::bytes_bound(follow_up) + 1024,
            // The amendment's texts, its author (the actor) and time.
            Command::Amend {
                reason,
                change,
                restrictions,
            } => {
                limits::bytes_bound(reason)
                    + limits::bytes_bound(change)
                    + limits::bytes_bound(restrictions)
                    + 1024
            }
        }
    }

    /// Where in `record` this change is made: the item, the section, the amendment; the
    /// record itself for finalising.
    fn path(&self, record: &DecisionRecord) -> JsonPath {
        match self {
            Command::EditMeeting(_) => JsonPath::keys(&["meeting"]),
            Command::EditPracticeContext(_) => JsonPath::keys(&["practiceContext"]),
            Command::EditChildVoice(_) => JsonPath::keys(&["childVoice"]),
            Command::EditThreshold(_) => JsonPath::keys(&["threshold"]),
            Command::EditInjury(_) => JsonPath::keys(&["injury"]),
            Command::EditLawfulBasis(_) => JsonPath::keys(&["lawfulBasis"]),
            Command::EditMedical(_) => JsonPath::keys(&["medical"]),
            Command::EditTimescales(_) => JsonPath::keys(&["timescales"]),
            Command::EditScaleDiscussion { .. } => {
                JsonPath::keys(&["assessment", "scaleDiscussion"])
            }
            Command::EditFamilyCopy(_) => JsonPath::keys(&["familyCopy"]),
            Command::Add(item) => item.path_in(record, true),
            Command::Edit(item) => item.path_in(record, false),
            Command::Remove { kind, .. } => kind.path(),
            Command::Restore { item, index, .. } => {
                let kind = item.kind();
                kind.item_path(restored_index(record, kind, *index))
            }
            Command::SetScale(_) | Command::RemoveScale { .. } | Command::RestoreScale { .. } => {
                JsonPath::keys(&["scales"])
            }
            Command::Finalise => JsonPath::root(),
            Command::Amend { .. } => JsonPath::keys(&["amendments"]).index(record.amendments.len()),
            Command::FollowUp(_) => JsonPath::keys(&["followUp"]).index(record.follow_up.len()),
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
                | Command::EditThreshold(_)
                | Command::EditInjury(_)
                | Command::EditLawfulBasis(_)
                | Command::EditMedical(_)
                | Command::EditTimescales(_)
                | Command::EditScaleDiscussion { .. }
                | Command::EditFamilyCopy(_)
        )
    }
}

/// What a follow-up must say for its kind: the outcome and its day; the conference's day
/// and whether a plan was made; the medical's findings; which action was completed; the new
/// referral's day and what it said. An action completed must be one of the record's.
fn follow_up_problems(record: &DecisionRecord, follow_up: &FollowUp) -> Vec<Finding> {
    let at = JsonPath::keys(&["followUp"]).index(record.follow_up.len());
    let mut problems = Vec::new();
    let mut need = |missing: bool, field: &'static str, message: &str| {
        if missing {
            problems.push(Finding::error(at.clone().key(field), message));
        }
    };
    let no_details = follow_up.details.trim().is_empty();
    match follow_up.kind {
        FollowUpKind::EnquiryOutcome => {
            need(
                follow_up.outcome.is_none(),
                "outcome",
                "Select the enquiry's outcome",
            );
            need(follow_up.on.is_none(), "on", "Enter when the enquiry ended");
        }
        FollowUpKind::ConferenceHeld => {
            need(
                follow_up.on.is_none(),
                "on",
                "Enter when the conference was held",
            );
            need(
                follow_up.plan == Tristate::Unknown,
                "plan",
                "Say whether the child became subject to a child protection plan",
            );
            need(
                follow_up.plan == Tristate::Yes && follow_up.categories.is_empty(),
                "categories",
                "Select the plan's category of harm",
            );
        }
        FollowUpKind::MedicalFindings => {
            need(no_details, "details", "Enter what the medical found");
        }
        FollowUpKind::ActionCompleted => {
            let known = follow_up
                .action_id
                .as_deref()
                .is_some_and(|id| record.actions.iter().any(|action| action.id == id));
            need(
                !known,
                "actionId",
                "Choose which of the record's actions was completed",
            );
        }
        FollowUpKind::ReReferral => {
            need(
                follow_up.on.is_none(),
                "on",
                "Enter when the new referral came",
            );
            need(
                no_details,
                "details",
                "Enter what the new referral or injury was",
            );
        }
        FollowUpKind::SeriousIncident => {
            need(
                follow_up.on.is_none(),
                "on",
                "Enter when the child died or was seriously harmed",
            );
            need(no_details, "details", "Enter what happened");
            need(
                follow_up.abuse_suspected == Tristate::Unknown,
                "abuseSuspected",
                "Say whether abuse or neglect is known or suspected",
            );
        }
        FollowUpKind::PanelNotified => {
            need(
                follow_up.on.is_none(),
                "on",
                "Enter when the Panel was notified",
            );
        }
    }
    problems.extend(limits::text_findings(
        &follow_up.details,
        None,
        &at.clone().key("details"),
        None,
    ));
    problems
}

/// The texts of an item over their limits (see [`limits`]), and a full list for an added
/// item.
fn item_limits(record: &DecisionRecord, item: &Item, adding: bool, at: &JsonPath) -> Vec<Finding> {
    let list = any_list(record, item.kind());
    if adding {
        let mut problems = limits::text_findings(item, None, at, Some("id"));
        problems.extend(limits::list_full(list.count(), at));
        problems
    } else {
        let before = find_id(list, item.id()).map(|index| list.item_at(index, item.kind()));
        limits::text_findings(item, before.as_ref(), at, None)
    }
}

/// The texts of a section's new value over their limits.
fn section_limits<T: serde::Serialize + ?Sized>(
    new: &T,
    old: &T,
    keys: &[&'static str],
) -> Vec<Finding> {
    limits::text_findings(new, Some(old), &JsonPath::keys(keys), None)
}

/// A family copy plan's ids over their limits, and any item approved twice: each item is
/// approved once, which keeps the list within the items there are.
fn family_copy_problems(record: &DecisionRecord, plan: &FamilyCopyPlan) -> Vec<Finding> {
    let at = JsonPath::keys(&["familyCopy"]);
    let mut problems = limits::text_findings(plan, record.family_copy.as_ref(), &at, None);
    for (index, approval) in plan.approved.iter().enumerate() {
        let earlier = &plan.approved[..index];
        if earlier
            .iter()
            .any(|other| other.list == approval.list && other.id == approval.id)
        {
            problems.push(Finding::error(
                at.clone().key("approved").index(index),
                format!("{} is approved already", bidi::escape(&approval.id)),
            ));
        }
    }
    problems
}

/// The item's references to someone who is not a participant.
fn reference_problems(record: &DecisionRecord, item: &Item, at: &JsonPath) -> Vec<Finding> {
    let mut problems = Vec::new();
    with_item!(item, |value| value.participant_fields(&mut |field, id| {
        if !id.is_empty() && record.participant(id).is_none() {
            problems.push(Finding::error(
                at.clone().key(field),
                format!("{id:?} is not one of the participants"),
            ));
        }
    }));
    problems
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

/// Takes the item out of the family's copy, if the chair had approved it.
fn withdraw_approval(record: &mut DecisionRecord, kind: ItemKind, id: &str) {
    if let Some(plan) = &mut record.family_copy {
        plan.approved
            .retain(|approval| !(approval.list == kind && approval.id == id));
    }
}

/// Whether a command adds an item, kept once the command is taken apart.
enum CommandKind {
    Add,
    Other,
}

/// Applies one change to the record. On `Err` the record is unchanged.
pub fn apply(
    record: &mut DecisionRecord,
    command: Command,
    context: &Context,
) -> Result<(), Problem> {
    apply_bounded(record, command, context, &mut None)
}

/// [`apply`], with an upper bound of the record's size kept from one change to the next.
///
/// `bound`, when it is `Some`, is an upper bound of [`limits::bytes_bound`] of `record`,
/// as one made by an earlier call on the record that call left; `None` has it measured,
/// a walk of the whole record. A change taken leaves in it a bound of the record after:
/// the one before plus twice the most the change can add (twice, for the deeper indent
/// a section or item has inside the record than alone). Where that bound leaves too little
/// room, the record is measured again. An editor that calls this on every keystroke walks
/// the record only once in many changes, and refuses what [`apply`] refuses.
pub fn apply_bounded(
    record: &mut DecisionRecord,
    command: Command,
    context: &Context,
    bound: &mut Option<usize>,
) -> Result<(), Problem> {
    let known = bound.take();
    match (&command, record.meta.status) {
        (Command::Amend { .. } | Command::FollowUp(_), Status::Draft) => {
            return Err(Problem::NotFinal)
        }
        (Command::Amend { .. } | Command::FollowUp(_), _) => {}
        (_, Status::Final | Status::Amended) => return Err(Problem::ReadOnly),
        (_, Status::Draft) => {}
    }
    let command = match command {
        Command::Add(item) => Command::Add(tidy(item)),
        Command::Edit(item) => Command::Edit(tidy(item)),
        other => other,
    };
    let problems = command.problems(record);
    if !problems.is_empty() {
        return Err(Problem::Invalid(problems));
    }
    let description = audit_text(command.describe(record));
    let section_edit = command.is_section_edit();
    // What import would refuse is refused here, before anything changes: who makes the
    // change (written into the audit trail), a full audit trail, and the record's size.
    let finalising = matches!(
        command,
        Command::Finalise | Command::Amend { .. } | Command::FollowUp(_)
    );
    let actor_at = if matches!(command, Command::Amend { .. }) {
        JsonPath::keys(&["amendments"])
            .index(record.amendments.len())
            .key("by")
    } else if matches!(command, Command::FollowUp(_)) {
        JsonPath::keys(&["followUp"])
            .index(record.follow_up.len())
            .key("by")
    } else {
        JsonPath::keys(&["audit"])
            .index(record.audit.len())
            .key("actor")
    };
    let mut problems = limits::text_findings(context.actor, None, &actor_at, None);
    let appends = !folds(record, &description, section_edit, context);
    problems.extend(limits::audit_full(record.audit.len(), appends, finalising));
    if !problems.is_empty() {
        return Err(Problem::Invalid(problems));
    }
    // A draft keeps room for finalising. The size is measured exactly only when the cheap
    // bound of the record and of what the change adds cannot tell.
    let room = if finalising { 0 } else { limits::FINALISE_ROOM };
    // The actor is written into the audit entry, and an amendment names its author too.
    let actors = if matches!(command, Command::Amend { .. } | Command::FollowUp(_)) {
        2
    } else {
        1
    };
    let adds = command.bytes_bound()
        + limits::bytes_bound(&description)
        + actors * limits::bytes_bound(context.actor)
        + AUDIT_ENTRY_BYTES;
    let most = MAX_BYTES - room;
    let measured = match known {
        Some(known) if known + 2 * adds <= most => known,
        _ => limits::bytes_bound(&*record),
    };
    if measured + 2 * adds <= most {
        change(record, command, description, context)?;
        *bound = Some(measured + 2 * adds);
        return Ok(());
    }
    if measured + adds <= most || limits::bytes_close(&*record) + adds <= most {
        return change(record, command, description, context);
    }
    let at = command.path(record);
    let mut trial = record.clone();
    change(&mut trial, command, description, context)?;
    if !limits::fits(&trial, room) {
        return Err(Problem::Invalid(vec![limits::too_large(at)]));
    }
    *record = trial;
    Ok(())
}

/// The most bytes an audit entry adds besides its description and actor: its sequence,
/// time, digest, hashes, keys and white space.
const AUDIT_ENTRY_BYTES: usize = 2048;

/// The most characters of an audit entry's description: a change described by a name or
/// an id a host's record made very long is cut short, so that the entry stays within
/// import's limit on text.
const AUDIT_TEXT_CHARS: usize = 1_000;

/// The description cut to [`AUDIT_TEXT_CHARS`].
fn audit_text(text: String) -> String {
    match text.char_indices().nth(AUDIT_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Refuses a section whose reference to a participant (the chair, who captured the child's
/// voice, who made the threshold decision) names nobody in the record.
fn known_participant(record: &DecisionRecord, id: &Option<String>) -> Result<(), Problem> {
    match id {
        Some(id) if record.participant(id).is_none() => Err(Problem::NotFound {
            kind: "participant",
            id: id.clone(),
        }),
        _ => Ok(()),
    }
}

/// Makes a change that passed every check, and appends its audit entry.
fn change(
    record: &mut DecisionRecord,
    command: Command,
    description: String,
    context: &Context,
) -> Result<(), Problem> {
    let section_edit = command.is_section_edit();
    let command_kind = match command {
        Command::Add(_) => CommandKind::Add,
        _ => CommandKind::Other,
    };
    let mut digest = None;
    match command {
        Command::EditMeeting(meeting) => {
            known_participant(record, &meeting.chair_id)?;
            record.meeting = meeting;
        }
        Command::EditPracticeContext(practice) => record.practice_context = practice,
        Command::EditChildVoice(voice) => {
            known_participant(record, &voice.captured_by)?;
            record.child_voice = voice;
        }
        Command::EditThreshold(threshold) => {
            known_participant(record, &threshold.decided_by_id)?;
            record.threshold = Some(threshold);
        }
        Command::EditInjury(injury) => record.injury = Some(injury),
        Command::EditLawfulBasis(basis) => record.lawful_basis = Some(basis),
        Command::EditMedical(medical) => {
            known_participant(record, &medical.requested_by_id)?;
            record.medical = Some(medical);
        }
        Command::EditTimescales(mut timescales) => {
            // The statutory dates are computed on finalising, never typed.
            timescales.icpc_due = record.timescales.icpc_due;
            timescales.distribution_due = record.timescales.distribution_due;
            record.timescales = timescales;
        }
        Command::EditScaleDiscussion { text, restrictions } => {
            record.assessment.scale_discussion = text;
            record.assessment.scale_discussion_restrictions = restrictions;
        }
        Command::EditFamilyCopy(plan) => {
            if let Some(id) = &plan.lead_worker_id {
                if record.participant(id).is_none() {
                    return Err(Problem::NotFound {
                        kind: "participant",
                        id: id.clone(),
                    });
                }
            }
            for approval in &plan.approved {
                position_in(any_list(record, approval.list), approval.list, &approval.id)?;
            }
            record.family_copy = Some(plan);
        }
        Command::Add(item) | Command::Edit(item) => {
            let adding = matches!(command_kind, CommandKind::Add);
            let kind = item.kind();
            let id = item.id().to_string();
            with_item!(item, |value| if adding {
                add_to(record, kind, value);
            } else {
                replace_in(record, kind, value)?;
            });
            if !adding {
                // The family's copy holds the words the chair approved: changed words are
                // approved again, or not at all.
                withdraw_approval(record, kind, &id);
            }
        }
        Command::Remove { kind, id } => {
            if kind == ItemKind::Participant {
                let index = position_in(&*record.participants, kind, &id)?;
                let uses = uses_of_participant(record, &id);
                if !uses.is_empty() {
                    let participant = &record.participants[index];
                    return Err(Problem::InUse {
                        item: format!(
                            "{} ({})",
                            bidi::escape(&participant.name),
                            bidi::escape(&participant.agency)
                        ),
                        uses,
                    });
                }
            }
            with_kind!(kind, T => {
                let list = T::list_mut(record, kind);
                let index = position_in(&*list, kind, &id)?;
                list.remove(index);
            });
            withdraw_approval(record, kind, &id);
        }
        Command::Restore {
            mut item,
            index,
            approval,
        } => {
            let kind = item.kind();
            let id = restored_id(record, &item);
            let index = restored_index(record, kind, index);
            with_item!(&mut item, |value| value.set_id(id.clone()));
            with_item!(item, |value| insert_in(record, kind, index, value));
            if let Some(approval) = approval {
                let plan = record
                    .family_copy
                    .get_or_insert_with(FamilyCopyPlan::default);
                if !plan
                    .approved
                    .iter()
                    .any(|approved| approved.list == kind && approved.id == id)
                {
                    plan.approved.push(FamilyApproval {
                        list: kind,
                        id,
                        ..approval
                    });
                }
            }
        }
        Command::SetScale(scale) => {
            if record.participant(&scale.participant_id).is_none() {
                return Err(Problem::NotFound {
                    kind: "participant",
                    id: scale.participant_id,
                });
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
        Command::RestoreScale { scale, index } => {
            let index = index.min(record.scales.len());
            record.scales.insert(index, scale);
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
        Command::Amend {
            reason,
            change,
            restrictions,
        } => {
            let amendment = Amendment {
                by: context.actor.clone(),
                at: context.at,
                reason: reason.trim().to_string(),
                change: change.trim().to_string(),
                restrictions,
            };
            digest = Some(integrity::amendment_digest(&amendment));
            record.amendments.push(amendment);
            record.meta.status = Status::Amended;
        }
        Command::FollowUp(mut follow_up) => {
            follow_up.by = context.actor.clone();
            follow_up.at = context.at;
            follow_up.details = follow_up.details.trim().to_string();
            digest = Some(integrity::follow_up_digest(&follow_up));
            record.follow_up.push(follow_up);
        }
    }
    append_audit(record, description, digest, section_edit, context);
    Ok(())
}

/// How long consecutive edits of one section by one person fold into one audit entry.
const FOLD_SECONDS: i64 = 120;

/// True when the change described as `change` folds into the last audit entry rather than
/// appending one.
fn folds(record: &DecisionRecord, change: &str, section_edit: bool, context: &Context) -> bool {
    section_edit
        && record.audit.last().is_some_and(|last| {
            let recent = (context.at.0 - last.at.0).whole_seconds() <= FOLD_SECONDS;
            last.change == change && last.actor == *context.actor && recent
        })
}

fn append_audit(
    record: &mut DecisionRecord,
    change: String,
    digest: Option<String>,
    section_edit: bool,
    context: &Context,
) {
    if folds(record, &change, section_edit, context) {
        if let Some(last) = record.audit.last_mut() {
            // Only the chain's tip changes, so no later hash is disturbed.
            last.at = context.at;
            last.hash = integrity::entry_hash(last);
            return;
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
    record.audit.push(entry.into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{example_actor, example_record};
    use crate::record::import::{export, import, MAX_ITEMS};

    /// An audit trail one entry short of import's limit takes only the finalising entry;
    /// full, it takes nothing; either way the record is read back.
    #[test]
    fn a_full_audit_trail_keeps_its_last_entry_for_finalising() {
        let mut record = example_record(false);
        let actor = example_actor();
        let config = Config::default();
        let context = Context {
            at: "2026-03-02T12:00:00Z".parse().unwrap(),
            actor: &actor,
            config: &config,
        };
        while record.audit.len() < MAX_ITEMS - 1 {
            append_audit(
                &mut record,
                "Changed the practice context".into(),
                None,
                false,
                &context,
            );
        }
        let add = Command::Add(Item::Gap(InformationGap {
            unknown: "Who else lives at the address".into(),
            ..InformationGap::default()
        }));
        let Err(Problem::Invalid(findings)) = apply(&mut record, add.clone(), &context) else {
            panic!("a change took the last entry");
        };
        assert_eq!(findings[0].path, "$.audit");
        assert!(
            findings[0].message.contains("holds 4,999 changes")
                && findings[0].message.contains("finalise it"),
            "{}",
            findings[0].message
        );
        assert_eq!(import(&export(&record)).unwrap(), record);
        apply(&mut record, Command::Finalise, &context).unwrap();
        assert_eq!(record.audit.len(), MAX_ITEMS);
        let amend = Command::Amend {
            reason: "Police checks came back".into(),
            change: "No convictions".into(),
            restrictions: None,
        };
        let Err(Problem::Invalid(findings)) = apply(&mut record, amend, &context) else {
            panic!("an amendment went past import's limit");
        };
        assert!(
            findings[0].message.contains("holds 5,000 changes"),
            "{}",
            findings[0].message
        );
        assert_eq!(import(&export(&record)).unwrap(), record);
    }

    /// An audit entry describing a change by a very long name (in a record a host loaded)
    /// is cut short, within import's limit on text.
    #[test]
    fn an_audit_entry_is_cut_short_rather_than_over_imports_limit() {
        let actor = example_actor();
        let config = Config::default();
        let context = Context {
            at: "2026-03-02T12:00:00Z".parse().unwrap(),
            actor: &actor,
            config: &config,
        };
        let mut record = example_record(false);
        let long_id = format!("g{}", "9".repeat(99_990));
        record.gaps[0].id.clone_from(&long_id);
        let remove = Command::Remove {
            kind: ItemKind::Gap,
            id: long_id,
        };
        assert!(remove.describe(&record).chars().count() > 100_000);
        apply(&mut record, remove, &context).unwrap();
        let change = &record.audit.last().unwrap().change;
        assert_eq!(change.chars().count(), AUDIT_TEXT_CHARS + 1);
        assert!(change.starts_with("Removed information gap") && change.ends_with('…'));
        assert_eq!(import(&export(&record)).unwrap(), record);
    }
}
