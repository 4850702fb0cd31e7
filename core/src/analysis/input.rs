//! Reading records from files, directories and JSON Lines, one at a time (native only).
//!
//! This is the edge of the analysis: the one part that touches the file system. It yields
//! each record's bytes with where they came from, never holding more than one record (or
//! one line) at a time, so a year of a county's records or a national sample streams
//! through in constant memory.
//!
//! - A **directory** is read recursively, in name order, taking files whose names end in
//!   `.json`, `.jsonl` or `.ndjson` and skipping hidden entries and links to directories
//!   (which could loop).
//! - A **file** named `*.jsonl` or `*.ndjson` is JSON Lines: one record per line, blank
//!   lines skipped. Any other file (and `-`, standard input) is looked at first: when its
//!   first non-blank line is a whole JSON object on its own (`{…}`), it is JSON Lines too;
//!   otherwise it is one record, pretty-printed or not.
//! - A record, or a line, is at most [`MAX_BYTES`]; a longer
//!   one is reported and skipped without reading it all into memory.
//! - Only **regular files** are read from a directory (a link is followed to see what it
//!   points to): a named pipe, a device, a socket, or a link to one, whose name says it holds
//!   records is reported as [`Event::Skipped`] and never opened, since reading it could
//!   block for ever (a pipe with no writer) or never end (`/dev/zero`). A path named by the
//!   caller may also be a named pipe (a shell's `<(…)`), read as standard input is; any other
//!   kind is skipped in the same way. What was checked is checked again on the opened file,
//!   so an entry replaced by a device between the two is skipped too.

use crate::record::import::MAX_BYTES;
use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// How far into a file the first line is looked for, to tell JSON Lines from one record.
const SNIFF_BYTES: usize = 64 * 1024;

/// One thing read from the input.
#[derive(Debug)]
pub enum Event {
    /// A record's bytes, or why they could not be had (a line longer than the limit).
    Record {
        /// Where it came from: the file, or `file:line` for JSON Lines.
        origin: String,
        /// The bytes, or a problem to report for this record.
        bytes: Result<Vec<u8>, String>,
    },
    /// A path that could not be read (it does not exist, permission denied, a read
    /// failure part way through).
    Unreadable {
        /// The path as given, or as found in a directory.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A path left unread because it is not a regular file (see the module documentation).
    Skipped {
        /// The path as given, or as found in a directory.
        path: String,
        /// Why, as a sentence fragment: `not a regular file (a named pipe)`.
        reason: String,
    },
}

/// A path waiting to be read.
struct Pending {
    path: PathBuf,
    /// Named by the caller (which may also be a named pipe), not found in a directory.
    named: bool,
}

/// A source being read line by line.
struct Lines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

/// The records under some paths, as a lazy stream of [`Event`]s.
pub struct Records {
    pending: VecDeque<Pending>,
    current: Option<Lines>,
}

/// An I/O error as a sentence fragment, without the `(os error 2)` suffix.
pub fn describe_io_error(error: &io::Error) -> String {
    let text = error.to_string();
    match error.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&text)
            .to_string(),
        None => text,
    }
}

impl Records {
    /// The records under `paths` (files, directories, or `-` for standard input), in order.
    pub fn new<P: AsRef<Path>>(paths: &[P]) -> Self {
        Records {
            pending: paths
                .iter()
                .map(|path| Pending {
                    path: path.as_ref().to_path_buf(),
                    named: true,
                })
                .collect(),
            current: None,
        }
    }

