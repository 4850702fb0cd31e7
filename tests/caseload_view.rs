//! Server-side rendering of the caseload view on the host: the hot-spot table with its sort
//! buttons, paging, the themes as SVG charts beside their tables, and no inline styles (the
//! page's CSP refuses them). Only built with the web layer, never for wasm.
#![cfg(all(feature = "caseload", not(target_arch = "wasm32")))]

mod analysis_fixtures;
mod common;

use analysis_fixtures::*;
use risk_sensible::analysis::Summariser;
use risk_sensible::record::*;
use risk_sensible::view::{Caseload, CaseloadProps};
use std::rc::Rc;

fn overdue(index: usize) -> DecisionRecord {
    let mut record = record(
        &format!("rec-{index:03}"),
        &format!("NX-{index:03}"),
        "2026-03-02",
    );
    record.actions = vec![action(
        "Visit",
        Some("p2"),
        Some("2026-03-03"),
        ActionStatus::NotStarted,
    )]
    .into();
    record
}

async fn render(
    records: Vec<DecisionRecord>,
    problems: Vec<String>,
    suppress_below: u64,
) -> String {
    yew::ServerRenderer::<Caseload>::with_props(move || {
        let mut summariser = Summariser::new(settings("2026-03-16"));
        for record in &records {
            summariser.add_record(record);
        }
        let summary = Rc::new(summariser.finish());
        let themes = Rc::new(summary.theme_tables(suppress_below));
        CaseloadProps {
            summary,
            themes,
            problems: Rc::new(problems),
            id_prefix: "rsc9".into(),
            on_open: Default::default(),
        }
    })
    .hydratable(false)
    .render()
    .await
}

fn ids(html: &str) -> Vec<&str> {
    html.match_indices(r#" id=""#)
        .filter_map(|(at, _)| {
            let start = at + 5;
            let end = start + html[start..].find('"')?;
            Some(&html[start..end])
        })
        .collect()
}

#[tokio::test]
async fn the_hot_spot_table_has_sort_buttons_and_an_open_button_per_row() {
    let mut baby = overdue(1);
    baby.subjects[0].mobility = Mobility::PreMobile;
    let html = render(vec![baby, overdue(2)], Vec::new(), 5).await;
    assert!(html.contains(r#"aria-sort="descending" class="rs-caseload__sortable"><button type="button" class="rs-caseload__sort">Urgency"#));
    assert!(html.contains(r#"aria-sort="none" class="rs-caseload__sortable"><button type="button" class="rs-caseload__sort">Child"#));
    assert!(html
        .contains("Open record<span class=\"rs-visually-hidden\"> for NX-001 Child NX-001</span>"));
    assert!(html.contains("Sorted by urgency, most urgent first. Showing 1 to 2 of 2 children."));
    assert!(html.contains(r#"<option value="Police">Police</option>"#));
    let first = html.find("NX-001").unwrap();
    let second = html.find("NX-002").unwrap();
    assert!(first < second, "the baby comes first");
}

#[tokio::test]
async fn a_long_list_is_paged() {
    let records: Vec<DecisionRecord> = (0..120).map(overdue).collect();
    let html = render(records, Vec::new(), 5).await;
    assert_eq!(html.matches("rs-caseload__row").count(), 25);
    assert!(html.contains("Page 1 of 5"));
    assert!(html.contains("Showing 1 to 25 of 120 children."));
    assert!(html.contains(r#"<nav aria-label="Hot spot pages" class="rs-caseload__pages">"#));
}

#[tokio::test]
async fn themes_are_charts_beside_their_tables_and_nothing_is_styled_inline() {
    let mut records: Vec<DecisionRecord> = (0..12).map(overdue).collect();
    records[0].participants.push(participant(
        "p4",
        "Sam Teacher",
        "Education",
        Attendance::Attended,
    ));
    let html = render(
        records,
        vec!["Record 13 (records[12]): $: not a record".into()],
        5,
    )
    .await;
    assert!(
        !html.contains("style="),
        "inline styles are refused by the CSP"
    );
    let mut seen = ids(&html);
    let count = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), count, "element ids are unique");
    assert!(html.contains(r#"<svg role="img" aria-labelledby="rsc9-theme-attendance-chart-title""#));
    assert!(html.contains(
        "<title id=\"rsc9-theme-attendance-chart-title\">Bar chart: Attendance rate by agency."
    ));
    assert!(html.contains(r#"height="14" class="rs-caseload__bar"></rect>"#));
    assert!(html.contains(r#"aria-label="Agency attendance table""#));
    // One person from education: suppressed.
    assert!(html
        .contains(r#"<th scope="row">Education</th><td class="rs-caseload__number">&lt;5</td>"#));
    assert!(html.contains("Counts from 1 to 4 are shown as &lt;5"));
    assert!(html.contains("1 record could not be read and is left out:"));
    assert!(html.contains("Record 13 (records[12]): $: not a record"));
}

#[tokio::test]
async fn an_empty_caseload_says_so() {
    let html = render(Vec::new(), Vec::new(), 0).await;
    assert!(html.contains("No children match these filters."));
    assert!(html.contains("Small numbers are NOT suppressed"));
    assert!(!html.contains("<table class=\"rs-table rs-caseload__table\""));
}

/// Record text is isolated in the caseload as in the meeting's views (case references,
/// names, the agencies and owners offered as filters, the themes' rows); the flags, sentences
/// that quote it, and the reasons a record was left out show its bidirectional controls as
/// escapes. No text of the markup lets a control reach past the record text it came from.
#[tokio::test]
async fn bidirectional_controls_in_records_are_isolated_or_shown_as_escapes() {
    let mut record = overdue(1);
    record.dissent = vec![dissent("p2", EscalationStage::None, "")];
    let (mut hostile, planted) = common::with_hostile_bidi_everywhere(&record);
    assert!(planted > 10, "{planted}");
    // The people keep the ids the action and the dissent refer to, so that the flags name
    // them.
    for (participant, plain) in hostile.participants.iter_mut().zip(&record.participants) {
        participant.id = plain.id.clone();
    }
    for (action, plain) in hostile.actions.iter_mut().zip(&record.actions) {
        action.owner_id = plain.owner_id.clone();
    }
    hostile.dissent[0].participant_id = "p2".into();
    let html = render(
        vec![hostile, overdue(2)],
        vec!["Record 3 (x\u{202e}.json): $: not a record".into()],
        0,
    )
    .await;
    let leaks = common::bidi_leaks(&html);
    assert!(leaks.is_empty(), "{leaks:#?}");
    assert!(
        html.contains('\u{202E}'),
        "the records' own text is shown, isolated"
    );
    assert!(
        html.contains("Action \u{201c}Vi\\u{2069}\\u{202e}sit\u{201d} was due"),
        "the flag quotes the task with its controls as escapes: {html}"
    );
    assert!(html.contains("Record 3 (x\\u{202e}.json)"));
}
