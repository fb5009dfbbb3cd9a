//! The chosen clients as CX as Code: `genesyscloud_oauth_client` resources for the vendor's
//! Terraform provider, their roles and divisions referenced by name through data sources (which
//! the admin can keep, or replace with references of their own). Strings are escaped for HCL.

use super::model::{ClientState, GrantType, OAuthClient, ALL_DIVISIONS};
use super::templates::RefData;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A string literal for HCL: quotes, backslashes and control characters escaped, and the
/// template sequences `${` and `%{` written so they stay literal.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Terraform name from any text: lower case letters, digits and `_`, starting with a letter
/// or `_`; `taken` names get `_2`, `_3`…
fn label(text: &str, taken: &mut Vec<String>) -> String {
    let mut base: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("_{base}");
    }
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{base}_{n}");
    }
    taken.push(name.clone());
    name
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| hcl_string(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// The HCL of `clients`: a data source per role and division they use (by name; an id the org
/// did not name stays a literal id, with a note), then one resource per client.
pub fn hcl(clients: &[OAuthClient], refs: &RefData) -> String {
    let mut out = String::from(
        "# OAuth clients for the Genesys Cloud Terraform provider (CX as Code), written by oauth-console.\n\
         # Roles and divisions are looked up by name; replace the data sources with your own references if you manage them here.\n\
         # Client secrets are never exported: the provider creates new ones.\n",
    );
    let mut data_names: Vec<String> = Vec::new();
    let mut roles: BTreeMap<String, String> = BTreeMap::new();
    let mut divisions: BTreeMap<String, String> = BTreeMap::new();
    for rd in clients.iter().flat_map(|c| &c.role_divisions) {
        if !roles.contains_key(&rd.role_id) {
            if let Some(r) = refs.roles.iter().find(|r| r.id == rd.role_id) {
                let l = label(&format!("role {}", r.name), &mut data_names);
                let _ = write!(
                    out,
                    "\ndata \"genesyscloud_auth_role\" \"{l}\" {{\n  name = {}\n}}\n",
                    hcl_string(&r.name)
                );
                roles.insert(rd.role_id.clone(), format!("data.genesyscloud_auth_role.{l}.id"));
            }
        }
        if rd.division_id != ALL_DIVISIONS && !divisions.contains_key(&rd.division_id) {
            if let Some(d) = refs.divisions.iter().find(|d| d.id == rd.division_id) {
                let l = label(&format!("division {}", d.name), &mut data_names);
                let _ = write!(
                    out,
                    "\ndata \"genesyscloud_auth_division\" \"{l}\" {{\n  name = {}\n}}\n",
                    hcl_string(&d.name)
                );
                divisions.insert(rd.division_id.clone(), format!("data.genesyscloud_auth_division.{l}.id"));
            }
        }
    }
    let mut resource_names: Vec<String> = Vec::new();
    for c in clients {
        let l = label(&c.name, &mut resource_names);
        let _ = writeln!(out, "\nresource \"genesyscloud_oauth_client\" \"{l}\" {{");
        let mut attr = |k: &str, v: String| {
            let _ = writeln!(out, "  {k:<29} = {v}");
        };
        attr("name", hcl_string(&c.name));
        if let Some(d) = c.description.as_deref().filter(|d| !d.is_empty()) {
            attr("description", hcl_string(d));
        }
        if let Some(s) = c.access_token_validity_seconds {
            attr("access_token_validity_seconds", s.to_string());
        }
        // The provider spells the SAML2 Bearer grant without its dash.
        let grant = match &c.authorized_grant_type {
            GrantType::Saml2Bearer => "SAML2BEARER".to_string(),
            g => String::from(g.clone()),
        };
        attr("authorized_grant_type", hcl_string(&grant));
        if !c.registered_redirect_uri.is_empty() {
            attr("registered_redirect_uris", list(&c.registered_redirect_uri));
        }
        if !c.scope.is_empty() {
            attr("scopes", list(&c.scope));
        }
        // The provider takes only active and inactive: a client that gets no tokens in the org
        // (disabled, or deleted and restorable) is written inactive, never active.
        match c.state.clone().unwrap_or(ClientState::Active) {
            ClientState::Active => attr("state", hcl_string("active")),
            ClientState::Inactive => attr("state", hcl_string("inactive")),
            s => attr(
                "state",
                format!(
                    "{} # {} in the org; the provider takes only active or inactive",
                    hcl_string("inactive"),
                    String::from(s)
                ),
            ),
        }
        for rd in &c.role_divisions {
            let role = roles
                .get(&rd.role_id)
                .cloned()
                .unwrap_or_else(|| format!("{} # the org did not name this role", hcl_string(&rd.role_id)));
            let division = match divisions.get(&rd.division_id) {
                Some(r) => r.clone(),
                None if rd.division_id == ALL_DIVISIONS => {
                    format!("{} # all divisions", hcl_string(ALL_DIVISIONS))
                }
                None => format!("{} # the org did not name this division", hcl_string(&rd.division_id)),
            };
            let _ = write!(out, "  roles {{\n    role_id     = {role}\n    division_id = {division}\n  }}\n");
        }
        out.push_str("}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::{Division, Role};

    #[test]
    fn strings_are_escaped_for_hcl() {
        assert_eq!(hcl_string("plain"), r#""plain""#);
        assert_eq!(hcl_string(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(hcl_string("a\nb\tc\r"), r#""a\nb\tc\r""#);
        assert_eq!(hcl_string("${var.x} and %{if x}"), r#""$${var.x} and %%{if x}""#);
        assert_eq!(hcl_string("$5 and 50% off"), r#""$5 and 50% off""#, "alone, $ and % are literal");
        assert_eq!(hcl_string("bell\u{7}"), r#""bell\u0007""#);
        assert_eq!(hcl_string("légacy 日本語 🚀"), "\"légacy 日本語 🚀\"");
    }

    #[test]
    fn labels_are_terraform_names() {
        let mut taken = Vec::new();
        assert_eq!(label("CRM Embeddable Framework", &mut taken), "crm_embeddable_framework");
        assert_eq!(label("CRM embeddable framework!", &mut taken), "crm_embeddable_framework_2");
        assert_eq!(label("2nd app", &mut taken), "_2nd_app");
        assert_eq!(label("日本語", &mut taken), "_");
        assert_eq!(label("---", &mut taken), "__2");
    }

    fn refs() -> RefData {
        let role = |id: &str, name: &str| Role { id: id.into(), name: name.into(), ..Default::default() };
        let division =
            |id: &str, name: &str| Division { id: id.into(), name: name.into(), ..Default::default() };
        RefData {
            roles: vec![role("r-dev", "Developer"), role("r-scim", "SCIM Integration")],
            divisions: vec![division("d-home", "Home"), division("d-emea", "EMEA \"West\"")],
            ..Default::default()
        }
    }

    fn clients() -> Vec<OAuthClient> {
        serde_json::from_value(serde_json::json!([
            {"id": "c1", "name": "CRM Embeddable Framework", "authorizedGrantType": "TOKEN",
             "description": "Agents' CRM\nsecond line", "accessTokenValiditySeconds": 64800,
             "registeredRedirectUri": ["https://apps.mypurecloud.com/crm/index.html"],
             "scope": ["conversations", "users:readonly"], "state": "active", "secret": "never-exported"},
            {"id": "c2", "name": "Nightly export", "authorizedGrantType": "CLIENT-CREDENTIALS",
             "accessTokenValiditySeconds": 86400, "state": "disabled",
             "roleDivisions": [{"roleId": "r-dev", "divisionId": "d-home"}, {"roleId": "r-dev", "divisionId": "d-emea"},
                               {"roleId": "r-scim", "divisionId": "*"}, {"roleId": "r-gone", "divisionId": "d-gone"}]},
            {"id": "c3", "name": "Template ${danger} %{x}", "authorizedGrantType": "CODE",
             "registeredRedirectUri": ["myapp://cb?x=\"1\""], "scope": [], "state": "inactive"},
            {"id": "c5", "name": "SSO bridge", "authorizedGrantType": "SAML2-BEARER", "state": "active",
             "scope": ["users:readonly"]},
            {"id": "c4", "name": "Old reporting app", "authorizedGrantType": "CODE", "state": "deleted",
             "registeredRedirectUri": ["https://reports.example.com/callback"], "scope": ["analytics:readonly"]}
        ]))
        .unwrap()
    }

    /// Compares with a golden file; `UPDATE_GOLDEN=1 cargo test` writes it anew (then read the
    /// diff by hand before committing it).
    pub fn golden(path: &str, got: &str) {
        let file = format!("{}/tests/golden/{path}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&file, got).unwrap();
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        assert_eq!(got, want, "{path} differs from the golden file (UPDATE_GOLDEN=1 writes it)");
    }

    #[test]
    fn clients_as_hcl() {
        let out = hcl(&clients(), &refs());
        assert!(!out.contains("never-exported"), "no secret");
        golden("clients.tf", &out);
    }
}
