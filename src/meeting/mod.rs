//! The meeting core: configuration, the one transition function, and validation.
//!
//! Architecture invariant: nothing here touches the outside world (no clock, no storage,
//! no DOM). Time and the acting person come in through [`Context`], so every function is
//! deterministic and testable on the host.

mod command;
mod config;
mod validate;

pub use command::*;
pub use config::*;
pub use validate::*;
