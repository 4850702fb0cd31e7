//! What happened after the meeting, on a final record: the form that appends a follow-up
//! (what happened, when, and what its kind needs: the enquiry's outcome, the conference's
//! plan, the medical's findings, the action completed, the new referral), asking who
//! records it. The core says what each kind must hold; the form shows its findings.

use super::context::use_widget;
use super::error_summary::error_summary;
use super::fields::Choice;
use super::form::{build, lens, specs, texts_of, use_item_form, Control, Field, Fields, FormError};
use super::specs::restrictions;
use crate::bidi::isolate;
use crate::meeting::{panel_notification_due, Command, Config, PANEL_NOTIFICATION_WORKING_DAYS};
use crate::record::{
    Actor, DecisionRecord, FollowUp, FollowUpKind, HarmCategory, IsoDate, JsonPath, Restrictions,
    S47Outcome, Tristate,
};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the follow-up form.
#[derive(Properties, PartialEq)]
pub struct FollowUpFormProps {
    pub record: Rc<DecisionRecord>,
    /// The operator the host named, who the form starts with.
    pub actor: Rc<Actor>,
}

/// What the form holds: who records it, and the follow-up itself.
#[derive(Clone, Debug, Default, PartialEq)]
struct FollowUpDraft {
    name: String,
    role: String,
    agency: String,
    kind: Option<FollowUpKind>,
    on: Option<IsoDate>,
    outcome: Option<S47Outcome>,
    plan: Tristate,
    categories: Vec<HarmCategory>,
    action_id: Option<String>,
    abuse_suspected: Tristate,
    details: String,
    restrictions: Option<Restrictions>,
}

/// The form's fields; the actions of the record are the choices of the action completed.
fn follow_up_fields(record: &DecisionRecord) -> Vec<Field<FollowUpDraft>> {
    type F = Field<FollowUpDraft>;
    let actions = record
        .actions
        .iter()
        .map(|action| Choice::new(action.id.clone(), isolate(&action.task).into_owned()))
        .collect();
    vec![
        F::new("name", "Your name", Control::Text, lens!(name)),
        F::new("role", "Your role", Control::Text, lens!(role)),
        F::new("agency", "Your agency", Control::Text, lens!(agency)),
        F::new(
            "kind",
            "What happened",
            Control::radios::<FollowUpKind>(false),
            lens!(kind),
        )
        .must_choose("Select what happened"),
        F::new("on", "When it happened", Control::Date, lens!(on)),
        F::new(
            "outcome",
            "The enquiry's outcome (Standard Safeguarding Dataset)",
            Control::choice::<S47Outcome>(),
            lens!(outcome),
        ),
        F::new(
            "plan",
            "The conference: is the child subject to a child protection plan?",
            Control::radios::<Tristate>(true),
            lens!(plan),
        ),
        F::new(
            "categories",
            "The plan's category of harm",
            Control::checkboxes::<HarmCategory>(),
            lens!(categories),
        ),
        F::new(
            "actionId",
            "The action completed",
            Control::Choice(actions),
            lens!(action_id),
        ),
        F::new(
            "abuseSuspected",
            "Is abuse or neglect known or suspected?",
            Control::radios::<Tristate>(true),
            lens!(abuse_suspected),
        )
        .hint("If so, the Child Safeguarding Practice Review Panel must be notified within 5 working days."),
        F::new(
            "details",
            "What happened, in words",
            Control::TextArea,
            lens!(details),
        )
        .hint("The medical's findings; what the new referral, injury or harm was."),
        restrictions(lens!(restrictions), &[]),
    ]
}

/// Whether the field `key` applies to a follow-up of `kind`: the fields of one kind only
/// once that kind is chosen.
fn applies(kind: Option<FollowUpKind>, key: &str) -> bool {
    let only = |kinds: &[FollowUpKind]| kind.is_some_and(|kind| kinds.contains(&kind));
    match key {
        "outcome" => only(&[FollowUpKind::EnquiryOutcome]),
        "plan" | "categories" => only(&[FollowUpKind::ConferenceHeld]),
        "actionId" => only(&[FollowUpKind::ActionCompleted]),
        "abuseSuspected" => only(&[FollowUpKind::SeriousIncident]),
        _ => true,
    }
}

/// What the chair is asked while a follow-up says the child died or was seriously harmed,
/// with abuse or neglect known or suspected, and none says the Panel was notified.
fn panel_prompt(record: &DecisionRecord, config: &Config) -> Option<String> {
    let notification = record.panel_notification()?;
    if notification.notified.is_some() {
        return None;
    }
    let due = panel_notification_due(notification.learned, &config.holidays);
    Some(format!(
        "Notify the Child Safeguarding Practice Review Panel of the child's death or serious \
         harm by {} ({PANEL_NOTIFICATION_WORKING_DAYS} working days; Children Act 2004, \
         section 16C), then add a follow-up: \"{}\".",
        super::dates::date(due),
        FollowUpKind::PanelNotified.label()
    ))
}

