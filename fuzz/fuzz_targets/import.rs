//! Fuzzes `record::import` with arbitrary bytes, as a host receiving a file would call it
//! (`text_from_bytes`, then `import`). Besides "never panics", it checks what every caller
//! relies on: a refusal lists at least one problem, each a `$`-path on one clean line; an
//! accepted record exports and reads back to the same record, and validation and every
//! export (family copy, FHIR) run on it without panicking.
//!
//! Run with `scripts/fuzz.sh [SECONDS]`. `tests/fuzz_corpus.rs` replays the committed
//! corpus (`fuzz/corpus/import/`) with the same checks on every `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use risk_sensible::export::{family_copy, fhir_questionnaire_response};
use risk_sensible::meeting::{validate, Config};
use risk_sensible::record::import::{export, import, parse_unverified, text_from_bytes};

fuzz_target!(|data: &[u8]| {
    let text = match text_from_bytes(data) {
        Ok(text) => text,
        Err(problem) => {
            assert!(problem.path.starts_with('$'), "{problem}");
            return;
        }
    };
    match import(text) {
        Ok(record) => {
            let exported = export(&record);
            let again = import(&exported).expect("an exported record imports again");
            assert_eq!(again, record, "export then import changed the record");
            assert_eq!(export(&again), exported, "export is not stable");
            let _ = validate(&record, &Config::default());
            let _ = export(&family_copy(&record));
            let _ = fhir_questionnaire_response(&record);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal with no problem");
            for problem in &problems {
                let line = problem.to_string();
                assert!(line.starts_with('$'), "no JSON path: {line:?}");
                assert!(
                    !line.chars().any(char::is_control),
                    "not one line: {line:?}"
                );
            }
        }
    }
    let _ = parse_unverified(text);
});
