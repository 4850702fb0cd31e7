//! The Yew layer: components that render the core's record and send [`crate::meeting::Command`]s
//! through the reducer in `state`. Components hold only what a person is typing; the
//! record itself lives in one place.

mod app;
mod caseload;
mod clocks;
mod error_summary;
mod exports;
mod fields;
mod finalise;
mod form;
mod item_list;
mod meeting_details;
mod minutes;
mod participants;
mod scales;
mod section_form;
mod specs;
mod stages;
mod state;
mod task_list;

pub use app::{App, AppProps, SHORTCUTS};
pub use caseload::{Caseload, CaseloadProps};
pub use exports::download;
pub use stages::{Stage, StageState};
pub use state::{now, HostLink, HostNotices, MeetingState, WidgetContext};
