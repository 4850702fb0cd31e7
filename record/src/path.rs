//! JSON paths (`$.participants[2].name`) for problems found while reading a record: where a
//! reader is ([`Location`]), and where serde_json stopped in a refused text ([`path_at`]).
//! Shared by [`crate::from_json_text`] and the import checks (`risk_sensible_record_io`).

use std::fmt;

/// Where the reader is in the document: a chain of keys and indexes back to the root.
/// Paths are only written out when there is a problem to report.
pub enum Location<'a> {
    /// The document's root, `$`.
    Root,
    /// A member of an object.
    Key(&'a Location<'a>, &'a str),
    /// An item of a list.
    Index(&'a Location<'a>, usize),
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Root => formatter.write_str("$"),
            Location::Key(parent, key) => {
                write!(formatter, "{parent}")?;
                write_key(formatter, key)
            }
            Location::Index(parent, index) => write!(formatter, "{parent}[{index}]"),
        }
    }
}

/// Writes `.key` for a plain name, or `["key"]` (JSON-escaped, cut short) for anything
/// else, so a path is always one line and always unambiguous.
fn write_key(formatter: &mut fmt::Formatter<'_>, key: &str) -> fmt::Result {
    let mut characters = key.chars();
    let plain = characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == '$')
        && characters.all(|rest| rest.is_ascii_alphanumeric() || rest == '_' || rest == '$');
    if plain && key.len() <= 64 {
        write!(formatter, ".{key}")
    } else {
        let shown: String = key.chars().take(64).collect();
        let quoted = crate::to_json_text(&shown).unwrap_or_default();
        let ellipsis = if shown.len() < key.len() { "…" } else { "" };
        write!(formatter, "[{quoted}{ellipsis}]")
    }
}

/// The JSON path of the value serde_json was reading when it stopped with `message` at
/// `line` and `column` (a byte count from the start of the line). It stops just after the
/// value it refuses, or, for a missing field, at the `}` of the object that lacks it; the
/// text up to there is scanned, without recursion, for the keys and indexes that lead to it.
pub fn path_at(text: &str, line: usize, column: usize, message: &str) -> String {
    let start_of_line = match line {
        0 | 1 => 0,
        _ => text
            .match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(index, _)| index + 1),
    };
    let end = start_of_line.saturating_add(column).min(text.len());
    let prefix = text.as_bytes().get(..end).unwrap_or_default();

    /// One open array or object: the index reached, or the last key read.
    enum Open {
        List(usize),
        Object(Option<String>),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0usize;
    while let Some(&byte) = prefix.get(at) {
        match byte {
            b'[' => open.push(Open::List(0)),
            b'{' => open.push(Open::Object(None)),
            b']' | b'}' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::List(index)) => *index += 1,
                Some(Open::Object(key)) => *key = None,
                None => {}
            },
            b'"' => {
                // The string runs to the next quote that is not escaped.
                let start = at;
                at += 1;
                while let Some(&inner) = prefix.get(at) {
                    match inner {
                        b'\\' => at += 2,
                        b'"' => break,
                        _ => at += 1,
                    }
                }
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    // A key the text breaks off inside is no key: the object says where.
                    let quoted = prefix.get(start..=at).unwrap_or_default();
                    // Read as text, not bytes: the module has serde_json's text reader already.
                    *key = std::str::from_utf8(quoted)
                        .ok()
                        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok());
                }
            }
            _ => {}
        }
        at += 1;
    }
    if message.starts_with("missing field") {
        // The error is about the object itself, not about its last member.
        if let Some(Open::Object(key)) = open.last_mut() {
            *key = None;
        }
    }
    let mut path = String::from("$");
    for step in &open {
        match step {
            Open::List(index) => path.push_str(&format!("[{index}]")),
            Open::Object(Some(key)) => {
                path.push_str(&Location::Key(&Location::Root, key).to_string()[1..])
            }
            Open::Object(None) => {}
        }
    }
    path
}

/// One step of a [`JsonPath`]: a member of an object or an item of a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// A member of an object, by key.
    Key(std::borrow::Cow<'static, str>),
    /// An item of a list, by index.
    Index(usize),
}

/// A JSON path into a record, always from its root (`$.risks[2].ownerId`): where a finding
/// or a refused change points. Views find the field a finding belongs to by its steps,
/// never by reading the written path back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath(Vec<Step>);

impl JsonPath {
    /// The record itself, `$`.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// `$.a.b…`: the member reached by these keys from the root.
    pub fn keys(keys: &[&'static str]) -> Self {
        JsonPath(
            keys.iter()
                .map(|key| Step::Key(std::borrow::Cow::Borrowed(*key)))
                .collect(),
        )
    }

    /// This path, one member further.
    pub fn key(mut self, key: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        self.0.push(Step::Key(key.into()));
        self
    }

    /// This path, one list item further.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Step::Index(index));
        self
    }

    /// The steps from the root.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// True when this path is `prefix` or lies inside it.
    pub fn starts_with(&self, prefix: &JsonPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The steps after `prefix`, when this path lies inside it.
    pub fn after(&self, prefix: &JsonPath) -> Option<&[Step]> {
        self.0.strip_prefix(prefix.0.as_slice())
    }

    /// For a path inside the list at `list`: the item's index, and the key of the item's
    /// member when the path goes that far (`$.risks[2].ownerId` in `$.risks` is
    /// `(2, Some("ownerId"))`).
    pub fn item_in(&self, list: &JsonPath) -> Option<(usize, Option<&str>)> {
        match self.after(list)? {
            [Step::Index(index), rest @ ..] => Some((*index, first_key(rest))),
            _ => None,
        }
    }

    /// For a path inside the object at `section`: the key of its member, if the path goes
    /// that far (`$.meeting.reason` in `$.meeting` is `Some("reason")`).
    pub fn member_of(&self, section: &JsonPath) -> Option<&str> {
        first_key(self.after(section)?)
    }
}

fn first_key(steps: &[Step]) -> Option<&str> {
    match steps.first() {
        Some(Step::Key(key)) => Some(key),
        _ => None,
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("$")?;
        for step in &self.0 {
            match step {
                Step::Key(key) => write_key(formatter, key)?,
                Step::Index(index) => write!(formatter, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl PartialEq<str> for JsonPath {
    fn eq(&self, other: &str) -> bool {
        /// Compares the written path with `rest` as it is written, without keeping it.
        struct Matches<'a>(&'a str);
        impl fmt::Write for Matches<'_> {
            fn write_str(&mut self, written: &str) -> fmt::Result {
                self.0 = self.0.strip_prefix(written).ok_or(fmt::Error)?;
                Ok(())
            }
        }
        let mut matches = Matches(other);
        fmt::write(&mut matches, format_args!("{self}")).is_ok() && matches.0.is_empty()
    }
}

impl PartialEq<&str> for JsonPath {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

/// Written as its text (`"$.risks[2].ownerId"`), the form hosts read in findings.
impl serde::Serialize for JsonPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
