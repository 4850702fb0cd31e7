//! The distribution list's one-step start: everyone recorded as present receives the
//! record, each added as a professional recipient of their agency (the family, and anyone
//! else, are added with the list's form).

use super::context::WidgetContext;
use super::text::folded;
use crate::meeting::{Command, Item};
use crate::record::{Attendance, DecisionRecord, Participant, Recipient};
use std::rc::Rc;
use yew::prelude::*;

/// Those present who are not on the distribution list yet.
pub fn present_not_listed(record: &DecisionRecord) -> Vec<&Participant> {
    // Each name and agency folded once, not once for every pair compared.
    let listed: Vec<(String, String)> = record
        .distribution
        .iter()
        .map(|recipient| (folded(&recipient.name), folded(&recipient.agency)))
        .collect();
    record
        .participants
        .iter()
        .filter(|person| person.attendance == Attendance::Attended)
        .filter(|person| !listed.contains(&(folded(&person.name), folded(&person.agency))))
        .collect()
}

/// "Add everyone present": one recipient per person present in `record` who is not listed
/// yet.
pub fn from_present(record: &DecisionRecord, context: &Rc<WidgetContext>) -> Html {
    let context = Rc::clone(context);
    let missing: Vec<Recipient> = present_not_listed(record)
        .into_iter()
        .map(|person| Recipient {
            name: person.name.clone(),
            agency: person.agency.clone(),
            ..Recipient::default()
        })
        .collect();
    if missing.is_empty() {
        return html! {};
    }
    let count = missing.len();
    let onclick = Callback::from(move |_: MouseEvent| {
        for recipient in &missing {
            if !context.apply(Command::Add(Item::Recipient(recipient.clone()))) {
                break;
            }
        }
    });
    html! {
        <p class="rs-distribution__from-present">
            <button type="button" class="rs-button rs-button--secondary" {onclick}>
                { format!("Add everyone present to the distribution ({count})") }
            </button>
        </p>
    }
}
