//! Tokens this tab holds outside the admin's sessions: those of the Login tester's runs against
//! Genesys Cloud (a tester's token is a real token of the org). Kept in memory only, never in
//! storage, and revoked at the org when the runs are cleared, at sign-out and when the tab's
//! inactivity limit ends the sessions.

use crate::env::Environment;
use crate::platform::api::Api;
use crate::secret::Secret;
use std::cell::RefCell;

thread_local! {
    static HELD: RefCell<Vec<(Environment, Secret)>> = const { RefCell::new(Vec::new()) };
}

/// Holds a run's token until it is revoked; only a Genesys Cloud token (the org can revoke it
/// by `DELETE /api/v2/tokens/me`).
pub fn hold(env: &Environment, token: &Secret) {
    if env.has_platform_api() {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if !h.iter().any(|(_, t)| t == token) {
                h.push((env.clone(), token.clone()));
            }
        });
    }
}

/// Every token held, taken out (each is revoked once).
pub fn take_all() -> Vec<(Environment, Secret)> {
    HELD.with(|h| std::mem::take(&mut *h.borrow_mut()))
}

/// Revokes every token held, each at its own org; done when every org answered (a refusal
/// changes nothing: the token is forgotten either way).
pub async fn revoke_all() {
    let revokes = take_all().into_iter().map(|(env, token)| async move {
        let _ = Api::new(&env, &token).revoke_token().await;
    });
    futures::future::join_all(revokes).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesys_tokens_are_held_once_and_taken_once() {
        let server = Environment::server("https://auth.example.com/a", "https://auth.example.com/t").unwrap();
        hold(&Environment::Sandbox, &Secret::new("t1"));
        hold(&Environment::Sandbox, &Secret::new("t1"));
        hold(&server, &Secret::new("t2"));
        hold(&Environment::region("eu-west-1").unwrap(), &Secret::new("t3"));
        let taken: Vec<String> = take_all().iter().map(|(_, t)| t.expose().to_string()).collect();
        assert_eq!(taken, ["t1", "t3"], "once each; another server's token is not the org's");
        assert!(take_all().is_empty());
    }
}
