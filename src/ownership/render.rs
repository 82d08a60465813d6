//! Writing a record as the block: a heading and tables a teammate without the extension reads
//! (and edits) in the tracker, between the marker lines.

use super::escape::encode;
use super::markers::{JIRA_END, JIRA_START, MARKDOWN_END, MARKDOWN_START};
use super::record::Record;
use super::Flavor;
use crate::config::level_in_words;

struct Writer {
    flavor: Flavor,
    eol: &'static str,
    out: String,
}

impl Writer {
    fn line(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push_str(self.eol);
        }
        self.out.push_str(text);
    }

    fn header(&mut self, cells: &[&str]) {
        match self.flavor {
            Flavor::Markdown => {
                self.line(&format!("| {} |", cells.join(" | ")));
                self.line(&format!("|{}", " --- |".repeat(cells.len())));
            }
            Flavor::Jira => self.line(&format!("||{}||", cells.join("||"))),
        }
    }

    fn row(&mut self, cells: &[&str]) {
        let encoded: Vec<String> = cells
            .iter()
            .map(|c| {
                let e = encode(c, self.flavor);
                // Jira reads `||` as a header cell, so an empty cell holds a space.
                if e.is_empty() && self.flavor == Flavor::Jira { " ".to_string() } else { e }
            })
            .collect();
        match self.flavor {
            Flavor::Markdown => self.line(&format!("| {} |", encoded.join(" | "))),
            Flavor::Jira => self.line(&format!("|{}|", encoded.join("|"))),
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The block's text, from the start marker to the end marker, lines joined by `eol`, with no
/// terminator after the end marker (the caller owns the text around it).
pub fn render(record: &Record, flavor: Flavor, eol: &'static str) -> String {
    let mut w = Writer { flavor, eol, out: String::new() };
    match flavor {
        Flavor::Markdown => {
            w.line(MARKDOWN_START);
            w.line("### Ownership");
            w.line("");
        }
        Flavor::Jira => w.line(JIRA_START),
    }
    w.header(&["Field", "Value"]);
    w.row(&["Owner", &record.owner]);
    w.row(&["Outcome", &record.outcome]);
    for m in &record.success_measures {
        w.row(&["Success measure", m]);
    }
    for s in &record.support {
        w.row(&["Support", s]);
    }
    w.row(&["Check-in", &record.check_in]);
    if let Some(e) = &record.experiment {
        w.row(&["Experiment scope", &e.scope]);
        w.row(&["Experiment stakes", &e.stakes]);
        w.row(&["Experiment review date", &e.review_date]);
    }
    for o in &record.other_rows {
        w.row(&[&o.field, &o.value]);
    }
    if !record.decisions.is_empty() {
        w.line("");
        w.header(&["Decision area", "Who decides", "Note"]);
        for d in &record.decisions {
            w.row(&[&d.area, level_in_words(d.level), &d.note]);
        }
    }
    if !record.handoffs.is_empty() {
        w.line("");
        w.header(&["From", "To", "Date", "Knowledge shared", "Decision context shared", "Stakeholders introduced"]);
        for h in &record.handoffs {
            w.row(&[&h.from, &h.to, &h.date, yes_no(h.knowledge), yes_no(h.decision_context), yes_no(h.stakeholders)]);
        }
    }
    // A blank line ends the last table before the end marker, which GFM would otherwise read as
    // one more row.
    w.line("");
    w.line(match flavor {
        Flavor::Markdown => MARKDOWN_END,
        Flavor::Jira => JIRA_END,
    });
    w.out
}
