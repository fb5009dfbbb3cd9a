//! Several environments in one tab: the sessions kept on the shelf beside the one shown
//! ([`crate::oauth::shelf`]), switching to one without signing in again, letting one go, and
//! what of the tab belongs to one environment (its drafts, clients copied for it).

use super::context::SessionCtx;
use super::notice::{api_notice, session_ended, Notice};
use super::places::drafts_of_session;
use crate::browser::address;
use crate::browser::storage;
use crate::oauth::authorize;
use crate::oauth::session::Session;
use crate::oauth::{shelf, store};
use crate::secret::Secret;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

/// What the page loaded by a switch says first.
const SWITCHED: storage::Key<String> = storage::Key::tab(&storage::SWITCHED);

/// Clients copied from one environment for another's import page (no secret in them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Copy {
    /// The place ([`Session::place`]) they are for: no other org's import page sees them.
    to: String,
    /// The export file's text.
    text: String,
}

const COPY: storage::Key<Copy> = storage::Key::tab(&storage::COPY);

fn revoke(s: Session) {
    spawn_local(async move {
        let _ = s.api().revoke_token().await;
    });
}

impl SessionCtx {
    /// The sessions on the shelf, newest first (tracked).
    pub fn shelf(&self) -> Vec<Session> {
        self.shelf.get()
    }

    /// How many sessions wait on the shelf (tracked).
    pub fn shelf_len(&self) -> usize {
        self.shelf.with(Vec::len)
    }

    /// Is anyone signed in, shown or on the shelf (untracked)?
    pub fn has_any_session(&self) -> bool {
        self.session.with_untracked(Option::is_some) || self.shelf.with_untracked(|s| !s.is_empty())
    }

    /// May the admin switch now (tracked)? Not while signing in or out, nor while a batch runs
    /// (a switch loads the page afresh, which would cut it off).
    pub fn can_switch(&self) -> bool {
        self.busy_label().is_none() && self.batches.get() == 0
    }

    /// A batch of writes starts (`true`) or ends (`false`): no switch meanwhile.
    pub fn batch_running(&self, running: bool) {
        self.batches.update(|n| *n = if running { *n + 1 } else { n.saturating_sub(1) });
    }

    fn save_shelf(&self) {
        self.shelf.with_untracked(|s| store::save_shelf(s));
    }

    /// Shows the session of `place` instead of the one shown (which takes its place on the
    /// shelf), then loads the page `to` afresh with it — else this page, or the list from a
    /// page of one client, which the other org does not have. Nothing of the other environment
    /// (a read, a draft, a page's state) lives on; the org is asked whether it still accepts the
    /// token as the page starts. `false` when that session is no longer there (nothing changed).
    pub fn switch_and_go(&self, place: &str, to: Option<&str>) -> bool {
        if !self.can_switch() {
            return false;
        }
        let mut shelf = self.shelf.get_untracked();
        let Some(next) = shelf::take(&mut shelf, place) else { return false };
        if let Some(shown) = self.session.get_untracked() {
            shelf::park(&mut shelf, shown);
        }
        // Memory and storage agree from here on, whatever runs until the page unloads.
        store::save_shelf(&shelf);
        store::save_session(&next);
        SWITCHED.save(&format!("Now in {}. Nothing was signed out.", next.place_label()));
        self.shelf.set(shelf);
        self.session.set(Some(next));
        let to = shelf::switch_destination(&address::current_path(), to);
        address::go_to(&address::app_href(&to));
        true
    }

    /// Copies an export file into the environment of `place`: switches there and opens its
    /// import page, which shows the clients before anything is sent.
    pub fn copy_to(&self, place: &str, text: String) -> bool {
        COPY.save(&Copy { to: place.to_string(), text });
        let gone = !self.switch_and_go(place, Some("/clients/import"));
        if gone {
            COPY.remove();
        }
        !gone
    }

    /// The clients copied for the environment shown (untracked), until [`Self::copied_done`].
    pub fn copied_here(&self) -> Option<String> {
        let here = self.session.with_untracked(|s| s.as_ref().map(Session::place))?;
        COPY.load().filter(|c| c.to == here).map(|c| c.text)
    }

    /// The copied clients were imported (or set aside for another file).
    pub fn copied_done(&self) {
        COPY.remove();
    }

    /// What a switch said, for the page it loaded (taken once).
    pub(super) fn take_switched() -> Option<String> {
        let said = SWITCHED.load();
        SWITCHED.remove();
        said
    }

    /// Signs out of a session on the shelf: its token is revoked, its drafts go, then its login
    /// host's logout page is visited (coming back to this app, where the session shown stays).
    pub fn sign_out_shelved(&self, place: &str) {
        if !self.can_switch() {
            return;
        }
        let Some(s) = self.shelf.try_update(|s| shelf::take(s, place)).flatten() else { return };
        self.save_shelf();
        storage::clear_tab_starting(&drafts_of_session(&s));
        let ctx = *self;
        spawn_local(async move {
            match s.api().revoke_token().await {
                Err(e) if !e.is_unauthorized() => ctx.notice.set(Some(api_notice(
                    &format!(
                        "Signed out of {} here, but the org did not confirm the token was revoked",
                        s.place_label()
                    ),
                    &s.env,
                    &e,
                ))),
                _ => address::go_to(&authorize::logout_url(&s.env, &s.client_id, &address::app_url())),
            }
        });
    }

    /// Signs out of every environment: the shelved sessions' tokens are revoked, then the shown
    /// one signs out as usual (everything of the tab goes).
    pub fn sign_out_all(&self) {
        let shelved: Vec<Session> = self.shelf.try_update(std::mem::take).unwrap_or_default();
        self.save_shelf();
        shelved.into_iter().for_each(revoke);
        self.sign_out();
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

    /// Ends every session of this tab, shown and shelved, revoking their tokens (the local
    /// inactivity limit).
    pub(super) fn end_all(&self, why: &str) {
        let mut all: Vec<Session> = self.shelf.try_update(std::mem::take).unwrap_or_default();
        all.extend(self.session.get_untracked());
        all.into_iter().for_each(revoke);
        leptos::task::spawn_local(super::held::revoke_all());
        // Drafts stay for a sign-in again, as when a session ends.
        store::clear_session();
        store::save_shelf(&[]);
        COPY.remove();
        self.session.set(None);
        self.notice.set(Some(Notice::info(why)));
    }

    /// A sign-in completed with `new`: the session shown until then waits on the shelf; the
    /// sessions that leave it (of `new`'s place, or beyond the shelf's size) are revoked.
    pub(super) fn shelve_for(&self, new: &Session) {
        let shown = self.session.get_untracked();
        let gone = self
            .shelf
            .try_update(|shelf| shelf::after_sign_in(shelf, shown, new, crate::browser::now_ms()))
            .unwrap_or_default();
        self.save_shelf();
        gone.into_iter().filter(|s| s.token != new.token).for_each(revoke);
    }
}
