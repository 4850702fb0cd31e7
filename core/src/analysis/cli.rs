//! `risk-sensible summarise` and `risk-sensible flatten` (native only): arguments, the
//! parallel pipeline, and messages. The binary's verb table calls [`summarise`] and
//! [`flatten`]; everything they print goes through the writers they are given.
//!
//! # The pipeline
//!
//! One thread reads the input ([`Records`]), worker threads (one per core unless `--jobs`
//! says otherwise) import and analyse records, and the calling thread takes the results
//! back **in input order**, so the output and the messages are the same however many
//! workers ran. At most [`BATCHES_PER_JOB`] batches per worker are in flight at once, which
//! bounds memory whatever the input's size.

use super::escape::{quoted, terminal};
use super::flatten::{csv_header, flatten as flatten_record, FlatValue, TABLES};
use super::input::{describe_io_error, Event, Records};
use super::parquet::ParquetTable;
use super::report::{self, Format, Parts};
use super::{Contribution, Settings, Summariser, DEFAULT_SUPPRESS_BELOW};
use crate::meeting::{Deadlines, Holidays};
use crate::record::import::{self, ImportProblem};
use crate::record::{DecisionRecord, IsoDate, WellbeingDocument};
use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use time::Date;

/// Batches in flight per worker: enough to keep every core busy, few enough that memory
/// stays small.
pub const BATCHES_PER_JOB: usize = 4;

/// The most records in one batch.
pub const BATCH_RECORDS: usize = 64;

/// A batch is sent once its records add up to this many bytes, however few they are.
pub const BATCH_BYTES: usize = 2 * 1024 * 1024;

/// Problems printed for one bad record; the rest are counted.
const PROBLEMS_PER_RECORD: usize = 3;

/// Bad records printed in full; after this many, they are counted in one last message.
const BAD_RECORDS_LISTED: u64 = 1_000;

/// The longest origin or problem printed, in characters.
const MESSAGE_CHARS: usize = 1_000;

/// How a verb finished; the binary turns it into an exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything read was analysed.
    Ok,
    /// A record was bad or a duplicate and was skipped (exit status 1).
    DataProblem,
    /// A path could not be read, or the output could not be written (exit status 2).
    Unreadable,
}

/// The signature of [`summarise`] and [`flatten`]: the arguments after the verb, standard
/// output, standard error.
pub type Verb = fn(&[String], &mut dyn Write, &mut dyn Write) -> Result<Status, UsageError>;

/// A mistake in the arguments (exit status 2, with a pointer to `--help`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// The arguments after the verb, split into options (with their values) and paths.
struct Arguments {
    options: Vec<(String, Option<String>)>,
    paths: Vec<String>,
}

/// Splits arguments: `--name value` or `--name=value` for options in `with_value`, bare
/// `--name` for `flags`; `--` ends options; `-` is a path (standard input).
fn split(
    arguments: &[String],
    with_value: &[&str],
    flags: &[&str],
) -> Result<Arguments, UsageError> {
    let mut options = Vec::new();
    let mut paths = Vec::new();
    let mut iterator = arguments.iter();
    let mut options_ended = false;
    while let Some(argument) = iterator.next() {
        if options_ended || argument == "-" || !argument.starts_with('-') {
            paths.push(argument.clone());
            continue;
        }
        if argument == "--" {
            options_ended = true;
            continue;
        }
        let (name, inline) = match argument.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (argument.as_str(), None),
        };
        if flags.contains(&name) {
            if inline.is_some() {
                return Err(UsageError(format!("{name} takes no value")));
            }
            options.push((name.to_string(), None));
        } else if with_value.contains(&name) {
            let value = match inline {
                Some(value) => value,
                None => iterator
                    .next()
                    .cloned()
                    .ok_or_else(|| UsageError(format!("{name} needs a value")))?,
            };
            options.push((name.to_string(), Some(value)));
        } else {
            return Err(UsageError(format!(
                "unknown option {}",
                quoted(argument, 100)
            )));
        }
    }
    Ok(Arguments { options, paths })
}

