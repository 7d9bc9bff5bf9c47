//! A [`Store`] in memory, for tests and for when the browser's storage cannot be used.

use std::collections::BTreeMap;

use super::{Store, StoreError};

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
