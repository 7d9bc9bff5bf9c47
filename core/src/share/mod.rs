//! Links for study groups: an exam, or one person's result, carried in a URL fragment.
//!
//! There is no server: everything a reader needs travels in the link, which browsers never
//! send to the host. Assembly is deterministic ([`crate::assemble`]), so a link carries the
//! *exam key* (blueprint code, the [`ExamChoices`], the seed inside them and the bank
//! revision) rather than the questions, and the reader assembles the same form again.
//!
//! # Format (version 2; version 1 links still open)
//!
//! A link payload is base64url (no padding) of
//!
//! ```text
//! 'M' | version | kind | LEB128 body length | body | CRC-32 (little endian) of all before it
//! ```
//!
//! - kind 1, an **exam link**: the exam key, the number of questions, a 32-bit fingerprint of
//!   the form (question ids, option orders and answer shapes) and one byte per question
//!   (a hash of that question's id, option order, answer shape and, since version 2, its
//!   [revision](crate::bank::Question::revision)), so a reader whose bank differs can be told
//!   how much of the exam differs.
//! - kind 2, a **result link**: the exam key, the form fingerprint, a display name, when the
//!   exam finished and the time used, whether time ran out, the number of questions, since
//!   version 2 each question's revision tag (the low 16 bits of its
//!   [revision](crate::bank::Question::revision), little endian; 0 for a question the maker's
//!   bank no longer had as it was answered), and the answers, bit-packed against
//!   the form's [`AnswerShape`]s: one bit "answered", then the option index
//!   (`⌈log2 options⌉` bits), the option set (one bit per option) or each slot
//!   (`⌈log2 (responses + 1)⌉` bits, 0 for an empty slot).
//!
//! Decoding never panics and checks everything: the envelope (malformed, truncated,
//! oversized, unknown version, wrong kind, checksum), every value (no unknown modes, flags or
//! padding bits, a display name in normal form), and then the content against the bank: the
//! exam exists and assembles, the result's answers are for exactly the questions of that
//! form and each fits its question's shape ([`AnswerShape::accepts`]).
//!
//! A result is scored against the reader's bank with the question revisions it carries: a
//! question that changed between the maker's bank and the reader's is left out of the score,
//! never graded with a key the maker did not answer against ([`crate::resolve`]). A version-1
//! link carries no revisions; its bank revision is matched through the bank's record of
//! releases, and a revision the record does not know leaves every question out.

mod answers;
mod key;
mod marks;
#[cfg(test)]
mod tests;
mod wire;

use std::fmt;

use crate::assemble::{AssembleError, ExamChoices, ExamForm, assemble};
use crate::bank::Bank;
use crate::exam::{Answer, Exam, Phase, SubmitReason};
use crate::history::Attempt;
use crate::resolve::resolve;
use crate::score::{ExamResult, score};
use answers::{read_answer, write_answer};
use key::{read_key, write_key};
use marks::{fingerprint, item_mark, revision_tag};
use wire::{BitReader, BitWriter, Reader, Writer, seal, unseal};

/// The format version written by this build.
pub const VERSION: u8 = 2;
/// The oldest format version this build still opens.
pub const OLDEST_VERSION: u8 = 1;
/// The longest payload accepted, in characters; anything longer is refused unread.
pub const MAX_LINK_CHARS: usize = 16_000;
/// The longest display name, in characters (after [`display_name`]).
pub const MAX_NAME_CHARS: usize = 40;

const MAGIC: u8 = b'M';
const KIND_EXAM: u8 = 1;
const KIND_RESULT: u8 = 2;
/// Caps that keep a crafted link from asking for huge allocations.
const MAX_ITEMS: usize = 2_000;
const MAX_LIST: usize = 10_000;
const MAX_STR: usize = 255;

/// What a link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Exam,
    Result,
}

