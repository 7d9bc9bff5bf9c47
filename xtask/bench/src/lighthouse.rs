//! The Lighthouse step of `cargo xtask bench` (alone: `cargo xtask bench --only lighthouse`).
//!
//! Lighthouse (npm, the exact version in `package.json`) runs in its default mobile preset — a
//! phone-sized screen, simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and a 4× slower CPU — against
//! the release build in `dist/`, served on 127.0.0.1 by the end-to-end tests' file server, with the
//! machine's Chromium (`CHROME_PATH=/usr/bin/chromium`). The throttling is Lighthouse's default
//! *simulated* kind: the page loads at full speed and the metrics are estimated from its trace,
//! so a busy machine still inflates Total Blocking Time (CPU tasks are measured, then scaled).
//!
//! The site is served gzipped (as GitHub Pages and most static hosts serve it) unless
//! `--lighthouse-no-gzip` asks for the raw bytes. Each run is a new Chromium with an empty
//! profile; the scores and metrics printed are medians over the runs, each taken on its own.
//! Budgets: performance ≥ 0.97, accessibility = 1.00, best practices = 1.00; SEO is
//! shown without a budget. Every run's report stays in `target/bench/lighthouse/` as JSON and
//! HTML (open the HTML in a browser for the details behind a score).

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::Site;
use crate::median;

/// The flags the project gives Chromium everywhere (see `webdriver.json`): root needs
/// `--no-sandbox`, and the closed network needs the background traffic switched off.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
     --disable-background-networking --disable-component-update --disable-sync --no-first-run";
const CHROMIUM: &str = "/usr/bin/chromium";
/// A run that takes longer than this has hung (a run takes 15–40 s on a busy machine).
const RUN_TIMEOUT: Duration = Duration::from_secs(240);

/// A category: its id in the report, its label, and its budget (`None`: reported only).
struct Category {
    id: &'static str,
    label: &'static str,
    budget: Option<(&'static str, f64)>,
}

const CATEGORIES: [Category; 4] = [
    Category {
        id: "performance",
        label: "performance",
        budget: Some(("≥", 0.97)),
    },
    Category {
        id: "accessibility",
        label: "accessibility",
        budget: Some(("=", 1.0)),
    },
    Category {
        id: "best-practices",
        label: "best practices",
        budget: Some(("=", 1.0)),
    },
    Category {
        id: "seo",
        label: "SEO",
        budget: None,
    },
];

/// The metrics behind the performance score: audit id, label, unit (`ms` or none).
const METRICS: [(&str, &str, &str); 5] = [
    ("first-contentful-paint", "First Contentful Paint", "ms"),
    ("largest-contentful-paint", "Largest Contentful Paint", "ms"),
    ("total-blocking-time", "Total Blocking Time", "ms"),
    ("cumulative-layout-shift", "Cumulative Layout Shift", ""),
    ("speed-index", "Speed Index", "ms"),
];

/// What the step was asked to do.
pub struct Options {
    pub runs: usize,
    pub gzip: bool,
}

/// An audit that did not pass in some run.
#[derive(Clone, Debug)]
struct Failing {
    category: String,
    id: String,
    title: String,
    /// Its weight in the category's score (0: shown by Lighthouse but not scored).
    weight: f64,
    /// `binary`, `numeric`, … or `error` when the audit itself failed to run.
    mode: String,
}

/// One Lighthouse run, read from its JSON report.
#[derive(Debug)]
struct LighthouseRun {
    /// Category id → score (`None`: Lighthouse gave none).
    scores: BTreeMap<String, Option<f64>>,
    /// Audit id → (value, score) of each of `METRICS`.
    metrics: BTreeMap<String, (Option<f64>, Option<f64>)>,
    failing: Vec<Failing>,
    lcp_element: Option<String>,
    total_bytes: Option<f64>,
    main_thread_ms: Option<f64>,
    warnings: Vec<String>,
    report: PathBuf,
}

/// Every run and what they add up to.
pub struct Results {
    version: String,
    url: String,
    gzip: bool,
    runs: Vec<LighthouseRun>,
    failed_attempts: Vec<String>,
}

/// Runs Lighthouse `options.runs` times against `dist`, keeping the reports in `reports`.
///
/// # Errors
/// If Lighthouse is not installed, cannot start Chromium, or fails twice in a row.
pub fn run(
    dist: &Path,
    reports: &Path,
    workspace: &Path,
    options: &Options,
) -> Result<Results, String> {
    let lighthouse = binary(workspace)?;
    let version = Command::new(&lighthouse)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", lighthouse.display()))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    std::fs::create_dir_all(reports).map_err(|e| format!("{}: {e}", reports.display()))?;
    let site = if options.gzip {
        Site::serve_gzip(dist)?
    } else {
        Site::serve(dist)?
    };
    let url = site.url();
    let mut results = Results {
        version,
        url: url.clone(),
        gzip: options.gzip,
        runs: Vec::new(),
        failed_attempts: Vec::new(),
    };
    for k in 1..=options.runs {
        let base = reports.join(format!("run-{k}"));
        let started = Instant::now();
        // A run that fails once (Chromium not starting on a loaded machine) gets one more try.
        let mut attempt = once(&lighthouse, &url, &base);
        if let Err(e) = &attempt {
            eprintln!("bench: Lighthouse run {k} failed, trying once more: {e}");
            results.failed_attempts.push(format!("run {k}: {e}"));
            attempt = once(&lighthouse, &url, &base);
        }
        let run = attempt.map_err(|e| format!("Lighthouse run {k}: {e}"))?;
        let score = |id: &str| {
            run.scores
                .get(id)
                .copied()
                .flatten()
                .map_or_else(|| "—".to_owned(), |s| format!("{s:.2}"))
        };
        eprintln!(
            "bench: Lighthouse run {k}/{} in {:.0} s: performance {}, accessibility {}, best practices {}, SEO {}",
            options.runs,
            started.elapsed().as_secs_f64(),
            score("performance"),
            score("accessibility"),
            score("best-practices"),
            score("seo"),
        );
        results.runs.push(run);
    }
    Ok(results)
}

/// `node_modules/.bin/lighthouse` of the workspace, else `lighthouse` on PATH.
fn binary(workspace: &Path) -> Result<PathBuf, String> {
    let local = workspace.join("node_modules/.bin/lighthouse");
    if local.is_file() {
        return Ok(local);
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("lighthouse"))
            .find(|p| p.is_file())
    });
    on_path.ok_or_else(|| {
        "no Lighthouse: `./mogi setup` (or `npm ci`) installs it from package-lock.json".to_owned()
    })
}

