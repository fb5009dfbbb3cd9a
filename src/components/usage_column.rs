//! The clients list's usage column: each client's use over the last 30 days, asked of the org
//! (the flow [`column`], on the one pacer) for the rows the admin looks at (or, for the "not
//! used" filter, every row shown). Stop empties the queue; leaving the page stops it too.

use crate::app::{use_session, SessionCtx};
use crate::platform::usage::Known;
use crate::platform::usage_list::column;
use leptos::prelude::*;
use std::collections::{HashMap, VecDeque};

/// What the list knows of each client's use, and the clients waiting to be asked about.
#[derive(Clone, Copy)]
pub struct UsageCells {
    pub known: RwSignal<HashMap<String, Known>>,
    queue: StoredValue<VecDeque<String>>,
    /// The column's flow is running (it takes what is queued as it goes).
    running: StoredValue<bool>,
    ctx: SessionCtx,
}

impl UsageCells {
    pub fn new() -> UsageCells {
        UsageCells {
            known: RwSignal::new(HashMap::new()),
            queue: StoredValue::new(VecDeque::new()),
            running: StoredValue::new(false),
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
        if !self.running.get_value() {
            self.running.set_value(true);
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

    /// Runs the column's flow until its queue is empty (started again by [`Self::want`]).
    fn work(self) {
        let ctx = self.ctx;
        leptos::task::spawn_local(async move {
            let take = move || self.queue.try_update_value(VecDeque::pop_front).flatten();
            // The page went away: its values are gone, and the flow with them.
            let found = move |id, known| self.known.try_update(|k| k.insert(id, known)).is_some();
            // A 401 has ended the session (and the page); any other failure is each client's.
            let _ = ctx
                .call("Could not read a client's usage", |api| async move {
                    column(&api, crate::browser::now_ms, take, found).await
                })
                .await;
            self.running.try_set_value(false);
        });
    }
}

impl Default for UsageCells {
    fn default() -> Self {
        Self::new()
    }
}
