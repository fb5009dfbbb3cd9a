//! Where the console talks to: a Genesys Cloud region, the local sandbox org, or custom URLs.
//!
//! This is the only module that knows host names. Every other module asks an [`Environment`]
//! for its login, API and apps base URLs.

use serde::{Deserialize, Serialize};

/// One Genesys Cloud region: its name and its domain D (hosts are `login.D`, `api.D`, `apps.D`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub name: &'static str,
    pub label: &'static str,
    pub domain: &'static str,
}

/// Every region of the vendor's host list, in the vendor's order.
pub const REGIONS: [Region; 18] = [
    Region { name: "us-east-1", label: "Americas (US East)", domain: "mypurecloud.com" },
    Region { name: "us-east-2", label: "Americas (US East 2, FedRAMP)", domain: "use2.us-gov-pure.cloud" },
    Region { name: "us-west-2", label: "Americas (US West)", domain: "usw2.pure.cloud" },
    Region { name: "ca-central-1", label: "Americas (Canada)", domain: "cac1.pure.cloud" },
    Region { name: "sa-east-1", label: "Americas (São Paulo)", domain: "sae1.pure.cloud" },
    Region { name: "mx-central-1", label: "Americas (Mexico)", domain: "mxc1.pure.cloud" },
    Region { name: "eu-west-1", label: "EMEA (Dublin)", domain: "mypurecloud.ie" },
    Region { name: "eu-west-2", label: "EMEA (London)", domain: "euw2.pure.cloud" },
    Region { name: "eu-central-1", label: "EMEA (Frankfurt)", domain: "mypurecloud.de" },
    Region { name: "eu-central-2", label: "EMEA (Zurich)", domain: "euc2.pure.cloud" },
    Region { name: "me-central-1", label: "EMEA (UAE)", domain: "mec1.pure.cloud" },
    Region { name: "ap-south-1", label: "Asia Pacific (Mumbai)", domain: "aps1.pure.cloud" },
    Region { name: "ap-northeast-1", label: "Asia Pacific (Tokyo)", domain: "mypurecloud.jp" },
    Region { name: "ap-northeast-2", label: "Asia Pacific (Seoul)", domain: "apne2.pure.cloud" },
    Region { name: "ap-northeast-3", label: "Asia Pacific (Osaka)", domain: "apne3.pure.cloud" },
    Region { name: "ap-southeast-1", label: "Asia Pacific (Singapore)", domain: "apse1.pure.cloud" },
    Region { name: "ap-southeast-2", label: "Asia Pacific (Sydney)", domain: "mypurecloud.com.au" },
    Region { name: "eusc-de-east-1", label: "EU Sovereign Cloud (Germany)", domain: "edee1.eusc-pure.cloud" },
];

/// The routes (relative to the app's address) where sign-ins with custom URLs or any OAuth
/// server come back, one below it per server.
pub const EXTERNAL_CALLBACK: &str = "callback";

/// The region picked when nothing else is known.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The local sandbox org (`tests/sandbox-org`), served by `make serve` on this address.
pub const SANDBOX_BASE: &str = "http://127.0.0.1:8787";

/// A second local org, "Sandbox Test Org" (`make serve` runs it beside the first), reached as
/// custom URLs: to try several environments in one tab without a real second org.
pub const SANDBOX_SECOND_BASE: &str = "http://127.0.0.1:8789";

/// The console's own sign-in clients in the sandbox org (seeded there with these ids).
pub const SANDBOX_IMPLICIT_CLIENT_ID: &str = "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01";
pub const SANDBOX_PKCE_CLIENT_ID: &str = "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02";

/// Where the console signs in and which API it calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// A Genesys Cloud region, by its name (e.g. `us-east-1`).
    Region { name: String },
    /// The local sandbox org on loopback.
    Sandbox,
    /// Any other deployment: explicit login and API base URLs (no trailing slash needed).
    Custom { login_base: String, api_base: String },
    /// Any RFC 6749 authorization server, by its two endpoints (the Tester only). It has no
    /// Platform API.
    Server { authorize_url: String, token_url: String },
}

