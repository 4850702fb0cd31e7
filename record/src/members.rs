//! Reading a struct from a JSON object by a table of its members.
//!
//! serde's derived reader for a struct is a loop written out again for every struct: a
//! slot per member, a check for a repeated member, a call to read each, and at the end a
//! check for each required member, a move out of each slot, and a clean-up for every way
//! out. The record has 38 such structs, and their readers were the largest part of the
//! record's code in the WebAssembly. These structs instead list their members once
//! ([`crate::read_members!`]) and share one loop (`Table`): it looks each key up among the
//! members' names, refuses an unknown or repeated one, reads the value into the member
//! where it stands in a blank value of the struct ([`Members::blank`]), and at the end
//! refuses the object if a required member was never read. What remains of each struct's
//! own code is one call per member.
//!
//! The wire names are the members' Rust names in camelCase, as the types'
//! `#[serde(rename_all = "camelCase")]` writes them, and the refusals are worded as
//! serde's own ("unknown field `x`, expected one of …", "duplicate field `x`", "missing
//! field `x`"), raised at the same place in the text, so a refusal's path is unchanged.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A struct read by the shared loop: its members, which must be present, and how to read
/// one. Implemented by [`crate::read_members!`].
#[doc(hidden)]
pub trait Members: Sized {
    /// Each member's wire name (its Rust name in camelCase), in the order of the struct.
    const NAMES: &'static [&'static str];
    /// Bit `i` is set when member `i` of [`NAMES`](Members::NAMES) must be present.
    const REQUIRED: u64;

    /// The struct with every member at a placeholder: the default where it has one. Every
    /// member without a default is required, so a placeholder never reaches a reader.
    fn blank() -> Self;

    /// Reads the value of member `index` from `map` into `self`.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Whether member `index` of `self` and `other` is equal (what the compact text of a
    /// changed record copies by, `crate::compact`).
    fn same_member(&self, other: &Self, index: usize) -> bool;
}

/// A member's placeholder in [`Members::blank`]: its default, or for a type with none (a
/// timestamp, a struct with required members of its own) a value no record holds unread.
#[doc(hidden)]
pub trait Blank {
    fn blank() -> Self;
}

impl<T: Default> Blank for T {
    fn blank() -> Self {
        T::default()
    }
}

/// The placeholders of the types without a default that required members have.
macro_rules! blank {
    ($($type:ty => $value:expr),+ $(,)?) => {
        $(impl Blank for $type {
            fn blank() -> Self {
                $value
            }
        })+
    };
}

blank!(
    crate::Timestamp => crate::Timestamp(time::OffsetDateTime::UNIX_EPOCH),
    crate::Status => crate::Status::Draft,
    crate::FollowUpKind => crate::FollowUpKind::ALL[0],
    crate::ItemKind => crate::ItemKind::Participant,
    crate::Meta => <crate::Meta as Members>::blank(),
    crate::CopyRecipient => <crate::CopyRecipient as Members>::blank(),
);

