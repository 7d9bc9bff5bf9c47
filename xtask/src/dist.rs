//! `cargo xtask dist [DIR]`: what the site needs beyond trunk's own output, done to trunk's
//! staging directory after every build (the `post_build` hook in `Trunk.toml`; trunk names
//! the directory in `TRUNK_STAGING_DIR`), before trunk moves it to `dist/`.
//!
//! It owns, in this order:
//! 1. the question bank's files (`mogi_core::pack`), compiled from `$MOGI_QUESTIONS_DIR` or
//!    `questions/`: `bank-<revision>.json`, the index, and its content chunks
//!    `bank-<revision>-content-<n>.json` (the app derives their names from the index).
//!    `index.html` names the index in `<meta name="mogi-bank">`; a small index starts
//!    downloading as the page is parsed, a larger one with the wasm from the page's loader
//!    (`loader.rs`, in place of trunk's), once the loading shell has been painted
//!    (`window.mogiBankIndex`, the response the app takes);
//! 2. installing: `manifest.webmanifest` and the icons (`icon.svg`, `icon-192.png`,
//!    `icon-512.png`, drawn by `icon.rs`);
//! 3. `index.html`'s head: the Content-Security-Policy (with the hash of every inline script,
//!    the loader, and inline style, the stylesheet), the manifest link, theme colours and icons;
//! 4. the service worker `sw.js` (template `web/sw.js`), listing every file of the finished
//!    directory with its SHA-256, so it comes last; its version is a digest of that list.
//!
//! Every step only reads and writes the staging directory and takes milliseconds. Running it
//! again on its own output changes nothing (the head block is replaced, not added twice).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::icon;

pub const MANIFEST: &str = "manifest.webmanifest";
pub const SERVICE_WORKER: &str = "sw.js";
const ICON_SVG: &str = "icon.svg";
const ICON_SIZES: [u32; 2] = [192, 512];
/// The page background of `style/main.css` (`--bg`) in the light and the dark scheme.
const BG_LIGHT: &str = "#ffffff";
const BG_DARK: &str = "#121316";
const TEMPLATE: &str = include_str!("../../web/sw.js");
const HEAD_BEGIN: &str = "<!-- cargo xtask dist: begin -->";
const HEAD_END: &str = "<!-- cargo xtask dist: end -->";

/// `cargo xtask dist [DIR]`; without DIR, trunk's `TRUNK_STAGING_DIR`.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    // Before any work: a public URL this site cannot work from is refused with what to run.
    if let Ok(public_url) = std::env::var("TRUNK_PUBLIC_URL") {
        crate::loader::check_public_url(&public_url)?;
    }
    let staging = match args {
        [dir] if !dir.starts_with('-') => PathBuf::from(dir),
        [] => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or(
                "no directory: give one, or run as trunk's post_build hook (TRUNK_STAGING_DIR)",
            )?,
        _ => return Err("usage: cargo xtask dist [DIR]".to_owned()),
    };
    let questions =
        std::env::var_os("MOGI_QUESTIONS_DIR").map_or_else(crate::default_root, PathBuf::from);
    let Some(names) = write_bank_files(&staging, &questions)? else {
        return Ok(ExitCode::FAILURE);
    };
    write_loader(&staging, &names)?;
    let done = self::build(&staging)?;
    println!(
        "xtask dist: {} files ({} KiB) precached by service worker {}; CSP allows {} inline script(s) and style(s) by hash",
        done.files,
        done.bytes / 1024,
        done.version,
        done.inline_hashes
    );
    Ok(ExitCode::SUCCESS)
}

/// What [`build`] did.
#[derive(Debug)]
pub struct Done {
    pub files: usize,
    pub bytes: u64,
    pub version: String,
    pub inline_hashes: usize,
}

