//! Browser tests: the app rendered into a fresh element in a real engine (Chromium, Firefox
//! ESR, WebKitGTK via wasm-bindgen-test-runner), clicked, and its DOM and localStorage read.
//!
//! One test binary (Cargo's `tests/browser/main.rs`), one module per area; what they share,
//! and the one wait helper, is in `support`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod exams;
mod groups;
mod saving;
mod screens;
mod storage;
mod support;
