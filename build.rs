//! Checks the question bank in `questions/` (or `$MOGI_QUESTIONS_DIR`) on every build of the app:
//! a bank with any error fails the build, naming file, line and rule for every problem. It
//! writes the bank's files (`mogi_core::pack`) for the tests: the index to `$OUT_DIR/bank.json`
//! and every content chunk, one after another, to `$OUT_DIR/bank-content.json`. The site gets
//! its copy from `cargo xtask dist` (trunk's post-build hook), which compiles the same files
//! the same way.

use std::path::Path;

fn main() {
    // Benchmarks build the app with generated banks from another directory.
    println!("cargo:rerun-if-env-changed=MOGI_QUESTIONS_DIR");
    let root = std::env::var_os("MOGI_QUESTIONS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("questions"),
        std::path::PathBuf::from,
    );
    println!("cargo:rerun-if-changed={}", root.display());
    match mogi_bank::compile_dir(&root) {
        Ok(compiled) => {
            for source in &compiled.sources {
                println!("cargo:rerun-if-changed={}", source.display());
            }
            let packed = mogi_core::pack::encode(&compiled.bank);
            let out =
                std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
            std::fs::write(out.join("bank.json"), &packed.index).expect("OUT_DIR is writable");
            std::fs::write(out.join("bank-content.json"), packed.all_chunks())
                .expect("OUT_DIR is writable");
        }
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{diagnostic}");
            }
            eprintln!(
                "the question bank has {} error(s); `cargo xtask lint` lists them",
                diagnostics.len()
            );
            std::process::exit(1);
        }
    }
}
