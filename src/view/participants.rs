//! Who is present: the participant list with change and remove, and the form that adds or
//! changes one person. The form checks its draft with the core's own rules before sending.

use super::context::use_widget;
use super::error_summary::error_summary;
use super::focus::FocusTarget;
use super::form::{use_item_form, Fields};
use super::specs;
use super::text::{folded, same_words};
use crate::bidi::isolate;
use crate::meeting::{Command, Invitation, Item, ItemKind};
use crate::record::{Attendance, Participant, Shared};
use yew::prelude::*;

/// Props of the participants section.
#[derive(Properties, PartialEq)]
pub struct ParticipantsProps {
    pub participants: Shared<Vec<Participant>>,
    #[prop_or_default]
    pub read_only: bool,
}

/// The participant list and its add / change form.
#[function_component(Participants)]
pub fn participants(props: &ParticipantsProps) -> Html {
    let context = use_widget();
    let list = use_memo((), |_| specs::participants().erased());
    let section_ref = use_node_ref();
    let form = use_item_form(
        &|| list.new_texts(&context.session.record()),
        section_ref.clone(),
    );
    let name_id = context.id("participant-name");
    let at = match &*form.editing {
        Some((index, _)) => ItemKind::Participant.item_path(*index),
        None => ItemKind::Participant.item_path(props.participants.len()),
    };

    let onchange = {
        let form = form.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(index, text))
    };
    let onsubmit = {
        let form = form.clone();
        let list = list.clone();
        let context = context.clone();
        let at = at.clone();
        let name_id = name_id.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let record = context.session.record();
            let editing = form.editing.as_ref().map(|(_, id)| id.as_str());
            let command = list.command(&record, &form.texts, editing);
            if form.refuses(
                &form.texts,
                &command,
                &record,
                Vec::new(),
                list.fields(),
                &at,
            ) {
                return;
            }
            if context.apply(command) {
                form.clear(list.new_texts(&context.session.record()));
                form.focus.emit(FocusTarget::Id(name_id.clone()));
            }
        })
    };
    let cancel = {
        let form = form.clone();
        let list = list.clone();
        let name_id = name_id.clone();
        let context = context.clone();
        Callback::from(move |_: MouseEvent| {
            form.clear(list.new_texts(&context.session.record()));
            form.focus.emit(FocusTarget::Id(name_id.clone()));
        })
    };
    let views = form.views(list.fields(), &at, &[]);
    let summary_items = form.summary_items(list.fields(), &at, |field| {
        context.id(&field.control_name("participant"))
    });

    let rows = props.participants.iter().enumerate().map(|(index, participant)| {
        let change = {
            let form = form.clone();
            let list = list.clone();
            let record = context.session.record();
            let name_id = name_id.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(row) = list.row(&record, index) {
                    form.edit(index, row.id, row.texts, name_id.clone())
                }
            })
        };
        let remove = {
            let id = participant.id.clone();
            let context = context.clone();
            let form = form.clone();
            let list = list.clone();
            // The button goes with its row: the notice that offers to undo the removal takes
            // focus. A refusal (someone who owns something) leaves focus on the button.
            Callback::from(move |_: MouseEvent| {
                let removed = context.apply(Command::Remove {
                    kind: ItemKind::Participant,
                    id: id.clone(),
                });
                if removed && form.editing.as_ref().is_some_and(|(_, editing)| *editing == id) {
                    form.clear(list.new_texts(&context.session.record()));
                }
            })
        };
        let name = isolate(&participant.name);
        html! {
            <tr class="rs-participants__row" key={participant.id.clone()}>
                <th scope="row" class="rs-participants__name">{ name.to_string() }</th>
                <td>{ isolate(&participant.role).into_owned() }</td>
                <td>{ isolate(&participant.agency).into_owned() }</td>
                <td>{ participant.attendance.label() }</td>
                <td>{ participant.decision_authority.label() }</td>
                if !props.read_only {
                <td class="rs-participants__actions">
                    <button type="button" class="rs-button rs-button--secondary"
                        id={context.id(&format!("participant-{}-change", participant.id))}
                        onclick={change}>
                        { "Change" }<span class="rs-visually-hidden">{ format!(" {name}") }</span>
                    </button>
                    <button type="button" class="rs-button rs-button--warning" onclick={remove}>
                        { "Remove" }<span class="rs-visually-hidden">{ format!(" {name}") }</span>
                    </button>
                </td>
                }
            </tr>
        }
    });

    // The host's invitation list: everyone not yet recorded, each marked in one step. The
    // list may hold hundreds, so each name and agency is folded once.
    let recorded: Vec<(String, String)> = props
        .participants
        .iter()
        .map(|person| (folded(&person.name), folded(&person.agency)))
        .collect();
    let invited: Vec<_> = context
        .config
        .invited
        .iter()
        .filter(|invitation| {
            !recorded.contains(&(folded(&invitation.name), folded(&invitation.agency)))
        })
        .cloned()
        .collect();
    let left = invited.len();
    let invitations = invited.into_iter().enumerate().map(|(index, invitation)| {
        let mark = |attendance: Attendance| {
            let context = context.clone();
            let invitation = invitation.clone();
            let focus = form.focus.clone();
            // The row goes once marked: focus moves to the next person's first button (now
            // at this place), or to the form when nobody is left.
            let next = if left > 1 {
                context.id(&format!("invited-{}-present", index.min(left - 2)))
            } else {
                name_id.clone()
            };
            Callback::from(move |_: MouseEvent| {
                let participant = invitation.participant(attendance);
                if !context.apply(Command::Add(Item::Participant(participant))) {
                    return;
                }
                // The person operating the widget, present and the first to be, is the
                // chair until the chair is changed.
                let record = context.session.record();
                let actor = context.session.actor();
                let operator = same_words(&invitation.name, &actor.name)
                    && same_words(&invitation.agency, &actor.agency);
                if attendance == Attendance::Attended && operator && record.meeting.chair_id.is_none() {
                    if let Some(chair) = record.participants.iter().find(|p| is_invited(&invitation, p)) {
                        let mut meeting = record.meeting.clone();
                        meeting.chair_id = Some(chair.id.clone());
                        context.apply(Command::EditMeeting(meeting));
                    }
                }
                focus.emit(FocusTarget::Id(next.clone()));
            })
        };
        let name = isolate(&invitation.name).into_owned();
        let details = [invitation.role.as_str(), invitation.agency.as_str()]
            .iter()
            .filter(|text| !text.trim().is_empty())
            .map(|text| isolate(text).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        html! {
            <li class="rs-invited__person" key={format!("{}|{}", invitation.name, invitation.agency)}>
                <span class="rs-invited__who"><strong>{ name.clone() }</strong>{ format!(" ({details})") }</span>
                <span class="rs-invited__marks">
                    <button type="button" class="rs-button" id={context.id(&format!("invited-{index}-present"))}
                        onclick={mark(Attendance::Attended)}>
                        { "Present" }<span class="rs-visually-hidden">{ format!(" {name}") }</span>
                    </button>
                    <button type="button" class="rs-button rs-button--secondary" onclick={mark(Attendance::Apologies)}>
                        { "Apologies" }<span class="rs-visually-hidden">{ format!(" {name}") }</span>
                    </button>
                    <button type="button" class="rs-button rs-button--secondary" onclick={mark(Attendance::SentInformation)}>
                        { "Sent information" }<span class="rs-visually-hidden">{ format!(" {name}") }</span>
                    </button>
                </span>
            </li>
        }
    });

    let form_heading = if form.editing.is_some() {
        "Change participant details"
    } else {
        "Add a participant"
    };
    html! {
        <section class="rs-participants" aria-labelledby={context.id("participants-heading")} ref={section_ref}>
            <h4 class="rs-participants__heading" id={context.id("participants-heading")}>{ "Who is present" }</h4>
            if left > 0 && !props.read_only {
                <div class="rs-invited" role="group" aria-labelledby={context.id("invited-heading")}>
                    <h5 class="rs-invited__heading" id={context.id("invited-heading")}>
                        { format!("Invited, not yet marked ({left})") }
                    </h5>
                    <ul class="rs-invited__list">{ for invitations }</ul>
                </div>
            }
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
                                    <th scope="col" class="rs-participants__actions">{ "Actions" }</th>
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
                { error_summary(&summary_items, &form.summary) }
                <Fields form="participant" fields={views} participants={props.participants.clone()} {onchange} />
                <div class="rs-button-group">
                    <button type="submit" class="rs-button">
                        { if form.editing.is_some() { "Save changes" } else { "Add participant" } }
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

/// True when `participant` is the person `invitation` names: the same name and agency, as
/// typed apart from case and spaces at the ends.
fn is_invited(invitation: &Invitation, participant: &Participant) -> bool {
    same_words(&invitation.name, &participant.name)
        && same_words(&invitation.agency, &participant.agency)
}
