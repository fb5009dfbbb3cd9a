//! `/tester`: does an OAuth client sign users in, and why not? Implicit or PKCE, by redirect,
//! popup or a pasted address; the result with its checklist and troubleshooting. No admin
//! sign-in needed. View code only: the runs live in [`super::runs`], their judgement in
//! [`super::run`].

use super::came_back::{CameBack, CameBackNotice};
use super::csp;
use super::popup_run::PopupRun;
use super::prefill::Prefill;
use super::run::{Mode, Start};
use super::runs::Runs;
use crate::app::prefs::{self, Form};
use crate::app::{use_session, Notice};
use crate::browser::address::app_href;
use crate::browser::{self, address};
use crate::components::env_picker::{EnvChoice, EnvFields, EnvPicker};
use crate::components::field::{Bind, TextField};
use crate::components::sign_in_form::{ExtrasFields, ExtrasInputs};
use crate::components::{MethodChoice, NoticeBox};
use crate::env::Environment;
use crate::oauth::authorize::{client_id_problem, extras_problem, Method};
use crate::oauth::flow::{self, Arrival, SignInRequest};
use crate::oauth::pending::{Lands, Purpose};
use crate::platform::rules::{lint_redirect_uri, Lint};
use crate::url::HttpUrl;
use leptos::prelude::*;

/// What the run form asks for: the sign-in, how its answer comes back, and the userinfo
/// endpoint to ask afterwards (from the server's metadata).
struct RunRequest {
    req: SignInRequest,
    mode: Mode,
    userinfo: Option<String>,
}

#[component]
pub fn Tester() -> impl IntoView {
    let ctx = use_session();
    let runs = Runs::load();
    // What the page's policy blocks, as the browser reports it (for the runs' results).
    browser::watch_policy_violations();
    let inbox = super::inbox::Inbox::use_inbox();
    let came_back = CameBack::watch(runs);
    // A callback that came back by redirect; or none, with a run still waiting.
    // (Taking the response empties the inbox and runs this again: only the first look counts.)
    Effect::new(move |first: Option<()>| match inbox.take() {
        Some(d) => leptos::task::spawn_local(runs.finish(d, Mode::Redirect)),
        None if first.is_none() => came_back.noticed(runs),
        None => {}
    });
    let popup = PopupRun::watch(runs);
    // A run that finishes here (back from the login page, from its popup, or pasted) takes the
    // reader to its result: scrolled to, its heading focused. Opening the page moves nothing.
    let done = Memo::new(move |_| runs.latest_done());
    Effect::new(move |seen: Option<()>| {
        if done.get().is_some_and(|(_, finished)| finished) && seen.is_some() {
            browser::after_ms(0, || {
                browser::focus("tester-outcome");
            });
        }
    });
    // The admin's session ended for inactivity: tokens this page holds are forgotten too.
    let ends = ctx.inactive_ends();
    Effect::new(move |_| {
        if ctx.inactive_ends() != ends {
            runs.forget_tokens();
        }
    });
    let notice = RwSignal::new(None::<Notice>);
    // A run another page handed over (read once).
    let handed = super::prefill::take();
    let on_start = Callback::new(move |RunRequest { req, mode, userinfo }: RunRequest| {
        notice.set(None);
        prefs::remember(Form::Tester, &req.env, req.method, &req.client_id);
        let start = Start {
            env: &req.env,
            client_id: &req.client_id,
            redirect_uri: &req.redirect_uri,
            method: req.method,
            mode,
        };
        let id = runs.start(&start, userinfo);
        let begun = flow::begin(
            SignInRequest { purpose: Purpose::TesterRun(id), ..req },
            browser::now_ms(),
            browser::random32,
        );
        runs.left(id, &begun.url);
        match mode {
            Mode::Popup => popup.open(runs, id, &begun),
            _ => address::go_to(&begun.url),
        }
    });
    view! {
        <section class="card wide">
            <h1>"Login tester"</h1>
            <p class="muted">
                "Does an OAuth client sign users in — and if not, why? Test implicit or PKCE sign-in against any region, the local sandbox org, or any OAuth server. The token stays in this page's memory."
            </p>
            {move || notice.get().map(|n| view! { <NoticeBox notice=n /> })}
            {handed.as_ref().map(|p| view! {
                <div class="notice notice-info" id="tester-purpose">
                    <p>
                        <strong>{format!("Testing {}. ", p.purpose)}</strong>
                        "Its sign-in comes back to the app's own address: when the browser lands there, copy the whole address and paste it below. "
                        <a href=app_href("/migrate")>"Back to the migration page"</a>
                    </p>
                </div>
            })}
            <RunForm on_start=on_start handed=handed.clone() />
            <CameBackNotice came_back=came_back runs=runs />
            <PasteBox runs=runs notice=notice />
            {move || runs.latest().map(|v| view! { <super::result::ResultCard view=v /> })}
            <History runs=runs />
        </section>
    }
}

