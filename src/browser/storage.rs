//! Typed keys over the browser's storage: [`Key<T>`] names a JSON value in this tab's
//! sessionStorage ([`Area::Tab`]) or in the browser's localStorage ([`Area::Browser`]).

use serde::{de::DeserializeOwned, Serialize};
use std::borrow::Cow;
use std::marker::PhantomData;

/// Every key this app writes starts with this.
pub const PREFIX: &str = "oauth-console.";

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

impl<T: Serialize + DeserializeOwned> Key<T> {
    pub const fn tab(name: &'static str) -> Key<T> {
        Key { area: Area::Tab, name: Cow::Borrowed(name), _value: PhantomData }
    }

    pub const fn browser(name: &'static str) -> Key<T> {
        Key { area: Area::Browser, name: Cow::Borrowed(name), _value: PhantomData }
    }

    /// A key whose name is made at run time (one per client, say).
    pub fn named(area: Area, name: String) -> Key<T> {
        Key { area, name: Cow::Owned(name), _value: PhantomData }
    }

    /// The full storage key.
    pub fn full_name(&self) -> String {
        format!("{PREFIX}{}", self.name)
    }

    pub fn load(&self) -> Option<T> {
        let raw = area(self.area)?.get_item(&self.full_name()).ok().flatten()?;
        serde_json::from_str(&raw).ok()
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

/// Removes every key of this app from this tab's sessionStorage whose name starts with
/// `oauth-console.<prefix>`.
pub fn clear_tab_keys(prefix: &str) {
    let Some(store) = area(Area::Tab) else { return };
    let full = format!("{PREFIX}{prefix}");
    let n = store.length().unwrap_or(0);
    let names: Vec<String> =
        (0..n).filter_map(|i| store.key(i).ok().flatten()).filter(|k| k.starts_with(&full)).collect();
    for k in names {
        let _ = store.remove_item(&k);
    }
}
