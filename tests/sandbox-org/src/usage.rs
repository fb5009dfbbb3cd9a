//! API usage per OAuth client: every API call made with one of a client's tokens, counted per
//! day, endpoint and status class; and the vendor's asynchronous usage query over it
//! (`usage/summary?days=N` → an execution id → `usage/query/results/{id}`, `Running` first).

use crate::admin::{guard, not_found};
use crate::org::{new_id, org_id};
use crate::{api_error, bearer, Sandbox};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

/// The longest window a usage query covers, in days.
pub const MAX_DAYS: u64 = 90;

/// Requests by status class; as the vendor counts them, `s429` is a part of `s400`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub s200: u64,
    pub s300: u64,
    pub s400: u64,
    pub s429: u64,
    pub s500: u64,
}

impl Counts {
    fn add(&mut self, status: u16, n: u64) {
        match status {
            429 => {
                self.s429 += n;
                self.s400 += n;
            }
            500.. => self.s500 += n,
            400.. => self.s400 += n,
            300.. => self.s300 += n,
            _ => self.s200 += n,
        }
    }

    pub fn requests(&self) -> u64 {
        self.s200 + self.s300 + self.s400 + self.s500
    }
}

/// (client id, day since the epoch, endpoint template, HTTP method).
type Key = (String, u64, String, String);

/// Every API call of the org, by client.
#[derive(Clone, Debug, Default)]
pub struct Usage {
    counts: BTreeMap<Key, Counts>,
}

/// A usage query the org is running (or has finished).
#[derive(Clone, Debug)]
pub struct UsageQuery {
    pub client_id: String,
    pub days: u64,
    /// Result reads so far: the first `running_polls` of them answer `Running`.
    pub polls: u32,
}

pub fn day_of(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
}

fn date_of(day: u64) -> String {
    crate::org::iso(UNIX_EPOCH + std::time::Duration::from_secs(day * 86_400))
}

