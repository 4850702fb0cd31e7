//! Reading an enumeration whose values are all plain names (`"strategyMeeting"`).
//!
//! serde's derived reader for an enumeration goes through its data model for enums: the
//! JSON reader's enum handling, a variant visitor and an identifier visitor, compiled again
//! for every enumeration, and it takes a value written as an object (`{"strategyMeeting":
//! null}`) as well as the name. The record's schema allows the name only. These
//! enumerations instead read a string with one visitor shared by all of them
//! ([`read`]), and look the name up among the values serde writes ([`variant_name`]), so the
//! names are written once, in the type's `#[serde(rename_all)]`, for writing and reading
//! alike. A value that is not a string is refused as serde_json refuses any value of the
//! wrong type, at its path; an unknown name with serde's own words for it.

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt;

/// Declares the reader of an enumeration of plain names: `values` lists every value (the
/// type's `ALL`, in any order).
macro_rules! read_by_name {
    ($($name:ty => $values:expr),+ $(,)?) => {
        $(impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::unit::read(deserializer, $values)
            }
        })+
    };
}
pub(crate) use read_by_name;

/// Reads one of `values` from its name.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Serialize + Copy>(
    deserializer: D,
    values: &[T],
) -> Result<T, D::Error> {
    let name = |index: usize| values.get(index).and_then(variant_name);
    let index = deserializer.deserialize_str(Name { name: &name })?;
    values
        .get(index)
        .copied()
        .ok_or_else(|| de::Error::custom("no such value"))
}

/// The name a unit variant is written as (`strategyMeeting`), read from its `Serialize`
/// without writing anything; `None` for any other value.
pub fn variant_name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    value.serialize(NameOnly).ok()
}

/// The visitor every such enumeration reads its name with: the index of the value whose
/// name it is.
struct Name<'a> {
    /// The name of the value at an index; `None` past the last.
    name: &'a dyn Fn(usize) -> Option<&'static str>,
}

impl Name<'_> {
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..).map_while(|index| (self.name)(index))
    }
}

impl Visitor<'_> for Name<'_> {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", OneOf(self))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<usize, E> {
        self.names().position(|name| name == text).ok_or_else(|| {
            // serde's words for an unknown variant.
            E::custom(format_args!(
                "unknown variant `{text}`, expected {}",
                OneOf(&self)
            ))
        })
    }
}

/// The names, as serde lists expected variants: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
struct OneOf<'a, 'b>(&'a Name<'b>);

impl fmt::Display for OneOf<'_, '_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.names().collect();
        if names.is_empty() {
            return formatter.write_str("no value");
        }
        one_of(formatter, &names)
    }
}

/// Writes `names` as serde lists expected values or fields: "`a`", "`a` or `b`", "one of
/// `a`, `b`, `c`" (nothing for none).
pub(crate) fn one_of(formatter: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
    match names {
        [] => Ok(()),
        [only] => write!(formatter, "`{only}`"),
        [first, second] => write!(formatter, "`{first}` or `{second}`"),
        all => {
            formatter.write_str("one of ")?;
            for (index, name) in all.iter().enumerate() {
                if index > 0 {
                    formatter.write_str(", ")?;
                }
                write!(formatter, "`{name}`")?;
            }
            Ok(())
        }
    }
}

/// A serializer that takes a unit variant's name and refuses everything else.
struct NameOnly;

/// Anything but a unit variant.
#[derive(Debug)]
struct NotAName;

impl fmt::Display for NotAName {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAName {}

impl ser::Error for NotAName {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAName
    }
}

/// The `Serializer` methods a serializer that takes one kind of value refuses: every method
/// for a scalar, an option or a newtype, and every compound but a struct, each returning
/// `Err($refusal)`. Its `Ok` is `$ok`, its `Error` `$error`, and its compound types
/// `Impossible`; it writes `serialize_struct` and `serialize_unit_variant` itself.
macro_rules! refuse_all_but_struct_and_unit_variant {
    ($ok:ty, $error:ty, $refusal:expr) => {
        type Ok = $ok;
        type Error = $error;
        type SerializeSeq = serde::ser::Impossible<$ok, $error>;
        type SerializeTuple = serde::ser::Impossible<$ok, $error>;
        type SerializeTupleStruct = serde::ser::Impossible<$ok, $error>;
        type SerializeTupleVariant = serde::ser::Impossible<$ok, $error>;
        type SerializeMap = serde::ser::Impossible<$ok, $error>;
        type SerializeStructVariant = serde::ser::Impossible<$ok, $error>;

        crate::unit::refuse_all_but_struct_and_unit_variant!(@scalars $ok, $error, $refusal;
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_str(&str),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
        );

        fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<$ok, $error> {
            Err($refusal)
        }
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, $error> {
            Err($refusal)
        }
        fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, $error> {
            Err($refusal)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, $error> {
            Err($refusal)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, $error> {
            Err($refusal)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, $error> {
            Err($refusal)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, $error> {
            Err($refusal)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, $error> {
            Err($refusal)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, $error> {
            Err($refusal)
        }
    };
    (@scalars $ok:ty, $error:ty, $refusal:expr; $($method:ident($($type:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $type),*) -> Result<$ok, $error> {
            Err($refusal)
        })*
    };
}
pub(crate) use refuse_all_but_struct_and_unit_variant;

impl Serializer for NameOnly {
    type SerializeStruct = Impossible<&'static str, NotAName>;
    refuse_all_but_struct_and_unit_variant!(&'static str, NotAName, NotAName);

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotAName> {
        Ok(variant)
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAName> {
        Err(NotAName)
    }
}
