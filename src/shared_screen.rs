//! The shared screen: a second window, opened from the chair's, that shows the meeting as
//! the room should see it (the projector, or the window shared on a video call).
//!
//! The chair's window sends it, over a `BroadcastChannel` (same origin, no network), the
//! shared-screen copy of the record ([`crate::copy::shared_screen_copy`]: every restricted
//! or unlabelled item left out before it is sent), the stage and how far down the page the
//! chair has scrolled. Restricted material never reaches the shared window, so nothing on
//! it can be revealed by a slip. The shared window is the host's own page loaded again:
//! its name (`risk-sensible-shared:` and a token) makes `mount` show the shared screen
//! there instead of a meeting, and each widget on the page follows the chair's widget of
//! the same mount order. The token is kept in the chair tab's session storage, so either
//! window may be reloaded: the shared window asks for the state when it opens, and the
//! chair's window sends it again when it opens.

use crate::copy::shared_screen_copy;
use crate::json_object;
use crate::record::import::{export_compact, parse_unverified};
use crate::session::Session;
use crate::view::Stage;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};
use yew::Callback;

/// The start of the shared window's name; the token follows.
const WINDOW_PREFIX: &str = "risk-sensible-shared:";
/// Where the chair's tab keeps its token (session storage: this tab only, kept on reload).
const TOKEN_KEY: &str = "risk-sensible:shared-screen";
/// How long the chair's window gathers changes before sending the record again.
const SEND_AFTER_MS: u32 = 150;

/// What the two windows say to each other, written as a JSON object whose `kind` names the
/// message (`{"kind":"view","scroll":0.5,"stage":"…"}`).
enum Message {
    /// The shared window has opened and wants the state.
    Hello,
    /// The shared-screen copy of the record, as JSON text.
    Record { record: String },
    /// The chair's stage (its slug) and scroll position (0 at the top, 1 at the bottom).
    View { stage: String, scroll: f64 },
}

impl Message {
    /// The message `text` holds, if it is one: its kind and that kind's members. Members of
    /// another kind are ignored.
    fn read(text: &str) -> Option<Message> {
        let members = json_object::read(text)?;
        let owned = |key| json_object::text(&members, key).map(str::to_string);
        Some(match json_object::text(&members, "kind")? {
            "hello" => Message::Hello,
            "record" => Message::Record {
                record: owned("record")?,
            },
            "view" => Message::View {
                stage: owned("stage")?,
                scroll: json_object::number(&members, "scroll")?,
            },
            _ => return None,
        })
    }

    /// The message as JSON text.
    fn text(&self) -> String {
        json_object::write(match self {
            Message::Hello => vec![("kind", "hello".into())],
            Message::Record { record } => {
                vec![
                    ("kind", "record".into()),
                    ("record", record.as_str().into()),
                ]
            }
            Message::View { stage, scroll } => vec![
                ("kind", "view".into()),
                ("stage", stage.as_str().into()),
                ("scroll", (*scroll).into()),
            ],
        })
    }
}

/// The token of the shared window this page is, when it is one.
pub fn audience_token() -> Option<String> {
    let name = web_sys::window()?.name().ok()?;
    name.strip_prefix(WINDOW_PREFIX)
        .filter(|token| !token.is_empty())
        .map(str::to_string)
}

fn channel_name(token: &str, instance: u32) -> String {
    format!("risk-sensible:shared:{token}:{instance}")
}

fn post(channel: &BroadcastChannel, message: &Message) {
    let _ = channel.post_message(&message.text().into());
}

/// Listens on the channel, handing each message it understands to `on_message`.
fn listen(channel: &BroadcastChannel, on_message: impl Fn(Message) + 'static) -> EventListener {
    EventListener::new(channel, "message", move |event| {
        let text = event
            .dyn_ref::<MessageEvent>()
            .and_then(|event| event.data().as_string());
        if let Some(message) = text.as_deref().and_then(Message::read) {
            on_message(message);
        }
    })
}

/// How far the page can scroll: its height less the window's.
fn scroll_room(window: &web_sys::Window) -> f64 {
    let height = window
        .document()
        .and_then(|document| document.document_element())
        .map_or(0.0, |root| f64::from(root.scroll_height()));
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0);
    (height - viewport).max(0.0)
}

/// How far down the page the window is scrolled, from 0 to 1.
pub fn scroll_fraction() -> f64 {
    let Some(window) = web_sys::window() else {
        return 0.0;
    };
    let room = scroll_room(&window);
    if room <= 0.0 {
        return 0.0;
    }
    (window.scroll_y().unwrap_or(0.0) / room).clamp(0.0, 1.0)
}

