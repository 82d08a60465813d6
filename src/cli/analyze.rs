//! `ownframe analyze`: a readable report, one JSON object, or JSON lines.

use super::io;
use lexopt::prelude::*;
use ownframe::{Analysis, Class, Config, Field, Format, Ticket};
use std::ffi::OsString;

#[derive(serde::Serialize)]
struct Line<'a> {
    id: serde_json::Value,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

struct Options {
    json: bool,
    jsonl: bool,
    input: Format,
    title: String,
    config: Option<OsString>,
    fail_on: Option<Class>,
    file: Option<OsString>,
}

fn parse(args: Vec<OsString>) -> Result<Options, String> {
    let mut o = Options { json: false, jsonl: false, input: Format::Markdown, title: String::new(), config: None, fail_on: None, file: None };
    let mut p = lexopt::Parser::from_args(args);
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Long("format") => match p.value().map_err(|e| e.to_string())?.to_string_lossy().as_ref() {
                "json" => o.json = true,
                "text" => o.json = false,
                other => return Err(format!("unknown --format '{other}': expected text or json")),
            },
            Long("jsonl") => o.jsonl = true,
            Long("input") => o.input = Format::parse(&p.value().map_err(|e| e.to_string())?.to_string_lossy()).map_err(|e| e.to_string())?,
            Long("title") => o.title = p.value().map_err(|e| e.to_string())?.to_string_lossy().into_owned(),
            Long("config") => o.config = Some(p.value().map_err(|e| e.to_string())?),
            Long("fail-on") => {
                let v = p.value().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
                o.fail_on = Some(Class::parse(&v).ok_or(format!("unknown class '{v}' for --fail-on: expected task-style, mixed, outcome-first or unframed"))?);
            }
            Value(v) if o.file.is_none() => o.file = Some(v),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(o)
}

pub fn run(args: Vec<OsString>) -> i32 {
    let o = match parse(args) {
        Ok(o) => o,
        Err(why) => {
            eprintln!("ownframe analyze: {why}");
            return 2;
        }
    };
    let config = match io::read_config(o.config.as_ref()) {
        Ok(c) => c,
        Err(why) => {
            eprintln!("ownframe analyze: {why}");
            return 2;
        }
    };
    if o.jsonl { run_jsonl(&o, &config) } else { run_one(&o, &config) }
}

fn run_one(o: &Options, config: &Config) -> i32 {
    let body = match io::read_input(o.file.as_ref()) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("ownframe analyze: {why}");
            return 2;
        }
    };
    let ticket = Ticket { title: o.title.clone(), body, format: o.input };
    let analysis = match ownframe::analyze(&ticket, config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ownframe analyze: {e}");
            return 2;
        }
    };
    if o.json {
        println!("{}", serde_json::to_string(&analysis).expect("analysis serializes"));
    } else {
        print!("{}", report(&ticket, &analysis));
    }
    i32::from(o.fail_on == Some(analysis.class))
}

fn run_jsonl(o: &Options, config: &Config) -> i32 {
    let mut matched = false;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = io::for_each_jsonl_in(o.file.as_ref(), o.input, |id, ticket| {
        let analysis = ownframe::analyze(&ticket, config).map_err(|e| e.to_string())?;
        matched |= o.fail_on == Some(analysis.class);
        let line = serde_json::to_string(&Line { id, analysis: &analysis }).map_err(|e| e.to_string())?;
        use std::io::Write;
        writeln!(out, "{line}").map_err(|e| e.to_string())
    });
    drop(out);
    match result {
        Err(why) => {
            eprintln!("ownframe analyze: {why}");
            2
        }
        Ok(true) => 2,
        Ok(false) => i32::from(matched),
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn report(ticket: &Ticket, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let verdict = match a.class {
        Class::TaskStyle => "reads as an order: it prescribes a solution and never says who needs what, or why",
        Class::Mixed => "states an outcome but also prescribes the solution",
        Class::OutcomeFirst => "outcome-first: it states the need and leaves the solution to the owner",
        Class::Unframed => "states neither an outcome nor a solution",
    };
    let _ = writeln!(s, "class: {} ({verdict})", a.class.as_str());
    let sc = &a.scores;
    let _ = writeln!(
        s,
        "outcome: who {:.2}, problem {:.2}, why {:.2}, evidence {:.2}, success measure {:.2}",
        sc.outcome.who, sc.outcome.problem, sc.outcome.why, sc.outcome.evidence, sc.outcome.success_measure
    );
    let _ = writeln!(s, "openness {:.2}, authority {:.2}, support {:.2}, invitation {:.2}", sc.openness, sc.authority, sc.support, sc.invitation);
    let body_text = a.body_text.as_deref().unwrap_or(&ticket.body);
    for f in &a.findings {
        let (text, field) = match f.field {
            Field::Title => (ticket.title.as_str(), "title"),
            Field::Body => (body_text, "body"),
        };
        let (line, col) = line_col(text, f.span.start);
        let quoted = text.get(f.span.start..f.span.end).unwrap_or("");
        let _ = writeln!(s, "\n{field}:{line}:{col} [{}] {}\n  \"{}\"\n  → {}", f.rule, f.message, quoted.trim(), f.suggestion);
    }
    s
}
