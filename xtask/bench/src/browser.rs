//! One cold run of the built site in headless Chromium: a new chromedriver and browser (and so
//! a new, empty profile) per run, the site served from a directory on 127.0.0.1.
//!
//! Timing happens in the page, not through WebDriver round trips: before the page loads, a
//! harness script (`Page.addScriptToEvaluateOnNewDocument` over chromedriver's CDP endpoint)
//! watches the DOM, and as soon as the start screen has been painted it chooses the full exam
//! and clicks *Start*, as a person would; the first question counts as visible and clickable at
//! the first paint after its first answer control is in the DOM, enabled and laid out. Times
//! are `performance.now()`, i.e. milliseconds since navigation start.
//!
//! Answer clicks are measured by a second in-page script: `click()` on an option, then
//! *script* = until a microtask queued right after `click()` returns runs (the handlers, then
//! Yew's scheduler, which renders and runs effects in the microtask it queued during the
//! handler), *paint* = until a task posted from the next animation frame runs (the frame that
//! shows the answer has been produced). Both are wall-clock times: on a busy machine they
//! include time the renderer was not scheduled.

use std::time::Duration;

use fantoccini::Client;
use fantoccini::wd::TimeoutConfiguration;
use mogi_e2e::Engine;
use mogi_e2e::driver::Driver;
use serde_json::{Value, json};

