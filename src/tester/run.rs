//! A Tester run: what was tried, what came back, the checklist, the troubleshooting, the
//! outcome (a typed value, saved by name, never by its label) — plain data and pure functions.

use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::oauth::callback::{is_secret_key, Capture};
use crate::oauth::flow::{Resolution, SignInError};
use crate::oauth::pending::StateError;
use crate::platform::rules::DURATION_MAX;
use crate::platform::templates::{js_string, shell_word};
use crate::url::{is_secure_url, origin_of};
use serde::{Deserialize, Serialize};

pub use super::advice::{troubleshoot, Advice, Failure};

/// How the browser went to the login page and came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    Redirect,
    Popup,
    /// The developer pasted the URL they landed on.
    Pasted,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Redirect => "Redirect",
            Mode::Popup => "Popup",
            Mode::Pasted => "Pasted",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Pass,
    Fail,
    Warn,
    /// Not applicable to this run.
    Skip,
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub label: String,
    pub status: Status,
    pub detail: String,
}

/// Each line of a run's checklist, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckId {
    StateMatched,
    StateSingleUse,
    CallbackRemoved,
    Https,
    TokenOutOfStorage,
    ExpiresIn,
    NoThirdParty,
}

impl CheckId {
    /// The line's label, as shown and exported.
    pub fn label(self) -> &'static str {
        match self {
            CheckId::StateMatched => "State sent and matched",
            CheckId::StateSingleUse => "State single-use",
            CheckId::CallbackRemoved => "Callback removed from the address",
            CheckId::Https => "Endpoints over https",
            CheckId::TokenOutOfStorage => "Token kept out of storage",
            CheckId::ExpiresIn => "expires_in present and sensible",
            CheckId::NoThirdParty => "No third-party requests",
        }
    }
}

fn check(id: CheckId, status: Status, detail: impl Into<String>) -> Check {
    Check { label: id.label().into(), status, detail: detail.into() }
}

/// What the browser observed, gathered after the callback (see `browser`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observed {
    /// The address after the callback was captured.
    pub address_after: String,
    /// Every value in localStorage and sessionStorage.
    pub storage_values: Vec<String>,
    /// Every URL the page fetched or loaded.
    pub requested_urls: Vec<String>,
    /// The app's own origin.
    pub app_origin: String,
}

/// The facts of a finished run that the checklist judges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts<'a> {
    /// The run's environment; `None` for an answer to no run of this tab.
    pub env: Option<&'a Environment>,
    pub redirect_uri: &'a str,
    pub mode: Mode,
    /// The state matched a run started here, and was consumed.
    pub state_matched: Option<Result<(), StateError>>,
    /// Taking the same state a second time was refused as reused.
    pub state_refused_again: bool,
    pub token: Option<&'a str>,
    pub expires_in: Option<u64>,
}

/// Did the response's state match a run started here? `None` when no state came back.
pub fn state_verdict(resolution: &Resolution) -> Option<Result<(), StateError>> {
    match resolution {
        Resolution::Failed { pending: None, error: SignInError::State(e) } => Some(Err(e.clone())),
        Resolution::Failed { pending: None, .. } => None,
        _ => Some(Ok(())),
    }
}

/// A check that passes when nothing was found, and fails naming what was.
fn none_found(label: CheckId, pass: &str, prefix: &str, found: Vec<String>) -> Check {
    if found.is_empty() {
        check(label, Status::Pass, pass)
    } else {
        check(label, Status::Fail, format!("{prefix}{}", found.join(", ")))
    }
}

