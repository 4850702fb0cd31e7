//! Server-side rendering of the widget on the host: the markup a person's browser gets for
//! every stage, checked without a browser. Only built with the web layer, never for wasm.
#![cfg(all(feature = "web", not(target_arch = "wasm32")))]

mod common;

use risk_sensible::example::example_record;
use risk_sensible::meeting::{Command, Config, Item};
use risk_sensible::record::{Attendance, DecisionRecord, Participant};
use risk_sensible::session::Session;
use risk_sensible::view::{printed, App, AppProps, PrintChoice, Stage, WidgetContext};
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

/// What prints as the full minutes (the meeting's own file), inside the context `App`
/// provides.
#[derive(yew::Properties, PartialEq)]
struct PrintedMinutesProps {
    record: Rc<DecisionRecord>,
}

#[yew::function_component(PrintedMinutes)]
fn printed_minutes(props: &PrintedMinutesProps) -> yew::Html {
    let config = Rc::new(Config::default());
    let context = WidgetContext {
        id_prefix: "rs9".into(),
        config: config.clone(),
        session: Session::detached((*props.record).clone(), Default::default(), config, false),
    };
    let minutes = printed(&props.record, PrintChoice::Minutes, &context);
    yew::html! {
        <yew::ContextProvider<WidgetContext> {context}>
            { minutes }
        </yew::ContextProvider<WidgetContext>>
    }
}

async fn render_printed_minutes(record: DecisionRecord) -> String {
    yew::ServerRenderer::<PrintedMinutes>::with_props(move || PrintedMinutesProps {
        record: Rc::new(record),
    })
    .hydratable(false)
    .render()
    .await
}

/// The markup between the first `from` and the `to` after it.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = start + html[start..].find(to).unwrap_or_else(|| panic!("no {to}"));
    &html[start..end]
}

