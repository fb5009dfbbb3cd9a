//! The admin endpoints of the sandbox org over real HTTP: clients, scopes, roles, divisions.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use sandbox_org::{ImplicitPolicy, SandboxSettings};
use serde_json::{json, Value};

const SCIM_ROLE: &str = "b6b1e1a0-0000-4000-8000-000000000005";
const DEV_ROLE: &str = "b6b1e1a0-0000-4000-8000-000000000002";
const SUPERVISOR_ROLE: &str = "b6b1e1a0-0000-4000-8000-000000000003";
const HOME: &str = "d1a2b3c4-0000-4000-8000-000000000001";

fn code_client(name: &str) -> Value {
    json!({
        "name": name, "description": "d", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 3600,
        "registeredRedirectUri": ["https://app.example.com/cb"], "scope": ["users:readonly"], "state": "active"
    })
}

fn fields(body: &Value) -> Vec<String> {
    body["details"].as_array().unwrap().iter().map(|d| d["fieldName"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn create_get_update_regenerate_delete() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (s, created) = org.create_client(&token, &code_client("App")).await;
    assert_eq!(s, StatusCode::OK);
    let id = created["id"].as_str().unwrap().to_string();
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.len() >= 32, "the create response carries the secret");
    assert_eq!(created["createdBy"]["name"], "Ana Admin");

    let (s, got) = org.get_json(&format!("/api/v2/oauth/clients/{id}"), &token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(got.get("secret").is_none(), "no secret outside create and regenerate");
    let (_, list) = org.get_json("/api/v2/oauth/clients", &token).await;
    assert!(list["entities"].as_array().unwrap().iter().all(|c| c.get("secret").is_none()));
    assert!(list["entities"].as_array().unwrap().iter().any(|c| c["id"] == id));

    // PUT replaces: what is not sent is gone.
    let mut body = code_client("App v2");
    body["registeredRedirectUri"] = json!(["https://app.example.com/a", "https://app.example.com/b"]);
    body["description"] = Value::Null;
    let (s, put) = org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &token, &body).await;
    assert_eq!(s, StatusCode::OK, "{put}");
    assert_eq!(put["name"], "App v2");
    assert_eq!(put["registeredRedirectUri"].as_array().unwrap().len(), 2);
    assert_eq!(put["description"], "");

    let (s, regen) =
        org.send_json(Method::POST, &format!("/api/v2/oauth/clients/{id}/secret"), &token, &json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(regen["secret"].as_str().unwrap(), secret);

    // Deleting an active client is refused; inactive first.
    assert_eq!(org.delete_client(&token, &id).await, StatusCode::BAD_REQUEST);
    let mut inactive = body.clone();
    inactive["state"] = json!("inactive");
    inactive["dateToDelete"] = json!("2030-01-01T00:00:00.000Z");
    let (s, _) = org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &token, &inactive).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(org.delete_client(&token, &id).await, StatusCode::NO_CONTENT);
    assert_eq!(org.get_json(&format!("/api/v2/oauth/clients/{id}"), &token).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn validation_names_the_fields() {
    let org = start().await;
    let token = org.implicit_token().await;
    let post = |body: Value| {
        let token = token.clone();
        let org = &org;
        async move { org.create_client(&token, &body).await }
    };
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"authorizedGrantType": "CODE", "registeredRedirectUri": ["https://a/"], "scope": ["oauth"]}),
            "name",
        ),
        (
            {
                let mut b = code_client("x");
                b["accessTokenValiditySeconds"] = json!(299);
                b
            },
            "accessTokenValiditySeconds",
        ),
        (
            {
                let mut b = code_client("x");
                b["accessTokenValiditySeconds"] = json!(172_801);
                b
            },
            "accessTokenValiditySeconds",
        ),
        (
            {
                let mut b = code_client("x");
                b["registeredRedirectUri"] =
                    json!((0..126).map(|i| format!("https://a/{i}")).collect::<Vec<_>>());
                b
            },
            "registeredRedirectUri",
        ),
        (
            json!({"name": "cc", "authorizedGrantType": "CLIENT-CREDENTIALS", "scope": ["oauth"], "accessTokenValiditySeconds": 3600,
                "roleDivisions": [{"roleId": DEV_ROLE, "divisionId": HOME}]}),
            "scope",
        ),
        (
            json!({"name": "cc", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 3600,
                "roleDivisions": [{"roleId": SUPERVISOR_ROLE, "divisionId": HOME}]}),
            "roleDivisions",
        ),
        (
            json!({"name": "cc", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 38_880_000,
                "roleDivisions": [{"roleId": DEV_ROLE, "divisionId": HOME}]}),
            "accessTokenValiditySeconds",
        ),
        (
            {
                let mut b = code_client("x");
                b["registeredRedirectUri"] = json!(["https://a.example.com/cb#frag"]);
                b
            },
            "registeredRedirectUri",
        ),
        (
            {
                let mut b = code_client("x");
                b["registeredRedirectUri"] = json!(["/relative/cb"]);
                b
            },
            "registeredRedirectUri",
        ),
        (
            {
                let mut b = code_client("x");
                b["registeredRedirectUri"] = json!(["javascript:alert(1)"]);
                b
            },
            "registeredRedirectUri",
        ),
        // (A new TOKEN client is refused without `details`, as the vendor does: see
        // implicit_policy_retired_and_open.)
    ];
    for (body, field) in cases {
        let (s, err) = post(body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{field}: {err}");
        assert_eq!(err["status"], 400);
        assert!(fields(&err).contains(&field.to_string()), "{field}: {err}");
    }
    // The boundaries that pass.
    for secs in [300, 172_800] {
        let mut b = code_client("ok");
        b["accessTokenValiditySeconds"] = json!(secs);
        assert_eq!(post(b).await.0, StatusCode::OK, "{secs}");
    }
    // What the vendor accepts: plain http on any host, custom schemes for native apps.
    let mut legacy = code_client("legacy");
    legacy["registeredRedirectUri"] =
        json!(["http://partner.example.com/cb", "com.example.app://cb", "com.example.app:/oauth2redirect"]);
    assert_eq!(post(legacy).await.0, StatusCode::OK);
    let scim = json!({"name": "scim", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 38_880_000,
                      "roleDivisions": [{"roleId": SCIM_ROLE, "divisionId": HOME}]});
    assert_eq!(post(scim).await.0, StatusCode::OK);
    // Nothing half-created by the refusals.
    let (_, list) = org.get_json("/api/v2/oauth/clients", &token).await;
    assert_eq!(list["entities"].as_array().unwrap().len(), 12 + 4);
}

