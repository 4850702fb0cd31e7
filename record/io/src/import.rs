//! Import and export: reading a decision record from untrusted text, and writing one back.
//!
//! A host receives records from other systems, other agencies and people's downloads
//! folders, so [`import`] treats its input as hostile. It never panics, never recurses
//! without a bound, and never accepts a document it would read differently from another
//! reader. Every refusal is a list of [`ImportProblem`]s, each naming a JSON path such as
//! `$.participants[2].name` and saying what is wrong in plain English.
//!
//! The steps, in order (each stops the import when it finds a problem, because later steps
//! would only report consequences of the first):
//!
//! 1. **Limits.** At most [`MAX_BYTES`] of text, no byte order mark, nested at most
//!    [`MAX_DEPTH`] deep (checked by a flat scan before any recursive parser sees the text),
//!    at most [`MAX_ITEMS`] items in any list or object, at most [`MAX_STRING_CHARS`]
//!    characters in any string.
//! 2. **JSON.** Well-formed JSON (a malformed document is reported with its line and
//!    column), with no key repeated within an object (readers disagree on which copy wins,
//!    so a repeated key could show one value to one reader and another to the next), and no
//!    `__proto__`, `constructor` or `prototype` keys (JavaScript hosts may treat them
//!    specially).
//! 3. **Version.** `schemaVersion` is present, at least 1 and no newer than
//!    [`SCHEMA_VERSION`]; an older document is migrated to the current version by
//!    [`migrate`].
//! 4. **Types.** The document matches the wire types exactly: right types, no unknown
//!    fields, enumeration values this build knows, timestamps it can write back.
//! 5. **References.** Every participant id the record refers to (chair, owners, decision
//!    makers, dissent authors, …) is a participant, and no two participants share an id.
//! 6. **Integrity.** The audit chain is unbroken and tells the same story as the status (a
//!    record whose trail shows it was finalised is not a draft) and, for a final or amended
//!    record, the content digest and amendments match ([`integrity::verify`]).
//!
//! [`parse_unverified`] stops after step 4, for `risk-sensible verify`, which must be able
//! to read a tampered record in order to say where it was tampered with.
//!
//! # Migration
//!
//! [`migrate`] runs the steps in `MIGRATIONS`, a list whose length the compiler ties to
//! [`SCHEMA_VERSION`] (one step per version change). An older draft is migrated to the
//! current version; a final or amended record of an older version is read as it was
//! written, so that its digests go on verifying. Version 1 to 2 turns single sensitivity
//! labels into sets of restrictions; version 2 to 3 takes the professionals' wellbeing
//! debrief out of the child's record ([`earlier_debrief`] reads it). Import refuses version
//! 0 and versions newer than this build.

use crate::integrity;
use risk_sensible_record::path::{path_at, Location};
use risk_sensible_record::{
    AssessmentColumn, CompactText, DecisionRecord, ItemKind, JsonPath, Recipient, RecipientKind,
    Restrictions, Sensitivity, Status, Timestamp, WellbeingDebrief, SCHEMA_VERSION,
};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize as _;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The largest record import reads, in bytes (8 MiB). The example record is about 35 KB;
/// a long-running case with hundreds of items is well under 1 MB.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of arrays and objects import reads. A record nests four deep; the
/// limit is far above that and far below anything that could exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// The most items in any one list (or members in any one object), the audit trail included.
pub const MAX_ITEMS: usize = 5_000;

/// The longest string, in characters (Unicode scalar values).
pub const MAX_STRING_CHARS: usize = 100_000;

/// The most problems listed for one document; any more are counted in a last problem.
pub const MAX_PROBLEMS: usize = 100;

/// The longest message an import problem carries, in characters: messages quote the input,
/// which may be hostile, so they are cut short rather than fill a terminal.
pub const MAX_MESSAGE_CHARS: usize = 300;

pub use risk_sensible_record::FORBIDDEN_KEYS;

/// One reason a document cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// Where: a JSON path such as `$.participants[2].name`, or `$` for the whole document.
    pub path: String,
    /// What is wrong, in plain English. Never contains control characters, so each problem
    /// prints on one line.
    pub message: String,
}

