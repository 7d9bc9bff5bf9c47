//! End-to-end support: serve the release build (`dist/`) on 127.0.0.1, start a WebDriver
//! session in one of the three engines, and drive the app the way a person would, through
//! `data-testid` hooks.
//!
//! The site can go offline (its port refuses connections and open ones are cut) and come
//! back, and can switch to another build, to test offline use and updates.
//!
//! An engine that cannot start is an error, never a skip.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value, json};

/// How often a wait looks again: a fifth of fantoccini's default (250 ms), as a test that
/// waits for a screen would otherwise spend most of its time idle after the screen is there.
pub const POLL: Duration = Duration::from_millis(50);

/// The browser engines Mogi is tested in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    fn driver(self, port: u16) -> Command {
        let mut command = match self {
            Self::Chromium => {
                let mut c = Command::new("/usr/bin/chromedriver");
                c.arg(format!("--port={port}"));
                c
            }
            Self::Firefox => {
                let mut c = Command::new("geckodriver");
                c.args(["--port", &port.to_string(), "--host", "127.0.0.1"]);
                c
            }
            // Needs a display: the test command runs under xvfb-run.
            Self::WebKit => {
                let mut c = Command::new("/usr/bin/WebKitWebDriver");
                c.arg(format!("--port={port}"));
                c
            }
        };
        command.stdout(Stdio::null()).stderr(Stdio::null());
        // Its own process group, so the driver and the browser it starts end together.
        command.process_group(0);
        command
    }

    /// The WebDriver capabilities the tests start the engine with (headless).
    #[must_use]
    pub fn capabilities(self) -> Map<String, Value> {
        let caps = match self {
            Self::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--window-size=1280,900",
                    ],
                },
            }),
            Self::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "args": ["-headless"],
                    "prefs": {
                        "app.update.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "network.captive-portal-service.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                    },
                },
            }),
            Self::WebKit => json!({
                "webkitgtk:browserOptions": { "args": ["--automation"] },
            }),
        };
        match caps {
            Value::Object(map) => map,
            _ => unreachable!("capabilities are an object"),
        }
    }
}

/// A new, empty temporary directory whose name no other test of this run uses (tests may run
/// in parallel in one process).
///
/// # Panics
/// If it cannot be made.
#[must_use]
pub fn fresh_temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("mogi-e2e-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// The release build (`$MOGI_DIST`, default: the workspace's `dist/`).
///
/// # Panics
/// If it has no `index.html` (run `./mogi build` first).
#[must_use]
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("MOGI_DIST").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"),
        PathBuf::from,
    );
    assert!(
        dist.join("index.html").is_file(),
        "no release build at {}: run `./mogi build` first",
        dist.display()
    );
    dist
}

/// The release build served from `/` and from the subpath `/mogi/`, on a free loopback port.
///
/// Files come from a small file server on a port of its own ([`serve_files`]); the site's
/// port is a relay in front of it that can be closed ([`StaticSite::go_offline`]): then
/// connecting is refused and every open connection is cut, as when the network is gone.
pub struct StaticSite {
    port: u16,
    files: Arc<Files>,
    gate: Arc<Gate>,
}

/// What the file server serves, how, and what it was asked for.
#[derive(Default)]
struct Files {
    root: RwLock<PathBuf>,
    /// `Cache-Control: max-age` in seconds for every file; 0 sends no caching headers.
    max_age: AtomicU32,
    /// GET requests per file name (the path inside the site, without its query).
    requests: Mutex<HashMap<String, usize>>,
}

#[derive(Default)]
struct Gate {
    offline: AtomicBool,
    listening: AtomicBool,
    closed: AtomicBool,
    connections: Mutex<Vec<TcpStream>>,
}

impl StaticSite {
    /// Serves the release build ([`dist`]).
    ///
    /// # Panics
    /// If `dist/index.html` is missing (run `./mogi build` first) or no port is free.
    #[must_use]
    pub fn serve() -> Self {
        Self::serve_dir(&dist())
    }

    /// Serves the build in `dir`.
    ///
    /// # Panics
    /// If no port is free.
    #[must_use]
    pub fn serve_dir(dir: &Path) -> Self {
        let served = Arc::new(Files {
            root: RwLock::new(dir.to_owned()),
            ..Files::default()
        });
        let server = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let files = server.local_addr().expect("an address");
        let serving = Arc::clone(&served);
        thread::spawn(move || serve_files(&server, &serving));
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let port = listener.local_addr().expect("an address").port();
        let gate = Arc::new(Gate::default());
        let relay = Arc::clone(&gate);
        thread::spawn(move || relay_loop(listener, port, files, &relay));
        let site = Self {
            port,
            files: served,
            gate,
        };
        site.wait_listening(true);
        site
    }

