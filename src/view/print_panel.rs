//! Printing asks what to print: the full minutes for the meeting's own file (restricted
//! items marked), or one recipient's copy (what their agency may receive), or the family's
//! letter. What prints is built only when someone prints.

use super::context::{use_value, use_widget, WidgetContext};
use super::family_review::family_letter_view;
use super::fields::{radio_group, Choice, RadioGroupProps};
use super::minutes::Minutes;
use crate::bidi::isolate;
use crate::copy::{family_copy, family_letter, professional_copy, Reader};
use crate::record::{DecisionRecord, RecipientKind};
use std::rc::Rc;
use yew::prelude::*;

/// What is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PrintChoice {
    /// The full minutes, restricted items marked.
    #[default]
    Minutes,
    /// The copy for the recipient at this index of the distribution list.
    Recipient(usize),
}

impl PrintChoice {
    fn value(self) -> String {
        match self {
            PrintChoice::Minutes => "minutes".to_string(),
            PrintChoice::Recipient(index) => format!("recipient-{index}"),
        }
    }

    fn from_value(value: &str) -> Self {
        value
            .strip_prefix("recipient-")
            .and_then(|index| index.parse().ok())
            .map_or(PrintChoice::Minutes, PrintChoice::Recipient)
    }
}

/// A recipient's name, or their agency when the list gives no name.
fn who(record: &DecisionRecord, index: usize) -> String {
    record
        .distribution
        .get(index)
        .map(|recipient| {
            if recipient.name.trim().is_empty() {
                recipient.agency.clone()
            } else {
                recipient.name.clone()
            }
        })
        .unwrap_or_default()
}

/// Props of the panel.
#[derive(Properties, PartialEq)]
pub struct PrintPanelProps {
    pub id: AttrValue,
    pub record: Rc<DecisionRecord>,
    pub on_print: Callback<PrintChoice>,
    pub on_cancel: Callback<MouseEvent>,
}

/// The choice of what to print.
#[function_component(PrintPanel)]
pub fn print_panel(props: &PrintPanelProps) -> Html {
    let context = use_widget();
    let chosen = use_value(PrintChoice::default());
    let mut choices = vec![Choice::new(
        PrintChoice::Minutes.value(),
        "The full minutes, restricted items marked (the meeting's own file)",
    )];
    for (index, recipient) in props.record.distribution.iter().enumerate() {
        let name = who(&props.record, index);
        let name = isolate(&name);
        let label = match recipient.effective_kind() {
            RecipientKind::Family => format!("The family's letter, for {name}"),
            RecipientKind::Professional => {
                format!("The copy for {name} ({})", isolate(&recipient.agency))
            }
        };
        choices.push(Choice::new(PrintChoice::Recipient(index).value(), label));
    }
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |value: String| chosen.set(PrintChoice::from_value(&value)))
    };
    let print = {
        let chosen = chosen.clone();
        props.on_print.reform(move |_: MouseEvent| *chosen)
    };
    let heading = context.id("print-heading");
    html! {
        <section class="rs-print-panel" id={props.id.clone()} aria-labelledby={heading.clone()}>
            <h3 class="rs-print-panel__heading" id={heading}>{ "Print" }</h3>
            { radio_group(RadioGroupProps {
                id: context.id("print-choice").into(),
                legend: "What to print".into(),
                choices,
                value: chosen.value().into(),
                onchange,
                ..RadioGroupProps::default()
            }) }
            <div class="rs-button-group">
                <button type="button" class="rs-button" onclick={print}>{ "Print" }</button>
                <button type="button" class="rs-button rs-button--secondary" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
            </div>
        </section>
    }
}

/// What prints of `record` for the choice made.
pub fn printed(record: &Rc<DecisionRecord>, choice: PrintChoice, context: &WidgetContext) -> Html {
    let recipient = match choice {
        PrintChoice::Recipient(index) => record
            .distribution
            .get(index)
            .map(|recipient| (index, recipient)),
        PrintChoice::Minutes => None,
    };
    match recipient {
        None => html! {
            <>
                <h2 class="rs-minutes__title">{ "Minutes of the strategy meeting" }</h2>
                <Minutes record={record.clone()} config={context.config.clone()} level={3} />
            </>
        },
        Some((index, recipient)) if recipient.effective_kind() == RecipientKind::Family => html! {
            <>
                <h2 class="rs-minutes__title">{ format!("For {}", isolate(&who(record, index))) }</h2>
                { family_letter_view(&family_letter(&family_copy(record))) }
            </>
        },
        Some((index, recipient)) => {
            let copy = professional_copy(record, &Reader::of(recipient, &context.config));
            html! {
                <>
                    <h2 class="rs-minutes__title">
                        { format!("Minutes of the strategy meeting: the copy for {} ({})", isolate(&who(record, index)), isolate(&recipient.agency)) }
                    </h2>
                    <Minutes record={Rc::new(copy)} config={context.config.clone()} level={3} />
                </>
            }
        }
    }
}
