//! `cargo xtask dist`: trunk's post-build hook (see `Trunk.toml`). It finishes the site trunk
//! staged in `$TRUNK_STAGING_DIR`: compiles the bank (from `$MOGI_QUESTIONS_DIR` or
//! `questions/`) into `bank-<revision>.json` and names that file in `index.html`, where the
//! browser starts downloading it alongside the wasm.

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
    let Some(bank_file) = write_bank_file(&staging, &questions)? else {
        return Ok(ExitCode::FAILURE);
    };
    link_bank_file(&staging, &bank_file)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the bank file; `None` (after printing every diagnostic) when the bank has errors.
fn write_bank_file(staging: &Path, questions: &Path) -> Result<Option<String>, String> {
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
    let name = format!("bank-{}.json", compiled.bank.revision);
    let path = staging.join(&name);
    std::fs::write(&path, mogi_core::pack::encode(&compiled.bank))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(name))
}

/// Adds `<link id="mogi-bank" rel="preload">` for the bank file to the staged `index.html`.
fn link_bank_file(staging: &Path, name: &str) -> Result<(), String> {
    let path = staging.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let html = with_bank_link(&html, name)
        .ok_or_else(|| format!("{}: no </head> to add the bank link to", path.display()))?;
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

fn with_bank_link(html: &str, name: &str) -> Option<String> {
    let head_end = html.find("</head>")?;
    let link = format!(
        "<link rel=\"preload\" id=\"mogi-bank\" href=\"{name}\" as=\"fetch\" crossorigin>\n"
    );
    Some(format!("{}{link}{}", &html[..head_end], &html[head_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_goes_at_the_end_of_head() {
        let html = "<html><head><title>x</title></head><body></body></html>";
        let linked = with_bank_link(html, "bank-abc.json").unwrap();
        assert_eq!(
            linked,
            "<html><head><title>x</title><link rel=\"preload\" id=\"mogi-bank\" href=\"bank-abc.json\" as=\"fetch\" crossorigin>\n</head><body></body></html>"
        );
        assert_eq!(with_bank_link("<p>no head</p>", "b.json"), None);
    }

    #[test]
    fn the_real_bank_is_written_and_named_by_its_revision() {
        let dir = std::env::temp_dir().join(format!("mogi-dist-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let name = write_bank_file(&dir, &crate::default_root())
            .unwrap()
            .unwrap();
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let bank = mogi_core::pack::decode(text).unwrap();
        assert_eq!(name, format!("bank-{}.json", bank.revision));
        assert!(bank.questions.len() >= 100);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
