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
    Menu => "Menu", "メニュー";
    LeavingKeepsTheClock => "The exam goes on while you are away: the time keeps running, and Start takes you back to it.", "試験画面を離れても試験は続き、残り時間も減り続けます。スタートから試験に戻れます。";
    NavHistory => "History", "履歴";
    LanguageSwitch => "日本語", "English";
    LanguageSwitchLabel => "Switch the language to Japanese", "表示言語を英語に切り替える";
    ChooseExam => "Exam", "試験";
    ReadinessTitle => "Readiness estimate", "合格準備度の推定";
    DueTitle => "Due for review", "復習の時期が来た問題";
    DueHow => "Questions you answer come back here when they are due: each is scheduled by FSRS, the spaced-repetition model Anki uses, from how your answers to it went.", "解答した問題は、復習の時期が来るとここに戻ってきます。時期は問題ごとに、その問題への解答の結果から FSRS (Anki が使う間隔反復のモデル) で決まります。";
    Retention => "Desired retention", "目標の記憶率";
    RetentionHint => "The chance you aim to still answer a question right when it comes back: higher means more reviews, sooner.", "問題が戻ってきたときに正解できる見込みの目標です。高くするほど、復習は早く、多くなります。";
    ReadinessShare => "Share right on a fresh exam, with its 90% range:", "初見の試験での正答率 (90% の範囲):";
    NoComparison => "This exam does not replace another.", "この試験は他の試験を置き換えるものではありません。";
    ChangesIntro => "Every skill of both exam guides and what became of it. Rows marked as AWS's come from AWS's comparison of the two guides; the others are our reading of the two skill lists.", "両方の試験ガイドのすべてのスキルと、その変化です。「AWS による」と記した行は AWS が公開している 2 つのガイドの比較に基づき、それ以外は 2 つのスキル一覧を私たちが読み比べたものです。";
    ChangesSource => "AWS's comparison page", "AWS の比較ページ";
    BasisAws => "From AWS's comparison", "AWS による";
    BasisOurs => "Our reading", "私たちの読み比べ";
    ChangeKept => "Kept", "変更なし";
    ChangeReworded => "Reworded", "表現の変更";
    ChangeMoved => "Moved", "移動";
    ChangeMerged => "Merged", "統合";
    ChangeSplit => "Split", "分割";
    ChangePromoted => "Now a skill (was a knowledge item)", "知識項目からスキルへ";
    ChangeAdded => "Added", "追加";
    ChangeRemoved => "Removed", "削除";
    OfferedNow => "Offered in your language", "日本語で受験できます";
    OfferedUntil => "Offered in your language until", "日本語での受験は次の日まで:";
    OfferedFrom => "In your language from", "日本語での受験開始:";
    OfferedEnded => "No longer offered in your language; last day", "日本語での受験は終了しました。最終日:";
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
    QuestionChangedDuringExam => "This question was updated after the exam started, so it is left out of the score. Your other answers are kept.", "この問題は試験の開始後に更新されたため、採点から除外されます。ほかの解答はそのまま保持されます。";
    QuestionRemovedDuringExam => "This question was removed from the question bank after the exam started, so it is left out of the score. Your other answers are kept.", "この問題は試験の開始後に問題集から削除されたため、採点から除外されます。ほかの解答はそのまま保持されます。";
    QuestionChangedSince => "This question has been updated since this attempt, so its review is not shown. The score of the attempt is kept as it was.", "この問題はこの受験の後に更新されたため、解説は表示されません。受験時のスコアはそのまま保持されます。";
    QuestionRemovedSince => "This question is no longer in the question bank.", "この問題は問題集から削除されました。";
    Retired => "retired", "提供終了";
    PractiseChanged => "Practise the updated questions", "更新された問題を練習";
    NoticeNoResult => "That result is not in this browser's history.", "その結果はこのブラウザの履歴にありません。";
    Dismiss => "Dismiss", "閉じる";
    UpdateReady => "A new version of Mogi is ready.", "Mogi の新しいバージョンを利用できます。";
    UpdateReload => "Reload to update", "再読み込みして更新";
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
    LoadingQuestions => "Loading the questions…", "問題を読み込んでいます…";
    QuestionsFailed => "The questions could not be loaded. Check the connection and try again; your answers and history are safe in this browser.", "問題を読み込めませんでした。接続を確認してもう一度お試しください。解答と履歴はこのブラウザーに保存されたままです。";
    TryAgain => "Try again", "再試行";
    ReportOpen => "Open a prefilled issue (new tab)", "入力済みの Issue を開く（新しいタブ）";
    // The exam-guide map.
    NavGuide => "Exam guide", "試験ガイド";
    GuideTitle => "The exam guide and where you stand", "試験ガイドとあなたの到達度";
    GuideIntro => "Each domain, task statement, skill and service of the exam guide, with how you did on its questions the last time you answered them (in any exam that shares them).", "試験ガイドの各分野・タスクステートメント・スキル・サービスと、その問題に前回どれだけ正解したか (同じ問題を含む他の試験での解答も含みます) を示します。";
    PractiseThis => "Practise this", "これを練習";
    Skills => "Skills in the exam guide", "試験ガイドのスキル";
    Services => "Services", "サービス";
    NoQuestionsYet => "No questions in the bank yet", "まだ問題がありません";
    RightLastTime => "right last time", "前回正解";
    LastPractised => "last practised", "最終練習";
    YourAnswers => "Every question, with the key and explanations", "全問題の正解と解説";
    ShowInOtherLanguage => "Show in English", "日本語で表示";
    NotEnoughQuestions => "The bank does not have enough questions for that choice.", "その条件に合う問題が足りません。";
    // Storage, history, study from history and backup.
    DownloadCorrupt => "Download the unreadable data", "読み込めなかったデータをダウンロード";
    NoticeElsewhere => "This exam is open in another tab. Nothing you do here is saved until you continue here (the other tab then stops).", "この試験は別のタブで開かれています。「このタブで続ける」を選ぶまで、このタブでの操作は保存されません（選ぶと別のタブは停止します）。";
    TakeOver => "Continue here", "このタブで続ける";
    NoticeImported => "Backup imported.", "バックアップを読み込みました。";
    NoticeImportForeign => "That file is not a Mogi backup, so nothing was imported and nothing changed.", "そのファイルは Mogi のバックアップではないため、読み込みませんでした。データは変更されていません。";
    NoticeImportTooNew => "That backup comes from a newer version of Mogi, so nothing was imported. Reload the page to update, then try again.", "そのバックアップは新しいバージョンの Mogi で作成されたため、読み込みませんでした。ページを再読み込みして更新してから、もう一度お試しください。";
    NoticeImportInvalid => "That backup is damaged or incomplete, so nothing was imported and nothing changed.", "そのバックアップは破損しているか不完全なため、読み込みませんでした。データは変更されていません。";
    NoticeExportFailed => "This browser could not create the file.", "このブラウザではファイルを作成できませんでした。";
    NoticeNothingToStudy => "Your history has nothing for that choice yet.", "その条件に当てはまる履歴はまだありません。";
    ScoreTrend => "Scaled score over time", "スケールスコアの推移";
    ScoreTrendDesc => "Each point is one attempt, oldest on the left; the dashed line is the pass mark.", "点は 1 回の受験を表し、左が最も古い受験です。破線は合格点です。";
    DomainTrends => "Each domain over time (% correct)", "分野ごとの推移（正答率 %）";
    StandingTitle => "Where you stand", "現在の到達度";
    StandingHint => "Per question as you last answered it: study the parts of the exam guide at the top of the service list and with the lowest share first.", "各問題の直近の解答で集計しています。サービス一覧の上位や正答率の低い項目から、試験ガイドの該当箇所を学習しましょう。";
    TaskStatement => "Task statement", "タスクステートメント";
    Service => "Service", "サービス";
    SeenInBank => "Seen / in bank", "解答済み / 問題数";
    RightLastAnswer => "Right (last answer)", "正解（直近の解答）";
    NotPractised => "not practised yet", "未練習";
    Backup => "Backup", "バックアップ";
    BackupHint => "Save your history to a file, or add the history from a file made in another browser. Attempts you already have are not added twice.", "履歴をファイルに保存したり、別のブラウザで作成したファイルから履歴を追加したりできます。既にある受験結果は重複して追加されません。";
    Export => "Export to a file", "ファイルに書き出す";
    Import => "Import a file", "ファイルから読み込む";
    StudyTitle => "Study from your history", "履歴から学習";
    StudyHint => "A practice set with an explanation after each question.", "1 問ごとに解説を確認できる練習セットです。";
    StudyWrong => "Questions you got wrong", "間違えた問題";
    StudyMarked => "Questions you marked", "マークした問題";
    StudyUnseen => "Unseen questions first", "未出題の問題を優先";
    StudyWeakestDomain => "Your weakest domain", "最も苦手な分野";
    StudyWeakestTask => "Your weakest task statement", "最も苦手なタスクステートメント";
    // Study groups: exam and result links, the group board.
    NavGroup => "Group", "グループ";
    ShareExam => "Share this exam", "この試験を共有";
    ShareExamHint => "Everyone who opens this link gets the same questions in the same order. The link holds everything; nothing is uploaded.", "このリンクを開いた人は全員、同じ問題を同じ順序で受験できます。内容はすべてリンクに含まれ、どこにもアップロードされません。";
    ShareResult => "Share my result", "自分の結果を共有";
    ShareResultHint => "The link holds your answers and the name you give; whoever opens it sees your score card. Nothing is uploaded.", "リンクにはあなたの解答と入力した名前が含まれ、開いた人はあなたのスコアカードを見られます。どこにもアップロードされません。";
    DisplayName => "Display name (optional)", "表示名（任意）";
    ShareLink => "Link to share", "共有するリンク";
    Copy => "Copy", "コピー";
    Copied => "Copied to the clipboard.", "クリップボードにコピーしました。";
    CopyFallback => "This browser did not allow copying. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.", "このブラウザではコピーできませんでした。リンクを選択してあるので、Ctrl+C（Mac では ⌘C）でコピーしてください。";
    SharedExamTitle => "A shared exam", "共有された試験";
    SharedExamIntro => "Start it to get the same questions in the same order as everyone else who opens this link.", "開始すると、このリンクを開いた全員と同じ問題を同じ順序で受験できます。";
    BankChangedSameExam => "This link was made with another revision of the question bank; the exam here still has the same questions in the same order.", "このリンクは別の版の問題集で作成されましたが、ここでの試験も同じ問題が同じ順序で出題されます。";
    BankChangedOtherExam => "This link was made with another revision of the question bank, so the exam here differs from the one its maker got. You can still take it.", "このリンクは別の版の問題集で作成されたため、ここでの試験は作成者の試験と異なります。このまま受験することもできます。";
    StartReplacesExam => "Starting this exam ends the one in progress without scoring it.", "この試験を開始すると、中断中の試験は採点されずに終了します。";
    StartSharedExam => "Start this exam", "この試験を開始";
    SharedResultTitle => "A shared result", "共有された結果";
    Anonymous => "Anonymous", "匿名";
    SharedResultNote => "Scored here from the answers in the link. Nothing is saved unless you choose to.", "リンク内の解答をもとにここで採点しました。選択しない限り何も保存されません。";
    OtherRevisionNote => "This result was made with another revision of the question bank; it is scored with this site's answer keys.", "この結果は別の版の問題集で作成されたため、このサイトの正解で採点しています。";
    AddToHistory => "Add to my history", "自分の履歴に追加";
    AddedToHistory => "This result is in your history.", "この結果は履歴に追加されています。";
    AddToGroup => "Add to the group board", "グループボードに追加";
    TakeThisExam => "Take this exam", "この試験を受ける";
    GroupTitle => "Group board", "グループボード";
    GroupIntro => "Paste result links from your study group to compare them. The board is kept in this browser only.", "勉強会のメンバーの結果リンクを貼り付けて比較できます。ボードはこのブラウザにのみ保存されます。";
    PasteLinks => "Result links (one or more)", "結果リンク（複数可）";
    AddLinks => "Add to the board", "ボードに追加";
    GroupEmpty => "No results on the board yet.", "ボードにはまだ結果がありません。";
    Member => "Member", "メンバー";
    Remove => "Remove", "削除";
    ClearBoard => "Clear the board", "ボードを空にする";
    QuestionsToDiscuss => "Questions to discuss first (fewest right first)", "優先して話し合う問題（正解者が少ない順）";
    QuestionLabel => "Question", "問題";
    RightCount => "Got it right", "正解者";
    BoardEntryUnreadable => "A result on the board can no longer be scored with this site's questions", "このサイトの問題では採点できなくなった結果がボードにあります";
    NoticeOnBoard => "That result is already on the board.", "その結果はすでにボードにあります。";
    NoticeLinkMalformed => "That is not a Mogi link. Nothing was saved.", "Mogi のリンクではありません。何も保存されていません。";
    NoticeLinkTruncated => "That link is cut off (perhaps by a chat app). Copy the whole link and try again. Nothing was saved.", "リンクが途中で切れています（チャットアプリで切れた可能性があります）。リンク全体をコピーしてやり直してください。何も保存されていません。";
    NoticeLinkTooLong => "That link is too long to be a Mogi link. Nothing was saved.", "Mogi のリンクとしては長すぎます。何も保存されていません。";
    NoticeLinkVersion => "That link was made by a different version of Mogi and cannot be read here. Nothing was saved.", "このリンクは別のバージョンの Mogi で作成されたため、ここでは読み込めません。何も保存されていません。";
    NoticeLinkNotResult => "That is an exam link, not a result link. Open it to take the exam. Nothing was saved.", "これは試験のリンクで、結果のリンクではありません。開くと試験を受けられます。何も保存されていません。";
    NoticeLinkNotExam => "That is a result link, not an exam link. Nothing was saved.", "これは結果のリンクで、試験のリンクではありません。何も保存されていません。";
    NoticeLinkTampered => "That link was changed or damaged, so it cannot be used. Nothing was saved.", "このリンクは改変または破損しているため使用できません。何も保存されていません。";
    NoticeLinkUnknownExam => "That link is for an exam this site does not have. Nothing was saved.", "このリンクはこのサイトにない試験のものです。何も保存されていません。";
    NoticeLinkCannotAssemble => "The exam in that link cannot be built from this site's questions. Nothing was saved.", "このリンクの試験は、このサイトの問題では作成できません。何も保存されていません。";
    NoticeLinkOtherBank => "That result was made with a question bank whose exam differs from this site's, so it cannot be scored here. Nothing was saved.", "この結果は、このサイトとは試験内容が異なる問題集で作成されたため、ここでは採点できません。何も保存されていません。";
}

