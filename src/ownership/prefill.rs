//! A first record to edit, filled from what the ticket already says.

use super::record::{Decision, Record};
use crate::config::Config;
use crate::model::{Analysis, Format, Ticket};
use crate::text::{BlockKind, Document};

/// Words that mark a sentence as saying who needs what, or why.
const OUTCOME_CUES: [&str; 9] =
    ["so that", "because", "users", "user ", "can't", "can’t", "cannot", "unable to", "in order to"];

/// Owner from the assignee, outcome from the body's first outcome-like sentence (empty when none),
/// decision areas from the team's configuration. Everything else is left for the owner.
pub fn prefill(ticket: &Ticket, analysis: &Analysis, assignee: Option<&str>, config: &Config) -> Record {
    Record {
        owner: assignee.unwrap_or("").trim().to_string(),
        outcome: outcome_sentence(ticket, analysis).unwrap_or_default(),
        decisions: config
            .decision_areas_or_default()
            .into_iter()
            .map(|a| Decision { area: a.area, level: a.level, note: a.note })
            .collect(),
        ..Default::default()
    }
}

fn outcome_sentence(ticket: &Ticket, analysis: &Analysis) -> Option<String> {
    // For ADF the analysis carries the text it read, so the body is not converted twice.
    let doc = match &analysis.body_text {
        Some(text) => Document::body(text, Format::Markdown).ok()?,
        None => Document::body(&ticket.body, ticket.format).ok()?,
    };
    for block in doc.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::Heading(_) | BlockKind::Title)) {
        for (start, sentence) in block.sentences() {
            let lower = sentence.to_lowercase();
            if OUTCOME_CUES.iter().any(|cue| lower.contains(cue)) {
                // The user's own words from the source, not the cleaned text with placeholders.
                let (s, e) = block.to_source(start, start + sentence.len());
                let source = doc.source.get(s..e).unwrap_or(sentence);
                return Some(source.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    None
}
