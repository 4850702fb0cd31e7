//! Safety scales: each participant's own 0-10 view, shown on one line labelled by person
//! and agency with their reasons. The spread is the information, so it is shown and, at
//! three points or more, the group is asked to discuss it; nothing is ever averaged. A
//! second scale for someone who has one asks first whether to replace it, showing it.

use super::class_list;
use super::context::{use_effect_on, use_value, use_widget};
use super::error_summary::error_summary;
use super::focus::FocusTarget;
use super::form::{
    build, lens, new_texts, participant_label, specs, texts_of, use_item_form, Control, Field,
    FieldView, Fields, FormError,
};
use super::quick::{QuickEntry, QuickKeys};
use super::section_form::section_change;
use super::specs::{restrictions, SectionSpec};
use crate::bidi::isolate;
use crate::meeting::{scale_spread, Command, Finding, Item, SPREAD_TO_DISCUSS};
use crate::record::{
    Attendance, DecisionRecord, Dissent, ItemKind, JsonPath, Participant, Restricted, Restrictions,
    SafetyScale, Shared,
};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the scales stage.
#[derive(Properties, PartialEq)]
pub struct ScalesProps {
    pub scales: Vec<SafetyScale>,
    pub participants: Shared<Vec<Participant>>,
    pub discussion: AttrValue,
    /// Who may receive the discussion.
    pub discussion_restrictions: Option<Restrictions>,
    pub findings: Rc<Vec<Finding>>,
    /// Whether restricted reasons are shown (screen-safe off, or revealed on purpose).
    #[prop_or(true)]
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

/// What a scale typed in one line gives: whose view, the score and why.
const SCALE_LINE: QuickKeys = &["participantId", "score", "reason"];

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
        restrictions::<SafetyScale>(lens!(restrictions), &[]),
    ]
}

/// The group's discussion of the spread, as its form edits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Discussion {
    text: String,
    restrictions: Option<Restrictions>,
}

fn discussion_fields() -> Vec<Field<Discussion>> {
    type F = Field<Discussion>;
    vec![
        F::new(
            "scaleDiscussion",
            "What the group made of the difference",
            Control::TextArea,
            lens!(text),
        )
        .named("discussion"),
        restrictions::<Discussion>(lens!(restrictions), &[]).named("discussion-restrictions"),
    ]
}

/// The discussion as a section of the record: one not written yet shows the form's
/// defaults.
pub(crate) fn discussion() -> SectionSpec<Discussion> {
    SectionSpec {
        form: "scale",
        heading: "What the group made of the difference",
        intro: None,
        fields: discussion_fields(),
        keys: &["assessment"],
        read: |record| {
            let assessment = &record.assessment;
            let unwritten = assessment.scale_discussion.is_empty()
                && assessment.scale_discussion_restrictions.is_none();
            (!unwritten).then(|| Discussion {
                text: assessment.scale_discussion.clone(),
                restrictions: assessment.scale_discussion_restrictions.clone(),
            })
        },
        command: |discussion| Command::EditScaleDiscussion {
            text: discussion.text,
            restrictions: discussion.restrictions,
        },
        follow: super::defaults::nothing_follows,
        started: |record| !record.assessment.scale_discussion.is_empty(),
        restricted: |record| {
            let assessment = &record.assessment;
            !assessment.scale_discussion.is_empty()
                && assessment
                    .scale_discussion_restrictions
                    .as_ref()
                    .is_none_or(|restrictions| !restrictions.is_empty())
        },
    }
}

/// The question a second scale for one person asks: their earlier score and reason (hidden
/// on the shared screen when restricted), and whether the new one replaces it.
#[allow(clippy::too_many_arguments)]
fn replace_question(
    scales: &[SafetyScale],
    new: &SafetyScale,
    who: &str,
    revealed: bool,
    question: &NodeRef,
    heading_id: &str,
    replace: Callback<MouseEvent>,
    keep: Callback<MouseEvent>,
    escape: Callback<KeyboardEvent>,
) -> Html {
    let Some(earlier) = scales
        .iter()
        .find(|scale| scale.participant_id == new.participant_id)
    else {
        return html! {};
    };
    let reason = if earlier.reason.trim().is_empty() {
        "no reason recorded".to_string()
    } else if !revealed && earlier.is_restricted() {
        "the reason is hidden on the shared screen".to_string()
    } else {
        format!("\u{201c}{}\u{201d}", isolate(earlier.reason.trim()))
    };
    html! {
        <section class="rs-scales__replace" aria-labelledby={heading_id.to_string()} onkeydown={escape}>
            <h6 class="rs-scales__replace-heading" id={heading_id.to_string()} tabindex="-1" ref={question.clone()}>
                { format!("{who} has a scale already") }
            </h6>
            <p>{ format!("Their earlier score is {} ({reason}).", earlier.score) }</p>
            <p>{ format!("Replace it with {}?", new.score) }</p>
            <div class="rs-button-group">
                <button type="button" class="rs-button" onclick={replace}>{ "Replace" }</button>
                <button type="button" class="rs-button rs-button--secondary" onclick={keep}>{ "Keep the earlier one" }</button>
            </div>
        </section>
    }
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
        restrictions::<Dissent>(lens!(restrictions), &[]),
    ]
}

