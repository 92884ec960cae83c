//! The keyboard help overlay (`?`), listing the same key map the handler uses.

use leptos::prelude::*;

use crate::i18n::I18n;
use crate::ui::Ui;

/// `(keys, English, Arabic)` for every shortcut, in the order shown.
const SHORTCUTS: [(&str, &str, &str); 17] = [
    (
        "1 – 9",
        "Pick a label (relabels the selected span)",
        "اختيار تصنيف (يعيد تصنيف المقطع المحدد)",
    ),
    ("a", "Accept the selected suggestion", "قبول الاقتراح المحدد"),
    ("x", "Reject the selected suggestion", "رفض الاقتراح المحدد"),
    (
        "Shift+A",
        "Accept all suggestions in the article",
        "قبول كل اقتراحات المقال",
    ),
    (
        "Tab / Shift+Tab",
        "Next / previous span",
        "المقطع التالي / السابق",
    ),
    (
        "Shift+← / Shift+→",
        "Extend / shrink the span's end by a token",
        "مدّ / تقليص نهاية المقطع بكلمة",
    ),
    (
        "Ctrl+Shift+← / →",
        "Move the span's start forward / back by a token",
        "تحريك بداية المقطع للأمام / للخلف بكلمة",
    ),
    ("Delete", "Remove the selected span", "حذف المقطع المحدد"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo", "تراجع / إعادة"),
    ("J / K", "Next / previous article", "المقال التالي / السابق"),
    (
        "Enter",
        "Mark the article done and open the next",
        "إنهاء المقال وفتح التالي",
    ),
    (
        "F / D / N / U",
        "Article stance: favor / against / neutral / unrelated",
        "موقف المقال: مؤيد / معارض / محايد / غير ذي صلة",
    ),
    (
        "Shift+F / D / N",
        "Speaker stance of the selected PER/ORG",
        "موقف المتحدث المحدد (شخص/منظمة)",
    ),
    ("Double-click", "Mark one word", "تعليم كلمة واحدة"),
    (
        "Drag an edge",
        "Resize the selected span",
        "تغيير حدود المقطع المحدد",
    ),
    ("?", "Show / hide this help", "إظهار / إخفاء هذه المساعدة"),
    ("Esc", "Close / deselect", "إغلاق / إلغاء التحديد"),
];

/// The overlay, shown while `Ui::help` is set.
#[component]
pub fn HelpOverlay() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let i18n = expect_context::<I18n>();
    view! {
        <Show when=move || ui.help.get()>
            <div class="overlay" data-testid="help-overlay" on:click=move |_| ui.help.set(false)>
                <div class="dialog" role="dialog" aria-modal="true" on:click=|ev| ev.stop_propagation()>
                    <h2>{move || i18n.t().shortcuts}</h2>
                    <table class="shortcuts">
                        <tbody>
                            {SHORTCUTS.iter().map(|(keys, en, ar)| view! {
                                <tr data-testid="shortcut">
                                    <td><kbd dir="ltr">{*keys}</kbd></td>
                                    <td>{move || if i18n.0.get() == crate::i18n::Lang::Ar { *ar } else { *en }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button class="primary" data-testid="help-close" on:click=move |_| ui.help.set(false)>{move || i18n.t().close}</button>
                </div>
            </div>
        </Show>
    }
}
