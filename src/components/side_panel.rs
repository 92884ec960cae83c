//! The side panel: the selected span, stance, labels, learned rules and guidelines.

use leptos::prelude::*;
use raqim_engine::rules::learned::learned_pack;
use raqim_engine::rules::LearnedKind;
use raqim_engine::span::SpanState;
use raqim_engine::stance::{Stance, Target};
use raqim_engine::workspace::{LabelDef, UserPack};
use raqim_engine::{Edit, Label};

use super::article_toolbar::numbered_labels;
use crate::browser;
use crate::i18n::{I18n, Strings};
use crate::keyboard::Commands;
use crate::store::Store;
use crate::store::{NoticeKind, Notices};
use crate::ui::{Tab, Ui};

fn stance_name(t: &Strings, stance: Stance) -> &'static str {
    match stance {
        Stance::Favor => t.favor,
        Stance::Against => t.against,
        Stance::Neutral => t.neutral,
        Stance::Unrelated => t.unrelated,
    }
}

/// The tabbed side panel.
#[component]
pub fn SidePanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let i18n = expect_context::<I18n>();
    let tab = move |tab: Tab, name: fn(&Strings) -> &'static str, testid: &'static str| {
        view! {
            <button
                role="tab"
                class="tab"
                class:active=move || ui.tab.get() == tab
                aria-selected=move || (ui.tab.get() == tab).to_string()
                data-testid=testid
                on:click=move |_| ui.tab.set(tab)
            >
                {move || name(i18n.t())}
            </button>
        }
    };
    view! {
        <aside class="side-panel" data-testid="side-panel">
            <nav class="tabs" role="tablist">
                {tab(Tab::Span, |t| t.tab_span, "tab-span")}
                {tab(Tab::Stance, |t| t.tab_stance, "tab-stance")}
                {tab(Tab::Labels, |t| t.tab_labels, "tab-labels")}
                {tab(Tab::Rules, |t| t.tab_rules, "tab-rules")}
                {tab(Tab::Team, |t| t.tab_team, "tab-team")}
                {tab(Tab::Guidelines, |t| t.tab_guidelines, "tab-guidelines")}
            </nav>
            <div class="tab-body">
                {move || match ui.tab.get() {
                    Tab::Span => view! { <SpanPanel/> }.into_any(),
                    Tab::Stance => view! { <StancePanel/> }.into_any(),
                    Tab::Labels => view! { <LabelsPanel/> }.into_any(),
                    Tab::Rules => view! { <RulesPanel/> }.into_any(),
                    Tab::Team => view! { <super::team_panel::TeamPanel/> }.into_any(),
                    Tab::Guidelines => view! { <GuidelinesPanel/> }.into_any(),
                }}
            </div>
        </aside>
    }
}

