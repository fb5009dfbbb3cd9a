//! The sign-in flow, one mechanism for the admin session and the Tester: start a sign-in
//! (pending record + authorize URL), resolve what came back, exchange a PKCE code, verify the
//! admin's token. Every decision is a pure function; `begin` and `take` are the only steps that
//! touch this tab's storage (through [`super::store`]).

use super::authorize::{self, Extras, Method};
use super::callback::{classify, issuer, Callback, Capture};
use super::pending::{state_for, Issuer, Lands, Owner, Pending, PendingStore, Purpose, StateError};
use super::pkce;
use super::session::Session;
use super::store;
use super::verify::{verify_token, Unverified, Verified};
use crate::browser::address;
use crate::env::Environment;
use crate::platform::api::{self, Api};
use crate::platform::error::ApiError;
use crate::platform::model::TokenResponse;
use crate::secret::Secret;
use crate::url::{scheme_of, HttpUrl};

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
    /// The issuer the server's metadata named, when the endpoints were filled from it.
    pub issuer: Option<Issuer>,
    /// Where the answer lands (a popup hands it over on a channel named after the state).
    pub lands: Lands,
}

/// Makes the pending record and the authorize URL from two sets of 32 random bytes
/// (state and PKCE verifier).
pub fn start(
    req: SignInRequest,
    state_bytes: &[u8; 32],
    verifier_bytes: &[u8; 32],
    now_ms: u64,
) -> (Pending, String) {
    let state = state_for(req.lands, state_bytes);
    let verifier =
        (req.method == Method::Pkce).then(|| Secret::new(pkce::verifier_from_bytes(verifier_bytes)));
    let challenge = verifier.as_ref().map(|v| pkce::challenge_s256(v.expose()));
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
        issuer: req.issuer,
    };
    (pending, url)
}

/// Why a sign-in did not produce a token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("{0}")]
    State(#[from] StateError),
    #[error("The login server refused the sign-in: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused { error: String, description: Option<String>, uri: Option<String> },
    #[error("{0}")]
    Malformed(String),
    #[error("The response came back by the {got} method, but this sign-in used {expected}.")]
    WrongMethod { expected: &'static str, got: &'static str },
    #[error("The code could not be exchanged for a token. {0}")]
    Exchange(ApiError),
    #[error("The token could not be verified with the org. {0}")]
    Verify(ApiError),
    /// The response is not the one this sign-in's server would send (RFC 9700 §4.4): it came
    /// back on another kind's route, or names another issuer. Refused; nothing was sent.
    #[error("{0}")]
    MixUp(MixUp),
    /// The org says the token belongs to another client than the one this sign-in used.
    #[error("The token was issued to another client ({got}) than the one this sign-in used ({expected}): it was dropped and revoked.")]
    WrongClient { expected: String, got: String },
}

/// How a response gave itself away as another server's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MixUp {
    #[error("This response came back to {arrived}, but this sign-in waits at {expected}: it answers a sign-in of another server. Refused, and nothing was sent anywhere.")]
    Route { expected: String, arrived: String },
    #[error("This response names the issuer {got}, but this sign-in went to {expected}. Refused, and nothing was sent anywhere.")]
    Issuer { expected: String, got: String },
    #[error("This response names no issuer, but {expected} says in its metadata that its responses always do (RFC 9207): it may come from another server. Refused, and nothing was sent anywhere.")]
    NoIssuer { expected: String },
}

/// A response as it reached the app: where it arrived (`origin + path`, when known: a pasted
/// fragment has no address) and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub capture: Capture,
    pub at: Option<String>,
}

impl Arrival {
    /// A pasted address: it arrived where the address says, when it is a whole one.
    pub fn pasted(text: &str) -> Arrival {
        let text = text.trim();
        let at = match HttpUrl::parse(text) {
            Ok(url) => Some(url.base()),
            // A whole address the browser would read differently is no address of this page.
            Err(_) if scheme_of(text).is_some() => Some(UNREADABLE.to_string()),
            Err(_) => None,
        };
        Arrival { capture: Capture::of_url(text), at }
    }
}

