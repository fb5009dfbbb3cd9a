//! The OAuth callback: what came back in the fragment (implicit) or the query (code), parsed and
//! classified. Pure functions; `main.rs` captures the raw strings before anything renders.

use crate::secret::Secret;
use percent_encoding::percent_decode_str;

/// The raw callback as found in the address bar, without the leading `#` / `?`. Its `Debug`
/// hides the code and every token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Capture {
    pub fragment: String,
    pub query: String,
}

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Capture({})", self.to_text(is_secret_key))
    }
}

/// Is this (decoded) response key one whose value never leaves memory — in the display, the
/// export and the history? The code, every kind of token and any secret, however the key is
/// cased or joined (`access_token`, `accessToken`, `ID-TOKEN`); `token_type` names one, it is none.
pub fn is_secret_key(key: &str) -> bool {
    let k: String =
        key.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    k == "code" || k.contains("secret") || k.contains("password") || (k.contains("token") && k != "tokentype")
}

impl Capture {
    /// A pasted address as a capture (query and fragment of any absolute or relative URL).
    pub fn of_url(url: &str) -> Capture {
        let url = url.trim();
        let (before, fragment) = url.split_once('#').unwrap_or((url, ""));
        let query = before.split_once('?').map(|(_, q)| q).unwrap_or("");
        Capture { fragment: fragment.to_string(), query: query.to_string() }
    }

    /// `?query#fragment`, each part only when present; the value of every key that `hide`
    /// picks (judged on the decoded key, however it was encoded) is replaced.
    pub fn to_text(&self, hide: impl Fn(&str) -> bool) -> String {
        let shown = |part: &str| {
            part.split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if hide(&decode_value(k)) => format!("{k}=[redacted]"),
                    _ => kv.to_string(),
                })
                .collect::<Vec<_>>()
                .join("&")
        };
        let mut out = String::new();
        if !self.query.is_empty() {
            out.push('?');
            out.push_str(&shown(&self.query));
        }
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(&shown(&self.fragment));
        }
        out
    }

    /// Does the address carry an OAuth response at all?
    pub fn is_oauth_response(&self) -> bool {
        [&self.fragment, &self.query].iter().any(|part| is_oauth(&parse_params(part)))
    }
}

/// Do these parameters hold an OAuth response?
pub fn is_oauth(params: &[(String, String)]) -> bool {
    params.iter().any(|(k, _)| matches!(k.as_str(), "access_token" | "code" | "error" | "state"))
}

impl From<crate::browser::address::Parts> for Capture {
    fn from(p: crate::browser::address::Parts) -> Capture {
        Capture { fragment: p.fragment, query: p.query }
    }
}

/// What the authorization server said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Implicit success.
    Token { access_token: Secret, expires_in: u64, token_type: Option<String>, state: Option<String> },
    /// Code flow success; the code still has to be exchanged.
    Code { code: Secret, state: Option<String> },
    /// The server refused: `error`, `error_description`, `error_uri` (kept only when http/https).
    Error { error: String, description: Option<String>, uri: Option<String>, state: Option<String> },
    /// Something came back that is not a valid response.
    Malformed { reason: String, state: Option<String> },
}

impl Callback {
    pub fn state(&self) -> Option<&str> {
        match self {
            Callback::Token { state, .. }
            | Callback::Code { state, .. }
            | Callback::Error { state, .. }
            | Callback::Malformed { state, .. } => state.as_deref(),
        }
    }
}

/// Decodes one value as the vendor's login host sends it: `+` is a space, then percent-decoding,
/// and a second percent-decoding because values may arrive encoded twice.
pub fn decode_value(raw: &str) -> String {
    let once = decode_once(&raw.replace('+', " "));
    if once.contains('%') {
        decode_once(&once)
    } else {
        once
    }
}

