//! What an implicit client's move to PKCE asks of the developers of the app that uses it: the
//! change to their sign-in code, and the org's migration report. Every value in a snippet is a
//! JavaScript string literal made by [`js_string`], as in the console's other snippets.

use super::migration::{replacement, Move};
use super::model::{GrantType, OAuthClient};
use super::templates::{framework_note, framework_snippet, js_string};
use super::usage::Known;
use crate::env::Environment;
use serde::Serialize;

/// The redirect URI a snippet signs in with: the app's first one.
fn redirect(m: &Move) -> String {
    m.redirect_uris().first().cloned().unwrap_or_else(|| "https://your.app/callback".into())
}

fn new_id(m: &Move) -> String {
    m.new_id().unwrap_or("<new client id>").to_string()
}

/// The vendor JavaScript SDK's sign-in, before and after: the same arguments, the new id.
pub fn sdk_snippet(m: &Move, env: &Environment) -> String {
    let environment =
        env.domain().map(|d| format!("client.setEnvironment({});\n", js_string(d))).unwrap_or_default();
    format!(
        "const client = platformClient.ApiClient.instance;\n{environment}// Before (implicit grant):\n// client.loginImplicitGrant({}, {});\nclient.loginPKCEGrant({}, {})\n  .then(() => {{ /* signed in: call the API */ }});",
        js_string(&m.old_id),
        js_string(&redirect(m)),
        js_string(&new_id(m)),
        js_string(&redirect(m)),
    )
}

/// Plain browser code: to the login page with a code challenge, then the code traded for a
/// token at the token endpoint (no secret).
pub fn browser_snippet(m: &Move, env: &Environment) -> String {
    let (id, uri) = (js_string(&new_id(m)), js_string(&redirect(m)));
    format!(
        r#"const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

// 1. Sign in: to the login page with a code challenge (and a state to check on the way back).
async function signIn() {{
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const state = crypto.randomUUID();
  sessionStorage.setItem("pkce", JSON.stringify({{ verifier, state }}));
  location.assign({authorize} + "?" + new URLSearchParams({{
    client_id: {id},
    redirect_uri: {uri},
    response_type: "code",
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: "S256",
    state,
  }}));
}}

// 2. Back at the redirect URI: take the answer out of the address, check the state, trade the
//    code for a token.
async function signedIn() {{
  const answer = new URLSearchParams(location.search);
  history.replaceState(null, "", location.pathname);
  const {{ verifier, state }} = JSON.parse(sessionStorage.getItem("pkce") || "{{}}");
  sessionStorage.removeItem("pkce");
  if (answer.get("error")) throw new Error(`sign-in refused: ${{answer.get("error_description") || answer.get("error")}}`);
  if (!answer.get("code") || answer.get("state") !== state) throw new Error("sign-in failed: no code, or another state");
  const response = await fetch({token}, {{
    method: "POST",
    body: new URLSearchParams({{
      grant_type: "authorization_code",
      code: answer.get("code"),
      code_verifier: verifier,
      client_id: {id},
      redirect_uri: {uri},
    }}),
  }});
  if (!response.ok) throw new Error(`token request refused: ${{response.status}}`);
  const {{ access_token }} = await response.json();
  return access_token;
}}"#,
        authorize = js_string(&env.authorize_endpoint()),
        token = js_string(&env.token_endpoint()),
    )
}

/// framework.js with the new client, when the implicit client was an Embeddable Framework one,
/// and what the framework needs to sign in with it.
pub fn framework(m: &Move) -> Option<(String, Option<String>)> {
    let old = m.old.as_ref()?;
    let new = match &m.new {
        Some(new) => new.clone(),
        None => OAuthClient { id: new_id(m), name: replacement(old).name, ..old.clone() },
    };
    let new = OAuthClient { authorized_grant_type: GrantType::Code, ..new };
    // The app's redirect URI (the framework's page), with the new client's id and name.
    let snippet = framework_snippet(&OAuthClient {
        registered_redirect_uri: old.registered_redirect_uri.clone(),
        ..new.clone()
    })?;
    Some((snippet, framework_note(&new)))
}

/// One line of the org's migration report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportLine {
    pub name: String,
    pub old_id: String,
    pub new_id: Option<String>,
    pub redirect_uris: Vec<String>,
    /// Requests in the last 30 days (`None`: not known).
    pub requests_30_days: Option<u64>,
    pub last_used: Option<String>,
    pub status: &'static str,
}

/// The org's migration report: every implicit client, with what is known of its use.
pub fn report(moves: &[Move], usage: impl Fn(&str) -> Option<Known>) -> Vec<ReportLine> {
    moves
        .iter()
        .map(|m| {
            let (requests, last) = match usage(&m.old_id) {
                Some(Known::Used { requests, last }) => (Some(requests), last),
                Some(Known::Unused) => (Some(0), None),
                _ => (None, None),
            };
            ReportLine {
                name: m.name(),
                old_id: m.old_id.clone(),
                new_id: m.new_id().map(str::to_string),
                redirect_uris: m.redirect_uris().to_vec(),
                requests_30_days: requests,
                last_used: last,
                status: m.stage.key(),
            }
        })
        .collect()
}

/// The report as JSON.
pub fn report_json(lines: &[ReportLine], generated_on: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Report<'a> {
        generated_on: &'a str,
        implicit_sign_in_ends_by: &'a str,
        clients: &'a [ReportLine],
    }
    let r = Report {
        generated_on,
        implicit_sign_in_ends_by: super::rules::IMPLICIT_SIGN_IN_ENDS_BY,
        clients: lines,
    };
    serde_json::to_string_pretty(&r).unwrap_or_default()
}

