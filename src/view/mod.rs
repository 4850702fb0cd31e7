//! The Yew layer: components that render the core's record and send [`crate::meeting::Command`]s
//! through the reducer in [`state`]. Components hold only what a person is typing; the
//! record itself lives in one place.

mod app;
mod error_summary;
mod fields;
mod meeting_details;
mod participants;
mod state;

pub use app::{App, AppProps};
pub use state::{now, MeetingState, WidgetContext};
