//! Glossary files (`questions/glossary/<code>/*.toml`): the in-scope services and the ML terms
//! of a blueprint, each defined in both languages with when it is the right choice on the exam.
//!
//! Rules: ids are slugs, unique in the bank (questions of any exam link them); the kind is
//! service, feature or concept; a service or feature names a service of the blueprint; every
//! service of a blueprint with a glossary has exactly one `service` entry in the bank; tasks
//! are the blueprint's; `confused_with` names entries of any glossary; the reference is a
//! docs.aws.amazon.com URL; every text has both languages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mogi_core::bank::{GlossaryEntry, TermKind};

use crate::blueprint::{Blueprints, is_slug};
use crate::doc::{GlossaryDoc, TermDoc};
use crate::markdown::Mode;
use crate::source::{Ctx, Diagnostic, reference_problem};

/// Whether `path` is a glossary file (`…/glossary/<code>/<name>.toml`).
pub(crate) fn is_glossary(path: &Path) -> bool {
    path.parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .is_some_and(|name| name == "glossary")
}

/// A glossary entry as compiled, with where it was written for later cross-checks.
struct Placed {
    entry: GlossaryEntry,
    file: PathBuf,
    line: usize,
}

pub(crate) fn compile_all(
    files: &[&(PathBuf, String)],
    blueprints: &Blueprints,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<GlossaryEntry> {
    let mut placed: Vec<Placed> = Vec::new();
    for (path, src) in files {
        let exam = path
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cx = Ctx::new(path, src, diagnostics);
        if blueprints.broken.contains(&exam) {
            continue;
        }
        let Some(blueprint) = blueprints.valid.get(&exam) else {
            cx.error(
                1,
                format_args!(
                    "glossary folder `{exam}` names no blueprint (no blueprints/{exam}.toml)"
                ),
            );
            continue;
        };
        let Some(doc) = cx.parse::<GlossaryDoc>() else {
            continue;
        };
        let Some(terms) = cx.require(&doc.terms, "terms", 1) else {
            continue;
        };
        for term in terms.get_ref() {
            let line = cx.line(term);
            if let Some(entry) = compile_term(&mut cx, term.get_ref(), &exam, blueprint, line) {
                placed.push(Placed {
                    entry,
                    file: path.clone(),
                    line,
                });
            }
        }
    }
    cross_check(&placed, blueprints, diagnostics);
    placed.into_iter().map(|p| p.entry).collect()
}

fn compile_term(
    cx: &mut Ctx,
    doc: &TermDoc,
    exam: &str,
    blueprint: &mogi_core::bank::Blueprint,
    line: usize,
) -> Option<GlossaryEntry> {
    let id = cx.require(&doc.id, "id", line).map(|id| {
        let value = id.get_ref().clone();
        if !is_slug(&value) {
            let at = cx.line(id);
            cx.error(
                at,
                format_args!("term id `{value}` must be lower-case letters, digits and `-`"),
            );
        }
        value
    });
    let kind = cx
        .require(&doc.kind, "kind", line)
        .and_then(|k| match k.get_ref().as_str() {
            "service" => Some(TermKind::Service),
            "feature" => Some(TermKind::Feature),
            "concept" => Some(TermKind::Concept),
            other => {
                let at = cx.line(k);
                cx.error(
                    at,
                    format_args!("kind must be service, feature or concept, found `{other}`"),
                );
                None
            }
        });
    let service = match (&doc.service, kind) {
        (Some(service), _) => {
            let at = cx.line(service);
            let name = service.get_ref();
            if !blueprint.services.iter().any(|s| s == name) {
                cx.error(
                    at,
                    format_args!("service `{name}` is not in {exam}'s service list"),
                );
            }
            Some(name.clone())
        }
        (None, Some(TermKind::Service | TermKind::Feature)) => {
            cx.error(
                line,
                "a service or feature entry needs `service` (a name from the blueprint's list)",
            );
            None
        }
        (None, _) => None,
    };
    let tasks: Vec<String> = doc.tasks.as_ref().map_or_else(Vec::new, |list| {
        list.get_ref()
            .iter()
            .map(|task| {
                if blueprint.task(task.get_ref()).is_none() {
                    let at = cx.line(task);
                    cx.error(
                        at,
                        format_args!(
                            "task `{}` is not a task statement of {exam}",
                            task.get_ref()
                        ),
                    );
                }
                task.get_ref().clone()
            })
            .collect()
    });
    let term = cx.text(doc.term.as_ref(), "term", line, None);
    let definition = cx.text(
        doc.definition.as_ref(),
        "definition",
        line,
        Some(Mode::Block),
    );
    let on_the_exam = cx.text(doc.exam.as_ref(), "exam", line, Some(Mode::Block));
    let confused_with = doc.confused_with.as_ref().map_or_else(Vec::new, |list| {
        list.get_ref()
            .iter()
            .map(|id| id.get_ref().clone())
            .collect()
    });
    let reference = cx.require(&doc.reference, "reference", line).map(|url| {
        if let Some(problem) = reference_problem(url.get_ref()) {
            let at = cx.line(url);
            cx.error(at, problem);
        }
        url.get_ref().clone()
    });
    Some(GlossaryEntry {
        id: id?,
        exam: exam.to_owned(),
        kind: kind?,
        service,
        tasks,
        term,
        definition,
        on_the_exam,
        confused_with,
        reference: reference?,
    })
}

/// Checks across the glossaries of every exam, which questions share (a question links
/// `glossary:<id>` whatever exam it is asked in): ids unique in the bank, `confused_with`
/// targets, and one `service` entry in the bank for every service of a blueprint that has a
/// glossary (an exam that shares services with another explains only its new ones).
fn cross_check(placed: &[Placed], blueprints: &Blueprints, diagnostics: &mut Vec<Diagnostic>) {
    let mut ids: BTreeMap<&str, &Placed> = BTreeMap::new();
    let mut services: BTreeMap<&str, &Placed> = BTreeMap::new();
    let mut exams: BTreeSet<&str> = BTreeSet::new();
    let mut error = |p: &Placed, message: String| {
        diagnostics.push(Diagnostic::new(p.file.clone(), p.line, message));
    };
    for p in placed {
        let e = &p.entry;
        exams.insert(&e.exam);
        if let Some(first) = ids.insert(&e.id, p) {
            error(
                p,
                format!(
                    "duplicate term id `{}` (first in {}:{})",
                    e.id,
                    first.file.display(),
                    first.line
                ),
            );
        }
        if e.kind == TermKind::Service
            && let Some(service) = &e.service
            && let Some(first) = services.insert(service, p)
        {
            error(
                p,
                format!(
                    "service `{service}` already has an entry (`{}` in {}:{})",
                    first.entry.id,
                    first.file.display(),
                    first.line
                ),
            );
        }
    }
    for p in placed {
        for other in &p.entry.confused_with {
            if !ids.contains_key(other.as_str()) {
                error(
                    p,
                    format!("`confused_with` names `{other}`, which is not a glossary entry"),
                );
            }
        }
    }
    for exam in exams {
        let Some(blueprint) = blueprints.valid.get(exam) else {
            continue;
        };
        let first = placed
            .iter()
            .find(|p| p.entry.exam == exam)
            .expect("the exam has entries");
        for service in &blueprint.services {
            if !services.contains_key(service.as_str()) {
                diagnostics.push(Diagnostic::new(
                    first.file.parent().unwrap_or(&first.file).to_path_buf(),
                    1,
                    format!("no glossary has a `service` entry for `{service}`"),
                ));
            }
        }
    }
}

/// The term ids every question may link to with `glossary:<id>`.
pub(crate) fn term_ids(entries: &[GlossaryEntry]) -> BTreeSet<String> {
    entries.iter().map(|e| e.id.clone()).collect()
}
