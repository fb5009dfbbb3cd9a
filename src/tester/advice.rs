//! Troubleshooting: what went wrong with a run, explained, with the fix.

use crate::oauth::authorize::Method;
use crate::oauth::callback;
use crate::oauth::flow::SignInError;
use crate::oauth::pending::StateError;
use crate::platform::error::ApiError;
use crate::tester::csp;
use crate::url::HttpUrl;
use serde::{Deserialize, Serialize};

/// What went wrong, for the troubleshooting advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The login page never sent the browser back (it timed out).
    NoReturn,
    /// The popup was closed before the login page sent the browser back.
    PopupClosed,
    /// The popup could not be opened.
    PopupBlocked,
    SignIn(SignInError),
    /// The org refused the token.
    TokenRejected(ApiError),
    /// This page's Content-Security-Policy blocked the requests to these origins: nothing was
    /// sent to them. After the sign-in (a token came back): only who signed in was not asked.
    Blocked {
        origins: Vec<String>,
        after_sign_in: bool,
    },
}

/// A short explanation and the fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub title: String,
    pub why: String,
    pub fix: String,
}

fn advice(title: impl Into<String>, why: impl Into<String>, fix: impl Into<String>) -> Advice {
    Advice { title: title.into(), why: why.into(), fix: fix.into() }
}

/// The troubleshooting advice for a failure.
pub fn troubleshoot(f: &Failure, method: Method) -> Advice {
    let grant = method.grant_name();
    match f {
        Failure::NoReturn => advice(
            "The login page did not send the browser back",
            "When the client id is unknown in this region, or the redirect URI is not registered for it exactly, the login page shows an error and stops there (it must not redirect to an unverified address).",
            "Check the client id belongs to this region, and register the redirect URI exactly as sent — scheme, host, port, path, trailing slash and query string included.",
        ),
        Failure::PopupClosed => advice(
            "The popup was closed before the sign-in finished",
            "The popup closed before the login page sent the browser back: closed by hand, by the page in it, or by a newer run. This run cannot tell whether the client is right.",
            "Run it again and finish the sign-in in the popup. If the login page shows an error there, read it before closing: it names what is wrong (an unknown client id, a redirect URI not registered).",
        ),
        Failure::Blocked { origins, after_sign_in: false } => advice(
            "This console's Content-Security-Policy blocked the request",
            csp::blocked_note(origins),
            "Allow the server's host in this copy of the console (or test from a copy that lists it). The server, the client and its redirect URI were not judged: the request never left the browser.",
        ),
        Failure::Blocked { origins, after_sign_in: true } => advice(
            "The sign-in worked; this console's Content-Security-Policy blocked asking who signed in",
            csp::blocked_note(origins),
            "The token came back, so the client and its redirect URI are right. To see who signed in, allow the host in this copy of the console (or test from a copy that lists it).",
        ),
        Failure::PopupBlocked => advice(
            "The browser blocked the popup",
            "Popups may only open in direct response to a click, and some browsers block them for a site altogether.",
            "Allow popups for this site, or use redirect mode.",
        ),
        Failure::SignIn(SignInError::Refused { error, .. }) => match error.as_str() {
            "access_denied" => advice(
                "Sign-in declined",
                "The user (or the org's policy for this user) declined the sign-in.",
                "Sign in again and approve, or check the user's roles and the org's sign-in restrictions.",
            ),
            "unauthorized_client" | "unsupported_response_type" => advice(
                "Wrong grant type for this method",
                format!("The client is not allowed this method: {} needs a {grant} client.", method.label()),
                format!("Use a {grant} client, or switch the method to match the client's grant type."),
            ),
            "invalid_client" => advice(
                "Unknown client",
                "The login server does not know this client id.",
                "Check the client id and the region: a client exists in one region only.",
            ),
            "invalid_scope" => advice(
                "Scope refused",
                "The client asks for a scope the org does not grant.",
                "Edit the client's scopes to ones the org offers.",
            ),
            "invalid_request" => advice(
                "Malformed request",
                "The login server rejected a missing, repeated or invalid parameter.",
                "Check the redirect URI, and for PKCE that the server supports S256.",
            ),
            _ => advice(
                format!("The login server answered {error}"),
                callback::explain_error(error),
                "Try again; if it persists, read the error description and the server's documentation.",
            ),
        },
        Failure::SignIn(SignInError::State(e)) => match e {
            StateError::Reused => advice(
                "State reused",
                "This response was already accepted once. A replayed response is refused, as it should be.",
                "Start a new run.",
            ),
            StateError::Expired { .. } => advice(
                "State expired",
                "More than 10 minutes passed between starting the run and the response.",
                "Start a new run and finish signing in within 10 minutes.",
            ),
            StateError::Missing => advice(
                "No state in the response",
                "Without its state a response cannot be tied to a run: it could be forged.",
                "Check the server returns the state parameter unchanged.",
            ),
            StateError::Unknown => advice(
                "State mismatch",
                "The response's state matches no run started in this tab: it was altered, or the run was started in another tab or browser.",
                "Start the run and finish it in the same tab; never edit the state.",
            ),
        },
        Failure::SignIn(SignInError::MixUp(m)) => advice(
            "Mix-up refused",
            m.to_string(),
            "Check the server's endpoints: an authorization server that sends the browser to another server's login (or names another issuer) is attempting a mix-up. Never reuse a client id across servers.",
        ),
        Failure::SignIn(wrong @ SignInError::WrongClient { .. }) => advice(
            "The token belongs to another client",
            wrong.to_string(),
            "Check the client id, and that the login server is the one the client lives on.",
        ),
        Failure::SignIn(SignInError::WrongMethod { .. }) => advice(
            "Response for the other method",
            "A token came back for a PKCE run, or a code for an implicit run.",
            format!("Use a {grant} client for {}.", method.label()),
        ),
        Failure::SignIn(SignInError::Malformed(m)) => {
            advice("Malformed response", m.clone(), "Check the authorization server's response parameters.")
        }
        Failure::SignIn(SignInError::Exchange(e)) => match e {
            ApiError::Network { .. } => advice(
                "The token endpoint could not be reached",
                "The code exchange request failed before any answer: a wrong token URL, or the server does not allow this page's origin (CORS).",
                "Check the token endpoint, and that the server allows browser requests from this origin.",
            ),
            _ => advice(
                "The code exchange was refused",
                format!("{} A code is single use and short-lived, and must be exchanged with the same redirect URI and the verifier of its challenge.", sentence(&e.to_string())),
                "Start a new run; check the redirect URI is identical in both requests and the client is a Code Authorization client.",
            ),
        },
        Failure::SignIn(SignInError::Verify(e)) | Failure::TokenRejected(e) => match e {
            ApiError::Http { status: 401, .. } => advice(
                "The org rejected the token",
                "The API does not accept this token: the client may be disabled or inactive, the token expired or revoked, or it was issued by another region.",
                "Check the client's state, and that the environment is the region the client lives in.",
            ),
            ApiError::Http { status: 403, .. } => advice(
                "The token lacks a scope or permission",
                format!("{e}"),
                "Add the scope the request needs to the client, and the permission to the user's roles.",
            ),
            ApiError::Network { .. } => advice(
                "The API could not be reached",
                "No answer from the API host: a wrong region, or the network blocks it.",
                "Pick the region the org lives in.",
            ),
            _ => advice("The API refused the request", format!("{e}"), "Read the error and try again."),
        },
    }
}

