//! Storage: resuming after a reload, faults (corrupt or full storage), two tabs, backups.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlInputElement};

fn now_ms() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

#[wasm_bindgen_test]
async fn a_reload_mid_exam_resumes_the_same_questions_answers_marks_and_deadline() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    start_custom(&root, "3", "30").await;
    let first = find(&root, "question").get_attribute("data-question-id");
    let answered = exists(&root, "option-0");
    if answered {
        click(&root, "option-0").await;
    }
    click(&root, "flag").await;
    click(&root, "next").await;
    // Written after the next paint.
    wait_until("the move to question 2 is saved", || {
        stored_now("mogi.exam").is_some_and(|exam| exam["current"] == 1)
    })
    .await;
    let before = stored("mogi.exam");

    let root = remount_after(|| ()).await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 2 of 3",
        "same question"
    );
    let after = stored("mogi.exam");
    assert_eq!(after["deadline_ms"], before["deadline_ms"], "same deadline");
    assert_eq!(after["form"], before["form"], "same questions and order");
    let timer = find(&root, "timer").text_content().unwrap();
    assert!(
        timer.starts_with("0:29") || timer.starts_with("0:30"),
        "{timer}"
    );
    click(&root, "previous").await;
    assert_eq!(
        find(&root, "question").get_attribute("data-question-id"),
        first
    );
    assert_eq!(
        find(&root, "flag").get_attribute("aria-pressed").unwrap(),
        "true",
        "the mark survived"
    );
    if answered {
        let option: HtmlInputElement = find(&root, "option-0").dyn_into().unwrap();
        assert!(option.checked(), "the answer survived");
    }
    assert!(notices(&root).is_empty(), "{}", notices(&root));
}

