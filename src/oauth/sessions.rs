//! The tab's sessions as a machine: the one shown and the ones kept on the shelf beside it,
//! changed only by [`Sessions::apply`], which takes an [`Event`] (a sign-in completed, the org's
//! answer about a token, a tick of the clock, a switch, a sign-out…) and returns the
//! [`Effect`]s to run (store, revoke, go to a page, tell the user…). Pure: the app's context
//! runs the effects and feeds back what they found as events; the native tests drive it with
//! every sequence of events.

use super::session::{Phase, Session};
use super::shelf;
use crate::env::Environment;
use crate::platform::actions::Stop;
use crate::platform::error::ApiError;
use crate::secret::Secret;

/// When a check of the org's idle time fails for another reason, ask again after this long.
pub const IDLE_RECHECK_MS: u64 = 30_000;
/// The org's idle time is never asked again sooner than this (an org clock ahead of the
/// browser's would otherwise be asked on every answer).
pub const MIN_IDLE_RECHECK_MS: u64 = 5_000;

/// When to ask the org again, after it said the token idles at `org_idles_at` (`None`: never).
pub fn next_idle_check(org_idles_at: Option<u64>, now_ms: u64) -> Option<u64> {
    org_idles_at.map(|at| at.max(now_ms.saturating_add(MIN_IDLE_RECHECK_MS)))
}

/// The sessions of this tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sessions {
    /// The session the pages show and call the org with.
    pub shown: Option<Session>,
    /// The sessions of other places, newest first.
    pub shelf: Vec<Session>,
}

/// What happened.
#[derive(Clone, Debug)]
pub enum Event {
    /// The tab starts with what its storage holds (`show_progress`: say so while the shown
    /// session is checked).
    Loaded { shown: Option<Session>, shelf: Vec<Session>, show_progress: bool },
    /// A sign-in completed: the org verified this session's token.
    SignedIn(Session),
    /// The org answered the check of `token` made when the tab started.
    Checked { token: Secret, answer: Result<(), ApiError> },
    /// The org answered the idle check of `token`: when it idles, as far as it said.
    IdleAnswered { token: Secret, answer: Result<Option<u64>, ApiError> },
    /// The org refused `token` (a 401) to any request.
    Refused { token: Secret, error: ApiError },
    /// The admin stopped the client `token` was issued to: the token no longer works, and
    /// neither would a sign-in with that client.
    StoppedOwnClient { token: Secret, name: String, how: Stop },
    /// The clock ticked.
    Tick,
    /// The local inactivity limit (seconds) passed: every session ends.
    InactiveLocally { limit_s: u64 },
    /// Show the session of `place` instead (the page loads afresh at `to`).
    Switch { place: String, to: String },
    /// Sign out of the session shown (its token, and the Tester's, are revoked first:
    /// [`Effect::Revoke`] with [`Then::SignedOut`]).
    SignOut,
    /// The token of the session being signed out was revoked (or the org did not confirm it):
    /// the session goes, and its place's keys with it, wherever it is by then.
    SignedOut { session: Session, revoked: Result<(), ApiError> },
    /// Sign out of a session on the shelf.
    SignOutShelved { place: String },
    /// Sign out of every session.
    SignOutAll,
}

/// What the user is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Told {
    /// The token ran out.
    Expired,
    /// The org refused the token (a 401).
    Refused(ApiError),
    /// The admin stopped the client the session signed in with (its name, and how).
    StoppedOwnClient { name: String, how: Stop },
    /// The org said the token went idle.
    IdleAtOrg,
    /// The local inactivity limit (seconds) passed.
    IdleLocally(u64),
    /// The check of the session failed for another reason.
    CheckFailed(Environment, ApiError),
    /// Signed out here, but the org did not confirm the token was revoked (`of`: a shelved
    /// session's place label).
    RevokeUnconfirmed { of: Option<String>, env: Environment, error: ApiError },
}

