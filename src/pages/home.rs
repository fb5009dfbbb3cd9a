//! The start page for a signed-in admin: the session summary (the router shows the sign-in
//! screen to anyone else).

use crate::app::use_session;
use crate::browser::address::app_href;
use crate::components::{NoticeBox, Progress};
use crate::platform::dates::words;
use crate::platform::reads;
use leptos::prelude::*;
use leptos_router::components::A;

/// Who is signed in, where, with which client and scopes; and a check of the token.
#[component]
pub fn SessionSummary() -> impl IntoView {
    let ctx = use_session();
    let check = Action::new_local(move |_: &()| async move {
        ctx.call("Could not check the token", |api| async move { reads::token(&api).await }).await
    });
    let (value, checking) = (check.value(), check.pending());
    let checked = move || {
        value.get().map(|r| match r {
            Ok(info) => view! { <span role="status">{format!("The org accepts the token ({} scopes).", info.authorized_scope.len())}</span> }.into_any(),
            Err(f) => f.notice().map(|n| view! { <NoticeBox notice=n /> }).into_any(),
        })
    };
    move || {
        ctx.session().map(|s| {
            let remaining = move || ctx.remaining_s().map(|r| words(r.max(0) as u64));
            view! {
                <section class="card">
                    <h1>"Signed in"</h1>
                    {move || ctx.notice().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.dismiss_notice()) /> })}
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
                    <p><A href=app_href("/clients") attr:class="button primary">"Manage OAuth clients"</A></p>
                    <div class="row">
                        <button type="button" on:click=move |_| { check.dispatch(()); } disabled=move || checking.get()>
                            "Check the token with the org"
                        </button>
                        {move || checking.get().then(|| view! { <Progress label="Asking the org…" /> })}
                        {checked}
                    </div>
                    <InactivityLimit />
                </section>
            }
        })
    }
}

/// The local inactivity limit (off, 15 or 30 minutes), remembered in this browser.
#[component]
fn InactivityLimit() -> impl IntoView {
    let ctx = use_session();
    let mut choices =
        vec![(0, "Off".to_string()), (900, "15 minutes".to_string()), (1800, "30 minutes".to_string())];
    let current = untrack(|| ctx.idle_limit_s());
    if !choices.iter().any(|(s, _)| *s == current) {
        choices.push((current, words(current)));
    }
    view! {
        <div class="field">
            <label for="idle-limit">"Sign out after inactivity"</label>
            <select
                id="idle-limit"
                aria-describedby="idle-limit-hint"
                on:change=move |ev| {
                    ctx.set_idle_limit_s(event_target_value(&ev).parse().unwrap_or(0));
                }
            >
                {choices
                    .into_iter()
                    .map(|(s, label)| view! { <option value=s.to_string() prop:selected=move || ctx.idle_limit_s() == s>{label}</option> })
                    .collect_view()}
            </select>
            <p class="hint" id="idle-limit-hint">
                "Without a key press or a click for this long, this page signs out (for HIPAA-minded orgs: 15 minutes). The org's own idle timeout applies as well."
            </p>
        </div>
    }
}
