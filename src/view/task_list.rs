//! The task list: every stage with its state, each a link that jumps straight there.
//! Stages never force an order.

use super::class_list;
use super::stages::{Stage, StageState};
use yew::prelude::*;

/// Props of the task list.
pub struct TaskListProps {
    pub current: Stage,
    /// Each stage's state, in `Stage::ALL` order.
    pub states: Vec<StageState>,
    pub onselect: Callback<Stage>,
    pub id_prefix: AttrValue,
}

/// The list of stages with their states.
pub fn task_list(props: TaskListProps) -> Html {
    let items = Stage::ALL.iter().zip(&props.states).enumerate().map(|(index, (stage, state))| {
        let stage = *stage;
        let onclick = props.onselect.reform(move |event: MouseEvent| {
            event.prevent_default();
            stage
        });
        let current = stage == props.current;
        let status_id = format!("{}-task-{}-status", props.id_prefix, stage.slug());
        html! {
            <li key={stage.slug()} class={class_list("rs-task-list__item", &[current.then_some("rs-task-list__item--current")])}>
                <a class="rs-task-list__link"
                    href={format!("#{}-stage-{}", props.id_prefix, stage.slug())}
                    aria-current={current.then_some("step")}
                    aria-describedby={status_id.clone()}
                    {onclick}>
                    <span class="rs-task-list__number">{ format!("{}. ", index + 1) }</span>
                    { stage.title() }
                </a>
                <strong id={status_id} class={class_list("rs-tag", &[Some(&format!("rs-tag--{}", state.modifier()))])}>
                    { state.label() }
                </strong>
            </li>
        }
    });
    html! {
        <nav class="rs-task-list" aria-label="Meeting stages" id={format!("{}-task-list", props.id_prefix)}>
            <ol class="rs-task-list__items">{ for items }</ol>
        </nav>
    }
}
