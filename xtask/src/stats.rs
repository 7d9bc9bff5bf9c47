//! `cargo xtask stats`: how well the bank covers an exam's blueprint.
//!
//! Counts per domain (against the blueprint's weight applied to two full exams), per task
//! statement, per type, per difficulty and per service, the answer cues
//! ([`mogi_bank::cues`]), and a closing list of what is under-covered or over a limit. Plain text with markdown tables, so
//! it can be pasted into the README.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use mogi_core::bank::{Bank, Blueprint, Difficulty, InExam, QuestionType};

/// A task statement with fewer questions than this is flagged.
const MIN_PER_TASK: usize = 6;

pub fn run(root: &Path, exam: &str) -> Result<ExitCode, String> {
    let compiled = match mogi_bank::compile_dir(root) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            return Err(format!(
                "the bank has {} error(s); run `cargo xtask lint` first",
                diagnostics.len()
            ));
        }
    };
    let bank = &compiled.bank;
    let blueprint = bank.blueprint(exam).ok_or_else(|| {
        let known: Vec<&str> = bank.blueprints.iter().map(|b| b.code.as_str()).collect();
        format!("unknown exam `{exam}` (known: {})", known.join(", "))
    })?;
    print!("{}", report(bank, blueprint));
    Ok(ExitCode::SUCCESS)
}

/// The whole report as text.
pub fn report(bank: &Bank, bp: &Blueprint) -> String {
    let questions: Vec<InExam<'_>> = bank.questions_for(&bp.code).collect();
    let mut out = String::new();
    let mut under = Vec::new();
    let target_total = 2 * bp.total_questions();
    let _ = writeln!(
        out,
        "# {} — {} questions (bank revision {})\n",
        bp.code,
        questions.len(),
        bank.revision
    );

    let _ = writeln!(
        out,
        "## Domains (target: {target_total} questions = two full exams, by weight)\n"
    );
    let mut rows = Vec::new();
    for domain in &bp.domains {
        let count = questions
            .iter()
            .filter(|q| q.domain() == domain.number)
            .count();
        // Rounded to nearest, so the targets of weights summing to 100 add up to the total.
        let target = ((target_total * domain.weight_percent + 50) / 100) as usize;
        let missing = target.saturating_sub(count);
        if missing > 0 {
            under.push(format!(
                "domain {}: {count} of {target} ({missing} more)",
                domain.number
            ));
        }
        rows.push(vec![
            format!("{} {}", domain.number, domain.title.en),
            format!("{}%", domain.weight_percent),
            count.to_string(),
            percent(count, questions.len()),
            target.to_string(),
            if missing > 0 {
                format!("-{missing}")
            } else {
                "ok".into()
            },
        ]);
    }
    table(
        &mut out,
        &["domain", "weight", "questions", "share", "target", "gap"],
        &rows,
    );

    let _ = writeln!(out, "## Task statements (flagged under {MIN_PER_TASK})\n");
    let mut rows = Vec::new();
    for task in bp.domains.iter().flat_map(|d| &d.tasks) {
        let count = questions.iter().filter(|q| q.task() == task.id).count();
        let flag = if count < MIN_PER_TASK {
            under.push(format!(
                "task {}: {count} questions ({} more for {MIN_PER_TASK})",
                task.id,
                MIN_PER_TASK - count
            ));
            "UNDER"
        } else {
            ""
        };
        rows.push(vec![
            format!("{} {}", task.id, task.title.en),
            count.to_string(),
            flag.into(),
        ]);
    }
    table(&mut out, &["task", "questions", "flag"], &rows);

    let _ = writeln!(
        out,
        "## Skills (questions naming each; untested ones flagged)\n"
    );
    let mut rows = Vec::new();
    for (_, skill) in bp.skills() {
        let count = questions
            .iter()
            .filter(|q| q.skills().contains(&skill.id))
            .count();
        let wording = bank.skill_text(&bp.code, &skill.id).map(|t| t.en.as_str());
        let text: String = wording.unwrap_or_default().chars().take(70).collect();
        rows.push(vec![
            format!("{} {text}", skill.id),
            count.to_string(),
            if count == 0 {
                "UNTESTED".into()
            } else {
                String::new()
            },
        ]);
    }
    table(&mut out, &["skill", "questions", "flag"], &rows);

    let _ = writeln!(out, "## Types\n");
    let mut rows = Vec::new();
    for kind in &bp.question_types {
        let count = questions
            .iter()
            .filter(|q| q.question_type() == *kind)
            .count();
        let note = if *kind == QuestionType::CaseStudy {
            let cases = bank
                .case_studies
                .iter()
                .filter(|c| {
                    questions
                        .iter()
                        .any(|q| q.case_study.as_ref() == Some(&c.id))
                })
                .count();
            format!("{cases} scenario(s)")
        } else {
            let inside = questions
                .iter()
                .filter(|q| q.case_study.is_some() && q.format == *kind)
                .count();
            format!("+{inside} inside case studies")
        };
        if count == 0 {
            under.push(format!("type {}: no questions", kind.slug()));
        }
        rows.push(vec![kind.slug().into(), count.to_string(), note]);
    }
    table(&mut out, &["type", "questions", "note"], &rows);

    let _ = writeln!(out, "## Difficulty\n");
    let rows: Vec<Vec<String>> = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard]
        .into_iter()
        .map(|d| {
            let count = questions.iter().filter(|q| q.difficulty == d).count();
            vec![
                format!("{d:?}").to_lowercase(),
                count.to_string(),
                percent(count, questions.len()),
            ]
        })
        .collect();
    table(&mut out, &["difficulty", "questions", "share"], &rows);

    let _ = writeln!(out, "## Answer cues\n");
    let cues = mogi_bank::cues::measure(bank, &bp.code);
    let _ = writeln!(out, "{cues}");
    under.extend(
        cues.problems()
            .into_iter()
            .map(|p| format!("answer cue: {p}")),
    );

    let _ = writeln!(out, "## Services\n");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &questions {
        for s in &q.services {
            *counts.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut used: Vec<(&str, usize)> = counts.into_iter().collect();
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rows: Vec<Vec<String>> = used
        .iter()
        .map(|(s, c)| vec![(*s).into(), c.to_string()])
        .collect();
    table(&mut out, &["service", "questions"], &rows);
    let unused: Vec<&str> = bp
        .services
        .iter()
        .map(String::as_str)
        .filter(|s| !used.iter().any(|(u, _)| u == s))
        .collect();
    let untagged = questions.iter().filter(|q| q.services.is_empty()).count();
    let _ = writeln!(
        out,
        "In-scope services named by no question ({} of {}): {}\n",
        unused.len(),
        bp.services.len(),
        if unused.is_empty() {
            "none".into()
        } else {
            unused.join(", ")
        }
    );
    let _ = writeln!(out, "Questions naming no service: {untagged}\n");

    let _ = writeln!(out, "## Under-covered\n");
    if under.is_empty() {
        let _ = writeln!(out, "nothing");
    }
    for line in &under {
        let _ = writeln!(out, "- {line}");
    }
    out
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Appends a markdown table with padded columns, then a blank line.
fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    out.push_str(&line(headers.to_vec()));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(rule.iter().map(String::as_str).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out.push('\n');
}
