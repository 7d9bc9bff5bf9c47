//! The release build as a site on 127.0.0.1 that can go offline and come back, and switch
//! to another build, to test offline use and updates.

use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::files::FileServer;

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
/// Files come from the [`FileServer`] on a port of its own; the site's port is a relay in
/// front of it that can be closed ([`StaticSite::go_offline`]): then connecting is refused
/// and every open connection is cut, as when the network is gone.
pub struct StaticSite {
    port: u16,
    files: FileServer,
    gate: Arc<Gate>,
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
        let files = FileServer::serve(dir).expect("a loopback port");
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let port = listener.local_addr().expect("an address").port();
        let gate = Arc::new(Gate::default());
        let relay = Arc::clone(&gate);
        let behind = files.address();
        thread::spawn(move || relay_loop(listener, port, behind, &relay));
        let site = Self { port, files, gate };
        site.wait_listening(true);
        site
    }

    /// From now on, lets browsers keep every file for `seconds` (`Cache-Control: max-age`),
    /// as GitHub Pages does for ten minutes.
    pub fn cache_for(&self, seconds: u32) {
        self.files.cache_for(seconds);
    }

    /// How many times the browser fetched the file `name` (e.g. `index.html`) from the site.
    #[must_use]
    pub fn requests(&self, name: &str) -> usize {
        self.files.requests(name)
    }

    /// The address of `path` on this site, e.g. `url("/mogi/")`.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// From now on, serves the build in `dir` (a new deploy).
    pub fn switch_to(&self, dir: &Path) {
        self.files.switch_to(dir);
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

    /// Until the relay thread has opened or closed the port (a thread, not a page: it blocks).
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
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(2));
            }
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
