//! Turning the bytes of a dropped file into the text an analyst annotates.
//!
//! Offsets in every export index the text this module returns, so every normalization that
//! changes offsets (BOM removal, CRLF → LF) happens here, once, before any span can exist.
//! Detection order: byte-order marks, then UTF-16 without one, then UTF-8 (kept even with a few
//! corrupt bytes), then the legacy code pages an Arabic newsroom's files come in: windows-1256
//! or ISO-8859-6, told apart by which one reads the bytes as Arabic words, and windows-1252 for
//! the rare Latin-script file. Files that are not text at all (images, archives, documents) are
//! refused instead of being shown as mojibake.
//!
//! # Why not a general-purpose decoder
//!
//! A general decoder (encoding_rs with a statistical detector) carries every WHATWG encoding,
//! including the CJK tables: about 200 KB of compressed WebAssembly the page would download for
//! files no analyst of Arabic news has. The three single-byte code pages here are 128-entry
//! tables, checked byte for byte against encoding_rs in the tests, and UTF-8/UTF-16 come with
//! the standard library (whose replacement of malformed sequences follows the same WHATWG rule).

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
    /// Text in a legacy encoding other than the ones Raqim reads (a Chinese or Japanese code
    /// page, say): refused rather than shown as mojibake.
    UnknownEncoding,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::WhitespaceOnly => write!(f, "the file contains only whitespace"),
            DecodeError::NotText(kind) => {
                write!(f, "this is not a text file (it looks like {kind})")
            }
            DecodeError::UnknownEncoding => write!(
                f,
                "the text is in an encoding Raqim does not read (it reads UTF-8, UTF-16, \
                 windows-1256, ISO-8859-6 and windows-1252): save it as UTF-8 and drop it again"
            ),
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
    let (encoding, body) = detect(bytes).ok_or(DecodeError::UnknownEncoding)?;
    let (text, replaced) = match body {
        Body::Valid(text) => (text.to_owned(), 0),
        Body::Bytes(body) => encoding.decode(body),
    };
    let text = normalize_newlines(text);
    if text.trim().is_empty() {
        return Err(DecodeError::WhitespaceOnly);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

/// The encodings Raqim reads, by their WHATWG names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    SingleByte(&'static CodePage),
}

/// A single-byte code page: ASCII below 0x80, a table above.
#[derive(Debug, PartialEq, Eq)]
struct CodePage {
    name: &'static str,
    /// The characters of bytes 0x80–0xFF; U+FFFD where the code page defines none.
    high: [char; 128],
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::SingleByte(page) => page.name,
        }
    }

    /// The text of `bytes` (without BOM) and how many malformed sequences became U+FFFD.
    fn decode(self, bytes: &[u8]) -> (String, usize) {
        let mut text = String::with_capacity(bytes.len());
        let mut replaced = 0;
        match self {
            Encoding::Utf8 => {
                for chunk in bytes.utf8_chunks() {
                    text.push_str(chunk.valid());
                    if !chunk.invalid().is_empty() {
                        text.push(char::REPLACEMENT_CHARACTER);
                        replaced += 1;
                    }
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let unit = |pair: &[u8]| match self {
                    Encoding::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
                    _ => u16::from_be_bytes([pair[0], pair[1]]),
                };
                for c in char::decode_utf16(bytes.chunks_exact(2).map(unit)) {
                    text.push(c.unwrap_or_else(|_| {
                        replaced += 1;
                        char::REPLACEMENT_CHARACTER
                    }));
                }
                if bytes.len() % 2 == 1 {
                    text.push(char::REPLACEMENT_CHARACTER); // a truncated last unit
                    replaced += 1;
                }
            }
            Encoding::SingleByte(page) => {
                for &b in bytes {
                    let c = page.char(b);
                    replaced += usize::from(c == char::REPLACEMENT_CHARACTER);
                    text.push(c);
                }
            }
        }
        (text, replaced)
    }
}

impl CodePage {
    fn char(&self, byte: u8) -> char {
        if byte < 0x80 {
            char::from(byte)
        } else {
            self.high[usize::from(byte - 0x80)]
        }
    }
}

