//! The migration page's writes and reads as flows: recording a test in the org, a client's
//! recent use before it is retired, and the retirement itself.

use super::actions::{run_step, Step};
use super::api::Api;
use super::dates::date_of_ms;
use super::draft::request_of;
use super::error::ApiError;
use super::migration::with_tested;
use super::model::{ClientState, OAuthClient};
use super::usage::{query, Known};
use super::Clock;

/// How long a retired implicit client stays inactive before the org deletes it.
pub const RETIRE_AFTER_DAYS: u64 = 30;
/// The window of use a retirement looks at.
pub const RECENT_DAYS: u32 = 7;

/// The deletion date a retirement sets: [`RETIRE_AFTER_DAYS`] from `now_ms`, as the org writes
/// dates.
pub fn retire_date(now_ms: u64) -> String {
    format!("{}T00:00:00.000Z", date_of_ms(now_ms + RETIRE_AFTER_DAYS * 86_400_000))
}

/// Records in the org that replacement `id` signed in with PKCE on `day`: the client read afresh
/// (a PUT replaces every field) and sent back with the tested line in its description.
pub async fn record_tested(api: &Api, id: &str, day: &str) -> Result<OAuthClient, ApiError> {
    let fresh = api.get_client(id).await?;
    let mut req = request_of(&fresh);
    req.description = Some(with_tested(fresh.description.as_deref().unwrap_or_default(), day));
    api.update_client(id, &req).await
}

/// A client's use over the last [`RECENT_DAYS`] days.
pub async fn recent_use(api: &Api, id: &str, clock: Clock) -> Known {
    Known::of(&query(api, id, RECENT_DAYS, clock, |_| {}).await)
}

/// Retires implicit client `id`: inactive, deleted by the org on `date_to_delete`.
pub async fn retire(api: &Api, id: &str, date_to_delete: String, clock: Clock) -> Result<(), ApiError> {
    run_step(api, id, &Step::SetState(ClientState::Inactive, Some(date_to_delete)), clock).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::dates::iso_ms;

    #[test]
    fn a_retired_client_goes_in_thirty_days() {
        let now = iso_ms("2026-12-03T15:00:00Z").unwrap();
        assert_eq!(retire_date(now), "2027-01-02T00:00:00.000Z");
        assert!(iso_ms(&retire_date(now)).is_some(), "written as the org reads it");
    }
}
