//! The compact text of a record written again after a change, reusing the text of what did
//! not change.
//!
//! The widget writes the whole record as compact JSON on every change, keystrokes included
//! (the draft, and the record its change event carries): on a large meeting that is
//! hundreds of kilobytes, most of it the audit trail, for a key that changed a few bytes of
//! one section. [`CompactText`] keeps, beside the text, where each of the record's members
//! and each audit entry lies in it. The text of the next revision
//! ([`export_compact_escaped_after`]) compares each member with the revision before and
//! copies the text of every one that is equal; of the audit trail, whose entries never
//! change once the next is added, it copies each entry that is equal and writes the rest.
//! Everything else is written by the record's one JSON writer, as [`crate::export`]'s
//! compact form is, so the text is the same, byte for byte, as writing the whole record
//! (a property test holds them equal).

use crate::json::{self, Layout};
use crate::{AuditEntry, DecisionRecord, Shared};
use std::ops::Range;

/// The record's member whose items are copied one by one: the audit trail, whose entries
/// never change once the next is added.
pub(crate) const ITEM_BY_ITEM: &str = "audit";

/// A record's compact text (as [`crate::export_compact_escaped`] writes it), with where its
/// members and audit entries lie.
#[derive(Clone, Debug, Default)]
pub struct CompactText {
    /// The text.
    pub text: String,
    /// Where each member's `"key":value` lies, by its place among the record's members;
    /// `None` for a member not written (left out when empty).
    members: Vec<Option<Range<usize>>>,
    /// Where each audit entry's text lies.
    audit: Vec<Range<usize>>,
}

impl From<String> for CompactText {
    /// A text with nothing noted of where its parts lie: the next text copies nothing from
    /// it.
    fn from(text: String) -> Self {
        CompactText {
            text,
            ..CompactText::default()
        }
    }
}

impl CompactText {
    /// Where this text differs from `base`'s: pairs of a range of `base`'s text and the
    /// range of this text that takes its place, in order and apart, each starting and ending
    /// on a character's boundary; [`replace_ranges`] puts them back together. Both texts are
    /// cut where each member written in both starts and ends, and each part is trimmed to
    /// what differs, so a change to one member, or at the end of the audit trail, is a
    /// change of a few bytes, not of everything between. Texts with nothing noted (read
    /// from elsewhere) are compared whole.
    pub fn changes_since(&self, base: &CompactText) -> Vec<(Range<usize>, Range<usize>)> {
        let mut cuts = vec![(0, 0)];
        for pair in base.members.iter().zip(&self.members) {
            if let (Some(old), Some(new)) = pair {
                for cut in [(old.start, new.start), (old.end, new.end)] {
                    let last = cuts[cuts.len() - 1];
                    if cut.0 >= last.0 && cut.1 >= last.1 {
                        cuts.push(cut);
                    }
                }
            }
        }
        cuts.push((base.text.len(), self.text.len()));
        cuts.windows(2)
            .filter_map(|pair| {
                differing(
                    &base.text,
                    pair[0].0..pair[1].0,
                    &self.text,
                    pair[0].1..pair[1].1,
                )
            })
            .collect()
    }
}

/// The part of `old[old_range]` that differs from `new[new_range]`, and what takes its
/// place: both ranges trimmed of their common start and end, on characters' boundaries.
fn differing(
    old: &str,
    old_range: Range<usize>,
    new: &str,
    new_range: Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    let (a, b) = (
        &old.as_bytes()[old_range.clone()],
        &new.as_bytes()[new_range.clone()],
    );
    let mut head = same_bytes(a, b, false);
    if head == a.len() && a.len() == b.len() {
        return None;
    }
    let most = a.len().min(b.len()) - head;
    let mut tail = same_bytes(a, b, true).min(most);
    // Both ranges start and end on a boundary, and the bytes kept at either end are the
    // same in both texts, so a character cut in one is cut in the other: one text says.
    while !old.is_char_boundary(old_range.start + head) {
        head -= 1;
    }
    while !old.is_char_boundary(old_range.end - tail) {
        tail -= 1;
    }
    Some((
        old_range.start + head..old_range.end - tail,
        new_range.start + head..new_range.end - tail,
    ))
}

