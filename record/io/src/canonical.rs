//! The canonical JSON writer behind the record's digests: compact JSON with every object's
//! keys in sorted order, strings escaped as serde_json escapes them. For a record this is
//! also RFC 8785 (JCS) output: its keys are ASCII and its numbers are integers.
//!
//! It writes exactly what `serde_json::to_value(value)?.to_string()` writes (a test holds
//! the two equal on every example and on generated records), without building the JSON
//! value first: an object's members are written to one buffer as they come and copied out
//! in key order when it ends. On a 1 MB record that halves the time a digest takes.
//!
//! serde_json offers no sorted-key writer of its own, and the RFC 8785 crates on crates.io
//! are slower than building the value (docs/performance.md has the figures), so this small
//! serializer is the crate's own; `tests/integrity.rs` holds it equal to
//! serde_json_canonicalizer.

use serde::ser::{self, Serialize, Serializer};
use serde_json::Error;
use std::borrow::Cow;
use std::ops::Range;

/// Keys left out while writing: `root` of the outermost object, `meta` of the object under
/// its `meta` key (what the content digest does not cover).
#[derive(Clone, Copy, Default)]
pub(crate) struct Omit {
    pub root: &'static [&'static str],
    pub meta: &'static [&'static str],
}

/// The canonical JSON of a value, with the keys `omit` names left out.
pub(crate) fn to_vec<T: Serialize + ?Sized>(value: &T, omit: Omit) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(4096);
    value.serialize(Canonical {
        out: &mut out,
        omit,
        place: Place::Root,
        members: None,
    })?;
    Ok(out)
}

/// Each member of a value that is an object, in key order: its key and the canonical JSON
/// of its value, exactly the text [`to_vec`] writes for it. Empty for any other value.
pub(crate) fn members<T: Serialize + ?Sized>(value: &T, omit: Omit) -> Result<Members, Error> {
    let mut members = Vec::new();
    value.serialize(Canonical {
        out: &mut Vec::new(),
        omit,
        place: Place::Root,
        members: Some(&mut members),
    })?;
    Ok(members)
}

/// An object's members as [`members`] returns them.
pub(crate) type Members = Vec<(String, Vec<u8>)>;

/// Where a value sits, for [`Omit`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Meta,
    Elsewhere,
}

struct Canonical<'a> {
    out: &'a mut Vec<u8>,
    omit: Omit,
    place: Place,
    /// Where the outermost object hands its members instead of writing itself.
    members: Option<&'a mut Members>,
}

impl<'a> Canonical<'a> {
    /// A plain value (number, string, …) exactly as serde_json writes it.
    fn plain<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        serde_json::to_writer(self.out, value)
    }

    fn object(self) -> Object<'a> {
        let omitted = match self.place {
            Place::Root => self.omit.root,
            Place::Meta => self.omit.meta,
            Place::Elsewhere => &[],
        };
        Object {
            out: self.out,
            omit: self.omit,
            omitted,
            root: self.place == Place::Root,
            handed: self.members,
            buffer: Vec::new(),
            members: Vec::new(),
            key: None,
        }
    }

    /// `{"variant":` before a variant's content; `}` follows it.
    fn open_variant(self, variant: &str) -> Result<&'a mut Vec<u8>, Error> {
        self.out.push(b'{');
        serde_json::to_writer(&mut *self.out, variant)?;
        self.out.push(b':');
        Ok(self.out)
    }

    fn nested(out: &mut Vec<u8>, omit: Omit) -> Canonical<'_> {
        Canonical {
            out,
            omit,
            place: Place::Elsewhere,
            members: None,
        }
    }
}

/// Serializer methods for values serde_json writes on its own (numbers, true/false, …).
macro_rules! plain_values {
    ($($method:ident: $type:ty),+) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            self.plain(&value)
        })+
    };
}

