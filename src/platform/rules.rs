//! The product documentation's rules for OAuth clients, as pure functions. The form, the list
//! badges and the tests all ask this module; nothing else knows the limits.

use super::grants;
use super::model::{ClientState, GrantType, OAuthClientRequest, Role, RoleDivision};
use super::redirects;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Token duration limits, in seconds.
pub const DURATION_MIN: u64 = 300;
pub const DURATION_MAX: u64 = 172_800;
/// SCIM clients may keep tokens up to 450 days.
pub const DURATION_MAX_SCIM: u64 = 38_880_000;
pub const DURATION_DEFAULT: u64 = 86_400;
/// 18 h: Embeddable Framework tokens then expire outside an agent's working day.
pub const DURATION_EMBEDDABLE: u64 = 64_800;
pub use super::redirects::{lint_redirect_uri, Lint, MAX_REDIRECT_URIS};
pub const SCIM_ROLE: &str = "SCIM Integration";

/// The vendor's retirement of the implicit grant: no new implicit clients since…
pub const IMPLICIT_NO_NEW_CLIENTS_SINCE: &str = "March 2026";
/// …and implicit sign-in stops working by…
pub const IMPLICIT_SIGN_IN_ENDS_BY: &str = "March 2027";
/// The day the migration page counts down to: the first of that month (the vendor names only
/// the month, so the earliest day it may mean).
pub const IMPLICIT_SIGN_IN_ENDS_ON: &str = "2027-03-01T00:00:00Z";

/// The retirement in one sentence, with what to do instead.
pub fn implicit_retirement() -> String {
    format!(
        "Deprecated: Genesys Cloud offers no implicit grant for new OAuth clients since {IMPLICIT_NO_NEW_CLIENTS_SINCE}, and implicit sign-in stops working by {IMPLICIT_SIGN_IN_ENDS_BY}. Use PKCE with a Code Authorization client."
    )
}

/// The grant types a new client can have, in the order the form offers them.
pub const GRANTS_OFFERED: [GrantType; 4] =
    [GrantType::ClientCredentials, GrantType::Code, GrantType::Token, GrantType::Saml2Bearer];

/// Which inputs a grant type uses.
pub fn uses_redirect_uris(g: &GrantType) -> bool {
    !matches!(g, GrantType::ClientCredentials)
}
/// Code and implicit clients cannot work without a redirect URI.
pub fn needs_redirect_uris(g: &GrantType) -> bool {
    matches!(g, GrantType::Code | GrantType::Token)
}
pub fn uses_scopes(g: &GrantType) -> bool {
    !matches!(g, GrantType::ClientCredentials)
}
pub fn uses_roles(g: &GrantType) -> bool {
    matches!(g, GrantType::ClientCredentials)
}

/// The fields of the client form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Name,
    Description,
    Grant,
    Duration,
    RedirectUris,
    Scopes,
    Roles,
    State,
    DateToDelete,
}

impl Field {
    /// Every field, in the form's order.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Description,
        Field::Grant,
        Field::Duration,
        Field::RedirectUris,
        Field::Scopes,
        Field::Roles,
        Field::State,
        Field::DateToDelete,
    ];

    /// The field an API `details[].fieldName` names.
    pub fn from_api(name: &str) -> Option<Field> {
        let last = name.rsplit('.').next().unwrap_or(name);
        let last = last.split('[').next().unwrap_or(last);
        Some(match last {
            "name" => Field::Name,
            "description" => Field::Description,
            "authorizedGrantType" => Field::Grant,
            "accessTokenValiditySeconds" => Field::Duration,
            "registeredRedirectUri" => Field::RedirectUris,
            "scope" => Field::Scopes,
            "roleDivisions" | "roleIds" | "roleId" | "divisionId" => Field::Roles,
            "state" => Field::State,
            "dateToDelete" => Field::DateToDelete,
            _ => return None,
        })
    }
}

/// One broken rule, on one field (and, for redirect URIs, one line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: Field,
    /// 1-based line of the redirect URI text.
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub(super) fn new(field: Field, message: impl Into<String>) -> Problem {
        Problem { field, line: None, message: message.into() }
    }
}

