//! The record's types, one per section. Every field is documented here because this rustdoc
//! is the record format's reference (and feeds the JSON Schema).

use super::sections::*;
use super::shared::Shared;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// One multi-agency strategy discussion about one child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionRecord {
    /// The version of this format the record was written in.
    pub schema_version: u32,
    /// Identity, lifecycle and integrity of the record itself.
    pub meta: Meta,
    /// When, how and why the group met.
    pub meeting: Meeting,
    /// The child (exactly one) and everyone in the child's world, fathers and male carers
    /// included.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    /// The injury that brought the child to the meeting, if there is one (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injury: Option<Injury>,
    /// Changes of worker or team and restructures that touched the case.
    #[serde(default)]
    pub practice_context: PracticeContext,
    /// Everyone invited: who attended, who sent apologies, who sent information only.
    #[serde(default)]
    pub participants: Shared<Vec<Participant>>,
    /// What each agency shared, with its basis and sensitivity.
    #[serde(default)]
    pub information: Shared<Vec<InformationItem>>,
    /// The lawful basis for the meeting's sharing (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lawful_basis: Option<LawfulBasis>,
    /// What is not known, who finds out and by when.
    #[serde(default)]
    pub gaps: Vec<InformationGap>,
    /// The child's words or observed experience.
    #[serde(default)]
    pub child_voice: ChildVoice,
    /// Worries, what's working well, what needs to happen, danger statements, safety goals.
    #[serde(default)]
    pub assessment: Assessment,
    /// Each participant's own 0-10 view of safety, never averaged.
    #[serde(default)]
    pub scales: Vec<SafetyScale>,
    /// Structured tools used as inputs to judgement.
    #[serde(default)]
    pub tools: Vec<ToolInput>,
    /// The threshold decision: reasonable cause to suspect significant harm or not, why, and
    /// what follows (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// The child protection medical, if one is planned (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical: Option<Medical>,
    /// Decisions, each owned by an agency and made by a named person.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Risks, each with a named owner.
    #[serde(default)]
    pub risks: Shared<Vec<Risk>>,
    /// Actions, each with one owner and a due date.
    #[serde(default)]
    pub actions: Shared<Vec<Action>>,
    /// "If this, then that" plans.
    #[serde(default)]
    pub contingencies: Vec<Contingency>,
    /// Disagreements, verbatim, with the chair's response and escalation.
    #[serde(default)]
    pub dissent: Vec<Dissent>,
    /// What the family is told, by whom, when; anything withheld and why.
    #[serde(default)]
    pub family_communication: Vec<FamilyCommunication>,
    /// Statutory and agreed dates.
    #[serde(default)]
    pub timescales: Timescales,
    /// Who receives the record.
    #[serde(default)]
    pub distribution: Vec<Recipient>,
    /// What the family's copy holds beside what the family will be told: the lead worker
    /// it names and the items the chair approved for it (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_copy: Option<FamilyCopyPlan>,
    /// The professionals' wellbeing debrief as versions 1 and 2 kept it (a version 3 record
    /// never holds one: see [`crate::WellbeingDocument`]). Exports, copies and minutes leave
    /// it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wellbeing_debrief: Option<WellbeingDebrief>,
    /// Changes appended after finalising.
    #[serde(default)]
    pub amendments: Vec<Amendment>,
    /// What happened after the meeting, appended after finalising (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up: Vec<FollowUp>,
    /// Every change, chained by hash.
    #[serde(default)]
    pub audit: Vec<Shared<AuditEntry>>,
}

crate::read_members!(DecisionRecord {
    schema_version: required,
    meta: required,
    meeting: required,
    subjects,
    injury,
    practice_context,
    participants,
    information,
    lawful_basis,
    gaps,
    child_voice,
    assessment,
    scales,
    tools,
    threshold,
    medical,
    decisions,
    risks,
    actions,
    contingencies,
    dissent,
    family_communication,
    timescales,
    distribution,
    family_copy,
    wellbeing_debrief,
    amendments,
    follow_up,
    audit
});

