//! One typed async method per endpoint on [`Api`]. The token travels only in the
//! `Authorization` header, never in a URL. An `Api` may carry an abort signal (its caller decides
//! which requests are cancelled: reads whose view went away, never writes).

use super::body;
use super::error::ApiError;
use super::model::{
    Division, ErrorBody, Listing, OAuthAuthorization, OAuthClient, OAuthClientListing, OAuthClientRequest,
    OAuthScope, Role, TokenInfo, TokenResponse, UserMe,
};
use super::retry::{self, offline, retry_plan, sleep_ms, tell_wait, Retry, Tries, WaitReason, WaitShown};
use super::usage_model::{ApiUsageQueryResult, UsageExecutionResult};
use crate::env::Environment;
use crate::secret::Secret;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Builds a request for `send`, with the abort signal to attach.
type Build<'a> = &'a dyn Fn(Option<&web_sys::AbortSignal>) -> Result<Request, gloo_net::Error>;

/// Sends the request built by `build`, sending it again as [`retry_plan`] allows; any non-2xx
/// becomes [`ApiError::Http`]. Offline, nothing is sent. Without `retry_429`, a 429 comes back
/// at once (a pacer waits for every request at once). (`build` is a trait object: one copy of
/// this loop serves every endpoint.)
async fn send(
    url: &str,
    retry: Retry,
    retry_429: bool,
    abort: Option<&web_sys::AbortSignal>,
    build: Build<'_>,
) -> Result<Response, ApiError> {
    let serial = retry::next_serial();
    // However this ends (an answer, an error, or the request dropped mid-wait), its wait goes.
    let _shown = WaitShown(serial);
    let mut tries = Tries::default();
    loop {
        // Offline before sending: nothing was sent. (A request that fails once sent is a lost
        // answer, whatever the connection says now: it may have been processed.)
        if offline() {
            return Err(ApiError::Offline);
        }
        let req = build(abort).map_err(|e| ApiError::Decode { url: url.into(), detail: e.to_string() })?;
        let err = match req.send().await {
            Ok(resp) if resp.ok() => return Ok(resp),
            Ok(resp) => http_error(resp).await,
            Err(_) => ApiError::Network { url: url.into() },
        };
        let limited = matches!(err, ApiError::Http { status: 429, .. });
        if abort.is_some_and(|a| a.aborted()) || (limited && !retry_429) {
            return Err(err);
        }
        let Some(wait) = retry_plan(retry, &err, tries) else { return Err(err) };
        match wait.reason {
            WaitReason::RateLimited => tries.limited += 1,
            _ => tries.faults += 1,
        }
        let ms = wait.ms;
        tell_wait(serial, Some(wait));
        sleep_ms(ms).await;
        tell_wait(serial, None);
    }
}

async fn http_error(resp: Response) -> ApiError {
    let headers = resp.headers();
    let correlation_id = headers.get("ININ-Correlation-Id");
    let retry_after = headers.get("Retry-After").and_then(|v| v.trim().parse().ok());
    let status = resp.status();
    let text = body::read(&resp, body::MAX_ERROR_BYTES).await.ok().and_then(Result::ok);
    let body = text.and_then(|t| error_body(&t));
    ApiError::Http { status, body, correlation_id, retry_after }
}

/// The API's ErrorBody; the login host's OAuth errors (`{error, error_description}`) are
/// read into the same shape.
pub fn error_body(text: &str) -> Option<ErrorBody> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut body: ErrorBody = serde_json::from_value(v.clone()).ok()?;
    if body.message.is_none() {
        let oauth = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        body.message = oauth("error_description").or_else(|| oauth("description"));
        body.code = body.code.or_else(|| oauth("error"));
    }
    Some(body)
}

