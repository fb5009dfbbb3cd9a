//! A client's end, as the vendor's admin page describes it: Delete removes a client created within
//! the last 30 days for good; an older one is deactivated for seven days (the org reports its
//! state as `deleted`, with the date it goes) and can be restored, made active again, until then.
//! An inactive client with a deletion date is restored the same way.

use super::dates::{date_of_ms, iso_ms};
use super::listing::date_part;
use super::model::{ClientState, OAuthClient};

/// A client younger than this is removed for good by a delete.
pub const YOUNG_DAYS: u64 = 30;
/// How long an older client can be restored after a delete.
pub const GRACE_DAYS: u64 = 7;
const DAY_MS: u64 = 86_400_000;

/// What a delete will do to a client, by its age.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// Created within the last 30 days: gone at once, for good.
    RemovedForGood,
    /// Older: deactivated, restorable until `until` (a date), then removed.
    Grace { until: String },
    /// The org did not say when it was created.
    Unsure,
}

pub fn delete_outcome(c: &OAuthClient, now_ms: u64) -> DeleteOutcome {
    match c.date_created.as_deref().and_then(iso_ms) {
        Some(created) if now_ms.saturating_sub(created) < YOUNG_DAYS * DAY_MS => {
            DeleteOutcome::RemovedForGood
        }
        Some(_) => DeleteOutcome::Grace { until: date_of_ms(now_ms + GRACE_DAYS * DAY_MS) },
        None => DeleteOutcome::Unsure,
    }
}

/// What the delete confirmation says will happen.
pub fn delete_message(c: &OAuthClient, now_ms: u64) -> String {
    let what = match delete_outcome(c, now_ms) {
        DeleteOutcome::RemovedForGood => {
            "It was created less than 30 days ago, so Genesys Cloud removes it for good: it cannot be restored.".to_string()
        }
        DeleteOutcome::Grace { until } => format!(
            "It was created more than 30 days ago, so Genesys Cloud deactivates it for seven days and removes it for good on {until}; until then it can be restored."
        ),
        DeleteOutcome::Unsure => "Genesys Cloud removes a client created within the last 30 days for good; an older one is deactivated for seven days and can be restored until then.".to_string(),
    };
    let first =
        if c.state == Some(ClientState::Inactive) { "" } else { " It is made inactive first, then deleted." };
    format!(
        "{what} Other organizations that authorized this client lose access, and apps that use its credentials stop working.{first}"
    )
}

/// A client that can still be restored: the day the org removes it, when it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grace {
    pub removed_on: Option<String>,
}

pub fn grace(c: &OAuthClient) -> Option<Grace> {
    let removed_on = c.date_to_delete.as_deref().map(|d| date_part(d).to_string());
    match c.state.as_ref()? {
        ClientState::Deleted => Some(Grace { removed_on }),
        ClientState::Inactive if removed_on.is_some() => Some(Grace { removed_on }),
        _ => None,
    }
}

/// What the list says after a delete, from the client as the org reports it then (`None`: gone).
pub fn after_delete(name: &str, now: Option<&OAuthClient>) -> String {
    match now.and_then(grace) {
        Some(Grace { removed_on: Some(day) }) => format!(
            "Deleted \u{201c}{name}\u{201d}: Genesys Cloud removes it for good on {day}. Until then it can be restored."
        ),
        Some(Grace { removed_on: None }) => {
            format!("Deleted \u{201c}{name}\u{201d}: it can be restored until Genesys Cloud removes it.")
        }
        None => format!("Deleted \u{201c}{name}\u{201d}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-27T10:00:00.000Z";

    fn base() -> OAuthClient {
        serde_json::from_str(r#"{"id": "c1", "name": "ETL", "authorizedGrantType": "CLIENT-CREDENTIALS"}"#)
            .unwrap()
    }

    fn created(days_ago: u64) -> OAuthClient {
        let now = iso_ms(NOW).unwrap();
        let at = now - days_ago * DAY_MS;
        let iso = format!("{}T10:00:00.000Z", date_of_ms(at));
        OAuthClient { date_created: Some(iso), state: Some(ClientState::Active), ..base() }
    }

    #[test]
    fn delete_outcome_by_age() {
        let now = iso_ms(NOW).unwrap();
        assert_eq!(delete_outcome(&created(0), now), DeleteOutcome::RemovedForGood);
        assert_eq!(delete_outcome(&created(29), now), DeleteOutcome::RemovedForGood);
        let grace = DeleteOutcome::Grace { until: "2026-12-04".into() };
        assert_eq!(
            delete_outcome(&created(30), now),
            grace,
            "30 days old is no longer within the last 30 days"
        );
        assert_eq!(delete_outcome(&created(400), now), grace);
        let unknown = OAuthClient { date_created: Some("yesterday".into()), ..created(1) };
        assert_eq!(delete_outcome(&unknown, now), DeleteOutcome::Unsure);
        assert_eq!(
            delete_outcome(&OAuthClient { date_created: None, ..created(1) }, now),
            DeleteOutcome::Unsure
        );
    }

    #[test]
    fn the_confirmation_says_which_and_what_else_stops() {
        let now = iso_ms(NOW).unwrap();
        let young = delete_message(&created(3), now);
        assert!(young.contains("for good: it cannot be restored"), "{young}");
        let old = delete_message(&created(90), now);
        assert!(old.contains("removes it for good on 2026-12-04; until then it can be restored"), "{old}");
        for m in [&young, &old, &delete_message(&base(), now)] {
            assert!(m.contains("Other organizations that authorized this client lose access"), "{m}");
            assert!(m.contains("apps that use its credentials stop working"), "{m}");
        }
        assert!(old.ends_with("made inactive first, then deleted."));
        let inactive = OAuthClient { state: Some(ClientState::Inactive), ..created(90) };
        assert!(!delete_message(&inactive, now).contains("made inactive first"));
    }

    #[test]
    fn grace_period_and_what_the_list_says() {
        let deleted = OAuthClient {
            state: Some(ClientState::Deleted),
            date_to_delete: Some("2026-12-04T10:00:00.000Z".into()),
            ..created(90)
        };
        assert_eq!(grace(&deleted), Some(Grace { removed_on: Some("2026-12-04".into()) }));
        let inactive_dated = OAuthClient { state: Some(ClientState::Inactive), ..deleted.clone() };
        assert!(grace(&inactive_dated).is_some());
        let inactive =
            OAuthClient { state: Some(ClientState::Inactive), date_to_delete: None, ..created(90) };
        assert_eq!(grace(&inactive), None, "an inactive client without a date is not in a grace period");
        assert_eq!(grace(&created(90)), None);
        assert_eq!(
            grace(&OAuthClient { date_to_delete: None, ..deleted.clone() }),
            Some(Grace { removed_on: None })
        );
        assert_eq!(after_delete("ETL", None), "Deleted \u{201c}ETL\u{201d}.");
        assert!(after_delete("ETL", Some(&deleted)).contains("removes it for good on 2026-12-04"));
    }
}
