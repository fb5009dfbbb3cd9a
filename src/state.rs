//! App-wide state: the admin session in context (`provide_session` / `use_session`), the
//! completion of a returning sign-in, expiry, sign-out.

use crate::browser;
use crate::env::Environment;
use crate::oauth::authorize::{self, Method};
use crate::oauth::callback::{self, Capture};
use crate::oauth::pending::{Pending, Purpose};
use crate::oauth::run::Mode;
use crate::oauth::session::{Phase, Session};
use crate::oauth::{self, Resolution, SignInError, SignInRequest};
use crate::platform::api;
use crate::platform::error::ApiError;
use crate::platform::model::TokenResponse;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// A message for the user: what happened, why, and (sometimes) a link to read more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub title: String,
    pub detail: Option<String>,
    /// An http(s) link only.
    pub link: Option<String>,
    pub correlation_id: Option<String>,
}

impl Notice {
    pub fn error(title: impl Into<String>, detail: Option<String>) -> Notice {
        Notice { error: true, title: title.into(), detail, link: None, correlation_id: None }
    }
    pub fn info(title: impl Into<String>) -> Notice {
        Notice { error: false, title: title.into(), detail: None, link: None, correlation_id: None }
    }
}

/// An API error in words, for this environment (a sandbox org that is not running says how to
/// start it).
pub fn api_notice(title: &str, env: &Environment, err: &ApiError) -> Notice {
    let detail = match (env, err) {
        (Environment::Sandbox, ApiError::Network { .. }) => format!(
            "The local sandbox org is not running at {}. Start it with `make serve` (or `cargo run -p sandbox-org`) and try again.",
            env.api_base()
        ),
        (_, ApiError::Network { url }) => {
            format!("Could not reach {url}. Check the environment, your connection, and that the org allows this page's origin.")
        }
        _ => err.to_string(),
    };
    Notice { correlation_id: err.correlation_id().map(str::to_string), ..Notice::error(title, Some(detail)) }
}

/// Why a sign-in failed, in words.
pub fn sign_in_notice(env: Option<&Environment>, err: &SignInError) -> Notice {
    match err {
        SignInError::Refused { error, description, uri } => Notice {
            error: true,
            title: format!("Sign-in refused: {error}"),
            detail: Some(match description {
                Some(d) => format!("{d} — {}", callback::explain_error(error)),
                None => callback::explain_error(error).to_string(),
            }),
            link: uri.clone(),
            correlation_id: None,
        },
        SignInError::State(e) => Notice::error("Sign-in response rejected", Some(e.to_string())),
        SignInError::Malformed(m) => Notice::error("Sign-in response rejected", Some(m.clone())),
        SignInError::WrongMethod { .. } => Notice::error("Sign-in response rejected", Some(err.to_string())),
        SignInError::Exchange(e) | SignInError::Verify(e) => {
            let title = if matches!(err, SignInError::Exchange(_)) {
                "The code could not be exchanged for a token"
            } else {
                "The token could not be verified"
            };
            match env {
                Some(env) => api_notice(title, env, e),
                None => Notice::error(title, Some(e.to_string())),
            }
        }
    }
}

/// What the user reads when the org stops accepting the token.
pub const SESSION_ENDED: &str = "Your session ended — the org no longer accepts its token. Sign in again.";

/// What the app is busy with (shown as progress).
pub type Busy = Option<&'static str>;

#[derive(Clone, Copy)]
pub struct SessionCtx {
    pub session: RwSignal<Option<Session>>,
    pub busy: RwSignal<Busy>,
    pub notice: RwSignal<Option<Notice>>,
    /// Wall clock in ms, ticking once a second.
    pub now: RwSignal<u64>,
    /// A message for the page at a path, shown after navigating there ("Saved", "Deleted").
    pub flash: RwSignal<Option<(String, Notice)>>,
    /// A callback for the Tester, waiting for its page.
    pub tester_inbox: RwSignal<Option<TesterDelivery>>,
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

/// Creates the session context (inside `<Router>`), completes a returning sign-in or restores
/// the tab's session, and watches the clock.
pub fn provide_session(capture: Option<Capture>) -> SessionCtx {
    let ctx = SessionCtx {
        session: RwSignal::new(None),
        busy: RwSignal::new(None),
        notice: RwSignal::new(None),
        now: RwSignal::new(browser::now_ms()),
        flash: RwSignal::new(None),
        tester_inbox: RwSignal::new(None),
    };
    provide_context(ctx);

    if let Ok(handle) =
        set_interval_with_handle(move || ctx.now.set(browser::now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }

    // The tab's session first: a rejected callback (a replay, say) leaves it in place.
    restore(ctx, capture.is_none());
    let navigate = leptos_router::hooks::use_navigate();
    let accept = move |capture: Capture| {
        let navigate = navigate.clone();
        ctx.busy.set(Some("Completing sign-in…"));
        spawn_local(async move {
            if let Some(path) = complete(ctx, capture).await {
                navigate(&path, Default::default());
            }
            ctx.busy.set(None);
        });
    };
    if let Some(capture) = capture {
        accept(capture);
    }
    // A response pasted into this tab's address bar changes only the fragment: no reload, so it
    // is captured (and removed) here, and judged like any other.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(capture) = browser::take_callback() {
            accept(capture);
        }
    });
    on_cleanup(move || listener.remove());

    // A session whose token ran out ends here, not at the next failing request.
    Effect::new(move |_| {
        let now = ctx.now.get();
        let expired = ctx.session.with(|s| s.as_ref().is_some_and(|s| s.phase(now) == Phase::Expired));
        if expired {
            ctx.end("Your session expired — sign in again.");
        }
    });
    ctx
}

