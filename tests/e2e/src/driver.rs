//! Launching a WebDriver: the three engines' drivers, each in its own process group (ended
//! with every browser it started), and a session with the capabilities the tests use. The
//! end-to-end tests and the benchmarks (`xtask/bench`) both start browsers here.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value, json};

use crate::wait;

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

/// A running WebDriver on a free loopback port; dropping it ends the driver and every
/// browser process it started, also when a test failed.
pub struct Driver {
    engine: Engine,
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts the engine's driver.
    ///
    /// # Errors
    /// If no port is free or the driver cannot start.
    pub fn start(engine: Engine) -> Result<Self, String> {
        let port = free_port()?;
        let child = engine
            .driver(port)
            .spawn()
            .map_err(|e| format!("{engine:?}: cannot start its WebDriver: {e}"))?;
        Ok(Self {
            engine,
            child,
            port,
        })
    }

    /// A new session with `capabilities`, once the driver answers (up to 20 s).
    ///
    /// # Errors
    /// If the driver exits or gives no session in time.
    pub async fn session(&mut self, capabilities: &Map<String, Value>) -> Result<Client, String> {
        let url = format!("http://127.0.0.1:{}", self.port);
        let engine = self.engine;
        let mut last_error = String::new();
        let mut exited = None;
        let session = wait::until(Duration::from_secs(20), async || {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return Some(Ok(client)),
                Err(e) => last_error = e.to_string(),
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                exited = Some(status);
                return Some(Err(()));
            }
            None
        })
        .await;
        match (session, exited) {
            (Some(Ok(client)), _) => Ok(client),
            (_, Some(status)) => Err(format!("{engine:?}: the WebDriver exited with {status}")),
            _ => Err(format!(
                "{engine:?}: no WebDriver session after 20 s: {last_error}"
            )),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// A loopback port no one listens on now.
///
/// # Errors
/// If the system gives none.
pub fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
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
