//! `cargo xtask bench` (which runs this crate, `mogi-bench`): what the site costs to download
//! and how fast it answers, for the real bank and for generated banks of 1,000 and 10,000
//! questions. A crate of its own, so the WebDriver and HTTP dependencies it needs are not
//! compiled for the other `xtask` commands (trunk's post-build hook runs `cargo xtask dist`).
//!
//! ```text
//! cargo xtask bench [--runs 5] [--clicks 50] [--sizes 1000,10000] [--no-build] [--out FILE]
//!                   [--throttle] [--check] [--lighthouse-runs 3] [--no-lighthouse] [--lighthouse-no-gzip]
//! cargo xtask bench --only lighthouse [--lighthouse-runs 3] [--lighthouse-no-gzip] [--out FILE]
//! ```
//!
//! `./mogi bench` builds the release site into `dist/` first; this command then generates each
//! bank (`generate`), builds it with trunk into `target/bench/dist/n<N>` (with its own
//! `CARGO_TARGET_DIR`, `target/bench/cargo`, so the real build stays cached), measures the
//! bytes of each site (`bytes`), runs each site cold in headless Chromium `--runs`
//! times (`browser`), and prints medians with the performance budgets next to them, as
//! pass or over (with `--check`, any figure over its budget fails the command once everything
//! is printed and written). Last, Lighthouse audits the
//! real build (`lighthouse`: median scores against their budgets, the metrics,
//! the audits that fail); `--only lighthouse` runs that step alone. `--throttle` runs the
//! sites as a phone on a slow network sees them: served gzipped, with Lighthouse's mobile
//! conditions set through the DevTools protocol (150 ms round trip, 1.6 Mbps down, 750 kbps
//! up, the CPU 4× slower), against the budgets for those conditions. Everything is also
//! written to `target/bench/bench.json` for comparing commits.

mod browser;
mod bytes;
mod generate;
mod lighthouse;
mod measured;
mod options;
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::json;

use crate::browser::Site;
use crate::measured::*;
use crate::options::Options;
use crate::report::*;

