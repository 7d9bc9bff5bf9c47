//! Study groups: exam and result links, the group board.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlInputElement};

fn input_value(root: &Element, testid: &str) -> String {
    find(root, testid)
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value()
}

/// Every stored key and value, to show that something wrote nothing.
fn storage_snapshot() -> Vec<(String, String)> {
    let s = storage();
    let mut all: Vec<(String, String)> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap_or_default();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

#[wasm_bindgen_test]
async fn bad_share_links_show_a_notice_and_write_nothing() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    click(&root, "mode-custom").await;
    type_into(&root, "question-count", "2").await;
    click(&root, "share-new-exam").await;
    let link = input_value(&root, "exam-share-link");
    let payload = link.split("#/take/").nth(1).unwrap().to_owned();
    assert!(
        exists(&root, "start-shared"),
        "the landing page of the link"
    );
    let mid = payload.len() / 2;
    let swapped = if &payload[mid..=mid] == "A" { "B" } else { "A" };
    let tampered = format!("{}{swapped}{}", &payload[..mid], &payload[mid + 1..]);
    let before = storage_snapshot();
    for (hash, says) in [
        ("#/take/<b>hello</b>".to_owned(), "not a Mogi link"),
        ("#/take/AAAAAAAA".to_owned(), "not a Mogi link"),
        (
            format!("#/take/{}", &payload[..payload.len() - 3]),
            "cut off",
        ),
        (format!("#/take/{tampered}"), "changed or damaged"),
        (
            format!("#/result/{payload}"),
            "exam link, not a result link",
        ),
        (format!("#/take/{}", "A".repeat(20_000)), "too long"),
    ] {
        go("#/").await;
        go(&hash).await;
        assert!(
            notices(&root).contains(says),
            "{hash:.40}: {}",
            notices(&root)
        );
        assert!(!exists(&root, "start-shared"), "{hash:.40}");
    }
    assert_eq!(storage_snapshot(), before, "nothing was written");
    go(&format!("#/take/{payload}")).await;
    assert!(exists(&root, "start-shared"), "the good link still opens");
}

#[wasm_bindgen_test]
async fn a_shared_result_shows_its_name_as_text_and_joins_the_group_board() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    end_unanswered_exam(&root, "2").await;
    assert_eq!(find(&root, "raw").text_content().unwrap(), "0 / 2");

    click(&root, "share-result").await;
    let name = "<img src=x onerror=alert(1)>Aiko";
    type_into(&root, "share-name", name).await;
    let link = input_value(&root, "result-share-link");
    assert!(link.contains("#/result/"), "{link}");
    assert!(link.len() < 400, "{} characters", link.len());

    // No clipboard API: the link is selected for the user to copy.
    let navigator: wasm_bindgen::JsValue = web_sys::window().unwrap().navigator().into();
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(
        &descriptor,
        &"value".into(),
        &wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Reflect::define_property(
        navigator.unchecked_ref::<js_sys::Object>(),
        &"clipboard".into(),
        &descriptor,
    )
    .unwrap();
    click(&root, "result-share-copy").await;
    js_sys::Reflect::delete_property(
        navigator.unchecked_ref::<js_sys::Object>(),
        &"clipboard".into(),
    )
    .unwrap();
    assert!(
        find(&root, "result-share-status")
            .text_content()
            .unwrap()
            .contains("did not allow copying")
    );
    assert_eq!(
        document().active_element().unwrap().id(),
        "result-share-link",
        "the link is selected"
    );

    let history_before = storage().get_item(&key("mogi.history")).unwrap();
    go(&format!(
        "#/result/{}",
        link.split("#/result/").nth(1).unwrap()
    ))
    .await;
    assert_eq!(find(&root, "shared-name").text_content().unwrap(), name);
    assert!(
        root.query_selector("[data-testid='shared-name'] img")
            .unwrap()
            .is_none(),
        "markup in a name stays text"
    );
    assert_eq!(find(&root, "shared-raw").text_content().unwrap(), "0 / 2");
    assert!(
        exists(&root, "in-history"),
        "it is this browser's own attempt"
    );
    assert_eq!(
        storage().get_item(&key("mogi.history")).unwrap(),
        history_before
    );
    assert!(storage().get_item(&key("mogi.group")).unwrap().is_none());

    click(&root, "add-to-group").await;
    wait_for(&root, "group-member").await;
    assert_eq!(
        root.query_selector_all("[data-testid='group-member']")
            .unwrap()
            .length(),
        1
    );
    assert_eq!(find(&root, "member-name").text_content().unwrap(), name);
    assert_eq!(stored("mogi.group").as_array().unwrap().len(), 1);

    let paste = |text: &str| {
        find(&root, "group-paste")
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .set_value(text);
    };
    paste("https://example.org/#/result/TQECdGFtcGVyZWQ");
    click(&root, "group-add").await;
    assert!(
        notices(&root).contains("Nothing was saved"),
        "{}",
        notices(&root)
    );
    paste(&link);
    click(&root, "group-add").await;
    assert!(
        notices(&root).contains("already on the board"),
        "{}",
        notices(&root)
    );
    assert_eq!(stored("mogi.group").as_array().unwrap().len(), 1);
}
