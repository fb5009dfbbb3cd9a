//! The clients list's usage column: each client's use over the last 30 days, asked of the org
//! for the rows the admin looks at (or, for the "not used" filter, every row shown), three
//! clients at a time. Stop empties the queue; leaving the page stops it too.

use crate::app::{use_session, SessionCtx};
use crate::platform::usage::{self, Known};
use leptos::prelude::*;
use std::collections::{HashMap, VecDeque};

const WORKERS: usize = 3;
const DAYS: u32 = 30;

/// What the list knows of each client's use, and the clients waiting to be asked about.
#[derive(Clone, Copy)]
pub struct UsageCells {
    pub known: RwSignal<HashMap<String, Known>>,
    queue: StoredValue<VecDeque<String>>,
    workers: StoredValue<usize>,
    ctx: SessionCtx,
}

impl UsageCells {
    pub fn new() -> UsageCells {
        UsageCells {
            known: RwSignal::new(HashMap::new()),
            queue: StoredValue::new(VecDeque::new()),
            workers: StoredValue::new(0),
            ctx: use_session(),
        }
    }

    /// Asks about these clients (those not known or asked about yet).
    pub fn want(&self, ids: impl IntoIterator<Item = String>) {
        let fresh: Vec<String> =
            self.known.with_untracked(|k| ids.into_iter().filter(|id| !k.contains_key(id)).collect());
        if fresh.is_empty() {
            return;
        }
        self.known.update(|k| {
            fresh.iter().for_each(|id| {
                k.insert(id.clone(), Known::Asking);
            })
        });
        self.queue.update_value(|q| q.extend(fresh));
        while self.workers.get_value() < WORKERS {
            self.workers.update_value(|w| *w += 1);
            self.work();
        }
    }

    /// Asks again about these clients, whatever was known of them.
    pub fn ask_again(&self, ids: Vec<String>) {
        self.known.update(|k| {
            ids.iter().for_each(|id| {
                k.remove(id);
            })
        });
        self.want(ids);
    }

    /// Clients still waiting or being asked about.
    pub fn pending(&self) -> usize {
        self.known.with(|k| k.values().filter(|v| **v == Known::Asking).count())
    }

    /// Nothing more is asked; what was waiting is forgotten (asked again when wanted again).
    pub fn stop(&self) {
        let dropped: Vec<String> = self.queue.try_update_value(std::mem::take).unwrap_or_default().into();
        self.known.update(|k| {
            dropped.iter().for_each(|id| {
                k.remove(id);
            })
        });
    }

    fn work(self) {
        let ctx = self.ctx;
        leptos::task::spawn_local(async move {
            // The page went away: its values are gone, and the worker with them.
            while let Some(id) = self.queue.try_update_value(VecDeque::pop_front).flatten() {
                let result = ctx
                    .call("Could not read a client's usage", |api| {
                        let id = id.clone();
                        async move { usage::query(&api, &id, DAYS, crate::browser::now_ms, |_| {}).await }
                    })
                    .await;
                let known = match result {
                    Ok(r) => Known::of(&Ok(r)),
                    Err(f) if f.ended_session() => return,
                    Err(f) => Known::Failed(f.error.to_string()),
                };
                if self.known.try_update(|k| k.insert(id, known)).is_none() {
                    return;
                }
            }
            self.workers.try_update_value(|w| *w = w.saturating_sub(1));
        });
    }
}

impl Default for UsageCells {
    fn default() -> Self {
        Self::new()
    }
}
