//! One file per screen. Each reads the app context and dispatches actions; the rules they
//! show come from `mogi-core`.

pub(crate) mod changes;
pub(crate) mod exam;
pub(crate) mod exam_picker;
pub(crate) mod glossary;
pub(crate) mod group;
pub(crate) mod guide;
pub(crate) mod history;
pub(crate) mod load_failed;
pub(crate) mod question;
pub(crate) mod readiness;
pub(crate) mod results;
pub(crate) mod share_panel;
pub(crate) mod shared_exam;
pub(crate) mod shared_result;
pub(crate) mod start;
pub(crate) mod study;

use yew::{Html, html};

/// A horizontal bar filled to `percent`, drawn as SVG geometry: the Content-Security-Policy
/// (`style-src 'self'`) blocks `style` attributes, so no inline width.
pub(crate) fn bar(percent: u32) -> Html {
    let width = percent.min(100).to_string();
    html! {
        <svg class="bar" aria-hidden="true" viewBox="0 0 100 1" preserveAspectRatio="none">
            <rect width={width} height="1" />
        </svg>
    }
}
