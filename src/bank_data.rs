//! The question bank, opened from its index once at startup (see `mogi_core::pack`);
//! [`crate::start`] installs it before the app mounts, so every screen can rely on it. The
//! content file follows: [`start_content`] begins fetching it as soon as the wasm runs, and
//! [`when_content`] tells the app once it is installed (or could not be).

use std::cell::RefCell;
use std::sync::OnceLock;

use mogi_core::bank::Bank;
use mogi_core::pack;

use crate::edge::bank_file;

static BANK: OnceLock<Bank> = OnceLock::new();

/// Fetches and opens the index named by `index.html`.
pub(crate) async fn load_index() -> Result<(), String> {
    let text = bank_file::fetch_text(&bank_file::named("link#mogi-bank", "href")?).await?;
    install_index(&text)
}

/// Opens an index and keeps the bank for the page's lifetime (a second call keeps the first).
pub(crate) fn install_index(text: &str) -> Result<(), String> {
    if BANK.get().is_none() {
        let bank = pack::open_index(text).map_err(|e| e.to_string())?;
        let _ = BANK.set(bank);
    }
    Ok(())
}

/// Gives the bank its content file.
pub(crate) fn install_content(bytes: Vec<u8>) -> Result<(), String> {
    pack::install_content(bank(), bytes).map_err(|e| e.to_string())
}

/// Told whether the content file is in.
type Waiter = Box<dyn FnOnce(Result<(), String>)>;

/// The content file's download: on its way (with who waits for it), arrived before anyone
/// asked, or installed (or failed).
enum ContentFetch {
    Pending(Vec<Waiter>),
    Arrived(Result<Vec<u8>, String>),
    Over(Result<(), String>),
}

thread_local! {
    static CONTENT: RefCell<ContentFetch> = const { RefCell::new(ContentFetch::Pending(Vec::new())) };
}

/// Starts fetching the content file named by `index.html`, alongside the index.
pub(crate) fn start_content() {
    wasm_bindgen_futures::spawn_local(async {
        let fetched = match bank_file::named("meta[name=mogi-bank-content]", "content") {
            Ok(url) => bank_file::fetch_bytes(&url).await,
            Err(e) => Err(e),
        };
        let waiting = CONTENT.with(|c| {
            let mut c = c.borrow_mut();
            match &mut *c {
                ContentFetch::Pending(waiting) if !waiting.is_empty() => std::mem::take(waiting),
                _ => {
                    *c = ContentFetch::Arrived(fetched.clone());
                    Vec::new()
                }
            }
        });
        if !waiting.is_empty() {
            let outcome = fetched.and_then(install_content);
            CONTENT.with(|c| *c.borrow_mut() = ContentFetch::Over(outcome.clone()));
            for then in waiting {
                then(outcome.clone());
            }
        }
    });
}

/// Calls `then` once the content file is installed or has failed (at once if it is in). Only
/// after the index is installed (the app calls it once mounted).
pub(crate) fn when_content(then: impl FnOnce(Result<(), String>) + 'static) {
    let ready = CONTENT.with(|c| {
        let mut c = c.borrow_mut();
        match &mut *c {
            ContentFetch::Pending(waiting) => {
                waiting.push(Box::new(then));
                None
            }
            ContentFetch::Arrived(fetched) => {
                let outcome = std::mem::replace(fetched, Ok(Vec::new())).and_then(install_content);
                *c = ContentFetch::Over(outcome.clone());
                Some((outcome, then))
            }
            ContentFetch::Over(outcome) => Some((outcome.clone(), then)),
        }
    });
    if let Some((outcome, then)) = ready {
        then(outcome);
    }
}

/// The installed bank.
pub(crate) fn bank() -> &'static Bank {
    BANK.get()
        .expect("start() installs the bank before mounting the app")
}

/// The bank this build compiled (`build.rs` writes its files for tests), installed whole.
#[cfg(test)]
pub(crate) fn built() -> &'static Bank {
    install_index(include_str!(concat!(env!("OUT_DIR"), "/bank.json")))
        .expect("build.rs wrote a bank index");
    if !bank().content_ready() {
        install_content(include_bytes!(concat!(env!("OUT_DIR"), "/bank-content.json")).to_vec())
            .expect("build.rs wrote the content file");
    }
    bank()
}