/// Where a pasted address that is no readable URL arrived, as the refusal names it.
const UNREADABLE: &str = "an address the console cannot read as a URL";

/// The redirect URI of a sign-in from the app at `app_url` to `env`: the app's address for
/// Genesys Cloud, its external callback route for everything else.
pub fn redirect_uri(app_url: &str, env: &Environment) -> String {
    format!("{app_url}{}", env.callback_path())
}

/// `scheme://host/path` of an address as the browser reads it, without query or fragment; a
/// text that is no URL stays as it is (and matches no address).
fn address_base(text: &str) -> String {
    HttpUrl::parse(text).map(|u| u.base()).unwrap_or_else(|_| text.trim().to_string())
}

/// Is the response the one this pending sign-in's server would send? It must come back where
/// the sign-in said (its redirect URI), and name no other issuer.
fn mix_up(pending: &Pending, arrived_at: Option<&str>, iss: Option<&str>) -> Option<MixUp> {
    let expected = address_base(&pending.redirect_uri);
    if let Some(arrived) = arrived_at.map(address_base).filter(|a| *a != expected) {
        return Some(MixUp::Route { expected, arrived });
    }
    match (&pending.issuer, iss) {
        // The issuer its metadata named: compared exactly (RFC 9207 §2.4).
        (Some(expected), Some(got)) if got != expected.id => {
            Some(MixUp::Issuer { expected: expected.id.clone(), got: got.to_string() })
        }
        (Some(expected), None) if expected.required => {
            Some(MixUp::NoIssuer { expected: expected.id.clone() })
        }
        (Some(_), _) => None,
        // No metadata: the issuer must at least be the authorization endpoint's origin.
        (None, Some(got)) => {
            let origin =
                HttpUrl::parse(&pending.env.authorize_endpoint()).map(|u| u.origin()).unwrap_or_default();
            (HttpUrl::parse(got).map(|u| u.origin()).ok().as_deref() != Some(origin.as_str()))
                .then(|| MixUp::Issuer { expected: origin, got: got.to_string() })
        }
        (None, None) => None,
    }
}

/// What a callback leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A token arrived (implicit).
    Token { pending: Pending, access_token: Secret, expires_in: u64 },
    /// A code arrived and must be exchanged at the token endpoint (PKCE).
    Exchange { pending: Pending, code: Secret },
    /// The sign-in failed; `pending` is known when the state matched.
    Failed { pending: Option<Pending>, error: SignInError },
}

impl Resolution {
    /// The sign-in this response belongs to, when its state matched one.
    pub fn pending(&self) -> Option<&Pending> {
        match self {
            Resolution::Token { pending, .. } | Resolution::Exchange { pending, .. } => Some(pending),
            Resolution::Failed { pending, .. } => pending.as_ref(),
        }
    }
}

/// Matches a callback to its pending sign-in (consuming the state) and decides what follows:
/// the state is checked on success and on error alike, then where the response arrived and
/// the issuer it names.
fn resolve(
    cb: Callback,
    arrived_at: Option<&str>,
    iss: Option<&str>,
    store: &mut PendingStore,
    now_ms: u64,
) -> Resolution {
    // A response with repeated parameters carries no trustworthy state: nothing is consumed.
    if let Callback::Malformed { reason, state: None } = &cb {
        return Resolution::Failed { pending: None, error: SignInError::Malformed(reason.clone()) };
    }
    let pending = match store.take(cb.state(), now_ms) {
        Ok(p) => p,
        Err(e) => return Resolution::Failed { pending: None, error: e.into() },
    };
    let failed = |pending, error| Resolution::Failed { pending: Some(pending), error };
    if let Some(m) = mix_up(&pending, arrived_at, iss) {
        return failed(pending, SignInError::MixUp(m));
    }
    match cb {
        Callback::Token { access_token, expires_in, .. } if pending.method == Method::Implicit => {
            Resolution::Token { pending, access_token, expires_in }
        }
        Callback::Code { code, .. } if pending.method == Method::Pkce && pending.verifier.is_some() => {
            Resolution::Exchange { pending, code }
        }
        Callback::Token { .. } => {
            failed(pending, SignInError::WrongMethod { expected: "PKCE", got: "implicit (token)" })
        }
        Callback::Code { .. } => {
            failed(pending, SignInError::WrongMethod { expected: "implicit", got: "code" })
        }
        Callback::Error { error, description, uri, .. } => {
            failed(pending, SignInError::Refused { error, description, uri })
        }
        Callback::Malformed { reason, .. } => failed(pending, SignInError::Malformed(reason)),
    }
}

