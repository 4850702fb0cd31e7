//! Exports other than the record itself and its copies (`copy`): the file name a download
//! gets, and a FHIR R4 QuestionnaireResponse for hosts whose systems speak FHIR. Pure functions over the record, tested on the host.
//!
//! # FHIR mapping
//!
//! The QuestionnaireResponse answers a notional Questionnaire,
//! `https://risk-sensible.invalid/fhir/Questionnaire/strategy-meeting|1`, whose `linkId`s
//! are the record's own JSON paths without indices: a section is a group item
//! (`linkId: "risks"`), each list entry a repeat of a group (`linkId: "risks.item"`), and
//! each field a question (`linkId: "risks.item.description"`). Answers are `valueString`,
//! `valueDate`, `valueDateTime`, `valueTime` (with `:00` seconds), `valueInteger`,
//! `valueBoolean`, or `valueCoding` for an
//! enumeration (system `https://risk-sensible.invalid/fhir/CodeSystem/<field>`, code the
//! wire value). Empty values are left out, as FHIR strings may not be empty. The professional
//! wellbeing debrief (which only a final record of version 1 or 2 holds) and the audit
//! trail are left out.
//!
//! What happened after the meeting is a list like any other: each follow-up is a
//! `followUp.item` group with `kind`, `outcome`, `plan`, `categories` and `abuseSuspected`
//! as codings, `on` as a date, `at` (when it was recorded) as a dateTime, `actionId` and
//! `details` as strings, and `by` as a group of `name`, `role` and `agency`; amendments are
//! `amendments.item` in the same way.
//!
//! Extensions (all `valueString` unless noted), on the repeated group item they describe:
//!
//! | url (after `https://risk-sensible.invalid/fhir/StructureDefinition/`) | on | value |
//! | --- | --- | --- |
//! | `owner` | risks, actions, contingencies, gaps | the owner, "Name (Agency)" |
//! | `decision-maker` | decisions | the decision-maker, "Name (Agency)" |
//! | `dissent-by` | dissent | who disagrees, "Name (Agency)" |
//! | `chair`, `captured-by`, `decided-by`, `requested-by`, `lead-worker` | the `meeting`, `childVoice`, `threshold`, `medical` and `familyCopy` groups | the chair, who captured the child's voice, who made the threshold decision, who requested the medical, the family's lead worker: "Name (Agency)" |
//! | `restriction` | any item of a list whose items carry restrictions, once per restriction it has as version 2 reads it (a version 1 label converted, no label: `notForFamily`) | the restriction's wire value |
//! | `record-digest` | the resource | the record's `sha256:` digest, when final |
//! | `record-status` | the resource | `draft`, `final` or `amended` |

use crate::record::*;
use serde_json::{json, Map, Value};

/// The base of every URL this export mints (a reserved, never-resolving host).
pub const FHIR_BASE: &str = "https://risk-sensible.invalid/fhir";

/// A download's file name: the meeting date and the child's case reference, then what the
/// file is, e.g. `strategy-meeting-2026-03-02-NS-204518-family-copy.json`. Only letters,
/// digits and hyphens survive from the reference, so a name can never leave its folder.
pub fn file_name(record: &DecisionRecord, what: &str, extension: &str) -> String {
    let date = record
        .meeting
        .date
        .map(|date| date.to_string())
        .unwrap_or_else(|| "undated".to_string());
    let reference: String = record
        .child()
        .map(|child| child.case_reference.as_str())
        .filter(|reference| !reference.trim().is_empty())
        .unwrap_or("no-reference")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let mut name = format!("strategy-meeting-{date}-{reference}");
    if !what.is_empty() {
        name.push('-');
        name.push_str(what);
    }
    format!("{name}.{extension}")
}

fn participant_name(record: &DecisionRecord, id: &str) -> String {
    record.participant_label(id)
}

/// The participants a whole section names (not a list's entries), each with the extension
/// it becomes on the section's group.
fn section_references<'a>(
    record: &'a DecisionRecord,
    section: &str,
) -> Vec<(&'static str, &'a str)> {
    let mut found = Vec::new();
    record.for_each_participant_reference(|site, id| {
        let (key, name) = match site {
            ReferenceSite::Chair => ("meeting", "chair"),
            ReferenceSite::ChildVoice => ("childVoice", "captured-by"),
            ReferenceSite::Threshold => ("threshold", "decided-by"),
            ReferenceSite::Medical => ("medical", "requested-by"),
            ReferenceSite::LeadWorker => ("familyCopy", "lead-worker"),
            ReferenceSite::Scale(_) | ReferenceSite::Item(..) => return,
        };
        if key == section {
            found.push((name, id));
        }
    });
    found
}

