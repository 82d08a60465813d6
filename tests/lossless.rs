//! Properties of reading and rewriting, on arbitrary Unicode and on generated Markdown/Jira-ish
//! bodies, for every input format and both targets:
//! - no panic; only ADF may be refused, and only as `Error::BadInput`;
//! - every finding span and every block's source mapping lands on char boundaries in its text;
//! - the rewrite is lossless (every token of the original, in order) and keeps the original
//!   verbatim as its last section;
//! - the rewrite is idempotent: rewriting the rewrite returns it unchanged.

use ownframe::rewrite::{is_framed, is_lossless, Target};
use ownframe::{Config, Error, Format, Ticket};
use proptest::prelude::*;
use serde_json::json;

const FORMATS: [Format; 3] = [Format::Markdown, Format::Jira, Format::Text];
const TARGETS: [Target; 2] = [Target::Markdown, Target::Jira];

/// Checks one ticket end to end; returns a description of the first broken property.
fn check(ticket: &Ticket) -> Result<(), String> {
    let config = Config::default();
    let reading = match ownframe::read(ticket) {
        Ok(r) => r,
        Err(Error::BadInput(_)) if ticket.format == Format::Adf => return Ok(()),
        Err(e) => return Err(format!("read refused {:?} input: {e}", ticket.format)),
    };
    for doc in [&reading.title, &reading.body] {
        for block in &doc.blocks {
            let mut bounds: Vec<usize> = block.text.char_indices().map(|(i, _)| i).collect();
            bounds.push(block.text.len());
            for &a in &bounds {
                let (s, e) = block.to_source(a, block.text.len());
                if s > e || e > doc.source.len() || !doc.source.is_char_boundary(s) || !doc.source.is_char_boundary(e) {
                    return Err(format!("block {:?} maps {a} to {s}..{e} in {:?}", block.text, doc.source));
                }
            }
        }
    }
    let analysis = ownframe::analyze(ticket, &config).map_err(|e| format!("analyze: {e}"))?;
    let body_text = analysis.body_text.clone().unwrap_or_else(|| ticket.body.clone());
    for f in &analysis.findings {
        let text = match f.field {
            ownframe::Field::Title => &ticket.title,
            ownframe::Field::Body => &body_text,
        };
        let ok = f.span.start <= f.span.end
            && f.span.end <= text.len()
            && text.is_char_boundary(f.span.start)
            && text.is_char_boundary(f.span.end)
            && f.span_utf16.start <= f.span_utf16.end;
        if !ok {
            return Err(format!("finding {} has span {:?} outside char boundaries", f.rule, f.span));
        }
    }
    for target in TARGETS {
        let out = ownframe::rewrite(ticket, &config, target).map_err(|e| format!("rewrite: {e}"))?;
        if !is_lossless(&body_text, &out) {
            return Err(format!("{target:?} rewrite lost words of {body_text:?}:\n{out}"));
        }
        if !is_framed(&body_text) && !out.ends_with(body_text.as_str()) {
            return Err(format!("{target:?} rewrite does not end with the original verbatim"));
        }
        if !is_framed(&body_text) {
            let headings = framing_headings(&out, target);
            if headings.get(..SECTIONS.len()) != Some(&SECTIONS.map(String::from)[..]) {
                return Err(format!("{target:?} framing's sections were disturbed: {headings:?}\n{out}"));
            }
        }
        // The rewrite is a body in the target's markup (Markdown for ADF input's rendering).
        let format = match (ticket.format, target) {
            (Format::Adf, _) | (_, Target::Markdown) => Format::Markdown,
            (_, Target::Jira) => Format::Jira,
        };
        let again = Ticket { title: ticket.title.clone(), body: out.clone(), format };
        let twice = ownframe::rewrite(&again, &config, target).map_err(|e| format!("second rewrite: {e}"))?;
        if twice != out {
            return Err(format!("{target:?} rewrite is not idempotent for {:?}", ticket.body));
        }
        // Rewriting in the input's own format is idempotent too.
        let same = Ticket { format: if ticket.format == Format::Adf { Format::Markdown } else { ticket.format }, ..again };
        if ownframe::rewrite(&same, &config, target).map_err(|e| e.to_string())? != out {
            return Err(format!("{target:?} rewrite re-read as {:?} is not idempotent", same.format));
        }
    }
    Ok(())
}

const SECTIONS: [&str; 7] = [
    "Outcome",
    "Context and evidence",
    "Success looks like",
    "Your authority",
    "Support",
    "Your assessment",
    "Original proposal (non-binding)",
];

/// The level-2 headings a renderer sees in a framing: pulldown-cmark for Markdown, the Jira
/// reader for wiki markup. Quotes from the ticket must not add, hide or swallow any.
fn framing_headings(out: &str, target: Target) -> Vec<String> {
    match target {
        Target::Markdown => {
            use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
            let mut headings = Vec::new();
            let mut current: Option<String> = None;
            for event in Parser::new_ext(out, pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
                match event {
                    Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => current = Some(String::new()),
                    Event::Text(t) if current.is_some() => current.as_mut().unwrap().push_str(&t),
                    Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
                    _ => {}
                }
            }
            headings
        }
        Target::Jira => {
            let doc = ownframe::text::jira::read(out);
            doc.blocks.iter().filter(|b| b.kind == ownframe::text::BlockKind::Heading(2)).map(|b| b.text.clone()).collect()
        }
    }
}

