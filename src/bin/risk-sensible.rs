//! `risk-sensible`: the native command line for hosts that receive decision records.
//!
//! ```text
//! risk-sensible schema               print the JSON Schema of the record
//! risk-sensible validate FILE...     import and validate records [--roles FILE: the host's
//!                                    agency names and roles]
//! risk-sensible verify FILE...       check digests and audit chains; print a final
//!                                    record's anchor
//! risk-sensible verify --anchor HEX FILE   check a record against the anchor a host stored
//! risk-sensible example [--final]    print a complete example record
//! risk-sensible summarise PATH...    caseload hot spots and partnership themes
//! risk-sensible flatten PATH... --out DIR   the records as tidy tables
//! ```
//!
//! Exit status: 0 when every file passes, 1 when a record is invalid or tampered with, 2 for
//! a usage error or a file that cannot be read. `-` as a FILE reads standard input. Nothing
//! here panics on any input: every failure is one line on standard error.
//!
//! Everything printed as human-readable text that this program did not write itself (record
//! text in problems and findings, file names, arguments) goes through
//! [`terminal`](risk_sensible::analysis::escape::terminal): control characters and
//! bidirectional controls are shown as escapes, so no record can add, hide or reorder what
//! the terminal shows. JSON output (`schema`, `example`, `summarise --format json`) is
//! JSON, written by the JSON writer.
//!
//! Each verb is a row of [`VERBS`]: adding one (`summarise`, `flatten`) is a new row and a
//! function, and the usage text follows from the table.

use risk_sensible::analysis::cli;
use risk_sensible::analysis::escape::{quoted, terminal};
use risk_sensible::copy;
use risk_sensible::example::example_record;
use risk_sensible::meeting::{validate, AgencyRole, Command, Config, Severity};
use risk_sensible::record::import::{self, ImportProblem};
use risk_sensible::record::{integrity, schema, FollowUp, Status};
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// The program's name in messages.
const PROGRAM: &str = "risk-sensible";

/// The longest finding path or message printed, in characters (they quote the record).
const FINDING_CHARS: usize = 1_000;

/// The longest argument quoted back in a usage error, in characters.
const ARGUMENT_CHARS: usize = 100;

/// One verb of the command line.
struct Verb {
    /// What the user types.
    name: &'static str,
    /// Its arguments, for the usage text.
    arguments: &'static str,
    /// What it does, in a few words.
    summary: &'static str,
    /// Runs it on the arguments after the verb.
    run: fn(&[String], &mut Output) -> Result<Outcome, UsageError>,
}

/// The verbs, in the order the usage text lists them.
const VERBS: &[Verb] = &[
    Verb {
        name: "schema",
        arguments: "",
        summary: "print the JSON Schema (2020-12) of a decision record\n\
                  \x20                    [--wellbeing: of the wellbeing debrief document]",
        run: run_schema,
    },
    Verb {
        name: "validate",
        arguments: "FILE...",
        summary: "import records and list findings: FILE: PATH: error|warning: message\n\
                  \x20                    [--roles FILE: JSON of agency names and roles]",
        run: run_validate,
    },
    Verb {
        name: "verify",
        arguments: "FILE...",
        summary: "check digests and audit chains: FILE: intact, or the first failure\n\
                  \x20                    (a final record: FILE: intact, anchor HEX);\n\
                  \x20                    [--anchor HEX] checks one FILE against the anchor \
                  stored from it",
        run: run_verify,
    },
    Verb {
        name: "copy",
        arguments: "--for WHO FILE",
        summary: "one recipient's copy as JSON: WHO is family (what the\n\
                  \x20                    meeting agreed to tell them) or an agency's name (what \
                  it may\n\
                  \x20                    receive) [--roles FILE: JSON of agency names and \
                  roles]",
        run: run_copy,
    },
    Verb {
        name: "follow-up",
        arguments: "RECORD FOLLOW_UP",
        summary: "append a follow-up (JSON, as the schema's FollowUp) to a final record;\n\
                  \x20                    print the record with it",
        run: run_follow_up,
    },
    Verb {
        name: "example",
        arguments: "[--final | --large]",
        summary: "print an example record (--final finalised, --large benchmark-sized)\n\
                  \x20                    [--followed-up: finalised, with what happened after]",
        run: run_example,
    },
    Verb {
        name: "summarise",
        arguments: "PATH...",
        summary: "caseload hot spots and partnership themes of many records\n\
                  \x20                    [--format table|csv|json] [--as-of DATE] \
                  [--report hotspots|themes|both]\n\
                  \x20                    [--due-within N] [--suppress-below N] \
                  [--every-record] [--holidays FILE]\n\
                  \x20                    [--timescales FILE] [--verify] [--jobs N]",
        run: run_summarise,
    },
    Verb {
        name: "flatten",
        arguments: "PATH...",
        summary: "write the records as tidy tables (CSV and JSON Lines) to --out DIR\n\
                  \x20                    [--with-text] [--verify] [--jobs N]",
        run: run_flatten,
    },
];

