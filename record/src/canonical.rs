//! The canonical JSON form behind the record's digests: compact JSON with every object's
//! members in key order, strings escaped as serde_json escapes them. For a record this is
//! also RFC 8785 (JCS) output: its keys are ASCII and its numbers are integers.
//!
//! It is exactly what `serde_json::to_value(value)?.to_string()` writes (tests hold the two
//! equal on every example and on generated records, and hold it equal to
//! serde_json_canonicalizer), without building the JSON value first. It is written by the
//! record's one JSON writer (`crate::json`), so the widget carries no second copy of the
//! types' writing code for it: the writer writes each object's members as they come, and
//! the `Sorter` puts them in key order when the object ends.

use crate::json::{self, Layout, Structure};
use serde::Serialize;
use std::ops::Range;

/// Keys left out while writing: `root` of the outermost object, `meta` of the object under
/// its `meta` key.
#[derive(Clone, Copy, Default)]
pub struct Omit {
    pub root: &'static [&'static str],
    pub meta: &'static [&'static str],
}

/// An object's members as [`members`] returns them: each key, and the canonical JSON of its
/// value.
pub type Members = Vec<(String, Vec<u8>)>;

/// The canonical JSON of a value, with the keys `omit` names left out; `None` for a value
/// JSON cannot hold (a map whose keys are not text or numbers).
pub fn to_vec<T: Serialize + ?Sized>(value: &T, omit: Omit) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    write(value, omit, false, &mut out)?;
    Some(out)
}

/// Each member of a value that is an object, in key order: its key and the canonical JSON
/// of its value, exactly the text [`to_vec`] writes for it. Empty for any other value.
pub fn members<T: Serialize + ?Sized>(value: &T, omit: Omit) -> Option<Members> {
    Some(write(value, omit, true, &mut Vec::new())?.handed)
}

/// Writes the canonical form of `value` to `out`; with `hand` set, the outermost object's
/// members go to the sorter returned instead.
fn write<T: Serialize + ?Sized>(
    value: &T,
    omit: Omit,
    hand: bool,
    out: &mut Vec<u8>,
) -> Option<Sorter> {
    let mut sorter = Sorter::new(omit, hand);
    json::write(value, Layout::Canonical(&mut sorter), false, out).ok()?;
    Some(sorter)
}

/// Where an object sits, for [`Omit`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Meta,
    Elsewhere,
}

/// The canonical form's [`Structure`]: the JSON writer writes every token to the text, and
/// the sorter puts each object's members in key order when the object ends.
struct Sorter {
    omit: Omit,
    /// Hand the outermost object's members to `handed` rather than writing it.
    hand: bool,
    handed: Members,
    /// The objects and lists being written, innermost last.
    open: Vec<Open>,
    /// An object's text while its members are put in order.
    scratch: Vec<u8>,
    /// Member lists of finished objects, kept for the next ones.
    spare: Vec<Vec<Member>>,
}

enum Open {
    List,
    Object(Object),
}

struct Object {
    place: Place,
    /// Where its first member begins, just after `{`.
    body: usize,
    members: Vec<Member>,
    /// The member being written.
    current: Member,
    /// Where the member being written begins, its comma included.
    comma: usize,
    /// The member being written is one left out.
    skipping: bool,
}

#[derive(Clone, Default)]
struct Member {
    /// Where `"key":value` begins (after its comma) and ends.
    text: Range<usize>,
    /// The key's text, between its quotes.
    key: Range<usize>,
    /// The key as it reads, when its text holds escapes.
    unescaped: Option<String>,
    /// Where the value begins.
    value: usize,
}

impl Member {
    /// The key's bytes as it reads: comparing them orders keys as their texts compare.
    fn key<'a>(&'a self, out: &'a [u8]) -> &'a [u8] {
        match &self.unescaped {
            Some(key) => key.as_bytes(),
            None => out.get(self.key.clone()).unwrap_or_default(),
        }
    }
}

impl Sorter {
    fn new(omit: Omit, hand: bool) -> Self {
        Sorter {
            omit,
            hand,
            handed: Vec::new(),
            open: Vec::new(),
            scratch: Vec::new(),
            spare: Vec::new(),
        }
    }
}

impl Structure for Sorter {
    fn begin_array(&mut self, out: &mut Vec<u8>) {
        out.push(b'[');
        self.open.push(Open::List);
    }

    fn end_array(&mut self, out: &mut Vec<u8>) {
        out.push(b']');
        self.open.pop();
    }

    fn begin_array_value(&mut self, out: &mut Vec<u8>, first: bool) {
        if !first {
            out.push(b',');
        }
    }

    fn end_array_value(&mut self, _: &mut Vec<u8>) {}

