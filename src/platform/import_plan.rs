//! An import's plans as the admin chose them: a file's implicit entries, which Genesys Cloud no
//! longer creates, made Code Authorization clients (used with PKCE) when the admin says so; and
//! what each job of the import is called.

use super::model::GrantType;
use super::rules::RuleContext;
use super::transfer::{plan, Entry, OnConflict, Plan};

/// An entry of the implicit grant, which Genesys Cloud no longer creates (since
/// [`super::rules::IMPLICIT_NO_NEW_CLIENTS_SINCE`]).
pub fn is_implicit(entry: &Entry) -> bool {
    entry.grant == Some(GrantType::Token)
}

/// The plan of an implicit entry when the admin chose to create implicit entries as Code
/// Authorization clients (used with PKCE): the same redirect URIs, scopes and duration. A
/// replacement of the org's client, or a skip, stays as it was.
pub fn as_code(plan: Plan, entry: &Entry) -> Plan {
    match plan {
        Plan::Create(mut req) if is_implicit(entry) => {
            req.authorized_grant_type = GrantType::Code;
            Plan::Create(req)
        }
        other => other,
    }
}

/// Does this plan create a Code Authorization client from an implicit entry?
pub fn made_code(plan: &Plan, entry: &Entry) -> bool {
    matches!(plan, Plan::Create(req) if is_implicit(entry) && req.authorized_grant_type == GrantType::Code)
}

/// Every entry's plan: a name conflict handled as chosen, implicit entries made Code
/// Authorization clients when `implicit_as_code`; `taken` are the names the org uses.
pub fn plans(
    entries: &[Entry],
    on_conflict: OnConflict,
    implicit_as_code: bool,
    ctx: &RuleContext,
    mut taken: Vec<String>,
) -> Vec<Plan> {
    entries
        .iter()
        .map(|e| {
            let p = plan(e, on_conflict, ctx, &mut taken);
            if implicit_as_code {
                as_code(p, e)
            } else {
                p
            }
        })
        .collect()
}

/// Why an import does not replace the client this console is signed in with.
pub const OWN_CLIENT_NOT_REPLACED: &str =
    "this console is signed in with the org's client of this name: a replacement could end the session mid-import; replace it from a session signed in with another client";

/// `plans`, with a replacement of the client this console is signed in with (`own`) skipped.
pub fn leave_own(plans: Vec<Plan>, own: Option<&str>) -> Vec<Plan> {
    plans
        .into_iter()
        .map(|p| match p {
            Plan::Update(id, _) if Some(id.as_str()) == own => Plan::Skip(OWN_CLIENT_NOT_REPLACED.into()),
            p => p,
        })
        .collect()
}

/// The name an entry's job is shown by in the import's results.
pub fn job_name(plan: &Plan, entry: &Entry) -> String {
    match plan {
        Plan::Create(req) if made_code(plan, entry) => format!("{} (as Code Authorization)", req.name),
        Plan::Create(req) => req.name.clone(),
        Plan::Update(..) => format!("{} (replaces the existing one)", entry.name),
        Plan::Skip(_) => entry.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::OAuthClientRequest;
    use crate::platform::transfer::{check, read_file, Target};

    #[test]
    fn the_console_s_own_client_is_never_replaced() {
        let req: OAuthClientRequest = serde_json::from_value(serde_json::json!({
            "name": "oauth-console (PKCE)", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 86400,
            "registeredRedirectUri": [], "scope": [], "roleDivisions": [], "state": "active"
        }))
        .unwrap();
        let plans = vec![
            Plan::Update("own".into(), Box::new(req.clone())),
            Plan::Update("other".into(), Box::new(req)),
        ];
        let out = leave_own(plans, Some("own"));
        assert!(matches!(&out[0], Plan::Skip(why) if why == OWN_CLIENT_NOT_REPLACED));
        assert!(matches!(&out[1], Plan::Update(id, _) if id == "other"));
    }

    #[test]
    fn implicit_entries_become_code_authorization_clients_when_chosen() {
        let text = r#"[
            {"name": "Wallboard", "authorizedGrantType": "TOKEN", "accessTokenValiditySeconds": 64800, "description": "Floor 2",
             "registeredRedirectUri": ["https://wallboard.example.com/"], "scope": ["presence", "routing:readonly"]},
            {"name": "Portal", "authorizedGrantType": "CODE", "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]}
        ]"#;
        let ctx = RuleContext {
            roles: vec![],
            held_role_ids: Default::default(),
            held_known: true,
            today: "2026-11-27".into(),
            original: None,
        };
        let entries = check(&read_file(text).unwrap(), &Target::default(), &ctx);
        assert!(is_implicit(&entries[0]) && !is_implicit(&entries[1]));
        let plans = plans(&entries, OnConflict::Skip, false, &ctx, vec![]);
        let Plan::Create(implicit) = &plans[0] else { panic!("{plans:?}") };
        let Plan::Create(code) = as_code(plans[0].clone(), &entries[0]) else { panic!() };
        // Only the grant changes: every other field of the file's entry is kept.
        assert_eq!(code.authorized_grant_type, GrantType::Code);
        assert!(made_code(&Plan::Create(code.clone()), &entries[0]) && !made_code(&plans[0], &entries[0]));
        assert_eq!(
            *code,
            OAuthClientRequest { authorized_grant_type: GrantType::Code, ..(**implicit).clone() }
        );
        assert_eq!(code.registered_redirect_uri, ["https://wallboard.example.com/"]);
        assert_eq!(
            (code.access_token_validity_seconds, code.description.as_deref()),
            (64_800, Some("Floor 2"))
        );
        // Other entries, skips and replacements stay as they were.
        assert_eq!(as_code(plans[1].clone(), &entries[1]), plans[1]);
        let skip = Plan::Skip("a client of this name exists".into());
        assert_eq!(as_code(skip.clone(), &entries[0]), skip);
        // Chosen for the whole import, and named so in its results.
        let chosen = super::plans(&entries, OnConflict::Skip, true, &ctx, vec![]);
        assert_eq!(chosen[0], Plan::Create(code.clone()));
        assert_eq!(chosen[1], plans[1]);
        assert_eq!(job_name(&chosen[0], &entries[0]), "Wallboard (as Code Authorization)");
        assert_eq!(job_name(&plans[0], &entries[0]), "Wallboard");
    }
}
