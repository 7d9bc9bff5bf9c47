//! Content kept as JSON in the bank's content chunks until first asked for ([`Lazy`]), so a
//! question's text is decoded only when it is shown (see [`crate::pack`]).

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

/// The bank's content chunks (see [`crate::pack`]), shared by every lazy part that reads from
/// them; each is set once, when it arrives, and must have the length the index recorded.
#[derive(Clone, Debug, Default)]
pub(crate) struct ContentChunks {
    slots: Arc<[OnceLock<Arc<[u8]>>]>,
    lengths: Arc<[usize]>,
}

impl PartialEq for ContentChunks {
    fn eq(&self, other: &Self) -> bool {
        self.lengths == other.lengths
            && self
                .slots
                .iter()
                .map(OnceLock::get)
                .eq(other.slots.iter().map(OnceLock::get))
    }
}

impl ContentChunks {
    pub(crate) fn new(lengths: Vec<usize>) -> Self {
        Self {
            slots: lengths.iter().map(|_| OnceLock::new()).collect(),
            lengths: lengths.into(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.lengths.len()
    }

    /// The bytes of every chunk together, as the index recorded them.
    pub(super) fn total_len(&self) -> usize {
        self.lengths.iter().sum()
    }

    /// The length chunk `chunk` must have, if there is such a chunk.
    pub(crate) fn expected_len(&self, chunk: usize) -> Option<usize> {
        self.lengths.get(chunk).copied()
    }

    pub(crate) fn set(&self, chunk: usize, bytes: Vec<u8>) {
        if let Some(slot) = self.slots.get(chunk) {
            let _ = slot.set(bytes.into());
        }
    }

    pub(super) fn is_set(&self, chunk: usize) -> bool {
        self.slots
            .get(chunk)
            .is_some_and(|slot| slot.get().is_some())
    }

    fn slice(&self, chunk: usize, range: &Range<usize>) -> Option<&[u8]> {
        self.slots.get(chunk)?.get()?.get(range.clone())
    }
}

/// Where a lazy value's JSON lies: a byte range of one content chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) chunk: usize,
    pub(crate) range: Range<usize>,
}

/// A value kept as JSON in a content chunk until first asked for, then decoded once.
pub struct Lazy<T> {
    source: Option<(ContentChunks, Place)>,
    value: OnceLock<Option<T>>,
}

impl<T> Lazy<T> {
    #[must_use]
    pub fn ready(value: T) -> Self {
        Self {
            source: None,
            value: OnceLock::from(Some(value)),
        }
    }

    /// The JSON at `place` in the content chunks, not yet decoded.
    pub(crate) fn reading(chunks: &ContentChunks, place: Place) -> Self {
        Self {
            source: Some((chunks.clone(), place)),
            value: OnceLock::new(),
        }
    }

    /// Where the JSON is in the content chunks.
    pub(crate) fn place(&self) -> Option<&Place> {
        self.source.as_ref().map(|(_, place)| place)
    }
}

impl<T: DeserializeOwned> Lazy<T> {
    /// The value, decoding it on first use; `None` while its chunk has not arrived, or when
    /// its JSON does not decode.
    pub fn get(&self) -> Option<&T> {
        if let Some(value) = self.value.get() {
            return value.as_ref();
        }
        let (chunks, place) = self.source.as_ref()?;
        if !chunks.is_set(place.chunk) {
            return None;
        }
        let bytes = chunks.slice(place.chunk, &place.range);
        // Read as text, like the index: a second reader (`from_slice`) would compile a second
        // copy of every deserialiser into the wasm.
        let text = bytes.and_then(|b| std::str::from_utf8(b).ok());
        self.value
            .get_or_init(|| text.and_then(|t| serde_json::from_str(t).ok()))
            .as_ref()
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Self {
            source: None,
            value: OnceLock::new(),
        }
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Self {
            source: self.source.clone(),
            value: self.value.clone(),
        }
    }
}

impl<T: DeserializeOwned + PartialEq> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: DeserializeOwned + fmt::Debug> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}
