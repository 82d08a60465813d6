//! `missing-success-measure`: no way to tell when the outcome is reached: no acceptance
//! criteria, target number or team measure (`vocabulary.measures`).

use crate::judge::reading::Reading;
use crate::model::{Finding, Scores, Severity};

pub const ID: &str = "missing-success-measure";

const THRESHOLD: f32 = 0.25;

pub fn check(reading: &Reading, scores: &Scores) -> Option<Finding> {
    if scores.outcome.success_measure >= THRESHOLD {
        return None;
    }
    let (field, span) = super::anchor(reading);
    Some(super::finding(
        ID,
        Severity::Info,
        "There is no success measure: nothing says how anyone will know the outcome was reached.".into(),
        "Add how you will know it worked, in terms the owner can check: a number (\"p95 under 800 ms\", \"refund tickets halve\") or an observable criterion (\"done when a reviewer can …\").".into(),
        field,
        span,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    #[test]
    fn flags_and_allows_by_measure_score() {
        let (t, b) = docs("Speed up the report", "");
        let r = Reading::new(&t, &b);
        let mut s = Scores::default();
        assert!(check(&r, &s).is_some());
        s.outcome.success_measure = 0.5;
        assert!(check(&r, &s).is_none());
    }
}