/// Restores the tab's session and checks the org still accepts its token (`show_progress`:
/// say so while checking).
fn restore(ctx: SessionCtx, show_progress: bool) {
    let Some(saved) = browser::load_session() else { return };
    if saved.phase(browser::now_ms()) == Phase::Expired {
        browser::clear_session();
        ctx.notice.set(Some(Notice::info("Your session expired — sign in again.")));
        return;
    }
    let (env, token) = (saved.env.clone(), saved.token.clone());
    ctx.session.set(Some(saved));
    if show_progress {
        ctx.busy.set(Some("Checking your session…"));
    }
    spawn_local(async move {
        let result = api::tokens_me(&env.api_base(), &token).await;
        // A sign-in that completed meanwhile replaced this session: this verdict no longer applies.
        if ctx.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.token == token)) {
            match result {
                Ok(_) => {}
                Err(e) if e.is_unauthorized() => ctx.end(SESSION_ENDED),
                Err(e) => ctx.notice.set(Some(api_notice("Could not check your session", &env, &e))),
            }
        }
        if show_progress {
            ctx.busy.set(None);
        }
    });
}

/// A callback that belongs to the Tester, handed over as resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TesterDelivery {
    pub capture: Capture,
    pub resolution: Resolution,
    /// Taking the same state again was refused (the state is single use).
    pub refused_again: bool,
    pub mode: Mode,
}

/// Resolves a callback against this tab's pending sign-ins (consuming the state).
pub fn resolve_capture(capture: &Capture, mode: Mode) -> Option<TesterDelivery> {
    let cb = callback::classify(capture)?;
    let state = cb.state().map(str::to_string);
    let mut store = browser::load_pending();
    let now = browser::now_ms();
    let resolution = oauth::resolve(cb, &mut store, now);
    browser::save_pending(&store);
    let refused_again = state.is_some_and(|s| store.clone().take(Some(&s), now).is_err());
    Some(TesterDelivery { capture: capture.clone(), resolution, refused_again, mode })
}

const LAST_PURPOSE: &str = "last-purpose";

/// Does the Tester get this response? A response whose state matched nothing goes to whoever
/// started the last sign-in in this tab.
fn for_tester(resolution: &Resolution) -> bool {
    match resolution {
        Resolution::Token { pending, .. }
        | Resolution::Exchange { pending, .. }
        | Resolution::Failed { pending: Some(pending), .. } => pending.purpose != Purpose::Admin,
        Resolution::Failed { pending: None, .. } => {
            browser::session_value(LAST_PURPOSE).as_deref() == Some("tester")
        }
    }
}

/// Resolves the callback; returns where to go next.
async fn complete(ctx: SessionCtx, capture: Capture) -> Option<String> {
    let delivery = resolve_capture(&capture, Mode::Redirect)?;
    if for_tester(&delivery.resolution) {
        ctx.tester_inbox.set(Some(delivery));
        return Some("/tester".into());
    }
    let (pending, token, expires_in) = match delivery.resolution {
        Resolution::Token { pending, access_token, expires_in } => (pending, access_token, expires_in),
        Resolution::Exchange { pending, code } => match exchange(&pending, &code).await {
            Ok(t) => (pending, t.access_token, t.expires_in),
            Err(e) => {
                ctx.notice.set(Some(sign_in_notice(Some(&pending.env), &SignInError::Exchange(e))));
                return None;
            }
        },
        Resolution::Failed { pending, error } => {
            ctx.notice.set(Some(sign_in_notice(pending.as_ref().map(|p| &p.env), &error)));
            return None;
        }
    };
    let env = pending.env.clone();
    let api_base = env.api_base();
    let verified = async {
        let info = api::tokens_me(&api_base, &token).await?;
        let user = api::users_me(&api_base, &token).await?;
        Ok::<_, ApiError>((info, user))
    };
    match verified.await {
        Ok((info, user)) => {
            let s = Session::new(&pending, token, expires_in, browser::now_ms(), info, user);
            browser::save_session(&s);
            ctx.notice.set(None);
            ctx.session.set(Some(s));
            pending.return_to.filter(|p| p.starts_with('/'))
        }
        Err(e) => {
            ctx.notice.set(Some(sign_in_notice(Some(&env), &SignInError::Verify(e))));
            None
        }
    }
}