/// How a verb finished, from best to worst; the exit status is the worst of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Everything passed.
    Passed,
    /// A record is invalid or has been tampered with.
    Failed,
    /// A file could not be read.
    Unreadable,
}

impl Outcome {
    fn exit_code(self) -> u8 {
        match self {
            Outcome::Passed => 0,
            Outcome::Failed => 1,
            Outcome::Unreadable => 2,
        }
    }
}

/// A mistake in the arguments: reported with a pointer to `--help`, exit status 2.
struct UsageError(String);

/// What `copy` was asked for: whose copy, of which file, with which agency roles.
struct CopyArguments {
    reader: String,
    file: String,
    roles: Option<String>,
}

fn copy_arguments(arguments: &[String]) -> Result<CopyArguments, UsageError> {
    let mut reader = None;
    let mut roles = None;
    let mut files = Vec::new();
    let mut arguments = arguments.iter();
    while let Some(argument) = arguments.next() {
        let slot = match argument.as_str() {
            "--for" => &mut reader,
            "--roles" => &mut roles,
            _ => {
                files.push(argument.clone());
                continue;
            }
        };
        let Some(value) = arguments.next() else {
            return Err(UsageError(format!("{argument} needs a value")));
        };
        if slot.replace(value.clone()).is_some() {
            return Err(UsageError(format!("{argument} is given more than once")));
        }
    }
    let Some(reader) = reader.filter(|reader| !reader.trim().is_empty()) else {
        return Err(UsageError(
            "say whose copy: --for family, or --for AGENCY (an agency's name)".into(),
        ));
    };
    let files = file_arguments(&files)?;
    let [file] = files.as_slice() else {
        return Err(UsageError("copy takes exactly one FILE".into()));
    };
    Ok(CopyArguments {
        reader,
        file: file.to_string(),
        roles,
    })
}

/// Standard output that survives a closed pipe: once a write fails with a broken pipe
/// (`risk-sensible example | head`), further output is dropped quietly and the verb still
/// finishes, so the exit status says what it found. Any other write failure is reported.
struct Output {
    stdout: io::StdoutLock<'static>,
    closed: bool,
    failure: Option<io::Error>,
}

impl Output {
    fn new() -> Self {
        Output {
            stdout: io::stdout().lock(),
            closed: false,
            failure: None,
        }
    }

    fn write(&mut self, text: &str) {
        if self.closed {
            return;
        }
        if let Err(error) = self.stdout.write_all(text.as_bytes()) {
            self.fail(error);
        }
    }

    fn line(&mut self, text: &str) {
        self.write(text);
        self.write("\n");
    }

    fn fail(&mut self, error: io::Error) {
        self.closed = true;
        if error.kind() != io::ErrorKind::BrokenPipe {
            self.failure = Some(error);
        }
    }

    /// Flushes, and returns any write failure other than a closed pipe.
    fn finish(mut self) -> Option<io::Error> {
        if !self.closed {
            if let Err(error) = self.stdout.flush() {
                self.fail(error);
            }
        }
        self.failure
    }
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let Some(first) = arguments.first() else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    if matches!(first.as_str(), "-h" | "--help" | "help") {
        print_help();
        return ExitCode::SUCCESS;
    }
    let Some(verb) = VERBS.iter().find(|verb| verb.name == first) else {
        return usage_error(&format!(
            "unknown command {}",
            quoted(first, ARGUMENT_CHARS)
        ));
    };
    let rest = arguments.get(1..).unwrap_or_default();
    if rest
        .iter()
        .any(|argument| argument == "-h" || argument == "--help")
    {
        print_help();
        return ExitCode::SUCCESS;
    }
    let mut output = Output::new();
    let outcome = (verb.run)(rest, &mut output);
    let failure = output.finish();
    match outcome {
        Err(UsageError(message)) => usage_error(&message),
        Ok(_) if failure.is_some() => {
            let error = failure.map(|error| describe_io_error(&error));
            eprintln!(
                "{PROGRAM}: cannot write the output: {}",
                error.unwrap_or_default()
            );
            ExitCode::from(2)
        }
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
    }
}