impl ImportProblem {
    /// A problem at a path, with the message made safe to print: control characters are
    /// escaped and an over-long message (which may quote hostile input) is cut short.
    pub fn new(path: impl Into<String>, message: impl AsRef<str>) -> Self {
        ImportProblem {
            path: one_line(path.into().as_str(), usize::MAX),
            message: one_line(message.as_ref(), MAX_MESSAGE_CHARS),
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ImportProblem {}

/// The text made safe to print on one line of a terminal: control characters (new lines,
/// escape sequences) are escaped, and text longer than `limit` characters is cut short with
/// an ellipsis. Records are untrusted, so anything quoting one goes through this.
pub fn one_line(text: &str, limit: usize) -> String {
    let mut output = String::with_capacity(text.len().min(limit.saturating_add(8)));
    let mut written = 0usize;
    for character in text.chars() {
        let escaped = character.is_control().then(|| character.escape_default());
        let width = escaped.clone().map_or(1, Iterator::count);
        if written.saturating_add(width) > limit {
            output.push('…');
            break;
        }
        written += width;
        match escaped {
            Some(escape) => output.extend(escape),
            None => output.push(character),
        }
    }
    output
}

/// Reads a record from untrusted JSON text: checks limits, syntax, version (migrating an
/// older one), types, participant references and integrity. Every problem found comes back
/// with its JSON path; the function never panics.
pub fn import(text: &str) -> Result<DecisionRecord, Vec<ImportProblem>> {
    let record = parse_unverified(text)?;
    let mut problems = participant_reference_problems(&record);
    if let Err(failure) = integrity::verify(&record) {
        problems.push(ImportProblem::new(failure.path, failure.message));
    }
    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

/// Reads a record like [`import`] but stops before checking participant references and
/// integrity. For `risk-sensible verify`, which reports where a record was tampered with
/// rather than refusing to read it; everything else should use [`import`].
pub fn parse_unverified(text: &str) -> Result<DecisionRecord, Vec<ImportProblem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![too_large()]);
    }
    if text.starts_with('\u{feff}') {
        // JSON forbids a byte order mark, but some Windows editors add one: say so plainly
        // rather than report an unexpected character.
        return Err(vec![ImportProblem::new(
            "$",
            "the text starts with a byte order mark: save the record as UTF-8 without one",
        )]);
    }
    let within_limits = scan(text).map_err(|problem| vec![problem])?;
    if within_limits {
        // The usual case: a current record within the limits is read once, straight into
        // its types. The types refuse everything the checking pass would refuse (every
        // struct denies unknown keys, so the forbidden ones too; serde refuses a repeated
        // field; the one map refuses repeated and forbidden keys), and the scan has
        // bounded every string and list. A text they refuse is read again by
        // `read_checked`, so what is reported is the same either way (a unit test holds the
        // two routes equal).
        if let Ok(record) = typed(text) {
            if read_as_written(record.schema_version, record.meta.status) {
                return finish(record);
            }
        }
    }
    read_checked(text)
}

/// Reads a text that passed the scan step by step: syntax, limits and keys, version
/// (migrating an older document), types. Each step stops at its problems.
fn read_checked(text: &str) -> Result<DecisionRecord, Vec<ImportProblem>> {
    let shape = check_syntax(text)?;
    let version = schema_version(&shape).map_err(|problem| vec![problem])?;
    let record = if version == SCHEMA_VERSION {
        typed(text)
    } else {
        // An older document is read as a JSON value; a draft is migrated, then read like a
        // current one, and a final record is read as it was finalised.
        let value: Value = serde_json::from_str(text)
            .map_err(|error| vec![ImportProblem::new("$", syntax_message(&error))])?;
        let draft = value.pointer("/meta/status").and_then(Value::as_str) == Some("draft");
        if draft {
            let value = migrate(value, version).map_err(|problem| vec![problem])?;
            // Written out by the record's writer, which the module has for JSON values.
            typed(&risk_sensible_record::to_json_text(&value).unwrap_or_default())
        } else {
            typed(text)
        }
    }
    .map_err(|problem| vec![problem])?;
    finish(record)
}

/// True for a document read as it was written: the current version, or a final or amended
/// record of an older one, which keeps the version it was finalised in so that the digests
/// stored in it go on verifying (the current types read every older version's fields). An
/// older draft is migrated; anything else is for the step-by-step reading to refuse.
fn read_as_written(version: u32, status: Status) -> bool {
    version == SCHEMA_VERSION || ((1..SCHEMA_VERSION).contains(&version) && status != Status::Draft)
}

/// The record, unless a timestamp in it cannot be written back or it carries a field of
/// another version.
fn finish(record: DecisionRecord) -> Result<DecisionRecord, Vec<ImportProblem>> {
    let mut problems = unprintable_timestamps(&record);
    problems.extend(version_problems(&record));
    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

/// The text of a record received as bytes: refuses more than [`MAX_BYTES`] and anything
/// that is not UTF-8 (saying where). Pass the text on to [`import`].
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, ImportProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|byte| **byte == b'\n').count() + 1;
        let column = valid
            .iter()
            .rev()
            .take_while(|byte| **byte != b'\n')
            .count()
            + 1;
        ImportProblem::new(
            "$",
            format!("the text is not UTF-8: invalid bytes at line {line} column {column}"),
        )
    })
}

/// Written by the types' crate, built for size: writing a record out is not the hot path
/// that reading one is.
pub use risk_sensible_record::export;

/// The record as compact JSON, as the widget writes it on every change for its draft and
/// the host: [`risk_sensible_record::export_compact_escaped`], with characters above U+00FF
/// escaped. A `\u` escape is six bytes where the character is two to four, so a record
/// written largely in another script could be taken over [`MAX_BYTES`] by the escapes
/// alone, and then never read back (a draft that could not be restored): such a record is
/// written without them, as serde_json's plain compact text
/// ([`risk_sensible_record::export_compact_unescaped`]), which import reads whenever the
/// record itself is within the limits.
///
/// # Panics
///
/// As [`export`].
pub fn export_compact(record: &DecisionRecord) -> String {
    let text = risk_sensible_record::export_compact_escaped(record);
    if text.len() <= MAX_BYTES {
        return text;
    }
    risk_sensible_record::export_compact_unescaped(record)
}

/// [`export_compact`]'s text of a record changed from `before`, whose text was `previous`:
/// the text of every part equal in the two copied rather than written again
/// ([`risk_sensible_record::export_compact_escaped_after`]). What the widget writes on each
/// change.
///
/// # Panics
///
/// As [`export`].
pub fn export_compact_after(
    previous: Option<(&DecisionRecord, &CompactText)>,
    record: &DecisionRecord,
) -> CompactText {
    let text = risk_sensible_record::export_compact_escaped_after(previous, record);
    if text.text.len() <= MAX_BYTES {
        return text;
    }
    // Without the escapes, and with no part of it to copy from next time.
    CompactText::from(risk_sensible_record::export_compact_unescaped(record))
}

