//! The trace of a Tester run: each step of the sign-in from this page to the login host and
//! back, then to the API — what was sent (every parameter decoded, secrets masked), whether it
//! was answered, how long it took, and where it broke and why (with the status of a refusal). Plain data (kept in the run's record and
//! its export) and pure builders; [`super::trace_svg`] draws it.

use crate::oauth::callback::{is_oauth, is_secret_key, parse_params, response_params, Capture};
use crate::platform::error::ApiError;
use serde::{Deserialize, Serialize};

/// Who takes part: the lifelines of the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    /// This page, in the browser.
    Page,
    /// The login host (the authorization server).
    Login,
    /// The API (Genesys Cloud's Platform API).
    Api,
}

impl Party {
    pub fn label(self) -> &'static str {
        match self {
            Party::Page => "This page (browser)",
            Party::Login => "Login host",
            Party::Api => "API",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepStatus {
    Ok,
    Failed,
    /// An earlier step broke: this one never happened.
    NotReached,
}

/// One parameter as sent or received, decoded; a secret's value is masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub value: String,
}

/// What stands in for a secret value.
pub const MASKED: &str = "[masked]";

/// One step of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub title: String,
    pub from: Party,
    pub to: Party,
    /// The request in one line, e.g. `GET /oauth/authorize`.
    pub request: String,
    pub params: Vec<Param>,
    pub status: StepStatus,
    /// The HTTP status of the answer, when one came.
    pub http_status: Option<u16>,
    /// How long it took, when measured.
    pub ms: Option<u64>,
    /// Why it broke.
    pub error: Option<String>,
}

impl Step {
    fn new(title: &str, from: Party, to: Party, request: String, params: Vec<Param>) -> Step {
        Step {
            title: title.into(),
            from,
            to,
            request,
            params,
            status: StepStatus::Ok,
            http_status: None,
            ms: None,
            error: None,
        }
    }

    /// The steps as they were when this page's policy blocked the request of the one that broke:
    /// it never left the browser, and says so instead of "could not reach".
    pub fn blocked_by_policy(steps: &mut [Step]) {
        if let Some(s) = steps.iter_mut().rev().find(|s| s.status == StepStatus::Failed) {
            s.error = Some(
                "blocked by this page's Content-Security-Policy: the request never left the browser".into(),
            );
        }
    }

    /// This step, broken for `why` (also when its request was answered).
    pub fn failed(mut self, why: impl Into<String>) -> Step {
        self.status = StepStatus::Failed;
        self.error = Some(why.into());
        self
    }

    /// This step as it ended: its time, and why it broke (with the answer's status, when one
    /// came). A success is a 2xx, its exact status unknown here: none is made up.
    fn ended(mut self, ms: u64, result: Result<(), &ApiError>) -> Step {
        self.ms = Some(ms);
        match result {
            Ok(()) => self,
            Err(e) => {
                if let ApiError::Http { status, .. } = e {
                    self.http_status = Some(*status);
                }
                self.failed(e.to_string())
            }
        }
    }
}

fn params(pairs: Vec<(String, String)>, also_masked: &[&str]) -> Vec<Param> {
    pairs
        .into_iter()
        .map(|(name, value)| {
            let masked = is_secret_key(&name) || also_masked.contains(&name.as_str());
            Param { value: if masked { MASKED.into() } else { value }, name }
        })
        .collect()
}

/// The path of a URL (without query or fragment); the whole text when it is no URL.
fn path_of(url: &str) -> String {
    crate::url::HttpUrl::parse(url).map(|u| u.path().to_string()).unwrap_or_else(|_| url.to_string())
}

/// Step 1: The browser leaves for the authorization endpoint with these parameters (the state and
/// the PKCE challenge shown; the verifier never leaves this tab, and is hidden).
pub fn authorize(url: &str, pkce: bool) -> Step {
    let mut p = params(parse_params(&Capture::of_url(url).query), &[]);
    if pkce {
        p.push(Param {
            name: "code_verifier".into(),
            value: "[hidden: kept in this tab for the token request]".into(),
        });
    }
    Step::new(AUTHORIZE, Party::Page, Party::Login, format!("GET {}", path_of(url)), p)
}

