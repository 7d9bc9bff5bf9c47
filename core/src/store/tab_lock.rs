//! The tab lock: An exam in progress belongs to one tab at a time: the tab holding
//! [`keys::LOCK`] ([`TabLock`], renewed by a heartbeat). Another tab sees the exam is in
//! progress elsewhere ([`claim`] returns [`Claim::Elsewhere`]) and writes nothing to it
//! until the user takes it over explicitly.

use serde::{Deserialize, Serialize};

use super::{Store, decode, keys, write};

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
    use crate::store::*;

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
}
