//! A WebDriver session in one engine, driven the way a person would, through `data-testid`
//! hooks: finding, clicking, typing, reading, navigating, and waiting for what the page shows.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::driver::{Driver, Engine};
use crate::wait::{self, SOON};

/// A WebDriver session in one engine, with its driver process (ended when this is dropped).
pub struct Browser {
    pub client: Client,
    _driver: Driver,
}

impl Browser {
    /// Starts the engine's driver on a free loopback port and opens a session.
    ///
    /// # Panics
    /// If the driver or the browser cannot start: that is a failure, not a skip.
    pub async fn start(engine: Engine) -> Self {
        let mut driver = Driver::start(engine).unwrap_or_else(|e| panic!("{e}"));
        let client = driver
            .session(&engine.capabilities())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        Self {
            client,
            _driver: driver,
        }
    }

    /// Ends the session and the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Calls `probe` until it gives a value (see [`wait::until`]) and returns it.
    ///
    /// # Panics
    /// If it gives none within `within`: the message says `what` never happened, and what the
    /// page showed.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        within: Duration,
        probe: impl AsyncFnMut() -> Option<T>,
    ) -> T {
        match wait::until(within, probe).await {
            Some(found) => found,
            None => panic!(
                "never {what} (waited {} s)\n{}",
                within.as_secs_f32(),
                self.page_snapshot().await
            ),
        }
    }

    /// Waits until the JavaScript expression `condition` is true in the page; `what` names it
    /// in the failure.
    pub async fn wait_until(&self, what: &str, condition: &str) {
        let script = format!("return !!({condition});");
        self.wait_for(what, SOON, async || {
            (self.run(&script).await == Value::Bool(true)).then_some(())
        })
        .await;
    }

    /// Waits for the element with this `data-testid`.
    pub async fn find(&self, testid: &str) -> Element {
        self.wait_for(
            &format!("showed [data-testid={testid}]"),
            SOON,
            async || self.find_all(testid).await.into_iter().next(),
        )
        .await
    }

    /// Every element with this `data-testid` now (no waiting).
    pub async fn find_all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&testid_selector(testid)))
            .await
            .unwrap_or_default()
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

    /// Sends keys to the focused element, as typing on a keyboard does.
    pub async fn press(&self, keys: &str) {
        let active = self
            .client
            .active_element()
            .await
            .expect("an element has focus");
        active.send_keys(keys).await.expect("keys are accepted");
    }

    /// Waits until `testid`'s text satisfies `test`, and returns it.
    pub async fn wait_text(&self, testid: &str, test: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let found = wait::until(SOON, async || {
            let element = self.find_all(testid).await.into_iter().next()?;
            last = element.text().await.unwrap_or_default();
            test(&last).then(|| last.clone())
        })
        .await;
        match found {
            Some(text) => text,
            None => panic!(
                "[data-testid={testid}] never had the expected text; last: {last:?}\n{}",
                self.page_snapshot().await
            ),
        }
    }

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

    /// An attribute of the element with this `data-testid`.
    pub async fn attribute(&self, testid: &str, name: &str) -> Option<String> {
        self.find(testid).await.attr(name).await.ok().flatten()
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

    /// Reloads the way the reload button does (`location.reload()`) and waits for the new
    /// page to load.
    pub async fn reload_page(&self) {
        self.run("window.mogiOldPage = true; setTimeout(() => location.reload(), 0);")
            .await;
        self.wait_for(
            "loaded a new page after location.reload()",
            SOON,
            async || {
                // Fails while the page is changing; a new page has no mark and has loaded.
                let probe = "return !window.mogiOldPage && document.readyState === 'complete';";
                matches!(
                    self.client.execute(probe, vec![]).await,
                    Ok(Value::Bool(true))
                )
                .then_some(())
            },
        )
        .await;
    }

    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

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
}

/// The CSS selector of the elements with this `data-testid`.
#[must_use]
pub fn testid_selector(testid: &str) -> String {
    format!("[data-testid='{testid}']")
}
