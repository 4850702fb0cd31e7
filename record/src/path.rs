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
        let quoted = serde_json::to_string(&shown).unwrap_or_default();
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
                    *key = serde_json::from_slice::<String>(quoted).ok();
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