fn decode_once(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `a=1&b=2` → pairs, in order, keys and values decoded. Empty segments are skipped; a key
/// without `=` has an empty value.
pub fn parse_params(s: &str) -> Vec<(String, String)> {
    s.trim_start_matches(['#', '?'])
        .split('&')
        .filter(|seg| !seg.is_empty())
        .map(|seg| {
            let (k, v) = seg.split_once('=').unwrap_or((seg, ""));
            (decode_value(k), decode_value(v))
        })
        .collect()
}

/// Classifies a capture. `None` when the address carries no OAuth response.
/// A response in the fragment wins over the query (implicit errors and tokens come in the
/// fragment; the app's own query string may hold unrelated parameters).
pub fn classify(capture: &Capture) -> Option<Callback> {
    response_params(capture).map(|p| classify_params(&p))
}

/// The parameters of the response: the fragment's when it holds one, else the query's.
pub fn response_params(capture: &Capture) -> Option<Vec<(String, String)>> {
    let frag = parse_params(&capture.fragment);
    if is_oauth(&frag) {
        return Some(frag);
    }
    let query = parse_params(&capture.query);
    is_oauth(&query).then_some(query)
}

/// The `iss` the response names (RFC 9207), if any.
pub fn issuer(capture: &Capture) -> Option<String> {
    // As sent: RFC 9207 compares it as a plain string.
    response_params(capture)?.into_iter().find(|(k, _)| k == "iss").map(|(_, v)| v)
}

fn classify_params(params: &[(String, String)]) -> Callback {
    // RFC 6749 §3.1: parameters must not be included more than once.
    let mut repeated: Option<&str> = None;
    for (i, (k, _)) in params.iter().enumerate() {
        if params[..i].iter().any(|(k2, _)| k2 == k) {
            repeated = Some(k);
            break;
        }
    }
    let get = |key: &str| {
        params.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty())
    };
    let state = get("state");
    if let Some(key) = repeated {
        return Callback::Malformed {
            reason: format!("The response names \"{key}\" more than once, so it cannot be trusted."),
            state: None,
        };
    }
    if let Some(error) = get("error") {
        return Callback::Error {
            error,
            description: get("error_description"),
            uri: get("error_uri").filter(|u| is_http_url(u)),
            state,
        };
    }
    if let Some(access_token) = get("access_token") {
        return match get("expires_in").map(|e| e.parse::<u64>()) {
            Some(Ok(expires_in)) if expires_in > 0 => Callback::Token {
                access_token: access_token.into(),
                expires_in,
                token_type: get("token_type"),
                state,
            },
            Some(_) => Callback::Malformed {
                reason: "The response's expires_in is not a positive number of seconds.".into(),
                state,
            },
            None => Callback::Malformed {
                reason: "The response has an access token but no expires_in.".into(),
                state,
            },
        };
    }
    if let Some(code) = get("code") {
        return Callback::Code { code: code.into(), state };
    }
    let reason = if params.iter().any(|(k, _)| k == "access_token") {
        "The response's access_token is empty."
    } else if params.iter().any(|(k, _)| k == "code") {
        "The response's code is empty."
    } else if params.iter().any(|(k, _)| k == "error") {
        "The response's error is empty."
    } else {
        "The response has a state but no access_token, code or error."
    };
    Callback::Malformed { reason: reason.into(), state }
}

/// Only http and https links are shown as links; anything else (javascript:, data:, an address
/// the browser would read differently) is text.
pub fn is_http_url(u: &str) -> bool {
    crate::url::HttpUrl::parse(u).is_ok()
}

