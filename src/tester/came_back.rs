//! Back on the Tester with a run still waiting and no response: the browser came back without
//! the login page sending it (the Back button after an error page, or a run that lands on an
//! app's own address). Said plainly, with a way out, instead of a spinner that never stops.

use super::run::Failure;
use super::runs::Runs;
use leptos::prelude::*;

/// The run that came back without a response, once this page notices it (shown, or back from
/// the browser's page cache).
#[derive(Clone, Copy)]
pub struct CameBack(RwSignal<Option<u32>>);

impl CameBack {
    pub fn watch(runs: Runs) -> CameBack {
        let run = CameBack(RwSignal::new(None));
        // The page shown again from the browser's cache (Back from the login page): it runs on
        // as it was left, waiting.
        let shown = window_event_listener_untyped("pageshow", move |ev| {
            let persisted = js_sys::Reflect::get(&ev, &"persisted".into()).ok().and_then(|v| v.as_bool());
            if persisted == Some(true) {
                run.noticed(runs);
            }
        });
        on_cleanup(move || shown.remove());
        run
    }

    /// The page is here and no response came with it: a run still waiting came back without one.
    pub fn noticed(&self, runs: Runs) {
        self.0.set(runs.waiting_id());
    }
}

#[component]
pub fn CameBackNotice(came_back: CameBack, runs: Runs) -> impl IntoView {
    // Only while that run is the newest and still waits.
    let shown = move || came_back.0.get().filter(|id| runs.latest_done() == Some((*id, false)));
    let cancel = move |id: u32| {
        runs.no_return(id, Failure::NoReturn);
        came_back.0.set(None);
    };
    move || {
        shown().map(|id| {
            view! {
                <div class="notice notice-warn" role="status" id="tester-came-back">
                    <p>
                        <strong>{format!("Run {id} came back without a response. ")}</strong>
                        "The browser is back on this page, but the login page did not send it here. If it showed an error (an unknown client id, a redirect URI that is not registered, a disabled client), that error is this run's answer: cancel the run. If it sent you to your app's own address, paste that address below instead."
                    </p>
                    <button type="button" on:click=move |_| cancel(id)>"Cancel the run"</button>
                </div>
            }
        })
    }
}
