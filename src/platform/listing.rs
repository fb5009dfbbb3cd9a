//! The clients list as data: search, filters, sort, counts per grant type, dates for display.
//! Pure functions, so the list's behaviour (and its speed, in `make bench`) is tested natively.

use super::model::{ClientState, GrantType, OAuthClient};
use super::rules::{GRANTS_OFFERED, IMPLICIT_SIGN_IN_ENDS_BY};
use super::usage::Known;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A column the list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Grant,
    Id,
    State,
    Created,
    Modified,
    /// Requests in the last 30 days, as far as the org has told them; clients not told yet
    /// come last either way.
    Usage,
}

/// What the list shows: search text and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    pub grant: Option<GrantType>,
    pub state: Option<ClientState>,
}

/// The list's search text per client, lower-cased once when the listing arrives (name, id,
/// description, redirect URIs, scopes), and its names for sorting: a keystroke then costs one
/// `contains` per client and no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    hay: Vec<String>,
    names: Vec<String>,
}

impl Index {
    pub fn new(all: &[OAuthClient]) -> Index {
        let hay = all
            .iter()
            .map(|c| {
                let mut h = String::with_capacity(c.name.len() + c.id.len() + 64);
                for part in [c.name.as_str(), c.id.as_str(), c.description.as_deref().unwrap_or("")]
                    .into_iter()
                    .chain(c.registered_redirect_uri.iter().map(String::as_str))
                    .chain(c.scope.iter().map(String::as_str))
                {
                    h.push_str(&part.to_lowercase());
                    // A separator no typed query holds: a match never spans two fields.
                    h.push('\u{0}');
                }
                h
            })
            .collect();
        Index { hay, names: all.iter().map(|c| c.name.to_lowercase()).collect() }
    }
}

/// A client's state; the org omits it for active clients.
pub fn state_of(c: &OAuthClient) -> ClientState {
    c.state.clone().unwrap_or(ClientState::Active)
}

/// Every client's position in `all`, in the order of `key` (ties by name). Computed when the
/// sort changes, not per keystroke.
pub fn sorted(all: &[OAuthClient], index: &Index, key: SortKey, ascending: bool) -> Vec<usize> {
    sorted_with_usage(all, index, key, ascending, &HashMap::new())
}

/// [`sorted`], with what is known of each client's use (by client id) for [`SortKey::Usage`].
pub fn sorted_with_usage(
    all: &[OAuthClient],
    index: &Index,
    key: SortKey,
    ascending: bool,
    usage: &HashMap<String, Known>,
) -> Vec<usize> {
    let requests = |c: &OAuthClient| usage.get(&c.id).and_then(Known::requests);
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&all[a], &all[b]);
        let o = match key {
            SortKey::Usage => match (requests(ca), requests(cb)) {
                (Some(x), Some(y)) => x.cmp(&y),
                // What is not told yet comes last, whichever the direction.
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortKey::Name => Ordering::Equal,
            SortKey::Grant => ca.authorized_grant_type.label().cmp(&cb.authorized_grant_type.label()),
            SortKey::Id => ca.id.cmp(&cb.id),
            SortKey::State => String::from(state_of(ca)).cmp(&String::from(state_of(cb))),
            SortKey::Created => ca.date_created.cmp(&cb.date_created),
            SortKey::Modified => ca.date_modified.cmp(&cb.date_modified),
        };
        let o = o.then_with(|| index.names[a].cmp(&index.names[b]));
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    order
}

/// The positions of `order` the filter lets through, in that order.
pub fn filtered(all: &[OAuthClient], index: &Index, order: &[usize], f: &Filter) -> Vec<usize> {
    let q = f.query.trim().to_lowercase();
    order
        .iter()
        .copied()
        .filter(|&i| {
            let c = &all[i];
            f.grant.as_ref().is_none_or(|g| *g == c.authorized_grant_type)
                && f.state.as_ref().is_none_or(|s| *s == state_of(c))
                && (q.is_empty() || index.hay[i].contains(&q))
        })
        .collect()
}

/// The clients the filter lets through, sorted.
pub fn visible<'a>(
    all: &'a [OAuthClient],
    f: &Filter,
    key: SortKey,
    ascending: bool,
) -> Vec<&'a OAuthClient> {
    let index = Index::new(all);
    filtered(all, &index, &sorted(all, &index, key, ascending), f).into_iter().map(|i| &all[i]).collect()
}

/// The list's row height in CSS pixels until a row is measured (the style sheet fixes it per
/// screen width; the windowing counts in rows of the measured height).
pub const ROW_PX: f64 = 44.0;

