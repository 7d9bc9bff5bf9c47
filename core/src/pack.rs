//! The bank as the site ships it: files beside the wasm, written by `cargo xtask dist`.
//!
//! - The **index** (`bank-<revision>.json`): the format number, the revision, the blueprints,
//!   the case studies and every question's metadata — enough to show the start screen and to
//!   assemble, score and chart an exam — plus where each question's content lies. The app
//!   decodes it at startup. It leaves out the long texts no start screen shows: the skills'
//!   wordings, the change notes and the case studies' scenarios
//!   ([`GuideTexts`](crate::bank::GuideTexts)) ship in a chunk of their own per language
//!   (on the real bank the gzipped index went from 40.8 to 13.3 KiB, and each guide-text
//!   chunk is about 14 KiB).
//! - The **content chunks** (`bank-<revision>-content-<n>.json`), one JSON value per line, each
//!   chunk in ONE language: every question's [`Content`](crate::bank::Content) and the
//!   glossary are written twice, once with only the English text and once with only the
//!   Japanese (see [`Bilingual`]), so a reader downloads the text of their language, and the
//!   other language only when asked for it. Per language, the glossary has a chunk of its own
//!   (no question needs it to be shown), so do the guide texts (a case-study question needs
//!   them for its scenario, the guide and the comparison screens for the skills), and the
//!   questions are grouped by the set of exams
//!   they belong to (an MLA-C01 reader downloads no AIF-C01 text, and a question of two exams
//!   is shipped once per language), each group cut into chunks of about [`CHUNK_BYTES`]. The
//!   app fetches a chunk when a screen needs it (the start screen the first question's of the
//!   exam *Start* will begin, an exam the question on screen), the rest in the background; a
//!   question is decoded only when it is first shown.
//!
//! Sizes on the real bank (383 questions, level-9 gzip): one chunk of both languages was
//! 738 KiB, all of which the first question waited for. Now the English questions are 274 KiB
//! in 19 chunks and the Japanese 326 KiB in 23 (a chunk is 16 KiB at the median, 17 KiB at
//! most), the glossaries 75 and 86 KiB and the guide texts 14 and 15 KiB, so a first question
//! needs one chunk of about 16 KiB (a case-study question the guide texts' too). The price is
//! 5% more question data in all (802 KiB with the index, against 764): each chunk starts its
//! gzip history anew, and both languages' files repeat a question's structure (keys,
//! references) and the glossary's terms.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::{
    Bank, Bilingual, Blueprint, CaseStudy, ContentChunks, Lang, Lazy, Place, Question,
};
use crate::resolve::PastRelease;

/// Changes whenever the layout changes; a file of another format is refused, never misread.
pub const FORMAT: u32 = 5;

/// A chunk is closed before it would grow past this many bytes (a single longer value, such
/// as a language's glossary, makes a chunk of its own). Cutting costs gzip its history: on the
/// real bank 64 KiB chunks are 6% larger gzipped than one file per exam set and language, 32
/// KiB chunks 12%; under a phone's 1.6 Mbps, 64 KiB of text (about 17 KiB gzipped) takes
/// about 90 ms, which is what a first question not fetched before *Start* waits for.
pub const CHUNK_BYTES: usize = 64 * 1024;

#[derive(Serialize, Deserialize)]
struct Index<B, C, Q> {
    format: u32,
    revision: String,
    /// The language and length of each content chunk, checked when it arrives.
    chunks: Vec<(Lang, usize)>,
    /// The chunk of each language's glossary, in [`Lang::ALL`] order: its first line.
    glossary: [usize; 2],
    /// The chunk of each language's guide texts, in [`Lang::ALL`] order: its only line.
    guide: [usize; 2],
    /// The chunk of each question's content in each language, in `questions` order. Within a
    /// chunk, its questions' lines follow the glossary's (if it is there) in `questions`
    /// order, so a chunk number is all the index needs: byte ranges, at two per question and
    /// language, were a third of a 10,000-question bank's gzipped index.
    contents: Vec<[usize; 2]>,
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

/// Appends JSON lines to chunks of one language and at most `limit` bytes.
struct ChunkWriter {
    limit: usize,
    chunks: Vec<(Lang, Vec<u8>)>,
    /// Whether the last chunk takes more lines.
    open: bool,
}

impl ChunkWriter {
    /// The next line goes into a new chunk.
    fn close(&mut self) {
        self.open = false;
    }

