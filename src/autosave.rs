//! Autosave for the embedded widget: every change is written to the browser's
//! localStorage before the next can be made, a saved draft is offered back on the next
//! mount, and a second tab on the same meeting is told rather than allowed to overwrite
//! the first. Storage that is full or switched off is reported, never fatal: the tab that
//! holds the meeting keeps working in memory. A tab whose claim on the meeting cannot be
//! written ([`Claim::Unwritten`]) takes no change until it can claim it (see
//! `session::DraftMode::Unclaimed`).
//!
//! # Drafts on shared computers
//!
//! A host can give a key (`draftKey`: 32 random bytes, base64): every draft is then sealed
//! with AES-256-GCM ([`DraftKey`]) before it is stored, so whoever uses the computer next
//! can neither read it nor change it unnoticed. The sealing is synchronous (the RustCrypto
//! `aes-gcm` crate, not WebCrypto, whose promises would let a change go unsaved while a
//! page crashes); the 96-bit nonce comes from `crypto.getRandomValues` for every write.
//! The storage key and the save time are authenticated with it, so a draft moved to another
//! meeting, or made to look newer than it is, does not open.
//!
//! A host can also set an age (`draftMaxAgeMinutes`): on mount, a draft older than that is
//! deleted rather than restored, and so are other meetings' drafts of that age that no open
//! page is using. The host's acknowledgement removes the draft at once.

use crate::host_js::{store, unsealed_draft, RecordText};
use crate::json_object;
use crate::record::import::import;
use crate::record::{replace_ranges, DecisionRecord};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use web_sys::Storage;

thread_local! {
    /// The page's localStorage once it has been reached: the same object for the page's
    /// life. Reached through the window at every call, it cost about as much as writing a
    /// journal entry, and a change makes several calls.
    static STORAGE: std::cell::OnceCell<Storage> = const { std::cell::OnceCell::new() };
}

/// The page's localStorage, or why there is none. Reached through web-sys directly: a
/// browser with storage switched off throws on access, which must be an answer, not a
/// crash.
fn storage() -> Result<Storage, String> {
    STORAGE.with(|reached| {
        if let Some(storage) = reached.get() {
            return Ok(storage.clone());
        }
        match web_sys::window().map(|window| window.local_storage()) {
            Some(Ok(Some(storage))) => Ok(reached.get_or_init(|| storage).clone()),
            _ => Err("this browser's storage is switched off".to_string()),
        }
    })
}

fn get(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok()?
}

fn set(key: &str, text: &str) -> Result<(), String> {
    storage()?
        .set_item(key, text)
        .map_err(|_| "this browser's storage is full or refused the write".to_string())
}

fn delete(key: &str) {
    if let Ok(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// How recently another tab must have renewed its claim for this tab to stand back.
const LOCK_FRESH_MS: f64 = 10_000.0;
/// How often a tab renews its claim on a meeting.
pub const HEARTBEAT_MS: u32 = 3_000;
/// Every draft's storage key starts with this, then the host's storage key.
const DRAFT_PREFIX: &str = "risk-sensible:draft:";
/// The wellbeing debrief's storage key is the draft's with this after it (so drafts' expiry
/// sweeps it too).
const DEBRIEF_SUFFIX: &str = ":debrief";
/// The draft's journal's storage key is the draft's with this after it (see [`JOURNAL_FORM`]).
const JOURNAL_SUFFIX: &str = ":journal";

/// Why a host's storage key cannot be used, if it cannot: one that ends as a debrief's or a
/// journal's key does would name the debrief or journal of the meeting stored under the
/// rest of it, and each meeting would overwrite the other's.
#[cfg(feature = "meeting")]
pub(crate) fn storage_key_problem(key: &str) -> Option<String> {
    [
        (DEBRIEF_SUFFIX, "wellbeing debrief"),
        (JOURNAL_SUFFIX, "latest changes"),
    ]
    .into_iter()
    .find(|(suffix, _)| key.ends_with(suffix))
    .map(|(suffix, what)| {
        format!(
            "storageKey must not end in \"{suffix}\": the meeting stored under the rest of \
                 it keeps its {what} there"
        )
    })
}
/// Every claim's storage key starts with this, then the host's storage key.
const LOCK_PREFIX: &str = "risk-sensible:lock:";
/// The key of a tab's test of whether storage takes a write, then the tab's id.
const PROBE_PREFIX: &str = "risk-sensible:probe:";
/// The end of every message about a draft that cannot be restored.
const LEFT_IN_PLACE: &str =
    "It has been left in this browser, and this page will not autosave over it.";

/// A draft as stored, in one of two forms:
///
/// - unsealed (no host key): a header line, `{"draft":2,"savedAt":…,"tab":"…"}`, a newline,
///   then the record's compact JSON as it is. Written by the page (see [`Autosave::write`]):
///   on a large meeting the record is hundreds of kilobytes, written on every change, and
///   nothing in it is escaped or copied again;
/// - sealed with the host's key, and every unsealed draft saved before that form existed:
///   one JSON object, `{"savedAt":…,"tab":"…","record":"…"}` with the record's text as a
///   JSON string, or with `"sealed":"…"` (base64 of the nonce and the ciphertext) instead.
///
/// JSON text never holds a raw newline, so the first one tells the forms apart.
struct StoredDraft<'a> {
    saved_at: f64,
    tab: Cow<'a, str>,
    record: Option<String>,
    sealed: Option<String>,
}

impl StoredDraft<'static> {
    /// Reads a stored draft in either form; `None` for anything else (damaged). The header
    /// line holds `draft` (always 2: the form), `savedAt` and `tab`, and nothing else; the
    /// one object holds `savedAt` and `tab`, `record` or `sealed` (either may be null), and
    /// whatever else a later version adds.
    fn parse(text: &str) -> Option<Self> {
        match text.split_once('\n') {
            Some((header, record)) => {
                let header = json_object::read(header)?;
                if header.get("draft")?.as_u64() != Some(2) || header.len() != 3 {
                    return None;
                }
                Some(StoredDraft {
                    saved_at: json_object::number(&header, "savedAt")?,
                    tab: Cow::Owned(json_object::text(&header, "tab")?.to_string()),
                    record: Some(record.to_string()),
                    sealed: None,
                })
            }
            None => {
                let members = json_object::read(text)?;
                let owned = |value: &serde_json::Value| value.as_str().map(str::to_string);
                Some(StoredDraft {
                    saved_at: json_object::number(&members, "savedAt")?,
                    tab: Cow::Owned(json_object::text(&members, "tab")?.to_string()),
                    record: json_object::optional(&members, "record", owned)?,
                    sealed: json_object::optional(&members, "sealed", owned)?,
                })
            }
        }
    }
}

