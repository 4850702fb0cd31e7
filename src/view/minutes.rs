//! The record as minutes: headings, tables, owners and dates, restricted items marked.
//! Printed through the browser (print / save as PDF) by the print stylesheet, and shown on
//! screen as the "check your answers" summary, with a change link per stage. Every text of
//! the record in them is isolated ([`isolate`]), on screen and in print alike.

use super::dates;
use super::form::{display_value, participant_label};
use super::specs::{self, list_form, ListForm, Row, Section};
use super::stages::Stage;
use crate::bidi::isolate;
use crate::meeting::{scale_spread, statutory_clocks, Config, ItemKind};
use crate::record::*;
use yew::prelude::*;

/// What a shared screen shows in place of restricted text.
const HIDDEN: &str = "Hidden on the shared screen";

/// The heading of a table's column of each item's other fields.
const OTHER_FIELDS: &str = "Also recorded";

/// Props of the minutes.
#[derive(Properties, PartialEq)]
pub struct MinutesProps {
    pub record: std::rc::Rc<DecisionRecord>,
    pub config: std::rc::Rc<Config>,
    /// Hide restricted content (on a shared screen) rather than mark it (in print).
    #[prop_or_default]
    pub mask_restricted: bool,
    /// Offers a "Change" button per stage that jumps there (the check-your-answers view).
    #[prop_or_default]
    pub on_change_stage: Option<Callback<Stage>>,
    /// Heading level of each section: 3 on screen, 2 in the printed minutes.
    #[prop_or(4)]
    pub level: u8,
}

/// The longest word a table's cell keeps whole: English words are shorter; links, email
/// addresses and system references are longer.
const LONGEST_WORD: usize = 20;

/// Whether a table's cell holds a longer word. Such a cell is marked (`data-words="long"`)
/// and may break anywhere, so that the table fits the page and the stage; only such cells,
/// so that a column of short words is never narrowed into breaking them.
fn holds_long_word(text: &str) -> bool {
    text.split_whitespace()
        .any(|word| word.chars().count() > LONGEST_WORD)
}

/// A heading at `level` (2 to 6).
fn heading_at(level: u8, class: &'static str, text: &str) -> Html {
    let tag = format!("h{}", level.clamp(2, 6));
    html! { <@{tag} class={class}>{ text.to_string() }</@> }
}

fn heading(level: u8, text: &str) -> Html {
    heading_at(level, "rs-minutes__heading", text)
}

/// A row of a summary list: its value, from the record, isolated as a whole.
fn summary_row(key: &str, value: String) -> Html {
    let value = if value.trim().is_empty() {
        "Not recorded".to_string()
    } else {
        isolate(&value).into_owned()
    };
    html! {
        <div class="rs-summary-list__row">
            <dt class="rs-summary-list__key">{ key }</dt>
            <dd class="rs-summary-list__value">{ value }</dd>
        </div>
    }
}

/// Free text as a sentence, isolated: a full stop added after it unless it already ends
/// with punctuation.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        isolate(text).into_owned()
    } else {
        format!("{}.", isolate(text))
    }
}

/// A table in a box that scrolls sideways on its own at narrow widths (320 px, 400% zoom),
/// so the page never does; focusable, so the keyboard can scroll it too.
fn scroll(name: &str, table: Html) -> Html {
    html! {
        <div class="rs-table-scroll" tabindex="0" role="region" aria-label={format!("{name} table")}>
            { table }
        </div>
    }
}

/// The fields of an item that its list's columns leave out and that hold something entered
/// (not what a blank item holds), each with its label: every field of an item is in the
/// minutes, whatever its list's columns. Restrictions are marked in the row's header.
fn other_fields(
    list: &dyn ListForm,
    texts: &[String],
    blank: &[String],
    participants: &[Participant],
) -> Vec<(&'static str, String)> {
    list.fields()
        .iter()
        .zip(texts)
        .zip(blank)
        .filter(|((field, text), blank)| {
            !list.columns().contains(&field.key)
                && field.key != "restrictions"
                && !text.trim().is_empty()
                && text != blank
        })
        .map(|((field, text), _)| (field.label, display_value(field, text, participants)))
        .collect()
}

