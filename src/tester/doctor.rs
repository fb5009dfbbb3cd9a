//! The login doctor: a Tester run judged against the org's own view of its client, when the admin
//! is signed in to the same org. The registered redirect URIs beside the one the run sent (with
//! the exact difference), the grant against the method, the state, the scopes and the token
//! duration; and, for a redirect URI the client lacks, the fix.

use super::run::{Check, RunRecord, Status};
use crate::oauth::authorize::Method;
use crate::platform::model::{ClientState, GrantType, OAuthClient};
use crate::url::HttpUrl;

/// How a redirect URI differs from a registered one (the org compares them exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difference {
    Scheme,
    Host,
    Port,
    Path,
    TrailingSlash,
    Query,
    LetterCase,
    /// Anything else (a fragment, user info, a URI of another shape).
    Other,
}

impl Difference {
    pub fn label(self) -> &'static str {
        match self {
            Difference::Scheme => "the scheme",
            Difference::Host => "the host",
            Difference::Port => "the port",
            Difference::Path => "the path",
            Difference::TrailingSlash => "a trailing slash",
            Difference::Query => "the query string",
            Difference::LetterCase => "letter case",
            Difference::Other => "other characters",
        }
    }
}

/// Every way `sent` differs from `registered` (empty when they are the same string). Both are
/// read as the browser reads them; where the browser would read them as one address, the org
/// still compares the text (a trailing slash, `:443`, letter case).
pub fn differences(sent: &str, registered: &str) -> Vec<Difference> {
    if sent == registered {
        return Vec::new();
    }
    let (Ok(a), Ok(b)) = (HttpUrl::parse(sent), HttpUrl::parse(registered)) else {
        let case = sent.eq_ignore_ascii_case(registered);
        return vec![if case { Difference::LetterCase } else { Difference::Other }];
    };
    let mut out = Vec::new();
    let mut case = false;
    let mut same = |x: &str, y: &str, d: Difference, out: &mut Vec<Difference>| {
        if x != y {
            if x.eq_ignore_ascii_case(y) {
                case = true;
            } else {
                out.push(d);
            }
        }
    };
    if a.scheme() != b.scheme() {
        out.push(Difference::Scheme);
    }
    if a.host() != b.host() {
        out.push(Difference::Host);
    }
    if a.port() != b.port() || a.port_written() != b.port_written() {
        out.push(Difference::Port);
    }
    if a.path() != b.path() {
        let (x, y) = (a.path().trim_end_matches('/'), b.path().trim_end_matches('/'));
        if x == y {
            out.push(Difference::TrailingSlash);
        } else {
            same(x, y, Difference::Path, &mut out);
            if a.path().ends_with('/') != b.path().ends_with('/') {
                out.push(Difference::TrailingSlash);
            }
        }
    }
    match (a.query(), b.query()) {
        (Some(x), Some(y)) => same(x, y, Difference::Query, &mut out),
        (x, y) if x != y => out.push(Difference::Query),
        _ => {}
    }
    if out.is_empty() && !case {
        // One address to the browser, two texts to the org.
        if sent.eq_ignore_ascii_case(registered) {
            case = true;
        } else if sent.trim_end_matches('/') == registered.trim_end_matches('/') {
            out.push(Difference::TrailingSlash);
        }
    }
    if case {
        out.push(Difference::LetterCase);
    }
    if out.is_empty() {
        // A fragment, an escape written differently: the org compares the strings.
        out.push(Difference::Other);
    }
    out
}

/// The registered URI closest to `sent` and how it differs (`None` when none is registered).
pub fn closest<'a>(sent: &str, registered: &'a [String]) -> Option<(&'a str, Vec<Difference>)> {
    registered.iter().map(|r| (r.as_str(), differences(sent, r))).min_by_key(|(_, d)| d.len())
}

/// What a click can fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Register the run's redirect URI with the client (through its edit form).
    AddRedirectUri { client_id: String, uri: String },
}

/// The org's view of a run's client: findings, and the fix when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub findings: Vec<Check>,
    pub fix: Option<Fix>,
}

fn finding(label: &str, status: Status, detail: impl Into<String>) -> Check {
    Check { label: label.into(), status, detail: detail.into() }
}

/// Is this a whole client id as Genesys Cloud gives them (a UUID)? Only then is the org asked
/// about it (not at each keystroke of one being typed).
pub fn whole_client_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// What the org's view of the client says will stop a run before it is sent: each failing
/// finding's words (the client unknown, its redirect URI not registered, its grant, its state).
pub fn before_run(
    client_id: &str,
    redirect_uri: &str,
    method: Method,
    client: Option<&OAuthClient>,
) -> Vec<String> {
    judge(client_id, redirect_uri, method, client)
        .findings
        .into_iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| format!("{}: {}", f.label, f.detail))
        .collect()
}

