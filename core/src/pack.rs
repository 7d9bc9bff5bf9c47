//! The bank as the site ships it: files beside the wasm, written by `cargo xtask dist`.
//!
//! - The **index** (`bank-<revision>.json`): the format number, the revision, the blueprints,
//!   the case studies and every question's metadata — enough to show the start screen and to
//!   assemble, score and chart an exam — plus where each question's content lies. The app
//!   decodes it at startup.
//! - The **content chunks** (`bank-<revision>-content-<n>.json`): the glossary and then every
//!   question's [`Content`](crate::bank::Content) (text, explanations), one JSON value per
//!   line: one chunk for a bank of up to [`SMALL_BANK_BYTES`], which the app fetches whole at
//!   startup; chunks of about [`CHUNK_BYTES`] for a larger one, of which the app fetches only
//!   those a screen needs, so that an exam drawn from a 10,000-question bank downloads its own
//!   questions, not the bank. A question is decoded only when it is first shown.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Blueprint, CaseStudy, ContentChunks, Lazy, Place, Question};
use crate::resolve::PastRelease;

/// Changes whenever the layout changes; a file of another format is refused, never misread.
pub const FORMAT: u32 = 3;

/// Question text up to this size stays in one chunk: the app fetches such a bank whole at
/// startup, and one file compresses better than several (each gzip stream starts without a
/// history: 15 chunks of 64 KiB cost our 1.1 MiB bank 7% more gzipped bytes than one file).
pub const SMALL_BANK_BYTES: usize = 4 * 1024 * 1024;

/// Whether a bank whose content chunks hold `content_bytes` in all is small: one chunk, which
/// the app takes whole at startup and the page's loader starts downloading after the wasm.
#[must_use]
pub fn is_small(content_bytes: usize) -> bool {
    content_bytes <= SMALL_BANK_BYTES
}

/// In a larger bank, a chunk is closed before it would grow past this many bytes (a single
/// longer value makes a chunk of its own): 128 KiB keeps the gzip cost of cutting near 4%
/// while an exam's first question needs one chunk and the glossary's.
pub const CHUNK_BYTES: usize = 128 * 1024;

#[derive(Serialize, Deserialize)]
struct Index<B, C, Q> {
    format: u32,
    revision: String,
    /// The length of each content chunk, checked when it arrives.
    chunks: Vec<usize>,
    /// `(chunk, start, end)` of the glossary.
    glossary: (usize, usize, usize),
    /// `(chunk, start, end)` of each question's content, in `questions` order.
    contents: Vec<(usize, usize, usize)>,
    blueprints: B,
    case_studies: C,
    questions: Q,
    /// Releases before question revisions were recorded (see [`crate::resolve`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    past: Vec<PastRelease>,
}

/// The index's file name for a bank revision.
#[must_use]
pub fn index_file_name(revision: &str) -> String {
    format!("bank-{revision}.json")
}

/// The name of content chunk `chunk`: the app derives it from the index it opened, so the
/// files always belong together.
#[must_use]
pub fn chunk_file_name(revision: &str, chunk: usize) -> String {
    format!("bank-{revision}-content-{chunk}.json")
}

/// The files of a bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    pub index: String,
    pub chunks: Vec<Vec<u8>>,
}

impl Packed {
    /// Every chunk, one after another (what [`install_all_chunks`] takes).
    #[must_use]
    pub fn all_chunks(&self) -> Vec<u8> {
        self.chunks.concat()
    }
}

/// Why a bank file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The index is not a bank index.
    Index(String),
    /// Written by a different version of the app.
    Format(u32),
    /// A content chunk is not the one the index describes.
    ChunkLength {
        chunk: usize,
        expected: usize,
        found: usize,
    },
    /// The index names no such chunk.
    NoSuchChunk(usize),
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Index(why) => write!(f, "the bank index does not decode: {why}"),
            Self::Format(found) => write!(f, "bank file format {found}, expected {FORMAT}"),
            Self::ChunkLength {
                chunk,
                expected,
                found,
            } => write!(
                f,
                "content chunk {chunk} has {found} bytes where the index expects {expected}"
            ),
            Self::NoSuchChunk(chunk) => write!(f, "the bank has no content chunk {chunk}"),
        }
    }
}

impl std::error::Error for PackError {}

