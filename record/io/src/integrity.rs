//! Integrity: the canonical JSON form, the content digest stored on finalising, and the
//! hash chain over the audit trail. Together they make any edit to a final record, or to
//! its history, detectable by anyone holding the record (`risk-sensible verify`).
//!
//! Canonical form: the record as JSON with object keys sorted (by UTF-16 code unit order
//! is not needed: keys are ASCII), no insignificant white space, strings escaped as
//! serde_json escapes them. For a record this is exactly the JSON Canonicalization Scheme
//! (RFC 8785), whose rules agree with these for ASCII keys and whole numbers (a test holds
//! it equal to an independent JCS implementation), so a host can recompute a digest with
//! any JCS library. The content digest covers the whole record except what
//! legitimately changes after finalising: `meta.status`, `meta.digest`,
//! `meta.sectionDigests`, `amendments` and `audit` (those are covered by the chain).

use crate::canonical::{self, Omit};
use risk_sensible_record::{Amendment, AuditEntry, DecisionRecord, Status};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The `previousHash` of the first audit entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Top-level keys left out of the content digest (they change after finalising or are
/// covered by the audit chain).
const NOT_CONTENT: [&str; 2] = ["amendments", "audit"];
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
        .ok()
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
pub fn section_digests(record: &DecisionRecord) -> BTreeMap<String, String> {
    canonical::members(record, CONTENT)
        .unwrap_or_default()
        .into_iter()
        .map(|(key, text)| (key, sha256_hex(&text)))
        .collect()
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
pub fn verify(record: &DecisionRecord) -> Result<(), IntegrityFailure> {
    if record.meta.copy.is_some() {
        return Err(failure(
            "$.meta.copy",
            "this is a derived copy (the family's copy) and carries no integrity data: \
             verify the original record",
        ));
    }
    verify_chain(&record.audit)?;
    match record.meta.status {
        Status::Draft => {
            if record.meta.digest.is_some() || !record.amendments.is_empty() {
                return Err(failure(
                    "$.meta.status",
                    "the record is marked draft but carries a digest or amendments",
                ));
            }
            Ok(())
        }
        Status::Final | Status::Amended => verify_final(record),
    }
}

fn verify_chain(audit: &[AuditEntry]) -> Result<(), IntegrityFailure> {
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

fn verify_final(record: &DecisionRecord) -> Result<(), IntegrityFailure> {
    let Some(stored) = &record.meta.digest else {
        return Err(failure(
            "$.meta.digest",
            "a final record must carry its digest",
        ));
    };
    let finalised = record
        .audit
        .iter()
        .position(|entry| entry.change == FINALISED)
        .ok_or_else(|| failure("$.audit", "no audit entry records the finalising"))?;
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
    let amendment_entries: Vec<(usize, &AuditEntry)> = record
        .audit
        .iter()
        .enumerate()
        .skip(finalised + 1)
        .filter(|(_, entry)| entry.change.starts_with(AMENDED))
        .collect();
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
    for (index, (amendment, (_, entry))) in
        record.amendments.iter().zip(&amendment_entries).enumerate()
    {
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
                "should be {expected:?} for a record with {} amendments",
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