fn too_large() -> ImportProblem {
    ImportProblem::new(
        "$",
        format!(
            "the text is larger than {} MiB, the most a decision record may be",
            MAX_BYTES / (1024 * 1024)
        ),
    )
}

// --- Step 1: nesting, before any recursive parser sees the text. ---

/// Scans the text once, without recursion, for arrays and objects nested deeper than
/// [`MAX_DEPTH`], which it refuses. Brackets inside strings do not count. On malformed text
/// the count is still an upper bound for the prefix a JSON parser would read before
/// failing, which is all that matters: the parser reports the malformation itself.
///
/// Returns whether every string and every list and object is surely within the limits:
/// no string longer than [`MAX_STRING_CHARS`] bytes as written (escapes only shorten it)
/// and no list or object with [`MAX_ITEMS`] commas. When it is not sure, the checking
/// pass decides.
fn scan(text: &str) -> Result<bool, ImportProblem> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Commas seen at each open depth (index 0 is the top level, outside any bracket).
    let mut commas = [0usize; MAX_DEPTH + 1];
    let mut within = true;
    let mut offset = 0usize;
    while let Some(&byte) = bytes.get(offset) {
        match byte {
            b'"' => {
                // Skip the string: to its closing quote, stepping over escapes.
                let start = offset;
                offset += 1;
                while let Some(&inner) = bytes.get(offset) {
                    match inner {
                        b'"' => break,
                        b'\\' => offset += 2,
                        _ => offset += 1,
                    }
                }
                if offset - start > MAX_STRING_CHARS {
                    within = false;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(bytes, offset));
                }
                if let Some(count) = commas.get_mut(depth) {
                    *count = 0;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => {
                if let Some(count) = commas.get_mut(depth) {
                    *count += 1;
                    if *count >= MAX_ITEMS {
                        within = false;
                    }
                }
            }
            _ => {}
        }
        offset += 1;
    }
    Ok(within)
}

/// The problem for text nested too deep at `offset`. Lines and columns are counted only
/// now: most documents never need them.
fn too_deep(bytes: &[u8], offset: usize) -> ImportProblem {
    let before = bytes.get(..offset).unwrap_or_default();
    let line = before.iter().filter(|byte| **byte == b'\n').count() + 1;
    let column = before
        .iter()
        .rev()
        .take_while(|byte| **byte != b'\n')
        .count()
        + 1;
    ImportProblem::new(
        "$",
        format!(
            "arrays and objects are nested more than {MAX_DEPTH} deep (at line {line} column \
             {column}); a decision record nests four deep"
        ),
    )
}

// --- Step 2: JSON syntax, repeated and forbidden keys, sizes of lists and strings. ---

/// Problems found while reading, capped at [`MAX_PROBLEMS`].
#[derive(Default)]
struct Problems {
    listed: Vec<ImportProblem>,
    unlisted: usize,
}

impl Problems {
    fn push(&mut self, location: &Location<'_>, message: impl AsRef<str>) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed
                .push(ImportProblem::new(location.to_string(), message));
        } else {
            self.unlisted += 1;
        }
    }

    fn finish(mut self) -> Vec<ImportProblem> {
        if self.unlisted > 0 {
            self.listed.push(ImportProblem::new(
                "$",
                format!("and {} more problems not listed", self.unlisted),
            ));
        }
        self.listed
    }
}

/// Reads the text once, without building anything, recording every limit, repeated key and
/// forbidden key on the way, and returns the shape of the document's root. A syntax error
/// stops the reading and is reported with its line and column, and with its path, found from
/// where reading stopped ([`path_at`]).
fn check_syntax(text: &str) -> Result<Shape, Vec<ImportProblem>> {
    let mut problems = Problems::default();
    let mut version = None;
    let mut json = serde_json::Deserializer::from_str(text);
    let result = Checked {
        location: &Location::Root,
        problems: &mut problems,
        version: &mut version,
    }
    .deserialize(&mut json)
    .and_then(|root| json.end().map(|()| root));
    let root = match result {
        Ok(Seen::Object) => Shape::Object { version },
        Ok(Seen::Whole(_)) => Shape::Kind("a number"),
        Ok(Seen::Other(kind)) => Shape::Kind(kind),
        Err(error) => {
            let message = syntax_message(&error);
            let path = path_at(text, error.line(), error.column(), &message);
            return Err(vec![ImportProblem::new(path, message)]);
        }
    };
    let problems = problems.finish();
    if problems.is_empty() {
        Ok(root)
    } else {
        Err(problems)
    }
}

/// The document's root: an object with what its `schemaVersion` member is (if it has one),
/// or anything else, in words.
enum Shape {
    Object { version: Option<Seen> },
    Kind(&'static str),
}

/// Words a serde_json error (which ends with its line and column) for a person.
fn syntax_message(error: &serde_json::Error) -> String {
    match error.classify() {
        serde_json::error::Category::Eof => {
            format!("the JSON ends too soon, as if cut off: {error}")
        }
        serde_json::error::Category::Syntax if error.to_string().contains("hex escape") => {
            format!(
                "this is not valid JSON: {error} (a \\u escape between D800 and DFFF must be \
                 one of a pair that together make one character)"
            )
        }
        serde_json::error::Category::Syntax => format!("this is not valid JSON: {error}"),
        serde_json::error::Category::Io | serde_json::error::Category::Data => {
            format!("the JSON cannot be read: {error}")
        }
    }
}

/// A JSON reader that checks as it goes and keeps nothing but the root's `schemaVersion`.
/// Depth is already bounded by [`scan`], so its recursion is too.
struct Checked<'a, 'p> {
    location: &'a Location<'a>,
    problems: &'p mut Problems,
    /// The root's `schemaVersion`, once read (the first one, if it is repeated).
    version: &'p mut Option<Seen>,
}

impl Checked<'_, '_> {
    fn at<'b>(&'b mut self, location: &'b Location<'b>) -> Checked<'b, 'b> {
        Checked {
            location,
            problems: self.problems,
            version: self.version,
        }
    }
}