/// Why a link cannot be opened. Every variant means nothing was written anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing to read.
    Empty,
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong { chars: usize },
    /// Not a Mogi link at all (characters outside base64url, or the wrong start).
    Malformed,
    /// The link stops early (often cut off by a chat app or when copying).
    Truncated,
    /// Written by a version of Mogi this one does not read.
    UnsupportedVersion(u8),
    /// An exam link where a result link was expected, or the other way round.
    WrongKind { expected: LinkKind },
    /// The checksum does not match: the link was changed or damaged.
    Checksum,
    /// The content is impossible (unknown mode, bad name, stray bits …): tampered with.
    Invalid(&'static str),
    /// The site has no exam with this code.
    UnknownExam(String),
    /// The exam cannot be assembled from this site's bank.
    CannotAssemble(AssembleError),
    /// The result has answers for a different number of questions than its exam has.
    AnswerCount { link: usize, exam: usize },
    /// The result was made with another bank whose exam has different questions here, so
    /// its answers cannot be scored.
    DifferentQuestions { link_revision: String },
    /// Question `question` (1-based) has an answer that does not fit it.
    ImpossibleAnswer { question: usize },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the link is empty"),
            Self::TooLong { chars } => write!(
                f,
                "the link is {chars} characters long; at most {MAX_LINK_CHARS} are read"
            ),
            Self::Malformed => write!(f, "this is not a Mogi link"),
            Self::Truncated => write!(f, "the link is cut off"),
            Self::UnsupportedVersion(v) => {
                write!(
                    f,
                    "the link has format version {v}; this site reads {OLDEST_VERSION} to {VERSION}"
                )
            }
            Self::WrongKind {
                expected: LinkKind::Exam,
            } => write!(f, "this is a result link, not an exam link"),
            Self::WrongKind {
                expected: LinkKind::Result,
            } => write!(f, "this is an exam link, not a result link"),
            Self::Checksum => write!(f, "the link was changed or damaged (checksum mismatch)"),
            Self::Invalid(what) => write!(f, "the link holds an impossible value: {what}"),
            Self::UnknownExam(code) => write!(f, "this site has no exam \"{code}\""),
            Self::CannotAssemble(e) => write!(f, "the exam cannot be built here: {e}"),
            Self::AnswerCount { link, exam } => write!(
                f,
                "the link has answers for {link} questions but the exam has {exam}"
            ),
            Self::DifferentQuestions { link_revision } => write!(
                f,
                "the result was made with question bank {link_revision}, whose exam differs from this site's"
            ),
            Self::ImpossibleAnswer { question } => {
                write!(f, "the answer to question {question} does not fit it")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// How an opened exam link compares with the exam this site assembles from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankDifference {
    pub link_revision: String,
    pub here_revision: String,
    /// Questions in the exam the link's maker got.
    pub link_questions: usize,
    /// Questions in the exam assembled here.
    pub here_questions: usize,
    /// Positions whose question (or option order) differs from the maker's.
    pub changed: usize,
}

impl BankDifference {
    /// The exam here is question for question the maker's (only the revision differs).
    #[must_use]
    pub fn same_exam(&self) -> bool {
        self.changed == 0 && self.link_questions == self.here_questions
    }
}

/// An exam link, opened against this site's bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedExam {
    /// The choices (and seed) the link carries; start the exam with these.
    pub choices: ExamChoices,
    /// The form they give with this site's bank.
    pub form: ExamForm,
    /// `None` when the bank revision is the maker's and the form is identical.
    pub difference: Option<BankDifference>,
}

/// A result link, opened and scored against this site's bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedResult {
    /// Plain text, possibly empty; never interpret it as markup.
    pub name: String,
    pub form: ExamForm,
    pub answers: Vec<Option<Answer>>,
    /// When the sitting ended (milliseconds since the Unix epoch).
    pub finished_at_ms: u64,
    pub time_used_ms: u64,
    pub time_up: bool,
    /// Recomputed here from the answers.
    pub result: ExamResult,
    /// The bank revision the result was made with, when it is not this site's (the questions
    /// are the same, but the score is computed with this site's keys).
    pub other_revision: Option<String>,
    /// The exam link for the same exam (groups results of one exam together).
    pub exam_link: String,
}

impl OpenedResult {
    /// The sitting the link describes.
    #[must_use]
    pub fn exam(&self) -> Exam {
        sitting(
            &self.form,
            &self.answers,
            self.finished_at_ms,
            self.time_used_ms,
            self.time_up,
        )
    }

