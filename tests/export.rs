//! Exports: download file names and the FHIR QuestionnaireResponse (the copies for each
//! recipient are in `copies.rs`).

mod common;

use risk_sensible::example::example_record;
use risk_sensible::export::{fhir_questionnaire_response, file_name};
use serde_json::Value;

#[test]
fn file_names_come_from_the_meeting_date_and_the_childs_reference() {
    let record = example_record(false);
    assert_eq!(
        file_name(&record, "", "json"),
        "strategy-meeting-2026-03-02-NS-204518.json"
    );
    assert_eq!(
        file_name(&record, "family-copy", "json"),
        "strategy-meeting-2026-03-02-NS-204518-family-copy.json"
    );
    let mut hostile = record.clone();
    hostile.subjects[0].case_reference = "../../etc/passwd\u{0}<x>".into();
    hostile.meeting.date = None;
    let name = file_name(&hostile, "fhir", "json");
    assert_eq!(
        name,
        "strategy-meeting-undated-------etc-passwd--x--fhir.json"
    );
    assert!(!name.contains('/') && !name.contains(".."));
    let empty = common::new_record();
    assert_eq!(
        file_name(&empty, "", "json"),
        "strategy-meeting-undated-no-reference.json"
    );
}

fn find_items<'a>(item: &'a Value, link_id: &str, out: &mut Vec<&'a Value>) {
    if item["linkId"] == link_id {
        out.push(item);
    }
    if let Some(children) = item["item"].as_array() {
        for child in children {
            find_items(child, link_id, out);
        }
    }
}

fn items<'a>(resource: &'a Value, link_id: &str) -> Vec<&'a Value> {
    let mut out = Vec::new();
    for group in resource["item"].as_array().unwrap() {
        find_items(group, link_id, &mut out);
    }
    out
}

