//! Saving a client, one flow for every caller (the client form, import, bulk): a create whose
//! answer was lost (no answer, a 5xx, an unreadable 2xx) is looked for in the org's list, never
//! sent again blindly. The flow talks to the org through [`Clients`], which the native tests fake.

use super::api::Api;
use super::error::ApiError;
use super::model::{OAuthClient, OAuthClientRequest};
use super::retry::sleep_ms;
use super::Clock;

/// What the save flow asks of the org.
#[allow(async_fn_in_trait)] // Used in this crate only, on one thread.
pub trait Clients {
    async fn create_client(&self, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError>;
    async fn update_client(&self, id: &str, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError>;
    /// The org's list, read to look for a lost create: the org's 429s are waited out here (a
    /// paced handle would hand them back).
    async fn list_to_check(&self) -> Result<Vec<OAuthClient>, ApiError>;
    /// Waits before the list is read again.
    async fn pause(&self, ms: u64);
}

impl Clients for Api {
    async fn create_client(&self, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError> {
        Api::create_client(self, req).await
    }
    async fn update_client(&self, id: &str, req: &OAuthClientRequest) -> Result<OAuthClient, ApiError> {
        Api::update_client(self, id, req).await
    }
    async fn list_to_check(&self) -> Result<Vec<OAuthClient>, ApiError> {
        self.clone().unpaced().list_clients().await
    }
    async fn pause(&self, ms: u64) {
        sleep_ms(ms).await
    }
}

/// How long the org is given before its list is read a second time: a list read at once may
/// not show a client just made.
pub const RECHECK_MS: u64 = 2000;

/// How a save ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Created; the answer holds the client (and its secret, once).
    Created(OAuthClient),
    /// Saved, and the org's answer.
    Updated(OAuthClient),
    /// The org made it but its answer, and the secret with it, was lost: found in its list.
    CreatedAnswerLost(OAuthClient),
    /// Saved (a 2xx), but the answer could not be read.
    UpdatedUnread,
    /// A create whose answer was lost (`error`), and whose client the list could not name.
    Lost { error: ApiError, why: NotFound },
    /// Refused, not sent, or not answered: nothing was saved (or, for a change, perhaps it was).
    Failed(ApiError),
}

/// Why the client a lost create made could not be named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotFound {
    /// The org's list, read twice, has no such client: it was not created.
    Absent,
    /// The list shows several: which one is this create's cannot be told.
    Several(usize),
    /// The list could not be read.
    Unread(Box<ApiError>),
}

impl SaveOutcome {
    /// The 401 that ended the session somewhere in the flow.
    pub fn unauthorized(&self) -> Option<&ApiError> {
        match self {
            SaveOutcome::Lost { why: NotFound::Unread(e), .. } if e.is_unauthorized() => Some(e),
            SaveOutcome::Failed(e) | SaveOutcome::Lost { error: e, .. } if e.is_unauthorized() => Some(e),
            _ => None,
        }
    }
}

/// Creates the client (`id` None) or replaces client `id` with `req`.
pub async fn save_client(
    api: &impl Clients,
    now: Clock,
    id: Option<&str>,
    req: &OAuthClientRequest,
) -> SaveOutcome {
    if let Some(id) = id {
        return match api.update_client(id, req).await {
            Ok(c) => SaveOutcome::Updated(c),
            Err(e) if e.is_unreadable_answer() => SaveOutcome::UpdatedUnread,
            Err(e) => SaveOutcome::Failed(e),
        };
    }
    let sent_at = now();
    match api.create_client(req).await {
        Ok(c) => SaveOutcome::Created(c),
        Err(e) if e.is_ambiguous() || e.is_unreadable_answer() => match find_created(api, req, sent_at).await
        {
            Ok(c) => SaveOutcome::CreatedAnswerLost(c),
            Err(why) => SaveOutcome::Lost { error: e, why },
        },
        Err(e) => SaveOutcome::Failed(e),
    }
}

/// After a create whose answer was lost: the client it made, if the org's list shows exactly
/// one. An empty answer is read again a little later.
async fn find_created(
    api: &impl Clients,
    req: &OAuthClientRequest,
    sent_at: u64,
) -> Result<OAuthClient, NotFound> {
    for pass in 0..2 {
        if pass > 0 {
            api.pause(RECHECK_MS).await;
        }
        let listing = api.list_to_check().await.map_err(|e| NotFound::Unread(Box::new(e)))?;
        match lost_create(&listing, req, sent_at) {
            LostCreate::Found(c) => return Ok(c.clone()),
            LostCreate::Several(n) => return Err(NotFound::Several(n)),
            LostCreate::NotFound => {}
        }
    }
    Err(NotFound::Absent)
}

/// How far the org's clock may run behind the browser's when a lost create is looked for.
pub const CLOCK_SKEW_MS: u64 = 5 * 60 * 1000;

/// What the org's list says of a create whose answer was lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LostCreate<'a> {
    /// Exactly one client with the same fields, created since it was sent (allowing for clock
    /// skew): the one it made.
    Found(&'a OAuthClient),
    /// No such client.
    NotFound,
    /// Several such clients: which one is this create's cannot be told.
    Several(usize),
}

/// Looks in the org's list for the client a create whose answer was lost made.
pub fn lost_create<'a>(
    listing: &'a [OAuthClient],
    req: &OAuthClientRequest,
    sent_at_ms: u64,
) -> LostCreate<'a> {
    let same = |c: &&OAuthClient| {
        c.name == req.name
            && c.authorized_grant_type == req.authorized_grant_type
            && c.registered_redirect_uri == req.registered_redirect_uri
            && c.scope == req.scope
            && c.role_divisions == req.role_divisions
            && c.date_created
                .as_deref()
                .and_then(super::dates::iso_ms)
                .is_none_or(|t| t + CLOCK_SKEW_MS >= sent_at_ms)
    };
    let found: Vec<&OAuthClient> = listing.iter().filter(same).collect();
    match found[..] {
        [] => LostCreate::NotFound,
        [c] => LostCreate::Found(c),
        _ => LostCreate::Several(found.len()),
    }
}

