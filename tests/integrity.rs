//! The lifecycle (draft → final → amended) and integrity: the content digest, the audit
//! chain, and that any single change to a final record or its history is detected.

mod common;
#[cfg(feature = "web")]
#[path = "common/sealed_text.rs"]
mod sealed_text;

use common::{run, run_at};
use risk_sensible::example::{example_actor, example_record};
use risk_sensible::meeting::{Command, Item, ItemKind, Problem};
use risk_sensible::record::integrity::{
    anchor, canonical_json, content_digest, entry_hash, section_digests, verify,
    verify_against_anchor, IntegrityFailure, GENESIS_HASH,
};
use risk_sensible::record::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn amend(reason: &str, change: &str) -> Command {
    Command::Amend {
        reason: reason.into(),
        change: change.into(),
        restrictions: None,
    }
}

#[test]
fn finalising_is_refused_while_errors_remain_and_lists_them() {
    let mut record = example_record(false);
    record.actions[0].due = None;
    let before = record.clone();
    match run(&mut record, Command::Finalise) {
        Err(Problem::NotReady(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].path, "$.actions[0].due");
        }
        other => panic!("expected NotReady, got {other:?}"),
    }
    assert_eq!(record, before);
}

#[test]
fn warnings_do_not_block_finalising() {
    let mut record = example_record(false);
    record.distribution.clear();
    run(&mut record, Command::Finalise).unwrap();
    assert_eq!(record.meta.status, Status::Final);
}

#[test]
fn a_final_record_is_read_only_and_takes_amendments_appended_with_who_when_why() {
    let mut record = example_record(true);
    let content_before = content_digest(&record);
    let refused = run(
        &mut record,
        Command::Remove {
            kind: ItemKind::Risk,
            id: "r1".into(),
        },
    );
    assert_eq!(refused, Err(Problem::ReadOnly));

    run_at(
        &mut record,
        amend(
            "The medical was moved",
            "The medical took place on 3 March, not 2 March.",
        ),
        "2026-03-04T09:15:00Z",
    )
    .unwrap();
    assert_eq!(record.meta.status, Status::Amended);
    let amendment = &record.amendments[0];
    assert_eq!(amendment.by, *common::actor());
    assert_eq!(amendment.at.to_string(), "2026-03-04T09:15:00Z");
    assert_eq!(amendment.reason, "The medical was moved");
    // Nothing in the finalised content changed in place.
    assert_eq!(content_digest(&record), content_before);
    assert_eq!(record.meta.digest.as_deref(), Some(content_before.as_str()));
    let last = record.audit.last().unwrap();
    assert!(last.change.starts_with("Amended the record"));
    verify(&record).unwrap();
}

#[test]
fn amendments_need_a_reason_and_a_change_and_a_final_record() {
    let mut record = example_record(true);
    let refused = run(&mut record, amend(" ", "x"));
    // The path is where the amendment would go: the first of the record's amendments.
    assert!(
        matches!(refused, Err(Problem::Invalid(ref f)) if f[0].path == "$.amendments[0].reason"),
        "{refused:?}"
    );
    let mut draft = example_record(false);
    assert_eq!(
        run(&mut draft, amend("why", "what")),
        Err(Problem::NotFinal)
    );
}

#[test]
fn every_change_appends_a_chained_audit_entry() {
    let record = example_record(true);
    assert!(record.audit.len() > 40);
    for (index, entry) in record.audit.iter().enumerate() {
        assert_eq!(entry.sequence, index as u64 + 1);
        let expected_previous = if index == 0 {
            GENESIS_HASH
        } else {
            record.audit[index - 1].hash.as_str()
        };
        assert_eq!(entry.previous_hash, expected_previous);
        assert_eq!(entry.actor, example_actor());
    }
    assert_eq!(record.audit.last().unwrap().change, "Finalised the record");
    assert_eq!(
        record.audit.last().unwrap().digest.as_deref(),
        record.meta.digest.as_deref()
    );
    assert!(record
        .audit
        .iter()
        .any(|e| e.change == "Added participant Tom Reyes (Police)"));
}

