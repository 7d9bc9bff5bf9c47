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
//!   is unchanged.
//!
//! **Sites.** Several Mogi sites can live on one origin (`user.github.io/a/` and
//! `user.github.io/b/`), which share one localStorage. So the keys above are *logical* keys,
//! and each is stored under its site's key ([`site_key`]): the site's path, the directory of
//! the page's URL ([`site_of_path`]: `/a/` for `/a/index.html` and for `/a/`, `/` at the
//! root), then the logical key: `/a/mogi.history`, `/a/mogi.corrupt.mogi.exam`,
//! `/mogi.lang`. A logical key never contains `/`, so a stored key's site is everything up to
//! its last `/` ([`logical_key`]), and no site's keys are another's. [`SiteStore`] applies
//! this over the browser's store. Values the previous release stored under the bare logical
//! keys move, once, to the first site that loads ([`SiteStore::move_unscoped`]): never over a
//! value that site already has, and a value that cannot be written stays where it is and is
//! read from there until the site writes its own.
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
//! **Tabs.** An exam in progress belongs to one tab at a time: the tab holding
//! [`keys::LOCK`] ([`TabLock`], renewed by a heartbeat). Another tab sees the exam is in
//! progress elsewhere ([`claim`] returns [`Claim::Elsewhere`]) and writes nothing to it
//! until the user takes it over explicitly.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

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

/// The stored key of the logical key `key` for the site at `site` (a path ending in `/`,
/// from [`site_of_path`]): `site_key("/a/", "mogi.exam")` is `/a/mogi.exam`.
#[must_use]
pub fn site_key(site: &str, key: &str) -> String {
    format!("{site}{key}")
}

/// The site of a page at `path` (`location.pathname`): its directory, up to and including
/// the last `/` (`/a/` for `/a/` and `/a/index.html`); `/` when there is none.
#[must_use]
pub fn site_of_path(path: &str) -> String {
    match path.rfind('/') {
        Some(end) if path.starts_with('/') => path[..=end].to_owned(),
        _ => "/".to_owned(),
    }
}

/// The logical key of the stored key `stored` when it is one of `site`'s, else `None`.
#[must_use]
pub fn logical_key<'a>(site: &str, stored: &'a str) -> Option<&'a str> {
    stored
        .strip_prefix(site)
        .filter(|key| !key.is_empty() && !key.contains('/'))
}

/// Every logical key a release without sites stored values under: the current ones, the
/// version-1 ones, and the copies of unreadable values of each.
fn unscoped_keys() -> Vec<String> {
    let keys = [
        keys::HISTORY,
        keys::EXAM,
        keys::LANG,
        keys::LOCK,
        keys::GROUP,
        LEGACY_V1_KEYS[0].0,
        LEGACY_V1_KEYS[1].0,
        LEGACY_V1_KEYS[2].0,
    ];
    keys.iter()
        .map(|&k| k.to_owned())
        .chain(keys.iter().map(|k| corrupt_key(k)))
        .collect()
}

/// One site's view of a store shared by several sites (see the module's *Sites*): every
/// logical key is read and written under [`site_key`].
#[derive(Clone, Debug)]
pub struct SiteStore<S> {
    inner: S,
    site: String,
    /// Logical keys whose unscoped value could not be moved: read from there while the site
    /// has none of its own.
    unmoved: std::collections::BTreeSet<String>,
}

impl<S: Store> SiteStore<S> {
    /// The site at `site` (a path ending in `/`) over `inner`.
    #[must_use]
    pub fn new(inner: S, site: &str) -> Self {
        Self {
            inner,
            site: site.to_owned(),
            unmoved: std::collections::BTreeSet::new(),
        }
    }

    /// The site's path.
    #[must_use]
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The store underneath, with the stored (not logical) keys.
    #[must_use]
    pub fn inner(&self) -> &S {
        &self.inner
    }

    /// Moves the values a release without sites stored (under the bare logical keys) to this
    /// site's keys, and removes them there. A value the site already has is never
    /// overwritten: the unscoped one then stays for another site to take. A move that
    /// cannot be written leaves the value where it is, read from there (and reported as the
    /// store's fault). Run at every start-up: once nothing unscoped is left, it only reads.
    pub fn move_unscoped(&mut self) -> Vec<Fault> {
        let mut faults = Vec::new();
        for key in unscoped_keys() {
            self.unmoved.remove(&key);
            let Ok(Some(text)) = self.inner.get(&key) else {
                continue;
            };
            let scoped = site_key(&self.site, &key);
            if !matches!(self.inner.get(&scoped), Ok(None)) {
                continue;
            }
            match self.inner.set(&scoped, &text) {
                Ok(()) => {
                    let _ = self.inner.remove(&key);
                }
                Err(error) => {
                    self.unmoved.insert(key);
                    push_fault(&mut faults, error.into());
                }
            }
        }
        faults
    }
}