/// Step 2: At the login host: the user signs in (or not). `came_back`: the browser came back.
/// `started_ms`: when the run left, if this page knows it (not for a response no run here
/// started, nor for a replay): the time is not made up. `closed`: the popup was closed first.
pub fn login(started_ms: Option<u64>, now_ms: u64, came_back: bool, closed: bool) -> Step {
    let s = Step::new(LOGIN, Party::Login, Party::Login, "the user signs in".into(), vec![]);
    let s = Step { ms: started_ms.map(|t| now_ms.saturating_sub(t)), ..s };
    match (came_back, closed) {
        (true, _) => s,
        (false, true) => s.failed("The popup was closed before the login page sent the browser back."),
        (false, false) => s.failed("The login page never sent the browser back: the run timed out."),
    }
}

/// Step 3: The browser comes back to the redirect URI: the fragment (implicit) or query (code),
/// decoded, the code and every token masked. `error`: why the response was refused.
pub fn callback(capture: &Capture, redirect_uri: &str, error: Option<String>) -> Step {
    // The part that holds the response, as the sign-in judged it: the fragment when it holds
    // one (implicit), else the query (an app's own `#/` or query beside it is not the server's).
    let in_fragment = is_oauth(&parse_params(&capture.fragment));
    let pairs = response_params(capture).unwrap_or_default();
    let part = if in_fragment { "#fragment" } else { "?query" };
    let s = Step::new(
        CALLBACK,
        Party::Login,
        Party::Page,
        format!("302 → {}{part}", path_of(redirect_uri)),
        params(pairs, &[]),
    );
    match error {
        Some(why) => s.failed(why),
        None => s,
    }
}

/// Step 4: PKCE: the code and the verifier go to the token endpoint (both masked); the answer's
/// token masked.
pub fn token(
    token_url: &str,
    client_id: &str,
    redirect_uri: &str,
    ms: u64,
    answer: Result<u64, &ApiError>,
) -> Step {
    let sent = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".to_string(), String::new()),
        ("code_verifier".to_string(), String::new()),
        ("client_id".to_string(), client_id.to_string()),
        ("redirect_uri".to_string(), redirect_uri.to_string()),
    ];
    let mut p = params(sent, &["code_verifier"]);
    if let Ok(expires_in) = answer {
        p.push(Param { name: "→ access_token".into(), value: MASKED.into() });
        p.push(Param { name: "→ expires_in".into(), value: expires_in.to_string() });
    }
    Step::new(TOKEN, Party::Page, Party::Login, format!("POST {}", path_of(token_url)), p)
        .ended(ms, answer.map(|_| ()))
}

/// Step 5: A call to the API with the token (a Bearer header, never in the URL).
pub fn api_call(title: &str, path: &str, ms: u64, answer: Result<(), &ApiError>) -> Step {
    let p = vec![Param { name: "Authorization".into(), value: format!("Bearer {MASKED}") }];
    Step::new(title, Party::Page, Party::Api, format!("GET {path}"), p).ended(ms, answer)
}

/// Any server: its OpenID userinfo endpoint, asked with the token.
pub fn userinfo(url: &str, ms: u64, answer: Result<(), &ApiError>) -> Step {
    let p = vec![Param { name: "Authorization".into(), value: format!("Bearer {MASKED}") }];
    Step::new(USERINFO, Party::Page, Party::Login, format!("GET {}", path_of(url)), p).ended(ms, answer)
}

/// A step that never happened because an earlier one broke.
pub fn not_reached(title: &str, from: Party, to: Party, request: &str) -> Step {
    Step { status: StepStatus::NotReached, ..Step::new(title, from, to, request.into(), vec![]) }
}

/// Titles of the steps, as they come.
pub const AUTHORIZE: &str = "Authorize request";
pub const LOGIN: &str = "Sign-in at the login host";
pub const CALLBACK: &str = "Callback";
pub const TOKEN: &str = "Token request";
pub const TOKENS_ME: &str = "Who the token is";
pub const USERS_ME: &str = "Who signed in";
pub const USERINFO: &str = "Who signed in (userinfo)";

