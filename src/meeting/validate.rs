//! Validation: what is missing or doubtful in a record, as findings rather than failures.
//! Errors block finalising; warnings are for the group to consider.

use super::config::Config;
use crate::record::{Attendance, DecisionRecord};
use serde::Serialize;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Blocks finalising.
    Error,
    /// Does not block finalising; the group should consider it.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing wrong with, or worth a second look in, a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Where: a JSON path into the record such as `$.participants[2].agency`.
    pub path: String,
    /// Whether it blocks finalising.
    pub severity: Severity,
    /// What is wrong, in plain English, saying what to do.
    pub message: String,
}

impl Finding {
    fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            path: path.into(),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            path: path.into(),
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// Every finding for the record, in the order of its sections.
pub fn validate(record: &DecisionRecord, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    validate_meeting(record, &mut findings);
    validate_participants(record, config, &mut findings);
    findings
}

fn validate_meeting(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    let meeting = &record.meeting;
    if meeting.meeting_type.is_none() {
        findings.push(Finding::error(
            "$.meeting.meetingType",
            "Select the type of meeting",
        ));
    }
    if meeting.mode.is_none() {
        findings.push(Finding::error(
            "$.meeting.mode",
            "Select how the meeting was held",
        ));
    }
    if meeting.date.is_none() {
        findings.push(Finding::error(
            "$.meeting.date",
            "Enter the date of the meeting",
        ));
    }
    if meeting.reason.trim().is_empty() {
        findings.push(Finding::error(
            "$.meeting.reason",
            "Enter the reason for the meeting: the concern about significant harm",
        ));
    }
    match &meeting.chair_id {
        None => findings.push(Finding::error(
            "$.meeting.chairId",
            "Select who chaired the meeting",
        )),
        Some(chair_id) => match record.participant(chair_id) {
            None => findings.push(Finding::error(
                "$.meeting.chairId",
                format!("The chair {chair_id:?} is not in the participant list"),
            )),
            Some(chair) if chair.attendance != Attendance::Attended => {
                findings.push(Finding::error(
                    "$.meeting.chairId",
                    format!(
                        "{} is recorded as the chair but did not attend: change the chair or \
                         their attendance",
                        chair.name
                    ),
                ))
            }
            Some(_) => {}
        },
    }
}

fn validate_participants(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    for (index, participant) in record.participants.iter().enumerate() {
        let path = |field: &str| format!("$.participants[{index}].{field}");
        if participant.name.trim().is_empty() {
            findings.push(Finding::error(
                path("name"),
                "Enter the participant's full name",
            ));
        }
        if participant.role.trim().is_empty() {
            findings.push(Finding::error(path("role"), "Enter the participant's role"));
        }
        if participant.agency.trim().is_empty() {
            findings.push(Finding::error(
                path("agency"),
                "Select the participant's agency",
            ));
        }
        let duplicate = record.participants[..index].iter().any(|earlier| {
            earlier
                .name
                .trim()
                .eq_ignore_ascii_case(participant.name.trim())
                && earlier.agency == participant.agency
        });
        if duplicate && !participant.name.trim().is_empty() {
            findings.push(Finding::warning(
                path("name"),
                format!(
                    "{} ({}) is listed more than once",
                    participant.name, participant.agency
                ),
            ));
        }
    }
    // Attendance or a recorded absence (apologies, information sent) both count: the rule
    // is that the agency's position is known, not that it was in the room.
    for agency in &config.required_agencies {
        let listed = record.participants.iter().any(|p| &p.agency == agency);
        if !listed {
            findings.push(Finding::error(
                "$.participants",
                format!(
                    "No one from {agency} is listed: add who attended for them, or record their \
                     apologies"
                ),
            ));
        }
    }
    let attended = record
        .participants
        .iter()
        .filter(|p| p.attendance == Attendance::Attended)
        .count();
    if !record.participants.is_empty() && attended == 0 {
        findings.push(Finding::error(
            "$.participants",
            "No participant is recorded as attending",
        ));
    }
}