    /// A history record of this result. Its id is the original attempt's, so adding it to
    /// a history that has it (or adding it twice) adds nothing.
    #[must_use]
    pub fn attempt(&self, bank: &Bank) -> Attempt {
        Attempt::record(bank, &self.exam(), self.finished_at_ms)
    }
}

/// A submitted sitting of `form` with these answers.
fn sitting(
    form: &ExamForm,
    answers: &[Option<Answer>],
    finished_at_ms: u64,
    time_used_ms: u64,
    time_up: bool,
) -> Exam {
    let mut exam = Exam::new(form.clone());
    exam.answers = answers.to_vec();
    exam.started_at_ms = Some(finished_at_ms.saturating_sub(time_used_ms));
    exam.phase = Phase::Submitted {
        at_ms: finished_at_ms,
        reason: if time_up {
            SubmitReason::TimeUp
        } else {
            SubmitReason::Candidate
        },
    };
    exam
}

/// A display name in the form links carry: control characters removed, surrounding space
/// trimmed, at most [`MAX_NAME_CHARS`] characters.
#[must_use]
pub fn display_name(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !c.is_control()).collect();
    cleaned
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// The payload of a link for the exam of `form` (without the `#/take/` route).
#[must_use]
pub fn encode_exam(form: &ExamForm) -> String {
    let mut body = Writer::default();
    write_key(&mut body, form);
    body.varint(form.items.len() as u64);
    body.u32(fingerprint(form));
    for item in &form.items {
        body.byte(item_mark(item, VERSION));
    }
    seal(KIND_EXAM, &body.bytes)
}

/// The payload of a link for a finished attempt, with an optional display name (normalised by
/// [`display_name`]). Each question's revision is the one it was answered against, as `bank`
/// (this site's) resolves it: 0 for a question changed or removed since.
#[must_use]
pub fn encode_result(bank: &Bank, attempt: &Attempt, name: &str) -> String {
    let form = &attempt.form;
    let mut body = Writer::default();
    write_key(&mut body, form);
    body.u32(fingerprint(form));
    body.str(&display_name(name));
    body.varint(attempt.finished_at_ms);
    body.varint(attempt.result.time_used_ms);
    body.byte(u8::from(
        attempt.result.submit_reason == Some(SubmitReason::TimeUp),
    ));
    body.varint(form.items.len() as u64);
    for item in &form.items {
        let tag = resolve(bank, &form.bank_revision, item)
            .current()
            .map_or(0, revision_tag);
        body.bytes.extend_from_slice(&tag.to_le_bytes());
    }
    let mut bits = BitWriter::default();
    for (i, item) in form.items.iter().enumerate() {
        let answer = attempt
            .answers
            .get(i)
            .and_then(Option::as_ref)
            .filter(|a| item.shape.accepts(a));
        write_answer(&mut bits, item.shape, answer);
    }
    body.bytes.extend(bits.finish());
    seal(KIND_RESULT, &body.bytes)
}

/// The payload inside pasted text: a whole link (`…#/result/<payload>` or `#/take/…`) or the
/// bare payload.
#[must_use]
pub fn payload_of(text: &str) -> &str {
    let text = text.trim();
    for marker in ["#/result/", "#/take/"] {
        if let Some(at) = text.rfind(marker) {
            return &text[at + marker.len()..];
        }
    }
    text
}

/// Opens an exam link against `bank`.
///
/// # Errors
///
/// A [`ShareError`] saying what is wrong with the link, or why its exam cannot be built here.
pub fn open_exam(bank: &Bank, payload: &str) -> Result<OpenedExam, ShareError> {
    let link = parse_exam(payload)?;
    let form = assemble_key(bank, &link.choices)?;
    let marks: Vec<u8> = form
        .items
        .iter()
        .map(|item| item_mark(item, link.version))
        .collect();
    let changed = link
        .marks
        .iter()
        .zip(&marks)
        .filter(|(a, b)| a != b)
        .count()
        + link.marks.len().abs_diff(marks.len());
    let difference = (link.revision != bank.revision || link.fingerprint != fingerprint(&form))
        .then(|| BankDifference {
            link_revision: link.revision.clone(),
            here_revision: bank.revision.clone(),
            link_questions: link.marks.len(),
            here_questions: form.items.len(),
            changed,
        });
    Ok(OpenedExam {
        choices: link.choices,
        form,
        difference,
    })
}

