//! What the tests ask of a page beyond its screens: an accessibility audit, offline storage
//! (the service worker), Content-Security-Policy violations and Chromium's DevTools.

use std::path::Path;
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::driver::DevTools;
use crate::wait;

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
        // A whole-page audit took longer than chromedriver's 30-s script limit on this
        // machine at a load of 9 (a layout run failed on it): give it two minutes.
        self.client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(120)),
                None,
                None,
            ))
            .await
            .expect("a longer script limit");
        let result = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("axe-core runs");
        serde_json::from_value(result).expect("a list of violations")
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
        let outcome = wait::until(Duration::from_secs(60), async || {
            last = match self.client.execute_async(probe, vec![]).await {
                Ok(state) => state,
                Err(e) => return Some(Err(format!("probe failed: {e}"))),
            };
            if let Some(url) = last["controller"].as_str() {
                return Some(Ok(url.to_owned()));
            }
            last["error"].as_str().map(|error| Err(error.to_owned()))
        })
        .await;
        outcome.unwrap_or_else(|| {
            Err(format!(
                "no service worker controls the page after 60 s: {last}"
            ))
        })
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
