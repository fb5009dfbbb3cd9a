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
    /// When the org last said the token goes idle (`dateTokenIdles`); `None` when it has no idle
    /// timeout. The app's own API calls move it later, so passing it means: ask the org again.
    #[serde(default)]
    pub idles_at_ms: Option<u64>,
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
    /// The org's API with this session's token: the one way a session calls it.
    pub fn api(&self) -> crate::platform::api::Api {
        crate::platform::api::Api::new(&self.env, &self.token)
    }

    /// The ids of the roles the signed-in user holds, when the org said (`users/me` with its
    /// authorization); `None` when it did not.
    pub fn held_role_ids(&self) -> Option<std::collections::HashSet<String>> {
        self.user.authorization.as_ref().map(|a| a.roles.iter().filter_map(|r| r.id.clone()).collect())
    }

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
            idles_at_ms: info.date_token_idles.as_deref().and_then(iso_ms),
            org,
            user,
        }
    }

    /// Has the org's idle time come (as it last said)? Then ask it again.
    pub fn idle_check_due(&self, now_ms: u64) -> bool {
        self.idles_at_ms.is_some_and(|at| now_ms >= at)
    }

    /// Whole seconds left (negative once expired).
    pub fn remaining_s(&self, now_ms: u64) -> i64 {
        let ms = i128::from(self.expires_at_ms) - i128::from(now_ms);
        ms.div_euclid(1000).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
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

    /// The org's id, `""` when the org did not say.
    pub fn org_id(&self) -> &str {
        self.org.as_ref().and_then(|o| o.id.as_deref()).unwrap_or_default()
    }

    pub fn org_label(&self) -> String {
        self.org.as_ref().and_then(|o| o.name.clone()).unwrap_or_else(|| "unknown org".into())
    }
}

pub use crate::platform::dates::iso_ms;

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
            idles_at_ms: None,
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
        let pending = crate::oauth::pending::Pending::example(crate::oauth::pending::Purpose::Admin);
        let s = Session::new(&pending, "t".into(), 60, 1_000, info, user);
        assert_eq!(s.expires_at_ms, 61_000);
        assert_eq!(s.org_label(), "Acme");
        assert_eq!(s.user_label(), "Ana");
        assert_eq!(s.client_name.as_deref(), Some("Console"));
        assert_eq!(s.scopes, vec!["oauth"]);
    }

    #[test]
    fn iso_dates_of_the_org() {
        assert_eq!(iso_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(iso_ms("2026-11-27T10:15:30Z"), Some(1_795_774_530_000));
        assert_eq!(iso_ms("2026-11-27T10:15:30.123Z"), Some(1_795_774_530_123));
        assert_eq!(iso_ms("2024-02-29T00:00:00.5Z"), Some(1_709_164_800_500));
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T10:15:30",
            "2026-13-01T00:00:00Z",
            "2026-11-27T10:15:30.Z",
            "x026-11-27T10:15:30Z",
            "2026-11-27T10:15:30+01:00",
            "é026-11-27T10:15:30Z",
        ] {
            assert_eq!(iso_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_absurd_expires_in_is_no_panic() {
        let mut s = session(u64::MAX);
        assert!(s.remaining_s(0) > 0);
        assert_eq!(s.phase(0), Phase::Fresh);
        s.idles_at_ms = Some(5_000);
        assert!(!s.idle_check_due(4_999) && s.idle_check_due(5_000));
    }

    #[test]
    fn countdown_text() {
        assert_eq!(format_countdown(86_399), "23:59:59");
        assert_eq!(format_countdown(299), "4:59");
        assert_eq!(format_countdown(-5), "0:00");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_expiry_from_a_server_is_no_panic(expires_in in any::<u64>(), now in any::<u64>(), later in any::<u64>(), iso in "\\PC{0,30}") {
            let pending = crate::oauth::pending::Pending::example(crate::oauth::pending::Purpose::Admin);
            let info = TokenInfo { date_token_idles: Some(iso.clone()), ..Default::default() };
            let s = Session::new(&pending, "t".into(), expires_in, now, info, UserMe::default());
            let _ = (s.remaining_s(later), s.phase(later), s.idle_check_due(later), iso_ms(&iso));
            let _ = format_countdown(s.remaining_s(later));
        }
    }
}