impl Arguments {
    /// The value of an option given at most once.
    fn value(&self, name: &str) -> Result<Option<&str>, UsageError> {
        let mut values = self
            .options
            .iter()
            .filter(|(option, _)| option == name)
            .map(|(_, value)| value.as_deref().unwrap_or_default());
        let first = values.next();
        if values.next().is_some() {
            return Err(UsageError(format!("{name} is given more than once")));
        }
        Ok(first)
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(option, _)| option == name)
    }

    fn number(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<Option<u64>, UsageError> {
        match self.value(name)? {
            None => Ok(None),
            Some(text) => match text.parse::<u64>() {
                Ok(number) if range.contains(&number) => Ok(Some(number)),
                _ => Err(UsageError(format!(
                    "{name} must be a whole number from {} to {}, not {}",
                    range.start(),
                    range.end(),
                    quoted(text, 100)
                ))),
            },
        }
    }

    fn paths(&self) -> Result<&[String], UsageError> {
        if self.paths.is_empty() {
            return Err(UsageError(
                "name at least one PATH (a file, a directory, or - for standard input)".into(),
            ));
        }
        Ok(&self.paths)
    }

    fn jobs(&self) -> Result<usize, UsageError> {
        let default = std::thread::available_parallelism().map_or(1, |count| count.get().min(8));
        Ok(self
            .number("--jobs", 1..=64)?
            .map_or(default, |jobs| jobs as usize))
    }
}

/// A batch of input events and its place in the input.
type Batch = (u64, Vec<Event>);

