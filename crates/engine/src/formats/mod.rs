//! Training data in and out of other tools, and team work without a server.
//!
//! Raqim's own JSONL ([`crate::export`]) is the source of truth; this module converts it to the
//! formats other tools read, reads their exports back, and compares several annotators' work.
//!
//! | format | out | in | offsets written |
//! |---|---|---|---|
//! | Raqim/Prodigy JSONL | [`crate::export::jsonl`] | [`raqim`] | code points |
//! | doccano JSONL | [`doccano::jsonl`] | [`doccano`] | **UTF-16 code units** (what doccano's editor counts) |
//! | Label Studio JSON | [`label_studio::json`] | [`label_studio`] | code points (what Label Studio counts) |
//! | CoNLL IOB2 | [`conll::conll`] | — | tokens, no offsets |
//! | spaCy DocBin | `scripts/spacy/to_docbin.py` (Python) | — | tokens + code points |
//!
//! The two offset units above are not a typo: both tools run in a browser, but Label Studio
//! converts the DOM's UTF-16 offsets to code points before it stores a region, and doccano does
//! not. The evidence is in [`label_studio`] and [`doccano`].
//!
//! Everything here is pure: imports return an [`ImportReport`] (the articles that loaded, and a
//! line-numbered error for each record that did not) and never touch a workspace; a merge is a
//! [`merge::MergePlan`] of ordinary [`crate::Edit`]s that the caller applies once the analyst
//! has confirmed it, so nothing already stored changes before that.
//!
//! - [`import`]: format detection and the [`ImportReport`] every importer returns.
//! - [`merge`]: imported articles into a workspace (keep mine / keep theirs / both as
//!   annotators), and annotator layers.
//! - [`agreement`]: span F1 (exact and overlap), Cohen's κ for document stance, disagreements.
//! - [`adjudicate`]: the spans two annotators agree on, the conflicts left to decide, and the
//!   adjudicated article once they are decided.
//! - [`spacy`]: the export's tokens with spaCy's whitespace tokens, so `Doc(words, spaces)`
//!   rebuilds the text exactly.

pub mod adjudicate;
pub mod agreement;
pub mod conll;
pub mod doccano;
pub mod import;
pub mod label_studio;
pub mod merge;
pub mod raqim;
pub mod spacy;

pub use import::{import, import_as, Format, ImportReport, Imported, LineError};

use crate::article::Article;
use crate::text::Tokenizer;
use crate::workspace::Settings;

/// What an export is written as; the page's export menu and the CLI's `convert` offer these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Export {
    /// Raqim/Prodigy JSONL (the default; everything Raqim knows).
    Raqim,
    /// doccano sequence-labeling JSONL.
    Doccano,
    /// Label Studio tasks (JSON).
    LabelStudio,
    /// The Label Studio labeling config (XML) matching the workspace's labels and targets.
    LabelStudioConfig,
    /// CoNLL IOB2, a token per line.
    Conll,
}

impl Export {
    /// Every format, in menu order.
    pub const ALL: [Export; 5] = [
        Export::Raqim,
        Export::Doccano,
        Export::LabelStudio,
        Export::LabelStudioConfig,
        Export::Conll,
    ];

    /// A short stable name (file names, test ids, the CLI's `--to`).
    pub fn name(self) -> &'static str {
        match self {
            Export::Raqim => "raqim",
            Export::Doccano => "doccano",
            Export::LabelStudio => "label-studio",
            Export::LabelStudioConfig => "label-studio-config",
            Export::Conll => "conll",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Export::Raqim | Export::Doccano => "jsonl",
            Export::LabelStudio => "json",
            Export::LabelStudioConfig => "xml",
            Export::Conll => "conll",
        }
    }

    /// The MIME type of the downloaded file.
    pub fn mime(self) -> &'static str {
        match self {
            Export::Raqim | Export::Doccano => "application/x-ndjson",
            Export::LabelStudio => "application/json",
            Export::LabelStudioConfig => "application/xml",
            Export::Conll => "text/plain",
        }
    }

    /// Writes `articles` in this format.
    pub fn write<'a>(
        self,
        articles: impl IntoIterator<Item = &'a Article>,
        settings: &Settings,
        tokenizer: &Tokenizer,
    ) -> String {
        let mut out = String::new();
        let mut writer = self.writer();
        for article in articles {
            writer.article(article, settings, tokenizer, &mut out);
        }
        writer.finish(settings, &mut out);
        out
    }

    /// A writer of this format, one article at a time (see [`Writer`]).
    pub fn writer(self) -> Writer {
        Writer {
            format: self,
            written: 0,
        }
    }
}

