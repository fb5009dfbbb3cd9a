//! `/clients/import`: clients from a file (this console's export, or the org's listing) into
//! this org. Every entry is checked with the product rules and shown before anything is sent:
//! its problems, the roles and divisions mapped by name, and what happens when a client of the
//! same name exists. Then the clients are created (or replaced) with progress and a result each.

use crate::app::remote;
use crate::app::{use_session, SessionCtx};
use crate::browser::address::app_href;
use crate::components::bulk::{start, BulkProgress, BulkState};
use crate::components::failed::Failed;
use crate::components::secret::{SecretReveal, SHOWN_ONCE};
use crate::components::Progress;
use crate::platform::actions::Step;
use crate::platform::bulk::Job;
use crate::platform::import_plan::{self, is_implicit, job_name, made_code};
use crate::platform::pace::Status;
use crate::platform::reads::{self, ImportTarget};
use crate::platform::replace::{changes, Change};
use crate::platform::rules::{RuleContext, IMPLICIT_NO_NEW_CLIENTS_SINCE};
use crate::platform::transfer::{check, read_file, Entry, FileContent, FileError, OnConflict, Plan, Target};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

type Org = ImportTarget;

/// The file chosen: its name, what was read from it (or why nothing was), and whether it was
/// imported (then nothing of it is offered again: one more click would make every client twice).
#[derive(Clone)]
struct Chosen {
    name: String,
    read: Result<FileContent, FileError>,
    sent: bool,
}

fn load(file: web_sys::File, chosen: RwSignal<Option<Chosen>>, ctx: SessionCtx) {
    // Another file in place of clients copied here: the copy is set aside.
    ctx.copied_done();
    let name = file.name();
    let size = file.size() as usize;
    if size > crate::platform::transfer::MAX_FILE_BYTES {
        chosen.set(Some(Chosen { name, read: Err(FileError::TooLarge(size)), sent: false }));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let read = match text.ok().and_then(|t| t.as_string()) {
            Some(t) => read_file(&t),
            None => Err(FileError::NotText),
        };
        chosen.try_set(Some(Chosen { name, read, sent: false }));
    });
}

#[component]
pub fn ImportClients() -> impl IntoView {
    let again = RwSignal::new(0u32);
    let reread = Callback::new(move |()| again.update(|n| *n += 1));
    let org = remote::read(
        "Could not read this org's clients, roles and divisions",
        move || again.get(),
        |api, _| async move { reads::import_target(&api).await },
    );
    // Clients copied here from another environment of this tab come as a chosen file.
    let ctx = use_session();
    let copied = ctx.copied_here().map(|text| {
        let read = read_file(&text);
        let from = match &read {
            Ok(FileContent { source: Some(s), .. }) => {
                format!(
                    "Copied from {}",
                    s.organization
                        .clone()
                        .map_or(s.environment.clone(), |o| format!("{o} · {}", s.environment))
                )
            }
            _ => "Copied from another environment".to_string(),
        };
        Chosen { name: from, read, sent: false }
    });
    let chosen = RwSignal::new(copied);
    let on_conflict = RwSignal::new(OnConflict::Skip);
    let bulk = BulkState::new();
    let dragging = RwSignal::new(false);
    let pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(f) = input.as_ref().and_then(|i| i.files()).and_then(|l| l.get(0)) {
            load(f, chosen, ctx);
        }
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            load(f, chosen, ctx);
        }
    };
    view! {
        <section class="card wide">
            <p><A href=app_href("/clients")>"← All clients"</A></p>
            <h1>"Import clients"</h1>
            <p class="muted">
                "A file exported here (Export JSON in the list) or the org's client listing. Every client is checked before anything is sent; secrets are never in a file: the org makes new ones."
            </p>
            <div class="dropzone" class:over=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop>
                <label for="import-file">"Choose a JSON file, or drop it here"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=pick
                    aria-describedby="import-loaded" />
                // The picker itself is emptied (the same file can be chosen again): this says which is loaded.
                <p id="import-loaded" class="muted">
                    {move || chosen.with(|c| match c {
                        Some(c) if c.sent => format!("Imported: {}", c.name),
                        Some(c) => format!("Loaded: {}", c.name),
                        None => "No file loaded yet.".to_string(),
                    })}
                </p>
            </div>
            <Transition fallback=|| view! { <Progress label="Reading this org's clients, roles and divisions…" /> }>
                <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                    {move || org.get().map(|r| r.map(|org| view! {
                        <Preview org=org chosen=chosen on_conflict=on_conflict bulk=bulk reread=reread />
                    }))}
                </ErrorBoundary>
            </Transition>
            <BulkProgress state=bulk on_done=reread />
            <NewSecrets bulk=bulk />
        </section>
    }
}

