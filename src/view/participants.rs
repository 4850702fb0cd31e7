//! Who is present: the participant list with change and remove, and the form that adds or
//! changes one person. The form checks its draft with the core's own rules before sending.

use super::error_summary::{ErrorSummary, SummaryItem};
use super::fields::{Choice, RadioGroup, SelectField, TextField};
use super::meeting_details::{from_wire_name, wire_name};
use super::state::WidgetContext;
use crate::meeting::{Command, Finding, Item, ItemKind};
use crate::record::{Attendance, Participant, Tristate};
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the participants section.
#[derive(Properties, PartialEq)]
pub struct ParticipantsProps {
    pub participants: Vec<Participant>,
    pub dispatch: Callback<Command>,
    #[prop_or_default]
    pub read_only: bool,
}

/// The participant list and its add / change form.
#[function_component(Participants)]
pub fn participants(props: &ParticipantsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    // What is being typed; its id is empty while adding.
    let draft = use_state(Participant::default);
    // The id of the participant being changed; `None` while adding.
    let editing = use_state(|| None::<String>);
    let problems = use_state(Vec::<Finding>::new);
    let summary_ref = use_node_ref();
    let name_ref = use_node_ref();
    // Bumped to ask for focus after the next render: 1 = error summary, 2 = name field.
    let focus_request = use_state(|| (0u32, 0u8));

    {
        let summary_ref = summary_ref.clone();
        let name_ref = name_ref.clone();
        use_effect_with(*focus_request, move |(_, target)| {
            let node = if *target == 1 {
                &summary_ref
            } else {
                &name_ref
            };
            if *target != 0 {
                if let Some(element) = node.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let request_focus = {
        let focus_request = focus_request.clone();
        move |target: u8| focus_request.set((focus_request.0.wrapping_add(1), target))
    };

    let set_field = |change: fn(&mut Participant, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };

    let onsubmit = {
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let dispatch = props.dispatch.clone();
        let request_focus = request_focus.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let found = Item::Participant((*draft).clone()).problems();
            if !found.is_empty() {
                problems.set(found);
                request_focus(1);
                return;
            }
            let mut participant = (*draft).clone();
            dispatch.emit(match (*editing).clone() {
                Some(id) => {
                    participant.id = id;
                    Command::Edit(Item::Participant(participant))
                }
                None => Command::Add(Item::Participant(participant)),
            });
            problems.set(Vec::new());
            editing.set(None);
            draft.set(Participant::default());
            request_focus(2);
        })
    };

    let cancel = {
        let draft = draft.clone();
        let editing = editing.clone();
        let problems = problems.clone();
        let request_focus = request_focus.clone();
        Callback::from(move |_: MouseEvent| {
            editing.set(None);
            problems.set(Vec::new());
            draft.set(Participant::default());
            request_focus(2);
        })
    };

    let error_for = |field: &str| -> Option<AttrValue> {
        problems
            .iter()
            .find(|finding| finding.path == field)
            .map(|finding| AttrValue::from(finding.message.clone()))
    };
    let summary_items = problems
        .iter()
        .map(|finding| SummaryItem {
            target_id: context.id(&format!("participant-{}", finding.path)).into(),
            message: finding.message.clone().into(),
        })
        .collect::<Vec<_>>();

    let mut agency_choices = context
        .config
        .agencies
        .iter()
        .map(|agency| Choice::new(agency.clone(), agency.clone()))
        .collect::<Vec<_>>();
    if !draft.agency.is_empty() && !context.config.agencies.contains(&draft.agency) {
        agency_choices.push(Choice::new(draft.agency.clone(), draft.agency.clone()));
    }
    let attendance_choices = Attendance::ALL
        .iter()
        .map(|value| Choice::new(wire_name(value), value.label()))
        .collect::<Vec<_>>();
    let authority_choices = Tristate::ALL
        .iter()
        .map(|value| Choice::new(wire_name(value), value.label()))
        .collect::<Vec<_>>();

    let rows = props.participants.iter().map(|participant| {
        let change = {
            let draft = draft.clone();
            let editing = editing.clone();
            let problems = problems.clone();
            let request_focus = request_focus.clone();
            let participant = participant.clone();
            Callback::from(move |_: MouseEvent| {
                draft.set(participant.clone());
                editing.set(Some(participant.id.clone()));
                problems.set(Vec::new());
                request_focus(2);
            })
        };
        let remove = {
            let id = participant.id.clone();
            let dispatch = props.dispatch.clone();
            let request_focus = request_focus.clone();
            let (draft, editing, problems) = (draft.clone(), editing.clone(), problems.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Command::Remove {
                    kind: ItemKind::Participant,
                    id: id.clone(),
                });
                if editing.as_deref() == Some(id.as_str()) {
                    editing.set(None);
                    problems.set(Vec::new());
                    draft.set(Participant::default());
                }
                // The button goes with its row: focus moves to the form, not the page.
                request_focus(2);
            })
        };
        html! {
            <tr class="rs-participants__row" key={participant.id.clone()}>
                <th scope="row" class="rs-participants__name">{ &participant.name }</th>
                <td>{ &participant.role }</td>
                <td>{ &participant.agency }</td>
                <td>{ participant.attendance.label() }</td>
                <td>{ participant.decision_authority.label() }</td>
                if !props.read_only {
                <td class="rs-participants__actions">
                    <button type="button" class="rs-button rs-button--secondary"
                        id={context.id(&format!("participant-{}-change", participant.id))}
                        onclick={change}>
                        { "Change" }<span class="rs-visually-hidden">{ format!(" {}", participant.name) }</span>
                    </button>
                    <button type="button" class="rs-button rs-button--warning" onclick={remove}>
                        { "Remove" }<span class="rs-visually-hidden">{ format!(" {}", participant.name) }</span>
                    </button>
                </td>
                }
            </tr>
        }
    });

    let form_heading = if editing.is_some() {
        "Change participant details"
    } else {
        "Add a participant"
    };
    html! {
        <section class="rs-participants" aria-label="Participants">
            if props.participants.is_empty() {
                <p class="rs-participants__empty">{ "No participants yet. Add everyone invited, including those who sent apologies." }</p>
            } else {
                <div class="rs-participants__scroll" tabindex="0" role="region" aria-label="Participants table">
                    <table class="rs-table rs-participants__table">
                        <caption class="rs-table__caption">
                            { format!("Participants ({})", props.participants.len()) }
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Role" }</th>
                                <th scope="col">{ "Agency" }</th>
                                <th scope="col">{ "Attendance" }</th>
                                <th scope="col">{ "Can decide for agency" }</th>
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
            <form class="rs-participants__form" novalidate=true {onsubmit}
                aria-labelledby={context.id("participant-form-heading")}>
                <h4 class="rs-participants__form-heading" id={context.id("participant-form-heading")}>{ form_heading }</h4>
                <ErrorSummary items={summary_items} node_ref={summary_ref} />
                <TextField
                    id={context.id("participant-name")}
                    label="Full name"
                    value={draft.name.clone()}
                    autocomplete={AttrValue::Static("off")}
                    error={error_for("name")}
                    node_ref={name_ref}
                    oninput={set_field(|draft, value| draft.name = value)}
                />
                <TextField
                    id={context.id("participant-role")}
                    label="Role"
                    hint={AttrValue::Static("For example, social worker, detective sergeant, health visitor.")}
                    value={draft.role.clone()}
                    error={error_for("role")}
                    oninput={set_field(|draft, value| draft.role = value)}
                />
                <SelectField
                    id={context.id("participant-agency")}
                    label="Agency"
                    placeholder="Select an agency"
                    choices={agency_choices}
                    value={draft.agency.clone()}
                    error={error_for("agency")}
                    onchange={set_field(|draft, value| draft.agency = value)}
                />
                <RadioGroup
                    id={context.id("participant-attendance")}
                    legend="Attendance"
                    inline=true
                    choices={attendance_choices}
                    value={wire_name(&draft.attendance)}
                    onchange={set_field(|draft, value| {
                        draft.attendance = from_wire_name(&value).unwrap_or_default()
                    })}
                />
                <RadioGroup
                    id={context.id("participant-authority")}
                    legend="Can they make decisions for their agency?"
                    inline=true
                    choices={authority_choices}
                    value={wire_name(&draft.decision_authority)}
                    onchange={set_field(|draft, value| {
                        draft.decision_authority = from_wire_name(&value).unwrap_or_default()
                    })}
                />
                <div class="rs-button-group">
                    <button type="submit" class="rs-button">
                        { if editing.is_some() { "Save changes" } else { "Add participant" } }
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
