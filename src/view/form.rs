//! The form model. A form is a list of typed [`Field`]s over a value of the record's own type
//! (a risk, the child's voice, a participant): each field says how its control is drawn and
//! how to read and write its value on the typed item. One renderer draws every form's
//! controls ([`Fields`]); a list form's draft is a [`Draft`]; what stops a form being saved
//! is a [`FormError`], read from the core's findings by their paths, never from text.

use super::context::{use_value, use_value_with, State, WidgetContext};
use super::error_summary::SummaryItem;
use super::fields::{
    checkbox_group, radio_group, select_field, CheckboxGroupProps, Choice, RadioGroupProps,
    SelectFieldProps, TextField,
};
use super::focus::{use_focus, FocusTarget};
use crate::bidi::isolate;
use crate::meeting::{limits, Command, Finding};
use crate::record::{
    unit_name, Attendance, ClockTime, DecisionRecord, IsoDate, JsonPath, Labelled, Participant,
    Restriction, Restrictions, Shared, Step,
};
use std::rc::Rc;
use yew::prelude::*;

/// How a field's control is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// One line of text.
    Text,
    /// Several lines of text.
    TextArea,
    /// A calendar date.
    Date,
    /// A time of day.
    Time,
    /// One value of an enumeration, from a drop-down list.
    Choice(Vec<Choice>),
    /// One value of an enumeration, as radio buttons (in a row when `inline`).
    Radios { choices: Vec<Choice>, inline: bool },
    /// Yes or no.
    YesNo,
    /// A participant, by id: owners are picked, never typed.
    Owner,
    /// The chair: a participant who attended.
    Chair,
    /// One of the host's configured agencies.
    Agency,
    /// A safety scale's score, 0 to 10.
    Score,
    /// Who may receive the item: a checkbox per restriction.
    Restrictions,
    /// Any number of values of an enumeration, a checkbox each.
    Checkboxes(Vec<Choice>),
}

impl Control {
    /// The choices of an enumeration, as a drop-down list.
    pub fn choice<E: Labelled>() -> Self {
        Control::Choice(choices::<E>())
    }

    /// The values of an enumeration, as checkboxes.
    pub fn checkboxes<E: Labelled>() -> Self {
        Control::Checkboxes(choices::<E>())
    }

    /// The choices of an enumeration, as radio buttons.
    pub fn radios<E: Labelled>(inline: bool) -> Self {
        Control::Radios {
            choices: choices::<E>(),
            inline,
        }
    }

    /// True for a drop-down list, which shows "Select …" until a choice is made, and the
    /// score, which shows none chosen.
    fn is_select(&self) -> bool {
        matches!(
            self,
            Control::Choice(_)
                | Control::YesNo
                | Control::Owner
                | Control::Chair
                | Control::Agency
                | Control::Score
        )
    }
}

/// An enumeration's values as choices: wire value and label.
fn choices<E: Labelled>() -> Vec<Choice> {
    E::all()
        .iter()
        .map(|value| Choice::new(unit_name(value), value.label()))
        .collect()
}

/// A value a control edits, as the control's text.
pub trait FieldValue: Sized {
    /// The text the control shows.
    fn to_text(&self) -> String;
    /// The value a control's text stands for; `None` when the text stands for no value of
    /// this type (a required choice set back to "Select one").
    fn from_text(text: &str) -> Option<Self>;
}

impl FieldValue for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
}

/// An optional id or text: empty is none.
impl FieldValue for Option<String> {
    fn to_text(&self) -> String {
        self.clone().unwrap_or_default()
    }
    fn from_text(text: &str) -> Option<Self> {
        Some((!text.is_empty()).then(|| text.to_string()))
    }
}

