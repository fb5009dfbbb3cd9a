//! Remembered choices (localStorage, never a secret or a token): the environment, the method and
//! the client id, separately for the sign-in screen and the Tester.

use crate::browser::storage::Key;
use crate::env::Environment;
use crate::oauth::authorize::Method;

/// Which form a choice belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    SignIn,
    Tester,
}

impl Form {
    fn prefix(self) -> &'static str {
        match self {
            Form::SignIn => "pref.",
            Form::Tester => "pref.tester-",
        }
    }
}

/// The storage name of the remembered client id for a form, environment and method.
pub fn client_id_name(form: Form, env: &Environment, method: Method) -> String {
    format!("{}client-id.{}.{}", form.prefix(), env.key(), method.key())
}

fn client_id_key(form: Form, env: &Environment, method: Method) -> Key<String> {
    Key::browser_named(client_id_name(form, env, method))
}

fn env_key(form: Form) -> Key<Environment> {
    Key::browser_named(format!("{}env", form.prefix()))
}

const METHOD: Key<Method> = Key::browser("pref.method");
const IDLE_LIMIT_S: Key<u64> = Key::browser("pref.idle-limit-s");

/// The local inactivity limit in seconds (0: off), remembered per browser.
pub fn idle_limit_s() -> u64 {
    IDLE_LIMIT_S.load().unwrap_or(0)
}

pub fn set_idle_limit_s(seconds: u64) {
    IDLE_LIMIT_S.save(&seconds);
}

/// Where an earlier version kept the Tester's client id (the method by its Rust name).
fn legacy_client_id_key(form: Form, env: &Environment, method: Method) -> Option<Key<String>> {
    (form == Form::Tester)
        .then(|| Key::browser_named(format!("pref.tester-client-id.{}.{method:?}", env.key())))
}

/// The client id to prefill: the remembered one, else the one the environment is known to have.
pub fn initial_client_id(form: Form, env: &Environment, method: Method) -> String {
    client_id_key(form, env, method)
        .load()
        .or_else(|| legacy_client_id_key(form, env, method)?.load())
        .or_else(|| env.known_client_id(method == Method::Pkce).map(str::to_string))
        .unwrap_or_default()
}

/// The environment to preselect: the remembered one when still valid (it is checked again as it
/// is read), else the one for this host.
pub fn initial_env(form: Form, hostname: &str) -> Environment {
    env_key(form).load().unwrap_or_else(|| Environment::default_for_host(hostname))
}

/// The sign-in screen's method: the remembered one, else PKCE.
pub fn initial_method() -> Method {
    METHOD.load().unwrap_or(Method::Pkce)
}

/// Remembers a form's choices after it started a sign-in.
pub fn remember(form: Form, env: &Environment, method: Method, client_id: &str) {
    client_id_key(form, env, method).save(&client_id.trim().to_string());
    env_key(form).save(env);
    if form == Form::SignIn {
        METHOD.save(&method);
    }
}

/// The sign-in screen no longer offers `client_id` for this environment and method (it was
/// disabled or deleted from this console): the field starts empty.
pub fn forget_client_id(env: &Environment, method: Method) {
    client_id_key(Form::SignIn, env, method).save(&String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_kept_per_form_environment_and_method() {
        let env = Environment::region("eu-west-1").unwrap();
        assert_eq!(client_id_name(Form::SignIn, &env, Method::Pkce), "pref.client-id.region:eu-west-1.pkce");
        assert_eq!(
            client_id_name(Form::Tester, &Environment::Sandbox, Method::Implicit),
            "pref.tester-client-id.sandbox.implicit"
        );
        assert_ne!(
            client_id_name(Form::SignIn, &env, Method::Pkce),
            client_id_name(Form::SignIn, &env, Method::Implicit)
        );
    }
}
