//! The question bank compiled in at build time (see `build.rs`), decoded once on first use.

use std::sync::OnceLock;

use mogi_core::bank::Bank;

static BANK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/bank.json"));

/// The embedded bank. The build validated it, so decoding cannot fail on a shipped site.
pub(crate) fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| serde_json::from_str(BANK_JSON).expect("build.rs wrote a valid bank"))
}