impl<S: Store> Store for SiteStore<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self.inner.get(&site_key(&self.site, key))? {
            None if self.unmoved.contains(key) => self.inner.get(key),
            found => Ok(found),
        }
    }

    /// Once the site has its own value, an unmoved unscoped one it was read from is gone:
    /// what the app writes was made from it.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set(&site_key(&self.site, key), value)?;
        if self.unmoved.remove(key) {
            let _ = self.inner.remove(key);
        }
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(&site_key(&self.site, key))?;
        if self.unmoved.remove(key) {
            let _ = self.inner.remove(key);
        }
        Ok(())
    }
}

/// Version-1 keys and the keys their values move to.
pub const LEGACY_V1_KEYS: [(&str, &str); 3] = [
    ("mogi.v1.history", keys::HISTORY),
    ("mogi.v1.current-exam", keys::EXAM),
    ("mogi.v1.lang", keys::LANG),
];

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

/// An in-memory [`Store`] with faults that tests can inject: a byte quota (keys and values,
/// counted in UTF-16 units as browsers do), a switch that makes every call fail as
/// unavailable, and a switch that refuses every write as over quota.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    /// Total size allowed (UTF-16 units of keys and values); `None`: unlimited.
    pub quota: Option<usize>,
    /// Every call fails with [`StoreError::Unavailable`].
    pub unavailable: bool,
    /// Every `set` fails with [`StoreError::QuotaExceeded`].
    pub full: bool,
}

impl MemoryStore {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that refuses everything, like disabled localStorage.
    #[must_use]
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    /// Space used, in UTF-16 units of keys and values.
    #[must_use]
    pub fn used(&self) -> usize {
        self.entries.iter().map(|(k, v)| size(k) + size(v)).sum()
    }

    /// Every key and value, in key order.
    #[must_use]
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.entries
    }
}

fn size(s: &str) -> usize {
    s.encode_utf16().count()
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        if self.full {
            return Err(StoreError::QuotaExceeded);
        }
        if let Some(quota) = self.quota {
            let old = self.entries.get(key).map_or(0, |v| size(key) + size(v));
            if self.used() - old + size(key) + size(value) > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        self.entries.remove(key);
        Ok(())
    }
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

/// Moves version-1 values to their version-2 keys (wrapped in a version-1 envelope, which
/// [`read`] upgrades). A key already present in version 2 wins and the legacy value is set
/// aside as corrupt only if unreadable; a value that is not JSON is set aside. When the move
/// cannot be written (no room), the legacy value stays and [`load`] reads it in place.
pub fn migrate_legacy_keys(store: &mut dyn Store) -> Vec<Fault> {
    let mut faults = Vec::new();
    for (old, new) in LEGACY_V1_KEYS {
        let Ok(Some(text)) = store.get(old) else {
            continue;
        };
        let Ok(data) = serde_json::from_str::<RawData>(&text) else {
            faults.push(Fault::Corrupt {
                key: old.to_owned(),
                kept_aside: set_aside(store, old, &text),
            });
            continue;
        };
        if matches!(store.get(new), Ok(Some(_))) {
            // Already migrated (another tab, or an earlier run that could not remove it).
            let _ = store.remove(old);
            continue;
        }
        let wrapped = format!("{{\"version\":1,\"data\":{}}}", data.get());
        match store.set(new, &wrapped) {
            Ok(()) => {
                let _ = store.remove(old);
            }
            Err(error) => faults.push(error.into()),
        }
    }
    faults
}

/// Everything the app keeps, as read at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub lang: Option<Lang>,
    /// The exam the user last chose (not checked against the bank here).
    pub chosen_exam: Option<String>,
    /// The exam in progress (only a consistent one; an inconsistent one is set aside).
    pub exam: Option<Exam>,
    /// Finished attempts, oldest first.
    pub history: Vec<Attempt>,
    /// The review cards as last stored (the app replays the history over them).
    pub cards: Option<Cards>,
    pub retention: Option<Retention>,
    /// What went wrong, each fault once.
    pub faults: Vec<Fault>,
}

