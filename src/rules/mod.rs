//! One rule per file. Phrase rules (`detect`) find the words that make a sentence an order;
//! missing-dimension rules (`check`) notice what a ticket never says. The judge runs the
//! detectors once per sentence, counts their hits as signals, and turns the hits of enabled
//! rules into findings.

pub mod imperative_solution;
pub mod missing_outcome;
pub mod missing_success_measure;
pub mod missing_who;
pub mod missing_why;
pub mod modal_prescription;
pub mod no_invitation;
pub mod prescribed_technology;
pub mod step_list;

use crate::judge::lexicon;
use crate::judge::reading::{Reading, Sentence};
use crate::model::{Field, Finding, Severity, Span};

/// Every rule id, for documentation and configuration checks.
pub const ALL: &[&str] = &[
    imperative_solution::ID,
    modal_prescription::ID,
    prescribed_technology::ID,
    step_list::ID,
    missing_outcome::ID,
    missing_why::ID,
    missing_who::ID,
    missing_success_measure::ID,
    no_invitation::ID,
];

pub(crate) fn finding(rule: &str, severity: Severity, message: String, suggestion: String, field: Field, span: (usize, usize)) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity,
        message,
        suggestion,
        field,
        span: Span { start: span.0, end: span.1 },
        span_utf16: Span::default(),
    }
}

/// Where a missing-dimension finding points: the title, or else the first judged sentence.
pub(crate) fn anchor(reading: &Reading) -> (Field, (usize, usize)) {
    if let Some(s) = reading.sentences().find(|s| !s.is_empty()) {
        return (s.view.field, s.whole_span());
    }
    (Field::Title, (0, 0))
}

/// The clause an order starts at word `from`: up to a comma, colon, semicolon, bracket, a
/// purpose or reason connective, or twelve words.
pub(crate) fn clause_end(s: &Sentence, from: usize) -> usize {
    let mut i = from + 1;
    while i < s.len() && i < from + 12 {
        if matches!(s.word(i), "so" | "because" | "since" | "which" | "otherwise" | "but") {
            break;
        }
        // Punctuation between the previous word and this one ends the clause.
        if let (Some((_, prev_end)), Some((start, _))) = (s.word_range(i - 1), s.word_range(i)) {
            let gap = &s.view.block.text[prev_end..start];
            if gap.contains([',', ';', ':', '(', ')']) {
                break;
            }
        }
        i += 1;
    }
    i
}

/// The sentence softens itself into one option ("maybe", "could", "one option").
pub(crate) fn hedged(s: &Sentence) -> bool {
    s.any(lexicon::HEDGE) || s.is_question()
}

/// The words `from..to` of a sentence, as written, for quoting in messages.
pub(crate) fn quote(s: &Sentence, from: usize, to: usize) -> String {
    match (s.word_range(from), s.word_range(to.saturating_sub(1).max(from))) {
        (Some((a, _)), Some((_, b))) if a <= b => {
            let text = &s.view.block.text[a..b];
            let mut out: String = text.chars().take(60).collect();
            if out.len() < text.len() {
                out.push('…');
            }
            out
        }
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::judge::reading::Reading;
    use crate::text::{markdown, Document};

    /// Reads a title and a Markdown body for rule tests.
    pub fn docs(title: &str, body: &str) -> (Document, Document) {
        (Document::title(title), markdown::read(body))
    }

    /// Runs `f` over every judged sentence and collects what it returns.
    pub fn each<T>(title: &str, body: &str, f: impl Fn(&crate::judge::reading::Sentence) -> Option<T>) -> Vec<T> {
        let (t, b) = docs(title, body);
        let r = Reading::new(&t, &b);
        r.sentences().filter_map(|s| f(&s)).collect()
    }
}
