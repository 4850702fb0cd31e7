//! The decision record: the versioned wire types a host stores, validates and verifies.
//!
//! # Wire format
//!
//! A record is one JSON object. Field names are camelCase. `schemaVersion` is an integer
//! that changes only when an existing field changes meaning or shape; new optional fields
//! do not change it. Enumerations (meeting type, mode, attendance) may grow in later
//! versions: a reader should treat a value it does not know as an error, not guess.
//! Unknown fields are rejected, so a typo in a host's integration fails loudly.

pub mod canonical;
mod compact;
mod json;
#[doc(hidden)]
pub mod members;
pub mod path;
pub mod schema;
mod sections;
mod shape;
mod shared;
mod types;
#[doc(hidden)]
pub mod unit;
pub mod walk;

pub use compact::{export_compact_escaped_after, replace_ranges, CompactText};
use json::Layout;
/// The sorted-list map the record's maps are (see [`TextMap`]), for other small maps too.
pub use litemap::LiteMap;
pub use path::{JsonPath, Step};
pub use sections::*;
pub use shape::*;
pub use shared::Shared;
pub use types::*;
pub use unit::variant_name;
pub use walk::{member_strings_with, strings_with};

/// The schema version this build writes, and the newest one it reads.
pub const SCHEMA_VERSION: u32 = 3;

/// Object keys that JavaScript treats specially. A record never uses them, and a host that
/// merges a record into an object could have its prototype changed by them. A static, so
/// that the crates that read it share one copy.
pub static FORBIDDEN_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// The record as pretty-printed JSON with a trailing newline, keys in the order the types
/// declare them. `import` reads it back to an equal record, and exporting that gives the
/// same text.
///
/// # Panics
///
/// Only if a timestamp cannot be written as RFC 3339 in UTC (a year beyond 9999 once
/// converted), which no record built by the core or read by `import` has.
pub fn export(record: &DecisionRecord) -> String {
    // serde_json's pretty text (`to_string_pretty`), through the one compiled serialiser.
    let pretty = Layout::Pretty(serde_json::ser::PrettyFormatter::new());
    let mut text = write(record, pretty, false);
    text.push('\n');
    text
}

/// The record as compact JSON: what [`export`] writes, without the white space (and the
/// final newline), and with every character above U+00FF written as a `\u` escape. The
/// widget writes this on every change, keystrokes included, for the draft it keeps in the
/// browser and the record it hands the host (through `risk_sensible_record_io`'s
/// `export_compact`, which falls back to [`export_compact_unescaped`] when the escapes
/// would take the text over import's size limit): about a quarter shorter than the pretty
/// text, and `import` reads either.
///
/// The escapes keep the text one byte per character once it is a JavaScript string: a
/// single character beyond Latin-1 (a `…` in an audit entry, a curly quote pasted from a
/// word processor) would otherwise double the size of the whole string the browser copies
/// and stores on every key. JSON reads them back as the same characters.
///
/// # Panics
///
/// As [`export`].
pub fn export_compact_escaped(record: &DecisionRecord) -> String {
    write(record, Layout::Compact, true)
}

/// serde_json's compact text of the record, every character as it is:
/// [`export_compact_escaped`] without its escapes, byte for byte what `serde_json::to_string` writes. For a record the
/// escapes alone would take over import's size limit (`risk_sensible_record_io`).
///
/// # Panics
///
/// As [`export`].
pub fn export_compact_unescaped(record: &DecisionRecord) -> String {
    write(record, Layout::Compact, false)
}

/// The record's JSON text in one of the three forms above.
fn write(record: &DecisionRecord, layout: Layout, escape: bool) -> String {
    json_text(record, layout, escape, 64 * 1024)
        .expect("a decision record always serialises to JSON: every map key is a string")
}

/// `value`'s JSON text in `layout`, by the record's one JSON writer ([`json`]), which the
/// canonical form behind the digests shares; `None` for a value JSON cannot hold.
fn json_text<T: serde::Serialize + ?Sized>(
    value: &T,
    layout: Layout,
    escape: bool,
    capacity: usize,
) -> Option<String> {
    let mut text = Vec::with_capacity(capacity);
    json::write(value, layout, escape, &mut text).ok()?;
    // serde_json writes UTF-8 only, and the escapes are ASCII.
    String::from_utf8(text).ok()
}