/// The client id, redirect URI and method of a run against the client as the org holds it: the
/// client, its redirect URI, its grant and its state.
fn judge(client_id: &str, sent: &str, method: Method, client: Option<&OAuthClient>) -> Diagnosis {
    let Some(c) = client else {
        return Diagnosis {
            findings: vec![finding(
                "Client",
                Status::Fail,
                format!("This org has no OAuth client with the id {client_id}: check the id (copy it from the client's page), and the environment."),
            )],
            fix: None,
        };
    };
    let mut findings = Vec::new();
    let mut fix = None;
    findings.push(match closest(sent, &c.registered_redirect_uri) {
        Some((_, d)) if d.is_empty() => finding("Redirect URI", Status::Pass, format!("{sent} is registered, exactly.")),
        found => {
            // The form can add it to a client that uses redirect URIs and can still be edited.
            let editable = c.state != Some(ClientState::Deleted);
            if editable && crate::platform::rules::uses_redirect_uris(&c.authorized_grant_type) {
                fix = Some(Fix::AddRedirectUri { client_id: c.id.clone(), uri: sent.to_string() });
            }
            let detail = match found {
                Some((near, d)) => format!(
                    "{sent} is not registered. The closest registered one, {near}, differs by {}; the org compares them exactly.",
                    d.iter().map(|d| d.label()).collect::<Vec<_>>().join(", ")
                ),
                None => format!("{sent} is not registered: the client has no redirect URI."),
            };
            finding("Redirect URI", Status::Fail, detail)
        }
    });
    let needed = match method {
        Method::Implicit => GrantType::Token,
        Method::Pkce => GrantType::Code,
    };
    findings.push(if c.authorized_grant_type == needed {
        finding("Grant type", Status::Pass, format!("{} suits {}.", needed.label(), method.label()))
    } else {
        finding(
            "Grant type",
            Status::Fail,
            format!(
                "The client's grant is {}; {} needs {}. Use a {} client, or the other method.",
                c.authorized_grant_type.label(),
                method.label(),
                needed.label(),
                needed.label()
            ),
        )
    });
    findings.push(match c.state.as_ref().unwrap_or(&ClientState::Active) {
        ClientState::Active => finding("State", Status::Pass, "Active."),
        other => finding(
            "State",
            Status::Fail,
            format!(
                "The client is {}: it gets no tokens until it is active again.",
                String::from(other.clone())
            ),
        ),
    });
    Diagnosis { findings, fix }
}

