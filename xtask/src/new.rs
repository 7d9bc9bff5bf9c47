//! `cargo xtask new`: scaffolds a question (or case-study) file with the next free id.
//!
//! Every text is an empty string and every key is unset, so a scaffold fails `lint` until an
//! author has filled it in: an unfinished file can never land by accident.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mogi_core::bank::{Blueprint, QuestionType};

use crate::Args;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let root = args.root();
    let exam = args.require("exam")?;
    let task = args.require("task")?;
    let slug = args.require("type")?;
    let kind = QuestionType::ALL
        .into_iter()
        .find(|t| t.slug() == slug)
        .ok_or_else(|| {
            let all: Vec<&str> = QuestionType::ALL.iter().map(|t| t.slug()).collect();
            format!("unknown type `{slug}` (one of {})", all.join(", "))
        })?;
    let blueprint = load_blueprint(&root, exam)?;
    if !blueprint.question_types.contains(&kind) {
        return Err(format!("{exam} has no {slug} questions"));
    }
    let domain = blueprint
        .domains
        .iter()
        .find(|d| d.tasks.iter().any(|t| t.id == task))
        .map(|d| d.number)
        .ok_or_else(|| {
            let tasks: Vec<&str> = blueprint
                .domains
                .iter()
                .flat_map(|d| &d.tasks)
                .map(|t| t.id.as_str())
                .collect();
            format!(
                "task `{task}` is not in {exam} (tasks: {})",
                tasks.join(", ")
            )
        })?;
    let existing = existing_ids(&root);
    let case_study = kind == QuestionType::CaseStudy;
    let (prefix, digits) = if case_study {
        (format!("{exam}-cs-"), 2)
    } else {
        (format!("{exam}-d{domain}-"), 4)
    };
    let id = match args.get("id") {
        Some(id) => {
            if existing.iter().any(|e| e == id) {
                return Err(format!("id `{id}` is already used"));
            }
            id.to_owned()
        }
        None => next_id(&existing, &prefix, digits),
    };
    let folder = if case_study {
        root.join(exam).join("case-studies")
    } else {
        root.join(exam).join(format!("d{domain}"))
    };
    // `mla-c01-d2-0031` -> `q0031.toml`, `mla-c01-cs-04` -> `cs-04.toml`; other ids keep their name.
    let file = match (id.strip_prefix(&prefix), case_study) {
        (Some(number), true) => format!("cs-{number}.toml"),
        (Some(number), false) => format!("q{number}.toml"),
        (None, _) => format!("{id}.toml"),
    };
    let path = folder.join(file);
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    let text = if case_study {
        case_study_file(&id, exam, domain, task)
    } else {
        question_file(&id, exam, domain, task, kind)
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn load_blueprint(root: &Path, exam: &str) -> Result<Blueprint, String> {
    let path = root.join("blueprints").join(format!("{exam}.toml"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let shown = PathBuf::from("questions/blueprints").join(format!("{exam}.toml"));
    let bank = mogi_bank::compile_sources(&[(shown, text)]).map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        format!("the blueprint has errors:\n{}", lines.join("\n"))
    })?;
    bank.blueprints
        .into_iter()
        .next()
        .ok_or_else(|| format!("no blueprint in {}", path.display()))
}

/// Every `id = "…"` below `root`, read line by line so that half-written files count too.
fn existing_ids(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                for line in text.lines() {
                    let Some(rest) = line.trim().strip_prefix("id") else {
                        continue;
                    };
                    let Some(value) = rest.trim_start().strip_prefix('=') else {
                        continue;
                    };
                    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
                    out.push(value.to_owned());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

/// One past the highest number used after `prefix`, so the id of a deleted question is not
/// handed out again.
fn next_id(existing: &[String], prefix: &str, digits: usize) -> String {
    let highest = existing
        .iter()
        .filter_map(|id| id.strip_prefix(prefix))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:0digits$}", highest + 1)
}

fn header(out: &mut String, id: &str, kind: QuestionType) {
    let _ = writeln!(out, "id = \"{id}\"");
    out.push_str("services = []                   # names from the blueprint's `services`\n");
    out.push_str("difficulty = \"\"                 # easy | medium | hard\n");
    let _ = writeln!(out, "type = \"{}\"", kind.slug());
    out.push_str("references = [\"\"]                # https://docs.aws.amazon.com/… pages\n");
}

/// The `[exams.<code>]` table (`prefix` is `questions.` inside a case study).
fn placement(out: &mut String, prefix: &str, exam: &str, domain: u8, task: &str) {
    let _ = writeln!(
        out,
        "\n[{prefix}exams.{exam}]\ndomain = {domain}\ntask = \"{task}\"\nskills = []                     # ids of the task's skills that it tests"
    );
}

/// A `[table]` text for a top-level question, or dotted keys inside `[[questions]]`.
fn text_block(out: &mut String, name: &str, dotted: bool) {
    if dotted {
        let _ = writeln!(out, "{name}.en = \"\"\n{name}.ja = \"\"");
    } else {
        let _ = writeln!(out, "\n[{name}]\nen = \"\"\"\n\"\"\"\nja = \"\"\"\n\"\"\"");
    }
}

/// One `[[table]]` entry; `extra` goes before the texts (`correct`, `step`) or, for a
/// prompt's `match`, after them, as in FORMAT.md.
fn entry(out: &mut String, table: &str, extra: &str, why: bool) {
    if table.ends_with("prompts") {
        let _ = write!(out, "\n[[{table}]]\nen = \"\"\nja = \"\"\n{extra}");
    } else {
        let _ = write!(out, "\n[[{table}]]\n{extra}en = \"\"\nja = \"\"\n");
    }
    if why {
        out.push_str("why.en = \"\"\nwhy.ja = \"\"\n");
    }
}

fn body(out: &mut String, kind: QuestionType, table_prefix: &str) {
    let t = |name: &str| format!("{table_prefix}{name}");
    match kind {
        QuestionType::MultipleChoice | QuestionType::MultipleResponse => {
            let (count, note) = if kind == QuestionType::MultipleChoice {
                (
                    4,
                    "# set `correct = true` on exactly one option; vary its position across the bank\n",
                )
            } else {
                (
                    5,
                    "# set `correct = true` on two or more options, not all\n",
                )
            };
            out.push('\n');
            out.push_str(note);
            out.push_str(
                "# `id` names an option in saved answers: keep it when moving the option\n",
            );
            for id in 1..=count {
                entry(
                    out,
                    &t("options"),
                    &format!("id = {id}\ncorrect = false\n"),
                    true,
                );
            }
        }
        QuestionType::Ordering => {
            out.push_str("\n# 3–5 responses with `step`; a response without `step` is a distractor and needs `why`\n");
            for step in 1..=3 {
                entry(
                    out,
                    &t("responses"),
                    &format!("id = {step}\nstep = {step}\n"),
                    false,
                );
            }
        }
        QuestionType::Matching => {
            out.push_str("\n# 3–7 prompts; `match` is the `id` of the matching response\n");
            for _ in 0..3 {
                entry(out, &t("prompts"), "match = 0\n", false);
            }
            for id in 1..=3 {
                entry(out, &t("responses"), &format!("id = {id}\n"), false);
            }
        }
        QuestionType::CaseStudy => {}
    }
}

fn question_file(id: &str, exam: &str, domain: u8, task: &str, kind: QuestionType) -> String {
    let mut out = String::new();
    header(&mut out, id, kind);
    placement(&mut out, "", exam, domain, task);
    text_block(&mut out, "stem", false);
    text_block(&mut out, "explanation", false);
    body(&mut out, kind, "");
    out
}

fn case_study_file(id: &str, exam: &str, domain: u8, task: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "id = \"{id}\"\ntype = \"case-study\"");
    let _ = write!(out, "\n[title]\nen = \"\"\nja = \"\"\n");
    text_block(&mut out, "scenario", false);
    for n in 1..=2 {
        out.push_str("\n[[questions]]                   # 2 or more, each scored on its own\n");
        header(
            &mut out,
            &format!("{id}-q{n}"),
            QuestionType::MultipleChoice,
        );
        text_block(&mut out, "stem", true);
        text_block(&mut out, "explanation", true);
        placement(&mut out, "questions.", exam, domain, task);
        body(&mut out, QuestionType::MultipleChoice, "questions.");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_is_one_past_the_highest() {
        let ids = [
            "mla-c01-d1-0001",
            "mla-c01-d1-0025",
            "mla-c01-d2-0040",
            "mla-c01-cs-01-q1",
        ]
        .map(String::from);
        assert_eq!(next_id(&ids, "mla-c01-d1-", 4), "mla-c01-d1-0026");
        assert_eq!(next_id(&ids, "mla-c01-d3-", 4), "mla-c01-d3-0001");
        assert_eq!(next_id(&ids, "mla-c01-cs-", 2), "mla-c01-cs-01");
    }

    #[test]
    fn every_scaffold_parses_but_fails_lint() {
        let blueprint = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../bank/tests/fixtures/questions/blueprints/demo-c01.toml"),
        )
        .expect("fixture blueprint");
        for kind in QuestionType::ALL {
            let text = if kind == QuestionType::CaseStudy {
                case_study_file("demo-c01-cs-09", "demo-c01", 1, "1.1")
            } else {
                question_file("demo-c01-d1-0009", "demo-c01", 1, "1.1", kind)
            };
            let files = [
                (
                    PathBuf::from("questions/blueprints/demo-c01.toml"),
                    blueprint.clone(),
                ),
                (PathBuf::from("questions/demo-c01/d1/new.toml"), text),
            ];
            let errors = mogi_bank::compile_sources(&files).expect_err("a scaffold fails lint");
            assert!(
                errors
                    .iter()
                    .all(|e| !e.message.contains("unknown field")
                        && !e.message.contains("invalid TOML")),
                "{kind:?}: {errors:#?}"
            );
            assert!(
                errors.iter().any(|e| e.message.contains("is empty")),
                "{kind:?}"
            );
        }
    }
}
