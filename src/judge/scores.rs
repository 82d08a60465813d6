//! Signals to 0..1 scores per framing dimension. Each score saturates: two clear signals of a
//! dimension are as good as ten, and a single weak hint earns part of the credit.

use super::signals::Signals;
use crate::model::{OutcomeScores, Scores};

fn sat(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}

fn some(n: usize) -> f32 {
    if n > 0 {
        1.0
    } else {
        0.0
    }
}

/// `p_prescribes` is the model's probability that the ticket prescribes its solution.
pub fn score(s: &Signals, p_prescribes: f32) -> Scores {
    let problem_section = some(usize::from(s.problem_words >= 8));
    let outcome = OutcomeScores {
        who: if s.user_story { 1.0 } else { sat(0.5 * some(s.roles) + 0.25 * some(s.roles.saturating_sub(1)) + 0.25 * some(s.needs + s.observations)) },
        problem: sat(0.3 * s.trouble.min(2) as f32 + 0.3 * some(s.current_state) + 0.3 * problem_section + 0.3 * some(s.bug_sections) + 0.2 * some(s.needs)),
        // A reported malfunction is its own reason ("exports fail for large files"): a bug report
        // should not be told that nothing says why it matters.
        why: sat(0.5 * s.purpose.min(2) as f32
            + 0.4 * problem_section
            + 0.3 * f32::from(u8::from(s.user_story))
            + 0.2 * some(s.needs)
            + 0.3 * some(s.trouble + s.bug_sections + usize::from(s.title_trouble))),
        evidence: sat(0.35 * s.evidence.min(3) as f32 + 0.3 * some(s.observations) + 0.2 * some(s.bug_sections)),
        // Acceptance criteria, or a bug's expected behaviour: what done looks like.
        success_measure: sat(0.5 * s.measures.min(2) as f32 + 0.6 * some(usize::from(s.acceptance_words >= 5 || s.expected_words >= 4))),
    };
    let openness = sat(1.0 - p_prescribes + 0.1 * some(s.open_asks) + 0.05 * some(s.hedges));
    Scores {
        outcome,
        openness,
        authority: sat(0.5 * s.authority.min(2) as f32 + 0.4 * openness),
        support: sat(0.5 * s.support.min(2) as f32),
        invitation: sat(0.5 * s.invitations.min(2) as f32 + 0.25 * some(s.open_asks)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reported_malfunction_is_a_reason() {
        let bug = Signals { title_trouble: true, bug_sections: 2, expected_words: 7, ..Default::default() };
        assert!(score(&bug, 0.1).outcome.why >= 0.25);
        assert!(score(&bug, 0.1).outcome.success_measure >= 0.5);
        assert_eq!(score(&Signals { orders: 2, ..Default::default() }, 0.9).outcome.why, 0.0);
    }

    #[test]
    fn scores_stay_in_range_and_follow_signals() {
        let empty = score(&Signals::default(), 1.0);
        assert_eq!(empty.outcome.problem, 0.0);
        assert_eq!(empty.openness, 0.0);
        let rich = Signals { trouble: 9, purpose: 9, roles: 9, needs: 3, evidence: 9, measures: 9, invitations: 9, support: 9, authority: 9, ..Default::default() };
        let s = score(&rich, 0.0);
        for v in [s.outcome.who, s.outcome.problem, s.outcome.why, s.outcome.evidence, s.outcome.success_measure, s.openness, s.authority, s.support, s.invitation] {
            assert!((0.0..=1.0).contains(&v));
            assert!(v > 0.4);
        }
    }
}