#[test]
fn keystrokes_in_one_section_fold_into_one_audit_entry_but_not_across_people_or_time() {
    let mut record = common::new_record();
    for (reason, time) in [
        ("B", "2026-03-02T11:00:00Z"),
        ("Br", "2026-03-02T11:00:01Z"),
        ("Bruise", "2026-03-02T11:00:30Z"),
    ] {
        let meeting = Meeting {
            reason: reason.into(),
            ..Meeting::default()
        };
        run_at(&mut record, Command::EditMeeting(meeting), time).unwrap();
    }
    assert_eq!(record.audit.len(), 1);
    assert_eq!(record.audit[0].at.to_string(), "2026-03-02T11:00:30Z");
    // Ten minutes later is a new entry.
    run_at(
        &mut record,
        Command::EditMeeting(Meeting::default()),
        "2026-03-02T11:10:30Z",
    )
    .unwrap();
    assert_eq!(record.audit.len(), 2);
    verify(&record).unwrap();
}

#[test]
fn removing_a_participant_who_owns_things_is_refused_naming_what_they_own() {
    let mut record = example_record(false);
    let before = record.clone();
    let problem = run(
        &mut record,
        Command::Remove {
            kind: ItemKind::Participant,
            id: "p3".into(),
        },
    )
    .unwrap_err();
    let message = problem.to_string();
    for expected in [
        "Tom Reyes (Police)",
        "the owner of risk \"Conflict between the adults escalating\" [r2]",
        "the owner of action \"Police checks on Connor Hale\" [x3]",
        "the decision-maker for decision Criminal investigation [d2]",
        "finding out for information gap",
        "the giver of a safety scale",
    ] {
        assert!(message.contains(expected), "{expected:?} not in {message}");
    }
    assert_eq!(record, before);
    // Someone who owns nothing can go.
    run(
        &mut record,
        Command::Remove {
            kind: ItemKind::Participant,
            id: "p6".into(),
        },
    )
    .unwrap();
}

#[test]
fn an_item_that_refers_to_a_missing_participant_is_refused() {
    let mut record = example_record(false);
    let before = record.clone();
    let risk = Risk {
        description: "x".into(),
        owner_id: Some("p99".into()),
        ..Risk::default()
    };
    let problem = run(&mut record, Command::Add(Item::Risk(risk))).unwrap_err();
    // The path is where the risk would have been added: after the example's risks.
    let expected = format!("$.risks[{}].ownerId", before.risks.len());
    assert!(
        matches!(problem, Problem::Invalid(ref f) if f[0].path == expected.as_str()),
        "{problem:?}"
    );
    assert_eq!(record, before);
}

#[test]
fn the_canonical_form_sorts_keys_and_has_no_spaces() {
    let value: Value = serde_json::json!({"b": 1, "a": {"d": [1, 2], "c": "x y"}});
    assert_eq!(
        canonical_json(&value),
        r#"{"a":{"c":"x y","d":[1,2]},"b":1}"#
    );
}

/// The digests as first defined: the record as a sorted JSON value, the keys outside the
/// content removed, written compactly and hashed. The canonical writer must agree byte for
/// byte, or every digest already stored in a host's records would stop verifying.
fn reference_content_digest(record: &DecisionRecord) -> String {
    format!("sha256:{}", reference_sha256(&reference_content(record)))
}

/// The section digests as first defined: each top-level member of that value, hashed.
fn reference_section_digests(record: &DecisionRecord) -> BTreeMap<String, String> {
    let content = reference_content(record);
    let sections = content.as_object().unwrap();
    sections
        .iter()
        .map(|(key, value)| (key.clone(), reference_sha256(value)))
        .collect()
}

fn reference_content(record: &DecisionRecord) -> Value {
    let mut json = serde_json::to_value(record).unwrap();
    let map = json.as_object_mut().unwrap();
    map.remove("amendments");
    map.remove("audit");
    let meta = map.get_mut("meta").unwrap().as_object_mut().unwrap();
    for key in ["status", "digest", "sectionDigests"] {
        meta.remove(key);
    }
    json
}

