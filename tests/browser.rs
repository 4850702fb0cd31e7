//! Browser tests: the real widget mounted into a fresh element in headless Chromium, driven
//! through DOM events as a person's keyboard would. Run by `scripts/test.sh` through
//! wasm-bindgen-test-runner and ChromeDriver.
#![cfg(target_arch = "wasm32")]

#[path = "common/sealed_text.rs"]
mod sealed_text;

use risk_sensible::embed::{mount, WidgetHandle};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew render what the last event scheduled.
async fn settle() {
    yew::platform::time::sleep(Duration::ZERO).await;
    yew::platform::time::sleep(Duration::ZERO).await;
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_element() -> Element {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn mount_fresh() -> (Element, WidgetHandle) {
    let element = fresh_element();
    let handle = mount(element.clone(), JsValue::UNDEFINED).unwrap();
    (element, handle)
}

/// A record as a host holds it: a plain object.
fn host_value(record: &risk_sensible::record::DecisionRecord) -> JsValue {
    js_sys::JSON::parse(&risk_sensible::record::import::export(record)).unwrap()
}

/// A widget mounted on `record` with `options` beside it, after its first draw.
async fn mount_with_record(
    record: &risk_sensible::record::DecisionRecord,
    options: js_sys::Object,
) -> (Element, WidgetHandle) {
    js_sys::Reflect::set(&options, &"record".into(), &host_value(record)).unwrap();
    let root = fresh_element();
    let handle = mount(root.clone(), options.into()).unwrap();
    settle().await;
    (root, handle)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector} in {}", root.inner_html()))
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn type_into(root: &Element, selector: &str, text: &str) {
    let input = find(root, selector);
    input.unchecked_ref::<HtmlInputElement>().set_value(text);
    fire(&input, "input");
}

fn choose(root: &Element, selector: &str, value: &str) {
    let select = find(root, selector);
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    fire(&select, "change");
}

fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_ref::<HtmlElement>().click();
}

/// The button whose text (including visually hidden text) is `name`.
fn button_named(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|index| buttons.item(index))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn record_participants(handle: &WidgetHandle) -> js_sys::Array {
    let record = handle.record().unwrap();
    js_sys::Reflect::get(&record, &"participants".into())
        .unwrap()
        .unchecked_into()
}

/// Opens a stage from the task list, as a person would.
async fn open_stage(root: &Element, title: &str) {
    let links = root.query_selector_all(".rs-task-list__link").unwrap();
    let link = (0..links.length())
        .filter_map(|index| links.item(index))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|link| link.text_content().unwrap_or_default().ends_with(title))
        .unwrap_or_else(|| panic!("no stage {title:?}"));
    link.click();
    settle().await;
    let heading = find(root, ".rs-stage__title")
        .text_content()
        .unwrap_or_default();
    assert_eq!(heading.trim(), title, "the stage opened");
}

async fn add_participant(root: &Element, name: &str, role: &str, agency: &str) {
    if root
        .query_selector("[id$=-participant-name]")
        .unwrap()
        .is_none()
    {
        open_stage(root, "Attendance and reason").await;
    }
    type_into(root, "[id$=-participant-name]", name);
    type_into(root, "[id$=-participant-role]", role);
    choose(root, "[id$=-participant-agency]", agency);
    settle().await;
    click(root, ".rs-participants__form button[type=submit]");
    settle().await;
}

#[wasm_bindgen_test]
async fn adding_a_participant_shows_them_and_puts_them_in_the_record() {
    let (root, handle) = mount_fresh();
    settle().await;
    let changes = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = changes.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(Event)>::new(move |_| {
        counter.set(counter.get() + 1)
    });
    root.add_event_listener_with_callback(
        "risk-sensible:change",
        listener.as_ref().unchecked_ref(),
    )
    .unwrap();

    add_participant(
        &root,
        "Ruth Adeyemi",
        "Social worker",
        "Children's social care",
    )
    .await;

    let row = find(&root, ".rs-participants__table tbody tr");
    let text = row.text_content().unwrap();
    assert!(
        text.contains("Ruth Adeyemi") && text.contains("Social worker"),
        "{text}"
    );
    let participants = record_participants(&handle);
    assert_eq!(participants.length(), 1);
    let name = js_sys::Reflect::get(&participants.get(0), &"name".into()).unwrap();
    assert_eq!(name.as_string().as_deref(), Some("Ruth Adeyemi"));
    assert_eq!(changes.get(), 1, "one change event per change");
    // The form is ready for the next person, with focus back in the name field.
    let name_input = find(&root, "[id$=-participant-name]");
    assert_eq!(name_input.unchecked_ref::<HtmlInputElement>().value(), "");
    assert_eq!(document().active_element(), Some(name_input));
    drop(listener);
}

#[wasm_bindgen_test]
async fn an_empty_submit_shows_an_error_summary_that_links_to_each_field() {
    let (root, handle) = mount_fresh();
    settle().await;
    open_stage(&root, "Attendance and reason").await;
    click(&root, ".rs-participants__form button[type=submit]");
    settle().await;
    let summary = find(&root, ".rs-error-summary");
    assert_eq!(
        document().active_element(),
        Some(summary.clone()),
        "focus moves to the summary"
    );
    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 3);
    assert_eq!(record_participants(&handle).length(), 0);
    // Inline errors sit by their fields.
    assert!(find(&root, "[id$=-participant-role-error]")
        .text_content()
        .unwrap()
        .contains("Enter the participant's role"));
    // Following the agency link focuses the agency field.
    links
        .item(2)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    let agency = find(&root, "[id$=-participant-agency]");
    assert_eq!(document().active_element(), Some(agency));
}

#[wasm_bindgen_test]
async fn changing_a_participant_edits_them_in_place() {
    let (root, handle) = mount_fresh();
    settle().await;
    add_participant(&root, "Tom Reyes", "Detective sergeant", "Police").await;
    button_named(&root, "Change Tom Reyes").click();
    settle().await;
    assert_eq!(
        find(&root, "[id$=-participant-role]")
            .unchecked_ref::<HtmlInputElement>()
            .value(),
        "Detective sergeant"
    );
    type_into(&root, "[id$=-participant-role]", "Detective inspector");
    settle().await;
    button_named(&root, "Save changes").click();
    settle().await;
    let participants = record_participants(&handle);
    assert_eq!(participants.length(), 1);
    let role = js_sys::Reflect::get(&participants.get(0), &"role".into()).unwrap();
    assert_eq!(role.as_string().as_deref(), Some("Detective inspector"));
}

