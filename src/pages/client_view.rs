//! `/clients/:id`: every field of a client; regenerate its secret, disable or enable it,
//! delete it (the consequential ones after typing the client's name).

use crate::components::dialog::ConfirmDialog;
use crate::components::secret::SecretReveal;
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::pages::client_editor::{framework_snippet, RefData};
use crate::pages::clients::short_date;
use crate::platform::api;
use crate::platform::model::{ClientState, OAuthClient, OAuthClientRequest, ALL_DIVISIONS};
use crate::platform::rules::words;
use crate::state::{api_notice, use_session, Notice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The full object for a PUT that changes only the state (PUT replaces the whole client).
pub fn with_state(c: &OAuthClient, state: ClientState, date_to_delete: Option<String>) -> OAuthClientRequest {
    OAuthClientRequest {
        name: c.name.clone(),
        access_token_validity_seconds: c
            .access_token_validity_seconds
            .unwrap_or(crate::platform::rules::DURATION_DEFAULT),
        description: c.description.clone(),
        registered_redirect_uri: c.registered_redirect_uri.clone(),
        authorized_grant_type: c.authorized_grant_type.clone(),
        scope: c.scope.clone(),
        role_divisions: c.role_divisions.clone(),
        state,
        date_to_delete,
    }
}

/// What the page can do to a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAction {
    Regenerate,
    Disable,
    Enable,
    Delete,
}

impl ClientAction {
    pub fn verb(self) -> &'static str {
        match self {
            ClientAction::Regenerate => "regenerate the secret of",
            ClientAction::Disable => "disable",
            ClientAction::Enable => "enable",
            ClientAction::Delete => "delete",
        }
    }

    /// The confirmation a consequential action asks for: (title, message, button).
    pub fn confirmation(self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            ClientAction::Regenerate => Some((
                "Regenerate the client secret?",
                "The current secret stops working at once: every service using it fails until it gets the new one.",
                "Regenerate secret",
            )),
            ClientAction::Delete => Some((
                "Delete this client?",
                "Its tokens stop working and it cannot be restored. An active client is made inactive first, then deleted.",
                "Delete client",
            )),
            ClientAction::Disable | ClientAction::Enable => None,
        }
    }
}