/// A run's failure as it truly was: a request that failed before any answer, to a server this
/// page's policy blocks (as the policy reads, or as the browser reported), was never sent. The
/// token request goes to `token_url`; the questions after it (who signed in) to `asked_url`.
pub fn judged(
    failure: Failure,
    policy: Option<&csp::ConnectPolicy>,
    page: &HttpUrl,
    (token_url, asked_url): (&str, &str),
    reported: &[String],
) -> Failure {
    let (url, after_sign_in) = match &failure {
        Failure::SignIn(SignInError::Exchange(ApiError::Network { .. })) => (token_url, false),
        Failure::TokenRejected(ApiError::Network { .. }) => (asked_url, true),
        _ => return failure,
    };
    let origin = HttpUrl::parse(url).ok().map(|u| u.origin());
    let by_policy = policy.is_some_and(|p| !csp::blocked(p, page, [url]).is_empty());
    let by_report =
        reported.iter().filter_map(|r| HttpUrl::parse(r).ok()).any(|r| Some(r.origin()) == origin);
    match origin {
        Some(o) if by_policy || by_report => Failure::Blocked { origins: vec![o], after_sign_in },
        _ => failure,
    }
}

/// A server's words as a sentence: a full stop added when they end without one.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn troubleshooting_names_the_cause() {
        let refused =
            |e: &str| Failure::SignIn(SignInError::Refused { error: e.into(), description: None, uri: None });
        assert!(troubleshoot(&Failure::NoReturn, Method::Pkce).fix.contains("query string"));
        // A popup the developer closed is said to be closed, not blamed on the client id.
        let closed = troubleshoot(&Failure::PopupClosed, Method::Pkce);
        assert_eq!(closed.title, "The popup was closed before the sign-in finished");
        assert!(!closed.fix.contains("Check the client id"));
        // A request the page's own policy blocked is said so, and how to allow it.
        let blocked = troubleshoot(
            &Failure::Blocked { origins: vec!["https://auth.example.com".into()], after_sign_in: false },
            Method::Pkce,
        );
        assert_eq!(blocked.title, "This console's Content-Security-Policy blocked the request");
        assert!(
            blocked.why.contains("CSP_CONNECT_EXTRA=\"https://auth.example.com\"")
                && !blocked.why.contains("CORS")
        );
        let after =
            Failure::Blocked { origins: vec!["https://auth.example.com".into()], after_sign_in: true };
        assert!(troubleshoot(&after, Method::Pkce).title.starts_with("The sign-in worked"));
        assert_eq!(troubleshoot(&refused("access_denied"), Method::Pkce).title, "Sign-in declined");
        let wrong = troubleshoot(&refused("unauthorized_client"), Method::Pkce);
        assert_eq!(wrong.title, "Wrong grant type for this method");
        assert!(wrong.fix.contains("Code Authorization"));
        assert!(troubleshoot(&refused("unsupported_response_type"), Method::Implicit)
            .fix
            .contains("Token Implicit Grant"));
        for (e, t) in [
            (StateError::Unknown, "State mismatch"),
            (StateError::Reused, "State reused"),
            (StateError::Expired { minutes: 11 }, "State expired"),
        ] {
            assert_eq!(troubleshoot(&Failure::SignIn(SignInError::State(e)), Method::Pkce).title, t);
        }
        let http = |status| ApiError::Http { status, body: None, correlation_id: None, retry_after: None };
        assert!(troubleshoot(&Failure::TokenRejected(http(401)), Method::Pkce)
            .why
            .contains("disabled or inactive"));
        assert!(troubleshoot(&Failure::TokenRejected(http(403)), Method::Pkce).fix.contains("scope"));
        let net = ApiError::Network { url: "https://api.x".into() };
        assert!(troubleshoot(&Failure::TokenRejected(net.clone()), Method::Pkce)
            .why
            .contains("wrong region"));
        assert!(troubleshoot(&Failure::SignIn(SignInError::Exchange(net)), Method::Pkce)
            .why
            .contains("CORS"));
        assert!(troubleshoot(&Failure::PopupBlocked, Method::Pkce).fix.contains("redirect mode"));
        assert_eq!(
            (sentence("Code expired"), sentence("Done. ")),
            ("Code expired.".to_string(), "Done.".to_string())
        );
    }

    #[test]
    fn a_request_that_never_left_is_said_blocked_not_blamed_on_the_server() {
        let p = csp::ConnectPolicy::of_policy("connect-src 'self' https://api.mypurecloud.com").unwrap();
        let page = HttpUrl::parse("http://127.0.0.1:8080/tester").unwrap();
        let network = || ApiError::Network { url: "http://127.0.0.1:8798/token".into() };
        let urls = ("http://127.0.0.1:8798/token", "https://api.mypurecloud.com");
        let exchange = Failure::SignIn(SignInError::Exchange(network()));
        assert_eq!(
            judged(exchange.clone(), Some(&p), &page, urls, &[]),
            Failure::Blocked { origins: vec!["http://127.0.0.1:8798".into()], after_sign_in: false }
        );
        // Reported by the browser though the policy read here allows it (a header the page does not carry).
        let open = csp::ConnectPolicy::of_policy("connect-src *").unwrap();
        let reported = vec!["http://127.0.0.1:8798/token".to_string()];
        assert_eq!(
            judged(exchange.clone(), Some(&open), &page, urls, &reported),
            Failure::Blocked { origins: vec!["http://127.0.0.1:8798".into()], after_sign_in: false }
        );
        // Allowed and not reported: the server's (or the network's) failure, as it was.
        assert_eq!(judged(exchange.clone(), Some(&open), &page, urls, &[]), exchange);
        assert_eq!(judged(exchange.clone(), None, &page, urls, &[]), exchange);
        // The API host is listed: its failure is not the policy's.
        let api = Failure::TokenRejected(network());
        assert_eq!(judged(api.clone(), Some(&p), &page, urls, &[]), api);
        // A refusal is an answer: never the policy's.
        let refused = Failure::SignIn(SignInError::Exchange(ApiError::Http {
            status: 400,
            body: None,
            correlation_id: None,
            retry_after: None,
        }));
        assert_eq!(judged(refused.clone(), Some(&p), &page, urls, &[]), refused);
    }
}
