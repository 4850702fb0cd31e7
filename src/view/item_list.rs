//! One list of the record (risks, actions, decisions, …) as a table with change and remove
//! buttons, its findings linked to the fields that fix them, and an add / change form.
//! Every list stage is this component with a different [`ItemSpec`].

use super::error_summary::{focus_by_id, ErrorSummary, SummaryItem};
use super::form::{display_value, get_text, set_text, FieldKind, Fields};
use super::specs::ItemSpec;
use super::state::WidgetContext;
use crate::meeting::{Command, Finding, Item, Severity};
use crate::record::{Participant, Sensitivity};
use serde_json::{Map, Value};
use std::rc::Rc;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Props of one list.
#[derive(Properties)]
pub struct ItemListProps {
    pub spec: Rc<ItemSpec>,
    pub items: Rc<Vec<Value>>,
    pub participants: Rc<Vec<Participant>>,
    /// The record's findings for this list (paths under `spec.path`).
    pub findings: Rc<Vec<Finding>>,
    pub dispatch: Callback<Command>,
    /// Whether restricted items are shown (screen-safe off, or revealed on purpose).
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

impl PartialEq for ItemListProps {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
            && self.items == other.items
            && self.participants == other.participants
            && self.findings == other.findings
            && self.revealed == other.revealed
            && self.read_only == other.read_only
    }
}

/// The item index and field key a finding's path points at, relative to the list path.
fn locate(list_path: &str, path: &str) -> Option<(usize, String)> {
    let rest = path.strip_prefix(list_path)?.strip_prefix('[')?;
    let (index, field) = rest.split_once(']')?;
    let field = field.strip_prefix('.').unwrap_or(field);
    Some((index.parse().ok()?, field.to_string()))
}

fn sensitivity_of(item: &Value) -> Sensitivity {
    item.get("sensitivity")
        .cloned()
        .and_then(|value| crate::record::read_json(value).ok())
        .unwrap_or_default()
}