/// What a checked value was: all the version check needs to know of the root and of its
/// `schemaVersion`.
#[derive(Clone, Copy)]
enum Seen {
    /// A whole number that fits in 64 bits.
    Whole(u64),
    /// An object.
    Object,
    /// Anything else, in words.
    Other(&'static str),
}

impl<'de> DeserializeSeed<'de> for Checked<'_, '_> {
    type Value = Seen;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Seen, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_, '_> {
    type Value = Seen;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Seen, E> {
        Ok(Seen::Other("true or false"))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Seen, E> {
        Ok(u64::try_from(value).map_or(Seen::Other("a number"), Seen::Whole))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Seen, E> {
        Ok(Seen::Whole(value))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Seen, E> {
        Ok(Seen::Other("a number"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Seen, E> {
        check_string(value, self.location, self.problems);
        Ok(Seen::Other("text"))
    }

    fn visit_unit<E>(self) -> Result<Seen, E> {
        Ok(Seen::Other("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut items: A) -> Result<Seen, A::Error> {
        let mut count = 0usize;
        loop {
            if count == MAX_ITEMS {
                let mut extra = 0usize;
                while items.next_element::<IgnoredAny>()?.is_some() {
                    extra += 1;
                }
                if extra > 0 {
                    self.problems.push(
                        self.location,
                        format!(
                            "this list has {} items; the most a list may have is {MAX_ITEMS}",
                            MAX_ITEMS + extra
                        ),
                    );
                }
                break;
            }
            let location = Location::Index(self.location, count);
            if items.next_element_seed(self.at(&location))?.is_none() {
                break;
            }
            count += 1;
        }
        Ok(Seen::Other("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut members: A) -> Result<Seen, A::Error> {
        let mut seen = SeenKeys::default();
        let mut count = 0usize;
        let root = matches!(self.location, Location::Root);
        while let Some(key) = members.next_key_seed(KeySeed)? {
            count += 1;
            if count > MAX_ITEMS {
                members.next_value::<IgnoredAny>()?;
                continue;
            }
            let location = Location::Key(self.location, &key);
            let repeated = seen.insert(key.clone());
            if string_too_long(&key) {
                self.problems.push(
                    self.location,
                    format!("a key in this object is longer than {MAX_STRING_CHARS} characters"),
                );
            } else if FORBIDDEN_KEYS.contains(&&*key) {
                self.problems.push(
                    &location,
                    format!(
                        "the key {key:?} is not allowed: a record never uses it, and a \
                         JavaScript host could mistake it for part of the object itself"
                    ),
                );
            } else if repeated {
                self.problems.push(
                    &location,
                    format!(
                        "the key {key:?} appears more than once in this object: readers \
                         disagree on which value counts, so give it once"
                    ),
                );
            }
            let member = members.next_value_seed(self.at(&location))?;
            // The first value counts: the document is refused anyway if a key is repeated,
            // and keeping the first means a repeated key cannot change what later checks see.
            if root && !repeated && &*key == "schemaVersion" {
                *self.version = Some(member);
            }
        }
        if count > MAX_ITEMS {
            self.problems.push(
                self.location,
                format!(
                    "this object has {count} members; the most an object may have is \
                     {MAX_ITEMS}"
                ),
            );
        }
        Ok(Seen::Object)
    }
}

/// Reads an object key, borrowing it from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_string()))
    }

    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// The keys of one object seen so far. Objects in a record have a few dozen members at
/// most, so a short list is searched in order; a longer one (only a hostile document has
/// thousands) moves to a hash set, so checking stays linear. Keys without escapes are
/// borrowed from the text, so the usual object allocates nothing per key.
#[derive(Default)]
struct SeenKeys<'de> {
    few: Vec<Cow<'de, str>>,
    /// Made only for a long object: even an empty hash set costs a random seed.
    many: Option<HashSet<Cow<'de, str>>>,
}

impl<'de> SeenKeys<'de> {
    /// Records the key; true when this object already had it.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        if let Some(many) = &mut self.many {
            return !many.insert(key);
        }
        if self.few.contains(&key) {
            return true;
        }
        self.few.push(key);
        if self.few.len() > 32 {
            self.many = Some(self.few.drain(..).collect());
        }
        false
    }
}

fn string_too_long(text: &str) -> bool {
    // A string of at most MAX_STRING_CHARS bytes cannot have more characters than that, so
    // most strings are never counted.
    text.len() > MAX_STRING_CHARS && text.chars().count() > MAX_STRING_CHARS
}

/// Records a problem when the string is too long.
fn check_string(text: &str, location: &Location<'_>, problems: &mut Problems) {
    if string_too_long(text) {
        problems.push(
            location,
            format!(
                "this text is {} characters long; the most a string may have is \
                 {MAX_STRING_CHARS}",
                text.chars().count()
            ),
        );
    }
}

// --- Step 3: version and migration. ---

/// The document's `schemaVersion`, if this build can read it.
fn schema_version(root: &Shape) -> Result<u32, ImportProblem> {
    let version = match root {
        Shape::Object { version } => version,
        Shape::Kind(kind) => {
            return Err(ImportProblem::new(
                "$",
                format!("a decision record is a JSON object, but this is {kind}"),
            ))
        }
    };
    let path = "$.schemaVersion";
    let number = match version {
        None => {
            return Err(ImportProblem::new(
                path,
                format!(
                    "is missing: a record says which version of the format it is written in \
                     (this build writes version {SCHEMA_VERSION})"
                ),
            ))
        }
        Some(Seen::Whole(number)) => *number,
        Some(other) => {
            let kind = match other {
                Seen::Object => "an object",
                Seen::Other(kind) => kind,
                Seen::Whole(_) => "a number",
            };
            return Err(ImportProblem::new(
                path,
                format!("must be a whole number such as {SCHEMA_VERSION}, but is {kind}"),
            ));
        }
    };
    match u32::try_from(number) {
        Ok(0) => Err(ImportProblem::new(
            path,
            "0 is not a schema version: versions start at 1",
        )),
        Ok(known) if known <= SCHEMA_VERSION => Ok(known),
        _ => Err(ImportProblem::new(
            path,
            format!(
                "version {number} is newer than this build reads (versions 1 to \
                 {SCHEMA_VERSION}): update risk-sensible to read this record"
            ),
        )),
    }
}

/// One migration step: a document in version `n` in, the same document in version `n + 1`
/// out (the caller updates `schemaVersion`).
type Migration = fn(Value) -> Result<Value, ImportProblem>;

/// The migration steps: `MIGRATIONS[n - 1]` takes a document from version `n` to `n + 1`.
/// The length is tied to [`SCHEMA_VERSION`], so raising the version without adding the step
/// that upgrades older documents does not compile.
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize - 1] = [version_1_to_2, version_2_to_3];

/// Brings a document written in `from_version` up to [`SCHEMA_VERSION`], one step at a time.
pub fn migrate(value: Value, from_version: u32) -> Result<Value, ImportProblem> {
    run_migrations(value, from_version, &MIGRATIONS)
}

/// Runs the steps from `from_version` onwards, setting `schemaVersion` after each, so the
/// result claims the version it now has.
fn run_migrations(
    mut value: Value,
    from_version: u32,
    steps: &[Migration],
) -> Result<Value, ImportProblem> {
    let first = usize::try_from(from_version.saturating_sub(1)).unwrap_or(usize::MAX);
    let mut version = from_version;
    for step in steps.get(first..).unwrap_or_default() {
        value = step(value)?;
        version = version.saturating_add(1);
        if let Value::Object(root) = &mut value {
            root.insert("schemaVersion".into(), Value::from(version));
        }
    }
    Ok(value)
}

/// Version 1 to 2: every item's single `sensitivity` label becomes the set of
/// `restrictions` it stands for ([`Restrictions::from_sensitivity`]); an item with no label
/// stays without one, which version 2 reads as not for the family (version 1 read it as
/// shareable). A recipient's `mayReceive` becomes who they are and what they are cleared
/// for ([`Recipient::effective_kind`], [`Recipient::effective_cleared`]), so each receives
/// what they received before. A value this build does not know is left for the types to
/// refuse with its path.
fn version_1_to_2(mut value: Value) -> Result<Value, ImportProblem> {
    let as_value = |restrictions: &Restrictions| -> Value {
        Value::Array(
            restrictions
                .iter()
                .map(|restriction| {
                    Value::String(risk_sensible_record::unit_name(&restriction).to_string())
                })
                .collect(),
        )
    };
    for kind in [ItemKind::Information, ItemKind::Risk].into_iter().chain(
        AssessmentColumn::ALL
            .iter()
            .map(|column| ItemKind::Statement(*column)),
    ) {
        let pointer = format!("/{}", kind.key().replace('.', "/"));
        let Some(Value::Array(items)) = value.pointer_mut(&pointer) else {
            continue;
        };
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            let label = item
                .get("sensitivity")
                .and_then(|label| Sensitivity::deserialize(label).ok());
            if let Some(label) = label {
                drop_member(item, "sensitivity");
                item.insert(
                    "restrictions".into(),
                    as_value(&Restrictions::from_sensitivity(Some(label))),
                );
            }
        }
    }
    if let Some(Value::Array(recipients)) = value.pointer_mut("/distribution") {
        for recipient in recipients.iter_mut().filter_map(Value::as_object_mut) {
            let may_receive = recipient
                .get("mayReceive")
                .and_then(|label| Sensitivity::deserialize(label).ok());
            let Some(may_receive) = may_receive else {
                continue;
            };
            drop_member(recipient, "mayReceive");
            let version_1 = Recipient {
                may_receive: Some(may_receive),
                ..Recipient::default()
            };
            if version_1.effective_kind() == RecipientKind::Family {
                recipient.insert("kind".into(), Value::String("family".into()));
            }
            let cleared = version_1.effective_cleared();
            if !cleared.is_empty() {
                recipient.insert("cleared".into(), as_value(&cleared));
            }
        }
    }
    Ok(value)
}

/// Leaves `key`'s member out of `map`, keeping the others. The map is rebuilt member by
/// member rather than asked to `remove` one: a B-tree's removal (merging and rebalancing
/// nodes) is about 2 KiB of the widget's wasm that nothing else calls.
fn drop_member(map: &mut serde_json::Map<String, Value>, key: &str) {
    for (name, value) in std::mem::take(map) {
        if name != key {
            map.insert(name, value);
        }
    }
}

/// Version 2 to 3: version 3 adds fields a version 2 draft does not have (the threshold
/// decision, the injury, the medical, the lawful basis, follow-ups), and keeps the
/// professionals' wellbeing debrief out of the child's record: a draft's `wellbeingDebrief`
/// leaves it here, and [`earlier_debrief`] reads it from the same text, for the widget to
/// hand to the host as a document of its own.
fn version_2_to_3(mut value: Value) -> Result<Value, ImportProblem> {
    if let Value::Object(root) = &mut value {
        drop_member(root, "wellbeingDebrief");
    }
    Ok(value)
}

/// The wellbeing debrief a record of version 1 or 2 carries (`wellbeingDebrief`), read from
/// its text: [`import`] leaves it out of a draft it migrates, and a final record keeps it as
/// it was finalised. `None` for a version 3 record (which never holds one), for a text
/// without one, and for one that does not read as a debrief (import reports that).
pub fn earlier_debrief(text: &str) -> Option<WellbeingDebrief> {
    if !text.contains("\"wellbeingDebrief\"") {
        return None;
    }
    let value: Value = serde_json::from_str(text).ok()?;
    let version = value.get("schemaVersion").and_then(Value::as_u64)?;
    if version >= 3 {
        return None;
    }
    let debrief = value.get("wellbeingDebrief")?;
    risk_sensible_record::from_json_text(&risk_sensible_record::to_json_text(debrief)?).ok()
}

/// Fields of another version: version 1's labels (`sensitivity`, `mayReceive`) in a
/// version 2 record, where they could make an item read as shareable without a version 2
/// label.
fn version_problems(record: &DecisionRecord) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    if record.schema_version < 2 {
        return problems;
    }
    let mut refuse = |path: JsonPath, field: &str| {
        problems.push(ImportProblem::new(
            path.key(field.to_string()).to_string(),
            format!(
                "is a version 1 field; a version {} record says who may receive an item with \
                 restrictions",
                record.schema_version
            ),
        ))
    };
    for (index, item) in record.information.iter().enumerate() {
        if item.sensitivity.is_some() {
            refuse(ItemKind::Information.item_path(index), "sensitivity");
        }
    }
    for (index, item) in record.risks.iter().enumerate() {
        if item.sensitivity.is_some() {
            refuse(ItemKind::Risk.item_path(index), "sensitivity");
        }
    }
    for column in AssessmentColumn::ALL {
        for (index, item) in record.assessment[*column].iter().enumerate() {
            if item.sensitivity.is_some() {
                refuse(ItemKind::Statement(*column).item_path(index), "sensitivity");
            }
        }
    }
    for (index, recipient) in record.distribution.iter().enumerate() {
        if recipient.may_receive.is_some() {
            refuse(ItemKind::Recipient.item_path(index), "mayReceive");
        }
    }
    if record.schema_version >= 3 && record.wellbeing_debrief.is_some() {
        problems.push(ImportProblem::new(
            "$.wellbeingDebrief",
            format!(
                "is a field of versions 1 and 2; a version {} record keeps the professionals' \
                 wellbeing debrief apart from the child's record, as a document of its own",
                record.schema_version
            ),
        ));
    }
    problems
}

// --- Step 4: the wire types. ---

/// Reads the text into the record's types, naming the path of the first mismatch.
fn typed(text: &str) -> Result<DecisionRecord, ImportProblem> {
    risk_sensible_record::from_json_text(text)
        .map_err(|(path, message)| ImportProblem::new(path, message))
}

/// Timestamps that parse but cannot be written back: an offset that moves the instant
/// past the year 9999 (or before year 0) in UTC. Writing one would fail, so it is refused.
/// A path is written only for a refused timestamp: a large meeting has hundreds.
fn unprintable_timestamps(record: &DecisionRecord) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    let mut check = |stamp: &Timestamp, path: &dyn Fn() -> String| {
        if !printable_in_utc(stamp) {
            problems.push(ImportProblem::new(
                path(),
                "this time is outside the years 0 to 9999 once converted to UTC",
            ));
        }
    };
    check(&record.meta.created_at, &|| "$.meta.createdAt".into());
    if let Some(finalised) = &record.meta.finalised_at {
        check(finalised, &|| "$.meta.finalisedAt".into());
    }
    for (index, amendment) in record.amendments.iter().enumerate() {
        check(&amendment.at, &|| format!("$.amendments[{index}].at"));
    }
    for (index, entry) in record.audit.iter().enumerate() {
        check(&entry.at, &|| format!("$.audit[{index}].at"));
    }
    problems
}

/// True when the instant can be written in RFC 3339 in UTC, as the record writes it: the
/// year in UTC is 0 to 9999 (the only thing RFC 3339 formatting refuses once the offset is
/// zero). Checked without formatting, which costs an allocation for each of hundreds of
/// timestamps; a unit test holds it equal to formatting.
fn printable_in_utc(stamp: &Timestamp) -> bool {
    stamp
        .0
        .checked_to_offset(time::UtcOffset::UTC)
        .is_some_and(|utc| (0..=9999).contains(&utc.year()))
}

// --- Step 5: participant references. ---

/// Every reference to a participant id that is not in `participants`, and every
/// participant id used twice, with its path. An empty id counts as "not chosen yet", which
/// is a validation finding for a draft rather than an import problem.
pub fn participant_reference_problems(record: &DecisionRecord) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (index, participant) in record.participants.iter().enumerate() {
        if participant.id.is_empty() {
            continue;
        }
        if let Some(earlier) = first_index.get(participant.id.as_str()) {
            problems.push(ImportProblem::new(
                format!("$.participants[{index}].id"),
                format!(
                    "{:?} is also the id of $.participants[{earlier}]: each participant needs \
                     an id of their own",
                    participant.id
                ),
            ));
        } else {
            first_index.insert(&participant.id, index);
        }
    }
    // The path is written only for a reference that is refused.
    record.for_each_participant_reference(|site, id| {
        if !id.is_empty() && !first_index.contains_key(id) {
            problems.push(ImportProblem::new(
                site.path().to_string(),
                format!("refers to participant {id:?}, who is not in $.participants"),
            ));
        }
    });
    problems
}

#[cfg(test)]
mod tests {
    //! The migration machinery, run over invented steps: production has none yet; and the
    //! single reading pass, held equal to the step-by-step one.
    use super::*;
    use serde_json::json;

