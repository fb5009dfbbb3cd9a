//! Pending sign-ins keyed by state: single use, expiring after 10 minutes.
//!
//! The store is plain data (kept in sessionStorage by `oauth::store`), so its whole
//! lifecycle is tested natively.

use super::authorize::Method;
use crate::env::Environment;
use serde::{Deserialize, Serialize};

/// A pending sign-in expires after this long.
pub const PENDING_TTL_MS: u64 = 10 * 60 * 1000;
/// Used and expired states are remembered this long, to say "reused" or "expired" rather than
/// "unknown".
pub const REMEMBER_MS: u64 = 60 * 60 * 1000;

/// Who gets the result of a sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purpose {
    /// The console's own admin session.
    Admin,
    /// A run of the Tester page.
    TesterRun(u32),
}

/// Who a response is for: the admin session or the Tester.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Admin,
    Tester,
}

impl Purpose {
    pub fn owner(&self) -> Owner {
        match self {
            Purpose::Admin => Owner::Admin,
            Purpose::TesterRun(_) => Owner::Tester,
        }
    }
}

/// The issuer a response must name exactly (RFC 9207), when the server's metadata said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// The metadata's `issuer`, as it wrote it.
    pub id: String,
    /// Its metadata says `authorization_response_iss_parameter_supported`: a response without
    /// `iss` is refused.
    pub required: bool,
}

/// One sign-in that left for the login page and has not come back yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub purpose: Purpose,
    pub env: Environment,
    pub client_id: String,
    pub method: Method,
    pub redirect_uri: String,
    /// The PKCE code verifier (PKCE only). Kept in this tab's sessionStorage only.
    pub verifier: Option<crate::secret::Secret>,
    pub started_at_ms: u64,
    /// The in-app path to return to after sign-in.
    pub return_to: Option<String>,
    /// The issuer the server's metadata named (a Tester run filled from discovery).
    #[serde(default)]
    pub issuer: Option<Issuer>,
}

#[cfg(test)]
impl Pending {
    /// An implicit sign-in to the sandbox org for `purpose`, started at 0 (for tests).
    pub(crate) fn example(purpose: Purpose) -> Pending {
        Pending {
            state: "s".into(),
            purpose,
            env: Environment::Sandbox,
            client_id: "c".into(),
            method: Method::Implicit,
            redirect_uri: "http://127.0.0.1:8080/".into(),
            verifier: None,
            started_at_ms: 0,
            return_to: None,
            issuer: None,
        }
    }
}

/// Why a returned state was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    #[error("The response carries no state, so it cannot be matched to a sign-in started here.")]
    Missing,
    #[error("The response's state matches no sign-in started in this tab. It may have been altered, or started in another tab.")]
    Unknown,
    #[error("This sign-in response was already used. Each response is accepted once; start a new sign-in.")]
    Reused,
    #[error("This sign-in was started {minutes} minutes ago and has expired (the limit is 10 minutes). Start a new sign-in.")]
    Expired { minutes: u64 },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingStore {
    pub pending: Vec<Pending>,
    /// States already taken or expired, with when that happened.
    pub spent: Vec<(String, u64)>,
}

impl PendingStore {
    pub fn insert(&mut self, p: Pending, now_ms: u64) {
        self.prune(now_ms);
        self.pending.push(p);
    }

    /// Takes the pending sign-in this state belongs to; the state can never be used again.
    pub fn take(&mut self, state: Option<&str>, now_ms: u64) -> Result<Pending, StateError> {
        self.prune(now_ms);
        let state = state.ok_or(StateError::Missing)?;
        if self.spent.iter().any(|(s, _)| s == state) {
            return Err(StateError::Reused);
        }
        let idx = self.pending.iter().position(|p| p.state == state).ok_or(StateError::Unknown)?;
        let p = self.pending.remove(idx);
        self.spent.push((p.state.clone(), now_ms));
        let age = now_ms.saturating_sub(p.started_at_ms);
        if age > PENDING_TTL_MS {
            return Err(StateError::Expired { minutes: age / 60_000 });
        }
        Ok(p)
    }

    /// Forgets what is too old to matter: expired pending sign-ins stay (to say "expired") until
    /// they are [`REMEMBER_MS`] old.
    pub fn prune(&mut self, now_ms: u64) {
        self.pending.retain(|p| now_ms.saturating_sub(p.started_at_ms) <= REMEMBER_MS);
        self.spent.retain(|(_, at)| now_ms.saturating_sub(*at) <= REMEMBER_MS);
    }
}