impl FieldValue for bool {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

impl FieldValue for u8 {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Dates and times as the browser's date and time inputs give them; anything else (an
/// emptied input) is no value.
macro_rules! parsed_field_value {
    ($($type:ty),+) => {
        $(impl FieldValue for Option<$type> {
            fn to_text(&self) -> String {
                self.map(|value| value.to_string()).unwrap_or_default()
            }
            fn from_text(text: &str) -> Option<Self> {
                Some(text.parse().ok())
            }
        })+
    };
}
parsed_field_value!(IsoDate, ClockTime);

/// Restrictions as their wire names, one after another with a space between (empty for
/// none). An item without a label shows as what it means: not for the family.
impl FieldValue for Option<Restrictions> {
    fn to_text(&self) -> String {
        let restrictions = self.clone().unwrap_or_else(Restrictions::unlabelled);
        let codes: Vec<&str> = restrictions.iter().map(|code| unit_name(&code)).collect();
        codes.join(" ")
    }
    fn from_text(text: &str) -> Option<Self> {
        let chosen: Vec<Restriction> = text
            .split_whitespace()
            .filter_map(|code| {
                Restriction::ALL
                    .iter()
                    .copied()
                    .find(|restriction| unit_name(restriction) == code)
            })
            .collect();
        Some(Some(Restrictions::of(&chosen)))
    }
}

/// Any number of values of an enumeration: their wire names, one after another with a space
/// between, in the enumeration's order.
impl<E: Labelled> FieldValue for Vec<E> {
    fn to_text(&self) -> String {
        let codes: Vec<&str> = E::all()
            .iter()
            .filter(|value| self.contains(value))
            .map(unit_name)
            .collect();
        codes.join(" ")
    }
    fn from_text(text: &str) -> Option<Self> {
        let chosen: Vec<&str> = text.split_whitespace().collect();
        Some(
            E::all()
                .iter()
                .copied()
                .filter(|value| chosen.contains(&unit_name(value)))
                .collect(),
        )
    }
}

/// Enumerations by their wire names; an optional one is none when nothing is chosen.
macro_rules! labelled_field_value {
    ($($type:ty),+) => {
        $(impl FieldValue for $type {
            fn to_text(&self) -> String {
                unit_name(self).to_string()
            }
            fn from_text(text: &str) -> Option<Self> {
                <$type>::ALL.iter().copied().find(|value| unit_name(value) == text)
            }
        }
        impl FieldValue for Option<$type> {
            fn to_text(&self) -> String {
                self.as_ref().map(unit_name).unwrap_or_default().to_string()
            }
            fn from_text(text: &str) -> Option<Self> {
                Some(<$type>::from_text(text))
            }
        })+
    };
}
labelled_field_value!(
    crate::record::MeetingType,
    crate::record::MeetingMode,
    Attendance,
    crate::record::Tristate,
    crate::record::SubjectRole,
    crate::record::Mobility,
    crate::record::InformationKind,
    crate::record::SharingBasis,
    crate::record::Sensitivity,
    crate::record::DecisionType,
    crate::record::S47Outcome,
    crate::record::ActionStatus,
    crate::record::NotDoneReason,
    crate::record::EscalationStage,
    crate::record::RecipientKind,
    crate::record::ThresholdAnswer,
    crate::record::ThresholdRoute,
    crate::record::MedicalAuthority,
    crate::record::FollowUpKind,
    crate::record::Article6Basis,
    crate::record::SpecialCategoryCondition
);

/// How to read and write one value on a typed item, as its control's text
/// ([`FieldValue`]): plain functions, so that a form's fields are data, made without
/// allocating.
pub struct Lens<T> {
    pub read: fn(&T) -> String,
    /// Sets the value from a control's text; text that stands for no value of the type
    /// leaves it as it is.
    pub write: fn(&mut T, &str),
}

/// The [`Lens`] of a member of the item: `lens!(description)`.
macro_rules! lens {
    ($($member:ident).+) => {
        $crate::view::form::Lens {
            read: |item| $crate::view::form::FieldValue::to_text(&item.$($member).+),
            write: |item, text| {
                if let Some(value) = $crate::view::form::FieldValue::from_text(text) {
                    item.$($member).+ = value;
                }
            },
        }
    };
}
pub(crate) use lens;

/// How one field of a form looks and behaves, whatever the type it edits: what the form
/// components need, compiled once.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    /// The JSON key of the value in the item (`ownerId`): a finding on the item names the
    /// field by it. A dot reaches into a nested object (`history.notes`).
    pub key: &'static str,
    /// The control's name within its form, for its element id (the key, by default).
    pub name: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub control: Control,
    /// For a choice that must be made in a new item's form (it has no value to assume):
    /// what to say until it is.
    pub must_choose: Option<&'static str>,
    /// The control's text in a new item's form, when it is not the type's default (a
    /// section's default restrictions).
    pub initial: Option<String>,
    /// A field kept from an earlier version of the record: drawn only where an item holds a
    /// value, so that it can be read and cleared, never newly set.
    pub earlier_only: bool,
    /// A text area in which Enter saves the form, as in a one-line field, and Shift + Enter
    /// starts a new line: for a list whose item is one statement.
    pub enter_adds: bool,
}

impl FieldSpec {
    /// The element id suffix of the control within the form `form`.
    pub fn control_name(&self, form: &str) -> String {
        format!("{form}-{}", self.name.replace('.', "-"))
    }