/// The pass/fail checklist of a run.
pub fn checklist(f: &Facts, seen: &Observed) -> Vec<Check> {
    let mut out = Vec::new();
    out.push(match &f.state_matched {
        Some(Ok(())) => {
            check(CheckId::StateMatched, Status::Pass, "The response carried the state this run sent.")
        }
        Some(Err(e)) => check(CheckId::StateMatched, Status::Fail, e.to_string()),
        None => check(CheckId::StateMatched, Status::Fail, "No state came back."),
    });
    out.push(match (&f.state_matched, f.state_refused_again) {
        (Some(Ok(())), true) => {
            check(CheckId::StateSingleUse, Status::Pass, "The same state was refused a second time.")
        }
        (Some(Ok(())), false) => {
            check(CheckId::StateSingleUse, Status::Fail, "The same state was accepted twice.")
        }
        _ => check(CheckId::StateSingleUse, Status::Skip, "No matched state to test."),
    });
    out.push(match f.mode {
        Mode::Pasted => check(CheckId::CallbackRemoved, Status::Skip, "You pasted the address yourself."),
        _ => {
            let after = seen.address_after.to_ascii_lowercase();
            let leaked = ["access_token=", "code=", "state=", "error="].iter().any(|k| after.contains(k))
                || f.token.is_some_and(|t| seen.address_after.contains(t));
            if leaked {
                check(CheckId::CallbackRemoved, Status::Fail, "The address still holds the response.")
            } else {
                check(
                    CheckId::CallbackRemoved,
                    Status::Pass,
                    "The response was taken out of the address (and the history entry) before anything rendered.",
                )
            }
        }
    });
    let env_endpoints = f.env.map(|e| [e.authorize_endpoint(), e.token_endpoint()]);
    let endpoints = env_endpoints.iter().flatten().cloned().chain([f.redirect_uri.to_string()]);
    let insecure: Vec<String> = endpoints.filter(|u| !is_secure_url(u)).collect();
    out.push(none_found(
        CheckId::Https,
        "Authorize, token and redirect URIs use https (or a loopback host).",
        "Not https: ",
        insecure,
    ));
    out.push(match f.token {
        Some(t) if seen.storage_values.iter().any(|v| v.contains(t)) => {
            check(CheckId::TokenOutOfStorage, Status::Fail, "The token is in localStorage or sessionStorage.")
        }
        Some(_) => {
            check(CheckId::TokenOutOfStorage, Status::Pass, "The token is only in this page's memory.")
        }
        None => check(CheckId::TokenOutOfStorage, Status::Skip, "No token."),
    });
    out.push(match (f.token, f.expires_in) {
        (None, _) => check(CheckId::ExpiresIn, Status::Skip, "No token."),
        (Some(_), None) => check(CheckId::ExpiresIn, Status::Fail, "No expires_in came with the token."),
        (Some(_), Some(s)) if s > DURATION_MAX => check(
            CheckId::ExpiresIn,
            Status::Warn,
            format!("{s} s is longer than 48 h: only SCIM clients should have tokens that long."),
        ),
        (Some(_), Some(s)) => check(CheckId::ExpiresIn, Status::Pass, format!("{s} s.")),
    });
    let env_hosts = f.env.map(|e| [e.authorize_endpoint(), e.token_endpoint(), e.api_base()]);
    let allowed: Vec<String> = [seen.app_origin.clone()]
        .iter()
        .chain(env_hosts.iter().flatten())
        .filter_map(|u| origin_of(u))
        .collect();
    // Only web addresses are requests to a host (data: and blob: are not).
    let third: Vec<String> = seen
        .requested_urls
        .iter()
        .filter(|u| matches!(crate::url::scheme_of(u), Some((s, _)) if s == "http" || s == "https"))
        .filter(|u| !origin_of(u).is_some_and(|o| allowed.contains(&o)))
        .cloned()
        .collect();
    out.push(none_found(
        CheckId::NoThirdParty,
        "Only this page and the environment's hosts were contacted.",
        "",
        third,
    ));
    out
}

/// The callback as text, with the code and every token replaced (for export and display).
pub fn redact(capture: &Capture) -> String {
    capture.to_text(is_secret_key)
}

/// `curl` for `GET /api/v2/users/me`; the token only when revealed.
pub fn curl_users_me(env: &Environment, token: Option<&str>) -> String {
    let header = match token {
        Some(t) => shell_word(&format!("Authorization: Bearer {t}")),
        // The placeholder is the shell's variable: double quotes expand it.
        None => "\"Authorization: Bearer $TOKEN\"".into(),
    };
    format!("curl -H {header} {}", shell_word(&format!("{}/api/v2/users/me", env.api_base())))
}

/// The framework.js `clientIds` entry for a client in a region (`None` outside regions).
pub fn client_ids_snippet(env: &Environment, client_id: &str) -> Option<String> {
    env.domain().map(|d| format!("clientIds: {{\n  {}: {}\n}}", js_string(d), js_string(client_id)))
}

/// How a run ended (or that it has not yet). Saved by its name, never by its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Waiting,
    SignedIn,
    Failed { advice: Advice },
}

impl Outcome {
    /// The outcome of a run that came back: signed in, or failed with the advice for `failure`.
    pub fn of(failure: Option<&Failure>, method: Method) -> Outcome {
        match failure {
            None => Outcome::SignedIn,
            Some(f) => Outcome::Failed { advice: troubleshoot(f, method) },
        }
    }

    /// What the page shows.
    pub fn label(&self) -> String {
        match self {
            Outcome::Waiting => "Waiting for the login page…".into(),
            Outcome::SignedIn => "Signed in".into(),
            Outcome::Failed { advice } => format!("Failed: {}", advice.title),
        }
    }

