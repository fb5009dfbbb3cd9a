//! A Genesys Cloud-compatible org on loopback: the login host (`/oauth/*`, `/logout`), the
//! Platform API endpoints oauth-console uses, and control endpoints under `/sandbox/` for tests.
//! Login and API share one origin here; in Genesys Cloud they are `login.D` and `api.D`.
// Handlers answer early with a ready `Response` as the error of a `Result`, as axum intends.
#![allow(clippy::result_large_err)]

pub mod admin;
pub mod authorizations;
pub mod estate;
pub mod org;
pub mod usage;

use axum::extract::{Form, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use org::{iso, new_id, org_name, random_string, Code, Org, Settings};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

pub use org::ImplicitPolicy;

/// The org behind every handler.
#[derive(Clone)]
pub struct Sandbox {
    org: Arc<Mutex<Org>>,
    faults: Arc<Mutex<Faults>>,
    /// Draws the random faults; `POST /sandbox/faults` with a `seed` makes a run replayable.
    chaos: Arc<Mutex<rand::rngs::StdRng>>,
    /// The settings it started with; `/sandbox/reset` returns to them.
    initial: Settings,
}

impl Sandbox {
    pub fn new(settings: Settings) -> Sandbox {
        Sandbox {
            org: Arc::new(Mutex::new(Org::seeded(settings.clone()))),
            faults: Arc::new(Mutex::new(Faults::default())),
            chaos: Arc::new(Mutex::new(rand::SeedableRng::from_entropy())),
            initial: settings,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Org> {
        self.org.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub use org::Settings as SandboxSettings;

/// Injected faults for the Platform API (`/api/…`), set by `POST /sandbox/faults`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// The next this-many API requests answer 429 …
    pub too_many: u32,
    /// … with this `Retry-After` (seconds).
    pub retry_after_s: u64,
    /// Every API request waits this long first …
    pub latency_ms: u64,
    /// … or, when above `latency_ms`, a random time between the two.
    pub latency_max_ms: u64,
    /// This percentage of API requests answer 429 (with `retry_after_s`), unprocessed.
    pub too_many_percent: u32,
    /// Every this-many-th API request answers 429 (with `retry_after_s`), unprocessed.
    pub too_many_every: u32,
    /// API requests since the faults were set (for `too_many_every`).
    pub counted: u32,
    /// This percentage of API requests answer a 5xx. A write among them is processed first half
    /// of the time, its answer then lost (504): what a client must not take for "not done".
    pub server_error_percent: u32,
    /// The next this-many API requests answer 503, unprocessed.
    pub server_errors: u32,
    /// The next this-many API writes are processed, then answer 504 (their answer lost).
    pub lost_answers: u32,
    /// `tokens/me` names this client instead of the token's own (an org that answers for
    /// another client, as a mix-up would make it look).
    pub tokens_me_client: Option<String>,
}

/// Every route of the sandbox org.
pub fn router(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/oauth/authorize", get(authorize_page).post(authorize_decision))
        .route("/oauth/token", post(token))
        .route("/logout", get(logout))
        .route("/api/v2/tokens/me", get(tokens_me).delete(revoke_token))
        .route("/api/v2/users/me", get(users_me))
        .route("/api/v2/oauth/clients", get(admin::list_clients).post(admin::create_client))
        .route(
            "/api/v2/oauth/clients/{id}",
            get(admin::get_client).put(admin::update_client).delete(admin::delete_client),
        )
        .route("/api/v2/oauth/clients/{id}/secret", post(admin::regenerate_secret))
        .route("/api/v2/oauth/clients/{id}/usage/summary", get(usage::summary))
        .route("/api/v2/oauth/clients/{id}/usage/query/results/{execution}", get(usage::results))
        .route("/api/v2/oauth/scopes", get(admin::scopes))
        .route("/api/v2/oauth/authorizations", get(authorizations::list))
        .route("/api/v2/authorization/roles", get(admin::roles))
        .route("/api/v2/authorization/roles/default", post(admin::restore_default_roles))
        .route(
            "/api/v2/authorization/roles/{id}",
            axum::routing::delete(admin::delete_role).put(admin::update_role),
        )
        .route("/api/v2/authorization/divisions", get(admin::divisions))
        .route("/api/v2/authorization/divisions/home", get(admin::home_division))
        .route("/sandbox/health", get(|| async { Json(json!({"status": "ok", "org": org_name()})) }))
        .route("/sandbox/reset", post(reset))
        .route("/sandbox/seed", post(seed))
        .route("/sandbox/expire-tokens", post(expire_tokens))
        .route("/sandbox/settings", post(settings))
        .route("/sandbox/state", get(dump))
        .fallback(|| async {
            api_error(StatusCode::NOT_FOUND, "not.found", "The requested resource was not found.")
        })
        .route("/sandbox/faults", post(set_faults))
        .layer(middleware::from_fn_with_state(sandbox.clone(), inject_faults))
        .layer(middleware::from_fn_with_state(sandbox.clone(), usage::record))
        .layer(middleware::from_fn(console_only_controls))
        .layer(middleware::from_fn(cors_and_correlation))
        .with_state(sandbox)
}

/// Serves on the listener until the future `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sandbox: Sandbox,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(sandbox)).with_graceful_shutdown(shutdown).await
}

// ---------------------------------------------------------------------------------------------
// Cross-cutting: CORS for browser origins, a correlation id on every answer, ErrorBody.

/// The origins of the console this org serves (its registered redirect URIs, without the path).
fn is_console_origin(origin: &str) -> bool {
    org::CONSOLE_REDIRECTS.iter().any(|r| r.trim_end_matches('/') == origin)
}

/// The control endpoints (`/sandbox/…`) answer the console and tools that send no `Origin`
/// (tests, curl), never another web page that happens to be open while `make serve` runs.
async fn console_only_controls(req: Request, next: Next) -> Response {
    let foreign = req.uri().path().starts_with("/sandbox/")
        && req.headers().get(header::ORIGIN).is_some_and(|o| !o.to_str().is_ok_and(is_console_origin));
    if foreign {
        return api_error(
            StatusCode::FORBIDDEN,
            "forbidden.origin",
            "The sandbox org's control endpoints answer only the console's own pages.",
        );
    }
    next.run(req).await
}

async fn cors_and_correlation(req: Request, next: Next) -> Response {
    let control = req.uri().path().starts_with("/sandbox/");
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| !control || o.to_str().is_ok_and(is_console_origin))
        .cloned();
    let preflight =
        req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut resp = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(req).await };
    let h = resp.headers_mut();
    if let Some(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type, Accept"),
        );
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After, ININ-Correlation-Id"),
        );
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    }
    if let Ok(v) = HeaderValue::from_str(&new_id()) {
        h.insert("ININ-Correlation-Id", v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

async fn inject_faults(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") || req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let (latency, limited, failure) = {
        use rand::Rng;
        let mut f = sb.faults.lock().unwrap_or_else(|p| p.into_inner());
        let mut rng = sb.chaos.lock().unwrap_or_else(|p| p.into_inner());
        f.counted += 1;
        let limited = if f.too_many > 0 {
            f.too_many -= 1;
            Some(f.retry_after_s)
        } else if f.too_many_every > 0 && f.counted.is_multiple_of(f.too_many_every) {
            Some(f.retry_after_s)
        } else {
            (rng.gen_range(0..100) < f.too_many_percent).then_some(f.retry_after_s)
        };
        let write = req.method() != Method::GET;
        let failure = if limited.is_some() {
            None
        } else if f.server_errors > 0 {
            f.server_errors -= 1;
            Some(Failure::Unprocessed)
        } else if write && f.lost_answers > 0 {
            f.lost_answers -= 1;
            Some(Failure::AnswerLost)
        } else {
            (rng.gen_range(0..100) < f.server_error_percent).then(|| {
                if write && rng.gen_bool(0.5) {
                    Failure::AnswerLost
                } else {
                    Failure::Unprocessed
                }
            })
        };
        let latency = if f.latency_max_ms > f.latency_ms {
            rng.gen_range(f.latency_ms..=f.latency_max_ms)
        } else {
            f.latency_ms
        };
        (latency, limited, failure)
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match failure {
        Some(Failure::Unprocessed) => {
            return api_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "service.unavailable",
                "The service is currently unavailable.",
            )
        }
        Some(Failure::AnswerLost) => {
            let _done = next.run(req).await;
            return api_error(StatusCode::GATEWAY_TIMEOUT, "request.timeout", "The request timed out.");
        }
        None => {}
    }
    match limited {
        Some(retry) => {
            let mut r = api_error(
                StatusCode::TOO_MANY_REQUESTS,
                "too.many.requests",
                "Rate limit exceeded the maximum. Retry the request in a few seconds.",
            );
            if let Ok(v) = HeaderValue::from_str(&retry.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        None => next.run(req).await,
    }
}

/// A 5xx injected into an API request.
enum Failure {
    /// Answered before the request is processed.
    Unprocessed,
    /// The request is processed, then its answer is lost.
    AnswerLost,
}

/// `{"tooMany": n, "retryAfter": s, "latencyMs": ms, "latencyMaxMs": ms, "tooManyPercent": p, "tooManyEvery": n,
/// "serverErrorPercent": p, "serverErrors": n, "lostAnswers": n, "tokensMeClientId": id,
/// "seed": n}` (the random faults drawn from `seed`, for a replayable run);
/// `/sandbox/reset` clears them.
async fn set_faults(State(sb): State<Sandbox>, Json(body): Json<Value>) -> Response {
    let f = Faults {
        too_many: body["tooMany"].as_u64().unwrap_or(0) as u32,
        retry_after_s: body["retryAfter"].as_u64().unwrap_or(1),
        latency_ms: body["latencyMs"].as_u64().unwrap_or(0),
        latency_max_ms: body["latencyMaxMs"].as_u64().unwrap_or(0),
        too_many_percent: body["tooManyPercent"].as_u64().unwrap_or(0).min(100) as u32,
        too_many_every: body["tooManyEvery"].as_u64().unwrap_or(0).min(u64::from(u32::MAX)) as u32,
        counted: 0,
        server_error_percent: body["serverErrorPercent"].as_u64().unwrap_or(0).min(100) as u32,
        server_errors: body["serverErrors"].as_u64().unwrap_or(0) as u32,
        lost_answers: body["lostAnswers"].as_u64().unwrap_or(0) as u32,
        tokens_me_client: body["tokensMeClientId"].as_str().map(str::to_string),
    };
    *sb.faults.lock().unwrap_or_else(|p| p.into_inner()) = f;
    let rng: rand::rngs::StdRng = match body["seed"].as_u64() {
        Some(seed) => rand::SeedableRng::seed_from_u64(seed),
        None => rand::SeedableRng::from_entropy(),
    };
    *sb.chaos.lock().unwrap_or_else(|p| p.into_inner()) = rng;
    StatusCode::NO_CONTENT.into_response()
}

/// The vendor's ErrorBody.
pub fn api_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({
        "message": message,
        "code": code,
        "status": status.as_u16(),
        "messageParams": {},
        "contextId": new_id(),
        "details": [],
        "errors": [],
    });
    (status, Json(body)).into_response()
}

fn unauthorized(message: &str) -> Response {
    api_error(StatusCode::UNAUTHORIZED, "authentication.required", message)
}

pub(crate) fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// The valid token of this request, or the 401 to answer. With `active`, the call counts as
/// activity for the org's idle timeout (every API call but `tokens/me?preserveIdleTTL=true`).
pub(crate) fn authenticate(
    org: &mut Org,
    headers: &HeaderMap,
    active: bool,
) -> Result<(String, org::Token), Response> {
    let token = bearer(headers)
        .ok_or_else(|| unauthorized("No authentication bearer token specified in authorization header."))?;
    if !org.tokens.contains_key(&token) {
        // A token the org never issued, or revoked: as the vendor says it.
        return Err(api_error(StatusCode::UNAUTHORIZED, "bad.credentials", "Invalid login credentials."));
    }
    let t = org.check_token(&token).map_err(unauthorized)?.clone();
    if active {
        if let Some(live) = org.tokens.get_mut(&token) {
            live.last_active = SystemTime::now();
        }
    }
    let t = org.tokens.get(&token).cloned().unwrap_or(t);
    Ok((token, t))
}

// ---------------------------------------------------------------------------------------------
// The login host.

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{t} · {o}</title><link rel="icon" href="data:,">
<style>body{{font:16px system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2330}}
h1{{font-size:1.4rem}} button{{font:inherit;padding:.55rem 1rem;margin:.25rem 0;border-radius:6px;border:1px solid #8a94a6;background:#fff;cursor:pointer;display:block;width:100%;text-align:left}}
button.deny{{border-color:#b3261e;color:#b3261e}} .muted{{color:#5b6475}} code{{background:#eef1f6;padding:0 .25rem}} .err{{border-left:4px solid #b3261e;padding:.5rem 1rem;background:#fdecea}}</style>
</head><body><p class="muted">{o} — a local stand-in for login.D</p><h1>{t}</h1>{body}</body></html>"#,
        t = esc(title),
        o = esc(org_name()),
    )
}

/// RFC 6749 §4.1.2.1 / §4.2.2.1: with an unknown client or redirect URI the user is told here
/// and the browser is NOT sent back.
fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    (status, Html(page(title, &format!(r#"<div class="err" role="alert"><p>{}</p></div>"#, esc(detail)))))
        .into_response()
}

/// Checks an authorize request; on success, the client's name.
fn check_authorize(org: &Org, q: &HashMap<String, String>) -> Result<String, Response> {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let client = org.client(get("client_id")).ok_or_else(|| {
        error_page(
            StatusCode::BAD_REQUEST,
            "Unknown client",
            &format!("There is no OAuth client with id \"{}\" in this org.", get("client_id")),
        )
    })?;
    if !client.redirect_uris.iter().any(|u| u == get("redirect_uri")) {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "Redirect URI not registered",
            &format!(
                "The redirect URI \"{}\" is not registered for the client \"{}\". It must match a registered URI exactly, query string included.",
                get("redirect_uri"),
                client.name
            ),
        ));
    }
    let wanted = match get("response_type") {
        "token" => "TOKEN",
        "code" => "CODE",
        other => {
            return Err(error_page(
                StatusCode::BAD_REQUEST,
                "Unsupported response type",
                &format!("response_type \"{other}\" is not supported: use token (implicit) or code."),
            ))
        }
    };
    if client.grant != wanted {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "Wrong grant type for this client",
            &format!(
                "The client \"{}\" has the grant type {}, which does not allow response_type={}.",
                client.name,
                client.grant,
                get("response_type")
            ),
        ));
    }
    if client.state != "active" {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "Client not active",
            &format!("The client \"{}\" is {} and cannot sign anyone in.", client.name, client.state),
        ));
    }
    Ok(client.name.clone())
}

const FORWARDED: [&str; 9] = [
    "client_id",
    "redirect_uri",
    "response_type",
    "state",
    "code_challenge",
    "code_challenge_method",
    "org",
    "provider",
    "login_hint",
];

async fn authorize_page(State(sb): State<Sandbox>, Query(q): Query<HashMap<String, String>>) -> Response {
    let org = sb.lock();
    let client_name = match check_authorize(&org, &q) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let hidden: String = FORWARDED
        .iter()
        .filter_map(|k| q.get(*k).map(|v| format!(r#"<input type="hidden" name="{k}" value="{}">"#, esc(v))))
        .collect();
    let hint = q.get("login_hint").map(String::as_str).unwrap_or("");
    let users: String = org
        .users
        .iter()
        .map(|u| {
            let mark = if u.email == hint { " (suggested)" } else { "" };
            format!(
                r#"<button type="submit" name="user_id" value="{}">Sign in as {}{mark}</button>"#,
                esc(&u.id),
                esc(&u.name)
            )
        })
        .collect();
    let body = format!(
        r#"<p><strong>{}</strong> asks to sign you in to {}.</p><form method="post" action="/oauth/authorize">{hidden}{users}
<button type="submit" name="deny" value="1" class="deny">Deny</button></form>"#,
        esc(&client_name),
        esc(org_name())
    );
    Html(page("Sign in", &body)).into_response()
}

fn with_params(base: &str, sep: char, params: &[(&str, &str)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        ser.append_pair(k, v);
    }
    let q = ser.finish();
    if sep == '?' && base.contains('?') {
        format!("{base}&{q}")
    } else {
        format!("{base}{sep}{q}")
    }
}

async fn authorize_decision(State(sb): State<Sandbox>, Form(f): Form<HashMap<String, String>>) -> Response {
    let mut org = sb.lock();
    if let Err(resp) = check_authorize(&org, &f) {
        return resp;
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let (redirect, state, implicit) = (get("redirect_uri"), get("state"), get("response_type") == "token");
    let sep = if implicit { '#' } else { '?' };
    let mut out: Vec<(&str, String)> = Vec::new();
    let user = f.get("user_id").and_then(|id| org.user(id)).map(|u| u.id.clone());
    match (f.contains_key("deny"), user) {
        (false, Some(user_id)) if implicit => {
            authorizations::record_sign_in(&mut org, &get("client_id"));
            let (token, validity) = org.issue_token(&get("client_id"), Some(user_id));
            out.push(("access_token", token));
            out.push(("expires_in", validity.to_string()));
            out.push(("token_type", "bearer".into()));
        }
        (false, Some(user_id)) => {
            let challenge = get("code_challenge");
            if challenge.is_empty() || get("code_challenge_method") != "S256" {
                out.push(("error", "invalid_request".into()));
                out.push((
                    "error_description",
                    "PKCE is required: send code_challenge with code_challenge_method=S256.".into(),
                ));
            } else {
                authorizations::record_sign_in(&mut org, &get("client_id"));
                let code = random_string(40);
                org.codes.insert(
                    code.clone(),
                    Code {
                        client_id: get("client_id"),
                        redirect_uri: redirect.clone(),
                        challenge,
                        user_id,
                        expires_at: SystemTime::now() + Duration::from_secs(120),
                    },
                );
                out.push(("code", code));
            }
        }
        _ => {
            out.push(("error", "access_denied".into()));
            out.push(("error_description", "The user denied the request.".into()));
        }
    }
    if !state.is_empty() {
        out.push(("state", state));
    }
    let params: Vec<(&str, &str)> = out.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if implicit {
        return Redirect::to(&format!("{redirect}#{}", vendor_fragment(&params))).into_response();
    }
    Redirect::to(&with_params(&redirect, sep, &params)).into_response()
}

/// An implicit response's fragment as the vendor's login service writes it: each value
/// form-encoded (spaces as `+`), then its `%` encoded once more.
fn vendor_fragment(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>().replace('%', "%25")
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(json!({"error": error, "description": description, "error_description": description})))
        .into_response()
}

async fn token(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let mut org = sb.lock();
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match get("grant_type").as_str() {
        "authorization_code" => {
            let Some(code) = org.codes.remove(&get("code")) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code is unknown or was already used.",
                );
            };
            if SystemTime::now() >= code.expires_at {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code has expired.",
                );
            }
            if code.client_id != get("client_id") || code.redirect_uri != get("redirect_uri") {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "client_id or redirect_uri differ from the authorization request.",
                );
            }
            let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(get("code_verifier").as_bytes()));
            if computed != code.challenge {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The code_verifier does not match the code_challenge.",
                );
            }
            let (token, validity) = org.issue_token(&code.client_id, Some(code.user_id));
            Json(json!({"access_token": token, "token_type": "bearer", "expires_in": validity}))
                .into_response()
        }
        "client_credentials" => {
            let creds = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Basic "))
                .and_then(|b| STANDARD.decode(b.trim()).ok())
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| s.split_once(':').map(|(a, b)| (a.to_string(), b.to_string())));
            let Some((id, secret)) = creds else {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "Send the client id and secret with HTTP Basic authentication.",
                );
            };
            let ok = org.client(&id).is_some_and(|c| c.secret == secret);
            if !ok {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "Invalid client id or secret.",
                );
            }
            let client = org.client(&id).cloned().unwrap_or_else(|| unreachable!());
            if client.grant != "CLIENT-CREDENTIALS" {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "unauthorized_client",
                    "This client is not a Client Credentials client.",
                );
            }
            if client.state != "active" {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "unauthorized_client",
                    "This client is not active.",
                );
            }
            let (token, validity) = org.issue_token(&id, None);
            Json(json!({"access_token": token, "token_type": "bearer", "expires_in": validity}))
                .into_response()
        }
        other => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("grant_type \"{other}\" is not supported."),
        ),
    }
}

