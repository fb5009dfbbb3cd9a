//! Redirect URIs judged as the vendor judges them: errors only for what it refuses (not
//! absolute, a fragment, more than 125) and for script URIs; what it accepts but an admin should
//! know (plain http off loopback, custom schemes, duplicates) as warnings.

use crate::url::{scheme_of, Transport};

/// At most this many redirect URIs per client.
pub const MAX_REDIRECT_URIS: usize = 125;

/// What the rules say of one redirect URI that is not simply fine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lint {
    /// The org refuses it (or it is never safe): the form cannot be sent.
    Error(String),
    /// The org accepts it, but the admin should know why it is unusual.
    Warning(String),
}

impl Lint {
    pub fn message(self) -> String {
        match self {
            Lint::Error(m) | Lint::Warning(m) => m,
        }
    }
}

/// One redirect URI judged as the vendor does: errors only for what it refuses (not absolute, a
/// fragment) and for script URIs; plain http off loopback and custom schemes (native apps) are
/// warnings. `None` when it is fine.
pub fn lint_redirect_uri(uri: &str) -> Option<Lint> {
    if uri.chars().any(char::is_whitespace) {
        return Some(Lint::Error("Remove the spaces: a URI cannot contain them.".into()));
    }
    let Some((scheme, rest)) = scheme_of(uri) else {
        return Some(Lint::Error("Not an absolute URI: it must start with a scheme, as in https://".into()));
    };
    if matches!(scheme.as_str(), "javascript" | "data" | "vbscript") {
        return Some(Lint::Error("javascript:, data: and vbscript: URIs are never allowed.".into()));
    }
    if uri.contains('#') {
        return Some(Lint::Error("Remove the fragment (#…): a redirect URI cannot have one.".into()));
    }
    let web = scheme == "http" || scheme == "https";
    if rest.trim_start_matches('/').is_empty() {
        return Some(if web {
            Lint::Error("The URI has no host.".into())
        } else {
            Lint::Warning(format!(
                "Nothing follows \"{scheme}:\": no app can receive a sign-in at this address."
            ))
        });
    }
    let authority = rest.trim_start_matches('/').split(['/', '?']).next().unwrap_or_default();
    if web && authority.contains('*') {
        return Some(Lint::Error(
            "A wildcard (*) is not a host: the org matches a redirect URI exactly, so list each host on a line of its own.".into(),
        ));
    }
    match Transport::of(uri) {
        Transport::Https | Transport::LoopbackHttp => None,
        // The browser would be sent somewhere else than the text seems to say (a backslash,
        // user info, an encoded host…): never registered.
        Transport::Invalid(e) if web => Some(Lint::Error(format!("This URI {e}."))),
        Transport::PlainHttp => Some(Lint::Warning(
            "Plain http off localhost: the org accepts it, but codes and tokens reach this host unencrypted. Prefer https.".into(),
        )),
        _ => Some(Lint::Warning(format!(
            "Custom scheme \"{scheme}:\": the org accepts it for native apps; only an app registered for this scheme receives the sign-in, never a web page."
        ))),
    }
}

/// Every lint of the redirect URI text (one URI per line), with its 1-based line (`None`: the
/// text as a whole).
pub fn lint_lines(text: &str) -> Vec<(Option<usize>, Lint)> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let mut out = Vec::new();
    let mut count = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        count += 1;
        if let Some(lint) = lint_redirect_uri(line) {
            out.push((Some(i + 1), lint));
        }
        if let Some((_, n)) = seen.iter().find(|(u, _)| *u == line) {
            out.push((
                Some(i + 1),
                Lint::Warning(format!("Duplicate of line {n}: the org keeps both; one is enough.")),
            ));
        }
        seen.push((line, i + 1));
    }
    if count > MAX_REDIRECT_URIS {
        out.push((
            None,
            Lint::Error(format!(
                "At most {MAX_REDIRECT_URIS} redirect URIs: remove {}.",
                count - MAX_REDIRECT_URIS
            )),
        ));
    }
    out
}

