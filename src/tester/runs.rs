//! The Tester's runs in this tab: started, finished by a delivered response (exchange, the org's
//! view of the token, the checklist), or given up. The records (never a token) are kept in
//! sessionStorage; tokens stay in memory.

use super::csp;
use super::run::{
    checklist, redact, state_verdict, Facts, Failure, Mode, Observed, Outcome, RunRecord, Start,
};
use super::trace;
use crate::browser::{self, address, storage};
use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::oauth::callback::Capture;
use crate::oauth::flow::{self, Delivery, Resolution, SignInError};
use crate::oauth::pending::{Pending, Purpose};
use crate::oauth::store;
use crate::oauth::verify::{verify_token, Heard, Unverified, Verified};
use crate::platform::api::Api;
use crate::secret::Secret;
use crate::url::HttpUrl;
use leptos::prelude::*;

pub(super) const RECORDS: storage::Key<Vec<RunRecord>> = storage::Key::tab(&storage::TESTER_RUNS);

/// A run as the page holds it: the record (no token) plus what stays in memory only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunView {
    pub record: RunRecord,
    pub token: Option<Secret>,
    pub capture: Option<Capture>,
    pub expires_at_ms: Option<u64>,
    pub env: Option<Environment>,
}

impl RunView {
    fn of(record: RunRecord, env: Option<Environment>) -> RunView {
        RunView { record, token: None, capture: None, expires_at_ms: None, env }
    }
}

/// The Tester's runs for this tab.
#[derive(Clone, Copy)]
pub struct Runs(RwSignal<Vec<RunView>>);

impl Runs {
    /// The saved runs; those still waiting get their environment back from their pending record.
    pub fn load() -> Runs {
        let pending = store::load_pending();
        let env_of = |id: u32| {
            pending.pending.iter().find(|p| p.purpose == Purpose::TesterRun(id)).map(|p| p.env.clone())
        };
        let views = RECORDS.load().unwrap_or_default().into_iter().map(|r| {
            let env = env_of(r.id);
            RunView::of(r, env)
        });
        Runs(RwSignal::new(views.collect()))
    }

    fn upsert(&self, view: RunView) {
        // Saved from the list being updated; a run that finishes after the page went (the list
        // is gone then) is still saved, into the stored records.
        let stored = self.0.try_update(|runs| {
            match runs.iter_mut().find(|r| r.record.id == view.record.id) {
                Some(slot) => *slot = view.clone(),
                None => runs.push(view.clone()),
            }
            RECORDS.save(&runs.iter().map(|v| v.record.clone()).collect());
        });
        if stored.is_none() {
            let mut records = RECORDS.load().unwrap_or_default();
            match records.iter_mut().find(|r| r.id == view.record.id) {
                Some(slot) => *slot = view.record,
                None => records.push(view.record),
            }
            RECORDS.save(&records);
        }
    }

    fn next_id(&self) -> u32 {
        self.0.with_untracked(|r| r.iter().map(|r| r.record.id).max().unwrap_or(0) + 1)
    }

    fn get(&self, id: u32) -> Option<RunView> {
        self.0.with_untracked(|r| r.iter().find(|r| r.record.id == id).cloned())
    }

    /// The newest run still waiting for its answer.
    fn waiting(&self) -> Option<RunView> {
        self.0.with_untracked(|r| r.iter().rev().find(|r| r.record.outcome == Outcome::Waiting).cloned())
    }

    /// The number of the newest run still waiting for its answer.
    pub fn waiting_id(&self) -> Option<u32> {
        self.waiting().map(|v| v.record.id)
    }

    /// Forgets every token this page holds, and the raw responses that carry them (the
    /// redacted records stay).
    pub fn forget_tokens(&self) {
        self.0.update(|runs| {
            runs.iter_mut().for_each(|r| {
                r.token = None;
                r.capture = None;
            })
        });
    }

    /// Clears every run: the records, the tokens (Genesys ones revoked at their org), the raw
    /// responses.
    pub async fn clear(self) {
        self.0.update(Vec::clear);
        RECORDS.remove();
        crate::app::held::revoke_all().await;
    }

    /// The newest run (tracked).
    pub fn latest(&self) -> Option<RunView> {
        self.0.with(|r| r.last().cloned())
    }

    /// The newest run's number, and whether it has finished (tracked).
    pub fn latest_done(&self) -> Option<(u32, bool)> {
        self.0.with(|r| r.last().map(|v| (v.record.id, v.record.outcome != Outcome::Waiting)))
    }

