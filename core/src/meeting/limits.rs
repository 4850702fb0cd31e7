//! What a record may hold. [`apply`](super::apply) keeps every change within these limits,
//! so that every record the core produces passes `import` in every form the project writes
//! it (`export`'s pretty text, the widget's compact text): a draft kept in the browser can
//! always be restored, and a record handed to a host can always be read back.
//!
//! - **Text.** A one-line text (a name, a role, an agency, a reference: the keys in
//!   [`LINE_KEYS`]) holds up to [`LINE_CHARS`] characters; any other text up to
//!   [`TEXT_CHARS`]. The widget's controls show the same limits and take no more: both read
//!   [`chars_allowed`]. A text already longer than its limit (in a record a host loaded) is
//!   refused only when a change makes it longer, so such a record can still be edited and
//!   its text shortened.
//! - **Lists.** At most [`LIST_ITEMS`] items in each list a person adds to.
//! - **The audit trail.** At most import's `MAX_ITEMS` entries; a draft keeps the last one
//!   for finalising.
//! - **The whole record**, as `export` writes it (its largest form): at most import's
//!   `MAX_BYTES`; a draft keeps [`FINALISE_ROOM`] bytes for finalising. No per-field and
//!   per-list limits generous enough for a meeting bound this on their own (500 items of
//!   10,000 characters is 5 million characters in one list), so it is measured: a cheap
//!   upper bound first ([`bytes_bound`], a walk that adds up lengths without writing
//!   anything), and only when that is over the limit the exported text itself.

use super::validate::Finding;
use crate::record::import::{ImportProblem, MAX_BYTES, MAX_ITEMS};
use crate::record::walk::for_each_string;
pub use crate::record::walk::{bytes_bound, bytes_close};
use crate::record::{export, DecisionRecord, JsonPath, Step};
use serde::ser::Serialize;

/// The most characters in a one-line text: names, roles, agencies, references. Far more
/// than any name needs; short enough that a pasted page is plainly a mistake.
pub const LINE_CHARS: usize = 300;

/// The most characters in any other text: about 1,600 words, four or five pages, in one
/// reason, one piece of shared information or one rationale. Longer material belongs in
/// the agency's own case record, referred to here.
pub const TEXT_CHARS: usize = 10_000;

/// The most items in one list (participants, risks, actions, …). A strategy meeting has
/// tens; a record that has been reviewed for years, a few hundred.
pub const LIST_ITEMS: usize = 500;

/// The bytes a draft keeps free for finalising, which adds the content digest, one digest
/// per section, the time of finalising, the statutory dates and an audit entry.
pub const FINALISE_ROOM: usize = 32 * 1024;

/// The keys of one-line texts, wherever they are in the record; every other text is
/// free text.
pub const LINE_KEYS: [&str; 14] = [
    "name",
    "role",
    "agency",
    "caseReference",
    "sourceAgency",
    "owningAgency",
    "completedBy",
    "toWhom",
    "howCaptured",
    "reviewTrigger",
    "version",
    "paediatrician",
    "seenBy",
    "language",
];

/// The most characters the text under `key` may hold (the last key of its path: `notes`
/// for `history.notes`).
pub fn chars_allowed(key: &str) -> usize {
    let key = key.rsplit('.').next().unwrap_or(key);
    if LINE_KEYS.contains(&key) {
        LINE_CHARS
    } else {
        TEXT_CHARS
    }
}