/// Runs every step on `staging`, a directory holding trunk's `index.html`.
///
/// # Errors
/// A missing `index.html`, an inline style or script the policy could not allow, or an I/O
/// error, with the path.
pub fn build(staging: &Path) -> Result<Done, String> {
    if !staging.join("index.html").is_file() {
        return Err(format!("no index.html in {}", staging.display()));
    }
    // 1. Data files: `run` has written the bank's files already; any file a step adds before
    //    step 4 is precached with the rest.

    // 2. Installing.
    write_install_files(staging)?;
    // 3. The head of index.html (before step 4: the worker lists its final bytes).
    let inline_hashes = harden_index(staging)?;
    // 4. The service worker.
    let (files, bytes, version) = write_service_worker(staging)?;
    Ok(Done {
        files,
        bytes,
        version,
        inline_hashes,
    })
}

/// The file names of a bank's index and content chunks.
struct BankFiles {
    index: String,
    index_bytes: usize,
    chunks: Vec<String>,
}

/// Writes the bank's files; `None` (after printing every diagnostic) when the bank has errors.
fn write_bank_files(staging: &Path, questions: &Path) -> Result<Option<BankFiles>, String> {
    let compiled = match mogi_bank::compile_dir(questions) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{diagnostic}");
            }
            eprintln!("the question bank has {} error(s)", diagnostics.len());
            return Ok(None);
        }
    };
    let revision = &compiled.bank.revision;
    let packed = mogi_core::pack::encode(&compiled.bank);
    let names = BankFiles {
        index: mogi_core::pack::index_file_name(revision),
        index_bytes: packed.index.len(),
        chunks: (0..packed.chunks.len())
            .map(|k| mogi_core::pack::chunk_file_name(revision, k))
            .collect(),
    };
    let files = std::iter::once((&names.index, packed.index.as_bytes())).chain(
        names
            .chunks
            .iter()
            .zip(packed.chunks.iter().map(Vec::as_slice)),
    );
    for (name, bytes) in files {
        let path = staging.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Some(names))
}

/// Puts the page's loader, which names the bank's index, in the staged `index.html`.
fn write_loader(staging: &Path, names: &BankFiles) -> Result<(), String> {
    let path = staging.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let html = crate::loader::with_loader(&html, (&names.index, names.index_bytes))?;
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn png_name(size: u32) -> String {
    format!("icon-{size}.png")
}

/// The web app manifest: every URL relative to it, so the site installs from `/` and from
/// any subpath alike.
fn manifest() -> serde_json::Value {
    let mut icons = vec![serde_json::json!({
        "src": ICON_SVG, "sizes": "any", "type": "image/svg+xml", "purpose": "any",
    })];
    for purpose in ["any", "maskable"] {
        for size in ICON_SIZES {
            icons.push(serde_json::json!({
                "src": png_name(size), "sizes": format!("{size}x{size}"), "type": "image/png",
                "purpose": purpose,
            }));
        }
    }
    serde_json::json!({
        "name": "Mogi — AWS mock exams",
        "short_name": "Mogi",
        "description": "Timed AWS certification mock exams in your browser. 模擬試験",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BG_LIGHT,
        "theme_color": BG_LIGHT,
        "icons": icons,
    })
}

fn write_install_files(staging: &Path) -> Result<(), String> {
    let manifest = serde_json::to_string_pretty(&manifest()).expect("JSON");
    write(&staging.join(MANIFEST), manifest + "\n")?;
    write(&staging.join(ICON_SVG), icon::svg() + "\n")?;
    for size in ICON_SIZES {
        write(&staging.join(png_name(size)), icon::png(size))?;
    }
    Ok(())
}

/// The policy: the site's own files only. Scripts also need `'wasm-unsafe-eval'` to compile
/// the wasm, and the hash of each inline script (the page's loader and, for a small index,
/// the script that starts its download) and style (the stylesheet).
fn content_security_policy(inline: &InlineHashes) -> String {
    let allow = |base: &str, hashes: &[String]| {
        let mut sources = base.to_owned();
        for hash in hashes {
            let _ = write!(sources, " '{hash}'");
        }
        sources
    };
    [
        "default-src 'self'".to_owned(),
        format!(
            "script-src {}",
            allow("'self' 'wasm-unsafe-eval'", &inline.scripts)
        ),
        format!("style-src {}", allow("'self'", &inline.styles)),
        "img-src 'self'".to_owned(),
        "connect-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "worker-src 'self'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'none'".to_owned(),
        "object-src 'none'".to_owned(),
    ]
    .join("; ")
}

/// `sha256-<base64>` of each inline `<script>` (one without `src`) and `<style>` of a page, in
/// document order: the policy allows exactly these.
#[derive(Debug, Default, PartialEq)]
struct InlineHashes {
    scripts: Vec<String>,
    styles: Vec<String>,
}

/// # Errors
/// A `style` attribute (the policy would block it), or an unclosed `<script>` or `<style>`.
fn inline_hashes(html: &str) -> Result<InlineHashes, String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains(" style=") {
        return Err(
            "index.html has a style attribute, which the Content-Security-Policy blocks; use the stylesheet"
                .to_owned(),
        );
    }
    Ok(InlineHashes {
        scripts: inline_elements(html, &lower, "script")?,
        styles: inline_elements(html, &lower, "style")?,
    })
}