impl DecisionRecord {
    /// The record's members' names as the record writes them (`schemaVersion`, `meta`, …), in
    /// the order of its JSON.
    pub const MEMBERS: &'static [&'static str] = <Self as crate::members::Members>::NAMES;

    /// Whether member `index` (of [`DecisionRecord::MEMBERS`]) is equal in both records:
    /// at once for a list the two revisions share.
    pub fn same_member(&self, other: &Self, index: usize) -> bool {
        crate::members::Members::same_member(self, other, index)
    }

    /// How many items (or texts) of a section, by its key path (`information`,
    /// `assessment.worries`, `childVoice`), a copy leaves out: 0 for a record that is not a
    /// copy, or a copy that leaves none of the section out.
    pub fn left_out(&self, section: &str) -> u32 {
        match &self.meta.copy {
            Some(CopyMark::Of(copy)) => copy.left_out.get(section).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// A new, empty draft record.
    pub fn new(id: String, created_at: Timestamp) -> Self {
        DecisionRecord {
            schema_version: super::SCHEMA_VERSION,
            meta: Meta {
                id,
                procedure: None,
                created_at,
                finalised_at: None,
                status: Status::Draft,
                digest: None,
                section_digests: Default::default(),
                copy: None,
                linked_records: Vec::new(),
            },
            meeting: Meeting::default(),
            subjects: Vec::new(),
            injury: None,
            practice_context: PracticeContext::default(),
            participants: Shared::default(),
            information: Shared::default(),
            lawful_basis: None,
            gaps: Vec::new(),
            child_voice: ChildVoice::default(),
            assessment: Assessment::default(),
            scales: Vec::new(),
            tools: Vec::new(),
            threshold: None,
            medical: None,
            decisions: Vec::new(),
            risks: Shared::default(),
            actions: Shared::default(),
            contingencies: Vec::new(),
            dissent: Vec::new(),
            family_communication: Vec::new(),
            timescales: Timescales::default(),
            distribution: Vec::new(),
            family_copy: None,
            wellbeing_debrief: None,
            amendments: Vec::new(),
            follow_up: Vec::new(),
            audit: Vec::new(),
        }
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|participant| participant.id == id)
    }

    /// "Name (Agency)" for a participant id, or the id itself when nobody has it.
    pub fn participant_label(&self, id: &str) -> String {
        self.participant(id)
            .map(|p| format!("{} ({})", p.name, p.agency))
            .unwrap_or_else(|| format!("participant {id}"))
    }

    /// The child this record is about, if recorded.
    pub fn child(&self) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.role == SubjectRole::Child)
    }

    /// The serious incident notification a follow-up calls for: the first follow-up saying
    /// the child died or was seriously harmed, with abuse or neglect known or suspected (or
    /// not yet known), and the day the Panel was notified, if a later follow-up says so.
    /// `None` when no follow-up calls for one.
    pub fn panel_notification(&self) -> Option<PanelNotification> {
        let (index, incident) = self.follow_up.iter().enumerate().find(|(_, follow_up)| {
            follow_up.kind == FollowUpKind::SeriousIncident
                && follow_up.abuse_suspected != Tristate::No
        })?;
        let notified = self.follow_up[index..]
            .iter()
            .find(|follow_up| follow_up.kind == FollowUpKind::PanelNotified)
            .map(|follow_up| follow_up.on.unwrap_or(IsoDate(follow_up.at.0.date())));
        Some(PanelNotification {
            index,
            learned: incident.on.unwrap_or(IsoDate(incident.at.0.date())),
            notified,
        })
    }

    /// For a child who is not independently mobile (by age or disability) with an injury
    /// recorded, when the medical is against the day the injury was first seen (or, when
    /// that is not recorded, the meeting's day): the bruising protocols' same-day rule.
    /// `None` when the rule does not apply.
    pub fn medical_timing(&self) -> Option<MedicalTiming> {
        let child = self.child()?;
        let applies = child.mobility == Mobility::PreMobile
            && !child.unborn
            && self.injury.as_ref().is_some_and(Injury::is_recorded);
        if !applies {
            return None;
        }
        let medical = self.medical.as_ref().filter(|medical| medical.is_planned());
        let seen = self
            .injury
            .as_ref()
            .and_then(|injury| injury.seen_on)
            .or(self.meeting.date);
        Some(match (medical.map(|medical| medical.date), seen) {
            (None, _) => MedicalTiming::NotRecorded,
            (Some(None), _) => MedicalTiming::Undated,
            (Some(Some(day)), Some(seen)) if day > seen => MedicalTiming::Later { seen, day },
            (Some(Some(_)), _) => MedicalTiming::SameDay,
        })
    }
}

