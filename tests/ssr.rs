//! Server-side rendering of the widget on the host: the markup a person's browser gets,
//! checked without a browser. Only built with the web layer, and never for wasm.
#![cfg(all(feature = "web", not(target_arch = "wasm32")))]

mod common;

use risk_sensible::meeting::{Command, Config, Item};
use risk_sensible::record::{Attendance, DecisionRecord, Participant};
use risk_sensible::view::{App, AppProps};
use std::rc::Rc;

async fn render(record: DecisionRecord) -> String {
    yew::ServerRenderer::<App>::with_props(move || AppProps {
        record,
        config: Rc::new(Config::default()),
        actor: Default::default(),
        id_prefix: "rs9".into(),
        on_change: Default::default(),
    })
    .hydratable(false)
    .render()
    .await
}

/// The text of the `<label>` whose `for` is `id`.
fn label_text(html: &str, id: &str) -> Option<String> {
    let for_attribute = format!(r#"for="{id}""#);
    let start = html.match_indices("<label").find_map(|(at, _)| {
        let tag_end = at + html[at..].find('>')?;
        html[at..tag_end]
            .contains(&for_attribute)
            .then_some(tag_end + 1)
    })?;
    let end = start + html[start..].find("</label>")?;
    Some(html[start..end].to_string())
}

fn empty_record() -> DecisionRecord {
    DecisionRecord::new("id-1".into(), "2026-03-02T09:00:00Z".parse().unwrap())
}

#[tokio::test]
async fn every_field_has_a_label_tied_to_its_control() {
    let html = render(empty_record()).await;
    for (id, label) in [
        ("rs9-meeting-date", "Date of meeting"),
        ("rs9-meeting-time", "Start time"),
        ("rs9-meeting-reason", "Reason for the meeting"),
        ("rs9-meeting-chair", "Chair"),
        ("rs9-participant-name", "Full name"),
        ("rs9-participant-role", "Role"),
        ("rs9-participant-agency", "Agency"),
    ] {
        assert_eq!(
            label_text(&html, id).as_deref(),
            Some(label),
            "label of {id}"
        );
        assert!(html.contains(&format!(r#"id="{id}""#)), "no control {id}");
    }
}

#[tokio::test]
async fn an_empty_record_lists_what_is_missing_before_finalising() {
    let html = render(empty_record()).await;
    assert!(html.contains("No participants yet"));
    assert!(html.contains("Select the type of meeting"));
    assert!(html.contains("No one from Police is listed"));
}

#[tokio::test]
async fn participants_are_rendered_as_table_rows_with_named_buttons() {
    let mut record = empty_record();
    common::run(
        &mut record,
        Command::Add(Item::Participant(Participant {
            name: "Ruth <b>Adeyemi</b>".into(),
            role: "Social worker".into(),
            agency: "Children's social care".into(),
            attendance: Attendance::Attended,
            ..Default::default()
        })),
    )
    .unwrap();
    let html = render(record).await;
    assert!(html.contains("Participants (1)"));
    // Text is escaped, never interpreted as markup.
    assert!(html.contains("Ruth &lt;b&gt;Adeyemi&lt;/b&gt;"));
    assert!(!html.contains("<b>Adeyemi</b>"));
    assert!(html.contains(r#"id="rs9-participant-p1-change""#));
    // The chair picker offers the attending participant.
    assert!(html.contains(r#"<option value="p1""#));
}