/// Appends JSON lines to chunks of at most `limit` bytes.
struct ChunkWriter {
    limit: usize,
    chunks: Vec<Vec<u8>>,
}

impl ChunkWriter {
    /// Appends one line and says where its JSON lies.
    fn append(&mut self, json: &str) -> (usize, usize, usize) {
        let fits = self
            .chunks
            .last()
            .is_some_and(|chunk| chunk.len() + json.len() < self.limit);
        if !fits {
            self.chunks.push(Vec::new());
        }
        let chunk_number = self.chunks.len() - 1;
        let chunk = self.chunks.last_mut().expect("a chunk was just ensured");
        let start = chunk.len();
        chunk.extend_from_slice(json.as_bytes());
        let end = chunk.len();
        chunk.push(b'\n');
        (chunk_number, start, end)
    }
}

/// The index and content chunks for `bank`.
#[must_use]
pub fn encode(bank: &Bank) -> Packed {
    encode_with(bank, SMALL_BANK_BYTES, CHUNK_BYTES)
}

/// [`encode`] with other sizes (tests cut small banks).
fn encode_with(bank: &Bank, small_bank_bytes: usize, chunk_bytes: usize) -> Packed {
    let glossary = serde_json::to_string(bank.glossary()).expect("a glossary serialises");
    let contents: Vec<String> = bank
        .questions
        .iter()
        .map(|q| serde_json::to_string(q.content()).expect("content serialises"))
        .collect();
    let total = glossary.len() + contents.iter().map(|c| c.len() + 1).sum::<usize>() + 1;
    let mut writer = ChunkWriter {
        limit: if total <= small_bank_bytes {
            usize::MAX
        } else {
            chunk_bytes
        },
        chunks: Vec::new(),
    };
    let glossary = writer.append(&glossary);
    let contents = contents.iter().map(|json| writer.append(json)).collect();
    let index = Index {
        format: FORMAT,
        revision: bank.revision.clone(),
        chunks: writer.chunks.iter().map(Vec::len).collect(),
        glossary,
        contents,
        blueprints: &bank.blueprints,
        case_studies: &bank.case_studies,
        questions: &bank.questions,
        past: bank.past.clone(),
    };
    Packed {
        index: serde_json::to_string(&index).expect("a bank index serialises"),
        chunks: writer.chunks,
    }
}

/// Opens a bank from its index. Its questions' metadata is there at once; their content once
/// [`install_chunk`] has been given the chunk it lies in.
///
/// # Errors
/// When the index does not decode, is of another format, or places content outside its
/// chunks.
pub fn open_index(text: &str) -> Result<Bank, PackError> {
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    let index: Index<Vec<Blueprint>, Vec<CaseStudy>, Vec<Question>> = serde_json::from_str(text)
        .map_err(|e| match serde_json::from_str::<Format>(text) {
            Ok(Format { format }) if format != FORMAT => PackError::Format(format),
            _ => PackError::Index(e.to_string()),
        })?;
    if index.format != FORMAT {
        return Err(PackError::Format(index.format));
    }
    if index.contents.len() != index.questions.len() {
        return Err(PackError::Index(format!(
            "{} questions but {} content places",
            index.questions.len(),
            index.contents.len()
        )));
    }
    let place = |(chunk, start, end): (usize, usize, usize)| match index.chunks.get(chunk) {
        Some(&len) if start <= end && end <= len => Ok(Place {
            chunk,
            range: start..end,
        }),
        _ => Err(PackError::Index(format!(
            "content at {chunk}:{start}..{end} lies outside the chunks"
        ))),
    };
    let glossary_place = place(index.glossary)?;
    let places = index
        .contents
        .iter()
        .map(|&at| place(at))
        .collect::<Result<Vec<_>, _>>()?;
    let chunks = ContentChunks::new(index.chunks);
    let mut questions = index.questions;
    for (question, place) in questions.iter_mut().zip(places) {
        question.set_content_source(Lazy::reading(&chunks, place));
    }
    let glossary = Lazy::reading(&chunks, glossary_place);
    let mut bank = Bank::new(
        index.revision,
        index.blueprints,
        index.case_studies,
        questions,
        Vec::new(),
    );
    bank.past = index.past;
    Ok(bank.reading_from(chunks, glossary))
}

