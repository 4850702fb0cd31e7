//! Check and finalise: what still blocks finalising, the whole record to check with a
//! change link per stage, the finalise button; once final, the digest and the amendment
//! form, which asks who and why.

use super::error_summary::{ErrorSummary, SummaryItem};
use super::fields::{TextArea, TextField};
use super::minutes::Minutes;
use super::stages::Stage;
use super::state::WidgetContext;
use crate::meeting::{Command, Finding, Severity};
use crate::record::{Actor, DecisionRecord, Status};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the check-and-finalise stage.
#[derive(Properties, PartialEq)]
pub struct FinaliseProps {
    pub record: Rc<DecisionRecord>,
    pub findings: Rc<Vec<Finding>>,
    pub dispatch: Callback<Command>,
    /// Sends an amendment made by the named person.
    pub amend: Callback<(Command, Actor)>,
    pub on_jump: Callback<Stage>,
    pub mask_restricted: bool,
    pub actor: Rc<Actor>,
}

/// The check-and-finalise stage.
#[function_component(Finalise)]
pub fn finalise(props: &FinaliseProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let name = use_state(|| props.actor.name.clone());
    let role = use_state(|| props.actor.role.clone());
    let agency = use_state(|| props.actor.agency.clone());
    let reason = use_state(String::new);
    let change = use_state(String::new);
    let problems = use_state(Vec::<Finding>::new);
    let summary_ref = use_node_ref();
    // Bumped when a submit fails: the summary exists only after the next render, so it is
    // focused from an effect.
    let focus_summary = use_state(|| 0u32);
    {
        let summary_ref = summary_ref.clone();
        use_effect_with(*focus_summary, move |count| {
            if *count > 0 {
                if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                    let _ = summary.focus();
                }
            }
        });
    }
    let final_heading = use_node_ref();
    {
        // Finalising replaces the button that was pressed: focus moves to the heading that
        // says the record is final, not to the top of the page.
        let final_heading = final_heading.clone();
        let previous = use_mut_ref(|| props.record.meta.status);
        use_effect_with(props.record.meta.status, move |status| {
            let was = std::mem::replace(&mut *previous.borrow_mut(), *status);
            if was == Status::Draft && *status != Status::Draft {
                if let Some(heading) = final_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }
    let record = &props.record;
    let errors: Vec<&Finding> = props
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let warnings = props.findings.len() - errors.len();

    let finding_links = props.findings.iter().enumerate().map(|(index, finding)| {
        let stage = Stage::of_path(&finding.path).unwrap_or(Stage::Meeting);
        let onclick = props.on_jump.reform(move |event: MouseEvent| {
            event.prevent_default();
            stage
        });
        let severity = if finding.severity == Severity::Error {
            "Must fix"
        } else {
            "Consider"
        };
        html! {
            <li key={index} class={format!("rs-finalise__finding--{}", finding.severity.as_str())}>
                <span class="rs-finalise__severity">{ severity }</span>
                <a href={format!("#{}-stage-{}", context.id_prefix, stage.slug())} {onclick}>
                    { format!("{}: {}", stage.title(), finding.message) }
                </a>
            </li>
        }
    });
    let finalise = props.dispatch.reform(|_: MouseEvent| Command::Finalise);
    let onamend = {
        let (name, role, agency, reason, change, problems) = (
            name.clone(),
            role.clone(),
            agency.clone(),
            reason.clone(),
            change.clone(),
            problems.clone(),
        );
        let amend = props.amend.clone();
        let focus_summary = focus_summary.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut found = Vec::new();
            for (value, path, message) in [
                (&*name, "name", "Enter your name"),
                (&*reason, "reason", "Enter why the record is being amended"),
                (&*change, "change", "Enter the amendment"),
            ] {
                if value.trim().is_empty() {
                    found.push(Finding::error(path, message));
                }
            }
            if !found.is_empty() {
                problems.set(found);
                focus_summary.set(focus_summary.wrapping_add(1));
                return;
            }
            let actor = Actor {
                name: name.trim().to_string(),
                role: role.trim().to_string(),
                agency: agency.trim().to_string(),
            };
            amend.emit((
                Command::Amend {
                    reason: reason.trim().to_string(),
                    change: change.trim().to_string(),
                },
                actor,
            ));
            reason.set(String::new());
            change.set(String::new());
            problems.set(Vec::new());
        })
    };
    let error_for = |path: &str| {
        problems
            .iter()
            .find(|f| f.path == path)
            .map(|f| AttrValue::from(f.message.clone()))
    };
    let summary_items = problems
        .iter()
        .map(|f| SummaryItem {
            target_id: context.id(&format!("amend-{}", f.path)).into(),
            message: f.message.clone().into(),
        })
        .collect::<Vec<_>>();
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };

    html! {
        <div class="rs-finalise">
            if record.meta.status == Status::Draft {
                <section class="rs-finalise__status" aria-labelledby={context.id("finalise-status")}>
                    <h4 id={context.id("finalise-status")}>
                        { if errors.is_empty() { "Ready to finalise".to_string() } else { format!("{} {} to fix before finalising", errors.len(), if errors.len() == 1 { "thing" } else { "things" }) } }
                    </h4>
                    if warnings > 0 {
                        <p>{ format!("{warnings} {} for the group to consider; they do not block finalising.", if warnings == 1 { "point" } else { "points" }) }</p>
                    }
                    if !props.findings.is_empty() {
                        <ul class="rs-finalise__findings">{ for finding_links }</ul>
                    }
                </section>
                <section class="rs-finalise__check" aria-labelledby={context.id("check-heading")}>
                    <h4 id={context.id("check-heading")}>{ "Check the record" }</h4>
                    <Minutes record={props.record.clone()} config={context.config.clone()}
                        mask_restricted={props.mask_restricted} on_change_stage={Some(props.on_jump.clone())} level={5} />
                </section>
                <section class="rs-finalise__action" aria-labelledby={context.id("finalise-heading")}>
                    <h4 id={context.id("finalise-heading")}>{ "Finalise the record" }</h4>
                    <p>{ "Once finalised, the record is read-only: its digest is stored, and any later change is an amendment appended with who, when and why." }</p>
                    <button type="button" class="rs-button" onclick={finalise}>{ "Finalise the record" }</button>
                </section>
            } else {
                <section class="rs-finalise__final" aria-labelledby={context.id("final-heading")}>
                    <h4 id={context.id("final-heading")} class="rs-finalise__final-heading" tabindex="-1" ref={final_heading}>
                        { if record.meta.status == Status::Amended { "This record is final, with amendments" } else { "This record is final" } }
                    </h4>
                    <dl class="rs-summary-list">
                        <div class="rs-summary-list__row">
                            <dt class="rs-summary-list__key">{ "Finalised" }</dt>
                            <dd class="rs-summary-list__value">{ record.meta.finalised_at.map(|t| t.to_string()).unwrap_or_default() }</dd>
                        </div>
                        <div class="rs-summary-list__row">
                            <dt class="rs-summary-list__key">{ "Digest" }</dt>
                            <dd class="rs-summary-list__value rs-finalise__digest">{ record.meta.digest.clone().unwrap_or_default() }</dd>
                        </div>
                        <div class="rs-summary-list__row">
                            <dt class="rs-summary-list__key">{ "Amendments" }</dt>
                            <dd class="rs-summary-list__value">{ record.amendments.len() }</dd>
                        </div>
                    </dl>
                    <Minutes record={props.record.clone()} config={context.config.clone()}
                        mask_restricted={props.mask_restricted} level={5} />
                </section>
                <form class="rs-item-list__form rs-finalise__amend" novalidate=true onsubmit={onamend}
                    aria-label="Amend the record">
                    <h4>{ "Amend the record" }</h4>
                    <p>{ "Nothing in a final record is changed in place: an amendment is added to it, with who made it, when and why." }</p>
                    <ErrorSummary items={summary_items} node_ref={summary_ref} />
                    <TextField id={context.id("amend-name")} label="Your name" value={(*name).clone()}
                        error={error_for("name")} oninput={set(&name)} />
                    <TextField id={context.id("amend-role")} label="Your role" value={(*role).clone()} oninput={set(&role)} />
                    <TextField id={context.id("amend-agency")} label="Your agency" value={(*agency).clone()} oninput={set(&agency)} />
                    <TextArea id={context.id("amend-reason")} label="Why is the record being amended?" value={(*reason).clone()}
                        error={error_for("reason")} oninput={set(&reason)} />
                    <TextArea id={context.id("amend-change")} label="The amendment" value={(*change).clone()}
                        error={error_for("change")} oninput={set(&change)} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ "Add amendment" }</button>
                    </div>
                </form>
            }
        </div>
    }
}
