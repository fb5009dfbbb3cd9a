//! `/tester`: does an OAuth client sign users in, and why not? Implicit or PKCE, by redirect,
//! popup or a pasted address; the result with its checklist and troubleshooting. No admin
//! sign-in needed.

use crate::browser;
use crate::components::env_picker::{EnvFields, EnvPicker};
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::env::Environment;
use crate::oauth::authorize::{extras_problem, Extras, Method};
use crate::oauth::callback::{parse_params, Capture};
use crate::oauth::pending::Purpose;
use crate::oauth::run::{
    self, capture_of_url, checklist, client_ids_snippet, curl_users_me, redact, troubleshoot, Facts, Failure,
    Mode, Observed, RunRecord, Status,
};
use crate::oauth::session::format_countdown;
use crate::oauth::{Resolution, SignInError, SignInRequest};
use crate::pages::sign_in::{client_id_problem, IMPLICIT_RETIREMENT};
use crate::platform::api;
use crate::state::{begin_sign_in, exchange, resolve_capture, use_session, Notice, TesterDelivery};
use leptos::prelude::*;
use std::time::Duration;

const RUNS_KEY: &str = "tester-runs";
/// A popup that has not come back after this long is given up.
pub const POPUP_TIMEOUT_S: u64 = 120;

/// A run as the page holds it: the record (no token) plus what stays in memory only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunView {
    pub record: RunRecord,
    pub token: Option<String>,
    pub capture: Option<Capture>,
    pub expires_at_ms: Option<u64>,
    pub env: Option<Environment>,
    pub method: Method,
}

