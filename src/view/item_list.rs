//! One list of the record (risks, actions, decisions, …) as a table with change and remove
//! buttons, its findings linked to the fields that fix them, and an add / change form.
//! Every list stage is this component over the list's own item type, with its [`ListSpec`].

use super::context::use_widget;
use super::error_summary::ErrorSummary;
use super::focus::FocusTarget;
use super::form::{display_value, use_item_form, FieldView, Fields, FormError};
use super::specs::ListSpec;
use crate::meeting::{Command, Finding, ListItem};
use crate::record::{DecisionRecord, Sensitive};
use std::rc::Rc;
use yew::prelude::*;

/// What a list's item type provides to the list component.
pub trait Listed: ListItem + Sensitive + Default + PartialEq + 'static {}
impl<T: ListItem + Sensitive + Default + PartialEq + 'static> Listed for T {}

/// Props of one list.
#[derive(Properties)]
pub struct ItemListProps<T: Listed> {
    pub spec: Rc<ListSpec<T>>,
    pub record: Rc<DecisionRecord>,
    /// The record's findings for this list (paths inside the list).
    pub findings: Rc<Vec<Finding>>,
    /// Whether restricted items are shown (screen-safe off, or revealed on purpose).
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

impl<T: Listed> ItemListProps<T> {
    fn items(&self) -> &[T] {
        T::list(&self.record, self.spec.kind)
    }
}

/// Only what the list shows counts: another section's change leaves it as it is.
impl<T: Listed> PartialEq for ItemListProps<T> {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
            && self.items() == other.items()
            && self.record.participants == other.record.participants
            && self.findings == other.findings
            && self.revealed == other.revealed
            && self.read_only == other.read_only
    }
}

