//! The static file server the end-to-end tests and the benchmarks serve a build with: one
//! content-type table, the site at `/` and at the subpath `/mogi/`, optional caching headers,
//! optional gzip (for a client that accepts it, as static hosts such as GitHub Pages serve),
//! and a count of the requests for each file.
//!
//! Each connection gets one response on a thread of its own and is closed
//! (`Connection: close`). tiny_http, used before, kept connections alive in a way that left
//! some of Firefox ESR's parallel requests without an answer for good (about every other
//! exam start once the bank came in chunks); plain HTTP/1.0-style connections never stall.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;

/// A directory served on a loopback port until the program ends.
pub struct FileServer {
    address: SocketAddr,
    files: Arc<Files>,
}

/// What the server serves, how, and what it was asked for.
#[derive(Default)]
struct Files {
    root: RwLock<PathBuf>,
    /// `Cache-Control: max-age` in seconds for every file; 0 sends no caching headers.
    max_age: AtomicU32,
    /// Gzipped bodies by file name, compressed once, up front; `None` serves raw bytes.
    gzipped: Option<HashMap<String, Vec<u8>>>,
    /// GET requests per file name (the path inside the site, without its query).
    requests: Mutex<HashMap<String, usize>>,
}

impl FileServer {
    /// Serves the files of `dir`.
    ///
    /// # Errors
    /// If no loopback port is free.
    pub fn serve(dir: &Path) -> Result<Self, String> {
        Self::start(dir, None)
    }

    /// Serves the files of `dir`, gzipped (level 9) to a client that accepts gzip.
    ///
    /// # Errors
    /// If no loopback port is free or `dir` cannot be read.
    pub fn serve_gzip(dir: &Path) -> Result<Self, String> {
        let mut gzipped = HashMap::new();
        compress_all(dir, dir, &mut gzipped)?;
        Self::start(dir, Some(gzipped))
    }

    fn start(dir: &Path, gzipped: Option<HashMap<String, Vec<u8>>>) -> Result<Self, String> {
        let files = Arc::new(Files {
            root: RwLock::new(dir.to_owned()),
            gzipped,
            ..Files::default()
        });
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no loopback port: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("no address: {e}"))?;
        let serving = Arc::clone(&files);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let files = Arc::clone(&serving);
                thread::spawn(move || answer(stream, &files));
            }
        });
        Ok(Self { address, files })
    }

    /// The server's own address.
    #[must_use]
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The site's address (`http://127.0.0.1:port/`).
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// From now on, lets browsers keep every file for `seconds` (`Cache-Control: max-age`).
    pub fn cache_for(&self, seconds: u32) {
        self.files.max_age.store(seconds, Ordering::SeqCst);
    }

    /// How many times the file `name` (e.g. `index.html`) was fetched.
    ///
    /// # Panics
    /// If the lock was poisoned by a panic.
    #[must_use]
    pub fn requests(&self, name: &str) -> usize {
        let requests = self.files.requests.lock().expect("the request counts");
        requests.get(name).copied().unwrap_or(0)
    }

    /// From now on, serves the files of `dir` (a new deploy; raw bytes only).
    ///
    /// # Panics
    /// If the lock was poisoned by a panic.
    pub fn switch_to(&self, dir: &Path) {
        *self.files.root.write().expect("the root") = dir.to_owned();
    }
}

fn answer(mut stream: TcpStream, files: &Files) {
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Of the headers (until the blank line), only the accepted encodings matter.
    let mut accepts_gzip = false;
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        let (name, value) = header.split_once(':').unwrap_or_default();
        accepts_gzip |= name.eq_ignore_ascii_case("accept-encoding") && value.contains("gzip");
        header.clear();
    }
    let url = request_line.split_whitespace().nth(1).unwrap_or("/");
    let name = file_name(url);
    if request_line.starts_with("GET ") {
        let mut requests = files.requests.lock().expect("the request counts");
        *requests.entry(name.clone()).or_default() += 1;
    }
    let dir = files.root.read().expect("the root").clone();
    let mut head = String::new();
    let body = match read_file(&dir, &name) {
        Some(bytes) => {
            head += &format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\n",
                content_type(&name)
            );
            if let Some(max_age) = Some(files.max_age.load(Ordering::SeqCst)).filter(|&s| s > 0) {
                head += &format!("Cache-Control: max-age={max_age}\r\n");
            }
            match &files.gzipped {
                Some(gzipped) => {
                    head += "Vary: Accept-Encoding\r\n";
                    match gzipped.get(&name).filter(|_| accepts_gzip) {
                        Some(gzip) => {
                            head += "Content-Encoding: gzip\r\n";
                            gzip.clone()
                        }
                        None => bytes,
                    }
                }
                None => bytes,
            }
        }
        None => {
            head += "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n";
            b"not found".to_vec()
        }
    };
    head += &format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
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

/// The bytes of the file `relative` inside `dir`; `None` for a missing file or a path that
/// leaves `dir`.
fn read_file(dir: &Path, relative: &str) -> Option<Vec<u8>> {
    if relative.split('/').any(|part| part == "..") {
        return None;
    }
    std::fs::read(dir.join(relative)).ok()
}

/// The content type of the file `name`, by its extension, as static hosts send it.
#[must_use]
pub fn content_type(name: &str) -> &'static str {
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ico") => "image/x-icon",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Whether a file of this name is worth gzipping (text and wasm; images are compressed).
fn compresses(name: &str) -> bool {
    matches!(
        Path::new(name).extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "json" | "wasm" | "svg" | "txt" | "webmanifest")
    )
}

/// `bytes` gzipped at level 9.
///
/// # Panics
/// Never in practice: writing to memory does not fail.
#[must_use]
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::GzEncoder};
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

/// Gzips every file under `dir` that compresses, keyed by its path relative to `root` with
/// `/` separators.
fn compress_all(root: &Path, dir: &Path, out: &mut HashMap<String, Vec<u8>>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            compress_all(root, &path, out)?;
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if compresses(&key) {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.insert(key, gzip(&bytes));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_served_at_the_root_and_under_mogi() {
        assert_eq!(file_name("/"), "index.html");
        assert_eq!(file_name("/mogi/"), "index.html");
        assert_eq!(file_name("/mogi/sw.js?v=1"), "sw.js");
        assert_eq!(file_name("/bank-1.json#x"), "bank-1.json");
    }

    #[test]
    fn gzip_round_trips() {
        use std::io::Read;
        let text = b"Mogi ".repeat(1000);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&text)[..])
            .read_to_end(&mut back)
            .expect("a gzip stream");
        assert_eq!(back, text);
    }
}
