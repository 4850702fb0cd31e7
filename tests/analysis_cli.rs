//! `risk-sensible summarise` and `flatten` run as separate processes: files, directories,
//! JSON Lines and standard input; bad records reported with file and line and skipped; exit
//! statuses; the same output whatever the number of workers; flatten's files.
#![cfg(not(target_arch = "wasm32"))]

mod analysis_fixtures;

use analysis_fixtures::*;
use risk_sensible::record::import::export;
use risk_sensible::record::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a run that must not hang is given before it is killed and the test fails.
const PROMPTLY: Duration = Duration::from_secs(20);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(arguments: &[&str], input: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_risk-sensible"))
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(input) = input {
        stdin.write_all(input).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Runs the command line with nothing on standard input, killing it and failing the test if
/// it has not finished within [`PROMPTLY`].
fn run_promptly(arguments: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_risk-sensible"))
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).unwrap();
            text
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PROMPTLY {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{arguments:?} did not finish within {PROMPTLY:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code().unwrap(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Makes a named pipe with the `mkfifo` command; false (after saying why) when there is no
/// such command, so the test that needs one can stop.
#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) => {
            assert!(status.success(), "mkfifo {}", path.display());
            true
        }
        Err(error) => {
            eprintln!("SKIPPED: this test needs the mkfifo command ({error})");
            false
        }
    }
}

fn directory(test: &str) -> PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("analysis-cli-{test}"));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn overdue(id: &str, case: &str) -> DecisionRecord {
    let mut record = record(id, case, "2026-03-02");
    record.actions = vec![action(
        "Visit",
        Some("p2"),
        Some("2026-03-03"),
        ActionStatus::NotStarted,
    )]
    .into();
    record
}

/// A directory of records: a pretty-printed file, JSON Lines (one bad line, one blank) in a
/// subdirectory, and files that are not read.
fn caseload(test: &str) -> PathBuf {
    let root = directory(test);
    std::fs::write(root.join("a.json"), export(&overdue("rec-a", "NX-1"))).unwrap();
    std::fs::create_dir_all(root.join("sub")).unwrap();
    let lines = format!(
        "{}\n{{\"schemaVersion\": 1, \"meta\": 7}}\n\n{}\n",
        line(&overdue("rec-b", "NX-2")),
        line(&record("rec-c", "NX-3", "2026-03-04"))
    );
    std::fs::write(root.join("sub").join("b.jsonl"), lines).unwrap();
    std::fs::write(root.join("notes.txt"), "not a record").unwrap();
    std::fs::write(root.join(".hidden.json"), "{").unwrap();
    root
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn summarise_reads_directories_and_json_lines_and_skips_bad_records() {
    let root = caseload("directories");
    let result = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        result.code, 1,
        "a bad record is a data problem: {}",
        result.stderr
    );
    let bad_line = format!(
        "{}:2: skipped: $.meta:",
        root.join("sub").join("b.jsonl").display()
    );
    assert!(result.stderr.contains(&bad_line), "{}", result.stderr);
    assert_eq!(result.stderr.lines().count(), 1, "{}", result.stderr);
    let summary: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(summary["input"]["records"], 3);
    assert_eq!(summary["input"]["badRecords"], 1);
    assert_eq!(summary["input"]["children"], 3);
    let ids: Vec<&str> = summary["hotSpots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["recordId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["rec-a", "rec-b"]);
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_workers() {
    let root = caseload("workers");
    // More records than one batch, so several batches are in flight at once.
    let many: String = (0..300)
        .map(|index| {
            line(&overdue(
                &format!("many-{index:03}"),
                &format!("NM-{index:03}"),
            )) + "\n"
        })
        .collect();
    std::fs::write(root.join("many.jsonl"), many).unwrap();
    let one = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--jobs",
            "1",
            "--format",
            "json",
        ],
        None,
    );
    let three = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--jobs",
            "3",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(one.stderr, three.stderr);
    let summary: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(summary["input"]["records"], 303);
}