#[wasm_bindgen_test]
async fn an_exam_whose_deadline_passed_while_closed_is_submitted_with_its_answers() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    start_custom(&root, "2", "5").await;
    click(&root, "flag").await;
    let root = remount_after(|| {
        // The page stays closed for an hour.
        let mut exam = stored("mogi.exam");
        let hour = 3_600_000_u64;
        for field in ["started_at_ms", "deadline_ms"] {
            exam[field] = (exam[field].as_u64().unwrap() - hour).into();
        }
        let text = serde_json::json!({ "version": 2, "data": exam }).to_string();
        storage().set_item(&key("mogi.exam"), &text).unwrap();
    })
    .await;
    assert!(exists(&root, "raw"), "the results are shown");
    assert!(notices(&root).contains("Time is up"), "{}", notices(&root));
    assert!(storage().get_item(&key("mogi.exam")).unwrap().is_none());
    let history = stored("mogi.history");
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["result"]["submit_reason"], "time-up");
    assert_eq!(
        history[0]["flags"][0], true,
        "submitted with what was saved"
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_exam_in_progress_is_set_aside_and_the_app_starts() {
    let root = mount(&[
        ("mogi.lang", r#"{"version":2,"data":"en"}"#),
        ("mogi.exam", r#"{"version":2,"data":{"form":42}}"#),
    ])
    .await;
    assert!(notices(&root).contains("could not be read"));
    assert_eq!(
        storage()
            .get_item(&key("mogi.corrupt.mogi.exam"))
            .unwrap()
            .unwrap(),
        r#"{"version":2,"data":{"form":42}}"#
    );
    assert!(exists(&root, "download-corrupt"));
    assert!(!exists(&root, "resume"), "no broken exam to resume");
    start_custom(&root, "1", "0").await;
    assert!(exists(&root, "position"), "a new exam starts");
}

/// Fills localStorage until it refuses more; returns the keys written.
fn fill_storage() -> Vec<String> {
    let mut keys = Vec::new();
    let mut chunk = 1 << 20;
    while chunk >= 16 {
        let key = format!("fill.{}", keys.len());
        if storage().set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys.push(key);
        } else {
            chunk /= 2;
        }
    }
    keys
}

#[wasm_bindgen_test]
async fn when_storage_is_full_the_user_is_told_and_stored_attempts_are_kept() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    end_unanswered_exam(&root, "1").await;
    let history_before = storage().get_item(&key("mogi.history")).unwrap().unwrap();

    let filled = fill_storage();
    assert!(!filled.is_empty());
    go("#/").await;
    end_unanswered_exam(&root, "2").await;
    let shown = notices(&root);
    for key in &filled {
        storage().remove_item(key).unwrap();
    }
    assert!(shown.contains("Storage is full"), "{shown}");
    assert!(exists(&root, "raw"), "the result is still shown");
    assert_eq!(
        storage().get_item(&key("mogi.history")).unwrap().unwrap(),
        history_before,
        "the attempt already stored is intact"
    );
}

/// Chooses a file with `text` in the import input and waits for it to be read.
async fn import_text(root: &Element, text: &str) {
    let before = notices(root);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, "backup.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, "import-file").dyn_into().unwrap();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    // Reading the file takes a moment (longer on a busy machine).
    wait_until("said something new about the file", || {
        notices(root) != before
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_foreign_or_damaged_backup_is_rejected_and_nothing_changes() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    end_unanswered_exam(&root, "1").await;
    go("#/history").await;
    let before = storage().get_item(&key("mogi.history")).unwrap().unwrap();
    for (text, says) in [
        ("this is not json", "not a Mogi backup"),
        (
            r#"{"name": "some other app", "items": []}"#,
            "not a Mogi backup",
        ),
        (
            r#"{"app": "mogi", "kind": "backup", "version": 2, "data": {"history": [{"id": "x"}]}}"#,
            "damaged",
        ),
        (
            r#"{"app": "mogi", "kind": "backup", "version": 99, "data": {}}"#,
            "newer version",
        ),
    ] {
        import_text(&root, text).await;
        let shown = notices(&root);
        assert!(shown.contains(says), "{text}: {shown}");
        assert_eq!(
            storage().get_item(&key("mogi.history")).unwrap().unwrap(),
            before,
            "nothing changed"
        );
        assert_eq!(
            root.query_selector_all("[data-testid='history-row']")
                .unwrap()
                .length(),
            1
        );
        while exists(&root, "notice") {
            click(&root, "dismiss").await;
        }
    }
}

#[wasm_bindgen_test]
async fn a_backup_imports_in_another_browser_without_duplicates() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    end_unanswered_exam(&root, "1").await;
    let history: Vec<mogi_core::history::Attempt> =
        serde_json::from_value(stored("mogi.history")).unwrap();
    let backup = mogi_core::backup::export(
        &mogi_core::backup::BackupData {
            history,
            ..Default::default()
        },
        now_ms(),
    );
    // "Another browser": empty storage.
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    go("#/history").await;
    assert!(exists(&root, "history-empty"));
    import_text(&root, &backup).await;
    assert!(
        notices(&root).contains("1 new attempts added"),
        "{}",
        notices(&root)
    );
    assert_eq!(stored("mogi.history").as_array().unwrap().len(), 1);
    import_text(&root, &backup).await;
    assert!(
        notices(&root).contains("0 new attempts added"),
        "{}",
        notices(&root)
    );
    assert_eq!(
        stored("mogi.history").as_array().unwrap().len(),
        1,
        "no duplicate"
    );
    assert_eq!(
        root.query_selector_all("[data-testid='history-row']")
            .unwrap()
            .length(),
        1
    );
    assert!(exists(&root, "trend"), "the trend chart is drawn");
    assert!(exists(&root, "trend-pass"), "with the pass line");
    assert!(exists(&root, "standing-tasks"));
    click(&root, "history-open").await;
    wait_for(&root, "raw").await;
    assert!(exists(&root, "raw"), "a past result opens in full");
}

#[wasm_bindgen_test]
async fn a_second_tab_sees_the_exam_in_progress_elsewhere_and_takes_over_explicitly() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    start_custom(&root, "2", "0").await;
    // This page is now the second tab: another, live tab holds the exam.
    let foreign_lock = || {
        serde_json::json!({ "version": 2, "data": { "tab": "other-tab", "heartbeat_ms": now_ms() } })
            .to_string()
    };
    let lock = foreign_lock();
    let root = remount_after(move || storage().set_item(&key("mogi.lock"), &lock).unwrap()).await;
    assert!(
        notices(&root).contains("open in another tab"),
        "{}",
        notices(&root)
    );
    let saved = storage().get_item(&key("mogi.exam")).unwrap().unwrap();
    click(&root, "flag").await;
    assert_eq!(
        storage().get_item(&key("mogi.exam")).unwrap().unwrap(),
        saved,
        "nothing is overwritten"
    );
    assert_eq!(stored("mogi.lock")["tab"], "other-tab");

    click(&root, "take-over").await;
    assert_ne!(
        stored("mogi.lock")["tab"],
        "other-tab",
        "this tab holds it now"
    );
    assert!(!notices(&root).contains("open in another tab"));
    click(&root, "flag").await;
    wait_until("saved the mark: changes are saved again", || {
        stored_now("mogi.exam").is_some_and(|exam| exam["flags"][0] == true)
    })
    .await;

    // Another Mogi site on this origin (another directory) has a lock of its own: its
    // storage event is not this site's and changes nothing.
    let other_site = format!("/elsewhere{}", key("mogi.lock"));
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&other_site));
    init.set_new_value(Some(&foreign_lock()));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    settle().await;
    assert!(!notices(&root).contains("open in another tab"));

    // The other tab takes it back: a storage event tells this one.
    let lock = foreign_lock();
    storage().set_item(&key("mogi.lock"), &lock).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&key("mogi.lock")));
    init.set_new_value(Some(&lock));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    settle().await;
    assert!(
        notices(&root).contains("open in another tab"),
        "{}",
        notices(&root)
    );
    click(&root, "flag").await;
    assert_eq!(stored("mogi.exam")["flags"][0], true, "not overwritten");
}

#[wasm_bindgen_test]
async fn data_stored_without_a_site_moves_under_this_sites_keys() {
    let root = mount(&[
        ("mogi.lang", r#"{"version":2,"data":"ja"}"#),
        ("mogi.corrupt.mogi.exam", "{kept"),
    ])
    .await;
    assert_eq!(find(&root, "start").text_content().unwrap(), "開始");
    assert_eq!(storage().get_item("mogi.lang").unwrap(), None, "moved");
    assert_eq!(stored("mogi.lang"), "ja");
    assert_eq!(storage().get_item("mogi.corrupt.mogi.exam").unwrap(), None);
    assert_eq!(
        storage()
            .get_item(&key("mogi.corrupt.mogi.exam"))
            .unwrap()
            .as_deref(),
        Some("{kept")
    );
}
