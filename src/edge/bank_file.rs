//! Fetching the bank file (`bank-<revision>.json`, written beside the wasm by `cargo xtask
//! dist`). `index.html` names it in `<link id="mogi-bank" rel="preload">`, so the browser has
//! been downloading it while the wasm compiled; this fetch picks up that download.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why the bank file could not be fetched, in words for the failure screen.
pub(crate) type FetchError = String;

/// The bank file's text.
pub(crate) async fn fetch() -> Result<String, FetchError> {
    let window = web_sys::window().ok_or("no window")?;
    let url = window
        .document()
        .and_then(|d| d.get_element_by_id("mogi-bank"))
        .and_then(|link| link.get_attribute("href"))
        .ok_or("index.html names no bank file (link#mogi-bank)")?;
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| format!("{url}: the network request failed"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| format!("{url}: unreadable body"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: the download was cut off"))
}