/// Runs `work` over the records under `paths` on `jobs` threads and hands each result to
/// `consume` in input order. `consume` returns false to stop early (the output failed).
///
/// Records travel in batches (up to [`BATCH_RECORDS`] records or [`BATCH_BYTES`] bytes), so
/// threads hand over work a few hundred times a second rather than once per record: on a
/// small shared machine each hand-over can cost a context switch.
pub fn run_ordered<T: Send>(
    paths: &[String],
    jobs: usize,
    work: impl Fn(Event) -> T + Sync,
    mut consume: impl FnMut(T) -> bool,
) {
    let jobs = jobs.max(1);
    let window = jobs * BATCHES_PER_JOB;
    std::thread::scope(|scope| {
        let (work_sender, work_receiver) = sync_channel::<Batch>(jobs);
        let (done_sender, done_receiver) = sync_channel::<(u64, Vec<T>)>(window);
        // Tokens bound the batches in flight: the reader takes one per batch and the
        // consumer gives it back once it has taken the batch's results.
        let (token_sender, token_receiver) = sync_channel::<()>(window);
        for _ in 0..window {
            let _ = token_sender.send(());
        }
        let reader_paths = paths.to_vec();
        scope.spawn(move || {
            let mut sequence = 0u64;
            let mut batch = Vec::new();
            let mut bytes = 0usize;
            let send = |batch: Vec<Event>, sequence: &mut u64| {
                let sent =
                    token_receiver.recv().is_ok() && work_sender.send((*sequence, batch)).is_ok();
                *sequence += 1;
                sent
            };
            for event in Records::new(&reader_paths) {
                if let Event::Record {
                    bytes: Ok(record), ..
                } = &event
                {
                    bytes += record.len();
                }
                batch.push(event);
                if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                    bytes = 0;
                    if !send(std::mem::take(&mut batch), &mut sequence) {
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                send(batch, &mut sequence);
            }
        });
        let shared: Arc<Mutex<Receiver<Batch>>> = Arc::new(Mutex::new(work_receiver));
        for _ in 0..jobs {
            let receiver = Arc::clone(&shared);
            let sender = done_sender.clone();
            let work = &work;
            scope.spawn(move || loop {
                let next = match receiver.lock() {
                    Ok(receiver) => receiver.recv(),
                    Err(_) => return,
                };
                let Ok((sequence, batch)) = next else {
                    return;
                };
                let results = batch.into_iter().map(work).collect();
                if sender.send((sequence, results)).is_err() {
                    return;
                }
            });
        }
        drop(done_sender);
        let mut waiting = BTreeMap::new();
        let mut next = 0u64;
        for (sequence, results) in done_receiver.iter() {
            waiting.insert(sequence, results);
            while let Some(results) = waiting.remove(&next) {
                next += 1;
                for result in results {
                    if !consume(result) {
                        // Dropping the receivers ends the reader and the workers.
                        return;
                    }
                }
                let _ = token_sender.send(());
            }
        }
    });
}

/// A record imported, or why not.
enum Imported<T> {
    Record(String, T),
    /// Not a record: the professionals' wellbeing debrief, a document of its own.
    Debrief(String, Box<WellbeingDocument>),
    Bad(String, Vec<ImportProblem>),
    Unreadable(String, String),
    Skipped(String, String),
}

/// Reads a record for analysis. Every check `import` makes on reading (size limits, JSON,
/// duplicate and dangerous keys, version, types, participant references); with `verify`,
/// also the digests and the audit chain, as `import` and `risk-sensible verify` do.
///
/// Re-verifying digests is left to `--verify` because it doubles the time and the records
/// a host analyses are the ones it stored after importing (and so verifying) them.
pub fn read_record(text: &str, verify: bool) -> Result<DecisionRecord, Vec<ImportProblem>> {
    if verify {
        return import::import(text);
    }
    let record = import::parse_unverified(text)?;
    let problems = import::participant_reference_problems(&record);
    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

/// Reads the record in an event (see [`read_record`]) and hands it to `then`.
fn import_event<T>(
    event: Event,
    verify: bool,
    then: impl FnOnce(&str, DecisionRecord) -> T,
) -> Imported<T> {
    match event {
        Event::Unreadable { path, message } => Imported::Unreadable(path, message),
        Event::Skipped { path, reason } => Imported::Skipped(path, reason),
        Event::Record { origin, bytes } => {
            let bytes = match bytes {
                Ok(bytes) => bytes,
                Err(message) => {
                    return Imported::Bad(origin, vec![ImportProblem::new("$", message)])
                }
            };
            let text = match import::text_from_bytes(&bytes) {
                Ok(text) => text,
                Err(problem) => return Imported::Bad(origin, vec![problem]),
            };
            match read_record(text, verify) {
                Ok(record) => {
                    let result = then(&origin, record);
                    Imported::Record(origin, result)
                }
                // Only a text that is not a record is read again, as a debrief.
                Err(problems) => match crate::record::from_json_text::<WellbeingDocument>(text) {
                    Ok(debrief) => Imported::Debrief(origin, Box::new(debrief)),
                    Err(_) => Imported::Bad(origin, problems),
                },
            }
        }
    }
}

/// Prints the messages for records that were skipped and keeps the worst status.
struct Messages<'a> {
    err: &'a mut dyn Write,
    status: Status,
    bad_listed: u64,
    bad_unlisted: u64,
}

impl<'a> Messages<'a> {
    fn new(err: &'a mut dyn Write) -> Self {
        Messages {
            err,
            status: Status::Ok,
            bad_listed: 0,
            bad_unlisted: 0,
        }
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.err, "risk-sensible: {text}");
    }

    fn unreadable(&mut self, path: &str, message: &str) {
        self.status = self.status.max(Status::Unreadable);
        self.line(&format!(
            "cannot read {}: {}",
            terminal(path, MESSAGE_CHARS),
            terminal(message, MESSAGE_CHARS)
        ));
    }

    /// A path left unread because it is not a regular file: a data problem (status 1),
    /// since everything that could be read was.
    fn skipped(&mut self, path: &str, reason: &str) {
        self.status = self.status.max(Status::DataProblem);
        self.line(&format!(
            "{}: skipped: {}",
            terminal(path, MESSAGE_CHARS),
            terminal(reason, MESSAGE_CHARS)
        ));
    }

    fn bad(&mut self, origin: &str, problems: &[ImportProblem]) {
        self.status = self.status.max(Status::DataProblem);
        if self.bad_listed >= BAD_RECORDS_LISTED {
            self.bad_unlisted += 1;
            return;
        }
        self.bad_listed += 1;
        let origin = terminal(origin, MESSAGE_CHARS);
        for problem in problems.iter().take(PROBLEMS_PER_RECORD) {
            self.line(&format!(
                "{origin}: skipped: {}: {}",
                terminal(&problem.path, MESSAGE_CHARS),
                terminal(&problem.message, MESSAGE_CHARS)
            ));
        }
        if problems.len() > PROBLEMS_PER_RECORD {
            self.line(&format!(
                "{origin}: and {} more problems",
                problems.len() - PROBLEMS_PER_RECORD
            ));
        }
    }

    fn duplicate(&mut self, origin: &str, record_id: &str) {
        self.status = self.status.max(Status::DataProblem);
        self.line(&format!(
            "{}: skipped: record {} was already read",
            terminal(origin, MESSAGE_CHARS),
            terminal(record_id, MESSAGE_CHARS)
        ));
    }

    fn finish(mut self) -> Status {
        if self.bad_unlisted > 0 {
            let unlisted = self.bad_unlisted;
            self.line(&format!("and {unlisted} more bad records, not listed"));
        }
        let _ = self.err.flush();
        self.status
    }
}

