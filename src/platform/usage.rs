//! A client's API usage. The org answers asynchronously: `usage/summary?days=N` names a query,
//! whose results are read again while they say `Running` (with a growing pause and a time
//! limit). The rows are read into totals by status class, the last day of use, the busiest
//! endpoints and one bar per day.

use super::api::Api;
use super::dates::date_of_ms;
use super::error::ApiError;
use super::retry::sleep_ms;
use super::usage_model::{ApiUsageQueryResult, ApiUsageRow, QueryStatus};
use super::Clock;

/// The windows offered, in days.
pub const WINDOWS: [u32; 2] = [7, 30];
/// How long the console waits for the org to finish a query.
pub const QUERY_TIMEOUT_MS: u64 = 30_000;
const DAY_MS: u64 = 86_400_000;

/// What to do after reading a query's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Done,
    /// Read again after this many milliseconds.
    Wait(u64),
    Failed,
    TimedOut,
}

/// The pause before read `polls + 1`: half a second, then one, then two at most.
pub fn pause_ms(polls: u32) -> u64 {
    match polls {
        0 | 1 => 500,
        2 => 1000,
        _ => 2000,
    }
}

/// The next step after read number `polls` (from 1), `elapsed_ms` after the query was asked.
/// An answer without a status but with rows is complete; a status this console does not know is
/// a failure (it names it).
pub fn step(result: &ApiUsageQueryResult, polls: u32, elapsed_ms: u64) -> Step {
    match &result.query_status {
        Some(QueryStatus::Complete) => Step::Done,
        None if !result.results.is_empty() => Step::Done,
        Some(QueryStatus::Failed | QueryStatus::Unknown(_)) => Step::Failed,
        Some(QueryStatus::Running) | None => {
            let pause = pause_ms(polls);
            if elapsed_ms + pause > QUERY_TIMEOUT_MS {
                Step::TimedOut
            } else {
                Step::Wait(pause)
            }
        }
    }
}

/// Why a query gave no rows though every request succeeded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unfinished {
    #[error("The org could not compute this client's usage (its query reported {0}). Try again later.")]
    Failed(String),
    #[error("The org had not finished computing this client's usage after {} seconds. Try again later.", QUERY_TIMEOUT_MS / 1000)]
    TimedOut,
}

/// Requests by status class. `rate_limited` (429) is part of `client_error`, as the vendor
/// counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes {
    pub ok: u64,
    pub redirect: u64,
    pub client_error: u64,
    pub rate_limited: u64,
    pub server_error: u64,
}

/// Requests on one day (`YYYY-MM-DD`, UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub date: String,
    pub requests: u64,
}

/// A client's usage over a window of days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub days: u32,
    pub requests: u64,
    pub classes: Classes,
    /// The newest day with a request.
    pub last_used: Option<String>,
    /// One entry per day of the window, oldest first, days without requests included.
    pub per_day: Vec<DayCount>,
    /// The busiest endpoints (`GET /api/v2/…`), most requests first, at most five.
    pub top: Vec<(String, u64)>,
}

/// The row's requests: its total, or the sum of its classes (`status429` is a part of
/// `status400`, not added to it).
fn requests_of(r: &ApiUsageRow) -> u64 {
    let parts = [r.status200, r.status300, r.status400, r.status500];
    r.requests.unwrap_or_else(|| parts.iter().flatten().sum())
}

/// The rows of a `days`-day window ending on the day of `today_ms`.
pub fn summarize(rows: &[ApiUsageRow], days: u32, today_ms: u64) -> Summary {
    let days = days.max(1);
    let mut per_day: Vec<DayCount> = (0..u64::from(days))
        .rev()
        .map(|ago| DayCount { date: date_of_ms(today_ms.saturating_sub(ago * DAY_MS)), requests: 0 })
        .collect();
    let mut classes = Classes::default();
    let mut endpoints: Vec<(String, u64)> = Vec::new();
    let mut last_used: Option<String> = None;
    for r in rows {
        let n = requests_of(r);
        classes.ok += r.status200.unwrap_or(0);
        classes.redirect += r.status300.unwrap_or(0);
        classes.client_error += r.status400.unwrap_or(0);
        classes.rate_limited += r.status429.unwrap_or(0);
        classes.server_error += r.status500.unwrap_or(0);
        let date = r.date.as_deref().and_then(|d| d.get(..10)).map(str::to_string);
        if let Some(d) = date.as_deref() {
            if let Some(day) = per_day.iter_mut().find(|p| p.date == d) {
                day.requests += n;
            }
            if n > 0 && last_used.as_deref().is_none_or(|l| d > l) {
                last_used = Some(d.to_string());
            }
        }
        if let Some(t) = r.template_uri.as_deref() {
            let key = format!("{} {t}", r.http_method.as_deref().unwrap_or("")).trim().to_string();
            match endpoints.iter_mut().find(|(k, _)| *k == key) {
                Some((_, total)) => *total += n,
                None => endpoints.push((key, n)),
            }
        }
    }
    endpoints.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    endpoints.truncate(5);
    let requests = rows.iter().map(requests_of).sum();
    Summary { days, requests, classes, last_used, per_day, top: endpoints }
}