    /// From now on, lets browsers keep every file for `seconds` (`Cache-Control: max-age`),
    /// as GitHub Pages does for ten minutes.
    pub fn cache_for(&self, seconds: u32) {
        self.files.max_age.store(seconds, Ordering::SeqCst);
    }

    /// How many times the browser fetched the file `name` (e.g. `index.html`) from the site.
    ///
    /// # Panics
    /// If the lock was poisoned by a panic.
    #[must_use]
    pub fn requests(&self, name: &str) -> usize {
        let requests = self.files.requests.lock().expect("the request counts");
        requests.get(name).copied().unwrap_or(0)
    }

    /// The address of `path` on this site, e.g. `url("/mogi/")`.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// From now on, serves the build in `dir` (a new deploy).
    ///
    /// # Panics
    /// If the lock was poisoned by a panic.
    pub fn switch_to(&self, dir: &Path) {
        *self.files.root.write().expect("the root") = dir.to_owned();
    }

    /// The network is gone: the port refuses connections and open ones are cut.
    pub fn go_offline(&self) {
        self.gate.offline.store(true, Ordering::SeqCst);
        self.wait_listening(false);
        let open = std::mem::take(&mut *self.gate.connections.lock().expect("connections"));
        for connection in open {
            let _ = connection.shutdown(Shutdown::Both);
        }
    }

    /// The network is back.
    pub fn go_online(&self) {
        self.gate.offline.store(false, Ordering::SeqCst);
        self.wait_listening(true);
    }

    fn wait_listening(&self, listening: bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.gate.listening.load(Ordering::SeqCst) != listening {
            assert!(
                Instant::now() < deadline,
                "port {} never became {}",
                self.port,
                if listening { "open" } else { "closed" }
            );
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for StaticSite {
    fn drop(&mut self) {
        self.gate.closed.store(true, Ordering::SeqCst);
        self.go_offline();
    }
}

/// Accepts on the site's port while online and relays each connection to the file server;
/// while offline, holds no listener at all.
fn relay_loop(first: TcpListener, port: u16, files: SocketAddr, gate: &Gate) {
    let mut listener = Some(first);
    while !gate.closed.load(Ordering::SeqCst) {
        if gate.offline.load(Ordering::SeqCst) {
            listener = None;
            gate.listening.store(false, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(5));
            continue;
        }
        if listener.is_none() {
            // std sets SO_REUSEADDR, so the port can be bound again at once.
            listener = TcpListener::bind(("127.0.0.1", port))
                .ok()
                .filter(|l| l.set_nonblocking(true).is_ok());
        }
        let Some(open) = &listener else {
            thread::sleep(Duration::from_millis(20));
            continue;
        };
        gate.listening.store(true, Ordering::SeqCst);
        match open.accept() {
            Ok((client, _)) => relay(client, files, gate),
            Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(2)),
            Err(_) => thread::sleep(Duration::from_millis(20)),
        }
    }
    gate.listening.store(false, Ordering::SeqCst);
}

fn relay(client: TcpStream, files: SocketAddr, gate: &Gate) {
    let _ = client.set_nonblocking(false);
    let Ok(server) = TcpStream::connect(files) else {
        return;
    };
    let mut connections = gate.connections.lock().expect("connections");
    for stream in [&client, &server] {
        if let Ok(clone) = stream.try_clone() {
            connections.push(clone);
        }
    }
    for (mut from, mut to) in [
        (client.try_clone(), server.try_clone()),
        (Ok(server), Ok(client)),
    ]
    .into_iter()
    .filter_map(|(a, b)| a.ok().zip(b.ok()))
    {
        thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Write);
        });
    }
}

/// Answers each connection on a thread of its own with one response, then closes it
/// (`Connection: close`). tiny_http, used before, kept connections alive in a way that left
/// some of Firefox ESR's parallel requests without an answer for good (about every other
/// exam start once the bank came in chunks); plain HTTP/1.0-style connections never stall.
fn serve_files(server: &TcpListener, files: &Arc<Files>) {
    for stream in server.incoming().flatten() {
        let files = Arc::clone(files);
        thread::spawn(move || answer(stream, &files));
    }
}

