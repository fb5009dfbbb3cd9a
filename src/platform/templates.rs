//! The product documentation's procedures as starting drafts (Embeddable Framework, SCIM,
//! browser app with PKCE), and the framework.js snippet of an Embeddable Framework client.

use super::draft::Draft;
use super::model::{Division, GrantType, OAuthClient, OAuthScope, Role, RoleDivision};
use super::rules::{DURATION_EMBEDDABLE, IMPLICIT_SIGN_IN_ENDS_BY};
use crate::env::{embeddable_domain, Environment};

/// What the form needs from the org besides the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefData {
    pub scopes: Vec<OAuthScope>,
    pub roles: Vec<Role>,
    pub divisions: Vec<Division>,
    pub home: Option<Division>,
}

/// The scopes an Embeddable Framework client is set up with.
pub const EMBEDDABLE_SCOPES: [&str; 14] = [
    "conversations",
    "notifications",
    "organization:readonly",
    "outbound:readonly",
    "presence",
    "routing:readonly",
    "scripts:readonly",
    "stations:readonly",
    "user-basic-info",
    "users",
    "voicemail",
    "workforce-management",
    "external-contacts:readonly",
    "quality:readonly",
];

/// The three procedures of the product documentation, as starting points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Embeddable,
    Scim,
    Pkce,
}

/// The Embeddable Framework's redirect URI for an environment (`https://apps.D/crm/index.html`);
/// outside a region, us-east-1's.
pub fn embeddable_redirect(env: &Environment) -> String {
    env.embeddable_url()
}

/// A fresh draft from a template. Scopes the org does not have are left out; the SCIM template
/// needs the SCIM role (`None` for the role when the org lacks it).
pub fn template_draft(t: Template, env: &Environment, refdata: &RefData) -> Draft {
    let known = |s: &str| refdata.scopes.is_empty() || refdata.scopes.iter().any(|x| x.id == s);
    match t {
        Template::Embeddable => Draft {
            name: "Embeddable Framework".into(),
            description: "Client for the Embeddable Framework (framework.js clientIds)".into(),
            // Genesys Cloud refuses new implicit clients: the framework signs in with PKCE
            // (implicit stays a legacy choice in the form, which says it is refused).
            grant: GrantType::Code,
            duration: DURATION_EMBEDDABLE.to_string(),
            redirect_uris: embeddable_redirect(env),
            scopes: EMBEDDABLE_SCOPES.iter().filter(|s| known(s)).map(|s| s.to_string()).collect(),
            ..Draft::default()
        },
        Template::Scim => Draft {
            name: "SCIM".into(),
            description: "SCIM provisioning".into(),
            grant: GrantType::ClientCredentials,
            role_divisions: super::rules::scim_role(&refdata.roles)
                .map(|r| RoleDivision {
                    role_id: r.id.clone(),
                    division_id: refdata.home.as_ref().map(|h| h.id.clone()).unwrap_or_default(),
                })
                .into_iter()
                .collect(),
            ..Draft::default()
        },
        Template::Pkce => Draft {
            name: "Browser app (PKCE)".into(),
            description: "Single-page app signing in with Authorization Code + PKCE".into(),
            grant: GrantType::Code,
            scopes: ["user-basic-info"].iter().filter(|s| known(s)).map(|s| s.to_string()).collect(),
            ..Draft::default()
        },
    }
}

/// The draft after choosing template `t` while editing `current`: the template's fields, but a
/// name and description the admin typed are kept (another template's own are replaced).
pub fn apply_template(t: Template, env: &Environment, refdata: &RefData, current: &Draft) -> Draft {
    let fresh = template_draft(t, env, refdata);
    let defaults: Vec<Draft> = [Template::Embeddable, Template::Scim, Template::Pkce]
        .map(|o| template_draft(o, env, refdata))
        .into();
    let typed = |text: &str, of: fn(&Draft) -> &str| {
        !text.trim().is_empty() && !defaults.iter().any(|d| of(d) == text)
    };
    Draft {
        name: if typed(&current.name, |d| &d.name) { current.name.clone() } else { fresh.name.clone() },
        description: if typed(&current.description, |d| &d.description) {
            current.description.clone()
        } else {
            fresh.description.clone()
        },
        ..fresh
    }
}

