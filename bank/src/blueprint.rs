//! Blueprint files (`questions/blueprints/<code>.toml`): an exam version's published facts.
//!
//! Rules: the code is lower-case and names the file; domains are numbered 1..N with weights
//! summing to 100; task ids look like `<domain>.<n>`, are unique and start with their domain's
//! number; skill ids look like `<task>.<n>` and are unique; the pass mark lies within the score
//! range; services and question types are known, non-empty and unique; every title has both
//! languages; `[[offered]]` periods name languages and real days (`from` not after `until`);
//! `[replaces]` names another blueprint and maps every skill of both guides, each skill id
//! being one of theirs.
//!
//! A little over ~600 lines, on purpose: the rules above are one list, checked in that order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use mogi_core::bank::{
    Basis, Blueprint, ChangeKind, Day, Domain, Offer, QuestionType, Replacement, Skill,
    SkillChange, Task,
};
use toml::Spanned;

use crate::doc::{BlueprintDoc, OfferDoc, ReplacesDoc};
use crate::source::{Ctx, Diagnostic};

/// The blueprints of a bank, by code.
#[derive(Default)]
pub(crate) struct Blueprints {
    pub valid: BTreeMap<String, Blueprint>,
    /// Codes (file stems) of blueprint files that have errors: questions naming them are not
    /// checked against them, so one broken blueprint does not bury the bank in follow-on errors.
    pub broken: BTreeSet<String>,
}

impl Blueprints {
    pub fn into_compiled(self) -> Vec<Blueprint> {
        self.valid.into_values().collect()
    }
}

