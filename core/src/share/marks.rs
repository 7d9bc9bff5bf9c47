//! Fingerprints of a form (its questions, their order, option orders and answer shapes), one
//! byte per exam-link item, and the revision tags result links carry.

use crate::assemble::{AnswerShape, ExamForm};
use crate::bank::{FNV_START, Question, fnv};

pub(super) fn item_hash(hash: u32, item: &crate::assemble::FormItem) -> u32 {
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
pub(super) fn fingerprint(form: &ExamForm) -> u32 {
    form.items.iter().fold(FNV_START, item_hash)
}

/// The 16 bits of a question's revision that a result link carries.
pub(super) fn revision_tag(question: &Question) -> u16 {
    (question.revision() & 0xffff) as u16
}

/// One byte per exam-link item; since version 2 it also covers the question's revision.
pub(super) fn item_mark(item: &crate::assemble::FormItem, version: u8) -> u8 {
    let mut hash = item_hash(FNV_START, item);
    if version >= 2 {
        hash = fnv(hash, &item.revision.unwrap_or(0).to_le_bytes());
    }
    hash.to_le_bytes()[0]
}