/// Any value of the record's types as compact JSON text (serde_json's, nothing escaped),
/// written by the record's one compiled serialiser (see [`export`]); `None` for a value
/// JSON cannot hold (a map whose keys are not text). Use this, or [`to_json_value`], rather
/// than `serde_json::to_string` or `to_value`: each of those is another compiled copy of the
/// types' writing code in the widget.
pub fn to_json_text<T: serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    json_text(value, Layout::Compact, false, 0)
}

/// Any value of the record's types, or any JSON value, as serde_json's pretty text
/// (`to_string_pretty`) with a trailing newline, written by the record's one compiled
/// serialiser: the widget's downloads other than the record (the family's copy, the FHIR
/// export) use this, not another compiled copy of serde_json's pretty writer. Empty for a
/// value JSON cannot hold.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let pretty = Layout::Pretty(serde_json::ser::PrettyFormatter::new());
    json_text(value, pretty, false, 0)
        .map(|text| text + "\n")
        .unwrap_or_default()
}

/// Any value of the record's types as a JSON value: the value `serde_json::to_value` gives
/// (a property test holds them equal), read back from [`to_json_text`]. `Value::Null` for
/// a value JSON cannot hold.
pub fn to_json_value<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
    to_json_text(value)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// The wire name of a value of an enumeration of plain names (`strategyMeeting`); empty for
/// any other value. What [`wire_name`] gives for such a value, without its writing of any
/// other value (compiled for each type it is given), so the widget uses this one.
pub fn unit_name<T: serde::Serialize + ?Sized>(value: &T) -> &'static str {
    variant_name(value).unwrap_or_default()
}

/// The wire name of an enumeration value (`strategyMeeting`): the text it is written as;
/// empty for a value not written as text.
pub fn wire_name<T: serde::Serialize + ?Sized>(value: &T) -> String {
    if let Some(name) = variant_name(value) {
        return name.to_string();
    }
    to_json_text(value)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Reads a typed value from JSON, naming the path of the first problem (`$.due: …`), such
/// as the mount options. Records are read from text by the import instead.
pub fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    from_json_via(value, from_json_text)
}

/// Reads a typed value from JSON with `read` (a function like [`from_json_text`]), naming
/// the path of the first problem (`$.due: …`) or, for the whole value, only the problem.
pub fn from_json_via<T>(
    value: serde_json::Value,
    read: impl FnOnce(&str) -> Result<T, (String, String)>,
) -> Result<T, String> {
    read(&to_json_text(&value).unwrap_or_default()).map_err(|(path, message)| {
        if path == "$" {
            message
        } else {
            format!("{path}: {message}")
        }
    })
}

/// Reads a typed value from JSON text: the value, or the path of the first problem (such as
/// `$.actions[3].due`, or `$` for the whole text) and what is wrong there, without
/// serde_json's line and column: the path says where.
///
/// Every struct is read from an object only (by its table of members, `read_members!`): the
/// schema allows nothing else.
///
/// Everything that reads record types goes through here, import included: one way of
/// reading each type keeps the WebAssembly small (each way is a separate copy of every
/// type's reader), which is why [`from_json`] writes its value out as text first.
pub fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    let mut json = serde_json::Deserializer::from_str(text);
    T::deserialize(&mut json)
        .and_then(|value| json.end().map(|()| value))
        .map_err(|error| {
            // The types are read without tracking where they are: tracking would cost time
            // on every record and a second copy of every type's reader. Only a refused text
            // pays, by working out the path from where serde_json stopped.
            let message = without_position(&error);
            let path = path::path_at(text, error.line(), error.column(), &message);
            (path, message)
        })
}

/// A serde_json error's message without the " at line L column C" it ends with.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_string(),
        None => message,
    }
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
    BackgroundCheck,
    MedicalAuthority,
    Investigation,
    StatutoryDuty,
    FollowUpKind,
    Article6Basis,
    SpecialCategoryCondition,
    ThresholdAnswer,
    HarmCategory,
    ThresholdRoute,
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
    EscalationStage,
    Restriction,
    RecipientKind
);