/// How many bytes at the start of `a` and `b` are the same (`from_end`: at the end): eight
/// at a time, then one at a time. The module's own comparison of slices goes a byte at a
/// time, and a keystroke compares the record's text with the draft's.
fn same_bytes(a: &[u8], b: &[u8], from_end: bool) -> usize {
    let most = a.len().min(b.len());
    // Where the byte `i` bytes in from the start (or the end) is.
    let place = |text: &[u8], i: usize| if from_end { text.len() - 1 - i } else { i };
    // The eight bytes from `i` bytes in, as one number.
    let word = |text: &[u8], i: usize| {
        let start = place(text, i + usize::from(from_end) * 7);
        let bytes = text.get(start..start + 8).unwrap_or_default();
        u64::from_le_bytes(bytes.try_into().unwrap_or_default())
    };
    let mut same = 0;
    while same + 8 <= most && word(a, same) == word(b, same) {
        same += 8;
    }
    while same < most && a.get(place(a, same)) == b.get(place(b, same)) {
        same += 1;
    }
    same
}

/// `base` with each range replaced by its text: the ranges in order, apart, within `base`
/// and on its characters' boundaries, or `None` (the text they came with is not `base`).
pub fn replace_ranges<'t>(
    base: &str,
    changes: impl IntoIterator<Item = (Range<usize>, &'t str)>,
) -> Option<String> {
    let mut out = String::with_capacity(base.len());
    let mut at = 0;
    for (range, text) in changes {
        out.push_str(base.get(at..range.start)?);
        base.get(range.clone())?;
        out.push_str(text);
        at = range.end;
    }
    out.push_str(base.get(at..)?);
    Some(out)
}

/// The record as [`crate::export_compact_escaped`] writes it, reusing the text of
/// `previous` (a revision the record was changed from, and that revision's text) wherever
/// the two are equal.
///
/// # Panics
///
/// As [`crate::export`].
pub fn export_compact_escaped_after(
    previous: Option<(&DecisionRecord, &CompactText)>,
    record: &DecisionRecord,
) -> CompactText {
    let mut out =
        Vec::with_capacity(previous.map_or(64 * 1024, |(_, text)| text.text.len() + 1024));
    let mut reuse = Reuse {
        record,
        previous,
        members: vec![None; <DecisionRecord as crate::members::Members>::NAMES.len()],
        audit: Vec::new(),
        member: 0,
        entry: 0,
    };
    json::write_reusing(record, Layout::Compact, true, &mut out, Some(&mut reuse))
        .expect("a decision record always serialises to JSON: every map key is a string");
    CompactText {
        // serde_json writes UTF-8 only, the escapes are ASCII, and the text copied is a
        // whole member or entry of text written the same way.
        text: String::from_utf8(out).expect("serde_json writes UTF-8"),
        members: reuse.members,
        audit: reuse.audit,
    }
}

/// What the record's writer asks as it writes the record's members and audit entries: each
/// member's text copied from the revision before when the member is equal, and each audit
/// entry's likewise, and where each lies noted.
struct Reuse<'a> {
    record: &'a DecisionRecord,
    previous: Option<(&'a DecisionRecord, &'a CompactText)>,
    members: Vec<Option<Range<usize>>>,
    audit: Vec<Range<usize>>,
    /// The member begun last.
    member: usize,
    /// Where the audit entry begun last starts.
    entry: usize,
}

impl<'a> Reuse<'a> {
    /// The text of member `index` in the revision before, if the member is equal there.
    fn unchanged(&self, index: usize) -> Option<&'a [u8]> {
        let (before, text) = self.previous?;
        if !before.same_member(self.record, index) {
            return None;
        }
        let range = text.members.get(index)?.clone()?;
        text.text.as_bytes().get(range)
    }
}

/// The text of audit entry `index` before, if it is `entry`.
fn previous_entry<'t>(
    previous: Option<(&DecisionRecord, &'t CompactText)>,
    index: usize,
    entry: &Shared<AuditEntry>,
) -> Option<&'t [u8]> {
    let (before, text) = previous?;
    if before.audit.get(index)? != entry {
        return None;
    }
    text.text.as_bytes().get(text.audit.get(index)?.clone())
}