impl StoredDraft<'_> {
    /// The one-object form's text: `savedAt`, `tab`, and `record` or `sealed`.
    fn text(&self) -> String {
        let mut members = vec![
            ("savedAt", self.saved_at.into()),
            ("tab", self.tab.as_ref().into()),
        ];
        if let Some(record) = &self.record {
            members.push(("record", record.as_str().into()));
        }
        if let Some(sealed) = &self.sealed {
            members.push(("sealed", sealed.as_str().into()));
        }
        json_object::write(members)
    }
}

/// The text of an unsealed draft's header line (see [`StoredDraft`]); the page appends a
/// newline and the record.
fn draft_header(saved_at: f64, tab: &str) -> String {
    json_object::write(vec![
        ("draft", 2.into()),
        ("savedAt", saved_at.into()),
        ("tab", tab.into()),
    ])
}

/// The start of a journal's text. The journal holds the changes made since the draft was
/// written, kept beside it under the draft's key and [`JOURNAL_SUFFIX`] so that a keystroke
/// on a large meeting writes a few hundred bytes, not the whole record. Stored as a draft's text is (a [`StoredDraft`] holding, or sealing,
/// the journal's text instead of the record's), it is rewritten whole on every change; once
/// it would be more than an eighth of the draft, the whole draft is written instead and the
/// journal removed. A journal applies only to the draft it names (`base`, that draft's
/// save time), written by the same tab before it: one left by a crash between writing a
/// new draft and removing the journal is ignored.
///
/// The journal's text is a header line, `journal 1 BASE START,END,LENGTH …` (the draft's
/// save time, then each change: the bytes of the draft's record text it replaces and the
/// length of the text replacing them), then a newline and those texts one after another
/// (compact JSON holds no raw newline).
const JOURNAL_FORM: &str = "journal 1";

/// The journal's text for `changes` (ranges of the draft's text, and of `text` replacing
/// them) made since the draft saved at `base`.
fn journal_text(base: f64, changes: &[(Range<usize>, Range<usize>)], text: &str) -> String {
    // The numbers are written by the record's writer and read by serde_json, both of which the
    // module has already.
    let mut out = format!(
        "{JOURNAL_FORM} {}",
        crate::record::to_json_text(&base).unwrap_or_default()
    );
    for (old, new) in changes {
        for (index, value) in [old.start, old.end, new.len()].into_iter().enumerate() {
            out.push(if index == 0 { ' ' } else { ',' });
            out.push_str(&crate::record::to_json_text(&value).unwrap_or_default());
        }
    }
    out.push('\n');
    for (_, new) in changes {
        out.push_str(&text[new.clone()]);
    }
    out
}

