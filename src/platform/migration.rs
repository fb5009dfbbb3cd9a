//! Moving an org's implicit clients to Authorization Code + PKCE before implicit sign-in stops.
//! Where each client stands is read from the org itself, so every admin of the org sees the
//! same progress: a replacement names the implicit client it replaces in a line of its
//! description ([`MARK`]), and says when it was tested ([`TESTED`]). The lines are read anywhere
//! in the description, in any case and spacing, so they survive an edit in the vendor's own
//! admin page (which may join lines or trim them).

use super::actions::Step;
use super::bulk::Job;
use super::dates::iso_ms;
use super::links::{cut, mark_at, tested_at, with_name};
pub use super::links::{mark_line, replaces, tested_on, with_tested, MARK, TESTED};
use super::model::{ClientState, GrantType, OAuthClient, OAuthClientRequest};
use super::pace::Status;
use super::rules::{lint_redirect_uri, DURATION_DEFAULT};

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
    /// The implicit client is on its way out: inactive (deleted at its date), deleted or gone.
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
    /// Not started, but a Code Authorization client with no link has its replacement's name and
    /// redirect URIs (its link taken out by hand, perhaps).
    pub lookalike: Option<OAuthClient>,
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

/// The Code Authorization client that replaces an implicit one: its redirect URIs, scopes and
/// token duration, named after it, with the line that links the two in its description.
pub fn replacement(old: &OAuthClient) -> OAuthClientRequest {
    // The old description, without any link or test line of its own (they would speak for the
    // new client).
    let kept = cut(old.description.as_deref().unwrap_or_default(), |t| {
        mark_at(t).map(|(span, _)| with_name(t, span)).or_else(|| tested_at(t).map(|(span, _)| span))
    });
    let description = if kept.is_empty() { mark_line(old) } else { format!("{kept}\n{}", mark_line(old)) };
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

/// A client that can sign anyone in (a replacement to work with).
fn active(c: &OAuthClient) -> bool {
    matches!(c.state, None | Some(ClientState::Active))
}

/// An implicit client on its way out: inactive (deleted at its date) or deleted. A disabled one
/// may be enabled again: it still needs its replacement.
fn retired(c: &OAuthClient) -> bool {
    matches!(c.state, Some(ClientState::Inactive | ClientState::Deleted))
}

/// Every implicit client of the org and where it stands, in the org's order; then the retired
/// ones the org no longer lists, known from their replacements. Deleted implicit clients with no
/// replacement are left out (nothing is left to move).
pub fn inventory(clients: &[OAuthClient]) -> Vec<Move> {
    // Replacements: Code Authorization clients that are not deleted and name an implicit client.
    let candidates: Vec<(String, &OAuthClient)> = clients
        .iter()
        .filter(|c| c.authorized_grant_type == GrantType::Code && c.state != Some(ClientState::Deleted))
        .filter_map(|c| Some((replaces(c.description.as_deref()?)?.to_ascii_lowercase(), c)))
        .collect();
    let known = |id: &str| clients.iter().find(|c| c.id.eq_ignore_ascii_case(id));
    let mut ids: Vec<String> = clients.iter().filter(|c| is_implicit(c)).map(|c| c.id.clone()).collect();
    for (old, _) in &candidates {
        if known(old).is_none() && !ids.contains(old) {
            ids.push(old.clone());
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let old = known(&id).cloned();
            let mut theirs: Vec<OAuthClient> = candidates
                .iter()
                .filter(|(o, _)| o.eq_ignore_ascii_case(&id))
                .map(|(_, c)| (*c).clone())
                .collect();
            if old.as_ref().is_some_and(|c| c.state == Some(ClientState::Deleted)) && theirs.is_empty() {
                return None;
            }
            // The one to work with: an active one, tested first, then the oldest. The others
            // (inactive or disabled ones too) are shown beside it.
            theirs.sort_by_key(|c| {
                let tested = c.description.as_deref().and_then(tested_on).is_some();
                (!active(c), !tested, c.date_created.as_deref().and_then(iso_ms).unwrap_or(u64::MAX))
            });
            let new = theirs.first().filter(|c| active(c)).is_some().then(|| theirs.remove(0));
            let tested_on =
                new.as_ref().and_then(|c| tested_on(c.description.as_deref()?)).map(str::to_string);
            let stage = match (&old, &new, &tested_on) {
                (Some(o), _, _) if retired(o) => Stage::Retired,
                (None, _, _) => Stage::Retired,
                (_, Some(_), Some(_)) => Stage::Tested,
                (_, Some(_), None) => Stage::Created,
                (_, None, _) => Stage::NotStarted,
            };
            let lookalike = match (&old, stage) {
                (Some(o), Stage::NotStarted) => lookalike(clients, &replacement(o)).cloned(),
                _ => None,
            };
            Some(Move { old_id: id, old, new, others: theirs, stage, tested_on, lookalike })
        })
        .collect()
}

/// What the page says of the other clients that name the same implicit client: with a
/// replacement to work with, they are extra; without one, [`held_back`] says why.
pub fn others_note(m: &Move) -> Option<String> {
    (m.new.is_some() && !m.others.is_empty()).then(|| {
        format!("{} more client(s) say they replace it: keep one, delete the others.", m.others.len())
    })
}

/// What the page offers for an implicit client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offers {
    pub create: bool,
    /// Test the replacement in the Login tester.
    pub test: bool,
    /// Record in the org a sign-in this tab's Tester saw.
    pub record: bool,
    /// Retire the implicit client (its replacement works).
    pub retire: bool,
    /// Its replacement cannot be tried in the Login tester: no redirect URI it can come back to.
    pub untestable: bool,
}

