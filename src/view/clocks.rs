//! The statutory clocks of the record, worked out in working days from the meeting date
//! and the host's bank holidays.

use super::context::WidgetContext;
use super::dates;
use crate::meeting::{statutory_clocks, Clock};
use crate::record::{DecisionRecord, IsoDate};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the clocks panel.
#[derive(Properties, PartialEq)]
pub struct ClocksProps {
    pub record: Rc<DecisionRecord>,
}

/// The statutory clocks, with a note when the holiday list does not cover them.
#[function_component(Clocks)]
pub fn clocks(props: &ClocksProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let clocks = statutory_clocks(&props.record, &context.config);
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
    html! {
        <section class="rs-clocks" aria-labelledby={context.id("clocks-heading")}>
            <h4 class="rs-clocks__heading" id={context.id("clocks-heading")}>{ "Statutory clocks (working days)" }</h4>
            <dl class="rs-summary-list">
                { row("Record to attendees by (1 working day)", clocks.distribution, "Enter the meeting date") }
                { row("Initial child protection conference by (15 working days)", clocks.icpc, "Only when a section 47 enquiry is decided") }
            </dl>
        </section>
    }
}
