//! The decision record: the versioned wire types a host stores, validates and verifies.
//!
//! # Wire format
//!
//! A record is one JSON object. Field names are camelCase. `schemaVersion` is an integer
//! that changes only when an existing field changes meaning or shape; new optional fields
//! do not change it. Enumerations (meeting type, mode, attendance) may grow in later
//! versions: a reader should treat a value it does not know as an error, not guess.
//! Unknown fields are rejected, so a typo in a host's integration fails loudly.

pub mod import;
pub mod integrity;
pub mod schema;
mod sections;
mod types;

pub use sections::*;
pub use types::*;

/// The schema version this build writes, and the newest one it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Reads a typed value from JSON, naming the path of the first problem (`$.due: …`).
///
/// Everything in the crate that reads record types from a `serde_json::Value` goes through
/// here, as `import` does: one way of reading each type keeps the WebAssembly small (each
/// way is a separate copy of every type's reader).
pub fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        if path == "." || path.is_empty() {
            error.into_inner().to_string()
        } else {
            format!("$.{path}: {}", error.into_inner())
        }
    })
}

/// An enumeration offered as a choice in a form: every value in order, and its label.
pub trait Labelled: Copy + Eq + serde::Serialize + serde::de::DeserializeOwned + 'static {
    /// Every value, in the order a form lists them.
    fn all() -> &'static [Self];
    /// The plain-English label.
    fn label(self) -> &'static str;
}

macro_rules! impl_labelled {
    ($($name:ident),+) => {
        $(impl Labelled for $name {
            fn all() -> &'static [Self] {
                &$name::ALL
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        })+
    };
}

impl_labelled!(
    MeetingType,
    MeetingMode,
    Attendance,
    Tristate,
    SubjectRole,
    Mobility,
    InformationKind,
    SharingBasis,
    Sensitivity,
    AssessmentColumn,
    DecisionType,
    S47Outcome,
    ActionStatus,
    NotDoneReason,
    EscalationStage
);
