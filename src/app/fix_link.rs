//! The login doctor's "add this redirect URI" link, bound to this tab. A link that edits a
//! client's draft must not work for whoever can get the admin to open it: the link carries only
//! a one-time value that the doctor stored in this tab for that client and that URI, and the
//! editor asks the admin before the URI enters the draft.

use crate::browser::storage::Key;
use crate::platform::draft::Draft;
use crate::platform::redirects::with_redirect_uri;
use crate::platform::rules;
use serde::{Deserialize, Serialize};

/// The query parameter of the client editor that carries the one-time value.
pub const PARAM: &str = "fix";

/// A doctor's offer to add `uri` to the client `client_id`, redeemable once with `ticket`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixTicket {
    pub ticket: String,
    pub client_id: String,
    pub uri: String,
}

/// One offer at a time: the newest replaces the one before (it goes with the tab's runs).
const TICKET: Key<FixTicket> = Key::tab(&crate::browser::storage::TESTER_FIX);

impl FixTicket {
    /// An offer with a one-time value made from 32 random bytes.
    pub fn new(client_id: &str, uri: &str, random: &[u8; 32]) -> FixTicket {
        FixTicket {
            ticket: crate::oauth::pending::state_from_bytes(random),
            client_id: client_id.to_string(),
            uri: uri.to_string(),
        }
    }

    /// The URI this offer adds, when `offered` is its value and `client_id` its client.
    pub fn redeem(stored: Option<&FixTicket>, offered: &str, client_id: &str) -> Option<String> {
        stored
            .filter(|t| !offered.is_empty() && t.ticket == offered && t.client_id == client_id)
            .map(|t| t.uri.clone())
    }
}

/// Stores a new offer in this tab and gives the editor's path that redeems it.
pub fn issue(client_id: &str, uri: &str) -> String {
    let t = FixTicket::new(client_id, uri, &crate::browser::random32());
    TICKET.save(&t);
    let query = form_urlencoded::Serializer::new(String::new()).append_pair(PARAM, &t.ticket).finish();
    format!("/clients/{}/edit?{query}", crate::platform::api::path_segment(client_id))
}

/// The URI of the offer `offered` for `client_id`, when this tab holds it (it stays until
/// [`spend`]: the form may be drawn again before the admin decides).
pub fn peek(offered: &str, client_id: &str) -> Option<String> {
    FixTicket::redeem(TICKET.load().as_ref(), offered, client_id)
}

/// The admin decided (added, or not now): the offer cannot be used again.
pub fn spend(offered: &str) {
    if TICKET.load().is_some_and(|t| t.ticket == offered) {
        TICKET.remove();
    }
}

/// The admin accepted the offer `offered` to add `uri`: the offer is spent, and the draft's
/// redirect URI lines with it added, or why nothing was added.
pub fn accept(offered: &str, draft: &Draft, uri: &str) -> Result<String, &'static str> {
    spend(offered);
    added(draft, uri)
}

/// The draft's redirect URI lines with `uri` added, when its grant takes redirect URIs and the
/// URI is not there yet.
fn added(draft: &Draft, uri: &str) -> Result<String, &'static str> {
    rules::uses_redirect_uris(&draft.grant)
        .then(|| with_redirect_uri(&draft.redirect_uris, uri))
        .flatten()
        .ok_or("Nothing was added: it is registered already, or this client's grant takes no redirect URIs.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_is_for_its_value_and_its_client_only() {
        let t = FixTicket::new("c1", "https://app.example/cb", &[7; 32]);
        assert!(t.ticket.len() >= 43, "256 random bits");
        assert_eq!(FixTicket::redeem(Some(&t), &t.ticket, "c1").as_deref(), Some("https://app.example/cb"));
        assert_eq!(FixTicket::redeem(Some(&t), &t.ticket, "c2"), None, "another client");
        assert_eq!(FixTicket::redeem(Some(&t), "guess", "c1"), None, "another value");
        assert_eq!(FixTicket::redeem(Some(&t), "", "c1"), None);
        assert_eq!(FixTicket::redeem(None, &t.ticket, "c1"), None, "nothing stored in this tab");
        assert_ne!(t.ticket, FixTicket::new("c1", "https://app.example/cb", &[8; 32]).ticket);
    }

    #[test]
    fn an_accepted_offer_adds_its_uri_once_and_only_where_uris_belong() {
        use crate::platform::model::GrantType;
        let code =
            Draft { grant: GrantType::Code, redirect_uris: "https://a.example/x".into(), ..Draft::default() };
        assert_eq!(
            added(&code, "https://a.example/cb").as_deref(),
            Ok("https://a.example/x\nhttps://a.example/cb")
        );
        assert!(added(&code, "https://a.example/x").is_err(), "there already");
        let cc = Draft { grant: GrantType::ClientCredentials, ..Draft::default() };
        assert!(added(&cc, "https://a.example/cb").is_err(), "no redirect URIs for this grant");
    }
}
