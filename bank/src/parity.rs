//! Parity of the two languages: what one language's text carries, the other carries.
//!
//! Checked on every stem and every option, response and prompt, on the text without markup:
//!
//! - **Qualifiers** ([`QUALIFIERS`], stems only): a phrase that decides the key ("Which
//!   solution meets these requirements?", "LEAST operational overhead") has its Japanese
//!   counterpart, and the other way round. An English qualifier in capitals (MOST, LEAST,
//!   HIGHEST …) needs 「最も」 in Japanese.
//! - **Numbers**: the same numbers in both, as values (`2 million` is 「200 万」); a count up
//!   to twelve may be spelled out in one language and written in digits in the other.
//! - **Service names**: every in-scope service of the question's exams that one language names
//!   in full, the other names too (service names stay in English in both).

use mogi_core::bank::Text;
use mogi_core::bank::plain_text;

/// Qualifier pairs: an English phrase and the Japanese phrases that carry it. A stem with the
/// English phrase needs one of the Japanese ones, and a stem with one of the Japanese ones
/// needs the English phrase.
pub const QUALIFIERS: &[(&str, &[&str])] = &[
    ("these requirements", &["これらの要件"]),
    (
        "LEAST operational overhead",
        &["運用上のオーバーヘッドが最も少な"],
    ),
    ("MOST cost-effective", &["最も費用対効果", "最もコスト効率"]),
];

/// English qualifiers in capitals that need 「最も」 in the Japanese stem.
const CAPITAL_QUALIFIERS: &[&str] = &["MOST", "LEAST", "HIGHEST", "LOWEST", "FASTEST"];

/// What differs between the two languages of `text` (`what` names it in messages, `stem` says
/// whether the qualifier rules apply), given the services that may be named.
pub fn problems(text: &Text, what: &str, stem: bool, services: &[&str]) -> Vec<String> {
    let en = plain_text(&text.en);
    let ja = plain_text(&text.ja);
    let mut out = Vec::new();
    if stem {
        for (english, japanese) in QUALIFIERS {
            let in_en = en.contains(english);
            let in_ja = japanese.iter().any(|j| ja.contains(j));
            if in_en && !in_ja {
                out.push(format!(
                    "{what}: the English says \"{english}\" but the Japanese lacks 「{}」",
                    japanese[0]
                ));
            } else if in_ja && !in_en {
                out.push(format!(
                    "{what}: the Japanese says 「{}」 but the English lacks \"{english}\"",
                    japanese[0]
                ));
            }
        }
        for word in CAPITAL_QUALIFIERS {
            if has_word(&en, word) && !ja.contains("最も") {
                out.push(format!(
                    "{what}: the English qualifier {word} has no 「最も」 in the Japanese"
                ));
            }
        }
    }
    let (en_numbers, ja_numbers) = (numbers(&en), numbers(&ja));
    // English writes small counts as words ("two models", "each day"), Japanese in digits
    // (「2 つのモデル」「1 日」): a small number only in the Japanese is not a difference.
    let missing_in_ja = en_numbers
        .iter()
        .any(|n| !ja_numbers.contains(n) && !is_small_count(n));
    let extra_in_ja = ja_numbers
        .iter()
        .any(|n| !en_numbers.contains(n) && !is_small_count(n));
    if missing_in_ja || extra_in_ja {
        out.push(format!(
            "{what}: the numbers differ (English {}, Japanese {})",
            list(&en_numbers),
            list(&ja_numbers)
        ));
    }
    for service in services {
        let (in_en, in_ja) = (en.contains(service), ja.contains(service));
        if in_en != in_ja {
            out.push(format!(
                "{what}: {service} is named in the {} text only",
                if in_en { "English" } else { "Japanese" }
            ));
        }
    }
    out
}

/// A count one language may spell out where the other writes digits (zero to twelve), or
/// leave implicit (the minutes of 20:00 in 「20 時」).
fn is_small_count(number: &str) -> bool {
    number.parse::<u32>().is_ok_and(|n| n <= 12)
}

/// Whether `word` stands in `text` as a word of its own.
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == word)
}

