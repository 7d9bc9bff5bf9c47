//! What every browser test uses: a fresh app mounted on empty storage, finding and
//! clicking by `data-testid`, storage reads, and [`wait_until`], the one way to wait for
//! something the app does later (a write after the next paint, a file read, a route).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub(crate) fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub(crate) fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Where the app keeps the logical key `logical` (`mogi.exam`): under this page's site.
/// Values the tests store under the bare keys (as a release without sites did) the app
/// moves there when it starts.
pub(crate) fn key(logical: &str) -> String {
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    mogi_core::store::site_key(&mogi_core::store::site_of_path(&path), logical)
}

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<mogi::App>>> = const { std::cell::RefCell::new(None) };
}

/// A fresh page state: the previous app unmounted, empty storage, the start route, a new
/// root element.
pub(crate) async fn mount(stored: &[(&str, &str)]) -> Element {
    if let Some(previous) = MOUNTED.with(|m| m.borrow_mut().take()) {
        previous.destroy();
        settle().await;
    }
    storage().clear().unwrap();
    for (key, value) in stored {
        storage().set_item(key, value).unwrap();
    }
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/")
        .unwrap();
    if let Some(old) = document().get_element_by_id("test-root") {
        old.remove();
    }
    let root = document().create_element("div").unwrap();
    root.set_id("test-root");
    document().body().unwrap().append_child(&root).unwrap();
    mogi::install_bank(
        include_str!(concat!(env!("OUT_DIR"), "/bank.json")),
        include_bytes!(concat!(env!("OUT_DIR"), "/bank-content.json")),
    )
    .expect("the build wrote the bank's files");
    let handle = mogi::start_in(root.clone());
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    settle().await;
    root
}

/// Lets yew render and run effects.
pub(crate) async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

pub(crate) fn find(root: &Element, testid: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={testid}] in {}", root.inner_html()))
        .dyn_into()
        .unwrap()
}

pub(crate) fn exists(root: &Element, testid: &str) -> bool {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .is_some()
}

pub(crate) async fn click(root: &Element, testid: &str) {
    find(root, testid).click();
    settle().await;
}

/// Sets the value of the input `testid` as typing does (an `input` event).
pub(crate) async fn type_into(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
}

/// A custom exam of `questions` questions, untimed, ended at once without an answer.
pub(crate) async fn end_unanswered_exam(root: &Element, questions: &str) {
    start_custom(root, questions, "0").await;
    click(root, "end").await;
    click(root, "confirm-end").await;
}

pub(crate) async fn start_custom(root: &Element, questions: &str, minutes: &str) {
    click(root, "mode-custom").await;
    type_into(root, "question-count", questions).await;
    type_into(root, "minutes", minutes).await;
    click(root, "start").await;
}

/// Opens `hash` as a link would, and waits until the app has heard the change (its
/// `hashchange` listener, added when it started, runs before the one added here).
pub(crate) async fn go(hash: &str) {
    let location = web_sys::window().unwrap().location();
    let before = location.hash().unwrap();
    location.set_hash(hash).unwrap();
    if location.hash().unwrap() == before {
        settle().await;
        return;
    }
    let heard = std::rc::Rc::new(std::cell::Cell::new(false));
    let listener = gloo_events::EventListener::once(&web_sys::window().unwrap(), "hashchange", {
        let heard = heard.clone();
        move |_| heard.set(true)
    });
    wait_until(&format!("heard of the change to {hash:.40}"), || {
        heard.get()
    })
    .await;
    drop(listener);
}

/// Like a reload: the app unmounted and mounted again on the same storage and URL, after
/// `between` ran (with the old app gone).
pub(crate) async fn remount_after(between: impl FnOnce()) -> Element {
    // A page being left or reloaded is told so first.
    leave_page();
    if let Some(previous) = MOUNTED.with(|m| m.borrow_mut().take()) {
        previous.destroy();
        settle().await;
    }
    between();
    if let Some(old) = document().get_element_by_id("test-root") {
        old.remove();
    }
    let root = document().create_element("div").unwrap();
    root.set_id("test-root");
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mogi::start_in(root.clone());
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    settle().await;
    root
}

/// The `data` of the envelope stored under the logical key `logical`.
/// The `data` of the envelope under the logical key `logical` now, if one is stored.
pub(crate) fn stored_now(logical: &str) -> Option<serde_json::Value> {
    let text = storage().get_item(&key(logical)).unwrap()?;
    let mut value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(value["data"].take())
}

pub(crate) fn stored(logical: &str) -> serde_json::Value {
    let key = key(logical);
    let text = storage()
        .get_item(&key)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing under {key}"));
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 2, "{key} is a version-2 envelope");
    value["data"].take()
}

/// How long [`wait_until`] waits before it fails: long enough for a loaded machine, where a
/// write after the next paint or a file read can take a second or more.
pub(crate) const WAIT_LIMIT_MS: f64 = 10_000.0;

/// Waits until `condition` holds, looking again after each short timer (the app writes after
/// the next paint, reads files and hears of hash changes in later tasks), and lets Yew render.
///
/// # Panics
/// If it does not hold within [`WAIT_LIMIT_MS`]; `what` names it in the message.
pub(crate) async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let started = js_sys::Date::now();
    loop {
        settle().await;
        if condition() {
            return;
        }
        assert!(
            js_sys::Date::now() - started < WAIT_LIMIT_MS,
            "never {what} (waited {WAIT_LIMIT_MS} ms)"
        );
        next_timer().await;
    }
}

/// Until a timer of 10 ms has fired: a later task, after the ones already queued.
async fn next_timer() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until the element `testid` is on screen.
pub(crate) async fn wait_for(root: &Element, testid: &str) {
    wait_until(&format!("showed [data-testid={testid}]"), || {
        exists(root, testid)
    })
    .await;
}

/// Whether the logical key `logical` holds a value now.
pub(crate) fn is_stored(logical: &str) -> bool {
    storage().get_item(&key(logical)).unwrap().is_some()
}

pub(crate) fn notices(root: &Element) -> String {
    let all = root.query_selector_all("[data-testid='notice']").unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// What the browser does when a page is left or reloaded: `pagehide`.
pub(crate) fn leave_page() {
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
}