fn push_fault(faults: &mut Vec<Fault>, fault: Fault) {
    if !faults.contains(&fault) {
        faults.push(fault);
    }
}

/// Reads `key`, falling back to the version-1 key when the migration could not move it.
fn read_or_legacy<T: DeserializeOwned>(
    store: &mut dyn Store,
    key: &str,
    faults: &mut Vec<Fault>,
) -> Option<T> {
    match read(store, key) {
        Ok(Some(value)) => return Some(value),
        Ok(None) => {}
        Err(fault) => {
            push_fault(faults, fault);
            return None;
        }
    }
    let (old, _) = LEGACY_V1_KEYS.iter().find(|(_, new)| *new == key)?;
    let text = store.get(old).ok().flatten()?;
    decode_legacy(key, &text).ok()
}

/// Runs the migrations and reads everything. Never fails: every problem is a fault in the
/// result and the rest is read as far as it can be.
pub fn load(store: &mut dyn Store) -> Loaded {
    let mut faults = Vec::new();
    if let Err(error) = store.get(keys::LANG) {
        return Loaded {
            faults: vec![error.into()],
            ..Loaded::default()
        };
    }
    for fault in migrate_legacy_keys(store) {
        push_fault(&mut faults, fault);
    }
    let lang = read_or_legacy::<Lang>(store, keys::LANG, &mut faults);
    let chosen_exam = read::<String>(store, keys::CHOSEN_EXAM).unwrap_or_else(|fault| {
        push_fault(&mut faults, fault);
        None
    });
    let mut exam = read_or_legacy::<Exam>(store, keys::EXAM, &mut faults);
    if exam.as_ref().is_some_and(|e| !e.is_consistent()) {
        if let Ok(Some(text)) = store.get(keys::EXAM) {
            let kept_aside = set_aside(store, keys::EXAM, &text);
            push_fault(
                &mut faults,
                Fault::Corrupt {
                    key: keys::EXAM.to_owned(),
                    kept_aside,
                },
            );
        }
        exam = None;
    }
    let stored = read_or_legacy::<Vec<RawData>>(store, keys::HISTORY, &mut faults);
    let history = stored.map_or_else(Vec::new, |raw| {
        let (history, unreadable) = split_attempts(raw);
        if !unreadable.is_empty() {
            let kept_aside = set_attempts_aside(store, &history, &unreadable);
            push_fault(
                &mut faults,
                Fault::Corrupt {
                    key: keys::HISTORY.to_owned(),
                    kept_aside,
                },
            );
        }
        history
    });
    let cards = read::<Cards>(store, keys::CARDS).unwrap_or_else(|fault| {
        push_fault(&mut faults, fault);
        None
    });
    let retention = read::<Retention>(store, keys::RETENTION).unwrap_or_else(|fault| {
        push_fault(&mut faults, fault);
        None
    });
    Loaded {
        lang,
        chosen_exam,
        exam,
        history,
        cards,
        retention,
        faults,
    }
}

/// The attempts that decode, and the text of those that do not (each checked on its own, so
/// that one damaged attempt does not hide the others).
fn split_attempts(raw: Vec<RawData>) -> (Vec<Attempt>, Vec<RawData>) {
    let mut history = Vec::with_capacity(raw.len());
    let mut unreadable = Vec::new();
    for text in raw {
        match serde_json::from_str::<Attempt>(text.get()) {
            Ok(attempt) => history.push(attempt),
            Err(_) => unreadable.push(text),
        }
    }
    (history, unreadable)
}

/// Moves unreadable attempts out of the history: added to those already kept under
/// [`corrupt_key`]`(keys::HISTORY)` (as one JSON array), then the readable ones written back.
/// Returns whether they were moved: when the copy cannot be written, nothing moves (the
/// attempts stay where they are).
fn set_attempts_aside(store: &mut dyn Store, history: &[Attempt], unreadable: &[RawData]) -> bool {
    let key = corrupt_key(keys::HISTORY);
    let mut kept: Vec<RawData> = store
        .get(&key)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    kept.extend(unreadable.iter().cloned());
    let copied = serde_json::to_string(&kept)
        .ok()
        .is_some_and(|text| store.set(&key, &text).is_ok());
    copied && write(store, keys::HISTORY, &history).is_ok()
}