/// The steps a run has, in order: the token request for PKCE, the API calls where there is the
/// Platform API, else the server's userinfo when known.
fn expected(pkce: bool, api: bool, userinfo: bool) -> Vec<(&'static str, Party, Party, &'static str)> {
    let mut out = vec![
        (AUTHORIZE, Party::Page, Party::Login, "GET the authorization endpoint"),
        (LOGIN, Party::Login, Party::Login, "the user signs in"),
        (CALLBACK, Party::Login, Party::Page, "302 → the redirect URI"),
    ];
    if pkce {
        out.push((TOKEN, Party::Page, Party::Login, "POST the token endpoint"));
    }
    if api {
        out.push((TOKENS_ME, Party::Page, Party::Api, "GET /api/v2/tokens/me"));
        out.push((USERS_ME, Party::Page, Party::Api, "GET /api/v2/users/me"));
    } else if userinfo {
        out.push((USERINFO, Party::Page, Party::Login, "GET the userinfo endpoint"));
    }
    out
}

/// The authorize request never left: the browser blocked the popup it was to open.
pub fn blocked(mut steps: Vec<Step>) -> Vec<Step> {
    if let Some(first) = steps.first_mut().filter(|s| s.title == AUTHORIZE) {
        *first = first.clone().failed("The browser blocked the popup: the authorize request was never sent.");
    }
    steps
}

/// After a step broke: the steps that would have followed, not reached.
pub fn rest_not_reached(steps: &mut Vec<Step>, pkce: bool, api: bool, userinfo: bool) {
    if broken(steps).is_none() {
        return;
    }
    let last = steps.last().map(|s| s.title.clone());
    let plan = expected(pkce, api, userinfo);
    let from = last.and_then(|t| plan.iter().position(|(title, ..)| *title == t)).map_or(0, |i| i + 1);
    for (title, a, b, request) in plan.into_iter().skip(from) {
        steps.push(not_reached(title, a, b, request));
    }
}