    /// Every record, newest first (tracked).
    pub fn records_newest_first(&self) -> Vec<RunRecord> {
        self.0.with(|r| r.iter().rev().map(|v| v.record.clone()).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// The export of every record (tokens redacted).
    pub fn export(&self) -> String {
        super::run::export_json(
            &self.0.with_untracked(|r| r.iter().map(|v| v.record.clone()).collect::<Vec<_>>()),
        )
    }

    /// Records a run that is leaving for the login page; returns its id.
    pub fn start(&self, start: &Start, userinfo_url: Option<String>) -> u32 {
        let id = self.next_id();
        let record = RunRecord { userinfo_url, ..RunRecord::new(id, browser::now_ms(), start) };
        self.upsert(RunView::of(record, Some(start.env.clone())));
        id
    }

    /// The run `id` left for the login page at `url`: the trace's first step.
    pub fn left(&self, id: u32, url: &str) {
        let Some(mut view) = self.get(id) else { return };
        view.record.trace = vec![trace::authorize(url, view.record.method == Method::Pkce)];
        self.upsert(view);
    }

    /// Marks a run as never answered (popup closed or timed out, or blocked).
    pub fn no_return(&self, id: u32, failure: Failure) {
        let Some(mut view) = self.get(id).filter(|v| v.record.outcome == Outcome::Waiting) else { return };
        view.record.outcome = Outcome::of(Some(&failure), view.record.method);
        let r = &mut view.record;
        if failure == Failure::PopupBlocked {
            r.trace = trace::blocked(std::mem::take(&mut r.trace));
        } else {
            let closed = failure == Failure::PopupClosed;
            r.trace.push(trace::login(Some(r.started_at_ms), browser::now_ms(), false, closed));
        }
        let api = view.env.as_ref().is_some_and(Environment::has_platform_api);
        trace::rest_not_reached(&mut r.trace, r.method == Method::Pkce, api, r.userinfo_url.is_some());
        self.upsert(view);
    }

    /// Turns a delivered response into a finished run: exchange, the org's checks, checklist.
    pub async fn finish(self, d: Delivery, mode: Mode) {
        let pending = d.resolution.pending().cloned();
        let id = pending.as_ref().and_then(|p| match p.purpose {
            Purpose::TesterRun(id) => Some(id),
            Purpose::Admin => None,
        });
        // A response that matched no run is told against the run that waits for one.
        let base = id.and_then(|id| self.get(id)).or_else(|| self.waiting());
        let (env, method, redirect_uri) = match (&pending, &base) {
            (Some(p), _) => (Some(p.env.clone()), p.method, p.redirect_uri.clone()),
            (None, Some(b)) => (b.env.clone(), b.record.method, b.record.redirect_uri.clone()),
            (None, None) => (None, Method::Pkce, String::new()),
        };
        let mut record = RunRecord::for_response(
            base.as_ref().map(|b| &b.record),
            self.next_id(),
            browser::now_ms(),
            mode,
            method,
        );
        record.callback = Some(redact(&d.capture));
        let state_matched = state_verdict(&d.resolution);
        // The trace: the login host's part (from leaving to coming back), the callback, then
        // each request as it goes.
        let now = browser::now_ms();
        // Only the authorize step stays of what the run had (a replay's copy had more); a
        // response no run here started has none.
        record.trace.truncate(1);
        // The time at the login host is known for the run that left from here, and waited.
        let waited =
            base.as_ref().filter(|b| b.record.outcome == Outcome::Waiting && b.record.id == record.id);
        record.trace.push(trace::login(waited.map(|b| b.record.started_at_ms), now, true, false));
        let refused = match &d.resolution {
            Resolution::Failed { error, .. } => Some(error.to_string()),
            _ => None,
        };
        record.trace.push(trace::callback(&d.capture, &redirect_uri, refused));
        let exchanging = matches!(d.resolution, Resolution::Exchange { .. });
        let (answer, ms) = timed(flow::token_of(d.resolution)).await;
        // The token request, when the code was exchanged (its answer, or the refusal).
        let exchanged = match &answer {
            Ok((_, _, expires_in)) => Some(Ok(*expires_in)),
            Err((_, SignInError::Exchange(e))) => Some(Err(e)),
            Err(_) => None,
        };
        if let (Some(p), Some(exchanged)) = (pending.as_ref().filter(|_| exchanging), exchanged) {
            record.trace.push(trace::token(
                &p.env.token_endpoint(),
                &p.client_id,
                &p.redirect_uri,
                ms,
                exchanged,
            ));
        }
        let (token, expires_in, mut failure) = match answer {
            Ok((_, token, expires_in)) => (Some(token), Some(expires_in), None),
            Err((_, error)) => (None, None, Some(Failure::SignIn(error))),
        };
        let api_env = env.as_ref().filter(|e| e.has_platform_api());
        if let (Some(t), Some(env), Some(p)) = (&token, api_env, &pending) {
            failure = ask_the_org(&Api::new(env, t), p, &mut record).await.err();
        } else if let (Some(t), None, Some(url)) = (&token, api_env, record.userinfo_url.clone()) {
            failure = ask_userinfo(&url, t, &mut record).await.err();
        }
        let userinfo = record.userinfo_url.is_some();
        trace::rest_not_reached(&mut record.trace, method == Method::Pkce, api_env.is_some(), userinfo);
        // A request this page's own policy blocked never left: said so, not blamed on the server.
        let failure = failure.map(|f| match (env.as_ref(), HttpUrl::parse(&address::href())) {
            (Some(e), Ok(page)) => {
                let policy = csp::ConnectPolicy::of_page();
                let asked = if e.has_platform_api() {
                    e.api_base()
                } else {
                    record.userinfo_url.clone().unwrap_or_default()
                };
                super::advice::judged(
                    f,
                    policy.as_ref(),
                    &page,
                    (&e.token_endpoint(), &asked),
                    &browser::policy_violations(),
                )
            }
            _ => f,
        });
        if matches!(failure, Some(Failure::Blocked { .. })) {
            trace::Step::blocked_by_policy(&mut record.trace);
        }
        let seen = Observed {
            address_after: address::href(),
            storage_values: storage::all_values(),
            requested_urls: address::requested_urls(),
            app_origin: address::origin(),
        };
        let facts = Facts {
            env: env.as_ref(),
            redirect_uri: &redirect_uri,
            mode,
            state_matched,
            state_refused_again: d.refused_again,
            token: token.as_ref().map(Secret::expose),
            expires_in,
        };
        record.checks = checklist(&facts, &seen);
        record.expires_in = expires_in;
        record.outcome = Outcome::of(failure.as_ref(), method);
        let expires_at_ms = expires_in.map(|s| browser::now_ms().saturating_add(s.saturating_mul(1000)));
        // A token of another client was revoked: this page keeps neither it nor the raw response.
        let refused = matches!(failure, Some(Failure::SignIn(SignInError::WrongClient { .. })));
        let (token, capture) = if refused { (None, None) } else { (token, Some(d.capture)) };
        // A Genesys token is revoked when the runs are cleared, at sign-out or at the tab's
        // inactivity limit.
        if let (Some(t), Some(env)) = (&token, api_env) {
            crate::app::held::hold(env, t);
        }
        self.upsert(RunView { record, token, capture, expires_at_ms, env });
    }
}

/// The answer of `f`, and how long it took in ms.
async fn timed<T>(f: impl std::future::Future<Output = T>) -> (T, u64) {
    let t0 = browser::now_ms();
    let answer = f.await;
    (answer, browser::now_ms().saturating_sub(t0))
}

/// Any server: who signed in, as its userinfo endpoint says.
async fn ask_userinfo(url: &str, token: &Secret, record: &mut RunRecord) -> Result<(), Failure> {
    let (answer, ms) = timed(crate::platform::api::userinfo(url, token.expose())).await;
    record.trace.push(trace::userinfo(url, ms, answer.as_ref().map(|_| ())));
    let u = answer.map_err(Failure::TokenRejected)?;
    record.user = match (u.name, u.email) {
        (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
        (n, e) => n.or(e).or(u.sub),
    };
    Ok(())
}

/// Who signed in, with which client, org and scopes, as the org sees the token (the one
/// verification the admin's sign-in uses, its answers written into the trace). A token of
/// another client than the run used is revoked.
async fn ask_the_org(api: &Api, pending: &Pending, record: &mut RunRecord) -> Result<(), Failure> {
    let verified = verify_token(api, pending, browser::now_ms, false, |heard| match heard {
        Heard::Token { ms, answer, wrong } => {
            let step = trace::api_call(trace::TOKENS_ME, "/api/v2/tokens/me", ms, answer.map(|_| ()));
            record.trace.push(match wrong {
                Some(wrong) => step.failed(SignInError::from(wrong.clone()).to_string()),
                None => step,
            });
        }
        Heard::User { ms, answer } => {
            record.trace.push(trace::api_call(trace::USERS_ME, "/api/v2/users/me", ms, answer.map(|_| ())))
        }
    })
    .await;
    let Verified { info, user: u } = match verified {
        Ok(v) => v,
        Err(Unverified::Rejected(e)) => return Err(Failure::TokenRejected(e)),
        Err(wrong) => return Err(Failure::SignIn(wrong.into())),
    };
    let client = info.oauth_client.clone().unwrap_or_default();
    record.client_name = client.name;
    record.grant = client.authorized_grant_type.map(|g| g.label());
    record.org = info.organization.and_then(|o| o.name);
    record.scopes = info.authorized_scope;
    record.user = Some(match u.email {
        Some(e) => format!("{} <{e}>", u.name.unwrap_or_default()),
        None => u.name.unwrap_or(u.id),
    });
    Ok(())
}
