//! Moving an org's implicit clients to Authorization Code + PKCE before implicit sign-in stops.
//! Where each client stands is read from the org itself, so every admin of the org sees the
//! same progress: a replacement names the implicit client it replaces in a line of its
//! description ([`MARK`]), and says when it was tested ([`TESTED`]). The lines are read anywhere
//! in the description, in any case and spacing, so they survive an edit in the vendor's own
//! admin page (which may join lines or trim them).

use super::actions::Step;
use super::bulk::Job;
use super::dates::iso_ms;
use super::model::{ClientState, GrantType, OAuthClient, OAuthClientRequest};
use super::pace::Status;
use super::rules::DURATION_DEFAULT;

/// The line of a replacement's description that names the implicit client it replaces.
pub const MARK: &str = "Replaces implicit client";
/// The line that says when the replacement was tested with PKCE (a date, `YYYY-MM-DD`).
pub const TESTED: &str = "Tested with PKCE on";
/// What a replacement's name adds to the implicit client's.
pub const NAME_SUFFIX: &str = " (PKCE)";

/// How far an implicit client has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    NotStarted,
    /// Its Code Authorization replacement exists.
    Created,
    /// The replacement was tested with PKCE.
    Tested,
    /// The implicit client no longer signs anyone in (inactive, disabled, deleted or gone).
    Retired,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::NotStarted, Stage::Created, Stage::Tested, Stage::Retired];

    pub fn label(self) -> &'static str {
        match self {
            Stage::NotStarted => "Not started",
            Stage::Created => "PKCE client created",
            Stage::Tested => "Tested",
            Stage::Retired => "Old one retired",
        }
    }

    /// The name used in the report and in element ids.
    pub fn key(self) -> &'static str {
        match self {
            Stage::NotStarted => "not-started",
            Stage::Created => "created",
            Stage::Tested => "tested",
            Stage::Retired => "retired",
        }
    }
}

/// One implicit client of the org and its replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The implicit client's id (it may be gone from the org once retired).
    pub old_id: String,
    /// The implicit client as the org lists it (`None`: deleted, known from its replacement).
    pub old: Option<OAuthClient>,
    /// The replacement this page works with.
    pub new: Option<OAuthClient>,
    /// Other clients that also say they replace it (made twice, by hand or by another tool).
    pub others: Vec<OAuthClient>,
    pub stage: Stage,
    /// When the replacement was tested (`YYYY-MM-DD`).
    pub tested_on: Option<String>,
}

impl Move {
    /// The implicit client's name, or its id when it is gone.
    pub fn name(&self) -> String {
        self.old.as_ref().map_or_else(|| self.old_id.clone(), |c| c.name.clone())
    }

    /// The redirect URIs the app signs in with (the old client's, else its replacement's).
    pub fn redirect_uris(&self) -> &[String] {
        self.old.as_ref().or(self.new.as_ref()).map_or(&[], |c| &c.registered_redirect_uri)
    }

    pub fn new_id(&self) -> Option<&str> {
        self.new.as_ref().map(|c| c.id.as_str())
    }
}

/// The text that follows `marker` in `text` (any case, any spacing around), up to where `stop`
/// says it ends.
fn after<'t>(text: &'t str, marker: &str, stop: impl Fn(char) -> bool) -> Option<&'t str> {
    let words: Vec<&str> = marker.split(' ').collect();
    let lower = text.to_ascii_lowercase();
    let first = words[0].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&first) {
        let start = from + at;
        from = start + first.len();
        let mut rest = &text[from..];
        let whole = words[1..].iter().all(|w| {
            let trimmed = rest.trim_start();
            let matched = trimmed.len() > w.len()
                && trimmed.is_char_boundary(w.len())
                && trimmed[..w.len()].eq_ignore_ascii_case(w)
                && trimmed.len() < rest.len();
            if matched {
                rest = &trimmed[w.len()..];
            }
            matched
        });
        let value = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let end = value.find(|c: char| stop(c)).unwrap_or(value.len());
        if whole && end > 0 {
            return Some(&value[..end]);
        }
    }
    None
}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The implicit client a description says it replaces.
pub fn replaces(description: &str) -> Option<&str> {
    after(description, MARK, |c| !id_char(c))
}

