//! The ownership record and its block in a ticket's description.
//!
//! The record lives in the description itself, as a readable section between marker lines, so
//! teammates without the extension see it and the tracker's history versions it. Writing touches
//! no byte outside the block; removing gives back the description exactly as it was before the
//! block was first written. A description the block can't be placed in unambiguously (two blocks,
//! a start without an end) is refused rather than guessed at, so no text is ever lost.
//!
//! Joining: a new block is appended after a separator of two line ends ("\n\n", or "\r\n\r\n" in
//! a CRLF description), or alone in an empty description, and nothing follows it. The separator
//! is the same whatever the text ends with, which is what lets `remove` take exactly it back.

mod escape;
mod markers;
mod nudges;
mod parse;
mod prefill;
mod record;
mod render;

pub use nudges::{nudges, Nudge};
pub use prefill::prefill;
pub use record::{Decision, Experiment, Handoff, OtherRow, Record};

use crate::{Error, Format};
use serde::{Deserialize, Serialize};

/// The markup the block is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// GitHub and GitLab: HTML-comment markers around a Markdown heading and tables.
    Markdown,
    /// Jira wiki markup (Data Center, and Cloud through its wiki conversion): editors drop HTML
    /// comments, so a visible heading starts the block and a visible line ends it.
    Jira,
}

impl Flavor {
    /// Plain text takes the Markdown block (readable as it is); ADF has no place for it.
    pub fn from_format(format: Format) -> Result<Flavor, Error> {
        match format {
            Format::Markdown | Format::Text => Ok(Flavor::Markdown),
            Format::Jira => Ok(Flavor::Jira),
            Format::Adf => Err(Error::BadInput(
                "the ownership block is written in markdown or jira wiki markup, not ADF".into(),
            )),
        }
    }

    pub fn parse(name: &str) -> Result<Flavor, Error> {
        Flavor::from_format(Format::parse(name)?)
    }
}

/// Something about the description or the block the reader could not take as it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable id: `damaged-block`, `duplicate-block`, `newer-version`, `stray-line`,
    /// `duplicate-row`, `unknown-column`, `unreadable-level`, `unreadable-row`.
    pub kind: String,
    /// 1-based line in the description, when one is to blame.
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    fn new(kind: &str, line: Option<usize>, message: String) -> Warning {
        Warning { kind: kind.to_string(), line, message }
    }
}

/// What `read` found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub record: Option<Record>,
    pub warnings: Vec<Warning>,
}

/// Reads the block (the first complete one, when there are several) and says what it could not.
pub fn read(body: &str, flavor: Flavor) -> Reading {
    let lines = markers::lines(body);
    let layout = markers::locate(body, &lines, flavor);
    let mut warnings = layout.problems;
    let record = layout.blocks.first().map(|b| {
        let (record, more) = parse::parse(body, &lines[b.first + 1..b.last], flavor);
        warnings.extend(more);
        record
    });
    warnings.sort_by_key(|w| w.line);
    Reading { record, warnings }
}

/// The one block writing and removing may act on, or why there is none to act on safely.
fn sole_block(body: &str, flavor: Flavor, action: &str) -> Result<(Option<markers::Block>, Vec<markers::Line>), Error> {
    let lines = markers::lines(body);
    let layout = markers::locate(body, &lines, flavor);
    if !layout.problems.is_empty() {
        let why: Vec<String> = layout.problems.into_iter().map(|w| w.message).collect();
        return Err(Error::BadInput(format!(
            "{action} refused so no text is lost: {}; fix the markers by hand first",
            why.join("; ")
        )));
    }
    Ok((layout.blocks.first().copied(), lines))
}

/// The description with the record's block in place of the existing one, or appended.
///
/// Other rows already in the block that the record does not carry are kept after the record's
/// own: a surface that never heard of a teammate's hand-added row must not delete it. To drop
/// one, edit the description, or `remove` the block and write it afresh.
pub fn write(body: &str, record: &Record, flavor: Flavor) -> Result<String, Error> {
    record.validate()?;
    let (block, lines) = sole_block(body, flavor, "writing the ownership block")?;
    match block {
        Some(b) => {
            let (old, _) = parse::parse(body, &lines[b.first + 1..b.last], flavor);
            let mut merged = record.clone();
            let mut carried = record.other_rows.clone();
            for row in old.other_rows {
                match carried.iter().position(|r| *r == row) {
                    Some(i) => {
                        carried.swap_remove(i);
                    }
                    None => merged.other_rows.push(row),
                }
            }
            // (A kept duplicate "Experiment scope" row under a record without an experiment reads
            // back as the experiment: the words survive, in the field they name.)
            let block = render::render(&merged, flavor, if b.crlf { "\r\n" } else { "\n" });
            Ok([&body[..b.start], &block, &body[b.end..]].concat())
        }
        None if body.is_empty() => Ok(render::render(record, flavor, "\n")),
        None => {
            let eol = if body.contains("\r\n") { "\r\n" } else { "\n" };
            Ok([body, eol, eol, &render::render(record, flavor, eol)].concat())
        }
    }
}

/// The description without the block: byte for byte what it was before the block was written,
/// as long as the text around the block was not edited since.
pub fn remove(body: &str, flavor: Flavor) -> Result<String, Error> {
    let (Some(b), _) = sole_block(body, flavor, "removing the ownership block")? else {
        return Ok(body.to_string());
    };
    let separator = if b.crlf { "\r\n\r\n" } else { "\n\n" };
    let before = &body[..b.start];
    let after = &body[b.end..];
    let (before, after) = if let Some(kept) = before.strip_suffix(separator) {
        (kept, after)
    } else if before.is_empty() {
        (before, after.strip_prefix(separator).unwrap_or(after))
    } else {
        (before, after)
    };
    Ok([before, after].concat())
}