/// A resolved callback, as handed to its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub capture: Capture,
    pub resolution: Resolution,
    /// Taking the same state again was refused (the state is single use).
    pub refused_again: bool,
}

impl Delivery {
    /// Who gets it: the owner of the sign-in its state matched; a response that matched none goes
    /// to whoever started the last sign-in in this tab (`last_started`), else to the admin.
    pub fn owner(&self, last_started: Option<Owner>) -> Owner {
        match self.resolution.pending() {
            Some(p) => p.purpose.owner(),
            None => last_started.unwrap_or(Owner::Admin),
        }
    }
}

/// Resolves a capture against the pending sign-ins (consuming its state), and checks that the
/// same state is refused a second time. `None` when the capture is no OAuth response.
pub fn resolve_capture(arrival: &Arrival, store: &mut PendingStore, now_ms: u64) -> Option<Delivery> {
    let capture = &arrival.capture;
    let cb = classify(capture)?;
    let state = cb.state().map(str::to_string);
    let resolution = resolve(cb, arrival.at.as_deref(), issuer(capture).as_deref(), store, now_ms);
    let refused_again = state.is_some_and(|s| store.clone().take(Some(&s), now_ms).is_err());
    Some(Delivery { capture: capture.clone(), resolution, refused_again })
}

/// A sign-in that has begun: its state and the authorize URL to visit.
pub struct Begun {
    pub state: String,
    pub url: String,
}

/// Stores the pending sign-in and returns where to go (synchronously, so a popup can still open
/// within the click that asked for it).
pub fn begin(req: SignInRequest, now_ms: u64, random: impl Fn() -> [u8; 32]) -> Begun {
    store::remember_owner(req.purpose.owner());
    let (pending, url) = start(req, &random(), &random(), now_ms);
    let state = pending.state.clone();
    store::add_pending(pending, now_ms);
    Begun { state, url }
}

/// Takes an OAuth response out of the address bar (and its history entry), if it holds one:
/// the first step on return, before anything renders. A callback route is left for the app's own
/// address at once (the arrival keeps where it landed).
pub fn take_capture() -> Option<Arrival> {
    let at = address::page_address();
    let parts = address::take_parts_if(|p| Capture::from(p.clone()).is_oauth_response())?;
    if is_callback_route(&address::current_path()) {
        address::replace_address(&address::app_url());
    }
    Some(Arrival { capture: Capture::from(parts), at: Some(at) })
}

/// Resolves an arrival against this tab's pending sign-ins; the owner it goes to.
pub fn take(arrival: &Arrival, now_ms: u64) -> Option<(Owner, Delivery)> {
    let mut pending = store::load_pending();
    let delivery = resolve_capture(arrival, &mut pending, now_ms)?;
    store::save_pending(&pending);
    Some((delivery.owner(store::last_owner()), delivery))
}

/// The PKCE code exchange of a pending sign-in, at the token endpoint of its own environment.
pub async fn exchange(pending: &Pending, code: &Secret) -> Result<TokenResponse, ApiError> {
    let body = authorize::code_exchange_body(
        code.expose(),
        pending.verifier.as_ref().map(Secret::expose).unwrap_or_default(),
        &pending.client_id,
        &pending.redirect_uri,
    );
    api::token_exchange(&pending.env.token_endpoint(), &body).await
}

/// The token a resolution leads to (exchanging a PKCE code first), or why there is none.
pub async fn token_of(
    resolution: Resolution,
) -> Result<(Pending, Secret, u64), (Option<Pending>, SignInError)> {
    match resolution {
        Resolution::Token { pending, access_token, expires_in } => Ok((pending, access_token, expires_in)),
        Resolution::Exchange { pending, code } => match exchange(&pending, &code).await {
            Ok(t) => Ok((pending, t.access_token, t.expires_in)),
            Err(e) => Err((Some(pending), SignInError::Exchange(e))),
        },
        Resolution::Failed { pending, error } => Err((pending, error)),
    }
}

