//! A whole section edited in place (the child's voice, practice context, timescales, the
//! wellbeing debrief): every change is saved as it is made, like the meeting details.

use super::context::use_widget;
use super::error_summary::focus_by_id;
use super::form::{FieldView, Fields, FormError};
use super::specs::Section;
use crate::meeting::Finding;
use crate::record::DecisionRecord;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Props of a section form.
#[derive(Properties)]
pub struct SectionFormProps {
    pub section: Rc<dyn Section>,
    pub record: Rc<DecisionRecord>,
    pub findings: Rc<Vec<Finding>>,
    /// Whether restricted text is shown (screen-safe off, or revealed on purpose).
    #[prop_or(true)]
    pub revealed: bool,
    #[prop_or_default]
    pub read_only: bool,
}

/// Only what the section shows counts: another section's change leaves it as it is.
impl PartialEq for SectionFormProps {
    fn eq(&self, other: &Self) -> bool {
        self.section.form() == other.section.form()
            && self.section.texts(&self.record) == other.section.texts(&other.record)
            && self.record.meta.copy == other.record.meta.copy
            && self.record.participants == other.record.participants
            && self.findings == other.findings
            && self.revealed == other.revealed
            && self.read_only == other.read_only
    }
}

/// Saves one field's change to a section: from the session's record as it is now, not as
/// it was drawn, so nothing typed between two redraws is lost.
pub fn section_change(
    section: Rc<dyn Section>,
    context: super::context::WidgetContext,
) -> Callback<(usize, String)> {
    Callback::from(move |(index, text): (usize, String)| {
        let record = context.session.record();
        let mut texts = section.texts(&record);
        let before = texts.clone();
        if let Some(slot) = texts.get_mut(index) {
            *slot = text;
        }
        section.follow(index, &before, &mut texts, &record, &context.config);
        context.apply(section.command(&record, &texts));
    })
}

/// A section whose fields save as they change.
#[function_component(SectionForm)]
pub fn section_form(props: &SectionFormProps) -> Html {
    let context = use_widget();
    let section = props.section.clone();
    let path = section.path();
    let onchange = section_change(section.clone(), context.clone());
    // Findings on the section's fields show by the field; findings on the section as a
    // whole show at the top, linked to its first field.
    let (on_fields, general): (Vec<&Finding>, Vec<&Finding>) = props
        .findings
        .iter()
        .partition(|finding| finding.path.member_of(&path).is_some());
    let errors: Vec<FormError> = on_fields.into_iter().map(FormError::from_finding).collect();
    let views: Vec<FieldView> = FieldView::all(
        section.fields(),
        &section.texts(&props.record),
        &errors,
        &path,
    );
    let first_id = context.id(&section.fields()[0].control_name(section.form()));
    let heading_id = context.id(&format!("{}-heading", section.form()));
    let left_out = props
        .record
        .left_out(path.to_string().trim_start_matches("$."));
    html! {
        <section class="rs-section-form" aria-labelledby={heading_id.clone()}>
            <h4 class="rs-section-form__heading" id={heading_id}>{ section.heading() }</h4>
            if let Some(intro) = section.intro() {
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
                        html! {
                            <li key={index} class={format!("rs-section-form__finding--{}", finding.severity.as_str())}>
                                <span class="rs-section-form__severity">{ finding.severity.label() }</span>
                                <a href={format!("#{first_id}")} {onclick}>{ &finding.message }</a>
                            </li>
                        }
                    }) }
                </ul>
            }
            if left_out > 0 {
                <p class="rs-section-form__hidden">{ "This section is restricted and not sent to the shared screen." }</p>
            } else if section.restricted(&props.record) && !props.revealed {
                <p class="rs-section-form__hidden">{ "Hidden on the shared screen: show restricted items to see or change it." }</p>
            } else {
                <fieldset class="rs-fieldset" disabled={props.read_only}>
                    <legend class="rs-visually-hidden">{ section.heading() }</legend>
                    <Fields form={section.form()} fields={views}
                        participants={props.record.participants.clone()} {onchange} />
                </fieldset>
            }
        </section>
    }
}
