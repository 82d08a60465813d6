//! Nudges: what the ticket's panel should point out about ownership today.

use super::record::Record;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nudge {
    /// Stable id: `no-record`, `no-owner`, `owner-not-assignee`, `no-decision-areas`,
    /// `check-in-overdue`, `handoff-incomplete`, `experiment-review-overdue`.
    pub id: String,
    pub message: String,
}

fn nudge(id: &str, message: String) -> Nudge {
    Nudge { id: id.to_string(), message }
}

/// A calendar date from `YYYY-MM-DD` (surrounding spaces allowed), as (year, month, day).
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = t.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

/// One person however the tracker spells them: `@alice`, `[~alice]`, ` Alice `.
fn person(name: &str) -> String {
    let n = name.trim();
    let n = n.strip_prefix("[~").and_then(|s| s.strip_suffix(']')).unwrap_or(n);
    let n = n.trim().strip_prefix('@').unwrap_or(n.trim());
    n.trim().to_lowercase()
}

/// What to point out, given the record (if the description has one), the current assignee and
/// today's date (`YYYY-MM-DD`; anything else is an error).
pub fn nudges(record: Option<&Record>, assignee: Option<&str>, today: &str) -> Result<Vec<Nudge>, crate::Error> {
    let today_date = parse_date(today)
        .ok_or_else(|| crate::Error::BadInput(format!("today must be a date as YYYY-MM-DD, not '{today}'")))?;
    let Some(r) = record else {
        return Ok(vec![nudge(
            "no-record",
            "No ownership recorded yet: name the owner, the outcome and who decides what.".into(),
        )]);
    };
    let mut out = Vec::new();
    let assignee = assignee.map(person).filter(|a| !a.is_empty());
    if person(&r.owner).is_empty() {
        out.push(nudge("no-owner", "The record names no owner of the outcome.".into()));
    } else if let Some(a) = &assignee {
        let handed_over = r.handoffs.iter().any(|h| person(&h.to) == *a);
        if person(&r.owner) != *a && !handed_over {
            out.push(nudge(
                "owner-not-assignee",
                format!(
                    "The assignee is not the recorded owner ({}) and no hand-off to them is recorded: record the hand-off or correct the owner.",
                    r.owner.trim()
                ),
            ));
        }
    }
    if r.decisions.is_empty() {
        out.push(nudge(
            "no-decision-areas",
            "No decision areas: say which decisions the owner makes alone and which need a word first.".into(),
        ));
    }
    if let Some(date) = parse_date(&r.check_in) {
        if date < today_date {
            out.push(nudge("check-in-overdue", format!("The check-in planned for {} is overdue.", r.check_in.trim())));
        }
    }
    if let Some(h) = r.handoffs.last() {
        let missing: Vec<&str> = [(h.knowledge, "knowledge"), (h.decision_context, "decision context"), (h.stakeholders, "stakeholders")]
            .into_iter()
            .filter(|(done, _)| !done)
            .map(|(_, what)| what)
            .collect();
        if !missing.is_empty() {
            out.push(nudge(
                "handoff-incomplete",
                format!("The last hand-off has not covered: {}.", missing.join(", ")),
            ));
        }
    }
    if let Some(e) = &r.experiment {
        if parse_date(&e.review_date).is_some_and(|d| d < today_date) {
            out.push(nudge(
                "experiment-review-overdue",
                format!("The experiment's review, due {}, has not been recorded.", e.review_date.trim()),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::{Decision, Handoff};

    fn ids(n: &[Nudge]) -> Vec<&str> {
        n.iter().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn nothing_recorded_is_one_nudge() {
        assert_eq!(ids(&nudges(None, Some("a"), "2026-01-01").unwrap()), ["no-record"]);
    }

    #[test]
    fn a_complete_record_has_no_nudges() {
        let r = Record {
            owner: "@alice".into(),
            decisions: vec![Decision { area: "x".into(), level: 5, note: String::new() }],
            check_in: "2026-02-01".into(),
            ..Default::default()
        };
        assert!(nudges(Some(&r), Some("Alice"), "2026-02-01").unwrap().is_empty());
    }

    #[test]
    fn reassignment_without_handoff_and_past_check_in() {
        let mut r = Record { owner: "alice".into(), check_in: "2026-01-31".into(), ..Default::default() };
        assert_eq!(
            ids(&nudges(Some(&r), Some("bob"), "2026-02-01").unwrap()),
            ["owner-not-assignee", "no-decision-areas", "check-in-overdue"]
        );
        r.handoffs.push(Handoff { from: "alice".into(), to: "@Bob".into(), knowledge: true, ..Default::default() });
        assert_eq!(ids(&nudges(Some(&r), Some("bob"), "2026-02-01").unwrap()), ["no-decision-areas", "check-in-overdue", "handoff-incomplete"]);
        r.check_in = "weekly".into();
        assert_eq!(ids(&nudges(Some(&r), Some("bob"), "2026-02-01").unwrap()), ["no-decision-areas", "handoff-incomplete"]);
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-1-01"), None);
        assert!(nudges(None, None, "tomorrow").is_err());
    }
}
