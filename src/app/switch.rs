//! Several environments in one tab: switching to a session kept on the shelf without signing in
//! again, letting one go, and clients copied from one environment for another's import page.
//! Each command is an event of the tab's sessions ([`crate::oauth::sessions`]).

use super::context::SessionCtx;
use super::places;
use crate::browser::address;
use crate::oauth::sessions::Event;
use crate::oauth::shelf;

impl SessionCtx {
    /// Shows the session of `place` instead of the one shown (which takes its place on the
    /// shelf), then loads the page `to` afresh with it — else this page, or the list from a
    /// page of one client, which the other org does not have. Nothing of the other environment
    /// (a read, a draft, a page's state) lives on; the org is asked whether it still accepts the
    /// token as the page starts. `false` when that session is no longer there (nothing changed).
    pub fn switch_and_go(&self, place: &str, to: Option<&str>) -> bool {
        if !self.can_switch() {
            return false;
        }
        let to = shelf::switch_destination(&address::current_path(), to);
        self.apply(Event::Switch { place: place.to_string(), to })
    }

    /// Copies an export file into the environment of `place`: switches there and opens its
    /// import page, which shows the clients before anything is sent.
    pub fn copy_to(&self, place: &str, text: String) -> bool {
        places::save_copy(place, text);
        let gone = !self.switch_and_go(place, Some("/clients/import"));
        if gone {
            places::clear_copy();
        }
        !gone
    }

    /// The clients copied for the environment shown (untracked), until [`Self::copied_done`].
    pub fn copied_here(&self) -> Option<String> {
        let here = self.session_untracked()?.place();
        places::copy_for(&here)
    }

    /// The copied clients were imported (or set aside for another file).
    pub fn copied_done(&self) {
        places::clear_copy();
    }

    /// Signs out of a session on the shelf: its token is revoked, its drafts go, then its login
    /// host's logout page is visited (coming back to this app, where the session shown stays).
    pub fn sign_out_shelved(&self, place: &str) {
        if self.can_switch() {
            self.apply(Event::SignOutShelved { place: place.to_string() });
        }
    }

    /// Signs out of every environment: the shelved sessions' tokens are revoked, then the shown
    /// one signs out as usual (everything of the tab goes).
    pub fn sign_out_all(&self) {
        self.apply(Event::SignOutAll);
    }
}
