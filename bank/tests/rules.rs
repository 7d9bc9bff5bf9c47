//! One failing fixture per validation rule, each asserting the exact diagnostics
//! (`file:line: message`) that the valid fixture bank produces after one edit.

mod common;

use common::{edit, errors_after, errors_with};

const BP: &str = "blueprints/demo-c01.toml";
const MC: &str = "demo-c01/d1/q0001.toml";
const MR: &str = "demo-c01/d1/q0002.toml";
const ORD: &str = "demo-c01/d2/q0001.toml";
const MAT: &str = "demo-c01/d2/q0002.toml";
const CS: &str = "case-studies/cs-01.toml";
const CS_PATH: &str = "demo-c01/case-studies/cs-01.toml";

macro_rules! rule {
    ($name:ident, $file:expr, |$s:ident| $edit:expr, [$($expected:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = errors_after($file, |$s: String| $edit);
            let expected: Vec<&str> = vec![$($expected),*];
            assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));
        }
    };
}

#[test]
fn the_fixture_bank_is_valid() {
    assert_eq!(errors_with(|_| {}), Vec::<String>::new());
}

// --- TOML and fields -------------------------------------------------------------------------

rule!(
    toml_syntax_error,
    MC,
    |s| edit(&s, "difficulty = \"easy\"", "difficulty = easy"),
    [
        "questions/demo-c01/d1/q0001.toml:3: invalid TOML: string values must be quoted, expected literal string",
    ]
);
rule!(
    unknown_field,
    MC,
    |s| edit(
        &s,
        "difficulty = \"easy\"\n",
        "difficulty = \"easy\"\ncolour = \"red\"\n"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:4: unknown field `colour`, expected one of `id`, `exams`, `services`, `difficulty`, `type`, `references`, `stem`, `explanation`, `options`, `responses`, `prompts`, `edition`",
    ]
);
rule!(
    unknown_field_in_option,
    MC,
    |s| edit(&s, "correct = true\n", "correct = true\nkey = true\n"),
    [
        "questions/demo-c01/d1/q0001.toml:34: unknown field `key`, expected one of `id`, `correct`, `en`, `ja`, `why`",
    ]
);
rule!(
    missing_field,
    MC,
    |s| edit(&s, "task = \"1.1\"\n", ""),
    ["questions/demo-c01/d1/q0001.toml:7: missing field `task`",]
);
rule!(
    wrong_value_type,
    MC,
    |s| edit(&s, "domain = 1", "domain = \"one\""),
    ["questions/demo-c01/d1/q0001.toml:8: invalid type: string \"one\", expected i64",]
);

// --- ids -----------------------------------------------------------------------------------------

rule!(
    duplicate_question_id,
    "demo-c01/d2/q0001.toml",
    |s| edit(&s, "demo-c01-d2-0001", "demo-c01-d1-0001"),
    [
        "questions/demo-c01/d2/q0001.toml:1: duplicate question id `demo-c01-d1-0001` (first in questions/demo-c01/d1/q0001.toml:1)",
    ]
);
rule!(
    id_shape,
    MC,
    |s| edit(&s, "demo-c01-d1-0001", "Demo_1"),
    [
        "questions/demo-c01/d1/q0001.toml:1: question id `Demo_1` must be lower-case letters, digits and `-`",
    ]
);

#[test]
fn duplicate_case_study_id() {
    let got = errors_with(|files| {
        let (path, text) = files
            .iter()
            .find(|(p, _)| p.ends_with(CS))
            .cloned()
            .expect("case study fixture");
        let copy = text.replace("cs-01-q", "cs-02-q");
        files.push((path.with_file_name("cs-02.toml"), copy));
    });
    let expected = vec![
        "questions/demo-c01/case-studies/cs-02.toml:1: duplicate case-study id `demo-c01-cs-01` (first in questions/demo-c01/case-studies/cs-01.toml:1)",
    ];
    assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));
}

// --- exams, domain, task, services, difficulty, type ---------------------------------------------

