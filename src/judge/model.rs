//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 30;

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders", "step_runs",
    "proposal_section", "offered_fixes", "hedges", "code_refs", "trouble", "bug_sections", "purpose", "roles",
    "current_state", "evidence", "length", "trouble_share", "descriptive_share", "states", "to_purpose",
    "environment", "value", "narrative", "title_statement", "problem_sentences", "blocked", "descriptive",
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
        flag(s.title_trouble),
        ln1(s.orders),
        ln1(s.list_orders),
        ln1(s.modal_orders),
        flag(s.tech_orders > 0),
        ln1(s.step_runs),
        flag(s.proposal_words >= 5),
        flag(s.offered_fixes > 0),
        ln1(s.hedges),
        ln1(s.code_refs),
        ln1(s.trouble),
        flag(s.bug_sections > 0),
        ln1(s.purpose),
        ln1(s.roles),
        ln1(s.current_state),
        ln1(s.evidence),
        ln1(s.words) / 7.0,
        s.trouble as f32 / sentences,
        s.descriptive as f32 / sentences,
        ln1(s.states),
        ln1(s.to_purpose),
        flag(s.environment > 0),
        ln1(s.value),
        ln1(s.narrative),
        flag(s.title_statement),
        ln1(s.problem_sentences),
        flag(s.blocked > 0),
        ln1(s.descriptive),
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
pub const OUTCOME: Weights = [-0.8804, -0.2649, 1.1704, -0.0439, -0.4630, 0.5007, -0.4388, -0.3997, 1.0549, 1.4223, 0.1744, 0.2932, 0.6670, 0.9773, 1.1171, -0.0708, 2.0702, 0.4599, 0.1936, 2.0460, 1.3144, -0.3304, -0.4094, 1.3783, 1.2228, 0.2162, 1.9273, -0.0174, 1.1780, -0.5945, 0.3453];
pub const PRESCRIBES: Weights = [1.1793, 1.4399, -0.3914, 0.9669, 0.8187, -0.1125, 1.0364, 0.7887, 0.9143, 1.6550, 0.0972, 0.5294, 0.0959, -0.4237, 0.1678, 0.6326, -0.8457, -0.5816, 0.1501, -1.3750, -0.0365, -0.4764, 0.1973, -1.9622, 0.8646, 0.0326, -1.5971, -0.3042, 0.1298, -0.3584, 0.4799];