/// What a client of this grant does with its secret, where the generic "keep it in your secret
/// store" would mislead: a browser app with PKCE, or an implicit one, never holds it.
pub fn secret_note(g: &GrantType) -> Option<&'static str> {
    match g {
        GrantType::Code => Some(
            "A browser app that signs in with PKCE does not use this secret: never put it in the browser. Only a server that exchanges the code itself keeps it, in its secret store. It is shown only now (you can regenerate it).",
        ),
        GrantType::Token => Some("The implicit grant does not use a secret: nothing to keep."),
        _ => None,
    }
}

/// What the client's page says beside an implicit client's grant: when its sign-in stops.
pub fn grant_note(g: &GrantType) -> Option<String> {
    (*g == GrantType::Token).then(|| {
        format!("Implicit sign-in stops working by {IMPLICIT_SIGN_IN_ENDS_BY}: move its apps to Authorization Code + PKCE (Move off implicit).")
    })
}

/// The framework.js configuration for an Embeddable Framework client, when the client is one:
/// implicit, or since the implicit grant's retirement Code Authorization (PKCE), redirecting to
/// `https://apps.D/crm/…`.
pub fn framework_snippet(c: &OAuthClient) -> Option<String> {
    if !matches!(c.authorized_grant_type, GrantType::Token | GrantType::Code) {
        return None;
    }
    let domain = c.registered_redirect_uri.iter().find_map(|u| embeddable_domain(u))?;
    Some(format!(
        "window.Framework = {{\n  config: {{\n    name: {},\n    clientIds: {{\n      {}: {}\n    }},\n    // …the rest of your framework.js configuration\n  }}\n}};",
        js_string(&c.name),
        js_string(&domain),
        js_string(&c.id)
    ))
}

/// What the Embeddable Framework needs to sign in with a client of this grant, when it is not
/// the implicit grant it was made for.
pub fn framework_note(c: &OAuthClient) -> Option<String> {
    (c.authorized_grant_type == GrantType::Code).then(|| format!(
        "This is a Code Authorization (PKCE) client: the Embeddable Framework signs in with it only in a version that supports PKCE. Check your framework's release notes before switching its clientIds to this client; until then, keep the implicit client (implicit sign-in stops working by {IMPLICIT_SIGN_IN_ENDS_BY}).",
    ))
}