/// Completes an admin sign-in: the token (exchanged when PKCE), verified with `tokens/me` and
/// `users/me`, becomes a session.
/// Also returns where to go next.
pub async fn complete_admin(
    resolution: Resolution,
    now_ms: crate::platform::Clock,
) -> Result<(Session, Option<String>), (Option<Environment>, SignInError)> {
    let (pending, token, expires_in) = token_of(resolution).await.map_err(|(p, e)| (p.map(|p| p.env), e))?;
    let api = Api::new(&pending.env, &token);
    match verify_token(&api, &pending, now_ms, true, |_| {}).await {
        Ok(Verified { info, user }) => Ok((
            Session::new(&pending, token, expires_in, now_ms(), info, user),
            return_path(pending.return_to.as_deref()),
        )),
        Err(unverified) => Err((Some(pending.env), unverified.into())),
    }
}

impl From<Unverified> for SignInError {
    fn from(u: Unverified) -> SignInError {
        match u {
            Unverified::Rejected(e) => SignInError::Verify(e),
            Unverified::WrongClient { expected, got } => SignInError::WrongClient { expected, got },
        }
    }
}

/// Is this in-app path a callback route? It is only where responses land: once one is taken,
/// the address becomes the app's own (the response remembers where it arrived).
pub fn is_callback_route(path: &str) -> bool {
    path.strip_prefix('/')
        .and_then(|p| p.strip_prefix(crate::env::EXTERNAL_CALLBACK))
        .is_some_and(|route| route.starts_with('/'))
}

