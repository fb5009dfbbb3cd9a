//! Thin wrappers over the browser: storage, clock, randomness, the address bar, popups, the
//! clipboard and downloads. Everything here calls into JS, so it runs only in a browser; it knows
//! no type of this app's domain, and the logic it serves is tested natively where it lives.

pub mod address;
pub mod channel;
pub mod popup;
pub mod storage;

use wasm_bindgen::JsCast;

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Now, ISO 8601 in UTC (`2026-11-27T10:15:30.123Z`).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Closes this window (browsers allow it for a window a script opened).
pub fn close_window() {
    let _ = window().close();
}

/// Calls `f` once, `ms` from now.
pub fn after_ms(ms: i32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
}

/// Calls `f` once, `ms` from now and then when the browser is next idle (at the latest a further
/// `ms` later; at once where `requestIdleCallback` is missing).
pub fn when_idle_after_ms(ms: i32, f: impl FnOnce() + 'static) {
    after_ms(ms, move || {
        let f = wasm_bindgen::closure::Closure::once_into_js(f);
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(ms.max(0) as u32);
        let w = window();
        if w.request_idle_callback_with_options(f.unchecked_ref(), &options).is_err() {
            let _ = f.unchecked_ref::<js_sys::Function>().call0(&wasm_bindgen::JsValue::NULL);
        }
    });
}

/// Replaces the page with one line of text (for a page that mounts no app).
pub fn show_text(text: &str) {
    if let Some(body) = window().document().and_then(|d| d.body()) {
        body.set_text_content(Some(text));
    }
}

/// 32 bytes from `crypto.getRandomValues`.
pub fn random32() -> [u8; 32] {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).expect("crypto.getRandomValues");
    b
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> bool {
    let clip = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clip.write_text(text)).await.is_ok()
}

/// Focuses the element with this id, if there is one.
pub fn focus(id: &str) -> bool {
    let el = window().document().and_then(|d| d.get_element_by_id(id));
    el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|e| e.focus().is_ok())
}

/// Focuses the element with this id or, when it takes no focus itself (a fieldset, a group), the
/// first control inside it that does.
pub fn focus_in(id: &str) -> bool {
    let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) else { return false };
    const CONTROLS: &str =
        "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])";
    let target = if el.matches(CONTROLS).unwrap_or(false) {
        Some(el)
    } else {
        el.query_selector(CONTROLS).ok().flatten()
    };
    target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|e| e.focus().is_ok())
}

/// Is a focus event's focus going to an element that matches `selector`?
pub fn focus_goes_to(ev: &web_sys::Event, selector: &str) -> bool {
    js_sys::Reflect::get(ev, &"relatedTarget".into())
        .ok()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.matches(selector).unwrap_or(false))
}

/// The id of the nearest element around an event's target (itself included) that has one of
/// these ids.
pub fn around_target(ev: &web_sys::Event, ids: &[&str]) -> Option<String> {
    let selector = ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(&selector).ok().flatten().map(|e| e.id())
}

/// The Content-Security-Policy this page carries (its `<meta http-equiv>`; the server's header
/// holds the same), if any.
pub fn page_policy() -> Option<String> {
    let doc = window().document()?;
    let meta = doc.query_selector("meta[http-equiv='Content-Security-Policy']").ok().flatten()?;
    meta.get_attribute("content")
}

thread_local! {
    static BLOCKED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// From now on, remembers the address of every connection the page's policy blocks (the
/// browser's `securitypolicyviolation` events); once per page.
pub fn watch_policy_violations() {
    static WATCHING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if WATCHING.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let heard = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let field = |name: &str| {
            js_sys::Reflect::get(&ev, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
        };
        // Only what was enforced (a report-only policy blocks nothing).
        if field("effectiveDirective") == "connect-src" && field("disposition") != "report" {
            BLOCKED.with(|b| b.borrow_mut().push(field("blockedURI")));
        }
    });
    let _ =
        window().add_event_listener_with_callback("securitypolicyviolation", heard.as_ref().unchecked_ref());
    heard.forget();
}

/// The addresses the page's policy has blocked since [`watch_policy_violations`].
pub fn policy_violations() -> Vec<String> {
    BLOCKED.with(|b| b.borrow().clone())
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
