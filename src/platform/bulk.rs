//! Actions on many clients at once: what each client needs (or why it is skipped), and a pacer
//! that keeps a few requests in flight and holds every one of them while the org's `Retry-After`
//! runs, so a batch of a thousand completes under the org's rate limit. A failed client never
//! stops the others and can be run again alone.

use super::actions::{run_step, Step};
use super::api::Api;
use super::error::ApiError;
use super::model::{ClientState, OAuthClient};
use super::retry::{retry_wait_s, sleep_ms};
use super::Clock;
use futures::stream::{FuturesUnordered, StreamExt};
use std::collections::VecDeque;

/// Requests in flight at once.
pub const MAX_IN_FLIGHT: usize = 3;
/// 429 answers in a row to one request before that client counts as failed.
pub const MAX_LIMITED_IN_A_ROW: u32 = 10;

/// What can be done to the selected clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkAction {
    Disable,
    Enable,
    /// Inactive, with an optional deletion date.
    MakeInactive,
    /// Inactive first, then deleted (as the org requires).
    Delete,
}

impl BulkAction {
    pub const ALL: [BulkAction; 4] =
        [BulkAction::Disable, BulkAction::Enable, BulkAction::MakeInactive, BulkAction::Delete];

    pub fn label(self) -> &'static str {
        match self {
            BulkAction::Disable => "Disable",
            BulkAction::Enable => "Enable",
            BulkAction::MakeInactive => "Make inactive",
            BulkAction::Delete => "Delete",
        }
    }

    /// "disabled", for "12 clients disabled".
    pub fn done(self) -> &'static str {
        match self {
            BulkAction::Disable => "disabled",
            BulkAction::Enable => "enabled",
            BulkAction::MakeInactive => "made inactive",
            BulkAction::Delete => "deleted",
        }
    }

    /// What the confirmation says the batch will do.
    pub fn consequence(self) -> &'static str {
        match self {
            BulkAction::Disable => "Their tokens stop working at once and no new ones are issued.",
            BulkAction::Enable => "They can get tokens again.",
            BulkAction::MakeInactive => "They get no new tokens; with a deletion date the org deletes them then.",
            BulkAction::Delete => "Each is made inactive, then deleted: clients created in the last 30 days are removed for good, older ones can be restored for seven days. Other orgs that authorized them lose access and apps using their credentials stop working.",
        }
    }

    /// The requests this client needs, or why it is left as it is. `date_to_delete` is the
    /// deletion date of [`BulkAction::MakeInactive`] (ISO 8601), if any.
    pub fn plan(self, c: &OAuthClient, date_to_delete: Option<&str>) -> Result<Vec<Step>, &'static str> {
        let state = c.state.clone().unwrap_or(ClientState::Active);
        if state == ClientState::Deleted {
            return Err("deleted: restore it first");
        }
        let put = |s: ClientState, d: Option<String>| Ok(vec![Step::SetState(s, d)]);
        match self {
            BulkAction::Disable if state == ClientState::Disabled => Err("already disabled"),
            BulkAction::Disable => put(ClientState::Disabled, None),
            BulkAction::Enable if state == ClientState::Active => Err("already active"),
            BulkAction::Enable => put(ClientState::Active, None),
            BulkAction::MakeInactive
                if state == ClientState::Inactive && c.date_to_delete.as_deref() == date_to_delete =>
            {
                Err("already inactive")
            }
            BulkAction::MakeInactive => put(ClientState::Inactive, date_to_delete.map(str::to_string)),
            // The org deletes only inactive clients.
            BulkAction::Delete if state == ClientState::Inactive => Ok(vec![Step::Delete]),
            BulkAction::Delete => Ok(vec![Step::SetState(ClientState::Inactive, None), Step::Delete]),
        }
    }
}

/// Where one client of a batch stands.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Queued,
    Running,
    Done,
    /// Nothing to do, and why.
    Skipped(String),
    /// The org refused or did not answer; the message says why.
    Failed(String),
    /// The batch was stopped before this client's turn.
    Stopped,
}

/// What the pacer says to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Send the next request of this client.
    Send(usize),
    /// Nothing may be sent before this time (ms); nothing is in flight.
    WaitUntil(u64),
    /// Wait for a request in flight to answer.
    Busy,
    Finished,
}

/// How one request ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This client is done.
    Done,
    /// This client has more requests to send.
    More,
    /// 429, not processed: sent again once the org's `Retry-After` (seconds) has passed.
    RateLimited(Option<u64>),
    Failed(String),
}