/// What a run tries: environment, client, redirect URI, method, mode and extras.
#[component]
fn RunForm(on_start: Callback<RunRequest>, handed: Option<Prefill>) -> impl IntoView {
    let initial_env = handed
        .as_ref()
        .map_or_else(|| prefs::initial_env(Form::Tester, &address::hostname()), |p| p.env.clone());
    let fields = EnvFields::new(&initial_env);
    let env = Memo::new(move |_| fields.env());
    let method = RwSignal::new(handed.as_ref().map_or(Method::Pkce, |p| p.method));
    let client_id = RwSignal::new(handed.as_ref().map_or_else(
        || prefs::initial_client_id(Form::Tester, &initial_env, Method::Pkce),
        |p| p.client_id.clone(),
    ));
    // The client id this form filled in itself: another environment fills in its own; another
    // method only replaces what the form filled in, never what the developer typed (or what
    // another page handed over).
    let filled = StoredValue::new(if handed.is_some() { String::new() } else { client_id.get_untracked() });
    let fill = move || {
        let Ok(e) = env.get_untracked() else { return };
        let id = prefs::initial_client_id(Form::Tester, &e, method.get_untracked());
        filled.set_value(id.clone());
        client_id.set(id);
    };
    let method_changed = move || {
        if client_id.with_untracked(|c| *c == filled.get_value()) {
            fill();
        }
    };
    // Genesys Cloud (for the implicit retirement note) as soon as a Genesys login host is typed,
    // even while the other endpoint is still wrong.
    let genesys = Signal::derive(move || {
        env.with(|e| match e {
            Ok(e) => e.has_platform_api() || e.is_genesys(),
            Err(_) => match &*fields.choice.read() {
                EnvChoice::Custom => fields.login.with(|l| crate::env::names_genesys_login(l)),
                EnvChoice::Server => fields.authorize.with(|a| crate::env::names_genesys_login(a)),
                _ => false,
            },
        })
    });
    // This page's own address for the environment's kind (each kind comes back on its own
    // route); an address the developer typed stays.
    let app_url = address::app_url();
    let default_redirect = Memo::new(move |_| {
        env.with(|e| e.as_ref().map(|e| flow::redirect_uri(&app_url, e)).unwrap_or_default())
    });
    // (An app with no redirect URI of its own leaves this page's.)
    let handed_redirect = handed.map(|p| p.redirect_uri).filter(|r| !r.is_empty());
    let redirect_uri = RwSignal::new(handed_redirect.unwrap_or_else(|| default_redirect.get_untracked()));
    Effect::new(move |previous: Option<String>| {
        let now = default_redirect.get();
        if previous.is_some_and(|p| redirect_uri.get_untracked() == p) {
            redirect_uri.set(now.clone());
        }
        now
    });
    let extras = ExtrasFields::new();
    // (token endpoint, userinfo endpoint) of the metadata last read.
    let discovered = RwSignal::new(None::<super::discovery::Discovered>);
    let popup_mode = RwSignal::new(false);
    // The servers a run would contact from this page that the page's own policy blocks: said
    // before the run (which may still go: its result says the same).
    let policy = csp::ConnectPolicy::of_page();
    let page_url = HttpUrl::parse(&address::href()).ok();
    let outside = Memo::new(move |_| {
        let (Some(policy), Some(page)) = (&policy, &page_url) else { return Vec::new() };
        let userinfo = discovered.with(|d| d.as_ref().and_then(|d| d.userinfo.clone()));
        env.with(|e| e.as_ref().ok().map(|e| csp::run_requests(e, method.get(), userinfo.as_deref())))
            .map(|urls| csp::blocked(policy, page, urls.iter().map(String::as_str)))
            .unwrap_or_default()
    });
    let problem = Memo::new(move |_| {
        env.with(|e| e.as_ref().err().map(|e| e.message.clone()))
            .or_else(|| client_id.with(|c| client_id_problem(c)).map(str::to_string))
            .or_else(|| extras_problem(&extras.extras()).map(str::to_string))
            .or_else(|| {
                // The Tester's sign-in must come back to this web page: what an org would accept
                // with a warning (another scheme, plain http off loopback) cannot.
                redirect_uri.with(|r| match lint_redirect_uri(r.trim())? {
                    Lint::Error(m) => Some(m),
                    Lint::Warning(m) => Some(format!("The Tester needs an https address of this page (http only on loopback). {m}")),
                })
            })
            .or_else(|| {
                // This page's own address must be the route of the environment's server.
                let (typed, own) = (redirect_uri.get(), default_redirect.get());
                let (typed, own_url) = (HttpUrl::parse(&typed).ok()?, HttpUrl::parse(&own).ok()?);
                (typed.same_origin(&own_url) && typed.base() != own_url.base())
                    .then(|| format!("On this page, sign-ins with this environment come back to {own}: use that address (each server has its own, against mix-up)."))
            })
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if problem.with_untracked(Option::is_some) {
            return;
        }
        let Ok(env) = env.get_untracked() else { return };
        // What the server's metadata said, while its endpoints are still the ones filled from it:
        // the userinfo endpoint to ask, and the issuer every response must name exactly.
        let found = discovered.get_untracked().filter(|d| d.describes(&env));
        let req = SignInRequest {
            purpose: Purpose::TesterRun(0),
            env,
            client_id: client_id.get_untracked().trim().to_string(),
            method: method.get_untracked(),
            extras: extras.extras(),
            redirect_uri: redirect_uri.get_untracked().trim().to_string(),
            return_to: Some("/tester".into()),
            issuer: found.as_ref().map(|d| d.issuer.clone()),
            lands: if popup_mode.get_untracked() { Lands::InPopup } else { Lands::Here },
        };
        let userinfo = found.and_then(|d| d.userinfo);
        let mode = if popup_mode.get_untracked() { Mode::Popup } else { Mode::Redirect };
        on_start.run(RunRequest { req, mode, userinfo });
    };
    let try_pkce = move |_| {
        method.set(Method::Pkce);
        method_changed();
    };
    let redirect_hint = format!(
        "This page by default. To test your own app's address (such as the Embeddable Framework's {}), enter it and paste the address you land on below.",
        Environment::default_region().embeddable_url()
    );
    view! {
        <form class="form" on:submit=start novalidate>
            <EnvPicker fields=fields allow_server=true on_change=Callback::new(move |_| fill()) />
            <Show when=move || fields.choice.with(|c| *c == EnvChoice::Server)>
                <super::discovery_box::DiscoveryBox fields=fields discovered=discovered />
            </Show>
            <TextField id="tester-client-id" label="Client id" value=Bind::from(client_id) />
            <TextField id="tester-redirect" label="Redirect URI" kind="url" value=Bind::from(redirect_uri) hint=redirect_hint />
            <MethodChoice name="tester-method" method=method note_id="tester-implicit-note" genesys=genesys on_change=Callback::new(move |_| method_changed())>
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
            // A wrong URL is shown beside its input; everything else here.
            {move || problem.get().filter(|_| env.with(Result::is_ok)).map(|p| view! { <p class="field-error" role="alert" id="tester-problem">{p}</p> })}
            {move || env.with(|e| e.as_ref().ok().and_then(Environment::warning)).map(|w| view! { <p class="hint warn" id="tester-env-warning">{w}</p> })}
            <super::preflight::OrgView env=Signal::derive(move || env.get().ok()) client_id=client_id redirect_uri=redirect_uri method=method />
            {move || outside.with(|o| (!o.is_empty()).then(|| view! { <p class="hint warn" id="tester-csp-warning">{csp::blocked_note(o)}</p> }))}
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
    let check = move |_| match flow::take(&Arrival::pasted(&pasted.get_untracked()), browser::now_ms()) {
        Some((_, d)) => {
            notice.set(None);
            pasted.set(String::new());
            leptos::task::spawn_local(runs.finish(d, Mode::Pasted));
        }
        None => notice.set(Some(Notice::error(
            "No OAuth response in that address",
            Some("Paste the whole address you landed on, with its #access_token=… or ?code=… part.".into()),
        ))),
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
    let clear = Action::new_local(move |_: &()| runs.clear());
    let clearing = clear.pending();
    view! {
        <Show when=move || !runs.is_empty()>
            <h2>"Runs in this tab"</h2>
            <div class="table-wrap">
                <table class="clients stack" id="tester-history">
                    <thead>
                        <tr><th>"#"</th><th>"Environment"</th><th>"Client id"</th><th>"Method"</th><th>"Mode"</th><th>"Outcome"</th></tr>
                    </thead>
                    <tbody>
                        {move || runs.records_newest_first().into_iter().map(|rec| view! {
                            <tr>
                                <td data-label="#">{rec.id}</td>
                                <td data-label="Environment">{rec.env}</td>
                                <td data-label="Client id"><code>{rec.client_id}</code></td>
                                <td data-label="Method">{rec.method.label()}</td>
                                <td data-label="Mode">{rec.mode.label()}</td>
                                <td data-label="Outcome">{rec.outcome.label()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="row">
                <button type="button" on:click=export>"Export runs as JSON (tokens redacted)"</button>
                <button type="button" id="tester-clear" disabled=move || clearing.get() on:click=move |_| { clear.dispatch(()); }>
                    {move || if clearing.get() { "Clearing… (revoking the tokens)" } else { "Clear runs (their Genesys Cloud tokens are revoked)" }}
                </button>
            </p>
        </Show>
    }
}
