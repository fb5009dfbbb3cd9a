//! The admin endpoints: OAuth clients, scopes, roles, divisions — with the vendor's validation.

use crate::org::{self, iso, new_id, random_string, Client, Org, Role, Token};
use crate::{api_error, authenticate, Sandbox};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

pub const DURATION_MIN: u64 = 300;
pub const DURATION_MAX: u64 = 172_800;
pub const DURATION_MAX_SCIM: u64 = 38_880_000;
pub const MAX_REDIRECTS: usize = 125;
const GRANTS: [&str; 5] = ["CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"];

fn perm_matches(granted: &str, needed: &str) -> bool {
    let g: Vec<&str> = granted.split(':').collect();
    let n: Vec<&str> = needed.split(':').collect();
    g.len() == 3 && n.len() == 3 && g.iter().zip(&n).all(|(a, b)| *a == "*" || a == b)
}

/// Authenticates, then checks a scope (one of `scopes`) and a permission.
pub(crate) fn guard(
    org: &mut Org,
    headers: &HeaderMap,
    scopes: &[&str],
    permission: Option<&str>,
) -> Result<(String, Token), Response> {
    let (raw, t) = authenticate(org, headers, true)?;
    if let Some(have) = org.token_scopes(&t) {
        if !scopes.is_empty() && !scopes.iter().any(|s| have.iter().any(|h| h == s)) {
            return Err(api_error(
                StatusCode::FORBIDDEN,
                "not.authorized",
                &format!("The token lacks the scope this request needs (one of: {}).", scopes.join(", ")),
            ));
        }
    }
    if let Some(p) = permission {
        if !org.permissions(&t).iter().any(|g| perm_matches(g, p)) {
            return Err(api_error(
                StatusCode::FORBIDDEN,
                "missing.permissions",
                &format!("Unable to perform the requested action. You are missing the following permission(s): [{p}]"),
            ));
        }
    }
    Ok((raw, t))
}

pub(crate) fn not_found(what: &str, id: &str) -> Response {
    api_error(StatusCode::NOT_FOUND, "not.found", &format!("The {what} {id} was not found."))
}