/// The Windows Arabic code page, in which most legacy Arabic files were written.
static WINDOWS_1256: CodePage = CodePage {
    name: "windows-1256",
    high: [
        '\u{20AC}', '\u{067E}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0679}', '\u{2039}', '\u{0152}', '\u{0686}',
        '\u{0698}', '\u{0688}', '\u{06AF}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{06A9}', '\u{2122}', '\u{0691}', '\u{203A}',
        '\u{0153}', '\u{200C}', '\u{200D}', '\u{06BA}', '\u{00A0}', '\u{060C}', '\u{00A2}',
        '\u{00A3}', '\u{00A4}', '\u{00A5}', '\u{00A6}', '\u{00A7}', '\u{00A8}', '\u{00A9}',
        '\u{06BE}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{00AF}', '\u{00B0}',
        '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
        '\u{00B8}', '\u{00B9}', '\u{061B}', '\u{00BB}', '\u{00BC}', '\u{00BD}', '\u{00BE}',
        '\u{061F}', '\u{06C1}', '\u{0621}', '\u{0622}', '\u{0623}', '\u{0624}', '\u{0625}',
        '\u{0626}', '\u{0627}', '\u{0628}', '\u{0629}', '\u{062A}', '\u{062B}', '\u{062C}',
        '\u{062D}', '\u{062E}', '\u{062F}', '\u{0630}', '\u{0631}', '\u{0632}', '\u{0633}',
        '\u{0634}', '\u{0635}', '\u{0636}', '\u{00D7}', '\u{0637}', '\u{0638}', '\u{0639}',
        '\u{063A}', '\u{0640}', '\u{0641}', '\u{0642}', '\u{0643}', '\u{00E0}', '\u{0644}',
        '\u{00E2}', '\u{0645}', '\u{0646}', '\u{0647}', '\u{0648}', '\u{00E7}', '\u{00E8}',
        '\u{00E9}', '\u{00EA}', '\u{00EB}', '\u{0649}', '\u{064A}', '\u{00EE}', '\u{00EF}',
        '\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{00F4}', '\u{064F}', '\u{0650}',
        '\u{00F7}', '\u{0651}', '\u{00F9}', '\u{0652}', '\u{00FB}', '\u{00FC}', '\u{200E}',
        '\u{200F}', '\u{06D2}',
    ],
};

/// The ISO Arabic code page: Arabic letters only, no Persian or Urdu ones, many holes.
static ISO_8859_6: CodePage = CodePage {
    name: "ISO-8859-6",
    high: [
        '\u{0080}', '\u{0081}', '\u{0082}', '\u{0083}', '\u{0084}', '\u{0085}', '\u{0086}',
        '\u{0087}', '\u{0088}', '\u{0089}', '\u{008A}', '\u{008B}', '\u{008C}', '\u{008D}',
        '\u{008E}', '\u{008F}', '\u{0090}', '\u{0091}', '\u{0092}', '\u{0093}', '\u{0094}',
        '\u{0095}', '\u{0096}', '\u{0097}', '\u{0098}', '\u{0099}', '\u{009A}', '\u{009B}',
        '\u{009C}', '\u{009D}', '\u{009E}', '\u{009F}', '\u{00A0}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{00A4}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{FFFD}', '\u{060C}', '\u{00AD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{061B}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{061F}', '\u{FFFD}', '\u{0621}', '\u{0622}', '\u{0623}', '\u{0624}', '\u{0625}',
        '\u{0626}', '\u{0627}', '\u{0628}', '\u{0629}', '\u{062A}', '\u{062B}', '\u{062C}',
        '\u{062D}', '\u{062E}', '\u{062F}', '\u{0630}', '\u{0631}', '\u{0632}', '\u{0633}',
        '\u{0634}', '\u{0635}', '\u{0636}', '\u{0637}', '\u{0638}', '\u{0639}', '\u{063A}',
        '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{0640}', '\u{0641}',
        '\u{0642}', '\u{0643}', '\u{0644}', '\u{0645}', '\u{0646}', '\u{0647}', '\u{0648}',
        '\u{0649}', '\u{064A}', '\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}',
        '\u{0650}', '\u{0651}', '\u{0652}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}', '\u{FFFD}',
        '\u{FFFD}', '\u{FFFD}',
    ],
};

