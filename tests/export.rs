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