/// Declares a struct's reader: its members in order, a member without
/// `#[serde(default)]` marked `: required`, and one read by a seed of its own (serde's
/// `deserialize_with`) marked `: with(SEED)` (`: required_with(SEED)` when it must be
/// present). The struct literal in `blank` makes the
/// compiler check that the list names every member and nothing else; the schema still takes
/// its required members from the fields' `#[serde(default)]`, and a test holds the two
/// together. `NAME: default { … }` declares a struct whose absent members take their values
/// from the struct's `Default` (serde's `#[serde(default)]` on the struct). Exported for the
/// host's options and the meeting's configuration, read the same way by the crates above.
#[doc(hidden)]
#[macro_export]
macro_rules! read_members {
    ($name:ident { $($body:tt)+ }) => {
        $crate::read_members!(@impl $name [] { $($body)+ });
    };
    ($name:ident: default { $($body:tt)+ }) => {
        $crate::read_members!(@impl $name [default] { $($body)+ });
    };
    (@impl $name:ident [$($default:ident)?] {
        $($member:ident $(: $how:ident $(($seed:expr))?)?),+ $(,)?
    }) => {
        impl $crate::members::Members for $name {
            // A static, not a constant: a constant's value is written out again in every
            // crate that uses it (each crate that reads the record would hold the names).
            const NAMES: &'static [&'static str] = {
                static NAMES: [&str; [$(stringify!($member)),+].len()] = [$({
                    const WIRE: [u8; $crate::members::camel_len(stringify!($member))] =
                        $crate::members::camel(stringify!($member));
                    $crate::members::text(&WIRE)
                }),+];
                &NAMES
            };
            const REQUIRED: u64 =
                $crate::members::required(&[$($crate::read_members!(@required $($how)?)),+]);

            fn blank() -> Self {
                $crate::read_members!(@blank $name [$($default)?] $($member),+)
            }

            fn read_member<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Member { $($member),+ }
                $(if index == Member::$member as usize {
                    self.$member = $crate::read_members!(@read map $($how $(($seed))?)?);
                    return Ok(());
                })+
                Ok(())
            }

            fn same_member(&self, other: &Self, index: usize) -> bool {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Member { $($member),+ }
                $(if index == Member::$member as usize {
                    return self.$member == other.$member;
                })+
                false
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::members::read(deserializer)
            }
        }
    };
    (@blank $name:ident [] $($member:ident),+) => {
        $name { $($member: $crate::members::Blank::blank()),+ }
    };
    (@blank $name:ident [default] $($member:ident),+) => {{
        let blank = <$name as Default>::default();
        // The pattern names every member, as the struct literal above does.
        let $name { $($member: _),+ } = blank;
        blank
    }};
    // Any other mark than these is a compile error.
    (@required required) => { true };
    (@required with) => { false };
    (@required required_with) => { true };
    (@required) => { false };
    (@read $map:ident with($seed:expr)) => { $map.next_value_seed($seed)? };
    (@read $map:ident required_with($seed:expr)) => { $map.next_value_seed($seed)? };
    (@read $map:ident required) => { $map.next_value()? };
    (@read $map:ident) => { $map.next_value()? };
}

/// The length of `name` in camelCase: without its underscores.
#[doc(hidden)]
pub const fn camel_len(name: &str) -> usize {
    let bytes = name.as_bytes();
    let mut length = 0;
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'_' {
            length += 1;
        }
        index += 1;
    }
    length
}

/// `name` in camelCase, as serde's `rename_all = "camelCase"` writes a member's name: each
/// underscore dropped and the letter after it in upper case.
#[doc(hidden)]
pub const fn camel<const N: usize>(name: &str) -> [u8; N] {
    let bytes = name.as_bytes();
    let mut wire = [0; N];
    let mut length = 0;
    let mut upper = false;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        index += 1;
        if byte == b'_' {
            upper = true;
            continue;
        }
        wire[length] = if upper {
            byte.to_ascii_uppercase()
        } else {
            byte
        };
        upper = false;
        length += 1;
    }
    wire
}

/// A wire name's bytes as text (a Rust name is ASCII, and so is its camelCase).
#[doc(hidden)]
pub const fn text(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("a member's name is ASCII"),
    }
}

/// The [`Members::REQUIRED`] bits of the members whose entry in `required` is `true`.
#[doc(hidden)]
pub const fn required(required: &[bool]) -> u64 {
    assert!(
        required.len() <= 64,
        "a struct read by its members has at most 64"
    );
    let mut bits = 0;
    let mut index = 0;
    while index < required.len() {
        if required[index] {
            bits |= 1 << index;
        }
        index += 1;
    }
    bits
}

/// Reads a `T` from an object.
#[doc(hidden)]
pub fn read<'de, D: Deserializer<'de>, T: Members>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(Table(PhantomData))
}

/// The one loop every struct is read by.
struct Table<T>(PhantomData<T>);

impl<'de, T: Members> Visitor<'de> for Table<T> {
    type Value = T;

    /// serde's words for a struct written as an array: "invalid type: sequence, expected an
    /// object".
    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::blank();
        read_each(&mut map, T::NAMES, T::REQUIRED, &mut |index, map| {
            value.read_member(index, map)
        })?;
        Ok(value)
    }
}

/// Reads the value of the member at an index from a map.
type ReadMember<'a, 'de, A> =
    dyn FnMut(usize, &mut A) -> Result<(), <A as MapAccess<'de>>::Error> + 'a;

/// The loop itself, compiled once for all the structs: reads each member of the object
/// with `read`, refusing an unknown or repeated key, then a missing required member.
fn read_each<'de, A: MapAccess<'de>>(
    map: &mut A,
    names: &'static [&'static str],
    required: u64,
    read: &mut ReadMember<'_, 'de, A>,
) -> Result<(), A::Error> {
    let mut seen = 0u64;
    let mut next = 0;
    while let Some(index) = map.next_key_seed(Key { names, next })? {
        next = index + 1;
        let bit = 1 << index;
        if seen & bit != 0 {
            return Err(de::Error::custom(format_args!(
                "duplicate field `{}`",
                names[index]
            )));
        }
        seen |= bit;
        read(index, map)?;
    }
    match missing(names, required & !seen) {
        Some(name) => Err(de::Error::custom(format_args!("missing field `{name}`"))),
        None => Ok(()),
    }
}

