//! What the bench prints and writes: the table with each budget's verdict, `bench.json`,
//! the machine's state while it ran, and `--check`'s verdict.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::{Value, json};

use crate::measured::*;
use crate::options::Options;

/// Records the figures over budget in the report and writes it; with `--check`, fails when
/// there is any.
pub(crate) fn checked(
    options: &Options,
    report: &mut Value,
    over: Vec<String>,
) -> Result<ExitCode, String> {
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

pub(crate) fn write_report(out: &Path, report: &Value) -> Result<(), String> {
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let text = serde_json::to_string_pretty(report).map_err(|e| e.to_string())?;
    std::fs::write(out, text + "\n").map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\nwritten: {}", out.display());
    Ok(())
}

pub(crate) fn print_table(
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
        kib_f(s.transferred_code_gzip)
    });
    row("  bank index / content chunks", &|_, s| {
        format!(
            "{} / {}",
            kib_f(s.before_first_index),
            kib_f(s.before_first_content)
        )
    });
    row("loading shell painted (since navigation)", &|_, s| {
        ms(s.shell_painted)
    });
    row("wasm requested", &|_, s| ms(s.wasm_requested));
    row("  downloaded", &|_, s| ms(s.wasm_downloaded));
    row("  started", &|_, s| ms(s.wasm_started));
    row("start screen visible", &|_, s| ms(s.start_visible));
    row("first question clickable (65-q exam)", &|_, s| {
        ms(s.first_question)
    });
    row("  of which from the Start click", &|_, s| {
        ms(s.start_to_question)
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
    let reading_ms = results.first().map_or(0, |m| m.reading_ms);
    if reading_ms > 0 {
        println!(
            "The harness waits {reading_ms} ms on the painted start screen before it clicks, as a reader would."
        );
    }
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

pub(crate) fn report_json(
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
                        "shell_painted_ms": r.shell_painted,
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
                        "code": s.transferred_code_gzip,
                        "index": s.before_first_index,
                        "content": s.before_first_content,
                    },
                    "shell_painted_ms": finite(s.shell_painted),
                    "wasm_requested_ms": finite(s.wasm_requested),
                    "wasm_downloaded_ms": finite(s.wasm_downloaded),
                    "wasm_started_ms": finite(s.wasm_started),
                    "start_visible_ms": s.start_visible,
                    "first_question_ms": s.first_question,
                    "start_to_question_ms": finite(s.start_to_question),
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
pub(crate) fn metadata(workspace: &Path) -> Value {
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
pub(crate) fn cpu_probe_ms() -> f64 {
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
pub(crate) fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `None` for NaN, so the JSON says null rather than failing.
pub(crate) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}
