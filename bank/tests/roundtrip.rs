//! The valid fixture bank compiles to the expected `Bank`: keys, orders, rendered HTML,
//! case-study links, and a revision that is stable and follows the content.

mod common;

use std::path::Path;

use mogi_core::bank::{Bank, Body, Difficulty, Placement, QuestionType, Text};

fn bank() -> Bank {
    mogi_bank::compile_sources(&common::files()).expect("the fixture bank is valid")
}

fn text(en: &str, ja: &str) -> Text {
    Text {
        en: en.into(),
        ja: ja.into(),
    }
}

#[test]
fn compile_dir_reads_every_toml_file() {
    let compiled = mogi_bank::compile_dir(&common::root()).expect("valid");
    assert_eq!(compiled.bank, bank());
    let root = common::root();
    let sources: Vec<_> = compiled
        .sources
        .iter()
        .map(|p| p.strip_prefix(&root).expect("under root").to_path_buf())
        .collect();
    let expected = [
        "blueprints/demo-c01.toml",
        "demo-c01/case-studies/cs-01.toml",
        "demo-c01/d1/q0001.toml",
        "demo-c01/d1/q0002.toml",
        "demo-c01/d2/q0001.toml",
        "demo-c01/d2/q0002.toml",
        "glossary/demo-c01/terms.toml",
    ];
    assert_eq!(sources, expected.map(Path::new));
}

#[test]
fn blueprint() {
    let bank = bank();
    assert_eq!(bank.blueprints.len(), 1);
    let bp = &bank.blueprints[0];
    assert_eq!(bp.code, "demo-c01");
    assert_eq!(bp.title, text("Demo Certification", "デモ認定"));
    assert_eq!(bp.total_questions(), 10);
    assert_eq!((bp.score_min, bp.score_max, bp.pass_mark), (100, 1000, 700));
    assert_eq!(bp.domains.len(), 2);
    assert_eq!(bp.domains[0].weight_percent, 60);
    assert_eq!(bp.domains[1].tasks[0].id, "2.1");
    assert_eq!(bp.domains[1].tasks[0].title.ja, "モデルをデプロイする");
    let skills: Vec<_> = bp.domains[1].tasks[0]
        .skills
        .iter()
        .map(|s| (s.id.as_str(), bank.skill_text("demo-c01", &s.id)))
        .collect();
    assert_eq!(
        skills,
        [
            (
                "2.1.1",
                Some(&text(
                    "Choose an endpoint type",
                    "エンドポイントの種類を選ぶ"
                ))
            ),
            (
                "2.1.2",
                Some(&text("Roll back a release", "リリースをロールバックする"))
            ),
        ]
    );
    assert_eq!(
        bp.services,
        ["Amazon SageMaker", "Amazon S3", "AWS Glue", "AWS Lambda"]
    );
    assert_eq!(bp.question_types, QuestionType::ALL);
}

#[test]
fn questions_in_path_order() {
    let ids: Vec<_> = bank().questions.iter().map(|q| q.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "demo-c01-cs-01-q1",
            "demo-c01-cs-01-q2",
            "demo-c01-d1-0001",
            "demo-c01-d1-0002",
            "demo-c01-d2-0001",
            "demo-c01-d2-0002",
        ]
    );
}