fn reference_sha256(value: &Value) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(value.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_canonical_writer_agrees_with_the_sorted_json_value() {
    let mut records = vec![
        example_record(false),
        example_record(true),
        risk_sensible::example::large_meeting(),
    ];
    let mut amended = example_record(true);
    run(
        &mut amended,
        amend("Typo in the date", "The visit was on 4 March"),
    )
    .unwrap();
    records.push(amended);
    for record in &records {
        assert_eq!(content_digest(record), reference_content_digest(record));
        // The same digests, in the same (sorted) order.
        let digests: Vec<(String, String)> = section_digests(record)
            .iter()
            .map(|(name, digest)| (name.clone(), digest.clone()))
            .collect();
        let reference: Vec<(String, String)> =
            reference_section_digests(record).into_iter().collect();
        assert_eq!(digests, reference);
        assert_eq!(
            canonical_json(record),
            serde_json::to_value(record).unwrap().to_string()
        );
        for entry in &record.audit {
            assert_eq!(
                canonical_json(entry),
                serde_json::to_value(entry).unwrap().to_string()
            );
        }
        // …and what an independent RFC 8785 (JCS) implementation writes.
        assert_eq!(
            canonical_json(record),
            serde_json_canonicalizer::to_string(record).unwrap()
        );
    }
    // Values of every JSON kind: escapes, non-ASCII keys and text, numbers, nesting,
    // empty containers.
    let value: Value = serde_json::json!({
        "z": [1, -2, 3.5, 1e300, null, true, false, "tab\there \"quoted\" \u{1} é 😀"],
        "é": {}, "a": [], "B": {"y": {"x": [[{}]]}}, "": 0
    });
    assert_eq!(canonical_json(&value), value.to_string());
}

/// Every leaf of a JSON value, as a JSON pointer.
fn leaves(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                leaves(child, format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                leaves(child, format!("{pointer}/{index}"), out);
            }
        }
        _ => out.push(pointer),
    }
}

/// A different value of the same JSON type, so the record still parses where it can.
fn changed(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(format!("{text}x")),
        Value::Number(number) => {
            Value::from(
                number
                    .as_u64()
                    .map_or(1, |n| if n == 0 { 1 } else { n - 1 }),
            )
        }
        Value::Bool(flag) => Value::Bool(!flag),
        Value::Null => Value::Bool(true),
        other => other.clone(),
    }
}

#[test]
fn changing_any_single_value_of_a_final_or_amended_record_makes_verify_fail() {
    let mut amended = example_record(true);
    run(
        &mut amended,
        amend("Correction", "The GP's name is spelt Marsh."),
    )
    .unwrap();
    for record in [example_record(true), amended] {
        verify(&record).unwrap();
        let json = serde_json::to_value(&record).unwrap();
        let mut pointers = Vec::new();
        leaves(&json, String::new(), &mut pointers);
        assert!(pointers.len() > 300, "{}", pointers.len());
        let mut checked = 0;
        for pointer in &pointers {
            let mut tampered = json.clone();
            let slot = tampered.pointer_mut(pointer).unwrap();
            *slot = changed(slot);
            // Some changes no longer parse as a record (an unknown enum value): the
            // importer rejects those before verify is reached.
            let Ok(parsed) = serde_json::from_value::<DecisionRecord>(tampered) else {
                continue;
            };
            if parsed == record {
                continue;
            }
            assert!(
                verify(&parsed).is_err(),
                "changing {pointer} was not detected"
            );
            checked += 1;
        }
        assert!(checked > 250, "only {checked} changes were checked");
    }
}

