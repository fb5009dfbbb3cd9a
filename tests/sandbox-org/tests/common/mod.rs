//! Helpers shared by the sandbox org's HTTP tests: a server on an ephemeral port and a client.
#![allow(dead_code)]

use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use sandbox_org::org::CONSOLE_IMPLICIT_ID;
use sandbox_org::{Sandbox, SandboxSettings};
use serde_json::Value;

pub const ANA: &str = "a11ce000-0000-4000-8000-000000000001";
pub const DEV: &str = "a11ce000-0000-4000-8000-000000000002";
pub const SAM: &str = "a11ce000-0000-4000-8000-000000000003";
pub const APP: &str = "http://127.0.0.1:8080/";

pub struct Org {
    pub base: String,
    pub http: Client,
    pub sandbox: Sandbox,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn start_with(settings: SandboxSettings) -> Org {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = Sandbox::new(settings);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let sb = sandbox.clone();
    tokio::spawn(async move {
        sandbox_org::serve(listener, sb, async {
            let _ = rx.await;
        })
        .await
        .unwrap()
    });
    let http = Client::builder().redirect(Policy::none()).build().unwrap();
    Org { base, http, sandbox, _stop: tx }
}

pub async fn start() -> Org {
    start_with(SandboxSettings::default()).await
}

pub fn params_of(s: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(s.as_bytes()).into_owned().collect()
}

pub fn param(p: &[(String, String)], k: &str) -> Option<String> {
    p.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone())
}

impl Org {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Approves (as the first seeded user) or denies an authorize request; returns Location.
    pub async fn decide(&self, form: &[(&str, &str)], approve: bool) -> reqwest::Response {
        let mut f: Vec<(&str, &str)> = form.to_vec();
        if approve {
            f.push(("user_id", "a11ce000-0000-4000-8000-000000000001"));
        } else {
            f.push(("deny", "1"));
        }
        self.http.post(self.url("/oauth/authorize")).form(&f).send().await.unwrap()
    }

    pub async fn implicit_token(&self) -> String {
        self.token_for(ANA).await
    }

    /// A token of the console's implicit client, signed in as this user.
    pub async fn token_for(&self, user_id: &str) -> String {
        let form = [
            ("client_id", CONSOLE_IMPLICIT_ID),
            ("redirect_uri", APP),
            ("response_type", "token"),
            ("state", "s 1%"),
            ("user_id", user_id),
        ];
        let r = self.http.post(self.url("/oauth/authorize")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        let frag = loc.split_once('#').unwrap().1;
        param(&params_of(frag), "access_token").unwrap()
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let r = self.http.request(method, self.url(path)).bearer_auth(token).json(body).send().await.unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// POST /api/v2/oauth/clients with this body.
    pub async fn create_client(&self, token: &str, body: &Value) -> (StatusCode, Value) {
        self.send_json(reqwest::Method::POST, "/api/v2/oauth/clients", token, body).await
    }

    /// DELETE /api/v2/oauth/clients/{id}: the answer's status.
    pub async fn delete_client(&self, token: &str, id: &str) -> StatusCode {
        let path = format!("/api/v2/oauth/clients/{id}");
        self.http.delete(self.url(&path)).bearer_auth(token).send().await.unwrap().status()
    }

    /// Renames a role (PUT /api/v2/authorization/roles/{id}).
    pub async fn rename_role(&self, token: &str, id: &str, name: &str) -> (StatusCode, Value) {
        let path = format!("/api/v2/authorization/roles/{id}");
        self.send_json(reqwest::Method::PUT, &path, token, &serde_json::json!({ "name": name })).await
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let r = self.http.get(self.url(path)).bearer_auth(token).send().await.unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }
}

pub fn urlenc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
