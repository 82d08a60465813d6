//! Choosing the sentences the framing quotes back: what outcome the ticket already states, what
//! evidence it already gives, what success measure it already names. Simple, explainable signals
//! (purpose clauses, inability, symptoms, numbers, the section a sentence sits in); when nothing
//! fits, the framing asks the author instead of inventing an answer.

use crate::config::Config;
use crate::text::markdown::code_span;
use crate::text::{Block, BlockKind, Document, CODE_WORD, URL_WORD};

/// At most this many sentences per section: a framing points, it does not summarise.
const MAX_PER_SECTION: usize = 3;
const MIN_WORDS: usize = 3;
const MAX_WORDS: usize = 60;

/// The sentences picked for each section, as source text with whitespace collapsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picks {
    pub outcome: Vec<String>,
    pub evidence: Vec<String>,
    pub success: Vec<String>,
}

/// Phrases that state why the work matters or what someone cannot do: purpose clauses,
/// inability, needs, and bug symptoms.
const OUTCOME: &[&str] = &[
    "so that", "so they ", "so they can", "so we can", "so users", "so customers", "so people", "in order to", "because",
    "which means", "as a result", "can't", "cannot", "can not", "unable to", "not able to", "isn't able",
    "aren't able", "are forced to", "have to manually", "has to manually", "struggle", "frustrat", "confus",
    "blocked", "blocks", "fails", "failed", "failing", "broken", "doesn't work", "does not work", "don't work",
    "isn't working", "not working", "crash", "wrong", "need to be able", "needs to be able", "want to be able",
    "like to be able", "as a user", "i want to", "it is hard", "it's hard", "difficult", "painful",
    "time-consuming", "waste", "impossible", "lose ", "losing", "lost ", "instead of",
];

/// Headings of sections whose prose states the problem or the goal ("Describe the bug" is
/// GitHub's bug template).
const OUTCOME_SECTIONS: &[&str] = &[
    "problem", "why", "motivation", "goal", "purpose", "user story", "current behavior", "current behaviour",
    "actual behavior", "actual behaviour", "actual result", "what happened", "impact", "pain", "the bug", "bug description",
];

/// Headings of sections whose every statement is a criterion of done: a bug's expected behaviour
/// is what the people affected will notice once it is fixed, number or not.
const CRITERION_SECTIONS: &[&str] = &["expected", "acceptance", "definition of done"];

/// Phrases that point at evidence: reports, measurements, data, incidents.
const EVIDENCE: &[&str] = &[
    "reported", "reports", "according to", "support ticket", "tickets", "complain", "we measured", "measured",
    "data shows", "the data", "metrics", "dashboard", "logs show", "survey", "feedback", "interview",
    "analytics", "incident", "churn", "spike", "increase", "decrease", "per day", "per week", "per month",
    "a day", "a week", "a month", "last week", "last month", "since ",
];

const EVIDENCE_SECTIONS: &[&str] = &["background", "context", "evidence", "data", "research", "impact", "findings"];

/// Phrases that name how success would be recognised.
const SUCCESS: &[&str] = &[
    "success", "done when", "definition of done", "we will know", "we'll know", "measure", "metric",
    "kpi", "should drop", "should fall", "should rise", "reduce", "increase", "at least", "no more than",
    "fewer than", "less than", "p95", "p99", "conversion", "retention", "nps",
];

const SUCCESS_SECTIONS: &[&str] = &["success", "definition of done", "metrics", "measure", "goal"];

fn count_hits(lower: &str, phrases: &[&str]) -> usize {
    phrases.iter().filter(|p| starts_a_word(lower, p)).count()
}