impl Environment {
    /// The region with this name, if it is one of [`REGIONS`].
    pub fn region(name: &str) -> Option<Environment> {
        REGIONS.iter().any(|r| r.name == name).then(|| Environment::Region { name: name.to_string() })
    }

    /// The environment the app picks by itself: the sandbox org when served from a loopback
    /// host, otherwise us-east-1.
    pub fn default_for_host(hostname: &str) -> Environment {
        if is_loopback_host(hostname) {
            Environment::Sandbox
        } else {
            Environment::default_region()
        }
    }

    fn region_def(&self) -> Option<&'static Region> {
        match self {
            Environment::Region { name } => REGIONS.iter().find(|r| r.name == name),
            _ => None,
        }
    }

    /// The region's domain D, when this environment is a region.
    pub fn domain(&self) -> Option<&'static str> {
        self.region_def().map(|r| r.domain)
    }

    /// A stable key for per-environment settings (e.g. the remembered client id).
    pub fn key(&self) -> String {
        match self {
            Environment::Region { name } => format!("region:{name}"),
            Environment::Sandbox => "sandbox".into(),
            Environment::Custom { login_base, api_base } => format!("custom:{login_base}|{api_base}"),
            Environment::Server { authorize_url, token_url } => format!("server:{authorize_url}|{token_url}"),
        }
    }

    /// What the header shows.
    pub fn label(&self) -> String {
        match self {
            Environment::Region { name } => match self.region_def() {
                Some(r) => format!("{} · {}", r.name, r.domain),
                None => format!("unknown region {name}"),
            },
            Environment::Sandbox => "Local sandbox org".into(),
            Environment::Custom { login_base, .. } => format!("Custom · {login_base}"),
            Environment::Server { authorize_url, .. } => {
                format!("OAuth server · {}", url_host(authorize_url).unwrap_or_default())
            }
        }
    }

    /// `https://login.D`, without a trailing slash.
    pub fn login_base(&self) -> String {
        match self {
            Environment::Region { .. } => format!("https://login.{}", self.domain().unwrap_or("invalid")),
            Environment::Sandbox => SANDBOX_BASE.into(),
            Environment::Custom { login_base, .. } => trim_slash(login_base),
            Environment::Server { authorize_url, .. } => origin(authorize_url),
        }
    }

    /// `https://api.D`, without a trailing slash.
    pub fn api_base(&self) -> String {
        match self {
            Environment::Region { .. } => format!("https://api.{}", self.domain().unwrap_or("invalid")),
            Environment::Sandbox => SANDBOX_BASE.into(),
            Environment::Custom { api_base, .. } => trim_slash(api_base),
            Environment::Server { .. } => String::new(),
        }
    }

    /// Does this environment have the Genesys Cloud Platform API (tokens/me, users/me…)?
    pub fn has_platform_api(&self) -> bool {
        !matches!(self, Environment::Server { .. })
    }

    /// The authorization endpoint (`login.D/oauth/authorize`).
    pub fn authorize_endpoint(&self) -> String {
        match self {
            Environment::Server { authorize_url, .. } => authorize_url.trim().to_string(),
            _ => format!("{}/oauth/authorize", self.login_base()),
        }
    }

    /// The token endpoint (`login.D/oauth/token`).
    pub fn token_endpoint(&self) -> String {
        match self {
            Environment::Server { token_url, .. } => token_url.trim().to_string(),
            _ => format!("{}/oauth/token", self.login_base()),
        }
    }

    /// Is this Genesys Cloud: a region, the sandbox org that imitates it, or URLs naming a
    /// Genesys Cloud login host? Genesys sign-ins come back to the app's own address.
    pub fn is_genesys(&self) -> bool {
        match self {
            Environment::Region { .. } | Environment::Sandbox => true,
            Environment::Custom { login_base, .. } => genesys_login_region(login_base).is_some(),
            Environment::Server { authorize_url, .. } => genesys_login_region(authorize_url).is_some(),
        }
    }

    /// Where in the app a sign-in of this environment comes back, relative to the app's address:
    /// the app's own address for Genesys Cloud, and one route per server for everything else
    /// (`callback/<host>`), so a response can never be taken for another server's (mix-up).
    pub fn callback_path(&self) -> String {
        if self.is_genesys() {
            return String::new();
        }
        let authority = origin(&self.login_base())
            .split_once("://")
            .map(|(_, a)| a.to_ascii_lowercase())
            .unwrap_or_default();
        let name: String = authority
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' })
            .collect();
        format!("{EXTERNAL_CALLBACK}/{name}")
    }

    /// A warning about a configuration that works but deserves a look.
    pub fn warning(&self) -> Option<String> {
        match self {
            Environment::Server { authorize_url, token_url } if origin(authorize_url) != origin(token_url) => Some(format!(
                "The authorization and token endpoints are on different hosts ({} and {}): make sure both belong to the same server.",
                origin(authorize_url),
                origin(token_url)
            )),
            _ => None,
        }
    }

    /// `https://apps.D`, when the environment has one.
    pub fn apps_base(&self) -> Option<String> {
        self.domain().map(|d| format!("https://apps.{d}"))
    }

    /// The Embeddable Framework's address, `https://apps.D/crm/index.html` (outside a region,
    /// the default region's).
    pub fn embeddable_url(&self) -> String {
        let domain = self.domain().or_else(|| Environment::default_region().domain()).unwrap_or_default();
        format!("https://apps.{domain}/crm/index.html")
    }

    /// The region picked when nothing else is known.
    pub fn default_region() -> Environment {
        Environment::Region { name: DEFAULT_REGION.into() }
    }

    /// The console's own sign-in client that the environment is known to have.
    pub fn known_client_id(&self, pkce: bool) -> Option<&'static str> {
        match self {
            Environment::Sandbox if pkce => Some(SANDBOX_PKCE_CLIENT_ID),
            Environment::Sandbox => Some(SANDBOX_IMPLICIT_CLIENT_ID),
            _ => None,
        }
    }

    /// Checks a custom environment's URLs; regions and the sandbox are always valid.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Environment::Region { name } if self.region_def().is_none() => {
                Err(format!("\"{name}\" is not a Genesys Cloud region"))
            }
            Environment::Custom { login_base, api_base } => {
                check_base_url("Login base URL", login_base)?;
                check_base_url("API base URL", api_base)?;
                same_region("API base URL", login_base, api_base, "api")
            }
            Environment::Server { authorize_url, token_url } => {
                check_endpoint("Authorization endpoint", authorize_url)?;
                check_endpoint("Token endpoint", token_url)?;
                same_region("Token endpoint", authorize_url, token_url, "login")
            }
            _ => Ok(()),
        }
    }
}