/// "Question 3 of 65" / 「問題 3 / 65」.
/// How many questions an attempt left out of its score because they changed.
pub(crate) fn left_out(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En if n == 1 => "1 question was left out of the score: it was updated or removed after the exam started.".to_owned(),
        Lang::En => format!("{n} questions were left out of the score: they were updated or removed after the exam started."),
        Lang::Ja => format!("{n} 問は試験の開始後に更新または削除されたため、採点から除外されました。"),
    }
}

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

/// "Chance to pass: 41%".
pub(crate) fn pass_chance(lang: Lang, percent: u32) -> String {
    match lang {
        Lang::En => format!("Chance to pass: {percent}%"),
        Lang::Ja => format!("合格の可能性: {percent}%"),
    }
}

/// What the estimate rests on, in one sentence.
pub(crate) fn readiness_basis(lang: Lang, answers: u32) -> String {
    match lang {
        Lang::En => format!(
            "An estimate, not a promise: it uses your first answer to each of {answers} questions of this exam (answering a question again does not count), each domain weighted as the exam guide weights it, and the same score conversion as the results."
        ),
        Lang::Ja => format!(
            "これは推定であり、保証ではありません。この試験の {answers} 問それぞれへの最初の解答だけを使い (同じ問題への 2 回目以降の解答は数えません)、各分野を試験ガイドの配分で重み付けし、結果画面と同じスコア換算を使っています。"
        ),
    }
}

