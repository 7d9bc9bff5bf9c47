//! `questions/releases.toml`: the banks published before saved forms recorded each
//! question's revision, with the revision every question had then.
//!
//! Forms written since carry [`mogi_core::bank::Question::revision`] per item, so a browser can
//! tell by itself whether a saved item is still the question it was. Older forms carry only the
//! bank revision; this record is how the app matches them exactly
//! ([`mogi_core::resolve`]): the compiler turns it into the list of questions changed (or gone)
//! since each release, which ships in the bank's index.
//!
//! The record also names the exams each release offered: a published exam's blueprint must
//! stay in the bank (marked `retired = true` when it is no longer offered), so that attempts
//! at it stay readable.
//!
//! ```toml
//! [[releases]]
//! revision = "280a6438e1ff"     # the bank revision, as in bank-<revision>.json
//! exams = ["mla-c01"]
//! [releases.questions]          # every question of that bank: its revision then
//! "mla-c01-d1-0001" = 2838816421
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use mogi_core::bank::Question;
use mogi_core::resolve::PastRelease;
use serde::Deserialize;
use toml::Spanned;

use crate::blueprint::Blueprints;
use crate::source::{Ctx, Diagnostic};

/// The file's name, directly in `questions/`.
pub const FILE: &str = "releases.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleasesDoc {
    #[serde(default)]
    releases: Vec<Spanned<ReleaseDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleaseDoc {
    revision: Spanned<String>,
    exams: Spanned<Vec<String>>,
    questions: BTreeMap<String, u32>,
}

/// Whether `path` (relative to the bank's parent, as diagnostics show it) is the record.
pub(crate) fn is_releases(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|name| name == FILE)
        && path
            .parent()
            .and_then(std::path::Path::parent)
            .is_none_or(|grandparent| grandparent.as_os_str().is_empty())
}

/// The past releases of the record in `file`, each with the questions changed since, or
/// nothing (and diagnostics) when the record is malformed or names an exam the bank lacks.
pub(crate) fn compile(
    file: Option<&(PathBuf, String)>,
    blueprints: &Blueprints,
    questions: &[Question],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PastRelease> {
    let Some((path, src)) = file else {
        return Vec::new();
    };
    let mut cx = Ctx::new(path, src, diagnostics);
    let doc: ReleasesDoc = match toml::from_str(src) {
        Ok(doc) => doc,
        Err(e) => {
            cx.toml_error(&e, "");
            return Vec::new();
        }
    };
    let now: BTreeMap<&str, u32> = questions
        .iter()
        .map(|q| (q.id.as_str(), q.revision()))
        .collect();
    let mut past: Vec<PastRelease> = Vec::new();
    for release in &doc.releases {
        let line = cx.line(release);
        let release = release.get_ref();
        let revision = release.revision.get_ref();
        if revision.is_empty() || !revision.bytes().all(|b| b.is_ascii_hexdigit()) {
            let at = cx.line(&release.revision);
            cx.error(
                at,
                format_args!("`revision = \"{revision}\"` is not a bank revision (hex digits)"),
            );
        }
        if past.iter().any(|p| &p.revision == revision) {
            cx.error(line, format_args!("release {revision} is listed twice"));
        }
        for code in release.exams.get_ref() {
            if !blueprints.valid.contains_key(code) && !blueprints.broken.contains(code) {
                let at = cx.line(&release.exams);
                cx.error(
                    at,
                    format_args!(
                        "exam `{code}` was published in release {revision}, so its blueprint must stay: restore blueprints/{code}.toml and mark it `retired = true`"
                    ),
                );
            }
        }
        let changed = release
            .questions
            .iter()
            .filter(|(id, then)| now.get(id.as_str()) != Some(*then))
            .map(|(id, _)| id.clone())
            .collect();
        past.push(PastRelease {
            revision: revision.clone(),
            changed,
        });
    }
    past
}

/// The record's entry for a bank (what `cargo xtask release` appends): its revision, exams
/// and every question's revision.
#[must_use]
pub fn entry(bank: &mogi_core::bank::Bank) -> String {
    let exams: Vec<String> = bank
        .blueprints
        .iter()
        .map(|b| format!("\"{}\"", b.code))
        .collect();
    let mut out = format!(
        "\n[[releases]]\nrevision = \"{}\"\nexams = [{}]\n[releases.questions]\n",
        bank.revision,
        exams.join(", ")
    );
    for question in &bank.questions {
        out.push_str(&format!("\"{}\" = {}\n", question.id, question.revision()));
    }
    out
}