#[test]
fn the_fhir_export_is_a_questionnaire_response_with_owners_in_extensions() {
    let record = example_record(true);
    let resource = fhir_questionnaire_response(&record);
    assert_eq!(resource["resourceType"], "QuestionnaireResponse");
    assert_eq!(resource["status"], "completed");
    assert_eq!(
        resource["identifier"]["value"],
        format!("urn:uuid:{}", record.meta.id)
    );
    assert_eq!(
        resource["author"]["display"],
        "Amara Okafor (Children's social care)"
    );
    let risks = items(&resource, "risks.item");
    assert_eq!(risks.len(), 2);
    let owner = &risks[0]["extension"][0];
    assert_eq!(
        owner["url"],
        "https://risk-sensible.invalid/fhir/StructureDefinition/owner"
    );
    assert_eq!(
        owner["valueString"],
        "Ruth Adeyemi (Children's social care)"
    );
    assert_eq!(risks[1]["extension"][1]["valueString"], "policeSensitive");
    let decision_makers = items(&resource, "decisions.item");
    assert_eq!(
        decision_makers[0]["extension"][0]["valueString"],
        "Amara Okafor (Children's social care)"
    );
    let dissent = items(&resource, "dissent.item");
    assert_eq!(
        dissent[0]["extension"][0]["valueString"],
        "Priya Nandra (Health)"
    );
    let actions = items(&resource, "actions.item");
    assert_eq!(actions.len(), 3);
    let due = items(&resource, "actions.item.due");
    assert_eq!(due[0]["answer"][0]["valueDate"], "2026-03-02");
    let kind = items(&resource, "meeting.meetingType");
    assert_eq!(
        kind[0]["answer"][0]["valueCoding"]["code"],
        "strategyMeeting"
    );
    // The threshold decision, the injury and the medical: codes as codings, dates as
    // dates, the time as a FHIR time.
    for (link_id, code) in [
        ("threshold.answer", "yes"),
        ("threshold.harmCategories", "physical"),
        ("threshold.route", "s47Joint"),
        ("injury.explanationFits", "no"),
        ("medical.authority", "consent"),
        ("medical.investigations", "skeletalSurvey"),
        ("subjects.item.checks", "police"),
        ("subjects.item.toBeExamined", "yes"),
        ("lawfulBasis.duties", "section47"),
        ("lawfulBasis.article6", "publicTask"),
        ("lawfulBasis.specialCategory", "safeguardingChildren"),
        ("lawfulBasis.policePart3", "yes"),
        ("lawfulBasis.familyTold", "no"),
    ] {
        let found = items(&resource, link_id);
        assert_eq!(
            found[0]["answer"][0]["valueCoding"]["code"], code,
            "{link_id}: {found:?}"
        );
    }
    assert_eq!(
        items(&resource, "injury.seenOn")[0]["answer"][0]["valueDate"],
        "2026-03-02"
    );
    assert_eq!(
        items(&resource, "medical.time")[0]["answer"][0]["valueTime"],
        "14:00:00"
    );
    assert_eq!(
        items(&resource, "meeting.startTime")[0]["answer"][0]["valueTime"],
        "10:30:00"
    );
    assert_eq!(
        items(&resource, "medical.paediatrician")[0]["answer"][0]["valueString"],
        "Dr Hannah Osei, consultant paediatrician, Northshire General"
    );
    // The people a whole section names, by name and agency, on the section's group.
    for (section, name, who) in [
        ("meeting", "chair", "Amara Okafor (Children's social care)"),
        (
            "threshold",
            "decided-by",
            "Amara Okafor (Children's social care)",
        ),
        (
            "medical",
            "requested-by",
            "Amara Okafor (Children's social care)",
        ),
    ] {
        let group = resource["item"]
            .as_array()
            .unwrap()
            .iter()
            .find(|group| group["linkId"] == section)
            .unwrap();
        assert_eq!(
            group["extension"][0]["url"],
            format!("https://risk-sensible.invalid/fhir/StructureDefinition/{name}")
        );
        assert_eq!(group["extension"][0]["valueString"], who, "{section}");
    }
    let score = items(&resource, "scales.item.score");
    assert_eq!(score[0]["answer"][0]["valueInteger"], 4);
    let text = resource.to_string();
    assert!(
        !text.contains("offered supervision"),
        "the debrief is left out"
    );
    assert!(!text.contains("\"valueString\":\"\""), "no empty strings");
    assert!(text.contains("record-digest"));
    let draft = fhir_questionnaire_response(&example_record(false));
    assert_eq!(draft["status"], "in-progress");
}

/// Follow-ups are in the export as the list they are: what happened, when, and who
/// recorded it, each as a question of the `followUp` group.
#[test]
fn the_fhir_export_holds_the_follow_ups() {
    let record = risk_sensible::example::example_followed_up();
    let actor = risk_sensible::example::example_actor();
    let resource = fhir_questionnaire_response(&record);
    assert_eq!(items(&resource, "followUp.item").len(), 2);
    let kind = items(&resource, "followUp.item.kind");
    assert_eq!(
        kind[1]["answer"][0]["valueCoding"]["code"],
        "conferenceHeld"
    );
    let outcome = items(&resource, "followUp.item.outcome");
    assert_eq!(outcome[0]["answer"][0]["valueCoding"]["code"], "icpc");
    let on = items(&resource, "followUp.item.on");
    assert_eq!(on[1]["answer"][0]["valueDate"], "2026-03-23");
    let plan = items(&resource, "followUp.item.plan");
    assert_eq!(plan[0]["answer"][0]["valueCoding"]["code"], "yes");
    let at = items(&resource, "followUp.item.at");
    assert_eq!(at[1]["answer"][0]["valueDateTime"], "2026-03-23T15:00:00Z");
    let categories = items(&resource, "followUp.item.categories");
    assert_eq!(
        categories[0]["answer"][0]["valueCoding"]["code"],
        "physical"
    );
    let name = items(&resource, "followUp.item.by.name");
    assert_eq!(name[0]["answer"][0]["valueString"], actor.name);
}

