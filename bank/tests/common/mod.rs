//! Shared helpers: the valid fixture bank as in-memory files, and edits of it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The fixture `questions/` directory.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questions")
}

/// Every fixture file as `(questions/<relative path>, contents)`, sorted.
pub fn files() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let root = root();
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("fixture is UTF-8");
            let rel = p.strip_prefix(&root).expect("under root").to_path_buf();
            (Path::new("questions").join(rel), text)
        })
        .collect()
}

/// `s` with the first `from` replaced by `to`; panics if `from` is absent, so a fixture change
/// cannot silently turn a rule test into a no-op.
pub fn edit(s: &str, from: &str, to: &str) -> String {
    assert!(s.contains(from), "fixture text not found: {from:?}");
    s.replacen(from, to, 1)
}

/// The diagnostics of the fixture bank after `change` edits the files.
pub fn errors_with(change: impl FnOnce(&mut Vec<(PathBuf, String)>)) -> Vec<String> {
    let mut files = files();
    change(&mut files);
    match mogi_bank::compile_sources(&files) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// The diagnostics after editing one file, named relative to `questions/`.
pub fn errors_after(file: &str, change: impl FnOnce(String) -> String) -> Vec<String> {
    errors_with(|files| {
        let path = Path::new("questions").join(file);
        let entry = files
            .iter_mut()
            .find(|(p, _)| *p == path)
            .unwrap_or_else(|| panic!("no fixture {file}"));
        entry.1 = change(std::mem::take(&mut entry.1));
    })
}
