//! A small PNG encoder for the app icons: 8-bit RGB, no filter, one zlib stream compressed
//! with DEFLATE's fixed Huffman codes and a greedy LZ77 search.
//!
//! Flat-colour icons are mostly runs along a row and repeats of the row above, so checking
//! those two distances (plus one hashed earlier position) compresses them well without a
//! compression crate.

/// PNG bytes for `width`×`height` pixels, `rgb` holding 3 bytes per pixel row by row.
///
/// # Panics
/// If `rgb` has not exactly `width * height * 3` bytes.
pub fn encode_rgb(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let row = width as usize * 3;
    assert_eq!(rgb.len(), row * height as usize, "3 bytes per pixel");
    let mut raw = Vec::with_capacity((row + 1) * height as usize);
    for line in rgb.chunks(row) {
        raw.push(0); // filter type 0 (None)
        raw.extend_from_slice(line);
    }

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, no filter set, no interlace
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib(&raw, row + 1));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).expect("a chunk under 4 GiB");
    png.extend_from_slice(&length.to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A zlib stream of `data` in one fixed-Huffman DEFLATE block; `stride` is a distance worth
/// trying at every position (a PNG scanline).
fn zlib(data: &[u8], stride: usize) -> Vec<u8> {
    const WINDOW: usize = 32_768;
    const MAX_MATCH: usize = 258;
    let mut out = Bits::default();
    out.put(1, 1); // BFINAL: the only block
    out.put(1, 2); // BTYPE 01: fixed Huffman codes
    let mut recent = vec![usize::MAX; 1 << 15];
    let hash = |i: usize| {
        let h = (usize::from(data[i]) << 10)
            ^ (usize::from(data[i + 1]) << 5)
            ^ usize::from(data[i + 2]);
        h & ((1 << 15) - 1)
    };
    let mut i = 0;
    while i < data.len() {
        let mut best = (0, 0); // (length, distance)
        if i + 3 <= data.len() {
            let h = hash(i);
            let hashed = recent[h];
            recent[h] = i;
            let candidates = [Some(3), Some(stride), (hashed < i).then(|| i - hashed)];
            for distance in candidates.into_iter().flatten() {
                if distance == 0 || distance > i || distance > WINDOW {
                    continue;
                }
                let limit = MAX_MATCH.min(data.len() - i);
                let length = (0..limit)
                    .take_while(|&k| data[i + k] == data[i + k - distance])
                    .count();
                if length > best.0 {
                    best = (length, distance);
                }
            }
        }
        if best.0 >= 3 {
            out.length(best.0);
            out.distance(best.1);
            i += best.0;
        } else {
            out.literal(u16::from(data[i]));
            i += 1;
        }
    }
    out.literal(256); // end of block
    let mut stream = vec![0x78, 0x01]; // deflate, 32 KiB window, no dictionary, fastest
    stream.extend(out.finish());
    stream.extend_from_slice(&adler32(data).to_be_bytes());
    stream
}

/// DEFLATE's bit order: values least significant bit first, Huffman codes most significant
/// bit first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    current: u32,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for k in 0..count {
            self.current |= ((value >> k) & 1) << self.used;
            self.used += 1;
            if self.used == 8 {
                self.bytes.push(self.current as u8);
                self.current = 0;
                self.used = 0;
            }
        }
    }

    fn code(&mut self, code: u32, count: u32) {
        for k in (0..count).rev() {
            self.put((code >> k) & 1, 1);
        }
    }

    /// A literal byte or the end-of-block symbol (256), in the fixed literal/length code.
    fn literal(&mut self, symbol: u16) {
        let symbol = u32::from(symbol);
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xC0 + symbol - 280, 8),
        }
    }

    fn length(&mut self, length: usize) {
        const BASE: [usize; 29] = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
            115, 131, 163, 195, 227, 258,
        ];
        const EXTRA: [u32; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        let index = BASE.iter().rposition(|&b| b <= length).expect("length ≥ 3");
        self.literal(257 + index as u16);
        self.put((length - BASE[index]) as u32, EXTRA[index]);
    }

    fn distance(&mut self, distance: usize) {
        const BASE: [usize; 30] = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
            1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
        ];
        let index = BASE
            .iter()
            .rposition(|&b| b <= distance)
            .expect("distance ≥ 1");
        let extra = if index < 4 { 0 } else { (index as u32 - 2) / 2 };
        self.code(index as u32, 5);
        self.put((distance - BASE[index]) as u32, extra);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.bytes.push(self.current as u8);
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enough of an inflater for fixed-Huffman blocks, to check the encoder round-trips.
    fn inflate_fixed(stream: &[u8]) -> Vec<u8> {
        let data = &stream[2..stream.len() - 4];
        let mut position = 0usize;
        let mut bit = |n: u32| {
            let mut value = 0u32;
            for k in 0..n {
                let b = (data[position / 8] >> (position % 8)) & 1;
                value |= u32::from(b) << k;
                position += 1;
            }
            value
        };
        assert_eq!(bit(1), 1, "final block");
        assert_eq!(bit(2), 1, "fixed codes");
        let mut out: Vec<u8> = Vec::new();
        loop {
            // Read the literal/length symbol MSB first.
            let mut code = 0u32;
            let mut symbol = None;
            for len in 1..=9 {
                code = (code << 1) | bit(1);
                symbol = match len {
                    7 if code <= 0b001_0111 => Some(code + 256),
                    8 if (0x30..=0xBF).contains(&code) => Some(code - 0x30),
                    8 if (0xC0..=0xC7).contains(&code) => Some(code - 0xC0 + 280),
                    9 if (0x190..=0x1FF).contains(&code) => Some(code - 0x190 + 144),
                    _ => None,
                };
                if symbol.is_some() {
                    break;
                }
            }
            let symbol = symbol.expect("a valid code");
            match symbol {
                0..=255 => out.push(symbol as u8),
                256 => break,
                _ => {
                    const BASE: [u32; 29] = [
                        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                        67, 83, 99, 115, 131, 163, 195, 227, 258,
                    ];
                    let i = (symbol - 257) as usize;
                    let extra = if i < 8 || i == 28 {
                        0
                    } else {
                        (i as u32 - 4) / 4
                    };
                    let length = BASE[i] + bit(extra);
                    let mut d = 0u32;
                    for _ in 0..5 {
                        d = (d << 1) | bit(1);
                    }
                    let dbase = [
                        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
                        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
                    ][d as usize];
                    let dextra = if d < 4 { 0 } else { (d - 2) / 2 };
                    let distance = (dbase + bit(dextra)) as usize;
                    for _ in 0..length {
                        out.push(out[out.len() - distance]);
                    }
                }
            }
        }
        assert_eq!(
            u32::from_be_bytes(stream[stream.len() - 4..].try_into().unwrap()),
            adler32(&out)
        );
        out
    }

    #[test]
    fn zlib_round_trips_runs_rows_and_noise() {
        let mut data = Vec::new();
        for row in 0..40u32 {
            data.push(0);
            for x in 0..60u32 {
                let v = if x < 20 { 7 } else { (x * 31 + row * 17) % 251 };
                data.extend_from_slice(&[v as u8, (v / 2) as u8, 200]);
            }
        }
        let compressed = zlib(&data, 181);
        assert_eq!(inflate_fixed(&compressed), data);
        assert!(
            compressed.len() < data.len() / 2,
            "{} bytes",
            compressed.len()
        );
    }

    #[test]
    fn png_has_a_valid_header_and_chunk_checksums() {
        let png = encode_rgb(2, 1, &[255, 0, 0, 0, 0, 255]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut at = 8;
        let mut kinds = Vec::new();
        while at < png.len() {
            let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + length];
            let crc =
                u32::from_be_bytes(png[at + 8 + length..at + 12 + length].try_into().unwrap());
            assert_eq!(crc32(body), crc);
            kinds.push(String::from_utf8_lossy(&body[..4]).into_owned());
            at += 12 + length;
        }
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        assert_eq!(&png[16..24], &[0, 0, 0, 2, 0, 0, 0, 1], "2×1 pixels");
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926, "the standard check value");
    }
}
