//! Actions on many clients at once: what each client needs (or why it is skipped), run on the
//! one [`super::pace::Pacer`]: a failed client never stops the others and can be run again alone.

use super::actions::{run_step, Step};
use super::api::Api;
use super::error::ApiError;
use super::model::{ClientState, OAuthClient};
use super::pace::{drive, outcome_of, Outcome, Pacer, Work};
use super::Clock;
use futures::future::LocalBoxFuture;
use std::collections::VecDeque;

/// What can be done to the selected clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkAction {
    Disable,
    Enable,
    /// Inactive, with an optional deletion date.
    MakeInactive,
    /// Inactive first, then deleted (as the org requires).
    Delete,
}

impl BulkAction {
    pub const ALL: [BulkAction; 4] =
        [BulkAction::Disable, BulkAction::Enable, BulkAction::MakeInactive, BulkAction::Delete];

    pub fn label(self) -> &'static str {
        match self {
            BulkAction::Disable => "Disable",
            BulkAction::Enable => "Enable",
            BulkAction::MakeInactive => "Make inactive",
            BulkAction::Delete => "Delete",
        }
    }

    /// "disabled", for "12 clients disabled".
    pub fn done(self) -> &'static str {
        match self {
            BulkAction::Disable => "disabled",
            BulkAction::Enable => "enabled",
            BulkAction::MakeInactive => "made inactive",
            BulkAction::Delete => "deleted",
        }
    }

    /// What the confirmation says the batch will do.
    pub fn consequence(self) -> &'static str {
        match self {
            BulkAction::Disable => "Their tokens stop working at once and no new ones are issued.",
            BulkAction::Enable => "They can get tokens again.",
            BulkAction::MakeInactive => "They get no new tokens; with a deletion date the org deletes them then.",
            BulkAction::Delete => "Each is made inactive, then deleted: clients created in the last 30 days are removed for good, older ones can be restored for seven days. Other orgs that authorized them lose access and apps using their credentials stop working.",
        }
    }

    /// The requests this client needs, or why it is left as it is. `date_to_delete` is the
    /// deletion date of [`BulkAction::MakeInactive`] (ISO 8601), if any.
    pub fn plan(self, c: &OAuthClient, date_to_delete: Option<&str>) -> Result<Vec<Step>, &'static str> {
        let state = c.state.clone().unwrap_or(ClientState::Active);
        if state == ClientState::Deleted {
            return Err("deleted: restore it first");
        }
        let put = |s: ClientState, d: Option<String>| Ok(vec![Step::SetState(s, d)]);
        match self {
            BulkAction::Disable if state == ClientState::Disabled => Err("already disabled"),
            BulkAction::Disable => put(ClientState::Disabled, None),
            BulkAction::Enable if state == ClientState::Active => Err("already active"),
            BulkAction::Enable => put(ClientState::Active, None),
            BulkAction::MakeInactive
                if state == ClientState::Inactive && c.date_to_delete.as_deref() == date_to_delete =>
            {
                Err("already inactive")
            }
            BulkAction::MakeInactive => put(ClientState::Inactive, date_to_delete.map(str::to_string)),
            // The org deletes only inactive clients.
            BulkAction::Delete if state == ClientState::Inactive => Ok(vec![Step::Delete]),
            BulkAction::Delete => Ok(vec![Step::SetState(ClientState::Inactive, None), Step::Delete]),
        }
    }
}

/// Why a batch leaves the client this console is signed in with as it is.
pub const OWN_CLIENT_LEFT: &str = "this console is signed in with it";

/// The names a batch's confirmation lists before "and N more".
pub const NAMES_LISTED: usize = 12;

/// Where a batch is asked: the org's name, and the client this console signed in with.
#[derive(Clone, Copy, Debug)]
pub struct Asked<'a> {
    pub org: &'a str,
    pub own: Option<&'a str>,
}

/// What a batch's confirmation says: which clients, in which org, and what it leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchConfirmation {
    /// "Disable 3 clients in Sandbox Test Org?"
    pub title: String,
    pub message: String,
    /// The first [`NAMES_LISTED`] chosen clients' names, and how many more there are.
    pub names: Vec<String>,
    pub more: usize,
    /// The console's own client among them, left as it is: said apart.
    pub own: Option<String>,
    pub button: String,
    /// The clients it acts on, typed to confirm (none: there is nothing to confirm, only the
    /// note).
    pub count: usize,
}