    /// The next line of the current JSON Lines source, if any.
    fn next_line(&mut self) -> Option<Event> {
        let source = self.current.as_mut()?;
        let mut buffer = Vec::new();
        loop {
            source.line += 1;
            match read_line_limited(&mut source.reader, &mut buffer, MAX_BYTES) {
                Ok(Line::End) => {
                    self.current = None;
                    return None;
                }
                Ok(Line::Complete) => {
                    if buffer.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Event::Record {
                        origin: format!("{}:{}", source.name, source.line),
                        bytes: Ok(buffer),
                    });
                }
                Ok(Line::TooLong) => {
                    return Some(Event::Record {
                        origin: format!("{}:{}", source.name, source.line),
                        bytes: Err(format!(
                            "the line is larger than {} MiB, the most a decision record may be",
                            MAX_BYTES / (1024 * 1024)
                        )),
                    });
                }
                Err(error) => {
                    let name = source.name.clone();
                    self.current = None;
                    return Some(Event::Unreadable {
                        path: name,
                        message: describe_io_error(&error),
                    });
                }
            }
        }
    }

    /// Opens a path: a directory's entries join the queue; a regular file (or a named pipe
    /// the caller named) is read whole or starts a JSON Lines source; anything else is
    /// skipped unopened.
    fn open(&mut self, pending: Pending) -> Option<Event> {
        let Pending { path, named } = pending;
        let name = path.display().to_string();
        if named && name == "-" {
            return self.start(name, Box::new(io::stdin()), false);
        }
        let unreadable = |error: io::Error| {
            Some(Event::Unreadable {
                path: name.clone(),
                message: describe_io_error(&error),
            })
        };
        // Follows links: what matters is what would be read.
        let metadata = match fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) => return unreadable(error),
        };
        if metadata.is_dir() {
            return match directory_entries(&path) {
                Ok(entries) => {
                    for path in entries.into_iter().rev() {
                        self.pending.push_front(Pending { path, named: false });
                    }
                    None
                }
                Err(error) => unreadable(error),
            };
        }
        let skipped = |file_type: fs::FileType| {
            Some(Event::Skipped {
                path: name.clone(),
                reason: skip_reason(&path, file_type),
            })
        };
        if !readable(metadata.file_type(), named) {
            return skipped(metadata.file_type());
        }
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(error) => return unreadable(error),
        };
        // The same question of the file opened, in case the entry changed in between.
        match file.metadata() {
            Ok(opened) if readable(opened.file_type(), named) => {
                self.start(name, Box::new(file), is_json_lines_name(&path))
            }
            Ok(opened) => skipped(opened.file_type()),
            Err(error) => unreadable(error),
        }
    }

    /// Starts reading a source: as JSON Lines, or (after looking at its first line) as one
    /// record.
    fn start(&mut self, name: String, reader: Box<dyn Read + Send>, lines: bool) -> Option<Event> {
        let mut reader = reader;
        let prefix = if lines {
            Vec::new()
        } else {
            match sniff(&mut reader) {
                Ok(prefix) => prefix,
                Err(error) => {
                    return Some(Event::Unreadable {
                        path: name,
                        message: describe_io_error(&error),
                    })
                }
            }
        };
        if lines || looks_like_json_lines(&prefix) {
            self.current = Some(Lines {
                name,
                reader: Box::new(BufReader::with_capacity(
                    SNIFF_BYTES,
                    Cursor::new(prefix).chain(reader),
                )),
                line: 0,
            });
            return self.next_line();
        }
        // One record: read at most one byte more than a record may be, so an oversized
        // file is refused without reading it all.
        let limit = u64::try_from(MAX_BYTES)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut bytes = prefix;
        let remaining = limit.saturating_sub(bytes.len() as u64);
        match reader.take(remaining).read_to_end(&mut bytes) {
            Ok(_) => Some(Event::Record {
                origin: name,
                bytes: Ok(bytes),
            }),
            Err(error) => Some(Event::Unreadable {
                path: name,
                message: describe_io_error(&error),
            }),
        }
    }
}

impl Iterator for Records {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if self.current.is_some() {
                if let Some(event) = self.next_line() {
                    return Some(event);
                }
                continue;
            }
            let pending = self.pending.pop_front()?;
            if let Some(event) = self.open(pending) {
                return Some(event);
            }
        }
    }
}

/// Whether a path of this type (links followed) is read: a regular file, or a named pipe
/// the caller named.
fn readable(file_type: fs::FileType, named: bool) -> bool {
    file_type.is_file() || (named && is_pipe(file_type))
}

#[cfg(unix)]
fn is_pipe(file_type: fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&file_type)
}

#[cfg(not(unix))]
fn is_pipe(_: fs::FileType) -> bool {
    false
}

/// Why a path of this type (links followed) is skipped: `not a regular file (a named
/// pipe)`, `not a regular file (a link to a character device)`.
fn skip_reason(path: &Path, file_type: fs::FileType) -> String {
    let kind = file_kind(file_type);
    let link = fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink());
    if link {
        format!("not a regular file (a link to {kind})")
    } else {
        format!("not a regular file ({kind})")
    }
}

#[cfg(unix)]
fn file_kind(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn file_kind(_: fs::FileType) -> &'static str {
    "something else"
}

/// Whether a file's name says it is JSON Lines.
fn is_json_lines_name(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("jsonl") || extension.eq_ignore_ascii_case("ndjson")
        })
}

/// Whether a file found in a directory holds records, by its name.
fn is_record_file_name(path: &Path) -> bool {
    is_json_lines_name(path)
        || path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
}

