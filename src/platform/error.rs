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
    /// The browser is offline: nothing was sent.
    #[error("You are offline: nothing was sent. Reconnect and try again.")]
    Offline,
    /// The answer was larger than its endpoint ever needs: cut off, and nothing of it used.
    #[error("The answer from {url} is larger than {} KB, more than this request ever needs: it was cut off and nothing of it was used.", cap / 1024)]
    TooLarge { url: String, cap: usize },
    /// The client was deleted by someone else meanwhile: a change would bring it back, so none
    /// was sent.
    #[error("This client was deleted meanwhile: restore it from its page first.")]
    DeletedMeanwhile,
    /// The server answered 2xx with something that is not the expected JSON.
    #[error("The answer from {url} could not be read: {detail}")]
    Decode { url: String, detail: String },
}

impl ApiError {
    /// The org no longer accepts the token: the session is over.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Http { status: 401, .. })
    }

    /// Might the request have been processed though it failed (no answer, a 5xx)? Then a
    /// create or a delete is checked, never sent again blindly.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, ApiError::Network { .. } | ApiError::Http { status: 500..=599, .. })
    }

    /// A 2xx whose body could not be read: the request was done.
    pub fn is_unreadable_answer(&self) -> bool {
        matches!(self, ApiError::Decode { .. })
    }

    /// The `ININ-Correlation-Id` header, or the body's `contextId` when CORS hid the header.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            ApiError::Http { correlation_id, body, .. } => {
                correlation_id.as_deref().or_else(|| body.as_ref()?.context_id.as_deref())
            }
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
    match body.map(ErrorBody::text).filter(|m| !m.trim().is_empty()) {
        Some(msg) => format!("{what} (HTTP {status}): {msg}"),
        None => format!("{what} (HTTP {status})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_deleted_meanwhile_is_said_so_and_is_no_lost_answer() {
        let e = ApiError::DeletedMeanwhile;
        assert_eq!(e.to_string(), "This client was deleted meanwhile: restore it from its page first.");
        assert!(!e.is_ambiguous() && !e.is_unauthorized() && !e.is_unreadable_answer());
        assert_eq!(e.correlation_id(), None);
    }

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
        assert!(n.is_ambiguous() && !ApiError::Offline.is_ambiguous() && !e.is_ambiguous());
        assert_eq!(n.to_string(), "Could not reach http://127.0.0.1:8787/x.");
        let e500 = ApiError::Http { status: 503, body: None, correlation_id: None, retry_after: Some(3) };
        // The vendor's message parameters are filled in; the body's contextId stands in for a
        // correlation id the browser could not read.
        let body: ErrorBody = serde_json::from_value(serde_json::json!({
            "message": "The value {value} is not valid for {field}.", "code": "invalid.value", "status": 400,
            "messageParams": {"value": "abc", "field": "accessTokenValiditySeconds", "unused": 5},
            "contextId": "ctx-7", "details": [], "errors": [{"message": "nested"}]
        }))
        .unwrap();
        assert_eq!(body.text(), "The value abc is not valid for accessTokenValiditySeconds.");
        assert_eq!(body.errors[0].message.as_deref(), Some("nested"));
        let hidden =
            ApiError::Http { status: 400, body: Some(body), correlation_id: None, retry_after: None };
        assert_eq!(hidden.correlation_id(), Some("ctx-7"));
        assert!(hidden.to_string().contains("abc is not valid"));
        let numbers: ErrorBody = serde_json::from_value(
            serde_json::json!({"messageWithParams": "At most {max}.", "messageParams": {"max": 125}}),
        )
        .unwrap();
        assert_eq!(numbers.text(), "At most 125.");
        assert_eq!(e500.to_string(), "The server failed (HTTP 503).");
    }
}