    /// True for a control that shows no choice in a new item's form until one is made: a
    /// drop-down list ("Select …"), the score, and radios the record needs chosen.
    fn starts_unchosen(&self) -> bool {
        self.control.is_select()
            || matches!(self.control, Control::Radios { .. }) && self.must_choose.is_some()
    }
}

/// One field of a form over items of type `T`: its [`FieldSpec`], and how its value is
/// read from and written to the typed item.
pub struct Field<T> {
    pub spec: FieldSpec,
    lens: Lens<T>,
}

impl<T> std::ops::Deref for Field<T> {
    type Target = FieldSpec;

    fn deref(&self) -> &FieldSpec {
        &self.spec
    }
}

// The builders are `#[inline(never)]`: each form's fields are built in one function, and
// the compiler would otherwise write a builder out again at every field it builds (3.8 KiB
// of the meeting's page with `Finding`'s; docs/performance.md, "Size").
impl<T: 'static> Field<T> {
    /// A field editing the value `lens` reaches.
    #[inline(never)]
    pub fn new(key: &'static str, label: &'static str, control: Control, lens: Lens<T>) -> Self {
        Field {
            spec: FieldSpec {
                key,
                name: key,
                label,
                hint: None,
                control,
                must_choose: None,
                initial: None,
                earlier_only: false,
                enter_adds: false,
            },
            lens,
        }
    }

    #[inline(never)]
    pub fn hint(mut self, hint: &'static str) -> Self {
        self.spec.hint = Some(hint);
        self
    }

    /// Names the control in element ids differently from its key.
    #[inline(never)]
    pub fn named(mut self, name: &'static str) -> Self {
        self.spec.name = name;
        self
    }

    /// The value a new item's form starts with.
    #[inline(never)]
    pub fn initially<V: FieldValue>(mut self, value: V) -> Self {
        self.spec.initial = Some(value.to_text());
        self
    }

    /// A field kept from an earlier version of the record ([`FieldSpec::earlier_only`]).
    #[inline(never)]
    pub fn earlier_only(mut self) -> Self {
        self.spec.earlier_only = true;
        self
    }

    /// Enter in its text area saves the form ([`FieldSpec::enter_adds`]).
    #[inline(never)]
    pub fn enter_adds(mut self) -> Self {
        self.spec.enter_adds = true;
        self
    }

    /// A choice a new item's form must make: `message` until it is.
    #[inline(never)]
    pub fn must_choose(mut self, message: &'static str) -> Self {
        self.spec.must_choose = Some(message);
        self
    }

    /// The field's value on `item`, as its control's text.
    pub fn text(&self, item: &T) -> String {
        (self.lens.read)(item)
    }

    /// Sets the field's value on `item` from its control's text.
    pub fn set(&self, item: &mut T, text: &str) {
        (self.lens.write)(item, text)
    }
}

/// The specs of a form's fields.
pub fn specs<T>(fields: &[Field<T>]) -> Vec<FieldSpec> {
    fields.iter().map(|field| field.spec.clone()).collect()
}

/// What a form shows for an existing item: each field's text.
pub fn texts_of<T: 'static>(fields: &[Field<T>], item: &T) -> Vec<String> {
    fields.iter().map(|field| field.text(item)).collect()
}

