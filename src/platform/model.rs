//! Serde types with the vendor's JSON names. Unknown enum values never break parsing.

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

macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $json:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($variant,)*
            /// A value this version of the console does not know yet.
            Unknown(String),
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($json => $name::$variant,)*
                    _ => $name::Unknown(s),
                }
            }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String {
                match v {
                    $($name::$variant => $json.to_string(),)*
                    $name::Unknown(s) => s,
                }
            }
        }
    };
}

open_enum!(
    /// `authorizedGrantType`.
    GrantType {
        Code = "CODE",
        Token = "TOKEN",
        Saml2Bearer = "SAML2-BEARER",
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
}

open_enum!(
    /// OAuth client `state`.
    ClientState {
        Active = "active",
        Disabled = "disabled",
        Inactive = "inactive",
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
    pub access_token: String,
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
    pub details: Vec<ErrorDetail>,
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
    fn error_body() {
        let json = r#"{"message":"Token expired","code":"authentication.required","status":401,
            "contextId":"ctx","details":[{"errorCode":"x","fieldName":"name"}],"errors":[]}"#;
        let e: ErrorBody = serde_json::from_str(json).unwrap();
        assert_eq!(e.status, Some(401));
        assert_eq!(e.details[0].field_name.as_deref(), Some("name"));
    }
}