rule!(
    domain_not_in_blueprint,
    MC,
    |s| edit(&s, "domain = 1", "domain = 3"),
    ["questions/demo-c01/d1/q0001.toml:8: domain 3 is not in demo-c01 (it has domains 1–2)",]
);
rule!(
    exams_missing,
    MC,
    |s| edit(
        &s,
        "[exams.demo-c01]\ndomain = 1\ntask = \"1.1\"\nskills = [\"1.1.1\"]\n",
        ""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:1: missing `[exams.<code>]`: say which exam(s) the question belongs to, with its domain, task and skills in each",
    ]
);
rule!(
    exam_unknown,
    MC,
    |s| edit(
        &s,
        "[stem]",
        "[exams.nope-c01]\ndomain = 1\ntask = \"1.1\"\nskills = [\"1.1.1\"]\n\n[stem]"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:12: unknown exam `nope-c01`: no blueprints/nope-c01.toml (known: demo-c01)",
    ]
);
rule!(
    skill_unknown,
    MC,
    |s| edit(&s, "skills = [\"1.1.1\"]", "skills = [\"1.1.9\"]"),
    [
        "questions/demo-c01/d1/q0001.toml:10: unknown skill `1.1.9`: not a skill of demo-c01 (task 1.1: 1.1.1)",
    ]
);
rule!(
    skill_of_another_task,
    MC,
    |s| edit(&s, "skills = [\"1.1.1\"]", "skills = [\"1.2.1\"]"),
    ["questions/demo-c01/d1/q0001.toml:10: skill `1.2.1` belongs to task 1.2, not task 1.1",]
);
rule!(
    skills_empty,
    MC,
    |s| edit(&s, "skills = [\"1.1.1\"]", "skills = []"),
    [
        "questions/demo-c01/d1/q0001.toml:10: `skills` is empty: name the guide skill(s) the question tests",
    ]
);
rule!(
    blueprint_skill_id_of_another_task,
    BP,
    |s| edit(&s, "{ id = \"2.1.2\",", "{ id = \"2.2.2\","),
    [
        "questions/blueprints/demo-c01.toml:41: skill id `2.2.2` must look like `2.1.1` (its task, a dot, a number)",
    ]
);
rule!(
    blueprint_offered_backwards,
    BP,
    |s| edit(
        &s,
        "[title]",
        "[[offered]]\nlanguages = [\"en\"]\nfrom = \"2027-01-14\"\nuntil = \"2026-09-28\"\n\n[title]"
    ),
    [
        "questions/blueprints/demo-c01.toml:15: offered from 2027-01-14 until 2026-09-28: `from` is after `until`",
    ]
);
rule!(
    blueprint_offered_not_a_day,
    BP,
    |s| edit(
        &s,
        "[title]",
        "[[offered]]\nlanguages = [\"ja\"]\nuntil = \"2027-02-30\"\n\n[title]"
    ),
    ["questions/blueprints/demo-c01.toml:17: `2027-02-30` is not a day written YYYY-MM-DD",]
);
rule!(
    blueprint_replaces_unknown_exam,
    BP,
    |s| format!(
        "{s}\n[replaces]\nexam = \"old-c00\"\nsource_url = \"https://docs.aws.amazon.com/x.html\"\nskills = []\n"
    ),
    [
        "questions/blueprints/demo-c01.toml:45: `replaces.exam` names `old-c00`, which is not a blueprint",
    ]
);
rule!(
    domain_not_a_number,
    MC,
    |s| edit(&s, "domain = 1", "domain = -1"),
    ["questions/demo-c01/d1/q0001.toml:8: `domain` must be a domain number, found -1",]
);
rule!(
    task_not_in_blueprint,
    MC,
    |s| edit(&s, "task = \"1.1\"", "task = \"1.9\""),
    ["questions/demo-c01/d1/q0001.toml:9: task `1.9` is not a task statement of demo-c01",]
);
rule!(
    task_in_another_domain,
    MC,
    |s| edit(&s, "task = \"1.1\"", "task = \"2.1\""),
    ["questions/demo-c01/d1/q0001.toml:9: task `2.1` belongs to domain 2, not domain 1",]
);
rule!(
    service_unknown_with_suggestion,
    MC,
    |s| edit(&s, "\"AWS Glue\"]", "\"Glue\"]"),
    [
        "questions/demo-c01/d1/q0001.toml:2: service `Glue` is not in demo-c01's service list (did you mean `AWS Glue`?)",
    ]
);
rule!(
    service_unknown,
    MC,
    |s| edit(&s, "\"AWS Glue\"]", "\"Amazon Route 53\"]"),
    [
        "questions/demo-c01/d1/q0001.toml:2: service `Amazon Route 53` is not in demo-c01's service list",
    ]
);
rule!(
    service_twice,
    MC,
    |s| edit(&s, "\"AWS Glue\"]", "\"Amazon S3\"]"),
    ["questions/demo-c01/d1/q0001.toml:2: service `Amazon S3` is listed twice",]
);
rule!(
    difficulty_unknown,
    MC,
    |s| edit(&s, "difficulty = \"easy\"", "difficulty = \"extreme\""),
    [
        "questions/demo-c01/d1/q0001.toml:3: difficulty must be easy, medium or hard, found `extreme`",
    ]
);
rule!(
    type_unknown,
    MC,
    |s| edit(&s, "type = \"multiple-choice\"", "type = \"true-false\""),
    [
        "questions/demo-c01/d1/q0001.toml:4: unknown type `true-false`; expected multiple-choice, multiple-response, ordering, matching or case-study",
    ]
);
rule!(
    type_not_in_blueprint,
    BP,
    |s| edit(&s, "\"ordering\", ", ""),
    [
        "questions/demo-c01/case-studies/cs-01.toml:67: question 2: demo-c01 has no ordering questions (its `question_types`)",
        "questions/demo-c01/d2/q0001.toml:4: demo-c01 has no ordering questions (its `question_types`)",
    ]
);

