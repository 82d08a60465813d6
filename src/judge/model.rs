//! Weighing the signals: two small logistic regressions, one per label, over general linguistic
//! features (never corpus words). Weights are fitted by `cargo run --release --example eval --
//! --fit` on the 150 human-labelled tickets (L2-regularised, standardised features, weights
//! folded back to raw feature space) and pasted here; the same command prints 5-fold
//! cross-validated agreement so the numbers are honest about generalisation.

use super::signals::Signals;

pub const N: usize = 28;

// Not features, though `Signals` counts them: ticket length, the share of trouble sentences,
// first-person narrative and role words. Each restates what other features carry (length with
// the descriptive count, trouble share with trouble, roles and narrative with who tells the
// story), so with 150 labels they only added variance: dropping the four raised the 10 x 5-fold
// CV mean from 0.629 / 0.701 to 0.651 / 0.721 (outcome / prescribes kappa).

/// Names in the order `features` returns them (the eval prints weights with these).
pub const FEATURE_NAMES: [&str; N] = [
    "title_order", "title_trouble", "orders", "list_orders", "modal_orders", "tech_orders", "step_runs",
    "proposal_section", "offered_fixes", "hedges", "code_refs", "trouble", "bug_sections", "purpose",
    "current_state", "evidence", "descriptive_share", "states", "to_purpose",
    "environment", "value", "title_statement", "problem_sentences", "blocked", "descriptive",
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
        ln1(s.current_state),
        ln1(s.evidence),
        s.descriptive as f32 / sentences,
        ln1(s.states),
        ln1(s.to_purpose),
        flag(s.environment > 0),
        ln1(s.value),
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
pub const OUTCOME: Weights = [-0.8236, -0.3207, 1.1250, 0.0708, -0.3035, 0.5071, -0.2882, -0.6752, 0.9357, 1.5787, 0.0052, 0.2829, 1.0657, 0.4120, 1.0354, 1.5480, 0.2763, 0.7694, -0.4205, -0.3819, 0.6032, 0.9434, 1.5822, 0.1187, 1.4131, -0.6019, 0.1517, -1.9273, 1.4209];
pub const PRESCRIBES: Weights = [1.2071, 1.6925, -0.6876, 1.0765, 0.8183, 0.0621, 1.1900, 0.8309, 1.0672, 1.5387, 0.1808, 0.5033, -0.3259, 0.0738, 0.4058, -0.6194, -0.5270, -0.0061, -0.3070, 0.1540, -1.8493, 0.6824, -1.5857, -0.4508, 0.3088, -0.2354, 0.5255, 1.4208, -0.4515];

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
