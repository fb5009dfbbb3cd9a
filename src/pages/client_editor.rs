//! `/clients/new` and `/clients/:id/edit`: the client form, with templates, every rule checked
//! as typed, the API's field errors mapped back, and the draft kept for this tab.

use crate::browser;
use crate::components::client_form::{
    errors_id, invalid, DurationInput, FieldErrors, RedirectUriEditor, RoleDivisionsPicker, ScopePicker,
};
use crate::components::dialog::ConfirmDialog;
use crate::components::secret::SecretReveal;
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::env::Environment;
use crate::oauth::session::Session;
use crate::platform::api;
use crate::platform::error::ApiError;
use crate::platform::model::{ClientState, Division, GrantType, OAuthClient, OAuthScope, Role, RoleDivision};
use crate::platform::rules::{
    self, Draft, Field, Problem, RuleContext, DURATION_EMBEDDABLE, GRANTS_OFFERED, SCIM_ROLE,
};
use crate::state::{api_notice, use_session, Notice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// What the form needs from the org besides the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefData {
    pub scopes: Vec<OAuthScope>,
    pub roles: Vec<Role>,
    pub divisions: Vec<Division>,
    pub home: Option<Division>,
}

/// Loads scopes, roles and divisions.
pub async fn load_ref_data(s: &Session) -> Result<RefData, ApiError> {
    let base = s.env.api_base();
    Ok(RefData {
        scopes: api::scopes(&base, &s.token).await?,
        roles: api::roles(&base, &s.token).await?,
        divisions: api::divisions(&base, &s.token).await?,
        home: Some(api::home_division(&base, &s.token).await?),
    })
}

/// The scopes an Embeddable Framework client is set up with.
pub const EMBEDDABLE_SCOPES: [&str; 14] = [
    "conversations",
    "notifications",
    "organization:readonly",
    "outbound:readonly",
    "presence",
    "routing:readonly",
    "scripts:readonly",
    "stations:readonly",
    "user-basic-info",
    "users",
    "voicemail",
    "workforce-management",
    "external-contacts:readonly",
    "quality:readonly",
];

/// The three procedures of the product documentation, as starting points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Embeddable,
    Scim,
    Pkce,
}

/// The Embeddable Framework's redirect URI for an environment (`https://apps.D/crm/index.html`);
/// outside a region, us-east-1's.
pub fn embeddable_redirect(env: &Environment) -> String {
    let apps = env.apps_base().unwrap_or_else(|| "https://apps.mypurecloud.com".into());
    format!("{apps}/crm/index.html")
}

/// A fresh draft from a template. Scopes the org does not have are left out; the SCIM template
/// needs the SCIM role (`None` for the role when the org lacks it).
pub fn template_draft(t: Template, env: &Environment, refdata: &RefData) -> Draft {
    let known = |s: &str| refdata.scopes.is_empty() || refdata.scopes.iter().any(|x| x.id == s);
    match t {
        Template::Embeddable => Draft {
            name: "Embeddable Framework".into(),
            description: "Client for the Embeddable Framework (framework.js clientIds)".into(),
            grant: GrantType::Token,
            duration: DURATION_EMBEDDABLE.to_string(),
            redirect_uris: embeddable_redirect(env),
            scopes: EMBEDDABLE_SCOPES.iter().filter(|s| known(s)).map(|s| s.to_string()).collect(),
            ..Draft::default()
        },
        Template::Scim => Draft {
            name: "SCIM".into(),
            description: "SCIM provisioning".into(),
            grant: GrantType::ClientCredentials,
            role_divisions: refdata
                .roles
                .iter()
                .find(|r| r.name == SCIM_ROLE)
                .map(|r| RoleDivision {
                    role_id: r.id.clone(),
                    division_id: refdata.home.as_ref().map(|h| h.id.clone()).unwrap_or_default(),
                })
                .into_iter()
                .collect(),
            ..Draft::default()
        },
        Template::Pkce => Draft {
            name: "Browser app (PKCE)".into(),
            description: "Single-page app signing in with Authorization Code + PKCE".into(),
            grant: GrantType::Code,
            scopes: ["user-basic-info"].iter().filter(|s| known(s)).map(|s| s.to_string()).collect(),
            ..Draft::default()
        },
    }
}