/// `s` as a JavaScript string literal: JSON's quoting, plus `<` escaped so the text stays inert
/// inside an HTML `<script>` too.
pub fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `s` as one shell word: single-quoted, a single quote written as `'\''`.
pub fn shell_word(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refdata() -> RefData {
        RefData {
            scopes: ["users", "presence", "user-basic-info"]
                .iter()
                .map(|s| OAuthScope { id: s.to_string(), description: None })
                .collect(),
            roles: vec![Role {
                id: "r-scim".into(),
                name: crate::platform::rules::SCIM_ROLE.into(),
                ..Default::default()
            }],
            divisions: vec![],
            home: Some(Division { id: "home".into(), name: "Home".into(), ..Default::default() }),
        }
    }

    #[test]
    fn templates() {
        let env = Environment::region("eu-west-1").unwrap();
        let ef = template_draft(Template::Embeddable, &env, &refdata());
        assert_eq!(ef.grant, GrantType::Code, "implicit clients are refused: PKCE");
        assert_eq!(ef.redirect_uris, "https://apps.mypurecloud.ie/crm/index.html");
        assert_eq!(ef.duration, "64800");
        assert_eq!(ef.scopes, vec!["presence", "user-basic-info", "users"], "only the scopes the org has");
        assert!(ef.scopes.iter().all(|s| refdata().scopes.iter().any(|x| &x.id == s)));
        let scim = template_draft(Template::Scim, &env, &refdata());
        assert_eq!(
            scim.role_divisions,
            vec![RoleDivision { role_id: "r-scim".into(), division_id: "home".into() }]
        );
        let no_scim = template_draft(Template::Scim, &env, &RefData { roles: vec![], ..refdata() });
        assert!(no_scim.role_divisions.is_empty());
        assert_eq!(template_draft(Template::Pkce, &Environment::Sandbox, &refdata()).grant, GrantType::Code);
        assert_eq!(embeddable_redirect(&Environment::Sandbox), "https://apps.mypurecloud.com/crm/index.html");
    }

    #[test]
    fn a_template_keeps_a_typed_name_and_replaces_another_template_s() {
        let env = Environment::Sandbox;
        let typed = Draft { name: "Agent desktop".into(), description: "Ours".into(), ..Draft::default() };
        let ef = apply_template(Template::Embeddable, &env, &refdata(), &typed);
        assert_eq!((ef.name.as_str(), ef.description.as_str()), ("Agent desktop", "Ours"));
        assert_eq!(ef.grant, GrantType::Code);
        assert_eq!(ef.redirect_uris, "https://apps.mypurecloud.com/crm/index.html");
        // From one template to another: the first one's name goes.
        let scim = apply_template(Template::Scim, &env, &refdata(), &ef);
        assert_eq!(scim.name, "Agent desktop");
        let from_template = apply_template(
            Template::Scim,
            &env,
            &refdata(),
            &template_draft(Template::Pkce, &env, &refdata()),
        );
        assert_eq!(
            (from_template.name.as_str(), from_template.description.as_str()),
            ("SCIM", "SCIM provisioning")
        );
        let blank = apply_template(
            Template::Pkce,
            &env,
            &refdata(),
            &Draft { name: "  ".into(), ..Draft::default() },
        );
        assert_eq!(blank.name, "Browser app (PKCE)");
    }

    #[test]
    fn a_browser_client_is_not_told_to_keep_a_secret_and_an_implicit_one_is_told_its_end() {
        assert!(secret_note(&GrantType::Code)
            .unwrap()
            .starts_with("A browser app that signs in with PKCE does not use this secret"));
        assert!(secret_note(&GrantType::Token).is_some());
        assert_eq!(secret_note(&GrantType::ClientCredentials), None, "a service keeps its secret");
        assert_eq!(grant_note(&GrantType::Token).unwrap(), format!("Implicit sign-in stops working by {IMPLICIT_SIGN_IN_ENDS_BY}: move its apps to Authorization Code + PKCE (Move off implicit)."));
        assert!(IMPLICIT_SIGN_IN_ENDS_BY.contains("2027"));
        assert_eq!(grant_note(&GrantType::Code), None);
    }

    #[test]
    fn snippet_only_for_embeddable_clients() {
        let mut c: OAuthClient = serde_json::from_value(serde_json::json!({
            "id": "abc", "name": "EF", "authorizedGrantType": "TOKEN",
            "registeredRedirectUri": ["https://apps.mypurecloud.de/crm/index.html"]
        }))
        .unwrap();
        let s = framework_snippet(&c).unwrap();
        assert!(s.contains("\"mypurecloud.de\": \"abc\""));
        c.registered_redirect_uri = vec!["https://app.example.com/".into()];
        assert_eq!(framework_snippet(&c), None);
        c.registered_redirect_uri = vec!["https://apps.mypurecloud.de/crm/index.html".into()];
        assert_eq!(framework_note(&c), None);
        // After March 2026 the procedure ends as a Code Authorization client: still the snippet,
        // and what the framework needs.
        c.authorized_grant_type = GrantType::Code;
        assert!(framework_snippet(&c).unwrap().contains("\"mypurecloud.de\": \"abc\""));
        assert!(framework_note(&c).unwrap().contains("PKCE"));
        c.authorized_grant_type = GrantType::ClientCredentials;
        assert_eq!(framework_snippet(&c), None);
    }

    #[test]
    fn hostile_names_stay_strings() {
        let hostile = "a\\\",x:alert(1),//</script>\u{2028}'";
        let c: OAuthClient = serde_json::from_value(serde_json::json!({
            "id": "abc", "name": hostile, "authorizedGrantType": "TOKEN",
            "registeredRedirectUri": ["https://apps.mypurecloud.de/crm/index.html"]
        }))
        .unwrap();
        let s = framework_snippet(&c).unwrap();
        let line = s.lines().find(|l| l.trim_start().starts_with("name: ")).unwrap();
        let literal = line.trim().trim_start_matches("name: ").trim_end_matches(',');
        assert_eq!(
            serde_json::from_str::<String>(literal).unwrap(),
            hostile,
            "the literal reads back as the name"
        );
        assert!(!s.contains("</script>") && !s.contains('\u{2028}'));
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$TOKEN; rm -rf ~"), "'$TOKEN; rm -rf ~'");
    }
}
