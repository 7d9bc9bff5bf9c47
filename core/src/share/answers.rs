//! Answers bit-packed against their answer shapes: one bit "answered", then the option
//! index, the option set, or each slot.

use super::ShareError;
use super::wire::{BitReader, BitWriter};
use crate::assemble::AnswerShape;
use crate::exam::Answer;

/// Bits needed to write any value below `n` (0 when there is only one value).
pub(super) fn bits_for(n: usize) -> u32 {
    if n <= 1 {
        0
    } else {
        usize::BITS - (n - 1).leading_zeros()
    }
}

pub(super) fn write_answer(w: &mut BitWriter, shape: AnswerShape, answer: Option<&Answer>) {
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

pub(super) fn read_answer(
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

pub(super) fn to_index(value: u64) -> Result<usize, ShareError> {
    usize::try_from(value).map_err(|_| ShareError::Invalid("answer"))
}
