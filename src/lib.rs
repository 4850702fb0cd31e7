//! Risk Sensible: a multi-agency child-safeguarding strategy meeting, as a decision record
//! and a widget that builds one.
//!
//! The crate has two layers, and the line between them is an invariant:
//!
//! - the domain core ([`record`], [`meeting`]) knows nothing of the DOM, Yew or the browser.
//!   It builds and tests with `--no-default-features`;
//! - the web layer (`view`, `embed`, behind the `web` feature) renders the core and sends
//!   every change through [`meeting::apply`], the one transition function. It has two
//!   entries, each its own WebAssembly module: the meeting widget's `mount` (`embed`,
//!   feature `meeting`) and the caseload view's `mountCaseload` (`caseload_embed`, feature
//!   `caseload`). Both are on by default.

// The domain core lives in its own crates (`core/`, and `record/` for the record, whose
// reading and digests in `record/io/` are built for speed); its modules are this crate's, so
// every path (`risk_sensible::record::import`, …) is the same wherever the code lives.
pub use risk_sensible_core::{analysis, bidi, copy, dates, example, export, meeting, record};

/// The module's allocator: Talc, smaller and faster in WebAssembly than the standard
/// library's dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "web")]
pub mod autosave;
#[cfg(feature = "caseload")]
pub mod caseload_embed;
#[cfg(feature = "meeting")]
pub mod embed;
#[cfg(feature = "web")]
mod host_js;
#[cfg(feature = "web")]
mod json_object;
#[cfg(feature = "web")]
pub mod session;
#[cfg(feature = "web")]
pub mod shared_screen;
#[cfg(feature = "web")]
pub mod view;
