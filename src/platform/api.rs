//! One typed async function per endpoint. The token is always an argument and always travels
//! in the `Authorization` header, never in a URL.

use super::error::ApiError;
use super::model::{
    Division, ErrorBody, Listing, OAuthClient, OAuthClientListing, OAuthClientRequest, OAuthScope, Role,
    TokenInfo, TokenResponse, UserMe,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

/// How many times a 429 is retried, honouring `Retry-After` (capped at [`MAX_RETRY_WAIT_S`]).
pub const MAX_429_RETRIES: u32 = 3;
pub const MAX_RETRY_WAIT_S: u64 = 30;

/// The seconds to wait before retry `attempt` (0-based) of a 429 answer.
pub fn retry_wait_s(retry_after: Option<u64>, attempt: u32) -> u64 {
    retry_after.unwrap_or(1u64 << attempt.min(5)).clamp(1, MAX_RETRY_WAIT_S)
}

async fn sleep_s(secs: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, (secs * 1000) as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Sends the request built by `build`, retrying 429s; any non-2xx becomes [`ApiError::Http`].
/// (`build` is a trait object: one copy of this retry loop serves every endpoint.)
async fn send(url: &str, build: &dyn Fn() -> Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let mut attempt = 0;
    loop {
        let req = build().map_err(|e| ApiError::Decode { url: url.into(), detail: e.to_string() })?;
        let resp = req.send().await.map_err(|_| ApiError::Network { url: url.into() })?;
        if resp.ok() {
            return Ok(resp);
        }
        let err = http_error(resp).await;
        match &err {
            ApiError::Http { status: 429, retry_after, .. } if attempt < MAX_429_RETRIES => {
                sleep_s(retry_wait_s(*retry_after, attempt)).await;
                attempt += 1;
            }
            _ => return Err(err),
        }
    }
}

async fn http_error(resp: Response) -> ApiError {
    let headers = resp.headers();
    let correlation_id = headers.get("ININ-Correlation-Id");
    let retry_after = headers.get("Retry-After").and_then(|v| v.trim().parse().ok());
    let status = resp.status();
    let body = resp.text().await.ok().and_then(|t| error_body(&t));
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

async fn json<T: DeserializeOwned>(url: &str, resp: Response) -> Result<T, ApiError> {
    let text = resp.text().await.map_err(|_| ApiError::Network { url: url.into() })?;
    serde_json::from_str(&text).map_err(|e| ApiError::Decode { url: url.into(), detail: e.to_string() })
}

fn authed(b: RequestBuilder, token: &str) -> RequestBuilder {
    b.header("Authorization", &bearer(token)).header("Accept", "application/json")
}

/// `GET /api/v2/tokens/me?preserveIdleTTL=true`: the token's org, client and scopes, without
/// resetting the idle timer.
pub async fn tokens_me(api_base: &str, token: &str) -> Result<TokenInfo, ApiError> {
    get(&format!("{api_base}/api/v2/tokens/me?preserveIdleTTL=true"), token).await
}

/// `DELETE /api/v2/tokens/me`: revokes the calling token.
pub async fn revoke_token(api_base: &str, token: &str) -> Result<(), ApiError> {
    let url = format!("{api_base}/api/v2/tokens/me");
    send(&url, &|| authed(Request::delete(&url), token).build()).await.map(|_| ())
}

/// `GET /api/v2/users/me?expand=authorization`.
pub async fn users_me(api_base: &str, token: &str) -> Result<UserMe, ApiError> {
    get(&format!("{api_base}/api/v2/users/me?expand=authorization"), token).await
}

/// `POST login.D/oauth/token` with a form body (the PKCE code exchange).
pub async fn token_exchange(token_url: &str, form_body: &str) -> Result<TokenResponse, ApiError> {
    let resp = send(token_url, &|| {
        Request::post(token_url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(form_body.to_string())
    })
    .await?;
    json(token_url, resp).await
}

async fn get<T: DeserializeOwned>(url: &str, token: &str) -> Result<T, ApiError> {
    let resp = send(url, &|| authed(Request::get(url), token).build()).await?;
    json(url, resp).await
}

fn json_body<B: serde::Serialize>(b: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    b.header("Content-Type", "application/json").body(serde_json::to_string(body)?)
}

/// `GET /api/v2/oauth/clients`: every client, in one listing.
pub async fn list_clients(api_base: &str, token: &str) -> Result<Vec<OAuthClient>, ApiError> {
    let url = format!("{api_base}/api/v2/oauth/clients");
    get::<OAuthClientListing>(&url, token).await.map(|l| l.entities)
}

/// `GET /api/v2/oauth/clients/{id}`.
pub async fn get_client(api_base: &str, token: &str, id: &str) -> Result<OAuthClient, ApiError> {
    get(&format!("{api_base}/api/v2/oauth/clients/{}", path_segment(id)), token).await
}

/// `POST /api/v2/oauth/clients`: the answer carries the new secret.
pub async fn create_client(
    api_base: &str,
    token: &str,
    req: &OAuthClientRequest,
) -> Result<OAuthClient, ApiError> {
    let url = format!("{api_base}/api/v2/oauth/clients");
    let resp = send(&url, &|| json_body(authed(Request::post(&url), token), req)).await?;
    json(&url, resp).await
}

/// `PUT /api/v2/oauth/clients/{id}`: a full replace.
pub async fn update_client(
    api_base: &str,
    token: &str,
    id: &str,
    req: &OAuthClientRequest,
) -> Result<OAuthClient, ApiError> {
    let url = format!("{api_base}/api/v2/oauth/clients/{}", path_segment(id));
    let resp = send(&url, &|| json_body(authed(Request::put(&url), token), req)).await?;
    json(&url, resp).await
}

/// `DELETE /api/v2/oauth/clients/{id}`.
pub async fn delete_client(api_base: &str, token: &str, id: &str) -> Result<(), ApiError> {
    let url = format!("{api_base}/api/v2/oauth/clients/{}", path_segment(id));
    send(&url, &|| authed(Request::delete(&url), token).build()).await.map(|_| ())
}

/// `POST /api/v2/oauth/clients/{id}/secret`: the old secret stops working at once.
pub async fn regenerate_secret(api_base: &str, token: &str, id: &str) -> Result<OAuthClient, ApiError> {
    let url = format!("{api_base}/api/v2/oauth/clients/{}/secret", path_segment(id));
    let resp = send(&url, &|| authed(Request::post(&url), token).build()).await?;
    json(&url, resp).await
}

/// `GET /api/v2/oauth/scopes`.
pub async fn scopes(api_base: &str, token: &str) -> Result<Vec<OAuthScope>, ApiError> {
    let url = format!("{api_base}/api/v2/oauth/scopes");
    get::<Listing<OAuthScope>>(&url, token).await.map(|l| l.entities)
}

/// Every page of a paged listing.
async fn all_pages<T: DeserializeOwned>(api_base: &str, path: &str, token: &str) -> Result<Vec<T>, ApiError> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let url = format!("{api_base}{path}?pageSize=100&pageNumber={page}");
        let listing: Listing<T> = get(&url, token).await?;
        let done = listing.entities.is_empty() || listing.page_count.is_none_or(|c| page >= c);
        out.extend(listing.entities);
        if done {
            break;
        }
    }
    Ok(out)
}

/// A bound on paging, so a broken listing cannot loop forever.
pub const MAX_PAGES: u32 = 100;

/// `GET /api/v2/authorization/roles`, every page.
pub async fn roles(api_base: &str, token: &str) -> Result<Vec<Role>, ApiError> {
    all_pages(api_base, "/api/v2/authorization/roles", token).await
}

/// `POST /api/v2/authorization/roles/default`: restores the default roles.
pub async fn restore_default_roles(api_base: &str, token: &str) -> Result<(), ApiError> {
    let url = format!("{api_base}/api/v2/authorization/roles/default");
    send(&url, &|| authed(Request::post(&url), token).build()).await.map(|_| ())
}

/// `GET /api/v2/authorization/divisions`, every page.
pub async fn divisions(api_base: &str, token: &str) -> Result<Vec<Division>, ApiError> {
    all_pages(api_base, "/api/v2/authorization/divisions", token).await
}

/// `GET /api/v2/authorization/divisions/home`.
pub async fn home_division(api_base: &str, token: &str) -> Result<Division, ApiError> {
    get(&format!("{api_base}/api/v2/authorization/divisions/home"), token).await
}

/// An id as one path segment (ids are UUIDs; anything else is escaped).
fn path_segment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
}

/// Is anything answering at this URL? (Used to tell "the sandbox org is not running".)
pub async fn probe(url: &str) -> Result<(), ApiError> {
    Request::get(url).send().await.map(|_| ()).map_err(|_| ApiError::Network { url: url.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_waits() {
        assert_eq!(retry_wait_s(Some(5), 0), 5);
        assert_eq!(retry_wait_s(Some(0), 0), 1);
        assert_eq!(retry_wait_s(Some(600), 0), MAX_RETRY_WAIT_S);
        assert_eq!(retry_wait_s(None, 0), 1);
        assert_eq!(retry_wait_s(None, 2), 4);
        assert_eq!(bearer("t"), "Bearer t");
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(
            path_segment("5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01"),
            "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01"
        );
        assert_eq!(path_segment("../x?y"), "%2E%2E%2Fx%3Fy");
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
