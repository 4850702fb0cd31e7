//! Browser tests: the real widget mounted into a fresh element in headless Chromium, driven
//! through DOM events as a person's keyboard would. Run by `scripts/test.sh` through
//! wasm-bindgen-test-runner and ChromeDriver.
#![cfg(target_arch = "wasm32")]

use risk_sensible::embed::{mount, WidgetHandle};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

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
        open_stage(root, "Who is present").await;
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
    open_stage(&root, "Who is present").await;
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
    open_stage(&root, "Meeting details").await;
    choose(&root, "[id$=-meeting-chair]", "p1");
    settle().await;
    open_stage(&root, "Who is present").await;
    button_named(&root, "Remove Amara Okafor").click();
    settle().await;
    let alert = find(&root, ".rs-notice--refusal");
    assert!(alert.text_content().unwrap().contains("chair"));
    assert_eq!(record_participants(&handle).length(), 1);
    // Once the chair is changed, removal goes through.
    open_stage(&root, "Meeting details").await;
    choose(&root, "[id$=-meeting-chair]", "");
    settle().await;
    open_stage(&root, "Who is present").await;
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
    open_stage(&second, "Who is present").await;
    let first_id = find(&first, "[id$=-participant-name]").id();
    let second_id = find(&second, "[id$=-participant-name]").id();
    assert_ne!(first_id, second_id);
}

#[wasm_bindgen_test]
async fn destroy_empties_the_element_and_unknown_options_are_refused() {
    let (root, mut handle) = mount_fresh();
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
