//! `missing-outcome`: the ticket never says what is wrong now or what should become possible,
//! for whom or why; it only names the work.

use crate::judge::reading::Reading;
use crate::model::{Finding, Severity};

pub const ID: &str = "missing-outcome";

pub fn check(reading: &Reading, states_outcome: bool) -> Option<Finding> {
    if states_outcome {
        return None;
    }
    let (field, span) = super::anchor(reading);
    Some(super::finding(
        ID,
        Severity::Warning,
        "The ticket names the work but never says what is wrong today or what should become possible, and for whom.".into(),
        "Open with the outcome: who is affected, what they cannot do or what goes wrong now, and why it matters (\"Support agents re-enter refunds by hand, about 40 a day, because …\"). Then the owner can judge the best change.".into(),
        field,
        span,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    #[test]
    fn flags_tickets_without_outcome_at_the_title() {
        let (t, b) = docs("Upgrade the charting library", "Bump it to the latest major.");
        let r = Reading::new(&t, &b);
        let f = check(&r, false).unwrap();
        assert_eq!(f.field, crate::model::Field::Title);
        assert_eq!((f.span.start, f.span.end), (0, "Upgrade the charting library".len()));
    }

    #[test]
    fn allows_tickets_with_outcome() {
        let (t, b) = docs("Exports time out", "");
        assert!(check(&Reading::new(&t, &b), true).is_none());
    }
}