// --- multiple choice and multiple response -------------------------------------------------------

rule!(
    mc_three_options,
    MC,
    |s| s
        .split("\n[[options]]\nid = 4\nen = \"Copy")
        .next()
        .unwrap_or_default()
        .to_owned(),
    ["questions/demo-c01/d1/q0001.toml:4: multiple-choice needs exactly 4 options, found 3",]
);
rule!(
    mc_five_options,
    MC,
    |s| format!(
        "{s}\n[[options]]\nid = 5\nen = \"Fifth\"\nja = \"五番目\"\nwhy.en = \"No.\"\nwhy.ja = \"いいえ。\"\n"
    ),
    ["questions/demo-c01/d1/q0001.toml:53: multiple-choice needs exactly 4 options, found 5",]
);
rule!(
    mc_two_correct,
    MC,
    |s| edit(
        &s,
        "id = 3\nen = \"Train",
        "id = 3\ncorrect = true\nen = \"Train"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:39: multiple-choice needs exactly 1 correct option, found 2",
    ]
);
rule!(
    mc_no_correct,
    MC,
    |s| edit(&s, "correct = true\n", ""),
    ["questions/demo-c01/d1/q0001.toml:4: multiple-choice needs exactly 1 correct option, found 0",]
);
rule!(
    mc_distractor_without_why,
    MC,
    |s| edit(
        &s,
        "why.en = \"A model does not catalog data.\"\nwhy.ja = \"モデルはデータをカタログ化しません。\"\n",
        ""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:39: option 3 is a distractor and needs `why.en` and `why.ja`",
    ]
);
rule!(
    mc_needs_options,
    MC,
    |s| s
        .split("\n[[options]]")
        .next()
        .unwrap_or_default()
        .to_owned(),
    ["questions/demo-c01/d1/q0001.toml:4: multiple-choice needs `[[options]]`",]
);
rule!(
    mc_takes_no_responses,
    MC,
    |s| format!("{s}\n[[responses]]\nen = \"x\"\nja = \"x\"\n"),
    ["questions/demo-c01/d1/q0001.toml:53: multiple-choice questions take no `[[responses]]`",]
);
rule!(
    mr_four_options,
    MR,
    |s| s
        .split("\n[[options]]\nid = 5\nen = \"Turn on")
        .next()
        .unwrap_or_default()
        .to_owned(),
    ["questions/demo-c01/d1/q0002.toml:4: multiple-response needs 5 or more options, found 4",]
);
rule!(
    mr_one_correct,
    MR,
    |s| edit(&s, "correct = true\nen = \"Apply", "en = \"Apply"),
    [
        "questions/demo-c01/d1/q0002.toml:4: multiple-response needs 2 or more correct options, found 1",
    ]
);
rule!(
    mr_all_correct,
    MR,
    |s| (1..=5).fold(s, |s, k| {
        s.replace(
            &format!("id = {k}\nen"),
            &format!("id = {k}\ncorrect = true\nen"),
        )
    }),
    [
        "questions/demo-c01/d1/q0002.toml:4: multiple-response needs at least one incorrect option; all 5 are correct",
    ]
);

// --- ordering ------------------------------------------------------------------------------------