/// The numbers written in digits, sorted, as values: thousands separators and leading zeros
/// dropped, and a scale word after a number applied (2 million = 200 万 = 2000000).
fn numbers(text: &str) -> Vec<String> {
    const SCALES: [(&str, f64); 5] = [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("万", 1e4),
        ("億", 1e8),
    ];
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        // Digits inside a name (Amazon S3, ml.g5.2xlarge, EC2) are not numbers.
        let in_name = rest[..start].ends_with(|c: char| c.is_ascii_alphabetic() || c == '.');
        rest = &rest[start..];
        let mut digits = String::new();
        let mut end = 0;
        for (at, c) in rest.char_indices() {
            let next_is_digit = rest[at + c.len_utf8()..].starts_with(|n: char| n.is_ascii_digit());
            if c.is_ascii_digit() || (c == '.' && next_is_digit && !digits.is_empty()) {
                digits.push(c);
            } else if c == ',' && next_is_digit && !digits.is_empty() {
                // a thousands separator
            } else {
                break;
            }
            end = at + c.len_utf8();
        }
        rest = &rest[end..];
        let letters: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let ordinal = ["st", "nd", "rd", "th"].contains(&letters.as_str());
        if in_name || (!letters.is_empty() && !ordinal) {
            continue;
        }
        rest = &rest[letters.len()..];
        let after = rest.trim_start();
        let scale = SCALES.iter().find(|(word, _)| after.starts_with(word));
        let value = digits.parse::<f64>().unwrap_or(0.0) * scale.map_or(1.0, |(_, s)| *s);
        if let Some((word, _)) = scale {
            rest = &after[word.len()..];
        }
        found.push(format!("{value}"));
    }
    found.sort();
    found
}

fn list(numbers: &[String]) -> String {
    if numbers.is_empty() {
        "none".to_owned()
    } else {
        numbers.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str, ja: &str) -> Text {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

    #[test]
    fn a_dropped_requirement_clause_is_found_both_ways() {
        let stem = text(
            "<p>Which solution meets these requirements?</p>",
            "<p>どのソリューションを使いますか。</p>",
        );
        assert_eq!(
            problems(&stem, "stem", true, &[]),
            vec![
                "stem: the English says \"these requirements\" but the Japanese lacks 「これらの要件」"
            ]
        );
        let stem = text(
            "<p>Which solution should the team use?</p>",
            "<p>これらの要件を満たすソリューションはどれですか。</p>",
        );
        assert_eq!(problems(&stem, "stem", true, &[]).len(), 1);
        let fine = text(
            "<p>Which solution meets these requirements with the LEAST operational overhead?</p>",
            "<p>運用上のオーバーヘッドが最も少なく、これらの要件を満たすソリューションはどれですか。</p>",
        );
        assert_eq!(problems(&fine, "stem", true, &[]), Vec::<String>::new());
    }

    #[test]
    fn capital_qualifiers_need_the_japanese_superlative() {
        let stem = text(
            "<p>Which change will MOST reduce cost?</p>",
            "<p>コストを削減する変更はどれですか。</p>",
        );
        assert_eq!(
            problems(&stem, "stem", true, &[]),
            vec!["stem: the English qualifier MOST has no 「最も」 in the Japanese"]
        );
        assert!(
            problems(&stem, "option 1", false, &[]).is_empty(),
            "stems only"
        );
    }

    #[test]
    fn numbers_and_services_must_match() {
        let option = text(
            "<p>Keep 10,000 records for 2.5 days in Amazon S3.</p>",
            "<p>Amazon S3 に 10000 件のレコードを 3 日間保存する。</p>",
        );
        assert_eq!(
            problems(&option, "option 2", false, &["Amazon S3", "AWS Glue"]),
            vec!["option 2: the numbers differ (English 10000, 2.5, Japanese 10000, 3)"]
        );
        let stem = text(
            "<p>About 2 million records, 30 million images and 3,000 files.</p>",
            "<p>約 200 万件のレコード、3,000 万枚の画像、3000 個のファイル。</p>",
        );
        assert_eq!(problems(&stem, "stem", false, &[]), Vec::<String>::new());
        assert_eq!(
            numbers("at 09:00, 1.5 GB, the 90th percentile of ml.g5 on EC2"),
            vec![
                "0".to_owned(),
                "1.5".to_owned(),
                "9".to_owned(),
                "90".to_owned()
            ]
        );
        // Small counts spelled out in English are digits in Japanese.
        let stem = text(
            "<p>Each day two models train on 500 GB.</p>",
            "<p>1 日に 2 つのモデルが 500 GB でトレーニングします。</p>",
        );
        assert!(problems(&stem, "stem", false, &[]).is_empty());
        let stem = text(
            "<p>Train on 500 GB.</p>",
            "<p>50 GB でトレーニングします。</p>",
        );
        assert_eq!(problems(&stem, "stem", false, &[]).len(), 1);
        let option = text("<p>Use AWS Glue.</p>", "<p>ETL ジョブを使う。</p>");
        assert_eq!(
            problems(&option, "option 1", false, &["AWS Glue"]),
            vec!["option 1: AWS Glue is named in the English text only"]
        );
    }
}