/// A 400 ErrorBody naming the fields at fault.
fn invalid(problems: &[(&str, String)]) -> Response {
    let message = problems.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join(" ");
    let body = json!({
        "message": message,
        "code": "bad.request",
        "status": 400,
        "messageParams": {},
        "contextId": new_id(),
        "details": problems.iter().map(|(f, _)| json!({"errorCode": "invalid.value", "fieldName": f})).collect::<Vec<_>>(),
        "errors": [],
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// The SCIM role by its default-role identity (whatever it is named now), or a custom role with
/// exactly its permissions.
fn is_scim(role: &Role, roles: &[Role]) -> bool {
    const SCIM: Option<&str> = Some("scim_integration");
    let set = |r: &Role| r.permissions.iter().cloned().collect::<std::collections::HashSet<_>>();
    role.default_role_id.as_deref() == SCIM
        || roles
            .iter()
            .find(|r| r.default_role_id.as_deref() == SCIM)
            .is_some_and(|s| !s.permissions.is_empty() && set(s) == set(role))
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(vec![]),
        Value::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

/// The role ids a caller can grant: their own.
fn caller_roles(org: &Org, t: &Token) -> Vec<String> {
    match &t.user_id {
        Some(u) => org.user(u).map(|u| u.role_ids.clone()).unwrap_or_default(),
        None => org
            .client(&t.client_id)
            .map(|c| c.role_divisions.iter().map(|(r, _)| r.clone()).collect())
            .unwrap_or_default(),
    }
}

/// Checks an OAuthClientRequest the way the vendor does; on success the client's new fields.
fn check_request(org: &Org, t: &Token, body: &Value, existing: Option<&Client>) -> Result<Client, Response> {
    let mut p: Vec<(&str, String)> = Vec::new();
    let name = body["name"].as_str().unwrap_or("").trim().to_string();
    if name.is_empty() {
        p.push(("name", "The name is required.".into()));
    }
    let grant = body["authorizedGrantType"].as_str().unwrap_or("").to_string();
    if !GRANTS.contains(&grant.as_str()) {
        p.push(("authorizedGrantType", format!("\"{grant}\" is not a grant type.")));
    }
    let becomes_implicit = grant == "TOKEN" && existing.is_none_or(|c| c.grant != "TOKEN");
    if becomes_implicit && org.settings.implicit_policy == org::ImplicitPolicy::Retired {
        // The vendor refuses the retired grant on its own, with no `details`.
        return Err(api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            "The Token Implicit Grant (Browser) is no longer available for new OAuth clients: Genesys Cloud retired it in March 2026, and implicit sign-in stops working by March 2027. Use Code Authorization with PKCE.",
        ));
    }
    let redirects = strings(&body["registeredRedirectUri"]).unwrap_or_else(|| {
        p.push(("registeredRedirectUri", "registeredRedirectUri must be a list of strings.".into()));
        vec![]
    });
    if redirects.len() > MAX_REDIRECTS {
        p.push(("registeredRedirectUri", format!("At most {MAX_REDIRECTS} redirect URIs are allowed.")));
    }
    // As the vendor: any absolute URI without a fragment (plain http on any host, custom schemes
    // for native apps); never a script URI.
    if let Some(bad) = redirects.iter().find(|u| !acceptable_redirect(u)) {
        p.push(("registeredRedirectUri", format!("\"{bad}\" is not an absolute URI without a fragment.")));
    }
    let scope = strings(&body["scope"]).unwrap_or_else(|| {
        p.push(("scope", "scope must be a list of strings.".into()));
        vec![]
    });
    if grant == "CLIENT-CREDENTIALS" && !scope.is_empty() {
        p.push(("scope", "Scopes cannot be set on a Client Credentials client.".into()));
    }
    if let Some(bad) = scope.iter().find(|s| !org.scopes.iter().any(|(id, _)| id == *s)) {
        p.push(("scope", format!("\"{bad}\" is not a scope.")));
    }
    let mut role_divisions = Vec::new();
    if let Some(list) = body["roleDivisions"].as_array() {
        let held = caller_roles(org, t);
        for rd in list {
            let (r, d) = (rd["roleId"].as_str().unwrap_or(""), rd["divisionId"].as_str().unwrap_or(""));
            let Some(role) = org.roles.iter().find(|x| x.id == r) else {
                p.push(("roleDivisions", format!("The role {r} does not exist.")));
                continue;
            };
            let kept = existing.is_some_and(|c| c.role_divisions.iter().any(|(er, _)| er == r));
            if !held.iter().any(|h| h == r) && !kept {
                p.push((
                    "roleDivisions",
                    format!("You cannot grant the role \"{}\": you do not hold it.", role.name),
                ));
            }
            if d != "*" && !org.divisions.iter().any(|x| x.id == d) {
                p.push(("roleDivisions", format!("The division {d} does not exist.")));
            }
            role_divisions.push((r.to_string(), d.to_string()));
        }
    }
    if grant != "CLIENT-CREDENTIALS" {
        role_divisions.clear();
    }
    let validity = match &body["accessTokenValiditySeconds"] {
        Value::Null => 86_400,
        v => v.as_u64().unwrap_or(0),
    };
    let scim =
        role_divisions.iter().any(|(r, _)| org.roles.iter().any(|x| x.id == *r && is_scim(x, &org.roles)));
    let max = if scim { DURATION_MAX_SCIM } else { DURATION_MAX };
    if !(DURATION_MIN..=max).contains(&validity) {
        p.push((
            "accessTokenValiditySeconds",
            format!(
                "accessTokenValiditySeconds must be between {DURATION_MIN} and {max}{}.",
                if scim { "" } else { " (up to 38880000 for SCIM clients)" }
            ),
        ));
    }
    let state = body["state"].as_str().unwrap_or("active").to_string();
    if !["active", "disabled", "inactive"].contains(&state.as_str()) {
        p.push(("state", format!("\"{state}\" is not a client state.")));
    }
    let date_to_delete = match (state.as_str(), body["dateToDelete"].as_str()) {
        ("inactive", Some(d))
            if time::OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339).is_err() =>
        {
            p.push(("dateToDelete", "dateToDelete must be an ISO-8601 date-time.".into()));
            None
        }
        ("inactive", Some(d)) => Some(d.to_string()),
        ("inactive", None) => Some(iso(SystemTime::now() + Duration::from_secs(30 * 86_400))),
        _ => None,
    };
    if !p.is_empty() {
        return Err(invalid(&p));
    }
    let now = SystemTime::now();
    let redirect_uris = if grant == "CLIENT-CREDENTIALS" { vec![] } else { redirects };
    Ok(Client {
        id: existing.map_or_else(new_id, |c| c.id.clone()),
        name,
        description: body["description"].as_str().unwrap_or("").to_string(),
        grant,
        secret: existing.map_or_else(|| random_string(43), |c| c.secret.clone()),
        redirect_uris,
        scope,
        role_divisions,
        validity_s: validity,
        state,
        date_to_delete,
        created: existing.map_or(now, |c| c.created),
        modified: now,
        created_by: existing.map_or_else(|| t.user_id.clone(), |c| c.created_by.clone()),
        modified_by: t.user_id.clone(),
        held_by_support: existing.is_some_and(|c| c.held_by_support),
    })
}

type Q = Query<HashMap<String, String>>;

pub async fn list_clients(State(sb): State<Sandbox>, headers: HeaderMap) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth", "oauth:readonly"], Some("oauth:client:view")) {
        return r;
    }
    let entities: Vec<Value> = org.clients.iter().map(|c| org.client_json(c, false)).collect();
    let n = entities.len();
    Json(json!({"entities": entities, "pageSize": n, "pageNumber": 1, "total": n, "pageCount": 1, "selfUri": "/api/v2/oauth/clients"}))
        .into_response()
}