/// Prints the usage text to standard output, for `--help`. A closed pipe is not an error.
fn print_help() {
    let _ = io::stdout().write_all(usage().as_bytes());
}

fn usage() -> String {
    let mut text = format!(
        "Usage: {PROGRAM} COMMAND [ARGUMENTS]\n\n\
         Reads, checks and writes Risk Sensible decision records (JSON).\n\nCommands:\n"
    );
    for verb in VERBS {
        let synopsis = format!("{} {}", verb.name, verb.arguments);
        text.push_str(&format!("  {:<18} {}\n", synopsis.trim_end(), verb.summary));
    }
    text.push_str(
        "\nFILE may be - for standard input; put -- before a FILE that starts with -.\n\
         Exit status: 0 all passed; 1 a record is invalid or tampered with;\n\
         2 a usage error or a file that cannot be read.\n",
    );
    text
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("{PROGRAM}: {message}");
    eprintln!("Try '{PROGRAM} --help' for usage.");
    ExitCode::from(2)
}

/// The files named in the arguments; `--` ends options so a file may start with `-`.
fn file_arguments(arguments: &[String]) -> Result<Vec<&str>, UsageError> {
    let mut files = Vec::new();
    let mut options_ended = false;
    for argument in arguments {
        if !options_ended && argument == "--" {
            options_ended = true;
        } else if !options_ended && argument.starts_with('-') && argument != "-" {
            return Err(UsageError(format!(
                "unknown option {}",
                quoted(argument, ARGUMENT_CHARS)
            )));
        } else {
            files.push(argument.as_str());
        }
    }
    if files.is_empty() {
        return Err(UsageError(
            "name at least one FILE (or - for standard input)".into(),
        ));
    }
    Ok(files)
}

/// A file's bytes, at most one more than an import accepts so an oversized file is refused
/// without reading all of it.
fn read_file(file: &str) -> io::Result<Vec<u8>> {
    let limit = u64::try_from(import::MAX_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(file)?
            .take(limit)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// An I/O error as a sentence fragment, without the `(os error 2)` suffix.
fn describe_io_error(error: &io::Error) -> String {
    let text = error.to_string();
    match error.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&text)
            .to_string(),
        None => text,
    }
}

/// Reads each file and hands its name as shown (escaped by [`terminal`]) and its text (or
/// the problem with its bytes) to `check`, which prints its lines and says whether the
/// record passed. Unreadable files are reported on standard error and the rest are still
/// checked.
fn for_each_file(
    arguments: &[String],
    output: &mut Output,
    mut check: impl FnMut(&str, Result<&str, ImportProblem>, &mut Output) -> Outcome,
) -> Result<Outcome, UsageError> {
    let mut worst = Outcome::Passed;
    for file in file_arguments(arguments)? {
        let shown = terminal(file, FINDING_CHARS);
        let outcome = match read_file(file) {
            Ok(bytes) => check(&shown, import::text_from_bytes(&bytes), output),
            Err(error) => {
                eprintln!(
                    "{PROGRAM}: cannot read {shown}: {}",
                    describe_io_error(&error)
                );
                Outcome::Unreadable
            }
        };
        worst = worst.max(outcome);
    }
    Ok(worst)
}

/// A problem as `PATH: MESSAGE`, both escaped by [`terminal`].
/// The record in `bytes`, or `None` once each import problem is said on standard error,
/// after the file's name as `shown`.
fn record_from(shown: &str, bytes: &[u8]) -> Option<risk_sensible::record::DecisionRecord> {
    match import::text_from_bytes(bytes)
        .map_err(|problem| vec![problem])
        .and_then(import::import)
    {
        Ok(record) => Some(record),
        Err(problems) => {
            for problem in problems {
                eprintln!("{shown}: {}", shown_problem(&problem));
            }
            None
        }
    }
}

