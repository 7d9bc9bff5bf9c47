//! The interface's message catalogue: every user-visible string in English and Japanese.
//!
//! Each entry must give both languages or the macro does not match, and an entry no screen
//! uses is dead code, which `clippy -D warnings` rejects: the compiler checks the catalogue.

pub(crate) use mogi_core::bank::Lang;

macro_rules! catalogue {
    ($($key:ident => $en:literal, $ja:literal;)*) => {
        /// A key of the message catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Msg { $($key,)* }

        impl Msg {
            pub(crate) fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Self::$key, Lang::En) => $en, (Self::$key, Lang::Ja) => $ja,)*
                }
            }
        }

        #[cfg(test)]
        pub(crate) const ALL: &[Msg] = &[$(Msg::$key,)*];
    };
}

catalogue! {
    AppName => "Mogi", "Mogi 模擬試験";
    Tagline => "Timed AWS certification mock exams that run in your browser.", "ブラウザで動く、時間制限付きの AWS 認定模擬試験です。";
    NavStart => "Start", "スタート";
    NavHistory => "History", "履歴";
    LanguageSwitch => "日本語", "English";
    LanguageSwitchLabel => "Switch the language to Japanese", "表示言語を英語に切り替える";
    ChooseExam => "Exam", "試験";
    ChooseMode => "Mode", "モード";
    ModeExam => "Exam", "本番形式";
    ModeExamHint => "Full length and timed, results at the end.", "本番と同じ問題数と制限時間。結果は最後に表示されます。";
    ModePractice => "Practice", "練習";
    ModePracticeHint => "Check each answer and read the explanation as you go.", "1 問ごとに正誤と解説を確認できます。";
    ModeCustom => "Custom", "カスタム";
    ModeCustomHint => "Choose the number of questions and the time.", "問題数と制限時間を選べます。";
    QuestionCount => "Questions", "問題数";
    DurationMinutes => "Minutes (0 = untimed)", "制限時間（分、0 = 無制限）";
    EslExtra => "ESL +30 accommodation (30 extra minutes)", "ESL +30 の配慮（30 分延長）";
    Summary => "Summary", "概要";
    Untimed => "Untimed", "時間制限なし";
    PassMark => "Pass mark", "合格点";
    StartExam => "Start", "開始";
    ResumeExam => "Resume the exam in progress", "中断中の試験を再開";
    TimeRemaining => "Time remaining", "残り時間";
    MarkForReview => "Mark for review", "見直しのためにマーク";
    Marked => "Marked", "マーク済み";
    Previous => "Previous", "前へ";
    Next => "Next", "次へ";
    ReviewAll => "Review", "見直し";
    EndExam => "End exam", "試験を終了";
    EndExamConfirm => "End the exam now? You cannot change your answers afterwards.", "試験を終了しますか？終了後は解答を変更できません。";
    Cancel => "Cancel", "キャンセル";
    CheckAnswer => "Check answer", "解答を確認";
    Correct => "Correct", "正解";
    Incorrect => "Incorrect", "不正解";
    Unanswered => "Unanswered", "未解答";
    Answered => "Answered", "解答済み";
    Explanation => "Explanation", "解説";
    References => "References", "参考資料";
    NoticeTimeUp => "Time is up. The exam was submitted with the answers you gave.", "制限時間になりました。解答済みの内容で試験を提出しました。";
    Results => "Results", "結果";
    Pass => "PASS", "合格";
    Fail => "FAIL", "不合格";
    ScaledEstimate => "Scaled score (estimate)", "スケールスコア（推定）";
    ScaledEstimateNote => "AWS does not publish its scaling; this estimate maps 70% correct to the pass mark.", "AWS はスコアの換算方法を公開していません。この推定値は正答率 70% を合格点として換算しています。";
    RawScore => "Correct answers", "正答数";
    TimeUsed => "Time used", "所要時間";
    Domain => "Domain", "分野";
    Score => "Score", "得点";
    MeetsCompetencies => "Meets competencies", "十分な能力あり";
    NeedsImprovement => "Needs improvement", "要改善";
    YourAnswer => "Your answer", "あなたの解答";
    KeyAnswer => "Correct answer", "正解";
    HistoryTitle => "Your attempts", "受験履歴";
    HistoryEmpty => "No finished exams yet.", "まだ終了した試験はありません。";
    Open => "Open", "開く";
    Date => "Date", "日時";
    NoticeStorageUnavailable => "This browser does not allow saving. Your results will not be kept after you close the page.", "このブラウザでは保存できません。ページを閉じると結果は失われます。";
    NoticeStorageFull => "Storage is full, so the latest change could not be saved. Earlier results are kept.", "保存領域がいっぱいのため、最新の変更を保存できませんでした。以前の結果は残っています。";
    NoticeCorrupt => "Some saved data could not be read and was set aside. The app continues without it.", "保存データの一部を読み込めなかったため、別に保管しました。そのデータなしで続行します。";
    NoticeUnknownRoute => "That page does not exist; here is the start page.", "そのページは存在しないため、スタートページを表示しています。";
    NoticeNoResult => "That result is not in this browser's history.", "その結果はこのブラウザの履歴にありません。";
    Dismiss => "Dismiss", "閉じる";
    Step => "Step", "ステップ";
    SelectPlaceholder => "— select —", "— 選択してください —";
    CaseStudy => "Case study", "ケーススタディ";
    // Exam screen: shortcuts, navigator, review filters.
    Shortcuts => "Keyboard shortcuts", "キーボードショートカット";
    ShortcutOption => "Choose the option at that position", "その位置の選択肢を選ぶ";
    ShortcutTime => "Say the time remaining", "残り時間を読み上げる";
    Close => "Close", "閉じる";
    Navigator => "Questions", "問題一覧";
    Filter => "Show", "表示";
    All => "All", "すべて";
    // Start screen: custom exams.
    Domains => "Domains", "分野";
    QuestionTypes => "Question types", "問題形式";
    EmptyMeansAll => "None ticked means all.", "何も選ばない場合はすべてが対象です。";
    TypeMultipleChoice => "Multiple choice", "多肢選択";
    TypeMultipleResponse => "Multiple response", "複数選択";
    TypeOrdering => "Ordering", "並べ替え";
    TypeMatching => "Matching", "内容一致";
    TypeCaseStudy => "Case study", "ケーススタディ";
    // Glossary.
    NavGlossary => "Glossary", "用語集";
    GlossaryTitle => "Glossary", "用語集";
    GlossaryIntro => "Every in-scope service and the terms the exam guide names, with when each is the right answer.", "出題範囲のすべてのサービスと試験ガイドに出てくる用語を、どんなときに正解になるかとあわせて説明します。";
    GlossaryNone => "No entry matches.", "一致する用語はありません。";
    Search => "Search", "検索";
    KindService => "Service", "サービス";
    KindFeature => "Feature", "機能";
    KindConcept => "Concept", "概念";
    TaskStatements => "Task statements", "タスクステートメント";
    OnTheExam => "On the exam", "試験では";
    ConfusedWith => "Often confused with", "混同しやすいもの";
    AwsDocs => "AWS documentation", "AWS ドキュメント";
    // Reporting a problem with a question.
    ReportProblem => "Report a problem with this question", "この問題の不具合を報告する";
    ReportNote => "What is wrong? (optional)", "どこが問題ですか（任意）";
    ReportOpen => "Open a prefilled issue (new tab)", "入力済みの Issue を開く（新しいタブ）";
    YourAnswers => "Every question, with the key and explanations", "全問題の正解と解説";
    ShowInOtherLanguage => "Show in English", "日本語で表示";
    NotEnoughQuestions => "The bank does not have enough questions for that choice.", "その条件に合う問題が足りません。";
}

