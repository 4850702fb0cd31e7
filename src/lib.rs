//! Risk Sensible: a multi-agency child-safeguarding strategy meeting, as a decision record
//! and a widget that builds one.
//!
//! The crate has two layers, and the line between them is an invariant:
//!
//! - the domain core ([`record`], [`meeting`]) knows nothing of the DOM, Yew or the browser.
//!   It builds and tests with `--no-default-features`;
//! - the web layer (`view`, `embed`, behind the default `web` feature) renders the core and
//!   sends every change through [`meeting::apply`], the one transition function.

// The domain core lives in its own crate (`core/`), built for speed rather than size; its
// modules are this crate's, so every path (`risk_sensible::record::import`, …) is unchanged.
pub use risk_sensible_core::{analysis, example, export, meeting, record};

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
