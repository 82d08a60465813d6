//! The rewrite on the real corpus (`../shared/corpus/tickets.jsonl`): for every ticket and both
//! targets, the rewrite keeps every word in order, ends with the original verbatim, and is
//! idempotent. Evaluation only: nothing here depends on particular tickets. Skips cleanly when the
//! corpus is absent.

use ownframe::rewrite::{is_framed, is_lossless, Target};
use ownframe::{Config, Format, Ticket};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/tickets.jsonl");

fn corpus() -> Option<Vec<Ticket>> {
    let text = match std::fs::read_to_string(CORPUS) {
        Ok(t) => t,
        Err(_) => {
            eprintln!("note: {CORPUS} is absent; skipping the corpus rewrite check");
            return None;
        }
    };
    let tickets = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus lines are JSON");
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Ticket { title: field("title"), body: field("body"), format: Format::Markdown }
        })
        .collect();
    Some(tickets)
}

#[test]
fn every_corpus_ticket_rewrites_losslessly_and_idempotently() {
    let Some(tickets) = corpus() else { return };
    assert!(!tickets.is_empty(), "the corpus file is empty");
    let config = Config::default();
    let mut failures = Vec::new();
    let (mut checked, mut quoted_outcome) = (0usize, 0usize);
    for (n, ticket) in tickets.iter().enumerate() {
        // The same bodies read as Jira wiki and plain text exercise those readers on real text.
        for format in [Format::Markdown, Format::Jira, Format::Text] {
            let ticket = Ticket { format, ..ticket.clone() };
            for (target, again_format) in [(Target::Markdown, Format::Markdown), (Target::Jira, Format::Jira)] {
                let out = match ownframe::rewrite(&ticket, &config, target) {
                    Ok(out) => out,
                    Err(e) => {
                        failures.push(format!("line {}: {format:?} -> {target:?}: {e}", n + 1));
                        continue;
                    }
                };
                checked += 1;
                if format == Format::Markdown && target == Target::Markdown && !out.contains("Question for the author:** Who needs") {
                    quoted_outcome += 1;
                }
                if !is_lossless(&ticket.body, &out) || (!is_framed(&ticket.body) && !out.ends_with(&ticket.body)) {
                    failures.push(format!("line {}: {format:?} -> {target:?} lost text", n + 1));
                }
                let again = Ticket { title: ticket.title.clone(), body: out.clone(), format: again_format };
                if ownframe::rewrite(&again, &config, target).ok().as_ref() != Some(&out) {
                    failures.push(format!("line {}: {format:?} -> {target:?} not idempotent", n + 1));
                }
            }
        }
    }
    println!(
        "corpus: {} tickets, {checked} rewrites checked (3 input formats x 2 targets), {quoted_outcome} Markdown rewrites quote a stated outcome",
        tickets.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Reading a rewritten ticket: whether it states an outcome is what it was before (the framing's
/// prompts and offers add none, the original's own telling still counts), and it no longer
/// prescribes (the original is one non-binding option). Each body is read as Markdown and as Jira
/// wiki, rewritten into the same markup, and read back in it.
#[test]
fn a_rewrite_keeps_the_outcome_verdict_and_hands_the_solution_over() {
    let Some(tickets) = corpus() else { return };
    let config = Config::default();
    let mut failures = Vec::new();
    for (n, ticket) in tickets.iter().enumerate() {
        for (format, target) in [(Format::Markdown, Target::Markdown), (Format::Jira, Target::Jira)] {
            let ticket = Ticket { format, ..ticket.clone() };
            let before = ownframe::analyze(&ticket, &config).expect("reads");
            let body = ownframe::rewrite(&ticket, &config, target).expect("rewrites");
            let after = ownframe::analyze(&Ticket { body, ..ticket.clone() }, &config).expect("reads");
            if after.states_outcome != before.states_outcome || after.prescribes_solution {
                failures.push(format!(
                    "line {}: {format:?}: outcome {} -> {}, prescribes {} -> {}",
                    n + 1,
                    before.states_outcome,
                    after.states_outcome,
                    before.prescribes_solution,
                    after.prescribes_solution
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} rewrites judged differently:\n{}", failures.len(), 2 * tickets.len(), failures.join("\n"));
}
