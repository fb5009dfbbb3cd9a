//! The sign-in screen: the session's notices and progress, and the sign-in form.

use crate::app::status::Busy;
use crate::app::use_session;
use crate::browser::address;
use crate::components::sign_in_form::SignInForm;
use crate::components::{NoticeBox, Progress};
use crate::oauth::flow::SignInRequest;
use leptos::prelude::*;

#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = use_session();
    let busy = Signal::derive(move || ctx.busy_label().is_some());
    // Signing in from a deeper page (the session ended there) comes back to it.
    let on_submit = Callback::new(move |mut req: SignInRequest| {
        let here = address::current_path();
        req.return_to = (here != "/" && here != "/sign-in").then_some(here);
        ctx.start_sign_in(req)
    });
    view! {
        <section class="card narrow">
            <h1>"Sign in to Genesys Cloud"</h1>
            <p class="muted">
                "Sign in with an OAuth client of your org to manage its OAuth clients. Nothing leaves this browser except the requests to the environment you choose."
            </p>
            {move || ctx.notice().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.dismiss_notice()) /> })}
            {move || ctx.busy_label().map(|b| view! { <Progress label=b /> })}
            <StillSignedIn />
            <SignInForm on_submit=on_submit busy=busy />
        </section>
    }
}

/// An admin sign-in the login host sent this page back with, while the org is asked about its
/// token: its progress only (the user's name follows, or the sign-in screen with what went wrong).
#[component]
pub fn Landing() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Signing in to Genesys Cloud"</h1>
            <Progress label=Busy::Landing.label() />
        </section>
    }
}

/// `/sign-in`: one more environment, while signed in to another (which stays, to switch back
/// to); the sign-in screen when signed in nowhere.
#[component]
pub fn SignInAnother() -> impl IntoView {
    let ctx = use_session();
    let busy = Signal::derive(move || ctx.busy_label().is_some());
    let on_submit = Callback::new(move |req: SignInRequest| ctx.start_sign_in(req));
    let shown = Memo::new(move |_| ctx.session().map(|s| s.place_label()));
    move || {
        match shown.get() {
        None => view! { <SignIn /> }.into_any(),
        Some(label) => view! {
            <section class="card narrow">
                <h1>"Sign in to another environment"</h1>
                <p class="muted">
                    {format!("{label} stays signed in: switch back to it from Environments in the header, without signing in again.")}
                </p>
                {move || ctx.notice().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.dismiss_notice()) /> })}
                {move || ctx.busy_label().map(|b| view! { <Progress label=b /> })}
                <SignInForm on_submit=on_submit busy=busy />
            </section>
        }
        .into_any(),
    }
    }
}

/// The sessions of other environments this tab is still signed in to, to switch to.
#[component]
fn StillSignedIn() -> impl IntoView {
    let ctx = use_session();
    move || {
        let shelf = ctx.shelf();
        (!shelf.is_empty()).then(|| view! {
            <div class="notice notice-info" id="still-signed-in">
                <strong class="notice-title">"Still signed in elsewhere in this tab"</strong>
                <ul class="plain">
                    {shelf.into_iter().map(|s| {
                        let (place, label) = (s.place(), s.place_label());
                        view! {
                            <li>
                                {label.clone()} " "
                                <button type="button" aria-label=format!("Switch to {label}") disabled=move || !ctx.can_switch()
                                    on:click=move |_| { ctx.switch_and_go(&place, None); }>"Switch to it"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}