#[test]
fn verify_names_the_section_or_entry_that_changed() {
    let record = example_record(true);
    let mut tampered = record.clone();
    tampered.risks[0].owner_id = Some("p1".into());
    assert_eq!(verify(&tampered).unwrap_err().path, "$.risks");

    let mut tampered = record.clone();
    tampered.audit[4].change = "Added participant Someone Else (Police)".into();
    assert_eq!(verify(&tampered).unwrap_err().path, "$.audit[4]");

    let mut tampered = record.clone();
    tampered.audit.remove(2);
    let failure = verify(&tampered).unwrap_err();
    assert_eq!(failure.path, "$.audit[2].sequence", "{failure}");

    // A section removed whole (an optional one, written only when present) is named too.
    let mut tampered = record.clone();
    assert!(tampered.family_copy.take().is_some());
    let failure = verify(&tampered).unwrap_err();
    assert_eq!(failure.path, "$.familyCopy");
    // And a failure reads as where, then what.
    assert_eq!(
        failure.to_string(),
        format!("$.familyCopy: {}", failure.message)
    );
    assert!(failure
        .message
        .contains("changed since the record was finalised"));

    // A status that does not match the amendments is named by its value in the record.
    let mut tampered = record.clone();
    tampered.meta.status = Status::Amended;
    let failure = verify(&tampered).unwrap_err();
    assert_eq!(failure.path, "$.meta.status");
    assert_eq!(
        failure.message,
        "should be \"final\" for a record with 0 amendments"
    );

    let mut tampered = record;
    tampered.meta.status = Status::Draft;
    assert!(verify(&tampered).is_err());
}

// --- A final record stays final. ---

/// The example, finalised, then amended once for each reason, a day apart.
fn amended(reasons: &[&str]) -> DecisionRecord {
    let mut record = example_record(true);
    for (day, reason) in reasons.iter().enumerate() {
        let time = format!("2026-03-{:02}T09:00:00Z", day + 3);
        run_at(&mut record, amend(reason, "A correction."), &time).unwrap();
    }
    record
}

/// The audit trail numbered and chained again from the first entry on, every hash
/// recomputed: what someone who edits the trail and knows the format does.
fn rechain(record: &mut DecisionRecord) {
    let mut previous = GENESIS_HASH.to_string();
    for (index, entry) in record.audit.iter_mut().enumerate() {
        entry.sequence = index as u64 + 1;
        entry.previous_hash = previous;
        entry.hash = entry_hash(entry);
        previous = entry.hash.clone();
    }
}

/// A final or amended record turned back into a draft: status, digests and amendments as a
/// draft has them, and (when `when_too`) no time of finalising.
fn turned_back_into_a_draft(mut record: DecisionRecord, when_too: bool) -> DecisionRecord {
    record.meta.status = Status::Draft;
    record.meta.digest = None;
    record.meta.section_digests.clear();
    record.amendments.clear();
    if when_too {
        record.meta.finalised_at = None;
    }
    record
}

fn failure_of(result: Result<(), IntegrityFailure>) -> (String, String) {
    let failure = result.expect_err("expected a failure");
    (failure.path, failure.message)
}

#[test]
fn a_final_record_turned_back_into_a_draft_is_refused_naming_the_finalising_entry() {
    for record in [example_record(true), amended(&["One", "Two"])] {
        let finalising = record
            .audit
            .iter()
            .position(|entry| entry.change == "Finalised the record")
            .unwrap();
        for when_too in [false, true] {
            let draft = turned_back_into_a_draft(record.clone(), when_too);
            let (path, message) = failure_of(verify(&draft));
            assert_eq!(path, "$.meta.status", "{message}");
            let expected = format!(
                "the record is marked draft, but its audit trail shows it was finalised at \
                 entry {} ($.audit[{finalising}]), so it cannot be a draft",
                finalising + 1
            );
            assert!(message.starts_with(&expected), "{message}");
        }
    }
}

#[test]
fn a_draft_carries_nothing_that_only_finalising_writes() {
    let mut draft = example_record(false);
    verify(&draft).unwrap();
    draft.meta.section_digests = section_digests(&draft);
    assert_eq!(failure_of(verify(&draft)).0, "$.meta.status");

    let mut draft = example_record(false);
    draft.meta.finalised_at = Some(common::at("2026-03-02T12:00:00Z"));
    assert_eq!(failure_of(verify(&draft)).0, "$.meta.finalisedAt");
}

