//! The form model. A form is a list of typed [`Field`]s over a value of the record's own type
//! (a risk, the child's voice, a participant): each field says how its control is drawn and
//! how to read and write its value on the typed item. One renderer draws every form's
//! controls ([`Fields`]); a list form's draft is a [`Draft`]; what stops a form being saved
//! is a [`FormError`], read from the core's findings by their paths, never from text.

use super::context::WidgetContext;
use super::error_summary::SummaryItem;
use super::fields::{Choice, RadioGroup, SelectField, TextArea, TextField};
use super::focus::{use_focus, FocusTarget};
use crate::meeting::{limits, Command, Finding};
use crate::record::{
    wire_name, Attendance, ClockTime, DecisionRecord, IsoDate, JsonPath, Labelled, Participant,
    Step,
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
}

impl Control {
    /// The choices of an enumeration, as a drop-down list.
    pub fn choice<E: Labelled>() -> Self {
        Control::Choice(choices::<E>())
    }

    /// The choices of an enumeration, as radio buttons.
    pub fn radios<E: Labelled>(inline: bool) -> Self {
        Control::Radios {
            choices: choices::<E>(),
            inline,
        }
    }

    /// True for a drop-down list, which shows "Select …" until a choice is made.
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
        .map(|value| Choice::new(wire_name(value), value.label()))
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

/// Enumerations by their wire names; an optional one is none when nothing is chosen.
macro_rules! labelled_field_value {
    ($($type:ty),+) => {
        $(impl FieldValue for $type {
            fn to_text(&self) -> String {
                wire_name(self)
            }
            fn from_text(text: &str) -> Option<Self> {
                <$type>::ALL.iter().copied().find(|value| wire_name(value) == text)
            }
        }
        impl FieldValue for Option<$type> {
            fn to_text(&self) -> String {
                self.as_ref().map(wire_name).unwrap_or_default()
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
    crate::record::EscalationStage
);

/// How to read and write one value on a typed item.
pub struct Lens<T, V> {
    pub get: fn(&T) -> V,
    pub set: fn(&mut T, V),
}

/// The [`Lens`] of a member of the item: `lens!(description)`.
macro_rules! lens {
    ($($member:ident).+) => {
        $crate::view::form::Lens {
            get: |item| item.$($member).+.clone(),
            set: |item, value| item.$($member).+ = value,
        }
    };
}
pub(crate) use lens;

/// One field of a form over items of type `T`.
pub struct Field<T> {
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
    read: Rc<dyn Fn(&T) -> String>,
    write: Rc<Writer<T>>,
}

/// Sets a field's value on an item from its control's text.
type Writer<T> = dyn Fn(&mut T, &str);

impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        Field {
            key: self.key,
            name: self.name,
            label: self.label,
            hint: self.hint,
            control: self.control.clone(),
            must_choose: self.must_choose,
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

/// Fields are the same when they look the same: how they read and write follows from the
/// key.
impl<T> PartialEq for Field<T> {
    fn eq(&self, other: &Self) -> bool {
        (
            self.key,
            self.name,
            self.label,
            self.hint,
            &self.control,
            self.must_choose,
        ) == (
            other.key,
            other.name,
            other.label,
            other.hint,
            &other.control,
            other.must_choose,
        )
    }
}

impl<T: 'static> Field<T> {
    /// A field editing the value `lens` reaches.
    pub fn new<V: FieldValue + 'static>(
        key: &'static str,
        label: &'static str,
        control: Control,
        lens: Lens<T, V>,
    ) -> Self {
        let Lens { get, set } = lens;
        Field {
            key,
            name: key,
            label,
            hint: None,
            control,
            must_choose: None,
            read: Rc::new(move |item| get(item).to_text()),
            write: Rc::new(move |item, text| {
                if let Some(value) = V::from_text(text) {
                    set(item, value)
                }
            }),
        }
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Names the control in element ids differently from its key.
    pub fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// A choice a new item's form must make: `message` until it is.
    pub fn must_choose(mut self, message: &'static str) -> Self {
        self.must_choose = Some(message);
        self
    }

    /// The field's value on `item`, as its control's text.
    pub fn text(&self, item: &T) -> String {
        (self.read)(item)
    }

    /// Sets the field's value on `item` from its control's text.
    pub fn set(&self, item: &mut T, text: &str) {
        (self.write)(item, text)
    }

    /// The element id suffix of the control within the form `form`.
    pub fn control_name(&self, form: &str) -> String {
        format!("{form}-{}", self.name.replace('.', "-"))
    }
}

/// What a form holds while a person types: the item as it would be saved, and the
/// drop-downs of a new item still showing "Select …" (they keep the type's default value
/// until a choice is made).
#[derive(Clone, PartialEq)]
pub struct Draft<T> {
    pub value: T,
    unset: Vec<&'static str>,
}

impl<T: Default + 'static> Draft<T> {
    /// A new item's draft: every drop-down shows "Select …".
    pub fn new(fields: &[Field<T>]) -> Self {
        let value = T::default();
        let unset = fields
            .iter()
            .filter(|field| field.control.is_select() && !field.text(&value).is_empty())
            .map(|field| field.key)
            .collect();
        Draft { value, unset }
    }
}

impl<T: 'static> Draft<T> {
    /// The draft of an item that exists: every field shows its value.
    pub fn of(value: T) -> Self {
        Draft {
            value,
            unset: Vec::new(),
        }
    }

    /// The text the field's control shows.
    pub fn text(&self, field: &Field<T>) -> String {
        if self.unset.contains(&field.key) {
            String::new()
        } else {
            field.text(&self.value)
        }
    }

    /// The draft with the field set from its control's text. A drop-down set back to
    /// "Select …" whose type has no empty value keeps its value but shows as unset.
    pub fn with(&self, field: &Field<T>, text: &str) -> Self
    where
        T: Clone,
    {
        let mut next = self.clone();
        field.set(&mut next.value, text);
        next.unset.retain(|key| *key != field.key);
        if text.is_empty() && !field.text(&next.value).is_empty() {
            next.unset.push(field.key);
        }
        next
    }

    /// The choices that must be made and were not.
    pub fn missing(&self, fields: &[Field<T>]) -> Vec<FormError> {
        fields
            .iter()
            .filter(|field| self.unset.contains(&field.key))
            .filter_map(|field| {
                field.must_choose.map(|message| FormError::Missing {
                    field: field.key,
                    message,
                })
            })
            .collect()
    }
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

/// The label shown for a participant in pickers and tables.
pub fn participant_label(participant: &Participant) -> String {
    let mut label = format!("{} ({})", participant.name, participant.agency);
    if participant.attendance != Attendance::Attended {
        label.push_str(", not present");
    }
    label
}

/// The text a table shows for a field's value: labels for choices, names for owners.
pub fn display_value<T>(field: &Field<T>, raw: &str, participants: &[Participant]) -> String {
    match &field.control {
        Control::Choice(options)
        | Control::Radios {
            choices: options, ..
        } => options
            .iter()
            .find(|choice| choice.value == raw)
            .map(|choice| choice.label.to_string())
            .unwrap_or_else(|| raw.to_string()),
        Control::YesNo => if raw == "true" { "Yes" } else { "No" }.to_string(),
        Control::Owner | Control::Chair if raw.is_empty() => "No one yet".to_string(),
        Control::Owner | Control::Chair => participants
            .iter()
            .find(|p| p.id == raw)
            .map(participant_label)
            .unwrap_or_else(|| format!("{raw}: no longer a participant")),
        _ => raw.to_string(),
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
}

impl FieldView {
    /// The field with its control's text and its error among `errors` (for the value at
    /// `at`).
    pub fn of<T: 'static>(
        field: &Field<T>,
        value: String,
        errors: &[FormError],
        at: &JsonPath,
    ) -> Self {
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
        }
    }
}

/// Props of a rendered set of fields.
#[derive(Properties, PartialEq)]
pub struct FieldsProps {
    /// Names the form in element ids (`risk`, `voice`).
    pub form: AttrValue,
    pub fields: Vec<FieldView>,
    /// For owner and chair pickers.
    pub participants: Rc<Vec<Participant>>,
    /// A field changed: its index in `fields`, and its control's text.
    pub onchange: Callback<(usize, String)>,
}

/// The controls of a form.
#[function_component(Fields)]
pub fn fields(props: &FieldsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let controls = props.fields.iter().enumerate().map(|(index, field)| {
        let id: AttrValue = context
            .id(&format!("{}-{}", props.form, field.name.replace('.', "-")))
            .into();
        let value: AttrValue = field.value.clone().into();
        let error = field.error.clone().map(AttrValue::from);
        let hint = field.hint.clone();
        let onchange = props.onchange.reform(move |text: String| (index, text));
        let label = AttrValue::Static(field.label);
        let select = |choices: Vec<Choice>, placeholder: &'static str, hint: Option<AttrValue>| {
            html! {
                <SelectField id={id.clone()} label={label.clone()} {choices} value={value.clone()}
                    error={error.clone()} {hint} {placeholder} onchange={onchange.clone()} />
            }
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
                <TextArea {id} {label} {value} {error} {hint} {maxlength} oninput={onchange} rows={3} />
            },
            Control::Choice(choices) => select(choices.clone(), "Select one", hint.clone()),
            Control::Radios { choices, inline } => html! {
                <RadioGroup {id} legend={label} choices={choices.clone()} {value} {error} {hint}
                    inline={*inline} {onchange} />
            },
            Control::YesNo => select(
                vec![Choice::new("false", "No"), Choice::new("true", "Yes")],
                "Select one",
                hint.clone(),
            ),
            Control::Score => select(
                (0..=10u8).map(|n| Choice::new(n.to_string(), n.to_string())).collect(),
                "Select a score",
                hint.clone(),
            ),
            Control::Agency => {
                let agencies = context
                    .config
                    .agencies
                    .iter()
                    .map(|agency| Choice::new(agency.clone(), agency.clone()))
                    .collect();
                select(keep_current(agencies, field.value.clone()), "Select an agency", hint.clone())
            }
            Control::Owner => {
                let people = props
                    .participants
                    .iter()
                    .map(|p| Choice::new(p.id.clone(), participant_label(p)))
                    .collect();
                let flagged = format!("{}: no longer a participant", field.value);
                select(keep_current(people, flagged), "Select a participant", hint.clone())
            }
            Control::Chair => {
                let people: Vec<Choice> = props
                    .participants
                    .iter()
                    .filter(|p| p.attendance == Attendance::Attended || p.id == field.value)
                    .map(|p| Choice::new(p.id.clone(), format!("{} ({}, {})", p.name, p.role, p.agency)))
                    .collect();
                let hint = if people.is_empty() {
                    "Add the chair to the participants below first, as attending."
                } else {
                    "Only participants recorded as attending are listed."
                };
                select(people, "Select the chair", Some(AttrValue::Static(hint)))
            }
        }
    });
    html! { <>{ for controls }</> }
}

/// A list form's state: the draft, which item is being changed, what stopped the last save,
/// and where focus goes next. One hook for every form that adds and changes items.
pub struct ItemForm<T: 'static> {
    pub draft: UseStateHandle<Rc<Draft<T>>>,
    /// The index and id of the item being changed; `None` while adding.
    pub editing: UseStateHandle<Option<(usize, String)>>,
    pub errors: UseStateHandle<Vec<FormError>>,
    /// The form's error summary, focused when a save fails.
    pub summary: NodeRef,
    pub focus: Callback<FocusTarget>,
}

