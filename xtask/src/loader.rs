//! The page's loader: `cargo xtask dist` replaces trunk's (its inline module script and the
//! `<link rel="modulepreload">` / `<link rel="preload">` of the app's JS and wasm) with
//! `web/loader.js`, which starts those downloads only after the loading shell has been painted.
//! Trunk's preloads would start them while the page is still parsed, where on a slow network they hold back the shell's first paint. Only the bank's
//! index, small and needed first, starts downloading at once.
//!
//! Trunk names the app's files after its public URL: `./mogi-1.js` with the relative `./` of
//! `Trunk.toml`, `/mogi/mogi-1.js` after `--public-url /mogi/`. The loader keeps whichever
//! it wrote. A public URL on another origin (`https://cdn…/`) is refused
//! ([`check_public_url`]): the policy lets the page load only its own site's files.

/// The template; `__MOGI_JS__` and `__MOGI_WASM__` are the URLs of the build's files, as
/// trunk wrote them.
const TEMPLATE: &str = include_str!("../../web/loader.js");
/// Present once the loader is in, so a second run changes nothing.
const BANK_META: &str = "<meta name=\"mogi-bank\"";
/// Starts the index's download while the page is parsed, when it is at most
/// [`EARLY_INDEX_BYTES`]: the app needs it before any screen. A larger one (a bank of
/// thousands of questions) would hold back the wasm, and waits for the loader.
const FETCH_INDEX: &str = "<script>window.mogiBankIndex = \
    fetch(document.querySelector('meta[name=mogi-bank]').content);</script>";
pub const EARLY_INDEX_BYTES: usize = 512 * 1024;
/// Where `index.html`'s language script names the stored language's key; keys are named only
/// in `mogi_core::store`.
const LANG_KEY_MARK: &str = "__MOGI_LANG_KEY__";

/// The stored language's key as a JavaScript string.
fn lang_key() -> String {
    format!("{:?}", mogi_core::store::keys::LANG)
}

/// `html` (trunk's `index.html`) with our loader for the bank index `index` (its name and
/// size). No content chunk starts early: no screen needs one before *Start*.
///
/// # Errors
/// When trunk's loader is not there as expected: a trunk upgrade that changed it must be
/// looked at, not shipped with two loaders.
pub fn with_loader(html: &str, index: (&str, usize)) -> Result<String, String> {
    let (bank_index, index_bytes) = index;
    if html.contains(BANK_META) {
        return Ok(html.to_owned());
    }
    let (script, js, wasm) = trunk_loader(html)
        .ok_or("index.html: trunk's loader (a module script importing init) is not there")?;
    let mut html = html.replace(script, "").replace(LANG_KEY_MARK, &lang_key());
    for name in [&js, &wasm] {
        while let Some(link) = preload_of(&html, name) {
            html = html.replace(&link, "");
        }
    }
    let head_end = html
        .find("</head>")
        .ok_or("index.html: no </head> for the loader")?;
    let loader = TEMPLATE
        .replace("__MOGI_JS__", &js)
        .replace("__MOGI_WASM__", &wasm);
    debug_assert!(!loader.contains("__MOGI_"));
    Ok(format!(
        "{}{BANK_META} content=\"{bank_index}\">\n{}<script type=\"module\">\n{loader}</script>\n{}",
        &html[..head_end],
        if index_bytes <= EARLY_INDEX_BYTES {
            format!("{FETCH_INDEX}\n")
        } else {
            String::new()
        },
        &html[head_end..]
    ))
}

/// Trunk's module script, and the URLs (as trunk wrote them, after the public URL) of the JS
/// it imports and the wasm it loads.
fn trunk_loader(html: &str) -> Option<(&str, String, String)> {
    let start = html.find("<script type=\"module\">")?;
    let end = start + html[start..].find("</script>")? + "</script>".len();
    let script = &html[start..end];
    let between = |before: &str| {
        let from = script.find(before)? + before.len();
        let to = from + script[from..].find('\'')?;
        Some(script[from..to].to_owned()).filter(|url| !url.is_empty())
    };
    let js = between(" from '")?;
    let wasm = between("module_or_path: '")?;
    Some((script, js, wasm))
}

/// A `<link …>` tag that preloads `url`.
fn preload_of(html: &str, url: &str) -> Option<String> {
    let href = format!("href=\"{url}\"");
    let at = html.find(&href)?;
    let start = html[..at].rfind("<link")?;
    let end = at + html[at..].find('>')? + 1;
    let tag = &html[start..end];
    tag.contains("preload").then(|| tag.to_owned())
}