/// What a journal's text does to the record text of the draft saved at `base`: `Ok(None)`
/// when it follows another draft, `Err` when it is damaged (its changes do not fit).
fn replay(draft: &str, base: f64, journal: &str) -> Result<Option<String>, ()> {
    let (header, texts) = journal.split_once('\n').ok_or(())?;
    let mut words = header.strip_prefix(JOURNAL_FORM).ok_or(())?.split(' ');
    if words.next() != Some("") {
        return Err(());
    }
    let saved: f64 = words
        .next()
        .and_then(|word| serde_json::from_str(word).ok())
        .ok_or(())?;
    if saved != base {
        return Ok(None);
    }
    let mut at = 0usize;
    let mut changes = Vec::new();
    for word in words {
        let mut numbers = word
            .split(',')
            .map(|number| serde_json::from_str::<usize>(number).ok());
        let (Some(Some(start)), Some(Some(end)), Some(Some(length)), None) = (
            numbers.next(),
            numbers.next(),
            numbers.next(),
            numbers.next(),
        ) else {
            return Err(());
        };
        let next = at.checked_add(length).ok_or(())?;
        changes.push((start..end, texts.get(at..next).ok_or(())?));
        at = next;
    }
    if at != texts.len() {
        return Err(());
    }
    replace_ranges(draft, changes).map(Some).ok_or(())
}

/// A tab's claim on a meeting's storage key, stored as `{"at":…,"tab":"…"}`.
struct Lock {
    tab: String,
    at: f64,
}

impl Lock {
    /// The claim stored under `key`, if there is one that reads as a claim.
    fn get(key: &str) -> Option<Lock> {
        Self::read(&get(key)?)
    }

    /// A claim's stored text read as a claim, if it reads as one.
    fn read(text: &str) -> Option<Lock> {
        let members = json_object::read(text)?;
        Some(Lock {
            tab: json_object::text(&members, "tab")?.to_string(),
            at: json_object::number(&members, "at")?,
        })
    }

    fn text(&self) -> String {
        json_object::write(vec![
            ("at", self.at.into()),
            ("tab", self.tab.as_str().into()),
        ])
    }
}

/// The host's key for sealing drafts: AES-256-GCM. Never printed, never stored.
pub struct DraftKey(Aes256Gcm);

impl std::fmt::Debug for DraftKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("DraftKey(hidden)")
    }
}

/// The length of a GCM nonce in bytes.
const NONCE_BYTES: usize = 12;

impl DraftKey {
    /// Reads the host's key: standard base64 (padding optional) of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<Self, String> {
        let bytes = from_base64(text.trim().trim_end_matches('='))
            .ok_or_else(|| "draftKey is not base64".to_string())?;
        if bytes.len() != 32 {
            return Err(format!(
                "draftKey must be 32 bytes (256 bits) in base64, but is {} bytes",
                bytes.len()
            ));
        }
        Aes256Gcm::new_from_slice(&bytes)
            .map(DraftKey)
            .map_err(|_| "draftKey must be 32 bytes".to_string())
    }

    /// Seals `plain` with this nonce, authenticating `context` with it. The result is base64
    /// of the nonce followed by the ciphertext and tag.
    pub fn seal(&self, plain: &[u8], context: &[u8], nonce: [u8; NONCE_BYTES]) -> String {
        let payload = Payload {
            msg: plain,
            aad: context,
        };
        // Encrypting in memory fails only for inputs of about 64 GiB.
        let sealed = self
            .0
            .encrypt(Nonce::from_slice(&nonce), payload)
            .unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        to_base64(&bytes)
    }

    /// Opens what [`DraftKey::seal`] sealed with the same key and context; `None` for a
    /// different key or context, or anything changed.
    pub fn open(&self, sealed: &str, context: &[u8]) -> Option<Vec<u8>> {
        let bytes = from_base64(sealed)?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        self.0
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .ok()
    }
}

/// Base64 (the standard alphabet, padded) of `bytes`: the browser's `btoa` in the widget,
/// where the `base64` crate would be code of its own. A browser test holds the two equal.
#[cfg(target_arch = "wasm32")]
fn to_base64(bytes: &[u8]) -> String {
    // `btoa` takes a "binary string": one character per byte.
    let binary: String = bytes.iter().copied().map(char::from).collect();
    web_sys::window()
        .and_then(|window| window.btoa(&binary).ok())
        .unwrap_or_default()
}

/// The bytes of base64 `text`, padded or not: the browser's `atob` in the widget, which
/// also passes over white space and any bits past the last byte.
#[cfg(target_arch = "wasm32")]
fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn to_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(not(target_arch = "wasm32"))]
fn from_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()
}

/// What a sealed draft's authentication covers besides the record: the meeting's storage
/// key and the save time, so a draft copied to another meeting, or given a later time to
/// escape expiry, does not open.
fn sealing_context(storage_key: &str, saved_at: f64) -> Vec<u8> {
    format!("risk-sensible draft 1\n{storage_key}\n{saved_at}").into_bytes()
}

