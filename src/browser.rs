//! Thin wrappers over the browser: storage, clock, randomness, the address bar.
//! Everything here calls into JS, so it runs only in a browser; the logic it serves is tested
//! natively in the modules that call it.

use crate::oauth::callback::Capture;
use crate::oauth::pending::{Pending, PendingStore};
use crate::oauth::session::Session;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsCast;

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

const VALUE_PREFIX: &str = "oauth-console.";

/// A small value for this tab (never a secret).
pub fn session_value(key: &str) -> Option<String> {
    session_storage()?.get_item(&format!("{VALUE_PREFIX}{key}")).ok().flatten()
}

pub fn set_session_value(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(&format!("{VALUE_PREFIX}{key}"), value);
    }
}

/// The app's origin (`http://127.0.0.1:8080`).
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The address now.
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

/// Every value in localStorage and sessionStorage.
pub fn storage_values() -> Vec<String> {
    let mut out = Vec::new();
    for store in [local_storage(), session_storage()].into_iter().flatten() {
        let n = store.length().unwrap_or(0);
        for i in 0..n {
            if let Some(v) = store.key(i).ok().flatten().and_then(|k| store.get_item(&k).ok().flatten()) {
                out.push(v);
            }
        }
    }
    out
}

/// Every URL this page requested (Resource Timing), and its own address.
pub fn requested_urls() -> Vec<String> {
    let mut out = vec![href()];
    if let Some(perf) = window().performance() {
        for entry in perf.get_entries_by_type("resource").iter() {
            if let Ok(e) = entry.dyn_into::<web_sys::PerformanceEntry>() {
                out.push(e.name());
            }
        }
    }
    out
}

/// The message a popup sends its opener.
pub const POPUP_MESSAGE: &str = "oauth-console.callback";

/// In a popup opened by this app: hands the callback to the opener (same origin only, by exact
/// origin) and closes. Returns false when there is no such opener.
pub fn hand_to_opener(capture: &Capture) -> bool {
    let w = window();
    let Ok(opener) = w.opener() else { return false };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    // The opener lives in another realm, so `instanceof Window` is false there: cast unchecked.
    let opener = opener.unchecked_into::<web_sys::Window>();
    let own = origin();
    // Reading a cross-origin opener's location throws: then it is not ours.
    let same_origin = opener.location().origin().is_ok_and(|o| o == own);
    if !same_origin {
        return false;
    }
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &str| js_sys::Reflect::set(&msg, &k.into(), &v.into()).is_ok();
    let ok = set("type", POPUP_MESSAGE) && set("fragment", &capture.fragment) && set("query", &capture.query);
    if ok && opener.post_message(&msg, &own).is_ok() {
        let _ = w.close();
        return true;
    }
    false
}

/// Opens the authorize URL in a popup; `None` when the browser blocked it.
pub fn open_popup(url: &str) -> Option<web_sys::Window> {
    window()
        .open_with_url_and_target_and_features(url, "oauth-console-signin", "popup,width=520,height=720")
        .ok()
        .flatten()
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = window().document() {
        if let Ok(a) = doc.create_element("a") {
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", filename);
            if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
                a.click();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
