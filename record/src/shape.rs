//! The record's shape, written once: which lists it has (their JSON keys, nouns and id
//! prefixes) and every place it refers to a participant. Import, validation, the transition
//! function and the views all read the shape from here.

use super::path::JsonPath;
use super::sections::*;
use super::types::*;

/// Which list of the record an item belongs to.
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

/// What is fixed about one kind of item.
struct Facts {
    /// The keys from the record's root to the list.
    keys: &'static [&'static str],
    /// The item in words, on its own ("information gap").
    noun: &'static str,
    /// The item in words where its list's heading already gives the context ("gap").
    short_noun: &'static str,
    /// The id prefix (`r` for `r1`, `r2`, …).
    prefix: &'static str,
}

impl ItemKind {
    /// Every list, in the record's order.
    pub const ALL: [ItemKind; 17] = [
        ItemKind::Participant,
        ItemKind::Subject,
        ItemKind::Information,
        ItemKind::Gap,
        ItemKind::Statement(AssessmentColumn::Worries),
        ItemKind::Statement(AssessmentColumn::WorkingWell),
        ItemKind::Statement(AssessmentColumn::NeedsToHappen),
        ItemKind::Statement(AssessmentColumn::DangerStatements),
        ItemKind::Statement(AssessmentColumn::SafetyGoals),
        ItemKind::Tool,
        ItemKind::Decision,
        ItemKind::Risk,
        ItemKind::Action,
        ItemKind::Contingency,
        ItemKind::Dissent,
        ItemKind::FamilyCommunication,
        ItemKind::Recipient,
    ];

    fn facts(self) -> Facts {
        let facts = |keys, noun, short_noun, prefix| Facts {
            keys,
            noun,
            short_noun,
            prefix,
        };
        match self {
            ItemKind::Participant => facts(&["participants"], "participant", "participant", "p"),
            ItemKind::Subject => facts(&["subjects"], "person", "person", "s"),
            ItemKind::Information => facts(
                &["information"],
                "information item",
                "information item",
                "i",
            ),
            ItemKind::Gap => facts(&["gaps"], "information gap", "gap", "g"),
            ItemKind::Statement(column) => facts(
                match column {
                    AssessmentColumn::Worries => &["assessment", "worries"],
                    AssessmentColumn::WorkingWell => &["assessment", "workingWell"],
                    AssessmentColumn::NeedsToHappen => &["assessment", "needsToHappen"],
                    AssessmentColumn::DangerStatements => &["assessment", "dangerStatements"],
                    AssessmentColumn::SafetyGoals => &["assessment", "safetyGoals"],
                },
                "statement",
                "statement",
                "a",
            ),
            ItemKind::Tool => facts(&["tools"], "tool", "tool", "t"),
            ItemKind::Decision => facts(&["decisions"], "decision", "decision", "d"),
            ItemKind::Risk => facts(&["risks"], "risk", "risk", "r"),
            ItemKind::Action => facts(&["actions"], "action", "action", "x"),
            ItemKind::Contingency => facts(&["contingencies"], "contingency", "contingency", "c"),
            ItemKind::Dissent => facts(&["dissent"], "dissent", "dissent", "v"),
            ItemKind::FamilyCommunication => facts(
                &["familyCommunication"],
                "family communication",
                "communication",
                "f",
            ),
            ItemKind::Recipient => facts(&["distribution"], "recipient", "recipient", "e"),
        }
    }

    /// The list's key path from the record's root (`risks`, `assessment.worries`), as the
    /// record's own references to a list write it.
    pub fn key(self) -> String {
        self.facts().keys.join(".")
    }

    /// The item in words ("information gap"), for the audit trail and messages.
    pub fn noun(self) -> &'static str {
        self.facts().noun
    }

    /// The item in words where its list's heading gives the context ("gap"), for a
    /// table's rows and buttons.
    pub fn short_noun(self) -> &'static str {
        self.facts().short_noun
    }

    /// The prefix of the ids the record gives items of this kind (`r` for `r1`).
    pub fn id_prefix(self) -> &'static str {
        self.facts().prefix
    }

    /// The list's path from the record's root (`$.risks`, `$.assessment.worries`).
    pub fn path(self) -> JsonPath {
        JsonPath::keys(self.facts().keys)
    }

    /// The path of the item at `index` of this list.
    pub fn item_path(self, index: usize) -> JsonPath {
        self.path().index(index)
    }
}