/// What the schema says a field holds, as the FHIR answer type it should get.
fn expected_answer(schema: &Value, node: &Value) -> Option<&'static str> {
    let defs = &schema["$defs"];
    // Through an optional value, a list's items and a reference, to the type itself.
    let mut node = node;
    loop {
        if let Some(options) = node["anyOf"].as_array() {
            node = options.iter().find(|option| option["type"] != "null")?;
        } else if node["type"] == "array" && !node["items"].is_null() {
            node = &node["items"];
        } else if let Some(reference) = node["$ref"].as_str() {
            let name = reference.trim_start_matches("#/$defs/");
            match name {
                "IsoDate" => return Some("valueDate"),
                "Timestamp" => return Some("valueDateTime"),
                "ClockTime" => return Some("valueTime"),
                _ => node = &defs[name],
            }
        } else {
            break;
        }
    }
    if node["oneOf"].is_array() || node["enum"].is_array() {
        return Some("valueCoding");
    }
    // An optional plain value: `["string", "null"]`.
    let kind = match &node["type"] {
        Value::Array(kinds) => kinds.iter().find(|kind| *kind != "null")?,
        kind => kind,
    };
    match kind.as_str()? {
        "string" => Some("valueString"),
        "boolean" => Some("valueBoolean"),
        "integer" => Some("valueInteger"),
        _ => None,
    }
}

/// The schema node of a question's `linkId` (`followUp.item.by.name`), from the record's root.
fn schema_node<'a>(schema: &'a Value, link_id: &str) -> Option<&'a Value> {
    let defs = &schema["$defs"];
    let mut node = schema;
    for segment in link_id.split('.').filter(|segment| *segment != "item") {
        // Down to the object that has the properties.
        loop {
            if let Some(options) = node["anyOf"].as_array() {
                node = options.iter().find(|option| option["type"] != "null")?;
            } else if node["type"] == "array" && !node["items"].is_null() {
                node = &node["items"];
            } else if let Some(reference) = node["$ref"].as_str() {
                node = &defs[reference.trim_start_matches("#/$defs/")];
            } else {
                break;
            }
        }
        node = node["properties"].get(segment)?;
    }
    Some(node)
}

/// Every answer of the export has the type the schema gives its field: a date as a date, a
/// code as a coding, free text as a string. A field added to the record is held to this
/// without being listed anywhere.
#[test]
fn every_fhir_answer_has_the_type_the_schema_gives_its_field() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("www/schema/decision-record.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    fn answers<'a>(item: &'a Value, out: &mut Vec<(&'a str, &'a Value)>) {
        if let Some(answer) = item["answer"].as_array() {
            for value in answer {
                out.push((item["linkId"].as_str().unwrap(), value));
            }
        }
        for child in item["item"].as_array().into_iter().flatten() {
            answers(child, out);
        }
    }
    let mut wrong = Vec::new();
    let mut checked = 0;
    for record in [
        risk_sensible::example::example_followed_up(),
        risk_sensible::example::large_meeting(),
    ] {
        let resource = fhir_questionnaire_response(&record);
        let mut found = Vec::new();
        for group in resource["item"].as_array().unwrap() {
            answers(group, &mut found);
        }
        for (link_id, answer) in found {
            let node = schema_node(&schema, link_id)
                .unwrap_or_else(|| panic!("{link_id} is not a field of the schema"));
            let expected = expected_answer(&schema, node)
                .unwrap_or_else(|| panic!("{link_id}: no answer type for {node}"));
            let actual = answer.as_object().unwrap().keys().next().unwrap().as_str();
            checked += 1;
            if actual != expected {
                wrong.push(format!("{link_id}: {actual}, the schema says {expected}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(checked > 500, "{checked} answers checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