/// Does `phrase` occur where a word starts? ("lose" is not in "closing"; "frustrat" is a stem.)
fn starts_a_word(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Verbs that open an instruction ("Implement X", "Use Redis").
const ORDER_VERBS: &[&str] = &[
    "implement", "add", "use", "create", "build", "change", "remove", "update", "refactor", "migrate", "replace",
    "write", "make", "set", "move", "install", "configure", "introduce", "switch", "upgrade", "rename", "delete",
    "extract", "convert", "bump", "enable", "disable", "call", "store", "cache", "return", "expose",
];

fn first_word(lower: &str) -> &str {
    lower.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("")
}

fn starts_with_order(lower: &str) -> bool {
    ORDER_VERBS.contains(&first_word(lower))
}

/// "See the incident log", "Refer to #12", "cc @maria": the sentence sends the reader elsewhere.
fn points_elsewhere(lower: &str) -> bool {
    matches!(first_word(lower), "see" | "refer" | "related" | "relates" | "cc" | "follow")
}

fn has_number(lower: &str) -> bool {
    lower.bytes().any(|b| b.is_ascii_digit())
}

/// One candidate sentence with its scores.
struct Candidate {
    text: String,
    outcome: usize,
    evidence: usize,
    success: usize,
}

/// Chooses sentences from the body's prose blocks (and the title) for the framing's sections.
pub fn pick(title: &Document, body: &Document, config: &Config) -> Picks {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (doc, is_title) in [(title, true), (body, false)] {
        // The heading the next blocks fall under: a Markdown heading, or a line standing for one
        // ("**Expected behavior**").
        let mut heading = String::new();
        for block in &doc.blocks {
            if block.is_heading_like() {
                heading = block.text.to_lowercase();
                continue;
            }
            // Template instructions (`_Describe the problem_`), table cells and link-only lines
            // (another page's name) are not statements.
            if block.all_emphasis || block.all_link || block.kind == BlockKind::TableCell {
                continue;
            }
            for (start, sentence) in block.sentences() {
                let words = sentence.split_whitespace().count();
                if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
                    continue;
                }
                let text = collapse(&quote_text(doc, block, start, sentence.trim_end()));
                if text.is_empty() || !seen.insert(text.to_lowercase()) {
                    continue;
                }
                candidates.push(score(&text, sentence, &heading, is_title, config));
            }
        }
    }
    // Each sentence is quoted once, in the section it speaks to most (ties: outcome first).
    Picks {
        outcome: choose(&candidates, |c| c.outcome * usize::from(c.outcome >= c.evidence.max(c.success))),
        evidence: choose(&candidates, |c| c.evidence * usize::from(c.evidence > c.outcome && c.evidence >= c.success)),
        success: choose(&candidates, |c| c.success * usize::from(c.success > c.outcome.max(c.evidence))),
    }
}

fn score(text: &str, clean: &str, heading: &str, is_title: bool, config: &Config) -> Candidate {
    let lower = clean.to_lowercase();
    let in_section = |names: &[&str]| names.iter().any(|n| starts_a_word(heading, n));
    // Stating the need is what the framing most wants to keep, so it weighs double.
    let mut outcome = 2 * count_hits(&lower, OUTCOME);
    let mentions_role =
        config.vocabulary.roles.iter().any(|r| !r.trim().is_empty() && starts_a_word(&lower, &r.to_lowercase()));
    if mentions_role && outcome > 0 {
        outcome += 1;
    }
    // An order sitting under "Problem" is still an order, not a statement of the problem, and a
    // pointer ("See the incident log") is not one either.
    if in_section(OUTCOME_SECTIONS) && !is_title && !starts_with_order(&lower) && !points_elsewhere(&lower) {
        outcome += 1;
    }
    let mut evidence = count_hits(&lower, EVIDENCE);
    if evidence > 0 && has_number(&lower) {
        evidence += 1;
    }
    if in_section(EVIDENCE_SECTIONS) && !is_title && evidence > 0 {
        evidence += 1;
    }
    // One loose word ("dashboard", "since") is not evidence; two signals are.
    if evidence < 2 {
        evidence = 0;
    }
    let team_measure =
        config.vocabulary.measures.iter().any(|m| !m.trim().is_empty() && starts_a_word(&lower, &m.to_lowercase()));
    let mut success = count_hits(&lower, SUCCESS) + usize::from(team_measure);
    // A success measure names a number or a team measure; "reduce" alone is an intention.
    if success > 0 && !(has_number(&lower) || team_measure) {
        success = 0;
    }
    if in_section(SUCCESS_SECTIONS) && !is_title && success > 0 {
        success += 1;
    }
    if in_section(CRITERION_SECTIONS) && !is_title && !starts_with_order(&lower) {
        success = success.max(outcome + 1).max(2);
    }
    Candidate { text: text.to_string(), outcome, evidence, success }
}

