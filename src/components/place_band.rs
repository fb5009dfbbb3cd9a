//! The band under the header that says, in the place's own colour, which org and environment
//! every page of this tab acts on; its colour can be changed, and is kept for the place.

use crate::app::identity::{colour_of, keep, COLOURS};
use crate::app::use_session;
use crate::oauth::session::Session;
use leptos::prelude::*;

#[component]
pub fn PlaceBand(
    /// The place's key, its org's name and its environment's.
    session: (String, String, String),
) -> impl IntoView {
    let ctx = use_session();
    let (place, org, env) = session;
    let others: Vec<String> = ctx.shelf().iter().map(Session::place).collect();
    let colour = RwSignal::new(colour_of(&place, &others));
    let pick = move |ev: leptos::ev::Event| {
        if let Some(c) = keep(&place, &event_target_value(&ev)) {
            colour.set(c);
        }
    };
    view! {
        <div class="place-band" id="place-band" data-colour=move || colour.get()>
            <span class="place-name">
                <strong id="band-org">{org}</strong>
                <span id="band-env">{env}</span>
            </span>
            <label class="band-colour">
                "Colour"
                <select id="band-colour" on:change=pick>
                    {COLOURS.into_iter().map(|c| view! { <option value=c selected=move || colour.get() == c>{c}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
}
