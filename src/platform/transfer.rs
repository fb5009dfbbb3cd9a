//! Clients to a file and back. The export holds each client in the vendor's `OAuthClientRequest`
//! shape (never a secret), with the names of the roles and divisions it uses so that another org
//! can map them. An import reads such a file (or the org's own listing, or a bare array), checks
//! every entry with the product rules against the target org, maps roles and divisions by name,
//! and finds the names that exist already. A file that is not that gets one clear message.

use super::draft::Draft;
use super::draft::{request_of, validate};
use super::model::{
    ClientState, Division, GrantType, OAuthClient, OAuthClientRequest, Role, RoleDivision, ALL_DIVISIONS,
};
use super::rules::RuleContext;
use super::templates::RefData;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const FORMAT: &str = "oauth-console.clients";
pub const VERSION: u32 = 1;
/// The largest file an import reads.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The most clients one import takes.
pub const MAX_ENTRIES: usize = 5_000;

/// An id and the name the org gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameRef {
    pub id: String,
    pub name: String,
}

/// Where an export comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub environment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

/// The export file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub source: Source,
    /// The roles and divisions the clients use, with their names.
    pub roles: Vec<NameRef>,
    pub divisions: Vec<NameRef>,
    pub clients: Vec<OAuthClientRequest>,
}

/// The export of `clients`: each as the request that would create it (no secret, no id, no
/// deprecated `roleIds`), and the names of their roles and divisions.
pub fn export(clients: &[OAuthClient], refs: &RefData, source: Source, now_iso: &str) -> ExportFile {
    let mut roles: Vec<NameRef> = Vec::new();
    let mut divisions: Vec<NameRef> = Vec::new();
    for rd in clients.iter().flat_map(|c| &c.role_divisions) {
        if let Some(r) = refs.roles.iter().find(|r| r.id == rd.role_id) {
            if !roles.iter().any(|x| x.id == r.id) {
                roles.push(NameRef { id: r.id.clone(), name: r.name.clone() });
            }
        }
        if let Some(d) = refs.divisions.iter().find(|d| d.id == rd.division_id) {
            if !divisions.iter().any(|x| x.id == d.id) {
                divisions.push(NameRef { id: d.id.clone(), name: d.name.clone() });
            }
        }
    }
    // A client in its grace period after a delete is written inactive: `deleted` is no state a
    // request can give.
    let clients = clients
        .iter()
        .map(|c| {
            let r = OAuthClientRequest { role_ids: vec![], ..request_of(c) };
            match r.state {
                ClientState::Deleted | ClientState::Unknown(_) => {
                    OAuthClientRequest { state: ClientState::Inactive, ..r }
                }
                _ => r,
            }
        })
        .collect();
    ExportFile {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: now_iso.into(),
        source,
        roles,
        divisions,
        clients,
    }
}

/// Why a file cannot be imported at all (nothing is changed).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file could not be read as text.")]
    NotText,
    #[error("The file is {0} bytes: an import reads at most 5 MB.")]
    TooLarge(usize),
    #[error("The file is not JSON ({0}).")]
    NotJson(String),
    #[error("The file is JSON, but not a list of OAuth clients: {0}")]
    WrongShape(String),
    #[error("The file holds {0} clients: an import takes at most 5,000.")]
    TooMany(usize),
}

/// A file's clients (as JSON values, each checked later on its own) and the names it gives ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileContent {
    pub entries: Vec<Value>,
    pub roles: Vec<NameRef>,
    pub divisions: Vec<NameRef>,
    pub source: Option<Source>,
}

