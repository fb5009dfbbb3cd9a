//! What the user is told: errors and results as [`Notice`] values, worded in one place.

use crate::env::Environment;
use crate::oauth::callback::explain_error;
use crate::oauth::flow::SignInError;
use crate::platform::actions::Stop;
use crate::platform::error::ApiError;

/// A message for the user: what happened, why, and (sometimes) a link to read more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub title: String,
    pub detail: Option<String>,
    /// An http(s) link only.
    pub link: Option<String>,
    pub correlation_id: Option<String>,
}

impl Notice {
    pub fn error(title: impl Into<String>, detail: Option<String>) -> Notice {
        Notice { error: true, title: title.into(), detail, link: None, correlation_id: None }
    }
    pub fn info(title: impl Into<String>) -> Notice {
        Notice { error: false, title: title.into(), detail: None, link: None, correlation_id: None }
    }
}

/// What the user reads after stopping the client this console signed in with: signing in
/// again with it cannot work, so they are told what can.
pub fn stopped_own_client(name: &str, how: Stop) -> String {
    format!(
        "Your session ended: {}, the OAuth client this console signed in with, so its tokens no longer work. \
         Sign in with another client of the org, or ask an admin to {} first.",
        how.done_to(name),
        how.undo(name)
    )
}

/// What the user reads when the org stops accepting the token (a 401), in the org's terms:
/// `bad.credentials` (it does not know the token: revoked, signed out) or
/// `authentication.required` (expired, idle, its client no longer active), with its message.
pub fn session_ended(err: &ApiError) -> String {
    let body = match err {
        ApiError::Http { body: Some(b), .. } => Some(b),
        _ => None,
    };
    let said = body.map(|b| b.text()).filter(|t| !t.trim().is_empty());
    let why = match body.and_then(|b| b.code.as_deref()) {
        Some("bad.credentials") => "the org does not recognise its token (revoked, or signed out elsewhere)",
        Some("authentication.required") => "the org asks for a new sign-in",
        _ => "the org no longer accepts its token",
    };
    match said {
        Some(m) => format!("Your session ended — {why}: \u{201c}{}\u{201d} Sign in again.", m.trim()),
        None => format!("Your session ended — {why}. Sign in again."),
    }
}
/// What the user reads when the token ran out.
pub const SESSION_EXPIRED: &str = "Your session expired — sign in again.";

/// An API error in words, for this environment (a sandbox org that is not running says how to
/// start it).
pub fn api_notice(title: &str, env: &Environment, err: &ApiError) -> Notice {
    let detail = match (env, err) {
        (Environment::Sandbox, ApiError::Network { .. }) => format!(
            "The local sandbox org is not running at {}. Start it with `make serve` (or `cargo run -p sandbox-org`) and try again.",
            env.api_base()
        ),
        (_, ApiError::Network { url }) => {
            format!("Could not reach {url}. Check the environment, your connection, and that the org allows this page's origin.")
        }
        _ => err.to_string(),
    };
    Notice { correlation_id: err.correlation_id().map(str::to_string), ..Notice::error(title, Some(detail)) }
}