fn parse_format(text: Option<&str>) -> Result<Format, UsageError> {
    match text.unwrap_or("table") {
        "table" => Ok(Format::Table),
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        other => Err(UsageError(format!(
            "--format must be table, csv or json, not {}",
            quoted(other, 100)
        ))),
    }
}

fn parse_parts(text: Option<&str>, format: Format) -> Result<Parts, UsageError> {
    let parts = match text {
        None if format == Format::Csv => {
            return Err(UsageError(
                "--format csv writes one table: add --report hotspots or --report themes".into(),
            ))
        }
        None | Some("both") => Parts::Both,
        Some("hotspots") => Parts::HotSpots,
        Some("themes") => Parts::Themes,
        Some(other) => {
            return Err(UsageError(format!(
                "--report must be hotspots, themes or both, not {}",
                quoted(other, 100)
            )))
        }
    };
    if format == Format::Csv && parts == Parts::Both {
        return Err(UsageError(
            "--format csv writes one table: use --report hotspots or --report themes".into(),
        ));
    }
    Ok(parts)
}

fn parse_date(name: &str, text: &str) -> Result<Date, UsageError> {
    text.parse::<IsoDate>().map(|date| date.0).map_err(|_| {
        UsageError(format!(
            "{name} must be a date (YYYY-MM-DD), not {}",
            quoted(text, 100)
        ))
    })
}

/// Reads a holiday file: a JSON array of `YYYY-MM-DD` dates.
fn read_holidays(path: &str) -> Result<Holidays, UsageError> {
    let text = fs::read_to_string(path).map_err(|error| {
        UsageError(format!(
            "cannot read --holidays {}: {}",
            terminal(path, 200),
            describe_io_error(&error)
        ))
    })?;
    let dates: Vec<IsoDate> = serde_json::from_str(&text).map_err(|error| {
        UsageError(format!(
            "--holidays {} must be a JSON array of YYYY-MM-DD dates: {}",
            terminal(path, 200),
            terminal(&error.to_string(), 200)
        ))
    })?;
    Ok(Holidays::new(dates.into_iter().map(|date| date.0)))
}

/// The local timescales file (`--timescales FILE`): a JSON object of the timescales that
/// differ from the defaults (`{"icpc": 15, "preBirthWeeks": 12}`).
fn read_timescales(path: &str) -> Result<Deadlines, UsageError> {
    let text = fs::read_to_string(path).map_err(|error| {
        UsageError(format!(
            "cannot read --timescales {}: {}",
            terminal(path, 200),
            describe_io_error(&error)
        ))
    })?;
    let deadlines: Deadlines = serde_json::from_str(&text).map_err(|error| {
        UsageError(format!(
            "--timescales {} must be a JSON object of strategyDiscussion, icpc, assessment, \
             distribution (working days) and preBirthWeeks: {}",
            terminal(path, 200),
            terminal(&error.to_string(), 200)
        ))
    })?;
    match deadlines.out_of_range() {
        Some(problem) => Err(UsageError(format!(
            "--timescales {}: {problem}",
            terminal(path, 200)
        ))),
        None => Ok(deadlines),
    }
}