/// The serious incident notification a follow-up calls for
/// ([`DecisionRecord::panel_notification`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelNotification {
    /// The follow-up that calls for it (`followUp[index]`).
    pub index: usize,
    /// The day the five working days run from: the day the death or harm happened, as the
    /// follow-up says, or else the day it was recorded (the earliest the local authority
    /// can be taken to have learned of it).
    pub learned: IsoDate,
    /// The day the Panel was notified, as a later follow-up says.
    pub notified: Option<IsoDate>,
}

/// When a child protection medical is, for a child who is not independently mobile with an
/// injury ([`DecisionRecord::medical_timing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MedicalTiming {
    /// No medical is recorded.
    NotRecorded,
    /// A medical is recorded without its day.
    Undated,
    /// On the day the injury was first seen (or before: already done).
    SameDay,
    /// After the day the injury was first seen.
    Later {
        /// The day the injury was first seen (or the meeting's day).
        seen: IsoDate,
        /// The medical's day.
        day: IsoDate,
    },
}

/// Identity and lifecycle of the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meta {
    /// A unique id for this record (a UUID written by whoever created it).
    pub id: String,
    /// The local procedure the meeting followed, as the host configured it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Procedure>,
    /// When the record was created.
    pub created_at: Timestamp,
    /// When the chair finalised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalised_at: Option<Timestamp>,
    /// Draft while the meeting is running; final once the chair finalises it.
    pub status: Status,
    /// On finalising: `sha256:` and the hex SHA-256 of the record's canonical content
    /// (see `record::integrity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// On finalising: a hex SHA-256 per top-level section of the content, so a
    /// verifier can name the section that changed.
    #[serde(
        default,
        skip_serializing_if = "TextMap::is_empty",
        serialize_with = "write_map"
    )]
    #[schemars(with = "BTreeMap<String, String>")]
    pub section_digests: TextMap,
    /// Set on a derived copy (a recipient's copy), which carries no integrity data and is
    /// not a record of the meeting in its own right: whose copy it is and what was left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<CopyMark>,
    /// Ids of the records for the child's siblings from the same discussion: linked,
    /// never merged.
    #[serde(default)]
    pub linked_records: Vec<String>,
}

crate::read_members!(Meta {
    id: required,
    procedure,
    created_at: required,
    finalised_at,
    status: required,
    digest,
    section_digests: with(TEXTS),
    copy,
    linked_records
});

/// What kind of derived copy a document is, as version 1 marked it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum CopyKind {
    /// The family's copy: everything not for the family left out.
    Family,
}

crate::read_by_name!(CopyKind => &[CopyKind::Family]);

/// How a derived copy is marked: version 1's kind, or whose copy it is and what was left
/// out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CopyMark {
    /// Version 1: `"family"`.
    Version1(CopyKind),
    /// Version 2.
    Of(CopyOf),
}

/// Read by what the value is: a name is version 1's kind, an object version 2's. serde's
/// derived reader for an untagged enum buffers the value and tries each variant in turn,
/// so it took a `CopyOf` written as an array of its fields, and its refusals could not say
/// where in the value they were; this one reads the value once, where it is.
impl<'de> Deserialize<'de> for CopyMark {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Mark;

