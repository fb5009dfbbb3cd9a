//! [`HttpUrl`]: the one way text becomes an http(s) URL in the console, read as the browser reads
//! it (the WHATWG URL Standard), so the console and the browser always agree on the scheme, the
//! host, the port and the path of every address it judges, stores or calls.
//!
//! It accepts a strict subset of what a browser accepts: anything the browser would read
//! differently from how it looks is refused with a clear message instead of being normalised
//! behind the admin's back — user info before the host, a backslash, tabs and line breaks,
//! percent-encoded or internationalised host names, numeric hosts other than four decimal parts,
//! `\`-style or missing slashes after the scheme. What it accepts it serialises exactly as the
//! browser's `new URL(text).href` does; `tests/url_cases.rs` holds the table that proves it,
//! natively and, in the browser test layer, against the browser's own parser.
//!
//! Written here rather than taken from the `url` crate: the subset needs no IDNA tables (the
//! crate's `idna` dependency is most of its size in the wasm module), and refusing is the point.

mod read;
mod traits;

use read::{encode, host_and_port, ipv6_text, resolve_path, unreserved_escape};
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The two schemes a web address of the console can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A host as the browser reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    /// A name, lower-cased, ASCII; a trailing dot kept as the browser keeps it.
    Domain(String),
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d),
            Host::Ipv4(ip) => write!(f, "{ip}"),
            Host::Ipv6(ip) => write!(f, "[{}]", ipv6_text(ip)),
        }
    }
}

impl Host {
    /// Is this a loopback host (where plain http is acceptable)? `localhost`, a name under
    /// `.localhost`, or a loopback address — never a name that merely starts like one.
    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Domain(d) => {
                let d = d.trim_end_matches('.');
                d == "localhost" || d.ends_with(".localhost")
            }
            Host::Ipv4(ip) => ip.is_loopback(),
            Host::Ipv6(ip) => ip.is_loopback(),
        }
    }
}

/// Why a text is not an http(s) URL the console accepts. Each reads as the end of a sentence
/// that starts with what the text is ("Login base URL …").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("is required")]
    Empty,
    #[error("must be an absolute URL such as https://login.example.com")]
    NotAbsolute,
    #[error("must be an http(s) URL, not {0}:")]
    NotHttp(String),
    #[error("must have // after {0}: (as in {0}://host/…)")]
    Slashes(&'static str),
    #[error("has no host")]
    NoHost,
    #[error("must not hold a user name or password before the host (the part before @): it could hide which host is really called")]
    UserInfo,
    #[error("must not contain a backslash (\\): browsers read it as a slash, so the host would not be the one it seems")]
    Backslash,
    #[error("must not contain spaces, tabs or line breaks")]
    Whitespace,
    #[error("must not contain control characters")]
    Control,
    #[error("has a percent-encoded host name: write the host plainly")]
    EncodedHost,
    #[error("has an internationalised host name ({0}): enter the host in plain ASCII letters, digits, dots and hyphens")]
    InternationalHost(String),
    #[error("has a character a host name cannot hold: {0}")]
    HostChar(char),
    #[error("has an empty part in its host name (two dots in a row, or a leading dot)")]
    EmptyLabel,
    #[error(
        "has a numeric host that is not an IPv4 address written as four decimal numbers (such as 127.0.0.1)"
    )]
    NumericHost,
    #[error("has an IPv6 address that cannot be read")]
    Ipv6,
    #[error("has a port that is not a number from 0 to 65535")]
    Port,
    #[error("has a character that must be percent-encoded: {0}")]
    Char(char),
    #[error("has a % that does not start an escape such as %20")]
    Percent,
    #[error("escapes a letter, digit or one of - . _ ~ in its path (such as %41 for A): write the character itself")]
    EscapedPlain,
}

/// An absolute http(s) URL, parsed once, as the browser would read it. Two are equal when the
/// browser writes them the same.
#[derive(Clone)]
pub struct HttpUrl {
    href: String,
    /// Boxed: an `Environment` holds two URLs and travels in errors and signals.
    p: Box<Parts>,
}

