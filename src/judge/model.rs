//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 38;

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_open", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders",
    "step_runs", "proposal_section", "offered_fixes", "hedges", "open_asks", "questions", "code_refs", "trouble",
    "bug_sections", "problem_section", "purpose", "user_story", "roles", "needs", "current_state", "observations",
    "evidence", "length", "order_share", "trouble_share", "descriptive", "descriptive_share", "states", "to_purpose",
    "environment", "value", "narrative", "title_statement", "problem_sentences",
    "benefit_sentences", "blocked",
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
        flag(s.blocked > 0),
    ]
}

/// Bias first, then one weight per feature.
pub type Weights = [f32; N + 1];

pub fn probability(w: &Weights, x: &[f32; N]) -> f32 {
    let z = w[0] + w[1..].iter().zip(x).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

// Fitted weights: see the module comment. Regenerate after changing `features`.
pub const OUTCOME: Weights = [-0.8916, -0.4581, 1.9270, 1.1253, 0.2191, -0.2292, 0.6234, -0.4778, -0.7532, 0.9776, 1.8641, 0.1885, -0.1998, -0.3136, 0.2115, 0.5137, 0.7900, 0.3577, 1.3394, -1.0610, -0.2836, -0.5925, 1.0787, -0.3348, 0.3457, 0.1347, -0.4671, 1.6769, -0.2841, 1.5916, 0.1528, -0.2459, 1.3235, 1.0610, 0.1882, 1.8191, -0.3349, -0.0427, 1.9318];
pub const PRESCRIBES: Weights = [1.3213, 1.1942, -1.2088, -0.3738, 0.6509, 0.6019, -0.5121, 1.2020, 0.6077, 0.9211, 1.7415, 0.3206, -2.9370, -0.1059, 0.3990, -0.2333, -0.7068, 0.4305, 0.4695, 1.0388, 0.6483, -0.0930, -0.8360, 0.1688, -0.6667, -0.5571, 2.3133, -1.2092, -0.4379, 0.3303, -0.4548, 0.4335, -1.7823, 0.2470, -0.0641, -1.4432, 0.1574, 0.5382, 0.2428];
