//! One walk over a value of the record's types, as serde writes it: serde hands it every
//! field, list item and string with its name, which is all a path needs, so every field is
//! walked, new ones included, with no list of fields to keep up. It gives the path and text
//! of every string ([`for_each_string`], [`strings_with`]), bounds on the bytes of the
//! record's pretty JSON ([`bytes_bound`], [`bytes_close`]), and, given somewhere to write,
//! the JSON text itself (`json::write`).
//!
//! It is one serializer for every use, so the record's `Serialize` is compiled once for all
//! of them. Writing text is a choice made at run time, not a second serializer: validation,
//! which walks on every change in the widget, writes nothing and so never checks a string
//! for characters to escape, and the text written goes through serde_json's formatter and
//! string escaping, token for token as serde_json's own serializer calls them.

use crate::json::RecordFormatter;
use crate::path::{JsonPath, Step};
use crate::DecisionRecord;
use serde::ser::{self, Serialize};
use serde_json::ser::Formatter;
use serde_json::Error;
use std::borrow::Cow;
use std::io;

/// Every string value in the record that holds a character `wanted` picks: its path
/// (`$.decisions[0].rationale`), and those characters, each once, in the order they first
/// occur in it; in the order the record is written. Object keys and enumeration values are
/// not looked at; a string is looked into only when it holds a character beyond ASCII.
/// Checks that apply to all of a record's text (such as `validate`'s warning on
/// bidirectional controls) use this rather than a list of fields. The record's members
/// named in `leave_out` are not walked at all.
pub fn strings_with(
    record: &DecisionRecord,
    leave_out: &'static [&'static str],
    wanted: &dyn Fn(char) -> bool,
) -> Vec<(JsonPath, Vec<char>)> {
    strings_in(record, leave_out, None, wanted)
}

/// [`strings_with`] of one member of the record alone (`member`, its name as the record
/// writes it), with the same paths: the strings of all the record's members, member by
/// member, are the strings of the record.
pub fn member_strings_with(
    record: &DecisionRecord,
    member: &'static str,
    wanted: &dyn Fn(char) -> bool,
) -> Vec<(JsonPath, Vec<char>)> {
    strings_in(record, &[], Some(member), wanted)
}

fn strings_in(
    record: &DecisionRecord,
    leave_out: &'static [&'static str],
    only: Option<&'static str>,
    wanted: &dyn Fn(char) -> bool,
) -> Vec<(JsonPath, Vec<char>)> {
    let mut found = Vec::new();
    let mut visit = |steps: &[Step], text: &str| {
        if text.is_ascii() {
            return;
        }
        let mut characters: Vec<char> = Vec::new();
        for character in text.chars().filter(|character| wanted(*character)) {
            if !characters.contains(&character) {
                characters.push(character);
            }
        }
        if !characters.is_empty() {
            let path = steps
                .iter()
                .fold(JsonPath::root(), |path, step| match step {
                    Step::Key(key) => path.key(key.to_string()),
                    Step::Index(index) => path.index(*index),
                });
            found.push((path, characters));
        }
    };
    let mut walk = Walk::new(Some(&mut visit));
    walk.leave_out = leave_out;
    walk.only = only;
    let _ = record.serialize(&mut walk);
    found
}

/// An upper bound on the bytes `export` writes for `value` (its pretty JSON), found
/// without writing it: every text counted at six bytes a byte (the longest escape,
/// `\u001f`, stands for one byte), numbers at their longest, and the white space of the
/// deepest indent. Cheap enough to run on every change: it adds up lengths.
pub fn bytes_bound<T: Serialize + ?Sized>(value: &T) -> usize {
    let mut walk = Walk::new(None);
    let _ = value.serialize(&mut walk);
    walk.bytes
}

/// A closer upper bound than [`bytes_bound`]: each text counted as `export` escapes it,
/// byte by byte, without writing anything. For a record whose texts are long enough for
/// the cheap bound to reach the limit (a million characters or so).
pub fn bytes_close<T: Serialize + ?Sized>(value: &T) -> usize {
    let mut walk = Walk::new(None);
    walk.close = true;
    let _ = value.serialize(&mut walk);
    walk.bytes
}

