//! The app's edge: the browser APIs (the bank's files, storage, clock, location, tabs, files,
//! key presses,
//! the service worker) behind small functions that handle their errors, so components and the
//! core never touch them directly.

pub(crate) mod bank_file;
pub(crate) mod clipboard;
pub(crate) mod clock;
pub(crate) mod files;
pub(crate) mod keyboard;
pub(crate) mod location;
pub(crate) mod offline;
pub(crate) mod storage;
pub(crate) mod tabs;
