//! The admin session in context: `provide_session` / `use_session`. Its signals are private;
//! pages read it through methods and change it only through its commands (sign in, sign in
//! again, sign out, end).

use super::notice::{api_notice, sign_in_notice, Notice, SESSION_EXPIRED};
use super::prefs::{self, Form};
use crate::browser::{self, address, storage};
use crate::env::Environment;
use crate::oauth::authorize::{self, Extras};
use crate::oauth::flow::{self, Arrival, Delivery, SignInRequest};
use crate::oauth::pending::{Lands, Owner, Purpose};
use crate::oauth::session::{Phase, Session};
use crate::oauth::store;
use crate::platform::api::{self, Api};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// What the session is busy with (shown as progress).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Opening,
    Completing,
    Checking,
    SigningOut,
}

impl Busy {
    pub fn label(self) -> &'static str {
        match self {
            Busy::Opening => "Opening the sign-in page…",
            Busy::Completing => "Completing sign-in…",
            Busy::Checking => "Checking your session…",
            Busy::SigningOut => "Signing out…",
        }
    }
}

/// Where the admin session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Anonymous,
    SigningIn,
    SignedIn,
    /// Signed in, with less than five minutes left.
    Ending,
    SigningOut,
}

impl Status {
    /// One status from what the session is busy with, whether there is a session, and its phase.
    pub fn of(busy: Option<Busy>, phase: Option<Phase>) -> Status {
        match (busy, phase) {
            (Some(Busy::SigningOut), _) => Status::SigningOut,
            // Signing in again from the five-minute warning: the warning stays until the new
            // session replaces this one.
            (_, Some(Phase::Ending)) => Status::Ending,
            (Some(Busy::Opening | Busy::Completing), _) => Status::SigningIn,
            (_, None | Some(Phase::Expired)) => Status::Anonymous,
            (_, Some(Phase::Fresh)) => Status::SignedIn,
        }
    }
}

/// What the local sandbox org said when last asked.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SandboxAnswer {
    /// The base URL asked.
    base: String,
    up: bool,
    at_ms: u64,
}

impl SandboxAnswer {
    /// Did the sandbox org at `base` answer, lately (an answer older than
    /// [`SANDBOX_ANSWER_TRUSTED_MS`] is asked again)?
    fn trusted_up(&self, base: &str, now_ms: u64) -> bool {
        self.base == base && self.up && now_ms.saturating_sub(self.at_ms) < SANDBOX_ANSWER_TRUSTED_MS
    }
}

/// The session in context. Its signals are private to `app` (this module and [`super::idle`]).
#[derive(Clone, Copy)]
pub struct SessionCtx {
    pub(super) session: RwSignal<Option<Session>>,
    busy: RwSignal<Option<Busy>>,
    pub(super) notice: RwSignal<Option<Notice>>,
    /// Wall clock in ms, ticking once a second.
    pub(super) now: RwSignal<u64>,
    /// A message for the page at a path, shown after navigating there ("Saved", "Deleted").
    flash: RwSignal<Option<(String, Notice)>>,
    /// A callback for the Tester, waiting for its page.
    tester_inbox: RwSignal<Option<Delivery>>,
    /// How many sessions ended for inactivity: what a page keeps revealed is hidden again.
    pub(super) inactive_ends: RwSignal<u32>,
    /// The local inactivity limit in seconds (0: off), as remembered in this browser.
    pub(super) idle_limit_s: RwSignal<u64>,
    /// Is the local sandbox org answering? Asked in the background while the sign-in form
    /// shows, so a sign-in never waits for it.
    sandbox_up: RwSignal<Option<SandboxAnswer>>,
    /// The sessions kept beside the one shown, newest first (see [`super::switch`]).
    pub(super) shelf: RwSignal<Vec<Session>>,
    /// Batches of writes running (no switch meanwhile).
    pub(super) batches: RwSignal<u32>,
}

/// Does the local sandbox org at `base` answer?
async fn sandbox_answers(base: &str) -> Result<(), crate::platform::error::ApiError> {
    api::probe(&format!("{base}/sandbox/health")).await
}

/// How long a sandbox org's "I answer" is trusted before a sign-in asks again.
pub const SANDBOX_ANSWER_TRUSTED_MS: u64 = 15_000;

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

