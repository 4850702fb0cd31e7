//! Check and finalise: what still blocks finalising, the whole record to check with a
//! change link per stage, the finalise button; once final, the digest and the amendment
//! form, which asks who and why.

use super::context::use_widget;
use super::error_summary::ErrorSummary;
use super::form::{build, lens, specs, texts_of, use_item_form, Control, Field, Fields, FormError};
use super::minutes::Minutes;
use super::specs::restrictions;
use super::stages::Stage;
use crate::bidi::isolate;
use crate::meeting::{Command, Finding, Severity};
use crate::record::{Actor, DecisionRecord, JsonPath, Restrictions, Status};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the check-and-finalise stage.
#[derive(Properties, PartialEq)]
pub struct FinaliseProps {
    pub record: Rc<DecisionRecord>,
    pub findings: Rc<Vec<Finding>>,
    pub on_jump: Callback<Stage>,
    pub mask_restricted: bool,
    pub actor: Rc<Actor>,
}

/// What the amendment form holds: who amends (as the host named the operator, or someone
/// else at the keyboard), why, and the amendment.
#[derive(Clone, Debug, Default, PartialEq)]
struct AmendmentDraft {
    name: String,
    role: String,
    agency: String,
    reason: String,
    change: String,
    restrictions: Option<Restrictions>,
}

fn amendment_fields() -> Vec<Field<AmendmentDraft>> {
    type F = Field<AmendmentDraft>;
    vec![
        F::new("name", "Your name", Control::Text, lens!(name)),
        F::new("role", "Your role", Control::Text, lens!(role)),
        F::new("agency", "Your agency", Control::Text, lens!(agency)),
        F::new(
            "reason",
            "Why is the record being amended?",
            Control::TextArea,
            lens!(reason),
        ),
        F::new("change", "The amendment", Control::TextArea, lens!(change)),
        restrictions(lens!(restrictions), &[]),
    ]
}

/// The check-and-finalise stage.
#[function_component(Finalise)]
pub fn finalise(props: &FinaliseProps) -> Html {
    let context = use_widget();
    let fields = Rc::new(amendment_fields());
    let field_specs = specs(&fields);
    let container = use_node_ref();
    // The form starts with the operator the host named.
    let start = {
        let fields = fields.clone();
        let actor = props.actor.clone();
        move || {
            texts_of(
                &fields,
                &AmendmentDraft {
                    name: actor.name.clone(),
                    role: actor.role.clone(),
                    agency: actor.agency.clone(),
                    restrictions: Some(Restrictions::none()),
                    ..AmendmentDraft::default()
                },
            )
        }
    };
    let form = use_item_form(start, container.clone());
    let final_heading = use_node_ref();
    {
        // Finalising replaces the button that was pressed: focus moves to the heading that
        // says the record is final, not to the top of the page.
        let final_heading = final_heading.clone();
        let previous = use_mut_ref(|| props.record.meta.status);
        let status = props.record.meta.status;
        use_effect_with(status, move |status| {
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
        html! {
            <li key={index} class={format!("rs-finalise__finding--{}", finding.severity.as_str())}>
                <span class="rs-finalise__severity">{ finding.severity.label() }</span>
                <a href={format!("#{}-stage-{}", context.id_prefix, stage.slug())} {onclick}>
                    { format!("{}: {}", stage.title(), finding.message) }
                </a>
            </li>
        }
    });
    let finalise = {
        let context = context.clone();
        Callback::from(move |_: MouseEvent| {
            context.apply(Command::Finalise);
        })
    };
    let at = JsonPath::keys(&["amendments"]).index(record.amendments.len());
    let onamend = {
        let form = form.clone();
        let fields = fields.clone();
        let field_specs = field_specs.clone();
        let context = context.clone();
        let at = at.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let draft = build(&fields, AmendmentDraft::default(), &form.texts);
            let command = Command::Amend {
                reason: draft.reason.trim().to_string(),
                change: draft.change.trim().to_string(),
                restrictions: draft.restrictions.clone(),
            };
            // Who amends is the form's own question; why and what are the core's.
            let own = if draft.name.trim().is_empty() {
                vec![FormError::Missing {
                    field: "name",
                    message: "Enter your name",
                }]
            } else {
                Vec::new()
            };
            let record = context.session.record();
            if form.refuses(&command, &record, own, &field_specs, &at) {
                return;
            }
            let actor = Actor {
                name: draft.name.trim().to_string(),
                role: draft.role.trim().to_string(),
                agency: draft.agency.trim().to_string(),
            };
            if !context.session.apply_as(command, &actor) {
                return;
            }
            form.errors.set(Vec::new());
            let next = AmendmentDraft {
                reason: String::new(),
                change: String::new(),
                restrictions: Some(Restrictions::none()),
                ..draft
            };
            form.texts.set(Rc::new(texts_of(&fields, &next)));
        })
    };
    let onchange = {
        let form = form.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(index, text))
    };
    let views = form.views(&field_specs, &at, &[]);
    let summary_items = form.summary_items(&field_specs, &at, |field| {
        context.id(&field.control_name("amend"))
    });

    html! {
        <div class="rs-finalise" ref={container}>
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
                            <dd class="rs-summary-list__value rs-finalise__digest">{ isolate(record.meta.digest.as_deref().unwrap_or_default()).into_owned() }</dd>
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
                    <ErrorSummary items={summary_items} node_ref={form.summary.clone()} />
                    <Fields form="amend" fields={views} participants={Rc::new(record.participants.clone())} {onchange} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ "Add amendment" }</button>
                    </div>
                </form>
            }
        </div>
    }
}
