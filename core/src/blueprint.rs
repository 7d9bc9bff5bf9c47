//! An exam version's published facts (a blueprint): counts, timing, scoring, the exam guide's
//! domains, task statements and skills, when and in which languages AWS offers it, and what
//! changed from the exam it replaces. Compiled from `questions/blueprints/*.toml`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::{Lang, QuestionType, Text};

/// An exam version's published facts: every number the simulator reproduces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Blueprint {
    /// Lower-case code used in ids and links, e.g. `mla-c01`.
    pub code: String,
    pub title: Text,
    pub version: String,
    pub source_url: String,
    pub duration_minutes: u32,
    pub esl_extra_minutes: u32,
    pub scored_questions: u32,
    pub unscored_questions: u32,
    pub score_min: u32,
    pub score_max: u32,
    pub pass_mark: u32,
    pub domains: Vec<Domain>,
    pub services: Vec<String>,
    pub question_types: Vec<QuestionType>,
    /// No longer offered for new exams; kept so that attempts at it stay readable (a
    /// blueprint of a published exam is never deleted, only retired).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// Where the start screen lists the exam (lower first; unset ones last, in bank order):
    /// the first one offered in the reader's language is preselected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_order: Option<u32>,
    /// When and in which languages AWS offers the exam (empty: no facts recorded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offered: Vec<Offer>,
    /// What changed from the exam this one replaces, from AWS's comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<Replacement>,
}

/// A period in which AWS offers an exam in some languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// Language tags of the exam as delivered (`en`, `ja`, `ko`, `zh-CN`).
    pub languages: Vec<String>,
    /// First day offered (inclusive), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Day>,
    /// Last day offered (inclusive), if announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Day>,
    /// What a candidate should know about this period (a beta, a planned date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Offer {
    /// Whether the period includes `day`.
    #[must_use]
    pub fn includes(&self, day: Day) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day <= until)
    }

    #[must_use]
    pub fn in_language(&self, lang: Lang) -> bool {
        self.languages.iter().any(|l| l == lang.tag())
    }
}

/// A calendar day (UTC), as days since 1970-01-01; written `YYYY-MM-DD` in blueprints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(i64);

impl Day {
    /// The day that contains the instant `ms` (milliseconds since the Unix epoch, UTC).
    #[must_use]
    pub fn of_ms(ms: f64) -> Self {
        #[allow(clippy::cast_possible_truncation)] // days since 1970 fit an i64 for any clock
        Self((ms / 86_400_000.0).floor() as i64)
    }

    /// `YYYY-MM-DD`, checked (a real day of a year from 1970 to 9999).
    ///
    /// # Errors
    /// A message naming the text when it is not such a day.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a day written YYYY-MM-DD");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else {
            return Err(bad());
        };
        let day = Self(days_from_civil(y, m, d));
        if y < 1970 || day.civil() != (y, m, d) {
            return Err(bad());
        }
        Ok(day)
    }

    /// (year, month, day).
    #[must_use]
    pub fn civil(self) -> (i64, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 1..=31, 1..=12
        (y, m as u32, d as u32)
    }
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl TryFrom<String> for Day {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<Day> for String {
    fn from(day: Day) -> Self {
        day.to_string()
    }
}

/// What changed from the exam a blueprint replaces: a mapping of the two guides' skills.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replacement {
    /// The replaced exam's code.
    pub exam: String,
    /// Where the comparison comes from (AWS's comparison page, or ours if it says so).
    pub source_url: String,
    pub skills: Vec<SkillChange>,
}

/// One row of a comparison: skills of the old guide and what became of them in the new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillChange {
    /// Skill ids of the replaced exam (empty: added in the new one).
    pub from: Vec<String>,
    /// Skill ids of the new exam (empty: removed).
    pub to: Vec<String>,
    pub kind: ChangeKind,
    /// Whether AWS's comparison says so, or the mapping is ours.
    pub basis: Basis,
    /// `None` in a [`crate::bank::Bank`], which keeps it with its guide texts: read it with
    /// [`crate::bank::Bank::change_note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Who says a skill change is so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// AWS's comparison page.
    Aws,
    /// Our reading of the two guides (AWS's page does not map this skill).
    Ours,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Kept,
    Reworded,
    Moved,
    Merged,
    Split,
    /// Was a "knowledge of" item of the old guide (no skill id there), now a skill.
    Promoted,
    Added,
    Removed,
}