/// The endpoint's template: ids (a segment with a digit, 16 characters or more) become `{id}`.
pub fn template_of(path: &str) -> String {
    path.split('/')
        .map(|s| if s.len() >= 16 && s.chars().any(|c| c.is_ascii_digit()) { "{id}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

impl Usage {
    pub fn add(&mut self, client_id: &str, day: u64, template: &str, method: &str, status: u16, n: u64) {
        self.counts
            .entry((client_id.into(), day, template.into(), method.into()))
            .or_default()
            .add(status, n);
    }

    /// A history for the seeded clients, ending `today`: the Embeddable Framework client on
    /// every weekday, the SCIM client every day (some refused), the nightly export until 12 days
    /// ago; the others unused.
    pub fn seeded(today: u64) -> Usage {
        let mut u = Usage::default();
        for ago in 0..45u64 {
            let day = today - ago;
            // 1970-01-01 was a Thursday: days 2 and 3 of the week are Saturday and Sunday.
            let weekday = !matches!(day % 7, 2 | 3);
            if weekday {
                let ef = "c0ffee00-0000-4000-8000-000000000003";
                u.add(ef, day, "/api/v2/users/me", "GET", 200, 40 + (day % 5) * 7);
                u.add(ef, day, "/api/v2/conversations", "GET", 200, 120 + (day % 9) * 11);
                u.add(ef, day, "/api/v2/conversations", "GET", 429, day % 3);
            }
            let scim = "c0ffee00-0000-4000-8000-000000000004";
            u.add(scim, day, "/api/v2/scim/v2/Users", "GET", 200, 300 + (day % 4) * 25);
            u.add(scim, day, "/api/v2/scim/v2/Users/{id}", "PATCH", 200, 20 + day % 6);
            u.add(scim, day, "/api/v2/scim/v2/Users/{id}", "PATCH", 400, day % 2);
            if ago >= 12 {
                let export = "c0ffee00-0000-4000-8000-000000000005";
                u.add(export, day, "/api/v2/analytics/conversations/details/query", "POST", 200, 60);
            }
        }
        u
    }

    /// The vendor's `ApiUsageRow`s of one client for the `days` days ending `today`: one per
    /// day, endpoint and method.
    pub fn rows(&self, client_id: &str, client_name: &str, today: u64, days: u64) -> Vec<Value> {
        let first = today + 1 - days.max(1);
        self.counts
            .iter()
            .filter(|((c, day, _, _), _)| c == client_id && (first..=today).contains(day))
            .map(|((_, day, template, method), n)| {
                json!({
                    "clientId": client_id,
                    "clientName": client_name,
                    "organizationId": org_id(),
                    "templateUri": template,
                    "httpMethod": method,
                    "status200": n.s200,
                    "status300": n.s300,
                    "status400": n.s400,
                    "status429": n.s429,
                    "status500": n.s500,
                    "requests": n.requests(),
                    "date": date_of(*day),
                })
            })
            .collect()
    }
}

/// Counts every API call made with a token the org issued, under the token's client, with the
/// status it got (injected 429s and 5xx included: it sits outside the fault layer).
pub async fn record(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") || req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let client = bearer(req.headers()).and_then(|t| sb.lock().tokens.get(&t).map(|t| t.client_id.clone()));
    let (template, method) = (template_of(req.uri().path()), req.method().to_string());
    let resp = next.run(req).await;
    if let Some(client) = client {
        let status = resp.status().as_u16();
        sb.lock().usage.add(&client, day_of(SystemTime::now()), &template, &method, status, 1);
    }
    resp
}

/// `GET /api/v2/oauth/clients/{id}/usage/summary?days=N` → `UsageExecutionResult`.
pub async fn summary(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth", "oauth:readonly"], Some("oauth:client:view")) {
        return r;
    }
    if org.client(&id).is_none() {
        return not_found("OAuth client", &id);
    }
    let days = match q.get("days").map(|d| d.parse::<u64>()) {
        None => 7,
        Some(Ok(d)) if (1..=MAX_DAYS).contains(&d) => d,
        Some(_) => {
            return api_error(
                StatusCode::BAD_REQUEST,
                "invalid.value",
                &format!("days must be a whole number from 1 to {MAX_DAYS}."),
            )
        }
    };
    let execution = new_id();
    org.usage_queries.insert(execution.clone(), UsageQuery { client_id: id.clone(), days, polls: 0 });
    Json(json!({
        "executionId": execution,
        "resultsUri": format!("/api/v2/oauth/clients/{id}/usage/query/results/{execution}"),
    }))
    .into_response()
}

/// `GET /api/v2/oauth/clients/{id}/usage/query/results/{executionId}` → `ApiUsageQueryResult`:
/// `Running` for the org's first polls, then `Complete` with the rows.
pub async fn results(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path((id, execution)): Path<(String, String)>,
) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth", "oauth:readonly"], Some("oauth:client:view")) {
        return r;
    }
    let running_polls = org.settings.usage_running_polls;
    let Some(query) = org.usage_queries.get_mut(&execution).filter(|q| q.client_id == id) else {
        return not_found("usage query", &execution);
    };
    query.polls += 1;
    if query.polls <= running_polls {
        return Json(json!({"queryStatus": "Running"})).into_response();
    }
    let days = query.days;
    let name = org.client(&id).map(|c| c.name.clone()).unwrap_or_default();
    let rows = org.usage.rows(&id, &name, day_of(SystemTime::now()), days);
    Json(json!({"results": rows, "queryStatus": "Complete"})).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_one_template() {
        assert_eq!(
            template_of("/api/v2/oauth/clients/c0ffee00-0000-4000-8000-000000000003/secret"),
            "/api/v2/oauth/clients/{id}/secret"
        );
        assert_eq!(template_of("/api/v2/users/me"), "/api/v2/users/me");
    }

    #[test]
    fn status_classes_and_the_window() {
        let mut u = Usage::default();
        u.add("a", 100, "/x", "GET", 200, 3);
        u.add("a", 100, "/x", "GET", 429, 1);
        u.add("a", 100, "/x", "GET", 503, 1);
        u.add("a", 94, "/x", "GET", 404, 2);
        u.add("b", 100, "/x", "GET", 200, 9);
        let week = u.rows("a", "A", 100, 7);
        assert_eq!(week.len(), 2);
        let today = week.iter().find(|r| r["status200"] == 3).unwrap();
        assert_eq!((today["requests"].as_u64(), today["status429"].as_u64()), (Some(5), Some(1)));
        assert_eq!(today["status400"].as_u64(), Some(1), "a 429 is one of the 4xx");
        assert_eq!(u.rows("a", "A", 100, 6).len(), 1, "day 94 is outside the last 6 days");
    }
}