/// One list of the record as a table of the minutes: its columns, then a column of the
/// item's other fields (when any item has one). Restricted items are marked, and hidden
/// when `mask_restricted` (on a shared screen).
fn minutes_table(record: &DecisionRecord, list: &dyn ListForm, mask_restricted: bool) -> Html {
    let count = list.len(record);
    if count == 0 {
        return html! { <p class="rs-minutes__empty">{ format!("No {} recorded.", list.kind().short_noun()) }</p> };
    }
    let participants = &record.participants;
    let blank = list.blank_texts();
    let rows: Vec<(Row, Vec<(&'static str, String)>)> = (0..count)
        .filter_map(|index| list.row(record, index))
        .map(|row| {
            let others = other_fields(list, &row.texts, &blank, participants);
            (row, others)
        })
        .collect();
    let with_others = rows.iter().any(|(_, others)| !others.is_empty());
    let headers = list
        .column_labels()
        .into_iter()
        .chain(with_others.then_some(OTHER_FIELDS))
        .map(|label| html! { <th scope="col">{ label }</th> });
    let rows = rows.iter().enumerate().map(|(index, (row, others))| {
        let restricted = (!row.restrictions.is_empty()).then_some(&row.restrictions);
        let hidden = restricted.is_some() && mask_restricted;
        let cells = list.columns().iter().enumerate().map(|(column, key)| {
            let mut text = list
                .fields()
                .iter()
                .position(|field| field.key == *key)
                .map(|position| display_value(&list.fields()[position], &row.texts[position], participants))
                .unwrap_or_default();
            if hidden && *key != "restrictions" {
                text = HIDDEN.into();
            }
            let marker = restricted.filter(|_| column == 0).map(|label| html! {
                <strong class="rs-minutes__restricted">{ format!("Restricted: {}. ", label.words()) }</strong>
            });
            let words = holds_long_word(&text).then_some("long");
            if column == 0 {
                html! { <th scope="row" data-words={words}>{ marker.unwrap_or_default() }{ text }</th> }
            } else {
                html! { <td data-words={words}>{ text }</td> }
            }
        });
        let others = with_others.then(|| {
            if others.is_empty() {
                html! { <td></td> }
            } else if hidden {
                html! { <td>{ HIDDEN }</td> }
            } else {
                let words = others
                    .iter()
                    .any(|(_, text)| holds_long_word(text))
                    .then_some("long");
                html! {
                    <td data-words={words}>
                        <dl class="rs-minutes__fields">
                            { for others.iter().map(|(label, text)| html! {
                                <div class="rs-minutes__field" key={*label}>
                                    <dt>{ *label }</dt>
                                    <dd>{ text.clone() }</dd>
                                </div>
                            }) }
                        </dl>
                    </td>
                }
            }
        });
        html! { <tr key={index}>{ for cells }{ others.unwrap_or_default() }</tr> }
    });
    scroll(
        list.heading(),
        html! {
            <table class="rs-table rs-minutes__table">
                <caption class="rs-visually-hidden">{ list.heading() }</caption>
                <thead><tr>{ for headers }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        },
    )
}

/// A whole section of the record as a summary list under its heading: each field's label
/// and value, read from the section's form (`specs.rs`), so that a field added to the form
/// is in the minutes. A restricted section's values are hidden on a shared screen and
/// marked in print.
fn section_summary(
    record: &DecisionRecord,
    section: &dyn Section,
    level: u8,
    mask_restricted: bool,
) -> Html {
    let heading = heading_at(level, "rs-minutes__subheading", section.heading());
    if !section.started(record) {
        return html! {
            <>
                { heading }
                <p class="rs-minutes__empty">{ "None recorded." }</p>
            </>
        };
    }
    let restricted = section.restricted(record);
    let participants = &record.participants;
    let texts = section.texts(record);
    let rows = section.fields().iter().zip(&texts).map(|(field, text)| {
        let value = display_value(field, text, participants);
        let value = match field.key {
            "restrictions" if !restricted => return Html::default(),
            "restrictions" => value,
            _ if restricted && mask_restricted && !value.trim().is_empty() => HIDDEN.to_string(),
            _ => value,
        };
        summary_row(field.label, value)
    });
    html! {
        <>
            { heading }
            <dl class="rs-summary-list">{ for rows }</dl>
        </>
    }
}

/// The whole record as minutes.
#[function_component(Minutes)]
pub fn minutes(props: &MinutesProps) -> Html {
    let record = &props.record;
    let participants = &record.participants;
    let who = |id: &Option<String>| {
        id.as_deref()
            .map(|id| {
                participants
                    .iter()
                    .find(|p| p.id == id)
                    .map(participant_label)
                    .unwrap_or_else(|| format!("{}: no longer a participant", isolate(id)))
            })
            .unwrap_or_default()
    };
    let section = |stage: Stage, body: Html| {
        let change = props.on_change_stage.as_ref().map(|callback| {
            let onclick = callback.reform(move |_: MouseEvent| stage);
            html! {
                <button type="button" class="rs-button rs-button--secondary rs-minutes__change" {onclick}>
                    { "Change" }<span class="rs-visually-hidden">{ format!(" {}", stage.title().to_ascii_lowercase()) }</span>
                </button>
            }
        });
        html! {
            <section class="rs-minutes__section" key={stage.slug()}>
                <div class="rs-minutes__section-header">
                    { heading(props.level, stage.title()) }
                    { change.unwrap_or_default() }
                </div>
                { body }
            </section>
        }
    };
    let list = |kind: ItemKind| minutes_table(record, &*list_form(kind), props.mask_restricted);
    // Text under restrictions, hidden on a shared screen and marked in print.
    let shown = |restrictions: Restrictions, text: &str| -> String {
        match (restrictions.is_empty(), props.mask_restricted) {
            (true, _) => text.to_string(),
            (false, true) if text.trim().is_empty() => String::new(),
            (false, true) => HIDDEN.to_string(),
            (false, false) if text.trim().is_empty() => String::new(),
            (false, false) => format!("Restricted: {}. {text}", restrictions.words()),
        }
    };
    let spread = match (
        scale_spread(&record.scales),
        record.scales.iter().map(|s| s.score).min(),
        record.scales.iter().map(|s| s.score).max(),
    ) {
        (Some(spread), Some(low), Some(high)) => {
            format!("{spread} points, from {low} to {high}")
        }
        _ => String::new(),
    };
    let meeting = &record.meeting;
    let clocks = statutory_clocks(record, &props.config);
    let child = record.child();
    let subjects_body = html! {
        <>
            { list(ItemKind::Subject) }
            { section_summary(record, &*specs::injury().erased(), props.level + 1, props.mask_restricted) }
            <dl class="rs-summary-list">
                { summary_row("Worker or team changed recently", record.practice_context.recent_worker_change.label().into()) }
                { summary_row("Practice context", shown(record.practice_context.restrictions(), &record.practice_context.details)) }
            </dl>
        </>
    };
    let threshold = record.threshold.clone().unwrap_or_default();
    let voice = &record.child_voice;
    let columns = AssessmentColumn::ALL.iter().map(|column| {
        html! {
            <div class="rs-minutes__column" key={column.label()}>
                { heading_at(props.level + 1, "rs-minutes__subheading", column.label()) }
                { list(ItemKind::Statement(*column)) }
            </div>
        }
    });
    let scale_rows = record.scales.iter().map(|scale| {
        html! {
            <tr key={scale.participant_id.clone()}>
                <th scope="row">{ who(&Some(scale.participant_id.clone())) }</th>
                <td>{ scale.score }</td>
                <td>{ shown(scale.restrictions(), &isolate(&scale.reason)) }</td>
            </tr>
        }
    });
    let clock_text =
        |clock: Option<crate::meeting::Clock>, stored: Option<IsoDate>| match (clock, stored) {
            (_, Some(date)) => dates::date(date),
            (Some(clock), None) if clock.reliable => dates::date(IsoDate(clock.due)),
            (Some(clock), None) => format!(
                "{} (check: outside the holiday list)",
                dates::date(IsoDate(clock.due))
            ),
            (None, None) => "Not applicable yet".to_string(),
        };
    let amendments = record.amendments.iter().enumerate().map(|(index, amendment)| html! {
        <li key={index}>
            { shown(amendment.restrictions(), &format!("{} by {} ({}): {} Reason: {}", dates::moment(amendment.at), isolate(&amendment.by.name), isolate(&amendment.by.agency), sentence(&amendment.change), sentence(&amendment.reason))) }
        </li>
    });
    let follow_ups = record.follow_up.iter().enumerate().map(|(index, follow_up)| {
        let mut facts = vec![follow_up.kind.label().to_string()];
        if let Some(on) = follow_up.on {
            facts.push(format!("on {}", dates::date(on)));
        }
        if let Some(outcome) = follow_up.outcome {
            facts.push(format!("outcome: {}", outcome.label()));
        }
        if follow_up.plan != Tristate::Unknown {
            facts.push(format!("child protection plan: {}", follow_up.plan.label()));
        }
        if !follow_up.categories.is_empty() {
            let categories: Vec<&str> = follow_up.categories.iter().map(|category| category.label()).collect();
            facts.push(format!("category: {}", categories.join(", ")));
        }
        if follow_up.abuse_suspected != Tristate::Unknown {
            facts.push(format!("abuse or neglect known or suspected: {}", follow_up.abuse_suspected.label()));
        }
        if let Some(action) = follow_up.action_id.as_deref().and_then(|id| record.actions.iter().find(|action| action.id == id)) {
            facts.push(format!("action: {}", isolate(&action.task)));
        }
        let details = if follow_up.details.trim().is_empty() { String::new() } else { format!(" {}", sentence(&follow_up.details)) };
        html! {
            <li key={index}>
                { shown(follow_up.restrictions(), &format!("{} by {} ({}): {}.{details}", dates::moment(follow_up.at), isolate(&follow_up.by.name), isolate(&follow_up.by.agency), facts.join("; "))) }
            </li>
        }
    });
    html! {
        <div class="rs-minutes">
            { section(Stage::Meeting, html! {
                <>
                <dl class="rs-summary-list">
                    { summary_row("Child", child.map(|c| format!("{} ({})", isolate(&c.name), isolate(&c.case_reference))).unwrap_or_default()) }
                    { summary_row("Type of meeting", meeting.meeting_type.map(|t| t.label().to_string()).unwrap_or_default()) }
                    { summary_row("How it was held", meeting.mode.map(|m| m.label().to_string()).unwrap_or_default()) }
                    { summary_row("Date and time", match (meeting.date, meeting.start_time) {
                        (Some(date), Some(time)) => format!("{}, {}", dates::date(date), dates::time(time)),
                        (date, time) => format!("{}{}", dates::date_or_blank(date), time.map(dates::time).unwrap_or_default()),
                    }) }
                    { summary_row("The day the concern arose", dates::date_or_blank(meeting.concern_raised_on)) }
                    { summary_row("Chair", who(&meeting.chair_id)) }
                    { summary_row("Reason", shown(meeting.restrictions(), &meeting.reason)) }
                    { summary_row("Record status", match record.meta.status {
                        Status::Draft => "Draft",
                        Status::Final => "Final",
                        Status::Amended => "Final, amended",
                    }.to_string()) }
                </dl>
                { list(ItemKind::Participant) }
                </>
            }) }
            { section(Stage::Subjects, subjects_body) }
            { section(Stage::Information, html! {
                <>
                    { list(ItemKind::Information) }
                    { section_summary(record, &*specs::lawful_basis().erased(), props.level + 1, props.mask_restricted) }
                    { list(ItemKind::Tool) }
                </>
            }) }
            { section(Stage::Gaps, list(ItemKind::Gap)) }
            { section(Stage::ChildVoice, html! {
                <dl class="rs-summary-list">
                    { summary_row("How captured", shown(voice.restrictions(), &voice.how_captured)) }
                    { summary_row("The child's words", shown(voice.restrictions(), &voice.words)) }
                    { summary_row("Observed experience", shown(voice.restrictions(), &voice.observed_experience)) }
                    { summary_row("Captured by", who(&voice.captured_by)) }
                </dl>
            }) }
            { section(Stage::Assessment, html! { <div class="rs-minutes__columns">{ for columns }</div> }) }
            { section(Stage::Scales, html! {
                <>
                    if record.scales.is_empty() {
                        <p class="rs-minutes__empty">{ "No scales recorded." }</p>
                    } else {
                        { scroll("Safety scales", html! {
                            <table class="rs-table rs-minutes__table">
                                <caption class="rs-visually-hidden">{ "Safety scales" }</caption>
                                <thead><tr><th scope="col">{ "Participant" }</th><th scope="col">{ "Score (0-10)" }</th><th scope="col">{ "Reason" }</th></tr></thead>
                                <tbody>{ for scale_rows }</tbody>
                            </table>
                        }) }
                    }
                    <dl class="rs-summary-list">
                        { summary_row("Spread of the views", spread) }
                        { summary_row("Discussion of the difference", shown(record.assessment.scale_discussion_restrictions.clone().unwrap_or_else(Restrictions::unlabelled), &record.assessment.scale_discussion)) }
                    </dl>
                </>
            }) }
            { section(Stage::Decisions, html! {
                <>
                <dl class="rs-summary-list">
                    { summary_row("Reasonable cause to suspect significant harm", threshold.answer.map(|a| a.label().to_string()).unwrap_or_default()) }
                    { summary_row("Categories of harm suspected", threshold.harm_categories.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")) }
                    { summary_row("What follows", threshold.route.map(|r| r.label().to_string()).unwrap_or_default()) }
                    { summary_row("Why", shown(threshold.restrictions(), &threshold.reasoning)) }
                    { summary_row("Decided by", who(&threshold.decided_by_id)) }
                    { summary_row("Reconvenes by", dates::date_or_blank(threshold.reconvene_by)) }
                </dl>
                { section_summary(record, &*specs::medical().erased(), props.level + 1, props.mask_restricted) }
                { list(ItemKind::Decision) }
                </>
            }) }
            { section(Stage::Risks, list(ItemKind::Risk)) }
            { section(Stage::Actions, list(ItemKind::Action)) }
            { section(Stage::Contingencies, list(ItemKind::Contingency)) }
            { section(Stage::Family, html! {
                <>
                    { list(ItemKind::FamilyCommunication) }
                    if let Some(lead) = record.family_copy.as_ref().and_then(|plan| plan.lead_worker_id.clone()) {
                        <dl class="rs-summary-list">
                            { summary_row("Lead worker named in the family's letter", who(&Some(lead))) }
                        </dl>
                    }
                </>
            }) }
            { section(Stage::Dissent, list(ItemKind::Dissent)) }
            { section(Stage::Review, html! {
                <>
                    <dl class="rs-summary-list">
                        if let Some(started) = record.timescales.s47_started_on {
                            { summary_row("Section 47 enquiries started", dates::date(started)) }
                        }
                        if let Some(clock) = clocks.strategy_discussion {
                            { summary_row("Strategy discussion due", clock_text(Some(clock), None)) }
                        }
                        { summary_row("Record to be distributed by", clock_text(clocks.distribution, record.timescales.distribution_due)) }
                        { summary_row("Initial child protection conference due", clock_text(clocks.icpc, record.timescales.icpc_due)) }
                        if let Some(clock) = clocks.pre_birth {
                            { summary_row("Pre-birth conference by", clock_text(Some(clock), None)) }
                        }
                        { summary_row("Assessment due", clock_text(clocks.assessment, record.timescales.assessment_due)) }
                        { summary_row("Next review", dates::date_or_blank(record.timescales.next_review)) }
                    </dl>
                    { list(ItemKind::Recipient) }
                </>
            }) }
            if !record.amendments.is_empty() {
                <section class="rs-minutes__section">
                    { heading(props.level, "Amendments") }
                    <ol>{ for amendments }</ol>
                </section>
            }
            if !record.follow_up.is_empty() {
                <section class="rs-minutes__section">
                    { heading(props.level, "After the meeting") }
                    <ol>{ for follow_ups }</ol>
                </section>
            }
            // Whole on paper; on screen the final record's summary shows it short, with a
            // copy button (`digest.rs`).
            if let Some(digest) = &record.meta.digest {
                <p class="rs-minutes__digest">{ format!("Integrity digest: {}", isolate(digest)) }</p>
            }
        </div>
    }
}
