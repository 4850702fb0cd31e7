//! What every component of one widget shares: its element-id prefix, the host's
//! configuration, and the session it sends commands to.

use crate::meeting::{Command, Config};
use crate::session::Session;
use std::rc::Rc;
use yew::prelude::*;

/// Shared, unchanging facts every component may need.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetContext {
    /// Prefix for element ids, unique per mounted widget so two widgets never clash.
    pub id_prefix: AttrValue,
    /// The host's configuration.
    pub config: Rc<Config>,
    /// The live meeting.
    pub session: Rc<Session>,
}

/// The context of the widget showing `session`, made once.
#[hook]
pub fn use_widget_context(session: &Rc<Session>, id_prefix: &AttrValue) -> Rc<WidgetContext> {
    let session = session.clone();
    let id_prefix = id_prefix.clone();
    use_memo((), move |_| WidgetContext {
        id_prefix,
        config: session.config(),
        session,
    })
}

impl WidgetContext {
    /// A document-unique element id for `name` within this widget.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.id_prefix)
    }

    /// Sends a change to the session (ignored while it is locked); true when it was taken.
    pub fn apply(&self, command: Command) -> bool {
        self.session.apply(command)
    }
}

/// The widget's context; every component is rendered inside `App`, which provides it.
#[hook]
pub fn use_widget() -> WidgetContext {
    use_context::<WidgetContext>().expect("WidgetContext is provided by App")
}

/// `use_state` given its first value rather than a closure that makes it. Each closure is a
/// type of its own, and Yew's hook code is compiled again for each, so every `use_state`
/// call was a copy of it in the module; through this, the states of one type share one.
#[hook]
pub fn use_value<T: 'static>(first: T) -> UseStateHandle<T> {
    use_state(move || first)
}
