//! The sandbox org over real HTTP on an ephemeral port.

mod common;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use common::*;
use reqwest::StatusCode;
use sandbox_org::org::{CONSOLE_IMPLICIT_ID, CONSOLE_PKCE_ID};
use sandbox_org::SandboxSettings;
use serde_json::Value;
use sha2::{Digest, Sha256};

#[tokio::test]
async fn authorize_page_lists_users_and_rejects_bad_requests_without_redirect() {
    let org = start().await;
    let q = |client: &str, uri: &str, rt: &str| {
        format!("/oauth/authorize?client_id={client}&redirect_uri={}&response_type={rt}&state=x", urlenc(uri))
    };
    let ok = org.http.get(org.url(&q(CONSOLE_IMPLICIT_ID, APP, "token"))).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let html = ok.text().await.unwrap();
    assert!(html.contains("Sign in as Ana Admin") && html.contains("Deny"));
    for (client, uri, rt, why) in [
        ("no-such-client", APP, "token", "Unknown client"),
        (CONSOLE_IMPLICIT_ID, "http://127.0.0.1:8080/other", "token", "Redirect URI not registered"),
        (CONSOLE_IMPLICIT_ID, "http://127.0.0.1:8080", "token", "Redirect URI not registered"),
        (CONSOLE_IMPLICIT_ID, APP, "code", "Wrong grant type"),
        (CONSOLE_PKCE_ID, APP, "token", "Wrong grant type"),
        (
            "c0ffee00-0000-4000-8000-000000000008",
            "https://partner.example.com/callback",
            "code",
            "Client not active",
        ),
    ] {
        let r = org.http.get(org.url(&q(client, uri, rt))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{why}");
        assert!(r.headers().get("location").is_none(), "no redirect for {why}");
        assert!(r.text().await.unwrap().contains(why));
    }
    // A deny on an unregistered URI is not redirected either.
    let r = org
        .decide(
            &[
                ("client_id", CONSOLE_IMPLICIT_ID),
                ("redirect_uri", "https://evil.example/"),
                ("response_type", "token"),
            ],
            false,
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn implicit_grant_and_deny() {
    let org = start().await;
    let r = org
        .decide(
            &[
                ("client_id", CONSOLE_IMPLICIT_ID),
                ("redirect_uri", APP),
                ("response_type", "token"),
                ("state", "a b%"),
            ],
            true,
        )
        .await;
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with("http://127.0.0.1:8080/#"), "{loc}");
    let p = params_of(loc.split_once('#').unwrap().1);
    // The vendor's double encoding: form-encoded, then `%` once more.
    assert!(loc.contains("state=a+b%2525&") || loc.ends_with("state=a+b%2525"), "{loc}");
    assert_eq!(param(&p, "state").as_deref(), Some("a b%25"), "one decoding is not enough");
    assert_eq!(param(&p, "expires_in").as_deref(), Some("86400"));
    assert!(param(&p, "access_token").unwrap().len() >= 32);

    let r = org
        .decide(
            &[
                ("client_id", CONSOLE_IMPLICIT_ID),
                ("redirect_uri", APP),
                ("response_type", "token"),
                ("state", "s"),
            ],
            false,
        )
        .await;
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let p = params_of(loc.split_once('#').unwrap().1);
    assert_eq!(param(&p, "error").as_deref(), Some("access_denied"));
    assert_eq!(param(&p, "state").as_deref(), Some("s"));
    assert!(param(&p, "access_token").is_none());
}

#[tokio::test]
async fn pkce_code_exchange_checks_the_verifier_once() {
    let org = start().await;
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let form = [
        ("client_id", CONSOLE_PKCE_ID),
        ("redirect_uri", APP),
        ("response_type", "code"),
        ("state", "st"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let code_for = |loc: String| param(&params_of(loc.split_once('?').unwrap().1), "code").unwrap();
    let exchange = |code: String, v: &'static str| {
        let http = org.http.clone();
        let url = org.url("/oauth/token");
        async move {
            http.post(url)
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", code.as_str()),
                    ("code_verifier", v),
                    ("client_id", CONSOLE_PKCE_ID),
                    ("redirect_uri", APP),
                ])
                .send()
                .await
                .unwrap()
        }
    };

    // A wrong verifier is refused (and burns the code).
    let code = code_for(org.decide(&form, true).await.headers()["location"].to_str().unwrap().into());
    let bad = exchange(code.clone(), "wrong-verifier-wrong-verifier-wrong-verifier-0").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(bad.json::<Value>().await.unwrap()["error"], "invalid_grant");

    let code = code_for(org.decide(&form, true).await.headers()["location"].to_str().unwrap().into());
    let good = exchange(code.clone(), verifier).await;
    assert_eq!(good.status(), StatusCode::OK);
    let body: Value = good.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86400);
    let token = body["access_token"].as_str().unwrap().to_string();
    let (status, me) = org.get_json("/api/v2/users/me?expand=authorization", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["name"], "Ana Admin");
    assert!(me["authorization"]["roles"].as_array().unwrap().iter().any(|r| r["name"] == "SCIM Integration"));

    let replay = exchange(code, verifier).await;
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST, "a code is single use");

    // No challenge: the error goes back to the (registered) redirect URI.
    let no_pkce = org.decide(&form[..4], true).await;
    let loc = no_pkce.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        param(&params_of(loc.split_once('?').unwrap().1), "error").as_deref(),
        Some("invalid_request")
    );
}

