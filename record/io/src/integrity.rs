//! Integrity: the canonical JSON form, the content digest stored on finalising, and the
//! hash chain over the audit trail. Together they make any edit to a final record, or to
//! its history, detectable by anyone holding the record (`risk-sensible verify`).
//!
//! What the record alone cannot show is an edit that removes history from the end of the
//! chain: the last amendment and its audit entry dropped, or the record's history rewritten
//! from some entry on with every hash recomputed. For that a host keeps the record's
//! [`anchor`] (the hash at the head of its audit chain) apart from the record, and checks
//! the record against it with [`verify_against_anchor`].
//!
//! Canonical form: the record as JSON with object keys sorted (by UTF-16 code unit order
//! is not needed: keys are ASCII), no insignificant white space, strings escaped as
//! serde_json escapes them. For a record this is exactly the JSON Canonicalization Scheme
//! (RFC 8785), whose rules agree with these for ASCII keys and whole numbers (a test holds
//! it equal to an independent JCS implementation), so a host can recompute a digest with
//! any JCS library. The content digest covers the whole record except what
//! legitimately changes after finalising: `meta.status`, `meta.digest`,
//! `meta.sectionDigests`, `amendments`, `followUp` and `audit` (those are covered by the
//! chain).

use risk_sensible_record::canonical::{self, Omit};
use risk_sensible_record::unit::variant_name;
use risk_sensible_record::{
    Amendment, AuditEntry, CopyMark, DecisionRecord, FollowUp, RecipientKind, Shared, Status,
    TextMap,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `previousHash` of the first audit entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Top-level keys left out of the content digest (they change after finalising or are
/// covered by the audit chain).
const NOT_CONTENT: [&str; 3] = ["amendments", "followUp", "audit"];
/// Keys of `meta` left out of the content digest.
const META_NOT_CONTENT: [&str; 3] = ["status", "digest", "sectionDigests"];
/// What the content digest and the section digests leave out.
const CONTENT: Omit = Omit {
    root: &NOT_CONTENT,
    meta: &META_NOT_CONTENT,
};

/// The canonical JSON text of any serialisable value.
pub fn canonical_json<T: Serialize>(value: &T) -> String {
    canonical::to_vec(value, Omit::default())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `sha256:` and the hex digest of the record's canonical content.
pub fn content_digest(record: &DecisionRecord) -> String {
    let content = canonical::to_vec(record, CONTENT).unwrap_or_default();
    format!("sha256:{}", sha256_hex(&content))
}

/// A digest per top-level section of the content, so `verify` can say which section
/// changed after finalising.
/// Each is the SHA-256 of the section's canonical JSON, the very text the content digest
/// covers for it.
pub fn section_digests(record: &DecisionRecord) -> TextMap {
    // Inserted one by one: `collect` into a map compiles a sort of its own.
    let mut digests = TextMap::new();
    for (key, text) in canonical::members(record, CONTENT).unwrap_or_default() {
        digests.insert(key, sha256_hex(&text));
    }
    digests
}

/// `sha256:` and the hex digest of one follow-up.
pub fn follow_up_digest(follow_up: &FollowUp) -> String {
    format!(
        "sha256:{}",
        sha256_hex(canonical_json(follow_up).as_bytes())
    )
}

/// `sha256:` and the hex digest of one amendment.
pub fn amendment_digest(amendment: &Amendment) -> String {
    format!(
        "sha256:{}",
        sha256_hex(canonical_json(amendment).as_bytes())
    )
}

/// The hash an audit entry should carry: SHA-256 of its canonical JSON without `hash`.
pub fn entry_hash(entry: &AuditEntry) -> String {
    let omit = Omit {
        root: &["hash"],
        meta: &[],
    };
    sha256_hex(&canonical::to_vec(entry, omit).unwrap_or_default())
}

/// The first thing that fails verification: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityFailure {
    /// A JSON path to the entry or field that fails.
    pub path: String,
    /// What is wrong, in plain English.
    pub message: String,
}

impl std::fmt::Display for IntegrityFailure {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}", self.path, self.message)
    }
}

fn failure(path: impl Into<String>, message: impl Into<String>) -> IntegrityFailure {
    IntegrityFailure {
        path: path.into(),
        message: message.into(),
    }
}

