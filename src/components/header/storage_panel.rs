//! Where the analyst sees and controls what this browser keeps: the storage panel (used / quota,
//! whether the browser promised to keep it, backup and restore, raw data, erase), and the
//! alerts under the top bar (reading files, storage full, recovered storage, backup reminder).
//!
//! Everything shown from storage or files (file names, keys, parser messages) is untrusted
//! text and rendered as text nodes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::formats::{self, merge};
use raqim_engine::persist::Damaged;
use raqim_engine::{Edit, Label};

use crate::browser;
use crate::components::format_bytes;
use crate::i18n::{I18n, Lang};
use crate::store::{NoticeKind, Notices, Recovery, Store};

/// Lines of a backup read per step while restoring (each step is one short task).
const RESTORE_LINES_PER_STEP: usize = 40;
/// Edits applied per step while restoring.
const RESTORE_EDITS_PER_STEP: usize = 50;

/// Articles written per step while making a backup (each step is one short task).
const BACKUP_ARTICLES_PER_STEP: usize = 20;

/// Downloads the full-workspace backup: the JSONL export of every article (annotator layers
/// included), then the workspace line (settings and learned rules,
/// [`formats::raqim::workspace_line`]), written in short steps with a progress bar; records
/// when it was made.
pub async fn download_backup(store: Store, notices: Notices) {
    let ids: Vec<_> = store
        .workspace
        .with_untracked(|ws| ws.articles.iter().map(|a| a.id.clone()).collect());
    let name = format!("raqim-backup-{}.jsonl", browser::today());
    // Written straight into the file's parts: a thousand articles never sit in memory as one
    // string.
    let mut file = browser::FileParts::default();
    let steps = ids.len().div_ceil(BACKUP_ARTICLES_PER_STEP).max(1);
    for (step, chunk) in ids.chunks(BACKUP_ARTICLES_PER_STEP).enumerate() {
        let written = store.workspace.with_untracked(|ws| {
            store.engine.with(|e| {
                for id in chunk {
                    if let Some(a) = ws.article(id) {
                        let jsonl = file.text();
                        jsonl.push_str(&raqim_engine::export::jsonl_line(
                            a,
                            &ws.settings,
                            e.tokenizer(),
                        ));
                        jsonl.push('\n');
                        file.settle()?;
                    }
                }
                Ok::<_, String>(())
            })
        });
        if let Err(err) = written {
            store.status.intake.set(None);
            notices.push(NoticeKind::Error, Some(name), err);
            return;
        }
        if steps > 1 {
            store.status.intake.set(Some(crate::store::Progress {
                done: 0,
                total: 1,
                current: name.clone(),
                part: (step + 1) as f64 / steps as f64,
            }));
            browser::yield_now().await;
        }
    }
    store.status.intake.set(None);
    let settings = store.workspace.with_untracked(|ws| {
        let jsonl = file.text();
        jsonl.push_str(&formats::raqim::workspace_line(ws));
        jsonl.push('\n');
        file.settle()
    });
    if let Err(err) = settings {
        notices.push(NoticeKind::Error, Some(name), err);
        return;
    }
    match file.download(&name, "application/x-ndjson") {
        Ok(()) => store.backed_up(),
        Err(err) => notices.push(NoticeKind::Error, Some(name), err),
    }
}

async fn download_raw(store: Store, notices: Notices) {
    let name = format!("raqim-raw-data-{}.jsonl", browser::today());
    match crate::storage::quarantine_dump().await {
        Ok(dump) => {
            if let Err(err) = browser::download(&name, "application/x-ndjson", &dump) {
                notices.push(NoticeKind::Error, Some(name), err);
            }
        }
        Err(err) => {
            let t = store.lang.get_untracked().strings();
            notices.push(
                NoticeKind::Error,
                Some(name),
                format!("{}: {err}", t.storage_failed),
            );
        }
    }
}

