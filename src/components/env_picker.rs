//! The environment picker: the local sandbox org (in a build that has it), a region, custom
//! Genesys URLs, or (for the Tester) any OAuth server by its endpoints.

use super::field::TextField;
use crate::env::{CustomUrls, EnvError, EnvField, Environment, RegionName, ServerUrls, REGIONS};
use leptos::prelude::*;

/// The picker's inputs; [`EnvFields::env`] reads the environment they describe.
#[derive(Clone, Copy)]
pub struct EnvFields {
    pub choice: RwSignal<EnvChoice>,
    pub login: RwSignal<String>,
    pub api: RwSignal<String>,
    pub authorize: RwSignal<String>,
    pub token: RwSignal<String>,
}

/// What the select says: a kind of environment, before any URL of it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvChoice {
    Sandbox,
    Region(RegionName),
    Custom,
    Server,
    /// A value naming no region this build knows, kept to say so.
    Unknown(String),
}

impl EnvChoice {
    /// The choice that shows an environment.
    pub fn of(env: &Environment) -> EnvChoice {
        match env {
            Environment::Sandbox => EnvChoice::Sandbox,
            Environment::Region { name } => EnvChoice::Region(*name),
            Environment::Custom { .. } => EnvChoice::Custom,
            Environment::Server { .. } => EnvChoice::Server,
        }
    }

    /// The choice a select value names.
    pub fn parse(value: &str) -> EnvChoice {
        match value {
            "sandbox" => EnvChoice::Sandbox,
            "custom" => EnvChoice::Custom,
            "server" => EnvChoice::Server,
            other => {
                let name = other.trim_start_matches("region:");
                RegionName::try_from(name)
                    .map(EnvChoice::Region)
                    .unwrap_or_else(|_| EnvChoice::Unknown(name.into()))
            }
        }
    }

    /// The select's value for it.
    pub fn value(&self) -> String {
        match self {
            EnvChoice::Sandbox => "sandbox".into(),
            EnvChoice::Region(name) => format!("region:{name}"),
            EnvChoice::Custom => "custom".into(),
            EnvChoice::Server => "server".into(),
            EnvChoice::Unknown(name) => format!("region:{name}"),
        }
    }
}

/// The environment for a choice and the custom inputs, or what is wrong with them (the URLs are
/// read by [`crate::url::HttpUrl`], the one way text becomes a URL).
pub fn env_from(
    choice: &EnvChoice,
    login: &str,
    api: &str,
    authorize: &str,
    token: &str,
) -> Result<Environment, EnvError> {
    match choice {
        EnvChoice::Sandbox => crate::env::sandbox_in(crate::env::SANDBOX_BUILT_IN),
        EnvChoice::Region(name) => Ok(Environment::Region { name: *name }),
        EnvChoice::Custom => Environment::custom(login, api),
        EnvChoice::Server => Environment::server(authorize, token),
        EnvChoice::Unknown(name) => {
            RegionName::try_from(name.as_str()).map(|name| Environment::Region { name })
        }
    }
}

impl EnvFields {
    pub fn new(initial: &Environment) -> EnvFields {
        let (mut login, mut api, mut authorize, mut token) = Default::default();
        match initial {
            Environment::Custom(c) => (login, api) = (c.login_base().to_string(), c.api_base().to_string()),
            Environment::Server(s) => {
                (authorize, token) = (s.authorize_url().to_string(), s.token_url().to_string())
            }
            _ => {}
        }
        EnvFields {
            choice: RwSignal::new(EnvChoice::of(initial)),
            login: RwSignal::new(login),
            api: RwSignal::new(api),
            authorize: RwSignal::new(authorize),
            token: RwSignal::new(token),
        }
    }

