//! Taking an exam as a person would: starting one (random, or from a fixed seed), answering
//! the question on screen, ending it.
//!
//! Drivers now and then report a drop-down choice made that the page never received
//! (WebKitGTK's driver, and Chromium's once, lost every choice of one question three times
//! in a row). A person would see the placeholder still there and choose again; so does
//! [`Browser::choose_response`], which repeats the driver's *choice*, and then asserts that
//! the app shows every slot's response: a choice the app loses still fails the test.

use std::time::Duration;

use fantoccini::elements::Element;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::wait::{self, SOON};

/// How long a choice may take to reach the app before the driver is asked to make it again.
const CHOICE_SEEN: Duration = Duration::from_secs(3);

impl Browser {
    /// From the start screen: a custom exam of `count` questions, started (a random exam).
    pub async fn start_custom_exam(&self, count: usize) {
        self.click("mode-custom").await;
        self.type_into("question-count", &count.to_string()).await;
        self.wait_text("summary", |t| t.contains(&format!("{count} questions")))
            .await;
        self.click("start").await;
        self.wait_text("position", |t| t == format!("Question 1 of {count}"))
            .await;
    }

    /// Opens the exam link `payload` (see [`crate::seeded::seeded_exam`]) on the site at
    /// `site_root` (e.g. `http://127.0.0.1:port/mogi/`) and starts its exam, in either
    /// language.
    pub async fn start_linked_exam(&self, site_root: &str, payload: &str) {
        self.goto(&format!("{site_root}#/take/{payload}")).await;
        self.click("start-shared").await;
        self.wait_until(
            "showed the exam's first question",
            "document.querySelector(\"[data-testid='nav-0']\")?.classList.contains('current')",
        )
        .await;
    }

    /// Answers the question on screen: its first option, or the first response in every
    /// drop-down of an ordering or matching question.
    pub async fn answer_current_question(&self) {
        self.answer_current_question_with(0).await;
    }

    /// Answers the question on screen with option `pick` (0 is the first), or response `pick`
    /// in every drop-down of an ordering or matching question, and waits until the app shows
    /// the answer: the question marked answered in the navigator and, for drop-downs, each
    /// slot holding its response.
    pub async fn answer_current_question_with(&self, pick: usize) {
        if let Some(option) = self
            .find_all(&format!("option-{pick}"))
            .await
            .into_iter()
            .next()
        {
            option.click().await.expect("an option can be clicked");
        } else {
            for select in self.slots().await {
                self.choose_response(&select, pick + 1).await;
            }
        }
        self.wait_until(
            "showed the question as answered in the navigator",
            "document.querySelector('.navigator .current.answered')",
        )
        .await;
    }

    /// The drop-downs of the question on screen (`slot-0`, `slot-1`, …).
    pub async fn slots(&self) -> Vec<Element> {
        let mut slots = Vec::new();
        while let Some(select) = self
            .find_all(&format!("slot-{}", slots.len()))
            .await
            .into_iter()
            .next()
        {
            slots.push(select);
        }
        slots
    }

    /// Chooses the `index`th entry (0 is the placeholder) of the drop-down `select`: the
    /// driver's choice is made again (through the placeholder, so that it is a change) while
    /// the app does not show it, at most three times; then the app must show it.
    pub async fn choose_response(&self, select: &Element, index: usize) {
        for attempt in 0..3 {
            if attempt > 0 {
                // Said in the test's output, so that a driver losing choices stays visible.
                eprintln!(
                    "the app did not show drop-down entry {index} {} s after the driver chose it; choosing again",
                    CHOICE_SEEN.as_secs()
                );
                select.select_by_index(0).await.expect("the placeholder");
            }
            select
                .select_by_index(index)
                .await
                .expect("a response to choose");
            if wait::until(CHOICE_SEEN, async || {
                self.app_shows_choice(select, index).await.then_some(())
            })
            .await
            .is_some()
            {
                return;
            }
        }
        self.wait_for(
            "showed the chosen response in its drop-down",
            SOON,
            async || self.app_shows_choice(select, index).await.then_some(()),
        )
        .await;
    }

    /// Whether the app renders the `index`th entry of `select` as its answer: the `selected`
    /// attribute the app writes from its state (a driver's choice changes only the
    /// selection, not the attribute).
    pub async fn app_shows_choice(&self, select: &Element, index: usize) -> bool {
        let script = "const [select, index] = arguments;\
            const option = select.options[index];\
            return !!option && option.hasAttribute('selected') && select.value === option.value;";
        let select = serde_json::to_value(select).expect("an element reference");
        self.client
            .execute(script, vec![select, json!(index)])
            .await
            .is_ok_and(|shown| shown == Value::Bool(true))
    }

    /// Ends the exam in progress and waits for its score (`raw`, e.g. "2 / 3").
    pub async fn end_exam(&self, count: usize) -> String {
        self.click("end").await;
        self.click("confirm-end").await;
        self.wait_text("raw", |t| t.ends_with(&format!("/ {count}")))
            .await
    }
}