/// A state value from random bytes: base64url, no padding (32 bytes → 256 bits).
pub fn state_from_bytes(bytes: &[u8; 32]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Where a sign-in's answer lands: in the tab that started it, or in a popup, which hands it to
/// that tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lands {
    #[default]
    Here,
    InPopup,
}

/// Marks the state of a sign-in that lands in a popup (base64url has no dot), so that the page
/// the popup lands on knows, before anything else, to hand the answer over.
const POPUP_STATE: &str = "popup.";

/// The state of a sign-in that lands where `lands` says.
pub fn state_for(lands: Lands, bytes: &[u8; 32]) -> String {
    match lands {
        Lands::Here => state_from_bytes(bytes),
        Lands::InPopup => format!("{POPUP_STATE}{}", state_from_bytes(bytes)),
    }
}

/// Does this state belong to a sign-in that lands in a popup?
pub fn lands_in_popup(state: &str) -> bool {
    state.strip_prefix(POPUP_STATE).is_some_and(|rest| !rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(state: &str, at: u64) -> Pending {
        Pending {
            state: state.into(),
            purpose: Purpose::Admin,
            env: Environment::default_region(),
            client_id: "c".into(),
            method: Method::Pkce,
            redirect_uri: "http://127.0.0.1:8080/".into(),
            verifier: Some("v".into()),
            started_at_ms: at,
            return_to: None,
            issuer: None,
        }
    }

    #[test]
    fn single_use() {
        let mut s = PendingStore::default();
        s.insert(pending("a", 1_000), 1_000);
        assert_eq!(s.take(Some("a"), 2_000).unwrap().state, "a");
        assert_eq!(s.take(Some("a"), 3_000), Err(StateError::Reused));
    }

    #[test]
    fn unknown_and_missing() {
        let mut s = PendingStore::default();
        s.insert(pending("a", 0), 0);
        assert_eq!(s.take(Some("b"), 1), Err(StateError::Unknown));
        assert_eq!(s.take(None, 1), Err(StateError::Missing));
        assert!(s.take(Some("a"), 2).is_ok(), "a wrong state must not consume the right one");
    }

    #[test]
    fn expiry_boundary() {
        let mut s = PendingStore::default();
        s.insert(pending("on-time", 0), 0);
        s.insert(pending("late", 0), 0);
        assert!(s.take(Some("on-time"), PENDING_TTL_MS).is_ok());
        assert_eq!(s.take(Some("late"), PENDING_TTL_MS + 1), Err(StateError::Expired { minutes: 10 }));
        assert_eq!(s.take(Some("late"), PENDING_TTL_MS + 2), Err(StateError::Reused));
    }

    #[test]
    fn old_records_are_forgotten() {
        let mut s = PendingStore::default();
        s.insert(pending("a", 0), 0);
        s.insert(pending("b", 0), 0);
        s.take(Some("b"), 1).unwrap();
        s.prune(REMEMBER_MS + 2);
        assert!(s.pending.is_empty() && s.spent.is_empty());
        assert_eq!(s.take(Some("a"), REMEMBER_MS + 3), Err(StateError::Unknown));
    }

    #[test]
    fn store_round_trips() {
        let mut s = PendingStore::default();
        s.insert(pending("a", 5), 5);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<PendingStore>(&json).unwrap(), s);
    }

    #[test]
    fn states_are_long_and_url_safe() {
        let st = state_from_bytes(&[0xff; 32]);
        assert_eq!(st.len(), 43);
        assert!(st.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn a_popup_state_says_so_and_no_other_does() {
        let popup = state_for(Lands::InPopup, &[7; 32]);
        let here = state_for(Lands::Here, &[7; 32]);
        assert_eq!(popup, format!("popup.{here}"));
        assert!(lands_in_popup(&popup));
        assert!(!lands_in_popup(&here));
        // Whatever the random bytes, a state of this tab never reads as a popup's.
        for b in 0..=255u8 {
            assert!(!lands_in_popup(&state_for(Lands::Here, &[b; 32])));
        }
        assert!(!lands_in_popup("popup."));
        assert!(!lands_in_popup("xpopup.abc"));
    }
}
