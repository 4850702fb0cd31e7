//! The Yew layer: components that render a [`crate::session::Session`] and send it
//! [`crate::meeting::Command`]s. Components hold only what a person is typing; the record
//! itself lives in the session.

mod agenda_timer;
mod app;
mod audience;
#[cfg(feature = "caseload")]
mod caseload;
mod clocks;
mod context;
mod dates;
mod defaults;
mod digest;
mod distribution;
mod error_summary;
mod exports;
mod family_review;
mod fields;
mod finalise;
mod focus;
mod follow_up;
pub(crate) mod form;
mod header;
mod help;
mod item_list;
mod meeting_details;
mod minutes;
mod notices;
mod participants;
mod print_panel;
mod quick;
mod scales;
mod section_form;
mod specs;
mod stages;
mod task_list;
mod text;
mod undo;
mod wellbeing;

pub use app::{App, AppProps};
#[cfg(feature = "caseload")]
pub use caseload::{Caseload, CaseloadProps};
pub use context::WidgetContext;
pub use exports::download;
pub use help::SHORTCUTS;
pub use print_panel::{printed, PrintChoice};
pub use stages::{Stage, StageState};

/// A class attribute: `base`, then each modifier that is present, separated by spaces. One
/// function rather than Yew's `classes!`, whose set of names (an `IndexSet`) the widget does
/// not need: its classes are written once each.
pub(crate) fn class_list(base: &str, modifiers: &[Option<&str>]) -> yew::AttrValue {
    let mut list = String::from(base);
    for modifier in modifiers.iter().flatten() {
        list.push(' ');
        list.push_str(modifier);
    }
    list.into()
}
