//! The address bar and history: the app's own URL, the current path, leaving for another page,
//! and taking a response out of the address before anything renders.

use super::window;
use wasm_bindgen::JsCast;

/// The app's own URL (its base, without query or fragment): the redirect URI it registers.
pub fn app_url() -> String {
    let doc = window().document().expect("document");
    let base = doc.base_uri().ok().flatten().unwrap_or_else(|| origin() + "/");
    base.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// The current in-app path, e.g. `/clients`.
pub fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// The app's origin (`http://127.0.0.1:8080`).
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

pub fn hostname() -> String {
    window().location().hostname().unwrap_or_default()
}

/// The address now.
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

/// Leaves the app for another page (the login host).
pub fn go_to(url: &str) {
    let _ = window().location().assign(url);
}

/// The fragment and query of the address (without `#` / `?`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub fragment: String,
    pub query: String,
}

/// Takes the fragment and query out of the address (and out of the history entry) when `wanted`
/// says so; the address is left untouched otherwise.
pub fn take_parts_if(wanted: impl Fn(&Parts) -> bool) -> Option<Parts> {
    let loc = window().location();
    let parts = Parts {
        fragment: loc.hash().unwrap_or_default().trim_start_matches('#').to_string(),
        query: loc.search().unwrap_or_default().trim_start_matches('?').to_string(),
    };
    if !wanted(&parts) {
        return None;
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&current_path()));
    }
    Some(parts)
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