impl ChangeKind {
    pub const ALL: [Self; 8] = [
        Self::Kept,
        Self::Reworded,
        Self::Moved,
        Self::Merged,
        Self::Split,
        Self::Promoted,
        Self::Added,
        Self::Removed,
    ];

    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Reworded => "reworded",
            Self::Moved => "moved",
            Self::Merged => "merged",
            Self::Split => "split",
            Self::Promoted => "promoted",
            Self::Added => "added",
            Self::Removed => "removed",
        }
    }
}

impl Blueprint {
    /// Questions in a full-length exam (scored and unscored; candidates cannot tell them apart).
    #[must_use]
    pub fn total_questions(&self) -> u32 {
        self.scored_questions + self.unscored_questions
    }

    #[must_use]
    pub fn domain(&self, number: u8) -> Option<&Domain> {
        self.domains.iter().find(|d| d.number == number)
    }

    #[must_use]
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.domains
            .iter()
            .flat_map(|d| &d.tasks)
            .find(|t| t.id == id)
    }

    /// Every skill of the guide with its task statement, in the guide's order.
    pub fn skills(&self) -> impl Iterator<Item = (&Task, &Skill)> {
        self.domains
            .iter()
            .flat_map(|d| &d.tasks)
            .flat_map(|t| t.skills.iter().map(move |s| (t, s)))
    }

    /// A skill by id, with the task statement it belongs to.
    #[must_use]
    pub fn skill(&self, id: &str) -> Option<(&Task, &Skill)> {
        self.skills().find(|(_, s)| s.id == id)
    }

    /// Whether AWS offers the exam in `lang` on `day`, by the blueprint's facts.
    #[must_use]
    pub fn offered_on(&self, lang: Lang, day: Day) -> bool {
        self.offered
            .iter()
            .any(|o| o.in_language(lang) && o.includes(day))
    }

    /// Where the exam stands for a candidate who sits it in `lang`, on `day`.
    #[must_use]
    pub fn availability(&self, lang: Lang, day: Day) -> Availability {
        match self.offer_for(lang, day) {
            Some(now) if now.includes(day) => Availability::Now { until: now.until },
            Some(Offer {
                from: Some(from), ..
            }) => Availability::From(*from),
            _ => self
                .offered
                .iter()
                .filter(|o| o.in_language(lang))
                .filter_map(|o| o.until)
                .max()
                .map_or(Availability::Unknown, Availability::Ended),
        }
    }

    /// The period in which AWS offers the exam in `lang` on `day`, or else the next one to
    /// come; `None` when neither exists.
    #[must_use]
    pub fn offer_for(&self, lang: Lang, day: Day) -> Option<&Offer> {
        let in_lang = || self.offered.iter().filter(move |o| o.in_language(lang));
        in_lang().find(|o| o.includes(day)).or_else(|| {
            in_lang()
                .filter(|o| o.from.is_some_and(|from| from > day))
                .min_by_key(|o| o.from)
        })
    }
}

/// Whether a candidate can sit an exam in their language on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Offered now; until the day given, if announced.
    Now { until: Option<Day> },
    /// Not yet offered in this language; from this day.
    From(Day),
    /// No longer offered in this language since the day after this one.
    Ended(Day),
    /// The blueprint records nothing for this language.
    Unknown,
}

