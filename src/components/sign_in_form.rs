//! The sign-in form: environment, method, client id, optional org/provider and login hint.
//! It starts nothing itself: a valid submit hands a [`SignInRequest`] up.

use super::env_picker::{EnvFields, EnvPicker};
use super::field::{Bind, TextField};
use super::{CopyButton, MethodChoice};
use crate::app::prefs::{self, Form};
use crate::browser::address;
use crate::oauth::authorize::{client_id_problem, extras_problem, Extras};
use crate::oauth::flow::{self, SignInRequest};
use crate::oauth::pending::{Lands, Purpose};
use leptos::prelude::*;

/// Org, identity provider and login hint, sent together when given.
#[derive(Clone, Copy)]
pub struct ExtrasFields {
    pub org: RwSignal<String>,
    pub provider: RwSignal<String>,
    pub login_hint: RwSignal<String>,
    pub prompt_login: RwSignal<bool>,
}

impl ExtrasFields {
    pub fn new() -> ExtrasFields {
        ExtrasFields {
            org: RwSignal::new(String::new()),
            provider: RwSignal::new(String::new()),
            login_hint: RwSignal::new(String::new()),
            prompt_login: RwSignal::new(false),
        }
    }

    /// The extras described (tracked).
    pub fn extras(&self) -> Extras {
        Extras {
            org: Some(self.org.get()),
            provider: Some(self.provider.get()),
            login_hint: Some(self.login_hint.get()),
            prompt_login: self.prompt_login.get(),
        }
    }
}

impl Default for ExtrasFields {
    fn default() -> Self {
        ExtrasFields::new()
    }
}

/// The optional extras of a sign-in, folded away; `ids` prefixes the inputs' ids.
#[component]
pub fn ExtrasInputs(
    fields: ExtrasFields,
    #[prop(into)] ids: String,
    #[prop(optional)] with_prompt: bool,
) -> impl IntoView {
    let problem = Signal::derive(move || {
        extras_problem(&fields.extras()).map(str::to_string).into_iter().collect::<Vec<_>>()
    });
    view! {
        <details class="field">
            <summary>{if with_prompt { "Optional: org, identity provider, login hint, prompt" } else { "Optional: org, identity provider, login hint" }}</summary>
            <TextField id=format!("{ids}org") label="Org name" value=fields.org errors=problem />
            <TextField id=format!("{ids}provider") label="Identity provider" value=fields.provider placeholder="e.g. okta, adfs, onelogin" />
            <TextField id=format!("{ids}login-hint") label="Login hint" kind="email" value=fields.login_hint placeholder="user@example.com" />
            {with_prompt.then(|| view! {
                <label class="choice">
                    <input type="checkbox" bind:checked=fields.prompt_login />
                    "prompt=login (ask for credentials even when signed in)"
                </label>
            })}
        </details>
    }
}

/// The admin's sign-in form.
#[component]
pub fn SignInForm(
    /// Called with the request when the form is submitted and valid.
    on_submit: Callback<SignInRequest>,
    /// True while a sign-in is being started (the button is disabled).
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let initial_env = prefs::initial_env(Form::SignIn, &address::hostname());
    let initial_method = prefs::initial_method();
    let fields = EnvFields::new(&initial_env);
    let method = RwSignal::new(initial_method);
    let client_id = RwSignal::new(prefs::initial_client_id(Form::SignIn, &initial_env, initial_method));
    let extras = ExtrasFields::new();
    let env = Memo::new(move |_| fields.env());
    // A sandbox org is asked whether it answers while the form shows, not after the click.
    // (Without a session context, as in a widget test, there is nothing to ask for.)
    if let Some(ctx) = use_context::<crate::app::SessionCtx>() {
        Effect::new(move |_| {
            env.with(|e| {
                if let Ok(e) = e {
                    ctx.warm_up(e)
                }
            })
        });
    }
    let env_problem = Memo::new(move |_| env.with(|e| e.as_ref().err().cloned()));
    let client_problem = Signal::derive(move || {
        client_id.with(|c| client_id_problem(c)).map(str::to_string).into_iter().collect::<Vec<_>>()
    });
    let blocked = Memo::new(move |_| {
        busy.get()
            || env_problem.with(Option::is_some)
            || client_problem.with(|p| !p.is_empty())
            || extras_problem(&extras.extras()).is_some()
    });
    let reload_client_id = move || {
        if let Ok(e) = env.get_untracked() {
            client_id.set(prefs::initial_client_id(Form::SignIn, &e, method.get_untracked()))
        }
    };
    // Each kind of environment comes back on its own route (a mix-up defence).
    let app_url = address::app_url();
    let redirect_uri = Memo::new(move |_| {
        env.with(|e| e.as_ref().map(|e| flow::redirect_uri(&app_url, e)).unwrap_or_default())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(env) = env.get_untracked() else { return };
        if blocked.get_untracked() {
            return;
        }
        on_submit.run(SignInRequest {
            purpose: Purpose::Admin,
            env,
            client_id: client_id.get_untracked().trim().to_string(),
            method: method.get_untracked(),
            extras: extras.extras(),
            redirect_uri: redirect_uri.get_untracked(),
            return_to: None,
            issuer: None,
            lands: Lands::Here,
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <EnvPicker fields=fields on_change=Callback::new(move |_| reload_client_id()) />
            <MethodChoice name="method" method=method note_id="implicit-note" on_change=Callback::new(move |_| reload_client_id()) />
            <TextField
                id="client-id"
                label="Client id"
                value=Bind::from(client_id)
                hint="Remembered for this environment and method in this browser (a client id is not a secret)."
                errors=client_problem
            />
            <ExtrasInputs fields=extras ids="" />
            <div class="field">
                <span class="label">"Redirect URI this page sends"</span>
                <div class="row">
                    <code id="redirect-uri">{move || redirect_uri.get()}</code>
                    <CopyButton text=redirect_uri label="redirect URI" />
                </div>
                <p class="hint">"Register it exactly, as an authorized redirect URI of the client."</p>
            </div>
            <button type="submit" class="primary" disabled=move || blocked.get()>
                {move || if busy.get() { "Opening the sign-in page…" } else { "Sign in" }}
            </button>
        </form>
    }
}