/// The redirect URI lines with `uri` added as a line of its own; `None` when it is not one URI the
/// org would take (spaces, control characters, an error) or is there already.
pub fn with_redirect_uri(lines: &str, uri: &str) -> Option<String> {
    let uri = uri.trim();
    if uri.is_empty() || uri.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    if matches!(lint_redirect_uri(uri), Some(Lint::Error(_))) || lines.lines().any(|l| l.trim() == uri) {
        return None;
    }
    let mut out = lines.trim_end().to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(uri);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uri_boundaries() {
        let verdict = |u: &str| match lint_redirect_uri(u) {
            None => "ok",
            Some(Lint::Error(_)) => "error",
            Some(Lint::Warning(_)) => "warning",
        };
        for (uri, want) in [
            ("https://app.example.com/cb?x=1", "ok"),
            ("HTTPS://APP.EXAMPLE.COM/", "ok"),
            ("http://localhost/", "ok"),
            ("http://app.localhost:8080/cb", "ok"),
            ("http://127.0.0.2/", "ok"),
            ("http://[::1]/", "ok"),
            ("http://example.com/oauth/callback", "warning"),
            ("http://10.0.0.5/cb", "warning"),
            ("com.example.app://cb", "warning"),
            ("com.example.app:/cb", "warning"),
            ("myapp+dev.x-y:cb", "warning"),
            ("urn:ietf:wg:oauth:2.0:oob", "warning"),
            ("JavaScript:alert(1)", "error"),
            ("vbscript:x", "error"),
            ("data:,x", "error"),
            ("com.example.app://cb#x", "error"),
            ("http://example.com/#", "error"),
            ("https://", "error"),
            ("https:/no-host", "error"),
            ("myapp:", "warning"),
            ("http://", "error"),
            ("1app://cb", "error"),
            ("://cb", "error"),
            ("app.example.com/cb", "error"),
            ("https://a.example.com/ x", "error"),
            // Where the browser would go is not where the text seems to point.
            ("https://app.example.com\\@evil.example/cb", "error"),
            ("https://app.example.com@evil.example/cb", "error"),
            ("https://%61pp.example.com/cb", "error"),
            ("http://127.1/cb", "error"),
        ] {
            assert_eq!(verdict(uri), want, "{uri}");
        }
    }

    #[test]
    fn what_the_admin_is_told() {
        let said = |u: &str| lint_redirect_uri(u).map(Lint::message).unwrap_or_default();
        assert!(
            said("https://*.example.com/cb").contains("wildcard"),
            "{}",
            said("https://*.example.com/cb")
        );
        assert!(said("https://app.*.example.com:8443/cb").contains("wildcard"));
        assert!(!said("https://app.example.com/cb?x=*").contains("wildcard"), "a * in the query is no host");
        let user = said("https://user:pw@app.example.com/cb");
        assert!(user.contains("user name or password"), "{user}");
    }

    #[test]
    fn one_uri_added_once() {
        assert_eq!(with_redirect_uri("", "https://a.example/cb").as_deref(), Some("https://a.example/cb"));
        assert_eq!(
            with_redirect_uri("https://a.example/x\n", " https://a.example/cb ").as_deref(),
            Some("https://a.example/x\nhttps://a.example/cb")
        );
        assert_eq!(with_redirect_uri("https://a.example/cb", "https://a.example/cb"), None, "there already");
        assert_eq!(with_redirect_uri("", "https://a.example/cb\nhttps://evil.example/"), None, "two lines");
        assert_eq!(with_redirect_uri("", "https://a.example/c b"), None);
        assert_eq!(with_redirect_uri("", "javascript:alert(1)"), None);
        assert_eq!(with_redirect_uri("", "/relative"), None);
        assert_eq!(with_redirect_uri("x", ""), None);
    }
}
