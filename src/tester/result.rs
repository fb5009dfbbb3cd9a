//! The result card of the newest run: outcome, troubleshooting, the response (masked), the
//! token's countdown, who signed in, the checklist and snippets to try.

use super::doctor::{diagnose, Fix};
use super::run::{
    client_ids_snippet, curl_users_me, troubleshoot, Check, Failure, Outcome, RunRecord, Status,
};
use super::runs::RunView;
use crate::app::remote;
use crate::components::countdown::Countdown;
use crate::components::{CopyButton, Progress};
use crate::env::Environment;
use crate::oauth::callback::{is_secret_key, parse_params, Capture};
use crate::platform::reads;
use leptos::prelude::*;

/// The newest run: outcome, troubleshooting, response, who and what, checklist, extras.
#[component]
pub fn ResultCard(view: RunView) -> impl IntoView {
    let reveal = RwSignal::new(false);
    let RunView { record, token, capture, expires_at_ms, env } = view;
    let waiting = record.outcome == Outcome::Waiting;
    let ok = record.outcome == Outcome::SignedIn;
    let class = if ok {
        "result ok"
    } else if waiting {
        "result"
    } else {
        "result failed"
    };
    let method = record.method;
    view! {
        <div class=class id="tester-result" role="region" aria-label="Latest run">
            <h2 id="tester-outcome" tabindex="-1">{format!("Run {}: {}", record.id, record.outcome.label())}</h2>
            {waiting.then(|| {
                let a = troubleshoot(&Failure::NoReturn, method);
                view! {
                    <Progress label="Waiting for the login page to send the browser back…" />
                    <p class="hint">{format!("If the login page shows an error and stays there: {} {}", a.why, a.fix)}</p>
                }
            })}
            {record.outcome.advice().cloned().map(|a| view! {
                <div class="notice notice-error" role="alert" id="tester-advice">
                    <strong>{a.title}</strong>
                    <p>{a.why}</p>
                    <p><strong>"Fix: "</strong>{a.fix}</p>
                </div>
            })}
            <super::trace_view::TraceView record=record.clone() />
            <Response redacted=record.callback.clone() capture=capture reveal=reveal />
            <TokenFacts token=token.as_ref().map(|t| t.expose().to_string()) expires_at_ms=expires_at_ms reveal=reveal />
            <WhoAndChecks record=record.clone() />
            <Doctor record=record.clone() env=env.clone() />
            {ok.then(|| view! { <TrySnippets env=env client_id=record.client_id.clone() token=token.map(|t| t.expose().to_string()) reveal=reveal /> })}
        </div>
    }
}

/// The response as it came back (token and code masked until revealed) and its fields.
#[component]
fn Response(redacted: Option<String>, capture: Option<Capture>, reveal: RwSignal<bool>) -> impl IntoView {
    let fields: Vec<(String, String)> = capture
        .as_ref()
        .map(|c| parse_params(&c.query).into_iter().chain(parse_params(&c.fragment)).collect())
        .unwrap_or_default();
    let raw = capture.map(|c| c.to_text(|_| false));
    view! {
        {redacted.map(|redacted| view! {
            <h3>"Response"</h3>
            <pre class="snippet" id="tester-raw">
                {move || if reveal.get() { raw.clone().unwrap_or_else(|| redacted.clone()) } else { redacted.clone() }}
            </pre>
        })}
        {(!fields.is_empty()).then(|| view! {
            <dl class="facts" id="tester-fields">
                {fields.into_iter().map(|(k, v)| {
                    let masked = is_secret_key(&k);
                    let shown = move || if masked && !reveal.get() { "•".repeat(12) } else { v.clone() };
                    view! { <dt>{k}</dt><dd><code>{shown}</code></dd> }
                }).collect_view()}
            </dl>
        })}
    }
}

/// The access token (masked until revealed) and its countdown.
#[component]
fn TokenFacts(token: Option<String>, expires_at_ms: Option<u64>, reveal: RwSignal<bool>) -> impl IntoView {
    token.map(|t| view! {
        <dl class="facts">
            <dt>"Access token"</dt>
            <dd><code id="tester-token">{move || if reveal.get() { t.clone() } else { "•".repeat(12) }}</code></dd>
        </dl>
        <div class="row">
            <button type="button" aria-pressed=move || reveal.get().to_string() on:click=move |_| reveal.update(|r| *r = !*r)>
                {move || if reveal.get() { "Hide the token" } else { "Reveal the token" }}
            </button>
            <span id="tester-countdown">"Token expires in " <Countdown expires_at_ms=Signal::derive(move || expires_at_ms) /></span>
        </div>
    })
}

