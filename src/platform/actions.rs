//! What the console does to an existing client, as plans of requests: a state change sends the
//! whole client (PUT replaces it), a delete makes an active client inactive first. The org's
//! field errors are mapped back to the form's fields.

use super::api::Api;
use super::draft::{request_of, Draft};
use super::error::ApiError;
use super::model::{ClientState, GrantType, OAuthClient, OAuthClientRequest};
use super::rules::{Field, Problem};
use super::save::{save_client, NotFound, SaveOutcome};
use super::Clock;

/// The full object for a PUT that changes only the state (PUT replaces the whole client).
pub fn with_state(c: &OAuthClient, state: ClientState, date_to_delete: Option<String>) -> OAuthClientRequest {
    OAuthClientRequest { state, date_to_delete, ..request_of(c) }
}

/// What the client page can do to a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAction {
    Regenerate,
    Disable,
    Enable,
    Delete,
    /// Back to active, from a delete's grace period (or inactive with a deletion date).
    Restore,
}

/// What a consequential action asks before it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// With the client's and the org's names ("Disable “CRM” in Sandbox Test Org?").
    pub title: String,
    pub message: String,
    /// Said apart and first, for the client this console signed in with: the session ends.
    pub own: Option<String>,
    pub button: &'static str,
    /// The client's name is typed to confirm.
    pub type_name: bool,
    /// Its recent use is read and shown: the apps behind it stop.
    pub shows_use: bool,
}

/// Where an action is asked: the org's name, and whether the client is the one this console
/// is signed in with.
#[derive(Clone, Copy, Debug)]
pub struct Asked<'a> {
    pub org: &'a str,
    pub own: bool,
    pub now_ms: u64,
}

/// How the client this console signed in with was stopped (from its page, or by a retirement);
/// it cannot be deleted from its own session (the delete's second request would go out with a
/// token the first one ended).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Disabled,
    MadeInactive,
}

impl Stop {
    /// "you disabled “X”", for the session's end.
    pub fn done_to(self, name: &str) -> String {
        match self {
            Stop::Disabled => format!("you disabled \u{201c}{name}\u{201d}"),
            Stop::MadeInactive => format!("you made \u{201c}{name}\u{201d} inactive"),
        }
    }

    /// What brings it back: "enable “X”".
    pub fn undo(self, name: &str) -> String {
        match self {
            Stop::Disabled => format!("enable \u{201c}{name}\u{201d}"),
            Stop::MadeInactive => format!("make \u{201c}{name}\u{201d} active again"),
        }
    }

    /// What the admin reads before stopping it: the session ends, and how to get back in.
    pub fn own_client_note(self, name: &str) -> String {
        let (doing, undone) = match self {
            Stop::Disabled => ("Disabling it", "enabled again"),
            Stop::MadeInactive => ("Making it inactive", "made active again"),
        };
        format!(
            "This console is signed in with \u{201c}{name}\u{201d}. {doing} ends your session at once, and no one can sign in with it until it is {undone}: to sign in again, use another client of the org."
        )
    }
}

/// Why the client this console signed in with cannot be deleted from this session.
pub const OWN_CLIENT_NOT_DELETED: &str = "This console is signed in with this client: disabling it ends your session, and it can be deleted only from a session signed in with another client of the org.";

/// One request of an action's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Regenerate,
    Put(Box<OAuthClientRequest>),
    Delete,
    /// A new client (an import): the client id of its job is unused.
    Create(Box<OAuthClientRequest>),
    /// The client read afresh, then sent back with this state (a bulk action: the list may be
    /// minutes old, and a PUT replaces every field).
    SetState(ClientState, Option<String>),
}

