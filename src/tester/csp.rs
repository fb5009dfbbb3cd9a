//! This page's own Content-Security-Policy, as far as the Tester needs it: which servers the
//! browser lets this copy of the console contact (`connect-src`). A run to a server outside it
//! is blocked by the browser before any request leaves, whatever the server and the client are:
//! the Tester says so before the run, and after it instead of blaming the server.
//!
//! Sources are matched as CSP Level 3 matches them (scheme, host with a leading `*.`, port with
//! `*`, path as a prefix of whole segments when it ends with `/`, percent-decoded), for the
//! http(s) URLs the console calls.

use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::url::{scheme_of, HttpUrl, Scheme};

/// The `connect-src` of a policy (or its `default-src` when it has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectPolicy {
    sources: Vec<String>,
}

impl ConnectPolicy {
    /// The policy's connect sources; `None` when it restricts no connection.
    pub fn of_policy(policy: &str) -> Option<ConnectPolicy> {
        let directive = |name: &str| {
            policy.split(';').map(str::trim).find_map(|d| {
                let mut words = d.split_ascii_whitespace();
                words
                    .next()
                    .filter(|n| n.eq_ignore_ascii_case(name))
                    .map(|_| words.map(str::to_string).collect::<Vec<_>>())
            })
        };
        let sources = directive("connect-src").or_else(|| directive("default-src"))?;
        Some(ConnectPolicy { sources })
    }

    /// This page's own policy (its `<meta http-equiv>`), read where the Tester needs it.
    pub fn of_page() -> Option<ConnectPolicy> {
        crate::browser::page_policy().and_then(|p| Self::of_policy(&p))
    }

    /// May this page (at `page`) contact `url`?
    pub fn allows(&self, url: &HttpUrl, page: &HttpUrl) -> bool {
        self.sources.iter().any(|s| source_matches(s, url, page))
    }

    /// The sources as the policy lists them, `'self'` said as this page's origin.
    pub fn listed(&self, page: &HttpUrl) -> Vec<String> {
        self.sources
            .iter()
            .filter(|s| !s.eq_ignore_ascii_case("'none'"))
            .map(|s| if s.eq_ignore_ascii_case("'self'") { page.origin() } else { s.clone() })
            .collect()
    }
}

/// Does one source expression allow `url`?
fn source_matches(source: &str, url: &HttpUrl, page: &HttpUrl) -> bool {
    let scheme = url.scheme();
    // http: allows https: too (an upgrade), never the other way round.
    // (CSP's scheme-part match: ws: allows http(s) too, wss: https.)
    let scheme_ok = |named: &str| match named.to_ascii_lowercase().as_str() {
        "http" | "ws" => true,
        "https" | "wss" => scheme == Scheme::Https,
        _ => false,
    };
    if source == "*" {
        return true;
    }
    if source.eq_ignore_ascii_case("'self'") {
        // The same origin, or its https upgrade on the same host and port (both defaults: `None`).
        let upgrade = page.scheme() == Scheme::Http
            && scheme == Scheme::Https
            && url.host() == page.host()
            && url.port() == page.port();
        return url.same_origin(page) || upgrade;
    }
    if source.starts_with('\'') {
        return false;
    }
    if let Some(named) = source.strip_suffix(':') {
        return scheme_ok(named);
    }
    // The scheme read as the URL type reads any URI's. The rest is a source expression, not a
    // URL (`*.example.com`, `:*`): its own small grammar below.
    let (named_scheme, rest) = match scheme_of(source) {
        Some((s, r)) if r.starts_with("//") => (Some(s), &r[2..]),
        _ => (None, source),
    };
    match &named_scheme {
        Some(s) if !scheme_ok(s.as_str()) => return false,
        // No scheme: the page's own (and its upgrade).
        None if !(scheme == page.scheme() || (page.scheme() == Scheme::Http && scheme == Scheme::Https)) => {
            return false
        }
        _ => {}
    }
    let (host_port, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || host_port.starts_with('[') => (h, Some(p)),
        _ => (host_port, None),
    };
    let url_host = url.host_name().to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => url_host.ends_with(&format!(".{suffix}")),
        None => host == "*" || host == url_host,
    };
    let url_port = url.port().unwrap_or(match scheme {
        Scheme::Http => 80,
        Scheme::Https => 443,
    });
    let port_ok = match port {
        Some("*") => true,
        Some(p) => p.parse::<u16>().is_ok_and(|p| p == url_port),
        // The scheme's default port (http's 80 allows https' 443 as an upgrade).
        None => {
            let named = named_scheme.clone();
            let default = if matches!(named.as_deref(), Some("https" | "wss"))
                || (named.is_none() && page.scheme() == Scheme::Https)
            {
                443
            } else {
                80
            };
            url_port == default || (default == 80 && url_port == 443 && scheme == Scheme::Https)
        }
    };
    host_ok && port_ok && path_matches(path, url.path())
}