pub async fn get_client(State(sb): State<Sandbox>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth", "oauth:readonly"], Some("oauth:client:view")) {
        return r;
    }
    match org.client(&id) {
        Some(c) => Json(org.client_json(c, false)).into_response(),
        None => not_found("OAuth client", &id),
    }
}

pub async fn create_client(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Option<Json<Value>>,
) -> Response {
    let mut org = sb.lock();
    let (_, t) = match guard(&mut org, &headers, &["oauth"], Some("oauth:client:add")) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(Json(body)) = body else {
        return api_error(StatusCode::BAD_REQUEST, "bad.request", "The request body must be JSON.");
    };
    match check_request(&org, &t, &body, None) {
        Ok(client) => {
            let json = org.client_json(&client, true);
            org.clients.push(client);
            Json(json).into_response()
        }
        Err(r) => r,
    }
}

pub async fn update_client(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Option<Json<Value>>,
) -> Response {
    let mut org = sb.lock();
    let (_, t) = match guard(&mut org, &headers, &["oauth"], Some("oauth:client:edit")) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(existing) = org.client(&id).cloned() else { return not_found("OAuth client", &id) };
    let Some(Json(body)) = body else {
        return api_error(StatusCode::BAD_REQUEST, "bad.request", "The request body must be JSON.");
    };
    // Only a caller who holds every role of the client may change it (the vendor's admin page).
    let held = caller_roles(&org, &t);
    let missing: Vec<String> = existing
        .role_divisions
        .iter()
        .filter(|(r, _)| !held.contains(r))
        .map(|(r, _)| org.roles.iter().find(|x| x.id == *r).map_or_else(|| r.clone(), |x| x.name.clone()))
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    if !missing.is_empty() {
        return api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            &format!(
                "You must have all the roles of this OAuth client to edit it. Missing: {}.",
                missing.join(", ")
            ),
        );
    }
    // A deleted client (in its grace period) can only be restored: made active again.
    if existing.state == "deleted" && body["state"].as_str() != Some("active") {
        return api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            "This OAuth client is deleted. Restore it (state active) before changing it.",
        );
    }
    match check_request(&org, &t, &body, Some(&existing)) {
        Ok(client) if existing.held_by_support && client.state != existing.state => api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            "This OAuth client was disabled by Genesys Cloud support. Its state cannot be changed by the organization: contact Genesys Cloud Customer Care.",
        ),
        Ok(client) => {
            let json = org.client_json(&client, false);
            if let Some(slot) = org.clients.iter_mut().find(|c| c.id == id) {
                *slot = client;
            }
            Json(json).into_response()
        }
        Err(r) => r,
    }
}

