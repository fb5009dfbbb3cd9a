//! Authorize and logout URLs for both browser methods.

use crate::env::Environment;
use serde::{Deserialize, Serialize};

/// How the browser signs in. Saved by its key (`pkce`, `implicit`); the names of earlier
/// versions are still read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Authorization code with PKCE (S256); the code comes back in the query string.
    #[serde(rename = "pkce", alias = "Pkce")]
    Pkce,
    /// Implicit grant (`response_type=token`); the token comes back in the fragment.
    /// Being retired by the vendor.
    #[serde(rename = "implicit", alias = "Implicit")]
    Implicit,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::Pkce => "Authorization code with PKCE",
            Method::Implicit => "Implicit grant",
        }
    }

    /// A stable name for storage keys and saved choices (never the label).
    pub fn key(self) -> &'static str {
        match self {
            Method::Pkce => "pkce",
            Method::Implicit => "implicit",
        }
    }

    pub fn from_key(key: &str) -> Option<Method> {
        [Method::Pkce, Method::Implicit].into_iter().find(|m| m.key() == key)
    }

    /// The grant type a client needs for this method, as the product names it.
    pub fn grant_name(self) -> &'static str {
        match self {
            Method::Pkce => "Code Authorization",
            Method::Implicit => "Token Implicit Grant (Browser)",
        }
    }
}

/// Checks a client id as typed; `None` when it can be sent.
pub fn client_id_problem(id: &str) -> Option<&'static str> {
    let id = id.trim();
    if id.is_empty() {
        Some("Required: the client id of an OAuth client in this environment.")
    } else if id.chars().any(char::is_whitespace) {
        Some("A client id has no spaces.")
    } else {
        None
    }
}

/// Everything the authorize request carries besides the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extras {
    /// Org name, sent together with `provider` (both or neither).
    pub org: Option<String>,
    pub provider: Option<String>,
    pub login_hint: Option<String>,
    /// Ask for the credentials even when the login host remembers the user.
    pub prompt_login: bool,
}

/// `login.D/oauth/authorize?...` for this sign-in. `code_challenge` is required for PKCE
/// and ignored for the implicit grant.
pub fn authorize_url(
    env: &Environment,
    client_id: &str,
    redirect_uri: &str,
    method: Method,
    state: &str,
    code_challenge: Option<&str>,
    extras: &Extras,
) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("client_id", client_id.trim());
    q.append_pair("redirect_uri", redirect_uri);
    match method {
        Method::Implicit => {
            q.append_pair("response_type", "token");
        }
        Method::Pkce => {
            q.append_pair("response_type", "code");
            q.append_pair("code_challenge", code_challenge.unwrap_or_default());
            q.append_pair("code_challenge_method", "S256");
        }
    }
    q.append_pair("state", state);
    if let (Some(org), Some(provider)) = (non_empty(&extras.org), non_empty(&extras.provider)) {
        q.append_pair("org", org);
        q.append_pair("provider", provider);
    }
    if let Some(hint) = non_empty(&extras.login_hint) {
        q.append_pair("login_hint", hint);
    }
    if extras.prompt_login {
        q.append_pair("prompt", "login");
    }
    let endpoint = env.authorize_endpoint();
    // The endpoint's own query (RFC 6749 §3.1) is kept, the parameters added after it.
    let sep = match crate::url::HttpUrl::parse(&endpoint).ok().as_ref().and_then(|u| u.query()) {
        Some("") => "",
        Some(_) => "&",
        None => "?",
    };
    format!("{endpoint}{sep}{}", q.finish())
}

/// The form body of the PKCE code exchange (no client secret).
pub fn code_exchange_body(code: &str, verifier: &str, client_id: &str, redirect_uri: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", code)
        .append_pair("code_verifier", verifier)
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .finish()
}

/// `login.D/logout?client_id=…&redirect_uri=…`, visited after the token is revoked.
pub fn logout_url(env: &Environment, client_id: &str, redirect_uri: &str) -> String {
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .finish();
    format!("{}/logout?{q}", env.login_base())
}