/// The file's entries as they would be imported, and the button that imports them.
#[component]
fn Preview(
    org: Org,
    chosen: RwSignal<Option<Chosen>>,
    on_conflict: RwSignal<OnConflict>,
    bulk: BulkState,
    /// Reads the org again (after a batch). Made by the page: a callback made in the click's
    /// handler would belong to the preview's view, which the import itself redraws.
    reread: Callback<()>,
) -> impl IntoView {
    let ctx = use_session();
    let held = untrack(|| ctx.session()).and_then(|s| s.held_role_ids());
    // The client this console is signed in with: never replaced by an import.
    // and the org's name, said in the confirmation of a replacement.
    let (org_name, own) =
        ctx.session_untracked().map(|s| (s.org_label(), Some(s.client_id))).unwrap_or_default();
    let org_name = StoredValue::new(org_name);
    let ImportTarget { clients, roles, divisions } = org;
    let rule_ctx = RuleContext {
        roles: roles.clone(),
        held_role_ids: held.iter().flatten().cloned().collect(),
        held_known: held.is_some(),
        today: crate::browser::today(),
        original: None,
    };
    let org = StoredValue::new((clients, roles, divisions, rule_ctx));
    let entries = Memo::new(move |_| {
        chosen.with(|c| match c {
            Some(Chosen { read: Ok(file), .. }) => org.with_value(|(clients, roles, divisions, ctx)| {
                check(file, &Target { clients, roles, divisions }, ctx)
            }),
            _ => vec![],
        })
    });
    // Implicit entries: Genesys Cloud creates no implicit clients any more; offered as Code
    // Authorization clients (the admin's choice, shown with the entries).
    let implicit = Memo::new(move |_| entries.with(|es| es.iter().filter(|e| is_implicit(e)).count()));
    let implicit_as_code = RwSignal::new(true);
    let plans = Memo::new(move |_| {
        let (choice, as_pkce) = (on_conflict.get(), implicit_as_code.get());
        org.with_value(|(clients, _, _, ctx)| {
            let taken: Vec<String> = clients.iter().map(|c| c.name.clone()).collect();
            let plans = entries.with(|es| import_plan::plans(es, choice, as_pkce, ctx, taken));
            import_plan::leave_own(plans, own.as_deref())
        })
    });
    let sent = Memo::new(move |_| plans.with(|p| p.iter().filter(|p| !matches!(p, Plan::Skip(_))).count()));
    // What each replacement changes in the org's client, field by field.
    let diffs = Memo::new(move |_| {
        plans.with(|ps| {
            ps.iter()
                .map(|p| match p {
                    Plan::Update(id, req) => org.with_value(|(clients, roles, divisions, _)| {
                        clients.iter().find(|c| c.id == *id).map(|c| changes(c, req, roles, divisions))
                    }),
                    _ => None,
                })
                .collect::<Vec<Option<Vec<Change>>>>()
        })
    });
    let replacing =
        Memo::new(move |_| plans.with(|p| p.iter().filter(|p| matches!(p, Plan::Update(..))).count()));
    // Replacements are confirmed on their own, after their changes are shown.
    let replace_ok = RwSignal::new(false);
    // Any other plan (another file, another choice) asks again.
    Effect::new(move |_| {
        plans.track();
        replace_ok.set(false);
    });
    let conflicts = Memo::new(move |_| entries.with(|es| es.iter().filter(|e| e.conflict.is_some()).count()));
    let import = move |_| {
        let (es, ps) = (entries.get_untracked(), plans.get_untracked());
        let (mut names, mut jobs, mut status) = (Vec::new(), Vec::new(), Vec::new());
        for (e, p) in es.iter().zip(ps) {
            let name = job_name(&p, e);
            let (job, s) = match p {
                Plan::Create(req) => (Job::new(String::new(), vec![Step::Create(req)]), Status::Queued),
                Plan::Update(id, req) => (Job::new(id, vec![Step::Put(req)]), Status::Queued),
                Plan::Skip(why) => (Job::new(String::new(), Vec::new()), Status::Skipped(why)),
            };
            names.push(name);
            jobs.push(job);
            status.push(s);
        }
        // Clients copied here are sent now: not offered again; nor is the file.
        ctx.copied_done();
        chosen.update(|c| {
            if let Some(c) = c {
                c.sent = true;
            }
        });
        start(bulk, ("Import", "imported"), names, jobs, status, reread);
    };
    let choice = move |v: OnConflict, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name="on-conflict" prop:checked=move || on_conflict.get() == v on:change=move |_| on_conflict.set(v) />
                {label}
            </label>
        }
    };
    view! {
        {move || chosen.get().map(|Chosen { name, read, sent: imported }| match read {
            // Sent: what was done is below (each client's result); nothing to send again.
            Ok(_) if imported => view! {
                <p role="status" id="import-sent" class="banner info">
                    {format!("\u{201c}{name}\u{201d} was imported: each client's result is below. Nothing more is sent from this file; choose another to import more.")}
                </p>
            }.into_any(),
            Err(why) => view! {
                <div class="notice notice-error" role="alert" id="import-error">
                    <strong class="notice-title">{format!("“{name}” cannot be imported")}</strong>
                    <p class="notice-detail">{why.to_string()}</p>
                    <p class="notice-detail">"Nothing was changed."</p>
                </div>
            }.into_any(),
            Ok(file) => view! {
                <p role="status" id="import-summary">{move || {
                    let n = entries.with(Vec::len);
                    let bad = entries.with(|es| es.iter().filter(|e| !e.problems.is_empty()).count());
                    format!("“{name}”: {n} client{} · {bad} with problems · {} to send", if n == 1 { "" } else { "s" }, sent.get())
                }}</p>
                {file.source.map(|s| view! { <p class="muted">{format!("Exported from {}{}", s.environment, s.organization.map(|o| format!(", {o}")).unwrap_or_default())}</p> })}
                {move || (conflicts.get() > 0).then(|| view! {
                    <fieldset class="field">
                        <legend>{format!("{} client(s) have a name this org uses already", conflicts.get())}</legend>
                        {choice(OnConflict::Skip, "Skip them")}
                        {choice(OnConflict::Rename, "Create them with a new name (“… (imported)”)")}
                        {choice(OnConflict::Update, "Replace the org's client with the file's")}
                    </fieldset>
                })}
                {move || (implicit.get() > 0).then(|| view! {
                    <label class="choice" id="import-implicit-as-code">
                        <input type="checkbox" prop:checked=move || implicit_as_code.get() on:change=move |ev| implicit_as_code.set(event_target_checked(&ev)) />
                        {format!(
                            "Create the {} implicit client(s) as Code Authorization clients, used with PKCE: Genesys Cloud creates no implicit clients since {IMPLICIT_NO_NEW_CLIENTS_SINCE}. Their apps then sign in with PKCE (see Move off implicit).",
                            implicit.get()
                        )}
                    </label>
                })}
                <EntryTable entries=entries plans=plans diffs=diffs />
                {move || (replacing.get() > 0).then(|| view! {
                    <label class="choice" id="import-replace-confirm">
                        <input type="checkbox" prop:checked=move || replace_ok.get() on:change=move |ev| replace_ok.set(event_target_checked(&ev)) />
                        {format!("Replace {} of the clients of {} with the file's, as shown above", replacing.get(), org_name.get_value())}
                    </label>
                })}
                <button type="button" class="primary" id="import-go"
                    disabled=move || sent.get() == 0 || bulk.running() || (replacing.get() > 0 && !replace_ok.get())
                    on:click=import>
                    {move || format!("Import {} client{}", sent.get(), if sent.get() == 1 { "" } else { "s" })}
                </button>
            }.into_any(),
        })}
    }
}