/// The day a description says its client was tested with PKCE.
pub fn tested_on(description: &str) -> Option<&str> {
    after(description, TESTED, |c| !(c.is_ascii_digit() || c == '-')).filter(|d| d.len() == 10)
}

/// The line that links a replacement to `old`.
pub fn mark_line(old: &OAuthClient) -> String {
    format!("{MARK} {} ({}).", old.id, old.name)
}

/// A description with the tested line set to `day` (an earlier tested line is replaced).
pub fn with_tested(description: &str, day: &str) -> String {
    let kept: Vec<&str> = description.lines().filter(|l| tested_on(l).is_none()).collect();
    let mut text = kept.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!("{TESTED} {day}."));
    text
}

/// The Code Authorization client that replaces an implicit one: its redirect URIs, scopes and
/// token duration, named after it, with the line that links the two in its description.
pub fn replacement(old: &OAuthClient) -> OAuthClientRequest {
    let description = match old.description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => format!("{d}\n{}", mark_line(old)),
        _ => mark_line(old),
    };
    OAuthClientRequest {
        name: format!("{}{NAME_SUFFIX}", old.name),
        access_token_validity_seconds: old.access_token_validity_seconds.unwrap_or(DURATION_DEFAULT),
        description: Some(description),
        registered_redirect_uri: old.registered_redirect_uri.clone(),
        role_ids: Vec::new(),
        authorized_grant_type: GrantType::Code,
        scope: old.scope.clone(),
        role_divisions: Vec::new(),
        state: ClientState::Active,
        date_to_delete: None,
    }
}

fn is_implicit(c: &OAuthClient) -> bool {
    c.authorized_grant_type == GrantType::Token
}

fn signs_in(c: &OAuthClient) -> bool {
    matches!(c.state, None | Some(ClientState::Active))
}

/// Every implicit client of the org and where it stands, in the org's order; then the retired
/// ones the org no longer lists, known from their replacements. Deleted implicit clients with no
/// replacement are left out (nothing is left to move).
pub fn inventory(clients: &[OAuthClient]) -> Vec<Move> {
    // Replacements: Code Authorization clients that are not deleted and name an implicit client.
    let candidates: Vec<(&str, &OAuthClient)> = clients
        .iter()
        .filter(|c| c.authorized_grant_type == GrantType::Code && c.state != Some(ClientState::Deleted))
        .filter_map(|c| Some((replaces(c.description.as_deref()?)?, c)))
        .collect();
    let mut ids: Vec<&str> = clients.iter().filter(|c| is_implicit(c)).map(|c| c.id.as_str()).collect();
    for (old, _) in &candidates {
        if !ids.contains(old) && !clients.iter().any(|c| c.id == *old) {
            ids.push(old);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let old = clients.iter().find(|c| c.id == id).cloned();
            let mut theirs: Vec<OAuthClient> =
                candidates.iter().filter(|(o, _)| *o == id).map(|(_, c)| (*c).clone()).collect();
            if old.as_ref().is_some_and(|c| c.state == Some(ClientState::Deleted)) && theirs.is_empty() {
                return None;
            }
            // The one to work with: a tested one first, then the oldest.
            theirs.sort_by_key(|c| {
                let tested = c.description.as_deref().and_then(tested_on).is_some();
                (!tested, c.date_created.as_deref().and_then(iso_ms).unwrap_or(u64::MAX))
            });
            let new = (!theirs.is_empty()).then(|| theirs.remove(0));
            let tested_on =
                new.as_ref().and_then(|c| tested_on(c.description.as_deref()?)).map(str::to_string);
            let stage = match (&old, &new, &tested_on) {
                (Some(o), _, _) if !signs_in(o) => Stage::Retired,
                (None, _, _) => Stage::Retired,
                (_, Some(_), Some(_)) => Stage::Tested,
                (_, Some(_), None) => Stage::Created,
                (_, None, _) => Stage::NotStarted,
            };
            Some(Move { old_id: id.to_string(), old, new, others: theirs, stage, tested_on })
        })
        .collect()
}

