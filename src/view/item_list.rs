//! One list of the record (risks, actions, decisions, …) as a table with change and remove
//! buttons, its findings linked to the fields that fix them, and an add / change form.
//! Every list stage is this component with the list's [`ListForm`].

use super::audience::left_out_note;
use super::class_list;
use super::context::{use_effect_on, use_widget};
use super::error_summary::{error_summary, warning_summary};
use super::focus::FocusTarget;
use super::form::{display_value, use_item_form, Control, FieldView, Fields, FormError};
use super::quick::QuickEntry;
use super::specs::ListForm;
use crate::meeting::{entry_findings, Command, Finding, ListItem, Severity};
use crate::record::{DecisionRecord, Restricted};
use std::rc::Rc;
use yew::prelude::*;

/// What a list's item type provides to its form.
pub trait Listed: ListItem + Restricted + Default + PartialEq + 'static {}
impl<T: ListItem + Restricted + Default + PartialEq + 'static> Listed for T {}

/// Props of one list.
#[derive(Properties)]
pub struct ItemListProps {
    pub form: Rc<dyn ListForm>,
    pub record: Rc<DecisionRecord>,
    /// The record's findings for this list (paths inside the list).
    pub findings: Rc<Vec<Finding>>,
    /// Whether restricted items are shown (screen-safe off, or revealed on purpose).
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

/// Only what the list shows counts: another section's change leaves it as it is.
impl PartialEq for ItemListProps {
    fn eq(&self, other: &Self) -> bool {
        self.form.kind() == other.form.kind()
            && self.form.same_items(&self.record, &other.record)
            && self.record.left_out(&self.form.kind().key())
                == other.record.left_out(&other.form.kind().key())
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
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A list stage: table, findings and form.
#[function_component(ItemList)]
pub fn item_list(props: &ItemListProps) -> Html {
    let context = use_widget();
    let list = props.form.clone();
    let kind = list.kind();
    let noun = kind.short_noun();
    let section_ref = use_node_ref();
    let form = use_item_form(&|| list.new_texts(&props.record), section_ref.clone());
    let record = &props.record;
    let left_out = record.left_out(&list.kind().key());
    let rows: Vec<_> = (0..list.len(record))
        .filter_map(|index| list.row(record, index))
        .collect();
    let field_id = {
        let context = context.clone();
        let form_name = list.form();
        move |name: &str| context.id(&format!("{form_name}-{}", name.replace('.', "-")))
    };
    let first_field = list
        .fields()
        .first()
        .map(|field| field.name)
        .unwrap_or_default();
    let first_id = field_id(first_field);
    // A restricted item is hidden on the shared screen until the chair reveals it; it can be
    // neither shown in the form nor changed until then.
    let revealed = props.revealed;
    let hidden = move |restricted: bool| restricted && !revealed;
    {
        // Hiding again (leaving the stage, or pressing the button again) also empties the
        // form if it holds a restricted item.
        let form = form.clone();
        let list = list.clone();
        let record = props.record.clone();
        use_effect_on(revealed, move |_| {
            let editing = form
                .editing
                .as_ref()
                .and_then(|(index, _)| list.row(&record, *index));
            if !revealed && editing.is_some_and(|row| !row.restrictions.is_empty()) {
                form.clear(list.new_texts(&record));
            }
        });
    }
    let start_editing = {
        let form = form.clone();
        let field_id = field_id.clone();
        let list = list.clone();
        let record = props.record.clone();
        Callback::from(move |(index, name): (usize, String)| {
            let Some(row) = list.row(&record, index) else {
                return;
            };
            if hidden(!row.restrictions.is_empty()) {
                return;
            }
            form.edit(index, row.id, row.texts, field_id(&name));
        })
    };
    // Where the draft is, or would be, in the record.
    let at = match &*form.editing {
        Some((index, _)) => kind.item_path(*index),
        None => kind.item_path(rows.len()),
    };

    let onchange = {
        let form = form.clone();
        let list = list.clone();
        let context = context.clone();
        Callback::from(move |(index, text): (usize, String)| {
            let before = (**form.texts).clone();
            let mut texts = before.clone();
            if let Some(slot) = texts.get_mut(index) {
                *slot = text;
            }
            let record = context.session.record();
            list.follow(index, &before, &mut texts, &record, &context.config);
            form.set_texts(texts);
        })
    };

    // Saves `texts` as the form saves: what the core raises stops it (an error) or asks
    // once (a warning), shown in the form. After a save the form is empty again, with focus
    // on its first field when `refocus`. Returns whether it was saved.
    let save = {
        let form = form.clone();
        let list = list.clone();
        let context = context.clone();
        let at = at.clone();
        let first_id = first_id.clone();
        Rc::new(move |texts: Rc<Vec<String>>, refocus: bool| -> bool {
            let record = context.session.record();
            let editing = form.editing.as_ref().map(|(_, id)| id.as_str());
            let command = list.command(&record, &texts, editing);
            let (errors, warnings): (Vec<Finding>, Vec<Finding>) = match &command {
                Command::Add(item) | Command::Edit(item) => entry_findings(&record, item, &at),
                _ => Vec::new(),
            }
            .into_iter()
            .partition(|finding| finding.severity == Severity::Error);
            let own = errors.iter().map(FormError::from_finding).collect();
            if form.refuses(&texts, &command, &record, own, list.fields(), &at)
                || form.asks_first(
                    &texts,
                    warnings.iter().map(FormError::from_finding).collect(),
                )
            {
                return false;
            }
            if !context.apply(command) {
                return false;
            }
            form.clear(list.new_texts(&context.session.record()));
            if refocus {
                form.focus.emit(FocusTarget::Id(first_id.clone()));
            }
            true
        })
    };
    let onsubmit = {
        let form = form.clone();
        let save = save.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            save((*form.texts).clone(), true);
        })
    };
    // A line typed in one go: its parts fill a new item's form as if typed there, each
    // followed by what follows from it, and the item is saved. When it cannot be saved as
    // it is, the form holds it, saying what stops it.
    let onread = {
        let form = form.clone();
        let list = list.clone();
        let context = context.clone();
        Callback::from(move |parts: Vec<(usize, String)>| {
            let record = context.session.record();
            let mut texts = list.new_texts(&record);
            for (index, text) in parts {
                let before = texts.clone();
                let Some(slot) = texts.get_mut(index) else {
                    continue;
                };
                *slot = match list.fields()[index].control {
                    // A restriction typed adds to those that follow from who shared it.
                    Control::Restrictions => format!("{} {text}", before[index]).trim().to_string(),
                    _ => text,
                };
                list.follow(index, &before, &mut texts, &record, &context.config);
            }
            let texts = Rc::new(texts);
            form.editing.set(None);
            form.set_texts((*texts).clone());
            save(texts, false);
        })
    };
    let cancel = {
        let form = form.clone();
        let list = list.clone();
        let first_id = first_id.clone();
        let context = context.clone();
        Callback::from(move |_: MouseEvent| {
            form.clear(list.new_texts(&context.session.record()));
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
    let views: Vec<FieldView> = form.views(list.fields(), &at, &item_findings);
    let summary_items = form.summary_items(list.fields(), &at, |field| field_id(field.name));
    let warning_items = form.warning_items(list.fields(), &at, |field| field_id(field.name));
    let save_label = if form.editing.is_some() {
        "Save changes".to_string()
    } else {
        list.add_label().to_string()
    };

    let noun_title = capitalised(noun);
    let list_path = kind.path();
    let finding_links = props.findings.iter().enumerate().map(|(position, finding)| {
        let located = finding.path.item_in(&list_path);
        let label = match &located {
            Some((index, _)) => format!("{noun_title} {}: {}", index + 1, finding.message),
            None => finding.message.clone(),
        };
        let masked = located
            .and_then(|(index, _)| rows.get(index))
            .is_some_and(|row| hidden(!row.restrictions.is_empty()));
        let target = located.map(|(index, key)| {
            let name = key
                .and_then(|key| list.fields().iter().find(|field| field.key == key))
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
            <li key={position} class={class_list("rs-item-list__finding", &[Some(&format!("rs-item-list__finding--{}", finding.severity.as_str()))])}>
                <span class="rs-item-list__severity">{ finding.severity.label() }</span>
                if masked {
                    { format!("{label} (restricted: show restricted items to change it)") }
                } else {
                    <a href={format!("#{first_id}")} {onclick}>{ label }</a>
                }
            </li>
        }
    });

    let columns = list.columns();
    let table_rows = rows.iter().enumerate().map(|(index, row)| {
        let masked = hidden(!row.restrictions.is_empty());
        let cell = |key: &str| -> String {
            let Some(position) = list.fields().iter().position(|field| field.key == key) else {
                return String::new();
            };
            if masked && key != "restrictions" {
                // Said once, in the row's header; the other cells stay empty.
                return if columns.first() == Some(&key) {
                    "Hidden on the shared screen".to_string()
                } else {
                    String::new()
                };
            }
            display_value(&list.fields()[position], &row.texts[position], &record.participants)
        };
        let label = format!(" {noun} {}", index + 1);
        let change = start_editing.reform(move |_: MouseEvent| (index, first_field.to_string()));
        let remove = {
            let id = row.id.clone();
            let context = context.clone();
            let form = form.clone();
            let list = list.clone();
            // The button goes with its row: the notice that offers to undo the removal takes
            // focus. A refusal leaves focus on the button, with the refusal above.
            Callback::from(move |_: MouseEvent| {
                let removed = context.apply(Command::Remove { kind, id: id.clone() });
                if removed && form.editing.as_ref().is_some_and(|(_, editing_id)| *editing_id == id) {
                    form.clear(list.new_texts(&context.session.record()));
                }
            })
        };
        let mut cells = columns.iter();
        let header = cells.next().map(|key| cell(key)).unwrap_or_default();
        html! {
            <tr key={row.id.clone()} class={class_list("rs-item-list__row", &[masked.then_some("rs-item-list__row--masked")])}>
                <th scope="row">{ header }</th>
                { for cells.map(|key| html! { <td>{ cell(key) }</td> }) }
                if props.read_only {
                } else if masked {
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
    let headers = list
        .column_labels()
        .into_iter()
        .map(|label| html! { <th scope="col">{ label }</th> });
    let heading_id = context.id(&format!("{}-heading", list.form()));
    let form_heading = match &*form.editing {
        Some((index, _)) => format!("Change {noun} {}", index + 1),
        None => list.add_label().to_string(),
    };
    html! {
        <section class="rs-item-list" aria-labelledby={heading_id.clone()} ref={section_ref}>
            <h4 class="rs-item-list__heading" id={heading_id}>{ list.heading() }</h4>
            if let Some(intro) = list.intro() {
                <p class="rs-item-list__intro">{ intro }</p>
            }
            if !props.findings.is_empty() {
                <div class="rs-item-list__findings">
                    <p class="rs-item-list__findings-title">{ "Needs attention" }</p>
                    <ul class="rs-item-list__finding-list">{ for finding_links }</ul>
                </div>
            }
            if rows.is_empty() && left_out > 0 {
                <p class="rs-item-list__empty">{ left_out_note(left_out) }</p>
            } else if rows.is_empty() {
                <p class="rs-item-list__empty">{ format!("No {noun} recorded yet.") }</p>
            } else {
                <div class="rs-item-list__scroll" tabindex="0" role="region"
                    aria-label={format!("{} table", list.heading())}>
                    <table class="rs-table rs-item-list__table">
                        <caption class="rs-table__caption">{ format!("{} ({})", list.heading(), rows.len()) }</caption>
                        <thead>
                            <tr>
                                { for headers }
                                if !props.read_only {
                                    <th scope="col" class="rs-item-list__actions">{ "Actions" }</th>
                                }
                            </tr>
                        </thead>
                        <tbody>{ for table_rows }</tbody>
                    </table>
                </div>
                if left_out > 0 {
                    <p class="rs-item-list__left-out">{ left_out_note(left_out) }</p>
                }
            }
            if let (false, None, Some(keys)) = (props.read_only, &*form.editing, list.quick()) {
                <QuickEntry form={list.form()} label={format!("{noun_title} in one line")} {keys}
                    fields={Rc::new(list.fields().to_vec())}
                    participants={record.participants.clone()}
                    reference={record.meeting.date.map(|date| date.0).unwrap_or_else(super::dates::today)}
                    {onread} />
            }
            if !props.read_only {
                <form class="rs-item-list__form" novalidate=true {onsubmit}
                    aria-label={form_heading.clone()}>
                    <h5 class="rs-item-list__form-heading">{ form_heading }</h5>
                    { error_summary(&summary_items, &form.summary) }
                    { warning_summary(&warning_items, &form.warning_summary,
                        format!("Change it, or press \"{save_label}\" again to save it as it is.")) }
                    <Fields form={list.form()} fields={views} participants={record.participants.clone()} {onchange} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ save_label }</button>
                        if form.editing.is_some() {
                            <button type="button" class="rs-button rs-button--secondary" onclick={cancel}>{ "Cancel" }</button>
                        }
                    </div>
                </form>
            }
        </section>
    }
}