#[test]
fn summarise_reads_json_lines_and_one_pretty_record_from_standard_input() {
    let lines = format!(
        "{}\n{}\n",
        line(&overdue("x1", "NX-1")),
        line(&overdue("x2", "NX-2"))
    );
    let result = run(
        &[
            "summarise",
            "-",
            "--as-of",
            "2026-03-16",
            "--report",
            "hotspots",
            "--format",
            "csv",
        ],
        Some(lines.as_bytes()),
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let rows: Vec<&str> = result
        .stdout
        .split("\r\n")
        .filter(|row| !row.is_empty())
        .collect();
    assert!(rows[0].starts_with("rank,recordId,caseReference,childName,"));
    assert_eq!(rows.len(), 3);
    let pretty = export(&overdue("x3", "NX-3"));
    let result = run(
        &[
            "summarise",
            "-",
            "--as-of",
            "2026-03-16",
            "--report",
            "themes",
            "--format",
            "csv",
        ],
        Some(pretty.as_bytes()),
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result
        .stdout
        .contains("overview,Records analysed,count,<5\r\n"));
    let result = run(
        &[
            "summarise",
            "-",
            "--as-of",
            "2026-03-16",
            "--report",
            "themes",
            "--format",
            "csv",
            "--suppress-below",
            "0",
        ],
        Some(pretty.as_bytes()),
    );
    assert!(result
        .stdout
        .contains("overview,Records analysed,count,1\r\n"));
}

#[test]
fn the_text_report_goes_to_a_terminal() {
    let root = caseload("text");
    let result = run(&["summarise", path(&root), "--as-of", "2026-03-16"], None);
    assert_eq!(result.code, 1);
    assert!(result
        .stdout
        .starts_with("Caseload hot spots as of 2026-03-16 (due soon: within 5 working days)\n"));
    assert!(result
        .stdout
        .contains("1. NX-1 Child NX-1 - Overdue by 9 working days\n"));
    assert!(result
        .stdout
        .contains("\nPartnership themes as of 2026-03-16\n"));
}

#[test]
fn usage_errors_exit_with_status_two() {
    let root = caseload("usage");
    for (arguments, message) in [
        (vec!["summarise"], "name at least one PATH"),
        (
            vec!["summarise", path(&root), "--format", "xml"],
            "--format must be",
        ),
        (
            vec!["summarise", path(&root), "--format", "csv"],
            "--report hotspots",
        ),
        (
            vec!["summarise", path(&root), "--as-of", "16/03/2026"],
            "--as-of must be a date",
        ),
        (
            vec!["summarise", path(&root), "--due-within", "soon"],
            "--due-within must be",
        ),
        (
            vec!["summarise", path(&root), "--jobs", "0"],
            "--jobs must be",
        ),
        (vec!["summarise", path(&root), "--colour"], "unknown option"),
        (
            vec!["summarise", path(&root), "--as-of"],
            "--as-of needs a value",
        ),
        (
            vec![
                "summarise",
                path(&root),
                "--format",
                "json",
                "--format",
                "csv",
            ],
            "more than once",
        ),
        (vec!["flatten", path(&root)], "flatten needs --out DIR"),
    ] {
        let result = run(&arguments, None);
        assert_eq!(result.code, 2, "{arguments:?}");
        assert!(
            result.stderr.contains(message),
            "{arguments:?}: {}",
            result.stderr
        );
        assert!(result.stdout.is_empty());
    }
}

/// `flatten --format parquet` writes each table as a Parquet file, typed, with the rows the
/// JSON Lines hold; `--format` takes csv, jsonl or parquet.
#[test]
fn flatten_writes_parquet_with_the_same_rows() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let root = caseload("flatten-parquet");
    let out = directory("flatten-parquet-out").join("tables");
    let result = run(
        &[
            "flatten",
            path(&root),
            "--out",
            path(&out),
            "--format",
            "parquet",
        ],
        None,
    );
    assert_eq!(result.code, 1, "a bad line: {}", result.stderr);
    let parquet_names: Vec<String> = risk_sensible::analysis::flatten::TABLES
        .iter()
        .map(|table| format!("{}.parquet", table.name))
        .collect();
    let mut expected = parquet_names.clone();
    expected.sort();
    assert_eq!(names(&out), expected, "Parquet only, no hidden file left");
    let rows = |name: &str| {
        let file = std::fs::File::open(out.join(name)).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let metadata = reader.metadata().file_metadata();
        (metadata.num_rows(), metadata.schema_descr().num_columns())
    };
    assert_eq!(rows("records.parquet").0, 3);
    assert_eq!(rows("participants.parquet").0, 9);
    assert_eq!(rows("actions.parquet").0, 2);
    for table in risk_sensible::analysis::flatten::TABLES {
        assert_eq!(
            rows(&format!("{}.parquet", table.name)).1,
            table.columns.len(),
            "{}",
            table.name
        );
    }
    let refused = run(
        &[
            "flatten",
            path(&root),
            "--out",
            path(&out),
            "--format",
            "xml",
        ],
        None,
    );
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("--format must be csv, jsonl or parquet"),
        "{}",
        refused.stderr
    );
}