/// Restores a backup (a Raqim JSONL export): every article in it comes back as it was in the
/// backup; articles not in it stay; its workspace line's settings and learned rules are merged
/// in ([`Edit::RestoreSettings`]). Read and applied in short steps.
async fn restore(store: Store, notices: Notices, file: web_sys::File) {
    let name = file.name();
    let t = store.lang.get_untracked().strings();
    let bytes = match browser::read_bytes(&file).await {
        Ok(bytes) => bytes,
        Err(err) => {
            notices.push(NoticeKind::Error, Some(name), err);
            return;
        }
    };
    let text = String::from_utf8_lossy(&bytes)
        .trim_start_matches('\u{FEFF}')
        .to_owned();
    drop(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    let total = lines.len();
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    let mut targets = Vec::new();
    let mut workspace = None;
    for (step, chunk) in lines.chunks(RESTORE_LINES_PER_STEP).enumerate() {
        let first_line = step * RESTORE_LINES_PER_STEP;
        let report = formats::raqim::import(&chunk.join("\n"));
        for mut item in report.items {
            item.line += first_line;
            items.push(item);
        }
        for mut error in report.errors {
            error.line += first_line;
            errors.push(error);
        }
        for label in report.labels {
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        targets.extend(report.targets);
        workspace = report.workspace.or(workspace);
        store.status.intake.set(Some(crate::store::Progress {
            done: 0,
            total: 1,
            current: name.clone(),
            part: ((step + 1) * RESTORE_LINES_PER_STEP).min(total) as f64 / total.max(1) as f64,
        }));
        browser::yield_now().await;
    }
    if items.is_empty() && workspace.is_none() {
        store.status.intake.set(None);
        let message = if errors.is_empty() {
            t.restore_empty.to_owned()
        } else {
            format!(
                "{}: {} {}",
                t.restore_empty,
                errors.len(),
                t.restore_bad_lines
            )
        };
        notices.push(NoticeKind::Error, Some(name), message);
        return;
    }
    if let Some(formats::raqim::WorkspaceLine { settings, learned }) = workspace {
        let _ = store.dispatch(Edit::RestoreSettings { settings, learned });
    }
    let _ = store.dispatch(Edit::AdoptVocabulary { labels, targets });
    let plan = store
        .workspace
        .with_untracked(|ws| merge::plan(ws, &items, merge::Policy::KeepTheirs, "backup"));
    let steps = plan.edits.len().max(1);
    let mut applied = 0;
    let mut edits = plan.edits.into_iter().peekable();
    while edits.peek().is_some() {
        for edit in edits.by_ref().take(RESTORE_EDITS_PER_STEP) {
            let _ = store.dispatch(edit);
            applied += 1;
        }
        store.status.intake.set(Some(crate::store::Progress {
            done: 0,
            total: 1,
            current: name.clone(),
            part: applied as f64 / steps as f64,
        }));
        browser::yield_now().await;
    }
    store.status.intake.set(None);
    let restored = plan
        .outcomes
        .iter()
        .filter(|o| matches!(o, merge::Outcome::Added(_) | merge::Outcome::Replaced(_)))
        .count();
    let unchanged = plan
        .outcomes
        .iter()
        .filter(|o| matches!(o, merge::Outcome::Unchanged(_)))
        .count();
    let mut message = format!(
        "{restored} {} · {unchanged} {}",
        t.restore_done, t.restore_unchanged
    );
    if !errors.is_empty() {
        message.push_str(&format!(" · {} {}", errors.len(), t.restore_bad_lines));
    }
    let kind = if errors.is_empty() {
        NoticeKind::Info
    } else {
        NoticeKind::Warning
    };
    notices.push(kind, Some(name.clone()), message);
    for error in errors.iter().take(20) {
        notices.push(NoticeKind::Warning, Some(name.clone()), error.to_string());
    }
}

/// The "Storage" button of the top bar and its panel.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let status = store.status;
    let erasing = RwSignal::new(false);
    let open = RwSignal::new(false);
    let usage = move || {
        status.usage.get().map(|(used, quota)| {
            let pct = if quota > 0.0 {
                used / quota * 100.0
            } else {
                0.0
            };
            format!(
                "{} / {} ({pct:.1}%)",
                format_bytes(used),
                format_bytes(quota)
            )
        })
    };
    let last_backup = move || {
        let t = i18n.t();
        let b = status.backup.get();
        let when = b
            .last_ms
            .map(|ms| {
                let d = js_sys::Date::new(&(ms as f64).into());
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}",
                    d.get_full_year(),
                    d.get_month() + 1,
                    d.get_date(),
                    d.get_hours(),
                    d.get_minutes()
                )
            })
            .unwrap_or_else(|| t.never.to_owned());
        format!("{when} · {} {}", b.edits, t.edits_since_backup)
    };
    view! {
        <details
            class="storage"
            data-testid="storage-panel"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let details: web_sys::HtmlElement = event_target(&ev);
                let is_open = js_sys::Reflect::get(&details, &"open".into())
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                open.set(is_open);
                if is_open {
                    spawn_local(async move { store.refresh_usage().await });
                }
            }
        >
            <summary class="button ghost" data-testid="storage-toggle">{move || i18n.t().storage}</summary>
            <div class="confirm storage-panel" role="region" aria-label=move || i18n.t().storage>
                <p class="privacy" data-testid="privacy-note">{move || i18n.t().privacy_note}</p>
                <dl class="facts">
                    <dt>{move || i18n.t().storage_used}</dt>
                    <dd
                        data-testid="storage-usage"
                        data-usage=move || status.usage.get().map(|u| u.0.to_string())
                        data-quota=move || status.usage.get().map(|u| u.1.to_string())
                    >
                        {move || usage().unwrap_or_else(|| "—".into())}
                    </dd>
                    <dt>{move || i18n.t().storage_protection}</dt>
                    <dd
                        data-testid="storage-persisted"
                        data-persisted=move || status.persisted.get().map(|p| p.to_string()).unwrap_or_default()
                    >
                        {move || match status.persisted.get() {
                            Some(true) => i18n.t().persistent_yes,
                            Some(false) => i18n.t().persistent_no,
                            None => i18n.t().persistent_unknown,
                        }}
                    </dd>
                    <dt>{move || i18n.t().last_backup}</dt>
                    <dd data-testid="last-backup">{last_backup}</dd>
                    <dt>{move || i18n.t().other_tabs}</dt>
                    <dd data-testid="received">{move || status.received.get()}</dd>
                </dl>
                <button class="primary" data-testid="backup-now" on:click=move |_| spawn_local(download_backup(store, notices))>
                    {move || i18n.t().backup_now}
                </button>
                <label class="button" for="restore-input" data-testid="restore">{move || i18n.t().restore}</label>
                <input
                    id="restore-input"
                    data-testid="restore-input"
                    class="visually-hidden"
                    type="file"
                    accept=".jsonl,.ndjson,application/x-ndjson"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let files = browser::files(input.files());
                        input.set_value("");
                        if let Some(file) = files.into_iter().next() {
                            spawn_local(restore(store, notices, file));
                        }
                    }
                />
                <Show when=move || { status.quarantined.get() > 0 }>
                    <button data-testid="download-raw" on:click=move |_| spawn_local(download_raw(store, notices))>
                        {move || i18n.t().download_raw}
                        " (" {move || status.quarantined.get()} ")"
                    </button>
                </Show>
                <button class="danger ghost" data-testid="erase-all" on:click=move |_| erasing.set(true)>
                    {move || i18n.t().erase_all}
                </button>
                <Show when=move || erasing.get()>
                    <div class="confirm inline" role="alertdialog" data-testid="erase-confirm">
                        <p>{move || i18n.t().erase_confirm}</p>
                        <button
                            class="danger"
                            data-testid="erase-yes"
                            on:click=move |_| {
                                spawn_local(async move {
                                    let _ = crate::storage::erase_everything().await;
                                    browser::reload();
                                });
                            }
                        >
                            {move || i18n.t().erase_yes}
                        </button>
                        <button data-testid="erase-cancel" on:click=move |_| erasing.set(false)>
                            {move || i18n.t().cancel}
                        </button>
                    </div>
                </Show>
            </div>
        </details>
    }
}

