//! The widget's root: renders the session, holds the current stage and the shared-screen
//! settings, and lays out the header, the notices, the task list and the stage.

use super::agenda_timer::AgendaTimer;
use super::audience::Audience;
use super::class_list;
use super::clocks::clocks;
use super::context::{use_effect_on, use_value, use_widget_context, State, WidgetContext};
use super::distribution::from_present;
use super::exports::Exports;
use super::family_review::FamilyReview;
use super::finalise::Finalise;
use super::header::{header, HeaderProps};
use super::help::{help_panel, shortcut_handler};
use super::item_list::ItemList;
use super::meeting_details::MeetingDetails;
use super::notices::{notices as notices_view, NoticesProps};
use super::participants::Participants;
use super::print_panel::{printed, PrintChoice, PrintPanel};
use super::scales::Scales;
use super::section_form::SectionForm;
use super::specs::{self, list_form, ListForm, Section};
use super::stages::{Part, Stage, StageState};
use super::task_list::{task_list, TaskListProps};
use super::undo::UndoNotice;
use super::wellbeing::Wellbeing;
use crate::bidi::isolate;
use crate::copy::candidates;
use crate::meeting::{any_restricted, Finding, Severity};
use crate::record::{DecisionRecord, JsonPath, Restricted, Status};
use crate::session::Session;
use crate::shared_screen::SharedScreen;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Props of the widget.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The live meeting: the record, the draft and the notices.
    pub session: Rc<Session>,
    /// Prefix for element ids, unique per widget on the page.
    pub id_prefix: AttrValue,
    /// Start in chair mode (large type for a shared screen).
    #[prop_or_default]
    pub chair_mode: bool,
    /// Mask restricted items until revealed on purpose (on by default).
    #[prop_or(true)]
    pub screen_safe: bool,
    /// The stage shown first.
    #[prop_or(Stage::Meeting)]
    pub initial_stage: Stage,
    /// The shared screen: the chair's link to it, or this widget is the shared window.
    #[prop_or_default]
    pub shared_screen: Option<SharedScreen>,
}

/// Redraws the component whenever the session changes.
#[hook]
pub(super) fn use_session(session: &Rc<Session>) {
    let redraw = use_force_update();
    let session = session.clone();
    use_effect_on((), move |_| {
        session.connect(Callback::from(move |()| redraw.force_update()));
        move || session.disconnect()
    });
}

/// What printing needs: whether what prints is built, what was chosen, and whether the
/// choice is being asked. What prints is built only once someone prints (the panel's
/// button, or the browser's own print, which fires `beforeprint` and prints the full
/// minutes): a thousand rows on a large meeting, too many to rebuild on every key.
struct Printing {
    ready: bool,
    choice: PrintChoice,
    asking: State<bool>,
    print: Callback<PrintChoice>,
}

#[hook]
fn use_print() -> Printing {
    let ready = use_value(false);
    let choice = use_value(PrintChoice::default());
    let asking = use_value(false);
    let requested = use_value(0u32);
    {
        let ready = ready.clone();
        use_effect_on((), move |_| {
            let listener = gloo::events::EventListener::new(
                &gloo::utils::window(),
                "beforeprint",
                move |_| ready.set(true),
            );
            move || drop(listener)
        });
    }
    // Print once what was chosen has rendered.
    use_effect_on(*requested, move |requested| {
        if *requested > 0 {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }
    });
    let print = {
        let (ready, choice, asking) = (ready.clone(), choice.clone(), asking.clone());
        Callback::from(move |chosen: PrintChoice| {
            choice.set(chosen);
            asking.set(false);
            ready.set(true);
            requested.set(requested.wrapping_add(1));
        })
    };
    Printing {
        ready: *ready,
        choice: *choice,
        asking,
        print,
    }
}

/// The findings under any of these paths.
fn findings_in(findings: &[Finding], paths: &[JsonPath]) -> Rc<Vec<Finding>> {
    Rc::new(
        findings
            .iter()
            .filter(|finding| paths.iter().any(|path| finding.path.starts_with(path)))
            .cloned()
            .collect(),
    )
}

