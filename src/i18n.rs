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
    pub saving: &'static str,
    pub not_saved: &'static str,
    pub dismiss: &'static str,
    pub encoding: &'static str,
    pub replaced_warning: &'static str,
    pub refused: &'static str,
    pub duplicate: &'static str,
    pub storage_failed: &'static str,
    pub storage_recovered: &'static str,
    pub toggle_zone: &'static str,
    pub accept_all: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub show_rejected: &'static str,
    pub mark_done: &'static str,
    pub reopen: &'static str,
    pub shortcuts: &'static str,
    pub close: &'static str,
    pub tab_span: &'static str,
    pub tab_stance: &'static str,
    pub tab_labels: &'static str,
    pub tab_rules: &'static str,
    pub tab_guidelines: &'static str,
    pub no_span_selected: &'static str,
    pub label: &'static str,
    pub state: &'static str,
    pub source: &'static str,
    pub why: &'static str,
    pub accept: &'static str,
    pub reject: &'static str,
    pub delete: &'static str,
    pub state_suggested: &'static str,
    pub state_accepted: &'static str,
    pub state_rejected: &'static str,
    pub state_analyst: &'static str,
    pub speaker_stance: &'static str,
    pub document_stance: &'static str,
    pub who_stands_where: &'static str,
    pub favor: &'static str,
    pub against: &'static str,
    pub neutral: &'static str,
    pub unrelated: &'static str,
    pub new_target: &'static str,
    pub add: &'static str,
    pub new_label: &'static str,
    pub label_in_use: &'static str,
    pub relabel_spans: &'static str,
    pub delete_spans: &'static str,
    pub learned_hint: &'static str,
    pub progress: &'static str,
    pub hits: &'static str,
    pub kind_entity: &'static str,
    pub kind_suppress: &'static str,
    pub export_rules: &'static str,
    pub import_pack: &'static str,
    pub patterns: &'static str,
    pub bad_lines: &'static str,
    pub line: &'static str,
    pub pack_empty: &'static str,
    pub pack_loaded: &'static str,
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
    saving: "Saving…",
    not_saved: "Not saved",
    dismiss: "Dismiss",
    encoding: "encoding",
    replaced_warning: "invalid bytes were replaced by �",
    refused: "not loaded",
    duplicate: "already loaded",
    storage_failed: "Could not save to this browser's storage",
    storage_recovered: "Some stored data could not be read",
    toggle_zone: "Mark / unmark this line as boilerplate",
    accept_all: "Accept all",
    undo: "Undo",
    redo: "Redo",
    show_rejected: "Show rejected",
    mark_done: "Done ✓",
    reopen: "Reopen",
    shortcuts: "Keyboard shortcuts",
    close: "Close",
    tab_span: "Span",
    tab_stance: "Stance",
    tab_labels: "Labels",
    tab_rules: "Rules",
    tab_guidelines: "Guidelines",
    no_span_selected: "Select text to mark a span, or click a highlighted span.",
    label: "Label",
    state: "State",
    source: "Source",
    why: "Why",
    accept: "Accept",
    reject: "Reject",
    delete: "Delete",
    state_suggested: "suggested",
    state_accepted: "accepted",
    state_rejected: "rejected",
    state_analyst: "added by the analyst",
    speaker_stance: "Speaker’s stance",
    document_stance: "Article stance",
    who_stands_where: "Who stands where",
    favor: "favor",
    against: "against",
    neutral: "neutral",
    unrelated: "unrelated",
    new_target: "New stance target…",
    add: "Add",
    new_label: "New label…",
    label_in_use: "spans use this label. Relabel them or delete them?",
    relabel_spans: "Relabel to",
    delete_spans: "Delete them",
    learned_hint: "Accepting or marking a span teaches Raqim its form; rejecting one stops it. Learned rules apply to every article.",
    progress: "done",
    hits: "hits",
    export_rules: "Export learned rules",
    import_pack: "Import rule pack…",
    patterns: "patterns",
    bad_lines: "bad lines",
    line: "line",
    pack_empty: "no usable pattern in this file",
    pack_loaded: "patterns loaded",
    kind_entity: "suggest",
    kind_suppress: "suppress",
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
    saving: "جارٍ الحفظ…",
    not_saved: "غير محفوظ",
    dismiss: "إغلاق",
    encoding: "الترميز",
    replaced_warning: "استُبدلت بايتات غير صالحة بالرمز �",
    refused: "لم يُحمَّل",
    duplicate: "محمَّل مسبقاً",
    storage_failed: "تعذّر الحفظ في تخزين هذا المتصفح",
    storage_recovered: "تعذّرت قراءة بعض البيانات المخزنة",
    toggle_zone: "تعليم / إلغاء تعليم السطر كحشو",
    accept_all: "قبول الكل",
    undo: "تراجع",
    redo: "إعادة",
    show_rejected: "إظهار المرفوض",
    mark_done: "إنهاء ✓",
    reopen: "إعادة فتح",
    shortcuts: "اختصارات لوحة المفاتيح",
    close: "إغلاق",
    tab_span: "المقطع",
    tab_stance: "الموقف",
    tab_labels: "التصنيفات",
    tab_rules: "القواعد",
    tab_guidelines: "الإرشادات",
    no_span_selected: "حدّد نصاً لتعليم مقطع، أو انقر على مقطع ملوّن.",
    label: "التصنيف",
    state: "الحالة",
    source: "المصدر",
    why: "السبب",
    accept: "قبول",
    reject: "رفض",
    delete: "حذف",
    state_suggested: "مقترح",
    state_accepted: "مقبول",
    state_rejected: "مرفوض",
    state_analyst: "أضافه المحلل",
    speaker_stance: "موقف المتحدث",
    document_stance: "موقف المقال",
    who_stands_where: "من يقف أين",
    favor: "مؤيد",
    against: "معارض",
    neutral: "محايد",
    unrelated: "غير ذي صلة",
    new_target: "هدف موقف جديد…",
    add: "إضافة",
    new_label: "تصنيف جديد…",
    label_in_use: "مقطعاً تستخدم هذا التصنيف. إعادة تصنيفها أم حذفها؟",
    relabel_spans: "إعادة التصنيف إلى",
    delete_spans: "حذفها",
    learned_hint:
        "قبول مقطع أو تعليمه يعلّم رقيم صيغته، ورفضه يوقفها. تُطبّق القواعد المتعلَّمة على كل المقالات.",
    progress: "منجز",
    hits: "مرة",
    export_rules: "تصدير القواعد المتعلَّمة",
    import_pack: "استيراد حزمة قواعد…",
    patterns: "نمطاً",
    bad_lines: "سطراً معيباً",
    line: "السطر",
    pack_empty: "لا يوجد نمط صالح في هذا الملف",
    pack_loaded: "نمطاً حُمِّلت",
    kind_entity: "اقتراح",
    kind_suppress: "إيقاف",
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
