//! Links: round trips, every way a link can be wrong, version-1 links, and property tests.

use std::sync::OnceLock;

use proptest::prelude::*;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::answers::*;
use super::key::*;
use super::marks::*;
use super::wire::*;
use super::*;
use crate::assemble::{AnswerShape, Mode, Pool};
use crate::bank::QuestionType;
use crate::exam::Action;
use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| generated_bank(&sample_blueprint(), 400, 1))
}

fn full_exam(seed: u64) -> ExamForm {
    let bank = bank();
    assemble(bank, &ExamChoices::full_exam(&bank.blueprints[0], seed)).unwrap()
}

/// A finished sitting of `form` where answer `i` follows `pattern[i % len]`: 0 none,
/// 1 wrong, 2 right, 3 a partial answer (first option, or only the first slot).
fn sitting(form: ExamForm, pattern: &[u8], time_up: bool) -> Attempt {
    let bank = bank();
    let mut exam = Exam::new(form);
    exam.apply(Action::Start { now_ms: 1_000 });
    for i in 0..exam.len() {
        let q = bank.question(&exam.form.items[i].question_id).unwrap();
        let answer = match pattern[i % pattern.len()] {
            0 => continue,
            1 => wrong_answer(q),
            2 => correct_answer(q),
            _ => match correct_answer(q) {
                Answer::Choices(c) => Answer::Choices(c[..1].to_vec()),
                Answer::Slots(s) => Answer::Slots(
                    s.iter()
                        .enumerate()
                        .map(|(k, v)| if k == 0 { *v } else { None })
                        .collect(),
                ),
            },
        };
        assert!(exam.apply(Action::Answer { index: i, answer }));
    }
    let end = if time_up {
        u64::MAX / 2
    } else {
        1_000 + 4_321_000
    };
    exam.apply(Action::Submit { now_ms: end });
    Attempt::record(bank, &exam, end)
}

/// A sealed result body built by hand, to reach the checks behind the checksum.
fn result_body(form: &ExamForm, edit: impl FnOnce(&mut Writer)) -> String {
    let mut w = Writer::default();
    write_key(&mut w, form);
    w.u32(fingerprint(form));
    edit(&mut w);
    seal(KIND_RESULT, &w.bytes)
}

/// The version-1 text of a result link for `attempt` (as the release before revision tags
/// wrote it).
fn version_1_result(attempt: &Attempt) -> String {
    let form = &attempt.form;
    let mut body = Writer::default();
    write_key(&mut body, form);
    body.u32(fingerprint(form));
    body.str("Old");
    body.varint(attempt.finished_at_ms);
    body.varint(attempt.result.time_used_ms);
    body.byte(0);
    body.varint(form.items.len() as u64);
    let mut bits = BitWriter::default();
    for (i, item) in form.items.iter().enumerate() {
        write_answer(&mut bits, item.shape, attempt.answers[i].as_ref());
    }
    body.bytes.extend(bits.finish());
    let mut w = Writer::default();
    w.byte(MAGIC);
    w.byte(1);
    w.byte(KIND_RESULT);
    w.varint(body.bytes.len() as u64);
    w.bytes.extend_from_slice(&body.bytes);
    let crc = crc32(&w.bytes);
    w.u32(crc);
    URL_SAFE_NO_PAD.encode(&w.bytes)
}

#[test]
fn a_version_1_result_link_still_opens_through_the_record_of_releases() {
    let attempt = sitting(full_exam(5), &[2, 1, 0], false);
    let link = version_1_result(&attempt);
    // The same bank: scored as before.
    let opened = open_result(bank(), &link).unwrap();
    assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
    assert_eq!(opened.result.left_out, 0);
    // A newer bank that records the link's bank and one question changed since.
    let changed = attempt.form.items[0].question_id.clone();
    let mut newer = bank().clone();
    newer.revision = "newer".into();
    newer.past = vec![crate::resolve::PastRelease {
        revision: bank().revision.clone(),
        changed: vec![changed.clone()],
    }];
    let opened = open_result(&newer, &link).unwrap();
    assert_eq!(opened.result.left_out, 1);
    assert!(opened.result.outcomes[0].left_out);
    assert_eq!(opened.result.total, 64);
    // A bank that knows nothing of the link's: every question is left out, none misread.
    newer.past.clear();
    let opened = open_result(&newer, &link).unwrap();
    assert_eq!(opened.result.left_out, 65);
    assert_eq!(opened.result.raw_correct, 0);
}

