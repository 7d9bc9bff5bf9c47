//! `cargo xtask lint`: the build's validation, every diagnostic on its own line.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

pub fn run(root: &Path) -> ExitCode {
    match mogi_bank::compile_dir(root) {
        Ok(compiled) => {
            println!("ok: {compiled}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                println!("{diagnostic}");
            }
            let files: BTreeSet<_> = diagnostics.iter().map(|d| &d.file).collect();
            println!("{} error(s) in {} file(s)", diagnostics.len(), files.len());
            ExitCode::FAILURE
        }
    }
}
