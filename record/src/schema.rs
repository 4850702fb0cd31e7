//! The JSON Schema (draft 2020-12) of the decision record, generated from the wire types so
//! that it cannot say something the code does not do.
//!
//! The rustdoc on the types in this crate becomes the schema's descriptions. This
//! module only adds what the types cannot say about themselves: the schema's identity
//! (`$id`, `title`, `description`) and that `schemaVersion` is exactly the version this
//! build writes.
//!
//! The schema is committed at `www/schema/decision-record.schema.json` so hosts can use it
//! without building the crate. A test (`tests/schema.rs`) fails when the committed file
//! drifts from the types; regenerate it with
//!
//! ```text
//! cargo run --bin risk-sensible -- schema > www/schema/decision-record.schema.json
//! ```

use super::{DecisionRecord, WellbeingDocument, SCHEMA_VERSION, WELLBEING_VERSION};
use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

/// The schema's identifier. The `.invalid` top-level domain is reserved and never resolves:
/// the schema is published with the widget, not fetched from a host name.
pub const SCHEMA_ID: &str = "https://risk-sensible.invalid/schema/decision-record.schema.json";

/// Where the committed copy of the schema lives, relative to the crate root.
pub const SCHEMA_PATH: &str = "www/schema/decision-record.schema.json";

/// The title hosts see in schema-aware editors.
const TITLE: &str = "Risk Sensible decision record";

/// The schema's own description: what a document is, and how versions work.
const DESCRIPTION: &str = "The record of one multi-agency child-safeguarding strategy \
     discussion or meeting about one child, as written by the Risk Sensible widget. \
     `schemaVersion` changes only when an existing field changes meaning or shape. Unknown \
     fields are errors. A final or amended record carries a content digest and a hash-chained \
     audit trail; this schema checks their shape, and `risk-sensible verify` checks their \
     values.";

/// Says where the file comes from, so nobody edits it by hand.
const COMMENT: &str = "Generated from the Rust types by `risk-sensible schema`; do not edit. \
     Regenerate with: cargo run --bin risk-sensible -- schema > \
     www/schema/decision-record.schema.json";

/// The JSON Schema (draft 2020-12) of a [`DecisionRecord`] in the current
/// [`SCHEMA_VERSION`].
pub fn decision_record_schema() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<DecisionRecord>();
    let mut value = schema.to_value();
    if let Value::Object(root) = &mut value {
        root.insert("$id".into(), json!(SCHEMA_ID));
        root.insert("$comment".into(), json!(COMMENT));
        root.insert("title".into(), json!(TITLE));
        root.insert("description".into(), json!(DESCRIPTION));
        // The type is a plain `u32`, but this schema describes the current version and the
        // final records of older ones, which keep the version they were finalised in (their
        // older fields are in the types); newer ones are refused.
        if let Some(Value::Object(version)) = root
            .get_mut("properties")
            .and_then(|properties| properties.get_mut("schemaVersion"))
        {
            version.remove("format");
            version.remove("minimum");
            version.insert(
                "enum".into(),
                json!((1..=SCHEMA_VERSION).collect::<Vec<_>>()),
            );
            version.insert(
                "description".into(),
                json!(format!(
                    "The version of this format the record was written in: {SCHEMA_VERSION} \
                     for a record written now. A record finalised in an older version keeps \
                     it (with that version's fields), so that its digests go on verifying; \
                     an older draft is migrated when it is read."
                )),
            );
        }
    }
    value
}

/// The schema as pretty-printed JSON with a trailing newline: exactly the committed file.
pub fn decision_record_schema_pretty() -> String {
    // Serialising a `serde_json::Value` cannot fail: every key is a string.
    let mut text = serde_json::to_string_pretty(&decision_record_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Where the committed schema of the wellbeing debrief document lives.
pub const WELLBEING_SCHEMA_PATH: &str = "www/schema/wellbeing-debrief.schema.json";

/// The JSON Schema of the professionals' wellbeing debrief, the document the widget hands
/// the host apart from the child's record (`risk-sensible schema --wellbeing`).
pub fn wellbeing_schema() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut value = generator
        .into_root_schema_for::<WellbeingDocument>()
        .to_value();
    if let Value::Object(root) = &mut value {
        root.insert(
            "$id".into(),
            json!("https://risk-sensible.invalid/schema/wellbeing-debrief.schema.json"),
        );
        root.insert(
            "$comment".into(),
            json!(format!(
                "Generated from the Rust types by `risk-sensible schema --wellbeing`; do not \
                 edit. Regenerate with: cargo run --bin risk-sensible -- schema --wellbeing > \
                 {WELLBEING_SCHEMA_PATH}"
            )),
        );
        root.insert("title".into(), json!("Risk Sensible wellbeing debrief"));
        if let Some(Value::Object(version)) = root
            .get_mut("properties")
            .and_then(|properties| properties.get_mut("version"))
        {
            version.remove("format");
            version.remove("minimum");
            version.insert("const".into(), json!(WELLBEING_VERSION));
        }
    }
    value
}

/// [`wellbeing_schema`] as the committed file holds it.
pub fn wellbeing_schema_pretty() -> String {
    let mut text = serde_json::to_string_pretty(&wellbeing_schema()).unwrap_or_default();
    text.push('\n');
    text
}
