//! Benchmarks of the engine's hot paths: assembling a full exam and scoring a submitted one,
//! on generated banks of 1,000 and 10,000 questions.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mogi_core::assemble::{ExamChoices, assemble};
use mogi_core::exam::{Action, Exam};
use mogi_core::score::score;
use mogi_core::synthetic::{correct_answer, generated_bank, sample_blueprint};

fn engine(c: &mut Criterion) {
    let blueprint = sample_blueprint();
    for size in [1_000_usize, 10_000] {
        let bank = generated_bank(&blueprint, size, 1);
        let choices = ExamChoices::full_exam(&blueprint, 42);

        c.bench_with_input(
            BenchmarkId::new("assemble_full_exam", size),
            &bank,
            |b, bank| {
                b.iter(|| assemble(black_box(bank), black_box(&choices)).unwrap());
            },
        );

        let mut exam = Exam::new(assemble(&bank, &choices).unwrap());
        exam.apply(Action::Start { now_ms: 0 });
        for i in 0..exam.len() {
            let q = bank.question(&exam.form.items[i].question_id).unwrap();
            exam.apply(Action::Answer {
                index: i,
                answer: correct_answer(q),
            });
        }
        exam.apply(Action::Submit { now_ms: 60_000 });
        c.bench_with_input(
            BenchmarkId::new("score_full_exam", size),
            &bank,
            |b, bank| {
                b.iter(|| score(black_box(bank), black_box(&exam)));
            },
        );

        // A custom form of half the bank: assembly and scoring at scale.
        let mut big = ExamChoices::practice(&blueprint, u32::try_from(size / 2).unwrap(), 7);
        big.shuffle_options = true;
        c.bench_with_input(
            BenchmarkId::new("assemble_half_bank", size),
            &bank,
            |b, bank| {
                b.iter(|| assemble(black_box(bank), black_box(&big)).unwrap());
            },
        );
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
