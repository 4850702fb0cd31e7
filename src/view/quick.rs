//! One-line entry: an item of a list typed as one line, its parts separated by semicolons
//! (`Police checks on the partner; Tom; Friday`), added with Enter. Each part fills one
//! field of the list's form: text as typed, a person by their name (or, failing that, their
//! role or agency), a date in the chair's words ([`crate::dates::read_date`]), a choice by
//! a word of its label. The item is then saved exactly as the form would save it: the same
//! defaults follow, the same checks stop it, and what is missing is asked for in the form.

use super::context::{use_value, use_widget};
use super::fields::{Choice, TextField};
use super::form::{display_value, Control, FieldSpec};
use crate::bidi::isolate;
use crate::record::{unit_name, IsoDate, Participant, Restriction, Shared};
use std::rc::Rc;
use yew::prelude::*;

/// Props of a one-line entry.
#[derive(Properties, PartialEq)]
pub struct QuickEntryProps {
    /// Names the entry in element ids (`action`).
    pub form: &'static str,
    /// The entry's label and name: "Action in one line".
    pub label: AttrValue,
    /// The fields the line's parts fill, in order.
    pub keys: QuickKeys,
    /// The form's fields.
    pub fields: Rc<Vec<FieldSpec>>,
    pub participants: Shared<Vec<Participant>>,
    /// The day dates are counted from: the meeting's, or today before it has one.
    pub reference: time::Date,
    /// The parts read from a line the chair entered: `(field index, text)`.
    pub onread: Callback<Vec<(usize, String)>>,
}

/// A one-line entry: one text box above a form. What the line would add shows under it as
/// it is typed; Enter adds it and empties the line for the next, with focus left in it. A
/// line that cannot be read stays, with what is wrong said at it.
#[function_component(QuickEntry)]
pub fn quick_entry(props: &QuickEntryProps) -> Html {
    let context = use_widget();
    let line = use_value(String::new());
    let error = use_value(None::<String>);
    let keys = props.keys;
    let fields = &props.fields[..];
    let id = context.id(&format!("{}-line", props.form));
    let read_now = || read(&line, keys, fields, &props.participants, props.reference);
    let preview = match read_now() {
        Ok(texts) if !line.trim().is_empty() => texts
            .iter()
            .map(|(index, text)| {
                let field = &fields[*index];
                format!(
                    "{}: {}",
                    field.label,
                    display_value(field, text, &props.participants)
                )
            })
            .collect::<Vec<_>>()
            .join(" · "),
        _ => String::new(),
    };
    let oninput = {
        let (line, error) = (line.clone(), error.clone());
        Callback::from(move |text: String| {
            line.set(text);
            error.set(None);
        })
    };
    // The line is read from its box as it is when Enter is pressed: a key typed just
    // before Enter may not have been drawn yet.
    let input = use_node_ref();
    let onsubmit = {
        let (line, error, input) = (line.clone(), error.clone(), input.clone());
        let onread = props.onread.clone();
        let (fields, participants) = (props.fields.clone(), props.participants.clone());
        let reference = props.reference;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let text = input
                .cast::<web_sys::HtmlInputElement>()
                .map(|box_| box_.value())
                .unwrap_or_else(|| (*line).clone());
            match read(&text, keys, &fields, &participants, reference) {
                Ok(texts) => {
                    onread.emit(texts);
                    line.set(String::new());
                    error.set(None);
                }
                Err(problem) => {
                    line.set(text);
                    error.set(Some(problem));
                }
            }
        })
    };
    let label = props.label.clone();
    let hint = hint(keys, fields);
    html! {
        <form class="rs-quick" novalidate=true {onsubmit} aria-label={label.clone()}>
            <TextField id={id.clone()} label={label} value={(*line).clone()} {oninput} node_ref={input}
                hint={Some(AttrValue::from(hint))} error={(*error).clone().map(AttrValue::from)} />
            <p class="rs-quick__preview" id={format!("{id}-preview")}>
                if !preview.is_empty() {
                    <span class="rs-quick__will">{ "Will add: " }</span>{ preview }
                }
            </p>
            <button type="submit" class="rs-button rs-button--secondary">
                { "Add" }<span class="rs-visually-hidden">{ " this line" }</span>
            </button>
        </form>
    }
}