impl crate::walk::Reuse for Reuse<'_> {
    fn member(&mut self, key: &str, out: &mut Vec<u8>) -> bool {
        let names = <DecisionRecord as crate::members::Members>::NAMES;
        let Some(index) = names.iter().position(|name| *name == key) else {
            return false;
        };
        self.member = index;
        self.members[index] = Some(out.len()..out.len());
        match self.unchanged(index) {
            Some(text) => {
                out.extend_from_slice(text);
                true
            }
            None => false,
        }
    }

    fn member_end(&mut self, out: &mut Vec<u8>) {
        if let Some(Some(range)) = self.members.get_mut(self.member) {
            range.end = out.len();
        }
    }

    fn entry(&mut self, index: usize, out: &mut Vec<u8>) -> bool {
        self.entry = out.len();
        let text = self
            .record
            .audit
            .get(index)
            .and_then(|entry| previous_entry(self.previous, index, entry));
        match text {
            Some(text) => {
                out.extend_from_slice(text);
                true
            }
            None => false,
        }
    }

    fn entry_end(&mut self, out: &mut Vec<u8>) {
        self.audit.push(self.entry..out.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::Members as _;
    use crate::{Actor, Timestamp};

    fn entry(sequence: u64, change: &str) -> AuditEntry {
        AuditEntry {
            sequence,
            at: Timestamp(time::OffsetDateTime::UNIX_EPOCH),
            actor: Actor {
                name: "Dana Oyelaran".into(),
                role: "Chair".into(),
                agency: "Children's social care".into(),
            },
            change: change.into(),
            digest: None,
            previous_hash: format!("{:064}", sequence - 1),
            hash: format!("{sequence:064}"),
        }
    }

    fn record() -> DecisionRecord {
        let mut record = DecisionRecord::blank();
        record.schema_version = crate::SCHEMA_VERSION;
        record.meeting.reason = "Bruising seen at nursery — “fingertip” marks".into();
        record.audit = (1..=4)
            .map(|n| entry(n, &format!("change {n}")).into())
            .collect();
        record
    }

    /// The text, written afresh.
    fn whole(record: &DecisionRecord) -> String {
        crate::export_compact_escaped(record)
    }

    #[test]
    fn the_text_after_a_change_is_the_whole_text_written_afresh() {
        let first = record();
        let text = export_compact_escaped_after(None, &first);
        assert_eq!(text.text, whole(&first));
        let mut changed = first.clone();
        changed.meeting.reason.push_str(", and a second");
        changed.audit[3].change = "change 4, folded".into();
        changed.audit.push(entry(5, "change 5").into());
        let after = export_compact_escaped_after(Some((&first, &text)), &changed);
        assert_eq!(after.text, whole(&changed));
        // A member added, and one emptied so that it is left out.
        let mut grown = changed.clone();
        grown.meta.linked_records.push("rec-2".into());
        grown.risks = Shared::default();
        grown.audit.clear();
        let again = export_compact_escaped_after(Some((&changed, &after)), &grown);
        assert_eq!(again.text, whole(&grown));
        // From a record it was not changed from.
        let other = export_compact_escaped_after(Some((&grown, &again)), &first);
        assert_eq!(other.text, whole(&first));
    }

    /// The text of an equal member, and of an equal audit entry, is copied from before, not
    /// written again; anything that differs is written.
    #[test]
    fn only_what_is_equal_is_copied() {
        let first = record();
        let mut text = export_compact_escaped_after(None, &first);
        // The text before marked where it is copied from: "nursery" becomes "NURSERY" (the
        // same length, so every place noted stays true), and so does entry 2's "change".
        text.text = text
            .text
            .replacen("nursery", "NURSERY", 1)
            .replacen("change 2", "CHANGE 2", 1);
        let mut changed = first.clone();
        changed.audit[3].change = "change 4, folded".into();
        let after = export_compact_escaped_after(Some((&first, &text)), &changed);
        assert!(after.text.contains("NURSERY"), "{}", after.text);
        assert!(after.text.contains("CHANGE 2"), "{}", after.text);
        assert!(after.text.contains("change 4, folded"), "{}", after.text);
        // A member that differs is written, whatever the text before held.
        changed.meeting.reason = "Bruising seen at nursery".into();
        changed.audit[1].change = "change two".into();
        let written = export_compact_escaped_after(Some((&first, &text)), &changed);
        assert_eq!(written.text, whole(&changed));
    }

    /// `old`'s text with the changes `new` has since it made: `new`'s text if they are right.
    fn rebuilt(old: &CompactText, new: &CompactText) -> Option<String> {
        let changes = new.changes_since(old);
        replace_ranges(
            &old.text,
            changes
                .iter()
                .map(|(before, after)| (before.clone(), &new.text[after.clone()])),
        )
    }

    /// The changes since a text are what differs, trimmed: a key typed into the reason
    /// and the last audit entry folded are two small changes, not the text between them.
    #[test]
    fn the_changes_since_a_text_are_only_what_differs() {
        let first = record();
        let text = export_compact_escaped_after(None, &first);
        let mut changed = first.clone();
        changed.meeting.reason.push('!');
        changed.audit[3].change = "change 4, folded".into();
        let after = export_compact_escaped_after(Some((&first, &text)), &changed);
        let changes = after.changes_since(&text);
        let written: Vec<&str> = changes
            .iter()
            .map(|(_, new)| &after.text[new.clone()])
            .collect();
        assert_eq!(written, ["!", ", folded"]);
        assert!(changes.iter().all(|(old, _)| old.is_empty()), "{changes:?}");
        assert_eq!(rebuilt(&text, &after).as_deref(), Some(after.text.as_str()));
        // Nothing changed: no change.
        assert_eq!(after.changes_since(&after), []);
    }

    /// Places noted in one text that cross those of the other (members in another order)
    /// are not cut at: the changes still rebuild the text.
    #[test]
    fn places_that_cross_are_not_cut_at() {
        let base = CompactText {
            text: "ab,cd".into(),
            members: vec![Some(0..2), Some(3..5)],
            audit: Vec::new(),
        };
        let new = CompactText {
            text: "cd,ab".into(),
            members: vec![Some(3..5), Some(0..2)],
            audit: Vec::new(),
        };
        assert_eq!(rebuilt(&base, &new).as_deref(), Some("cd,ab"));
    }

    /// A change within a character of more than one byte takes the whole character.
    #[test]
    fn a_change_starts_and_ends_on_a_characters_boundary() {
        // "é" to "è": the same first byte; "é" to "©": the same last byte.
        for (before, after) in [("\u{e9}", "\u{e8}"), ("\u{e9}", "\u{a9}")] {
            let old = CompactText::from(format!("\"caf{before}\""));
            let new = CompactText::from(format!("\"caf{after}\""));
            let changes = new.changes_since(&old);
            assert_eq!(changes, [(4..6, 4..6)], "{before} to {after}");
            assert_eq!(rebuilt(&old, &new).as_deref(), Some(new.text.as_str()));
        }
    }

    /// What differs is found the same wherever it lies against the eight-byte words the
    /// texts are compared in: at either end, in the middle, in texts shorter than a word,
    /// of lengths that are not whole words, and in texts of different lengths.
    #[test]
    fn what_differs_is_found_wherever_it_lies() {
        let base = "0123456789abcdefghijklmnopqrstuv";
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32] {
            let old = &base[..length];
            assert_eq!(differing(old, 0..length, old, 0..length), None, "{length}");
            for at in 0..length {
                let mut new = old.to_string();
                new.replace_range(at..=at, "X");
                let expected = Some((at..at + 1, at..at + 1));
                assert_eq!(differing(old, 0..length, &new, 0..length), expected);
                // One byte longer, the extra byte right after the one changed.
                new.insert(at + 1, 'Y');
                let expected = Some((at..at + 1, at..at + 2));
                assert_eq!(differing(old, 0..length, &new, 0..length + 1), expected);
            }
            // Added at the end, and taken from the start.
            let longer = format!("{old}xyz0123456789");
            let expected = Some((length..length, length..length + 13));
            assert_eq!(differing(old, 0..length, &longer, 0..length + 13), expected);
            if length > 0 {
                let shorter = &old[1..];
                let expected = Some((0..1, 0..0));
                assert_eq!(differing(old, 0..length, shorter, 0..length - 1), expected);
            }
        }
        // Within ranges that do not start at the text's start.
        let (old, new) = ("--abcdefghijklmnop--", "==abcdefghiJklmnop==");
        assert_eq!(differing(old, 2..18, new, 2..18), Some((11..12, 11..12)));
    }

    #[test]
    fn ranges_out_of_order_outside_the_text_or_within_a_character_are_refused() {
        let base = "caf\u{e9} au lait";
        assert_eq!(
            replace_ranges(base, [(0..3, "th"), (9..13, "cr\u{e8}me")]).as_deref(),
            Some("th\u{e9} au cr\u{e8}me")
        );
        assert_eq!(
            replace_ranges(base, [(5..6, "x"), (0..1, "y")]),
            None,
            "out of order"
        );
        assert_eq!(
            replace_ranges(base, [(2..4, "x"), (3..5, "y")]),
            None,
            "overlapping"
        );
        assert_eq!(replace_ranges(base, [(10..40, "x")]), None, "past the end");
        assert_eq!(
            replace_ranges(base, [(4..5, "x")]),
            None,
            "within a character"
        );
    }
}