/// "3 questions are due today." / 「今日が復習の時期の問題: 3 問」.
pub(crate) fn due_today(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 question is due today.".to_owned(),
        Lang::En => format!("{n} questions are due today."),
        Lang::Ja => format!("今日が復習の時期の問題: {n} 問"),
    }
}

/// "Review 10".
pub(crate) fn review_n(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Review {n}"),
        Lang::Ja => format!("{n} 問を復習"),
    }
}

/// "Review all 34".
pub(crate) fn review_all(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "Review it".to_owned(),
        Lang::En => format!("Review all {n}"),
        Lang::Ja if n == 1 => "この 1 問を復習".to_owned(),
        Lang::Ja => format!("{n} 問すべてを復習"),
    }
}

/// "Nothing is due today; next on 12/12/2026: 4 questions."
pub(crate) fn next_due(lang: Lang, date: &str, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => format!("Nothing is due today; next on {date}: 1 question."),
        Lang::En => format!("Nothing is due today; next on {date}: {n} questions."),
        Lang::Ja => format!("今日が復習の時期の問題はありません。次回は {date} に {n} 問です。"),
    }
}

/// "What changed from MLA-C01 to MLA-C02".
pub(crate) fn what_changed_title(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::En => format!("What changed from {from} to {to}"),
        Lang::Ja => format!("{from} から {to} への変更点"),
    }
}

