//! Session-bound reads and writes: every Platform API call of a signed-in page goes through
//! here, so "a 401 ends the session (and keeps the draft)" is written once.

use super::context::{use_session, SessionCtx};
use super::notice::{api_notice, Notice};
use crate::env::Environment;
use crate::platform::api::Api;
use crate::platform::error::ApiError;
use leptos::prelude::*;
use std::future::Future;

/// A session-bound call that failed: what was being done, where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// What the user was doing, as a notice title ("Could not load the client").
    pub title: String,
    pub error: Box<ApiError>,
    /// `None` when there was no session to call with.
    pub env: Option<Environment>,
}

impl Fault {
    /// Did this failure end the session (a 401, or no session at all)? Then the sign-in screen
    /// already says why, and the page says nothing more.
    pub fn ended_session(&self) -> bool {
        self.env.is_none() || self.error.is_unauthorized()
    }

    /// The notice for the page; `None` when the session ended.
    pub fn notice(&self) -> Option<Notice> {
        let env = self.env.as_ref().filter(|_| !self.ended_session())?;
        Some(api_notice(&self.title, env, &self.error))
    }
}

impl Fault {
    /// There was no session to call with.
    fn no_session(title: &str) -> Fault {
        let error = ApiError::Http { status: 401, body: None, correlation_id: None, retry_after: None };
        Fault { title: title.into(), error: Box::new(error), env: None }
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title, self.error)
    }
}

impl std::error::Error for Fault {}

/// A flow's outcome that may say the org no longer accepts the token.
pub trait Ends {
    /// The 401 met somewhere in the flow.
    fn unauthorized(&self) -> Option<&ApiError>;
}

impl Ends for crate::platform::save::SaveOutcome {
    fn unauthorized(&self) -> Option<&ApiError> {
        crate::platform::save::SaveOutcome::unauthorized(self)
    }
}

impl SessionCtx {
    /// Runs a flow with the session's API and returns its outcome, with the environment it ran
    /// in. A 401 met in it ends the session here, and `None` comes back (as with no session):
    /// the sign-in screen says why, the page says nothing more.
    pub async fn run<O: Ends, Fut>(&self, flow: impl FnOnce(Api) -> Fut) -> Option<(O, Environment)>
    where
        Fut: Future<Output = O>,
    {
        let (api, env) = self.api()?;
        let token = self.token();
        let out = flow(api).await;
        if let (Some(error), Some(token)) = (out.unauthorized(), token) {
            self.refused(&token, error);
            return None;
        }
        Some((out, env))
    }

    /// Calls the Platform API with the session's token. A 401 ends the session here; any other
    /// failure comes back as a [`Fault`] titled `title`. (Written apart from [`Self::run`]: this
    /// one is instantiated for every call site, and the shorter the smaller the module.)
    pub async fn call<T, Fut>(&self, title: &str, f: impl FnOnce(Api) -> Fut) -> Result<T, Fault>
    where
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let (api, env) = self.api().ok_or_else(|| Fault::no_session(title))?;
        let token = self.token();
        f(api).await.map_err(|error| self.failed(title, error, env, token))
    }

    /// A call's failure (not generic: one copy serves every call site). A 401 ends the session
    /// whose token it was.
    fn failed(
        &self,
        title: &str,
        error: ApiError,
        env: Environment,
        token: Option<crate::secret::Secret>,
    ) -> Fault {
        if let (true, Some(token)) = (error.is_unauthorized(), token) {
            self.refused(&token, &error);
        }
        Fault { title: title.into(), error: Box::new(error), env: Some(env) }
    }
}

/// An abort signal that fires when the current reactive owner is cleaned up (the view that
/// asked went away, or the read is fetched again).
fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = send_wrapper::SendWrapper::new(controller);
    Owner::on_cleanup(move || controller.abort());
    Some(signal)
}

/// A read bound to the session, fetched again whenever `source` changes (read it inside a
/// `<Transition>`). Its requests are aborted when the page goes away; writes (through
/// [`SessionCtx::call`]) always run to the end.
pub fn read<S, T, Fut>(
    title: &'static str,
    source: impl Fn() -> S + 'static,
    fetch: impl Fn(Api, S) -> Fut + Clone + 'static,
) -> LocalResource<Result<T, Fault>>
where
    S: 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let ctx = use_session();
    LocalResource::new(move || {
        let s = source();
        let fetch = fetch.clone();
        let abort = abort_on_cleanup();
        async move {
            ctx.call(title, move |api| {
                let api = match abort {
                    Some(signal) => api.aborted_by(signal),
                    None => api,
                };
                fetch(api, s)
            })
            .await
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(status: u16, env: Option<Environment>) -> Fault {
        Fault {
            title: "Could not load the client".into(),
            error: Box::new(ApiError::Http { status, body: None, correlation_id: None, retry_after: None }),
            env,
        }
    }

    #[test]
    fn a_401_says_nothing_on_the_page() {
        assert!(fault(401, Some(Environment::Sandbox)).ended_session());
        assert_eq!(fault(401, Some(Environment::Sandbox)).notice(), None);
        assert_eq!(fault(500, None).notice(), None);
        let n = fault(404, Some(Environment::Sandbox)).notice().unwrap();
        assert_eq!(n.title, "Could not load the client");
        assert!(n.detail.unwrap().contains("HTTP 404"));
        assert!(fault(404, Some(Environment::Sandbox))
            .to_string()
            .starts_with("Could not load the client: "));
    }
}