/// The text a reader sees: tags left out and character references read.
fn read_text(html: &str) -> String {
    text_of(html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Each enumeration's wire value, with the labels it is shown as (a value such as
/// `unknown` belongs to several enumerations).
fn enumeration_labels() -> std::collections::HashMap<String, Vec<&'static str>> {
    use risk_sensible::record::*;
    fn add<E: Labelled>(labels: &mut std::collections::HashMap<String, Vec<&'static str>>) {
        for value in E::all() {
            if let Ok(serde_json::Value::String(wire)) = serde_json::to_value(value) {
                labels.entry(wire).or_default().push(value.label());
            }
        }
    }
    let mut labels = std::collections::HashMap::new();
    add::<MeetingType>(&mut labels);
    add::<MeetingMode>(&mut labels);
    add::<Attendance>(&mut labels);
    add::<Tristate>(&mut labels);
    add::<SubjectRole>(&mut labels);
    add::<Mobility>(&mut labels);
    add::<InformationKind>(&mut labels);
    add::<SharingBasis>(&mut labels);
    add::<Sensitivity>(&mut labels);
    add::<AssessmentColumn>(&mut labels);
    add::<DecisionType>(&mut labels);
    add::<S47Outcome>(&mut labels);
    add::<ActionStatus>(&mut labels);
    add::<NotDoneReason>(&mut labels);
    add::<EscalationStage>(&mut labels);
    add::<Restriction>(&mut labels);
    add::<RecipientKind>(&mut labels);
    add::<ThresholdAnswer>(&mut labels);
    add::<BackgroundCheck>(&mut labels);
    add::<HarmCategory>(&mut labels);
    add::<ThresholdRoute>(&mut labels);
    add::<MedicalAuthority>(&mut labels);
    add::<StatutoryDuty>(&mut labels);
    add::<Article6Basis>(&mut labels);
    add::<SpecialCategoryCondition>(&mut labels);
    add::<Investigation>(&mut labels);
    labels
}

/// How a value of the record is expected to read in the minutes.
enum Expected {
    /// As it is: free text, and numbers.
    Text(String),
    /// One of these, in any case: an enumeration's labels, a participant's name.
    AnyOf(Vec<String>),
    /// Not shown as itself.
    Exempt,
}

/// The parts of the record the minutes leave out, by their key at the record's root.
const NOT_IN_THE_MINUTES: [(&str, &str); 4] = [
    ("schemaVersion", "the format's version, for machines"),
    (
        "meta",
        "the record's id, timestamps and digest: machinery (its status is shown in words)",
    ),
    (
        "audit",
        "the audit chain: machinery, exported with the record",
    ),
    (
        "wellbeingDebrief",
        "kept apart from the child's record by design",
    ),
];

/// How the value at `key` reads in the minutes of `record`.
fn expected(
    key: &str,
    value: &serde_json::Value,
    record: &DecisionRecord,
    labels: &std::collections::HashMap<String, Vec<&'static str>>,
) -> Expected {
    use risk_sensible::dates;
    use risk_sensible::record::{ClockTime, IsoDate, Timestamp};
    let text = match value {
        serde_json::Value::String(text) => text.trim(),
        serde_json::Value::Number(number) => return Expected::Text(number.to_string()),
        // A yes or no is shown in words, or not at all when it is no (`unborn`).
        _ => return Expected::Exempt,
    };
    let participant = record.participants.iter().find(|p| p.id == text);
    if key == "id" || key.ends_with("Id") || participant.is_some() {
        // A reference reads as the participant's name; an item's own id is not shown.
        return match participant {
            Some(participant) => Expected::AnyOf(vec![participant.name.clone()]),
            None => Expected::Exempt,
        };
    }
    if key == "list" {
        // The list an item approved for the family's copy is in (the copy is its own print).
        return Expected::Exempt;
    }
    if let Some(labels) = labels.get(text) {
        return Expected::AnyOf(labels.iter().map(|label| label.to_string()).collect());
    }
    if let Ok(date) = text.parse::<IsoDate>() {
        return Expected::Text(dates::long_date(date));
    }
    if let Ok(time) = text.parse::<ClockTime>() {
        return Expected::Text(dates::clock(time));
    }
    if let Ok(at) = text.parse::<Timestamp>() {
        return Expected::Text(dates::date_time_utc(at));
    }
    Expected::Text(text.to_string())
}

/// Every non-empty value of the record's JSON, with its path and key, outside the parts the
/// minutes leave out.
fn entered_values(record: &DecisionRecord) -> Vec<(String, String, serde_json::Value)> {
    fn walk(
        value: &serde_json::Value,
        path: String,
        key: &str,
        out: &mut Vec<(String, String, serde_json::Value)>,
    ) {
        match value {
            serde_json::Value::Object(members) => {
                for (member, value) in members {
                    if path.is_empty() && NOT_IN_THE_MINUTES.iter().any(|(root, _)| root == member)
                    {
                        continue;
                    }
                    walk(value, format!("{path}.{member}"), member, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{index}]"), key, out);
                }
            }
            serde_json::Value::String(text) if text.trim().is_empty() => {}
            serde_json::Value::Null => {}
            _ => out.push((path, key.to_string(), value.clone())),
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(record).unwrap(),
        String::new(),
        "",
        &mut out,
    );
    out
}

/// What of `record` the text `shown` leaves out.
fn missing_from(shown: &str, record: &DecisionRecord) -> Vec<String> {
    let labels = enumeration_labels();
    let lower = shown.to_lowercase();
    entered_values(record)
        .into_iter()
        .filter_map(
            |(path, key, value)| match expected(&key, &value, record, &labels) {
                Expected::Text(text) if !shown.contains(&text) => Some(format!("{path}: {text}")),
                Expected::AnyOf(options)
                    if !options
                        .iter()
                        .any(|option| lower.contains(&option.to_lowercase())) =>
                {
                    Some(format!("{path}: {value} (as one of {options:?})"))
                }
                _ => None,
            },
        )
        .collect()
}

/// Check your answers and the printed minutes show every value entered in the example
/// record, restricted items revealed: free text as typed, dates and times in words, choices
/// as their labels and participants by name. Only what [`NOT_IN_THE_MINUTES`] lists (the
/// wellbeing debrief and the record's machinery) and items' own ids are left out.
#[tokio::test]
async fn check_your_answers_and_the_printed_minutes_show_every_field_entered() {
    for final_record in [false, true] {
        let record = example_record(final_record);
        let app = render_with(record.clone(), Stage::Finalise, false).await;
        let check = if final_record {
            between(&app, "rs-finalise__final", "rs-finalise__amend")
        } else {
            between(&app, "rs-finalise__check", "rs-finalise__action")
        };
        let missing = missing_from(&read_text(check), &record);
        assert!(
            missing.is_empty(),
            "check your answers (final: {final_record}) leaves out:\n{}",
            missing.join("\n")
        );
        let printed = read_text(&render_printed_minutes(record.clone()).await);
        assert!(printed.contains("Minutes of the strategy meeting"));
        let missing = missing_from(&printed, &record);
        assert!(
            missing.is_empty(),
            "the printed minutes (final: {final_record}) leave out:\n{}",
            missing.join("\n")
        );
    }
}

/// A cell of the minutes' tables that holds a word longer than any English one (a link) is
/// marked to break anywhere, so that its table fits a printed page; no other cell is, so a
/// column of short words keeps them whole.
#[tokio::test]
async fn only_a_minutes_cell_holding_a_link_may_break_anywhere() {
    const MARK: &str = r#"data-words="long""#;
    let plain = render_printed_minutes(example_record(false)).await;
    assert_eq!(plain.matches(MARK).count(), 0);

    let link = "https://intranet.example.org/cases/NS-204518/documents/77";
    let mut record = example_record(false);
    record.information[0].content = format!("Seen at a routine visit: {link}");
    record.decisions[0].evidence = format!("The case file, {link}");
    let printed = render_printed_minutes(record).await;
    let marked: Vec<&str> = printed
        .match_indices(MARK)
        .map(|(at, _)| {
            let cell = &printed[at..];
            &cell[..cell.find("</t").expect("the cell's end")]
        })
        .collect();
    assert_eq!(marked.len(), 2, "{marked:#?}");
    assert!(marked.iter().all(|cell| cell.contains(link)), "{marked:#?}");
}

/// On a shared screen check your answers hides every text of a restricted item, the fields
/// beyond its table's columns included.
#[tokio::test]
async fn check_your_answers_on_a_shared_screen_hides_every_field_of_a_restricted_item() {
    let record = example_record(false);
    let html = render_with(record.clone(), Stage::Finalise, true).await;
    let shown = read_text(between(&html, "rs-finalise__check", "rs-finalise__action"));
    assert!(shown.contains("Hidden on the shared screen"));
    let json = serde_json::to_value(&record).unwrap();
    let mut checked = 0;
    for list in [
        "subjects",
        "information",
        "gaps",
        "tools",
        "decisions",
        "risks",
        "actions",
        "contingencies",
        "dissent",
        "familyCommunication",
    ] {
        for item in json[list].as_array().unwrap() {
            let restricted = item["restrictions"]
                .as_array()
                .is_none_or(|labels| !labels.is_empty());
            if !restricted {
                continue;
            }
            for (key, value) in item.as_object().unwrap() {
                // Sentences, which do not appear elsewhere by chance as a name or an agency
                // may.
                let Some(text) = value.as_str().filter(|text| text.split(' ').count() > 3) else {
                    continue;
                };
                checked += 1;
                assert!(!shown.contains(text), "{list}.{key} is shown: {text}");
            }
        }
    }
    assert!(checked > 10, "{checked} texts checked");
}

/// The shared screen's copy leaves restricted items out; where it has, the screen says how
/// many (never what) instead of "No … recorded yet", for a list that shows nothing, a list
/// that shows some of its items, a section and the meeting's reason.
#[tokio::test]
async fn the_shared_screen_says_how_many_restricted_items_it_does_not_show() {
    use risk_sensible::copy::shared_screen_copy;
    use risk_sensible::record::{InformationItem, Restriction, Restrictions};
    let item = |index: usize, restrictions: Restrictions| InformationItem {
        id: format!("i{index}"),
        source_agency: "Police".into(),
        content: format!("TOKEN-{index}-END"),
        restrictions: Some(restrictions),
        ..InformationItem::default()
    };
    let police = || Restrictions::of(&[Restriction::PoliceSensitive]);
    let mut record = example_record(false);
    record.information = vec![item(0, police()), item(1, police())].into();
    let screen = render(shared_screen_copy(&record), Stage::Information).await;
    assert!(
        screen.contains("2 restricted items are not sent to the shared screen."),
        "{}",
        text_of(&screen)
    );
    assert!(!screen.contains("No information item recorded yet"));
    assert!(!screen.contains("TOKEN-"));

    record.information.push(item(2, Restrictions::none()));
    let screen = render(shared_screen_copy(&record), Stage::Information).await;
    assert!(screen.contains("TOKEN-2-END"));
    assert!(screen.contains("2 restricted items are not sent to the shared screen."));

    // The chair's own window, with nothing left out, says nothing of the kind.
    let chair = render(record.clone(), Stage::Information).await;
    assert!(!chair.contains("not sent to the shared screen"));

    record.child_voice.words = "CHILD-WORDS-TOKEN".into();
    record.child_voice.restrictions = Some(police());
    let screen = render(shared_screen_copy(&record), Stage::ChildVoice).await;
    assert!(screen.contains("This section is restricted and not sent to the shared screen."));
    assert!(!screen.contains("CHILD-WORDS-TOKEN"));

    record.meeting.reason = "REASON-TOKEN".into();
    record.meeting.restrictions = Some(police());
    let screen = render(shared_screen_copy(&record), Stage::Meeting).await;
    assert!(screen
        .contains("The reason for the meeting is restricted and not sent to the shared screen."));
    assert!(!screen.contains("REASON-TOKEN"));
}

/// The outcome code is known only after the meeting: a new decision's form never offers it,
/// and a decision of an earlier record that holds one shows it, in the minutes and in its
/// form, so it can be read and cleared.
#[tokio::test]
async fn the_outcome_code_is_kept_from_an_earlier_record_and_never_offered_for_a_new_decision() {
    let mut record = example_record(false);
    let app = render_with(record.clone(), Stage::Decisions, false).await;
    assert!(
        app.contains("-decision-decisionType"),
        "the decision form is drawn"
    );
    assert!(
        !app.contains("-decision-outcomeCode"),
        "no outcome code offered"
    );
    record.decisions[0].outcome_code = Some(risk_sensible::record::S47Outcome::Icpc);
    let app = render_with(record, Stage::Finalise, false).await;
    let check = read_text(between(&app, "rs-finalise__check", "rs-finalise__action"));
    assert!(
        check.contains("Outcome code (Standard Safeguarding Dataset)"),
        "{check}"
    );
}

/// What happened after the meeting prints after the amendments, each follow-up with who
/// recorded it and when.
#[tokio::test]
async fn follow_ups_print_after_the_meeting() {
    let record = risk_sensible::example::example_followed_up();
    let printed = read_text(&render_printed_minutes(record).await);
    let after = printed
        .split("After the meeting")
        .nth(1)
        .expect("a section for what happened after the meeting");
    for words in [
        "The outcome of the section 47 enquiry",
        "ICPC",
        "The initial child protection conference was held",
        "child protection plan: Yes",
        "category: Physical abuse",
        "Chaired by an independent reviewing officer; both parents attended.",
        "by Amara Okafor (Children's social care)",
    ] {
        assert!(after.contains(words), "{words}: {after}");
    }
}