/// Opens a result link against `bank` and scores it.
///
/// # Errors
///
/// A [`ShareError`] saying what is wrong with the link, or why it cannot be scored here.
pub fn open_result(bank: &Bank, payload: &str) -> Result<OpenedResult, ShareError> {
    let (version, body) = unseal(payload, LinkKind::Result)?;
    let mut r = Reader::new(&body);
    let (choices, revision) = read_key(&mut r)?;
    let link_fingerprint = r.u32()?;
    let name = r.str()?;
    if name != display_name(&name) {
        return Err(ShareError::Invalid("display name"));
    }
    let finished_at_ms = r.varint()?;
    let time_used_ms = r.varint()?;
    if time_used_ms > finished_at_ms {
        return Err(ShareError::Invalid("time used"));
    }
    let time_up = match r.byte()? {
        0 => false,
        1 => true,
        _ => return Err(ShareError::Invalid("flags")),
    };
    let count = r.count(MAX_ITEMS)?;
    let tags = if version >= 2 {
        (0..count)
            .map(|_| r.take(2).map(|b| u16::from_le_bytes([b[0], b[1]])))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    let answer_bits = r.rest();

    let mut form = assemble_key(bank, &choices)?;
    if count != form.items.len() {
        return Err(ShareError::AnswerCount {
            link: count,
            exam: form.items.len(),
        });
    }
    if link_fingerprint != fingerprint(&form) {
        return Err(ShareError::DifferentQuestions {
            link_revision: revision,
        });
    }
    // The questions as the maker answered them: what the link says, not this bank. A tag
    // that is this bank's question's is that revision (two revisions share a tag once in
    // 65,536); any other stands for a revision this bank does not have (`!revision`). A version-1 link has
    // no tags: its bank revision is matched through the record of releases.
    form.bank_revision.clone_from(&revision);
    if version >= 2 {
        for (item, &tag) in form.items.iter_mut().zip(&tags) {
            let here = bank.question(&item.question_id);
            item.revision = match here {
                Some(q) if tag != 0 && revision_tag(q) == tag => Some(q.revision()),
                Some(q) => Some(!q.revision()),
                None => None,
            };
        }
    } else {
        for item in &mut form.items {
            item.revision = None;
        }
    }
    let mut bits = BitReader::new(answer_bits);
    let mut answers = Vec::with_capacity(count);
    for (i, item) in form.items.iter().enumerate() {
        answers.push(read_answer(&mut bits, item.shape, i + 1)?);
    }
    bits.finish()?;

    let exam = sitting(&form, &answers, finished_at_ms, time_used_ms, time_up);
    Ok(OpenedResult {
        name,
        exam_link: encode_exam(&form),
        result: score(bank, &exam),
        form,
        answers,
        finished_at_ms,
        time_used_ms,
        time_up,
        other_revision: (revision != bank.revision).then_some(revision),
    })
}

/// An exam link's content before it meets a bank.
#[derive(Debug, PartialEq, Eq)]
struct ExamLink {
    version: u8,
    choices: ExamChoices,
    revision: String,
    fingerprint: u32,
    marks: Vec<u8>,
}

fn parse_exam(payload: &str) -> Result<ExamLink, ShareError> {
    let (version, body) = unseal(payload, LinkKind::Exam)?;
    let mut r = Reader::new(&body);
    let (choices, revision) = read_key(&mut r)?;
    let count = r.count(MAX_ITEMS)?;
    let fingerprint = r.u32()?;
    let marks = r.take(count)?.to_vec();
    r.end()?;
    Ok(ExamLink {
        version,
        choices,
        revision,
        fingerprint,
        marks,
    })
}

fn assemble_key(bank: &Bank, choices: &ExamChoices) -> Result<ExamForm, ShareError> {
    if bank.blueprint(&choices.exam).is_none() {
        return Err(ShareError::UnknownExam(choices.exam.clone()));
    }
    assemble(bank, choices).map_err(ShareError::CannotAssemble)
}
