//! One table row per ticket (class, authority coverage, hand-off state, top gap) and the summary
//! the chart draws. The ownership record arrives in its JSON shape (read by `ownership_read`), so
//! this module depends on that shape only, leniently: missing fields count as not filled in.

use super::source::BoardTicket;
use crate::config::Config;
use crate::model::{Analysis, Severity};
use serde::{Deserialize, Serialize};

/// The parts of an ownership record the board shows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RecordView {
    pub owner: Option<String>,
    pub outcome: Option<String>,
    pub decisions: Vec<DecisionView>,
    pub support: Vec<serde_json::Value>,
    pub check_in: Option<String>,
    pub handoffs: Vec<HandoffView>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DecisionView {
    pub area: String,
    pub level: Option<u8>,
}

impl From<&crate::ownership::Record> for RecordView {
    fn from(r: &crate::ownership::Record) -> RecordView {
        let text = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
        RecordView {
            owner: text(&r.owner),
            outcome: text(&r.outcome),
            decisions: r.decisions.iter().map(|d| DecisionView { area: d.area.clone(), level: Some(d.level) }).collect(),
            support: r.support.iter().map(|s| serde_json::Value::String(s.clone())).collect(),
            check_in: text(&r.check_in),
            handoffs: r
                .handoffs
                .iter()
                .map(|h| HandoffView {
                    from: text(&h.from),
                    to: text(&h.to),
                    date: text(&h.date),
                    knowledge: Some(serde_json::Value::Bool(h.knowledge)),
                    decision_context: Some(serde_json::Value::Bool(h.decision_context)),
                    stakeholders: Some(serde_json::Value::Bool(h.stakeholders)),
                })
                .collect(),
        }
    }
}

/// Reads a ticket's ownership block with the core's reader (Markdown or Jira; ADF bodies hold no
/// block the reader can find): the record, if any, and the reader's warnings.
pub fn read_record(body: &str, format: crate::Format) -> (Option<RecordView>, Vec<String>) {
    let Ok(flavor) = crate::ownership::Flavor::from_format(format) else { return (None, vec![]) };
    // Every marker line of either flavour holds "ownframe" (matched after an ASCII-range
    // lowering and whitespace collapsing, which cannot create or split that word), so a body
    // without it has no block and no marker problems. The reader normalises every line into a
    // new string; on a board of plain tickets that was a tenth of the analysis time.
    if !contains_ignore_ascii_case(body.as_bytes(), b"ownframe") {
        return (None, vec![]);
    }
    let reading = crate::ownership::read(body, flavor);
    (reading.record.as_ref().map(RecordView::from), reading.warnings.into_iter().map(|w| w.message).collect())
}

fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// A ticket's row: its ownership block read by the core's reader, the ticket judged.
pub fn row_of(ticket: &BoardTicket, config: &Config) -> Row {
    if ticket.error.is_some() {
        return analyze_row(ticket, Err(String::new()), None, vec![], config);
    }
    let (record, warnings) = read_record(&ticket.body, ticket.format);
    row_with_record(ticket, record.as_ref(), warnings, config)
}

/// A ticket's row with an ownership record the caller holds (read elsewhere), the ticket judged.
pub fn row_with_record(ticket: &BoardTicket, record: Option<&RecordView>, warnings: Vec<String>, config: &Config) -> Row {
    let analysis = if ticket.error.is_none() { analyze_in_place(ticket, config) } else { Err(String::new()) };
    analyze_row(ticket, analysis.as_ref().map_err(Clone::clone), record, warnings, config)
}

