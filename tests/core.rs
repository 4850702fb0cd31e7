//! Host tests of the domain core: the transition function and validation. These run with
//! and without the web layer (`cargo test --no-default-features`).

use risk_sensible::meeting::{
    apply, validate, Command, Config, Finding, ParticipantDraft, Problem, Severity,
};
use risk_sensible::record::{
    Attendance, DecisionRecord, Meeting, MeetingMode, MeetingType, Status, Tristate,
};

fn new_record() -> DecisionRecord {
    DecisionRecord::new(
        "7d9c1a52-0b8e-4a53-9a51-2d1c3f0e8b11".to_string(),
        "2026-03-02T09:00:00Z".parse().unwrap(),
    )
}

fn draft(name: &str, role: &str, agency: &str, attendance: Attendance) -> ParticipantDraft {
    ParticipantDraft {
        name: name.to_string(),
        role: role.to_string(),
        agency: agency.to_string(),
        attendance,
        decision_authority: Tristate::Yes,
    }
}

/// A record with the three statutory agencies present and the meeting details complete.
fn complete_record() -> DecisionRecord {
    let mut record = new_record();
    for participant in [
        draft(
            "Amara Okafor",
            "Team manager",
            "Children's social care",
            Attendance::Attended,
        ),
        draft(
            "Tom Reyes",
            "Detective sergeant",
            "Police",
            Attendance::Attended,
        ),
        draft(
            "Priya Nandra",
            "Health visitor",
            "Health",
            Attendance::Apologies,
        ),
    ] {
        apply(&mut record, Command::AddParticipant(participant)).unwrap();
    }
    let meeting = Meeting {
        meeting_type: Some(MeetingType::StrategyMeeting),
        mode: Some(MeetingMode::Video),
        date: Some("2026-03-02".parse().unwrap()),
        start_time: Some("10:30".parse().unwrap()),
        reason: "Bruise to the cheek of a 4-month-old baby seen by the health visitor".into(),
        chair_id: Some("p1".into()),
    };
    apply(&mut record, Command::EditMeeting(meeting)).unwrap();
    record
}

fn paths(findings: &[Finding]) -> Vec<(&str, Severity)> {
    findings
        .iter()
        .map(|finding| (finding.path.as_str(), finding.severity))
        .collect()
}

#[test]
fn adding_participants_gives_each_a_new_id_and_trims_text() {
    let mut record = new_record();
    apply(
        &mut record,
        Command::AddParticipant(draft("  Ali Hassan ", "GP", "Health", Attendance::Attended)),
    )
    .unwrap();
    apply(
        &mut record,
        Command::AddParticipant(draft(
            "Jo Bell",
            "Teacher",
            "Education",
            Attendance::SentInformation,
        )),
    )
    .unwrap();
    let ids: Vec<&str> = record.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2"]);
    assert_eq!(record.participants[0].name, "Ali Hassan");
    assert_eq!(
        record.participants[1].attendance,
        Attendance::SentInformation
    );
}

#[test]
fn a_removed_participants_id_is_not_given_to_someone_else_while_others_remain() {
    let mut record = complete_record();
    apply(&mut record, Command::RemoveParticipant { id: "p2".into() }).unwrap();
    apply(
        &mut record,
        Command::AddParticipant(draft("Sam Cole", "PC", "Police", Attendance::Attended)),
    )
    .unwrap();
    assert_eq!(record.participants.last().unwrap().id, "p4");
}

#[test]
fn a_draft_missing_fields_is_refused_with_a_finding_per_field() {
    // (name, role, agency, the fields the refusal must name)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("", "", "", &["name", "role", "agency"]),
        ("   ", "Social worker", "Police", &["name"]),
        ("Jo Bell", "", "Education", &["role"]),
        ("Jo Bell", "Teacher", " ", &["agency"]),
        ("Jo Bell", "Teacher", "Education", &[]),
    ];
    for (name, role, agency, expected) in cases {
        let mut record = new_record();
        let before = record.clone();
        let result = apply(
            &mut record,
            Command::AddParticipant(draft(name, role, agency, Attendance::Attended)),
        );
        match result {
            Err(Problem::Invalid(findings)) => {
                let fields: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
                assert_eq!(&fields, expected, "case {name:?} {role:?} {agency:?}");
                assert_eq!(record, before, "a refused add must not change the record");
            }
            Ok(()) => assert!(
                expected.is_empty(),
                "case {name:?} should have been refused"
            ),
            Err(other) => panic!("unexpected problem {other:?}"),
        }
    }
}

