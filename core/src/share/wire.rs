//! The envelope around every link (magic, version, kind, length, CRC-32, base64url) and the
//! byte and bit readers and writers the formats are made of.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{
    KIND_EXAM, KIND_RESULT, LinkKind, MAGIC, MAX_LINK_CHARS, MAX_STR, OLDEST_VERSION, ShareError,
    VERSION,
};

/// CRC-32 (IEEE 802.3, as in zip and PNG).
pub(super) fn crc32(bytes: &[u8]) -> u32 {
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

pub(super) fn seal(kind: u8, body: &[u8]) -> String {
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
pub(super) fn unseal(payload: &str, expected: LinkKind) -> Result<(u8, Vec<u8>), ShareError> {
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
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub(super) fn varint(&mut self, mut v: u64) {
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

    pub(super) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A string of at most [`MAX_STR`] bytes (longer ones are cut at a character boundary).
    pub(super) fn str(&mut self, s: &str) {
        let mut end = s.len().min(MAX_STR);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.varint(end as u64);
        self.bytes.extend_from_slice(&s.as_bytes()[..end]);
    }
}

pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], ShareError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ShareError::Invalid("length"))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    pub(super) fn byte(&mut self) -> Result<u8, ShareError> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn varint(&mut self) -> Result<u64, ShareError> {
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

    pub(super) fn u32_varint(&mut self) -> Result<u32, ShareError> {
        u32::try_from(self.varint()?).map_err(|_| ShareError::Invalid("number"))
    }

    pub(super) fn count(&mut self, max: usize) -> Result<usize, ShareError> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|&n| n <= max)
            .ok_or(ShareError::Invalid("count"))
    }

    pub(super) fn u32(&mut self) -> Result<u32, ShareError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(super) fn str(&mut self) -> Result<String, ShareError> {
        let len = self.count(MAX_STR)?;
        std::str::from_utf8(self.take(len)?)
            .map(str::to_owned)
            .map_err(|_| ShareError::Invalid("text"))
    }

    pub(super) fn rest(&mut self) -> &'a [u8] {
        let out = &self.bytes[self.pos.min(self.bytes.len())..];
        self.pos = self.bytes.len();
        out
    }

    pub(super) fn end(&self) -> Result<(), ShareError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(ShareError::Invalid("trailing data"))
        }
    }
}

#[derive(Default)]
pub(super) struct BitWriter {
    pub(super) bytes: Vec<u8>,
    pub(super) used: u32,
}

impl BitWriter {
    /// Appends the low `width` bits of `value`, most significant first.
    pub(super) fn push(&mut self, value: u64, width: u32) {
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

    pub(super) fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

pub(super) struct BitReader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) used: usize,
}

impl<'a> BitReader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, used: 0 }
    }

    pub(super) fn pull(&mut self, width: u32) -> Result<u64, ShareError> {
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
    pub(super) fn finish(&self) -> Result<(), ShareError> {
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
