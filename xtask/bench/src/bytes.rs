//! Byte counts of a built site: every file of `dist/` raw and gzipped, split into code
//! (wasm, JS, CSS, HTML) and question data, and what each crate costs in the wasm.
//!
//! The bank ships as its own file (`bank-<revision>.json`, see `mogi_core::pack`): that is the
//! question data; icons and the manifest are counted apart, as neither code nor data. Gzip
//! sizes are level 9's, from the same compressor the benchmark's server uses.

use std::collections::BTreeMap;
use std::path::Path;

/// Gzipped size of `bytes` at level 9, as the benchmark's server sends it.
pub fn gzip_len(bytes: &[u8]) -> u64 {
    mogi_e2e::files::gzip(bytes).len() as u64
}

/// What a file of the site is, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Html,
    Js,
    Css,
    Wasm,
    /// The bank file.
    Data,
    /// Icons, the manifest: fetched by the browser for installing, not for an exam.
    Other,
}

impl Kind {
    pub fn of(name: &str) -> Self {
        match name.rsplit('.').next().unwrap_or_default() {
            "html" => Self::Html,
            "js" | "mjs" => Self::Js,
            "css" => Self::Css,
            "wasm" => Self::Wasm,
            "json" if name.starts_with("bank-") => Self::Data,
            _ => Self::Other,
        }
    }

    pub fn is_code(self) -> bool {
        !matches!(self, Self::Data | Self::Other)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Js => "js",
            Self::Css => "css",
            Self::Wasm => "wasm",
            Self::Data => "data",
            Self::Other => "other",
        }
    }
}

/// Raw and gzipped bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub raw: u64,
    pub gzip: u64,
}

impl Size {
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            raw: bytes.len() as u64,
            gzip: gzip_len(bytes),
        }
    }

    fn add(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
    }

    pub fn json(self) -> serde_json::Value {
        serde_json::json!({ "raw": self.raw, "gzip": self.gzip })
    }
}

/// One file of `dist/`.
#[derive(Clone, Debug)]
pub struct File {
    pub name: String,
    pub kind: Kind,
    pub size: Size,
}

/// The byte counts of one built site and its bank.
#[derive(Clone, Debug)]
pub struct Sizes {
    pub files: Vec<File>,
    /// wasm, JS, CSS and HTML.
    pub code: Size,
    /// The wasm alone.
    pub wasm_code: Size,
    /// The bank file as shipped.
    pub data: Size,
    /// Every `en`/`ja` text of the bank's TOML files, concatenated.
    pub own_text: Size,
    pub questions: usize,
}

/// Measures the site in `dist` built from the bank in `questions`.
///
/// # Errors
/// If `dist` cannot be read or the bank does not compile.
pub fn measure(dist: &Path, questions: &Path) -> Result<Sizes, String> {
    let compiled = mogi_bank::compile_dir(questions).map_err(|d| {
        format!(
            "{}: the bank does not compile ({} errors; first: {})",
            questions.display(),
            d.len(),
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let own_text = crate::generate::own_text(questions)?;

    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut sizes = Sizes {
        files: Vec::new(),
        code: Size::default(),
        wasm_code: Size::default(),
        data: Size::default(),
        own_text: Size::of(own_text.as_bytes()),
        questions: compiled.bank.questions.len(),
    };
    for name in names {
        let bytes = std::fs::read(dist.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let kind = Kind::of(&name);
        let size = Size::of(&bytes);
        match kind {
            Kind::Wasm => {
                sizes.wasm_code.add(size);
                sizes.code.add(size);
            }
            Kind::Data => sizes.data.add(size),
            Kind::Other => {}
            _ => sizes.code.add(size),
        }
        sizes.files.push(File { name, kind, size });
    }
    Ok(sizes)
}

/// Bytes of function bodies per crate in a wasm module that still has its `name` section
/// (cargo's output before wasm-bindgen and wasm-opt), largest first; plus the data segments'
/// total under `(data segments)`.
///
/// # Errors
/// If the module cannot be parsed or has no function names.
pub fn crate_costs(wasm: &[u8]) -> Result<Vec<(String, u64)>, String> {
    use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

    let mut imported = 0u32;
    let mut bodies: Vec<u64> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data = 0u64;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.range().len() as u64),
            Payload::DataSection(reader) => data += reader.range().len() as u64,
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err("the wasm has no function names".to_owned());
    }
    let mut per_crate: BTreeMap<String, u64> = BTreeMap::new();
    for (i, size) in bodies.iter().enumerate() {
        let index = imported + u32::try_from(i).unwrap_or(u32::MAX);
        let owner = names
            .get(&index)
            .map_or_else(|| "(unnamed)".to_owned(), |n| crate_of(n));
        *per_crate.entry(owner).or_default() += size;
    }
    per_crate.insert("(data segments)".to_owned(), data);
    let mut costs: Vec<_> = per_crate.into_iter().collect();
    costs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(costs)
}

/// The crate a (mangled or plain) function name belongs to: the first path segment of the
/// demangled name, looking through `<T as Trait>` to `T`; `(other)` for names with no path
/// (C functions such as `memcpy`, wasm-bindgen's shims).
fn crate_of(name: &str) -> String {
    let demangled = format!("{:#}", rustc_demangle::demangle(name));
    let path = demangled.trim_start_matches(['<', '&', '*', '(']);
    let path = path.strip_prefix("mut ").unwrap_or(path);
    let path = path.strip_prefix("dyn ").unwrap_or(path);
    let path = path.trim_start_matches(['<', '&', '*', '(']);
    match path.split_once("::") {
        Some((first, _)) if !first.is_empty() && !first.contains([' ', '<', '>', '[']) => {
            first.to_owned()
        }
        _ => "(other)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_bytes() {
        let text = "question ".repeat(1000);
        let size = Size::of(text.as_bytes());
        assert_eq!(size.raw, 9000);
        assert!(size.gzip < 200, "{size:?}");
    }

    #[test]
    fn files_are_code_or_data_by_extension() {
        assert_eq!(Kind::of("mogi-1234_bg.wasm"), Kind::Wasm);
        assert_eq!(Kind::of("index.html"), Kind::Html);
        assert!(Kind::of("main-1.css").is_code());
        assert!(!Kind::of("bank-12.json").is_code());
        assert_eq!(Kind::of("bank-12.json"), Kind::Data);
        assert_eq!(Kind::of("manifest.webmanifest"), Kind::Other);
        assert!(!Kind::of("icon-192.png").is_code());
    }

    #[test]
    fn functions_are_charged_to_their_crate() {
        assert_eq!(crate_of("_ZN4core3fmt5write17h0123456789abcdefE"), "core");
        assert_eq!(
            crate_of(
                "_ZN51$LT$yew..html..Html$u20$as$u20$core..fmt..Debug$GT$3fmt17h0123456789abcdefE"
            ),
            "yew"
        );
        assert_eq!(crate_of("memcpy"), "(other)");
    }
}