/// Writes an export one article at a time: [`Export::write`] is [`Export::writer`], then
/// [`Writer::article`] for each article, then [`Writer::finish`]; a caller that hands each piece
/// on as it comes (the page, into a file, letting the browser paint between pieces) writes the
/// same bytes without ever holding the whole export in one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writer {
    format: Export,
    written: usize,
}

impl Writer {
    /// Appends `article` to `out`.
    pub fn article(
        &mut self,
        article: &Article,
        settings: &Settings,
        tokenizer: &Tokenizer,
        out: &mut String,
    ) {
        match self.format {
            Export::Raqim => {
                out.push_str(&crate::export::jsonl_line(article, settings, tokenizer));
                out.push('\n');
            }
            Export::Doccano => {
                out.push_str(&doccano::line(article));
                out.push('\n');
            }
            Export::LabelStudio => label_studio::push_task(article, self.written, out),
            Export::LabelStudioConfig => {}
            Export::Conll => out.push_str(&conll::article(article, tokenizer)),
        }
        self.written += 1;
    }

    /// Appends what follows the last article (for the labeling config, everything) to `out`.
    pub fn finish(self, settings: &Settings, out: &mut String) {
        match self.format {
            Export::LabelStudio => label_studio::close_tasks(self.written, out),
            Export::LabelStudioConfig => out.push_str(&label_studio::config(settings)),
            Export::Raqim | Export::Doccano | Export::Conll => {}
        }
    }
}

/// For the format tests: the one article `report` read back, checked to be `original` with its
/// `spans` (start, end, label).
#[cfg(test)]
pub(crate) fn read_back<'r>(
    report: &'r ImportReport,
    original: &Article,
    spans: &[(usize, usize, &str)],
) -> &'r Article {
    assert!(report.is_clean(), "{:?}", report.errors);
    let back = &report.items[0].article;
    assert_eq!(back.id, original.id);
    let bounds: Vec<_> = back
        .spans
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    assert_eq!(bounds, spans);
    back
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::text_article;
    use crate::span::Span;
    use crate::stance::Stance;

    /// The writer, piece by piece, writes what each format's own function writes.
    #[test]
    fn the_writer_writes_each_format_byte_for_byte() {
        let mut a = text_article(
            "قال فؤاد حسين في بغداد\n\nإن 🇮🇶 «العراق»".into(),
            None,
            None,
        )
        .unwrap();
        a.spans = vec![Span::analyst(4, 13, "PER"), Span::analyst(17, 22, "GPE")];
        a.stances.insert("t".into(), Stance::Against);
        let b = text_article("وصل الوفد إلى القاهرة".into(), Some("b.txt".into()), None).unwrap();
        let settings = Settings::default();
        let tok = Tokenizer::default();
        for articles in [vec![], vec![&a], vec![&a, &b]] {
            let expected = [
                (
                    Export::Raqim,
                    crate::export::jsonl(articles.iter().copied(), &settings, &tok),
                ),
                (Export::Doccano, doccano::jsonl(articles.iter().copied())),
                (
                    Export::LabelStudio,
                    label_studio::json(articles.iter().copied()),
                ),
                (Export::LabelStudioConfig, label_studio::config(&settings)),
                (Export::Conll, conll::conll(articles.iter().copied(), &tok)),
            ];
            for (format, expected) in expected {
                assert_eq!(
                    format.write(articles.iter().copied(), &settings, &tok),
                    expected,
                    "{format:?}"
                );
            }
        }
    }
}
