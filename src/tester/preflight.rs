//! Before a run: what the admin's org already knows of the client (signed in to the run's
//! environment) — unknown here, its redirect URI not registered, a grant that does not suit the
//! method, a client disabled — said before the login page says it less plainly.

use super::doctor::{before_run, whole_client_id};
use crate::app::{remote, SessionCtx};
use crate::browser::address::app_href;
use crate::components::Progress;
use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::platform::reads;
use leptos::prelude::*;

#[component]
pub fn OrgView(
    /// The run's environment, when its fields are right.
    #[prop(into)]
    env: Signal<Option<Environment>>,
    #[prop(into)] client_id: Signal<String>,
    #[prop(into)] redirect_uri: Signal<String>,
    #[prop(into)] method: Signal<Method>,
) -> impl IntoView {
    // Mounted alone (a widget test), there is no session to ask.
    let ctx = use_context::<SessionCtx>()?;
    let org = Memo::new(move |_| {
        let session = ctx.session()?;
        (env.get().as_ref() == Some(&session.env)).then(|| session.org_label())
    });
    // The client id to ask about: a whole one, in the admin's environment.
    let asked = Memo::new(move |_| {
        org.with(Option::is_some).then(|| client_id.get().trim().to_string()).filter(|id| whole_client_id(id))
    });
    let client = remote::read(
        "Could not ask the org about this client",
        move || asked.get(),
        |api, id| async move {
            // With the id it answers for: a newer id is never judged by an older answer.
            match id {
                Some(id) => reads::client_if_any(&api, &id).await.map(|c| Some((id, c))),
                None => Ok(None),
            }
        },
    );
    // Nothing at all (no progress either) until there is a client id to ask about.
    Some(view! {
        <Show when=move || asked.with(Option::is_some)>
        <Transition fallback=|| view! { <Progress label="Asking your org about this client…" /> }>
            {move || {
                let org = org.get()?;
                let id = asked.get()?;
                let (answered, client) = client.get()?.ok()??;
                if answered != id {
                    return None;
                }
                let said = before_run(&id, redirect_uri.get().trim(), method.get(), client.as_ref());
                let href = app_href(&format!("/clients/{id}"));
                Some(if said.is_empty() {
                    view! { <p class="hint" id="tester-org-view">{format!("{org} knows this client: its redirect URI, grant and state suit this run.")}</p> }.into_any()
                } else {
                    view! {
                        <div class="notice notice-warn" id="tester-org-view" role="status">
                            <strong>{format!("{org} says, before the run:")}</strong>
                            <ul>{said.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                            {client.is_some().then(|| view! { <p><a href=href>"Open the client"</a></p> })}
                        </div>
                    }.into_any()
                })
            }}
        </Transition>
        </Show>
    })
}
