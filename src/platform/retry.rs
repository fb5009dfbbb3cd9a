//! When a failed request is sent again, and what the user is told while it waits: a 429 (not
//! processed) after `Retry-After` whatever the method; a 5xx or no answer only for requests
//! that can safely be sent twice; nothing while the browser is offline.

use super::error::ApiError;

/// How many times a 429 is retried, honouring `Retry-After` (capped at [`MAX_RETRY_WAIT_S`]).
pub const MAX_429_RETRIES: u32 = 3;
pub const MAX_RETRY_WAIT_S: u64 = 30;
/// How many times an idempotent request (GET, PUT) is sent again after a 5xx or a lost
/// connection, waiting [`FAULT_BACKOFF_MS`] doubled each time.
pub const MAX_FAULT_RETRIES: u32 = 3;
pub const FAULT_BACKOFF_MS: u64 = 500;

/// The seconds to wait before retry `attempt` (0-based) of a 429 answer.
pub fn retry_wait_s(retry_after: Option<u64>, attempt: u32) -> u64 {
    retry_after.unwrap_or(1u64 << attempt.min(5)).clamp(1, MAX_RETRY_WAIT_S)
}

/// May a request be sent again after a failure that may have been processed (a 5xx, a lost
/// connection)? A 429 was not processed: every request is sent again after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// GET, PUT (a full replace): sending it twice does what sending it once does.
    Idempotent,
    /// POST, DELETE: never sent twice blindly; the caller finds out what happened.
    OnlyRateLimit,
}

/// Why a request waits before it is sent again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// 429: the org asked to slow down.
    RateLimited,
    /// 5xx from the org.
    ServerError(u16),
    /// No answer (connection lost, timeout).
    NoAnswer,
}

/// A request waiting before it is sent again: why, for how long, which retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wait {
    pub reason: WaitReason,
    pub ms: u64,
    /// 1-based.
    pub attempt: u32,
    pub of: u32,
}

impl Wait {
    /// Why the request waits, and which retry comes (announced once).
    pub fn reason(&self) -> String {
        let why = match self.reason {
            WaitReason::RateLimited => "Genesys Cloud asked to slow down (HTTP 429)".to_string(),
            WaitReason::ServerError(s) => format!("Genesys Cloud failed to answer (HTTP {s})"),
            WaitReason::NoAnswer => "No answer from Genesys Cloud".to_string(),
        };
        format!("{why}: retry {} of {}", self.attempt, self.of)
    }

    /// When, `secs_left` before it is sent again (shown, ticking; not announced).
    pub fn when(secs_left: u64) -> String {
        if secs_left == 0 {
            ", sending again now.".to_string()
        } else {
            format!(", sending again in {secs_left} s.")
        }
    }
}

/// The retries a request has had so far, counted apart: a 429 may still be sent again after
/// three 5xx answers, and the other way round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tries {
    pub limited: u32,
    pub faults: u32,
}

/// Whether, and after how long, a failed request is sent again.
pub fn retry_plan(retry: Retry, err: &ApiError, tries: Tries) -> Option<Wait> {
    let backoff = || FAULT_BACKOFF_MS << tries.faults.min(5);
    let (reason, ms, done, of) = match err {
        ApiError::Http { status: 429, retry_after, .. } => (
            WaitReason::RateLimited,
            retry_wait_s(*retry_after, tries.limited) * 1000,
            tries.limited,
            MAX_429_RETRIES,
        ),
        ApiError::Http { status: s @ 500..=599, retry_after, .. } if retry == Retry::Idempotent => {
            // A 503 may say when to come back.
            let ms = retry_after.map_or_else(backoff, |s| s.clamp(1, MAX_RETRY_WAIT_S) * 1000);
            (WaitReason::ServerError(*s), ms, tries.faults, MAX_FAULT_RETRIES)
        }
        ApiError::Network { .. } if retry == Retry::Idempotent => {
            (WaitReason::NoAnswer, backoff(), tries.faults, MAX_FAULT_RETRIES)
        }
        _ => return None,
    };
    (done < of).then_some(Wait { reason, ms, attempt: done + 1, of })
}

/// Waits `ms` milliseconds (the browser's timer).
pub async fn sleep_ms(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u64) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What is told of waits: the request's serial number and its wait, or `None` at its end.
type WaitHook = std::rc::Rc<dyn Fn(u32, Option<Wait>)>;

