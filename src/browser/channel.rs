//! A `BroadcastChannel`: messages between the tabs and popups of this origin, by the channel's
//! name only. A message is a structured object (a serde type, written by `serde_json` and read
//! into an object by the browser's `JSON`): `serde-wasm-bindgen` did the same for 2.7 KB more
//! gzip, and `serde_json` is here anyway.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// An open channel; it stops listening and closes when dropped.
pub struct Channel {
    inner: web_sys::BroadcastChannel,
    listener: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

impl Channel {
    /// Opens the channel `name` of this origin; `None` where the browser has none.
    pub fn open(name: &str) -> Option<Channel> {
        let inner = web_sys::BroadcastChannel::new(name).ok()?;
        Some(Channel { inner, listener: None })
    }

    /// Posts `message` to every other page listening on this channel.
    pub fn post<T: Serialize>(&self, message: &T) -> bool {
        let Ok(text) = serde_json::to_string(message) else { return false };
        js_sys::JSON::parse(&text).is_ok_and(|v| self.inner.post_message(&v).is_ok())
    }

    /// Calls `on` with every message that reads as a `T` (others are ignored), replacing any
    /// listener before.
    pub fn listen<T: DeserializeOwned + 'static>(&mut self, mut on: impl FnMut(T) + 'static) {
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let text =
                js_sys::JSON::stringify(&ev.data()).ok().and_then(|t| t.as_string()).unwrap_or_default();
            if let Ok(message) = serde_json::from_str::<T>(&text) {
                on(message);
            }
        });
        self.inner.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        self.listener = Some(listener);
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.inner.set_onmessage(None);
        self.inner.close();
    }
}