/// A directory's record files and subdirectories, sorted by name. Hidden entries are
/// skipped, and so are links to directories (which could make a loop). What kind of file
/// each entry is, is looked at when it is opened.
fn directory_entries(directory: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(directory)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        let is_dir = if kind.is_symlink() {
            // Follow a link only to a file; a broken link is reported when opened.
            match fs::metadata(&path) {
                Ok(target) if target.is_dir() => continue,
                _ => false,
            }
        } else {
            kind.is_dir()
        };
        if is_dir || is_record_file_name(&path) {
            entries.push(path);
        }
    }
    entries.sort();
    Ok(entries)
}

/// Reads the start of a source, up to the end of its first non-blank line (or
/// [`SNIFF_BYTES`], or the end of the source).
fn sniff(reader: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::new();
    let mut chunk = [0u8; 8 * 1024];
    loop {
        if first_line(&prefix).is_some() || prefix.len() >= SNIFF_BYTES {
            return Ok(prefix);
        }
        let read = match reader.read(&mut chunk) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if read == 0 {
            return Ok(prefix);
        }
        prefix.extend_from_slice(&chunk[..read]);
    }
}

/// The first non-blank line of `bytes`, when it is complete (ends in a new line).
fn first_line(bytes: &[u8]) -> Option<&[u8]> {
    let mut start = 0;
    for (index, byte) in bytes.iter().enumerate() {
        if *byte == b'\n' {
            let line = &bytes[start..index];
            if !line.iter().all(u8::is_ascii_whitespace) {
                return Some(line);
            }
            start = index + 1;
        }
    }
    None
}

/// Whether a source starting with `prefix` is JSON Lines: its first non-blank line is a
/// whole object on its own, or longer than a pretty-printed record's lines ever are.
fn looks_like_json_lines(prefix: &[u8]) -> bool {
    match first_line(prefix) {
        Some(line) => {
            let line = line.trim_ascii();
            line.len() > 1 && line.starts_with(b"{") && line.ends_with(b"}")
        }
        // No new line within the sniffed bytes: a long first line (JSON Lines), unless the
        // whole source is shorter than that (one record without a new line at the end).
        None => prefix.len() >= SNIFF_BYTES,
    }
}

/// What reading one line found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line (without its `\n` and any `\r` before it) is in the buffer.
    Complete,
    /// The line was longer than the limit; it was skipped up to its end.
    TooLong,
    /// Nothing more to read.
    End,
}

/// Reads one line into `buffer` (cleared first), keeping at most `limit` bytes: a longer
/// line is skipped to its end without being held, and reported as [`Line::TooLong`].
fn read_line_limited(
    reader: &mut dyn BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    buffer.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, used, done) = match available.iter().position(|byte| *byte == b'\n') {
            Some(end) => (&available[..end], end + 1, true),
            None => (available, available.len(), false),
        };
        if !too_long {
            if buffer.len() + chunk.len() > limit {
                too_long = true;
                buffer.clear();
                buffer.shrink_to(64 * 1024);
            } else {
                buffer.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    if !read_any {
        return Ok(Line::End);
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    if buffer.last() == Some(&b'\r') {
        buffer.pop();
    }
    Ok(Line::Complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8], limit: usize) -> Vec<(Line, Vec<u8>)> {
        let mut reader = Cursor::new(text.to_vec());
        let mut found = Vec::new();
        loop {
            let mut buffer = Vec::new();
            let line = read_line_limited(&mut reader, &mut buffer, limit).unwrap();
            if line == Line::End {
                return found;
            }
            found.push((line, buffer));
        }
    }

    #[test]
    fn reads_lines_and_skips_ones_too_long() {
        let found = lines(b"{\"a\":1}\r\nxxxxxxxxxxxx\n\n{}", 8);
        assert_eq!(
            found,
            vec![
                (Line::Complete, b"{\"a\":1}".to_vec()),
                (Line::TooLong, Vec::new()),
                (Line::Complete, Vec::new()),
                (Line::Complete, b"{}".to_vec()),
            ]
        );
    }

    #[test]
    fn tells_json_lines_from_one_record() {
        assert!(looks_like_json_lines(
            b"\n  {\"schemaVersion\":1}\n{\"schemaVersion\":1}\n"
        ));
        assert!(!looks_like_json_lines(b"{\n  \"schemaVersion\": 1\n}\n"));
        assert!(!looks_like_json_lines(b"{\"schemaVersion\":1}"));
        assert!(!looks_like_json_lines(b""));
    }
}
