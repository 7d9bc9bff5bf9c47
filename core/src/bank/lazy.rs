//! Content kept as JSON in the bank's content chunks until first asked for ([`Lazy`]), so a
//! question's text is decoded only when it is shown, one language at a time (see
//! [`crate::pack`]).

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

use super::{Bilingual, Lang};

/// The bank's content chunks (see [`crate::pack`]), shared by every lazy part that reads from
/// them; each is set once, when it arrives, and must have the length the index recorded.
#[derive(Clone, Debug, Default)]
pub(crate) struct ContentChunks {
    slots: Arc<[OnceLock<Chunk>]>,
    lengths: Arc<[usize]>,
}

/// An installed chunk: its bytes, and where each of its lines ends (at its `\n`).
#[derive(Debug, PartialEq)]
struct Chunk {
    bytes: Vec<u8>,
    line_ends: Vec<usize>,
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

    /// The length chunk `chunk` must have, if there is such a chunk.
    pub(crate) fn expected_len(&self, chunk: usize) -> Option<usize> {
        self.lengths.get(chunk).copied()
    }

    pub(crate) fn set(&self, chunk: usize, bytes: Vec<u8>) {
        if let Some(slot) = self.slots.get(chunk) {
            let line_ends = (0..bytes.len()).filter(|&at| bytes[at] == b'\n').collect();
            let _ = slot.set(Chunk { bytes, line_ends });
        }
    }

    pub(super) fn is_set(&self, chunk: usize) -> bool {
        self.slots
            .get(chunk)
            .is_some_and(|slot| slot.get().is_some())
    }

    /// Line `line` of chunk `chunk`, without its `\n`; `None` while the chunk is missing, or
    /// when it has no such line.
    pub(crate) fn line(&self, chunk: usize, line: usize) -> Option<(Range<usize>, &[u8])> {
        let Chunk { bytes, line_ends } = self.slots.get(chunk)?.get()?;
        let start = match line {
            0 => 0,
            _ => line_ends.get(line - 1)? + 1,
        };
        let range = start..*line_ends.get(line)?;
        Some((range.clone(), &bytes[range]))
    }
}

/// Where a lazy value's JSON lies: a line of one content chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) chunk: usize,
    pub(crate) line: usize,
}

/// A value kept as JSON in content chunks until first asked for, then decoded once: one part
/// per language, each with that language's text only (see [`Bilingual`]). While one part is
/// in, the value reads with the other language's strings empty; once both are, it reads whole.
pub struct Lazy<T> {
    /// The chunks, and where each language's part lies in them ([`Lang::ALL`] order).
    source: Option<(ContentChunks, [Place; 2])>,
    /// Each language's part, decoded on first use: `None` inside when it does not decode.
    parts: [OnceLock<Option<T>>; 2],
    /// The value at hand, or both parts joined.
    whole: OnceLock<Option<T>>,
}

impl<T> Lazy<T> {
    #[must_use]
    pub fn ready(value: T) -> Self {
        Self {
            source: None,
            parts: [OnceLock::new(), OnceLock::new()],
            whole: OnceLock::from(Some(value)),
        }
    }

    /// The JSON of each language's part at `places` in the content chunks, not yet decoded.
    pub(crate) fn reading(chunks: &ContentChunks, places: [Place; 2]) -> Self {
        Self {
            source: Some((chunks.clone(), places)),
            parts: [OnceLock::new(), OnceLock::new()],
            whole: OnceLock::new(),
        }
    }

    /// Where the JSON of `lang`'s part is in the content chunks.
    pub(crate) fn place(&self, lang: Lang) -> Option<&Place> {
        self.source
            .as_ref()
            .map(|(_, places)| &places[lang.index()])
    }
}

/// One language's part of a [`Lazy`] value.
enum Part<'a, T> {
    /// Its chunk has not arrived.
    Missing,
    /// Its JSON does not decode (a damaged file).
    Unreadable,
    Read(&'a T),
}

impl<T: DeserializeOwned + Bilingual> Lazy<T> {
    /// The value, decoding it on first use; `None` while neither language's chunk has arrived,
    /// or when a part that arrived does not decode.
    pub fn get(&self) -> Option<&T> {
        if let Some(value) = self.whole.get() {
            return value.as_ref();
        }
        match (self.part(Lang::En), self.part(Lang::Ja)) {
            (Part::Read(en), Part::Read(ja)) => self
                .whole
                .get_or_init(|| Some(en.clone().joined(Lang::Ja, ja)))
                .as_ref(),
            (Part::Unreadable, _) | (_, Part::Unreadable) | (Part::Missing, Part::Missing) => None,
            (Part::Read(one), Part::Missing) | (Part::Missing, Part::Read(one)) => Some(one),
        }
    }

    fn part(&self, lang: Lang) -> Part<'_, T> {
        let Some((chunks, places)) = self.source.as_ref() else {
            return Part::Missing;
        };
        let place = &places[lang.index()];
        if !chunks.is_set(place.chunk) {
            return Part::Missing;
        }
        let decoded = self.parts[lang.index()].get_or_init(|| {
            // Read as text, like the index: a second reader (`from_slice`) would compile a
            // second copy of every deserialiser into the wasm.
            let text = chunks
                .line(place.chunk, place.line)
                .and_then(|(_, b)| std::str::from_utf8(b).ok());
            text.and_then(|t| serde_json::from_str(t).ok())
        });
        decoded.as_ref().map_or(Part::Unreadable, Part::Read)
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Self {
            source: None,
            parts: [OnceLock::new(), OnceLock::new()],
            whole: OnceLock::new(),
        }
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Self {
            source: self.source.clone(),
            parts: self.parts.clone(),
            whole: self.whole.clone(),
        }
    }
}

impl<T: DeserializeOwned + Bilingual + PartialEq> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: DeserializeOwned + Bilingual + fmt::Debug> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}
