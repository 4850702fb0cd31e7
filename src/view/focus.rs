//! Moving focus after a change: a button that is pressed can disappear with its row, an
//! error summary appears only after the next render, so focus is moved from an effect once
//! the view has redrawn.

use super::context::{use_effect_on, use_value};
use super::error_summary::focus_by_id;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Where focus goes after the next render.
#[derive(Clone, Debug, PartialEq)]
pub enum FocusTarget {
    /// The element (a form's error summary, a heading) behind this reference.
    Node(NodeRef),
    /// The element with this id, found from the component's container.
    Id(String),
}

/// Asks for focus to move after the next render. `container` is an element of the
/// component (ids are looked up from it, so that the widget works in a shadow root).
#[hook]
pub fn use_focus(container: NodeRef) -> Callback<FocusTarget> {
    // (counter, target): bumped on every request, so the same target twice moves focus twice.
    let request = use_value((0u32, None::<FocusTarget>));
    {
        use_effect_on((*request).clone(), move |(_, target)| match target {
            Some(FocusTarget::Node(node)) => {
                if let Some(element) = node.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            }
            Some(FocusTarget::Id(id)) => {
                if let Some(container) = container.cast::<Element>() {
                    focus_by_id(&container, id);
                }
            }
            None => {}
        });
    }
    Callback::from(move |target| request.set((request.0.wrapping_add(1), Some(target))))
}
