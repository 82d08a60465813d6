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
pub const OUTCOME: Weights = [-0.8669, -0.4702, 1.8144, 1.1905, 0.1560, -0.1943, 0.6169, -0.4970, -0.5990, 0.9844, 1.7986, 0.1888, -0.3596, -0.3296, 0.1987, 0.4789, 0.9882, 0.4100, 1.3368, -1.1682, -0.2879, -0.4053, 1.2328, -0.3180, 0.3433, 0.0701, -0.4432, 1.7035, -0.3512, 1.6487, 0.1132, -0.1647, 1.3658, 1.0848, 0.1799, 1.8145, -0.2264, -0.0338];
pub const PRESCRIBES: Weights = [1.3049, 1.1937, -1.2207, -0.3554, 0.6402, 0.6036, -0.5213, 1.2406, 0.6073, 0.9167, 1.6954, 0.3084, -2.9439, -0.1042, 0.3972, -0.2210, -0.6833, 0.4330, 0.4798, 1.0417, 0.6595, -0.0676, -0.8478, 0.1659, -0.6670, -0.5475, 2.3167, -1.2351, -0.4302, 0.3388, -0.4568, 0.4237, -1.7730, 0.2345, -0.0701, -1.4360, 0.1611, 0.5397];
