//! Several environments in one tab: the sessions kept on the shelf beside the one shown
//! ([`crate::oauth::shelf`]), switching to one without signing in again, and letting one go.

use super::context::SessionCtx;
use super::notice::{session_ended, Notice};
use crate::browser::storage;
use crate::env::Environment;
use crate::oauth::session::Session;
use crate::oauth::{shelf, store};
use crate::platform::api::Api;
use crate::secret::Secret;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The start of the storage names of the drafts of one environment and org.
pub fn drafts_of(env: &Environment, org_id: &str) -> String {
    format!("draft.{}.{org_id}.", env.key())
}

/// Forgets the drafts of `s`'s environment and org in this tab.
pub(super) fn forget_drafts(s: &Session) {
    let org_id = s.org.as_ref().and_then(|o| o.id.clone()).unwrap_or_default();
    storage::clear_tab_starting(&drafts_of(&s.env, &org_id));
}

impl SessionCtx {
    /// The sessions on the shelf, newest first (tracked).
    pub fn shelf(&self) -> Vec<Session> {
        self.shelf.get()
    }

    /// Is anyone signed in, shown or on the shelf (untracked)?
    pub fn has_any_session(&self) -> bool {
        self.session.with_untracked(Option::is_some) || self.shelf.with_untracked(|s| !s.is_empty())
    }

    /// How many times the shown session was switched (tracked): the pages are built afresh.
    pub fn switches(&self) -> u32 {
        self.switches.get()
    }

    fn save_shelf(&self) {
        self.shelf.with_untracked(|s| store::save_shelf(s));
    }

    /// Shows the session of `place` from the shelf; the one shown until now takes its place on
    /// the shelf. The org is asked whether it still accepts the token (a refusal ends it).
    pub fn switch_to(&self, place: &str) -> bool {
        let Some(next) = self.shelf.try_update(|s| shelf::take(s, place)).flatten() else { return false };
        if let Some(shown) = self.session.get_untracked() {
            self.shelf.update(|s| {
                shelf::park(s, shown);
            });
        }
        self.save_shelf();
        store::save_session(&next);
        self.notice.set(None);
        self.session.set(Some(next));
        self.switches.update(|n| *n += 1);
        self.verify(true);
        true
    }

    /// Signs out of a session on the shelf: its token is revoked and its drafts go.
    pub fn sign_out_shelved(&self, place: &str) {
        let Some(s) = self.shelf.try_update(|s| shelf::take(s, place)).flatten() else { return };
        self.save_shelf();
        forget_drafts(&s);
        spawn_local(async move {
            let _ = Api::new(&s.env, s.token.expose()).revoke_token().await;
        });
    }

    /// Shelved sessions whose token has expired leave the shelf.
    pub(super) fn prune_shelf(&self, now_ms: u64) {
        if self.shelf.with_untracked(|s| s.iter().any(|s| s.remaining_s(now_ms) <= 0)) {
            self.shelf.update(|s| {
                shelf::prune(s, now_ms);
            });
            self.save_shelf();
        }
    }

    /// The org refused `token` (a 401): the session it belongs to ends, the shown one or a
    /// shelved one (a write that began before a switch may finish after it).
    pub(super) fn refused(&self, token: &Secret, error: &crate::platform::error::ApiError) {
        if self.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.token == *token)) {
            self.end(&session_ended(error));
        } else if let Some(place) =
            self.shelf.with_untracked(|s| s.iter().find(|s| s.token == *token).map(Session::place))
        {
            self.shelf.update(|s| {
                shelf::take(s, &place);
            });
            self.save_shelf();
        }
    }

    /// Ends every session of this tab, shown and shelved (the local inactivity limit): their
    /// tokens are revoked when `revoke`.
    pub(super) fn end_all(&self, why: &str, revoke: bool) {
        let mut all: Vec<Session> = self.shelf.try_update(std::mem::take).unwrap_or_default();
        all.extend(self.session.get_untracked());
        if revoke {
            for s in all {
                spawn_local(async move {
                    let _ = Api::new(&s.env, s.token.expose()).revoke_token().await;
                });
            }
        }
        store::save_shelf(&[]);
        store::clear_session();
        self.session.set(None);
        self.notice.set(Some(Notice::info(why)));
    }

    /// Time left of a shelved session's token, in words for the switcher (tracked).
    pub fn shelved_remaining_s(&self, s: &Session) -> i64 {
        s.remaining_s(self.now.get())
    }
}