/// The step where the run broke, if any.
pub fn broken(steps: &[Step]) -> Option<&Step> {
    steps.iter().find(|s| s.status == StepStatus::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_blocked_by_the_policy_says_so() {
        let ok = api_call("Who the token is", "/api/v2/tokens/me", 3, Ok(()));
        let broke = ok.clone().failed("could not reach the server");
        let mut steps = vec![ok, broke];
        Step::blocked_by_policy(&mut steps);
        assert_eq!(steps[0].error, None);
        assert!(steps[1]
            .error
            .as_deref()
            .unwrap()
            .starts_with("blocked by this page's Content-Security-Policy"));
    }

    const URL: &str = "http://127.0.0.1:8787/oauth/authorize?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&state=S7&code_challenge=CH&code_challenge_method=S256";

    #[test]
    fn the_authorize_request_decoded_the_verifier_hidden() {
        let s = authorize(URL, true);
        assert_eq!(s.request, "GET /oauth/authorize");
        let get = |k: &str| s.params.iter().find(|p| p.name == k).map(|p| p.value.as_str());
        assert_eq!(get("redirect_uri"), Some("http://127.0.0.1:8080/"));
        assert_eq!((get("state"), get("code_challenge")), (Some("S7"), Some("CH")));
        assert!(get("code_verifier").unwrap().starts_with("[hidden"));
        assert_eq!(authorize(URL, false).params.iter().filter(|p| p.name == "code_verifier").count(), 0);
    }

    #[test]
    fn secrets_are_masked_everywhere() {
        let cap = Capture { fragment: String::new(), query: "code=C0DE&state=S7&iss=http%3A%2F%2Fx".into() };
        let s = callback(&cap, "http://127.0.0.1:8080/", None);
        assert_eq!(s.request, "302 → /?query");
        assert_eq!(s.params[0], Param { name: "code".into(), value: MASKED.into() });
        assert_eq!(s.params[2].value, "http://x");
        let cap = Capture {
            fragment: "access_token=T0K&id_token=I&expires_in=60&state=S".into(),
            query: String::new(),
        };
        let s = callback(&cap, "http://127.0.0.1:8080/", None);
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("T0K") && !json.contains("\"I\""), "{json}");
        let t = token("http://h/oauth/token", "c1", "http://127.0.0.1:8080/", 12, Ok(86_400));
        assert!(t.params.iter().filter(|p| p.name.contains("code")).all(|p| p.value == MASKED));
        assert_eq!(t.request, "POST /oauth/token");
        assert_eq!((t.http_status, t.ms, t.status), (None, Some(12), StepStatus::Ok));
        // A fragment response: only the fragment is the server's.
        let cap = Capture { fragment: "access_token=T&state=S".into(), query: "page=1".into() };
        let s = callback(&cap, "http://127.0.0.1:8080/", None);
        assert_eq!((s.request.as_str(), s.params.len()), ("302 → /#fragment", 2));
        // A code in the query beside a single-page app's own `#/`: the query is the response.
        let cap = Capture { fragment: "/".into(), query: "code=C&state=S".into() };
        let s = callback(&cap, "http://127.0.0.1:8080/", None);
        assert_eq!((s.request.as_str(), s.params.len()), ("302 → /?query", 2));
    }

    #[test]
    fn the_failing_step_says_why() {
        let err = ApiError::Http {
            status: 400,
            body: crate::platform::api::error_body(
                r#"{"error":"invalid_grant","error_description":"The code has expired"}"#,
            ),
            correlation_id: None,
            retry_after: None,
        };
        let t = token("http://h/token", "c1", "http://127.0.0.1:8080/", 40, Err(&err));
        assert_eq!((t.status, t.http_status), (StepStatus::Failed, Some(400)));
        assert!(t.error.as_deref().unwrap().contains("The code has expired"), "{:?}", t.error);
        assert!(!t.params.iter().any(|p| p.name.starts_with('→')), "no answer shown for a refusal");
        let mut steps = vec![authorize(URL, true), login(Some(1_000), 4_500, true, false), t.clone()];
        rest_not_reached(&mut steps, true, true, false);
        assert_eq!(broken(&steps), Some(&t));
        assert_eq!(steps[1].ms, Some(3_500));
        let titles: Vec<(&str, StepStatus)> = steps.iter().map(|s| (s.title.as_str(), s.status)).collect();
        assert_eq!(
            titles[2..],
            [
                (TOKEN, StepStatus::Failed),
                (TOKENS_ME, StepStatus::NotReached),
                (USERS_ME, StepStatus::NotReached)
            ]
        );
        // A popup that never came back: everything after the login host is not reached.
        let mut lost = vec![authorize(URL, false), login(Some(0), 1, false, true)];
        rest_not_reached(&mut lost, false, false, true);
        let titles: Vec<&str> = lost.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, [AUTHORIZE, LOGIN, CALLBACK, USERINFO]);
        assert_eq!(lost[3].from, Party::Page);
        // A run that signed in gets nothing added.
        let mut fine = vec![authorize(URL, false)];
        rest_not_reached(&mut fine, false, true, false);
        assert_eq!(fine.len(), 1);
        // Not measured is not zero.
        assert_eq!(login(None, 9_000, true, false).ms, None);
        // A blocked popup: the authorize request is where it broke.
        let mut b = blocked(vec![authorize(URL, true)]);
        rest_not_reached(&mut b, true, false, false);
        assert_eq!((b[0].status, b.len()), (StepStatus::Failed, 4));
        assert!(b[1..].iter().all(|s| s.status == StepStatus::NotReached));
        let lost = login(Some(1_000), 500, false, false);
        assert_eq!((lost.status, lost.ms), (StepStatus::Failed, Some(0)));
        let api =
            api_call("Who the token is", "/api/v2/tokens/me", 7, Err(&ApiError::Network { url: "u".into() }));
        assert_eq!((api.status, api.http_status), (StepStatus::Failed, None));
        assert!(api.params[0].value.contains(MASKED));
    }
}
