//! Reads the authored bank under `questions/`, validates it and compiles it to the
//! [`mogi_core::bank::Bank`] the app embeds.
//!
//! [`compile_dir`] is what the app's build script and `cargo xtask lint` call;
//! [`compile_sources`] does the same work on in-memory files (tests, fuzzing). Either reports
//! every problem it finds, across all files and rules, as a [`Diagnostic`] naming file and line.
//! `questions/FORMAT.md` is the authoring guide these rules implement.

mod blueprint;
pub mod cues;
mod doc;
mod glossary;
pub mod markdown;
pub mod parity;
mod question;
pub mod releases;
mod source;

use std::fmt;
use std::path::{Path, PathBuf};

use mogi_core::bank::Bank;
use sha2::{Digest, Sha256};

pub use source::Diagnostic;

/// A compiled bank and the files it was compiled from.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub bank: Bank,
    /// Every file read (as `root` joined with its relative path), for `cargo:rerun-if-changed`.
    pub sources: Vec<PathBuf>,
}

/// Compiles the bank in `root`, the `questions/` directory.
///
/// Reads `blueprints/*.toml` and every other `*.toml` file below `root`, recursively, in sorted
/// path order; other files (such as `FORMAT.md`) are ignored. Diagnostics name files relative to
/// the repository, i.e. prefixed with `root`'s own name (`questions/mla-c01/d2/q0007.toml`).
///
/// # Errors
/// Every problem found, sorted by file and line.
pub fn compile_dir(root: &Path) -> Result<Compiled, Vec<Diagnostic>> {
    let shown_root = root.file_name().map(PathBuf::from).unwrap_or_default();
    let mut relative = Vec::new();
    let mut diagnostics = Vec::new();
    collect_toml(
        root,
        Path::new(""),
        &mut relative,
        &mut diagnostics,
        &shown_root,
    );
    relative.sort();
    let mut files = Vec::with_capacity(relative.len());
    let mut sources = Vec::with_capacity(relative.len());
    for rel in relative {
        let path = root.join(&rel);
        let shown = shown_root.join(&rel);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((shown, text)),
                Err(_) => diagnostics.push(Diagnostic::new(shown, 1, "file is not valid UTF-8")),
            },
            Err(e) => diagnostics.push(Diagnostic::new(shown, 1, format!("cannot read: {e}"))),
        }
        sources.push(path);
    }
    match compile_sources(&files) {
        Ok(bank) if diagnostics.is_empty() => Ok(Compiled { bank, sources }),
        Ok(_) => Err(diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            source::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

fn collect_toml(
    root: &Path,
    rel: &Path,
    out: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    shown_root: &Path,
) {
    let entries = match std::fs::read_dir(root.join(rel)) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                shown_root.join(rel),
                1,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let child = rel.join(&name);
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.to_string_lossy().starts_with('.') {
                collect_toml(root, &child, out, diagnostics, shown_root);
            }
        } else if Path::new(&name).extension().is_some_and(|e| e == "toml") {
            out.push(child);
        }
    }
}

/// Compiles in-memory files: `(path, contents)` pairs, the path as diagnostics should show it.
///
/// A file whose parent directory is named `blueprints` is a blueprint; a file in
/// `glossary/<code>/` is a glossary file; `releases.toml` at the top is the record of
/// published banks ([`releases`]); any other file is a question or a case study (told apart by `type = "case-study"`). Files are processed in path
/// order whatever the order of `files`: blueprints come out sorted by code, questions and case
/// studies in path order (a case study's questions in their file order).
///
/// # Errors
/// Every problem found, sorted by file and line.
pub fn compile_sources(files: &[(PathBuf, String)]) -> Result<Bank, Vec<Diagnostic>> {
    let mut sorted: Vec<&(PathBuf, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let (blueprint_files, rest): (Vec<_>, Vec<_>) =
        sorted.into_iter().partition(|(path, _)| is_blueprint(path));
    let (release_files, rest): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|(path, _)| releases::is_releases(path));
    let (glossary_files, item_files): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|(path, _)| glossary::is_glossary(path));
    let mut diagnostics = Vec::new();
    let blueprints = blueprint::compile_all(&blueprint_files, &mut diagnostics);
    let glossary = glossary::compile_all(&glossary_files, &blueprints, &mut diagnostics);
    let terms = glossary::term_ids(&glossary);
    let (case_studies, questions) =
        question::compile_all(&item_files, &blueprints, &terms, &mut diagnostics);
    let past = releases::compile(
        release_files.first().copied(),
        &blueprints,
        &questions,
        &mut diagnostics,
    );
    if !diagnostics.is_empty() {
        source::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    let mut bank = Bank::new(
        String::new(),
        blueprints.into_compiled(),
        case_studies,
        questions,
        glossary,
    );
    bank.past = past;
    let blueprint_paths: Vec<&PathBuf> = blueprint_files.iter().map(|(path, _)| path).collect();
    cues::check(&bank, &blueprint_paths, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    bank.revision = revision(&bank);
    Ok(bank)
}

fn is_blueprint(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "blueprints")
}

/// 12 hex digits of the SHA-256 of the bank's two files (with an empty revision).
fn revision(bank: &Bank) -> String {
    let packed = mogi_core::pack::encode(bank);
    let digest = Sha256::new()
        .chain_update(packed.index.as_bytes())
        .chain_update(packed.all_chunks())
        .finalize();
    let mut hex = String::with_capacity(12);
    for byte in &digest[..6] {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

impl fmt::Display for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let case_questions = self
            .bank
            .questions
            .iter()
            .filter(|q| q.case_study.is_some())
            .count();
        write!(
            f,
            "{} blueprint(s), {} question(s) ({} in {} case stud{}), revision {}",
            self.bank.blueprints.len(),
            self.bank.questions.len(),
            case_questions,
            self.bank.case_studies.len(),
            if self.bank.case_studies.len() == 1 {
                "y"
            } else {
                "ies"
            },
            self.bank.revision
        )
    }
}
