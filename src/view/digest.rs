//! The record's integrity digest as people handle it on screen: its first twelve hex
//! digits in groups of four, enough to compare by eye; the whole value a step away for
//! whoever checks it; and a button that copies the whole value. Print shows the whole
//! value (the minutes).

use super::context::{use_value, use_widget};
use crate::bidi::isolate;
use yew::prelude::*;

/// How many hex digits the short form shows.
const SHOWN: usize = 12;

/// The short form: "3f2a 9c1b 7d04…" of `sha256:3f2a9c1b7d04…`. A value that is not a
/// digest the widget wrote is shown whole.
pub fn short(value: &str) -> String {
    let hex = value.strip_prefix("sha256:").unwrap_or(value);
    if hex.len() <= SHOWN || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return isolate(value).into_owned();
    }
    let groups: Vec<&str> = (0..SHOWN)
        .step_by(4)
        .map(|start| &hex[start..start + 4])
        .collect();
    format!("{}…", groups.join(" "))
}

/// Props of a digest.
#[derive(Properties, PartialEq)]
pub struct DigestProps {
    /// The whole value (`sha256:` and 64 hex digits).
    pub value: AttrValue,
}

/// A digest, short, with the whole value behind a disclosure and a copy button.
#[function_component(Digest)]
pub fn digest(props: &DigestProps) -> Html {
    let context = use_widget();
    let status = use_value(String::new());
    let copy = {
        let status = status.clone();
        let value = props.value.to_string();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let clipboard = gloo::utils::window().navigator().clipboard();
            let promise = clipboard.write_text(&value);
            wasm_bindgen_futures::spawn_local(async move {
                let result = wasm_bindgen_futures::JsFuture::from(promise).await;
                status.set(match result {
                    Ok(_) => "The full digest was copied to the clipboard.".to_string(),
                    Err(_) => "The browser did not allow copying to the clipboard.".to_string(),
                });
            });
        })
    };
    let full_id = context.id("digest-full");
    html! {
        <div class="rs-digest">
            <p class="rs-digest__short">
                <span class="rs-visually-hidden">{ "SHA-256, first 12 digits: " }</span>
                <code class="rs-digest__value">{ short(&props.value) }</code>
                <button type="button" class="rs-button rs-button--secondary rs-digest__copy" onclick={copy}>
                    { "Copy" }<span class="rs-visually-hidden">{ " the full digest" }</span>
                </button>
            </p>
            <details class="rs-digest__full">
                <summary class="rs-digest__summary">{ "Show the full digest" }</summary>
                <code class="rs-digest__value rs-digest__value--full" id={full_id}>{ isolate(&props.value).into_owned() }</code>
            </details>
            <p class="rs-digest__status" role="status">{ (*status).clone() }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn a_digest_is_shortened_to_three_groups_of_four() {
        let digest = format!("sha256:{}", "3f2a9c1b7d04e5f6".repeat(4));
        assert_eq!(short(&digest), "3f2a 9c1b 7d04…");
        assert_eq!(short("not a digest"), "not a digest");
    }
}