/// Reads an import file: this console's export, the org's listing (`{"entities": […]}`), or an
/// array of clients.
pub fn read_file(text: &str) -> Result<FileContent, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge(text.len()));
    }
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let v: Value = serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
    let names = |key: &str| -> Vec<NameRef> {
        v.get(key).and_then(|x| serde_json::from_value(x.clone()).ok()).unwrap_or_default()
    };
    let entries = match &v {
        Value::Array(a) => a.clone(),
        Value::Object(o) => match (o.get("format"), o.get("clients"), o.get("entities")) {
            (Some(f), _, _) if f != FORMAT => {
                return Err(FileError::WrongShape(format!("its format is {f}, not \"{FORMAT}\".")))
            }
            (_, Some(Value::Array(a)), _) | (None, None, Some(Value::Array(a))) => a.clone(),
            _ => return Err(FileError::WrongShape("it has no \"clients\" list.".into())),
        },
        _ => return Err(FileError::WrongShape("it is neither a list nor an object.".into())),
    };
    if let Some(version) = v.get("version").and_then(Value::as_u64).filter(|n| *n > u64::from(VERSION)) {
        return Err(FileError::WrongShape(format!(
            "it was written by a newer oauth-console (version {version}); this one reads version {VERSION}."
        )));
    }
    if entries.is_empty() {
        return Err(FileError::WrongShape("its list of clients is empty.".into()));
    }
    if entries.len() > MAX_ENTRIES {
        return Err(FileError::TooMany(entries.len()));
    }
    if entries.iter().all(|e| !e.is_object()) {
        return Err(FileError::WrongShape("its entries are not objects.".into()));
    }
    Ok(FileContent {
        entries,
        roles: names("roles"),
        divisions: names("divisions"),
        source: v.get("source").and_then(|s| serde_json::from_value(s.clone()).ok()),
    })
}

/// The target org, as the import needs it.
#[derive(Clone, Debug, Default)]
pub struct Target<'a> {
    pub clients: &'a [OAuthClient],
    pub roles: &'a [Role],
    pub divisions: &'a [Division],
}

/// What to do with an entry whose name the target org has already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    Skip,
    /// Created under a new name ("… (imported)").
    Rename,
    /// The existing client is replaced by the entry.
    Update,
}

/// One entry of the file, checked against the target org.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// 1-based place in the file.
    pub number: usize,
    /// The name, as the file has it ("(no name)" without one).
    pub name: String,
    pub grant: Option<GrantType>,
    /// The form's content, roles and divisions mapped to the target org's.
    pub draft: Draft,
    /// What stops this entry: it is not imported.
    pub problems: Vec<String>,
    /// Roles and divisions mapped by name, said so.
    pub mapped: Vec<String>,
    /// The id of the target org's client of the same name.
    pub conflict: Option<String>,
}

fn text(e: &Value, key: &str, problems: &mut Vec<String>) -> Option<String> {
    match e.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            problems.push(format!("{key} is not text."));
            None
        }
    }
}

fn texts(e: &Value, key: &str, problems: &mut Vec<String>) -> Vec<String> {
    match e.get(key) {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
            a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()
        }
        Some(_) => {
            problems.push(format!("{key} is not a list of text."));
            vec![]
        }
    }
}

/// Why an id of the file has no counterpart in the target org (the sentence follows "Role " or
/// "Division ").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum Unmapped {
    #[error("{0}, which the file does not name, is not in this org")]
    Unnamed(String),
    #[error("“{0}” names more than one in this org")]
    Ambiguous(String),
    #[error("“{0}” is not in this org")]
    Missing(String),
}

/// The id in the target org of an id of the file: the same id when the target has it, else the
/// target's one of the same name (letter case aside).
fn map_id<'a>(
    id: &str,
    file_names: &[NameRef],
    target: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Result<(String, Option<String>), Unmapped> {
    if target.clone().any(|(tid, _)| tid == id) {
        return Ok((id.to_string(), None));
    }
    let Some(name) = file_names.iter().find(|n| n.id == id).map(|n| n.name.as_str()) else {
        return Err(Unmapped::Unnamed(id.to_string()));
    };
    let mut same = target.filter(|(_, n)| n.to_lowercase() == name.to_lowercase());
    match (same.next(), same.next()) {
        (Some((tid, _)), None) => Ok((tid.to_string(), Some(name.to_string()))),
        (Some(_), Some(_)) => Err(Unmapped::Ambiguous(name.to_string())),
        (None, _) => Err(Unmapped::Missing(name.to_string())),
    }
}