    /// The quick check of a timestamp's year agrees with formatting it, at and around
    /// both ends of the years RFC 3339 can write, from either side of UTC.
    #[test]
    fn printable_in_utc_agrees_with_formatting() {
        use time::format_description::well_known::Rfc3339;
        use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
        let formats = |stamp: &Timestamp| {
            stamp
                .0
                .checked_to_offset(UtcOffset::UTC)
                .is_some_and(|utc| utc.format(&Rfc3339).is_ok())
        };
        let mut seen = [false; 2];
        for year in [-2, -1, 0, 1, 9998, 9999] {
            for (month, day, hour) in [(Month::January, 1, 0), (Month::December, 31, 23)] {
                for offset_hours in [-23, -1, 0, 1, 23] {
                    let Ok(date) = Date::from_calendar_date(year, month, day) else {
                        continue;
                    };
                    let offset = UtcOffset::from_hms(offset_hours, 0, 0).unwrap();
                    let stamp = Timestamp(OffsetDateTime::new_in_offset(
                        date,
                        Time::from_hms(hour, 30, 0).unwrap(),
                        offset,
                    ));
                    let printable = printable_in_utc(&stamp);
                    assert_eq!(printable, formats(&stamp), "{stamp:?}");
                    seen[usize::from(printable)] = true;
                }
            }
        }
        assert_eq!(
            seen,
            [true, true],
            "both printable and unprintable instants checked"
        );
    }

