//! The admin session in context: `provide_session` / `use_session`. The tab's sessions are the
//! machine [`Sessions`]; this context holds it in one signal, changes it only by
//! [`SessionCtx::apply`] (in [`super::effects`], which runs what it says to do), and keeps
//! beside it what the pages show of it: the clock, what it is busy with, the notices.

use super::notice::Notice;
use super::prefs;
use super::status::{Busy, Status};
use crate::browser::{self, address};
use crate::env::Environment;
use crate::oauth::flow::{self, Arrival, Delivery};
use crate::oauth::pending::Owner;
use crate::oauth::session::Session;
use crate::oauth::sessions::{Event, Sessions};
use crate::oauth::store;
use crate::platform::api::Api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The session in context. Its signals are private to `app`.
#[derive(Clone, Copy)]
pub struct SessionCtx {
    /// The tab's sessions: changed only through [`SessionCtx::apply`].
    pub(super) sessions: RwSignal<Sessions>,
    pub(super) busy: RwSignal<Option<Busy>>,
    pub(super) notice: RwSignal<Option<Notice>>,
    /// Wall clock in ms, ticking once a second.
    pub(super) now: RwSignal<u64>,
    /// A message for the page at a path, shown after navigating there ("Saved", "Deleted").
    pub(super) flash: RwSignal<Option<(String, Notice)>>,
    /// How many sessions ended for inactivity: what a page keeps revealed is hidden again.
    pub(super) inactive_ends: RwSignal<u32>,
    /// The local inactivity limit in seconds (0: off), as remembered in this browser.
    pub(super) idle_limit_s: RwSignal<u64>,
    /// Is the local sandbox org answering? (See [`super::start`].)
    pub(super) sandbox_up: RwSignal<Option<super::status::SandboxAnswer>>,
    /// Batches of writes running (no switch meanwhile).
    pub(super) batches: RwSignal<u32>,
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

/// Creates the session context (inside `<Router>`), completes a returning sign-in or restores
/// the tab's session, and watches the clock. A response for the Login tester goes to
/// `to_tester`, and the app to its page.
pub fn provide_session(arrival: Option<Arrival>, to_tester: Callback<Delivery>) -> SessionCtx {
    let ctx = SessionCtx {
        sessions: RwSignal::new(Sessions::default()),
        busy: RwSignal::new(None),
        notice: RwSignal::new(None),
        now: RwSignal::new(browser::now_ms()),
        flash: RwSignal::new(None),
        inactive_ends: RwSignal::new(0),
        idle_limit_s: RwSignal::new(prefs::idle_limit_s()),
        sandbox_up: RwSignal::new(None),
        batches: RwSignal::new(0),
    };
    provide_context(ctx);
    if let Ok(handle) =
        set_interval_with_handle(move || ctx.now.set(browser::now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    // The tab's sessions first: a rejected callback (a replay, say) leaves them in place.
    ctx.apply(Event::Loaded {
        shown: store::load_session(),
        shelf: store::load_shelf(),
        show_progress: arrival.is_none(),
    });
    if let Some(said) = super::places::take_switched() {
        ctx.flash(&address::current_path(), Notice::info(said));
    }
    let navigate = leptos_router::hooks::use_navigate();
    // `opened`: the response opened this page (the login host's redirect).
    let accept = move |arrival: Arrival, opened: bool| {
        let Some((owner, delivery)) = flow::take(&arrival, browser::now_ms()) else { return };
        let navigate = navigate.clone();
        let landing = opened && owner == Owner::Admin;
        ctx.busy.set(Some(if landing { Busy::Landing } else { Busy::Completing }));
        spawn_local(async move {
            let next = match owner {
                Owner::Tester => {
                    to_tester.run(delivery);
                    Some("/tester".to_string())
                }
                Owner::Admin => ctx.complete(delivery).await,
            };
            if let Some(path) = next {
                navigate(&path, Default::default());
            }
            ctx.busy.set(None);
        });
    };
    if let Some(arrival) = arrival {
        accept(arrival, true);
    }
    // A response pasted into this tab's address bar changes only the fragment: no reload, so it
    // is captured (and removed) here, and judged like any other.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(arrival) = flow::take_capture() {
            accept(arrival, false);
        }
    });
    on_cleanup(move || listener.remove());
    // The clock's tick: a token that ran out ends its session, an idle check falls due.
    Effect::new(move |_| {
        ctx.now.track();
        ctx.apply(Event::Tick);
    });
    ctx
}

impl SessionCtx {
    /// The session (tracked).
    pub fn session(&self) -> Option<Session> {
        self.sessions.with(|s| s.shown.clone())
    }

    /// The session shown (untracked).
    pub fn session_untracked(&self) -> Option<Session> {
        self.sessions.with_untracked(|s| s.shown.clone())
    }

    pub fn is_signed_in(&self) -> bool {
        self.sessions.with(|s| s.shown.is_some())
    }

    /// The sessions on the shelf, newest first (tracked).
    pub fn shelf(&self) -> Vec<Session> {
        self.sessions.with(|s| s.shelf.clone())
    }