/// The Western code page, the web's default for unlabeled legacy text.
static WINDOWS_1252: CodePage = CodePage {
    name: "windows-1252",
    high: [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}', '\u{00A0}', '\u{00A1}', '\u{00A2}',
        '\u{00A3}', '\u{00A4}', '\u{00A5}', '\u{00A6}', '\u{00A7}', '\u{00A8}', '\u{00A9}',
        '\u{00AA}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{00AF}', '\u{00B0}',
        '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
        '\u{00B8}', '\u{00B9}', '\u{00BA}', '\u{00BB}', '\u{00BC}', '\u{00BD}', '\u{00BE}',
        '\u{00BF}', '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{00C3}', '\u{00C4}', '\u{00C5}',
        '\u{00C6}', '\u{00C7}', '\u{00C8}', '\u{00C9}', '\u{00CA}', '\u{00CB}', '\u{00CC}',
        '\u{00CD}', '\u{00CE}', '\u{00CF}', '\u{00D0}', '\u{00D1}', '\u{00D2}', '\u{00D3}',
        '\u{00D4}', '\u{00D5}', '\u{00D6}', '\u{00D7}', '\u{00D8}', '\u{00D9}', '\u{00DA}',
        '\u{00DB}', '\u{00DC}', '\u{00DD}', '\u{00DE}', '\u{00DF}', '\u{00E0}', '\u{00E1}',
        '\u{00E2}', '\u{00E3}', '\u{00E4}', '\u{00E5}', '\u{00E6}', '\u{00E7}', '\u{00E8}',
        '\u{00E9}', '\u{00EA}', '\u{00EB}', '\u{00EC}', '\u{00ED}', '\u{00EE}', '\u{00EF}',
        '\u{00F0}', '\u{00F1}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{00F6}',
        '\u{00F7}', '\u{00F8}', '\u{00F9}', '\u{00FA}', '\u{00FB}', '\u{00FC}', '\u{00FD}',
        '\u{00FE}', '\u{00FF}',
    ],
};

/// The encoding of `bytes`, and the bytes after its byte-order mark; `None` for a legacy
/// encoding Raqim does not read.
fn detect(bytes: &[u8]) -> Option<(Encoding, Body<'_>)> {
    if let Some((encoding, bom)) = bom(bytes) {
        return Some((encoding, Body::Bytes(&bytes[bom..])));
    }
    // Before UTF-8: Arabic UTF-16 without a BOM is all bytes below 0x80, so valid UTF-8 too.
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Some((encoding, Body::Bytes(bytes)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((Encoding::Utf8, Body::Valid(text)));
    }
    // A mostly-valid UTF-8 file with a few corrupt bytes is far more likely than a legacy
    // code page that happens to contain long valid UTF-8 runs: keep UTF-8 and report the
    // replacements instead of turning the whole article into mojibake.
    if mostly_utf8(bytes) {
        return Some((Encoding::Utf8, Body::Bytes(bytes)));
    }
    Some((
        Encoding::SingleByte(legacy_code_page(bytes)?),
        Body::Bytes(bytes),
    ))
}

/// A file's text after its byte-order mark: still to decode, or already checked to be valid
/// UTF-8 (nearly every file; validating Arabic text is not free, so it is done once).
enum Body<'a> {
    Bytes(&'a [u8]),
    Valid(&'a str),
}

/// The byte-order mark at the start of `bytes`, if any, and its length.
fn bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Which legacy code page reads `bytes` best. Arabic text is mostly bytes above 0x80, Latin
/// text mostly ASCII letters; between the two Arabic code pages, the wrong one shows itself by
/// holes (U+FFFD), C1 controls, and Latin letters in the middle of Arabic words (windows-1256
/// puts à â ç è é ê ë where ISO-8859-6 has ـ ف ق ك ل م ن ه و ى ي). Ties go to windows-1256, by
/// far the more common. Arabic text read right is nearly all Arabic characters above 0x80; when
/// a third of those bytes are not, the text is in another encoding altogether (`None`).
fn legacy_code_page(bytes: &[u8]) -> Option<&'static CodePage> {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let ascii_letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if high < ascii_letters {
        return Some(&WINDOWS_1252);
    }
    let oddities = |page: &CodePage| {
        bytes
            .iter()
            .filter(|&&b| b >= 0x80)
            .map(|&b| page.char(b))
            .filter(|&c| {
                c == char::REPLACEMENT_CHARACTER
                    || ('\u{80}'..='\u{9F}').contains(&c)
                    || ('\u{C0}'..='\u{FF}').contains(&c)
            })
            .count()
    };
    let page = if oddities(&ISO_8859_6) < oddities(&WINDOWS_1256) {
        &ISO_8859_6
    } else {
        &WINDOWS_1256
    };
    let arabic = bytes
        .iter()
        .filter(|&&b| b >= 0x80 && ('\u{600}'..='\u{6FF}').contains(&page.char(b)))
        .count();
    (arabic * 3 >= high * 2).then_some(page)
}

