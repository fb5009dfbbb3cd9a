//! Verifying a token a sign-in produced, one flow for the admin session and the Tester: the
//! org says whose token it is (`tokens/me`) and who signed in (`users/me`), asked at once; a
//! token of another client than the sign-in used is revoked. The Tester's trace watches the
//! answers through an observer. The flow talks to the org through [`Whoami`], which the native
//! tests fake.

use super::pending::Pending;
use crate::platform::api::Api;
use crate::platform::error::ApiError;
use crate::platform::model::{TokenInfo, UserMe};
use crate::platform::Clock;

/// What the verification asks of the org, with the token it checks.
#[allow(async_fn_in_trait)] // Used in this crate only, on one thread.
pub trait Whoami {
    async fn tokens_me(&self) -> Result<TokenInfo, ApiError>;
    async fn users_me(&self) -> Result<UserMe, ApiError>;
    async fn revoke_token(&self) -> Result<(), ApiError>;
}

impl Whoami for Api {
    async fn tokens_me(&self) -> Result<TokenInfo, ApiError> {
        Api::tokens_me(self).await
    }
    async fn users_me(&self) -> Result<UserMe, ApiError> {
        Api::users_me(self).await
    }
    async fn revoke_token(&self) -> Result<(), ApiError> {
        Api::revoke_token(self).await
    }
}

/// One answer the verification used, and how long it took (ms).
#[derive(Debug)]
pub enum Heard<'a> {
    /// `tokens/me`; `wrong` when the token belongs to another client (then it is revoked).
    Token { ms: u64, answer: Result<&'a TokenInfo, &'a ApiError>, wrong: Option<&'a Unverified> },
    /// `users/me` (told only when the token is the sign-in's own).
    User { ms: u64, answer: Result<&'a UserMe, &'a ApiError> },
}

/// A token the org knows, of the sign-in's own client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub info: TokenInfo,
    pub user: UserMe,
}

/// Why a token is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unverified {
    /// The org did not accept it, or did not say who signed in.
    Rejected(ApiError),
    /// Issued to another client (`got`) than the sign-in used (`expected`): revoked.
    WrongClient { expected: String, got: String },
}

/// A token the org says belongs to another client than the sign-in used.
pub fn wrong_client(pending: &Pending, info: &TokenInfo) -> Option<Unverified> {
    let got = info.oauth_client.as_ref().and_then(|c| c.id.clone()).unwrap_or_else(|| "none named".into());
    (got != pending.client_id).then(|| Unverified::WrongClient { expected: pending.client_id.clone(), got })
}

