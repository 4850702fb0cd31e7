//! What one record tells the partnership: the facts the themes count, taken from the record
//! once so the record itself can be dropped.

use super::hotspots::{icpc_due, is_father_or_male_carer};
use super::Settings;
use crate::meeting::{
    scale_spread, starts_section_47, statutory_clocks, working_days_between, Config,
};
use crate::record::{
    Attendance, BackgroundCheck, DecisionRecord, DecisionType, EscalationStage, FollowUpKind,
    HarmCategory, IsoDate, MedicalTiming, Mobility, S47Outcome, Status, ThresholdAnswer, Tristate,
};

/// Names that record a person as not known rather than name them.
const NOT_A_NAME: [&str; 9] = [
    "",
    "not known",
    "unknown",
    "not recorded",
    "n/k",
    "nk",
    "not given",
    "tbc",
    "?",
];

/// Whether a name actually names someone ("Not known" does not).
pub fn is_a_name(name: &str) -> bool {
    let name = name.trim().trim_end_matches('.').to_lowercase();
    !NOT_A_NAME.contains(&name.as_str())
}

/// A kind of thing the record shows is not known. Unknown is not the same as no: these are
/// the gaps in what the agencies gather.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnknownKind {
    /// The group listed at least one information gap (something to find out).
    GapsRecorded,
    /// No child is recorded.
    NoChild,
    /// The child's date of birth (or, unborn, expected date) is not recorded.
    ChildDateOfBirth,
    /// Whether the child is pre-mobile is not known.
    ChildMobility,
    /// No father or male carer is recorded at all.
    NoFatherOrMaleCarer,
    /// A father or male carer is recorded but not named.
    FatherOrMaleCarerNotNamed,
    /// A parent's or carer's own history (childhood adversity) is not known.
    CarerHistory,
    /// The child's voice or observed experience is not recorded.
    ChildVoice,
    /// Someone who attended has no recorded decision authority for their agency.
    DecisionAuthority,
    /// Whether the worker or team changed recently is not known.
    WorkerChange,
}

impl UnknownKind {
    /// Every kind, in the order the themes list them.
    pub const ALL: [UnknownKind; 10] = [
        UnknownKind::GapsRecorded,
        UnknownKind::NoChild,
        UnknownKind::ChildDateOfBirth,
        UnknownKind::ChildMobility,
        UnknownKind::NoFatherOrMaleCarer,
        UnknownKind::FatherOrMaleCarerNotNamed,
        UnknownKind::CarerHistory,
        UnknownKind::ChildVoice,
        UnknownKind::DecisionAuthority,
        UnknownKind::WorkerChange,
    ];

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            UnknownKind::GapsRecorded => "Information gaps listed by the group",
            UnknownKind::NoChild => "No child recorded",
            UnknownKind::ChildDateOfBirth => "Child's date of birth not recorded",
            UnknownKind::ChildMobility => "Whether the child is independently mobile not known",
            UnknownKind::NoFatherOrMaleCarer => "No father or male carer recorded",
            UnknownKind::FatherOrMaleCarerNotNamed => "Father or male carer recorded but not named",
            UnknownKind::CarerHistory => "A parent's or carer's own history not known",
            UnknownKind::ChildVoice => "Child's voice or lived experience not recorded",
            UnknownKind::DecisionAuthority => "Decision authority of an attendee not known",
            UnknownKind::WorkerChange => "Recent change of worker or team not known",
        }
    }

    fn bit(self) -> u16 {
        let index = UnknownKind::ALL
            .iter()
            .position(|kind| *kind == self)
            .unwrap_or(0);
        1 << index
    }
}

/// The ICPC clock of a record whose section 47 enquiries started, as of the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpcFacts {
    /// At least one working day has passed since the due date.
    pub due_date_passed: bool,
}

/// A record that records the decision to convene an ICPC: how long after the strategy
/// discussion that started section 47 enquiries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpcDecisionFacts {
    /// Working days from the discussion that started section 47 enquiries to the meeting
    /// that recorded the decision (0 when it was the same meeting); `None` when a date is
    /// missing.
    pub working_days: Option<i64>,
}

