//! One file per screen. Each reads the app context and dispatches actions; the rules they
//! show come from `mogi-core`.

pub(crate) mod exam;
pub(crate) mod glossary;
pub(crate) mod group;
pub(crate) mod guide;
pub(crate) mod history;
pub(crate) mod load_failed;
pub(crate) mod question;
pub(crate) mod results;
pub(crate) mod share_panel;
pub(crate) mod shared_exam;
pub(crate) mod shared_result;
pub(crate) mod start;
pub(crate) mod study;