/// "12 questions".
pub(crate) fn question_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En if n == 1 => "1 question".to_owned(),
        Lang::En => format!("{n} questions"),
        Lang::Ja => format!("{n} 問"),
    }
}

/// "What changed from MLA-C01".
pub(crate) fn what_changed(lang: Lang, from: &str) -> String {
    match lang {
        Lang::En => format!("What changed from {from}"),
        Lang::Ja => format!("{from} からの変更点"),
    }
}

/// "3 of 12 questions seen" / 「12 問中 3 問に解答済み」.
pub(crate) fn seen_of(lang: Lang, seen: u32, in_bank: u32) -> String {
    match lang {
        Lang::En => format!("{seen} of {in_bank} questions seen"),
        Lang::Ja => format!("{in_bank} 問中 {seen} 問に解答済み"),
    }
}

/// "Imported 3 attempts; 2 were already here." / 「3 件の受験結果を読み込みました（2 件は既にありました）。」
pub(crate) fn imported(lang: Lang, added: usize, already: usize) -> String {
    match lang {
        Lang::En => {
            format!("Backup imported: {added} new attempts added; {already} were already here.")
        }
        Lang::Ja => format!(
            "バックアップを読み込みました。新しい受験結果 {added} 件を追加しました（{already} 件は既にありました）。"
        ),
    }
}

/// "3 of 65 questions differ" / 「65 問中 3 問が異なります」.
pub(crate) fn questions_differ(lang: Lang, changed: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{changed} of {total} questions differ from the link maker's exam."),
        Lang::Ja => format!("{total} 問中 {changed} 問が作成者の試験と異なります。"),
    }
}

/// "Question bank: link a1b2 · this site c3d4" / 「問題集の版: リンク a1b2・このサイト c3d4」.
pub(crate) fn revisions(lang: Lang, link: &str, here: &str) -> String {
    match lang {
        Lang::En => format!("Question bank revision: link {link} · this site {here}"),
        Lang::Ja => format!("問題集の版: リンク {link}・このサイト {here}"),
    }
}

/// "2 of 3" / 「3 人中 2 人」: members who got a question right.
pub(crate) fn members_right(lang: Lang, right: usize, members: usize) -> String {
    match lang {
        Lang::En => format!("{right} of {members}"),
        Lang::Ja => format!("{members} 人中 {right} 人"),
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
