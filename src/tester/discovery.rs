//! Discovery of any OAuth server's endpoints from the metadata it publishes: RFC 8414
//! (`/.well-known/oauth-authorization-server`, inserted before the issuer's path) or OpenID
//! Connect Discovery (`/.well-known/openid-configuration`, appended to it). Pure: which
//! documents to ask for, and what one says (checked as RFC 8414 §3.3 asks).

use crate::env::Environment;
use crate::oauth::pending::Issuer;
use crate::url::{origin_of, HttpUrl, UrlError};
use serde::Deserialize;

/// The server's endpoints and what it supports, as its metadata says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: Option<String>,
    /// It says `authorization_response_iss_parameter_supported`: every response names `iss`.
    pub iss_required: bool,
    /// Worth knowing before a run ("no S256"): shown beside the filled fields.
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Doc {
    issuer: Option<String>,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    userinfo_endpoint: Option<String>,
    code_challenge_methods_supported: Option<Vec<String>>,
    authorization_response_iss_parameter_supported: Option<bool>,
    response_types_supported: Option<Vec<String>>,
}

/// What a run keeps of the metadata that filled the endpoints, while they are still the ones
/// filled from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovered {
    pub authorize: String,
    pub token: String,
    pub userinfo: Option<String>,
    pub issuer: Issuer,
}

impl Discovered {
    pub fn of(m: &Metadata) -> Discovered {
        Discovered {
            authorize: m.authorization_endpoint.clone(),
            token: m.token_endpoint.clone(),
            userinfo: m.userinfo_endpoint.clone(),
            issuer: Issuer { id: m.issuer.clone(), required: m.iss_required },
        }
    }

    /// Are these still the endpoints of `env`?
    pub fn describes(&self, env: &Environment) -> bool {
        matches!(env, Environment::Server(s) if s.authorize_url().as_str() == self.authorize && s.token_url().as_str() == self.token)
    }
}

/// Why a document gave no endpoints.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    #[error("not a JSON object")]
    NotJson,
    #[error("{}", mismatch(expected, got.as_deref()))]
    IssuerMismatch { expected: String, got: Option<String> },
    #[error("it has no {0}")]
    Missing(&'static str),
    #[error("its {field} ({url}) is not https (http only on loopback)")]
    Insecure { field: &'static str, url: String },
    #[error("its {field} ({url}) {why}")]
    NotUrl { field: &'static str, url: String, why: UrlError },
}

fn mismatch(expected: &str, got: Option<&str>) -> String {
    match got {
        Some(got) => {
            format!("it names the issuer \"{got}\", not {expected} (RFC 8414 §3.3: they must be identical)")
        }
        None => format!("it names no issuer, where it must name {expected} (RFC 8414 §3.3)"),
    }
}

/// Why typed text is no issuer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssuerError {
    #[error("Enter the server's issuer, such as https://auth.example.com.")]
    Empty,
    #[error("The issuer {0}.")]
    Url(crate::url::UrlError),
    #[error("The issuer is an https URL without a query or fragment, such as https://auth.example.com.")]
    QueryOrFragment,
    #[error("The issuer must use https (http only on a loopback host).")]
    NotHttps,
}

/// The issuer as typed, read as a URL: an https URL (http only on loopback), without query or
/// fragment.
pub fn issuer_url(issuer: &str) -> Result<HttpUrl, IssuerError> {
    if issuer.trim().is_empty() {
        return Err(IssuerError::Empty);
    }
    let url = HttpUrl::parse(issuer).map_err(IssuerError::Url)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(IssuerError::QueryOrFragment);
    }
    if !url.is_secure() {
        return Err(IssuerError::NotHttps);
    }
    Ok(url)
}

/// What is wrong with the issuer as typed, if anything.
pub fn issuer_problem(issuer: &str) -> Option<String> {
    issuer_url(issuer).err().map(|e| e.to_string())
}

/// The documents to ask for, in order: RFC 8414's (the well-known part inserted before the
/// issuer's path), then OpenID Connect's (appended to it). None for an issuer that is no URL.
pub fn documents(issuer: &str) -> Vec<String> {
    let Ok(url) = issuer_url(issuer) else { return Vec::new() };
    let path = url.path().trim_end_matches('/');
    [
        format!("/.well-known/oauth-authorization-server{path}"),
        format!("{path}/.well-known/openid-configuration"),
    ]
    .iter()
    .filter_map(|p| url.with_path(p).ok())
    .map(|u| u.to_string())
    .collect()
}

