//! What an [`HttpUrl`] is to the rest of the code: compared, hashed and printed as its text,
//! made only by parsing (from text, or from JSON, where a value that is no such URL is refused).

use super::{HttpUrl, UrlError};
use std::fmt;

impl PartialEq for HttpUrl {
    fn eq(&self, other: &HttpUrl) -> bool {
        self.href == other.href
    }
}

impl Eq for HttpUrl {}

impl std::hash::Hash for HttpUrl {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.href.hash(state)
    }
}

impl fmt::Debug for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HttpUrl({})", self.href)
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.href)
    }
}

impl std::str::FromStr for HttpUrl {
    type Err = UrlError;
    fn from_str(s: &str) -> Result<Self, UrlError> {
        HttpUrl::parse(s)
    }
}

impl TryFrom<String> for HttpUrl {
    type Error = UrlError;
    fn try_from(s: String) -> Result<Self, UrlError> {
        HttpUrl::parse(&s)
    }
}

impl TryFrom<&str> for HttpUrl {
    type Error = UrlError;
    fn try_from(s: &str) -> Result<Self, UrlError> {
        HttpUrl::parse(s)
    }
}

impl From<HttpUrl> for String {
    fn from(u: HttpUrl) -> String {
        u.href
    }
}

impl serde::Serialize for HttpUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.href)
    }
}

impl<'de> serde::Deserialize<'de> for HttpUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        HttpUrl::parse(&text).map_err(|e| serde::de::Error::custom(format!("the URL {e}")))
    }
}