/// The hashes of the `<tag>` elements with their content inline (no `src`).
fn inline_elements(html: &str, lower: &str, tag: &str) -> Result<Vec<String>, String> {
    let (open, close_tag) = (format!("<{tag}"), format!("</{tag}"));
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find(&open).map(|i| at + i) {
        let tag_end = lower[start..]
            .find('>')
            .map(|i| start + i)
            .ok_or_else(|| format!("index.html: an unclosed <{tag}> tag"))?;
        let close = lower[tag_end..]
            .find(&close_tag)
            .map(|i| tag_end + i)
            .ok_or_else(|| format!("index.html: a <{tag}> without </{tag}>"))?;
        let attributes = &lower[start + open.len()..tag_end];
        if !attributes.split_whitespace().any(|a| a.starts_with("src=")) {
            hashes.push(format!(
                "sha256-{}",
                base64_sha256(&html.as_bytes()[tag_end + 1..close])
            ));
        }
        at = close;
    }
    Ok(hashes)
}

fn base64_sha256(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// The tags step 3 puts at the top of the head.
fn head_block(inline: &InlineHashes) -> String {
    let csp = content_security_policy(inline);
    [
        HEAD_BEGIN.to_owned(),
        format!(r#"<meta http-equiv="Content-Security-Policy" content="{csp}" />"#),
        format!(r#"<link rel="manifest" href="./{MANIFEST}" />"#),
        format!(
            r#"<meta name="theme-color" content="{BG_LIGHT}" media="(prefers-color-scheme: light)" />"#
        ),
        format!(
            r#"<meta name="theme-color" content="{BG_DARK}" media="(prefers-color-scheme: dark)" />"#
        ),
        format!(r#"<link rel="icon" href="./{ICON_SVG}" type="image/svg+xml" />"#),
        format!(r#"<link rel="apple-touch-icon" href="./{}" />"#, png_name(192)),
        HEAD_END.to_owned(),
    ]
    .join("\n    ")
}

/// Puts the head block right after `<meta charset>` (or `<head>`), before any script, so the
/// policy covers everything the page loads. Returns how many inline scripts and styles it
/// allows.
fn harden_index(staging: &Path) -> Result<usize, String> {
    let path = staging.join("index.html");
    let html = String::from_utf8(read(&path)?).map_err(|_| "index.html is not UTF-8")?;
    let html = without_head_block(&html);
    let hashes = inline_hashes(&html)?;
    let lower = html.to_ascii_lowercase();
    let anchor = lower
        .find("<meta charset")
        .or_else(|| lower.find("<head"))
        .ok_or("index.html has no <head>")?;
    let insert = lower[anchor..]
        .find('>')
        .map(|i| anchor + i + 1)
        .ok_or("index.html: an unclosed tag")?;
    if lower.find("<script").is_some_and(|s| s < insert) {
        return Err(
            "index.html runs a script before <meta charset>: the policy must come first".to_owned(),
        );
    }
    let html = format!(
        "{}\n    {}{}",
        &html[..insert],
        head_block(&hashes),
        &html[insert..]
    );
    write(&path, html)?;
    Ok(hashes.scripts.len() + hashes.styles.len())
}

fn without_head_block(html: &str) -> String {
    match (html.find(HEAD_BEGIN), html.find(HEAD_END)) {
        (Some(begin), Some(end)) if begin < end => {
            let before = html[..begin].trim_end_matches([' ', '\n']);
            format!("{before}{}", &html[end + HEAD_END.len()..])
        }
        _ => html.to_owned(),
    }
}

/// Every file under `dir` but the worker itself and hidden ones, as `/`-separated paths
/// relative to it, sorted.
fn site_files(dir: &Path) -> Result<Vec<String>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let relative = path.strip_prefix(root).expect("under the root");
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if name != SERVICE_WORKER {
                    out.push(name);
                }
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

/// Writes `sw.js`; returns the number of files it precaches, their bytes, and its version.
fn write_service_worker(staging: &Path) -> Result<(usize, u64, String), String> {
    let mut digests = BTreeMap::new();
    let mut bytes = 0u64;
    let mut listing = String::new();
    for name in site_files(staging)? {
        let content = read(&staging.join(&name))?;
        bytes += content.len() as u64;
        let digest = base64_sha256(&content);
        let _ = writeln!(listing, "{name} {digest}");
        digests.insert(name, digest);
    }
    let version: String = Sha256::digest(listing.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let files = serde_json::to_string_pretty(&digests).expect("JSON");
    for placeholder in ["__MOGI_VERSION__", "__MOGI_FILES__"] {
        if TEMPLATE.matches(placeholder).count() != 1 {
            return Err(format!("web/sw.js must hold {placeholder} exactly once"));
        }
    }
    let worker = TEMPLATE
        .replace("__MOGI_VERSION__", &version)
        .replace("__MOGI_FILES__", &files);
    write(&staging.join(SERVICE_WORKER), worker)?;
    Ok((digests.len(), bytes, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Mogi</title>
    <link rel="stylesheet" href="./main-1.css" integrity="sha384-x"/>
<script type="module">
import init from './mogi-1.js';
await init({ module_or_path: './mogi-1_bg.wasm' });
</script>
  <link rel="modulepreload" href="./mogi-1.js"></head>
  <body></body>
</html>
"#;

    fn staged(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mogi-dist-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), TRUNK_INDEX).unwrap();
        std::fs::write(dir.join("mogi-1.js"), "export default 1;").unwrap();
        std::fs::write(dir.join("sub/data.json"), "{}").unwrap();
        std::fs::write(dir.join(".hidden"), "x").unwrap();
        dir
    }

    fn worker_files(dir: &Path) -> BTreeMap<String, String> {
        let worker = std::fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        let start = worker.find("const FILES = ").unwrap() + "const FILES = ".len();
        let end = start + worker[start..].find("};").unwrap() + 1;
        serde_json::from_str(&worker[start..end]).unwrap()
    }

    #[test]
    fn the_policy_allows_trunks_loader_by_its_exact_hash_and_nothing_inline() {
        let dir = staged("csp");
        build(&dir).unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        let script = "\nimport init from './mogi-1.js';\nawait init({ module_or_path: './mogi-1_bg.wasm' });\n";
        let expected = format!("'sha256-{}'", base64_sha256(script.as_bytes()));
        let csp_at = html.find("Content-Security-Policy").unwrap();
        assert!(
            csp_at < html.find("<script").unwrap(),
            "the policy comes first"
        );
        assert!(csp_at > html.find("<meta charset").unwrap());
        let csp = &html[csp_at..html[csp_at..].find("/>").unwrap() + csp_at];
        assert!(
            csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        for directive in [
            "default-src 'self'",
            "style-src 'self';",
            "object-src 'none'",
            "form-action 'none'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "base-uri 'self'",
            "connect-src 'self'",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(html.contains(r#"<link rel="manifest" href="./manifest.webmanifest" />"#));
        assert!(html.contains(r#"<link rel="apple-touch-icon" href="./icon-192.png" />"#));
    }

    #[test]
    fn a_second_run_changes_nothing() {
        let dir = staged("twice");
        let first = build(&dir).unwrap();
        let html = std::fs::read(dir.join("index.html")).unwrap();
        let second = build(&dir).unwrap();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), html);
        assert_eq!(first.version, second.version);
        assert_eq!(
            html.windows(HEAD_BEGIN.len())
                .filter(|w| *w == HEAD_BEGIN.as_bytes())
                .count(),
            1
        );
    }

    #[test]
    fn the_worker_lists_every_file_with_its_digest_and_any_change_is_a_new_version() {
        let dir = staged("worker");
        let first = build(&dir).unwrap();
        let files = worker_files(&dir);
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "icon-192.png",
                "icon-512.png",
                "icon.svg",
                "index.html",
                "manifest.webmanifest",
                "mogi-1.js",
                "sub/data.json"
            ]
        );
        assert_eq!(files["mogi-1.js"], base64_sha256(b"export default 1;"));
        assert_eq!(first.files, 7);

        std::fs::write(dir.join("sub/data.json"), "{\"changed\":1}").unwrap();
        let second = build(&dir).unwrap();
        assert_ne!(first.version, second.version);
        std::fs::write(dir.join("bank-1.json"), "[]").unwrap();
        let third = build(&dir).unwrap();
        assert_ne!(second.version, third.version);
        assert!(worker_files(&dir).contains_key("bank-1.json"));
    }

    #[test]
    fn the_manifest_is_relative_and_installable() {
        let manifest = manifest();
        for key in ["id", "start_url", "scope"] {
            assert_eq!(manifest[key], "./", "{key}");
        }
        assert_eq!(manifest["short_name"], "Mogi");
        assert_eq!(manifest["name"], "Mogi — AWS mock exams");
        assert_eq!(manifest["display"], "standalone");
        let icons = manifest["icons"].as_array().unwrap();
        for size in ["192x192", "512x512"] {
            for purpose in ["any", "maskable"] {
                assert!(
                    icons.iter().any(|i| i["sizes"] == size
                        && i["purpose"] == purpose
                        && i["type"] == "image/png"),
                    "{size} {purpose}"
                );
            }
        }
    }

    #[test]
    fn the_colours_are_the_stylesheets() {
        let css = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../style/main.css"),
        )
        .unwrap();
        assert!(css.contains(&format!("--bg: {BG_LIGHT};")));
        assert!(css.contains(&format!("--bg: {BG_DARK};")));
        assert!(css.contains(&format!("--accent: {};", icon::ACCENT.hex())));
    }

    #[test]
    fn inline_styles_are_allowed_by_hash_and_style_attributes_refused() {
        assert!(inline_hashes("<p style=\"color:red\">x</p>").is_err());
        let hashes = inline_hashes("<style>p{}</style><script src=\"a.js\"></script>").unwrap();
        assert_eq!(
            hashes,
            InlineHashes {
                scripts: vec![],
                styles: vec![format!("sha256-{}", base64_sha256(b"p{}"))],
            }
        );
        let csp = content_security_policy(&hashes);
        assert!(
            csp.contains(&format!("style-src 'self' '{}';", hashes.styles[0])),
            "{csp}"
        );
    }

    #[test]
    fn the_real_bank_is_written_and_named_by_its_revision() {
        let dir = std::env::temp_dir().join(format!("mogi-dist-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let names = write_bank_files(&dir, &crate::default_root())
            .unwrap()
            .unwrap();
        let index = std::fs::read_to_string(dir.join(&names.index)).unwrap();
        let bank = mogi_core::pack::open_index(&index).unwrap();
        assert_eq!(names.index, format!("bank-{}.json", bank.revision));
        assert_eq!(names.chunks.len(), bank.chunk_count());
        for (k, name) in names.chunks.iter().enumerate() {
            assert_eq!(name, &format!("bank-{}-content-{k}.json", bank.revision));
            let chunk = std::fs::read(dir.join(name)).unwrap();
            mogi_core::pack::install_chunk(&bank, k, chunk).unwrap();
        }
        assert!(bank.content_ready());
        assert!(bank.questions.len() >= 100);
        assert!(!bank.glossary().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