/// What a form shows for a new item: each field's initial value, and every drop-down whose
/// type has a value it would otherwise assume showing "Select …" (it keeps that value until
/// a choice is made).
pub fn new_texts<T: Default + 'static>(fields: &[Field<T>]) -> Vec<String> {
    let mut value = T::default();
    for field in fields {
        if let Some(initial) = &field.initial {
            field.set(&mut value, initial);
        }
    }
    fields
        .iter()
        .map(|field| {
            if field.starts_unchosen() && field.initial.is_none() {
                String::new()
            } else {
                field.text(&value)
            }
        })
        .collect()
}

/// `base` with every field set from its text (a drop-down left at "Select …" keeps the
/// value `base` has).
pub fn build<T: 'static>(fields: &[Field<T>], mut base: T, texts: &[String]) -> T {
    for (field, text) in fields.iter().zip(texts) {
        field.set(&mut base, text);
    }
    base
}

/// The choices a new item's form must make and were not made.
pub fn missing(fields: &[FieldSpec], texts: &[String]) -> Vec<FormError> {
    fields
        .iter()
        .zip(texts)
        .filter(|(_, text)| text.is_empty())
        .filter_map(|(field, _)| {
            field.must_choose.map(|message| FormError::Missing {
                field: field.key,
                message,
            })
        })
        .collect()
}

/// `errors` in the order of the form's fields (`keys`, for a form editing the value at
/// `at`): those about no field first, then each field's, each in the order they came. One
/// list per field: a sort would be code of its own in the module for these few.
fn in_form_order(errors: Vec<FormError>, keys: &[&str], at: &JsonPath) -> Vec<FormError> {
    let mut by_field: Vec<Vec<FormError>> = (0..=keys.len()).map(|_| Vec::new()).collect();
    for error in errors {
        let place = keys
            .iter()
            .position(|key| error.is_about(at, key))
            .map_or(0, |index| index + 1);
        by_field[place].push(error);
    }
    by_field.into_iter().flatten().collect()
}

/// What stops a form being saved.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// A choice the record needs was not made.
    Missing {
        field: &'static str,
        message: &'static str,
    },
    /// The core refused a value: at this path in the record (a field of the item, or the
    /// item as a whole), and why.
    Invalid { path: JsonPath, message: String },
}

impl FormError {
    /// The core's finding as a form's error.
    pub fn from_finding(finding: &Finding) -> Self {
        FormError::Invalid {
            path: finding.path.clone(),
            message: finding.message.clone(),
        }
    }

    /// The key of the field the error is about, for a form editing the value at `at`
    /// (an item's or a section's path); `None` for the value as a whole.
    pub fn field<'a>(&'a self, at: &JsonPath) -> Option<&'a str> {
        match self {
            FormError::Missing { field, .. } => Some(field),
            FormError::Invalid { path, .. } => path.member_of(at),
        }
    }

    /// True when the error is about the field `key` of the value at `at`: its member, or
    /// for a nested key (`history.notes`) the member it reaches.
    pub fn is_about(&self, at: &JsonPath, key: &str) -> bool {
        match self {
            FormError::Missing { field, .. } => *field == key,
            FormError::Invalid { path, .. } => path.after(at).is_some_and(|steps| {
                let parts: Vec<&str> = key.split('.').collect();
                steps.len() >= parts.len()
                    && parts
                        .iter()
                        .zip(steps)
                        .all(|(part, step)| matches!(step, Step::Key(found) if found == part))
            }),
        }
    }

    pub fn message(&self) -> &str {
        match self {
            FormError::Missing { message, .. } => message,
            FormError::Invalid { message, .. } => message,
        }
    }
}

/// The label shown for a participant in pickers and tables. Like every text of the record
/// the views show, the name and the agency are each isolated ([`isolate`]): a
/// bidirectional control in either cannot reorder the label.
pub fn participant_label(participant: &Participant) -> String {
    let mut label = format!(
        "{} ({})",
        isolate(&participant.name),
        isolate(&participant.agency)
    );
    if participant.attendance != Attendance::Attended {
        label.push_str(", not present");
    }
    label
}