/// How many clients stand at each stage, in [`Stage::ALL`]'s order.
pub fn counts(moves: &[Move]) -> [usize; 4] {
    Stage::ALL.map(|s| moves.iter().filter(|m| m.stage == s).count())
}

/// A batch that creates the replacements of the `chosen` implicit clients, planned on the org's
/// list as read just now: the name, the job and the starting status of each. One that has its
/// replacement already, or is retired or gone, is skipped, saying why: nothing is made twice.
pub fn create_batch(moves: &[Move], chosen: &[String]) -> Vec<(String, Job, Status)> {
    chosen
        .iter()
        .map(|id| {
            let m = moves.iter().find(|m| &m.old_id == id);
            let skip = |why: &str| Status::Skipped(why.into());
            let (name, step, status) = match m {
                None => (id.clone(), None, skip("no longer an implicit client of the org")),
                Some(m) => match (&m.old, m.stage) {
                    (Some(old), Stage::NotStarted) => {
                        (m.name(), Some(Step::Create(Box::new(replacement(old)))), Status::Queued)
                    }
                    (_, Stage::Retired) => (m.name(), None, skip("retired already")),
                    _ => (
                        m.name(),
                        None,
                        skip(&format!("has its PKCE client already ({})", m.new_id().unwrap_or_default())),
                    ),
                },
            };
            (name, Job { client_id: id.clone(), steps: step.into_iter().collect() }, status)
        })
        .collect()
}

