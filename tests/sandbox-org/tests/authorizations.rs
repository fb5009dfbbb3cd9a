//! The apps authorized in the sandbox org over real HTTP: other orgs' apps and this org's
//! clients, and a sign-in that authorizes a client.

mod common;

use common::*;
use reqwest::StatusCode;
use sandbox_org::org::{CONSOLE_IMPLICIT_ID, ORG_ID};
use serde_json::Value;

async fn listing(org: &Org, token: &str) -> Vec<Value> {
    let (s, body) = org.get_json("/api/v2/oauth/authorizations", token).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["total"].as_u64(), Some(body["entities"].as_array().unwrap().len() as u64));
    body["entities"].as_array().unwrap().clone()
}

#[tokio::test]
async fn other_orgs_apps_and_our_own_clients() {
    let org = start().await;
    let token = org.implicit_token().await;
    let all = listing(&org, &token).await;
    let acme = all.iter().find(|a| a["client"]["name"] == "Acme Wallboards").unwrap();
    assert_eq!(acme["client"]["organization"]["name"], "Acme Partner Org");
    assert_eq!(acme["state"], "Authorized");
    assert_eq!(acme["resourceOwner"]["id"], ORG_ID);
    assert!(acme["scope"].as_array().unwrap().iter().any(|s| s == "analytics:readonly"));
    assert!(acme["dateCreated"].as_str().unwrap().ends_with('Z'));
    let globex = all.iter().find(|a| a["client"]["name"] == "Globex Survey").unwrap();
    assert_eq!(globex["state"], "Revoked");
    // The sign-in above authorized the console's client, as one of this org's own.
    let console = all.iter().find(|a| a["client"]["id"] == CONSOLE_IMPLICIT_ID).unwrap();
    assert_eq!(console["client"]["organization"]["id"], ORG_ID);
    assert!(console["client"].get("secret").is_none());
    let ids: std::collections::HashSet<&str> =
        all.iter().map(|a| a["client"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "one per client");
}

#[tokio::test]
async fn a_supervisor_may_not_list_them() {
    let org = start().await;
    let sam = org.token_for(SAM).await;
    let (s, body) = org.get_json("/api/v2/oauth/authorizations", &sam).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("missing.permissions")));
}