/// Where a record refers to a participant by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceSite {
    /// The chair, `$.meeting.chairId`.
    Chair,
    /// Who captured the child's voice, `$.childVoice.capturedBy`.
    ChildVoice,
    /// Whose safety scale, `$.scales[i].participantId`.
    Scale(usize),
    /// The lead worker the family's copy names, `$.familyCopy.leadWorkerId`.
    LeadWorker,
    /// Who made the threshold decision, `$.threshold.decidedById`.
    Threshold,
    /// Who requested the child protection medical, `$.medical.requestedById`.
    Medical,
    /// A field of a list's item (`$.risks[2].ownerId`).
    Item(ItemKind, usize, &'static str),
}

impl ReferenceSite {
    /// The JSON path of the referring field.
    pub fn path(self) -> JsonPath {
        match self {
            ReferenceSite::Chair => JsonPath::keys(&["meeting", "chairId"]),
            ReferenceSite::ChildVoice => JsonPath::keys(&["childVoice", "capturedBy"]),
            ReferenceSite::Scale(index) => JsonPath::keys(&["scales"])
                .index(index)
                .key("participantId"),
            ReferenceSite::LeadWorker => JsonPath::keys(&["familyCopy", "leadWorkerId"]),
            ReferenceSite::Threshold => JsonPath::keys(&["threshold", "decidedById"]),
            ReferenceSite::Medical => JsonPath::keys(&["medical", "requestedById"]),
            ReferenceSite::Item(kind, index, field) => kind.item_path(index).key(field),
        }
    }

    /// The member of the record the referring field is in (`meeting` for the chair).
    pub fn member(self) -> &'static str {
        match self {
            ReferenceSite::Chair => "meeting",
            ReferenceSite::ChildVoice => "childVoice",
            ReferenceSite::Scale(_) => "scales",
            ReferenceSite::LeadWorker => "familyCopy",
            ReferenceSite::Threshold => "threshold",
            ReferenceSite::Medical => "medical",
            ReferenceSite::Item(kind, ..) => kind.facts().keys[0],
        }
    }
}

/// The members of the record [`DecisionRecord::for_each_participant_reference`] reads, in
/// the order it walks them: what a check of the references reads (validation runs it again
/// only when one of them changed). The walk asserts, in a debug build, that each site it
/// reports is in one of them. A static, so that the crates that read it share one copy.
pub static PARTICIPANT_REFERENCE_MEMBERS: [&str; 14] = [
    "meeting",
    "information",
    "gaps",
    "childVoice",
    "scales",
    "threshold",
    "medical",
    "decisions",
    "risks",
    "actions",
    "contingencies",
    "dissent",
    "familyCommunication",
    "familyCopy",
];

/// The fields of an item that hold a participant's id.
pub trait RefersToParticipants {
    /// Calls `each` with the key and value of every field of this item that refers to a
    /// participant and is set (an empty id is passed on: whether that is allowed is the
    /// caller's rule).
    fn participant_fields<'a>(&'a self, each: &mut dyn FnMut(&'static str, &'a str));
}

macro_rules! refers_to_participants {
    ($($type:ty => [$($field:ident: $key:literal),*];)+) => {
        $(impl RefersToParticipants for $type {
            #[allow(unused_variables)]
            fn participant_fields<'a>(&'a self, each: &mut dyn FnMut(&'static str, &'a str)) {
                $(if let Some(id) = ParticipantField::id(&self.$field) {
                    each($key, id);
                })*
            }
        })+
    };
}

/// A field that may hold a participant's id: required (`String`) or optional.
trait ParticipantField {
    fn id(&self) -> Option<&str>;
}

impl ParticipantField for String {
    fn id(&self) -> Option<&str> {
        Some(self)
    }
}

impl ParticipantField for Option<String> {
    fn id(&self) -> Option<&str> {
        self.as_deref()
    }
}

refers_to_participants! {
    Participant => [];
    Subject => [];
    InformationItem => [shared_by: "sharedBy"];
    InformationGap => [owner_id: "ownerId"];
    Statement => [];
    ToolInput => [];
    Decision => [decision_maker_id: "decisionMakerId"];
    Risk => [owner_id: "ownerId"];
    Action => [owner_id: "ownerId"];
    Contingency => [owner_id: "ownerId"];
    Dissent => [participant_id: "participantId"];
    FamilyCommunication => [by_id: "byId"];
    Recipient => [];
}

impl DecisionRecord {
    /// Calls `each` with every reference the record makes to a participant's id, in the
    /// record's order: the one walk that import, validation, removal and the views use.
    pub fn for_each_participant_reference<'a>(
        &'a self,
        mut each: impl FnMut(ReferenceSite, &'a str),
    ) {
        self.walk_participant_references(&mut each);
    }

