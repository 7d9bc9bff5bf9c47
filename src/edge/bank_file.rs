//! Fetching the bank's files (see `mogi_core::pack`). `index.html` names the index in
//! `<meta name="mogi-bank">`, and its inline script has been downloading it (the promise
//! `window.mogiBankIndex`) while the wasm compiled; the content chunks are named after the
//! index's revision, beside it.

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

/// A content chunk's bytes.
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