        impl<'de> serde::de::Visitor<'de> for Mark {
            type Value = CopyMark;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a copy's recipient (an object), or `family`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<CopyMark, E> {
                CopyKind::deserialize(serde::de::value::StrDeserializer::<E>::new(text))
                    .map(CopyMark::Version1)
            }

            // A list is read to its end before it is refused, so that the refusal's position,
            // and the path import works out from it, is the list's, not its first item's.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CopyMark, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Err(serde::de::Error::invalid_type(
                    serde::de::Unexpected::Seq,
                    &self,
                ))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CopyMark, A::Error> {
                CopyOf::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(CopyMark::Of)
            }
        }

        deserializer.deserialize_any(Mark)
    }
}

/// Whose copy a document is, and how much of the record was left out of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CopyOf {
    /// The recipient.
    pub recipient: CopyRecipient,
    /// How many items (or texts) of each section were left out, by the section's key path
    /// (`information`, `assessment.worries`, `childVoice`, `audit`): counts, never content.
    #[serde(serialize_with = "write_map")]
    #[schemars(with = "BTreeMap<String, u32>")]
    pub left_out: CountMap,
}

crate::read_members!(CopyOf {
    recipient: required,
    left_out: required_with(COUNTS)
});

/// The recipient a copy was made for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CopyRecipient {
    /// A professional or the family.
    pub kind: RecipientKind,
    /// Their name, when the copy was made for a named recipient.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Their agency (empty for the family).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
}

crate::read_members!(CopyRecipient {
    kind: required,
    name,
    agency
});

/// A local procedure's name and version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Procedure {
    /// E.g. "Northshire Safeguarding Children Partnership procedures".
    pub name: String,
    /// The version or date of the procedure.
    #[serde(default)]
    pub version: String,
}

crate::read_members!(Procedure {
    name: required,
    version
});

/// Where the record is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Still being written; anything may change.
    Draft,
    /// Finalised by the chair: read-only.
    Final,
    /// Final, with one or more amendments appended after finalising.
    Amended,
}

crate::read_by_name!(
    Status => &[Status::Draft, Status::Final, Status::Amended],
    MeetingType => &MeetingType::ALL,
    MeetingMode => &MeetingMode::ALL,
    Attendance => &Attendance::ALL,
    Tristate => &Tristate::ALL,
);

/// The meeting itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meeting {
    /// What kind of meeting this is; absent until chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_type: Option<MeetingType>,
    /// How people joined; a phone or video discussion is recorded just as formally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<MeetingMode>,
    /// The date the meeting was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// The local start time, `HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<ClockTime>,
    /// The day the concern arose (the referral, or the event itself), from which the
    /// strategy discussion's and the assessment's timescales run (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concern_raised_on: Option<IsoDate>,
    /// Why the meeting was called: the concern that gave reasonable cause to suspect harm.
    #[serde(default)]
    pub reason: String,
    /// The participant (by id) who chairs the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair_id: Option<String>,
    /// Who may receive the reason for the meeting (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Meeting {
    meeting_type,
    mode,
    date,
    start_time,
    concern_raised_on,
    reason,
    chair_id,
    restrictions
});

/// The kinds of meeting the widget records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MeetingType {
    /// A strategy discussion (often by phone or video, at short notice).
    StrategyDiscussion,
    /// A strategy meeting held with the agencies together.
    StrategyMeeting,
    /// A review of an earlier strategy discussion.
    Review,
    /// A discussion about an unborn baby.
    PreBirth,
}

impl MeetingType {
    /// Every meeting type, in the order a form lists them.
    pub const ALL: [MeetingType; 4] = [
        MeetingType::StrategyDiscussion,
        MeetingType::StrategyMeeting,
        MeetingType::Review,
        MeetingType::PreBirth,
    ];

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            MeetingType::StrategyDiscussion => "Strategy discussion",
            MeetingType::StrategyMeeting => "Strategy meeting",
            MeetingType::Review => "Review strategy discussion",
            MeetingType::PreBirth => "Pre-birth strategy discussion",
        }
    }
}

