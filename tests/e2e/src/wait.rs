//! The one way the harness and the tests wait: look again every [`POLL`] until a probe gives
//! a value or a time limit passes. Limits are wall-clock time, so a slow probe on a loaded
//! machine does not stretch them.

use std::time::{Duration, Instant};

/// How often a wait looks again: a fifth of fantoccini's default (250 ms), as a test that
/// waits for a screen would otherwise spend most of its time idle after the screen is there.
pub const POLL: Duration = Duration::from_millis(50);

/// How long a wait for something the page does at once (a screen, a text, a saved answer)
/// may take on a loaded machine before the test fails.
pub const SOON: Duration = Duration::from_secs(20);

/// Calls `probe` every [`POLL`] until it gives `Some`, and returns that; `None` once `within`
/// has passed without it (the caller says what failed, with what the page shows).
pub async fn until<T>(within: Duration, mut probe: impl AsyncFnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = probe().await {
            return Some(found);
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(POLL).await;
    }
}
