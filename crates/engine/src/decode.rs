//! Turning the bytes of a dropped file into the text an analyst annotates.
//!
//! Offsets in every export index the text this module returns, so every normalization that
//! changes offsets (BOM removal, CRLF → LF) happens here, once, before any span can exist.
//! Detection order: byte-order marks, then strict UTF-8, then a statistical guess
//! (`chardetng`) for legacy code pages such as windows-1256. Files that are not text at all
//! (images, archives, documents) are refused instead of being shown as mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Files larger than this are refused: the page keeps every article in memory and in the
/// browser's storage, and a 20 MB "article" is almost certainly not one.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A successfully decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with BOM removed and line endings normalized to `\n`.
    pub text: String,
    /// The WHATWG name of the encoding the bytes were read as (e.g. `UTF-8`, `windows-1256`).
    pub encoding: &'static str,
    /// How many malformed byte sequences were replaced by U+FFFD.
    pub replaced: usize,
}

/// Why a file was refused. The message is written for the analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes.
    Empty,
    /// Only whitespace after decoding.
    WhitespaceOnly,
    /// Binary content (an image, an archive, a word-processor file…); carries what it looks like.
    NotText(&'static str),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(usize),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::WhitespaceOnly => write!(f, "the file contains only whitespace"),
            DecodeError::NotText(kind) => {
                write!(f, "this is not a text file (it looks like {kind})")
            }
            DecodeError::TooLarge(n) => write!(
                f,
                "the file is too large ({:.1} MB; the limit is {} MB)",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes into annotatable text. Never panics, whatever the bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(DecodeError::NotText(kind));
    }
    let encoding = detect(bytes);
    let (text, _, had_errors) = encoding.decode(bytes); // strips a matching BOM
    let replaced = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    let text = normalize_newlines(&text);
    if text.trim().is_empty() {
        return Err(DecodeError::WhitespaceOnly);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    // Before UTF-8: Arabic UTF-16 without a BOM is all bytes below 0x80, so valid UTF-8 too.
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"ar"), chardetng::Utf8Detection::Allow);
    // A mostly-valid UTF-8 file with a few corrupt bytes is far more likely than a legacy
    // code page that happens to contain long valid UTF-8 runs: keep UTF-8 and report the
    // replacements instead of turning the whole article into mojibake.
    if guess != UTF_8 && mostly_utf8(bytes) {
        return UTF_8;
    }
    guess
}

/// UTF-16 without a BOM shows up as every other byte being zero in Latin text, or as a
/// repeated high byte 0x06 (the Arabic block) in Arabic text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        if pair[0] == 0 || pair[0] == 0x06 {
            even += 1;
        }
        if pair[1] == 0 || pair[1] == 0x06 {
            odd += 1;
        }
    }
    if odd * 10 >= pairs * 9 && even * 10 < pairs * 3 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs * 3 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let (text, _, _) = UTF_8.decode(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    non_ascii > 0 && bad * 20 <= non_ascii
}

/// Recognizes common binary formats by their magic numbers, and anything else that carries
/// NUL bytes or many control characters without being UTF-16.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive or an Office document (.docx/.xlsx)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Office document (.doc/.xls)",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"RIFF", "a RIFF media file"),
        (b"\x7FELF", "a program"),
        (b"\0asm", "a WebAssembly module"),
        (b"{\\rtf", "an RTF document"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    if Encoding::for_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    if head.contains(&0) || controls * 100 > head.len() {
        return Some("binary data");
    }
    None
}

/// CRLF and lone CR become LF. Done before any offset exists.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_whitespace() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t \r\n"), Err(DecodeError::WhitespaceOnly));
    }

    #[test]
    fn strips_bom_and_crlf() {
        let d = decode("\u{FEFF}سطر\r\nآخر\r".as_bytes()).unwrap();
        assert_eq!(d.text, "سطر\nآخر\n");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "بغداد - العراق";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let le_bom = [&[0xFF, 0xFE][..], &le].concat();
        let be_bom = [&[0xFE, 0xFF][..], &be].concat();
        for bytes in [le, be, le_bom, be_bom] {
            assert_eq!(decode(&bytes).unwrap().text, text);
        }
    }

    #[test]
    fn windows_1256_is_detected() {
        let text =
            "قال وزير الخارجية العراقي إن القوات الأمريكية باقية في العراق بناء على طلب الحكومة.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, text);
    }

    #[test]
    fn corrupt_utf8_is_kept_with_replacements() {
        let mut bytes = "العراق والولايات المتحدة".as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::NotText("a PNG image"))
        );
        assert!(matches!(
            decode(b"abc\0\0\x01\x02def"),
            Err(DecodeError::NotText(_))
        ));
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(DecodeError::NotText(_))
        ));
    }
}
