//! Import and export of decision records: the golden fixtures, exact round trips, and a
//! table of hostile and edge inputs, each refused with a JSON path and a clear message,
//! never a panic.
//!
//! The fixtures in `tests/fixtures/` (everyone in them is invented) are generated here,
//! except `minimal-draft.json`, which is written by hand to show the fewest fields a record
//! needs. After an intended change to the record format or the example, regenerate them
//! with
//!
//! ```text
//! RISK_SENSIBLE_UPDATE_FIXTURES=1 cargo test --test import golden
//! ```
//!
//! and review the diff.

use risk_sensible::example::{example_actor, example_record};
use risk_sensible::meeting::{apply, Command, Config, Context};
use risk_sensible::record::import::{
    self, export, import, parse_unverified, participant_reference_problems, text_from_bytes,
    ImportProblem, MAX_DEPTH, MAX_ITEMS, MAX_PROBLEMS, MAX_STRING_CHARS,
};
use risk_sensible::record::{
    CopyKind, CopyMark, DecisionRecord, Restriction, Restrictions, Status, Timestamp,
};
use std::path::PathBuf;

const MINIMAL_ID: &str = "5f0c7a1e-2b9d-4e8a-b3c6-91d2e4f7a058";

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name))
        .unwrap_or_else(|error| panic!("cannot read fixture {name}: {error}"))
}

fn minimal_text() -> String {
    read_fixture("minimal-draft.json")
}

/// The example, finalised, then amended once by the chair the next morning.
fn amended_record() -> DecisionRecord {
    let mut record = example_record(true);
    let actor = example_actor();
    let config = Config::default();
    let context = Context {
        at: "2026-03-03T09:15:00Z".parse().unwrap(),
        actor: &actor,
        config: &config,
    };
    let amendment = Command::Amend {
        reason: "The police checks came back after the record was finalised.".into(),
        change: "Police checks on Connor Hale (action x3) were completed on 3 March: no \
                 convictions; one caution in 2021 for criminal damage."
            .into(),
        restrictions: Some(Restrictions::of(&[Restriction::PoliceSensitive])),
    };
    apply(&mut record, amendment, &context).unwrap();
    record
}

fn final_with(change: impl FnOnce(&mut DecisionRecord)) -> String {
    let mut record = example_record(true);
    change(&mut record);
    export(&record)
}

/// The generated fixtures: file name and content.
fn generated_fixtures() -> Vec<(&'static str, String)> {
    let minimal = minimal_text();
    let draft = export(&example_record(false));
    let cut = (0..=draft.len() / 2)
        .rev()
        .find(|index| draft.is_char_boundary(*index))
        .unwrap_or(0);
    let mut amendment_changed = amended_record();
    amendment_changed.amendments[0].change = "No amendment was needed.".into();
    let mut dangling = example_record(false);
    dangling.risks[0].owner_id = Some("p9".into());
    vec![
        ("example-draft.json", draft.clone()),
        ("example-final.json", export(&example_record(true))),
        ("amended-final.json", export(&amended_record())),
        (
            "tampered-content.json",
            final_with(|record| record.participants[1].name = "Ruth Adams".into()),
        ),
        (
            "broken-chain.json",
            final_with(|record| record.audit[3].change = "Added nothing".into()),
        ),
        (
            "wrong-digest.json",
            final_with(|record| {
                record.meta.digest = Some(format!("sha256:{}", "0".repeat(64)));
            }),
        ),
        ("tampered-amendment.json", export(&amendment_changed)),
        ("dangling-reference.json", export(&dangling)),
        (
            "future-version.json",
            minimal.replace("\"schemaVersion\": 3", "\"schemaVersion\": 4"),
        ),
        (
            "duplicate-key.json",
            minimal.replace(
                "\"status\": \"draft\"",
                "\"status\": \"draft\",\n    \"status\": \"final\"",
            ),
        ),
        (
            "unknown-field.json",
            minimal.replace(
                "\"status\": \"draft\"",
                "\"status\": \"draft\",\n    \"notes\": \"A field the format does not have\"",
            ),
        ),
        ("truncated.json", draft[..cut].to_string()),
    ]
}