pub async fn delete_client(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["oauth"], Some("oauth:client:delete")) {
        return r;
    }
    match org.client(&id).map(|c| c.state.clone()) {
        None => not_found("OAuth client", &id),
        Some(s) if s != "inactive" => api_error(
            StatusCode::BAD_REQUEST,
            "bad.request",
            "An OAuth client must be inactive before it can be deleted.",
        ),
        Some(_) => {
            // Created within the last 30 days: removed for good. Older: deactivated for seven
            // days (state `deleted`, still listed), restorable until then.
            let now = SystemTime::now();
            let young = org.client(&id).is_some_and(|c| {
                now.duration_since(c.created).unwrap_or_default() < Duration::from_secs(30 * 86_400)
            });
            if young {
                org.clients.retain(|c| c.id != id);
            } else if let Some(c) = org.clients.iter_mut().find(|c| c.id == id) {
                c.state = "deleted".into();
                c.date_to_delete = Some(iso(now + Duration::from_secs(7 * 86_400)));
                c.modified = now;
            }
            org.tokens.retain(|_, t| t.client_id != id);
            StatusCode::NO_CONTENT.into_response()
        }
    }
}

pub async fn regenerate_secret(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let mut org = sb.lock();
    let (_, t) = match guard(&mut org, &headers, &["oauth"], Some("oauth:client:edit")) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(c) = org.clients.iter_mut().find(|c| c.id == id) else { return not_found("OAuth client", &id) };
    c.secret = random_string(43);
    c.modified = SystemTime::now();
    c.modified_by = t.user_id.clone();
    let c = c.clone();
    Json(org.client_json(&c, true)).into_response()
}

pub async fn scopes(State(sb): State<Sandbox>) -> Response {
    let org = sb.lock();
    let entities: Vec<Value> = org.scopes.iter().map(|(id, d)| json!({"id": id, "description": d})).collect();
    Json(json!({"total": entities.len(), "entities": entities, "selfUri": "/api/v2/oauth/scopes"}))
        .into_response()
}

/// A paged listing with the vendor's fields; `pageSize` (default 25, at most 500) and `pageNumber`.
fn paged(items: Vec<Value>, q: &HashMap<String, String>, path: &str) -> Value {
    let size = q.get("pageSize").and_then(|v| v.parse::<usize>().ok()).unwrap_or(25).clamp(1, 500);
    let number = q.get("pageNumber").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).max(1);
    let total = items.len();
    let count = total.div_ceil(size).max(1);
    let uri = |n: usize| format!("{path}?pageSize={size}&pageNumber={n}");
    let entities: Vec<Value> = items.into_iter().skip((number - 1) * size).take(size).collect();
    let mut v = json!({
        "entities": entities, "pageSize": size, "pageNumber": number, "total": total, "pageCount": count,
        "firstUri": uri(1), "selfUri": uri(number), "lastUri": uri(count),
    });
    if number < count {
        v["nextUri"] = json!(uri(number + 1));
    }
    if number > 1 {
        v["previousUri"] = json!(uri(number - 1));
    }
    v
}

fn role_json(r: &Role, org: &Org) -> Value {
    json!({
        "id": r.id, "name": r.name, "description": r.description, "permissions": r.permissions,
        "default": r.default, "base": false, "defaultRoleId": r.default_role_id,
        "userCount": org.users.iter().filter(|u| u.role_ids.contains(&r.id)).count(),
        "selfUri": format!("/api/v2/authorization/roles/{}", r.id),
    })
}

