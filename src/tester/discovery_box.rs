//! "Any OAuth server": its endpoints filled from the metadata it publishes ([`super::discovery`]),
//! or, when it publishes none this page can read, a message saying so (the fields stay as typed).

use super::discovery::{documents, issuer_problem, parse, Discovered, Metadata};
use crate::components::env_picker::EnvFields;
use crate::components::Progress;
use crate::platform::api::get_text;
use leptos::prelude::*;

/// How long one document may take.
const WAIT_MS: u64 = 10_000;

/// `GET url`, given up after [`WAIT_MS`].
async fn fetch(url: &str) -> Option<Result<(u16, String), crate::platform::error::ApiError>> {
    use futures::future::{select, Either};
    let answer = std::pin::pin!(get_text(url));
    let timer = std::pin::pin!(crate::platform::retry::sleep_ms(WAIT_MS));
    match select(answer, timer).await {
        Either::Left((r, _)) => Some(r),
        Either::Right(_) => None,
    }
}

/// Asks for each document in turn; the first that names the issuer's endpoints wins. Otherwise
/// why each one did not.
async fn discover(issuer: String) -> Result<(String, Metadata), Vec<String>> {
    let mut tried = Vec::new();
    for url in documents(&issuer) {
        let Some(answer) = fetch(&url).await else {
            tried.push(format!("{url}: no answer within {} s.", WAIT_MS / 1000));
            continue;
        };
        match answer {
            Ok((200..=299, text)) => match parse(&text, &issuer) {
                Ok(m) => return Ok((url, m)),
                Err(e) => tried.push(format!("{url}: {e}.")),
            },
            Ok((status, _)) => tried.push(format!("{url}: HTTP {status}.")),
            Err(crate::platform::error::ApiError::Network { .. }) => {
                // Said exactly when this page's own policy is what blocked it.
                let policy = super::csp::ConnectPolicy::of_page();
                let page = crate::url::HttpUrl::parse(&crate::browser::address::href());
                let blocked = match (policy, page) {
                    (Some(policy), Ok(page)) => super::csp::blocked(&policy, &page, [url.as_str()]),
                    _ => Vec::new(),
                };
                tried.push(if blocked.is_empty() {
                    format!("{url}: no answer this page may read (the server is down, or does not allow this page to read it (CORS)).")
                } else {
                    format!("{url}: not asked. {}", super::csp::blocked_note(&blocked))
                });
            }
            Err(e) => tried.push(format!("{url}: {e}")),
        }
    }
    Err(tried)
}

#[component]
pub fn DiscoveryBox(
    fields: EnvFields,
    /// Set to what the metadata said when it filled the endpoints.
    discovered: RwSignal<Option<Discovered>>,
) -> impl IntoView {
    let issuer = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let action = Action::new_local(move |issuer: &String| {
        let issuer = issuer.trim().to_string();
        // The endpoints as they were when asked: typed over meanwhile, they stay as typed.
        let before = (fields.authorize.get_untracked(), fields.token.get_untracked());
        async move {
            let found = discover(issuer.clone()).await;
            let now = fields.authorize.try_get_untracked().zip(fields.token.try_get_untracked());
            let untouched = now == Some(before);
            if let (Ok((_, m)), true) = (&found, untouched) {
                fields.authorize.try_set(m.authorization_endpoint.clone());
                fields.token.try_set(m.token_endpoint.clone());
                discovered.try_set(Some(Discovered::of(m)));
            }
            (issuer, found, untouched)
        }
    });
    let busy = action.pending();
    let go = move || {
        if busy.get_untracked() {
            return;
        }
        let typed = issuer.get_untracked();
        problem.set(issuer_problem(&typed));
        if problem.get_untracked().is_none() {
            action.dispatch(typed);
        }
    };
    view! {
        <div class="field discover">
            <label for="tester-issuer">"Issuer (to fill the endpoints from its metadata)"</label>
            <div class="row">
                <input id="tester-issuer" type="url" placeholder="https://auth.example.com" aria-describedby="tester-issuer-hint"
                    prop:value=move || issuer.get()
                    on:input=move |ev| issuer.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            go();
                        }
                    } />
                <button type="button" disabled=move || busy.get() on:click=move |_| go()>"Fill from its metadata"</button>
            </div>
            <p class="hint" id="tester-issuer-hint">
                "Reads RFC 8414 /.well-known/oauth-authorization-server, then OpenID /.well-known/openid-configuration. The endpoints stay editable."
            </p>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            {move || busy.get().then(|| view! { <Progress label="Reading the server's metadata…" /> })}
            <div id="tester-discovery" aria-live="polite">
                {move || action.value().get().filter(|_| !busy.get()).map(|(issuer, found, untouched)| match found {
                    Ok((url, _)) if !untouched => view! {
                        <div class="notice notice-info" role="status">
                            <strong class="notice-title">{format!("{url} answered, but the endpoints were typed over meanwhile: they stay as typed.")}</strong>
                        </div>
                    }.into_any(),
                    Ok((url, m)) => view! {
                        <div class="notice notice-info" role="status">
                            <strong class="notice-title">{format!("Filled from {url}")}</strong>
                            <p class="notice-detail">
                                {format!("Authorization endpoint {}; token endpoint {}", m.authorization_endpoint, m.token_endpoint)}
                                {m.userinfo_endpoint.map(|u| format!("; userinfo {u}"))}
                                "."
                            </p>
                            {(!m.warnings.is_empty()).then(|| view! {
                                <ul>{m.warnings.into_iter().map(|w| view! { <li class="warn">{w}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    }.into_any(),
                    Err(tried) => view! {
                        <div class="notice notice-error" role="alert">
                            <strong class="notice-title">{format!("{issuer} publishes no metadata this page could read")}</strong>
                            <ul>{tried.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                            <p class="notice-detail">"Enter the authorization and token endpoints yourself: nothing was changed."</p>
                        </div>
                    }.into_any(),
                })}
            </div>
        </div>
    }
}