/// Runs before any of the page's scripts: drives the start screen and records marks.
const HARNESS: &str = r#"
(() => {
  if (window.top !== window || window.__mogiBench) return;
  let resolve;
  const bench = window.__mogiBench = { marks: {}, ready: new Promise((r) => { resolve = r; }) };
  const mark = (name) => { if (!(name in bench.marks)) bench.marks[name] = performance.now(); };
  const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'first-contentful-paint') bench.marks.shellPainted = entry.startTime;
      }
    }).observe({ type: 'paint', buffered: true });
  } catch (_) {}
  addEventListener('TrunkApplicationStarted', (event) => {
    mark('wasmStarted');
    try { bench.wasmMemory = event.detail.wasm.memory.buffer.byteLength; } catch (_) {}
  });
  // A reader's pause on the start screen before choosing (`--reading-ms`).
  const readingMs = __READING_MS__;
  const afterReading = (then) => (readingMs > 0 ? setTimeout(then, readingMs) : then());
  const afterPaint = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(0);
  });
  let phase = 'start';
  bench.phase = () => phase;
  const check = () => {
    if (phase === 'start') {
      const start = byId('start');
      const exam = byId('mode-exam');
      if (!start || !exam) return;
      mark('startVisible');
      // Click once the start screen has been painted, as a person would (not in the same
      // task as the first render, before the app's effects have run).
      phase = 'painting-start';
      afterPaint(() => afterReading(() => {
        mark('startPainted');
        phase = 'mode';
        const mode = byId('mode-exam');
        if (mode && !mode.checked) mode.click();
        check();
      }));
    }
    if (phase === 'mode') {
      const exam = byId('mode-exam');
      if (!exam || !exam.checked || byId('question-count')) return;
      phase = 'question';
      mark('startClicked');
      byId('start').click();
    }
    if (phase === 'question') {
      const control = document.querySelector('[data-testid="option-0"], [data-testid="slot-0"]');
      if (!control || control.matches(':disabled')) return;
      phase = 'painting-question';
      mark('questionInDom');
      // Its box is read after the paint, when layout is done anyway: read in this callback,
      // it would force a layout of the half-rendered screen, time no user's page spends.
      afterPaint(() => {
        if (!control.isConnected || control.matches(':disabled') || control.getBoundingClientRect().width === 0) {
          phase = 'question';
          check();
          return;
        }
        phase = 'done';
        mark('firstQuestion');
        observer.disconnect();
        const position = byId('position');
        bench.position = position ? position.textContent : '';
        bench.heapAtFirstQuestion = performance.memory ? performance.memory.usedJSHeapSize : null;
        resolve();
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
"#;

/// Waits for the harness and returns its record.
const AWAIT_FIRST_QUESTION: &str = r"
const done = arguments[arguments.length - 1];
const bench = window.__mogiBench;
if (!bench) { done({ error: 'the harness did not run' }); return; }
bench.ready.then(() => done({ marks: bench.marks, position: bench.position,
  heapAtFirstQuestion: bench.heapAtFirstQuestion, wasmMemory: bench.wasmMemory ?? null }));
";

/// Where the harness got stuck, for the error message.
const DIAGNOSE: &str = r"
const bench = window.__mogiBench;
return JSON.stringify({
  url: location.href,
  phase: bench && bench.phase(),
  marks: bench && bench.marks,
  testids: [...document.querySelectorAll('[data-testid]')].map((e) => e.dataset.testid).slice(0, 40),
  text: (document.body ? document.body.innerText : '').slice(0, 300),
});
";

/// What was fetched so far, and the JS heap now.
const RESOURCES: &str = r"
const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
return {
  resources: entries.map((e) => ({ url: e.name, transfer: e.transferSize, encoded: e.encodedBodySize,
    decoded: e.decodedBodySize, start: e.startTime, end: e.responseEnd })),
  heap: performance.memory ? performance.memory.usedJSHeapSize : null,
};
";

/// Answers `arguments[0]` times, one option per question, moving on with *Next*.
const CLICKS: &str = r"
const clicks = arguments[0];
const done = arguments[arguments.length - 1];
const byId = (id) => document.querySelector(`[data-testid='${id}']`);
const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const position = () => ((byId('position') || {}).textContent || '').match(/\d+/g)?.map(Number) || [];
const microtask = () => new Promise((r) => queueMicrotask(r));
const measure = async (element) => {
  const t0 = performance.now();
  element.click();
  const sync = performance.now() - t0;
  await microtask();
  const micro = performance.now() - t0;
  await task();
  const t1 = performance.now();
  await frame();
  await task();
  return { handler: sync, script: micro, scriptTask: t1 - t0, paint: performance.now() - t0 };
};
(async () => {
  const answers = [];
  const nexts = [];
  for (let turn = 0; answers.length < clicks && turn < 1000; turn++) {
    const options = [...document.querySelectorAll(`[data-testid^='option-']`)]
      .filter((e) => /^option-\d+$/.test(e.dataset.testid) && !e.matches(':disabled'));
    if (options.length) answers.push(await measure(options[answers.length % options.length]));
    const [k, n] = position();
    const next = byId('next');
    if (k < n && next && !next.disabled) nexts.push(await measure(next));
    else if (!options.length) break;
  }
  done({ answers, nexts, position: (byId('position') || {}).textContent || '' });
})().catch((e) => done({ error: String((e && e.stack) || e) }));
";

/// The site the runs open: the end-to-end tests' file server (raw, or gzipped as static
/// hosts serve it), so that both serve with the same content types.
pub use mogi_e2e::files::FileServer as Site;

/// A file the page fetched, from the Resource Timing API.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The path on the site (`/` for the document).
    pub path: String,
    /// Bytes of the body as sent (the server does not compress).
    pub encoded: u64,
    /// When the request started and its response ended, in milliseconds since navigation.
    pub start: f64,
    pub end: f64,
}

/// The figures of one cold run.
#[derive(Clone, Debug)]
pub struct Run {
    /// Milliseconds since navigation start, all of them.
    /// The loading shell's first paint (`first-contentful-paint`), where the engine reports it.
    pub shell_painted: Option<f64>,
    /// When the app's wasm began to run (trunk's `TrunkApplicationStarted`).
    pub wasm_started: Option<f64>,
    pub start_visible: f64,
    /// When *Start* was clicked.
    pub start_clicked: Option<f64>,
    pub first_question: f64,
    /// The exam's length, from the first question's "Question 1 of N".
    pub exam_questions: u32,
    pub heap_at_first_question: Option<u64>,
    pub heap_after_gc: Option<u64>,
    pub wasm_memory: Option<u64>,
    pub fetched: Vec<Fetched>,
    /// `click()` and the microtasks queued by then (Yew renders in one), in milliseconds.
    pub answer_script: Vec<f64>,
    /// Until the next frame has been produced.
    pub answer_paint: Vec<f64>,
    /// `click()` alone: the event handlers.
    pub answer_handler: Vec<f64>,
    /// Until a task posted after the click runs (may include other tasks and rendering).
    pub answer_script_task: Vec<f64>,
    pub next_paint: Vec<f64>,
    pub heap_after_clicks: Option<u64>,
}

/// A chromedriver session with the end-to-end tests' Chromium, the JS heap measured exactly.
async fn session(driver: &mut Driver) -> Result<Client, String> {
    let mut capabilities = Engine::Chromium.capabilities();
    capabilities
        .get_mut("goog:chromeOptions")
        .and_then(|options| options.get_mut("args"))
        .and_then(Value::as_array_mut)
        .ok_or("the e2e Chromium capabilities have no args")?
        .push(json!("--enable-precise-memory-info"));
    driver.session(&capabilities).await
}

/// One cold run: a new browser opens `url`, starts the full exam, answers `clicks` times.
///
/// # Errors
/// If Chromium cannot start or the app does not behave as the harness expects.
pub async fn cold_run(
    url: &str,
    clicks: usize,
    throttle: bool,
    reading_ms: usize,
) -> Result<Run, String> {
    let mut driver = Driver::start(Engine::Chromium)?;
    let client = session(&mut driver).await?;
    let result = drive(&client, url, clicks, throttle, reading_ms).await;
    let _ = client.close().await;
    drop(driver);
    result
}

async fn drive(
    client: &Client,
    url: &str,
    clicks: usize,
    throttle: bool,
    reading_ms: usize,
) -> Result<Run, String> {
    let (script, page_load) = (Duration::from_secs(300), Duration::from_secs(180));
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(script),
            Some(page_load),
            None,
        ))
        .await
        .map_err(|e| format!("timeouts: {e}"))?;
    let cdp = |method: &str, params: Value| {
        client.issue_cmd(mogi_e2e::DevTools(
            json!({ "cmd": method, "params": params }),
        ))
    };
    cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": HARNESS.replace("__READING_MS__", &reading_ms.to_string()) }),
    )
    .await
    .map_err(|e| format!("installing the harness: {e}"))?;
    if throttle {
        // Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbps down, 750 kbps up, 4× CPU.
        cdp("Network.enable", json!({}))
            .await
            .map_err(|e| format!("network domain: {e}"))?;
        cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": 150,
                "downloadThroughput": 1.6 * 1024.0 * 1024.0 / 8.0,
                "uploadThroughput": 750.0 * 1024.0 / 8.0,
            }),
        )
        .await
        .map_err(|e| format!("throttling the network: {e}"))?;
        cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
            .await
            .map_err(|e| format!("throttling the CPU: {e}"))?;
    }
    client
        .goto(url)
        .await
        .map_err(|e| format!("opening {url}: {e}"))?;
    let first = match client.execute_async(AWAIT_FIRST_QUESTION, vec![]).await {
        Ok(first) => first,
        Err(e) => {
            let state = client.execute(DIAGNOSE, vec![]).await.unwrap_or_default();
            return Err(format!(
                "waiting for the first question: {e}; page: {state}"
            ));
        }
    };
    if let Some(error) = first.get("error") {
        return Err(format!("harness: {error}"));
    }
    let loaded = client
        .execute(RESOURCES, vec![])
        .await
        .map_err(|e| format!("resource timing: {e}"))?;
    cdp("HeapProfiler.collectGarbage", json!({}))
        .await
        .map_err(|e| format!("collecting garbage: {e}"))?;
    let after_gc = client
        .execute(RESOURCES, vec![])
        .await
        .map_err(|e| format!("heap: {e}"))?;
    let clicked = client
        .execute_async(CLICKS, vec![json!(clicks)])
        .await
        .map_err(|e| format!("answer clicks: {e}"))?;
    if let Some(error) = clicked.get("error") {
        return Err(format!("answer clicks: {error}"));
    }
    cdp("HeapProfiler.collectGarbage", json!({}))
        .await
        .map_err(|e| format!("collecting garbage: {e}"))?;
    let after_clicks = client
        .execute(RESOURCES, vec![])
        .await
        .map_err(|e| format!("heap: {e}"))?;

    let marks = &first["marks"];
    let mark = |name: &str| marks.get(name).and_then(Value::as_f64);
    let position = first["position"].as_str().unwrap_or_default();
    let exam_questions = position
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|s| !s.is_empty())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no question count in the position text {position:?}"))?;
    let samples = |key: &str, field: &str| -> Vec<f64> {
        clicked[key]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s[field].as_f64()).collect())
            .unwrap_or_default()
    };
    let answer_script = samples("answers", "script");
    if answer_script.len() < clicks {
        return Err(format!(
            "only {} answer clicks were possible (ended at {})",
            answer_script.len(),
            clicked["position"]
        ));
    }
    let fetched = loaded["resources"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| Fetched {
                    path: e["url"]
                        .as_str()
                        .and_then(|u| url::Url::parse(u).ok())
                        .map(|u| u.path().to_owned())
                        .unwrap_or_default(),
                    encoded: e["encoded"].as_u64().unwrap_or_default(),
                    start: e["start"].as_f64().unwrap_or_default(),
                    end: e["end"].as_f64().unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Run {
        shell_painted: mark("shellPainted"),
        wasm_started: mark("wasmStarted"),
        start_visible: mark("startVisible").ok_or("no start screen mark")?,
        start_clicked: mark("startClicked"),
        first_question: mark("firstQuestion").ok_or("no first question mark")?,
        exam_questions,
        heap_at_first_question: first["heapAtFirstQuestion"].as_u64(),
        heap_after_gc: after_gc["heap"].as_u64(),
        wasm_memory: first["wasmMemory"].as_u64(),
        fetched,
        answer_script,
        answer_paint: samples("answers", "paint"),
        answer_handler: samples("answers", "handler"),
        answer_script_task: samples("answers", "scriptTask"),
        next_paint: samples("nexts", "paint"),
        heap_after_clicks: after_clicks["heap"].as_u64(),
    })
}
