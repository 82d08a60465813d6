//! Judging a read ticket: does it state an outcome, does it prescribe a solution, how does it
//! score on each framing dimension, and which phrases are responsible.
//!
//! PLACEHOLDER: a keyword baseline so every surface runs end to end; the real rules replace it.

use crate::config::Config;
use crate::model::{Field, Finding, Scores, Severity, Span};
use crate::text::Document;

/// What the judge concluded, with spans in bytes (UTF-16 offsets are added by `crate::analyze`).
#[derive(Clone, Debug, Default)]
pub struct Judgement {
    pub states_outcome: bool,
    pub prescribes_solution: bool,
    pub scores: Scores,
    pub findings: Vec<Finding>,
}

pub fn judge(title: &Document, body: &Document, config: &Config) -> Judgement {
    let mut j = Judgement::default();
    for (field, doc) in [(Field::Title, title), (Field::Body, body)] {
        for block in &doc.blocks {
            for (start, sentence) in block.sentences() {
                let lower = sentence.to_lowercase();
                if lower.contains("so that") || lower.contains("because") || lower.contains("users ") {
                    j.states_outcome = true;
                }
                let first = lower.split_whitespace().next().unwrap_or("");
                if ["implement", "add", "use", "change", "create", "remove"].contains(&first) && config.rule_enabled("prescribed-solution") {
                    j.prescribes_solution = true;
                    let (s, e) = block.to_source(start, start + first.len());
                    j.findings.push(Finding {
                        rule: "prescribed-solution".into(),
                        severity: Severity::Warning,
                        message: "This sentence orders a solution.".into(),
                        suggestion: "Say who needs what and why; leave the how to the owner.".into(),
                        field,
                        span: Span { start: s, end: e },
                        span_utf16: Span::default(),
                    });
                }
            }
        }
    }
    j.scores.openness = if j.prescribes_solution { 0.0 } else { 1.0 };
    j
}
