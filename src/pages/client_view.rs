//! `/clients/:id`: every field of a client; regenerate its secret, disable or enable it,
//! delete it (the consequential ones after typing the client's name).

use crate::app::remote::{self, Fault};
use crate::app::{use_session, Notice};
use crate::browser::address::app_href;
use crate::components::dialog::ConfirmDialog;
use crate::components::failed::Failed;
use crate::components::secret::SecretReveal;
use crate::components::usage::UsagePanel;
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::platform::actions::{run_plan, Asked, ClientAction, OWN_CLIENT_NOT_DELETED};
use crate::platform::dates::words;
use crate::platform::listing::{date_part, short_date, state_note};
use crate::platform::migrate_flows::{recent_use, recent_use_line};
use crate::platform::model::{ClientState, OAuthClient};
use crate::platform::reads;
use crate::platform::templates::{framework_note, framework_snippet, grant_note, secret_note, RefData};
use crate::platform::usage::Known;
use crate::platform::{grants, lifecycle};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::collections::HashSet;

/// The result of the last action: what was done, or why it failed.
type Done = Result<ClientAction, Fault>;

#[component]
pub fn ClientView() -> impl IntoView {
    let ctx = use_session();
    let params = use_params_map();
    let navigate = use_navigate();
    let reload = RwSignal::new(0u32);
    let names = StoredValue::new(None::<RefData>);
    let loaded = remote::read(
        "Could not load the client",
        move || (params.read().get("id").unwrap_or_default(), reload.get()),
        move |api, (id, _)| async move {
            let client = reads::client(&api, &id).await?;
            // Role and division names, once, and only for a client with roles; the client shows
            // without them if they fail. (`try_`: the page may go while this loads.)
            if !client.role_divisions.is_empty() && names.try_with_value(Option::is_none).unwrap_or(false) {
                names.set_value(Some(reads::names_known(&api).await));
            }
            Ok((client, names.try_get_value().flatten().unwrap_or_default()))
        },
    );
    // The roles the admin holds (when the org said), read once: the page goes with the session.
    let session = untrack(|| ctx.session());
    let held = session.as_ref().and_then(|s| s.held_role_ids());
    // The org's name for the confirmations, and the client this console signed in with.
    let org = session.as_ref().map(|s| s.org_label()).unwrap_or_default();
    let signed_in_with = session.map(|s| s.client_id).unwrap_or_default();
    let ask = RwSignal::new(None::<ClientAction>);
    let new_secret = RwSignal::new(None::<String>);
    let act = Action::new_local(move |(what, c): &(ClientAction, OAuthClient)| {
        let (what, c, navigate) = (*what, c.clone(), navigate.clone());
        // The session the action runs in, taken now: a switch may come before it ends.
        let by = ctx.session_untracked();
        async move {
            let title = format!("Could not {} the client", what.verb());
            let plan = what.plan(&c);
            let id = c.id.clone();
            let result = ctx
                .call(&title, |api| async move { run_plan(&api, &id, plan, crate::browser::now_ms).await })
                .await;
            // A regenerate whose answer was lost may have ended the old secret all the same.
            let result = result.map_err(|f| match what {
                ClientAction::Regenerate if f.error.is_ambiguous() => Fault {
                    title: "The secret may have been regenerated, but the answer was lost: the old secret may no longer work. Regenerate again to see a new one".into(),
                    ..f
                },
                _ => f,
            });
            if result.as_ref().is_err_and(Fault::ended_session) {
                // The session ended and this page with it: touch nothing of it.
                return result.map(|_| what);
            }
            // The client this console signed in with, stopped: the session ends (its tokens no
            // longer work), and says why; nothing more is read with it.
            if let (Ok(_), Some(how), Some(by)) =
                (&result, what.stops(), by.filter(|s| s.signed_in_with(&c.id)))
            {
                ctx.stopped_own_client(&by, c.name.clone(), how);
                return result.map(|_| what);
            }
            ask.set(None);
            match &result {
                Ok(_) if what == ClientAction::Delete => {
                    // Gone for good, or in its grace period: the list says which, as the org says.
                    let now = match ctx.api() {
                        Some((api, _)) => reads::client(&api, &c.id).await.ok(),
                        None => None,
                    };
                    ctx.flash("/clients", Notice::info(lifecycle::after_delete(&c.name, now.as_ref())));
                    navigate("/clients", Default::default());
                }
                Ok(secret) => {
                    if what == ClientAction::Regenerate {
                        new_secret.set(secret.clone());
                    }
                    reload.update(|n| *n += 1);
                }
                // A plan may stop half-way (a delete made the client inactive, then failed):
                // show the client as the org now holds it, so the next action starts from there.
                Err(_) => reload.update(|n| *n += 1),
            }
            result.map(|_| what)
        }
    });
    let (done, running) = (act.value(), act.pending());
    let done = Signal::derive(move || done.get().filter(|_| !running.get()));
    view! {
        <Transition fallback=|| view! { <Progress label="Loading the client…" /> }>
            <ErrorBoundary fallback=|errors| view! {
                <section class="card wide">
                    <p><a href=app_href("/clients")>"← All clients"</a></p>
                    <Failed errors=errors />
                </section>
            }>
                {move || loaded.get().map(|r| r.map(|(client, refs)| view! {
                    <section class="card wide">
                        <p><a href=app_href("/clients")>"← All clients"</a></p>
                        <ActionBar client=client.clone() blocked=blocked_note(&client, &refs, held.as_ref()) ask=ask act=act
                            org=org.clone() own=client.id == signed_in_with />
                        {state_note(&client).map(|n| view! { <p class="banner warn" id="state-note">{n}</p> })}
                        <ActionResult done=done new_secret=new_secret note=secret_note(&client.authorized_grant_type) />
                        <ClientFacts client=client.clone() refs=refs />
                        <UsagePanel client_id=client.id />
                    </section>
                }))}
            </ErrorBoundary>
        </Transition>
    }
}

