//! The widget's root: holds the state, the current stage and the shared-screen settings,
//! lays out the task list and the stage, and handles the keyboard shortcuts.

use super::exports::Exports;
use super::finalise::Finalise;
use super::item_list::ItemList;
use super::meeting_details::MeetingDetails;
use super::minutes::Minutes;
use super::participants::Participants;
use super::scales::Scales;
use super::section_form::SectionForm;
use super::specs::{item_spec, list_values, sections, SectionSpec};
use super::stages::Stage;
use super::state::{now, Action, HostLink, HostNotices, MeetingState, WidgetContext};
use super::task_list::TaskList;
use crate::meeting::{validate, Command, Config, Finding, ItemKind};
use crate::record::{Actor, AssessmentColumn, DecisionRecord, Status};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Props of the widget.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The record to start from.
    pub record: Rc<DecisionRecord>,
    /// The host's configuration.
    pub config: Rc<Config>,
    /// Who operates the widget.
    #[prop_or_default]
    pub actor: Rc<Actor>,
    /// Prefix for element ids, unique per widget on the page.
    pub id_prefix: AttrValue,
    /// Told about every accepted change, with the record after it (the view's own copy,
    /// shared: the same `Rc` a `load` or an import handed in comes back unchanged).
    #[prop_or_default]
    pub on_change: Callback<Rc<DecisionRecord>>,
    /// Told when the record is finalised.
    #[prop_or_default]
    pub on_finalise: Callback<Rc<DecisionRecord>>,
    /// Start in chair mode (large type for a shared screen).
    #[prop_or_default]
    pub chair_mode: bool,
    /// Mask restricted items until revealed on purpose (on by default).
    #[prop_or(true)]
    pub screen_safe: bool,
    /// Show the record without any way to change it.
    #[prop_or_default]
    pub read_only: bool,
    /// The stage shown first.
    #[prop_or(Stage::Meeting)]
    pub initial_stage: Stage,
    /// The channel to the host's handle (`load`, autosave notices).
    #[prop_or_default]
    pub host: Option<Rc<HostLink>>,
    /// The notices to start with (a restored draft, storage problems).
    #[prop_or_default]
    pub notices: HostNotices,
}

