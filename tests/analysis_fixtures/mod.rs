//! Hand-built records for the analysis tests: small, every field chosen on purpose, and
//! everyone in them invented.
#![allow(dead_code)]

use risk_sensible::analysis::Settings;
use risk_sensible::record::*;

pub fn date(text: &str) -> IsoDate {
    text.parse().unwrap()
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

pub fn settings(as_of: &str) -> Settings {
    Settings::new(date(as_of).0)
}

pub fn participant(id: &str, name: &str, agency: &str, attendance: Attendance) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        role: "Practitioner".into(),
        agency: agency.into(),
        attendance,
        decision_authority: Tristate::Yes,
    }
}

pub fn child(case_reference: &str, name: &str, born: &str, mobility: Mobility) -> Subject {
    Subject {
        id: "s1".into(),
        role: SubjectRole::Child,
        name: name.into(),
        case_reference: case_reference.into(),
        date_of_birth: Some(date(born)),
        mobility,
        lives_with_child: Tristate::Yes,
        ..Subject::default()
    }
}

/// A draft record for one (mobile, school-age) child with three participants: a chair from
/// children's social care, a police officer and a health visitor who sent apologies.
/// Nothing in it is due or open, so it has no hot spots.
pub fn record(id: &str, case_reference: &str, meeting: &str) -> DecisionRecord {
    let mut record = DecisionRecord::new(id.into(), at("2026-01-05T09:00:00Z"));
    record.meeting.date = Some(date(meeting));
    record.meeting.meeting_type = Some(MeetingType::StrategyDiscussion);
    record.meeting.chair_id = Some("p1".into());
    record.participants = vec![
        participant(
            "p1",
            "Ann Chairwell",
            "Children's social care",
            Attendance::Attended,
        ),
        participant("p2", "Pat Constable", "Police", Attendance::Attended),
        participant("p3", "Hana Visitor", "Health", Attendance::Apologies),
    ]
    .into();
    record.subjects = vec![child(
        case_reference,
        &format!("Child {case_reference}"),
        "2018-06-01",
        Mobility::Mobile,
    )];
    record
}

pub fn action(task: &str, owner: Option<&str>, due: Option<&str>, status: ActionStatus) -> Action {
    Action {
        id: format!("x-{task}"),
        task: task.into(),
        owner_id: owner.map(str::to_string),
        due: due.map(date),
        status,
        restrictions: Some(Restrictions::none()),
        ..Action::default()
    }
}

pub fn risk(description: &str, owner: &str, review: &str, restrictions: &[Restriction]) -> Risk {
    Risk {
        id: format!("r-{description}"),
        description: description.into(),
        owner_id: Some(owner.into()),
        review_date: Some(date(review)),
        restrictions: Some(Restrictions::of(restrictions)),
        ..Risk::default()
    }
}

pub fn decision(kind: DecisionType, outcome: Option<S47Outcome>) -> Decision {
    Decision {
        id: String::new(),
        decision_type: Some(kind),
        owning_agency: "Children's social care".into(),
        decision_maker_id: Some("p1".into()),
        rationale: "Invented rationale.".into(),
        outcome_code: outcome,
        ..Decision::default()
    }
}

pub fn dissent(participant: &str, escalation: EscalationStage, resolution: &str) -> Dissent {
    Dissent {
        id: String::new(),
        participant_id: participant.into(),
        view: "I disagree.".into(),
        chair_response: "Noted.".into(),
        escalation,
        escalated_on: (escalation != EscalationStage::None).then(|| date("2026-03-03")),
        resolution: resolution.into(),
        restrictions: None,
    }
}

pub fn scale(participant: &str, score: u8) -> SafetyScale {
    SafetyScale {
        participant_id: participant.into(),
        score,
        reason: String::new(),
        restrictions: None,
    }
}

/// The record as one line of JSON.
pub fn line(record: &DecisionRecord) -> String {
    serde_json::to_string(record).unwrap()
}

/// A small RFC 4180 reader, to read back the CSV the analysis writes.
pub fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match (quoted, character) {
            (true, '"') if characters.peek() == Some(&'"') => {
                characters.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, other) => field.push(other),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, other) => field.push(other),
        }
    }
    rows
}

/// The cells of a CSV text that a spreadsheet would run as a formula: they start with `=`,
/// `+`, `-`, `@`, a tab, a carriage return, a line feed or NUL, and are not a plain number.
pub fn formula_cells(csv: &str) -> Vec<String> {
    let plain_number = |cell: &str| {
        let digits = cell.strip_prefix('-').unwrap_or(cell);
        !digits.is_empty()
            && digits.split('.').count() <= 2
            && digits
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    };
    read_csv(csv)
        .into_iter()
        .flatten()
        .filter(|cell| {
            cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\0']) && !plain_number(cell)
        })
        .collect()
}

/// A record whose ids (the record's, participants', every item's, owners' and linked
/// records') and one agency start with each character that makes a spreadsheet run a cell
/// as a formula. It has an overdue action, so it is a hot spot.
pub fn formula_record() -> DecisionRecord {
    let mut record = record(
        "=HYPERLINK(\"http://example.invalid\",\"open\")",
        "NX-9",
        "2026-03-02",
    );
    for (participant, id) in record.participants.iter_mut().zip(["+p1", "-p2", "@p3"]) {
        participant.id = id.into();
    }
    record.participants[1].agency = "=Police".into();
    record.meeting.chair_id = Some("+p1".into());
    record.meta.linked_records = vec!["-1+linked".into()];
    let mut overdue = action(
        "Visit",
        Some("-p2"),
        Some("2026-03-03"),
        ActionStatus::NotStarted,
    );
    overdue.id = "\t=action".into();
    record.actions = vec![overdue].into();
    let mut risk = risk("Harm", "@p3", "2026-06-01", &[]);
    risk.id = "\r=risk".into();
    record.risks = vec![risk].into();
    let mut decision = decision(DecisionType::S47Joint, Some(S47Outcome::Icpc));
    decision.id = "\n=decision".into();
    decision.decision_maker_id = Some("+p1".into());
    record.decisions = vec![decision];
    let mut dissent = dissent("-p2", EscalationStage::None, "");
    dissent.id = "@dissent".into();
    record.dissent = vec![dissent];
    record
}