/// The bytes `export` writes for `text`, quotes included: a quote, a backslash and the
/// control characters with a short escape (`\n`) take two, the other control characters
/// six (`\u0001`); everything else is written as it is.
fn escaped_len(text: &str) -> usize {
    2 + text
        .bytes()
        .map(|byte| match byte {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Calls `visit` with the path (from `value`) and the text of every string in `value`.
pub fn for_each_string<T: Serialize + ?Sized>(value: &T, visit: &mut dyn FnMut(&[Step], &str)) {
    let mut walk = Walk::new(Some(visit));
    let _ = value.serialize(&mut walk);
}

/// The name a unit variant is written as, when `value` is one; `None` for any other value
/// ([`crate::variant_name`]).
pub(crate) fn variant_name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    let mut walk = Walk::new(None);
    let _ = value.serialize(&mut walk);
    walk.unit_variant
}

/// What writing a record's compact text again asks at each of the record's members and at
/// each item of the one list it copies item by item ([`crate::compact`]'s `ITEM_BY_ITEM`,
/// the audit trail): whether it has copied its text from the revision before, where it is.
/// Each is called with the text so far, its comma written.
pub(crate) trait Reuse {
    /// At the record's member `key`: true when its whole `"key":value` was copied.
    fn member(&mut self, key: &str, out: &mut Vec<u8>) -> bool;
    /// At the end of the member begun last.
    fn member_end(&mut self, out: &mut Vec<u8>);
    /// At item `index` of that list: true when its text was copied.
    fn entry(&mut self, index: usize, out: &mut Vec<u8>) -> bool;
    /// At the end of the item begun last.
    fn entry_end(&mut self, out: &mut Vec<u8>);
}

/// The most bytes a number is written in (`-1.7976931348623157e308`).
const NUMBER_BYTES: usize = 24;
/// The most bytes `export` writes for one byte of text.
const ESCAPE_FACTOR: usize = 6;

/// A value of the record's types walked as serde writes it: the path of each string, an
/// upper bound of the bytes of its pretty JSON, and, when it writes, its JSON text.
pub(crate) struct Walk<'v> {
    path: Vec<Step>,
    /// The index of the next item of each open list.
    counters: Vec<usize>,
    bytes: usize,
    /// Count each text as it is escaped, not at its longest.
    close: bool,
    visit: Option<Visit<'v>>,
    /// Members of the outermost object not walked.
    leave_out: &'static [&'static str],
    /// The one member of the outermost object walked, if not all.
    only: Option<&'static str>,
    /// Where the value's JSON text is written, when it is.
    write: Option<RecordFormatter<'v, 'v>>,
    /// What copies the text of the record's members and audit entries that did not change,
    /// when the walk writes a record's compact text again.
    reuse: Option<&'v mut dyn Reuse>,
    /// The name of the unit variant the walked value is, if it is one.
    unit_variant: Option<&'static str>,
    /// Whether an option or a newtype has been walked into, so that the value is not a
    /// unit variant itself.
    wrapped: bool,
}

/// What is called with each string's path and text.
type Visit<'v> = &'v mut dyn FnMut(&[Step], &str);

impl<'v> Walk<'v> {
    fn new(visit: Option<Visit<'v>>) -> Self {
        Walk {
            path: Vec::new(),
            counters: Vec::new(),
            bytes: 0,
            close: false,
            visit,
            leave_out: &[],
            only: None,
            write: None,
            reuse: None,
            unit_variant: None,
            wrapped: false,
        }
    }

    /// A walk that writes the value's JSON text with `formatter`, copying what `reuse`
    /// copies.
    pub(crate) fn writer(
        formatter: RecordFormatter<'v, 'v>,
        reuse: Option<&'v mut dyn Reuse>,
    ) -> Self {
        Walk {
            write: Some(formatter),
            reuse,
            ..Walk::new(None)
        }
    }