fn trim_slash(s: &str) -> String {
    s.trim().trim_end_matches('/').to_string()
}

/// The region whose login host `url` names (`https://login.D/…`), if any.
fn genesys_login_region(url: &str) -> Option<&'static Region> {
    let host = url_host(url)?;
    REGIONS.iter().find(|r| host == format!("login.{}", r.domain))
}

/// A Genesys Cloud login host pairs only with the same region's `{prefix}.D` host: a token or
/// API host elsewhere would receive that region's codes and tokens.
fn same_region(what: &str, login_url: &str, other_url: &str, prefix: &str) -> Result<(), String> {
    let Some(region) = genesys_login_region(login_url) else { return Ok(()) };
    let expected = format!("{prefix}.{}", region.domain);
    if url_host(other_url).is_some_and(|h| h == expected) && Transport::of(other_url) == Transport::Https {
        Ok(())
    } else {
        Err(format!(
            "{what} must be https://{expected} with a Genesys Cloud login host of {} ({}): another host would receive the org's codes and tokens",
            region.name, region.domain
        ))
    }
}

/// The domain D of an Embeddable Framework address (`https://apps.D/crm/…`).
pub fn embeddable_domain(uri: &str) -> Option<&str> {
    let rest = uri.strip_prefix("https://apps.")?;
    let (domain, path) = rest.split_once('/')?;
    path.starts_with("crm/").then_some(domain)
}

