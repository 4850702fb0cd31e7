//! The meeting's stages: what each one covers in the record, and its state for the task
//! list. Stages never force an order: the chair can jump to any of them.

use crate::meeting::{Finding, Severity};
use crate::record::DecisionRecord;

/// One stage of the meeting, in the usual agenda order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Meeting,
    Subjects,
    Participants,
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

/// Where a stage is, as the task list shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageState {
    NotStarted,
    InProgress,
    Complete,
    HasProblems,
}

impl StageState {
    /// The words the task list shows.
    pub fn label(self) -> &'static str {
        match self {
            StageState::NotStarted => "Not started",
            StageState::InProgress => "In progress",
            StageState::Complete => "Complete",
            StageState::HasProblems => "Has problems",
        }
    }

    /// The modifier class of the status tag.
    pub fn modifier(self) -> &'static str {
        match self {
            StageState::NotStarted => "not-started",
            StageState::InProgress => "in-progress",
            StageState::Complete => "complete",
            StageState::HasProblems => "has-problems",
        }
    }
}

impl Stage {
    /// Every stage, in agenda order.
    pub const ALL: [Stage; 17] = [
        Stage::Meeting,
        Stage::Subjects,
        Stage::Participants,
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
            Stage::Meeting => "Meeting details",
            Stage::Subjects => "Child and household",
            Stage::Participants => "Who is present",
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
            Stage::Participants => "participants",
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

    /// The record sections (top-level JSON keys) this stage edits.
    pub fn sections(self) -> &'static [&'static str] {
        match self {
            Stage::Meeting => &["meeting"],
            Stage::Subjects => &["subjects", "practiceContext"],
            Stage::Participants => &["participants"],
            Stage::Information => &["information", "tools"],
            Stage::Gaps => &["gaps"],
            Stage::ChildVoice => &["childVoice"],
            Stage::Assessment => &["assessment"],
            Stage::Scales => &["scales"],
            Stage::Decisions => &["decisions"],
            Stage::Risks => &["risks"],
            Stage::Actions => &["actions"],
            Stage::Contingencies => &["contingencies"],
            Stage::Family => &["familyCommunication"],
            Stage::Dissent => &["dissent"],
            Stage::Review => &["timescales", "distribution"],
            Stage::Wellbeing => &["wellbeingDebrief"],
            Stage::Finalise => &[],
        }
    }

    /// The stage whose sections hold this JSON path.
    pub fn of_path(path: &str) -> Option<Stage> {
        let section = path.strip_prefix("$.")?;
        let end = section.find(['.', '[']).unwrap_or(section.len());
        let key = &section[..end];
        Stage::ALL
            .into_iter()
            .find(|stage| stage.sections().contains(&key))
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
        let meeting = &record.meeting;
        match self {
            Stage::Meeting => {
                meeting.meeting_type.is_some()
                    || meeting.mode.is_some()
                    || meeting.date.is_some()
                    || !meeting.reason.is_empty()
                    || meeting.chair_id.is_some()
            }
            Stage::Subjects => {
                !record.subjects.is_empty() || !record.practice_context.details.is_empty()
            }
            Stage::Participants => !record.participants.is_empty(),
            Stage::Information => !record.information.is_empty() || !record.tools.is_empty(),
            Stage::Gaps => !record.gaps.is_empty(),
            Stage::ChildVoice => {
                let voice = &record.child_voice;
                !voice.words.is_empty()
                    || !voice.observed_experience.is_empty()
                    || !voice.how_captured.is_empty()
            }
            Stage::Assessment => {
                let assessment = &record.assessment;
                !(assessment.worries.is_empty()
                    && assessment.working_well.is_empty()
                    && assessment.needs_to_happen.is_empty()
                    && assessment.danger_statements.is_empty()
                    && assessment.safety_goals.is_empty())
            }
            Stage::Scales => !record.scales.is_empty(),
            Stage::Decisions => !record.decisions.is_empty(),
            Stage::Risks => !record.risks.is_empty(),
            Stage::Actions => !record.actions.is_empty(),
            Stage::Contingencies => !record.contingencies.is_empty(),
            Stage::Family => !record.family_communication.is_empty(),
            Stage::Dissent => !record.dissent.is_empty(),
            Stage::Review => {
                !record.distribution.is_empty()
                    || record.timescales.assessment_due.is_some()
                    || record.timescales.next_review.is_some()
            }
            Stage::Wellbeing => record.wellbeing_debrief.is_some(),
            Stage::Finalise => record.meta.status != crate::record::Status::Draft,
        }
    }

    /// The stage's state for the task list, from what is entered and the findings.
    pub fn state(self, record: &DecisionRecord, findings: &[Finding]) -> StageState {
        if !self.started(record) {
            return StageState::NotStarted;
        }
        let mine = findings
            .iter()
            .filter(|finding| Stage::of_path(&finding.path) == Some(self));
        let mut warnings = false;
        for finding in mine {
            match finding.severity {
                Severity::Error => return StageState::HasProblems,
                Severity::Warning => warnings = true,
            }
        }
        if warnings {
            StageState::InProgress
        } else {
            StageState::Complete
        }
    }
}
