//! Autosave for the embedded widget: every change is written to the browser's
//! localStorage before the next can be made, a saved draft is offered back on the next
//! mount, and a second tab on the same meeting is told rather than allowed to overwrite
//! the first. Storage that is full or switched off is reported, never fatal: the widget
//! keeps working in memory.

use crate::record::import::{export, import};
use crate::record::DecisionRecord;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

/// The page's localStorage, or why there is none. Reached through web-sys directly: a
/// browser with storage switched off throws on access, which must be an answer, not a
/// crash.
fn storage() -> Result<Storage, String> {
    match web_sys::window().map(|window| window.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        _ => Err("this browser's storage is switched off".to_string()),
    }
}

fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage().ok()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

fn set<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|error| error.to_string())?;
    storage()?
        .set_item(key, &text)
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

/// A draft as stored: the record's text and when and by which tab it was saved.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredDraft {
    saved_at: f64,
    tab: String,
    record: String,
}

/// A tab's claim on a meeting's storage key.
#[derive(Serialize, Deserialize)]
struct Lock {
    tab: String,
    at: f64,
}

/// A draft found in storage on mount.
pub struct RestoredDraft {
    pub record: DecisionRecord,
    /// When it was saved, in milliseconds since the epoch.
    pub saved_at: f64,
}

/// One widget's autosave, bound to the host's storage key.
pub struct Autosave {
    draft_key: String,
    lock_key: String,
    tab: String,
}

impl Autosave {
    /// Autosave under the host's `storage_key`; `tab` identifies this page load.
    pub fn new(storage_key: &str, tab: String) -> Self {
        Autosave {
            draft_key: format!("risk-sensible:draft:{storage_key}"),
            lock_key: format!("risk-sensible:lock:{storage_key}"),
            tab,
        }
    }

    /// The saved draft, if there is one that still reads as a valid record. A draft that
    /// does not (a different version, a damaged entry) is left in place, untouched, and
    /// reported as the error.
    pub fn read(&self) -> Result<Option<RestoredDraft>, String> {
        if let Err(problem) = storage() {
            return Err(format!("Autosave is not available: {problem}. Changes are kept in this page only until your system saves the record."));
        }
        let Some(stored) = get::<StoredDraft>(&self.draft_key) else {
            return Ok(None);
        };
        match import(&stored.record) {
            Ok(record) => Ok(Some(RestoredDraft {
                record,
                saved_at: stored.saved_at,
            })),
            Err(problems) => Err(format!(
                "A saved draft could not be restored: {}",
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            )),
        }
    }

    /// Writes the record. An error says why storage refused it (full, or switched off).
    pub fn write(&self, record: &DecisionRecord, now: f64) -> Result<(), String> {
        let stored = StoredDraft {
            saved_at: now,
            tab: self.tab.clone(),
            record: export(record),
        };
        set(&self.draft_key, &stored).map_err(|problem| {
            format!("Autosave failed: {problem}. Changes are kept in this page only until your system saves the record.")
        })
    }

    /// Removes the draft (the host has stored the record).
    pub fn clear(&self) {
        delete(&self.draft_key);
    }

    /// Claims the meeting for this tab, unless another tab holds a fresh claim. Returns
    /// false when another tab has it open.
    pub fn claim(&self, now: f64) -> bool {
        if let Some(lock) = get::<Lock>(&self.lock_key) {
            if lock.tab != self.tab && now - lock.at < LOCK_FRESH_MS {
                return false;
            }
        }
        self.renew(now);
        true
    }

    /// Renews this tab's claim (the heartbeat).
    pub fn renew(&self, now: f64) {
        let _ = set(
            &self.lock_key,
            &Lock {
                tab: self.tab.clone(),
                at: now,
            },
        );
    }

    /// Gives up this tab's claim, if it still holds it.
    pub fn release(&self) {
        if let Some(lock) = get::<Lock>(&self.lock_key) {
            if lock.tab == self.tab {
                delete(&self.lock_key);
            }
        }
    }
}
