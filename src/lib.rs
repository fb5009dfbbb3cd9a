//! oauth-console: sign in to Genesys Cloud in the browser and manage the org's OAuth clients.
//!
//! Layers only look down: `pages` / `tester` → `components` → `app` → `oauth` → `platform` →
//! `env`; everything may use `browser`, which uses nothing of ours.

pub mod app;
pub mod browser;
pub mod components;
pub mod env;
pub mod oauth;
pub mod pages;
pub mod platform;
pub mod screens;
pub mod secret;
pub mod tester;
#[cfg(test)]
mod testing;
pub mod url;

use app::{provide_session, use_session, Status};
use browser::address::app_href;
use components::countdown::Countdown;
use components::{NoticeBox, Progress};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use oauth::flow::Arrival;
use oauth::session::format_countdown;
use screens::{Lazy, Screen};

/// The whole app. `capture` is the OAuth response taken from the address bar by `main`.
#[component]
pub fn App(capture: Option<Arrival>) -> impl IntoView {
    // Served under a sub-path, every route and link is under it (the document's `<base href>`).
    let base = browser::address::base_path();
    view! {
        <Router base=base>
            <Shell capture=capture />
        </Router>
    }
}

#[component]
fn Shell(capture: Option<Arrival>) -> impl IntoView {
    let inbox = tester::inbox::Inbox::provide();
    let ctx = provide_session(capture, Callback::new(move |d| inbox.put(d)));
    // The inactivity limit and the org's idle timeout, watched for the whole app.
    app::idle::watch(ctx);
    // Signed in, the other screens' chunks are fetched while the browser is idle (after the
    // return from the login host has shown the user's name: nothing is in its way).
    // Once per page load: the effect's own last value says whether it has.
    Effect::new(move |asked: Option<bool>| {
        let asked = asked.unwrap_or(false);
        if asked || !ctx.is_signed_in() {
            return asked;
        }
        browser::when_idle_after_ms(1500, || leptos::task::spawn_local(screens::prefetch_all()));
        true
    });
    view! {
        // The first stop of the keyboard: past the header, to the page itself.
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            browser::focus("main");
        }>"Skip to the page"</a>
        <Header />
        <components::connection::ConnectionStatus />
        <ExpiryWarning />
        <main id="main" tabindex="-1">
            <Flash />
            // Each lazy screen carries its own error boundary (src/screens.rs); the first
            // screens show their errors as notices.
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/sign-in") view=pages::sign_in::SignInAnother />
                <Route path=path!("/") view=|| view! { <RequireSession><pages::home::SessionSummary /></RequireSession> } />
                <Route path=path!("/callback/:server") view=|| view! { <RequireSession><pages::home::SessionSummary /></RequireSession> } />
                <Route path=path!("/tester") view=|| view! { <Lazy screen=Screen::Tester /> } />
                <Route path=path!("/authorizations") view=|| view! { <RequireSession><Lazy screen=Screen::Authorizations /></RequireSession> } />
                <Route path=path!("/migrate") view=|| view! { <RequireSession><Lazy screen=Screen::Migrate /></RequireSession> } />
                <Route path=path!("/clients") view=|| view! { <RequireSession><Lazy screen=Screen::Clients /></RequireSession> } />
                <Route path=path!("/clients/new") view=|| view! { <RequireSession><Lazy screen=Screen::NewClient /></RequireSession> } />
                <Route path=path!("/clients/import") view=|| view! { <RequireSession><Lazy screen=Screen::Import /></RequireSession> } />
                <Route path=path!("/clients/:id") view=|| view! { <RequireSession><Lazy screen=Screen::Client /></RequireSession> } />
                <Route path=path!("/clients/:id/edit") view=|| view! { <RequireSession><Lazy screen=Screen::EditClient /></RequireSession> } />
            </Routes>
        </main>
    }
}

/// Brand, navigation, and who is signed in where, with the token's countdown and sign-out.
#[component]
fn Header() -> impl IntoView {
    let ctx = use_session();
    let expires_at = Signal::derive(move || ctx.expires_at_ms());
    // The band is drawn again only when another place is shown (not at each idle check).
    let shown = Memo::new(move |_| ctx.session().map(|s| (s.place(), s.org_label(), s.env.label())));
    view! {
        <header class="topbar">
            <A href=app_href("/") attr:class="brand">"oauth-console"</A>
            <nav aria-label="Main">
                <Show when=move || ctx.is_signed_in()>
                    <A href=app_href("/clients")>"OAuth clients"</A>
                    <A href=app_href("/authorizations")>"Authorized apps"</A>
                    <A href=app_href("/migrate")>"Move off implicit"</A>
                </Show>
                <A href=app_href("/tester")>"Login tester"</A>
            </nav>
            <components::env_switch::EnvSwitch />
            <div class="who">
                {move || ctx.session().map(|s| view! {
                    <span class="user" id="header-user">{s.user_label()}</span>
                    <span class="countdown" id="header-countdown" title="Time until the token expires">
                        "Token " <Countdown expires_at_ms=expires_at />
                    </span>
                    // With other environments signed in, this one only (the menu signs out of all).
                    <button type="button" on:click=move |_| ctx.sign_out() disabled=move || ctx.busy_label().is_some()>
                        {move || if ctx.shelf_len() == 0 { "Sign out" } else { "Sign out of this one" }}
                    </button>
                })}
            </div>
        </header>
        // Which org and environment this tab acts on, in the place's own colour.
        {move || shown.get().map(|s| view! { <components::place_band::PlaceBand session=s /> })}
        {move || ctx.busy_label().filter(|_| ctx.is_signed_in()).map(|b| view! { <Progress label=b /> })}
    }
}

/// Five minutes before the token expires: say so, with a one-click sign-in again.
#[component]
fn ExpiryWarning() -> impl IntoView {
    let ctx = use_session();
    move || {
        (ctx.status() == Status::Ending).then(|| {
            let left = format_countdown(ctx.remaining_s().unwrap_or_default());
            view! {
                <div class="banner warn" role="alert">
                    <span>{format!("Your session ends in {left}. Sign in again to keep working.")}</span>
                    <button type="button" class="primary" on:click=move |_| ctx.sign_in_again() disabled=move || ctx.busy_label().is_some()>
                        "Sign in again"
                    </button>
                </div>
            }
        })
    }
}

/// A page for signed-in admins: anyone else gets the sign-in screen, and comes back here after.
/// While the admin sign-in that opened the page completes, only its progress shows: the form is
/// not built on the way to the user's name, to be dropped again as the name arrives.
#[component]
fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let ctx = use_session();
    // `Show` memoizes its condition: the sign-in screen is built again only when landing starts
    // or ends (its own busy states, and a response pasted into the address bar, leave the form).
    let not_signed_in = move || {
        view! {
            <Show when=move || ctx.is_landing() fallback=pages::sign_in::SignIn>
                <pages::sign_in::Landing />
            </Show>
        }
    };
    view! {
        <Show when=move || ctx.is_signed_in() fallback=not_signed_in>
            {children()}
        </Show>
    }
}

/// The message left for the current page, if any.
#[component]
fn Flash() -> impl IntoView {
    let ctx = use_session();
    let location = leptos_router::hooks::use_location();
    move || {
        let here = browser::address::in_app_path(&location.pathname.get(), &browser::address::base_path());
        ctx.flash_for(&here)
            .map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.dismiss_flash()) /> })
    }
}