/// The selected span: its text, label, origin, and speaker stance.
#[component]
fn SpanPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<Ui>();
    let i18n = expect_context::<I18n>();
    let commands = expect_context::<Commands>();
    let span = move || {
        let (start, end) = ui.selected.get()?;
        store.workspace.with(|ws| {
            let a = ws.selected_article()?;
            let span = a.span_at(start, end)?.clone();
            let text = span.text(&a.text).to_owned();
            let speakers: Vec<(Target, Option<Stance>)> = ws
                .settings
                .targets
                .iter()
                .map(|t| (t.clone(), a.speaker(start, end, &t.id).map(|s| s.stance)))
                .collect();
            Some((span, text, speakers))
        })
    };
    view! {
        <section class="panel span-panel" data-testid="span-panel">
            {move || match span() {
                None => view! { <p class="empty">{move || i18n.t().no_span_selected}</p> }.into_any(),
                Some((span, text, speakers)) => {
                    let (start, end) = (span.start, span.end);
                    let article = store.workspace.with_untracked(|ws| ws.selected.clone());
                    let state = match span.state {
                        SpanState::Suggested => i18n.t().state_suggested,
                        SpanState::Accepted => i18n.t().state_accepted,
                        SpanState::Rejected => i18n.t().state_rejected,
                        SpanState::Analyst => i18n.t().state_analyst,
                    };
                    let is_speaker = matches!(span.label.as_str(), "PER" | "ORG") && span.state != SpanState::Rejected;
                    let labels = store.workspace.with_untracked(|ws| ws.settings.labels.clone());
                    let current = span.label.clone();
                    view! {
                        <p class="span-text" dir="rtl" data-testid="span-text">{text}</p>
                        <dl class="facts">
                            <dt>{move || i18n.t().label}</dt>
                            <dd>
                                <select data-testid="span-label" on:change=move |ev| commands.pick_label(&event_target_value(&ev))>
                                    {labels.into_iter().map(|l| {
                                        let selected = l.name == current;
                                        view! { <option value=l.name.to_string() selected=selected>{l.name.to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </dd>
                            <dt>{move || i18n.t().state}</dt>
                            <dd data-testid="span-state">{state}</dd>
                            <dt>{move || i18n.t().source}</dt>
                            <dd data-testid="span-source">{span.source.to_string()}</dd>
                            {span.explanation.as_ref().map(|why| why.to_string()).map(|why| view! {
                                <dt>{move || i18n.t().why}</dt>
                                <dd class="why" data-testid="span-explanation">{why}</dd>
                            })}
                        </dl>
                        <div class="row">
                            <button class="primary" data-testid="span-accept" on:click=move |_| commands.run(crate::keyboard::Command::Accept)>{move || i18n.t().accept}</button>
                            <button data-testid="span-reject" on:click=move |_| commands.run(crate::keyboard::Command::Reject)>{move || i18n.t().reject}</button>
                            <button class="danger ghost" data-testid="span-delete" on:click=move |_| commands.run(crate::keyboard::Command::Delete)>{move || i18n.t().delete}</button>
                        </div>
                        {is_speaker.then(|| view! {
                            <h3>{move || i18n.t().speaker_stance}</h3>
                            {speakers.into_iter().map(|(target, current)| {
                                let article = article.clone();
                                view! {
                                    <div class="stance-row" data-testid="speaker-stance">
                                        <span class="target" dir="auto">{target.name.clone()}</span>
                                        <div class="segmented">
                                            {[Stance::Favor, Stance::Against, Stance::Neutral].into_iter().map(|stance| {
                                                let target = target.id.clone();
                                                let _ = &article;
                                                view! {
                                                    <button
                                                        class:active=current == Some(stance)
                                                        data-testid=format!("speaker-{}", stance.as_str())
                                                        on:click=move |_| {
                                                            let next = (current != Some(stance)).then_some(stance);
                                                            commands.set_speaker(start, end, target.clone(), next);
                                                        }
                                                    >
                                                        {move || stance_name(i18n.t(), stance)}
                                                    </button>
                                                }
                                            }).collect_view()}
                                        </div>
                                    </div>
                                }
                            }).collect_view()}
                        })}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// Document stance per target, the targets themselves, and who stands where.
#[component]
fn StancePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let rows = move || {
        store.workspace.with(|ws| {
            let a = ws.selected_article();
            ws.settings
                .targets
                .iter()
                .map(|t| (t.clone(), a.and_then(|a| a.stances.get(&t.id).copied())))
                .collect::<Vec<_>>()
        })
    };
    let speakers = move || store.workspace.with(crate::view_model::who_stands_where);
    let new_target = RwSignal::new(String::new());
    view! {
        <section class="panel stance-panel" data-testid="stance-panel">
            <h3>{move || i18n.t().document_stance}</h3>
            <For each=rows key=|(t, s)| (t.id.clone(), t.name.clone(), *s) let:((target, current))>
                <div class="stance-row" data-testid="doc-stance" data-target=target.id.clone()>
                    <div class="target-head">
                        <span class="target" dir="auto">{target.name.clone()}</span>
                        <button
                            class="ghost small"
                            data-testid="remove-target"
                            aria-label=move || i18n.t().remove
                            on:click={
                                let id = target.id.clone();
                                move |_| {
                                    let targets = store.workspace.with_untracked(|ws| ws.settings.targets.iter().filter(|t| t.id != id).cloned().collect());
                                    let _ = store.dispatch(Edit::SetTargets { targets });
                                }
                            }
                        >"×"</button>
                    </div>
                    <div class="segmented">
                        {Stance::ALL.into_iter().map(|stance| {
                            let id = target.id.clone();
                            view! {
                                <button
                                    class:active=current == Some(stance)
                                    data-testid=format!("stance-{}", stance.as_str())
                                    on:click=move |_| {
                                        let Some(article) = store.workspace.with_untracked(|ws| ws.selected.clone()) else { return };
                                        let next = (current != Some(stance)).then_some(stance);
                                        let _ = store.dispatch(Edit::SetStance { article, target: id.clone(), stance: next });
                                    }
                                >
                                    {move || stance_name(i18n.t(), stance)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </div>
            </For>
            <form class="row" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_target.get_untracked().trim().to_owned();
                if name.is_empty() { return; }
                let mut targets = store.workspace.with_untracked(|ws| ws.settings.targets.clone());
                let id = format!("target_{}", targets.len() + 1);
                targets.push(Target { id, name });
                let _ = store.dispatch(Edit::SetTargets { targets });
                new_target.set(String::new());
            }>
                <input type="text" dir="auto" data-testid="new-target" placeholder=move || i18n.t().new_target prop:value=move || new_target.get() on:input=move |ev| new_target.set(event_target_value(&ev))/>
                <button type="submit">{move || i18n.t().add}</button>
            </form>
            <h3>{move || i18n.t().who_stands_where}</h3>
            <ul class="speakers" data-testid="who-stands-where">
                <For each=speakers key=|s| s.clone() let:speaker>
                    <li>
                        <span class="name" dir="rtl">{speaker.name.clone()}</span>
                        <span class="target" dir="auto">{speaker.target.clone()}</span>
                        {speaker.counts.clone().into_iter().map(|(stance, n)| view! {
                            <span class=format!("badge {}", stance.as_str())>{move || stance_name(i18n.t(), stance)} " " {n}</span>
                        }).collect_view()}
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// The label set: names, colours, adding and removing.
#[component]
fn LabelsPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let labels = move || numbered_labels(store);
    let pending_removal = RwSignal::new(None::<(Label, usize)>);
    let new_label = RwSignal::new(String::new());
    let set =
        move |labels: Vec<LabelDef>, renamed: Vec<(Label, Label)>, replace_with: Option<Label>| {
            let _ = store.dispatch(Edit::SetLabels {
                labels,
                renamed,
                replace_with,
            });
        };
    let current = move || {
        store
            .workspace
            .with_untracked(|ws| ws.settings.labels.clone())
    };
    let uses = move |label: &str| {
        store.workspace.with_untracked(|ws| {
            ws.articles
                .iter()
                .flat_map(|a| &a.spans)
                .filter(|s| s.label == label)
                .count()
        })
    };
    view! {
        <section class="panel labels-panel" data-testid="labels-panel">
            <For each=labels key=|(i, l)| (*i, l.name.clone(), l.color.clone()) let:((index, label))>
                <div class="label-row" data-testid="label-row" data-label=label.name.to_string()>
                    <kbd>{index + 1}</kbd>
                    <input type="color" prop:value=label.color.clone() data-testid="label-color" on:change=move |ev| {
                        let mut labels = current();
                        if let Some(l) = labels.get_mut(index) { l.color = event_target_value(&ev); }
                        set(labels, vec![], None);
                    }/>
                    <input type="text" prop:value=label.name.to_string() data-testid="label-name" on:change={
                        let old = label.name.clone();
                        move |ev| {
                            let name = event_target_value(&ev).trim().to_ascii_uppercase();
                            if name.is_empty() { return; }
                            let mut labels = current();
                            if labels.iter().any(|l| l.name == name) { return; }
                            let name = Label::from(name);
                            if let Some(l) = labels.get_mut(index) { l.name = name.clone(); }
                            set(labels, vec![(old.clone(), name)], None);
                        }
                    }/>
                    <button class="ghost small" data-testid="label-remove" aria-label=move || i18n.t().remove on:click={
                        let name = label.name.clone();
                        move |_| {
                            let n = uses(&name);
                            if n == 0 {
                                let labels = current().into_iter().filter(|l| l.name != name).collect();
                                set(labels, vec![], None);
                            } else {
                                pending_removal.set(Some((name.clone(), n)));
                            }
                        }
                    }>"×"</button>
                </div>
            </For>
            {move || pending_removal.get().map(|(name, n)| {
                let others: Vec<String> = current().into_iter().map(|l| l.name.to_string()).filter(|l| *l != name).collect();
                let choice = RwSignal::new(others.first().cloned().unwrap_or_default());
                let remove = {
                    let name = name.clone();
                    move |replace: bool| {
                        let labels = current().into_iter().filter(|l| l.name != name).collect();
                        set(labels, vec![], replace.then(|| choice.get_untracked()).filter(|c| !c.is_empty()).map(Label::from));
                        pending_removal.set(None);
                    }
                };
                let remove2 = remove.clone();
                view! {
                    <div class="confirm inline" role="alertdialog" data-testid="label-remove-confirm">
                        <p>{format!("{name}: {n} ")} {move || i18n.t().label_in_use}</p>
                        <select data-testid="label-replacement" on:change=move |ev| choice.set(event_target_value(&ev))>
                            {others.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                        </select>
                        <button data-testid="label-relabel" on:click=move |_| remove(true)>{move || i18n.t().relabel_spans}</button>
                        <button class="danger" data-testid="label-delete-spans" on:click=move |_| remove2(false)>{move || i18n.t().delete_spans}</button>
                        <button class="ghost" on:click=move |_| pending_removal.set(None)>{move || i18n.t().cancel}</button>
                    </div>
                }
            })}
            <form class="row" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_label.get_untracked().trim().to_ascii_uppercase();
                let mut labels = current();
                if name.is_empty() || labels.iter().any(|l| l.name == name) { return; }
                let label = store.workspace.with_untracked(|ws| ws.settings.new_label(name.into()));
                labels.push(label);
                set(labels, vec![], None);
                new_label.set(String::new());
            }>
                <input type="text" data-testid="new-label" placeholder=move || i18n.t().new_label prop:value=move || new_label.get() on:input=move |ev| new_label.set(event_target_value(&ev))/>
                <button type="submit" data-testid="add-label">{move || i18n.t().add}</button>
            </form>
        </section>
    }
}

/// Rules learned from the analyst, and imported rule packs.
#[component]
fn RulesPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let rules = move || store.workspace.with(crate::view_model::learned_hits);
    let packs = move || {
        store.workspace.with(|ws| {
            ws.settings
                .packs
                .iter()
                .map(|p| {
                    let (pack, errors) = crate::engine_host::parse_pack(p);
                    (p.name.clone(), pack.len(), errors.len())
                })
                .collect::<Vec<_>>()
        })
    };
    let export = move |_| {
        let jsonl = store
            .workspace
            .with_untracked(|ws| learned_pack(&ws.learned).to_jsonl());
        let name = format!("raqim-rules-{}.jsonl", browser::today());
        if let Err(err) = browser::download(&name, "application/x-ndjson", &jsonl) {
            notices.push(NoticeKind::Error, Some(name), err);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = browser::files(input.files());
        input.set_value("");
        leptos::task::spawn_local(async move {
            for file in files {
                let name = file.name();
                let text = match browser::read_bytes(&file).await {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(err) => {
                        notices.push(NoticeKind::Error, Some(name), err);
                        continue;
                    }
                };
                let pack = UserPack {
                    name: name.clone(),
                    jsonl: text,
                };
                let (parsed, errors) = crate::engine_host::parse_pack(&pack);
                let t = store.lang.get_untracked().strings();
                for e in errors.iter().take(20) {
                    notices.push(
                        NoticeKind::Warning,
                        Some(name.clone()),
                        format!("{} {}: {}", t.line, e.line, e.message),
                    );
                }
                if parsed.is_empty() {
                    notices.push(NoticeKind::Error, Some(name), t.pack_empty.to_owned());
                } else {
                    notices.push(
                        NoticeKind::Info,
                        Some(name),
                        format!("{} {}", parsed.len(), t.pack_loaded),
                    );
                    let _ = store.dispatch(Edit::AddPack { pack });
                }
            }
        });
    };
    view! {
        <section class="panel rules-panel" data-testid="rules-panel">
            <p class="hint">{move || i18n.t().learned_hint}</p>
            <ul>
                <For each=rules key=|r| r.clone() let:((rule, hits))>
                    <li data-testid="learned-rule">
                        <span class="pattern" dir="rtl">{rule.pattern.clone()}</span>
                        <span class="badge">{rule.label.to_string()}</span>
                        <span class="kind" data-testid="rule-kind" data-kind=format!("{:?}", rule.kind).to_ascii_lowercase()>
                            {move || match rule.kind {
                                LearnedKind::Entity => i18n.t().kind_entity,
                                LearnedKind::Suppress => i18n.t().kind_suppress,
                            }}
                        </span>
                        <span class="hits" data-testid="rule-hits">{hits} " " {move || i18n.t().hits}</span>
                        <button class="ghost small" aria-label=move || i18n.t().remove on:click={
                            let rule = rule.clone();
                            move |_| { let _ = store.dispatch(Edit::RemoveLearned { rule: rule.clone() }); }
                        }>"×"</button>
                    </li>
                </For>
            </ul>
            <div class="row">
                <button data-testid="export-rules" on:click=export>{move || i18n.t().export_rules}</button>
                <label class="button" for="pack-input">{move || i18n.t().import_pack}</label>
                <input id="pack-input" data-testid="pack-input" class="visually-hidden" type="file" accept=".jsonl,.json,application/x-ndjson" on:change=import/>
            </div>
            <ul class="packs">
                <For each=packs key=|p| p.clone() let:((name, entries, errors))>
                    <li data-testid="user-pack">
                        <span class="name" dir="auto">{name.clone()}</span>
                        <span class="badge">{entries} " " {move || i18n.t().patterns}</span>
                        {(errors > 0).then(|| view! { <span class="badge against">{errors} " " {move || i18n.t().bad_lines}</span> })}
                        <button class="ghost small" aria-label=move || i18n.t().remove on:click={
                            let name = name.clone();
                            move |_| { let _ = store.dispatch(Edit::RemovePack { name: name.clone() }); }
                        }>"×"</button>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// The labelling conventions, editable per workspace.
#[component]
fn GuidelinesPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let text = store
        .workspace
        .with_untracked(|ws| ws.settings.guidelines.clone());
    view! {
        <section class="panel guidelines-panel" data-testid="guidelines-panel">
            <textarea
                dir="auto"
                data-testid="guidelines"
                prop:value=text
                on:change=move |ev| { let _ = store.dispatch(Edit::SetGuidelines { text: event_target_value(&ev) }); }
            ></textarea>
        </section>
    }
}