#[test]
fn a_result_link_leaves_out_a_question_whose_key_changed_since_it_was_made() {
    let attempt = sitting(full_exam(6), &[2], false);
    assert_eq!(attempt.result.raw_correct, 65);
    let link = encode_result(bank(), &attempt, "Ann");
    let id = attempt.form.items[3].question_id.clone();
    let mut newer = bank().clone();
    newer.revision = "newer".into();
    for question in &mut newer.questions {
        if question.id == id {
            question.edition += 1;
        }
    }
    let opened = open_result(&newer, &link).unwrap();
    assert_eq!(opened.result.left_out, 1);
    assert!(opened.result.outcomes[3].left_out);
    assert_eq!(opened.result.raw_correct, 64, "the others still count");
    assert_eq!(opened.answers, attempt.answers, "every answer kept");
    // The maker's own bank: nothing left out.
    assert_eq!(open_result(bank(), &link).unwrap().result.left_out, 0);
}

#[test]
fn an_exam_link_gives_the_identical_exam() {
    let form = full_exam(77);
    let link = encode_exam(&form);
    let opened = open_exam(bank(), &link).unwrap();
    assert_eq!(opened.form, form);
    assert_eq!(opened.choices, form.choices);
    assert_eq!(opened.difference, None);
    assert!(link.len() < 200, "{} characters", link.len());
    // Pasted as a whole URL, with padding or spaces around, it still opens.
    let url = format!("  https://example.org/mogi/#/take/{link}== ");
    assert_eq!(open_exam(bank(), payload_of(&url)).unwrap().form, form);
}

#[test]
fn custom_choices_and_pools_survive_a_link() {
    let bank = bank();
    let bp = &bank.blueprints[0];
    let mut choices = ExamChoices::practice(bp, 6, u64::MAX - 3);
    choices.mode = Mode::Custom;
    choices.duration_minutes = Some(17);
    choices.esl_extra = true;
    choices.domains = vec![3, 1];
    choices.types = vec![QuestionType::MultipleChoice, QuestionType::Matching];
    choices.shuffle_options = false;
    let form = assemble(bank, &choices).unwrap();
    let opened = open_exam(bank, &encode_exam(&form)).unwrap();
    assert_eq!(opened.choices, choices);
    assert_eq!(opened.form, form);

    let ids: Vec<String> = form.items.iter().map(|i| i.question_id.clone()).collect();
    choices.pool = Pool::Only(ids.iter().cloned().chain(["other-id".into()]).collect());
    let form = assemble(bank, &choices).unwrap();
    assert_eq!(open_exam(bank, &encode_exam(&form)).unwrap().form, form);
    choices.pool = Pool::UnseenFirst(ids);
    choices.tasks = vec!["1.1".into(), "3.2".into()];
    let form = assemble(bank, &choices).unwrap();
    assert_eq!(open_exam(bank, &encode_exam(&form)).unwrap().form, form);
}