pub(crate) fn compile_all(
    files: &[&(PathBuf, String)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Blueprints {
    let mut out = Blueprints::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut replacing: Vec<(&PathBuf, &String, usize)> = Vec::new();
    for (path, src) in files {
        let before = diagnostics.len();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cx = Ctx::new(path, src, diagnostics);
        let compiled = compile_one(&mut cx, &stem);
        if let Some(first) = seen.get(&stem) {
            cx.error(
                1,
                format_args!(
                    "duplicate blueprint `{stem}` (first in {})",
                    first.display()
                ),
            );
        }
        seen.entry(stem.clone()).or_insert_with(|| path.clone());
        match compiled {
            Some((blueprint, replaces_line)) if diagnostics.len() == before => {
                if let Some(line) = replaces_line {
                    replacing.push((path, src, line));
                }
                out.valid.insert(blueprint.code.clone(), blueprint);
            }
            _ => {
                out.broken.insert(stem);
            }
        }
    }
    for (path, src, line) in replacing {
        let mut cx = Ctx::new(path, src, diagnostics);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        check_replacement(&mut cx, &out, &stem, line);
    }
    out
}

/// The comparison of `code` with the exam it replaces: that exam exists, and every skill of
/// either guide appears in the mapping, which names only skills of theirs.
fn check_replacement(cx: &mut Ctx, blueprints: &Blueprints, code: &str, line: usize) {
    let Some(new) = blueprints.valid.get(code) else {
        return;
    };
    let Some(replaces) = &new.replaces else {
        return;
    };
    let Some(old) = blueprints.valid.get(&replaces.exam) else {
        if !blueprints.broken.contains(&replaces.exam) {
            cx.error(
                line,
                format_args!(
                    "`replaces.exam` names `{}`, which is not a blueprint",
                    replaces.exam
                ),
            );
        }
        return;
    };
    let ids = |b: &Blueprint| -> Vec<String> { b.skills().map(|(_, s)| s.id.clone()).collect() };
    for (index, change) in replaces.skills.iter().enumerate() {
        for id in &change.from {
            if old.skill(id).is_none() {
                cx.error(
                    line,
                    format_args!(
                        "replaces.skills entry {}: `{id}` is not a skill of {}",
                        index + 1,
                        old.code
                    ),
                );
            }
        }
    }
    for id in ids(old) {
        if !replaces.skills.iter().any(|c| c.from.contains(&id)) {
            cx.error(
                line,
                format_args!(
                    "replaces.skills: {} skill `{id}` is in no entry (say what became of it)",
                    old.code
                ),
            );
        }
    }
    for id in ids(new) {
        if !replaces.skills.iter().any(|c| c.to.contains(&id)) {
            cx.error(
                line,
                format_args!(
                    "replaces.skills: {code} skill `{id}` is in no entry (added, or kept from which?)"
                ),
            );
        }
    }
}

/// One blueprint, and the line of its `[replaces]` table (checked once all are compiled).
fn compile_one(cx: &mut Ctx, stem: &str) -> Option<(Blueprint, Option<usize>)> {
    let doc: BlueprintDoc = cx.parse()?;
    let code = cx.require(&doc.code, "code", 1).map(|code| {
        let line = cx.line(code);
        let code = code.get_ref();
        if !is_slug(code) {
            cx.error(
                line,
                format_args!("blueprint code `{code}` must be lower-case letters, digits and `-`"),
            );
        } else if code != stem {
            cx.error(
                line,
                format_args!("blueprint code `{code}` must match its file name `{stem}.toml`"),
            );
        }
        code.clone()
    });
    let title = cx.text(doc.title.as_ref(), "title", 1, None);
    let version = non_empty(cx, &doc.version, "version");
    let source_url = non_empty(cx, &doc.source_url, "source_url");
    if let Some(url) = &doc.source_url
        && !url.get_ref().starts_with("https://")
    {
        let line = cx.line(url);
        cx.error(line, "`source_url` must be an https URL");
    }
    let mut number = |name: &str, value: &Option<Spanned<u32>>, min: u32| {
        let value = cx.require(value, name, 1)?;
        if *value.get_ref() < min {
            let line = cx.line(value);
            cx.error(line, format_args!("`{name}` must be at least {min}"));
        }
        Some(*value.get_ref())
    };
    let duration_minutes = number("duration_minutes", &doc.duration_minutes, 1);
    let esl_extra_minutes = number("esl_extra_minutes", &doc.esl_extra_minutes, 0);
    let scored_questions = number("scored_questions", &doc.scored_questions, 1);
    let unscored_questions = number("unscored_questions", &doc.unscored_questions, 0);
    let score_min = number("score_min", &doc.score_min, 0);
    let score_max = number("score_max", &doc.score_max, 1);
    let pass_mark = number("pass_mark", &doc.pass_mark, 0);
    if let (Some(min), Some(max)) = (score_min, score_max)
        && min >= max
        && let Some(span) = &doc.score_max
    {
        let line = cx.line(span);
        cx.error(
            line,
            format_args!("score range is empty: score_min {min} is not below score_max {max}"),
        );
    }
    if let (Some(min), Some(max), Some(pass), Some(span)) =
        (score_min, score_max, pass_mark, &doc.pass_mark)
        && !(min..=max).contains(&pass)
    {
        let line = cx.line(span);
        cx.error(
            line,
            format_args!("pass_mark {pass} is outside the score range {min}–{max}"),
        );
    }
    let domains = domains(cx, &doc);
    let services = services(cx, &doc);
    let question_types = question_types(cx, &doc);
    let offered = doc.offered.as_ref().map_or_else(Vec::new, |list| {
        list.get_ref()
            .iter()
            .filter_map(|o| offer(cx, o.get_ref(), cx.line(o)))
            .collect()
    });
    let replaces_line = doc.replaces.as_ref().map(|r| cx.line(r));
    let replaces = doc
        .replaces
        .as_ref()
        .and_then(|r| replacement(cx, r.get_ref(), cx.line(r), &domains));
    let blueprint = Blueprint {
        code: code?,
        title,
        version: version?,
        source_url: source_url?,
        duration_minutes: duration_minutes?,
        esl_extra_minutes: esl_extra_minutes?,
        scored_questions: scored_questions?,
        unscored_questions: unscored_questions?,
        score_min: score_min?,
        score_max: score_max?,
        pass_mark: pass_mark?,
        domains,
        services,
        question_types,
        retired: doc.retired.as_ref().is_some_and(|r| *r.get_ref()),
        list_order: doc.list_order.as_ref().map(|n| *n.get_ref()),
        offered,
        replaces,
    };
    Some((blueprint, replaces_line))
}

fn day(cx: &mut Ctx, value: Option<&Spanned<String>>) -> Option<Day> {
    let value = value?;
    match Day::parse(value.get_ref()) {
        Ok(day) => Some(day),
        Err(message) => {
            let line = cx.line(value);
            cx.error(line, message);
            None
        }
    }
}

fn offer(cx: &mut Ctx, doc: &OfferDoc, line: usize) -> Option<Offer> {
    let languages: Vec<String> = cx
        .require(&doc.languages, "languages", line)
        .map_or_else(Vec::new, |list| {
            list.get_ref().iter().map(|l| l.get_ref().clone()).collect()
        });
    if languages.is_empty() {
        cx.error(line, "an `[[offered]]` period needs at least one language");
    }
    let from = day(cx, doc.from.as_ref());
    let until = day(cx, doc.until.as_ref());
    if let (Some(from), Some(until)) = (from, until)
        && from > until
    {
        cx.error(
            line,
            format_args!("offered from {from} until {until}: `from` is after `until`"),
        );
    }
    let note = doc
        .note
        .as_ref()
        .map(|n| cx.text(Some(n), "note", line, None));
    Some(Offer {
        languages,
        from,
        until,
        note,
    })
}

fn replacement(
    cx: &mut Ctx,
    doc: &ReplacesDoc,
    line: usize,
    domains: &[Domain],
) -> Option<Replacement> {
    let exam = cx.require(&doc.exam, "exam", line)?.get_ref().clone();
    let source_url = cx
        .require(&doc.source_url, "source_url", line)?
        .get_ref()
        .clone();
    if !source_url.starts_with("https://") {
        cx.error(line, "`replaces.source_url` must be an https URL");
    }
    let own: BTreeSet<&str> = domains
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| &t.skills)
        .map(|s| s.id.as_str())
        .collect();
    let mut skills = Vec::new();
    for (index, entry) in cx
        .require(&doc.skills, "skills", line)?
        .get_ref()
        .iter()
        .enumerate()
    {
        let at = cx.line(entry);
        let entry = entry.get_ref();
        let ids = |list: &Option<Spanned<Vec<Spanned<String>>>>| -> Vec<String> {
            list.as_ref().map_or_else(Vec::new, |l| {
                l.get_ref().iter().map(|s| s.get_ref().clone()).collect()
            })
        };
        let (from, to) = (ids(&entry.from), ids(&entry.to));
        for id in &to {
            if !own.contains(id.as_str()) {
                cx.error(
                    at,
                    format_args!(
                        "replaces.skills entry {}: `{id}` is not a skill of this blueprint",
                        index + 1
                    ),
                );
            }
        }
        let Some(kind) = cx.require(&entry.kind, "kind", at) else {
            continue;
        };
        let Some(kind) = ChangeKind::ALL
            .into_iter()
            .find(|k| k.slug() == kind.get_ref())
        else {
            let slugs: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.slug()).collect();
            cx.error(
                at,
                format_args!(
                    "unknown kind `{}`; expected one of {}",
                    kind.get_ref(),
                    slugs.join(", ")
                ),
            );
            continue;
        };
        match (kind, from.is_empty(), to.is_empty()) {
            (ChangeKind::Added | ChangeKind::Promoted, true, false)
            | (ChangeKind::Removed, false, true) => {}
            (ChangeKind::Added | ChangeKind::Promoted | ChangeKind::Removed, _, _) => cx.error(
                at,
                "an `added` or `promoted` entry has only `to`, a `removed` one only `from`",
            ),
            (_, false, false) => {}
            _ => cx.error(
                at,
                format_args!("a `{}` entry needs both `from` and `to`", kind.slug()),
            ),
        }
        let basis = match cx
            .require(&entry.basis, "basis", at)
            .map(|b| b.get_ref().as_str())
        {
            Some("aws") => Basis::Aws,
            Some("ours") => Basis::Ours,
            Some(other) => {
                cx.error(
                    at,
                    format_args!("unknown basis `{other}`; expected aws or ours"),
                );
                continue;
            }
            None => continue,
        };
        let note = entry
            .note
            .as_ref()
            .map(|n| cx.text(Some(n), "note", at, None));
        skills.push(SkillChange {
            from,
            to,
            kind,
            basis,
            note,
        });
    }
    Some(Replacement {
        exam,
        source_url,
        skills,
    })
}

