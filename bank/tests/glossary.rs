//! The glossary: the fixture glossary compiles, every rule has a failing fixture with its
//! exact message, and question text links to entries by id.

mod common;

use common::{edit, errors_after, errors_with, files};

const GL: &str = "glossary/demo-c01/terms.toml";
const MC: &str = "demo-c01/d1/q0001.toml";

fn compiled() -> mogi_core::bank::Bank {
    mogi_bank::compile_sources(&files()).expect("the fixture bank is valid")
}

#[test]
fn the_fixture_glossary_compiles_with_rendered_texts() {
    let bank = compiled();
    assert_eq!(bank.glossary().len(), 5);
    let sagemaker = bank.glossary_term("sagemaker").expect("an entry");
    assert_eq!(sagemaker.kind, mogi_core::bank::TermKind::Service);
    assert_eq!(sagemaker.service.as_deref(), Some("Amazon SageMaker"));
    assert_eq!(sagemaker.term.ja, "Amazon SageMaker");
    assert_eq!(
        sagemaker.on_the_exam.en,
        "<p>The default for <em>custom</em> models.</p>"
    );
    assert_eq!(sagemaker.confused_with, ["glue"]);
    let drift = bank.glossary_term("data-drift").expect("a concept");
    assert_eq!(drift.service, None);
    assert_eq!(drift.term.ja, "データドリフト");
}

#[test]
fn question_text_links_to_a_term() {
    let mut all = files();
    let question = all
        .iter_mut()
        .find(|(p, _)| p.ends_with(MC))
        .expect("the fixture");
    question.1 = edit(
        &question.1,
        "ja = \"AWS Glue クローラーがスキーマを推測します。\"",
        "ja = \"[AWS Glue](glossary:glue) クローラーがスキーマを推測します。\"",
    );
    let bank = mogi_bank::compile_sources(&all).expect("a valid link");
    let q = bank.question("demo-c01-d1-0001").expect("the question");
    assert_eq!(
        q.content().explanation.ja,
        "<p><a class=\"term\" href=\"#/glossary/glue\">AWS Glue</a> クローラーがスキーマを推測します。</p>"
    );
}

#[test]
fn a_link_to_an_unknown_term_is_an_error() {
    let got = errors_after(MC, |s| {
        edit(
            &s,
            "ja = \"AWS Glue クローラーがスキーマを推測します。\"",
            "ja = \"[AWS Glue](glossary:glu) クローラーがスキーマを推測します。\"",
        )
    });
    assert_eq!(
        got,
        [
            "questions/demo-c01/d1/q0001.toml:22: `explanation.ja`: `glossary:glu` names no glossary entry"
        ]
    );
}

macro_rules! rule {
    ($name:ident, |$s:ident| $edit:expr, [$($expected:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = errors_after(GL, |$s: String| $edit);
            let expected: Vec<&str> = vec![$($expected),*];
            assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));
        }
    };
}

rule!(
    kind_must_be_known,
    |s| edit(&s, "kind = \"concept\"", "kind = \"idea\""),
    [
        "questions/glossary/demo-c01/terms.toml:57: kind must be service, feature or concept, found `idea`"
    ]
);
rule!(
    service_must_be_in_the_blueprint,
    |s| edit(&s, "service = \"AWS Lambda\"", "service = \"AWS Lambada\""),
    [
        "questions/glossary/demo-c01:1: no glossary has a `service` entry for `AWS Lambda`",
        "questions/glossary/demo-c01/terms.toml:46: service `AWS Lambada` is not in demo-c01's service list",
    ]
);
rule!(
    every_service_needs_an_entry,
    |s| edit(
        &s,
        "kind = \"service\"\nservice = \"AWS Lambda\"",
        "kind = \"feature\"\nservice = \"AWS Lambda\""
    ),
    ["questions/glossary/demo-c01:1: no glossary has a `service` entry for `AWS Lambda`"]
);
rule!(
    a_service_entry_needs_its_service,
    |s| edit(&s, "service = \"Amazon S3\"\n", ""),
    [
        "questions/glossary/demo-c01:1: no glossary has a `service` entry for `Amazon S3`",
        "questions/glossary/demo-c01/terms.toml:16: a service or feature entry needs `service` (a name from the blueprint's list)",
    ]
);
rule!(
    ids_are_unique,
    |s| edit(&s, "id = \"lambda\"", "id = \"s3\""),
    [
        "questions/glossary/demo-c01/terms.toml:43: duplicate term id `s3` (first in questions/glossary/demo-c01/terms.toml:16)"
    ]
);
rule!(
    ids_are_slugs,
    |s| edit(&s, "id = \"lambda\"", "id = \"Lambda\""),
    [
        "questions/glossary/demo-c01/terms.toml:44: term id `Lambda` must be lower-case letters, digits and `-`"
    ]
);
rule!(
    confused_with_names_an_entry,
    |s| edit(
        &s,
        "confused_with = [\"glue\"]",
        "confused_with = [\"gleu\"]"
    ),
    [
        "questions/glossary/demo-c01/terms.toml:2: `confused_with` names `gleu`, which is not a glossary entry"
    ]
);
rule!(
    tasks_are_the_blueprints,
    |s| edit(&s, "tasks = [\"1.1\"]", "tasks = [\"1.9\"]"),
    ["questions/glossary/demo-c01/terms.toml:20: task `1.9` is not a task statement of demo-c01"]
);
rule!(
    texts_need_both_languages,
    |s| edit(&s, "definition.ja = \"オブジェクトストレージです。\"\n", ""),
    [
        "questions/glossary/demo-c01/terms.toml:23: `definition.ja` is missing (every text needs `en` and `ja`)"
    ]
);
rule!(
    references_are_aws_docs,
    |s| edit(
        &s,
        "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
        "https://example.com/lambda"
    ),
    [
        "questions/glossary/demo-c01/terms.toml:53: reference `https://example.com/lambda` must be an https URL on docs.aws.amazon.com"
    ]
);
rule!(
    raw_html_is_refused,
    |s| edit(
        &s,
        "Functions without servers.",
        "Functions <b>without</b> servers."
    ),
    [
        "questions/glossary/demo-c01/terms.toml:49: `definition.en`: raw HTML is not allowed (`<b>`)",
        "questions/glossary/demo-c01/terms.toml:49: `definition.en`: raw HTML is not allowed (`</b>`)",
    ]
);

#[test]
fn a_glossary_for_an_unknown_exam_is_an_error() {
    let got = errors_with(|files| {
        let entry = files
            .iter()
            .find(|(p, _)| p.ends_with(GL))
            .expect("fixture")
            .clone();
        files.push((
            std::path::PathBuf::from("questions/glossary/nope-c01/terms.toml"),
            entry.1,
        ));
    });
    assert_eq!(
        got,
        [
            "questions/glossary/nope-c01/terms.toml:1: glossary folder `nope-c01` names no blueprint (no blueprints/nope-c01.toml)"
        ]
    );
}