async fn logout(State(sb): State<Sandbox>, Query(q): Query<HashMap<String, String>>) -> Response {
    let org = sb.lock();
    let redirect = q.get("redirect_uri").cloned().unwrap_or_default();
    let registered =
        q.get("client_id").and_then(|id| org.client(id)).is_some_and(|c| c.redirect_uris.contains(&redirect));
    if registered {
        Redirect::to(&redirect).into_response()
    } else {
        Html(page("Signed out", "<p>You are signed out of the sandbox org.</p>")).into_response()
    }
}

// ---------------------------------------------------------------------------------------------
// Platform API.

async fn tokens_me(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut org = sb.lock();
    let preserve = q.get("preserveIdleTTL").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let t = match authenticate(&mut org, &headers, !preserve) {
        Ok((_, t)) => t,
        Err(resp) => return resp,
    };
    let Some(client) = org.client(&t.client_id).cloned() else {
        return unauthorized("The OAuth client of this token no longer exists.");
    };
    let scope = if client.grant == "CLIENT-CREDENTIALS" { vec![] } else { client.scope.clone() };
    let claimed = sb.faults.lock().unwrap_or_else(|p| p.into_inner()).tokens_me_client.clone();
    let mut body = json!({
        "organization": org.org_json(),
        "homeOrganization": org.org_json(),
        "authorizedScope": scope,
        "OAuthClient": {
            "id": claimed.unwrap_or_else(|| client.id.clone()),
            "name": client.name,
            "authorizedGrantType": client.grant,
            "scope": client.scope,
            "roleDivisions": client.role_divisions.iter().map(|(r, d)| json!({"roleId": r, "divisionId": d})).collect::<Vec<_>>(),
            "state": client.state,
            "dateCreated": iso(client.created),
            "createdBy": org.named(&client.created_by),
            "organization": org.org_json(),
        },
    });
    if let Some(idle) = org.settings.idle_timeout_of(&t.client_id) {
        body["dateTokenIdles"] = json!(iso(t.last_active + Duration::from_secs(idle)));
    }
    Json(body).into_response()
}

