//! `missing-who`: nobody is named as the one who benefits: no users, customers, team or role
//! (team roles from `vocabulary.roles` count).

use crate::judge::reading::Reading;
use crate::model::{Finding, Scores, Severity};

pub const ID: &str = "missing-who";

const THRESHOLD: f32 = 0.25;

pub fn check(reading: &Reading, scores: &Scores) -> Option<Finding> {
    if scores.outcome.who >= THRESHOLD {
        return None;
    }
    let (field, span) = super::anchor(reading);
    Some(super::finding(
        ID,
        Severity::Info,
        "The ticket does not say who this is for, so the owner cannot check the result with them.".into(),
        "Name the people affected (\"merchants with more than 1,000 orders\", \"on-call engineers\") and what changes for them.".into(),
        field,
        span,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    #[test]
    fn flags_and_allows_by_who_score() {
        let (t, b) = docs("Speed up the report", "");
        let r = Reading::new(&t, &b);
        let mut s = Scores::default();
        assert!(check(&r, &s).is_some());
        s.outcome.who = 0.5;
        assert!(check(&r, &s).is_none());
    }

    fn flagged(body: &str) -> bool {
        let ticket = crate::Ticket { title: "Export refunds".into(), body: body.into(), ..Default::default() };
        let a = crate::analyze(&ticket, &crate::Config::default()).unwrap();
        a.findings.iter().any(|f| f.rule == ID)
    }

    #[test]
    fn allows_the_people_its_own_suggestion_names() {
        assert!(!flagged("Merchants with more than 1,000 orders cannot export their refunds."));
        assert!(!flagged("Patients wait a week for their results, so clinics call the lab."));
        assert!(flagged("The refund export times out after 30 seconds."));
    }
}
