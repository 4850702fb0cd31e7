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
use serde::ser::Serialize;
use std::fmt;

/// Declares the reader of an enumeration of plain names: `values` lists every value (the
/// type's `ALL`, in any order). Exported for the meeting's configuration, read the same way.
#[doc(hidden)]
#[macro_export]
macro_rules! read_by_name {
    ($($name:ty => $values:expr),+ $(,)?) => {
        $(impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::unit::read(deserializer, $values)
            }
        })+
    };
}

/// Reads one of `values` from its name.
#[doc(hidden)]
pub fn read<'de, D: Deserializer<'de>, T: Serialize + Copy>(
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
/// by the record's walk, without writing anything; `None` for any other value.
pub fn variant_name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    crate::walk::variant_name(value)
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