fn shown_problem(problem: &ImportProblem) -> String {
    format!(
        "{}: {}",
        terminal(&problem.path, FINDING_CHARS),
        terminal(&problem.message, FINDING_CHARS)
    )
}

fn no_arguments(verb: &str, arguments: &[String]) -> Result<(), UsageError> {
    match arguments.first() {
        None => Ok(()),
        Some(extra) => Err(UsageError(format!(
            "{verb} takes no argument {}",
            quoted(extra, ARGUMENT_CHARS)
        ))),
    }
}

fn run_schema(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    match arguments {
        [flag] if flag == "--wellbeing" => output.write(&schema::wellbeing_schema_pretty()),
        _ => {
            no_arguments("schema", arguments)?;
            output.write(&schema::decision_record_schema_pretty());
        }
    }
    Ok(Outcome::Passed)
}

/// `follow-up RECORD FOLLOW_UP`: the final record with what happened after the meeting
/// appended (its author and time are the follow-up's own `by` and `at`), printed whole; a
/// refusal lists what is missing, at its JSON path, and prints nothing.
fn run_follow_up(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    let [record_file, follow_up_file] = arguments else {
        return Err(UsageError(
            "follow-up takes the record's file and the follow-up's file".into(),
        ));
    };
    let read = |file: &str| match read_file(file) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            eprintln!(
                "{PROGRAM}: cannot read {}: {}",
                terminal(file, FINDING_CHARS),
                describe_io_error(&error)
            );
            None
        }
    };
    let (Some(record_bytes), Some(follow_up_bytes)) = (read(record_file), read(follow_up_file))
    else {
        return Ok(Outcome::Unreadable);
    };
    let shown = terminal(record_file, FINDING_CHARS);
    let Some(mut record) = record_from(&shown, &record_bytes) else {
        return Ok(Outcome::Failed);
    };
    let shown_follow_up = terminal(follow_up_file, FINDING_CHARS);
    let follow_up = match std::str::from_utf8(&follow_up_bytes)
        .map_err(|error| ("$".to_string(), error.to_string()))
        .and_then(risk_sensible::record::from_json_text::<FollowUp>)
    {
        Ok(follow_up) => follow_up,
        Err((path, message)) => {
            eprintln!(
                "{shown_follow_up}: {path}: {}",
                terminal(&message, FINDING_CHARS)
            );
            return Ok(Outcome::Failed);
        }
    };
    let actor = follow_up.by.clone();
    let config = Config::default();
    let context = risk_sensible::meeting::Context {
        at: follow_up.at,
        actor: &actor,
        config: &config,
    };
    match risk_sensible::meeting::apply(&mut record, Command::FollowUp(follow_up), &context) {
        Ok(()) => {
            output.write(&import::export(&record));
            Ok(Outcome::Passed)
        }
        Err(risk_sensible::meeting::Problem::Invalid(findings)) => {
            for finding in findings {
                eprintln!(
                    "{shown_follow_up}: {}: {}",
                    finding.path,
                    terminal(&finding.message, FINDING_CHARS)
                );
            }
            Ok(Outcome::Failed)
        }
        Err(problem) => {
            eprintln!("{shown}: {}", terminal(&problem.to_string(), FINDING_CHARS));
            Ok(Outcome::Failed)
        }
    }
}

fn run_example(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    let record = match arguments {
        [] => example_record(false),
        [flag] if flag == "--final" => example_record(true),
        // The final example with the enquiry's outcome and the conference followed up.
        [flag] if flag == "--followed-up" => risk_sensible::example::example_followed_up(),
        // The benchmark's large meeting (30 participants, 60 risks, 200 actions, ...).
        [flag] if flag == "--large" => risk_sensible::example::large_meeting(),
        [extra, ..] => {
            return Err(UsageError(format!(
                "example takes only --final, --followed-up or --large, not {}",
                quoted(extra, ARGUMENT_CHARS)
            )))
        }
    };
    output.write(&import::export(&record));
    Ok(Outcome::Passed)
}