/// The PKCE code exchange of a pending sign-in.
pub async fn exchange(pending: &Pending, code: &str) -> Result<TokenResponse, ApiError> {
    let body = authorize::code_exchange_body(
        code,
        pending.verifier.as_deref().unwrap_or_default(),
        &pending.client_id,
        &pending.redirect_uri,
    );
    api::token_exchange(&authorize::token_url(&pending.env), &body).await
}

impl SessionCtx {
    /// Shows a message above the page at `path` (while it is the current page).
    pub fn flash(&self, path: &str, n: Notice) {
        self.flash.set(Some((path.to_string(), n)));
    }

    /// Ends the session here (the token is dropped) and says why.
    pub fn end(&self, why: &str) {
        browser::clear_session();
        self.session.set(None);
        self.notice.set(Some(Notice::info(why)));
    }

    /// Handles an API error from a signed-in page: a 401 ends the session.
    pub fn api_failed(&self, title: &str, err: &ApiError) {
        if err.is_unauthorized() {
            self.end(SESSION_ENDED);
        } else if let Some(env) = self.session.with_untracked(|s| s.as_ref().map(|s| s.env.clone())) {
            self.notice.set(Some(api_notice(title, &env, err)));
        }
    }

    /// Starts a sign-in: checks the sandbox org is up, stores the pending record and leaves for
    /// the login page.
    pub fn start_sign_in(&self, req: SignInRequest) {
        let ctx = *self;
        ctx.busy.set(Some("Opening the sign-in page…"));
        ctx.notice.set(None);
        spawn_local(async move {
            if req.env == Environment::Sandbox {
                if let Err(e) = api::probe(&format!("{}/sandbox/health", req.env.api_base())).await {
                    ctx.notice.set(Some(api_notice("Cannot sign in", &req.env, &e)));
                    ctx.busy.set(None);
                    return;
                }
            }
            browser::set_pref(&client_pref_key(&req.env, req.method), req.client_id.trim());
            if let Ok(json) = serde_json::to_string(&req.env) {
                browser::set_pref("env", &json);
            }
            browser::set_pref("method", if req.method == Method::Pkce { "pkce" } else { "implicit" });
            browser::go_to(&begin_sign_in(req));
        });
    }

    /// Signs in again with the same environment, client and method, coming back to this page.
    pub fn sign_in_again(&self) {
        let Some(s) = self.session.get_untracked() else { return };
        self.start_sign_in(SignInRequest {
            purpose: Purpose::Admin,
            env: s.env.clone(),
            client_id: s.client_id.clone(),
            method: s.method,
            extras: authorize::Extras { login_hint: s.user.email.clone(), ..Default::default() },
            redirect_uri: browser::app_url(),
            return_to: Some(browser::current_path()),
        });
    }

    /// Revokes the token, forgets the session, then visits the login host's logout page.
    pub fn sign_out(&self) {
        let ctx = *self;
        let Some(s) = ctx.session.get_untracked() else { return };
        ctx.busy.set(Some("Signing out…"));
        spawn_local(async move {
            let revoked = api::revoke_token(&s.env.api_base(), &s.token).await;
            browser::clear_session();
            ctx.session.set(None);
            match revoked {
                Ok(()) => browser::go_to(&authorize::logout_url(&s.env, &s.client_id, &browser::app_url())),
                Err(e) if e.is_unauthorized() => {
                    browser::go_to(&authorize::logout_url(&s.env, &s.client_id, &browser::app_url()))
                }
                Err(e) => {
                    ctx.notice.set(Some(api_notice(
                        "Signed out of this page, but the org did not confirm the token was revoked",
                        &s.env,
                        &e,
                    )));
                    ctx.busy.set(None);
                }
            }
        });
    }
}

/// Stores the pending sign-in and returns the authorize URL to visit (synchronously, so a popup
/// can still open within the click that asked for it).
pub fn begin_sign_in(req: SignInRequest) -> String {
    let purpose = if req.purpose == Purpose::Admin { "admin" } else { "tester" };
    browser::set_session_value(LAST_PURPOSE, purpose);
    let (pending, url) = oauth::prepare(req, &browser::random32(), &browser::random32(), browser::now_ms());
    browser::add_pending(pending);
    url
}

/// The localStorage key of the remembered client id for an environment and method.
pub fn client_pref_key(env: &Environment, method: Method) -> String {
    format!("client-id.{}.{}", env.key(), if method == Method::Pkce { "pkce" } else { "implicit" })
}

/// The client id to prefill: the remembered one, else the one the environment is known to have.
pub fn initial_client_id(env: &Environment, method: Method) -> String {
    browser::pref(&client_pref_key(env, method))
        .or_else(|| env.known_client_id(method == Method::Pkce).map(str::to_string))
        .unwrap_or_default()
}
