//! Safety scales: each participant's own 0-10 view, shown on one line labelled by person
//! and agency with their reasons. The spread is the information, so it is shown and, at
//! three points or more, the group is asked to discuss it; nothing is ever averaged.

use super::error_summary::{focus_by_id, ErrorSummary, SummaryItem};
use super::fields::{Choice, SelectField, TextArea};
use super::form::participant_label;
use super::state::WidgetContext;
use crate::meeting::{scale_spread, Command, Finding, Item, SPREAD_TO_DISCUSS};
use crate::record::{Dissent, Participant, SafetyScale};
use std::rc::Rc;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Props of the scales stage.
#[derive(Properties, PartialEq)]
pub struct ScalesProps {
    pub scales: Vec<SafetyScale>,
    pub participants: Rc<Vec<Participant>>,
    pub discussion: AttrValue,
    pub findings: Rc<Vec<Finding>>,
    pub dispatch: Callback<Command>,
    #[prop_or_default]
    pub read_only: bool,
}

/// The scales stage.
#[function_component(Scales)]
pub fn scales(props: &ScalesProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let who = use_state(String::new);
    let score = use_state(String::new);
    let reason = use_state(String::new);
    let problems = use_state(Vec::<Finding>::new);
    let dissent_who = use_state(String::new);
    let dissent_view = use_state(String::new);
    let dissent_problems = use_state(Vec::<Finding>::new);
    let summary_ref = use_node_ref();
    // Bumped to move focus to the element with this id after the next render (the form's
    // first field after Change or Withdraw, whose button may be gone).
    let focus_request = use_state(|| (0u32, String::new()));
    let section_ref = use_node_ref();
    {
        let section_ref = section_ref.clone();
        let summary_ref = summary_ref.clone();
        use_effect_with((*focus_request).clone(), move |(counter, id)| {
            if *counter > 0 {
                if id.is_empty() {
                    if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                        let _ = summary.focus();
                    }
                } else if let Some(section) = section_ref.cast::<Element>() {
                    focus_by_id(&section, id);
                }
            }
        });
    }
    let request_focus = {
        let focus_request = focus_request.clone();
        move |id: String| focus_request.set((focus_request.0.wrapping_add(1), id))
    };
    let participant_field = context.id("scale-participant");
    let label_of = |id: &str| {
        props
            .participants
            .iter()
            .find(|p| p.id == id)
            .map(participant_label)
            .unwrap_or_else(|| format!("{id}: no longer a participant"))
    };

    let onsubmit = {
        let (who, score, reason, problems) =
            (who.clone(), score.clone(), reason.clone(), problems.clone());
        let dispatch = props.dispatch.clone();
        let request_focus = request_focus.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut found = Vec::new();
            if who.is_empty() {
                found.push(Finding::error("participant", "Select whose view this is"));
            }
            let parsed = score.parse::<u8>().ok().filter(|value| *value <= 10);
            if parsed.is_none() {
                found.push(Finding::error("score", "Select a score from 0 to 10"));
            }
            if let (true, Some(value)) = (found.is_empty(), parsed) {
                dispatch.emit(Command::SetScale(SafetyScale {
                    participant_id: (*who).clone(),
                    score: value,
                    reason: reason.trim().to_string(),
                }));
                who.set(String::new());
                score.set(String::new());
                reason.set(String::new());
                problems.set(Vec::new());
            } else {
                problems.set(found);
                // An empty id asks for the error summary, which exists after the render.
                request_focus(String::new());
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
    let rows = props.scales.iter().map(|scale| {
        let change = {
            let (who, score, reason) = (who.clone(), score.clone(), reason.clone());
            let scale = scale.clone();
            let request_focus = request_focus.clone();
            let field = participant_field.clone();
            Callback::from(move |_: MouseEvent| {
                who.set(scale.participant_id.clone());
                score.set(scale.score.to_string());
                reason.set(scale.reason.clone());
                request_focus(field.clone());
            })
        };
        let withdraw = {
            let participant_id = scale.participant_id.clone();
            let dispatch = props.dispatch.clone();
            let request_focus = request_focus.clone();
            let field = participant_field.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Command::RemoveScale { participant_id: participant_id.clone() });
                // The row and its button are gone: focus moves to the form.
                request_focus(field.clone());
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
    let people: Vec<Choice> = props
        .participants
        .iter()
        .map(|p| Choice::new(p.id.clone(), participant_label(p)))
        .collect();
    let record_dissent = {
        let (dissent_who, dissent_view) = (dissent_who.clone(), dissent_view.clone());
        let dissent_problems = dissent_problems.clone();
        let dispatch = props.dispatch.clone();
        let request_focus = request_focus.clone();
        let (who_id, view_id) = (
            context.id("scale-dissent-who"),
            context.id("scale-dissent-view"),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut found = Vec::new();
            if dissent_who.is_empty() {
                found.push(Finding::error("who", "Select who disagrees"));
            }
            if dissent_view.trim().is_empty() {
                found.push(Finding::error(
                    "view",
                    "Enter their view in their own words",
                ));
            }
            if let Some(first) = found.first() {
                request_focus(if first.path == "who" {
                    who_id.clone()
                } else {
                    view_id.clone()
                });
                dissent_problems.set(found);
                return;
            }
            dissent_problems.set(Vec::new());
            dispatch.emit(Command::Add(Item::Dissent(Dissent {
                participant_id: (*dissent_who).clone(),
                view: dissent_view.trim().to_string(),
                ..Dissent::default()
            })));
            dissent_who.set(String::new());
            dissent_view.set(String::new());
        })
    };
    let summary_items = problems
        .iter()
        .map(|finding| SummaryItem {
            target_id: context.id(&format!("scale-{}", finding.path)).into(),
            message: finding.message.clone().into(),
        })
        .collect::<Vec<_>>();
    let dissent_error = |path: &str| {
        dissent_problems
            .iter()
            .find(|finding| finding.path == path)
            .map(|finding| AttrValue::from(finding.message.clone()))
    };
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
                                oninput={props.dispatch.reform(Command::EditScaleDiscussion)}
                            />
                        }
                        if !props.read_only {
                            <form class="rs-scales__dissent" novalidate=true onsubmit={record_dissent}
                                aria-label="Record dissent from the scales">
                                <SelectField
                                    id={context.id("scale-dissent-who")}
                                    label="Who disagrees"
                                    placeholder="Select a participant"
                                    choices={people.clone()}
                                    value={(*dissent_who).clone()}
                                    error={dissent_error("who")}
                                    onchange={let d = dissent_who.clone(); Callback::from(move |v: String| d.set(v))}
                                />
                                <TextArea
                                    id={context.id("scale-dissent-view")}
                                    label="Their view, in their own words"
                                    value={(*dissent_view).clone()}
                                    error={dissent_error("view")}
                                    oninput={let d = dissent_view.clone(); Callback::from(move |v: String| d.set(v))}
                                />
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
                    <ErrorSummary items={summary_items} node_ref={summary_ref} />
                    <SelectField
                        id={context.id("scale-participant")}
                        label="Whose view"
                        placeholder="Select a participant"
                        choices={people}
                        value={(*who).clone()}
                        error={problems.iter().find(|f| f.path == "participant").map(|f| AttrValue::from(f.message.clone()))}
                        onchange={let who = who.clone(); Callback::from(move |v: String| who.set(v))}
                    />
                    <SelectField
                        id={context.id("scale-score")}
                        label="Score"
                        placeholder="Select a score"
                        choices={(0..=10).map(|n: u8| Choice::new(n.to_string(), n.to_string())).collect::<Vec<_>>()}
                        value={(*score).clone()}
                        error={problems.iter().find(|f| f.path == "score").map(|f| AttrValue::from(f.message.clone()))}
                        onchange={let score = score.clone(); Callback::from(move |v: String| score.set(v))}
                    />
                    <TextArea
                        id={context.id("scale-reason")}
                        label="Why this score"
                        value={(*reason).clone()}
                        oninput={let reason = reason.clone(); Callback::from(move |v: String| reason.set(v))}
                    />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ "Save scale" }</button>
                    </div>
                </form>
            }
        </section>
    }
}