/// The first member named by a set bit of `bits`.
fn missing(names: &'static [&'static str], bits: u64) -> Option<&'static str> {
    names.get(bits.trailing_zeros() as usize).copied()
}

/// Reads a key as the index of the member it names, refusing any other key. The member
/// after the one before is tried first: a record's writer keeps its members in order.
#[derive(Clone, Copy)]
struct Key {
    names: &'static [&'static str],
    next: usize,
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        if self.names.get(self.next) == Some(&key) {
            return Ok(self.next);
        }
        self.names
            .iter()
            .position(|name| *name == key)
            .ok_or_else(|| {
                // serde's words for an unknown field.
                E::custom(format_args!(
                    "unknown field `{key}`, expected {}",
                    OneOf(self.names)
                ))
            })
    }
}

/// The members' wire names as serde lists expected fields: "`a`", "`a` or `b`", "one of
/// `a`, `b`, `c`".
struct OneOf(&'static [&'static str]);

impl fmt::Display for OneOf {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::unit::one_of(formatter, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Members;
    use crate::schema::{decision_record_schema, wellbeing_schema};
    use crate::*;
    use serde::Deserialize;
    use serde_json::Value;
    use std::collections::BTreeSet;

    /// The same three members, read by serde's derived reader and by the table.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Derived {
        #[serde(default)]
        case_reference: String,
        name: String,
        #[serde(default)]
        s47_started_on: Option<IsoDate>,
    }

    #[derive(Debug, PartialEq)]
    struct Tabled {
        case_reference: String,
        name: String,
        s47_started_on: Option<IsoDate>,
    }

    read_members!(Tabled {
        case_reference,
        name: required,
        s47_started_on
    });

    /// Two members, for serde's "`a` or `b`".
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct DerivedPair {
        #[serde(default)]
        if_this: String,
        #[serde(default)]
        then_that: String,
    }

    #[derive(Debug, PartialEq)]
    struct TabledPair {
        if_this: String,
        then_that: String,
    }

    read_members!(TabledPair { if_this, then_that });