/// "Question 3 of 65" / 「問題 3 / 65」.
pub(crate) fn question_k_of_n(lang: Lang, k: usize, n: usize) -> String {
    match lang {
        Lang::En => format!("Question {k} of {n}"),
        Lang::Ja => format!("問題 {k} / {n}"),
    }
}

/// "Choose TWO." / 「（2つ選択してください。）」
pub(crate) fn choose_n(lang: Lang, n: usize) -> String {
    const WORDS: [&str; 8] = [
        "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN",
    ];
    match lang {
        Lang::En => format!("(Choose {}.)", WORDS.get(n).copied().unwrap_or("ALL")),
        Lang::Ja => format!("（{n}つ選択してください。）"),
    }
}

/// "1 of 2 selected" / 「2 個中 1 個選択中」.
pub(crate) fn selected_of(lang: Lang, chosen: usize, wanted: usize) -> String {
    match lang {
        Lang::En => format!("{chosen} of {wanted} selected"),
        Lang::Ja => format!("{wanted} 個中 {chosen} 個選択中"),
    }
}

/// "2 unanswered, 3 marked" / 「未解答 2 問、マーク 3 問」.
pub(crate) fn unanswered_and_marked(lang: Lang, unanswered: usize, marked: usize) -> String {
    match lang {
        Lang::En => format!("{unanswered} unanswered, {marked} marked for review."),
        Lang::Ja => format!("未解答 {unanswered} 問、見直しマーク {marked} 問です。"),
    }
}

/// "12 questions · 25 minutes".
pub(crate) fn questions_and_minutes(lang: Lang, questions: u32, minutes: Option<u32>) -> String {
    match (lang, minutes) {
        (Lang::En, Some(m)) => format!("{questions} questions · {m} minutes"),
        (Lang::En, None) => format!("{questions} questions · untimed"),
        (Lang::Ja, Some(m)) => format!("{questions} 問・{m} 分"),
        (Lang::Ja, None) => format!("{questions} 問・時間制限なし"),
    }
}

/// `h:mm:ss`, the way the real exam shows time left.
pub(crate) fn clock(ms: u64) -> String {
    let seconds = ms.div_ceil(1000);
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_text_in_both_languages() {
        for msg in ALL {
            for lang in [Lang::En, Lang::Ja] {
                assert!(
                    !msg.text(lang).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn clock_shows_hours_minutes_seconds_rounding_up() {
        assert_eq!(clock(130 * 60 * 1000), "2:10:00");
        assert_eq!(clock(129 * 60 * 1000 + 59_001), "2:10:00");
        assert_eq!(clock(299_000), "0:04:59");
        assert_eq!(clock(1), "0:00:01");
        assert_eq!(clock(0), "0:00:00");
    }

    #[test]
    fn choose_n_names_the_count() {
        assert_eq!(choose_n(Lang::En, 2), "(Choose TWO.)");
        assert_eq!(choose_n(Lang::Ja, 3), "（3つ選択してください。）");
    }
}
