//! The meeting details: type, mode, date and time, the reason, and who chaired. Every field
//! saves as it changes; nothing waits for a submit button.

use super::fields::{Choice, RadioGroup, SelectField, TextArea, TextField};
use super::state::WidgetContext;
use crate::meeting::{Command, Finding};
use crate::record::{
    Attendance, ClockTime, IsoDate, Meeting, MeetingMode, MeetingType, Participant,
};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the meeting details form.
#[derive(Properties, PartialEq)]
pub struct MeetingDetailsProps {
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    /// The record's findings about the meeting, shown by their fields.
    #[prop_or_default]
    pub findings: Rc<Vec<Finding>>,
    pub dispatch: Callback<Command>,
    #[prop_or_default]
    pub read_only: bool,
}

/// The wire name of an enumeration value (`strategyMeeting`), used as the form value so the
/// form and the record speak the same words.
pub use crate::record::wire_name;

/// The enumeration value with this wire name, if any.
pub fn from_wire_name<T: crate::record::ReadJson>(name: &str) -> Option<T> {
    crate::record::read_json(serde_json::Value::String(name.to_string())).ok()
}

/// The meeting details form.
#[function_component(MeetingDetails)]
pub fn meeting_details(props: &MeetingDetailsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    // Each field edits a copy of the current meeting and sends the whole of it.
    let edit = |change: fn(&mut Meeting, String)| {
        let meeting = props.meeting.clone();
        props.dispatch.reform(move |value: String| {
            let mut meeting = meeting.clone();
            change(&mut meeting, value);
            Command::EditMeeting(meeting)
        })
    };
    let meeting = &props.meeting;
    let type_choices = MeetingType::ALL
        .iter()
        .map(|kind| Choice::new(wire_name(kind), kind.label()))
        .collect::<Vec<_>>();
    let mode_choices = MeetingMode::ALL
        .iter()
        .map(|mode| Choice::new(wire_name(mode), mode.label()))
        .collect::<Vec<_>>();
    let chair_choices = props
        .participants
        .iter()
        .filter(|p| {
            p.attendance == Attendance::Attended || meeting.chair_id.as_ref() == Some(&p.id)
        })
        .map(|p| {
            Choice::new(
                p.id.clone(),
                format!("{} ({}, {})", p.name, p.role, p.agency),
            )
        })
        .collect::<Vec<_>>();
    let chair_hint = if chair_choices.is_empty() {
        "Add the chair to the participants below first, as attending."
    } else {
        "Only participants recorded as attending are listed."
    };
    let error = |key: &str| {
        props
            .findings
            .iter()
            .find(|finding| finding.path == format!("$.meeting.{key}"))
            .map(|finding| AttrValue::from(finding.message.clone()))
    };
    html! {
        <section class="rs-meeting-details" aria-label="Meeting details form">
            <fieldset class="rs-fieldset" disabled={props.read_only}>
            <legend class="rs-visually-hidden">{ "Meeting details" }</legend>
            <RadioGroup
                id={context.id("meeting-type")}
                legend="Type of meeting"
                choices={type_choices}
                value={meeting.meeting_type.as_ref().map(wire_name).unwrap_or_default()}
                error={error("meetingType")}
                onchange={edit(|meeting, value| meeting.meeting_type = from_wire_name(&value))}
            />
            <RadioGroup
                id={context.id("meeting-mode")}
                legend="How was it held?"
                hint={AttrValue::Static("A phone or video discussion is recorded just as formally.")}
                choices={mode_choices}
                value={meeting.mode.as_ref().map(wire_name).unwrap_or_default()}
                error={error("mode")}
                onchange={edit(|meeting, value| meeting.mode = from_wire_name(&value))}
            />
            <div class="rs-meeting-details__when">
                <TextField
                    id={context.id("meeting-date")}
                    label="Date of meeting"
                    input_type="date"
                    value={meeting.date.map(|date| date.to_string()).unwrap_or_default()}
                    error={error("date")}
                    oninput={edit(|meeting, value| meeting.date = value.parse::<IsoDate>().ok())}
                />
                <TextField
                    id={context.id("meeting-time")}
                    label="Start time"
                    input_type="time"
                    value={meeting.start_time.map(|time| time.to_string()).unwrap_or_default()}
                    oninput={edit(|meeting, value| meeting.start_time = value.parse::<ClockTime>().ok())}
                />
            </div>
            <TextArea
                id={context.id("meeting-reason")}
                label="Reason for the meeting"
                hint={AttrValue::Static("The concern that gives reasonable cause to suspect the child is suffering, or likely to suffer, significant harm.")}
                value={meeting.reason.clone()}
                error={error("reason")}
                oninput={edit(|meeting, value| meeting.reason = value)}
            />
            <SelectField
                id={context.id("meeting-chair")}
                label="Chair"
                hint={AttrValue::Static(chair_hint)}
                placeholder="Select the chair"
                choices={chair_choices}
                value={meeting.chair_id.clone().unwrap_or_default()}
                error={error("chairId")}
                onchange={edit(|meeting, value| meeting.chair_id = (!value.is_empty()).then_some(value))}
            />
            </fieldset>
        </section>
    }
}
