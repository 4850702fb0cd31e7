//! The widget's root: holds the state, provides the context, and lays out the stage.

use super::error_summary::focus_by_id;
use super::meeting_details::MeetingDetails;
use super::participants::Participants;
use super::state::{now, Action, MeetingState, WidgetContext};
use crate::meeting::{validate, Command, Config, Severity};
use crate::record::{Actor, DecisionRecord};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Props of the widget.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The record to start from.
    pub record: DecisionRecord,
    /// The host's configuration.
    pub config: Rc<Config>,
    /// Who operates the widget.
    #[prop_or_default]
    pub actor: Rc<Actor>,
    /// Prefix for element ids, unique per widget on the page.
    pub id_prefix: AttrValue,
    /// Told about every accepted change, with the record after it.
    #[prop_or_default]
    pub on_change: Callback<DecisionRecord>,
}

/// Maps a finding's JSON path to the id of the control that fixes it.
fn control_for_path(path: &str, record: &DecisionRecord, context: &WidgetContext) -> String {
    let field = match path {
        "$.meeting.meetingType" => "meeting-type".to_string(),
        "$.meeting.mode" => "meeting-mode".to_string(),
        "$.meeting.date" => "meeting-date".to_string(),
        "$.meeting.startTime" => "meeting-time".to_string(),
        "$.meeting.reason" => "meeting-reason".to_string(),
        "$.meeting.chairId" => "meeting-chair".to_string(),
        _ => path
            .strip_prefix("$.participants[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| record.participants.get(index))
            .map(|participant| format!("participant-{}-change", participant.id))
            .unwrap_or_else(|| "participant-name".to_string()),
    };
    context.id(&field)
}

/// The strategy meeting widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| {
        MeetingState::new(
            props.record.clone(),
            props.actor.clone(),
            props.config.clone(),
        )
    });
    let context = WidgetContext {
        id_prefix: props.id_prefix.clone(),
        config: props.config.clone(),
    };

    {
        // Tell the host after every accepted change (not on first render).
        let on_change = props.on_change.clone();
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 {
                on_change.emit(state.record.clone());
            }
        });
    }

    let dispatch = {
        let state = state.clone();
        Callback::from(move |command: Command| state.dispatch(Action::Apply(command, now())))
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissRefusal))
    };

    let findings = validate(&state.record, &props.config);
    let record = &state.record;
    let finding_items = findings.iter().enumerate().map(|(index, finding)| {
        let target = control_for_path(&finding.path, record, &context);
        let href = format!("#{target}");
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if let Some(link) = event.target_dyn_into::<Element>() {
                focus_by_id(&link, &target);
            }
        });
        let severity = match finding.severity {
            Severity::Error => "Must fix",
            Severity::Warning => "Consider",
        };
        html! {
            <li key={index} class={classes!("rs-findings__item", format!("rs-findings__item--{}", finding.severity.as_str()))}>
                <span class="rs-findings__severity">{ severity }</span>
                <a class="rs-findings__link" {href} {onclick}>{ &finding.message }</a>
            </li>
        }
    });

    html! {
        <ContextProvider<WidgetContext> context={context.clone()}>
            <div class="rs-widget">
                <h2 class="rs-widget__title">{ "Strategy meeting record" }</h2>
                if let Some(problem) = &state.refusal {
                    <div class="rs-notice rs-notice--refusal" role="alert">
                        <p class="rs-notice__text">{ problem.to_string() }</p>
                        <button type="button" class="rs-button rs-button--secondary" onclick={dismiss}>
                            { "Dismiss" }
                        </button>
                    </div>
                }
                <MeetingDetails
                    meeting={state.record.meeting.clone()}
                    participants={state.record.participants.clone()}
                    dispatch={dispatch.clone()}
                />
                <Participants participants={state.record.participants.clone()} dispatch={dispatch} />
                <section class="rs-findings" aria-labelledby={context.id("findings-heading")}>
                    <h3 class="rs-findings__heading" id={context.id("findings-heading")}>
                        { "Before this record can be finalised" }
                    </h3>
                    if findings.is_empty() {
                        <p>{ "Nothing is missing from these sections." }</p>
                    } else {
                        <ul class="rs-findings__list">{ for finding_items }</ul>
                    }
                </section>
                <p class="rs-visually-hidden" role="status" aria-live="polite">{ state.announcement.clone() }</p>
            </div>
        </ContextProvider<WidgetContext>>
    }
}
