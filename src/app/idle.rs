//! Inactivity: the org's idle timeout (`dateTokenIdles`) and an optional local limit (for
//! HIPAA-minded orgs: 15 minutes). Either ends the session with the reason, and hides what was
//! revealed.

use super::context::SessionCtx;
use super::prefs;
use crate::browser;
use crate::oauth::session::iso_ms;
use crate::oauth::store;
use crate::platform::rules::words;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// When a check of the org's idle time fails for another reason, ask again after this long.
const RECHECK_MS: u64 = 30_000;
/// The org's idle time is never asked again sooner than this (an org clock ahead of the
/// browser's would otherwise be asked on every answer).
const MIN_RECHECK_MS: u64 = 5_000;

/// When to ask the org again, after it said the token idles at `org_idles_at` (`None`: never).
pub fn next_idle_check(org_idles_at: Option<u64>, now_ms: u64) -> Option<u64> {
    org_idles_at.map(|at| at.max(now_ms.saturating_add(MIN_RECHECK_MS)))
}

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
            ctx.end_inactive(&signed_out_after(limit), true);
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
    Effect::new(move |_| {
        let now = ctx.now.get();
        if !ctx.session.with(Option::is_some) && ctx.shelf.with(Vec::is_empty) {
            last_activity.set_value(now);
            return;
        }
        let limit = ctx.idle_limit_s.get_untracked();
        if limit_reached(limit, last_activity.get_value(), now) {
            ctx.end_inactive(&signed_out_after(limit), true);
        } else if ctx.session.with(|s| s.as_ref().is_some_and(|s| s.idle_check_due(now))) {
            ctx.check_idle(now);
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

    /// The org's idle time as it last said has come: ask it again (`tokens/me` without resetting
    /// the idle timer). A refusal ends the session; otherwise the new time is kept.
    fn check_idle(&self, now: u64) {
        let ctx = *self;
        let Some(s) = ctx.session.get_untracked() else { return };
        // Not again while this check runs.
        ctx.session.update(|s| {
            if let Some(s) = s {
                s.idles_at_ms = Some(now + RECHECK_MS);
            }
        });
        spawn_local(async move {
            let answer = s.api().tokens_me().await;
            if ctx.session.with_untracked(|cur| cur.as_ref().is_none_or(|cur| cur.token != s.token)) {
                return;
            }
            match answer {
                Ok(info) => {
                    ctx.session.update(|cur| {
                        if let Some(cur) = cur {
                            let said = info.date_token_idles.as_deref().and_then(iso_ms);
                            cur.idles_at_ms = next_idle_check(said, browser::now_ms());
                            store::save_session(cur);
                        }
                    });
                }
                Err(e) if e.is_unauthorized() => ctx.end_inactive(SIGNED_OUT_IDLE, false),
                Err(_) => {}
            }
        });
    }

    /// Ends the session for inactivity: the token is dropped (and revoked when the org may still
    /// accept it), what was revealed is hidden, and the user is told why.
    /// `local`: the local limit passed, and every session of the tab ends, the shelved ones
    /// too, their tokens revoked. Otherwise the org said the shown session's token went idle:
    /// that one ends (the other environments' tokens are theirs to judge).
    fn end_inactive(&self, why: &str, local: bool) {
        if !self.has_any_session() {
            return;
        }
        if local {
            self.end_all(why);
        } else {
            self.end(why);
        }
        self.inactive_ends.update(|n| *n += 1);
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
        assert_eq!(next_idle_check(None, 1_000), None);
        assert_eq!(next_idle_check(Some(60_000), 1_000), Some(60_000));
        assert_eq!(next_idle_check(Some(500), 1_000), Some(6_000), "an org clock ahead is not asked at once");
    }
}
