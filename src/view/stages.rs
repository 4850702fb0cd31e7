//! The meeting's stages: what each one covers in the record, and its state for the task
//! list. Stages never force an order: the chair can jump to any of them.

use super::specs::{self, Section};
use crate::meeting::{item_count, Finding, Severity};
use crate::record::{AssessmentColumn, DecisionRecord, ItemKind, JsonPath, Status};
use std::rc::Rc;

/// One stage of the meeting, in the order a meeting runs: introductions and attendance and
/// the reason first, then what is known, the analysis, the decisions and the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Meeting,
    Subjects,
    Information,
    Gaps,
    ChildVoice,
    Assessment,
    Scales,
    Decisions,
    Risks,
    Actions,
    Contingencies,
    Family,
    Dissent,
    Review,
    Wellbeing,
    Finalise,
}

/// Where a stage is, as the task list shows it. A stage needs attention only once it has
/// been checked (the chair asked, left it, or went to finalise): until then a stage with
/// problems is simply in progress, so that nothing is red before anyone has typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageState {
    NotStarted,
    InProgress,
    Ready,
    NeedsAttention,
}

impl StageState {
    /// The words the task list shows.
    pub fn label(self) -> &'static str {
        match self {
            StageState::NotStarted => "Not started",
            StageState::InProgress => "In progress",
            StageState::Ready => "Ready",
            StageState::NeedsAttention => "Needs attention",
        }
    }

    /// The modifier class of the status tag.
    pub fn modifier(self) -> &'static str {
        match self {
            StageState::NotStarted => "not-started",
            StageState::InProgress => "in-progress",
            StageState::Ready => "ready",
            StageState::NeedsAttention => "needs-attention",
        }
    }
}

impl Stage {
    /// Every stage, in agenda order.
    pub const ALL: [Stage; 16] = [
        Stage::Meeting,
        Stage::Subjects,
        Stage::Information,
        Stage::Gaps,
        Stage::ChildVoice,
        Stage::Assessment,
        Stage::Scales,
        Stage::Decisions,
        Stage::Risks,
        Stage::Actions,
        Stage::Contingencies,
        Stage::Family,
        Stage::Dissent,
        Stage::Review,
        Stage::Wellbeing,
        Stage::Finalise,
    ];

    /// The stage's heading and task-list name.
    pub fn title(self) -> &'static str {
        match self {
            Stage::Meeting => "Attendance and reason",
            Stage::Subjects => "Child and household",
            Stage::Information => "Information shared",
            Stage::Gaps => "Information gaps",
            Stage::ChildVoice => "The child's voice",
            Stage::Assessment => "Assessment",
            Stage::Scales => "Safety scales",
            Stage::Decisions => "Decisions",
            Stage::Risks => "Risks and owners",
            Stage::Actions => "Actions",
            Stage::Contingencies => "Contingency plans",
            Stage::Family => "What the family will be told",
            Stage::Dissent => "Dissent and escalation",
            Stage::Review => "Timescales and distribution",
            Stage::Wellbeing => "Wellbeing debrief",
            Stage::Finalise => "Check and finalise",
        }
    }

    /// A short stable name, used in element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Meeting => "meeting",
            Stage::Subjects => "subjects",
            Stage::Information => "information",
            Stage::Gaps => "gaps",
            Stage::ChildVoice => "child-voice",
            Stage::Assessment => "assessment",
            Stage::Scales => "scales",
            Stage::Decisions => "decisions",
            Stage::Risks => "risks",
            Stage::Actions => "actions",
            Stage::Contingencies => "contingencies",
            Stage::Family => "family",
            Stage::Dissent => "dissent",
            Stage::Review => "review",
            Stage::Wellbeing => "wellbeing",
            Stage::Finalise => "finalise",
        }
    }

    /// What the stage shows, in order: the one map from stages to the record.
    pub fn parts(self) -> &'static [Part] {
        use AssessmentColumn::*;
        use Part::*;
        match self {
            Stage::Meeting => &[Participants, MeetingDetails],
            Stage::Subjects => &[
                List(ItemKind::Subject),
                Section(SectionKind::Injury),
                Section(SectionKind::PracticeContext),
            ],
            Stage::Information => &[
                List(ItemKind::Information),
                Section(SectionKind::LawfulBasis),
                List(ItemKind::Tool),
            ],
            Stage::Gaps => &[List(ItemKind::Gap)],
            Stage::ChildVoice => &[Section(SectionKind::ChildVoice)],
            Stage::Assessment => &[
                List(ItemKind::Statement(Worries)),
                List(ItemKind::Statement(WorkingWell)),
                List(ItemKind::Statement(NeedsToHappen)),
                List(ItemKind::Statement(DangerStatements)),
                List(ItemKind::Statement(SafetyGoals)),
            ],
            Stage::Scales => &[Scales],
            Stage::Decisions => &[
                Section(SectionKind::Threshold),
                Section(SectionKind::Medical),
                List(ItemKind::Decision),
            ],
            Stage::Risks => &[List(ItemKind::Risk)],
            Stage::Actions => &[List(ItemKind::Action)],
            Stage::Contingencies => &[List(ItemKind::Contingency)],
            Stage::Family => &[List(ItemKind::FamilyCommunication), FamilyReview],
            Stage::Dissent => &[List(ItemKind::Dissent)],
            Stage::Review => &[
                Section(SectionKind::Timescales),
                Clocks,
                FromPresent,
                List(ItemKind::Recipient),
            ],
            Stage::Wellbeing => &[Wellbeing],
            Stage::Finalise => &[Finalise],
        }
    }

    /// The stage whose parts hold this JSON path.
    pub fn of_path(path: &JsonPath) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| {
            stage
                .parts()
                .iter()
                .flat_map(|part| part.paths())
                .any(|part| path.starts_with(&part))
        })
    }

    /// The next stage in agenda order, if any.
    pub fn next(self) -> Option<Stage> {
        let index = Stage::ALL.iter().position(|stage| *stage == self)?;
        Stage::ALL.get(index + 1).copied()
    }

    /// The previous stage in agenda order, if any.
    pub fn previous(self) -> Option<Stage> {
        let index = Stage::ALL.iter().position(|stage| *stage == self)?;
        index
            .checked_sub(1)
            .and_then(|index| Stage::ALL.get(index).copied())
    }

    /// True once anything has been entered in the stage.
    pub fn started(self, record: &DecisionRecord) -> bool {
        self.parts().iter().any(|part| part.started(record))
    }

    /// The findings about this stage.
    pub fn findings(self, findings: &[Finding]) -> Vec<Finding> {
        findings
            .iter()
            .filter(|finding| Stage::of_path(&finding.path) == Some(self))
            .cloned()
            .collect()
    }

    /// The stage's state for the task list, from what is entered, the findings and whether
    /// the stage has been checked.
    pub fn state(self, record: &DecisionRecord, findings: &[Finding], checked: bool) -> StageState {
        if !self.started(record) {
            return StageState::NotStarted;
        }
        let mine = findings
            .iter()
            .filter(|finding| Stage::of_path(&finding.path) == Some(self));
        let mut warnings = false;
        for finding in mine {
            match finding.severity {
                Severity::Error if checked => return StageState::NeedsAttention,
                Severity::Error | Severity::Warning => warnings = true,
            }
        }
        if warnings {
            StageState::InProgress
        } else {
            StageState::Ready
        }
    }
}

