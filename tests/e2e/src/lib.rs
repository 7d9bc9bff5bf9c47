//! End-to-end support: serve the release build (`dist/`) on 127.0.0.1, start a WebDriver
//! session in one of the three engines, and drive the app the way a person would, through
//! `data-testid` hooks.
//!
//! An engine that cannot start is an error, never a skip.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value, json};

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

    fn capabilities(self) -> Map<String, Value> {
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

/// The release build served from `/` and from the subpath `/mogi/`, on a free loopback port.
pub struct StaticSite {
    port: u16,
}

impl StaticSite {
    /// Serves `$MOGI_DIST` (default: the workspace's `dist/`).
    ///
    /// # Panics
    /// If `dist/index.html` is missing (run `./mogi build` first) or no port is free.
    #[must_use]
    pub fn serve() -> Self {
        let dist = std::env::var_os("MOGI_DIST").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"),
            PathBuf::from,
        );
        assert!(
            dist.join("index.html").is_file(),
            "no release build at {}: run `./mogi build` first",
            dist.display()
        );
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        thread::spawn(move || {
            for request in server.incoming_requests() {
                let response = file_response(&dist, request.url());
                let _ = request.respond(response);
            }
        });
        Self { port }
    }

    /// The address of `path` on this site, e.g. `url("/mogi/")`.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn file_response(dist: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = path.strip_prefix("/mogi/").unwrap_or(path);
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
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
                _ => "application/octet-stream",
            };
            let header =
                tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
            tiny_http::Response::from_data(bytes).with_header(header)
        }
        _ => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
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
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(testid_locator(testid).as_locator())
            .await
            .unwrap_or_else(|e| panic!("no element [data-testid={testid}]: {e}"))
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
        for _ in 0..100 {
            if let Some(element) = self.find_all(testid).await.into_iter().next() {
                last = element.text().await.unwrap_or_default();
                if test(&last) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("[data-testid={testid}] never had the expected text; last: {last:?}");
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("the page reloads");
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