    /// Writes a token with the formatter, when the walk writes. The formatter writes to a
    /// buffer of its own, which cannot fail.
    fn token(&mut self, token: impl FnOnce(&mut RecordFormatter<'v, 'v>) -> io::Result<()>) {
        if let Some(formatter) = self.write.as_mut() {
            let _ = token(formatter);
        }
    }

    fn text(&mut self, text: &str) -> Result<(), Error> {
        self.bytes += if self.close {
            escaped_len(text)
        } else {
            2 + ESCAPE_FACTOR * text.len()
        };
        if let Some(visit) = self.visit.as_mut() {
            visit(&self.path, text);
        }
        match self.write.as_mut() {
            Some(formatter) => formatter.string(text),
            None => Ok(()),
        }
    }

    /// `{` or `[`, and the new line and indent before the closing one.
    fn open(&mut self, object: bool) {
        self.counters.push(0);
        self.bytes += 3 + 2 * self.counters.len();
        self.token(|formatter| match object {
            true => formatter.begin_object(&mut io::sink()),
            false => formatter.begin_array(&mut io::sink()),
        });
    }

    fn close(&mut self, object: bool) {
        self.counters.pop();
        self.token(|formatter| match object {
            true => formatter.end_object(&mut io::sink()),
            false => formatter.end_array(&mut io::sink()),
        });
    }

    /// The number `write` writes, counted at its longest.
    fn number(&mut self, write: impl FnOnce(&mut RecordFormatter<'v, 'v>) -> io::Result<()>) {
        self.bytes += NUMBER_BYTES;
        self.token(write);
    }

    /// The first member or item of the object or list open innermost: whether it is, and
    /// one more counted.
    fn first(&mut self) -> bool {
        match self.counters.last_mut() {
            Some(counter) => {
                *counter += 1;
                *counter == 1
            }
            None => true,
        }
    }

    /// The comma, new line and indent before a member or an item.
    fn separator(&mut self) {
        self.bytes += 2 + 2 * self.counters.len();
    }

    // `member` and `item` are compiled once per type of value; what does not depend on the
    // type is in `enter_member`, `enter_item` and `leave`, compiled once.
    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), Error> {
        if let Some(write) = self.enter_member(key)? {
            if write {
                value.serialize(&mut *self)?;
            }
            self.leave();
        }
        Ok(())
    }

    /// Enters the member under `key`, written up to its value: `None` when it is one left
    /// out, `Some(false)` when its text was copied whole ([`Reuse`]), so that only its
    /// leaving is left.
    fn enter_member(&mut self, key: Cow<'static, str>) -> Result<Option<bool>, Error> {
        if self.path.is_empty()
            && (self.leave_out.contains(&&*key) || self.only.is_some_and(|only| only != key))
        {
            return Ok(None);
        }
        self.separator();
        // `"key": `; a key that is not one of the types' own names may need escapes.
        self.bytes += 2 + match &key {
            Cow::Borrowed(key) => key.len() + 2,
            Cow::Owned(key) if self.close => escaped_len(key),
            Cow::Owned(key) => 2 + ESCAPE_FACTOR * key.len(),
        };
        let first = self.first();
        let mut write = true;
        if let Some(formatter) = self.write.as_mut() {
            let _ = formatter.begin_object_key(&mut io::sink(), first);
            if let (Some(reuse), true) = (self.reuse.as_deref_mut(), self.path.is_empty()) {
                write = !reuse.member(&key, formatter.out());
            }
            if write {
                formatter.string(&key)?;
                let _ = formatter.end_object_key(&mut io::sink());
                let _ = formatter.begin_object_value(&mut io::sink());
            }
        }
        self.path.push(Step::Key(key));
        Ok(Some(write))
    }

    /// Leaves the member or item entered last.
    fn leave(&mut self) {
        let member = matches!(self.path.pop(), Some(Step::Key(_)));
        if let Some(formatter) = self.write.as_mut() {
            let _ = match member {
                true => formatter.end_object_value(&mut io::sink()),
                false => formatter.end_array_value(&mut io::sink()),
            };
            if let Some(reuse) = self.reuse.as_deref_mut() {
                match (member, self.path.as_slice()) {
                    (true, []) => reuse.member_end(formatter.out()),
                    (false, [Step::Key(key)]) if key == crate::compact::ITEM_BY_ITEM => {
                        reuse.entry_end(formatter.out())
                    }
                    _ => {}
                }
            }
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if self.enter_item() {
            value.serialize(&mut *self)?;
        }
        self.leave();
        Ok(())
    }

    /// Enters the next item of the list open innermost; false when its text was copied
    /// whole ([`Reuse`]).
    fn enter_item(&mut self) -> bool {
        self.separator();
        let index = self.counters.last().copied().unwrap_or_default();
        let first = self.first();
        let mut write = true;
        if let Some(formatter) = self.write.as_mut() {
            let _ = formatter.begin_array_value(&mut io::sink(), first);
            if let (Some(reuse), [Step::Key(key)]) =
                (self.reuse.as_deref_mut(), self.path.as_slice())
            {
                if key == crate::compact::ITEM_BY_ITEM {
                    write = !reuse.entry(index, formatter.out());
                }
            }
        }
        self.path.push(Step::Index(index));
        write
    }
}