/// What a metadata document says, for the issuer it was asked for.
pub fn parse(text: &str, issuer: &str) -> Result<Metadata, MetadataError> {
    let doc: Doc = serde_json::from_str(text).map_err(|_| MetadataError::NotJson)?;
    let expected = issuer.trim().trim_end_matches('/');
    let issuer = match doc.issuer.as_deref() {
        Some(got) if got.trim_end_matches('/') == expected => got.to_string(),
        got => {
            return Err(MetadataError::IssuerMismatch {
                expected: expected.into(),
                got: got.map(str::to_string),
            })
        }
    };
    // Every endpoint is read as the browser will read it: what is no such URL, or not https, is
    // refused before it fills a field.
    let endpoint = |v: Option<String>, field: &'static str| -> Result<String, MetadataError> {
        let text = v.filter(|u| !u.trim().is_empty()).ok_or(MetadataError::Missing(field))?;
        match HttpUrl::parse(&text) {
            Ok(url) if url.is_secure() => Ok(url.to_string()),
            Ok(_) => Err(MetadataError::Insecure { field, url: text }),
            Err(e) => Err(MetadataError::NotUrl { field, url: text, why: e }),
        }
    };
    let authorization_endpoint = endpoint(doc.authorization_endpoint, "authorization_endpoint")?;
    let token_endpoint = endpoint(doc.token_endpoint, "token_endpoint")?;
    let userinfo_endpoint =
        doc.userinfo_endpoint.map(|u| endpoint(Some(u), "userinfo_endpoint")).transpose()?;
    let mut warnings = Vec::new();
    // The token goes only to the server that issued it: a userinfo endpoint on another host is
    // not asked.
    let ours = [origin_of(expected), origin_of(&token_endpoint)];
    let userinfo_endpoint = match userinfo_endpoint {
        Some(u) if !ours.contains(&origin_of(&u)) => {
            warnings.push(format!(
                "Its userinfo endpoint ({u}) is on another host: a run does not send the token there."
            ));
            None
        }
        u => u,
    };
    if let Some(methods) = doc.code_challenge_methods_supported {
        if !methods.iter().any(|m| m == "S256") {
            warnings.push(format!(
                "It lists no S256 among its PKCE methods ({}): a PKCE run may be refused.",
                methods.join(", ")
            ));
        }
    }
    if let Some(types) = doc.response_types_supported {
        if !types.iter().any(|t| t == "code") {
            warnings.push(format!(
                "It lists no \"code\" response type ({}): a PKCE run may be refused.",
                types.join(", ")
            ));
        }
    }
    Ok(Metadata {
        issuer,
        iss_required: doc.authorization_response_iss_parameter_supported == Some(true),
        authorization_endpoint,
        token_endpoint,
        userinfo_endpoint,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_the_documents_are() {
        assert_eq!(
            documents("https://auth.example.com"),
            [
                "https://auth.example.com/.well-known/oauth-authorization-server",
                "https://auth.example.com/.well-known/openid-configuration"
            ]
        );
        // RFC 8414 §3.1 inserts the well-known part before the path; OpenID appends it.
        assert_eq!(
            documents("https://id.example.com/tenant/1/"),
            [
                "https://id.example.com/.well-known/oauth-authorization-server/tenant/1",
                "https://id.example.com/tenant/1/.well-known/openid-configuration"
            ]
        );
        assert_eq!(issuer_problem("https://auth.example.com"), None);
        assert_eq!(issuer_problem("http://127.0.0.1:8797/oidc"), None);
        assert!(issuer_problem("http://auth.example.com").is_some());
        assert!(issuer_problem("https://a.example?x=1").is_some());
        assert!(issuer_problem("auth.example.com").is_some());
        assert!(issuer_problem(" ").is_some());
        assert!(issuer_problem("https://auth.example.com\\@evil.example").unwrap().contains("backslash"));
        assert_eq!(
            issuer_problem(" ").unwrap(),
            "Enter the server's issuer, such as https://auth.example.com."
        );
        assert_eq!(
            issuer_problem("http://auth.example.com").unwrap(),
            "The issuer must use https (http only on a loopback host)."
        );
        assert_eq!(issuer_url("https://a.example#f"), Err(IssuerError::QueryOrFragment));
        assert!(documents("https://a.example\\@evil.example").is_empty());
    }

    #[test]
    fn an_rfc_8414_document() {
        let doc = r#"{"issuer":"https://auth.example.com","authorization_endpoint":"https://auth.example.com/authorize","token_endpoint":"https://auth.example.com/token","code_challenge_methods_supported":["S256"],"response_types_supported":["code"],"grant_types_supported":["authorization_code"]}"#;
        let m = parse(doc, "https://auth.example.com/").unwrap();
        assert_eq!((m.issuer.as_str(), m.iss_required), ("https://auth.example.com", false));
        assert_eq!(m.authorization_endpoint, "https://auth.example.com/authorize");
        let d = Discovered::of(&m);
        assert!(d.describes(
            &Environment::server("https://auth.example.com/authorize", "https://auth.example.com/token")
                .unwrap()
        ));
        assert!(!d.describes(
            &Environment::server("https://auth.example.com/authorize", "https://auth.example.com/t2")
                .unwrap()
        ));
        let promised = doc.replace(
            "\"grant_types_supported\"",
            "\"authorization_response_iss_parameter_supported\":true,\"grant_types_supported\"",
        );
        assert!(parse(&promised, "https://auth.example.com").unwrap().iss_required);
        assert_eq!(m.token_endpoint, "https://auth.example.com/token");
        assert_eq!((m.userinfo_endpoint, m.warnings.len()), (None, 0));
    }

    #[test]
    fn an_openid_document_with_userinfo_and_warnings() {
        let doc = r#"{"issuer":"https://id.example.com/tenant","authorization_endpoint":"https://id.example.com/tenant/oauth2/v2.0/authorize","token_endpoint":"https://id.example.com/tenant/oauth2/v2.0/token","userinfo_endpoint":"https://graph.example.com/oidc/userinfo","code_challenge_methods_supported":["plain"],"response_types_supported":["id_token","token"],"jwks_uri":"https://id.example.com/keys"}"#;
        let m = parse(doc, "https://id.example.com/tenant").unwrap();
        assert_eq!(m.userinfo_endpoint, None, "another host is not sent the token");
        assert_eq!(m.warnings.len(), 3);
        assert!(m.warnings[0].contains("graph.example.com") && m.warnings[1].contains("S256"));
        let same =
            doc.replace("https://graph.example.com/oidc/userinfo", "https://id.example.com/tenant/userinfo");
        let m = parse(&same, "https://id.example.com/tenant").unwrap();
        assert_eq!(m.userinfo_endpoint.as_deref(), Some("https://id.example.com/tenant/userinfo"));
    }

    #[test]
    fn junk_and_lies_are_refused() {
        let ok = |issuer: &str| {
            format!(
                r#"{{"issuer":"{issuer}","authorization_endpoint":"https://a.example/authorize","token_endpoint":"https://a.example/token"}}"#
            )
        };
        for junk in ["", "<html>404</html>", "[1,2]", "null", "\"x\"", "{\"issuer\":5}"] {
            assert!(parse(junk, "https://a.example").is_err(), "{junk}");
        }
        // Another issuer's document (RFC 8414 §3.3: a mix-up waiting to happen).
        assert_eq!(
            parse(&ok("https://evil.example"), "https://a.example"),
            Err(MetadataError::IssuerMismatch {
                expected: "https://a.example".into(),
                got: Some("https://evil.example".into())
            })
        );
        assert_eq!(
            parse(
                r#"{"issuer":"https://a.example","token_endpoint":"https://a.example/t"}"#,
                "https://a.example"
            ),
            Err(MetadataError::Missing("authorization_endpoint"))
        );
        let insecure = r#"{"issuer":"https://a.example","authorization_endpoint":"http://a.example/authorize","token_endpoint":"https://a.example/token"}"#;
        assert!(matches!(
            parse(insecure, "https://a.example"),
            Err(MetadataError::Insecure { field: "authorization_endpoint", .. })
        ));
        assert!(parse(&ok("https://a.example"), "https://a.example").is_ok());
        let tricky = r#"{"issuer":"https://a.example","authorization_endpoint":"https://a.example\\@evil.example/authorize","token_endpoint":"https://a.example/token"}"#;
        assert!(matches!(
            parse(tricky, "https://a.example"),
            Err(MetadataError::NotUrl { field: "authorization_endpoint", why: UrlError::Backslash, .. })
        ));
    }
}
