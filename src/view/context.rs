//! What every component of one widget shares: its element-id prefix, the host's
//! configuration, and the session it sends commands to.

use crate::meeting::{Command, Config};
use crate::session::Session;
use std::any::Any;
use std::marker::PhantomData;
use std::ops::Deref;
use std::rc::Rc;
use yew::functional::{Hook, HookContext, TearDown};
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

/// Runs `effect` after a draw whenever `deps` differs from the last draw's, tearing down
/// what its last run returned first, as Yew's `use_effect_with`. Every such effect is one
/// Yew effect of one type (its dependencies and its work behind trait objects), so Yew's
/// effect code is compiled once for the widget rather than once for each effect.
pub fn use_effect_on<T: PartialEq + 'static, D: TearDown>(
    deps: T,
    effect: impl FnOnce(&T) -> D + 'static,
) -> impl Hook<Output = ()> {
    use_any_effect(
        Deps(Box::new(deps)),
        Box::new(move |deps| {
            let torn = match deps.downcast_ref() {
                Some(deps) => effect(deps),
                None => unreachable!("an effect's dependencies keep their type"),
            };
            Box::new(move || torn.tear_down())
        }),
    )
}

/// What an effect runs: given its dependencies, it does its work and returns what tears
/// it down.
type AnyEffect = Box<dyn FnOnce(&dyn Any) -> Box<dyn FnOnce()>>;

/// The one Yew effect behind every [`use_effect_on`].
fn use_any_effect(deps: Deps, effect: AnyEffect) -> impl Hook<Output = ()> {
    use_effect_with(deps, move |deps| effect((*deps.0).as_any()))
}

/// An effect's dependencies, compared as their own type compares them.
struct Deps(Box<dyn AnyEq>);

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        self.0.same((*other.0).as_any())
    }
}

trait AnyEq {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Any) -> bool;
}

impl<T: PartialEq + 'static> AnyEq for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }
}