/// Checks the audit chain and, for a final record, its digest and amendments. Returns the
/// first failure, naming the entry or section.
///
/// The audit trail must tell the same story as the record's status. Finalising writes one
/// entry ([`FINALISED`], carrying the content digest) and each amendment one entry after it
/// (starting [`AMENDED`], carrying the amendment's digest), and nothing else is written to a
/// final record, so:
///
/// - a draft's trail holds no finalising or amendment entry (a record marked draft whose
///   trail shows it was finalised has been turned back into a draft, and is refused at
///   `$.meta.status`), and a draft carries no digest, section digests, amendments or
///   `meta.finalisedAt`;
/// - a final or amended record's trail holds exactly one finalising entry, whose digest is
///   the content digest; every entry after it is an amendment's, one for each of
///   `amendments`, in order, each carrying [`amendment_digest`] of its amendment, or a
///   follow-up's (starting [`FOLLOWED_UP`]), one for each of `followUp`, in order, each
///   carrying [`follow_up_digest`]; no entry before it is either or carries a digest.
pub fn verify(record: &DecisionRecord) -> Result<(), IntegrityFailure> {
    if let Some(mark) = &record.meta.copy {
        let whose = match mark {
            CopyMark::Of(of) if of.recipient.kind == RecipientKind::Professional => {
                "a recipient's copy"
            }
            _ => "the family's copy",
        };
        return Err(failure(
            "$.meta.copy",
            format!(
                "this is a derived copy ({whose}) and carries no integrity data: verify the \
                 original record"
            ),
        ));
    }
    verify_chain(&record.audit)?;
    let finalised = finalising_entry(&record.audit)?;
    match record.meta.status {
        Status::Draft => verify_draft(record, finalised),
        Status::Final | Status::Amended => {
            let Some(finalised) = finalised else {
                return Err(failure("$.audit", "no audit entry records the finalising"));
            };
            verify_final(record, finalised)
        }
    }
}

fn verify_chain(audit: &[Shared<AuditEntry>]) -> Result<(), IntegrityFailure> {
    let mut previous = GENESIS_HASH.to_string();
    for (index, entry) in audit.iter().enumerate() {
        // Written only for a failure: a large meeting has hundreds of entries.
        let path = || format!("$.audit[{index}]");
        if entry.sequence != index as u64 + 1 {
            return Err(failure(
                format!("{}.sequence", path()),
                format!("expected entry {} but found {}", index + 1, entry.sequence),
            ));
        }
        if entry.previous_hash != previous {
            return Err(failure(
                format!("{}.previousHash", path()),
                "does not match the hash of the entry before it: an entry was removed, \
                 reordered or changed",
            ));
        }
        if entry_hash(entry) != entry.hash {
            return Err(failure(
                path(),
                format!(
                    "entry {} has been changed since it was written",
                    entry.sequence
                ),
            ));
        }
        previous = entry.hash.clone();
    }
    Ok(())
}

/// Whether an audit entry is an amendment's.
fn is_amendment(entry: &AuditEntry) -> bool {
    entry.change.starts_with(AMENDED)
}

/// Whether an audit entry is a follow-up's.
fn is_follow_up(entry: &AuditEntry) -> bool {
    entry.change.starts_with(FOLLOWED_UP)
}

/// The index of the finalising entry, if any, once the trail's order has been checked: at
/// most one finalising entry, amendment entries only after it and nothing else after it,
/// and no digest on any entry other than those.
fn finalising_entry(audit: &[Shared<AuditEntry>]) -> Result<Option<usize>, IntegrityFailure> {
    let mut finalised: Option<usize> = None;
    for (index, entry) in audit.iter().enumerate() {
        let path = || format!("$.audit[{index}]");
        if entry.change == FINALISED {
            if let Some(first) = finalised {
                return Err(failure(
                    path(),
                    format!(
                        "entry {} finalises the record again, which entry {} finalised: a \
                         record is finalised once",
                        entry.sequence,
                        first + 1
                    ),
                ));
            }
            finalised = Some(index);
        } else if is_amendment(entry) || is_follow_up(entry) {
            if finalised.is_none() {
                return Err(failure(
                    path(),
                    format!(
                        "entry {} records {}, but no entry before it finalises the record",
                        entry.sequence,
                        if is_amendment(entry) {
                            "an amendment"
                        } else {
                            "a follow-up"
                        }
                    ),
                ));
            }
        } else if let Some(first) = finalised {
            return Err(failure(
                path(),
                format!(
                    "entry {} changes the record after entry {} finalised it: a final record \
                     takes only amendments and follow-ups",
                    entry.sequence,
                    first + 1
                ),
            ));
        } else if entry.digest.is_some() {
            return Err(failure(
                format!("{}.digest", path()),
                format!(
                    "entry {} neither finalises, amends nor follows up the record, so carries \
                     no digest",
                    entry.sequence
                ),
            ));
        }
    }
    Ok(finalised)
}

