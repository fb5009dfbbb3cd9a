//! Answers read as streams with a cap: a server (a login host, any OAuth server, the org) cannot
//! make this page hold more than the endpoint needs. 1 MB unless the endpoint needs more: the
//! org's listings, which for a 10,000-client org run to megabytes.

/// The most an answer may hold, unless its endpoint needs more.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The most a listing of the org may hold (the client listing of a 10,000-client org is about
/// 6 MB).
pub const MAX_LISTING_BYTES: usize = 32 << 20;

/// The most an error answer is read for its message.
pub const MAX_ERROR_BYTES: usize = 64 << 10;

/// The paths of the org's listings that come whole, which may be large (roles and divisions come
/// a page of 100 at a time, each an ordinary answer).
const LISTINGS: [&str; 3] = ["/api/v2/oauth/clients", "/api/v2/oauth/authorizations", "/api/v2/oauth/scopes"];

/// The cap for an answer of the Platform API at `path` (its query ignored).
pub fn cap_for(path: &str) -> usize {
    let path = path.split('?').next().unwrap_or_default();
    if LISTINGS.contains(&path) {
        MAX_LISTING_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// An answer cut off at its cap: nothing of it is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    pub cap: usize,
}

/// The bytes of an answer as they arrive, refused once they pass the cap.
#[derive(Debug)]
pub struct Capped {
    cap: usize,
    bytes: Vec<u8>,
}

impl Capped {
    pub fn new(cap: usize) -> Capped {
        Capped { cap, bytes: Vec::new() }
    }

    /// Adds a chunk; past the cap, the answer is refused (and the caller stops reading).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), TooLarge> {
        if self.bytes.len() + chunk.len() > self.cap {
            self.bytes.clear();
            return Err(TooLarge { cap: self.cap });
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// How many more bytes fit.
    pub fn room(&self) -> usize {
        self.cap - self.bytes.len()
    }

    /// The answer as text (invalid UTF-8 replaced, as the browser's `text()` does).
    pub fn text(self) -> String {
        String::from_utf8(self.bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Reads the body of `resp` as a stream, at most `cap` bytes.
pub async fn read(resp: &gloo_net::http::Response, cap: usize) -> Result<Result<String, TooLarge>, ()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(stream) = resp.body() else { return Ok(Ok(String::new())) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().dyn_into().map_err(|_| ())?;
    let mut capped = Capped::new(cap);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| ())?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(|_| ())?.as_bool().unwrap_or(true);
        if done {
            return Ok(Ok(capped.text()));
        }
        let value: js_sys::Uint8Array =
            js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| ())?.unchecked_into();
        // Judged by its length before it is copied into this module's memory.
        let pushed = if capped.room() >= value.length() as usize {
            capped.push(&value.to_vec())
        } else {
            Err(TooLarge { cap })
        };
        if let Err(e) = pushed {
            // Nothing more of it is fetched.
            let _ = reader.cancel();
            return Ok(Err(e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_past_its_cap_is_refused() {
        let mut c = Capped::new(10);
        assert_eq!(c.push(b"hello"), Ok(()));
        assert_eq!(c.push(b"world"), Ok(()));
        assert_eq!(c.text(), "helloworld");
        let mut c = Capped::new(10);
        c.push(b"hello").unwrap();
        assert_eq!(c.push(b"world!"), Err(TooLarge { cap: 10 }));
        assert_eq!(Capped::new(4).text(), "");
    }

    #[test]
    fn listings_may_be_larger() {
        assert_eq!(cap_for("/api/v2/oauth/clients"), MAX_LISTING_BYTES);
        assert_eq!(cap_for("/api/v2/oauth/authorizations"), MAX_LISTING_BYTES);
        assert_eq!(cap_for("/api/v2/authorization/roles?pageSize=100&pageNumber=2"), MAX_BODY_BYTES);
        assert_eq!(cap_for("/api/v2/oauth/clients/abc"), MAX_BODY_BYTES);
        assert_eq!(cap_for("/api/v2/tokens/me?preserveIdleTTL=true"), MAX_BODY_BYTES);
        let mut c = Capped::new(10);
        c.push(b"1234").unwrap();
        assert_eq!(c.room(), 6);
    }
}