impl ClientAction {
    pub fn verb(self) -> &'static str {
        match self {
            ClientAction::Regenerate => "regenerate the secret of",
            ClientAction::Disable => "disable",
            ClientAction::Enable => "enable",
            ClientAction::Delete => "delete",
            ClientAction::Restore => "restore",
        }
    }

    /// The action that flips a client between disabled and active.
    pub fn toggle_for(c: &OAuthClient) -> ClientAction {
        if c.state == Some(ClientState::Disabled) {
            ClientAction::Enable
        } else {
            ClientAction::Disable
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ClientAction::Regenerate => "Regenerate secret",
            ClientAction::Disable => "Disable",
            ClientAction::Enable => "Enable",
            ClientAction::Delete => "Delete",
            ClientAction::Restore => "Restore",
        }
    }

    /// The confirmation a consequential action asks for: what it stops, in which org, and for
    /// the console's own sign-in client that the session ends. A delete says what it will do
    /// to this client, by its age; a disable, that its apps stop (their use is shown beside).
    pub fn confirmation(self, c: &OAuthClient, at: Asked) -> Option<Confirmation> {
        let (name, org) = (c.name.as_str(), at.org);
        let own = |how: Stop| at.own.then(|| how.own_client_note(name));
        let ask = |title: String, message: String, own: Option<String>, button| Confirmation {
            title,
            message,
            own,
            button,
            type_name: true,
            shows_use: false,
        };
        match self {
            ClientAction::Regenerate => Some(ask(
                format!("Regenerate the secret of \u{201c}{name}\u{201d} in {org}?"),
                "The current secret stops working at once: every service using it fails until it gets the new one.".into(),
                None,
                "Regenerate secret",
            )),
            ClientAction::Delete => Some(ask(
                format!("Delete \u{201c}{name}\u{201d} from {org}?"),
                super::lifecycle::delete_message(c, at.now_ms),
                // Never asked for the console's own client: its page does not offer the delete.
                None,
                "Delete client",
            )),
            // Reversible: the name is typed only when it ends this session.
            ClientAction::Disable => Some(Confirmation {
                type_name: at.own,
                shows_use: true,
                ..ask(
                    format!("Disable \u{201c}{name}\u{201d} in {org}?"),
                    "Apps that use it lose their tokens at once and get no new ones until it is enabled again.".into(),
                    own(Stop::Disabled),
                    "Disable client",
                )
            }),
            ClientAction::Enable | ClientAction::Restore => None,
        }
    }

    /// How this action stops the client, when it does (and the session with it, for the
    /// console's own).
    pub fn stops(self) -> Option<Stop> {
        (self == ClientAction::Disable).then_some(Stop::Disabled)
    }

    /// What the page says once the action is done (a delete leaves the page instead).
    pub fn done(self) -> &'static str {
        match self {
            ClientAction::Regenerate => "The secret is regenerated: the old one stopped working.",
            // The state note beside it says what that means.
            ClientAction::Disable => "Disabled.",
            ClientAction::Enable => "Enabled: the client can get tokens again.",
            ClientAction::Delete => "Deleted.",
            ClientAction::Restore => "Restored: the client is active again. Its apps need new tokens: the ones it issued before the delete stay revoked.",
        }
    }

    /// The requests this action sends, in order. A delete makes an active client inactive first
    /// (the org deletes only inactive clients), without inventing a deletion date.
    pub fn plan(self, c: &OAuthClient) -> Vec<Step> {
        match self {
            ClientAction::Regenerate => vec![Step::Regenerate],
            ClientAction::Disable => vec![Step::Put(Box::new(with_state(c, ClientState::Disabled, None)))],
            ClientAction::Enable | ClientAction::Restore => {
                vec![Step::Put(Box::new(with_state(c, ClientState::Active, None)))]
            }
            ClientAction::Delete if c.state == Some(ClientState::Inactive) => vec![Step::Delete],
            ClientAction::Delete => {
                vec![Step::Put(Box::new(with_state(c, ClientState::Inactive, None))), Step::Delete]
            }
        }
    }
}

