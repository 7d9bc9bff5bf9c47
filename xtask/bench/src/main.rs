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

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::{Value, json};

use crate::browser::{Run, Site};
use crate::bytes::{Kind, Sizes};

const USAGE: &str = "usage: cargo xtask bench [--runs N] [--clicks N] [--sizes N,N|none] [--no-build] [--out FILE]
                         [--throttle] [--check] [--lighthouse-runs N] [--no-lighthouse] [--lighthouse-no-gzip]
       cargo xtask bench --only lighthouse [--lighthouse-runs N] [--lighthouse-no-gzip] [--out FILE]";

const KIB: f64 = 1024.0;
const MIB: f64 = 1024.0 * 1024.0;

/// The performance budgets.
///
/// Code size is a guard rail, reported but never a budget: what a reader waits for is the
/// time budgets below.
const CODE_GUARD_RAIL_KIB: f64 = 250.0;
const DATA_PER_TEXT: f64 = 1.1;
const FIRST_QUESTION_MS: f64 = 1250.0 / 3.0;
/// Under `--throttle`: the start screen usable, and the first question clickable.
const THROTTLED_START_MS: f64 = 1500.0;
const THROTTLED_FIRST_QUESTION_MS: f64 = 2500.0;
const SCRIPT_MEDIAN_MS: f64 = 2.0;
const SCRIPT_P95_MS: f64 = 4.0;
const HEAP_MIB: f64 = 4.0;
/// The largest generated bank's first question against the real bank's.
const LARGEST_VS_REAL: f64 = 1.5;
/// The exam the timings start: the full MLA-C01 exam.
const EXAM_QUESTIONS: u32 = 65;

struct Options {
    runs: usize,
    clicks: usize,
    sizes: Vec<usize>,
    build: bool,
    out: PathBuf,
    /// Lighthouse runs against the real build; 0 skips the step.
    lighthouse_runs: usize,
    lighthouse_gzip: bool,
    /// `--only lighthouse`: nothing but the Lighthouse step.
    only_lighthouse: bool,
    /// `--throttle`: served gzipped under Lighthouse's mobile network and CPU conditions.
    throttle: bool,
    /// `--check`: fail when a figure is over its budget.
    check: bool,
}

impl Options {
    fn parse(args: &[String], workspace: &Path) -> Result<Self, String> {
        let mut options = Self {
            runs: 5,
            clicks: 50,
            sizes: vec![1000, 10_000],
            build: true,
            out: workspace.join("target/bench/bench.json"),
            lighthouse_runs: 3,
            lighthouse_gzip: true,
            only_lighthouse: false,
            throttle: false,
            check: false,
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = || {
                rest.next()
                    .ok_or_else(|| format!("`{arg}` needs a value\n{USAGE}"))
            };
            let number = |v: &String| {
                v.parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("`{arg} {v}`: a positive number, please"))
            };
            match arg.as_str() {
                "--runs" => options.runs = number(value()?)?,
                "--clicks" => options.clicks = number(value()?)?,
                "--sizes" => {
                    let v = value()?;
                    options.sizes = if v == "none" {
                        Vec::new()
                    } else {
                        v.split(',')
                            .map(|n| number(&n.trim().replace('_', "")))
                            .collect::<Result<_, _>>()?
                    };
                }
                "--no-build" => options.build = false,
                // Answer clicks are timed unthrottled only: under the throttle the page is
                // still fetching the rest of the exam while a run clicks through it.
                "--throttle" => options.throttle = true,
                "--check" => options.check = true,
                "--lighthouse-runs" => options.lighthouse_runs = number(value()?)?,
                "--no-lighthouse" => options.lighthouse_runs = 0,
                "--lighthouse-no-gzip" => options.lighthouse_gzip = false,
                "--only" => match value()?.as_str() {
                    "lighthouse" => options.only_lighthouse = true,
                    other => {
                        return Err(format!(
                            "`--only {other}`: only `lighthouse` can run alone\n{USAGE}"
                        ));
                    }
                },
                "--out" => options.out = PathBuf::from(value()?),
                "--help" | "-h" => return Err(USAGE.to_owned()),
                other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
            }
        }
        if options.only_lighthouse && options.lighthouse_runs == 0 {
            return Err(format!(
                "`--only lighthouse` with `--no-lighthouse` leaves nothing to do\n{USAGE}"
            ));
        }
        Ok(options)
    }
}

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

