//! The question bank, opened from its index once at startup (see `mogi_core::pack`);
//! [`crate::start`] installs it before the app mounts, so every screen can rely on it. The
//! content file follows: [`load_content`] fetches and installs it.

use std::sync::OnceLock;

use mogi_core::bank::Bank;
use mogi_core::pack;

use crate::edge::bank_file;

static BANK: OnceLock<Bank> = OnceLock::new();

/// Fetches and opens the index named by `index.html`.
pub(crate) async fn load_index() -> Result<(), String> {
    let text = bank_file::fetch_text(&bank_file::linked("mogi-bank")?).await?;
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

/// Fetches the content file named by `index.html` and installs it.
pub(crate) async fn load_content() -> Result<(), String> {
    let url = bank_file::linked("mogi-bank-content")?;
    install_content(bank_file::fetch_bytes(&url).await?)
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
