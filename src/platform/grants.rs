//! A client's roles, each granted in one or more divisions: `roleDivisions` holds one
//! `{roleId, divisionId}` pair per division (`*` = all divisions). These edits change only the
//! pairs of the role they name, and keep every other pair where it was.

use super::model::{Division, Role, RoleDivision, ALL_DIVISIONS};
use std::collections::HashSet;

/// The divisions a role is granted in, in the order the client holds them.
pub fn divisions_of(pairs: &[RoleDivision], role_id: &str) -> Vec<String> {
    pairs.iter().filter(|p| p.role_id == role_id).map(|p| p.division_id.clone()).collect()
}

/// The roles in the order the client first names them, each with its divisions.
pub fn by_role(pairs: &[RoleDivision]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for p in pairs {
        match out.iter_mut().find(|(r, _)| *r == p.role_id) {
            Some((_, ds)) => ds.push(p.division_id.clone()),
            None => out.push((p.role_id.clone(), vec![p.division_id.clone()])),
        }
    }
    out
}

/// The client's roles the admin does not hold, by name (the id when the org's list lacks it), in
/// the client's order. Genesys Cloud lets only an admin who holds every role of a client change
/// it. `held` is `None` when the org did not say which roles the admin holds: nothing is missing
/// then (the org's answer to a save says so if anything is).
pub fn missing_roles(pairs: &[RoleDivision], held: Option<&HashSet<String>>, roles: &[Role]) -> Vec<String> {
    let Some(held) = held else { return Vec::new() };
    by_role(pairs)
        .into_iter()
        .filter(|(id, _)| !held.contains(id))
        .map(|(id, _)| roles.iter().find(|r| r.id == id).map_or(id, |r| r.name.clone()))
        .collect()
}

/// Why the admin cannot change a client whose roles they do not all hold.
pub fn missing_roles_note(missing: &[String]) -> Option<String> {
    let names: Vec<String> = missing.iter().map(|n| format!("\u{201c}{n}\u{201d}")).collect();
    (!names.is_empty()).then(|| {
        format!(
            "You cannot change this client: it has {} you do not hold ({}). Genesys Cloud lets only an admin who holds every role of a client edit it or change its state (disable, enable, restore, or make it inactive to delete it); ask an admin who holds {}.",
            if names.len() == 1 { "a role" } else { "roles" },
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" },
        )
    })
}

/// Grant the role in one more division (nothing when it already is).
pub fn add(pairs: &mut Vec<RoleDivision>, role_id: &str, division_id: &str) {
    if !pairs.iter().any(|p| p.role_id == role_id && p.division_id == division_id) {
        pairs.push(RoleDivision { role_id: role_id.into(), division_id: division_id.into() });
    }
}

/// Take the role out of one division; out of its last, the role is gone.
pub fn remove(pairs: &mut Vec<RoleDivision>, role_id: &str, division_id: &str) {
    pairs.retain(|p| !(p.role_id == role_id && p.division_id == division_id));
}

/// Add the role in the home division, or remove it from every division.
pub fn toggle(pairs: &mut Vec<RoleDivision>, role_id: &str, home: &str) {
    if pairs.iter().any(|p| p.role_id == role_id) {
        pairs.retain(|p| p.role_id != role_id);
    } else {
        add(pairs, role_id, home);
    }
}

/// A division's name as the admin reads it: "All divisions" for `*`, "(home)" marked, and the
/// bare id for a division the org's list does not hold.
pub fn division_label(divisions: &[Division], id: &str) -> String {
    if id == ALL_DIVISIONS {
        return "All divisions".into();
    }
    match divisions.iter().find(|d| d.id == id) {
        Some(d) if d.home_division == Some(true) => format!("{} (home)", d.name),
        Some(d) => d.name.clone(),
        None => id.to_string(),
    }
}