/// The answer's text, read as a stream of at most `cap` bytes.
async fn text(url: &str, resp: &Response, cap: usize) -> Result<String, ApiError> {
    match body::read(resp, cap).await {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(too)) => Err(ApiError::TooLarge { url: url.into(), cap: too.cap }),
        Err(()) => Err(ApiError::Network { url: url.into() }),
    }
}

/// The answer as JSON, read with the cap of an ordinary answer.
async fn json<T: DeserializeOwned>(url: &str, resp: Response) -> Result<T, ApiError> {
    json_capped(url, resp, body::MAX_BODY_BYTES).await
}

async fn json_capped<T: DeserializeOwned>(url: &str, resp: Response, cap: usize) -> Result<T, ApiError> {
    let text = text(url, &resp, cap).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::Decode { url: url.into(), detail: e.to_string() })
}

/// The Platform API of one environment, called with one token (like an "authorized API"
/// handle): pages hold an `Api`, never a base URL and a token apart.
#[derive(Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
    token: Secret,
    /// Aborts this handle's requests (a read whose view went away).
    abort: Option<web_sys::AbortSignal>,
    /// A 429 comes back to the caller at once instead of being waited out here.
    paced: bool,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").field("base", &self.base).finish_non_exhaustive()
    }
}

impl Api {
    pub fn new(env: &Environment, token: &Secret) -> Api {
        Api { base: env.api_base(), token: token.clone(), abort: None, paced: false }
    }

    /// The same handle, its requests aborted when `signal` is.
    pub fn aborted_by(self, signal: web_sys::AbortSignal) -> Api {
        Api { abort: Some(signal), ..self }
    }

    /// The same handle for a pacer: a 429 comes back at once, with its `Retry-After`, so the
    /// pacer holds every request, not only the one that was refused.
    pub fn paced(self) -> Api {
        Api { paced: true, ..self }
    }

    /// The same handle, waiting out 429s itself again.
    pub fn unpaced(self) -> Api {
        Api { paced: false, ..self }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authed(&self, b: RequestBuilder, abort: Option<&web_sys::AbortSignal>) -> RequestBuilder {
        b.header("Authorization", &bearer(self.token.expose()))
            .header("Accept", "application/json")
            .abort_signal(abort)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.call(Method::Get, path).await
    }

    /// A request without a body; `T` is read from the answer (a listing may be larger).
    async fn call<T: DeserializeOwned>(&self, method: Method, path: &str) -> Result<T, ApiError> {
        let url = self.url(path);
        let resp = send(&url, method.retry(), !self.paced, self.abort.as_ref(), &|a| {
            self.authed(method.builder(&url), a).build()
        })
        .await?;
        json_capped(&url, resp, body::cap_for(path)).await
    }

    /// A request without a body and an answer that is not read.
    async fn act(&self, method: Method, path: &str) -> Result<(), ApiError> {
        let url = self.url(path);
        send(&url, method.retry(), !self.paced, self.abort.as_ref(), &|a| {
            self.authed(method.builder(&url), a).build()
        })
        .await
        .map(|_| ())
    }

    async fn with_body<B: serde::Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let url = self.url(path);
        let resp = send(&url, method.retry(), !self.paced, self.abort.as_ref(), &|a| {
            self.authed(method.builder(&url), a)
                .header("Content-Type", "application/json")
                .body(serde_json::to_string(body)?)
        })
        .await?;
        json(&url, resp).await
    }

    /// `GET /api/v2/tokens/me?preserveIdleTTL=true`: the token's org, client and scopes, without
    /// resetting the idle timer.
    pub async fn tokens_me(&self) -> Result<TokenInfo, ApiError> {
        self.get("/api/v2/tokens/me?preserveIdleTTL=true").await
    }

    /// `DELETE /api/v2/tokens/me`: revokes the calling token.
    pub async fn revoke_token(&self) -> Result<(), ApiError> {
        self.act(Method::Delete, "/api/v2/tokens/me").await
    }