/// What a kind of damage means, in the interface language (the parser's own words follow).
fn damage_text(lang: Lang, d: &Damaged) -> String {
    let what = match lang {
        Lang::En => match d.store.as_str() {
            "articles" => format!("annotations of article {}", d.key),
            "texts" => format!("text of article {}", d.key),
            "meta" => "workspace settings".to_owned(),
            _ => d.key.clone(),
        },
        Lang::Ar => match d.store.as_str() {
            "articles" => format!("تعليقات المقال {}", d.key),
            "texts" => format!("نص المقال {}", d.key),
            "meta" => "إعدادات مساحة العمل".to_owned(),
            _ => d.key.clone(),
        },
    };
    let why = match lang {
        Lang::En => d.damage.to_string(),
        Lang::Ar => {
            let kind = match d.damage.kind() {
                "not-json" => "تالف أو مقطوع",
                "future-schema" => "كتبته نسخة أحدث من رقيم",
                "no-schema" | "invalid" => "ليس سجلاً صالحاً",
                "not-text" => "ليس نصاً",
                "text-missing" => "نصه مفقود",
                "text-mismatch" => "نصه لا يطابق السجل",
                "wrong-key" => "يخص مقالاً آخر",
                "set-aside-by-v1" => "نحّته نسخة سابقة جانباً",
                _ => "نسخة قديمة بجانب مساحة العمل الحالية",
            };
            format!("{kind} ({})", d.damage)
        }
    };
    format!("{what}: {why}")
}

