//! A whole section edited in place (the child's voice, practice context, timescales, the
//! wellbeing debrief): every change is saved as it is made, like the meeting details.

use super::context::use_widget;
use super::error_summary::focus_by_id;
use super::form::{Draft, FieldView, Fields, FormError};
use super::specs::SectionSpec;
use crate::meeting::Finding;
use crate::record::DecisionRecord;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Props of a section form.
#[derive(Properties)]
pub struct SectionFormProps<T: Clone + Default + PartialEq + 'static> {
    pub spec: Rc<SectionSpec<T>>,
    pub record: Rc<DecisionRecord>,
    pub findings: Rc<Vec<Finding>>,
    #[prop_or_default]
    pub read_only: bool,
}

/// Only what the section shows counts: another section's change leaves it as it is.
impl<T: Clone + Default + PartialEq + 'static> PartialEq for SectionFormProps<T> {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
            && (self.spec.read)(&self.record) == (other.spec.read)(&other.record)
            && self.record.participants == other.record.participants
            && self.findings == other.findings
            && self.read_only == other.read_only
    }
}

/// The section as a draft: a section the record does not hold yet shows every drop-down
/// as "Select …".
pub fn section_draft<T: Clone + Default + 'static>(
    spec: &SectionSpec<T>,
    record: &DecisionRecord,
) -> Draft<T> {
    match (spec.read)(record) {
        Some(value) => Draft::of(value),
        None => Draft::new(&spec.fields),
    }
}

/// A section whose fields save as they change.
#[function_component(SectionForm)]
pub fn section_form<T: Clone + Default + PartialEq + 'static>(props: &SectionFormProps<T>) -> Html {
    let context = use_widget();
    let spec = props.spec.clone();
    let draft = section_draft(&spec, &props.record);
    let path = spec.path();
    let onchange = {
        let spec = spec.clone();
        let context = context.clone();
        Callback::from(move |(index, text): (usize, String)| {
            // From the session's record as it is now, not as it was drawn: nothing typed
            // between two redraws is lost.
            let draft = section_draft(&spec, &context.session.record());
            let next = draft.with(&spec.fields[index], &text);
            context.apply((spec.command)(next.value));
        })
    };
    // Findings on the section's fields show by the field; findings on the section as a
    // whole show at the top, linked to its first field.
    let (on_fields, general): (Vec<&Finding>, Vec<&Finding>) = props
        .findings
        .iter()
        .partition(|finding| finding.path.member_of(&path).is_some());
    let errors: Vec<FormError> = on_fields.into_iter().map(FormError::from_finding).collect();
    let views: Vec<FieldView> = spec
        .fields
        .iter()
        .map(|field| FieldView::of(field, draft.text(field), &errors, &path))
        .collect();
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
                        html! {
                            <li key={index} class={format!("rs-section-form__finding--{}", finding.severity.as_str())}>
                                <span class="rs-section-form__severity">{ finding.severity.label() }</span>
                                <a href={format!("#{first_id}")} {onclick}>{ &finding.message }</a>
                            </li>
                        }
                    }) }
                </ul>
            }
            <fieldset class="rs-fieldset" disabled={props.read_only}>
                <legend class="rs-visually-hidden">{ spec.heading }</legend>
                <Fields form={spec.form} fields={views}
                    participants={Rc::new(props.record.participants.clone())} {onchange} />
            </fieldset>
        </section>
    }
}
