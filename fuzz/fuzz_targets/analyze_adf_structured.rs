//! `analyze` on ADF documents built from the fuzz input (so every run is a valid document, unlike
//! `analyze_adf`, which mostly meets broken JSON): never fails on a `doc`, keeps the contract,
//! and the rendering keeps every word of every text node, in order.
#![no_main]

mod common;

use arbitrary::Unstructured;
use ownframe::{Config, Format, Ticket};
use serde_json::{json, Value};

const BLOCKS: &[&str] = &[
    "paragraph", "heading", "bulletList", "orderedList", "listItem", "taskList", "taskItem", "decisionList",
    "decisionItem", "codeBlock", "blockquote", "panel", "table", "tableRow", "tableCell", "tableHeader", "rule",
    "expand", "nestedExpand", "layoutSection", "layoutColumn", "unknownBlock",
];
const INLINES: &[&str] = &["text", "text", "text", "hardBreak", "mention", "emoji", "inlineCard", "status", "date", "placeholder"];
const MARKS: &[&str] = &["strong", "em", "code", "link", "strike", "underline", "textColor", "subsup"];
const WORDS: &[&str] = &[
    "Use", "Redis", "to", "cache", "it", "Implement", "the", "history", "endpoint", "so", "that", "agents", "see",
    "orders", "because", "calls", "are", "slow", "café", "😀", "日本", "x", "42",
];
const JUNK: &[&str] = &[" ", ".", "\n", "*", "_", "`", "#", "|", "[", "]", "<!--", "\\", "\u{a0}", "- ", "1. ", "> ", "```"];

fn text(u: &mut Unstructured, words: &mut Vec<String>) -> arbitrary::Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(1..=6)? {
        if u.ratio(3, 4)? {
            let w = *u.choose(WORDS)?;
            // Words are separated from their neighbours so each stays a findable word.
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
            words.push(w.to_string());
            s.push(' ');
        } else {
            s.push_str(u.choose(JUNK)?);
        }
    }
    Ok(s)
}

fn inline(u: &mut Unstructured, words: &mut Vec<String>) -> arbitrary::Result<Value> {
    Ok(match *u.choose(INLINES)? {
        "text" => {
            let t = text(u, words)?;
            let marks: Vec<Value> = (0..u.int_in_range(0..=2)?)
                .map(|_| Ok(json!({ "type": *u.choose(MARKS)?, "attrs": { "href": "https://example.com/a(b)c" } })))
                .collect::<arbitrary::Result<_>>()?;
            json!({ "type": "text", "text": t, "marks": marks })
        }
        "mention" => json!({ "type": "mention", "attrs": { "id": "1", "text": "@ann" } }),
        "emoji" => json!({ "type": "emoji", "attrs": { "shortName": ":smile:", "text": "😄" } }),
        "inlineCard" => json!({ "type": "inlineCard", "attrs": { "url": "https://example.com" } }),
        other => json!({ "type": other }),
    })
}

/// The children a container must have by the ADF schema, if it is that strict.
fn required_child(kind: &str) -> Option<&'static str> {
    match kind {
        "bulletList" | "orderedList" => Some("listItem"),
        "taskList" => Some("taskItem"),
        "decisionList" => Some("decisionItem"),
        "table" => Some("tableRow"),
        "tableRow" => Some("tableCell"),
        _ => None,
    }
}

/// A block node. Containers get the children the schema asks for, except now and then (then
/// `valid` turns false: the reader must still not panic, but may drop what the schema forbids).
fn block(u: &mut Unstructured, kind: &str, depth: usize, words: &mut Vec<String>, valid: &mut bool) -> arbitrary::Result<Value> {
    if kind == "rule" {
        // A leaf: content here would be out of schema, and a rule has no text to keep.
        return Ok(json!({ "type": "rule" }));
    }
    let content: Vec<Value> = match required_child(kind) {
        Some(child) if depth <= 6 && !u.ratio(1, 16)? => (0..u.int_in_range(0..=3)?)
            .map(|_| block(u, child, depth + 1, words, valid))
            .collect::<arbitrary::Result<_>>()?,
        required => {
            if required.is_some() {
                *valid = false;
            }
            if depth > 6 || u.ratio(1, 2)? {
                (0..u.int_in_range(0..=4)?).map(|_| inline(u, words)).collect::<arbitrary::Result<_>>()?
            } else {
                (0..u.int_in_range(0..=3)?)
                    .map(|_| {
                        let k = *u.choose(BLOCKS)?;
                        block(u, k, depth + 1, words, valid)
                    })
                    .collect::<arbitrary::Result<_>>()?
            }
        }
    };
    let level = u.int_in_range(0..=7)?;
    Ok(json!({ "type": kind, "attrs": { "level": level, "language": "js", "state": "DONE", "title": "more" }, "content": content }))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut words = Vec::new();
    let mut valid = true;
    let mut content = Vec::new();
    for _ in 0..u.int_in_range(0..=5).unwrap_or(0) {
        let Ok(kind) = u.choose(BLOCKS).copied() else { break };
        match block(&mut u, kind, 0, &mut words, &mut valid) {
            Ok(b) => content.push(b),
            Err(_) => break,
        }
    }
    let doc = json!({ "type": "doc", "version": 1, "content": content }).to_string();
    let t = Ticket { title: String::new(), body: doc, format: Format::Adf };
    let a = ownframe::analyze(&t, &Config::default()).expect("every doc reads");
    common::check(&t, &a);
    if !valid {
        // Lists and tables with inline children drop them today (tests/fuzz_regressions.rs).
        return;
    }
    let rendered = a.body_text.as_deref().unwrap();
    let mut rest = rendered;
    for w in &words {
        match rest.find(w.as_str()) {
            Some(at) => rest = &rest[at + w.len()..],
            None => panic!("the rendering lost {w:?} (or moved it):\n{rendered}\nfrom {}", t.body),
        }
    }
});