/// How the participants took part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MeetingMode {
    /// By telephone.
    Phone,
    /// By video call.
    Video,
    /// Everyone in one room.
    InPerson,
    /// Some in the room, some remote.
    Hybrid,
}

impl MeetingMode {
    /// Every mode, in the order a form lists them.
    pub const ALL: [MeetingMode; 4] = [
        MeetingMode::InPerson,
        MeetingMode::Video,
        MeetingMode::Phone,
        MeetingMode::Hybrid,
    ];

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            MeetingMode::Phone => "Telephone",
            MeetingMode::Video => "Video call",
            MeetingMode::InPerson => "In person",
            MeetingMode::Hybrid => "Hybrid (some in person, some remote)",
        }
    }
}

/// One person invited to the meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant {
    /// Stable id within this record (`p1`, `p2`, …); owners and the chair refer to it.
    pub id: String,
    /// The person's full name.
    pub name: String,
    /// Their role, e.g. "Social worker", "Detective sergeant", "Health visitor".
    pub role: String,
    /// The agency they speak for, from the host's configured agency list.
    pub agency: String,
    /// Whether they attended, sent apologies, or sent information only.
    pub attendance: Attendance,
    /// Whether they can make decisions for their agency in this meeting. `unknown` is
    /// not the same as `no`.
    #[serde(default)]
    pub decision_authority: Tristate,
}

crate::read_members!(Participant {
    id: required,
    name: required,
    role: required,
    agency: required,
    attendance: required,
    decision_authority
});

/// Attendance of one participant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Attendance {
    /// Took part in the discussion.
    #[default]
    Attended,
    /// Sent apologies and did not take part.
    Apologies,
    /// Did not take part but sent information to the chair.
    SentInformation,
}

impl Attendance {
    /// Every attendance value, in the order a form lists them.
    pub const ALL: [Attendance; 3] = [
        Attendance::Attended,
        Attendance::Apologies,
        Attendance::SentInformation,
    ];

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Attended => "Attended",
            Attendance::Apologies => "Apologies",
            Attendance::SentInformation => "Sent information only",
        }
    }
}

/// Yes, no, or not known. Used wherever "no" would be a different fact from "unknown".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Tristate {
    /// Known to be so.
    Yes,
    /// Known not to be so.
    No,
    /// Not known (the default: nobody has said).
    #[default]
    Unknown,
}

impl Tristate {
    /// Every value, in the order a form lists them.
    pub const ALL: [Tristate; 3] = [Tristate::Yes, Tristate::No, Tristate::Unknown];

    /// True when nobody has said (the default).
    pub fn is_unknown(&self) -> bool {
        *self == Tristate::Unknown
    }

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            Tristate::Yes => "Yes",
            Tristate::No => "No",
            Tristate::Unknown => "Not known",
        }
    }
}

