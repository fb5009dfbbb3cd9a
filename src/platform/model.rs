//! Serde types with the vendor's JSON names. Unknown enum values never break parsing.

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};

/// `{id, name, selfUri}` as the API nests it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedEntity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

open_enum!(
    /// `authorizedGrantType`.
    GrantType {
        Code = "CODE",
        Token = "TOKEN",
        Saml2Bearer = "SAML2-BEARER" | "SAML2BEARER",
        Password = "PASSWORD",
        ClientCredentials = "CLIENT-CREDENTIALS",
    }
);

impl GrantType {
    /// The grant's name as the product documentation writes it.
    pub fn label(&self) -> String {
        match self {
            GrantType::Code => "Code Authorization".into(),
            GrantType::Token => "Token Implicit Grant (Browser)".into(),
            GrantType::Saml2Bearer => "SAML2 Bearer".into(),
            GrantType::Password => "Password".into(),
            GrantType::ClientCredentials => "Client Credentials".into(),
            GrantType::Unknown(s) => s.clone(),
        }
    }

    /// Its name where room is short (the clients list; the label is its title).
    pub fn short_label(&self) -> String {
        match self {
            GrantType::Token => "Implicit".into(),
            g => g.label(),
        }
    }
}

open_enum!(
    /// OAuth client `state`. `deleted` is outside the vendor SDK's enum: a real org reports it for
    /// a client in its seven-day grace period after a delete (see [`super::lifecycle`]).
    ClientState {
        Active = "active",
        Disabled = "disabled",
        Inactive = "inactive",
        Deleted = "deleted",
    }
);

/// The OAuth client a token belongs to, as `tokens/me` describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenClient {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub authorized_grant_type: Option<GrantType>,
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub state: Option<ClientState>,
    #[serde(default)]
    pub organization: Option<NamedEntity>,
}

/// `GET /api/v2/tokens/me`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    #[serde(default)]
    pub organization: Option<NamedEntity>,
    #[serde(default)]
    pub home_organization: Option<NamedEntity>,
    #[serde(default)]
    pub authorized_scope: Vec<String>,
    #[serde(default)]
    pub cloned_user: Option<NamedEntity>,
    #[serde(default)]
    pub date_token_idles: Option<String>,
    #[serde(rename = "OAuthClient", default)]
    pub oauth_client: Option<TokenClient>,
}

/// `authorization` of `users/me?expand=authorization`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAuthorization {
    #[serde(default)]
    pub roles: Vec<NamedEntity>,
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// `GET /api/v2/users/me`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserMe {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub division: Option<NamedEntity>,
    #[serde(default)]
    pub organization: Option<NamedEntity>,
    #[serde(default)]
    pub authorization: Option<UserAuthorization>,
}

/// The login host's token response (PKCE code exchange).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TokenResponse {
    pub access_token: crate::secret::Secret,
    #[serde(default)]
    pub token_type: Option<String>,
    pub expires_in: u64,
}

/// One entry of `ErrorBody.details`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(default)]
    pub error_code: Option<String>,
    #[serde(default)]
    pub field_name: Option<String>,
    #[serde(default)]
    pub entity_id: Option<String>,
    #[serde(default)]
    pub entity_name: Option<String>,
}

/// The API's error body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub message_with_params: Option<String>,
    #[serde(default)]
    pub context_id: Option<String>,
    #[serde(default)]
    pub message_params: std::collections::BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
    #[serde(default)]
    pub errors: Vec<ErrorBody>,
}

impl ErrorBody {
    /// The message in words: `message` (or `messageWithParams`) with every `{name}` of
    /// `messageParams` filled in.
    pub fn text(&self) -> String {
        let template = self.message.as_deref().or(self.message_with_params.as_deref()).unwrap_or_default();
        self.message_params.iter().fold(template.to_string(), |text, (k, v)| {
            let value = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            text.replace(&format!("{{{k}}}"), &value)
        })
    }
}

/// A client secret: never printed by `{:?}`, shown only when the user reveals it.
pub use crate::secret::Secret;

/// A role granted in a division (`divisionId` `*` = every division).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDivision {
    pub role_id: String,
    pub division_id: String,
}

/// The division id that means "all divisions".
pub const ALL_DIVISIONS: &str = "*";

/// An OAuth client as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClient {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub access_token_validity_seconds: Option<u64>,
    #[serde(default)]
    pub registered_redirect_uri: Vec<String>,
    #[serde(default)]
    pub role_ids: Vec<String>,
    pub authorized_grant_type: GrantType,
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub role_divisions: Vec<RoleDivision>,
    #[serde(default)]
    pub state: Option<ClientState>,
    #[serde(default)]
    pub date_to_delete: Option<String>,
    /// Present only in the create and regenerate responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    #[serde(default)]
    pub date_created: Option<String>,
    #[serde(default)]
    pub date_modified: Option<String>,
    #[serde(default)]
    pub created_by: Option<NamedEntity>,
    #[serde(default)]
    pub modified_by: Option<NamedEntity>,
    #[serde(default)]
    pub self_uri: Option<String>,
}

