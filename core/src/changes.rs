//! What changed from one exam to the one that replaces it, for a learner halfway through
//! preparing for the old one: the domains' weights side by side, and every skill of either
//! guide with what became of it (from the new blueprint's `[replaces]` mapping, which says for
//! each row whether AWS's comparison or our reading is behind it), each new skill with the
//! questions that practise it.

use crate::bank::{Bank, Basis, Blueprint, ChangeKind, Text};
use crate::guide::{Progress, drill, progress};
use crate::history::Attempt;
use crate::study::question_records;

/// A domain of either exam, by number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightRow {
    pub number: u8,
    pub old: Option<(Text, u32)>,
    pub new: Option<(Text, u32)>,
}

/// A skill as a comparison row shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillRef {
    pub id: String,
    pub text: Text,
}

/// One row of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRow {
    pub kind: ChangeKind,
    pub basis: Basis,
    pub from: Vec<SkillRef>,
    pub to: Vec<SkillRef>,
    pub note: Option<Text>,
    /// The new exam's questions on the row's new skills, with the user's standing.
    pub progress: Progress,
}

/// The comparison of a blueprint with the one it replaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub old_exam: String,
    pub new_exam: String,
    pub source_url: String,
    pub weights: Vec<WeightRow>,
    /// Rows in the blueprint's order, grouped by kind in [`ChangeKind::ALL`]'s order.
    pub rows: Vec<ChangeRow>,
}

fn skill_ref(bank: &Bank, blueprint: &Blueprint, id: &str) -> SkillRef {
    SkillRef {
        id: id.to_owned(),
        text: bank
            .skill_text(&blueprint.code, id)
            .cloned()
            .unwrap_or_default(),
    }
}

/// The comparison of `exam` with the exam it replaces; `None` when it replaces none (or that
/// blueprint is not in the bank).
#[must_use]
pub fn comparison(bank: &Bank, history: &[Attempt], exam: &str) -> Option<Comparison> {
    let new = bank.blueprint(exam)?;
    let replaces = new.replaces.as_ref()?;
    let old = bank.blueprint(&replaces.exam)?;
    let last = question_records(bank, history, exam);
    let skill_progress = |skills: &[String]| -> Progress {
        progress(
            bank.questions_for(exam)
                .filter(|q| q.skills().iter().any(|s| skills.contains(s)))
                .map(|q| q.question.id.as_str()),
            &last,
        )
    };
    let mut weights: Vec<WeightRow> = Vec::new();
    let numbers = old
        .domains
        .iter()
        .chain(&new.domains)
        .map(|d| d.number)
        .max()
        .unwrap_or(0);
    for number in 1..=numbers {
        let side = |b: &Blueprint| {
            b.domain(number)
                .map(|d| (d.title.clone(), d.weight_percent))
        };
        weights.push(WeightRow {
            number,
            old: side(old),
            new: side(new),
        });
    }
    let mut rows = Vec::new();
    for kind in ChangeKind::ALL {
        let of_kind = replaces.skills.iter().enumerate();
        for (row, change) in of_kind.filter(|(_, c)| c.kind == kind) {
            rows.push(ChangeRow {
                kind,
                basis: change.basis,
                from: change
                    .from
                    .iter()
                    .map(|id| skill_ref(bank, old, id))
                    .collect(),
                to: change
                    .to
                    .iter()
                    .map(|id| skill_ref(bank, new, id))
                    .collect(),
                note: bank.change_note(&new.code, row).cloned(),
                progress: skill_progress(&change.to),
            });
        }
    }
    Some(Comparison {
        old_exam: old.code.clone(),
        new_exam: new.code.clone(),
        source_url: replaces.source_url.clone(),
        weights,
        rows,
    })
}

