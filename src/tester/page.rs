//! `/tester`: does an OAuth client sign users in, and why not? Implicit or PKCE, by redirect,
//! popup or a pasted address; the result with its checklist and troubleshooting. No admin
//! sign-in needed. View code only: the runs live in [`super::runs`], their judgement in
//! [`super::run`].

use super::run::{client_ids_snippet, curl_users_me, Failure, Mode, Outcome, RunRecord, Status};
use super::runs::{RunView, Runs};
use crate::app::prefs::{self, Form};
use crate::app::{use_session, Notice};
use crate::browser::{self, address, popup};
use crate::components::countdown::Countdown;
use crate::components::env_picker::{EnvFields, EnvPicker};
use crate::components::field::{Bind, TextField};
use crate::components::sign_in_form::{ExtrasFields, ExtrasInputs};
use crate::components::{CopyButton, MethodChoice, NoticeBox, Progress};
use crate::env::Environment;
use crate::oauth::authorize::{client_id_problem, extras_problem, Method};
use crate::oauth::callback::{parse_params, Capture};
use crate::oauth::flow::{self, SignInRequest};
use crate::oauth::pending::Purpose;
use crate::platform::rules::lint_redirect_uri;
use leptos::prelude::*;
use std::time::Duration;

/// A popup that has not come back after this long is given up.
pub const POPUP_TIMEOUT_S: u64 = 120;
/// The message a popup sends its opener.
const POPUP_MESSAGE: &str = "oauth-console.callback";

/// In a popup this app opened: hands the callback to the opener and closes (true when handed).
pub fn hand_to_opener(capture: &Capture) -> bool {
    popup::hand_to_opener(POPUP_MESSAGE, &[("fragment", &capture.fragment), ("query", &capture.query)])
}

/// The popup of the run in progress: its answer (by exact origin and source) and its watchdog.
#[derive(Clone, Copy)]
struct PopupRun(StoredValue<Option<(u32, web_sys::Window, u64)>, LocalStorage>);

impl PopupRun {
    fn watch(runs: Runs) -> PopupRun {
        let open = PopupRun(StoredValue::new_local(None));
        let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
            let Some((_, win, _)) = open.0.get_value() else { return };
            let Some(parts) = popup::message_from(&ev, &win, POPUP_MESSAGE, &["fragment", "query"]) else {
                return;
            };
            open.0.set_value(None);
            let capture = Capture { fragment: parts[0].clone(), query: parts[1].clone() };
            if let Some((_, d)) = flow::take(&capture, browser::now_ms()) {
                leptos::task::spawn_local(runs.finish(d, Mode::Popup));
            }
        });
        on_cleanup(move || listener.remove());
        let tick = move || {
            let Some((id, win, started)) = open.0.get_value() else { return };
            let timed_out = browser::now_ms().saturating_sub(started) > POPUP_TIMEOUT_S * 1000;
            if win.closed().unwrap_or(true) || timed_out {
                if timed_out {
                    let _ = win.close();
                }
                open.0.set_value(None);
                runs.no_return(id, Failure::NoReturn);
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(500)) {
            on_cleanup(move || handle.clear());
        }
        open
    }

    fn open(&self, runs: Runs, id: u32, url: &str) {
        match popup::open(url) {
            Some(win) => self.0.set_value(Some((id, win, browser::now_ms()))),
            None => runs.no_return(id, Failure::PopupBlocked),
        }
    }
}