    pub fn advice(&self) -> Option<&Advice> {
        match self {
            Outcome::Failed { advice } => Some(advice),
            _ => None,
        }
    }
}

/// One run as exported: everything but the token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    pub id: u32,
    pub started_at_ms: u64,
    pub env: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub method: Method,
    pub mode: Mode,
    pub outcome: Outcome,
    /// The callback with the token and code redacted.
    pub callback: Option<String>,
    pub expires_in: Option<u64>,
    pub client_name: Option<String>,
    pub grant: Option<String>,
    pub org: Option<String>,
    pub scopes: Vec<String>,
    pub user: Option<String>,
    pub checks: Vec<Check>,
    /// Each step of the run, secrets masked (see [`super::trace`]).
    #[serde(default)]
    pub trace: Vec<super::trace::Step>,
    /// Where any OAuth server says who signed in (its OpenID userinfo endpoint), when known.
    #[serde(default)]
    pub userinfo_url: Option<String>,
}

/// What a run started with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start<'a> {
    pub env: &'a Environment,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub method: Method,
    pub mode: Mode,
}

impl RunRecord {
    /// A run that has just left for the login page.
    pub fn new(id: u32, started_at_ms: u64, start: &Start) -> RunRecord {
        RunRecord {
            id,
            started_at_ms,
            env: start.env.label(),
            client_id: start.client_id.to_string(),
            redirect_uri: start.redirect_uri.to_string(),
            method: start.method,
            mode: start.mode,
            outcome: Outcome::Waiting,
            callback: None,
            expires_in: None,
            client_name: None,
            grant: None,
            org: None,
            scopes: vec![],
            user: None,
            checks: vec![],
            trace: vec![],
            userinfo_url: None,
        }
    }

    /// The record a response is told against: its run; a copy under a new id when that run
    /// already finished (a replay); a record of an unknown run when none is known.
    pub fn for_response(
        base: Option<&RunRecord>,
        next_id: u32,
        now_ms: u64,
        mode: Mode,
        method: Method,
    ) -> RunRecord {
        let mut r = match base {
            Some(b) if b.outcome != Outcome::Waiting => {
                RunRecord { id: next_id, started_at_ms: now_ms, ..b.clone() }
            }
            Some(b) => b.clone(),
            None => {
                let env = Environment::Sandbox;
                let start = Start { env: &env, client_id: "", redirect_uri: "", method, mode };
                RunRecord { env: "unknown".into(), ..RunRecord::new(next_id, now_ms, &start) }
            }
        };
        r.mode = mode;
        r
    }
}

