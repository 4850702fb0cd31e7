//! The error summary: a list of what is wrong at the top of a form, each item a link that
//! moves focus to the field concerned (the GOV.UK pattern staff already know). The same
//! box, marked as a warning, lists what a form asks to be checked before it saves.

use super::class_list;
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlElement};
use yew::prelude::*;

/// One problem: the id of the field it concerns and what to do.
#[derive(Clone, PartialEq)]
pub struct SummaryItem {
    pub target_id: AttrValue,
    pub message: AttrValue,
}

/// Finds an element by id in the same document or shadow root as `from`, so the widget
/// works the same inside a host's shadow DOM.
pub fn find_in_root(from: &Element, id: &str) -> Option<Element> {
    let root = from.get_root_node();
    if let Some(fragment) = root.dyn_ref::<DocumentFragment>() {
        return fragment.get_element_by_id(id);
    }
    root.dyn_ref::<Document>()?.get_element_by_id(id)
}

/// Moves focus to the element with this id, found from `from`.
pub fn focus_by_id(from: &Element, id: &str) {
    if let Some(target) = find_in_root(from, id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

/// A focusable box listing problems, each linking to its field: "There is a problem".
/// `node_ref` lets the form move focus here when a submit fails.
pub fn error_summary(items: &[SummaryItem], node_ref: &NodeRef) -> Html {
    summary(items, node_ref, "There is a problem", None)
}

/// The same box marked as a warning: what to check before saving, and `note`, what to do
/// about it.
pub fn warning_summary(items: &[SummaryItem], node_ref: &NodeRef, note: String) -> Html {
    summary(items, node_ref, "Check before saving", Some(note))
}

/// The box, headed `title`; a warning when it has a note.
fn summary(
    items: &[SummaryItem],
    node_ref: &NodeRef,
    title: &'static str,
    note: Option<String>,
) -> Html {
    if items.is_empty() {
        return html! {};
    }
    let warning = note.is_some();
    html! {
        <div class={class_list("rs-error-summary", &[warning.then_some("rs-error-summary--warning")])}
            ref={node_ref.clone()} tabindex="-1" role="alert">
            <h3 class="rs-error-summary__title">{ title }</h3>
            <ul class="rs-error-summary__list">
                { for items.iter().enumerate().map(|(index, item)| {
                    let target = item.target_id.to_string();
                    let onclick = Callback::from(move |event: MouseEvent| {
                        event.prevent_default();
                        if let Some(link) = event.target_dyn_into::<Element>() {
                            focus_by_id(&link, &target);
                        }
                    });
                    html! {
                        <li key={format!("{index}-{}", item.target_id)}>
                            <a class="rs-error-summary__link" href={format!("#{}", item.target_id)} {onclick}>
                                { item.message.clone() }
                            </a>
                        </li>
                    }
                }) }
            </ul>
            if let Some(note) = note {
                <p class="rs-error-summary__note">{ note }</p>
            }
        </div>
    }
}