#[test]
fn editing_a_participant_changes_only_that_participant() {
    let mut record = complete_record();
    let mut changed = draft(
        "Tom Reyes",
        "Detective inspector",
        "Police",
        Attendance::Attended,
    );
    changed.decision_authority = Tristate::Unknown;
    apply(
        &mut record,
        Command::EditParticipant {
            id: "p2".into(),
            draft: changed,
        },
    )
    .unwrap();
    assert_eq!(record.participants[1].id, "p2");
    assert_eq!(record.participants[1].role, "Detective inspector");
    assert_eq!(record.participants[1].decision_authority, Tristate::Unknown);
    assert_eq!(record.participants[0].role, "Team manager");
}

#[test]
fn editing_or_removing_someone_who_is_not_there_is_refused() {
    let mut record = complete_record();
    let before = record.clone();
    let edit = apply(
        &mut record,
        Command::EditParticipant {
            id: "p99".into(),
            draft: draft("X", "Y", "Police", Attendance::Attended),
        },
    );
    assert!(matches!(edit, Err(Problem::NotFound { id, .. }) if id == "p99"));
    let remove = apply(&mut record, Command::RemoveParticipant { id: "p99".into() });
    assert!(matches!(remove, Err(Problem::NotFound { .. })));
    assert_eq!(record, before);
}

#[test]
fn removing_the_chair_is_refused_with_a_message_naming_them() {
    let mut record = complete_record();
    let before = record.clone();
    let problem = apply(&mut record, Command::RemoveParticipant { id: "p1".into() }).unwrap_err();
    let message = problem.to_string();
    assert!(message.contains("Amara Okafor"), "{message}");
    assert!(message.contains("chair"), "{message}");
    assert_eq!(record, before);
}

#[test]
fn the_chair_must_be_a_participant() {
    let mut record = complete_record();
    let mut meeting = record.meeting.clone();
    meeting.chair_id = Some("p42".into());
    let result = apply(&mut record, Command::EditMeeting(meeting));
    assert!(matches!(result, Err(Problem::NotFound { .. })));
    assert_eq!(record.meeting.chair_id.as_deref(), Some("p1"));
}

#[test]
fn a_final_record_refuses_every_change() {
    let mut record = complete_record();
    record.meta.status = Status::Final;
    let before = record.clone();
    let commands = [
        Command::EditMeeting(Meeting::default()),
        Command::AddParticipant(draft("A", "B", "Police", Attendance::Attended)),
        Command::RemoveParticipant { id: "p3".into() },
    ];
    for command in commands {
        assert_eq!(apply(&mut record, command), Err(Problem::ReadOnly));
    }
    assert_eq!(record, before);
}

#[test]
fn a_complete_record_has_no_findings() {
    let record = complete_record();
    assert_eq!(validate(&record, &Config::default()), Vec::new());
}

#[test]
fn validation_names_each_missing_meeting_detail() {
    type Case = (fn(&mut Meeting), &'static str);
    let cases: &[Case] = &[
        (|m| m.meeting_type = None, "$.meeting.meetingType"),
        (|m| m.mode = None, "$.meeting.mode"),
        (|m| m.date = None, "$.meeting.date"),
        (|m| m.reason = "  ".into(), "$.meeting.reason"),
        (|m| m.chair_id = None, "$.meeting.chairId"),
    ];
    for (change, path) in cases {
        let mut record = complete_record();
        change(&mut record.meeting);
        let findings = validate(&record, &Config::default());
        assert_eq!(paths(&findings), [(*path, Severity::Error)], "{path}");
        assert!(!findings[0].message.is_empty());
    }
}

#[test]
fn a_chair_who_did_not_attend_is_an_error() {
    let mut record = complete_record();
    record.participants[0].attendance = Attendance::Apologies;
    let findings = validate(&record, &Config::default());
    assert!(paths(&findings).contains(&("$.meeting.chairId", Severity::Error)));
    assert!(findings[0].message.contains("Amara Okafor"));
}

#[test]
fn each_missing_statutory_agency_is_named() {
    for (id, agency) in [
        ("p1", "Children's social care"),
        ("p2", "Police"),
        ("p3", "Health"),
    ] {
        let mut record = complete_record();
        record.meeting.chair_id = None;
        record.participants.retain(|p| p.id != id);
        let findings = validate(&record, &Config::default());
        let agency_findings: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.path == "$.participants")
            .collect();
        assert_eq!(agency_findings.len(), 1, "{agency}: {findings:?}");
        assert!(agency_findings[0].message.contains(agency));
        assert_eq!(agency_findings[0].severity, Severity::Error);
    }
}