/// The login doctor: with an admin signed in to the run's org, the org's own view of the client
/// beside what the run did, and the fix for a redirect URI the client lacks.
#[component]
fn Doctor(record: RunRecord, env: Option<Environment>) -> impl IntoView {
    // Mounted alone (a widget test), there is no session to ask; a server without the Platform
    // API has no org to ask.
    let ctx = use_context::<crate::app::SessionCtx>()?;
    if env.as_ref().is_some_and(|e| !e.has_platform_api()) {
        return None;
    }
    let session = ctx.session();
    let admin_org = session.as_ref().map(|s| s.org_label());
    let admin_env = session.map(|s| s.env);
    Some(match (admin_env, env) {
        (Some(a), Some(r)) if a == r => {
            // The same environment, perhaps another org of it: the view below is the admin's org.
            let other_org = record.org.clone().filter(|o| Some(o) != admin_org.as_ref()).map(|o| {
                format!("This run signed in to the org {o}; you are signed in to {}: below is what your org knows of this client id.", admin_org.clone().unwrap_or_default())
            });
            let id = record.client_id.clone();
            let client = remote::read(
                "Could not ask the org about this client",
                move || id.clone(),
                |api, id| async move { reads::client_if_any(&api, &id).await },
            );
            let record = StoredValue::new(record);
            view! {
                <h3>"The org's view of this client"</h3>
                {other_org.map(|n| view! { <p class="hint" id="tester-doctor-org">{n}</p> })}
                <Transition fallback=|| view! { <Progress label="Asking the org about this client…" /> }>
                    {move || client.get().map(|r| match r {
                        Ok(c) => record.with_value(|run| diagnosis_view(run, c.as_ref())).into_any(),
                        Err(f) => f.notice().map(|n| view! { <crate::components::NoticeBox notice=n /> }).into_any(),
                    })}
                </Transition>
            }
            .into_any()
        }
        (admin, run_env) => {
            let why = match (admin, run_env) {
                (Some(a), Some(r)) => format!("You are signed in to {}, and this run used {}: signed in to that org as an admin, this card would also show its view of the client.", a.label(), r.label()),
                _ => "Signed in as an admin of this org (OAuth clients), this card would also show the org's view of the client: its registered redirect URIs beside the one this run sent, its grant, state, scopes and token duration, and a fix for a redirect URI it lacks.".to_string(),
            };
            view! { <p class="hint" id="tester-doctor-hint">{why}</p> }.into_any()
        }
    })
}

fn diagnosis_view(run: &RunRecord, client: Option<&crate::platform::model::OAuthClient>) -> impl IntoView {
    let d = diagnose(run, client);
    let registered = client.map(|c| c.registered_redirect_uri.clone()).unwrap_or_default();
    view! {
        {client.map(|c| view! {
            <dl class="facts">
                <dt>"Client"</dt><dd>{c.name.clone()}</dd>
                <dt>"Redirect URI sent"</dt><dd><code>{run.redirect_uri.clone()}</code></dd>
                <dt>"Registered"</dt>
                <dd><ul class="plain">{registered.into_iter().map(|u| view! { <li><code>{u}</code></li> }).collect_view()}</ul></dd>
            </dl>
        })}
        <CheckList id="tester-doctor" checks=d.findings />
        {d.fix.map(|Fix::AddRedirectUri { client_id, uri }| {
            // The form accepts the URI only with a one-time value stored in this tab now.
            let navigate = leptos_router::hooks::use_navigate();
            let open = move |_| navigate(&crate::app::fix_link::issue(&client_id, &uri), Default::default());
            view! {
                <p class="row">
                    <button type="button" class="primary" id="tester-fix" on:click=open>"Add this redirect URI to the client"</button>
                    <span class="muted">"Opens the client's form to confirm it: nothing changes until you save."</span>
                </p>
            }
        })}
    }
}

fn status_mark(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Pass => ("pass", "✓ pass"),
        Status::Fail => ("fail", "✗ fail"),
        Status::Warn => ("warn", "! warn"),
        Status::Skip => ("skip", "– n/a"),
    }
}

/// Who signed in with which client, as the org sees the token; and the checklist.
#[component]
fn WhoAndChecks(record: RunRecord) -> impl IntoView {
    let who = record.client_name.is_some() || record.user.is_some();
    view! {
        {who.then(|| view! {
            <dl class="facts" id="tester-who">
                <dt>"Client"</dt><dd>{record.client_name.clone().unwrap_or_default()} " · " {record.grant.clone().unwrap_or_default()}</dd>
                <dt>"Org"</dt><dd>{record.org.clone().unwrap_or_default()}</dd>
                <dt>"Signed in"</dt><dd>{record.user.clone().unwrap_or_default()}</dd>
                <dt>"Authorized scopes"</dt><dd>{record.scopes.join(", ")}</dd>
            </dl>
        })}
        {(!record.checks.is_empty()).then(|| view! {
            <h3>"Checklist"</h3>
            <CheckList id="tester-checks" checks=record.checks.clone() />
        })}
    }
}

/// Lines with a pass / fail / warn mark.
#[component]
fn CheckList(id: &'static str, checks: Vec<Check>) -> impl IntoView {
    view! {
        <ul class="checks" id=id>
            {checks.into_iter().map(|c| {
                let (class, mark) = status_mark(c.status);
                view! {
                    <li class=class>
                        <span class="mark">{mark}</span>
                        <strong>{c.label}</strong>
                        <span class="muted">{c.detail}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// After a sign-in: curl for `users/me` (the token only when revealed) and the clientIds entry.
#[component]
fn TrySnippets(
    env: Option<Environment>,
    client_id: String,
    token: Option<String>,
    reveal: RwSignal<bool>,
) -> impl IntoView {
    let snippet = env.as_ref().and_then(|e| client_ids_snippet(e, &client_id));
    let secret = StoredValue::new(token);
    view! {
        {env.filter(Environment::has_platform_api).map(|env| {
            let curl_text = Signal::derive(move || curl_users_me(&env, secret.get_value().as_deref().filter(|_| reveal.get())));
            view! {
                <h3>"Try it"</h3>
                <pre class="snippet" id="tester-curl">{move || curl_text.get()}</pre>
                <CopyButton text=curl_text label="curl command" />
            }
        })}
        {snippet.map(|s| {
            let copy = s.clone();
            view! {
                <h3>"framework.js"</h3>
                <pre class="snippet">{s}</pre>
                <CopyButton text=Signal::derive(move || copy.clone()) label="clientIds snippet" />
            }
        })}
    }
}
