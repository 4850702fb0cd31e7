//! Risk Sensible: a multi-agency child-safeguarding strategy meeting, as a decision record
//! and a widget that builds one.
//!
//! The crate has two layers, and the line between them is an invariant:
//!
//! - the domain core ([`record`], [`meeting`]) knows nothing of the DOM, Yew or the browser.
//!   It builds and tests with `--no-default-features`;
//! - the web layer (`view`, `embed`, behind the default `web` feature) renders the core and
//!   sends every change through [`meeting::apply`], the one transition function.

pub mod analysis;
pub mod example;
pub mod export;
pub mod meeting;
pub mod record;

#[cfg(feature = "web")]
pub mod autosave;
#[cfg(feature = "web")]
pub mod caseload_embed;
#[cfg(feature = "web")]
pub mod embed;
#[cfg(feature = "web")]
mod host_js;
#[cfg(feature = "web")]
pub mod view;
