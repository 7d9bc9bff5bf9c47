//! Keeping the app's data: one versioned storage schema over a small key–value [`Store`].
//!
//! **Schema.** Every value lives under a namespaced key ([`keys`]) as an envelope
//! `{"version": N, "data": …}`. [`SCHEMA_VERSION`] is the version this build writes. A value
//! of an older version is upgraded step by step on reading ([`upgrade`]); the next save
//! writes it in the current version. The versions so far:
//!
//! - **1** (the first release): bare JSON values under `mogi.v1.history`,
//!   `mogi.v1.current-exam` and `mogi.v1.lang`, no envelope.
//! - **2**: the envelope, under `mogi.history`, `mogi.exam`, `mogi.lang`, plus the tab lock
//!   `mogi.lock`. [`migrate_legacy_keys`] moves version-1 values to the new keys; their data
//!   is unchanged. Keys added since (the chosen exam, the group board, the review cards and
//!   retention) need no new version: an older store simply has none, which reads as absent.
//!
//! **Sites.** Several Mogi sites on one origin keep apart: every logical key is stored
//! under its site's path ([`sites`]).
//!
//! **Faults.** Nothing is ever dropped silently. A value that cannot be read (not JSON, no
//! envelope, a version newer than this build, data of the wrong shape) is copied aside under
//! `mogi.corrupt.<key>` (for the user to download) and reported as [`Fault::Corrupt`]; if
//! even the copy cannot be written, the original stays where it is. A refused write is
//! [`Fault::Full`] and leaves the previous value in place, so an attempt already stored is
//! never lost; [`save_history`] also merges what is stored with what is being written.
//! Storage that cannot be used at all is [`Fault::Unavailable`]: the app then keeps
//! everything in a [`MemoryStore`] and says results will not be kept.
//!
//! **Tabs.** An exam in progress belongs to one tab at a time ([`tab_lock`]).
//!
//! Reading everything at start-up ([`load`], which first migrates version-1 keys) and saving
//! the history and the exam in progress ([`save_history`], [`save_exam`]) live in `load.rs`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

mod load;
mod memory;
pub mod sites;
pub mod tab_lock;

pub use load::{
    LEGACY_V1_KEYS, Loaded, load, migrate_legacy_keys, save_cards, save_exam, save_history,
};
pub use memory::MemoryStore;
pub use sites::{SiteStore, logical_key, site_key, site_of_path};
pub use tab_lock::{Claim, HEARTBEAT_MS, LOCK_STALE_MS, TabLock, claim, lock_holder, release};

use crate::bank::Lang;
use crate::exam::Exam;
use crate::history::Attempt;
use crate::review::{Cards, Retention};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The storage keys of schema version 2 (all under the `mogi.` namespace).
pub mod keys {
    /// Finished attempts, oldest first.
    pub const HISTORY: &str = "mogi.history";
    /// The exam in progress.
    pub const EXAM: &str = "mogi.exam";
    /// The interface language.
    pub const LANG: &str = "mogi.lang";
    /// The exam the user prepares for (a blueprint code), as they last chose it.
    pub const CHOSEN_EXAM: &str = "mogi.chosen-exam";
    /// Every answered question's review card ([`crate::review::Cards`]).
    pub const CARDS: &str = "mogi.cards";
    /// The desired retention of the review queue ([`crate::review::Retention`]).
    pub const RETENTION: &str = "mogi.retention";
    /// Which tab owns the exam in progress ([`super::TabLock`]).
    pub const LOCK: &str = "mogi.lock";
    /// The group board's result links (study groups).
    pub const GROUP: &str = "mogi.group";
    /// This tab's id (in sessionStorage, which is per tab).
    pub const TAB: &str = "mogi.tab";
    /// Prefix of the copies of unreadable values.
    pub const CORRUPT_PREFIX: &str = "mogi.corrupt.";
}

/// Where the unreadable text of `key` is kept.
#[must_use]
pub fn corrupt_key(key: &str) -> String {
    format!("{}{key}", keys::CORRUPT_PREFIX)
}

/// Why a store refused an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store cannot be used at all (disabled, private mode, missing).
    Unavailable,
    /// The write would exceed the quota; nothing was changed.
    QuotaExceeded,
}