#[tokio::test]
async fn implicit_policy_retired_and_open() {
    let org = start().await;
    let token = org.implicit_token().await;
    let mut body = code_client("EF");
    body["authorizedGrantType"] = json!("TOKEN");
    let (s, err) = org.create_client(&token, &body).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(err["message"].as_str().unwrap().contains("March 2026"));
    assert_eq!(err["code"], "bad.request");
    assert_eq!(err["details"], json!([]), "the vendor names no field for the retirement");
    // An existing implicit client can still be edited.
    let ef = "c0ffee00-0000-4000-8000-000000000003";
    let (_, mut existing) = org.get_json(&format!("/api/v2/oauth/clients/{ef}"), &token).await;
    existing["description"] = json!("edited");
    let (s, _) = org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{ef}"), &token, &existing).await;
    assert_eq!(s, StatusCode::OK);

    let open =
        start_with(SandboxSettings { implicit_policy: ImplicitPolicy::Open, ..Default::default() }).await;
    let token = open.implicit_token().await;
    let (s, created) = open.create_client(&token, &body).await;
    assert_eq!(s, StatusCode::OK, "{created}");
    assert_eq!(created["authorizedGrantType"], "TOKEN");
}

#[tokio::test]
async fn permissions_and_scopes_are_enforced() {
    let org = start().await;
    let sam = org.token_for(SAM).await;
    let (s, err) = org.get_json("/api/v2/oauth/clients", &sam).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(err["code"], "missing.permissions");
    let dev = org.token_for(DEV).await;
    assert_eq!(org.get_json("/api/v2/oauth/clients", &dev).await.0, StatusCode::OK);
}