#[wasm_bindgen_test]
async fn removing_the_chair_is_refused_on_screen_and_the_record_keeps_them() {
    let (root, handle) = mount_fresh();
    settle().await;
    add_participant(
        &root,
        "Amara Okafor",
        "Team manager",
        "Children's social care",
    )
    .await;
    open_stage(&root, "Attendance and reason").await;
    choose(&root, "[id$=-meeting-chair]", "p1");
    settle().await;
    open_stage(&root, "Attendance and reason").await;
    button_named(&root, "Remove Amara Okafor").click();
    settle().await;
    let alert = find(&root, ".rs-notice--refusal");
    assert!(alert.text_content().unwrap().contains("chair"));
    assert_eq!(record_participants(&handle).length(), 1);
    // Once the chair is changed, removal goes through.
    open_stage(&root, "Attendance and reason").await;
    choose(&root, "[id$=-meeting-chair]", "");
    settle().await;
    open_stage(&root, "Attendance and reason").await;
    button_named(&root, "Remove Amara Okafor").click();
    settle().await;
    assert_eq!(record_participants(&handle).length(), 0);
    assert!(root
        .query_selector(".rs-notice--refusal")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_keep_their_own_records_and_ids() {
    let (first, first_handle) = mount_fresh();
    let (second, second_handle) = mount_fresh();
    settle().await;
    add_participant(&first, "Jo Bell", "Teacher", "Education").await;
    assert_eq!(record_participants(&first_handle).length(), 1);
    assert_eq!(record_participants(&second_handle).length(), 0);
    open_stage(&second, "Attendance and reason").await;
    let first_id = find(&first, "[id$=-participant-name]").id();
    let second_id = find(&second, "[id$=-participant-name]").id();
    assert_ne!(first_id, second_id);
}

#[wasm_bindgen_test]
async fn destroy_empties_the_element_and_unknown_options_are_refused() {
    let (root, handle) = mount_fresh();
    settle().await;
    assert!(root.child_element_count() > 0);
    handle.destroy();
    settle().await;
    assert_eq!(root.child_element_count(), 0);

    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"colour".into(), &"blue".into()).unwrap();
    let error = mount(fresh_element(), options.into())
        .err()
        .expect("unknown option refused");
    let message = JsValue::from(error);
    let text = js_sys::Reflect::get(&message, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(text.contains("colour"), "{text}");
}

/// The message `mount` throws with these options.
fn mount_error(options: &js_sys::Object) -> String {
    let error = mount(fresh_element(), options.clone().into())
        .err()
        .expect("refused");
    js_sys::Reflect::get(&JsValue::from(error), &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// A storage key ending as a wellbeing debrief's or a draft's journal's does is refused:
/// under it, two meetings would overwrite each other's draft and debrief, or journal.
#[wasm_bindgen_test]
async fn a_storage_key_that_would_name_another_meetings_debrief_is_refused() {
    let options = js_sys::Object::new();
    for suffix in [":debrief", ":journal"] {
        let key = format!("case-1{suffix}");
        js_sys::Reflect::set(&options, &"storageKey".into(), &key.into()).unwrap();
        let text = mount_error(&options);
        assert!(
            text.contains(&format!(r#"storageKey must not end in "{suffix}""#)),
            "{text}"
        );
    }
    js_sys::Reflect::set(&options, &"storageKey".into(), &"case-1:debriefed".into()).unwrap();
    let root = fresh_element();
    let handle = mount(root, options.into()).expect("any other key is taken");
    handle.destroy();
}

/// `requiredRoles` adds to the statutory three and cannot drop one; finalising then needs
/// each role to have attended or sent its information.
#[wasm_bindgen_test]
async fn required_roles_add_to_the_statutory_three_and_finalising_asks_for_them() {
    let roles = |names: &[&str]| {
        let options = js_sys::Object::new();
        let list: js_sys::Array = names.iter().map(|name| JsValue::from_str(name)).collect();
        js_sys::Reflect::set(&options, &"requiredRoles".into(), &list).unwrap();
        options
    };
    let text = mount_error(&roles(&["police", "health"]));
    assert!(
        text.contains("requiredRoles must include childrensSocialCare"),
        "{text}"
    );
    let text = mount_error(&roles(&[
        "childrensSocialCare",
        "police",
        "health",
        "probation",
    ]));
    assert!(text.contains("requiredRoles"), "{text}");

    // The example's nursery manager sent apologies for education.
    let options = roles(&["childrensSocialCare", "police", "health", "education"]);
    let record = risk_sensible::example::example_record(false);
    let (root, _handle) = mount_with_record(&record, options).await;
    open_stage(&root, "Check and finalise").await;
    let shown = root.text_content().unwrap();
    assert!(
        shown.contains("Only apologies from education (Kate Lindqvist (Education))"),
        "{shown}"
    );
}

/// An invited person is matched to the one recorded whatever the case of their name, by
/// Unicode's rules (the browser's own lower case): once "Zoë Ng" is added, the invitation
/// for "ZOË NG" is no longer waiting to be marked, and "Zoe Ng" still is.
#[wasm_bindgen_test]
async fn an_invitation_is_matched_to_the_person_recorded_whatever_the_case_of_their_name() {
    let options = js_sys::JSON::parse(
        r#"{"participants": [
            {"name": "ZOË NG", "role": "Social worker", "agency": "CHILDREN'S SOCIAL CARE"},
            {"name": "Zoe Ng", "role": "Detective", "agency": "Police"}
        ]}"#,
    )
    .unwrap();
    let root = fresh_element();
    let _handle = mount(root.clone(), options).unwrap();
    settle().await;
    open_stage(&root, "Attendance and reason").await;
    let waiting = |root: &Element| {
        find(root, ".rs-invited__heading")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(waiting(&root).trim(), "Invited, not yet marked (2)");
    add_participant(&root, "Zoë Ng", "Social worker", "Children's social care").await;
    assert_eq!(waiting(&root).trim(), "Invited, not yet marked (1)");
    let list = find(&root, ".rs-invited__list").text_content().unwrap();
    assert!(list.contains("Zoe Ng") && !list.contains("ZOË"), "{list}");
}

/// "Add everyone present to the distribution" leaves out who is listed already, whatever the
/// case of their name: a recipient "ZOË NG" is the "Zoë Ng" present.
#[wasm_bindgen_test]
async fn everyone_present_is_offered_for_the_distribution_but_those_listed_in_any_case() {
    let mut record = risk_sensible::example::example_record(false);
    let present: Vec<usize> = (0..record.participants.len())
        .filter(|&index| {
            record.participants[index].attendance == risk_sensible::record::Attendance::Attended
        })
        .collect();
    assert!(present.len() >= 2, "the example has people present");
    let first = &mut record.participants[present[0]];
    first.name = "Zoë Ng".into();
    record.distribution = vec![risk_sensible::record::Recipient {
        id: "e1".into(),
        name: "ZOË NG".into(),
        agency: first.agency.to_uppercase(),
        ..Default::default()
    }];
    let options = js_sys::Object::new();
    let (root, _handle) = mount_with_record(&record, options).await;
    open_stage(&root, "Timescales and distribution").await;
    let offered = find(&root, ".rs-distribution__from-present button")
        .text_content()
        .unwrap_or_default();
    assert_eq!(
        offered.trim(),
        format!(
            "Add everyone present to the distribution ({})",
            present.len() - 1
        )
    );
}

/// `timescales` sets the local timescales the clocks count; a timescale out of range, or a
/// misspelt one, is refused.
#[wasm_bindgen_test]
async fn timescales_set_the_clocks_and_bad_ones_are_refused() {
    let with = |timescales: &str| {
        let options = js_sys::Object::new();
        let value = js_sys::JSON::parse(timescales).unwrap();
        js_sys::Reflect::set(&options, &"timescales".into(), &value).unwrap();
        options
    };
    for (timescales, expected) in [
        (
            r#"{"icpc": 0}"#,
            "timescales: icpc must be from 1 to 250 working days (it is 0)",
        ),
        (
            r#"{"preBirthWeeks": 41}"#,
            "preBirthWeeks must be from 1 to 40 weeks",
        ),
        (r#"{"icpcDays": 10}"#, "icpcDays"),
    ] {
        let text = mount_error(&with(timescales));
        assert!(text.contains(expected), "{timescales}: {text}");
    }
    // The example: concern and meeting on Monday 2 March 2026, joint section 47 enquiries.
    // With the conference at 10 working days and the strategy discussion at 2, the clocks
    // say 16 March and 4 March.
    let options = with(r#"{"icpc": 10, "strategyDiscussion": 2}"#);
    let record = risk_sensible::example::example_record(false);
    let (root, _handle) = mount_with_record(&record, options).await;
    open_stage(&root, "Timescales and distribution").await;
    let clocks = find(&root, ".rs-clocks").text_content().unwrap();
    assert!(
        clocks.contains("Initial child protection conference by (10 working days)"),
        "{clocks}"
    );
    assert!(
        clocks.contains("Strategy discussion by (2 working days after the concern arose) (this meeting was held within it)"),
        "{clocks}"
    );
    let dates: Vec<String> = root
        .query_selector_all(".rs-clocks .rs-summary-list__value")
        .map(|list| {
            (0..list.length())
                .filter_map(|index| list.item(index)?.text_content())
                .collect()
        })
        .unwrap();
    let (strategy, conference) = (dates[0].clone(), dates[2].clone());
    for (shown, day) in [(strategy, "4"), (conference, "16")] {
        assert!(shown.contains(day) && shown.contains("2026"), "{shown}");
    }
}

fn write_text(root: &Element, selector: &str, text: &str) {
    let area = find(root, selector);
    area.unchecked_ref::<HtmlTextAreaElement>().set_value(text);
    fire(&area, "input");
}

/// The task list's status tag of a stage ("Not started", "In progress", "Ready", "Needs
/// attention").
fn stage_status(root: &Element, slug: &str) -> String {
    find(root, &format!("[id$=-task-{slug}-status]"))
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn record_list_length(handle: &WidgetHandle, list: &str) -> u32 {
    let record = handle.record().unwrap();
    js_sys::Reflect::get(&record, &list.into())
        .unwrap()
        .unchecked_into::<js_sys::Array>()
        .length()
}

/// The texts of a select's options.
fn option_labels(root: &Element, selector: &str) -> Vec<String> {
    let options = find(root, selector).query_selector_all("option").unwrap();
    (0..options.length())
        .filter_map(|index| options.item(index))
        .map(|option| option.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_stage_goes_from_not_started_to_in_progress_and_needs_attention_only_once_checked() {
    let (root, handle) = mount_fresh();
    settle().await;
    add_participant(
        &root,
        "Ruth Adeyemi",
        "Social worker",
        "Children's social care",
    )
    .await;
    assert_eq!(stage_status(&root, "risks"), "Not started");
    // The link is described by its status, so a screen reader hears both.
    let link = find(&root, "a[aria-describedby$=-task-risks-status]");
    assert!(link.text_content().unwrap().ends_with("Risks and owners"));

    // A risk with no owner and no review date: entered, but with problems.
    open_stage(&root, "Risks and owners").await;
    write_text(
        &root,
        "[id$=-risk-description]",
        "Further injury while the explanation is unknown",
    );
    settle().await;
    click(&root, ".rs-item-list__form button[type=submit]");
    settle().await;
    assert_eq!(record_list_length(&handle, "risks"), 1);
    // Calm until asked: entered, with problems, but nothing is flagged yet.
    assert_eq!(stage_status(&root, "risks"), "In progress");
    assert!(root
        .query_selector(".rs-item-list__findings")
        .unwrap()
        .is_none());
    // The chair asks for a check: the problems are shown, and focus goes to them.
    button_named(&root, "Check this stage").click();
    settle().await;
    assert_eq!(stage_status(&root, "risks"), "Needs attention");
    let findings = find(&root, ".rs-item-list__findings")
        .text_content()
        .unwrap();
    assert!(
        findings.contains("Every risk needs a named owner"),
        "{findings}"
    );
    let summary = find(&root, ".rs-stage-check");
    assert!(summary
        .text_content()
        .unwrap()
        .contains("This stage needs attention"));
    assert_eq!(
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element(),
        Some(summary)
    );

    // Given an owner and a review date, the stage is ready.
    button_named(&root, "Change risk 1").click();
    settle().await;
    choose(&root, "[id$=-risk-ownerId]", "p1");
    type_into(&root, "[id$=-risk-reviewDate]", "2026-03-04");
    settle().await;
    button_named(&root, "Save changes").click();
    settle().await;
    assert_eq!(stage_status(&root, "risks"), "Ready");
    assert!(root
        .query_selector(".rs-item-list__findings")
        .unwrap()
        .is_none());
    // Other stages are untouched by it.
    assert_eq!(stage_status(&root, "actions"), "Not started");
    // Leaving a stage checks it: an action without an owner needs attention once the chair
    // has moved on.
    open_stage(&root, "Actions").await;
    write_text(&root, "[id$=-action-task]", "Arrange the medical");
    settle().await;
    click(&root, ".rs-item-list__form button[type=submit]");
    settle().await;
    assert_eq!(stage_status(&root, "actions"), "In progress");
    open_stage(&root, "Contingency plans").await;
    assert_eq!(stage_status(&root, "actions"), "Needs attention");
}

#[wasm_bindgen_test]
async fn an_empty_risk_shows_an_error_summary_that_takes_focus_and_links_to_the_field() {
    let (root, handle) = mount_fresh();
    settle().await;
    open_stage(&root, "Risks and owners").await;
    click(&root, ".rs-item-list__form button[type=submit]");
    settle().await;
    let summary = find(&root, ".rs-error-summary");
    assert_eq!(
        document().active_element(),
        Some(summary.clone()),
        "focus moves to the summary"
    );
    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1);
    let link = links.item(0).unwrap().unchecked_into::<HtmlElement>();
    // Said in words, not as the reader's error about a missing field.
    assert_eq!(link.text_content().unwrap(), "Describe the risk");
    // Who may receive it is shown as the form's default, one box per restriction, for the
    // chair to change: nothing is decided out of sight.
    let boxes = root
        .query_selector_all(".rs-item-list__form input[type=checkbox][name$=-risk-restrictions]")
        .unwrap();
    assert_eq!(boxes.length(), 6);
    assert!(link
        .get_attribute("href")
        .unwrap()
        .ends_with("-risk-description"));
    assert_eq!(record_list_length(&handle, "risks"), 0);
    // The field carries the error too, and describes itself by it.
    let field = find(&root, "[id$=-risk-description]");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(field
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("-risk-description-error"));
    link.click();
    assert_eq!(document().active_element(), Some(field));

    // A choice the record needs is asked for in words as well.
    open_stage(&root, "Information shared").await;
    write_text(
        &root,
        "[id$=-information-content]",
        "Seen at a routine visit.",
    );
    settle().await;
    click(&root, ".rs-item-list__form button[type=submit]");
    settle().await;
    let summary = find(&root, ".rs-error-summary").text_content().unwrap();
    assert!(
        summary.contains("Select the agency the information comes from"),
        "{summary}"
    );
    assert!(
        summary.contains("Select fact, opinion or hearsay"),
        "{summary}"
    );
    // The lawful basis starts at the usual one (a statutory duty), so it is not asked for.
    assert!(!summary.contains("lawful basis"), "{summary}");
    let basis = find(&root, "[id$=-information-basis]");
    assert_eq!(
        basis
            .dyn_ref::<web_sys::HtmlSelectElement>()
            .map(|select| select.value())
            .as_deref(),
        Some("statutoryDuty")
    );
    assert!(!summary.contains("missing field"), "{summary}");
}

/// Renders the widget straight from a record, bypassing the import checks `mount` makes (a
/// host's record can never hold a dangling owner; this is how the widget shows one anyway).
fn render_record(
    record: risk_sensible::record::DecisionRecord,
    stage: risk_sensible::view::Stage,
) -> Element {
    use risk_sensible::view::{App, AppProps};
    let root = fresh_element();
    let session = risk_sensible::session::Session::detached(
        record,
        Default::default(),
        std::rc::Rc::new(risk_sensible::meeting::Config::default()),
        false,
    );
    let props = yew::props!(AppProps {
        session,
        id_prefix: "rsb",
        initial_stage: stage,
    });
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    root
}

#[wasm_bindgen_test]
async fn owners_are_picked_from_participants_and_one_who_left_is_flagged() {
    let mut record = risk_sensible::example::example_record(false);
    let participants: Vec<(String, String)> = record
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.agency.clone()))
        .collect();
    // Risk 1 (shareable, so shown on the shared screen) is owned by someone no longer listed.
    record.risks[0].owner_id = Some("p9".into());
    let root = render_record(record, risk_sensible::view::Stage::Risks);
    settle().await;

    // The add form offers every participant as "Name (Agency)", never a free-text box.
    let owner = find(&root, "[id$=-risk-ownerId]");
    assert_eq!(owner.tag_name(), "SELECT");
    let labels = option_labels(&root, "[id$=-risk-ownerId]");
    assert_eq!(labels[0], "Select a participant");
    assert_eq!(labels.len(), participants.len() + 1);
    for ((name, agency), label) in participants.iter().zip(&labels[1..]) {
        assert!(
            label.starts_with(&format!("{name} ({agency})")),
            "{label:?} names {name} ({agency})"
        );
    }
    // Those not present are marked as such.
    assert!(labels
        .iter()
        .any(|label| label == "Kate Lindqvist (Education), not present"));

    // The table flags the owner who left rather than dropping them.
    let row = find(&root, ".rs-item-list__table tbody tr")
        .text_content()
        .unwrap();
    assert!(row.contains("p9: no longer a participant"), "{row}");
    button_named(&root, "Check this stage").click();
    settle().await;
    assert_eq!(stage_status(&root, "risks"), "Needs attention");

    // Changing the risk keeps them selected, flagged, until someone else is chosen.
    button_named(&root, "Change risk 1").click();
    settle().await;
    let select = find(&root, "[id$=-risk-ownerId]").unchecked_into::<HtmlSelectElement>();
    assert_eq!(select.value(), "p9");
    let labels = option_labels(&root, "[id$=-risk-ownerId]");
    assert_eq!(
        labels.last().map(String::as_str),
        Some("p9: no longer a participant")
    );
    assert!(find(&root, "[id$=-risk-ownerId-error]")
        .text_content()
        .unwrap()
        .contains("not one of the participants"));
}

#[wasm_bindgen_test]
async fn a_restricted_item_cannot_be_opened_in_the_form_until_revealed() {
    let root = render_record(
        risk_sensible::example::example_record(false),
        risk_sensible::view::Stage::Risks,
    );
    settle().await;
    let police_only = "Conflict between the adults escalating";
    assert!(!root
        .inner_html()
        .split("rs-print-only")
        .next()
        .unwrap()
        .contains(police_only));
    // Only the shareable risk can be changed; the masked one says how to reveal it.
    let changes = root
        .query_selector_all(".rs-item-list__table button")
        .unwrap();
    let names: Vec<String> = (0..changes.length())
        .filter_map(|index| changes.item(index))
        .map(|node| node.text_content().unwrap_or_default())
        .collect();
    assert_eq!(names, ["Change risk 1", "Remove risk 1"]);
    button_named(&root, "Show restricted items").click();
    settle().await;
    button_named(&root, "Change risk 2").click();
    settle().await;
    let description = find(&root, "[id$=-risk-description]")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert!(description.contains(police_only));
    // Masking again empties the form.
    button_named(&root, "Show restricted items").click();
    settle().await;
    let description = find(&root, "[id$=-risk-description]")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert_eq!(description, "");
}

/// `checkRecord(text)`, as a host receiving a record calls it: the digest it returns is the
/// record's own, a final record with one changed value is refused naming the section, and
/// anything but text is refused in words rather than misread.
#[wasm_bindgen_test]
fn check_record_digests_refuses_a_changed_final_record_and_anything_but_text() {
    use risk_sensible::embed::check_record;
    use risk_sensible::record::{import::export, integrity::content_digest};
    let record = risk_sensible::example::example_record(true);
    let result = check_record(JsValue::from_str(&export(&record))).unwrap();
    let digest = js_sys::Reflect::get(&result, &"digest".into()).unwrap();
    assert_eq!(digest.as_string(), Some(content_digest(&record)));
    assert!(js_sys::Reflect::get(&result, &"findings".into())
        .unwrap()
        .is_instance_of::<js_sys::Array>());

    let mut changed = record.clone();
    changed.meeting.reason.push('!');
    let refused = refusal(check_record(JsValue::from_str(&export(&changed))));
    assert!(refused.contains("$.meeting"), "{refused}");

    for not_text in [
        JsValue::from_f64(42.0),
        JsValue::NULL,
        js_sys::Object::new().into(),
    ] {
        let refused = refusal(check_record(not_text));
        assert!(
            refused.contains("checkRecord takes a record's JSON text, a string"),
            "{refused}"
        );
    }
}

/// The message of the error a call threw, or "" when it did not throw.
fn refusal(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    result
        .err()
        .map(|error| {
            JsValue::from(error)
                .unchecked_into::<js_sys::Error>()
                .message()
                .as_string()
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// The example record as a host holds it: a plain object, with its reason set to `reason`.
fn example_with_reason(reason: &str) -> JsValue {
    let mut record = risk_sensible::example::example_record(false);
    record.meeting.reason = reason.to_string();
    host_value(&record)
}

/// `detail.record.meeting.reason` of a change event.
fn reason_in(event: &Event) -> String {
    let detail = event.unchecked_ref::<web_sys::CustomEvent>().detail();
    let record = js_sys::Reflect::get(&detail, &"record".into()).unwrap();
    let meeting = js_sys::Reflect::get(&record, &"meeting".into()).unwrap();
    js_sys::Reflect::get(&meeting, &"reason".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

fn reason_of(handle: &WidgetHandle) -> String {
    let record = handle.record().unwrap();
    let meeting = js_sys::Reflect::get(&record, &"meeting".into()).unwrap();
    js_sys::Reflect::get(&meeting, &"reason".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Counts every event the widget fires on `element`.
fn count_events(element: &Element) -> (std::rc::Rc<std::cell::Cell<u32>>, Vec<JsValue>) {
    let count = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut listeners = Vec::new();
    for name in [
        "risk-sensible:change",
        "risk-sensible:error",
        "risk-sensible:finalise",
    ] {
        let counter = count.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(Event)>::new(move |_| {
            counter.set(counter.get() + 1)
        });
        element
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .unwrap();
        listeners.push(listener.into_js_value());
    }
    (count, listeners)
}

/// After `destroy()`, every method of the handle throws a clear error and writes nothing:
/// no draft, no event; `destroy()` again does nothing; the element takes a new widget.
#[wasm_bindgen_test]
async fn a_destroyed_widget_throws_on_every_method_and_writes_nothing() {
    let key = "browser-destroyed";
    let draft_key = format!("risk-sensible:draft:{key}");
    let storage = local_storage();
    storage.remove_item(&draft_key).unwrap();
    let element = fresh_element();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"storageKey".into(), &key.into()).unwrap();
    let handle = mount(element.clone(), options.into()).unwrap();
    settle().await;
    handle.load(example_with_reason("Before destroy")).unwrap();
    let draft = storage.get_item(&draft_key).unwrap();
    assert!(draft
        .as_deref()
        .unwrap_or_default()
        .contains("Before destroy"));
    let (events, _listeners) = count_events(&element);

    handle.destroy();
    settle().await;
    assert_eq!(element.child_element_count(), 0);
    const DESTROYED: &str = "risk-sensible: this widget was destroyed";
    assert_eq!(refusal(handle.record()), DESTROYED);
    let loaded = handle.load(example_with_reason("After destroy"));
    assert_eq!(refusal(loaded.map(|()| JsValue::UNDEFINED)), DESTROYED);
    let acknowledged = handle.acknowledge();
    assert_eq!(
        refusal(acknowledged.map(|()| JsValue::UNDEFINED)),
        DESTROYED
    );
    handle.destroy();
    settle().await;
    assert_eq!(events.get(), 0, "no event after destroy");
    assert_eq!(
        storage.get_item(&draft_key).unwrap(),
        draft,
        "the draft is untouched"
    );
    assert_eq!(
        storage
            .get_item(&format!("risk-sensible:lock:{key}"))
            .unwrap(),
        None,
        "the claim on the meeting is given up"
    );

    // The element can hold a widget again.
    let again = mount(element.clone(), JsValue::UNDEFINED).unwrap();
    settle().await;
    assert!(element.child_element_count() > 0);
    again.destroy();
    storage.remove_item(&draft_key).unwrap();
}

/// A host's record keeps every character the host gave, through `mount` and the draft a
/// reopened page restores; a lone UTF-16 surrogate, which UTF-8 cannot carry, is refused
/// with the field named.
#[wasm_bindgen_test]
async fn a_hosts_text_keeps_every_character_through_mount_load_and_the_restored_draft() {
    let key = "browser-characters";
    let storage = local_storage();
    forget_meeting(&storage, key);
    let with_reason = |reason: &js_sys::JsString| {
        let value = example_with_reason("");
        let meeting = js_sys::Reflect::get(&value, &"meeting".into()).unwrap();
        js_sys::Reflect::set(&meeting, &"reason".into(), reason).unwrap();
        value
    };
    let options = || {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"storageKey".into(), &key.into()).unwrap();
        options
    };
    // Long, with characters beyond ASCII all through it, as pasted text can be.
    let given = "Bruising “seen” at nursery — Zoë, 😀, \u{202e}; ".repeat(150);
    let with_given = options();
    js_sys::Reflect::set(
        &with_given,
        &"record".into(),
        &with_reason(&given.as_str().into()),
    )
    .unwrap();
    let element = fresh_element();
    let handle = mount(element.clone(), with_given.into()).unwrap();
    settle().await;
    assert!(reason_of(&handle) == given, "mount changed the text");

    // "a", a lone high surrogate, "b": a JavaScript string holds it, UTF-8 cannot, and JSON
    // text writes it as an escape that names no character. Refused at its path, and the
    // record stays as it was.
    let lone = js_sys::JsString::from_char_code(&[0x61, 0xD800, 0x62]);
    let message = refusal(handle.load(with_reason(&lone)).map(|()| JsValue::UNDEFINED));
    assert!(message.contains("$.meeting.reason: "), "{message}");
    settle().await;
    assert!(
        reason_of(&handle) == given,
        "a refused load changed the record"
    );

    // A change writes the draft; a page reopened on the meeting restores it.
    let changed = format!("{given}Ça va.");
    handle.load(with_reason(&changed.as_str().into())).unwrap();
    settle().await;
    handle.destroy();
    settle().await;
    let reopened = mount(element.clone(), options().into()).unwrap();
    settle().await;
    assert!(
        reason_of(&reopened) == changed,
        "the restored draft changed the text"
    );
    reopened.destroy();
    forget_meeting(&storage, key);
}

/// A second `mount` into an element that holds a widget throws, naming the problem, and
/// stacks nothing; once the first is destroyed, the element takes a new one.
#[wasm_bindgen_test]
async fn mounting_into_an_element_that_holds_a_widget_throws() {
    let (root, handle) = mount_fresh();
    settle().await;
    let html = root.inner_html();
    let second = mount(root.clone(), JsValue::UNDEFINED).map(|_| JsValue::UNDEFINED);
    let message = refusal(second);
    assert!(
        message.contains("this element already holds a widget") && message.contains("destroy()"),
        "{message}"
    );
    settle().await;
    assert_eq!(root.inner_html(), html, "nothing was stacked");
    // The first widget still works.
    handle.load(example_with_reason("Still the first")).unwrap();
    assert_eq!(reason_of(&handle), "Still the first");
    handle.destroy();
    let again = mount(root.clone(), JsValue::UNDEFINED).unwrap();
    settle().await;
    assert!(root.child_element_count() > 0);
    again.destroy();
}

/// `load(B)` from a listener of the change event of `load(A)`: B is loaded at once, the
/// widget ends on B, and every listener hears A, then B.
#[wasm_bindgen_test]
async fn load_from_a_change_listener_is_applied_in_order_and_the_widget_ends_on_it() {
    let (root, handle) = mount_fresh();
    settle().await;
    let handle = std::rc::Rc::new(handle);
    let first_heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let second_heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let during = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let first = {
        let (heard, handle, during) = (first_heard.clone(), handle.clone(), during.clone());
        wasm_bindgen::closure::Closure::<dyn Fn(Event)>::new(move |event: Event| {
            let reason = reason_in(&event);
            heard.borrow_mut().push(reason.clone());
            if reason == "A" {
                handle.load(example_with_reason("B")).unwrap();
                *during.borrow_mut() = reason_of(&handle);
            }
        })
    };
    let second = {
        let heard = second_heard.clone();
        wasm_bindgen::closure::Closure::<dyn Fn(Event)>::new(move |event: Event| {
            heard.borrow_mut().push(reason_in(&event));
        })
    };
    for listener in [&first, &second] {
        root.add_event_listener_with_callback(
            "risk-sensible:change",
            listener.as_ref().unchecked_ref(),
        )
        .unwrap();
    }
    handle.load(example_with_reason("A")).unwrap();
    assert_eq!(*during.borrow(), "B", "loaded at once, inside the listener");
    assert_eq!(
        reason_of(&handle),
        "B",
        "the widget ends on the last record loaded"
    );
    assert_eq!(*first_heard.borrow(), ["A", "B"]);
    assert_eq!(
        *second_heard.borrow(),
        ["A", "B"],
        "every listener hears them in order"
    );
    settle().await;
    let shown = find(&root, "[id$=-meeting-reason]")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert_eq!(shown, "B");
    drop((first, second));
}

/// Pastes `text` into the control `selector` as the browser does: a paste event carrying it.
fn paste_into(root: &Element, selector: &str, text: &str) -> bool {
    let target = find(root, selector);
    target.unchecked_ref::<HtmlElement>().focus().unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", text).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    target.dispatch_event(&event).unwrap()
}

/// A text control shows its limit and takes no more: a paste that would take "Reason for
/// the meeting" over it is cut to what fits, says so at the field, and the record holds the
/// first 10,000 characters; a one-line field shows its limit once nearly full.
#[wasm_bindgen_test]
async fn a_paste_over_a_fields_limit_is_cut_with_a_message_at_the_field() {
    let (root, handle) = mount_fresh();
    settle().await;
    let reason = find(&root, "[id$=-meeting-reason]");
    assert_eq!(reason.get_attribute("maxlength").as_deref(), Some("10000"));
    let id = reason.id();
    let limit = find(&root, &format!("#{id}-limit")).text_content().unwrap();
    assert_eq!(limit, "Up to 10,000 characters.");
    assert!(reason
        .get_attribute("aria-describedby")
        .unwrap()
        .contains(&format!("{id}-limit")));

    let pasted: String = ('a'..='z').cycle().take(150_000).collect();
    let went_on = paste_into(&root, "[id$=-meeting-reason]", &pasted);
    assert!(
        !went_on,
        "the browser's own paste is replaced by the cut one"
    );
    settle().await;
    assert_eq!(reason_of(&handle), pasted[..10_000]);
    let cut = find(&root, &format!("#{id}-cut")).text_content().unwrap();
    assert_eq!(
        cut,
        "Only the first 10,000 characters were kept: the field holds up to 10,000."
    );
    assert_eq!(
        find(&root, &format!("#{id}-limit")).text_content().unwrap(),
        "You have reached the limit of 10,000 characters."
    );
    // Typing on takes the message away (the value is not the one it was shown for).
    write_text(&root, "[id$=-meeting-reason]", "Shorter");
    settle().await;
    assert!(root
        .query_selector(&format!("#{id}-cut"))
        .unwrap()
        .is_none());
    // A paste that fits is the browser's own.
    assert!(paste_into(&root, "[id$=-meeting-reason]", "fits"));

    open_stage(&root, "Attendance and reason").await;
    let name = find(&root, "[id$=-participant-name]");
    assert_eq!(name.get_attribute("maxlength").as_deref(), Some("300"));
    let name_id = name.id();
    assert!(root
        .query_selector(&format!("#{name_id}-limit"))
        .unwrap()
        .is_none());
    type_into(&root, "[id$=-participant-name]", &"n".repeat(250));
    settle().await;
    assert_eq!(
        find(&root, &format!("#{name_id}-limit"))
            .text_content()
            .unwrap(),
        "You have 50 characters left of 300."
    );
    assert!(!paste_into(
        &root,
        "[id$=-participant-name]",
        &"m".repeat(100)
    ));
    settle().await;
    assert!(find(&root, &format!("#{name_id}-cut"))
        .text_content()
        .unwrap()
        .starts_with("Only the first 50 characters of what you pasted were kept"));
    assert_eq!(
        find(&root, "[id$=-participant-name]")
            .unchecked_into::<HtmlInputElement>()
            .value()
            .len(),
        300
    );
}

/// The page's `localStorage` refusing the widget's writes while `refusing` is set (as a
/// full one does), and `Date.now` standing still but where the test moves it; both put
/// back when dropped.
struct Faults {
    refusing: std::rc::Rc<std::cell::Cell<bool>>,
    now: std::rc::Rc<std::cell::Cell<f64>>,
    set_item: JsValue,
    date_now: JsValue,
    _closures: (JsValue, JsValue),
}

impl Faults {
    fn install() -> Self {
        let global = js_sys::global();
        let prototype = js_sys::Reflect::get(
            &js_sys::Reflect::get(&global, &"Storage".into()).unwrap(),
            &"prototype".into(),
        )
        .unwrap();
        let set_item = js_sys::Reflect::get(&prototype, &"setItem".into()).unwrap();
        let date = js_sys::Reflect::get(&global, &"Date".into()).unwrap();
        let date_now = js_sys::Reflect::get(&date, &"now".into()).unwrap();
        let refusing = std::rc::Rc::new(std::cell::Cell::new(false));
        let now = std::rc::Rc::new(std::cell::Cell::new(js_sys::Date::now()));
        let refused = {
            let (refusing, original) = (refusing.clone(), set_item.clone());
            wasm_bindgen::closure::Closure::<dyn Fn(String, JsValue) -> Result<(), JsValue>>::new(
                move |key: String, value: JsValue| {
                    if refusing.get() && key.starts_with("risk-sensible:") {
                        return Err(js_sys::Error::new("The quota has been exceeded.").into());
                    }
                    original
                        .unchecked_ref::<js_sys::Function>()
                        .call2(&local_storage(), &key.into(), &value)
                        .map(|_| ())
                },
            )
            .into_js_value()
        };
        let clock = {
            let now = now.clone();
            wasm_bindgen::closure::Closure::<dyn Fn() -> f64>::new(move || now.get())
                .into_js_value()
        };
        js_sys::Reflect::set(&prototype, &"setItem".into(), &refused).unwrap();
        js_sys::Reflect::set(&date, &"now".into(), &clock).unwrap();
        Faults {
            refusing,
            now,
            set_item,
            date_now,
            _closures: (refused, clock),
        }
    }

    /// Moves the clock on by one heartbeat.
    fn beat(&self) {
        self.now.set(self.now.get() + 3_000.0);
    }
}

impl Drop for Faults {
    fn drop(&mut self) {
        let global = js_sys::global();
        let prototype = js_sys::Reflect::get(
            &js_sys::Reflect::get(&global, &"Storage".into()).unwrap(),
            &"prototype".into(),
        )
        .unwrap();
        js_sys::Reflect::set(&prototype, &"setItem".into(), &self.set_item).unwrap();
        let date = js_sys::Reflect::get(&global, &"Date".into()).unwrap();
        js_sys::Reflect::set(&date, &"now".into(), &self.date_now).unwrap();
    }
}

/// Removes the draft, its journal and the claim kept under `key`, so a test starts from
/// nothing.
fn forget_meeting(storage: &web_sys::Storage, key: &str) {
    for name in ["draft:{key}", "draft:{key}:journal", "lock:{key}"] {
        storage
            .remove_item(&format!("risk-sensible:{}", name.replace("{key}", key)))
            .unwrap();
    }
}

/// The record stored under `key` (its draft and the journal beside it), as a page opened
/// on the meeting would restore it.
fn stored_record(key: &str) -> risk_sensible::record::DecisionRecord {
    risk_sensible::autosave::Autosave::new(key, "a page reopened".into(), None, None)
        .read_newer(f64::MIN)
        .expect("a draft that restores")
        .record
}

/// A tab's session on the meeting `key`, opened as `mount` opens it.
fn open_tab(key: &str, tab: &str) -> std::rc::Rc<risk_sensible::session::Session> {
    use risk_sensible::autosave::Autosave;
    use risk_sensible::session::{find_draft, now, Opening, Session};
    let autosave = Autosave::new(key, tab.into(), None, None);
    let found = find_draft(&autosave, None, None);
    let record = found.record.unwrap_or_else(|| {
        risk_sensible::record::DecisionRecord::new(format!("{key}-record"), now())
    });
    let opening = Opening {
        record,
        autosave: Some(autosave),
        draft: found.mode,
        stored_by_host: false,
        restored: found.restored,
        expired: None,
        wellbeing: None,
    };
    Session::open(
        fresh_element(),
        opening,
        std::rc::Rc::new(risk_sensible::record::Actor::default()),
        std::rc::Rc::new(risk_sensible::meeting::Config::default()),
        false,
    )
}

/// Storage full with two tabs on one meeting, heartbeat by heartbeat: a tab that cannot
/// write its claim takes no change (on opening, or when its claim can no longer be
/// renewed); the tab that held the meeting and kept changes it could not save is given a
/// heartbeat to claim it back when space frees up, even when the other tab beats first;
/// nothing taken is lost.
#[wasm_bindgen_test]
fn with_storage_full_at_most_one_tab_takes_changes_and_none_taken_is_lost() {
    use risk_sensible::meeting::Command;
    use risk_sensible::record::Meeting;
    use risk_sensible::session::DraftMode;
    let key = "browser-full";
    let storage = local_storage();
    forget_meeting(&storage, key);
    let faults = Faults::install();
    let reason = |text: &str| {
        Command::EditMeeting(Meeting {
            reason: text.into(),
            ..Meeting::default()
        })
    };
    let stored_reason = || stored_record(key).meeting.reason;

    // Opened while storage is full: neither tab can claim the meeting, neither takes a change.
    faults.refusing.set(true);
    let (a, b) = (open_tab(key, "tab-a"), open_tab(key, "tab-b"));
    for tab in [&a, &b] {
        assert!(matches!(
            tab.draft_mode(),
            DraftMode::Unclaimed { unsaved: false, .. }
        ));
        assert!(tab.locked());
        tab.apply(reason("Typed while it could not claim"));
        assert_eq!(tab.record().meeting.reason, "");
        assert!(tab
            .notices()
            .storage_problem
            .unwrap()
            .starts_with("This tab could not claim the meeting"));
    }
    // Space again: the first to beat claims it; the other follows.
    faults.refusing.set(false);
    faults.beat();
    a.beat();
    b.beat();
    assert!(matches!(a.draft_mode(), DraftMode::Saving { .. }));
    assert!(matches!(b.draft_mode(), DraftMode::Following { .. }));
    faults.now.set(faults.now.get() + 1_000.0);
    a.apply(reason("Saved"));
    assert_eq!(stored_reason(), "Saved");
    faults.beat();
    b.beat();
    assert_eq!(b.record().meeting.reason, "Saved");

    // Full again: A takes a change it cannot save, then cannot renew its claim, and takes
    // no more.
    faults.refusing.set(true);
    a.apply(reason("Taken while full"));
    assert_eq!(a.record().meeting.reason, "Taken while full");
    faults.beat();
    a.beat();
    b.beat();
    assert!(matches!(
        a.draft_mode(),
        DraftMode::Unclaimed { unsaved: true, .. }
    ));
    a.apply(reason("Not taken"));
    assert_eq!(a.record().meeting.reason, "Taken while full");
    // A's claim goes stale; B cannot write one either.
    for _ in 0..4 {
        faults.beat();
        a.beat();
        b.beat();
    }
    assert!(matches!(
        b.draft_mode(),
        DraftMode::Unclaimed { unsaved: false, .. }
    ));
    assert_eq!(stored_reason(), "Saved");

    // Space again, and B beats first: it leaves A a heartbeat, A claims the meeting back
    // and saves its change, and B follows.
    faults.refusing.set(false);
    faults.beat();
    b.beat();
    assert!(
        b.locked(),
        "B waits a heartbeat for the tab whose claim went stale"
    );
    a.beat();
    assert!(matches!(
        a.draft_mode(),
        DraftMode::Saving { failing: None, .. }
    ));
    assert_eq!(stored_reason(), "Taken while full");
    faults.beat();
    b.beat();
    assert!(matches!(b.draft_mode(), DraftMode::Following { .. }));
    assert_eq!(b.record().meeting.reason, "Taken while full");
    assert!(!a.locked() && b.locked());

    // Should A's heartbeat be held back longer than the one it is given (a background
    // tab), B claims the meeting; A then keeps the change it could not save on screen,
    // read-only, says so, and never claims the meeting again to write over B's.
    faults.refusing.set(true);
    faults.beat();
    a.apply(reason("Taken while full, again"));
    a.beat();
    for _ in 0..4 {
        faults.beat();
        a.beat();
        b.beat();
    }
    assert!(matches!(b.draft_mode(), DraftMode::Unclaimed { .. }));
    faults.refusing.set(false);
    faults.beat();
    b.beat();
    faults.beat();
    b.beat();
    assert!(matches!(b.draft_mode(), DraftMode::Saving { .. }));
    assert_eq!(stored_reason(), "Taken while full");
    a.beat();
    assert_eq!(a.record().meeting.reason, "Taken while full, again");
    assert!(a.locked());
    assert!(a
        .notices()
        .storage_problem
        .unwrap()
        .starts_with("Another tab claimed this meeting while this tab could not save"));
    b.close();
    faults.beat();
    a.beat();
    assert!(a.locked(), "it claims nothing more");
    assert_eq!(stored_reason(), "Taken while full");

    a.close();
    drop(faults);
    storage
        .remove_item(&format!("risk-sensible:draft:{key}"))
        .unwrap();
}

/// The wellbeing debrief is kept beside the draft: sealed with the host's key (no plain text
/// in storage, and another key cannot open it), plain without one, and removed with the
/// draft when the host acknowledges.
#[wasm_bindgen_test]
fn the_wellbeing_debrief_is_kept_beside_the_draft_sealed_like_it() {
    use risk_sensible::autosave::{Autosave, DraftKey};
    let key = "browser-debrief";
    let stored_key = format!("risk-sensible:draft:{key}:debrief");
    let storage = local_storage();
    storage.remove_item(&stored_key).unwrap();
    let text = r#"{"document":"wellbeingDebrief","version":1,"id":"d","offered":"yes","notes":"Supervision this week."}"#;
    // 43 base64 digits and `=` are 32 bytes: an AES-256 key (the last digit's low bits 0).
    let key_of = |digit: &str| DraftKey::from_base64(&format!("{}A=", digit.repeat(42))).unwrap();
    let one = || key_of("A");
    let sealed = Autosave::new(key, "tab".into(), Some(one()), None);
    sealed.write_debrief(text, 1_000.0).unwrap();
    let raw = storage.get_item(&stored_key).unwrap().unwrap();
    assert!(!raw.contains("Supervision"), "{raw}");
    assert_eq!(sealed.read_debrief(2_000.0).as_deref(), Some(text));
    let other = key_of("B");
    assert_eq!(
        Autosave::new(key, "tab".into(), Some(other), None).read_debrief(2_000.0),
        None
    );
    // Older than the host's limit: not restored.
    let aged = Autosave::new(key, "tab".into(), Some(one()), Some(500.0));
    assert_eq!(aged.read_debrief(2_000.0), None);
    // Without a key, kept as it is; the host's acknowledgement removes it with the draft.
    let plain = Autosave::new(key, "tab".into(), None, None);
    plain.write_debrief(text, 1_000.0).unwrap();
    assert_eq!(plain.read_debrief(2_000.0).as_deref(), Some(text));
    plain.clear();
    assert_eq!(storage.get_item(&stored_key).unwrap(), None);
}

/// Each change's text copies the text of what did not change from the revision before;
/// what a reopened page restores from the draft and its journal after each change is still
/// the whole record.
#[wasm_bindgen_test]
fn each_change_stores_the_whole_record_as_if_written_afresh() {
    use risk_sensible::meeting::{Command, Item, ItemKind};
    use risk_sensible::record::import::export_compact;
    use risk_sensible::record::{Action, Meeting};
    let key = "browser-incremental";
    let storage = local_storage();
    forget_meeting(&storage, key);
    let tab = open_tab(key, "tab-a");
    let stored = || export_compact(&stored_record(key));
    let reason = |text: &str| {
        Command::EditMeeting(Meeting {
            reason: text.into(),
            ..Meeting::default()
        })
    };
    let mut typed = String::new();
    let mut commands = Vec::new();
    for letter in "Bruise — “seen”".chars() {
        typed.push(letter);
        commands.push(reason(&typed));
    }
    commands.push(Command::Add(Item::Action(Action {
        task: "Arrange a child protection medical".into(),
        ..Action::default()
    })));
    commands.push(reason("Bruising seen at nursery"));
    let mut changes = 0;
    for command in commands {
        assert!(tab.apply(command));
        changes += 1;
        assert_eq!(stored(), export_compact(&tab.record()));
    }
    let id = tab.record().actions[0].id.clone();
    assert!(tab.apply(Command::Remove {
        kind: ItemKind::Action,
        id,
    }));
    assert_eq!(stored(), export_compact(&tab.record()));
    assert_eq!(changes, typed.chars().count() + 2);
    assert!(tab.record().actions.is_empty());
    assert_eq!(tab.record().meeting.reason, "Bruising seen at nursery");
    tab.close();
}

/// On a large meeting a key writes only the journal beside the draft, and a page opened
/// after it restores every key; a journal left behind by a crash between writing a whole
/// draft and removing it is ignored; a damaged one is reported and left in place with the
/// draft.
#[wasm_bindgen_test]
fn a_key_writes_the_journal_and_a_reopened_page_replays_it() {
    use risk_sensible::autosave::{Autosave, Found};
    use risk_sensible::meeting::{Command, Item};
    use risk_sensible::record::{Action, Meeting};
    let key = "browser-journal";
    let (draft_key, journal_key) = (
        format!("risk-sensible:draft:{key}"),
        format!("risk-sensible:draft:{key}:journal"),
    );
    let storage = local_storage();
    forget_meeting(&storage, key);
    let tab = open_tab(key, "tab-a");
    for n in 0..40 {
        assert!(tab.apply(Command::Add(Item::Action(Action {
            task: format!("Action {n}: a visit with the social worker and the health visitor"),
            ..Action::default()
        }))));
    }
    let reason = |text: &str| {
        Command::EditMeeting(Meeting {
            reason: text.into(),
            ..Meeting::default()
        })
    };
    assert!(tab.apply(reason("B")));
    let item = |name: &str| storage.get_item(name).unwrap();
    let draft = item(&draft_key).expect("a draft");
    let mut typed = String::from("B");
    for letter in "ruising at nursery — “seen”".chars() {
        typed.push(letter);
        assert!(tab.apply(reason(&typed)));
        assert_eq!(
            item(&draft_key).as_ref(),
            Some(&draft),
            "the draft is not rewritten"
        );
        let journal = item(&journal_key).expect("a journal");
        assert!(journal.len() * 8 < draft.len(), "{} bytes", journal.len());
        assert_eq!(stored_record(key), *tab.record());
    }
    let journal = item(&journal_key).unwrap();

    // A change too large for the journal writes the whole draft and removes the journal;
    // the journal put back (as a crash between the two would leave it) is ignored.
    assert!(tab.apply(reason(&"A long reason. ".repeat(400))));
    assert_eq!(item(&journal_key), None);
    assert_ne!(item(&draft_key).as_ref(), Some(&draft));
    storage.set_item(&journal_key, &journal).unwrap();
    assert_eq!(stored_record(key), *tab.record());

    // A damaged journal: the draft is not restored, and both stay for someone to recover.
    assert!(tab.apply(reason("Bruising seen at nursery")));
    // The last change given a fourth number (the header line ends at the first newline,
    // escaped in the stored JSON).
    let damaged = item(&journal_key)
        .expect("a journal")
        .replacen(r"\n", r",0\n", 1);
    storage.set_item(&journal_key, &damaged).unwrap();
    tab.close();
    let reader = Autosave::new(key, "tab-b".into(), None, None);
    match reader.read(js_sys::Date::now(), false) {
        Err(message) => assert!(message.contains("latest changes is damaged"), "{message}"),
        Ok(Found::Restored(_)) => panic!("a damaged journal was restored"),
        Ok(_) => panic!("the draft was not found"),
    }
    assert_eq!(item(&journal_key), Some(damaged));
    forget_meeting(&storage, key);
}

/// A tab that takes the meeting back writes the whole draft first: its journal would
/// otherwise follow the draft it wrote before the other tab's, and be ignored when a page
/// reopens the meeting.
#[wasm_bindgen_test]
fn a_tab_that_takes_the_meeting_back_writes_the_whole_draft_before_a_journal() {
    use risk_sensible::meeting::{Command, Item};
    use risk_sensible::record::{Action, Meeting};
    use risk_sensible::session::DraftMode;
    let key = "browser-journal-back";
    let storage = local_storage();
    forget_meeting(&storage, key);
    let reason = |text: &str| {
        Command::EditMeeting(Meeting {
            reason: text.into(),
            ..Meeting::default()
        })
    };
    let a = open_tab(key, "tab-a");
    for n in 0..40 {
        assert!(a.apply(Command::Add(Item::Action(Action {
            task: format!("Action {n}: a visit with the social worker and the health visitor"),
            ..Action::default()
        }))));
    }
    assert!(a.apply(reason("Typed in tab A")));
    assert!(a.apply(reason("Typed in tab A, and more")));
    let journal_key = format!("risk-sensible:draft:{key}:journal");
    assert!(storage.get_item(&journal_key).unwrap().is_some());

    // Tab B takes the meeting over (A slept past its claim) and changes it.
    let b = open_tab(key, "tab-b");
    let lock = format!("risk-sensible:lock:{key}");
    let claim = format!(r#"{{"tab":"tab-b","at":{}}}"#, js_sys::Date::now());
    storage.set_item(&lock, &claim).unwrap();
    a.beat();
    assert!(matches!(a.draft_mode(), DraftMode::Following { .. }));
    b.beat();
    assert!(matches!(b.draft_mode(), DraftMode::Saving { .. }));
    assert!(b.apply(reason("Typed in tab B")));
    assert!(b.apply(reason("Typed in tab B, and more")));
    assert_eq!(stored_record(key), *b.record());

    // B closes; A follows what B saved, takes the meeting back and changes it.
    b.close();
    a.beat();
    assert!(matches!(a.draft_mode(), DraftMode::Saving { .. }));
    assert_eq!(a.record().meeting.reason, "Typed in tab B, and more");
    assert!(a.apply(reason("Typed in tab A again")));
    assert_eq!(stored_record(key), *a.record());
    a.close();
    forget_meeting(&storage, key);
}

/// Sealed drafts are written in base64 by the browser's `btoa` and read by `atob`; natively
/// the `base64` crate does both. Both builds hold the same texts (`tests/common/sealed_text.rs`,
/// run natively by `tests/integrity.rs`).
#[wasm_bindgen_test]
fn sealed_text_is_the_same_in_the_browser_as_natively() {
    sealed_text::check();
}
