//! Reading everything at start-up (migrating version-1 keys first) and saving the history
//! and the exam in progress: every problem a [`Fault`] in the result, nothing dropped.

use super::*;

/// Version-1 keys and the keys their values move to.
pub const LEGACY_V1_KEYS: [(&str, &str); 3] = [
    ("mogi.v1.history", keys::HISTORY),
    ("mogi.v1.current-exam", keys::EXAM),
    ("mogi.v1.lang", keys::LANG),
];

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

/// Reads `key`; a fault is added to `faults` and reads as nothing.
fn read_or_report<T: DeserializeOwned>(
    store: &mut dyn Store,
    key: &str,
    faults: &mut Vec<Fault>,
) -> Option<T> {
    read(store, key).unwrap_or_else(|fault| {
        push_fault(faults, fault);
        None
    })
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
    let chosen_exam = read_or_report::<String>(store, keys::CHOSEN_EXAM, &mut faults);
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
    let cards = read_or_report::<Cards>(store, keys::CARDS, &mut faults);
    let retention = read_or_report::<Retention>(store, keys::RETENTION, &mut faults);
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
    let (merged, report) = crate::history::merge(history, &stored);
    write(store, keys::HISTORY, &merged)?;
    Ok((report.added > 0).then_some(merged))
}

/// Saves the review cards merged with those stored (another tab's, or cards only storage
/// holds); returns the merged cards when they differ from `cards`. An unreadable stored
/// value that could not be set aside is not overwritten.
///
/// # Errors
/// [`Fault::Full`] (nothing written) or [`Fault::Unavailable`].
pub fn save_cards(store: &mut dyn Store, cards: &Cards) -> Result<Option<Cards>, Fault> {
    let merged = match read::<Cards>(store, keys::CARDS) {
        Ok(Some(stored)) => cards.clone().merged(&stored),
        Ok(None)
        | Err(Fault::Corrupt {
            kept_aside: true, ..
        }) => cards.clone(),
        Err(Fault::Corrupt { .. }) => return Err(Fault::Full),
        Err(fault) => return Err(fault),
    };
    write(store, keys::CARDS, &merged)?;
    Ok((merged != *cards).then_some(merged))
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