/// Lines that exercise every reader's special cases, including the framing's own marker.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Problem".to_string()),
        Just("## Original proposal (non-binding)".to_string()),
        Just("h2. Original proposal (non-binding)".to_string()),
        Just("ownframe:framing v1 — outcome first".to_string()),
        Just("```".to_string()),
        Just("~~~rust".to_string()),
        Just("{code:java}".to_string()),
        Just("{code}".to_string()),
        Just("{noformat}".to_string()),
        Just("{quote}".to_string()),
        Just("{panel:title=Notes}".to_string()),
        Just("bq. quoted".to_string()),
        Just("h3. Steps".to_string()),
        Just("<!-- Describe the problem".to_string()),
        Just("-->".to_string()),
        Just("<details><summary>log</summary>".to_string()),
        Just("<p>Users can't open <code>a&lt;b</code> &amp; wait<br>".to_string()),
        Just("</p><pre>trace".to_string()),
        Just("<h2>Why</h2><ol><li>so that <em>ops</em> sleep</li></ol>".to_string()),
        Just("<div title='>'>Use Redis &#x1F600; &bogus;</div>".to_string()),
        Just("> quoted".to_string()),
        Just("- [ ] task".to_string()),
        Just("* item".to_string()),
        Just("** nested".to_string()),
        Just("# one".to_string()),
        Just("1. first".to_string()),
        Just("|| a || b ||".to_string()),
        Just("| a | [t|https://x.io] |".to_string()),
        Just("|---|---|".to_string()),
        Just("    indented code".to_string()),
        Just("\tTab code".to_string()),
        Just("Users can't export reports, so that finance waits 3 days.".to_string()),
        Just("Implement the endpoint. Use Redis.".to_string()),
        Just("Run {{make}} and *bold* _it_ {color:red}now{color}".to_string()),
        Just("See https://example.com/a_(b) and [x](http://y)".to_string()),
        Just("!screen.png|thumbnail! 😀 日本語\u{a0}é".to_string()),
        Just("".to_string()),
        "\\PC{0,24}",
        "[a-z*_#>`|{}\\[\\]!~ -]{0,16}",
    ]
}

fn markdownish() -> impl Strategy<Value = String> {
    (prop::collection::vec((fragment(), prop::bool::ANY), 0..14))
        .prop_map(|lines| lines.into_iter().map(|(l, crlf)| l + if crlf { "\r\n" } else { "\n" }).collect())
}

/// ADF documents built from arbitrary text in every node kind the reader renders.
fn adf_inline() -> impl Strategy<Value = serde_json::Value> {
    let text = "\\PC{0,12}";
    prop_oneof![
        text.prop_map(|t| json!({"type":"text","text":t})),
        (text, prop::sample::select(vec!["strong", "em", "code", "strike"]))
            .prop_map(|(t, m)| json!({"type":"text","text":t,"marks":[{"type":m}]})),
        (text, text).prop_map(|(t, h)| json!({"type":"text","text":t,"marks":[{"type":"link","attrs":{"href":h}}]})),
        Just(json!({"type":"hardBreak"})),
        text.prop_map(|t| json!({"type":"mention","attrs":{"id":"1","text":t}})),
        text.prop_map(|t| json!({"type":"emoji","attrs":{"shortName":":x:","text":t}})),
        text.prop_map(|t| json!({"type":"status","attrs":{"text":t}})),
        text.prop_map(|t| json!({"type":"inlineCard","attrs":{"url":t}})),
        Just(json!({"type":"date","attrs":{"timestamp":"1735689600000"}})),
    ]
}

fn adf_block() -> impl Strategy<Value = serde_json::Value> {
    let para = prop::collection::vec(adf_inline(), 0..5).prop_map(|c| json!({"type":"paragraph","content":c}));
    let leaf = prop_oneof![
        para,
        (1u64..7, prop::collection::vec(adf_inline(), 0..3))
            .prop_map(|(l, c)| json!({"type":"heading","attrs":{"level":l},"content":c})),
        "\\PC{0,30}".prop_map(|t| json!({"type":"codeBlock","content":[{"type":"text","text":t}]})),
        Just(json!({"type":"rule"})),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|c| json!({"type":"blockquote","content":c})),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|c| json!({"type":"panel","content":c})),
            (prop::sample::select(vec!["bulletList", "orderedList"]), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(k, c)| json!({"type":k,"content":c.into_iter().map(|b| json!({"type":"listItem","content":[b]})).collect::<Vec<_>>()})),
            prop::collection::vec(prop::collection::vec(inner.clone(), 0..2), 0..3).prop_map(|rows| json!({"type":"table","content":
                rows.into_iter().map(|cells| json!({"type":"tableRow","content":
                    cells.into_iter().map(|c| json!({"type":"tableCell","content":[c]})).collect::<Vec<_>>()})).collect::<Vec<_>>()})),
            prop::collection::vec(adf_inline(), 0..3).prop_map(|c| json!({"type":"taskList","content":[{"type":"taskItem","attrs":{"state":"DONE"},"content":c}]})),
        ]
    })
}