rule!(
    ordering_two_steps,
    ORD,
    |s| edit(&s, "step = 3\n", ""),
    [
        "questions/demo-c01/d2/q0001.toml:4: ordering needs 3–5 steps, found 2",
        "questions/demo-c01/d2/q0001.toml:20: response 1 belongs in no step and needs `why.en` and `why.ja`",
    ]
);
rule!(
    ordering_six_steps,
    ORD,
    |s| format!(
        "{s}\n[[responses]]\nid = 5\nstep = 4\nen = \"a\"\nja = \"あ\"\n\n[[responses]]\nid = 6\nstep = 5\nen = \"b\"\nja = \"い\"\n\n[[responses]]\nid = 7\nstep = 6\nen = \"c\"\nja = \"う\"\n"
    ),
    ["questions/demo-c01/d2/q0001.toml:61: ordering needs 3–5 steps, found 6",]
);
rule!(
    ordering_gap,
    ORD,
    |s| edit(&s, "step = 3", "step = 4"),
    [
        "questions/demo-c01/d2/q0001.toml:4: steps must be numbered 1..3 without gaps: step 3 is missing",
        "questions/demo-c01/d2/q0001.toml:22: response 1: step 4 is outside 1..3 (steps are numbered 1..N)",
    ]
);
rule!(
    ordering_repeat,
    ORD,
    |s| edit(&s, "step = 3", "step = 2"),
    [
        "questions/demo-c01/d2/q0001.toml:4: steps must be numbered 1..3 without gaps: step 3 is missing",
        "questions/demo-c01/d2/q0001.toml:41: step 2 is used twice (responses 1 and 4)",
    ]
);
rule!(
    ordering_distractor_without_why,
    ORD,
    |s| edit(
        &s,
        "why.en = \"Not needed to deploy.\"\nwhy.ja = \"デプロイには不要です。\"\n",
        ""
    ),
    [
        "questions/demo-c01/d2/q0001.toml:26: response 2 belongs in no step and needs `why.en` and `why.ja`",
    ]
);
rule!(
    ordering_takes_no_options,
    ORD,
    |s| format!("{s}\n[[options]]\nen = \"x\"\nja = \"x\"\n"),
    ["questions/demo-c01/d2/q0001.toml:47: ordering questions take no `[[options]]`",]
);

// --- matching ------------------------------------------------------------------------------------

rule!(
    matching_two_prompts,
    MAT,
    |s| {
        let s = edit(
            &s,
            "[[prompts]]\nen = \"Steady, low-latency traffic\"\nja = \"安定した低レイテンシーのトラフィック\"\nmatch = 1\n\n",
            "",
        );
        edit(
            &s,
            "[[prompts]]\nen = \"Large payloads that take minutes\"\nja = \"処理に数分かかる大きなペイロード\"\nmatch = 2\n\n",
            "",
        )
    },
    ["questions/demo-c01/d2/q0002.toml:4: matching needs 3–7 prompts, found 2",]
);
rule!(
    matching_eight_prompts,
    MAT,
    |s| {
        let extra: String = (5..=8)
            .map(|i| {
                format!("\n[[prompts]]\nen = \"Prompt {i}\"\nja = \"プロンプト {i}\"\nmatch = 2\n")
            })
            .collect();
        format!("{s}{extra}")
    },
    ["questions/demo-c01/d2/q0002.toml:79: matching needs 3–7 prompts, found 8",]
);
rule!(
    matching_match_out_of_range,
    MAT,
    |s| edit(&s, "match = 3", "match = 5"),
    [
        "questions/demo-c01/d2/q0002.toml:33: prompt 3: `match = 5` is not a response id (the responses have ids 1..4)",
        "questions/demo-c01/d2/q0002.toml:52: response 3 is matched by no prompt and needs `why.en` and `why.ja`",
    ]
);
rule!(
    matching_match_zero,
    MAT,
    |s| edit(&s, "match = 3", "match = 0"),
    [
        "questions/demo-c01/d2/q0002.toml:33: prompt 3: `match = 0` is not a response id (the responses have ids 1..4)",
        "questions/demo-c01/d2/q0002.toml:52: response 3 is matched by no prompt and needs `why.en` and `why.ja`",
    ]
);
rule!(
    matching_prompt_without_match,
    MAT,
    |s| edit(&s, "match = 3\n", ""),
    [
        "questions/demo-c01/d2/q0002.toml:30: prompt 3: missing field `match`",
        "questions/demo-c01/d2/q0002.toml:51: response 3 is matched by no prompt and needs `why.en` and `why.ja`",
    ]
);
rule!(
    matching_one_response,
    MAT,
    |s| {
        let head = s.split("\n[[responses]]").next().unwrap_or_default();
        let head = head
            .replace("match = 2", "match = 1")
            .replace("match = 3", "match = 1");
        format!(
            "{head}\n[[responses]]\nid = 1\nen = \"Real-time inference\"\nja = \"リアルタイム推論\"\n"
        )
    },
    ["questions/demo-c01/d2/q0002.toml:40: matching needs 2 or more responses, found 1",]
);
rule!(
    matching_unmatched_response_without_why,
    MAT,
    |s| edit(&s, "match = 2", "match = 1"),
    []
);
rule!(
    matching_response_with_step,
    MAT,
    |s| edit(&s, "id = 3\nen = \"Batch", "id = 3\nstep = 1\nen = \"Batch"),
    [
        "questions/demo-c01/d2/q0002.toml:54: response 3: `step` is for ordering questions; matching uses `match` on prompts",
    ]
);
rule!(
    matching_takes_no_options,
    MAT,
    |s| format!("{s}\n[[options]]\nen = \"x\"\nja = \"x\"\n"),
    ["questions/demo-c01/d2/q0002.toml:64: matching questions take no `[[options]]`",]
);