    #[test]
    fn the_table_reads_and_refuses_as_serdes_derived_reader_does() {
        let cases = [
            r#"{"name": "Ava", "caseReference": "C1", "s47StartedOn": "2026-03-02"}"#,
            r#"{"s47StartedOn": null, "name": "Ava"}"#,
            r#"{"name": "Ava"}"#,
            r#"{}"#,
            r#"{"caseReference": "C1"}"#,
            "{\n  \"name\": \"Ava\",\n  \"name\": \"Bea\"\n}",
            r#"{"name": "Ava", "nmae": "Bea"}"#,
            r#"{"name": "Ava", "case_reference": "C1"}"#,
            r#"{"name": "Ava", "CaseReference": "C1"}"#,
            r#"{"name": "Ava", "s47startedOn": null}"#,
            r#"{"name": "Ava", "caseReferenc": "C1"}"#,
            r#"{"name": "Ava", "caseReferenceX": "C1"}"#,
            r#"{"name": 7}"#,
            r#"{"name": "Ava", "s47StartedOn": "2026-02-30"}"#,
            r#"{"name": "Ava""#,
            r#"{"name": "Ava"} {}"#,
        ];
        for case in cases {
            let derived = from_json_text::<Derived>(case)
                .map(|d| (d.case_reference, d.name, d.s47_started_on.map(|d| d.0)));
            let tabled = from_json_text::<Tabled>(case)
                .map(|t| (t.case_reference, t.name, t.s47_started_on.map(|d| d.0)));
            assert_eq!(tabled, derived, "{case}");
        }
        // serde's derived reader also takes a struct written as an array of its members;
        // the table, as the schema, takes an object only. Anything else the two refuse
        // alike, the derived reader naming the struct where the table says what it wanted.
        assert!(from_json_text::<Derived>(r#"["C1", "Ava", null]"#).is_ok());
        for (case, found) in [
            (r#"["C1", "Ava", null]"#, "sequence"),
            (r#""Ava""#, "string \"Ava\""),
            ("null", "null"),
        ] {
            assert_eq!(
                from_json_text::<Tabled>(case).map(|t| t.name),
                Err((
                    "$".to_string(),
                    format!("invalid type: {found}, expected an object")
                )),
                "{case}"
            );
        }
        for case in [
            r#"{"ifThis": "a", "thenThat": "b"}"#,
            r#"{"ifThat": "a"}"#,
            r#"{"ifThis": "a", "ifThis": "b"}"#,
        ] {
            let derived = from_json_text::<DerivedPair>(case).map(|d| (d.if_this, d.then_that));
            let tabled = from_json_text::<TabledPair>(case).map(|t| (t.if_this, t.then_that));
            assert_eq!(tabled, derived, "{case}");
        }
    }

    /// A host's own code may read a record's part with serde_json directly, not through
    /// `from_json_text`: the table's refusal of anything but an object says what it wanted.
    #[test]
    fn read_directly_the_table_says_it_expected_an_object() {
        for text in [r#""Ava""#, "7", "null", "true"] {
            let error = serde_json::from_str::<Tabled>(text)
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default();
            assert!(error.contains("expected an object"), "{text}: {error}");
        }
    }

    #[test]
    fn every_member_bit_and_key_is_checked() {
        // A required member after the 32nd, and keys matched member by member.
        assert_eq!(super::required(&[false; 40]), 0);
        let mut required = [false; 64];
        required[63] = true;
        required[3] = true;
        assert_eq!(super::required(&required), 1 << 63 | 1 << 3);
        assert_eq!(super::missing(&["a", "b", "c", "d"], 1 << 3), Some("d"));
        assert_eq!(super::missing(&["a", "b"], 0), None);
        for (name, wire) in [
            ("case_reference", "caseReference"),
            ("s47_started_on", "s47StartedOn"),
            ("article6", "article6"),
            ("notes", "notes"),
        ] {
            assert_eq!(super::camel_len(name), wire.len(), "{name}");
            assert_eq!(
                super::camel::<14>(name)[..wire.len()],
                *wire.as_bytes(),
                "{name}"
            );
        }
    }

    /// Each struct's members as the schema lists them (its `properties` and `required`),
    /// against its table.
    fn check<T: Members>(definitions: &serde_json::Map<String, Value>, name: &str) {
        let definition = &definitions[name];
        let properties: BTreeSet<String> = definition["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} has properties"))
            .keys()
            .cloned()
            .collect();
        let required: BTreeSet<String> = definition
            .get("required")
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let members: BTreeSet<String> = T::NAMES.iter().map(|name| name.to_string()).collect();
        assert_eq!(members, properties, "the members of {name}");
        let required_names: BTreeSet<String> = T::NAMES
            .iter()
            .enumerate()
            .filter(|(index, _)| T::REQUIRED & 1 << index != 0)
            .map(|(_, name)| name.to_string())
            .collect();
        assert_eq!(required_names, required, "the required members of {name}");
    }

    #[test]
    fn each_table_has_the_members_and_required_members_of_its_schema() {
        let record = decision_record_schema();
        let wellbeing = wellbeing_schema();
        let mut definitions = record["$defs"].as_object().cloned().unwrap_or_default();
        definitions.extend(wellbeing["$defs"].as_object().cloned().unwrap_or_default());
        definitions.insert("DecisionRecord".into(), record.clone());
        definitions.insert("WellbeingDocument".into(), wellbeing.clone());
        macro_rules! check_all {
            ($($type:ident),+ $(,)?) => {{
                $(check::<$type>(&definitions, stringify!($type));)+
                [$(stringify!($type)),+].len()
            }};
        }
        let checked = check_all!(
            DecisionRecord,
            Meta,
            CopyOf,
            CopyRecipient,
            Procedure,
            Meeting,
            Participant,
            CarerHistory,
            Subject,
            PracticeContext,
            LawfulBasis,
            InformationItem,
            InformationGap,
            ChildVoice,
            Statement,
            Assessment,
            SafetyScale,
            ToolInput,
            Threshold,
            Injury,
            Medical,
            Decision,
            Risk,
            Action,
            Contingency,
            Dissent,
            FamilyCommunication,
            Timescales,
            Recipient,
            FamilyCopyPlan,
            FamilyApproval,
            WellbeingDebrief,
            WellbeingDocument,
            DebriefOffer,
            Actor,
            Amendment,
            FollowUp,
            AuditEntry,
        );
        // Every struct read by its table is checked.
        let declared = [include_str!("sections.rs"), include_str!("types.rs")]
            .iter()
            .map(|source| source.matches("read_members!(").count())
            .sum::<usize>();
        assert_eq!(checked, declared);
    }
}