impl<T: 'static> Clone for ItemForm<T> {
    fn clone(&self) -> Self {
        ItemForm {
            draft: self.draft.clone(),
            editing: self.editing.clone(),
            errors: self.errors.clone(),
            summary: self.summary.clone(),
            focus: self.focus.clone(),
        }
    }
}

/// The state of a form over items of type `T` with these fields; `container` is an
/// element of the form's component (focus finds ids from it).
#[hook]
pub fn use_item_form<T: Default + Clone + 'static>(
    fields: &[Field<T>],
    container: NodeRef,
) -> ItemForm<T> {
    let empty = Draft::new(fields);
    use_item_form_from(move || empty, container)
}

/// Like [`use_item_form`], starting from the draft `initial` makes.
#[hook]
pub fn use_item_form_from<T: Default + Clone + 'static>(
    initial: impl FnOnce() -> Draft<T>,
    container: NodeRef,
) -> ItemForm<T> {
    let draft = use_state(|| Rc::new(initial()));
    let editing = use_state(|| None);
    let errors = use_state(Vec::new);
    let summary = use_node_ref();
    let focus = use_focus(container);
    ItemForm {
        draft,
        editing,
        errors,
        summary,
        focus,
    }
}

impl<T: Default + Clone + 'static> ItemForm<T> {
    /// Sets one field from its control's text.
    pub fn set(&self, field: &Field<T>, text: &str) {
        self.draft.set(Rc::new(self.draft.with(field, text)));
    }

    /// Starts changing an existing item, with focus on the control `focus_id`.
    pub fn edit(&self, index: usize, id: String, value: T, focus_id: String) {
        self.draft.set(Rc::new(Draft::of(value)));
        self.editing.set(Some((index, id)));
        self.errors.set(Vec::new());
        self.focus.emit(FocusTarget::Id(focus_id));
    }

    /// Empties the form for a new item.
    pub fn clear(&self, fields: &[Field<T>]) {
        self.editing.set(None);
        self.errors.set(Vec::new());
        self.draft.set(Rc::new(Draft::new(fields)));
    }

    /// Checks a save before it is sent: a choice the draft has not made, the form's `own`
    /// rules, and what the core says stops `command` (on the session's record as it is
    /// now). When anything does, shows it and returns true: nothing is sent.
    pub fn refuses(
        &self,
        command: &Command,
        record: &DecisionRecord,
        own: Vec<FormError>,
        fields: &[Field<T>],
        at: &JsonPath,
    ) -> bool {
        let mut errors = self.draft.missing(fields);
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
    pub fn refuse(&self, mut errors: Vec<FormError>, fields: &[Field<T>], at: &JsonPath) {
        errors.sort_by_key(|error| {
            fields
                .iter()
                .position(|field| error.is_about(at, field.key))
        });
        self.errors.set(errors);
        self.focus.emit(FocusTarget::Node(self.summary.clone()));
    }

    /// Each field as the form draws it now, with `extra` errors (the record's findings on
    /// the item being changed) where the form has none of its own.
    pub fn views(&self, fields: &[Field<T>], at: &JsonPath, extra: &[FormError]) -> Vec<FieldView> {
        let mut errors = (*self.errors).clone();
        for error in extra {
            if !errors.iter().any(|own| own.field(at) == error.field(at)) {
                errors.push(error.clone());
            }
        }
        fields
            .iter()
            .map(|field| FieldView::of(field, self.draft.text(field), &errors, at))
            .collect()
    }

    /// The error summary's items: each error linked to its field's control (or the first
    /// field's, for an error on the whole item).
    pub fn summary_items(
        &self,
        fields: &[Field<T>],
        at: &JsonPath,
        id: impl Fn(&Field<T>) -> String,
    ) -> Vec<SummaryItem> {
        self.errors
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
}
