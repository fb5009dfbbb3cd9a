//! Where the console talks to: a Genesys Cloud region, the local sandbox org, or custom URLs.
//!
//! This is the only module that knows host names. Every other module asks an [`Environment`]
//! for its login, API and apps base URLs.

mod sandbox;
mod urls;

use crate::url::{HttpUrl, Scheme};
pub use sandbox::{sandbox_in, SANDBOX_BUILT_IN};
use serde::{Deserialize, Serialize};
pub use urls::{CustomUrls, ServerUrls};

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

/// A region of [`REGIONS`], by its name: an unknown name is no `RegionName` (stored data naming
/// one fails to load instead of becoming a made-up host).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionName(&'static Region);

impl RegionName {
    pub fn region(self) -> &'static Region {
        self.0
    }
}

impl TryFrom<String> for RegionName {
    type Error = EnvError;
    fn try_from(name: String) -> Result<Self, EnvError> {
        RegionName::try_from(name.as_str())
    }
}

impl TryFrom<&str> for RegionName {
    type Error = EnvError;
    fn try_from(name: &str) -> Result<Self, EnvError> {
        REGIONS.iter().find(|r| r.name == name).map(RegionName).ok_or_else(|| EnvError {
            field: EnvField::Region,
            message: format!("\"{name}\" is not a Genesys Cloud region"),
        })
    }
}

impl From<RegionName> for String {
    fn from(r: RegionName) -> String {
        r.0.name.to_string()
    }
}

impl std::fmt::Display for RegionName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

/// Which input of an environment a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvField {
    Region,
    Login,
    Api,
    Authorize,
    Token,
}

impl EnvField {
    pub fn label(self) -> &'static str {
        match self {
            EnvField::Region => "Region",
            EnvField::Login => "Login base URL",
            EnvField::Api => "API base URL",
            EnvField::Authorize => "Authorization endpoint",
            EnvField::Token => "Token endpoint",
        }
    }
}

/// Why typed environment details are no environment: the input, and a sentence naming it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EnvError {
    pub field: EnvField,
    pub message: String,
}

impl EnvError {
    fn new(field: EnvField, what: impl std::fmt::Display) -> EnvError {
        EnvError { field, message: format!("{} {what}", field.label()) }
    }
}

/// Where the console signs in and which API it calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "sandbox::Stored", into = "sandbox::Stored")]
pub enum Environment {
    /// A Genesys Cloud region.
    Region { name: RegionName },
    /// The local sandbox org on loopback, in a build that has it ([`SANDBOX_BUILT_IN`]).
    Sandbox,
    /// Any other deployment: explicit login and API base URLs.
    Custom(CustomUrls),
    /// Any RFC 6749 authorization server, by its two endpoints (the Tester only). It has no
    /// Platform API.
    Server(ServerUrls),
}

impl Environment {
    /// The region with this name, if it is one of [`REGIONS`].
    pub fn region(name: &str) -> Option<Environment> {
        RegionName::try_from(name).ok().map(|name| Environment::Region { name })
    }

    /// Custom login and API base URLs, checked.
    pub fn custom(login_base: &str, api_base: &str) -> Result<Environment, EnvError> {
        CustomUrls::new(login_base, api_base).map(Environment::Custom)
    }

    /// Any OAuth server by its endpoints, checked.
    pub fn server(authorize_url: &str, token_url: &str) -> Result<Environment, EnvError> {
        ServerUrls::new(authorize_url, token_url).map(Environment::Server)
    }

    /// The environment the app picks by itself: the sandbox org when this build has it and is
    /// served from a loopback host, otherwise us-east-1.
    pub fn default_for_host(hostname: &str) -> Environment {
        Environment::default_for(hostname, SANDBOX_BUILT_IN)
    }