#[test]
fn the_audit_trail_must_tell_the_same_story_as_the_status() {
    // Each trail is chained again after the edit, so only its story is wrong.
    let final_record = example_record(true);
    let finalising = final_record.audit.len() - 1;
    let cases: Vec<(&str, DecisionRecord, String, &str)> = vec![
        {
            let mut record = amended(&["One"]);
            let mut again = record.audit[finalising].clone();
            again.digest = None;
            record.audit.push(again);
            rechain(&mut record);
            (
                "finalised twice",
                record,
                format!("$.audit[{}]", finalising + 2),
                "a record is finalised once",
            )
        },
        {
            let mut record = final_record.clone();
            let mut edit = record.audit[0].clone();
            edit.change = "Changed the meeting details".into();
            record.audit.push(edit);
            rechain(&mut record);
            (
                "an ordinary change after finalising",
                record,
                format!("$.audit[{}]", finalising + 1),
                "a final record takes only amendments",
            )
        },
        {
            let mut record = turned_back_into_a_draft(amended(&["One"]), true);
            record.audit.remove(finalising);
            rechain(&mut record);
            (
                "an amendment entry with no finalising before it",
                record,
                format!("$.audit[{finalising}]"),
                "no entry before it finalises the record",
            )
        },
        {
            let mut record = example_record(false);
            record.audit[3].digest = Some(content_digest(&record));
            rechain(&mut record);
            (
                "a digest on an ordinary entry",
                record,
                "$.audit[3].digest".to_string(),
                "carries no digest",
            )
        },
        {
            let mut record = amended(&["One", "Two"]);
            record.audit.swap(finalising + 1, finalising + 2);
            rechain(&mut record);
            (
                "amendment entries out of order",
                record,
                "$.amendments[0]".to_string(),
                "has been changed since it was appended",
            )
        },
        {
            let mut record = amended(&["One", "Two"]);
            record.amendments.pop();
            (
                "an amendment removed, its entry kept",
                record,
                "$.amendments".to_string(),
                "1 amendments but 2 recorded in the audit trail",
            )
        },
        {
            let mut record = final_record.clone();
            record.audit[finalising].digest = Some(format!("sha256:{}", "0".repeat(64)));
            rechain(&mut record);
            (
                "a finalising entry whose digest is not the content's",
                record,
                "$.meta.digest".to_string(),
                "does not match the digest recorded when the record was finalised",
            )
        },
    ];
    for (name, record, path, message) in cases {
        let failure = verify(&record).expect_err(name);
        assert_eq!(failure.path, path, "{name}: {failure}");
        assert!(failure.message.contains(message), "{name}: {failure}");
    }
}

#[test]
fn a_previous_hash_that_does_not_match_the_entry_before_is_detected() {
    // The entry's own hash is recomputed over the changed link, and every later entry is
    // chained to it: only the link to the entry before shows the change.
    let mut record = example_record(true);
    record.audit[5].previous_hash = record.audit[3].hash.clone();
    record.audit[5].hash = entry_hash(&record.audit[5]);
    for index in 6..record.audit.len() {
        record.audit[index].previous_hash = record.audit[index - 1].hash.clone();
        record.audit[index].hash = entry_hash(&record.audit[index]);
    }
    let failure = verify(&record).unwrap_err();
    assert_eq!(failure.path, "$.audit[5].previousHash", "{failure}");
    assert!(failure
        .message
        .contains("does not match the hash of the entry before it"));
}

#[test]
fn the_anchor_is_the_head_of_the_audit_chain() {
    let record = example_record(true);
    let head = anchor(&record);
    assert_eq!(head, record.audit.last().unwrap().hash);
    assert_eq!(head.len(), 64);
    assert!(head
        .bytes()
        .all(|byte| byte.is_ascii_digit() || byte.is_ascii_lowercase()));
    let amended_once = amended(&["One"]);
    assert_ne!(anchor(&amended_once), head);
    assert_eq!(anchor(&common::new_record()), GENESIS_HASH);
}

