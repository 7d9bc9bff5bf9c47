//! The exam domain of Mogi, as plain Rust.
//!
//! Nothing here imports yew, web-sys or gloo: time, randomness and storage enter as data,
//! so every rule is tested with `cargo test` on the host.
//!
//! - [`bank`]: the compiled question bank (read only at run time), and [`pack`]: the bank file
//!   the site ships, whose question texts are decoded only when needed;
//! - [`rng`]: the portable seeded generator behind every random choice;
//! - [`blueprint`]: an exam version's facts, when it is offered and what it replaces, and
//!   [`changes`]: what changed from the exam it replaces;
//! - [`form`]: the exam form (choices, items, answer shapes, option orders), and
//!   [`assemble`]: choosing the questions of a form from the bank;
//! - [`resolve`]: whether a stored form item is still the question it was;
//! - [`exam`]: the state machine of a sitting;
//! - [`score`]: scoring and the score report;
//! - [`history`]: finished attempts;
//! - [`store`]: the versioned storage schema, migrations, faults and the tab lock;
//! - [`backup`]: export, validated import and merge;
//! - [`study`]: what to practise next and the standing per task, service and domain;
//! - [`share`]: exam and result links for study groups, and [`group`]: the group board;
//! - [`sorting`]: the one stable sort every list of the app shares (a smaller wasm);
//! - [`synthetic`]: generated banks for tests and benchmarks.

#![forbid(unsafe_code)]

pub mod assemble;
pub mod backup;
pub mod bank;
pub mod blueprint;
pub mod changes;
pub mod exam;
pub mod form;
pub mod fsrs;
pub mod group;
pub mod guide;
pub mod history;
pub mod pack;
pub mod readiness;
pub mod resolve;
pub mod review;
pub mod rng;
pub mod score;
pub mod share;
pub mod sorting;
pub mod store;
pub mod study;
pub mod synthetic;