/// A key–value store of strings: localStorage in the browser, [`MemoryStore`] in tests and
/// as the fallback when localStorage is unavailable. A failed `set` changes nothing.
pub trait Store {
    /// The text under `key`, `None` when there is none.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when the store cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;

    /// Writes `value` under `key`, replacing what was there.
    ///
    /// # Errors
    /// [`StoreError::QuotaExceeded`] when it does not fit (the old value stays);
    /// [`StoreError::Unavailable`] when the store cannot be written.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;

    /// Removes `key` (nothing happens when it is absent).
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when the store cannot be written.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
}

/// Something about storage the user should be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Storage cannot be used; the app works in memory and nothing will be kept.
    Unavailable,
    /// A write was refused for lack of space; what was stored before is still there.
    Full,
    /// The value under `key` could not be read. Its text is kept under
    /// [`corrupt_key`]`(key)` (unless `kept_aside` is false: then it was left in place,
    /// because there was no room for a copy).
    Corrupt { key: String, kept_aside: bool },
}

impl From<StoreError> for Fault {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unavailable => Self::Unavailable,
            StoreError::QuotaExceeded => Self::Full,
        }
    }
}

/// Why a stored text could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    NotJson,
    /// Valid JSON, but not a `{"version", "data"}` envelope.
    NoEnvelope,
    /// Written by a newer build of the app.
    TooNew {
        version: u32,
    },
    /// The data does not have the shape this version expects.
    BadData(String),
}

/// A stored value's data as JSON text, decoded only once upgraded and given its type (kept as
/// text rather than a `serde_json::Value`, whose code the wasm would otherwise carry).
pub type RawData = Box<RawValue>;

#[derive(Deserialize)]
struct EnvelopeIn {
    version: u32,
    data: RawData,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    version: u32,
    data: &'a T,
}

/// The text stored for `value` (current version).
///
/// # Panics
/// Never for the app's types (plain data with string keys).
#[must_use]
pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(&EnvelopeOut {
        version: SCHEMA_VERSION,
        data: value,
    })
    .expect("plain data serialises")
}

/// Splits an envelope into its version and data.
///
/// # Errors
/// [`DecodeError::NotJson`] or [`DecodeError::NoEnvelope`].
pub fn open_envelope(text: &str) -> Result<(u32, RawData), DecodeError> {
    if !is_json(text) {
        return Err(DecodeError::NotJson);
    }
    match serde_json::from_str::<EnvelopeIn>(text) {
        Ok(envelope) if is_object(text) => Ok((envelope.version, envelope.data)),
        _ => Err(DecodeError::NoEnvelope),
    }
}