/// The text a table shows for a field's value: labels for choices, names for owners, dates
/// and times in the host's locale ([`dates`](super::dates)), and the record's text isolated
/// ([`isolate`]), as every view shows it.
pub fn display_value(field: &FieldSpec, raw: &str, participants: &[Participant]) -> String {
    match &field.control {
        Control::Date => match raw.parse::<IsoDate>() {
            Ok(date) => super::dates::date(date),
            Err(_) => isolate(raw).into_owned(),
        },
        Control::Time => match raw.parse::<ClockTime>() {
            Ok(time) => super::dates::time(time),
            Err(_) => isolate(raw).into_owned(),
        },
        Control::Choice(options)
        | Control::Radios {
            choices: options, ..
        } => options
            .iter()
            .find(|choice| choice.value == raw)
            .map(|choice| choice.label.to_string())
            .unwrap_or_else(|| isolate(raw).into_owned()),
        Control::YesNo => if raw == "true" { "Yes" } else { "No" }.to_string(),
        Control::Restrictions => Option::<Restrictions>::from_text(raw)
            .flatten()
            .unwrap_or_default()
            .words(),
        Control::Checkboxes(options) => {
            let chosen: Vec<&str> = raw.split_whitespace().collect();
            let labels: Vec<String> = options
                .iter()
                .filter(|choice| chosen.contains(&&*choice.value))
                .map(|choice| choice.label.to_string())
                .collect();
            labels.join(", ")
        }
        Control::Owner | Control::Chair if raw.is_empty() => "No one yet".to_string(),
        Control::Owner | Control::Chair => participants
            .iter()
            .find(|p| p.id == raw)
            .map(participant_label)
            .unwrap_or_else(|| format!("{}: no longer a participant", isolate(raw))),
        _ => isolate(raw).into_owned(),
    }
}

/// One field as a form draws it now: the field's look, its value and its error.
#[derive(Clone, PartialEq)]
pub struct FieldView {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: Option<AttrValue>,
    pub control: Control,
    pub value: String,
    pub error: Option<String>,
    /// The most characters a text control takes: the core's limit for the field's key.
    pub maxlength: usize,
    /// Not drawn while empty ([`FieldSpec::earlier_only`]).
    pub earlier_only: bool,
    /// Enter saves the form ([`FieldSpec::enter_adds`]).
    pub enter_adds: bool,
    /// Not drawn: the form's own choice says the field does not apply (a follow-up's kind).
    pub hidden: bool,
}

impl FieldView {
    /// The field with its control's text and its error among `errors` (for the value at
    /// `at`).
    pub fn of(field: &FieldSpec, value: String, errors: &[FormError], at: &JsonPath) -> Self {
        FieldView {
            name: field.name,
            label: field.label,
            hint: field.hint.map(AttrValue::Static),
            control: field.control.clone(),
            value,
            error: errors
                .iter()
                .find(|error| error.is_about(at, field.key))
                .map(|error| error.message().to_string()),
            maxlength: limits::chars_allowed(field.key),
            earlier_only: field.earlier_only,
            enter_adds: field.enter_adds,
            hidden: false,
        }
    }

    /// Each field with its text.
    pub fn all(
        fields: &[FieldSpec],
        texts: &[String],
        errors: &[FormError],
        at: &JsonPath,
    ) -> Vec<FieldView> {
        fields
            .iter()
            .zip(texts)
            .map(|(field, text)| FieldView::of(field, text.clone(), errors, at))
            .collect()
    }
}

/// Props of a rendered set of fields.
#[derive(Properties, PartialEq)]
pub struct FieldsProps {
    /// Names the form in element ids (`risk`, `voice`).
    pub form: AttrValue,
    pub fields: Vec<FieldView>,
    /// For owner and chair pickers.
    pub participants: Shared<Vec<Participant>>,
    /// A field changed: its index in `fields`, and its control's text.
    pub onchange: Callback<(usize, String)>,
}

