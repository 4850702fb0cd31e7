//! Server-side rendering of the widget on the host: the markup a person's browser gets for
//! every stage, checked without a browser. Only built with the web layer, never for wasm.
#![cfg(all(feature = "web", not(target_arch = "wasm32")))]

mod common;

use risk_sensible::example::example_record;
use risk_sensible::meeting::{Command, Config, Item};
use risk_sensible::record::{Attendance, DecisionRecord, Participant};
use risk_sensible::session::Session;
use risk_sensible::view::{App, AppProps, Stage};
use std::rc::Rc;

async fn render_with(record: DecisionRecord, stage: Stage, screen_safe: bool) -> String {
    yew::ServerRenderer::<App>::with_props(move || AppProps {
        session: Session::detached(
            record,
            Default::default(),
            Rc::new(Config::default()),
            false,
        ),
        id_prefix: "rs9".into(),
        chair_mode: false,
        screen_safe,
        initial_stage: stage,
        shared_screen: None,
    })
    .hydratable(false)
    .render()
    .await
}

async fn render(record: DecisionRecord, stage: Stage) -> String {
    render_with(record, stage, true).await
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

/// Every `id="…"` in the markup.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(r#" id=""#)
        .filter_map(|(at, _)| {
            let start = at + 5;
            let end = start + html[start..].find('"')?;
            Some(&html[start..end])
        })
        .collect()
}

fn empty_record() -> DecisionRecord {
    DecisionRecord::new("id-1".into(), "2026-03-02T09:00:00Z".parse().unwrap())
}

