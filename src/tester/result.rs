//! The result card of the newest run: outcome, troubleshooting, the response (masked), the
//! token's countdown, who signed in, the checklist and snippets to try.

use super::run::{client_ids_snippet, curl_users_me, troubleshoot, Failure, Outcome, RunRecord, Status};
use super::runs::RunView;
use crate::components::countdown::Countdown;
use crate::components::{CopyButton, Progress};
use crate::env::Environment;
use crate::oauth::callback::{is_secret_key, parse_params, Capture};
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
            <h2 id="tester-outcome">{format!("Run {}: {}", record.id, record.outcome.label())}</h2>
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
            <Response redacted=record.callback.clone() capture=capture reveal=reveal />
            <TokenFacts token=token.as_ref().map(|t| t.expose().to_string()) expires_at_ms=expires_at_ms reveal=reveal />
            <WhoAndChecks record=record.clone() />
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
            <ul class="checks" id="tester-checks">
                {record.checks.iter().map(|c| {
                    let (class, mark) = status_mark(c.status);
                    view! {
                        <li class=class>
                            <span class="mark">{mark}</span>
                            <strong>{c.label.clone()}</strong>
                            <span class="muted">{c.detail.clone()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
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