/// Saves the history, merged with whatever is stored (another tab or an import may have
/// added attempts), so no stored attempt is ever lost. Returns the merged history when it
/// holds attempts `history` lacks, for the app to show them.
///
/// # Errors
/// [`Fault::Full`] (what was stored stays) or [`Fault::Unavailable`]; a stored value that
/// cannot be read is set aside first ([`Fault::Corrupt`] is not reported again here), and
/// when it cannot be set aside nothing is written ([`Fault::Full`]).
pub fn save_history(
    store: &mut dyn Store,
    history: &[Attempt],
) -> Result<Option<Vec<Attempt>>, Fault> {
    let stored: Vec<Attempt> = match read::<Vec<RawData>>(store, keys::HISTORY) {
        Ok(stored) => {
            let (stored, unreadable) = split_attempts(stored.unwrap_or_default());
            if !unreadable.is_empty() && !set_attempts_aside(store, &stored, &unreadable) {
                return Err(Fault::Full);
            }
            stored
        }
        Err(Fault::Corrupt {
            kept_aside: false, ..
        }) => return Err(Fault::Full),
        Err(Fault::Corrupt { .. }) => Vec::new(),
        Err(fault) => return Err(fault),
    };
    let (merged, report) = crate::backup::merge(history, &stored);
    write(store, keys::HISTORY, &merged)?;
    Ok((report.added > 0).then_some(merged))
}

/// Saves the exam in progress, or removes it when there is none.
///
/// # Errors
/// [`Fault::Full`] (the previous save stays) or [`Fault::Unavailable`].
pub fn save_exam(store: &mut dyn Store, exam: Option<&Exam>) -> Result<(), Fault> {
    match exam {
        Some(exam) => write(store, keys::EXAM, exam),
        None => remove(store, keys::EXAM),
    }
}

/// Which tab owns the exam in progress, and when it last said so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabLock {
    pub tab: String,
    pub heartbeat_ms: u64,
}

/// A lock whose heartbeat is older than this belongs to a tab that is gone.
pub const LOCK_STALE_MS: u64 = 10_000;

/// How often the owning tab renews its lock.
pub const HEARTBEAT_MS: u64 = 2_000;

/// Who may write the exam in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// This tab: it holds the lock now.
    Mine,
    /// Another live tab holds it.
    Elsewhere { tab: String },
}

impl TabLock {
    /// Whether another tab than `tab` holds this lock and was alive at `now_ms`.
    #[must_use]
    pub fn held_elsewhere(&self, tab: &str, now_ms: u64) -> bool {
        self.tab != tab && now_ms < self.heartbeat_ms.saturating_add(LOCK_STALE_MS)
    }
}

/// The lock as stored, if any and readable.
#[must_use]
pub fn lock_holder(store: &dyn Store) -> Option<TabLock> {
    let text = store.get(keys::LOCK).ok().flatten()?;
    decode(keys::LOCK, &text).ok()
}

/// Takes (or renews) the lock for `tab` unless another live tab holds it; `take_over`
/// takes it regardless (the user chose to continue here). When the lock cannot be written
/// (storage full or unavailable) this tab carries on as the owner.
pub fn claim(store: &mut dyn Store, tab: &str, now_ms: u64, take_over: bool) -> Claim {
    if !take_over
        && let Some(lock) = lock_holder(store)
        && lock.held_elsewhere(tab, now_ms)
    {
        return Claim::Elsewhere { tab: lock.tab };
    }
    let lock = TabLock {
        tab: tab.to_owned(),
        heartbeat_ms: now_ms,
    };
    let _ = write(store, keys::LOCK, &lock);
    Claim::Mine
}

/// Gives the lock up if `tab` holds it.
pub fn release(store: &mut dyn Store, tab: &str) {
    if lock_holder(store).is_some_and(|l| l.tab == tab) {
        let _ = store.remove(keys::LOCK);
    }
}

#[cfg(test)]
mod tests {
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

    fn exam_in_progress() -> Exam {
        let bank = generated_bank(&sample_blueprint(), 120, 3);
        let mut choices = ExamChoices::practice(&bank.blueprints[0], 4, 9);
        choices.duration_minutes = Some(20);
        let mut exam = Exam::new(assemble(&bank, &choices).unwrap());
        exam.apply(Action::Start { now_ms: 1_000 });
        exam
    }

