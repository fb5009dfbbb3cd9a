//! What of the tab's storage belongs to one place (an environment and org: its drafts), and what
//! a sign-out keeps, derived from each key's lifetime (`browser::storage::TAB_KEYS`). Plain data:
//! no session context, so the context and the switch both use it without importing each other.

use crate::browser::storage::{self, Lifetime};
use crate::env::Environment;
use crate::oauth::session::Session;

/// The start of the storage names of the drafts of one environment and org.
pub fn drafts_of(env: &Environment, org_id: &str) -> String {
    format!("{}{}.{org_id}.", storage::DRAFTS.name(), env.key())
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
