//! The environments signed in to in this tab, in the header: the one shown, the others to
//! switch to without signing in again, and a way to sign in to one more or out of all.

use crate::app::use_session;
use crate::browser::address::app_href;
use crate::components::countdown::Countdown;
use crate::oauth::session::Session;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Why Switch is not offered now, if it is not.
fn why_not(ctx: crate::app::SessionCtx) -> Option<&'static str> {
    (!ctx.can_switch()).then_some("Wait until the batch or the sign-in running here has finished.")
}

/// One shelved session: where, the token's time left, Switch and Sign out.
#[component]
fn Shelved(s: Session) -> impl IntoView {
    let ctx = use_session();
    let (place, label) = (s.place(), s.place_label());
    let expires = Signal::stored(Some(s.expires_at_ms));
    let (p1, p2) = (place.clone(), place);
    view! {
        <li class="shelved">
            <span class="place"><strong>{s.org_label()}</strong><span class="muted">{s.env.label()}</span></span>
            <span class="muted">"token " <Countdown expires_at_ms=expires /></span>
            <span class="row">
                <button type="button" class="primary" aria-label=format!("Switch to {label}")
                    disabled=move || !ctx.can_switch() title=move || why_not(ctx).unwrap_or_default()
                    on:click=move |_| { ctx.switch_and_go(&p1, None); }>"Switch"</button>
                <button type="button" aria-label=format!("Sign out of {label}")
                    disabled=move || !ctx.can_switch()
                    on:click=move |_| ctx.sign_out_shelved(&p2)>"Sign out"</button>
            </span>
        </li>
    }
}

/// The header's menu of environments (shown while anyone is signed in, here or on the shelf).
/// Escape, a click elsewhere or focus leaving it closes it.
#[component]
pub fn EnvSwitch() -> impl IntoView {
    let ctx = use_session();
    let open = RwSignal::new(false);
    let menu = NodeRef::<leptos::html::Details>::new();
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(menu.get_untracked())
            .is_some_and(|(t, m)| m.contains(Some(&t)));
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let count = move || ctx.shelf_len() + usize::from(ctx.is_signed_in());
    let visible = move || count() > 0;
    view! {
        <Show when=visible>
            <details class="envswitch" node_ref=menu prop:open=move || open.get()
                on:toggle=move |ev| {
                    let d: Option<web_sys::Element> = ev.target().and_then(|t| t.dyn_into().ok());
                    open.set(d.is_some_and(|d| d.has_attribute("open")));
                }
                on:focusout=move |ev: leptos::ev::FocusEvent| {
                    // Focus moved on to something outside the menu (Tab past its end, say).
                    let to: Option<web_sys::Node> = ev.related_target().and_then(|t| t.dyn_into().ok());
                    if to.zip(menu.get_untracked()).is_some_and(|(t, m)| !m.contains(Some(&t))) {
                        open.set(false);
                    }
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
                                <span class="place"><strong>{s.org_label()}</strong><span class="muted">{s.env.label()}</span></span>
                                <span class="muted">"shown now"</span>
                            </li>
                        })}
                        <For each=move || ctx.shelf() key=|s| (s.place(), s.expires_at_ms) let:s>
                            <Shelved s=s />
                        </For>
                    </ul>
                    <p class="row">
                        <a href=app_href("/sign-in") on:click=move |_| open.set(false)>"Sign in to another environment"</a>
                        <Show when=move || { count() > 1 && ctx.is_signed_in() }>
                            <button type="button" disabled=move || !ctx.can_switch() on:click=move |_| ctx.sign_out_all()>
                                "Sign out of all"
                            </button>
                        </Show>
                    </p>
                    {move || why_not(ctx).filter(|_| ctx.shelf_len() > 0).map(|w| view! { <p class="hint">{w}</p> })}
                </div>
            </details>
        </Show>
    }
}
