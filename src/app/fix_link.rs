//! The login doctor's "add this redirect URI" link, bound to this tab. A link that edits a
//! client's draft must not work for whoever can get the admin to open it: the link carries only
//! a one-time value that the doctor stored in this tab for that client and that URI, and the
//! editor asks the admin before the URI enters the draft.

use crate::browser::storage::Key;
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
const TICKET: Key<FixTicket> = Key::tab("tester-fix");

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
}