/// A plain-words explanation of an OAuth `error` code, with what to do about it.
pub fn explain_error(error: &str) -> &'static str {
    match error {
        "access_denied" => "The sign-in was declined — by you, or by the org's policy for this user.",
        "invalid_request" => "The login server rejected the request as malformed (a missing or repeated parameter).",
        "unauthorized_client" => {
            "This client is not allowed to use this method: check its grant type (Token Implicit Grant for implicit, Code Authorization for PKCE)."
        }
        "unsupported_response_type" => {
            "The login server does not offer this method for the client: check the client's grant type."
        }
        "invalid_scope" => "The client asks for a scope the org does not grant.",
        "invalid_client" => "The login server does not know this client id in this region.",
        "server_error" => "The login server failed. Try again in a moment.",
        "temporarily_unavailable" => "The login server is busy or down for maintenance. Try again later.",
        _ => "The login server refused the sign-in.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(s: &str) -> Capture {
        Capture { fragment: s.into(), query: String::new() }
    }

    #[test]
    fn implicit_success() {
        let cb = classify(&frag("access_token=tok&expires_in=86399&token_type=bearer&state=abc")).unwrap();
        assert_eq!(
            cb,
            Callback::Token {
                access_token: "tok".into(),
                expires_in: 86399,
                token_type: Some("bearer".into()),
                state: Some("abc".into())
            }
        );
    }

    #[test]
    fn double_encoding_and_plus() {
        // "a b%c" encoded twice, with the space as '+': a+b%2525c → "a b%25c" → "a b%c".
        let cb = classify(&frag("access_token=t&expires_in=5&state=a+b%2525c")).unwrap();
        assert_eq!(cb.state(), Some("a b%c"));
        assert_eq!(decode_value("x%2520y"), "x y");
        assert_eq!(decode_value("x%20y"), "x y");
        assert_eq!(decode_value("100%"), "100%");
        assert_eq!(decode_value("%E2%9C%93"), "✓");
    }

    #[test]
    fn code_in_query() {
        let cb = classify(&Capture { fragment: String::new(), query: "code=xyz&state=s1".into() }).unwrap();
        assert_eq!(cb, Callback::Code { code: "xyz".into(), state: Some("s1".into()) });
    }

    #[test]
    fn fragment_wins_and_plain_query_is_ignored() {
        assert_eq!(classify(&Capture { fragment: String::new(), query: "tab=2".into() }), None);
        assert_eq!(classify(&Capture::default()), None);
        let cb = classify(&Capture { fragment: "error=access_denied&state=s".into(), query: "tab=2".into() });
        assert!(matches!(cb, Some(Callback::Error { .. })));
    }

    #[test]
    fn errors_keep_only_http_links() {
        let cb = classify(&frag(
            "error=access_denied&error_description=User+said+no&error_uri=https%3A%2F%2Fhelp.example.com%2Fx&state=s",
        ))
        .unwrap();
        assert_eq!(
            cb,
            Callback::Error {
                error: "access_denied".into(),
                description: Some("User said no".into()),
                uri: Some("https://help.example.com/x".into()),
                state: Some("s".into())
            }
        );
        for bad in ["javascript%3Aalert(1)", "data%3Atext%2Fhtml%2Cx", "ftp%3A%2F%2Fx", "https%3A%2F%2F"] {
            let cb = classify(&frag(&format!("error=x&error_uri={bad}"))).unwrap();
            assert!(matches!(cb, Callback::Error { uri: None, .. }), "{bad}");
        }
    }

    #[test]
    fn missing_or_bad_fields_are_malformed() {
        for s in [
            "access_token=t&state=s",
            "access_token=t&expires_in=&state=s",
            "access_token=t&expires_in=soon&state=s",
            "access_token=t&expires_in=0&state=s",
            "access_token=&expires_in=5&state=s",
            "code=&state=s",
            "state=s",
        ] {
            assert!(matches!(classify(&frag(s)), Some(Callback::Malformed { .. })), "{s}");
        }
    }

    #[test]
    fn repeated_keys_are_rejected() {
        let cb = classify(&frag("access_token=a&access_token=b&expires_in=5&state=s")).unwrap();
        match cb {
            Callback::Malformed { reason, state } => {
                assert!(reason.contains("access_token"));
                assert_eq!(state, None, "a repeated response must not consume a pending state");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(classify(&frag("state=a&state=b&code=c")), Some(Callback::Malformed { .. })));
    }

    #[test]
    fn pasted_addresses_and_text() {
        let cap =
            Capture::of_url(" https://apps.mypurecloud.com/crm/index.html?x=1#access_token=SECRET&state=s ");
        assert_eq!(cap, Capture { fragment: "access_token=SECRET&state=s".into(), query: "x=1".into() });
        assert_eq!(cap.to_text(|_| false), "?x=1#access_token=SECRET&state=s");
        assert_eq!(cap.to_text(|k| k == "access_token"), "?x=1#access_token=[redacted]&state=s");
        assert_eq!(Capture::of_url("/cb?code=C").to_text(|k| k == "code"), "?code=[redacted]");
        assert_eq!(
            Capture::of_url("/cb#access%5Ftoken=T").to_text(|k| k == "access_token"),
            "#access%5Ftoken=[redacted]"
        );
        assert_eq!(Capture::of_url("nothing").to_text(|_| false), "");
    }

    #[test]
    fn empty_values_and_segments() {
        assert_eq!(
            parse_params("#a=&&b&=c"),
            vec![("a".into(), "".into()), ("b".into(), "".into()), ("".into(), "c".into())]
        );
    }

    #[test]
    fn every_error_has_an_explanation() {
        assert!(explain_error("access_denied").contains("declined"));
        assert!(explain_error("something_new").contains("refused"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parser_never_panics(fragment in ".{0,200}", query in ".{0,200}") {
            let cap = Capture { fragment, query };
            let _ = cap.is_oauth_response();
            let _ = classify(&cap);
        }

        #[test]
        fn encoded_state_survives(state in "[ -~]{1,40}") {
            let enc: String = form_urlencoded::byte_serialize(state.as_bytes()).collect();
            // Values that themselves look percent-encoded would be decoded twice, as the vendor does.
            prop_assume!(!state.contains('%'));
            let cb = classify(&Capture { fragment: format!("error=x&state={enc}"), query: String::new() }).unwrap();
            prop_assert_eq!(cb.state(), Some(state.trim()).filter(|s| !s.is_empty()));
        }

        #[test]
        fn tokens_parse_from_any_encoding(tok in "[A-Za-z0-9._~-]{1,64}", secs in 1u64..1_000_000) {
            let cb = classify(&Capture { fragment: format!("access_token={tok}&expires_in={secs}&state=s"), query: String::new() }).unwrap();
            prop_assert_eq!(cb, Callback::Token { access_token: tok.into(), expires_in: secs, token_type: None, state: Some("s".into()) });
        }
    }
}