// --- case studies --------------------------------------------------------------------------------

rule!(
    case_study_one_question,
    CS_PATH,
    |s| s
        .split("\n[[questions]]\nid = \"demo-c01-cs-01-q2\"")
        .next()
        .unwrap_or_default()
        .to_owned(),
    [
        "questions/demo-c01/case-studies/cs-01.toml:20: a case study needs 2 or more questions, found 1",
    ]
);
rule!(
    case_study_missing_title,
    CS_PATH,
    |s| edit(
        &s,
        "[title]\nen = \"A retailer's forecasts\"\nja = \"小売企業の需要予測\"\n",
        ""
    ),
    ["questions/demo-c01/case-studies/cs-01.toml:1: missing field `title`",]
);
rule!(
    case_study_question_of_type_case_study,
    CS_PATH,
    |s| edit(&s, "type = \"ordering\"", "type = \"case-study\""),
    [
        "questions/demo-c01/case-studies/cs-01.toml:67: question 2: a case-study question's `type` is its answer format (multiple-choice, multiple-response, ordering or matching)",
    ]
);
rule!(
    case_study_question_checked_on_its_own,
    CS_PATH,
    |s| edit(&s, "task = \"2.1\"", "task = \"1.2\""),
    [
        "questions/demo-c01/case-studies/cs-01.toml:76: question 2: task `1.2` belongs to domain 1, not domain 2",
    ]
);

// --- texts ---------------------------------------------------------------------------------------

rule!(
    text_language_missing,
    MC,
    |s| edit(
        &s,
        "ja = \"AWS Glue クローラーがスキーマを推測します。\"\n",
        ""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:20: `explanation.ja` is missing (every text needs `en` and `ja`)",
    ]
);
rule!(
    text_empty,
    MC,
    |s| edit(
        &s,
        "en = \"Use AWS Lambda to parse every file.\"",
        "en = \"  \""
    ),
    ["questions/demo-c01/d1/q0001.toml:26: option 1 `en` is empty",]
);
rule!(
    why_language_missing,
    MC,
    |s| edit(&s, "why.ja = \"独自コードは労力が大きくなります。\"\n", ""),
    [
        "questions/demo-c01/d1/q0001.toml:28: option 1 `why.ja` is missing (every text needs `en` and `ja`)",
    ]
);
rule!(
    option_text_repeated,
    MC,
    |s| edit(
        &s,
        "en = \"Copy the files to a second bucket.\"",
        "en = \"Use AWS Lambda to parse every file. \""
    ),
    ["questions/demo-c01/d1/q0001.toml:48: option 4 repeats the `en` text of option 1",]
);
rule!(
    response_text_repeated,
    ORD,
    |s| edit(
        &s,
        "ja = \"モデルを作成する。\"",
        "ja = \"エンドポイントを作成する。\""
    ),
    ["questions/demo-c01/d2/q0001.toml:37: response 3 repeats the `ja` text of response 1",]
);
rule!(
    prompt_text_repeated,
    MAT,
    |s| edit(
        &s,
        "en = \"Latency-sensitive traffic all day\"",
        "en = \"Steady, low-latency traffic\""
    ),
    ["questions/demo-c01/d2/q0002.toml:36: prompt 4 repeats the `en` text of prompt 1",]
);

// --- markdown ------------------------------------------------------------------------------------