fn load_records() -> Vec<RunRecord> {
    browser::session_value(RUNS_KEY).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

fn save_records(runs: &[RunView]) {
    let records: Vec<&RunRecord> = runs.iter().map(|r| &r.record).collect();
    if let Ok(json) = serde_json::to_string(&records) {
        browser::set_session_value(RUNS_KEY, &json);
    }
}

pub const WAITING: &str = "Waiting for the login page…";

fn new_record(
    id: u32,
    env: &Environment,
    client_id: &str,
    redirect_uri: &str,
    method: Method,
    mode: Mode,
) -> RunRecord {
    RunRecord {
        id,
        started_at_ms: browser::now_ms(),
        env: env.label(),
        client_id: client_id.to_string(),
        redirect_uri: redirect_uri.to_string(),
        method,
        mode,
        outcome: WAITING.into(),
        callback: None,
        expires_in: None,
        client_name: None,
        grant: None,
        org: None,
        scopes: vec![],
        user: None,
        checks: vec![],
        advice: None,
    }
}

/// The Tester's runs for this tab.
#[derive(Clone, Copy)]
struct Runs(RwSignal<Vec<RunView>>);

impl Runs {
    fn upsert(&self, view: RunView) {
        self.0.update(|runs| match runs.iter_mut().find(|r| r.record.id == view.record.id) {
            Some(slot) => *slot = view,
            None => runs.push(view),
        });
        self.0.with_untracked(|r| save_records(r));
    }

    fn next_id(&self) -> u32 {
        self.0.with_untracked(|r| r.iter().map(|r| r.record.id).max().unwrap_or(0) + 1)
    }

    /// The newest run still waiting for its answer.
    fn waiting(&self) -> Option<RunView> {
        self.0.with_untracked(|r| r.iter().rev().find(|r| r.record.outcome == WAITING).cloned())
    }
}

/// Turns a delivered callback into a finished run: exchange, API checks, checklist.
async fn finish(runs: Runs, d: TesterDelivery) {
    let pending = match &d.resolution {
        Resolution::Token { pending, .. } | Resolution::Exchange { pending, .. } => Some(pending.clone()),
        Resolution::Failed { pending, .. } => pending.clone(),
    };
    let id = match pending.as_ref().map(|p| &p.purpose) {
        Some(Purpose::TesterRun(id)) => Some(*id),
        _ => None,
    };
    // A response that matched no run is told against the run that waits for one.
    let base = id
        .and_then(|id| runs.0.with_untracked(|r| r.iter().find(|r| r.record.id == id).cloned()))
        .or_else(|| runs.waiting());
    let (env, method, redirect_uri) = match (&pending, &base) {
        (Some(p), _) => (Some(p.env.clone()), p.method, p.redirect_uri.clone()),
        (None, Some(b)) => (b.env.clone(), b.method, b.record.redirect_uri.clone()),
        (None, None) => (None, Method::Pkce, String::new()),
    };
    let mut record = match &base {
        Some(b) => b.record.clone(),
        None => new_record(runs.next_id(), &Environment::Sandbox, "", "", method, d.mode),
    };
    if base.is_none() {
        record.env = "unknown".into();
    }
    if base.as_ref().is_some_and(|b| b.record.outcome != WAITING) {
        // The run already finished: this is another response for it (a replay).
        record = RunRecord { id: runs.next_id(), started_at_ms: browser::now_ms(), ..record };
    }
    record.mode = d.mode;
    record.callback = Some(redact(&d.capture));
    let state_matched = match &d.resolution {
        Resolution::Failed { pending: None, error: SignInError::State(e) } => Some(Err(e.clone())),
        Resolution::Failed { pending: None, .. } => None,
        _ => Some(Ok(())),
    };

    let (token, expires_in, failure) = match d.resolution {
        Resolution::Token { access_token, expires_in, .. } => (Some(access_token), Some(expires_in), None),
        Resolution::Exchange { pending, code } => match exchange(&pending, &code).await {
            Ok(t) => (Some(t.access_token), Some(t.expires_in), None),
            Err(e) => (None, None, Some(Failure::SignIn(SignInError::Exchange(e)))),
        },
        Resolution::Failed { error, .. } => (None, None, Some(Failure::SignIn(error))),
    };
    let mut failure = failure;
    if let (Some(t), Some(env)) = (&token, &env) {
        if env.has_platform_api() {
            let base = env.api_base();
            match api::tokens_me(&base, t).await {
                Ok(info) => {
                    let client = info.oauth_client.clone().unwrap_or_default();
                    record.client_name = client.name;
                    record.grant = client.authorized_grant_type.map(|g| g.label());
                    record.org = info.organization.and_then(|o| o.name);
                    record.scopes = info.authorized_scope;
                    match api::users_me(&base, t).await {
                        Ok(u) => {
                            record.user = Some(match u.email {
                                Some(e) => format!("{} <{e}>", u.name.unwrap_or_default()),
                                None => u.name.unwrap_or(u.id),
                            })
                        }
                        Err(e) => failure = Some(Failure::TokenRejected(e)),
                    }
                }
                Err(e) => failure = Some(Failure::TokenRejected(e)),
            }
        }
    }
    let seen = Observed {
        address_after: browser::href(),
        storage_values: browser::storage_values(),
        requested_urls: browser::requested_urls(),
        app_origin: browser::origin(),
    };
    let env_for_facts = env.clone().unwrap_or(Environment::Sandbox);
    let facts = Facts {
        env: &env_for_facts,
        redirect_uri: &redirect_uri,
        mode: d.mode,
        state_matched,
        state_refused_again: d.refused_again,
        token: token.as_deref(),
        expires_in,
    };
    record.checks = checklist(&facts, &seen);
    record.expires_in = expires_in;
    match &failure {
        None => {
            record.outcome = "Signed in".into();
            record.advice = None;
        }
        Some(f) => {
            let a = troubleshoot(f, method);
            record.outcome = format!("Failed: {}", a.title);
            record.advice = Some((a.title, a.why, a.fix));
        }
    }
    let expires_at_ms = expires_in.map(|s| browser::now_ms() + s * 1000);
    runs.upsert(RunView { record, token, capture: Some(d.capture), expires_at_ms, env, method });
}

/// Marks a run as never answered (popup closed or timed out, or blocked).
fn no_return(runs: Runs, id: u32, failure: Failure) {
    let Some(mut view) = runs.0.with_untracked(|r| r.iter().find(|r| r.record.id == id).cloned()) else {
        return;
    };
    if view.record.outcome != WAITING {
        return;
    }
    let a = troubleshoot(&failure, view.method);
    view.record.outcome = format!("Failed: {}", a.title);
    view.record.advice = Some((a.title, a.why, a.fix));
    runs.upsert(view);
}

#[component]
pub fn Tester() -> impl IntoView {
    let ctx = use_session();
    let runs = Runs(RwSignal::new(
        load_records()
            .into_iter()
            .map(|record| RunView {
                method: record.method,
                record,
                token: None,
                capture: None,
                expires_at_ms: None,
                env: None,
            })
            .collect(),
    ));
    // Keep the environment of runs that are still waiting (it is not in the record).
    let pending_envs = browser::load_pending();
    runs.0.update(|r| {
        for v in r.iter_mut() {
            v.env = pending_envs
                .pending
                .iter()
                .find(|p| p.purpose == Purpose::TesterRun(v.record.id))
                .map(|p| p.env.clone());
        }
    });

    // A callback that came back by redirect.
    Effect::new(move |_| {
        if let Some(d) = ctx.tester_inbox.get() {
            ctx.tester_inbox.set(None);
            leptos::task::spawn_local(finish(runs, d));
        }
    });

    let initial_env = browser::pref("tester-env")
        .and_then(|j| serde_json::from_str::<Environment>(&j).ok())
        .filter(|e| e.validate().is_ok())
        .unwrap_or_else(|| Environment::default_for_host(&browser::hostname()));
    let fields = EnvFields::new(&initial_env);
    let env = Memo::new(move |_| fields.env());
    let method = RwSignal::new(Method::Pkce);
    let client_key =
        move || format!("tester-client-id.{}.{:?}", env.with_untracked(|e| e.key()), method.get_untracked());
    let initial_client = move || {
        browser::pref(&client_key())
            .or_else(|| {
                env.with_untracked(|e| {
                    e.known_client_id(method.get_untracked() == Method::Pkce).map(str::to_string)
                })
            })
            .unwrap_or_default()
    };
    let client_id = RwSignal::new(initial_client());
    let reload_client = move || client_id.set(initial_client());
    let redirect_uri = RwSignal::new(browser::app_url());
    let org = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let login_hint = RwSignal::new(String::new());
    let prompt_login = RwSignal::new(false);
    let popup_mode = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let extras = Memo::new(move |_| Extras {
        org: Some(org.get()),
        provider: Some(provider.get()),
        login_hint: Some(login_hint.get()),
        prompt_login: prompt_login.get(),
    });
    let problem = Memo::new(move |_| {
        env.with(|e| e.validate().err())
            .or_else(|| client_id.with(|c| client_id_problem(c)).map(str::to_string))
            .or_else(|| extras.with(extras_problem).map(str::to_string))
            .or_else(|| redirect_uri.with(|r| crate::platform::rules::lint_redirect_uri(r.trim())))
    });

    let popup = StoredValue::new_local(None::<(u32, web_sys::Window, u64)>);
    // The popup's answer: only from our own origin (exact comparison) and from that popup.
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        if ev.origin() != browser::origin() {
            return;
        }
        let Some((_, win, _)) = popup.get_value() else { return };
        let from_popup = ev.source().is_some_and(|s| js_sys::Object::is(&s, win.as_ref()));
        let data = ev.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok().and_then(|v| v.as_string());
        if !from_popup || get("type").as_deref() != Some(browser::POPUP_MESSAGE) {
            return;
        }
        popup.set_value(None);
        let capture = Capture {
            fragment: get("fragment").unwrap_or_default(),
            query: get("query").unwrap_or_default(),
        };
        if let Some(d) = resolve_capture(&capture, Mode::Popup) {
            leptos::task::spawn_local(finish(runs, d));
        }
    });
    on_cleanup(move || listener.remove());
    // The popup's watchdog: closed without an answer, or too slow.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if let Some((id, win, started)) = popup.get_value() {
                let timed_out = browser::now_ms().saturating_sub(started) > POPUP_TIMEOUT_S * 1000;
                if win.closed().unwrap_or(true) || timed_out {
                    if timed_out {
                        let _ = win.close();
                    }
                    popup.set_value(None);
                    no_return(runs, id, Failure::NoReturn);
                }
            }
        },
        Duration::from_millis(500),
    ) {
        on_cleanup(move || handle.clear());
    }

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if problem.get_untracked().is_some() {
            return;
        }
        notice.set(None);
        let id = runs.next_id();
        let (env, method, redirect) =
            (env.get_untracked(), method.get_untracked(), redirect_uri.get_untracked().trim().to_string());
        let client = client_id.get_untracked().trim().to_string();
        browser::set_pref(&client_key(), &client);
        if let Ok(json) = serde_json::to_string(&env) {
            browser::set_pref("tester-env", &json);
        }
        let mode = if popup_mode.get_untracked() { Mode::Popup } else { Mode::Redirect };
        let url = begin_sign_in(SignInRequest {
            purpose: Purpose::TesterRun(id),
            env: env.clone(),
            client_id: client.clone(),
            method,
            extras: extras.get_untracked(),
            redirect_uri: redirect.clone(),
            return_to: Some("/tester".into()),
        });
        runs.upsert(RunView {
            record: new_record(id, &env, &client, &redirect, method, mode),
            token: None,
            capture: None,
            expires_at_ms: None,
            env: Some(env),
            method,
        });
        match mode {
            Mode::Popup => match browser::open_popup(&url) {
                Some(win) => popup.set_value(Some((id, win, browser::now_ms()))),
                None => no_return(runs, id, Failure::PopupBlocked),
            },
            _ => browser::go_to(&url),
        }
    };

    let pasted = RwSignal::new(String::new());
    let check_pasted = move |_| {
        let url = pasted.get_untracked();
        let capture = capture_of_url(&url);
        match resolve_capture(&capture, Mode::Pasted) {
            Some(d) => {
                notice.set(None);
                pasted.set(String::new());
                leptos::task::spawn_local(finish(runs, d));
            }
            None => notice.set(Some(Notice::error(
                "No OAuth response in that address",
                Some(
                    "Paste the whole address you landed on, with its #access_token=… or ?code=… part.".into(),
                ),
            ))),
        }
    };

    let export = move |_| {
        let records: Vec<RunRecord> = runs.0.with_untracked(|r| r.iter().map(|v| v.record.clone()).collect());
        browser::download("oauth-console-runs.json", "application/json", &run::export_json(&records));
    };
    let try_pkce = move |_| {
        method.set(Method::Pkce);
        reload_client();
    };

    view! {
        <section class="card wide">
            <h1>"Login tester"</h1>
            <p class="muted">
                "Does an OAuth client sign users in — and if not, why? Test implicit or PKCE sign-in against any region, the local sandbox org, or any OAuth server. The token stays in this page's memory."
            </p>
            {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
            <form class="form" on:submit=start novalidate>
                <EnvPicker fields=fields allow_server=true on_change=Callback::new(move |_| reload_client()) />
                <div class="field">
                    <label for="tester-client-id">"Client id"</label>
                    <input id="tester-client-id" type="text" autocomplete="off" spellcheck="false" bind:value=client_id />
                </div>
                <div class="field">
                    <label for="tester-redirect">"Redirect URI"</label>
                    <input id="tester-redirect" type="url" spellcheck="false" bind:value=redirect_uri aria-describedby="tester-redirect-help" />
                    <p class="hint" id="tester-redirect-help">
                        "This page by default. To test your own app's address (such as the Embeddable Framework's https://apps.D/crm/index.html), enter it and paste the address you land on below."
                    </p>
                </div>
                <fieldset class="field">
                    <legend>"Method"</legend>
                    <label class="choice">
                        <input type="radio" name="tester-method" prop:checked=move || method.get() == Method::Pkce
                            on:change=move |_| { method.set(Method::Pkce); reload_client(); } />
                        "Authorization code with PKCE"
                    </label>
                    <label class="choice">
                        <input type="radio" name="tester-method" prop:checked=move || method.get() == Method::Implicit
                            on:change=move |_| { method.set(Method::Implicit); reload_client(); } />
                        "Implicit grant " <span class="badge badge-warn">"deprecated"</span>
                    </label>
                    <Show when=move || method.get() == Method::Implicit>
                        <div class="hint warn" id="tester-implicit-note">
                            <p>{IMPLICIT_RETIREMENT}</p>
                            <p>
                                "PKCE needs a Code Authorization client: an implicit (Token Implicit Grant) client cannot use it. "
                                <button type="button" class="link-button" on:click=try_pkce>"Try with PKCE"</button>
                            </p>
                        </div>
                    </Show>
                </fieldset>
                <fieldset class="field">
                    <legend>"Mode"</legend>
                    <label class="choice">
                        <input type="radio" name="tester-mode" prop:checked=move || !popup_mode.get() on:change=move |_| popup_mode.set(false) />
                        "Redirect this page"
                    </label>
                    <label class="choice">
                        <input type="radio" name="tester-mode" prop:checked=move || popup_mode.get() on:change=move |_| popup_mode.set(true) />
                        "Popup (for apps inside an iframe, like the Embeddable Framework)"
                    </label>
                </fieldset>
                <details class="field">
                    <summary>"Optional: org, identity provider, login hint, prompt"</summary>
                    <div class="field">
                        <label for="tester-org">"Org name"</label>
                        <input id="tester-org" type="text" bind:value=org />
                    </div>
                    <div class="field">
                        <label for="tester-provider">"Identity provider"</label>
                        <input id="tester-provider" type="text" bind:value=provider />
                    </div>
                    <div class="field">
                        <label for="tester-hint">"Login hint"</label>
                        <input id="tester-hint" type="email" bind:value=login_hint />
                    </div>
                    <label class="choice">
                        <input type="checkbox" bind:checked=prompt_login />
                        "prompt=login (ask for credentials even when signed in)"
                    </label>
                </details>
                {move || problem.get().map(|p| view! { <p class="field-error" role="alert" id="tester-problem">{p}</p> })}
                <div class="row">
                    <button type="submit" class="primary" disabled=move || problem.with(Option::is_some)>"Start run"</button>
                </div>
            </form>

            <div class="field paste">
                <label for="tester-paste">"Landed somewhere else? Paste the address"</label>
                <textarea id="tester-paste" rows="2" spellcheck="false" bind:value=pasted
                    placeholder="https://apps.mypurecloud.com/crm/index.html#access_token=…&state=…"></textarea>
                <div class="row">
                    <button type="button" on:click=check_pasted disabled=move || pasted.with(|p| p.trim().is_empty())>
                        "Check this address"
                    </button>
                </div>
            </div>

            {move || runs.0.with(|r| r.last().cloned()).map(|v| view! { <ResultCard view=v /> })}

            <Show when=move || runs.0.with(|r| !r.is_empty())>
                <h2>"Runs in this tab"</h2>
                <div class="table-wrap">
                    <table class="clients" id="tester-history">
                        <thead>
                            <tr><th>"#"</th><th>"Environment"</th><th>"Client id"</th><th>"Method"</th><th>"Mode"</th><th>"Outcome"</th></tr>
                        </thead>
                        <tbody>
                            {move || runs.0.with(|r| r.iter().rev().map(|v| {
                                let rec = v.record.clone();
                                view! {
                                    <tr>
                                        <td>{rec.id}</td>
                                        <td>{rec.env}</td>
                                        <td><code>{rec.client_id}</code></td>
                                        <td>{rec.method.label()}</td>
                                        <td>{format!("{:?}", rec.mode)}</td>
                                        <td>{rec.outcome}</td>
                                    </tr>
                                }
                            }).collect_view())}
                        </tbody>
                    </table>
                </div>
                <button type="button" on:click=export>"Export runs as JSON (tokens redacted)"</button>
            </Show>
        </section>
    }
}

fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓ pass",
        Status::Fail => "✗ fail",
        Status::Warn => "! warn",
        Status::Skip => "– n/a",
    }
}

/// The newest run: outcome, troubleshooting, response, who and what, checklist, extras.
#[component]
fn ResultCard(view: RunView) -> impl IntoView {
    let ctx = use_session();
    let reveal = RwSignal::new(false);
    let RunView { record, token, capture, expires_at_ms, env, method } = view;
    let waiting = record.outcome == WAITING;
    let ok = record.outcome == "Signed in";
    let secret = StoredValue::new(token.clone());
    let fields: Vec<(String, String)> = capture
        .as_ref()
        .map(|c| {
            let mut p = parse_params(&c.query);
            p.extend(parse_params(&c.fragment));
            p
        })
        .unwrap_or_default();
    let raw = capture.clone();
    let curl_env = env.clone().filter(Environment::has_platform_api);
    let snippet = env.as_ref().and_then(|e| client_ids_snippet(e, &record.client_id));
    let countdown = move || {
        let now = ctx.now.get();
        expires_at_ms.map(|at| format_countdown((at as i64 - now as i64) / 1000))
    };
    let class = if ok {
        "result ok"
    } else if waiting {
        "result"
    } else {
        "result failed"
    };
    view! {
        <div class=class id="tester-result" role="region" aria-label="Latest run">
            <h2 id="tester-outcome">{format!("Run {}: {}", record.id, record.outcome)}</h2>
            {waiting.then(|| {
                let a = troubleshoot(&Failure::NoReturn, method);
                view! {
                    <Progress label="Waiting for the login page to send the browser back…" />
                    <p class="hint">{format!("If the login page shows an error and stays there: {} {}", a.why, a.fix)}</p>
                }
            })}
            {record.advice.clone().map(|(title, why, fix)| view! {
                <div class="notice notice-error" role="alert" id="tester-advice">
                    <strong>{title}</strong>
                    <p>{why}</p>
                    <p><strong>"Fix: "</strong>{fix}</p>
                </div>
            })}
            {record.callback.clone().map(|redacted| {
                let raw = raw.clone();
                view! {
                    <h3>"Response"</h3>
                    <pre class="snippet" id="tester-raw">
                        {move || match (&raw, reveal.get()) {
                            (Some(c), true) => {
                                let mut s = String::new();
                                if !c.query.is_empty() { s.push('?'); s.push_str(&c.query); }
                                if !c.fragment.is_empty() { s.push('#'); s.push_str(&c.fragment); }
                                s
                            }
                            _ => redacted.clone(),
                        }}
                    </pre>
                }
            })}
            {(!fields.is_empty()).then(|| view! {
                <dl class="facts" id="tester-fields">
                    {fields.into_iter().map(|(k, v)| {
                        let masked = matches!(k.as_str(), "access_token" | "code");
                        let shown = move || if masked && !reveal.get() { "•".repeat(12) } else { v.clone() };
                        view! { <dt>{k}</dt><dd><code>{shown}</code></dd> }
                    }).collect_view()}
                </dl>
            })}
            {token.is_some().then(|| view! {
                <dl class="facts">
                    <dt>"Access token"</dt>
                    <dd>
                        <code id="tester-token">
                            {move || if reveal.get() { secret.get_value().unwrap_or_default() } else { "•".repeat(12) }}
                        </code>
                    </dd>
                </dl>
                <div class="row">
                    <button type="button" aria-pressed=move || reveal.get().to_string() on:click=move |_| reveal.update(|r| *r = !*r)>
                        {move || if reveal.get() { "Hide the token" } else { "Reveal the token" }}
                    </button>
                    <span id="tester-countdown">{move || countdown().map(|c| format!("Token expires in {c}"))}</span>
                </div>
            })}
            {(record.client_name.is_some() || record.user.is_some()).then(|| view! {
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
                        let class = match c.status { Status::Pass => "pass", Status::Fail => "fail", Status::Warn => "warn", Status::Skip => "skip" };
                        view! {
                            <li class=class>
                                <span class="mark">{status_mark(c.status)}</span>
                                <strong>{c.label.clone()}</strong>
                                <span class="muted">{c.detail.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {curl_env.filter(|_| ok).map(|env| {
                let curl_text = Signal::derive(move || curl_users_me(&env, secret.get_value().as_deref().filter(|_| reveal.get())));
                view! {
                    <h3>"Try it"</h3>
                    <pre class="snippet" id="tester-curl">{move || curl_text.get()}</pre>
                    <CopyButton text=curl_text label="curl command" />
                }
            })}
            {snippet.filter(|_| ok).map(|s| {
                let copy = s.clone();
                view! {
                    <h3>"framework.js"</h3>
                    <pre class="snippet">{s}</pre>
                    <CopyButton text=Signal::derive(move || copy.clone()) label="clientIds snippet" />
                }
            })}
        </div>
    }
}
