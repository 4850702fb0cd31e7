//! Getting the record out and in: download it as JSON, copy it, download the FHIR
//! QuestionnaireResponse or the family's copy, and import a record from a file. Nothing
//! here touches the network: downloads are made from memory in the page.

use super::context::{use_value, WidgetContext};
use crate::bidi::{escape, isolate};
use crate::copy::{family_copy, professional_copy, Reader};
use crate::export::{fhir_questionnaire_response, file_name};
use crate::record::import::{export, import};
use crate::record::{to_json_pretty, DecisionRecord, Recipient, RecipientKind};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};
use yew::prelude::*;

/// Offers `text` to the person as a file download, made in the page.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser could not start the download".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Props of the record panel: what it shows. What it exports is the session's record as
/// it is when a button is pressed, so a change to the record that leaves these alone (every
/// keystroke in a form) does not draw the panel again.
#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    /// The record's distribution list: a copy for each.
    pub distribution: Vec<Recipient>,
    #[prop_or_default]
    pub read_only: bool,
}

/// The record panel: exports and import.
#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let status = use_value(String::new());
    let problems = use_value(Vec::<String>::new());
    let session = context.session.clone();
    let offer = |what: &'static str, make: fn(&DecisionRecord) -> String, label: &'static str| {
        let session = session.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let record = session.record();
            let name = file_name(&record, what, "json");
            match download(&name, &make(&record), "application/json") {
                Ok(()) => status.set(format!("{label} downloaded as {name}.")),
                Err(message) => status.set(format!("{label} could not be downloaded: {message}.")),
            }
        })
    };
    let copy = {
        let session = session.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let text = export(&session.record());
            let status = status.clone();
            let clipboard = gloo::utils::window().navigator().clipboard();
            wasm_bindgen_futures::spawn_local(async move {
                let result =
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
                status.set(match result {
                    Ok(_) => "The record was copied to the clipboard.".to_string(),
                    Err(_) => "The browser did not allow copying to the clipboard.".to_string(),
                });
            });
        })
    };
    let onchange = {
        let status = status.clone();
        let problems = problems.clone();
        let session = session.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let (status, problems, session) = (status.clone(), problems.clone(), session.clone());
            // The browser's own reading of the file, its bytes as they are.
            let reading = wasm_bindgen_futures::JsFuture::from(file.array_buffer());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = reading
                    .await
                    .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                    .map_err(|error| {
                        let why = js_sys::Reflect::get(&error, &"message".into())
                            .ok()
                            .and_then(|message| message.as_string())
                            .unwrap_or_default();
                        vec![format!("$: the file could not be read ({why})")]
                    })
                    .and_then(|bytes| {
                        let text = crate::record::import::text_from_bytes(&bytes)
                            .map_err(|problem| vec![problem.to_string()])?;
                        // A refusal may quote the file's text: its bidirectional
                        // controls are shown as escapes (`bidi::escape`).
                        let record = import(text).map_err(|found| {
                            found
                                .iter()
                                .map(|p| escape(&p.to_string()).into_owned())
                                .collect::<Vec<_>>()
                        })?;
                        match crate::meeting::limits::unheld(&record) {
                            Some(problem) => Err(vec![problem.to_string()]),
                            None => {
                                let debrief = crate::host_js::earlier_debrief(&record, text);
                                Ok((record, debrief))
                            }
                        }
                    });
                match outcome {
                    Ok((record, debrief)) => {
                        problems.set(Vec::new());
                        status.set(format!("Opened {}.", isolate(&name)));
                        session.replace_carrying(record, debrief);
                    }
                    Err(found) => {
                        status.set(String::new());
                        problems.set(found);
                    }
                }
            });
        })
    };
    let json_label = "The record";
    // One copy per recipient on the distribution list: a professional's holds what their
    // agency may receive; the family's, only what the meeting agreed to tell them.
    let copies = props.distribution.iter().map(|recipient| {
        let session = session.clone();
        let status = status.clone();
        let reader = Reader::of(recipient, &context.config);
        let who = if recipient.name.trim().is_empty() {
            recipient.agency.clone()
        } else {
            recipient.name.clone()
        };
        let onclick = {
            let who = who.clone();
            Callback::from(move |_: MouseEvent| {
                let record = session.record();
                let (what, text) = match reader.kind {
                    RecipientKind::Family => ("family-copy".to_string(), family_copy_text(&record)),
                    RecipientKind::Professional => (
                        format!("copy-{}", who),
                        export(&professional_copy(&record, &reader)),
                    ),
                };
                let name = file_name(&record, &what, "json");
                match download(&name, &text, "application/json") {
                    Ok(()) => status.set(format!(
                        "The copy for {} downloaded as {name}.",
                        isolate(&who)
                    )),
                    Err(message) => status.set(format!(
                        "The copy for {} could not be downloaded: {message}.",
                        isolate(&who)
                    )),
                }
            })
        };
        html! {
            <li key={recipient.id.clone()}>
                <button type="button" class="rs-button rs-button--secondary" {onclick}>
                    { format!("Download the copy for {}", isolate(&who)) }
                </button>
            </li>
        }
    });
    html! {
        <section class="rs-exports" aria-labelledby={context.id("exports-heading")}>
            <h3 class="rs-exports__heading" id={context.id("exports-heading")}>{ "The record" }</h3>
            <div class="rs-exports__buttons">
                <button type="button" class="rs-button rs-button--secondary"
                    onclick={offer("", export, json_label)}>{ "Download record (JSON)" }</button>
                <button type="button" class="rs-button rs-button--secondary" onclick={copy}>{ "Copy record" }</button>
                <button type="button" class="rs-button rs-button--secondary"
                    onclick={offer("fhir", |r| to_json_pretty(&fhir_questionnaire_response(r)), "The FHIR QuestionnaireResponse")}>
                    { "Download FHIR QuestionnaireResponse" }
                </button>
                <button type="button" class="rs-button rs-button--secondary"
                    onclick={offer("family-copy", family_copy_text, "The family's copy")}>
                    { "Download family copy" }
                </button>
            </div>
            if !props.distribution.is_empty() {
                <h4 class="rs-exports__subheading">{ "Copies for the distribution list" }</h4>
                <ul class="rs-exports__copies">{ for copies }</ul>
            }
            if !props.read_only {
            <div class="rs-field rs-exports__import">
                <label class="rs-field__label" for={context.id("import-file")}>{ "Open a record from a file (JSON)" }</label>
                <div class="rs-field__hint" id={context.id("import-file-hint")}>
                    { "It replaces the record on screen only if every check passes." }
                </div>
                <input class="rs-exports__file" type="file" id={context.id("import-file")} accept=".json,application/json"
                    aria-describedby={context.id("import-file-hint")} {onchange} />
            </div>
            }
            if !problems.is_empty() {
                <div class="rs-error-summary" role="alert">
                    <h4 class="rs-error-summary__title">{ "The file was not opened" }</h4>
                    <p>{ "The record on screen has not changed. The file has these problems:" }</p>
                    <ul class="rs-error-summary__list">
                        { for problems.iter().enumerate().map(|(index, problem)| html! { <li key={index}>{ problem }</li> }) }
                    </ul>
                </div>
            }
            <p class="rs-exports__status" role="status">{ (*status).clone() }</p>
        </section>
    }
}

/// The family's copy as pretty JSON text, with a trailing newline.
fn family_copy_text(record: &DecisionRecord) -> String {
    to_json_pretty(&family_copy(record))
}
