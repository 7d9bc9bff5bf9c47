//! The command line of `cargo xtask bench`.

use std::path::{Path, PathBuf};

pub(crate) const USAGE: &str = "usage: cargo xtask bench [--runs N] [--clicks N] [--sizes N,N|none] [--no-build] [--out FILE]
                         [--throttle] [--reading-ms N] [--check] [--lighthouse-runs N] [--no-lighthouse] [--lighthouse-no-gzip]
       cargo xtask bench --only lighthouse [--lighthouse-runs N] [--lighthouse-no-gzip] [--out FILE]";

pub(crate) struct Options {
    pub(crate) runs: usize,
    pub(crate) clicks: usize,
    pub(crate) sizes: Vec<usize>,
    pub(crate) build: bool,
    pub(crate) out: PathBuf,
    /// Lighthouse runs against the real build; 0 skips the step.
    pub(crate) lighthouse_runs: usize,
    pub(crate) lighthouse_gzip: bool,
    /// `--only lighthouse`: nothing but the Lighthouse step.
    pub(crate) only_lighthouse: bool,
    /// `--throttle`: served gzipped under Lighthouse's mobile network and CPU conditions.
    pub(crate) throttle: bool,
    /// `--reading-ms N`: the harness waits this long on the painted start screen before it
    /// chooses and clicks, as a reader would (0: at once, the fastest possible click).
    pub(crate) reading_ms: usize,
    /// `--check`: fail when a figure is over its budget.
    pub(crate) check: bool,
}

impl Options {
    pub(crate) fn parse(args: &[String], workspace: &Path) -> Result<Self, String> {
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
            reading_ms: 0,
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
                "--reading-ms" => options.reading_ms = number(value()?)?,
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