fn adf_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(adf_block(), 0..6).prop_map(|c| json!({"type":"doc","version":1,"content":c}).to_string())
}

proptest! {
    // 256 cases per property by default; PROPTEST_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn arbitrary_unicode_in_every_format(title in "\\PC{0,40}", body in "\\PC{0,400}") {
        for format in FORMATS {
            let ticket = Ticket { title: title.clone(), body: body.clone(), format };
            if let Err(why) = check(&ticket) { prop_assert!(false, "{}", why); }
        }
        // Arbitrary text as ADF is refused as bad input or read, never a panic.
        let ticket = Ticket { title, body, format: Format::Adf };
        if let Err(why) = check(&ticket) { prop_assert!(false, "{}", why); }
    }

    #[test]
    fn markdownish_bodies_in_every_format(title in "\\PC{0,30}", body in markdownish()) {
        for format in FORMATS {
            let ticket = Ticket { title: title.clone(), body: body.clone(), format };
            if let Err(why) = check(&ticket) { prop_assert!(false, "{}", why); }
        }
    }

    #[test]
    fn adf_documents(title in "\\PC{0,30}", body in adf_doc()) {
        let ticket = Ticket { title, body, format: Format::Adf };
        let reading = ownframe::read(&ticket);
        prop_assert!(reading.is_ok(), "a well-formed ADF document was refused: {:?}", reading.err());
        if let Err(why) = check(&ticket) { prop_assert!(false, "{}", why); }
    }

    #[test]
    fn adf_keeps_every_text_node(words in prop::collection::vec("[A-Za-z0-9]{1,8}", 1..8)) {
        // Plain words in nested structures all survive into the rendering, in order.
        let para = |w: &str| json!({"type":"paragraph","content":[{"type":"text","text":w}]});
        let content: Vec<_> = words.iter().enumerate().map(|(i, w)| match i % 4 {
            0 => para(w),
            1 => json!({"type":"bulletList","content":[{"type":"listItem","content":[para(w)]}]}),
            2 => json!({"type":"blockquote","content":[para(w)]}),
            _ => json!({"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[para(w)]}]}]}),
        }).collect();
        let md = ownframe::text::adf::to_markdown(&json!({"type":"doc","version":1,"content":content}).to_string()).unwrap();
        prop_assert!(is_lossless(&words.join(" "), &md.replace(['|', '>', '-'], " ")), "{}", md);
    }
}

/// Any node kind inside any other, in or out of the ADF schema, with text anywhere.
fn adf_any_tree() -> impl Strategy<Value = serde_json::Value> {
    let leaf = "[a-z]{1,6}( [a-z]{1,6}){0,2}".prop_map(|t| json!({"type":"text","text":format!("{t} ")}));
    leaf.prop_recursive(5, 40, 4, |inner| {
        let kinds = vec![
            "paragraph", "heading", "bulletList", "orderedList", "listItem", "taskList", "taskItem", "decisionList",
            "blockquote", "panel", "table", "tableRow", "tableCell", "tableHeader", "codeBlock", "expand", "layoutSection",
            "somethingNew",
        ];
        (prop::sample::select(kinds), prop::collection::vec(inner, 0..4))
            .prop_map(|(k, c)| json!({"type":k,"content":c}))
    })
}

/// Text node words in document order.
fn adf_words(node: &serde_json::Value, out: &mut Vec<String>) {
    if let Some(t) = node.get("text").and_then(|t| t.as_str()) {
        out.extend(t.split_whitespace().map(String::from));
    }
    for child in node.get("content").and_then(|c| c.as_array()).into_iter().flatten() {
        adf_words(child, out);
    }
}

proptest! {
    #[test]
    fn adf_in_or_out_of_schema_keeps_every_word_in_order(content in prop::collection::vec(adf_any_tree(), 0..5)) {
        use unicode_segmentation::UnicodeSegmentation;
        let doc = json!({"type":"doc","version":1,"content":content});
        let mut want = Vec::new();
        adf_words(&doc, &mut want);
        let md = ownframe::text::adf::to_markdown(&doc.to_string()).unwrap();
        let have = md.unicode_words().collect::<Vec<_>>().join(" ");
        prop_assert!(is_lossless(&want.join(" "), &have), "lost words of {}: {:?}", doc, md);
    }
}

#[test]
fn marker_inside_a_user_body_loses_nothing() {
    for body in [
        "ownframe:framing v1 is how I start my own notes.\n\n## Original proposal (non-binding)\nmine",
        "text first\n\nownframe:framing v1\n\nh2. Original proposal (non-binding)\n",
    ] {
        for format in FORMATS {
            check(&Ticket { title: String::new(), body: body.to_string(), format }).unwrap();
        }
    }
}