rule!(
    markdown_raw_html,
    MC,
    |s| edit(
        &s,
        "A team stores CSV files",
        "A team <script>alert(1)</script> stores CSV files"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:14: `stem.en`: raw HTML is not allowed (`<script>`)",
        "questions/demo-c01/d1/q0001.toml:14: `stem.en`: raw HTML is not allowed (`</script>`)",
    ]
);
rule!(
    markdown_inline_html_in_option,
    MC,
    |s| edit(
        &s,
        "Use AWS Lambda to parse",
        "Use <img src=x onerror=alert(1)> to parse"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:26: option 1 `en`: raw HTML is not allowed (`<img src=x onerror=alert(1)>`)",
    ]
);
rule!(
    markdown_image,
    MR,
    |s| edit(
        &s,
        "- a Glue job",
        "- a Glue job ![diagram](https://docs.aws.amazon.com/x.png)"
    ),
    ["questions/demo-c01/d1/q0002.toml:20: `explanation.en`: images are not allowed",]
);
rule!(
    markdown_heading,
    MR,
    |s| edit(&s, "Two steps apply:", "# Two steps apply"),
    [
        "questions/demo-c01/d1/q0002.toml:18: `explanation.en`: headings are not allowed (a line starting with `#`)",
    ]
);
rule!(
    markdown_table,
    MR,
    |s| edit(
        &s,
        "Two steps apply:\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    ),
    ["questions/demo-c01/d1/q0002.toml:18: `explanation.en`: tables are not allowed",]
);
rule!(
    markdown_block_quote,
    MR,
    |s| edit(&s, "Two steps apply:", "> Two steps apply:"),
    [
        "questions/demo-c01/d1/q0002.toml:18: `explanation.en`: block quotes are not allowed (a line starting with `>`)",
    ]
);
rule!(
    markdown_rule,
    MR,
    |s| edit(&s, "Two steps apply:\n", "Two steps apply:\n\n---\n"),
    ["questions/demo-c01/d1/q0002.toml:20: `explanation.en`: horizontal rules are not allowed",]
);
rule!(
    markdown_javascript_link,
    MC,
    |s| edit(
        &s,
        "(https://docs.aws.amazon.com/glue/latest/dg/add-crawler.html)",
        "(javascript:alert(1))"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:21: `explanation.en`: links must be https URLs, found `javascript:alert(1)`",
    ]
);
rule!(
    markdown_http_link,
    MC,
    |s| edit(
        &s,
        "(https://docs.aws.amazon.com/glue/latest/dg/add-crawler.html)",
        "(http://example.com/)"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:21: `explanation.en`: links must be https URLs, found `http://example.com/`",
    ]
);
rule!(
    markdown_option_two_paragraphs,
    MC,
    |s| edit(
        &s,
        "en = \"Use AWS Lambda to parse every file.\"",
        "en = \"\"\"\nUse AWS Lambda.\n\nParse every file.\n\"\"\""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:29: option 1 `en`: must be a single paragraph (no blank lines)",
    ]
);
rule!(
    markdown_option_list,
    MC,
    |s| edit(
        &s,
        "en = \"Use AWS Lambda to parse every file.\"",
        "en = \"\"\"\n- Use AWS Lambda.\n- Parse every file.\n\"\"\""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:27: option 1 `en`: must be a single paragraph; a list is not allowed here",
    ]
);

// --- references ----------------------------------------------------------------------------------

rule!(
    references_missing,
    MC,
    |s| edit(
        &s,
        "references = [\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"]\n",
        ""
    ),
    ["questions/demo-c01/d1/q0001.toml:1: missing field `references`",]
);
rule!(
    references_empty,
    MC,
    |s| edit(
        &s,
        "references = [\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"]",
        "references = []"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:5: `references` needs at least one https://docs.aws.amazon.com/ URL",
    ]
);
rule!(
    reference_not_https,
    MC,
    |s| edit(
        &s,
        "\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"",
        "\"http://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:5: reference `http://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html` must be an https URL on docs.aws.amazon.com",
    ]
);
rule!(
    reference_other_host,
    MC,
    |s| edit(
        &s,
        "\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"",
        "\"https://aws.amazon.com/glue/\""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:5: reference `https://aws.amazon.com/glue/` must be an https URL on docs.aws.amazon.com",
    ]
);
rule!(
    reference_whitespace,
    MC,
    |s| edit(
        &s,
        "\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"",
        "\"https://docs.aws.amazon.com/glue/latest/dg/what is-glue.html\""
    ),
    [
        "questions/demo-c01/d1/q0001.toml:5: reference `https://docs.aws.amazon.com/glue/latest/dg/what is-glue.html` contains whitespace",
    ]
);
rule!(
    reference_twice,
    MC,
    |s| edit(
        &s,
        "references = [\"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\"]",
        "references = [\n  \"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\",\n  \"https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html\",\n]"
    ),
    [
        "questions/demo-c01/d1/q0001.toml:7: reference `https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html` is listed twice",
    ]
);

// --- blueprints ----------------------------------------------------------------------------------