/// Capitalises the first letter ("Risk").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// A list stage: table, findings and form.
#[function_component(ItemList)]
pub fn item_list<T: Listed>(props: &ItemListProps<T>) -> Html {
    let context = use_widget();
    let spec = props.spec.clone();
    let kind = spec.kind;
    let noun = kind.short_noun();
    let section_ref = use_node_ref();
    let form = use_item_form(&spec.fields, section_ref.clone());
    let items = props.items();
    let participants = Rc::new(props.record.participants.clone());
    let field_id = {
        let context = context.clone();
        let form_name = spec.form;
        move |name: &str| context.id(&format!("{form_name}-{}", name.replace('.', "-")))
    };
    let first_field = spec
        .fields
        .first()
        .map(|field| field.name)
        .unwrap_or_default();
    let first_id = field_id(first_field);
    // A restricted item is masked on the shared screen until the chair reveals it; it can be
    // neither shown in the form nor changed until then.
    let masked = |item: &T| !props.revealed && item.is_restricted();
    {
        // Masking again (leaving the stage, or pressing the button again) also empties the
        // form if it holds a restricted item.
        let form = form.clone();
        let spec = spec.clone();
        let revealed = props.revealed;
        use_effect_with(revealed, move |_| {
            if !revealed && form.editing.is_some() && form.draft.value.is_restricted() {
                form.clear(&spec.fields);
            }
        });
    }
    let start_editing = {
        let form = form.clone();
        let field_id = field_id.clone();
        let record = props.record.clone();
        let revealed = props.revealed;
        Callback::from(move |(index, name): (usize, String)| {
            let Some(item) = T::list(&record, kind).get(index) else {
                return;
            };
            if !revealed && item.is_restricted() {
                return;
            }
            form.edit(index, item.id().to_string(), item.clone(), field_id(&name));
        })
    };
    // Where the draft is, or would be, in the record.
    let at = match &*form.editing {
        Some((index, _)) => kind.item_path(*index),
        None => kind.item_path(items.len()),
    };

    let onchange = {
        let form = form.clone();
        let spec = spec.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(&spec.fields[index], &text))
    };

    let onsubmit = {
        let form = form.clone();
        let spec = spec.clone();
        let record = props.record.clone();
        let context = context.clone();
        let at = at.clone();
        let first_id = first_id.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut value = form.draft.value.clone();
            let command = match &*form.editing {
                Some((_, id)) => {
                    value.set_id(id.clone());
                    Command::Edit(value.into_item(kind))
                }
                None => {
                    value.set_id(String::new());
                    Command::Add(value.into_item(kind))
                }
            };
            if form.refuses(&command, &record, Vec::new(), &spec.fields, &at) {
                return;
            }
            if context.apply(command) {
                form.clear(&spec.fields);
                form.focus.emit(FocusTarget::Id(first_id.clone()));
            }
        })
    };
    let cancel = {
        let form = form.clone();
        let spec = spec.clone();
        let first_id = first_id.clone();
        Callback::from(move |_: MouseEvent| {
            form.clear(&spec.fields);
            form.focus.emit(FocusTarget::Id(first_id.clone()));
        })
    };

    // The record's findings on the item being changed show by its fields too.
    let item_findings: Vec<FormError> = match &*form.editing {
        Some(_) => props
            .findings
            .iter()
            .filter(|finding| finding.path.starts_with(&at))
            .map(FormError::from_finding)
            .collect(),
        None => Vec::new(),
    };
    let views: Vec<FieldView> = form.views(&spec.fields, &at, &item_findings);
    let summary_items = form.summary_items(&spec.fields, &at, |field| field_id(field.name));

    let noun_title = capitalised(noun);
    let list_path = kind.path();
    let finding_links = props.findings.iter().enumerate().map(|(position, finding)| {
        let located = finding.path.item_in(&list_path);
        let label = match &located {
            Some((index, _)) => format!("{noun_title} {}: {}", index + 1, finding.message),
            None => finding.message.clone(),
        };
        let hidden = located
            .and_then(|(index, _)| items.get(index))
            .is_some_and(&masked);
        let target = located.map(|(index, key)| {
            let name = key
                .and_then(|key| spec.fields.iter().find(|field| field.key == key))
                .map(|field| field.name)
                .unwrap_or(first_field);
            (index, name.to_string())
        });
        let start_editing = start_editing.clone();
        let focus = form.focus.clone();
        let first = first_id.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            match &target {
                Some(target) => start_editing.emit(target.clone()),
                None => focus.emit(FocusTarget::Id(first.clone())),
            }
        });
        html! {
            <li key={position} class={classes!("rs-item-list__finding", format!("rs-item-list__finding--{}", finding.severity.as_str()))}>
                <span class="rs-item-list__severity">{ finding.severity.label() }</span>
                if hidden {
                    { format!("{label} (restricted: show restricted items to change it)") }
                } else {
                    <a href={format!("#{first_id}")} {onclick}>{ label }</a>
                }
            </li>
        }
    });

    let rows = items.iter().enumerate().map(|(index, item)| {
        let id = item.id().to_string();
        let hidden = masked(item);
        let cell = |key: &str| -> String {
            let Some(field) = spec.fields.iter().find(|field| field.key == key) else {
                return String::new();
            };
            if hidden && key != "sensitivity" {
                // Said once, in the row's header; the other cells stay empty.
                return if spec.columns.first() == Some(&key) {
                    "Hidden on the shared screen".to_string()
                } else {
                    String::new()
                };
            }
            display_value(field, &field.text(item), &props.record.participants)
        };
        let label = format!(" {noun} {}", index + 1);
        let change = start_editing.reform(move |_: MouseEvent| (index, first_field.to_string()));
        let remove = {
            let id = id.clone();
            let context = context.clone();
            let form = form.clone();
            let spec = spec.clone();
            let first_id = first_id.clone();
            Callback::from(move |_: MouseEvent| {
                context.apply(Command::Remove { kind, id: id.clone() });
                if form.editing.as_ref().is_some_and(|(_, editing_id)| *editing_id == id) {
                    form.clear(&spec.fields);
                }
                // The button is gone with its row: focus moves to the form, not the page.
                form.focus.emit(FocusTarget::Id(first_id.clone()));
            })
        };
        let mut columns = spec.columns.iter();
        let header = columns.next().map(|key| cell(key)).unwrap_or_default();
        html! {
            <tr key={id.clone()} class={classes!("rs-item-list__row", hidden.then_some("rs-item-list__row--masked"))}>
                <th scope="row">{ header }</th>
                { for columns.map(|key| html! { <td>{ cell(key) }</td> }) }
                if props.read_only {
                } else if hidden {
                    <td class="rs-item-list__actions">{ "Show restricted items to change it" }</td>
                } else {
                    <td class="rs-item-list__actions">
                        <button type="button" class="rs-button rs-button--secondary" onclick={change}>
                            { "Change" }<span class="rs-visually-hidden">{ label.clone() }</span>
                        </button>
                        <button type="button" class="rs-button rs-button--warning" onclick={remove}>
                            { "Remove" }<span class="rs-visually-hidden">{ label }</span>
                        </button>
                    </td>
                }
            </tr>
        }
    });
    let headers = spec
        .column_labels()
        .map(|label| html! { <th scope="col">{ label }</th> });
    let heading_id = context.id(&format!("{}-heading", spec.form));
    let form_heading = match &*form.editing {
        Some((index, _)) => format!("Change {noun} {}", index + 1),
        None => spec.add_label.to_string(),
    };
    html! {
        <section class="rs-item-list" aria-labelledby={heading_id.clone()} ref={section_ref}>
            <h4 class="rs-item-list__heading" id={heading_id}>{ spec.heading }</h4>
            if let Some(intro) = spec.intro {
                <p class="rs-item-list__intro">{ intro }</p>
            }
            if !props.findings.is_empty() {
                <div class="rs-item-list__findings">
                    <p class="rs-item-list__findings-title">{ "Needs attention" }</p>
                    <ul class="rs-item-list__finding-list">{ for finding_links }</ul>
                </div>
            }
            if items.is_empty() {
                <p class="rs-item-list__empty">{ format!("No {noun} recorded yet.") }</p>
            } else {
                <div class="rs-item-list__scroll" tabindex="0" role="region"
                    aria-label={format!("{} table", spec.heading)}>
                    <table class="rs-table rs-item-list__table">
                        <caption class="rs-table__caption">{ format!("{} ({})", spec.heading, items.len()) }</caption>
                        <thead>
                            <tr>
                                { for headers }
                                if !props.read_only {
                                    <th scope="col">{ "Actions" }</th>
                                }
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            if !props.read_only {
                <form class="rs-item-list__form" novalidate=true {onsubmit}
                    aria-label={form_heading.clone()}>
                    <h5 class="rs-item-list__form-heading">{ form_heading }</h5>
                    <ErrorSummary items={summary_items} node_ref={form.summary.clone()} />
                    <Fields form={spec.form} fields={views} {participants} {onchange} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">
                            { if form.editing.is_some() { "Save changes".to_string() } else { spec.add_label.to_string() } }
                        </button>
                        if form.editing.is_some() {
                            <button type="button" class="rs-button rs-button--secondary" onclick={cancel}>{ "Cancel" }</button>
                        }
                    </div>
                </form>
            }
        </section>
    }
}