fn non_empty(cx: &mut Ctx, value: &Option<Spanned<String>>, name: &str) -> Option<String> {
    let value = cx.require(value, name, 1)?;
    if value.get_ref().trim().is_empty() {
        let line = cx.line(value);
        cx.error(line, format_args!("`{name}` is empty"));
    }
    Some(value.get_ref().trim().to_owned())
}

fn domains(cx: &mut Ctx, doc: &BlueprintDoc) -> Vec<Domain> {
    let Some(list) = cx.require(&doc.domains, "domains", 1) else {
        return Vec::new();
    };
    if list.get_ref().is_empty() {
        let line = cx.line(list);
        cx.error(line, "a blueprint needs at least one `[[domains]]`");
    }
    let mut out = Vec::new();
    let mut weights = 0u32;
    let mut task_lines: HashMap<String, usize> = HashMap::new();
    let mut skill_lines: HashMap<String, usize> = HashMap::new();
    for (index, entry) in list.get_ref().iter().enumerate() {
        let line = cx.line(entry);
        let domain = entry.get_ref();
        let expected = index + 1;
        let number = cx.require(&domain.number, "number", line).and_then(|n| {
            let value = *n.get_ref();
            if usize::try_from(value).ok() != Some(expected) {
                let line = cx.line(n);
                cx.error(
                    line,
                    format_args!(
                        "domains must be numbered 1..N in order: domain {expected} is numbered {value}"
                    ),
                );
            }
            u8::try_from(value).ok()
        });
        let weight = cx
            .require(&domain.weight_percent, "weight_percent", line)
            .map(|w| {
                if *w.get_ref() == 0 {
                    let line = cx.line(w);
                    cx.error(line, "`weight_percent` must be at least 1");
                }
                *w.get_ref()
            });
        weights = weights.saturating_add(weight.unwrap_or(0));
        let title = cx.text(domain.title.as_ref(), "title", line, None);
        let mut tasks = Vec::new();
        if let Some(list) = cx.require(&domain.tasks, "tasks", line) {
            if list.get_ref().is_empty() {
                let line = cx.line(list);
                cx.error(line, format_args!("domain {expected} has no tasks"));
            }
            for task in list.get_ref() {
                let line = cx.line(task);
                let title = cx.text(task.get_ref().title.as_ref(), "title", line, None);
                let Some(id) = cx.require(&task.get_ref().id, "id", line) else {
                    continue;
                };
                let line = cx.line(id);
                let id = id.get_ref().clone();
                let mut valid = check_task_id(cx, &id, expected, line);
                if let Some(first) = task_lines.get(&id) {
                    cx.error(
                        line,
                        format_args!("task `{id}` is listed twice (first at line {first})"),
                    );
                    valid = false;
                } else {
                    task_lines.insert(id.clone(), line);
                }
                // A task id in error would make every skill id look wrong too: one message.
                let owner = valid.then_some(id.as_str());
                let skills = skills(cx, task.get_ref(), owner, line, &mut skill_lines);
                tasks.push(Task { id, title, skills });
            }
        }
        out.push(Domain {
            number: number.unwrap_or(0),
            title,
            weight_percent: weight.unwrap_or(0),
            tasks,
        });
    }
    if weights != 100 && !list.get_ref().is_empty() {
        let line = cx.line(list);
        cx.error(
            line,
            format_args!("domain weights must sum to 100, found {weights}"),
        );
    }
    out
}

