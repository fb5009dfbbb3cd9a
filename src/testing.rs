//! Fixtures the native tests of several modules share.

use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::oauth::session::Session;
use crate::platform::model::{Division, GrantType, NamedEntity, OAuthClient, Role, UserMe};

/// A session of `org` in `env`, with `token`, expiring at `expires_at_ms`.
pub fn session(env: Environment, org: &str, token: &str, expires_at_ms: u64) -> Session {
    Session {
        env,
        client_id: "c".into(),
        method: Method::Pkce,
        token: token.into(),
        expires_at_ms,
        user: UserMe { id: "u1".into(), ..Default::default() },
        org: Some(NamedEntity {
            id: Some(org.into()),
            name: Some(format!("Org {org}")),
            ..Default::default()
        }),
        client_name: None,
        scopes: vec![],
        idles_at_ms: None,
    }
}

/// A role of the org, by id and name.
pub fn role(id: &str, name: &str) -> Role {
    Role { id: id.into(), name: name.into(), ..Default::default() }
}

/// A division of the org, by id and name.
pub fn division(id: &str, name: &str) -> Division {
    Division { id: id.into(), name: name.into(), ..Default::default() }
}

/// An OAuth client of the org with only its id, name and grant type (the org's optional fields
/// absent).
pub fn oauth_client(id: &str, name: &str, grant: GrantType) -> OAuthClient {
    OAuthClient {
        id: id.into(),
        name: name.into(),
        description: None,
        access_token_validity_seconds: None,
        registered_redirect_uri: vec![],
        role_ids: vec![],
        authorized_grant_type: grant,
        scope: vec![],
        role_divisions: vec![],
        state: None,
        date_to_delete: None,
        secret: None,
        date_created: None,
        date_modified: None,
        created_by: None,
        modified_by: None,
        self_uri: None,
    }
}

/// A client id as the org writes them (a UUID), numbered.
pub fn uuid(n: u32) -> String {
    format!("c0ffee00-0000-4000-8000-{n:012x}")
}