/// What the context does after a revoke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Nothing more.
    Nothing,
    /// The shown session's sign-out: the Tester's tokens are revoked with it, then
    /// [`Event::SignedOut`] is fed back.
    SignedOut,
    /// A shelved session's sign-out: run [`after_revoke`].
    Logout,
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Store the shown session (`None`: remove it).
    StoreShown(Option<Session>),
    /// Store the shelf.
    StoreShelf(Vec<Session>),
    /// Revoke the session's token, then what `then` says.
    Revoke(Session, Then),
    /// Revoke the tokens the Login tester holds.
    RevokeHeld,
    /// Ask the org whether it still accepts the token (`tokens/me`), showing progress when
    /// `show`: its answer comes back as [`Event::Checked`].
    Check(Session, bool),
    /// Ask the org when the token idles: its answer comes back as [`Event::IdleAnswered`].
    AskIdle(Session),
    /// Clear what of the tab's storage a sign-out clears while `staying` stay signed in.
    ClearTab { staying: Vec<Session> },
    /// Clear the drafts of this session's place.
    ClearPlace(Session),
    /// Forget clients copied for another place.
    ClearCopy,
    /// The shown session ended: what the page showed of it goes, and the user is told why.
    Ended(Told),
    /// Sessions ended for inactivity: what pages revealed is hidden.
    HideRevealed,
    /// Tell the user (`None`: clear what was said).
    Tell(Option<Told>),
    /// Visit this session's login host's logout page.
    Logout(Session),
    /// Load the app afresh at `to`, which first says the tab is now in `switched_to` (a place's
    /// label) and that nothing was signed out.
    Reload { to: String, switched_to: String },
}

/// After a sign-out's revoke: the login host's logout page, unless the org did not confirm the
/// revoke (a 401 confirms it: the org no longer knows the token). `shelved`: the session was on
/// the shelf (the message names its place).
pub fn after_revoke(s: Session, revoked: Result<(), ApiError>, shelved: bool) -> Effect {
    match revoked {
        Err(error) if !error.is_unauthorized() => Effect::Tell(Some(Told::RevokeUnconfirmed {
            of: shelved.then(|| s.place_label()),
            env: s.env,
            error,
        })),
        _ => Effect::Logout(s),
    }
}

impl Sessions {
    /// Is anyone signed in, shown or shelved?
    pub fn any(&self) -> bool {
        self.shown.is_some() || !self.shelf.is_empty()
    }

    fn is_shown(&self, token: &Secret) -> bool {
        self.shown.as_ref().is_some_and(|s| s.token == *token)
    }

    /// Shelved sessions whose token has expired leave the shelf.
    fn prune(&mut self, now_ms: u64, out: &mut Vec<Effect>) {
        if !shelf::prune(&mut self.shelf, now_ms).is_empty() {
            out.push(Effect::StoreShelf(self.shelf.clone()));
        }
    }

    /// The shown session ends here (its token is dropped; drafts stay), and why.
    fn end(&mut self, told: Told, out: &mut Vec<Effect>) {
        self.shown = None;
        out.push(Effect::StoreShown(None));
        out.push(Effect::Ended(told));
    }

    /// The shelved session of `token`, if any, leaves the shelf (its token no longer works).
    fn leave_shelf(&mut self, token: &Secret, out: &mut Vec<Effect>) {
        if let Some(place) = self.shelf.iter().find(|s| s.token == *token).map(Session::place) {
            shelf::take(&mut self.shelf, &place);
            out.push(Effect::StoreShelf(self.shelf.clone()));
        }
    }

