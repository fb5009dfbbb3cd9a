//! The apps authorized in this org (`GET /api/v2/oauth/authorizations`): one per client a user of
//! the org has signed in with, this org's clients and other orgs' (AppFoundry) apps alike.

use crate::admin::guard;
use crate::org::{iso, org_id, org_name, Org};
use crate::Sandbox;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

/// A client of another org, as the authorization listing describes it.
#[derive(Clone, Debug)]
pub struct ForeignApp {
    pub id: String,
    pub name: String,
    pub description: String,
    pub grant: String,
    pub org: (String, String),
}

/// One authorized app.
#[derive(Clone, Debug)]
pub struct Authorization {
    pub client_id: String,
    /// `None` for this org's own clients.
    pub foreign: Option<ForeignApp>,
    pub scope: Vec<String>,
    pub roles: Vec<String>,
    /// Authorized, Revoked, Requested, Unauthorized.
    pub state: String,
    pub created: SystemTime,
    pub modified: SystemTime,
}

/// The seed: two AppFoundry apps of other orgs (one revoked) and this org's clients its users
/// have signed in with.
pub fn seeded(now: SystemTime) -> Vec<Authorization> {
    let day = Duration::from_secs(86_400);
    let foreign = |id: &str, name: &str, description: &str, org: (&str, &str)| ForeignApp {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        grant: "CODE".into(),
        org: (org.0.into(), org.1.into()),
    };
    let auth =
        |client_id: &str, foreign: Option<ForeignApp>, scope: &[&str], state: &str, age: u32| Authorization {
            client_id: client_id.into(),
            foreign,
            scope: scope.iter().map(|s| s.to_string()).collect(),
            roles: vec![],
            state: state.into(),
            created: now - day * age,
            modified: now - day * (age / 2),
        };
    vec![
        auth(
            "f0000000-0000-4000-8000-000000000001",
            Some(foreign(
                "f0000000-0000-4000-8000-000000000001",
                "Acme Wallboards",
                "Real-time wallboards from AppFoundry",
                ("0a0a0a0a-0000-4000-8000-000000000001", "Acme Partner Org"),
            )),
            &["analytics:readonly", "routing:readonly", "users:readonly"],
            "Authorized",
            120,
        ),
        auth(
            "f0000000-0000-4000-8000-000000000002",
            Some(foreign(
                "f0000000-0000-4000-8000-000000000002",
                "Globex Survey",
                "Post-call surveys",
                ("0b0b0b0b-0000-4000-8000-000000000002", "Globex Inc"),
            )),
            &["conversations:readonly"],
            "Revoked",
            300,
        ),
        auth("c0ffee00-0000-4000-8000-000000000003", None, &["conversations", "users"], "Authorized", 40),
    ]
}

/// A user of the org signed in with this client: it is authorized (again).
pub fn record_sign_in(org: &mut Org, client_id: &str) {
    let now = SystemTime::now();
    let scope = org.client(client_id).map(|c| c.scope.clone()).unwrap_or_default();
    match org.authorizations.iter_mut().find(|a| a.client_id == client_id) {
        Some(a) => {
            a.state = "Authorized".into();
            a.scope = scope;
            a.modified = now;
        }
        None => org.authorizations.push(Authorization {
            client_id: client_id.into(),
            foreign: None,
            scope,
            roles: vec![],
            state: "Authorized".into(),
            created: now,
            modified: now,
        }),
    }
}

fn client_of(org: &Org, a: &Authorization) -> Value {
    match (&a.foreign, org.client(&a.client_id)) {
        (Some(f), _) => json!({
            "id": f.id, "name": f.name, "description": f.description, "authorizedGrantType": f.grant,
            "organization": {"id": f.org.0, "name": f.org.1},
        }),
        (None, Some(c)) => {
            let mut v = org.client_json(c, false);
            v["organization"] = json!({"id": org_id(), "name": org_name()});
            v
        }
        // A client of this org deleted since: the org still lists what it knew.
        (None, None) => json!({"id": a.client_id, "organization": {"id": org_id(), "name": org_name()}}),
    }
}

/// `GET /api/v2/oauth/authorizations` → `OAuthAuthorizationListing`.
pub async fn list(State(sb): State<Sandbox>, headers: HeaderMap) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth", "oauth:readonly"], Some("oauth:client:view")) {
        return r;
    }
    let entities: Vec<Value> = org
        .authorizations
        .iter()
        .map(|a| {
            json!({
                "client": client_of(&org, a),
                "scope": a.scope,
                "roles": a.roles,
                "resourceOwner": org.org_json(),
                "dateCreated": iso(a.created),
                "dateModified": iso(a.modified),
                "pending": a.state == "Requested",
                "state": a.state,
                "selfUri": format!("/api/v2/oauth/authorizations/{}", a.client_id),
            })
        })
        .collect();
    Json(json!({"total": entities.len(), "entities": entities, "selfUri": "/api/v2/oauth/authorizations"}))
        .into_response()
}
