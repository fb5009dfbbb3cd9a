//! A run handed to the Login tester by another page (the migration page's "Test it"): the
//! environment, the client, the method and the app's own redirect URI, read once when the
//! Tester opens; and what the runs of this tab say of a client afterwards.

use super::run::{Outcome, RunRecord};
use crate::browser::storage::{self, Key};
use crate::env::Environment;
use crate::oauth::authorize::Method;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefill {
    pub env: Environment,
    pub client_id: String,
    pub method: Method,
    pub redirect_uri: String,
    /// What the run is for, as the Tester says it ("the PKCE client of Agent desktop").
    pub purpose: String,
}

const KEY: Key<Prefill> = Key::tab(&storage::TESTER_PREFILL);

/// Hands a run to the Tester (opened next).
pub fn hand(p: &Prefill) {
    KEY.save(p);
}

/// The run handed over, once.
pub fn take() -> Option<Prefill> {
    let p = KEY.load();
    KEY.remove();
    p
}

/// When a run of this tab last signed in with `client_id` using PKCE (ms since 1970).
pub fn signed_in_with_pkce(client_id: &str) -> Option<u64> {
    last_pkce_sign_in(&super::runs::RECORDS.load().unwrap_or_default(), client_id)
}

/// The newest PKCE run of `runs` that signed in with `client_id`.
pub fn last_pkce_sign_in(runs: &[RunRecord], client_id: &str) -> Option<u64> {
    runs.iter()
        .filter(|r| r.client_id == client_id && r.method == Method::Pkce && r.outcome == Outcome::SignedIn)
        .map(|r| r.started_at_ms)
        .max()
}
