//! What an error boundary shows.

use crate::app::remote::Fault;
use crate::app::Notice;
use crate::components::NoticeBox;
use leptos::error::Errors;
use leptos::prelude::*;

/// What an error boundary shows: each failure as a notice (a failure that ended the session
/// shows nothing: the sign-in screen says why).
#[component]
pub fn Failed(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .filter_map(|(_, e)| match e.downcast_ref::<Fault>() {
                Some(f) => f.notice(),
                None => Some(Notice::error("Something went wrong", Some(e.to_string()))),
            })
            .map(|n| view! { <NoticeBox notice=n /> })
            .collect_view()
    }
}