/// `risk-sensible summarise PATH...`: the hot spots and themes of the records under the
/// paths. Writes the report to `out` and messages about skipped records to `err`.
pub fn summarise(
    arguments: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, UsageError> {
    let arguments = split(
        arguments,
        &[
            "--format",
            "--as-of",
            "--report",
            "--due-within",
            "--suppress-below",
            "--holidays",
            "--timescales",
            "--jobs",
        ],
        &["--every-record", "--verify"],
    )?;
    let format = parse_format(arguments.value("--format")?)?;
    let parts = parse_parts(arguments.value("--report")?, format)?;
    let as_of = match arguments.value("--as-of")? {
        Some(text) => parse_date("--as-of", text)?,
        // The edge of the analysis: the one place that reads the clock (in UTC, which is
        // the date in England and Wales except 00:00 to 01:00 in summer).
        None => time::OffsetDateTime::now_utc().date(),
    };
    let mut settings = Settings::new(as_of);
    if let Some(days) = arguments.number("--due-within", 0..=250)? {
        settings.due_within = days as u32;
    }
    if let Some(path) = arguments.value("--holidays")? {
        settings.holidays = read_holidays(path)?;
    }
    if let Some(path) = arguments.value("--timescales")? {
        settings.deadlines = read_timescales(path)?;
    }
    settings.every_record = arguments.flag("--every-record");
    settings.hot_spots = parts != Parts::Themes;
    let suppress_below = arguments
        .number("--suppress-below", 0..=1_000_000)?
        .unwrap_or(DEFAULT_SUPPRESS_BELOW);
    let verify = arguments.flag("--verify");
    let jobs = arguments.jobs()?;
    let paths = arguments.paths()?;

    let mut summariser = Summariser::new(settings);
    let settings = summariser.settings().clone();
    let config = summariser.config().clone();
    let mut messages = Messages::new(err);
    run_ordered(
        paths,
        jobs,
        |event| {
            import_event(event, verify, |_, record| {
                Box::new(Contribution::of(&record, &settings, &config))
            })
        },
        |imported| {
            match imported {
                Imported::Record(origin, contribution) => {
                    let id = contribution.record_id.clone();
                    if !summariser.add(*contribution) {
                        messages.duplicate(&origin, &id);
                    }
                }
                Imported::Debrief(_, debrief) => summariser.add_debrief(&debrief),
                Imported::Bad(origin, problems) => {
                    summariser.add_bad_record();
                    messages.bad(&origin, &problems);
                }
                Imported::Unreadable(path, message) => {
                    summariser.add_unreadable_path();
                    messages.unreadable(&path, &message);
                }
                Imported::Skipped(path, reason) => {
                    summariser.add_skipped_path();
                    messages.skipped(&path, &reason);
                }
            }
            true
        },
    );
    let summary = summariser.finish();
    let written =
        report::write(&summary, format, parts, suppress_below, out).and_then(|()| out.flush());
    let mut status = messages.finish();
    if let Err(error) = written {
        if error.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(
                err,
                "risk-sensible: cannot write the output: {}",
                describe_io_error(&error)
            );
            status = Status::Unreadable;
        }
    }
    Ok(status)
}

/// A form `flatten` writes a table in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Csv,
    Jsonl,
    Parquet,
}

impl Form {
    fn extension(self) -> &'static str {
        match self {
            Form::Csv => "csv",
            Form::Jsonl => "jsonl",
            Form::Parquet => "parquet",
        }
    }
}

/// Where one file's rows go while it is written.
enum Sink {
    Text(BufWriter<File>),
    /// `None` once finished.
    Parquet(Option<ParquetTable>),
}

/// The output files of `flatten`, each table in each form asked for. Each is written first
/// to a hidden file of its own in the output directory (`.NAME.csv.partial-PID`, created
/// new, never through an existing file or link) and renamed over `NAME.csv` only once all
/// the input has been read and every file written and synced: until then, and whenever the
/// run fails, the tables already there are left as they were. Each file is replaced whole;
/// the renames are not one step, so a rename that fails part way leaves some tables from
/// this run beside some from before, and says so. Dropped unfinished, it removes its hidden
/// files.
struct FlatFiles {
    directory: PathBuf,
    /// Each file's final path, its hidden path, its table, its form and its sink.
    files: Vec<(PathBuf, PathBuf, usize, Form, Sink)>,
    rows: [u64; TABLES.len()],
}