/// The ticket judged for its row (`crate::judge_reading`: no UTF-16 spans or word count, which
/// a row never shows), without copying the title and body into a `Ticket` first.
fn analyze_in_place(ticket: &BoardTicket, config: &Config) -> Result<Analysis, String> {
    let body = crate::text::Document::body(&ticket.body, ticket.format).map_err(|e| e.to_string())?;
    let reading = crate::Reading { title: crate::text::Document::title(&ticket.title), body };
    Ok(crate::judge_reading(&reading, config))
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct HandoffView {
    pub from: Option<String>,
    pub to: Option<String>,
    pub date: Option<String>,
    pub knowledge: Option<serde_json::Value>,
    pub decision_context: Option<serde_json::Value>,
    pub stakeholders: Option<serde_json::Value>,
}

/// How much of the owner's authority is written down.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Authority {
    /// 0..1, the sort key.
    pub coverage: f32,
    /// "record" (decision areas with a level in the ownership record) or "text" (the judge's
    /// authority score, when the ticket has no record).
    pub from: &'static str,
    pub covered: usize,
    pub total: usize,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Handoff {
    /// `no-record`, `none`, `complete` or `incomplete`.
    pub state: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Gap {
    pub rule: String,
    pub message: String,
}

/// One row of the board's table.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Row {
    pub index: usize,
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The record's owner, else the assignee.
    pub owner: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The class, or `error` when the row could not be analysed.
    pub class: String,
    pub has_record: bool,
    pub authority: Authority,
    pub handoff: Handoff,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_gap: Option<Gap>,
    pub findings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Messages about the ownership block (from `ownership_read`'s warnings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

fn filled(v: &Option<serde_json::Value>) -> bool {
    match v {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(serde_json::Value::Array(a)) => !a.is_empty(),
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => true,
    }
}

fn authority(analysis: &Analysis, record: Option<&RecordView>, config: &Config) -> Authority {
    let Some(record) = record else {
        // An integer: formatting an f32 (`{}` on 40.0 prints "40") costs far more in wasm.
        let pct = (analysis.scores.authority.clamp(0.0, 1.0) * 100.0).round() as u32;
        return Authority { coverage: analysis.scores.authority.clamp(0.0, 1.0), from: "text", label: format!("{pct}% (text)"), ..Default::default() };
    };
    let mut areas: Vec<(String, bool)> = config.decision_areas.iter().map(|a| (a.area.to_lowercase(), false)).collect();
    for d in &record.decisions {
        let key = d.area.trim().to_lowercase();
        let levelled = d.level.is_some_and(|l| (1..=7).contains(&l));
        match areas.iter_mut().find(|(a, _)| *a == key) {
            Some(slot) => slot.1 |= levelled,
            None => areas.push((key, levelled)),
        }
    }
    let total = areas.len();
    let covered = areas.iter().filter(|(_, ok)| *ok).count();
    let coverage = if total == 0 { 0.0 } else { covered as f32 / total as f32 };
    let label = if total == 0 { "no decision areas".into() } else { format!("{covered}/{total} areas") };
    Authority { coverage, from: "record", covered, total, label }
}

fn handoff(record: Option<&RecordView>) -> Handoff {
    let Some(record) = record else {
        return Handoff { state: "no-record", label: "no record".into() };
    };
    let Some(last) = record.handoffs.last() else {
        return Handoff { state: "none", label: "none".into() };
    };
    let mut missing = Vec::new();
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !has(&last.to) {
        missing.push("to");
    }
    if !has(&last.date) {
        missing.push("date");
    }
    if !filled(&last.knowledge) {
        missing.push("knowledge");
    }
    if !filled(&last.decision_context) {
        missing.push("decision context");
    }
    if !filled(&last.stakeholders) {
        missing.push("stakeholders");
    }
    let to = last.to.clone().unwrap_or_default();
    if missing.is_empty() {
        Handoff { state: "complete", label: format!("to {to} on {}", last.date.clone().unwrap_or_default()) }
    } else {
        Handoff { state: "incomplete", label: format!("missing {}", missing.join(", ")) }
    }
}

/// Judges the row's ticket result into a row. `analysis` is `Err` when the ticket could not be read.
pub fn analyze_row(
    ticket: &BoardTicket,
    analysis: Result<&Analysis, String>,
    record: Option<&RecordView>,
    warnings: Vec<String>,
    config: &Config,
) -> Row {
    let owner = record
        .and_then(|r| r.owner.clone())
        .filter(|o| !o.trim().is_empty())
        .or_else(|| ticket.assignee.clone())
        .unwrap_or_default();
    let mut row = Row {
        index: ticket.index,
        id: ticket.id.clone(),
        title: ticket.title.clone(),
        url: ticket.url.clone(),
        owner,
        state: ticket.state.clone(),
        has_record: record.is_some(),
        handoff: handoff(record),
        warnings,
        ..Default::default()
    };
    let analysis = match (&ticket.error, analysis) {
        (Some(e), _) => Err(e.clone()),
        (None, a) => a,
    };
    match analysis {
        Err(e) => {
            row.class = "error".into();
            row.error = Some(e);
            row.authority = Authority { from: "text", label: "-".into(), ..Default::default() };
        }
        Ok(a) => {
            row.class = a.class.as_str().into();
            row.findings = a.findings.len();
            row.authority = authority(a, record, config);
            let top = a.findings.iter().find(|f| f.severity == Severity::Warning).or_else(|| a.findings.first());
            row.top_gap = match top {
                Some(f) => Some(Gap { rule: f.rule.clone(), message: f.message.clone() }),
                None if record.is_none() => Some(Gap { rule: "no-ownership-record".into(), message: "No ownership record yet.".into() }),
                None => None,
            };
        }
    }
    row
}

/// What the chart draws: tickets per class and how much of the ownership record is filled in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub total: usize,
    /// `[class, count]` in a fixed order: task-style, mixed, unframed, outcome-first, error.
    pub classes: Vec<(String, usize)>,
    /// `[label, count]`: with a record, with an owner, every decision area levelled, hand-off complete.
    pub ownership: Vec<(String, usize)>,
}

const CLASS_ORDER: [&str; 5] = ["task-style", "mixed", "unframed", "outcome-first", "error"];
const OWNERSHIP_LABELS: [&str; 4] = ["ownership record", "named owner", "authority levelled", "hand-off complete"];

/// What one row adds to the summary: small enough to keep for every row of a long list, so
/// the summary never needs the rows themselves.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Index into the class order; past its end for a class the chart does not draw.
    class: u8,
    ownership: [bool; 4],
}

impl Tally {
    pub fn of(r: &Row) -> Tally {
        Tally {
            class: CLASS_ORDER.iter().position(|c| r.class == *c).unwrap_or(CLASS_ORDER.len()) as u8,
            ownership: [
                r.has_record,
                !r.owner.is_empty(),
                r.authority.from == "record" && r.authority.total > 0 && r.authority.covered == r.authority.total,
                r.handoff.state == "complete",
            ],
        }
    }
}

/// Summarises rows for the chart.
pub fn summarize(rows: &[Row]) -> Summary {
    summarize_tallies(rows.iter().map(Tally::of))
}

pub fn summarize_tallies(tallies: impl IntoIterator<Item = Tally>) -> Summary {
    let mut classes = [0usize; CLASS_ORDER.len()];
    let mut ownership = [0usize; OWNERSHIP_LABELS.len()];
    let mut total = 0;
    for t in tallies {
        total += 1;
        if let Some(n) = classes.get_mut(t.class as usize) {
            *n += 1;
        }
        for (n, on) in ownership.iter_mut().zip(t.ownership) {
            *n += usize::from(on);
        }
    }
    Summary {
        total,
        classes: CLASS_ORDER.iter().zip(classes).map(|(c, n)| (c.to_string(), n)).collect(),
        ownership: OWNERSHIP_LABELS.iter().zip(ownership).map(|(l, n)| (l.to_string(), n)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Ticket};

    fn ticket(title: &str, body: &str) -> BoardTicket {
        BoardTicket { title: title.into(), body: body.into(), id: "#1".into(), assignee: Some("ana".into()), ..Default::default() }
    }

    fn analysis(t: &BoardTicket) -> Analysis {
        crate::analyze(&Ticket { title: t.title.clone(), body: t.body.clone(), format: Format::Markdown }, &Config::default()).unwrap()
    }

    #[test]
    fn row_without_record_uses_assignee_and_text_authority() {
        let t = ticket("Implement caching", "Use Redis.");
        let a = analysis(&t);
        let row = analyze_row(&t, Ok(&a), None, vec![], &Config::default());
        assert_eq!(row.owner, "ana");
        assert_eq!(row.class, a.class.as_str());
        assert_eq!(row.authority.from, "text");
        assert_eq!(row.handoff.state, "no-record");
        assert_eq!(row.findings, a.findings.len());
        assert!(row.top_gap.is_some());
    }

    #[test]
    fn record_coverage_and_handoff() {
        let t = ticket("Checkout is slow", "Merchants lose sales because checkout is slow.");
        let a = analysis(&t);
        let record: RecordView = serde_json::from_value(serde_json::json!({
            "owner": "Bo",
            "decisions": [{"area": "Schema", "level": 3}, {"area": "Vendor", "level": null}],
            "handoffs": [{"from": "Bo", "to": "Cy", "date": "2026-01-02", "knowledge": true, "decision_context": false, "stakeholders": true}]
        })).unwrap();
        let config = Config::from_json(r#"{"decision_areas":[{"area":"Schema","level":3},{"area":"Rollout","level":5}]}"#).unwrap();
        let row = analyze_row(&t, Ok(&a), Some(&record), vec![], &config);
        assert_eq!(row.owner, "Bo");
        assert_eq!((row.authority.covered, row.authority.total), (1, 3));
        assert_eq!(row.handoff.state, "incomplete");
        assert!(row.handoff.label.contains("decision context"));
        let s = summarize(&[row]);
        assert_eq!(s.ownership[0].1, 1);
        assert_eq!(s.ownership[2].1, 0);
    }

    #[test]
    fn records_read_by_the_core_reader() {
        let record = crate::ownership::Record {
            owner: "Bo".into(),
            decisions: vec![crate::ownership::Decision { area: "Schema".into(), level: 4, note: String::new() }],
            handoffs: vec![crate::ownership::Handoff { from: "Al".into(), to: "Bo".into(), date: "2026-11-02".into(), knowledge: true, decision_context: true, stakeholders: true }],
            ..Default::default()
        };
        let body = crate::ownership::write("Merchants wait.", &record, crate::ownership::Flavor::Markdown).unwrap();
        let (view, warnings) = read_record(&body, Format::Markdown);
        assert!(warnings.is_empty());
        let t = ticket("Checkout", &body);
        let row = analyze_row(&t, Ok(&analysis(&t)), view.as_ref(), warnings, &Config::default());
        assert_eq!(row.owner, "Bo");
        assert_eq!(row.authority.label, "1/1 areas");
        assert_eq!(row.handoff.state, "complete");
        assert_eq!(read_record("no block", Format::Markdown), (None, vec![]));
        assert_eq!(read_record(&body, Format::Adf).0, None);
    }

    #[test]
    fn row_of_is_the_row_of_the_core_analysis() {
        let block = crate::ownership::write("Merchants wait.", &crate::ownership::Record { owner: "Bo".into(), ..Default::default() }, crate::ownership::Flavor::Markdown).unwrap();
        for (title, body) in [("Implement caching", "Use Redis.\n\n## Why\n\nMerchants wait 9 s."), ("Checkout", block.as_str()), ("", "")] {
            let t = ticket(title, body);
            let (record, warnings) = read_record(&t.body, t.format);
            let expected = analyze_row(&t, Ok(&analysis(&t)), record.as_ref(), warnings, &Config::default());
            assert_eq!(row_of(&t, &Config::default()), expected, "{title}");
        }
    }

    #[test]
    fn bodies_without_the_word_ownframe_hold_no_marker() {
        // The reader's own verdict on marker look-alikes, with and without the prefilter's word.
        for body in [
            "<!-- OWNFRAME:ownership v1 -->\nx", "  <!--  ownframe:ownership   v1-->", "<!-- /OwnFrame:ownership -->", "h3. Ownership (OWNFRAME v1)",
            "_End of ownership (ownframe v1)_", "*_End of ownership (Ownframe v2)_*", "<!-- own frame:ownership v1 -->", "h3. Ownership (own-frame v1)",
        ] {
            for flavor in [crate::ownership::Flavor::Markdown, crate::ownership::Flavor::Jira] {
                let full = crate::ownership::read(body, flavor);
                let has_word = contains_ignore_ascii_case(body.as_bytes(), b"ownframe");
                assert!(has_word || (full.record.is_none() && full.warnings.is_empty()), "{body:?}");
            }
            let format = if body.starts_with('<') { Format::Markdown } else { Format::Jira };
            let flavor = crate::ownership::Flavor::from_format(format).unwrap();
            let full = crate::ownership::read(body, flavor);
            let got = read_record(body, format);
            assert_eq!((got.0, got.1), (full.record.as_ref().map(RecordView::from), full.warnings.into_iter().map(|w| w.message).collect::<Vec<_>>()));
        }
    }

    #[test]
    fn summary_from_tallies_counts_like_the_rows() {
        let t = ticket("Implement caching", "Use Redis.");
        let mut bad = t.clone();
        bad.error = Some("malformed row: x".into());
        let rows = [row_of(&t, &Config::default()), row_of(&bad, &Config::default())];
        let s = summarize(&rows);
        assert_eq!(s.total, 2);
        assert_eq!(s.classes.iter().map(|(_, n)| n).sum::<usize>(), 2);
        assert_eq!(s.classes[4], ("error".to_string(), 1));
        assert_eq!(s.ownership[1], ("named owner".to_string(), 2));
    }

    #[test]
    fn errors_become_error_rows() {
        let mut t = ticket("x", "");
        t.error = Some("malformed row: boom".into());
        let row = analyze_row(&t, Err("ignored".into()), None, vec![], &Config::default());
        assert_eq!(row.class, "error");
        assert_eq!(row.error.as_deref(), Some("malformed row: boom"));
        assert_eq!(summarize(&[row]).classes[4].1, 1);
    }
}