#[test]
fn multiple_choice() {
    let bank = bank();
    let q = bank.question("demo-c01-d1-0001").expect("present");
    assert_eq!(
        q.placements,
        [Placement {
            exam: "demo-c01".into(),
            domain: 1,
            task: "1.1".into(),
            skills: vec!["1.1.1".into()],
        }]
    );
    assert_eq!(q.services, ["Amazon S3", "AWS Glue"]);
    assert_eq!(q.difficulty, Difficulty::Easy);
    assert_eq!(q.case_study, None);
    assert_eq!(q.question_type(), QuestionType::MultipleChoice);
    assert_eq!(
        q.content().stem.en,
        "<p>A team stores CSV files in <strong>Amazon S3</strong>. Which service catalogs them with the <em>LEAST</em> effort?</p>"
    );
    assert_eq!(
        q.content().explanation.en,
        "<p>An AWS Glue crawler infers the schema. See <a href=\"https://docs.aws.amazon.com/glue/latest/dg/add-crawler.html\" target=\"_blank\" rel=\"noopener noreferrer\">the guide</a>.</p>"
    );
    assert_eq!(
        q.content().references,
        ["https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html"]
    );
    let Body::MultipleChoice { options } = &q.content().body else {
        panic!("multiple choice expected, got {:?}", q.content().body);
    };
    assert_eq!(options.len(), 4);
    let key: Vec<bool> = options.iter().map(|o| o.correct).collect();
    assert_eq!(key, [false, true, false, false]);
    assert_eq!(
        options[1].text,
        text(
            "Run an AWS Glue <code>crawler</code>.",
            "AWS Glue の <code>crawler</code> を実行する。"
        )
    );
    assert_eq!(
        options[1].why.en,
        "<p>Crawlers infer schemas &amp; create tables.</p>"
    );
    assert_eq!(q.content().body.correct_count(), 1);
}

#[test]
fn multiple_response() {
    let bank = bank();
    let q = bank.question("demo-c01-d1-0002").expect("present");
    let Body::MultipleResponse { options } = &q.content().body else {
        panic!("multiple response expected, got {:?}", q.content().body);
    };
    let key: Vec<bool> = options.iter().map(|o| o.correct).collect();
    assert_eq!(key, [true, false, true, false, false]);
    assert_eq!(q.content().body.correct_count(), 2);
    assert_eq!(options[0].why, Text::default(), "a key's `why` is optional");
    assert_eq!(
        q.content().explanation.en,
        "<p>Two steps apply:</p><ul><li>a Glue job</li><li>a DataBrew recipe</li></ul>"
    );
}

#[test]
fn ordering() {
    let bank = bank();
    let q = bank.question("demo-c01-d2-0001").expect("present");
    assert_eq!(q.difficulty, Difficulty::Hard);
    let Body::Ordering { responses, order } = &q.content().body else {
        panic!("ordering expected, got {:?}", q.content().body);
    };
    assert_eq!(
        order,
        &[2, 3, 0],
        "step 1 is response 3, step 2 response 4, step 3 response 1"
    );
    assert_eq!(responses.len(), 4);
    assert_eq!(responses[1].text.en, "Delete the training job.");
    assert_eq!(responses[1].why.ja, "<p>デプロイには不要です。</p>");
    assert_eq!(responses[0].why, Text::default());
}

#[test]
fn matching() {
    let bank = bank();
    let q = bank.question("demo-c01-d2-0002").expect("present");
    assert!(q.services.is_empty());
    let Body::Matching {
        prompts,
        responses,
        key,
    } = &q.content().body
    else {
        panic!("matching expected, got {:?}", q.content().body);
    };
    assert_eq!(
        key,
        &[0, 1, 2, 0],
        "1-based `match` becomes a 0-based index"
    );
    assert_eq!(
        prompts[1],
        text(
            "Large payloads that take minutes",
            "処理に数分かかる大きなペイロード"
        )
    );
    assert_eq!(responses.len(), 4);
    assert_eq!(
        responses[3].why.en,
        "<p>Training is not an inference option.</p>"
    );
}

