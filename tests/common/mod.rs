//! Helpers shared by the host tests: a fixed context and a one-line way to apply commands.
#![allow(dead_code)]

use risk_sensible::meeting::{apply, Command, Config, Context, Problem};
use risk_sensible::record::{Actor, DecisionRecord, Timestamp};
use std::sync::OnceLock;

pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

pub fn actor() -> &'static Actor {
    static ACTOR: OnceLock<Actor> = OnceLock::new();
    ACTOR.get_or_init(|| Actor {
        name: "Test Chair".into(),
        role: "Team manager".into(),
        agency: "Children's social care".into(),
    })
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Applies a command at a fixed time as the test chair.
pub fn run(record: &mut DecisionRecord, command: Command) -> Result<(), Problem> {
    run_at(record, command, "2026-03-02T11:00:00Z")
}

/// Applies a command at the given time as the test chair.
pub fn run_at(record: &mut DecisionRecord, command: Command, time: &str) -> Result<(), Problem> {
    let context = Context {
        at: at(time),
        actor: actor(),
        config: config(),
    };
    apply(record, command, &context)
}

pub fn new_record() -> DecisionRecord {
    DecisionRecord::new(
        "7d9c1a52-0b8e-4a53-9a51-2d1c3f0e8b11".to_string(),
        at("2026-03-02T09:00:00Z"),
    )
}

/// The text planted in record text to try its display: a POP DIRECTIONAL ISOLATE that
/// closes nothing (it would end an isolate around the text early) and a right-to-left
/// override left open (it would reverse everything after it up to the end of the
/// paragraph).
pub const HOSTILE_BIDI: &str = "\u{2069}\u{202E}";

/// The record with [`HOSTILE_BIDI`] planted in the middle of every text the types accept
/// it in: names, free text, ids and references (dates, times and enumeration values
/// refuse it and are left alone). Returns how many texts were planted.
pub fn with_hostile_bidi_everywhere(record: &DecisionRecord) -> (DecisionRecord, usize) {
    use risk_sensible::record::{from_json, to_json_value};
    fn pointers(value: &serde_json::Value, path: String, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(_) => found.push(path),
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    pointers(item, format!("{path}/{index}"), found);
                }
            }
            serde_json::Value::Object(members) => {
                for (key, member) in members {
                    pointers(member, format!("{path}/{key}"), found);
                }
            }
            _ => {}
        }
    }
    let mut json = to_json_value(record);
    let mut found = Vec::new();
    pointers(&json, String::new(), &mut found);
    let mut planted = 0;
    for pointer in found {
        let text = json
            .pointer(&pointer)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let middle = (text.len() / 2..=text.len())
            .find(|at| text.is_char_boundary(*at))
            .unwrap_or(text.len());
        let hostile = format!("{}{HOSTILE_BIDI}{}", &text[..middle], &text[middle..]);
        let mut tried = json.clone();
        *tried.pointer_mut(&pointer).unwrap() = hostile.into();
        if from_json::<DecisionRecord>(tried.clone()).is_ok() {
            json = tried;
            planted += 1;
        }
    }
    (from_json(json).unwrap(), planted)
}

/// Every text of rendered markup (but a `<textarea>`'s, an editing box of its own) in which
/// a bidirectional control can reach text other than the record text it came from: a
/// control outside any isolate, or an embedding, override or isolate still open at the
/// text's end (a tag ends a text). Empty when each record text in the markup is isolated
/// and balanced, as `bidi::isolate` makes it.
pub fn bidi_leaks(html: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum Open {
        Embedding,
        Isolate,
    }
    let contained = |text: &str| -> Result<(), &'static str> {
        let mut open = Vec::new();
        for character in text.chars() {
            let isolated = open.contains(&Open::Isolate);
            match character {
                '\u{2068}' if !isolated => open.push(Open::Isolate),
                other if !isolated && risk_sensible::bidi::BIDI_CONTROLS.contains(&other) => {
                    return Err("a bidirectional control outside an isolate")
                }
                '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(Open::Embedding),
                '\u{202C}' if open.last() == Some(&Open::Embedding) => {
                    open.pop();
                }
                '\u{2066}'..='\u{2068}' => open.push(Open::Isolate),
                '\u{2069}' => {
                    let at = open.iter().rposition(|kind| *kind == Open::Isolate);
                    open.truncate(at.unwrap_or_default());
                }
                _ => {}
            }
        }
        if open.is_empty() {
            Ok(())
        } else {
            Err("a bidirectional control still open at the end of a text")
        }
    };
    let mut leaks = Vec::new();
    let mut rest = html;
    let mut in_textarea = false;
    loop {
        let (text, after) = rest.split_at(rest.find('<').unwrap_or(rest.len()));
        if !in_textarea {
            if let Err(why) = contained(text) {
                leaks.push(format!("{why}: {text:?}"));
            }
        }
        if after.is_empty() {
            break leaks;
        }
        let end = after.find('>').map_or(after.len(), |at| at + 1);
        let tag = &after[..end];
        if tag.starts_with("<textarea") {
            in_textarea = true;
        } else if tag.starts_with("</textarea") {
            in_textarea = false;
        }
        rest = &after[end..];
    }
}
