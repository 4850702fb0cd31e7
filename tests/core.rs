//! Host tests of the domain core: the transition function and validation. These run with
//! and without the web layer (`cargo test --no-default-features`).

mod common;

use common::{new_record, run};
use risk_sensible::meeting::{Command, Item, ItemKind, Problem};
use risk_sensible::record::{
    Attendance, DecisionRecord, Meeting, MeetingMode, MeetingType, Participant, Status, Tristate,
};

fn draft(name: &str, role: &str, agency: &str, attendance: Attendance) -> Participant {
    Participant {
        id: String::new(),
        name: name.to_string(),
        role: role.to_string(),
        agency: agency.to_string(),
        attendance,
        decision_authority: Tristate::Yes,
    }
}

fn add(participant: Participant) -> Command {
    Command::Add(Item::Participant(participant))
}

fn remove(id: &str) -> Command {
    Command::Remove {
        kind: ItemKind::Participant,
        id: id.into(),
    }
}

fn edit(id: &str, mut participant: Participant) -> Command {
    participant.id = id.into();
    Command::Edit(Item::Participant(participant))
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
        run(&mut record, add(participant)).unwrap();
    }
    let meeting = Meeting {
        meeting_type: Some(MeetingType::StrategyMeeting),
        mode: Some(MeetingMode::Video),
        date: Some("2026-03-02".parse().unwrap()),
        start_time: Some("10:30".parse().unwrap()),
        concern_raised_on: Some("2026-03-02".parse().unwrap()),
        reason: "Bruise to the cheek of a 4-month-old baby seen by the health visitor".into(),
        chair_id: Some("p1".into()),
        restrictions: None,
    };
    run(&mut record, Command::EditMeeting(meeting)).unwrap();
    record
}