/// The parts a list's one-line entry reads, in order: the keys of its form's fields.
pub type QuickKeys = &'static [&'static str];

/// Reads `line` into `(field index, text)` pairs for the form whose fields are `fields`,
/// the parts filling the fields `keys` names in order. A part left empty fills nothing.
/// `reference` is the day dates are counted from (the meeting's). The error says which
/// part is wrong and what would do.
pub fn read(
    line: &str,
    keys: &[&str],
    fields: &[FieldSpec],
    participants: &[Participant],
    reference: time::Date,
) -> Result<Vec<(usize, String)>, String> {
    let parts: Vec<&str> = line.split(';').map(str::trim).collect();
    if parts.iter().all(|part| part.is_empty()) {
        return Err(format!("Write {} first.", outline(keys, fields)));
    }
    if parts.len() > keys.len() {
        return Err(format!(
            "{} parts where there are {}: write {}.",
            parts.len(),
            keys.len(),
            outline(keys, fields)
        ));
    }
    let mut texts = Vec::new();
    for (part, key) in parts.into_iter().zip(keys) {
        if part.is_empty() {
            continue;
        }
        let Some(index) = fields.iter().position(|field| field.key == *key) else {
            continue;
        };
        let field = &fields[index];
        let text = read_part(part, field, participants, reference)
            .map_err(|problem| format!("{}: {problem}", field.label))?;
        texts.push((index, text));
    }
    Ok(texts)
}

/// What the entry's hint says: the parts, and how people and dates are written when it
/// reads them.
pub fn hint(keys: &[&str], fields: &[FieldSpec]) -> String {
    let controls: Vec<&Control> = keys
        .iter()
        .filter_map(|key| fields.iter().find(|field| field.key == *key))
        .map(|field| &field.control)
        .collect();
    let mut ways = Vec::new();
    if controls.contains(&&Control::Owner) {
        ways.push("a person by their first name or surname");
    }
    if controls.contains(&&Control::Date) {
        ways.push("a date as 6/3, 6 March, tomorrow or Friday");
    }
    let ways = if ways.is_empty() {
        String::new()
    } else {
        format!(": {}", ways.join(", "))
    };
    format!(
        "Write {}, separated by semicolons{ways}. Enter adds it; anything missing is asked for in the form below.",
        outline(keys, fields)
    )
}

/// The parts as the hint names them: "action; owner; due date".
pub fn outline(keys: &[&str], fields: &[FieldSpec]) -> String {
    keys.iter()
        .filter_map(|key| fields.iter().find(|field| field.key == *key))
        .map(|field| field.label.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One part as the text of `field`'s control.
fn read_part(
    part: &str,
    field: &FieldSpec,
    participants: &[Participant],
    reference: time::Date,
) -> Result<String, String> {
    let quoted = || isolate(part).into_owned();
    match &field.control {
        Control::Text | Control::TextArea => Ok(part.to_string()),
        Control::Date => crate::dates::read_date(part, reference)
            .map(|date| IsoDate(date).to_string())
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a date: write 6/3, 6 March, tomorrow or Friday.",
                    quoted()
                )
            }),
        Control::Owner => person(part, participants).map(|participant| participant.id.clone()),
        Control::Score => part
            .parse::<u8>()
            .ok()
            .filter(|score| *score <= 10)
            .map(|score| score.to_string())
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a score: write a number from 0 to 10.",
                    quoted()
                )
            }),
        Control::Choice(choices) | Control::Radios { choices, .. } => choice(part, choices)
            .map(|choice| choice.value.to_string())
            .ok_or_else(|| {
                let labels: Vec<&str> = choices.iter().map(|choice| &*choice.label).collect();
                format!("\"{}\" is not one of {}.", quoted(), labels.join(", "))
            }),
        Control::Restrictions => {
            let choices: Vec<Choice> = Restriction::ALL
                .iter()
                .map(|restriction| Choice::new(unit_name(restriction), restriction.label()))
                .collect();
            let mut codes = Vec::new();
            for word in part
                .split([',', '&'])
                .flat_map(|piece| piece.split(" and "))
                .map(str::trim)
                .filter(|word| !word.is_empty())
            {
                let chosen = choice(word, &choices).ok_or_else(|| {
                    format!(
                        "\"{}\" is not a restriction: write police sensitive, health confidential, third-party, legally privileged, disclosure or not for the family.",
                        isolate(word)
                    )
                })?;
                codes.push(chosen.value.to_string());
            }
            Ok(codes.join(" "))
        }
        _ => Err("is not read from one line: fill it in the form below.".to_string()),
    }
}