/// Records the figures over budget in the report and writes it; with `--check`, fails when
/// there is any.
fn checked(options: &Options, report: &mut Value, over: Vec<String>) -> Result<ExitCode, String> {
    report["over_budget"] = json!(over);
    write_report(&options.out, report)?;
    if over.is_empty() {
        if options.check {
            println!("check: every figure is within its budget");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !options.check {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("check: {} figure(s) over budget:", over.len());
    for line in &over {
        eprintln!("  {line}");
    }
    Ok(ExitCode::FAILURE)
}

/// Every figure over its budget, in words: each variant's budgets and the scaling.
fn over_budget(results: &[Measured]) -> Vec<String> {
    let mut over = Vec::new();
    for m in results {
        for (name, figure, limit, unit, pass) in m.budgets(&m.summary()) {
            if !pass {
                over.push(format!(
                    "{}: {name} {figure:.2} {unit} > {limit:.2} {unit}",
                    m.name
                ));
            }
        }
    }
    if let Some((name, ratio, limit, false)) = scaling(results) {
        over.push(format!(
            "{name}: first question {ratio:.2} × the real bank's > {limit:.2} ×"
        ));
    }
    over
}

fn write_report(out: &Path, report: &Value) -> Result<(), String> {
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let text = serde_json::to_string_pretty(report).map_err(|e| e.to_string())?;
    std::fs::write(out, text + "\n").map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\nwritten: {}", out.display());
    Ok(())
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

struct Measured {
    name: String,
    sizes: Sizes,
    runs: Vec<Run>,
    /// Run under `--throttle`'s conditions.
    throttled: bool,
}

/// The medians over runs of one variant's figures.
struct Summary {
    transferred_raw: f64,
    transferred_gzip: f64,
    transferred_code_raw: f64,
    transferred_code_gzip: f64,
    transferred_data_raw: f64,
    transferred_data_gzip: f64,
    /// Gzipped bytes of the requests started before the first question: code, the bank's
    /// index, its content chunks.
    before_first_code: f64,
    before_first_index: f64,
    before_first_content: f64,
    wasm_started: f64,
    start_visible: f64,
    first_question: f64,
    script_median: f64,
    script_p95: f64,
    paint_median: f64,
    paint_p95: f64,
    next_paint_median: f64,
    heap: f64,
    heap_after_gc: f64,
    heap_after_clicks: f64,
    wasm_memory: f64,
}

impl Measured {
    fn summary(&self) -> Summary {
        let over = |f: &dyn Fn(&Run) -> f64| median(&self.runs.iter().map(f).collect::<Vec<_>>());
        let or_nan = |v: Option<u64>| v.map_or(f64::NAN, |v| v as f64);
        // (code raw, code gzip, data raw, data gzip, index gzip, content gzip) requested
        // before the first question in one run (the background's later downloads are not
        // what the first question waited for).
        let split = |run: &Run| -> [f64; 6] {
            let mut out = [0.0; 6];
            for f in run.fetched.iter().filter(|f| f.start < run.first_question) {
                let kind = kind_of_path(&f.path);
                let gzip = self.gzip_of(&f.path).unwrap_or(f.encoded) as f64;
                if kind.is_code() {
                    out[0] += f.encoded as f64;
                    out[1] += gzip;
                } else if kind == Kind::Data {
                    out[2] += f.encoded as f64;
                    out[3] += gzip;
                    out[if f.path.contains("-content-") { 5 } else { 4 }] += gzip;
                }
            }
            out
        };
        Summary {
            transferred_raw: over(&|r| split(r)[0] + split(r)[2]),
            transferred_gzip: over(&|r| split(r)[1] + split(r)[3]),
            transferred_code_raw: over(&|r| split(r)[0]),
            transferred_code_gzip: over(&|r| split(r)[1]),
            transferred_data_raw: over(&|r| split(r)[2]),
            transferred_data_gzip: over(&|r| split(r)[3]),
            before_first_code: over(&|r| split(r)[1]),
            before_first_index: over(&|r| split(r)[4]),
            before_first_content: over(&|r| split(r)[5]),
            wasm_started: over(&|r| r.wasm_started.unwrap_or(f64::NAN)),
            start_visible: over(&|r| r.start_visible),
            first_question: over(&|r| r.first_question),
            script_median: over(&|r| median(&r.answer_script)),
            script_p95: over(&|r| p95(&r.answer_script)),
            paint_median: over(&|r| median(&r.answer_paint)),
            paint_p95: over(&|r| p95(&r.answer_paint)),
            next_paint_median: over(&|r| median(&r.next_paint)),
            heap: over(&|r| or_nan(r.heap_at_first_question)),
            heap_after_gc: over(&|r| or_nan(r.heap_after_gc)),
            heap_after_clicks: over(&|r| or_nan(r.heap_after_clicks)),
            wasm_memory: over(&|r| or_nan(r.wasm_memory)),
        }
    }

    /// The gzipped size of the `dist/` file a fetched path names.
    fn gzip_of(&self, path: &str) -> Option<u64> {
        let name = match path.rsplit('/').next() {
            Some("") | None => "index.html",
            Some(name) => name,
        };
        self.sizes
            .files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.size.gzip)
    }

    /// Each performance budget: name, figure, limit, unit, whether it passes.
    fn budgets(&self, summary: &Summary) -> Vec<(String, f64, f64, &'static str, bool)> {
        let sizes = &self.sizes;
        let data_limit = sizes.own_text.gzip as f64 * DATA_PER_TEXT / KIB;
        let data = sizes.data.gzip as f64 / KIB;
        let heap = summary.heap / MIB;
        let rows = [
            (
                "question data, gzip (1.1 × own text gzip)",
                data,
                data_limit,
                "KiB",
            ),
            (
                "first question clickable",
                summary.first_question,
                if self.throttled {
                    THROTTLED_FIRST_QUESTION_MS
                } else {
                    FIRST_QUESTION_MS
                },
                "ms",
            ),
            (
                "start screen visible",
                summary.start_visible,
                if self.throttled {
                    THROTTLED_START_MS
                } else {
                    f64::INFINITY
                },
                "ms",
            ),
            (
                "answer click script, median",
                summary.script_median,
                SCRIPT_MEDIAN_MS,
                "ms",
            ),
            (
                "answer click script, p95",
                summary.script_p95,
                SCRIPT_P95_MS,
                "ms",
            ),
            ("JS heap after starting the exam", heap, HEAP_MIB, "MiB"),
        ];
        rows.into_iter()
            .filter(|&(name, ..)| !(self.throttled && name.starts_with("answer click")))
            .map(|(name, figure, limit, unit)| {
                (name.to_owned(), figure, limit, unit, figure <= limit)
            })
            .collect()
    }
}

fn kind_of_path(path: &str) -> Kind {
    match path.rsplit('/').next() {
        Some("") | None => Kind::Html,
        Some(name) => Kind::of(name),
    }
}

/// The median (the mean of the middle two for an even count); NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        f64::midpoint(sorted[mid - 1], sorted[mid])
    } else {
        sorted[mid]
    }
}

/// The 95th percentile by nearest rank; NaN for none.
pub fn p95(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(f64::total_cmp);
    let rank = (sorted.len() * 95).div_ceil(100);
    sorted[rank.max(1) - 1]
}

fn verdict(pass: bool) -> &'static str {
    if pass { "pass" } else { "OVER" }
}