/// The run judged against its client as the org holds it (`None`: the org has no such client).
pub fn diagnose(run: &RunRecord, client: Option<&OAuthClient>) -> Diagnosis {
    let Diagnosis { mut findings, fix } = judge(&run.client_id, &run.redirect_uri, run.method, client);
    let Some(c) = client else { return Diagnosis { findings, fix } };
    if !run.scopes.is_empty() {
        let missing: Vec<&str> =
            c.scope.iter().filter(|s| !run.scopes.contains(s)).map(String::as_str).collect();
        findings.push(if missing.is_empty() {
            finding(
                "Scopes",
                Status::Pass,
                format!("The token has all {} scopes of the client.", c.scope.len()),
            )
        } else {
            finding(
                "Scopes",
                Status::Warn,
                format!(
                    "The token lacks scopes the client has: {} (the user's permissions may not cover them).",
                    missing.join(", ")
                ),
            )
        });
    }
    if let (Some(given), Some(set)) = (run.expires_in, c.access_token_validity_seconds) {
        findings.push(if given <= set {
            finding(
                "Token duration",
                Status::Pass,
                format!("expires_in {given} s, within the client's {set} s."),
            )
        } else {
            finding(
                "Token duration",
                Status::Warn,
                format!("expires_in {given} s is longer than the client's {set} s."),
            )
        });
    }
    Diagnosis { findings, fix }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tester::run::{Mode, Outcome};
    use Difference::*;

    #[test]
    fn each_kind_of_redirect_uri_mismatch() {
        let reg = "https://app.example.com/cb/";
        assert_eq!(differences(reg, reg), vec![]);
        assert_eq!(differences("http://app.example.com/cb/", reg), vec![Scheme]);
        assert_eq!(differences("https://www.example.com/cb/", reg), vec![Host]);
        assert_eq!(differences("https://app.example.com:8443/cb/", reg), vec![Port]);
        assert_eq!(
            differences("https://app.example.com:443/cb/", reg),
            vec![Port],
            "the org compares strings"
        );
        assert_eq!(differences("https://app.example.com/callback/", reg), vec![Path]);
        assert_eq!(differences("https://app.example.com/cb", reg), vec![TrailingSlash]);
        assert_eq!(differences("https://app.example.com", "https://app.example.com/"), vec![TrailingSlash]);
        assert_eq!(differences("https://app.example.com/cb/?x=1", reg), vec![Query]);
        assert_eq!(differences("https://App.example.com/CB/", reg), vec![LetterCase]);
        assert_eq!(differences("http://app.example.com/cb", reg), vec![Scheme, TrailingSlash]);
        assert_eq!(differences("not a uri", reg), vec![Other]);
        assert_eq!(differences("com.example:/CB", "com.example:/cb"), vec![LetterCase]);
        assert_eq!(differences("https://app.example.com/cb/?", reg), vec![Query], "an empty query mark");
        assert_eq!(differences("https://app.example.com/cb/#x", reg), vec![Other]);
    }

    #[test]
    fn the_closest_registered_uri() {
        let reg = vec!["https://other.example.com/x".to_string(), "http://127.0.0.1:8080".to_string()];
        let (near, d) = closest("http://127.0.0.1:8080/", &reg).unwrap();
        assert_eq!((near, d), ("http://127.0.0.1:8080", vec![TrailingSlash]));
        assert_eq!(closest("http://127.0.0.1:8080/", &[]), None);
    }

    fn run(method: Method) -> RunRecord {
        let mut r = RunRecord::new(
            1,
            0,
            &crate::tester::run::Start {
                env: &crate::env::Environment::Sandbox,
                client_id: "c1",
                redirect_uri: "http://127.0.0.1:8080/",
                method,
                mode: Mode::Redirect,
            },
        );
        r.outcome = Outcome::Waiting;
        r
    }

    fn client(grant: &str, uris: &[&str], state: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": "c1", "name": "App", "authorizedGrantType": grant, "registeredRedirectUri": uris,
            "state": state, "scope": ["users:readonly", "presence"], "accessTokenValiditySeconds": 3600
        }))
        .unwrap()
    }

    #[test]
    fn a_run_judged_against_its_client() {
        let ok = diagnose(&run(Method::Pkce), Some(&client("CODE", &["http://127.0.0.1:8080/"], "active")));
        assert!(ok.findings.iter().all(|f| f.status == Status::Pass), "{ok:?}");
        assert_eq!(ok.fix, None);

        let slash = diagnose(&run(Method::Pkce), Some(&client("CODE", &["http://127.0.0.1:8080"], "active")));
        assert_eq!(slash.findings[0].status, Status::Fail);
        assert!(
            slash.findings[0].detail.contains("http://127.0.0.1:8080, differs by a trailing slash"),
            "{slash:?}"
        );
        assert_eq!(
            slash.fix,
            Some(Fix::AddRedirectUri { client_id: "c1".into(), uri: "http://127.0.0.1:8080/".into() })
        );

        let wrong =
            diagnose(&run(Method::Implicit), Some(&client("CODE", &["http://127.0.0.1:8080/"], "disabled")));
        let by = |l: &str| wrong.findings.iter().find(|f| f.label == l).unwrap().clone();
        assert_eq!(by("Grant type").status, Status::Fail);
        assert!(by("Grant type").detail.contains("needs Token Implicit Grant (Browser)"));
        assert_eq!(by("State").status, Status::Fail);
        assert!(by("State").detail.starts_with("The client is disabled"));
        let deleted =
            diagnose(&run(Method::Pkce), Some(&client("CODE", &["http://127.0.0.1:8080/"], "deleted")));
        assert!(deleted.findings.iter().any(|f| f.detail.starts_with("The client is deleted")));

        let mut came_back = run(Method::Pkce);
        came_back.scopes = vec!["users:readonly".into()];
        came_back.expires_in = Some(7200);
        let d = diagnose(&came_back, Some(&client("CODE", &["http://127.0.0.1:8080/"], "active")));
        let by = |l: &str| d.findings.iter().find(|f| f.label == l).unwrap().clone();
        assert_eq!(by("Scopes").status, Status::Warn);
        assert!(by("Scopes").detail.contains("presence"));
        assert_eq!(by("Token duration").status, Status::Warn);

        let unknown = diagnose(&run(Method::Pkce), None);
        assert_eq!(unknown.findings.len(), 1);
        assert!(unknown.findings[0].detail.contains("no OAuth client with the id c1"));
    }

    #[test]
    fn before_a_run_only_what_will_stop_it() {
        let uri = "http://127.0.0.1:8080/";
        let good = client("CODE", &[uri], "active");
        assert_eq!(before_run("c1", uri, Method::Pkce, Some(&good)), Vec::<String>::new());
        let said = before_run(
            "c1",
            "http://127.0.0.1:8080/cb",
            Method::Pkce,
            Some(&client("CODE", &[uri], "disabled")),
        );
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("Redirect URI: http://127.0.0.1:8080/cb is not registered"));
        assert!(said[1].starts_with("State: The client is disabled"));
        assert!(before_run("c1", uri, Method::Implicit, Some(&good))[0].starts_with("Grant type:"));
        assert!(before_run("zz", uri, Method::Pkce, None)[0].contains("no OAuth client with the id zz"));
        assert!(whole_client_id("5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02"));
        for partial in [
            "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e0",
            "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e0z",
            "5b0a1c7e16f1d-4e3a-9c1b-1a2b3c4d5e02",
            "",
        ] {
            assert!(!whole_client_id(partial), "{partial}");
        }
    }
}