/// CSP's path-part match: a source's path that ends with `/` is a prefix of whole segments, any
/// other must be the whole path; segments are compared percent-decoded (`%7E` is `~`).
fn path_matches(source: &str, path: &str) -> bool {
    if source.is_empty() || (source == "/" && path.is_empty()) {
        return true;
    }
    let exact = !source.ends_with('/');
    let mut wanted: Vec<&str> = source.split('/').collect();
    let pieces: Vec<&str> = path.split('/').collect();
    if wanted.len() > pieces.len() || (exact && wanted.len() != pieces.len()) {
        return false;
    }
    if !exact {
        wanted.pop();
    }
    let decoded = percent_encoding::percent_decode_str;
    wanted.iter().zip(&pieces).all(|(w, p)| decoded(w).eq(decoded(p)))
}

/// The origins among `urls` (the requests a run makes from this page) the policy blocks, each
/// once, in order.
pub fn blocked<'a>(
    policy: &ConnectPolicy,
    page: &HttpUrl,
    urls: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for url in urls.into_iter().filter_map(|u| HttpUrl::parse(u).ok()) {
        if !policy.allows(&url, page) && !out.contains(&url.origin()) {
            out.push(url.origin());
        }
    }
    out
}

/// The requests a run makes from this page (the login page itself is a navigation, which the
/// policy does not govern): the token request for PKCE, then who signed in — the Platform API,
/// or a server's userinfo endpoint.
pub fn run_requests(env: &Environment, method: Method, userinfo: Option<&str>) -> Vec<String> {
    let mut urls = Vec::new();
    if method == Method::Pkce {
        urls.push(env.token_endpoint());
    }
    if env.has_platform_api() {
        urls.push(env.api_base());
    } else if let Some(u) = userinfo {
        urls.push(u.to_string());
    }
    urls
}

