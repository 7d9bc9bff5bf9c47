//! Diagnostics and the per-file context that turns TOML byte spans into line numbers.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;

use mogi_core::bank::Text;

use crate::doc::TextDoc;
use crate::markdown::{self, Mode};

/// One problem in the bank: `questions/mla-c01/d2/q0007.toml:14: matching needs 3–7 prompts, found 8`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Relative to the repository, e.g. `questions/mla-c01/d2/q0007.toml`.
    pub file: PathBuf,
    /// 1-based; 1 when nothing more specific is known.
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Sorts by file, then line, keeping the order rules were checked in within a line.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
}

/// Why a reference URL is refused, if it is.
pub(crate) fn reference_problem(url: &str) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        Some(format!("reference `{url}` contains whitespace"))
    } else if !url.starts_with("https://docs.aws.amazon.com/") {
        Some(format!(
            "reference `{url}` must be an https URL on docs.aws.amazon.com"
        ))
    } else {
        None
    }
}

static NO_TERMS: BTreeSet<String> = BTreeSet::new();

/// A file being checked: its text for line numbers and the diagnostics found so far.
pub(crate) struct Ctx<'a> {
    pub file: &'a Path,
    pub src: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// Prepended to messages, e.g. `question 2: ` inside a case study.
    pub prefix: String,
    /// Glossary ids that text may link to as `glossary:<id>`.
    pub terms: &'a BTreeSet<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(file: &'a Path, src: &'a str, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            file,
            src,
            diagnostics,
            prefix: String::new(),
            terms: &NO_TERMS,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_at(&self, offset: usize) -> usize {
        let end = offset.min(self.src.len());
        self.src.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        self.line_at(spanned.span().start)
    }

    pub fn error(&mut self, line: usize, message: impl fmt::Display) {
        let message = format!("{}{message}", self.prefix);
        self.diagnostics
            .push(Diagnostic::new(self.file, line.max(1), message));
    }

    /// Deserialises the whole file, reporting a syntax or shape error.
    pub fn parse<T: DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str::<T>(self.src) {
            Ok(value) => Some(value),
            Err(e) => {
                self.toml_error(&e, "");
                None
            }
        }
    }

    pub fn toml_error(&mut self, e: &toml::de::Error, kind: &str) {
        let line = e.span().map_or(1, |s| self.line_at(s.start));
        let message = e.message().trim().replace('\n', "; ");
        self.error(line, format!("{kind}{message}"));
    }

    /// Reports `missing field` at `line` when `value` is absent.
    pub fn require<'v, T>(
        &mut self,
        value: &'v Option<Spanned<T>>,
        name: &str,
        line: usize,
    ) -> Option<&'v Spanned<T>> {
        if value.is_none() {
            self.error(line, format_args!("missing field `{name}`"));
        }
        value.as_ref()
    }

    /// Checks one language of a text and renders it; `name` names it in messages.
    pub fn lang(
        &mut self,
        value: Option<&Spanned<String>>,
        name: &str,
        line: usize,
        mode: Option<Mode>,
    ) -> String {
        let Some(value) = value else {
            self.error(
                line,
                format_args!("{name} is missing (every text needs `en` and `ja`)"),
            );
            return String::new();
        };
        let text = value.get_ref();
        let line = self.line(value);
        if text.trim().is_empty() {
            self.error(line, format_args!("{name} is empty"));
            return String::new();
        }
        let Some(mode) = mode else {
            return text.trim().to_owned();
        };
        match markdown::render_with_terms(text, mode, self.terms) {
            Ok(html) => html,
            Err(errors) => {
                let first_line = line + usize::from(self.multiline_string_at(value.span()));
                for e in errors {
                    let within = text.as_bytes()[..e.offset.min(text.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    self.error(first_line + within, format_args!("{name}: {}", e.message));
                }
                String::new()
            }
        }
    }

    /// Checks and renders a `{ en, ja }` table named `name`; `None` mode keeps plain text.
    pub fn text(
        &mut self,
        doc: Option<&Spanned<TextDoc>>,
        name: &str,
        parent_line: usize,
        mode: Option<Mode>,
    ) -> Text {
        let Some(doc) = doc else {
            self.error(parent_line, format_args!("missing field `{name}`"));
            return Text::default();
        };
        let line = self.line(doc);
        self.pair(
            doc.get_ref().en.as_ref(),
            doc.get_ref().ja.as_ref(),
            "",
            name,
            line,
            mode,
        )
    }

    /// Checks and renders an `en` / `ja` pair. Messages name it from `label` (the entry, e.g.
    /// `option 2`) and `field` (the key holding the pair, e.g. `why`): `option 2 `why.ja``.
    #[allow(clippy::too_many_arguments)]
    pub fn pair(
        &mut self,
        en: Option<&Spanned<String>>,
        ja: Option<&Spanned<String>>,
        label: &str,
        field: &str,
        line: usize,
        mode: Option<Mode>,
    ) -> Text {
        let name = |lang: &str| match (label.is_empty(), field.is_empty()) {
            (true, _) => format!("`{field}.{lang}`"),
            (false, true) => format!("{label} `{lang}`"),
            (false, false) => format!("{label} `{field}.{lang}`"),
        };
        Text {
            en: self.lang(en, &name("en"), line, mode),
            ja: self.lang(ja, &name("ja"), line, mode),
        }
    }

    /// Whether the string at `span` is a `"""`/`'''` string whose first newline TOML trims.
    fn multiline_string_at(&self, span: Range<usize>) -> bool {
        let raw = self.src.get(span).unwrap_or("");
        (raw.starts_with("\"\"\"") || raw.starts_with("'''"))
            && (raw[3..].starts_with('\n') || raw[3..].starts_with("\r\n"))
    }
}