/// Verifies the token `api` carries for the sign-in `pending` (`at_once`: both questions at
/// once); `observe` hears each answer used.
pub async fn verify_token(
    api: &impl Whoami,
    pending: &Pending,
    clock: Clock,
    at_once: bool,
    mut observe: impl FnMut(Heard<'_>),
) -> Result<Verified, Unverified> {
    let timed = |t0: u64| clock().saturating_sub(t0);
    let ask_token = async {
        let t0 = clock();
        let a = api.tokens_me().await;
        (a, timed(t0))
    };
    let ask_user = || async {
        let t0 = clock();
        let a = api.users_me().await;
        (a, timed(t0))
    };
    // At once, the user is read while the token is checked (the admin's sign-in); one after the
    // other, nothing is asked with a token the org did not accept as this client's (the Tester,
    // whose trace shows each request as it goes).
    let ((info, info_ms), user) = if at_once {
        let (info, user) = futures::future::join(ask_token, ask_user()).await;
        (info, Some(user))
    } else {
        (ask_token.await, None)
    };
    let info = match info {
        Ok(info) => info,
        Err(e) => {
            observe(Heard::Token { ms: info_ms, answer: Err(&e), wrong: None });
            return Err(Unverified::Rejected(e));
        }
    };
    let wrong = wrong_client(pending, &info);
    observe(Heard::Token { ms: info_ms, answer: Ok(&info), wrong: wrong.as_ref() });
    if let Some(wrong) = wrong {
        // Not ours to keep: the org forgets it too.
        let _ = api.revoke_token().await;
        return Err(wrong);
    }
    let (user, user_ms) = match user {
        Some(user) => user,
        None => ask_user().await,
    };
    observe(Heard::User { ms: user_ms, answer: user.as_ref() });
    match user {
        Ok(user) => Ok(Verified { info, user }),
        Err(e) => Err(Unverified::Rejected(e)),
    }
}

#[cfg(test)]
// Natively only: the executor and proptest are native dev-dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::env::Environment;
    use crate::oauth::authorize::Method;
    use crate::oauth::pending::Purpose;
    use crate::platform::model::TokenClient;
    use std::cell::RefCell;

    /// An org that answers from a script and writes down what it was asked.
    struct Org {
        info: Result<TokenInfo, ApiError>,
        user: Result<UserMe, ApiError>,
        asked: RefCell<Vec<&'static str>>,
    }

    impl Whoami for Org {
        async fn tokens_me(&self) -> Result<TokenInfo, ApiError> {
            self.asked.borrow_mut().push("tokens/me");
            self.info.clone()
        }
        async fn users_me(&self) -> Result<UserMe, ApiError> {
            self.asked.borrow_mut().push("users/me");
            self.user.clone()
        }
        async fn revoke_token(&self) -> Result<(), ApiError> {
            self.asked.borrow_mut().push("revoke");
            Ok(())
        }
    }

    fn pending() -> Pending {
        Pending {
            state: "s".into(),
            purpose: Purpose::Admin,
            env: Environment::Sandbox,
            client_id: "cid".into(),
            method: Method::Pkce,
            redirect_uri: "http://127.0.0.1:8080/".into(),
            verifier: None,
            started_at_ms: 0,
            return_to: None,
            issuer: None,
        }
    }

    fn info(client: &str) -> TokenInfo {
        TokenInfo {
            oauth_client: Some(TokenClient { id: Some(client.into()), ..Default::default() }),
            ..Default::default()
        }
    }

    fn user() -> UserMe {
        serde_json::from_value(serde_json::json!({"id": "u1", "name": "Ada"})).unwrap()
    }

    fn http(status: u16) -> ApiError {
        ApiError::Http { status, body: None, correlation_id: None, retry_after: None }
    }

    fn clock() -> u64 {
        7
    }

    /// Runs the verification; its result, what the org was asked and what the observer heard.
    fn verify(org: Org) -> (Result<Verified, Unverified>, Vec<&'static str>, Vec<String>) {
        verify_as(org, true)
    }

    fn verify_as(org: Org, at_once: bool) -> (Result<Verified, Unverified>, Vec<&'static str>, Vec<String>) {
        let mut heard = Vec::new();
        let out = futures::executor::block_on(verify_token(&org, &pending(), clock, at_once, |h| {
            heard.push(match h {
                Heard::Token { answer, wrong, .. } => {
                    format!(
                        "token {}{}",
                        if answer.is_ok() { "ok" } else { "refused" },
                        if wrong.is_some() { " wrong" } else { "" }
                    )
                }
                Heard::User { answer, .. } => {
                    format!("user {}", if answer.is_ok() { "ok" } else { "refused" })
                }
            })
        }));
        (out, org.asked.take(), heard)
    }

    #[test]
    fn the_sign_ins_own_token_is_verified() {
        let (out, asked, heard) =
            verify(Org { info: Ok(info("cid")), user: Ok(user()), asked: RefCell::default() });
        assert_eq!(out, Ok(Verified { info: info("cid"), user: user() }));
        assert_eq!(asked, ["tokens/me", "users/me"], "both asked, nothing revoked");
        assert_eq!(heard, ["token ok", "user ok"]);
    }

    #[test]
    fn a_token_of_another_client_is_revoked_and_its_user_not_told() {
        let (out, asked, heard) =
            verify(Org { info: Ok(info("other")), user: Ok(user()), asked: RefCell::default() });
        assert_eq!(out, Err(Unverified::WrongClient { expected: "cid".into(), got: "other".into() }));
        assert_eq!(asked, ["tokens/me", "users/me", "revoke"]);
        assert_eq!(heard, ["token ok wrong"]);
    }

    #[test]
    fn one_after_the_other_nothing_is_asked_with_a_token_not_taken() {
        let org = || Org { info: Ok(info("other")), user: Ok(user()), asked: RefCell::default() };
        let (out, asked, heard) = verify_as(org(), false);
        assert!(matches!(out, Err(Unverified::WrongClient { .. })));
        assert_eq!((asked, heard), (vec!["tokens/me", "revoke"], vec!["token ok wrong".to_string()]));
        let (out, asked, _) = verify_as(Org { info: Ok(info("cid")), ..org() }, false);
        assert!(out.is_ok());
        assert_eq!(asked, ["tokens/me", "users/me"]);
        let (_, asked, _) = verify_as(Org { info: Err(http(401)), ..org() }, false);
        assert_eq!(asked, ["tokens/me"]);
    }

    #[test]
    fn a_refused_token_or_user_is_rejected() {
        let (out, asked, heard) =
            verify(Org { info: Err(http(401)), user: Err(http(401)), asked: RefCell::default() });
        assert_eq!(out, Err(Unverified::Rejected(http(401))));
        assert_eq!((asked.contains(&"revoke"), heard), (false, vec!["token refused".to_string()]));
        let (out, _, heard) =
            verify(Org { info: Ok(info("cid")), user: Err(http(403)), asked: RefCell::default() });
        assert_eq!(out, Err(Unverified::Rejected(http(403))));
        assert_eq!(heard, ["token ok", "user refused"]);
    }

    #[test]
    fn a_token_of_another_client_is_named() {
        let p = pending();
        let info = |id: Option<&str>| crate::platform::model::TokenInfo {
            oauth_client: Some(crate::platform::model::TokenClient {
                id: id.map(str::to_string),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(wrong_client(&p, &info(Some("cid"))), None);
        assert!(matches!(wrong_client(&p, &info(Some("other"))), Some(Unverified::WrongClient { .. })));
        assert!(wrong_client(&p, &info(None)).is_some());
        assert!(wrong_client(&p, &crate::platform::model::TokenInfo::default()).is_some());
    }
}
