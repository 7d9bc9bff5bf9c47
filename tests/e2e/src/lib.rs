//! End-to-end support: serve the release build (`dist/`) on 127.0.0.1, start a WebDriver
//! session in one of the three engines, and drive the app the way a person would, through
//! `data-testid` hooks.
//!
//! - [`files`]: the static file server (one content-type table, optional gzip), also the
//!   benchmarks' server; [`site`]: the release build as a site that can go offline, come
//!   back and switch to another build.
//! - [`driver`]: launching each engine's WebDriver (also the benchmarks' launcher).
//! - [`browser`]: a session, and finding, clicking, typing and waiting; [`answering`]:
//!   starting, answering and ending exams; [`page_checks`]: accessibility, offline storage,
//!   the security policy, DevTools.
//! - [`wait`]: the one wait (a probe, a time limit) every helper and test uses.
//! - [`seeded`]: exams from fixed seeds, so that every assertion runs on every run.
//!
//! An engine that cannot start is an error, never a skip.

pub mod answering;
pub mod browser;
pub mod driver;
pub mod files;
pub mod page_checks;
pub mod seeded;
pub mod site;
pub mod wait;

pub use browser::Browser;
pub use driver::{DevTools, Engine};
pub use site::{StaticSite, dist, fresh_temp_dir};
pub use wait::{POLL, SOON};