/// `10,000` for 10000: numbers in messages, as people write them.
pub fn grouped(number: usize) -> String {
    let digits = number.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// The finding for a text of `chars` characters where `allowed` is the most.
fn too_long(path: JsonPath, allowed: usize, chars: usize) -> Finding {
    Finding::error(
        path,
        format!(
            "Enter {} characters or fewer (this has {})",
            grouped(allowed),
            grouped(chars)
        ),
    )
}

/// The texts in `new` (what a change puts at `at`) that are over their limit and longer
/// than the text at the same place in `old` (what it replaces, if anything), each as a
/// finding at its path. `skip` names a member of `new` not to check (an added item's id,
/// which the record replaces).
pub fn text_findings<T: Serialize + ?Sized>(
    new: &T,
    old: Option<&T>,
    at: &JsonPath,
    skip: Option<&'static str>,
) -> Vec<Finding> {
    // Compiled once per type; the rest, in `findings_in`, once.
    let old = old.map(|old| move |visit: Visit<'_>| for_each_string(old, visit));
    findings_in(
        &|visit| for_each_string(new, visit),
        old.as_ref().map(|old| old as &dyn Fn(Visit<'_>)),
        at,
        skip,
    )
}

/// What is called with the path and text of every string.
type Visit<'a> = &'a mut dyn FnMut(&[Step], &str);

/// [`text_findings`], with each value's strings walked by a function.
fn findings_in(
    new: &dyn Fn(Visit<'_>),
    old: Option<&dyn Fn(Visit<'_>)>,
    at: &JsonPath,
    skip: Option<&'static str>,
) -> Vec<Finding> {
    let mut over: Vec<(Vec<Step>, usize, usize)> = Vec::new();
    new(&mut |steps, text| {
        let allowed = allowed_at(steps);
        // A text of no more bytes than the limit has no more characters either.
        if text.len() <= allowed || matches!(steps, [Step::Key(key)] if Some(&**key) == skip) {
            return;
        }
        let chars = text.chars().count();
        if chars > allowed {
            over.push((steps.to_vec(), chars, allowed));
        }
    });
    if over.is_empty() {
        return Vec::new();
    }
    if let Some(old) = old {
        let mut before = vec![0usize; over.len()];
        old(&mut |steps, text| {
            if let Some(index) = over.iter().position(|(path, ..)| path == steps) {
                before[index] = text.chars().count();
            }
        });
        let mut kept = before.into_iter();
        over.retain(|(_, chars, _)| kept.next().is_none_or(|before| *chars > before));
    }
    over.into_iter()
        .map(|(steps, chars, allowed)| {
            let path = steps.into_iter().fold(at.clone(), |path, step| match step {
                Step::Key(key) => path.key(key),
                Step::Index(index) => path.index(index),
            });
            too_long(path, allowed, chars)
        })
        .collect()
}

/// The limit of the text at `steps`: that of its last key.
fn allowed_at(steps: &[Step]) -> usize {
    steps
        .iter()
        .rev()
        .find_map(|step| match step {
            Step::Key(key) => Some(chars_allowed(key)),
            Step::Index(_) => None,
        })
        .unwrap_or(TEXT_CHARS)
}

/// The finding for adding an item at `at` to a list that holds `len` items, when it is
/// full.
pub fn list_full(len: usize, at: &JsonPath) -> Option<Finding> {
    (len >= LIST_ITEMS).then(|| {
        Finding::error(
            at.clone(),
            format!(
                "This list already holds {} items, the most a record keeps in one list: \
                 remove one before adding another",
                grouped(LIST_ITEMS)
            ),
        )
    })
}

/// The finding for a change that would append an entry to an audit trail of `entries`
/// that cannot take another: a draft keeps the last entry import allows for finalising.
pub fn audit_full(entries: usize, appends: bool, finalising: bool) -> Option<Finding> {
    let most = if finalising { MAX_ITEMS } else { MAX_ITEMS - 1 };
    (appends && entries >= most).then(|| {
        Finding::error(
            JsonPath::keys(&["audit"]),
            format!(
                "This record's audit trail holds {} changes, the most a record keeps{}: \
                 {}",
                grouped(entries),
                if finalising {
                    ""
                } else {
                    " before it is finalised"
                },
                if finalising {
                    "start a new record for what follows"
                } else {
                    "finalise it, or start a new record for what follows"
                }
            ),
        )
    })
}

/// The finding for a change that would take the record over the size import reads.
pub fn too_large(at: JsonPath) -> Finding {
    Finding::error(
        at,
        format!(
            "This change would make the record larger than {} MiB, the most a record may \
             be: shorten or remove other text first",
            MAX_BYTES / (1024 * 1024)
        ),
    )
}

/// Why a record read from a host or a file cannot be held, if it cannot: written out in
/// full (as `export` writes it, and downloads do) it would be over import's size limit,
/// having been read from a more compact text, so a copy of it could not be read back.
pub fn unheld(record: &DecisionRecord) -> Option<ImportProblem> {
    (!fits(record, 0)).then(|| {
        ImportProblem::new(
            "$",
            format!(
                "written out in full, this record would be larger than {} MiB, the most a \
                 record may be, so a copy of it could not be read back",
                MAX_BYTES / (1024 * 1024)
            ),
        )
    })
}

/// True when `export(record)` is at most import's size limit less `room` bytes. Exact:
/// the record is written out only when neither bound can already tell.
pub fn fits(record: &DecisionRecord, room: usize) -> bool {
    let most = MAX_BYTES.saturating_sub(room);
    bytes_bound(record) <= most || bytes_close(record) <= most || export(record).len() <= most
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{example_record, large_meeting};
    use crate::record::{export, Meeting, Subject};

    #[test]
    fn the_bound_is_never_below_what_export_writes() {
        assert!(bytes_bound(&large_meeting()) >= export(&large_meeting()).len());
        let mut record = example_record(true);
        assert!(bytes_bound(&record) >= export(&record).len());
        record.meeting.reason = "\u{1}\"\\é😀\n".repeat(1000);
        record
            .meta
            .section_digests
            .insert("a\u{1}b".into(), "c".into());
        assert!(bytes_bound(&record) >= export(&record).len());
        assert!(bytes_bound(&record) < 8 * export(&record).len());
        for record in [large_meeting(), record] {
            let written = export(&record).len();
            assert!(bytes_close(&record) >= written);
            assert!(
                bytes_close(&record) < written + written / 4,
                "{} {written}",
                bytes_close(&record)
            );
        }
    }

    #[test]
    fn texts_over_their_limit_are_found_at_their_paths_unless_no_longer_than_before() {
        let at = JsonPath::keys(&["subjects"]).index(2);
        let mut subject = Subject {
            name: "n".repeat(LINE_CHARS + 1),
            needs: "é".repeat(TEXT_CHARS),
            ..Subject::default()
        };
        subject.history = Some(crate::record::CarerHistory {
            notes: "x".repeat(TEXT_CHARS + 5),
            ..Default::default()
        });
        let findings = text_findings(&subject, None, &at, None);
        let paths: Vec<String> = findings.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(paths, ["$.subjects[2].name", "$.subjects[2].history.notes"]);
        assert_eq!(
            findings[1].message,
            "Enter 10,000 characters or fewer (this has 10,005)"
        );
        // Already that long before: only the text made longer is refused.
        let mut before = subject.clone();
        before.history.as_mut().unwrap().notes.pop();
        let findings = text_findings(&subject, Some(&before), &at, None);
        let paths: Vec<String> = findings.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(paths, ["$.subjects[2].history.notes"]);
        // At the limit is within it.
        let meeting = Meeting {
            reason: "r".repeat(TEXT_CHARS),
            ..Meeting::default()
        };
        assert!(text_findings(&meeting, None, &JsonPath::keys(&["meeting"]), None).is_empty());
        // An added item's id is the record's to give, so it is not checked.
        let long_id = Subject {
            id: "s".repeat(TEXT_CHARS + 1),
            ..Subject::default()
        };
        assert_eq!(text_findings(&long_id, None, &at, None).len(), 1);
        assert!(text_findings(&long_id, None, &at, Some("id")).is_empty());
    }

    /// The room a draft keeps is enough for finalising, even by someone whose name, role
    /// and agency are as long as they may be.
    #[test]
    fn finalising_adds_less_than_the_room_a_draft_keeps() {
        use crate::meeting::{apply, Command, Config, Context};
        use crate::record::{Actor, Timestamp};
        for mut record in [example_record(false), large_meeting()] {
            let actor = Actor {
                name: "\u{1}".repeat(LINE_CHARS),
                role: "\u{1}".repeat(LINE_CHARS),
                agency: "\u{1}".repeat(LINE_CHARS),
            };
            let before = (bytes_bound(&record), export(&record).len());
            let at: Timestamp = "2026-03-03T09:00:00.123456Z".parse().unwrap();
            let config = Config::default();
            let context = Context {
                at,
                actor: &actor,
                config: &config,
            };
            apply(&mut record, Command::Finalise, &context).unwrap();
            let grown = bytes_bound(&record) - before.0;
            assert!(grown <= FINALISE_ROOM, "{grown}");
            assert!(export(&record).len() - before.1 <= FINALISE_ROOM / 2);
        }
    }

    /// A record read from a compact text that, written out in full, would be over
    /// import's limit is not one the widget holds.
    #[test]
    fn a_record_too_large_to_write_out_in_full_is_not_held() {
        let mut record = example_record(false);
        assert_eq!(unheld(&record), None);
        let item = record.information[0].clone();
        while export(&record).len() <= MAX_BYTES {
            let mut more = item.clone();
            more.id = format!("i{}", record.information.len() + 1);
            more.content = "\u{1}".repeat(90_000);
            record.information.push(more);
        }
        let problem = unheld(&record).expect("too large to hold");
        assert_eq!(problem.path, "$");
        assert!(
            problem.message.contains("larger than 8 MiB"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn one_line_keys_have_the_short_limit() {
        assert_eq!(chars_allowed("name"), LINE_CHARS);
        assert_eq!(chars_allowed("history.notes"), TEXT_CHARS);
        assert_eq!(chars_allowed("reason"), TEXT_CHARS);
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(300), "300");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