/// Generates `Serialize`, `Deserialize`, `Display` and `JsonSchema` for a newtype that is a
/// string on the wire, parsed and printed by the `time` crate. `$print` writes the text into
/// a buffer and says how long it is: a record is written out on every change, with hundreds
/// of timestamps, and the buffer spares each of them an allocation.
macro_rules! string_newtype {
    ($name:ident, $inner:ty, $schema_name:literal, $what:literal, $schema:tt, $parse:expr, $print:expr) => {
        impl $name {
            /// The wire text, in `buffer`.
            fn wire<'b>(&self, buffer: &'b mut [u8; WIRE_TEXT_BYTES]) -> Option<&'b str> {
                let print: fn(&$inner, &mut [u8]) -> Option<usize> = $print;
                let length = print(&self.0, &mut buffer[..])?;
                std::str::from_utf8(&buffer[..length]).ok()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.wire(&mut [0; WIRE_TEXT_BYTES]).ok_or(fmt::Error)?)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                let parse: fn(&str) -> Option<$inner> = $parse;
                parse(text)
                    .map($name)
                    .ok_or_else(|| format!("{text:?} is not {}", $what))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.wire(&mut [0; WIRE_TEXT_BYTES]) {
                    Some(text) => serializer.serialize_str(text),
                    None => Err(serde::ser::Error::custom(format!(
                        "{} cannot be written as {}",
                        stringify!($name),
                        $what
                    ))),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Parsed inside the visitor, so a reader that tracks positions (serde_json)
                // places the error at this string, not at the end of the object around it.
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $name;
                    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                        formatter.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Text)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($schema_name)
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

/// The longest wire text of a date, time or timestamp (RFC 3339 with nanoseconds is 30).
const WIRE_TEXT_BYTES: usize = 40;

/// Writes `value` as `width` decimal digits, zero-padded, at the start of `out`.
fn put_digits(out: &mut [u8], mut value: u32, width: usize) {
    for place in out[..width].iter_mut().rev() {
        // A digit is below 10, so the cast cannot truncate.
        *place = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// `YYYY-MM-DD`, with a `-` before a year below 0, as `time` writes `[year]-[month]-[day]`,
/// written directly into `out`. A record holds hundreds of dates and timestamps and is
/// written out on every change: in a page that has just loaded, the general formatter of
/// `time` (dozens of functions, each compiled on its first call) took 10-20 µs a timestamp,
/// and it is a tenth of the module's `time` code. `time` stays the reference: a property
/// test holds these writers equal to its formatting for every instant.
fn put_date(date: time::Date, out: &mut [u8]) -> Option<usize> {
    let sign = usize::from(date.year() < 0);
    let out = out.get_mut(..10 + sign)?;
    if sign == 1 {
        out[0] = b'-';
    }
    // `time` keeps years within ±9999 (its `large-dates` feature is off), four digits.
    let out = &mut out[sign..];
    put_digits(out, date.year().unsigned_abs(), 4);
    out[4] = b'-';
    put_digits(&mut out[5..], u32::from(u8::from(date.month())), 2);
    out[7] = b'-';
    put_digits(&mut out[8..], u32::from(date.day()), 2);
    Some(10 + sign)
}

/// The number written by the ASCII digits `digits`, or `None` if one is not a digit.
fn read_digits(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |number, digit| {
        digit
            .is_ascii_digit()
            .then(|| number * 10 + u32::from(digit - b'0'))
    })
}

/// The number of two ASCII digits, `tens` then `units`.
fn two_digits(tens: u8, units: u8) -> Option<u8> {
    u8::try_from(read_digits(&[tens, units])?).ok()
}

/// Reads a date as `time` parses `[year]-[month]-[day]`: a year of four digits with an
/// optional sign, a month and a day of two, each checked by `time`'s calendar. Read
/// directly because `time`'s general parser is compiled once per type it builds, about 25 KB
/// of the module for the two it would serve; a property test holds this reader equal to it
/// on every text.
pub fn read_date(text: &str) -> Option<time::Date> {
    let (negative, rest) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = rest else {
        return None;
    };
    let year = i32::try_from(read_digits(&[*y1, *y2, *y3, *y4])?).ok()?;
    time::Date::from_calendar_date(
        if negative { -year } else { year },
        time::Month::try_from(two_digits(*m1, *m2)?).ok()?,
        two_digits(*d1, *d2)?,
    )
    .ok()
}

/// Reads an RFC 3339 date and time as `time` parses it (`well_known::Rfc3339`):
/// `YYYY-MM-DD`, any one byte, `HH:MM:SS`, an optional fraction of a second of at least one
/// digit (those past the ninth ignored), and `Z`, `z` or an offset `±HH:MM` (hours up to
/// 23). A leap second (`:60`) is read as the nanosecond before it, and only where one can
/// fall: the last second of a month in UTC. `time` checks the calendar, the clock and the
/// offset. See [`read_date`].
pub fn read_timestamp(text: &str) -> Option<time::OffsetDateTime> {
    let bytes = text.as_bytes();
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, _, h1, h2, b':', i1, i2, b':', s1, s2, rest @ ..] =
        bytes
    else {
        return None;
    };
    let year = i32::try_from(read_digits(&[*y1, *y2, *y3, *y4])?).ok()?;
    let month = time::Month::try_from(two_digits(*m1, *m2)?).ok()?;
    let day = two_digits(*d1, *d2)?;
    let (hour, minute, mut second) = (
        two_digits(*h1, *h2)?,
        two_digits(*i1, *i2)?,
        two_digits(*s1, *s2)?,
    );
    let (mut nanosecond, rest) = match rest {
        [b'.', fraction @ ..] => {
            let digits = fraction
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if digits == 0 {
                return None;
            }
            let (fraction, rest) = fraction.split_at(digits);
            let mut nanos = 0;
            for place in 0..9 {
                nanos = nanos * 10
                    + fraction
                        .get(place)
                        .map_or(0, |digit| u32::from(digit - b'0'));
            }
            (nanos, rest)
        }
        _ => (0, rest),
    };
    let offset = match rest {
        [b'Z' | b'z'] => time::UtcOffset::UTC,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = i8::try_from(two_digits(*h1, *h2).filter(|hours| *hours <= 23)?).ok()?;
            let minutes = i8::try_from(two_digits(*m1, *m2)?).ok()?;
            let sign = if *sign == b'-' { -1 } else { 1 };
            time::UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()?
        }
        _ => return None,
    };
    let leap_second = second == 60;
    if leap_second {
        second = 59;
        nanosecond = 999_999_999;
    }
    let instant = time::OffsetDateTime::new_in_offset(
        time::Date::from_calendar_date(year, month, day).ok()?,
        time::Time::from_hms_nano(hour, minute, second, nanosecond).ok()?,
        offset,
    );
    if leap_second {
        let utc = instant.checked_to_offset(time::UtcOffset::UTC)?;
        let last_second = (utc.hour(), utc.minute(), utc.second()) == (23, 59, 59);
        if !last_second || utc.day() != utc.month().length(utc.year()) {
            return None;
        }
    }
    Some(instant)
}