#[test]
fn a_record_passes_against_its_anchor_and_against_one_taken_before_later_amendments() {
    let final_record = example_record(true);
    let at_finalising = anchor(&final_record);
    verify_against_anchor(&final_record, &at_finalising).unwrap();
    verify_against_anchor(&final_record, &at_finalising.to_uppercase()).unwrap();

    let once = amended(&["One"]);
    let after_one = anchor(&once);
    verify_against_anchor(&once, &after_one).unwrap();
    verify_against_anchor(&once, &at_finalising).unwrap();

    let twice = amended(&["One", "Two"]);
    for earlier in [&at_finalising, &after_one, &anchor(&twice)] {
        verify_against_anchor(&twice, earlier).unwrap();
    }
}

#[test]
fn removing_the_last_amendment_and_its_entry_is_detected_against_the_anchor() {
    let record = amended(&["One", "Two"]);
    let stored = anchor(&record);
    let finalising = record.audit.len() - 3;

    let mut removed = record.clone();
    removed.amendments.pop();
    removed.audit.pop();
    // The record alone cannot show it: it is a consistent record amended once.
    verify(&removed).unwrap();
    let (path, message) = failure_of(verify_against_anchor(&removed, &stored));
    assert_eq!(path, "$.audit");
    assert_eq!(
        message,
        format!(
            "no entry from the finalising (entry {}) to the last (entry {}) has the anchor as \
             its hash: entries have been removed from the end of the audit trail, or it has \
             been rewritten, since the anchor was taken",
            finalising + 1,
            finalising + 2
        )
    );

    // Both amendments removed and the record marked final again.
    let mut removed = record;
    removed.amendments.clear();
    removed.audit.truncate(finalising + 1);
    removed.meta.status = Status::Final;
    verify(&removed).unwrap();
    assert_eq!(
        failure_of(verify_against_anchor(&removed, &stored)).0,
        "$.audit"
    );
}

#[test]
fn a_rewritten_history_is_detected_against_the_anchor() {
    let stored = anchor(&example_record(true));

    // The whole record made again, with a different decision, and finalised: every digest
    // and hash in it is right.
    let mut rewritten = example_record(false);
    rewritten.decisions[0].rationale = "Nothing to worry about.".into();
    run_at(&mut rewritten, Command::Finalise, "2026-03-02T12:00:00Z").unwrap();
    verify(&rewritten).unwrap();
    assert_eq!(
        failure_of(verify_against_anchor(&rewritten, &stored)).0,
        "$.audit"
    );

    // Turned back into a draft with the finalising entry taken out and the trail chained
    // again: a consistent draft, but not the record the anchor was taken from.
    let mut draft = turned_back_into_a_draft(example_record(true), true);
    draft.audit.pop();
    rechain(&mut draft);
    verify(&draft).unwrap();
    let (path, message) = failure_of(verify_against_anchor(&draft, &stored));
    assert_eq!(path, "$.meta.status");
    assert!(
        message.contains("an anchor is taken from a final record"),
        "{message}"
    );
}

#[test]
fn an_anchor_from_before_finalising_a_malformed_one_and_a_tampered_record_fail() {
    let record = example_record(true);
    let (path, message) = failure_of(verify_against_anchor(&record, &record.audit[10].hash));
    assert_eq!(path, "$.audit[10]");
    assert!(message.contains("written before entry"), "{message}");

    for malformed in [
        "",
        "xyz",
        &anchor(&record)[1..],
        &format!("{}0", anchor(&record)),
    ] {
        let (path, message) = failure_of(verify_against_anchor(&record, malformed));
        assert_eq!(path, "$.audit", "{malformed:?}");
        assert!(message.contains("64 hexadecimal digits"), "{message}");
    }

    // A record that fails verify fails against its own anchor with verify's failure.
    let stored = anchor(&record);
    let mut tampered = record;
    tampered.risks[0].description = "Changed.".into();
    assert_eq!(
        failure_of(verify_against_anchor(&tampered, &stored)).0,
        "$.risks"
    );
}

