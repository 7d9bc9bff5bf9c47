//! Generated banks for the benchmarks: `N` questions written as TOML files in the real
//! authoring format, valid for `mogi-bank`, in a directory the app's build reads through
//! `MOGI_QUESTIONS_DIR`.
//!
//! The questions are the real bank's files cloned in path order, round and round, each copy
//! with new ids (`<id>-g<k>`) in `<exam>/generated/g<k>.toml`: so a generated question has the
//! real mix of types, domains, case studies and text lengths in both languages, and the text
//! compresses like real text (the next copy of a question comes 100+ questions later in the
//! bank's order, far outside gzip's 32 KB window). The blueprints, the glossary and the record
//! of releases are copied as they are.
//!
//! Files are rewritten only when their content changes, so the build script's
//! `rerun-if-changed` sees an unchanged bank as unchanged and cargo skips the rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One file of the source bank.
struct Source {
    relative: PathBuf,
    text: String,
    /// Questions it holds: 1, or the number of `[[questions]]` of a case study.
    questions: usize,
}

/// Writes a bank of exactly `count` questions under `out`, cloned from the bank at `source`
/// (the repository's `questions/`). Returns the number of question files written.
///
/// # Errors
/// If `source` cannot be read, holds no question, or `out` cannot be written.
pub fn generate(source: &Path, out: &Path, count: usize) -> Result<usize, String> {
    let mut files = Vec::new();
    walk(source, Path::new(""), &mut files)?;
    files.sort();
    let mut wanted: Vec<(PathBuf, String)> = Vec::new();
    let mut templates = Vec::new();
    for relative in files {
        let text = std::fs::read_to_string(source.join(&relative))
            .map_err(|e| format!("{}: {e}", source.join(&relative).display()))?;
        let first = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        if first == "blueprints" || first == "glossary" || first == mogi_bank::releases::FILE {
            wanted.push((relative, text));
        } else {
            let questions = question_count(&text);
            templates.push(Source {
                relative,
                text,
                questions,
            });
        }
    }
    if !templates.iter().any(|t| t.questions == 1) {
        return Err(format!(
            "{}: no single-question file to clone",
            source.display()
        ));
    }
    let mut made = 0;
    let mut written = 0;
    let mut k = 0usize;
    while made < count {
        let template = &templates[k % templates.len()];
        if template.questions <= count - made {
            // One folder, numbered in generation order: the bank's (path) order then cycles
            // through the templates, so copies of a question are never neighbours.
            let exam = template.relative.components().next().map_or_else(
                || PathBuf::from("generated"),
                |c| PathBuf::from(c.as_os_str()),
            );
            let relative = exam.join("generated").join(format!("g{k:05}.toml"));
            wanted.push((relative, with_new_ids(&template.text, k)));
            made += template.questions;
            written += 1;
        }
        k += 1;
    }
    write_all(out, &wanted)?;
    Ok(written)
}

/// Questions in one file: a case study's `[[questions]]`, or 1.
fn question_count(text: &str) -> usize {
    let case_study = text
        .lines()
        .any(|l| l.trim().replace(' ', "") == "type=\"case-study\"");
    if case_study {
        text.lines().filter(|l| l.trim() == "[[questions]]").count()
    } else {
        1
    }
}

