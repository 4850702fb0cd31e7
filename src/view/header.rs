//! The widget's header: the record's title and state, whether the host has stored it, and
//! the toolbar of shared-screen settings.

use super::class_list;
use yew::prelude::*;

/// What the header shows, and what its buttons do.
pub struct HeaderProps {
    /// "Child's name · Draft", or the state alone before the child is recorded.
    pub subtitle: AttrValue,
    pub saved_by_host: bool,
    pub chair_mode: bool,
    pub screen_safe: bool,
    pub help_open: bool,
    /// The id of the keyboard-shortcuts panel the help button controls.
    pub help_id: AttrValue,
    pub on_chair_mode: Callback<MouseEvent>,
    pub on_screen_safe: Callback<MouseEvent>,
    pub on_help: Callback<MouseEvent>,
    pub on_print: Callback<MouseEvent>,
    /// The choice of what to print is open.
    pub print_open: bool,
    /// The id of the panel the print button opens.
    pub print_id: AttrValue,
    /// Opens the shared screen's window (absent where there is no window to open).
    pub on_shared_screen: Option<Callback<MouseEvent>>,
}

/// The header and toolbar.
pub fn header(props: HeaderProps) -> Html {
    html! {
        <header class="rs-widget__header">
            <div class="rs-widget__titles">
                <h2 class="rs-widget__title">{ "Strategy meeting record" }</h2>
                <p class="rs-widget__subtitle">{ props.subtitle.clone() }</p>
            </div>
            <p class={class_list("rs-widget__saved", &[(!props.saved_by_host).then_some("rs-widget__saved--pending")])}>
                { if props.saved_by_host { "Saved by your system" } else { "Not yet saved by your system" } }
            </p>
            <div class="rs-widget__toolbar">
                <button type="button" class="rs-button rs-button--secondary" aria-pressed={props.chair_mode.to_string()} onclick={props.on_chair_mode.clone()}>
                    { "Chair mode" }
                </button>
                <button type="button" class="rs-button rs-button--secondary" aria-pressed={props.screen_safe.to_string()} onclick={props.on_screen_safe.clone()}>
                    { "Screen-safe" }
                </button>
                <button type="button" class="rs-button rs-button--secondary" aria-expanded={props.help_open.to_string()}
                    aria-controls={props.help_id.clone()} onclick={props.on_help.clone()}>
                    { "Keyboard shortcuts" }
                </button>
                <button type="button" class="rs-button rs-button--secondary" aria-expanded={props.print_open.to_string()}
                    aria-controls={props.print_id.clone()} onclick={props.on_print.clone()}>{ "Print minutes" }</button>
                if let Some(open) = props.on_shared_screen.clone() {
                    <button type="button" class="rs-button rs-button--secondary" onclick={open}>
                        { "Open the shared screen" }
                    </button>
                }
            </div>
        </header>
    }
}