#[test]
fn a_changed_bank_is_reported_and_the_exam_can_still_be_taken() {
    let form = full_exam(5);
    let link = encode_exam(&form);
    // Same questions, new revision (say, a typo fixed elsewhere).
    let mut renamed = bank().clone();
    renamed.revision = "newer".into();
    let opened = open_exam(&renamed, &link).unwrap();
    let diff = opened.difference.unwrap();
    assert!(diff.same_exam(), "{diff:?}");
    assert_eq!(diff.link_revision, bank().revision);
    assert_eq!(diff.here_revision, "newer");
    // Questions removed: a different exam, and the reader is told how much differs.
    let mut smaller = bank().clone();
    smaller.revision = "smaller".into();
    smaller.questions.truncate(300);
    let opened = open_exam(&smaller, &link).unwrap();
    assert_eq!(opened.form.len(), 65);
    let diff = opened.difference.unwrap();
    assert!(!diff.same_exam());
    assert!(diff.changed > 30, "{diff:?}");
}

#[test]
fn a_result_link_recomputes_the_same_score() {
    for (seed, pattern, time_up) in [
        (1, &[2, 1, 0, 3][..], false),
        (2, &[2][..], true),
        (3, &[0][..], false),
        (4, &[1, 2, 2][..], false),
    ] {
        let attempt = sitting(full_exam(seed), pattern, time_up);
        let link = encode_result(bank(), &attempt, "  Aiko <b>&amp;</b>\u{7}  ");
        let opened = open_result(bank(), &link).unwrap();
        assert_eq!(opened.name, "Aiko <b>&amp;</b>");
        assert_eq!(opened.answers, attempt.answers);
        assert_eq!(opened.form, attempt.form);
        assert_eq!(opened.time_up, time_up);
        assert_eq!(opened.result.scaled, attempt.result.scaled);
        assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
        assert_eq!(opened.result.per_domain, attempt.result.per_domain);
        assert_eq!(opened.result.time_used_ms, attempt.result.time_used_ms);
        assert_eq!(opened.result.outcomes, {
            let mut o = attempt.result.outcomes.clone();
            o.iter_mut().for_each(|o| o.flagged = false);
            o
        });
        assert_eq!(opened.exam_link, encode_exam(&attempt.form));
        assert_eq!(opened.other_revision, None);
        // Taken into one's own history, it is the same result.
        let mine = opened.attempt(bank());
        assert_eq!(mine.id, attempt.id, "the same attempt, not a copy");
        assert_eq!(mine.answers, attempt.answers);
        assert_eq!(mine.result.scaled, attempt.result.scaled);
    }
}

/// The size a chat app sees: a 65-question exam, every question answered, a 40-character
/// Japanese name (3 bytes a character).
#[test]
fn a_full_result_link_is_short_enough_for_chat_apps() {
    let name: String = "山".repeat(MAX_NAME_CHARS);
    let mut longest = 0;
    for seed in 0..20 {
        let attempt = sitting(full_exam(seed), &[2, 1, 3], false);
        let link = encode_result(bank(), &attempt, &name);
        longest = longest.max(link.len());
    }
    println!("longest result payload for 65 questions: {longest} characters");
    assert!(longest + "https://example.github.io/mogi/#/result/".len() <= 2_000);
    // 484 measured: 310 for the answers and the key, 174 for the revision tags.
    assert!(longest < 500, "{longest}");
}

