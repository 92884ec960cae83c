//! The sample articles behind "Try the sample articles", compiled into the page so that trying
//! them makes no network request. The same files are served from `public/samples/` for
//! anyone who wants to drag them in by hand.

/// `(file name, bytes)` of each sample article.
pub const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_29e9128e34fa29fd.txt",
        include_bytes!("../public/samples/000_29e9128e34fa29fd.txt"),
    ),
    (
        "001_fd6a5358d70ec4e1.txt",
        include_bytes!("../public/samples/001_fd6a5358d70ec4e1.txt"),
    ),
    (
        "002_56f66993d4cda13d.txt",
        include_bytes!("../public/samples/002_56f66993d4cda13d.txt"),
    ),
    (
        "003_1c97974decbb7475.txt",
        include_bytes!("../public/samples/003_1c97974decbb7475.txt"),
    ),
    (
        "004_c8c07972d2a5d857.txt",
        include_bytes!("../public/samples/004_c8c07972d2a5d857.txt"),
    ),
];