#[tokio::test]
async fn client_credentials_with_basic_auth() {
    let org = start().await;
    let (id, secret) = {
        let o = org.sandbox.lock();
        let c = o.client("c0ffee00-0000-4000-8000-000000000005").unwrap();
        (c.id.clone(), c.secret.clone())
    };
    let post = |creds: String| {
        org.http
            .post(org.url("/oauth/token"))
            .header("Authorization", format!("Basic {}", STANDARD.encode(creds)))
            .form(&[("grant_type", "client_credentials")])
            .send()
    };
    assert_eq!(post(format!("{id}:nope")).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let ok: Value = post(format!("{id}:{secret}")).await.unwrap().json().await.unwrap();
    let token = ok["access_token"].as_str().unwrap();
    let (status, info) = org.get_json("/api/v2/tokens/me", token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["OAuthClient"]["authorizedGrantType"], "CLIENT-CREDENTIALS");
    let (status, body) = org.get_json("/api/v2/users/me", token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "client credentials have no user");
    assert_eq!(body["code"], "bad.request");
}

#[tokio::test]
async fn tokens_me_revoke_and_expiry() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (status, info) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["organization"]["name"], "Sandbox Org");
    assert_eq!(info["OAuthClient"]["id"], CONSOLE_IMPLICIT_ID);
    assert!(info["authorizedScope"].as_array().unwrap().iter().any(|s| s == "oauth"));

    let r = org.http.delete(org.url("/api/v2/tokens/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, err) = org.get_json("/api/v2/tokens/me", &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(err["status"], 401);
    assert!(err["message"].is_string() && err["contextId"].is_string());

    let token = org.implicit_token().await;
    let r = org.http.post(org.url("/sandbox/expire-tokens")).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["expired"], 1);
    assert_eq!(org.get_json("/api/v2/users/me", &token).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(org.get_json("/api/v2/users/me", "").await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_expire_after_the_clients_validity() {
    let org = start().await;
    org.sandbox.lock().clients.iter_mut().find(|c| c.id == CONSOLE_IMPLICIT_ID).unwrap().validity_s = 1;
    let token = org.implicit_token().await;
    assert_eq!(org.get_json("/api/v2/tokens/me", &token).await.0, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(org.get_json("/api/v2/tokens/me", &token).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn preserve_idle_ttl_is_honoured() {
    let org = start_with(SandboxSettings { idle_timeout_s: Some(900), ..Default::default() }).await;
    let token = org.implicit_token().await;
    let idles = |v: &Value| v["dateTokenIdles"].as_str().unwrap().to_string();
    let (_, first) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, preserved) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert_eq!(idles(&first), idles(&preserved), "preserveIdleTTL=true must not reset the idle timer");
    let (_, reset) = org.get_json("/api/v2/tokens/me", &token).await;
    assert!(idles(&reset) > idles(&first), "without the flag the idle timer restarts");
    // Any other API call is activity too.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(org.get_json("/api/v2/oauth/clients", &token).await.0, StatusCode::OK);
    let (_, after_admin) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert!(idles(&after_admin) > idles(&reset), "an admin call restarts the idle timer");
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let org = start().await;
    let r = org
        .http
        .request(reqwest::Method::OPTIONS, org.url("/api/v2/tokens/me"))
        .header("Origin", "http://127.0.0.1:8080")
        .header("Access-Control-Request-Method", "DELETE")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "http://127.0.0.1:8080");
    assert!(h["access-control-allow-methods"].to_str().unwrap().contains("DELETE"));
    assert!(h["access-control-allow-headers"].to_str().unwrap().to_lowercase().contains("authorization"));
    let r = org
        .http
        .get(org.url("/api/v2/tokens/me"))
        .header("Origin", "http://localhost:8080")
        .send()
        .await
        .unwrap();
    let expose = r.headers()["access-control-expose-headers"].to_str().unwrap().to_string();
    assert!(expose.contains("Retry-After") && expose.contains("ININ-Correlation-Id"));
    assert!(r.headers().contains_key("inin-correlation-id"));
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_returns_only_to_registered_uris_and_reset_restores_the_seed() {
    let org = start().await;
    let r = org
        .http
        .get(org.url(&format!("/logout?client_id={CONSOLE_PKCE_ID}&redirect_uri={}", urlenc(APP))))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    assert_eq!(r.headers()["location"], APP);
    let r = org
        .http
        .get(org.url(&format!(
            "/logout?client_id={CONSOLE_PKCE_ID}&redirect_uri={}",
            urlenc("https://evil.example/")
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let token = org.implicit_token().await;
    org.sandbox.lock().clients.clear();
    let r = org.http.post(org.url("/sandbox/reset")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        org.get_json("/api/v2/tokens/me", &token).await.0,
        StatusCode::UNAUTHORIZED,
        "reset forgets tokens"
    );
    let state: Value = org.http.get(org.url("/sandbox/state")).send().await.unwrap().json().await.unwrap();
    let grants: Vec<&str> = state["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["authorizedGrantType"].as_str().unwrap())
        .collect();
    for g in ["CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"] {
        assert!(grants.contains(&g), "seed has a {g} client");
    }
}

#[tokio::test]
async fn injected_429s_carry_retry_after_then_stop() {
    let org = start().await;
    let token = org.implicit_token().await;
    let r = org
        .http
        .post(org.url("/sandbox/faults"))
        .json(&serde_json::json!({"tooMany": 2, "retryAfter": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    for _ in 0..2 {
        let r = org.http.get(org.url("/api/v2/tokens/me")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()["retry-after"], "3");
        assert_eq!(r.json::<Value>().await.unwrap()["code"], "too.many.requests");
    }
    assert_eq!(org.get_json("/api/v2/tokens/me", &token).await.0, StatusCode::OK);
}

#[tokio::test]
async fn every_nth_request_answers_429() {
    let org = start().await;
    let token = org.implicit_token().await;
    let r = org
        .http
        .post(org.url("/sandbox/faults"))
        .json(&serde_json::json!({"tooManyEvery": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(org.get_json("/api/v2/tokens/me", &token).await.0.as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429, 200, 200, 200, 429, 200, 200, 200, 429]);
}

#[tokio::test]
async fn control_endpoints_answer_only_the_console() {
    let org = start().await;
    let settings = |origin: Option<&str>| {
        let mut r =
            org.http.post(org.url("/sandbox/settings")).json(&serde_json::json!({"implicitPolicy": "open"}));
        if let Some(o) = origin {
            r = r.header("Origin", o);
        }
        r.send()
    };
    for evil in
        ["https://evil.example", "http://127.0.0.1:8081", "null", "http://127.0.0.1:8080.evil.example"]
    {
        let r = settings(Some(evil)).await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{evil}");
        assert!(r.headers().get("access-control-allow-origin").is_none_or(|v| v != evil), "{evil}");
    }
    let reset = org
        .http
        .post(org.url("/sandbox/reset"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::FORBIDDEN);
    assert!(settings(Some("http://127.0.0.1:8080")).await.unwrap().status().is_success());
    assert!(settings(Some("http://localhost:8080")).await.unwrap().status().is_success());
    assert!(settings(None).await.unwrap().status().is_success(), "tests and curl send no Origin");
    let health = org
        .http
        .get(org.url("/sandbox/health"))
        .header("Origin", "http://127.0.0.1:8080")
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_can_have_its_own_idle_timeout() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (_, plain) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert!(plain.get("dateTokenIdles").is_none(), "no idle timeout by default");
    let set = org
        .http
        .post(org.url("/sandbox/settings"))
        .json(&serde_json::json!({"clientIdleTimeouts": {CONSOLE_IMPLICIT_ID: 1}}))
        .send()
        .await
        .unwrap();
    assert!(set.status().is_success());
    let (_, timed) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert!(timed["dateTokenIdles"].as_str().is_some(), "{timed}");
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let (status, _) = org.get_json("/api/v2/tokens/me?preserveIdleTTL=true", &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "idle for longer than its client allows");
}

#[tokio::test]
async fn chaos_faults_refuse_or_lose_answers_and_only_writes_are_processed_when_lost() {
    let org = start().await;
    let token = org.implicit_token().await;
    let r = org
        .http
        .post(org.url("/sandbox/faults"))
        .json(&serde_json::json!({"serverErrorPercent": 100}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let body = serde_json::json!({"name": "chaos", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 3600,
        "registeredRedirectUri": ["https://a.example.com/cb"], "scope": ["users:readonly"]});
    let mut lost = 0;
    for _ in 0..20 {
        let r = org
            .http
            .post(org.url("/api/v2/oauth/clients"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_server_error(), "{}", r.status());
        lost += usize::from(r.status() == StatusCode::GATEWAY_TIMEOUT);
        let r = org.http.get(org.url("/api/v2/oauth/clients")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "a read is never processed and lost");
    }
    org.http.post(org.url("/sandbox/faults")).json(&serde_json::json!({})).send().await.unwrap();
    let (_, list) = org.get_json("/api/v2/oauth/clients", &token).await;
    let made = list["entities"].as_array().unwrap().iter().filter(|c| c["name"] == "chaos").count();
    assert_eq!(made, lost, "every lost answer (504) was processed, every 503 was not");
    assert!(lost > 0 && lost < 20, "both kinds happen: {lost} of 20");
}

#[tokio::test]
async fn a_401_says_bad_credentials_for_an_unknown_token_and_authentication_required_for_an_expired_one() {
    let org = start().await;
    let (s, err) = org.get_json("/api/v2/users/me", "no-such-token").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!((err["code"].as_str(), err["status"].as_u64()), (Some("bad.credentials"), Some(401)));
    let token = org.implicit_token().await;
    org.http.post(org.url("/sandbox/expire-tokens")).send().await.unwrap();
    let (s, err) = org.get_json("/api/v2/users/me", &token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(err["code"], "authentication.required");
    assert!(err["message"].as_str().unwrap().contains("expired"), "{err}");
}

/// A second org beside the first is reached by the console as custom URLs: its own clients take
/// the console's callback route for that login host.
#[tokio::test]
async fn the_console_comes_back_to_its_callback_route_for_a_second_org() {
    let callback = "http://127.0.0.1:8080/callback/127.0.0.1-8789";
    let settings = SandboxSettings { console_callbacks: vec![callback.into()], ..Default::default() };
    let org = start_with(settings).await;
    let form = [
        ("client_id", sandbox_org::org::CONSOLE_IMPLICIT_ID),
        ("redirect_uri", callback),
        ("response_type", "token"),
        ("state", "s"),
    ];
    let r = org.decide(&form, true).await;
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("{callback}#access_token=")), "{location}");
    // Without it, that route is refused.
    let org = start().await;
    let r = org.decide(&form, true).await;
    assert!(r.headers().get("location").is_none_or(|l| !l.to_str().unwrap().starts_with(callback)));
}
