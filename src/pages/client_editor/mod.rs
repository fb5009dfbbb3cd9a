//! `/clients/new` and `/clients/:id/edit`: the client form, with templates, every rule checked
//! as typed, the API's field errors mapped back, and the draft kept for this tab. The form's
//! fields are in [`parts`].

mod parts;
mod state;

use crate::browser::address::app_href;
use crate::platform::reads;
use parts::{ClientFields, CreatedPanel};
use state::{draft_key, Editor};

use crate::app::fix_link;
use crate::app::remote::{self, Fault};
use crate::app::{use_session, Notice};
use crate::browser::now_ms;
use crate::browser::storage;
use crate::components::dialog::ConfirmDialog;
use crate::components::failed::Failed;
use crate::components::{NoticeBox, Progress};
use crate::env::Environment;
use crate::platform::actions::{implicit_refused, refusal_problems};
use crate::platform::draft::Draft;
use crate::platform::error::ApiError;
use crate::platform::model::{GrantType, OAuthClient, OAuthClientRequest};
use crate::platform::rules::{
    self, Problem, GRANTS_OFFERED, IMPLICIT_NO_NEW_CLIENTS_SINCE, IMPLICIT_SIGN_IN_ENDS_BY, SCIM_ROLE,
};
use crate::platform::save::{save_client, NotFound, SaveOutcome};
use crate::platform::templates::{apply_template, Template};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn NewClient() -> impl IntoView {
    view! { <ClientForm existing=None /> }
}

#[component]
pub fn EditClient() -> impl IntoView {
    let params = use_params_map();
    let client = remote::read(
        "Could not load the client",
        move || params.read().get("id").unwrap_or_default(),
        |api, id| async move { reads::client(&api, &id).await },
    );
    view! {
        <Transition fallback=|| view! { <Progress label="Loading the client…" /> }>
            <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                {move || client.get().map(|r| r.map(|c| view! { <ClientForm existing=Some(c) /> }))}
            </ErrorBoundary>
        </Transition>
    }
}