    /// The environment described, or what is wrong with it (tracks every input).
    pub fn env(&self) -> Result<Environment, EnvError> {
        env_from(
            &self.choice.read(),
            &self.login.read(),
            &self.api.read(),
            &self.authorize.read(),
            &self.token.read(),
        )
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
    // What is wrong with the typed URLs, beside the input it is about.
    let problems = Memo::new(move |_| match &*choice.read() {
        EnvChoice::Custom => CustomUrls::problems(&login.read(), &api.read()),
        EnvChoice::Server => ServerUrls::problems(&authorize.read(), &token.read()),
        // A choice this build does not have (a region it does not know, the sandbox org).
        other => env_from(other, "", "", "", "").err().into_iter().collect(),
    });
    let errors = move |field: EnvField| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter().filter(|p| p.field == field).map(|p| p.message.clone()).collect::<Vec<_>>()
            })
        })
    };
    view! {
        <div class="field">
            <label for="env">"Environment"</label>
            <select
                id="env"
                prop:value=move || choice.with(EnvChoice::value)
                on:change=move |ev| {
                    choice.set(EnvChoice::parse(&event_target_value(&ev)));
                    if let Some(cb) = on_change {
                        cb.run(());
                    }
                }
            >
                {crate::env::SANDBOX_BUILT_IN.then(|| view! { <option value="sandbox">"Local sandbox org (127.0.0.1:8787)"</option> })}
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
            {move || errors(EnvField::Region).get().into_iter().map(|m| view! { <p class="field-error" role="alert">{m}</p> }).collect_view()}
        </div>
        <Show when=move || choice.with(|c| *c == EnvChoice::Custom)>
            <TextField id="custom-login" label="Login base URL" kind="url" placeholder="https://login.example.com" value=login errors=errors(EnvField::Login) />
            <TextField id="custom-api" label="API base URL" kind="url" placeholder="https://api.example.com" value=api errors=errors(EnvField::Api) />
        </Show>
        <Show when=move || choice.with(|c| *c == EnvChoice::Server)>
            <TextField id="server-authorize" label="Authorization endpoint" kind="url" placeholder="https://auth.example.com/oauth2/authorize" value=authorize errors=errors(EnvField::Authorize) />
            <TextField id="server-token" label="Token endpoint" kind="url" placeholder="https://auth.example.com/oauth2/token" value=token errors=errors(EnvField::Token) />
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip() {
        let sandbox = crate::env::SANDBOX_BUILT_IN.then_some(Environment::Sandbox);
        for env in sandbox.into_iter().chain([
            Environment::region("eu-west-1").unwrap(),
            Environment::custom("https://l", "https://a").unwrap(),
            Environment::server("https://a/x", "https://a/t").unwrap(),
        ]) {
            let fields = |e: &Environment| match e {
                Environment::Custom(c) => {
                    (c.login_base().to_string(), c.api_base().to_string(), String::new(), String::new())
                }
                Environment::Server(s) => {
                    (String::new(), String::new(), s.authorize_url().to_string(), s.token_url().to_string())
                }
                _ => Default::default(),
            };
            let (l, a, au, t) = fields(&env);
            assert_eq!(env_from(&EnvChoice::of(&env), &l, &a, &au, &t), Ok(env));
        }
    }

    #[test]
    fn what_is_wrong_names_its_input() {
        let err = env_from(&EnvChoice::parse("region:mars-north-1"), "", "", "", "").unwrap_err();
        assert_eq!(err.field, EnvField::Region);
        let err = env_from(
            &EnvChoice::Custom,
            "https://l.example",
            "http://127.0.0.1:18666\\@127.0.0.1:18787",
            "",
            "",
        )
        .unwrap_err();
        assert_eq!(err.field, EnvField::Api);
        assert!(err.message.starts_with("API base URL must not contain a backslash"), "{err}");
    }

    #[test]
    fn every_select_value_reads_back_as_itself() {
        let values = ["sandbox", "custom", "server"]
            .into_iter()
            .map(str::to_string)
            .chain(REGIONS.iter().map(|r| format!("region:{}", r.name)));
        for value in values {
            let choice = EnvChoice::parse(&value);
            assert!(!matches!(choice, EnvChoice::Unknown(_)), "{value}");
            assert_eq!(choice.value(), value);
        }
        assert_eq!(EnvChoice::parse("region:mars-north-1"), EnvChoice::Unknown("mars-north-1".into()));
        assert_eq!(EnvChoice::parse("region:mars-north-1").value(), "region:mars-north-1");
    }
}