rule!(
    blueprint_code_matches_file,
    BP,
    |s| edit(&s, "code = \"demo-c01\"", "code = \"demo-c02\""),
    [
        "questions/blueprints/demo-c01.toml:2: blueprint code `demo-c02` must match its file name `demo-c01.toml`",
    ]
);
rule!(
    blueprint_code_shape,
    BP,
    |s| edit(&s, "code = \"demo-c01\"", "code = \"Demo C01\""),
    [
        "questions/blueprints/demo-c01.toml:2: blueprint code `Demo C01` must be lower-case letters, digits and `-`",
    ]
);
rule!(
    blueprint_domains_numbered,
    BP,
    |s| edit(&s, "number = 2", "number = 3"),
    [
        "questions/blueprints/demo-c01.toml:34: domains must be numbered 1..N in order: domain 2 is numbered 3",
    ]
);
rule!(
    blueprint_weights_sum,
    BP,
    |s| edit(&s, "weight_percent = 40", "weight_percent = 30"),
    ["questions/blueprints/demo-c01.toml:19: domain weights must sum to 100, found 90",]
);
rule!(
    blueprint_task_prefix,
    BP,
    |s| edit(&s, "id = \"2.1\"", "id = \"1.3\""),
    [
        "questions/blueprints/demo-c01.toml:39: task `1.3` is in domain 2; its id must start with `2.`",
    ]
);
rule!(
    blueprint_task_shape,
    BP,
    |s| edit(&s, "id = \"2.1\"", "id = \"2-1\""),
    ["questions/blueprints/demo-c01.toml:39: task id `2-1` must look like `2.1`",]
);
rule!(
    blueprint_task_twice,
    BP,
    |s| edit(&s, "id = \"1.2\"", "id = \"1.1\""),
    ["questions/blueprints/demo-c01.toml:28: task `1.1` is listed twice (first at line 25)",]
);
rule!(
    blueprint_domain_without_tasks,
    BP,
    |s| edit(
        &s,
        "tasks = [\n  { id = \"2.1\", title.en = \"Deploy models\", title.ja = \"モデルをデプロイする\", skills = [\n    { id = \"2.1.1\", en = \"Choose an endpoint type\", ja = \"エンドポイントの種類を選ぶ\" },\n    { id = \"2.1.2\", en = \"Roll back a release\", ja = \"リリースをロールバックする\" },\n  ] },\n]",
        "tasks = []"
    ),
    ["questions/blueprints/demo-c01.toml:38: domain 2 has no tasks",]
);
rule!(
    blueprint_pass_mark_in_range,
    BP,
    |s| edit(&s, "pass_mark = 700", "pass_mark = 1200"),
    ["questions/blueprints/demo-c01.toml:11: pass_mark 1200 is outside the score range 100–1000",]
);
rule!(
    blueprint_score_range,
    BP,
    |s| edit(&s, "score_min = 100", "score_min = 1000"),
    [
        "questions/blueprints/demo-c01.toml:10: score range is empty: score_min 1000 is not below score_max 1000",
        "questions/blueprints/demo-c01.toml:11: pass_mark 700 is outside the score range 1000–1000",
    ]
);
rule!(
    blueprint_duration,
    BP,
    |s| edit(&s, "duration_minutes = 30", "duration_minutes = 0"),
    ["questions/blueprints/demo-c01.toml:5: `duration_minutes` must be at least 1",]
);
rule!(
    blueprint_source_url_https,
    BP,
    |s| edit(&s, "source_url = \"https:", "source_url = \"http:"),
    ["questions/blueprints/demo-c01.toml:4: `source_url` must be an https URL",]
);
rule!(
    blueprint_services_empty,
    BP,
    |s| edit(
        &s,
        "services = [\"Amazon SageMaker\", \"Amazon S3\", \"AWS Glue\", \"AWS Lambda\"]",
        "services = []"
    ),
    ["questions/blueprints/demo-c01.toml:13: `services` is empty",]
);
rule!(
    blueprint_service_twice,
    BP,
    |s| edit(&s, "\"AWS Lambda\"]", "\"AWS Glue\"]"),
    ["questions/blueprints/demo-c01.toml:13: service `AWS Glue` is listed twice",]
);
rule!(
    blueprint_question_type_unknown,
    BP,
    |s| edit(&s, "\"matching\",", "\"matching\", \"essay\","),
    [
        "questions/blueprints/demo-c01.toml:12: unknown question type `essay`; expected multiple-choice, multiple-response, ordering, matching or case-study",
    ]
);
rule!(
    blueprint_question_type_twice,
    BP,
    |s| edit(&s, "\"matching\",", "\"matching\", \"matching\","),
    ["questions/blueprints/demo-c01.toml:12: question type `matching` is listed twice",]
);
rule!(
    blueprint_title_language_missing,
    BP,
    |s| edit(&s, "ja = \"デモ認定\"\n", ""),
    [
        "questions/blueprints/demo-c01.toml:15: `title.ja` is missing (every text needs `en` and `ja`)",
    ]
);
rule!(
    blueprint_missing_field,
    BP,
    |s| edit(&s, "scored_questions = 8\n", ""),
    ["questions/blueprints/demo-c01.toml:1: missing field `scored_questions`",]
);