/// Creates the session context (inside `<Router>`), completes a returning sign-in or restores
/// the tab's session, and watches the clock.
pub fn provide_session(arrival: Option<Arrival>) -> SessionCtx {
    let ctx = SessionCtx {
        session: RwSignal::new(None),
        busy: RwSignal::new(None),
        notice: RwSignal::new(None),
        now: RwSignal::new(browser::now_ms()),
        flash: RwSignal::new(None),
        tester_inbox: RwSignal::new(None),
        inactive_ends: RwSignal::new(0),
        idle_limit_s: RwSignal::new(prefs::idle_limit_s()),
        sandbox_up: RwSignal::new(None),
        shelf: RwSignal::new(store::load_shelf()),
        batches: RwSignal::new(0),
    };
    provide_context(ctx);
    if let Ok(handle) =
        set_interval_with_handle(move || ctx.now.set(browser::now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    // The tab's session first: a rejected callback (a replay, say) leaves it in place.
    ctx.restore(arrival.is_none());
    if let Some(said) = SessionCtx::take_switched() {
        ctx.flash(&address::current_path(), Notice::info(said));
    }
    let navigate = leptos_router::hooks::use_navigate();
    let accept = move |arrival: Arrival| {
        let Some((owner, delivery)) = flow::take(&arrival, browser::now_ms()) else { return };
        let navigate = navigate.clone();
        ctx.busy.set(Some(Busy::Completing));
        spawn_local(async move {
            let next = match owner {
                Owner::Tester => {
                    ctx.tester_inbox.set(Some(delivery));
                    Some("/tester".to_string())
                }
                Owner::Admin => ctx.complete(delivery).await,
            };
            if let Some(path) = next {
                navigate(&path, Default::default());
            }
            ctx.busy.set(None);
        });
    };
    if let Some(arrival) = arrival {
        accept(arrival);
    }
    // A response pasted into this tab's address bar changes only the fragment: no reload, so it
    // is captured (and removed) here, and judged like any other.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(arrival) = flow::take_capture() {
            accept(arrival);
        }
    });
    on_cleanup(move || listener.remove());
    // A session whose token ran out ends here, not at the next failing request; a shelved one
    // leaves the shelf.
    Effect::new(move |_| {
        let now = ctx.now.get();
        if ctx.session.with(|s| s.as_ref().is_some_and(|s| s.phase(now) == Phase::Expired)) {
            ctx.end(SESSION_EXPIRED);
        }
        ctx.prune_shelf(now);
    });
    ctx
}

impl SessionCtx {
    /// The session (tracked).
    pub fn session(&self) -> Option<Session> {
        self.session.get()
    }

    /// The session shown (untracked).
    pub fn session_untracked(&self) -> Option<Session> {
        self.session.get_untracked()
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    /// The wall clock in ms (tracked: ticks once a second).
    pub fn now(&self) -> u64 {
        self.now.get()
    }

    /// When the token expires (tracked), while signed in.
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.session.with(|s| s.as_ref().map(|s| s.expires_at_ms))
    }

    /// Whole seconds left of the token (tracked), while signed in.
    pub fn remaining_s(&self) -> Option<i64> {
        let now = self.now.get();
        self.session.with(|s| s.as_ref().map(|s| s.remaining_s(now)))
    }

    /// Where the session stands (tracked).
    pub fn status(&self) -> Status {
        let now = self.now.get();
        let phase = self.session.with(|s| s.as_ref().map(|s| s.phase(now)));
        Status::of(self.busy.get(), phase)
    }

