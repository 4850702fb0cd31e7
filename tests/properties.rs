//! Property tests: any sequence of commands, accepted or refused, keeps every invariant of
//! the record; the JSON form round-trips exactly.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use risk_sensible::meeting::{Command, Item, ItemKind};
use risk_sensible::record::integrity::{canonical_json, verify};
use risk_sensible::record::*;
use std::collections::HashSet;

const AGENCIES: [&str; 4] = ["Children's social care", "Police", "Health", "Education"];

fn participant_id() -> impl Strategy<Value = String> {
    (1u8..8).prop_map(|n| format!("p{n}"))
}

fn maybe_owner() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), participant_id().prop_map(Some)]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z <>&\"é😀]{1,12}"]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (text(), text(), 0usize..4, any::<bool>()).prop_map(|(name, role, agency, attended)| {
            Command::Add(Item::Participant(Participant {
                id: String::new(),
                name,
                role,
                agency: AGENCIES[agency].into(),
                attendance: if attended {
                    Attendance::Attended
                } else {
                    Attendance::Apologies
                },
                decision_authority: Tristate::Unknown,
            }))
        }),
        (text(), maybe_owner()).prop_map(|(description, owner_id)| {
            Command::Add(Item::Risk(Risk {
                description,
                owner_id,
                ..Risk::default()
            }))
        }),
        (text(), maybe_owner()).prop_map(|(task, owner_id)| {
            Command::Add(Item::Action(Action {
                task,
                owner_id,
                ..Action::default()
            }))
        }),
        (participant_id(), text()).prop_map(|(participant_id, view)| {
            Command::Add(Item::Dissent(Dissent {
                participant_id,
                view,
                ..Dissent::default()
            }))
        }),
        (1u8..5, text(), maybe_owner()).prop_map(|(n, description, owner_id)| {
            Command::Edit(Item::Risk(Risk {
                id: format!("r{n}"),
                description,
                owner_id,
                ..Risk::default()
            }))
        }),
        participant_id().prop_map(|id| Command::Remove {
            kind: ItemKind::Participant,
            id
        }),
        (1u8..5).prop_map(|n| Command::Remove {
            kind: ItemKind::Risk,
            id: format!("r{n}")
        }),
        (1u8..5).prop_map(|n| Command::Remove {
            kind: ItemKind::Action,
            id: format!("x{n}")
        }),
        (participant_id(), 0u8..12, text()).prop_map(|(participant_id, score, reason)| {
            Command::SetScale(SafetyScale {
                participant_id,
                score,
                reason,
                restrictions: None,
            })
        }),
        maybe_owner().prop_map(|chair_id| Command::EditMeeting(Meeting {
            chair_id,
            ..Meeting::default()
        })),
        Just(Command::Finalise),
        (text(), text()).prop_map(|(reason, change)| Command::Amend {
            reason,
            change,
            restrictions: None
        }),
    ]
}

