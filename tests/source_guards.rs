//! Two promises of SECURITY.md as properties of the source, checked on every `cargo test`:
//!
//! - **No network.** The widget's code (`src/`, and `src/` of `core/`, `record/`, `record/io/`), the demo pages and element shim (`www/`)
//!   and the browser APIs the crate asks web-sys for name no way to make a request. The
//!   end-to-end test `tests/e2e/security.spec.mjs` proves the same of the running bundle
//!   (every request during a whole meeting, and the JavaScript functions the built wasm
//!   imports).
//! - **No HTML from text.** Nothing turns text into markup or code: no `innerHTML`, no
//!   unchecked Yew HTML, no `eval`. Yew then writes every piece of record text as a text
//!   node or an attribute value, which `security.spec.mjs` checks with hostile text.

use std::path::{Path, PathBuf};

/// Ways a browser page reaches the network, as they are spelt in JavaScript and in
/// web-sys / gloo.
const FORBIDDEN: [&str; 14] = [
    "fetch(",
    "fetch_with",
    "XMLHttpRequest",
    "XmlHttpRequest",
    "WebSocket",
    "EventSource",
    "sendBeacon",
    "send_beacon",
    "RTCPeerConnection",
    "RtcPeerConnection",
    "importScripts",
    "gloo::net",
    "gloo_net",
    "navigator.serviceWorker",
];

/// Ways text becomes markup or code, in Rust (web-sys, js-sys, Yew) and JavaScript.
const RAW_HTML: [&str; 14] = [
    "inner_html",
    "outer_html",
    "insert_adjacent_html",
    "from_html_unchecked",
    "js_sys::eval",
    "Function::new",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "new Function",
    "createContextualFragment",
    "srcdoc",
];

/// web-sys features that are the types of those APIs.
const FORBIDDEN_WEB_SYS_FEATURES: [&str; 9] = [
    "Request",
    "RequestInit",
    "Response",
    "Headers",
    "XmlHttpRequest",
    "WebSocket",
    "EventSource",
    "RtcPeerConnection",
    "ServiceWorkerContainer",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(directory: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, extensions, found);
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| extensions.contains(&extension))
        {
            found.push(path);
        }
    }
}

/// Every one of these names in these files, as `file:line: name`.
fn occurrences(files: &[PathBuf], names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for name in names {
                if line.contains(name) {
                    found.push(format!(
                        "{}:{}: {name}",
                        file.strip_prefix(root()).unwrap_or(file).display(),
                        number + 1
                    ));
                }
            }
        }
    }
    found
}

/// The widget's sources and the demo pages.
fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    for crate_dir in ["core", "record", "record/io"] {
        files_under(&root().join(crate_dir).join("src"), &["rs"], &mut files);
    }
    files_under(
        &root().join("www"),
        &["js", "mjs", "html", "ts"],
        &mut files,
    );
    assert!(
        files.len() > 30,
        "the scan found the sources: {}",
        files.len()
    );
    files
}

#[test]
fn the_widget_and_the_demo_pages_name_no_network_api() {
    let found = occurrences(&sources(), &FORBIDDEN);
    assert!(
        found.is_empty(),
        "network APIs in the widget:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_widget_and_the_demo_pages_never_turn_text_into_markup_or_code() {
    let found = occurrences(&sources(), &RAW_HTML);
    assert!(
        found.is_empty(),
        "text turned into markup:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_each_forbidden_name() {
    let directory = std::env::temp_dir().join(format!("rs-source-guards-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("bad.js");
    std::fs::write(
        &file,
        [FORBIDDEN.join("\n"), RAW_HTML.join("\n")].join("\n"),
    )
    .unwrap();
    let network = occurrences(std::slice::from_ref(&file), &FORBIDDEN);
    let markup = occurrences(std::slice::from_ref(&file), &RAW_HTML);
    std::fs::remove_dir_all(&directory).unwrap();
    assert_eq!(network.len(), FORBIDDEN.len(), "{network:?}");
    assert_eq!(markup.len(), RAW_HTML.len(), "{markup:?}");
}

#[test]
fn the_crate_asks_web_sys_for_no_network_type_and_gloo_for_no_net() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let start = manifest
        .find("web-sys = {")
        .expect("web-sys is a dependency");
    let end = start + manifest[start..].find(']').expect("its feature list ends");
    let features: Vec<&str> = manifest[start..end].split('"').skip(1).step_by(2).collect();
    assert!(features.contains(&"Storage"), "read the list: {features:?}");
    let forbidden: Vec<&&str> = features
        .iter()
        .filter(|feature| FORBIDDEN_WEB_SYS_FEATURES.contains(feature))
        .collect();
    assert!(
        forbidden.is_empty(),
        "network types in web-sys features: {forbidden:?}"
    );
    let gloo = manifest
        .lines()
        .find(|line| line.starts_with("gloo = "))
        .expect("gloo is a dependency");
    assert!(gloo.contains("default-features = false"), "{gloo}");
    assert!(!gloo.contains("\"net\""), "{gloo}");
}