/// When the draft, or its journal (written after it), was last saved.
fn newest(draft: &StoredDraft<'_>, journal: Option<&StoredDraft<'_>>) -> f64 {
    journal.map_or(draft.saved_at, |journal| journal.saved_at)
}

/// True when a draft saved at `saved_at` is older than `max_age_ms` at `now` (all in
/// milliseconds). A draft "saved" in the future (a changed clock) is not expired.
pub fn is_expired(saved_at: f64, now: f64, max_age_ms: Option<f64>) -> bool {
    max_age_ms.is_some_and(|max| now - saved_at > max)
}

/// Twelve random bytes from the browser, for a nonce.
fn random_nonce() -> Result<[u8; NONCE_BYTES], String> {
    let mut nonce = [0u8; NONCE_BYTES];
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut nonce).ok())
        .ok_or_else(|| "the browser could not make a random number to encrypt it".to_string())?;
    Ok(nonce)
}

/// A draft found in storage on mount.
pub struct RestoredDraft {
    pub record: DecisionRecord,
    /// When it was saved, in milliseconds since the epoch.
    pub saved_at: f64,
    /// It was stored unencrypted but the host now gives a key: write it again, sealed.
    pub needs_sealing: bool,
}

/// What mount finds in storage for its meeting.
pub enum Found {
    /// No draft.
    Nothing,
    /// A draft that reads as a valid record.
    Restored(Box<RestoredDraft>),
    /// A draft older than the host's limit, now deleted: when it was saved.
    Expired(f64),
}

/// What a tab's claim on a meeting came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// This tab holds the meeting: its claim is written.
    Held,
    /// Another tab holds a fresh claim.
    Elsewhere,
    /// No other tab holds it, but this tab's claim could not be written (storage full, or
    /// refusing the write): why.
    Unwritten(String),
}

/// One widget's autosave, bound to the host's storage key.
pub struct Autosave {
    storage_key: String,
    draft_key: String,
    journal_key: String,
    lock_key: String,
    tab: String,
    key: Option<DraftKey>,
    max_age_ms: Option<f64>,
    /// When this tab last wrote the draft: each write is stamped later than the one before,
    /// even within one millisecond, so a tab that follows this one never takes the second
    /// of two writes for one it has seen.
    last_written: std::cell::Cell<f64>,
    /// The draft this tab last wrote whole, and when: the journal holds the changes since.
    base: RefCell<Option<(f64, Rc<RecordText>)>>,
    /// The claim this tab last wrote: while storage holds that text, the meeting is this
    /// tab's, with no need to read it as a claim.
    claim: RefCell<Option<String>>,
}

impl Autosave {
    /// Autosave under the host's `storage_key`; `tab` identifies this page load. With a
    /// `key`, drafts are sealed; with a `max_age_ms`, older drafts are deleted on mount.
    pub fn new(
        storage_key: &str,
        tab: String,
        key: Option<DraftKey>,
        max_age_ms: Option<f64>,
    ) -> Self {
        Autosave {
            storage_key: storage_key.to_string(),
            draft_key: format!("{DRAFT_PREFIX}{storage_key}"),
            journal_key: format!("{DRAFT_PREFIX}{storage_key}{JOURNAL_SUFFIX}"),
            lock_key: format!("{LOCK_PREFIX}{storage_key}"),
            tab,
            key,
            max_age_ms,
            last_written: std::cell::Cell::new(f64::MIN),
            base: RefCell::new(None),
            claim: RefCell::new(None),
        }
    }

    /// The saved draft, if there is one that still reads as a valid record. A draft that
    /// does not (damaged, a different version, sealed with another key, or sealed when no
    /// key is given) is left in place, untouched, and reported as the error. A draft older
    /// than the host's limit is deleted, unless `in_use` (another tab holds the meeting).
    pub fn read(&self, now: f64, in_use: bool) -> Result<Found, String> {
        let left = LEFT_IN_PLACE;
        let storage = storage().map_err(|problem| {
            format!("Autosave is not available: {problem}. Changes are kept in this page only until your system saves the record.")
        })?;
        let Ok(text) = storage.get_item(&self.draft_key) else {
            return Err("Autosave is not available: this browser's storage refused to be read. Changes are kept in this page only until your system saves the record.".into());
        };
        let Some(text) = text else {
            return Ok(Found::Nothing);
        };
        let Some(stored) = StoredDraft::parse(&text) else {
            return Err(format!(
                "A saved draft could not be restored: it is damaged. {left}"
            ));
        };
        let journal = self.journal_of(&stored);
        let newest = newest(&stored, journal.as_ref());
        if !in_use && is_expired(newest, now, self.max_age_ms) {
            delete(&self.draft_key);
            delete(&self.journal_key);
            return Ok(Found::Expired(newest));
        }
        self.open(&stored, journal)
            .map(|draft| Found::Restored(Box::new(draft)))
    }

