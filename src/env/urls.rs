//! The URLs of an environment that is not a region, checked when they are made (and when read
//! from storage): a custom Genesys Cloud deployment, or any OAuth server by its endpoints.

use super::{same_region, EnvError, EnvField};
use crate::url::HttpUrl;
use serde::{Deserialize, Serialize};

/// The URLs of a Genesys Cloud deployment that is not one of [`REGIONS`]: checked when made
/// (and when read from storage), so an `Environment` never holds URLs the console would refuse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CustomText", into = "CustomText")]
pub struct CustomUrls {
    login_base: HttpUrl,
    api_base: HttpUrl,
}

#[derive(Serialize, Deserialize)]
struct CustomText {
    login_base: String,
    api_base: String,
}

impl TryFrom<CustomText> for CustomUrls {
    type Error = EnvError;
    fn try_from(t: CustomText) -> Result<Self, EnvError> {
        CustomUrls::new(&t.login_base, &t.api_base)
    }
}

impl From<CustomUrls> for CustomText {
    fn from(c: CustomUrls) -> CustomText {
        CustomText { login_base: c.login_base.into(), api_base: c.api_base.into() }
    }
}

impl CustomUrls {
    /// Login and API base URLs as typed: each an https URL (http only on loopback) without query
    /// or fragment; a Genesys Cloud login host only with its own region's API host.
    pub fn new(login_base: &str, api_base: &str) -> Result<CustomUrls, EnvError> {
        let login_base = base_url(EnvField::Login, login_base)?;
        let api_base = base_url(EnvField::Api, api_base)?;
        same_region(EnvField::Api, &login_base, &api_base, "api")?;
        Ok(CustomUrls { login_base, api_base })
    }

    /// Every problem of the typed URLs, each input judged on its own (so each shows beside its
    /// input at once); the pair is judged when both are URLs.
    pub fn problems(login_base: &str, api_base: &str) -> Vec<EnvError> {
        match (base_url(EnvField::Login, login_base), base_url(EnvField::Api, api_base)) {
            (Ok(l), Ok(a)) => same_region(EnvField::Api, &l, &a, "api").err().into_iter().collect(),
            (l, a) => l.err().into_iter().chain(a.err()).collect(),
        }
    }

    pub fn login_base(&self) -> &HttpUrl {
        &self.login_base
    }

    pub fn api_base(&self) -> &HttpUrl {
        &self.api_base
    }
}

/// Any RFC 6749 authorization server, by its two endpoints, checked when made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ServerText", into = "ServerText")]
pub struct ServerUrls {
    authorize_url: HttpUrl,
    token_url: HttpUrl,
}

#[derive(Serialize, Deserialize)]
struct ServerText {
    authorize_url: String,
    token_url: String,
}

impl TryFrom<ServerText> for ServerUrls {
    type Error = EnvError;
    fn try_from(t: ServerText) -> Result<Self, EnvError> {
        ServerUrls::new(&t.authorize_url, &t.token_url)
    }
}

impl From<ServerUrls> for ServerText {
    fn from(s: ServerUrls) -> ServerText {
        ServerText { authorize_url: s.authorize_url.into(), token_url: s.token_url.into() }
    }
}

impl ServerUrls {
    /// The endpoints as typed: https (http only on loopback), a query allowed (RFC 6749 §3.1), no
    /// fragment; a Genesys Cloud login host only with its own token endpoint's host.
    pub fn new(authorize_url: &str, token_url: &str) -> Result<ServerUrls, EnvError> {
        let authorize_url = endpoint(EnvField::Authorize, authorize_url)?;
        let token_url = endpoint(EnvField::Token, token_url)?;
        same_region(EnvField::Token, &authorize_url, &token_url, "login")?;
        Ok(ServerUrls { authorize_url, token_url })
    }

    /// Every problem of the typed endpoints, each input judged on its own.
    pub fn problems(authorize_url: &str, token_url: &str) -> Vec<EnvError> {
        match (endpoint(EnvField::Authorize, authorize_url), endpoint(EnvField::Token, token_url)) {
            (Ok(a), Ok(t)) => same_region(EnvField::Token, &a, &t, "login").err().into_iter().collect(),
            (a, t) => a.err().into_iter().chain(t.err()).collect(),
        }
    }

    pub fn authorize_url(&self) -> &HttpUrl {
        &self.authorize_url
    }

    pub fn token_url(&self) -> &HttpUrl {
        &self.token_url
    }
}

/// An https URL (http only on loopback) as typed into `field`.
fn secure_url(field: EnvField, text: &str) -> Result<HttpUrl, EnvError> {
    let url = HttpUrl::parse(text).map_err(|e| EnvError::new(field, e))?;
    if !url.is_secure() {
        return Err(EnvError::new(field, "must use https (plain http only for loopback hosts)"));
    }
    Ok(url)
}

/// An endpoint may carry a query (RFC 6749 §3.1), never a fragment.
fn endpoint(field: EnvField, text: &str) -> Result<HttpUrl, EnvError> {
    let url = secure_url(field, text)?;
    if url.fragment().is_some() {
        return Err(EnvError::new(field, "must not have a fragment"));
    }
    Ok(url)
}

/// A base URL has neither query nor fragment.
fn base_url(field: EnvField, text: &str) -> Result<HttpUrl, EnvError> {
    let url = secure_url(field, text)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(EnvError::new(field, "must not have a query or fragment"));
    }
    Ok(url)
}
