//! Fixtures the native tests of several modules share.

use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::oauth::session::Session;
use crate::platform::model::{Division, NamedEntity, Role, UserMe};

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
