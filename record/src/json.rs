//! The record's one JSON writer: the record's walk ([`crate::walk`]) calling serde_json's
//! formatter, with a formatter that chooses at run time between compact text, pretty text
//! and the canonical form ([`crate::canonical`]). serde generates a type's writing code once
//! per serializer type, and the walk is the record's one serializer, so every JSON text the
//! record is written as, digests included, and every walk of it come from one compiled copy
//! of that code; the choice costs a branch per token that shapes an object or a list.
//!
//! The formatter writes to a buffer of its own, not to a writer it is handed (an
//! `io::Sink`): the canonical form reorders what it has written, which needs the text, and
//! the values are then written the same way in every layout, with no branch.

use serde::Serializer as _;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// How the text is laid out.
pub(crate) enum Layout<'c> {
    /// serde_json's compact text.
    Compact,
    /// serde_json's pretty text.
    Pretty(PrettyFormatter<'static>),
    /// The canonical form: compact text, with every object's members put in key order by
    /// the [`Structure`] ([`crate::canonical`]).
    Canonical(&'c mut (dyn Structure + 'static)),
}

/// What the canonical form does at the tokens that shape objects and lists, given the
/// text so far. A trait object, so that a module that never writes the canonical form
/// (the caseload's) carries none of its code.
pub(crate) trait Structure {
    fn begin_array(&mut self, out: &mut Vec<u8>);
    fn end_array(&mut self, out: &mut Vec<u8>);
    fn begin_array_value(&mut self, out: &mut Vec<u8>, first: bool);
    fn end_array_value(&mut self, out: &mut Vec<u8>);
    fn begin_object(&mut self, out: &mut Vec<u8>);
    fn end_object(&mut self, out: &mut Vec<u8>);
    fn begin_object_key(&mut self, out: &mut Vec<u8>, first: bool);
    fn end_object_key(&mut self, out: &mut Vec<u8>);
    fn begin_object_value(&mut self, out: &mut Vec<u8>);
    fn end_object_value(&mut self, out: &mut Vec<u8>);
}

/// serde_json's compact or pretty formatter, or the canonical form, chosen at run time,
/// writing to `out`, with characters above U+00FF escaped when `escape` is set (see
/// [`crate::export_compact_escaped`]).
pub(crate) struct RecordFormatter<'l, 'o> {
    layout: Layout<'l>,
    escape: bool,
    out: &'o mut Vec<u8>,
}

impl RecordFormatter<'_, '_> {
    /// The text written so far.
    pub(crate) fn out(&mut self) -> &mut Vec<u8> {
        self.out
    }

    /// Writes `text` as a JSON string, escaped by serde_json (and above U+00FF too when
    /// `escape` is set).
    pub(crate) fn string(&mut self, text: &str) -> serde_json::Result<()> {
        let formatter = RecordFormatter {
            layout: Layout::Compact,
            escape: self.escape,
            out: &mut *self.out,
        };
        serde_json::Serializer::with_formatter(io::sink(), formatter).serialize_str(text)
    }
}

/// Writes `value` to `out` in `layout`, characters above U+00FF escaped when `escape` is
/// set. An error only for a value JSON cannot hold (a map whose keys are not text or
/// numbers).
pub(crate) fn write<T: serde::Serialize + ?Sized>(
    value: &T,
    layout: Layout<'_>,
    escape: bool,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    write_reusing(value, layout, escape, out, None)
}

/// [`write`], the text of what `reuse` copies taken from where it says.
pub(crate) fn write_reusing<T: serde::Serialize + ?Sized>(
    value: &T,
    layout: Layout<'_>,
    escape: bool,
    out: &mut Vec<u8>,
    reuse: Option<&mut dyn crate::walk::Reuse>,
) -> serde_json::Result<()> {
    let formatter = RecordFormatter {
        layout,
        escape,
        out,
    };
    // The walk's borrows all live as long as the shortest of them.
    let reuse = reuse.map(|reuse| reuse as &mut dyn crate::walk::Reuse);
    value.serialize(&mut crate::walk::Walk::writer(formatter, reuse))
}

/// The methods that shape objects and lists: the layout's own formatter's, or the
/// canonical form's [`Structure`].
macro_rules! structure {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<W: ?Sized + Write>(
                &mut self,
                _: &mut W,
                $($arg: $ty),*
            ) -> io::Result<()> {
                match &mut self.layout {
                    Layout::Compact => CompactFormatter.$method(self.out, $($arg),*),
                    Layout::Pretty(formatter) => formatter.$method(self.out, $($arg),*),
                    Layout::Canonical(structure) => {
                        structure.$method(self.out, $($arg),*);
                        Ok(())
                    }
                }
            }
        )*
    };
}

/// The methods that write a value or part of one: serde_json's, the same in every layout.
macro_rules! plain {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<W: ?Sized + Write>(
                &mut self,
                _: &mut W,
                $($arg: $ty),*
            ) -> io::Result<()> {
                CompactFormatter.$method(self.out, $($arg),*)
            }
        )*
    };
}

impl Formatter for RecordFormatter<'_, '_> {
    structure! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    plain! {
        write_null();
        write_bool(value: bool);
        write_i8(value: i8);
        write_i16(value: i16);
        write_i32(value: i32);
        write_i64(value: i64);
        write_i128(value: i128);
        write_u8(value: u8);
        write_u16(value: u16);
        write_u32(value: u32);
        write_u64(value: u64);
        write_u128(value: u128);
        write_f64(value: f64);
        write_number_str(value: &str);
        begin_string();
        end_string();
        write_char_escape(char_escape: CharEscape);
        write_raw_fragment(fragment: &str);
    }

    fn write_f32<W: ?Sized + Write>(&mut self, _: &mut W, value: f32) -> io::Result<()> {
        if let Layout::Canonical(_) = self.layout {
            // A JSON value holds an f32 as the f64 it widens to, and writes that.
            return CompactFormatter.write_f64(self.out, f64::from(value));
        }
        CompactFormatter.write_f32(self.out, value)
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        _: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let out = &mut *self.out;
        if !self.escape {
            out.extend_from_slice(fragment.as_bytes());
            return Ok(());
        }
        let mut rest = fragment;
        // The first byte of any character above U+00FF in UTF-8 is 0xC4 or more.
        while let Some(at) = rest.bytes().position(|byte| byte >= 0xC4) {
            out.extend_from_slice(&rest.as_bytes()[..at]);
            let character = rest[at..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for unit in character.encode_utf16(&mut units) {
                write!(out, "\\u{unit:04x}")?;
            }
            rest = &rest[at + character.len_utf8()..];
        }
        out.extend_from_slice(rest.as_bytes());
        Ok(())
    }
}