#[test]
fn bad_links_say_what_is_wrong() {
    let bank = bank();
    let form = full_exam(9);
    let attempt = sitting(form.clone(), &[2, 1], false);
    let exam = encode_exam(&form);
    let result = encode_result(bank, &attempt, "Ken");
    let err = |link: &str| open_result(bank, link).unwrap_err();

    assert_eq!(err(""), ShareError::Empty);
    assert_eq!(err("   "), ShareError::Empty);
    assert_eq!(
        err(&"A".repeat(MAX_LINK_CHARS + 1)),
        ShareError::TooLong {
            chars: MAX_LINK_CHARS + 1
        }
    );
    assert_eq!(err("<script>alert(1)</script>"), ShareError::Malformed);
    assert_eq!(err("aGVsbG8gd29ybGQ"), ShareError::Malformed, "hello world");
    for cut in [1, 2, 5, 30] {
        assert_eq!(err(&result[..result.len() - cut]), ShareError::Truncated);
    }
    assert_eq!(err(&result[..1]), ShareError::Truncated);
    assert_eq!(
        err(&exam),
        ShareError::WrongKind {
            expected: LinkKind::Result
        }
    );
    assert_eq!(
        open_exam(bank, &result).unwrap_err(),
        ShareError::WrongKind {
            expected: LinkKind::Exam
        }
    );
    let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
    bytes[1] = VERSION + 1;
    assert_eq!(
        err(&URL_SAFE_NO_PAD.encode(&bytes)),
        ShareError::UnsupportedVersion(VERSION + 1)
    );
    // Change one answer bit: the checksum catches it.
    let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
    let at = bytes.len() - 6;
    bytes[at] ^= 0x10;
    assert_eq!(err(&URL_SAFE_NO_PAD.encode(&bytes)), ShareError::Checksum);
    let mut bytes = URL_SAFE_NO_PAD.decode(&result).unwrap();
    bytes.push(0);
    assert_eq!(
        err(&URL_SAFE_NO_PAD.encode(&bytes)),
        ShareError::Invalid("trailing data")
    );

    // Tampered with a valid checksum.
    let mut w = Writer::default();
    let mut other = form.clone();
    other.choices.exam = "sap-c02".into();
    write_key(&mut w, &other);
    w.u32(0);
    w.str("");
    w.varint(0);
    w.varint(0);
    w.byte(0);
    w.varint(0);
    assert_eq!(
        err(&seal(KIND_RESULT, &w.bytes)),
        ShareError::UnknownExam("sap-c02".into())
    );
    let mut huge = form.clone();
    huge.choices.question_count = Some(100_000);
    let mut w = Writer::default();
    write_key(&mut w, &huge);
    w.varint(0);
    w.u32(0);
    assert!(matches!(
        open_exam(bank, &seal(KIND_EXAM, &w.bytes)).unwrap_err(),
        ShareError::CannotAssemble(AssembleError::NotEnoughQuestions { .. })
    ));
    let answers_for = |count: u64, bits: &[u8]| {
        let bits = bits.to_vec();
        result_body(&form, move |w| {
            w.str("x");
            w.varint(10);
            w.varint(10);
            w.byte(0);
            w.varint(count);
            // Revision tags: 0, a question changed since (answers still checked).
            w.bytes.extend(vec![0; 2 * usize::try_from(count).unwrap()]);
            w.bytes.extend(bits);
        })
    };
    assert_eq!(
        err(&answers_for(70, &[0; 9])),
        ShareError::AnswerCount { link: 70, exam: 65 }
    );
    // 65 unanswered questions take 65 bits: 9 bytes, with 7 bits of padding.
    assert_eq!(
        open_result(bank, &answers_for(65, &[0; 9]))
            .unwrap()
            .answers,
        vec![None; 65]
    );
    assert_eq!(
        err(&answers_for(65, &[0; 10])),
        ShareError::Invalid("trailing data")
    );
    assert_eq!(
        err(&answers_for(65, &[0; 8])),
        ShareError::Invalid("answers end early")
    );
    let mut padded = [0_u8; 9];
    padded[8] = 1;
    assert_eq!(
        err(&answers_for(65, &padded[..])),
        ShareError::Invalid("padding")
    );
    // Answered, but nothing chosen (multiple response) or a slot past the last response.
    let impossible = |pick: fn(AnswerShape) -> Option<u64>| {
        let at = form
            .items
            .iter()
            .position(|i| pick(i.shape).is_some())
            .expect("a question of that shape");
        let mut bits = BitWriter::default();
        for (k, item) in form.items.iter().enumerate() {
            if k == at {
                bits.push(1, 1);
                let width = match item.shape {
                    AnswerShape::Slots { slots, responses } => {
                        bits_for(responses + 1) * u32::try_from(slots).unwrap()
                    }
                    shape => u32::try_from(shape.choice_count()).unwrap(),
                };
                bits.push(pick(item.shape).unwrap(), width);
            } else {
                write_answer(&mut bits, item.shape, None);
            }
        }
        (at + 1, err(&answers_for(65, &bits.finish())))
    };
    let (question, error) = impossible(|shape| match shape {
        AnswerShape::Multiple { .. } => Some(0),
        _ => None,
    });
    assert_eq!(error, ShareError::ImpossibleAnswer { question });
    let (question, error) = impossible(|shape| match shape {
        AnswerShape::Slots { responses, .. } if responses + 1 < 1 << bits_for(responses + 1) => {
            Some(u64::MAX)
        }
        _ => None,
    });
    assert_eq!(error, ShareError::ImpossibleAnswer { question });
    // A name with markup is fine (it is text); one with control characters is not.
    let name = result_body(&form, |w| {
        w.str("bad\u{0}name");
        w.varint(0);
        w.varint(0);
        w.byte(0);
        w.varint(65);
        w.bytes.extend([0; 9]);
    });
    assert_eq!(err(&name), ShareError::Invalid("display name"));
    let flags = result_body(&form, |w| {
        w.str("");
        w.varint(0);
        w.varint(0);
        w.byte(7);
    });
    assert_eq!(err(&flags), ShareError::Invalid("flags"));

    // Made with a bank whose exam differs: not scored against the wrong questions.
    let mut smaller = bank.clone();
    smaller.revision = "smaller".into();
    smaller.questions.truncate(300);
    assert_eq!(
        open_result(&smaller, &result).unwrap_err(),
        ShareError::DifferentQuestions {
            link_revision: bank.revision.clone()
        }
    );
    let mut renamed = bank.clone();
    renamed.revision = "renamed".into();
    assert_eq!(
        open_result(&renamed, &result).unwrap().other_revision,
        Some(bank.revision.clone())
    );
    // Every message reads as a sentence.
    for e in [
        ShareError::Checksum,
        ShareError::Truncated,
        ShareError::UnsupportedVersion(3),
    ] {
        assert!(e.to_string().len() > 10);
    }
}