/// Numbers as serde_json writes them: every integer in its decimal digits, a float that is
/// not finite as `null`.
macro_rules! numbers {
    ($($method:ident: $type:ty => $write:ident as $as:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            self.number(|formatter| formatter.$write(&mut io::sink(), value as $as));
            Ok(())
        })*
    };
}

impl<'w, 'v> ser::Serializer for &'w mut Walk<'v> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    numbers!(
        serialize_i8: i8 => write_i64 as i64, serialize_i16: i16 => write_i64 as i64,
        serialize_i32: i32 => write_i64 as i64, serialize_i64: i64 => write_i64 as i64,
        serialize_u8: u8 => write_u64 as u64, serialize_u16: u16 => write_u64 as u64,
        serialize_u32: u32 => write_u64 as u64, serialize_u64: u64 => write_u64 as u64,
        serialize_bool: bool => write_bool as bool
    );

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.number(|formatter| match value.is_finite() {
            true => formatter.write_f32(&mut io::sink(), value),
            false => formatter.write_null(&mut io::sink()),
        });
        Ok(())
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.number(|formatter| match value.is_finite() {
            true => formatter.write_f64(&mut io::sink(), value),
            false => formatter.write_null(&mut io::sink()),
        });
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.text(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.text(value)
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.open(false);
        for byte in value {
            self.item(byte)?;
        }
        self.close(false);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.wrapped = true;
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.bytes += 4;
        self.token(|formatter| formatter.write_null(&mut io::sink()));
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        // A name of the types' own: no escapes, and not one of the texts visited.
        self.bytes += 2 + variant.len();
        if self.counters.is_empty() && !self.wrapped {
            self.unit_variant = Some(variant);
        }
        match self.write.as_mut() {
            Some(formatter) => formatter.string(variant),
            None => Ok(()),
        }
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.wrapped = true;
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open(true);
        self.member(Cow::Borrowed(variant), value)?;
        self.close(true);
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.open(false);
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        self.open(false);
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.open(false);
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        // `{"variant": [` …: the object's key, then the list.
        self.open(true);
        let _ = self.enter_member(Cow::Borrowed(variant))?;
        self.open(false);
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.open(true);
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.open(true);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.open(true);
        let _ = self.enter_member(Cow::Borrowed(variant))?;
        self.open(true);
        Ok(self)
    }
}

/// The list-like parts of serde's data model: each element an item of a list; the end
/// closes it, and for a variant (`{"variant": [...]}`) the object around it too.
macro_rules! list_impls {
    ($($trait:ident, $method:ident, $variant:literal);+) => {
        $(impl ser::$trait for &mut Walk<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close(false);
                if $variant {
                    self.leave();
                    self.close(true);
                }
                Ok(())
            }
        })+
    };
}