/// Why the signed-in admin cannot change this client (roles they do not hold), if so.
fn blocked_note(c: &OAuthClient, refs: &RefData, held: Option<&HashSet<String>>) -> Option<String> {
    grants::missing_roles_note(&grants::missing_roles(&c.role_divisions, held, &refs.roles))
}

/// The client's name and what can be done to it; the confirmation of a consequential action.
/// A client in its grace period after a delete offers Restore; an admin who lacks one of its
/// roles is told why its state cannot be changed, before trying.
#[component]
fn ActionBar(
    client: OAuthClient,
    blocked: Option<String>,
    ask: RwSignal<Option<ClientAction>>,
    act: Action<(ClientAction, OAuthClient), Done>,
    /// The org's name, said in every confirmation.
    org: String,
    /// This console is signed in with this client.
    own: bool,
) -> impl IntoView {
    let busy = act.pending();
    let org = StoredValue::new(org);
    let deleted = client.state == Some(ClientState::Deleted);
    // A restorable client gets Restore where the others get Disable / Enable.
    let toggle = if lifecycle::grace(&client).is_some() {
        ClientAction::Restore
    } else {
        ClientAction::toggle_for(&client)
    };
    // Every change of state is a PUT, which the org refuses without the client's roles (a delete
    // of an inactive client is not).
    let locked = blocked.is_some();
    let delete_locked = locked && client.state != Some(ClientState::Inactive);
    let c = StoredValue::new(client.clone());
    let confirmation = move |what: ClientAction| {
        let now_ms = crate::browser::now_ms();
        c.with_value(|c| org.with_value(|org| what.confirmation(c, Asked { org, own, now_ms })))
    };
    let run = move |what: ClientAction| match confirmation(what) {
        Some(_) => ask.set(Some(what)),
        None => {
            act.dispatch((what, c.get_value()));
        }
    };
    let button = move |what: ClientAction, class: &'static str, off: bool| {
        view! { <button type="button" class=class disabled=move || busy.get() || off on:click=move |_| run(what)>{what.label()}</button> }
    };
    view! {
        <div class="row between">
            <h1>{client.name.clone()}</h1>
            <div class="row">
                {(!deleted).then(|| view! { <A href=app_href(&format!("/clients/{}/edit", client.id)) attr:class="button">"Edit"</A> })}
                {button(toggle, if toggle == ClientAction::Restore { "primary" } else { "" }, locked)}
                {(!deleted).then(|| button(ClientAction::Regenerate, "", false))}
                {(!deleted).then(|| button(ClientAction::Delete, "danger", delete_locked || own))}
            </div>
        </div>
        {own.then(|| view! {
            <p class="banner info" id="own-client">{OWN_CLIENT_NOT_DELETED}</p>
        })}
        {blocked.map(|n| view! { <p class="banner warn" id="roles-note">{n}</p> })}
        {move || busy.get().then(|| view! { <Progress label="Working…" /> })}
        {move || {
            let what = ask.get()?;
            let confirm = confirmation(what)?;
            let id = c.with_value(|c| c.id.clone());
            Some(view! {
                <ConfirmDialog
                    title=confirm.title
                    message=confirm.message
                    confirm_label=confirm.button
                    require_text=confirm.type_name.then(|| c.with_value(|c| c.name.clone()))
                    busy=busy
                    on_confirm=Callback::new(move |_| { act.dispatch((what, c.get_value())); })
                    on_cancel=Callback::new(move |_| ask.set(None))
                >
                    {confirm.own.map(|n| view! { <p class="banner warn" id="confirm-own">{n}</p> })}
                    {confirm.shows_use.then(|| view! { <RecentUse client_id=id.clone() /> })}
                </ConfirmDialog>
            })
        }}
    }
}

