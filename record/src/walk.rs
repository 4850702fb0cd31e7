//! One walk over a value of the record's types, as serde writes it, that writes nothing:
//! serde hands it every field, list item and string with its name, which is all a path
//! needs, so every field is walked, new ones included, with no list of fields to keep up.
//! It gives the path and text of every string ([`for_each_string`], [`strings_with`]) and
//! bounds on the bytes of the record's pretty JSON ([`bytes_bound`], [`bytes_close`]).
//! It is one serializer for every use, so the record's `Serialize` is compiled once for
//! all of them, and a serializer of its own, not the JSON writer with a formatter that
//! writes nothing, because validation, which uses it, runs on every change in the widget
//! (serde_json checks every byte of every string for characters to escape).

use crate::path::{JsonPath, Step};
use crate::DecisionRecord;
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::fmt;

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

/// The most bytes a number is written in (`-1.7976931348623157e308`).
const NUMBER_BYTES: usize = 24;
/// The most bytes `export` writes for one byte of text.
const ESCAPE_FACTOR: usize = 6;

/// A value of the record's types walked as serde writes it: the path of each string, and
/// an upper bound of the bytes of its pretty JSON.
struct Walk<'v> {
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
        }
    }

    fn text(&mut self, text: &str) {
        self.bytes += if self.close {
            escaped_len(text)
        } else {
            2 + ESCAPE_FACTOR * text.len()
        };
        if let Some(visit) = self.visit.as_mut() {
            visit(&self.path, text);
        }
    }

    /// `{` or `[`, and the new line and indent before the closing one.
    fn open(&mut self) {
        self.counters.push(0);
        self.bytes += 3 + 2 * self.counters.len();
    }

    fn close(&mut self) {
        self.counters.pop();
    }

    /// The comma, new line and indent before a member or an item.
    fn separator(&mut self) {
        self.bytes += 2 + 2 * self.counters.len();
    }

    // `member` and `item` are compiled once per type of value; what does not depend on the
    // type is in `enter_member` and `enter_item`, compiled once.
    fn member<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) {
        if self.enter_member(key) {
            let _ = value.serialize(&mut *self);
            self.path.pop();
        }
    }

    /// Enters the member under `key`; false when it is one left out.
    fn enter_member(&mut self, key: Cow<'static, str>) -> bool {
        if self.path.is_empty()
            && (self.leave_out.contains(&&*key) || self.only.is_some_and(|only| only != key))
        {
            return false;
        }
        self.separator();
        // `"key": `; a key that is not one of the types' own names may need escapes.
        self.bytes += 2 + match &key {
            Cow::Borrowed(key) => key.len() + 2,
            Cow::Owned(key) if self.close => escaped_len(key),
            Cow::Owned(key) => 2 + ESCAPE_FACTOR * key.len(),
        };
        self.path.push(Step::Key(key));
        true
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) {
        self.enter_item();
        let _ = value.serialize(&mut *self);
        self.path.pop();
    }

    fn enter_item(&mut self) {
        self.separator();
        let index = self.counters.last().copied().unwrap_or_default();
        if let Some(counter) = self.counters.last_mut() {
            *counter += 1;
        }
        self.path.push(Step::Index(index));
    }
}

/// The walk never fails; serde needs an error type all the same.
#[derive(Debug)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("never")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, _: $type) -> Result<(), Never> {
            self.bytes += NUMBER_BYTES;
            Ok(())
        })*
    };
}

impl<'w, 'v> ser::Serializer for &'w mut Walk<'v> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    numbers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64, serialize_bool: bool
    );

    fn serialize_char(self, value: char) -> Result<(), Never> {
        self.text(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Never> {
        self.text(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Never> {
        self.open();
        for byte in value {
            self.item(byte);
        }
        self.close();
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Never> {
        self.bytes += 4;
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Never> {
        self.bytes += 4;
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.bytes += 4;
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.bytes += 2 + variant.len();
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.open();
        self.member(Cow::Borrowed(variant), value);
        self.close();
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        // `{"variant": [` …: the object's key, then the list.
        self.open();
        self.separator();
        self.bytes += 4 + variant.len();
        self.path.push(Step::Key(Cow::Borrowed(variant)));
        self.open();
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.open();
        self.separator();
        self.bytes += 4 + variant.len();
        self.path.push(Step::Key(Cow::Borrowed(variant)));
        self.open();
        Ok(self)
    }
}

/// The list-like parts of serde's data model: each element an item of a list; the end
/// closes it, and for a variant (`{"variant": [...]}`) the object around it too.
macro_rules! list_impls {
    ($($trait:ident, $method:ident, $variant:literal);+) => {
        $(impl ser::$trait for &mut Walk<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.item(value);
                Ok(())
            }
            fn end(self) -> Result<(), Never> {
                self.close();
                if $variant {
                    self.path.pop();
                    self.close();
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
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        // The key is kept as the path's next step until its value comes.
        let name = crate::to_json_text(key)
            .and_then(|text| serde_json::from_str::<String>(&text).ok())
            .unwrap_or_default();
        self.path.push(Step::Key(Cow::Owned(name)));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        let key = match self.path.pop() {
            Some(Step::Key(key)) => key,
            _ => Cow::Borrowed(""),
        };
        self.member(key, value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walk<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.member(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walk<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.member(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        self.path.pop();
        self.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{strings_with, DecisionRecord, Participant};

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
