//! Replays the committed fuzzing corpus (`fuzz/corpus/import/`, kept by `scripts/fuzz.sh`)
//! through import with the fuzz target's own checks, so a change that breaks an input the
//! fuzzer once found is caught by `cargo test`, without the nightly toolchain or the time a
//! fuzzing run takes. Crashes the fuzzer finds become named cases in `tests/import.rs`.

use risk_sensible::copy::{family_copy, professional_copy, Reader};
use risk_sensible::export::fhir_questionnaire_response;
use risk_sensible::meeting::{validate, Config};
use risk_sensible::record::import::{export, import, parse_unverified, text_from_bytes};
use std::path::PathBuf;

/// The fuzz target's checks (`fuzz/fuzz_targets/import.rs`), as a list of failures.
fn check(bytes: &[u8]) -> Result<(), String> {
    let text = match text_from_bytes(bytes) {
        Ok(text) => text,
        Err(problem) if problem.path.starts_with('$') => return Ok(()),
        Err(problem) => return Err(format!("no JSON path: {problem}")),
    };
    match import(text) {
        Ok(record) => {
            let exported = export(&record);
            let again = import(&exported).map_err(|problems| {
                format!("an exported record does not import again: {problems:?}")
            })?;
            if again != record {
                return Err("export then import changed the record".into());
            }
            if export(&again) != exported {
                return Err("export is not stable".into());
            }
            let _ = validate(&record, &Config::default());
            let _ = family_copy(&record);
            let config = Config::default();
            let _ = export(&professional_copy(
                &record,
                &Reader::agency(&record, "Police", &config),
            ));
            let _ = fhir_questionnaire_response(&record);
        }
        Err(problems) => {
            if problems.is_empty() {
                return Err("a refusal with no problem".into());
            }
            for problem in &problems {
                let line = problem.to_string();
                if !line.starts_with('$') || line.chars().any(char::is_control) {
                    return Err(format!("not one line with a JSON path: {line:?}"));
                }
            }
        }
    }
    let _ = parse_unverified(text);
    Ok(())
}

#[test]
fn every_input_in_the_fuzzing_corpus_is_answered_without_a_panic() {
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/import");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", directory.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 13,
        "the corpus holds at least the fixtures it was seeded with, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => failures.push(format!("{}: {failure}", path.display())),
            Err(_) => failures.push(format!("{}: panicked", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_catch_what_they_are_for() {
    // A refusal and an acceptance each pass; the checks are not vacuous.
    assert_eq!(check(b"{"), Ok(()));
    assert_eq!(check(b"\xff"), Ok(()));
    let example = export(&risk_sensible::example::example_record(true));
    assert_eq!(check(example.as_bytes()), Ok(()));
}
