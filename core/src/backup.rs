//! Backups: everything the app keeps, as one JSON file to take to another browser.
//!
//! The file is `{"app": "mogi", "kind": "backup", "version": N, "exported_at_ms": …,
//! "data": {"history": […], "lang": …, "exam": …, "cards": {…}, "retention": …}}`, with `N` the storage schema version
//! ([`crate::store::SCHEMA_VERSION`]); an older file is upgraded with the same steps as
//! stored data ([`crate::store::upgrade`]).
//!
//! [`parse`] validates the whole file before anything is used: a file that is not JSON,
//! not a Mogi backup, from a newer app, or with any attempt that does not hang together is
//! rejected as a whole ([`ImportError`]), so a bad file changes nothing. [`crate::history::merge`] then adds
//! the attempts this browser does not have yet; attempts are identified by their id (the
//! finish time and the seed), so importing the same file twice adds nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::Lang;
use crate::exam::Exam;
use crate::history::Attempt;
use crate::review::{Cards, Retention};
use crate::store::{self, RawData, SCHEMA_VERSION, keys};

/// The `app` field of a Mogi backup.
pub const APP: &str = "mogi";
/// The `kind` field of a Mogi backup.
pub const KIND: &str = "backup";
/// Files larger than this are refused before parsing (bytes).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// What a backup carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupData {
    /// Finished attempts, oldest first.
    pub history: Vec<Attempt>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The exam in progress when the backup was made, if any.
    #[serde(default)]
    pub exam: Option<Exam>,
    /// The review cards (a backup without them has them replayed from its history).
    #[serde(default)]
    pub cards: Option<Cards>,
    #[serde(default)]
    pub retention: Option<Retention>,
}

#[derive(Serialize)]
struct BackupOut<'a> {
    app: &'a str,
    kind: &'a str,
    version: u32,
    exported_at_ms: u64,
    data: &'a BackupData,
}

/// The backup file's text, indented for a person who opens it.
///
/// # Panics
/// Never: the data is plain.
#[must_use]
pub fn export(data: &BackupData, now_ms: u64) -> String {
    let compact = serde_json::to_string(&BackupOut {
        app: APP,
        kind: KIND,
        version: SCHEMA_VERSION,
        exported_at_ms: now_ms,
        data,
    })
    .expect("plain data serialises");
    indent(&compact)
}

/// Compact JSON laid out as `serde_json::to_string_pretty` would: done on the text, because
/// serde_json's pretty writer is a second copy of every serialiser in the wasm (about 9 KB).
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '{' | '[' => {
                    if let Some(&close @ ('}' | ']')) = chars.peek() {
                        out.push(close);
                        chars.next();
                    } else {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
                ',' => newline(&mut out, depth),
                ':' => out.push(' '),
                _ => {}
            }
        }
        if !in_string && let Some(&('}' | ']')) = chars.peek() {
            depth = depth.saturating_sub(1);
            newline(&mut out, depth);
        }
    }
    out
}

/// The file name for a backup made at `date` (`YYYY-MM-DD`).
#[must_use]
pub fn file_name(date: &str) -> String {
    format!("mogi-backup-{date}.json")
}

