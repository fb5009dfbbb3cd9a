//! The apps authorized in this org: search and sort of the vendor's listing, and which of them
//! are this org's own clients.

use super::model::{AuthorizationState, OAuthAuthorization};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthSort {
    Name,
    Organization,
    State,
    Created,
}

pub fn name(a: &OAuthAuthorization) -> &str {
    a.client.name.as_deref().unwrap_or(&a.client.id)
}

pub fn organization(a: &OAuthAuthorization) -> &str {
    a.client.organization.as_ref().and_then(|o| o.name.as_deref()).unwrap_or("")
}

pub fn state(a: &OAuthAuthorization) -> String {
    match (&a.state, a.pending) {
        (Some(s), _) => String::from(s.clone()),
        (None, Some(true)) => "Requested".into(),
        (None, _) => "—".into(),
    }
}

/// Does the search text (every word, letter case aside) match the app's name, client id,
/// organization, scopes or state?
pub fn matches(a: &OAuthAuthorization, query: &str) -> bool {
    let hay = format!("{} {} {} {} {}", name(a), a.client.id, organization(a), a.scope.join(" "), state(a))
        .to_lowercase();
    query.to_lowercase().split_whitespace().all(|w| hay.contains(w))
}

/// The positions of the apps that match `query`, in the order of `key`; ties by name.
pub fn view(list: &[OAuthAuthorization], query: &str, key: AuthSort, ascending: bool) -> Vec<usize> {
    let mut out: Vec<usize> = (0..list.len()).filter(|&i| matches(&list[i], query)).collect();
    let k = |a: &OAuthAuthorization| -> String {
        match key {
            AuthSort::Name => name(a).to_lowercase(),
            AuthSort::Organization => organization(a).to_lowercase(),
            AuthSort::State => state(a),
            AuthSort::Created => a.date_created.clone().unwrap_or_default(),
        }
    };
    out.sort_by(|&x, &y| {
        let (a, b) = (&list[x], &list[y]);
        let o = k(a).cmp(&k(b)).then_with(|| name(a).to_lowercase().cmp(&name(b).to_lowercase()));
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    out
}

/// An app that no longer holds access (revoked, or never granted).
pub fn inactive(a: &OAuthAuthorization) -> bool {
    matches!(a.state, Some(AuthorizationState::Revoked | AuthorizationState::Unauthorized))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<OAuthAuthorization> {
        serde_json::from_value(serde_json::json!([
            {"client": {"id": "f1", "name": "Acme Wallboards", "organization": {"id": "o2", "name": "Acme Partner Org"}},
             "scope": ["analytics:readonly"], "state": "Authorized", "dateCreated": "2026-05-01T00:00:00Z"},
            {"client": {"id": "f2", "name": "Globex Survey", "organization": {"id": "o3", "name": "Globex Inc"}},
             "scope": ["conversations:readonly"], "state": "Revoked", "dateCreated": "2025-12-01T00:00:00Z"},
            {"client": {"id": "c3", "name": "CRM Embeddable Framework", "organization": {"id": "o1", "name": "Sandbox Org"}},
             "scope": ["conversations", "users"], "state": "Authorized", "dateCreated": "2026-10-01T00:00:00Z"},
            {"client": {"id": "c9"}, "pending": true}
        ]))
        .unwrap()
    }

    #[test]
    fn search_by_name_org_scope_or_state() {
        let l = list();
        assert_eq!(view(&l, "acme", AuthSort::Name, true), [0]);
        assert_eq!(view(&l, "GLOBEX revoked", AuthSort::Name, true), [1]);
        assert_eq!(view(&l, "conversations", AuthSort::Name, true), [2, 1]);
        assert_eq!(view(&l, "c9", AuthSort::Name, true), [3], "no name: its id");
        assert_eq!(view(&l, "requested", AuthSort::Name, true), [3]);
        assert!(view(&l, "nothing like it", AuthSort::Name, true).is_empty());
    }

    #[test]
    fn sorts() {
        let l = list();
        assert_eq!(view(&l, "", AuthSort::Name, true), [0, 3, 2, 1]);
        assert_eq!(view(&l, "", AuthSort::Created, false), [2, 0, 1, 3]);
        assert_eq!(view(&l, "", AuthSort::Organization, true), [3, 0, 1, 2]);
        assert!(inactive(&l[1]) && !inactive(&l[0]) && !inactive(&l[3]));
    }
}
