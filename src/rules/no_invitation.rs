//! `no-invitation`: the ticket never asks the owner for their judgement: risks, edge cases,
//! better ideas, questions.

use crate::judge::reading::Reading;
use crate::model::{Finding, Scores, Severity};

pub const ID: &str = "no-invitation";

const THRESHOLD: f32 = 0.25;

pub fn check(reading: &Reading, scores: &Scores) -> Option<Finding> {
    if scores.invitation >= THRESHOLD {
        return None;
    }
    let (field, span) = super::anchor(reading);
    Some(super::finding(
        ID,
        Severity::Info,
        "The ticket does not invite the owner's view: no request for risks, edge cases or a better approach.".into(),
        "End with an open question: \"What risks or edge cases do you see, and is there a simpler way to get there? Tell us before you start.\"".into(),
        field,
        span,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    #[test]
    fn flags_and_allows_by_invitation_score() {
        let (t, b) = docs("Speed up the report", "");
        let r = Reading::new(&t, &b);
        let mut s = Scores::default();
        assert!(check(&r, &s).is_some());
        s.invitation = 0.5;
        assert!(check(&r, &s).is_none());
    }
}