/// What to say when a choice the record needs was not made.
fn choose(label: &str) -> String {
    let mut chars = label.chars();
    let lower = chars
        .next()
        .map(|first| first.to_lowercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    format!("Select {}", lower.trim_end_matches('?'))
}

/// Reads a draft as the typed item, with the problems found on the way. Text left empty
/// counts as empty rather than missing (so the item's own rules word the problem), and a
/// choice the record needs but nobody made is reported against its field in words, not as
/// the reader's message; every such choice is found, not only the first.
fn build(spec: &ItemSpec, mut value: Map<String, Value>) -> Result<(Item, Vec<Finding>), String> {
    for field in spec.fields.iter() {
        let text = matches!(field.kind, FieldKind::Text | FieldKind::TextArea)
            || (field.keep_empty && matches!(field.kind, FieldKind::Agency | FieldKind::Owner));
        // Nested keys belong to optional objects (an adult's history), left absent.
        if text && !field.key.contains('.') {
            value
                .entry(field.key)
                .or_insert_with(|| Value::String(String::new()));
        }
    }
    let mut missing = Vec::new();
    // A sensitivity label is never assumed: the record reads a missing one as shareable,
    // which would put police or health information in front of the family by default.
    if spec.fields.iter().any(|field| field.key == "sensitivity")
        && !value.contains_key("sensitivity")
    {
        missing.push(Finding::error(
            "sensitivity",
            "Select how far this may be shared (its sensitivity)",
        ));
    }
    loop {
        let message = match (spec.build)(Value::Object(value.clone())) {
            Ok(item) => return Ok((item, missing)),
            Err(message) => message,
        };
        let field = message
            .split("missing field `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .and_then(|key| spec.fields.iter().find(|field| field.key == key));
        let first = match field.map(|field| &field.kind) {
            Some(FieldKind::Choice(options)) => options.first().map(|(value, _)| value.clone()),
            _ => None,
        };
        match (field, first) {
            (Some(field), Some(first)) if !value.contains_key(field.key) => {
                missing.push(Finding::error(field.key, choose(field.label)));
                // Stand-in, only to read on and find the rest.
                value.insert(field.key.to_string(), Value::String(first));
            }
            _ => return Err(message),
        }
    }
}

/// A list stage: table, findings and form.
#[function_component(ItemList)]
pub fn item_list(props: &ItemListProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let spec = props.spec.clone();
    let draft = use_state(|| Rc::new(Map::new()));
    let editing = use_state(|| None::<(usize, String)>);
    let problems = use_state(Vec::<Finding>::new);
    let summary_ref = use_node_ref();
    let section_ref = use_node_ref();
    // (counter, element id): bumped to move focus after the next render.
    let focus_request = use_state(|| (0u32, String::new()));
    {
        let section_ref = section_ref.clone();
        let summary_ref = summary_ref.clone();
        use_effect_with((*focus_request).clone(), move |(counter, target)| {
            if *counter > 0 {
                if target.is_empty() {
                    if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                        let _ = summary.focus();
                    }
                } else if let Some(section) = section_ref.cast::<Element>() {
                    focus_by_id(&section, target);
                }
            }
        });
    }
    let field_id = {
        let context = context.clone();
        let form = spec.form;
        move |key: &str| context.id(&format!("{form}-{}", key.replace('.', "-")))
    };
    let first_field = spec
        .fields
        .first()
        .map(|field| field.key)
        .unwrap_or_default();
    let sensitive = spec.fields.iter().any(|field| field.key == "sensitivity");
    // A restricted item is masked on the shared screen until the chair reveals it; it can be
    // neither shown in the form nor changed until then.
    let is_masked = {
        let items = props.items.clone();
        let revealed = props.revealed;
        move |index: usize| {
            sensitive
                && !revealed
                && items
                    .get(index)
                    .is_some_and(|item| sensitivity_of(item).is_restricted())
        }
    };
    {
        // Masking again (leaving the stage, or pressing the button again) also empties the
        // form if it holds a restricted item.
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let is_masked = is_masked.clone();
        use_effect_with(props.revealed, move |_| {
            if let Some((index, _)) = &*editing {
                if is_masked(*index) {
                    editing.set(None);
                    problems.set(Vec::new());
                    draft.set(Rc::new(Map::new()));
                }
            }
        });
    }
    let request_focus = {
        let focus_request = focus_request.clone();
        move |target: String| focus_request.set((focus_request.0.wrapping_add(1), target))
    };
    let start_editing = {
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let items = props.items.clone();
        let request_focus = request_focus.clone();
        let field_id = field_id.clone();
        let is_masked = is_masked.clone();
        move |index: usize, key: String| {
            let Some(Value::Object(item)) = items.get(index) else {
                return;
            };
            if is_masked(index) {
                return;
            }
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            draft.set(Rc::new(item.clone()));
            editing.set(Some((index, id)));
            problems.set(Vec::new());
            request_focus(field_id(&key));
        }
    };

    let onchange = {
        let draft = draft.clone();
        let fields = spec.fields.clone();
        Callback::from(move |(index, text): (usize, String)| {
            let mut next = (**draft).clone();
            set_text(&mut next, &fields[index], text);
            draft.set(Rc::new(next));
        })
    };

    let onsubmit = {
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let dispatch = props.dispatch.clone();
        let spec = spec.clone();
        let request_focus = request_focus.clone();
        let field_id = field_id.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut value = (**draft).clone();
            if let Some((_, id)) = &*editing {
                value.insert("id".into(), Value::String(id.clone()));
            } else {
                value.remove("id");
            }
            let (item, mut found) = match build(&spec, value) {
                Ok(built) => built,
                Err(message) => {
                    problems.set(vec![Finding::error(
                        "",
                        format!("This could not be saved: {message}"),
                    )]);
                    request_focus(String::new());
                    return;
                }
            };
            found.extend(item.problems());
            // In the order of the form, so the summary reads top to bottom.
            found.sort_by_key(|finding| {
                spec.fields
                    .iter()
                    .position(|field| field.key == finding.path)
            });
            if !found.is_empty() {
                problems.set(found);
                request_focus(String::new());
                return;
            }
            dispatch.emit(if editing.is_some() {
                Command::Edit(item)
            } else {
                Command::Add(item)
            });
            problems.set(Vec::new());
            editing.set(None);
            draft.set(Rc::new(Map::new()));
            request_focus(field_id(first_field));
        })
    };
    let cancel = {
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let request_focus = request_focus.clone();
        let field_id = field_id.clone();
        Callback::from(move |_: MouseEvent| {
            editing.set(None);
            problems.set(Vec::new());
            draft.set(Rc::new(Map::new()));
            request_focus(field_id(first_field));
        })
    };

    // Errors shown by the fields: the draft's own problems, and the record's findings for
    // the item being changed.
    let mut field_errors: Vec<(String, String)> = problems
        .iter()
        .map(|finding| (finding.path.clone(), finding.message.clone()))
        .collect();
    if let Some((index, _)) = &*editing {
        for finding in props.findings.iter() {
            if let Some((at, key)) = locate(spec.path, &finding.path) {
                if at == *index && !field_errors.iter().any(|(k, _)| *k == key) {
                    field_errors.push((key, finding.message.clone()));
                }
            }
        }
    }
    let summary_items = problems
        .iter()
        .map(|finding| SummaryItem {
            target_id: field_id(if finding.path.is_empty() {
                first_field
            } else {
                &finding.path
            })
            .into(),
            message: finding.message.clone().into(),
        })
        .collect::<Vec<_>>();

    let noun_title = {
        let mut chars = spec.noun.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    };
    let finding_links = props.findings.iter().enumerate().map(|(position, finding)| {
        let located = locate(spec.path, &finding.path);
        let label = match &located {
            Some((index, _)) => format!("{noun_title} {}: {}", index + 1, finding.message),
            None => finding.message.clone(),
        };
        let masked = located.as_ref().is_some_and(|(index, _)| is_masked(*index));
        let start_editing = start_editing.clone();
        let request_focus = request_focus.clone();
        let href = format!("#{}", field_id(first_field));
        let field_id = field_id.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            match &located {
                Some((index, key)) => {
                    let key = if key.is_empty() { first_field.to_string() } else { key.clone() };
                    start_editing(*index, key)
                }
                None => request_focus(field_id(first_field)),
            }
        });
        let severity = match finding.severity {
            Severity::Error => "Must fix",
            Severity::Warning => "Consider",
        };
        html! {
            <li key={position} class={classes!("rs-item-list__finding", format!("rs-item-list__finding--{}", finding.severity.as_str()))}>
                <span class="rs-item-list__severity">{ severity }</span>
                if masked {
                    { format!("{label} (restricted: show restricted items to change it)") }
                } else {
                    <a {href} {onclick}>{ label }</a>
                }
            </li>
        }
    });

    let rows = props.items.iter().enumerate().map(|(index, item)| {
        let Value::Object(map) = item else { return html! {} };
        let id = map.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        let masked = is_masked(index);
        let cell = |key: &str| -> String {
            let field = spec.fields.iter().find(|field| field.key == key);
            let raw = get_text(map, key);
            match field {
                // Said once, in the row's header; the other cells stay empty.
                Some(_) if masked && key != "sensitivity" => {
                    if spec.columns.first() == Some(&key) {
                        "Hidden on the shared screen".to_string()
                    } else {
                        String::new()
                    }
                }
                Some(field) => display_value(field, &raw, &props.participants),
                None => raw,
            }
        };
        let label = format!(" {} {}", spec.noun, index + 1);
        let change = {
            let start_editing = start_editing.clone();
            Callback::from(move |_: MouseEvent| start_editing(index, first_field.to_string()))
        };
        let remove = {
            let kind = spec.kind;
            let id = id.clone();
            let dispatch = props.dispatch.clone();
            let (draft, editing, problems) = (draft.clone(), editing.clone(), problems.clone());
            let request_focus = request_focus.clone();
            let field_id = field_id.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Command::Remove { kind, id: id.clone() });
                if editing.as_ref().is_some_and(|(_, editing_id)| *editing_id == id) {
                    editing.set(None);
                    problems.set(Vec::new());
                    draft.set(Rc::new(Map::new()));
                }
                // The button is gone with its row: focus moves to the form, not the page.
                request_focus(field_id(first_field));
            })
        };
        let mut columns = spec.columns.iter();
        let header = columns.next().map(|key| cell(key)).unwrap_or_default();
        html! {
            <tr key={id.clone()} class={classes!("rs-item-list__row", masked.then_some("rs-item-list__row--masked"))}>
                <th scope="row">{ header }</th>
                { for columns.map(|key| html! { <td>{ cell(key) }</td> }) }
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
    let headers = spec.columns.iter().map(|key| {
        let label = spec
            .fields
            .iter()
            .find(|field| field.key == *key)
            .map(|field| field.label)
            .unwrap_or(key);
        html! { <th scope="col">{ label }</th> }
    });
    let heading_id = context.id(&format!("{}-heading", spec.form));
    let form_heading = match &*editing {
        Some((index, _)) => format!("Change {} {}", spec.noun, index + 1),
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
            if props.items.is_empty() {
                <p class="rs-item-list__empty">{ format!("No {} recorded yet.", spec.noun) }</p>
            } else {
                <div class="rs-item-list__scroll" tabindex="0" role="region"
                    aria-label={format!("{} table", spec.heading)}>
                    <table class="rs-table rs-item-list__table">
                        <caption class="rs-table__caption">{ format!("{} ({})", spec.heading, props.items.len()) }</caption>
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
                    <ErrorSummary items={summary_items} node_ref={summary_ref} />
                    <Fields
                        form={spec.form}
                        fields={spec.fields.clone()}
                        draft={(*draft).clone()}
                        participants={(*props.participants).clone()}
                        errors={field_errors}
                        {onchange}
                    />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">
                            { if editing.is_some() { "Save changes".to_string() } else { spec.add_label.to_string() } }
                        </button>
                        if editing.is_some() {
                            <button type="button" class="rs-button rs-button--secondary" onclick={cancel}>{ "Cancel" }</button>
                        }
                    </div>
                </form>
            }
        </section>
    }
}