/// The follow-up form of a final record.
#[function_component(FollowUpForm)]
pub fn follow_up_form(props: &FollowUpFormProps) -> Html {
    let context = use_widget();
    let fields = Rc::new(follow_up_fields(&props.record));
    let field_specs = specs(&fields);
    let container = use_node_ref();
    let start = {
        let fields = fields.clone();
        let actor = props.actor.clone();
        move || {
            texts_of(
                &fields,
                &FollowUpDraft {
                    name: actor.name.clone(),
                    role: actor.role.clone(),
                    agency: actor.agency.clone(),
                    restrictions: Some(Restrictions::none()),
                    ..FollowUpDraft::default()
                },
            )
        }
    };
    let form = use_item_form(&start, container.clone());
    let record = &props.record;
    let at = JsonPath::keys(&["followUp"]).index(record.follow_up.len());
    let onsubmit = {
        let form = form.clone();
        let fields = fields.clone();
        let field_specs = field_specs.clone();
        let context = context.clone();
        let at = at.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let draft = build(&fields, FollowUpDraft::default(), &form.texts);
            let actor = Actor {
                name: draft.name.trim().to_string(),
                role: draft.role.trim().to_string(),
                agency: draft.agency.trim().to_string(),
            };
            let record = context.session.record();
            // Who records it, and what happened, are the form's own questions; what each
            // kind needs is the core's.
            let mut own = Vec::new();
            if actor.name.is_empty() {
                own.push(FormError::Missing {
                    field: "name",
                    message: "Enter your name",
                });
            }
            let Some(kind) = draft.kind else {
                own.push(FormError::Missing {
                    field: "kind",
                    message: "Select what happened",
                });
                form.refuse(own, &field_specs, &at);
                return;
            };
            // Its author and time are the core's, from who is recording it and when.
            let command = Command::FollowUp(FollowUp {
                by: actor.clone(),
                at: record.meta.created_at,
                kind,
                on: draft.on,
                // What a kind chosen before asked for is not sent with another.
                outcome: draft.outcome.filter(|_| applies(Some(kind), "outcome")),
                plan: if applies(Some(kind), "plan") {
                    draft.plan
                } else {
                    Tristate::Unknown
                },
                categories: if applies(Some(kind), "categories") {
                    draft.categories.clone()
                } else {
                    Vec::new()
                },
                action_id: draft
                    .action_id
                    .clone()
                    .filter(|_| applies(Some(kind), "actionId")),
                abuse_suspected: if applies(Some(kind), "abuseSuspected") {
                    draft.abuse_suspected
                } else {
                    Tristate::Unknown
                },
                details: draft.details.clone(),
                restrictions: draft.restrictions.clone(),
            });
            if form.refuses(&form.texts, &command, &record, own, &field_specs, &at) {
                return;
            }
            if !context.session.apply_as(command, &actor) {
                return;
            }
            form.errors.set(Vec::new());
            let next = FollowUpDraft {
                name: draft.name,
                role: draft.role,
                agency: draft.agency,
                restrictions: Some(Restrictions::none()),
                ..FollowUpDraft::default()
            };
            form.texts.set(Rc::new(texts_of(&fields, &next)));
        })
    };
    let onchange = {
        let form = form.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(index, text))
    };
    // Only what the chosen kind asks for is shown, beside who records it, when, the words
    // and who may receive it.
    let kind = build(&fields, FollowUpDraft::default(), &form.texts).kind;
    let mut views = form.views(&field_specs, &at, &[]);
    for (view, spec) in views.iter_mut().zip(field_specs.iter()) {
        view.hidden = !applies(kind, spec.key);
    }
    let summary_items = form.summary_items(&field_specs, &at, |field| {
        context.id(&field.control_name("follow-up"))
    });
    html! {
        <form class="rs-item-list__form rs-finalise__follow-up" novalidate=true {onsubmit}
            aria-label="What happened after the meeting" ref={container}>
            <h4>{ "What happened after the meeting" }</h4>
            <p>{ "The enquiry's outcome, the conference, the medical's findings, an action completed, a new referral, a death or serious harm and the Panel's notification: each is added to the record, with who recorded it and when, and changes nothing in it." }</p>
            if let Some(prompt) = panel_prompt(record, &context.config) {
                <div class="rs-notice" role="note" aria-label="Serious incident notification">
                    <p class="rs-notice__text">{ prompt }</p>
                </div>
            }
            { error_summary(&summary_items, &form.summary) }
            <Fields form="follow-up" fields={views} participants={record.participants.clone()} {onchange} />
            <div class="rs-button-group">
                <button type="submit" class="rs-button">{ "Add follow-up" }</button>
            </div>
        </form>
    }
}