/// Runs a plan against the org, stopping at the first failure. Returns the new secret when a
/// step regenerated it.
pub async fn run_plan(
    api: &Api,
    client_id: &str,
    plan: Vec<Step>,
    now: Clock,
) -> Result<Option<String>, ApiError> {
    let mut secret = None;
    for step in plan {
        if let Some(s) = run_step(api, client_id, &step, now).await? {
            secret = Some(s);
        }
    }
    Ok(secret)
}

/// Sends one step of a plan; the new secret when it regenerated it.
pub async fn run_step(
    api: &Api,
    client_id: &str,
    step: &Step,
    now: Clock,
) -> Result<Option<String>, ApiError> {
    match step {
        Step::Regenerate => {
            Ok(api.regenerate_secret(client_id).await?.secret.map(|s| s.expose().to_string()))
        }
        Step::Put(req) => api.update_client(client_id, req).await.map(|_| None),
        Step::SetState(state, date) => {
            let fresh = api.get_client(client_id).await?;
            // Deleted by someone else meanwhile: a PUT would bring it back.
            if fresh.state == Some(ClientState::Deleted) && *state != ClientState::Deleted {
                return Err(ApiError::DeletedMeanwhile);
            }
            api.update_client(client_id, &with_state(&fresh, state.clone(), date.clone())).await.map(|_| None)
        }
        // One policy for every create (the editor's too): a lost answer is looked for in the
        // org's list; a client it cannot name leaves the error standing (never sent twice blindly).
        Step::Create(req) => match save_client(api, now, None, req).await {
            // The new client's secret, given once (an import shows it).
            SaveOutcome::Created(c) => Ok(c.secret.map(|s| s.expose().to_string())),
            SaveOutcome::CreatedAnswerLost(_) => Ok(None),
            SaveOutcome::Lost { why: NotFound::Unread(check), .. } if check.is_unauthorized() => Err(*check),
            SaveOutcome::Lost { error, .. } | SaveOutcome::Failed(error) => Err(error),
            SaveOutcome::Updated(_) | SaveOutcome::UpdatedUnread => Ok(None),
        },
        Step::Delete => match api.delete_client(client_id).await {
            Ok(()) => Ok(None),
            // The answer was lost: the client is gone if the org no longer knows it, or holds it
            // in its grace period (state `deleted`).
            // The check waits out the org's 429s itself, as a create's does.
            Err(e) if e.is_ambiguous() => match api.clone().unpaced().get_client(client_id).await {
                Err(ApiError::Http { status: 404, .. }) => Ok(None),
                Ok(c) if c.state == Some(ClientState::Deleted) => Ok(None),
                Err(check) if check.is_unauthorized() => Err(check),
                _ => Err(e),
            },
            Err(e) => Err(e),
        },
    }
}

/// Maps a 400's `details[].fieldName` to the form's fields.
pub fn server_problems(err: &ApiError) -> Vec<Problem> {
    let ApiError::Http { status: 400, body: Some(body), .. } = err else { return vec![] };
    let message = Some(body.text())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "The org rejected this value.".into());
    let mut out: Vec<Problem> = Vec::new();
    for d in &body.details {
        if let Some(field) = d.field_name.as_deref().and_then(Field::from_api) {
            if !out.iter().any(|p| p.field == field) {
                out.push(Problem { field, line: None, message: message.clone() });
            }
        }
    }
    out
}

/// Did the org refuse a new implicit client (the vendor's March 2026 change)? Decided from the
/// grant, the status and the message, whatever the answer's shape: with or without `details`,
/// with `bad.request` or `invalid.value`.
pub fn implicit_refused(draft: &Draft, err: &ApiError) -> bool {
    let ApiError::Http { status: 400, body, .. } = err else { return false };
    if draft.grant != GrantType::Token {
        return false;
    }
    let names_grant = server_problems(err).iter().any(|p| p.field == Field::Grant);
    let says = body.as_ref().map(|b| b.text().to_ascii_lowercase()).unwrap_or_default();
    names_grant || says.contains("implicit") || says.contains("grant")
}

