//! Reading a block's lines back into a record. Hand edits are expected: rows in any order, extra
//! spaces, columns moved, rows and lines nobody planned for. Whatever is not an ownership field is
//! kept as an other row (and written back); whatever could not be read becomes a warning.

use super::escape::{decode, split_row};
use super::markers::Line;
use super::record::{Decision, Experiment, Handoff, OtherRow, Record};
use super::{Flavor, Warning};

/// The rows of the main table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Owner,
    Outcome,
    SuccessMeasure,
    Support,
    CheckIn,
    ExperimentScope,
    ExperimentStakes,
    ExperimentReview,
}

/// Letters and digits only, lowercased: "**Check-in**" and "check in" are the same label.
fn key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

pub fn label_kind(label: &str) -> Option<Label> {
    Some(match key(label).as_str() {
        "owner" => Label::Owner,
        "outcome" => Label::Outcome,
        "successmeasure" | "successmeasures" => Label::SuccessMeasure,
        "support" => Label::Support,
        "checkin" | "checkins" => Label::CheckIn,
        "experimentscope" => Label::ExperimentScope,
        "experimentstakes" => Label::ExperimentStakes,
        "experimentreview" | "experimentreviewdate" => Label::ExperimentReview,
        _ => return None,
    })
}

/// The Delegation Poker names, level 1 first.
const LEVEL_NAMES: [&str; 7] = ["tell", "sell", "consult", "agree", "advise", "inquire", "delegate"];

/// Reads a level from "consult first: ... (Consult)", "(Consult, 3)", "Consult", "3".
pub fn parse_level(cell: &str) -> Option<u8> {
    let text = cell.trim();
    let from_word = |w: &str| -> Option<u8> {
        let w = w.trim().to_lowercase();
        if let Ok(n) = w.parse::<u8>() {
            return (1..=7).contains(&n).then_some(n);
        }
        LEVEL_NAMES.iter().position(|name| *name == w).map(|i| i as u8 + 1)
    };
    if let Some(n) = from_word(text) {
        return Some(n);
    }
    // The last parenthesis names the level; the words before it may mention other verbs ("tell").
    if let Some(open) = text.rfind('(') {
        let inner = text[open + 1..].split(')').next().unwrap_or("");
        let found: Vec<u8> = inner.split([',', ' ', ';', '/']).filter_map(from_word).collect();
        if let Some(&first) = found.first() {
            if found.iter().all(|&n| n == first) {
                return Some(first);
            }
        }
    }
    (1..=7u8).find(|&n| key(crate::config::level_in_words(n)) == key(text))
}

