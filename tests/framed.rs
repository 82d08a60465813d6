//! A ticket after the rewrite: the judgement follows the author through the framing. An order
//! that was rewritten no longer prescribes (the original is one non-binding option and the
//! framing asks for an assessment) and still lacks an outcome until the author answers; once
//! answered, it is outcome-first. The framing's own prompts and offers are never read as the
//! ticket's statements.

use ownframe::rewrite::Target;
use ownframe::{Class, Config, Format, Ticket};

const ORDER: &str = "Add a `POST /v2/exports` endpoint that takes `from`, `to` and `format`.\n\n\
                     - Queue the job in Sidekiq\n- Store the file in S3\n- Email a link that expires after 24 hours\n";
const OUTCOME: &str = "Finance analysts can't get more than 10,000 rows out of the reports page, so they copy pages by hand twice a week.";

fn ticket(body: &str, format: Format) -> Ticket {
    Ticket { title: "Exports API v2".into(), body: body.into(), format }
}

fn analyze(body: &str, format: Format) -> ownframe::Analysis {
    ownframe::analyze(&ticket(body, format), &Config::default()).unwrap()
}

fn rules(a: &ownframe::Analysis) -> Vec<&str> {
    a.findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn a_rewritten_order_no_longer_prescribes_and_still_asks_for_the_outcome() {
    assert_eq!(analyze(ORDER, Format::Markdown).class, Class::TaskStyle);
    for (target, format) in [(Target::Markdown, Format::Markdown), (Target::Jira, Format::Jira)] {
        let framed = ownframe::rewrite(&ticket(ORDER, Format::Markdown), &Config::default(), target).unwrap();
        let a = analyze(&framed, format);
        assert_eq!(a.class, Class::Unframed, "{target:?}");
        assert!(!rules(&a).contains(&"prescribed-solution"), "{target:?}: {:?}", rules(&a));
        assert!(rules(&a).contains(&"missing-outcome"), "{target:?}: {:?}", rules(&a));
        // The framing's offers are credited: authority levels, support, the invitation.
        assert!(a.scores.invitation >= 0.5 && a.scores.support > 0.0 && a.scores.authority >= 0.5, "{:?}", a.scores);
        // Its questions ("Who needs this, and what can't they do today?") state nothing.
        assert_eq!((a.scores.outcome.who, a.scores.outcome.problem, a.scores.outcome.why), (0.0, 0.0, 0.0));
    }
}

#[test]
fn answering_the_framing_makes_the_ticket_outcome_first() {
    let framed = ownframe::rewrite(&ticket(ORDER, Format::Markdown), &Config::default(), Target::Markdown).unwrap();
    let question = "**Question for the author:** Who needs this, and what can't they do today?";
    assert!(framed.contains(question));
    let answered = framed.replace(question, OUTCOME);
    assert_eq!(analyze(&answered, Format::Markdown).class, Class::OutcomeFirst);
    // An order written into the framing is the author's own again.
    let ordered = framed.replace(question, &format!("{OUTCOME}\n\nUse Redis to cache the export totals."));
    let a = analyze(&ordered, Format::Markdown);
    assert!(a.prescribes_solution, "{:?}", rules(&a));
}

#[test]
fn a_rewritten_statement_of_need_is_outcome_first() {
    // Before the rewrite the model may still read this as prescribing (no order in it, but in
    // the labelled corpus most tickets without bug words prescribe); after it, the framing's
    // request for an assessment settles that.
    let body = "## Problem\n\nNew team members wait two to three days for staging access, because every request goes \
                through one admin by email.\n\nWhat do you need from me to find out whether self-service is safe?\n";
    assert!(analyze(body, Format::Markdown).states_outcome);
    let framed = ownframe::rewrite(&ticket(body, Format::Markdown), &Config::default(), Target::Markdown).unwrap();
    let a = analyze(&framed, Format::Markdown);
    assert_eq!(a.class, Class::OutcomeFirst, "{:?}", rules(&a));
    assert!(a.scores.openness > 0.9);
}

#[test]
fn a_framing_read_back_from_a_rich_text_editor_reads_the_same() {
    // A rich-text editor (ProseMirror) gives back its text without `##` and `**`, and a quote
    // pasted as a paragraph keeps its `> ` as text.
    let framed = ownframe::rewrite(&ticket(ORDER, Format::Markdown), &Config::default(), Target::Markdown).unwrap();
    let plain: String = framed
        .lines()
        .map(|l| l.trim_start_matches("## ").replace("**", ""))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(plain.contains("\nOriginal proposal (non-binding)\n"));
    for format in [Format::Markdown, Format::Text] {
        let a = analyze(&plain, format);
        assert_eq!(a.class, Class::Unframed, "{format:?}: {:?}", rules(&a));
        assert!(rules(&a).contains(&"missing-outcome"));
        let answered = plain.replace("Question for the author: Who needs this, and what can't they do today?", OUTCOME);
        assert_eq!(analyze(&answered, format).class, Class::OutcomeFirst, "{format:?}");
    }
}