/// The controls of a form.
#[function_component(Fields)]
pub fn fields(props: &FieldsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let controls = props.fields.iter().enumerate().map(|(index, field)| {
        if field.hidden || field.earlier_only && field.value.is_empty() {
            return Html::default();
        }
        let id: AttrValue = context
            .id(&format!("{}-{}", props.form, field.name.replace('.', "-")))
            .into();
        let value: AttrValue = field.value.clone().into();
        let error = field.error.clone().map(AttrValue::from);
        let hint = field.hint.clone();
        let onchange = props.onchange.reform(move |text: String| (index, text));
        let label = AttrValue::Static(field.label);
        let select = |choices: Vec<Choice>, placeholder: &'static str, hint: Option<AttrValue>| {
            select_field(SelectFieldProps {
                id: id.clone(),
                label: label.clone(),
                choices,
                value: value.clone(),
                placeholder: placeholder.into(),
                onchange: onchange.clone(),
                hint,
                error: error.clone(),
            })
        };
        // The ticked codes, a space between.
        let checkboxes = |choices: Vec<Choice>| {
            checkbox_group(CheckboxGroupProps {
                id: id.clone(),
                legend: label.clone(),
                choices,
                checked: field.value.split_whitespace().map(str::to_string).collect(),
                onchange: onchange.reform(|codes: Vec<String>| codes.join(" ")),
                hint: hint.clone(),
                error: error.clone(),
            })
        };
        // A value that is no longer offered (an agency the host has dropped, a participant
        // removed) is still shown, flagged, rather than silently dropped.
        let keep_current = |mut choices: Vec<Choice>, flagged: String| {
            if !field.value.is_empty() && !choices.iter().any(|choice| choice.value == field.value) {
                choices.push(Choice::new(field.value.clone(), flagged));
            }
            choices
        };
        let maxlength = field.maxlength;
        match &field.control {
            Control::Text => html! {
                <TextField {id} {label} {value} {error} {hint} maxlength={Some(maxlength)} oninput={onchange} />
            },
            Control::Date => html! {
                <TextField {id} {label} {value} {error} {hint} input_type="date" oninput={onchange} />
            },
            Control::Time => html! {
                <TextField {id} {label} {value} {error} {hint} input_type="time" oninput={onchange} />
            },
            Control::TextArea => html! {
                <TextField {id} {label} {value} {error} {hint} maxlength={Some(maxlength)} oninput={onchange}
                    rows={Some(3)} enter_adds={field.enter_adds} />
            },
            Control::Choice(choices) => select(choices.clone(), "Select one", hint.clone()),
            Control::Radios { choices, inline } => radio_group(RadioGroupProps {
                id,
                legend: label,
                choices: choices.clone(),
                value,
                onchange,
                hint,
                error,
                inline: *inline,
                scale: false,
            }),
            Control::YesNo => select(
                vec![Choice::new("false", "No"), Choice::new("true", "Yes")],
                "Select one",
                hint.clone(),
            ),
            Control::Restrictions => checkboxes(
                Restriction::ALL
                    .iter()
                    .map(|restriction| Choice::new(unit_name(restriction), restriction.label()))
                    .collect(),
            ),
            Control::Checkboxes(choices) => checkboxes(choices.clone()),
            // The scale as the room draws it: 0 to 10 in a row, one choice.
            Control::Score => radio_group(RadioGroupProps {
                id,
                legend: label,
                choices: (0..=10u8)
                    .map(|n| Choice::new(n.to_string(), n.to_string()))
                    .collect(),
                value,
                onchange,
                hint,
                error,
                inline: true,
                scale: true,
            }),
            Control::Agency => {
                let agencies = context
                    .config
                    .agencies
                    .iter()
                    .map(|agency| Choice::new(agency.clone(), isolate(agency).into_owned()))
                    .collect();
                let flagged = isolate(&field.value).into_owned();
                select(keep_current(agencies, flagged), "Select an agency", hint.clone())
            }
            Control::Owner => {
                let people = props
                    .participants
                    .iter()
                    .map(|p| Choice::new(p.id.clone(), participant_label(p)))
                    .collect();
                let flagged = format!("{}: no longer a participant", isolate(&field.value));
                select(keep_current(people, flagged), "Select a participant", hint.clone())
            }
            Control::Chair => {
                let people: Vec<Choice> = props
                    .participants
                    .iter()
                    .filter(|p| p.attendance == Attendance::Attended || p.id == field.value)
                    .map(|p| {
                        let label = format!("{} ({}, {})", isolate(&p.name), isolate(&p.role), isolate(&p.agency));
                        Choice::new(p.id.clone(), label)
                    })
                    .collect();
                let hint = if people.is_empty() {
                    "Add the chair to the participants above first, as attending."
                } else {
                    "Only participants recorded as attending are listed."
                };
                select(people, "Select the chair", Some(AttrValue::Static(hint)))
            }
        }
    });
    html! { <>{ for controls }</> }
}

