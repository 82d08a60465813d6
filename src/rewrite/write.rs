//! Writing the framing in Markdown or Jira wiki markup. The generated text is fixed wording plus
//! quoted sentences and the team's decision areas; quotes are escaped so that a sentence can
//! never open a block that spills into the next section.

use super::{Picks, Target, MARKER, ORIGINAL_HEADING};
use crate::config::{level_in_words, Config};
use crate::model::Analysis;

const ASK_OUTCOME: &str = "Who needs this, and what can't they do today?";
const CONFIRM_OUTCOME: &str = "Is this the outcome that matters? Correct it if the people affected would put it differently.";
const ASK_EVIDENCE: &str =
    "What tells us this matters: reports, numbers, support tickets, a conversation with someone affected?";
const MORE_EVIDENCE: &str = "What else do we know, and who could we ask?";
const ASK_SUCCESS: &str =
    "How will we know this worked? Name the change the people affected will notice, and a measure if there is one.";
const CONFIRM_SUCCESS: &str = "Is this how we will know it worked?";
const SUPPORT: &str = "What do you need from me to move forward? I can help with access, context from the people affected, time to explore, or a second pair of eyes: say which.";
const ASSESSMENT: &str = "Before you commit to an approach, please share your assessment: Is the outcome right? What risks, edge cases or unknowns do you see? Is there a simpler or better way to get there? Disagreeing with the original proposal is welcome.";
const SOLUTION_NAMED: &str = "The original proposal names a solution. Treat it as one option, not an order: within the authority above, choose the approach you think best.";

const QUESTION_LABEL: &str = "Question for the author:";
/// How a quoted sentence opens its line, in Markdown and in Jira wiki.
const QUOTE_MARKDOWN: &str = "> ";
const QUOTE_JIRA: &str = "bq. ";
const QUOTES_OUTCOME: &str = "The ticket says:";
const QUOTES_SUCCESS: &str = "The ticket mentions:";
const AUTHORITY_INTRO: &str = "How much of each decision is yours (Delegation Poker, level 1 Tell to 7 Delegate):";

/// Whether a paragraph's text (as read, markup gone) is one of the framing's own prompts, still
/// as written: a question for the author, a request to confirm a quote, an introduction, a
/// quote of the ticket (for the part of a framed body before the original). Until
/// the author answers them they state nothing about the ticket, so the judge reads them as
/// template boilerplate. The offers (authority levels, support, the request for an assessment)
/// are not prompts: they are what the framing adds to the ticket.
pub fn is_prompt(text: &str) -> bool {
    let text = text.trim();
    let asked = text.strip_prefix(QUESTION_LABEL).map_or(text, str::trim_start);
    // A quote of the ticket's own sentence, where the editor's text kept its marker as text
    // (plain text, a rich-text editor): the original below says it again.
    is_quote_line(text)
        || text.starts_with(MARKER)
        || [ASK_OUTCOME, CONFIRM_OUTCOME, ASK_EVIDENCE, MORE_EVIDENCE, ASK_SUCCESS, CONFIRM_SUCCESS, QUOTES_OUTCOME, QUOTES_SUCCESS, AUTHORITY_INTRO]
            .contains(&asked)
}

/// Whether a line opens as the framing's quotes of the ticket do (`> `, `bq. `).
pub fn is_quote_line(line: &str) -> bool {
    line.starts_with(QUOTE_MARKDOWN) || line.starts_with(QUOTE_JIRA)
}

/// Whether a paragraph's text is one of the framing's own offers, as written: the owner's
/// authority per decision area, the support offered, the request for an assessment, the note
/// that the proposal is one option. They count as authority, support and invitation, and as
/// nothing else: the framing's own wording is no statement about the problem and no order.
pub fn is_offer(text: &str) -> bool {
    let text = text.trim();
    [SUPPORT, ASSESSMENT, SOLUTION_NAMED].contains(&text)
        || text.match_indices(" (level ").any(|(i, m)| {
            let rest = &text[i + m.len()..];
            let level = rest.bytes().next().filter(u8::is_ascii_digit).map(|b| b - b'0');
            level.is_some_and(|n| rest[1..].strip_prefix("): ").is_some_and(|words| words.starts_with(level_in_words(n))))
        })
}

/// A minimal writer for the few constructs the framing uses.
struct Out {
    target: Target,
    text: String,
}

impl Out {
    fn para(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push_str("\n\n");
    }

    fn heading(&mut self, text: &str) {
        let prefix = match self.target {
            Target::Markdown => "## ",
            Target::Jira => "h2. ",
        };
        self.para(&format!("{prefix}{text}"));
    }

    fn strong(&self, text: &str) -> String {
        match self.target {
            Target::Markdown => format!("**{text}**"),
            Target::Jira => format!("*{text}*"),
        }
    }

    fn quotes(&mut self, sentences: &[String]) {
        for s in sentences {
            let line = match self.target {
                Target::Markdown => format!("{QUOTE_MARKDOWN}{}", escape_markdown(s)),
                Target::Jira => format!("{QUOTE_JIRA}{}", escape_jira(s)),
            };
            self.para(&line);
        }
    }

    fn bullets(&mut self, items: &[String]) {
        let marker = match self.target {
            Target::Markdown => "- ",
            Target::Jira => "* ",
        };
        for item in items {
            self.text.push_str(marker);
            self.text.push_str(item);
            self.text.push('\n');
        }
        self.text.push('\n');
    }

