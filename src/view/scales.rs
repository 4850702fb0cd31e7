//! Safety scales: each participant's own 0-10 view, shown on one line labelled by person
//! and agency with their reasons. The spread is the information, so it is shown and, at
//! three points or more, the group is asked to discuss it; nothing is ever averaged.

use super::context::use_widget;
use super::error_summary::ErrorSummary;
use super::fields::TextArea;
use super::focus::FocusTarget;
use super::form::{lens, participant_label, use_item_form, Control, Field, Fields, FormError};
use crate::meeting::{limits, scale_spread, Command, Finding, Item, SPREAD_TO_DISCUSS};
use crate::record::{Dissent, ItemKind, JsonPath, Participant, SafetyScale};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the scales stage.
#[derive(Properties, PartialEq)]
pub struct ScalesProps {
    pub scales: Vec<SafetyScale>,
    pub participants: Rc<Vec<Participant>>,
    pub discussion: AttrValue,
    pub findings: Rc<Vec<Finding>>,
    #[prop_or_default]
    pub read_only: bool,
}

fn scale_fields() -> Vec<Field<SafetyScale>> {
    type F = Field<SafetyScale>;
    vec![
        F::new(
            "participantId",
            "Whose view",
            Control::Owner,
            lens!(participant_id),
        )
        .named("participant"),
        F::new("score", "Score", Control::Score, lens!(score))
            .must_choose("Select a score from 0 to 10"),
        F::new("reason", "Why this score", Control::TextArea, lens!(reason)),
    ]
}

fn dissent_fields() -> Vec<Field<Dissent>> {
    type F = Field<Dissent>;
    vec![
        F::new(
            "participantId",
            "Who disagrees",
            Control::Owner,
            lens!(participant_id),
        )
        .named("who"),
        F::new(
            "view",
            "Their view, in their own words",
            Control::TextArea,
            lens!(view),
        ),
    ]
}