/// The best few candidates by `key` (ties keep document order), listed in document order.
fn choose(candidates: &[Candidate], key: impl Fn(&Candidate) -> usize) -> Vec<String> {
    let mut ranked: Vec<usize> = (0..candidates.len()).filter(|&i| key(&candidates[i]) > 0).collect();
    ranked.sort_by_key(|&i| (std::cmp::Reverse(key(&candidates[i])), i));
    ranked.truncate(MAX_PER_SECTION);
    ranked.sort_unstable();
    ranked.into_iter().map(|i| candidates[i].text.clone()).collect()
}

/// The sentence as prose: markup gone (no half-open `**` from cutting the source), but inline
/// code and URLs, which the clean text holds as placeholders, restored from the source.
fn quote_text(doc: &Document, block: &Block, start: usize, sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut last = 0;
    for (i, end) in crate::text::scan::words(sentence) {
        let word = &sentence[i..end];
        if word != CODE_WORD && word != URL_WORD {
            continue;
        }
        let (s, e) = block.to_source(start + i, start + i + word.len());
        if let Some(src) = doc.source.get(s..e) {
            out.push_str(&sentence[last..i]);
            if word == CODE_WORD && src.starts_with('<') {
                // An HTML body's <code> element: quoted as the code span a reader would see.
                out.push_str(&code_span(&collapse(&crate::text::html::shown_text(src))));
            } else {
                out.push_str(src);
            }
            last = i + word.len();
        }
    }
    out.push_str(&sentence[last..]);
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn picks(title: &str, body: &str) -> Picks {
        let t = Document::title(title);
        let b = Document::body(body, Format::Markdown).unwrap();
        pick(&t, &b, &Config::default())
    }

    #[test]
    fn quotes_purpose_symptoms_and_evidence_from_the_source() {
        let p = picks(
            "Add CSV export",
            "## Problem\n\nFinance **can't** reconcile payouts at month end, so they copy rows by hand.\n\n\
             Support received 14 tickets about this last month.\n\n## Proposal\n\nImplement `/export` with Redis.\n\n\
             Success: manual reconciliation time should drop below 10 minutes.",
        );
        assert_eq!(p.outcome, ["Finance can't reconcile payouts at month end, so they copy rows by hand."]);
        assert_eq!(p.evidence, ["Support received 14 tickets about this last month."]);
        assert_eq!(p.success, ["Success: manual reconciliation time should drop below 10 minutes."]);
    }

    #[test]
    fn quotes_restore_code_and_urls_but_not_emphasis() {
        let p = picks("", "**Users** can't open `report.pdf` from https://x.io/r, so finance waits.");
        assert_eq!(p.outcome, ["Users can't open `report.pdf` from https://x.io/r, so finance waits."]);
        let p = picks("", "Closing the dialog works. You can now close this issue.");
        assert!(p.outcome.is_empty(), "{:?}", p.outcome);
    }

    #[test]
    fn quotes_from_an_html_body_show_its_code_as_code_spans() {
        let p = picks("", "<p>Readers can't tell <code>&lt;pre&gt;</code> from quotes &amp; lose\ntrack, so reviews stall.</p>");
        assert_eq!(p.outcome, ["Readers can't tell `<pre>` from quotes & lose track, so reviews stall."]);
    }

    #[test]
    fn a_bug_templates_description_is_the_outcome_and_its_expected_behaviour_the_success() {
        let p = picks(
            "Job log stops streaming",
            "**Describe the bug**\nThe job log stops streaming after about 10 minutes.\n\n**To Reproduce**\n1. Open a job page\n\n\
             **Expected behavior**\nThe log keeps streaming until the job ends.\n",
        );
        assert_eq!(p.outcome, ["The job log stops streaming after about 10 minutes."]);
        assert_eq!(p.success, ["The log keeps streaming until the job ends."]);
        let p = picks("", "**Actual result**\nThe download fails with a 502 error.\n\nSee the incident log for the day.\n");
        assert_eq!(p.outcome, ["The download fails with a 502 error."]);
    }

    #[test]
    fn an_order_alone_yields_nothing_to_quote() {
        let p = picks("Implement history endpoint", "Implement the /history endpoint with limit and offset. Use Redis to cache it.");
        assert_eq!(p, Picks::default());
    }

    #[test]
    fn template_instructions_are_not_quoted() {
        let p = picks("", "_Describe the problem so that we can help, because it matters._\n\nUse Redis.");
        assert!(p.outcome.is_empty());
    }
}
