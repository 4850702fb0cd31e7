//! The statutory clocks of the record, worked out in working days from the meeting date
//! and the host's bank holidays.

use super::context::WidgetContext;
use super::dates;
use crate::meeting::{statutory_clocks, Clock};
use crate::record::{DecisionRecord, IsoDate};
use yew::prelude::*;

/// The statutory clocks of `record`, with a note when the holiday list does not cover them.
pub fn clocks(record: &DecisionRecord, context: &WidgetContext) -> Html {
    let clocks = statutory_clocks(record, &context.config);
    let row = |name: &str, clock: Option<Clock>, missing: &str| {
        let value = match clock {
            Some(clock) if clock.reliable => dates::date(IsoDate(clock.due)),
            Some(clock) => format!(
                "{} (check this date: it falls outside the bank holidays the widget knows)",
                dates::date(IsoDate(clock.due))
            ),
            None => missing.to_string(),
        };
        html! {
            <div class="rs-summary-list__row">
                <dt class="rs-summary-list__key">{ name.to_string() }</dt>
                <dd class="rs-summary-list__value">{ value }</dd>
            </div>
        }
    };
    let deadlines = clocks.deadlines;
    let days = |count: u32| {
        if count == 1 {
            "1 working day".to_string()
        } else {
            format!("{count} working days")
        }
    };
    let meeting = record.meeting.date;
    // Whether this meeting was held within the strategy discussion's timescale.
    let held = match (clocks.strategy_discussion, meeting) {
        (Some(clock), Some(date)) if date.0 > clock.due => {
            " (this meeting was held after it)".to_string()
        }
        (Some(_), Some(_)) => " (this meeting was held within it)".to_string(),
        _ => String::new(),
    };
    html! {
        <section class="rs-clocks" aria-labelledby={context.id("clocks-heading")}>
            <h4 class="rs-clocks__heading" id={context.id("clocks-heading")}>{ "Statutory clocks (working days)" }</h4>
            <dl class="rs-summary-list">
                { row(&format!("Strategy discussion by ({} after the concern arose){held}", days(deadlines.strategy_discussion)), clocks.strategy_discussion, "Enter the day the concern arose") }
                { row(&format!("Record to attendees by ({})", days(deadlines.distribution)), clocks.distribution, "Enter the meeting date") }
                { row(&format!("Initial child protection conference by ({})", days(deadlines.icpc)), clocks.icpc, "Only when a section 47 enquiry is decided") }
                if clocks.pre_birth.is_some() {
                    { row(&format!("Pre-birth conference by ({} weeks before the expected date)", deadlines.pre_birth_weeks), clocks.pre_birth, "") }
                }
                { row(&format!("Assessment completed by ({} after the concern arose)", days(deadlines.assessment)), clocks.assessment, "When the day the concern arose is entered and an assessment follows (section 47 or 17)") }
            </dl>
        </section>
    }
}
