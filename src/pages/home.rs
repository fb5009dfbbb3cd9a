//! The start page: the sign-in form when signed out, the session summary when signed in.

use crate::components::{NoticeBox, Progress};
use crate::pages::sign_in::SignIn;
use crate::platform::api;
use crate::platform::rules::words;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let ctx = use_session();
    view! {
        <Show when=move || ctx.session.with(Option::is_some) fallback=SignIn>
            <SessionSummary />
        </Show>
    }
}

/// Who is signed in, where, with which client and scopes; and a check of the token.
#[component]
fn SessionSummary() -> impl IntoView {
    let ctx = use_session();
    let checking = RwSignal::new(false);
    let checked = RwSignal::new(None::<String>);
    let check = move |_| {
        let Some(s) = ctx.session.get_untracked() else { return };
        checking.set(true);
        leptos::task::spawn_local(async move {
            match api::tokens_me(&s.env.api_base(), &s.token).await {
                Ok(info) => checked.set(Some(format!(
                    "The org accepts the token ({} scopes).",
                    info.authorized_scope.len()
                ))),
                Err(e) => ctx.api_failed("Could not check the token", &e),
            }
            checking.set(false);
        });
    };
    move || {
        ctx.session.get().map(|s| {
            let remaining = move || {
                let now = ctx.now.get();
                ctx.session.with(|s| s.as_ref().map(|s| words(s.remaining_s(now).max(0) as u64)))
            };
            view! {
                <section class="card">
                    <h1>"Signed in"</h1>
                    {move || ctx.notice.get().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.notice.set(None)) /> })}
                    <dl class="facts">
                        <dt>"User"</dt>
                        <dd id="who">{s.user_label()} {s.user.email.clone().map(|e| format!(" <{e}>"))}</dd>
                        <dt>"Org"</dt>
                        <dd>{s.org_label()}</dd>
                        <dt>"Environment"</dt>
                        <dd>{s.env.label()}</dd>
                        <dt>"Signed in with"</dt>
                        <dd>
                            {s.client_name.clone().unwrap_or_else(|| "OAuth client".into())} " · "
                            <code>{s.client_id.clone()}</code> " · " {s.method.label()}
                        </dd>
                        <dt>"Token expires in"</dt>
                        <dd>{remaining}</dd>
                        <dt>"Roles"</dt>
                        <dd>
                            {s.user
                                .authorization
                                .as_ref()
                                .map(|a| a.roles.iter().filter_map(|r| r.name.clone()).collect::<Vec<_>>().join(", "))
                                .filter(|r| !r.is_empty())
                                .unwrap_or_else(|| "none listed".into())}
                        </dd>
                        <dt>"Scopes"</dt>
                        <dd>
                            <ul class="chips">
                                {s.scopes.iter().map(|sc| view! { <li class="chip">{sc.clone()}</li> }).collect_view()}
                            </ul>
                        </dd>
                    </dl>
                    <p><A href="/clients" attr:class="button primary">"Manage OAuth clients"</A></p>
                    <div class="row">
                        <button type="button" on:click=check disabled=move || checking.get()>
                            "Check the token with the org"
                        </button>
                        {move || checking.get().then(|| view! { <Progress label="Asking the org…" /> })}
                        {move || checked.get().map(|c| view! { <span role="status">{c}</span> })}
                    </div>
                </section>
            }
        })
    }
}