/// Every entry of `file` checked against `target` with the product rules (`ctx`: the target
/// org's roles and the roles the admin holds).
pub fn check(file: &FileContent, target: &Target, ctx: &RuleContext) -> Vec<Entry> {
    file.entries.iter().enumerate().map(|(i, e)| check_entry(i + 1, e, file, target, ctx)).collect()
}

fn check_entry(number: usize, e: &Value, file: &FileContent, target: &Target, ctx: &RuleContext) -> Entry {
    let mut problems = Vec::new();
    let mut mapped = Vec::new();
    if !e.is_object() {
        problems.push("This entry is not an object.".into());
    }
    let name = text(e, "name", &mut problems);
    let grant = text(e, "authorizedGrantType", &mut problems).map(GrantType::from);
    if grant.is_none() && e.is_object() {
        problems.push("authorizedGrantType is missing.".into());
    }
    let duration = match e.get("accessTokenValiditySeconds") {
        None | Some(Value::Null) => super::rules::DURATION_DEFAULT.to_string(),
        Some(Value::Number(n)) if n.as_u64().is_some() => n.to_string(),
        Some(_) => {
            problems.push("accessTokenValiditySeconds is not a whole number of seconds.".into());
            String::new()
        }
    };
    let state = text(e, "state", &mut problems).map(ClientState::from).unwrap_or(ClientState::Active);
    if !matches!(state, ClientState::Active | ClientState::Disabled | ClientState::Inactive) {
        problems.push(format!(
            "state {} cannot be given to a client (active, disabled or inactive).",
            String::from(state.clone())
        ));
    }
    let mut role_divisions = Vec::new();
    match e.get("roleDivisions") {
        None | Some(Value::Null) => {}
        Some(v) => match serde_json::from_value::<Vec<RoleDivision>>(v.clone()) {
            Err(_) => problems.push("roleDivisions is not a list of {roleId, divisionId}.".into()),
            Ok(list) => {
                for rd in list {
                    let roles = target.roles.iter().map(|r| (r.id.as_str(), r.name.as_str()));
                    let divisions = target.divisions.iter().map(|d| (d.id.as_str(), d.name.as_str()));
                    let role = map_id(&rd.role_id, &file.roles, roles);
                    let division = if rd.division_id == ALL_DIVISIONS {
                        Ok((rd.division_id.clone(), None))
                    } else {
                        map_id(&rd.division_id, &file.divisions, divisions)
                    };
                    match (role, division) {
                        (Ok((r, rn)), Ok((d, dn))) => {
                            let said =
                                [rn.map(|n| format!("role “{n}”")), dn.map(|n| format!("division “{n}”"))];
                            for m in said.into_iter().flatten() {
                                if !mapped.contains(&m) {
                                    mapped.push(m);
                                }
                            }
                            role_divisions.push(RoleDivision { role_id: r, division_id: d });
                        }
                        (Err(why), _) => problems.push(format!("Role {why}.")),
                        (_, Err(why)) => problems.push(format!("Division {why}.")),
                    }
                }
            }
        },
    }
    let draft = Draft {
        name: name.clone().unwrap_or_default(),
        description: text(e, "description", &mut problems).unwrap_or_default(),
        grant: grant.clone().unwrap_or(GrantType::Code),
        duration,
        redirect_uris: texts(e, "registeredRedirectUri", &mut problems).join("\n"),
        scopes: texts(e, "scope", &mut problems),
        role_divisions,
        state,
        date_to_delete: text(e, "dateToDelete", &mut problems)
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_default(),
    };
    if e.is_object() && grant.is_some() {
        problems.extend(validate(&draft, ctx).into_iter().map(|p| p.message));
    }
    problems.dedup();
    let conflict = name
        .as_deref()
        .and_then(|n| target.clients.iter().find(|c| c.name.trim() == n.trim()))
        .map(|c| c.id.clone());
    Entry {
        number,
        name: name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "(no name)".into()),
        grant,
        draft,
        problems,
        mapped,
        conflict,
    }
}