/// The org's field errors, and for a refused implicit client the org's words beside the grant
/// (the vendor names no field for it).
pub fn refusal_problems(draft: &Draft, err: &ApiError) -> Vec<Problem> {
    let mut out = server_problems(err);
    if implicit_refused(draft, err) && !out.iter().any(|p| p.field == Field::Grant) {
        let message = match err {
            ApiError::Http { body: Some(b), .. } => b.text(),
            _ => String::new(),
        };
        out.push(Problem { field: Field::Grant, line: None, message });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::ErrorBody;

    fn client(state: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": "x", "name": "n", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 600,
            "roleDivisions": [{"roleId": "r", "divisionId": "*"}], "state": state, "description": "d"
        }))
        .unwrap()
    }

    #[test]
    fn every_stop_is_confirmed_in_the_org_s_name_and_the_console_s_own_client_ends_the_session() {
        let c = OAuthClient { name: "CRM Embeddable Framework".into(), ..client("active") };
        let other = Asked { org: "Sandbox Test Org", own: false, now_ms: 0 };
        let own = Asked { own: true, ..other };
        let disable = ClientAction::Disable.confirmation(&c, other).unwrap();
        assert_eq!(disable.title, "Disable \u{201c}CRM Embeddable Framework\u{201d} in Sandbox Test Org?");
        assert!(disable.message.contains("lose their tokens at once"));
        assert!(disable.shows_use && !disable.type_name && disable.own.is_none());
        // The console's own client: said apart, and its name typed.
        let mine = ClientAction::Disable.confirmation(&c, own).unwrap();
        assert!(mine.type_name);
        let note = mine.own.unwrap();
        assert!(note.starts_with("This console is signed in with \u{201c}CRM Embeddable Framework\u{201d}. Disabling it ends your session at once"), "{note}");
        assert!(note.contains("until it is enabled again") && note.contains("use another client of the org"));
        let delete = ClientAction::Delete.confirmation(&c, other).unwrap();
        assert_eq!(delete.title, "Delete \u{201c}CRM Embeddable Framework\u{201d} from Sandbox Test Org?");
        assert!(delete.type_name && delete.own.is_none());
        assert!(Stop::MadeInactive
            .own_client_note("C")
            .contains("Making it inactive ends your session at once"));
        assert_eq!(Stop::MadeInactive.done_to("C"), "you made \u{201c}C\u{201d} inactive");
        assert_eq!(Stop::Disabled.undo("C"), "enable \u{201c}C\u{201d}");
        let regenerate = ClientAction::Regenerate.confirmation(&c, own).unwrap();
        assert!(regenerate.title.ends_with("in Sandbox Test Org?") && regenerate.type_name);
        // A secret is not what this console signs in with.
        assert!(regenerate.own.is_none());
        assert_eq!(
            [ClientAction::Disable, ClientAction::Delete, ClientAction::Regenerate, ClientAction::Enable]
                .map(ClientAction::stops),
            [Some(Stop::Disabled), None, None, None]
        );
    }

    #[test]
    fn a_state_change_sends_the_whole_client() {
        let c = client("active");
        let req = with_state(&c, ClientState::Inactive, Some("2026-11-26T00:00:00.000Z".into()));
        assert_eq!(req.state, ClientState::Inactive);
        assert_eq!(req.access_token_validity_seconds, 600);
        assert_eq!(req.role_divisions, c.role_divisions);
        assert_eq!(req.description.as_deref(), Some("d"));
        assert_eq!(req.date_to_delete.as_deref(), Some("2026-11-26T00:00:00.000Z"));
    }

    #[test]
    fn delete_is_inactive_first_then_delete() {
        let active = client("active");
        let plan = ClientAction::Delete.plan(&active);
        assert_eq!(plan.len(), 2);
        match &plan[0] {
            Step::Put(req) => {
                assert_eq!(req.state, ClientState::Inactive);
                assert_eq!(req.date_to_delete, None, "no deletion date is invented");
                assert_eq!(req.name, "n");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan[1], Step::Delete);
        assert_eq!(ClientAction::Delete.plan(&client("inactive")), vec![Step::Delete]);
        assert!(matches!(ClientAction::Delete.plan(&client("disabled"))[0], Step::Put(_)));
    }

    #[test]
    fn the_other_actions_are_one_request() {
        let c = client("active");
        assert_eq!(ClientAction::Regenerate.plan(&c), vec![Step::Regenerate]);
        assert_eq!(
            ClientAction::Disable.plan(&c),
            vec![Step::Put(Box::new(with_state(&c, ClientState::Disabled, None)))]
        );
        assert_eq!(
            ClientAction::Enable.plan(&c),
            vec![Step::Put(Box::new(with_state(&c, ClientState::Active, None)))]
        );
        assert_eq!(ClientAction::toggle_for(&c), ClientAction::Disable);
        assert_eq!(ClientAction::toggle_for(&client("disabled")), ClientAction::Enable);
        let at = Asked { org: "Sandbox Test Org", own: false, now_ms: 0 };
        assert!(ClientAction::Restore.confirmation(&c, at).is_none());
        assert!(ClientAction::Enable.confirmation(&c, at).is_none());
        // A restore sends the whole client back, active, without its deletion date.
        let deleted =
            OAuthClient { date_to_delete: Some("2026-12-04T10:00:00.000Z".into()), ..client("deleted") };
        let [Step::Put(req)] = &ClientAction::Restore.plan(&deleted)[..] else { panic!("one PUT") };
        assert_eq!(req.state, ClientState::Active);
        assert_eq!(req.date_to_delete, None);
        assert_eq!(
            **req,
            OAuthClientRequest { state: ClientState::Active, date_to_delete: None, ..request_of(&deleted) }
        );
    }

    #[test]
    fn api_field_errors_and_the_retirement() {
        let err = ApiError::Http {
            status: 400,
            body: Some(serde_json::from_value(serde_json::json!({
                "message": "No new implicit clients", "details": [{"fieldName": "authorizedGrantType"}, {"fieldName": "unknownThing"}]
            })).unwrap()),
            correlation_id: None,
            retry_after: None,
        };
        let p = server_problems(&err);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, Field::Grant);
        assert_eq!(p[0].message, "No new implicit clients");
        let implicit = Draft { grant: GrantType::Token, ..Draft::default() };
        assert!(implicit_refused(&implicit, &err));
        assert!(!implicit_refused(&Draft::default(), &err));
        // The vendor's own shape: no details, a code, the reason in words.
        for code in ["bad.request", "invalid.value"] {
            let bare = ApiError::Http {
                status: 400,
                body: Some(serde_json::from_value(serde_json::json!({
                    "message": "The Token Implicit Grant (Browser) is no longer available for new OAuth clients.",
                    "code": code, "details": []
                })).unwrap()),
                correlation_id: None,
                retry_after: None,
            };
            assert!(implicit_refused(&implicit, &bare), "{code}");
            let p = refusal_problems(&implicit, &bare);
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].field, Field::Grant);
            assert!(p[0].message.contains("no longer available"));
            assert!(refusal_problems(&Draft::default(), &bare).is_empty());
        }
        let unrelated = ApiError::Http {
            status: 400,
            body: Some(
                serde_json::from_value(serde_json::json!({"message": "Name too long", "details": []}))
                    .unwrap(),
            ),
            correlation_id: None,
            retry_after: None,
        };
        assert!(!implicit_refused(&implicit, &unrelated));
        let other = ApiError::Http {
            status: 500,
            body: Some(ErrorBody::default()),
            correlation_id: None,
            retry_after: None,
        };
        assert!(server_problems(&other).is_empty());
    }
}