/// A practice set on the questions of one row (its new skills); `None` when it has none.
#[must_use]
pub fn practise_row(
    bank: &Bank,
    exam: &str,
    row: &ChangeRow,
    seed: u64,
) -> Option<crate::assemble::ExamChoices> {
    drill(bank, exam, &row.progress, seed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Placement, Replacement, SkillChange};
    use crate::synthetic::{generated_bank, sample_blueprint};

    fn change(from: &[&str], to: &[&str], kind: ChangeKind, basis: Basis) -> SkillChange {
        SkillChange {
            from: from.iter().map(|s| (*s).to_owned()).collect(),
            to: to.iter().map(|s| (*s).to_owned()).collect(),
            kind,
            basis,
            note: None,
        }
    }

    /// The sample exam and a successor that keeps skill 1.1.1, adds 1.1.2 and drops 2.1.1;
    /// the old exam's questions on 1.1.2 belong to both.
    fn bank() -> Bank {
        let old = sample_blueprint();
        let mut new = sample_blueprint();
        new.code = "next-c02".into();
        new.domains[0].weight_percent = 30;
        new.domains[1].weight_percent = 24;
        new.replaces = Some(Replacement {
            exam: old.code.clone(),
            source_url: "https://docs.aws.amazon.com/aws-certification/".into(),
            skills: vec![
                change(&["2.1.1"], &[], ChangeKind::Removed, Basis::Aws),
                SkillChange {
                    note: Some(Text {
                        en: "New in the guide.".into(),
                        ja: "ガイドに新しく追加。".into(),
                    }),
                    ..change(&[], &["1.1.2"], ChangeKind::Added, Basis::Aws)
                },
                change(&["1.1.1"], &["1.1.1"], ChangeKind::Kept, Basis::Ours),
            ],
        });
        let mut bank = generated_bank(&old, 200, 3);
        bank.add_blueprint(new);
        for q in &mut bank.questions {
            if let Some(at) = q.placement(&old.code).cloned()
                && at.skills == ["1.1.2"]
            {
                q.placements.push(Placement {
                    exam: "next-c02".into(),
                    ..at
                });
            }
        }
        bank
    }

    #[test]
    fn weights_sit_side_by_side_and_rows_come_grouped_by_kind() {
        let bank = bank();
        let c = comparison(&bank, &[], "next-c02").expect("it replaces the sample exam");
        assert_eq!(
            (c.old_exam.as_str(), c.new_exam.as_str()),
            ("mla-c01", "next-c02")
        );
        let first = &c.weights[0];
        assert_eq!(first.old.as_ref().map(|w| w.1), Some(28));
        assert_eq!(first.new.as_ref().map(|w| w.1), Some(30));
        let kinds: Vec<ChangeKind> = c.rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [ChangeKind::Kept, ChangeKind::Added, ChangeKind::Removed]
        );
        assert_eq!(c.rows[0].from[0].text.en, "Skill 1.1.1");
        assert_eq!(
            c.rows[0].to[0].text.en, "Skill 1.1.1",
            "the new exam's wording"
        );
        assert_eq!(c.rows[0].note, None);
        assert_eq!(c.rows[0].basis, Basis::Ours);
        let added = &c.rows[1];
        assert_eq!(added.to[0].text.ja, "Skill 1.1.2（日本語）");
        assert_eq!(
            added.note.as_ref().map(|n| n.ja.as_str()),
            Some("ガイドに新しく追加。"),
            "the note of its own row"
        );
        assert!(
            comparison(&bank, &[], "mla-c01").is_none(),
            "replaces nothing"
        );
    }

    #[test]
    fn an_added_skill_can_be_practised_and_a_removed_one_cannot() {
        let bank = bank();
        let c = comparison(&bank, &[], "next-c02").expect("a comparison");
        let added = &c.rows[1];
        let expected = bank
            .questions_for("next-c02")
            .filter(|q| q.skills().contains(&"1.1.2".to_owned()))
            .count();
        assert!(expected > 0);
        assert_eq!(added.progress.in_bank as usize, expected);
        let choices = practise_row(&bank, "next-c02", added, 5).expect("questions to practise");
        assert_eq!(choices.exam, "next-c02");
        let removed = &c.rows[2];
        assert_eq!(removed.progress.in_bank, 0);
        assert!(practise_row(&bank, "next-c02", removed, 5).is_none());
    }
}