/// Every shape serde can write with the values a record holds (unit, newtype, tuple and
/// struct variants, options, maps, sequences, integers, escapes) is written as the
/// independent RFC 8785 implementation writes it, not only today's record types. A record
/// holds no fractional number and no integer beyond 2^53: the writer gives those
/// serde_json's form, where RFC 8785 writes the nearest double (`-0.0` as `0`, 2^64 - 1 as
/// `18446744073709552000`).
#[test]
fn the_canonical_writer_agrees_with_rfc_8785_for_every_shape_serde_writes() {
    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(u8, Option<bool>),
        Struct { zeta: i64, alpha: Vec<u64> },
    }
    #[derive(serde::Serialize)]
    struct Marker;
    #[derive(serde::Serialize)]
    struct Id(String);
    /// Raw bytes, as serde's data model has them (JSON writes them as an array).
    struct Bytes(&'static [u8]);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
    #[derive(serde::Serialize)]
    struct Holder {
        marker: Marker,
        id: Id,
        bytes: Bytes,
        half: f32,
        some: Option<Id>,
        shapes: Vec<Shape>,
        nothing: Option<u8>,
        map: BTreeMap<String, (u8, String)>,
        by_number: BTreeMap<u32, u8>,
        by_flag: BTreeMap<bool, u8>,
        #[serde(rename = "é\u{1F600}\"\n")]
        escaped: &'static str,
    }
    let value = Holder {
        marker: Marker,
        id: Id("p1".into()),
        bytes: Bytes(b"ab"),
        half: 0.5,
        some: Some(Id("p2".into())),
        shapes: vec![
            Shape::Unit,
            Shape::Newtype("n\u{7f}".into()),
            Shape::Tuple(7, None),
            Shape::Struct {
                zeta: -9_007_199_254_740_991,
                alpha: vec![0, 9_007_199_254_740_991],
            },
        ],
        nothing: None,
        map: BTreeMap::from([("b".into(), (1, "x".into())), ("a".into(), (2, "y".into()))]),
        by_number: BTreeMap::from([(10, 1), (9, 2)]),
        by_flag: BTreeMap::from([(true, 1), (false, 2)]),
        escaped: "\u{2028}tab\t",
    };
    assert_eq!(
        canonical_json(&value),
        serde_json_canonicalizer::to_string(&value).unwrap()
    );
}

/// A follow-up of the enquiry's outcome, as a host or the widget would send it.
fn outcome_follow_up(outcome: S47Outcome) -> FollowUp {
    FollowUp {
        on: Some("2026-03-19".parse().unwrap()),
        outcome: Some(outcome),
        restrictions: Some(Restrictions::none()),
        ..FollowUp::new(
            example_actor(),
            "2026-03-20T12:00:00Z".parse().unwrap(),
            FollowUpKind::EnquiryOutcome,
        )
    }
}

/// What happened after the meeting is appended to a final record as a follow-up, chained
/// into the audit trail with its digest like an amendment: the content digest does not
/// change, the record verifies, and any change to a follow-up, or one dropped with or
/// without its entry, is detected. A draft takes none.
#[test]
fn follow_ups_are_appended_to_a_final_record_and_chained() {
    let mut draft = example_record(false);
    assert_eq!(
        run(
            &mut draft,
            Command::FollowUp(outcome_follow_up(S47Outcome::Icpc))
        ),
        Err(Problem::NotFinal)
    );
    let mut record = example_record(true);
    let content = content_digest(&record);
    let status = record.meta.status;
    run(
        &mut record,
        Command::FollowUp(outcome_follow_up(S47Outcome::Icpc)),
    )
    .unwrap();
    assert_eq!(record.follow_up.len(), 1);
    assert_eq!(record.meta.status, status, "a follow-up amends nothing");
    assert_eq!(content_digest(&record), content);
    let entry = record.audit.last().unwrap();
    assert!(entry
        .change
        .starts_with("Followed up the record: The outcome of the section 47 enquiry"));
    assert_eq!(
        entry.digest.as_deref(),
        Some(risk_sensible::record::integrity::follow_up_digest(&record.follow_up[0]).as_str())
    );
    verify(&record).unwrap();
    // Amendments and follow-ups interleave; each list matches its own entries.
    run(&mut record, amend("A typo", "Leo, not Theo")).unwrap();
    run(
        &mut record,
        Command::FollowUp(outcome_follow_up(S47Outcome::Icpc)),
    )
    .unwrap();
    verify(&record).unwrap();
    verify_against_anchor(&record, &anchor(&record)).unwrap();
    // A host stores it and reads it back: import takes it whole, through either route.
    let text = risk_sensible::record::import::export(&record);
    assert_eq!(
        risk_sensible::record::import::import(&text).unwrap(),
        record
    );

    let mut changed = record.clone();
    changed.follow_up[1].outcome = Some(S47Outcome::NoFurtherAction);
    assert_eq!(
        failure_of(verify(&changed)).0,
        "$.followUp[1]",
        "a follow-up changed after it was appended"
    );
    let mut dropped = record.clone();
    dropped.follow_up.remove(0);
    assert_eq!(failure_of(verify(&dropped)).0, "$.followUp");
    // Dropping the last follow-up with its entry passes alone, and is caught by the anchor.
    let anchored = anchor(&record);
    let mut truncated = record.clone();
    truncated.follow_up.pop();
    truncated.audit.pop();
    verify(&truncated).unwrap();
    assert!(verify_against_anchor(&truncated, &anchored).is_err());
    // A draft carries none.
    let mut draft = example_record(false);
    draft.follow_up.push(outcome_follow_up(S47Outcome::Icpc));
    assert_eq!(failure_of(verify(&draft)).0, "$.meta.status");
}

