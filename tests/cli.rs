//! The `risk-sensible` command line, run as a separate process on the fixtures and on
//! temporary files: standard output line by line, standard error, and exit status for every
//! verb and error case. No run may panic.
#![cfg(not(target_arch = "wasm32"))]

use risk_sensible::example::{example_actor, example_record};
use risk_sensible::meeting::{apply, Command as Change, Config, Context};
use risk_sensible::record::import::export;
use risk_sensible::record::integrity::anchor;
use risk_sensible::record::schema::SCHEMA_PATH;
use risk_sensible::record::{DecisionRecord, Status};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run printed and how it exited.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_risk-sensible"))
}

fn finish(output: std::process::Output) -> Run {
    let run = Run {
        code: output
            .status
            .code()
            .expect("the program exited, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("standard output is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("standard error is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "the program panicked: {}",
        run.stderr
    );
    run
}

fn cli(arguments: &[&str]) -> Run {
    finish(binary().args(arguments).output().unwrap())
}

fn cli_with_stdin(arguments: &[&str], input: &[u8]) -> Run {
    let mut child = binary()
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    finish(child.wait_with_output().unwrap())
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A file in a directory of its own under Cargo's temporary directory for tests.
fn temp_file(test: &str, name: &str, content: &[u8]) -> String {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

// --- Usage. ---

#[test]
fn no_arguments_prints_usage_to_standard_error_with_status_2() {
    let run = cli(&[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("Usage: risk-sensible COMMAND"),
        "{run:?}"
    );
}

#[test]
fn help_prints_usage_listing_every_verb_to_standard_output() {
    for arguments in [&["--help"][..], &["-h"], &["help"], &["validate", "--help"]] {
        let run = cli(arguments);
        assert_eq!(run.code, 0, "{arguments:?}");
        assert_eq!(run.stderr, "");
        for verb in [
            "schema",
            "validate FILE...",
            "verify FILE...",
            "example [--final | --large]",
        ] {
            assert!(
                run.stdout.contains(verb),
                "{verb} missing from {}",
                run.stdout
            );
        }
        assert!(run.stdout.lines().all(|line| line.chars().count() <= 100));
    }
}

#[test]
fn usage_errors_exit_2_with_one_line_and_a_hint() {
    let cases: [(&[&str], &str); 6] = [
        (&["frob"], "risk-sensible: unknown command \"frob\""),
        (
            &["schema", "extra"],
            "risk-sensible: schema takes no argument \"extra\"",
        ),
        (
            &["example", "--draft"],
            "risk-sensible: example takes only --final, --followed-up or --large, not \"--draft\"",
        ),
        (
            &["validate"],
            "risk-sensible: name at least one FILE (or - for standard input)",
        ),
        (
            &["verify"],
            "risk-sensible: name at least one FILE (or - for standard input)",
        ),
        (
            &["validate", "--strict", "x.json"],
            "risk-sensible: unknown option \"--strict\"",
        ),
    ];
    for (arguments, message) in cases {
        let run = cli(arguments);
        assert_eq!(run.code, 2, "{arguments:?}");
        assert_eq!(run.stdout, "", "{arguments:?}");
        assert_eq!(
            run.stderr,
            format!("{message}\nTry 'risk-sensible --help' for usage.\n"),
            "{arguments:?}"
        );
    }
}

// --- schema and example. ---

#[test]
fn schema_prints_exactly_the_committed_schema() {
    let run = cli(&["schema"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    let committed = read(&format!("{}/{SCHEMA_PATH}", env!("CARGO_MANIFEST_DIR")));
    assert!(
        run.stdout == committed,
        "`schema` differs from {SCHEMA_PATH}"
    );
}

#[test]
fn schema_wellbeing_prints_the_committed_schema_of_the_debrief_document() {
    use risk_sensible::record::schema::WELLBEING_SCHEMA_PATH;
    let run = cli(&["schema", "--wellbeing"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let committed = read(&format!(
        "{}/{WELLBEING_SCHEMA_PATH}",
        env!("CARGO_MANIFEST_DIR")
    ));
    assert!(
        run.stdout == committed,
        "`schema --wellbeing` differs from {WELLBEING_SCHEMA_PATH}: regenerate it"
    );
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["properties"]["version"]["const"], 1);
    // Nothing in it can name a child or point back to the record.
    for key in ["name", "childId", "recordId", "meetingId"] {
        assert!(schema["properties"].get(key).is_none(), "{key}");
    }
}

#[test]
fn example_prints_the_example_record_as_a_draft_or_final() {
    let draft = cli(&["example"]);
    assert_eq!((draft.code, draft.stderr.as_str()), (0, ""));
    assert_eq!(draft.stdout, export(&example_record(false)));
    assert_eq!(draft.stdout, read(&fixture("example-draft.json")));
    let finalised = cli(&["example", "--final"]);
    assert_eq!((finalised.code, finalised.stderr.as_str()), (0, ""));
    assert_eq!(finalised.stdout, read(&fixture("example-final.json")));
}

// --- validate. ---

#[test]
fn validate_says_ok_for_complete_records() {
    let files = [
        fixture("example-draft.json"),
        fixture("example-final.json"),
        fixture("amended-final.json"),
    ];
    let mut arguments = vec!["validate"];
    arguments.extend(files.iter().map(String::as_str));
    let run = cli(&arguments);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let expected: Vec<String> = files.iter().map(|file| format!("{file}: ok")).collect();
    assert_eq!(run.lines(), expected);
}

#[test]
fn validate_lists_each_finding_and_fails_on_an_error() {
    let file = fixture("minimal-draft.json");
    let run = cli(&["validate", &file]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let lines = run.lines();
    assert!(
        lines.contains(
            &format!("{file}: $.meeting.meetingType: error: Select the type of meeting").as_str()
        ),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with(&format!("{file}: $.subjects: warning: "))),
        "{lines:?}"
    );
    assert!(lines
        .iter()
        .all(|line| line.starts_with(&format!("{file}: $"))));
}

/// A host's own agency names count by the roles its roles file gives them.
#[test]
fn validate_counts_local_agency_names_by_the_roles_file() {
    let mut record: serde_json::Value =
        serde_json::from_str(&read(&fixture("example-draft.json"))).unwrap();
    let rename = |value: &mut serde_json::Value| {
        if value == "Police" {
            *value = "Thames Valley Police".into();
        }
    };
    for participant in record["participants"].as_array_mut().unwrap() {
        rename(&mut participant["agency"]);
    }
    for decision in record["decisions"].as_array_mut().unwrap() {
        rename(&mut decision["owningAgency"]);
    }
    for item in record["information"].as_array_mut().unwrap() {
        rename(&mut item["sourceAgency"]);
    }
    let file = temp_file("roles", "renamed.json", record.to_string().as_bytes());
    let run = cli(&["validate", &file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("error: No one from the police is listed"),
        "{run:?}"
    );
    let roles = temp_file(
        "roles",
        "roles.json",
        br#"{"Thames Valley Police": "police"}"#,
    );
    let run = cli(&["validate", "--roles", &roles, &file]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("police"), "{run:?}");
    let wrong = temp_file(
        "roles",
        "wrong.json",
        br#"{"Thames Valley Police": "constabulary"}"#,
    );
    let run = cli(&["validate", "--roles", &wrong, &file]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("paediatrics"), "{run:?}");
    let run = cli(&["validate", "--roles", &roles, "--roles", &roles, &file]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn validate_passes_a_record_with_only_warnings() {
    let mut record = example_record(false);
    record.distribution.clear();
    let file = temp_file("warnings", "warnings.json", export(&record).as_bytes());
    let run = cli(&["validate", &file]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.lines(),
        [format!(
            "{file}: $.distribution: warning: Add who will receive this record"
        )]
    );
}

#[test]
fn validate_prints_import_problems_as_errors() {
    let cases = [
        (
            "duplicate-key.json",
            "$.meta.status: error: the key \"status\" appears more than once",
        ),
        (
            "unknown-field.json",
            "$.meta.notes: error: unknown field `notes`",
        ),
        (
            "future-version.json",
            "$.schemaVersion: error: version 4 is newer than this build reads",
        ),
        (
            "tampered-content.json",
            "$.participants: error: the content has changed since the record was finalised",
        ),
        (
            "broken-chain.json",
            "$.audit[3]: error: entry 4 has been changed since it was written",
        ),
        (
            "dangling-reference.json",
            "$.risks[0].ownerId: error: refers to participant \"p9\", who is not in $.participants",
        ),
        (
            "truncated.json",
            "error: the JSON ends too soon, as if cut off: EOF while parsing",
        ),
    ];
    for (name, expected) in cases {
        let file = fixture(name);
        let run = cli(&["validate", &file]);
        assert_eq!(run.code, 1, "{name}");
        assert_eq!(run.stderr, "", "{name}");
        let first = run.lines().first().copied().unwrap_or_default().to_string();
        assert!(first.starts_with(&format!("{file}: $")), "{name}: {first}");
        assert!(first.contains(expected), "{name}: {first}");
    }
}

#[test]
fn validate_reads_standard_input_for_a_dash() {
    let run = cli_with_stdin(
        &["validate", "-"],
        read(&fixture("example-final.json")).as_bytes(),
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, "-: ok\n"), "{run:?}");
    let run = cli_with_stdin(&["validate", "-"], b"{\"schemaVersion\": 1,");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("-: $: error: the JSON ends too soon"),
        "{run:?}"
    );
}

#[test]
fn a_file_whose_name_starts_with_a_dash_follows_a_double_dash() {
    let file = temp_file(
        "dash",
        "-odd.json",
        read(&fixture("example-draft.json")).as_bytes(),
    );
    let directory = Path::new(&file).parent().unwrap();
    let run = finish(
        binary()
            .args(["validate", "--", "-odd.json"])
            .current_dir(directory)
            .output()
            .unwrap(),
    );
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "-odd.json: ok\n"),
        "{run:?}"
    );
}

#[test]
fn an_unreadable_file_exits_2_and_the_other_files_are_still_checked() {
    let good = fixture("example-draft.json");
    let bad = fixture("minimal-draft.json");
    let missing = "/nonexistent/risk-sensible/record.json";
    let run = cli(&["validate", &good, missing, &bad]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!("risk-sensible: cannot read {missing}: No such file or directory\n")
    );
    assert_eq!(
        run.lines().first().copied(),
        Some(format!("{good}: ok").as_str())
    );
    assert!(run
        .stdout
        .contains(&format!("{bad}: $.meeting.meetingType: error:")));
}

#[test]
fn a_directory_is_an_unreadable_file() {
    let directory = env!("CARGO_TARGET_TMPDIR");
    let run = cli(&["verify", directory]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("risk-sensible: cannot read {directory}: Is a directory\n")
    );
}

#[test]
fn oversized_and_non_utf8_files_are_invalid_records() {
    let huge = temp_file("huge", "huge.json", &vec![b' '; 9 * 1024 * 1024]);
    let run = cli(&["validate", &huge]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "{huge}: $: error: the text is larger than 8 MiB, the most a decision record may be\n"
        )
    );
    let latin1 = temp_file("latin1", "latin1.json", b"{\"name\": \"Zo\xEB\"}");
    let run = cli(&["verify", &latin1]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!("{latin1}: $: the text is not UTF-8: invalid bytes at line 1 column 13\n")
    );
}

#[test]
fn hostile_text_in_a_record_is_printed_on_one_line() {
    let mut record = example_record(false);
    record.participants[0].attendance = risk_sensible::record::Attendance::Apologies;
    record.participants[0].name = "Amara\n\u{1b}[2JOkafor".into();
    let file = temp_file("hostile", "hostile.json", export(&record).as_bytes());
    let run = cli(&["validate", &file]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(
        run.lines()
            .iter()
            .all(|line| line.starts_with(&format!("{file}: $"))),
        "{run:?}"
    );
    assert!(run
        .stdout
        .contains("Amara\\n\\u{1b}[2JOkafor is recorded as the chair but did not attend"));
}

// --- verify. ---

#[test]
fn verify_says_intact_for_untouched_records_and_prints_the_anchor_of_final_ones() {
    for name in [
        "example-draft.json",
        "example-final.json",
        "amended-final.json",
        "minimal-draft.json",
        "dangling-reference.json",
    ] {
        let file = fixture(name);
        let run = cli(&["verify", &file]);
        assert_eq!(run.code, 0, "{name}: {run:?}");
        let record: DecisionRecord = serde_json::from_str(&read(&file)).unwrap();
        let expected = match record.meta.status {
            Status::Draft => format!("{file}: intact\n"),
            _ => format!("{file}: intact, anchor {}\n", anchor(&record)),
        };
        assert_eq!(run.stdout, expected, "{name}");
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn verify_names_the_first_entry_or_field_that_fails() {
    let cases = [
        ("tampered-content.json", "$.participants: the content has changed since the record was finalised"),
        ("broken-chain.json", "$.audit[3]: entry 4 has been changed since it was written"),
        ("wrong-digest.json", "$.meta.digest: does not match the digest recorded when the record was finalised ($.audit[53].digest)"),
        ("tampered-amendment.json", "$.amendments[0]: has been changed since it was appended"),
    ];
    for (name, expected) in cases {
        let file = fixture(name);
        let run = cli(&["verify", &file]);
        assert_eq!(run.code, 1, "{name}");
        assert_eq!(run.stdout, format!("{file}: {expected}\n"), "{name}");
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn verify_reports_records_it_cannot_read() {
    let file = fixture("truncated.json");
    let run = cli(&["verify", &file]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with(&format!("{file}: $")), "{run:?}");
    assert!(run.stdout.contains("the JSON ends too soon"));
    let file = fixture("future-version.json");
    let run = cli(&["verify", &file]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!("{file}: $.schemaVersion: version 4 is newer than this build reads (versions 1 to 3): update risk-sensible to read this record\n")
    );
}

#[test]
fn verify_exits_with_the_worst_outcome_of_all_files() {
    let intact = fixture("example-final.json");
    let tampered = fixture("broken-chain.json");
    let tampered_only = cli(&["verify", &intact, &tampered]);
    assert_eq!(tampered_only.code, 1);
    assert_eq!(tampered_only.lines().len(), 2);
    let with_missing = cli(&["verify", &tampered, "missing.json", &intact]);
    assert_eq!(with_missing.code, 2);
    assert_eq!(with_missing.lines().len(), 2);
}

#[test]
fn verify_reads_standard_input_for_a_dash() {
    let run = cli_with_stdin(
        &["verify", "-"],
        read(&fixture("wrong-digest.json")).as_bytes(),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("-: $.meta.digest: does not match"),
        "{run:?}"
    );
}

/// The example, finalised, then amended once for each reason, a day apart.
fn amended(reasons: &[&str]) -> DecisionRecord {
    let mut record = example_record(true);
    let actor = example_actor();
    let config = Config::default();
    for (day, reason) in reasons.iter().enumerate() {
        let context = Context {
            at: format!("2026-03-{:02}T09:00:00Z", day + 3).parse().unwrap(),
            actor: &actor,
            config: &config,
        };
        let change = Change::Amend {
            reason: (*reason).into(),
            change: "A correction.".into(),
            restrictions: None,
        };
        apply(&mut record, change, &context).unwrap();
    }
    record
}

#[test]
fn validate_and_verify_refuse_a_final_record_turned_back_into_a_draft() {
    let mut record = amended(&["One"]);
    record.meta.status = Status::Draft;
    record.meta.digest = None;
    record.meta.section_digests.clear();
    record.meta.finalised_at = None;
    record.amendments.clear();
    let file = temp_file("downgraded", "downgraded.json", export(&record).as_bytes());
    let expected = "$.meta.status: error: the record is marked draft, but its audit trail \
                    shows it was finalised at entry 54 ($.audit[53]), so it cannot be a draft";
    let run = cli(&["validate", &file]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""), "{run:?}");
    assert_eq!(run.lines().len(), 1, "{run:?}");
    assert!(
        run.stdout.starts_with(&format!("{file}: {expected}")),
        "{run:?}"
    );
    for arguments in [
        vec!["verify", file.as_str()],
        vec!["verify", "--anchor", &anchor(&record), file.as_str()],
    ] {
        let run = cli(&arguments);
        assert_eq!((run.code, run.stderr.as_str()), (1, ""), "{run:?}");
        let expected = expected.replace("error: ", "");
        assert!(
            run.stdout.starts_with(&format!("{file}: {expected}")),
            "{run:?}"
        );
    }
}

#[test]
fn verify_with_an_anchor_detects_a_removed_last_amendment() {
    let record = amended(&["One", "Two"]);
    let stored = anchor(&record);
    let intact = temp_file("anchor", "intact.json", export(&record).as_bytes());
    let mut removed = record.clone();
    removed.amendments.pop();
    removed.audit.pop();
    let removed = temp_file("anchor", "removed.json", export(&removed).as_bytes());

    // Without the anchor the record with the amendment removed looks intact.
    let run = cli(&["verify", &removed]);
    assert_eq!(run.code, 0, "{run:?}");

    let run = cli(&["verify", "--anchor", &stored, &removed]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{removed}: $.audit: no entry from the finalising (entry 54) to the last (entry 55) \
             has the anchor as its hash: entries have been removed from the end of the audit \
             trail, or it has been rewritten, since the anchor was taken\n"
        )
    );

    for given in [stored.clone(), stored.to_uppercase()] {
        let run = cli(&["verify", "--anchor", &given, &intact]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
        assert_eq!(run.stdout, format!("{intact}: intact, anchor {stored}\n"));
    }
}

#[test]
fn verify_with_an_anchor_accepts_amendments_appended_since_and_prints_the_new_anchor() {
    let record = amended(&["One", "Two", "Three"]);
    let head = anchor(&record);
    let file = temp_file("grown", "grown.json", export(&record).as_bytes());
    for (earlier, note) in [
        (
            amended(&["One", "Two"]),
            " (1 amendment appended since the anchor given)",
        ),
        (
            example_record(true),
            " (3 amendments appended since the anchor given)",
        ),
    ] {
        let run = cli(&["verify", "--anchor", &anchor(&earlier), &file]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
        assert_eq!(run.stdout, format!("{file}: intact, anchor {head}{note}\n"));
    }
    // Read from standard input too.
    let run = cli_with_stdin(
        &["verify", "--anchor", &head, "-"],
        export(&record).as_bytes(),
    );
    assert_eq!(run.stdout, format!("-: intact, anchor {head}\n"), "{run:?}");
}

#[test]
fn verify_with_an_anchor_fails_on_a_rewritten_record_and_a_tampered_one() {
    let stored = anchor(&example_record(true));
    // Made again from the draft with another decision, and finalised: every digest right.
    let mut rewritten = example_record(false);
    rewritten.decisions[0].rationale = "Nothing to worry about.".into();
    let actor = example_actor();
    let config = Config::default();
    let context = Context {
        at: "2026-03-02T12:00:00Z".parse().unwrap(),
        actor: &actor,
        config: &config,
    };
    apply(&mut rewritten, Change::Finalise, &context).unwrap();
    let file = temp_file("rewritten", "rewritten.json", export(&rewritten).as_bytes());
    assert_eq!(cli(&["verify", &file]).code, 0);
    let run = cli(&["verify", "--anchor", &stored, &file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .starts_with(&format!("{file}: $.audit: no entry from the finalising")),
        "{run:?}"
    );

    let tampered = fixture("tampered-content.json");
    let run = cli(&["verify", "--anchor", &stored, &tampered]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{tampered}: $.participants: the content has changed since the record was \
             finalised\n"
        )
    );
}

#[test]
fn verify_anchor_usage_errors_exit_2() {
    let file = fixture("example-final.json");
    let good = anchor(&example_record(true));
    let short = &good[1..];
    let cases: [(Vec<&str>, String); 5] = [
        (
            vec!["verify", "--anchor", "not-hex", &file],
            "--anchor takes 64 hexadecimal digits, not \"not-hex\"".into(),
        ),
        (
            vec!["verify", "--anchor", short, &file],
            format!("--anchor takes 64 hexadecimal digits, not {short:?}"),
        ),
        (
            vec!["verify", &file, "--anchor"],
            "--anchor needs the anchor: 64 hexadecimal digits".into(),
        ),
        (
            vec!["verify", "--anchor", &good, "--anchor", &good, &file],
            "--anchor is given more than once".into(),
        ),
        (
            vec!["verify", "--anchor", &good, &file, &file],
            "--anchor checks one record: name exactly one FILE".into(),
        ),
    ];
    for (arguments, message) in cases {
        let run = cli(&arguments);
        assert_eq!(run.code, 2, "{arguments:?}");
        assert_eq!(run.stdout, "", "{arguments:?}");
        assert_eq!(
            run.stderr,
            format!("risk-sensible: {message}\nTry 'risk-sensible --help' for usage.\n"),
            "{arguments:?}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_failure_to_write_the_output_is_reported_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let run = finish(binary().arg("schema").stdout(full).output().unwrap());
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "risk-sensible: cannot write the output: No space left on device\n"
    );
}

/// Every bidirectional control: ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
const BIDI: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// The escapes a terminal shows for [`BIDI`], in order.
fn bidi_escapes() -> String {
    BIDI.iter()
        .map(|control| format!("\\u{{{:x}}}", u32::from(*control)))
        .collect()
}

#[test]
fn bidirectional_controls_are_shown_as_escapes_by_validate_and_verify() {
    let bidi: String = BIDI.iter().collect();
    let mut record = example_record(false);
    record.participants[0].attendance = risk_sensible::record::Attendance::Apologies;
    record.participants[0].name = format!("Amara{bidi}Okafor");
    let file = temp_file(
        "bidi",
        "minutes\u{202e}nosj.json",
        export(&record).as_bytes(),
    );
    let shown_file = file.replace('\u{202e}', "\\u{202e}");
    let no_raw_controls = |run: &Run| {
        assert!(
            !run.stdout.contains(BIDI) && !run.stderr.contains(BIDI),
            "{run:?}"
        );
    };

    let run = cli(&["validate", &file]);
    assert_eq!(run.code, 1);
    no_raw_controls(&run);
    assert!(
        run.stdout.contains(&format!(
            "Amara{}Okafor is recorded as the chair but did not attend",
            bidi_escapes()
        )),
        "{run:?}"
    );
    assert!(
        run.lines()
            .iter()
            .all(|line| line.starts_with(&format!("{shown_file}: $"))),
        "{run:?}"
    );

    let run = cli(&["verify", &file]);
    assert_eq!(run.code, 0);
    no_raw_controls(&run);
    assert_eq!(run.stdout, format!("{shown_file}: intact\n"));

    let missing = file.replace("nosj", "missing");
    let run = cli(&["verify", &missing]);
    assert_eq!(run.code, 2);
    no_raw_controls(&run);
    assert!(
        run.stderr
            .contains(&missing.replace('\u{202e}', "\\u{202e}")),
        "{run:?}"
    );

    let run = cli(&["validate", "--\u{202e}fix"]);
    assert_eq!(run.code, 2);
    no_raw_controls(&run);
    assert!(
        run.stderr.contains("unknown option \"--\\u{202e}fix\""),
        "{run:?}"
    );
}

#[test]
fn the_command_line_writes_text_and_csv_through_one_function_each() {
    let source = |file: &str| read(&format!("{}/{file}", env!("CARGO_MANIFEST_DIR")));
    for file in [
        "src/bin/risk-sensible.rs",
        "core/src/analysis/cli.rs",
        "core/src/analysis/report.rs",
    ] {
        assert!(
            !source(file).contains("one_line("),
            "{file}: import::one_line leaves bidirectional controls as they are; show text \
             through analysis::escape::terminal"
        );
    }
    for file in [
        "core/src/analysis/cli.rs",
        "core/src/analysis/report.rs",
        "core/src/analysis/flatten.rs",
    ] {
        assert!(
            !source(file).contains("\\r\\n"),
            "{file}: ends CSV rows itself; write every row with analysis::csv::row, which \
             guards every cell"
        );
    }
}

/// `follow-up RECORD FOLLOW_UP` appends what happened after the meeting to a final record
/// and prints the record, which verifies; a draft, or a follow-up missing what its kind
/// needs, is refused with nothing printed.
#[test]
fn follow_up_appends_to_a_final_record_and_prints_it() {
    let final_record = temp_file(
        "follow-up",
        "final.json",
        export(&example_record(true)).as_bytes(),
    );
    let draft = temp_file(
        "follow-up",
        "draft.json",
        export(&example_record(false)).as_bytes(),
    );
    let outcome = temp_file(
        "follow-up",
        "outcome.json",
        br#"{"by": {"name": "Ruth Adeyemi", "role": "Social worker", "agency": "Children's social care"},
            "at": "2026-03-20T12:00:00Z", "kind": "enquiryOutcome", "on": "2026-03-19",
            "outcome": "icpc"}"#,
    );
    let run = cli(&["follow-up", &final_record, &outcome]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let record = risk_sensible::record::import::import(&run.stdout).unwrap();
    assert_eq!(record.follow_up.len(), 1);
    assert_eq!(record.follow_up[0].by.name, "Ruth Adeyemi");
    risk_sensible::record::integrity::verify(&record).unwrap();

    let refused = cli(&["follow-up", &draft, &outcome]);
    assert_eq!(refused.code, 1);
    assert!(refused.stdout.is_empty());
    assert!(refused.stderr.contains("draft"), "{}", refused.stderr);

    let incomplete = temp_file(
        "follow-up",
        "incomplete.json",
        br#"{"by": {"name": "Ruth Adeyemi", "role": "Social worker", "agency": "Children's social care"},
            "at": "2026-03-20T12:00:00Z", "kind": "conferenceHeld"}"#,
    );
    let refused = cli(&["follow-up", &final_record, &incomplete]);
    assert_eq!(refused.code, 1);
    assert!(refused.stdout.is_empty());
    assert!(
        refused.stderr.contains("$.followUp[0].on")
            && refused.stderr.contains("$.followUp[0].plan"),
        "{}",
        refused.stderr
    );
    let unknown = temp_file("follow-up", "unknown.json", br#"{"colour": "blue"}"#);
    let refused = cli(&["follow-up", &final_record, &unknown]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("colour"), "{}", refused.stderr);
}
