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

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::assemble::{AnswerShape, AssembleError, ExamChoices, ExamForm, Mode, Pool, assemble};
use crate::bank::{Bank, FNV_START, Question, QuestionType, fnv};
use crate::exam::{Answer, Exam, Phase, SubmitReason};
use crate::history::Attempt;
use crate::resolve::resolve;
use crate::score::{ExamResult, score};

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
    // 65,536); any other stands for a revision this bank does not have. A version-1 link has
    // no tags: its bank revision is matched through the record of releases.
    form.bank_revision.clone_from(&revision);
    if version >= 2 {
        for (item, &tag) in form.items.iter_mut().zip(&tags) {
            let here = bank.question(&item.question_id);
            item.revision = match here {
                Some(q) if tag != 0 && revision_tag(q) == tag => Some(q.revision()),
                Some(q) => Some(if u32::from(tag) == q.revision() {
                    !q.revision()
                } else {
                    u32::from(tag)
                }),
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

// ---- the exam key ----------------------------------------------------------------------

const FLAG_COUNT: u8 = 1;
const FLAG_DURATION: u8 = 2;
const FLAG_ESL: u8 = 4;
const FLAG_SHUFFLE: u8 = 8;

fn write_key(w: &mut Writer, form: &ExamForm) {
    let c = &form.choices;
    w.str(&c.exam);
    w.str(&form.bank_revision);
    w.byte(match c.mode {
        Mode::Exam => 0,
        Mode::Practice => 1,
        Mode::Custom => 2,
    });
    let mut flags = 0;
    if c.question_count.is_some() {
        flags |= FLAG_COUNT;
    }
    if c.duration_minutes.is_some() {
        flags |= FLAG_DURATION;
    }
    if c.esl_extra {
        flags |= FLAG_ESL;
    }
    if c.shuffle_options {
        flags |= FLAG_SHUFFLE;
    }
    w.byte(flags);
    if let Some(n) = c.question_count {
        w.varint(u64::from(n));
    }
    if let Some(n) = c.duration_minutes {
        w.varint(u64::from(n));
    }
    w.varint(c.domains.len() as u64);
    for &d in &c.domains {
        w.byte(d);
    }
    w.varint(c.tasks.len() as u64);
    for t in &c.tasks {
        w.str(t);
    }
    let mut types = 0_u8;
    for (bit, ty) in QuestionType::ALL.iter().enumerate() {
        if c.types.contains(ty) {
            types |= 1 << bit;
        }
    }
    w.byte(types);
    let (tag, ids) = match &c.pool {
        Pool::All => (0, &[][..]),
        Pool::Only(ids) => (1, ids.as_slice()),
        Pool::UnseenFirst(ids) => (2, ids.as_slice()),
    };
    w.byte(tag);
    if tag != 0 {
        // Ids usually start with "<exam>-": that prefix is implied by the low bit.
        let prefix = format!("{}-", c.exam);
        w.varint(ids.len() as u64);
        for id in ids {
            let (prefixed, rest) = id
                .strip_prefix(&prefix)
                .map_or((0, id.as_str()), |rest| (1, rest));
            w.varint(((rest.len() as u64) << 1) | prefixed);
            w.bytes.extend_from_slice(rest.as_bytes());
        }
    }
    w.bytes.extend_from_slice(&c.seed.to_le_bytes());
}

fn read_key(r: &mut Reader<'_>) -> Result<(ExamChoices, String), ShareError> {
    let exam = r.str()?;
    let revision = r.str()?;
    let mode = match r.byte()? {
        0 => Mode::Exam,
        1 => Mode::Practice,
        2 => Mode::Custom,
        _ => return Err(ShareError::Invalid("mode")),
    };
    let flags = r.byte()?;
    if flags & !(FLAG_COUNT | FLAG_DURATION | FLAG_ESL | FLAG_SHUFFLE) != 0 {
        return Err(ShareError::Invalid("flags"));
    }
    let question_count = if flags & FLAG_COUNT != 0 {
        Some(r.u32_varint()?)
    } else {
        None
    };
    let duration_minutes = if flags & FLAG_DURATION != 0 {
        Some(r.u32_varint()?)
    } else {
        None
    };
    let n = r.count(u8::MAX as usize)?;
    let domains = r.take(n)?.to_vec();
    let n = r.count(MAX_LIST)?;
    let mut tasks = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        tasks.push(r.str()?);
    }
    let type_bits = r.byte()?;
    if type_bits >> QuestionType::ALL.len() != 0 {
        return Err(ShareError::Invalid("question types"));
    }
    let types = QuestionType::ALL
        .iter()
        .enumerate()
        .filter(|(bit, _)| type_bits & (1 << bit) != 0)
        .map(|(_, &ty)| ty)
        .collect();
    let pool = match r.byte()? {
        0 => Pool::All,
        tag @ (1 | 2) => {
            let prefix = format!("{exam}-");
            let n = r.count(MAX_LIST)?;
            let mut ids = Vec::with_capacity(n.min(256));
            for _ in 0..n {
                let header = r.varint()?;
                let len = usize::try_from(header >> 1)
                    .ok()
                    .filter(|&len| len <= MAX_STR)
                    .ok_or(ShareError::Invalid("question id"))?;
                let rest = std::str::from_utf8(r.take(len)?)
                    .map_err(|_| ShareError::Invalid("question id"))?;
                ids.push(if header & 1 == 1 {
                    format!("{prefix}{rest}")
                } else {
                    rest.to_owned()
                });
            }
            if tag == 1 {
                Pool::Only(ids)
            } else {
                Pool::UnseenFirst(ids)
            }
        }
        _ => return Err(ShareError::Invalid("pool")),
    };
    let seed = u64::from_le_bytes(
        r.take(8)?
            .try_into()
            .map_err(|_| ShareError::Invalid("seed"))?,
    );
    Ok((
        ExamChoices {
            exam,
            mode,
            question_count,
            duration_minutes,
            esl_extra: flags & FLAG_ESL != 0,
            domains,
            tasks,
            types,
            pool,
            shuffle_options: flags & FLAG_SHUFFLE != 0,
            seed,
        },
        revision,
    ))
}

// ---- answers ---------------------------------------------------------------------------

/// Bits needed to write any value below `n` (0 when there is only one value).
fn bits_for(n: usize) -> u32 {
    if n <= 1 {
        0
    } else {
        usize::BITS - (n - 1).leading_zeros()
    }
}

fn write_answer(w: &mut BitWriter, shape: AnswerShape, answer: Option<&Answer>) {
    let Some(answer) = answer else {
        w.push(0, 1);
        return;
    };
    w.push(1, 1);
    match (shape, answer) {
        (AnswerShape::Single { options }, Answer::Choices(c)) => {
            w.push(c.first().copied().unwrap_or(0) as u64, bits_for(options));
        }
        (AnswerShape::Multiple { options, .. }, Answer::Choices(c)) => {
            for i in 0..options {
                w.push(u64::from(c.contains(&i)), 1);
            }
        }
        (AnswerShape::Slots { slots, responses }, Answer::Slots(s)) => {
            let width = bits_for(responses + 1);
            for k in 0..slots {
                let value = s.get(k).copied().flatten().map_or(0, |r| r as u64 + 1);
                w.push(value, width);
            }
        }
        // `accepts` was checked before, so the shapes match.
        _ => {}
    }
}

fn read_answer(
    r: &mut BitReader<'_>,
    shape: AnswerShape,
    question: usize,
) -> Result<Option<Answer>, ShareError> {
    if r.pull(1)? == 0 {
        return Ok(None);
    }
    let impossible = ShareError::ImpossibleAnswer { question };
    let answer = match shape {
        AnswerShape::Single { options } => {
            let i = to_index(r.pull(bits_for(options))?)?;
            Answer::Choices(vec![i])
        }
        AnswerShape::Multiple { options, .. } => {
            let mut chosen = Vec::new();
            for i in 0..options {
                if r.pull(1)? == 1 {
                    chosen.push(i);
                }
            }
            Answer::Choices(chosen)
        }
        AnswerShape::Slots { slots, responses } => {
            let width = bits_for(responses + 1);
            let mut values = Vec::with_capacity(slots);
            for _ in 0..slots {
                let v = to_index(r.pull(width)?)?;
                values.push(v.checked_sub(1));
            }
            Answer::Slots(values)
        }
    };
    if shape.accepts(&answer) {
        Ok(Some(answer))
    } else {
        Err(impossible)
    }
}

fn to_index(value: u64) -> Result<usize, ShareError> {
    usize::try_from(value).map_err(|_| ShareError::Invalid("answer"))
}

// ---- fingerprints ----------------------------------------------------------------------

fn item_hash(hash: u32, item: &crate::assemble::FormItem) -> u32 {
    let mut h = fnv(hash, item.question_id.as_bytes());
    h = fnv(h, &[0xff]);
    for &o in item.option_order.iter() {
        h = fnv(h, &(o as u64).to_le_bytes());
    }
    let (tag, a, b) = match item.shape {
        AnswerShape::Single { options } => (0_u8, options, 0),
        AnswerShape::Multiple { options, choose } => (1, options, choose),
        AnswerShape::Slots { slots, responses } => (2, slots, responses),
    };
    h = fnv(h, &[tag]);
    h = fnv(h, &(a as u64).to_le_bytes());
    fnv(h, &(b as u64).to_le_bytes())
}

/// Identifies a form: its questions, their order, option orders and answer shapes.
fn fingerprint(form: &ExamForm) -> u32 {
    form.items.iter().fold(FNV_START, item_hash)
}

/// The 16 bits of a question's revision that a result link carries.
fn revision_tag(question: &Question) -> u16 {
    (question.revision() & 0xffff) as u16
}

/// One byte per exam-link item; since version 2 it also covers the question's revision.
fn item_mark(item: &crate::assemble::FormItem, version: u8) -> u8 {
    let mut hash = item_hash(FNV_START, item);
    if version >= 2 {
        hash = fnv(hash, &item.revision.unwrap_or(0).to_le_bytes());
    }
    hash.to_le_bytes()[0]
}

// ---- the envelope ----------------------------------------------------------------------

/// CRC-32 (IEEE 802.3, as in zip and PNG).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

fn seal(kind: u8, body: &[u8]) -> String {
    let mut w = Writer::default();
    w.byte(MAGIC);
    w.byte(VERSION);
    w.byte(kind);
    w.varint(body.len() as u64);
    w.bytes.extend_from_slice(body);
    let crc = crc32(&w.bytes);
    w.u32(crc);
    URL_SAFE_NO_PAD.encode(&w.bytes)
}

/// The link's format version and body, checked.
fn unseal(payload: &str, expected: LinkKind) -> Result<(u8, Vec<u8>), ShareError> {
    let text = payload.trim().trim_end_matches('=');
    let chars = text.chars().count();
    if chars == 0 {
        return Err(ShareError::Empty);
    }
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLong { chars });
    }
    if !text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ShareError::Malformed);
    }
    // Every character is in the alphabet, so a failure can only be a length cut short.
    let bytes = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| ShareError::Truncated)?;
    let mut r = Reader::new(&bytes);
    let truncated = |_| ShareError::Truncated;
    if r.byte().map_err(truncated)? != MAGIC {
        return Err(ShareError::Malformed);
    }
    let version = r.byte().map_err(truncated)?;
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(ShareError::UnsupportedVersion(version));
    }
    let kind = match r.byte().map_err(truncated)? {
        KIND_EXAM => LinkKind::Exam,
        KIND_RESULT => LinkKind::Result,
        _ => return Err(ShareError::Malformed),
    };
    if kind != expected {
        return Err(ShareError::WrongKind { expected });
    }
    let len = r.varint().map_err(truncated)?;
    let header = r.pos;
    let len = usize::try_from(len).map_err(|_| ShareError::Invalid("length"))?;
    let needed = header
        .checked_add(len)
        .and_then(|n| n.checked_add(4))
        .ok_or(ShareError::Invalid("length"))?;
    if bytes.len() < needed {
        return Err(ShareError::Truncated);
    }
    if bytes.len() > needed {
        return Err(ShareError::Invalid("trailing data"));
    }
    let (sealed, crc) = bytes.split_at(header + len);
    let crc = u32::from_le_bytes(crc.try_into().map_err(|_| ShareError::Truncated)?);
    if crc32(sealed) != crc {
        return Err(ShareError::Checksum);
    }
    Ok((version, sealed[header..].to_vec()))
}

