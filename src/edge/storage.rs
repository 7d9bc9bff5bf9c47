//! The one place that reads and writes localStorage.
//!
//! Every key is namespaced and versioned (`mogi.v1.*`). A value that cannot be read is kept
//! aside under `mogi.corrupt.*` rather than silently replaced, and every fault becomes a
//! [`StorageFault`] the app shows as a notice.

use serde::{Serialize, de::DeserializeOwned};

pub(crate) const HISTORY: &str = "mogi.v1.history";
pub(crate) const CURRENT_EXAM: &str = "mogi.v1.current-exam";
pub(crate) const LANG: &str = "mogi.v1.lang";

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StorageFault {
    /// localStorage is missing or refused (private mode, disabled cookies).
    Unavailable,
    /// The quota is exceeded; nothing already stored was removed.
    Full,
    /// The stored text could not be read; it was copied aside.
    Corrupt { key: &'static str },
}

/// Reads a value; `Ok(None)` when nothing is stored under `key`.
pub(crate) fn load<T: DeserializeOwned>(key: &'static str) -> Result<Option<T>, StorageFault> {
    let storage = local_storage()?;
    let Ok(Some(text)) = storage.get_item(key) else {
        return Ok(None);
    };
    serde_json::from_str(&text).map(Some).map_err(|_| {
        // Keep the unreadable text for the user to download; never drop it silently.
        let _ = storage.set_item(&format!("mogi.corrupt.{key}"), &text);
        let _ = storage.remove_item(key);
        StorageFault::Corrupt { key }
    })
}

pub(crate) fn save<T: Serialize>(key: &'static str, value: &T) -> Result<(), StorageFault> {
    let storage = local_storage()?;
    let text = serde_json::to_string(value).map_err(|_| StorageFault::Unavailable)?;
    storage.set_item(key, &text).map_err(|_| StorageFault::Full)
}

pub(crate) fn remove(key: &'static str) -> Result<(), StorageFault> {
    let storage = local_storage()?;
    storage
        .remove_item(key)
        .map_err(|_| StorageFault::Unavailable)
}

/// localStorage itself. gloo-storage panics when storage is disabled, so this goes through
/// web-sys and turns every refusal into [`StorageFault::Unavailable`].
fn local_storage() -> Result<web_sys::Storage, StorageFault> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageFault::Unavailable)
}