/// True when the stage shows anything restricted: hidden on a shared screen until the
/// chair reveals it.
fn has_restricted(record: &DecisionRecord, stage: Stage) -> bool {
    stage
        .parts()
        .iter()
        .any(|part| part_restricted(record, *part))
}

fn part_restricted(record: &DecisionRecord, part: Part) -> bool {
    match part {
        Part::List(kind) => any_restricted(record, kind),
        Part::Section(section) => section.form().restricted(record),
        Part::MeetingDetails => specs::meeting().erased().restricted(record),
        Part::Scales => {
            record
                .scales
                .iter()
                .any(|scale| scale.is_restricted() && !scale.reason.is_empty())
                || super::scales::discussion().erased().restricted(record)
        }
        Part::FamilyReview => candidates(record)
            .iter()
            .any(|candidate| !candidate.restrictions.is_empty()),
        // The whole record: every part of every stage, and the amendments.
        Part::Finalise => {
            Stage::ALL
                .iter()
                .flat_map(|stage| stage.parts())
                .any(|part| *part != Part::Finalise && part_restricted(record, *part))
                || record.amendments.iter().any(Restricted::is_restricted)
        }
        Part::Participants | Part::Clocks | Part::FromPresent | Part::Wellbeing => false,
    }
}

/// What every part of a stage is drawn with.
pub(super) struct PartContext<'a> {
    pub record: &'a Rc<DecisionRecord>,
    /// The findings shown by the fields: none until the stage has been checked.
    pub findings: &'a [Finding],
    /// Every finding, for the check before finalising.
    pub all_findings: &'a [Finding],
    pub revealed: bool,
    pub read_only: bool,
    pub go_to: &'a Callback<Stage>,
    pub session: &'a Rc<Session>,
    pub context: &'a Rc<WidgetContext>,
}

impl PartContext<'_> {
    fn list(&self, list: Rc<dyn ListForm>) -> Html {
        let findings = findings_in(self.findings, &[list.kind().path()]);
        let key = list.form();
        html! {
            <ItemList
                {key}
                form={list}
                record={self.record.clone()}
                {findings}
                revealed={self.revealed}
                read_only={self.read_only}
            />
        }
    }

    fn section(&self, section: Rc<dyn Section>) -> Html {
        let findings = findings_in(self.findings, &[section.path()]);
        let key = section.form();
        html! {
            <SectionForm
                {key}
                {section}
                revealed={self.revealed}
                record={self.record.clone()}
                {findings}
                read_only={self.read_only}
            />
        }
    }

    /// One part of the stage.
    pub fn render(&self, part: Part) -> Html {
        let record = self.record;
        match part {
            Part::MeetingDetails => html! {
                <MeetingDetails
                    record={record.clone()}
                    revealed={self.revealed}
                    findings={findings_in(self.findings, &[JsonPath::keys(specs::meeting().keys)])}
                    read_only={self.read_only}
                />
            },
            Part::Participants => html! {
                <Participants participants={record.participants.clone()} read_only={self.read_only} />
            },
            Part::List(kind) => self.list(list_form(kind)),
            Part::Section(section) => self.section(section.form()),
            Part::Scales => html! {
                <Scales
                    revealed={self.revealed}
                    scales={record.scales.clone()}
                    participants={record.participants.clone()}
                    discussion={AttrValue::from(record.assessment.scale_discussion.clone())}
                    discussion_restrictions={record.assessment.scale_discussion_restrictions.clone()}
                    findings={findings_in(self.findings, &[JsonPath::keys(&["scales"])])}
                    read_only={self.read_only}
                />
            },
            Part::Clocks => clocks(record, self.context),
            Part::FromPresent if !self.read_only => from_present(record, self.context),
            Part::FromPresent => html! {},
            Part::FamilyReview => html! {
                <FamilyReview record={record.clone()} revealed={self.revealed} read_only={self.read_only} />
            },
            Part::Wellbeing => html! {
                <Wellbeing record={record.clone()} kept={self.session.wellbeing()} />
            },
            Part::Finalise => html! {
                <Finalise
                    record={record.clone()}
                    findings={Rc::new(self.all_findings.to_vec())}
                    on_jump={self.go_to.clone()}
                    mask_restricted={!self.revealed}
                    actor={self.session.actor()}
                />
            },
        }
    }
}

