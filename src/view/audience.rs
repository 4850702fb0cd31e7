//! The shared screen's window: the meeting as the room sees it. It shows the stage the
//! chair is on, scrolled as the chair is, from the shared-screen copy the chair's window
//! sends (nothing restricted is in it), read-only, in chair mode's large type, with no
//! controls: nothing here changes the record or reveals anything.

use super::app::{use_session, PartContext};
use super::context::{use_effect_on, use_widget_context, WidgetContext};
use super::stages::{Part, Stage};
use crate::bidi::isolate;
use crate::shared_screen::{scroll_to_fraction, AudienceScreen};
use std::rc::Rc;
use yew::prelude::*;

/// What the shared screen says where a copy left restricted items of a list or section out:
/// how many, never what.
pub fn left_out_note(count: u32) -> String {
    match count {
        1 => "1 restricted item is not sent to the shared screen.".to_string(),
        _ => format!("{count} restricted items are not sent to the shared screen."),
    }
}

#[derive(Properties, PartialEq)]
pub struct AudienceProps {
    pub screen: Rc<AudienceScreen>,
    pub id_prefix: AttrValue,
}

#[function_component(Audience)]
pub fn audience(props: &AudienceProps) -> Html {
    let session = props.screen.session();
    use_session(&session);
    {
        let redraw = use_force_update();
        let screen = props.screen.clone();
        use_effect_on((), move |_| {
            screen.connect(Callback::from(move |()| redraw.force_update()));
        });
    }
    let view = props.screen.view();
    let record = session.record();
    {
        // Scroll as the chair has, once the stage (or the record) has been drawn.
        let revision = session.revision();
        use_effect_on(
            (
                view.map(|(stage, scroll)| (stage, scroll.to_bits())),
                revision,
            ),
            move |(view, _)| {
                if let Some((_, scroll)) = view {
                    scroll_to_fraction(f64::from_bits(*scroll));
                }
            },
        );
    }
    let context = use_widget_context(&session, &props.id_prefix);
    let banner = |place: Html| {
        html! {
            <div class="rs-audience__banner">
                <h2 class="rs-visually-hidden">{ "Strategy meeting: the shared screen" }</h2>
                <p class="rs-audience__note">
                    <strong>{ "Shared screen." }</strong>
                    { " It follows the chair's screen. Restricted items are never sent to this window." }
                </p>
                { place }
            </div>
        }
    };
    let Some((stage, _)) = view else {
        return html! {
            <div class="rs-widget rs-widget--chair rs-audience">
                { banner(html! {}) }
                <p role="status">{ "Waiting for the chair's screen. Open it from the chair's window with \"Open the shared screen\"." }</p>
            </div>
        };
    };
    let go_to = Callback::noop();
    let parts = PartContext {
        record: &record,
        findings: &[],
        all_findings: &[],
        revealed: false,
        read_only: true,
        go_to: &go_to,
        session: &session,
        context: &context,
    };
    let body: Html = stage
        .parts()
        .iter()
        // The wellbeing debrief is the professionals' own: never on the shared screen.
        .filter(|part| !matches!(part, Part::Finalise | Part::Wellbeing))
        .map(|part| parts.render(*part))
        .collect();
    let number = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0) + 1;
    let child = record
        .child()
        .map(|child| isolate(&child.name).to_string())
        .unwrap_or_default();
    html! {
        <ContextProvider<WidgetContext> context={(*context).clone()}>
            <div class="rs-widget rs-widget--chair rs-audience">
                { banner(html! {
                    <p class="rs-audience__place">
                        if !child.is_empty() {
                            { child } { " · " }
                        }
                        { format!("Stage {number} of {}", Stage::ALL.len()) }
                    </p>
                }) }
                <div class="rs-stage">
                    <h3 class="rs-stage__title">{ stage.title() }</h3>
                    { body }
                </div>
                <p class="rs-visually-hidden" role="status" aria-live="polite">{ format!("The chair is on {}", stage.title()) }</p>
            </div>
        </ContextProvider<WidgetContext>>
    }
}