impl BulkAction {
    /// Where the console's own client can be given this action instead of in a batch.
    fn own_client_instead(self) -> &'static str {
        match self {
            BulkAction::Disable => {
                "disable it from its own page, which asks first and says how to sign in again"
            }
            _ => "do it from a session signed in with another client of the org",
        }
    }

    /// [`BulkAction::plan`] for a batch asked in `at`: the client this console is signed in
    /// with is never stopped by a batch (one slip would end the session that runs it).
    pub fn plan_in(
        self,
        c: &OAuthClient,
        date_to_delete: Option<&str>,
        at: Asked,
    ) -> Result<Vec<Step>, &'static str> {
        if self != BulkAction::Enable && at.own == Some(c.id.as_str()) {
            return Err(OWN_CLIENT_LEFT);
        }
        self.plan(c, date_to_delete.filter(|_| self == BulkAction::MakeInactive))
    }

    /// The confirmation of this batch over `clients`.
    pub fn confirmation(
        self,
        clients: &[OAuthClient],
        date_to_delete: Option<&str>,
        at: Asked,
    ) -> BatchConfirmation {
        let left = |c: &OAuthClient| self.plan_in(c, date_to_delete, at) == Err(OWN_CLIENT_LEFT);
        // The clients it acts on: the console's own client is left, and said apart.
        let count = clients.iter().filter(|c| !left(c)).count();
        let noun = if count == 1 { "client" } else { "clients" };
        let skipped =
            clients.iter().filter(|c| !left(c) && self.plan_in(c, date_to_delete, at).is_err()).count();
        let mut message = self.consequence().to_string();
        if let (BulkAction::MakeInactive, Some(d)) = (self, date_to_delete) {
            message.push_str(&format!(" Deletion date: {}.", d.get(..10).unwrap_or(d)));
        }
        if skipped > 0 {
            message.push_str(&format!(" {skipped} of them need nothing and are skipped."));
        }
        let own = clients.iter().find(|c| left(c)).map(|c| {
            format!(
                "\u{201c}{}\u{201d} is left as it is: {OWN_CLIENT_LEFT}; {}.",
                c.name,
                self.own_client_instead()
            )
        });
        let (prep, org) = (if self == BulkAction::Delete { "from" } else { "in" }, at.org);
        BatchConfirmation {
            title: format!("{} {count} {noun} {prep} {org}?", self.label()),
            message,
            names: clients.iter().take(NAMES_LISTED).map(|c| c.name.clone()).collect(),
            more: clients.len().saturating_sub(NAMES_LISTED),
            own,
            button: format!("{} {count} {noun}", self.label()),
            count,
        }
    }
}

/// One client of a batch: its id and the requests it still needs.
#[derive(Clone, Debug)]
pub struct Job {
    pub client_id: String,
    pub steps: VecDeque<Step>,
    /// The secret the org gave a client this batch created (shown once, kept in memory only).
    pub secret: Option<crate::secret::Secret>,
}

impl Job {
    pub fn new(client_id: String, steps: impl Into<VecDeque<Step>>) -> Job {
        Job { client_id, steps: steps.into(), secret: None }
    }
}

/// Runs a batch: each job's requests in order, paced by `pacer` (whose `Queued` entries are the
/// jobs to run). `tick` is called after every change, `stop` before every request. A 401 stops
/// the batch (the session is over) and is returned.
pub async fn run(
    api: &Api,
    jobs: &mut [Job],
    pacer: &mut Pacer,
    clock: Clock,
    tick: impl Fn(&Pacer),
    stop: impl Fn() -> bool,
) -> Result<(), ApiError> {
    let mut batch = Batch { api: api.clone().paced(), jobs, clock, ended: None, tick, stop };
    drive(pacer, clock, &mut batch).await;
    batch.ended.map_or(Ok(()), Err)
}

/// A batch as the pacer runs it.
struct Batch<'a, T, S> {
    api: Api,
    jobs: &'a mut [Job],
    clock: Clock,
    /// The 401 that ended the session, and the batch with it.
    ended: Option<ApiError>,
    tick: T,
    stop: S,
}

