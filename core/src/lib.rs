//! The domain core of Risk Sensible: the decision record ([`record`]), the meeting's rules
//! and its one transition function ([`meeting`]), exports ([`export`]), example records
//! ([`example`]), analysis across many records ([`analysis`]), bidirectional text made
//! safe to show ([`bidi`]) and dates in words ([`dates`]).
//!
//! It knows nothing of the DOM, Yew or the browser. The `risk-sensible` crate re-exports
//! every module here and adds the web layer; read the documentation there.

pub mod analysis;
pub mod bidi;
pub mod copy;
pub mod dates;
pub mod example;
pub mod export;
pub mod meeting;
/// The decision record: the wire types and their JSON Schema (the `risk-sensible-record`
/// crate), with reading from untrusted text ([`import`](record::import)) and integrity
/// ([`integrity`](record::integrity)) from `risk-sensible-record-io`, a crate of its own
/// only so that the release build can optimise it for speed.
pub mod record {
    #[doc(inline)]
    pub use risk_sensible_record::*;
    #[doc(inline)]
    pub use risk_sensible_record_io::{import, integrity};
}
