//! The meeting details: who chaired, type, mode, date and time, and the reason. Every field
//! saves as it changes; nothing waits for a submit button.

use super::context::use_widget;
use super::form::{FieldView, Fields, FormError};
use super::section_form::section_change;
use super::specs;
use crate::meeting::Finding;
use crate::record::DecisionRecord;
use std::rc::Rc;
use yew::prelude::*;

/// Props of the meeting details form.
#[derive(Properties)]
pub struct MeetingDetailsProps {
    pub record: Rc<DecisionRecord>,
    /// The record's findings about the meeting, shown by their fields.
    #[prop_or_default]
    pub findings: Rc<Vec<Finding>>,
    /// Whether restricted text is shown (screen-safe off, or revealed on purpose).
    #[prop_or(true)]
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

impl PartialEq for MeetingDetailsProps {
    fn eq(&self, other: &Self) -> bool {
        self.record.meeting == other.record.meeting
            && self.record.participants == other.record.participants
            && self.findings == other.findings
            && self.revealed == other.revealed
            && self.read_only == other.read_only
    }
}

/// The meeting details form.
#[function_component(MeetingDetails)]
pub fn meeting_details(props: &MeetingDetailsProps) -> Html {
    let context = use_widget();
    let section = specs::meeting().erased();
    let path = section.path();
    let errors: Vec<FormError> = props.findings.iter().map(FormError::from_finding).collect();
    let views = FieldView::all(
        section.fields(),
        &section.texts(&props.record),
        &errors,
        &path,
    );
    let participants = props.record.participants.clone();
    let change = section_change(section.clone(), context.clone());
    // The form's fields in groups that are laid out apart; each group's changes name the
    // field by its index in the whole form.
    let group = |range: std::ops::Range<usize>| {
        let start = range.start;
        let onchange = change.reform(move |(index, text): (usize, String)| (start + index, text));
        html! {
            <Fields form={section.form()} fields={views[range].to_vec()}
                participants={participants.clone()} {onchange} />
        }
    };
    html! {
        <section class="rs-meeting-details" aria-labelledby={context.id("meeting-details-heading")}>
            <h4 class="rs-meeting-details__heading" id={context.id("meeting-details-heading")}>{ "The meeting" }</h4>
            <fieldset class="rs-fieldset" disabled={props.read_only}>
            <legend class="rs-visually-hidden">{ "Meeting details" }</legend>
            { group(0..3) }
            <div class="rs-meeting-details__when">{ group(3..5) }</div>
            if props.record.left_out("meeting.reason") > 0 {
                <p class="rs-meeting-details__hidden">{ "The reason for the meeting is restricted and not sent to the shared screen." }</p>
            } else if section.restricted(&props.record) && !props.revealed {
                <p class="rs-meeting-details__hidden">{ "The reason for the meeting is hidden on the shared screen: show restricted items to see or change it." }</p>
            } else {
                { group(5..7) }
            }
            </fieldset>
        </section>
    }
}