    /// Appends one line of `lang` and says which chunk it went to.
    fn append(&mut self, lang: Lang, json: &str) -> usize {
        let fits = self.open
            && self
                .chunks
                .last()
                .is_some_and(|(l, chunk)| *l == lang && chunk.len() + json.len() < self.limit);
        if !fits {
            self.chunks.push((lang, Vec::new()));
            self.open = true;
        }
        let (_, chunk) = self.chunks.last_mut().expect("a chunk was just ensured");
        chunk.extend_from_slice(json.as_bytes());
        chunk.push(b'\n');
        self.chunks.len() - 1
    }
}

/// The questions grouped by the set of exams they belong to, as positions in bank order; the
/// groups in the order of their first question.
fn exam_sets(bank: &Bank) -> Vec<Vec<usize>> {
    let mut groups: Vec<(Vec<&str>, Vec<usize>)> = Vec::new();
    for (position, question) in bank.questions.iter().enumerate() {
        let mut exams: Vec<&str> = question.exams().collect();
        exams.sort_unstable();
        match groups.iter_mut().find(|(set, _)| *set == exams) {
            Some((_, members)) => members.push(position),
            None => groups.push((exams, vec![position])),
        }
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("bank content serialises")
}

/// The index and content chunks for `bank`.
#[must_use]
pub fn encode(bank: &Bank) -> Packed {
    encode_with(bank, CHUNK_BYTES)
}

/// [`encode`] with another chunk size (tests cut small banks).
fn encode_with(bank: &Bank, chunk_bytes: usize) -> Packed {
    let groups = exam_sets(bank);
    let mut writer = ChunkWriter {
        limit: chunk_bytes,
        chunks: Vec::new(),
        open: false,
    };
    let mut glossary = [0; 2];
    let mut guide = [0; 2];
    let mut contents = vec![[0; 2]; bank.questions.len()];
    let whole_glossary = bank.glossary().to_vec();
    let guide_texts = bank.guide_texts().cloned().unwrap_or_default();
    for lang in Lang::ALL {
        writer.close();
        glossary[lang.index()] = writer.append(lang, &json(&whole_glossary.only(lang)));
        writer.close();
        guide[lang.index()] = writer.append(lang, &json(&guide_texts.only(lang)));
        for group in &groups {
            writer.close();
            for &position in group {
                let part = bank.questions[position].content().only(lang);
                contents[position][lang.index()] = writer.append(lang, &json(&part));
            }
        }
    }
    let index = Index {
        format: FORMAT,
        revision: bank.revision.clone(),
        chunks: writer
            .chunks
            .iter()
            .map(|(lang, chunk)| (*lang, chunk.len()))
            .collect(),
        glossary,
        guide,
        contents,
        blueprints: &bank.blueprints,
        case_studies: &bank.case_studies,
        questions: &bank.questions,
        past: bank.past.clone(),
    };
    Packed {
        index: serde_json::to_string(&index).expect("a bank index serialises"),
        chunks: writer.chunks.into_iter().map(|(_, chunk)| chunk).collect(),
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
    // Each value's line: the glossary first in its chunk, then the questions in order.
    let mut lines_taken = vec![0_usize; index.chunks.len()];
    let mut place = |lang: Lang, chunk: usize| match index.chunks.get(chunk) {
        Some(&(of, _)) if of == lang => {
            let line = lines_taken[chunk];
            lines_taken[chunk] += 1;
            Ok(Place { chunk, line })
        }
        _ => Err(PackError::Index(format!(
            "{} content in chunk {chunk}, which is not a chunk of that language",
            lang.tag()
        ))),
    };
    let glossary_places = [
        place(Lang::En, index.glossary[0])?,
        place(Lang::Ja, index.glossary[1])?,
    ];
    let guide_places = [
        place(Lang::En, index.guide[0])?,
        place(Lang::Ja, index.guide[1])?,
    ];
    let question_places = index
        .contents
        .iter()
        .map(|&[en, ja]| Ok([place(Lang::En, en)?, place(Lang::Ja, ja)?]))
        .collect::<Result<Vec<_>, PackError>>()?;
    let chunks = ContentChunks::new(index.chunks.iter().map(|&(_, len)| len).collect());
    let mut questions = index.questions;
    for (question, places) in questions.iter_mut().zip(question_places) {
        question.set_content_source(Lazy::reading(&chunks, places));
    }
    let glossary = Lazy::reading(&chunks, glossary_places);
    let guide = Lazy::reading(&chunks, guide_places);
    let mut bank = Bank::new(
        index.revision,
        index.blueprints,
        index.case_studies,
        questions,
        Vec::new(),
    );
    bank.past = index.past;
    Ok(bank.reading_from(chunks, glossary, guide))
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

/// Where a question's content in `lang` lies: its chunk and line (for tests and tools).
#[must_use]
pub fn content_place(question: &Question, lang: Lang) -> Option<(usize, usize)> {
    question
        .content_place(lang)
        .map(|place| (place.chunk, place.line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Body, Content};

    #[test]
    fn each_language_reads_alone_and_both_read_whole() {
        let bank = sample();
        let packed = encode(&bank);
        for lang in Lang::ALL {
            let opened = open_index(&packed.index).unwrap();
            for chunk in opened.missing_in(lang) {
                install_chunk(&opened, chunk, packed.chunks[chunk].clone()).unwrap();
            }
            assert!(opened.missing_in(lang).is_empty());
            assert!(!opened.missing_in(lang.other()).is_empty());
            let question = &opened.questions[4];
            assert_eq!(question.content(), &bank.questions[4].content().only(lang));
            assert!(!question.content().stem.get(lang).is_empty());
            assert!(question.content().stem.get(lang.other()).is_empty());
            for chunk in opened.missing_in(lang.other()) {
                install_chunk(&opened, chunk, packed.chunks[chunk].clone()).unwrap();
            }
            assert!(opened.content_ready());
            assert_eq!(opened, bank);
        }
    }
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
        let (chunk, line) =
            content_place(&open_index(&packed.index).unwrap().questions[5], Lang::En).unwrap();
        let start = match line {
            0 => 0,
            _ => {
                let ends = packed.chunks[chunk].iter().enumerate();
                ends.filter(|(_, b)| **b == b'\n').nth(line - 1).unwrap().0 + 1
            }
        };
        packed.chunks[chunk][start] = b'#';
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
        let (chunk, _) = content_place(&bank.questions[0], Lang::En).unwrap();
        let mut cut = packed.chunks[chunk].clone();
        cut.truncate(100);
        assert_eq!(
            install_chunk(&bank, chunk, cut),
            Err(PackError::ChunkLength {
                chunk,
                expected: packed.chunks[chunk].len(),
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
    fn a_bank_is_cut_into_chunks_and_an_exam_needs_only_its_own_in_its_language() {
        let full = synthetic::generated_bank(&synthetic::sample_blueprint(), 2000, 5);
        let chunk_bytes = 16 * 1024;
        let packed = encode_with(&full, chunk_bytes);
        assert!(packed.chunks.len() > 40, "{} chunks", packed.chunks.len());
        let bank = open_index(&packed.index).unwrap();
        let single_values = Lang::ALL.map(|lang| {
            let mut chunks = bank.missing_glossary(lang);
            chunks.extend(bank.missing_guide(lang));
            chunks
        });
        for (k, chunk) in packed.chunks.iter().enumerate() {
            if !single_values.iter().any(|g| g.contains(&k)) {
                assert!(chunk.len() <= chunk_bytes, "{} bytes", chunk.len());
            }
            assert!(chunk.ends_with(b"\n"));
        }

        let wanted = [1500, 700, 1500].map(|i| full.questions[i].id.clone());
        let ids = wanted.iter().map(String::as_str);
        let missing = bank.missing_chunks(Lang::Ja, ids.clone());
        let (first, _) = content_place(bank.question(&wanted[0]).unwrap(), Lang::Ja).unwrap();
        let (second, _) = content_place(bank.question(&wanted[1]).unwrap(), Lang::Ja).unwrap();
        assert_eq!(missing, vec![first, second], "in the order first needed");
        assert!(
            bank.missing_chunks(Lang::En, ids.clone())
                .iter()
                .all(|k| !missing.contains(k)),
            "each language has chunks of its own"
        );

        for &chunk in &missing {
            install_chunk(&bank, chunk, packed.chunks[chunk].clone()).unwrap();
        }
        assert!(bank.missing_chunks(Lang::Ja, ids.clone()).is_empty());
        for id in &wanted {
            let shown = bank.question(id).unwrap().content();
            let whole = full.question(id).unwrap().content();
            assert_eq!(shown, &whole.only(Lang::Ja), "the Japanese text only");
            assert!(shown.stem.en.is_empty() && !shown.stem.ja.is_empty());
        }
        assert!(bank.glossary().is_empty(), "no question needs the glossary");
        assert!(
            !bank.content_ready(),
            "the rest of the bank was not fetched"
        );
        let elsewhere = bank
            .questions
            .iter()
            .find(|q| !missing.contains(&content_place(q, Lang::Ja).unwrap().0))
            .unwrap();
        assert_eq!(elsewhere.content(), Content::unreadable());

        // The other language joins in when it arrives: the question then reads whole.
        for chunk in bank.missing_chunks(Lang::En, ids.clone()) {
            install_chunk(&bank, chunk, packed.chunks[chunk].clone()).unwrap();
        }
        for id in &wanted {
            assert_eq!(
                bank.question(id).unwrap().content(),
                full.question(id).unwrap().content()
            );
        }
        for chunk in bank.missing_glossary(Lang::En) {
            install_chunk(&bank, chunk, packed.chunks[chunk].clone()).unwrap();
        }
        assert_eq!(bank.glossary(), full.glossary().to_vec().only(Lang::En));
    }

    #[test]
    fn questions_are_grouped_by_the_exams_they_belong_to() {
        let mut full = synthetic::generated_bank(&synthetic::sample_blueprint(), 300, 9);
        let code = full.blueprints[0].code.clone();
        let mut other = full.blueprints[0].clone();
        other.code = format!("{code}-other");
        full.blueprints.push(other.clone());
        // Every third question moves to the other exam, every fifth belongs to both.
        for (k, question) in full.questions.iter_mut().enumerate() {
            let mut placement = question.placements[0].clone();
            placement.exam.clone_from(&other.code);
            if k % 5 == 0 {
                question.placements.push(placement);
            } else if k % 3 == 0 {
                question.placements = vec![placement];
            }
        }
        let packed = encode_with(&full, 8 * 1024);
        let bank = open_index(&packed.index).unwrap();
        for lang in Lang::ALL {
            let chunks_of = |exam: &str| {
                bank.missing_chunks(
                    lang,
                    bank.questions_for(exam).map(|q| q.question.id.as_str()),
                )
            };
            let (first, second) = (chunks_of(&code), chunks_of(&other.code));
            for question in &bank.questions {
                let (chunk, _) = content_place(question, lang).unwrap();
                let in_first = question.belongs_to(&code);
                let in_second = question.belongs_to(&other.code);
                if !(in_first && in_second) {
                    assert_eq!(first.contains(&chunk), in_first, "{}", question.id);
                    assert_eq!(second.contains(&chunk), in_second, "{}", question.id);
                }
            }
        }
        let written: usize = packed.chunks.iter().map(|c| bytecount(c, b'\n')).sum();
        assert_eq!(
            written,
            2 * (full.questions.len() + 2),
            "each value once per language (the questions, the glossary, the guide texts)"
        );
    }

    #[test]
    fn the_guide_texts_arrive_with_their_own_chunk_and_a_case_study_question_needs_it() {
        let mut full = sample();
        let mut next = synthetic::sample_blueprint();
        next.code = "next-c02".into();
        next.replaces = Some(crate::bank::Replacement {
            exam: full.blueprints[0].code.clone(),
            source_url: String::new(),
            skills: vec![crate::bank::SkillChange {
                from: Vec::new(),
                to: vec!["1.1.1".into()],
                kind: crate::bank::ChangeKind::Added,
                basis: crate::bank::Basis::Aws,
                note: Some(crate::bank::Text {
                    en: "A note".into(),
                    ja: "注記".into(),
                }),
            }],
        });
        full.add_blueprint(next);
        let packed = encode(&full);
        let skill = &full.blueprints[0].domains[0].tasks[0].skills[0].id;
        let exam = &full.blueprints[0].code;
        let english = &full.skill_text(exam, skill).unwrap().en;
        assert!(!english.is_empty());
        assert!(
            !packed.index.contains(english.as_str()),
            "the index leaves the skills' wordings out"
        );
        let bank = open_index(&packed.index).unwrap();
        assert_eq!(bank.skill_text(exam, skill), None, "not in yet");
        let case = &full.case_studies[0].id;
        let in_case = full
            .questions
            .iter()
            .find(|q| q.case_study.as_ref() == Some(case))
            .unwrap();
        let without_case = full.questions.iter().find(|q| q.case_study.is_none());
        for lang in Lang::ALL {
            let guide = bank.missing_guide(lang);
            assert_eq!(guide.len(), 1);
            let needed = bank.missing_chunks(lang, [in_case.id.as_str()]);
            assert!(needed.contains(&guide[0]), "{needed:?} lacks {guide:?}");
            let plain = bank.missing_chunks(lang, without_case.map(|q| q.id.as_str()));
            assert!(!plain.contains(&guide[0]));
        }
        for chunk in bank.missing_chunks(Lang::Ja, [in_case.id.as_str()]) {
            install_chunk(&bank, chunk, packed.chunks[chunk].clone()).unwrap();
        }
        let wording = bank.skill_text(exam, skill).unwrap();
        assert_eq!(wording.ja, full.skill_text(exam, skill).unwrap().ja);
        assert!(wording.en.is_empty(), "the Japanese part only");
        assert_eq!(
            bank.change_note("next-c02", 0).map(|n| n.ja.as_str()),
            Some("注記")
        );
        assert_eq!(bank.change_note("next-c02", 1), None);
        let scenario = bank.scenario(case).unwrap();
        assert_eq!(scenario.ja, full.scenario(case).unwrap().ja);
        assert!(!scenario.ja.is_empty());
    }

    fn bytecount(bytes: &[u8], byte: u8) -> usize {
        bytes.iter().filter(|&&b| b == byte).count()
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
            .replacen(&format!("{{\"format\":{FORMAT},"), "{\"format\":99,", 1);
        assert_eq!(open_index(&index).unwrap_err(), PackError::Format(99));
    }

    #[test]
    fn content_placed_in_the_other_language_s_chunk_is_refused() {
        let packed = encode(&sample());
        let bank = open_index(&packed.index).unwrap();
        let [en, ja] = Lang::ALL.map(|lang| bank.missing_glossary(lang)[0]);
        let swapped = packed.index.replacen(
            &format!("\"glossary\":[{en},{ja}]"),
            &format!("\"glossary\":[{ja},{en}]"),
            1,
        );
        assert_ne!(swapped, packed.index);
        assert!(matches!(open_index(&swapped), Err(PackError::Index(_))));
    }

    #[test]
    fn garbage_is_refused() {
        assert!(matches!(open_index("<html>"), Err(PackError::Index(_))));
        assert!(matches!(open_index(""), Err(PackError::Index(_))));
    }
}
