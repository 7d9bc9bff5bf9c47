//! `cargo xtask dist`: trunk's post-build hook (see `Trunk.toml`). It finishes the site trunk
//! staged in `$TRUNK_STAGING_DIR`: compiles the bank (from `$MOGI_QUESTIONS_DIR` or
//! `questions/`) into its two files (`mogi_core::pack`), `bank-<revision>.json` (the index) and
//! `bank-<revision>-content.json`, and names both in `index.html` as preloads, so the browser
//! downloads them alongside the wasm: the app opens the index before it mounts and takes the
//! content file (already on its way or in) once the start screen is up.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs every step on the staged site.
///
/// # Errors
/// When there is no staging directory, the bank has errors, or a file cannot be written.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let staging = match args {
        [] => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or("TRUNK_STAGING_DIR is not set (run through trunk, or pass a directory)")?,
        [dir] => PathBuf::from(dir),
        _ => return Err("usage: cargo xtask dist [DIR]".into()),
    };
    let questions =
        std::env::var_os("MOGI_QUESTIONS_DIR").map_or_else(crate::default_root, PathBuf::from);
    let Some(names) = write_bank_files(&staging, &questions)? else {
        return Ok(ExitCode::FAILURE);
    };
    link_bank_files(&staging, &names)?;
    Ok(ExitCode::SUCCESS)
}

/// The file names of a bank's index and content file.
struct BankFiles {
    index: String,
    content: String,
}

/// Writes the bank's files; `None` (after printing every diagnostic) when the bank has errors.
fn write_bank_files(staging: &Path, questions: &Path) -> Result<Option<BankFiles>, String> {
    let compiled = match mogi_bank::compile_dir(questions) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{diagnostic}");
            }
            eprintln!("the question bank has {} error(s)", diagnostics.len());
            return Ok(None);
        }
    };
    let revision = &compiled.bank.revision;
    let names = BankFiles {
        index: mogi_core::pack::index_file_name(revision),
        content: mogi_core::pack::content_file_name(revision),
    };
    let packed = mogi_core::pack::encode(&compiled.bank);
    for (name, bytes) in [
        (&names.index, packed.index.as_bytes()),
        (&names.content, packed.content.as_slice()),
    ] {
        let path = staging.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Some(names))
}

/// Names the bank's files in the staged `index.html`.
fn link_bank_files(staging: &Path, names: &BankFiles) -> Result<(), String> {
    let path = staging.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let html = with_bank_links(&html, names)
        .ok_or_else(|| format!("{}: no </head> to add the bank links to", path.display()))?;
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

fn with_bank_links(html: &str, names: &BankFiles) -> Option<String> {
    let head_end = html.find("</head>")?;
    let links = format!(
        "<link rel=\"preload\" id=\"mogi-bank\" href=\"{}\" as=\"fetch\" crossorigin>\n\
         <link rel=\"preload\" id=\"mogi-bank-content\" href=\"{}\" as=\"fetch\" crossorigin>\n",
        names.index, names.content
    );
    Some(format!("{}{links}{}", &html[..head_end], &html[head_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_links_go_at_the_end_of_head() {
        let html = "<html><head><title>x</title></head><body></body></html>";
        let names = BankFiles {
            index: "bank-abc.json".into(),
            content: "bank-abc-content.json".into(),
        };
        let linked = with_bank_links(html, &names).unwrap();
        assert_eq!(
            linked,
            "<html><head><title>x</title>\
             <link rel=\"preload\" id=\"mogi-bank\" href=\"bank-abc.json\" as=\"fetch\" crossorigin>\n\
             <link rel=\"preload\" id=\"mogi-bank-content\" href=\"bank-abc-content.json\" as=\"fetch\" crossorigin>\n\
             </head><body></body></html>"
        );
        assert!(with_bank_links("<p>no head</p>", &names).is_none());
    }

    #[test]
    fn the_real_bank_is_written_and_named_by_its_revision() {
        let dir = std::env::temp_dir().join(format!("mogi-dist-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let names = write_bank_files(&dir, &crate::default_root())
            .unwrap()
            .unwrap();
        let index = std::fs::read_to_string(dir.join(&names.index)).unwrap();
        let bank = mogi_core::pack::open_index(&index).unwrap();
        assert_eq!(names.index, format!("bank-{}.json", bank.revision));
        assert_eq!(
            names.content,
            format!("bank-{}-content.json", bank.revision)
        );
        let content = std::fs::read(dir.join(&names.content)).unwrap();
        mogi_core::pack::install_content(&bank, content).unwrap();
        assert!(bank.questions.len() >= 100);
        assert!(!bank.glossary().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
