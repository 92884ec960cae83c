//! The import dialog: what a file holds, what failed (by line), and how to merge articles the
//! workspace already has — applied only when the analyst confirms.

use leptos::prelude::*;
use raqim_engine::formats::merge::{self, Outcome, Policy};
use raqim_engine::Edit;

use crate::i18n::I18n;
use crate::imports::{Imports, PendingImport};
use crate::store::{NoticeKind, Notices, Store};

/// Shown while an import waits for confirmation.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let imports = expect_context::<Imports>();
    view! {
        {move || imports.0.with(|q| q.first().cloned()).map(|pending| view! { <ImportReview pending/> })}
    }
}

#[component]
fn ImportReview(pending: PendingImport) -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let imports = expect_context::<Imports>();
    let i18n = expect_context::<I18n>();
    let PendingImport { file, report } = pending;
    let known = store.workspace.with_untracked(|ws| {
        report
            .items
            .iter()
            .filter(|i| ws.article(&merge::base_of(&i.article.id)).is_some())
            .count()
    });
    let policy = RwSignal::new(Policy::KeepMine);
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(s, _)| s)
        .to_owned();
    let annotator = RwSignal::new(merge::clean_annotator(&stem));
    let close = move || imports.0.update(|q| drop(q.remove(0)));
    let confirm = {
        let (report, file) = (report.clone(), file.clone());
        move |_| {
            let t = i18n.t();
            let _ = store.dispatch(Edit::AdoptVocabulary {
                labels: report.labels.clone(),
                targets: report.targets.clone(),
            });
            let plan = store.workspace.with_untracked(|ws| {
                merge::plan(
                    ws,
                    &report.items,
                    policy.get_untracked(),
                    &annotator.get_untracked(),
                )
            });
            for edit in plan.edits {
                let _ = store.dispatch(edit);
            }
            let count = |f: fn(&Outcome) -> bool| plan.outcomes.iter().filter(|o| f(o)).count();
            let added = count(|o| matches!(o, Outcome::Added(_)));
            let replaced = count(|o| matches!(o, Outcome::Replaced(_)));
            let layered = count(|o| matches!(o, Outcome::Layered(_)));
            let kept = count(|o| matches!(o, Outcome::KeptMine(_) | Outcome::Unchanged(_)));
            notices.push(
                NoticeKind::Info,
                Some(file.clone()),
                format!(
                    "{}: {added} {} · {replaced} {} · {layered} {} · {kept} {}",
                    t.imported, t.import_added, t.import_replaced, t.import_layered, t.import_kept
                ),
            );
            for outcome in &plan.outcomes {
                if let Outcome::Refused { id, reason } = outcome {
                    notices.push(
                        NoticeKind::Error,
                        Some(file.clone()),
                        format!("{id}: {reason}"),
                    );
                }
            }
            close();
        }
    };
    let format = report.format.map(|f| f.to_string()).unwrap_or_default();
    let articles = report.items.len();
    let errors = report.errors.clone();
    let error_count = errors.len();
    let policies = [
        (Policy::KeepMine, "keep-mine", i18n.t().keep_mine),
        (Policy::KeepTheirs, "keep-theirs", i18n.t().keep_theirs),
        (Policy::Both, "both", i18n.t().keep_both),
    ];
    view! {
        <div class="overlay" data-testid="import-dialog">
            <div class="dialog" role="dialog" aria-modal="true">
                <h2>{move || i18n.t().import_title} " " <span dir="auto">{file.clone()}</span></h2>
                <p data-testid="import-summary">
                    {format} " · " <span data-testid="import-articles">{articles}</span> " " {move || i18n.t().articles_word}
                    " · " <span data-testid="import-errors">{error_count}</span> " " {move || i18n.t().bad_lines}
                </p>
                {(!errors.is_empty()).then(|| view! {
                    <ul class="line-errors" data-testid="import-error-list">
                        {errors.iter().take(50).map(|e| view! {
                            <li><strong>{move || i18n.t().line} " " {e.line}</strong> ": " <bdi dir="ltr" lang="en">{e.message.clone()}</bdi></li>
                        }).collect_view()}
                    </ul>
                })}
                {(known > 0).then(|| view! {
                    <fieldset class="policy">
                        <legend>{known} " " {move || i18n.t().already_here}</legend>
                        {policies.into_iter().map(|(p, id, text)| view! {
                            <label class="check">
                                <input type="radio" name="policy" data-testid=format!("policy-{id}") prop:checked=move || policy.get() == p on:change=move |_| policy.set(p)/>
                                {text}
                            </label>
                        }).collect_view()}
                        <label class="row">
                            {move || i18n.t().annotator}
                            <input type="text" data-testid="annotator" prop:value=move || annotator.get() on:input=move |ev| annotator.set(event_target_value(&ev))/>
                        </label>
                    </fieldset>
                })}
                <p class="hint">{move || i18n.t().import_nothing_changes}</p>
                <div class="row">
                    <button class="primary" data-testid="import-confirm" disabled=articles == 0 on:click=confirm>{move || i18n.t().import_confirm}</button>
                    <button data-testid="import-cancel" on:click=move |_| close()>{move || i18n.t().cancel}</button>
                </div>
            </div>
        </div>
    }
}
