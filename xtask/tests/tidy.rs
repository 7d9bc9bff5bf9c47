//! The layering rules of `ARCHITECTURE.md`, checked on the sources so that a change that breaks
//! one fails `cargo test` with the file and the rule (in the manner of rust-analyzer's tidy
//! tests). Test code (`#[cfg(test)]` modules, `tests/`) may do what it likes.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// Every `.rs` file below `dir`, with its code before the first `#[cfg(test)]` (test modules
/// close each file).
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir)
            .expect("a source directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let code = text
                .find("#[cfg(test)]")
                .map_or(text.clone(), |at| text[..at].to_owned());
            let relative = path.strip_prefix(root()).unwrap_or(&path).to_path_buf();
            (relative, code)
        })
        .collect()
}

/// `file:line: what` for every line of `files` (but those allowed) that contains `needle`.
fn places(files: &[(PathBuf, String)], needle: &str, allowed: &[&str]) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| !allowed.iter().any(|a| path.starts_with(a)))
        .flat_map(|(path, code)| {
            code.lines()
                .enumerate()
                .filter(|(_, line)| line.contains(needle) && !line.trim_start().starts_with("//"))
                .map(move |(n, line)| format!("{}:{}: {}", path.display(), n + 1, line.trim()))
        })
        .collect()
}

fn app_and_core() -> Vec<(PathBuf, String)> {
    let mut files = sources("src");
    files.extend(sources("core/src"));
    files
}

#[test]
fn the_core_depends_on_no_web_crate() {
    let manifest = std::fs::read_to_string(root().join("core/Cargo.toml")).unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    for web in ["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen"] {
        assert!(
            !dependencies
                .lines()
                .any(|l| l.trim_start().starts_with(web)),
            "core/Cargo.toml depends on {web}: the core is plain Rust (ARCHITECTURE.md)"
        );
    }
    let found = places(&sources("core/src"), "web_sys", &[]);
    assert!(
        found.is_empty(),
        "web_sys in the core:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_browser_is_reached_only_from_the_edge() {
    let found = places(
        &sources("src"),
        "web_sys::window",
        &["src/edge/", "src/app.rs", "src/lib.rs"],
    );
    assert!(
        found.is_empty(),
        "web_sys::window outside src/edge, src/app.rs and src/lib.rs (move it into an edge module):\n{}",
        found.join("\n")
    );
}

#[test]
fn storage_keys_are_named_only_in_the_store() {
    // The page's language script gets its key from `cargo xtask dist` (xtask/src/loader.rs).
    let mut files = app_and_core();
    let page = std::fs::read_to_string(root().join("index.html")).expect("index.html");
    files.push((PathBuf::from("index.html"), page));
    let found = places(&files, "\"mogi.", &["core/src/store/"]);
    assert!(
        found.is_empty(),
        "a storage key named outside core/src/store/ (use mogi_core::store::keys):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_code_decides_by_exam_code() {
    // Exam facts are data (questions/blueprints); the synthetic bank is for tests and
    // benchmarks and names the exam it imitates.
    let mut found = Vec::new();
    for code in ["\"mla-c01\"", "\"mla-c02\"", "\"aif-c01\""] {
        found.extend(places(&app_and_core(), code, &["core/src/synthetic.rs"]));
    }
    assert!(
        found.is_empty(),
        "an exam code as a literal in app or core code (exam facts belong in the blueprint):\n{}",
        found.join("\n")
    );
}

#[test]
fn stable_sorts_go_through_the_one_shared_sort() {
    // Every `sort_by_key` with its own closure compiles a whole stable sort into the wasm
    // (28 copies came to 43 KB): mogi_core::sorting is the one copy.
    let mut found = Vec::new();
    for sort in [".sort_by_key(", ".sort_by(", ".sort()"] {
        found.extend(places(&app_and_core(), sort, &["core/src/sorting.rs"]));
    }
    assert!(
        found.is_empty(),
        "a stable sort outside mogi_core::sorting (use sorting::sort, sort_by or sort_by_key):\n{}",
        found.join("\n")
    );
}