impl PartialEq for HostLink {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Findings whose path falls in one of these sections.
fn findings_in(findings: &[Finding], prefixes: &[&str]) -> Rc<Vec<Finding>> {
    Rc::new(
        findings
            .iter()
            .filter(|finding| {
                prefixes.iter().any(|prefix| {
                    finding.path == *prefix
                        || finding.path.starts_with(&format!("{prefix}["))
                        || finding.path.starts_with(&format!("{prefix}."))
                })
            })
            .cloned()
            .collect(),
    )
}

/// True when the stage shows any item labelled restricted.
fn has_restricted(record: &DecisionRecord, stage: Stage) -> bool {
    let restricted = |sensitivity: crate::record::Sensitivity| sensitivity.is_restricted();
    match stage {
        Stage::Information => record.information.iter().any(|i| restricted(i.sensitivity)),
        Stage::Risks => record.risks.iter().any(|r| restricted(r.sensitivity)),
        Stage::Assessment => AssessmentColumn::ALL.iter().any(|column| {
            record
                .assessment
                .column(*column)
                .iter()
                .any(|s| restricted(s.sensitivity))
        }),
        Stage::Finalise => [Stage::Information, Stage::Risks, Stage::Assessment]
            .into_iter()
            .any(|stage| has_restricted(record, stage)),
        _ => false,
    }
}

/// The keyboard shortcuts, as the help panel lists them.
pub const SHORTCUTS: [(&str, &str); 4] = [
    ("Alt + Page Down", "Next stage"),
    ("Alt + Page Up", "Previous stage"),
    (
        "Alt + N",
        "Add an item on this stage (moves to the first field of the form)",
    ),
    ("Alt + M", "Go to the list of stages"),
];

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
    let stage = use_state(|| props.initial_stage);
    let chair_mode = use_state(|| props.chair_mode);
    let screen_safe = use_state(|| props.screen_safe);
    // The stage whose restricted items were revealed; leaving it masks them again.
    let revealed = use_state(|| None::<Stage>);
    let help_open = use_state(|| false);
    // The agenda timer: which stage it times and when it started (ms since the epoch).
    let timer = use_state(|| None::<(Stage, f64)>);
    let tick = use_state(|| 0u32);
    let notices = use_state(|| props.notices.clone());
    {
        let host = props.host.clone();
        let state = state.clone();
        let notices = notices.clone();
        use_effect_with((), move |_| {
            if let Some(host) = &host {
                let replace = Callback::from(move |record| state.dispatch(Action::Replace(record)));
                host.connect(replace, Callback::from(move |next| notices.set(next)));
            }
            move || {
                if let Some(host) = host {
                    host.disconnect();
                }
            }
        });
    }
    let stage_heading = use_node_ref();
    let root = use_node_ref();
    let print_ready = use_state(|| false);
    let print_requested = use_state(|| 0u32);
    {
        let print_ready = print_ready.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(
                &gloo::utils::window(),
                "beforeprint",
                move |_| print_ready.set(true),
            );
            move || drop(listener)
        });
    }
    {
        // Print once the minutes the button asked for have rendered.
        use_effect_with(*print_requested, move |requested| {
            if *requested > 0 {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }
        });
    }
    let moved = use_mut_ref(|| false);
    let context = WidgetContext {
        id_prefix: props.id_prefix.clone(),
        config: props.config.clone(),
    };

    {
        // Tell the host after every accepted change (not on first render).
        let on_change = props.on_change.clone();
        let on_finalise = props.on_finalise.clone();
        let state = state.clone();
        let status = use_mut_ref(|| props.record.meta.status);
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 {
                on_change.emit(state.record.clone());
                let was = std::mem::replace(&mut *status.borrow_mut(), state.record.meta.status);
                if was == Status::Draft && state.record.meta.status == Status::Final {
                    on_finalise.emit(state.record.clone());
                }
            }
        });
    }
    {
        // Move focus to the new stage's heading after a jump, so keyboard and screen-reader
        // users start at the top of it (not on first render: the host owns focus then).
        let stage_heading = stage_heading.clone();
        let moved = moved.clone();
        use_effect_with(*stage, move |_| {
            if *moved.borrow() {
                if let Some(heading) = stage_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }
    {
        // The timer redraws once a second while it runs.
        let tick = tick.clone();
        use_effect_with(timer.is_some(), move |running| {
            let interval = running.then(|| {
                gloo::timers::callback::Interval::new(1_000, move || tick.set(tick.wrapping_add(1)))
            });
            move || drop(interval)
        });
    }

    let go_to = {
        let stage = stage.clone();
        let revealed = revealed.clone();
        let moved = moved.clone();
        let stage_heading = stage_heading.clone();
        Callback::from(move |next: Stage| {
            *moved.borrow_mut() = true;
            if next == *stage {
                // Already there, so the effect below will not run: move focus now.
                if let Some(heading) = stage_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
                return;
            }
            revealed.set(None);
            stage.set(next);
        })
    };
    // No change at all while the host made the widget read-only or another tab holds the
    // meeting (a button a stage still shows, such as Finalise, does nothing).
    let locked = props.read_only || notices.other_tab;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |command: Command| {
            if !locked {
                state.dispatch(Action::Apply(command, now()))
            }
        })
    };
    let amend = {
        let state = state.clone();
        Callback::from(move |(command, actor): (Command, Actor)| {
            if !locked {
                state.dispatch(Action::ApplyAs(command, now(), actor))
            }
        })
    };
    let on_import = {
        let state = state.clone();
        Callback::from(move |record| state.dispatch(Action::Replace(Rc::new(record))))
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissRefusal))
    };

    let onkeydown = {
        let go_to = go_to.clone();
        let current = *stage;
        let root = root.clone();
        let prefix = props.id_prefix.clone();
        Callback::from(move |event: KeyboardEvent| {
            if !event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            let key = event.key();
            let target = match key.as_str() {
                "PageDown" => current.next().map(Some),
                "PageUp" => current.previous().map(Some),
                _ => None,
            };
            if let Some(Some(next)) = target {
                event.prevent_default();
                go_to.emit(next);
                return;
            }
            let Some(root) = root.cast::<Element>() else {
                return;
            };
            let field = ":is(input, select, textarea)";
            let selectors = match event.code().as_str() {
                // The stage's add form (not the spread prompt's dissent form nor the
                // amendment form), else the stage's first field (sections edited in place).
                "KeyN" => vec![
                    format!(".rs-stage :is(.rs-item-list__form:not(.rs-finalise__amend), .rs-participants__form) {field}"),
                    format!(".rs-stage {field}"),
                ],
                "KeyM" => vec![format!("#{prefix}-task-list [aria-current]")],
                _ => return,
            };
            let target = selectors
                .iter()
                .find_map(|selector| root.query_selector(selector).ok().flatten())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            if let Some(element) = target {
                event.prevent_default();
                let _ = element.focus();
            }
        })
    };

    let record = state.record.clone();
    let findings = validate(&state.record, &props.config);
    let states: Vec<_> = Stage::ALL
        .iter()
        .map(|s| s.state(&state.record, &findings))
        .collect();
    let participants = Rc::new(state.record.participants.clone());
    // While another tab holds the meeting this one follows it read-only, so that two tabs
    // never make changes one of them would later write over.
    let read_only =
        props.read_only || state.record.meta.status != Status::Draft || notices.other_tab;
    let current = *stage;
    let show_restricted = !*screen_safe || *revealed == Some(current);

    let list = |kind: ItemKind| {
        let spec = Rc::new(item_spec(kind));
        let findings = findings_in(&findings, &[spec.path]);
        html! {
            <ItemList
                key={spec.form}
                spec={spec.clone()}
                items={Rc::new(list_values(&state.record, kind))}
                participants={participants.clone()}
                {findings}
                dispatch={dispatch.clone()}
                revealed={show_restricted}
                {read_only}
            />
        }
    };
    let section = |spec: SectionSpec| {
        let findings = findings_in(&findings, &[spec.path]);
        let key = spec.form;
        html! {
            <SectionForm
                {key}
                spec={Rc::new(spec)}
                record={record.clone()}
                participants={participants.clone()}
                {findings}
                dispatch={dispatch.clone()}
                {read_only}
            />
        }
    };
    let body = match current {
        Stage::Meeting => html! {
            <MeetingDetails
                meeting={state.record.meeting.clone()}
                participants={state.record.participants.clone()}
                findings={findings_in(&findings, &["$.meeting"])}
                dispatch={dispatch.clone()}
                {read_only}
            />
        },
        Stage::Subjects => {
            html! { <>{ list(ItemKind::Subject) }{ section(sections::practice_context()) }</> }
        }
        Stage::Participants => html! {
            <Participants participants={state.record.participants.clone()} dispatch={dispatch.clone()} {read_only} />
        },
        Stage::Information => {
            html! { <>{ list(ItemKind::Information) }{ list(ItemKind::Tool) }</> }
        }
        Stage::Gaps => list(ItemKind::Gap),
        Stage::ChildVoice => section(sections::child_voice()),
        Stage::Assessment => html! {
            <>{ for AssessmentColumn::ALL.iter().map(|column| list(ItemKind::Statement(*column))) }</>
        },
        Stage::Scales => html! {
            <Scales
                scales={state.record.scales.clone()}
                participants={participants.clone()}
                discussion={state.record.assessment.scale_discussion.clone()}
                findings={findings_in(&findings, &["$.scales"])}
                dispatch={dispatch.clone()}
                {read_only}
            />
        },
        Stage::Decisions => list(ItemKind::Decision),
        Stage::Risks => list(ItemKind::Risk),
        Stage::Actions => list(ItemKind::Action),
        Stage::Contingencies => list(ItemKind::Contingency),
        Stage::Family => list(ItemKind::FamilyCommunication),
        Stage::Dissent => list(ItemKind::Dissent),
        Stage::Review => html! {
            <>{ section(sections::timescales()) }<super::clocks::Clocks record={record.clone()} />{ list(ItemKind::Recipient) }</>
        },
        Stage::Wellbeing => section(sections::wellbeing()),
        Stage::Finalise => html! {
            <Finalise
                record={record.clone()}
                findings={Rc::new(findings.clone())}
                dispatch={dispatch.clone()}
                {amend}
                on_jump={go_to.clone()}
                mask_restricted={!show_restricted}
                actor={props.actor.clone()}
            />
        },
    };

    let toggle = |handle: &UseStateHandle<bool>| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.set(!*handle))
    };
    let reveal = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| {
            revealed.set(if *revealed == Some(current) {
                None
            } else {
                Some(current)
            })
        })
    };
    // The printed minutes are built only once someone prints (the button, or the browser's
    // own print, which fires `beforeprint`): they are a thousand rows on a large meeting,
    // and rebuilding them on every keystroke would be felt by the whole room.
    let print = {
        let print_ready = print_ready.clone();
        let print_requested = print_requested.clone();
        Callback::from(move |_: MouseEvent| {
            print_ready.set(true);
            print_requested.set(print_requested.wrapping_add(1));
        })
    };
    let timer_button = {
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
    let previous = current.previous();
    let next = current.next();
    let stage_id = context.id(&format!("stage-{}", current.slug()));
    let child = state.record.child().map(|child| child.name.clone());

    html! {
        <ContextProvider<WidgetContext> context={context.clone()}>
            <div class={classes!("rs-widget", chair_mode.then_some("rs-widget--chair"))} ref={root} {onkeydown}>
                <div class="rs-widget__screen">
                    <header class="rs-widget__header">
                        <div class="rs-widget__titles">
                            <h2 class="rs-widget__title">{ "Strategy meeting record" }</h2>
                            <p class="rs-widget__subtitle">
                                { format!("{}{}", child.map(|name| format!("{name} · ")).unwrap_or_default(), match state.record.meta.status {
                                    Status::Draft => "Draft",
                                    Status::Final => "Final (read-only)",
                                    Status::Amended => "Final, amended (read-only)",
                                }) }
                            </p>
                        </div>
                        <p class={classes!("rs-widget__saved", (!notices.saved_by_host).then_some("rs-widget__saved--pending"))}>
                            { if notices.saved_by_host { "Saved by your system" } else { "Not yet saved by your system" } }
                        </p>
                        <div class="rs-widget__toolbar">
                            <button type="button" class="rs-button rs-button--secondary" aria-pressed={chair_mode.to_string()} onclick={toggle(&chair_mode)}>
                                { "Chair mode" }
                            </button>
                            <button type="button" class="rs-button rs-button--secondary" aria-pressed={screen_safe.to_string()} onclick={toggle(&screen_safe)}>
                                { "Screen-safe" }
                            </button>
                            <button type="button" class="rs-button rs-button--secondary" aria-expanded={help_open.to_string()}
                                aria-controls={context.id("help")} onclick={toggle(&help_open)}>
                                { "Keyboard shortcuts" }
                            </button>
                            <button type="button" class="rs-button rs-button--secondary" onclick={print}>{ "Print minutes" }</button>
                        </div>
                    </header>
                    if *help_open {
                        <section class="rs-help" id={context.id("help")} aria-labelledby={context.id("help-heading")}>
                            <h3 class="rs-help__heading" id={context.id("help-heading")}>{ "Keyboard shortcuts" }</h3>
                            <dl class="rs-help__list">
                                { for SHORTCUTS.iter().map(|(keys, what)| html! {
                                    <div class="rs-help__row" key={*keys}>
                                        <dt class="rs-help__keys"><kbd>{ *keys }</kbd></dt>
                                        <dd class="rs-help__what">{ *what }</dd>
                                    </div>
                                }) }
                            </dl>
                            <p>{ "Tab and Shift + Tab move between fields; Enter in a field adds the item." }</p>
                        </section>
                    }
                    if let Some(saved) = &notices.restored {
                        <div class="rs-notice rs-notice--info" role="status">
                            <p class="rs-notice__text">{ format!("Restored the draft saved in this browser at {saved}.") }</p>
                        </div>
                    }
                    if let Some(expired) = &notices.expired {
                        <div class="rs-notice rs-notice--info" role="status">
                            <p class="rs-notice__text">{ expired.clone() }</p>
                        </div>
                    }
                    if notices.other_tab {
                        <div class="rs-notice rs-notice--refusal" role="alert">
                            <p class="rs-notice__text">
                                { "This meeting is already open in another tab or window, so this tab shows it read-only and follows the changes saved there. Use the other tab; if it is closed, this one takes over within a few seconds." }
                            </p>
                        </div>
                    }
                    if let Some(problem) = &notices.storage_problem {
                        <div class="rs-notice rs-notice--refusal" role="alert">
                            <p class="rs-notice__text">{ problem.clone() }</p>
                        </div>
                    }
                    if let Some(problem) = &state.refusal {
                        <div class="rs-notice rs-notice--refusal" role="alert">
                            <p class="rs-notice__text">{ problem.to_string() }</p>
                            <button type="button" class="rs-button rs-button--secondary" onclick={dismiss}>{ "Dismiss" }</button>
                        </div>
                    }
                    <div class="rs-widget__layout">
                        <TaskList current={current} states={states} onselect={go_to.clone()} id_prefix={props.id_prefix.clone()} />
                        <div class="rs-stage" id={stage_id.clone()}>
                            <div class="rs-stage__header">
                                <h3 class="rs-stage__title" id={format!("{stage_id}-heading")} tabindex="-1" ref={stage_heading}>
                                    { current.title() }
                                </h3>
                                <div class="rs-stage__tools">
                                    if *screen_safe && has_restricted(&state.record, current) {
                                        <button type="button" class="rs-button rs-button--secondary" aria-pressed={show_restricted.to_string()} onclick={reveal}>
                                            { "Show restricted items" }
                                        </button>
                                    }
                                    <button type="button" class="rs-button rs-button--secondary" aria-pressed={elapsed.is_some().to_string()} onclick={timer_button}>
                                        { "Agenda timer" }
                                    </button>
                                    if let Some(elapsed) = &elapsed {
                                        <span class="rs-stage__timer" role="timer" aria-label="Time on this stage">{ elapsed }</span>
                                    }
                                </div>
                            </div>
                            if *screen_safe && has_restricted(&state.record, current) && !show_restricted {
                                <p class="rs-stage__masked-note">{ "Restricted items are hidden on this shared screen." }</p>
                            }
                            { body }
                            <nav class="rs-stage__pager" aria-label="Stage navigation">
                                if let Some(previous) = previous {
                                    <button type="button" class="rs-button rs-button--secondary" onclick={go_to.reform(move |_: MouseEvent| previous)}>
                                        { format!("Previous: {}", previous.title()) }
                                    </button>
                                }
                                if let Some(next) = next {
                                    <button type="button" class="rs-button rs-button--secondary" onclick={go_to.reform(move |_: MouseEvent| next)}>
                                        { format!("Next: {}", next.title()) }
                                    </button>
                                }
                            </nav>
                        </div>
                    </div>
                    <Exports record={record.clone()} {on_import} read_only={props.read_only || notices.other_tab} />
                    <p class="rs-visually-hidden" role="status" aria-live="polite">{ state.announcement.clone() }</p>
                </div>
                if *print_ready {
                    <div class="rs-print-only">
                        <h2 class="rs-minutes__title">{ "Minutes of the strategy meeting" }</h2>
                        <Minutes record={record.clone()} config={props.config.clone()} level={3} />
                    </div>
                }
            </div>
        </ContextProvider<WidgetContext>>
    }
}