/// The largest generated bank's first question against the real bank's.
fn scaling(results: &[Measured]) -> Option<(String, f64, f64, bool)> {
    let real = results.first()?.summary().first_question;
    let largest = results.iter().skip(1).max_by_key(|m| m.sizes.questions)?;
    let ratio = largest.summary().first_question / real;
    Some((
        largest.name.clone(),
        ratio,
        LARGEST_VS_REAL,
        ratio <= LARGEST_VS_REAL,
    ))
}

fn print_table(
    results: &[Measured],
    crates: &Option<(PathBuf, Vec<(String, u64)>)>,
    cpu_probe_ms: Option<f64>,
) {
    let summaries: Vec<Summary> = results.iter().map(Measured::summary).collect();
    let kib = |b: u64| format!("{:.1} KiB", b as f64 / KIB);
    let kib_f = |b: f64| format!("{:.1} KiB", b / KIB);
    let ms = |v: f64| format!("{v:.1} ms");
    let mib = |v: f64| format!("{:.2} MiB", v / MIB);
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, cell: &dyn Fn(&Measured, &Summary) -> String| {
        let cells = results
            .iter()
            .zip(&summaries)
            .map(|(m, s)| cell(m, s))
            .collect();
        rows.push((label.to_owned(), cells));
    };
    row("questions in the bank", &|m, _| {
        m.sizes.questions.to_string()
    });
    row("code gzip (wasm, js, css, html)", &|m, _| {
        kib(m.sizes.code.gzip)
    });
    row("code raw", &|m, _| kib(m.sizes.code.raw));
    row("  of which wasm gzip", &|m, _| kib(m.sizes.wasm_code.gzip));
    row("question data gzip", &|m, _| kib(m.sizes.data.gzip));
    row("question data raw", &|m, _| kib(m.sizes.data.raw));
    row("bank's own text gzip (en+ja)", &|m, _| {
        kib(m.sizes.own_text.gzip)
    });
    row("bank's own text raw", &|m, _| kib(m.sizes.own_text.raw));
    row("transferred to 1st question, raw", &|_, s| {
        kib_f(s.transferred_raw)
    });
    row("  code / data, raw", &|_, s| {
        format!(
            "{} / {}",
            kib_f(s.transferred_code_raw),
            kib_f(s.transferred_data_raw)
        )
    });
    row("transferred if served gzip", &|_, s| {
        kib_f(s.transferred_gzip)
    });
    row("  code / data, gzip", &|_, s| {
        format!(
            "{} / {}",
            kib_f(s.transferred_code_gzip),
            kib_f(s.transferred_data_gzip)
        )
    });
    row("before 1st question, gzip: code", &|_, s| {
        kib_f(s.before_first_code)
    });
    row("  bank index / content chunks", &|_, s| {
        format!(
            "{} / {}",
            kib_f(s.before_first_index),
            kib_f(s.before_first_content)
        )
    });
    row(
        "wasm started (since navigation)",
        &|_, s| ms(s.wasm_started),
    );
    row("start screen visible", &|_, s| ms(s.start_visible));
    row("first question clickable (65-q exam)", &|_, s| {
        ms(s.first_question)
    });
    row("answer click: script median", &|_, s| ms(s.script_median));
    row("answer click: script p95", &|_, s| ms(s.script_p95));
    row("answer click to next paint: median", &|_, s| {
        ms(s.paint_median)
    });
    row("answer click to next paint: p95", &|_, s| ms(s.paint_p95));
    row("next click to next paint: median", &|_, s| {
        ms(s.next_paint_median)
    });
    row("JS heap after starting the exam", &|_, s| mib(s.heap));
    row("  same, after a forced GC", &|_, s| mib(s.heap_after_gc));
    row("  after the clicks, after GC", &|_, s| {
        mib(s.heap_after_clicks)
    });
    row("wasm memory", &|_, s| mib(s.wasm_memory));

    let runs = results.first().map_or(0, |m| m.runs.len());
    println!(
        "\nMogi benchmarks: median of {runs} cold runs in headless Chromium, served on 127.0.0.1 {}",
        if results.first().is_some_and(|m| m.throttled) {
            "gzipped, throttled as Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower"
        } else {
            "(no compression; gzip is level 9)"
        }
    );
    println!(
        "1-minute load average now: {} on {} CPUs; CPU probe {} ms (a fixed workload: higher is a slower machine; compare timings between reports only alongside it)\n",
        load_average().map_or_else(|| "?".to_owned(), |l| format!("{l:.1}")),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_probe_ms.map_or_else(|| "?".to_owned(), |ms| format!("{ms:.0}"))
    );
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let col = 18;
    print!("{:width$}", "");
    for m in results {
        print!("  {:>col$}", m.name);
    }
    println!();
    for (label, cells) in &rows {
        print!("{label:width$}");
        for cell in cells {
            print!("  {cell:>col$}");
        }
        println!();
    }

    println!("\nBudgets (`--check` fails when one is over)\n");
    for (m, s) in results.iter().zip(&summaries) {
        for (name, figure, limit, unit, pass) in m.budgets(s) {
            println!(
                "  {:<16} {name:<44} {figure:>9.2} {unit:<3} ≤ {limit:>8.2} {unit:<3}  {}",
                m.name,
                verdict(pass)
            );
        }
    }
    for m in results {
        let code = m.sizes.code.gzip as f64 / KIB;
        println!(
            "  {:<16} {:<44} {code:>9.2} KiB ≤ {CODE_GUARD_RAIL_KIB:>8.2} KiB  {} (a guard rail, reported only)",
            m.name,
            "code (wasm+js+css+html), gzip",
            if code <= CODE_GUARD_RAIL_KIB {
                "within"
            } else {
                "beyond"
            }
        );
    }
    if let Some((name, ratio, limit, pass)) = scaling(results) {
        println!(
            "  {name:<16} {:<44} {ratio:>9.2} ×   ≤ {limit:>8.2} ×    {}",
            "first question vs the real bank's",
            verdict(pass)
        );
    }

    if let Some((path, costs)) = crates {
        let total: u64 = costs.iter().map(|(_, b)| b).sum();
        println!(
            "\nWhat each crate costs: function bodies in {} (before wasm-bindgen and wasm-opt, {} in all)\n",
            path.display(),
            kib(total)
        );
        for (name, bytes) in costs.iter().take(20) {
            println!(
                "  {name:<28} {:>12}  {:>5.1}%",
                kib(*bytes),
                *bytes as f64 * 100.0 / total as f64
            );
        }
    }
}