async fn revoke_token(State(sb): State<Sandbox>, headers: HeaderMap) -> Response {
    let mut org = sb.lock();
    match authenticate(&mut org, &headers, true) {
        Ok((raw, _)) => {
            org.tokens.remove(&raw);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(resp) => resp,
    }
}

async fn users_me(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut org = sb.lock();
    let t = match authenticate(&mut org, &headers, true) {
        Ok((_, t)) => t,
        Err(resp) => return resp,
    };
    let Some(user) = t.user_id.as_deref().and_then(|id| org.user(id)).cloned() else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            "This request requires a user context. Client credentials cannot be used for requests to this resource.",
        );
    };
    let expand = q.get("expand").is_some_and(|e| e.split(',').any(|x| x.trim() == "authorization"));
    Json(org.user_json(&user, expand)).into_response()
}

// ---------------------------------------------------------------------------------------------
// Control endpoints for tests.

async fn reset(State(sb): State<Sandbox>) -> Response {
    *sb.lock() = Org::seeded(sb.initial.clone());
    *sb.faults.lock().unwrap_or_else(|p| p.into_inner()) = Faults::default();
    StatusCode::NO_CONTENT.into_response()
}

/// `{"count": n}`: n more clients (at most 100,000), as a large org holds them; `{"scenario":
/// "implicit"}`: the implicit estate of [`estate`]. Until the next reset.
async fn seed(State(sb): State<Sandbox>, Json(body): Json<Value>) -> Response {
    let n = body["count"].as_u64().unwrap_or(0).min(100_000) as usize;
    let mut org = sb.lock();
    match body["scenario"].as_str() {
        None => {}
        Some("implicit") if org.client(estate::IN_USE).is_none() => org.seed_implicit_estate(),
        Some("implicit") => {}
        Some(other) => {
            return api_error(StatusCode::BAD_REQUEST, "bad.request", &format!("unknown scenario {other}"))
        }
    }
    org.seed_bulk(n);
    Json(json!({"clients": org.clients.len()})).into_response()
}

