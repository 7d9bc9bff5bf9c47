//! Question and case-study files: checked against the blueprints and compiled to the bank model.
//!
//! A file with `type = "case-study"` is a case study with its `[[questions]]`; any other file
//! is one question. Both are checked in full, so a file reports all of its problems at once.
//!
//! Longer than the ~600 lines a module should stay under, on purpose: every rule a question
//! file is held to is one method of `FileCx` (which carries the file's path and line table
//! for the error it reports), in the order a file is read, so that `questions/FORMAT.md`
//! and this file can be checked against each other top to bottom.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use mogi_core::bank::{
    Blueprint, Body, CaseStudy, Choice, Content, Difficulty, Meta, Placement, Question,
    QuestionType, Response, Text,
};
use toml::Spanned;

use crate::blueprint::{Blueprints, is_slug, parse_type, type_list};
use crate::doc::{
    CaseStudyDoc, OptionDoc, PlacementDoc, PromptDoc, QuestionDoc, ResponseDoc, TextDoc,
};
use crate::markdown::Mode;
use crate::parity;
use crate::source::{Ctx, Diagnostic, reference_problem};

type List<T> = Option<Spanned<Vec<Spanned<T>>>>;

/// The `en` and `ja` of one option, response or prompt, as written.
type TextPair<'a> = (Option<&'a Spanned<String>>, Option<&'a Spanned<String>>);

/// Where an id was first defined, for duplicate reports.
type Seen = HashMap<String, (PathBuf, usize)>;

pub(crate) fn compile_all(
    files: &[&(PathBuf, String)],
    blueprints: &Blueprints,
    terms: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<CaseStudy>, Vec<Question>) {
    let mut case_studies = Vec::new();
    let mut questions = Vec::new();
    let mut question_ids = Seen::new();
    let mut case_ids = Seen::new();
    for (path, src) in files {
        let mut cx = Ctx::new(path, src, diagnostics);
        cx.terms = terms;
        let table = match toml::from_str::<toml::Table>(src) {
            Ok(table) => table,
            Err(e) => {
                cx.toml_error(&e, "invalid TOML: ");
                continue;
            }
        };
        let is_case_study = table
            .get("type")
            .and_then(toml::Value::as_str)
            .is_some_and(|t| t == QuestionType::CaseStudy.slug());
        let mut file = FileCx {
            cx,
            blueprints,
            question_ids: &mut question_ids,
        };
        if is_case_study {
            if let Some(doc) = file.cx.parse::<CaseStudyDoc>()
                && let Some((case, qs)) = file.case_study(&doc, &mut case_ids)
            {
                case_studies.push(case);
                questions.extend(qs);
            }
        } else if let Some(doc) = file.cx.parse::<QuestionDoc>()
            && let Some(q) = file.question(&doc, 1, None)
        {
            questions.push(q);
        }
    }
    (case_studies, questions)
}

/// `items` (in file order) placed by their ids (`ids[position]` is the index of the item at
/// that position).
fn in_id_order<T>(items: Vec<T>, ids: &[usize]) -> Vec<T> {
    let mut placed: Vec<(usize, T)> = ids.iter().copied().zip(items).collect();
    placed.sort_by_key(|&(id, _)| id);
    placed.into_iter().map(|(_, item)| item).collect()
}

/// The file's order as indices, or empty when it is the id order.
fn file_order(ids: Vec<usize>) -> Vec<usize> {
    if ids.iter().enumerate().all(|(position, &id)| position == id) {
        Vec::new()
    } else {
        ids
    }
}

struct FileCx<'a, 'b> {
    cx: Ctx<'a>,
    blueprints: &'b Blueprints,
    question_ids: &'b mut Seen,
}