fn report_json(
    results: &[Measured],
    crates: &Option<(PathBuf, Vec<(String, u64)>)>,
    options: &Options,
    workspace: &Path,
) -> Value {
    let variants: Vec<Value> = results
        .iter()
        .map(|m| {
            let s = m.summary();
            let budgets: Vec<Value> = m
                .budgets(&s)
                .into_iter()
                .map(|(name, figure, limit, unit, pass)| {
                    json!({ "name": name, "figure": figure, "limit": limit, "unit": unit, "pass": pass })
                })
                .collect();
            let runs: Vec<Value> = m
                .runs
                .iter()
                .map(|r| {
                    json!({
                        "wasm_started_ms": r.wasm_started,
                        "start_visible_ms": r.start_visible,
                        "start_clicked_ms": r.start_clicked,
                        "first_question_ms": r.first_question,
                        "exam_questions": r.exam_questions,
                        "answer_script_ms": r.answer_script,
                        "answer_paint_ms": r.answer_paint,
                        "answer_handler_ms": r.answer_handler,
                        "answer_script_task_ms": r.answer_script_task,
                        "next_paint_ms": r.next_paint,
                        "heap_at_first_question": r.heap_at_first_question,
                        "heap_after_gc": r.heap_after_gc,
                        "heap_after_clicks": r.heap_after_clicks,
                        "wasm_memory": r.wasm_memory,
                        "fetched": r.fetched.iter().map(|f| json!({ "path": f.path, "bytes": f.encoded, "start_ms": f.start, "end_ms": f.end })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let code = m.sizes.code.gzip as f64 / KIB;
            json!({
                "name": m.name,
                "questions": m.sizes.questions,
                "guard_rails": [{ "name": "code (wasm+js+css+html), gzip", "figure": code, "limit": CODE_GUARD_RAIL_KIB, "unit": "KiB", "within": code <= CODE_GUARD_RAIL_KIB }],
                "bytes": {
                    "files": m.sizes.files.iter().map(|f| json!({
                        "name": f.name, "kind": f.kind.label(), "raw": f.size.raw, "gzip": f.size.gzip,
                    })).collect::<Vec<_>>(),
                    "code": m.sizes.code.json(),
                    "wasm_code": m.sizes.wasm_code.json(),
                    "data": m.sizes.data.json(),
                    "own_text": m.sizes.own_text.json(),
                },
                "median": {
                    "transferred_raw": s.transferred_raw,
                    "transferred_gzip": s.transferred_gzip,
                    "transferred_code_raw": s.transferred_code_raw,
                    "transferred_code_gzip": s.transferred_code_gzip,
                    "transferred_data_raw": s.transferred_data_raw,
                    "transferred_data_gzip": s.transferred_data_gzip,
                    "before_first_question_gzip": {
                        "code": s.before_first_code,
                        "index": s.before_first_index,
                        "content": s.before_first_content,
                    },
                    "wasm_started_ms": finite(s.wasm_started),
                    "start_visible_ms": s.start_visible,
                    "first_question_ms": s.first_question,
                    "answer_script_median_ms": s.script_median,
                    "answer_script_p95_ms": s.script_p95,
                    "answer_paint_median_ms": s.paint_median,
                    "answer_paint_p95_ms": s.paint_p95,
                    "next_paint_median_ms": finite(s.next_paint_median),
                    "heap_at_first_question": finite(s.heap),
                    "heap_after_gc": finite(s.heap_after_gc),
                    "heap_after_clicks": finite(s.heap_after_clicks),
                    "wasm_memory": finite(s.wasm_memory),
                },
                "budgets": budgets,
                "runs": runs,
            })
        })
        .collect();
    let scaling = scaling(results).map(|(name, ratio, limit, pass)| {
        json!({ "name": format!("{name}: first question vs the real bank's"), "figure": ratio, "limit": limit, "pass": pass })
    });
    let mut report = metadata(workspace);
    report["runs"] = json!(options.runs);
    report["clicks"] = json!(options.clicks);
    report["variants"] = json!(variants);
    report["scaling"] = json!(scaling);
    report["crates"] = json!(crates.as_ref().map(|(path, costs)| json!({
        "wasm": path.display().to_string(),
        "bytes": costs.iter().map(|(name, bytes)| json!({ "crate": name, "bytes": bytes })).collect::<Vec<_>>(),
    })));
    report
}

/// What every report starts with: the commit, the browser and how busy the machine was.
fn metadata(workspace: &Path) -> Value {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(workspace)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let chromium = Command::new("/usr/bin/chromium")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    json!({
        "commit": git(&["rev-parse", "HEAD"]),
        "dirty": git(&["status", "--porcelain"]).map(|s| !s.is_empty()),
        "unix_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default(),
        "browser": chromium,
        "load_average": load_average(),
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "cpu_probe_ms": cpu_probe_ms(),
    })
}

/// The machine's speed now: milliseconds for a fixed single-threaded workload, the median of
/// five. A shared machine's speed varies by a third or more within minutes, idle or not, so
/// two reports' timings compare only alongside this figure.
pub fn cpu_probe_ms() -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            for _ in 0..std::hint::black_box(5_000_000) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }
            std::hint::black_box(x);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

/// The 1-minute load average now (timings on a busy machine are slower).
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `None` for NaN, so the JSON says null rather than failing.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

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