/// A task's skills: each with an id `<task>.<n>`, unique in the blueprint, and both languages.
fn skills(
    cx: &mut Ctx,
    task: &crate::doc::TaskDoc,
    task_id: Option<&str>,
    line: usize,
    seen: &mut HashMap<String, usize>,
) -> Vec<Skill> {
    let Some(list) = &task.skills else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, skill) in list.get_ref().iter().enumerate() {
        let at = cx.line(skill);
        let label = format!("skill {}", index + 1);
        let text = cx.pair(
            skill.get_ref().en.as_ref(),
            skill.get_ref().ja.as_ref(),
            &label,
            "",
            at,
            None,
        );
        let Some(id) = cx.require(&skill.get_ref().id, "id", at.max(line)) else {
            continue;
        };
        let id_line = cx.line(id);
        let id = id.get_ref().clone();
        let Some(task_id) = task_id else {
            out.push(Skill { id, text });
            continue;
        };
        let number = id
            .strip_prefix(task_id)
            .and_then(|rest| rest.strip_prefix('.'));
        if !number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            cx.error(
                id_line,
                format_args!(
                    "skill id `{id}` must look like `{task_id}.1` (its task, a dot, a number)"
                ),
            );
        }
        if let Some(first) = seen.get(&id) {
            cx.error(
                id_line,
                format_args!("skill `{id}` is listed twice (first at line {first})"),
            );
        } else {
            seen.insert(id.clone(), id_line);
        }
        out.push(Skill { id, text });
    }
    out
}

