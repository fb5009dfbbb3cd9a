//! What replacing an org's client with another request changes, field by field: shown before an
//! import replaces anything.

use super::draft::request_of;
use super::model::{Division, OAuthClient, OAuthClientRequest, Role, RoleDivision, ALL_DIVISIONS};

/// One field that a replacement changes in the org's client: its label, and the value before
/// and after, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// What replacing `current` with `new` changes, field by field (empty: nothing). Roles and
/// divisions are named when the org's lists know them.
pub fn changes(
    current: &OAuthClient,
    new: &OAuthClientRequest,
    roles: &[Role],
    divisions: &[Division],
) -> Vec<Change> {
    let old = request_of(current);
    let mut out = Vec::new();
    let mut push = |field: &'static str, before: String, after: String| {
        if before != after {
            out.push(Change { field, before, after });
        }
    };
    let list = |v: &[String]| if v.is_empty() { "(none)".to_string() } else { v.join(", ") };
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    let role_text = |rds: &[RoleDivision]| {
        let mut v: Vec<String> = rds
            .iter()
            .map(|rd| {
                // By name, unless two roles share it: then by id too.
                let role = match roles.iter().find(|r| r.id == rd.role_id) {
                    Some(r) if roles.iter().filter(|o| o.name == r.name).count() > 1 => {
                        format!("{} ({})", r.name, r.id)
                    }
                    Some(r) => r.name.clone(),
                    None => rd.role_id.clone(),
                };
                let division = if rd.division_id == ALL_DIVISIONS {
                    "all divisions"
                } else {
                    divisions
                        .iter()
                        .find(|d| d.id == rd.division_id)
                        .map_or(rd.division_id.as_str(), |d| d.name.as_str())
                };
                format!("{role} in {division}")
            })
            .collect();
        v.sort();
        v
    };
    push("Name", old.name.clone(), new.name.clone());
    push(
        "Description",
        old.description.clone().unwrap_or_default(),
        new.description.clone().unwrap_or_default(),
    );
    push("Grant type", old.authorized_grant_type.label(), new.authorized_grant_type.label());
    push(
        "Token duration",
        format!("{} s", old.access_token_validity_seconds),
        format!("{} s", new.access_token_validity_seconds),
    );
    push("Redirect URIs", list(&old.registered_redirect_uri), list(&new.registered_redirect_uri));
    push("Scopes", list(&sorted(&old.scope)), list(&sorted(&new.scope)));
    push("Roles", list(&role_text(&old.role_divisions)), list(&role_text(&new.role_divisions)));
    push("State", String::from(old.state.clone()), String::from(new.state.clone()));
    push(
        "Deletion date",
        old.date_to_delete.clone().unwrap_or_default(),
        new.date_to_delete.clone().unwrap_or_default(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::ClientState;
    use crate::testing::{division, role};

    fn client() -> OAuthClient {
        serde_json::from_value(serde_json::json!(
            {"id": "c1", "name": "Nightly export", "authorizedGrantType": "CLIENT-CREDENTIALS", "description": "ETL",
             "accessTokenValiditySeconds": 3600, "state": "active",
             "roleDivisions": [{"roleId": "a-dev", "divisionId": "a-home"}, {"roleId": "a-dev", "divisionId": "*"}]}
        ))
        .unwrap()
    }

    #[test]
    fn a_replacement_says_what_it_changes_field_by_field() {
        let (roles, divisions) = (vec![role("a-dev", "Developer")], vec![division("a-home", "Home")]);
        let current = &client();
        assert_eq!(changes(current, &request_of(current), &roles, &divisions), vec![], "itself: nothing");
        let new = OAuthClientRequest {
            description: None,
            access_token_validity_seconds: 7200,
            role_divisions: vec![RoleDivision { role_id: "a-dev".into(), division_id: "*".into() }],
            state: ClientState::Disabled,
            ..request_of(current)
        };
        let got = changes(current, &new, &roles, &divisions);
        let fields: Vec<&str> = got.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["Description", "Token duration", "Roles", "State"]);
        assert_eq!((got[0].before.as_str(), got[0].after.as_str()), ("ETL", ""));
        assert_eq!((got[1].before.as_str(), got[1].after.as_str()), ("3600 s", "7200 s"));
        assert_eq!(got[2].before, "Developer in Home, Developer in all divisions");
        assert_eq!(got[2].after, "Developer in all divisions");
        assert_eq!((got[3].before.as_str(), got[3].after.as_str()), ("active", "disabled"));
        // Two roles of one name are told apart by id.
        let twins = vec![role("a-dev", "Developer"), role("b-dev", "Developer")];
        let swapped = OAuthClientRequest {
            role_divisions: vec![RoleDivision { role_id: "b-dev".into(), division_id: "a-home".into() }],
            ..request_of(current)
        };
        let got = changes(current, &swapped, &twins, &divisions);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].after, "Developer (b-dev) in Home");
        // The order of scopes is no change.
        let scoped = OAuthClientRequest { scope: vec!["b".into(), "a".into()], ..request_of(current) };
        let mut reordered = current.clone();
        reordered.scope = vec!["a".into(), "b".into()];
        assert_eq!(changes(&reordered, &scoped, &roles, &divisions), vec![]);
    }
}
