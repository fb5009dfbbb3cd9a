//! A token's time left, ticking with the session's clock.

use crate::app::use_session;
use crate::oauth::session::format_countdown;
use leptos::prelude::*;

/// `h:mm:ss` until `expires_at_ms` (wall clock, ms), `0:00` once over.
#[component]
pub fn Countdown(#[prop(into)] expires_at_ms: Signal<Option<u64>>) -> impl IntoView {
    let ctx = use_session();
    move || {
        let now = ctx.now();
        expires_at_ms.get().map(|at| format_countdown((at as i64 - now as i64).div_euclid(1000)))
    }
}
