//! The agenda timer: how long the meeting has spent on the current stage, started and
//! stopped by the chair. It times one stage; moving to another stage hides it.

use super::context::{use_effect_on, use_value};
use super::stages::Stage;
use yew::prelude::*;

/// Props of the agenda timer.
#[derive(Properties, PartialEq)]
pub struct AgendaTimerProps {
    pub current: Stage,
}

/// The timer's button and, while it runs on this stage, the time spent.
#[function_component(AgendaTimer)]
pub fn agenda_timer(props: &AgendaTimerProps) -> Html {
    // Which stage it times and when it started (ms since the epoch).
    let timer = use_value(None::<(Stage, f64)>);
    let tick = use_value(0u32);
    {
        // The timer redraws once a second while it runs.
        let tick = tick.clone();
        use_effect_on(timer.is_some(), move |running| {
            let interval = running.then(|| {
                gloo::timers::callback::Interval::new(1_000, move || tick.set(tick.wrapping_add(1)))
            });
            move || drop(interval)
        });
    }
    let current = props.current;
    let onclick = {
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| {
            timer.set(match *timer {
                Some((stage, _)) if stage == current => None,
                _ => Some((current, js_sys::Date::now())),
            })
        })
    };
    let elapsed = match *timer {
        Some((stage, started)) if stage == current => {
            let _ = *tick;
            let seconds = ((js_sys::Date::now() - started) / 1000.0).max(0.0) as u64;
            Some(format!("{:02}:{:02}", seconds / 60, seconds % 60))
        }
        _ => None,
    };
    html! {
        <>
            <button type="button" class="rs-button rs-button--secondary" aria-pressed={elapsed.is_some().to_string()} {onclick}>
                { "Agenda timer" }
            </button>
            if let Some(elapsed) = &elapsed {
                <span class="rs-stage__timer" role="timer" aria-label="Time on this stage">{ elapsed }</span>
            }
        </>
    }
}
