//! Ownframe's core: reads tickets, judges how they are framed (Outcome-Authority-Support), and
//! rewrites them outcome-first without losing a word. No DOM code lives here; `wasm` is a thin
//! binding layer for the browser surfaces.

// The dashboard widget's logic is native-tested always, but only compiled into wasm with the
// `board` feature: the extension's core wasm must stay small and never runs it.
#[cfg(any(feature = "board", not(target_arch = "wasm32")))]
pub mod board;
pub mod config;
#[cfg(all(feature = "board", target_arch = "wasm32"))]
pub mod dom;
mod error;
pub mod judge;
pub mod model;
pub mod ownership;
pub mod rewrite;
pub mod rules;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::Config;
pub use error::Error;
pub use model::{Analysis, Class, Field, Finding, Format, Scores, Severity, Span, Ticket};

use text::{offsets, Document};

/// The title and body read into prose blocks.
pub struct Reading {
    pub title: Document,
    pub body: Document,
}

/// Reads a ticket in its format. Fails only where the format itself is malformed (bad ADF).
pub fn read(ticket: &Ticket) -> Result<Reading, Error> {
    Ok(Reading { title: Document::title(&ticket.title), body: Document::body(&ticket.body, ticket.format)? })
}

/// Judges a ticket.
pub fn analyze(ticket: &Ticket, config: &Config) -> Result<Analysis, Error> {
    let reading = read(ticket)?;
    Ok(analyze_reading(&reading, ticket.format, config))
}

/// Judges an already read ticket (the rewrite reads once and uses the reading twice).
pub fn analyze_reading(reading: &Reading, format: Format, config: &Config) -> Analysis {
    let mut analysis = judge_reading(reading, config);
    fill_utf16(&mut analysis.findings, Field::Title, &reading.title.source);
    fill_utf16(&mut analysis.findings, Field::Body, &reading.body.source);
    analysis.word_count = reading.title.word_count() + reading.body.word_count();
    analysis.body_text = (format == Format::Adf).then(|| reading.body.source.clone());
    analysis
}

/// The judgement alone: class, labels, scores and findings in reading order, with byte spans
/// only (`span_utf16` and `word_count` left at 0). The board's table rows need no more, and on
/// a board of thousands of tickets the UTF-16 offsets and the word count (for editors and the
/// report) were a twentieth of the time.
pub fn judge_reading(reading: &Reading, config: &Config) -> Analysis {
    let judgement = judge::judge(&reading.title, &reading.body, config);
    let mut findings = judgement.findings;
    findings.sort_by_key(|f| (f.field == Field::Body, f.span.start, f.span.end));
    Analysis {
        class: Class::from_labels(judgement.states_outcome, judgement.prescribes_solution),
        states_outcome: judgement.states_outcome,
        prescribes_solution: judgement.prescribes_solution,
        scores: judgement.scores,
        findings,
        word_count: 0,
        body_text: None,
    }
}

fn fill_utf16(findings: &mut [Finding], field: Field, text: &str) {
    let offsets: Vec<usize> = findings
        .iter()
        .filter(|f| f.field == field)
        .flat_map(|f| [f.span.start, f.span.end])
        .collect();
    let units = offsets::many_to_utf16(text, &offsets);
    for (f, pair) in findings.iter_mut().filter(|f| f.field == field).zip(units.chunks(2)) {
        f.span_utf16 = Span { start: pair[0], end: pair[1] };
    }
}

/// Rewrites a ticket's body outcome-first. The title stays as it is.
pub fn rewrite(ticket: &Ticket, config: &Config, target: rewrite::Target) -> Result<String, Error> {
    let analysis = analyze(ticket, config)?;
    Ok(rewrite::rewrite(ticket, &analysis, config, target))
}