/// Asks the org for a client's usage over `days` days and reads the results until they are
/// complete, telling `on_read` how many reads were made. The results are read at the path built
/// from the execution id, never at a `resultsUri` the answer names (the token goes only to the
/// org's API). Dropping the future stops it.
pub async fn query(
    api: &Api,
    client_id: &str,
    days: u32,
    clock: Clock,
    on_read: impl Fn(u32),
) -> Result<Result<Summary, Unfinished>, ApiError> {
    let started = api.usage_summary(client_id, days).await?;
    // The query runs at the org: its results are waited for through any 429 (a paced caller
    // paces the queries it starts, not the reads of one that runs).
    let poll = api.clone().unpaced();
    let t0 = clock();
    let mut polls = 0;
    loop {
        let result = poll.usage_results(client_id, &started.execution_id).await?;
        polls += 1;
        on_read(polls);
        let now = clock();
        match step(&result, polls, now.saturating_sub(t0)) {
            Step::Done => return Ok(Ok(summarize(&result.results, days, now))),
            Step::Failed => {
                let said = result.query_status.map(String::from).unwrap_or_else(|| "nothing".into());
                return Ok(Err(Unfinished::Failed(said)));
            }
            Step::TimedOut => return Ok(Err(Unfinished::TimedOut)),
            Step::Wait(ms) => sleep_ms(ms).await,
        }
    }
}

/// What the clients list knows of a client's use over the last 30 days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    Asking,
    /// Requests, and the last day with one when the org's rows are dated.
    Used {
        requests: u64,
        last: Option<String>,
    },
    Unused,
    /// Why it could not be told.
    Failed(String),
}

impl Known {
    pub fn of(result: &Result<Result<Summary, Unfinished>, ApiError>) -> Known {
        match result {
            // Unused only when the org counts no request at all (rows need not be dated).
            Ok(Ok(s)) if s.requests == 0 => Known::Unused,
            Ok(Ok(s)) => Known::Used { requests: s.requests, last: s.last_used.clone() },
            Ok(Err(u)) => Known::Failed(u.to_string()),
            Err(e) => Known::Failed(e.to_string()),
        }
    }

    /// The requests counted, once the org has told them (none is 0).
    pub fn requests(&self) -> Option<u64> {
        match self {
            Known::Used { requests, .. } => Some(*requests),
            Known::Unused => Some(0),
            Known::Asking | Known::Failed(_) => None,
        }
    }

    /// The list's cell: "1,234 · last 2026-11-27", "not used", "…".
    pub fn cell(&self) -> String {
        match self {
            Known::Asking => "…".into(),
            Known::Used { requests, last: Some(last) } => format!("{} · last {last}", grouped(*requests)),
            Known::Used { requests, last: None } => grouped(*requests),
            Known::Unused => "not used".into(),
            Known::Failed(_) => "unknown".into(),
        }
    }
}

/// `12,345`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One bar of the chart, in the chart's own units.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub date: String,
    pub requests: u64,
}