    /// The draft, if another tab saved it after `after` (milliseconds since the epoch) and
    /// it reads as a valid record: what a tab that stands back follows.
    pub fn read_newer(&self, after: f64) -> Option<RestoredDraft> {
        let text = storage().ok()?.get_item(&self.draft_key).ok()??;
        let stored = StoredDraft::parse(&text)?;
        let journal = self.journal_of(&stored);
        if newest(&stored, journal.as_ref()) <= after || stored.tab == self.tab {
            return None;
        }
        self.open(&stored, journal).ok()
    }

    /// The draft's journal as stored, if the same tab wrote it after the draft.
    fn journal_of(&self, draft: &StoredDraft<'_>) -> Option<StoredDraft<'static>> {
        let text = storage().ok()?.get_item(&self.journal_key).ok()??;
        StoredDraft::parse(&text)
            .filter(|journal| journal.tab == draft.tab && journal.saved_at > draft.saved_at)
    }

    /// Opens a stored draft: unseals it (with the host's key), makes the changes of its
    /// journal (as [`Autosave::journal_of`] found it) and reads the result through import.
    fn open(
        &self,
        stored: &StoredDraft<'_>,
        journal: Option<StoredDraft<'_>>,
    ) -> Result<RestoredDraft, String> {
        let left = LEFT_IN_PLACE;
        let (mut record_text, needs_sealing) = self.unseal(stored, &self.storage_key)?;
        let mut saved_at = stored.saved_at;
        if let Some(journal) = journal {
            let (text, _) = self.unseal(&journal, &self.journal_key)?;
            match replay(&record_text, stored.saved_at, &text) {
                Ok(Some(text)) => {
                    record_text = text;
                    saved_at = journal.saved_at;
                }
                Ok(None) => {}
                Err(()) => {
                    return Err(format!(
                        "A saved draft could not be restored: the record of its latest changes \
                         is damaged. {left}"
                    ))
                }
            }
        }
        match import(&record_text) {
            Ok(record) => Ok(RestoredDraft {
                record,
                saved_at,
                needs_sealing,
            }),
            Err(problems) => Err(format!(
                "A saved draft could not be restored: {} {left}",
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            )),
        }
    }

    /// The text a draft or journal stored under `key` holds, unsealed with the host's key;
    /// and whether it was stored unsealed although the host gives a key.
    fn unseal(&self, stored: &StoredDraft<'_>, key: &str) -> Result<(String, bool), String> {
        let left = LEFT_IN_PLACE;
        match (&stored.sealed, &stored.record, &self.key) {
            (Some(sealed), _, Some(draft_key)) => draft_key
                .open(sealed, &sealing_context(key, stored.saved_at))
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .map(|text| (text, false))
                .ok_or_else(|| {
                    format!(
                        "A saved draft could not be opened with this page's key: the key is \
                         different, or the draft was changed. {left}"
                    )
                }),
            (Some(_), _, None) => Err(format!(
                "A saved draft is encrypted, and this page gave no key to open it. {left}"
            )),
            (None, Some(text), draft_key) => Ok((text.clone(), draft_key.is_some())),
            (None, None, _) => Err(format!(
                "A saved draft could not be restored: it is damaged. {left}"
            )),
        }
    }

    /// Deletes other meetings' drafts older than the host's limit whose meeting no page
    /// holds open. Returns how many were deleted.
    pub fn sweep_expired(&self, now: f64) -> usize {
        let Some(max_age) = self.max_age_ms else {
            return 0;
        };
        let Ok(storage) = storage() else {
            return 0;
        };
        let count = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key.starts_with(DRAFT_PREFIX) && *key != self.draft_key)
            .collect();
        let mut deleted = 0;
        let saved_at = |key: &str| {
            storage
                .get_item(key)
                .ok()
                .flatten()
                .and_then(|text| StoredDraft::parse(&text))
                .map(|stored| stored.saved_at)
        };
        for key in keys {
            // A meeting's wellbeing debrief and journal go with its draft, and are not
            // counted apart; a draft is as old as the journal beside it.
            let entry = &key[DRAFT_PREFIX.len()..];
            let (meeting, beside) = match entry
                .strip_suffix(DEBRIEF_SUFFIX)
                .or_else(|| entry.strip_suffix(JOURNAL_SUFFIX))
            {
                Some(meeting) => (meeting, true),
                None => (entry, false),
            };
            let held = Lock::get(&format!("{LOCK_PREFIX}{meeting}"))
                .is_some_and(|lock| now - lock.at < LOCK_FRESH_MS);
            let newest = match (saved_at(&key), beside) {
                (Some(draft), false) => Some(
                    saved_at(&format!("{key}{JOURNAL_SUFFIX}")).map_or(draft, |j| j.max(draft)),
                ),
                (stamp, _) => stamp,
            };
            let old = newest.is_some_and(|stamp| is_expired(stamp, now, Some(max_age)));
            if old && !held && storage.remove_item(&key).is_ok() && !beside {
                deleted += 1;
            }
        }
        deleted
    }