thread_local! {
    /// Told of every wait before a retry (`Some`), and of its end (`None`), with the request's
    /// serial number: the app shows what is waiting.
    static ON_WAIT: std::cell::RefCell<Option<WaitHook>> = const { std::cell::RefCell::new(None) };
    static SERIAL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Registers what is told of every wait before a retry (the app's status line).
pub fn on_wait(f: impl Fn(u32, Option<Wait>) + 'static) {
    ON_WAIT.with(|w| *w.borrow_mut() = Some(std::rc::Rc::new(f)));
}

pub(super) fn tell_wait(serial: u32, wait: Option<Wait>) {
    if let Some(f) = ON_WAIT.with(|w| w.borrow().clone()) {
        f(serial, wait);
    }
}

/// Is the browser offline (`navigator.onLine` false)?
pub fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// A new request's serial number (its waits are told under it).
pub(super) fn next_serial() -> u32 {
    SERIAL.with(|s| {
        s.set(s.get().wrapping_add(1));
        s.get()
    })
}

/// Clears a request's wait from the status line when the request ends or is dropped.
pub(super) struct WaitShown(pub(super) u32);

impl Drop for WaitShown {
    fn drop(&mut self) {
        tell_wait(self.0, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_waits() {
        assert_eq!(retry_wait_s(Some(5), 0), 5);
        assert_eq!(retry_wait_s(Some(0), 0), 1);
        assert_eq!(retry_wait_s(Some(600), 0), MAX_RETRY_WAIT_S);
        assert_eq!(retry_wait_s(None, 0), 1);
        assert_eq!(retry_wait_s(None, 2), 4);
    }

    #[test]
    fn what_is_sent_again() {
        let http = |status| ApiError::Http { status, body: None, correlation_id: None, retry_after: None };
        let limited = ApiError::Http { status: 429, body: None, correlation_id: None, retry_after: Some(4) };
        let lost = ApiError::Network { url: "u".into() };
        let t = |limited, faults| Tries { limited, faults };
        // A 429 was not processed: any request waits Retry-After and goes again, 3 times.
        for retry in [Retry::Idempotent, Retry::OnlyRateLimit] {
            let w = retry_plan(retry, &limited, t(0, 0)).unwrap();
            assert_eq!((w.reason, w.ms, w.attempt, w.of), (WaitReason::RateLimited, 4000, 1, 3));
            assert_eq!(retry_plan(retry, &limited, t(3, 0)), None);
            // Counted apart from 5xx retries.
            assert_eq!(retry_plan(retry, &limited, t(0, 3)).unwrap().attempt, 1);
        }
        // 5xx and no answer: only what is safe to send twice, with a doubling backoff.
        assert_eq!(retry_plan(Retry::Idempotent, &http(503), t(0, 0)).unwrap().ms, 500);
        assert_eq!(retry_plan(Retry::Idempotent, &http(500), t(0, 2)).unwrap().ms, 2000);
        assert_eq!(retry_plan(Retry::Idempotent, &http(500), t(0, 3)), None);
        assert_eq!(retry_plan(Retry::Idempotent, &http(500), t(3, 0)).unwrap().attempt, 1);
        let unavailable =
            ApiError::Http { status: 503, body: None, correlation_id: None, retry_after: Some(2) };
        assert_eq!(retry_plan(Retry::Idempotent, &unavailable, t(0, 0)).unwrap().ms, 2000, "a 503 says when");
        assert_eq!(retry_plan(Retry::Idempotent, &lost, t(0, 1)).unwrap().reason, WaitReason::NoAnswer);
        assert_eq!(
            retry_plan(Retry::OnlyRateLimit, &http(502), t(0, 0)),
            None,
            "a create is never sent twice blindly"
        );
        assert_eq!(retry_plan(Retry::OnlyRateLimit, &lost, t(0, 0)), None);
        // What the request's answer decides is never retried.
        for s in [400, 401, 403, 404, 409] {
            assert_eq!(retry_plan(Retry::Idempotent, &http(s), t(0, 0)), None, "{s}");
        }
        assert_eq!(retry_plan(Retry::Idempotent, &ApiError::Offline, t(0, 0)), None);
        let w = retry_plan(Retry::Idempotent, &limited, t(1, 0)).unwrap();
        assert_eq!(
            w.reason() + &Wait::when(3),
            "Genesys Cloud asked to slow down (HTTP 429): retry 2 of 3, sending again in 3 s."
        );
        assert_eq!(
            retry_plan(Retry::Idempotent, &http(503), t(0, 0)).unwrap().reason() + &Wait::when(0),
            "Genesys Cloud failed to answer (HTTP 503): retry 1 of 3, sending again now."
        );
    }
}