/// Why a sign-in failed, in words.
pub fn sign_in_notice(env: Option<&Environment>, err: &SignInError) -> Notice {
    match err {
        SignInError::Refused { error, description, uri } => Notice {
            link: uri.clone(),
            ..Notice::error(
                format!("Sign-in refused: {error}"),
                Some(match description {
                    Some(d) => format!("{d} — {}", explain_error(error)),
                    None => explain_error(error).to_string(),
                }),
            )
        },
        SignInError::State(e) => Notice::error("Sign-in response rejected", Some(e.to_string())),
        SignInError::Malformed(m) => Notice::error("Sign-in response rejected", Some(m.clone())),
        SignInError::WrongMethod { .. } => Notice::error("Sign-in response rejected", Some(err.to_string())),
        SignInError::MixUp(_) => {
            Notice::error("Sign-in response refused: it answers another server", Some(err.to_string()))
        }
        SignInError::WrongClient { .. } => Notice::error("Signed-in token refused", Some(err.to_string())),
        SignInError::Exchange(e) | SignInError::Verify(e) => {
            let title = if matches!(err, SignInError::Exchange(_)) {
                "The code could not be exchanged for a token"
            } else {
                "The token could not be verified"
            };
            match env {
                Some(env) => api_notice(title, env, e),
                None => Notice::error(title, Some(e.to_string())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::pending::StateError;

    #[test]
    fn a_sandbox_that_is_down_says_how_to_start_it() {
        let down = ApiError::Network { url: "http://127.0.0.1:8787/api/v2/tokens/me".into() };
        let n = api_notice("Cannot sign in", &Environment::Sandbox, &down);
        assert!(n.error);
        assert!(n.detail.unwrap().contains("make serve"));
        let region = Environment::region("eu-west-1").unwrap();
        let n = api_notice("Cannot sign in", &region, &down);
        assert!(n.detail.unwrap().contains("allows this page's origin"));
    }

    #[test]
    fn stopping_the_console_s_own_client_says_how_to_get_back_in() {
        let disabled = stopped_own_client("oauth-console (PKCE)", Stop::Disabled);
        assert!(disabled.starts_with("Your session ended: you disabled \u{201c}oauth-console (PKCE)\u{201d}, the OAuth client this console signed in with"));
        assert!(disabled.ends_with("Sign in with another client of the org, or ask an admin to enable \u{201c}oauth-console (PKCE)\u{201d} first."));
        assert!(!disabled.contains("Sign in again"), "that client cannot sign in again");
        let retired = stopped_own_client("C", Stop::MadeInactive);
        assert!(
            retired.starts_with("Your session ended: you made \u{201c}C\u{201d} inactive, "),
            "{retired}"
        );
        assert!(retired.contains("ask an admin to make \u{201c}C\u{201d} active again first"));
    }

    #[test]
    fn a_401_ends_the_session_in_the_org_s_terms() {
        let with = |code: &str, message: &str| ApiError::Http {
            status: 401,
            body: Some(crate::platform::model::ErrorBody {
                code: Some(code.into()),
                message: Some(message.into()),
                ..Default::default()
            }),
            correlation_id: None,
            retry_after: None,
        };
        let unknown = session_ended(&with("bad.credentials", "Invalid login credentials."));
        assert_eq!(unknown, "Your session ended — the org does not recognise its token (revoked, or signed out elsewhere): \u{201c}Invalid login credentials.\u{201d} Sign in again.");
        let idle = session_ended(&with("authentication.required", "The token has been idle too long."));
        assert!(
            idle.starts_with("Your session ended — the org asks for a new sign-in: ")
                && idle.contains("idle too long")
        );
        let bare = ApiError::Http { status: 401, body: None, correlation_id: None, retry_after: None };
        assert_eq!(
            session_ended(&bare),
            "Your session ended — the org no longer accepts its token. Sign in again."
        );
    }

    #[test]
    fn http_errors_keep_their_correlation_id() {
        let e =
            ApiError::Http { status: 403, body: None, correlation_id: Some("c-9".into()), retry_after: None };
        let n = api_notice("Could not save", &Environment::Sandbox, &e);
        assert_eq!(n.correlation_id.as_deref(), Some("c-9"));
        assert_eq!(n.title, "Could not save");
        assert!(n.detail.unwrap().contains("HTTP 403"));
    }

    #[test]
    fn sign_in_failures_in_words() {
        let refused = SignInError::Refused {
            error: "access_denied".into(),
            description: Some("User said no".into()),
            uri: Some("https://help.example.com/x".into()),
        };
        let n = sign_in_notice(None, &refused);
        assert_eq!(n.title, "Sign-in refused: access_denied");
        assert!(n.detail.as_deref().unwrap().starts_with("User said no — "));
        assert_eq!(n.link.as_deref(), Some("https://help.example.com/x"));
        let n = sign_in_notice(None, &SignInError::State(StateError::Reused));
        assert_eq!(n.title, "Sign-in response rejected");
        assert!(n.detail.unwrap().contains("already used"));
        let down = SignInError::Exchange(ApiError::Network { url: "x".into() });
        assert!(sign_in_notice(Some(&Environment::Sandbox), &down).detail.unwrap().contains("not running"));
        assert_eq!(sign_in_notice(None, &down).title, "The code could not be exchanged for a token");
        let verify = SignInError::Verify(ApiError::Network { url: "x".into() });
        assert_eq!(sign_in_notice(None, &verify).title, "The token could not be verified");
    }
}
