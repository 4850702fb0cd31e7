//! A whole section edited in place (the child's voice, practice context, timescales, the
//! wellbeing debrief): every change is saved as it is made, like the meeting details.

use super::error_summary::focus_by_id;
use super::form::{set_text, Fields};
use super::specs::SectionSpec;
use super::state::WidgetContext;
use crate::meeting::{Command, Finding, Severity};
use crate::record::{DecisionRecord, Participant};
use serde_json::{Map, Value};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Props of a section form.
#[derive(Properties)]
pub struct SectionFormProps {
    pub spec: Rc<SectionSpec>,
    pub record: Rc<DecisionRecord>,
    pub participants: Rc<Vec<Participant>>,
    pub findings: Rc<Vec<Finding>>,
    pub dispatch: Callback<Command>,
    #[prop_or_default]
    pub read_only: bool,
}

impl PartialEq for SectionFormProps {
    fn eq(&self, other: &Self) -> bool {
        self.spec.path == other.spec.path
            && self.record == other.record
            && self.findings == other.findings
            && self.read_only == other.read_only
    }
}

/// A section whose fields save as they change.
#[function_component(SectionForm)]
pub fn section_form(props: &SectionFormProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let spec = props.spec.clone();
    let value = match (spec.read)(&props.record) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let draft = Rc::new(value);
    let problem = use_state(|| None::<String>);
    let onchange = {
        let draft = draft.clone();
        let spec = spec.clone();
        let dispatch = props.dispatch.clone();
        let problem = problem.clone();
        Callback::from(move |(index, text): (usize, String)| {
            let mut next = (*draft).clone();
            set_text(&mut next, &spec.fields[index], text);
            match (spec.command)(Value::Object(next)) {
                Ok(command) => {
                    problem.set(None);
                    dispatch.emit(command);
                }
                Err(message) => problem.set(Some(message)),
            }
        })
    };
    // Findings on the section's fields show by the field; findings on the section as a
    // whole show at the top, linked to its first field.
    let mut errors = Vec::new();
    let mut general = Vec::new();
    for finding in props.findings.iter() {
        match finding
            .path
            .strip_prefix(spec.path)
            .and_then(|rest| rest.strip_prefix('.'))
        {
            Some(key) => errors.push((key.to_string(), finding.message.clone())),
            None => general.push(finding.clone()),
        }
    }
    let first_id = context.id(&spec.fields[0].control_name(spec.form));
    let heading_id = context.id(&format!("{}-heading", spec.form));
    html! {
        <section class="rs-section-form" aria-labelledby={heading_id.clone()}>
            <h4 class="rs-section-form__heading" id={heading_id}>{ spec.heading }</h4>
            if let Some(intro) = spec.intro {
                <p class="rs-section-form__intro">{ intro }</p>
            }
            if !general.is_empty() {
                <ul class="rs-section-form__findings">
                    { for general.iter().enumerate().map(|(index, finding)| {
                        let target = first_id.clone();
                        let onclick = Callback::from(move |event: MouseEvent| {
                            event.prevent_default();
                            if let Some(link) = event.target_dyn_into::<Element>() {
                                focus_by_id(&link, &target);
                            }
                        });
                        let severity = if finding.severity == Severity::Error { "Must fix" } else { "Consider" };
                        html! {
                            <li key={index} class={format!("rs-section-form__finding--{}", finding.severity.as_str())}>
                                <span class="rs-section-form__severity">{ severity }</span>
                                <a href={format!("#{first_id}")} {onclick}>{ &finding.message }</a>
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(message) = &*problem {
                <p class="rs-field__error" role="alert">{ format!("This could not be saved: {message}") }</p>
            }
            <fieldset class="rs-fieldset" disabled={props.read_only}>
                <legend class="rs-visually-hidden">{ spec.heading }</legend>
                <Fields
                    form={spec.form}
                    fields={spec.fields.clone()}
                    {draft}
                    participants={(*props.participants).clone()}
                    {errors}
                    {onchange}
                />
            </fieldset>
        </section>
    }
}
