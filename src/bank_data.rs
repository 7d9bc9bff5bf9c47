//! The question bank, opened from its index once at startup (see `mogi_core::pack`);
//! [`crate::start`] installs it before the app mounts, so every screen can rely on it. The
//! content chunks follow: [`fetch_chunks`] downloads the ones a screen needs (each once, however
//! many screens ask) and says when they are in; with a small bank, [`prefetch`] takes them all
//! as soon as the index is open.

use std::cell::RefCell;
use std::sync::OnceLock;

use mogi_core::bank::Bank;
use mogi_core::pack;

use crate::edge::bank_file;

static BANK: OnceLock<Bank> = OnceLock::new();

/// Fetches and opens the index named by `index.html` (its download began in the page).
pub(crate) async fn load_index() -> Result<(), String> {
    install_index(&bank_file::index_text().await?)
}

/// Opens an index and keeps the bank for the page's lifetime (a second call keeps the first).
pub(crate) fn install_index(text: &str) -> Result<(), String> {
    if BANK.get().is_none() {
        let bank = pack::open_index(text).map_err(|e| e.to_string())?;
        let _ = BANK.set(bank);
    }
    Ok(())
}

/// Told whether the chunks asked for are in.
type Waiter = Box<dyn FnOnce(Result<(), String>)>;

/// The downloads under way, and who waits for which chunks.
#[derive(Default)]
struct Downloads {
    in_flight: Vec<usize>,
    waiting: Vec<(Vec<usize>, Waiter)>,
}

thread_local! {
    static DOWNLOADS: RefCell<Downloads> = RefCell::default();
}

/// With a small bank (one chunk, [`pack::is_small`]), fetches it now: the bank is
/// then ready for any screen, and the service worker can store it for offline use; `then` is
/// told once it is in. A large bank's chunks wait until a screen asks, except the glossary's,
/// which every question needs (its terms link there): fetched now, it is not waited for after
/// *Start* (`then` is told at once).
pub(crate) fn prefetch(then: impl FnOnce(Result<(), String>) + 'static) {
    let bank = bank();
    if pack::is_small(bank.content_bytes()) {
        fetch_chunks(bank.all_missing_chunks(), then);
    } else {
        fetch_chunks(bank.missing_chunks(std::iter::empty()), |_| ());
        then(Ok(()));
    }
}

/// Makes sure `chunks` are installed, downloading those neither installed nor on their way,
/// and calls `then` once all are in, or with the first failure.
pub(crate) fn fetch_chunks(chunks: Vec<usize>, then: impl FnOnce(Result<(), String>) + 'static) {
    let missing: Vec<usize> = chunks
        .into_iter()
        .filter(|&k| bank().missing_chunk(k))
        .collect();
    if missing.is_empty() {
        then(Ok(()));
        return;
    }
    let to_start = DOWNLOADS.with(|d| {
        let mut d = d.borrow_mut();
        let new: Vec<usize> = missing
            .iter()
            .copied()
            .filter(|k| !d.in_flight.contains(k))
            .collect();
        d.in_flight.extend(&new);
        d.waiting.push((missing, Box::new(then)));
        new
    });
    for chunk in to_start {
        wasm_bindgen_futures::spawn_local(async move {
            let url = pack::chunk_file_name(&bank().revision, chunk);
            let installed = bank_file::fetch_bytes(&url).await.and_then(|bytes| {
                pack::install_chunk(bank(), chunk, bytes).map_err(|e| e.to_string())
            });
            arrived(chunk, installed);
        });
    }
}

/// Tells everyone waiting for `chunk` what became of it, once their chunks are all in.
fn arrived(chunk: usize, installed: Result<(), String>) {
    let told = DOWNLOADS.with(|d| {
        let mut d = d.borrow_mut();
        d.in_flight.retain(|&k| k != chunk);
        let (done, still): (Vec<_>, Vec<_>) =
            std::mem::take(&mut d.waiting)
                .into_iter()
                .partition(|(chunks, _)| {
                    (installed.is_err() && chunks.contains(&chunk))
                        || chunks.iter().all(|&k| !bank().missing_chunk(k))
                });
        d.waiting = still;
        done
    });
    for (chunks, then) in told {
        then(if chunks.contains(&chunk) {
            installed.clone()
        } else {
            Ok(())
        });
    }
}

/// The installed bank.
pub(crate) fn bank() -> &'static Bank {
    BANK.get()
        .expect("start() installs the bank before mounting the app")
}

/// Installs every chunk at once, as `build.rs` writes them for the tests.
pub(crate) fn install_all_chunks(bytes: &[u8]) -> Result<(), String> {
    pack::install_all_chunks(bank(), bytes).map_err(|e| e.to_string())
}

/// The bank this build compiled (`build.rs` writes its files for tests), installed whole.
#[cfg(test)]
pub(crate) fn built() -> &'static Bank {
    install_index(include_str!(concat!(env!("OUT_DIR"), "/bank.json")))
        .expect("build.rs wrote a bank index");
    if !bank().content_ready() {
        install_all_chunks(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/bank-content.json"
        )))
        .expect("build.rs wrote the content chunks");
    }
    bank()
}