    /// `parse_unverified` without its single reading pass: every text checked step by step.
    fn step_by_step(text: &str) -> Result<DecisionRecord, Vec<ImportProblem>> {
        if text.len() > MAX_BYTES || text.starts_with('\u{feff}') {
            return parse_unverified(text);
        }
        scan(text).map_err(|problem| vec![problem])?;
        read_checked(text)
    }

    /// The committed fuzzing corpus and fixtures, and each of them changed in the ways the
    /// single pass must not accept: a repeated or forbidden key in the one map, a string
    /// and a list past the limits, an older or a missing version.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts = Vec::new();
        for folder in ["fuzz/corpus/import", "tests/fixtures", "tests/fixtures/v1"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
                .expect("the folder is in the repository")
                .map(|entry| entry.expect("a readable entry").path())
                .filter(|path| path.is_file())
                .collect();
            paths.sort();
            for path in paths {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        let final_record = std::fs::read_to_string(root.join("tests/fixtures/example-final.json"))
            .expect("the final example is a fixture");
        let list =
            |items: usize| format!(r#""linkedRecords": [{}"a""#, "\"a\", ".repeat(items - 1));
        let text = |chars: usize| format!(r#""linkedRecords": ["{}""#, "x".repeat(chars));
        let changes: [(&str, String); 9] = [
            (
                r#""sectionDigests": {"#,
                r#""sectionDigests": {"meeting": "x", "#.into(),
            ),
            (
                r#""sectionDigests": {"#,
                r#""sectionDigests": {"__proto__": "x", "#.into(),
            ),
            (
                r#""sectionDigests": {"#,
                r#""sectionDigests": {"constructor": "x", "#.into(),
            ),
            (r#""schemaVersion": 3"#, r#""schemaVersion": 0"#.into()),
            (r#""schemaVersion": 3,"#, String::new()),
            (r#""linkedRecords": ["#, text(MAX_STRING_CHARS)),
            (r#""linkedRecords": ["#, text(MAX_STRING_CHARS + 1)),
            (r#""linkedRecords": ["#, list(MAX_ITEMS)),
            (r#""linkedRecords": ["#, list(MAX_ITEMS + 1)),
        ];
        for (from, to) in changes {
            assert!(final_record.contains(from), "the final example has {from}");
            texts.push(final_record.replacen(from, &to, 1));
        }
        texts
    }

    #[test]
    fn the_single_pass_reads_and_refuses_exactly_as_the_steps_do() {
        let texts = texts();
        assert!(
            texts.len() > 500,
            "the corpus is there: {} texts",
            texts.len()
        );
        let mut accepted = 0;
        for text in &texts {
            let single = parse_unverified(text);
            accepted += usize::from(single.is_ok());
            assert_eq!(single, step_by_step(text), "{}", one_line(text, 200));
        }
        // Both kinds are exercised: records read, and records refused.
        assert!(
            accepted > 10 && accepted < texts.len() - 10,
            "{accepted} accepted"
        );
    }

    fn rename_title_to_reason(mut value: Value) -> Result<Value, ImportProblem> {
        if let Some(Value::Object(meeting)) = value.get_mut("meeting") {
            if let Some(title) = meeting.remove("title") {
                meeting.insert("reason".into(), title);
            }
        }
        Ok(value)
    }

    fn refuse(_: Value) -> Result<Value, ImportProblem> {
        Err(ImportProblem::new("$.meeting", "cannot be migrated"))
    }

    #[test]
    fn migration_runs_the_steps_from_the_document_version_and_stamps_each_version() {
        let steps: [Migration; 2] = [rename_title_to_reason, |value| Ok(value)];
        let old = json!({"schemaVersion": 1, "meeting": {"title": "Bruise"}});
        let migrated = run_migrations(old, 1, &steps).unwrap();
        assert_eq!(
            migrated,
            json!({"schemaVersion": 3, "meeting": {"reason": "Bruise"}})
        );
        let newer = json!({"schemaVersion": 2, "meeting": {"title": "kept"}});
        assert_eq!(
            run_migrations(newer, 2, &steps).unwrap(),
            json!({"schemaVersion": 3, "meeting": {"title": "kept"}})
        );
    }

    #[test]
    fn a_failing_step_stops_the_migration_with_its_problem() {
        let steps: [Migration; 1] = [refuse];
        let problem = run_migrations(json!({"schemaVersion": 1}), 1, &steps).unwrap_err();
        assert_eq!(problem.path, "$.meeting");
    }

    #[test]
    fn migration_of_the_current_version_is_a_no_op() {
        let document = json!({"schemaVersion": SCHEMA_VERSION, "meta": {}});
        assert_eq!(migrate(document.clone(), SCHEMA_VERSION).unwrap(), document);
    }

    #[test]
    fn paths_quote_keys_that_are_not_plain_names() {
        let root = Location::Root;
        let odd = Location::Key(&root, "a b\n\"c\"");
        let index = Location::Index(&odd, 3);
        let plain = Location::Key(&index, "ownerId");
        assert_eq!(plain.to_string(), r#"$["a b\n\"c\""][3].ownerId"#);
    }

    #[test]
    fn messages_escape_control_characters_and_are_cut_short() {
        let problem = ImportProblem::new("$", format!("a\u{1b}[31m{}", "x".repeat(1000)));
        assert!(!problem.message.chars().any(char::is_control));
        assert!(problem.message.starts_with("a\\u{1b}[31m"));
        assert!(problem.message.chars().count() <= MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn a_repeated_key_is_found_in_short_and_long_objects_alike() {
        for width in [2usize, 32, 33, 40, 200] {
            let mut seen = SeenKeys::default();
            for index in 0..width {
                assert!(
                    !seen.insert(Cow::Owned(format!("k{index}"))),
                    "k{index} reported as repeated among {width} distinct keys"
                );
            }
            for index in [0, width / 2, width - 1] {
                assert!(
                    seen.insert(Cow::Owned(format!("k{index}"))),
                    "k{index} repeated among {width} keys was not found"
                );
            }
        }
    }

    #[test]
    fn syntax_errors_name_their_path_and_type_errors_carry_no_line_and_column() {
        let problems = check_syntax(r#"{"schemaVersion": 1, "meta": {"id": "a\q"}}"#)
            .err()
            .unwrap_or_default();
        assert_eq!(problems.first().map(|p| p.path.as_str()), Some("$.meta.id"));
        // Found from where reading stopped: inside a value, after a member, inside a key.
        for (text, expected) in [
            (
                r#"{"schemaVersion": 1, "participants": [{"id": "p1"}, {"id": "p2", "name": "A"#,
                "$.participants[1].name",
            ),
            (
                r#"{"schemaVersion": 1, "meeting": {"title": "x" "reason": "y"}}"#,
                "$.meeting.title",
            ),
            (r#"{"schemaVersion": 1, "meeting": {"tit"#, "$.meeting"),
            (r#"{"schemaVersion": 1, "risks": [1, 2,"#, "$.risks[2]"),
        ] {
            let problems = check_syntax(text).err().unwrap_or_default();
            assert_eq!(
                problems.first().map(|p| p.path.as_str()),
                Some(expected),
                "{text}: {problems:?}"
            );
        }
        let problems = typed(r#"{"schemaVersion": 1, "meta": 7}"#)
            .err()
            .map(|problem| (problem.path, problem.message));
        let (path, message) = problems.unwrap_or_default();
        assert_eq!(path, "$.meta");
        assert!(
            message.starts_with("invalid type: integer `7`"),
            "{message}"
        );
        assert!(!message.contains("line"), "{message}");
    }

    #[test]
    fn the_path_of_a_refused_value_is_found_from_where_reading_stopped() {
        let minimal = |rest: &str| {
            format!(
                r#"{{"schemaVersion": 1, "meta": {{"id": "m", "createdAt": "2026-03-02T09:00:00Z", "status": "draft"}}, "meeting": {{}}{rest}}}"#
            )
        };
        let cases = [
            // A date refused by its own parser, as the last member of its object.
            (
                r#", "timescales": {"nextReview": "2026-02-30"}"#,
                "$.timescales.nextReview",
            ),
            // The same in the middle of an object.
            (
                r#", "timescales": {"nextReview": "2026-02-30", "s47StartedOn": "2026-11-20"}"#,
                "$.timescales.nextReview",
            ),
            // A wrong type deep in a list, after items with escaped quotes and brackets.
            (
                r#", "participants": [{"id": "p\"1]", "name": "A, B {x}", "role": "R", "agency": "Police", "attendance": "attended"}, {"id": "p2", "name": 7}]"#,
                "$.participants[1].name",
            ),
            // A missing member: the object that lacks it, not its last member.
            (
                r#", "participants": [{"id": "p1", "role": "R", "agency": "Police", "attendance": "attended"}]"#,
                "$.participants[0]",
            ),
        ];
        for (rest, expected) in cases {
            let problem = typed(&minimal(rest)).err();
            assert_eq!(
                problem.as_ref().map(|p| p.path.as_str()),
                Some(expected),
                "{rest}: {problem:?}"
            );
        }
    }
}