/// `--timescales FILE` counts the clocks and the standards with the local timescales; a
/// file that is not such an object, or a timescale out of range, is a usage error.
#[test]
fn local_timescales_set_the_conference_clock_and_the_standards() {
    let root = directory("timescales");
    // Section 47 enquiries started at a meeting on Monday 2 March; the concern arose the
    // Friday before, 27 February.
    let mut started = record("s47", "NX-1", "2026-03-02");
    started.meeting.concern_raised_on = Some("2026-02-27".parse().unwrap());
    started.decisions = vec![Decision {
        decision_type: Some(DecisionType::S47Joint),
        ..Decision::default()
    }];
    std::fs::write(root.join("s47.json"), export(&started)).unwrap();
    let timescales = directory("timescales-file").join("timescales.json");
    let summarise = |extra: &[&str]| {
        let mut arguments = vec![
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-12",
            "--format",
            "json",
            "--suppress-below",
            "0",
        ];
        arguments.extend(extra);
        run(&arguments, None)
    };
    let conference = |result: &Run| -> serde_json::Value {
        let summary: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
        summary["hotSpots"][0]["flags"][0].clone()
    };
    // The standard 15 working days: due 23 March, not yet due soon on 12 March.
    let standard = summarise(&[]);
    assert_eq!(standard.code, 0, "{}", standard.stderr);
    let summary: serde_json::Value = serde_json::from_str(&standard.stdout).unwrap();
    assert_eq!(summary["hotSpots"], serde_json::json!([]));
    // 1 working day from the concern: the strategy discussion on 2 March was within it.
    let table = |summary: &serde_json::Value, id: &str| -> serde_json::Value {
        summary["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|table| table["id"] == id)
            .cloned()
            .unwrap()
    };
    // Friday 27 February to Monday 2 March: 1 working day.
    let days = &table(&summary, "concernToMeeting")["rows"];
    assert_eq!(days[1]["measure"], "1 working day");
    assert_eq!(days[1]["count"], 1);
    assert_eq!(days[0]["count"], 0);
    let within = &table(&summary, "strategyDiscussions")["rows"][1];
    assert_eq!(within["measure"], "Within 1 working day(s)");
    assert_eq!(within["count"], 1);
    // Ten working days: due 16 March, due soon on 12 March.
    std::fs::write(&timescales, r#"{"icpc": 10, "strategyDiscussion": 0}"#).unwrap();
    let refused = summarise(&["--timescales", path(&timescales)]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("strategyDiscussion must be from 1 to 250 working days (it is 0)"),
        "{}",
        refused.stderr
    );
    std::fs::write(&timescales, r#"{"icpc": 10}"#).unwrap();
    let local = summarise(&["--timescales", path(&timescales)]);
    assert_eq!(local.code, 0, "{}", local.stderr);
    let flag = conference(&local);
    assert_eq!(
        (flag["kind"].as_str(), flag["due"].as_str()),
        (Some("icpcClock"), Some("2026-03-16"))
    );
    let summary: serde_json::Value = serde_json::from_str(&local.stdout).unwrap();
    let description = table(&summary, "icpcTimeliness")["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        description.contains("against the 10-working-day standard"),
        "{description}"
    );
    std::fs::write(&timescales, r#"{"icpcDays": 10}"#).unwrap();
    let misspelt = summarise(&["--timescales", path(&timescales)]);
    assert_eq!(misspelt.code, 2);
    assert!(misspelt.stderr.contains("icpcDays"), "{}", misspelt.stderr);
}

#[test]
fn an_unreadable_path_is_reported_and_the_rest_still_read() {
    let root = caseload("unreadable");
    let missing = root.join("missing.jsonl");
    let result = run(
        &[
            "summarise",
            path(&missing),
            path(&root.join("a.json")),
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(result.code, 2);
    assert!(result
        .stderr
        .contains(&format!("cannot read {}: No such file", missing.display())));
    let summary: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(summary["input"]["records"], 1);
    assert_eq!(summary["input"]["unreadablePaths"], 1);
}

#[test]
fn verify_also_checks_digests_and_audit_chains() {
    let tampered = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tampered-content.json"
    );
    let read = run(
        &[
            "summarise",
            tampered,
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(read.code, 0, "{}", read.stderr);
    let verified = run(
        &[
            "summarise",
            tampered,
            "--verify",
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(verified.code, 1);
    assert!(verified
        .stderr
        .contains("tampered-content.json: skipped: $.participants: the content has changed"));
    let summary: serde_json::Value = serde_json::from_str(&verified.stdout).unwrap();
    assert_eq!(summary["input"]["records"], 0);
    assert_eq!(summary["input"]["badRecords"], 1);
}

#[test]
fn flatten_writes_every_table_as_csv_and_json_lines() {
    let root = caseload("flatten");
    // The same record again, in another file: flattened once.
    std::fs::write(root.join("z.json"), export(&overdue("rec-a", "NX-1"))).unwrap();
    let out = directory("flatten-out").join("tables");
    let result = run(&["flatten", path(&root), "--out", path(&out)], None);
    assert_eq!(
        result.code, 1,
        "a bad line and a duplicate: {}",
        result.stderr
    );
    assert!(result
        .stderr
        .contains("z.json: skipped: record rec-a was already read"));
    assert_eq!(
        result.stdout,
        format!(
            "{}: 3 records flattened, 2 skipped; rows: records 3, participants 9, subjects 3, \
             information 0, gaps 0, scales 0, statements 0, tools 0, risks 0, actions 2, \
             decisions 0, dissent 0, contingencies 0, familyCommunication 0, followUp 0, \
             distribution 0\n",
            out.display()
        )
    );
    for (table, rows) in [
        ("records", 3),
        ("participants", 9),
        ("risks", 0),
        ("actions", 2),
        ("decisions", 0),
        ("dissent", 0),
    ] {
        let csv = std::fs::read_to_string(out.join(format!("{table}.csv"))).unwrap();
        assert_eq!(csv.matches("\r\n").count(), rows + 1, "{table}.csv");
        let jsonl = std::fs::read_to_string(out.join(format!("{table}.jsonl"))).unwrap();
        assert_eq!(jsonl.lines().count(), rows, "{table}.jsonl");
        for line in jsonl.lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(row["recordId"].is_string());
        }
    }
    let records = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    let sources: Vec<String> = records
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["source"].to_string())
        .collect();
    assert!(sources[1].ends_with(":1\""), "{sources:?}");
    assert!(sources[2].ends_with(":4\""), "{sources:?}");
}

#[test]
fn flatten_reports_an_output_directory_it_cannot_create() {
    let root = caseload("flatten-blocked");
    let blocker = root.join("a.json");
    let result = run(
        &[
            "flatten",
            path(&root),
            "--out",
            path(&blocker.join("inside")),
        ],
        None,
    );
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("cannot write to"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_json_file_holding_json_lines_is_read_line_by_line() {
    let root = directory("sniff");
    let lines = format!(
        "\n{}\n{}\n",
        line(&overdue("l1", "NX-1")),
        line(&overdue("l2", "NX-2"))
    );
    std::fs::write(root.join("export.json"), lines).unwrap();
    // A pretty-printed record and a compact one without a final new line, named .json.
    std::fs::write(root.join("pretty.json"), export(&overdue("p1", "NX-3"))).unwrap();
    std::fs::write(root.join("compact.json"), line(&overdue("c1", "NX-4"))).unwrap();
    let result = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
            "--report",
            "hotspots",
        ],
        None,
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let summary: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(summary["input"]["records"], 4);
    assert!(summary.get("themes").is_none());
    // A broken second line is reported by its line number.
    std::fs::write(
        root.join("export.json"),
        format!("{}\n{{\"schemaVersion\":1,\n", line(&overdue("l1", "NX-1"))),
    )
    .unwrap();
    let result = run(
        &[
            "summarise",
            path(&root.join("export.json")),
            "--as-of",
            "2026-03-16",
        ],
        None,
    );
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("export.json:2: skipped: $:"),
        "{}",
        result.stderr
    );
}

#[test]
fn every_csv_cell_is_guarded_against_formulas_ids_included() {
    let root = directory("formulas");
    std::fs::write(root.join("a.json"), export(&formula_record())).unwrap();
    let out = directory("formulas-out");
    let result = run(&["flatten", path(&root), "--out", path(&out)], None);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let mut ids_seen = Vec::new();
    for table in [
        "records",
        "participants",
        "risks",
        "actions",
        "decisions",
        "dissent",
    ] {
        let csv = std::fs::read_to_string(out.join(format!("{table}.csv"))).unwrap();
        assert_eq!(formula_cells(&csv), Vec::<String>::new(), "{table}.csv");
        let rows = read_csv(&csv);
        assert_eq!(rows.len(), 1 + if table == "participants" { 3 } else { 1 });
        assert_eq!(
            rows[1][0], "'=HYPERLINK(\"http://example.invalid\",\"open\")",
            "{table}.csv"
        );
        ids_seen.extend(rows.into_iter().skip(1).flatten());
        // The JSON Lines keep the exact id.
        let jsonl = std::fs::read_to_string(out.join(format!("{table}.jsonl"))).unwrap();
        let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
        assert_eq!(
            first["recordId"],
            "=HYPERLINK(\"http://example.invalid\",\"open\")"
        );
    }
    for id in [
        "'+p1",
        "'-p2",
        "'@p3",
        "'=Police",
        "'-1+linked",
        "'\t=action",
        "'\r=risk",
        "'\n=decision",
        "'@dissent",
    ] {
        assert!(
            ids_seen.iter().any(|cell| cell == id),
            "{id:?}: {ids_seen:?}"
        );
    }
    for report in ["hotspots", "themes"] {
        let result = run(
            &[
                "summarise",
                path(&root),
                "--as-of",
                "2026-03-16",
                "--format",
                "csv",
                "--report",
                report,
                "--suppress-below",
                "0",
            ],
            None,
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert_eq!(
            formula_cells(&result.stdout),
            Vec::<String>::new(),
            "{report}"
        );
        let rows = read_csv(&result.stdout);
        let expected = if report == "hotspots" {
            "'=HYPERLINK(\"http://example.invalid\",\"open\")"
        } else {
            "'=Police"
        };
        assert!(
            rows.iter().flatten().any(|cell| cell == expected),
            "{report}: {rows:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn entries_that_are_not_regular_files_are_skipped_by_name_and_never_hang() {
    let root = directory("not-regular");
    std::fs::write(root.join("a.json"), export(&overdue("rec-a", "NX-1"))).unwrap();
    if !mkfifo(&root.join("pipe.jsonl")) {
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.json")).unwrap();
    std::os::unix::fs::symlink("pipe.jsonl", root.join("to-pipe.jsonl")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket.json")).unwrap();
    let skipped = [
        ("pipe.jsonl", "a named pipe"),
        ("socket.json", "a socket"),
        ("to-pipe.jsonl", "a link to a named pipe"),
        ("zero.json", "a link to a character device"),
    ];
    let check_messages = |stderr: &str| {
        for (name, kind) in skipped {
            let message = format!(
                "risk-sensible: {}: skipped: not a regular file ({kind})\n",
                root.join(name).display()
            );
            assert!(stderr.contains(&message), "{message}: {stderr}");
        }
        assert_eq!(stderr.lines().count(), skipped.len(), "{stderr}");
    };

    let summary = run_promptly(&[
        "summarise",
        path(&root),
        "--as-of",
        "2026-03-16",
        "--format",
        "json",
    ]);
    assert_eq!(summary.code, 1, "a skipped entry is a data problem");
    check_messages(&summary.stderr);
    let json: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    assert_eq!(json["input"]["records"], 1);
    assert_eq!(json["input"]["skippedPaths"], 4);
    assert_eq!(json["hotSpots"][0]["recordId"], "rec-a");
    let text = run_promptly(&["summarise", path(&root), "--as-of", "2026-03-16"]);
    assert!(
        text.stdout
            .contains("1 record analysed; 4 paths skipped (not regular files)."),
        "{}",
        text.stdout
    );

    let out = directory("not-regular-out");
    let flattened = run_promptly(&["flatten", path(&root), "--out", path(&out)]);
    assert_eq!(flattened.code, 1);
    check_messages(&flattened.stderr);
    assert!(
        flattened
            .stdout
            .contains(": 1 records flattened, 0 skipped;"),
        "{}",
        flattened.stdout
    );
    let records = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 1);
    assert!(records.contains("\"recordId\":\"rec-a\""));
}

/// Writes `content` into each table of a flatten output directory, as an earlier run's
/// tables.
fn earlier_tables(out: &Path, content: &str) {
    std::fs::create_dir_all(out).unwrap();
    for table in risk_sensible::analysis::flatten::TABLES {
        for extension in ["csv", "jsonl"] {
            std::fs::write(out.join(format!("{}.{extension}", table.name)), content).unwrap();
        }
    }
}

/// The names in a directory, sorted, hidden ones included.
fn names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn flatten_replaces_its_tables_only_after_reading_all_the_input() {
    let root = directory("flatten-later");
    std::fs::write(root.join("a.json"), export(&overdue("rec-a", "NX-1"))).unwrap();
    // A pipe named on the command line is read (as a shell's <(...) is), so the run waits
    // on it: the earlier tables must still be whole while it does.
    let pipe = root.join("later.pipe");
    if !mkfifo(&pipe) {
        return;
    }
    let out = directory("flatten-later-out");
    earlier_tables(&out, "earlier\n");
    let before = names(&out);
    let arguments = [
        "flatten".to_string(),
        path(&root.join("a.json")).to_string(),
        path(&pipe).to_string(),
        "--out".to_string(),
        path(&out).to_string(),
    ];
    let run = std::thread::spawn(move || {
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        run_promptly(&arguments)
    });
    // Opening the pipe for writing waits until the command line opens it to read.
    let (opened, writer) = mpsc::channel();
    let pipe_path = pipe.clone();
    std::thread::spawn(move || {
        let _ = opened.send(std::fs::OpenOptions::new().write(true).open(pipe_path));
    });
    let mut writer = writer
        .recv_timeout(PROMPTLY)
        .expect("flatten never opened the pipe named on its command line")
        .unwrap();
    for table in ["records", "actions", "dissent"] {
        for extension in ["csv", "jsonl"] {
            let file = out.join(format!("{table}.{extension}"));
            assert_eq!(
                std::fs::read_to_string(&file).unwrap(),
                "earlier\n",
                "{} changed before all the input was read",
                file.display()
            );
        }
    }
    writeln!(writer, "{}", line(&overdue("rec-b", "NX-2"))).unwrap();
    drop(writer);
    let result = run.join().unwrap();
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.contains(": 2 records flattened, 0 skipped;"));
    let records = std::fs::read_to_string(out.join("records.csv")).unwrap();
    assert!(records.starts_with("recordId,source,"), "{records}");
    assert_eq!(records.matches("\r\n").count(), 3);
    assert_eq!(names(&out), before, "no file is left behind");
}

#[test]
fn a_failed_flatten_leaves_the_earlier_tables_as_they_were() {
    let root = caseload("flatten-failed");
    let out = directory("flatten-failed-out");
    earlier_tables(&out, "earlier\n");
    let before = names(&out);
    let unchanged = |what: &str| {
        assert_eq!(
            names(&out),
            before,
            "{what}: no file is added or left behind"
        );
        for name in &before {
            assert_eq!(
                std::fs::read_to_string(out.join(name)).unwrap(),
                "earlier\n",
                "{what}: {name} changed"
            );
        }
    };

    // A path that cannot be read: everything else is read, but nothing is written.
    let missing = root.join("missing.jsonl");
    let result = run_promptly(&["flatten", path(&root), path(&missing), "--out", path(&out)]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains(&format!(
            "risk-sensible: nothing written to {}: a path could not be read",
            out.display()
        )),
        "{}",
        result.stderr
    );
    assert!(result.stdout.is_empty());
    unchanged("an unreadable path");

    // Arguments refused after the paths.
    let result = run_promptly(&["flatten", path(&root), "--out", path(&out), "--jobs", "0"]);
    assert_eq!(result.code, 2);
    unchanged("a usage error");

    // A table that cannot be replaced (a directory has its name): the others are left too.
    std::fs::remove_file(out.join("records.csv")).unwrap();
    std::fs::create_dir(out.join("records.csv")).unwrap();
    std::fs::write(out.join("records.csv").join("keep"), "x").unwrap();
    let before_blocked = names(&out);
    let result = run_promptly(&["flatten", path(&root), "--out", path(&out)]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains(&format!(
            "cannot write {}",
            out.join("records.csv").display()
        )),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains(&format!("the tables in {} are as they were", out.display())),
        "{}",
        result.stderr
    );
    assert_eq!(names(&out), before_blocked);
    for name in before_blocked.iter().filter(|name| *name != "records.csv") {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            "earlier\n",
            "{name} changed"
        );
    }
}

/// Every bidirectional control: ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
const BIDI: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

#[test]
fn bidirectional_controls_are_escaped_in_text_reports_messages_and_csv() {
    let bidi: String = BIDI.iter().collect();
    let escapes: String = BIDI
        .iter()
        .map(|control| format!("\\u{{{:x}}}", u32::from(*control)))
        .collect();
    let root = directory("bidi");
    let mut record = overdue(&format!("rec{bidi}a"), &format!("NX{bidi}1"));
    record.subjects[0].name = format!("Child{bidi}Name");
    record.participants[1].name = format!("Pat{bidi}Constable");
    record.participants[1].agency = format!("Police{bidi}");
    record.actions[0].task = format!("Visit{bidi}home");
    std::fs::write(root.join("a\u{202e}.json"), export(&record)).unwrap();
    std::fs::write(root.join("bad\u{202e}.json"), "{").unwrap();
    let no_raw_controls = |what: &str, text: &str| {
        assert!(!text.contains(BIDI), "{what}: {text}");
    };

    // The text report and the messages.
    let text = run(&["summarise", path(&root), "--as-of", "2026-03-16"], None);
    assert_eq!(text.code, 1, "{}", text.stderr);
    no_raw_controls("text report", &text.stdout);
    no_raw_controls("messages", &text.stderr);
    for shown in [
        format!("1. NX{escapes}1 Child{escapes}Name - Overdue"),
        format!("record rec{escapes}a"),
        format!("Pat{escapes}Constable"),
        format!("Police{escapes}"),
    ] {
        assert!(text.stdout.contains(&shown), "{shown}: {}", text.stdout);
    }
    assert!(
        text.stderr.contains(&format!(
            "{}: skipped: $:",
            root.join("bad\\u{202e}.json").display()
        )),
        "{}",
        text.stderr
    );

    // JSON is JSON: it carries the exact text, as a JSON reader reads it.
    let json = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--format",
            "json",
        ],
        None,
    );
    let summary: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        summary["hotSpots"][0]["childName"],
        format!("Child{bidi}Name").as_str()
    );

    // CSV: the controls as escapes, in the report and every table.
    let csv = run(
        &[
            "summarise",
            path(&root),
            "--as-of",
            "2026-03-16",
            "--format",
            "csv",
            "--report",
            "hotspots",
        ],
        None,
    );
    no_raw_controls("hot-spot CSV", &csv.stdout);
    assert!(
        csv.stdout.contains(&format!("Child{escapes}Name")),
        "{}",
        csv.stdout
    );
    let out = directory("bidi-out").join(format!("tables{bidi}"));
    let flattened = run(
        &["flatten", path(&root), "--out", path(&out), "--with-text"],
        None,
    );
    assert_eq!(flattened.code, 1, "{}", flattened.stderr);
    no_raw_controls("flatten's summary line", &flattened.stdout);
    assert!(
        flattened
            .stdout
            .contains(&format!("tables{escapes}: 1 records flattened")),
        "{}",
        flattened.stdout
    );
    for table in ["records", "participants", "actions"] {
        let csv = std::fs::read_to_string(out.join(format!("{table}.csv"))).unwrap();
        no_raw_controls(table, &csv);
        assert!(csv.contains(&format!("rec{escapes}a")), "{table}: {csv}");
    }
    let participants = std::fs::read_to_string(out.join("participants.csv")).unwrap();
    assert!(participants.contains(&format!(
        "Pat{escapes}Constable,Practitioner,Police{escapes},"
    )));
    let actions = std::fs::read_to_string(out.join("actions.jsonl")).unwrap();
    let action: serde_json::Value = serde_json::from_str(actions.lines().next().unwrap()).unwrap();
    assert_eq!(action["task"], format!("Visit{bidi}home").as_str());
}

/// A wellbeing debrief document, as the widget hands it to the host.
fn debrief(people: &[(&str, Tristate, Tristate)]) -> String {
    let document = WellbeingDocument {
        version: WELLBEING_VERSION,
        id: "d".into(),
        offered: Tristate::Yes,
        people: people
            .iter()
            .map(|(agency, offered, taken_up)| DebriefOffer {
                agency: agency.to_string(),
                offered: *offered,
                taken_up: *taken_up,
            })
            .collect(),
        notes: "Supervision arranged for everyone who wanted it.".into(),
        ..WellbeingDocument::default()
    };
    serde_json::to_string_pretty(&document).unwrap()
}

#[test]
fn summarise_counts_the_wellbeing_debriefs_apart_by_agency_and_flatten_leaves_them_out() {
    let root = directory("wellbeing");
    std::fs::write(root.join("a.json"), export(&overdue("rec-a", "NX-1"))).unwrap();
    let (yes, no) = (Tristate::Yes, Tristate::No);
    for index in 0..6 {
        let text = debrief(&[
            ("Health visiting", yes, if index < 4 { yes } else { no }),
            ("Police", if index == 0 { yes } else { no }, no),
        ]);
        std::fs::write(root.join(format!("debrief-{index}.json")), text).unwrap();
    }
    let summarise = |extra: &[&str]| {
        let mut arguments = vec!["summarise", path(&root), "--format", "json"];
        arguments.extend_from_slice(extra);
        let result = run(&arguments, None);
        assert_eq!((result.code, result.stderr.as_str()), (0, ""));
        serde_json::from_str::<serde_json::Value>(&result.stdout).unwrap()
    };
    let cell = |summary: &serde_json::Value, row: &str, column: &str| {
        let theme = summary["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|theme| theme["id"] == "wellbeing")
            .unwrap()
            .clone();
        let found = theme["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|cells| cells["agency"] == row)
            .unwrap_or_else(|| panic!("no row {row}: {theme}"));
        found[column].clone()
    };
    // The debriefs are not records: one child's record, six debriefs counted apart.
    let all = summarise(&["--suppress-below", "0"]);
    assert_eq!(all["input"]["records"], 1);
    assert_eq!(all["input"]["wellbeingDebriefs"], 6);
    assert_eq!(cell(&all, "Health visiting", "recorded"), 6);
    assert_eq!(cell(&all, "Health visiting", "offered"), 6);
    assert_eq!(cell(&all, "Health visiting", "takenUp"), 4);
    assert_eq!(cell(&all, "Police", "offered"), 1);
    // Small numbers are suppressed by default, like every theme.
    let shared = summarise(&[]);
    assert_eq!(cell(&shared, "Health visiting", "offered"), 6);
    assert_eq!(cell(&shared, "Police", "offered"), "<5");
    // The notes are never counted or shown.
    assert!(!serde_json::to_string(&all).unwrap().contains("Supervision"));

    let out = root.join("tables");
    let result = run(&["flatten", path(&root), "--out", path(&out)], None);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("left out: a wellbeing debrief"),
        "{}",
        result.stderr
    );
    let subjects = std::fs::read_to_string(out.join("records.csv")).unwrap();
    assert_eq!(subjects.lines().count(), 2, "{subjects}");
}

/// The followed-up example, from the command line to the themes and the tables: its
/// enquiry's outcome and its conference, held on the 15th working day with a plan.
#[test]
fn the_followed_up_example_shows_in_the_themes_and_the_tables() {
    let root = directory("followed-up");
    let example = run(&["example", "--followed-up"], None);
    assert_eq!((example.code, example.stderr.as_str()), (0, ""));
    std::fs::write(root.join("example.json"), &example.stdout).unwrap();
    let verified = run(&["verify", path(&root.join("example.json"))], None);
    assert_eq!(verified.code, 0, "{}", verified.stdout);

    let result = run(
        &[
            "summarise",
            path(&root),
            "--format",
            "json",
            "--suppress-below",
            "0",
        ],
        None,
    );
    assert_eq!((result.code, result.stderr.as_str()), (0, ""));
    let summary: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    let theme = |id: &str| {
        summary["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|theme| theme["id"] == id)
            .unwrap_or_else(|| panic!("no theme {id}"))
            .clone()
    };
    let held = theme("conferencesHeld");
    let counts: Vec<&serde_json::Value> = held["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| &row["count"])
        .collect();
    assert_eq!(counts, [1, 1, 0], "{held}");
    let outcomes = serde_json::to_string(&theme("outcomes")).unwrap();
    assert!(outcomes.contains("ICPC"), "{outcomes}");

    let out = root.join("tables");
    let flattened = run(
        &["flatten", path(&root), "--out", path(&out), "--with-text"],
        None,
    );
    assert_eq!(flattened.code, 0, "{}", flattened.stderr);
    let table = std::fs::read_to_string(out.join("followUp.csv")).unwrap();
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        rows[0].contains("enquiryOutcome") && rows[0].contains("icpc"),
        "{table}"
    );
    assert!(
        rows[1].contains("conferenceHeld") && rows[1].contains("2026-03-23"),
        "{table}"
    );
}
