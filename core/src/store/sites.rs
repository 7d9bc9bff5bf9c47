//! Sites: Several Mogi sites can live on one origin (`user.github.io/a/` and
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

use super::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::*;

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
