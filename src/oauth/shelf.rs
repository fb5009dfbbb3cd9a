//! The sessions kept beside the shown one: an admin signed in to several environments (a
//! production and a test org, two regions) switches between them in one tab without signing in
//! again, while their tokens are valid. Pure: the app keeps the shelf in its context and in this
//! tab's sessionStorage, as it keeps the shown session.

use super::session::{Phase, Session};

/// At most this many sessions wait on the shelf; signing in to one more lets the oldest go.
pub const MAX_PARKED: usize = 8;

impl Session {
    /// Where this session is: its environment and org (two orgs of one region are two places).
    /// A session of the same place replaces it.
    pub fn place(&self) -> String {
        let who =
            self.org.as_ref().and_then(|o| o.id.clone()).unwrap_or_else(|| format!("user:{}", self.user.id));
        format!("{}|{who}", self.env.key())
    }

    /// Did this session sign in with the client `client_id`? (Stopping that client ends it.)
    pub fn signed_in_with(&self, client_id: &str) -> bool {
        self.client_id == client_id
    }

    /// The org and environment in one line: "Acme · us-east-1 · mypurecloud.com".
    pub fn place_label(&self) -> String {
        format!("{} · {}", self.org_label(), self.env.label())
    }
}

/// Puts `s` on the shelf, newest first, in place of a session of the same place. The oldest
/// beyond [`MAX_PARKED`] are let go and returned (their tokens are to be revoked).
pub fn park(shelf: &mut Vec<Session>, s: Session) -> Vec<Session> {
    let place = s.place();
    let mut gone: Vec<Session> = take_all(shelf, |p| p.place() == place);
    shelf.insert(0, s);
    if shelf.len() > MAX_PARKED {
        gone.extend(shelf.drain(MAX_PARKED..));
    }
    gone
}

/// Takes the session of `place` off the shelf.
pub fn take(shelf: &mut Vec<Session>, place: &str) -> Option<Session> {
    let i = shelf.iter().position(|s| s.place() == place)?;
    Some(shelf.remove(i))
}

/// Takes off the shelf every session whose token has expired at `now_ms`.
pub fn prune(shelf: &mut Vec<Session>, now_ms: u64) -> Vec<Session> {
    take_all(shelf, |s| s.phase(now_ms) == Phase::Expired)
}

fn take_all(shelf: &mut Vec<Session>, pred: impl Fn(&Session) -> bool) -> Vec<Session> {
    let (out, keep): (Vec<Session>, Vec<Session>) = std::mem::take(shelf).into_iter().partition(|s| pred(s));
    *shelf = keep;
    out
}

/// The shelf after a sign-in completed with `new`: the session shown until then waits on the
/// shelf (unless it is of the same place, which `new` replaces, or has expired), and a shelved
/// session of `new`'s place goes. Returns the sessions let go.
pub fn after_sign_in(
    shelf: &mut Vec<Session>,
    shown: Option<Session>,
    new: &Session,
    now_ms: u64,
) -> Vec<Session> {
    let mut gone = take_all(shelf, |s| s.place() == new.place());
    match shown {
        Some(s) if s.place() != new.place() && s.phase(now_ms) != Phase::Expired => {
            gone.extend(park(shelf, s))
        }
        Some(s) => gone.push(s),
        None => {}
    }
    gone
}

/// Where the app goes when it switches to another session from `path`: a page of one client
/// (which the other org does not have) goes to the list; any other page stays.
pub fn path_after_switch(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("/clients/")?;
    (!rest.is_empty() && rest != "new" && rest != "import").then_some("/clients")
}