    /// Writes a record's text (sealed, when the host gave a key): as the changes since the
    /// draft this tab last wrote whole ([`JOURNAL_FORM`]) while they are small beside it, or else
    /// whole, the journal then removed. An error says why storage refused it (full, or
    /// switched off), and the draft and journal stored are left as they were; with a key,
    /// nothing is ever written unsealed. Unsealed, the draft is the header line and the
    /// text the page already holds (see [`StoredDraft`]): on a large meeting that is
    /// hundreds of kilobytes.
    pub(crate) fn write(&self, text: &Rc<RecordText>, now: f64) -> Result<(), String> {
        let now = if now > self.last_written.get() {
            now
        } else {
            self.last_written.get() + 1.0
        };
        self.last_written.set(now);
        let failed = |problem: String| {
            format!("Autosave failed: {problem}. Changes are kept in this page only until your system saves the record.")
        };
        if let Some(journal) = self.journal_for(text) {
            return self.put(&self.journal_key, &journal, now).map_err(failed);
        }
        let refused = |_| "this browser's storage is full or refused the write".to_string();
        match &self.key {
            Some(key) => {
                let nonce = random_nonce().map_err(failed)?;
                let context = sealing_context(&self.storage_key, now);
                let stored = StoredDraft {
                    saved_at: now,
                    tab: Cow::Borrowed(&self.tab),
                    record: None,
                    sealed: Some(key.seal(text.compact.text.as_bytes(), &context, nonce)),
                };
                set(&self.draft_key, &stored.text()).map_err(failed)?;
            }
            None => {
                let draft = unsealed_draft(&draft_header(now, &self.tab), text);
                storage()
                    .and_then(|storage| store(&storage, &self.draft_key, &draft).map_err(refused))
                    .map_err(failed)?;
            }
        }
        delete(&self.journal_key);
        *self.base.borrow_mut() = Some((now, Rc::clone(text)));
        Ok(())
    }

    /// The journal's text for `text`, if this tab wrote the draft in storage and the
    /// changes since are at most an eighth of it.
    fn journal_for(&self, text: &RecordText) -> Option<String> {
        let base = self.base.borrow();
        let (saved_at, base) = base.as_ref()?;
        let changes = text.compact.changes_since(&base.compact);
        let size: usize = changes.iter().map(|(_, new)| new.len() + 24).sum();
        (size <= base.compact.text.len() / 8)
            .then(|| journal_text(*saved_at, &changes, &text.compact.text))
    }

    /// Makes the next write a whole draft: this tab takes over a meeting whose draft another
    /// tab may have written since this one last wrote it.
    pub fn write_whole_next(&self) {
        self.base.borrow_mut().take();
    }

    /// Stores `text` under `key` as a [`StoredDraft`] saved at `now`: sealed with the host's
    /// key (the key and the time authenticated with it), or as it is.
    fn put(&self, key: &str, text: &str, now: f64) -> Result<(), String> {
        let (record, sealed) = match &self.key {
            Some(draft_key) => {
                let nonce = random_nonce()?;
                let context = sealing_context(key, now);
                (None, Some(draft_key.seal(text.as_bytes(), &context, nonce)))
            }
            None => (Some(text.to_string()), None),
        };
        let stored = StoredDraft {
            saved_at: now,
            tab: Cow::Borrowed(&self.tab),
            record,
            sealed,
        };
        set(key, &stored.text())
    }

    /// Removes the draft, its journal and the wellbeing debrief kept beside it (the host has
    /// stored the record, and has had the debrief in its own event).
    pub fn clear(&self) {
        delete(&self.draft_key);
        delete(&self.journal_key);
        delete(&self.debrief_key());
        self.write_whole_next();
    }

    fn debrief_key(&self) -> String {
        format!("{}{DEBRIEF_SUFFIX}", self.draft_key)
    }

    /// Keeps the wellbeing debrief's text beside the draft, sealed like it when the host
    /// gave a key, so that a reload restores it.
    pub fn write_debrief(&self, text: &str, now: f64) -> Result<(), String> {
        self.put(&self.debrief_key(), text, now)
    }

    /// The wellbeing debrief's text kept beside the draft, unless there is none, it is
    /// older than the host's limit, or it does not open with this page's key.
    pub fn read_debrief(&self, now: f64) -> Option<String> {
        let text = storage().ok()?.get_item(&self.debrief_key()).ok()??;
        let stored = StoredDraft::parse(&text)?;
        if is_expired(stored.saved_at, now, self.max_age_ms) {
            return None;
        }
        self.unseal(&stored, &self.debrief_key())
            .ok()
            .map(|(text, _)| text)
    }