/// The exam to preselect for a reader of `lang` on `day`, among `offered` (in listing order):
/// the first one AWS offers in that language that day; else the first one it will offer in it
/// soonest; else the first one. A user's own choice, when stored, comes before this.
#[must_use]
pub fn default_exam<'a>(offered: &[&'a Blueprint], lang: Lang, day: Day) -> Option<&'a Blueprint> {
    offered
        .iter()
        .find(|b| b.offered_on(lang, day))
        .or_else(|| {
            offered
                .iter()
                .filter_map(|b| match b.availability(lang, day) {
                    Availability::From(from) => Some((from, b)),
                    _ => None,
                })
                .min_by_key(|(from, _)| *from)
                .map(|(_, b)| b)
        })
        .or_else(|| offered.first())
        .copied()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub number: u8,
    pub title: Text,
    /// Share of scored content, in percent.
    pub weight_percent: u32,
    pub tasks: Vec<Task>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// `"1.1"` style id, unique within a blueprint.
    pub id: String,
    pub title: Text,
    /// The skills the exam guide names for this task, in the guide's order.
    #[serde(default)]
    pub skills: Vec<Skill>,
}

/// One skill of a task statement, as the exam guide states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// `"1.1.2"` style id, unique within a blueprint: the guide's own number where it numbers
    /// its skills, otherwise ours (given once, in the guide's order, and never reused).
    pub id: String,
    /// Empty in a [`crate::bank::Bank`], which keeps it with its guide texts: read it with
    /// [`crate::bank::Bank::skill_text`].
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub text: Text,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::sample_blueprint;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn offer(languages: &[&str], from: Option<&str>, until: Option<&str>) -> Offer {
        Offer {
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            from: from.map(day),
            until: until.map(day),
            note: None,
        }
    }

    /// MLA-C01 and MLA-C02 as AWS announced them: C02 in English from 2026-09-29, in
    /// Japanese from 2027-01-14; C01 in English until 2026-09-28, in Japanese until C02.
    fn c01_and_c02() -> (Blueprint, Blueprint) {
        let mut c01 = sample_blueprint();
        c01.offered = vec![
            offer(&["en"], None, Some("2026-09-28")),
            offer(&["ja", "ko"], None, Some("2027-01-13")),
        ];
        let mut c02 = sample_blueprint();
        c02.code = "mla-c02".into();
        c02.offered = vec![
            offer(&["en"], Some("2026-09-29"), None),
            offer(&["ja", "ko"], Some("2027-01-14"), None),
        ];
        (c01, c02)
    }

    #[test]
    fn days_read_and_write_as_iso_dates_and_refuse_impossible_ones() {
        for text in ["1970-01-01", "2026-12-04", "2027-01-14", "2028-02-29"] {
            assert_eq!(day(text).to_string(), text);
        }
        assert_eq!(Day::of_ms(0.0), day("1970-01-01"));
        assert_eq!(Day::of_ms(1_796_000_000_000.0).to_string(), "2026-11-30");
        assert!(day("2026-12-31") < day("2027-01-01"));
        for bad in [
            "2027-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "today",
            "2026-00-10",
        ] {
            assert!(Day::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn japanese_readers_get_c01_until_c02_arrives_in_japanese_and_english_readers_c02() {
        let (c01, c02) = c01_and_c02();
        let offered = [&c01, &c02];
        let before = day("2026-12-04");
        let after = day("2027-01-14");
        assert_eq!(
            default_exam(&offered, Lang::Ja, before).unwrap().code,
            "mla-c01"
        );
        assert_eq!(
            default_exam(&offered, Lang::En, before).unwrap().code,
            "mla-c02"
        );
        assert_eq!(
            default_exam(&offered, Lang::Ja, after).unwrap().code,
            "mla-c02"
        );
        assert_eq!(
            c01.availability(Lang::Ja, before),
            Availability::Now {
                until: Some(day("2027-01-13"))
            }
        );
        assert_eq!(
            c02.availability(Lang::Ja, before),
            Availability::From(after)
        );
        assert_eq!(
            c01.availability(Lang::En, before),
            Availability::Ended(day("2026-09-28"))
        );
        assert_eq!(
            sample_blueprint().availability(Lang::Ja, before),
            Availability::Unknown
        );
    }
}
