//! The clients list's usage column as a flow: each client's use over the last 30 days asked of
//! the org, for the clients the list hands in as they come (the rows looked at), on the one
//! [`Pacer`]: three at a time, every one held while the org's `Retry-After` runs.

use super::api::Api;
use super::error::ApiError;
use super::pace::{drive, outcome_of, Outcome, Pacer, Status, Work, MAX_IN_FLIGHT};
use super::usage::{query, Known};
use super::Clock;
use futures::future::LocalBoxFuture;

/// The window the list shows, in days.
pub const DAYS: u32 = 30;

/// Asks about each client `take` hands out until it hands out none and every answer is in;
/// `found(id, known)` is told each answer and says whether to go on (false: the list went
/// away). A 401 stops it and is returned.
pub async fn column(
    api: &Api,
    clock: Clock,
    take: impl FnMut() -> Option<String>,
    found: impl FnMut(String, Known) -> bool,
) -> Result<(), ApiError> {
    let api = api.clone().paced();
    let mut work =
        Column { api, clock, ids: Vec::new(), told: Vec::new(), take, found, gone: false, ended: None };
    let mut pacer = Pacer::new(Vec::new(), MAX_IN_FLIGHT);
    drive(&mut pacer, clock, &mut work).await;
    work.ended.map_or(Ok(()), Err)
}

impl<T, F: FnMut(String, Known) -> bool> Column<T, F> {
    fn tell(&mut self, i: usize, known: Known) {
        self.told[i] = true;
        self.gone = self.gone || !(self.found)(self.ids[i].clone(), known);
    }
}

struct Column<T, F> {
    api: Api,
    clock: Clock,
    /// The client of each of the pacer's entries, and whether the list was told of it.
    ids: Vec<String>,
    told: Vec<bool>,
    take: T,
    found: F,
    gone: bool,
    ended: Option<ApiError>,
}

impl<T: FnMut() -> Option<String>, F: FnMut(String, Known) -> bool> Work for Column<T, F> {
    type Answer = Result<Known, ApiError>;

    fn send(&mut self, i: usize) -> Option<LocalBoxFuture<'static, Self::Answer>> {
        let (api, id, clock) = (self.api.clone(), self.ids[i].clone(), self.clock);
        Some(Box::pin(async move {
            let answer = query(&api, &id, DAYS, clock, |_| {}).await;
            match answer {
                Err(e) if e.is_unauthorized() || matches!(e, ApiError::Http { status: 429, .. }) => Err(e),
                answer => Ok(Known::of(&answer)),
            }
        }))
    }

    fn answered(&mut self, i: usize, answer: Self::Answer) -> Outcome {
        match answer {
            Ok(known) => {
                self.tell(i, known);
                Outcome::Done
            }
            Err(e) if e.is_unauthorized() => {
                let said = e.to_string();
                self.ended = Some(e);
                Outcome::Failed(said)
            }
            Err(e) => outcome_of(&e),
        }
    }

    /// Takes a client only when it can be sent at once: what waits stays in the list's queue,
    /// which Stop empties.
    fn feed(&mut self, pacer: &mut Pacer) {
        while let Some(id) = (pacer.has_room() && !self.stopped()).then(|| (self.take)()).flatten() {
            pacer.push();
            self.ids.push(id);
            self.told.push(false);
        }
    }

    /// A client the org kept refusing with 429s is told as failed at once, not left asking.
    fn tick(&mut self, pacer: &Pacer) {
        // (After a 401 the session is over, and the list with it: nothing more is told.)
        if self.ended.is_some() {
            return;
        }
        for (i, status) in pacer.status.iter().enumerate() {
            match status {
                Status::Failed(why) if !self.told[i] => self.tell(i, Known::Failed(why.clone())),
                _ => {}
            }
        }
    }

    fn stopped(&self) -> bool {
        self.gone || self.ended.is_some()
    }
}