/// Everything the themes count about one record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordFacts {
    /// When the group met.
    pub meeting_date: Option<IsoDate>,
    /// Final or amended (not a draft).
    pub finalised: bool,
    /// Each participant's agency (trimmed) and attendance.
    pub attendance: Vec<(String, Attendance)>,
    /// Each decision's type (`None`: not chosen).
    pub decision_types: Vec<Option<DecisionType>>,
    /// Each Standard Safeguarding Dataset outcome code recorded on a decision.
    pub outcomes: Vec<S47Outcome>,
    /// A decision starts section 47 enquiries.
    pub starts_section_47: bool,
    /// A father or male carer is recorded.
    pub man_recorded: bool,
    /// A father or male carer is recorded with a name.
    pub man_named: bool,
    /// A recorded father's or male carer's own history (childhood adversity) is known.
    pub man_history_known: bool,
    /// The kinds of unknown in the record, one bit per [`UnknownKind`].
    unknowns: u16,
    /// Information gaps listed.
    pub gap_items: u64,
    /// Of those, with no owner.
    pub gaps_without_owner: u64,
    /// Of those, with no date to find out by.
    pub gaps_without_due: u64,
    /// Of those, whose date has passed (at least one working day) as of the as-of date.
    pub gaps_due_passed: u64,
    /// Safety scales given.
    pub scales: u64,
    /// Their spread, with two or more.
    pub spread: Option<u8>,
    /// A discussion of the difference between scales is recorded.
    pub spread_discussed: bool,
    /// Each disagreement: how far it was escalated and whether a resolution is recorded.
    pub dissent: Vec<(EscalationStage, bool)>,
    /// The ICPC clock, when section 47 enquiries started.
    pub icpc: Option<IcpcFacts>,
    /// The decision to convene an ICPC, when recorded.
    pub icpc_decision: Option<IcpcDecisionFacts>,
    /// The parents' and carers' own histories: someone's childhood adversity known, and
    /// yes for someone; someone's care experience known, and yes for someone.
    pub carers_history: CarersHistory,
    /// Whether the allocated worker or team changed in recent months.
    pub worker_change: Tristate,
    /// Each disagreement: the agency of the person disagreeing, the chair's agency, whether
    /// it was escalated beyond the meeting and whether it was resolved.
    pub dissent_between: Vec<(String, String, bool, bool)>,
    /// With the day the concern arose and the meeting's: whether the meeting was held within
    /// the host's strategy discussion timescale.
    pub strategy_discussion_in_time: Option<bool>,
    /// Working days from the day the concern arose to the meeting, when both are recorded.
    pub concern_to_meeting: Option<i64>,
    /// Working days from the discussion that started section 47 enquiries to the
    /// conference held, as a follow-up records it.
    pub conference_held_after: Option<i64>,
    /// What a version 3 record adds (the threshold decision, the men around the child, the
    /// medical); `None` for an earlier record, which was never asked.
    pub version_3: Option<Version3Facts>,
}

/// What a record says of the parents' and carers' own histories.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CarersHistory {
    /// A parent or carer is recorded.
    pub carer_recorded: bool,
    /// Someone's childhood adversity is known (yes or no).
    pub adversity_known: bool,
    /// Someone experienced adversity in their own childhood.
    pub adversity: bool,
    /// Someone's care experience is known.
    pub care_known: bool,
    /// Someone is care-experienced.
    pub care_experienced: bool,
}

/// What a version 3 record tells the themes about the threshold decision, the men around
/// the child and the medical.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Version3Facts {
    /// The threshold decision's answer, when given.
    pub threshold: Option<ThresholdAnswer>,
    /// The categories of harm suspected, for a yes.
    pub harm_categories: Vec<HarmCategory>,
    /// Fathers and men who live with or look after the child.
    pub men_around: u64,
    /// Of those, seen by a professional for this enquiry.
    pub men_seen: u64,
    /// Of those, with any check made.
    pub men_checked: u64,
    /// Of those, with police records checked.
    pub men_police_checked: u64,
    /// Of those, who look after the child alone at times.
    pub men_caring_alone: u64,
    /// For a child who is not independently mobile with an injury, when the medical is.
    pub medical: Option<MedicalTiming>,
    /// Someone in the child's world needs an interpreter.
    pub interpreter_needed: bool,
    /// The child's disability or additional needs are recorded.
    pub child_disability: bool,
    /// The child's culture, ethnicity and faith are recorded.
    pub child_culture: bool,
}