/// The schedule of a batch's requests: at most `max_in_flight` at once, none while a 429's
/// `Retry-After` runs; the client a 429 refused goes first once it is over.
#[derive(Clone, Debug)]
pub struct Pacer {
    pub status: Vec<Status>,
    queue: VecDeque<usize>,
    limited: Vec<u32>,
    in_flight: usize,
    max_in_flight: usize,
    paused_until: u64,
    stopping: bool,
    /// Requests sent, and 429s received.
    pub sent: u32,
    pub rate_limited: u32,
}

impl Pacer {
    /// A schedule of every `Queued` client of `status` (in order).
    pub fn new(status: Vec<Status>, max_in_flight: usize) -> Pacer {
        let queue = (0..status.len()).filter(|&i| status[i] == Status::Queued).collect();
        let n = status.len();
        Pacer {
            status,
            queue,
            limited: vec![0; n],
            in_flight: 0,
            max_in_flight: max_in_flight.max(1),
            paused_until: 0,
            stopping: false,
            sent: 0,
            rate_limited: 0,
        }
    }

    pub fn next(&mut self, now_ms: u64) -> Next {
        if self.stopping {
            for i in self.queue.drain(..) {
                self.status[i] = Status::Stopped;
            }
        }
        if self.queue.is_empty() {
            return if self.in_flight == 0 { Next::Finished } else { Next::Busy };
        }
        if self.in_flight >= self.max_in_flight {
            return Next::Busy;
        }
        if now_ms < self.paused_until {
            return if self.in_flight == 0 { Next::WaitUntil(self.paused_until) } else { Next::Busy };
        }
        let Some(i) = self.queue.pop_front() else { return Next::Busy };
        self.status[i] = Status::Running;
        self.in_flight += 1;
        self.sent += 1;
        Next::Send(i)
    }

    pub fn report(&mut self, i: usize, outcome: Outcome, now_ms: u64) {
        self.in_flight = self.in_flight.saturating_sub(1);
        match outcome {
            Outcome::Done => {
                self.limited[i] = 0;
                self.status[i] = Status::Done;
            }
            Outcome::More => {
                self.limited[i] = 0;
                self.status[i] = Status::Queued;
                self.queue.push_front(i);
            }
            Outcome::RateLimited(after) => {
                self.rate_limited += 1;
                self.limited[i] += 1;
                if self.limited[i] >= MAX_LIMITED_IN_A_ROW {
                    self.status[i] = Status::Failed(format!(
                        "The org answered 429 (too many requests) {MAX_LIMITED_IN_A_ROW} times in a row."
                    ));
                } else {
                    let until = now_ms + retry_wait_s(after, 0) * 1000;
                    self.paused_until = self.paused_until.max(until);
                    self.status[i] = Status::Queued;
                    self.queue.push_front(i);
                }
            }
            Outcome::Failed(why) => self.status[i] = Status::Failed(why),
        }
    }

    /// No new request is sent; what is in flight ends; the rest is marked stopped.
    pub fn stop(&mut self) {
        self.stopping = true;
    }

    /// When the schedule is held by a 429, until when (ms).
    pub fn paused_until(&self, now_ms: u64) -> Option<u64> {
        (self.paused_until > now_ms).then_some(self.paused_until)
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.status)
    }
}

impl Counts {
    /// The tally of a batch's statuses.
    pub fn of(status: &[Status]) -> Counts {
        let mut c = Counts { total: status.len(), ..Counts::default() };
        for s in status {
            match s {
                Status::Done => c.done += 1,
                Status::Skipped(_) => c.skipped += 1,
                Status::Failed(_) => c.failed += 1,
                Status::Stopped => c.stopped += 1,
                Status::Queued | Status::Running => {}
            }
        }
        c
    }
}

/// A batch's tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub skipped: usize,
    pub failed: usize,
    pub stopped: usize,
}

impl Counts {
    pub fn finished(&self) -> usize {
        self.done + self.skipped + self.failed + self.stopped
    }
}

/// One client of a batch: its id and the requests it still needs.
#[derive(Clone, Debug)]
pub struct Job {
    pub client_id: String,
    pub steps: VecDeque<Step>,
}

/// How a request's error counts for the pacer.
pub fn outcome_of(err: &ApiError) -> Outcome {
    match err {
        ApiError::Http { status: 429, retry_after, .. } => Outcome::RateLimited(*retry_after),
        e => Outcome::Failed(e.to_string()),
    }
}

