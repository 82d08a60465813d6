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
pub const OUTCOME: Weights = [-0.7325, -0.3081, 1.1396, 0.7425, 0.0046, -0.2031, 0.2188, -0.2647, -0.3976, 0.4731, 0.9224, 0.1134, 0.0237, -0.1634, 0.1384, 0.3148, 0.5586, 0.2517, 0.7239, -0.8748, -0.1539, -0.1929, 0.7885, -0.2053, 0.3120, 0.3658, -0.5547, 1.2109, -0.0203, 0.8816, 0.0912, -0.1394, 0.8083, 0.5995, 0.1371, 1.0828, 0.0205, 0.0756];
pub const PRESCRIBES: Weights = [1.3352, 1.5402, -2.2273, -0.1132, 1.0759, 1.1311, -1.3155, 2.3317, 0.6874, 1.4263, 2.1539, 0.4835, -3.7850, 0.1913, 0.9043, -0.1891, -0.8999, 0.3771, 0.7189, 1.6627, 1.0826, 0.0843, -1.3814, 0.2481, -1.1018, -1.4499, 3.7188, -2.0774, -0.9060, 2.7263, -0.9197, 0.3991, -1.5122, 0.2298, -0.1305, -1.9191, 0.3923, 0.7526];