#[component]
pub fn ClientView() -> impl IntoView {
    let ctx = use_session();
    let params = use_params_map();
    let navigate = use_navigate();
    let reload = RwSignal::new(0u32);
    let names = StoredValue::new(None::<RefData>);
    let loaded = LocalResource::new(move || {
        reload.track();
        let id = params.read().get("id").unwrap_or_default();
        let s = ctx.session.get_untracked();
        async move {
            let s = s?;
            let base = s.env.api_base();
            let client = match api::get_client(&base, &s.token, &id).await {
                Ok(c) => c,
                Err(e) => return Some(Err((e, s.env.clone()))),
            };
            // Role and division names, once, and only for a client with roles; the client shows
            // without them if they fail.
            if !client.role_divisions.is_empty() && names.with_value(Option::is_none) {
                let roles = api::roles(&base, &s.token).await.unwrap_or_default();
                let divisions = api::divisions(&base, &s.token).await.unwrap_or_default();
                names.set_value(Some(RefData { roles, divisions, ..Default::default() }));
            }
            Some(Ok((client, names.get_value().unwrap_or_default())))
        }
    });
    Effect::new(move |_| {
        if let Some(Some(Err((e, _)))) = loaded.get() {
            if e.is_unauthorized() {
                ctx.api_failed("", &e);
            }
        }
    });
    let ask = RwSignal::new(None::<ClientAction>);
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let new_secret = RwSignal::new(None::<String>);

    let act = move |what: ClientAction, c: OAuthClient| {
        let Some(s) = ctx.session.get_untracked() else { return };
        let navigate = navigate.clone();
        busy.set(true);
        notice.set(None);
        leptos::task::spawn_local(async move {
            let base = s.env.api_base();
            let result: Result<Option<String>, _> = match what {
                ClientAction::Regenerate => {
                    api::regenerate_secret(&base, &s.token, &c.id).await.map(|c| c.secret.map(|x| x.0))
                }
                ClientAction::Disable => {
                    api::update_client(&base, &s.token, &c.id, &with_state(&c, ClientState::Disabled, None))
                        .await
                        .map(|_| None)
                }
                ClientAction::Enable => {
                    api::update_client(&base, &s.token, &c.id, &with_state(&c, ClientState::Active, None))
                        .await
                        .map(|_| None)
                }
                ClientAction::Delete => {
                    // Inactive first (the org deletes only inactive clients), then delete.
                    let today = format!("{}T00:00:00.000Z", crate::browser::today());
                    let step = if c.state == Some(ClientState::Inactive) {
                        Ok(())
                    } else {
                        api::update_client(
                            &base,
                            &s.token,
                            &c.id,
                            &with_state(&c, ClientState::Inactive, Some(today)),
                        )
                        .await
                        .map(|_| ())
                    };
                    match step {
                        Ok(()) => api::delete_client(&base, &s.token, &c.id).await.map(|_| None),
                        Err(e) => Err(e),
                    }
                }
            };
            busy.set(false);
            ask.set(None);
            match result {
                Ok(secret) if what == ClientAction::Regenerate => {
                    new_secret.set(secret);
                    reload.update(|n| *n += 1);
                }
                Ok(_) if what == ClientAction::Delete => {
                    ctx.flash("/clients", Notice::info(format!("Deleted \u{201c}{}\u{201d}.", c.name)));
                    navigate("/clients", Default::default());
                }
                Ok(_) => {
                    notice.set(Some(Notice::info(if what == ClientAction::Disable {
                        "Disabled: its tokens no longer work and no new ones are issued."
                    } else {
                        "Enabled: the client can get tokens again."
                    })));
                    reload.update(|n| *n += 1);
                }
                Err(e) if e.is_unauthorized() => ctx.api_failed("", &e),
                Err(e) => {
                    notice.set(Some(api_notice(&format!("Could not {} the client", what.verb()), &s.env, &e)))
                }
            }
        });
    };

    move || match loaded.get().flatten() {
        None => view! { <Progress label="Loading the client…" /> }.into_any(),
        Some(Err((e, env))) => view! {
            <section class="card wide">
                <p><A href="/clients">"← All clients"</A></p>
                <NoticeBox notice=api_notice("Could not load the client", &env, &e) />
            </section>
        }
        .into_any(),
        Some(Ok((c, refs))) => {
            let act = act.clone();
            view! { <ClientDetails client=c refs=refs ask=ask busy=busy notice=notice new_secret=new_secret act=act /> }.into_any()
        }
    }
}