#[test]
fn display_names_are_normalised() {
    assert_eq!(display_name("  Ann \n"), "Ann");
    assert_eq!(
        display_name(&"x".repeat(50)).chars().count(),
        MAX_NAME_CHARS
    );
    assert_eq!(display_name("a\u{202e}b"), "a\u{202e}b");
    assert_eq!(display_name(""), "");
}

#[test]
fn crc32_matches_the_standard_check_value() {
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
}

/// Valid links to mutate, one of each kind.
fn samples() -> &'static (String, String) {
    static SAMPLES: OnceLock<(String, String)> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let form = full_exam(12);
        let attempt = sitting(form.clone(), &[2, 1, 0, 3], false);
        (encode_exam(&form), encode_result(bank(), &attempt, "Mia"))
    })
}

fn never_panics(text: &str) {
    let _ = open_exam(bank(), text);
    let _ = open_result(bank(), text);
    let _ = open_exam(bank(), payload_of(text));
}

fn arbitrary_choices() -> impl Strategy<Value = ExamChoices> {
    (
        (
            "[a-z0-9-]{0,12}",
            0_u8..3,
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u32>()),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            proptest::collection::vec(any::<u8>(), 0..6),
            proptest::collection::vec("[0-9.]{1,4}", 0..4),
            0_u8..32,
            0_u8..3,
            proptest::collection::vec("\\PC{0,20}", 0..5),
            any::<u64>(),
        ),
    )
        .prop_map(
            |(
                (exam, mode, count, minutes, esl, shuffle),
                (domains, tasks, types, pool, ids, seed),
            )| {
                let ids: Vec<String> = ids
                    .into_iter()
                    .enumerate()
                    .map(|(i, id)| {
                        if i % 2 == 0 {
                            format!("{exam}-{id}")
                        } else {
                            id
                        }
                    })
                    .collect();
                ExamChoices {
                    mode: [Mode::Exam, Mode::Practice, Mode::Custom][mode as usize],
                    question_count: count,
                    duration_minutes: minutes,
                    esl_extra: esl,
                    domains,
                    tasks,
                    types: QuestionType::ALL
                        .iter()
                        .enumerate()
                        .filter(|(bit, _)| types & (1 << bit) != 0)
                        .map(|(_, &t)| t)
                        .collect(),
                    pool: match pool {
                        0 => Pool::All,
                        1 => Pool::Only(ids),
                        _ => Pool::UnseenFirst(ids),
                    },
                    shuffle_options: shuffle,
                    seed,
                    exam,
                }
            },
        )
}

