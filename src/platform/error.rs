//! What can go wrong when calling the login host or the Platform API.

use super::model::ErrorBody;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an HTTP answer (host down, DNS, CORS, offline).
    #[error("Could not reach {url}.")]
    Network { url: String },
    /// The server answered with an error status.
    #[error("{}", http_message(*status, body.as_ref()))]
    Http { status: u16, body: Option<ErrorBody>, correlation_id: Option<String>, retry_after: Option<u64> },
    /// The server answered 2xx with something that is not the expected JSON.
    #[error("The answer from {url} could not be read: {detail}")]
    Decode { url: String, detail: String },
}

impl ApiError {
    /// The org no longer accepts the token: the session is over.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Http { status: 401, .. })
    }

    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            ApiError::Http { correlation_id, .. } => correlation_id.as_deref(),
            _ => None,
        }
    }
}

fn http_message(status: u16, body: Option<&ErrorBody>) -> String {
    let what = match status {
        400 => "The request was rejected",
        401 => "The token is no longer accepted",
        403 => "You lack the permission for this",
        404 => "Not found",
        409 => "Conflict with the current state",
        415 => "Unsupported media type",
        429 => "Too many requests",
        500..=599 => "The server failed",
        _ => "The server refused the request",
    };
    match body.and_then(|b| b.message.as_deref()).filter(|m| !m.trim().is_empty()) {
        Some(msg) => format!("{what} (HTTP {status}): {msg}"),
        None => format!("{what} (HTTP {status})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let e = ApiError::Http {
            status: 401,
            body: Some(ErrorBody {
                message: Some("Invalid login credentials.".into()),
                ..Default::default()
            }),
            correlation_id: Some("c-1".into()),
            retry_after: None,
        };
        assert!(e.is_unauthorized());
        assert_eq!(e.to_string(), "The token is no longer accepted (HTTP 401): Invalid login credentials.");
        assert_eq!(e.correlation_id(), Some("c-1"));
        let n = ApiError::Network { url: "http://127.0.0.1:8787/x".into() };
        assert!(!n.is_unauthorized());
        assert_eq!(n.to_string(), "Could not reach http://127.0.0.1:8787/x.");
        let e500 = ApiError::Http { status: 503, body: None, correlation_id: None, retry_after: Some(3) };
        assert_eq!(e500.to_string(), "The server failed (HTTP 503).");
    }
}
