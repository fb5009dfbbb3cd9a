//! Browser sign-in, one mechanism for the admin session and the Tester: start a sign-in
//! (pending record + authorize URL), then resolve what came back.

pub mod authorize;
pub mod callback;
pub mod pending;
pub mod pkce;
pub mod run;
pub mod session;

use crate::env::Environment;
use crate::platform::error::ApiError;
use authorize::{Extras, Method};
use callback::Callback;
use pending::{Pending, PendingStore, Purpose, StateError};

/// What a caller asks for when it starts a sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInRequest {
    pub purpose: Purpose,
    pub env: Environment,
    pub client_id: String,
    pub method: Method,
    pub extras: Extras,
    pub redirect_uri: String,
    pub return_to: Option<String>,
}

/// Makes the pending record and the authorize URL from two sets of 32 random bytes
/// (state and PKCE verifier).
pub fn prepare(
    req: SignInRequest,
    state_bytes: &[u8; 32],
    verifier_bytes: &[u8; 32],
    now_ms: u64,
) -> (Pending, String) {
    let state = pending::state_from_bytes(state_bytes);
    let verifier = (req.method == Method::Pkce).then(|| pkce::verifier_from_bytes(verifier_bytes));
    let challenge = verifier.as_deref().map(pkce::challenge_s256);
    let url = authorize::authorize_url(
        &req.env,
        &req.client_id,
        &req.redirect_uri,
        req.method,
        &state,
        challenge.as_deref(),
        &req.extras,
    );
    let pending = Pending {
        state,
        purpose: req.purpose,
        env: req.env,
        client_id: req.client_id.trim().to_string(),
        method: req.method,
        redirect_uri: req.redirect_uri,
        verifier,
        started_at_ms: now_ms,
        return_to: req.return_to,
    };
    (pending, url)
}

/// Why a sign-in did not produce a token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("{0}")]
    State(#[from] StateError),
    #[error("The login server refused the sign-in: {error}")]
    Refused { error: String, description: Option<String>, uri: Option<String> },
    #[error("{0}")]
    Malformed(String),
    #[error("The response came back by the {got} method, but this sign-in used {expected}.")]
    WrongMethod { expected: &'static str, got: &'static str },
    #[error("The code could not be exchanged for a token. {0}")]
    Exchange(ApiError),
    #[error("The token could not be verified with the org. {0}")]
    Verify(ApiError),
}

/// What a callback leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A token arrived (implicit).
    Token { pending: Pending, access_token: String, expires_in: u64 },
    /// A code arrived and must be exchanged at the token endpoint (PKCE).
    Exchange { pending: Pending, code: String },
    /// The sign-in failed; `pending` is known when the state matched.
    Failed { pending: Option<Pending>, error: SignInError },
}

/// Matches a callback to its pending sign-in (consuming the state) and decides what follows.
/// The state is checked on success and on error alike.
pub fn resolve(cb: Callback, store: &mut PendingStore, now_ms: u64) -> Resolution {
    // A response with repeated parameters carries no trustworthy state: nothing is consumed.
    if let Callback::Malformed { reason, state: None } = &cb {
        return Resolution::Failed { pending: None, error: SignInError::Malformed(reason.clone()) };
    }
    let pending = match store.take(cb.state(), now_ms) {
        Ok(p) => p,
        Err(e) => return Resolution::Failed { pending: None, error: e.into() },
    };
    match cb {
        Callback::Token { access_token, expires_in, .. } if pending.method == Method::Implicit => {
            Resolution::Token { pending, access_token, expires_in }
        }
        Callback::Code { code, .. } if pending.method == Method::Pkce && pending.verifier.is_some() => {
            Resolution::Exchange { pending, code }
        }
        Callback::Token { .. } => Resolution::Failed {
            pending: Some(pending),
            error: SignInError::WrongMethod { expected: "PKCE", got: "implicit (token)" },
        },
        Callback::Code { .. } => Resolution::Failed {
            pending: Some(pending),
            error: SignInError::WrongMethod { expected: "implicit", got: "code" },
        },
        Callback::Error { error, description, uri, .. } => Resolution::Failed {
            pending: Some(pending),
            error: SignInError::Refused { error, description, uri },
        },
        Callback::Malformed { reason, .. } => {
            Resolution::Failed { pending: Some(pending), error: SignInError::Malformed(reason) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callback::{classify, Capture};

    fn req(method: Method) -> SignInRequest {
        SignInRequest {
            purpose: Purpose::Admin,
            env: Environment::Sandbox,
            client_id: " cid ".into(),
            method,
            extras: Extras::default(),
            redirect_uri: "http://127.0.0.1:8080/".into(),
            return_to: Some("/clients".into()),
        }
    }

    fn frag(s: String) -> Callback {
        classify(&Capture { fragment: s, query: String::new() }).unwrap()
    }

    #[test]
    fn implicit_round_trip() {
        let (p, url) = prepare(req(Method::Implicit), &[1; 32], &[2; 32], 0);
        assert!(url.contains("response_type=token") && url.contains(&p.state));
        assert_eq!(p.verifier, None);
        assert_eq!(p.client_id, "cid");
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let r = resolve(frag(format!("access_token=T&expires_in=60&state={}", p.state)), &mut store, 10);
        assert_eq!(r, Resolution::Token { pending: p.clone(), access_token: "T".into(), expires_in: 60 });
        // The same response again: rejected.
        let again = resolve(frag(format!("access_token=T&expires_in=60&state={}", p.state)), &mut store, 20);
        assert_eq!(
            again,
            Resolution::Failed { pending: None, error: SignInError::State(StateError::Reused) }
        );
    }

    #[test]
    fn pkce_round_trip() {
        let (p, url) = prepare(req(Method::Pkce), &[1; 32], &[2; 32], 0);
        let challenge = pkce::challenge_s256(p.verifier.as_ref().unwrap());
        assert!(url.contains(&format!("code_challenge={challenge}")));
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let cb = classify(&Capture { fragment: String::new(), query: format!("code=K&state={}", p.state) })
            .unwrap();
        assert_eq!(resolve(cb, &mut store, 1), Resolution::Exchange { pending: p, code: "K".into() });
    }

    #[test]
    fn tampered_state_and_errors() {
        let (p, _) = prepare(req(Method::Implicit), &[1; 32], &[2; 32], 0);
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let r = resolve(frag(format!("access_token=T&expires_in=60&state={}x", p.state)), &mut store, 1);
        assert_eq!(r, Resolution::Failed { pending: None, error: SignInError::State(StateError::Unknown) });
        let r = resolve(
            frag(format!("error=access_denied&error_description=No&state={}", p.state)),
            &mut store,
            2,
        );
        match r {
            Resolution::Failed {
                pending: Some(_),
                error: SignInError::Refused { error, description, .. },
            } => {
                assert_eq!(error, "access_denied");
                assert_eq!(description.as_deref(), Some("No"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn method_mismatch_is_refused() {
        let (p, _) = prepare(req(Method::Pkce), &[1; 32], &[2; 32], 0);
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let r = resolve(frag(format!("access_token=T&expires_in=60&state={}", p.state)), &mut store, 1);
        assert!(matches!(r, Resolution::Failed { error: SignInError::WrongMethod { .. }, .. }));
    }
}