    /// `GET /api/v2/users/me?expand=authorization`.
    pub async fn users_me(&self) -> Result<UserMe, ApiError> {
        self.get("/api/v2/users/me?expand=authorization").await
    }

    /// `GET /api/v2/oauth/clients`: every client, in one listing.
    pub async fn list_clients(&self) -> Result<Vec<OAuthClient>, ApiError> {
        self.get::<OAuthClientListing>("/api/v2/oauth/clients").await.map(|l| l.entities)
    }

    /// `GET /api/v2/oauth/clients/{id}`.
    pub async fn get_client(&self, id: &str) -> Result<OAuthClient, ApiError> {
        self.get(&client_path(id, "")).await
    }

    /// `POST /api/v2/oauth/clients`: the answer carries the new secret.
    pub async fn create_client(&self, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError> {
        self.with_body(Method::Post, "/api/v2/oauth/clients", req).await
    }

    /// `PUT /api/v2/oauth/clients/{id}`: a full replace.
    pub async fn update_client(&self, id: &str, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError> {
        self.with_body(Method::Put, &client_path(id, ""), req).await
    }

    /// `DELETE /api/v2/oauth/clients/{id}`.
    pub async fn delete_client(&self, id: &str) -> Result<(), ApiError> {
        self.act(Method::Delete, &client_path(id, "")).await
    }

    /// `POST /api/v2/oauth/clients/{id}/secret`: the old secret stops working at once.
    pub async fn regenerate_secret(&self, id: &str) -> Result<OAuthClient, ApiError> {
        self.call(Method::Post, &client_path(id, "/secret")).await
    }

    /// `GET /api/v2/oauth/clients/{id}/usage/summary?days=N`: starts a usage query.
    pub async fn usage_summary(&self, id: &str, days: u32) -> Result<UsageExecutionResult, ApiError> {
        self.get(&client_path(id, &format!("/usage/summary?days={days}"))).await
    }

    /// `GET /api/v2/oauth/clients/{id}/usage/query/results/{executionId}`.
    pub async fn usage_results(&self, id: &str, execution_id: &str) -> Result<ApiUsageQueryResult, ApiError> {
        let rest = format!("/usage/query/results/{}", path_segment(execution_id));
        self.get(&client_path(id, &rest)).await
    }

    /// `GET /api/v2/oauth/authorizations`: the apps authorized in this org, one per client.
    pub async fn authorizations(&self) -> Result<Vec<OAuthAuthorization>, ApiError> {
        self.get::<Listing<OAuthAuthorization>>("/api/v2/oauth/authorizations").await.map(|l| l.entities)
    }

    /// `GET /api/v2/oauth/scopes`.
    pub async fn scopes(&self) -> Result<Vec<OAuthScope>, ApiError> {
        self.get::<Listing<OAuthScope>>("/api/v2/oauth/scopes").await.map(|l| l.entities)
    }

    /// Every page of a paged listing.
    async fn all_pages<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>, ApiError> {
        let mut out = Vec::new();
        for page in 1..=MAX_PAGES {
            let listing: Listing<T> = self.get(&format!("{path}?pageSize=100&pageNumber={page}")).await?;
            let done = listing.entities.is_empty() || listing.page_count.is_none_or(|c| page >= c);
            out.extend(listing.entities);
            if done {
                break;
            }
        }
        Ok(out)
    }

    /// `GET /api/v2/authorization/roles`, every page.
    pub async fn roles(&self) -> Result<Vec<Role>, ApiError> {
        self.all_pages("/api/v2/authorization/roles").await
    }

    /// `POST /api/v2/authorization/roles/default`: restores the default roles.
    pub async fn restore_default_roles(&self) -> Result<(), ApiError> {
        self.act(Method::Post, "/api/v2/authorization/roles/default").await
    }

    /// `GET /api/v2/authorization/divisions`, every page.
    pub async fn divisions(&self) -> Result<Vec<Division>, ApiError> {
        self.all_pages("/api/v2/authorization/divisions").await
    }

    /// `GET /api/v2/authorization/divisions/home`.
    pub async fn home_division(&self) -> Result<Division, ApiError> {
        self.get("/api/v2/authorization/divisions/home").await
    }
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn retry(self) -> Retry {
        match self {
            Method::Get | Method::Put => Retry::Idempotent,
            Method::Post | Method::Delete => Retry::OnlyRateLimit,
        }
    }

    /// The request, with the `Content-Type` the vendor's SDK sends on every POST (with or
    /// without a body).
    fn builder(self, url: &str) -> RequestBuilder {
        match self {
            Method::Get => Request::get(url),
            Method::Post => Request::post(url).header("Content-Type", "application/json"),
            Method::Put => Request::put(url),
            Method::Delete => Request::delete(url),
        }
    }
}

/// `POST login.D/oauth/token` with a form body (the PKCE code exchange; no token yet).
pub async fn token_exchange(token_url: &str, form_body: &str) -> Result<TokenResponse, ApiError> {
    let resp = send(token_url, Retry::OnlyRateLimit, true, None, &|a| {
        Request::post(token_url)
            .abort_signal(a)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(form_body.to_string())
    })
    .await?;
    json(token_url, resp).await
}

/// A bound on paging, so a broken listing cannot loop forever.
pub const MAX_PAGES: u32 = 100;

/// `/api/v2/oauth/clients/{id}{rest}`, the id as one path segment (ids are UUIDs; anything else
/// is escaped).
fn client_path(id: &str, rest: &str) -> String {
    format!("/api/v2/oauth/clients/{}{rest}", path_segment(id))
}

/// A client id as one path segment (escaped as the org's own paths are).
pub fn path_segment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
}

/// Who signed in, as an OpenID Connect userinfo endpoint says (with the token as a Bearer
/// header): any of these may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct UserInfo {
    pub sub: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// `GET` a server's userinfo endpoint with `token` (never in the URL).
pub async fn userinfo(url: &str, token: &str) -> Result<UserInfo, ApiError> {
    let resp = send(url, Retry::Idempotent, true, None, &|a| {
        Request::get(url)
            .abort_signal(a)
            .header("Authorization", &bearer(token))
            .header("Accept", "application/json")
            .build()
    })
    .await?;
    json(url, resp).await
}

/// `GET url`, no credentials and no token: the answer's status and text (a server's published
/// metadata), read as a stream of at most [`body::MAX_BODY_BYTES`].
pub async fn get_text(url: &str) -> Result<(u16, String), ApiError> {
    let resp = Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Network { url: url.into() })?;
    Ok((resp.status(), text(url, &resp, body::MAX_BODY_BYTES).await?))
}

/// Is anything answering at this URL? (Used to tell "the sandbox org is not running".)
pub async fn probe(url: &str) -> Result<(), ApiError> {
    Request::get(url).send().await.map(|_| ()).map_err(|_| ApiError::Network { url: url.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_in_a_bearer_header() {
        assert_eq!(bearer("t"), "Bearer t");
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(
            path_segment("5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01"),
            "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01"
        );
        assert_eq!(path_segment("../x?y"), "%2E%2E%2Fx%3Fy");
        assert_eq!(client_path("a/b", "/secret"), "/api/v2/oauth/clients/a%2Fb/secret");
    }

    #[test]
    fn error_bodies_of_both_hosts() {
        let api =
            error_body(r#"{"message":"Not allowed","code":"missing.permissions","status":403}"#).unwrap();
        assert_eq!(api.message.as_deref(), Some("Not allowed"));
        let login = error_body(r#"{"error":"invalid_grant","error_description":"Code expired"}"#).unwrap();
        assert_eq!(login.message.as_deref(), Some("Code expired"));
        assert_eq!(login.code.as_deref(), Some("invalid_grant"));
        assert_eq!(error_body("<html>"), None);
    }
}
