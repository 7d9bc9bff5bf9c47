//! The bank as the site ships it: two files beside the wasm, written by `cargo xtask dist`.
//!
//! - The **index** (`bank-<revision>.json`): the format number, the revision, the blueprints,
//!   the case studies and every question's metadata — enough to show the start screen and to
//!   assemble, score and chart an exam — plus where each question's content lies in the
//!   content file. The app decodes it at startup.
//! - The **content file** (`bank-<revision>-content.json`): the glossary and then every
//!   question's [`Content`] (text, key, explanations), one JSON value per line. The app
//!   fetches it after the start screen is up and decodes a question only when it is first
//!   shown or scored, so startup does not grow with the bank's text.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Blueprint, CaseStudy, ContentFile, Lazy, Question};

/// Changes whenever the layout changes; a file of another format is refused, never misread.
pub const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Index<B, C, Q> {
    format: u32,
    revision: String,
    /// Length of the content file, checked when it arrives.
    content_bytes: usize,
    glossary: (usize, usize),
    /// `(start, end)` of each question's content, in `questions` order.
    contents: Vec<(usize, usize)>,
    blueprints: B,
    case_studies: C,
    questions: Q,
}

/// The index's file name for a bank revision.
#[must_use]
pub fn index_file_name(revision: &str) -> String {
    format!("bank-{revision}.json")
}

/// The content file's name: the app derives it from the index it opened, so the two always
/// belong together.
#[must_use]
pub fn content_file_name(revision: &str) -> String {
    format!("bank-{revision}-content.json")
}

/// The two files of a bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    pub index: String,
    pub content: Vec<u8>,
}

/// Why a bank file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The index is not a bank index.
    Index(String),
    /// Written by a different version of the app.
    Format(u32),
    /// The content file is not the one the index describes.
    ContentLength { expected: usize, found: usize },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Index(why) => write!(f, "the bank index does not decode: {why}"),
            Self::Format(found) => write!(f, "bank file format {found}, expected {FORMAT}"),
            Self::ContentLength { expected, found } => write!(
                f,
                "the content file has {found} bytes where the index expects {expected}"
            ),
        }
    }
}

impl std::error::Error for PackError {}

/// The index and content file for `bank`.
#[must_use]
pub fn encode(bank: &Bank) -> Packed {
    let mut content = Vec::new();
    let mut append = |json: String| {
        let start = content.len();
        content.extend_from_slice(json.as_bytes());
        let end = content.len();
        content.push(b'\n');
        (start, end)
    };
    let glossary = append(serde_json::to_string(bank.glossary()).expect("a glossary serialises"));
    let contents = bank
        .questions
        .iter()
        .map(|q| append(serde_json::to_string(q.content()).expect("content serialises")))
        .collect();
    let index = Index {
        format: FORMAT,
        revision: bank.revision.clone(),
        content_bytes: content.len(),
        glossary,
        contents,
        blueprints: &bank.blueprints,
        case_studies: &bank.case_studies,
        questions: &bank.questions,
    };
    Packed {
        index: serde_json::to_string(&index).expect("a bank index serialises"),
        content,
    }
}

/// Opens a bank from its index. Its questions' metadata is there at once; their content once
/// [`install_content`] has been given the content file.
///
/// # Errors
/// When the index does not decode or is of another format.
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
            "{} questions but {} content ranges",
            index.questions.len(),
            index.contents.len()
        )));
    }
    let file = ContentFile::default();
    let mut questions = index.questions;
    for (question, (start, end)) in questions.iter_mut().zip(index.contents) {
        question.set_content_source(Lazy::reading(&file, start..end));
    }
    let (start, end) = index.glossary;
    let glossary = Lazy::reading(&file, start..end);
    let bank = Bank::new(
        index.revision,
        index.blueprints,
        index.case_studies,
        questions,
        Vec::new(),
    );
    Ok(bank.reading_from(file, index.content_bytes, glossary))
}

/// Gives a bank opened by [`open_index`] its content file.
///
/// # Errors
/// When the file's length is not the one the index recorded (a different or cut-off file).
pub fn install_content(bank: &Bank, bytes: Vec<u8>) -> Result<(), PackError> {
    let Some((file, expected)) = bank.content_file() else {
        return Ok(());
    };
    if bytes.len() != expected {
        return Err(PackError::ContentLength {
            expected,
            found: bytes.len(),
        });
    }
    file.set(bytes);
    Ok(())
}

/// Where a question's content lies in the content file (for tests and tools).
#[must_use]
pub fn content_range(question: &Question) -> Option<Range<usize>> {
    question.content_range().cloned()
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
        install_content(&bank, packed.content.clone()).unwrap();
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
        install_content(&early, packed.content).unwrap();
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
        let range = content_range(&open_index(&packed.index).unwrap().questions[5]).unwrap();
        packed.content[range.start] = b'#';
        let back = opened(&packed);
        assert_eq!(back.questions[5].content(), Content::unreadable());
        assert!(
            matches!(back.questions[5].content().body, Body::MultipleChoice { ref options } if options.is_empty())
        );
        assert_eq!(back.questions[6].content(), bank.questions[6].content());
    }

    #[test]
    fn a_content_file_of_another_length_is_refused() {
        let packed = encode(&sample());
        let bank = open_index(&packed.index).unwrap();
        let mut cut = packed.content.clone();
        cut.truncate(100);
        assert_eq!(
            install_content(&bank, cut),
            Err(PackError::ContentLength {
                expected: packed.content.len(),
                found: 100
            })
        );
        assert!(!bank.content_ready());
    }

    #[test]
    fn another_format_is_refused() {
        let packed = encode(&sample());
        let index = packed
            .index
            .replacen("{\"format\":2,", "{\"format\":99,", 1);
        assert_eq!(open_index(&index).unwrap_err(), PackError::Format(99));
    }

    #[test]
    fn garbage_is_refused() {
        assert!(matches!(open_index("<html>"), Err(PackError::Index(_))));
        assert!(matches!(open_index(""), Err(PackError::Index(_))));
    }
}