/// The redirect URI a test of the replacement comes back to: the app's first that the Login
/// tester can use (https, or http on loopback).
pub fn test_redirect(m: &Move) -> Option<&str> {
    m.redirect_uris().iter().map(String::as_str).find(|u| lint_redirect_uri(u).is_none())
}

/// What is offered for `m`, given whether this tab's Tester last signed in with its replacement
/// (`None`: no run of it here).
pub fn offers(m: &Move, signed_in_here: Option<bool>) -> Offers {
    let live = matches!(m.stage, Stage::Created | Stage::Tested) && m.new.is_some();
    Offers {
        create: m.stage == Stage::NotStarted && m.old.is_some() && held_back(m).is_none(),
        test: live && test_redirect(m).is_some(),
        untestable: live && test_redirect(m).is_none(),
        record: m.stage == Stage::Created && live && signed_in_here == Some(true),
        retire: live && m.old.is_some(),
    }
}

/// How many clients stand at each stage, in [`Stage::ALL`]'s order.
pub fn counts(moves: &[Move]) -> [usize; 4] {
    Stage::ALL.map(|s| moves.iter().filter(|m| m.stage == s).count())
}

/// A Code Authorization client that names no implicit client but has `req`'s name and redirect
/// URIs.
fn lookalike<'c>(clients: &'c [OAuthClient], req: &OAuthClientRequest) -> Option<&'c OAuthClient> {
    clients.iter().find(|c| {
        c.authorized_grant_type == GrantType::Code
            && c.state != Some(ClientState::Deleted)
            && c.description.as_deref().and_then(replaces).is_none()
            && c.name == req.name
            && c.registered_redirect_uri == req.registered_redirect_uri
    })
}