/// Org and provider go together: a problem to show when only one is given.
pub fn extras_problem(extras: &Extras) -> Option<&'static str> {
    match (non_empty(&extras.org), non_empty(&extras.provider)) {
        (Some(_), None) => Some("Give the identity provider too: org and provider are sent together"),
        (None, Some(_)) => Some("Give the org name too: org and provider are sent together"),
        _ => None,
    }
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(url: &str) -> Vec<(String, String)> {
        let q = url.split_once('?').unwrap().1;
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn implicit_url() {
        let env = Environment::region("us-east-1").unwrap();
        let url = authorize_url(
            &env,
            " abc ",
            "https://app.example.com/console/",
            Method::Implicit,
            "s t&a",
            Some("ignored"),
            &Extras::default(),
        );
        assert!(url.starts_with("https://login.mypurecloud.com/oauth/authorize?"));
        assert_eq!(
            params(&url),
            vec![
                ("client_id".into(), "abc".into()),
                ("redirect_uri".into(), "https://app.example.com/console/".into()),
                ("response_type".into(), "token".into()),
                ("state".into(), "s t&a".into()),
            ]
        );
        assert!(!url.contains("scope"), "implicit sends no scope: the client's configuration decides");
    }

    #[test]
    fn pkce_url_with_extras() {
        let extras = Extras {
            org: Some("acme".into()),
            provider: Some("okta".into()),
            login_hint: Some("ana@example.com".into()),
            prompt_login: true,
        };
        let url = authorize_url(
            &Environment::Sandbox,
            "cid",
            "http://127.0.0.1:8080/",
            Method::Pkce,
            "st",
            Some("chal"),
            &extras,
        );
        assert!(url.starts_with("http://127.0.0.1:8787/oauth/authorize?"));
        let p = params(&url);
        let get = |k: &str| p.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("code_challenge"), Some("chal"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(get("org"), Some("acme"));
        assert_eq!(get("provider"), Some("okta"));
        assert_eq!(get("login_hint"), Some("ana@example.com"));
        assert_eq!(get("prompt"), Some("login"));
    }

    #[test]
    fn org_without_provider_is_not_sent() {
        let extras = Extras { org: Some("acme".into()), ..Default::default() };
        let url = authorize_url(&Environment::Sandbox, "c", "r", Method::Implicit, "s", None, &extras);
        assert!(!url.contains("org="));
        assert!(extras_problem(&extras).is_some());
        assert!(extras_problem(&Extras::default()).is_none());
    }

    #[test]
    fn endpoint_with_a_query_keeps_it() {
        let env = Environment::server(
            "https://auth.example.com/authorize?tenant=a",
            "https://auth.example.com/token",
        )
        .unwrap();
        let url = authorize_url(&env, "c", "https://app/", Method::Pkce, "s", Some("ch"), &Extras::default());
        assert!(url.starts_with("https://auth.example.com/authorize?tenant=a&client_id=c&"), "{url}");
        assert_eq!(env.token_endpoint(), "https://auth.example.com/token");
    }

    #[test]
    fn client_id_checks() {
        assert!(client_id_problem("").is_some());
        assert!(client_id_problem("   ").is_some());
        assert!(client_id_problem("a b").is_some());
        assert_eq!(client_id_problem(" 5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01 "), None);
    }

    #[test]
    fn methods_have_stable_keys() {
        for m in [Method::Pkce, Method::Implicit] {
            assert_eq!(Method::from_key(m.key()), Some(m));
        }
        assert_eq!(Method::from_key("Pkce"), None);
        for m in [Method::Pkce, Method::Implicit] {
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.key()), "saved by its key");
            let old = format!("\"{m:?}\"");
            assert_eq!(serde_json::from_str::<Method>(&old).unwrap(), m, "earlier sessions still read");
        }
    }

    #[test]
    fn exchange_and_logout() {
        let body = code_exchange_body("c o", "v", "id", "http://127.0.0.1:8080/");
        assert_eq!(
            body,
            "grant_type=authorization_code&code=c+o&code_verifier=v&client_id=id&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F"
        );
        assert_eq!(
            logout_url(&Environment::region("eu-west-1").unwrap(), "id", "https://x/"),
            "https://login.mypurecloud.ie/logout?client_id=id&redirect_uri=https%3A%2F%2Fx%2F"
        );
        assert_eq!(Environment::Sandbox.token_endpoint(), "http://127.0.0.1:8787/oauth/token");
    }
}