/// Gives a bank opened by [`open_index`] its content chunk `chunk`. Installing a chunk twice
/// keeps the first.
///
/// # Errors
/// When the bank has no such chunk, or the bytes are not as long as the index recorded (a
/// different or cut-off file).
pub fn install_chunk(bank: &Bank, chunk: usize, bytes: Vec<u8>) -> Result<(), PackError> {
    let Some(chunks) = bank.content_chunks() else {
        return Ok(());
    };
    let expected = chunks
        .expected_len(chunk)
        .ok_or(PackError::NoSuchChunk(chunk))?;
    if bytes.len() != expected {
        return Err(PackError::ChunkLength {
            chunk,
            expected,
            found: bytes.len(),
        });
    }
    chunks.set(chunk, bytes);
    Ok(())
}

/// Gives a bank opened by [`open_index`] all its chunks at once, one after another as
/// [`Packed::all_chunks`] joins them (tests and tools).
///
/// # Errors
/// When the bytes are not exactly the chunks the index describes.
pub fn install_all_chunks(bank: &Bank, bytes: &[u8]) -> Result<(), PackError> {
    let Some(chunks) = bank.content_chunks() else {
        return Ok(());
    };
    let mut rest = bytes;
    for chunk in 0..chunks.len() {
        let expected = chunks.expected_len(chunk).unwrap_or(0);
        if rest.len() < expected {
            return Err(PackError::ChunkLength {
                chunk,
                expected,
                found: rest.len(),
            });
        }
        let (this, after) = rest.split_at(expected);
        install_chunk(bank, chunk, this.to_vec())?;
        rest = after;
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err(PackError::ChunkLength {
            chunk: chunks.len(),
            expected: 0,
            found: rest.len(),
        })
    }
}

