//! The JSON Schema of the decision record: the committed copy must match the one generated
//! from the types, and the example records must validate against it.
//!
//! When the drift test fails after an intended change to the record types, regenerate the
//! committed file with
//!
//! ```text
//! cargo run --bin risk-sensible -- schema > www/schema/decision-record.schema.json
//! ```
//!
//! `scripts/check-schema.sh` checks the same records with the independent Python tool
//! `check-jsonschema`.
#![cfg(not(target_arch = "wasm32"))]

use risk_sensible::example::example_record;
use risk_sensible::record::import::export;
use risk_sensible::record::schema::{
    decision_record_schema, decision_record_schema_pretty, SCHEMA_ID, SCHEMA_PATH,
};
use serde_json::Value;
use std::path::PathBuf;

fn crate_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&decision_record_schema())
        .expect("the generated schema compiles")
}

/// Every error the schema finds in the document, one per line.
fn schema_errors(document: &Value) -> Vec<String> {
    validator()
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(crate_file("tests/fixtures").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_committed_schema_matches_the_types() {
    let committed = std::fs::read_to_string(crate_file(SCHEMA_PATH)).unwrap_or_default();
    let generated = decision_record_schema_pretty();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} differs from the schema generated from the record types. If the type \
         change is intended, regenerate it with\n  cargo run --bin risk-sensible -- schema > \
         {SCHEMA_PATH}\nand review the diff."
    );
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema_with_its_identity() {
    let schema = decision_record_schema();
    assert!(jsonschema::meta::is_valid(&schema));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
    assert!(SCHEMA_ID.contains(".invalid/"), "no real host names");
    assert_eq!(schema["title"], "Risk Sensible decision record");
    assert!(schema["description"]
        .as_str()
        .is_some_and(|text| text.contains("child-safeguarding")));
    assert!(decision_record_schema_pretty().ends_with("}\n"));
}

#[test]
fn the_schema_carries_the_rustdoc_of_the_types() {
    let schema = decision_record_schema();
    assert_eq!(
        schema["$defs"]["Participant"]["properties"]["name"]["description"],
        "The person's full name."
    );
    assert_eq!(
        schema["properties"]["schemaVersion"]["enum"],
        serde_json::json!([1, 2, 3])
    );
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn the_example_records_validate_against_the_schema() {
    for finalised in [false, true] {
        let document: Value = serde_json::from_str(&export(&example_record(finalised))).unwrap();
        assert_eq!(schema_errors(&document), Vec::<String>::new());
    }
}

#[test]
fn the_valid_fixtures_validate_against_the_schema() {
    for name in [
        "example-draft.json",
        "example-final.json",
        "amended-final.json",
        "minimal-draft.json",
    ] {
        assert_eq!(
            schema_errors(&fixture(name)),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn the_schema_refuses_what_import_refuses_by_shape() {
    let cases = [
        ("unknown-field.json", "/meta"),
        ("future-version.json", "/schemaVersion"),
    ];
    for (name, path) in cases {
        let errors = schema_errors(&fixture(name));
        assert!(
            errors
                .iter()
                .any(|error| error.starts_with(&format!("{path}:"))),
            "{name}: {errors:?}"
        );
    }
    let mut score_too_high = fixture("example-draft.json");
    score_too_high["scales"][0]["score"] = 11.into();
    assert!(!schema_errors(&score_too_high).is_empty());
    let mut bad_date = fixture("example-draft.json");
    bad_date["meeting"]["date"] = "2 March 2026".into();
    assert!(!schema_errors(&bad_date).is_empty());
}

/// The widget names enumeration values by `unit_name`, which reads only plain names: every
/// enumeration a form offers is written as one, and `unit_name` gives what serde writes.
#[test]
fn every_enumeration_a_form_offers_is_written_as_a_plain_name() {
    use risk_sensible::record::*;
    fn names<T: Labelled + std::fmt::Debug>() {
        for value in T::all() {
            let written = serde_json::to_value(value).unwrap();
            assert!(!unit_name(value).is_empty(), "{value:?} has no plain name");
            assert_eq!(Value::from(unit_name(value)), written, "{value:?}");
            assert_eq!(wire_name(value), unit_name(value), "{value:?}");
        }
    }
    names::<BackgroundCheck>();
    names::<MedicalAuthority>();
    names::<Investigation>();
    names::<StatutoryDuty>();
    names::<FollowUpKind>();
    names::<Article6Basis>();
    names::<SpecialCategoryCondition>();
    names::<ThresholdAnswer>();
    names::<HarmCategory>();
    names::<ThresholdRoute>();
    names::<MeetingType>();
    names::<MeetingMode>();
    names::<Attendance>();
    names::<Tristate>();
    names::<SubjectRole>();
    names::<Mobility>();
    names::<InformationKind>();
    names::<SharingBasis>();
    names::<Sensitivity>();
    names::<AssessmentColumn>();
    names::<DecisionType>();
    names::<S47Outcome>();
    names::<ActionStatus>();
    names::<NotDoneReason>();
    names::<EscalationStage>();
    names::<Restriction>();
    names::<RecipientKind>();
    for status in [Status::Draft, Status::Final, Status::Amended] {
        assert_eq!(
            Value::from(unit_name(&status)),
            serde_json::to_value(status).unwrap()
        );
    }
    assert_eq!(unit_name(&Some(Status::Draft)), "", "not a plain name");
}
