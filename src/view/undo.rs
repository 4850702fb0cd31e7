//! The notice after a removal: what was removed, in words, and an Undo button that puts it
//! back where it was. It takes focus when it appears (the button that was pressed has gone
//! with its row), says so again when the item is back, and goes when the chair leaves the
//! stage.

use super::context::{use_effect_on, use_widget};
use crate::session::Removal;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the notice.
#[derive(Properties, PartialEq)]
pub struct UndoNoticeProps {
    pub removal: Removal,
}

/// "Removed the action "Strategy review". [Undo]", then "Put back the action …".
#[function_component(UndoNotice)]
pub fn undo_notice(props: &UndoNoticeProps) -> Html {
    let context = use_widget();
    let text = use_node_ref();
    let removal = &props.removal;
    {
        let text = text.clone();
        use_effect_on((removal.serial, removal.undone()), move |_| {
            if let Some(text) = text.cast::<HtmlElement>() {
                let _ = text.focus();
            }
        });
    }
    let undo = {
        let session = context.session.clone();
        Callback::from(move |_: MouseEvent| {
            session.undo_removal();
        })
    };
    let put_back = &removal.put_back;
    html! {
        <div class="rs-notice rs-notice--info rs-undo">
            <p class="rs-notice__text rs-undo__text" tabindex="-1" ref={text}>
                if removal.undone() {
                    { format!("{put_back} where it was.") }
                } else {
                    { format!("{}.", removal.removed) }
                }
            </p>
            if !removal.undone() {
                <button type="button" class="rs-button rs-button--secondary rs-undo__button" onclick={undo}>
                    { "Undo" }<span class="rs-visually-hidden">{ format!(" ({})", lower_first(put_back)) }</span>
                </button>
            }
        </div>
    }
}

/// The text with its first letter in lower case ("put back the action …").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
