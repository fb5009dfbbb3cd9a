//! The sign-in screen: environment, client id, method, optional org/provider and login hint.

use crate::browser;
use crate::components::env_picker::{EnvFields, EnvPicker};
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::env::Environment;
use crate::oauth::authorize::{extras_problem, Extras, Method};
use crate::oauth::pending::Purpose;
use crate::oauth::SignInRequest;
use crate::state::{initial_client_id, use_session};
use leptos::prelude::*;

/// The vendor's retirement of the implicit grant, in one sentence.
pub const IMPLICIT_RETIREMENT: &str = "Deprecated: Genesys Cloud offers no implicit grant for new OAuth clients since March 2026, and implicit sign-in stops working by March 2027. Use PKCE with a Code Authorization client.";

/// The screen: notices, progress, and the form.
#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = use_session();
    let busy = Signal::derive(move || ctx.busy.get().is_some());
    // Signing in from a deeper page (the session ended there) comes back to it.
    let on_submit = Callback::new(move |mut req: SignInRequest| {
        let here = browser::current_path();
        req.return_to = (here != "/").then_some(here);
        ctx.start_sign_in(req)
    });
    view! {
        <section class="card narrow">
            <h1>"Sign in to Genesys Cloud"</h1>
            <p class="muted">
                "Sign in with an OAuth client of your org to manage its OAuth clients. Nothing leaves this browser except the requests to the environment you choose."
            </p>
            {move || ctx.notice.get().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.notice.set(None)) /> })}
            {move || ctx.busy.get().map(|b| view! { <Progress label=b /> })}
            <SignInForm on_submit=on_submit busy=busy />
        </section>
    }
}

/// Checks a client id as typed; `None` when it can be sent.
pub fn client_id_problem(id: &str) -> Option<&'static str> {
    let id = id.trim();
    if id.is_empty() {
        Some("Required: the client id of an OAuth client in this environment.")
    } else if id.chars().any(char::is_whitespace) {
        Some("A client id has no spaces.")
    } else {
        None
    }
}

/// The sign-in form. It starts nothing itself: a valid submit hands a [`SignInRequest`] up.
#[component]
pub fn SignInForm(
    /// Called with the request when the form is submitted and valid.
    on_submit: Callback<SignInRequest>,
    /// True while a sign-in is being started (the button is disabled).
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let saved_env = browser::pref("env")
        .and_then(|j| serde_json::from_str::<Environment>(&j).ok())
        .filter(|e| e.validate().is_ok());
    let initial_env = saved_env.unwrap_or_else(|| Environment::default_for_host(&browser::hostname()));
    let initial_method =
        if browser::pref("method").as_deref() == Some("implicit") { Method::Implicit } else { Method::Pkce };
    let fields = EnvFields::new(&initial_env);
    let method = RwSignal::new(initial_method);
    let client_id = RwSignal::new(initial_client_id(&initial_env, initial_method));
    let org = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let login_hint = RwSignal::new(String::new());

    let env = Memo::new(move |_| fields.env());
    let env_problem = Memo::new(move |_| env.with(|e| e.validate().err()));
    let client_problem = Memo::new(move |_| client_id.with(|c| client_id_problem(c)));
    let extras = Memo::new(move |_| Extras {
        org: Some(org.get()),
        provider: Some(provider.get()),
        login_hint: Some(login_hint.get()),
        prompt_login: false,
    });
    let extras_error = Memo::new(move |_| extras.with(extras_problem));
    let blocked = Memo::new(move |_| {
        busy.get()
            || env_problem.get().is_some()
            || client_problem.get().is_some()
            || extras_error.get().is_some()
    });
    let reload_client_id =
        move || client_id.set(initial_client_id(&env.get_untracked(), method.get_untracked()));
    let redirect_uri = browser::app_url();
    let redirect_for_copy = redirect_uri.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if blocked.get_untracked() {
            return;
        }
        on_submit.run(SignInRequest {
            purpose: Purpose::Admin,
            env: env.get_untracked(),
            client_id: client_id.get_untracked().trim().to_string(),
            method: method.get_untracked(),
            extras: extras.get_untracked(),
            redirect_uri: redirect_uri.clone(),
            return_to: None,
        });
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <EnvPicker fields=fields on_change=Callback::new(move |_| reload_client_id()) />
            {move || env_problem.get().map(|p| view! { <p class="field-error" id="env-error" role="alert">{p}</p> })}

            <fieldset class="field">
                <legend>"Method"</legend>
                <label class="choice">
                    <input
                        type="radio"
                        name="method"
                        value="pkce"
                        prop:checked=move || method.get() == Method::Pkce
                        on:change=move |_| {
                            method.set(Method::Pkce);
                            reload_client_id();
                        }
                    />
                    "Authorization code with PKCE "
                    <span class="badge badge-ok">"recommended"</span>
                </label>
                <label class="choice">
                    <input
                        type="radio"
                        name="method"
                        value="implicit"
                        prop:checked=move || method.get() == Method::Implicit
                        on:change=move |_| {
                            method.set(Method::Implicit);
                            reload_client_id();
                        }
                    />
                    "Implicit grant "
                    <span class="badge badge-warn">"deprecated"</span>
                </label>
                <Show when=move || method.get() == Method::Implicit>
                    <p class="hint warn" id="implicit-note">{IMPLICIT_RETIREMENT}</p>
                </Show>
            </fieldset>

            <div class="field">
                <label for="client-id">"Client id"</label>
                <input
                    id="client-id"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    required
                    bind:value=client_id
                    aria-invalid=move || client_problem.get().is_some().to_string()
                    aria-describedby="client-id-help"
                />
                <p class="hint" id="client-id-help">
                    {move || client_problem.get().unwrap_or(
                        "Remembered for this environment and method in this browser (a client id is not a secret).",
                    )}
                </p>
            </div>

            <details class="field">
                <summary>"Optional: org, identity provider, login hint"</summary>
                <div class="field">
                    <label for="org">"Org name"</label>
                    <input id="org" type="text" bind:value=org aria-describedby="extras-error" />
                </div>
                <div class="field">
                    <label for="provider">"Identity provider"</label>
                    <input id="provider" type="text" placeholder="e.g. okta, adfs, onelogin" bind:value=provider aria-describedby="extras-error" />
                </div>
                <div class="field">
                    <label for="login-hint">"Login hint"</label>
                    <input id="login-hint" type="email" placeholder="user@example.com" bind:value=login_hint />
                </div>
                {move || extras_error.get().map(|p| view! { <p class="field-error" id="extras-error" role="alert">{p}</p> })}
            </details>

            <div class="field">
                <span class="label">"Redirect URI this page sends"</span>
                <div class="row">
                    <code id="redirect-uri">{redirect_for_copy.clone()}</code>
                    <CopyButton text=Signal::derive(move || redirect_for_copy.clone()) label="redirect URI" />
                </div>
                <p class="hint">"Register it exactly, as an authorized redirect URI of the client."</p>
            </div>

            <button type="submit" class="primary" disabled=move || blocked.get()>
                {move || if busy.get() { "Opening the sign-in page…" } else { "Sign in" }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_id_checks() {
        assert!(client_id_problem("").is_some());
        assert!(client_id_problem("   ").is_some());
        assert!(client_id_problem("a b").is_some());
        assert_eq!(client_id_problem(" 5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01 "), None);
    }
}
