//! The exam key a link carries: the blueprint code, the choices (mode, count, time, filters,
//! pool, shuffling) with their seed, and the bank revision.

use super::wire::{Reader, Writer};
use super::{MAX_LIST, MAX_STR, ShareError};
use crate::assemble::{ExamChoices, ExamForm, Mode, Pool};
use crate::bank::QuestionType;

pub(super) const FLAG_COUNT: u8 = 1;
pub(super) const FLAG_DURATION: u8 = 2;
pub(super) const FLAG_ESL: u8 = 4;
pub(super) const FLAG_SHUFFLE: u8 = 8;

pub(super) fn write_key(w: &mut Writer, form: &ExamForm) {
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

pub(super) fn read_key(r: &mut Reader<'_>) -> Result<(ExamChoices, String), ShareError> {
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
