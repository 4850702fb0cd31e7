//! Check and finalise: what still blocks finalising, the whole record to check with a
//! change link per stage, the finalise button and the confirmation it asks for (what will
//! be locked, and that only amendments follow); once final, the digest and the amendment
//! form, which asks who and why.

use super::context::{use_effect_on, use_value, use_widget};
use super::dates;
use super::digest::Digest;
use super::error_summary::error_summary;
use super::follow_up::FollowUpForm;
use super::form::{build, lens, specs, texts_of, use_item_form, Control, Field, Fields, FormError};
use super::minutes::Minutes;
use super::specs::restrictions;
use super::stages::Stage;
use crate::meeting::{item_count, Command, Finding, Severity};
use crate::record::{
    Actor, AssessmentColumn, DecisionRecord, ItemKind, JsonPath, Restrictions, Status,
};
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

/// "1 decision", "3 decisions", "no decisions".
fn count(number: usize, one: &str, many: &str) -> String {
    match number {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{number} {many}"),
    }
}

/// What finalising locks, list by list, in words.
fn locked(record: &DecisionRecord) -> Vec<String> {
    let items = |kind: ItemKind| item_count(record, kind);
    let statements: usize = AssessmentColumn::ALL
        .iter()
        .map(|column| items(ItemKind::Statement(*column)))
        .sum();
    vec![
        count(record.participants.len(), "participant", "participants"),
        count(
            items(ItemKind::Subject),
            "person in the child's world",
            "people in the child's world",
        ),
        count(
            items(ItemKind::Information),
            "item of information shared",
            "items of information shared",
        ),
        count(items(ItemKind::Gap), "information gap", "information gaps"),
        count(statements, "assessment statement", "assessment statements"),
        count(record.scales.len(), "safety scale", "safety scales"),
        count(items(ItemKind::Decision), "decision", "decisions"),
        count(items(ItemKind::Risk), "risk", "risks"),
        count(items(ItemKind::Action), "action", "actions"),
        count(
            items(ItemKind::Contingency),
            "contingency plan",
            "contingency plans",
        ),
        count(
            items(ItemKind::FamilyCommunication),
            "thing the family will be told",
            "things the family will be told",
        ),
        count(
            items(ItemKind::Dissent),
            "record of dissent",
            "records of dissent",
        ),
        count(
            items(ItemKind::Recipient),
            "recipient of the record",
            "recipients of the record",
        ),
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
    let form = use_item_form(&start, container.clone());
    let final_heading = use_node_ref();
    // The confirmation finalising asks for: its heading takes focus when it opens, and the
    // finalise button takes it back when it is cancelled.
    let confirming = use_value(false);
    let confirm_heading = use_node_ref();
    let finalise_button = use_node_ref();
    {
        let (confirm_heading, finalise_button) = (confirm_heading.clone(), finalise_button.clone());
        let opened = use_mut_ref(|| false);
        use_effect_on(*confirming, move |confirming| {
            let was = std::mem::replace(&mut *opened.borrow_mut(), *confirming);
            let target = match (was, *confirming) {
                (false, true) => confirm_heading.cast::<HtmlElement>(),
                (true, false) => finalise_button.cast::<HtmlElement>(),
                _ => None,
            };
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    }
    {
        // Finalising replaces the button that was pressed: focus moves to the heading that
        // says the record is final, not to the top of the page.
        let final_heading = final_heading.clone();
        let previous = use_mut_ref(|| props.record.meta.status);
        let status = props.record.meta.status;
        use_effect_on(status, move |status| {
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
    // With errors left, finalising is refused at once and the refusal says why; otherwise
    // it asks first.
    let finalise = {
        let context = context.clone();
        let confirming = confirming.clone();
        let ready = errors.is_empty();
        Callback::from(move |_: MouseEvent| {
            if ready {
                confirming.set(true);
            } else {
                context.apply(Command::Finalise);
            }
        })
    };
    let confirm = {
        let context = context.clone();
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            // The final heading takes focus once the record is final; refused, the
            // refusal says why and the finalise button is back.
            if !context.apply(Command::Finalise) {
                confirming.set(false);
            }
        })
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let escape = {
        let confirming = confirming.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                confirming.set(false);
            }
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
            if form.refuses(&form.texts, &command, &record, own, &field_specs, &at) {
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
                    if *confirming {
                        <section class="rs-finalise__confirm" aria-labelledby={context.id("confirm-heading")} onkeydown={escape}>
                            <h5 class="rs-finalise__confirm-heading" id={context.id("confirm-heading")} tabindex="-1" ref={confirm_heading}>
                                { "Finalise this record?" }
                            </h5>
                            <p>{ "Finalising locks what the record holds now:" }</p>
                            <ul class="rs-finalise__locked">
                                { for locked(record).into_iter().map(|line| html! { <li key={line.clone()}>{ line }</li> }) }
                            </ul>
                            if warnings > 0 {
                                <p>{ format!("{warnings} {} for the group to consider {} still open.", if warnings == 1 { "point" } else { "points" }, if warnings == 1 { "is" } else { "are" }) }</p>
                            }
                            <p class="rs-finalise__warning">
                                <strong>{ "After finalising, nothing in the record can be changed: corrections and additions can only be added as amendments, with who made them, when and why." }</strong>
                            </p>
                            <div class="rs-button-group">
                                <button type="button" class="rs-button" onclick={confirm}>{ "Confirm and finalise" }</button>
                                <button type="button" class="rs-button rs-button--secondary" onclick={cancel}>{ "Cancel" }</button>
                            </div>
                        </section>
                    } else {
                        <button type="button" class="rs-button" onclick={finalise} ref={finalise_button}>{ "Finalise the record" }</button>
                    }
                </section>
            } else {
                <section class="rs-finalise__final" aria-labelledby={context.id("final-heading")}>
                    <h4 id={context.id("final-heading")} class="rs-finalise__final-heading" tabindex="-1" ref={final_heading}>
                        { if record.meta.status == Status::Amended { "This record is final, with amendments" } else { "This record is final" } }
                    </h4>
                    <dl class="rs-summary-list">
                        <div class="rs-summary-list__row">
                            <dt class="rs-summary-list__key">{ "Finalised" }</dt>
                            <dd class="rs-summary-list__value">{ record.meta.finalised_at.map(dates::moment).unwrap_or_default() }</dd>
                        </div>
                        <div class="rs-summary-list__row">
                            <dt class="rs-summary-list__key">{ "Digest" }</dt>
                            <dd class="rs-summary-list__value rs-finalise__digest">
                                if let Some(digest) = &record.meta.digest {
                                    <Digest value={digest.clone()} />
                                }
                            </dd>
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
                    { error_summary(&summary_items, &form.summary) }
                    <Fields form="amend" fields={views} participants={record.participants.clone()} {onchange} />
                    <div class="rs-button-group">
                        <button type="submit" class="rs-button">{ "Add amendment" }</button>
                    </div>
                </form>
                <FollowUpForm record={props.record.clone()} actor={props.actor.clone()} />
            }
        </div>
    }
}
