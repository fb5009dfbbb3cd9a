//! What the pages read of the org (and the one write a page makes outside the client flows),
//! each a named flow over the API: a page says what it needs and renders the answer.

use super::api::Api;
use super::error::ApiError;
use super::model::{Division, OAuthAuthorization, OAuthClient, Role, TokenInfo};
use super::templates::RefData;
use std::collections::HashSet;

/// One client.
pub async fn client(api: &Api, id: &str) -> Result<OAuthClient, ApiError> {
    api.get_client(id).await
}

/// One client, or `None` when the org has no such client (a 404).
pub async fn client_if_any(api: &Api, id: &str) -> Result<Option<OAuthClient>, ApiError> {
    match api.get_client(id).await {
        Ok(c) => Ok(Some(c)),
        Err(ApiError::Http { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every client of the org.
pub async fn clients(api: &Api) -> Result<Vec<OAuthClient>, ApiError> {
    api.list_clients().await
}

/// The org's roles and divisions, to name a client's grants.
pub async fn names(api: &Api) -> Result<RefData, ApiError> {
    Ok(RefData { roles: api.roles().await?, divisions: api.divisions().await?, ..Default::default() })
}

/// The roles and divisions as far as the org gives them: a client's page shows without names it
/// could not read.
pub async fn names_known(api: &Api) -> RefData {
    let roles = api.roles().await.unwrap_or_default();
    let divisions = api.divisions().await.unwrap_or_default();
    RefData { roles, divisions, ..Default::default() }
}

/// What the client form offers: scopes, roles, divisions and the home division.
pub async fn form_choices(api: &Api) -> Result<RefData, ApiError> {
    Ok(RefData {
        scopes: api.scopes().await?,
        roles: api.roles().await?,
        divisions: api.divisions().await?,
        home: Some(api.home_division().await?),
    })
}

/// What an import is checked against: the org's clients, roles and divisions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportTarget {
    pub clients: Vec<OAuthClient>,
    pub roles: Vec<Role>,
    pub divisions: Vec<Division>,
}

pub async fn import_target(api: &Api) -> Result<ImportTarget, ApiError> {
    Ok(ImportTarget {
        clients: api.list_clients().await?,
        roles: api.roles().await?,
        divisions: api.divisions().await?,
    })
}

/// The apps authorized in this org, and which of them are this org's own clients (their pages
/// exist here); without the right to list clients, none is known as ours.
pub async fn authorized_apps(api: &Api) -> Result<(Vec<OAuthAuthorization>, HashSet<String>), ApiError> {
    let apps = api.authorizations().await?;
    let ours = match api.list_clients().await {
        Ok(list) => list.into_iter().map(|c| c.id).collect(),
        Err(e) if e.is_unauthorized() => return Err(e),
        Err(_) => HashSet::new(),
    };
    Ok((apps, ours))
}

/// What the org says of the session's token (without resetting its idle timer).
pub async fn token(api: &Api) -> Result<TokenInfo, ApiError> {
    api.tokens_me().await
}

/// Recreates every default role the org lacks.
pub async fn restore_default_roles(api: &Api) -> Result<(), ApiError> {
    api.restore_default_roles().await
}