/// Yes/no as people write it in a table cell.
fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "done" | "x" | "[x]" | "✓" | "✔" | "✅" | "(/)" => Some(true),
        "no" | "n" | "false" | "" | "[ ]" | "✗" | "✘" | "❌" | "(x)" | "-" => Some(false),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DecisionCol {
    Area,
    Level,
    Note,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HandoffCol {
    From,
    To,
    Date,
    Knowledge,
    Context,
    Stakeholders,
}

enum Table {
    Main,
    Decisions(Vec<Option<DecisionCol>>),
    Handoffs(Vec<Option<HandoffCol>>),
}

fn decision_col(header: &str) -> Option<DecisionCol> {
    let k = key(header);
    if k.contains("note") {
        Some(DecisionCol::Note)
    } else if k.contains("whodecides") || k.contains("level") || k.contains("delegation") {
        Some(DecisionCol::Level)
    } else if k.contains("area") || k == "decision" || k == "decisions" {
        Some(DecisionCol::Area)
    } else {
        None
    }
}

fn handoff_col(header: &str) -> Option<HandoffCol> {
    let k = key(header);
    Some(match k.as_str() {
        "from" | "handofffrom" | "previousowner" => HandoffCol::From,
        "to" | "handoffto" | "newowner" => HandoffCol::To,
        "date" | "when" | "on" => HandoffCol::Date,
        _ if k.contains("knowledge") => HandoffCol::Knowledge,
        _ if k.contains("context") => HandoffCol::Context,
        _ if k.contains("stakeholder") => HandoffCol::Stakeholders,
        _ => return None,
    })
}

/// What kind of table a header row opens.
fn table_for(headers: &[&str]) -> Table {
    let handoff: Vec<Option<HandoffCol>> = headers.iter().map(|h| handoff_col(h)).collect();
    if handoff.contains(&Some(HandoffCol::From)) && handoff.contains(&Some(HandoffCol::To)) {
        return Table::Handoffs(handoff);
    }
    let decision: Vec<Option<DecisionCol>> = headers.iter().map(|h| decision_col(h)).collect();
    if decision.contains(&Some(DecisionCol::Area)) && decision.contains(&Some(DecisionCol::Level)) {
        return Table::Decisions(decision);
    }
    Table::Main
}

enum Item<'a> {
    Row(Vec<&'a str>),
    Header(Vec<&'a str>),
    Delimiter,
    Stray(&'a str),
}

fn is_delimiter(cells: &[&str]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let inner = c.strip_prefix(':').unwrap_or(c);
            let inner = inner.strip_suffix(':').unwrap_or(inner);
            !inner.is_empty() && inner.bytes().all(|b| b == b'-')
        })
}

/// Is this line the block's own heading (Markdown only; in Jira the heading is the start marker)?
fn is_own_heading(line: &str, flavor: Flavor) -> bool {
    flavor == Flavor::Markdown && line.trim_start().starts_with('#') && key(line) == "ownership"
}

fn classify<'a>(text: &'a str, lines: &[Line], flavor: Flavor) -> Vec<(usize, Item<'a>)> {
    let mut items: Vec<(usize, Item<'a>)> = Vec::new();
    for line in lines {
        let content = &text[line.start..line.end];
        if content.trim().is_empty() || is_own_heading(content, flavor) {
            continue;
        }
        let item = match split_row(content) {
            None => Item::Stray(content.trim()),
            Some(cells) if flavor == Flavor::Markdown && is_delimiter(&cells) => Item::Delimiter,
            Some(cells) if flavor == Flavor::Jira && content.trim_start().starts_with("||") => {
                Item::Header(cells.into_iter().filter(|c| !c.is_empty()).collect())
            }
            Some(cells) => Item::Row(cells),
        };
        // In Markdown a row is a header when the delimiter row follows it.
        if matches!(item, Item::Delimiter) {
            if let Some((_, last)) = items.last_mut() {
                if let Item::Row(cells) = last {
                    *last = Item::Header(std::mem::take(cells));
                }
            }
        }
        items.push((line.number, item));
    }
    items
}

/// Reads the lines strictly between the markers.
pub fn parse(text: &str, lines: &[Line], flavor: Flavor) -> (Record, Vec<Warning>) {
    let mut record = Record::default();
    let mut warnings = Vec::new();
    let mut experiment: Option<Experiment> = None;
    let mut seen_single: Vec<Label> = Vec::new();
    let mut table = Table::Main;
    let cell = |c: &str| decode(c, flavor);

    for (number, item) in classify(text, lines, flavor) {
        match item {
            Item::Delimiter => {}
            Item::Header(headers) => {
                table = table_for(&headers);
                let unknown: Vec<&str> = match &table {
                    Table::Main => vec![],
                    Table::Decisions(cols) => unknown_headers(&headers, cols),
                    Table::Handoffs(cols) => unknown_headers(&headers, cols),
                };
                for h in unknown {
                    warnings.push(Warning::new(
                        "unknown-column",
                        Some(number),
                        format!("column '{}' is not part of the ownership record; it is not read and will not be written back", decode(h, flavor)),
                    ));
                }
            }
            Item::Stray(line) => {
                warnings.push(Warning::new(
                    "stray-line",
                    Some(number),
                    format!("line {number} is not a table row; it is kept as an unnamed row"),
                ));
                record.other_rows.push(OtherRow { field: String::new(), value: cell(line) });
            }
            Item::Row(cells) => match &table {
                Table::Main => {
                    let label = cells.first().map(|c| cell(c)).unwrap_or_default();
                    let value = cell(&cells.get(1..).unwrap_or(&[]).join("|"));
                    let kind = label_kind(&label);
                    let single = kind.filter(|k| !matches!(k, Label::SuccessMeasure | Label::Support));
                    if let Some(k) = single {
                        if seen_single.contains(&k) {
                            warnings.push(Warning::new(
                                "duplicate-row",
                                Some(number),
                                format!("'{label}' appears more than once; the first is read and this one kept as an other row"),
                            ));
                            record.other_rows.push(OtherRow { field: label, value });
                            continue;
                        }
                        seen_single.push(k);
                    }
                    match kind {
                        Some(Label::Owner) => record.owner = value,
                        Some(Label::Outcome) => record.outcome = value,
                        Some(Label::SuccessMeasure) => record.success_measures.push(value),
                        Some(Label::Support) => record.support.push(value),
                        Some(Label::CheckIn) => record.check_in = value,
                        Some(Label::ExperimentScope) => experiment.get_or_insert_with(Default::default).scope = value,
                        Some(Label::ExperimentStakes) => experiment.get_or_insert_with(Default::default).stakes = value,
                        Some(Label::ExperimentReview) => experiment.get_or_insert_with(Default::default).review_date = value,
                        None => record.other_rows.push(OtherRow { field: label, value }),
                    }
                }
                Table::Decisions(cols) => {
                    let fitted = fit(&cells, cols.len());
                    let cells: Vec<&str> = fitted.iter().map(String::as_str).collect();
                    let mut d = Decision::default();
                    let mut level_cell = None;
                    for (c, col) in cells.iter().zip(cols) {
                        match col {
                            Some(DecisionCol::Area) => d.area = cell(c),
                            Some(DecisionCol::Level) => level_cell = Some(cell(c)),
                            Some(DecisionCol::Note) => d.note = cell(c),
                            None => {}
                        }
                    }
                    match level_cell.as_deref().and_then(parse_level) {
                        Some(level) => {
                            d.level = level;
                            record.decisions.push(d);
                        }
                        None => {
                            warnings.push(Warning::new(
                                "unreadable-level",
                                Some(number),
                                format!(
                                    "decision area '{}' has no Delegation Poker level this can read (1 Tell .. 7 Delegate); kept as an other row",
                                    d.area
                                ),
                            ));
                            record.other_rows.push(unreadable("Decision", &cells, flavor));
                        }
                    }
                }
                Table::Handoffs(cols) => {
                    let fitted = fit(&cells, cols.len());
                    let cells: Vec<&str> = fitted.iter().map(String::as_str).collect();
                    let mut h = Handoff::default();
                    let mut ok = true;
                    for (c, col) in cells.iter().zip(cols) {
                        let flag = |slot: &mut bool| match parse_bool(&cell(c)) {
                            Some(b) => {
                                *slot = b;
                                true
                            }
                            None => false,
                        };
                        ok &= match col {
                            Some(HandoffCol::From) => {
                                h.from = cell(c);
                                true
                            }
                            Some(HandoffCol::To) => {
                                h.to = cell(c);
                                true
                            }
                            Some(HandoffCol::Date) => {
                                h.date = cell(c);
                                true
                            }
                            Some(HandoffCol::Knowledge) => flag(&mut h.knowledge),
                            Some(HandoffCol::Context) => flag(&mut h.decision_context),
                            Some(HandoffCol::Stakeholders) => flag(&mut h.stakeholders),
                            None => true,
                        };
                    }
                    if ok {
                        record.handoffs.push(h);
                    } else {
                        warnings.push(Warning::new(
                            "unreadable-row",
                            Some(number),
                            format!("the hand-off on line {number} has a yes/no cell this can't read; kept as an other row"),
                        ));
                        record.other_rows.push(unreadable("Hand-off", &cells, flavor));
                    }
                }
            },
        }
    }
    record.experiment = experiment;
    (record, warnings)
}

/// A hand-typed unescaped pipe splits a cell in two; the extra cells rejoin the last column
/// rather than vanish.
fn fit(cells: &[&str], columns: usize) -> Vec<String> {
    if columns == 0 || cells.len() <= columns {
        return cells.iter().map(|c| c.to_string()).collect();
    }
    let mut out: Vec<String> = cells[..columns - 1].iter().map(|c| c.to_string()).collect();
    out.push(cells[columns - 1..].join("|"));
    out
}

fn unknown_headers<'a, T>(headers: &[&'a str], cols: &[Option<T>]) -> Vec<&'a str> {
    headers.iter().zip(cols).filter(|(_, c)| c.is_none()).map(|(h, _)| *h).collect()
}