#[cfg(test)]
mod lost {
    use super::*;
    use crate::platform::draft::request_of;

    fn listed(id: &str, name: &str, created: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "authorizedGrantType": "CODE", "dateCreated": created,
            "registeredRedirectUri": ["https://a.example.com/cb"], "scope": ["users:readonly"]
        }))
        .unwrap()
    }

    #[test]
    fn a_lost_create_is_found_once_or_not_at_all() {
        let req = request_of(&listed("x", "App", "2026-11-27T10:00:00.000Z"));
        let sent = crate::platform::dates::iso_ms("2026-11-27T10:00:00.000Z").unwrap();
        let old = listed("c0", "App", "2026-11-20T10:00:00.000Z");
        let new = listed("c1", "App", "2026-11-27T10:00:01.000Z");
        let other = listed("c2", "Other", "2026-11-27T10:00:01.000Z");
        // An older client of the same name is not the one just made.
        assert_eq!(lost_create(&[old.clone(), other.clone()], &req, sent), LostCreate::NotFound);
        assert_eq!(lost_create(&[old.clone(), new.clone(), other], &req, sent), LostCreate::Found(&new));
        // Made a little before the browser's clock says it was sent: the org's clock is behind.
        let skewed = listed("c3", "App", "2026-11-27T09:58:00.000Z");
        assert_eq!(lost_create(std::slice::from_ref(&skewed), &req, sent), LostCreate::Found(&skewed));
        // Two candidates: which is this create's cannot be told (never guess).
        assert_eq!(lost_create(&[new, skewed], &req, sent), LostCreate::Several(2));
        let mut moved = listed("c4", "App", "2026-11-27T10:00:01.000Z");
        moved.scope = vec!["presence".into()];
        assert_eq!(lost_create(&[moved], &req, sent), LostCreate::NotFound);
    }
}