/// A whole-section form of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Injury,
    LawfulBasis,
    Threshold,
    Medical,
    PracticeContext,
    ChildVoice,
    Timescales,
}

/// One part of a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    MeetingDetails,
    Participants,
    /// A list of the record, with its table and form.
    List(ItemKind),
    /// A whole-section form.
    Section(SectionKind),
    Scales,
    /// The chair's review of the family's copy.
    FamilyReview,
    /// The statutory clocks (computed, never entered).
    Clocks,
    /// Everyone present added to the distribution list in one step.
    FromPresent,
    /// The professionals' wellbeing debrief: a document of its own, not the record's.
    Wellbeing,
    Finalise,
}

impl Part {
    /// The record paths the part edits (findings under them belong to it).
    pub fn paths(self) -> Vec<JsonPath> {
        match self {
            Part::MeetingDetails => vec![JsonPath::keys(specs::meeting().keys)],
            Part::Participants => vec![ItemKind::Participant.path()],
            Part::List(kind) => vec![kind.path()],
            Part::Section(section) => vec![section.path()],
            Part::Scales => vec![JsonPath::keys(&["scales"])],
            Part::FamilyReview => vec![JsonPath::keys(&["familyCopy"])],
            Part::Clocks | Part::FromPresent | Part::Wellbeing | Part::Finalise => Vec::new(),
        }
    }

    /// True once anything has been entered in it.
    pub fn started(self, record: &DecisionRecord) -> bool {
        match self {
            Part::MeetingDetails => specs::meeting().erased().started(record),
            Part::Participants => !record.participants.is_empty(),
            Part::List(kind) => item_count(record, kind) > 0,
            Part::Section(section) => section.started(record),
            Part::Scales => !record.scales.is_empty(),
            Part::FamilyReview => false,
            Part::Clocks | Part::FromPresent | Part::Wellbeing => false,
            Part::Finalise => record.meta.status != Status::Draft,
        }
    }
}

impl SectionKind {
    /// The section's form.
    pub fn form(self) -> Rc<dyn Section> {
        match self {
            SectionKind::Injury => specs::injury().erased(),
            SectionKind::LawfulBasis => specs::lawful_basis().erased(),
            SectionKind::Threshold => specs::threshold().erased(),
            SectionKind::Medical => specs::medical().erased(),
            SectionKind::PracticeContext => specs::practice_context().erased(),
            SectionKind::ChildVoice => specs::child_voice().erased(),
            SectionKind::Timescales => specs::timescales().erased(),
        }
    }

    fn path(self) -> JsonPath {
        self.form().path()
    }

    fn started(self, record: &DecisionRecord) -> bool {
        self.form().started(record)
    }
}