/// The JSON export of the run history.
pub fn export_json(runs: &[RunRecord]) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "oauthConsoleRuns": runs })).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checklist's line by its id.
    trait ById {
        fn by(&self, id: CheckId) -> &Check;
    }

    impl ById for [Check] {
        fn by(&self, id: CheckId) -> &Check {
            self.iter().find(|c| c.label == id.label()).unwrap_or_else(|| panic!("no line {id:?}"))
        }
    }

    #[test]
    fn the_checklist_has_each_line_once_in_order() {
        let env = Environment::default_region();
        let labels: Vec<String> =
            checklist(&facts(&env, Some("tok")), &seen()).into_iter().map(|c| c.label).collect();
        let ids = [
            CheckId::StateMatched,
            CheckId::StateSingleUse,
            CheckId::CallbackRemoved,
            CheckId::Https,
            CheckId::TokenOutOfStorage,
            CheckId::ExpiresIn,
            CheckId::NoThirdParty,
        ];
        assert_eq!(labels, ids.map(|i| i.label().to_string()));
    }

    fn facts<'a>(env: &'a Environment, token: Option<&'a str>) -> Facts<'a> {
        Facts {
            env: Some(env),
            redirect_uri: "http://127.0.0.1:8080/",
            mode: Mode::Redirect,
            state_matched: Some(Ok(())),
            state_refused_again: true,
            token,
            expires_in: Some(86_400),
        }
    }

    fn seen() -> Observed {
        Observed {
            address_after: "http://127.0.0.1:8080/tester".into(),
            storage_values: vec!["{\"client\":\"x\"}".into()],
            requested_urls: vec![
                "http://127.0.0.1:8080/oauth-console.wasm".into(),
                "http://127.0.0.1:8787/api/v2/tokens/me?preserveIdleTTL=true".into(),
            ],
            app_origin: "http://127.0.0.1:8080".into(),
        }
    }

    fn statuses(c: &[Check]) -> Vec<Status> {
        c.iter().map(|c| c.status).collect()
    }

    #[test]
    fn a_clean_run_passes_everything() {
        let env = Environment::Sandbox;
        let c = checklist(&facts(&env, Some("tok")), &seen());
        assert_eq!(statuses(&c), vec![Status::Pass; 7]);
    }

    #[test]
    fn each_check_can_fail() {
        let env = Environment::Sandbox;
        let mut f = facts(&env, Some("tok"));
        f.state_matched = Some(Err(StateError::Unknown));
        assert_eq!(checklist(&f, &seen()).by(CheckId::StateMatched).status, Status::Fail);
        assert_eq!(checklist(&f, &seen()).by(CheckId::StateSingleUse).status, Status::Skip);
        let mut f = facts(&env, Some("tok"));
        f.state_refused_again = false;
        assert_eq!(checklist(&f, &seen()).by(CheckId::StateSingleUse).status, Status::Fail);
        let mut s = seen();
        s.address_after = "http://127.0.0.1:8080/#access_token=tok".into();
        assert_eq!(
            checklist(&facts(&env, Some("tok")), &s).by(CheckId::CallbackRemoved).status,
            Status::Fail
        );
        let region = Environment::region("us-east-1").unwrap();
        let mut f = facts(&region, Some("tok"));
        f.redirect_uri = "http://app.example.com/";
        let c = checklist(&f, &seen());
        assert_eq!(c.by(CheckId::Https).status, Status::Fail);
        assert!(c.by(CheckId::Https).detail.contains("http://app.example.com/"));
        let mut s = seen();
        s.storage_values.push("{\"t\":\"tok\"}".into());
        assert_eq!(
            checklist(&facts(&env, Some("tok")), &s).by(CheckId::TokenOutOfStorage).status,
            Status::Fail
        );
        let mut f = facts(&env, Some("tok"));
        f.expires_in = None;
        assert_eq!(checklist(&f, &seen()).by(CheckId::ExpiresIn).status, Status::Fail);
        f.expires_in = Some(DURATION_MAX + 1);
        assert_eq!(checklist(&f, &seen()).by(CheckId::ExpiresIn).status, Status::Warn);
        let mut s = seen();
        s.requested_urls.push("https://fonts.example.net/x.woff".into());
        let c = checklist(&facts(&env, Some("tok")), &s);
        assert_eq!(c.by(CheckId::NoThirdParty).status, Status::Fail);
        assert!(c.by(CheckId::NoThirdParty).detail.contains("fonts.example.net"));
    }

    #[test]
    fn pasted_and_tokenless_runs_skip_what_does_not_apply() {
        let env = Environment::Sandbox;
        let mut f = facts(&env, None);
        f.mode = Mode::Pasted;
        let c = checklist(&f, &seen());
        assert_eq!(c.by(CheckId::CallbackRemoved).status, Status::Skip);
        assert_eq!(c.by(CheckId::TokenOutOfStorage).status, Status::Skip);
        assert_eq!(c.by(CheckId::ExpiresIn).status, Status::Skip);
    }

    #[test]
    fn redaction() {
        let cap = Capture::of_url(
            "https://apps.mypurecloud.com/crm/index.html?x=1#access_token=SECRET&expires_in=5&state=s",
        );
        assert_eq!(redact(&cap), "?x=1#access_token=[redacted]&expires_in=5&state=s");
        let code = redact(&Capture::of_url("/?code=C0DE&state=s"));
        assert!(!code.contains("C0DE"));
        // Keys are judged decoded: an encoded key hides nothing.
        let sneaky = redact(&Capture::of_url(
            "/#access%5Ftoken=T1&id_token=T2&refresh_token=T3&x_token_y=T4&token_type=bearer",
        ));
        for t in ["T1", "T2", "T3", "T4"] {
            assert!(!sneaky.contains(t), "{sneaky}");
        }
        assert!(sneaky.contains("token_type=bearer"));
        let cased = redact(&Capture::of_url("/#accessToken=T5&ID-TOKEN=T6&client_secret=T7&Code=T8&state=s"));
        for t in ["T5", "T6", "T7", "T8"] {
            assert!(!cased.contains(t), "{cased}");
        }
        assert!(cased.contains("state=s"));
    }

    #[test]
    fn curl_snippet_and_export() {
        let env = Environment::region("eu-central-1").unwrap();
        assert_eq!(
            curl_users_me(&env, None),
            "curl -H \"Authorization: Bearer $TOKEN\" 'https://api.mypurecloud.de/api/v2/users/me'"
        );
        assert!(curl_users_me(&env, Some("abc")).contains("'Authorization: Bearer abc'"));
        let odd = Environment::custom("https://l", "https://a/x'$(id)").unwrap();
        assert_eq!(
            curl_users_me(&odd, None),
            "curl -H \"Authorization: Bearer $TOKEN\" 'https://a/x'\\''$(id)/api/v2/users/me'"
        );
        assert_eq!(
            client_ids_snippet(&env, "i\"d").unwrap(),
            "clientIds: {\n  \"mypurecloud.de\": \"i\\\"d\"\n}"
        );
        assert_eq!(
            client_ids_snippet(&env, "id1").unwrap(),
            "clientIds: {\n  \"mypurecloud.de\": \"id1\"\n}"
        );
        assert_eq!(client_ids_snippet(&Environment::Sandbox, "id1"), None);
        let start =
            Start { env: &env, client_id: "c", redirect_uri: "r", method: Method::Pkce, mode: Mode::Popup };
        let rec = RunRecord {
            outcome: Outcome::SignedIn,
            callback: Some("?code=[redacted]&state=s".into()),
            ..RunRecord::new(1, 0, &start)
        };
        let json = export_json(&[rec]);
        assert!(json.contains("oauthConsoleRuns") && json.contains("[redacted]"));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["oauthConsoleRuns"][0]["outcome"], "SignedIn");
        assert_eq!(v["oauthConsoleRuns"][0]["mode"], "Popup");
        assert_eq!(v["oauthConsoleRuns"][0]["env"], env.label());
    }

    #[test]
    fn outcomes_are_saved_by_name_and_read_back() {
        let failed = Outcome::of(Some(&Failure::PopupBlocked), Method::Pkce);
        assert_eq!(failed.label(), "Failed: The browser blocked the popup");
        assert!(failed.advice().unwrap().fix.contains("redirect mode"));
        assert_eq!(Outcome::of(None, Method::Pkce), Outcome::SignedIn);
        assert_eq!(Outcome::Waiting.label(), "Waiting for the login page…");
        for o in [Outcome::Waiting, Outcome::SignedIn, failed] {
            let json = serde_json::to_string(&o).unwrap();
            assert!(!json.contains("Signed in") && !json.contains("Waiting for"), "{json}");
            assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
        }
        assert_eq!(serde_json::to_string(&Outcome::Waiting).unwrap(), "\"Waiting\"");
    }

    #[test]
    fn a_response_is_told_against_its_run() {
        let env = Environment::Sandbox;
        let start = Start {
            env: &env,
            client_id: "c",
            redirect_uri: "r",
            method: Method::Pkce,
            mode: Mode::Redirect,
        };
        let waiting = RunRecord::new(4, 100, &start);
        let r = RunRecord::for_response(Some(&waiting), 9, 200, Mode::Pasted, Method::Pkce);
        assert_eq!((r.id, r.started_at_ms, r.mode), (4, 100, Mode::Pasted));
        // The run already finished: a second response for it (a replay) is a new run.
        let done = RunRecord { outcome: Outcome::SignedIn, ..waiting };
        let r = RunRecord::for_response(Some(&done), 9, 200, Mode::Redirect, Method::Pkce);
        assert_eq!((r.id, r.started_at_ms, r.client_id.as_str()), (9, 200, "c"));
        let r = RunRecord::for_response(None, 9, 200, Mode::Redirect, Method::Implicit);
        assert_eq!(
            (r.id, r.env.as_str(), r.method, r.outcome),
            (9, "unknown", Method::Implicit, Outcome::Waiting)
        );
    }

    #[test]
    fn the_state_verdict() {
        use crate::oauth::pending::Purpose;
        let pending = crate::oauth::pending::Pending::example(Purpose::TesterRun(1));
        let ok = Resolution::Token { pending: pending.clone(), access_token: "t".into(), expires_in: 5 };
        assert_eq!(state_verdict(&ok), Some(Ok(())));
        let refused =
            Resolution::Failed { pending: Some(pending), error: SignInError::Malformed("x".into()) };
        assert_eq!(state_verdict(&refused), Some(Ok(())), "the state matched even though the sign-in failed");
        let reused = Resolution::Failed { pending: None, error: SignInError::State(StateError::Reused) };
        assert_eq!(state_verdict(&reused), Some(Err(StateError::Reused)));
        let malformed = Resolution::Failed { pending: None, error: SignInError::Malformed("x".into()) };
        assert_eq!(state_verdict(&malformed), None);
    }
}