impl Version3Facts {
    fn of(record: &DecisionRecord) -> Self {
        let threshold = record.threshold.clone().unwrap_or_default();
        let men: Vec<_> = record
            .subjects
            .iter()
            .filter(|subject| subject.is_man_around_the_child())
            .collect();
        let count = |test: &dyn Fn(&&crate::record::Subject) -> bool| {
            men.iter().filter(|man| test(man)).count() as u64
        };
        Version3Facts {
            threshold: threshold.answer,
            harm_categories: if threshold.answer == Some(ThresholdAnswer::Yes) {
                threshold.harm_categories
            } else {
                Vec::new()
            },
            men_around: men.len() as u64,
            men_seen: count(&|man| man.seen == Tristate::Yes),
            men_checked: count(&|man| !man.checks.is_empty()),
            men_police_checked: count(&|man| man.checks.contains(&BackgroundCheck::Police)),
            men_caring_alone: count(&|man| man.cares_alone == Tristate::Yes),
            medical: record.medical_timing(),
            interpreter_needed: record
                .subjects
                .iter()
                .any(|subject| subject.interpreter == Tristate::Yes),
            child_disability: record
                .child()
                .is_some_and(|child| !child.disability.trim().is_empty()),
            child_culture: record
                .child()
                .is_some_and(|child| !child.culture_and_faith.trim().is_empty()),
        }
    }
}

