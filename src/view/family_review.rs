//! The chair's review of the family's copy: every sentence that could go to the family,
//! each with its own approval (and the police's agreement while they investigate), the lead
//! worker the copy names, and the copy itself as the family will read it. Nothing reaches
//! the family that is not approved here or recorded as what they will be told.

use super::context::{use_widget, WidgetContext};
use super::fields::{select_field, Choice, SelectFieldProps};
use super::form::participant_label;
use crate::bidi::isolate;
use crate::copy::{candidates, family_copy, family_letter, investigation_open, Candidate};
use crate::meeting::Command;
use crate::record::{AssessmentColumn, DecisionRecord, FamilyApproval, ItemKind, Restricted};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the review.
#[derive(Properties)]
pub struct FamilyReviewProps {
    pub record: Rc<DecisionRecord>,
    /// Whether restricted items are shown (screen-safe off, or revealed on purpose).
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

/// Only what the review shows counts.
impl PartialEq for FamilyReviewProps {
    fn eq(&self, other: &Self) -> bool {
        let shown = |record: &DecisionRecord| {
            (
                record.family_copy.clone(),
                candidates(record),
                family_letter(&family_copy(record)),
            )
        };
        self.revealed == other.revealed
            && self.read_only == other.read_only
            && self.record.participants == other.record.participants
            && shown(&self.record) == shown(&other.record)
    }
}

/// The heading of the candidates of one list.
fn group_heading(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Statement(column) => column.label(),
        ItemKind::Decision => "Decisions",
        _ => "Actions",
    }
}