fn role_name(refs: &RefData, id: &str) -> String {
    refs.roles.iter().find(|r| r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
}

fn division_name(refs: &RefData, id: &str) -> String {
    if id == ALL_DIVISIONS {
        return "All divisions".into();
    }
    refs.divisions.iter().find(|d| d.id == id).map_or_else(|| id.to_string(), |d| d.name.clone())
}

#[component]
fn ClientDetails(
    client: OAuthClient,
    refs: RefData,
    ask: RwSignal<Option<ClientAction>>,
    busy: RwSignal<bool>,
    notice: RwSignal<Option<Notice>>,
    new_secret: RwSignal<Option<String>>,
    act: impl Fn(ClientAction, OAuthClient) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let c = client.clone();
    let id = c.id.clone();
    let id_for_copy = id.clone();
    let state = c.state.clone().unwrap_or(ClientState::Active);
    let snippet = framework_snippet(&c);
    let list = |items: Vec<String>, empty: &'static str| {
        if items.is_empty() {
            view! { <span class="muted">{empty}</span> }.into_any()
        } else {
            view! { <ul class="plain">{items.into_iter().map(|i| view! { <li><code>{i}</code></li> }).collect_view()}</ul> }.into_any()
        }
    };
    let roles: Vec<String> = c
        .role_divisions
        .iter()
        .map(|rd| format!("{} — {}", role_name(&refs, &rd.role_id), division_name(&refs, &rd.division_id)))
        .collect();
    let toggle_label = if state == ClientState::Disabled { "Enable" } else { "Disable" };
    let toggle_what =
        if state == ClientState::Disabled { ClientAction::Enable } else { ClientAction::Disable };
    let (c_toggle, c_confirm) = (c.clone(), c.clone());
    let (act_toggle, act_confirm) = (act.clone(), act);
    view! {
        <section class="card wide">
            <p><A href="/clients">"← All clients"</A></p>
            <div class="row between">
                <h1>{c.name.clone()}</h1>
                <div class="row">
                    <A href=format!("/clients/{id}/edit") attr:class="button">"Edit"</A>
                    <button type="button" disabled=move || busy.get() on:click=move |_| act_toggle(toggle_what, c_toggle.clone())>
                        {toggle_label}
                    </button>
                    <button type="button" disabled=move || busy.get() on:click=move |_| ask.set(Some(ClientAction::Regenerate))>
                        "Regenerate secret"
                    </button>
                    <button type="button" class="danger" disabled=move || busy.get() on:click=move |_| ask.set(Some(ClientAction::Delete))>
                        "Delete"
                    </button>
                </div>
            </div>
            {move || busy.get().then(|| view! { <Progress label="Working…" /> })}
            {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
            {move || new_secret.get().map(|s| view! {
                <div class="created" role="status">
                    <h2>"New client secret"</h2>
                    <p>"The old secret stopped working."</p>
                    <SecretReveal secret=s />
                </div>
            })}
            <dl class="facts">
                <dt>"Client id"</dt>
                <dd>
                    <code id="client-id">{id.clone()}</code>
                    <CopyButton text=Signal::derive(move || id_for_copy.clone()) label="client id" />
                </dd>
                <dt>"Description"</dt>
                <dd>{c.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</dd>
                <dt>"Grant type"</dt>
                <dd>{c.authorized_grant_type.label()}</dd>
                <dt>"Token duration"</dt>
                <dd>
                    {c.access_token_validity_seconds
                        .map(|s| format!("{s} s ({})", words(s)))
                        .unwrap_or_else(|| "—".into())}
                </dd>
                <dt>"State"</dt>
                <dd id="client-state">
                    {String::from(state.clone())}
                    {c.date_to_delete.clone().map(|d| format!(" — deleted on {}", &d[..d.len().min(10)]))}
                </dd>
                <dt>"Redirect URIs"</dt>
                <dd>{list(c.registered_redirect_uri.clone(), "none")}</dd>
                <dt>"Scopes"</dt>
                <dd>{list(c.scope.clone(), "none")}</dd>
                <dt>"Roles"</dt>
                <dd>{list(roles, "none")}</dd>
                <dt>"Created"</dt>
                <dd>
                    {short_date(c.date_created.as_deref())}
                    {c.created_by.as_ref().and_then(|u| u.name.clone()).map(|n| format!(" by {n}"))}
                </dd>
                <dt>"Modified"</dt>
                <dd>
                    {short_date(c.date_modified.as_deref())}
                    {c.modified_by.as_ref().and_then(|u| u.name.clone()).map(|n| format!(" by {n}"))}
                </dd>
            </dl>
            {snippet.map(|s| {
                let copy = s.clone();
                view! {
                    <h2>"framework.js"</h2>
                    <pre class="snippet">{s}</pre>
                    <CopyButton text=Signal::derive(move || copy.clone()) label="framework.js snippet" />
                }
            })}
            {move || {
                let what = ask.get()?;
                let (title, message, label) = what.confirmation()?;
                let (act, c) = (act_confirm.clone(), c_confirm.clone());
                Some(view! {
                    <ConfirmDialog
                        title=title
                        message=message
                        confirm_label=label
                        require_text=c.name.clone()
                        busy=busy
                        on_confirm=Callback::new(move |_| act(what, c.clone()))
                        on_cancel=Callback::new(move |_| ask.set(None))
                    />
                })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_change_sends_the_whole_client() {
        let c: OAuthClient = serde_json::from_value(serde_json::json!({
            "id": "x", "name": "n", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 600,
            "roleDivisions": [{"roleId": "r", "divisionId": "*"}], "state": "active", "description": "d"
        }))
        .unwrap();
        let req = with_state(&c, ClientState::Inactive, Some("2026-11-26T00:00:00.000Z".into()));
        assert_eq!(req.state, ClientState::Inactive);
        assert_eq!(req.access_token_validity_seconds, 600);
        assert_eq!(req.role_divisions, c.role_divisions);
        assert_eq!(req.description.as_deref(), Some("d"));
        assert_eq!(req.date_to_delete.as_deref(), Some("2026-11-26T00:00:00.000Z"));
    }
}