    /// Claims the meeting for this tab, unless another tab holds a fresh claim.
    pub fn claim(&self, now: f64) -> Claim {
        if !self.free_for_this_tab(now) {
            return Claim::Elsewhere;
        }
        match self.renew(now) {
            Ok(()) => Claim::Held,
            Err(problem) => Claim::Unwritten(problem),
        }
    }

    /// True unless another tab holds a fresh claim: the claim is this tab's, or stale (its
    /// tab crashed, or was closed, or slept), or there is none.
    pub fn free_for_this_tab(&self, now: f64) -> bool {
        let Some(text) = get(&self.lock_key) else {
            return true;
        };
        if self.claim.borrow().as_ref() == Some(&text) {
            return true;
        }
        Lock::read(&text).is_none_or(|lock| lock.tab == self.tab || now - lock.at >= LOCK_FRESH_MS)
    }

    /// When another tab's claim was last renewed, if it has gone stale (its tab closed,
    /// crashed, slept, or could not write it).
    pub fn stale_claim(&self, now: f64) -> Option<f64> {
        Lock::get(&self.lock_key)
            .filter(|lock| lock.tab != self.tab && now - lock.at >= LOCK_FRESH_MS)
            .map(|lock| lock.at)
    }

    /// True when storage takes a write again: a few bytes are written under this tab's own
    /// key and removed.
    pub fn writable(&self) -> bool {
        let key = format!("{PROBE_PREFIX}{}", self.tab);
        let written = set(&key, "0").is_ok();
        delete(&key);
        written
    }

    /// Writes this tab's claim (on mount, and at every heartbeat). An error says why storage
    /// refused it: this tab then cannot show other tabs that it holds the meeting.
    pub fn renew(&self, now: f64) -> Result<(), String> {
        let lock = Lock {
            tab: self.tab.clone(),
            at: now,
        };
        let text = lock.text();
        let written = set(&self.lock_key, &text);
        *self.claim.borrow_mut() = written.is_ok().then_some(text);
        written
    }

