//! The interface speaks Arabic (right-to-left) by default and English on request.
//!
//! Strings live in two constant tables with the same fields, so a missing translation is a
//! compile error rather than a blank button.

use leptos::prelude::*;
use raqim_engine::decode::DecodeError;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Reads a stored tag; anything unknown falls back to Arabic.
    pub fn from_tag(tag: &str) -> Lang {
        if tag == "en" {
            Lang::En
        } else {
            Lang::Ar
        }
    }

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ar => &AR,
            Lang::En => &EN,
        }
    }
}

/// Every user-facing string.
#[derive(Debug)]
pub struct Strings {
    pub tagline: &'static str,
    pub switch_lang: &'static str,
    pub open_files: &'static str,
    pub try_samples: &'static str,
    pub export: &'static str,
    pub clear: &'static str,
    pub clear_confirm: &'static str,
    pub clear_yes: &'static str,
    pub cancel: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub drop_privacy: &'static str,
    pub articles: &'static str,
    pub remove: &'static str,
    pub chars: &'static str,
    pub status_new: &'static str,
    pub status_in_progress: &'static str,
    pub status_done: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub dismiss: &'static str,
    pub encoding: &'static str,
    pub replaced_warning: &'static str,
    pub refused: &'static str,
    pub duplicate: &'static str,
    pub storage_failed: &'static str,
    pub storage_recovered: &'static str,
}

pub const EN: Strings = Strings {
    tagline: "Arabic news annotation, in your browser",
    switch_lang: "العربية",
    open_files: "Open files…",
    try_samples: "Try the sample articles",
    export: "Export JSONL",
    clear: "Clear workspace",
    clear_confirm: "Remove every article and its annotations from this browser?",
    clear_yes: "Yes, remove all",
    cancel: "Cancel",
    drop_title: "Drop Arabic news articles here",
    drop_hint: "Plain-text files (.txt) in UTF-8, UTF-16 or Windows-1256, one article per file.",
    drop_privacy: "Nothing leaves this computer: articles and annotations are stored in this browser only.",
    articles: "Articles",
    remove: "Remove",
    chars: "characters",
    status_new: "new",
    status_in_progress: "in progress",
    status_done: "done",
    saved: "Saved",
    not_saved: "Not saved",
    dismiss: "Dismiss",
    encoding: "encoding",
    replaced_warning: "invalid bytes were replaced by �",
    refused: "not loaded",
    duplicate: "already loaded",
    storage_failed: "Could not save to this browser's storage",
    storage_recovered: "Some stored data could not be read",
};

pub const AR: Strings = Strings {
    tagline: "تعليم الأخبار العربية، داخل متصفحك",
    switch_lang: "English",
    open_files: "فتح ملفات…",
    try_samples: "جرّب المقالات النموذجية",
    export: "تصدير JSONL",
    clear: "مسح مساحة العمل",
    clear_confirm: "هل تريد حذف كل المقالات وتعليقاتها من هذا المتصفح؟",
    clear_yes: "نعم، احذف الكل",
    cancel: "إلغاء",
    drop_title: "أفلت مقالات الأخبار العربية هنا",
    drop_hint: "ملفات نصية (.txt) بترميز UTF-8 أو UTF-16 أو Windows-1256، مقال واحد في كل ملف.",
    drop_privacy: "لا يغادر شيء هذا الجهاز: تُحفظ المقالات والتعليقات في هذا المتصفح فقط.",
    articles: "المقالات",
    remove: "حذف",
    chars: "حرفاً",
    status_new: "جديد",
    status_in_progress: "قيد العمل",
    status_done: "منجز",
    saved: "محفوظ",
    not_saved: "غير محفوظ",
    dismiss: "إغلاق",
    encoding: "الترميز",
    replaced_warning: "استُبدلت بايتات غير صالحة بالرمز �",
    refused: "لم يُحمَّل",
    duplicate: "محمَّل مسبقاً",
    storage_failed: "تعذّر الحفظ في تخزين هذا المتصفح",
    storage_recovered: "تعذّرت قراءة بعض البيانات المخزنة",
};

/// The language context: a narrow handle components take instead of the whole store.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The current strings (tracks the language signal).
    pub fn t(&self) -> &'static Strings {
        self.0.get().strings()
    }
}

/// Why a file was refused, in the interface language.
pub fn decode_error(lang: Lang, err: &DecodeError) -> String {
    match lang {
        Lang::En => err.to_string(),
        Lang::Ar => match err {
            DecodeError::Empty => "الملف فارغ".to_owned(),
            DecodeError::WhitespaceOnly => "الملف لا يحتوي إلا على مسافات بيضاء".to_owned(),
            DecodeError::NotText(kind) => format!("هذا ليس ملفاً نصياً ({kind})"),
            DecodeError::TooLarge(_) => format!("الملف أكبر من الحد المسموح ({err})"),
        },
    }
}