/// Where a question's content lies: its chunk and byte range (for tests and tools).
#[must_use]
pub fn content_place(question: &Question) -> Option<(usize, std::ops::Range<usize>)> {
    question
        .content_place()
        .map(|place| (place.chunk, place.range.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Body, Content};
    use crate::synthetic;

    fn sample() -> Bank {
        synthetic::generated_bank(&synthetic::sample_blueprint(), 40, 7)
    }

    fn opened(packed: &Packed) -> Bank {
        let bank = open_index(&packed.index).unwrap();
        install_all_chunks(&bank, &packed.all_chunks()).unwrap();
        bank
    }

    #[test]
    fn a_bank_survives_the_round_trip() {
        let bank = sample();
        let packed = encode(&bank);
        let back = opened(&packed);
        assert_eq!(back, bank);
        assert_eq!(encode(&back), packed);
    }

    #[test]
    fn metadata_is_there_before_the_content_file() {
        let bank = sample();
        let packed = encode(&bank);
        let early = open_index(&packed.index).unwrap();
        assert!(!early.content_ready());
        assert_eq!(early.questions.len(), bank.questions.len());
        assert_eq!(early.questions[3].id, bank.questions[3].id);
        assert_eq!(early.questions[3].format, bank.questions[3].format);
        // Asked too early, a question reads as unreadable but is not stuck that way.
        assert_eq!(early.questions[3].content(), Content::unreadable());
        install_all_chunks(&early, &packed.all_chunks()).unwrap();
        assert!(early.content_ready());
        assert_eq!(early.questions[3].content(), bank.questions[3].content());
    }

    #[test]
    fn an_exam_is_assembled_and_scored_from_the_index_alone() {
        use crate::assemble::{ExamChoices, assemble};
        use crate::exam::{Action, Exam};
        use crate::score::score;
        use crate::synthetic::correct_answer;

        let full = synthetic::generated_bank(&synthetic::sample_blueprint(), 200, 3);
        let early = open_index(&encode(&full).index).unwrap();
        let choices = ExamChoices::full_exam(&early.blueprints[0], 11);
        let form = assemble(&early, &choices).unwrap();
        assert_eq!(form, assemble(&full, &choices).unwrap());
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: 0 });
        for index in 0..exam.len() {
            let question = full.question(&exam.form.items[index].question_id).unwrap();
            let answer = correct_answer(question);
            assert!(exam.apply(Action::Answer { index, answer }));
        }
        exam.apply(Action::Submit { now_ms: 1 });
        let result = score(&early, &exam);
        assert_eq!(result.raw_correct, result.total);
        assert!(!early.content_ready());
    }

    #[test]
    fn a_damaged_question_reads_as_unreadable_and_the_rest_still_read() {
        let bank = sample();
        let mut packed = encode(&bank);
        let (chunk, range) =
            content_place(&open_index(&packed.index).unwrap().questions[5]).unwrap();
        packed.chunks[chunk][range.start] = b'#';
        let back = opened(&packed);
        assert_eq!(back.questions[5].content(), Content::unreadable());
        assert!(
            matches!(back.questions[5].content().body, Body::MultipleChoice { ref options } if options.is_empty())
        );
        assert_eq!(back.questions[6].content(), bank.questions[6].content());
    }

    #[test]
    fn a_chunk_of_another_length_is_refused() {
        let packed = encode(&sample());
        let bank = open_index(&packed.index).unwrap();
        let mut cut = packed.chunks[0].clone();
        cut.truncate(100);
        assert_eq!(
            install_chunk(&bank, 0, cut),
            Err(PackError::ChunkLength {
                chunk: 0,
                expected: packed.chunks[0].len(),
                found: 100
            })
        );
        assert_eq!(
            install_chunk(&bank, packed.chunks.len(), Vec::new()),
            Err(PackError::NoSuchChunk(packed.chunks.len()))
        );
        assert!(!bank.content_ready());
        assert_eq!(bank.all_missing_chunks().len(), packed.chunks.len());
    }

    #[test]
    fn a_large_bank_is_cut_into_chunks_and_an_exam_needs_only_its_own() {
        let full = synthetic::generated_bank(&synthetic::sample_blueprint(), 2000, 5);
        assert_eq!(encode(&full).chunks.len(), 1, "a small bank is one chunk");
        let chunk_bytes = 16 * 1024;
        let packed = encode_with(&full, 64 * 1024, chunk_bytes);
        assert!(packed.chunks.len() > 20, "{} chunks", packed.chunks.len());
        for chunk in &packed.chunks[1..] {
            assert!(chunk.len() <= chunk_bytes, "{} bytes", chunk.len());
            assert!(chunk.ends_with(b"\n"));
        }

        let bank = open_index(&packed.index).unwrap();
        let wanted = [1500, 700, 1500].map(|i| full.questions[i].id.clone());
        let ids = wanted.iter().map(String::as_str);
        let missing = bank.missing_chunks(ids.clone());
        let glossary_chunk = 0;
        assert_eq!(missing[0], glossary_chunk, "the glossary comes first");
        let (first, _) = content_place(bank.question(&wanted[0]).unwrap()).unwrap();
        let (second, _) = content_place(bank.question(&wanted[1]).unwrap()).unwrap();
        let mut expected = vec![glossary_chunk, first, second];
        expected.dedup();
        assert_eq!(missing, expected);

        for &chunk in &missing {
            install_chunk(&bank, chunk, packed.chunks[chunk].clone()).unwrap();
        }
        assert!(bank.missing_chunks(ids).is_empty());
        for id in &wanted {
            assert_eq!(
                bank.question(id).unwrap().content(),
                full.question(id).unwrap().content()
            );
        }
        assert_eq!(bank.glossary(), full.glossary());
        assert!(
            !bank.content_ready(),
            "the rest of the bank was not fetched"
        );
        let elsewhere = bank
            .questions
            .iter()
            .find(|q| !missing.contains(&content_place(q).unwrap().0))
            .unwrap();
        assert_eq!(elsewhere.content(), Content::unreadable());
    }

    #[test]
    fn all_chunks_at_once_must_be_exactly_the_chunks() {
        let packed = encode(&sample());
        let bank = open_index(&packed.index).unwrap();
        let mut longer = packed.all_chunks();
        longer.push(b'x');
        assert!(install_all_chunks(&bank, &longer).is_err());
        let opened = open_index(&packed.index).unwrap();
        install_all_chunks(&opened, &packed.all_chunks()).unwrap();
        assert!(opened.content_ready());
    }

    #[test]
    fn another_format_is_refused() {
        let packed = encode(&sample());
        let index = packed
            .index
            .replacen("{\"format\":3,", "{\"format\":99,", 1);
        assert_eq!(open_index(&index).unwrap_err(), PackError::Format(99));
    }

    #[test]
    fn garbage_is_refused() {
        assert!(matches!(open_index("<html>"), Err(PackError::Index(_))));
        assert!(matches!(open_index(""), Err(PackError::Index(_))));
    }
}