/// The keys of a list entry that name a participant, and the extension each becomes.
fn reference_extensions(section: &str) -> &'static [(&'static str, &'static str)] {
    match section {
        "risks" | "actions" | "contingencies" | "gaps" => &[("ownerId", "owner")],
        "decisions" => &[("decisionMakerId", "decision-maker")],
        "dissent" => &[("participantId", "dissent-by")],
        _ => &[],
    }
}

const DATE_KEYS: [&str; 16] = [
    "date",
    "on",
    "concernRaisedOn",
    "dateOfBirth",
    "expectedDate",
    "due",
    "reviewDate",
    "escalatedOn",
    "when",
    "sentOn",
    "s47StartedOn",
    "icpcDue",
    "distributionDue",
    "assessmentDue",
    "reconveneBy",
    "seenOn",
];

/// The keys of times of day (`valueTime`).
const TIME_KEYS: [&str; 2] = ["startTime", "time"];

/// The FHIR answer for one leaf value, or `None` for an empty one.
fn answer(link_id: &str, key: &str, value: &Value) -> Option<Value> {
    let answer = match value {
        Value::String(text) if text.trim().is_empty() => return None,
        Value::String(text) if DATE_KEYS.contains(&key) || key == "nextReview" => {
            json!({ "valueDate": text })
        }
        Value::String(text) if key.ends_with("At") || key == "at" => {
            json!({ "valueDateTime": text })
        }
        // FHIR's time has seconds; the record's has none.
        Value::String(text) if TIME_KEYS.contains(&key) && text.len() == 5 => {
            json!({ "valueTime": format!("{text}:00") })
        }
        Value::String(text) if is_code(link_id, key) => json!({
            "valueCoding": {
                "system": format!("{FHIR_BASE}/CodeSystem/{key}"),
                "code": text,
            }
        }),
        Value::String(text) => json!({ "valueString": text }),
        Value::Bool(flag) => json!({ "valueBoolean": flag }),
        Value::Number(number) => json!({ "valueInteger": number.as_i64()? }),
        _ => return None,
    };
    Some(answer)
}

/// True for fields whose values are enumeration codes rather than free text (a test holds
/// every answer to the type the schema gives its field: `tests/export.rs`).
fn is_code(link_id: &str, key: &str) -> bool {
    const CODES: [&str; 41] = [
        "meetingType",
        "mode",
        "attendance",
        "decisionAuthority",
        "role",
        "mobility",
        "livesWithChild",
        "parentalResponsibility",
        "childhoodAdversity",
        "careExperienced",
        "recentWorkerChange",
        "kind",
        "basis",
        "sensitivity",
        "restrictions",
        "cleared",
        "list",
        "decisionType",
        "outcomeCode",
        "status",
        "escalation",
        "answer",
        "harmCategories",
        "route",
        "seen",
        "checks",
        "caresAlone",
        "toBeExamined",
        "explanationFits",
        "authority",
        "investigations",
        "duties",
        "article6",
        "specialCategory",
        "policePart3",
        "familyTold",
        "interpreter",
        "plan",
        "categories",
        "abuseSuspected",
        "scaleDiscussionRestrictions",
    ];
    // A participant's role is free text; a subject's role is a code.
    if key == "role" {
        return link_id.starts_with("subjects");
    }
    // An action's outcome is free text; a follow-up's is the dataset's code.
    if key == "outcome" {
        return link_id.starts_with("followUp");
    }
    CODES.contains(&key) || key == "notDoneReason" || key == "mayReceive" || key == "offered"
}

/// Turns an object into FHIR items, one per non-empty field.
fn items_of(prefix: &str, object: &Map<String, Value>) -> Vec<Value> {
    let mut items = Vec::new();
    for (key, value) in object {
        if key == "id" {
            continue;
        }
        let link_id = format!("{prefix}.{key}");
        match value {
            Value::Object(inner) => {
                let nested = items_of(&link_id, inner);
                if !nested.is_empty() {
                    items.push(json!({ "linkId": link_id, "text": key, "item": nested }));
                }
            }
            Value::Array(entries) => {
                for entry in entries {
                    match entry {
                        Value::Object(inner) => {
                            let nested = items_of(&link_id, inner);
                            if !nested.is_empty() {
                                items.push(
                                    json!({ "linkId": link_id, "text": key, "item": nested }),
                                );
                            }
                        }
                        leaf => {
                            if let Some(answer) = answer(&link_id, key, leaf) {
                                items.push(
                                    json!({ "linkId": link_id, "text": key, "answer": [answer] }),
                                );
                            }
                        }
                    }
                }
            }
            leaf => {
                if let Some(answer) = answer(&link_id, key, leaf) {
                    items.push(json!({ "linkId": link_id, "text": key, "answer": [answer] }));
                }
            }
        }
    }
    items
}

