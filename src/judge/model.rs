//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 32;

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders", "step_runs",
    "proposal_section", "offered_fixes", "hedges", "code_refs", "trouble", "bug_sections", "purpose", "roles",
    "current_state", "evidence", "length", "trouble_share", "descriptive_share", "states", "to_purpose",
    "environment", "value", "narrative", "title_statement", "problem_sentences", "blocked", "descriptive",
    "benefit_sentences", "user_story", "outcome_evidence",
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
        // Any one precise statement of what is wrong or why is enough for a reader; a sum of
        // weights cannot say "any of", so the disjunction is a feature of its own.
        flag(
            s.title_trouble
                || s.title_statement
                || s.bug_sections > 0
                || s.purpose > 0
                || s.current_state > 0
                || s.blocked > 0
                || s.value > 0
                || s.environment > 0,
        ),
    ]
}

/// Bias first, then one weight per feature.
pub type Weights = [f32; N + 1];

pub fn probability(w: &Weights, x: &[f32; N]) -> f32 {
    let z = w[0] + w[1..].iter().zip(x).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

// Fitted weights: see the module comment. Regenerate after changing `features`.
pub const OUTCOME: Weights = [-0.7576, -0.3212, 0.9611, 0.1139, -0.2746, 0.5294, -0.2459, -0.6364, 0.9760, 1.5915, 0.0102, 0.2923, 0.8277, 0.4670, 1.0331, -0.0601, 1.5190, 0.2756, -0.2018, 1.8494, 0.6574, -0.4489, -0.3819, 0.6004, 0.9343, 0.2689, 1.5857, 0.0401, 1.4334, -0.5887, 0.1552, -1.9918, 1.3670];
pub const PRESCRIBES: Weights = [1.1350, 1.7078, -0.4197, 1.0376, 0.8019, 0.0091, 1.0102, 0.8262, 0.8831, 1.3280, 0.0591, 0.5096, -0.1060, -0.0810, 0.3892, 0.6248, -0.6949, -0.4733, 0.0914, -1.1048, 0.1284, -0.3407, 0.1311, -1.7313, 0.7063, -0.0690, -1.5840, -0.4160, 0.0712, -0.2979, 0.5086, 1.3106, -0.4534];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;
    use crate::Config;

    fn evidence(title: &str, body: &str) -> f32 {
        let (t, b) = docs(title, body);
        let at = FEATURE_NAMES.iter().position(|n| *n == "outcome_evidence").expect("named");
        super::super::features(&t, &b, &Config::default())[at]
    }

    #[test]
    fn flags_any_one_outcome_statement_and_allows_bare_orders() {
        assert_eq!(evidence("Add CSV export", "Right now analysts copy the table by hand."), 1.0);
        assert_eq!(evidence("Import fails for large files", ""), 1.0);
        assert_eq!(evidence("Add CSV export", "- Add a button\n- Store the file\n"), 0.0);
    }
}