/// The form, for a new client (`existing` None) or an existing one.
#[component]
fn ClientForm(existing: Option<OAuthClient>) -> impl IntoView {
    let ctx = use_session();
    let navigate = use_navigate();
    let refresh = RwSignal::new(0u32);
    let refdata = remote::read(
        "Could not load scopes, roles and divisions",
        move || refresh.track(),
        |api, ()| async move { reads::form_choices(&api).await },
    );
    let refs = Memo::new(move |_| refdata.get().and_then(Result::ok).unwrap_or_default());
    let notice = RwSignal::new(None::<Notice>);
    let retired = RwSignal::new(false);
    let created = RwSignal::new(None::<OAuthClient>);
    // The org's verdict on a submitted draft; it stands while that draft is unchanged.
    let server = RwSignal::new(None::<(Draft, Vec<Problem>)>);
    let key = draft_key(existing.as_ref());
    let (key_for_save, key_for_banner) = (key.clone(), key.clone());
    let existing_id = existing.as_ref().map(|c| c.id.clone());
    let fix_for = existing_id.clone();
    let save = Action::new_local(move |(req, submitted): &(OAuthClientRequest, Draft)| {
        let (req, submitted, id, key, navigate) =
            (req.clone(), submitted.clone(), existing_id.clone(), key_for_save.clone(), navigate.clone());
        async move {
            let (name, sent_id) = (req.name.clone(), id.clone().unwrap_or_default());
            let saved =
                ctx.run(|api| async move { save_client(&api, now_ms, id.as_deref(), &req).await }).await;
            // The session ended and the page with it (the draft is kept): touch nothing.
            let Some((outcome, env)) = saved else { return };
            let (path, said) = match outcome {
                SaveOutcome::Created(client) => {
                    key.remove();
                    created.set(Some(client));
                    return;
                }
                SaveOutcome::Updated(c) => (c.id, format!("Saved \u{201c}{}\u{201d}.", c.name)),
                SaveOutcome::CreatedAnswerLost(c) => (c.id, format!("The org created \u{201c}{}\u{201d}, but its answer was lost, and with it the client secret. Regenerate the secret to get one you can see.", c.name)),
                SaveOutcome::UpdatedUnread => (sent_id, format!("Saved \u{201c}{name}\u{201d}, but the org's answer could not be read: check the client below.")),
                SaveOutcome::Lost { error, why } => return notice.set(Some(lost_notice(&error, &why, &name))),
                SaveOutcome::Failed(error) => {
                    let f = Fault { title: "The org refused the client".into(), error: Box::new(error), env: Some(env) };
                    return refused(f, submitted, server, notice, retired);
                }
            };
            key.remove();
            let path = format!("/clients/{path}");
            ctx.flash(&path, Notice::info(said));
            navigate(&path, Default::default());
        }
    });
    let saving: Signal<bool> = save.pending().into();
    let ed = Editor::new(existing.as_ref(), key, refs, saving, server);
    let submit = Callback::new(move |()| {
        let Some(req) = ed.draft.with_untracked(|d| d.to_request(&ed.rule_ctx.get_untracked())) else {
            return;
        };
        notice.set(None);
        retired.set(false);
        save.dispatch((req, ed.draft.get_untracked()));
    });
    let title = existing
        .as_ref()
        .map_or_else(|| "New OAuth client".to_string(), |c| format!("Edit \u{201c}{}\u{201d}", c.name));
    let back = existing.as_ref().map_or_else(|| "/clients".to_string(), |c| format!("/clients/{}", c.id));
    let editing = existing.is_some();
    let read_only_grant =
        existing.as_ref().map(|c| c.authorized_grant_type.clone()).filter(|g| !GRANTS_OFFERED.contains(g));
    let baseline = existing.as_ref().map(Draft::from_client).unwrap_or_default();
    view! {
        <section class="card wide">
            // A plain link: the router's <A> would mark it as the current page (it is a prefix).
            <p><a href=app_href(&back)>"← Back"</a></p>
            <h1>{title}</h1>
            {move || created.get().map(|c| view! { <CreatedPanel client=c /> })}
            <Show when=move || created.with(Option::is_none)>
                <DraftRestored ed=ed baseline=baseline.clone() key=key_for_banner.clone() />
                {move || ed.rule_ctx.with(rules::locked).map(|n| view! { <p class="banner warn" id="form-lock" role="status">{n}</p> })}
                {fix_for.clone().filter(|_| editing).map(|id| view! { <FromTester ed=ed client_id=id /> })}
                {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
                <RetiredImplicit ed=ed show=retired submit=submit />
                {(!editing).then(|| view! { <Templates ed=ed /> })}
                <ScimRoles ed=ed loaded=Signal::derive(move || refdata.get().is_some_and(|r| r.is_ok())) notice=notice refresh=refresh />
                {move || refdata.get().is_none().then(|| view! { <Progress label="Loading scopes, roles and divisions…" /> })}
                {move || refdata.get().and_then(Result::err).and_then(|f| f.notice()).map(|n| view! { <NoticeBox notice=n /> })}
                <ClientFields ed=ed editing=editing read_only_grant=read_only_grant.clone() submit=submit />
            </Show>
        </section>
    }
}

/// A redirect URI the Login tester's doctor offers to register (`?fix=`, a one-time value the
/// doctor stored in this tab for this client and this URI): shown, and added to the draft only
/// when the admin confirms; nothing changes at the org until the admin saves.
#[component]
fn FromTester(ed: Editor, client_id: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let offered = query.with_untracked(|q| q.get(fix_link::PARAM))?;
    let Some(uri) = fix_link::peek(&offered, &client_id) else {
        return Some(view! {
            <p class="banner warn" id="from-tester" role="status">
                "This link to add a redirect URI was not made by the Login tester in this tab, or was used already: nothing was added."
            </p>
        }
        .into_any());
    };
    let state = RwSignal::new(None::<Result<(), &'static str>>);
    let (shown, for_add) = (uri.clone(), uri.clone());
    let spent = offered.clone();
    let add = move |_| {
        let added = ed.draft.with_untracked(|d| fix_link::accept(&spent, d, &for_add));
        if let Ok(lines) = &added {
            ed.draft.update(|d| d.redirect_uris = lines.clone());
        }
        state.set(Some(added.map(|_| ())));
    };
    Some(view! {
        <div class="banner info" id="from-tester" role="status">
            {move || match state.get() {
                None => view! {
                    <p>"The Login tester offers to add this redirect URI to the client:"</p>
                    <p><code>{shown.clone()}</code></p>
                    <p class="row">
                        <button type="button" class="primary" id="from-tester-add" on:click=add.clone()>"Add it to the redirect URIs"</button>
                        <button type="button" on:click={ let offered = offered.clone(); move |_| { fix_link::spend(&offered); state.set(Some(Err("Nothing was added."))) } }>"Not now"</button>
                    </p>
                }.into_any(),
                Some(Ok(())) => view! {
                    <p>{format!("Added {} to the redirect URIs, from the Login tester. Review the client and save to register it: nothing changes until you do.", shown.clone())}</p>
                }.into_any(),
                Some(Err(why)) => view! { <p>{why}</p> }.into_any(),
            }}
        </div>
    }
    .into_any())
}

/// What the admin reads when a lost create's client could not be named.
fn lost_notice(error: &ApiError, lost: &NotFound, name: &str) -> Notice {
    let (title, detail) = match lost {
        NotFound::Absent => ("Not created", format!("The org's answer was lost ({}), and its list of clients, read twice, does not show the client: it was not created. Your draft is kept: create it again.", error)),
        NotFound::Several(n) => ("Perhaps created", format!("The org's answer was lost ({}), and its list shows {n} clients named \u{201c}{name}\u{201d} made just now. Look at the list before creating it again. Your draft is kept.", error)),
        NotFound::Unread(_) => ("Perhaps created", format!("The org's answer was lost ({}), and its list of clients could not be read. Before creating it again, look for \u{201c}{name}\u{201d} in the list. Your draft is kept.", error)),
    };
    Notice::error(title, Some(detail))
}

/// The org refused a save: its field errors go beside the fields (while that draft stands), and
/// a refused implicit client offers PKCE instead.
fn refused(
    f: Fault,
    submitted: Draft,
    server: RwSignal<Option<(Draft, Vec<Problem>)>>,
    notice: RwSignal<Option<Notice>>,
    retired: RwSignal<bool>,
) {
    let sp = refusal_problems(&submitted, &f.error);
    retired.set(implicit_refused(&submitted, &f.error));
    let title = match &*f.error {
        _ if !sp.is_empty() => "The org refused some values: see the fields",
        ApiError::Http { status: 400..=499, .. } => "The org refused the client",
        ApiError::Offline => "Not sent",
        _ => "The org did not answer: your changes may not be saved",
    };
    notice.set(Fault { title: title.into(), ..f }.notice());
    server.set(Some((submitted, sp)));
}

/// A draft kept from before, restored: say so, and offer to discard it.
#[component]
fn DraftRestored(ed: Editor, baseline: Draft, key: storage::Key<Draft>) -> impl IntoView {
    let baseline = StoredValue::new(baseline);
    let key = StoredValue::new(key);
    let discard = move |_| {
        key.with_value(|k| k.remove());
        ed.draft.set(baseline.get_value());
        ed.restored.set(false);
        ed.shown.set(Default::default());
    };
    view! {
        <Show when=move || ed.restored.get()>
            <div class="notice" role="status">
                "Your unsaved draft is restored. "
                <button type="button" class="link-button" on:click=discard>"Discard it"</button>
            </div>
        </Show>
    }
}

/// The org refused a new implicit client: explain the retirement, offer the same client as PKCE.
#[component]
fn RetiredImplicit(ed: Editor, show: RwSignal<bool>, submit: Callback<()>) -> impl IntoView {
    let as_pkce = move |_| {
        ed.draft.update(|d| d.grant = GrantType::Code);
        submit.run(());
    };
    view! {
        <Show when=move || show.get()>
            <div class="notice notice-error" role="alert" id="implicit-retired">
                <strong>"Genesys Cloud no longer creates implicit-grant clients."</strong>
                <p>
                    {format!("Since {IMPLICIT_NO_NEW_CLIENTS_SINCE} the Token Implicit Grant (Browser) is not offered for new OAuth clients, and implicit sign-in stops working by {IMPLICIT_SIGN_IN_ENDS_BY}. A browser app now signs in with Authorization Code + PKCE: same redirect URIs and scopes, no secret in the browser.")}
                </p>
                <button type="button" class="primary" on:click=as_pkce disabled=move || ed.saving.get()>
                    "Create it as Code Authorization (PKCE)"
                </button>
            </div>
        </Show>
    }
}

/// The product documentation's procedures as starting points.
#[component]
fn Templates(ed: Editor) -> impl IntoView {
    // (The editor shows only in a session; its region's hosts otherwise.)
    let env =
        StoredValue::new(use_session().api().map(|(_, env)| env).unwrap_or_else(Environment::default_region));
    let apply = move |t: Template| {
        let current = ed.draft.get_untracked();
        ed.draft.set(env.with_value(|e| apply_template(t, e, &ed.refs.get_untracked(), &current)));
        ed.restored.set(false);
        ed.shown.set(Default::default());
    };
    view! {
        <div class="templates" role="group" aria-label="Templates">
            <span class="label">"Start from a template:"</span>
            <button type="button" on:click=move |_| apply(Template::Embeddable)>"Embeddable Framework"</button>
            <button type="button" on:click=move |_| apply(Template::Scim)>"SCIM"</button>
            <button type="button" on:click=move |_| apply(Template::Pkce)>"Browser app with PKCE"</button>
        </div>
    }
}

/// A Client Credentials client in an org without the SCIM role: offer to restore the default roles.
#[component]
fn ScimRoles(
    ed: Editor,
    loaded: Signal<bool>,
    notice: RwSignal<Option<Notice>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let ctx = use_session();
    let confirm = RwSignal::new(false);
    let restore = Action::new_local(move |_: &()| async move {
        let r = ctx
            .call("Could not restore the default roles", |api| async move {
                reads::restore_default_roles(&api).await
            })
            .await;
        if r.as_ref().is_err_and(Fault::ended_session) {
            return;
        }
        confirm.set(false);
        match r {
            Ok(()) => {
                notice.set(Some(Notice::info("The default roles are restored.")));
                refresh.update(|n| *n += 1);
            }
            Err(f) => notice.set(f.notice()),
        }
    });
    let missing = move || {
        ed.grant.get() == GrantType::ClientCredentials
            && loaded.get()
            && ed.refs.with(|r| crate::platform::rules::scim_role(&r.roles).is_none())
    };
    view! {
        <Show when=missing>
            <div class="notice" role="status" id="scim-missing">
                {format!("This org has no \u{201c}{SCIM_ROLE}\u{201d} role. Restoring the default roles brings it back.")}
                " "
                <button type="button" on:click=move |_| confirm.set(true)>"Restore default roles"</button>
            </div>
        </Show>
        <Show when=move || confirm.get()>
            <ConfirmDialog
                title="Restore the default roles?"
                message="This recreates every default role the org lacks (such as SCIM Integration). Roles you changed are left as they are."
                confirm_label="Restore default roles"
                busy=restore.pending()
                on_confirm=Callback::new(move |_| { restore.dispatch(()); })
                on_cancel=Callback::new(move |_| confirm.set(false))
            />
        </Show>
    }
}