/// The host's roles file (`--roles FILE`): a JSON object of agency names and roles, added
/// to the names the program knows. `None` when the file cannot be read (said on standard
/// error); a usage error when it is not such an object.
fn read_roles(
    path: &str,
) -> Result<Option<std::collections::BTreeMap<String, AgencyRole>>, UsageError> {
    let shown = terminal(path, FINDING_CHARS);
    let text = match read_file(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            eprintln!(
                "{PROGRAM}: cannot read {shown}: {}",
                describe_io_error(&error)
            );
            return Ok(None);
        }
    };
    serde_json::from_str(&text)
        .map(|roles: std::collections::BTreeMap<String, AgencyRole>| {
            Some(
                roles
                    .into_iter()
                    .map(|(agency, role)| (agency.trim().to_string(), role))
                    .collect(),
            )
        })
        .map_err(|error| {
            let names: Vec<&str> = AgencyRole::ALL
                .iter()
                .map(|role| role.wire_name())
                .collect();
            UsageError(format!(
                "{shown} is not a JSON object of agency names and roles ({}): {}",
                names.join(", "),
                terminal(&error.to_string(), FINDING_CHARS)
            ))
        })
}

/// Takes the option `name` and its value (at most once) out of a verb's arguments; the rest
/// are its files. After `--`, everything is a file.
fn option_value(
    arguments: &[String],
    name: &str,
    needs: &str,
) -> Result<(Vec<String>, Option<String>), UsageError> {
    let mut rest = Vec::new();
    let mut value = None;
    let mut options_ended = false;
    let mut arguments = arguments.iter();
    while let Some(argument) = arguments.next() {
        if options_ended || argument != name {
            options_ended |= argument == "--";
            rest.push(argument.clone());
            continue;
        }
        let Some(given) = arguments.next() else {
            return Err(UsageError(format!("{name} needs {needs}")));
        };
        if value.replace(given.clone()).is_some() {
            return Err(UsageError(format!("{name} is given more than once")));
        }
    }
    Ok((rest, value))
}

fn run_validate(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    let (arguments, roles) = option_value(
        arguments,
        "--roles",
        "a file: a JSON object of agency names and roles",
    )?;
    let mut config = Config::default();
    if let Some(roles) = &roles {
        match read_roles(roles)? {
            Some(roles) => config.agency_roles.extend(roles),
            None => return Ok(Outcome::Unreadable),
        }
    }
    for_each_file(&arguments, output, |file, text, output| {
        let record = match text
            .map_err(|problem| vec![problem])
            .and_then(import::import)
        {
            Ok(record) => record,
            Err(problems) => {
                for problem in problems {
                    output.line(&format!(
                        "{file}: {}: error: {}",
                        terminal(&problem.path, FINDING_CHARS),
                        terminal(&problem.message, FINDING_CHARS)
                    ));
                }
                return Outcome::Failed;
            }
        };
        let findings = validate(&record, &config);
        if findings.is_empty() {
            output.line(&format!("{file}: ok"));
        }
        for finding in &findings {
            // Findings quote the record (participants' names), which may hold control
            // characters and bidirectional controls: print each on one line, escaped.
            output.line(&format!(
                "{file}: {}: {}: {}",
                terminal(&finding.path.to_string(), FINDING_CHARS),
                finding.severity.as_str(),
                terminal(&finding.message, FINDING_CHARS)
            ));
        }
        if findings
            .iter()
            .any(|finding| finding.severity == Severity::Error)
        {
            Outcome::Failed
        } else {
            Outcome::Passed
        }
    })
}

/// `verify`'s arguments: the files, and the anchor given with `--anchor`, if any.
fn verify_arguments(arguments: &[String]) -> Result<(Vec<String>, Option<String>), UsageError> {
    let (rest, anchor) = option_value(arguments, "--anchor", "the anchor: 64 hexadecimal digits")?;
    if let Some(value) = &anchor {
        if !integrity::is_anchor(value) {
            return Err(UsageError(format!(
                "--anchor takes 64 hexadecimal digits, not {}",
                quoted(value, 100)
            )));
        }
        if file_arguments(&rest)?.len() != 1 {
            return Err(UsageError(
                "--anchor checks one record: name exactly one FILE".into(),
            ));
        }
    }
    Ok((rest, anchor))
}