/// What an import does with one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    Create(Box<OAuthClientRequest>),
    Update(String, Box<OAuthClientRequest>),
    /// Why not.
    Skip(String),
}

/// The plan of one entry, given what to do on a name conflict; `taken` are the names in use
/// (the target's, and the ones this import gives), for a rename.
pub fn plan(entry: &Entry, on_conflict: OnConflict, ctx: &RuleContext, taken: &mut Vec<String>) -> Plan {
    if !entry.problems.is_empty() {
        return Plan::Skip(format!("{} problem(s) in the file", entry.problems.len()));
    }
    let Some(mut req) = entry.draft.to_request(ctx) else {
        return Plan::Skip("the product rules refuse it".into());
    };
    match (&entry.conflict, on_conflict) {
        (Some(_), OnConflict::Skip) => Plan::Skip("a client of this name exists".into()),
        (Some(id), OnConflict::Update) => Plan::Update(id.clone(), Box::new(req)),
        (Some(_), OnConflict::Rename) => {
            let mut n = 1;
            let mut name = format!("{} (imported)", req.name);
            while taken.contains(&name) {
                n += 1;
                name = format!("{} (imported {n})", req.name);
            }
            taken.push(name.clone());
            req.name = name;
            Plan::Create(Box::new(req))
        }
        (None, _) => {
            taken.push(req.name.clone());
            Plan::Create(Box::new(req))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{division, role};
    use std::collections::HashSet;

    fn source_clients() -> Vec<OAuthClient> {
        serde_json::from_value(serde_json::json!([
            {"id": "c1", "name": "Nightly export", "authorizedGrantType": "CLIENT-CREDENTIALS", "description": "ETL",
             "accessTokenValiditySeconds": 3600, "state": "active", "secret": "s3cr3t-never", "roleIds": ["a-dev"],
             "roleDivisions": [{"roleId": "a-dev", "divisionId": "a-home"}, {"roleId": "a-dev", "divisionId": "*"}]},
            {"id": "c2", "name": "Partner portal", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 86400,
             "registeredRedirectUri": ["https://partner.example.com/cb"], "scope": ["users:readonly"], "state": "disabled"}
        ]))
        .unwrap()
    }

    fn source_refs() -> RefData {
        RefData {
            roles: vec![role("a-dev", "Developer")],
            divisions: vec![division("a-home", "Home")],
            ..Default::default()
        }
    }

    fn target_ctx(roles: &[Role]) -> RuleContext {
        RuleContext {
            roles: roles.to_vec(),
            held_role_ids: roles.iter().map(|r| r.id.clone()).collect::<HashSet<_>>(),
            held_known: true,
            today: "2026-11-27".into(),
            original: None,
        }
    }

    fn exported() -> String {
        let source =
            Source { environment: "Local sandbox org".into(), organization: Some("Sandbox Org".into()) };
        let f = export(&source_clients(), &source_refs(), source, "2026-11-27T10:00:00.000Z");
        serde_json::to_string_pretty(&f).unwrap()
    }

    #[test]
    fn an_export_holds_requests_and_names_never_a_secret() {
        let json = exported();
        assert!(!json.contains("s3cr3t"), "no secret");
        assert!(!json.contains("\"id\": \"c1\""), "no client id");
        assert!(!json.contains("roleIds"), "no deprecated roleIds");
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["roles"][0], serde_json::json!({"id": "a-dev", "name": "Developer"}));
        assert_eq!(v["divisions"][0], serde_json::json!({"id": "a-home", "name": "Home"}));
        assert_eq!(v["clients"][0]["roleDivisions"][1]["divisionId"], "*");
        assert_eq!(v["clients"][1]["registeredRedirectUri"][0], "https://partner.example.com/cb");
        // Each entry is what the vendor's API takes to create the client.
        let _: Vec<OAuthClientRequest> = serde_json::from_value(v["clients"].clone()).unwrap();
    }

    #[test]
    fn a_round_trip_to_another_org_reproduces_the_requests_with_its_ids() {
        let (roles, divisions) = (vec![role("b-dev", "developer")], vec![division("b-home", "Home")]);
        let target = Target { clients: &[], roles: &roles, divisions: &divisions };
        let ctx = target_ctx(&roles);
        let file = read_file(&exported()).unwrap();
        let entries = check(&file, &target, &ctx);
        assert!(entries.iter().all(|e| e.problems.is_empty()), "{entries:?}");
        assert_eq!(entries[0].mapped, ["role “Developer”", "division “Home”"]);
        let mut taken = vec![];
        let plans: Vec<Plan> = entries.iter().map(|e| plan(e, OnConflict::Skip, &ctx, &mut taken)).collect();
        let original: Vec<OAuthClientRequest> = source_clients()
            .iter()
            .map(|c| OAuthClientRequest { role_ids: vec![], ..request_of(c) })
            .collect();
        let Plan::Create(first) = &plans[0] else { panic!("{plans:?}") };
        let want = OAuthClientRequest {
            role_divisions: vec![
                RoleDivision { role_id: "b-dev".into(), division_id: "b-home".into() },
                RoleDivision { role_id: "b-dev".into(), division_id: "*".into() },
            ],
            ..original[0].clone()
        };
        assert_eq!(**first, want);
        assert_eq!(plans[1], Plan::Create(Box::new(original[1].clone())));
    }

    #[test]
    fn back_into_the_same_org_the_ids_stay_and_names_conflict() {
        let roles = source_refs().roles;
        let divisions = source_refs().divisions;
        let existing = source_clients();
        let target = Target { clients: &existing, roles: &roles, divisions: &divisions };
        let ctx = target_ctx(&roles);
        let entries = check(&read_file(&exported()).unwrap(), &target, &ctx);
        assert!(entries[0].mapped.is_empty(), "same ids: nothing mapped");
        assert_eq!(entries[0].conflict.as_deref(), Some("c1"));
        let mut taken: Vec<String> = existing.iter().map(|c| c.name.clone()).collect();
        assert_eq!(
            plan(&entries[0], OnConflict::Skip, &ctx, &mut taken),
            Plan::Skip("a client of this name exists".into())
        );
        let Plan::Create(renamed) = plan(&entries[0], OnConflict::Rename, &ctx, &mut taken) else { panic!() };
        assert_eq!(renamed.name, "Nightly export (imported)");
        let Plan::Create(again) = plan(&entries[0], OnConflict::Rename, &ctx, &mut taken) else { panic!() };
        assert_eq!(again.name, "Nightly export (imported 2)");
        assert!(
            matches!(plan(&entries[1], OnConflict::Update, &ctx, &mut taken), Plan::Update(id, _) if id == "c2")
        );
    }

    #[test]
    fn roles_and_divisions_that_cannot_be_mapped_are_problems() {
        let roles = vec![role("x", "Developer"), role("y", "Developer")];
        let target = Target { clients: &[], roles: &roles, divisions: &[] };
        let entries = check(&read_file(&exported()).unwrap(), &target, &target_ctx(&roles));
        assert!(entries[0].problems.iter().any(|p| p == "Role “Developer” names more than one in this org."));
        let none = Target { clients: &[], roles: &[], divisions: &[] };
        let entries = check(&read_file(&exported()).unwrap(), &none, &target_ctx(&[]));
        assert!(
            entries[0].problems.iter().any(|p| p == "Role “Developer” is not in this org."),
            "{:?}",
            entries[0].problems
        );
        assert!(entries[1].problems.is_empty());
        let mut taken = vec![];
        assert!(matches!(plan(&entries[0], OnConflict::Rename, &target_ctx(&[]), &mut taken), Plan::Skip(_)));
    }

    #[test]
    fn each_entry_is_checked_with_the_product_rules() {
        let text = r#"[
            {"name": "", "authorizedGrantType": "CODE", "registeredRedirectUri": ["https://a.example/cb"]},
            {"name": "Short", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 5, "registeredRedirectUri": ["https://a.example/cb"]},
            {"name": "Bad types", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": "long", "scope": "users"},
            {"name": "No grant"},
            {"name": "Float", "authorizedGrantType": "CODE", "accessTokenValiditySeconds": 3600.0, "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]},
            {"name": "Gone", "authorizedGrantType": "CODE", "state": "deleted", "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"]},
            "just text",
            {"name": "Fine", "authorizedGrantType": "CODE", "registeredRedirectUri": ["https://a.example/cb"], "scope": ["users:readonly"], "somethingNew": 1}
        ]"#;
        let entries = check(&read_file(text).unwrap(), &Target::default(), &target_ctx(&[]));
        assert!(entries[0].problems.contains(&"A name is required.".to_string()));
        assert_eq!(entries[0].name, "(no name)");
        assert!(
            entries[1].problems.iter().any(|p| p.starts_with("At least 300 seconds")),
            "{:?}",
            entries[1].problems
        );
        assert!(entries[2]
            .problems
            .contains(&"accessTokenValiditySeconds is not a whole number of seconds.".to_string()));
        assert!(entries[2].problems.contains(&"scope is not a list of text.".to_string()));
        assert_eq!(entries[3].problems, ["authorizedGrantType is missing."]);
        assert!(
            entries[4]
                .problems
                .contains(&"accessTokenValiditySeconds is not a whole number of seconds.".to_string()),
            "3600.0 is not read as 36000: {:?}",
            entries[4].problems
        );
        assert_eq!(
            entries[5].problems,
            ["state deleted cannot be given to a client (active, disabled or inactive)."]
        );
        assert_eq!(entries[6].problems, ["This entry is not an object."]);
        assert!(entries[7].problems.is_empty(), "unknown fields are ignored: {:?}", entries[7].problems);
    }

    #[test]
    fn files_that_are_not_clients() {
        assert_eq!(read_file(""), Err(FileError::Empty));
        assert!(matches!(read_file("<html>"), Err(FileError::NotJson(_))));
        assert!(matches!(read_file("{\"clients\": [1,"), Err(FileError::NotJson(_))));
        assert!(matches!(read_file("42"), Err(FileError::WrongShape(_))));
        assert!(matches!(read_file("{\"a\": 1}"), Err(FileError::WrongShape(_))));
        assert!(matches!(read_file("[]"), Err(FileError::WrongShape(_))));
        assert!(matches!(read_file("[1, 2]"), Err(FileError::WrongShape(_))));
        assert!(matches!(
            read_file(r#"{"format": "something-else", "clients": []}"#),
            Err(FileError::WrongShape(_))
        ));
        assert!(
            matches!(read_file(r#"{"format": "oauth-console.clients", "version": 9, "clients": [{}]}"#), Err(FileError::WrongShape(m)) if m.contains("newer"))
        );
        let junk = "x".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(read_file(&junk), Err(FileError::TooLarge(MAX_FILE_BYTES + 1)));
        let many = format!("[{}]", vec!["{}"; MAX_ENTRIES + 1].join(","));
        assert_eq!(read_file(&many), Err(FileError::TooMany(MAX_ENTRIES + 1)));
        // The org's own listing reads too.
        let listing =
            r#"{"entities": [{"id": "x", "name": "A", "authorizedGrantType": "CODE"}], "pageSize": 25}"#;
        assert_eq!(read_file(listing).unwrap().entries.len(), 1);
        assert!(FileError::TooLarge(6_000_000).to_string().contains("5 MB"));
    }
}