/// The framework.js configuration for an Embeddable Framework client, when the client is one
/// (implicit, redirecting to `https://apps.D/crm/…`).
pub fn framework_snippet(c: &OAuthClient) -> Option<String> {
    if c.authorized_grant_type != GrantType::Token {
        return None;
    }
    let domain = c.registered_redirect_uri.iter().find_map(|u| {
        let rest = u.strip_prefix("https://apps.")?;
        let (domain, path) = rest.split_once('/')?;
        path.starts_with("crm/").then(|| domain.to_string())
    })?;
    Some(format!(
        "window.Framework = {{\n  config: {{\n    name: \"{}\",\n    clientIds: {{\n      \"{domain}\": \"{}\"\n    }},\n    // …the rest of your framework.js configuration\n  }}\n}};",
        c.name.replace('"', "\\\""),
        c.id
    ))
}

/// Maps a 400's `details[].fieldName` to the form's fields.
pub fn server_problems(err: &ApiError) -> Vec<Problem> {
    let ApiError::Http { status: 400, body: Some(body), .. } = err else { return vec![] };
    let message = body.message.clone().unwrap_or_else(|| "The org rejected this value.".into());
    let mut out: Vec<Problem> = Vec::new();
    for d in &body.details {
        if let Some(field) = d.field_name.as_deref().and_then(Field::from_api) {
            if !out.iter().any(|p| p.field == field) {
                out.push(Problem { field, line: None, message: message.clone() });
            }
        }
    }
    out
}

/// Did the org refuse a new implicit client (the vendor's March 2026 change)?
pub fn implicit_refused(draft: &Draft, err: &ApiError) -> bool {
    draft.grant == GrantType::Token && server_problems(err).iter().any(|p| p.field == Field::Grant)
}

#[component]
pub fn NewClient() -> impl IntoView {
    view! { <ClientForm existing=None /> }
}

#[component]
pub fn EditClient() -> impl IntoView {
    let ctx = use_session();
    let params = use_params_map();
    let client = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let s = ctx.session.get_untracked();
        async move {
            let s = s?;
            Some(api::get_client(&s.env.api_base(), &s.token, &id).await.map_err(|e| (e, s.env.clone())))
        }
    });
    Effect::new(move |_| {
        if let Some(Some(Err((e, _)))) = client.get() {
            if e.is_unauthorized() {
                ctx.api_failed("", &e);
            }
        }
    });
    move || match client.get().flatten() {
        None => view! { <Progress label="Loading the client…" /> }.into_any(),
        Some(Err((e, env))) => {
            view! { <NoticeBox notice=api_notice("Could not load the client", &env, &e) /> }.into_any()
        }
        Some(Ok(c)) => view! { <ClientForm existing=Some(c) /> }.into_any(),
    }
}

