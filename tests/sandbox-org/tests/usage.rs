//! The sandbox org's usage model over real HTTP: calls counted under the token's client, the
//! vendor's asynchronous query (`Running` first), and its refusals.

mod common;

use common::*;
use reqwest::StatusCode;
use sandbox_org::org::CONSOLE_IMPLICIT_ID;
use serde_json::{json, Value};

/// Asks for a summary and reads its results until the org says it is done.
async fn usage(org: &Org, token: &str, client: &str, days: u32) -> (Vec<Value>, u32) {
    let (s, exec) =
        org.get_json(&format!("/api/v2/oauth/clients/{client}/usage/summary?days={days}"), token).await;
    assert_eq!(s, StatusCode::OK, "{exec}");
    let id = exec["executionId"].as_str().unwrap();
    let uri = exec["resultsUri"].as_str().unwrap();
    assert_eq!(uri, format!("/api/v2/oauth/clients/{client}/usage/query/results/{id}"));
    for poll in 1..=5 {
        let (s, r) = org.get_json(uri, token).await;
        assert_eq!(s, StatusCode::OK);
        match r["queryStatus"].as_str() {
            Some("Running") => continue,
            Some("Complete") => return (r["results"].as_array().unwrap().clone(), poll),
            other => panic!("unexpected status {other:?}"),
        }
    }
    panic!("the query never completed");
}

fn total(rows: &[Value], template: &str, key: &str) -> u64 {
    rows.iter().filter(|r| r["templateUri"] == template).map(|r| r[key].as_u64().unwrap()).sum()
}

#[tokio::test]
async fn calls_are_counted_under_the_tokens_client() {
    let org = start().await;
    let token = org.implicit_token().await;
    let (before, _) = usage(&org, &token, CONSOLE_IMPLICIT_ID, 7).await;
    for _ in 0..3 {
        assert_eq!(org.get_json("/api/v2/oauth/scopes", &token).await.0, StatusCode::OK);
    }
    assert_eq!(
        org.get_json("/api/v2/oauth/clients/nope-0000000000000000", &token).await.0,
        StatusCode::NOT_FOUND
    );
    let (rows, polls) = usage(&org, &token, CONSOLE_IMPLICIT_ID, 7).await;
    assert_eq!(polls, 2, "the first read answers Running");
    assert_eq!(
        total(&rows, "/api/v2/oauth/scopes", "status200")
            - total(&before, "/api/v2/oauth/scopes", "status200"),
        3
    );
    assert_eq!(total(&rows, "/api/v2/oauth/clients/{id}", "status400"), 1, "a 404 counts as a 4xx");
    let row = rows.iter().find(|r| r["templateUri"] == "/api/v2/oauth/scopes").unwrap();
    assert_eq!(row["clientId"], CONSOLE_IMPLICIT_ID);
    assert_eq!(row["httpMethod"], "GET");
    assert!(row["date"].as_str().unwrap().ends_with("T00:00:00Z"), "{row}");
    // As the vendor counts them: the 429s are among the 4xx, not beside them.
    for r in &rows {
        let parts: u64 =
            ["status200", "status300", "status400", "status500"].iter().map(|k| r[k].as_u64().unwrap()).sum();
        assert_eq!(parts, r["requests"].as_u64().unwrap());
        assert!(r["status429"].as_u64() <= r["status400"].as_u64());
    }
}

#[tokio::test]
async fn injected_rate_limits_count_as_429() {
    let org = start().await;
    let token = org.implicit_token().await;
    let r = org.http.post(org.url("/sandbox/faults")).json(&json!({"tooMany": 2})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    for _ in 0..2 {
        assert_eq!(org.get_json("/api/v2/oauth/scopes", &token).await.0, StatusCode::TOO_MANY_REQUESTS);
    }
    let (rows, _) = usage(&org, &token, CONSOLE_IMPLICIT_ID, 1).await;
    assert_eq!(total(&rows, "/api/v2/oauth/scopes", "status429"), 2);
    assert_eq!(total(&rows, "/api/v2/oauth/scopes", "status400"), 2);
}

#[tokio::test]
async fn seeded_history_and_windows() {
    let org = start().await;
    let token = org.implicit_token().await;
    let export = "c0ffee00-0000-4000-8000-000000000005";
    let (week, _) = usage(&org, &token, export, 7).await;
    assert!(week.is_empty(), "the nightly export stopped 12 days ago");
    let (month, _) = usage(&org, &token, export, 30).await;
    assert!(!month.is_empty());
    let days: std::collections::BTreeSet<&str> = month.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert_eq!(days.len(), 30 - 12, "one row a day from 29 to 12 days ago");
    let (none, _) = usage(&org, &token, "c0ffee00-0000-4000-8000-000000000006", 30).await;
    assert!(none.is_empty(), "the SSO bridge is unused");
}

#[tokio::test]
async fn refusals() {
    let org = start().await;
    let token = org.implicit_token().await;
    for days in ["0", "91", "x"] {
        let (s, body) = org
            .get_json(
                &format!("/api/v2/oauth/clients/{CONSOLE_IMPLICIT_ID}/usage/summary?days={days}"),
                &token,
            )
            .await;
        assert_eq!(
            (s, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid.value")),
            "days={days}"
        );
    }
    let (s, _) = org
        .get_json("/api/v2/oauth/clients/c0ffee00-0000-4000-8000-0000000000ff/usage/summary", &token)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // An execution id is good only for its own client.
    let (_, exec) =
        org.get_json(&format!("/api/v2/oauth/clients/{CONSOLE_IMPLICIT_ID}/usage/summary"), &token).await;
    let other = format!(
        "/api/v2/oauth/clients/c0ffee00-0000-4000-8000-000000000003/usage/query/results/{}",
        exec["executionId"].as_str().unwrap()
    );
    assert_eq!(org.get_json(&other, &token).await.0, StatusCode::NOT_FOUND);
    // Without the permission (Sam is a supervisor).
    let sam = org.token_for(SAM).await;
    let (s, body) =
        org.get_json(&format!("/api/v2/oauth/clients/{CONSOLE_IMPLICIT_ID}/usage/summary"), &sam).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("missing.permissions")));
    // An org that keeps a query running.
    let r = org
        .http
        .post(org.url("/sandbox/settings"))
        .json(&json!({"usageRunningPolls": 1000}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, exec) =
        org.get_json(&format!("/api/v2/oauth/clients/{CONSOLE_IMPLICIT_ID}/usage/summary"), &token).await;
    let (_, r) = org.get_json(exec["resultsUri"].as_str().unwrap(), &token).await;
    assert_eq!(r["queryStatus"], "Running");
}