/// The scale form for the next view to record: whose view it is starts as the first present
/// participant without one, for the chair to change.
fn next_scale_texts(fields: &[Field<SafetyScale>], record: &DecisionRecord) -> Vec<String> {
    let mut texts = new_texts(fields);
    if let Some(next) = record.participants.iter().find(|person| {
        person.attendance == Attendance::Attended
            && !record
                .scales
                .iter()
                .any(|scale| scale.participant_id == person.id)
    }) {
        texts[0] = next.id.clone();
    }
    texts
}

/// The scales stage.
#[function_component(Scales)]
pub fn scales(props: &ScalesProps) -> Html {
    let context = use_widget();
    let section_ref = use_node_ref();
    let fields = Rc::new(scale_fields());
    let scale_specs = specs(&fields);
    let form = use_item_form(
        &|| next_scale_texts(&fields, &context.session.record()),
        section_ref.clone(),
    );
    let opposing = Rc::new(dissent_fields());
    let dissent_specs = specs(&opposing);
    let dissent = use_item_form(&|| new_texts(&opposing), section_ref.clone());
    let participant_field = context.id("scale-participant");
    // A scale waiting for the chair to say whether it replaces the one that person gave
    // earlier; its question takes focus when it is asked.
    let replacing = use_value(None::<SafetyScale>);
    let question = use_node_ref();
    {
        let question = question.clone();
        use_effect_on(replacing.is_some(), move |asking| {
            if *asking {
                if let Some(question) = question.cast::<HtmlElement>() {
                    let _ = question.focus();
                }
            }
        });
    }
    let label_of = |id: &str| {
        props
            .participants
            .iter()
            .find(|p| p.id == id)
            .map(participant_label)
            .unwrap_or_else(|| format!("{}: no longer a participant", isolate(id)))
    };
    let at = {
        let who = &form.texts[0];
        let index = props
            .scales
            .iter()
            .position(|scale| scale.participant_id == *who)
            .unwrap_or(props.scales.len());
        JsonPath::keys(&["scales"]).index(index)
    };

    // A change to the form while it asks about replacing a scale withdraws the question:
    // the answer would be about what the form no longer holds.
    let onchange = {
        let form = form.clone();
        let replacing = replacing.clone();
        Callback::from(move |(index, text): (usize, String)| {
            if replacing.is_some() {
                replacing.set(None);
            }
            form.set(index, text)
        })
    };
    // Saves `texts` as the form saves them: a new scale for someone who has one asks first.
    let save = {
        let form = form.clone();
        let fields = fields.clone();
        let scale_specs = scale_specs.clone();
        let context = context.clone();
        let at = at.clone();
        let replacing = replacing.clone();
        Rc::new(move |texts: Rc<Vec<String>>| {
            let mut scale = build(&fields, SafetyScale::default(), &texts);
            scale.reason = scale.reason.trim().to_string();
            let who = scale.participant_id.clone();
            let command = Command::SetScale(scale.clone());
            let record = context.session.record();
            if form.refuses(&texts, &command, &record, Vec::new(), &scale_specs, &at) {
                return;
            }
            // Changing this person's own scale replaces it; a new one for someone who has
            // one asks first.
            let changing_theirs = form
                .editing
                .as_ref()
                .is_some_and(|(_, editing)| *editing == who);
            let given = record
                .scales
                .iter()
                .any(|given| given.participant_id == who);
            if given && !changing_theirs {
                replacing.set(Some(scale));
                return;
            }
            if context.apply(command) {
                form.clear(next_scale_texts(&fields, &context.session.record()));
            }
        })
    };
    let onsubmit = {
        let form = form.clone();
        let save = save.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            save((*form.texts).clone());
        })
    };
    // A scale in one line: whose, the score and why. The form holds it when it cannot be
    // saved as it is, or asks first when it would replace one.
    let onread = {
        let form = form.clone();
        let fields = fields.clone();
        let context = context.clone();
        let replacing = replacing.clone();
        Callback::from(move |parts: Vec<(usize, String)>| {
            let mut texts = next_scale_texts(&fields, &context.session.record());
            for (index, text) in parts {
                if let Some(slot) = texts.get_mut(index) {
                    *slot = text;
                }
            }
            let texts = Rc::new(texts);
            replacing.set(None);
            form.editing.set(None);
            form.set_texts((*texts).clone());
            save(texts);
        })
    };
    let replace = {
        let form = form.clone();
        let fields = fields.clone();
        let context = context.clone();
        let replacing = replacing.clone();
        let participant_field = participant_field.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(scale) = (*replacing).clone() else {
                return;
            };
            replacing.set(None);
            if context.apply(Command::SetScale(scale)) {
                form.clear(new_texts(&fields));
            }
            form.focus.emit(FocusTarget::Id(participant_field.clone()));
        })
    };
    // Keeping the earlier scale sends nothing; the form keeps what was typed (another
    // person may have been meant), with focus on whose view it is.
    let keep = {
        let form = form.clone();
        let replacing = replacing.clone();
        let participant_field = participant_field.clone();
        Callback::from(move |()| {
            replacing.set(None);
            form.focus.emit(FocusTarget::Id(participant_field.clone()));
        })
    };
    let escape = {
        let keep = keep.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                keep.emit(());
            }
        })
    };

    // One column per point of the scale, each naming who chose it.
    let line = (0..=10u8).map(|point| {
        let here: Vec<&SafetyScale> = props.scales.iter().filter(|s| s.score == point).collect();
        html! {
            <li key={point} class={class_list("rs-scales__point", &[(!here.is_empty()).then_some("rs-scales__point--chosen")])}>
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
            let texts = texts_of(&fields, scale);
            let id = scale.participant_id.clone();
            let field = participant_field.clone();
            Callback::from(move |_: MouseEvent| {
                form.edit(index, id.clone(), texts.clone(), field.clone())
            })
        };
        let withdraw = {
            let participant_id = scale.participant_id.clone();
            let context = context.clone();
            // The row and its button are gone: the notice that offers to undo takes focus.
            Callback::from(move |_: MouseEvent| {
                context.apply(Command::RemoveScale { participant_id: participant_id.clone() });
            })
        };
        let name = label_of(&scale.participant_id);
        // A restricted reason is hidden on the shared screen, and so is the form that
        // would show it.
        let hidden = !props.revealed && scale.is_restricted() && !scale.reason.is_empty();
        html! {
            <tr key={scale.participant_id.clone()}>
                <th scope="row">{ name.clone() }</th>
                <td class="rs-scales__score">{ scale.score }</td>
                <td>{ if hidden { "Hidden on the shared screen".to_string() } else { isolate(&scale.reason).into_owned() } }</td>
                if props.read_only {
                } else if hidden {
                    <td class="rs-item-list__actions">{ "Show restricted items to change it" }</td>
                } else {
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
            let mut view = build(&opposing, Dissent::default(), &dissent.texts);
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
                dissent.clear(new_texts(&opposing));
            }
        })
    };
    let dissent_views = {
        let at = ItemKind::Dissent.item_path(context.session.record().dissent.len());
        dissent.views(&dissent_specs, &at, &[])
    };
    let dissent_change = {
        let dissent = dissent.clone();
        Callback::from(move |(index, text): (usize, String)| dissent.set(index, text))
    };
    let views = form.views(&scale_specs, &at, &[]);
    let discussion = discussion().erased();
    let discussion_views = FieldView::all(
        discussion.fields(),
        &discussion.texts(&context.session.record()),
        &[],
        &discussion.path(),
    );
    let discussion_hidden = !props.revealed && discussion.restricted(&context.session.record());
    let discuss = section_change(discussion, context.clone());
    let summary_items = form.summary_items(&scale_specs, &at, |field| {
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
                        if discussion_hidden {
                            <p class="rs-scales__discussion">{ "What the group made of the difference is hidden on the shared screen." }</p>
                        } else if props.read_only {
                            <p class="rs-scales__discussion">
                                <strong>{ "What the group made of the difference: " }</strong>
                                { if props.discussion.is_empty() { "Not recorded".to_string() } else { isolate(&props.discussion).into_owned() } }
                            </p>
                        } else {
                            <Fields form="scale" fields={discussion_views}
                                participants={props.participants.clone()} onchange={discuss} />
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
                        if !props.read_only { <th scope="col" class="rs-item-list__actions">{ "Actions" }</th> }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
            }
            if !props.read_only && form.editing.is_none() {
                <QuickEntry form="scale" label="Scale in one line" keys={SCALE_LINE}
                    fields={Rc::new(scale_specs.clone())} participants={props.participants.clone()}
                    reference={context.session.record().meeting.date.map(|date| date.0).unwrap_or_else(super::dates::today)}
                    {onread} />
            }
            if !props.read_only {
                <form class="rs-item-list__form" novalidate=true {onsubmit} aria-label="Record a scale">
                    <h5 class="rs-item-list__form-heading">{ "Record a scale" }</h5>
                    { error_summary(&summary_items, &form.summary) }
                    <Fields form="scale" fields={views} participants={props.participants.clone()} {onchange} />
                    if let Some(new) = &*replacing {
                        { replace_question(&props.scales, new, &label_of(&new.participant_id), props.revealed, &question, &context.id("scale-replace-heading"), replace, keep.reform(|_: MouseEvent| ()), escape) }
                    } else {
                        <div class="rs-button-group">
                            <button type="submit" class="rs-button">{ "Save scale" }</button>
                        </div>
                    }
                </form>
            }
        </section>
    }
}