/// The form, for a new client (`existing` None) or an existing one.
#[component]
fn ClientForm(existing: Option<OAuthClient>) -> impl IntoView {
    let ctx = use_session();
    let navigate = use_navigate();
    let Some(session) = ctx.session.get_untracked() else { return ().into_any() };
    let env = session.env.clone();
    let editing = existing.is_some();
    let draft_key = existing.as_ref().map_or_else(|| "new".to_string(), |c| c.id.clone());
    let baseline = existing.as_ref().map(Draft::from_client).unwrap_or_default();
    let saved: Option<Draft> = browser::load_draft(&draft_key);
    let restored = RwSignal::new(saved.as_ref().is_some_and(|d| *d != baseline));
    let draft = RwSignal::new(saved.unwrap_or_else(|| baseline.clone()));
    {
        let (key, baseline) = (draft_key.clone(), baseline.clone());
        Effect::new(move |_| {
            draft.with(|d| {
                if *d == baseline {
                    browser::clear_draft(&key)
                } else {
                    browser::save_draft(&key, d)
                }
            });
        });
    }

    let refresh = RwSignal::new(0u32);
    let refdata = {
        let session = session.clone();
        LocalResource::new(move || {
            refresh.track();
            let s = session.clone();
            async move { load_ref_data(&s).await }
        })
    };
    let refs = Memo::new(move |_| refdata.get().and_then(Result::ok).unwrap_or_default());
    let refs_error = Memo::new(move |_| refdata.get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(e) = refs_error.get() {
            if e.is_unauthorized() {
                ctx.api_failed("", &e);
            }
        }
    });

    let held: Vec<String> = session
        .user
        .authorization
        .as_ref()
        .map(|a| a.roles.iter().filter_map(|r| r.id.clone()).collect())
        .unwrap_or_default();
    let existing_rds = existing.as_ref().map(|c| c.role_divisions.clone()).unwrap_or_default();
    let editing_grant = existing.as_ref().map(|c| c.authorized_grant_type.clone());
    let today = browser::today();
    let rule_ctx = {
        let (held, existing_rds, editing_grant) = (held.clone(), existing_rds.clone(), editing_grant.clone());
        Memo::new(move |_| RuleContext {
            roles: refs.with(|r| r.roles.clone()),
            held_role_ids: held.iter().cloned().collect(),
            today: today.clone(),
            editing_grant: editing_grant.clone(),
            existing_role_divisions: existing_rds.clone(),
        })
    };
    let grantable = Signal::derive({
        let existing_rds = existing_rds.clone();
        move || {
            let mut g = held.clone();
            g.extend(existing_rds.iter().map(|rd| rd.role_id.clone()));
            g
        }
    });

    // The org's verdict on a submitted draft stands while that draft is unchanged.
    let server = RwSignal::new(None::<(Draft, Vec<Problem>)>);
    let problems = Memo::new(move |_| {
        let mut p = draft.with(|d| rules::validate(d, &rule_ctx.get()));
        server.with(|s| {
            if let Some((d, sp)) = s {
                if draft.with(|cur| cur == d) {
                    p.extend(sp.iter().cloned());
                }
            }
        });
        p
    });
    let problems_sig = Signal::from(problems);
    let max = Signal::derive(move || {
        draft.with(|d| rules::max_duration(&d.grant, &d.role_divisions, &rule_ctx.with(|c| c.roles.clone())))
    });
    let grant = Memo::new(move |_| draft.with(|d| d.grant.clone()));

    let saving = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let retired = RwSignal::new(false);
    let created = RwSignal::new(None::<OAuthClient>);
    let confirm_restore = RwSignal::new(false);
    let restoring = RwSignal::new(false);

    let env_for_save = env.clone();
    let existing_id = existing.as_ref().map(|c| c.id.clone());
    let key_for_save = draft_key.clone();
    let save = Callback::new(move |()| {
        let Some(req) = draft.with_untracked(|d| d.to_request(&rule_ctx.get_untracked())) else { return };
        let Some(s) = ctx.session.get_untracked() else { return };
        let (env, id, key, navigate) =
            (env_for_save.clone(), existing_id.clone(), key_for_save.clone(), navigate.clone());
        let submitted = draft.get_untracked();
        saving.set(true);
        notice.set(None);
        retired.set(false);
        leptos::task::spawn_local(async move {
            let base = s.env.api_base();
            let result = match &id {
                Some(id) => api::update_client(&base, &s.token, id, &req).await,
                None => api::create_client(&base, &s.token, &req).await,
            };
            saving.set(false);
            match result {
                Ok(client) => {
                    browser::clear_draft(&key);
                    if id.is_some() {
                        let path = format!("/clients/{}", client.id);
                        ctx.flash(&path, Notice::info(format!("Saved \u{201c}{}\u{201d}.", client.name)));
                        navigate(&path, Default::default());
                    } else {
                        created.set(Some(client));
                    }
                }
                Err(e) if e.is_unauthorized() => ctx.api_failed("", &e),
                Err(e) => {
                    retired.set(implicit_refused(&submitted, &e));
                    let sp = server_problems(&e);
                    let title = if sp.is_empty() {
                        "The org refused the client"
                    } else {
                        "The org refused some values: see the fields"
                    };
                    notice.set(Some(api_notice(title, &env, &e)));
                    server.set(Some((submitted, sp)));
                }
            }
        });
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if problems.with_untracked(Vec::is_empty) {
            save.run(());
        } else if let Some(first) = problems.with_untracked(|p| p.first().map(|p| p.field)) {
            if let Some(el) = leptos::prelude::document().get_element_by_id(first.input_id()) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let as_pkce = move |_| {
        draft.update(|d| d.grant = GrantType::Code);
        save.run(());
    };

    let scim_missing = Memo::new(move |_| {
        refdata.get().is_some_and(|r| r.is_ok())
            && refs.with(|r| !r.roles.iter().any(|x| x.name == SCIM_ROLE))
    });
    let restore_roles = move |_| {
        let Some(s) = ctx.session.get_untracked() else { return };
        restoring.set(true);
        leptos::task::spawn_local(async move {
            let r = api::restore_default_roles(&s.env.api_base(), &s.token).await;
            restoring.set(false);
            confirm_restore.set(false);
            match r {
                Ok(()) => {
                    notice.set(Some(Notice::info("The default roles are restored.")));
                    refresh.update(|n| *n += 1);
                }
                Err(e) if e.is_unauthorized() => ctx.api_failed("", &e),
                Err(e) => notice.set(Some(api_notice("Could not restore the default roles", &s.env, &e))),
            }
        });
    };
    let env_for_template = StoredValue::new(env.clone());
    let apply = move |t: Template| {
        let d = env_for_template.with_value(|e| template_draft(t, e, &refs.get_untracked()));
        draft.set(d);
        restored.set(false);
    };
    let discard = {
        let (key, baseline) = (StoredValue::new(draft_key.clone()), StoredValue::new(baseline.clone()));
        move |_| {
            key.with_value(|k| browser::clear_draft(k));
            draft.set(baseline.get_value());
            restored.set(false);
        }
    };
    let read_only_grant = editing_grant.clone().filter(|g| !GRANTS_OFFERED.contains(g));
    let title = existing
        .as_ref()
        .map_or_else(|| "New OAuth client".to_string(), |c| format!("Edit \u{201c}{}\u{201d}", c.name));
    let back = existing.as_ref().map_or_else(|| "/clients".to_string(), |c| format!("/clients/{}", c.id));

    view! {
        <section class="card wide">
            <p><A href=back.clone()>"← Back"</A></p>
            <h1>{title}</h1>
            {move || created.get().map(|c| view! { <CreatedPanel client=c /> })}
            <Show when=move || created.with(Option::is_none)>
                <Show when=move || restored.get()>
                    <div class="notice" role="status">
                        "Your unsaved draft is restored. "
                        <button type="button" class="link-button" on:click=discard>"Discard it"</button>
                    </div>
                </Show>
                {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
                <Show when=move || retired.get()>
                    <div class="notice notice-error" role="alert" id="implicit-retired">
                        <strong>"Genesys Cloud no longer creates implicit-grant clients."</strong>
                        <p>
                            "Since March 2026 the Token Implicit Grant (Browser) is not offered for new OAuth clients, and implicit sign-in stops working by March 2027. A browser app now signs in with Authorization Code + PKCE: same redirect URIs and scopes, no secret in the browser."
                        </p>
                        <button type="button" class="primary" on:click=as_pkce disabled=move || saving.get()>
                            "Create it as Code Authorization (PKCE)"
                        </button>
                    </div>
                </Show>
                {(!editing).then(|| view! {
                    <div class="templates" role="group" aria-label="Templates">
                        <span class="label">"Start from a template:"</span>
                        <button type="button" on:click=move |_| apply(Template::Embeddable)>"Embeddable Framework"</button>
                        <button type="button" on:click=move |_| apply(Template::Scim)>"SCIM"</button>
                        <button type="button" on:click=move |_| apply(Template::Pkce)>"Browser app with PKCE"</button>
                    </div>
                })}
                <Show when=move || grant.get() == GrantType::ClientCredentials && scim_missing.get()>
                    <div class="notice" role="status" id="scim-missing">
                        {format!("This org has no \u{201c}{SCIM_ROLE}\u{201d} role. Restoring the default roles brings it back.")}
                        " "
                        <button type="button" on:click=move |_| confirm_restore.set(true)>"Restore default roles"</button>
                    </div>
                </Show>
                <Show when=move || confirm_restore.get()>
                    <ConfirmDialog
                        title="Restore the default roles?"
                        message="This recreates every default role the org lacks (such as SCIM Integration). Roles you changed are left as they are."
                        confirm_label="Restore default roles"
                        busy=restoring
                        on_confirm=Callback::new(restore_roles)
                        on_cancel=Callback::new(move |_| confirm_restore.set(false))
                    />
                </Show>
                {move || refdata.get().is_none().then(|| view! { <Progress label="Loading scopes, roles and divisions…" /> })}
                {move || refs_error.get().map(|e| {
                    let n = env_for_template.with_value(|env| api_notice("Could not load scopes, roles and divisions", env, &e));
                    view! { <NoticeBox notice=n /> }
                })}
                <form class="form" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for=Field::Name.input_id()>"Name"</label>
                        <input
                            id=Field::Name.input_id()
                            type="text"
                            prop:value=move || draft.with(|d| d.name.clone())
                            on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                            aria-invalid=invalid(problems_sig, Field::Name)
                            aria-describedby=errors_id(Field::Name)
                        />
                        <FieldErrors field=Field::Name problems=problems_sig />
                    </div>
                    <div class="field">
                        <label for=Field::Description.input_id()>"Description (optional)"</label>
                        <input
                            id=Field::Description.input_id()
                            type="text"
                            prop:value=move || draft.with(|d| d.description.clone())
                            on:input=move |ev| draft.update(|d| d.description = event_target_value(&ev))
                        />
                    </div>
                    <fieldset class="field" id=Field::Grant.input_id() aria-describedby=errors_id(Field::Grant)>
                        <legend>"Grant type"</legend>
                        {match read_only_grant.clone() {
                            Some(g) => view! {
                                <p>
                                    <strong>{g.label()}</strong>
                                    " — kept as it is: this grant type cannot be chosen for clients any more."
                                </p>
                            }
                                .into_any(),
                            None => GRANTS_OFFERED
                                .iter()
                                .map(|g| {
                                    let (g1, g2) = (g.clone(), g.clone());
                                    let note = match g {
                                        GrantType::Token => Some(" — being retired: no new clients since March 2026"),
                                        GrantType::Code => Some(" — for browser apps with PKCE"),
                                        _ => None,
                                    };
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="radio"
                                                name="grant"
                                                prop:checked=move || grant.get() == g1
                                                on:change=move |_| draft.update(|d| d.grant = g2.clone())
                                            />
                                            {g.label()}
                                            {note.map(|n| view! { <span class="muted">{n}</span> })}
                                        </label>
                                    }
                                })
                                .collect_view()
                                .into_any(),
                        }}
                        <FieldErrors field=Field::Grant problems=problems_sig />
                    </fieldset>
                    <DurationInput draft=draft problems=problems_sig max=max />
                    <Show when=move || rules::uses_redirect_uris(&grant.get())>
                        <RedirectUriEditor
                            draft=draft
                            problems=problems_sig
                            required=Signal::derive(move || rules::needs_redirect_uris(&grant.get()))
                        />
                    </Show>
                    <Show when=move || rules::uses_scopes(&grant.get())>
                        <ScopePicker draft=draft problems=problems_sig scopes=Signal::derive(move || refs.with(|r| r.scopes.clone())) />
                    </Show>
                    <Show when=move || rules::uses_roles(&grant.get())>
                        <RoleDivisionsPicker
                            draft=draft
                            problems=problems_sig
                            roles=Signal::derive(move || refs.with(|r| r.roles.clone()))
                            divisions=Signal::derive(move || refs.with(|r| r.divisions.clone()))
                            home=Signal::derive(move || refs.with(|r| r.home.as_ref().map(|h| h.id.clone()).unwrap_or_default()))
                            grantable=grantable
                        />
                    </Show>
                    <div class="field">
                        <label for=Field::State.input_id()>"State"</label>
                        <select
                            id=Field::State.input_id()
                            prop:value=move || draft.with(|d| String::from(d.state.clone()))
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|d| d.state = ClientState::from(v))
                            }
                        >
                            <option value="active">"Active"</option>
                            <option value="disabled">"Disabled — its tokens stop working, no new ones"</option>
                            <option value="inactive">"Inactive — no new tokens; deleted on the date below"</option>
                        </select>
                        <FieldErrors field=Field::State problems=problems_sig />
                    </div>
                    <Show when=move || draft.with(|d| d.state == ClientState::Inactive)>
                        <div class="field">
                            <label for=Field::DateToDelete.input_id()>"Deletion date"</label>
                            <input
                                id=Field::DateToDelete.input_id()
                                type="date"
                                prop:value=move || draft.with(|d| d.date_to_delete.clone())
                                on:input=move |ev| draft.update(|d| d.date_to_delete = event_target_value(&ev))
                                aria-invalid=invalid(problems_sig, Field::DateToDelete)
                                aria-describedby=errors_id(Field::DateToDelete)
                            />
                            <FieldErrors field=Field::DateToDelete problems=problems_sig />
                        </div>
                    </Show>
                    <div class="row">
                        <button type="submit" class="primary" disabled=move || saving.get() || !problems.with(Vec::is_empty)>
                            {move || match (saving.get(), editing) {
                                (true, _) => "Saving…",
                                (false, true) => "Save changes",
                                (false, false) => "Create client",
                            }}
                        </button>
                        {move || {
                            let n = problems.with(Vec::len);
                            (n > 0).then(|| view! {
                                <span class="muted" id="problem-count">
                                    {if n == 1 { "Fix 1 problem to save.".to_string() } else { format!("Fix {n} problems to save.") }}
                                </span>
                            })
                        }}
                        {move || saving.get().then(|| view! { <Progress label="Sending to the org…" /> })}
                    </div>
                </form>
            </Show>
        </section>
    }
    .into_any()
}