// ---- bytes and bits --------------------------------------------------------------------

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    fn varint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A string of at most [`MAX_STR`] bytes (longer ones are cut at a character boundary).
    fn str(&mut self, s: &str) {
        let mut end = s.len().min(MAX_STR);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.varint(end as u64);
        self.bytes.extend_from_slice(&s.as_bytes()[..end]);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ShareError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ShareError::Invalid("length"))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, ShareError> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(ShareError::Invalid("number"));
            }
            value |= part << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ShareError::Invalid("number"))
    }

    fn u32_varint(&mut self) -> Result<u32, ShareError> {
        u32::try_from(self.varint()?).map_err(|_| ShareError::Invalid("number"))
    }

    fn count(&mut self, max: usize) -> Result<usize, ShareError> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|&n| n <= max)
            .ok_or(ShareError::Invalid("count"))
    }

    fn u32(&mut self) -> Result<u32, ShareError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn str(&mut self) -> Result<String, ShareError> {
        let len = self.count(MAX_STR)?;
        std::str::from_utf8(self.take(len)?)
            .map(str::to_owned)
            .map_err(|_| ShareError::Invalid("text"))
    }

    fn rest(&mut self) -> &'a [u8] {
        let out = &self.bytes[self.pos.min(self.bytes.len())..];
        self.pos = self.bytes.len();
        out
    }

    fn end(&self) -> Result<(), ShareError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(ShareError::Invalid("trailing data"))
        }
    }
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the low `width` bits of `value`, most significant first.
    fn push(&mut self, value: u64, width: u32) {
        for k in (0..width).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = u8::from((value >> k) & 1 == 1);
            if let Some(last) = self.bytes.last_mut() {
                *last |= bit << (7 - self.used % 8);
            }
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    used: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, used: 0 }
    }

    fn pull(&mut self, width: u32) -> Result<u64, ShareError> {
        if width > 64 {
            return Err(ShareError::Invalid("answer"));
        }
        let mut value = 0_u64;
        for _ in 0..width {
            let byte = self
                .bytes
                .get(self.used / 8)
                .ok_or(ShareError::Invalid("answers end early"))?;
            let bit = (byte >> (7 - self.used % 8)) & 1;
            value = (value << 1) | u64::from(bit);
            self.used += 1;
        }
        Ok(value)
    }

    /// The rest must be zero padding within the last byte.
    fn finish(&self) -> Result<(), ShareError> {
        let whole = self.used.div_ceil(8);
        if whole != self.bytes.len() {
            return Err(ShareError::Invalid("trailing data"));
        }
        let pad = (8 - self.used % 8) % 8;
        let last = self.bytes.last().copied().unwrap_or(0);
        if pad > 0 && last & ((1_u8 << pad) - 1) != 0 {
            return Err(ShareError::Invalid("padding"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;
    use crate::exam::Action;
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

    fn bank() -> &'static Bank {
        static BANK: OnceLock<Bank> = OnceLock::new();
        BANK.get_or_init(|| generated_bank(&sample_blueprint(), 400, 1))
    }

    fn full_exam(seed: u64) -> ExamForm {
        let bank = bank();
        assemble(bank, &ExamChoices::full_exam(&bank.blueprints[0], seed)).unwrap()
    }

    /// A finished sitting of `form` where answer `i` follows `pattern[i % len]`: 0 none,
    /// 1 wrong, 2 right, 3 a partial answer (first option, or only the first slot).
    fn sitting(form: ExamForm, pattern: &[u8], time_up: bool) -> Attempt {
        let bank = bank();
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: 1_000 });
        for i in 0..exam.len() {
            let q = bank.question(&exam.form.items[i].question_id).unwrap();
            let answer = match pattern[i % pattern.len()] {
                0 => continue,
                1 => wrong_answer(q),
                2 => correct_answer(q),
                _ => match correct_answer(q) {
                    Answer::Choices(c) => Answer::Choices(c[..1].to_vec()),
                    Answer::Slots(s) => Answer::Slots(
                        s.iter()
                            .enumerate()
                            .map(|(k, v)| if k == 0 { *v } else { None })
                            .collect(),
                    ),
                },
            };
            assert!(exam.apply(Action::Answer { index: i, answer }));
        }
        let end = if time_up {
            u64::MAX / 2
        } else {
            1_000 + 4_321_000
        };
        exam.apply(Action::Submit { now_ms: end });
        Attempt::record(bank, &exam, end)
    }

    /// A sealed result body built by hand, to reach the checks behind the checksum.
    fn result_body(form: &ExamForm, edit: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::default();
        write_key(&mut w, form);
        w.u32(fingerprint(form));
        edit(&mut w);
        seal(KIND_RESULT, &w.bytes)
    }

    /// The version-1 text of a result link for `attempt` (as the release before revision tags
    /// wrote it).
    fn version_1_result(attempt: &Attempt) -> String {
        let form = &attempt.form;
        let mut body = Writer::default();
        write_key(&mut body, form);
        body.u32(fingerprint(form));
        body.str("Old");
        body.varint(attempt.finished_at_ms);
        body.varint(attempt.result.time_used_ms);
        body.byte(0);
        body.varint(form.items.len() as u64);
        let mut bits = BitWriter::default();
        for (i, item) in form.items.iter().enumerate() {
            write_answer(&mut bits, item.shape, attempt.answers[i].as_ref());
        }
        body.bytes.extend(bits.finish());
        let mut w = Writer::default();
        w.byte(MAGIC);
        w.byte(1);
        w.byte(KIND_RESULT);
        w.varint(body.bytes.len() as u64);
        w.bytes.extend_from_slice(&body.bytes);
        let crc = crc32(&w.bytes);
        w.u32(crc);
        URL_SAFE_NO_PAD.encode(&w.bytes)
    }

    #[test]
    fn a_version_1_result_link_still_opens_through_the_record_of_releases() {
        let attempt = sitting(full_exam(5), &[2, 1, 0], false);
        let link = version_1_result(&attempt);
        // The same bank: scored as before.
        let opened = open_result(bank(), &link).unwrap();
        assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
        assert_eq!(opened.result.left_out, 0);
        // A newer bank that records the link's bank and one question changed since.
        let changed = attempt.form.items[0].question_id.clone();
        let mut newer = bank().clone();
        newer.revision = "newer".into();
        newer.past = vec![crate::resolve::PastRelease {
            revision: bank().revision.clone(),
            changed: vec![changed.clone()],
        }];
        let opened = open_result(&newer, &link).unwrap();
        assert_eq!(opened.result.left_out, 1);
        assert!(opened.result.outcomes[0].left_out);
        assert_eq!(opened.result.total, 64);
        // A bank that knows nothing of the link's: every question is left out, none misread.
        newer.past.clear();
        let opened = open_result(&newer, &link).unwrap();
        assert_eq!(opened.result.left_out, 65);
        assert_eq!(opened.result.raw_correct, 0);
    }

    #[test]
    fn a_result_link_leaves_out_a_question_whose_key_changed_since_it_was_made() {
        let attempt = sitting(full_exam(6), &[2], false);
        assert_eq!(attempt.result.raw_correct, 65);
        let link = encode_result(bank(), &attempt, "Ann");
        let id = attempt.form.items[3].question_id.clone();
        let mut newer = bank().clone();
        newer.revision = "newer".into();
        for question in &mut newer.questions {
            if question.id == id {
                question.edition += 1;
            }
        }
        let opened = open_result(&newer, &link).unwrap();
        assert_eq!(opened.result.left_out, 1);
        assert!(opened.result.outcomes[3].left_out);
        assert_eq!(opened.result.raw_correct, 64, "the others still count");
        assert_eq!(opened.answers, attempt.answers, "every answer kept");
        // The maker's own bank: nothing left out.
        assert_eq!(open_result(bank(), &link).unwrap().result.left_out, 0);
    }

    #[test]
    fn an_exam_link_gives_the_identical_exam() {
        let form = full_exam(77);
        let link = encode_exam(&form);
        let opened = open_exam(bank(), &link).unwrap();
        assert_eq!(opened.form, form);
        assert_eq!(opened.choices, form.choices);
        assert_eq!(opened.difference, None);
        assert!(link.len() < 200, "{} characters", link.len());
        // Pasted as a whole URL, with padding or spaces around, it still opens.
        let url = format!("  https://example.org/mogi/#/take/{link}== ");
        assert_eq!(open_exam(bank(), payload_of(&url)).unwrap().form, form);
    }

    #[test]
    fn custom_choices_and_pools_survive_a_link() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        let mut choices = ExamChoices::practice(bp, 6, u64::MAX - 3);
        choices.mode = Mode::Custom;
        choices.duration_minutes = Some(17);
        choices.esl_extra = true;
        choices.domains = vec![3, 1];
        choices.types = vec![QuestionType::MultipleChoice, QuestionType::Matching];
        choices.shuffle_options = false;
        let form = assemble(bank, &choices).unwrap();
        let opened = open_exam(bank, &encode_exam(&form)).unwrap();
        assert_eq!(opened.choices, choices);
        assert_eq!(opened.form, form);

        let ids: Vec<String> = form.items.iter().map(|i| i.question_id.clone()).collect();
        choices.pool = Pool::Only(ids.iter().cloned().chain(["other-id".into()]).collect());
        let form = assemble(bank, &choices).unwrap();
        assert_eq!(open_exam(bank, &encode_exam(&form)).unwrap().form, form);
        choices.pool = Pool::UnseenFirst(ids);
        choices.tasks = vec!["1.1".into(), "3.2".into()];
        let form = assemble(bank, &choices).unwrap();
        assert_eq!(open_exam(bank, &encode_exam(&form)).unwrap().form, form);
    }

    #[test]
    fn a_changed_bank_is_reported_and_the_exam_can_still_be_taken() {
        let form = full_exam(5);
        let link = encode_exam(&form);
        // Same questions, new revision (say, a typo fixed elsewhere).
        let mut renamed = bank().clone();
        renamed.revision = "newer".into();
        let opened = open_exam(&renamed, &link).unwrap();
        let diff = opened.difference.unwrap();
        assert!(diff.same_exam(), "{diff:?}");
        assert_eq!(diff.link_revision, bank().revision);
        assert_eq!(diff.here_revision, "newer");
        // Questions removed: a different exam, and the reader is told how much differs.
        let mut smaller = bank().clone();
        smaller.revision = "smaller".into();
        smaller.questions.truncate(300);
        let opened = open_exam(&smaller, &link).unwrap();
        assert_eq!(opened.form.len(), 65);
        let diff = opened.difference.unwrap();
        assert!(!diff.same_exam());
        assert!(diff.changed > 30, "{diff:?}");
    }

    #[test]
    fn a_result_link_recomputes_the_same_score() {
        for (seed, pattern, time_up) in [
            (1, &[2, 1, 0, 3][..], false),
            (2, &[2][..], true),
            (3, &[0][..], false),
            (4, &[1, 2, 2][..], false),
        ] {
            let attempt = sitting(full_exam(seed), pattern, time_up);
            let link = encode_result(bank(), &attempt, "  Aiko <b>&amp;</b>\u{7}  ");
            let opened = open_result(bank(), &link).unwrap();
            assert_eq!(opened.name, "Aiko <b>&amp;</b>");
            assert_eq!(opened.answers, attempt.answers);
            assert_eq!(opened.form, attempt.form);
            assert_eq!(opened.time_up, time_up);
            assert_eq!(opened.result.scaled, attempt.result.scaled);
            assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
            assert_eq!(opened.result.per_domain, attempt.result.per_domain);
            assert_eq!(opened.result.time_used_ms, attempt.result.time_used_ms);
            assert_eq!(opened.result.outcomes, {
                let mut o = attempt.result.outcomes.clone();
                o.iter_mut().for_each(|o| o.flagged = false);
                o
            });
            assert_eq!(opened.exam_link, encode_exam(&attempt.form));
            assert_eq!(opened.other_revision, None);
            // Taken into one's own history, it is the same result.
            let mine = opened.attempt(bank());
            assert_eq!(mine.id, attempt.id, "the same attempt, not a copy");
            assert_eq!(mine.answers, attempt.answers);
            assert_eq!(mine.result.scaled, attempt.result.scaled);
        }
    }

    /// The size a chat app sees: a 65-question exam, every question answered, a 40-character
    /// Japanese name (3 bytes a character).
    #[test]
    fn a_full_result_link_is_short_enough_for_chat_apps() {
        let name: String = "山".repeat(MAX_NAME_CHARS);
        let mut longest = 0;
        for seed in 0..20 {
            let attempt = sitting(full_exam(seed), &[2, 1, 3], false);
            let link = encode_result(bank(), &attempt, &name);
            longest = longest.max(link.len());
        }
        println!("longest result payload for 65 questions: {longest} characters");
        assert!(longest + "https://example.github.io/mogi/#/result/".len() <= 2_000);
        // 484 measured: 310 for the answers and the key, 174 for the revision tags.
        assert!(longest < 500, "{longest}");
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let bank = bank();
        let form = full_exam(9);
        let attempt = sitting(form.clone(), &[2, 1], false);
        let exam = encode_exam(&form);
        let result = encode_result(bank, &attempt, "Ken");
        let err = |link: &str| open_result(bank, link).unwrap_err();

        assert_eq!(err(""), ShareError::Empty);
        assert_eq!(err("   "), ShareError::Empty);
        assert_eq!(
            err(&"A".repeat(MAX_LINK_CHARS + 1)),
            ShareError::TooLong {
                chars: MAX_LINK_CHARS + 1
            }
        );
        assert_eq!(err("<script>alert(1)</script>"), ShareError::Malformed);
        assert_eq!(err("aGVsbG8gd29ybGQ"), ShareError::Malformed, "hello world");
        for cut in [1, 2, 5, 30] {
            assert_eq!(err(&result[..result.len() - cut]), ShareError::Truncated);
        }
        assert_eq!(err(&result[..1]), ShareError::Truncated);
        assert_eq!(
            err(&exam),
            ShareError::WrongKind {
                expected: LinkKind::Result
            }
        );
        assert_eq!(
            open_exam(bank, &result).unwrap_err(),
            ShareError::WrongKind {
                expected: LinkKind::Exam
            }
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
        bytes[1] = VERSION + 1;
        assert_eq!(
            err(&URL_SAFE_NO_PAD.encode(&bytes)),
            ShareError::UnsupportedVersion(VERSION + 1)
        );
        // Change one answer bit: the checksum catches it.
        let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
        let at = bytes.len() - 6;
        bytes[at] ^= 0x10;
        assert_eq!(err(&URL_SAFE_NO_PAD.encode(&bytes)), ShareError::Checksum);
        let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
        bytes.push(0);
        assert_eq!(
            err(&URL_SAFE_NO_PAD.encode(&bytes)),
            ShareError::Invalid("trailing data")
        );

        // Tampered with a valid checksum.
        let mut w = Writer::default();
        let mut other = form.clone();
        other.choices.exam = "sap-c02".into();
        write_key(&mut w, &other);
        w.u32(0);
        w.str("");
        w.varint(0);
        w.varint(0);
        w.byte(0);
        w.varint(0);
        assert_eq!(
            err(&seal(KIND_RESULT, &w.bytes)),
            ShareError::UnknownExam("sap-c02".into())
        );
        let mut huge = form.clone();
        huge.choices.question_count = Some(100_000);
        let mut w = Writer::default();
        write_key(&mut w, &huge);
        w.varint(0);
        w.u32(0);
        assert!(matches!(
            open_exam(bank, &seal(KIND_EXAM, &w.bytes)).unwrap_err(),
            ShareError::CannotAssemble(AssembleError::NotEnoughQuestions { .. })
        ));
        let answers_for = |count: u64, bits: &[u8]| {
            let bits = bits.to_vec();
            result_body(&form, move |w| {
                w.str("x");
                w.varint(10);
                w.varint(10);
                w.byte(0);
                w.varint(count);
                // Revision tags: 0, a question changed since (answers still checked).
                w.bytes.extend(vec![0; 2 * usize::try_from(count).unwrap()]);
                w.bytes.extend(bits);
            })
        };
        assert_eq!(
            err(&answers_for(70, &[0; 9])),
            ShareError::AnswerCount { link: 70, exam: 65 }
        );
        // 65 unanswered questions take 65 bits: 9 bytes, with 7 bits of padding.
        assert_eq!(
            open_result(bank, &answers_for(65, &[0; 9]))
                .unwrap()
                .answers,
            vec![None; 65]
        );
        assert_eq!(
            err(&answers_for(65, &[0; 10])),
            ShareError::Invalid("trailing data")
        );
        assert_eq!(
            err(&answers_for(65, &[0; 8])),
            ShareError::Invalid("answers end early")
        );
        let mut padded = [0_u8; 9];
        padded[8] = 1;
        assert_eq!(
            err(&answers_for(65, &padded[..])),
            ShareError::Invalid("padding")
        );
        // Answered, but nothing chosen (multiple response) or a slot past the last response.
        let impossible = |pick: fn(AnswerShape) -> Option<u64>| {
            let at = form
                .items
                .iter()
                .position(|i| pick(i.shape).is_some())
                .expect("a question of that shape");
            let mut bits = BitWriter::default();
            for (k, item) in form.items.iter().enumerate() {
                if k == at {
                    bits.push(1, 1);
                    let width = match item.shape {
                        AnswerShape::Slots { slots, responses } => {
                            bits_for(responses + 1) * u32::try_from(slots).unwrap()
                        }
                        shape => u32::try_from(shape.choice_count()).unwrap(),
                    };
                    bits.push(pick(item.shape).unwrap(), width);
                } else {
                    write_answer(&mut bits, item.shape, None);
                }
            }
            (at + 1, err(&answers_for(65, &bits.finish())))
        };
        let (question, error) = impossible(|shape| match shape {
            AnswerShape::Multiple { .. } => Some(0),
            _ => None,
        });
        assert_eq!(error, ShareError::ImpossibleAnswer { question });
        let (question, error) = impossible(|shape| match shape {
            AnswerShape::Slots { responses, .. }
                if responses + 1 < 1 << bits_for(responses + 1) =>
            {
                Some(u64::MAX)
            }
            _ => None,
        });
        assert_eq!(error, ShareError::ImpossibleAnswer { question });
        // A name with markup is fine (it is text); one with control characters is not.
        let name = result_body(&form, |w| {
            w.str("bad\u{0}name");
            w.varint(0);
            w.varint(0);
            w.byte(0);
            w.varint(65);
            w.bytes.extend([0; 9]);
        });
        assert_eq!(err(&name), ShareError::Invalid("display name"));
        let flags = result_body(&form, |w| {
            w.str("");
            w.varint(0);
            w.varint(0);
            w.byte(7);
        });
        assert_eq!(err(&flags), ShareError::Invalid("flags"));

        // Made with a bank whose exam differs: not scored against the wrong questions.
        let mut smaller = bank.clone();
        smaller.revision = "smaller".into();
        smaller.questions.truncate(300);
        assert_eq!(
            open_result(&smaller, &result).unwrap_err(),
            ShareError::DifferentQuestions {
                link_revision: bank.revision.clone()
            }
        );
        let mut renamed = bank.clone();
        renamed.revision = "renamed".into();
        assert_eq!(
            open_result(&renamed, &result).unwrap().other_revision,
            Some(bank.revision.clone())
        );
        // Every message reads as a sentence.
        for e in [
            ShareError::Checksum,
            ShareError::Truncated,
            ShareError::UnsupportedVersion(3),
        ] {
            assert!(e.to_string().len() > 10);
        }
    }

    #[test]
    fn display_names_are_normalised() {
        assert_eq!(display_name("  Ann \n"), "Ann");
        assert_eq!(
            display_name(&"x".repeat(50)).chars().count(),
            MAX_NAME_CHARS
        );
        assert_eq!(display_name("a\u{202e}b"), "a\u{202e}b");
        assert_eq!(display_name(""), "");
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    /// Valid links to mutate, one of each kind.
    fn samples() -> &'static (String, String) {
        static SAMPLES: OnceLock<(String, String)> = OnceLock::new();
        SAMPLES.get_or_init(|| {
            let form = full_exam(12);
            let attempt = sitting(form.clone(), &[2, 1, 0, 3], false);
            (encode_exam(&form), encode_result(bank(), &attempt, "Mia"))
        })
    }

    fn never_panics(text: &str) {
        let _ = open_exam(bank(), text);
        let _ = open_result(bank(), text);
        let _ = open_exam(bank(), payload_of(text));
    }

    fn arbitrary_choices() -> impl Strategy<Value = ExamChoices> {
        (
            (
                "[a-z0-9-]{0,12}",
                0_u8..3,
                proptest::option::of(any::<u32>()),
                proptest::option::of(any::<u32>()),
                any::<bool>(),
                any::<bool>(),
            ),
            (
                proptest::collection::vec(any::<u8>(), 0..6),
                proptest::collection::vec("[0-9.]{1,4}", 0..4),
                0_u8..32,
                0_u8..3,
                proptest::collection::vec("\\PC{0,20}", 0..5),
                any::<u64>(),
            ),
        )
            .prop_map(
                |(
                    (exam, mode, count, minutes, esl, shuffle),
                    (domains, tasks, types, pool, ids, seed),
                )| {
                    let ids: Vec<String> = ids
                        .into_iter()
                        .enumerate()
                        .map(|(i, id)| {
                            if i % 2 == 0 {
                                format!("{exam}-{id}")
                            } else {
                                id
                            }
                        })
                        .collect();
                    ExamChoices {
                        mode: [Mode::Exam, Mode::Practice, Mode::Custom][mode as usize],
                        question_count: count,
                        duration_minutes: minutes,
                        esl_extra: esl,
                        domains,
                        tasks,
                        types: QuestionType::ALL
                            .iter()
                            .enumerate()
                            .filter(|(bit, _)| types & (1 << bit) != 0)
                            .map(|(_, &t)| t)
                            .collect(),
                        pool: match pool {
                            0 => Pool::All,
                            1 => Pool::Only(ids),
                            _ => Pool::UnseenFirst(ids),
                        },
                        shuffle_options: shuffle,
                        seed,
                        exam,
                    }
                },
            )
    }

    // Fuzzing the decoder: 4 properties × 10,000 cases = 40,000 inputs (with the round trips
    // below, 40,512 cases in all).
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            never_panics(&text);
        }

        #[test]
        fn arbitrary_bytes_as_a_link_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            never_panics(&URL_SAFE_NO_PAD.encode(&bytes));
            never_panics(&String::from_utf8_lossy(&bytes));
        }

        /// Arbitrary content in a valid envelope reaches every check behind the checksum.
        #[test]
        fn arbitrary_sealed_bodies_never_panic(
            kind in 0_u8..4,
            prefix in any::<bool>(),
            body in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            let body = if prefix {
                // A real exam key in front, so the rest is read as answers.
                let mut w = Writer::default();
                write_key(&mut w, &full_exam(3));
                w.bytes.extend(&body);
                w.bytes
            } else {
                body
            };
            never_panics(&seal(kind, &body));
        }

        /// Valid links with a byte changed, a cut, or a byte changed and resealed.
        #[test]
        fn damaged_valid_links_are_refused_or_still_valid(
            which in any::<bool>(),
            at in any::<usize>(),
            value in any::<u8>(),
            cut in 0_usize..8,
            reseal in any::<bool>(),
        ) {
            let (exam, result) = samples();
            let link = if which { exam } else { result };
            let mut bytes = URL_SAFE_NO_PAD.decode(link).unwrap();
            let at = at % bytes.len();
            let changed = bytes[at] != value;
            bytes[at] = value;
            if reseal {
                let body_end = bytes.len() - 4;
                let crc = crc32(&bytes[..body_end]);
                bytes[body_end..].copy_from_slice(&crc.to_le_bytes());
            }
            let n = bytes.len() - cut;
            let text = URL_SAFE_NO_PAD.encode(&bytes[..n]);
            never_panics(&text);
            if changed && !reseal {
                prop_assert!(open_exam(bank(), &text).is_err());
                prop_assert!(open_result(bank(), &text).is_err());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_choices_round_trip(choices in arbitrary_choices(), revision in "[0-9a-f]{0,16}") {
            let form = ExamForm {
                exam: choices.exam.clone(),
                bank_revision: revision.clone(),
                choices: choices.clone(),
                items: vec![],
                quotas: vec![],
                duration_ms: None,
            };
            let link = parse_exam(&encode_exam(&form)).unwrap();
            prop_assert_eq!(link.choices, choices);
            prop_assert_eq!(link.revision, revision);
        }

        #[test]
        fn any_sitting_round_trips(
            seed in any::<u64>(),
            count in 1_u32..40,
            pattern in proptest::collection::vec(0_u8..4, 1..8),
            name in "\\PC{0,60}",
        ) {
            let bank = bank();
            let form = assemble(bank, &ExamChoices::practice(&bank.blueprints[0], count, seed)).unwrap();
            let attempt = sitting(form, &pattern, false);
            let opened = open_result(bank, &encode_result(bank, &attempt, &name)).unwrap();
            prop_assert_eq!(&opened.answers, &attempt.answers);
            prop_assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
            prop_assert_eq!(opened.result.scaled, attempt.result.scaled);
            prop_assert_eq!(opened.name, display_name(&name));
        }
    }
}