/// The rows to render for a scroll position: those in view, and `overscan` more on each side.
pub fn window(
    scroll_top: f64,
    viewport_px: f64,
    row_px: f64,
    total: usize,
    overscan: usize,
) -> std::ops::Range<usize> {
    let row = if row_px >= 1.0 { row_px } else { ROW_PX };
    let first = (scroll_top.max(0.0) / row).floor() as usize;
    let shown = (viewport_px.max(0.0) / row).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + shown + overscan).min(total);
    start..end.max(start)
}

/// How many clients each grant type has (in the form's order, then any other).
pub fn counts(all: &[OAuthClient]) -> Vec<(GrantType, usize)> {
    let mut out: Vec<(GrantType, usize)> = Vec::new();
    for g in GRANTS_OFFERED.iter().chain([GrantType::Password].iter()) {
        out.push((g.clone(), 0));
    }
    for c in all {
        match out.iter_mut().find(|(g, _)| *g == c.authorized_grant_type) {
            Some((_, n)) => *n += 1,
            None => out.push((c.authorized_grant_type.clone(), 1)),
        }
    }
    out.retain(|(_, n)| *n > 0);
    out
}

/// "2026-11-26T10:00:00Z" → "2026-11-26 10:00".
pub fn short_date(iso: Option<&str>) -> String {
    let Some(d) = iso else { return "—".into() };
    let chars: Vec<char> = d.chars().collect();
    if chars.len() >= 16 {
        format!("{} {}", chars[..10].iter().collect::<String>(), chars[11..16].iter().collect::<String>())
    } else {
        d.to_string()
    }
}

/// The date part (`YYYY-MM-DD`) of an ISO date-time from the org: its first ten characters
/// (never a byte slice: the text comes from outside).
pub fn date_part(iso: &str) -> &str {
    iso.char_indices().nth(10).map_or(iso, |(i, _)| &iso[..i])
}

/// A grant type from a select's value (`""` = any).
pub fn grant_from(value: &str) -> Option<GrantType> {
    (!value.is_empty()).then(|| GrantType::from(value.to_string()))
}

/// The state filter's value as a state; `None` for "All" (the empty value).
pub fn state_from(value: &str) -> Option<ClientState> {
    (!value.is_empty()).then(|| ClientState::from(value.to_string()))
}

/// The column of the list's row a badge goes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadgeOf {
    Grant,
    State,
}

/// The badge a client gets in the list, if any, and its column.
pub fn badge(c: &OAuthClient) -> Option<(BadgeOf, String)> {
    let state = |text: String| Some((BadgeOf::State, text));
    match (&c.state, &c.authorized_grant_type) {
        (Some(ClientState::Deleted), _) => state(match c.date_to_delete.as_deref() {
            Some(d) => format!("Deleted — restorable until {}", date_part(d)),
            None => "Deleted — restorable".into(),
        }),
        (Some(ClientState::Inactive), _) => state(match c.date_to_delete.as_deref() {
            Some(d) => format!("Inactive — deleted on {}", date_part(d)),
            None => "Inactive".into(),
        }),
        (Some(ClientState::Disabled), _) => state("Disabled".into()),
        (_, GrantType::Token) => {
            Some((BadgeOf::Grant, format!("Implicit — stops working by {IMPLICIT_SIGN_IN_ENDS_BY}")))
        }
        _ => None,
    }
}