/// A site to measure: the real bank or a generated one.
struct Variant {
    name: String,
    questions_dir: PathBuf,
    dist: PathBuf,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let workspace = workspace();
    let mut options = Options::parse(args, &workspace)?;
    if options.throttle {
        options.clicks = 0;
    }
    let bench_dir = workspace.join("target/bench");
    let real = Variant {
        name: "real".to_owned(),
        questions_dir: workspace.join("questions"),
        dist: workspace.join("dist"),
    };
    if !real.dist.join("index.html").is_file() {
        return Err(format!(
            "no release build at {}: `./mogi bench` builds it (or run `./mogi build` first)",
            real.dist.display()
        ));
    }
    let lighthouse = |workspace: &Path| {
        lighthouse::run(
            &workspace.join("dist"),
            &bench_dir.join("lighthouse"),
            workspace,
            &lighthouse::Options {
                runs: options.lighthouse_runs,
                gzip: options.lighthouse_gzip,
            },
        )
    };
    if options.only_lighthouse {
        let results = lighthouse(&workspace)?;
        results.print();
        let mut report = metadata(&workspace);
        report["only"] = json!("lighthouse");
        report["lighthouse"] = results.json();
        let over = results.over();
        return checked(&options, &mut report, over);
    }
    let mut variants = vec![real];
    for &size in &options.sizes {
        let variant = Variant {
            name: format!("generated {size}"),
            questions_dir: bench_dir.join(format!("banks/n{size}")),
            dist: bench_dir.join(format!("dist/n{size}")),
        };
        let started = Instant::now();
        let files =
            crate::generate::generate(&workspace.join("questions"), &variant.questions_dir, size)?;
        eprintln!(
            "bench: generated {size} questions ({files} files) in {} in {:.1} s",
            variant.questions_dir.display(),
            started.elapsed().as_secs_f64()
        );
        if options.build {
            build(&workspace, &variant, &bench_dir.join("cargo"))?;
        } else if !variant.dist.join("index.html").is_file() {
            return Err(format!(
                "--no-build, but {} has no build",
                variant.dist.display()
            ));
        }
        variants.push(variant);
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio: {e}"))?;
    let mut results = Vec::new();
    let mut failures = Vec::new();
    for variant in &variants {
        let started = Instant::now();
        let sizes = bytes::measure(&variant.dist, &variant.questions_dir)?;
        eprintln!(
            "bench: measured the bytes of {} in {:.1} s",
            variant.name,
            started.elapsed().as_secs_f64()
        );
        let site = if options.throttle {
            Site::serve_gzip(&variant.dist)?
        } else {
            Site::serve(&variant.dist)?
        };
        let mut runs = Vec::new();
        for k in 1..=options.runs {
            // A browser that hangs once (seen on a heavily loaded machine) gets one more try.
            let mut attempt = runtime.block_on(browser::cold_run(
                &site.url(),
                options.clicks,
                options.throttle,
                options.reading_ms,
            ));
            if let Err(e) = &attempt {
                eprintln!(
                    "bench: {} run {k} failed, trying once more: {e}",
                    variant.name
                );
                failures.push(format!("{}, run {k}: {e}", variant.name));
                attempt = runtime.block_on(browser::cold_run(
                    &site.url(),
                    options.clicks,
                    options.throttle,
                    options.reading_ms,
                ));
            }
            let run = attempt.map_err(|e| format!("{}, run {k}: {e}", variant.name))?;
            eprintln!(
                "bench: {} run {k}/{}: first question {:.0} ms, answer script median {:.2} ms",
                variant.name,
                options.runs,
                run.first_question,
                median(&run.answer_script)
            );
            if run.exam_questions != EXAM_QUESTIONS {
                return Err(format!(
                    "{}: the full exam has {} questions, expected {EXAM_QUESTIONS}",
                    variant.name, run.exam_questions
                ));
            }
            runs.push(run);
        }
        results.push(Measured {
            name: variant.name.clone(),
            sizes,
            runs,
            throttled: options.throttle,
            reading_ms: options.reading_ms,
        });
    }

    let lighthouse = if options.lighthouse_runs > 0 {
        Some(lighthouse(&workspace)?)
    } else {
        None
    };

    let crates = crate_costs(&workspace, &bench_dir);
    let mut report = report_json(&results, &crates, &options, &workspace);
    report["failed_attempts"] = json!(failures);
    report["throttled"] = json!(options.throttle);
    report["reading_ms"] = json!(options.reading_ms);
    // The probe measured once, for the table and the JSON alike.
    print_table(&results, &crates, report["cpu_probe_ms"].as_f64());
    let mut over = over_budget(&results);
    if let Some(lighthouse) = &lighthouse {
        lighthouse.print();
        report["lighthouse"] = lighthouse.json();
        over.extend(lighthouse.over());
    }
    checked(&options, &mut report, over)
}

/// The workspace root: this crate is `xtask/bench`.
fn workspace() -> PathBuf {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| bench.join("../.."), Path::to_path_buf)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    run(&args).unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

/// `trunk build --release --offline` of the app with the variant's bank.
fn build(workspace: &Path, variant: &Variant, target: &Path) -> Result<(), String> {
    eprintln!(
        "bench: building {} into {} (a release build takes minutes)",
        variant.name,
        variant.dist.display()
    );
    let started = Instant::now();
    let status = Command::new("trunk")
        .args(["build", "--release", "--offline", "--dist"])
        .arg(&variant.dist)
        .current_dir(workspace)
        .env("MOGI_QUESTIONS_DIR", &variant.questions_dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cannot run trunk ({e}); `./mogi bench` puts it on PATH"))?;
    if !status.success() {
        return Err(format!("trunk build of {} failed: {status}", variant.name));
    }
    eprintln!(
        "bench: built {} in {:.0} s",
        variant.name,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Per-crate code of the app's wasm as cargo wrote it (names intact), from the benchmark's
/// own build if there is one, else from the real build.
fn crate_costs(workspace: &Path, bench_dir: &Path) -> Option<(PathBuf, Vec<(String, u64)>)> {
    let main_target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace.join("target"), PathBuf::from);
    [bench_dir.join("cargo"), main_target]
        .iter()
        .map(|t| t.join("wasm32-unknown-unknown/release/mogi.wasm"))
        .find(|p| p.is_file())
        .and_then(|path| {
            let bytes = std::fs::read(&path).ok()?;
            match bytes::crate_costs(&bytes) {
                Ok(costs) => Some((path, costs)),
                Err(e) => {
                    eprintln!("bench: no per-crate costs from {}: {e}", path.display());
                    None
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::Kind;

    #[test]
    fn median_and_p95_of_fifty_clicks() {
        let values: Vec<f64> = (1..=50).map(f64::from).collect();
        assert!((median(&values) - 25.5).abs() < 1e-9);
        assert!((p95(&values) - 48.0).abs() < 1e-9);
        assert!((median(&[3.0, 1.0, 2.0]) - 2.0).abs() < 1e-9);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn options_default_to_five_runs_of_fifty_clicks_and_two_generated_banks() {
        let options = Options::parse(&[], Path::new("/w")).expect("defaults");
        assert_eq!((options.runs, options.clicks), (5, 50));
        assert_eq!(options.sizes, vec![1000, 10_000]);
        let args: Vec<String> = ["--sizes", "none", "--runs", "1", "--no-build"]
            .map(String::from)
            .into();
        let options = Options::parse(&args, Path::new("/w")).expect("options");
        assert!(options.sizes.is_empty() && !options.build && options.runs == 1);
        assert!(Options::parse(&["--runs".to_owned(), "0".to_owned()], Path::new("/w")).is_err());
        assert_eq!(
            Options::parse(&[], Path::new("/w")).unwrap().reading_ms,
            0,
            "clicks at once"
        );
        let reading = ["--reading-ms", "1000"].map(String::from);
        let options = Options::parse(&reading, Path::new("/w")).expect("a pause");
        assert_eq!(options.reading_ms, 1000);
    }

    #[test]
    fn lighthouse_runs_three_times_by_default_and_can_run_alone() {
        let parse = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|&a| a.to_owned()).collect();
            Options::parse(&args, Path::new("/w"))
        };
        let options = parse(&[]).expect("defaults");
        assert_eq!(
            (options.lighthouse_runs, options.lighthouse_gzip),
            (3, true)
        );
        assert!(!options.check && parse(&["--check"]).expect("check").check);
        assert!(!options.only_lighthouse);
        let options = parse(&["--only", "lighthouse", "--lighthouse-runs", "5"]).expect("only");
        assert!(options.only_lighthouse && options.lighthouse_runs == 5);
        assert_eq!(
            parse(&["--no-lighthouse"]).expect("skip").lighthouse_runs,
            0
        );
        assert!(
            !parse(&["--lighthouse-no-gzip"])
                .expect("raw")
                .lighthouse_gzip
        );
        assert!(parse(&["--only", "sizes"]).is_err());
        assert!(parse(&["--only", "lighthouse", "--no-lighthouse"]).is_err());
    }

    #[test]
    fn fetched_paths_are_told_apart_by_extension() {
        assert_eq!(kind_of_path("/"), Kind::Html);
        assert_eq!(kind_of_path("/mogi-1_bg.wasm"), Kind::Wasm);
        assert_eq!(kind_of_path("/bank-2.json"), Kind::Data);
    }
}
