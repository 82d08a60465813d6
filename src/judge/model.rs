//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 37;

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_open", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders",
    "step_runs", "proposal_section", "offered_fixes", "hedges", "open_asks", "questions", "code_refs", "trouble",
    "bug_sections", "problem_section", "purpose", "user_story", "roles", "needs", "current_state", "observations",
    "evidence", "length", "order_share", "trouble_share", "descriptive", "descriptive_share", "states", "to_purpose",
    "environment", "value", "narrative", "title_statement", "problem_sentences",
    "benefit_sentences",
];

fn ln1(n: usize) -> f32 {
    (n as f32).ln_1p()
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

pub fn features(s: &Signals) -> [f32; N] {
    let sentences = s.sentences.max(1) as f32;
    [
        flag(s.title_order),
        flag(s.title_open),
        flag(s.title_trouble),
        ln1(s.orders),
        ln1(s.list_orders),
        ln1(s.modal_orders),
        flag(s.tech_orders > 0),
        ln1(s.step_runs),
        flag(s.proposal_words >= 5),
        flag(s.offered_fixes > 0),
        ln1(s.hedges),
        ln1(s.open_asks),
        ln1(s.questions),
        ln1(s.code_refs),
        ln1(s.trouble),
        flag(s.bug_sections > 0),
        flag(s.problem_words >= 8),
        ln1(s.purpose),
        flag(s.user_story),
        ln1(s.roles),
        ln1(s.needs),
        ln1(s.current_state),
        ln1(s.observations),
        ln1(s.evidence),
        ln1(s.words) / 7.0,
        (s.orders + s.list_orders + s.modal_orders) as f32 / sentences,
        s.trouble as f32 / sentences,
        ln1(s.descriptive),
        s.descriptive as f32 / sentences,
        ln1(s.states),
        ln1(s.to_purpose),
        flag(s.environment > 0),
        ln1(s.value),
        ln1(s.narrative),
        flag(s.title_statement),
        ln1(s.problem_sentences),
        ln1(s.benefit_sentences),
    ]
}

/// Bias first, then one weight per feature.
pub type Weights = [f32; N + 1];

pub fn probability(w: &Weights, x: &[f32; N]) -> f32 {
    let z = w[0] + w[1..].iter().zip(x).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

// Fitted weights: see the module comment. Regenerate after changing `features`.
pub const OUTCOME: Weights = [-0.7840, -0.3105, 1.1648, 0.7414, -0.0180, -0.2039, 0.3076, -0.2772, -0.4323, 0.4690, 0.9376, 0.1149, 0.0064, -0.1538, 0.1410, 0.3281, 0.5741, 0.2507, 0.7215, -0.8769, -0.1525, -0.1984, 0.8041, -0.1932, 0.3162, 0.4226, -0.4150, 1.2454, -0.0288, 0.8553, 0.0965, -0.1289, 0.8236, 0.6020, 0.1150, 1.0930, -0.0210, 0.0857];
pub const PRESCRIBES: Weights = [1.4441, 1.6123, -2.0858, -0.2027, 0.9239, 1.1236, -1.3812, 2.2579, 0.6872, 1.4344, 2.0224, 0.5426, -4.0865, -0.0751, 0.8405, -0.2433, -0.9155, 0.3915, 0.6494, 1.4676, 1.1114, 0.0137, -1.4151, 0.1312, -1.0359, -0.7843, 3.5435, -1.6330, -0.9498, 1.3941, -0.6928, 0.4791, -1.7999, 0.2550, -0.1088, -1.8028, 0.3493, 0.7883];