/// The body of a create (POST) or a full replace (PUT).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClientRequest {
    pub name: String,
    pub access_token_validity_seconds: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub registered_redirect_uri: Vec<String>,
    /// Deprecated by the vendor for `roleDivisions`; sent back only when the org holds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<String>,
    pub authorized_grant_type: GrantType,
    pub scope: Vec<String>,
    pub role_divisions: Vec<RoleDivision>,
    pub state: ClientState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_to_delete: Option<String>,
}

/// `GET /api/v2/oauth/clients`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClientListing {
    #[serde(default)]
    pub entities: Vec<OAuthClient>,
}

/// One scope of `GET /api/v2/oauth/scopes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthScope {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A paged listing (`roles`, `divisions`, scopes…).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Listing<T> {
    #[serde(default = "Vec::new")]
    pub entities: Vec<T>,
    #[serde(default)]
    pub page_size: Option<u32>,
    #[serde(default)]
    pub page_number: Option<u32>,
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub page_count: Option<u32>,
    #[serde(default)]
    pub next_uri: Option<String>,
}

/// A role of the org (`DomainOrganizationRole`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The default role this role is (or was copied from), whatever its display name now.
    #[serde(default)]
    pub default_role_id: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
    #[serde(default)]
    pub default: Option<bool>,
    #[serde(default)]
    pub base: Option<bool>,
    #[serde(default)]
    pub user_count: Option<u64>,
}

/// A division (`AuthzDivision`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Division {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub home_division: Option<bool>,
}

open_enum!(
    /// `state` of an authorized app.
    AuthorizationState {
        Authorized = "Authorized",
        Requested = "Requested",
        Revoked = "Revoked",
        Unauthorized = "Unauthorized",
    }
);

/// The client of an authorization: this org's, or another org's (an AppFoundry app).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedClient {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authorized_grant_type: Option<GrantType>,
    /// The org the client belongs to, when the org says.
    #[serde(default)]
    pub organization: Option<NamedEntity>,
}