impl<'a> Serializer for Canonical<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = List<'a>;
    type SerializeTuple = List<'a>;
    type SerializeTupleStruct = List<'a>;
    type SerializeTupleVariant = List<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    plain_values!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f64: f64,
        serialize_char: char
    );

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        // A JSON value holds an f32 as the f64 it widens to, and writes that.
        self.plain(&f64::from(value))
    }
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.plain(value)
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.plain(value)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.plain(&())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.plain(&())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.plain(&())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.plain(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let omit = self.omit;
        let out = self.open_variant(variant)?;
        value.serialize(Canonical::nested(out, omit))?;
        out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a>, Error> {
        self.out.push(b'[');
        Ok(List {
            out: self.out,
            omit: self.omit,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, length: usize) -> Result<List<'a>, Error> {
        self.serialize_seq(Some(length))
    }
    fn serialize_tuple_struct(self, _: &'static str, length: usize) -> Result<List<'a>, Error> {
        self.serialize_seq(Some(length))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<List<'a>, Error> {
        let omit = self.omit;
        let out = self.open_variant(variant)?;
        out.push(b'[');
        Ok(List {
            out,
            omit,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>, Error> {
        Ok(self.object())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'a>, Error> {
        Ok(self.object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Object<'a>, Error> {
        let omit = self.omit;
        let out = self.open_variant(variant)?;
        Ok(Canonical::nested(out, omit).object())
    }
}

/// A list being written: elements go straight to the output.
struct List<'a> {
    out: &'a mut Vec<u8>,
    omit: Omit,
    first: bool,
    /// Inside `{"variant":…}`, which needs its own closing brace.
    variant: bool,
}

impl List<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Canonical::nested(self.out, self.omit))
    }

    fn finish(self) -> Result<(), Error> {
        self.out.push(b']');
        if self.variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// The four list-like serde traits, each writing an element with [`List::element`].
macro_rules! list_impls {
    ($($trait:ident :: $method:ident),+) => {
        $(impl ser::$trait for List<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        })+
    };
}

list_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// An object being written: each member's value goes to `buffer` as it comes, and `end`
/// writes the members out in key order.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    omit: Omit,
    /// Keys this object leaves out.
    omitted: &'static [&'static str],
    /// The outermost object (whose `meta` member is where `Omit::meta` applies).
    root: bool,
    /// For [`members`]: the members go here, and nothing is written.
    handed: Option<&'a mut Members>,
    buffer: Vec<u8>,
    members: Vec<(Cow<'static, str>, Range<usize>)>,
    /// A map's key, between `serialize_key` and `serialize_value`.
    key: Option<String>,
}

impl Object<'_> {
    // Compiled once per type of value; what does not depend on the type is in `place_of`
    // and `written`, compiled once.
    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), Error> {
        let Some(place) = self.place_of(&key) else {
            return Ok(());
        };
        let start = self.buffer.len();
        value.serialize(Canonical {
            out: &mut self.buffer,
            omit: self.omit,
            place,
            members: None,
        })?;
        self.written(key, start);
        Ok(())
    }

    /// Where the member `key` sits; `None` when it is left out.
    fn place_of(&self, key: &str) -> Option<Place> {
        if self.omitted.contains(&key) {
            None
        } else if self.root && key == "meta" {
            Some(Place::Meta)
        } else {
            Some(Place::Elsewhere)
        }
    }

    /// Notes the member `key`, written to the buffer from `start`.
    fn written(&mut self, key: Cow<'static, str>, start: usize) {
        self.members.push((key, start..self.buffer.len()));
    }

    fn finish(mut self, variant: bool) -> Result<(), Error> {
        // A JSON object keeps the last of repeated keys: sort stably and skip all but it.
        self.members.sort_by(|a, b| a.0.cmp(&b.0));
        let members = self.members.iter().enumerate().filter(|(index, (key, _))| {
            self.members
                .get(index + 1)
                .is_none_or(|(next, _)| next != key)
        });
        if let Some(handed) = self.handed {
            handed.extend(members.map(|(_, (key, range))| {
                let text = self.buffer.get(range.clone()).unwrap_or_default();
                (key.to_string(), text.to_vec())
            }));
            return Ok(());
        }
        self.out.push(b'{');
        let mut first = true;
        for (_, (key, range)) in members {
            if !first {
                self.out.push(b',');
            }
            first = false;
            serde_json::to_writer(&mut *self.out, &**key)?;
            self.out.push(b':');
            self.out
                .extend_from_slice(self.buffer.get(range.clone()).unwrap_or_default());
        }
        self.out.push(b'}');
        if variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// A map key as a JSON object key, as serde_json's value writer takes it: text as it is,
/// numbers and true/false as their text; anything else cannot be a key.
fn key_text<K: Serialize + ?Sized>(key: &K) -> Result<String, Error> {
    match serde_json::to_value(key)? {
        serde_json::Value::String(text) => Ok(text),
        serde_json::Value::Number(number) => Ok(number.to_string()),
        serde_json::Value::Bool(flag) => Ok(flag.to_string()),
        _ => Err(ser::Error::custom("key must be a string")),
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ser::Error::custom("a map value came without its key"))?;
        self.member(Cow::Owned(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish(false)
    }
}

/// The two struct-like serde traits, each writing a field with [`Object::member`]; a
/// variant's object also closes the `{"variant":…}` around it.
macro_rules! struct_impls {
    ($($trait:ident: $variant:literal),+) => {
        $(impl ser::$trait for Object<'_> {
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
                self.finish($variant)
            }
        })+
    };
}

struct_impls!(SerializeStruct: false, SerializeStructVariant: true);