/// What the rules need to know beyond the draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleContext {
    /// Every role of the org.
    pub roles: Vec<Role>,
    /// The ids of the roles the signed-in admin holds (they can grant only these).
    pub held_role_ids: HashSet<String>,
    /// Did the org say which roles the admin holds? (Without it, nothing is judged by them.)
    pub held_known: bool,
    /// Today, `YYYY-MM-DD`.
    pub today: String,
    /// The client being edited, as the org holds it: it keeps a grant the form no longer offers
    /// (PASSWORD), roles the admin does not hold, and every field the admin does not change.
    pub original: Option<OAuthClientRequest>,
}

impl RuleContext {
    pub(super) fn editing_grant(&self) -> Option<&GrantType> {
        self.original.as_ref().map(|o| &o.authorized_grant_type)
    }

    /// Role assignments the client already had (kept even if the admin does not hold them).
    pub fn existing_role_divisions(&self) -> &[RoleDivision] {
        self.original.as_ref().map_or(&[], |o| &o.role_divisions)
    }
}

/// Why the client being edited cannot be saved, whatever is typed: it is deleted (only a restore
/// is taken), or it has roles the admin does not hold (only an admin who holds them all may
/// change it).
pub fn locked(ctx: &RuleContext) -> Option<String> {
    let o = ctx.original.as_ref()?;
    if o.state == ClientState::Deleted {
        return Some("This client is deleted: restore it from its page before changing it.".into());
    }
    let held = ctx.held_known.then_some(&ctx.held_role_ids);
    grants::missing_roles_note(&grants::missing_roles(&o.role_divisions, held, &ctx.roles))
}

/// "86400", "86,400", "86 400", "86.400" → 86400: a separator counts only between groups of
/// three digits, so "86400.5" or "1.5" is no duration (never 864005 or 15 seconds).
pub fn parse_duration(s: &str) -> Option<u64> {
    let s = s.trim();
    let separators = [',', ' ', '_', '.', '\u{a0}'];
    // One kind of separator only: "1,234.567" is no number of seconds.
    if separators.iter().filter(|c| s.contains(**c)).count() > 1 {
        return None;
    }
    let groups: Vec<&str> = s.split(separators).collect();
    let digits = |g: &&str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let grouped = groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
    if !groups.iter().all(digits) || (groups.len() > 1 && !grouped) {
        return None;
    }
    groups.concat().parse().ok()
}

/// Is this the org's default SCIM role, by the default-role identity the org gives it (an org
/// may rename roles: any default role id naming SCIM), or else by its display name?
/// (The name decides only in an org that gives no role a SCIM identity.)
fn is_default_scim(role: &Role, all_roles: &[Role]) -> bool {
    let by_identity =
        |r: &Role| r.default_role_id.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("scim"));
    by_identity(role) || (role.name == SCIM_ROLE && !all_roles.iter().any(by_identity))
}

/// The org's SCIM role, however it is named now.
pub fn scim_role(all_roles: &[Role]) -> Option<&Role> {
    all_roles.iter().find(|r| is_default_scim(r, all_roles))
}

/// Is this role the SCIM role, or a custom role with exactly its permissions?
pub fn is_scim_role(role: &Role, all_roles: &[Role]) -> bool {
    if is_default_scim(role, all_roles) {
        return true;
    }
    let perms = |r: &Role| r.permissions.iter().cloned().collect::<HashSet<_>>();
    scim_role(all_roles).is_some_and(|scim| !scim.permissions.is_empty() && perms(scim) == perms(role))
}

/// The longest token duration the client may have with these roles.
pub fn max_duration(grant: &GrantType, role_divisions: &[RoleDivision], roles: &[Role]) -> u64 {
    let scim = uses_roles(grant)
        && role_divisions.iter().any(|rd| roles.iter().any(|r| r.id == rd.role_id && is_scim_role(r, roles)));
    if scim {
        DURATION_MAX_SCIM
    } else {
        DURATION_MAX
    }
}

/// The redirect URI text's lints as the form shows them: errors, then warnings, each on its
/// (1-based) line.
pub(super) fn lint_redirect_text(text: &str) -> (Vec<Problem>, Vec<Problem>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (line, lint) in redirects::lint_lines(text) {
        let (into, message) = match lint {
            Lint::Error(m) => (&mut errors, m),
            Lint::Warning(m) => (&mut warnings, m),
        };
        into.push(Problem { field: Field::RedirectUris, line, message });
    }
    (errors, warnings)
}

/// What stops the redirect URI text from being sent, each on its (1-based) line.
pub fn lint_redirect_lines(text: &str) -> Vec<Problem> {
    lint_redirect_text(text).0
}

