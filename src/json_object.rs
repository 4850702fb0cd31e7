//! The page's own small JSON objects (a draft's header, a tab's claim on a meeting, the
//! shared screen's messages), read and written through serde_json's [`Value`]. The module
//! has that reader and writer already; a derived `Deserialize` or `Serialize` compiles
//! another copy of serde_json's for each type.

use serde_json::{Map, Value};

/// The members of the JSON object `text` holds; `None` for any other text.
pub fn read(text: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(text).ok()? {
        Value::Object(members) => Some(members),
        _ => None,
    }
}

/// A member that may be left out: `Some(None)` when it is absent or null, `Some(value)`
/// when `read` takes it, and `None` (the object is not one of its kind) otherwise.
pub fn optional<'a, T>(
    members: &'a Map<String, Value>,
    key: &str,
    read: impl Fn(&'a Value) -> Option<T>,
) -> Option<Option<T>> {
    match members.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

/// The text of a member that must be text.
pub fn text<'a>(members: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    members.get(key)?.as_str()
}

/// The value of a member that must be a number.
pub fn number(members: &Map<String, Value>, key: &str) -> Option<f64> {
    members.get(key)?.as_f64()
}

/// The JSON text of an object of `members` (written in the order of their keys).
pub fn write(members: Vec<(&str, Value)>) -> String {
    let mut map = Map::new();
    for (key, value) in members {
        map.insert(key.to_string(), value);
    }
    // The record's writer, which the module has for JSON values already; `to_string` would
    // compile serde_json's writer of a value again.
    crate::record::to_json_text(&Value::Object(map)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_read_by_kind() {
        let members = read(r#"{"a":"x","n":2.5,"z":null,"w":3}"#).unwrap();
        assert_eq!(text(&members, "a"), Some("x"));
        assert_eq!(text(&members, "n"), None);
        assert_eq!(number(&members, "n"), Some(2.5));
        assert_eq!(number(&members, "w"), Some(3.0));
        assert_eq!(number(&members, "a"), None);
        assert_eq!(number(&members, "gone"), None);
        assert_eq!(optional(&members, "z", Value::as_str), Some(None));
        assert_eq!(optional(&members, "gone", Value::as_str), Some(None));
        assert_eq!(optional(&members, "a", Value::as_str), Some(Some("x")));
        assert_eq!(optional(&members, "w", Value::as_str), None);
        for not_an_object in ["[]", "\"a\"", "1", "", "{", "{\"a\":1}x"] {
            assert!(read(not_an_object).is_none(), "{not_an_object}");
        }
    }

    #[test]
    fn objects_are_written_in_the_order_of_their_keys() {
        let written = write(vec![
            ("tab", "t\"1".into()),
            ("at", 1.5.into()),
            ("draft", 2.into()),
        ]);
        assert_eq!(written, r#"{"at":1.5,"draft":2,"tab":"t\"1"}"#);
        assert_eq!(read(&written).map(|members| members.len()), Some(3));
    }
}
