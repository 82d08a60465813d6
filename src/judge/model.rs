//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 31;

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders", "step_runs",
    "proposal_section", "offered_fixes", "hedges", "code_refs", "trouble", "bug_sections", "purpose", "roles",
    "current_state", "evidence", "length", "trouble_share", "descriptive_share", "states", "to_purpose",
    "environment", "value", "narrative", "title_statement", "problem_sentences", "blocked", "descriptive",
    "benefit_sentences", "user_story",
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
        // "As a user I want ...": the change in the user's words; labelled an outcome only when
        // the rest of the story says why (the weight is negative).
        flag(s.user_story),
    ]
}

/// Bias first, then one weight per feature.
pub type Weights = [f32; N + 1];

pub fn probability(w: &Weights, x: &[f32; N]) -> f32 {
    let z = w[0] + w[1..].iter().zip(x).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

// Fitted weights: see the module comment. Regenerate after changing `features`.
pub const OUTCOME: Weights = [-0.7326, -0.4232, 1.1766, 0.0577, -0.2735, 0.5028, -0.4097, -0.6050, 0.9790, 1.7536, 0.0650, 0.2366, 0.8520, 0.5688, 1.3574, -0.0920, 1.9858, 0.4046, 0.2294, 2.0950, 1.0035, -0.4165, -0.5760, 1.2997, 1.3150, 0.3662, 1.9540, 0.0805, 1.4259, -0.6170, 0.5228, -1.7881];
pub const PRESCRIBES: Weights = [1.0409, 1.7272, -0.4911, 1.0301, 0.8263, 0.0343, 1.0609, 0.8075, 0.8647, 1.3447, 0.0577, 0.5239, -0.0959, -0.2295, 0.3383, 0.6142, -0.7777, -0.4793, 0.0319, -1.2335, -0.0303, -0.3420, 0.1334, -1.8860, 0.6964, -0.0844, -1.6766, -0.4321, 0.1182, -0.2839, 0.4512, 1.2124];
