//! The exam domain of Mogi, as plain Rust.
//!
//! Nothing here imports yew, web-sys or gloo: time, randomness and storage enter as data,
//! so every rule is tested with `cargo test` on the host.
//!
//! - [`bank`]: the compiled question bank (read only at run time);
//! - [`rng`]: the portable seeded generator behind every random choice;
//! - [`assemble`]: choosing the questions of a form from the bank;
//! - [`exam`]: the state machine of a sitting;
//! - [`score`]: scoring and the score report;
//! - [`synthetic`]: generated banks for tests and benchmarks.

#![forbid(unsafe_code)]

pub mod assemble;
pub mod bank;
pub mod exam;
pub mod history;
pub mod rng;
pub mod score;
pub mod synthetic;
