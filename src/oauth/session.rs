//! The admin session: who signed in, where, with which token, until when.

use super::authorize::Method;
use super::pending::Pending;
use crate::env::Environment;
use crate::platform::model::{NamedEntity, TokenInfo, UserMe};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// A warning shows this many seconds before the token expires.
pub const WARN_BEFORE_S: i64 = 5 * 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub env: Environment,
    pub client_id: String,
    pub method: Method,
    /// Kept in memory and this tab's sessionStorage only; sent only as a Bearer header.
    pub token: Secret,
    pub expires_at_ms: u64,
    pub user: UserMe,
    pub org: Option<NamedEntity>,
    pub client_name: Option<String>,
    pub scopes: Vec<String>,
}

/// Where a session stands on the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Fresh,
    /// Less than [`WARN_BEFORE_S`] left.
    Ending,
    Expired,
}

impl Session {
    /// Builds the session of a completed sign-in from its verified token.
    pub fn new(
        pending: &Pending,
        token: Secret,
        expires_in_s: u64,
        now_ms: u64,
        info: TokenInfo,
        user: UserMe,
    ) -> Session {
        let org = info.organization.or_else(|| user.organization.clone());
        Session {
            env: pending.env.clone(),
            client_id: pending.client_id.clone(),
            method: pending.method,
            token,
            expires_at_ms: now_ms.saturating_add(expires_in_s.saturating_mul(1000)),
            client_name: info.oauth_client.and_then(|c| c.name),
            scopes: info.authorized_scope,
            org,
            user,
        }
    }

    /// Whole seconds left (negative once expired).
    pub fn remaining_s(&self, now_ms: u64) -> i64 {
        (self.expires_at_ms as i64 - now_ms as i64).div_euclid(1000)
    }

    pub fn phase(&self, now_ms: u64) -> Phase {
        match self.remaining_s(now_ms) {
            r if r <= 0 => Phase::Expired,
            r if r <= WARN_BEFORE_S => Phase::Ending,
            _ => Phase::Fresh,
        }
    }

    pub fn user_label(&self) -> String {
        self.user.name.clone().or_else(|| self.user.email.clone()).unwrap_or_else(|| self.user.id.clone())
    }

    pub fn org_label(&self) -> String {
        self.org.as_ref().and_then(|o| o.name.clone()).unwrap_or_else(|| "unknown org".into())
    }
}

/// `h:mm:ss` (or `m:ss` under an hour) for a countdown; `0:00` once over.
pub fn format_countdown(secs: i64) -> String {
    let s = secs.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at_ms: u64) -> Session {
        Session {
            env: Environment::Sandbox,
            client_id: "c".into(),
            method: Method::Pkce,
            token: "t".into(),
            expires_at_ms,
            user: UserMe { id: "u1".into(), ..Default::default() },
            org: None,
            client_name: None,
            scopes: vec![],
        }
    }

    #[test]
    fn phases_at_their_boundaries() {
        let s = session(1_000_000);
        assert_eq!(s.phase(1_000_000 - 301_000), Phase::Fresh);
        assert_eq!(s.phase(1_000_000 - 300_000), Phase::Ending);
        assert_eq!(s.phase(1_000_000 - 1_000), Phase::Ending);
        assert_eq!(s.phase(1_000_000 - 999), Phase::Expired);
        assert_eq!(s.phase(2_000_000), Phase::Expired);
        assert_eq!(s.remaining_s(1_000_000 + 1), -1);
    }

    #[test]
    fn new_takes_org_and_client_from_token_info() {
        let info: TokenInfo = serde_json::from_str(
            r#"{"organization":{"id":"o","name":"Acme"},"authorizedScope":["oauth"],"OAuthClient":{"name":"Console"}}"#,
        )
        .unwrap();
        let user = UserMe { id: "u".into(), name: Some("Ana".into()), ..Default::default() };
        let pending = Pending {
            state: "s".into(),
            purpose: crate::oauth::pending::Purpose::Admin,
            env: Environment::Sandbox,
            client_id: "c".into(),
            method: Method::Implicit,
            redirect_uri: "http://127.0.0.1:8080/".into(),
            verifier: None,
            started_at_ms: 0,
            return_to: None,
        };
        let s = Session::new(&pending, "t".into(), 60, 1_000, info, user);
        assert_eq!(s.expires_at_ms, 61_000);
        assert_eq!(s.org_label(), "Acme");
        assert_eq!(s.user_label(), "Ana");
        assert_eq!(s.client_name.as_deref(), Some("Console"));
        assert_eq!(s.scopes, vec!["oauth"]);
    }

    #[test]
    fn countdown_text() {
        assert_eq!(format_countdown(86_399), "23:59:59");
        assert_eq!(format_countdown(299), "4:59");
        assert_eq!(format_countdown(-5), "0:00");
    }
}
