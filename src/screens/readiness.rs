//! The readiness estimate for the exam a screen shows (start screen, exam-guide map): the
//! estimated share correct on a fresh exam as a band with its 90% range and the pass line,
//! the chance of passing, and one sentence on what it rests on. Nothing below the minimum
//! number of first answers ([`mogi_core::readiness::MIN_ANSWERS`]).

use mogi_core::readiness::readiness;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::{self, Msg};

#[derive(Properties, PartialEq)]
pub(crate) struct ReadinessProps {
    pub(crate) exam: String,
}

/// Percent of a share, for display.
fn pct(share: f64) -> u32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=100
    let p = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    p
}

#[component]
pub(crate) fn ReadinessBand(props: &ReadinessProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let Some(r) = readiness(bank(), &state.history, &props.exam) else {
        return html! {};
    };
    let Some(blueprint) = bank().blueprint(&props.exam) else {
        return html! {};
    };
    let (share, low, high) = (pct(r.share), pct(r.low), pct(r.high));
    let pass = pct(r.pass_share);
    html! {
        <section class="readiness" data-testid="readiness" aria-labelledby="readiness-title">
            <h2 id="readiness-title">{ Msg::ReadinessTitle.text(lang) }</h2>
            <svg class="band" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect class="band-track" x="0" y="3" width="100" height="4" />
                <rect class="band-range" x={low.to_string()} y="1" width={(high - low).max(1).to_string()} height="8" />
                <line class="band-pass" x1={pass.to_string()} x2={pass.to_string()} y1="0" y2="10" />
                <line class="band-mean" x1={share.to_string()} x2={share.to_string()} y1="0" y2="10" />
            </svg>
            <p data-testid="readiness-share">
                { Msg::ReadinessShare.text(lang) }{ " " }
                <strong class="one-line">{ format!("{share}% ({low}–{high}%)") }</strong>
                { " · " }
                <span class="one-line">{ format!("{} / {}", r.scaled, blueprint.score_max) }</span>
                { " · " }
                <strong class="one-line" data-testid="readiness-pass">{ i18n::pass_chance(lang, pct(r.pass_chance)) }</strong>
            </p>
            <p class="fine" data-testid="readiness-basis">{ i18n::readiness_basis(lang, r.answers) }</p>
        </section>
    }
}
