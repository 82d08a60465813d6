//! Choosing the sentences the framing quotes back: what outcome the ticket already states, what
//! evidence it already gives, what success measure it already names. The judge's reading decides
//! which sentences state a problem, a purpose or an order (`signals::States`), so the rewrite
//! quotes what the judgement counted; phrases for evidence and measures and the section a
//! sentence sits in add to that. When nothing fits, the framing asks the author instead of
//! inventing an answer.

use crate::config::Config;
use crate::judge::lexicon;
use crate::judge::reading::Reading;
use crate::judge::signals::Facts;
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
    "data shows", "metrics", "dashboard", "logs show", "survey", "feedback", "interview",
    "analytics", "incident", "churn", "spike", "increase", "decrease", "per day", "per week", "per month",
    "a day", "a week", "a month", "last week", "last month", "since ",
];

// Not "data": headings name data as the subject ("Data visualization") far more often than as
// evidence.
const EVIDENCE_SECTIONS: &[&str] = &["background", "context", "evidence", "research", "impact", "findings"];

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

fn first_word(lower: &str) -> &str {
    lower.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("")
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
    is_title: bool,
    outcome: usize,
    evidence: usize,
    success: usize,
}

/// Chooses sentences from the title and the body's judged prose (`Reading::sentences`: no
/// template instructions, headings or link-only lines) for the framing's sections. `facts` are
/// the judge's, one per sentence in reading order.
pub fn pick(reading: &Reading, facts: &[Facts], config: &Config) -> Picks {
    // Per block, the heading it falls under: a Markdown heading, or a line standing for one
    // ("**Expected behavior**"), lower-cased once.
    let mut headings: Vec<String> = Vec::new();
    let mut under: Vec<Option<usize>> = Vec::with_capacity(reading.blocks.len());
    for v in &reading.blocks {
        if v.is_title() {
            under.push(None);
            continue;
        }
        if v.heading_like {
            headings.push(v.block.text.to_lowercase());
        }
        under.push(headings.len().checked_sub(1));
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in facts {
        let s = &f.sentence;
        let v = s.view;
        // Template instructions (`_Describe the problem_`) and table cells are not statements.
        if v.block.all_emphasis || v.block.kind == BlockKind::TableCell || !(MIN_WORDS..=MAX_WORDS).contains(&s.len()) {
            continue;
        }
        let doc = if v.is_title() { reading.title } else { reading.body };
        let text = collapse(&quote_text(doc, v.block, s.start, s.text().trim_end()));
        if text.is_empty() || !seen.insert(text.to_lowercase()) {
            continue;
        }
        let heading = under[v.index].map_or("", |h| headings[h].as_str());
        candidates.push(score(text, f, heading, config));
    }
    // Each sentence is quoted once, in the section it speaks to most (ties: outcome first). The
    // title stands right above the framing, so it is quoted only when the body states no outcome.
    let outcome_of = |c: &Candidate| c.outcome * usize::from(c.outcome >= c.evidence.max(c.success));
    let body_states = candidates.iter().any(|c| !c.is_title && outcome_of(c) > 0);
    Picks {
        outcome: choose(&candidates, |c| outcome_of(c) * usize::from(!(c.is_title && body_states))),
        evidence: choose(&candidates, |c| c.evidence * usize::from(c.evidence > c.outcome && c.evidence >= c.success)),
        success: choose(&candidates, |c| c.success * usize::from(c.success > c.outcome.max(c.evidence))),
    }
}

fn score(text: String, f: &Facts, heading: &str, config: &Config) -> Candidate {
    let s = &f.sentence;
    let is_title = s.view.is_title();
    let lower = s.text().to_lowercase();
    let in_section = |names: &[&str]| names.iter().any(|n| starts_a_word(heading, n));
    let st = f.states;
    // Stating the need is what the framing most wants to keep, so it weighs double.
    let mut outcome = 2 * (usize::from(st.problem) + usize::from(st.purpose) + usize::from(st.user_story));
    let mentions_role = s.any(lexicon::ROLE)
        || config.vocabulary.roles.iter().any(|r| !r.trim().is_empty() && starts_a_word(&lower, &r.to_lowercase()));
    if mentions_role && outcome > 0 {
        outcome += 1;
    }
    // An order sitting under "Problem" is still an order, not a statement of the problem, and a
    // pointer ("See the incident log") is not one either.
    if in_section(OUTCOME_SECTIONS) && !is_title && !f.orders() && !points_elsewhere(&lower) {
        outcome += 1;
    }
    // A count with its unit ("120 of these tickets", "30%") is the judge's evidence.
    let mut evidence = count_hits(&lower, EVIDENCE) + usize::from(st.evidence);
    if evidence > 0 && has_number(&lower) {
        evidence += 1;
    }
    if in_section(EVIDENCE_SECTIONS) && !is_title && evidence > 0 {
        evidence += 1;
    }
    // One loose word ("dashboard", "since") is not evidence; two signals are. An order is
    // never evidence, whatever numbers it names ("Cache it for 24 hours").
    if evidence < 2 || f.orders() {
        evidence = 0;
    }
    let team_measure =
        config.vocabulary.measures.iter().any(|m| !m.trim().is_empty() && starts_a_word(&lower, &m.to_lowercase()));
    let mut success = count_hits(&lower, SUCCESS) + usize::from(team_measure) + usize::from(st.measure);
    // A success measure names a number or a team measure; "reduce" alone is an intention.
    if success > 0 && !(has_number(&lower) || team_measure) {
        success = 0;
    }
    if in_section(SUCCESS_SECTIONS) && !is_title && success > 0 {
        success += 1;
    }
    if in_section(CRITERION_SECTIONS) && !is_title && !f.orders() {
        success = success.max(outcome + 1).max(2);
    }
    Candidate { text, is_title, outcome, evidence, success }
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
        let reading = Reading::new(&t, &b);
        let config = Config::default();
        let (_, facts) = crate::judge::signals::collect(&reading, &config);
        pick(&reading, &facts, &config)
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
    fn quotes_what_the_judgement_counts_as_a_problem_or_a_reason() {
        // Neither sentence has a bug word; the judge reads pain ("cumbersome") and a benefit
        // ("easier"), and the rewrite quotes the same two sentences.
        let p = picks(
            "Show (OP) in topic log changes",
            "You can look through the topic log by hand, but that makes it quite cumbersome.\n\n\
             Marking the original poster would make moderation a lot easier.\n\nAdd an (OP) badge.",
        );
        assert_eq!(
            p.outcome,
            [
                "You can look through the topic log by hand, but that makes it quite cumbersome.",
                "Marking the original poster would make moderation a lot easier."
            ]
        );
    }

    #[test]
    fn quotes_the_title_only_when_the_body_states_no_outcome() {
        let p = picks("Import fails for files over 2 GB", "Raise the upload limit to 5 GB.");
        assert_eq!(p.outcome, ["Import fails for files over 2 GB"]);
        let p = picks("Import fails for files over 2 GB", "Uploads freeze at 99% and the import never starts.\n\nRaise the limit.");
        assert_eq!(p.outcome, ["Uploads freeze at 99% and the import never starts."]);
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