/// Each kind of follow-up says what it must: the outcome and its day, the conference's day
/// and plan, the medical's findings, an action of the record, the new referral.
#[test]
fn a_follow_up_says_what_its_kind_needs() {
    let record = example_record(true);
    let refused = |follow_up: FollowUp| -> Vec<String> {
        let mut record = record.clone();
        match run(&mut record, Command::FollowUp(follow_up)) {
            Err(Problem::Invalid(findings)) => findings
                .into_iter()
                .map(|finding| finding.path.to_string())
                .collect(),
            other => panic!("expected it refused, got {other:?}"),
        }
    };
    let blank = |kind: FollowUpKind| FollowUp {
        kind,
        on: None,
        outcome: None,
        ..outcome_follow_up(S47Outcome::Icpc)
    };
    assert_eq!(
        refused(blank(FollowUpKind::EnquiryOutcome)),
        ["$.followUp[0].outcome", "$.followUp[0].on"]
    );
    assert_eq!(
        refused(blank(FollowUpKind::ConferenceHeld)),
        ["$.followUp[0].on", "$.followUp[0].plan"]
    );
    assert_eq!(
        refused(FollowUp {
            on: Some("2026-03-23".parse().unwrap()),
            plan: Tristate::Yes,
            ..blank(FollowUpKind::ConferenceHeld)
        }),
        ["$.followUp[0].categories"]
    );
    assert_eq!(
        refused(blank(FollowUpKind::MedicalFindings)),
        ["$.followUp[0].details"]
    );
    assert_eq!(
        refused(FollowUp {
            action_id: Some("x99".into()),
            ..blank(FollowUpKind::ActionCompleted)
        }),
        ["$.followUp[0].actionId"]
    );
    assert_eq!(
        refused(blank(FollowUpKind::ReReferral)),
        ["$.followUp[0].on", "$.followUp[0].details"]
    );
    assert_eq!(
        refused(blank(FollowUpKind::SeriousIncident)),
        [
            "$.followUp[0].on",
            "$.followUp[0].details",
            "$.followUp[0].abuseSuspected"
        ]
    );
    assert_eq!(
        refused(blank(FollowUpKind::PanelNotified)),
        ["$.followUp[0].on"]
    );
    let mut done = record.clone();
    run(
        &mut done,
        Command::FollowUp(FollowUp {
            action_id: Some("x1".into()),
            ..blank(FollowUpKind::ActionCompleted)
        }),
    )
    .unwrap();
    verify(&done).unwrap();
}

/// The texts a sealed draft is written as are the browser's (`tests/browser.rs` runs the same
/// checks there, where `btoa` and `atob` do the base64).
#[cfg(feature = "web")]
#[test]
fn sealed_text_is_the_same_natively_as_in_the_browser() {
    sealed_text::check();
}