/// What the page says of servers its policy blocks, and how to allow them.
pub fn blocked_note(origins: &[String]) -> String {
    let names = origins.join(", ");
    let extra = origins.join(" ");
    format!(
        "This copy of the console may contact only the servers its Content-Security-Policy lists, and {names} is not among them: the browser blocks the request before it leaves, whatever the server and the client. To allow it, add it to CSP_CONNECT_EXTRA when building the console (CSP_CONNECT_EXTRA=\"{extra}\" make dist, with any hosts the copy already adds), or run it locally with make serve (no policy)."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> HttpUrl {
        HttpUrl::parse(s).unwrap()
    }

    const POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self' https://login.mypurecloud.com https://api.mypurecloud.com http://127.0.0.1:8787 https://*.example.org https://auth.example.net/oauth/; frame-ancestors 'none'";

    #[test]
    fn connect_src_sources_are_matched_as_the_browser_does() {
        let p = ConnectPolicy::of_policy(POLICY).unwrap();
        let page = url("http://127.0.0.1:8080/tester");
        for (u, ok) in [
            ("http://127.0.0.1:8080/x", true),
            ("https://127.0.0.1:9443/x", false),
            ("https://login.mypurecloud.com/oauth/token", true),
            ("https://LOGIN.mypurecloud.com./oauth/token", true),
            ("https://login.mypurecloud.com:8443/oauth/token", false),
            ("http://login.mypurecloud.com/oauth/token", false),
            ("http://127.0.0.1:8787/oauth/token", true),
            ("http://127.0.0.1:8797/token", false),
            ("https://a.example.org/token", true),
            ("https://example.org/token", false),
            ("https://auth.example.net/oauth/token", true),
            ("https://auth.example.net/other", false),
            ("https://login.usw2.pure.cloud/oauth/token", false),
        ] {
            assert_eq!(p.allows(&url(u), &page), ok, "{u}");
        }
        assert_eq!(p.listed(&page)[0], "http://127.0.0.1:8080");
    }

    #[test]
    fn a_source_path_is_matched_by_whole_segments_percent_decoded() {
        for (source, path, ok) in [
            ("", "/any/thing", true),
            ("/", "/any/thing", true),
            ("/oauth/", "/oauth/token", true),
            ("/oauth/", "/oauth", false),
            ("/oauth/", "/oauthx/token", false),
            ("/oauth/token", "/oauth/token", true),
            ("/oauth/token", "/oauth/token/more", false),
            ("/oauth/token", "/oauth/tok", false),
            ("/p%7Eq/", "/p~q/token", true),
            ("/p~q/token", "/p%7Eq/token", true),
            ("/a%2Fb/", "/a/b/c", false),
        ] {
            assert_eq!(path_matches(source, path), ok, "{source} against {path}");
        }
        let p = ConnectPolicy::of_policy("connect-src https://auth.example.net/%7Eteam/").unwrap();
        let page = url("https://console.example.com/");
        assert!(p.allows(&url("https://auth.example.net/~team/token"), &page));
        assert!(!p.allows(&url("https://auth.example.net/team/token"), &page));
    }

    #[test]
    fn a_scheme_or_star_allows_any_server_and_no_policy_restricts_nothing() {
        let page = url("https://console.example.com/");
        let any = ConnectPolicy::of_policy("connect-src 'self' https:").unwrap();
        assert!(any.allows(&url("https://login.anywhere.example/token"), &page));
        assert!(!any.allows(&url("http://login.anywhere.example/token"), &page));
        assert!(ConnectPolicy::of_policy("connect-src *")
            .unwrap()
            .allows(&url("http://10.0.0.1:9/t"), &page));
        let sockets = ConnectPolicy::of_policy("connect-src wss://auth.example.com ws:").unwrap();
        assert!(sockets.allows(&url("https://auth.example.com/token"), &page));
        assert!(sockets.allows(&url("http://any.example/token"), &page), "ws: allows http");
        let none = ConnectPolicy::of_policy("default-src 'none'").unwrap();
        assert!(!none.allows(&url("https://console.example.com/x"), &page));
        assert_eq!(ConnectPolicy::of_policy("script-src 'self'"), None);
    }

    #[test]
    fn the_blocked_origins_each_once_and_how_to_allow_them() {
        let p = ConnectPolicy::of_policy(POLICY).unwrap();
        let page = url("http://127.0.0.1:8080/tester");
        let out = blocked(
            &p,
            &page,
            [
                "http://127.0.0.1:8798/token",
                "http://127.0.0.1:8798/userinfo",
                "https://login.mypurecloud.com/oauth/token",
                "not a url",
            ],
        );
        assert_eq!(out, vec!["http://127.0.0.1:8798".to_string()]);
        let note = blocked_note(&out);
        assert!(note.contains("http://127.0.0.1:8798 is not among them"), "{note}");
        assert!(note.contains("CSP_CONNECT_EXTRA=\"http://127.0.0.1:8798\""), "{note}");
    }

    #[test]
    fn a_run_asks_the_token_endpoint_for_pkce_and_then_who_signed_in() {
        let sandbox = Environment::Sandbox;
        assert_eq!(
            run_requests(&sandbox, Method::Pkce, None),
            vec![sandbox.token_endpoint(), sandbox.api_base()]
        );
        assert_eq!(run_requests(&sandbox, Method::Implicit, None), vec![sandbox.api_base()]);
    }
}
