//! The migration page's writes and reads as flows: recording a test in the org, a client's
//! recent use before it is retired, and the retirement itself.

use super::actions::{run_step, Step};
use super::api::Api;
use super::bulk::Job;
use super::dates::{date_of_ms, iso_ms};
use super::draft::request_of;
use super::error::ApiError;
use super::lifecycle::delete_message;
use super::listing::date_part;
use super::migration::create_batch;
use super::migration::with_tested;
use super::model::{ClientState, OAuthClient};
use super::pace::Status;
use super::usage::grouped;
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

/// The batch that creates the replacements of the `chosen` implicit clients, planned on the
/// org's list read now ([`create_batch`]): a replacement made meanwhile, here or by another
/// admin, is found and not made twice.
pub async fn plan_creates(api: &Api, chosen: &[String]) -> Result<Vec<(String, Job, Status)>, ApiError> {
    Ok(create_batch(&api.list_clients().await?, chosen))
}

/// What a confirmation that stops a client says of its use in the last [`RECENT_DAYS`] days.
pub fn recent_use_line(recent: &Known) -> String {
    match recent {
        Known::Used { requests, .. } => format!(
            "It served {} request{} in the last {RECENT_DAYS} days: an app still signs in with it, and will no longer be able to.",
            grouped(*requests),
            if *requests == 1 { "" } else { "s" }
        ),
        Known::Unused => format!("It served no request in the last {RECENT_DAYS} days."),
        Known::Asking => format!("Asking the org for its use in the last {RECENT_DAYS} days\u{2026}"),
        Known::Failed(_) => format!("Its use in the last {RECENT_DAYS} days could not be read."),
    }
}

/// What the retirement's confirmation says, and whether the client's name must be typed (it is
/// still in use, or its use could not be read).
pub fn retire_prompt(old: &OAuthClient, recent: &Known, tested: bool, now_ms: u64) -> (String, bool) {
    let used = recent_use_line(recent);
    let typed = !matches!(recent, Known::Unused);
    let untested = if tested { "" } else { " Its PKCE client has not been tested yet." };
    let date = retire_date(now_ms);
    // What the delete at that date does, worded as the client page words a delete then.
    let at_deletion = OAuthClient { state: Some(ClientState::Inactive), ..old.clone() };
    let deletion = delete_message(&at_deletion, iso_ms(&date).unwrap_or(now_ms));
    let text = format!(
        "{used}{untested} It is made inactive now: it gets no new tokens. On {} Genesys Cloud deletes it. {deletion}",
        date_part(&date)
    );
    (text, typed)
}

/// Records in the org that replacement `id` signed in with PKCE on `day`: the client read afresh
/// (a PUT replaces every field) and sent back with the tested line in its description.
pub async fn record_tested(api: &Api, id: &str, day: &str) -> Result<OAuthClient, ApiError> {
    let fresh = api.get_client(id).await?;
    let mut req = request_of(&fresh);
    req.description = Some(with_tested(fresh.description.as_deref().unwrap_or_default(), day));
    api.update_client(id, &req).await
}

/// A client's use over the last [`RECENT_DAYS`] days (what could not be read, said so); a 401
/// is handed back (the session is over).
pub async fn recent_use(api: &Api, id: &str, clock: Clock) -> Result<Known, ApiError> {
    match query(api, id, RECENT_DAYS, clock, |_| {}).await {
        Err(e) if e.is_unauthorized() => Err(e),
        answer => Ok(Known::of(&answer)),
    }
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
    fn the_retirement_says_what_happens_and_asks_for_the_name_while_in_use() {
        let now = iso_ms("2026-12-03T15:00:00Z").unwrap();
        let mut old =
            crate::testing::oauth_client("c1", "Agent desktop", crate::platform::model::GrantType::Token);
        old.date_created = Some("2024-06-16T10:00:00Z".into());
        let used = Known::Used { requests: 4846, last: Some("2026-12-02".into()) };
        let (text, typed) = retire_prompt(&old, &used, true, now);
        assert!(typed);
        assert!(text.starts_with("It served 4,846 requests in the last 7 days"), "{text}");
        assert!(
            text.contains("On 2027-01-02 Genesys Cloud deletes it. It was created more than 30 days ago"),
            "{text}"
        );
        assert!(!text.contains("made inactive first"), "it is inactive by then: {text}");
        let (text, typed) = retire_prompt(&old, &Known::Unused, false, now);
        assert!(!typed);
        assert!(
            text.contains("no request in the last 7 days. Its PKCE client has not been tested yet."),
            "{text}"
        );
        let (text, _) = retire_prompt(&old, &Known::Used { requests: 1, last: None }, true, now);
        assert!(text.starts_with("It served 1 request in the last 7 days"), "{text}");
        let (_, typed) = retire_prompt(&old, &Known::Failed("429".into()), true, now);
        assert!(typed, "unknown use: the name is typed");
    }

    #[test]
    fn a_retired_client_goes_in_thirty_days() {
        let now = iso_ms("2026-12-03T15:00:00Z").unwrap();
        assert_eq!(retire_date(now), "2027-01-02T00:00:00.000Z");
        assert!(iso_ms(&retire_date(now)).is_some(), "written as the org reads it");
    }
}