#[component]
pub fn Tester() -> impl IntoView {
    let ctx = use_session();
    let runs = Runs::load();
    // A callback that came back by redirect.
    Effect::new(move |_| {
        if let Some(d) = ctx.take_tester_delivery() {
            leptos::task::spawn_local(runs.finish(d, Mode::Redirect));
        }
    });
    let popup = PopupRun::watch(runs);
    let notice = RwSignal::new(None::<Notice>);
    let on_start = Callback::new(move |(req, mode): (SignInRequest, Mode)| {
        notice.set(None);
        prefs::remember(Form::Tester, &req.env, req.method, &req.client_id);
        let id = runs.start(req.env.clone(), &req.client_id, &req.redirect_uri, req.method, mode);
        let url = flow::begin(
            SignInRequest { purpose: Purpose::TesterRun(id), ..req },
            browser::now_ms(),
            browser::random32,
        );
        match mode {
            Mode::Popup => popup.open(runs, id, &url),
            _ => address::go_to(&url),
        }
    });
    view! {
        <section class="card wide">
            <h1>"Login tester"</h1>
            <p class="muted">
                "Does an OAuth client sign users in — and if not, why? Test implicit or PKCE sign-in against any region, the local sandbox org, or any OAuth server. The token stays in this page's memory."
            </p>
            {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
            <RunForm on_start=on_start />
            <PasteBox runs=runs notice=notice />
            {move || runs.latest().map(|v| view! { <ResultCard view=v /> })}
            <History runs=runs />
        </section>
    }
}

/// What a run tries: environment, client, redirect URI, method, mode and extras.
#[component]
fn RunForm(on_start: Callback<(SignInRequest, Mode)>) -> impl IntoView {
    let initial_env = prefs::initial_env(Form::Tester, &address::hostname());
    let fields = EnvFields::new(&initial_env);
    let env = Memo::new(move |_| fields.env());
    let method = RwSignal::new(Method::Pkce);
    let client_id = RwSignal::new(prefs::initial_client_id(Form::Tester, &initial_env, Method::Pkce));
    let reload_client = move || {
        client_id.set(prefs::initial_client_id(Form::Tester, &env.get_untracked(), method.get_untracked()))
    };
    let redirect_uri = RwSignal::new(address::app_url());
    let extras = ExtrasFields::new();
    let popup_mode = RwSignal::new(false);
    let problem = Memo::new(move |_| {
        env.with(|e| e.validate().err())
            .or_else(|| client_id.with(|c| client_id_problem(c)).map(str::to_string))
            .or_else(|| extras_problem(&extras.extras()).map(str::to_string))
            .or_else(|| redirect_uri.with(|r| lint_redirect_uri(r.trim())))
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if problem.with_untracked(Option::is_some) {
            return;
        }
        let req = SignInRequest {
            purpose: Purpose::TesterRun(0),
            env: env.get_untracked(),
            client_id: client_id.get_untracked().trim().to_string(),
            method: method.get_untracked(),
            extras: extras.extras(),
            redirect_uri: redirect_uri.get_untracked().trim().to_string(),
            return_to: Some("/tester".into()),
        };
        on_start.run((req, if popup_mode.get_untracked() { Mode::Popup } else { Mode::Redirect }));
    };
    let try_pkce = move |_| {
        method.set(Method::Pkce);
        reload_client();
    };
    let redirect_hint = format!(
        "This page by default. To test your own app's address (such as the Embeddable Framework's {}), enter it and paste the address you land on below.",
        Environment::default_region().embeddable_url()
    );
    view! {
        <form class="form" on:submit=start novalidate>
            <EnvPicker fields=fields allow_server=true on_change=Callback::new(move |_| reload_client()) />
            <TextField id="tester-client-id" label="Client id" value=Bind::from(client_id) />
            <TextField id="tester-redirect" label="Redirect URI" kind="url" value=Bind::from(redirect_uri) hint=redirect_hint />
            <MethodChoice name="tester-method" method=method note_id="tester-implicit-note" on_change=Callback::new(move |_| reload_client())>
                <p>
                    "PKCE needs a Code Authorization client: an implicit (Token Implicit Grant) client cannot use it. "
                    <button type="button" class="link-button" on:click=try_pkce>"Try with PKCE"</button>
                </p>
            </MethodChoice>
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
            <ExtrasInputs fields=extras ids="tester-" with_prompt=true />
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" id="tester-problem">{p}</p> })}
            <div class="row">
                <button type="submit" class="primary" disabled=move || problem.with(Option::is_some)>"Start run"</button>
            </div>
        </form>
    }
}

/// The address a developer landed on elsewhere, pasted to be judged like a returning run.
#[component]
fn PasteBox(runs: Runs, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let check = move |_| {
        let capture = Capture::of_url(&pasted.get_untracked());
        match flow::take(&capture, browser::now_ms()) {
            Some((_, d)) => {
                notice.set(None);
                pasted.set(String::new());
                leptos::task::spawn_local(runs.finish(d, Mode::Pasted));
            }
            None => notice.set(Some(Notice::error(
                "No OAuth response in that address",
                Some(
                    "Paste the whole address you landed on, with its #access_token=… or ?code=… part.".into(),
                ),
            ))),
        }
    };
    let placeholder = format!("{}#access_token=…&state=…", Environment::default_region().embeddable_url());
    view! {
        <div class="field paste">
            <label for="tester-paste">"Landed somewhere else? Paste the address"</label>
            <textarea id="tester-paste" rows="2" spellcheck="false" bind:value=pasted placeholder=placeholder></textarea>
            <div class="row">
                <button type="button" on:click=check disabled=move || pasted.with(|p| p.trim().is_empty())>
                    "Check this address"
                </button>
            </div>
        </div>
    }
}

/// The runs of this tab, newest first, and their export.
#[component]
fn History(runs: Runs) -> impl IntoView {
    let export = move |_| browser::download("oauth-console-runs.json", "application/json", &runs.export());
    view! {
        <Show when=move || !runs.is_empty()>
            <h2>"Runs in this tab"</h2>
            <div class="table-wrap">
                <table class="clients" id="tester-history">
                    <thead>
                        <tr><th>"#"</th><th>"Environment"</th><th>"Client id"</th><th>"Method"</th><th>"Mode"</th><th>"Outcome"</th></tr>
                    </thead>
                    <tbody>
                        {move || runs.records_newest_first().into_iter().map(|rec| view! {
                            <tr>
                                <td>{rec.id}</td>
                                <td>{rec.env}</td>
                                <td><code>{rec.client_id}</code></td>
                                <td>{rec.method.label()}</td>
                                <td>{rec.mode.label()}</td>
                                <td>{rec.outcome.label()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="button" on:click=export>"Export runs as JSON (tokens redacted)"</button>
        </Show>
    }
}

/// The newest run: outcome, troubleshooting, response, who and what, checklist, extras.
#[component]
fn ResultCard(view: RunView) -> impl IntoView {
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
                let a = super::run::troubleshoot(&Failure::NoReturn, method);
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
            <TokenFacts token=token.clone() expires_at_ms=expires_at_ms reveal=reveal />
            <WhoAndChecks record=record.clone() />
            {ok.then(|| view! { <TrySnippets env=env client_id=record.client_id.clone() token=token reveal=reveal /> })}
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
    let raw = capture.map(|c| c.to_text(&[]));
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
                    let masked = super::run::SECRET_KEYS.contains(&k.as_str());
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