/// UTF-16 without a BOM shows up as every other byte being zero in Latin text, or as a
/// repeated high byte 0x06 (the Arabic block) in Arabic text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
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
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs * 3 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut bad, mut non_ascii) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    non_ascii += bad;
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
    if bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
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
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
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

    /// Every byte of the three code pages decodes as the WHATWG Encoding Standard says
    /// (encoding_rs is its reference implementation, here only as a test oracle).
    #[test]
    fn code_pages_match_the_encoding_standard() {
        for (page, reference) in [
            (&WINDOWS_1256, encoding_rs::WINDOWS_1256),
            (&ISO_8859_6, encoding_rs::ISO_8859_6),
            (&WINDOWS_1252, encoding_rs::WINDOWS_1252),
        ] {
            assert_eq!(page.name, reference.name());
            for byte in 0..=255u8 {
                let bytes = [byte];
                let (expected, _) = reference.decode_without_bom_handling(&bytes);
                assert_eq!(
                    page.char(byte).to_string(),
                    expected,
                    "{} byte {byte:#04X}",
                    page.name
                );
            }
        }
    }

    #[test]
    fn legacy_code_pages_are_told_apart() {
        let arabic =
            "قال وزير الخارجية العراقي فؤاد حسين إن القوات الأمريكية باقية في العراق بناء على طلب الحكومة.";
        for reference in [encoding_rs::WINDOWS_1256, encoding_rs::ISO_8859_6] {
            let (bytes, _, unmappable) = reference.encode(arabic);
            assert!(!unmappable);
            let d = decode(&bytes).unwrap();
            assert_eq!((d.encoding, d.text.as_str()), (reference.name(), arabic));
        }
        let french =
            "Le ministre irakien a déclaré que les forces américaines resteraient à Bagdad.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("windows-1252", french));
    }

    /// Chinese and Japanese legacy code pages are mostly bytes above 0x80, like Arabic ones, but
    /// read as either Arabic code page they are full of holes and Latin letters.
    #[test]
    fn other_legacy_encodings_are_refused() {
        let chinese = "美国国防部长说，美军将留在伊拉克，直到伊拉克政府要求撤军。";
        let japanese = "米国防長官は、イラク政府の要請があるまで米軍はイラクに駐留すると述べた。";
        for (text, encoding) in [
            (chinese, encoding_rs::GBK),
            (chinese, encoding_rs::BIG5),
            (japanese, encoding_rs::SHIFT_JIS),
            (japanese, encoding_rs::EUC_JP),
        ] {
            let (bytes, _, _) = encoding.encode(text);
            assert_eq!(
                decode(&bytes),
                Err(DecodeError::UnknownEncoding),
                "{}",
                encoding.name()
            );
        }
    }

    #[test]
    fn corrupt_utf16_is_kept_with_replacements() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("بغداد".encode_utf16().flat_map(|u| u.to_le_bytes()));
        bytes.extend([0x00, 0xD8]); // a lone high surrogate
        bytes.extend("ب".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("بغداد\u{FFFD}ب", 1));
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
