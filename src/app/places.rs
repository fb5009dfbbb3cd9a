//! What of the tab's storage belongs to one place (an environment and org: its drafts, clients
//! copied for it), what a switch says on the page it loads, and what a sign-out keeps, derived
//! from each key's lifetime (`browser::storage::TAB_KEYS`). Plain data: no session context, so
//! the context and the switch both use it without importing each other.

use crate::browser::storage::{self, Lifetime};
use crate::env::Environment;
use crate::oauth::session::Session;
use serde::{Deserialize, Serialize};

/// The start of the storage names of the drafts of one environment and org.
pub fn drafts_of(env: &Environment, org_id: &str) -> String {
    format!("{}{}.{org_id}.", storage::DRAFTS.name(), env.key())
}

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

/// Keeps an export file for the import page of `place`.
pub(super) fn save_copy(place: &str, text: String) {
    COPY.save(&Copy { to: place.to_string(), text });
}

/// The export file kept for `place`, if any.
pub(super) fn copy_for(place: &str) -> Option<String> {
    COPY.load().filter(|c| c.to == place).map(|c| c.text)
}

pub(super) fn clear_copy() {
    COPY.remove();
}

/// What the page a switch loads says first.
pub(super) fn say_switched(said: &str) {
    SWITCHED.save(&said.to_string());
}

/// What a switch said, for the page it loaded (taken once).
pub(super) fn take_switched() -> Option<String> {
    let said = SWITCHED.load();
    SWITCHED.remove();
    said
}

pub(super) fn drafts_of_session(s: &Session) -> String {
    drafts_of(&s.env, s.org_id())
}

/// What of this tab's storage a sign-out keeps while `staying` stay signed in, by each key's
/// lifetime: the shelf and their places' keys (drafts); everything else (the session, its
/// drafts, pending sign-ins, Tester runs, copies), and any name no key has, goes.
pub fn kept_at_sign_out(name: &str, staying: &[Session]) -> bool {
    match storage::TabKey::of(name).map(|k| k.lifetime()) {
        Some(Lifetime::Shelf) => !staying.is_empty(),
        Some(Lifetime::Place) => staying.iter().any(|s| name.starts_with(&drafts_of_session(s))),
        Some(Lifetime::SignIn) | None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(env: Environment, org: &str) -> Session {
        crate::testing::session(env, org, "t", 1)
    }

    #[test]
    fn a_sign_out_keeps_the_shelf_and_the_drafts_of_those_staying_only() {
        let staying = [session(Environment::Sandbox, "test")];
        assert!(kept_at_sign_out("shelf", &staying));
        assert!(kept_at_sign_out("draft.sandbox.test.new", &staying));
        assert!(kept_at_sign_out("draft.sandbox.test.c0ffee", &staying));
        for gone in [
            "session",
            "draft.sandbox.prod.new",
            "draft.sandbox.testing.new",
            "pending",
            "tester-runs",
            "copy",
            "last-owner",
            "switched",
        ] {
            assert!(!kept_at_sign_out(gone, &staying), "{gone}");
        }
        assert!(!kept_at_sign_out("draft.sandbox.test.new", &[]));
        assert!(!kept_at_sign_out("shelf", &[]), "nothing stays: the shelf goes too");
    }

    #[test]
    fn a_sign_out_clears_every_key_by_its_lifetime() {
        let staying = [session(Environment::region("eu-west-1").unwrap(), "test")];
        let place = drafts_of_session(&staying[0]);
        for key in storage::TAB_KEYS {
            let name = match key.lifetime() {
                Lifetime::Place => format!("{place}c0ffee"),
                _ => key.name().to_string(),
            };
            let kept = key.lifetime() != Lifetime::SignIn;
            assert_eq!(kept_at_sign_out(&name, &staying), kept, "{name} with a session staying");
            assert!(!kept_at_sign_out(&name, &[]), "{name} with none staying");
        }
        // Another place's draft goes; so does a name no key has.
        assert!(!kept_at_sign_out("draft.region:eu-west-1.prod.new", &staying));
        assert!(!kept_at_sign_out("left-by-an-older-version", &staying));
    }
}
