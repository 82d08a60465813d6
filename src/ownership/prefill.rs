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

#[cfg(test)]
mod tests {
    use super::*;

    fn prefilled(body: &str, assignee: Option<&str>, config: &Config) -> Record {
        let ticket = Ticket { title: "Payout errors".into(), body: body.into(), format: Format::Markdown };
        let analysis = crate::analyze(&ticket, config).expect("markdown reads");
        prefill(&ticket, &analysis, assignee, config)
    }

    #[test]
    fn takes_the_first_outcome_sentence_in_the_users_words() {
        let body = "## Context\n\nThe payout page exists. Merchants **can't** tell why a\npayout failed, so they call support.\n\n```\nusers can't see logs\n```";
        let r = prefilled(body, Some(" @alice "), &Config::default());
        assert_eq!(r.owner, "@alice");
        assert_eq!(r.outcome, "Merchants **can't** tell why a payout failed, so they call support.");
        assert_eq!(r.decisions.len(), Config::default().decision_areas_or_default().len());
    }

    #[test]
    fn leaves_the_outcome_empty_when_nothing_reads_as_one() {
        let config = Config::from_json(r#"{"decision_areas":[{"area":"Schema","level":2,"note":"ask DBA"}]}"#).unwrap();
        let r = prefilled("Implement the endpoint. Use Redis.\n\n> users can't wait", None, &config);
        assert_eq!(r.owner, "");
        assert_eq!(r.outcome, "");
        assert_eq!(r.decisions, vec![Decision { area: "Schema".into(), level: 2, note: "ask DBA".into() }]);
    }
}