/// Warnings a save raised, and the texts they were raised about.
pub type Warned = (Rc<Vec<String>>, Vec<FormError>);

/// A list form's state: the text of each field, which item is being changed, what stopped
/// the last save, and where focus goes next. One hook for every form that adds and changes
/// items, whatever their type: the typed item is built from the texts when it is saved.
#[derive(Clone)]
pub struct ItemForm {
    pub texts: State<Rc<Vec<String>>>,
    /// The index and id of the item being changed; `None` while adding.
    pub editing: State<Option<(usize, String)>>,
    pub errors: State<Vec<FormError>>,
    /// The form's error summary, focused when a save fails.
    pub summary: NodeRef,
    /// What the last save was asked to check (an action due before the meeting), and the
    /// texts it was asked about: saving those texts again saves them as they are.
    pub warned: State<Option<Warned>>,
    /// The summary of those warnings, focused when they are raised.
    pub warning_summary: NodeRef,
    pub focus: Callback<FocusTarget>,
}

/// The state of a form that starts with the texts `initial` makes; `container` is an
/// element of the form's component (focus finds ids from it). `initial` is a trait object
/// so that the hook is compiled once, not once per form.
#[hook]
pub fn use_item_form(initial: &dyn Fn() -> Vec<String>, container: NodeRef) -> ItemForm {
    let texts = use_value_with(|| Rc::new(initial()));
    let editing = use_value(None);
    let errors = use_value(Vec::new());
    let summary = use_node_ref();
    let warned = use_value(None);
    let warning_summary = use_node_ref();
    let focus = use_focus(container);
    ItemForm {
        texts,
        editing,
        errors,
        summary,
        warned,
        warning_summary,
        focus,
    }
}

impl ItemForm {
    /// Sets one field's text.
    pub fn set(&self, index: usize, text: String) {
        let mut texts = (**self.texts).clone();
        if let Some(slot) = texts.get_mut(index) {
            *slot = text;
        }
        self.texts.set(Rc::new(texts));
    }

    /// Replaces every text of the form (a change and what follows from it).
    pub fn set_texts(&self, texts: Vec<String>) {
        self.texts.set(Rc::new(texts));
    }

    /// Starts changing an existing item, with focus on the control `focus_id`.
    pub fn edit(&self, index: usize, id: String, texts: Vec<String>, focus_id: String) {
        self.texts.set(Rc::new(texts));
        self.editing.set(Some((index, id)));
        self.errors.set(Vec::new());
        self.warned.set(None);
        self.focus.emit(FocusTarget::Id(focus_id));
    }

    /// Empties the form for a new item, whose fields show `texts`.
    pub fn clear(&self, texts: Vec<String>) {
        self.editing.set(None);
        self.errors.set(Vec::new());
        self.warned.set(None);
        self.texts.set(Rc::new(texts));
    }

    /// Checks a save against the `warnings` the core raises about it as it is entered (an
    /// action due before the meeting): the first time, shows them and returns true, so
    /// nothing is sent; saved again with the same `texts`, it goes as it is.
    pub fn asks_first(&self, texts: &Rc<Vec<String>>, warnings: Vec<FormError>) -> bool {
        if warnings.is_empty() {
            return false;
        }
        let same = self
            .warned
            .as_ref()
            .is_some_and(|(warned, _)| warned == texts);
        if same {
            return false;
        }
        self.errors.set(Vec::new());
        self.warned.set(Some((texts.clone(), warnings)));
        self.focus
            .emit(FocusTarget::Node(self.warning_summary.clone()));
        true
    }