/// Refuses a public URL (trunk's `--public-url`, `TRUNK_PUBLIC_URL`) this site cannot work
/// from: one on another origin. A relative one (`./`, the default) or a path (`/mogi/`) is
/// fine.
///
/// # Errors
/// What to build with instead.
pub fn check_public_url(public_url: &str) -> Result<(), String> {
    let on_another_origin = public_url.starts_with("//") || public_url.contains("://");
    if on_another_origin {
        return Err(format!(
            "public URL {public_url:?}: Mogi's files must come from the page's own site (its \
             Content-Security-Policy allows only 'self', and the service worker stores only \
             its own scope). Build with a path instead, e.g. `trunk build --release \
             --public-url /mogi/`, and serve dist/ at that path; or with the default `./`, \
             which works at any path."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What trunk 0.21.14 writes, shortened.
    const TRUNK_INDEX: &str = r#"<head>
    <link rel="stylesheet" href="./main-1.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from './mogi-1.js';
const wasm = await init({ module_or_path: './mogi-1_bg.wasm' });
window.wasmBindings = bindings;
</script>
  <link rel="modulepreload" href="./mogi-1.js" crossorigin="anonymous" integrity="sha384-y"><link rel="preload" href="./mogi-1_bg.wasm" crossorigin="anonymous" integrity="sha384-z" as="fetch" type="application/wasm"></head>
  <body></body>"#;

    #[test]
    fn the_language_script_gets_the_stores_key() {
        let page = TRUNK_INDEX.replace(
            "<body>",
            "<script>const key = __MOGI_LANG_KEY__;</script><body>",
        );
        let html = with_loader(&page, ("bank-abc.json", 1000)).unwrap();
        assert!(html.contains("const key = \"mogi.lang\";"), "{html}");
        assert!(!html.contains(LANG_KEY_MARK));
    }

    #[test]
    fn trunks_loader_and_preloads_give_way_to_ours() {
        let html = with_loader(TRUNK_INDEX, ("bank-abc.json", 1000)).unwrap();
        assert!(!html.contains("preload"), "{html}");
        assert!(!html.contains("import init"), "{html}");
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert!(
            html.find(FETCH_INDEX).unwrap() < html.find("<script type=\"module\">").unwrap(),
            "the index's download starts first, as the page is parsed"
        );
        assert!(html.contains("<link rel=\"stylesheet\" href=\"./main-1.css\""));
        assert!(html.contains("<meta name=\"mogi-bank\" content=\"bank-abc.json\">"));
        assert!(html.contains("fetch('./mogi-1_bg.wasm')"), "{html}");
        assert!(html.contains("await import('./mogi-1.js')"), "{html}");
        assert!(!html.contains("__MOGI_"), "{html}");
        let loader_at = html.find("await painted").unwrap();
        assert!(
            loader_at < html.find("fetch('./mogi-1_bg.wasm')").unwrap(),
            "the downloads start after the paint"
        );
        assert!(html.find("</script>").unwrap() < html.find("</head>").unwrap());
    }

    /// What trunk 0.21.14 wrote for `trunk build --release --public-url /mogi/` (this
    /// project's index.html; its inlined stylesheet left out).
    const TRUNK_INDEX_PUBLIC_URL: &str =
        include_str!("../fixtures/trunk-index-public-url-mogi.html");

    #[test]
    fn an_absolute_public_url_keeps_trunks_urls() {
        let html = with_loader(TRUNK_INDEX_PUBLIC_URL, ("bank-abc.json", 1000)).unwrap();
        assert!(!html.contains("preload"), "{html}");
        assert!(!html.contains("import init"), "{html}");
        assert!(
            html.contains("fetch('/mogi/mogi-f5b9ead6267b7f7e_bg.wasm')"),
            "{html}"
        );
        assert!(
            html.contains("await import('/mogi/mogi-f5b9ead6267b7f7e.js')"),
            "{html}"
        );
        assert!(!html.contains("__MOGI_"), "{html}");
        assert_eq!(
            html.matches("<script type=\"module\">").count(),
            1,
            "one loader: {html}"
        );
        assert!(html.contains(FETCH_INDEX));
    }

    #[test]
    fn a_public_url_on_another_origin_is_refused_with_what_to_run() {
        for fine in ["./", "/", "/mogi/", "/a/b/"] {
            assert_eq!(check_public_url(fine), Ok(()), "{fine}");
        }
        for foreign in ["https://cdn.example.com/mogi/", "//cdn.example.com/"] {
            let error = check_public_url(foreign).unwrap_err();
            assert!(error.contains("--public-url /mogi/"), "{error}");
        }
    }

    #[test]
    fn a_large_index_waits_for_the_loader() {
        let html = with_loader(TRUNK_INDEX, ("bank-abc.json", EARLY_INDEX_BYTES + 1)).unwrap();
        assert!(!html.contains(FETCH_INDEX), "{html}");
        assert_eq!(html.matches("<script").count(), 1, "{html}");
    }

    #[test]
    fn a_second_run_changes_nothing_and_a_changed_trunk_is_refused() {
        let once = with_loader(TRUNK_INDEX, ("bank-abc.json", 1000)).unwrap();
        assert_eq!(with_loader(&once, ("bank-abc.json", 1000)).unwrap(), once);
        let changed = TRUNK_INDEX.replace("module_or_path", "path");
        assert!(with_loader(&changed, ("bank-abc.json", 1000)).is_err());
        assert!(with_loader("<head></head>", ("bank-abc.json", 1000)).is_err());
    }
}