    /// Applies `event` at `now_ms`; the effects to run, in order.
    pub fn apply(&mut self, event: Event, now_ms: u64) -> Vec<Effect> {
        let mut out = Vec::new();
        match event {
            Event::Loaded { shown, shelf, show_progress } => {
                self.shelf = shelf;
                self.prune(now_ms, &mut out);
                match shown {
                    Some(s) if s.phase(now_ms) == Phase::Expired => {
                        out.push(Effect::StoreShown(None));
                        out.push(Effect::Tell(Some(Told::Expired)));
                    }
                    Some(s) => {
                        out.push(Effect::Check(s.clone(), show_progress));
                        self.shown = Some(s);
                    }
                    None => {}
                }
            }
            Event::SignedIn(new) => {
                // The session shown until now waits on the shelf (another place); the sessions
                // that leave it (of the new one's place, or beyond its size) are revoked.
                let gone = shelf::after_sign_in(&mut self.shelf, self.shown.take(), &new, now_ms);
                out.push(Effect::StoreShelf(self.shelf.clone()));
                out.extend(
                    gone.into_iter()
                        .filter(|s| s.token != new.token)
                        .map(|s| Effect::Revoke(s, Then::Nothing)),
                );
                out.push(Effect::StoreShown(Some(new.clone())));
                out.push(Effect::Tell(None));
                self.shown = Some(new);
            }
            Event::Checked { token, answer } => match answer {
                Ok(()) => {}
                Err(error) if error.is_unauthorized() => {
                    return self.apply(Event::Refused { token, error }, now_ms)
                }
                // A sign-in that completed meanwhile put this session on the shelf: another
                // failure no longer concerns the page.
                Err(error) => {
                    if let Some(s) = self.shown.as_ref().filter(|s| s.token == token) {
                        out.push(Effect::Tell(Some(Told::CheckFailed(s.env.clone(), error))));
                    }
                }
            },
            Event::IdleAnswered { token, answer } => match (self.shown.as_mut(), answer) {
                (Some(s), Ok(said)) if s.token == token => {
                    s.idles_at_ms = next_idle_check(said, now_ms);
                    out.push(Effect::StoreShown(Some(s.clone())));
                }
                (Some(s), Err(e)) if s.token == token && e.is_unauthorized() => {
                    self.end(Told::IdleAtOrg, &mut out);
                    out.push(Effect::HideRevealed);
                }
                _ => {}
            },
            Event::StoppedOwnClient { token, name, how } => {
                if self.is_shown(&token) {
                    self.end(Told::StoppedOwnClient { name, how }, &mut out);
                } else {
                    // Switched meanwhile: the session that stopped it leaves the shelf.
                    self.leave_shelf(&token, &mut out);
                }
            }
            Event::Refused { token, error } => {
                if self.is_shown(&token) {
                    self.end(Told::Refused(error), &mut out);
                } else {
                    self.leave_shelf(&token, &mut out);
                }
            }
            Event::Tick => {
                // A session whose token ran out ends here, not at the next failing request.
                if self.shown.as_ref().is_some_and(|s| s.phase(now_ms) == Phase::Expired) {
                    self.end(Told::Expired, &mut out);
                } else if let Some(s) = self.shown.as_mut().filter(|s| s.idle_check_due(now_ms)) {
                    // Not again while this check runs.
                    s.idles_at_ms = Some(now_ms + IDLE_RECHECK_MS);
                    out.push(Effect::AskIdle(s.clone()));
                }
                self.prune(now_ms, &mut out);
            }
            Event::InactiveLocally { limit_s } => {
                if !self.any() {
                    return out;
                }
                let all: Vec<Session> =
                    std::mem::take(&mut self.shelf).into_iter().chain(self.shown.take()).collect();
                out.extend(all.into_iter().map(|s| Effect::Revoke(s, Then::Nothing)));
                out.push(Effect::RevokeHeld);
                // Drafts stay for a sign-in again, as when a session ends.
                out.push(Effect::StoreShown(None));
                out.push(Effect::StoreShelf(Vec::new()));
                out.push(Effect::ClearCopy);
                out.push(Effect::Tell(Some(Told::IdleLocally(limit_s))));
                out.push(Effect::HideRevealed);
            }
            Event::Switch { place, to } => {
                let Some(next) = shelf::take(&mut self.shelf, &place) else { return out };
                if let Some(shown) = self.shown.take() {
                    let gone = shelf::park(&mut self.shelf, shown);
                    out.extend(gone.into_iter().map(|s| Effect::Revoke(s, Then::Nothing)));
                }
                out.push(Effect::StoreShelf(self.shelf.clone()));
                out.push(Effect::StoreShown(Some(next.clone())));
                out.push(Effect::Reload { to, switched_to: next.place_label() });
                self.shown = Some(next);
            }
            Event::SignOut => {
                if let Some(s) = &self.shown {
                    out.push(Effect::Revoke(s.clone(), Then::SignedOut));
                }
            }
            Event::SignedOut { session, revoked } => {
                // Shown, or ended meanwhile (a 401 to another request, the clock): the tab's
                // sign-in goes, and what only the shelf's sessions need stays.
                if self.is_shown(&session.token) || self.shown.is_none() {
                    self.shown = None;
                    let shelved = self.shelf.len();
                    self.shelf.retain(|s| s.token != session.token);
                    if self.shelf.len() != shelved {
                        out.push(Effect::StoreShelf(self.shelf.clone()));
                    }
                    out.push(Effect::ClearTab { staying: self.shelf.clone() });
                    out.push(Effect::StoreShown(None));
                } else {
                    // Put on the shelf, or ended, meanwhile: only its own keys go.
                    if let Some(i) = self.shelf.iter().position(|s| s.token == session.token) {
                        self.shelf.remove(i);
                        out.push(Effect::StoreShelf(self.shelf.clone()));
                    }
                    let place = session.place();
                    if !self.shown.iter().chain(&self.shelf).any(|s| s.place() == place) {
                        out.push(Effect::ClearPlace(session.clone()));
                    }
                }
                out.push(after_revoke(session, revoked, false));
            }
            Event::SignOutShelved { place } => {
                let Some(s) = shelf::take(&mut self.shelf, &place) else { return out };
                out.push(Effect::StoreShelf(self.shelf.clone()));
                out.push(Effect::ClearPlace(s.clone()));
                out.push(Effect::Revoke(s, Then::Logout));
            }
            Event::SignOutAll => {
                let shelved = std::mem::take(&mut self.shelf);
                out.push(Effect::StoreShelf(Vec::new()));
                out.extend(shelved.into_iter().map(|s| Effect::Revoke(s, Then::Nothing)));
                out.extend(self.apply(Event::SignOut, now_ms));
            }
        }
        out
    }
}