/// A draft: nothing in it or its trail (whose finalising entry, if any, is `finalised`)
/// says it was ever finalised.
fn verify_draft(record: &DecisionRecord, finalised: Option<usize>) -> Result<(), IntegrityFailure> {
    if let Some(index) = finalised {
        return Err(failure(
            "$.meta.status",
            format!(
                "the record is marked draft, but its audit trail shows it was finalised at \
                 entry {} ($.audit[{index}]), so it cannot be a draft: a final record changes \
                 only by amendments",
                index + 1
            ),
        ));
    }
    if record.meta.digest.is_some()
        || !record.meta.section_digests.is_empty()
        || !record.amendments.is_empty()
        || !record.follow_up.is_empty()
    {
        return Err(failure(
            "$.meta.status",
            "the record is marked draft but carries a digest, section digests, amendments or \
             follow-ups",
        ));
    }
    if record.meta.finalised_at.is_some() {
        return Err(failure(
            "$.meta.finalisedAt",
            "the record is marked draft but says when it was finalised",
        ));
    }
    Ok(())
}

fn verify_final(record: &DecisionRecord, finalised: usize) -> Result<(), IntegrityFailure> {
    let Some(stored) = &record.meta.digest else {
        return Err(failure(
            "$.meta.digest",
            "a final record must carry its digest",
        ));
    };
    if record.audit[finalised].digest.as_ref() != Some(stored) {
        return Err(failure(
            "$.meta.digest",
            format!(
                "does not match the digest recorded when the record was finalised \
                 ($.audit[{finalised}].digest)"
            ),
        ));
    }
    if content_digest(record) != *stored {
        let stored_sections = &record.meta.section_digests;
        let actual_sections = section_digests(record);
        let changed = actual_sections
            .iter()
            .find(|(name, digest)| stored_sections.get(*name) != Some(digest))
            .map(|(name, _)| name.clone())
            .or_else(|| {
                stored_sections
                    .keys()
                    .find(|name| !actual_sections.contains_key(*name))
                    .cloned()
            })
            .map(|name| format!("$.{name}"))
            .unwrap_or_else(|| "$".to_string());
        return Err(failure(
            changed,
            "the content has changed since the record was finalised",
        ));
    }
    if record.meta.section_digests != section_digests(record) {
        return Err(failure(
            "$.meta.sectionDigests",
            "do not match the record's content: they were changed after finalising",
        ));
    }
    // Every entry after the finalising one is an amendment's or a follow-up's
    // (`finalising_entry`); each list matches its own entries, in order.
    let after = record.audit.get(finalised + 1..).unwrap_or_default();
    let amendment_entries: Vec<&AuditEntry> = after
        .iter()
        .map(|entry| &**entry)
        .filter(|entry| is_amendment(entry))
        .collect();
    let follow_up_entries: Vec<&AuditEntry> = after
        .iter()
        .map(|entry| &**entry)
        .filter(|entry| is_follow_up(entry))
        .collect();
    if follow_up_entries.len() != record.follow_up.len() {
        return Err(failure(
            "$.followUp",
            format!(
                "{} follow-ups but {} recorded in the audit trail",
                record.follow_up.len(),
                follow_up_entries.len()
            ),
        ));
    }
    for (index, (follow_up, entry)) in record.follow_up.iter().zip(follow_up_entries).enumerate() {
        if entry.digest.as_deref() != Some(follow_up_digest(follow_up).as_str()) {
            return Err(failure(
                format!("$.followUp[{index}]"),
                "has been changed since it was appended",
            ));
        }
    }
    if amendment_entries.len() != record.amendments.len() {
        return Err(failure(
            "$.amendments",
            format!(
                "{} amendments but {} recorded in the audit trail",
                record.amendments.len(),
                amendment_entries.len()
            ),
        ));
    }
    for (index, (amendment, entry)) in record.amendments.iter().zip(amendment_entries).enumerate() {
        if entry.digest.as_deref() != Some(amendment_digest(amendment).as_str()) {
            return Err(failure(
                format!("$.amendments[{index}]"),
                "has been changed since it was appended",
            ));
        }
    }
    let expected = if record.amendments.is_empty() {
        Status::Final
    } else {
        Status::Amended
    };
    if record.meta.status != expected {
        return Err(failure(
            "$.meta.status",
            format!(
                "should be \"{}\" for a record with {} amendments",
                variant_name(&expected).unwrap_or_default(),
                record.amendments.len()
            ),
        ));
    }
    Ok(())
}