impl<T: Fn(&Pacer), S: Fn() -> bool> Work for Batch<'_, T, S> {
    type Answer = Result<Option<String>, ApiError>;

    fn send(&mut self, i: usize) -> Option<LocalBoxFuture<'static, Self::Answer>> {
        let step = self.jobs[i].steps.front().cloned()?;
        let (api, id, clock) = (self.api.clone(), self.jobs[i].client_id.clone(), self.clock);
        Some(Box::pin(async move { run_step(&api, &id, &step, clock).await }))
    }

    fn answered(&mut self, i: usize, answer: Self::Answer) -> Outcome {
        let job = &mut self.jobs[i];
        match answer {
            Ok(secret) => {
                if let Some(s) = secret {
                    job.secret = Some(s.into());
                }
                job.steps.pop_front();
                if job.steps.is_empty() {
                    Outcome::Done
                } else {
                    Outcome::More
                }
            }
            Err(e) if e.is_unauthorized() => {
                let said = e.to_string();
                self.ended = Some(e);
                Outcome::Failed(said)
            }
            // A create whose answer was lost and that the org's list could not confirm.
            Err(e) if e.is_ambiguous() && matches!(job.steps.front(), Some(Step::Create(_))) => Outcome::Failed(
                format!("{e} The client may have been created all the same: look for it in the list before retrying."),
            ),
            Err(e) => outcome_of(&e),
        }
    }

    fn stopped(&self) -> bool {
        self.ended.is_some() || (self.stop)()
    }

    fn tick(&mut self, pacer: &Pacer) {
        (self.tick)(pacer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(state: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": "c", "name": "n", "authorizedGrantType": "CODE", "state": state,
            "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]
        }))
        .unwrap()
    }

    fn put_state(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::Put(r) => format!("put {}", String::from(r.state.clone())),
                Step::SetState(state, _) => format!("put {}", String::from(state.clone())),
                Step::Delete => "delete".into(),
                Step::Regenerate => "regenerate".into(),
                Step::Create(_) => "create".into(),
            })
            .collect()
    }

    #[test]
    fn a_batch_names_its_clients_and_org_and_leaves_the_console_s_own_client() {
        use BulkAction::*;
        let clients: Vec<OAuthClient> = (0..14)
            .map(|i| OAuthClient { id: format!("c{i}"), name: format!("App {i}"), ..client("active") })
            .collect();
        let at = Asked { org: "Sandbox Test Org", own: Some("c3") };
        assert_eq!(Disable.plan_in(&clients[3], None, at), Err(OWN_CLIENT_LEFT));
        assert_eq!(Delete.plan_in(&clients[3], None, at), Err(OWN_CLIENT_LEFT));
        assert!(Disable.plan_in(&clients[4], None, at).is_ok());
        let ask = Disable.confirmation(&clients, None, at);
        assert_eq!(ask.title, "Disable 13 clients in Sandbox Test Org?", "the own client is not counted");
        assert_eq!((ask.names.len(), ask.names[0].as_str(), ask.more), (12, "App 0", 2));
        assert_eq!(ask.own.as_deref(), Some("\u{201c}App 3\u{201d} is left as it is: this console is signed in with it; disable it from its own page, which asks first and says how to sign in again."));
        assert!(Delete
            .confirmation(&clients[3..4], None, at)
            .own
            .unwrap()
            .ends_with("do it from a session signed in with another client of the org."));
        assert_eq!(Delete.confirmation(&clients[3..4], None, at).count, 0, "nothing to confirm");
        assert!(!ask.message.contains("skipped"), "the own client is said apart");
        let mut some = clients[..5].to_vec();
        some[0].state = Some(ClientState::Disabled);
        assert!(Disable
            .confirmation(&some, None, at)
            .message
            .ends_with(" 1 of them need nothing and are skipped."));
        assert_eq!((ask.button.as_str(), ask.count.to_string().as_str()), ("Disable 13 clients", "13"));
        assert_eq!(
            Delete.confirmation(&clients[..1], None, at).title,
            "Delete 1 client from Sandbox Test Org?"
        );
        // Enabling it is harmless: not left.
        assert!(Enable.confirmation(&clients, None, at).own.is_none());
        let when = Some("2027-01-31T00:00:00.000Z");
        assert!(MakeInactive
            .confirmation(&clients[..1], when, at)
            .message
            .contains("Deletion date: 2027-01-31."));
    }

    #[test]
    fn what_each_client_needs() {
        use BulkAction::*;
        assert_eq!(put_state(&Disable.plan(&client("active"), None).unwrap()), ["put disabled"]);
        assert_eq!(Disable.plan(&client("disabled"), None), Err("already disabled"));
        assert_eq!(Enable.plan(&client("active"), None), Err("already active"));
        assert_eq!(put_state(&Enable.plan(&client("inactive"), None).unwrap()), ["put active"]);
        assert_eq!(put_state(&Delete.plan(&client("active"), None).unwrap()), ["put inactive", "delete"]);
        assert_eq!(put_state(&Delete.plan(&client("inactive"), None).unwrap()), ["delete"]);
        for a in BulkAction::ALL {
            assert_eq!(a.plan(&client("deleted"), None), Err("deleted: restore it first"));
        }
        let dated = MakeInactive.plan(&client("active"), Some("2027-01-31T00:00:00.000Z")).unwrap();
        assert_eq!(
            dated,
            [Step::SetState(ClientState::Inactive, Some("2027-01-31T00:00:00.000Z".into()))],
            "the client is read afresh before its PUT"
        );
        assert_eq!(MakeInactive.plan(&client("inactive"), None), Err("already inactive"));
        assert!(MakeInactive.plan(&client("inactive"), Some("2027-01-31T00:00:00.000Z")).is_ok());
    }
}