    fn attempts(n: usize) -> Vec<Attempt> {
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
        let card = r#"{"version":2,"data":{"q1":{"revision":1,"memory":{"stability":-3,"difficulty":2},"last_review_ms":1,"reviews":1,"lapses":0,"last_lapse":false}}}"#;
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
    const V1_LANG: &str = include_str!("../tests/fixtures/storage/v1/lang.json");
    const V1_EXAM: &str = include_str!("../tests/fixtures/storage/v1/current-exam.json");
    const V1_HISTORY: &str = include_str!("../tests/fixtures/storage/v1/history.json");

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
                include_str!("../tests/fixtures/storage/v2/history.json").trim(),
            )
            .unwrap();
        store
            .set(
                keys::EXAM,
                include_str!("../tests/fixtures/storage/v2/exam.json").trim(),
            )
            .unwrap();
        let loaded = load(&mut store);
        assert_eq!(loaded.faults, Vec::new());
        assert_eq!(loaded.history.len(), 2);
        assert!(loaded.exam.is_some());
    }

    #[test]
    fn a_second_tab_sees_the_exam_in_progress_elsewhere_until_it_takes_over() {
        let mut store = MemoryStore::new();
        assert_eq!(claim(&mut store, "a", 1_000, false), Claim::Mine);
        assert_eq!(
            claim(&mut store, "b", 2_000, false),
            Claim::Elsewhere { tab: "a".into() }
        );
        // Tab A's heartbeat keeps it; B still cannot write.
        assert_eq!(claim(&mut store, "a", 3_000, false), Claim::Mine);
        assert_eq!(
            claim(&mut store, "b", 3_000 + LOCK_STALE_MS - 1, false),
            Claim::Elsewhere { tab: "a".into() }
        );
        // B takes over explicitly; now A is the one elsewhere.
        assert_eq!(claim(&mut store, "b", 4_000, true), Claim::Mine);
        assert_eq!(
            claim(&mut store, "a", 4_500, false),
            Claim::Elsewhere { tab: "b".into() }
        );
        // A lock whose tab stopped beating is free.
        assert_eq!(
            claim(&mut store, "a", 4_000 + LOCK_STALE_MS, false),
            Claim::Mine
        );
        release(&mut store, "b");
        assert!(lock_holder(&store).is_some(), "b cannot release a's lock");
        release(&mut store, "a");
        assert_eq!(lock_holder(&store), None);
    }

    #[test]
    fn a_sites_keys_are_its_path_then_the_logical_key() {
        for (path, site) in [
            ("/", "/"),
            ("/index.html", "/"),
            ("/a/", "/a/"),
            ("/a/index.html", "/a/"),
            ("/a/b/", "/a/b/"),
            ("/a", "/"),
            ("", "/"),
        ] {
            assert_eq!(site_of_path(path), site, "{path}");
        }
        assert_eq!(site_key("/a/", keys::HISTORY), "/a/mogi.history");
        assert_eq!(
            site_key("/", &corrupt_key(keys::EXAM)),
            "/mogi.corrupt.mogi.exam"
        );
        assert_eq!(logical_key("/a/", "/a/mogi.exam"), Some(keys::EXAM));
        assert_eq!(logical_key("/", "/mogi.exam"), Some(keys::EXAM));
        // The root site's prefix begins every path: another site's keys are still not its own.
        assert_eq!(logical_key("/", "/a/mogi.exam"), None);
        assert_eq!(logical_key("/a/", "/b/mogi.exam"), None);
        assert_eq!(logical_key("/a/", "mogi.exam"), None);
        assert_eq!(logical_key("/a/", "/a/"), None);
    }

    #[test]
    fn two_sites_on_one_store_keep_apart() {
        let shared = std::rc::Rc::new(std::cell::RefCell::new(MemoryStore::new()));
        let mut a = SiteStore::new(Shared(std::rc::Rc::clone(&shared)), "/a/");
        let mut b = SiteStore::new(Shared(std::rc::Rc::clone(&shared)), "/b/");
        save_history(&mut a, &attempts(2)).unwrap();
        write(&mut a, keys::LANG, &Lang::Ja).unwrap();
        write(&mut b, keys::LANG, &Lang::En).unwrap();
        assert_eq!(load(&mut a).lang, Some(Lang::Ja));
        assert_eq!(load(&mut a).history.len(), 2);
        let loaded_b = load(&mut b);
        assert_eq!(loaded_b.lang, Some(Lang::En));
        assert!(loaded_b.history.is_empty());
        assert!(
            shared
                .borrow()
                .entries()
                .keys()
                .all(|k| k.starts_with("/a/") || k.starts_with("/b/")),
            "{:?}",
            shared.borrow().entries()
        );
    }

    /// A store shared by several [`SiteStore`]s, as localStorage is by the sites of an origin.
    struct Shared(std::rc::Rc<std::cell::RefCell<MemoryStore>>);

    impl Store for Shared {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.0.borrow().get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            self.0.borrow_mut().set(key, value)
        }
        fn remove(&mut self, key: &str) -> Result<(), StoreError> {
            self.0.borrow_mut().remove(key)
        }
    }

    /// What the release without sites left: version-2 values, a corrupt copy, and a
    /// version-1 value it had not moved yet.
    fn unscoped_store() -> MemoryStore {
        let mut store = MemoryStore::new();
        save_history(&mut store, &attempts(2)).unwrap();
        write(&mut store, keys::LANG, &Lang::Ja).unwrap();
        store.set(&corrupt_key(keys::EXAM), "{not json").unwrap();
        store.set("mogi.v1.current-exam", V1_EXAM.trim()).unwrap();
        store
    }

    #[test]
    fn the_first_site_to_load_takes_the_unscoped_data() {
        let mut a = SiteStore::new(unscoped_store(), "/a/");
        assert_eq!(a.move_unscoped(), Vec::new());
        let loaded = load(&mut a);
        assert_eq!(loaded.faults, Vec::new());
        assert_eq!(loaded.lang, Some(Lang::Ja));
        assert_eq!(loaded.history.len(), 2);
        assert!(loaded.exam.is_some(), "the version-1 exam, moved twice");
        assert_eq!(
            a.get(&corrupt_key(keys::EXAM)).unwrap().as_deref(),
            Some("{not json")
        );
        let entries = a.inner().entries();
        assert!(entries.keys().all(|k| k.starts_with("/a/")), "{entries:?}");
        // The next site finds nothing left to take, and a second start-up changes nothing.
        let mut b = SiteStore::new(a.inner().clone(), "/b/");
        assert_eq!(b.move_unscoped(), Vec::new());
        assert_eq!(load(&mut b).lang, None);
        let before = a.inner().clone();
        assert_eq!(a.move_unscoped(), Vec::new());
        assert_eq!(a.inner(), &before);
    }

    #[test]
    fn a_value_the_site_has_is_never_overwritten_and_the_unscoped_one_stays() {
        let mut inner = unscoped_store();
        inner
            .set(&site_key("/a/", keys::LANG), &encode(&Lang::En))
            .unwrap();
        let mut a = SiteStore::new(inner, "/a/");
        assert_eq!(a.move_unscoped(), Vec::new());
        assert_eq!(load(&mut a).lang, Some(Lang::En), "the site's own");
        assert_eq!(
            a.inner().get(keys::LANG).unwrap(),
            Some(encode(&Lang::Ja)),
            "kept for another site"
        );
        assert_eq!(load(&mut a).history.len(), 2, "the rest moved");
    }

    #[test]
    fn a_value_that_cannot_be_moved_is_read_where_it_is_until_the_site_writes_its_own() {
        let mut inner = unscoped_store();
        inner.full = true;
        let mut a = SiteStore::new(inner, "/a/");
        assert_eq!(a.move_unscoped(), vec![Fault::Full]);
        let loaded = load(&mut a);
        assert_eq!(loaded.lang, Some(Lang::Ja));
        assert_eq!(loaded.history.len(), 2);
        assert!(a.inner().get(keys::HISTORY).unwrap().is_some(), "not lost");
        // Room again: the site's own write replaces the unscoped value it was read from.
        a.inner.full = false;
        let mut history = loaded.history;
        history.extend(attempts(3).pop());
        save_history(&mut a, &history).unwrap();
        assert_eq!(a.inner().get(keys::HISTORY).unwrap(), None);
        assert_eq!(load(&mut a).history.len(), 3);
        // Removing what was read from there removes it there too (an exam that ended).
        let mut inner = MemoryStore::new();
        save_exam(&mut inner, Some(&exam_in_progress())).unwrap();
        inner.full = true;
        let mut a = SiteStore::new(inner, "/a/");
        assert_eq!(a.move_unscoped(), vec![Fault::Full]);
        assert!(load(&mut a).exam.is_some());
        save_exam(&mut a, None).unwrap();
        assert_eq!(load(&mut a).exam, None, "an ended exam does not come back");
        assert_eq!(a.inner().get(keys::EXAM).unwrap(), None);
    }
}
