//! The bank file the site ships beside the wasm: the compiled bank as JSON lines.
//!
//! Line 1 is the index: the format number, the revision, the blueprints, the case studies and
//! every question's metadata (enough to assemble and score an exam's shape). Line 2 is the
//! glossary. Then comes one line per question, in index order, with its [`Content`]. Decoding
//! the file reads line 1 and only finds where the other lines are; each question's content is
//! decoded when it is first shown or scored, so startup does not grow with the bank's text.
//!
//! JSON never contains a raw line break (strings escape it), so a line is always one value.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Blueprint, CaseStudy, Lazy, Question};

/// Changes whenever the layout changes; a file of another format is refused, never misread.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct IndexOut<'a> {
    format: u32,
    revision: &'a str,
    blueprints: &'a [Blueprint],
    case_studies: &'a [CaseStudy],
    questions: &'a [Question],
}

#[derive(Deserialize)]
struct IndexIn {
    format: u32,
    revision: String,
    blueprints: Vec<Blueprint>,
    case_studies: Vec<CaseStudy>,
    questions: Vec<Question>,
}

/// Why a bank file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The first line is not a bank index.
    Index(String),
    /// Written by a different version of the app.
    Format(u32),
    /// Fewer content lines than the index lists questions.
    Truncated { questions: usize, lines: usize },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Index(why) => write!(f, "the bank index does not decode: {why}"),
            Self::Format(found) => write!(f, "bank file format {found}, expected {FORMAT}"),
            Self::Truncated { questions, lines } => write!(
                f,
                "the bank file lists {questions} questions but holds {lines} content lines"
            ),
        }
    }
}

impl std::error::Error for PackError {}

/// The bank file for `bank`.
#[must_use]
pub fn encode(bank: &Bank) -> String {
    let index = IndexOut {
        format: FORMAT,
        revision: &bank.revision,
        blueprints: &bank.blueprints,
        case_studies: &bank.case_studies,
        questions: &bank.questions,
    };
    let mut out = serde_json::to_string(&index).expect("a bank index serialises");
    out.push('\n');
    out.push_str(&serde_json::to_string(bank.glossary()).expect("a glossary serialises"));
    for question in &bank.questions {
        out.push('\n');
        out.push_str(&serde_json::to_string(question.content()).expect("content serialises"));
    }
    out.push('\n');
    out
}

/// Opens a bank file, decoding only its index.
///
/// # Errors
/// When the index does not decode, the format differs or content lines are missing.
pub fn decode(text: impl Into<Arc<str>>) -> Result<Bank, PackError> {
    let text: Arc<str> = text.into();
    let mut lines = LineRanges::new(&text);
    let index_range = lines.next().unwrap_or(0..0);
    let index: IndexIn =
        serde_json::from_str(&text[index_range]).map_err(|e| PackError::Index(e.to_string()))?;
    if index.format != FORMAT {
        return Err(PackError::Format(index.format));
    }
    let glossary = lines.next().unwrap_or(0..0);
    let mut questions = index.questions;
    let total = questions.len();
    for (n, question) in questions.iter_mut().enumerate() {
        let range = lines.next().ok_or(PackError::Truncated {
            questions: total,
            lines: n,
        })?;
        question.set_content_source(Lazy::json(Arc::clone(&text), range));
    }
    let bank = Bank::new(
        index.revision,
        index.blueprints,
        index.case_studies,
        questions,
        Vec::new(),
    );
    Ok(bank.with_glossary_source(Lazy::json(text, glossary)))
}

/// Byte ranges of the lines of a text, without their line breaks.
struct LineRanges<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> LineRanges<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }
}

impl Iterator for LineRanges<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.at = end + 1;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Body, Content};
    use crate::synthetic;

    fn sample() -> Bank {
        synthetic::generated_bank(&synthetic::sample_blueprint(), 40, 7)
    }

    #[test]
    fn a_bank_survives_the_round_trip() {
        let bank = sample();
        let opened = decode(encode(&bank)).unwrap();
        assert_eq!(opened, bank);
        assert_eq!(encode(&opened), encode(&bank));
    }

    #[test]
    fn one_line_per_question_after_index_and_glossary() {
        let bank = sample();
        assert_eq!(encode(&bank).lines().count(), 2 + bank.questions.len());
    }

    #[test]
    fn content_is_decoded_only_when_asked_for() {
        let bank = sample();
        let mut text = encode(&bank);
        // Damage the last question's content line: opening still works, and only that
        // question reads as unreadable.
        text.truncate(text.len() - 10);
        text.push('\n');
        let opened = decode(text).unwrap();
        let last = opened.questions.last().unwrap();
        assert_eq!(last.content(), Content::unreadable());
        assert!(
            matches!(last.content().body, Body::MultipleChoice { ref options } if options.is_empty())
        );
        assert_eq!(opened.questions[0].content(), bank.questions[0].content());
    }

    #[test]
    fn another_format_is_refused() {
        let text = encode(&sample()).replacen("{\"format\":1,", "{\"format\":99,", 1);
        assert_eq!(decode(text).unwrap_err(), PackError::Format(99));
    }

    #[test]
    fn a_truncated_file_is_refused_with_counts() {
        let bank = sample();
        let text = encode(&bank);
        let cut: String = text.lines().take(12).map(|l| format!("{l}\n")).collect();
        assert_eq!(
            decode(cut).unwrap_err(),
            PackError::Truncated {
                questions: bank.questions.len(),
                lines: 10
            }
        );
    }

    #[test]
    fn garbage_is_refused() {
        assert!(matches!(decode("<html>"), Err(PackError::Index(_))));
        assert!(matches!(decode(""), Err(PackError::Index(_))));
    }
}
