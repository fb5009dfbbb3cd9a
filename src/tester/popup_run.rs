//! A popup run: the popup's window, the channel its answer comes back on, and its watchdog
//! (a popup closed before it answered, or open too long, ends its run).

use super::handover;
use super::run::{Failure, Mode};
use super::runs::Runs;
use crate::browser::channel::Channel;
use crate::browser::{self, address, popup};
use crate::oauth::flow;
use leptos::prelude::*;
use std::time::Duration;

/// A popup that has not come back after this long is given up.
pub const POPUP_TIMEOUT_S: u64 = 120;

/// The popup of the run in progress: the channel its answer comes back on, and its watchdog
/// (the handle says when it closed, and closes it on time-out).
struct Open {
    id: u32,
    win: web_sys::Window,
    started: u64,
    _answer: Channel,
}

#[derive(Clone, Copy)]
pub(super) struct PopupRun(StoredValue<Option<Open>, LocalStorage>);

impl PopupRun {
    pub(super) fn watch(runs: Runs) -> PopupRun {
        let open = PopupRun(StoredValue::new_local(None));
        on_cleanup(move || open.0.set_value(None));
        // When the popup was first seen closed: its answer, posted just before it closed, may
        // still be on its way, so the run fails only if none came by the next tick.
        let closed_seen = StoredValue::new(None::<u32>);
        let tick = move || {
            let Some((id, win, started)) =
                open.0.with_value(|o| o.as_ref().map(|o| (o.id, o.win.clone(), o.started)))
            else {
                return;
            };
            let timed_out = browser::now_ms().saturating_sub(started) > POPUP_TIMEOUT_S * 1000;
            let closed = win.closed().unwrap_or(true);
            if closed && !timed_out && closed_seen.get_value() != Some(id) {
                closed_seen.set_value(Some(id));
                return;
            }
            if closed || timed_out {
                if timed_out {
                    let _ = win.close();
                }
                open.0.set_value(None);
                runs.no_return(id, if timed_out { Failure::NoReturn } else { Failure::PopupClosed });
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(500)) {
            on_cleanup(move || handle.clear());
        }
        open
    }

    /// Listens for the run's answer on its channel, then opens the popup (a popup still open
    /// for an earlier run is closed, that run given up). A browser without channels goes by
    /// redirect: the answer then comes back to this tab.
    pub(super) fn open(&self, runs: Runs, id: u32, begun: &flow::Begun) {
        let open = self.0;
        if let Some(earlier) = open.try_update_value(Option::take).flatten() {
            let _ = earlier.win.close();
            runs.no_return(earlier.id, Failure::PopupClosed);
        }
        let answer = handover::wait(&begun.state, move |arrival| {
            // (Not inside the channel's own listener: the channel is dropped here.)
            leptos::task::spawn_local(async move {
                open.set_value(None);
                if let Some((_, d)) = flow::take(&arrival, browser::now_ms()) {
                    runs.finish(d, Mode::Popup).await;
                }
            });
        });
        let Some(answer) = answer else {
            return address::go_to(&begun.url);
        };
        match popup::open(&begun.url) {
            Some(win) => open.set_value(Some(Open { id, win, started: browser::now_ms(), _answer: answer })),
            None => runs.no_return(id, Failure::PopupBlocked),
        }
    }
}