    fn begin_object(&mut self, out: &mut Vec<u8>) {
        let place = match self.open.last() {
            None => Place::Root,
            Some(Open::Object(parent))
                if parent.place == Place::Root && parent.current.key(out) == b"meta" =>
            {
                Place::Meta
            }
            Some(_) => Place::Elsewhere,
        };
        out.push(b'{');
        let members = self.spare.pop().unwrap_or_default();
        self.open.push(Open::Object(Object {
            place,
            body: out.len(),
            members,
            current: Member::default(),
            comma: 0,
            skipping: false,
        }));
    }

    fn begin_object_key(&mut self, out: &mut Vec<u8>, _first: bool) {
        let at = out.len();
        let Some(Open::Object(object)) = self.open.last_mut() else {
            return;
        };
        object.comma = at;
        // Not serde_json's `first`: a member left out writes no comma.
        let comma = !object.members.is_empty();
        object.current = Member {
            text: at + usize::from(comma)..0,
            ..Member::default()
        };
        if comma {
            out.push(b',');
        }
    }

    fn end_object_key(&mut self, out: &mut Vec<u8>) {
        let end = out.len();
        let Some(Open::Object(object)) = self.open.last_mut() else {
            return;
        };
        // Inside the quotes.
        let key = object.current.text.start + 1..end.saturating_sub(1);
        let text = out.get(key.clone()).unwrap_or_default();
        if text.contains(&b'\\') {
            let quoted = out.get(key.start - 1..end).unwrap_or_default();
            object.current.unescaped = std::str::from_utf8(quoted)
                .ok()
                .and_then(|quoted| serde_json::from_str::<String>(quoted).ok());
        }
        object.current.key = key;
    }

    fn begin_object_value(&mut self, out: &mut Vec<u8>) {
        out.push(b':');
        let at = out.len();
        let omit = self.omit;
        let Some(Open::Object(object)) = self.open.last_mut() else {
            return;
        };
        object.current.value = at;
        let omitted = match object.place {
            Place::Root => omit.root,
            Place::Meta => omit.meta,
            Place::Elsewhere => &[],
        };
        if !omitted.is_empty() {
            let key = object.current.key(out);
            object.skipping = omitted.iter().any(|omitted| omitted.as_bytes() == key);
        }
    }

    fn end_object_value(&mut self, out: &mut Vec<u8>) {
        let at = out.len();
        let Some(Open::Object(object)) = self.open.last_mut() else {
            return;
        };
        if object.skipping {
            object.skipping = false;
            out.truncate(object.comma);
        } else {
            object.current.text.end = at;
            object.members.push(std::mem::take(&mut object.current));
        }
    }

    fn end_object(&mut self, out: &mut Vec<u8>) {
        let Some(Open::Object(mut object)) = self.open.pop() else {
            return;
        };
        let members = &mut object.members;
        let text: &[u8] = out;
        let in_order = members
            .windows(2)
            .all(|pair| pair[0].key(text) < pair[1].key(text));
        if !in_order {
            // A JSON object keeps the last of repeated keys: sort stably, then keep the
            // last of each key.
            members.sort_by(|a, b| a.key(text).cmp(b.key(text)));
            let last: Vec<bool> = (0..members.len())
                .map(|index| {
                    members
                        .get(index + 1)
                        .is_none_or(|next| next.key(text) != members[index].key(text))
                })
                .collect();
            let mut index = 0;
            members.retain(|_| {
                index += 1;
                last.get(index - 1).copied().unwrap_or(true)
            });
        }
        if self.hand && self.open.is_empty() {
            self.handed = members
                .iter()
                .map(|member| {
                    let value = text.get(member.value..member.text.end).unwrap_or_default();
                    // The writer writes UTF-8 only.
                    let key = String::from_utf8(member.key(text).to_vec()).unwrap_or_default();
                    (key, value.to_vec())
                })
                .collect();
            out.truncate(object.body.saturating_sub(1));
            return;
        }
        if !in_order {
            let body = object.body;
            self.scratch.clear();
            self.scratch
                .extend_from_slice(out.get(body..).unwrap_or_default());
            out.truncate(body);
            for (index, member) in members.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                let text = member.text.start - body..member.text.end - body;
                out.extend_from_slice(self.scratch.get(text).unwrap_or_default());
            }
        }
        out.push(b'}');
        members.clear();
        self.spare.push(object.members);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(value: &serde_json::Value, omit: Omit) -> String {
        String::from_utf8(to_vec(value, omit).unwrap()).unwrap()
    }

    #[test]
    fn keys_are_sorted_at_every_depth_and_lists_keep_their_order() {
        let value = json!({"b": [{"z": 1, "a": 2}, 3], "a": {"d": null, "c": "x"}});
        assert_eq!(
            text(&value, Omit::default()),
            r#"{"a":{"c":"x","d":null},"b":[{"a":2,"z":1},3]}"#
        );
    }