/// Is this host name a loopback host (where plain http is acceptable)?
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host part of an absolute http(s) URL (`scheme://host[:port]/…`), lower-cased.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        let inner = v6.split(']').next()?;
        if !inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return None;
        }
        format!("[{inner}]")
    } else {
        // A name as the browser would read it: a trailing dot is the same host; anything a
        // browser would decode or reject (`%`, spaces, non-ASCII) is no host we judge.
        let name = authority.split(':').next()?.trim_end_matches('.');
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_') {
            return None;
        }
        name.to_string()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `scheme://authority` of a URL, the scheme lower-cased; empty for a URL without a scheme.
pub fn origin(url: &str) -> String {
    let url = url.trim();
    match url.split_once("://") {
        Some((scheme, rest)) => format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            rest.split(['/', '?', '#']).next().unwrap_or_default()
        ),
        None => String::new(),
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
    /// Another scheme (lower-cased).
    OtherScheme(String),
    /// No `scheme://`.
    NotAbsolute,
    /// `scheme://` without a host.
    NoHost,
}

impl Transport {
    pub fn of(url: &str) -> Transport {
        let url = url.trim();
        let Some((scheme, _)) = url.split_once("://") else { return Transport::NotAbsolute };
        let Some(host) = url_host(url) else { return Transport::NoHost };
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Transport::Https,
            "http" if is_loopback_host(&host) => Transport::LoopbackHttp,
            "http" => Transport::PlainHttp,
            other => Transport::OtherScheme(other.to_string()),
        }
    }

    pub fn is_secure(&self) -> bool {
        matches!(self, Transport::Https | Transport::LoopbackHttp)
    }
}

/// https, or plain http on a loopback host.
pub fn is_secure_url(url: &str) -> bool {
    Transport::of(url).is_secure()
}

/// An endpoint may carry a query (RFC 6749 §3.1), never a fragment.
fn check_endpoint(what: &str, url: &str) -> Result<(), String> {
    let base = url.trim().split('?').next().unwrap_or_default();
    if url.contains('#') {
        return Err(format!("{what} must not have a fragment"));
    }
    check_base_url(what, base)
}