/// Scrolls the window to a fraction of the way down the page.
pub fn scroll_to_fraction(fraction: f64) {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, (scroll_room(&window) * fraction).round());
    }
}

/// A widget's part in a shared screen: the chair's window, which sends, or the shared
/// window, which shows.
#[derive(Clone, PartialEq)]
pub enum SharedScreen {
    Chair(Rc<ChairScreen>),
    Audience(Rc<AudienceScreen>),
}

impl SharedScreen {
    /// Stops sending or listening.
    pub fn close(&self) {
        match self {
            SharedScreen::Chair(screen) => screen.close(),
            SharedScreen::Audience(screen) => screen.close(),
        }
    }
}

/// The chair's side: opens the shared window and keeps it up to date.
pub struct ChairScreen {
    session: Rc<Session>,
    instance: u32,
    channel: RefCell<Option<(BroadcastChannel, EventListener)>>,
    view: Cell<(Stage, f64)>,
    sending: RefCell<Option<Timeout>>,
    this: Weak<ChairScreen>,
}

impl PartialEq for ChairScreen {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl ChairScreen {
    /// The chair's side of the widget mounted `instance`-th on the page. When this tab has
    /// opened a shared screen before (and was reloaded since), it is connected again and
    /// sent the state at once.
    pub fn new(session: Rc<Session>, instance: u32) -> Rc<Self> {
        let screen = Rc::new_cyclic(|this| ChairScreen {
            session,
            instance,
            channel: RefCell::default(),
            view: Cell::new((Stage::Meeting, 0.0)),
            sending: RefCell::default(),
            this: this.clone(),
        });
        if let Some(token) = stored_token() {
            screen.connect(&token);
        }
        screen
    }

    fn connect(&self, token: &str) {
        if self.channel.borrow().is_some() {
            return;
        }
        let Ok(channel) = BroadcastChannel::new(&channel_name(token, self.instance)) else {
            return;
        };
        let this = self.this.clone();
        let listener = listen(&channel, move |message| {
            if let (Message::Hello, Some(screen)) = (message, this.upgrade()) {
                screen.send_record();
                screen.send_view();
            }
        });
        *self.channel.borrow_mut() = Some((channel, listener));
        self.send_record();
        self.send_view();
    }

    /// Opens the shared window (or brings it back), showing the current stage.
    pub fn open_window(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let token = stored_token().unwrap_or_else(|| {
            let token = window
                .crypto()
                .map(|crypto| crypto.random_uuid())
                .unwrap_or_else(|_| format!("{}", js_sys::Date::now() as u64));
            if let Ok(Some(storage)) = window.session_storage() {
                let _ = storage.set_item(TOKEN_KEY, &token);
            }
            token
        });
        self.connect(&token);
        let url = window.location().href().unwrap_or_default();
        let _ = window.open_with_url_and_target(&url, &format!("{WINDOW_PREFIX}{token}"));
    }

    /// The record changed: the shared window gets it shortly, changes made meanwhile
    /// gathered into one message.
    pub fn record_changed(&self) {
        if self.channel.borrow().is_none() || self.sending.borrow().is_some() {
            return;
        }
        let this = self.this.clone();
        let timeout = Timeout::new(SEND_AFTER_MS, move || {
            if let Some(screen) = this.upgrade() {
                screen.sending.borrow_mut().take();
                screen.send_record();
            }
        });
        *self.sending.borrow_mut() = Some(timeout);
    }

    /// The chair moved to another stage.
    pub fn stage_changed(&self, stage: Stage) {
        self.view_changed(stage, scroll_fraction());
    }

    /// The chair scrolled.
    pub fn scrolled(&self) {
        self.view_changed(self.view.get().0, scroll_fraction());
    }

    fn view_changed(&self, stage: Stage, scroll: f64) {
        if self.view.replace((stage, scroll)) != (stage, scroll) {
            self.send_view();
        }
    }

    fn send_record(&self) {
        if let Some((channel, _)) = &*self.channel.borrow() {
            let copy = shared_screen_copy(&self.session.record());
            let record = export_compact(&copy);
            post(channel, &Message::Record { record });
        }
    }