    #[test]
    fn omitted_keys_go_only_where_they_are_named() {
        const OMIT: Omit = Omit {
            root: &["audit", "b"],
            meta: &["status"],
        };
        let value = json!({
            "b": 1,
            "meta": {"status": "final", "id": "r1", "meta": {"status": "kept"}},
            "audit": [1],
            "other": {"status": "kept", "audit": "kept"},
        });
        assert_eq!(
            text(&value, OMIT),
            r#"{"meta":{"id":"r1","meta":{"status":"kept"}},"other":{"audit":"kept","status":"kept"}}"#
        );
        // The first member left out writes no comma for the next.
        assert_eq!(text(&json!({"audit": 1, "z": 2}), OMIT), r#"{"z":2}"#);
    }

    /// Structs write their members in the order declared, which is not key order: the
    /// objects below are all out of order, at every depth, in and around members left out.
    #[derive(Serialize)]
    struct Pair {
        z: u8,
        a: u8,
    }

    #[derive(Serialize)]
    struct Meta {
        status: Pair,
        id: Pair,
    }

    #[derive(Serialize)]
    struct Outer {
        y: Pair,
        audit: Vec<Pair>,
        meta: Meta,
        b: Vec<Option<Pair>>,
        a: Pair,
    }

    #[test]
    fn objects_out_of_order_are_sorted_at_every_depth_around_members_left_out() {
        let pair = |z, a| Pair { z, a };
        let value = Outer {
            y: pair(1, 2),
            audit: vec![pair(3, 4), pair(5, 6)],
            meta: Meta {
                status: pair(7, 8),
                id: pair(9, 10),
            },
            b: vec![Some(pair(11, 12)), None, Some(pair(13, 14))],
            a: pair(15, 16),
        };
        let b = r#""b":[{"a":12,"z":11},null,{"a":14,"z":13}]"#;
        assert_eq!(
            String::from_utf8(to_vec(&value, Omit::default()).unwrap()).unwrap(),
            format!(
                r#"{{"a":{{"a":16,"z":15}},"audit":[{{"a":4,"z":3}},{{"a":6,"z":5}}],{b},"meta":{{"id":{{"a":10,"z":9}},"status":{{"a":8,"z":7}}}},"y":{{"a":2,"z":1}}}}"#
            )
        );
        const OMIT: Omit = Omit {
            root: &["audit"],
            meta: &["status"],
        };
        assert_eq!(
            String::from_utf8(to_vec(&value, OMIT).unwrap()).unwrap(),
            format!(
                r#"{{"a":{{"a":16,"z":15}},{b},"meta":{{"id":{{"a":10,"z":9}}}},"y":{{"a":2,"z":1}}}}"#
            )
        );
        let handed = members(&value, OMIT).unwrap();
        let texts: Vec<(&str, String)> = handed
            .iter()
            .map(|(key, text)| (key.as_str(), String::from_utf8_lossy(text).into_owned()))
            .collect();
        assert_eq!(
            texts,
            [
                ("a", r#"{"a":16,"z":15}"#.to_string()),
                ("b", b[4..].to_string()),
                ("meta", r#"{"id":{"a":10,"z":9}}"#.to_string()),
                ("y", r#"{"a":2,"z":1}"#.to_string()),
            ]
        );
    }

    #[test]
    fn members_are_the_texts_the_whole_form_writes() {
        const OMIT: Omit = Omit {
            root: &["audit"],
            meta: &[],
        };
        let value = json!({"z": {"b": 1, "a": [true]}, "audit": 0, "a": "t\"ext"});
        let handed = members(&value, OMIT).unwrap();
        let keys: Vec<&str> = handed.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["a", "z"]);
        let joined: Vec<String> = handed
            .iter()
            .map(|(key, value)| format!("{:?}:{}", key, String::from_utf8_lossy(value)))
            .collect();
        assert_eq!(format!("{{{}}}", joined.join(",")), text(&value, OMIT));
    }

    #[test]
    fn an_escaped_key_sorts_by_what_it_reads_and_a_repeated_key_keeps_its_last_value() {
        // The key written `"\u0001"` reads U+0001, before `B`; its text starts with a
        // backslash, which would sort after `B`.
        let mut map = serde_json::Map::new();
        map.insert("B".into(), json!(1));
        map.insert("\u{1}".into(), json!(2));
        assert_eq!(
            text(&serde_json::Value::Object(map), Omit::default()),
            "{\"\\u0001\":2,\"B\":1}"
        );
        // A map serde writes with a key more than once, as written, unsorted and in order.
        struct Entries(&'static [(&'static str, u8)]);
        impl Serialize for Entries {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                for (key, value) in self.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
        for entries in [
            Entries(&[("b", 1), ("a", 2), ("b", 3)]),
            Entries(&[("a", 1), ("a", 2), ("b", 3)]),
        ] {
            assert_eq!(
                String::from_utf8(to_vec(&entries, Omit::default()).unwrap()).unwrap(),
                r#"{"a":2,"b":3}"#
            );
        }
    }
}