/// Reads a time of day as `time` parses `[hour]:[minute]`: two digits each, checked by
/// `time`. See [`read_date`].
pub fn read_clock_time(text: &str) -> Option<time::Time> {
    let [h1, h2, b':', m1, m2] = *text.as_bytes() else {
        return None;
    };
    time::Time::from_hms(two_digits(h1, h2)?, two_digits(m1, m2)?, 0).ok()
}

/// `HH:MM:SS`, and the fraction of a second without its trailing zeros when there is one,
/// as RFC 3339 is written by `time`.
fn put_time_of_day(clock: time::Time, out: &mut [u8]) -> Option<usize> {
    let out = out.get_mut(..18)?;
    put_digits(out, u32::from(clock.hour()), 2);
    out[2] = b':';
    put_digits(&mut out[3..], u32::from(clock.minute()), 2);
    out[5] = b':';
    put_digits(&mut out[6..], u32::from(clock.second()), 2);
    let mut nanos = clock.nanosecond();
    if nanos == 0 {
        return Some(8);
    }
    let mut digits = 9;
    while nanos % 10 == 0 {
        nanos /= 10;
        digits -= 1;
    }
    out[8] = b'.';
    put_digits(&mut out[9..], nanos, digits);
    Some(9 + digits)
}

/// RFC 3339 in UTC as `time` writes it (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`), for a year from
/// 0 to 9999; `None` for any other year, which RFC 3339 cannot write.
fn put_timestamp(utc: time::OffsetDateTime, out: &mut [u8]) -> Option<usize> {
    if utc.year() < 0 {
        return None;
    }
    let date = put_date(utc.date(), out)?;
    *out.get_mut(date)? = b'T';
    let time = put_time_of_day(utc.time(), out.get_mut(date + 1..)?)?;
    let end = date + 1 + time;
    *out.get_mut(end)? = b'Z';
    Some(end + 1)
}