/// Whether `text` is one JSON value.
pub(crate) fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Whether JSON `text` is an object (serde would also read a struct from an array).
pub(crate) fn is_object(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Upgrades the data stored under `key` from `version` to [`SCHEMA_VERSION`], one step at a
/// time. Version 1 → 2 moved the values into the envelope and to new keys; their data is
/// the same. A future step that changes the data goes in this table.
///
/// # Errors
/// [`DecodeError::TooNew`] for a version newer than this build, [`DecodeError::BadData`]
/// when a step cannot convert the data.
pub fn upgrade(key: &str, version: u32, data: RawData) -> Result<RawData, DecodeError> {
    type Step = fn(&str, RawData) -> Result<RawData, DecodeError>;
    // STEPS[i] upgrades version i + 1 to version i + 2.
    const STEPS: [Step; 1] = [|_key, data| Ok(data)];
    if version > SCHEMA_VERSION {
        return Err(DecodeError::TooNew { version });
    }
    if version == 0 {
        return Err(DecodeError::BadData("version 0".into()));
    }
    let mut data = data;
    for step in &STEPS[(version as usize - 1)..] {
        data = step(key, data)?;
    }
    Ok(data)
}

/// Decodes a stored text of `key`: envelope, upgrade, then the data.
///
/// # Errors
/// See [`DecodeError`].
pub fn decode<T: DeserializeOwned>(key: &str, text: &str) -> Result<T, DecodeError> {
    let (version, data) = open_envelope(text)?;
    let data = upgrade(key, version, data)?;
    serde_json::from_str(data.get()).map_err(|e| DecodeError::BadData(e.to_string()))
}

/// Decodes a bare version-1 value of `key` (no envelope).
fn decode_legacy<T: DeserializeOwned>(key: &str, text: &str) -> Result<T, DecodeError> {
    let data: RawData = serde_json::from_str(text).map_err(|_| DecodeError::NotJson)?;
    let data = upgrade(key, 1, data)?;
    serde_json::from_str(data.get()).map_err(|e| DecodeError::BadData(e.to_string()))
}

/// Copies the unreadable text of `key` aside and removes it; returns whether the copy was
/// made (when it was not, the text stays under `key`).
fn set_aside(store: &mut dyn Store, key: &str, text: &str) -> bool {
    if store.set(&corrupt_key(key), text).is_ok() {
        let _ = store.remove(key);
        true
    } else {
        false
    }
}

/// Reads `key`; `Ok(None)` when nothing is stored. An unreadable value is set aside.
///
/// # Errors
/// [`Fault::Unavailable`], or [`Fault::Corrupt`] after setting the text aside.
pub fn read<T: DeserializeOwned>(store: &mut dyn Store, key: &str) -> Result<Option<T>, Fault> {
    let Some(text) = store.get(key)? else {
        return Ok(None);
    };
    match decode(key, &text) {
        Ok(value) => Ok(Some(value)),
        Err(_) => Err(Fault::Corrupt {
            key: key.to_owned(),
            kept_aside: set_aside(store, key, &text),
        }),
    }
}

/// Adds `fault` unless it is already there (each fault is told once).
fn push_fault(faults: &mut Vec<Fault>, fault: Fault) {
    if !faults.contains(&fault) {
        faults.push(fault);
    }
}

/// Writes `value` under `key` in the current version.
///
/// # Errors
/// [`Fault::Full`] (the previous value stays) or [`Fault::Unavailable`].
pub fn write<T: Serialize>(store: &mut dyn Store, key: &str, value: &T) -> Result<(), Fault> {
    store.set(key, &encode(value)).map_err(Fault::from)
}

/// Removes `key`.
///
/// # Errors
/// [`Fault::Unavailable`].
pub fn remove(store: &mut dyn Store, key: &str) -> Result<(), Fault> {
    store.remove(key).map_err(Fault::from)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, assemble};
    use crate::exam::{Action, Answer};
    use crate::synthetic::{generated_bank, sample_blueprint};

    #[test]
    fn the_stored_language_reads_as_index_html_expects() {
        // index.html picks the loading shell's language with /"data":"(en|ja)"/ on this key.
        assert_eq!(keys::LANG, "mogi.lang");
        // …after the site's path, the directory of location.pathname.
        assert_eq!(
            site_key(&site_of_path("/a/index.html"), keys::LANG),
            "/a/mogi.lang"
        );
        assert!(encode(&Lang::Ja).contains(r#""data":"ja""#));
        assert!(encode(&Lang::En).contains(r#""data":"en""#));
    }

    pub(super) fn exam_in_progress() -> Exam {
        let bank = generated_bank(&sample_blueprint(), 120, 3);
        let mut choices = ExamChoices::practice(&bank.blueprints[0], 4, 9);
        choices.duration_minutes = Some(20);
        let mut exam = Exam::new(assemble(&bank, &choices).unwrap());
        exam.apply(Action::Start { now_ms: 1_000 });
        exam
    }

    pub(super) fn attempts(n: usize) -> Vec<Attempt> {
        let bank = generated_bank(&sample_blueprint(), 120, 3);
        (0..n)
            .map(|i| {
                let choices = ExamChoices::practice(&bank.blueprints[0], 3, i as u64);
                let mut exam = Exam::new(assemble(&bank, &choices).unwrap());
                let start = 1_000_000 * (i as u64 + 1);
                exam.apply(Action::Start { now_ms: start });
                exam.apply(Action::Submit {
                    now_ms: start + 60_000,
                });
                Attempt::record(&bank, &exam, start + 60_000)
            })
            .collect()
    }

    #[test]
    fn values_round_trip_in_a_versioned_envelope() {
        let mut store = MemoryStore::new();
        write(&mut store, keys::LANG, &Lang::Ja).unwrap();
        assert_eq!(
            store.get(keys::LANG).unwrap().unwrap(),
            r#"{"version":2,"data":"ja"}"#
        );
        assert_eq!(read::<Lang>(&mut store, keys::LANG), Ok(Some(Lang::Ja)));
        assert_eq!(read::<Lang>(&mut store, "mogi.nothing"), Ok(None));
    }

    #[test]
    fn the_chosen_exam_is_kept_and_a_damaged_one_is_reported_not_fatal() {
        let mut store = MemoryStore::new();
        assert_eq!(load(&mut store).chosen_exam, None);
        write(&mut store, keys::CHOSEN_EXAM, &"mla-c02").unwrap();
        assert_eq!(load(&mut store).chosen_exam.as_deref(), Some("mla-c02"));
        store.set(keys::CHOSEN_EXAM, "{not json").unwrap();
        write(&mut store, keys::LANG, &Lang::Ja).unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.chosen_exam, None);
        assert_eq!(loaded.lang, Some(Lang::Ja), "the rest still loads");
        assert!(
            loaded
                .faults
                .iter()
                .any(|f| matches!(f, Fault::Corrupt { key, .. } if key == keys::CHOSEN_EXAM))
        );
    }

    #[test]
    fn damaged_cards_are_set_aside_and_the_retention_kept() {
        let mut store = MemoryStore::new();
        write(&mut store, keys::RETENTION, &Retention::CHOICES[1]).unwrap();
        let card = r#"{"version":2,"data":{"q1":{"revision":1,"stability":0,"difficulty":2000,"last_review_ms":1,"reviews":1,"lapses":0,"last_lapse":false}}}"#;
        store.set(keys::CARDS, card).unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.cards, None, "the app replays the history instead");
        assert_eq!(loaded.retention, Some(Retention::CHOICES[1]));
        assert!(loaded.faults.contains(&Fault::Corrupt {
            key: keys::CARDS.to_owned(),
            kept_aside: true
        }));
        assert_eq!(
            store.get(&corrupt_key(keys::CARDS)).unwrap().as_deref(),
            Some(card)
        );
    }

    #[test]
    fn saving_cards_merges_another_tabs_and_never_overwrites_an_unread_value() {
        let card = |at: u64, reviews: u32| -> Cards {
            serde_json::from_str(&format!(r#"{{"q1": {{"revision": 1, "stability": 2000, "difficulty": 3000, "last_review_ms": {at}, "reviews": {reviews}, "lapses": 0, "last_lapse": false}}}}"#)).unwrap()
        };
        let mut store = MemoryStore::new();
        assert_eq!(save_cards(&mut store, &card(10, 1)), Ok(None));
        // Another tab stored a later review: saving an older card keeps it and says so.
        write(&mut store, keys::CARDS, &card(20, 2)).unwrap();
        assert_eq!(save_cards(&mut store, &card(10, 1)), Ok(Some(card(20, 2))));
        assert_eq!(
            read::<Cards>(&mut store, keys::CARDS),
            Ok(Some(card(20, 2)))
        );
        // Unreadable and no room to set it aside: it stays where it is.
        store.set(keys::CARDS, "{not json").unwrap();
        store.full = true;
        assert_eq!(save_cards(&mut store, &card(30, 3)), Err(Fault::Full));
        assert_eq!(
            store.get(keys::CARDS).unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn only_an_object_with_a_version_and_data_is_an_envelope() {
        assert_eq!(open_envelope("{nope").unwrap_err(), DecodeError::NotJson);
        for text in [
            r#"[2, "ja"]"#,
            r#"{"data":"ja"}"#,
            r#"{"version":-1,"data":1}"#,
            "2",
        ] {
            assert_eq!(
                open_envelope(text).unwrap_err(),
                DecodeError::NoEnvelope,
                "{text}"
            );
        }
        let (version, data) = open_envelope(r#"{"data":{"a":[1]},"version":2,"x":0}"#).unwrap();
        assert_eq!((version, data.get()), (2, r#"{"a":[1]}"#));
    }

    #[test]
    fn a_corrupt_value_is_kept_aside_and_reported_and_the_rest_still_loads() {
        let mut store = MemoryStore::new();
        write(&mut store, keys::LANG, &Lang::Ja).unwrap();
        store.set(keys::HISTORY, "{not json").unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.lang, Some(Lang::Ja), "the rest still loads");
        assert!(loaded.history.is_empty());
        assert_eq!(
            loaded.faults,
            vec![Fault::Corrupt {
                key: keys::HISTORY.into(),
                kept_aside: true
            }]
        );
        assert_eq!(
            store.get("mogi.corrupt.mogi.history").unwrap().as_deref(),
            Some("{not json"),
            "the text is kept for download"
        );
        assert_eq!(store.get(keys::HISTORY).unwrap(), None);
    }

    #[test]
    fn values_of_the_wrong_shape_or_from_a_newer_app_are_corrupt_not_lost() {
        for text in [
            r#"{"version":2,"data":{"not":"a history"}}"#,
            r#"{"version":99,"data":[]}"#,
            r"[1,2,3]",
            r#"{"version":0,"data":[]}"#,
        ] {
            let mut store = MemoryStore::new();
            store.set(keys::HISTORY, text).unwrap();
            let loaded = load(&mut store);
            assert!(
                matches!(&loaded.faults[..], [Fault::Corrupt { key, kept_aside: true }] if key == keys::HISTORY),
                "{text}: {:?}",
                loaded.faults
            );
            assert_eq!(
                store.get(&corrupt_key(keys::HISTORY)).unwrap().as_deref(),
                Some(text)
            );
        }
        assert_eq!(
            decode::<Vec<Attempt>>(keys::HISTORY, r#"{"version":3,"data":[]}"#),
            Err(DecodeError::TooNew { version: 3 })
        );
    }

    #[test]
    fn a_corrupt_value_with_no_room_for_a_copy_stays_in_place() {
        let mut store = MemoryStore::new();
        store.set(keys::HISTORY, "{not json").unwrap();
        store.full = true;
        let loaded = load(&mut store);
        assert!(loaded.faults.contains(&Fault::Corrupt {
            key: keys::HISTORY.into(),
            kept_aside: false
        }));
        assert_eq!(
            store.get(keys::HISTORY).unwrap().as_deref(),
            Some("{not json")
        );
        assert_eq!(
            save_history(&mut store, &attempts(1)),
            Err(Fault::Full),
            "nothing overwrites it"
        );
        assert_eq!(
            store.get(keys::HISTORY).unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn unavailable_storage_loads_nothing_and_says_so() {
        let mut store = MemoryStore::unavailable();
        let loaded = load(&mut store);
        assert_eq!(loaded.faults, vec![Fault::Unavailable]);
        assert_eq!(loaded.history, Vec::new());
        assert_eq!(save_exam(&mut store, None), Err(Fault::Unavailable));
        assert_eq!(
            save_history(&mut store, &attempts(1)),
            Err(Fault::Unavailable)
        );
    }

    #[test]
    fn quota_exceeded_keeps_every_attempt_already_stored() {
        let history = attempts(4);
        let mut store = MemoryStore::new();
        save_history(&mut store, &history[..3]).unwrap();
        let stored = store.get(keys::HISTORY).unwrap().unwrap();
        store.quota = Some(store.used() + 10);
        assert_eq!(save_history(&mut store, &history), Err(Fault::Full));
        assert_eq!(
            store.get(keys::HISTORY).unwrap().unwrap(),
            stored,
            "unchanged"
        );
        assert_eq!(load(&mut store).history, history[..3].to_vec());
        // Saving the exam in progress when full also leaves the previous save.
        let exam = exam_in_progress();
        store.quota = None;
        save_exam(&mut store, Some(&exam)).unwrap();
        let mut later = exam.clone();
        later.apply(Action::ToggleFlag { index: 0 });
        store.full = true;
        assert_eq!(save_exam(&mut store, Some(&later)), Err(Fault::Full));
        assert_eq!(load(&mut store).exam, Some(exam));
    }

    #[test]
    fn saving_the_history_merges_attempts_another_tab_stored() {
        let history = attempts(3);
        let mut store = MemoryStore::new();
        // Tab A stored attempts 0 and 1; tab B only knows attempts 0 and 2.
        save_history(&mut store, &history[..2]).unwrap();
        let merged = save_history(&mut store, &[history[0].clone(), history[2].clone()])
            .unwrap()
            .expect("attempt 1 came from storage");
        assert_eq!(merged, history, "oldest first, no duplicates");
        assert_eq!(load(&mut store).history, history);
        assert_eq!(save_history(&mut store, &history), Ok(None));
    }

    #[test]
    fn an_exam_in_progress_resumes_exactly() {
        let mut exam = exam_in_progress();
        exam.apply(Action::Answer {
            index: 0,
            answer: Answer::Choices(vec![0]),
        });
        exam.apply(Action::ToggleFlag { index: 1 });
        exam.apply(Action::GoTo { index: 2 });
        let mut store = MemoryStore::new();
        save_exam(&mut store, Some(&exam)).unwrap();
        let resumed = load(&mut store).exam.unwrap();
        assert_eq!(resumed, exam);
        assert_eq!(resumed.current, 2);
        assert_eq!(resumed.deadline_ms, Some(1_000 + 20 * 60_000));
        save_exam(&mut store, None).unwrap();
        assert_eq!(load(&mut store).exam, None);
    }

    #[test]
    fn an_inconsistent_exam_is_set_aside() {
        let mut exam = exam_in_progress();
        exam.current = 99;
        let mut store = MemoryStore::new();
        save_exam(&mut store, Some(&exam)).unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.exam, None);
        assert!(store.get(&corrupt_key(keys::EXAM)).unwrap().is_some());
    }

    /// Version-1 fixtures: the exact text the first release stored.
    pub(super) const V1_LANG: &str = include_str!("../../tests/fixtures/storage/v1/lang.json");
    pub(super) const V1_EXAM: &str =
        include_str!("../../tests/fixtures/storage/v1/current-exam.json");
    pub(super) const V1_HISTORY: &str =
        include_str!("../../tests/fixtures/storage/v1/history.json");

    fn v1_store() -> MemoryStore {
        let mut store = MemoryStore::new();
        store.set("mogi.v1.lang", V1_LANG.trim()).unwrap();
        store.set("mogi.v1.current-exam", V1_EXAM.trim()).unwrap();
        store.set("mogi.v1.history", V1_HISTORY.trim()).unwrap();
        store
    }

    #[test]
    fn version_1_data_migrates_to_version_2_keys_and_envelopes() {
        let mut store = v1_store();
        let loaded = load(&mut store);
        assert_eq!(loaded.faults, Vec::new());
        assert_eq!(loaded.lang, Some(Lang::Ja));
        let exam = loaded.exam.expect("the exam in progress survives");
        assert!(exam.is_in_progress());
        assert_eq!(exam.current, 2);
        assert!(exam.flags[1]);
        assert_eq!(exam.answers[0], Some(Answer::Choices(vec![0])));
        assert_eq!(loaded.history.len(), 2);
        assert!(loaded.history[0].finished_at_ms < loaded.history[1].finished_at_ms);
        for (old, new) in LEGACY_V1_KEYS {
            assert_eq!(store.get(old).unwrap(), None, "{old} removed");
            let (version, _) = open_envelope(&store.get(new).unwrap().unwrap()).unwrap();
            assert_eq!(version, 1, "{new} holds the old data until the next save");
        }
        // The next save writes version 2, and it reads back the same.
        save_history(&mut store, &loaded.history).unwrap();
        save_exam(&mut store, Some(&exam)).unwrap();
        let again = load(&mut store);
        assert_eq!(again.history, loaded.history);
        assert_eq!(again.exam, Some(exam));
        let (version, _) = open_envelope(&store.get(keys::HISTORY).unwrap().unwrap()).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn version_1_data_is_read_in_place_when_there_is_no_room_to_move_it() {
        let mut store = v1_store();
        store.full = true;
        let loaded = load(&mut store);
        assert_eq!(loaded.faults, vec![Fault::Full]);
        assert_eq!(loaded.history.len(), 2);
        assert!(loaded.exam.is_some());
        assert!(store.get("mogi.v1.history").unwrap().is_some(), "kept");
    }

    #[test]
    fn version_2_fixtures_still_read() {
        let mut store = MemoryStore::new();
        store
            .set(
                keys::HISTORY,
                include_str!("../../tests/fixtures/storage/v2/history.json").trim(),
            )
            .unwrap();
        store
            .set(
                keys::EXAM,
                include_str!("../../tests/fixtures/storage/v2/exam.json").trim(),
            )
            .unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.faults, Vec::new());
        assert_eq!(loaded.history.len(), 2);
        assert!(loaded.exam.is_some());
    }
}
