//! The environments signed in to in this tab, in the header: the one shown, the others to
//! switch to without signing in again, and a way to sign in to one more.

use crate::app::use_session;
use crate::browser::address::{self, app_href};
use crate::components::countdown::Countdown;
use crate::oauth::session::Session;
use crate::oauth::shelf;
use leptos::prelude::*;

/// Shows the session of `place` (the one shown until now goes on the shelf): the page `to` is
/// loaded afresh with it, else this one (or the list, from a page of one client, which the
/// other org does not have).
pub fn switch(place: &str, to: Option<&str>) {
    let ctx = use_session();
    let from = address::current_path();
    let to = match to {
        Some(to) => to.to_string(),
        None => shelf::path_after_switch(&from).map_or(from, str::to_string),
    };
    if ctx.switch_to(place, "Now in {}. Nothing was signed out.") {
        address::go_to(&app_href(&to));
    }
}

/// One shelved session: where, the token's time left, Switch and Sign out.
#[component]
fn Shelved(s: Session, on_done: Callback<()>) -> impl IntoView {
    let ctx = use_session();
    let (place, label, env) = (s.place(), s.org_label(), s.env.label());
    let expires = Signal::stored(Some(s.expires_at_ms));
    let (p1, p2) = (place.clone(), place);
    view! {
        <li class="shelved">
            <span class="place"><strong>{label.clone()}</strong> <span class="muted">{env}</span></span>
            <span class="muted">"token " <Countdown expires_at_ms=expires /></span>
            <span class="row">
                <button type="button" class="primary" aria-label=format!("Switch to {label}")
                    on:click=move |_| { on_done.run(()); switch(&p1, None); }>"Switch"</button>
                <button type="button" aria-label=format!("Sign out of {label}")
                    on:click=move |_| ctx.sign_out_shelved(&p2)>"Sign out"</button>
            </span>
        </li>
    }
}

/// The header's menu of environments (shown while anyone is signed in, here or on the shelf).
#[component]
pub fn EnvSwitch() -> impl IntoView {
    let ctx = use_session();
    let open = RwSignal::new(false);
    let close = Callback::new(move |_| open.set(false));
    let visible = move || ctx.is_signed_in() || !ctx.shelf().is_empty();
    let count = move || ctx.shelf().len() + usize::from(ctx.is_signed_in());
    view! {
        <Show when=visible>
            <details class="envswitch" prop:open=move || open.get()
                on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    let d: Option<web_sys::Element> = ev.target().and_then(|t| t.dyn_into().ok());
                    open.set(d.is_some_and(|d| d.has_attribute("open")));
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" && open.get_untracked() {
                        open.set(false);
                        crate::browser::focus("env-switch");
                    }
                }>
                <summary id="env-switch">{move || format!("Environments ({})", count())}</summary>
                <div class="envswitch-menu">
                    <ul class="plain">
                        {move || ctx.session().map(|s| view! {
                            <li class="shown" aria-current="true">
                                <span class="place"><strong>{s.org_label()}</strong> <span class="muted">{s.env.label()}</span></span>
                                <span class="muted">"shown now"</span>
                            </li>
                        })}
                        <For each=move || ctx.shelf() key=|s| (s.place(), s.expires_at_ms) let:s>
                            <Shelved s=s on_done=close />
                        </For>
                    </ul>
                    <a href=app_href("/sign-in") on:click=move |_| open.set(false)>"Sign in to another environment"</a>
                </div>
            </details>
        </Show>
    }
}
