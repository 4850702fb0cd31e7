//! Forms described as data: a list of [`FieldSpec`]s edits a JSON object draft, which the
//! core's own serde types then read. One renderer serves every list and section, so each
//! stage states only what its fields are.

use super::fields::{Choice, SelectField, TextArea, TextField};
use super::state::WidgetContext;
use crate::record::{Attendance, Labelled, Participant};
use serde_json::{Map, Value};
use std::rc::Rc;
use yew::prelude::*;

/// What kind of control a field is.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    TextArea,
    /// A calendar date.
    Date,
    /// One value of an enumeration: (wire value, label).
    Choice(Vec<(String, &'static str)>),
    /// Yes or no, stored as a JSON boolean.
    YesNo,
    /// A participant, by id: owners are picked, never typed.
    Owner,
    /// One of the host's configured agencies.
    Agency,
}

/// One field of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    /// The JSON key; a dot separates a nested object's key (`history.notes`).
    pub key: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub kind: FieldKind,
    /// When the field is cleared: keep an empty string (required text) or remove the key
    /// (optional dates and choices, which have no empty value).
    pub keep_empty: bool,
}

impl FieldSpec {
    pub fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Self {
        let keep_empty = matches!(kind, FieldKind::Text | FieldKind::TextArea);
        FieldSpec {
            key,
            label,
            hint: None,
            kind,
            keep_empty,
        }
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Keeps the key with an empty value when cleared (a required field).
    pub fn required(mut self) -> Self {
        self.keep_empty = true;
        self
    }

    /// The element id suffix of this field's control within a form named `form`.
    pub fn control_name(&self, form: &str) -> String {
        format!("{form}-{}", self.key.replace('.', "-"))
    }
}

/// The choices of an enumeration, as wire values and labels.
pub fn choices<T: Labelled>() -> FieldKind {
    FieldKind::Choice(
        T::all()
            .iter()
            .map(|value| (wire_name(value), value.label()))
            .collect(),
    )
}

/// The wire name of a value (`strategyMeeting`).
pub use crate::record::wire_name;

/// The field's value in a draft, as the text a control shows.
pub fn get_text(draft: &Map<String, Value>, key: &str) -> String {
    let mut current = draft;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let Some(value) = current.get(part) else {
            return String::new();
        };
        if parts.peek().is_none() {
            return match value {
                Value::String(text) => text.clone(),
                Value::Bool(true) => "true".into(),
                Value::Bool(false) => "false".into(),
                Value::Number(number) => number.to_string(),
                _ => String::new(),
            };
        }
        match value {
            Value::Object(inner) => current = inner,
            _ => return String::new(),
        }
    }
    String::new()
}

/// Sets the field's value in a draft from a control's text, following the field's rule for
/// empty values.
pub fn set_text(draft: &mut Map<String, Value>, field: &FieldSpec, text: String) {
    let parts: Vec<&str> = field.key.split('.').collect();
    let (last, parents) = parts.split_last().expect("a key has at least one part");
    let mut current = draft;
    for part in parents {
        let entry = current
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        current = entry.as_object_mut().expect("made an object above");
    }
    let value = match (&field.kind, text.is_empty()) {
        // A choice set back to "Select one" has no value: an empty string is not one of the
        // enumeration's names, and would make the draft unreadable.
        (FieldKind::Choice(_) | FieldKind::YesNo, true) => None,
        (FieldKind::YesNo, false) => Some(Value::Bool(text == "true")),
        (_, true) if !field.keep_empty => None,
        _ => Some(Value::String(text)),
    };
    match value {
        Some(value) => {
            current.insert(last.to_string(), value);
        }
        None => {
            current.remove(*last);
        }
    }
}

/// The label shown for a participant in pickers and tables.
pub fn participant_label(participant: &Participant) -> String {
    let mut label = format!("{} ({})", participant.name, participant.agency);
    if participant.attendance != Attendance::Attended {
        label.push_str(", not present");
    }
    label
}

