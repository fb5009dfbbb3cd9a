//! The one way the tab's sessions change: [`SessionCtx::apply`] hands an event to the machine
//! ([`crate::oauth::sessions`]) and runs the effects it returns: storage, revokes, the org's
//! answers (fed back as events), notices and pages.

use super::context::SessionCtx;
use super::idle::{signed_out_after, SIGNED_OUT_IDLE};
use super::notice::{api_notice, session_ended, stopped_own_client, Notice, SESSION_EXPIRED};
use super::places::{self, drafts_of_session, kept_at_sign_out};
use super::status::Busy;
use crate::browser::{self, address, storage};
use crate::oauth::authorize;
use crate::oauth::session::iso_ms;
use crate::oauth::sessions::{after_revoke, Effect, Event, Then, Told};
use crate::oauth::store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the user reads for `told`.
fn notice_of(told: Told) -> Notice {
    match told {
        Told::Expired => Notice::info(SESSION_EXPIRED),
        Told::Refused(e) => Notice::info(session_ended(&e)),
        Told::StoppedOwnClient { name, how } => Notice::info(stopped_own_client(&name, how)),
        Told::IdleAtOrg => Notice::info(SIGNED_OUT_IDLE),
        Told::IdleLocally(limit_s) => Notice::info(signed_out_after(limit_s)),
        Told::CheckFailed(env, e) => api_notice("Could not check your session", &env, &e),
        Told::RevokeUnconfirmed { of, env, error } => {
            let title = match of {
                Some(place) => {
                    format!("Signed out of {place} here, but the org did not confirm the token was revoked")
                }
                None => "Signed out of this page, but the org did not confirm the token was revoked".into(),
            };
            api_notice(&title, &env, &error)
        }
    }
}

impl SessionCtx {
    /// Applies `event` to the tab's sessions and runs what follows; `false` when nothing did
    /// (a switch to a session that is no longer there, say).
    pub(super) fn apply(&self, event: Event) -> bool {
        let Some(mut next) = self.sessions.try_get_untracked() else { return false };
        let effects = next.apply(event, browser::now_ms());
        // Pages are told only of a change (the clock ticks every second).
        if self.sessions.with_untracked(|now| *now != next) {
            self.sessions.set(next);
        }
        let any = !effects.is_empty();
        effects.into_iter().for_each(|e| self.do_effect(e));
        any
    }

    /// Runs an effect that asks the org, and feeds its answer back.
    async fn ask_org(self, effect: Effect) {
        match effect {
            Effect::Revoke(s, Then::Nothing) => {
                let _ = s.api().revoke_token().await;
            }
            Effect::Revoke(s, Then::SignedOut) => {
                let (revoked, ()) =
                    futures::future::join(s.api().revoke_token(), super::held::revoke_all()).await;
                self.apply(Event::SignedOut { session: s, revoked });
            }
            Effect::Revoke(s, Then::Logout) => {
                let revoked = s.api().revoke_token().await;
                self.do_effect(after_revoke(s, revoked, true));
            }
            Effect::RevokeHeld => super::held::revoke_all().await,
            // `tokens/me` does not reset the org's idle timer.
            Effect::Check(s, show_progress) => {
                let answer = s.api().tokens_me().await.map(|_| ());
                self.apply(Event::Checked { token: s.token, answer });
                if show_progress {
                    self.busy.set(None);
                }
            }
            Effect::AskIdle(s) => {
                let answer =
                    s.api().tokens_me().await.map(|info| info.date_token_idles.as_deref().and_then(iso_ms));
                self.apply(Event::IdleAnswered { token: s.token, answer });
            }
            _ => {}
        }
    }

    fn do_effect(&self, effect: Effect) {
        let ctx = *self;
        match effect {
            Effect::StoreShown(Some(s)) => store::save_session(&s),
            Effect::StoreShown(None) => store::clear_session(),
            Effect::StoreShelf(shelf) => store::save_shelf(&shelf),
            // What waits for the org runs in one future (one task type for all of them).
            Effect::Revoke(_, Then::SignedOut) => {
                ctx.busy.set(Some(Busy::SigningOut));
                spawn_local(ctx.ask_org(effect));
            }
            Effect::Check(_, true) => {
                ctx.busy.set(Some(Busy::Checking));
                spawn_local(ctx.ask_org(effect));
            }
            Effect::Revoke(..) | Effect::RevokeHeld | Effect::Check(..) | Effect::AskIdle(_) => {
                spawn_local(ctx.ask_org(effect))
            }
            Effect::ClearTab { staying } if staying.is_empty() => storage::clear_tab(),
            Effect::ClearTab { staying } => {
                storage::clear_tab_where(|name| !kept_at_sign_out(name, &staying))
            }
            Effect::ClearPlace(s) => storage::clear_tab_starting(&drafts_of_session(&s)),
            Effect::ClearCopy => places::clear_copy(),
            Effect::Ended(told) => {
                ctx.flash.set(None);
                ctx.notice.set(Some(notice_of(told)));
            }
            Effect::HideRevealed => ctx.inactive_ends.update(|n| *n += 1),
            Effect::Tell(told) => {
                // A sign-out the org did not confirm stays on this page.
                if matches!(told, Some(Told::RevokeUnconfirmed { of: None, .. })) {
                    ctx.busy.set(None);
                }
                ctx.notice.set(told.map(notice_of));
            }
            Effect::Logout(s) => {
                address::go_to(&authorize::logout_url(&s.env, &s.client_id, &address::app_url()))
            }
            Effect::Reload { to, switched_to } => {
                places::say_switched(&format!("Now in {switched_to}. Nothing was signed out."));
                address::go_to(&address::app_href(&to));
            }
        }
    }
}