/// Whether `id` is a well-formed task id of domain `domain` (reported if not).
fn check_task_id(cx: &mut Ctx, id: &str, domain: usize, line: usize) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    let well_formed = parts.len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        cx.error(
            line,
            format_args!("task id `{id}` must look like `{domain}.1`"),
        );
        false
    } else if parts[0] != domain.to_string() {
        cx.error(
            line,
            format_args!("task `{id}` is in domain {domain}; its id must start with `{domain}.`"),
        );
        false
    } else {
        true
    }
}

fn services(cx: &mut Ctx, doc: &BlueprintDoc) -> Vec<String> {
    let Some(list) = cx.require(&doc.services, "services", 1) else {
        return Vec::new();
    };
    if list.get_ref().is_empty() {
        let line = cx.line(list);
        cx.error(line, "`services` is empty");
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for service in list.get_ref() {
        let line = cx.line(service);
        let name = service.get_ref().trim();
        if name.is_empty() {
            cx.error(line, "`services` has an empty name");
        } else if !seen.insert(name.to_owned()) {
            cx.error(line, format_args!("service `{name}` is listed twice"));
        } else {
            out.push(name.to_owned());
        }
    }
    out
}

fn question_types(cx: &mut Ctx, doc: &BlueprintDoc) -> Vec<QuestionType> {
    let Some(list) = cx.require(&doc.question_types, "question_types", 1) else {
        return Vec::new();
    };
    if list.get_ref().is_empty() {
        let line = cx.line(list);
        cx.error(line, "`question_types` is empty");
    }
    let mut out = Vec::new();
    for slug in list.get_ref() {
        let line = cx.line(slug);
        match parse_type(slug.get_ref()) {
            Some(kind) if out.contains(&kind) => {
                cx.error(
                    line,
                    format_args!("question type `{}` is listed twice", slug.get_ref()),
                );
            }
            Some(kind) => out.push(kind),
            None => cx.error(
                line,
                format_args!(
                    "unknown question type `{}`; expected {}",
                    slug.get_ref(),
                    type_list()
                ),
            ),
        }
    }
    out
}

/// The type named by its slug, e.g. `multiple-choice`.
pub(crate) fn parse_type(slug: &str) -> Option<QuestionType> {
    QuestionType::ALL.into_iter().find(|t| t.slug() == slug)
}

/// `multiple-choice, multiple-response, ordering, matching or case-study`.
pub(crate) fn type_list() -> String {
    let slugs: Vec<&str> = QuestionType::ALL.iter().map(|t| t.slug()).collect();
    let (last, rest) = slugs.split_last().unwrap_or((&"", &[]));
    format!("{} or {last}", rest.join(", "))
}

/// Lower-case ASCII letters, digits and `-`, not empty.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