pub async fn roles(State(sb): State<Sandbox>, headers: HeaderMap, Query(q): Q) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(
        &mut org,
        &headers,
        &["authorization", "authorization:readonly"],
        Some("authorization:role:view"),
    ) {
        return r;
    }
    let name = q.get("name").map(|n| n.to_lowercase());
    let items: Vec<Value> = org
        .roles
        .iter()
        .filter(|r| name.as_ref().is_none_or(|n| r.name.to_lowercase().contains(n)))
        .map(|r| role_json(r, &org))
        .collect();
    Json(paged(items, &q, "/api/v2/authorization/roles")).into_response()
}

pub async fn delete_role(State(sb): State<Sandbox>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["authorization"], Some("authorization:role:delete")) {
        return r;
    }
    if org.roles.iter().all(|r| r.id != id) {
        return not_found("role", &id);
    }
    org.roles.retain(|r| r.id != id);
    org.users.iter_mut().for_each(|u| u.role_ids.retain(|r| *r != id));
    StatusCode::NO_CONTENT.into_response()
}

/// `PUT /api/v2/authorization/roles/{id}`: a new name, description or permissions (an org may
/// rename even its default roles; their default-role identity stays).
pub async fn update_role(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["authorization"], Some("authorization:role:edit")) {
        return r;
    }
    let Some(name) = body["name"].as_str().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string)
    else {
        return invalid(&[("name", "A role needs a name.".into())]);
    };
    let Some(i) = org.roles.iter().position(|r| r.id == id) else { return not_found("role", &id) };
    let role = &mut org.roles[i];
    role.name = name;
    if let Some(d) = body["description"].as_str() {
        role.description = d.to_string();
    }
    if let Some(p) = body.get("permissions").and_then(strings) {
        role.permissions = p;
    }
    let role = org.roles[i].clone();
    Json(role_json(&role, &org)).into_response()
}

pub async fn restore_default_roles(State(sb): State<Sandbox>, headers: HeaderMap) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &["authorization"], Some("authorization:role:add")) {
        return r;
    }
    for d in Org::default_roles() {
        if org.roles.iter().all(|r| r.default_role_id != d.default_role_id) {
            org.roles.push(d);
        }
    }
    let items: Vec<Value> = org.roles.iter().map(|r| role_json(r, &org)).collect();
    let q = HashMap::from([("pageSize".to_string(), "500".to_string())]);
    Json(paged(items, &q, "/api/v2/authorization/roles")).into_response()
}

fn division_json(d: &org::Division) -> Value {
    json!({"id": d.id, "name": d.name, "description": d.description, "homeDivision": d.home,
           "selfUri": format!("/api/v2/authorization/divisions/{}", d.id)})
}

pub async fn divisions(State(sb): State<Sandbox>, headers: HeaderMap, Query(q): Q) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &[], None) {
        return r;
    }
    let items = org.divisions.iter().map(division_json).collect();
    Json(paged(items, &q, "/api/v2/authorization/divisions")).into_response()
}

pub async fn home_division(State(sb): State<Sandbox>, headers: HeaderMap) -> Response {
    let mut org = sb.lock();
    if let Err(r) = guard(&mut org, &headers, &[], None) {
        return r;
    }
    Json(division_json(org.home_division())).into_response()
}

/// An absolute URI (RFC 3986 scheme, something after it), no fragment, no space, no script.
fn acceptable_redirect(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else { return false };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let script = ["javascript", "data", "vbscript"].contains(&scheme.to_ascii_lowercase().as_str());
    let web = ["http", "https"].contains(&scheme.to_ascii_lowercase().as_str());
    scheme_ok
        && !script
        && !rest.trim_start_matches('/').is_empty()
        && (!web || rest.starts_with("//"))
        && !uri.contains('#')
        && !uri.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::perm_matches;

    #[test]
    fn permissions_match_with_wildcards() {
        assert!(perm_matches("*:*:*", "oauth:client:add"));
        assert!(perm_matches("oauth:client:*", "oauth:client:add"));
        assert!(!perm_matches("oauth:client:view", "oauth:client:add"));
        assert!(!perm_matches("oauth:*", "oauth:client:add"));
    }
}
