//! One site's measured runs, their medians and the performance budgets they are held to.

use crate::browser::Run;
use crate::bytes::{Kind, Sizes};

pub(crate) const KIB: f64 = 1024.0;
pub(crate) const MIB: f64 = 1024.0 * 1024.0;

/// The performance budgets.
///
/// Code size is a guard rail, reported but never a budget: what a reader waits for is the
/// time budgets below.
pub(crate) const CODE_GUARD_RAIL_KIB: f64 = 250.0;
pub(crate) const DATA_PER_TEXT: f64 = 1.1;
pub(crate) const FIRST_QUESTION_MS: f64 = 1250.0 / 3.0;
/// Under `--throttle`: the start screen usable, and the first question clickable.
pub(crate) const THROTTLED_START_MS: f64 = 1500.0;
pub(crate) const THROTTLED_FIRST_QUESTION_MS: f64 = 2500.0;
pub(crate) const SCRIPT_MEDIAN_MS: f64 = 2.0;
pub(crate) const SCRIPT_P95_MS: f64 = 4.0;
pub(crate) const HEAP_MIB: f64 = 4.0;
/// The largest generated bank's first question against the real bank's.
pub(crate) const LARGEST_VS_REAL: f64 = 1.5;
/// The exam the timings start: the full MLA-C01 exam.
pub(crate) const EXAM_QUESTIONS: u32 = 65;

/// Every figure over its budget, in words: each variant's budgets and the scaling.
pub(crate) fn over_budget(results: &[Measured]) -> Vec<String> {
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

pub(crate) struct Measured {
    pub(crate) name: String,
    pub(crate) sizes: Sizes,
    pub(crate) runs: Vec<Run>,
    /// Run under `--throttle`'s conditions.
    pub(crate) throttled: bool,
    /// The harness's pause on the start screen (`--reading-ms`).
    pub(crate) reading_ms: usize,
}

/// The medians over runs of one variant's figures.
pub(crate) struct Summary {
    pub(crate) transferred_raw: f64,
    pub(crate) transferred_gzip: f64,
    pub(crate) transferred_code_raw: f64,
    pub(crate) transferred_code_gzip: f64,
    pub(crate) transferred_data_raw: f64,
    pub(crate) transferred_data_gzip: f64,
    /// Gzipped bytes of the requests started before the first question: the bank's index and
    /// its content chunks (the code's are `transferred_code_gzip`).
    pub(crate) before_first_index: f64,
    pub(crate) before_first_content: f64,
    pub(crate) shell_painted: f64,
    /// When the wasm's request started and its response ended: what the start screen waits
    /// for on a slow network.
    pub(crate) wasm_requested: f64,
    pub(crate) wasm_downloaded: f64,
    pub(crate) wasm_started: f64,
    pub(crate) start_visible: f64,
    pub(crate) first_question: f64,
    /// From the click on *Start* to the first question clickable.
    pub(crate) start_to_question: f64,
    pub(crate) script_median: f64,
    pub(crate) script_p95: f64,
    pub(crate) paint_median: f64,
    pub(crate) paint_p95: f64,
    pub(crate) next_paint_median: f64,
    pub(crate) heap: f64,
    pub(crate) heap_after_gc: f64,
    pub(crate) heap_after_clicks: f64,
    pub(crate) wasm_memory: f64,
}

impl Measured {
    pub(crate) fn summary(&self) -> Summary {
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
        let wasm = |run: &Run| {
            run.fetched
                .iter()
                .find(|f| f.path.ends_with(".wasm"))
                .cloned()
        };
        Summary {
            transferred_raw: over(&|r| split(r)[0] + split(r)[2]),
            transferred_gzip: over(&|r| split(r)[1] + split(r)[3]),
            transferred_code_raw: over(&|r| split(r)[0]),
            transferred_code_gzip: over(&|r| split(r)[1]),
            transferred_data_raw: over(&|r| split(r)[2]),
            transferred_data_gzip: over(&|r| split(r)[3]),
            before_first_index: over(&|r| split(r)[4]),
            before_first_content: over(&|r| split(r)[5]),
            shell_painted: over(&|r| r.shell_painted.unwrap_or(f64::NAN)),
            wasm_requested: over(&|r| wasm(r).map_or(f64::NAN, |f| f.start)),
            wasm_downloaded: over(&|r| wasm(r).map_or(f64::NAN, |f| f.end)),
            wasm_started: over(&|r| r.wasm_started.unwrap_or(f64::NAN)),
            start_visible: over(&|r| r.start_visible),
            first_question: over(&|r| r.first_question),
            start_to_question: over(&|r| {
                r.start_clicked
                    .map_or(f64::NAN, |clicked| r.first_question - clicked)
            }),
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
    pub(crate) fn gzip_of(&self, path: &str) -> Option<u64> {
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
    pub(crate) fn budgets(&self, summary: &Summary) -> Vec<(String, f64, f64, &'static str, bool)> {
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
            // A reader's pause is part of that figure, not of the site's time.
            .filter(|&(name, ..)| !(self.reading_ms > 0 && name == "first question clickable"))
            .map(|(name, figure, limit, unit)| {
                (name.to_owned(), figure, limit, unit, figure <= limit)
            })
            .collect()
    }
}

pub(crate) fn kind_of_path(path: &str) -> Kind {
    match path.rsplit('/').next() {
        Some("") | None => Kind::Html,
        Some(name) => Kind::of(name),
    }
}

/// The median (the mean of the middle two for an even count); NaN for none.
pub(crate) fn median(values: &[f64]) -> f64 {
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
pub(crate) fn p95(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(f64::total_cmp);
    let rank = (sorted.len() * 95).div_ceil(100);
    sorted[rank.max(1) - 1]
}

pub(crate) fn verdict(pass: bool) -> &'static str {
    if pass { "pass" } else { "OVER" }
}

/// The largest generated bank's first question against the real bank's.
pub(crate) fn scaling(results: &[Measured]) -> Option<(String, f64, f64, bool)> {
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