impl FileCx<'_, '_> {
    fn case_study(
        &mut self,
        doc: &CaseStudyDoc,
        case_ids: &mut Seen,
    ) -> Option<(CaseStudy, Vec<Question>)> {
        let id = self.id(doc.id.as_ref(), 1, case_ids, "case-study id");
        let type_line = doc.kind.as_ref().map_or(1, |k| self.cx.line(k));
        let title = self.cx.text(doc.title.as_ref(), "title", 1, None);
        let scenario = self
            .cx
            .text(doc.scenario.as_ref(), "scenario", 1, Some(Mode::Block));
        let mut questions = Vec::new();
        if let Some(list) = self.cx.require(&doc.questions, "questions", 1) {
            let count = list.get_ref().len();
            if count < 2 {
                let line = self.cx.line(list);
                self.cx.error(
                    line,
                    format_args!("a case study needs 2 or more questions, found {count}"),
                );
            }
            let first_exams = list
                .get_ref()
                .first()
                .map(|entry| self.exam_codes(entry.get_ref()))
                .unwrap_or_default();
            self.type_allowed(&first_exams, QuestionType::CaseStudy, type_line);
            for (index, entry) in list.get_ref().iter().enumerate() {
                self.cx.prefix = format!("question {}: ", index + 1);
                let line = self.cx.line(entry);
                let exams = self.exam_codes(entry.get_ref());
                match &first_exams {
                    first if *first != exams => self.cx.error(
                        line,
                        format_args!(
                            "the questions of a case study belong to the same exams: question 1 has {}, this one {}",
                            first.join(", "),
                            exams.join(", ")
                        ),
                    ),
                    _ => {}
                }
                let q = self.question(entry.get_ref(), line, id.clone());
                questions.extend(q);
            }
            self.cx.prefix.clear();
        }
        Some((
            CaseStudy {
                id: id?,
                title,
                scenario,
            },
            questions,
        ))
    }

    /// Checks an id's shape and uniqueness, registering it in `seen`.
    fn id(
        &mut self,
        id: Option<&Spanned<String>>,
        parent_line: usize,
        seen: &mut Seen,
        what: &str,
    ) -> Option<String> {
        let Some(id) = id else {
            self.cx.error(parent_line, "missing field `id`");
            return None;
        };
        let line = self.cx.line(id);
        let id = id.get_ref().clone();
        if !is_slug(&id) {
            self.cx.error(
                line,
                format_args!("{what} `{id}` must be lower-case letters, digits and `-`"),
            );
        }
        if let Some((file, first)) = seen.get(&id) {
            self.cx.error(
                line,
                format_args!(
                    "duplicate {what} `{id}` (first in {}:{first})",
                    file.display()
                ),
            );
        } else {
            seen.insert(id.clone(), (self.cx.file.to_path_buf(), line));
        }
        Some(id)
    }

    /// The `exams` list: non-empty, unique, each a known blueprint code.
    /// The codes of the `[exams.<code>]` tables of a question, in code order (unchecked).
    fn exam_codes(&self, doc: &QuestionDoc) -> Vec<String> {
        doc.exams
            .as_ref()
            .map_or_else(Vec::new, |t| t.get_ref().keys().cloned().collect())
    }

    /// The question's `[exams.<code>]` tables: known exams, each with a domain, a task
    /// statement of that domain and at least one skill of that task.
    fn placements(&mut self, doc: &QuestionDoc, line: usize) -> Option<Vec<Placement>> {
        let Some(table) = &doc.exams else {
            self.cx.error(
                line,
                "missing `[exams.<code>]`: say which exam(s) the question belongs to, with its domain, task and skills in each",
            );
            return None;
        };
        if table.get_ref().is_empty() {
            let line = self.cx.line(table);
            self.cx
                .error(line, "`exams` needs at least one `[exams.<code>]` table");
        }
        let mut out = Vec::new();
        let mut complete = true;
        for (code, placement) in table.get_ref() {
            let line = self.cx.line(placement);
            if !self.blueprints.valid.contains_key(code) {
                if !self.blueprints.broken.contains(code) {
                    let known: Vec<&str> =
                        self.blueprints.valid.keys().map(String::as_str).collect();
                    self.cx.error(
                        line,
                        format_args!(
                            "unknown exam `{code}`: no blueprints/{code}.toml (known: {})",
                            known.join(", ")
                        ),
                    );
                }
                complete = false;
                continue;
            }
            let placement = placement.get_ref();
            let domain = self.domain(placement, line, code);
            let task = self.task(placement, line, code, domain);
            let skills = self.skills(placement, line, code, task.as_deref());
            match (domain, task) {
                (Some(domain), Some(task)) => out.push(Placement {
                    exam: code.clone(),
                    domain,
                    task,
                    skills,
                }),
                _ => complete = false,
            }
        }
        complete.then_some(out)
    }