/// What a client's state means, said plainly on its page (`None` for an active client).
pub fn state_note(c: &OAuthClient) -> Option<String> {
    match c.state.as_ref()? {
        ClientState::Active => None,
        ClientState::Disabled => Some(
            "This client is disabled: the tokens it issued no longer work and it gets no new ones. Enable it to let its apps sign in again. If the org or Genesys Cloud support disabled it, the org may refuse; what it says is shown here.".into(),
        ),
        ClientState::Inactive => Some(match c.date_to_delete.as_deref() {
            Some(d) => format!("This client is inactive: it gets no new tokens, and the org deletes it on {}.", date_part(d)),
            None => "This client is inactive: it gets no new tokens, and the org decides when to delete it.".into(),
        }),
        ClientState::Deleted => Some(match c.date_to_delete.as_deref() {
            Some(d) => format!("This client is deleted: Genesys Cloud removes it for good on {}. Until then it can be restored (made active again); its apps need new tokens.", date_part(d)),
            None => "This client is deleted: until Genesys Cloud removes it for good, it can be restored (made active again); its apps need new tokens.".into(),
        }),
        ClientState::Unknown(s) => Some(format!("The org reports this client's state as \u{201c}{s}\u{201d}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_filter_reads_states() {
        assert_eq!(state_from(""), None);
        for (value, state) in [
            ("active", ClientState::Active),
            ("disabled", ClientState::Disabled),
            ("inactive", ClientState::Inactive),
            ("deleted", ClientState::Deleted),
        ] {
            assert_eq!(state_from(value), Some(state), "{value}");
        }
    }

    fn client(id: &str, name: &str, grant: &str, state: &str, created: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "authorizedGrantType": grant, "state": state, "dateCreated": created,
            "registeredRedirectUri": [format!("https://{id}.example.com/cb")], "scope": ["users:readonly"],
            "description": format!("about {name}")
        }))
        .unwrap()
    }

    #[test]
    fn each_state_said_plainly() {
        let with = |state: &str, date: Option<&str>| OAuthClient {
            date_to_delete: date.map(str::to_string),
            ..client("c", "n", "CODE", state, "2026-01-01T00:00:00Z")
        };
        assert_eq!(state_note(&with("active", None)), None);
        assert!(state_note(&with("disabled", None)).unwrap().contains("disabled"));
        assert!(state_note(&with("inactive", Some("2027-01-05T10:00:00Z")))
            .unwrap()
            .contains("on 2027-01-05"));
        assert!(state_note(&with("inactive", None)).unwrap().contains("the org decides"));
        assert!(state_note(&with("deleted", None)).unwrap().starts_with("This client is deleted"));
        assert!(
            state_note(&with("archived", None)).unwrap().contains("\u{201c}archived\u{201d}"),
            "as the org names it"
        );
    }

    fn sample() -> Vec<OAuthClient> {
        vec![
            client("c1", "Beta", "CODE", "active", "2026-01-02T00:00:00Z"),
            client("c2", "alpha", "TOKEN", "inactive", "2026-01-03T00:00:00Z"),
            client("c3", "Gamma", "CLIENT-CREDENTIALS", "disabled", "2026-01-01T00:00:00Z"),
        ]
    }

    fn names(v: Vec<&OAuthClient>) -> Vec<String> {
        v.into_iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn search_covers_every_field() {
        let all = sample();
        for (q, expect) in
            [("ALPHA", "alpha"), ("c3", "Gamma"), ("about beta", "Beta"), ("c2.example", "alpha")]
        {
            let f = Filter { query: q.into(), ..Default::default() };
            assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec![expect], "{q}");
        }
        let f = Filter { query: "users:read".into(), ..Default::default() };
        assert_eq!(visible(&all, &f, SortKey::Name, true).len(), 3);
    }

    #[test]
    fn filters_and_sorting() {
        let all = sample();
        let f = Filter { grant: Some(GrantType::Token), ..Default::default() };
        assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec!["alpha"]);
        let f = Filter { state: Some(ClientState::Disabled), ..Default::default() };
        assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec!["Gamma"]);
        let none = Filter::default();
        assert_eq!(names(visible(&all, &none, SortKey::Name, true)), vec!["alpha", "Beta", "Gamma"]);
        assert_eq!(names(visible(&all, &none, SortKey::Name, false)), vec!["Gamma", "Beta", "alpha"]);
        assert_eq!(names(visible(&all, &none, SortKey::Created, true)), vec!["Gamma", "Beta", "alpha"]);
        assert_eq!(names(visible(&all, &none, SortKey::Grant, true)), vec!["Gamma", "Beta", "alpha"]);
    }

    #[test]
    fn by_usage_what_is_told_first_either_way() {
        let mut all = sample();
        all.push(client("c4", "Delta", "CODE", "active", "2026-01-04T00:00:00Z"));
        let index = Index::new(&all);
        let usage: HashMap<String, Known> = [
            ("c1", Known::Used { requests: 40, last: None }),
            ("c2", Known::Unused),
            ("c3", Known::Asking),
            ("c4", Known::Used { requests: 7, last: None }),
        ]
        .into_iter()
        .map(|(id, k)| (id.to_string(), k))
        .collect();
        let by = |asc| {
            sorted_with_usage(&all, &index, SortKey::Usage, asc, &usage)
                .into_iter()
                .map(|i| all[i].name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(by(true), vec!["alpha", "Delta", "Beta", "Gamma"]);
        assert_eq!(by(false), vec!["Beta", "Delta", "alpha", "Gamma"]);
        // Nothing told: the names' order.
        assert_eq!(
            names(visible(&all, &Filter::default(), SortKey::Usage, true)),
            vec!["alpha", "Beta", "Delta", "Gamma"]
        );
    }

    #[test]
    fn a_match_never_spans_two_fields() {
        let all = sample();
        // "beta" ends the name, "c1" starts the id: the two never join.
        let f = Filter { query: "betac1".into(), ..Default::default() };
        assert!(visible(&all, &f, SortKey::Name, true).is_empty());
        let f = Filter { query: "  BETA ".into(), ..Default::default() };
        assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec!["Beta"]);
    }

    #[test]
    fn the_window_holds_the_rows_in_view_and_the_overscan() {
        let row = ROW_PX;
        let w = |top: f64, view: f64, total: usize| window(top, view, row, total, 5);
        assert_eq!(w(0.0, 10.0 * row, 10_000), 0..16);
        assert_eq!(w(100.0 * row, 10.0 * row, 10_000), 95..116);
        assert_eq!(w(100.5 * row, 10.0 * row, 10_000), 95..116);
        assert_eq!(w(9_995.0 * row, 10.0 * row, 10_000), 9_990..10_000);
        assert_eq!(w(1e9, 600.0, 30), 30..30, "scrolled past a list that shrank");
        assert_eq!(w(-50.0, 600.0, 3), 0..3);
        assert_eq!(w(0.0, 0.0, 0), 0..0);
        // Taller rows (a narrow screen): fewer of them in view; an unmeasured row counts as ROW_PX.
        assert_eq!(window(640.0, 640.0, 64.0, 10_000, 0), 10..21);
        assert_eq!(window(0.0, 10.0 * row, 0.0, 10_000, 0), 0..11);
    }

    #[test]
    fn sorting_once_then_filtering_keeps_the_order() {
        let all = sample();
        let index = Index::new(&all);
        let order = sorted(&all, &index, SortKey::Name, false);
        let f = Filter { query: "a".into(), ..Default::default() };
        let shown: Vec<&str> =
            filtered(&all, &index, &order, &f).into_iter().map(|i| all[i].name.as_str()).collect();
        assert_eq!(shown, vec!["Gamma", "Beta", "alpha"]);
    }

    #[test]
    fn counts_per_grant() {
        let mut all = sample();
        all.push(client("c4", "Delta", "CODE", "active", ""));
        let c = counts(&all);
        assert_eq!(c[0], (GrantType::ClientCredentials, 1));
        assert_eq!(c[1], (GrantType::Code, 2));
        assert_eq!(c[2], (GrantType::Token, 1));
        assert_eq!(c.len(), 3);
        assert_eq!(short_date(Some("2026-11-26T10:05:00Z")), "2026-11-26 10:05");
    }

    #[test]
    fn words_and_badges() {
        use crate::platform::dates::words;
        assert_eq!(words(64_800), "18 h");
        assert_eq!(words(86_400), "1 d");
        assert_eq!(words(108_000), "1 d 6 h");
        assert_eq!(words(38_880_000), "450 d");
        assert_eq!(words(300), "5 min");
        assert_eq!(words(90), "1 min 30 s");
        let mut c: OAuthClient =
            serde_json::from_str(r#"{"id":"x","name":"n","authorizedGrantType":"TOKEN","state":"active"}"#)
                .unwrap();
        let (of, text) = badge(&c).unwrap();
        assert!(text.contains("March 2027") && of == BadgeOf::Grant, "{text}");
        c.state = Some(ClientState::Inactive);
        c.date_to_delete = Some("2026-12-06T00:00:00Z".into());
        assert_eq!(badge(&c), Some((BadgeOf::State, "Inactive — deleted on 2026-12-06".into())));
        c.state = Some(ClientState::Disabled);
        assert_eq!(
            badge(&c),
            Some((BadgeOf::State, "Disabled".into())),
            "a disabled implicit client: its state first"
        );
    }

    #[test]
    fn dates_from_the_org_are_cut_by_characters() {
        assert_eq!(date_part("2026-12-06T00:00:00Z"), "2026-12-06");
        assert_eq!(date_part("é"), "é");
        assert_eq!(date_part("ééééééééééé"), "éééééééééé");
        assert_eq!(short_date(Some("ééééééééééééééééé")), "éééééééééé ééééé");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_from_the_org_is_shown_without_a_panic(d in "\\PC{0,30}", state in "\\PC{0,10}") {
            let _ = short_date(Some(&d));
            let _ = date_part(&d);
            let c: OAuthClient = serde_json::from_value(serde_json::json!({
                "id": "x", "name": "n", "authorizedGrantType": "CODE", "state": state, "dateToDelete": d
            })).unwrap();
            let _ = badge(&c);
            let _ = badge(&OAuthClient { state: Some(ClientState::Inactive), ..c });
        }
    }
}