#[tokio::test]
async fn every_control_on_every_stage_has_a_label_and_ids_are_unique() {
    for stage in Stage::ALL {
        let html = render(example_record(false), stage).await;
        let all = ids(&html);
        let mut seen = std::collections::HashSet::new();
        for id in &all {
            assert!(seen.insert(*id), "{stage:?}: duplicate id {id}");
        }
        // Every input, select and textarea is labelled by a <label for> (radios included).
        for tag in ["<input", "<select", "<textarea"] {
            for (at, _) in html.match_indices(tag) {
                let end = at + html[at..].find('>').unwrap();
                let element = &html[at..end];
                let id_start = element.find(r#" id=""#).expect("controls have ids") + 5;
                let id = &element[id_start..id_start + element[id_start..].find('"').unwrap()];
                assert!(
                    label_text(&html, id).is_some(),
                    "{stage:?}: {id} has no label"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_meeting_stage_labels_its_fields() {
    let html = render(empty_record(), Stage::Meeting).await;
    for (id, label) in [
        ("rs9-meeting-date", "Date of meeting"),
        ("rs9-meeting-time", "Start time"),
        ("rs9-meeting-reason", "Reason for the meeting"),
        ("rs9-meeting-chair", "Chair"),
    ] {
        assert_eq!(
            label_text(&html, id).as_deref(),
            Some(label),
            "label of {id}"
        );
    }
}

#[tokio::test]
async fn the_task_list_shows_every_stage_with_its_state() {
    let html = render(empty_record(), Stage::Meeting).await;
    for stage in Stage::ALL {
        assert!(
            html.contains(stage.title().replace('\'', "&#39;").as_str())
                || html.contains(stage.title()),
            "{stage:?}"
        );
    }
    assert!(html.contains("Not started"));
    // Calm until asked: an empty meeting shows no error before anyone has typed.
    assert!(!html.contains("Error:"), "an error on an empty meeting");
    assert!(!html.contains("Needs attention"));
    let mut record = example_record(false);
    record.actions[0].owner_id = None;
    let html = render(record, Stage::Meeting).await;
    // The action without an owner is a problem, but no stage has been checked yet.
    assert!(html.contains("In progress"));
    assert!(html.contains("Ready"));
    assert!(!html.contains("Needs attention"));
    // Finalising checks every stage.
    let mut record = example_record(false);
    record.actions[0].owner_id = None;
    let html = render(record, Stage::Finalise).await;
    assert!(html.contains("Needs attention"));
}

#[tokio::test]
async fn participants_are_rendered_as_table_rows_with_named_buttons_and_escaped_text() {
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
    let html = render(record, Stage::Meeting).await;
    assert!(html.contains("Participants (1)"));
    assert!(html.contains("Ruth &lt;b&gt;Adeyemi&lt;/b&gt;"));
    assert!(!html.contains("<b>Adeyemi</b>"));
    assert!(html.contains(r#"id="rs9-participant-p1-change""#));
}

#[tokio::test]
async fn restricted_items_are_masked_on_a_shared_screen_and_shown_when_screen_safe_is_off() {
    let police_only = "Two call-outs to the address in 2025";
    let masked = render(example_record(false), Stage::Information).await;
    let screen = masked.split("rs-print-only").next().unwrap();
    assert!(
        !screen.contains(police_only),
        "restricted content leaked to the screen"
    );
    assert!(screen.contains("Hidden on the shared screen"));
    assert!(screen.contains("Show restricted items"));
    let shown = render_with(example_record(false), Stage::Information, false).await;
    let screen = shown.split("rs-print-only").next().unwrap();
    assert!(screen.contains(police_only));
}

/// Every restriction, each on its own, and no label at all mask an item on a shared screen;
/// only an item with no restriction is shown. Checked on a list stage and on a section.
#[tokio::test]
async fn every_restriction_and_a_missing_label_mask_an_item_on_a_shared_screen() {
    use risk_sensible::record::{InformationItem, Restriction, Restrictions};
    let mut labels: Vec<Option<Restrictions>> = Restriction::ALL
        .iter()
        .map(|restriction| Some(Restrictions::of(&[*restriction])))
        .collect();
    labels.push(None);
    let mut record = example_record(false);
    record.information.clear();
    for (index, label) in labels
        .iter()
        .chain([&Some(Restrictions::none())])
        .enumerate()
    {
        record.information.push(InformationItem {
            id: format!("i{index}"),
            source_agency: "Police".into(),
            content: format!("TOKEN-{index}-END"),
            restrictions: label.clone(),
            ..InformationItem::default()
        });
    }
    let html = render(record.clone(), Stage::Information).await;
    let screen = html.split("rs-print-only").next().unwrap();
    for (index, label) in labels.iter().enumerate() {
        assert!(
            !screen.contains(&format!("TOKEN-{index}-END")),
            "{label:?} is shown on the shared screen"
        );
    }
    let open = labels.len();
    assert!(screen.contains(&format!("TOKEN-{open}-END")));

    for label in labels.iter().chain([&Some(Restrictions::none())]) {
        let mut record = example_record(false);
        record.child_voice.words = "CHILD-WORDS-TOKEN".into();
        record.child_voice.restrictions = label.clone();
        let html = render(record, Stage::ChildVoice).await;
        let screen = html.split("rs-print-only").next().unwrap();
        assert_eq!(
            screen.contains("CHILD-WORDS-TOKEN"),
            *label == Some(Restrictions::none()),
            "the child's words under {label:?}"
        );
    }
}

#[tokio::test]
async fn the_scales_stage_shows_the_spread_and_never_an_average() {
    let html = render(example_record(false), Stage::Scales).await;
    assert!(html.contains("The views differ by 3 points, from 2 to 5"));
    assert!(html.contains("Record dissent"));
    assert!(!html.to_lowercase().contains("average"));
    assert!(!html.to_lowercase().contains("mean score"));
}

#[tokio::test]
async fn a_final_record_shows_its_digest_and_offers_only_amendment() {
    let record = example_record(true);
    let digest = record.meta.digest.clone().unwrap();
    let html = render(record, Stage::Finalise).await;
    // Short on screen, whole behind "Show the full digest" (and in print), with a copy button.
    let hex = &digest["sha256:".len()..];
    let short = format!("{} {} {}…", &hex[..4], &hex[4..8], &hex[8..12]);
    assert!(html.contains(&short), "{short}");
    assert!(html.contains(&digest));
    assert!(html.contains("Show the full digest"));
    assert!(html.contains("the full digest</span></button>"));
    assert!(html.contains("Add amendment"));
    let risks = render(example_record(true), Stage::Risks).await;
    assert!(!risks.contains("Add risk"), "no add form on a final record");
    assert!(!risks.contains(">Remove<"));
}

/// The markup's text, tags and their attributes left out (a date input's value is ISO, as
/// the browser needs it).
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    text
}

/// Where an ISO date (`2026-03-02`) starts in `text`.
fn iso_date(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find(|&at| {
        let digits =
            |range: std::ops::Range<usize>| range.clone().all(|i| bytes[at + i].is_ascii_digit());
        digits(0..4)
            && bytes[at + 4] == b'-'
            && digits(5..7)
            && bytes[at + 7] == b'-'
            && digits(8..10)
    })
}

/// Dates and times read as words on every stage, a draft's and a final record's (server-side,
/// the core's English; in a browser, its locale): no ISO date or timestamp is shown.
#[tokio::test]
async fn no_stage_shows_a_date_or_time_as_iso() {
    for final_record in [false, true] {
        for stage in Stage::ALL {
            let text = text_of(&render_with(example_record(final_record), stage, false).await);
            if let Some(at) = iso_date(&text) {
                panic!(
                    "{stage:?}: {}",
                    &text[at.saturating_sub(40)..(at + 40).min(text.len())]
                );
            }
        }
    }
    let actions = text_of(&render(example_record(false), Stage::Actions).await);
    assert!(actions.contains("3 March 2026"), "an action's due date");
    let check = text_of(&render(example_record(false), Stage::Finalise).await);
    assert!(
        check.contains("2 March 2026, 10:30"),
        "the meeting's date and time"
    );
    let review = text_of(&render(example_record(false), Stage::Review).await);
    assert!(review.contains("3 March 2026"), "the distribution clock");
    let record = example_record(true);
    let finalised = record.meta.finalised_at.unwrap();
    let final_view = text_of(&render(record, Stage::Finalise).await);
    assert!(final_view.contains(&risk_sensible::dates::date_time_utc(finalised)));
}

/// A right-to-left override or a stray POP DIRECTIONAL ISOLATE in any text of the record
/// (names, free text, ids, references, an amendment) is isolated wherever a stage shows it,
/// check-your-answers and the record's final view included: no text of the markup lets a
/// control reach the words around the record text it came from (`bidi::isolate`).
#[tokio::test]
async fn bidirectional_controls_in_record_text_are_isolated_on_every_stage() {
    let (record, planted) = common::with_hostile_bidi_everywhere(&example_record(false));
    assert!(planted > 100, "{planted} texts planted");
    for stage in Stage::ALL {
        let html = render_with(record.clone(), stage, false).await;
        assert!(
            html.contains('\u{202E}'),
            "{stage:?}: the planted text is shown"
        );
        let leaks = common::bidi_leaks(&html);
        assert!(leaks.is_empty(), "{stage:?}: {leaks:#?}");
    }

    let mut amended = example_record(true);
    common::run(
        &mut amended,
        Command::Amend {
            reason: "The medical was misrecorded".into(),
            change: "Ava needs a child protection medical".into(),
            restrictions: None,
        },
    )
    .unwrap();
    let (amended, _) = common::with_hostile_bidi_everywhere(&amended);
    let html = render_with(amended, Stage::Finalise, false).await;
    assert!(html.contains("Amendments"));
    let leaks = common::bidi_leaks(&html);
    assert!(leaks.is_empty(), "{leaks:#?}");
}