    fn region_def(&self) -> Option<&'static Region> {
        match self {
            Environment::Region { name } => Some(name.region()),
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
            Environment::Custom(c) => {
                format!("custom:{}|{}", c.login_base().trimmed_base(), c.api_base().trimmed_base())
            }
            Environment::Server(s) => format!("server:{}|{}", s.authorize_url(), s.token_url()),
        }
    }

    /// What the header shows.
    pub fn label(&self) -> String {
        match self {
            Environment::Region { name } => format!("{} · {}", name, name.region().domain),
            Environment::Sandbox => "Local sandbox org".into(),
            Environment::Custom(c) => format!("Custom · {}", c.login_base().trimmed_base()),
            Environment::Server(s) => format!("OAuth server · {}", authority(s.authorize_url())),
        }
    }

    /// `https://login.D`, without a trailing slash.
    pub fn login_base(&self) -> String {
        match self {
            Environment::Region { name } => format!("https://login.{}", name.region().domain),
            Environment::Sandbox => SANDBOX_BASE.into(),
            Environment::Custom(c) => c.login_base().trimmed_base(),
            Environment::Server(s) => s.authorize_url().origin(),
        }
    }

    /// `https://api.D`, without a trailing slash; empty for a server without the Platform API.
    pub fn api_base(&self) -> String {
        match self {
            Environment::Region { name } => format!("https://api.{}", name.region().domain),
            Environment::Sandbox => SANDBOX_BASE.into(),
            Environment::Custom(c) => c.api_base().trimmed_base(),
            Environment::Server(_) => String::new(),
        }
    }

    /// Does this environment have the Genesys Cloud Platform API (tokens/me, users/me…)?
    pub fn has_platform_api(&self) -> bool {
        !matches!(self, Environment::Server(_))
    }

    /// The authorization endpoint (`login.D/oauth/authorize`).
    pub fn authorize_endpoint(&self) -> String {
        match self {
            Environment::Server(s) => s.authorize_url().to_string(),
            _ => format!("{}/oauth/authorize", self.login_base()),
        }
    }

    /// The token endpoint (`login.D/oauth/token`).
    pub fn token_endpoint(&self) -> String {
        match self {
            Environment::Server(s) => s.token_url().to_string(),
            _ => format!("{}/oauth/token", self.login_base()),
        }
    }

    /// Is this Genesys Cloud: a region, the sandbox org that imitates it, or URLs naming a
    /// Genesys Cloud login host? Genesys sign-ins come back to the app's own address.
    pub fn is_genesys(&self) -> bool {
        match self {
            Environment::Region { .. } | Environment::Sandbox => true,
            Environment::Custom(c) => genesys_login_region(c.login_base()).is_some(),
            Environment::Server(s) => genesys_login_region(s.authorize_url()).is_some(),
        }
    }

    /// Where in the app a sign-in of this environment comes back, relative to the app's address:
    /// the app's own address for Genesys Cloud, and one route per server for everything else, the
    /// local sandbox org included (`callback/<tag>`, the tag a short hash of its authorize and
    /// token endpoints), so a response can never be taken for another server's (mix-up), even on
    /// the same host. No dots in the route: every host's single-page fallback serves it as a page.
    pub fn callback_path(&self) -> String {
        if self.is_genesys() && *self != Environment::Sandbox {
            return String::new();
        }
        format!("{EXTERNAL_CALLBACK}/{}", server_tag(&self.authorize_endpoint(), &self.token_endpoint()))
    }

    /// A warning about a configuration that works but deserves a look.
    pub fn warning(&self) -> Option<String> {
        match self {
            Environment::Server(s) if !s.authorize_url().same_origin(s.token_url()) => Some(format!(
                "The authorization and token endpoints are on different hosts ({} and {}): make sure both belong to the same server.",
                s.authorize_url().origin(),
                s.token_url().origin()
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
        Environment::region(DEFAULT_REGION).expect("the default region is a region")
    }

    /// The console's own sign-in client that the environment is known to have.
    pub fn known_client_id(&self, pkce: bool) -> Option<&'static str> {
        match self {
            Environment::Sandbox if pkce => Some(SANDBOX_PKCE_CLIENT_ID),
            Environment::Sandbox => Some(SANDBOX_IMPLICIT_CLIENT_ID),
            _ => None,
        }
    }
}

/// A server's name in a route: the first 12 hex digits of SHA-256 over its authorize and token
/// endpoints (as the browser writes them), joined by a space.
pub fn server_tag(authorize: &str, token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("{authorize} {token}").as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `host[:port]` of a URL, as the browser writes them.
fn authority(url: &HttpUrl) -> String {
    match url.port() {
        Some(p) => format!("{}:{p}", url.host_str()),
        None => url.host_str(),
    }
}

/// Does this typed text name a Genesys Cloud login host (whatever else is typed beside it)?
pub fn names_genesys_login(text: &str) -> bool {
    HttpUrl::parse(text).is_ok_and(|u| genesys_login_region(&u).is_some())
}

/// The region whose login host `url` names (`https://login.D/…`, a trailing dot included), if any.
fn genesys_login_region(url: &HttpUrl) -> Option<&'static Region> {
    let host = url.host_name();
    REGIONS.iter().find(|r| host.strip_prefix("login.") == Some(r.domain))
}

/// A Genesys Cloud login host pairs only with the same region's `{prefix}.D` host: a token or
/// API host elsewhere would receive that region's codes and tokens.
fn same_region(field: EnvField, login: &HttpUrl, other: &HttpUrl, prefix: &str) -> Result<(), EnvError> {
    let Some(region) = genesys_login_region(login) else { return Ok(()) };
    let expected = format!("{prefix}.{}", region.domain);
    if other.host_name() == expected && other.scheme() == Scheme::Https && other.port().is_none() {
        Ok(())
    } else {
        Err(EnvError::new(
            field,
            format!(
                "must be https://{expected} with a Genesys Cloud login host of {} ({}): another host would receive the org's codes and tokens",
                region.name, region.domain
            ),
        ))
    }
}

/// The domain D of an Embeddable Framework address (`https://apps.D/crm/…`).
pub fn embeddable_domain(uri: &str) -> Option<String> {
    let url = HttpUrl::parse(uri).ok()?;
    let domain = url.host_name().strip_prefix("apps.")?.to_string();
    (url.scheme() == Scheme::Https && url.port().is_none() && url.path().starts_with("/crm/"))
        .then_some(domain)
}

/// Is this host name (as `location.hostname` gives it) a loopback host?
pub fn is_loopback_host(host: &str) -> bool {
    HttpUrl::parse(&format!("http://{host}/")).is_ok_and(|u| u.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(l: &str, a: &str) -> Result<Environment, EnvError> {
        Environment::custom(l, a)
    }

    fn server(a: &str, t: &str) -> Result<Environment, EnvError> {
        Environment::server(a, t)
    }

    #[test]
    fn regions_give_their_hosts() {
        let env = Environment::region("eu-west-2").unwrap();
        assert_eq!(env.login_base(), "https://login.euw2.pure.cloud");
        assert_eq!(env.api_base(), "https://api.euw2.pure.cloud");
        assert_eq!(env.apps_base().as_deref(), Some("https://apps.euw2.pure.cloud"));
        assert!(Environment::region("mars-north-1").is_none());
        assert_eq!(env.embeddable_url(), "https://apps.euw2.pure.cloud/crm/index.html");
        assert_eq!(Environment::Sandbox.embeddable_url(), "https://apps.mypurecloud.com/crm/index.html");
        assert_eq!(
            embeddable_domain("https://apps.mypurecloud.de/crm/index.html").as_deref(),
            Some("mypurecloud.de")
        );
        assert_eq!(embeddable_domain("https://APPS.mypurecloud.de/crm/x").as_deref(), Some("mypurecloud.de"));
        assert_eq!(embeddable_domain("https://apps.mypurecloud.de/other/"), None);
        assert_eq!(embeddable_domain("https://app.example.com/crm/"), None);
        assert_eq!(embeddable_domain("http://apps.mypurecloud.de/crm/"), None);
        assert_eq!(embeddable_domain("https://x@apps.mypurecloud.de/crm/"), None);
    }

    #[test]
    fn an_unknown_region_is_no_environment() {
        let err = serde_json::from_str::<Environment>(r#"{"region":{"name":"mars-north-1"}}"#).unwrap_err();
        assert!(err.to_string().contains("not a Genesys Cloud region"), "{err}");
        let env: Environment = serde_json::from_str(r#"{"region":{"name":"eu-west-1"}}"#).unwrap();
        assert_eq!(env.login_base(), "https://login.mypurecloud.ie");
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
    fn loopback_serves_the_sandbox_where_it_is_built_in() {
        let sandbox = if SANDBOX_BUILT_IN { Environment::Sandbox } else { Environment::default_region() };
        assert_eq!(Environment::default_for_host("127.0.0.1"), sandbox);
        assert_eq!(Environment::default_for_host("localhost"), sandbox);
        assert_eq!(Environment::default_for_host("[::1]"), sandbox);
        assert_eq!(Environment::default_for_host("console.example.com"), Environment::default_region());
        assert_eq!(Environment::default_for_host("localhost.evil.example"), Environment::default_region());
        assert_eq!(Environment::Sandbox.login_base(), "http://127.0.0.1:8787");
    }

    #[test]
    fn custom_urls_are_checked() {
        let ok = custom("https://login.example.com/", "https://api.example.com").unwrap();
        assert_eq!(ok.login_base(), "https://login.example.com");
        assert_eq!(ok.api_base(), "https://api.example.com");
        let http = custom("http://login.example.com", "https://api.example.com").unwrap_err();
        assert_eq!(http.field, EnvField::Login);
        assert!(http.message.contains("https"), "{http}");
        assert!(custom("http://localhost:9000", "http://127.0.0.1:9001").is_ok());
        let empty = custom("", "https://a").unwrap_err();
        assert_eq!((empty.field, empty.message.as_str()), (EnvField::Login, "Login base URL is required"));
        let query = custom("https://l.example", "https://a.example/?x").unwrap_err();
        assert_eq!(query.field, EnvField::Api);
    }

    #[test]
    fn the_backslash_at_trick_is_refused_in_every_field() {
        let trick = "http://127.0.0.1:18666\\@127.0.0.1:18787";
        for (env, field) in [
            (custom(trick, "http://127.0.0.1:18787"), EnvField::Login),
            (custom("http://127.0.0.1:18787", trick), EnvField::Api),
            (server(trick, "http://127.0.0.1:18787/t"), EnvField::Authorize),
            (server("http://127.0.0.1:18787/a", trick), EnvField::Token),
        ] {
            let err = env.unwrap_err();
            assert_eq!(err.field, field);
            assert!(err.message.contains("backslash"), "{err}");
        }
        let both = CustomUrls::problems(trick, trick);
        assert_eq!(both.iter().map(|e| e.field).collect::<Vec<_>>(), [EnvField::Login, EnvField::Api]);
        let both = ServerUrls::problems(trick, "");
        assert_eq!(both.iter().map(|e| e.field).collect::<Vec<_>>(), [EnvField::Authorize, EnvField::Token]);
        assert_eq!(
            CustomUrls::problems("https://login.mypurecloud.de", "https://api.evil.example")[0].field,
            EnvField::Api
        );
        let user =
            custom("https://login.mypurecloud.com@evil.example", "https://api.mypurecloud.com").unwrap_err();
        assert!(user.message.contains("user name or password"), "{user}");
    }

    #[test]
    fn stored_environments_are_checked_again() {
        let json =
            r#"{"custom":{"login_base":"http://127.0.0.1:18666\\@127.0.0.1:18787","api_base":"https://a"}}"#;
        assert!(serde_json::from_str::<Environment>(json).is_err());
        let json = r#"{"server":{"authorize_url":"https://login.mypurecloud.de/oauth/authorize","token_url":"https://evil.example/t"}}"#;
        assert!(serde_json::from_str::<Environment>(json).is_err());
    }

    #[test]
    fn oauth_servers_by_their_endpoints() {
        let s = server(
            "https://auth.example.com/oauth2/authorize?tenant=a",
            "https://auth.example.com/oauth2/token",
        )
        .unwrap();
        assert!(!s.has_platform_api());
        assert_eq!(s.authorize_endpoint(), "https://auth.example.com/oauth2/authorize?tenant=a");
        assert_eq!(s.token_endpoint(), "https://auth.example.com/oauth2/token");
        assert_eq!(s.login_base(), "https://auth.example.com");
        assert_eq!(s.label(), "OAuth server · auth.example.com");
        assert!(server("http://auth.example.com/a", "https://x/t").unwrap_err().message.contains("https"));
        let frag = server("https://a/x#y", "https://x/t").unwrap_err();
        assert!(frag.message.contains("fragment"), "{frag}");
        assert_eq!(Environment::Sandbox.authorize_endpoint(), "http://127.0.0.1:8787/oauth/authorize");
        assert!(Environment::Sandbox.has_platform_api());
    }

    #[test]
    fn a_genesys_login_host_pairs_only_with_its_own_region() {
        assert!(custom("https://login.mypurecloud.de", "https://api.mypurecloud.de").is_ok());
        let err = custom("https://login.mypurecloud.de", "https://api.evil.example").unwrap_err();
        assert!(err.message.contains("https://api.mypurecloud.de"), "{err}");
        assert!(custom("https://login.mypurecloud.de", "https://api.mypurecloud.ie").is_err());
        assert!(custom("https://login.mypurecloud.de", "https://api.mypurecloud.de:8443").is_err());
        assert!(custom("https://login.example.com", "https://api.other.example").is_ok());
        assert!(server(
            "https://login.usw2.pure.cloud/oauth/authorize",
            "https://login.usw2.pure.cloud/oauth/token"
        )
        .is_ok());
        assert!(
            server("https://login.usw2.pure.cloud/oauth/authorize", "https://evil.example/token").is_err()
        );
        let split = server("https://a.example.com/authorize", "https://b.example.com/token").unwrap();
        assert!(split.warning().unwrap().contains("different hosts"));
        assert_eq!(
            server("https://a.example.com/authorize", "https://a.example.com/token").unwrap().warning(),
            None
        );
    }

    #[test]
    fn each_server_comes_back_on_its_own_route() {
        // The sandbox org imitates Genesys Cloud, on a route of its own: as its custom URLs.
        assert_eq!(
            Environment::Sandbox.callback_path(),
            custom("http://127.0.0.1:8787", "http://127.0.0.1:8787").unwrap().callback_path()
        );
        assert_ne!(Environment::Sandbox.callback_path(), "");
        assert_eq!(Environment::region("eu-west-1").unwrap().callback_path(), "");
        let c = custom("https://Login.Example.com", "https://a").unwrap();
        let route = c.callback_path();
        assert_eq!(
            route,
            format!(
                "callback/{}",
                server_tag(
                    "https://login.example.com/oauth/authorize",
                    "https://login.example.com/oauth/token"
                )
            )
        );
        assert!(route.len() == "callback/".len() + 12 && !route.contains('.'), "{route}");
        let s = |a: &str, t: &str| server(a, t).unwrap().callback_path();
        assert_eq!(
            s("http://127.0.0.1:8799/authorize", "http://127.0.0.1:8799/token"),
            s("http://127.0.0.1:8799/authorize", "http://127.0.0.1:8799/token")
        );
        assert_ne!(
            s("https://a.example/x", "https://a.example/t"),
            s("https://b.example/x", "https://a.example/t")
        );
        // Two servers on one host: tenant paths, or one authorize endpoint with another token endpoint.
        assert_ne!(
            s("https://id.example/t1/authorize", "https://id.example/t1/token"),
            s("https://id.example/t2/authorize", "https://id.example/t2/token")
        );
        assert_ne!(
            s("https://id.example/authorize", "https://id.example/token"),
            s("https://id.example/authorize", "https://evil.example/token")
        );
        // URLs naming a Genesys login host are Genesys: they come back where Genesys sends them.
        let genesys = custom("https://login.mypurecloud.de", "https://api.mypurecloud.de").unwrap();
        assert!(genesys.is_genesys());
        assert_eq!(genesys.callback_path(), "");
        assert_eq!(
            server(
                "https://login.mypurecloud.ie/oauth/authorize",
                "https://login.mypurecloud.ie/oauth/token"
            )
            .unwrap()
            .callback_path(),
            ""
        );
    }

    #[test]
    fn a_typed_genesys_login_host_is_recognised_alone() {
        assert!(names_genesys_login("https://login.mypurecloud.com./oauth/authorize"));
        assert!(!names_genesys_login("https://login.mypurecloud.com\\@evil.example/"));
        assert!(!names_genesys_login("https://auth.example.com/oauth2/authorize"));
    }

    #[test]
    fn hosts_are_read_as_a_browser_would() {
        let sneaky = custom("https://login.mypurecloud.com.", "https://api.evil.example");
        assert!(sneaky.is_err(), "a trailing dot is still the Genesys login host");
        assert!(custom("https://%6Cogin.mypurecloud.com", "https://api.evil.example").is_err());
        assert!(custom("https://login.mypurecloud.com\t.evil", "https://api.evil.example").is_err());
        assert!(custom("https://l\u{f6}gin.example", "https://api.example").is_err());
    }

    #[test]
    fn environment_round_trips_as_json() {
        // (The sandbox org only where it is built in: see `sandbox.rs`.)
        let sandbox = SANDBOX_BUILT_IN.then_some(Environment::Sandbox);
        for env in sandbox.into_iter().chain([
            Environment::region("us-east-1").unwrap(),
            custom("https://l", "https://a").unwrap(),
            server("https://a/x?y=1", "https://a/t").unwrap(),
        ]) {
            let json = serde_json::to_string(&env).unwrap();
            assert_eq!(serde_json::from_str::<Environment>(&json).unwrap(), env);
        }
        // As stored before the URL type: the same shape.
        let old =
            r#"{"custom":{"login_base":"https://login.example.com","api_base":"https://api.example.com"}}"#;
        assert_eq!(
            serde_json::from_str::<Environment>(old).unwrap(),
            custom("https://login.example.com", "https://api.example.com").unwrap()
        );
    }
}