/// The review.
#[function_component(FamilyReview)]
pub fn family_review(props: &FamilyReviewProps) -> Html {
    let context = use_widget();
    let record = &props.record;
    let all = candidates(record);
    // Changes the plan of the record as it is now, so that two quick ticks both count.
    let change_plan = {
        let context = context.clone();
        move |change: Box<dyn Fn(&mut crate::record::FamilyCopyPlan)>| {
            let context = context.clone();
            Callback::from(move |_: Event| edit_plan(&context, &*change))
        }
    };
    let lead = {
        let context = context.clone();
        Callback::from(move |id: String| {
            edit_plan(&context, &|plan| {
                plan.lead_worker_id = (!id.is_empty()).then_some(id.clone());
            })
        })
    };
    let people: Vec<Choice> = record
        .participants
        .iter()
        .map(|person| Choice::new(person.id.clone(), participant_label(person)))
        .collect();
    let item = |candidate: &Candidate| {
        let key = format!(
            "family-{}-{}",
            candidate.kind.key().replace('.', "-"),
            candidate.id
        );
        let id = context.id(&key);
        let restricted = !candidate.restrictions.is_empty();
        let hidden = restricted && !props.revealed;
        let sentence = if hidden {
            "Hidden on the shared screen".to_string()
        } else {
            isolate(&candidate.sentence).into_owned()
        };
        let (kind, item_id) = (candidate.kind, candidate.id.clone());
        let approve = change_plan(Box::new(move |plan| {
            let before = plan.approved.len();
            plan.approved
                .retain(|approval| !(approval.list == kind && approval.id == item_id));
            if plan.approved.len() == before {
                plan.approved.push(FamilyApproval {
                    list: kind,
                    id: item_id.clone(),
                    police_agreed: false,
                });
            }
        }));
        let item_id = candidate.id.clone();
        let agree = change_plan(Box::new(move |plan| {
            for approval in &mut plan.approved {
                if approval.list == kind && approval.id == item_id {
                    approval.police_agreed = !approval.police_agreed;
                }
            }
        }));
        html! {
            <li class="rs-family-review__item" key={key.clone()}>
                <div class="rs-checkboxes__item">
                    <input class="rs-checkboxes__input" type="checkbox" id={id.clone()}
                        checked={candidate.approved && !restricted}
                        disabled={props.read_only || restricted}
                        aria-describedby={restricted.then(|| format!("{id}-why"))}
                        onchange={approve} />
                    <label class="rs-checkboxes__label" for={id.clone()}>{ sentence }</label>
                </div>
                if restricted {
                    <p class="rs-family-review__why" id={format!("{id}-why")}>
                        { format!("Restricted ({}): it cannot go to the family.", candidate.restrictions.words().to_ascii_lowercase()) }
                    </p>
                } else if candidate.needs_police && candidate.approved {
                    <div class="rs-checkboxes__item rs-family-review__police">
                        <input class="rs-checkboxes__input" type="checkbox" id={format!("{id}-police")}
                            checked={candidate.police_agreed} disabled={props.read_only}
                            onchange={agree} />
                        <label class="rs-checkboxes__label" for={format!("{id}-police")}>
                            { "The police agree the family may be told this" }
                        </label>
                    </div>
                }
            </li>
        }
    };
    let kinds = AssessmentColumn::ALL
        .iter()
        .map(|column| ItemKind::Statement(*column))
        .chain([ItemKind::Decision, ItemKind::Action]);
    let groups =
        kinds.filter_map(|kind| {
            let members: Vec<&Candidate> = all
                .iter()
                .filter(|candidate| candidate.kind == kind)
                .collect();
            (!members.is_empty()).then(|| html! {
            <fieldset class="rs-fieldset rs-family-review__group" key={kind.key()}>
                <legend class="rs-fieldset__legend">{ group_heading(kind) }</legend>
                <ul class="rs-family-review__items">{ for members.into_iter().map(item) }</ul>
            </fieldset>
        })
        });
    // On a shared screen the preview, too, hides what restricted items say: the words of a
    // message whose item is restricted are shown only once revealed.
    let letter = if props.revealed {
        family_letter(&family_copy(record))
    } else {
        let mut masked = (**record).clone();
        for talk in &mut masked.family_communication {
            if talk.is_restricted() {
                talk.what = "Hidden on the shared screen".into();
                talk.to_whom.clear();
            }
        }
        family_letter(&family_copy(&masked))
    };
    let heading_id = context.id("family-review-heading");
    let preview_id = context.id("family-letter-heading");
    html! {
        <section class="rs-family-review" aria-labelledby={heading_id.clone()}>
            <h4 class="rs-family-review__heading" id={heading_id}>{ "The family's copy" }</h4>
            <p class="rs-family-review__intro">
                { "The family receive what they will be told (above) and only the items approved here. A restricted item cannot be approved." }
            </p>
            if investigation_open(record) {
                <p class="rs-family-review__intro">
                    { "A criminal investigation is open: decisions and actions go only with the police's agreement." }
                </p>
            }
            <fieldset class="rs-fieldset" disabled={props.read_only}>
                <legend class="rs-visually-hidden">{ "Lead worker" }</legend>
                { select_field(SelectFieldProps {
                    id: context.id("family-lead-worker").into(),
                    label: "Lead worker named in the family's copy".into(),
                    hint: Some("The one professional whose name and role the family's copy gives.".into()),
                    placeholder: "Select the lead worker".into(),
                    choices: people,
                    value: record.family_copy.as_ref().and_then(|plan| plan.lead_worker_id.clone()).unwrap_or_default().into(),
                    onchange: lead,
                    error: None,
                }) }
            </fieldset>
            { for groups }
            <section class="rs-family-review__preview" aria-labelledby={preview_id.clone()}>
                <h5 class="rs-family-review__preview-heading" id={preview_id}>{ "What the family's copy says" }</h5>
                { family_letter_view(&letter) }
            </section>
        </section>
    }
}

/// The family's letter (its text, [`family_letter`]): its lines as paragraphs, its `- `
/// lines as lists, each line of the record's text isolated.
pub fn family_letter_view(letter: &str) -> Html {
    let mut blocks: Vec<Html> = Vec::new();
    let mut items: Vec<Html> = Vec::new();
    let flush = |items: &mut Vec<Html>, blocks: &mut Vec<Html>| {
        if !items.is_empty() {
            let list = std::mem::take(items);
            blocks.push(html! { <ul class="rs-family-letter__list">{ for list }</ul> });
        }
    };
    for line in letter.lines() {
        match line.strip_prefix("- ") {
            Some(item) => items.push(html! { <li>{ isolate(item).into_owned() }</li> }),
            None => {
                flush(&mut items, &mut blocks);
                if !line.is_empty() {
                    blocks.push(html! { <p class="rs-family-letter__line">{ isolate(line).into_owned() }</p> });
                }
            }
        }
    }
    flush(&mut items, &mut blocks);
    html! { <div class="rs-family-letter">{ for blocks }</div> }
}

/// Changes the family's copy plan of the record as it is when the change is made, so that
/// two quick changes both count.
fn edit_plan(context: &WidgetContext, change: &dyn Fn(&mut crate::record::FamilyCopyPlan)) {
    let mut plan = context
        .session
        .record()
        .family_copy
        .clone()
        .unwrap_or_default();
    change(&mut plan);
    context.apply(Command::EditFamilyCopy(plan));
}
