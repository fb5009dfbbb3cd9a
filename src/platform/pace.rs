//! The one pacer of the console's many-request work (a bulk action, an import, the list's usage
//! column): a few requests in flight, every one of them held while the org's `Retry-After`
//! runs, so a thousand complete under the org's rate limit. A failed client never stops the
//! others and can be run again alone. [`drive`] runs a [`Work`] on it.

use super::error::ApiError;
use super::retry::{retry_wait_s, sleep_ms};
use super::Clock;
use futures::future::LocalBoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use std::collections::VecDeque;

/// Requests in flight at once.
pub const MAX_IN_FLIGHT: usize = 3;
/// 429 answers in a row to one request before that client counts as failed.
pub const MAX_LIMITED_IN_A_ROW: u32 = 10;

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

    /// Would a client added now be sent at once (nothing queued, a request slot free)?
    pub fn has_room(&self) -> bool {
        self.queue.is_empty() && self.in_flight < self.max_in_flight
    }

    /// Adds a client at the end of the schedule; its index.
    pub fn push(&mut self) -> usize {
        self.status.push(Status::Queued);
        self.limited.push(0);
        self.queue.push_back(self.status.len() - 1);
        self.status.len() - 1
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

/// How a request's error counts for the pacer.
pub fn outcome_of(err: &ApiError) -> Outcome {
    match err {
        ApiError::Http { status: 429, retry_after, .. } => Outcome::RateLimited(*retry_after),
        e => Outcome::Failed(e.to_string()),
    }
}

/// What a paced run does for each of its clients.
pub trait Work {
    /// How one request ends.
    type Answer;
    /// Client `i`'s next request; `None` when it has none left.
    fn send(&mut self, i: usize) -> Option<LocalBoxFuture<'static, Self::Answer>>;
    /// What that answer means for client `i`.
    fn answered(&mut self, i: usize, answer: Self::Answer) -> Outcome;
    /// Adds clients that came in meanwhile ([`Pacer::push`]); called before every decision.
    fn feed(&mut self, _pacer: &mut Pacer) {}
    /// Nothing more is to be sent (asked before every decision).
    fn stopped(&self) -> bool;
    /// Called after every change of the schedule.
    fn tick(&mut self, _pacer: &Pacer) {}
}

/// Runs `work` on `pacer` until every client is finished (or stopped).
pub async fn drive(pacer: &mut Pacer, clock: Clock, work: &mut impl Work) {
    let mut in_flight = FuturesUnordered::new();
    loop {
        work.feed(pacer);
        if work.stopped() {
            pacer.stop();
        }
        let now = clock();
        match pacer.next(now) {
            Next::Send(i) => {
                let Some(request) = work.send(i) else {
                    pacer.report(i, Outcome::Done, now);
                    continue;
                };
                in_flight.push(async move { (i, request.await) });
                work.tick(pacer);
            }
            // In slices, so that Stop is heard while the org's Retry-After runs.
            Next::WaitUntil(t) => sleep_ms(t.saturating_sub(now).clamp(1, 250)).await,
            Next::Busy => {
                let Some((i, answer)) = in_flight.next().await else { continue };
                let outcome = work.answered(i, answer);
                pacer.report(i, outcome, clock());
                work.tick(pacer);
            }
            Next::Finished => break,
        }
    }
    work.tick(pacer);
}

#[cfg(test)]
// Natively only: the executor and proptest are native dev-dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

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

    #[test]
    fn clients_added_meanwhile_are_run_after_the_others() {
        let mut p = Pacer::new(vec![Status::Queued], 2);
        assert_eq!(p.next(0), Next::Send(0));
        assert_eq!(p.next(0), Next::Busy, "nothing else queued");
        assert_eq!(p.push(), 1);
        assert_eq!(p.next(0), Next::Send(1));
        p.report(1, Outcome::RateLimited(Some(1)), 0);
        p.report(0, Outcome::Done, 0);
        assert_eq!(p.next(1000), Next::Send(1), "an added client is held and sent again like any");
        p.report(1, Outcome::Done, 1000);
        assert_eq!(p.next(1000), Next::Finished);
        assert_eq!(p.counts().done, 2);
    }
    /// Work whose requests answer at once; clients come in while it runs.
    struct Fed {
        incoming: VecDeque<Vec<u32>>,
        ids: Vec<u32>,
        sent: Vec<u32>,
        answered: Vec<u32>,
        ticks: std::cell::Cell<u32>,
    }

    impl Work for Fed {
        type Answer = u32;
        fn send(&mut self, i: usize) -> Option<LocalBoxFuture<'static, u32>> {
            let id = self.ids[i];
            self.sent.push(id);
            Some(Box::pin(async move { id }))
        }
        fn answered(&mut self, _: usize, id: u32) -> Outcome {
            self.answered.push(id);
            Outcome::Done
        }
        fn feed(&mut self, pacer: &mut Pacer) {
            // A new row or two each time one answers.
            if self.answered.len() >= self.ids.len().saturating_sub(1) {
                for id in self.incoming.pop_front().unwrap_or_default() {
                    pacer.push();
                    self.ids.push(id);
                }
            }
        }
        fn stopped(&self) -> bool {
            false
        }
        fn tick(&mut self, _: &Pacer) {
            self.ticks.set(self.ticks.get() + 1);
        }
    }

    #[test]
    fn drive_runs_every_client_fed_in_once() {
        let mut work = Fed {
            incoming: vec![vec![1, 2], vec![3], vec![4, 5, 6]].into(),
            ids: vec![],
            sent: vec![],
            answered: vec![],
            ticks: Default::default(),
        };
        let mut pacer = Pacer::new(vec![], MAX_IN_FLIGHT);
        futures::executor::block_on(drive(&mut pacer, || 0, &mut work));
        let mut answered = work.answered.clone();
        answered.sort();
        assert_eq!(answered, [1, 2, 3, 4, 5, 6]);
        assert_eq!(work.sent, [1, 2, 3, 4, 5, 6], "each sent once, in the order it came");
        assert_eq!(pacer.counts().done, 6);
        assert!(work.ticks.get() >= 12, "a tick for every send and every answer");
    }
}
