//! Inactivity: the org's idle timeout (`dateTokenIdles`) and an optional local limit (for
//! HIPAA-minded orgs: 15 minutes). Either ends the session with the reason, and hides what was
//! revealed.

use super::context::SessionCtx;
use super::prefs;
use crate::browser;
use crate::oauth::sessions::Event;
use crate::platform::dates::words;
use leptos::prelude::*;

/// What the user reads after the org's idle timeout.
pub const SIGNED_OUT_IDLE: &str =
    "You were signed out after inactivity: the org no longer accepts the token. Sign in again.";

/// What the user reads after the local limit.
pub fn signed_out_after(limit_s: u64) -> String {
    format!(
        "You were signed out after {} without activity (the limit set in this browser). Sign in again.",
        words(limit_s)
    )
}

/// Is the local limit reached? `limit_s` 0 is off.
pub fn limit_reached(limit_s: u64, last_activity_ms: u64, now_ms: u64) -> bool {
    limit_s > 0 && now_ms.saturating_sub(last_activity_ms) >= limit_s.saturating_mul(1000)
}

/// Watches the clock and the user's activity for the session in `ctx`.
pub(crate) fn watch(ctx: SessionCtx) {
    let last_activity = StoredValue::new(browser::now_ms());
    // Activity counts only while the limit is not already reached (a tab that slept past it
    // signs out at the first key, rather than carrying on).
    let active = move || {
        let (now, limit) = (browser::now_ms(), ctx.idle_limit_s.get_untracked());
        if ctx.has_any_session() && limit_reached(limit, last_activity.get_value(), now) {
            ctx.apply(Event::InactiveLocally { limit_s: limit });
        }
        last_activity.set_value(now);
    };
    let keys = window_event_listener(leptos::ev::keydown, move |_| active());
    let pointer = window_event_listener(leptos::ev::pointerdown, move |_| active());
    let wheel = window_event_listener(leptos::ev::wheel, move |_| active());
    on_cleanup(move || {
        keys.remove();
        pointer.remove();
        wheel.remove();
    });
    // (The org's idle time is asked by the sessions' clock tick.)
    Effect::new(move |_| {
        let now = ctx.now.get();
        if !ctx.any_session() {
            last_activity.set_value(now);
            return;
        }
        let limit = ctx.idle_limit_s.get_untracked();
        if limit_reached(limit, last_activity.get_value(), now) {
            ctx.apply(Event::InactiveLocally { limit_s: limit });
        }
    });
}

impl SessionCtx {
    /// The local inactivity limit in seconds (tracked; 0: off).
    pub fn idle_limit_s(&self) -> u64 {
        self.idle_limit_s.get()
    }

    /// Sets the local inactivity limit, and remembers it in this browser.
    pub fn set_idle_limit_s(&self, seconds: u64) {
        prefs::set_idle_limit_s(seconds);
        self.idle_limit_s.set(seconds);
    }

    /// How many sessions ended for inactivity (tracked): pages hide what they revealed when it
    /// changes.
    pub fn inactive_ends(&self) -> u32 {
        self.inactive_ends.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_limit() {
        assert!(!limit_reached(0, 0, u64::MAX), "off");
        assert!(!limit_reached(900, 1_000, 900_999));
        assert!(limit_reached(900, 1_000, 901_000));
        assert!(!limit_reached(900, 5_000, 1_000), "a clock that went back is no inactivity");
        assert!(signed_out_after(900).contains("15 min"));
    }
}