/// The bars of `per_day` in a `width` × `height` box: equal slots, a gap of a fifth of a slot,
/// heights proportional to the busiest day; a day with requests is at least one unit high.
pub fn bars(per_day: &[DayCount], width: f64, height: f64) -> Vec<Bar> {
    let max = per_day.iter().map(|d| d.requests).max().unwrap_or(0).max(1) as f64;
    let slot = width / per_day.len().max(1) as f64;
    per_day
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let h = if d.requests == 0 { 0.0 } else { (d.requests as f64 / max * height).max(1.0) };
            Bar {
                x: i as f64 * slot + slot * 0.1,
                y: height - h,
                width: slot * 0.8,
                height: h,
                date: d.date.clone(),
                requests: d.requests,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::dates::iso_ms;

    fn row(date: Option<&str>, template: &str, ok: u64, limited: u64) -> ApiUsageRow {
        ApiUsageRow {
            template_uri: Some(template.into()),
            http_method: Some("GET".into()),
            status200: Some(ok),
            status400: Some(limited),
            status429: Some(limited),
            requests: Some(ok + limited),
            date: date.map(str::to_string),
            ..Default::default()
        }
    }

    fn result(status: Option<&str>, rows: Vec<ApiUsageRow>) -> ApiUsageQueryResult {
        ApiUsageQueryResult { results: rows, query_status: status.map(|s| QueryStatus::from(s.to_string())) }
    }

    #[test]
    fn polls_while_running_then_stops() {
        assert_eq!(step(&result(Some("Running"), vec![]), 1, 0), Step::Wait(500));
        assert_eq!(step(&result(Some("Running"), vec![]), 2, 600), Step::Wait(1000));
        assert_eq!(step(&result(Some("Running"), vec![]), 7, 12_000), Step::Wait(2000));
        assert_eq!(step(&result(Some("Running"), vec![]), 15, 28_500), Step::TimedOut);
        assert_eq!(step(&result(Some("Complete"), vec![]), 1, 0), Step::Done);
        assert_eq!(step(&result(None, vec![row(None, "/x", 1, 0)]), 1, 0), Step::Done);
        assert_eq!(step(&result(None, vec![]), 1, 0), Step::Wait(500));
        assert_eq!(step(&result(Some("Failed"), vec![]), 1, 0), Step::Failed);
        assert_eq!(step(&result(Some("Cancelled"), vec![]), 1, 0), Step::Failed);
    }

    #[test]
    fn the_whole_wait_stays_under_the_limit() {
        let (mut elapsed, mut polls) = (0, 0);
        loop {
            polls += 1;
            match step(&result(Some("Running"), vec![]), polls, elapsed) {
                Step::Wait(ms) => elapsed += ms,
                other => {
                    assert_eq!(other, Step::TimedOut);
                    break;
                }
            }
        }
        assert!(elapsed <= QUERY_TIMEOUT_MS && elapsed > QUERY_TIMEOUT_MS - 2000, "{elapsed}");
        assert!(polls < 20, "{polls} reads");
    }

    #[test]
    fn a_week_of_rows() {
        let today = iso_ms("2026-11-27T15:00:00Z").unwrap();
        let rows = vec![
            row(Some("2026-11-27T00:00:00Z"), "/api/v2/users/me", 5, 1),
            row(Some("2026-11-27T00:00:00Z"), "/api/v2/conversations", 10, 0),
            row(Some("2026-11-23T00:00:00.000Z"), "/api/v2/users/me", 2, 0),
            // Outside the window: counted in the totals, not drawn.
            row(Some("2026-11-01T00:00:00Z"), "/api/v2/users/me", 4, 0),
            row(None, "/api/v2/users/me", 0, 0),
        ];
        let s = summarize(&rows, 7, today);
        assert_eq!(s.requests, 22);
        assert_eq!(s.classes.ok, 21);
        assert_eq!(s.classes.rate_limited, 1);
        assert_eq!(s.per_day.len(), 7);
        assert_eq!(s.per_day[0].date, "2026-11-21");
        assert_eq!(s.per_day[6], DayCount { date: "2026-11-27".into(), requests: 16 });
        assert_eq!(s.per_day[2].requests, 2);
        assert_eq!(s.last_used.as_deref(), Some("2026-11-27"));
        assert_eq!(s.top[0], ("GET /api/v2/users/me".to_string(), 12));
        assert_eq!(s.top[1], ("GET /api/v2/conversations".to_string(), 10));
    }

    #[test]
    fn no_rows_no_use() {
        let s = summarize(&[], 30, iso_ms("2026-03-01T00:00:00Z").unwrap());
        assert_eq!((s.requests, s.last_used.clone(), s.per_day.len()), (0, None, 30));
        assert_eq!(s.per_day[0].date, "2026-01-31");
        assert!(bars(&s.per_day, 300.0, 100.0).iter().all(|b| b.height == 0.0 && b.y == 100.0));
    }

    #[test]
    fn requests_without_a_total_are_summed() {
        let r = ApiUsageRow {
            status200: Some(3),
            status400: Some(2),
            status429: Some(2),
            status500: Some(2),
            ..Default::default()
        };
        assert_eq!(summarize(&[r], 7, 0).requests, 7, "the 429s are among the 4xx");
    }

    #[test]
    fn what_the_list_shows() {
        let today = iso_ms("2026-11-27T15:00:00Z").unwrap();
        let used = summarize(&[row(Some("2026-11-20T00:00:00Z"), "/x", 1200, 34)], 30, today);
        assert_eq!(Known::of(&Ok(Ok(used))).cell(), "1,234 · last 2026-11-20");
        assert_eq!(Known::of(&Ok(Ok(summarize(&[], 30, today)))), Known::Unused);
        // Rows without a date still count: used, the last day unknown.
        let undated = summarize(&[row(None, "/x", 7, 0)], 30, today);
        assert_eq!(Known::of(&Ok(Ok(undated))), Known::Used { requests: 7, last: None });
        assert_eq!(Known::of(&Ok(Err(Unfinished::TimedOut))).cell(), "unknown");
        let refused = ApiError::Http { status: 403, body: None, correlation_id: None, retry_after: None };
        assert!(matches!(Known::of(&Err(refused)), Known::Failed(m) if m.contains("permission")));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn bars_fill_the_box() {
        let days: Vec<DayCount> = [0u64, 50, 100, 1]
            .iter()
            .enumerate()
            .map(|(i, n)| DayCount { date: format!("d{i}"), requests: *n })
            .collect();
        let b = bars(&days, 400.0, 100.0);
        assert_eq!(b.len(), 4);
        assert_eq!((b[0].x, b[0].width), (10.0, 80.0));
        assert_eq!(b[3].x, 310.0);
        assert_eq!((b[2].y, b[2].height), (0.0, 100.0), "the busiest day fills the height");
        assert_eq!(b[1].height, 50.0);
        assert_eq!(b[3].height, 1.0, "a day with one request still shows");
        assert_eq!(b[0].height, 0.0);
    }
}