fn assert_invariants(record: &DecisionRecord) {
    fn unique<'a>(ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(seen.insert(id), "duplicate id {id}");
        }
    }
    unique(record.participants.iter().map(|p| p.id.as_str()));
    unique(record.risks.iter().map(|r| r.id.as_str()));
    unique(record.actions.iter().map(|a| a.id.as_str()));
    unique(record.dissent.iter().map(|d| d.id.as_str()));
    unique(record.scales.iter().map(|s| s.participant_id.as_str()));
    let present = |id: &str| record.participant(id).is_some();
    for id in record
        .risks
        .iter()
        .filter_map(|r| r.owner_id.as_deref())
        .chain(record.actions.iter().filter_map(|a| a.owner_id.as_deref()))
        .chain(record.dissent.iter().map(|d| d.participant_id.as_str()))
        .chain(record.scales.iter().map(|s| s.participant_id.as_str()))
        .chain(record.meeting.chair_id.as_deref())
    {
        assert!(present(id), "dangling reference to {id}");
    }
    assert!(record.scales.iter().all(|s| s.score <= 10));
    assert_eq!(
        record.amendments.is_empty(),
        record.meta.status != Status::Amended
    );
    verify(record).unwrap_or_else(|failure| panic!("verify failed: {failure}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_commands_keeps_every_invariant(commands in prop::collection::vec(command(), 1..40)) {
        let mut record = common::new_record();
        for (index, command) in commands.into_iter().enumerate() {
            let before = record.clone();
            let time = format!("2026-03-02T11:{:02}:00Z", index % 60);
            let audit_before = record.audit.len();
            match common::run_at(&mut record, command, &time) {
                Ok(()) => prop_assert!(record.audit.len() >= audit_before),
                Err(_) => prop_assert_eq!(&record, &before, "a refused command changed the record"),
            }
            assert_invariants(&record);
        }
        let json = serde_json::to_string(&record).unwrap();
        let back: DecisionRecord = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &record);
        // The widget's compact text (characters above U+00FF escaped) is the same JSON, and
        // import reads it back to the same record.
        let compact = risk_sensible::record::import::export_compact(&record);
        let beyond_latin_1 = compact.chars().filter(|c| u32::from(*c) > 0xff).count();
        prop_assert_eq!(beyond_latin_1, 0);
        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&compact).unwrap(), serde_json::from_str::<serde_json::Value>(&json).unwrap());
        prop_assert_eq!(&risk_sensible::record::import::import(&compact).unwrap(), &record);
        // Without the escapes (the fallback for a record they would take over the limit) it
        // is serde_json's own compact text, byte for byte.
        prop_assert_eq!(&risk_sensible::record::export_compact_unescaped(&record), &json);
        // Read back as a JSON value it is the value `serde_json::to_value` gives (the FHIR
        // export reads the record that way, and the forms and the handle read its parts).
        prop_assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            serde_json::to_value(&record).unwrap()
        );
        prop_assert_eq!(risk_sensible::record::to_json_value(&record), serde_json::to_value(&record).unwrap());
        prop_assert_eq!(risk_sensible::record::to_json_value(&record.meta), serde_json::to_value(&record.meta).unwrap());
        for risk in &record.risks {
            prop_assert_eq!(risk_sensible::record::to_json_value(risk), serde_json::to_value(risk).unwrap());
        }
        for action in &record.actions {
            prop_assert_eq!(risk_sensible::record::to_json_value(action), serde_json::to_value(action).unwrap());
        }
        prop_assert_eq!(
            serde_json::Value::String(risk_sensible::record::wire_name(&record.meta.status)),
            serde_json::to_value(record.meta.status).unwrap()
        );
        // The exported file is serde_json's own pretty text, byte for byte.
        prop_assert_eq!(
            risk_sensible::record::export(&record),
            format!("{}\n", serde_json::to_string_pretty(&record).unwrap())
        );
        // The canonical writer writes exactly what the sorted JSON value writes.
        prop_assert_eq!(
            canonical_json(&record),
            serde_json::to_value(&record).unwrap().to_string()
        );
    }

    #[test]
    fn a_final_record_only_ever_grows_by_amendments(commands in prop::collection::vec(command(), 1..25)) {
        let mut record = risk_sensible::example::example_record(true);
        let content = risk_sensible::record::integrity::content_digest(&record);
        for (index, command) in commands.into_iter().enumerate() {
            let is_amend = matches!(command, Command::Amend { .. });
            let before = record.clone();
            let time = format!("2026-03-03T09:{:02}:00Z", index % 60);
            let result = common::run_at(&mut record, command, &time);
            if result.is_ok() {
                prop_assert!(is_amend, "only amendments are accepted after finalising");
                prop_assert_eq!(record.amendments.len(), before.amendments.len() + 1);
            } else {
                prop_assert_eq!(&record, &before);
            }
            prop_assert_eq!(risk_sensible::record::integrity::content_digest(&record), content.clone());
            assert_invariants(&record);
        }
    }
}

/// The wire text of a value that is a string on the wire, or `None` where it cannot be
/// written.
fn written<T: serde::Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::String(text) => Some(text),
        other => panic!("not a string on the wire: {other}"),
    }
}

/// Seconds since 1970 from before year 0 to the end of year 9999 (the last `time` holds),
/// the edges of both often.
fn unix_seconds() -> impl Strategy<Value = i64> {
    const YEAR_0: i64 = -62_167_219_200;
    const YEAR_10000: i64 = 253_402_300_800;
    prop_oneof![
        YEAR_0 - 100_000_000..YEAR_10000,
        YEAR_0 - 100_000..YEAR_0 + 100_000,
        YEAR_10000 - 100_000..YEAR_10000,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Dates, times of day and timestamps are written by a direct writer for years 0 to
    /// 9999; `time`'s own formatting is the reference, for every instant and offset, in
    /// range or not (outside it both refuse).
    #[test]
    fn dates_times_and_timestamps_are_written_as_time_formats_them(
        seconds in unix_seconds(),
        nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|ms| ms * 1_000_000), 0u32..1_000_000_000],
        offset in -86_399i32..86_400,
    ) {
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        let utc = time::OffsetDateTime::from_unix_timestamp(seconds)
            .unwrap()
            .replace_nanosecond(nanos)
            .unwrap();
        let offset = time::UtcOffset::from_whole_seconds(offset).unwrap();
        let instant = utc.checked_to_offset(offset).unwrap_or(utc);

        let expected = instant.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok();
        prop_assert_eq!(written(&Timestamp(instant)), expected.clone());
        if let Some(text) = &expected {
            prop_assert_eq!(text.parse::<Timestamp>().map(|stamp| stamp.0), Ok(utc));
        }

        let date = instant.date();
        let expected = date.format(format_description!("[year]-[month]-[day]")).ok();
        prop_assert_eq!(written(&IsoDate(date)), expected);

        let clock = instant.time();
        let expected = clock.format(format_description!("[hour]:[minute]")).ok();
        prop_assert_eq!(written(&ClockTime(clock)), expected);
    }
}