/// Runs a batch: each job's requests in order, paced by `pacer` (whose `Queued` entries are the
/// jobs to run). `tick` is called after every change, `stop` before every request. A 401 stops
/// the batch (the session is over) and is returned.
pub async fn run(
    api: &Api,
    jobs: &mut [Job],
    pacer: &mut Pacer,
    clock: Clock,
    tick: impl Fn(&Pacer),
    stop: impl Fn() -> bool,
) -> Result<(), ApiError> {
    let api = api.clone().paced();
    let mut in_flight = FuturesUnordered::new();
    let mut ended: Option<ApiError> = None;
    loop {
        if stop() || ended.is_some() {
            pacer.stop();
        }
        let now = clock();
        match pacer.next(now) {
            Next::Send(i) => {
                let Some(step) = jobs[i].steps.front().cloned() else {
                    pacer.report(i, Outcome::Done, now);
                    continue;
                };
                let (api, id) = (api.clone(), jobs[i].client_id.clone());
                in_flight.push(async move { (i, run_step(&api, &id, &step, clock).await) });
                tick(pacer);
            }
            // In slices, so that Stop is heard while the org's Retry-After runs.
            Next::WaitUntil(t) => sleep_ms(t.saturating_sub(now).clamp(1, 250)).await,
            Next::Busy => {
                let Some((i, result)) = in_flight.next().await else { continue };
                let outcome = match result {
                    Ok(_) => {
                        jobs[i].steps.pop_front();
                        if jobs[i].steps.is_empty() {
                            Outcome::Done
                        } else {
                            Outcome::More
                        }
                    }
                    Err(e) if e.is_unauthorized() => {
                        ended = Some(e.clone());
                        Outcome::Failed(e.to_string())
                    }
                    // A create whose answer was lost and that the org's list could not confirm.
                    Err(e) if e.is_ambiguous() && matches!(jobs[i].steps.front(), Some(Step::Create(_))) => {
                        Outcome::Failed(format!(
                            "{e} The client may have been created all the same: look for it in the list before retrying."
                        ))
                    }
                    Err(e) => outcome_of(&e),
                };
                pacer.report(i, outcome, clock());
                tick(pacer);
            }
            Next::Finished => break,
        }
    }
    tick(pacer);
    ended.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(state: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": "c", "name": "n", "authorizedGrantType": "CODE", "state": state,
            "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]
        }))
        .unwrap()
    }

    fn put_state(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::Put(r) => format!("put {}", String::from(r.state.clone())),
                Step::SetState(state, _) => format!("put {}", String::from(state.clone())),
                Step::Delete => "delete".into(),
                Step::Regenerate => "regenerate".into(),
                Step::Create(_) => "create".into(),
            })
            .collect()
    }

    #[test]
    fn what_each_client_needs() {
        use BulkAction::*;
        assert_eq!(put_state(&Disable.plan(&client("active"), None).unwrap()), ["put disabled"]);
        assert_eq!(Disable.plan(&client("disabled"), None), Err("already disabled"));
        assert_eq!(Enable.plan(&client("active"), None), Err("already active"));
        assert_eq!(put_state(&Enable.plan(&client("inactive"), None).unwrap()), ["put active"]);
        assert_eq!(put_state(&Delete.plan(&client("active"), None).unwrap()), ["put inactive", "delete"]);
        assert_eq!(put_state(&Delete.plan(&client("inactive"), None).unwrap()), ["delete"]);
        for a in BulkAction::ALL {
            assert_eq!(a.plan(&client("deleted"), None), Err("deleted: restore it first"));
        }
        let dated = MakeInactive.plan(&client("active"), Some("2027-01-31T00:00:00.000Z")).unwrap();
        assert_eq!(
            dated,
            [Step::SetState(ClientState::Inactive, Some("2027-01-31T00:00:00.000Z".into()))],
            "the client is read afresh before its PUT"
        );
        assert_eq!(MakeInactive.plan(&client("inactive"), None), Err("already inactive"));
        assert!(MakeInactive.plan(&client("inactive"), Some("2027-01-31T00:00:00.000Z")).is_ok());
    }

    /// Drives a pacer against a simulated org: `answer(request number, client)` says how the
    /// request ends; each request takes 100 ms. Returns the pacer and the most in flight at once.
    fn simulate(
        n: usize,
        steps: usize,
        answer: impl Fn(u32, usize) -> Option<Option<u64>>,
    ) -> (Pacer, usize) {
        let mut p = Pacer::new(vec![Status::Queued; n], MAX_IN_FLIGHT);
        let mut left = vec![steps; n];
        let mut now = 0u64;
        let mut flying: Vec<(u64, usize, u32)> = Vec::new();
        let mut most = 0;
        loop {
            match p.next(now) {
                Next::Send(i) => {
                    flying.push((now + 100, i, p.sent));
                    most = most.max(flying.len());
                }
                Next::WaitUntil(t) => now = t,
                Next::Busy => {
                    flying.sort_by_key(|f| f.0);
                    let (at, i, k) = flying.remove(0);
                    now = now.max(at);
                    let outcome = match answer(k, i) {
                        Some(after) => Outcome::RateLimited(after),
                        None => {
                            left[i] -= 1;
                            if left[i] == 0 {
                                Outcome::Done
                            } else {
                                Outcome::More
                            }
                        }
                    };
                    p.report(i, outcome, now);
                }
                Next::Finished => return (p, most),
            }
        }
    }

    #[test]
    fn a_thousand_clients_with_a_429_every_20th_request_all_succeed() {
        let (p, most) = simulate(1000, 1, |k, _| k.is_multiple_of(20).then_some(Some(1)));
        assert_eq!(p.counts().done, 1000);
        assert_eq!(p.sent, 1000 + p.rate_limited, "each refused request is sent again, once");
        assert_eq!(p.rate_limited, p.sent / 20);
        assert!(most <= MAX_IN_FLIGHT);
    }

    #[test]
    fn nothing_is_sent_while_retry_after_runs() {
        let mut p = Pacer::new(vec![Status::Queued; 5], 2);
        assert_eq!(p.next(0), Next::Send(0));
        assert_eq!(p.next(0), Next::Send(1));
        assert_eq!(p.next(0), Next::Busy, "two in flight at most");
        p.report(0, Outcome::RateLimited(Some(3)), 50);
        assert_eq!(p.next(60), Next::Busy, "held: one is still in flight");
        p.report(1, Outcome::Done, 100);
        assert_eq!(p.next(100), Next::WaitUntil(3050));
        assert_eq!(p.paused_until(100), Some(3050));
        assert_eq!(p.next(3050), Next::Send(0), "the refused client goes first");
        assert_eq!(p.status[0], Status::Running);
        // Without Retry-After, one second.
        p.report(0, Outcome::RateLimited(None), 4000);
        assert_eq!(p.next(4000), Next::WaitUntil(5000));
    }

    #[test]
    fn a_failure_never_stops_the_rest_and_runs_again_alone() {
        let (p, _) = simulate(10, 2, |_, _| None);
        assert_eq!(p.counts().done, 10);
        assert_eq!(p.sent, 20, "two requests each, in order");

        let mut p = Pacer::new(vec![Status::Queued; 3], 3);
        let sent: Vec<Next> = (0..3).map(|_| p.next(0)).collect();
        assert_eq!(sent, [Next::Send(0), Next::Send(1), Next::Send(2)]);
        p.report(1, Outcome::Failed("HTTP 400".into()), 10);
        p.report(0, Outcome::Done, 10);
        p.report(2, Outcome::Done, 10);
        assert_eq!(p.next(10), Next::Finished);
        assert_eq!(p.counts(), Counts { total: 3, done: 2, failed: 1, ..Counts::default() });
        // Retried alone: a new schedule of that client only.
        let mut again = Pacer::new(vec![Status::Done, Status::Queued, Status::Done], 3);
        assert_eq!(again.next(0), Next::Send(1));
        again.report(1, Outcome::Done, 5);
        assert_eq!(again.next(5), Next::Finished);
        assert_eq!(again.counts().done, 3);
    }

    #[test]
    fn an_org_that_keeps_refusing_fails_that_client_only() {
        let (p, _) = simulate(3, 1, |_, i| (i == 1).then_some(Some(1)));
        assert_eq!(p.counts().done, 2);
        assert!(matches!(&p.status[1], Status::Failed(m) if m.contains("429")));
        assert_eq!(p.rate_limited, MAX_LIMITED_IN_A_ROW);
    }

    #[test]
    fn stopping_ends_what_is_in_flight_and_sends_nothing_more() {
        let mut p = Pacer::new(vec![Status::Queued; 5], 2);
        assert_eq!(p.next(0), Next::Send(0));
        p.stop();
        assert_eq!(p.next(0), Next::Busy);
        p.report(0, Outcome::Done, 1);
        assert_eq!(p.next(1), Next::Finished);
        assert_eq!(p.counts(), Counts { total: 5, done: 1, stopped: 4, ..Counts::default() });
    }

    #[test]
    fn a_429_is_paced_anything_else_fails() {
        let limited = ApiError::Http { status: 429, body: None, correlation_id: None, retry_after: Some(2) };
        assert_eq!(outcome_of(&limited), Outcome::RateLimited(Some(2)));
        let refused = ApiError::Http { status: 403, body: None, correlation_id: None, retry_after: None };
        assert!(matches!(outcome_of(&refused), Outcome::Failed(m) if m.contains("permission")));
    }
}
