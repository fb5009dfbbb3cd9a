//! Typed keys over the browser's storage: [`Key<T>`] names a JSON value in this tab's
//! sessionStorage ([`Area::Tab`]) or in the browser's localStorage ([`Area::Browser`]).

use serde::{de::DeserializeOwned, Serialize};
use std::borrow::Cow;
use std::marker::PhantomData;

/// Every key this app writes starts with this at the root of its host.
pub const PREFIX: &str = "oauth-console.";

/// The start of every key of the app served under `base` (see [`super::address::base_path`]):
/// [`PREFIX`] at the root, `oauth-console/tools/oauth/.` under `/tools/oauth`, so that two copies
/// on one host (a root and a sub-path, say) never read each other's session or drafts. (The
/// `/.` ends the base: `/a`'s keys never start `/a.b`'s, nor `/a/b`'s.)
pub fn prefix_for(base: &str) -> String {
    if base.is_empty() {
        PREFIX.to_string()
    } else {
        format!("oauth-console{base}/.")
    }
}

/// The prefix of this copy of the app.
pub fn prefix() -> String {
    prefix_for(&super::address::base_path())
}

/// Which storage a key lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// sessionStorage: this tab only, gone when the tab closes.
    Tab,
    /// localStorage: this browser, kept. Never a secret or a token.
    Browser,
}

/// A value of type `T` stored as JSON under `oauth-console.<name>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key<T> {
    area: Area,
    name: Cow<'static, str>,
    _value: PhantomData<fn() -> T>,
}

/// How long a value of this tab lives, which is what decides whether a sign-out clears it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// Of the tab's sign-in and its work: gone at every sign-out.
    SignIn,
    /// Of one place (an environment and org): kept while that place's session stays signed in.
    Place,
    /// Of the sessions kept beside the shown one: kept while any of them stays.
    Shelf,
}

/// A key of this tab's sessionStorage, with its lifetime: the only way to name one, so every
/// such key is in [`TAB_KEYS`].
#[derive(Debug, PartialEq, Eq)]
pub struct TabKey {
    /// The name after the app's prefix, or the start of the names (a place's keys).
    name: &'static str,
    lifetime: Lifetime,
}

macro_rules! tab_keys {
    ($($(#[$doc:meta])* $id:ident = $name:literal, $lifetime:ident;)*) => {
        $($(#[$doc])* pub const $id: TabKey = TabKey { name: $name, lifetime: Lifetime::$lifetime };)*
        /// Every key of this tab's storage.
        pub const TAB_KEYS: &[TabKey] = &[$($id),*];
    };
}

tab_keys! {
    /// Sign-ins that left for the login page.
    PENDING = "pending", SignIn;
    /// The shown session.
    SESSION = "session", SignIn;
    /// The sessions of other environments and orgs, to switch to.
    SHELF = "shelf", Shelf;
    /// Who started the last sign-in (the admin or the Tester).
    LAST_OWNER = "last-owner", SignIn;
    /// What a switch says on the page it loads.
    SWITCHED = "switched", SignIn;
    /// Clients copied to another environment.
    COPY = "copy", SignIn;
    /// The login doctor's one-time offer.
    TESTER_FIX = "tester-fix", SignIn;
    /// The Login tester's runs.
    TESTER_RUNS = "tester-runs", SignIn;
    /// A run another page handed to the Login tester.
    TESTER_PREFILL = "tester-prefill", SignIn;
    /// The client form's drafts, one per place and client (`draft.<environment>.<org>.<client>`).
    DRAFTS = "draft.", Place;
}

impl TabKey {
    pub const fn name(&self) -> &'static str {
        self.name
    }

    pub const fn lifetime(&self) -> Lifetime {
        self.lifetime
    }

    /// The registered key a stored name belongs to.
    pub fn of(name: &str) -> Option<&'static TabKey> {
        TAB_KEYS.iter().find(|k| match k.lifetime {
            Lifetime::Place => name.starts_with(k.name),
            _ => name == k.name,
        })
    }
}

impl<T: Serialize + DeserializeOwned> Key<T> {
    pub const fn tab(key: &TabKey) -> Key<T> {
        Key { area: Area::Tab, name: Cow::Borrowed(key.name), _value: PhantomData }
    }

    /// One of a place's keys, by its whole name (a name that does not start with `key`'s gets
    /// it in front: a place's key is always found as one).
    pub fn of_place(key: &TabKey, name: String) -> Key<T> {
        let name = if name.starts_with(key.name) { name } else { format!("{}{name}", key.name) };
        Key { area: Area::Tab, name: Cow::Owned(name), _value: PhantomData }
    }

    pub const fn browser(name: &'static str) -> Key<T> {
        Key { area: Area::Browser, name: Cow::Borrowed(name), _value: PhantomData }
    }

    /// A key of the browser's storage whose name is made at run time (one per environment, say).
    pub fn browser_named(name: String) -> Key<T> {
        Key { area: Area::Browser, name: Cow::Owned(name), _value: PhantomData }
    }

    /// The full storage key.
    pub fn full_name(&self) -> String {
        format!("{}{}", prefix(), self.name)
    }

    /// The stored value. A value an earlier version stored as plain text (not JSON) is read as
    /// a JSON string.
    pub fn load(&self) -> Option<T> {
        let raw = area(self.area)?.get_item(&self.full_name()).ok().flatten()?;
        decode(&raw)
    }

    pub fn save(&self, value: &T) {
        if let (Some(s), Ok(json)) = (area(self.area), serde_json::to_string(value)) {
            let _ = s.set_item(&self.full_name(), &json);
        }
    }

    pub fn remove(&self) {
        if let Some(s) = area(self.area) {
            let _ = s.remove_item(&self.full_name());
        }
    }
}

/// Removes every key of this app from this tab's sessionStorage (localStorage stays).
pub fn clear_tab() {
    clear_tab_where(|_| true);
}

/// Removes this tab's keys whose names (after the app's prefix) start with `name`.
pub fn clear_tab_starting(name: &str) {
    clear_tab_where(|n| n.starts_with(name));
}

/// Removes this tab's keys of this app whose names (after the app's prefix) `gone` picks.
pub fn clear_tab_where(gone: impl Fn(&str) -> bool) {
    let Some(store) = area(Area::Tab) else { return };
    let n = store.length().unwrap_or(0);
    let prefix = prefix();
    let ours: Vec<String> = (0..n)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.strip_prefix(&prefix).is_some_and(&gone))
        .collect();
    for k in ours {
        let _ = store.remove_item(&k);
    }
}

/// A stored value as JSON, or (when it is not JSON) as a plain text value. The text is read
/// back through the same JSON reader, quoted, so each type has one reader in the module.
fn decode<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_str(raw).ok().or_else(|| serde_json::from_str(&serde_json::to_string(raw).ok()?).ok())
}

