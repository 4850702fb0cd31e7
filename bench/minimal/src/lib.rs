//! Benchmark only, never shipped: the least a Yew widget can be, built with the widget's
//! own release profile, so that `scripts/bench.sh` can show what the size and cold-load
//! budgets leave for everything else. `mount(element, options)` renders one labelled text
//! box into `element`.
//!
//! - Without features, that is all: Yew, with the box's text in Yew state.
//! - With `record`, the box edits the meeting's reason in a decision record, kept as the
//!   widget keeps it and nothing more: `options.record` is read through every import check
//!   (or a new record is made), validated once, and every keystroke goes through
//!   `meeting::apply`, is written out, saved to localStorage and announced in a
//!   `risk-sensible:change` event. No stages, no task list, no forms, no caseload.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The widget's allocator (src/lib.rs).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The mounted view; dropping it does nothing (the bench page never unmounts).
#[wasm_bindgen]
pub struct Handle {
    _app: yew::AppHandle<App>,
}

#[cfg(not(feature = "record"))]
mod view {
    use super::*;

    #[derive(Properties, PartialEq)]
    pub struct AppProps {}

    #[function_component(App)]
    pub fn app(_: &AppProps) -> Html {
        let text = use_state(String::new);
        let oninput = {
            let text = text.clone();
            Callback::from(move |event: InputEvent| {
                let field: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
                text.set(field.value());
            })
        };
        html! {
            <div>
                <label for="minimal-reason">{ "Reason for the meeting" }</label>
                <textarea id="minimal-reason" value={(*text).clone()} {oninput} />
            </div>
        }
    }

    pub fn props(_: &JsValue) -> Result<AppProps, JsError> {
        Ok(AppProps {})
    }
}

#[cfg(feature = "record")]
mod view {
    use super::*;
    use risk_sensible_core::meeting::{apply, validate, Command, Config, Context};
    use risk_sensible_core::record::import::{export, import};
    use risk_sensible_core::record::{Actor, DecisionRecord, Timestamp};
    use wasm_bindgen::JsCast;

    #[derive(Properties, PartialEq)]
    pub struct AppProps {
        pub element: web_sys::Element,
        pub record: DecisionRecord,
        pub findings: usize,
    }

    fn now() -> Timestamp {
        String::from(js_sys::Date::new_0().to_iso_string())
            .parse()
            .unwrap_or(Timestamp(time::OffsetDateTime::UNIX_EPOCH))
    }

    /// Applies one keystroke's text, then saves and announces the record as the widget does.
    fn changed(element: &web_sys::Element, record: &mut DecisionRecord, reason: String) {
        let mut meeting = record.meeting.clone();
        meeting.reason = reason;
        let actor = Actor {
            name: "Not given by the host".into(),
            ..Actor::default()
        };
        let config = Config::default();
        let context = Context {
            at: now(),
            actor: &actor,
            config: &config,
        };
        if apply(record, Command::EditMeeting(meeting), &context).is_err() {
            return;
        }
        let text = export(record);
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item("risk-sensible-bench-minimal:draft", &text);
        }
        if let Ok(object) = js_sys::JSON::parse(&text) {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"record".into(), &object);
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_detail(&detail);
            if let Ok(event) =
                web_sys::CustomEvent::new_with_event_init_dict("risk-sensible:change", &init)
            {
                let _ = element.dispatch_event(&event);
            }
        }
    }

    #[function_component(App)]
    pub fn app(props: &AppProps) -> Html {
        let record = use_mut_ref(|| props.record.clone());
        let text = use_state(|| props.record.meeting.reason.clone());
        let oninput = {
            let (record, text, element) = (record.clone(), text.clone(), props.element.clone());
            Callback::from(move |event: InputEvent| {
                let field: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
                let value = field.value();
                changed(&element, &mut record.borrow_mut(), value.clone());
                text.set(value);
            })
        };
        html! {
            <div>
                <p>{ format!("{} findings", props.findings) }</p>
                <label for="minimal-reason">{ "Reason for the meeting" }</label>
                <textarea id="minimal-reason" value={(*text).clone()} {oninput} />
            </div>
        }
    }

    pub fn props(options: &JsValue, element: &web_sys::Element) -> Result<AppProps, JsError> {
        let given = js_sys::Reflect::get(options, &"record".into()).unwrap_or(JsValue::UNDEFINED);
        let record = if given.is_undefined() || given.is_null() {
            DecisionRecord::new("minimal".into(), now())
        } else {
            let text = js_sys::JSON::stringify(&given)
                .ok()
                .and_then(|text| text.dyn_into::<js_sys::JsString>().ok())
                .map(String::from)
                .ok_or_else(|| JsError::new("the record cannot be written as JSON"))?;
            import(&text).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                JsError::new(&lines.join("\n"))
            })?
        };
        let findings = validate(&record, &Config::default()).len();
        Ok(AppProps {
            element: element.clone(),
            record,
            findings,
        })
    }
}

use view::App;

/// Mounts the minimal widget into `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Handle, JsError> {
    #[cfg(feature = "record")]
    let props = view::props(&options, &element)?;
    #[cfg(not(feature = "record"))]
    let props = view::props(&options)?;
    let app = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(Handle { _app: app })
}