#[tokio::test]
async fn scopes_roles_divisions_and_default_roles() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (s, scopes) = org.get_json("/api/v2/oauth/scopes", &token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(scopes["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == "oauth" && x["description"].is_string()));
    assert_eq!(scopes["total"], scopes["entities"].as_array().unwrap().len());

    let (_, page1) = org.get_json("/api/v2/authorization/roles?pageSize=2&pageNumber=1", &token).await;
    assert_eq!(page1["entities"].as_array().unwrap().len(), 2);
    assert_eq!(page1["pageCount"], 3);
    assert_eq!(page1["total"], 5);
    assert!(page1["nextUri"].as_str().unwrap().contains("pageNumber=2"));
    let (_, page3) = org.get_json("/api/v2/authorization/roles?pageSize=2&pageNumber=3", &token).await;
    assert_eq!(page3["entities"].as_array().unwrap().len(), 1);
    assert!(page3.get("nextUri").is_none());

    let (_, divs) = org.get_json("/api/v2/authorization/divisions", &token).await;
    assert_eq!(divs["entities"].as_array().unwrap().len(), 3);
    let (_, home) = org.get_json("/api/v2/authorization/divisions/home", &token).await;
    assert_eq!(home["homeDivision"], true);
    assert_eq!(home["id"], HOME);

    let r = org
        .http
        .delete(org.url(&format!("/api/v2/authorization/roles/{SCIM_ROLE}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, roles) = org.get_json("/api/v2/authorization/roles?name=SCIM", &token).await;
    assert_eq!(roles["total"], 0);
    let (s, _) = org.send_json(Method::POST, "/api/v2/authorization/roles/default", &token, &json!({})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, roles) = org.get_json("/api/v2/authorization/roles?name=SCIM", &token).await;
    assert_eq!(roles["entities"][0]["name"], "SCIM Integration");
}

#[tokio::test]
async fn disabled_clients_tokens_stop_working() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (s, cc) = org
        .create_client(
            &token,
            &json!({"name": "svc", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 3600,
                    "roleDivisions": [{"roleId": DEV_ROLE, "divisionId": "*"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (id, secret) = (cc["id"].as_str().unwrap().to_string(), cc["secret"].as_str().unwrap().to_string());
    let tok: Value = org
        .http
        .post(org.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let svc = tok["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        org.get_json("/api/v2/oauth/clients", &svc).await.0,
        StatusCode::OK,
        "roles give the permission"
    );
    let mut body = cc.clone();
    body["state"] = json!("disabled");
    assert_eq!(
        org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &token, &body).await.0,
        StatusCode::OK
    );
    assert_eq!(org.get_json("/api/v2/oauth/clients", &svc).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn settings_change_until_reset() {
    let org = start().await;
    let token = org.implicit_token().await;
    let mut body = code_client("EF");
    body["authorizedGrantType"] = json!("TOKEN");
    let r = org
        .http
        .post(org.url("/sandbox/settings"))
        .json(&json!({"implicitPolicy": "open"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(org.create_client(&token, &body).await.0, StatusCode::OK);
    org.http.post(org.url("/sandbox/reset")).send().await.unwrap();
    let token = org.implicit_token().await;
    assert_eq!(org.create_client(&token, &body).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_renamed_scim_role_keeps_its_identity_and_allowance() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (s, role) = org.rename_role(&token, SCIM_ROLE, "Provisioning").await;
    assert_eq!(s, StatusCode::OK, "{role}");
    assert_eq!(role["name"], "Provisioning");
    assert_eq!(role["defaultRoleId"], "scim_integration");
    let scim = json!({"name": "scim", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 38_880_000,
                      "roleDivisions": [{"roleId": SCIM_ROLE, "divisionId": HOME}]});
    let (s, body) = org.create_client(&token, &scim).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    // A role merely named like it is not the SCIM role.
    let (s, _) = org.rename_role(&token, DEV_ROLE, "SCIM Integration").await;
    assert_eq!(s, StatusCode::OK);
    let dev = json!({"name": "dev", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 38_880_000,
                      "roleDivisions": [{"roleId": DEV_ROLE, "divisionId": HOME}]});
    assert_eq!(org.create_client(&token, &dev).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn delete_by_age_grace_period_and_restore() {
    let org = start().await;
    let token = org.token_for(ANA).await;
    let delete = |id: String| {
        let org = &org;
        let token = token.clone();
        async move { org.delete_client(&token, &id).await }
    };
    let make_inactive = |id: String| {
        let org = &org;
        let token = token.clone();
        async move {
            let (_, mut c) = org.get_json(&format!("/api/v2/oauth/clients/{id}"), &token).await;
            c["state"] = json!("inactive");
            org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &token, &c).await.0
        }
    };

    // Created now (within 30 days): removed for good.
    let (_, young) = org.create_client(&token, &code_client("Young")).await;
    let young = young["id"].as_str().unwrap().to_string();
    assert_eq!(make_inactive(young.clone()).await, StatusCode::OK);
    assert_eq!(delete(young.clone()).await, StatusCode::NO_CONTENT);
    assert_eq!(
        org.get_json(&format!("/api/v2/oauth/clients/{young}"), &token).await.0,
        StatusCode::NOT_FOUND
    );

    // A seeded client, 45 days old: deleted for seven days, still listed, then restored.
    let old = "c0ffee00-0000-4000-8000-000000000006".to_string();
    assert_eq!(make_inactive(old.clone()).await, StatusCode::OK);
    assert_eq!(delete(old.clone()).await, StatusCode::NO_CONTENT);
    let (s, c) = org.get_json(&format!("/api/v2/oauth/clients/{old}"), &token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["state"], "deleted");
    let until = c["dateToDelete"].as_str().unwrap().to_string();
    let days = (time::OffsetDateTime::parse(&until, &time::format_description::well_known::Rfc3339).unwrap()
        - time::OffsetDateTime::now_utc())
    .whole_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "removed in seven days: {until}");
    let (_, list) = org.get_json("/api/v2/oauth/clients", &token).await;
    assert!(list["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == old.as_str() && e["state"] == "deleted"));
    // Only a restore is taken while deleted.
    let mut edit = c.clone();
    edit["description"] = json!("changed");
    assert_eq!(
        org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{old}"), &token, &edit).await.0,
        StatusCode::BAD_REQUEST
    );
    let mut restore = c.clone();
    restore["state"] = json!("active");
    restore.as_object_mut().unwrap().remove("dateToDelete");
    let (s, back) =
        org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{old}"), &token, &restore).await;
    assert_eq!(s, StatusCode::OK, "{back}");
    assert_eq!(back["state"], "active");
    assert!(back.get("dateToDelete").is_none_or(Value::is_null));
}

#[tokio::test]
async fn editing_needs_every_role_of_the_client() {
    let org = start().await;
    let token = org.token_for(ANA).await;
    // "Queue monitor sync" has the Supervisor role, which Ana does not hold.
    let id = "c0ffee00-0000-4000-8000-00000000000c";
    let (_, mut c) = org.get_json(&format!("/api/v2/oauth/clients/{id}"), &token).await;
    c["description"] = json!("changed");
    let (s, err) = org.send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &token, &c).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(err["message"].as_str().unwrap().contains("Missing: Supervisor."), "{err}");
    // Sam holds Supervisor but not the OAuth permissions: the org says that instead, not this.
    let (s, _) = org
        .send_json(Method::PUT, &format!("/api/v2/oauth/clients/{id}"), &org.token_for(SAM).await, &c)
        .await;
    assert_ne!(s, StatusCode::OK);
}