#[cfg(test)]
// Natively only: the executor and proptest are native dev-dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod flow {
    use super::*;
    use crate::platform::draft::request_of;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    type Answer<T> = Result<T, ApiError>;

    /// An org that answers from a script and writes down what it was asked.
    #[derive(Default)]
    struct Org {
        creates: RefCell<VecDeque<Answer<OAuthClient>>>,
        updates: RefCell<VecDeque<Answer<OAuthClient>>>,
        lists: RefCell<VecDeque<Answer<Vec<OAuthClient>>>>,
        asked: RefCell<Vec<String>>,
    }

    impl Clients for Org {
        async fn create_client(&self, _: &OAuthClientRequest) -> Answer<OAuthClient> {
            self.asked.borrow_mut().push("create".into());
            self.creates.borrow_mut().pop_front().expect("a create the script has no answer for")
        }
        async fn update_client(&self, id: &str, _: &OAuthClientRequest) -> Answer<OAuthClient> {
            self.asked.borrow_mut().push(format!("update {id}"));
            self.updates.borrow_mut().pop_front().expect("an update the script has no answer for")
        }
        async fn list_to_check(&self) -> Answer<Vec<OAuthClient>> {
            self.asked.borrow_mut().push("list".into());
            self.lists.borrow_mut().pop_front().expect("a list the script has no answer for")
        }
        async fn pause(&self, ms: u64) {
            self.asked.borrow_mut().push(format!("pause {ms}"));
        }
    }

    const SENT: &str = "2026-11-27T10:00:00.000Z";
    fn sent() -> u64 {
        crate::platform::dates::iso_ms(SENT).unwrap()
    }

    fn client(id: &str, created: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": "App", "authorizedGrantType": "CODE", "dateCreated": created,
            "registeredRedirectUri": ["https://a.example.com/cb"], "scope": ["users:readonly"]
        }))
        .unwrap()
    }

    fn http(status: u16) -> ApiError {
        ApiError::Http { status, body: None, correlation_id: None, retry_after: None }
    }
    fn network() -> ApiError {
        ApiError::Network { url: "https://api.example/api/v2/oauth/clients".into() }
    }
    fn unreadable() -> ApiError {
        ApiError::Decode { url: "https://api.example/api/v2/oauth/clients".into(), detail: "EOF".into() }
    }

    /// Runs a create against `org`; the outcome and what the org was asked.
    fn create(org: Org) -> (SaveOutcome, Vec<String>) {
        let req = request_of(&client("x", SENT));
        let out = futures::executor::block_on(save_client(&org, sent, None, &req));
        (out, org.asked.take())
    }

    fn script(creates: Vec<Answer<OAuthClient>>, lists: Vec<Answer<Vec<OAuthClient>>>) -> Org {
        Org { creates: RefCell::new(creates.into()), lists: RefCell::new(lists.into()), ..Org::default() }
    }

    #[test]
    fn a_create_answered_is_created_and_nothing_else_is_asked() {
        let made = client("c1", "2026-11-27T10:00:01.000Z");
        assert_eq!(
            create(script(vec![Ok(made.clone())], vec![])),
            (SaveOutcome::Created(made), vec!["create".into()])
        );
    }

    #[test]
    fn a_lost_answer_is_looked_for_and_the_one_client_found() {
        let made = client("c1", "2026-11-27T10:00:01.000Z");
        for lost in [http(503), network(), unreadable()] {
            let (out, asked) = create(script(vec![Err(lost)], vec![Ok(vec![made.clone()])]));
            assert_eq!(out, SaveOutcome::CreatedAnswerLost(made.clone()));
            assert_eq!(asked, ["create", "list"], "found at once: never created again");
        }
        // Not in the first list, in the second, read after a pause.
        let (out, asked) = create(script(vec![Err(network())], vec![Ok(vec![]), Ok(vec![made.clone()])]));
        assert_eq!(out, SaveOutcome::CreatedAnswerLost(made));
        assert_eq!(asked, ["create", "list", "pause 2000", "list"]);
    }

    #[test]
    fn a_client_the_list_cannot_name_leaves_the_error_standing() {
        let (out, asked) = create(script(vec![Err(http(502))], vec![Ok(vec![]), Ok(vec![])]));
        assert_eq!(out, SaveOutcome::Lost { error: http(502), why: NotFound::Absent });
        assert_eq!(asked, ["create", "list", "pause 2000", "list"]);
        let two = vec![client("c1", "2026-11-27T10:00:01.000Z"), client("c2", "2026-11-27T10:00:02.000Z")];
        let (out, _) = create(script(vec![Err(network())], vec![Ok(two)]));
        assert_eq!(out, SaveOutcome::Lost { error: network(), why: NotFound::Several(2) });
        let (out, asked) = create(script(vec![Err(network())], vec![Err(http(401))]));
        assert_eq!(out, SaveOutcome::Lost { error: network(), why: NotFound::Unread(Box::new(http(401))) });
        assert_eq!(out.unauthorized(), Some(&http(401)), "the check's 401 ends the session");
        assert_eq!(asked, ["create", "list"]);
    }

    #[test]
    fn a_refusal_is_not_looked_for() {
        for refused in [http(400), http(401), http(403), http(429)] {
            let (out, asked) = create(script(vec![Err(refused.clone())], vec![]));
            assert_eq!(out.unauthorized().is_some(), refused.is_unauthorized());
            assert_eq!(out, SaveOutcome::Failed(refused));
            assert_eq!(asked, ["create"]);
        }
    }

    #[test]
    fn a_change_is_sent_once() {
        let req = request_of(&client("c1", SENT));
        let run = |answer: Answer<OAuthClient>| {
            let org = Org { updates: RefCell::new(vec![answer].into()), ..Org::default() };
            let out = futures::executor::block_on(save_client(&org, sent, Some("c1"), &req));
            (out, org.asked.take())
        };
        let saved = client("c1", SENT);
        assert_eq!(run(Ok(saved.clone())), (SaveOutcome::Updated(saved), vec!["update c1".into()]));
        assert_eq!(run(Err(unreadable())).0, SaveOutcome::UpdatedUnread);
        let (out, asked) = run(Err(http(503)));
        assert_eq!((out, asked), (SaveOutcome::Failed(http(503)), vec!["update c1".to_string()]));
    }
}