/// One run: a new Chromium with an empty profile, the mobile preset, JSON and HTML reports at
/// `base.report.json` and `base.report.html`.
fn once(lighthouse: &Path, url: &str, base: &Path) -> Result<LighthouseRun, String> {
    let json_path = base.with_extension("report.json");
    let _ = std::fs::remove_file(&json_path);
    let log_path = base.with_extension("log");
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let mut child = Command::new(lighthouse)
        .arg(url)
        .args([
            "--output=json",
            "--output=html",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--quiet",
            "--no-enable-error-reporting",
        ])
        .arg(format!("--output-path={}", base.display()))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .env("CHROME_PATH", CHROMIUM)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        // Its own process group, so a hung run ends with the Chromium it started.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", lighthouse.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > RUN_TIMEOUT {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            return Err(format!(
                "no report after {} s (log: {})",
                RUN_TIMEOUT.as_secs(),
                log_path.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    if !status.success() {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(8).collect();
        return Err(format!(
            "lighthouse exited with {status}: {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ));
    }
    let text =
        std::fs::read_to_string(&json_path).map_err(|e| format!("{}: {e}", json_path.display()))?;
    let report: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json_path.display()))?;
    if let Some(error) = report.get("runtimeError").filter(|e| !e.is_null()) {
        return Err(format!(
            "Lighthouse could not audit the page: {} {}",
            error["code"].as_str().unwrap_or_default(),
            error["message"].as_str().unwrap_or_default()
        ));
    }
    Ok(parse(&report, json_path))
}