/// Where to go after an admin sign-in or a switch: only a path of this app (no `//host`, no
/// scheme, no `\` and no tab or line break, which the browser drops to make `//host` again).
pub fn return_path(return_to: Option<&str>) -> Option<String> {
    return_to
        .filter(|p| {
            p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control)
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_its_description() {
        let e = |description: Option<&str>| SignInError::Refused {
            error: "access_denied".into(),
            description: description.map(str::to_string),
            uri: None,
        };
        assert_eq!(e(None).to_string(), "The login server refused the sign-in: access_denied");
        assert_eq!(
            e(Some("The user said no")).to_string(),
            "The login server refused the sign-in: access_denied (The user said no)"
        );
    }

    fn req(method: Method, purpose: Purpose) -> SignInRequest {
        SignInRequest {
            purpose,
            env: Environment::Sandbox,
            client_id: " cid ".into(),
            method,
            extras: Extras::default(),
            redirect_uri: "http://127.0.0.1:8080/".into(),
            return_to: Some("/clients".into()),
            issuer: None,
            lands: Lands::Here,
        }
    }

    fn frag(s: String) -> Arrival {
        Arrival { capture: Capture { fragment: s, query: String::new() }, at: None }
    }

    fn query_at(q: String, at: &str) -> Arrival {
        Arrival { capture: Capture { fragment: String::new(), query: q }, at: Some(at.into()) }
    }

    fn started(method: Method, purpose: Purpose) -> (Pending, PendingStore) {
        let (p, _) = start(req(method, purpose), &[1; 32], &[2; 32], 0);
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        (p, store)
    }

    #[test]
    fn implicit_round_trip() {
        let (p, url) = start(req(Method::Implicit, Purpose::Admin), &[1; 32], &[2; 32], 0);
        assert!(url.contains("response_type=token") && url.contains(&p.state));
        assert_eq!(p.verifier, None);
        assert_eq!(p.client_id, "cid");
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let cap = frag(format!("access_token=T&expires_in=60&state={}", p.state));
        let d = resolve_capture(&cap, &mut store, 10).unwrap();
        assert_eq!(
            d.resolution,
            Resolution::Token { pending: p.clone(), access_token: "T".into(), expires_in: 60 }
        );
        assert!(d.refused_again, "the state is spent");
        // The same response again: rejected.
        let again = resolve_capture(&cap, &mut store, 20).unwrap();
        assert_eq!(
            again.resolution,
            Resolution::Failed { pending: None, error: SignInError::State(StateError::Reused) }
        );
    }

    #[test]
    fn a_sign_in_that_lands_in_a_popup_says_so_in_its_state() {
        let popup = SignInRequest { lands: Lands::InPopup, ..req(Method::Pkce, Purpose::TesterRun(2)) };
        let (p, url) = start(popup, &[1; 32], &[2; 32], 0);
        assert!(crate::oauth::pending::lands_in_popup(&p.state), "{}", p.state);
        assert!(url.contains(&format!("state={}", p.state)), "{url}");
        // It resolves like any other, by its exact state.
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let d = resolve_capture(&frag(format!("error=access_denied&state={}", p.state)), &mut store, 1);
        assert!(d.unwrap().resolution.pending().is_some_and(|q| q.state == p.state));
        let (here, _) = start(req(Method::Pkce, Purpose::TesterRun(2)), &[1; 32], &[2; 32], 0);
        assert!(!crate::oauth::pending::lands_in_popup(&here.state));
    }

    #[test]
    fn pkce_round_trip() {
        let (p, url) = start(req(Method::Pkce, Purpose::Admin), &[1; 32], &[2; 32], 0);
        let challenge = pkce::challenge_s256(p.verifier.as_ref().unwrap().expose());
        assert!(url.contains(&format!("code_challenge={challenge}")));
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        let cap = query_at(format!("code=K&state={}", p.state), "http://127.0.0.1:8080/");
        let d = resolve_capture(&cap, &mut store, 1).unwrap();
        assert_eq!(d.resolution, Resolution::Exchange { pending: p, code: "K".into() });
    }

    #[test]
    fn tampered_state_and_errors() {
        let (p, mut store) = started(Method::Implicit, Purpose::Admin);
        let tampered = frag(format!("access_token=T&expires_in=60&state={}x", p.state));
        let d = resolve_capture(&tampered, &mut store, 1).unwrap();
        assert_eq!(
            d.resolution,
            Resolution::Failed { pending: None, error: SignInError::State(StateError::Unknown) }
        );
        let refused = frag(format!("error=access_denied&error_description=No&state={}", p.state));
        match resolve_capture(&refused, &mut store, 2).unwrap().resolution {
            Resolution::Failed {
                pending: Some(_),
                error: SignInError::Refused { error, description, .. },
            } => {
                assert_eq!(error, "access_denied");
                assert_eq!(description.as_deref(), Some("No"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(resolve_capture(&frag("tab=2".into()), &mut store, 3), None, "no OAuth response");
    }

    #[test]
    fn method_mismatch_is_refused() {
        let (p, mut store) = started(Method::Pkce, Purpose::Admin);
        let r = resolve(
            classify(&frag(format!("access_token=T&expires_in=60&state={}", p.state)).capture).unwrap(),
            None,
            None,
            &mut store,
            1,
        );
        assert!(matches!(r, Resolution::Failed { error: SignInError::WrongMethod { .. }, .. }));
    }

    #[test]
    fn repeated_parameters_consume_nothing() {
        let (p, mut store) = started(Method::Implicit, Purpose::Admin);
        let cap = frag(format!("access_token=a&access_token=b&expires_in=5&state={}", p.state));
        let d = resolve_capture(&cap, &mut store, 1).unwrap();
        assert!(matches!(
            d.resolution,
            Resolution::Failed { pending: None, error: SignInError::Malformed(_) }
        ));
        assert!(store.take(Some(&p.state), 2).is_ok(), "the real response can still arrive");
    }

    #[test]
    fn each_response_goes_to_its_owner() {
        // A matched state decides, whatever was started last.
        let (p, mut store) = started(Method::Implicit, Purpose::TesterRun(3));
        let d =
            resolve_capture(&frag(format!("access_token=T&expires_in=60&state={}", p.state)), &mut store, 1)
                .unwrap();
        assert_eq!(d.owner(Some(Owner::Admin)), Owner::Tester);
        let (p, mut store) = started(Method::Pkce, Purpose::Admin);
        let d =
            resolve_capture(&frag(format!("error=access_denied&state={}", p.state)), &mut store, 1).unwrap();
        assert_eq!(d.owner(Some(Owner::Tester)), Owner::Admin, "an admin's refusal stays the admin's");
        // No match: whoever started the last sign-in in this tab, else the admin.
        let d = resolve_capture(&frag("access_token=T&expires_in=60&state=forged".into()), &mut store, 2)
            .unwrap();
        assert_eq!(d.owner(Some(Owner::Tester)), Owner::Tester);
        assert_eq!(d.owner(Some(Owner::Admin)), Owner::Admin);
        assert_eq!(d.owner(None), Owner::Admin);
        assert_eq!(serde_json::to_string(&Owner::Tester).unwrap(), "\"tester\"");
    }

    #[test]
    fn debug_output_never_holds_a_token_a_code_or_a_verifier() {
        let (p, mut store) = started(Method::Implicit, Purpose::Admin);
        let d = resolve_capture(
            &frag(format!("access_token=T0KEN&expires_in=60&state={}", p.state)),
            &mut store,
            1,
        );
        let printed = format!("{d:?}");
        assert!(printed.contains("Token") && !printed.contains("T0KEN"), "{printed}");
        let (p, mut store) = started(Method::Pkce, Purpose::Admin);
        let cap = query_at(format!("code=C0DE&state={}", p.state), "http://127.0.0.1:8080/");
        let printed = format!("{:?}", resolve_capture(&cap, &mut store, 1));
        assert!(
            !printed.contains("C0DE") && !printed.contains(p.verifier.as_ref().unwrap().expose()),
            "{printed}"
        );
    }

    /// The app's route for the server of [`server_run`].
    fn server_route() -> String {
        let env =
            Environment::server("http://127.0.0.1:8799/authorize", "http://127.0.0.1:8799/token").unwrap();
        format!("http://127.0.0.1:8080/{}", env.callback_path())
    }

    fn server_run() -> (Pending, PendingStore) {
        let env =
            Environment::server("http://127.0.0.1:8799/authorize", "http://127.0.0.1:8799/token").unwrap();
        let req = SignInRequest {
            env: env.clone(),
            redirect_uri: redirect_uri("http://127.0.0.1:8080/", &env),
            ..req(Method::Pkce, Purpose::TesterRun(1))
        };
        let (p, _) = start(req, &[3; 32], &[4; 32], 0);
        let mut store = PendingStore::default();
        store.insert(p.clone(), 0);
        (p, store)
    }

    #[test]
    fn a_response_on_another_kinds_route_is_refused() {
        let (p, mut store) = server_run();
        assert_eq!(p.redirect_uri, server_route().as_str());
        // The evil server bounced the browser to Genesys, which came back to the app's root.
        let bounced = query_at(format!("code=K&state={}", p.state), "http://127.0.0.1:8080/");
        match resolve_capture(&bounced, &mut store, 1).unwrap().resolution {
            Resolution::Failed {
                pending: Some(_),
                error: SignInError::MixUp(MixUp::Route { expected, arrived }),
            } => {
                assert_eq!(expected, server_route().as_str());
                assert_eq!(arrived, "http://127.0.0.1:8080/");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            store.take(Some(&p.state), 2).is_err(),
            "the state is spent: the code can never be exchanged"
        );
        let (p, mut store) = server_run();
        let home = query_at(format!("code=K&state={}", p.state), server_route().as_str());
        assert!(matches!(
            resolve_capture(&home, &mut store, 1).unwrap().resolution,
            Resolution::Exchange { .. }
        ));
    }

    #[test]
    fn another_issuer_is_refused() {
        let (p, mut store) = server_run();
        let at = &server_route();
        let evil = query_at(format!("code=K&state={}&iss=https%3A%2F%2Flogin.mypurecloud.com", p.state), at);
        let r = resolve_capture(&evil, &mut store, 1).unwrap().resolution;
        assert!(
            matches!(r, Resolution::Failed { error: SignInError::MixUp(MixUp::Issuer { .. }), .. }),
            "{r:?}"
        );
        let (p, mut store) = server_run();
        let own = query_at(format!("code=K&state={}&iss=http%3A%2F%2F127.0.0.1%3A8799", p.state), at);
        assert!(matches!(
            resolve_capture(&own, &mut store, 1).unwrap().resolution,
            Resolution::Exchange { .. }
        ));
    }

    #[test]
    fn the_issuer_of_its_metadata_is_compared_exactly() {
        let run = |required: bool| {
            let (mut p, _) = server_run();
            p.issuer = Some(Issuer { id: "http://127.0.0.1:8799/tenant-a".into(), required });
            let mut store = PendingStore::default();
            store.insert(p.clone(), 0);
            (p, store)
        };
        let at = &server_route();
        let with_iss = |p: &Pending, iss: Option<&str>| {
            let iss = iss
                .map(|i| {
                    format!(
                        "&iss={}",
                        percent_encoding::utf8_percent_encode(i, percent_encoding::NON_ALPHANUMERIC)
                    )
                })
                .unwrap_or_default();
            query_at(format!("code=K&state={}{iss}", p.state), at)
        };
        // Another tenant on the same host names the same origin, but not the same issuer.
        let (p, mut store) = run(false);
        let other = with_iss(&p, Some("http://127.0.0.1:8799/tenant-b"));
        let r = resolve_capture(&other, &mut store, 1).unwrap().resolution;
        assert!(
            matches!(r, Resolution::Failed { error: SignInError::MixUp(MixUp::Issuer { .. }), .. }),
            "{r:?}"
        );
        let (p, mut store) = run(false);
        let own = with_iss(&p, Some("http://127.0.0.1:8799/tenant-a"));
        assert!(matches!(
            resolve_capture(&own, &mut store, 1).unwrap().resolution,
            Resolution::Exchange { .. }
        ));
        // Without iss: fine, unless the metadata promised it.
        let (p, mut store) = run(false);
        assert!(matches!(
            resolve_capture(&with_iss(&p, None), &mut store, 1).unwrap().resolution,
            Resolution::Exchange { .. }
        ));
        let (p, mut store) = run(true);
        let r = resolve_capture(&with_iss(&p, None), &mut store, 1).unwrap().resolution;
        assert!(
            matches!(r, Resolution::Failed { error: SignInError::MixUp(MixUp::NoIssuer { .. }), .. }),
            "{r:?}"
        );
    }

    #[test]
    fn pasted_addresses_are_judged_where_they_say_they_arrived() {
        let (p, mut store) = server_run();
        let pasted = Arrival::pasted(&format!("http://127.0.0.1:8080/?code=K&state={}", p.state));
        assert_eq!(pasted.at.as_deref(), Some("http://127.0.0.1:8080/"));
        let r = resolve_capture(&pasted, &mut store, 1).unwrap().resolution;
        assert!(matches!(r, Resolution::Failed { error: SignInError::MixUp(_), .. }));
        let (p, mut store) = server_run();
        let fragment_only = Arrival::pasted(&format!("?code=K&state={}", p.state));
        assert_eq!(fragment_only.at, None);
        assert!(matches!(
            resolve_capture(&fragment_only, &mut store, 1).unwrap().resolution,
            Resolution::Exchange { .. }
        ));
    }

    #[test]
    fn only_app_paths_are_returned_to() {
        assert_eq!(return_path(Some("/clients/x")).as_deref(), Some("/clients/x"));
        for bad in [
            "//evil.example.com/x",
            "https://evil.example.com/",
            "clients",
            "/\\evil.example.com",
            "/\t/evil.example.com",
        ] {
            assert_eq!(return_path(Some(bad)), None, "{bad}");
        }
        assert_eq!(return_path(None), None);
    }

    #[test]
    fn callback_routes_are_told_apart() {
        assert!(is_callback_route("/callback/3d9efee7848d"));
        for other in ["/", "/clients", "/callbacks/x", "/callback", "/x/callback/y"] {
            assert!(!is_callback_route(other), "{other}");
        }
    }
}