/// What a check of the stage found (`findings`), at the top of the stage (the
/// error-summary pattern): what needs attention, what to consider, or that nothing was
/// found. `summary_ref` lets the check move focus here.
fn stage_check(findings: &[Finding], summary_ref: &NodeRef) -> Html {
    let errors = findings
        .iter()
        .any(|finding| finding.severity == Severity::Error);
    let (modifier, heading) = match (findings.is_empty(), errors) {
        (true, _) => ("ready", "Nothing to fix in this stage"),
        (false, true) => ("needs-attention", "This stage needs attention"),
        (false, false) => ("consider", "Things to consider in this stage"),
    };
    html! {
        <div class={class_list("rs-stage-check", &[Some(&format!("rs-stage-check--{modifier}"))])}
            tabindex="-1" ref={summary_ref.clone()}>
            <h4 class="rs-stage-check__heading">{ heading }</h4>
            if !findings.is_empty() {
                <ul class="rs-stage-check__list">
                    { for findings.iter().map(|finding| html! {
                        <li class={class_list("rs-stage-check__item", &[(finding.severity == Severity::Error).then_some("rs-stage-check__item--error")])}>
                            <strong>{ format!("{}: ", finding.severity.label()) }</strong>
                            { finding.message.clone() }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// The strategy meeting widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // A widget is the shared window, or not, for its whole life: the hooks below are
    // always called in the same order.
    if let Some(SharedScreen::Audience(screen)) = &props.shared_screen {
        return html! { <Audience screen={screen.clone()} id_prefix={props.id_prefix.clone()} /> };
    }
    let session = props.session.clone();
    use_session(&session);
    let stage = use_value(props.initial_stage);
    // The stages whose findings are shown: checked on request, on leaving them, and all of
    // them on going to finalise. Nothing is flagged before anyone has typed.
    let checked = use_value(Stages::default());
    let summary_ref = use_node_ref();
    let check_requested = use_value(0u32);
    let chair_mode = use_value(props.chair_mode);
    let screen_safe = use_value(props.screen_safe);
    // The stage whose restricted items were revealed; leaving it masks them again.
    let revealed = use_value(None::<Stage>);
    let help_open = use_value(false);
    let printing = use_print();
    let stage_heading = use_node_ref();
    let root = use_node_ref();
    let moved = use_mut_ref(|| false);
    let context = use_widget_context(&session, &props.id_prefix);
    {
        // Move focus to the new stage's heading after a jump, so keyboard and screen-reader
        // users start at the top of it (not on first render: the host owns focus then).
        let stage_heading = stage_heading.clone();
        let moved = moved.clone();
        use_effect_on(*stage, move |_| {
            if *moved.borrow() {
                if let Some(heading) = stage_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }

    {
        // After "Check this stage", focus goes to what the check found.
        let summary_ref = summary_ref.clone();
        use_effect_on(*check_requested, move |requested| {
            if *requested > 0 {
                if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                    let _ = summary.focus();
                }
            }
        });
    }

    let chair_screen = match &props.shared_screen {
        Some(SharedScreen::Chair(screen)) => Some(screen.clone()),
        _ => None,
    };
    {
        // The shared window follows the record, the stage and the scrolling.
        let screen = chair_screen.clone();
        use_effect_on(session.revision(), move |_| {
            if let Some(screen) = screen {
                screen.record_changed();
            }
        });
        let screen = chair_screen.clone();
        use_effect_on(*stage, move |stage| {
            if let Some(screen) = screen {
                screen.stage_changed(*stage);
            }
        });
        let screen = chair_screen.clone();
        use_effect_on((), move |_| {
            let listener = screen.map(|screen| {
                gloo::events::EventListener::new(&gloo::utils::window(), "scroll", move |_| {
                    screen.scrolled()
                })
            });
            move || drop(listener)
        });
    }
    let open_shared_screen =
        chair_screen.map(|screen| Callback::from(move |_: MouseEvent| screen.open_window()));

    let go_to = {
        let stage = stage.clone();
        let revealed = revealed.clone();
        let stage_heading = stage_heading.clone();
        let checked = checked.clone();
        let session = session.clone();
        Callback::from(move |next: Stage| {
            *moved.borrow_mut() = true;
            if next == *stage {
                // Already there, so the effect above will not run: move focus now.
                if let Some(heading) = stage_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
                return;
            }
            let mut now_checked = *checked;
            now_checked.insert(*stage);
            if next == Stage::Finalise {
                Stage::ALL
                    .iter()
                    .for_each(|stage| now_checked.insert(*stage));
            }
            if now_checked != *checked {
                checked.set(now_checked);
            }
            revealed.set(None);
            // A removal can be undone only on the stage it was made on.
            session.forget_removal();
            stage.set(next);
        })
    };
    let toggle = |handle: &State<bool>| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.set(!*handle))
    };
    let dismiss = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.dismiss_refusal())
    };
    let record = session.record();
    let notices = session.notices();
    let outcome = session.outcome();
    let findings = session.findings();
    let findings = &*findings;
    let current = *stage;
    // On the way to finalising, every stage is checked.
    let is_checked = |s: &Stage| current == Stage::Finalise || checked.contains(*s);
    let states: Vec<_> = Stage::ALL
        .iter()
        .map(|s| match s {
            // The debrief is the session's own document, not the record's.
            Stage::Wellbeing if session.wellbeing().is_some() => StageState::Ready,
            _ => s.state(&record, findings, is_checked(s)),
        })
        .collect();
    let read_only = session.record_read_only();
    let current_checked = is_checked(&current);
    let stage_findings = if current_checked {
        current.findings(findings)
    } else {
        Vec::new()
    };
    let show_restricted = !*screen_safe || *revealed == Some(current);
    let restricted_here = *screen_safe && has_restricted(&record, current);
    let parts = PartContext {
        record: &record,
        findings: if current_checked { findings } else { &[] },
        all_findings: findings,
        revealed: show_restricted,
        read_only,
        go_to: &go_to,
        session: &session,
        context: &context,
    };
    let body: Html = current
        .parts()
        .iter()
        .map(|part| parts.render(*part))
        .collect();

    let hide_restricted = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(None))
    };
    let check = {
        let checked = checked.clone();
        let check_requested = check_requested.clone();
        Callback::from(move |_: MouseEvent| {
            let mut now_checked = *checked;
            now_checked.insert(current);
            checked.set(now_checked);
            check_requested.set(check_requested.wrapping_add(1));
        })
    };
    let can_check = current != Stage::Finalise && record.meta.status == Status::Draft;
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
    let onkeydown = shortcut_handler(
        current,
        go_to.clone(),
        root.clone(),
        context.id("task-list"),
    );
    let previous = current.previous();
    let next = current.next();
    let stage_id = context.id(&format!("stage-{}", current.slug()));
    let subtitle = format!(
        "{}{}",
        record
            .child()
            .map(|child| format!("{} · ", isolate(&child.name)))
            .unwrap_or_default(),
        match record.meta.status {
            Status::Draft => "Draft",
            Status::Final => "Final (read-only)",
            Status::Amended => "Final, amended (read-only)",
        }
    );

    html! {
        <ContextProvider<WidgetContext> context={(*context).clone()}>
            <div class={class_list("rs-widget", &[chair_mode.then_some("rs-widget--chair")])} ref={root} {onkeydown}>
                <div class="rs-widget__screen">
                    { header(HeaderProps {
                        subtitle: subtitle.into(),
                        saved_by_host: notices.saved_by_host,
                        chair_mode: *chair_mode,
                        screen_safe: *screen_safe,
                        help_open: *help_open,
                        help_id: context.id("help").into(),
                        on_chair_mode: toggle(&chair_mode),
                        on_screen_safe: toggle(&screen_safe),
                        on_help: toggle(&help_open),
                        on_print: toggle(&printing.asking),
                        print_open: *printing.asking,
                        print_id: context.id("print").into(),
                        on_shared_screen: open_shared_screen,
                    }) }
                    if *printing.asking {
                        <PrintPanel id={context.id("print")} record={record.clone()}
                            on_print={printing.print.clone()} on_cancel={toggle(&printing.asking)} />
                    }
                    if *help_open {
                        { help_panel(context.id("help").into(), context.id("help-heading").into()) }
                    }
                    if !*screen_safe {
                        <div class="rs-widget__exposed" role="status">
                            <strong>{ "Screen-safe is off: restricted items are shown on this screen." }</strong>
                            <button type="button" class="rs-button rs-button--secondary" onclick={toggle(&screen_safe)}>
                                { "Hide restricted items" }
                            </button>
                        </div>
                    } else if *revealed == Some(current) {
                        <div class="rs-widget__exposed" role="status">
                            <strong>{ "Restricted items are shown on this stage." }</strong>
                            <button type="button" class="rs-button rs-button--secondary" onclick={hide_restricted}>
                                { "Hide restricted items" }
                            </button>
                        </div>
                    }
                    { notices_view(NoticesProps { notices: notices.clone(), refusal: outcome.refusal.clone(), on_dismiss: dismiss }) }
                    <div class="rs-widget__layout">
                        { task_list(TaskListProps { current, states, onselect: go_to.clone(), id_prefix: props.id_prefix.clone() }) }
                        <div class="rs-stage" id={stage_id.clone()}>
                            <div class="rs-stage__header">
                                <h3 class="rs-stage__title" id={format!("{stage_id}-heading")} tabindex="-1" ref={stage_heading}>
                                    { current.title() }
                                </h3>
                                <div class="rs-stage__tools">
                                    if can_check {
                                        <button type="button" class="rs-button rs-button--secondary" onclick={check}>
                                            { "Check this stage" }
                                        </button>
                                    }
                                    if restricted_here {
                                        <button type="button" class="rs-button rs-button--secondary" aria-pressed={show_restricted.to_string()} onclick={reveal}>
                                            { "Show restricted items" }
                                        </button>
                                    }
                                    <AgendaTimer {current} />
                                </div>
                            </div>
                            if restricted_here && !show_restricted {
                                <p class="rs-stage__masked-note">{ "Restricted items are hidden on this shared screen." }</p>
                            }
                            if current_checked && can_check {
                                { stage_check(&stage_findings, &summary_ref) }
                            }
                            if let (Some(removal), false) = (outcome.removal.clone(), read_only) {
                                <UndoNotice {removal} />
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
                    <Exports distribution={record.distribution.clone()} read_only={session.locked()} />
                    <p class="rs-visually-hidden" role="status" aria-live="polite">{ outcome.announcement.clone() }</p>
                </div>
                if printing.ready {
                    <div class="rs-print-only">
                        { printed(&record, printing.choice, &context) }
                    </div>
                }
            </div>
        </ContextProvider<WidgetContext>>
    }
}

/// A set of stages, one bit each (the stages whose findings are shown).
#[derive(Clone, Copy, Default, PartialEq)]
struct Stages(u32);

const _: () = assert!(Stage::ALL.len() <= 32, "a stage has no bit in `Stages`");

impl Stages {
    fn insert(&mut self, stage: Stage) {
        self.0 |= 1 << stage as u32;
    }

    fn contains(&self, stage: Stage) -> bool {
        self.0 & (1 << stage as u32) != 0
    }
}