#[test]
fn adding_participants_gives_each_a_new_id_and_trims_text() {
    let mut record = new_record();
    run(
        &mut record,
        add(draft("  Ali Hassan ", "GP", "Health", Attendance::Attended)),
    )
    .unwrap();
    run(
        &mut record,
        add(draft(
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
    run(&mut record, remove("p2")).unwrap();
    run(
        &mut record,
        add(draft("Sam Cole", "PC", "Police", Attendance::Attended)),
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
        let result = run(
            &mut record,
            add(draft(name, role, agency, Attendance::Attended)),
        );
        match result {
            Err(Problem::Invalid(findings)) => {
                let fields: Vec<String> = findings.iter().map(|f| f.path.to_string()).collect();
                let expected: Vec<String> = expected
                    .iter()
                    .map(|field| format!("$.participants[0].{field}"))
                    .collect();
                assert_eq!(fields, expected, "case {name:?} {role:?} {agency:?}");
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

/// An item's texts are held to their limits when it is saved, at the path it has or would
/// take: all of an added item's, and those of an edited item made longer than it held (an
/// item imported that long keeps what it has).
#[test]
fn an_items_text_over_its_limit_is_refused_where_it_was_made_longer() {
    use risk_sensible::meeting::limits::LINE_CHARS;
    let paths = |problem: Result<(), Problem>| match problem {
        Err(Problem::Invalid(findings)) => findings
            .iter()
            .map(|finding| finding.path.to_string())
            .collect::<Vec<_>>(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let mut record = complete_record();
    let long = "n".repeat(LINE_CHARS + 1);
    let added = add(draft(&long, "PC", "Police", Attendance::Attended));
    let at = format!("$.participants[{}].name", record.participants.len());
    assert_eq!(paths(run(&mut record, added)), [at]);

    record.participants[1].role = "r".repeat(LINE_CHARS + 5);
    let before = record.participants[1].clone();
    let mut renamed = before.clone();
    renamed.name = "Tom Reyes-Hall".into();
    run(&mut record, edit("p2", renamed.clone())).unwrap();
    renamed.role.push('r');
    assert_eq!(
        paths(run(&mut record, edit("p2", renamed))),
        ["$.participants[1].role"]
    );
    assert_eq!(record.participants[1].role, before.role);
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
    run(&mut record, edit("p2", changed)).unwrap();
    assert_eq!(record.participants[1].id, "p2");
    assert_eq!(record.participants[1].role, "Detective inspector");
    assert_eq!(record.participants[1].decision_authority, Tristate::Unknown);
    assert_eq!(record.participants[0].role, "Team manager");
}

#[test]
fn editing_or_removing_someone_who_is_not_there_is_refused() {
    let mut record = complete_record();
    let before = record.clone();
    let edited = run(
        &mut record,
        edit("p99", draft("X", "Y", "Police", Attendance::Attended)),
    );
    assert!(matches!(edited, Err(Problem::NotFound { id, .. }) if id == "p99"));
    let removed = run(&mut record, remove("p99"));
    assert!(matches!(removed, Err(Problem::NotFound { .. })));
    assert_eq!(record, before);
}

#[test]
fn removing_the_chair_is_refused_with_a_message_naming_them() {
    let mut record = complete_record();
    let before = record.clone();
    let problem = run(&mut record, remove("p1")).unwrap_err();
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
    let result = run(&mut record, Command::EditMeeting(meeting));
    assert!(matches!(result, Err(Problem::NotFound { .. })));
    assert_eq!(record.meeting.chair_id.as_deref(), Some("p1"));
}

/// Every section that names a participant refuses one who is not in the record, and keeps
/// what it held; the one who made the threshold decision cannot then be removed.
#[test]
fn sections_name_only_participants() {
    let mut record = complete_record();
    let before = record.clone();
    let mut voice = record.child_voice.clone();
    voice.captured_by = Some("p42".into());
    let result = run(&mut record, Command::EditChildVoice(voice));
    assert!(matches!(result, Err(Problem::NotFound { ref id, .. }) if id == "p42"));
    let mut threshold = record.threshold.clone().unwrap_or_default();
    threshold.decided_by_id = Some("p42".into());
    let result = run(&mut record, Command::EditThreshold(threshold.clone()));
    assert!(matches!(result, Err(Problem::NotFound { ref id, .. }) if id == "p42"));
    assert_eq!(record, before);
    threshold.decided_by_id = Some("p2".into());
    run(&mut record, Command::EditThreshold(threshold)).unwrap();
    let message = run(&mut record, remove("p2")).unwrap_err().to_string();
    assert!(message.contains("threshold decision"), "{message}");
}

#[test]
fn a_final_record_refuses_every_change() {
    let mut record = complete_record();
    record.meta.status = Status::Final;
    let before = record.clone();
    let commands = [
        Command::EditMeeting(Meeting::default()),
        add(draft("A", "B", "Police", Attendance::Attended)),
        remove("p3"),
    ];
    for command in commands {
        assert_eq!(run(&mut record, command), Err(Problem::ReadOnly));
    }
    assert_eq!(record, before);
}

#[test]
fn describe_says_what_a_change_does_in_words() {
    let record = complete_record();
    let cases = [
        (remove("p2"), "Removed participant Tom Reyes (Police) [p2]"),
        (
            add(draft(
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
    assert_eq!(json["schemaVersion"], 3);
    assert_eq!(json["meeting"]["meetingType"], "strategyMeeting");
    assert_eq!(json["meeting"]["date"], "2026-03-02");
    assert_eq!(json["meeting"]["startTime"], "10:30");
    assert_eq!(json["meta"]["createdAt"], "2026-03-02T09:00:00Z");
    assert_eq!(json["participants"][2]["attendance"], "apologies");
    let back: DecisionRecord = serde_json::from_value(json).unwrap();
    assert_eq!(back, record);
}

#[test]
fn the_compact_text_escapes_every_character_beyond_latin_1_and_reads_back_the_same() {
    let mut record = complete_record();
    record.meeting.reason = "Seen \u{2026} \u{201c}today\u{201d} \u{2014} Zo\u{eb} \u{1f642} \u{639}\u{627}\u{626}\u{634}\u{629}, tab\there".into();
    let compact = risk_sensible::record::import::export_compact(&record);
    assert!(compact.chars().all(|c| c <= '\u{ff}'), "{compact}");
    let expected = "Seen \\u2026 \\u201ctoday\\u201d \\u2014 Zo\u{eb} \\ud83d\\ude42 \\u0639\\u0627\\u0626\\u0634\\u0629, tab\\there";
    assert!(compact.contains(expected), "{compact}");
    assert!(!compact.contains('\n'), "compact: no white space");
    let back: DecisionRecord = serde_json::from_str(&compact).unwrap();
    assert_eq!(back, record);
    // The same JSON as serde_json's own compact text, character for character once read.
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&compact).unwrap(),
        serde_json::to_value(&record).unwrap()
    );
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

#[test]
fn the_example_record_finalises_and_verifies() {
    let draft = risk_sensible::example::example_record(false);
    let errors: Vec<_> = risk_sensible::meeting::validate(&draft, common::config())
        .into_iter()
        .filter(|finding| finding.severity == risk_sensible::meeting::Severity::Error)
        .collect();
    assert_eq!(errors, Vec::new());
    let record = risk_sensible::example::example_record(true);
    assert_eq!(record.meta.status, Status::Final);
    assert!(record
        .meta
        .digest
        .as_deref()
        .unwrap()
        .starts_with("sha256:"));
    // 2 March 2026 is a Monday: distribution is due Tuesday 3 March; the ICPC 15 working
    // days later is Monday 23 March (no bank holidays in between).
    assert_eq!(
        record.timescales.distribution_due.unwrap().to_string(),
        "2026-03-03"
    );
    assert_eq!(
        record.timescales.icpc_due.unwrap().to_string(),
        "2026-03-23"
    );
    risk_sensible::record::integrity::verify(&record).unwrap();
}

#[test]
fn the_large_meeting_has_the_benchmark_sizes_and_no_errors() {
    let record = risk_sensible::example::large_meeting();
    assert_eq!(record.participants.len(), 30);
    assert_eq!(record.risks.len(), 60);
    assert_eq!(record.actions.len(), 200);
    assert_eq!(record.information.len(), 100);
    assert_eq!(record.dissent.len(), 20);
    let errors: Vec<_> = risk_sensible::meeting::validate(&record, common::config())
        .into_iter()
        .filter(|finding| finding.severity == risk_sensible::meeting::Severity::Error)
        .collect();
    assert_eq!(errors, Vec::new());
    risk_sensible::record::integrity::verify(&record).unwrap();
}

#[test]
fn timestamps_dates_and_times_are_written_whole() {
    // The browser's clock gives milliseconds; every fraction of a second is written in full.
    for text in [
        "2026-12-04T05:07:52.744Z",
        "2026-12-04T05:07:52.7Z",
        "2026-12-04T05:07:52.000123Z",
        "2026-12-04T05:07:52.123456789Z",
        "2026-12-04T05:07:52Z",
        "9999-12-31T23:59:59.999Z",
    ] {
        let stamp: risk_sensible::record::Timestamp = text.parse().unwrap();
        assert_eq!(stamp.to_string(), text);
        assert_eq!(
            serde_json::to_string(&stamp).unwrap(),
            format!("\"{text}\"")
        );
        let back: risk_sensible::record::Timestamp =
            serde_json::from_str(&format!("\"{text}\"")).unwrap();
        assert_eq!(back, stamp);
    }
    // An offset is written as the same instant in UTC.
    let stamp: risk_sensible::record::Timestamp = "2026-12-04T06:07:52.5+01:00".parse().unwrap();
    assert_eq!(stamp.to_string(), "2026-12-04T05:07:52.5Z");
    let date: risk_sensible::record::IsoDate = "2026-02-28".parse().unwrap();
    assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-02-28\"");
    let time: risk_sensible::record::ClockTime = "09:05".parse().unwrap();
    assert_eq!(serde_json::to_string(&time).unwrap(), "\"09:05\"");
}

#[test]
fn a_record_the_escapes_would_take_over_the_limit_is_written_without_them_and_reads_back() {
    use risk_sensible::example::example_record;
    use risk_sensible::record::import::{export_compact, export_compact_after, import, MAX_BYTES};
    let mut record = complete_record();
    let model = risk_sensible::record::InformationItem {
        source_agency: "Police".into(),
        ..Default::default()
    };
    // Fifteen items of 100,000 Arabic letters: 3 MB as UTF-8, 9 MB with every letter a
    // six-byte escape.
    for n in 0..15 {
        let mut item = model.clone();
        item.id = format!("i{}", 100 + n);
        item.content = "\u{639}".repeat(100_000);
        record.information.push(item);
    }
    let plain = serde_json::to_string(&record).unwrap();
    assert!(plain.len() < MAX_BYTES && plain.len() * 3 > MAX_BYTES);
    let text = export_compact(&record);
    assert!(text.len() <= MAX_BYTES, "{} bytes", text.len());
    assert_eq!(text, plain);
    assert_eq!(import(&text).unwrap(), record);
    // Written from the text of a revision before, as the widget writes it on each change:
    // the same, and nothing of it copied into the next revision's escaped text.
    let escaped_before = export_compact_after(None, &example_record(false));
    let after = export_compact_after(Some((&example_record(false), &escaped_before)), &record);
    assert_eq!(after.text, plain);
    // One item fewer than over the limit with escapes, and they are kept.
    let large = record.clone();
    let kept = record.information.len() - 15 + 3;
    record.information.truncate(kept);
    let text = export_compact(&record);
    assert!(text.contains("\\u0639") && text.len() <= MAX_BYTES);
    assert_eq!(import(&text).unwrap(), record);
    assert_eq!(
        export_compact_after(Some((&large, &after)), &record).text,
        text
    );
}

/// The undoing of a removal, from the record before it.
fn undoing(record: &DecisionRecord, command: &Command) -> Command {
    command.undoing(record).expect("a removal can be undone")
}

#[test]
fn an_undone_removal_puts_the_item_back_in_place_and_the_audit_trail_keeps_both() {
    use risk_sensible::example::example_record;
    use risk_sensible::record::integrity::verify;
    let mut record = example_record(false);
    let before = record.clone();
    let remove = Command::Remove {
        kind: ItemKind::Action,
        id: "x2".into(),
    };
    let undo = undoing(&record, &remove);
    assert_eq!(
        remove.in_words(&record),
        format!("Removed the action \"{}\"", before.actions[1].task)
    );
    run(&mut record, remove).unwrap();
    assert!(record.actions.iter().all(|action| action.id != "x2"));
    // The family's copy loses it while it is gone.
    let approved = |record: &DecisionRecord| {
        record
            .family_copy
            .as_ref()
            .unwrap()
            .approved
            .iter()
            .any(|approval| {
                approval.list == ItemKind::Action && approval.id == "x2" && approval.police_agreed
            })
    };
    assert!(!approved(&record));
    assert_eq!(
        undo.in_words(&record),
        format!("Put back the action \"{}\"", before.actions[1].task)
    );
    run(&mut record, undo).unwrap();
    assert_eq!(
        record.actions, before.actions,
        "back in its place, as it was"
    );
    assert!(
        approved(&record),
        "approved again, with the police's agreement"
    );
    let changes: Vec<&str> = record.audit[before.audit.len()..]
        .iter()
        .map(|entry| entry.change.as_str())
        .collect();
    let task = &before.actions[1].task;
    assert_eq!(
        changes,
        [
            format!("Removed action \"{task}\" [x2]"),
            format!("Restored action \"{task}\" [x2]"),
        ]
    );
    // History is appended to, never rewritten: the entries before are as they were.
    assert_eq!(record.audit[..before.audit.len()], before.audit[..]);
    assert!(verify(&record).is_ok());
}

#[test]
fn a_removed_participant_comes_back_with_a_new_id_when_theirs_was_given_away() {
    let mut record = complete_record();
    let remove = remove("p3");
    let undo = undoing(&record, &remove);
    assert_eq!(
        remove.in_words(&record),
        "Removed the participant Priya Nandra (Health)"
    );
    run(&mut record, remove).unwrap();
    // The highest id is free again, so the next person added takes it.
    run(
        &mut record,
        add(draft("Sam Cole", "GP", "Health", Attendance::Attended)),
    )
    .unwrap();
    assert_eq!(record.participants[2].id, "p3");
    assert_eq!(
        undo.describe(&record),
        "Restored participant Priya Nandra (Health) [p4]"
    );
    run(&mut record, undo).unwrap();
    let people: Vec<(&str, &str)> = record
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("p1", "Amara Okafor"),
            ("p2", "Tom Reyes"),
            ("p4", "Priya Nandra"),
            ("p3", "Sam Cole")
        ]
    );
}

#[test]
fn an_item_put_back_goes_at_the_end_of_a_list_that_is_shorter_now() {
    let mut record = complete_record();
    let undo_second = undoing(&record, &remove("p2"));
    run(&mut record, remove("p2")).unwrap();
    run(&mut record, remove("p3")).unwrap();
    run(&mut record, undo_second).unwrap();
    let ids: Vec<&str> = record.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2"]);
}

#[test]
fn putting_back_is_refused_when_what_it_refers_to_is_gone_or_the_record_is_final() {
    use risk_sensible::record::{Restrictions, Risk};
    let mut record = complete_record();
    run(
        &mut record,
        Command::Add(Item::Risk(Risk {
            description: "Further injury".into(),
            owner_id: Some("p2".into()),
            review_trigger: "Any new injury".into(),
            restrictions: Some(Restrictions::none()),
            ..Risk::default()
        })),
    )
    .unwrap();
    let remove_risk = Command::Remove {
        kind: ItemKind::Risk,
        id: "r1".into(),
    };
    let undo = undoing(&record, &remove_risk);
    run(&mut record, remove_risk).unwrap();
    run(&mut record, remove("p2")).unwrap();
    let before = record.clone();
    let Err(Problem::Invalid(findings)) = run(&mut record, undo.clone()) else {
        panic!("a risk owned by someone no longer there was put back");
    };
    assert_eq!(findings[0].path.to_string(), "$.risks[0].ownerId");
    assert_eq!(record, before);
    record.meta.status = Status::Final;
    assert_eq!(run(&mut record, undo), Err(Problem::ReadOnly));
    // Only a removal has an undoing.
    assert_eq!(Command::Finalise.undoing(&record), None);
    assert_eq!(remove("p99").undoing(&record), None);
}

#[test]
fn a_withdrawn_scale_is_put_back_in_place_unless_that_person_has_given_one_since() {
    use risk_sensible::example::example_record;
    let mut record = example_record(false);
    let before = record.clone();
    let first = before.scales[0].participant_id.clone();
    let withdraw = Command::RemoveScale {
        participant_id: first.clone(),
    };
    let undo = undoing(&record, &withdraw);
    run(&mut record, withdraw).unwrap();
    let label = before.participant_label(&first);
    assert_eq!(
        undo.in_words(&record),
        format!("Put back the safety scale of {label}")
    );
    let mut again = record.clone();
    run(&mut record, undo.clone()).unwrap();
    assert_eq!(record.scales, before.scales);
    assert_eq!(
        record.audit.last().unwrap().change,
        format!(
            "Restored the safety scale of {label} ({})",
            before.scales[0].score
        )
    );

    // Given again in the meantime: the new scale stands.
    let mut given = before.scales[0].clone();
    given.score = 9;
    run(&mut again, Command::SetScale(given)).unwrap();
    let Err(Problem::Invalid(findings)) = run(&mut again, undo) else {
        panic!("a second scale for one person");
    };
    assert!(findings[0]
        .message
        .contains("has given a safety scale since"));
}

/// The host's configuration (the mount options' timescales, invitations and agency roles)
/// is read as the record is, by the table of each struct's members and enumerations' names:
/// an absent timescale keeps its default, an unknown key or name is refused in serde's
/// words, and each role reads back from the name it is written as.
#[test]
fn the_hosts_configuration_reads_with_defaults_and_refuses_unknown_keys() {
    use risk_sensible::meeting::{AgencyRole, Deadlines, Invitation};
    use risk_sensible::record::{from_json, Tristate};
    use serde_json::json;

    let deadlines: Deadlines = from_json(json!({ "icpc": 10, "preBirthWeeks": 12 })).unwrap();
    assert_eq!(
        deadlines,
        Deadlines {
            icpc: 10,
            pre_birth_weeks: 12,
            ..Deadlines::default()
        }
    );
    assert_eq!(
        from_json::<Deadlines>(json!({})).unwrap(),
        Deadlines::default()
    );
    let refused = from_json::<Deadlines>(json!({ "icpcDays": 10 })).unwrap_err();
    assert!(refused.contains("unknown field `icpcDays`"), "{refused}");

    let invitation: Invitation =
        from_json(json!({ "name": "Ada Example", "agency": "Police" })).unwrap();
    assert_eq!(
        invitation,
        Invitation {
            name: "Ada Example".into(),
            role: String::new(),
            agency: "Police".into(),
            decision_authority: Tristate::default(),
        }
    );
    let refused = from_json::<Invitation>(json!({ "name": "Ada Example" })).unwrap_err();
    assert!(refused.contains("missing field `agency`"), "{refused}");

    let names: Vec<&str> = AgencyRole::ALL
        .iter()
        .map(|role| role.wire_name())
        .collect();
    assert_eq!(
        names,
        [
            "childrensSocialCare",
            "police",
            "health",
            "paediatrics",
            "healthVisiting",
            "midwifery",
            "gp",
            "education",
            "other"
        ]
    );
    for role in AgencyRole::ALL {
        assert_eq!(
            from_json::<AgencyRole>(json!(role.wire_name())).unwrap(),
            role
        );
    }
    let refused = from_json::<AgencyRole>(json!("polce")).unwrap_err();
    assert!(refused.contains("unknown variant `polce`"), "{refused}");
}
