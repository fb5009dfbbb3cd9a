//! The address bar and history: the app's own URL, the current path, leaving for another page,
//! and taking a response out of the address before anything renders.

use super::window;
use wasm_bindgen::JsCast;

/// The app's own URL (its base, without query or fragment): the redirect URI it registers.
pub fn app_url() -> String {
    let doc = window().document().expect("document");
    let base = doc.base_uri().ok().flatten().unwrap_or_else(|| origin() + "/");
    crate::url::HttpUrl::parse(&base).map(|u| u.base()).unwrap_or(base)
}

/// The path the app is served under, read once from the document's `<base href>` (Trunk's
/// public URL): `""` at the root of its host, `"/oauth-console"` under a sub-path. Routes, links
/// and storage keys are made under it. Outside a browser (native tests) it is `""`.
pub fn base_path() -> String {
    thread_local! {
        static BASE: String = if cfg!(target_arch = "wasm32") {
            window().document().and_then(|d| d.base_uri().ok().flatten()).map(|b| base_of(&b)).unwrap_or_default()
        } else {
            String::new()
        };
    }
    BASE.with(String::clone)
}

/// The path of a base URL, without its trailing slash (`http://h/a/b/` → `/a/b`; `http://h/` → `""`).
pub fn base_of(base_url: &str) -> String {
    let Ok(url) = crate::url::HttpUrl::parse(base_url) else { return String::new() };
    let path = url.path();
    // A base names a folder: `/a/index.html` serves `/a/`.
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    folder.trim_end_matches('/').to_string()
}

/// The in-app path of an address path under `base` (`/oauth-console/clients` → `/clients`); a
/// path outside the base is returned whole.
pub fn in_app_path(pathname: &str, base: &str) -> String {
    match pathname.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(rest) if base.is_empty() || rest.starts_with('/') => rest.to_string(),
        _ => pathname.to_string(),
    }
}

/// The link to an in-app path under the base (`/clients` → `/oauth-console/clients`). Leptos'
/// `<A>` takes an absolute href as it is, while `navigate` adds the base itself: links use this,
/// navigations the bare in-app path.
pub fn app_href(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// The current in-app path, e.g. `/clients` (the base the app is served under taken off).
pub fn current_path() -> String {
    in_app_path(&pathname(), &base_path())
}

/// The path of the address bar, base included (`/oauth-console/clients`).
fn pathname() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// This page's address without query or fragment (`http://127.0.0.1:8080/oauth-console/`).
pub fn page_address() -> String {
    origin() + &pathname()
}

/// The app's origin (`http://127.0.0.1:8080`).
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Loads the page again from the server (a new version's first module included).
pub fn reload() {
    let _ = window().location().reload();
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
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&pathname()));
    }
    Some(parts)
}

/// Puts `url` (of this origin) in the address bar, in place of the history entry.
pub fn replace_address(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_of_the_document() {
        assert_eq!(base_of("http://127.0.0.1:8080/"), "");
        assert_eq!(base_of("https://tools.example.com/oauth-console/"), "/oauth-console");
        assert_eq!(base_of("https://tools.example.com/a/b/"), "/a/b");
        assert_eq!(base_of("https://tools.example.com/a/index.html"), "/a");
        assert_eq!(base_of("https://tools.example.com/a/?x=1#y"), "/a");
        assert_eq!(base_of("https://tools.example.com"), "");
    }

    #[test]
    fn links_under_the_base() {
        // Natively the base is the root's.
        assert_eq!(app_href("/clients"), "/clients");
        assert_eq!(in_app_path(&format!("/oauth-console{}", "/clients/x"), "/oauth-console"), "/clients/x");
    }

    #[test]
    fn in_app_paths_under_a_base() {
        assert_eq!(in_app_path("/clients/x", ""), "/clients/x");
        assert_eq!(in_app_path("/oauth-console/", "/oauth-console"), "/");
        assert_eq!(in_app_path("/oauth-console", "/oauth-console"), "/");
        assert_eq!(in_app_path("/oauth-console/clients/x", "/oauth-console"), "/clients/x");
        // Not under the base (a sibling whose name starts the same): left whole.
        assert_eq!(in_app_path("/oauth-console-2/clients", "/oauth-console"), "/oauth-console-2/clients");
        assert_eq!(in_app_path("/other", "/oauth-console"), "/other");
    }
}