    /// The valid blueprints among `exams` (broken or unknown ones are reported elsewhere).
    fn checked<'s>(&self, exams: &'s [String]) -> Vec<&'s str> {
        exams
            .iter()
            .filter(|code| self.blueprints.valid.contains_key(*code))
            .map(String::as_str)
            .collect()
    }

    fn blueprint(&self, code: &str) -> &Blueprint {
        &self.blueprints.valid[code]
    }

    fn type_allowed(&mut self, exams: &[String], kind: QuestionType, line: usize) {
        for code in self.checked(exams) {
            if !self.blueprint(code).question_types.contains(&kind) {
                self.cx.error(
                    line,
                    format_args!(
                        "{code} has no {} questions (its `question_types`)",
                        kind.slug()
                    ),
                );
            }
        }
    }

    /// A question file, or a case-study question (`case_study` set).
    fn question(
        &mut self,
        doc: &QuestionDoc,
        line: usize,
        case_study: Option<String>,
    ) -> Option<Question> {
        let in_case = case_study.is_some();
        let errors_before = self.cx.diagnostics.len();
        let mut ids = std::mem::take(self.question_ids);
        let id = self.id(doc.id.as_ref(), line, &mut ids, "question id");
        *self.question_ids = ids;
        let exams = self.exam_codes(doc);
        let placements = self.placements(doc, line);
        let services = self.services(doc, line, &exams);
        let difficulty = self.difficulty(doc, line);
        let kind = self.kind(doc, line, &exams, in_case);
        let references = self.references(doc, line);
        let stem = self
            .cx
            .text(doc.stem.as_ref(), "stem", line, Some(Mode::Block));
        let explanation = self.cx.text(
            doc.explanation.as_ref(),
            "explanation",
            line,
            Some(Mode::Block),
        );
        let edition = self.edition(doc);
        let body = kind.and_then(|(kind, type_line)| self.body(doc, kind, type_line));
        let (body, file_order) = body?;
        // Parity compares texts as rendered: a text that could not be rendered has been
        // reported already, and comparing it would only repeat that.
        if self.cx.diagnostics.len() == errors_before {
            let stem_line = doc.stem.as_ref().map_or(line, |s| self.cx.line(s));
            self.parity(&exams, &stem, &body, stem_line, line);
        }
        Some(Question::new(
            Meta {
                id: id?,
                placements: placements?,
                services,
                difficulty: difficulty?,
                case_study,
                edition: edition?,
                file_order,
            },
            Content {
                stem,
                explanation,
                references,
                body,
            },
        ))
    }

    /// The two languages carry the same qualifiers, numbers and service names
    /// ([`crate::parity`]): stem problems at the stem, the others at the question.
    fn parity(
        &mut self,
        exams: &[String],
        stem: &Text,
        body: &Body,
        stem_line: usize,
        line: usize,
    ) {
        let blueprints = self.blueprints;
        let mut services: Vec<&str> = self
            .checked(exams)
            .iter()
            .flat_map(|code| blueprints.valid[*code].services.iter().map(String::as_str))
            .collect();
        services.sort_unstable();
        services.dedup();
        for problem in parity::problems(stem, "stem", true, &services) {
            self.cx.error(stem_line, format_args!("parity: {problem}"));
        }
        let mut texts: Vec<(String, &Text)> = Vec::new();
        match body {
            Body::MultipleChoice { options } | Body::MultipleResponse { options } => {
                for (i, option) in options.iter().enumerate() {
                    texts.push((format!("option id {}", i + 1), &option.text));
                }
            }
            Body::Ordering { responses, .. } => {
                for (i, response) in responses.iter().enumerate() {
                    texts.push((format!("response id {}", i + 1), &response.text));
                }
            }
            Body::Matching {
                prompts, responses, ..
            } => {
                for (i, prompt) in prompts.iter().enumerate() {
                    texts.push((format!("prompt {}", i + 1), prompt));
                }
                for (i, response) in responses.iter().enumerate() {
                    texts.push((format!("response id {}", i + 1), &response.text));
                }
            }
        }
        for (what, text) in texts {
            for problem in parity::problems(text, &what, false, &services) {
                self.cx.error(line, format_args!("parity: {problem}"));
            }
        }
    }

    /// `edition`: a whole number from 0 (the default when absent).
    fn edition(&mut self, doc: &QuestionDoc) -> Option<u32> {
        let Some(value) = &doc.edition else {
            return Some(0);
        };
        let edition = u32::try_from(*value.get_ref()).ok();
        if edition.is_none() {
            let line = self.cx.line(value);
            self.cx.error(
                line,
                format_args!(
                    "`edition` must be a whole number from 0, found {}",
                    value.get_ref()
                ),
            );
        }
        edition
    }

    /// The `id` of each entry of a list of options or responses, as indices (`id − 1`) in
    /// file order: the ids must be 1..N, each once, in any order. Saved answers name options
    /// by id, so moving an option in the file (with its id) keeps every saved answer.
    fn entry_ids(
        &mut self,
        what: &str,
        entries: &[(Option<&Spanned<i64>>, usize)],
    ) -> Option<Vec<usize>> {
        let count = entries.len();
        let mut ids = Vec::with_capacity(count);
        let mut first_use: HashMap<usize, usize> = HashMap::new();
        let mut valid = true;
        for (index, &(id, line)) in entries.iter().enumerate() {
            let Some(id) = id else {
                self.cx.error(
                    line,
                    format_args!(
                        "{what} {}: missing field `id` (a number from 1 to {count}, each once; saved answers name {what}s by id)",
                        index + 1
                    ),
                );
                valid = false;
                continue;
            };
            let at = self.cx.line(id);
            let value = *id.get_ref();
            match usize::try_from(value) {
                Ok(n) if (1..=count).contains(&n) => {
                    if let Some(first) = first_use.insert(n, index) {
                        self.cx.error(
                            at,
                            format_args!(
                                "{what} {}: id {n} is already used by {what} {}",
                                index + 1,
                                first + 1
                            ),
                        );
                        valid = false;
                    }
                    ids.push(n - 1);
                }
                _ => {
                    self.cx.error(
                        at,
                        format_args!(
                            "{what} {}: `id = {value}` is outside 1..{count} (ids are 1..N, each once)",
                            index + 1
                        ),
                    );
                    valid = false;
                }
            }
        }
        valid.then_some(ids)
    }

    fn domain(&mut self, doc: &PlacementDoc, line: usize, code: &str) -> Option<u8> {
        let value = self.cx.require(&doc.domain, "domain", line)?;
        let line = self.cx.line(value);
        let Ok(number) = u8::try_from(*value.get_ref()) else {
            self.cx.error(
                line,
                format_args!(
                    "`domain` must be a domain number, found {}",
                    value.get_ref()
                ),
            );
            return None;
        };
        let count = self.blueprint(code).domains.len();
        if self.blueprint(code).domain(number).is_none() {
            self.cx.error(
                line,
                format_args!("domain {number} is not in {code} (it has domains 1–{count})"),
            );
            return None;
        }
        Some(number)
    }

    fn task(
        &mut self,
        doc: &PlacementDoc,
        line: usize,
        code: &str,
        domain: Option<u8>,
    ) -> Option<String> {
        let value = self.cx.require(&doc.task, "task", line)?;
        let line = self.cx.line(value);
        let task = value.get_ref();
        let owner = self
            .blueprint(code)
            .domains
            .iter()
            .find(|d| d.tasks.iter().any(|t| &t.id == task))
            .map(|d| d.number);
        match (owner, domain) {
            (None, _) => {
                self.cx.error(
                    line,
                    format_args!("task `{task}` is not a task statement of {code}"),
                );
                None
            }
            (Some(owner), Some(domain)) if owner != domain => {
                self.cx.error(
                    line,
                    format_args!("task `{task}` belongs to domain {owner}, not domain {domain}"),
                );
                None
            }
            _ => Some(task.clone()),
        }
    }

    /// The guide skills a question tests in one exam: at least one, each a skill of its task.
    fn skills(
        &mut self,
        doc: &PlacementDoc,
        line: usize,
        code: &str,
        task: Option<&str>,
    ) -> Vec<String> {
        let Some(list) = self.cx.require(&doc.skills, "skills", line) else {
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            let line = self.cx.line(list);
            self.cx.error(
                line,
                "`skills` is empty: name the guide skill(s) the question tests",
            );
        }
        let mut out: Vec<String> = Vec::new();
        for skill in list.get_ref() {
            let line = self.cx.line(skill);
            let id = skill.get_ref();
            if out.contains(id) {
                self.cx
                    .error(line, format_args!("skill `{id}` is listed twice"));
                continue;
            }
            let blueprints = self.blueprints;
            let blueprint = &blueprints.valid[code];
            match (blueprint.skill(id), task) {
                (None, _) => {
                    let hint = task
                        .and_then(|t| blueprint.task(t))
                        .map(|t| {
                            let ids: Vec<&str> = t.skills.iter().map(|s| s.id.as_str()).collect();
                            format!(" (task {}: {})", t.id, ids.join(", "))
                        })
                        .unwrap_or_default();
                    self.cx.error(
                        line,
                        format_args!("unknown skill `{id}`: not a skill of {code}{hint}"),
                    );
                }
                (Some((owner, _)), Some(task)) if owner.id != task => self.cx.error(
                    line,
                    format_args!("skill `{id}` belongs to task {}, not task {task}", owner.id),
                ),
                _ => out.push(id.clone()),
            }
        }
        out
    }

    fn services(&mut self, doc: &QuestionDoc, line: usize, exams: &[String]) -> Vec<String> {
        let Some(list) = self.cx.require(&doc.services, "services", line) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for name in list.get_ref() {
            let line = self.cx.line(name);
            let name = name.get_ref();
            if out.contains(name) {
                self.cx
                    .error(line, format_args!("service `{name}` is listed twice"));
                continue;
            }
            for code in self.checked(exams) {
                let known = &self.blueprint(code).services;
                if !known.contains(name) {
                    let hint = suggest(name, known)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    self.cx.error(
                        line,
                        format_args!("service `{name}` is not in {code}'s service list{hint}"),
                    );
                }
            }
            out.push(name.clone());
        }
        out
    }

    fn difficulty(&mut self, doc: &QuestionDoc, line: usize) -> Option<Difficulty> {
        let value = self.cx.require(&doc.difficulty, "difficulty", line)?;
        let parsed = match value.get_ref().as_str() {
            "easy" => Some(Difficulty::Easy),
            "medium" => Some(Difficulty::Medium),
            "hard" => Some(Difficulty::Hard),
            _ => None,
        };
        if parsed.is_none() {
            let line = self.cx.line(value);
            self.cx.error(
                line,
                format_args!(
                    "difficulty must be easy, medium or hard, found `{}`",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    /// The answer format and the line of `type`.
    fn kind(
        &mut self,
        doc: &QuestionDoc,
        line: usize,
        exams: &[String],
        in_case: bool,
    ) -> Option<(QuestionType, usize)> {
        let value = self.cx.require(&doc.kind, "type", line)?;
        let line = self.cx.line(value);
        let slug = value.get_ref();
        let Some(kind) = parse_type(slug) else {
            self.cx.error(
                line,
                format_args!("unknown type `{slug}`; expected {}", type_list()),
            );
            return None;
        };
        if kind == QuestionType::CaseStudy {
            // Only reachable inside a case study: a file-level case study is dispatched earlier.
            debug_assert!(in_case);
            self.cx.error(
                line,
                "a case-study question's `type` is its answer format (multiple-choice, multiple-response, ordering or matching)",
            );
            return None;
        }
        self.type_allowed(exams, kind, line);
        Some((kind, line))
    }

    fn references(&mut self, doc: &QuestionDoc, line: usize) -> Vec<String> {
        let Some(list) = self.cx.require(&doc.references, "references", line) else {
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            let line = self.cx.line(list);
            self.cx.error(
                line,
                "`references` needs at least one https://docs.aws.amazon.com/ URL",
            );
        }
        let mut out: Vec<String> = Vec::new();
        for url in list.get_ref() {
            let line = self.cx.line(url);
            let url = url.get_ref();
            if let Some(problem) = reference_problem(url) {
                self.cx.error(line, problem);
            } else if out.contains(url) {
                self.cx
                    .error(line, format_args!("reference `{url}` is listed twice"));
            }
            out.push(url.clone());
        }
        out
    }

    /// The body with its options (or responses) in id order, and the file's order of them
    /// (empty when it is the id order).
    fn body(
        &mut self,
        doc: &QuestionDoc,
        kind: QuestionType,
        line: usize,
    ) -> Option<(Body, Vec<usize>)> {
        let slug = kind.slug();
        let refuse = |cx: &mut Ctx, present: bool, span_line: usize, table: &str| {
            if present {
                cx.error(
                    span_line,
                    format_args!("{slug} questions take no `[[{table}]]`"),
                );
            }
        };
        let options_line = line_of_list(&self.cx, &doc.options, line);
        let responses_line = line_of_list(&self.cx, &doc.responses, line);
        let prompts_line = line_of_list(&self.cx, &doc.prompts, line);
        match kind {
            QuestionType::MultipleChoice | QuestionType::MultipleResponse => {
                refuse(
                    &mut self.cx,
                    doc.responses.is_some(),
                    responses_line,
                    "responses",
                );
                refuse(&mut self.cx, doc.prompts.is_some(), prompts_line, "prompts");
                let (options, ids) = self.choices(&doc.options, kind, line)?;
                let options = in_id_order(options, &ids);
                let body = if kind == QuestionType::MultipleChoice {
                    Body::MultipleChoice { options }
                } else {
                    Body::MultipleResponse { options }
                };
                Some((body, file_order(ids)))
            }
            QuestionType::Ordering => {
                refuse(&mut self.cx, doc.options.is_some(), options_line, "options");
                refuse(&mut self.cx, doc.prompts.is_some(), prompts_line, "prompts");
                self.ordering(&doc.responses, line)
            }
            QuestionType::Matching => {
                refuse(&mut self.cx, doc.options.is_some(), options_line, "options");
                self.matching(&doc.prompts, &doc.responses, line)
            }
            QuestionType::CaseStudy => None,
        }
    }

    /// The options in file order, with their ids as indices.
    fn choices(
        &mut self,
        list: &List<OptionDoc>,
        kind: QuestionType,
        line: usize,
    ) -> Option<(Vec<Choice>, Vec<usize>)> {
        let slug = kind.slug();
        let Some(list) = list else {
            self.cx
                .error(line, format_args!("{slug} needs `[[options]]`"));
            return None;
        };
        let entries = list.get_ref();
        let count = entries.len();
        let line_at = |cx: &Ctx, index: usize| entries.get(index).map_or(line, |e| cx.line(e));
        if kind == QuestionType::MultipleChoice && count != 4 {
            let at = line_at(&self.cx, 4);
            self.cx.error(
                at,
                format_args!("multiple-choice needs exactly 4 options, found {count}"),
            );
        }
        if kind == QuestionType::MultipleResponse && count < 5 {
            self.cx.error(
                line,
                format_args!("multiple-response needs 5 or more options, found {count}"),
            );
        }
        let mut options = Vec::with_capacity(count);
        let mut correct_lines = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let at = self.cx.line(entry);
            let option = entry.get_ref();
            let label = format!("option {}", index + 1);
            let text = self.cx.pair(
                option.en.as_ref(),
                option.ja.as_ref(),
                &label,
                "",
                at,
                Some(Mode::Inline),
            );
            let correct = option.correct.as_ref().is_some_and(|c| *c.get_ref());
            if correct {
                correct_lines.push(at);
            }
            let needs_why = (!correct).then_some("is a distractor");
            let why = self.why(option.why.as_ref(), &label, at, needs_why);
            options.push(Choice { text, correct, why });
        }
        let correct = correct_lines.len();
        if kind == QuestionType::MultipleChoice && correct != 1 {
            let at = correct_lines.get(1).copied().unwrap_or(line);
            self.cx.error(
                at,
                format_args!("multiple-choice needs exactly 1 correct option, found {correct}"),
            );
        }
        if kind == QuestionType::MultipleResponse {
            if correct < 2 {
                self.cx.error(
                    line,
                    format_args!(
                        "multiple-response needs 2 or more correct options, found {correct}"
                    ),
                );
            } else if correct == count {
                self.cx.error(
                    line,
                    format_args!(
                        "multiple-response needs at least one incorrect option; all {count} are correct"
                    ),
                );
            }
        }
        let texts: Vec<_> = entries
            .iter()
            .map(|e| (e.get_ref().en.as_ref(), e.get_ref().ja.as_ref()))
            .collect();
        self.no_duplicates("option", &texts);
        let ids: Vec<_> = entries
            .iter()
            .map(|e| (e.get_ref().id.as_ref(), self.cx.line(e)))
            .collect();
        let ids = self.entry_ids("option", &ids)?;
        Some((options, ids))
    }

    fn ordering(&mut self, list: &List<ResponseDoc>, line: usize) -> Option<(Body, Vec<usize>)> {
        let Some(list) = list else {
            self.cx.error(line, "ordering needs `[[responses]]`");
            return None;
        };
        let entries = list.get_ref();
        let id_lines: Vec<_> = entries
            .iter()
            .map(|e| (e.get_ref().id.as_ref(), self.cx.line(e)))
            .collect();
        let ids = self.entry_ids("response", &id_lines);
        let mut responses = Vec::with_capacity(entries.len());
        // step -> (response index, line of `step`)
        let mut steps: BTreeMap<i64, Vec<(usize, usize)>> = BTreeMap::new();
        let mut step_lines = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let at = self.cx.line(entry);
            let response = entry.get_ref();
            let label = format!("response {}", index + 1);
            let text = self.cx.pair(
                response.en.as_ref(),
                response.ja.as_ref(),
                &label,
                "",
                at,
                Some(Mode::Inline),
            );
            let needs_why = response.step.is_none().then_some("belongs in no step");
            let why = self.why(response.why.as_ref(), &label, at, needs_why);
            if let Some(step) = &response.step {
                let step_line = self.cx.line(step);
                steps
                    .entry(*step.get_ref())
                    .or_default()
                    .push((index, step_line));
                step_lines.push(step_line);
            }
            responses.push(Response { text, why });
        }
        let count = step_lines.len();
        let mut valid = true;
        if !(3..=5).contains(&count) {
            let at = step_lines.get(5).copied().unwrap_or(line);
            self.cx
                .error(at, format_args!("ordering needs 3–5 steps, found {count}"));
            valid = false;
        }
        let last = i64::try_from(count).unwrap_or(i64::MAX);
        for (step, uses) in &steps {
            if let [(first, _), (second, at), ..] = uses.as_slice() {
                self.cx.error(
                    *at,
                    format_args!(
                        "step {step} is used twice (responses {} and {})",
                        first + 1,
                        second + 1
                    ),
                );
                valid = false;
            }
            if !(1..=last).contains(step) {
                let (index, at) = uses[0];
                self.cx.error(
                    at,
                    format_args!(
                        "response {}: step {step} is outside 1..{count} (steps are numbered 1..N)",
                        index + 1
                    ),
                );
                valid = false;
            }
        }
        for step in 1..=last {
            if !steps.contains_key(&step) {
                self.cx.error(
                    line,
                    format_args!(
                        "steps must be numbered 1..{count} without gaps: step {step} is missing"
                    ),
                );
                valid = false;
            }
        }
        let texts: Vec<_> = entries
            .iter()
            .map(|e| (e.get_ref().en.as_ref(), e.get_ref().ja.as_ref()))
            .collect();
        self.no_duplicates("response", &texts);
        let ids = ids?;
        if !valid {
            return None;
        }
        let order = (1..=last).map(|s| ids[steps[&s][0].0]).collect();
        let responses = in_id_order(responses, &ids);
        Some((Body::Ordering { responses, order }, file_order(ids)))
    }

    fn matching(
        &mut self,
        prompts: &List<PromptDoc>,
        responses: &List<ResponseDoc>,
        line: usize,
    ) -> Option<(Body, Vec<usize>)> {
        let Some(prompt_list) = prompts else {
            self.cx.error(line, "matching needs `[[prompts]]`");
            return None;
        };
        let Some(response_list) = responses else {
            self.cx.error(line, "matching needs `[[responses]]`");
            return None;
        };
        let prompt_entries = prompt_list.get_ref();
        let response_entries = response_list.get_ref();
        let id_lines: Vec<_> = response_entries
            .iter()
            .map(|e| (e.get_ref().id.as_ref(), self.cx.line(e)))
            .collect();
        let ids = self.entry_ids("response", &id_lines);
        let count = prompt_entries.len();
        if !(3..=7).contains(&count) {
            let at = prompt_entries.get(7).map_or(line, |e| self.cx.line(e));
            self.cx.error(
                at,
                format_args!("matching needs 3–7 prompts, found {count}"),
            );
        }
        let available = response_entries.len();
        if available < 2 {
            let at = self.cx.line(response_list);
            self.cx.error(
                at,
                format_args!("matching needs 2 or more responses, found {available}"),
            );
        }
        let mut texts = Vec::with_capacity(count);
        let mut key = Vec::with_capacity(count);
        for (index, entry) in prompt_entries.iter().enumerate() {
            let at = self.cx.line(entry);
            let prompt = entry.get_ref();
            let label = format!("prompt {}", index + 1);
            texts.push(self.cx.pair(
                prompt.en.as_ref(),
                prompt.ja.as_ref(),
                &label,
                "",
                at,
                Some(Mode::Inline),
            ));
            let Some(matches) = &prompt.matches else {
                self.cx
                    .error(at, format_args!("{label}: missing field `match`"));
                continue;
            };
            let value = *matches.get_ref();
            match usize::try_from(value) {
                Ok(m) if (1..=available).contains(&m) => key.push(m - 1),
                _ => {
                    let at = self.cx.line(matches);
                    self.cx.error(
                        at,
                        format_args!(
                            "{label}: `match = {value}` is not a response id (the responses have ids 1..{available})"
                        ),
                    );
                }
            }
        }
        let mut out = Vec::with_capacity(available);
        for (index, entry) in response_entries.iter().enumerate() {
            let at = self.cx.line(entry);
            let response = entry.get_ref();
            let label = format!("response {}", index + 1);
            if let Some(step) = &response.step {
                let at = self.cx.line(step);
                self.cx.error(
                    at,
                    format_args!("{label}: `step` is for ordering questions; matching uses `match` on prompts"),
                );
            }
            let text = self.cx.pair(
                response.en.as_ref(),
                response.ja.as_ref(),
                &label,
                "",
                at,
                Some(Mode::Inline),
            );
            let id = ids.as_ref().and_then(|ids| ids.get(index).copied());
            let matched = id.is_none_or(|id| key.contains(&id));
            let needs_why = (!matched).then_some("is matched by no prompt");
            let why = self.why(response.why.as_ref(), &label, at, needs_why);
            out.push(Response { text, why });
        }
        let prompt_texts: Vec<_> = prompt_entries
            .iter()
            .map(|e| (e.get_ref().en.as_ref(), e.get_ref().ja.as_ref()))
            .collect();
        self.no_duplicates("prompt", &prompt_texts);
        let response_texts: Vec<_> = response_entries
            .iter()
            .map(|e| (e.get_ref().en.as_ref(), e.get_ref().ja.as_ref()))
            .collect();
        self.no_duplicates("response", &response_texts);
        let ids = ids?;
        (key.len() == count).then(|| {
            let body = Body::Matching {
                prompts: texts,
                responses: in_id_order(out, &ids),
                key,
            };
            (body, file_order(ids))
        })
    }

    /// An option's or response's `why`; `required` says why it must be there, if it must.
    fn why(
        &mut self,
        why: Option<&Spanned<TextDoc>>,
        label: &str,
        line: usize,
        required: Option<&str>,
    ) -> Text {
        match why {
            Some(why) => {
                let at = self.cx.line(why);
                let doc = why.get_ref();
                self.cx.pair(
                    doc.en.as_ref(),
                    doc.ja.as_ref(),
                    label,
                    "why",
                    at,
                    Some(Mode::Block),
                )
            }
            None => {
                if let Some(reason) = required {
                    self.cx.error(
                        line,
                        format_args!("{label} {reason} and needs `why.en` and `why.ja`"),
                    );
                }
                Text::default()
            }
        }
    }

    /// No two entries share a text in the same language (after trimming).
    fn no_duplicates(&mut self, what: &str, texts: &[TextPair]) {
        for (lang, pick) in [("en", 0), ("ja", 1)] {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (index, pair) in texts.iter().enumerate() {
                let Some(text) = (if pick == 0 { pair.0 } else { pair.1 }) else {
                    continue;
                };
                let trimmed = text.get_ref().trim();
                if trimmed.is_empty() {
                    continue;
                }
                if let Some(first) = seen.get(trimmed) {
                    let at = self.cx.line(text);
                    self.cx.error(
                        at,
                        format_args!(
                            "{what} {} repeats the `{lang}` text of {what} {}",
                            index + 1,
                            first + 1
                        ),
                    );
                } else {
                    seen.insert(trimmed, index);
                }
            }
        }
    }
}

fn line_of_list<T>(cx: &Ctx, list: &List<T>, fallback: usize) -> usize {
    list.as_ref().map_or(fallback, |l| cx.line(l))
}

/// The closest name in `known`, if one is close enough to be worth suggesting.
fn suggest<'k>(name: &str, known: &'k [String]) -> Option<&'k str> {
    let wanted = name.to_lowercase();
    let lower: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
    if let Some(i) = lower.iter().position(|k| *k == wanted) {
        return Some(&known[i]);
    }
    // "SageMaker" -> "Amazon SageMaker"; "Amazon SageMaker Model Monitor" -> "Amazon SageMaker".
    let mut contained: Vec<usize> = (0..known.len())
        .filter(|&i| lower[i].contains(&wanted) || wanted.contains(&lower[i]))
        .collect();
    // Prefer the longest name inside `name`, else the shortest name containing it.
    contained.sort_by_key(|&i| {
        let k = &lower[i];
        if wanted.contains(k.as_str()) {
            (0, usize::MAX - k.len())
        } else {
            (1, k.len())
        }
    });
    if let Some(&i) = contained.first() {
        return Some(&known[i]);
    }
    let limit = (wanted.chars().count() / 4).max(2);
    (0..known.len())
        .map(|i| (strsim::levenshtein(&wanted, &lower[i]), i))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, i)| known[i].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_service_names() {
        let known: Vec<String> = [
            "Amazon SageMaker",
            "Amazon S3",
            "AWS Glue DataBrew",
            "Amazon Kinesis",
            "Amazon Kinesis Video Streams",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(suggest("SageMaker", &known), Some("Amazon SageMaker"));
        assert_eq!(suggest("amazon s3", &known), Some("Amazon S3"));
        assert_eq!(
            suggest("Amazon SageMaker Model Monitor", &known),
            Some("Amazon SageMaker")
        );
        assert_eq!(
            suggest("AWS Glue Databrw", &known),
            Some("AWS Glue DataBrew")
        );
        assert_eq!(suggest("Kinesis", &known), Some("Amazon Kinesis"));
        assert_eq!(suggest("Totally Different", &known), None);
    }
}