#[cfg(test)]
// Natively only: the executor and proptest are native dev-dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::app::places::{drafts_of, kept_at_sign_out};
    use crate::testing::session;
    use proptest::prelude::*;
    use std::collections::{BTreeSet, HashSet};

    const HOUR: u64 = 3_600_000;

    fn http(status: u16) -> ApiError {
        ApiError::Http { status, body: None, correlation_id: None, retry_after: None }
    }

    fn tokens(v: &[Session]) -> Vec<&str> {
        v.iter().map(|s| s.token.expose()).collect()
    }

    #[test]
    fn a_sign_in_shelves_the_shown_session_of_another_place() {
        let mut m = Sessions::default();
        let a = session(Environment::Sandbox, "a", "ta", HOUR);
        let b = session(Environment::Sandbox, "b", "tb", HOUR);
        m.apply(Event::SignedIn(a.clone()), 0);
        let out = m.apply(Event::SignedIn(b.clone()), 0);
        assert_eq!(m.shown.as_ref().map(|s| s.token.expose()), Some("tb"));
        assert_eq!(tokens(&m.shelf), ["ta"]);
        assert!(out.contains(&Effect::StoreShown(Some(b.clone()))));
        assert!(out.contains(&Effect::StoreShelf(vec![a.clone()])));
        // Signing in to the same place again replaces it, and revokes the old token.
        let b2 = session(Environment::Sandbox, "b", "tb2", HOUR);
        let out = m.apply(Event::SignedIn(b2), 0);
        assert!(out.contains(&Effect::Revoke(b, Then::Nothing)));
        assert_eq!(tokens(&m.shelf), ["ta"]);
    }

    #[test]
    fn an_expired_session_ends_at_the_tick_and_a_shelved_one_leaves() {
        let mut m = Sessions::default();
        m.apply(Event::SignedIn(session(Environment::Sandbox, "a", "ta", 10_000)), 0);
        m.apply(Event::SignedIn(session(Environment::Sandbox, "b", "tb", 20_000)), 0);
        assert_eq!(m.apply(Event::Tick, 8_000), vec![]);
        assert_eq!(m.apply(Event::Tick, 10_000), vec![Effect::StoreShelf(vec![])], "the shelved one leaves");
        let out = m.apply(Event::Tick, 20_000);
        assert_eq!(out, vec![Effect::StoreShown(None), Effect::Ended(Told::Expired)]);
        assert!(!m.any());
    }

    #[test]
    fn a_401_ends_the_session_whose_token_it_was() {
        let mut m = Sessions::default();
        m.apply(Event::SignedIn(session(Environment::Sandbox, "a", "ta", HOUR)), 0);
        m.apply(Event::SignedIn(session(Environment::Sandbox, "b", "tb", HOUR)), 0);
        let out = m.apply(Event::Refused { token: "ta".into(), error: http(401) }, 0);
        assert_eq!(
            (out, m.shelf.len()),
            (vec![Effect::StoreShelf(vec![])], 0),
            "a write begun before a switch"
        );
        let out = m.apply(Event::Refused { token: "tb".into(), error: http(401) }, 0);
        assert_eq!(out, vec![Effect::StoreShown(None), Effect::Ended(Told::Refused(http(401)))]);
    }

    #[test]
    fn stopping_the_sessions_own_client_ends_it_and_says_why_once() {
        let mut m = Sessions::default();
        m.apply(Event::SignedIn(session(Environment::Sandbox, "a", "ta", HOUR)), 0);
        let stop = |t: &str| Event::StoppedOwnClient {
            token: t.into(),
            name: "Console".into(),
            how: Stop::Disabled,
        };
        assert_eq!(m.apply(stop("other"), 0), vec![], "another token's client");
        let out = m.apply(stop("ta"), 0);
        let told = Told::StoppedOwnClient { name: "Console".into(), how: Stop::Disabled };
        assert_eq!(out, vec![Effect::StoreShown(None), Effect::Ended(told)]);
        // The 401s of reads still on their way say nothing more.
        assert_eq!(m.apply(Event::Refused { token: "ta".into(), error: http(401) }, 0), vec![]);
        // Stopped by a write that finished after a switch: that session leaves the shelf.
        m.apply(Event::SignedIn(session(Environment::Sandbox, "a", "ta", HOUR)), 0);
        m.apply(Event::SignedIn(session(Environment::Sandbox, "b", "tb", HOUR)), 0);
        assert_eq!(m.apply(stop("ta"), 0), vec![Effect::StoreShelf(vec![])]);
        assert_eq!(tokens(&m.shelf), Vec::<&str>::new());
    }

    #[test]
    fn the_idle_check_asks_once_and_keeps_what_the_org_said() {
        let mut m = Sessions::default();
        let mut a = session(Environment::Sandbox, "a", "ta", HOUR);
        a.idles_at_ms = Some(10_000);
        m.apply(Event::SignedIn(a), 0);
        assert_eq!(m.apply(Event::Tick, 9_999), vec![]);
        assert!(
            matches!(&m.apply(Event::Tick, 10_000)[..], [Effect::AskIdle(s)] if s.token.expose() == "ta")
        );
        assert_eq!(m.apply(Event::Tick, 10_001), vec![], "not again while it runs");
        let out = m.apply(Event::IdleAnswered { token: "ta".into(), answer: Ok(Some(100_000)) }, 11_000);
        assert_eq!(m.shown.as_ref().unwrap().idles_at_ms, Some(100_000));
        assert!(matches!(&out[..], [Effect::StoreShown(Some(_))]));
        let out = m.apply(Event::IdleAnswered { token: "ta".into(), answer: Err(http(401)) }, 12_000);
        assert_eq!(out, vec![Effect::StoreShown(None), Effect::Ended(Told::IdleAtOrg), Effect::HideRevealed]);
        assert_eq!(next_idle_check(None, 1_000), None);
        assert_eq!(next_idle_check(Some(60_000), 1_000), Some(60_000));
        assert_eq!(next_idle_check(Some(500), 1_000), Some(6_000), "an org clock ahead is not asked at once");
    }

    #[test]
    fn a_sign_out_revokes_first_then_goes_to_the_logout_page() {
        let mut m = Sessions::default();
        let a = session(Environment::Sandbox, "a", "ta", HOUR);
        let b = session(Environment::Sandbox, "b", "tb", HOUR);
        m.apply(Event::SignedIn(a.clone()), 0);
        m.apply(Event::SignedIn(b.clone()), 0);
        assert_eq!(m.apply(Event::SignOut, 0), vec![Effect::Revoke(b.clone(), Then::SignedOut)]);
        assert!(m.shown.is_some(), "shown while its token is revoked");
        let out = m.apply(Event::SignedOut { session: b.clone(), revoked: Ok(()) }, 0);
        assert_eq!(
            out,
            vec![
                Effect::ClearTab { staying: vec![a.clone()] },
                Effect::StoreShown(None),
                Effect::Logout(b.clone())
            ]
        );
        // Ended meanwhile (a 401 to another request): the sign-out still clears the tab.
        let c = session(Environment::Sandbox, "c", "tc", HOUR);
        m.apply(Event::SignedIn(c.clone()), 0);
        m.apply(Event::SignOut, 0);
        m.apply(Event::Refused { token: "tc".into(), error: http(401) }, 0);
        let out = m.apply(Event::SignedOut { session: c.clone(), revoked: Ok(()) }, 0);
        assert_eq!(out[0], Effect::ClearTab { staying: vec![a.clone()] });
        // Not confirmed: said, and no logout page.
        let unconfirmed = after_revoke(a.clone(), Err(http(503)), true);
        assert!(matches!(unconfirmed, Effect::Tell(Some(Told::RevokeUnconfirmed { of: Some(_), .. }))));
        assert_eq!(
            after_revoke(a, Err(http(401)), true),
            Effect::Logout(session(Environment::Sandbox, "a", "ta", HOUR))
        );
    }

    #[test]
    fn a_switch_shows_the_shelved_session_and_loads_the_page_afresh() {
        let mut m = Sessions::default();
        let a = session(Environment::Sandbox, "a", "ta", HOUR);
        m.apply(Event::SignedIn(a.clone()), 0);
        m.apply(Event::SignedIn(session(Environment::Sandbox, "b", "tb", HOUR)), 0);
        assert_eq!(m.apply(Event::Switch { place: "nowhere".into(), to: "/".into() }, 0), vec![]);
        let out = m.apply(Event::Switch { place: a.place(), to: "/clients".into() }, 0);
        assert_eq!(m.shown, Some(a.clone()));
        assert_eq!(tokens(&m.shelf), ["tb"]);
        assert_eq!(out.last(), Some(&Effect::Reload { to: "/clients".into(), switched_to: a.place_label() }));
    }

    // ---- Every sequence of events ----

    /// What the tests do to the tab.
    #[derive(Clone, Debug)]
    enum Op {
        /// A sign-in completes to place `p`, its token good for `mins` minutes.
        SignIn {
            p: usize,
            mins: u64,
        },
        /// The clock moves on `s` seconds and ticks.
        Tick {
            s: u64,
        },
        /// The org refuses the `k`-th token made (a 401).
        Refuse {
            k: usize,
        },
        Switch {
            p: usize,
        },
        SignOut,
        SignOutShelved {
            p: usize,
        },
        SignOutAll,
        InactiveLocally,
        /// A draft is saved at the place shown.
        Draft,
        /// The oldest answer on its way arrives (`ok`: the org accepts, else a 401 or a 503).
        Answer {
            ok: bool,
            unauthorized: bool,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => (0..3usize, 1..90u64).prop_map(|(p, mins)| Op::SignIn { p, mins }),
            3 => (1..1_200u64).prop_map(|s| Op::Tick { s }),
            1 => (0..8usize).prop_map(|k| Op::Refuse { k }),
            2 => (0..3usize).prop_map(|p| Op::Switch { p }),
            1 => Just(Op::SignOut),
            1 => (0..3usize).prop_map(|p| Op::SignOutShelved { p }),
            1 => Just(Op::SignOutAll),
            1 => Just(Op::InactiveLocally),
            2 => Just(Op::Draft),
            3 => (any::<bool>(), any::<bool>()).prop_map(|(ok, unauthorized)| Op::Answer { ok, unauthorized }),
        ]
    }

    /// The machine and a model of what its effects did: the tab's storage, the org's revoked
    /// tokens, the answers on their way.
    #[derive(Default)]
    struct World {
        m: Sessions,
        now: u64,
        made: Vec<Session>,
        stored_shown: Option<Session>,
        stored_shelf: Vec<Session>,
        /// Names in the tab's storage (after the app's prefix).
        keys: BTreeSet<String>,
        revoked: HashSet<String>,
        /// Requests on their way, answered by [`Op::Answer`].
        asked: std::collections::VecDeque<Effect>,
        /// Places signed out of (and not signed in to since).
        signed_out: HashSet<String>,
    }

    fn places() -> [Session; 3] {
        [
            session(Environment::Sandbox, "a", "", 0),
            session(Environment::Sandbox, "b", "", 0),
            session(Environment::default_region(), "a", "", 0),
        ]
    }

    impl World {
        fn event(&mut self, e: Event) {
            let effects = self.m.apply(e, self.now);
            for e in effects {
                self.effect(e);
            }
        }

        fn effect(&mut self, e: Effect) {
            let used = match &e {
                Effect::Check(s, _) | Effect::AskIdle(s) | Effect::StoreShown(Some(s)) => {
                    vec![s.token.expose()]
                }
                Effect::StoreShelf(v) => tokens(v),
                _ => vec![],
            };
            for t in used {
                assert!(!self.revoked.contains(t), "a revoked token is used again: {e:?}");
            }
            match e {
                Effect::StoreShown(s) => {
                    match &s {
                        Some(_) => self.keys.insert("session".into()),
                        None => self.keys.remove("session"),
                    };
                    self.stored_shown = s;
                }
                Effect::StoreShelf(v) => {
                    match v.is_empty() {
                        false => self.keys.insert("shelf".into()),
                        true => self.keys.remove("shelf"),
                    };
                    self.stored_shelf = v;
                }
                Effect::Revoke(s, Then::Nothing) => {
                    self.revoked.insert(s.token.expose().to_string());
                }
                // Revoked when the org answers.
                e @ (Effect::Revoke(_, _) | Effect::Check(..) | Effect::AskIdle(_)) => {
                    self.asked.push_back(e)
                }
                Effect::ClearTab { staying } => {
                    self.keys.retain(|k| kept_at_sign_out(k, &staying));
                    if staying.is_empty() {
                        self.stored_shelf.clear();
                    }
                    self.stored_shown = None;
                }
                Effect::ClearPlace(s) => {
                    let gone = drafts_of(&s.env, s.org_id());
                    self.keys.retain(|k| !k.starts_with(&gone));
                }
                _ => {}
            }
        }

        fn answer(&mut self, ok: bool, unauthorized: bool) {
            let Some(asked) = self.asked.pop_front() else { return };
            let refusal = if unauthorized { http(401) } else { http(503) };
            let answer = if ok { Ok(()) } else { Err(refusal) };
            match asked {
                Effect::Revoke(session, _) => {
                    self.revoked.insert(session.token.expose().to_string());
                    let place = session.place();
                    self.event(Event::SignedOut { session, revoked: answer });
                    // Signed out of, unless signed in there again meanwhile.
                    if !self.m.shown.iter().chain(&self.m.shelf).any(|s| s.place() == place) {
                        self.signed_out.insert(place);
                    }
                }
                Effect::Check(s, _) => self.event(Event::Checked { token: s.token, answer }),
                Effect::AskIdle(s) => {
                    let said = answer.map(|()| Some(self.now + 600_000));
                    self.event(Event::IdleAnswered { token: s.token, answer: said })
                }
                _ => unreachable!(),
            }
        }

        fn run(&mut self, op: Op) {
            match op {
                Op::SignIn { p, mins } => {
                    let place = &places()[p];
                    let token = format!("t{}", self.made.len());
                    let s = session(place.env.clone(), place.org_id(), &token, self.now + mins * 60_000);
                    self.made.push(s.clone());
                    self.signed_out.remove(&s.place());
                    self.event(Event::SignedIn(s));
                }
                Op::Tick { s } => {
                    self.now += s * 1000;
                    self.event(Event::Tick);
                }
                Op::Refuse { k } => {
                    if let Some(s) = self.made.get(k) {
                        self.event(Event::Refused { token: s.token.clone(), error: http(401) });
                    }
                }
                Op::Switch { p } => self.event(Event::Switch { place: places()[p].place(), to: "/".into() }),
                Op::SignOut => self.event(Event::SignOut),
                Op::SignOutShelved { p } => {
                    let place = places()[p].place();
                    if self.m.shelf.iter().any(|s| s.place() == place) {
                        self.signed_out.insert(place.clone());
                    }
                    self.event(Event::SignOutShelved { place });
                }
                Op::SignOutAll => self.event(Event::SignOutAll),
                Op::InactiveLocally => self.event(Event::InactiveLocally { limit_s: 900 }),
                Op::Draft => {
                    if let Some(s) = &self.m.shown {
                        self.keys.insert(format!("{}new", drafts_of(&s.env, s.org_id())));
                    }
                }
                Op::Answer { ok, unauthorized } => self.answer(ok, unauthorized),
            }
        }

        fn check(&self) {
            // No sequence leaves a token that is not in storage (nor one stored that is gone).
            let token = |s: &Option<Session>| s.as_ref().map(|s| s.token.expose().to_string());
            assert_eq!(token(&self.stored_shown), token(&self.m.shown), "the shown session as stored");
            assert_eq!(tokens(&self.stored_shelf), tokens(&self.m.shelf), "the shelf as stored");
            // No revoked token is kept.
            for s in self.m.shown.iter().chain(&self.m.shelf) {
                assert!(!self.revoked.contains(s.token.expose()), "revoked yet kept: {}", s.token.expose());
            }
            // A sign-out leaves no key of that place.
            for place in &self.signed_out {
                let [_, org] = place.split('|').collect::<Vec<_>>()[..] else { unreachable!() };
                let env = places().into_iter().find(|s| s.place() == *place).unwrap().env;
                let prefix = drafts_of(&env, org);
                assert!(
                    !self.keys.iter().any(|k| k.starts_with(&prefix)),
                    "a draft of {place} outlives its sign-out: {:?}",
                    self.keys
                );
            }
            // One session per place.
            let all: Vec<String> = self.m.shown.iter().chain(&self.m.shelf).map(Session::place).collect();
            assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len(), "two sessions of one place");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn every_sequence_of_events_keeps_storage_tokens_and_places_true(ops in proptest::collection::vec(op(), 1..40)) {
            let mut w = World::default();
            for op in ops {
                w.run(op);
                w.check();
            }
        }
    }
}
