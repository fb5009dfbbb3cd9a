//! Starting an admin sign-in (and asking, in the background, whether the local sandbox org
//! answers, so a sign-in to one that is not running says so without waiting on the way), and
//! completing one that came back.

use super::context::SessionCtx;
use super::notice::{api_notice, sign_in_notice};
use super::prefs::{self, Form};
use super::status::{Busy, SandboxAnswer};
use crate::browser::{self, address};
use crate::env::Environment;
use crate::oauth::authorize::Extras;
use crate::oauth::flow::{self, Delivery, SignInRequest};
use crate::oauth::pending::{Lands, Purpose};
use crate::oauth::sessions::Event;
use crate::platform::api;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Does the local sandbox org at `base` answer?
async fn sandbox_answers(base: &str) -> Result<(), crate::platform::error::ApiError> {
    api::probe(&format!("{base}/sandbox/health")).await
}

impl SessionCtx {
    /// Completes an admin sign-in; returns where to go next.
    pub(super) async fn complete(&self, delivery: Delivery) -> Option<String> {
        match flow::complete_admin(delivery.resolution, browser::now_ms).await {
            Ok((session, return_to)) => {
                // The session shown until now waits on the shelf (another environment or org).
                self.apply(Event::SignedIn(session));
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
        let Some(s) = self.session_untracked() else { return };
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
}