fn run_verify(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    let (files, anchor) = verify_arguments(arguments)?;
    for_each_file(&files, output, |file, text, output| {
        // Lenient on purpose: a tampered record must still be read so the failure can be
        // located, which the full import (which checks integrity itself) would refuse.
        let record = match text
            .map_err(|problem| vec![problem])
            .and_then(import::parse_unverified)
        {
            Ok(record) => record,
            Err(problems) => {
                for problem in problems {
                    output.line(&format!("{file}: {}", shown_problem(&problem)));
                }
                return Outcome::Failed;
            }
        };
        let checked = match &anchor {
            Some(anchor) => integrity::verify_against_anchor(&record, anchor),
            None => integrity::verify(&record),
        };
        match checked {
            Ok(()) if record.meta.status == Status::Draft => {
                output.line(&format!("{file}: intact"));
                Outcome::Passed
            }
            Ok(()) => {
                // The head of the chain, for the host to store; when the record has been
                // amended since the anchor given, the host should store this one instead.
                let head = integrity::anchor(&record);
                let since = anchor.as_deref().map_or(0, |anchor| {
                    record
                        .audit
                        .iter()
                        .rev()
                        .take_while(|entry| !entry.hash.eq_ignore_ascii_case(anchor))
                        .count()
                });
                let note = match since {
                    0 => String::new(),
                    1 => " (1 amendment appended since the anchor given)".to_string(),
                    count => format!(" ({count} amendments appended since the anchor given)"),
                };
                output.line(&format!("{file}: intact, anchor {head}{note}"));
                Outcome::Passed
            }
            Err(failure) => {
                // The path may name a section digest key taken from the record: escaped.
                let failure = ImportProblem::new(failure.path, failure.message);
                output.line(&format!("{file}: {}", shown_problem(&failure)));
                Outcome::Failed
            }
        }
    })
}

/// Lets the analysis verbs write through [`Output`], which survives a closed pipe.
/// Writes one recipient's copy of a record to standard output as pretty JSON. Problems go to
/// standard error, since standard output holds the copy: a record that fails import is
/// refused (exit 1), a file or roles file that cannot be read is exit 2.
fn run_copy(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    let request = copy_arguments(arguments)?;
    let mut config = Config::default();
    if let Some(roles) = &request.roles {
        match read_roles(roles)? {
            Some(roles) => config.agency_roles.extend(roles),
            None => return Ok(Outcome::Unreadable),
        }
    }
    let shown = terminal(&request.file, FINDING_CHARS);
    let bytes = match read_file(&request.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!(
                "{PROGRAM}: cannot read {shown}: {}",
                describe_io_error(&error)
            );
            return Ok(Outcome::Unreadable);
        }
    };
    let Some(record) = record_from(&shown, &bytes) else {
        return Ok(Outcome::Failed);
    };
    let mut text = if request.reader.trim().eq_ignore_ascii_case("family") {
        serde_json::to_string_pretty(&copy::family_copy(&record)).unwrap_or_default()
    } else {
        let reader = copy::Reader::agency(&record, &request.reader, &config);
        import::export(&copy::professional_copy(&record, &reader))
            .trim_end()
            .to_string()
    };
    text.push('\n');
    output.write(&text);
    Ok(Outcome::Passed)
}

struct OutputWriter<'a>(&'a mut Output);

impl Write for OutputWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.0.closed {
            if let Err(error) = self.0.stdout.write_all(bytes) {
                self.0.fail(error);
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs one of the analysis verbs (`risk_sensible::analysis::cli`) with this program's
/// output and exit statuses: a skipped record is 1, an unreadable path 2.
fn run_analysis(
    verb: cli::Verb,
    arguments: &[String],
    output: &mut Output,
) -> Result<Outcome, UsageError> {
    let status = verb(
        arguments,
        &mut OutputWriter(output),
        &mut io::stderr().lock(),
    )
    .map_err(|cli::UsageError(message)| UsageError(message))?;
    Ok(match status {
        cli::Status::Ok => Outcome::Passed,
        cli::Status::DataProblem => Outcome::Failed,
        cli::Status::Unreadable => Outcome::Unreadable,
    })
}

fn run_summarise(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    run_analysis(cli::summarise, arguments, output)
}

fn run_flatten(arguments: &[String], output: &mut Output) -> Result<Outcome, UsageError> {
    run_analysis(cli::flatten, arguments, output)
}