// Fuzzing the decoder: 4 properties × 10,000 cases = 40,000 inputs (with the round trips
// below, 40,512 cases in all).
proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        never_panics(&text);
    }

    #[test]
    fn arbitrary_bytes_as_a_link_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        never_panics(&URL_SAFE_NO_PAD.encode(&bytes));
        never_panics(&String::from_utf8_lossy(&bytes));
    }

    /// Arbitrary content in a valid envelope reaches every check behind the checksum.
    #[test]
    fn arbitrary_sealed_bodies_never_panic(
        kind in 0_u8..4,
        prefix in any::<bool>(),
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let body = if prefix {
            // A real exam key in front, so the rest is read as answers.
            let mut w = Writer::default();
            write_key(&mut w, &full_exam(3));
            w.bytes.extend(&body);
            w.bytes
        } else {
            body
        };
        never_panics(&seal(kind, &body));
    }

    /// Valid links with a byte changed, a cut, or a byte changed and resealed.
    #[test]
    fn damaged_valid_links_are_refused_or_still_valid(
        which in any::<bool>(),
        at in any::<usize>(),
        value in any::<u8>(),
        cut in 0_usize..8,
        reseal in any::<bool>(),
    ) {
        let (exam, result) = samples();
        let link = if which { exam } else { result };
        let mut bytes = URL_SAFE_NO_PAD.decode(link).unwrap();
        let at = at % bytes.len();
        let changed = bytes[at] != value;
        bytes[at] = value;
        if reseal {
            let body_end = bytes.len() - 4;
            let crc = crc32(&bytes[..body_end]);
            bytes[body_end..].copy_from_slice(&crc.to_le_bytes());
        }
        let n = bytes.len() - cut;
        let text = URL_SAFE_NO_PAD.encode(&bytes[..n]);
        never_panics(&text);
        if changed && !reseal {
            prop_assert!(open_exam(bank(), &text).is_err());
            prop_assert!(open_result(bank(), &text).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_choices_round_trip(choices in arbitrary_choices(), revision in "[0-9a-f]{0,16}") {
        let form = ExamForm {
            exam: choices.exam.clone(),
            bank_revision: revision.clone(),
            choices: choices.clone(),
            items: vec![],
            quotas: vec![],
            duration_ms: None,
        };
        let link = parse_exam(&encode_exam(&form)).unwrap();
        prop_assert_eq!(link.choices, choices);
        prop_assert_eq!(link.revision, revision);
    }

    #[test]
    fn any_sitting_round_trips(
        seed in any::<u64>(),
        count in 1_u32..40,
        pattern in proptest::collection::vec(0_u8..4, 1..8),
        name in "\\PC{0,60}",
    ) {
        let bank = bank();
        let form = assemble(bank, &ExamChoices::practice(&bank.blueprints[0], count, seed)).unwrap();
        let attempt = sitting(form, &pattern, false);
        let opened = open_result(bank, &encode_result(bank, &attempt, &name)).unwrap();
        prop_assert_eq!(&opened.answers, &attempt.answers);
        prop_assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
        prop_assert_eq!(opened.result.scaled, attempt.result.scaled);
        prop_assert_eq!(opened.name, display_name(&name));
    }
}
