//! The one transition function. Every change to a record, from the widget or a host, is a
//! [`Command`] passed to [`apply`]; a change that is not allowed comes back as a [`Problem`]
//! and leaves the record exactly as it was.

use super::validate::{Finding, Severity};
use crate::record::{
    Attendance, DecisionRecord, Meeting, Meta, Participant, Status, Timestamp, Tristate,
    SCHEMA_VERSION,
};
use std::fmt;

/// A change to the record.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace the meeting details.
    EditMeeting(Meeting),
    /// Add a participant; the record gives them an id.
    AddParticipant(ParticipantDraft),
    /// Change what is recorded about a participant.
    EditParticipant {
        /// The participant's id.
        id: String,
        /// The new details.
        draft: ParticipantDraft,
    },
    /// Remove a participant who owns nothing in the record.
    RemoveParticipant {
        /// The participant's id.
        id: String,
    },
}

impl Command {
    /// What this change does, in words, for the audit trail and for screen-reader
    /// announcements. Describes the change against the record before it is applied.
    pub fn describe(&self, record: &DecisionRecord) -> String {
        let who = |id: &str| {
            record
                .participant(id)
                .map(|p| format!("{} ({})", p.name, p.agency))
                .unwrap_or_else(|| format!("participant {id}"))
        };
        match self {
            Command::EditMeeting(_) => "Changed the meeting details".to_string(),
            Command::AddParticipant(draft) => format!(
                "Added participant {} ({})",
                draft.name.trim(),
                draft.agency.trim()
            ),
            Command::EditParticipant { id, .. } => format!("Changed participant {}", who(id)),
            Command::RemoveParticipant { id } => format!("Removed participant {}", who(id)),
        }
    }
}

/// What a person types to add or edit a participant: everything but the id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParticipantDraft {
    /// Full name.
    pub name: String,
    /// Role in their agency.
    pub role: String,
    /// Agency they speak for.
    pub agency: String,
    /// Attended, apologies or sent information.
    pub attendance: Attendance,
    /// Whether they can decide for their agency.
    pub decision_authority: Tristate,
}

impl ParticipantDraft {
    /// The draft of an existing participant, for an edit form.
    pub fn from_participant(participant: &Participant) -> Self {
        ParticipantDraft {
            name: participant.name.clone(),
            role: participant.role.clone(),
            agency: participant.agency.clone(),
            attendance: participant.attendance,
            decision_authority: participant.decision_authority,
        }
    }

    /// The problems that stop this draft being saved, with paths relative to the item
    /// (`name`, `role`, `agency`). Empty when it can be saved.
    pub fn problems(&self) -> Vec<Finding> {
        let mut problems = Vec::new();
        let mut require = |value: &str, field: &str, message: &str| {
            if value.trim().is_empty() {
                problems.push(Finding {
                    path: field.to_string(),
                    severity: Severity::Error,
                    message: message.to_string(),
                });
            }
        };
        require(&self.name, "name", "Enter the participant's full name");
        require(&self.role, "role", "Enter the participant's role");
        require(&self.agency, "agency", "Select the participant's agency");
        problems
    }

    fn into_participant(self, id: String) -> Participant {
        Participant {
            id,
            name: self.name.trim().to_string(),
            role: self.role.trim().to_string(),
            agency: self.agency.trim().to_string(),
            attendance: self.attendance,
            decision_authority: self.decision_authority,
        }
    }
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
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Invalid(findings) => {
                let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
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
        }
    }
}

impl std::error::Error for Problem {}

impl DecisionRecord {
    /// A new, empty draft record.
    pub fn new(id: String, created_at: Timestamp) -> Self {
        DecisionRecord {
            schema_version: SCHEMA_VERSION,
            meta: Meta {
                id,
                created_at,
                status: Status::Draft,
            },
            meeting: Meeting::default(),
            participants: Vec::new(),
        }
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|participant| participant.id == id)
    }

    /// An id of the form `{prefix}{n}` that no item in the record uses.
    fn next_id(&self, prefix: &str) -> String {
        let highest = self
            .participants
            .iter()
            .filter_map(|participant| participant.id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest.saturating_add(1))
    }

    /// What in the record refers to this participant, in words ("the chair", …).
    pub fn uses_of_participant(&self, id: &str) -> Vec<String> {
        let mut uses = Vec::new();
        if self.meeting.chair_id.as_deref() == Some(id) {
            uses.push("recorded as the chair".to_string());
        }
        uses
    }
}

/// Applies one change to the record. On `Err` the record is unchanged.
pub fn apply(record: &mut DecisionRecord, command: Command) -> Result<(), Problem> {
    if record.meta.status != Status::Draft {
        return Err(Problem::ReadOnly);
    }
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
        Command::AddParticipant(draft) => {
            let problems = draft.problems();
            if !problems.is_empty() {
                return Err(Problem::Invalid(problems));
            }
            let id = record.next_id("p");
            record.participants.push(draft.into_participant(id));
        }
        Command::EditParticipant { id, draft } => {
            let problems = draft.problems();
            if !problems.is_empty() {
                return Err(Problem::Invalid(problems));
            }
            let participant = record
                .participants
                .iter_mut()
                .find(|participant| participant.id == id)
                .ok_or(Problem::NotFound {
                    kind: "participant",
                    id: id.clone(),
                })?;
            *participant = draft.into_participant(id);
        }
        Command::RemoveParticipant { id } => {
            let participant = record.participant(&id).ok_or(Problem::NotFound {
                kind: "participant",
                id: id.clone(),
            })?;
            let uses = record.uses_of_participant(&id);
            if !uses.is_empty() {
                return Err(Problem::InUse {
                    item: format!("{} ({})", participant.name, participant.agency),
                    uses,
                });
            }
            record
                .participants
                .retain(|participant| participant.id != id);
        }
    }
    Ok(())
}