/// The secrets of the clients the import created, each shown once, as after a create.
#[component]
fn NewSecrets(bulk: BulkState) -> impl IntoView {
    move || {
        let made = bulk.secrets();
        (!made.is_empty()).then(|| view! {
            <div class="created" role="status" id="import-secrets">
                <h2>"New client secrets"</h2>
                <p class="hint">"A service keeps its secret in its secret store. A browser app that signs in with PKCE (Code Authorization) does not use one: never put it in the browser."</p>
                <ul class="plain">
                    {made.into_iter().map(|(name, secret)| view! {
                        <li><strong>{name.clone()}</strong><SecretReveal secret=secret.expose().to_string() of=name note=Some(SHOWN_ONCE) /></li>
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// One row per entry: its name, grant, what the import does with it, its problems and mappings.
#[component]
fn EntryTable(
    entries: Memo<Vec<Entry>>,
    plans: Memo<Vec<Plan>>,
    diffs: Memo<Vec<Option<Vec<Change>>>>,
) -> impl IntoView {
    let rows = move || {
        entries
            .get()
            .into_iter()
            .zip(plans.get())
            .zip(diffs.get())
            .map(|((e, p), d)| (e, p, d))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="bulk-items" tabindex="0" role="region" aria-label="Clients in the file">
            <table id="import-entries">
                <thead><tr><th scope="col">"#"</th><th scope="col">"Name"</th><th scope="col">"Grant"</th><th scope="col">"What happens"</th></tr></thead>
                <tbody>
                    <For each=rows key=|(e, p, d)| (e.number, format!("{p:?}"), e.problems.len(), d.as_ref().map(Vec::len)) let((e, p, d))>
                        <tr>
                            <td>{e.number}</td>
                            <td>{e.name.clone()}</td>
                            <td>{e.grant.as_ref().map(|g| g.label()).unwrap_or_else(|| "—".into())}</td>
                            <td class:failed=!e.problems.is_empty()>
                                {match &p {
                                    Plan::Create(r) if made_code(&p, &e) => {
                                        format!("Created as “{}”, a Code Authorization client (PKCE)", r.name)
                                    }
                                    Plan::Create(r) => format!("Created as “{}”", r.name),
                                    Plan::Update(_, _) => "Replaces the org's client of this name".into(),
                                    Plan::Skip(why) => format!("Skipped: {why}"),
                                }}
                                {d.map(|changes| if changes.is_empty() {
                                    view! { <p class="muted">"Nothing changes: the org's client is the same."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="plain diff" aria-label="What changes in the org's client">
                                            {changes.into_iter().map(|c| view! {
                                                <li><strong>{c.field}</strong>": "<del>{c.before}</del>" → "<ins>{c.after}</ins></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                })}
                                {(!e.problems.is_empty()).then(|| view! {
                                    <ul class="plain problems">{e.problems.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                                })}
                                {(!e.mapped.is_empty()).then(|| view! {
                                    <p class="muted">{format!("Mapped by name: {}", e.mapped.join(", "))}</p>
                                })}
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