/// What the org accepts but the admin should know, each on its (1-based) line.
pub fn redirect_warnings(text: &str) -> Vec<Problem> {
    lint_redirect_text(text).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::draft::{is_iso_date, request_of, validate, Draft};
    use crate::platform::model::OAuthClient;

    fn role(id: &str, name: &str, perms: &[&str]) -> Role {
        Role {
            id: id.into(),
            name: name.into(),
            permissions: perms.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn ctx() -> RuleContext {
        RuleContext {
            roles: vec![
                role("scim", SCIM_ROLE, &["directory:user:add", "directory:user:edit"]),
                role("dev", "Developer", &["oauth:client:*"]),
                role("copy", "My SCIM copy", &["directory:user:edit", "directory:user:add"]),
                role("boss", "Master Admin", &["*:*:*"]),
            ],
            held_role_ids: ["scim", "dev", "copy"].iter().map(|s| s.to_string()).collect(),
            today: "2026-11-26".into(),
            ..Default::default()
        }
    }

    #[test]
    fn editing_a_client_needs_every_one_of_its_roles() {
        let client: OAuthClient = serde_json::from_str(
            r#"{"id": "c1", "name": "Sync", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 3600,
                "roleDivisions": [{"roleId": "dev", "divisionId": "home"}, {"roleId": "boss", "divisionId": "*"}]}"#,
        )
        .unwrap();
        let draft = Draft::from_client(&client);
        let editing = RuleContext { original: Some(request_of(&client)), held_known: true, ..ctx() };
        let p = validate(&draft, &editing);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field, Field::Roles);
        assert!(
            p[0].message.contains("a role you do not hold (\u{201c}Master Admin\u{201d})"),
            "{}",
            p[0].message
        );
        // Holding it, or not knowing what the admin holds: nothing to say.
        let holds = RuleContext {
            held_role_ids: ["dev", "boss"].iter().map(|s| s.to_string()).collect(),
            ..editing.clone()
        };
        assert!(validate(&draft, &holds).is_empty());
        assert!(validate(&draft, &RuleContext { held_known: false, ..editing.clone() }).is_empty());
        // A deleted client: only a restore is taken, said beside the state.
        let deleted: OAuthClient = serde_json::from_str(
            r#"{"id": "c2", "name": "Old", "authorizedGrantType": "CODE", "state": "deleted", "accessTokenValiditySeconds": 3600,
                "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]}"#,
        )
        .unwrap();
        let ctx_deleted = RuleContext { original: Some(request_of(&deleted)), ..ctx() };
        let p = validate(&Draft::from_client(&deleted), &ctx_deleted);
        assert!(
            p.iter().any(|p| p.field == Field::State && p.message.starts_with("This client is deleted")),
            "{p:?}"
        );
        // A new client is judged by what it grants, not by this rule.
        assert!(validate(&draft, &RuleContext { original: None, ..editing })
            .iter()
            .all(|p| !p.message.contains("You cannot change")));
    }

    fn code_draft() -> Draft {
        Draft {
            name: "App".into(),
            redirect_uris: "https://app.example.com/cb".into(),
            scopes: vec!["users:readonly".into()],
            ..Draft::default()
        }
    }

    fn cc_draft(role: &str, secs: u64) -> Draft {
        Draft {
            name: "Svc".into(),
            grant: GrantType::ClientCredentials,
            duration: secs.to_string(),
            role_divisions: vec![RoleDivision { role_id: role.into(), division_id: "home".into() }],
            ..Draft::default()
        }
    }

    /// A client the org holds, as its request.
    fn original(grant: GrantType, role_divisions: Vec<RoleDivision>) -> OAuthClientRequest {
        OAuthClientRequest {
            name: "Held".into(),
            access_token_validity_seconds: 3600,
            description: None,
            registered_redirect_uri: vec![],
            role_ids: vec![],
            authorized_grant_type: grant,
            scope: vec![],
            role_divisions,
            state: ClientState::Active,
            date_to_delete: None,
        }
    }

    fn fields(p: &[Problem]) -> Vec<Field> {
        p.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_good_draft_passes() {
        assert_eq!(validate(&code_draft(), &ctx()), vec![]);
        assert!(code_draft().to_request(&ctx()).is_some());
    }

    #[test]
    fn duration_boundaries() {
        for (secs, ok) in [(299, false), (300, true), (172_800, true), (172_801, false)] {
            let d = Draft { duration: secs.to_string(), ..code_draft() };
            assert_eq!(validate(&d, &ctx()).is_empty(), ok, "{secs}");
        }
        assert_eq!(
            fields(&validate(&Draft { duration: "soon".into(), ..code_draft() }, &ctx())),
            vec![Field::Duration]
        );
        assert_eq!(parse_duration("86,400"), Some(86_400));
        assert_eq!(parse_duration("-5"), None);
        assert_eq!(parse_duration("86 400"), Some(86_400));
        assert_eq!(parse_duration("1,209,600"), Some(1_209_600));
        for not_whole in ["86400.5", "1.5", "86,40", "8640,0", "86,,400", "1234,567", ",400", "", "1,234.567"]
        {
            assert_eq!(parse_duration(not_whole), None, "{not_whole}");
        }
    }

    #[test]
    fn scim_allowance() {
        assert!(validate(&cc_draft("scim", DURATION_MAX_SCIM), &ctx()).is_empty());
        assert!(!validate(&cc_draft("scim", DURATION_MAX_SCIM + 1), &ctx()).is_empty());
        assert!(
            validate(&cc_draft("copy", DURATION_MAX_SCIM), &ctx()).is_empty(),
            "same permissions as SCIM"
        );
        let without = validate(&cc_draft("dev", DURATION_MAX_SCIM), &ctx());
        assert_eq!(fields(&without), vec![Field::Duration]);
        assert!(without[0].message.contains(SCIM_ROLE));
        assert!(validate(&cc_draft("dev", DURATION_MAX), &ctx()).is_empty());
        // The SCIM allowance is for Client Credentials only.
        let code = Draft { duration: DURATION_MAX_SCIM.to_string(), ..code_draft() };
        assert!(!validate(&code, &ctx()).is_empty());
    }

    #[test]
    fn scim_role_by_its_default_identity() {
        let renamed = Role {
            default_role_id: Some("scimIntegration".into()),
            ..role("r1", "Provisioning (renamed)", &["directory:user:add"])
        };
        let copy = role("r2", "Copy", &["directory:user:add"]);
        // A role that took the name but is another default role is not the SCIM role.
        let impostor = Role {
            default_role_id: Some("employee".into()),
            ..role("r3", SCIM_ROLE, &["directory:user:view"])
        };
        let all = vec![renamed.clone(), copy.clone(), impostor.clone()];
        assert_eq!(scim_role(&all).map(|r| r.id.as_str()), Some("r1"));
        assert!(is_scim_role(&renamed, &all) && is_scim_role(&copy, &all));
        assert!(!is_scim_role(&impostor, &all));
        let cc = |id: &str| Draft {
            role_divisions: vec![RoleDivision { role_id: id.into(), division_id: "h".into() }],
            ..cc_draft(id, DURATION_MAX_SCIM)
        };
        assert_eq!(
            max_duration(&GrantType::ClientCredentials, &cc("r1").role_divisions, &all),
            DURATION_MAX_SCIM
        );
        assert_eq!(max_duration(&GrantType::ClientCredentials, &cc("r3").role_divisions, &all), DURATION_MAX);
        // Without a default role id, the display name decides (the org gave no identity).
        assert!(is_scim_role(&role("s", SCIM_ROLE, &[]), &[]));
    }

    #[test]
    fn redirect_uri_count() {
        let lines = |n: usize| {
            (0..n).map(|i| format!("https://app.example.com/cb{i}")).collect::<Vec<_>>().join("\n")
        };
        assert!(validate(&Draft { redirect_uris: lines(125), ..code_draft() }, &ctx()).is_empty());
        let over = validate(&Draft { redirect_uris: lines(126), ..code_draft() }, &ctx());
        assert_eq!(fields(&over), vec![Field::RedirectUris]);
        assert!(over[0].message.contains("125"));
    }

    #[test]
    fn each_redirect_lint_names_its_line() {
        let text = "https://ok.example.com/\n\nhttp://example.com/\nhttp://localhost:3000/cb\nhttp://127.0.0.1/\nhttp://[::1]:8080/\n/relative\nhttps://a.example.com/#frag\njavascript:alert(1)\ndata:text/html,x\nhttps://ok.example.com/\nftp://files.example.com/\nhttps://a b.example.com/\ncom.example.app:/oauth2redirect";
        let errors = lint_redirect_lines(text);
        let lines: Vec<(usize, &str)> =
            errors.iter().map(|p| (p.line.unwrap(), p.message.as_str())).collect();
        assert_eq!(lines.iter().map(|l| l.0).collect::<Vec<_>>(), vec![7, 8, 9, 10, 13]);
        assert!(lines[0].1.contains("absolute"));
        assert!(lines[1].1.contains("fragment"));
        assert!(lines[2].1.contains("never allowed") && lines[3].1.contains("never allowed"));
        assert!(lines[4].1.contains("spaces"));
        // What the org accepts is a warning, never an error.
        let warnings = redirect_warnings(text);
        let lines: Vec<(usize, &str)> =
            warnings.iter().map(|p| (p.line.unwrap(), p.message.as_str())).collect();
        assert_eq!(lines.iter().map(|l| l.0).collect::<Vec<_>>(), vec![3, 11, 12, 14]);
        assert!(lines[0].1.contains("Plain http"));
        assert!(lines[1].1.starts_with("Duplicate of line 1"));
        assert!(lines[2].1.contains("\"ftp:\""));
        assert!(lines[3].1.contains("\"com.example.app:\"") && lines[3].1.contains("native"));
    }

    #[test]
    fn a_past_deletion_date_the_org_holds_is_no_fault_of_the_admin() {
        let held = OAuthClientRequest {
            state: ClientState::Inactive,
            date_to_delete: Some("2026-11-01T08:00:00.000Z".into()),
            ..original(GrantType::Code, vec![])
        };
        let editing = RuleContext { original: Some(held), ..ctx() };
        let d = Draft { state: ClientState::Inactive, date_to_delete: "2026-11-01".into(), ..code_draft() };
        assert!(validate(&d, &editing).is_empty());
        assert_eq!(
            d.to_request(&editing).unwrap().date_to_delete.as_deref(),
            Some("2026-11-01T08:00:00.000Z")
        );
        // Another past date is the admin's, and refused.
        let moved = Draft { date_to_delete: "2026-11-02".into(), ..d };
        assert_eq!(fields(&validate(&moved, &editing)), vec![Field::DateToDelete]);
    }

    #[test]
    fn a_client_with_warned_uris_saves_unchanged() {
        // A client the org holds with warned URIs can be saved unchanged.
        let legacy = Draft {
            redirect_uris: "http://partner.example.com/cb\ncom.example.app://cb".into(),
            ..code_draft()
        };
        assert!(validate(&legacy, &ctx()).is_empty());
        assert_eq!(redirect_warnings(&legacy.redirect_uris).len(), 2);
    }

    #[test]
    fn grant_specific_fields() {
        // Code and implicit need a redirect URI and a scope.
        let bare = Draft { redirect_uris: String::new(), scopes: vec![], ..code_draft() };
        assert_eq!(fields(&validate(&bare, &ctx())), vec![Field::RedirectUris, Field::Scopes]);
        // SAML2 Bearer needs a scope but no redirect URI.
        let saml = Draft { grant: GrantType::Saml2Bearer, redirect_uris: String::new(), ..code_draft() };
        assert!(validate(&saml, &ctx()).is_empty());
        // Client credentials: roles, no scope; stray scopes and URIs are not sent.
        let cc =
            Draft { scopes: vec!["x".into()], redirect_uris: "not a uri".into(), ..cc_draft("dev", 3600) };
        let req = cc.to_request(&ctx()).unwrap();
        assert!(req.scope.is_empty() && req.registered_redirect_uri.is_empty());
        assert_eq!(req.role_divisions.len(), 1);
        let no_roles = Draft { role_divisions: vec![], ..cc_draft("dev", 3600) };
        assert_eq!(fields(&validate(&no_roles, &ctx())), vec![Field::Roles]);
    }

    #[test]
    fn roles_the_admin_does_not_hold() {
        let p = validate(&cc_draft("boss", 3600), &ctx());
        assert_eq!(fields(&p), vec![Field::Roles]);
        assert!(p[0].message.contains("Master Admin"));
        // A role the client already had is kept on edit.
        let held = vec![RoleDivision { role_id: "boss".into(), division_id: "*".into() }];
        let keep = RuleContext { original: Some(original(GrantType::ClientCredentials, held)), ..ctx() };
        assert!(validate(&cc_draft("boss", 3600), &keep).is_empty());
    }

    #[test]
    fn name_password_state() {
        assert_eq!(
            fields(&validate(&Draft { name: "  ".into(), ..code_draft() }, &ctx())),
            vec![Field::Name]
        );
        let pw = Draft { grant: GrantType::Password, ..code_draft() };
        assert_eq!(fields(&validate(&pw, &ctx())), vec![Field::Grant]);
        let editing = RuleContext { original: Some(original(GrantType::Password, vec![])), ..ctx() };
        assert!(validate(&pw, &editing).is_empty(), "an existing PASSWORD client can be saved");
        let inactive = Draft { state: ClientState::Inactive, ..code_draft() };
        assert!(validate(&inactive, &ctx()).is_empty(), "the org decides when no date is given");
        assert_eq!(inactive.to_request(&ctx()).unwrap().date_to_delete, None, "no date is invented");
        let odd = Draft { date_to_delete: "next week".into(), ..inactive.clone() };
        assert_eq!(fields(&validate(&odd, &ctx())), vec![Field::DateToDelete]);
        let past = Draft { date_to_delete: "2026-11-25".into(), ..inactive.clone() };
        assert_eq!(fields(&validate(&past, &ctx())), vec![Field::DateToDelete]);
        let ok = Draft { date_to_delete: "2026-11-26".into(), ..inactive };
        assert_eq!(
            ok.to_request(&ctx()).unwrap().date_to_delete.as_deref(),
            Some("2026-11-26T00:00:00.000Z")
        );
        assert!(!is_iso_date("2026-13-01") && !is_iso_date("26-1-1"));
    }

    #[test]
    fn api_field_names_map_to_fields() {
        assert_eq!(Field::from_api("accessTokenValiditySeconds"), Some(Field::Duration));
        assert_eq!(Field::from_api("registeredRedirectUri[3]"), Some(Field::RedirectUris));
        assert_eq!(Field::from_api("roleDivisions[0].roleId"), Some(Field::Roles));
        assert_eq!(Field::from_api("somethingElse"), None);
    }

    #[test]
    fn drafts_round_trip_from_clients() {
        let c: OAuthClient = serde_json::from_str(
            r#"{"id":"x","name":"n","authorizedGrantType":"CODE","accessTokenValiditySeconds":600,
                "registeredRedirectUri":["https://a/","https://b/"],"scope":["s"],"state":"active"}"#,
        )
        .unwrap();
        let d = Draft::from_client(&c);
        assert_eq!(d.redirect_uris, "https://a/\nhttps://b/");
        let req = d.to_request(&ctx()).unwrap();
        assert_eq!(req.registered_redirect_uri, c.registered_redirect_uri);
        assert_eq!(req.access_token_validity_seconds, 600);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::platform::draft::{request_of, validate, Draft};
    use crate::platform::model::{OAuthClient, ALL_DIVISIONS};
    use proptest::prelude::*;
    use proptest::sample::subsequence;

    const URIS: [&str; 8] = [
        "https://app.example.com/cb",
        "https://app.example.com/cb?tenant=1",
        "https://APP.example.com/Cb/",
        "http://localhost:3000/cb",
        "http://partner.example.com/oauth/callback",
        "com.example.app://cb",
        "com.example.app:/oauth2redirect",
        "https://apps.mypurecloud.com/crm/index.html",
    ];
    const SCOPES: [&str; 5] = ["users:readonly", "user-basic-info", "presence", "oauth", "conversations"];

    fn role_divisions(at_least: usize) -> impl Strategy<Value = Vec<RoleDivision>> {
        let pairs: Vec<RoleDivision> = ["scim", "dev", "copy", "boss"]
            .iter()
            .flat_map(|r| {
                ["home", "sales", ALL_DIVISIONS]
                    .iter()
                    .map(|d| RoleDivision { role_id: r.to_string(), division_id: d.to_string() })
            })
            .collect();
        subsequence(pairs, at_least..6).prop_shuffle()
    }

    /// Any client the org could return: every grant and state, warned URIs, roles in several
    /// divisions, text with accents, CJK, emoji and stray spaces, deletion times of day.
    fn any_client() -> impl Strategy<Value = OAuthClient> {
        let grant = prop_oneof![
            Just(GrantType::Code),
            Just(GrantType::Token),
            Just(GrantType::Saml2Bearer),
            Just(GrantType::Password),
            Just(GrantType::ClientCredentials),
        ];
        let state = prop_oneof![
            Just((ClientState::Active, None)),
            Just((ClientState::Disabled, None)),
            Just((ClientState::Inactive, None)),
            (1u32..28, 0u32..24).prop_map(|(d, h)| (
                ClientState::Inactive,
                Some(format!("2027-01-{d:02}T{h:02}:17:05.123Z"))
            )),
        ];
        (
            grant,
            " ?[a-zé日本🚀][a-zé日本🚀 ]{0,12}",
            proptest::option::of("[a-zA-Z0-9é日本🚀 .,]{0,30}"),
            300u64..=172_800,
            subsequence(URIS.to_vec(), 0..4).prop_shuffle(),
            subsequence(SCOPES.to_vec(), 1..4),
            role_divisions(1),
            any::<bool>(),
            state,
        )
            .prop_map(
                |(grant, name, description, secs, uris, scopes, rds, role_ids, (state, date))| {
                    let cc = grant == GrantType::ClientCredentials;
                    let mut uris: Vec<String> = uris.iter().map(|u| u.to_string()).collect();
                    if uris.is_empty() && needs_redirect_uris(&grant) {
                        uris.push(URIS[0].into());
                    }
                    let rds = if cc { rds } else { vec![] };
                    let mut ids: Vec<String> = vec![];
                    for rd in rds.iter().filter(|_| role_ids) {
                        if !ids.contains(&rd.role_id) {
                            ids.push(rd.role_id.clone());
                        }
                    }
                    OAuthClient {
                        description,
                        access_token_validity_seconds: Some(secs),
                        registered_redirect_uri: uris,
                        role_ids: ids,
                        scope: if cc { vec![] } else { scopes.iter().map(|s| s.to_string()).collect() },
                        role_divisions: rds,
                        state: Some(state),
                        date_to_delete: date,
                        ..crate::testing::oauth_client("c1", &name, grant)
                    }
                },
            )
    }

    fn editing(c: &OAuthClient) -> RuleContext {
        RuleContext {
            roles: ["scim", "dev", "copy", "boss"]
                .iter()
                .map(|id| Role { id: id.to_string(), name: id.to_uppercase(), ..Role::default() })
                .collect(),
            held_role_ids: ["scim", "dev", "copy"].iter().map(|s| s.to_string()).collect(),
            held_known: false,
            today: "2026-11-26".into(),
            original: Some(request_of(c)),
        }
    }

    proptest! {
        #[test]
        fn an_untouched_save_sends_the_client_back_as_it_is(c in any_client()) {
            let ctx = editing(&c);
            let draft = Draft::from_client(&c);
            prop_assert_eq!(validate(&draft, &ctx), vec![]);
            prop_assert_eq!(draft.to_request(&ctx), Some(request_of(&c)));
        }

        #[test]
        fn a_description_edit_changes_only_the_description(c in any_client(), text in "[a-z]{1,20}") {
            let ctx = editing(&c);
            let draft = Draft { description: text.clone(), ..Draft::from_client(&c) };
            let sent = draft.to_request(&ctx).unwrap();
            prop_assert_eq!(sent, OAuthClientRequest { description: Some(text), ..request_of(&c) });
        }

        #[test]
        fn a_role_change_keeps_every_other_pair(c in any_client(), rds in role_divisions(2)) {
            let c = OAuthClient {
                authorized_grant_type: GrantType::ClientCredentials,
                scope: vec![],
                role_divisions: rds,
                ..c
            };
            let ctx = editing(&c);
            let mut draft = Draft::from_client(&c);
            let gone = draft.role_divisions.remove(0);
            let sent = draft.to_request(&ctx).unwrap();
            prop_assert!(!sent.role_divisions.contains(&gone));
            prop_assert_eq!(&sent.role_divisions[..], &c.role_divisions[1..]);
        }

        #[test]
        fn linting_never_panics(text in "(?s).{0,400}") {
            let _ = lint_redirect_lines(&text);
        }

        #[test]
        fn validate_never_panics(name in ".{0,20}", dur in ".{0,12}", uris in "(?s).{0,200}", date in ".{0,12}") {
            let d = Draft { name, duration: dur, redirect_uris: uris, date_to_delete: date, state: ClientState::Inactive, ..Draft::default() };
            let _ = validate(&d, &RuleContext::default());
        }
    }
}
