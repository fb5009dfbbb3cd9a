//! oauth-console: sign in to Genesys Cloud in the browser and manage the org's OAuth clients.

pub mod browser;
pub mod components;
pub mod env;
pub mod oauth;
pub mod pages;
pub mod platform;
pub mod state;

use components::{NoticeBox, Progress};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use oauth::callback::Capture;
use oauth::session::{format_countdown, Phase};
use state::{provide_session, use_session};

/// The whole app. `capture` is the OAuth response taken from the address bar by `main`.
#[component]
pub fn App(capture: Option<Capture>) -> impl IntoView {
    view! {
        <Router>
            <Shell capture=capture />
        </Router>
    }
}

#[component]
fn Shell(capture: Option<Capture>) -> impl IntoView {
    provide_session(capture);
    view! {
        <Header />
        <ExpiryWarning />
        <main id="main">
            <Flash />
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view=pages::home::Home />
                <Route path=path!("/tester") view=pages::tester::Tester />
                <Route path=path!("/clients") view=|| view! { <RequireSession><pages::clients::Clients /></RequireSession> } />
                <Route path=path!("/clients/new") view=|| view! { <RequireSession><pages::client_editor::NewClient /></RequireSession> } />
                <Route path=path!("/clients/:id") view=|| view! { <RequireSession><pages::client_view::ClientView /></RequireSession> } />
                <Route path=path!("/clients/:id/edit") view=|| view! { <RequireSession><pages::client_editor::EditClient /></RequireSession> } />
            </Routes>
        </main>
    }
}

/// Brand, navigation, and who is signed in where, with the token's countdown and sign-out.
#[component]
fn Header() -> impl IntoView {
    let ctx = use_session();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">"oauth-console"</A>
            <nav aria-label="Main">
                <Show when=move || ctx.session.with(Option::is_some)>
                    <A href="/clients">"OAuth clients"</A>
                </Show>
                <A href="/tester">"Login tester"</A>
            </nav>
            <div class="who">
                {move || {
                    ctx.session.get().map(|s| {
                        let countdown = move || {
                            let now = ctx.now.get();
                            ctx.session.with(|s| s.as_ref().map(|s| format_countdown(s.remaining_s(now))))
                        };
                        view! {
                            <span class="user" id="header-user">{s.user_label()}</span>
                            <span class="org" id="header-org">{s.org_label()}</span>
                            <span class="envname" id="header-env">{s.env.label()}</span>
                            <span class="countdown" id="header-countdown" title="Time until the token expires">
                                "Token " {countdown}
                            </span>
                            <button type="button" on:click=move |_| ctx.sign_out() disabled=move || ctx.busy.get().is_some()>
                                "Sign out"
                            </button>
                        }
                    })
                }}
            </div>
        </header>
        {move || ctx.busy.get().filter(|_| ctx.session.with(Option::is_some)).map(|b| view! { <Progress label=b /> })}
    }
}

/// Five minutes before the token expires: say so, with a one-click sign-in again.
#[component]
fn ExpiryWarning() -> impl IntoView {
    let ctx = use_session();
    move || {
        let now = ctx.now.get();
        ctx.session.with(|s| {
            s.as_ref().filter(|s| s.phase(now) == Phase::Ending).map(|s| {
                let left = format_countdown(s.remaining_s(now));
                view! {
                    <div class="banner warn" role="alert">
                        <span>{format!("Your session ends in {left}. Sign in again to keep working.")}</span>
                        <button type="button" class="primary" on:click=move |_| ctx.sign_in_again()>"Sign in again"</button>
                    </div>
                }
            })
        })
    }
}

/// A page for signed-in admins: anyone else gets the sign-in screen, and comes back here after.
#[component]
fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let ctx = use_session();
    view! {
        <Show when=move || ctx.session.with(Option::is_some) fallback=pages::sign_in::SignIn>
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
        let here = location.pathname.get();
        ctx.flash.get().filter(|(path, _)| *path == here).map(|(_, n)| {
            view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.flash.set(None)) /> }
        })
    }
}
