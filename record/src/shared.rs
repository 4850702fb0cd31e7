//! [`Shared`]: a part of the record that the record's revisions share.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value the revisions of a record share: cloning it shares it, and a change made
/// through it changes a copy of its own (copy on write), so the revision it was cloned
/// from keeps its value. It reads, writes, compares and describes itself in its schema as
/// the value it holds: the wire format does not know it is there.
///
/// An editor makes a revision of the record on every keystroke, and a keystroke changes
/// one section or item. The parts that grow long in a meeting are held this way: each
/// entry of the audit trail (every entry but the last is the same in the revision after),
/// and the lists of participants, information, risks and actions (a change to one of their
/// items copies that list once). A revision's copy of the record then shares them rather
/// than copying their texts, and comparing a part with the revision before's is at once
/// true when it is shared.
#[derive(Default, Clone, Eq)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }

    /// Whether two are one value shared, not two equal values.
    pub fn same(one: &Self, other: &Self) -> bool {
        Arc::ptr_eq(&one.0, &other.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<A, T: FromIterator<A>> FromIterator<A> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = A>>(items: I) -> Self {
        Shared::new(T::from_iter(items))
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        (&**self).into_iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<T>
where
    &'a mut T: IntoIterator,
{
    type Item = <&'a mut T as IntoIterator>::Item;
    type IntoIter = <&'a mut T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        (&mut **self).into_iter()
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    /// Equal when shared, without comparing.
    fn eq(&self, other: &Self) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Shared::new)
    }
}

impl<T: JsonSchema> JsonSchema for Shared<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_change_through_a_clone_leaves_the_original() {
        let original = Shared::new(vec![String::from("one")]);
        let mut copy = original.clone();
        assert!(Shared::same(&original, &copy));
        copy.push(String::from("two"));
        assert!(!Shared::same(&original, &copy));
        assert_eq!(*original, ["one"]);
        assert_eq!(*copy, ["one", "two"]);
        assert_ne!(original, copy);
        // Equal values held apart are equal.
        assert_eq!(original, Shared::new(vec![String::from("one")]));
    }

    #[test]
    fn it_reads_writes_and_describes_itself_as_its_value() {
        let shared: Shared<Vec<u8>> = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(*shared, [1, 2]);
        assert_eq!(serde_json::to_string(&shared).unwrap(), "[1,2]");
        assert_eq!(
            schemars::schema_for!(Shared<Vec<u8>>),
            schemars::schema_for!(Vec<u8>)
        );
    }
}