/// Whole days from `now_ms` until implicit sign-in stops (0 once it has).
pub fn days_left(now_ms: u64) -> u64 {
    let end = iso_ms(super::rules::IMPLICIT_SIGN_IN_ENDS_ON).unwrap_or(0);
    end.saturating_sub(now_ms).div_ceil(86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::draft::request_of;
    use crate::testing::oauth_client;

    fn client(id: &str, grant: GrantType, description: &str) -> OAuthClient {
        OAuthClient {
            description: Some(description.into()),
            access_token_validity_seconds: Some(64_800),
            registered_redirect_uri: vec![
                "https://app.example.com/cb".into(),
                "http://partner.example.com/".into(),
            ],
            scope: vec!["users".into(), "presence".into()],
            state: Some(ClientState::Active),
            date_created: Some("2026-01-01T00:00:00Z".into()),
            ..oauth_client(id, &format!("App {id}"), grant)
        }
    }

    /// The org's answer for a created request.
    fn created(id: &str, req: &OAuthClientRequest, on: &str) -> OAuthClient {
        OAuthClient {
            description: req.description.clone(),
            access_token_validity_seconds: Some(req.access_token_validity_seconds),
            registered_redirect_uri: req.registered_redirect_uri.clone(),
            scope: req.scope.clone(),
            state: Some(req.state.clone()),
            date_created: Some(on.into()),
            ..oauth_client(id, &req.name, req.authorized_grant_type.clone())
        }
    }

    #[test]
    fn every_stage_is_read_from_the_org() {
        let a = client("a", GrantType::Token, "Agent desktop");
        let b = client("b", GrantType::Token, "");
        let c = client("c", GrantType::Token, "");
        let d = OAuthClient { state: Some(ClientState::Inactive), ..client("d", GrantType::Token, "") };
        let b2 = created("b2", &replacement(&b), "2026-06-01T00:00:00Z");
        let c2 = OAuthClient {
            description: Some(with_tested(&replacement(&c).description.unwrap(), "2026-11-30")),
            ..created("c2", &replacement(&c), "2026-06-01T00:00:00Z")
        };
        // A replacement whose implicit client was deleted for good.
        let e2 = OAuthClient {
            description: Some(format!("{MARK} gone-1 (Kiosk).")),
            ..client("e2", GrantType::Code, "")
        };
        let other = client("x", GrantType::ClientCredentials, &format!("{MARK} a"));
        let moves = inventory(&[a, b, b2, c, c2, d, e2, other]);
        let got: Vec<(&str, Stage, Option<&str>)> =
            moves.iter().map(|m| (m.old_id.as_str(), m.stage, m.new_id())).collect();
        assert_eq!(
            got,
            vec![
                ("a", Stage::NotStarted, None),
                ("b", Stage::Created, Some("b2")),
                ("c", Stage::Tested, Some("c2")),
                ("d", Stage::Retired, None),
                ("gone-1", Stage::Retired, Some("e2")),
            ],
            "a client-credentials client naming one is no replacement"
        );
        assert_eq!(moves[2].tested_on.as_deref(), Some("2026-11-30"));
        assert_eq!(moves[4].name(), "gone-1");
        assert_eq!(counts(&moves), [1, 1, 1, 2]);
    }

    #[test]
    fn a_replacement_edited_by_hand_is_still_found() {
        let old = client("5b0a1c7e-6f1d-4d2e-9a3b-000000000001", GrantType::Token, "");
        let edits = [
            // Lines joined and re-cased, as a one-line text box would leave them.
            "Desktop app. replaces IMPLICIT client   5b0a1c7e-6f1d-4d2e-9a3b-000000000001 (App). tested with pkce on 2026-12-01.",
            // Text added on both sides, a colon after the marker.
            "Owner: web team\nReplaces implicit client: 5b0a1c7e-6f1d-4d2e-9a3b-000000000001\nTested with PKCE on 2026-12-01",
        ];
        for text in edits {
            let new = OAuthClient { description: Some(text.into()), ..client("n", GrantType::Code, "") };
            let moves = inventory(&[old.clone(), new]);
            assert_eq!(moves[0].stage, Stage::Tested, "{text}");
            assert_eq!(moves[0].tested_on.as_deref(), Some("2026-12-01"));
        }
        // Renamed, its redirect URIs changed: still the replacement; the marker's id must match whole.
        let renamed = OAuthClient {
            name: "Desktop v2".into(),
            registered_redirect_uri: vec![],
            description: Some(format!("{MARK} {}", old.id)),
            ..client("n", GrantType::Code, "")
        };
        assert_eq!(inventory(&[old.clone(), renamed])[0].new_id(), Some("n"));
        let longer = OAuthClient {
            description: Some(format!("{MARK} {}-copy", old.id)),
            ..client("n", GrantType::Code, "")
        };
        assert_eq!(inventory(&[old.clone(), longer])[0].stage, Stage::NotStarted);
        // Its marker removed by hand: no longer linked.
        let unlinked = OAuthClient {
            description: Some("Replaces the desktop app".into()),
            ..client("n", GrantType::Code, "")
        };
        assert_eq!(inventory(&[old, unlinked])[0].stage, Stage::NotStarted);
    }

    #[test]
    fn two_candidates_the_tested_then_the_oldest() {
        let old = client("o", GrantType::Token, "");
        let req = replacement(&old);
        let young = created("young", &req, "2026-09-01T00:00:00Z");
        let older = created("older", &req, "2026-08-01T00:00:00Z");
        let moves = inventory(&[old.clone(), young.clone(), older.clone()]);
        assert_eq!(moves[0].new_id(), Some("older"));
        assert_eq!(moves[0].others.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["young"]);
        let tested = OAuthClient {
            description: Some(with_tested(young.description.as_deref().unwrap(), "2026-10-01")),
            ..young
        };
        let moves = inventory(&[old.clone(), older.clone(), tested]);
        assert_eq!((moves[0].new_id(), moves[0].stage), (Some("young"), Stage::Tested));
        // A deleted candidate does not count; a deleted implicit client with none is left out.
        let gone = OAuthClient { state: Some(ClientState::Deleted), ..older };
        assert_eq!(inventory(&[old.clone(), gone])[0].stage, Stage::NotStarted);
        let deleted = OAuthClient { state: Some(ClientState::Deleted), ..old };
        assert_eq!(inventory(&[deleted]), vec![]);
    }

    #[test]
    fn the_replacement_keeps_every_field_it_should() {
        let old = client("o", GrantType::Token, "  Agent desktop  ");
        let req = replacement(&old);
        assert_eq!(req.name, "App o (PKCE)");
        assert_eq!(req.authorized_grant_type, GrantType::Code);
        assert_eq!(req.description.as_deref(), Some("Agent desktop\nReplaces implicit client o (App o)."));
        // Round trip: the org's client read back as a request keeps what the old one had.
        let back = request_of(&created("n", &req, "2026-12-01T00:00:00Z"));
        assert_eq!(back, req);
        assert_eq!(back.registered_redirect_uri, old.registered_redirect_uri);
        assert_eq!(back.scope, old.scope);
        assert_eq!(back.access_token_validity_seconds, 64_800);
        assert_eq!(replaces(back.description.as_deref().unwrap()), Some("o"));
        // No description, no duration: the line alone, the default duration.
        let bare = OAuthClient { description: None, access_token_validity_seconds: None, ..old };
        let req = replacement(&bare);
        assert_eq!(req.description.as_deref(), Some("Replaces implicit client o (App o)."));
        assert_eq!(req.access_token_validity_seconds, DURATION_DEFAULT);
    }

    #[test]
    fn the_tested_line_is_set_once() {
        let once = with_tested("Agent desktop\nReplaces implicit client o.", "2026-11-01");
        let twice = with_tested(&once, "2026-12-02");
        assert_eq!(twice, "Agent desktop\nReplaces implicit client o.\nTested with PKCE on 2026-12-02.");
        assert_eq!(with_tested("", "2026-12-02"), "Tested with PKCE on 2026-12-02.");
        assert_eq!(tested_on("Tested with PKCE on 2026-1"), None);
    }

    #[test]
    fn a_batch_creates_only_what_is_missing() {
        let a = client("a", GrantType::Token, "");
        let b = client("b", GrantType::Token, "");
        let d = OAuthClient { state: Some(ClientState::Disabled), ..client("d", GrantType::Token, "") };
        let b2 = created("b2", &replacement(&b), "2026-06-01T00:00:00Z");
        let moves = inventory(&[a.clone(), b, b2, d]);
        let chosen = ["a", "b", "d", "z"].map(String::from);
        let batch = create_batch(&moves, &chosen);
        let got: Vec<(&str, &str, usize, &Status)> =
            batch.iter().map(|(n, j, s)| (n.as_str(), j.client_id.as_str(), j.steps.len(), s)).collect();
        assert_eq!(
            got,
            vec![
                ("App a", "a", 1, &Status::Queued),
                ("App b", "b", 0, &Status::Skipped("has its PKCE client already (b2)".into())),
                ("App d", "d", 0, &Status::Skipped("retired already".into())),
                ("z", "z", 0, &Status::Skipped("no longer an implicit client of the org".into())),
            ]
        );
        assert_eq!(batch[0].1.steps[0], Step::Create(Box::new(replacement(&a))));
    }

    #[test]
    fn days_until_implicit_sign_in_stops() {
        let end = iso_ms(crate::platform::rules::IMPLICIT_SIGN_IN_ENDS_ON).unwrap();
        assert_eq!(days_left(end), 0);
        assert_eq!(days_left(end + 1), 0);
        assert_eq!(days_left(end - 1), 1);
        assert_eq!(days_left(end - 86_400_000 * 88), 88);
    }
}
