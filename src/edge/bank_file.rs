//! Fetching the bank's files (see `mogi_core::pack`). `index.html` names the index in
//! `<meta name="mogi-bank">`, and its loader has been downloading it (the promise
//! `window.mogiBankIndex`) while the wasm compiled. The content chunks are named after the
//! index's revision, beside it, and fetched when the app asks.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a bank file could not be fetched, in words for the failure screen.
pub(crate) type FetchError = String;

/// The index's text: from the download the page began, or else fetched now.
pub(crate) async fn index_text() -> Result<String, FetchError> {
    let url = index_url()?;
    let early = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"mogiBankIndex".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let response = match early {
        Some(promise) => checked(&url, JsFuture::from(promise).await)?,
        None => get(&url).await?,
    };
    let text = response
        .text()
        .map_err(|_| format!("{url}: unreadable body"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: the download was cut off"))
}

/// The index's address, from `<meta name="mogi-bank">`.
fn index_url() -> Result<String, FetchError> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=mogi-bank]").ok().flatten())
        .and_then(|element| element.get_attribute("content"))
        .ok_or_else(|| "index.html names no bank index (meta[name=mogi-bank])".to_owned())
}

/// A chunk download that has not finished after this long is abandoned and tried again, up to
/// [`ATTEMPTS`] times in all: a connection that stalls (a train entering a tunnel, a proxy
/// that drops a request) should not leave the user waiting for ever.
const STALL_MS: u32 = 15_000;
const ATTEMPTS: usize = 3;

/// A content chunk's bytes.
pub(crate) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    for _ in 0..ATTEMPTS {
        if let Some(done) = fetch_bytes_within(url, STALL_MS).await {
            return done;
        }
    }
    Err(format!("{url}: no answer in {} s", STALL_MS / 1000))
}

/// One download of `url`, abandoned (`None`) if it has not finished in `limit_ms`.
async fn fetch_bytes_within(url: &str, limit_ms: u32) -> Option<Result<Vec<u8>, FetchError>> {
    let window = web_sys::window()?;
    let abort = web_sys::AbortController::new().ok();
    let stalled = std::rc::Rc::new(std::cell::Cell::new(false));
    let init = web_sys::RequestInit::new();
    init.set_signal(
        abort
            .as_ref()
            .map(web_sys::AbortController::signal)
            .as_ref(),
    );
    let _watch = abort.map(|abort| {
        let stalled = std::rc::Rc::clone(&stalled);
        gloo_timers::callback::Timeout::new(limit_ms, move || {
            stalled.set(true);
            abort.abort();
        })
    });
    let done = bytes_of(
        url,
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await,
    )
    .await;
    if done.is_err() && stalled.get() {
        None
    } else {
        Some(done)
    }
}

/// The body of a settled `fetch()` of `url`.
async fn bytes_of(
    url: &str,
    settled: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
) -> Result<Vec<u8>, FetchError> {
    let buffer = checked(url, settled)?
        .array_buffer()
        .map_err(|_| format!("{url}: unreadable body"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url}: the download was cut off"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

async fn get(url: &str) -> Result<web_sys::Response, FetchError> {
    let window = web_sys::window().ok_or("no window")?;
    checked(url, JsFuture::from(window.fetch_with_str(url)).await)
}

/// A settled `fetch()`: a response with a success status, or why not.
fn checked(
    url: &str,
    settled: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
) -> Result<web_sys::Response, FetchError> {
    let response = settled
        .map_err(|_| format!("{url}: the network request failed"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| format!("{url}: not a response"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!("{url}: HTTP {}", response.status()))
    }
}