/// The `change` text of the audit entry written on finalising.
pub const FINALISED: &str = "Finalised the record";
/// The start of the `change` text of an amendment's audit entry.
pub const AMENDED: &str = "Amended the record";
/// The start of the `change` text of a follow-up's audit entry.
pub const FOLLOWED_UP: &str = "Followed up the record";

/// The record's anchor: the `hash` of the last entry of its audit trail, 64 lower-case
/// hexadecimal digits ([`GENESIS_HASH`] for a record with no entries).
///
/// Each entry's hash covers the entry and, through its `previousHash`, every entry before
/// it; the finalising entry carries the content digest and each amendment's entry the
/// amendment's digest. So the anchor of a final record stands for its content and its whole
/// history up to that moment. A host stores it apart from the record when the record is
/// finalised and again after each amendment (the widget's finalise and amendment events
/// carry it; `risk-sensible verify` prints it), and later checks the record with
/// [`verify_against_anchor`]. Only the anchor of a final or amended record means anything
/// there: a draft's changes are not chained to anything the host keeps.
pub fn anchor(record: &DecisionRecord) -> String {
    record
        .audit
        .last()
        .map_or_else(|| GENESIS_HASH.to_string(), |entry| entry.hash.clone())
}

/// Whether the text has the form of an anchor: 64 hexadecimal digits, in either case.
pub fn is_anchor(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// Checks a record against an anchor the host stored from it earlier (see [`anchor`]).
///
/// Passes when, and only when:
///
/// 1. the record passes [`verify`] (so it is a final or amended record whose chain, digests
///    and amendments agree), and
/// 2. some entry of its audit trail, from the finalising entry to the last, has the anchor
///    as its `hash` (compared without regard to case).
///
/// The anchor need not be the last entry's hash: a record that has been amended since the
/// anchor was taken still passes, because amendments are only ever appended, and the
/// entries up to the anchor are the ones the host saw. The host should then store the new
/// [`anchor`].
///
/// Fails, with the first failure:
///
/// - whatever [`verify`] finds;
/// - at `$.audit`, an anchor that is not 64 hexadecimal digits;
/// - at `$.meta.status`, a draft: an anchor comes from a final record, and a draft that
///   verifies has no finalising entry, so the record was replaced by a draft or its history
///   rewritten without the finalising;
/// - at `$.audit[i]`, an anchor that is the hash of an entry before the finalising one: it
///   was not taken from the final record, and would let everything after it be rewritten;
/// - at `$.audit`, an anchor that no entry from the finalising one on has: entries have been
///   removed from the end (the last amendments and their entries) or the history has been
///   rewritten, with its hashes recomputed, since the anchor was taken (or the anchor belongs
///   to another record).
///
/// It cannot detect a change made before the host took the anchor, or one made by someone
/// who can also replace the anchor the host keeps.
pub fn verify_against_anchor(
    record: &DecisionRecord,
    anchor: &str,
) -> Result<(), IntegrityFailure> {
    verify(record)?;
    if !is_anchor(anchor) {
        return Err(failure(
            "$.audit",
            "the anchor given is not one: an anchor is 64 hexadecimal digits",
        ));
    }
    let Some(finalised) = record
        .audit
        .iter()
        .position(|entry| entry.change == FINALISED)
    else {
        return Err(failure(
            "$.meta.status",
            "the record is marked draft, but an anchor is taken from a final record: the \
             record has been replaced by a draft, or its audit trail rewritten without the \
             finalising",
        ));
    };
    let found = record
        .audit
        .iter()
        .position(|entry| entry.hash.eq_ignore_ascii_case(anchor));
    match found {
        Some(index) if index >= finalised => Ok(()),
        Some(index) => Err(failure(
            format!("$.audit[{index}]"),
            format!(
                "the anchor is the hash of entry {}, written before entry {} finalised the \
                 record: an anchor is taken from the final record",
                index + 1,
                finalised + 1
            ),
        )),
        None => Err(failure(
            "$.audit",
            format!(
                "no entry from the finalising (entry {}) to the last (entry {}) has the \
                 anchor as its hash: entries have been removed from the end of the audit \
                 trail, or it has been rewritten, since the anchor was taken",
                finalised + 1,
                record.audit.len()
            ),
        )),
    }
}