/// The one participant `typed` names: by their whole name, by whole words of it ("Tom" is
/// Tom Reyes, not Tomasz Nowak), by the start of each word ("reye", "T Reyes"), or failing
/// that in the same ways by their role or agency.
fn person<'a>(typed: &str, participants: &'a [Participant]) -> Result<&'a Participant, String> {
    let typed_words = words(typed);
    // Names first; then role and agency together ("health" could be anyone from health).
    let by: [fn(&Participant) -> Vec<&str>; 2] = [
        |participant| vec![&participant.name],
        |participant| vec![&participant.role, &participant.agency],
    ];
    let tiers: [Fits; 3] = [
        |typed, words| typed == words,
        |typed, words| in_order(typed, words, |word, candidate| candidate == word),
        |typed, words| in_order(typed, words, |word, candidate| candidate.starts_with(word)),
    ];
    for text in by {
        for tier in tiers {
            let matching: Vec<&Participant> = participants
                .iter()
                .filter(|participant| {
                    text(participant)
                        .into_iter()
                        .any(|text| tier(&typed_words, &words(text)))
                })
                .collect();
            match matching.as_slice() {
                [] => continue,
                [one] => return Ok(one),
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .map(|participant| isolate(&participant.name).into_owned())
                        .collect();
                    return Err(format!(
                        "\"{}\" could be {}: write more of the name.",
                        isolate(typed),
                        names.join(" or ")
                    ));
                }
            }
        }
    }
    Err(format!(
        "no participant is called \"{}\": add them to the participants first.",
        isolate(typed)
    ))
}

/// Whether typed words fit a text's words.
type Fits = fn(&[String], &[String]) -> bool;