impl RecordFacts {
    /// Takes the facts from a record.
    pub fn of(record: &DecisionRecord, settings: &Settings, config: &Config) -> Self {
        let holidays = &settings.holidays;
        let mut facts = RecordFacts {
            meeting_date: record.meeting.date,
            finalised: record.meta.status != Status::Draft,
            attendance: record
                .participants
                .iter()
                .map(|participant| {
                    (
                        participant.agency.trim().to_string(),
                        participant.attendance,
                    )
                })
                .collect(),
            decision_types: record
                .decisions
                .iter()
                .map(|decision| decision.decision_type)
                .collect(),
            // An earlier record's codes on its decisions; a version 3 record's in its
            // follow-ups, once the enquiry is over.
            outcomes: record
                .decisions
                .iter()
                .filter_map(|decision| decision.outcome_code)
                .chain(
                    record
                        .follow_up
                        .iter()
                        .filter(|follow_up| follow_up.kind == FollowUpKind::EnquiryOutcome)
                        .filter_map(|follow_up| follow_up.outcome),
                )
                .collect(),
            starts_section_47: starts_section_47(record),
            ..RecordFacts::default()
        };
        let men: Vec<_> = record
            .subjects
            .iter()
            .filter(|subject| is_father_or_male_carer(subject.role))
            .collect();
        facts.man_recorded = !men.is_empty();
        facts.man_named = men.iter().any(|man| is_a_name(&man.name));
        facts.man_history_known = men.iter().any(|man| {
            man.history
                .as_ref()
                .is_some_and(|history| history.childhood_adversity != Tristate::Unknown)
        });
        let mut unknown = |kind: UnknownKind, present: bool| {
            if present {
                facts.unknowns |= kind.bit();
            }
        };
        let child = record.child();
        unknown(UnknownKind::GapsRecorded, !record.gaps.is_empty());
        unknown(UnknownKind::NoChild, child.is_none());
        unknown(
            UnknownKind::ChildDateOfBirth,
            child.is_some_and(|child| {
                if child.unborn {
                    child.expected_date.is_none()
                } else {
                    child.date_of_birth.is_none()
                }
            }),
        );
        unknown(
            UnknownKind::ChildMobility,
            child.is_some_and(|child| !child.unborn && child.mobility == Mobility::Unknown),
        );
        unknown(UnknownKind::NoFatherOrMaleCarer, men.is_empty());
        unknown(
            UnknownKind::FatherOrMaleCarerNotNamed,
            !men.is_empty() && !men.iter().any(|man| is_a_name(&man.name)),
        );
        unknown(
            UnknownKind::CarerHistory,
            record.subjects.iter().any(|subject| {
                subject.is_parent_or_carer()
                    && subject
                        .history
                        .as_ref()
                        .is_none_or(|history| history.childhood_adversity == Tristate::Unknown)
            }),
        );
        let voice = &record.child_voice;
        unknown(
            UnknownKind::ChildVoice,
            voice.words.trim().is_empty()
                && voice.observed_experience.trim().is_empty()
                && voice.how_captured.trim().is_empty(),
        );
        unknown(
            UnknownKind::DecisionAuthority,
            record.participants.iter().any(|participant| {
                participant.attendance == Attendance::Attended
                    && participant.decision_authority == Tristate::Unknown
            }),
        );
        unknown(
            UnknownKind::WorkerChange,
            record.practice_context.recent_worker_change == Tristate::Unknown,
        );
        facts.gap_items = record.gaps.len() as u64;
        for gap in &record.gaps {
            if gap.owner_id.as_deref().is_none_or(str::is_empty) {
                facts.gaps_without_owner += 1;
            }
            match gap.due {
                None => facts.gaps_without_due += 1,
                Some(due) if working_days_between(due.0, settings.as_of, holidays) >= 1 => {
                    facts.gaps_due_passed += 1;
                }
                Some(_) => {}
            }
        }
        facts.version_3 = (record.schema_version >= 3).then(|| Version3Facts::of(record));
        let carers: Vec<_> = record
            .subjects
            .iter()
            .filter(|subject| subject.is_parent_or_carer())
            .collect();
        let history = |test: &dyn Fn(&crate::record::CarerHistory) -> bool| {
            carers
                .iter()
                .any(|carer| carer.history.as_ref().is_some_and(test))
        };
        facts.carers_history = CarersHistory {
            carer_recorded: !carers.is_empty(),
            adversity_known: history(&|h| h.childhood_adversity != Tristate::Unknown),
            adversity: history(&|h| h.childhood_adversity == Tristate::Yes),
            care_known: history(&|h| h.care_experienced != Tristate::Unknown),
            care_experienced: history(&|h| h.care_experienced == Tristate::Yes),
        };
        facts.worker_change = record.practice_context.recent_worker_change;
        let agency_of = |id: Option<&str>| {
            id.and_then(|id| record.participant(id))
                .map(|person| person.agency.trim().to_string())
                .unwrap_or_default()
        };
        let chair = agency_of(record.meeting.chair_id.as_deref());
        facts.dissent_between = record
            .dissent
            .iter()
            .map(|dissent| {
                (
                    agency_of(Some(&dissent.participant_id)),
                    chair.clone(),
                    dissent.escalation != EscalationStage::None,
                    !dissent.resolution.trim().is_empty(),
                )
            })
            .collect();
        let s47_start = record
            .timescales
            .s47_started_on
            .or_else(|| record.meeting.date.filter(|_| facts.starts_section_47));
        let held = record
            .follow_up
            .iter()
            .filter(|follow_up| follow_up.kind == FollowUpKind::ConferenceHeld)
            .filter_map(|follow_up| follow_up.on)
            .min();
        facts.conference_held_after = s47_start
            .zip(held)
            .map(|(start, held)| working_days_between(start.0, held.0, holidays));
        facts.concern_to_meeting = record
            .meeting
            .concern_raised_on
            .zip(record.meeting.date)
            .map(|(raised, held)| working_days_between(raised.0, held.0, holidays));
        facts.strategy_discussion_in_time = statutory_clocks(record, config)
            .strategy_discussion
            .zip(record.meeting.date)
            .map(|(clock, held)| held.0 <= clock.due);
        facts.scales = record.scales.len() as u64;
        facts.spread = scale_spread(&record.scales);
        facts.spread_discussed = !record.assessment.scale_discussion.trim().is_empty();
        facts.dissent = record
            .dissent
            .iter()
            .map(|dissent| (dissent.escalation, !dissent.resolution.trim().is_empty()))
            .collect();
        if facts.starts_section_47 || record.timescales.icpc_due.is_some() {
            facts.icpc = icpc_due(record, settings, config).map(|(due, _)| IcpcFacts {
                due_date_passed: working_days_between(due.0, settings.as_of, holidays) >= 1,
            });
        }
        let icpc_decided = record.decisions.iter().any(|decision| {
            decision.decision_type == Some(DecisionType::Icpc)
                || decision.outcome_code == Some(S47Outcome::Icpc)
        });
        if icpc_decided {
            let start = record.timescales.s47_started_on.or_else(|| {
                // Without an earlier start date, the clock starts at this meeting only if
                // this meeting started the enquiries.
                record.meeting.date.filter(|_| facts.starts_section_47)
            });
            facts.icpc_decision = Some(IcpcDecisionFacts {
                working_days: start
                    .zip(record.meeting.date)
                    .map(|(start, meeting)| working_days_between(start.0, meeting.0, holidays)),
            });
        }
        facts
    }

    /// Whether the record shows this kind of unknown.
    pub fn has_unknown(&self, kind: UnknownKind) -> bool {
        self.unknowns & kind.bit() != 0
    }
}