/// `OAuthAuthorization`: an app authorized in this org.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthAuthorization {
    #[serde(default)]
    pub client: AuthorizedClient,
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub resource_owner: Option<NamedEntity>,
    #[serde(default)]
    pub date_created: Option<String>,
    #[serde(default)]
    pub pending: Option<bool>,
    #[serde(default)]
    pub state: Option<AuthorizationState>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_info_with_vendor_names() {
        let json = r#"{
            "organization": {"id": "o1", "name": "Acme", "selfUri": "/api/v2/organizations/o1"},
            "homeOrganization": {"id": "o1", "name": "Acme"},
            "authorizedScope": ["oauth", "users:readonly"],
            "dateTokenIdles": "2026-11-26T14:00:00Z",
            "OAuthClient": {"id": "c1", "name": "Console", "authorizedGrantType": "CODE",
                            "scope": ["oauth"], "state": "active", "organization": {"id": "o1"}},
            "somethingNew": 1
        }"#;
        let t: TokenInfo = serde_json::from_str(json).unwrap();
        assert_eq!(t.organization.unwrap().name.as_deref(), Some("Acme"));
        assert_eq!(t.authorized_scope, vec!["oauth", "users:readonly"]);
        let c = t.oauth_client.unwrap();
        assert_eq!(c.authorized_grant_type, Some(GrantType::Code));
        assert_eq!(c.state, Some(ClientState::Active));
    }

    #[test]
    fn unknown_enum_values_survive() {
        let c: TokenClient =
            serde_json::from_str(r#"{"authorizedGrantType": "DEVICE-CODE", "state": "frozen"}"#).unwrap();
        assert_eq!(c.authorized_grant_type, Some(GrantType::Unknown("DEVICE-CODE".into())));
        assert_eq!(c.state, Some(ClientState::Unknown("frozen".into())));
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back["authorizedGrantType"], "DEVICE-CODE");
        assert_eq!(serde_json::to_value(GrantType::Saml2Bearer).unwrap(), "SAML2-BEARER");
        // The SDK's alias reads as the same grant, and is written back by its canonical name.
        let alias: GrantType = serde_json::from_value(serde_json::json!("SAML2BEARER")).unwrap();
        assert_eq!(alias, GrantType::Saml2Bearer);
        assert_eq!(serde_json::to_value(alias).unwrap(), "SAML2-BEARER");
        assert_eq!(GrantType::Token.label(), "Token Implicit Grant (Browser)");
    }

    #[test]
    fn user_me_with_authorization() {
        let json = r#"{"id":"u1","name":"Ana Admin","email":"ana@example.com","state":"active",
            "organization":{"id":"o1","name":"Acme"},
            "authorization":{"roles":[{"id":"r1","name":"Master Admin"}],"permissions":["oauth:client:*"]}}"#;
        let u: UserMe = serde_json::from_str(json).unwrap();
        assert_eq!(u.authorization.unwrap().roles[0].name.as_deref(), Some("Master Admin"));
    }

    #[test]
    fn oauth_client_as_the_vendor_sends_it() {
        let json = r#"{
            "id": "c1", "name": "Nightly export", "description": "ETL",
            "accessTokenValiditySeconds": 86400, "registeredRedirectUri": [], "roleIds": ["r1"],
            "authorizedGrantType": "CLIENT-CREDENTIALS", "scope": [],
            "roleDivisions": [{"roleId": "r1", "divisionId": "*"}],
            "state": "active", "secret": "s3cr3t",
            "dateCreated": "2026-01-01T00:00:00Z", "dateModified": "2026-02-01T00:00:00.000Z",
            "createdBy": {"id": "u1", "name": "Ana", "selfUri": "/api/v2/users/u1"},
            "selfUri": "/api/v2/oauth/clients/c1", "organization": {"id": "o"}
        }"#;
        let c: OAuthClient = serde_json::from_str(json).unwrap();
        assert_eq!(c.authorized_grant_type, GrantType::ClientCredentials);
        assert_eq!(c.role_divisions[0].division_id, ALL_DIVISIONS);
        assert_eq!(c.secret.as_ref().unwrap().expose(), "s3cr3t");
        assert!(!format!("{c:?}").contains("s3cr3t"), "a secret never prints");
        // Unknown grant and state values still parse.
        let odd: OAuthClient = serde_json::from_str(
            r#"{"id":"x","name":"n","authorizedGrantType":"DEVICE","state":"archived"}"#,
        )
        .unwrap();
        assert_eq!(odd.authorized_grant_type, GrantType::Unknown("DEVICE".into()));
        assert_eq!(odd.state, Some(ClientState::Unknown("archived".into())));
    }

    #[test]
    fn request_uses_the_vendor_names() {
        let req = OAuthClientRequest {
            name: "n".into(),
            access_token_validity_seconds: 300,
            description: None,
            registered_redirect_uri: vec!["https://a/".into()],
            role_ids: vec![],
            authorized_grant_type: GrantType::Code,
            scope: vec!["oauth".into()],
            role_divisions: vec![],
            state: ClientState::Active,
            date_to_delete: None,
        };
        let v = serde_json::to_value(&req).unwrap();
        assert_eq!(v["accessTokenValiditySeconds"], 300);
        assert_eq!(v["registeredRedirectUri"][0], "https://a/");
        assert_eq!(v["authorizedGrantType"], "CODE");
        assert_eq!(v["state"], "active");
        assert!(
            v.get("dateToDelete").is_none() && v.get("description").is_none() && v.get("roleIds").is_none()
        );
    }

    #[test]
    fn listings_roles_divisions_scopes() {
        let roles: Listing<Role> = serde_json::from_str(
            r#"{"entities":[{"id":"r","name":"SCIM Integration","permissions":["directory:user:add"],"default":true}],
                "pageSize":25,"pageNumber":1,"total":1,"pageCount":1}"#,
        )
        .unwrap();
        assert_eq!(roles.entities[0].name, "SCIM Integration");
        assert_eq!(roles.page_count, Some(1));
        let divs: Listing<Division> =
            serde_json::from_str(r#"{"entities":[{"id":"d","name":"Home","homeDivision":true}]}"#).unwrap();
        assert_eq!(divs.entities[0].home_division, Some(true));
        let scopes: Listing<OAuthScope> = serde_json::from_str(
            r#"{"total":1,"entities":[{"id":"oauth","description":"Manage OAuth clients"}]}"#,
        )
        .unwrap();
        assert_eq!(scopes.entities[0].id, "oauth");
    }

    #[test]
    fn authorizations_as_the_vendor_sends_them() {
        let l: Listing<OAuthAuthorization> = serde_json::from_str(
            r#"{"total":1,"entities":[{"client":{"id":"f1","name":"Acme Wallboards","authorizedGrantType":"CODE",
                "organization":{"id":"o2","name":"Acme Partner Org"}},"scope":["analytics:readonly"],"roles":[],
                "resourceOwner":{"id":"o1","name":"Us"},"dateCreated":"2026-01-01T00:00:00Z","pending":false,
                "state":"Authorized","selfUri":"/api/v2/oauth/authorizations/f1"},
                {"client":{"id":"x"},"state":"Suspended"}],"selfUri":"/api/v2/oauth/authorizations"}"#,
        )
        .unwrap();
        let a = &l.entities[0];
        assert_eq!(a.client.organization.as_ref().unwrap().name.as_deref(), Some("Acme Partner Org"));
        assert_eq!(a.state, Some(AuthorizationState::Authorized));
        assert_eq!(l.entities[1].state, Some(AuthorizationState::Unknown("Suspended".into())));
    }

    #[test]
    fn error_body() {
        let json = r#"{"message":"Token expired","code":"authentication.required","status":401,
            "contextId":"ctx","details":[{"errorCode":"x","fieldName":"name"}],"errors":[]}"#;
        let e: ErrorBody = serde_json::from_str(json).unwrap();
        assert_eq!(e.status, Some(401));
        assert_eq!(e.details[0].field_name.as_deref(), Some("name"));
    }
}