    /// Gives up this tab's claim, if it still holds it.
    pub fn release(&self) {
        if let Some(lock) = Lock::get(&self.lock_key) {
            if lock.tab == self.tab {
                delete(&self.lock_key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The sealing and expiry rules, natively (storage itself is tested end to end).
    use super::*;

    const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    #[test]
    fn a_sealed_draft_opens_only_with_the_same_key_and_context() {
        let key = DraftKey::from_base64(KEY).unwrap();
        let context = sealing_context("meeting-1", 1_772_442_000_000.0);
        let sealed = key.seal(b"Leo's record", &context, [7; NONCE_BYTES]);
        assert!(!sealed.contains("Leo"));
        assert_eq!(
            key.open(&sealed, &context).as_deref(),
            Some(&b"Leo's record"[..])
        );
        let other = DraftKey::from_base64(&"A".repeat(43)).unwrap();
        assert_eq!(other.open(&sealed, &context), None, "another key");
        let moved = sealing_context("meeting-2", 1_772_442_000_000.0);
        assert_eq!(key.open(&sealed, &moved), None, "another meeting");
        let later = sealing_context("meeting-1", 1_772_442_000_001.0);
        assert_eq!(key.open(&sealed, &later), None, "another save time");
    }

    #[test]
    fn any_changed_byte_stops_a_sealed_draft_opening() {
        let key = DraftKey::from_base64(KEY).unwrap();
        let context = sealing_context("m", 1.0);
        let sealed = key.seal(b"{\"schemaVersion\": 1}", &context, [1; NONCE_BYTES]);
        let bytes = from_base64(&sealed).unwrap();
        for index in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[index] ^= 0x01;
            let text = to_base64(&changed);
            assert_eq!(key.open(&text, &context), None, "byte {index}");
        }
        assert_eq!(key.open("not base64!", &context), None);
        assert_eq!(key.open("", &context), None);
        assert_eq!(key.open("AAAA", &context), None);
    }

    #[test]
    fn two_seals_of_one_draft_differ_with_different_nonces() {
        let key = DraftKey::from_base64(KEY).unwrap();
        let context = sealing_context("m", 1.0);
        assert_ne!(
            key.seal(b"same", &context, [1; NONCE_BYTES]),
            key.seal(b"same", &context, [2; NONCE_BYTES])
        );
    }

    #[test]
    fn keys_must_be_32_bytes_of_base64() {
        assert!(DraftKey::from_base64(KEY).is_ok());
        assert!(DraftKey::from_base64(KEY.trim_end_matches('=')).is_ok());
        let short = DraftKey::from_base64("AAECAwQFBgcICQoLDA0ODw==").unwrap_err();
        assert!(short.contains("is 16 bytes"), "{short}");
        assert!(DraftKey::from_base64("not a key!").is_err());
        assert!(DraftKey::from_base64("").is_err());
        assert_eq!(
            format!("{:?}", DraftKey::from_base64(KEY).unwrap()),
            "DraftKey(hidden)"
        );
    }

    /// Both forms of a stored draft read back to the same draft; anything else is damaged.
    #[test]
    fn drafts_read_in_either_form_and_nothing_else() {
        let record = r#"{"schemaVersion":1,"meeting":{"reason":"A line\nand \"another\""}}"#;
        let header = draft_header(1_772_442_000_000.0, "tab-1");
        assert_eq!(
            header,
            r#"{"draft":2,"savedAt":1772442000000.0,"tab":"tab-1"}"#
        );
        let unsealed = format!("{header}\n{record}");
        let earlier = StoredDraft {
            saved_at: 1_772_442_000_000.0,
            tab: Cow::Borrowed("tab-1"),
            record: Some(record.to_string()),
            sealed: None,
        }
        .text();
        assert!(!earlier.contains('\n'), "JSON text holds no raw newline");
        for text in [&unsealed, &earlier] {
            let draft = StoredDraft::parse(text).expect(text);
            assert_eq!(draft.saved_at, 1_772_442_000_000.0);
            assert_eq!(draft.tab, "tab-1");
            assert_eq!(draft.record.as_deref(), Some(record));
            assert_eq!(draft.sealed, None);
        }
        let sealed = r#"{"savedAt":5.0,"tab":"t","sealed":"AAAA"}"#;
        assert_eq!(
            StoredDraft::parse(sealed).unwrap().sealed.as_deref(),
            Some("AAAA")
        );
        for damaged in [
            "",
            "not JSON",
            &format!("{{\"draft\":3,\"savedAt\":1,\"tab\":\"t\"}}\n{record}"),
            &format!("{{\"draft\":2,\"savedAt\":1,\"tab\":\"t\",\"extra\":1}}\n{record}"),
            &format!("{{\"savedAt\":1}}\n{record}"),
            &format!("\n{record}"),
        ] {
            assert!(StoredDraft::parse(damaged).is_none(), "{damaged}");
        }
    }

    #[test]
    fn drafts_expire_only_when_older_than_the_limit() {
        let minute = 60_000.0;
        assert!(!is_expired(0.0, 1e12, None), "no limit, no expiry");
        assert!(!is_expired(0.0, 60.0 * minute, Some(60.0 * minute)));
        assert!(is_expired(0.0, 60.0 * minute + 1.0, Some(60.0 * minute)));
        assert!(
            !is_expired(10.0 * minute, 0.0, Some(minute)),
            "saved in the future"
        );
    }

    /// A journal puts the draft it follows back together with its changes, does nothing to
    /// another draft, and is refused when its changes do not fit.
    #[test]
    fn a_journal_replays_onto_its_own_draft_only() {
        let (draft, now) = ("abcd\u{e9}fgh", "aXcd\u{e9}fYYgh");
        let changes = [(1..2, 1..2), (7..7, 7..9)];
        let journal = journal_text(1_772_442_000_000.5, &changes, now);
        assert_eq!(journal, "journal 1 1772442000000.5 1,2,1 7,7,2\nXYY");
        assert!(journal_text(5.0, &changes, now).starts_with("journal 1 5.0 1,2,1"));
        assert_eq!(
            replay(draft, 1_772_442_000_000.5, &journal),
            Ok(Some(now.to_string()))
        );
        let journal = journal_text(5.0, &changes, now);
        assert_eq!(replay(draft, 5.0, &journal), Ok(Some(now.to_string())));
        assert_eq!(replay(draft, 6.0, &journal), Ok(None), "another draft");
        assert_eq!(
            replay(draft, 5.0, &journal_text(5.0, &[], draft)),
            Ok(Some(draft.to_string()))
        );
        for damaged in [
            "",
            "journal 1 5",
            "journal 1 5 1,2,1 7,7,2\nXY",
            "journal 1 5 1,2,1 7,7,2\nXYYZ",
            "journal 1 5 7,7,2 1,2,1\nYYX",
            "journal 1 5 5,6,1\nX",
            "journal 1 5 1,99,1\nX",
            "journal 1 5 1,2,18446744073709551615\nX",
            "journal 1 5 1,2\nX",
            "journal 1 5 1,2,1,0\nX",
            "journal 1 5 1,2,x\nX",
            "journal 1 5  1,2,1\nX",
            "journal 1 x 1,2,1\nX",
            "journal 2 5 1,2,1\nX",
            "journal 15 1,2,1\nX",
        ] {
            assert_eq!(replay(draft, 5.0, damaged), Err(()), "{damaged}");
        }
    }
}