    /// Team-supplied text (decision areas, notes): every markup character is escaped.
    fn plain(&self, text: &str) -> String {
        let special: &[char] = match self.target {
            Target::Markdown => &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!'],
            Target::Jira => &['\\', '*', '_', '{', '}', '[', ']', '|', '!'],
        };
        let mut out = String::with_capacity(text.len() + 4);
        for c in text.chars() {
            if special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
}

/// Writes the whole framing with `original` as its last section.
pub fn framing(picks: &Picks, analysis: &Analysis, config: &Config, target: Target, original: &str) -> String {
    let mut out = Out { target, text: String::with_capacity(original.len() + 2048) };
    out.para(&format!("{MARKER} — outcome first; the original proposal is kept word for word at the end."));

    out.heading("Outcome");
    if picks.outcome.is_empty() {
        let ask = format!("{} {ASK_OUTCOME}", out.strong(QUESTION_LABEL));
        out.para(&ask);
    } else {
        out.para(QUOTES_OUTCOME);
        out.quotes(&picks.outcome);
        out.para(CONFIRM_OUTCOME);
    }

    out.heading("Context and evidence");
    if picks.evidence.is_empty() {
        let ask = format!("{} {ASK_EVIDENCE}", out.strong(QUESTION_LABEL));
        out.para(&ask);
    } else {
        out.quotes(&picks.evidence);
        out.para(MORE_EVIDENCE);
    }

    out.heading("Success looks like");
    if picks.success.is_empty() {
        out.para(ASK_SUCCESS);
    } else {
        out.para(QUOTES_SUCCESS);
        out.quotes(&picks.success);
        out.para(CONFIRM_SUCCESS);
    }

    out.heading("Your authority");
    out.para(AUTHORITY_INTRO);
    let items: Vec<String> = config
        .decision_areas_or_default()
        .iter()
        .map(|a| {
            let name = out.plain(&collapse(&a.area));
            let mut item = format!("{} (level {}): {}", out.strong(&name), a.level, level_in_words(a.level));
            let note = collapse(&a.note);
            if !note.is_empty() {
                item.push_str(". ");
                item.push_str(&out.plain(&note));
            }
            item
        })
        .collect();
    out.bullets(&items);
    if analysis.prescribes_solution {
        out.para(SOLUTION_NAMED);
    }

    out.heading("Support");
    out.para(SUPPORT);

    out.heading("Your assessment");
    out.para(ASSESSMENT);

    out.heading(ORIGINAL_HEADING);
    out.text.push_str(original);
    out.text
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes a one-line quote for Markdown: HTML could open an element that spans sections, and a
/// leading marker could turn the line into a heading or list.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['#', '>', '-', '+', '*', '=', '|', '`', '~']) {
        out.push('\\');
    } else if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&text[..digits]);
        out.push('\\');
        out.push_str(&escape_html(&text[digits..]));
        return out;
    }
    out.push_str(&escape_html(text));
    out
}

/// `<` as `\<` outside code spans; inside one it is text already, and a backslash would show.
fn escape_html(text: &str) -> String {
    let bytes = text.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&c| c == b'`').count();
    let mut out = String::with_capacity(text.len() + 4);
    let (mut i, mut last) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'`' {
            // A span closes at the next run of as many backticks; unclosed, the run is text.
            let run = run_at(i);
            let mut j = i + run;
            i += run;
            while j < bytes.len() {
                let r = if bytes[j] == b'`' { run_at(j) } else { 0 };
                if r == run {
                    i = j + r;
                    break;
                }
                j += r.max(1);
            }
            continue;
        }
        if bytes[i] == b'<' {
            out.push_str(&text[last..i]);
            out.push('\\');
            last = i;
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    out
}

/// Escapes a one-line quote for Jira wiki: macros (`{code}`) and tables must stay text.
fn escape_jira(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '{' | '}' | '|' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_the_framings_prompts_and_offers_and_allows_the_authors_words() {
        assert!(is_prompt(&format!("{QUESTION_LABEL} {ASK_OUTCOME}")));
        assert!(is_prompt(CONFIRM_SUCCESS) && is_prompt(AUTHORITY_INTRO) && is_prompt(&format!("{MARKER} — outcome first")));
        assert!(!is_prompt("Who needs this? Finance analysts, every month end."));
        assert!(is_prompt("> Exports time out for large teams.") && is_prompt("bq. Exports time out."));
        assert!(is_offer(SUPPORT) && is_offer(ASSESSMENT) && is_offer(SOLUTION_NAMED));
        assert!(is_offer(&format!("Approach and implementation (level 6): {}", level_in_words(6))));
        assert!(is_offer(&format!("Pricing (level 2): {}. Ask finance first.", level_in_words(2))));
        assert!(!is_offer("Release and rollout (level 3): we ship on Fridays."));
        assert!(!is_offer("I can help with access."));
    }

    #[test]
    fn escapes_html_outside_code_spans_only() {
        assert_eq!(escape_markdown("Quotes and `<pre>` share <b>one</b> colour"), "Quotes and `<pre>` share \\<b>one\\</b> colour");
        assert_eq!(escape_markdown("a `` x ` <y> `` <z> and `open <w>"), "a `` x ` <y> `` \\<z> and `open \\<w>");
    }
}