    /// The warnings' summary items, linked to their fields as [`ItemForm::summary_items`]
    /// links errors.
    pub fn warning_items(
        &self,
        fields: &[FieldSpec],
        at: &JsonPath,
        id: impl Fn(&FieldSpec) -> String,
    ) -> Vec<SummaryItem> {
        let Some((_, warnings)) = &*self.warned else {
            return Vec::new();
        };
        summary_of(warnings, fields, at, id)
    }

    /// Checks a save of `texts` before it is sent: a choice the form has not made, the
    /// form's `own` rules, and what the core says stops `command` (on the session's record
    /// as it is now). When anything does, shows it and returns true: nothing is sent.
    pub fn refuses(
        &self,
        texts: &[String],
        command: &Command,
        record: &DecisionRecord,
        own: Vec<FormError>,
        fields: &[FieldSpec],
        at: &JsonPath,
    ) -> bool {
        let mut errors = missing(fields, texts);
        errors.extend(own);
        errors.extend(command.problems(record).iter().map(FormError::from_finding));
        let refused = !errors.is_empty();
        if refused {
            self.refuse(errors, fields, at);
        }
        refused
    }

    /// Shows what stopped the save, in the order of the form, and moves focus to the
    /// summary.
    pub fn refuse(&self, errors: Vec<FormError>, fields: &[FieldSpec], at: &JsonPath) {
        self.warned.set(None);
        let keys: Vec<&str> = fields.iter().map(|field| field.key).collect();
        self.errors.set(in_form_order(errors, &keys, at));
        self.focus.emit(FocusTarget::Node(self.summary.clone()));
    }

    /// Each field as the form draws it now, with `extra` errors (the record's findings on
    /// the item being changed) where the form has none of its own.
    pub fn views(
        &self,
        fields: &[FieldSpec],
        at: &JsonPath,
        extra: &[FormError],
    ) -> Vec<FieldView> {
        let mut errors = (*self.errors).clone();
        for error in extra {
            if !errors.iter().any(|own| own.field(at) == error.field(at)) {
                errors.push(error.clone());
            }
        }
        FieldView::all(fields, &self.texts, &errors, at)
    }

    /// The error summary's items: each error linked to its field's control (or the first
    /// field's, for an error on the whole item).
    pub fn summary_items(
        &self,
        fields: &[FieldSpec],
        at: &JsonPath,
        id: impl Fn(&FieldSpec) -> String,
    ) -> Vec<SummaryItem> {
        summary_of(&self.errors, fields, at, id)
    }
}

/// Each error (or warning) linked to its field's control, or the first field's for one on
/// the whole item.
fn summary_of(
    errors: &[FormError],
    fields: &[FieldSpec],
    at: &JsonPath,
    id: impl Fn(&FieldSpec) -> String,
) -> Vec<SummaryItem> {
    errors
        .iter()
        .map(|error| {
            let field = fields
                .iter()
                .find(|field| error.is_about(at, field.key))
                .or(fields.first());
            SummaryItem {
                target_id: field.map(&id).unwrap_or_default().into(),
                message: error.message().to_string().into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_listed_in_the_order_of_the_form() {
        let missing = |field, message| FormError::Missing { field, message };
        let at = JsonPath::keys(&["actions"]).index(2);
        let invalid = |key: &str, message: &str| FormError::Invalid {
            path: at.clone().key(key.to_string()),
            message: message.to_string(),
        };
        let errors = vec![
            missing("due", "first about the due date"),
            invalid("task", "about the task"),
            missing("elsewhere", "about no field of the form"),
            missing("due", "second about the due date"),
            FormError::Invalid {
                path: at.clone(),
                message: "about the whole action".into(),
            },
            invalid("ownerId", "about the owner"),
        ];
        let ordered = in_form_order(errors, &["task", "ownerId", "due"], &at);
        let messages: Vec<&str> = ordered.iter().map(FormError::message).collect();
        assert_eq!(
            messages,
            [
                "about no field of the form",
                "about the whole action",
                "about the task",
                "about the owner",
                "first about the due date",
                "second about the due date",
            ]
        );
    }
}