/// One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; a field a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) starts with `'`.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The report as CSV (one line per client, CRLF; redirect URIs separated by spaces).
pub fn report_csv(lines: &[ReportLine]) -> String {
    let mut out = String::from("name,old id,new id,redirect URIs,requests (30 days),last used,status\r\n");
    for l in lines {
        let fields = [
            l.name.clone(),
            l.old_id.clone(),
            l.new_id.clone().unwrap_or_default(),
            l.redirect_uris.join(" "),
            l.requests_30_days.map(|n| n.to_string()).unwrap_or_default(),
            l.last_used.clone().unwrap_or_default(),
            l.status.to_string(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::migration::{inventory, replacement};
    use crate::platform::model::{ClientState, GrantType};
    use crate::testing::{oauth_client, uuid};

    fn implicit(id: &str, name: &str, uri: &str) -> OAuthClient {
        OAuthClient {
            registered_redirect_uri: vec![uri.into()],
            state: Some(ClientState::Active),
            ..oauth_client(id, name, GrantType::Token)
        }
    }

    fn moved(old: OAuthClient, new_id: &str) -> Vec<Move> {
        let req = replacement(&old);
        let new = OAuthClient {
            description: req.description.clone(),
            registered_redirect_uri: req.registered_redirect_uri.clone(),
            ..oauth_client(new_id, &req.name, GrantType::Code)
        };
        inventory(&[old, new])
    }

    #[test]
    fn snippets_quote_every_value_as_javascript() {
        let hostile = "https://app.example.com/cb?x=\"</script><script>alert(1)</script>";
        let m = &moved(implicit(&uuid(1), "Desk", hostile), "new\"2")[0];
        let env = Environment::region("eu-west-1").unwrap();
        let sdk = sdk_snippet(m, &env);
        assert!(sdk.contains(r#"client.setEnvironment("mypurecloud.ie");"#), "{sdk}");
        assert!(sdk.contains(&format!(r#"// client.loginImplicitGrant("{}", "#, uuid(1))), "{sdk}");
        assert!(sdk.contains(r#"client.loginPKCEGrant("new\"2", "https://app.example.com/cb?x=\"\u003c/script>\u003cscript>alert(1)\u003c/script>")"#), "{sdk}");
        let plain = browser_snippet(m, &env);
        assert!(
            plain.contains(r#"location.assign("https://login.mypurecloud.ie/oauth/authorize" + "?""#),
            "{plain}"
        );
        assert!(plain.contains(r#"await fetch("https://login.mypurecloud.ie/oauth/token", {"#), "{plain}");
        assert!(plain.contains(r#"client_id: "new\"2","#), "{plain}");
        assert!(!plain.contains("</script>") && !sdk.contains("</script>"), "inert inside a page");
        assert_eq!(plain.matches("code_verifier: verifier").count(), 1);
        assert!(
            plain.contains("history.replaceState(null, \"\", location.pathname);"),
            "the code leaves the address"
        );
        assert!(plain.contains("if (!response.ok) throw"));
        // Outside a region the SDK is told no environment.
        assert!(!sdk_snippet(m, &Environment::Sandbox).contains("setEnvironment"));
    }

    #[test]
    fn the_framework_snippet_names_the_new_client() {
        let ef = implicit(&uuid(2), "CRM", "https://apps.mypurecloud.de/crm/index.html");
        let m = &moved(ef, "new-ef")[0];
        let (snippet, note) = framework(m).unwrap();
        assert!(snippet.contains(r#""mypurecloud.de": "new-ef""#), "{snippet}");
        assert!(snippet.contains(r#"name: "CRM (PKCE)""#), "the new client's name: {snippet}");
        assert!(!snippet.contains(&uuid(2)));
        assert!(note.unwrap().contains("only in a version that supports PKCE"));
        assert_eq!(framework(&moved(implicit(&uuid(3), "Web", "https://app.example.com/"), "n")[0]), None);
    }

    #[test]
    fn the_report_in_json_and_csv() {
        let mut moves = moved(implicit(&uuid(4), "=HYPERLINK(\"x\")", "https://a.example.com/"), "a2");
        moves.extend(inventory(&[implicit(&uuid(5), "Wallboard, 2nd floor", "https://b.example.com/")]));
        let usage = |id: &str| match id {
            _ if id == uuid(4) => Some(Known::Used { requests: 4846, last: Some("2026-12-02".into()) }),
            _ if id == uuid(5) => Some(Known::Unused),
            _ => None,
        };
        let lines = report(&moves, usage);
        assert_eq!(lines[0].new_id.as_deref(), Some("a2"));
        assert_eq!((lines[0].requests_30_days, lines[0].status), (Some(4846), "created"));
        assert_eq!((lines[1].requests_30_days, lines[1].status), (Some(0), "not-started"));
        let csv = report_csv(&lines);
        assert_eq!(
            csv,
            format!(
                "name,old id,new id,redirect URIs,requests (30 days),last used,status\r\n\
                 \"'=HYPERLINK(\"\"x\"\")\",{},a2,https://a.example.com/,4846,2026-12-02,created\r\n\
                 \"Wallboard, 2nd floor\",{},,https://b.example.com/,0,,not-started\r\n",
                uuid(4),
                uuid(5)
            )
        );
        let json: serde_json::Value = serde_json::from_str(&report_json(&lines, "2026-12-03")).unwrap();
        assert_eq!(json["generatedOn"], "2026-12-03");
        assert_eq!(json["clients"][0]["oldId"], uuid(4));
        assert_eq!(json["clients"][0]["requests30Days"], 4846);
        assert_eq!(json["clients"][1]["newId"], serde_json::Value::Null);
        assert_eq!(json["clients"][1]["redirectUris"][0], "https://b.example.com/");
    }
}
