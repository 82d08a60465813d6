//! `missing-why`: no reason is given: no purpose clause, no problem section, no need. Without
//! the why, the owner cannot tell a good-enough solution from a gold-plated one.

use crate::judge::reading::Reading;
use crate::model::{Finding, Scores, Severity};

pub const ID: &str = "missing-why";

/// Below this, the why score counts as absent.
const THRESHOLD: f32 = 0.25;

pub fn check(reading: &Reading, scores: &Scores) -> Option<Finding> {
    if scores.outcome.why >= THRESHOLD {
        return None;
    }
    let (field, span) = super::anchor(reading);
    Some(super::finding(
        ID,
        Severity::Info,
        "Nothing says why this matters: no purpose (\"so that …\"), no problem it solves, no one who needs it.".into(),
        "Add the reason in one sentence: \"… so that <who> can <what they cannot do today>\", or describe the cost of leaving it as it is.".into(),
        field,
        span,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    fn scores(why: f32) -> Scores {
        let mut s = Scores::default();
        s.outcome.why = why;
        s
    }

    #[test]
    fn flags_a_missing_reason() {
        let (t, b) = docs("Rename the settings tab", "");
        assert_eq!(check(&Reading::new(&t, &b), &scores(0.0)).unwrap().rule, ID);
    }

    #[test]
    fn allows_a_stated_reason() {
        let (t, b) = docs("Rename the settings tab", "");
        assert!(check(&Reading::new(&t, &b), &scores(0.5)).is_none());
    }
}