impl FlatFiles {
    /// Creates the directory if need be and the hidden files, each CSV with its header.
    fn create(directory: &Path, forms: &[Form]) -> io::Result<FlatFiles> {
        fs::create_dir_all(directory)?;
        let mut files = FlatFiles {
            directory: directory.to_path_buf(),
            files: Vec::new(),
            rows: [0; TABLES.len()],
        };
        for (index, table) in TABLES.iter().enumerate() {
            for form in forms {
                let name = format!("{}.{}", table.name, form.extension());
                let partial = directory.join(format!(".{name}.partial-{}", std::process::id()));
                let file = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&partial)?;
                // Pushed before anything can fail, so that a failure removes the file.
                let at = files.files.len();
                let sink = match form {
                    Form::Parquet => Sink::Parquet(None),
                    _ => Sink::Text(BufWriter::with_capacity(256 * 1024, file.try_clone()?)),
                };
                files
                    .files
                    .push((directory.join(name), partial, index, *form, sink));
                match form {
                    Form::Csv => {
                        if let Sink::Text(writer) = &mut files.files[at].4 {
                            writer.write_all(csv_header(index).as_bytes())?;
                        }
                    }
                    Form::Jsonl => {}
                    Form::Parquet => {
                        files.files[at].4 = Sink::Parquet(Some(ParquetTable::create(file, table)?));
                    }
                }
            }
        }
        Ok(files)
    }

    fn write(&mut self, record: &FlatText) -> Result<(), (PathBuf, io::Error)> {
        for (path, _, table, form, sink) in &mut self.files {
            let written = match (form, sink) {
                (Form::Csv, Sink::Text(file)) => file.write_all(record.csv[*table].as_bytes()),
                (Form::Jsonl, Sink::Text(file)) => file.write_all(record.jsonl[*table].as_bytes()),
                (Form::Parquet, Sink::Parquet(Some(writer))) => writer.push(&record.rows[*table]),
                _ => Ok(()),
            };
            written.map_err(|error| (path.clone(), error))?;
        }
        for (index, count) in record.counts.iter().enumerate() {
            self.rows[index] += count;
        }
        Ok(())
    }

    /// Flushes and syncs every hidden file, then renames each over its table. A failure
    /// comes back with the file and how many files had been renamed into place before it.
    fn finish(mut self) -> Result<[u64; TABLES.len()], (PathBuf, io::Error, usize)> {
        for (path, _, _, _, sink) in &mut self.files {
            let synced = match sink {
                Sink::Text(file) => file.flush().and_then(|()| file.get_ref().sync_all()),
                Sink::Parquet(writer) => match writer.take() {
                    Some(writer) => writer.finish().and_then(|file| file.sync_all()),
                    None => Ok(()),
                },
            };
            synced.map_err(|error| (path.clone(), error, 0))?;
        }
        let mut renamed = 0;
        while !self.files.is_empty() {
            let (path, partial, _, _, sink) = self.files.remove(0);
            drop(sink);
            if let Err(error) = fs::rename(&partial, &path) {
                let _ = fs::remove_file(&partial);
                return Err((path, error, renamed));
            }
            renamed += 1;
        }
        // Makes the renames themselves durable, where the system allows it.
        if let Ok(directory) = File::open(&self.directory) {
            let _ = directory.sync_all();
        }
        Ok(self.rows)
    }

    /// How many files a run writes.
    fn count(&self) -> usize {
        self.files.len()
    }
}

impl Drop for FlatFiles {
    /// Removes the hidden files not renamed into place: the run failed or was abandoned.
    fn drop(&mut self) {
        for (_, partial, _, _, _) in self.files.drain(..) {
            let _ = fs::remove_file(partial);
        }
    }
}

/// One record's rows, already written out as text in the forms asked for (and kept as
/// values for Parquet).
struct FlatText {
    record_id: String,
    csv: Vec<String>,
    jsonl: Vec<String>,
    rows: Vec<Vec<Vec<FlatValue>>>,
    counts: Vec<u64>,
}