    fn send_view(&self) {
        if let Some((channel, _)) = &*self.channel.borrow() {
            let (stage, scroll) = self.view.get();
            post(
                channel,
                &Message::View {
                    stage: stage.slug().to_string(),
                    scroll,
                },
            );
        }
    }
}

fn stored_token() -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(TOKEN_KEY)
        .ok()?
}

/// The shared window's side: shows what the chair's window sends, and nothing else.
pub struct AudienceScreen {
    session: Rc<Session>,
    /// The chair's stage and scroll position, once heard.
    view: Cell<Option<(Stage, f64)>>,
    redraw: RefCell<Option<Callback<()>>>,
    channel: RefCell<Option<(BroadcastChannel, EventListener)>>,
}

impl PartialEq for AudienceScreen {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl AudienceScreen {
    /// Listens for the chair's widget mounted `instance`-th on the chair's page, and asks
    /// it for the state.
    pub fn open(token: &str, instance: u32, session: Rc<Session>) -> Rc<Self> {
        let screen = Rc::new(AudienceScreen {
            session,
            view: Cell::new(None),
            redraw: RefCell::default(),
            channel: RefCell::default(),
        });
        if let Ok(channel) = BroadcastChannel::new(&channel_name(token, instance)) {
            let this = Rc::downgrade(&screen);
            let listener = listen(&channel, move |message| {
                if let Some(screen) = this.upgrade() {
                    screen.receive(message);
                }
            });
            post(&channel, &Message::Hello);
            *screen.channel.borrow_mut() = Some((channel, listener));
        }
        screen
    }

    fn receive(&self, message: Message) {
        match message {
            Message::Hello => {}
            Message::Record { record } => {
                // The record's one compiled reader (a second would add its size again).
                if let Ok(record) = parse_unverified(&record) {
                    self.session.replace(Rc::new(record));
                }
            }
            Message::View { stage, scroll } => {
                if let Some(stage) = Stage::ALL.into_iter().find(|s| s.slug() == stage) {
                    self.view.set(Some((stage, scroll.clamp(0.0, 1.0))));
                    if let Some(redraw) = &*self.redraw.borrow() {
                        redraw.emit(());
                    }
                }
            }
        }
    }

    /// The session showing the shared-screen copy.
    pub fn session(&self) -> Rc<Session> {
        self.session.clone()
    }

    /// The chair's stage and scroll position, once the chair's window has been heard.
    pub fn view(&self) -> Option<(Stage, f64)> {
        self.view.get()
    }

    /// Redraws the view when the chair moves or scrolls.
    pub fn connect(&self, redraw: Callback<()>) {
        *self.redraw.borrow_mut() = Some(redraw);
    }

    /// Stops listening.
    pub fn close(&self) {
        self.redraw.borrow_mut().take();
        if let Some((channel, listener)) = self.channel.borrow_mut().take() {
            drop(listener);
            channel.close();
        }
    }
}

impl ChairScreen {
    /// Stops sending.
    pub fn close(&self) {
        self.sending.borrow_mut().take();
        if let Some((channel, listener)) = self.channel.borrow_mut().take() {
            drop(listener);
            channel.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message reads back as it was written; a message short of its kind's members,
    /// of an unknown kind, or not an object is not read.
    #[test]
    fn messages_read_back_as_written() {
        let written = Message::text;
        assert!(matches!(
            Message::read(&written(&Message::Hello)),
            Some(Message::Hello)
        ));
        let record = Message::Record {
            record: "{\"a\":1}".into(),
        };
        assert!(matches!(
            Message::read(&written(&record)),
            Some(Message::Record { record }) if record == "{\"a\":1}"
        ));
        let view = Message::View {
            stage: "risks".into(),
            scroll: 0.25,
        };
        assert_eq!(
            written(&view),
            r#"{"kind":"view","scroll":0.25,"stage":"risks"}"#
        );
        assert!(matches!(
            Message::read(&written(&view)),
            Some(Message::View { stage, scroll }) if stage == "risks" && scroll == 0.25
        ));
        for refused in [
            r#"{"kind":"record"}"#,
            r#"{"kind":"view","stage":"risks"}"#,
            r#"{"kind":"view","scroll":0.5}"#,
            r#"{"kind":"goodbye"}"#,
            r#"{"record":"{}"}"#,
            r#""hello""#,
            "",
        ] {
            assert!(Message::read(refused).is_none(), "{refused}");
        }
        // Members of another kind are ignored, as serde's tagged reader ignored them.
        assert!(matches!(
            Message::read(r#"{"kind":"hello","scroll":1}"#),
            Some(Message::Hello)
        ));
    }
}