/// The choice `typed` names: its label or code, or the one whose label has words starting
/// with each typed word ("opinion" is "Professional opinion").
fn choice<'a>(typed: &str, choices: &'a [Choice]) -> Option<&'a Choice> {
    let typed_words = words(typed);
    if let Some(exact) = choices.iter().find(|choice| {
        words(&choice.label) == typed_words || choice.value.eq_ignore_ascii_case(typed.trim())
    }) {
        return Some(exact);
    }
    let mut matching = choices
        .iter()
        .filter(|choice| starts_each(&typed_words, &words(&choice.label)));
    match (matching.next(), matching.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The words of `text` that say something, lower case, without punctuation ("third-party"
/// is one word; "not for the family" is "not family", as "Not to be shared with the
/// family" is "not shared family").
fn words(text: &str) -> Vec<String> {
    const FILLER: [&str; 9] = ["a", "an", "the", "to", "be", "of", "for", "with", "by"];
    text.split(separates)
        .map(str::to_ascii_lowercase)
        .filter(|word| !word.is_empty() && !FILLER.contains(&word.as_str()))
        .collect()
}

/// Whether `c` separates words: white space and punctuation, that is ASCII's but the hyphen
/// and the apostrophe, Latin-1's (« » ¿ ¡ · × and the like, not ª º ² ½ and the other
/// letters and numbers) and the General Punctuation block's (dashes, curly quotes,
/// ellipses, bullets). Letters and digits of any script are words' own, and so is the
/// punctuation of other scripts (an Arabic comma, a CJK full stop), which a one-line entry
/// is not written with. (By these ranges, not `char::is_alphanumeric`, whose Unicode tables
/// are 1.8 KiB of the widget's wasm.)
fn separates(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && c != '-' && c != '\'')
        || matches!(
            c,
            '\u{a1}'..='\u{a9}'
                | '\u{ab}'..='\u{b1}'
                | '\u{b4}'
                | '\u{b6}'..='\u{b8}'
                | '\u{bb}'
                | '\u{bf}'
                | '\u{d7}'
                | '\u{f7}'
                | '\u{2010}'..='\u{205e}'
        )
}

/// True when each typed word starts a different word of `label`, in order.
fn starts_each(typed: &[String], label: &[String]) -> bool {
    in_order(typed, label, |word, candidate| candidate.starts_with(word))
}

/// True when each typed word `fits` a different word of `label`, in order.
fn in_order(typed: &[String], label: &[String], fits: impl Fn(&str, &str) -> bool) -> bool {
    let mut rest = label.iter();
    !typed.is_empty()
        && typed
            .iter()
            .all(|word| rest.any(|candidate| fits(word, candidate)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Attendance;
    use crate::view::specs::{actions, information, risks, ListForm};

    /// True when the one-line entry can read a part into a field with this control.
    fn reads(control: &Control) -> bool {
        matches!(
            control,
            Control::Text
                | Control::TextArea
                | Control::Date
                | Control::Owner
                | Control::Score
                | Control::Choice(_)
                | Control::Radios { .. }
                | Control::Restrictions
        )
    }

    fn people() -> Vec<Participant> {
        [
            (
                "p1",
                "Amara Okafor",
                "Team manager",
                "Children's social care",
            ),
            ("p2", "Tom Reyes", "Detective sergeant", "Police"),
            ("p3", "Priya Nandra", "Health visitor", "Health"),
            ("p4", "Helen Moss", "Consultant paediatrician", "Health"),
            ("p5", "Tomasz Nowak", "Youth worker", "Early help"),
        ]
        .into_iter()
        .map(|(id, name, role, agency)| Participant {
            id: id.into(),
            name: name.into(),
            role: role.into(),
            agency: agency.into(),
            attendance: Attendance::Attended,
            ..Participant::default()
        })
        .collect()
    }

    fn monday() -> time::Date {
        "2026-03-02".parse::<IsoDate>().unwrap().0
    }

    /// Reads `line` as the list's one-line entry, each filled field as `key=text`.
    fn filled(list: &Rc<dyn ListForm>, line: &str) -> Result<Vec<String>, String> {
        let spec = list.fields();
        let keys = list.quick().expect("the list has a one-line entry");
        read(line, keys, spec, &people(), monday()).map(|texts| {
            texts
                .into_iter()
                .map(|(index, text)| format!("{}={text}", spec[index].key))
                .collect()
        })
    }

    #[test]
    fn punctuation_separates_words_and_letters_and_numbers_do_not() {
        // Where the ranges are drawn, they agree with Unicode's letters and numbers.
        let checked = (' '..='\u{24f}').chain('\u{2000}'..='\u{206f}');
        for c in checked.filter(|c| !c.is_control()) {
            let unicode = !(c.is_alphanumeric() || c == '-' || c == '\'');
            // The General Punctuation block's spaces, joiners and marks are not letters.
            let spacing = ('\u{2000}'..='\u{200f}').contains(&c) || c > '\u{205e}';
            if !spacing {
                assert_eq!(separates(c), unicode, "{c:?} (U+{:04X})", u32::from(c));
            }
        }
    }

    #[test]
    fn words_are_split_at_white_space_and_punctuation() {
        for (text, meant) in [
            (
                "Not to be shared with the family",
                vec!["not", "shared", "family"],
            ),
            (
                "third-party, O'Brien; (Health)",
                vec!["third-party", "o'brien", "health"],
            ),
            ("Zoë Ng", vec!["zoë", "ng"]),
            ("Łukasz Wiśniewski", vec!["Łukasz", "wiśniewski"]),
            ("محمد علي", vec!["محمد", "علي"]),
            ("Tom – “social worker”…", vec!["tom", "social", "worker"]),
            ("O’Brien «police» ¿sí?", vec!["o", "brien", "police", "sí"]),
            ("2×3 ÷ ½", vec!["2", "3", "½"]),
        ] {
            assert_eq!(words(text), meant, "{text}");
        }
    }

    #[test]
    fn each_part_fills_its_field() {
        let actions = actions().erased();
        let information = information().erased();
        let risks = risks().erased();
        for (list, line, meant) in [
            (
                &actions,
                "Police checks on the partner; Tom Reyes; Friday",
                Ok(vec![
                    "task=Police checks on the partner",
                    "ownerId=p2",
                    "due=2026-03-06",
                ]),
            ),
            // A first name that starts another's ("Tom", "Tomasz") is the whole name.
            (
                &actions,
                "Visit; tom; 3/3",
                Ok(vec!["task=Visit", "ownerId=p2", "due=2026-03-03"]),
            ),
            (
                &actions,
                "Visit; nowak",
                Ok(vec!["task=Visit", "ownerId=p5"]),
            ),
            (
                &actions,
                "Visit;; tomorrow",
                Ok(vec!["task=Visit", "due=2026-03-03"]),
            ),
            // By role, and by agency when one person is from it.
            (
                &actions,
                "Visit; health visitor",
                Ok(vec!["task=Visit", "ownerId=p3"]),
            ),
            (
                &actions,
                "Visit; police",
                Ok(vec!["task=Visit", "ownerId=p2"]),
            ),
            (
                &information,
                "Priya; A bruise; opinion; third-party, not for the family",
                Ok(vec![
                    "sharedBy=p3",
                    "content=A bruise",
                    "kind=opinion",
                    "restrictions=thirdParty notForFamily",
                ]),
            ),
            (
                &information,
                "Tom; Call-outs; fact",
                Ok(vec!["sharedBy=p2", "content=Call-outs", "kind=fact"]),
            ),
            (
                &risks,
                "Further injury; Amara; The safety plan; 4 March",
                Ok(vec![
                    "description=Further injury",
                    "ownerId=p1",
                    "accountableFor=The safety plan",
                    "reviewDate=2026-03-04",
                ]),
            ),
        ] {
            let got = filled(list, line);
            let meant = meant.map(|texts| texts.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(got, meant, "{line}");
        }
    }

    #[test]
    fn a_wrong_part_says_which_and_what_would_do() {
        let actions = actions().erased();
        let information = information().erased();
        for (list, line, says) in [
            (
                &actions,
                "Visit; Tim; Friday",
                "Owner: no participant is called \"Tim\"",
            ),
            (
                &actions,
                "Visit; Tom; soon",
                "Due date: \"soon\" is not a date",
            ),
            (
                &actions,
                "Visit; health",
                "Owner: \"health\" could be Priya Nandra or Helen Moss",
            ),
            (
                &actions,
                "Visit; Tom; Friday; urgent",
                "4 parts where there are 3: write action; owner; due date.",
            ),
            (&actions, " ; ", "Write action; owner; due date first."),
            (
                &information,
                "Tom; Call-outs; rumour",
                "Fact, opinion or hearsay: \"rumour\" is not one of Fact, Professional opinion",
            ),
            (
                &information,
                "Tom; Call-outs; fact; secret",
                "Restrictions on sharing: \"secret\" is not a restriction",
            ),
        ] {
            let error = filled(list, line).expect_err(line);
            assert!(error.starts_with(says), "{line}: {error}");
        }
    }

    #[test]
    fn every_list_s_one_line_parts_are_fields_it_can_read() {
        let mut with_one_line = 0;
        for kind in crate::record::ItemKind::ALL {
            let list = crate::view::specs::list_form(kind);
            let Some(keys) = list.quick() else { continue };
            with_one_line += 1;
            for key in keys {
                let field = list.fields().iter().find(|field| field.key == *key);
                assert!(
                    field.is_some_and(|field| reads(&field.control)),
                    "{kind:?}: {key}"
                );
            }
        }
        // Information, tools, gaps, risks, actions and contingencies.
        assert_eq!(with_one_line, 6);
    }
}