/// `risk-sensible flatten PATH... --out DIR [--with-text]`: the records as tidy tables in
/// DIR, CSV and JSON Lines; free text and professionals' names only `--with-text`. Writes a summary line to `out` and messages to `err`.
pub fn flatten(
    arguments: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, UsageError> {
    let arguments = split(
        arguments,
        &["--out", "--jobs", "--format"],
        &["--verify", "--with-text"],
    )?;
    let forms: &[Form] = match arguments.value("--format")? {
        None => &[Form::Csv, Form::Jsonl],
        Some("csv") => &[Form::Csv],
        Some("jsonl") => &[Form::Jsonl],
        Some("parquet") => &[Form::Parquet],
        Some(other) => {
            return Err(UsageError(format!(
                "--format must be csv, jsonl or parquet, not {}",
                terminal(other, 40)
            )))
        }
    };
    let verify = arguments.flag("--verify");
    let with_text = arguments.flag("--with-text");
    let directory = arguments
        .value("--out")?
        .filter(|directory| !directory.is_empty())
        .ok_or_else(|| UsageError("flatten needs --out DIR, the directory to write to".into()))?
        .to_string();
    let jobs = arguments.jobs()?;
    let paths = arguments.paths()?;
    let mut files = match FlatFiles::create(Path::new(&directory), forms) {
        Ok(files) => files,
        Err(error) => {
            let _ = writeln!(
                err,
                "risk-sensible: cannot write to {}: {}",
                terminal(&directory, MESSAGE_CHARS),
                describe_io_error(&error)
            );
            return Ok(Status::Unreadable);
        }
    };
    let mut messages = Messages::new(err);
    let mut seen = HashSet::new();
    let mut records = 0u64;
    let mut skipped = 0u64;
    let mut failure: Option<(PathBuf, io::Error)> = None;
    run_ordered(
        paths,
        jobs,
        |event| {
            import_event(event, verify, |origin, record| {
                let flat = flatten_record(&record, origin, with_text);
                let tables = 0..TABLES.len();
                FlatText {
                    record_id: record.meta.id.clone(),
                    csv: if forms.contains(&Form::Csv) {
                        tables.clone().map(|index| flat.csv(index)).collect()
                    } else {
                        Vec::new()
                    },
                    jsonl: if forms.contains(&Form::Jsonl) {
                        tables.clone().map(|index| flat.jsonl(index)).collect()
                    } else {
                        Vec::new()
                    },
                    counts: flat.tables.iter().map(|rows| rows.len() as u64).collect(),
                    rows: if forms.contains(&Form::Parquet) {
                        flat.tables.into()
                    } else {
                        Vec::new()
                    },
                }
            })
        },
        |imported| {
            match imported {
                Imported::Record(origin, flat) => {
                    if !seen.insert(flat.record_id.clone()) {
                        skipped += 1;
                        messages.duplicate(&origin, &flat.record_id);
                        return true;
                    }
                    records += 1;
                    if let Err(problem) = files.write(&flat) {
                        failure = Some(problem);
                        return false;
                    }
                }
                Imported::Debrief(origin, _) => messages.line(&format!(
                    "{}: left out: a wellbeing debrief, not a child's record (summarise \
                     counts it)",
                    terminal(&origin, MESSAGE_CHARS)
                )),
                Imported::Bad(origin, problems) => {
                    skipped += 1;
                    messages.bad(&origin, &problems);
                }
                Imported::Unreadable(path, message) => messages.unreadable(&path, &message),
                Imported::Skipped(path, reason) => messages.skipped(&path, &reason),
            }
            true
        },
    );
    let mut status = messages.finish();
    let shown_directory = terminal(&directory, MESSAGE_CHARS);
    let files_written = files.count();
    let rows = match failure {
        Some((path, error)) => Err((path, error, 0)),
        None if status == Status::Unreadable => {
            // Dropping the files removes them: the tables already there stay as they were.
            drop(files);
            let _ = writeln!(
                err,
                "risk-sensible: nothing written to {shown_directory}: a path could not be \
                 read, so the tables there are as they were"
            );
            return Ok(status);
        }
        None => files.finish(),
    };
    match rows {
        Ok(rows) => {
            let tables: Vec<String> = TABLES
                .iter()
                .zip(rows)
                .map(|(table, rows)| format!("{} {rows}", table.name))
                .collect();
            let _ = writeln!(
                out,
                "{shown_directory}: {records} records flattened, {skipped} skipped; rows: {}",
                tables.join(", ")
            );
        }
        Err((path, error, renamed)) => {
            let kept = if renamed == 0 {
                format!("the tables in {shown_directory} are as they were")
            } else {
                format!(
                    "{renamed} of the {files_written} files in {shown_directory} are from this \
                     run, the rest as they were"
                )
            };
            let _ = writeln!(
                err,
                "risk-sensible: cannot write {}: {}; {kept}",
                terminal(&path.display().to_string(), MESSAGE_CHARS),
                describe_io_error(&error)
            );
            status = Status::Unreadable;
        }
    }
    Ok(status)
}