/// Why a file was not imported. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not JSON at all.
    NotJson,
    /// JSON, but not a Mogi backup.
    Foreign,
    /// A Mogi backup from a newer version of the app.
    TooNew { version: u32 },
    /// A Mogi backup whose content does not hang together.
    Invalid(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge => write!(f, "the file is too large"),
            Self::NotJson => write!(f, "the file is not JSON"),
            Self::Foreign => write!(f, "the file is not a Mogi backup"),
            Self::TooNew { version } => write!(f, "the backup is from a newer app (v{version})"),
            Self::Invalid(why) => write!(f, "the backup is damaged: {why}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads and validates a backup file.
///
/// # Errors
/// See [`ImportError`]; any error means nothing in the file may be used.
pub fn parse(text: &str) -> Result<BackupData, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    #[derive(Deserialize)]
    struct FileIn {
        app: Option<RawData>,
        kind: Option<RawData>,
        version: Option<RawData>,
        data: Option<RawData>,
    }
    #[derive(Deserialize)]
    struct DataIn {
        /// Kept even when `null` (which is not a history), unlike the optional fields.
        #[serde(default = "no_attempts")]
        history: RawData,
        lang: Option<RawData>,
        exam: Option<RawData>,
        cards: Option<RawData>,
        retention: Option<RawData>,
    }
    fn no_attempts() -> RawData {
        serde_json::value::RawValue::from_string("[]".to_owned()).expect("[] is JSON")
    }
    /// A field's value as `T`, if it is one.
    fn read<T: serde::de::DeserializeOwned>(field: Option<&RawData>) -> Option<T> {
        serde_json::from_str(field?.get()).ok()
    }
    /// Upgrades a field's data from `version` and decodes it (`None` when absent or null).
    fn upgraded<T: serde::de::DeserializeOwned>(
        key: &str,
        version: u32,
        field: Option<RawData>,
    ) -> Result<Option<T>, ImportError> {
        let Some(data) = field else {
            return Ok(None);
        };
        let data = store::upgrade(key, version, data)
            .map_err(|e| ImportError::Invalid(format!("{e:?}")))?;
        serde_json::from_str(data.get())
            .map(Some)
            .map_err(|e| ImportError::Invalid(e.to_string()))
    }

    if !store::is_json(text) {
        return Err(ImportError::NotJson);
    }
    let file: FileIn = serde_json::from_str(text)
        .ok()
        .filter(|_| store::is_object(text))
        .ok_or(ImportError::Foreign)?;
    if read::<String>(file.app.as_ref()).as_deref() != Some(APP)
        || read::<String>(file.kind.as_ref()).as_deref() != Some(KIND)
    {
        return Err(ImportError::Foreign);
    }
    let version = read::<u32>(file.version.as_ref())
        .ok_or_else(|| ImportError::Invalid("no version".into()))?;
    if version > SCHEMA_VERSION {
        return Err(ImportError::TooNew { version });
    }
    let data: DataIn = file
        .data
        .filter(|data| store::is_object(data.get()))
        .and_then(|data| serde_json::from_str(data.get()).ok())
        .ok_or_else(|| ImportError::Invalid("no data".into()))?;
    let history: Vec<Attempt> =
        upgraded(keys::HISTORY, version, Some(data.history))?.unwrap_or_default();
    let lang: Option<Lang> = upgraded(keys::LANG, version, data.lang)?;
    let exam: Option<Exam> = upgraded(keys::EXAM, version, data.exam)?;
    // Cards and the retention setting are replayed or defaulted when unreadable: the rest of
    // the file is worth more than they are.
    let cards: Option<Cards> = upgraded(keys::CARDS, version, data.cards).ok().flatten();
    let retention: Option<Retention> = upgraded(keys::RETENTION, version, data.retention)
        .ok()
        .flatten();
    for attempt in &history {
        check_attempt(attempt).map_err(ImportError::Invalid)?;
    }
    if let Some(exam) = &exam
        && !(exam.is_consistent() && exam.is_in_progress())
    {
        return Err(ImportError::Invalid("the exam in progress".into()));
    }
    Ok(BackupData {
        history,
        lang,
        exam,
        cards,
        retention,
    })
}

/// Whether an attempt hangs together: a usable id, one answer, flag and outcome per
/// question, answers of the questions' shapes, and a score within the question count.
fn check_attempt(a: &Attempt) -> Result<(), String> {
    let n = a.form.items.len();
    let id_ok = !a.id.is_empty()
        && a.id.len() <= 64
        && a.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let shapes_ok = a
        .answers
        .iter()
        .zip(&a.form.items)
        .all(|(answer, item)| answer.as_ref().is_none_or(|x| item.shape.accepts(x)));
    let outcomes_ok = a
        .result
        .outcomes
        .iter()
        .zip(&a.form.items)
        .all(|(o, item)| o.question_id == item.question_id);
    let ok = id_ok
        && a.answers.len() == n
        && a.flags.len() == n
        && a.result.outcomes.len() == n
        && shapes_ok
        && outcomes_ok
        && a.result.raw_correct <= a.result.total
        && a.result.total as usize <= n
        && a.result.exam == a.form.exam;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "attempt {}",
            a.id.chars().take(64).collect::<String>()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, assemble};
    use crate::exam::Action;
    use crate::history::{MergeReport, merge};
    use crate::synthetic::{generated_bank, sample_blueprint};

    #[test]
    fn the_file_is_laid_out_as_serde_json_would() {
        let tricky = serde_json::json!({
            "text": "braces { } [ ], a \"quote\", a \\ and: a colon",
            "empty": {}, "none": [], "nested": [[], {"a": [1, {}]}, "]"],
            "last": "}"
        });
        let compact = serde_json::to_string(&tricky).unwrap();
        assert_eq!(
            indent(&compact),
            serde_json::to_string_pretty(&tricky).unwrap()
        );

        let data = BackupData {
            history: attempts(2),
            ..BackupData::default()
        };
        let pretty = serde_json::to_string_pretty(&BackupOut {
            app: APP,
            kind: KIND,
            version: SCHEMA_VERSION,
            exported_at_ms: 7,
            data: &data,
        });
        assert_eq!(export(&data, 7), pretty.unwrap());
    }

    const CARD: &str = r#"{"q1": {"revision": 1, "stability": 2300, "difficulty": 2100,
        "last_review_ms": 500, "reviews": 1, "lapses": 0, "last_lapse": false}}"#;

    fn attempts(n: u64) -> Vec<Attempt> {
        let bank = generated_bank(&sample_blueprint(), 120, 3);
        (0..n)
            .map(|i| {
                let choices = ExamChoices::practice(&bank.blueprints[0], 3, i);
                let mut exam = Exam::new(assemble(&bank, &choices).unwrap());
                exam.apply(Action::Start { now_ms: 1_000 * i });
                exam.apply(Action::Submit {
                    now_ms: 1_000 * i + 500,
                });
                Attempt::record(&bank, &exam, 1_000 * i + 500)
            })
            .collect()
    }

    #[test]
    fn an_export_imports_back_the_same() {
        let data = BackupData {
            history: attempts(3),
            lang: Some(Lang::Ja),
            exam: None,
            cards: Some(serde_json::from_str(CARD).unwrap()),
            retention: Some(Retention::CHOICES[3]),
        };
        let text = export(&data, 123);
        assert!(text.contains("\"app\": \"mogi\""));
        assert_eq!(parse(&text), Ok(data.clone()));
        // A card outside FSRS's range is left out; the history still imports.
        let bad = text.replace("\"stability\": 2300", "\"stability\": 0");
        assert_ne!(bad, text);
        let imported = parse(&bad).unwrap();
        assert_eq!((imported.cards, &imported.history), (None, &data.history));
    }

    #[test]
    fn importing_merges_without_duplicates() {
        let all = attempts(4);
        // This browser has 0 and 1; the file has 1, 2, 3 and 2 again.
        let file = vec![
            all[3].clone(),
            all[1].clone(),
            all[2].clone(),
            all[2].clone(),
        ];
        let (merged, report) = merge(&all[..2], &file);
        assert_eq!(merged, all, "oldest first");
        assert_eq!(
            report,
            MergeReport {
                added: 2,
                already: 2
            }
        );
        let (again, report) = merge(&merged, &file);
        assert_eq!(again, all);
        assert_eq!(report.added, 0, "importing twice adds nothing");
    }

    #[test]
    fn malformed_or_foreign_files_are_rejected_with_a_reason() {
        assert_eq!(parse("not json"), Err(ImportError::NotJson));
        assert_eq!(parse("[1, 2]"), Err(ImportError::Foreign));
        assert_eq!(
            parse(r#"["mogi", "backup", 2, {}]"#),
            Err(ImportError::Foreign),
            "the fields of a backup in an array are not a backup"
        );
        assert!(
            matches!(
                parse(
                    r#"{"app": "mogi", "kind": "backup", "version": 2, "data": {"history": null}}"#
                ),
                Err(ImportError::Invalid(_))
            ),
            "a null history is damaged, not empty"
        );
        assert_eq!(
            parse(r#"{"app": "other", "kind": "backup", "version": 2, "data": {}}"#),
            Err(ImportError::Foreign)
        );
        assert_eq!(
            parse(r#"{"history": []}"#),
            Err(ImportError::Foreign),
            "a bare storage value is not a backup"
        );
        assert_eq!(
            parse(r#"{"app": "mogi", "kind": "backup", "version": 9, "data": {}}"#),
            Err(ImportError::TooNew { version: 9 })
        );
        assert!(matches!(
            parse(
                r#"{"app": "mogi", "kind": "backup", "version": 2, "data": {"history": [{"id": 1}]}}"#
            ),
            Err(ImportError::Invalid(_))
        ));
        assert!(matches!(
            parse(r#"{"app": "mogi", "kind": "backup", "version": 2}"#),
            Err(ImportError::Invalid(_))
        ));
    }

    #[test]
    fn an_attempt_that_does_not_hang_together_rejects_the_whole_file() {
        let mut history = attempts(2);
        history[1].answers.pop();
        let text = export(
            &BackupData {
                history,
                ..BackupData::default()
            },
            0,
        );
        assert!(matches!(parse(&text), Err(ImportError::Invalid(_))));

        let mut history = attempts(1);
        history[0].id = "<script>".into();
        let text = export(
            &BackupData {
                history,
                ..BackupData::default()
            },
            0,
        );
        assert!(matches!(parse(&text), Err(ImportError::Invalid(_))));
    }
}