/// The figures of one report.
fn parse(report: &Value, path: PathBuf) -> LighthouseRun {
    let audits = &report["audits"];
    let scores = CATEGORIES
        .iter()
        .map(|c| {
            (
                c.id.to_owned(),
                report["categories"][c.id]["score"].as_f64(),
            )
        })
        .collect();
    let metrics = METRICS
        .iter()
        .map(|(id, _, _)| {
            let audit = &audits[*id];
            (
                (*id).to_owned(),
                (audit["numericValue"].as_f64(), audit["score"].as_f64()),
            )
        })
        .collect();
    let mut failing = Vec::new();
    for category in CATEGORIES.iter().filter(|c| c.id != "performance") {
        let refs = report["categories"][category.id]["auditRefs"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for reference in refs {
            let id = reference["id"].as_str().unwrap_or_default();
            let audit = &audits[id];
            let mode = audit["scoreDisplayMode"].as_str().unwrap_or_default();
            let failed = match mode {
                "notApplicable" | "manual" | "informative" => false,
                "error" => true,
                _ => audit["score"].as_f64().is_some_and(|s| s < 1.0),
            };
            if failed {
                failing.push(Failing {
                    category: category.label.to_owned(),
                    id: id.to_owned(),
                    title: audit["title"].as_str().unwrap_or_default().to_owned(),
                    weight: reference["weight"].as_f64().unwrap_or_default(),
                    mode: mode.to_owned(),
                });
            }
        }
    }
    // The element Lighthouse took as the largest contentful paint (a list whose first table
    // names it, in Lighthouse 12).
    let lcp_element = audits["largest-contentful-paint-element"]["details"]["items"]
        .as_array()
        .and_then(|items| {
            items.iter().find_map(|item| {
                let node = &item["items"][0]["node"];
                let label = node["nodeLabel"].as_str()?;
                let selector = node["selector"].as_str().unwrap_or_default();
                Some(format!("{selector}: {}", label.replace('\n', " ")))
            })
        });
    let warnings = report["runWarnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|w| w.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    LighthouseRun {
        scores,
        metrics,
        failing,
        lcp_element,
        total_bytes: audits["total-byte-weight"]["numericValue"].as_f64(),
        main_thread_ms: audits["mainthread-work-breakdown"]["numericValue"].as_f64(),
        warnings,
        report: path,
    }
}

impl Results {
    fn median_score(&self, category: &str) -> f64 {
        let scores: Vec<f64> = self
            .runs
            .iter()
            .filter_map(|r| r.scores.get(category).copied().flatten())
            .collect();
        median(&scores)
    }

    /// The median value and the median score of a metric.
    fn median_metric(&self, id: &str) -> (f64, f64) {
        let metric = |r: &LighthouseRun| r.metrics.get(id).copied().unwrap_or_default();
        let values: Vec<f64> = self.runs.iter().filter_map(|r| metric(r).0).collect();
        let scores: Vec<f64> = self.runs.iter().filter_map(|r| metric(r).1).collect();
        (median(&values), median(&scores))
    }

    fn median_of(&self, pick: fn(&LighthouseRun) -> Option<f64>) -> f64 {
        median(&self.runs.iter().filter_map(pick).collect::<Vec<_>>())
    }

    /// Each budget: label, median score, relation, limit, whether it passes.
    fn budgets(&self) -> Vec<(&'static str, f64, &'static str, f64, bool)> {
        CATEGORIES
            .iter()
            .filter_map(|c| {
                let (relation, limit) = c.budget?;
                let score = self.median_score(c.id);
                Some((c.label, score, relation, limit, score >= limit - 1e-9))
            })
            .collect()
    }

    /// Each category under its budget, in words (for `--check`).
    pub fn over(&self) -> Vec<String> {
        self.budgets()
            .into_iter()
            .filter(|b| !b.4)
            .map(|(label, score, relation, limit, _)| {
                format!("Lighthouse {label}: {score:.2}, budget {relation} {limit:.2}")
            })
            .collect()
    }

    /// The audits that failed in any run, with the number of runs they failed in.
    fn failing(&self) -> Vec<(Failing, usize)> {
        let mut seen: Vec<(Failing, usize)> = Vec::new();
        for failing in self.runs.iter().flat_map(|r| &r.failing) {
            match seen
                .iter_mut()
                .find(|(f, _)| f.id == failing.id && f.category == failing.category)
            {
                Some((_, count)) => *count += 1,
                None => seen.push((failing.clone(), 1)),
            }
        }
        seen
    }

    /// The run whose performance score is the median's (for "open this report").
    fn median_run(&self) -> Option<&LighthouseRun> {
        let target = self.median_score("performance");
        self.runs.iter().min_by(|a, b| {
            let distance = |r: &LighthouseRun| {
                r.scores
                    .get("performance")
                    .copied()
                    .flatten()
                    .map_or(f64::INFINITY, |s| (s - target).abs())
            };
            distance(a).total_cmp(&distance(b))
        })
    }

    pub fn print(&self) {
        let runs = self.runs.len();
        println!(
            "\nLighthouse {} (mobile preset: simulated slow 4G and 4× CPU slowdown), median of {runs} runs against {} ({})",
            self.version,
            self.url,
            if self.gzip {
                "served gzipped, as a static host would"
            } else {
                "served without compression"
            }
        );
        println!(
            "1-minute load average now: {} on {} CPUs (a busy machine inflates Total Blocking Time: Lighthouse scales the CPU time it measures)\n",
            crate::load_average().map_or_else(|| "?".to_owned(), |l| format!("{l:.1}")),
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
        for category in &CATEGORIES {
            let score = self.median_score(category.id);
            match category.budget {
                Some((relation, limit)) => println!(
                    "  {:<16} {:<44} {score:>9.2}     {relation} {limit:>8.2}      {}",
                    "lighthouse",
                    category.label,
                    if score >= limit - 1e-9 {
                        "pass"
                    } else {
                        "UNDER"
                    }
                ),
                None => println!(
                    "  {:<16} {:<44} {score:>9.2}     (no budget)",
                    "lighthouse", category.label
                ),
            }
        }
        println!("\n  metrics (median; Lighthouse's score for each in brackets)");
        for (id, label, unit) in METRICS {
            let (value, score) = self.median_metric(id);
            let figure = if unit == "ms" {
                format!("{value:>9.0} ms")
            } else {
                format!("{value:>9.3}   ")
            };
            println!("    {label:<42} {figure}  ({score:.2})");
        }
        let bytes = self.median_of(|r| r.total_bytes);
        let main_thread = self.median_of(|r| r.main_thread_ms);
        println!(
            "    {:<42} {:>9.1} KiB",
            "bytes transferred",
            bytes / 1024.0
        );
        println!(
            "    {:<42} {main_thread:>9.0} ms",
            "main-thread work (4× CPU)"
        );
        if let Some(run) = self.median_run() {
            if let Some(element) = &run.lcp_element {
                println!("    largest contentful paint: {element}");
            }
            println!(
                "    report of the median run: {}",
                run.report.with_extension("html").display()
            );
        }
        let failing = self.failing();
        if failing.is_empty() {
            println!("\n  no failing audit in accessibility, best practices or SEO");
        } else {
            println!("\n  failing audits (accessibility, best practices, SEO)");
            for (audit, count) in failing {
                let note = match (audit.mode.as_str(), audit.weight) {
                    ("error", _) => ", the audit itself failed".to_owned(),
                    (_, 0.0) => ", weight 0: not scored".to_owned(),
                    (_, w) => format!(", weight {w}"),
                };
                println!(
                    "    {:<15} {}: {} ({count}/{runs} runs{note})",
                    audit.category, audit.id, audit.title
                );
            }
        }
        let mut warnings: Vec<&String> = self.runs.iter().flat_map(|r| &r.warnings).collect();
        warnings.sort();
        warnings.dedup();
        for warning in warnings {
            println!("  Lighthouse warned: {warning}");
        }
    }

    pub fn json(&self) -> Value {
        let medians: serde_json::Map<String, Value> = CATEGORIES
            .iter()
            .map(|c| (c.id.to_owned(), json!(finite(self.median_score(c.id)))))
            .collect();
        let metrics: serde_json::Map<String, Value> = METRICS
            .iter()
            .map(|(id, _, unit)| {
                let (value, score) = self.median_metric(id);
                (
                    (*id).to_owned(),
                    json!({ "value": finite(value), "unit": unit, "score": finite(score) }),
                )
            })
            .collect();
        let budgets: Vec<Value> = self
            .budgets()
            .into_iter()
            .map(|(name, figure, relation, limit, pass)| {
                json!({ "name": name, "figure": finite(figure), "relation": relation, "limit": limit, "pass": pass })
            })
            .collect();
        let failing: Vec<Value> = self
            .failing()
            .into_iter()
            .map(|(a, count)| {
                json!({ "category": a.category, "id": a.id, "title": a.title, "weight": a.weight,
                    "mode": a.mode, "runs": count })
            })
            .collect();
        let runs: Vec<Value> = self
            .runs
            .iter()
            .map(|r| {
                json!({
                    "scores": r.scores,
                    "metrics": r.metrics.iter().map(|(id, (value, score))| {
                        (id.clone(), json!({ "value": value, "score": score }))
                    }).collect::<serde_json::Map<_, _>>(),
                    "failing": r.failing.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
                    "lcp_element": r.lcp_element,
                    "total_bytes": r.total_bytes,
                    "main_thread_ms": r.main_thread_ms,
                    "warnings": r.warnings,
                    "report": r.report.display().to_string(),
                })
            })
            .collect();
        json!({
            "version": self.version,
            "preset": "mobile (default): simulated slow 4G, 4x CPU slowdown",
            "served": if self.gzip { "gzip" } else { "identity" },
            "runs": self.runs.len(),
            "median": medians,
            "metrics": metrics,
            "total_bytes": finite(self.median_of(|r| r.total_bytes)),
            "main_thread_ms": finite(self.median_of(|r| r.main_thread_ms)),
            "budgets": budgets,
            "failing_audits": failing,
            "failed_attempts": self.failed_attempts,
            "per_run": runs,
        })
    }
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(performance: f64, label_ok: bool) -> Value {
        json!({
            "categories": {
                "performance": { "score": performance, "auditRefs": [] },
                "accessibility": { "score": 1.0, "auditRefs": [
                    { "id": "label-content-name-mismatch", "weight": 0 },
                    { "id": "color-contrast", "weight": 7 },
                ] },
                "best-practices": { "score": 0.96, "auditRefs": [
                    { "id": "errors-in-console", "weight": 1 },
                    { "id": "csp-xss", "weight": 0 },
                ] },
                "seo": { "score": 1.0, "auditRefs": [] },
            },
            "audits": {
                "largest-contentful-paint": { "numericValue": 1200.0, "score": 0.99 },
                "cumulative-layout-shift": { "numericValue": 0.0, "score": 1.0 },
                "label-content-name-mismatch": { "score": if label_ok { 1 } else { 0 }, "scoreDisplayMode": "binary", "title": "Label" },
                "color-contrast": { "score": 1, "scoreDisplayMode": "binary", "title": "Contrast" },
                "errors-in-console": { "score": 0, "scoreDisplayMode": "binary", "title": "Errors" },
                "csp-xss": { "score": null, "scoreDisplayMode": "informative", "title": "CSP" },
                "largest-contentful-paint-element": { "details": { "type": "list", "items": [
                    { "type": "table", "items": [ { "node": { "selector": "main > p", "nodeLabel": "Mogi\nloading" } } ] },
                ] } },
            },
        })
    }

    #[test]
    fn a_report_gives_scores_metrics_and_the_audits_that_failed() {
        let run = parse(&report(0.9, false), PathBuf::from("run-1.report.json"));
        assert_eq!(run.scores["best-practices"], Some(0.96));
        assert_eq!(
            run.metrics["largest-contentful-paint"],
            (Some(1200.0), Some(0.99))
        );
        assert_eq!(run.metrics["speed-index"], (None, None));
        let ids: Vec<&str> = run.failing.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["label-content-name-mismatch", "errors-in-console"]);
        assert_eq!(run.lcp_element.as_deref(), Some("main > p: Mogi loading"));
    }

    #[test]
    fn medians_and_budgets_over_runs() {
        let results = Results {
            version: "12.8.2".to_owned(),
            url: "http://127.0.0.1:1/".to_owned(),
            gzip: true,
            runs: [0.97, 0.91, 0.96]
                .iter()
                .zip([true, false, true])
                .map(|(&p, ok)| parse(&report(p, ok), PathBuf::from("r.report.json")))
                .collect(),
            failed_attempts: Vec::new(),
        };
        assert!((results.median_score("performance") - 0.96).abs() < 1e-9);
        let budgets = results.budgets();
        assert_eq!(
            budgets.iter().map(|b| (b.0, b.4)).collect::<Vec<_>>(),
            [
                ("performance", false),
                ("accessibility", true),
                ("best practices", false)
            ]
        );
        assert_eq!(
            results.over(),
            [
                "Lighthouse performance: 0.96, budget ≥ 0.97",
                "Lighthouse best practices: 0.96, budget = 1.00"
            ]
        );
        let failing = results.failing();
        let failing: Vec<(&str, usize)> =
            failing.iter().map(|(f, n)| (f.id.as_str(), *n)).collect();
        assert_eq!(
            failing,
            [("errors-in-console", 3), ("label-content-name-mismatch", 1)]
        );
        let json = results.json();
        assert_eq!(json["median"]["accessibility"], json!(1.0));
        assert_eq!(json["per_run"].as_array().map(Vec::len), Some(3));
    }
}
