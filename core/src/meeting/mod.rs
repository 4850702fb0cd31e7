//! The meeting core: configuration, the one transition function, and validation.
//!
//! Architecture invariant: nothing here touches the outside world (no clock, no storage,
//! no DOM). Time and the acting person come in through [`Context`], so every function is
//! deterministic and testable on the host.

mod clock;
mod command;
mod config;
pub mod limits;
mod timescales;
mod validate;

pub use clock::*;
pub use command::*;
pub use config::*;
pub use timescales::*;
pub use validate::*;
