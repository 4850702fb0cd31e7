//! Keyboard shortcuts: the help panel that lists them, and the handler that acts on them.

use super::stages::Stage;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The keyboard shortcuts, as the help panel lists them.
pub const SHORTCUTS: [(&str, &str); 4] = [
    ("Alt + Page Down", "Next stage"),
    ("Alt + Page Up", "Previous stage"),
    (
        "Alt + N",
        "Add an item on this stage (moves to its one-line entry, or to the first field of its form)",
    ),
    ("Alt + M", "Go to the list of stages"),
];

/// What Enter does, as the forms behave: a one-line field submits its form (the browser's
/// own implicit submission), as a statement's text area does; any other text area takes a
/// new line; a section saves as it is typed, with no form to submit.
pub const ENTER: &str = "In a one-line entry (\"Action in one line\"), Enter adds the \
    item and leaves the line empty for the next; so does Enter in a statement's box on the \
    Assessment stage, where Shift + Enter starts a new line. In a form that adds or changes \
    an item, Enter in a one-line field (a name, a date) saves the item, as the form's button \
    does; in any other box of several lines, Enter starts a new line. Sections such as the \
    meeting details are saved as you type.";

/// The list of shortcuts, in a section of id `id` headed by a heading of id `heading_id`.
pub fn help_panel(id: AttrValue, heading_id: AttrValue) -> Html {
    html! {
        <section class="rs-help" id={id} aria-labelledby={heading_id.clone()}>
            <h3 class="rs-help__heading" id={heading_id}>{ "Keyboard shortcuts" }</h3>
            <dl class="rs-help__list">
                { for SHORTCUTS.iter().map(|(keys, what)| html! {
                    <div class="rs-help__row" key={*keys}>
                        <dt class="rs-help__keys"><kbd>{ *keys }</kbd></dt>
                        <dd class="rs-help__what">{ *what }</dd>
                    </div>
                }) }
            </dl>
            <p>{ "Tab and Shift + Tab move between fields." }</p>
            <p>{ ENTER }</p>
        </section>
    }
}

/// The handler of the widget's shortcuts: Alt + Page Down / Page Up move between stages,
/// Alt + N goes to the stage's add form, Alt + M to the list of stages. `root` is the
/// widget's element; `task_list_id` the id of the list of stages.
pub fn shortcut_handler(
    current: Stage,
    go_to: Callback<Stage>,
    root: NodeRef,
    task_list_id: String,
) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if !event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        let target = match event.key().as_str() {
            "PageDown" => current.next(),
            "PageUp" => current.previous(),
            _ => None,
        };
        if let Some(next) = target {
            event.prevent_default();
            go_to.emit(next);
            return;
        }
        let Some(root) = root.cast::<Element>() else {
            return;
        };
        let field = ":is(input, select, textarea)";
        let selectors = match event.code().as_str() {
            // The stage's one-line entry, else its add form (not the spread prompt's
            // dissent form nor the amendment form), else the stage's first field
            // (sections edited in place).
            "KeyN" => vec![
                ".rs-stage .rs-quick input".to_string(),
                format!(".rs-stage :is(.rs-item-list__form:not(.rs-finalise__amend), .rs-participants__form) {field}"),
                format!(".rs-stage {field}"),
            ],
            "KeyM" => vec![format!("#{task_list_id} [aria-current]")],
            _ => return,
        };
        let element = selectors
            .iter()
            .find_map(|selector| root.query_selector(selector).ok().flatten())
            .and_then(|element| element.dyn_into::<HtmlElement>().ok());
        if let Some(element) = element {
            event.prevent_default();
            let _ = element.focus();
        }
    })
}