#[test]
fn case_study() {
    let bank = bank();
    assert_eq!(bank.case_studies.len(), 1);
    let case = bank.case_study("demo-c01-cs-01").expect("present");
    assert_eq!(
        case.title,
        text("A retailer's forecasts", "小売企業の需要予測")
    );
    assert_eq!(
        bank.scenario(&case.id).expect("its scenario").en,
        "<p>A retailer keeps sales data in Amazon S3.</p><pre><code>s3://sales/2024/\n</code></pre>"
    );
    let questions: Vec<_> = bank
        .questions
        .iter()
        .filter(|q| q.case_study.is_some())
        .collect();
    assert_eq!(questions.len(), 2);
    for q in &questions {
        assert_eq!(q.case_study.as_deref(), Some("demo-c01-cs-01"));
        assert_eq!(q.exams().collect::<Vec<_>>(), ["demo-c01"]);
        assert_eq!(q.question_type(), QuestionType::CaseStudy);
    }
    assert_eq!(
        questions[0].content().body.question_type(),
        QuestionType::MultipleChoice
    );
    assert_eq!(
        questions[0].content().stem.ja,
        "<p>データはどこにありますか。</p>"
    );
    let Body::Ordering { order, .. } = &questions[1].content().body else {
        panic!("ordering expected");
    };
    assert_eq!(order, &[0, 1, 2]);
    assert_eq!(bank.questions_for("demo-c01").count(), 6);
}

#[test]
fn revision_is_stable_and_follows_content() {
    let first = bank();
    assert_eq!(first.revision.len(), 12);
    assert!(first.revision.bytes().all(|b| b.is_ascii_hexdigit()));
    let mut files = common::files();
    files.reverse();
    assert_eq!(
        mogi_bank::compile_sources(&files).expect("valid").revision,
        first.revision,
        "input order does not matter"
    );
    let mut files = common::files();
    let mc = files
        .iter_mut()
        .find(|(p, _)| p.ends_with("d1/q0001.toml"))
        .expect("fixture");
    mc.1 = common::edit(
        &mc.1,
        "Copying does not catalog anything.",
        "Copying catalogs nothing.",
    );
    let second = mogi_bank::compile_sources(&files).expect("valid");
    assert_ne!(second.revision, first.revision);
}

#[test]
fn bank_file_round_trip() {
    let bank = bank();
    let packed = mogi_core::pack::encode(&bank);
    let back = mogi_core::pack::open_index(&packed.index).expect("opens");
    mogi_core::pack::install_all_chunks(&back, &packed.all_chunks()).expect("fits");
    assert_eq!(back, bank);
    assert_eq!(back.glossary().len(), 5);
}

#[test]
fn diagnostic_display() {
    let d = mogi_bank::Diagnostic {
        file: "questions/mla-c01/d2/q0007.toml".into(),
        line: 14,
        message: "matching needs 3–7 prompts, found 8".into(),
    };
    assert_eq!(
        d.to_string(),
        "questions/mla-c01/d2/q0007.toml:14: matching needs 3–7 prompts, found 8"
    );
}

#[test]
fn compile_dir_names_files_from_the_repository() {
    let dir = std::env::temp_dir().join(format!("mogi-bank-test-{}", std::process::id()));
    let root = dir.join("questions");
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in common::files() {
        let target = dir.join(&path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(&target, text).expect("write");
    }
    std::fs::write(root.join("FORMAT.md"), "# not TOML, ignored").expect("write");
    std::fs::write(root.join("demo-c01/d1/q0009.toml"), b"id = \"\xff\"").expect("write");
    let errors: Vec<String> = mogi_bank::compile_dir(&root)
        .expect_err("one bad file")
        .iter()
        .map(ToString::to_string)
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        errors,
        ["questions/demo-c01/d1/q0009.toml:1: file is not valid UTF-8"]
    );
}

/// Every prefix of every fixture file compiles or fails with diagnostics, never a panic.
#[test]
fn truncated_files_never_panic() {
    let files = common::files();
    let blueprint = files[0].clone();
    assert!(blueprint.0.ends_with("blueprints/demo-c01.toml"));
    for (path, text) in &files {
        // Every 5th cut keeps this quick in debug builds while hitting every construct.
        for end in (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(5)
        {
            let cut = (path.clone(), text[..end].to_owned());
            let mutated = if *path == blueprint.0 {
                vec![cut]
            } else {
                vec![blueprint.clone(), cut]
            };
            if let Err(diagnostics) = mogi_bank::compile_sources(&mutated) {
                assert!(
                    diagnostics
                        .iter()
                        .all(|d| d.line >= 1 && !d.message.is_empty())
                );
            }
        }
    }
}
