//! Every shared fixture decodes as its README asks (../shared/fixtures, beside the repository).

mod engine_support;

use engine_support::fixtures;

use raqim_engine::decode::{decode, DecodeError};

fn read(dir: &str, name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(dir).join(name)).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"))
}

#[test]
fn articles_decode_as_utf8_and_match_gold_hashes() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(
            decoded.text,
            String::from_utf8(bytes.clone())
                .unwrap()
                .replace("\r\n", "\n")
        );
        let gold_path = fixtures()
            .join("gold")
            .join(path.with_extension("json").file_name().unwrap());
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(gold_path).unwrap()).unwrap();
        assert_eq!(gold["text_sha256"], raqim_engine::hash::sha256_hex(&bytes));
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[test]
fn bad_inputs_behave_as_documented() {
    assert_eq!(
        decode(&read("bad-inputs", "empty.txt")),
        Err(DecodeError::Empty)
    );
    assert_eq!(
        decode(&read("bad-inputs", "whitespace-only.txt")),
        Err(DecodeError::WhitespaceOnly)
    );
    assert_eq!(
        decode(&read("bad-inputs", "image-renamed.txt")),
        Err(DecodeError::NotText("a PNG image"))
    );

    let cp1256 = decode(&read("bad-inputs", "windows-1256.txt")).unwrap();
    assert_eq!(cp1256.encoding, "windows-1256");
    assert!(cp1256.text.contains("رئيس الوزراء العراقي"));

    let utf16 = decode(&read("bad-inputs", "utf16le-bom.txt")).unwrap();
    assert_eq!(utf16.encoding, "UTF-16LE");
    assert!(!utf16.text.starts_with('\u{FEFF}') && !utf16.text.contains('\r'));

    let crlf = decode(&read("bad-inputs", "utf8-bom-crlf.txt")).unwrap();
    assert!(!crlf.text.starts_with('\u{FEFF}') && !crlf.text.contains('\r'));

    let invalid = decode(&read("bad-inputs", "invalid-utf8.txt")).unwrap();
    assert_eq!((invalid.encoding, invalid.replaced), ("UTF-8", 3));

    let html = decode(&read("bad-inputs", "html-injection.txt")).unwrap();
    assert!(html.text.contains("<script>window.__pwned=1</script>"));

    let torture = decode(&read("bad-inputs", "unicode-torture.txt")).unwrap();
    assert_eq!(
        torture.text,
        String::from_utf8(read("bad-inputs", "unicode-torture.txt")).unwrap()
    );
}
