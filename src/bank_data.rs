//! The question bank, opened from its index once at startup (see `mogi_core::pack`);
//! [`crate::start`] installs it before the app mounts, so every screen can rely on it. The
//! content chunks follow: [`fetch_chunks`] downloads the ones a screen needs at once (each once,
//! however many screens ask) and says when they are in; [`fetch_in_background`] queues the rest
//! (the exam's other questions, the other language, the whole bank for offline use), one
//! download at a time and only while no screen is waiting for one, so that a background
//! download never shares the network with the question a reader is waiting for.

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

/// The downloads under way, who waits for which chunks, and the background queue.
#[derive(Default)]
struct Downloads {
    in_flight: Vec<usize>,
    waiting: Vec<(Vec<usize>, Waiter)>,
    /// Chunks to fetch when nothing else is downloading, first first.
    queue: Vec<usize>,
}

thread_local! {
    static DOWNLOADS: RefCell<Downloads> = RefCell::default();
}

/// Makes sure `chunks` are installed, downloading those neither installed nor on their way
/// now, and calls `then` once all are in, or with the first failure.
pub(crate) fn fetch_chunks(chunks: Vec<usize>, then: impl FnOnce(Result<(), String>) + 'static) {
    let Some(missing) = wait_for(chunks, then) else {
        return;
    };
    let to_start = DOWNLOADS.with(|d| {
        let mut d = d.borrow_mut();
        let new: Vec<usize> = missing
            .into_iter()
            .filter(|k| !d.in_flight.contains(k))
            .collect();
        d.in_flight.extend(&new);
        d.queue.retain(|k| !new.contains(k));
        new
    });
    for chunk in to_start {
        download(chunk);
    }
}

/// Queues `chunks` for the background, behind what is queued already, and calls `then` once
/// all are in, or with the first failure.
pub(crate) fn fetch_in_background(
    chunks: Vec<usize>,
    then: impl FnOnce(Result<(), String>) + 'static,
) {
    queue(chunks, false, then);
}

/// Queues `chunks` for the background ahead of what is queued already (the exam just started
/// goes before the rest of the bank), and calls `then` once all are in, or with the first
/// failure.
pub(crate) fn fetch_next_in_background(
    chunks: Vec<usize>,
    then: impl FnOnce(Result<(), String>) + 'static,
) {
    queue(chunks, true, then);
}

fn queue(chunks: Vec<usize>, ahead: bool, then: impl FnOnce(Result<(), String>) + 'static) {
    let Some(missing) = wait_for(chunks, then) else {
        return;
    };
    DOWNLOADS.with(|d| {
        let mut d = d.borrow_mut();
        let new: Vec<usize> = missing
            .into_iter()
            .filter(|k| !d.in_flight.contains(k))
            .collect();
        if ahead {
            d.queue.retain(|k| !new.contains(k));
            d.queue.splice(0..0, new);
        } else {
            for chunk in new {
                if !d.queue.contains(&chunk) {
                    d.queue.push(chunk);
                }
            }
        }
    });
    next_in_background();
}

/// Records that `then` waits for `chunks`, and returns those not installed yet; `None` (after
/// telling `then`) when none is missing.
fn wait_for(
    chunks: Vec<usize>,
    then: impl FnOnce(Result<(), String>) + 'static,
) -> Option<Vec<usize>> {
    let mut missing: Vec<usize> = Vec::new();
    for chunk in chunks {
        if bank().missing_chunk(chunk) && !missing.contains(&chunk) {
            missing.push(chunk);
        }
    }
    if missing.is_empty() {
        then(Ok(()));
        return None;
    }
    DOWNLOADS.with(|d| {
        d.borrow_mut()
            .waiting
            .push((missing.clone(), Box::new(then)))
    });
    Some(missing)
}

/// Starts the first queued chunk still missing, if nothing is downloading.
fn next_in_background() {
    let next = DOWNLOADS.with(|d| {
        let mut d = d.borrow_mut();
        if !d.in_flight.is_empty() {
            return None;
        }
        d.queue.retain(|&k| bank().missing_chunk(k));
        let next = (!d.queue.is_empty()).then(|| d.queue.remove(0))?;
        d.in_flight.push(next);
        Some(next)
    });
    if let Some(chunk) = next {
        download(chunk);
    }
}

fn download(chunk: usize) {
    wasm_bindgen_futures::spawn_local(async move {
        let url = pack::chunk_file_name(&bank().revision, chunk);
        let installed = bank_file::fetch_bytes(&url)
            .await
            .and_then(|bytes| pack::install_chunk(bank(), chunk, bytes).map_err(|e| e.to_string()));
        arrived(chunk, installed);
        next_in_background();
    });
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
