//! `cargo xtask <command>`: the authors' tool for the question bank, plus project tasks.
//!
//! ```text
//! cargo xtask lint  [--root questions]
//! cargo xtask stats [--exam mla-c01] [--root questions]
//! cargo xtask new   --exam mla-c01 --task 2.3 --type matching [--id ID] [--root questions]
//! cargo xtask bench [--runs 5] [--clicks 50] [--sizes 1000,10000] [--no-build] [--out FILE]
//!                   [--lighthouse-runs 3] [--no-lighthouse] [--lighthouse-no-gzip]
//! cargo xtask bench --only lighthouse [--lighthouse-runs 3] [--lighthouse-no-gzip] [--out FILE]
//! cargo xtask dist  [DIR]   (trunk's post_build hook; DIR defaults to TRUNK_STAGING_DIR)
//! cargo xtask release [--root questions]
//! ```

mod dist;
mod icon;
mod lint;
mod loader;
mod new;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command> [options]

commands:
  lint  [--root DIR]                    check the bank as the build does; exit 1 on any error
  stats [--exam CODE] [--root DIR]      coverage per domain, task, type, service, difficulty
  new   --exam CODE --task ID --type TYPE [--id ID] [--root DIR]
                                        scaffold a question file and print its path
  bench [--runs N] [--clicks N] [--sizes N,N|none] [--no-build] [--out FILE]
        [--lighthouse-runs N] [--no-lighthouse] [--lighthouse-no-gzip]
                                        build the site with the real and generated banks,
                                        print sizes and timings in headless Chromium, then
                                        Lighthouse scores of dist/ (mobile preset)
                                        (`./mogi bench` builds dist/ first)
  bench --only lighthouse [--lighthouse-runs N] [--lighthouse-no-gzip] [--out FILE]
                                        only the Lighthouse scores of dist/
  release [--root DIR]                  add the bank as it is now to questions/releases.toml
                                        (the record that matches data saved before forms
                                        recorded question revisions)
  dist  [DIR]                           finish a build: the bank's files, manifest, icons,
                                        Content-Security-Policy, service worker (trunk's
                                        post_build hook runs it on TRUNK_STAGING_DIR)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let command = args.remove(0);
    let result = match command.as_str() {
        "lint" => Args::parse(&args, &["root"]).map(|a| lint::run(&a.root())),
        "stats" => Args::parse(&args, &["root", "exam"])
            .and_then(|a| stats::run(&a.root(), a.get("exam").unwrap_or("mla-c01"))),
        "new" => {
            Args::parse(&args, &["root", "exam", "task", "type", "id"]).and_then(|a| new::run(&a))
        }
        "bench" => bench(&args),
        "dist" => dist::run(&args),
        "release" => Args::parse(&args, &["root"]).and_then(|a| release(&a.root())),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}

/// `--name value` pairs, checked against the names a command accepts.
pub struct Args {
    pairs: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String], allowed: &[&str]) -> Result<Self, String> {
        let mut pairs = Vec::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let name = arg
                .strip_prefix("--")
                .filter(|n| allowed.contains(n))
                .ok_or_else(|| {
                    format!(
                        "unexpected argument `{arg}` (options: --{})",
                        allowed.join(", --")
                    )
                })?;
            let value = rest
                .next()
                .ok_or_else(|| format!("`--{name}` needs a value"))?;
            pairs.push((name.to_owned(), value.clone()));
        }
        Ok(Self { pairs })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("missing `--{name}`"))
    }

    /// `--root`, or the workspace's `questions/`.
    pub fn root(&self) -> PathBuf {
        self.get("root").map_or_else(default_root, PathBuf::from)
    }
}

pub fn default_root() -> PathBuf {
    let xtask = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask
        .parent()
        .map_or(xtask.clone(), PathBuf::from)
        .join("questions")
}

/// `cargo xtask release`: appends the compiled bank to the record of releases.
fn release(root: &std::path::Path) -> Result<ExitCode, String> {
    let compiled = mogi_bank::compile_dir(root).map_err(|diagnostics| {
        diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let path = root.join(mogi_bank::releases::FILE);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    if text.contains(&format!("revision = \"{}\"", compiled.bank.revision)) {
        println!(
            "{} already records {}",
            path.display(),
            compiled.bank.revision
        );
        return Ok(ExitCode::SUCCESS);
    }
    text.push_str(&mogi_bank::releases::entry(&compiled.bank));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{}: recorded {}", path.display(), compiled.bank.revision);
    Ok(ExitCode::SUCCESS)
}

/// `cargo xtask bench …`: runs the benchmark crate (`xtask/bench`), built only when asked for.
fn bench(args: &[String]) -> Result<ExitCode, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--package", "mogi-bench", "--"])
        .args(args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
