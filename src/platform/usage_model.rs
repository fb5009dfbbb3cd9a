//! The API usage query's types (`usage/summary` and its results), with the vendor's JSON names.

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};

open_enum!(
    /// `queryStatus` of a usage query.
    QueryStatus {
        Complete = "Complete",
        Failed = "Failed",
        Running = "Running",
    }
);

/// `UsageExecutionResult`: the answer to `usage/summary`, naming the query to poll.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageExecutionResult {
    pub execution_id: String,
    #[serde(default)]
    pub results_uri: Option<String>,
}

/// `ApiUsageQueryResult`: the query's status and, once complete, its rows.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiUsageQueryResult {
    #[serde(default)]
    pub results: Vec<ApiUsageRow>,
    #[serde(default)]
    pub query_status: Option<QueryStatus>,
}

/// `ApiUsageRow`: requests of one client, by status class (per day and endpoint when the org
/// groups them so).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiUsageRow {
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub template_uri: Option<String>,
    #[serde(default)]
    pub http_method: Option<String>,
    #[serde(default)]
    pub status200: Option<u64>,
    #[serde(default)]
    pub status300: Option<u64>,
    #[serde(default)]
    pub status400: Option<u64>,
    #[serde(default)]
    pub status429: Option<u64>,
    #[serde(default)]
    pub status500: Option<u64>,
    #[serde(default)]
    pub requests: Option<u64>,
    #[serde(default)]
    pub date: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_query_as_the_vendor_sends_it() {
        let started: UsageExecutionResult = serde_json::from_str(
            r#"{"executionId":"e1","resultsUri":"/api/v2/oauth/clients/c1/usage/query/results/e1"}"#,
        )
        .unwrap();
        assert_eq!(started.execution_id, "e1");
        let running: ApiUsageQueryResult = serde_json::from_str(r#"{"queryStatus":"Running"}"#).unwrap();
        assert_eq!((running.query_status, running.results.len()), (Some(QueryStatus::Running), 0));
        let done: ApiUsageQueryResult = serde_json::from_str(
            r#"{"queryStatus":"Complete","cursors":{},"results":[{"clientId":"c1","clientName":"App",
                "organizationId":"o","templateUri":"/api/v2/users/me","httpMethod":"GET","status200":7,
                "status300":0,"status400":1,"status500":0,"status429":2,"requests":10,
                "date":"2026-11-27T00:00:00.000Z"}]}"#,
        )
        .unwrap();
        let r = &done.results[0];
        assert_eq!(
            (r.requests, r.status429, r.date.as_deref()),
            (Some(10), Some(2), Some("2026-11-27T00:00:00.000Z"))
        );
        let odd: ApiUsageQueryResult = serde_json::from_str(r#"{"queryStatus":"Queued"}"#).unwrap();
        assert_eq!(odd.query_status, Some(QueryStatus::Unknown("Queued".into())));
    }
}
