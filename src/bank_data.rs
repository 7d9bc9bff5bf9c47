//! The question bank, opened from the bank file once at startup (see `mogi_core::pack`).
//! [`crate::start`] installs it before the app mounts, so every screen can rely on it.

use std::sync::OnceLock;

use mogi_core::bank::Bank;
use mogi_core::pack::{self, PackError};

static BANK: OnceLock<Bank> = OnceLock::new();

/// Opens the bank file's text and keeps the bank for the page's lifetime (a second call keeps
/// the first bank).
pub(crate) fn install(text: String) -> Result<(), PackError> {
    if BANK.get().is_none() {
        let _ = BANK.set(pack::decode(text)?);
    }
    Ok(())
}

/// The installed bank.
pub(crate) fn bank() -> &'static Bank {
    BANK.get()
        .expect("start() installs the bank before mounting the app")
}

/// The bank this build compiled (`build.rs` writes it for tests), installed.
#[cfg(test)]
pub(crate) fn built() -> &'static Bank {
    install(include_str!(concat!(env!("OUT_DIR"), "/bank.json")).to_owned())
        .expect("build.rs wrote a bank file");
    bank()
}