    /// [`Self::for_each_participant_reference`], compiled once for all its callers.
    fn walk_participant_references<'a>(&'a self, each: &mut dyn FnMut(ReferenceSite, &'a str)) {
        let mut each = |site: ReferenceSite, id: &'a str| {
            debug_assert!(
                PARTICIPANT_REFERENCE_MEMBERS.contains(&site.member()),
                "{} is not in PARTICIPANT_REFERENCE_MEMBERS",
                site.member()
            );
            each(site, id)
        };
        fn list<'a, T: RefersToParticipants>(
            items: &'a [T],
            kind: ItemKind,
            each: &mut dyn FnMut(ReferenceSite, &'a str),
        ) {
            for (index, item) in items.iter().enumerate() {
                item.participant_fields(&mut |field, id| {
                    each(ReferenceSite::Item(kind, index, field), id)
                });
            }
        }
        if let Some(chair) = &self.meeting.chair_id {
            each(ReferenceSite::Chair, chair);
        }
        list(&self.information, ItemKind::Information, &mut each);
        list(&self.gaps, ItemKind::Gap, &mut each);
        if let Some(id) = &self.child_voice.captured_by {
            each(ReferenceSite::ChildVoice, id);
        }
        for (index, scale) in self.scales.iter().enumerate() {
            each(ReferenceSite::Scale(index), &scale.participant_id);
        }
        if let Some(id) = self
            .threshold
            .as_ref()
            .and_then(|threshold| threshold.decided_by_id.as_ref())
        {
            each(ReferenceSite::Threshold, id);
        }
        if let Some(id) = self
            .medical
            .as_ref()
            .and_then(|medical| medical.requested_by_id.as_ref())
        {
            each(ReferenceSite::Medical, id);
        }
        list(&self.decisions, ItemKind::Decision, &mut each);
        list(&self.risks, ItemKind::Risk, &mut each);
        list(&self.actions, ItemKind::Action, &mut each);
        list(&self.contingencies, ItemKind::Contingency, &mut each);
        list(&self.dissent, ItemKind::Dissent, &mut each);
        list(
            &self.family_communication,
            ItemKind::FamilyCommunication,
            &mut each,
        );
        if let Some(id) = self
            .family_copy
            .as_ref()
            .and_then(|plan| plan.lead_worker_id.as_ref())
        {
            each(ReferenceSite::LeadWorker, id);
        }
    }
}

/// Who may receive an item: its restrictions as version 2 reads them. A version 1 record's
/// `sensitivity` label is converted ([`Restrictions::from_sensitivity`]), and an item with no
/// label at all is not for the family. Every view and every copy goes by this.
pub trait Restricted {
    /// The item's restrictions.
    fn restrictions(&self) -> Restrictions;

    /// True when anything restricts it: hidden on a shared screen until revealed.
    fn is_restricted(&self) -> bool {
        !self.restrictions().is_empty()
    }
}

macro_rules! restricted {
    (version_1_labelled: $($legacy:ty),+; labelled: $($labelled:ty),+; unlabelled: $($plain:ty),+) => {
        $(impl Restricted for $legacy {
            fn restrictions(&self) -> Restrictions {
                self.restrictions
                    .clone()
                    .unwrap_or_else(|| Restrictions::from_sensitivity(self.sensitivity))
            }
        })+
        $(impl Restricted for $labelled {
            fn restrictions(&self) -> Restrictions {
                self.restrictions.clone().unwrap_or_else(Restrictions::unlabelled)
            }
        })+
        $(impl Restricted for $plain {
            fn restrictions(&self) -> Restrictions {
                Restrictions::none()
            }
        })+
    };
}

restricted! {
    version_1_labelled: InformationItem, Statement, Risk;
    labelled: Subject, InformationGap, ToolInput, Decision, Action, Contingency, Dissent,
        FamilyCommunication, SafetyScale, ChildVoice, PracticeContext, Amendment, Meeting,
        Threshold, Injury, Medical, LawfulBasis, FollowUp;
    unlabelled: Participant, Recipient
}

/// Written as the list's key path (`assessment.worries`).
impl serde::Serialize for ItemKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> serde::Deserialize<'de> for ItemKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = std::borrow::Cow::<str>::deserialize(deserializer)?;
        ItemKind::ALL
            .into_iter()
            .find(|kind| kind.key() == key)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("{key:?} is not one of the record's lists"))
            })
    }
}

impl schemars::JsonSchema for ItemKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<String> = ItemKind::ALL.iter().map(|kind| kind.key()).collect();
        schemars::json_schema!({
            "description": "One of the record's lists, by its key path.",
            "type": "string",
            "enum": keys,
        })
    }
}
