//! The connection to the org as the user should know it: offline, or a request waiting before
//! it is sent again (429 `Retry-After`, a 5xx, no answer), with the seconds left.

use crate::app::use_session;
use crate::browser;
use crate::platform::retry::{self, Wait};
use leptos::prelude::*;

/// A status line under the header, shown only while something is wrong.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let ctx = use_session();
    // (request serial, its wait, when it is sent again in ms)
    let waits = RwSignal::new(Vec::<(u32, Wait, u64)>::new());
    retry::on_wait(move |serial, wait| {
        waits.update(|w| {
            w.retain(|(s, _, _)| *s != serial);
            if let Some(wait) = wait {
                let until = browser::now_ms() + wait.ms;
                w.push((serial, wait, until));
            }
        })
    });
    let offline = RwSignal::new(retry::offline());
    let on = window_event_listener(leptos::ev::online, move |_| offline.set(false));
    let off = window_event_listener(leptos::ev::offline, move |_| offline.set(true));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    // The reason is announced once per wait; the seconds tick on screen only.
    let reason = Memo::new(move |_| waits.with(|w| w.last().map(|(_, wait, _)| wait.reason())));
    let left = move || {
        let now = ctx.now();
        waits.with(|w| w.last().map(|(_, _, until)| Wait::when(until.saturating_sub(now).div_ceil(1000))))
    };
    view! {
        <div class="connection" role="status" aria-live="polite">
            {move || offline.get().then(|| view! {
                <p class="banner warn" id="offline">
                    "You are offline. Nothing is sent until you reconnect; what you typed is kept."
                </p>
            })}
            {move || reason.get().map(|r| view! {
                <p class="banner warn" id="api-wait"><span>{r}<span aria-hidden="true">{left}</span></span></p>
            })}
        </div>
    }
}
