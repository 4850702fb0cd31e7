//! The domain core of Risk Sensible: the decision record ([`record`]), the meeting's rules
//! and its one transition function ([`meeting`]), exports ([`export`]), example records
//! ([`example`]) and analysis across many records ([`analysis`]).
//!
//! It knows nothing of the DOM, Yew or the browser. The `risk-sensible` crate re-exports
//! every module here and adds the web layer; read the documentation there.

pub mod analysis;
pub mod example;
pub mod export;
pub mod meeting;
pub mod record;
