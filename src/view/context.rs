//! What every component of one widget shares: its element-id prefix, the host's
//! configuration, and the session it sends commands to.

use crate::meeting::{Command, Config};
use crate::session::Session;
use std::any::Any;
use std::marker::PhantomData;
use std::ops::Deref;
use std::rc::Rc;
use yew::functional::{Hook, HookContext};
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

/// A component's state of any type, read through `Deref` and changed by [`State::set`]
/// (which redraws the component), as Yew's `UseStateHandle`: a read gives the latest value
/// set, even before the redraw. Every state is one Yew state of one type (`Rc<dyn Any>`),
/// so Yew's hook code is compiled once for the widget rather than once for each type of
/// state and each closure that makes a first value.
pub struct State<T> {
    slot: UseStateHandle<Rc<dyn Any>>,
    kind: PhantomData<T>,
}

impl<T: 'static> State<T> {
    /// Replaces the value and redraws the component.
    pub fn set(&self, value: T) {
        self.slot.set(Rc::new(value));
    }
}

impl<T: 'static> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match (**self.slot).downcast_ref() {
            Some(value) => value,
            None => unreachable!("a hook's state keeps its type"),
        }
    }
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        State {
            slot: self.slot.clone(),
            kind: PhantomData,
        }
    }
}

impl<T: PartialEq + 'static> PartialEq for State<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// A state whose first value is `first`.
pub fn use_value<T: 'static>(first: T) -> impl Hook<Output = State<T>> {
    use_value_with(move || first)
}

/// A state whose first value `first` makes (called on the first draw only).
pub fn use_value_with<T: 'static>(first: impl FnOnce() -> T) -> impl Hook<Output = State<T>> {
    struct UseValue<F>(F);
    impl<T: 'static, F: FnOnce() -> T> Hook for UseValue<F> {
        type Output = State<T>;

        fn run(self, context: &mut HookContext) -> State<T> {
            let mut first = Some(self.0);
            let slot = use_slot(&mut || match first.take() {
                Some(first) => Rc::new(first()),
                None => unreachable!("a state's first value is made once"),
            })
            .run(context);
            State {
                slot,
                kind: PhantomData,
            }
        }
    }
    UseValue(first)
}

/// The one Yew state behind every [`State`].
fn use_slot(
    first: &mut dyn FnMut() -> Rc<dyn Any>,
) -> impl Hook<Output = UseStateHandle<Rc<dyn Any>>> + '_ {
    struct UseSlot<'a>(&'a mut dyn FnMut() -> Rc<dyn Any>);
    impl Hook for UseSlot<'_> {
        type Output = UseStateHandle<Rc<dyn Any>>;

        fn run(self, context: &mut HookContext) -> Self::Output {
            use_state(self.0).run(context)
        }
    }
    UseSlot(first)
}