    /// What the session is busy with, in words (tracked).
    pub fn busy_label(&self) -> Option<&'static str> {
        self.busy.get().map(Busy::label)
    }

    /// The session-wide message (tracked).
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    pub fn dismiss_notice(&self) {
        self.notice.set(None);
    }

    /// Shows a message above the page at `path` (while it is the current page).
    pub fn flash(&self, path: &str, n: Notice) {
        self.flash.set(Some((path.to_string(), n)));
    }

    /// The message left for the page at `path` (tracked).
    pub fn flash_for(&self, path: &str) -> Option<Notice> {
        self.flash.with(|f| f.as_ref().filter(|(p, _)| p == path).map(|(_, n)| n.clone()))
    }

    pub fn dismiss_flash(&self) {
        self.flash.set(None);
    }

    /// A callback for the Tester that came back by redirect, taken once (tracked).
    pub fn take_tester_delivery(&self) -> Option<Delivery> {
        let d = self.tester_inbox.get();
        if d.is_some() {
            self.tester_inbox.set(None);
        }
        d
    }

    /// The API handle of the session (untracked); `None` when signed out.
    pub fn api(&self) -> Option<(Api, Environment)> {
        self.session.with_untracked(|s| s.as_ref().map(|s| (s.api(), s.env.clone())))
    }

    /// The shown session's token (untracked), to tell whose a refusal is.
    pub(super) fn token(&self) -> Option<crate::secret::Secret> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
    }

    /// Ends the session here (the token is dropped; drafts stay) and says why.
    pub fn end(&self, why: &str) {
        store::clear_session();
        self.flash.set(None);
        self.session.set(None);
        self.notice.set(Some(Notice::info(why)));
    }

    /// Restores the tab's session and checks the org still accepts its token (`show_progress`:
    /// say so while checking).
    fn restore(&self, show_progress: bool) {
        let ctx = *self;
        ctx.prune_shelf(browser::now_ms());
        let Some(saved) = store::load_session() else { return };
        if saved.phase(browser::now_ms()) == Phase::Expired {
            store::clear_session();
            ctx.notice.set(Some(Notice::info(SESSION_EXPIRED)));
            return;
        }
        ctx.session.set(Some(saved));
        ctx.verify(show_progress);
    }

    /// Checks the org still accepts the shown session's token (`show_progress`: say so while
    /// checking); a refusal ends it.
    fn verify(&self, show_progress: bool) {
        let ctx = *self;
        let Some(shown) = ctx.session.get_untracked() else { return };
        let (env, api, token) = (shown.env.clone(), shown.api(), shown.token.clone());
        if show_progress {
            ctx.busy.set(Some(Busy::Checking));
        }
        spawn_local(async move {
            let result = api.tokens_me().await;
            // A sign-in that completed meanwhile put this session on the shelf: a refusal takes it
            // off; another failure no longer concerns the page.
            let shown = ctx.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.token == token));
            match result {
                Ok(_) => {}
                Err(e) if e.is_unauthorized() => ctx.refused(&token, &e),
                Err(e) if shown => ctx.notice.set(Some(api_notice("Could not check your session", &env, &e))),
                Err(_) => {}
            }
            if show_progress {
                ctx.busy.set(None);
            }
        });
    }

    /// Completes an admin sign-in; returns where to go next.
    async fn complete(&self, delivery: Delivery) -> Option<String> {
        match flow::complete_admin(delivery.resolution, browser::now_ms).await {
            Ok((session, return_to)) => {
                // The session shown until now waits on the shelf (another environment or org).
                self.shelve_for(&session);
                store::save_session(&session);
                self.notice.set(None);
                self.session.set(Some(session));
                return_to
            }
            Err((env, error)) => {
                self.notice.set(Some(sign_in_notice(env.as_ref(), &error)));
                None
            }
        }
    }

    /// Asks, in the background, whether the local sandbox org answers (when `env` is it), so that
    /// a sign-in to a sandbox org that is not running can say so without waiting on the way.
    pub fn warm_up(&self, env: &Environment) {
        // Not while a sign-in comes back (the form shows only until it completes).
        if *env != Environment::Sandbox || self.busy.get_untracked().is_some() {
            return;
        }
        let (ctx, base) = (*self, env.api_base());
        if self.sandbox_known_up(&base) {
            return;
        }
        spawn_local(async move {
            let up = sandbox_answers(&base).await.is_ok();
            let _ = ctx.sandbox_up.try_set(Some(SandboxAnswer { base, up, at_ms: browser::now_ms() }));
        });
    }

    /// Did the sandbox org at `base` answer, lately (an answer older than
    /// [`SANDBOX_ANSWER_TRUSTED_MS`] is asked again)?
    fn sandbox_known_up(&self, base: &str) -> bool {
        let now = browser::now_ms();
        self.sandbox_up.with_untracked(|a| a.as_ref().is_some_and(|a| a.trusted_up(base, now)))
    }

    /// Starts a sign-in: remembers the choices, stores the pending record and leaves for the
    /// login page. Only a sandbox org not known to answer is asked first (to explain a failure).
    pub fn start_sign_in(&self, req: SignInRequest) {
        let ctx = *self;
        ctx.busy.set(Some(Busy::Opening));
        ctx.notice.set(None);
        let base = req.env.api_base();
        let known_up = ctx.sandbox_known_up(&base);
        spawn_local(async move {
            if req.env == Environment::Sandbox && !known_up {
                if let Err(e) = sandbox_answers(&base).await {
                    ctx.notice.set(Some(api_notice("Cannot sign in", &req.env, &e)));
                    ctx.busy.set(None);
                    return;
                }
            }
            prefs::remember(Form::SignIn, &req.env, req.method, &req.client_id);
            address::go_to(&flow::begin(req, browser::now_ms(), browser::random32).url);
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
            extras: Extras { login_hint: s.user.email.clone(), ..Default::default() },
            redirect_uri: flow::redirect_uri(&address::app_url(), &s.env),
            return_to: Some(address::current_path()),
            issuer: None,
            lands: Lands::Here,
        });
    }

    /// Revokes the token (and the Tester runs' tokens), forgets everything of the tab's session
    /// (the session, drafts, Tester runs, pending sign-ins; preferences stay), then visits the login host's logout page.
    /// With sessions of other environments on the shelf, only this one's session and drafts
    /// go: the others stay, to switch to.
    pub fn sign_out(&self) {
        let ctx = *self;
        let Some(s) = ctx.session.get_untracked() else { return };
        ctx.busy.set(Some(Busy::SigningOut));
        spawn_local(async move {
            let (revoked, ()) =
                futures::future::join(s.api().revoke_token(), super::held::revoke_all()).await;
            let staying = ctx.shelf.get_untracked();
            if staying.is_empty() {
                storage::clear_tab();
            } else {
                storage::clear_tab_where(|name| !super::places::kept_at_sign_out(name, &staying));
            }
            ctx.session.set(None);
            match revoked {
                Err(e) if !e.is_unauthorized() => {
                    ctx.notice.set(Some(api_notice(
                        "Signed out of this page, but the org did not confirm the token was revoked",
                        &s.env,
                        &e,
                    )));
                    ctx.busy.set(None);
                }
                _ => address::go_to(&authorize::logout_url(&s.env, &s.client_id, &address::app_url())),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sandbox_answer_is_trusted_for_its_base_while_fresh() {
        let a = SandboxAnswer { base: "http://127.0.0.1:8787".into(), up: true, at_ms: 1_000 };
        assert!(a.trusted_up("http://127.0.0.1:8787", 1_000 + SANDBOX_ANSWER_TRUSTED_MS - 1));
        assert!(!a.trusted_up("http://127.0.0.1:8787", 1_000 + SANDBOX_ANSWER_TRUSTED_MS));
        assert!(!a.trusted_up("http://127.0.0.1:8789", 1_001));
        assert!(!SandboxAnswer { up: false, ..a }.trusted_up("http://127.0.0.1:8787", 1_001));
    }

    #[test]
    fn one_status_from_busy_and_phase() {
        assert_eq!(Status::of(None, None), Status::Anonymous);
        assert_eq!(Status::of(Some(Busy::Opening), None), Status::SigningIn);
        assert_eq!(Status::of(Some(Busy::Completing), Some(Phase::Fresh)), Status::SigningIn);
        assert_eq!(Status::of(Some(Busy::Checking), Some(Phase::Fresh)), Status::SignedIn);
        assert_eq!(Status::of(None, Some(Phase::Ending)), Status::Ending);
        assert_eq!(Status::of(None, Some(Phase::Expired)), Status::Anonymous);
        assert_eq!(Status::of(Some(Busy::SigningOut), Some(Phase::Fresh)), Status::SigningOut);
        assert_eq!(Status::of(Some(Busy::Opening), Some(Phase::Ending)), Status::Ending, "signing in again");
    }
}