/// Where a switch from `from` (the in-app path now) lands: `to` when given, else the same page
/// (a client's page goes to the list); always a path of this app, so an address bar holding
/// `//evil.example/x` cannot send it off the site.
pub fn switch_destination(from: &str, to: Option<&str>) -> String {
    let to = to.unwrap_or_else(|| path_after_switch(from).unwrap_or(from));
    super::flow::return_path(Some(to)).unwrap_or_else(|| "/".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::Environment;
    use crate::testing::session;

    fn tokens(shelf: &[Session]) -> Vec<&str> {
        shelf.iter().map(|s| s.token.expose()).collect()
    }

    fn region(name: &str) -> Environment {
        Environment::region(name).unwrap()
    }

    #[test]
    fn a_place_is_environment_and_org() {
        let a = session(region("us-east-1"), "prod", "t1", 10);
        let b = session(region("us-east-1"), "test", "t2", 10);
        let c = session(region("eu-west-1"), "prod", "t3", 10);
        assert_ne!(a.place(), b.place(), "two orgs of one region");
        assert_ne!(a.place(), c.place(), "one org id in two regions");
        assert_eq!(a.place(), session(region("us-east-1"), "prod", "t9", 99).place());
        let mut no_org = a.clone();
        no_org.org = None;
        assert_eq!(no_org.place(), "region:us-east-1|user:u1");
        assert_eq!(a.place_label(), "Org prod · us-east-1 · mypurecloud.com");
    }

    #[test]
    fn parking_puts_the_newest_first_and_replaces_its_place() {
        let mut shelf = vec![];
        assert!(park(&mut shelf, session(Environment::Sandbox, "a", "t1", 10)).is_empty());
        assert!(park(&mut shelf, session(Environment::Sandbox, "b", "t2", 10)).is_empty());
        assert_eq!(tokens(&shelf), ["t2", "t1"]);
        let gone = park(&mut shelf, session(Environment::Sandbox, "a", "t3", 10));
        assert_eq!(tokens(&gone), ["t1"], "the same place's older token goes");
        assert_eq!(tokens(&shelf), ["t3", "t2"]);
        for i in 0..MAX_PARKED {
            park(&mut shelf, session(Environment::Sandbox, &format!("n{i}"), &format!("n{i}"), 10));
        }
        assert_eq!(shelf.len(), MAX_PARKED);
        assert_eq!(tokens(&shelf)[0], format!("n{}", MAX_PARKED - 1));
        assert!(!tokens(&shelf).contains(&"t2") && !tokens(&shelf).contains(&"t3"), "the oldest went");
    }

    #[test]
    fn taking_and_pruning() {
        let mut shelf = vec![
            session(Environment::Sandbox, "a", "t1", 5_000),
            session(Environment::Sandbox, "b", "t2", 50_000),
        ];
        let b = shelf[1].place();
        assert_eq!(take(&mut shelf, "nowhere"), None);
        let gone = prune(&mut shelf, 5_000);
        assert_eq!(tokens(&gone), ["t1"]);
        assert_eq!(take(&mut shelf, &b).map(|s| s.token), Some("t2".into()));
        assert!(shelf.is_empty());
    }

    #[test]
    fn a_sign_in_shelves_the_session_shown_until_then() {
        let (prod, test) = (
            session(Environment::Sandbox, "prod", "p1", 10_000),
            session(Environment::Sandbox, "test", "t1", 10_000),
        );
        let mut shelf = vec![];
        assert!(after_sign_in(&mut shelf, Some(prod.clone()), &test, 1_000).is_empty());
        assert_eq!(tokens(&shelf), ["p1"]);
        // Signing in to prod again (from the shelf's place): the shelved prod token goes, the
        // test session shown until then waits.
        let prod2 = session(Environment::Sandbox, "prod", "p2", 10_000);
        let gone = after_sign_in(&mut shelf, Some(test.clone()), &prod2, 1_000);
        assert_eq!((tokens(&gone), tokens(&shelf)), (vec!["p1"], vec!["t1"]));
        // The same place signed in again replaces the shown session.
        let mut shelf = vec![];
        let gone = after_sign_in(&mut shelf, Some(prod.clone()), &prod2, 1_000);
        assert_eq!((tokens(&gone), shelf.len()), (vec!["p1"], 0));
        // An expired session shown is not shelved.
        let gone = after_sign_in(&mut shelf, Some(prod), &test, 10_000);
        assert_eq!((tokens(&gone), shelf.len()), (vec!["p1"], 0));
    }

    #[test]
    fn a_switch_leaves_a_client_page_for_the_list() {
        assert_eq!(path_after_switch("/clients/abc"), Some("/clients"));
        assert_eq!(path_after_switch("/clients/abc/edit"), Some("/clients"));
        for stays in
            ["/", "/clients", "/clients/", "/clients/new", "/clients/import", "/tester", "/authorizations"]
        {
            assert_eq!(path_after_switch(stays), None, "{stays}");
        }
    }

    #[test]
    fn a_switch_never_leaves_the_site() {
        assert_eq!(switch_destination("/clients/abc", None), "/clients");
        assert_eq!(switch_destination("/tester", None), "/tester");
        assert_eq!(switch_destination("/tester", Some("/clients/import")), "/clients/import");
        for away in ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example"] {
            assert_eq!(switch_destination(away, None), "/", "{away}");
            assert_eq!(switch_destination("/", Some(away)), "/", "{away}");
        }
    }
}