#[test]
fn apologies_count_as_a_recorded_absence_for_a_statutory_agency() {
    // Health sent apologies in the complete record; that satisfies the rule.
    let record = complete_record();
    assert_eq!(record.participants[2].attendance, Attendance::Apologies);
    let findings = validate(&record, &Config::default());
    assert!(findings.iter().all(|f| !f.message.contains("Health")));
}

#[test]
fn required_agencies_come_from_configuration() {
    let record = complete_record();
    let config = Config {
        required_agencies: vec!["Education".into()],
        ..Config::default()
    };
    let findings = validate(&record, &config);
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message.contains("Education"));
}

#[test]
fn the_same_person_twice_for_one_agency_is_a_warning() {
    let mut record = complete_record();
    apply(
        &mut record,
        Command::AddParticipant(draft("tom reyes", "DS", "Police", Attendance::Attended)),
    )
    .unwrap();
    let findings = validate(&record, &Config::default());
    assert_eq!(
        paths(&findings),
        [("$.participants[3].name", Severity::Warning)]
    );
}

#[test]
fn imported_participants_with_blank_fields_are_errors_at_their_path() {
    let mut record = complete_record();
    record.participants[1].role = String::new();
    let findings = validate(&record, &Config::default());
    assert_eq!(
        paths(&findings),
        [("$.participants[1].role", Severity::Error)]
    );
}

#[test]
fn nobody_attending_is_an_error() {
    let mut record = complete_record();
    record.meeting.chair_id = None;
    for participant in &mut record.participants {
        participant.attendance = Attendance::Apologies;
    }
    let findings = validate(&record, &Config::default());
    assert!(findings
        .iter()
        .any(|f| f.message == "No participant is recorded as attending"));
}

#[test]
fn describe_says_what_a_change_does_in_words() {
    let record = complete_record();
    let cases = [
        (
            Command::RemoveParticipant { id: "p2".into() },
            "Removed participant Tom Reyes (Police)",
        ),
        (
            Command::AddParticipant(draft(
                " Jo Bell ",
                "Teacher",
                "Education",
                Attendance::Attended,
            )),
            "Added participant Jo Bell (Education)",
        ),
        (
            Command::EditMeeting(Meeting::default()),
            "Changed the meeting details",
        ),
    ];
    for (command, expected) in cases {
        assert_eq!(command.describe(&record), expected);
    }
}

#[test]
fn the_record_round_trips_through_json_in_camel_case() {
    let record = complete_record();
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["meeting"]["meetingType"], "strategyMeeting");
    assert_eq!(json["meeting"]["date"], "2026-03-02");
    assert_eq!(json["meeting"]["startTime"], "10:30");
    assert_eq!(json["meta"]["createdAt"], "2026-03-02T09:00:00Z");
    assert_eq!(json["participants"][2]["attendance"], "apologies");
    let back: DecisionRecord = serde_json::from_value(json).unwrap();
    assert_eq!(back, record);
}

#[test]
fn unknown_fields_and_bad_dates_are_rejected_on_reading() {
    let mut json = serde_json::to_value(complete_record()).unwrap();
    json["meeting"]["colour"] = "blue".into();
    assert!(serde_json::from_value::<DecisionRecord>(json).is_err());
    let mut json = serde_json::to_value(complete_record()).unwrap();
    json["meeting"]["date"] = "2026-02-30".into();
    let error = serde_json::from_value::<DecisionRecord>(json).unwrap_err();
    assert!(error.to_string().contains("2026-02-30"), "{error}");
}