    /// How many sessions wait on the shelf (tracked).
    pub fn shelf_len(&self) -> usize {
        self.sessions.with(|s| s.shelf.len())
    }

    /// Is anyone signed in, shown or on the shelf (untracked)?
    pub fn has_any_session(&self) -> bool {
        self.sessions.with_untracked(Sessions::any)
    }

    /// Is anyone signed in, shown or on the shelf (tracked)?
    pub(super) fn any_session(&self) -> bool {
        self.sessions.with(Sessions::any)
    }

    /// The wall clock in ms (tracked: ticks once a second).
    pub fn now(&self) -> u64 {
        self.now.get()
    }

    /// When the token expires (tracked), while signed in.
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.sessions.with(|s| s.shown.as_ref().map(|s| s.expires_at_ms))
    }

    /// Whole seconds left of the token (tracked), while signed in.
    pub fn remaining_s(&self) -> Option<i64> {
        let now = self.now.get();
        self.sessions.with(|s| s.shown.as_ref().map(|s| s.remaining_s(now)))
    }

    /// Where the session stands (tracked).
    pub fn status(&self) -> Status {
        let now = self.now.get();
        let phase = self.sessions.with(|s| s.shown.as_ref().map(|s| s.phase(now)));
        Status::of(self.busy.get(), phase)
    }

    /// Is the admin sign-in that opened this page being completed (tracked)?
    pub fn is_landing(&self) -> bool {
        self.busy.with(|b| *b == Some(Busy::Landing))
    }

    /// What the session is busy with, in words (tracked).
    pub fn busy_label(&self) -> Option<&'static str> {
        self.busy.get().map(Busy::label)
    }

    /// The session-wide message (tracked).
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    pub fn dismiss_notice(&self) {
        self.notice.set(None);
    }

    /// Shows a message above the page at `path` (while it is the current page).
    pub fn flash(&self, path: &str, n: Notice) {
        self.flash.set(Some((path.to_string(), n)));
    }

    /// The message left for the page at `path` (tracked).
    pub fn flash_for(&self, path: &str) -> Option<Notice> {
        self.flash.with(|f| f.as_ref().filter(|(p, _)| p == path).map(|(_, n)| n.clone()))
    }

    pub fn dismiss_flash(&self) {
        self.flash.set(None);
    }

    /// The API handle of the session (untracked); `None` when signed out.
    pub fn api(&self) -> Option<(Api, Environment)> {
        self.sessions.with_untracked(|s| s.shown.as_ref().map(|s| (s.api(), s.env.clone())))
    }

    /// The shown session's token (untracked), to tell whose a refusal is.
    pub(super) fn token(&self) -> Option<crate::secret::Secret> {
        self.sessions.with_untracked(|s| s.shown.as_ref().map(|s| s.token.clone()))
    }

    /// May the admin switch now (tracked)? Not while signing in or out, nor while a batch runs
    /// (a switch loads the page afresh, which would cut it off).
    pub fn can_switch(&self) -> bool {
        self.busy_label().is_none() && self.batches.get() == 0
    }

    /// A batch of writes starts (`true`) or ends (`false`): no switch meanwhile.
    pub fn batch_running(&self, running: bool) {
        self.batches.update(|n| *n = if running { *n + 1 } else { n.saturating_sub(1) });
    }

    /// The org refused `token` (a 401): the session it belongs to ends, the shown one or a
    /// shelved one (a write that began before a switch may finish after it).
    ///
    /// It ends in a task of its own, not inside the read or write that met the 401: that read's
    /// answer wakes its page's views, and a session ending in the same step would take the page
    /// away while they are still queued to run, on values already gone (a panic, which aborts
    /// the app). The caller already knows the session ended (its `Fault` says so) and touches
    /// nothing more of the page.
    pub(super) fn refused(&self, token: &crate::secret::Secret, error: &crate::platform::error::ApiError) {
        self.apply_later(Event::Refused { token: token.clone(), error: error.clone() });
    }

    /// The admin, signed in as `by` when the write began, stopped (`how`) the client named `name`
    /// that session signed in with: it ends (in a task of its own, as after a 401) and says why,
    /// and the sign-in screen no longer offers that client for its environment and method.
    pub fn stopped_own_client(&self, by: &Session, name: String, how: crate::platform::actions::Stop) {
        prefs::forget_client_id(&by.env, by.method);
        self.apply_later(Event::StoppedOwnClient { token: by.token.clone(), name, how });
    }

    /// [`Self::apply`], in a task of its own: for an event that ends the session from inside a
    /// page's read or write (see [`Self::refused`]).
    fn apply_later(&self, event: Event) {
        let ctx = *self;
        browser::after_ms(0, move || {
            ctx.apply(event);
        });
    }

    /// Revokes the token (and the Tester runs' tokens), forgets everything of the tab's session
    /// (the session, drafts, Tester runs, pending sign-ins; preferences stay), then visits the
    /// login host's logout page. With sessions of other environments on the shelf, only this
    /// one's session and drafts go: the others stay, to switch to.
    pub fn sign_out(&self) {
        self.apply(Event::SignOut);
    }
}