/// The client's use in the last days, read as the confirmation of a stop opens: its apps stop.
#[component]
fn RecentUse(client_id: String) -> impl IntoView {
    let read = crate::app::remote::read(
        "Could not read the client's use",
        || (),
        move |api, ()| {
            let id = client_id.clone();
            async move { recent_use(&api, &id, crate::browser::now_ms).await }
        },
    );
    let line = move || {
        let known = match read.get() {
            None => Known::Asking,
            Some(Ok(k)) => k,
            Some(Err(f)) => Known::Failed(f.to_string()),
        };
        recent_use_line(&known)
    };
    view! { <p id="confirm-use" role="status">{line}</p> }
}

/// What the last action did (nothing while the next one runs): a notice, or the new secret
/// (shown once).
#[component]
fn ActionResult(
    #[prop(into)] done: Signal<Option<Done>>,
    new_secret: RwSignal<Option<String>>,
    /// What this client does with its secret, when "keep it" would mislead.
    note: Option<&'static str>,
) -> impl IntoView {
    let notice = move || match done.get()? {
        Ok(ClientAction::Disable | ClientAction::Enable | ClientAction::Restore) => {
            done.get()?.ok().map(|a| Notice::info(a.done()))
        }
        Ok(_) => None,
        Err(f) => f.notice(),
    };
    view! {
        {move || notice().map(|n| view! { <NoticeBox notice=n /> })}
        {move || new_secret.get().map(|s| view! {
            <div class="created" role="status">
                <h2>"New client secret"</h2>
                <p>"The old secret stopped working."</p>
                <SecretReveal secret=s note=note />
            </div>
        })}
    }
}

fn role_name(refs: &RefData, id: &str) -> String {
    refs.roles.iter().find(|r| r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// Every field of the client, and its framework.js snippet when it is an Embeddable Framework client.
#[component]
fn ClientFacts(client: OAuthClient, refs: RefData) -> impl IntoView {
    let c = client;
    let id = c.id.clone();
    let state = c.state.clone().unwrap_or(ClientState::Active);
    let list = |items: Vec<String>, empty: &'static str| {
        if items.is_empty() {
            view! { <span class="muted">{empty}</span> }.into_any()
        } else {
            view! { <ul class="plain">{items.into_iter().map(|i| view! { <li><code>{i}</code></li> }).collect_view()}</ul> }.into_any()
        }
    };
    let roles: Vec<String> = grants::by_role(&c.role_divisions)
        .into_iter()
        .map(|(role, divisions)| {
            let names: Vec<String> =
                divisions.iter().map(|d| grants::division_label(&refs.divisions, d)).collect();
            format!("{} — {}", role_name(&refs, &role), names.join(", "))
        })
        .collect();
    let by = |u: &Option<crate::platform::model::NamedEntity>| {
        u.as_ref().and_then(|u| u.name.clone()).map(|n| format!(" by {n}"))
    };
    view! {
        <dl class="facts">
            <dt>"Client id"</dt>
            <dd>
                <code id="client-id">{id.clone()}</code>
                <CopyButton text=Signal::derive(move || id.clone()) label="client id" />
            </dd>
            <dt>"Description"</dt>
            <dd>{c.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</dd>
            <dt>"Grant type"</dt>
            <dd>
                {c.authorized_grant_type.label()}
                {grant_note(&c.authorized_grant_type).map(|n| view! { <p class="hint warn" id="grant-note">{n}</p> })}
            </dd>
            <dt>"Token duration"</dt>
            <dd>{c.access_token_validity_seconds.map(|s| format!("{s} s ({})", words(s))).unwrap_or_else(|| "—".into())}</dd>
            <dt>"State"</dt>
            <dd id="client-state">
                {String::from(state.clone())}
                {c.date_to_delete.as_deref().map(|d| match state {
                    ClientState::Deleted => format!(" — removed for good on {}", date_part(d)),
                    _ => format!(" — deleted on {}", date_part(d)),
                })}
            </dd>
            <dt>"Redirect URIs"</dt>
            <dd>{list(c.registered_redirect_uri.clone(), "none")}</dd>
            <dt>"Scopes"</dt>
            <dd>{list(c.scope.clone(), "none")}</dd>
            <dt>"Roles"</dt>
            <dd>{list(roles, "none")}</dd>
            <dt>"Created"</dt>
            <dd>{short_date(c.date_created.as_deref())} {by(&c.created_by)}</dd>
            <dt>"Modified"</dt>
            <dd>{short_date(c.date_modified.as_deref())} {by(&c.modified_by)}</dd>
        </dl>
        {framework_snippet(&c).map(|s| {
            let copy = s.clone();
            view! {
                <h2>"framework.js"</h2>
                {framework_note(&c).map(|n| view! { <p class="hint warn" id="framework-note">{n}</p> })}
                <pre class="snippet" id="framework-snippet">{s}</pre>
                <CopyButton text=Signal::derive(move || copy.clone()) label="framework.js snippet" />
            }
        })}
    }
}