/// The scales stage.
#[function_component(Scales)]
pub fn scales(props: &ScalesProps) -> Html {
    let context = use_widget();
    let section_ref = use_node_ref();
    let fields = Rc::new(scale_fields());
    let form = use_item_form(&fields, section_ref.clone());
    let opposing = Rc::new(dissent_fields());
    let dissent = use_item_form(&opposing, section_ref.clone());
    let participant_field = context.id("scale-participant");
    let label_of = |id: &str| {
        props
            .participants
            .iter()
            .find(|p| p.id == id)
            .map(participant_label)
            .unwrap_or_else(|| format!("{id}: no longer a participant"))
    };
    let at = {
        let who = &form.draft.value.participant_id;
        let index = props
            .scales
            .iter()
            .position(|scale| scale.participant_id == *who)
            .unwrap_or(props.scales.len());
        JsonPath::keys(&["scales"]).index(index)
    };

    let onchange = {
        let form = form.clone();
        let fields = fields.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(&fields[index], &text))
    };
    let onsubmit = {
        let form = form.clone();
        let fields = fields.clone();
        let context = context.clone();
        let at = at.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut scale = form.draft.value.clone();
            scale.reason = scale.reason.trim().to_string();
            let command = Command::SetScale(scale);
            let record = context.session.record();
            if form.refuses(&command, &record, Vec::new(), &fields, &at) {
                return;
            }
            if context.apply(command) {
                form.clear(&fields);
            }
        })
    };

    // One column per point of the scale, each naming who chose it.
    let line = (0..=10u8).map(|point| {
        let here: Vec<&SafetyScale> = props.scales.iter().filter(|s| s.score == point).collect();
        html! {
            <li key={point} class={classes!("rs-scales__point", (!here.is_empty()).then_some("rs-scales__point--chosen"))}>
                <span class="rs-scales__number">{ point }</span>
                <ul class="rs-scales__people">
                    { for here.iter().map(|scale| html! {
                        <li key={scale.participant_id.clone()} class="rs-scales__person">{ label_of(&scale.participant_id) }</li>
                    }) }
                </ul>
            </li>
        }
    });
    let rows = props.scales.iter().enumerate().map(|(index, scale)| {
        let change = {
            let form = form.clone();
            let scale = scale.clone();
            let field = participant_field.clone();
            Callback::from(move |_: MouseEvent| {
                form.edit(index, scale.participant_id.clone(), scale.clone(), field.clone())
            })
        };
        let withdraw = {
            let participant_id = scale.participant_id.clone();
            let context = context.clone();
            let focus = form.focus.clone();
            let field = participant_field.clone();
            Callback::from(move |_: MouseEvent| {
                context.apply(Command::RemoveScale { participant_id: participant_id.clone() });
                // The row and its button are gone: focus moves to the form.
                focus.emit(FocusTarget::Id(field.clone()));
            })
        };
        let name = label_of(&scale.participant_id);
        html! {
            <tr key={scale.participant_id.clone()}>
                <th scope="row">{ name.clone() }</th>
                <td class="rs-scales__score">{ scale.score }</td>
                <td>{ &scale.reason }</td>
                if !props.read_only {
                    <td class="rs-item-list__actions">
                        <button type="button" class="rs-button rs-button--secondary" onclick={change}>
                            { "Change" }<span class="rs-visually-hidden">{ format!(" scale of {name}") }</span>
                        </button>
                        <button type="button" class="rs-button rs-button--warning" onclick={withdraw}>
                            { "Withdraw" }<span class="rs-visually-hidden">{ format!(" scale of {name}") }</span>
                        </button>
                    </td>
                }
            </tr>
        }
    });
    let spread = scale_spread(&props.scales);
    let lowest = props.scales.iter().min_by_key(|s| s.score).map(|s| s.score);
    let highest = props.scales.iter().max_by_key(|s| s.score).map(|s| s.score);
    let record_dissent = {
        let dissent = dissent.clone();
        let opposing = opposing.clone();
        let context = context.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut view = dissent.draft.value.clone();
            view.view = view.view.trim().to_string();
            let command = Command::Add(Item::Dissent(view));
            let record = context.session.record();
            let at = ItemKind::Dissent.item_path(record.dissent.len());
            let errors: Vec<FormError> = command
                .problems(&record)
                .iter()
                .map(FormError::from_finding)
                .collect();
            // This short form has no summary: focus goes to the first field to fix.
            if let Some(first) = errors
                .iter()
                .filter_map(|error| error.field(&at))
                .filter_map(|key| opposing.iter().position(|field| field.key == key))
                .min()
            {
                dissent.errors.set(errors);
                dissent.focus.emit(FocusTarget::Id(
                    context.id(&opposing[first].control_name("scale-dissent")),
                ));
                return;
            }
            if context.apply(command) {
                dissent.clear(&opposing);
            }
        })
    };
    let dissent_views = {
        let at = ItemKind::Dissent.item_path(context.session.record().dissent.len());
        dissent.views(&opposing, &at, &[])
    };
    let dissent_change = {
        let dissent = dissent.clone();
        let opposing = opposing.clone();
        Callback::from(move |(index, text): (usize, String)| dissent.set(&opposing[index], &text))
    };
    let views = form.views(&fields, &at, &[]);
    let summary_items = form.summary_items(&fields, &at, |field| {
        context.id(&field.control_name("scale"))
    });
    let finding_items = props.findings.iter().enumerate().map(|(index, finding)| {
        html! { <li key={index}>{ &finding.message }</li> }
    });

    html! {
        <section class="rs-scales" aria-labelledby={context.id("scales-heading")} ref={section_ref}>
            <h4 class="rs-scales__heading" id={context.id("scales-heading")}>{ "Everyone's view of safety, side by side" }</h4>
            <p class="rs-scales__intro">
                { "10 means safe enough to close the case; 0 means the child cannot live at home. Each person gives their own view; the difference between them is what the group discusses." }
            </p>
            <ol class="rs-scales__line" aria-label="Safety scale from 0 to 10">{ for line }</ol>
            if let (Some(spread), Some(low), Some(high)) = (spread, lowest, highest) {
                if spread >= SPREAD_TO_DISCUSS {
                    <div class="rs-scales__spread" role="note" aria-labelledby={context.id("spread-heading")}>
                        <h5 class="rs-scales__spread-heading" id={context.id("spread-heading")}>
                            { format!("The views differ by {spread} points, from {low} to {high}") }
                        </h5>
                        <p>{ "Ask those furthest apart to explain what they know or weigh differently. Record what the group made of it; anyone who still disagrees can have their dissent recorded." }</p>
                        if props.read_only {
                            <p class="rs-scales__discussion">
                                <strong>{ "What the group made of the difference: " }</strong>
                                { if props.discussion.is_empty() { AttrValue::Static("Not recorded") } else { props.discussion.clone() } }
                            </p>
                        } else {
                            <TextArea
                                id={context.id("scale-discussion")}
                                label="What the group made of the difference"
                                value={props.discussion.clone()}
                                maxlength={limits::chars_allowed("scaleDiscussion")}
                                oninput={let context = context.clone(); Callback::from(move |text| { context.apply(Command::EditScaleDiscussion(text)); })}
                            />
                        }
                        if !props.read_only {
                            <form class="rs-scales__dissent" novalidate=true onsubmit={record_dissent}
                                aria-label="Record dissent from the scales">
                                <Fields form="scale-dissent" fields={dissent_views}
                                    participants={props.participants.clone()} onchange={dissent_change} />
                                <button type="submit" class="rs-button rs-button--secondary">{ "Record dissent" }</button>
                            </form>
                        }
                    </div>
                } else {
                    <p class="rs-scales__spread-ok">{ format!("The views differ by {spread} points, from {low} to {high}.") }</p>
                }
            }
            if !props.findings.is_empty() {
                <ul class="rs-item-list__finding-list">{ for finding_items }</ul>
            }
            if props.scales.is_empty() {
                <p class="rs-item-list__empty">{ "No scales recorded yet." }</p>
            } else {
                <div class="rs-table-scroll" tabindex="0" role="region" aria-label="Safety scales table">
                <table class="rs-table rs-scales__table">
                    <caption class="rs-table__caption">{ format!("Safety scales ({})", props.scales.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Participant" }</th>
                        <th scope="col">{ "Score" }</th>
                        <th scope="col">{ "Reason" }</th>
                        if !props.read_only { <th scope="col">{ "Actions" }</th> }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
            }
            if !props.read_only {
                <form class="rs-item-list__form" novalidate=true {onsubmit} aria-label="Record a scale">
                    <h5 class="rs-item-list__form-heading">{ "Record a scale" }</h5>
                    <ErrorSummary items={summary_items} node_ref={form.summary.clone()} />
                    <Fields form="scale" fields={views} participants={props.participants.clone()} {onchange} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ "Save scale" }</button>
                    </div>
                </form>
            }
        </section>
    }
}
