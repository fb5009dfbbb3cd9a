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

/// This tab's runs, read once for a page that asks about several clients ([`newest_pkce_run`]).
pub fn runs() -> Vec<RunRecord> {
    super::runs::RECORDS.load().unwrap_or_default()
}

/// The newest PKCE run of `runs` with `client_id` that came back (signed in or failed).
pub fn newest_pkce_run<'r>(runs: &'r [RunRecord], client_id: &str) -> Option<&'r RunRecord> {
    runs.iter()
        .filter(|r| r.client_id == client_id && r.method == Method::Pkce && r.outcome != Outcome::Waiting)
        .max_by_key(|r| r.started_at_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tester::run::{Mode, Start};

    fn run(id: u32, at: u64, client: &str, method: Method, outcome: Outcome) -> RunRecord {
        let env = Environment::Sandbox;
        let start =
            Start { env: &env, client_id: client, redirect_uri: "https://app/", method, mode: Mode::Pasted };
        RunRecord { outcome, ..RunRecord::new(id, at, &start) }
    }

    #[test]
    fn the_newest_finished_pkce_run_of_the_client() {
        let failed = Outcome::Failed {
            advice: crate::tester::advice::troubleshoot(&crate::tester::run::Failure::NoReturn, Method::Pkce),
        };
        let runs = [
            run(1, 10, "new", Method::Pkce, Outcome::SignedIn),
            run(2, 30, "new", Method::Implicit, Outcome::SignedIn),
            run(3, 20, "new", Method::Pkce, failed.clone()),
            run(4, 40, "new", Method::Pkce, Outcome::Waiting),
            run(5, 50, "other", Method::Pkce, Outcome::SignedIn),
        ];
        assert_eq!(newest_pkce_run(&runs, "new").map(|r| r.id), Some(3));
        assert_eq!(newest_pkce_run(&runs[..1], "new").map(|r| &r.outcome), Some(&Outcome::SignedIn));
        assert_eq!(newest_pkce_run(&runs, "none"), None);
    }
}
