//! The decision record: the versioned wire types a host stores, validates and verifies.
//!
//! # Wire format
//!
//! A record is one JSON object. Field names are camelCase. `schemaVersion` is an integer
//! that changes only when an existing field changes meaning or shape; new optional fields
//! do not change it. Enumerations (meeting type, mode, attendance) may grow in later
//! versions: a reader should treat a value it does not know as an error, not guess.
//! Unknown fields are rejected, so a typo in a host's integration fails loudly.

pub mod integrity;
mod sections;
mod types;

pub use sections::*;
pub use types::*;

/// The schema version this build writes, and the newest one it reads.
pub const SCHEMA_VERSION: u32 = 1;
