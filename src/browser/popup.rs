//! Popups: open one, hand a message to the opener (same origin only), and receive it.

use super::{address::origin, window};
use wasm_bindgen::JsCast;

/// Opens `url` in a popup; `None` when the browser blocked it.
pub fn open(url: &str) -> Option<web_sys::Window> {
    window()
        .open_with_url_and_target_and_features(url, "oauth-console-signin", "popup,width=520,height=720")
        .ok()
        .flatten()
}

/// In a popup opened by a page of this origin: posts `fields` (string pairs, with `type` set to
/// `kind`) to the opener, by exact origin, and closes. False when there is no such opener.
pub fn hand_to_opener(kind: &str, fields: &[(&str, &str)]) -> bool {
    let w = window();
    let Ok(opener) = w.opener() else { return false };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    // The opener lives in another realm, so `instanceof Window` is false there: cast unchecked.
    let opener = opener.unchecked_into::<web_sys::Window>();
    let own = origin();
    // Reading a cross-origin opener's location throws: then it is not ours.
    if !opener.location().origin().is_ok_and(|o| o == own) {
        return false;
    }
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &str| js_sys::Reflect::set(&msg, &k.into(), &v.into()).is_ok();
    let ok = set("type", kind) && fields.iter().all(|(k, v)| set(k, v));
    if ok && opener.post_message(&msg, &own).is_ok() {
        let _ = w.close();
        return true;
    }
    false
}

/// A message of `kind` from exactly `from` (the popup this page opened) and this origin:
/// reads its string `fields`, in order. `None` for anything else.
pub fn message_from(
    ev: &web_sys::MessageEvent,
    from: &web_sys::Window,
    kind: &str,
    fields: &[&str],
) -> Option<Vec<String>> {
    if ev.origin() != origin() || !ev.source().is_some_and(|s| js_sys::Object::is(&s, from.as_ref())) {
        return None;
    }
    let data = ev.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok().and_then(|v| v.as_string());
    if get("type").as_deref() != Some(kind) {
        return None;
    }
    Some(fields.iter().map(|f| get(f).unwrap_or_default()).collect())
}