list_impls!(
    SerializeSeq, serialize_element, false;
    SerializeTuple, serialize_element, false;
    SerializeTupleStruct, serialize_field, false;
    SerializeTupleVariant, serialize_field, true
);

impl ser::SerializeMap for &mut Walk<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // The key is kept as the path's next step until its value comes. As serde_json
        // writes keys: text as it is, a number or `true` / `false` as text; anything else
        // is refused.
        let text = crate::to_json_text(key).unwrap_or_default();
        let name = match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(&text).ok(),
            Some(b'-' | b'0'..=b'9' | b't' | b'f') => Some(text),
            _ => None,
        };
        let Some(name) = name else {
            return Err(ser::Error::custom("key must be a string"));
        };
        self.path.push(Step::Key(Cow::Owned(name)));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = match self.path.pop() {
            Some(Step::Key(key)) => key,
            _ => Cow::Borrowed(""),
        };
        self.member(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(true);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walk<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(true);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walk<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(true);
        self.leave();
        self.close(true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{strings_with, variant_name, DecisionRecord, Participant, Status};

    #[test]
    fn a_unit_variant_alone_is_named() {
        assert_eq!(variant_name(&Status::Final), Some("final"));
        assert_eq!(variant_name(&[Status::Final]), None);
        assert_eq!(variant_name(&Some(Status::Final)), None);
        assert_eq!(variant_name("final"), None);
        let record = DecisionRecord::new("r1".into(), "2026-03-02T09:00:00Z".parse().unwrap());
        assert_eq!(variant_name(&record.meta), None);
    }

    #[test]
    fn finds_each_string_holding_a_wanted_character_at_its_path() {
        let mut record =
            DecisionRecord::new("r\u{202e}1".into(), "2026-03-02T09:00:00Z".parse().unwrap());
        record.meta.linked_records = vec!["plain".into(), "b\u{202e}".into()];
        record
            .meta
            .section_digests
            .insert("meeting".into(), "\u{2066}".into());
        record.meeting.reason = "one \u{202e}two\n\"three\" \u{202e}\u{2066}".into();
        record.participants = vec![
            Participant {
                name: "Zoë".into(),
                ..Participant::default()
            },
            Participant {
                name: "x\u{2067}".into(),
                agency: "y\u{2067}".into(),
                ..Participant::default()
            },
        ]
        .into();
        let wanted = |character: char| matches!(character, '\u{202e}' | '\u{2066}' | '\u{2067}');
        let found = |leave_out| -> Vec<(String, Vec<char>)> {
            strings_with(&record, leave_out, &wanted)
                .into_iter()
                .map(|(path, characters)| (path.to_string(), characters))
                .collect()
        };
        assert_eq!(
            found(&[]),
            [
                ("$.meta.id".to_string(), vec!['\u{202e}']),
                (
                    "$.meta.sectionDigests.meeting".to_string(),
                    vec!['\u{2066}']
                ),
                ("$.meta.linkedRecords[1]".to_string(), vec!['\u{202e}']),
                // One string, though serde_json writes it in fragments around its escapes.
                ("$.meeting.reason".to_string(), vec!['\u{202e}', '\u{2066}']),
                ("$.participants[1].name".to_string(), vec!['\u{2067}']),
                ("$.participants[1].agency".to_string(), vec!['\u{2067}']),
            ]
        );
        // Members left out are left out of the outermost object only.
        assert_eq!(
            found(&["participants", "reason", "sectionDigests"]),
            [
                ("$.meta.id".to_string(), vec!['\u{202e}']),
                (
                    "$.meta.sectionDigests.meeting".to_string(),
                    vec!['\u{2066}']
                ),
                ("$.meta.linkedRecords[1]".to_string(), vec!['\u{202e}']),
                ("$.meeting.reason".to_string(), vec!['\u{202e}', '\u{2066}']),
            ]
        );
        assert!(strings_with(&record, &[], &|_| false).is_empty());
    }
}