/// The divisions the role can still be granted in: every division not yet chosen, then `*`.
pub fn addable(divisions: &[Division], pairs: &[RoleDivision], role_id: &str) -> Vec<(String, String)> {
    let chosen = divisions_of(pairs, role_id);
    divisions
        .iter()
        .map(|d| d.id.as_str())
        .chain([ALL_DIVISIONS])
        .filter(|id| !chosen.iter().any(|c| c == id))
        .map(|id| (id.to_string(), division_label(divisions, id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(r: &str, d: &str) -> RoleDivision {
        RoleDivision { role_id: r.into(), division_id: d.into() }
    }

    fn divisions() -> Vec<Division> {
        vec![
            Division { id: "h".into(), name: "Home".into(), home_division: Some(true), ..Default::default() },
            Division { id: "s".into(), name: "Sales".into(), ..Default::default() },
        ]
    }

    #[test]
    fn edits_touch_only_their_role() {
        let mut p = vec![pair("dev", "h"), pair("ops", "*"), pair("dev", "s"), pair("ops", "gone-division")];
        add(&mut p, "dev", "*");
        add(&mut p, "dev", "h");
        assert_eq!(divisions_of(&p, "dev"), ["h", "s", "*"]);
        remove(&mut p, "dev", "s");
        assert_eq!(
            p,
            vec![pair("dev", "h"), pair("ops", "*"), pair("ops", "gone-division"), pair("dev", "*")]
        );
        toggle(&mut p, "dev", "h");
        assert_eq!(p, vec![pair("ops", "*"), pair("ops", "gone-division")]);
        toggle(&mut p, "new", "h");
        assert_eq!(p.last(), Some(&pair("new", "h")));
        remove(&mut p, "new", "h");
        assert!(divisions_of(&p, "new").is_empty(), "out of its last division, the role is gone");
    }

    #[test]
    fn grouped_by_role_in_first_order() {
        let p = vec![pair("dev", "h"), pair("ops", "*"), pair("dev", "s")];
        assert_eq!(
            by_role(&p),
            vec![("dev".into(), vec!["h".into(), "s".into()]), ("ops".into(), vec!["*".into()])]
        );
    }

    #[test]
    fn labels_and_what_can_be_added() {
        let d = divisions();
        assert_eq!(division_label(&d, "h"), "Home (home)");
        assert_eq!(division_label(&d, "*"), "All divisions");
        assert_eq!(division_label(&d, "x-1"), "x-1");
        let p = vec![pair("dev", "h"), pair("ops", "s")];
        let ids: Vec<String> = addable(&d, &p, "dev").into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["s", "*"]);
        assert!(addable(&d, &[pair("dev", "h"), pair("dev", "s"), pair("dev", "*")], "dev").is_empty());
    }

    #[test]
    fn roles_the_admin_lacks() {
        let p = |r: &str, d: &str| RoleDivision { role_id: r.into(), division_id: d.into() };
        let pairs = vec![p("dev", "home"), p("sup", "*"), p("dev", "sales"), p("gone", "home")];
        let roles = vec![
            Role { id: "dev".into(), name: "Developer".into(), ..Default::default() },
            Role { id: "sup".into(), name: "Supervisor".into(), ..Default::default() },
        ];
        let held: HashSet<String> = ["dev".to_string()].into();
        assert_eq!(missing_roles(&pairs, Some(&held), &roles), ["Supervisor", "gone"]);
        let all: HashSet<String> = ["dev", "sup", "gone"].iter().map(|s| s.to_string()).collect();
        assert!(missing_roles(&pairs, Some(&all), &roles).is_empty());
        assert!(missing_roles(&pairs, None, &roles).is_empty(), "unknown: not judged");
        assert!(missing_roles(&[], Some(&HashSet::new()), &roles).is_empty());
        let note = missing_roles_note(&["Supervisor".into()]).unwrap();
        assert!(note.contains("a role you do not hold (\u{201c}Supervisor\u{201d})"), "{note}");
        assert!(missing_roles_note(&["A".into(), "B".into()])
            .unwrap()
            .contains("roles you do not hold (\u{201c}A\u{201d}, \u{201c}B\u{201d})"));
        assert_eq!(missing_roles_note(&[]), None);
    }
}