/// The file with every `id = "…"` line given the suffix `-g<k>`.
fn with_new_ids(text: &str, k: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match trimmed
            .strip_prefix("id = \"")
            .and_then(|rest| rest.split_once('"'))
        {
            Some((id, after)) => {
                out.push_str(&format!("{indent}id = \"{id}-g{k}\"{after}"));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Writes the files that differ, and removes other `*.toml` files left under `out`.
fn write_all(out: &Path, wanted: &[(PathBuf, String)]) -> Result<(), String> {
    let mut existing = Vec::new();
    if out.is_dir() {
        walk(out, Path::new(""), &mut existing)?;
    }
    let keep: BTreeSet<&PathBuf> = wanted.iter().map(|(p, _)| p).collect();
    for stale in existing.iter().filter(|p| !keep.contains(p)) {
        std::fs::remove_file(out.join(stale)).map_err(|e| format!("{}: {e}", stale.display()))?;
    }
    for (relative, text) in wanted {
        let path = out.join(relative);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Every `*.toml` below `dir`, relative to the walk's root.
fn walk(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let dir = root.join(relative);
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = PathBuf::from(entry.file_name());
        let path = relative.join(&name);
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if name.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every `en` and `ja` text of the bank at `root` (questions, case studies, blueprints and
/// glossary), concatenated in path order: the bank's own text, the yardstick for how compactly
/// the app ships it.
///
/// # Errors
/// If a file cannot be read or is not TOML.
pub fn own_text(root: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    walk(root, Path::new(""), &mut files)?;
    files.sort();
    let mut text = String::new();
    for relative in files {
        let path = root.join(&relative);
        let source =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&source).map_err(|e| format!("{}: {e}", path.display()))?;
        collect_texts(&toml::Value::Table(table), None, &mut text);
    }
    Ok(text)
}

fn collect_texts(value: &toml::Value, key: Option<&str>, out: &mut String) {
    match value {
        toml::Value::String(s) if matches!(key, Some("en" | "ja")) => {
            out.push_str(s);
            out.push('\n');
        }
        toml::Value::Table(table) => {
            for (k, v) in table {
                collect_texts(v, Some(k), out);
            }
        }
        toml::Value::Array(items) => {
            for item in items {
                collect_texts(item, None, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions")
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mogi-bench-gen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_generated_bank_compiles_with_exactly_the_questions_asked_for() {
        let out = temp_dir("count");
        for count in [300, 157] {
            generate(&questions_dir(), &out, count).expect("a generated bank");
            let compiled = mogi_bank::compile_dir(&out)
                .unwrap_or_else(|d| panic!("generated bank is invalid: {}", d[0]));
            assert_eq!(compiled.bank.questions.len(), count);
        }
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn generating_again_leaves_unchanged_files_untouched() {
        let out = temp_dir("stable");
        generate(&questions_dir(), &out, 50).expect("a generated bank");
        let blueprint = out.join("blueprints/mla-c01.toml");
        let before = std::fs::metadata(&blueprint)
            .and_then(|m| m.modified())
            .expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        generate(&questions_dir(), &out, 50).expect("a generated bank");
        let after = std::fs::metadata(&blueprint)
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(before, after);
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn generated_text_compresses_like_the_real_text() {
        let out = temp_dir("ratio");
        generate(&questions_dir(), &out, 400).expect("a generated bank");
        let ratio = |root: &Path| {
            let text = own_text(root).expect("the bank's text");
            crate::bytes::gzip_len(text.as_bytes()) as f64 / text.len() as f64
        };
        let (real, generated) = (ratio(&questions_dir()), ratio(&out));
        assert!(
            (generated / real - 1.0).abs() < 0.15,
            "gzip ratio: real {real:.3}, generated {generated:.3}"
        );
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn new_ids_keep_the_rest_of_the_line() {
        let text =
            "id = \"mla-c01-cs-01\"\n[[questions]]\n  id = \"mla-c01-cs-01-q1\"  # x\nidx = 1\n";
        assert_eq!(
            with_new_ids(text, 7),
            "id = \"mla-c01-cs-01-g7\"\n[[questions]]\n  id = \"mla-c01-cs-01-q1-g7\"  # x\nidx = 1\n"
        );
    }

    #[test]
    fn own_text_holds_both_languages_and_no_keys() {
        let text = own_text(&questions_dir()).expect("the bank's text");
        assert!(text.contains("Amazon SageMaker"));
        assert!(text.contains("です"));
        assert!(!text.contains("difficulty"));
    }
}