#[test]
fn every_error_in_one_run() {
    let got = errors_with(|files| {
        for (path, text) in files.iter_mut() {
            if path.ends_with(MC) {
                *text = edit(text, "difficulty = \"easy\"", "difficulty = \"extreme\"");
                *text = edit(text, "correct = true\n", "");
            } else if path.ends_with(ORD) {
                *text = edit(text, "step = 3", "step = 2");
            }
        }
    });
    let expected = vec![
        "questions/demo-c01/d1/q0001.toml:3: difficulty must be easy, medium or hard, found `extreme`",
        "questions/demo-c01/d1/q0001.toml:4: multiple-choice needs exactly 1 correct option, found 0",
        "questions/demo-c01/d2/q0001.toml:4: steps must be numbered 1..3 without gaps: step 3 is missing",
        "questions/demo-c01/d2/q0001.toml:41: step 2 is used twice (responses 1 and 4)",
    ];
    assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));
}

rule!(
    case_study_missing_scenario,
    CS_PATH,
    |s| {
        let (head, rest) = s.split_once("[scenario]").expect("fixture");
        let (_, tail) = rest.split_once("[[questions]]").expect("fixture");
        format!("{head}[[questions]]{tail}")
    },
    ["questions/demo-c01/case-studies/cs-01.toml:1: missing field `scenario`"]
);
rule!(
    case_study_type_not_in_blueprint,
    BP,
    |s| edit(&s, ", \"case-study\"]", "]"),
    [
        "questions/demo-c01/case-studies/cs-01.toml:2: demo-c01 has no case-study questions (its `question_types`)"
    ]
);
rule!(
    unknown_field_in_case_study_question,
    CS_PATH,
    |s| edit(
        &s,
        "difficulty = \"easy\"\n",
        "difficulty = \"easy\"\nexam = \"demo-c01\"\n"
    ),
    [
        "questions/demo-c01/case-studies/cs-01.toml:24: unknown field `exam`, expected one of `id`, `exams`, `services`, `difficulty`, `type`, `references`, `stem`, `explanation`, `options`, `responses`, `prompts`, `edition`"
    ]
);

#[test]
fn a_broken_blueprint_does_not_bury_its_questions_in_errors() {
    let got = errors_after(BP, |s| {
        edit(&s, "weight_percent = 40", "weight_percent = 30")
    });
    let expected =
        vec!["questions/blueprints/demo-c01.toml:19: domain weights must sum to 100, found 90"];
    assert_eq!(got, expected);
    let got = errors_after(BP, |s| edit(&s, "code = \"demo-c01\"", "code = demo"));
    assert_eq!(got.len(), 1, "{got:?}");
}

// --- option ids ----------------------------------------------------------------------------------

rule!(
    option_without_id,
    MC,
    |s| edit(&s, "id = 3\n", ""),
    [
        "questions/demo-c01/d1/q0001.toml:39: option 3: missing field `id` (a number from 1 to 4, each once; saved answers name options by id)",
    ]
);
rule!(
    option_id_twice,
    MC,
    |s| edit(&s, "id = 3\n", "id = 2\n"),
    ["questions/demo-c01/d1/q0001.toml:40: option 3: id 2 is already used by option 2",]
);
rule!(
    option_id_out_of_range,
    MC,
    |s| edit(&s, "id = 3\n", "id = 5\n"),
    [
        "questions/demo-c01/d1/q0001.toml:40: option 3: `id = 5` is outside 1..4 (ids are 1..N, each once)",
    ]
);
rule!(
    edition_is_a_whole_number,
    MC,
    |s| edit(
        &s,
        "difficulty = \"easy\"\n",
        "difficulty = \"easy\"\nedition = -1\n"
    ),
    ["questions/demo-c01/d1/q0001.toml:4: `edition` must be a whole number from 0, found -1",]
);

#[test]
fn moving_an_option_in_the_file_keeps_its_id_and_what_answers_mean() {
    let bank_with = |change: fn(String) -> String| {
        let mut files = common::files();
        for (path, text) in &mut files {
            if path.ends_with(MC) {
                *text = change(std::mem::take(text));
            }
        }
        mogi_bank::compile_sources(&files).expect("a valid bank")
    };
    // The author moves the option with id 1 to the end of the file, keeping its id.
    let moved = bank_with(|text| {
        let start = text.find("[[options]]\nid = 1\n").unwrap();
        let end = start + text[start..].find("\n[[options]]").unwrap() + 1;
        let block = text[start..end].to_owned();
        format!("{}{}\n{}", &text[..start], &text[end..], block)
    });
    let original = bank_with(|text| text);
    let id = "demo-c01-d1-0001";
    let (before, after) = (original.question(id).unwrap(), moved.question(id).unwrap());
    assert!(before.file_order.is_empty(), "id order is the file order");
    assert_eq!(after.file_order, vec![1, 2, 3, 0]);
    assert_eq!(after.unshuffled_order(), vec![1, 2, 3, 0]);
    assert_eq!(after.content(), before.content(), "compiled in id order");
    assert_eq!(after.key, before.key);
    assert_eq!(
        after.revision(),
        before.revision(),
        "saved answers still fit"
    );
}
