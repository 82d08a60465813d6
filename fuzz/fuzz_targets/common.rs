//! What every fuzz target checks about an analysis: the JSON contract's invariants.
#![allow(dead_code)]

use ownframe::text::offsets::to_utf16;
use ownframe::{Analysis, Class, Field, Format, Ticket};

/// The input as a ticket: the first line (when short) is the title, the rest the body. ADF bodies
/// are JSON, so they take the whole input and no title. None when the bytes are not UTF-8 (the
/// CLI and the wasm API only ever pass strings in).
pub fn ticket(data: &[u8], format: Format) -> Option<Ticket> {
    let text = std::str::from_utf8(data).ok()?;
    let (title, body) = match text.find('\n') {
        Some(i) if format != Format::Adf && i <= 200 => (&text[..i], &text[i + 1..]),
        _ => ("", text),
    };
    Some(Ticket { title: title.to_string(), body: body.to_string(), format })
}

/// The text the body's spans point into.
pub fn body_text<'a>(ticket: &'a Ticket, analysis: &'a Analysis) -> &'a str {
    match ticket.format {
        Format::Adf => analysis.body_text.as_deref().expect("ADF analyses carry body_text"),
        _ => &ticket.body,
    }
}

fn unit(name: &str, v: f32) {
    assert!(v.is_finite() && (0.0..=1.0).contains(&v), "score {name} = {v} is outside 0..1");
}

pub fn check(ticket: &Ticket, a: &Analysis) {
    assert_eq!(a.class, Class::from_labels(a.states_outcome, a.prescribes_solution));
    let s = &a.scores;
    for (name, v) in [
        ("who", s.outcome.who),
        ("problem", s.outcome.problem),
        ("why", s.outcome.why),
        ("evidence", s.outcome.evidence),
        ("success_measure", s.outcome.success_measure),
        ("openness", s.openness),
        ("authority", s.authority),
        ("support", s.support),
        ("invitation", s.invitation),
    ] {
        unit(name, v);
    }
    assert_eq!(a.body_text.is_some(), ticket.format == Format::Adf, "body_text is there for ADF only");
    for f in &a.findings {
        let text = match f.field {
            Field::Title => ticket.title.as_str(),
            Field::Body => body_text(ticket, a),
        };
        let (start, end) = (f.span.start, f.span.end);
        assert!(start <= end && end <= text.len(), "span {start}..{end} outside a field of {} bytes: {f:?}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span {start}..{end} splits a character: {f:?}");
        assert_eq!(f.span_utf16.start, to_utf16(text, start), "span_utf16.start: {f:?}");
        assert_eq!(f.span_utf16.end, to_utf16(text, end), "span_utf16.end: {f:?}");
        assert!(!f.rule.is_empty() && !f.message.is_empty(), "{f:?}");
    }
    // The JSON is the contract: it must serialize and read back to the same analysis.
    let json = serde_json::to_string(a).expect("an analysis serializes");
    let back: Analysis = serde_json::from_str(&json).expect("an analysis reads back");
    assert_eq!(&back, a, "JSON round trip");
}

/// Analyzes in a format that has no malformed input: must succeed, and pass `check`.
pub fn analyze_infallible(data: &[u8], format: Format) {
    let Some(t) = ticket(data, format) else { return };
    let a = ownframe::analyze(&t, &ownframe::Config::default()).expect("markdown, jira and text never fail to read");
    check(&t, &a);
}