fn check_base_url(what: &str, url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err(format!("{what} is required"));
    }
    match Transport::of(url) {
        Transport::Https | Transport::LoopbackHttp => Ok(()),
        Transport::NotAbsolute => {
            Err(format!("{what} must be an absolute URL such as https://login.example.com"))
        }
        Transport::NoHost => Err(format!("{what} has no host")),
        Transport::PlainHttp => Err(format!("{what} must use https (plain http only for loopback hosts)")),
        Transport::OtherScheme(_) => Err(format!("{what} must be an http(s) URL")),
    }?;
    if url.contains(['?', '#']) {
        return Err(format!("{what} must not have a query or fragment"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_give_their_hosts() {
        let env = Environment::region("eu-west-2").unwrap();
        assert_eq!(env.login_base(), "https://login.euw2.pure.cloud");
        assert_eq!(env.api_base(), "https://api.euw2.pure.cloud");
        assert_eq!(env.apps_base().as_deref(), Some("https://apps.euw2.pure.cloud"));
        assert!(Environment::region("mars-north-1").is_none());
        assert_eq!(env.embeddable_url(), "https://apps.euw2.pure.cloud/crm/index.html");
        assert_eq!(Environment::Sandbox.embeddable_url(), "https://apps.mypurecloud.com/crm/index.html");
        assert_eq!(embeddable_domain("https://apps.mypurecloud.de/crm/index.html"), Some("mypurecloud.de"));
        assert_eq!(embeddable_domain("https://apps.mypurecloud.de/other/"), None);
        assert_eq!(embeddable_domain("https://app.example.com/crm/"), None);
    }

    #[test]
    fn every_region_is_unique() {
        for (i, a) in REGIONS.iter().enumerate() {
            for b in &REGIONS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.domain, b.domain);
            }
        }
    }

    #[test]
    fn loopback_serves_the_sandbox() {
        assert_eq!(Environment::default_for_host("127.0.0.1"), Environment::Sandbox);
        assert_eq!(Environment::default_for_host("localhost"), Environment::Sandbox);
        assert_eq!(
            Environment::default_for_host("console.example.com"),
            Environment::Region { name: "us-east-1".into() }
        );
        assert_eq!(Environment::Sandbox.login_base(), "http://127.0.0.1:8787");
    }

    #[test]
    fn custom_urls_are_checked() {
        let ok = Environment::Custom {
            login_base: "https://login.example.com/".into(),
            api_base: "https://api.example.com".into(),
        };
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(ok.login_base(), "https://login.example.com");
        let http = Environment::Custom {
            login_base: "http://login.example.com".into(),
            api_base: "https://api.example.com".into(),
        };
        assert!(http.validate().unwrap_err().contains("https"));
        let loop_ok = Environment::Custom {
            login_base: "http://localhost:9000".into(),
            api_base: "http://127.0.0.1:9001".into(),
        };
        assert_eq!(loop_ok.validate(), Ok(()));
        let empty = Environment::Custom { login_base: "".into(), api_base: "https://a".into() };
        assert!(empty.validate().unwrap_err().contains("required"));
    }

    #[test]
    fn oauth_servers_by_their_endpoints() {
        let s = Environment::Server {
            authorize_url: "https://auth.example.com/oauth2/authorize?tenant=a".into(),
            token_url: "https://auth.example.com/oauth2/token".into(),
        };
        assert_eq!(s.validate(), Ok(()));
        assert!(!s.has_platform_api());
        assert_eq!(s.authorize_endpoint(), "https://auth.example.com/oauth2/authorize?tenant=a");
        assert_eq!(s.token_endpoint(), "https://auth.example.com/oauth2/token");
        assert_eq!(s.login_base(), "https://auth.example.com");
        assert_eq!(s.label(), "OAuth server · auth.example.com");
        let bad = Environment::Server {
            authorize_url: "http://auth.example.com/a".into(),
            token_url: "https://x/t".into(),
        };
        assert!(bad.validate().unwrap_err().contains("https"));
        let frag =
            Environment::Server { authorize_url: "https://a/x#y".into(), token_url: "https://x/t".into() };
        assert!(frag.validate().unwrap_err().contains("fragment"));
        assert_eq!(Environment::Sandbox.authorize_endpoint(), "http://127.0.0.1:8787/oauth/authorize");
        assert!(Environment::Sandbox.has_platform_api());
    }

    #[test]
    fn a_genesys_login_host_pairs_only_with_its_own_region() {
        let custom = |l: &str, a: &str| Environment::Custom { login_base: l.into(), api_base: a.into() };
        assert_eq!(custom("https://login.mypurecloud.de", "https://api.mypurecloud.de").validate(), Ok(()));
        let err = custom("https://login.mypurecloud.de", "https://api.evil.example").validate().unwrap_err();
        assert!(err.contains("https://api.mypurecloud.de"), "{err}");
        assert!(custom("https://login.mypurecloud.de", "https://api.mypurecloud.ie").validate().is_err());
        assert_eq!(custom("https://login.example.com", "https://api.other.example").validate(), Ok(()));
        let server = |a: &str, t: &str| Environment::Server { authorize_url: a.into(), token_url: t.into() };
        assert_eq!(
            server(
                "https://login.usw2.pure.cloud/oauth/authorize",
                "https://login.usw2.pure.cloud/oauth/token"
            )
            .validate(),
            Ok(())
        );
        assert!(server("https://login.usw2.pure.cloud/oauth/authorize", "https://evil.example/token")
            .validate()
            .is_err());
        let split = server("https://a.example.com/authorize", "https://b.example.com/token");
        assert_eq!(split.validate(), Ok(()));
        assert!(split.warning().unwrap().contains("different hosts"));
        assert_eq!(server("https://a.example.com/authorize", "https://a.example.com/token").warning(), None);
    }

    #[test]
    fn each_server_comes_back_on_its_own_route() {
        assert_eq!(Environment::Sandbox.callback_path(), "");
        assert_eq!(Environment::region("eu-west-1").unwrap().callback_path(), "");
        let custom = Environment::Custom {
            login_base: "https://Login.Example.com".into(),
            api_base: "https://a".into(),
        };
        assert_eq!(custom.callback_path(), "callback/login.example.com");
        let server =
            |a: &str| Environment::Server { authorize_url: a.into(), token_url: "https://x/t".into() };
        assert_eq!(server("http://127.0.0.1:8799/authorize").callback_path(), "callback/127.0.0.1-8799");
        assert_ne!(
            server("https://a.example/x").callback_path(),
            server("https://b.example/x").callback_path()
        );
        // URLs naming a Genesys login host are Genesys: they come back where Genesys sends them.
        let genesys = Environment::Custom {
            login_base: "https://login.mypurecloud.de".into(),
            api_base: "https://api.mypurecloud.de".into(),
        };
        assert!(genesys.is_genesys());
        assert_eq!(genesys.callback_path(), "");
        assert_eq!(server("https://login.mypurecloud.ie/oauth/authorize").callback_path(), "");
    }

    #[test]
    fn hosts_are_read_as_a_browser_would() {
        assert_eq!(url_host("https://login.mypurecloud.com./x").as_deref(), Some("login.mypurecloud.com"));
        assert_eq!(url_host("https://%6Cogin.mypurecloud.com/x"), None);
        assert_eq!(url_host("https://login.mypurecloud.com\t.evil/x"), None);
        assert_eq!(url_host("https://l\u{f6}gin.example/x"), None);
        let sneaky = Environment::Custom {
            login_base: "https://login.mypurecloud.com.".into(),
            api_base: "https://api.evil.example".into(),
        };
        assert!(sneaky.validate().is_err(), "a trailing dot is still the Genesys login host");
    }

    #[test]
    fn hosts_are_extracted() {
        assert_eq!(url_host("https://User@Login.Example.com:443/x?y").as_deref(), Some("login.example.com"));
        assert_eq!(url_host("http://[::1]:8080/").as_deref(), Some("[::1]"));
        assert!(is_loopback_host("[::1]"));
        assert_eq!(url_host("nope"), None);
        assert_eq!(origin("HTTPS://Login.example.com:8443/a?b#c"), "https://Login.example.com:8443");
        assert_eq!(origin("relative/path"), "");
    }

    #[test]
    fn transport_is_judged_once() {
        assert_eq!(Transport::of("https://x.example.com/"), Transport::Https);
        assert_eq!(Transport::of("http://127.0.0.1:8080/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://localhost/"), Transport::LoopbackHttp);
        assert_eq!(Transport::of("http://localhost.evil.com/"), Transport::PlainHttp);
        assert_eq!(Transport::of("http://127.example.com/"), Transport::PlainHttp);
        assert_eq!(Transport::of("ftp://x/"), Transport::OtherScheme("ftp".into()));
        assert_eq!(Transport::of("/cb"), Transport::NotAbsolute);
        assert_eq!(Transport::of("https:///x"), Transport::NoHost);
        assert!(is_secure_url("http://[::1]:3000/") && !is_secure_url("http://app.example.com/"));
    }

    #[test]
    fn environment_round_trips_as_json() {
        for env in [
            Environment::Sandbox,
            Environment::region("us-east-1").unwrap(),
            Environment::Custom { login_base: "https://l".into(), api_base: "https://a".into() },
        ] {
            let json = serde_json::to_string(&env).unwrap();
            assert_eq!(serde_json::from_str::<Environment>(&json).unwrap(), env);
        }
    }
}
