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

/// What the page loaded by a switch says first.
const SWITCHED: storage::Key<String> = storage::Key::tab("switched");

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

    fn save_shelf(&self) {
        self.shelf.with_untracked(|s| store::save_shelf(s));
    }

    /// Makes the session of `place` the one shown, in this tab's storage: the one shown until
    /// now takes its place on the shelf. The page is then loaded afresh (`address::go_to`), so
    /// that nothing of the other environment (a read, a batch, a draft) lives on; the org is
    /// asked whether it still accepts the token as the page starts. `said` is shown there.
    pub fn switch_to(&self, place: &str, said: &str) -> bool {
        let mut shelf = self.shelf.get_untracked();
        let Some(next) = shelf::take(&mut shelf, place) else { return false };
        if let Some(shown) = self.session.get_untracked() {
            shelf::park(&mut shelf, shown);
        }
        store::save_shelf(&shelf);
        store::save_session(&next);
        SWITCHED.save(&said.replace("{}", &next.place_label()));
        true
    }

    /// What a switch said, for the page it loaded (taken once).
    pub(super) fn take_switched() -> Option<String> {
        let said = SWITCHED.load();
        SWITCHED.remove();
        said
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