/// A row that could not be read keeps its words: its cells, decoded, joined as they were.
fn unreadable(field: &str, cells: &[&str], flavor: Flavor) -> OtherRow {
    let value: Vec<String> = cells.iter().map(|c| decode(c, flavor)).collect();
    OtherRow { field: field.to_string(), value: value.join(" | ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::level_in_words;

    #[test]
    fn levels_read_from_their_words_names_and_numbers() {
        for n in 1..=7 {
            assert_eq!(parse_level(level_in_words(n)), Some(n), "{}", level_in_words(n));
        }
        assert_eq!(parse_level("Consult"), Some(3));
        assert_eq!(parse_level(" 5 "), Some(5));
        assert_eq!(parse_level("whatever (Agree, 4)"), Some(4));
        assert_eq!(parse_level("you decide, then tell the lead (Inquire)"), Some(6));
        assert_eq!(parse_level("8"), None);
        assert_eq!(parse_level("ask me"), None);
    }

    #[test]
    fn labels_ignore_case_markup_and_punctuation() {
        assert_eq!(label_kind("**Check-in**"), Some(Label::CheckIn));
        assert_eq!(label_kind(" success  measures "), Some(Label::SuccessMeasure));
        assert_eq!(label_kind("Reviewer"), None);
    }
}