/// The band under the top bar: reading files, storage full, recovered storage, backup reminder.
#[component]
pub fn StorageAlerts() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let status = store.status;
    // The reminder depends on the clock: look again every minute.
    let now = RwSignal::new(browser::now_ms());
    let tick = set_interval_with_handle(
        move || now.set(browser::now_ms()),
        std::time::Duration::from_secs(60),
    );
    on_cleanup(move || {
        if let Ok(handle) = tick {
            handle.clear();
        }
    });
    let reminder = move || {
        status.ready.get()
            && !store.workspace.with(|ws| ws.articles.is_empty())
            && status.backup.with(|b| b.due(now.get()))
    };
    view! {
        <div class="notices storage-alerts" data-testid="storage-alerts">
            {move || status.intake.get().map(|p| {
                let value = p.done as f64 + p.part.clamp(0.0, 1.0);
                view! {
                    <div class="notice info progress" data-testid="intake-progress" role="progressbar"
                        aria-valuemin="0" aria-valuemax=p.total aria-valuenow=value
                        data-done=p.done data-total=p.total>
                        <span class="text">
                            {move || i18n.t().reading_files} " " {p.done} " / " {p.total} " · "
                            <bdi class="file">{p.current.clone()}</bdi>
                        </span>
                        <progress max=p.total value=value></progress>
                    </div>
                }
            })}
            <Show when=move || status.quota_full.get()>
                <div class="notice error" role="alert" data-testid="quota-alert">
                    <span class="text">{move || i18n.t().quota_full}</span>
                    <button class="primary" data-testid="quota-export" on:click=move |_| spawn_local(download_backup(store, notices))>
                        {move || i18n.t().export_backup}
                    </button>
                </div>
            </Show>
            {move || status.recovery.get().map(|r| view! { <RecoveryNotice recovery=r/> })}
            <Show when=reminder>
                <div class="notice info" data-testid="backup-reminder">
                    <span class="text">
                        {move || status.backup.get().edits} " " {move || i18n.t().backup_reminder}
                    </span>
                    <button class="primary" data-testid="reminder-backup" on:click=move |_| spawn_local(download_backup(store, notices))>
                        {move || i18n.t().backup_now}
                    </button>
                    <button class="ghost" data-testid="reminder-later" on:click=move |_| store.snooze_backup()>
                        {move || i18n.t().later}
                    </button>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn RecoveryNotice(recovery: Recovery) -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let r = recovery.report.clone();
    let damaged = r.damaged.clone();
    let kind =
        if r.lost.is_empty() && !r.meta_lost && r.text_only.is_empty() && r.damaged.is_empty() {
            "info"
        } else if r.lost.is_empty() && !r.meta_lost {
            "warning"
        } else {
            "error"
        };
    let recovered = r.recovered;
    let text_only = r.text_only.len();
    let lost = r.lost.len();
    let meta_lost = r.meta_lost;
    let migrated = recovery.migrated;
    let rescued = recovery.rescued;
    let has_raw = !damaged.is_empty();
    view! {
        <div class=format!("notice {kind} recovery") role="alert" data-testid="recovery-notice"
            aria-label=move || i18n.t().storage_recovered
            data-recovered=recovered data-text-only=text_only data-lost=lost
            data-damaged=damaged.len() data-meta-lost=meta_lost.to_string()
            data-migrated=migrated.unwrap_or(0) data-rescued=rescued>
            <div class="text">
                {has_raw.then(|| view! { <strong>{move || i18n.t().recovered_title}</strong> })}
                <ul>
                    {migrated.map(|n| view! { <li data-testid="recovery-migrated">{n} " " {move || i18n.t().migrated}</li> })}
                    {(has_raw || text_only > 0 || lost > 0).then(|| view! {
                        <li data-testid="recovery-recovered">{recovered + text_only} " " {move || i18n.t().recovered_n}</li>
                    })}
                    {(text_only > 0).then(|| view! { <li data-testid="recovery-text-only">{text_only} " " {move || i18n.t().text_only_n}</li> })}
                    {(lost > 0).then(|| view! { <li data-testid="recovery-lost">{lost} " " {move || i18n.t().lost_n}</li> })}
                    {meta_lost.then(|| view! { <li data-testid="recovery-settings">{move || i18n.t().settings_lost}</li> })}
                    {(rescued > 0).then(|| view! { <li data-testid="recovery-rescued">{rescued} " " {move || i18n.t().rescued}</li> })}
                </ul>
                {has_raw.then(|| {
                    let damaged = damaged.clone();
                    view! {
                        <p>{move || i18n.t().raw_kept}</p>
                        <ul class="damaged" data-testid="recovery-details">
                            {move || {
                                let lang = i18n.0.get();
                                damaged
                                    .iter()
                                    .take(50)
                                    .map(|d| view! { <li data-kind=d.damage.kind() data-store=d.store.clone()>{damage_text(lang, d)}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    }
                })}
            </div>
            {has_raw.then(|| view! {
                <button data-testid="recovery-download" on:click=move |_| spawn_local(download_raw(store, notices))>
                    {move || i18n.t().download_raw}
                </button>
            })}
            <button class="ghost small" data-testid="recovery-dismiss" aria-label=move || i18n.t().dismiss
                on:click=move |_| store.status.recovery.set(None)>
                "×"
            </button>
        </div>
    }
}