/// The text a table shows for a field's value: labels for choices, names for owners.
pub fn display_value(field: &FieldSpec, raw: &str, participants: &[Participant]) -> String {
    match &field.kind {
        FieldKind::Choice(options) => options
            .iter()
            .find(|(value, _)| value == raw)
            .map(|(_, label)| label.to_string())
            .unwrap_or_else(|| raw.to_string()),
        FieldKind::YesNo => if raw == "true" { "Yes" } else { "No" }.to_string(),
        FieldKind::Owner if raw.is_empty() => "No one yet".to_string(),
        FieldKind::Owner => participants
            .iter()
            .find(|p| p.id == raw)
            .map(participant_label)
            .unwrap_or_else(|| format!("{raw}: no longer a participant")),
        _ => raw.to_string(),
    }
}

/// Props of a rendered set of fields.
#[derive(Properties, PartialEq)]
pub struct FieldsProps {
    /// Names the form in element ids (`risk`, `child-voice`).
    pub form: AttrValue,
    pub fields: Rc<Vec<FieldSpec>>,
    pub draft: Rc<Map<String, Value>>,
    pub participants: Vec<Participant>,
    /// Errors by field key.
    #[prop_or_default]
    pub errors: Vec<(String, String)>,
    pub onchange: Callback<(usize, String)>,
    #[prop_or_default]
    pub disabled: bool,
}

/// The controls for a list of fields.
#[function_component(Fields)]
pub fn fields(props: &FieldsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let controls = props.fields.iter().enumerate().map(|(index, field)| {
        let id: AttrValue = context.id(&field.control_name(&props.form)).into();
        let value: AttrValue = get_text(&props.draft, field.key).into();
        let error = props
            .errors
            .iter()
            .find(|(key, _)| key == field.key)
            .map(|(_, message)| AttrValue::from(message.clone()));
        let hint = field.hint.map(AttrValue::Static);
        let onchange = props.onchange.reform(move |text: String| (index, text));
        let label = AttrValue::Static(field.label);
        let select = |choices: Vec<Choice>, placeholder: &'static str| {
            html! {
                <SelectField id={id.clone()} label={label.clone()} {choices} value={value.clone()}
                    error={error.clone()} hint={hint.clone()} {placeholder} onchange={onchange.clone()} />
            }
        };
        match &field.kind {
            FieldKind::Text => html! {
                <TextField {id} {label} {value} {error} {hint} oninput={onchange} />
            },
            FieldKind::Date => html! {
                <TextField {id} {label} {value} {error} {hint} input_type="date" oninput={onchange} />
            },
            FieldKind::TextArea => html! {
                <TextArea {id} {label} {value} {error} {hint} oninput={onchange} rows={3} />
            },
            FieldKind::Choice(options) => select(
                options.iter().map(|(value, label)| Choice::new(value.clone(), *label)).collect(),
                "Select one",
            ),
            FieldKind::YesNo => select(
                vec![Choice::new("false", "No"), Choice::new("true", "Yes")],
                "Select one",
            ),
            FieldKind::Agency => {
                let mut agencies: Vec<Choice> = context
                    .config
                    .agencies
                    .iter()
                    .map(|agency| Choice::new(agency.clone(), agency.clone()))
                    .collect();
                let current = get_text(&props.draft, field.key);
                if !current.is_empty() && !context.config.agencies.contains(&current) {
                    agencies.push(Choice::new(current.clone(), current));
                }
                select(agencies, "Select an agency")
            }
            FieldKind::Owner => {
                let mut people: Vec<Choice> = props
                    .participants
                    .iter()
                    .map(|p| Choice::new(p.id.clone(), participant_label(p)))
                    .collect();
                let current = get_text(&props.draft, field.key);
                if !current.is_empty() && !props.participants.iter().any(|p| p.id == current) {
                    // Flag an owner who has left the list rather than silently dropping them.
                    people.push(Choice::new(current.clone(), format!("{current}: no longer a participant")));
                }
                select(people, "Select a participant")
            }
        }
    });
    html! { <>{ for controls }</> }
}