fn answer(mut stream: TcpStream, files: &Files) {
    use std::io::{BufRead, BufReader, Write};
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers (until the blank line) say nothing the answer depends on.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let url = request_line.split_whitespace().nth(1).unwrap_or("/");
    let name = file_name(url);
    if request_line.starts_with("GET ") {
        let mut requests = files.requests.lock().expect("the request counts");
        *requests.entry(name.clone()).or_default() += 1;
    }
    let dir = files.root.read().expect("the root").clone();
    let (status, kind, body) = file_response(&dir, &name);
    let caching = match files.max_age.load(Ordering::SeqCst) {
        0 => String::new(),
        seconds => format!("Cache-Control: max-age={seconds}\r\n"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{caching}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if !request_line.starts_with("HEAD ") {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

/// The file `url` names inside the site (served at `/` and at `/mogi/`).
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = path.strip_prefix("/mogi/").unwrap_or(path);
    match path.trim_start_matches('/') {
        "" => "index.html".to_owned(),
        relative => relative.to_owned(),
    }
}

/// The status line's code and reason, the content type and the body for the file `relative`.
fn file_response(dist: &Path, relative: &str) -> (&'static str, &'static str, Vec<u8>) {
    let file = dist.join(relative);
    let inside = !relative.split('/').any(|part| part == "..");
    match std::fs::read(&file) {
        Ok(bytes) if inside => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css",
                Some("json" | "webmanifest") => "application/json",
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                _ => "application/octet-stream",
            };
            ("200 OK", kind, bytes)
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    }
}

/// A WebDriver session in one engine, with its driver process.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// Starts the engine's driver on a free loopback port and opens a session.
    ///
    /// # Panics
    /// If the driver or the browser cannot start: that is a failure, not a skip.
    pub async fn start(engine: Engine) -> Self {
        let port = free_port();
        let mut driver = engine
            .driver(port)
            .spawn()
            .unwrap_or_else(|e| panic!("{engine:?}: cannot start its WebDriver: {e}"));
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(engine.capabilities())
                .connect(&url)
                .await
            {
                Ok(client) => return Self { client, driver },
                Err(e) => last_error = e.to_string(),
            }
            if let Ok(Some(status)) = driver.try_wait() {
                panic!("{engine:?}: the WebDriver exited with {status}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let _ = driver.kill();
        panic!("{engine:?}: no WebDriver session after 20 s: {last_error}");
    }

    /// Ends the session and the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Waits (up to 20 s) for the element with this `data-testid`.
    ///
    /// # Panics
    /// If it never appears.
    pub async fn find(&self, testid: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .every(POLL)
            .for_element(testid_locator(testid).as_locator())
            .await
        {
            Ok(element) => element,
            Err(e) => panic!(
                "no element [data-testid={testid}]: {e}\n{}",
                self.page_snapshot().await
            ),
        }
    }

    /// What the page shows now, for failure messages: address, test ids and visible text.
    pub async fn page_snapshot(&self) -> String {
        let script = "const ids = [...document.querySelectorAll('[data-testid]')]\
            .map(e => e.dataset.testid).slice(0, 40).join(' ');\
            const text = (document.body ? document.body.innerText : '').slice(0, 600);\
            const loaded = performance.getEntriesByType('resource')\
            .map(e => `${e.name.split('/').pop()}@${Math.round(e.responseEnd)}`).join(' ');\
            return `page: ${location.href}\\ntest ids: ${ids}\\ntext: ${text}\\nloaded: ${loaded}`;";
        match self.client.execute(script, vec![]).await {
            Ok(Value::String(snapshot)) => snapshot,
            Ok(other) => format!("page: {other}"),
            Err(e) => format!("page: unreadable ({e})"),
        }
    }

    /// Every element with this `data-testid` now (no waiting).
    pub async fn find_all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(testid_locator(testid).as_locator())
            .await
            .unwrap_or_default()
    }

    pub async fn click(&self, testid: &str) {
        self.find(testid)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click [data-testid={testid}]: {e}"));
    }

    pub async fn text(&self, testid: &str) -> String {
        self.find(testid).await.text().await.unwrap_or_default()
    }

    /// Replaces the value of an input as a person typing would.
    pub async fn type_into(&self, testid: &str, text: &str) {
        let input = self.find(testid).await;
        input.clear().await.expect("an editable input");
        input
            .send_keys(text)
            .await
            .expect("an input that takes keys");
    }

    /// Waits until `testid`'s text satisfies `test`, and returns it.
    ///
    /// # Panics
    /// If it does not within 20 s.
    pub async fn wait_text(&self, testid: &str, test: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..400 {
            if let Some(element) = self.find_all(testid).await.into_iter().next() {
                last = element.text().await.unwrap_or_default();
                if test(&last) {
                    return last;
                }
            }
            tokio::time::sleep(POLL).await;
        }
        panic!(
            "[data-testid={testid}] never had the expected text; last: {last:?}\n{}",
            self.page_snapshot().await
        );
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// WebDriver's Refresh. Firefox makes it a hard reload (Marionette reloads with
    /// `LOAD_FLAGS_BYPASS_CACHE`), which skips the service worker as Shift+Reload does; for
    /// a person's reload, use [`Browser::reload_page`].
    pub async fn reload(&self) {
        self.client.refresh().await.expect("the page reloads");
    }

    /// Reloads the way the reload button does (`location.reload()`) and waits (up to 20 s)
    /// for the new page to load.
    ///
    /// # Panics
    /// If no new page loads.
    pub async fn reload_page(&self) {
        self.run("window.mogiOldPage = true; setTimeout(() => location.reload(), 0);")
            .await;
        for _ in 0..400 {
            tokio::time::sleep(POLL).await;
            // Fails while the page is changing; a new page has no mark and has loaded.
            if let Ok(Value::Bool(true)) = self
                .client
                .execute(
                    "return !window.mogiOldPage && document.readyState === 'complete';",
                    vec![],
                )
                .await
            {
                return;
            }
        }
        panic!("no new page 20 s after location.reload()");
    }

    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }
}

impl Browser {
    /// Runs axe-core (from `node_modules`) on the page and returns each violation as
    /// `rule: help (n nodes)`; an empty list means the audit passed.
    ///
    /// # Panics
    /// If axe-core is not installed (`./mogi setup` installs it) or cannot run.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core is installed by ./mogi setup");
        self.client
            .execute(&axe, vec![])
            .await
            .expect("axe-core loads");
        let script = r"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`)))
              .catch(e => done(['axe failed: ' + e]));
        ";
        let result = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("axe-core runs");
        serde_json::from_value(result).expect("a list of violations")
    }

    /// Sends keys to the focused element, as typing on a keyboard does.
    pub async fn press(&self, keys: &str) {
        let active = self
            .client
            .active_element()
            .await
            .expect("an element has focus");
        active.send_keys(keys).await.expect("keys are accepted");
    }

    /// An attribute of the element with this `data-testid`.
    /// The value of the field `testid` (a link box, say); empty if it has none.
    pub async fn value(&self, testid: &str) -> String {
        self.find(testid)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn attribute(&self, testid: &str, name: &str) -> Option<String> {
        self.find(testid).await.attr(name).await.ok().flatten()
    }
}

impl Drop for Browser {
    /// Ends the driver and every browser process it started, also when a test failed.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

struct TestId(String);

impl TestId {
    fn as_locator(&self) -> Locator<'_> {
        Locator::Css(&self.0)
    }
}

fn testid_locator(testid: &str) -> TestId {
    TestId(format!("[data-testid='{testid}']"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Offline use, the Content-Security-Policy and installing.
impl Browser {
    /// Runs `script` in the page and returns its value.
    ///
    /// # Panics
    /// If the script throws.
    pub async fn run(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits (polling every [`POLL`], up to 20 s) until the JavaScript expression `condition`
    /// is true in the page; `what` names it in the failure, with what the page showed.
    pub async fn wait_until(&self, what: &str, condition: &str) {
        for _ in 0..400 {
            if self.run(&format!("return !!({condition});")).await == Value::Bool(true) {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("never {what}\n{}", self.page_snapshot().await);
    }

    /// Waits (up to 60 s) until a service worker controls the page, that is until the site
    /// is stored for offline use, and returns the worker's script address.
    ///
    /// # Errors
    /// What the page reports instead: no `navigator.serviceWorker`, a failed registration,
    /// or no controller in time.
    pub async fn wait_offline_ready(&self) -> Result<String, String> {
        let probe = r"
            const done = arguments[arguments.length - 1];
            if (!('serviceWorker' in navigator)) { done({ error: 'navigator.serviceWorker is missing (isSecureContext: ' + isSecureContext + ')' }); return; }
            const c = navigator.serviceWorker;
            if (c.controller) { done({ controller: c.controller.scriptURL }); return; }
            c.getRegistration().then(r => done({
              registration: r ? { scope: r.scope, installing: !!r.installing, waiting: !!r.waiting, active: r.active && r.active.state } : null,
            }), e => done({ error: 'getRegistration: ' + e }));
        ";
        let mut last = Value::Null;
        for _ in 0..300 {
            last = self
                .client
                .execute_async(probe, vec![])
                .await
                .map_err(|e| format!("probe failed: {e}"))?;
            if let Some(url) = last["controller"].as_str() {
                return Ok(url.to_owned());
            }
            if let Some(error) = last["error"].as_str() {
                return Err(error.to_owned());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!(
            "no service worker controls the page after 60 s: {last}"
        ))
    }

    /// Starts recording Content-Security-Policy violations in this page (a
    /// `securitypolicyviolation` listener); a reload ends the recording.
    pub async fn record_csp_violations(&self) {
        self.run(
            r"if (!window.mogiCspViolations) {
                window.mogiCspViolations = [];
                document.addEventListener('securitypolicyviolation', e => window.mogiCspViolations.push(
                  `${e.effectiveDirective || e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0}) ${e.sample || ''}`));
              }",
        )
        .await;
    }

    /// The violations recorded since [`Browser::record_csp_violations`], as
    /// `directive: blocked (where) sample`.
    ///
    /// # Panics
    /// If nothing was recording in this page (it was reloaded since).
    pub async fn csp_violations(&self) -> Vec<String> {
        let found = self.run("return window.mogiCspViolations || null;").await;
        assert!(
            !found.is_null(),
            "no violation recorder in this page: it was reloaded after record_csp_violations"
        );
        serde_json::from_value(found).expect("a list of strings")
    }
}

/// Taking a custom exam, for the tests of offline use and the policy.
impl Browser {
    /// From the start screen: a custom exam of `count` questions, started.
    pub async fn start_custom_exam(&self, count: usize) {
        self.click("mode-custom").await;
        self.type_into("question-count", &count.to_string()).await;
        self.wait_text("summary", |t| t.contains(&format!("{count} questions")))
            .await;
        self.click("start").await;
        self.wait_text("position", |t| t == format!("Question 1 of {count}"))
            .await;
    }

    /// Answers the question on screen: its first option, or the first response in every
    /// drop-down of an ordering or matching question.
    pub async fn answer_current_question(&self) {
        self.answer_current_question_with(0).await;
    }

    /// Answers the question on screen with option `pick` (0 is the first), or response `pick`
    /// in every drop-down of an ordering or matching question, and waits until the app shows
    /// the question as answered in its navigator. A choice the driver dropped before the page
    /// saw it (WebKitGTK's driver now and then loses a drop-down choice) is made again, at most
    /// three times; an answer the app never registers fails the test.
    pub async fn answer_current_question_with(&self, pick: usize) {
        for _ in 0..3 {
            self.choose(pick).await;
            for _ in 0..40 {
                if self.current_is_answered().await {
                    return;
                }
                tokio::time::sleep(POLL).await;
            }
        }
        panic!(
            "the app never showed the question as answered\n{}",
            self.page_snapshot().await
        );
    }

    async fn choose(&self, pick: usize) {
        let option = format!("option-{pick}");
        if let Some(option) = self.find_all(&option).await.into_iter().next() {
            option.click().await.expect("an option can be clicked");
            return;
        }
        for k in 0.. {
            let Some(select) = self.find_all(&format!("slot-{k}")).await.into_iter().next() else {
                break;
            };
            // Index 0 is the placeholder.
            select
                .select_by_index(pick + 1)
                .await
                .expect("a drop-down with responses");
        }
    }

    /// Whether the navigator marks the question on screen as answered.
    async fn current_is_answered(&self) -> bool {
        self.client
            .execute(
                "return !!document.querySelector('.navigator .current.answered');",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// Ends the exam in progress and waits for its score (`raw`, e.g. "2 / 3").
    pub async fn end_exam(&self, count: usize) -> String {
        self.click("end").await;
        self.click("confirm-end").await;
        self.wait_text("raw", |t| t.ends_with(&format!("/ {count}")))
            .await
    }

    /// A Chrome DevTools Protocol command through chromedriver (Chromium only).
    ///
    /// # Panics
    /// If the driver refuses it.
    pub async fn chromium_devtools(&self, command: &str, params: Value) -> Value {
        self.client
            .issue_cmd(DevTools(json!({ "cmd": command, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("DevTools {command}: {e}"))
    }
}

/// `POST /session/{id}/goog/cdp/execute`, chromedriver's way to a DevTools command: the body
/// is `{"cmd": method, "params": {…}}` (the benchmarks use it too).
#[derive(Debug)]
pub struct DevTools(pub Value);

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}