#[test]
fn golden_fixtures_match_the_example_and_the_record_format() {
    let update = std::env::var_os("RISK_SENSIBLE_UPDATE_FIXTURES").is_some();
    let mut stale = Vec::new();
    // The sample page opens the example draft too, and the followed-up example on request.
    let sample = (
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample-record.json"),
        export(&example_record(false)),
    );
    let followed_up = (
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample-followed-up.json"),
        export(&risk_sensible::example::example_followed_up()),
    );
    let fixtures = generated_fixtures()
        .into_iter()
        .map(|(name, generated)| (fixture_path(name), generated));
    for (path, generated) in fixtures.chain([sample, followed_up]) {
        let name = path.display().to_string();
        if update {
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "these fixtures differ from what the code now writes: {stale:?}. If the change is \
         intended, run `RISK_SENSIBLE_UPDATE_FIXTURES=1 cargo test --test import golden` and \
         review the diff"
    );
}

#[test]
fn the_minimal_draft_imports_as_a_new_record() {
    let record = import(&minimal_text()).unwrap();
    let expected = DecisionRecord::new(
        MINIMAL_ID.into(),
        "2026-03-02T09:00:00Z".parse::<Timestamp>().unwrap(),
    );
    assert_eq!(record, expected);
}

#[test]
fn valid_fixtures_import_and_round_trip_exactly() {
    for name in [
        "example-draft.json",
        "example-final.json",
        "amended-final.json",
        "minimal-draft.json",
    ] {
        let text = read_fixture(name);
        let record = import(&text).unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
        let exported = export(&record);
        assert_eq!(import(&exported).as_ref(), Ok(&record), "{name}");
        assert_eq!(export(&import(&exported).unwrap()), exported, "{name}");
        if name != "minimal-draft.json" {
            assert_eq!(exported, text, "{name} is not exactly what export writes");
        }
    }
}

#[test]
fn the_example_records_round_trip_exactly() {
    for record in [
        example_record(false),
        example_record(true),
        amended_record(),
    ] {
        let text = export(&record);
        assert!(text.ends_with("}\n"));
        assert_eq!(import(&text), Ok(record));
    }
}

#[test]
fn export_keeps_the_order_the_types_declare() {
    let text = export(&example_record(true));
    let order: Vec<usize> = ["\"schemaVersion\"", "\"meta\"", "\"meeting\"", "\"audit\""]
        .iter()
        .map(|key| text.find(key).unwrap())
        .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{order:?}");
    assert!(text.starts_with("{\n  \"schemaVersion\": 3,\n  \"meta\": {\n    \"id\""));
}

#[test]
fn the_amended_fixture_is_amended_and_intact() {
    let record = import(&read_fixture("amended-final.json")).unwrap();
    assert_eq!(record.meta.status, Status::Amended);
    assert_eq!(record.amendments.len(), 1);
}

/// Invalid fixtures: each is refused, naming this path first, with this in the message.
#[test]
fn invalid_fixtures_are_refused_with_a_path() {
    let cases = [
        (
            "tampered-content.json",
            "$.participants",
            "changed since the record was finalised",
        ),
        (
            "broken-chain.json",
            "$.audit[3]",
            "entry 4 has been changed",
        ),
        ("wrong-digest.json", "$.meta.digest", "does not match"),
        (
            "tampered-amendment.json",
            "$.amendments[0]",
            "changed since it was appended",
        ),
        (
            "dangling-reference.json",
            "$.risks[0].ownerId",
            "participant \"p9\"",
        ),
        (
            "future-version.json",
            "$.schemaVersion",
            "version 4 is newer",
        ),
        ("duplicate-key.json", "$.meta.status", "more than once"),
        (
            "unknown-field.json",
            "$.meta.notes",
            "unknown field `notes`",
        ),
        ("truncated.json", "$", "ends too soon"),
    ];
    for (name, path, message) in cases {
        let problems = import(&read_fixture(name)).unwrap_err();
        let first = &problems[0];
        assert!(
            first.path.starts_with(path) && first.message.contains(message),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn tampered_records_parse_unverified_so_verify_can_locate_the_change() {
    for name in [
        "tampered-content.json",
        "broken-chain.json",
        "wrong-digest.json",
        "tampered-amendment.json",
        "dangling-reference.json",
    ] {
        assert!(parse_unverified(&read_fixture(name)).is_ok(), "{name}");
    }
}

#[test]
fn a_final_or_amended_record_turned_back_into_a_draft_is_refused() {
    for record in [example_record(true), amended_record()] {
        let finalising = record
            .audit
            .iter()
            .position(|entry| entry.change == "Finalised the record")
            .unwrap();
        let expected = format!(
            "the record is marked draft, but its audit trail shows it was finalised at entry \
             {} ($.audit[{finalising}]), so it cannot be a draft",
            finalising + 1
        );
        // Edited as JSON, as someone with the file would.
        let mut value = serde_json::to_value(&record).unwrap();
        turn_back_into_a_draft(&mut value);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let read = parse_unverified(&text).expect("it is a well-formed record");
        assert_eq!(read.meta.status, Status::Draft);
        assert!(read.meta.digest.is_none() && read.amendments.is_empty());
        let problems = import(&text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "$.meta.status");
        assert!(problems[0].message.starts_with(&expected), "{problems:?}");
        // The same record written by export (the way the widget's `load` receives it).
        assert_eq!(import(&export(&read)), Err(problems));
    }
}

// --- Hostile and edge inputs. ---

/// The minimal draft with more members added to the root object.
fn minimal_with(members: &str) -> String {
    format!(
        r#"{{"schemaVersion": 1, "meta": {{"id": "{MINIMAL_ID}", "createdAt": "2026-03-02T09:00:00Z", "status": "draft"}}, "meeting": {{}}{members}}}"#
    )
}

/// The minimal draft with `reason` set to this JSON value.
fn with_reason(value: &str) -> String {
    format!(
        r#"{{"schemaVersion": 1, "meta": {{"id": "{MINIMAL_ID}", "createdAt": "2026-03-02T09:00:00Z", "status": "draft"}}, "meeting": {{"reason": {value}}}}}"#
    )
}

fn with_score(score: &str) -> String {
    minimal_with(&format!(
        r#", "participants": [{{"id": "p1", "name": "A B", "role": "R", "agency": "Police", "attendance": "attended"}}], "scales": [{{"participantId": "p1", "score": {score}}}]"#
    ))
}

/// The example final record's JSON with one edit to its JSON value.
fn example_final_edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(example_record(true)).unwrap();
    edit(&mut value);
    serde_json::to_string(&value).unwrap()
}

/// A final or amended record's JSON value edited into a draft's: status draft, and no
/// digest, section digests, time of finalising or amendments. The audit trail is untouched.
fn turn_back_into_a_draft(value: &mut serde_json::Value) {
    value["meta"]["status"] = serde_json::json!("draft");
    if let Some(meta) = value["meta"].as_object_mut() {
        for key in ["digest", "sectionDigests", "finalisedAt"] {
            meta.remove(key);
        }
    }
    if let Some(record) = value.as_object_mut() {
        record.remove("amendments");
    }
}

fn example_draft_with(change: impl FnOnce(&mut DecisionRecord)) -> String {
    let mut record = example_record(false);
    change(&mut record);
    export(&record)
}

/// One hostile or edge input: what it is, the text, the path of the first problem, and
/// words the message must contain.
struct Case {
    name: &'static str,
    text: String,
    path: &'static str,
    message: &'static str,
}

fn case(name: &'static str, text: String, path: &'static str, message: &'static str) -> Case {
    Case {
        name,
        text,
        path,
        message,
    }
}

fn hostile_cases() -> Vec<Case> {
    let nested_arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let nested_objects = with_reason(&format!(
        "{}1{}",
        "{\"a\": ".repeat(10_000),
        "}".repeat(10_000)
    ));
    let unclosed_nesting = "[".repeat(10_000);
    let many_links = format!("[{}]", vec!["\"x\""; MAX_ITEMS + 1].join(","));
    let huge_array = minimal_text().replace(
        "\"status\": \"draft\"",
        &format!("\"status\": \"draft\", \"linkedRecords\": {many_links}"),
    );
    vec![
        case("empty text", String::new(), "$", "ends too soon"),
        case(
            "a byte order mark",
            format!("\u{feff}{}", minimal_text()),
            "$",
            "byte order mark",
        ),
        case("white space only", " \n\t ".into(), "$", "line 2"),
        case(
            "truncated JSON",
            minimal_text()[..60].to_string(),
            "$.meta.id",
            "line 4 column",
        ),
        case(
            "not JSON at all",
            "schemaVersion: 1".into(),
            "$",
            "line 1 column 1",
        ),
        case(
            "trailing text after the record",
            format!("{} {{}}", minimal_text()),
            "$",
            "trailing characters",
        ),
        case(
            "a list, not an object",
            "[]".into(),
            "$",
            "JSON object, but this is a list",
        ),
        case("null", "null".into(), "$", "but this is null"),
        case("a string", "\"record\"".into(), "$", "but this is text"),
        case(
            "wrong type for a string field",
            with_reason("5"),
            "$.meeting.reason",
            "invalid type: integer `5`, expected a string",
        ),
        case(
            "wrong type for a section",
            minimal_with(r#", "participants": {}"#),
            "$.participants",
            "expected a sequence",
        ),
        case(
            "wrong type inside a list item",
            minimal_with(
                r#", "participants": [{"id": "p1", "name": "A B", "role": "R", "agency": "Police", "attendance": 3}]"#,
            ),
            "$.participants[0].attendance",
            "expected",
        ),
        case(
            "missing required field",
            minimal_with(
                r#", "participants": [{"id": "p1", "role": "R", "agency": "Police", "attendance": "attended"}]"#,
            ),
            "$.participants[0]",
            "missing field `name`",
        ),
        case(
            "unknown enumeration value",
            minimal_with(r#", "practiceContext": {"recentWorkerChange": "maybe"}"#),
            "$.practiceContext.recentWorkerChange",
            "unknown variant `maybe`",
        ),
        case(
            "enumeration value of the wrong type",
            minimal_with(r#", "practiceContext": {"recentWorkerChange": 5}"#),
            "$.practiceContext.recentWorkerChange",
            "invalid type: integer `5`, expected one of `yes`, `no`, `unknown`",
        ),
        case(
            "enumeration value written as an object",
            minimal_with(r#", "practiceContext": {"recentWorkerChange": {"yes": null}}"#),
            "$.practiceContext.recentWorkerChange",
            "invalid type: map, expected one of",
        ),
        case(
            "malformed date",
            minimal_with(r#", "timescales": {"nextReview": "2026-02-30"}"#),
            "$.timescales.nextReview",
            "is not a date",
        ),
        case(
            "unknown field at the root",
            minimal_with(r#", "comments": "x""#),
            "$.comments",
            "unknown field `comments`",
        ),
        case(
            "unknown field in a list item",
            minimal_with(
                r#", "participants": [{"id": "p1", "name": "A B", "role": "R", "agency": "Police", "attendance": "attended", "email": "a@b.invalid"}]"#,
            ),
            "$.participants[0].email",
            "unknown field `email`",
        ),
        case(
            "10,000 levels of nested arrays",
            nested_arrays,
            "$",
            "nested more than 64 deep",
        ),
        case(
            "10,000 levels of nested objects inside a field",
            nested_objects,
            "$",
            "nested more than 64 deep",
        ),
        case(
            "10,000 unclosed brackets",
            unclosed_nesting,
            "$",
            "nested more than 64 deep",
        ),
        case(
            "a string longer than the limit",
            with_reason(&format!("\"{}\"", "é".repeat(MAX_STRING_CHARS + 1))),
            "$.meeting.reason",
            "100001 characters long",
        ),
        case(
            "a list longer than the limit",
            huge_array,
            "$.meta.linkedRecords",
            "5001 items",
        ),
        case(
            "more than 8 MiB of text",
            format!("{}{}", minimal_text(), " ".repeat(import::MAX_BYTES)),
            "$",
            "larger than 8 MiB",
        ),
        case(
            "lone leading surrogate escape",
            minimal_text().replace(MINIMAL_ID, "\\ud800"),
            "$.meta.id",
            "hex escape",
        ),
        case(
            "lone trailing surrogate escape",
            minimal_text().replace(MINIMAL_ID, "\\udc00"),
            "$.meta.id",
            "surrogate",
        ),
        case(
            "invalid escape",
            minimal_text().replace(MINIMAL_ID, "\\x41"),
            "$.meta.id",
            "invalid escape",
        ),
        case(
            "raw control character in a string",
            minimal_text().replace(MINIMAL_ID, "a\u{7}b"),
            "$.meta.id",
            "control character",
        ),
        case(
            "duplicate key at the root",
            minimal_with(r#", "schemaVersion": 1"#),
            "$.schemaVersion",
            "appears more than once",
        ),
        case(
            "duplicate key hiding a status",
            minimal_text().replace(
                "\"status\": \"draft\"",
                "\"status\": \"draft\", \"status\": \"final\"",
            ),
            "$.meta.status",
            "appears more than once",
        ),
        case(
            "duplicate key in a list item",
            minimal_with(
                r#", "participants": [{"id": "p1", "name": "A B", "name": "C D", "role": "R", "agency": "Police", "attendance": "attended"}]"#,
            ),
            "$.participants[0].name",
            "appears more than once",
        ),
        case(
            "a number too large for any float",
            with_score("1e999"),
            "$.scales[0].score",
            "number out of range",
        ),
        case(
            "a negative score",
            with_score("-1"),
            "$.scales[0].score",
            "invalid value: integer `-1`, expected u8",
        ),
        case(
            "a score too large for a u8",
            with_score("256"),
            "$.scales[0].score",
            "invalid value: integer `256`, expected u8",
        ),
        case(
            "a fractional score",
            with_score("4.5"),
            "$.scales[0].score",
            "invalid type: floating point `4.5`, expected u8",
        ),
        case(
            "NaN",
            with_score("NaN"),
            "$.scales[0].score",
            "expected value",
        ),
        case(
            "Infinity",
            with_score("Infinity"),
            "$.scales[0].score",
            "expected value",
        ),
        case(
            "an audit sequence beyond u64",
            example_final_edited(|value| {
                value["audit"][0]["sequence"] = serde_json::json!(1.8446744073709552e19);
            }),
            "$.audit[0].sequence",
            "floating point",
        ),
        case(
            "__proto__ at the root",
            minimal_with(r#", "__proto__": {"status": "final"}"#),
            "$.__proto__",
            "not allowed",
        ),
        case(
            "constructor in an object",
            minimal_text().replace(
                "\"status\": \"draft\"",
                "\"status\": \"draft\", \"constructor\": {}",
            ),
            "$.meta.constructor",
            "not allowed",
        ),
        case(
            "__proto__ as a section digest name",
            minimal_text().replace(
                "\"status\": \"draft\"",
                "\"status\": \"draft\", \"sectionDigests\": {\"__proto__\": \"00\"}",
            ),
            "$.meta.sectionDigests.__proto__",
            "not allowed",
        ),
        case(
            "schema version missing",
            "{\"meta\": {}}".into(),
            "$.schemaVersion",
            "is missing",
        ),
        case(
            "schema version 0",
            minimal_text().replace("\"schemaVersion\": 3", "\"schemaVersion\": 0"),
            "$.schemaVersion",
            "0 is not a schema version",
        ),
        case(
            "schema version from the future",
            minimal_text().replace("\"schemaVersion\": 3", "\"schemaVersion\": 4"),
            "$.schemaVersion",
            "version 4 is newer than this build reads",
        ),
        case(
            "schema version beyond u32",
            minimal_text().replace("\"schemaVersion\": 3", "\"schemaVersion\": 4294967296"),
            "$.schemaVersion",
            "newer than this build reads",
        ),
        case(
            "schema version as text",
            minimal_text().replace("\"schemaVersion\": 3", "\"schemaVersion\": \"1\""),
            "$.schemaVersion",
            "must be a whole number",
        ),
        case(
            "negative schema version",
            minimal_text().replace("\"schemaVersion\": 3", "\"schemaVersion\": -1"),
            "$.schemaVersion",
            "must be a whole number",
        ),
        case(
            "a timestamp that leaves the calendar in UTC",
            minimal_text().replace("2026-03-02T09:00:00Z", "9999-12-31T23:59:59-01:00"),
            "$.meta.createdAt",
            "outside the years 0 to 9999",
        ),
        case(
            "final record with a wrong digest",
            example_final_edited(|value| {
                value["meta"]["digest"] = serde_json::json!(format!("sha256:{}", "1".repeat(64)));
            }),
            "$.meta.digest",
            "does not match",
        ),
        case(
            "final record whose content changed",
            example_final_edited(|value| {
                value["meeting"]["reason"] = serde_json::json!("Nothing to worry about.");
            }),
            "$.meeting",
            "content has changed",
        ),
        case(
            "final record marked draft",
            example_final_edited(|value| value["meta"]["status"] = serde_json::json!("draft")),
            "$.meta.status",
            "marked draft",
        ),
        case(
            "final record turned back into a draft, its digests dropped",
            example_final_edited(turn_back_into_a_draft),
            "$.meta.status",
            "its audit trail shows it was finalised at entry 54 ($.audit[53])",
        ),
        case(
            "broken audit chain: an entry changed",
            example_final_edited(|value| {
                value["audit"][5]["actor"]["name"] = serde_json::json!("Someone Else");
            }),
            "$.audit[5]",
            "entry 6 has been changed",
        ),
        case(
            "broken audit chain: an entry removed",
            example_final_edited(|value| {
                if let Some(audit) = value["audit"].as_array_mut() {
                    audit.remove(2);
                }
            }),
            "$.audit[2].sequence",
            "expected entry 3 but found 4",
        ),
        case(
            "dangling chair",
            example_draft_with(|record| record.meeting.chair_id = Some("p99".into())),
            "$.meeting.chairId",
            "participant \"p99\", who is not in $.participants",
        ),
        case(
            "dangling decision maker",
            example_draft_with(|record| record.decisions[1].decision_maker_id = Some("p99".into())),
            "$.decisions[1].decisionMakerId",
            "\"p99\"",
        ),
        case(
            "dangling action owner",
            example_draft_with(|record| record.actions[2].owner_id = Some("p99".into())),
            "$.actions[2].ownerId",
            "\"p99\"",
        ),
        case(
            "dangling dissent author",
            example_draft_with(|record| record.dissent[0].participant_id = "p99".into()),
            "$.dissent[0].participantId",
            "\"p99\"",
        ),
        case(
            "two participants with one id",
            example_draft_with(|record| record.participants[3].id = "p2".into()),
            "$.participants[3].id",
            "also the id of $.participants[1]",
        ),
    ]
}

#[test]
fn hostile_and_edge_inputs_are_refused_with_a_path_and_a_clear_message() {
    let mut failures = Vec::new();
    for case in hostile_cases() {
        match import(&case.text) {
            Ok(_) => failures.push(format!("{}: was accepted", case.name)),
            Err(problems) => {
                let first = problems.first();
                let matches = first.is_some_and(|problem| {
                    problem.path == case.path && problem.message.contains(case.message)
                });
                if !matches {
                    failures.push(format!(
                        "{}: expected {} containing {:?}, got {problems:?}",
                        case.name, case.path, case.message
                    ));
                }
                for problem in &problems {
                    let line = problem.to_string();
                    if line.chars().any(char::is_control) || !line.starts_with('$') {
                        failures.push(format!(
                            "{}: problem not one clean line: {line:?}",
                            case.name
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn limits_are_inclusive() {
    let longest = with_reason(&format!("\"{}\"", "é".repeat(MAX_STRING_CHARS)));
    assert!(import(&longest).is_ok());
    let links = vec!["\"x\""; MAX_ITEMS].join(",");
    let longest_list = minimal_text().replace(
        "\"status\": \"draft\"",
        &format!("\"status\": \"draft\", \"linkedRecords\": [{links}]"),
    );
    assert!(import(&longest_list).is_ok());
    // The same limits hold for a current record, which is read straight into its types
    // when the scan finds it within them: one character or one item more is refused.
    let current_with_reason = |reason: &str| {
        minimal_text().replace(
            "\"meeting\": {}",
            &format!("\"meeting\": {{\"reason\": \"{reason}\"}}"),
        )
    };
    // Characters of two bytes, of one, and an escape (two bytes for one character).
    for (start, rest) in [("é", "é"), ("a", "a"), ("\\n", "a")] {
        let reason = |characters: usize| format!("{start}{}", rest.repeat(characters - 1));
        let record = import(&current_with_reason(&reason(MAX_STRING_CHARS)))
            .unwrap_or_else(|problems| panic!("{problems:?}"));
        assert_eq!(record.meeting.reason.chars().count(), MAX_STRING_CHARS);
        let problems = import(&current_with_reason(&reason(MAX_STRING_CHARS + 1))).unwrap_err();
        assert_eq!(problems[0].path, "$.meeting.reason", "{problems:?}");
        assert!(
            problems[0].message.contains("100001 characters long"),
            "{problems:?}"
        );
    }
    let links = vec!["\"x\""; MAX_ITEMS + 1].join(",");
    let longer_list = minimal_text().replace(
        "\"status\": \"draft\"",
        &format!("\"status\": \"draft\", \"linkedRecords\": [{links}]"),
    );
    let problems = import(&longer_list).unwrap_err();
    assert!(problems[0].message.contains("5001 items"), "{problems:?}");
    // Depth 64 passes the nesting check (and then fails as a record, not as nesting).
    let deepest = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    let problems = import(&deepest).unwrap_err();
    assert!(problems[0].message.contains("JSON object"), "{problems:?}");
}

#[test]
fn brackets_inside_strings_do_not_count_as_nesting() {
    let text = with_reason(&format!(
        "\"{}\\\"{}\"",
        "[{".repeat(5_000),
        "]}".repeat(10)
    ));
    let record = import(&text).unwrap();
    assert!(record.meeting.reason.starts_with("[{[{"));
    // An escaped quote does not end the string: the brackets after it are text too.
    let text = with_reason(&format!("\"a \\\" {}\"", "[".repeat(MAX_DEPTH * 2)));
    let record = import(&text).unwrap();
    assert!(record.meeting.reason.starts_with("a \" [[["));
}

/// The nesting scan steps over an escape (two bytes) wherever it is, so brackets after a
/// string holding one are still counted, whatever the text before it.
#[test]
fn nesting_after_a_string_with_an_escape_is_counted_wherever_the_escape_is() {
    for before in 0..300 {
        let text = format!(
            "[\"{}\\n\", \"{}\", {}{}]",
            "x".repeat(before),
            "z".repeat(1_000),
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let problems = import(&text).unwrap_err();
        assert!(
            problems[0].message.contains("nested more than 64 deep"),
            "{before}: {problems:?}"
        );
    }
}

/// Where nesting goes too deep is given as a line and a column, counted from 1.
#[test]
fn nesting_too_deep_says_on_which_line_and_column() {
    for (before, line, column) in [("", 1, 65), ("\n\n   ", 3, 68), ("  \n", 2, 65)] {
        let text = format!("{before}{}", "[".repeat(MAX_DEPTH * 2));
        let problems = import(&text).unwrap_err();
        let expected = format!("(at line {line} column {column})");
        assert!(
            problems[0].message.contains(&expected),
            "{expected}: {problems:?}"
        );
    }
}

/// The checking pass (here forced by a reason of two-byte characters, longer in bytes than
/// the scan can be sure of) counts a list's items and an object's members up to the limit:
/// exactly the limit is read, every member of it checked, and one more is refused. A key
/// written with an escape is the same key.
#[test]
fn the_checking_pass_counts_to_the_limit_and_reads_escaped_keys() {
    let long_reason = "é".repeat(MAX_STRING_CHARS);
    let with = |meta: &str| {
        minimal_text()
            .replace(
                "\"meeting\": {}",
                &format!("\"meeting\": {{\"reason\": \"{long_reason}\"}}"),
            )
            .replace(
                "\"status\": \"draft\"",
                &format!("\"status\": \"draft\"{meta}"),
            )
    };
    let links = vec!["\"x\""; MAX_ITEMS].join(",");
    let record = import(&with(&format!(", \"linkedRecords\": [{links}]")))
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    assert_eq!(record.meta.linked_records.len(), MAX_ITEMS);
    // The last member's value is one character too long: only a pass that checks every
    // member finds it.
    let members = |count: usize| {
        let mut keys: Vec<String> = (1..count).map(|i| format!("\"k{i}\": \"x\"")).collect();
        keys.push(format!(
            "\"last\": \"{}\"",
            "é".repeat(MAX_STRING_CHARS + 1)
        ));
        format!(", \"sectionDigests\": {{{}}}", keys.join(","))
    };
    let problems = import(&with(&members(MAX_ITEMS))).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.path == "$.meta.sectionDigests.last"
                && p.message.contains("100001 characters long")),
        "{problems:?}"
    );
    assert!(
        !problems.iter().any(|p| p.message.contains("members")),
        "{problems:?}"
    );
    let problems = import(&with(&members(MAX_ITEMS + 1))).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("5001 members")),
        "{problems:?}"
    );
    let problems = import(&with(", \"st\\u0061tus\": \"final\"")).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("\"status\" appears more than once")),
        "{problems:?}"
    );
}

/// A lone surrogate escape is explained; other syntax errors are not given that hint.
#[test]
fn only_a_lone_surrogate_escape_is_explained_as_one() {
    let lone = minimal_text().replace(MINIMAL_ID, "\\ud800");
    let problems = import(&lone).unwrap_err();
    assert!(
        problems[0].message.contains("must be one of a pair"),
        "{problems:?}"
    );
    let invalid = minimal_text().replace(MINIMAL_ID, "\\x41");
    let problems = import(&invalid).unwrap_err();
    assert!(
        !problems[0].message.contains("one of a pair"),
        "{problems:?}"
    );
}

#[test]
fn bytes_up_to_the_limit_are_read_and_one_more_is_refused() {
    let mut bytes = minimal_text().into_bytes();
    bytes.resize(import::MAX_BYTES, b' ');
    assert_eq!(text_from_bytes(&bytes).map(str::len), Ok(import::MAX_BYTES));
    assert!(import(text_from_bytes(&bytes).unwrap()).is_ok());
    bytes.push(b' ');
    let problem = text_from_bytes(&bytes).unwrap_err();
    assert!(problem.message.contains("larger than 8 MiB"), "{problem:?}");
}

#[test]
fn every_duplicate_key_is_listed_up_to_the_cap() {
    let members: String = (0..MAX_PROBLEMS + 20)
        .map(|_| ", \"meeting\": {}".to_string())
        .collect();
    let problems = import(&minimal_with(&members)).unwrap_err();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(problems
        .iter()
        .take(MAX_PROBLEMS)
        .all(|problem| problem.path == "$.meeting"));
    assert_eq!(
        problems.last().unwrap().to_string(),
        "$: and 20 more problems not listed"
    );
}

#[test]
fn several_limit_problems_are_listed_together() {
    let long = format!("\"{}\"", "x".repeat(MAX_STRING_CHARS + 1));
    let text = minimal_with(&format!(
        r#", "practiceContext": {{"details": {long}}}, "childVoice": {{"words": {long}}}, "__proto__": 1"#
    ));
    let paths: Vec<String> = import(&text)
        .unwrap_err()
        .into_iter()
        .map(|problem| problem.path)
        .collect();
    assert_eq!(
        paths,
        [
            "$.practiceContext.details",
            "$.childVoice.words",
            "$.__proto__"
        ]
    );
}

#[test]
fn unknown_keys_with_control_characters_print_on_one_line() {
    let text = minimal_with(r#", "evil\u001b[31m\nkey": 1"#);
    let problems = import(&text).unwrap_err();
    let line = problems[0].to_string();
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.starts_with(r#"$["evil\u001b[31m\nkey"]: "#), "{line}");
}

#[test]
fn problems_display_as_path_colon_message() {
    let problem = ImportProblem::new("$.participants[2].name", "Enter a name");
    assert_eq!(problem.to_string(), "$.participants[2].name: Enter a name");
}

#[test]
fn bytes_must_be_utf8_and_within_the_size_limit() {
    assert_eq!(text_from_bytes(b"{}"), Ok("{}"));
    let problem = text_from_bytes(b"{\n  \"a\": \"\xFF\"}").unwrap_err();
    assert_eq!(problem.path, "$");
    assert!(problem.message.contains("line 2 column 9"), "{problem}");
    let oversized = vec![b' '; import::MAX_BYTES + 1];
    assert!(text_from_bytes(&oversized)
        .unwrap_err()
        .message
        .contains("8 MiB"));
}

#[test]
fn reference_check_accepts_the_example_and_empty_ids() {
    assert!(participant_reference_problems(&example_record(true)).is_empty());
    let mut record = example_record(false);
    record.risks[0].owner_id = Some(String::new());
    assert!(participant_reference_problems(&record).is_empty());
}

#[test]
fn every_dangling_reference_is_listed() {
    let mut record = example_record(false);
    record
        .participants
        .retain(|participant| participant.id != "p4");
    record.medical.as_mut().unwrap().requested_by_id = Some("p4".into());
    let paths: Vec<String> = participant_reference_problems(&record)
        .into_iter()
        .map(|problem| problem.path)
        .collect();
    assert_eq!(
        paths,
        [
            "$.information[0].sharedBy",
            "$.childVoice.capturedBy",
            "$.scales[3].participantId",
            "$.medical.requestedById",
            "$.actions[0].ownerId",
            "$.dissent[0].participantId",
        ]
    );
}

/// Random damage never panics. proptest is a native-only dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text at all: an answer, never a panic.
        #[test]
        fn import_never_panics_on_arbitrary_text(text in ".{0,400}") {
            let _ = import(&text);
        }

        /// The example cut anywhere or with a character inserted anywhere: refused or read, and
        /// never a panic; whatever is read exports and reads back the same.
        #[test]
        fn import_never_panics_on_damaged_records(
            cut in 0usize..40_000,
            insert_at in 0usize..40_000,
            inserted in prop::sample::select(vec!["{", "}", "[", "]", "\"", "\\", ",", ":", "0", "-", "\\u", "é", "\u{0}"]),
        ) {
            let text = export(&example_record(true));
            let boundary = |index: usize| (0..=index.min(text.len())).rev().find(|at| text.is_char_boundary(*at)).unwrap_or(0);
            let _ = import(&text[..boundary(cut)]);
            let mut damaged = text.clone();
            damaged.insert_str(boundary(insert_at), inserted);
            if let Ok(record) = import(&damaged) {
                prop_assert_eq!(import(&export(&record)), Ok(record));
            }
        }
    }
}

/// Every value of the example final record, one at a time, replaced by a value of the wrong
/// type (a number for text, an object or list; text for a number or a true-or-false): each
/// is refused, and the first problem names exactly that value's path.
#[test]
fn a_wrong_type_anywhere_is_refused_at_its_path() {
    let failures = every_value_replaced(|slot| {
        Some(match slot {
            serde_json::Value::String(_) | serde_json::Value::Object(_) => serde_json::json!(7),
            serde_json::Value::Array(_) => serde_json::json!({"0": 1}),
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => serde_json::json!("7"),
            serde_json::Value::Null => serde_json::json!([]),
        })
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// serde's readers take a struct written as an array of its fields in order; the schema
/// allows only an object, and so does import.
#[test]
fn an_object_written_as_an_array_of_its_values_is_refused_at_its_path() {
    let failures = every_value_replaced(|slot| match slot {
        serde_json::Value::Object(members) if !members.is_empty() => Some(
            serde_json::Value::Array(members.values().cloned().collect()),
        ),
        _ => None,
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// serde's readers take an enumeration's value written as an object (`{"final": null}`) as
/// well as its name; the schema allows only the name, and so does import. Every string of
/// the record, enumeration or text, written that way is refused at its own path.
#[test]
fn a_name_written_as_an_object_is_refused_at_its_path() {
    let failures = every_value_replaced(|slot| match slot {
        serde_json::Value::String(text) => Some(serde_json::json!({ text.clone(): null })),
        _ => None,
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A copy's mark is read in either of its forms, and anything else is refused at its own
/// path: a recipient written as an array of its values, a name it does not have, a mark of
/// the wrong type, a wrong value inside the recipient.
#[test]
fn a_copy_mark_is_read_in_its_two_forms_and_refused_where_it_is_wrong() {
    let with_copy = |copy: serde_json::Value| {
        let mut record = serde_json::to_value(example_record(false)).unwrap();
        record["meta"]["copy"] = copy;
        parse_unverified(&record.to_string())
    };
    let recipient = serde_json::json!({
        "recipient": { "kind": "family", "name": "The family" },
        "leftOut": { "information": 2 }
    });
    let read = with_copy(recipient.clone()).map(|record| record.meta.copy);
    assert!(
        matches!(read, Ok(Some(CopyMark::Of(ref of))) if of.left_out.get("information") == Some(&2)),
        "{read:?}"
    );
    let read = with_copy(serde_json::json!("family")).map(|record| record.meta.copy);
    assert!(
        matches!(read, Ok(Some(CopyMark::Version1(CopyKind::Family)))),
        "{read:?}"
    );
    let as_array =
        serde_json::Value::Array(recipient.as_object().unwrap().values().cloned().collect());
    let mut wrong_inside = recipient.clone();
    wrong_inside["leftOut"]["information"] = serde_json::json!("two");
    for (copy, path, message) in [
        (
            as_array,
            "$.meta.copy",
            "invalid type: sequence, expected a copy's recipient",
        ),
        (
            serde_json::json!("police"),
            "$.meta.copy",
            "unknown variant `police`, expected `family`",
        ),
        (
            serde_json::json!(7),
            "$.meta.copy",
            "invalid type: integer `7`, expected a copy's recipient",
        ),
        (
            wrong_inside,
            "$.meta.copy.leftOut.information",
            "invalid type: string",
        ),
    ] {
        let problems = with_copy(copy.clone()).unwrap_err();
        assert_eq!(problems[0].path, path, "{copy}: {}", problems[0]);
        assert!(
            problems[0].message.contains(message),
            "{copy}: {}",
            problems[0]
        );
    }
    // The counts are an object whose keys are each given once, and counts are whole
    // numbers from 0: a repeated key is refused, not read as its last value.
    let mut record = serde_json::to_value(example_record(false)).unwrap();
    record["meta"]["copy"] = recipient;
    let text = record.to_string();
    assert!(text.contains(r#""leftOut":{"information":2}"#), "{text}");
    for (left_out, message) in [
        (
            r#""leftOut":{"information":2,"information":3}"#,
            "\"information\" appears more than once",
        ),
        (r#""leftOut":{"information":-1}"#, "invalid value"),
        (r#""leftOut":["information"]"#, "invalid type"),
    ] {
        let text = text.replace(r#""leftOut":{"information":2}"#, left_out);
        let problems = parse_unverified(&text).unwrap_err();
        assert!(
            problems[0].path.starts_with("$.meta.copy.leftOut"),
            "{left_out}: {}",
            problems[0]
        );
        assert!(
            problems[0].message.contains(message),
            "{left_out}: {}",
            problems[0]
        );
    }
}

/// A refusal of the wrong type where an object belongs says so in plain words.
#[test]
fn a_section_of_the_wrong_type_is_refused_as_not_an_object() {
    for (section, value) in [
        ("meeting", serde_json::json!(["s47Joint", "inPerson"])),
        ("meeting", serde_json::json!(7)),
        ("childVoice", serde_json::json!("the child's words")),
    ] {
        let mut record = serde_json::to_value(example_record(false)).unwrap();
        record[section] = value.clone();
        let problems = import(&record.to_string()).unwrap_err();
        assert_eq!(problems[0].path, format!("$.{section}"), "{value}");
        assert!(
            problems[0].message.ends_with("expected an object"),
            "{section} = {value}: {}",
            problems[0]
        );
    }
}

/// Every path of a value in the example record, depth first.
fn value_paths(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &serde_json::Value)> = match value {
        serde_json::Value::Object(members) => members
            .iter()
            .map(|(key, member)| (format!("{path}.{key}"), member))
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (format!("{path}[{index}]"), item))
            .collect(),
        _ => Vec::new(),
    };
    for (child, member) in children {
        value_paths(member, &child, out);
        out.push(child);
    }
}

/// The JSON pointer of a `$.a[1].b` path.
fn to_pointer(path: &str) -> String {
    path.trim_start_matches('$')
        .replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|part| !part.is_empty())
        .map(|part| format!("/{part}"))
        .collect()
}

/// Replaces each value of the example record in turn (where `replace` gives a value) and
/// imports the result: what was accepted, or refused anywhere but at the replaced value.
fn every_value_replaced(
    replace: impl Fn(&serde_json::Value) -> Option<serde_json::Value>,
) -> Vec<String> {
    let original = serde_json::to_value(example_record(true)).unwrap();
    let mut all = Vec::new();
    value_paths(&original, "$", &mut all);
    assert!(all.len() > 500, "the walk found the values: {}", all.len());
    let mut failures = Vec::new();
    let mut tried = 0;
    for path in &all {
        let mut value = original.clone();
        let slot = value.pointer_mut(&to_pointer(path)).unwrap();
        let Some(replacement) = replace(slot) else {
            continue;
        };
        *slot = replacement;
        tried += 1;
        match import(&serde_json::to_string(&value).unwrap()) {
            Ok(_) => failures.push(format!("{path}: accepted")),
            Err(problems) if problems[0].path != *path => {
                failures.push(format!("{path}: refused at {}", problems[0]))
            }
            Err(_) => {}
        }
    }
    assert!(tried > 50, "values replaced: {tried}");
    failures
}

/// Text quoted from a record is one terminal line: control characters escaped, and cut
/// with an ellipsis at the limit, an escape counting as the characters it is written with.
#[test]
fn quoted_text_is_one_line_cut_at_its_limit() {
    use risk_sensible::record::import::one_line;
    for (text, limit, expected) in [
        ("abc", 3, "abc"),
        ("abcd", 3, "abc…"),
        ("", 0, ""),
        ("a", 0, "…"),
        ("a\nb", 10, "a\\nb"),
        ("ab\n", 3, "ab…"),
        ("ab\n", 4, "ab\\n"),
        ("\u{1b}[31mred", 20, "\\u{1b}[31mred"),
    ] {
        assert_eq!(one_line(text, limit), expected, "{text:?} at {limit}");
    }
}

/// A text of exactly the largest size is read; one byte more is refused for its size.
#[test]
fn a_record_of_exactly_the_largest_size_is_read_and_one_byte_more_is_not() {
    use risk_sensible::record::import::MAX_BYTES;
    let mut text = export(&example_record(false));
    text.push_str(&" ".repeat(MAX_BYTES - text.len()));
    assert_eq!(text.len(), MAX_BYTES);
    assert!(import(&text).is_ok());
    text.push(' ');
    let problems = import(&text).unwrap_err();
    assert!(problems[0].message.contains("MiB"), "{problems:?}");
}

// --- Version 2 records. ---

fn version_2(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v2")
            .join(name),
    )
    .unwrap()
}

/// A final version 2 record is read as it was finalised: its version, its text and its
/// digests kept, and no threshold decision asked of it.
#[test]
fn a_final_version_2_record_keeps_its_version_its_text_and_its_digests() {
    for name in ["example-final.json", "amended-final.json"] {
        let text = version_2(name);
        let record = import(&text).unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
        assert_eq!(record.schema_version, 2, "{name}");
        assert_eq!(record.threshold, None, "{name}");
        assert_eq!(
            export(&record),
            text,
            "{name}: read and written back unchanged"
        );
        risk_sensible::record::integrity::verify(&record).unwrap();
        let findings = risk_sensible::meeting::validate(&record, &Config::default());
        assert!(
            findings
                .iter()
                .all(|finding| !finding.path.to_string().starts_with("$.threshold")),
            "{name}: {findings:?}"
        );
    }
}

/// A final record of an earlier version keeps the debrief it was finalised with (its digest
/// covers it), and it is read apart too; a version 3 record never holds one.
#[test]
fn the_wellbeing_debrief_is_kept_apart_from_a_version_3_record() {
    let text = version_2("example-final.json");
    let record = import(&text).unwrap();
    assert!(record.wellbeing_debrief.is_some());
    assert_eq!(
        risk_sensible::record::import::earlier_debrief(&text),
        record.wellbeing_debrief
    );
    let current = export(&example_record(true));
    assert!(!current.contains("wellbeingDebrief"));
    assert_eq!(
        risk_sensible::record::import::earlier_debrief(&current),
        None
    );
    let mut value: serde_json::Value =
        serde_json::from_str(&export(&example_record(false))).unwrap();
    value["wellbeingDebrief"] = serde_json::json!({"offered": "yes", "notes": "Supervision."});
    let problems = import(&value.to_string()).unwrap_err();
    assert_eq!(problems[0].path, "$.wellbeingDebrief", "{problems:?}");
    assert!(problems[0].message.contains("apart"), "{problems:?}");
}

/// A version 2 draft becomes version 3 with nothing lost: only its version changes, and the
/// threshold decision is then asked for before it can be finalised.
#[test]
fn a_version_2_draft_is_migrated_without_losing_anything() {
    let text = version_2("example-draft.json");
    let mut expected: serde_json::Value = serde_json::from_str(&text).unwrap();
    expected["schemaVersion"] = 3.into();
    // The professionals' debrief leaves the child's record, and is read apart, whole.
    let debrief = expected
        .as_object_mut()
        .unwrap()
        .remove("wellbeingDebrief")
        .unwrap();
    let record = import(&text).unwrap();
    assert_eq!(record.schema_version, 3);
    assert_eq!(record.wellbeing_debrief, None);
    let migrated: serde_json::Value = serde_json::from_str(&export(&record)).unwrap();
    assert_eq!(migrated, expected);
    let apart = risk_sensible::record::import::earlier_debrief(&text).unwrap();
    assert_eq!(serde_json::to_value(&apart).unwrap(), debrief);
    assert!(!apart.notes.is_empty());
    let record = import(&version_2("example-draft.json")).unwrap();
    let findings = risk_sensible::meeting::validate(&record, &Config::default());
    assert!(
        findings
            .iter()
            .any(|finding| finding.path == "$.threshold.answer"),
        "{findings:?}"
    );
}