fn area(a: Area) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match a {
        Area::Tab => w.session_storage().ok().flatten(),
        Area::Browser => w.local_storage().ok().flatten(),
    }
}

/// Every value in localStorage and sessionStorage (to check what a page left there).
pub fn all_values() -> Vec<String> {
    let mut out = Vec::new();
    for store in [area(Area::Browser), area(Area::Tab)].into_iter().flatten() {
        let n = store.length().unwrap_or(0);
        for i in 0..n {
            if let Some(v) = store.key(i).ok().flatten().and_then(|k| store.get_item(&k).ok().flatten()) {
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_the_plain_text_of_earlier_versions() {
        assert_eq!(decode::<String>("\"abc\""), Some("abc".to_string()));
        assert_eq!(decode::<String>("5b0a1c7e-6f1d"), Some("5b0a1c7e-6f1d".to_string()), "plain text");
        assert_eq!(decode::<Vec<u32>>("[1,2]"), Some(vec![1, 2]));
        assert_eq!(decode::<Vec<u32>>("junk"), None);
        let key: Key<u32> = Key::browser_named("pref.x".into());
        assert_eq!(key.full_name(), "oauth-console.pref.x");
        assert_eq!(prefix_for(""), "oauth-console.");
        assert_eq!(prefix_for("/tools/oauth"), "oauth-console/tools/oauth/.");
        // No copy's keys start with another's prefix.
        let bases = ["", "/a", "/a.b", "/a/b", "/oauth-console"];
        for x in bases {
            for y in bases.iter().filter(|y| **y != x) {
                assert!(!prefix_for(y).starts_with(&prefix_for(x)), "{x:?} / {y:?}");
            }
        }
    }

    #[test]
    fn every_tab_key_is_found_by_its_names() {
        for key in TAB_KEYS {
            assert_eq!(TabKey::of(key.name), Some(key), "{}", key.name);
            assert_eq!(TAB_KEYS.iter().filter(|k| k.name == key.name).count(), 1, "{} once", key.name);
        }
        assert_eq!(TabKey::of("draft.region:eu-west-1.org-1.new"), Some(&DRAFTS));
        assert_eq!(TabKey::of("sessions"), None);
        assert_eq!(TabKey::of("pending.old"), None);
        // A place's key is always one of the place's names.
        assert_eq!(
            Key::<u32>::of_place(&DRAFTS, "draft.a.b.new".into()).full_name(),
            "oauth-console.draft.a.b.new"
        );
        assert_eq!(Key::<u32>::of_place(&DRAFTS, "x".into()).full_name(), "oauth-console.draft.x");
    }
}
