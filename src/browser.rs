//! Thin wrappers over the browser: storage, clock, randomness, the address bar.
//! Everything here calls into JS, so it runs only in a browser; the logic it serves is tested
//! natively in the modules that call it.

use crate::oauth::callback::Capture;
use crate::oauth::pending::{Pending, PendingStore};
use crate::oauth::session::Session;
use serde::{de::DeserializeOwned, Serialize};

const PENDING_KEY: &str = "oauth-console.pending";
const SESSION_KEY: &str = "oauth-console.session";
const PREFS_PREFIX: &str = "oauth-console.pref.";

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// 32 bytes from `crypto.getRandomValues`.
pub fn random32() -> [u8; 32] {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).expect("crypto.getRandomValues");
    b
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read<T: DeserializeOwned>(store: Option<web_sys::Storage>, key: &str) -> Option<T> {
    let raw = store?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

fn write<T: Serialize>(store: Option<web_sys::Storage>, key: &str, value: &T) {
    if let (Some(s), Ok(json)) = (store, serde_json::to_string(value)) {
        let _ = s.set_item(key, &json);
    }
}

pub fn load_pending() -> PendingStore {
    read(session_storage(), PENDING_KEY).unwrap_or_default()
}

pub fn save_pending(store: &PendingStore) {
    write(session_storage(), PENDING_KEY, store);
}

pub fn add_pending(p: Pending) {
    let mut store = load_pending();
    store.insert(p, now_ms());
    save_pending(&store);
}

pub fn load_session() -> Option<Session> {
    read(session_storage(), SESSION_KEY)
}

pub fn save_session(s: &Session) {
    write(session_storage(), SESSION_KEY, s);
}

pub fn clear_session() {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(SESSION_KEY);
    }
}

/// A remembered preference (never a secret or a token) in localStorage.
pub fn pref(key: &str) -> Option<String> {
    local_storage()?.get_item(&format!("{PREFS_PREFIX}{key}")).ok().flatten()
}

pub fn set_pref(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(&format!("{PREFS_PREFIX}{key}"), value);
    }
}

pub fn hostname() -> String {
    window().location().hostname().unwrap_or_default()
}

/// The app's own URL (its base, without query or fragment): the redirect URI it registers.
pub fn app_url() -> String {
    let doc = window().document().expect("document");
    let base = doc
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| window().location().origin().unwrap_or_default() + "/");
    base.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// The current in-app path (relative to the base), e.g. `/clients`.
pub fn current_path() -> String {
    let loc = window().location();
    loc.pathname().unwrap_or_else(|_| "/".into())
}

/// Reads the OAuth response from the address bar and removes it, before anything renders.
/// Only an address that carries an OAuth response is touched.
pub fn take_callback() -> Option<Capture> {
    let loc = window().location();
    let capture = Capture {
        fragment: loc.hash().unwrap_or_default().trim_start_matches('#').to_string(),
        query: loc.search().unwrap_or_default().trim_start_matches('?').to_string(),
    };
    if !capture.is_oauth_response() {
        return None;
    }
    let clean = loc.pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    Some(capture)
}

/// Leaves the app for another page (the login host).
pub fn go_to(url: &str) {
    let _ = window().location().assign(url);
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> bool {
    let clip = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clip.write_text(text)).await.is_ok()
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

const DRAFT_PREFIX: &str = "oauth-console.draft.";

/// An unsaved client form (never a secret), kept for this tab.
pub fn load_draft<T: DeserializeOwned>(key: &str) -> Option<T> {
    read(session_storage(), &format!("{DRAFT_PREFIX}{key}"))
}

pub fn save_draft<T: Serialize>(key: &str, draft: &T) {
    write(session_storage(), &format!("{DRAFT_PREFIX}{key}"), draft);
}

pub fn clear_draft(key: &str) {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(&format!("{DRAFT_PREFIX}{key}"));
    }
}