/// Shown once after a create: the id, the secret (masked until revealed), and for an
/// Embeddable Framework client the framework.js snippet.
#[component]
fn CreatedPanel(client: OAuthClient) -> impl IntoView {
    let id = client.id.clone();
    let id_for_copy = id.clone();
    let snippet = framework_snippet(&client);
    view! {
        <div class="created" role="status" aria-live="polite">
            <h2>{format!("Created \u{201c}{}\u{201d}", client.name)}</h2>
            <dl class="facts">
                <dt>"Client id"</dt>
                <dd>
                    <code id="created-client-id">{id.clone()}</code>
                    <CopyButton text=Signal::derive(move || id_for_copy.clone()) label="client id" />
                </dd>
                <dt>"Grant type"</dt>
                <dd>{client.authorized_grant_type.label()}</dd>
            </dl>
            {client.secret.clone().map(|s| view! {
                <h3>"Client secret"</h3>
                <SecretReveal secret=s.0 />
            })}
            {snippet.map(|s| {
                let copy = s.clone();
                view! {
                    <h3>"framework.js"</h3>
                    <p class="hint">"Put the client id into your Embeddable Framework configuration:"</p>
                    <pre class="snippet" id="framework-snippet">{s}</pre>
                    <CopyButton text=Signal::derive(move || copy.clone()) label="framework.js snippet" />
                }
            })}
            <div class="row">
                <A href=format!("/clients/{id}") attr:class="button primary">"View the client"</A>
                <A href="/clients" attr:class="button">"Back to the list"</A>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::ErrorBody;

    fn refdata() -> RefData {
        RefData {
            scopes: ["users", "presence", "user-basic-info"]
                .iter()
                .map(|s| OAuthScope { id: s.to_string(), description: None })
                .collect(),
            roles: vec![Role { id: "r-scim".into(), name: SCIM_ROLE.into(), ..Default::default() }],
            divisions: vec![],
            home: Some(Division { id: "home".into(), name: "Home".into(), ..Default::default() }),
        }
    }

    #[test]
    fn templates() {
        let env = Environment::region("eu-west-1").unwrap();
        let ef = template_draft(Template::Embeddable, &env, &refdata());
        assert_eq!(ef.grant, GrantType::Token);
        assert_eq!(ef.redirect_uris, "https://apps.mypurecloud.ie/crm/index.html");
        assert_eq!(ef.duration, "64800");
        assert_eq!(ef.scopes, vec!["presence", "user-basic-info", "users"], "only the scopes the org has");
        assert!(ef.scopes.iter().all(|s| refdata().scopes.iter().any(|x| &x.id == s)));
        let scim = template_draft(Template::Scim, &env, &refdata());
        assert_eq!(
            scim.role_divisions,
            vec![RoleDivision { role_id: "r-scim".into(), division_id: "home".into() }]
        );
        let no_scim = template_draft(Template::Scim, &env, &RefData { roles: vec![], ..refdata() });
        assert!(no_scim.role_divisions.is_empty());
        assert_eq!(template_draft(Template::Pkce, &Environment::Sandbox, &refdata()).grant, GrantType::Code);
        assert_eq!(embeddable_redirect(&Environment::Sandbox), "https://apps.mypurecloud.com/crm/index.html");
    }

    #[test]
    fn snippet_only_for_embeddable_clients() {
        let mut c: OAuthClient = serde_json::from_value(serde_json::json!({
            "id": "abc", "name": "EF", "authorizedGrantType": "TOKEN",
            "registeredRedirectUri": ["https://apps.mypurecloud.de/crm/index.html"]
        }))
        .unwrap();
        let s = framework_snippet(&c).unwrap();
        assert!(s.contains("\"mypurecloud.de\": \"abc\""));
        c.registered_redirect_uri = vec!["https://app.example.com/".into()];
        assert_eq!(framework_snippet(&c), None);
        c.authorized_grant_type = GrantType::Code;
        assert_eq!(framework_snippet(&c), None);
    }

    #[test]
    fn api_field_errors_and_the_retirement() {
        let err = ApiError::Http {
            status: 400,
            body: Some(serde_json::from_value(serde_json::json!({
                "message": "No new implicit clients", "details": [{"fieldName": "authorizedGrantType"}, {"fieldName": "unknownThing"}]
            })).unwrap()),
            correlation_id: None,
            retry_after: None,
        };
        let p = server_problems(&err);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, Field::Grant);
        assert_eq!(p[0].message, "No new implicit clients");
        let implicit = Draft { grant: GrantType::Token, ..Draft::default() };
        assert!(implicit_refused(&implicit, &err));
        assert!(!implicit_refused(&Draft::default(), &err));
        let other = ApiError::Http {
            status: 500,
            body: Some(ErrorBody::default()),
            correlation_id: None,
            retry_after: None,
        };
        assert!(server_problems(&other).is_empty());
    }
}
