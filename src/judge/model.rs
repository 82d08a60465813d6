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
pub const OUTCOME: Weights = [-0.7531, -0.4223, 2.0740, 1.0446, 0.1595, -0.2933, 0.8566, -0.5238, -0.4548, 0.8355, 1.5589, 0.0551, -0.6398, -0.2470, 0.1672, 0.8155, 0.9110, 0.4686, 1.3280, -1.7732, -0.0723, -0.1876, 1.8006, -0.1987, 0.5820, 0.6547, -1.2227, 2.0056, -0.6348, 0.9471, -0.3911, -0.4327, 1.1781, 1.2680, 0.3482, 1.8241, -0.0637, 0.4762, 1.3459];
pub const PRESCRIBES: Weights = [1.1383, 1.3709, -1.1764, -0.3695, 0.7675, 0.6601, -0.5454, 1.0821, 0.6458, 0.9778, 1.7370, 0.1968, -2.5904, 0.0081, 0.4893, -0.0205, -0.3482, 0.4805, 0.3878, 1.0820, 0.6355, -0.1232, -1.1072, 0.2284, -0.6685, -0.5818, 2.3577, -1.4408, -0.3289, 0.4916, -0.4031, 0.2235, -1.7113, 0.7929, 0.0512, -1.5326, -0.1454, 0.4546, 0.0469];