/// The restrictions of a list entry as version 2 reads them, as wire values: its
/// `restrictions`, else its version 1 `sensitivity` converted, else (in a list whose items
/// carry restrictions) not for the family.
fn restrictions_of(section: &str, object: &Map<String, Value>) -> Vec<String> {
    if matches!(section, "participants" | "distribution") {
        return Vec::new();
    }
    if let Some(Value::Array(codes)) = object.get("restrictions") {
        return codes
            .iter()
            .filter_map(|code| code.as_str().map(str::to_string))
            .collect();
    }
    let legacy = object.get("sensitivity").and_then(|value| {
        Sensitivity::ALL
            .iter()
            .copied()
            .find(|label| unit_name(label) == *value)
    });
    Restrictions::from_sensitivity(legacy)
        .iter()
        .map(|restriction| unit_name(&restriction).to_string())
        .collect()
}

fn extension(name: &str, value: impl Into<String>) -> Value {
    json!({ "url": format!("{FHIR_BASE}/StructureDefinition/{name}"), "valueString": value.into() })
}

/// The record as a FHIR R4 QuestionnaireResponse (see the module documentation).
pub fn fhir_questionnaire_response(record: &DecisionRecord) -> Value {
    // Not `serde_json::to_value`: the same value, through the serialiser the widget has
    // compiled already (a second one for the whole record, for this export alone, is
    // several KiB of the widget's wasm).
    let json = crate::record::to_json_value(record);
    let Value::Object(sections) = json else {
        return Value::Null;
    };
    let mut groups = Vec::new();
    for (section, value) in &sections {
        if ["schemaVersion", "meta", "audit", "wellbeingDebrief"].contains(&section.as_str()) {
            continue;
        }
        let group_items = match value {
            Value::Object(object) => items_of(section, object),
            Value::Array(entries) => entries
                .iter()
                .filter_map(|entry| {
                    let Value::Object(object) = entry else {
                        return None;
                    };
                    let link_id = format!("{section}.item");
                    let nested = items_of(&link_id, object);
                    if nested.is_empty() {
                        return None;
                    }
                    let mut extensions: Vec<Value> = reference_extensions(section)
                        .iter()
                        .filter_map(|(key, name)| {
                            let id = object.get(*key)?.as_str()?;
                            Some(extension(name, participant_name(record, id)))
                        })
                        .collect();
                    for restriction in restrictions_of(section, object) {
                        extensions.push(extension("restriction", restriction));
                    }
                    let mut item = json!({ "linkId": link_id, "text": section, "item": nested });
                    if !extensions.is_empty() {
                        item["extension"] = Value::Array(extensions);
                    }
                    Some(item)
                })
                .collect(),
            _ => Vec::new(),
        };
        if !group_items.is_empty() {
            let mut group = json!({ "linkId": section, "text": section, "item": group_items });
            let people: Vec<Value> = section_references(record, section)
                .into_iter()
                .map(|(name, id)| extension(name, participant_name(record, id)))
                .collect();
            if !people.is_empty() {
                group["extension"] = Value::Array(people);
            }
            groups.push(group);
        }
    }
    let status = match record.meta.status {
        Status::Draft => "in-progress",
        Status::Final => "completed",
        Status::Amended => "amended",
    };
    let mut extensions = vec![extension(
        "record-status",
        crate::record::unit_name(&record.meta.status),
    )];
    if let Some(digest) = &record.meta.digest {
        extensions.push(extension("record-digest", digest.clone()));
    }
    let mut resource = json!({
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(&record.meta.id),
        "identifier": { "system": "urn:ietf:rfc:3986", "value": format!("urn:uuid:{}", record.meta.id) },
        "questionnaire": format!("{FHIR_BASE}/Questionnaire/strategy-meeting|{SCHEMA_VERSION}"),
        "status": status,
        "authored": record.meta.finalised_at.unwrap_or(record.meta.created_at).to_string(),
        "extension": extensions,
        "item": groups,
    });
    if let Some(chair) = record
        .meeting
        .chair_id
        .as_deref()
        .and_then(|id| record.participant(id))
    {
        resource["author"] = json!({ "display": format!("{} ({})", chair.name, chair.agency) });
    }
    resource
}

/// A FHIR resource id: letters, digits, `-` and `.`, at most 64 characters.
fn fhir_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .take(64)
        .collect();
    if cleaned.is_empty() {
        "record".to_string()
    } else {
        cleaned
    }
}
