//! The environment picker: the local sandbox org, a region, custom Genesys URLs, or (for the
//! Tester) any OAuth server by its endpoints.

use super::field::TextField;
use crate::env::{Environment, REGIONS};
use leptos::prelude::*;

/// The picker's inputs; [`EnvFields::env`] reads the environment they describe.
#[derive(Clone, Copy)]
pub struct EnvFields {
    pub choice: RwSignal<String>,
    pub login: RwSignal<String>,
    pub api: RwSignal<String>,
    pub authorize: RwSignal<String>,
    pub token: RwSignal<String>,
}

/// The select's value for an environment.
pub fn choice_of(env: &Environment) -> String {
    match env {
        Environment::Sandbox => "sandbox".into(),
        Environment::Region { name } => format!("region:{name}"),
        Environment::Custom { .. } => "custom".into(),
        Environment::Server { .. } => "server".into(),
    }
}

/// The environment for a select value and the custom inputs.
pub fn env_from(choice: &str, login: String, api: String, authorize: String, token: String) -> Environment {
    match choice {
        "sandbox" => Environment::Sandbox,
        "custom" => Environment::Custom { login_base: login, api_base: api },
        "server" => Environment::Server { authorize_url: authorize, token_url: token },
        other => Environment::Region { name: other.trim_start_matches("region:").to_string() },
    }
}

impl EnvFields {
    pub fn new(initial: &Environment) -> EnvFields {
        let (mut login, mut api, mut authorize, mut token) = Default::default();
        match initial {
            Environment::Custom { login_base, api_base } => {
                (login, api) = (login_base.clone(), api_base.clone())
            }
            Environment::Server { authorize_url, token_url } => {
                (authorize, token) = (authorize_url.clone(), token_url.clone())
            }
            _ => {}
        }
        EnvFields {
            choice: RwSignal::new(choice_of(initial)),
            login: RwSignal::new(login),
            api: RwSignal::new(api),
            authorize: RwSignal::new(authorize),
            token: RwSignal::new(token),
        }
    }

    /// The environment described (tracks every input).
    pub fn env(&self) -> Environment {
        env_from(&self.choice.get(), self.login.get(), self.api.get(), self.authorize.get(), self.token.get())
    }

    /// The environment described, now.
    pub fn env_untracked(&self) -> Environment {
        untrack(|| self.env())
    }
}

#[component]
pub fn EnvPicker(
    fields: EnvFields,
    /// Offer "any OAuth server by its endpoints" (the Tester).
    #[prop(optional)]
    allow_server: bool,
    /// Called after the select changes.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let EnvFields { choice, login, api, authorize, token } = fields;
    view! {
        <div class="field">
            <label for="env">"Environment"</label>
            <select
                id="env"
                prop:value=move || choice.get()
                on:change=move |ev| {
                    choice.set(event_target_value(&ev));
                    if let Some(cb) = on_change {
                        cb.run(());
                    }
                }
            >
                <option value="sandbox">"Local sandbox org (127.0.0.1:8787)"</option>
                <optgroup label="Genesys Cloud regions">
                    {REGIONS
                        .iter()
                        .map(|r| view! {
                            <option value=format!("region:{}", r.name)>{format!("{} — {} ({})", r.name, r.label, r.domain)}</option>
                        })
                        .collect_view()}
                </optgroup>
                <option value="custom">"Custom login and API URLs…"</option>
                {allow_server.then(|| view! { <option value="server">"Any OAuth server (authorize and token URLs)…"</option> })}
            </select>
        </div>
        <Show when=move || choice.get() == "custom">
            <TextField id="custom-login" label="Login base URL" kind="url" placeholder="https://login.example.com" value=login />
            <TextField id="custom-api" label="API base URL" kind="url" placeholder="https://api.example.com" value=api />
        </Show>
        <Show when=move || choice.get() == "server">
            <TextField id="server-authorize" label="Authorization endpoint" kind="url" placeholder="https://auth.example.com/oauth2/authorize" value=authorize />
            <TextField id="server-token" label="Token endpoint" kind="url" placeholder="https://auth.example.com/oauth2/token" value=token />
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip() {
        for env in [
            Environment::Sandbox,
            Environment::region("eu-west-1").unwrap(),
            Environment::Custom { login_base: "https://l".into(), api_base: "https://a".into() },
            Environment::Server { authorize_url: "https://a/x".into(), token_url: "https://a/t".into() },
        ] {
            let (l, a, au, t) = match &env {
                Environment::Custom { login_base, api_base } => {
                    (login_base.clone(), api_base.clone(), String::new(), String::new())
                }
                Environment::Server { authorize_url, token_url } => {
                    (String::new(), String::new(), authorize_url.clone(), token_url.clone())
                }
                _ => Default::default(),
            };
            assert_eq!(env_from(&choice_of(&env), l, a, au, t), env);
        }
    }
}