#[derive(Clone)]
struct Parts {
    /// The text named a port, even the scheme's default one (`:443`).
    port_written: bool,
    scheme: Scheme,
    host: Host,
    /// Only a port that is not the scheme's default (the browser drops a default one).
    port: Option<u16>,
    /// Starts with `/`; dot segments resolved.
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

/// The scheme of any absolute URI (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`,
/// `.`), lower-cased, and what follows its colon; `None` for a text without one.
pub fn scheme_of(text: &str) -> Option<(String, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

impl HttpUrl {
    /// Reads `text` (leading and trailing spaces ignored, as the browser ignores them).
    pub fn parse(text: &str) -> Result<HttpUrl, UrlError> {
        let text = text.trim_matches(|c: char| c <= ' ');
        if text.is_empty() {
            return Err(UrlError::Empty);
        }
        if text.contains([' ', '\t', '\n', '\r']) {
            return Err(UrlError::Whitespace);
        }
        if text.chars().any(|c| c.is_control()) {
            return Err(UrlError::Control);
        }
        let Some((scheme, rest)) = scheme_of(text) else { return Err(UrlError::NotAbsolute) };
        let scheme = match scheme.as_str() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            _ => return Err(UrlError::NotHttp(scheme)),
        };
        if text.contains('\\') {
            return Err(UrlError::Backslash);
        }
        let Some(rest) = rest.strip_prefix("//") else { return Err(UrlError::Slashes(scheme.as_str())) };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(end);
        if authority.contains('@') {
            return Err(UrlError::UserInfo);
        }
        let (host, port) = host_and_port(authority)?;
        let port_written = port.is_some();
        let port = port.filter(|p| *p != scheme.default_port());
        let (before_fragment, fragment) = match rest.split_once('#') {
            Some((b, f)) => (b, Some(f)),
            None => (rest, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (before_fragment, None),
        };
        // Chromium decodes an escaped letter, digit, `-`, `.`, `_` or `~` in a path (`/%41` is
        // `/A` to it), where the standard keeps it: refused, so both read the path the same.
        if unreserved_escape(path) {
            return Err(UrlError::EscapedPlain);
        }
        let path = resolve_path(&encode(path, b"")?);
        // The browser escapes `'` in the query of an http(s) URL.
        let query = query.map(|q| encode(q, b"'")).transpose()?;
        let fragment = fragment.map(|f| encode(f, b"")).transpose()?;
        let mut url = HttpUrl {
            href: String::new(),
            p: Box::new(Parts { port_written, scheme, host, port, path, query, fragment }),
        };
        url.href = url.serialise();
        Ok(url)
    }

    fn serialise(&self) -> String {
        let mut out = self.origin();
        out.push_str(&self.p.path);
        if let Some(q) = &self.p.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &self.p.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// The whole address, as the browser writes it.
    pub fn as_str(&self) -> &str {
        &self.href
    }

    pub fn scheme(&self) -> Scheme {
        self.p.scheme
    }

    pub fn host(&self) -> &Host {
        &self.p.host
    }

    /// The host as the browser writes it (`login.example.com`, `127.0.0.1`, `[::1]`).
    pub fn host_str(&self) -> String {
        self.p.host.to_string()
    }

    /// The host for judging which server it is: the browser's host without a trailing dot (which
    /// names the same server).
    pub fn host_name(&self) -> String {
        self.p.host.to_string().trim_end_matches('.').to_string()
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.p.port
    }

    /// Did the text name a port, even the default one? (The browser drops `:443` on https; an
    /// org that compares redirect URIs as text does not.)
    pub fn port_written(&self) -> bool {
        self.p.port_written
    }

    /// `scheme://host[:port]`: what the browser calls the origin.
    pub fn origin(&self) -> String {
        match self.p.port {
            Some(p) => format!("{}://{}:{p}", self.p.scheme.as_str(), self.p.host),
            None => format!("{}://{}", self.p.scheme.as_str(), self.p.host),
        }
    }

    /// The path, starting with `/`.
    pub fn path(&self) -> &str {
        &self.p.path
    }

    /// The query without its `?` (`Some("")` for a bare `?`).
    pub fn query(&self) -> Option<&str> {
        self.p.query.as_deref()
    }

    /// The fragment without its `#`.
    pub fn fragment(&self) -> Option<&str> {
        self.p.fragment.as_deref()
    }

    /// `scheme://host[:port]/path`, without query and fragment.
    pub fn base(&self) -> String {
        format!("{}{}", self.origin(), self.p.path)
    }

    /// The base without a trailing slash, for appending paths (`https://h/a/` → `https://h/a`).
    pub fn trimmed_base(&self) -> String {
        self.base().trim_end_matches('/').to_string()
    }

    /// The same origin with another path (`/` added when missing), no query or fragment: read
    /// again as any text is, so the path is escaped and resolved as the browser would.
    pub fn with_path(&self, path: &str) -> Result<HttpUrl, UrlError> {
        let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
        HttpUrl::parse(&format!("{}{path}", self.origin()))
    }

    pub fn is_loopback(&self) -> bool {
        self.p.host.is_loopback()
    }

    /// How a request to this URL travels.
    pub fn transport(&self) -> Transport {
        match self.p.scheme {
            Scheme::Https => Transport::Https,
            Scheme::Http if self.is_loopback() => Transport::LoopbackHttp,
            Scheme::Http => Transport::PlainHttp,
        }
    }

    /// https, or plain http on a loopback host.
    pub fn is_secure(&self) -> bool {
        self.transport().is_secure()
    }

    pub fn same_origin(&self, other: &HttpUrl) -> bool {
        self.p.scheme == other.p.scheme && self.p.host == other.p.host && self.p.port == other.p.port
    }
}

/// How a URL would travel: the one place that knows "https, or http only on loopback".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transport {
    Https,
    /// Plain http to `localhost` or a loopback IP: acceptable.
    LoopbackHttp,
    /// Plain http to any other host.
    PlainHttp,
    /// Another scheme (lower-cased), as a native app's redirect URI has.
    OtherScheme(String),
    /// An http(s) URL the console does not accept, or no URL at all.
    Invalid(UrlError),
}

impl Transport {
    pub fn of(text: &str) -> Transport {
        match HttpUrl::parse(text) {
            Ok(u) => u.transport(),
            Err(UrlError::NotHttp(scheme)) => Transport::OtherScheme(scheme),
            Err(e) => Transport::Invalid(e),
        }
    }

    pub fn is_secure(&self) -> bool {
        matches!(self, Transport::Https | Transport::LoopbackHttp)
    }
}

/// https, or plain http on a loopback host; `false` for anything that is no such URL.
pub fn is_secure_url(text: &str) -> bool {
    Transport::of(text).is_secure()
}

/// The origin of a text that is an http(s) URL; `None` otherwise.
pub fn origin_of(text: &str) -> Option<String> {
    HttpUrl::parse(text).ok().map(|u| u.origin())
}

#[cfg(test)]
mod tests {
    use super::cases;
    use super::*;

    #[test]
    fn parts_of_a_url() {
        let u = HttpUrl::parse("  HTTPS://Login.Example.COM:8443/a/./b/../c?x=1&y=é#frag ").unwrap();
        assert_eq!(u.as_str(), "https://login.example.com:8443/a/c?x=1&y=%C3%A9#frag");
        assert_eq!(u.origin(), "https://login.example.com:8443");
        assert_eq!(u.base(), "https://login.example.com:8443/a/c");
        assert_eq!(u.port(), Some(8443));
        assert_eq!(u.query(), Some("x=1&y=%C3%A9"));
        assert_eq!(u.fragment(), Some("frag"));
        assert_eq!(
            u.with_path("/.well-known/x").unwrap().as_str(),
            "https://login.example.com:8443/.well-known/x"
        );
        assert_eq!(u.with_path("a/../b?c").unwrap().as_str(), "https://login.example.com:8443/b?c");
        let root = HttpUrl::parse("https://h.example:443").unwrap();
        assert!(root.port_written() && !HttpUrl::parse("https://h.example/").unwrap().port_written());
        assert_eq!(root, HttpUrl::parse("https://h.example/").unwrap(), "equal as the browser writes them");
        assert_eq!((root.as_str(), root.port()), ("https://h.example/", None));
        assert_eq!(HttpUrl::parse("https://h.example/a/").unwrap().trimmed_base(), "https://h.example/a");
    }

    #[test]
    fn the_backslash_userinfo_attack_is_refused() {
        assert_eq!(HttpUrl::parse("http://127.0.0.1:18666\\@127.0.0.1:18787"), Err(UrlError::Backslash));
        assert_eq!(HttpUrl::parse("https://login.mypurecloud.com@evil.example/"), Err(UrlError::UserInfo));
        assert_eq!(HttpUrl::parse("https://evil.example\\login.mypurecloud.com/"), Err(UrlError::Backslash));
    }

    #[test]
    fn transport_is_judged_once() {
        assert_eq!(Transport::of("https://x.example.com/"), Transport::Https);
        assert_eq!(Transport::of("http://127.0.0.1:8080/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://localhost/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://a.localhost/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://[::1]:3000/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://localhost.evil.com/"), Transport::PlainHttp);
        assert_eq!(Transport::of("http://127.example.com/"), Transport::PlainHttp);
        assert_eq!(Transport::of("ftp://x/"), Transport::OtherScheme("ftp".into()));
        assert_eq!(Transport::of("com.example.app:/cb"), Transport::OtherScheme("com.example.app".into()));
        assert_eq!(Transport::of("/cb"), Transport::Invalid(UrlError::NotAbsolute));
        assert_eq!(Transport::of("https:///x"), Transport::Invalid(UrlError::NoHost));
        assert!(is_secure_url("http://[::1]:3000/") && !is_secure_url("http://app.example.com/"));
        assert!(
            !is_secure_url("http://127.1/"),
            "a host the browser reads as loopback is refused, not judged"
        );
    }

    #[test]
    fn ipv6_is_written_as_the_browser_writes_it() {
        let text = |s: &str| ipv6_text(&s.parse().unwrap());
        assert_eq!(text("::1"), "::1");
        assert_eq!(text("::"), "::");
        assert_eq!(text("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
        assert_eq!(text("1:0:0:2:0:0:3:4"), "1::2:0:0:3:4");
        assert_eq!(text("1:2:3:4:5:6:7:0"), "1:2:3:4:5:6:7:0");
        assert_eq!(text("::ffff:1.2.3.4"), "::ffff:102:304");
        assert_eq!(text("fe80::"), "fe80::");
    }

    #[test]
    fn stored_urls_are_read_again_through_the_parser() {
        let u: HttpUrl = serde_json::from_str("\"https://A.example/x\"").unwrap();
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"https://a.example/x\"");
        assert!(serde_json::from_str::<HttpUrl>("\"http://a\\\\@b\"").is_err());
    }

    #[test]
    fn the_table_of_tricky_urls() {
        for case in cases::CASES {
            let got = HttpUrl::parse(case.input);
            match case.expect {
                cases::Expect::Href(href) => {
                    assert_eq!(got.as_ref().map(HttpUrl::as_str), Ok(href), "{:?}", case.input)
                }
                cases::Expect::Refused => {
                    assert!(got.is_err(), "{:?} should be refused: {got:?}", case.input)
                }
            }
        }
        assert!(cases::CASES.len() >= 40);
    }
}

#[cfg(test)]
#[path = "../../tests/common/url_cases.rs"]
mod cases;
