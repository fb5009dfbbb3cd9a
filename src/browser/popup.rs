//! Popups that cannot reach the page that opened them.

use super::window;
use wasm_bindgen::JsValue;

/// Opens `url` in a popup whose pages cannot reach this one. It opens blank first, so the
/// browser's popup blocker answers now and this page keeps the handle (to see it closed and to
/// close it); then its opener is cut (`opener = null`, what `noopener` does: the login page finds
/// no `window.opener` to navigate or message); only then does it go to `url`. Its answer comes
/// back on a channel (see `tester::handover`). `None` when the browser blocked it.
pub fn open(url: &str) -> Option<web_sys::Window> {
    let win = window()
        .open_with_url_and_target_and_features("about:blank", "_blank", "popup,width=520,height=720")
        .ok()
        .flatten()?;
    // (Set is false, not an error, where the property would not take the value: then check.)
    let cut = js_sys::Reflect::set(&win, &"opener".into(), &JsValue::NULL).unwrap_or(false)
        && win.opener().is_ok_and(|o| o.is_null());
    if !cut || win.location().set_href(url).is_err() {
        let _ = win.close();
        return None;
    }
    Some(win)
}