/// Why a client not started gets no replacement made for it now, if it does not: one that
/// cannot sign in says it replaces it, or one that looks like its replacement does not say so.
pub fn held_back(m: &Move) -> Option<String> {
    if m.stage != Stage::NotStarted {
        return None;
    }
    if let Some(c) = m.others.first() {
        let state = c.state.clone().map_or_else(|| "not active".to_string(), String::from);
        return Some(format!(
            "its PKCE client \u{201c}{}\u{201d} ({}) is {state}: make it active, or delete it, first",
            c.name, c.id
        ));
    }
    m.lookalike.as_ref().map(|c| {
        format!(
            "\u{201c}{}\u{201d} ({}) looks like its replacement but does not say so: add \u{201c}{MARK} {}\u{201d} to its description",
            c.name, c.id, m.old_id
        )
    })
}

/// A batch that creates the replacements of the `chosen` implicit clients, planned on the org's
/// list (`clients`) as read just now: the name, the job and the starting status of each. One
/// that has its replacement already, is retired or gone, or is held back ([`held_back`]) is
/// skipped, saying why: nothing is made twice.
pub fn create_batch(clients: &[OAuthClient], chosen: &[String]) -> Vec<(String, Job, Status)> {
    let moves = inventory(clients);
    chosen
        .iter()
        .map(|id| {
            let m = moves.iter().find(|m| m.old_id.eq_ignore_ascii_case(id));
            let skip = |why: String| Status::Skipped(why);
            let (name, step, status) = match m {
                None => (id.clone(), None, skip("no longer an implicit client of the org".into())),
                Some(m) => match (&m.old, m.stage, held_back(m)) {
                    (Some(_), Stage::NotStarted, Some(why)) => (m.name(), None, skip(why)),
                    (Some(old), Stage::NotStarted, None) => {
                        (m.name(), Some(Step::Create(Box::new(replacement(old)))), Status::Queued)
                    }
                    (_, Stage::Retired, _) => (m.name(), None, skip("retired already".into())),
                    _ => (
                        m.name(),
                        None,
                        skip(format!("has its PKCE client already ({})", m.new_id().unwrap_or_default())),
                    ),
                },
            };
            (name, Job::new(id.clone(), step.into_iter().collect::<std::collections::VecDeque<_>>()), status)
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
    use crate::testing::{oauth_client, uuid};

    /// The id of test client `n` (a UUID, as the org writes ids).
    fn id(n: u32) -> String {
        uuid(n)
    }

    fn client(n: u32, grant: GrantType, description: &str) -> OAuthClient {
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
            ..oauth_client(&id(n), &format!("App {n}"), grant)
        }
    }

    /// The org's answer for a created request.
    fn created(n: u32, req: &OAuthClientRequest, on: &str) -> OAuthClient {
        OAuthClient {
            description: req.description.clone(),
            access_token_validity_seconds: Some(req.access_token_validity_seconds),
            registered_redirect_uri: req.registered_redirect_uri.clone(),
            scope: req.scope.clone(),
            state: Some(req.state.clone()),
            date_created: Some(on.into()),
            ..oauth_client(&id(n), &req.name, req.authorized_grant_type.clone())
        }
    }

    fn stages(moves: &[Move]) -> Vec<(String, Stage, Option<String>)> {
        moves.iter().map(|m| (m.old_id.clone(), m.stage, m.new_id().map(str::to_string))).collect()
    }

    #[test]
    fn every_stage_is_read_from_the_org() {
        let a = client(1, GrantType::Token, "Agent desktop");
        let b = client(2, GrantType::Token, "");
        let c = client(3, GrantType::Token, "");
        let d = OAuthClient { state: Some(ClientState::Inactive), ..client(4, GrantType::Token, "") };
        // Disabled for now: it may come back, so it still needs its replacement.
        let f = OAuthClient { state: Some(ClientState::Disabled), ..client(6, GrantType::Token, "") };
        let b2 = created(12, &replacement(&b), "2026-06-01T00:00:00Z");
        let c2 = OAuthClient {
            description: Some(with_tested(&replacement(&c).description.unwrap(), "2026-11-30")),
            ..created(13, &replacement(&c), "2026-06-01T00:00:00Z")
        };
        // A replacement whose implicit client was deleted for good (its id written in capitals).
        let gone = id(5).to_uppercase();
        let e2 = OAuthClient {
            description: Some(format!("{MARK} {gone} (Kiosk).")),
            ..client(15, GrantType::Code, "")
        };
        let other = client(99, GrantType::ClientCredentials, &format!("{MARK} {}", id(1)));
        let moves = inventory(&[a, b, b2, c, c2, d, f, e2, other]);
        assert_eq!(
            stages(&moves),
            vec![
                (id(1), Stage::NotStarted, None),
                (id(2), Stage::Created, Some(id(12))),
                (id(3), Stage::Tested, Some(id(13))),
                (id(4), Stage::Retired, None),
                (id(6), Stage::NotStarted, None),
                (id(5), Stage::Retired, Some(id(15))),
            ],
            "a client-credentials client naming one is no replacement"
        );
        assert_eq!(moves[2].tested_on.as_deref(), Some("2026-11-30"));
        assert_eq!(moves[5].name(), id(5));
        assert_eq!(counts(&moves), [2, 1, 1, 2]);
    }

    #[test]
    fn a_replacement_edited_by_hand_is_still_found() {
        let old = client(1, GrantType::Token, "");
        let edits = [
            // Lines joined and re-cased, as a one-line text box would leave them.
            format!(
                "Desktop app. replaces IMPLICIT client   {} (App). tested with pkce on 2026-12-01.",
                id(1)
            ),
            // Text added on both sides, a colon after the marker.
            format!("Owner: web team\nReplaces implicit client: {}\nTested with PKCE on 2026-12-01", id(1)),
        ];
        for text in edits {
            let new = OAuthClient { description: Some(text.clone()), ..client(2, GrantType::Code, "") };
            let moves = inventory(&[old.clone(), new]);
            assert_eq!(moves[0].stage, Stage::Tested, "{text}");
            assert_eq!(moves[0].tested_on.as_deref(), Some("2026-12-01"));
            // Recording a new test keeps the link, whatever shares its line.
            let again = with_tested(&text, "2026-12-02");
            assert_eq!(replaces(&again), Some(id(1).as_str()), "{again}");
            assert_eq!(tested_on(&again), Some("2026-12-02"));
            assert_eq!(again.matches("2026-12-01").count(), 0, "{again}");
        }
        // Renamed, its redirect URIs changed: still the replacement.
        let renamed = OAuthClient {
            name: "Desktop v2".into(),
            registered_redirect_uri: vec![],
            description: Some(format!("{MARK} {}", old.id)),
            ..client(2, GrantType::Code, "")
        };
        assert_eq!(inventory(&[old.clone(), renamed])[0].new_id(), Some(id(2).as_str()));
        // The id must be a whole id, and the marker whole words.
        for text in [
            format!("{MARK} {}-copy", old.id),
            format!("{MARK} {}x", old.id),
            format!("{MARK} {}_old", old.id),
            format!("{MARK} {}é", old.id),
            format!("{MARK} {}", &old.id[..35]),
            format!("Replaces implicit clients: {}", old.id),
            format!("Replaces implicit client for the kiosk {}", old.id),
            format!("XReplaces implicit client {}", old.id),
            "Replaces the desktop app".to_string(),
        ] {
            let new = OAuthClient { description: Some(text.clone()), ..client(2, GrantType::Code, "") };
            let moves = inventory(&[old.clone(), new]);
            assert_eq!(stages(&moves), vec![(id(1), Stage::NotStarted, None)], "{text}");
        }
    }

    #[test]
    fn two_candidates_the_active_tested_then_the_oldest() {
        let old = client(1, GrantType::Token, "");
        let req = replacement(&old);
        let young = created(2, &req, "2026-09-01T00:00:00Z");
        let older = created(3, &req, "2026-08-01T00:00:00Z");
        let moves = inventory(&[old.clone(), young.clone(), older.clone()]);
        assert_eq!(moves[0].new_id(), Some(id(3).as_str()));
        assert_eq!(moves[0].others.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), [id(2)]);
        assert_eq!(
            others_note(&moves[0]).as_deref(),
            Some("1 more client(s) say they replace it: keep one, delete the others.")
        );
        let tested = OAuthClient {
            description: Some(with_tested(young.description.as_deref().unwrap(), "2026-10-01")),
            ..young
        };
        let moves = inventory(&[old.clone(), older.clone(), tested.clone()]);
        assert_eq!((moves[0].new_id(), moves[0].stage), (Some(id(2).as_str()), Stage::Tested));
        // One that cannot sign in is not worked with, only shown.
        let off = OAuthClient { state: Some(ClientState::Disabled), ..tested };
        let moves = inventory(&[old.clone(), off.clone()]);
        assert_eq!((moves[0].stage, moves[0].others.len()), (Stage::NotStarted, 1));
        // …and nothing more is made for it until that one is active again, or gone.
        assert_eq!(
            held_back(&moves[0]).as_deref(),
            Some(format!("its PKCE client \u{201c}App 1 (PKCE)\u{201d} ({}) is disabled: make it active, or delete it, first", id(2)).as_str())
        );
        assert!(!offers(&moves[0], None).create);
        assert_eq!(others_note(&moves[0]), None, "held back says it");
        assert_eq!(
            create_batch(&[old.clone(), off.clone()], &[id(1)])[0].2,
            Status::Skipped(held_back(&moves[0]).unwrap())
        );
        let moves = inventory(&[old.clone(), off, older.clone()]);
        assert_eq!((moves[0].new_id(), moves[0].stage), (Some(id(3).as_str()), Stage::Created));
        // A deleted candidate does not count; a deleted implicit client with none is left out.
        let gone = OAuthClient { state: Some(ClientState::Deleted), ..older };
        assert_eq!(inventory(&[old.clone(), gone])[0].stage, Stage::NotStarted);
        let deleted = OAuthClient { state: Some(ClientState::Deleted), ..old };
        assert_eq!(inventory(&[deleted]), vec![]);
    }

    #[test]
    fn the_replacement_keeps_every_field_it_should() {
        let old = client(1, GrantType::Token, "  Agent desktop  ");
        let req = replacement(&old);
        assert_eq!(req.name, "App 1 (PKCE)");
        assert_eq!(req.authorized_grant_type, GrantType::Code);
        assert_eq!(
            req.description.as_deref(),
            Some(format!("Agent desktop\nReplaces implicit client {} (App 1).", id(1)).as_str())
        );
        // Round trip: the org's client read back as a request keeps what the old one had.
        let back = request_of(&created(2, &req, "2026-12-01T00:00:00Z"));
        assert_eq!(back, req);
        assert_eq!(back.registered_redirect_uri, old.registered_redirect_uri);
        assert_eq!(back.scope, old.scope);
        assert_eq!(back.access_token_validity_seconds, 64_800);
        assert_eq!(replaces(back.description.as_deref().unwrap()), Some(id(1).as_str()));
        // The old description's own link and test lines are not copied: they would speak for
        // the new client.
        let relinked = OAuthClient {
            description: Some(format!(
                "Desk\r\n{MARK} {} (Older).\r\nTested with PKCE on 2026-01-01.",
                id(7)
            )),
            ..old.clone()
        };
        let req = replacement(&relinked);
        assert_eq!(req.description, Some(format!("Desk\n{MARK} {} (App 1).", id(1))));
        assert_eq!(replaces(req.description.as_deref().unwrap()), Some(id(1).as_str()));
        // No description, no duration: the line alone, the default duration.
        let bare = OAuthClient { description: None, access_token_validity_seconds: None, ..old };
        let req = replacement(&bare);
        assert_eq!(req.description, Some(format!("Replaces implicit client {} (App 1).", id(1))));
        assert_eq!(req.access_token_validity_seconds, DURATION_DEFAULT);
    }

    #[test]
    fn the_tested_line_is_set_once() {
        let link = format!("Replaces implicit client {}.", id(1));
        let once = with_tested(&format!("Agent desktop\n{link}"), "2026-11-01");
        let twice = with_tested(&once, "2026-12-02");
        assert_eq!(twice, format!("Agent desktop\n{link}\nTested with PKCE on 2026-12-02."));
        // A tested line in the middle goes with its line break.
        let middle = format!("Tested with PKCE on 2026-11-01.\n{link}");
        assert_eq!(with_tested(&middle, "2026-12-02"), format!("{link}\nTested with PKCE on 2026-12-02."));
        assert_eq!(with_tested("", "2026-12-02"), "Tested with PKCE on 2026-12-02.");
        // Windows line breaks and trailing spaces leave no blank line; a joined line no stray space.
        let crlf = format!("Desk\r\nTested with PKCE on 2026-11-01.  \r\n{link}");
        assert_eq!(
            with_tested(&crlf, "2026-12-02"),
            format!("Desk\r\n{link}\nTested with PKCE on 2026-12-02.")
        );
        assert_eq!(
            with_tested(&format!("Tested with PKCE on 2026-11-01. {link}"), "2026-12-02"),
            format!("{link}\nTested with PKCE on 2026-12-02.")
        );
        assert_eq!(tested_on("Tested with PKCE on 2026-1"), None);
        assert_eq!(tested_on("Tested with PKCE on 2026-12-0x"), None);
    }

    #[test]
    fn a_batch_creates_only_what_is_missing() {
        let a = client(1, GrantType::Token, "");
        let b = client(2, GrantType::Token, "");
        let d = OAuthClient { state: Some(ClientState::Inactive), ..client(4, GrantType::Token, "") };
        let b2 = created(12, &replacement(&b), "2026-06-01T00:00:00Z");
        // Its link taken out of the description by hand: found by its name and redirect URIs.
        let e = client(5, GrantType::Token, "");
        let e2 = OAuthClient {
            description: Some("Kiosk".into()),
            ..created(15, &replacement(&e), "2026-06-01T00:00:00Z")
        };
        // Two implicit clients alike: the first one's linked replacement is not the second's.
        let twin = OAuthClient { id: id(6), ..b.clone() };
        let chosen = [id(1), id(2), id(4), id(5), id(9)];
        let batch = create_batch(&[a.clone(), b.clone(), b2.clone(), d, e, e2], &chosen);
        let twins = create_batch(&[b, b2, twin], &[id(6)]);
        assert_eq!(twins[0].2, Status::Queued, "{twins:?}");
        let got: Vec<(&str, &str, usize, &Status)> =
            batch.iter().map(|(n, j, s)| (n.as_str(), j.client_id.as_str(), j.steps.len(), s)).collect();
        let skipped = |why: String| Status::Skipped(why);
        assert_eq!(
            got,
            vec![
                ("App 1", id(1).as_str(), 1, &Status::Queued),
                ("App 2", id(2).as_str(), 0, &skipped(format!("has its PKCE client already ({})", id(12)))),
                ("App 4", id(4).as_str(), 0, &skipped("retired already".into())),
                ("App 5", id(5).as_str(), 0, &skipped(format!(
                    "\u{201c}App 5 (PKCE)\u{201d} ({}) looks like its replacement but does not say so: add \u{201c}{MARK} {}\u{201d} to its description",
                    id(15), id(5)
                ))),
                (id(9).as_str(), id(9).as_str(), 0, &skipped("no longer an implicit client of the org".into())),
            ]
        );
        assert_eq!(batch[0].1.steps[0], Step::Create(Box::new(replacement(&a))));
    }

    #[test]
    fn each_stage_offers_its_next_step() {
        let (a, b, c) = (
            client(1, GrantType::Token, ""),
            client(2, GrantType::Token, ""),
            client(3, GrantType::Token, ""),
        );
        let b2 = created(12, &replacement(&b), "2026-06-01T00:00:00Z");
        let c2 = OAuthClient {
            description: Some(with_tested(&replacement(&c).description.unwrap(), "2026-11-30")),
            ..created(13, &replacement(&c), "2026-06-01T00:00:00Z")
        };
        let d = OAuthClient { state: Some(ClientState::Inactive), ..client(4, GrantType::Token, "") };
        let moves = inventory(&[a, b, b2, c, c2, d]);
        let o = |create, test, record, retire| Offers { create, test, record, retire, untestable: false };
        assert_eq!(offers(&moves[0], None), o(true, false, false, false), "not started");
        assert_eq!(offers(&moves[1], None), o(false, true, false, true), "created");
        assert_eq!(offers(&moves[1], Some(true)), o(false, true, true, true), "created, signed in here");
        assert_eq!(offers(&moves[1], Some(false)), o(false, true, false, true), "created, failed here");
        assert_eq!(offers(&moves[2], Some(true)), o(false, true, false, true), "tested: nothing to record");
        assert_eq!(offers(&moves[3], Some(true)), Offers::default(), "retired");
        // Only plain-http redirect URIs: the Tester cannot come back there.
        let http = OAuthClient {
            registered_redirect_uri: vec!["http://partner.example.com/cb".into()],
            ..client(5, GrantType::Token, "")
        };
        let http2 = created(15, &replacement(&http), "2026-06-01T00:00:00Z");
        let moves = inventory(&[http, http2]);
        assert_eq!(
            offers(&moves[0], None),
            Offers { test: false, untestable: true, ..o(false, false, false, true) }
        );
        assert_eq!(test_redirect(&moves[0]), None);
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

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Descriptions made of what matters to the reader: the marker's words in any case, ids,
    /// days, line breaks, punctuation and characters of several bytes.
    fn description() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Replaces".to_string()),
            Just("replaces".to_string()),
            Just("IMPLICIT".to_string()),
            Just("implicit".to_string()),
            Just("client".to_string()),
            Just("clients".to_string()),
            Just("Tested with PKCE on".to_string()),
            Just(MARK.to_string()),
            Just(":".to_string()),
            Just(".".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("é".to_string()),
            Just("日本".to_string()),
            Just("🚀".to_string()),
            Just("2026-12-01".to_string()),
            Just(crate::testing::uuid(3)),
            "[a-z]{1,5}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any description is read without a panic, and a link written into it is found again,
        /// after a test is recorded too; a recorded test leaves one tested line.
        #[test]
        fn any_description_is_read_and_keeps_a_link(text in description(), day in "20[0-9]{2}-[01][0-9]-[0-3][0-9]") {
            let _ = (replaces(&text), tested_on(&text));
            let id = crate::testing::uuid(7);
            let linked = format!("{text}\n{MARK} {id} (App).");
            let tested = with_tested(&linked, &day);
            prop_assert_eq!(tested_on(&tested), Some(day.as_str()));
            let body = &tested[..tested.rfind('\n').unwrap_or(0)];
            prop_assert_eq!(tested_on(body), None, "one tested line: {}", tested);
            // (Unless the text holds a link of its own, or one that its test lines interrupt.)
            if replaces(&with_tested(&text, &day)).is_none() {
                prop_assert_eq!(replaces(&tested), Some(id.as_str()));
            }
            // A replacement of a client described so names that client, whatever the text held.
            let old = OAuthClient { description: Some(text.clone()), ..crate::testing::oauth_client(&id, "App", GrantType::Token) };
            let req = replacement(&old);
            prop_assert_eq!(replaces(req.description.as_deref().unwrap()), Some(id.as_str()));
            prop_assert_eq!(tested_on(req.description.as_deref().unwrap()), None);
        }
    }
}