/// `{"implicitPolicy": "open" | "retired", "idleTimeoutSeconds": n | null,
/// "clientIdleTimeouts": {"<client id>": n | null}, "usageRunningPolls": n}`; until the next
/// reset.
async fn settings(State(sb): State<Sandbox>, Json(body): Json<Value>) -> Response {
    let mut org = sb.lock();
    match body["implicitPolicy"].as_str() {
        Some("open") => org.settings.implicit_policy = org::ImplicitPolicy::Open,
        Some("retired") => org.settings.implicit_policy = org::ImplicitPolicy::Retired,
        Some(other) => {
            return api_error(
                StatusCode::BAD_REQUEST,
                "bad.request",
                &format!("unknown implicitPolicy {other}"),
            )
        }
        None => {}
    }
    if let Some(n) = body["usageRunningPolls"].as_u64() {
        org.settings.usage_running_polls = n.min(u32::MAX as u64) as u32;
    }
    if let Some(v) = body.get("idleTimeoutSeconds") {
        org.settings.idle_timeout_s = v.as_u64();
    }
    // `{"clientIdleTimeouts": {"<client id>": seconds | null}}`: one client's idle timeout.
    if let Some(per_client) = body.get("clientIdleTimeouts").and_then(Value::as_object) {
        for (id, v) in per_client {
            match v.as_u64() {
                Some(s) => org.settings.client_idle_timeout_s.insert(id.clone(), s),
                None => org.settings.client_idle_timeout_s.remove(id),
            };
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn expire_tokens(State(sb): State<Sandbox>) -> Response {
    let mut org = sb.lock();
    let past = SystemTime::now() - Duration::from_secs(1);
    let n = org.tokens.len();
    org.tokens.values_mut().for_each(|t| t.expires_at = past);
    Json(json!({"expired": n})).into_response()
}

async fn dump(State(sb): State<Sandbox>) -> Json<Value> {
    let org = sb.lock();
    Json(json!({
        // As the API lists them, read past any injected fault.
        "clients": org.clients.iter().map(|c| org.client_json(c, false)).collect::<Vec<_>>(),
        "tokens": org.tokens.len(),
        "codes": org.codes.len(),
        "implicitPolicy": format!("{:?}", org.settings.implicit_policy).to_lowercase(),
    }))
}
