//! Fetching the bank's two files (see `mogi_core::pack`). `index.html` names the index in
//! `<link id="mogi-bank" rel="preload">`, so the browser has been downloading it while the wasm
//! compiled, and the content file in `<meta name="mogi-bank-content">`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a bank file could not be fetched, in words for the failure screen.
pub(crate) type FetchError = String;

/// The address of the index (`link#mogi-bank`'s `href`) or of the content file
/// (`meta[name=mogi-bank-content]`'s `content`).
pub(crate) fn named(selector: &str, attribute: &str) -> Result<String, FetchError> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|element| element.get_attribute(attribute))
        .ok_or_else(|| format!("index.html names no bank file ({selector})"))
}

/// The index's text.
pub(crate) async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let response = get(url).await?;
    let text = response
        .text()
        .map_err(|_| format!("{url}: unreadable body"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: the download was cut off"))
}

/// The content file's bytes.
pub(crate) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let response = get(url).await?;
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("{url}: unreadable body"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url}: the download was cut off"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

async fn get(url: &str) -> Result<web_sys::Response, FetchError> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: the network request failed"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| format!("{url}: not a response"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!("{url}: HTTP {}", response.status()))
    }
}