/// A calendar date, `YYYY-MM-DD` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub time::Date);

string_newtype!(
    IsoDate,
    time::Date,
    "IsoDate",
    "a date (YYYY-MM-DD)",
    { "type": "string", "format": "date" },
    read_date,
    |date, buffer| put_date(*date, buffer)
);

/// A local time of day, `HH:MM` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub time::Time);

string_newtype!(
    ClockTime,
    time::Time,
    "ClockTime",
    "a time of day (HH:MM)",
    { "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$" },
    read_clock_time,
    |clock, buffer| {
        // `HH:MM` of `HH:MM:SS`.
        put_time_of_day(*clock, buffer)?;
        Some(5)
    }
);

/// An instant, RFC 3339 in UTC on the wire (`2026-11-26T09:30:00Z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub time::OffsetDateTime);

string_newtype!(
    Timestamp,
    time::OffsetDateTime,
    "Timestamp",
    "an RFC 3339 date and time",
    { "type": "string", "format": "date-time" },
    read_timestamp,
    |instant, buffer| {
        let utc = instant.checked_to_offset(time::UtcOffset::UTC)?;
        put_timestamp(utc, buffer)
    }
);

/// A map of text to text, its keys in order (a section's name to its digest): written as a
/// JSON object, as a `BTreeMap` would be. A sorted list rather than a B-tree: the record's
/// maps are small, and each kind of B-tree compiles a tree's code into the widget.
pub type TextMap = litemap::LiteMap<String, String>;

/// A map of text to a count, its keys in order (a section's key path to how many of its
/// items a copy leaves out): written as a JSON object.
pub type CountMap = litemap::LiteMap<String, u32>;

/// Writes a [`TextMap`] or [`CountMap`] as a JSON object, its members in the keys' order.
pub fn write_map<V: Serialize, S: Serializer>(
    map: &litemap::LiteMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(map.iter())
}

/// Reads a map of text to text or to counts, refusing a key given twice or a key JavaScript
/// treats specially ([`FORBIDDEN_KEYS`](crate::FORBIDDEN_KEYS)). The types' own fields
/// refuse both already (every struct denies unknown fields, and serde refuses a repeated
/// field); without this a map would keep the last copy of a repeated key, and import's
/// single reading pass could not rely on the types to refuse what its checks refuse.
struct DistinctKeys<V>(&'static str, PhantomData<V>);

/// The reader of a [`TextMap`].
const TEXTS: DistinctKeys<String> = DistinctKeys("an object of text", PhantomData);
/// The reader of a [`CountMap`].
const COUNTS: DistinctKeys<u32> = DistinctKeys("an object of counts", PhantomData);

/// Reads a JSON object of `V` into a sorted map as a record's maps are read: a key given
/// twice, or one JavaScript treats specially, is refused. For a host's options of that shape.
pub fn read_map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
) -> Result<litemap::LiteMap<String, V>, D::Error> {
    use serde::de::DeserializeSeed;
    DistinctKeys("an object", PhantomData).deserialize(deserializer)
}

impl<'de, V: Deserialize<'de>> serde::de::DeserializeSeed<'de> for DistinctKeys<V> {
    type Value = litemap::LiteMap<String, V>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for DistinctKeys<V> {
    type Value = litemap::LiteMap<String, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.0)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut members: A,
    ) -> Result<Self::Value, A::Error> {
        let mut map = litemap::LiteMap::new();
        while let Some((key, value)) = members.next_entry::<String, V>()? {
            if crate::FORBIDDEN_KEYS.contains(&key.as_str()) {
                return Err(serde::de::Error::custom(format!(
                    "the key {key:?} is not allowed"
                )));
            }
            if map.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key {key:?} appears more than once in this object"
                )));
            }
            map.insert(key, value);
        }
        Ok(map)
    }
}
