//! Each input format read through the public API on realistic tickets: prose comes out, code,
//! quotes, logs and markup stay out, spans point back at the user's words, and the rewrite keeps
//! the original (for ADF, its Markdown rendering) verbatim.

use ownframe::rewrite::{is_lossless, Target};
use ownframe::{Config, Error, Format, Ticket};

fn ticket(body: &str, format: Format) -> Ticket {
    Ticket { title: "Label printing for international orders".into(), body: body.into(), format }
}

fn prose(t: &Ticket) -> Vec<String> {
    ownframe::read(t).unwrap().body.blocks.iter().map(|b| b.text.clone()).collect()
}

const JIRA: &str = "h2. Problem\r\n\
Warehouse staff can't print customs labels for *international* orders, so parcels wait a day.\r\n\
Support logged 40 tickets about it last week ([dashboard|https://acme.atlassian.net/secure/Dashboard.jspa]).\r\n\
\r\n\
h2. Proposal\r\n\
# Implement {{CustomsLabelService}} in the label worker\r\n\
# Use Redis to cache carrier rules\r\n\
## cache for 24h\r\n\
{code:java}\r\nthrow new LabelException(\"customs form missing\"); // never prose\r\n{code}\r\n\
{noformat}\r\n2024-05-01 ERROR label-worker timeout\r\n{noformat}\r\n\
bq. From the carrier: forms are mandatory since May.\r\n\
||Carrier||Status||\r\n|DHL|failing|\r\n\
{panel:title=Owner}\r\nPing [~jdoe] with questions 🙂\r\n{panel}\r\n";

#[test]
fn jira_wiki_keeps_code_logs_and_quotes_out_of_prose() {
    let t = ticket(JIRA, Format::Jira);
    let texts = prose(&t);
    let all = texts.join("\n");
    for absent in ["throw", "ERROR", "carrier:", "{code", "{panel", "h2.", "||", "acme.atlassian"] {
        assert!(!all.contains(absent), "{absent:?} leaked into prose: {texts:#?}");
    }
    for present in ["Problem", "Implement CODE in the label worker", "cache for 24h", "Carrier", "DHL", "Ping jdoe with questions 🙂"] {
        assert!(texts.iter().any(|t| t == present), "{present:?} missing from {texts:#?}");
    }
    assert!(all.contains("Warehouse staff can't print customs labels for international orders, so parcels wait a day."));
}

#[test]
fn spans_point_at_the_words_in_every_format() {
    let config = Config::default();
    for (body, format) in [(JIRA, Format::Jira), (JIRA, Format::Text), (JIRA, Format::Markdown)] {
        let t = ticket(body, format);
        let reading = ownframe::read(&t).unwrap();
        for block in &reading.body.blocks {
            // Every word of the clean text maps to the same word in the source, except placeholders.
            for (i, word) in block.words() {
                let (s, e) = block.to_source(i, i + word.len());
                let src = &body[s..e];
                assert!(src == word || word == "CODE" || word == "URL", "{format:?}: {word:?} maps to {src:?}");
            }
        }
        let analysis = ownframe::analyze(&t, &config).unwrap();
        for f in analysis.findings.iter().filter(|f| f.field == ownframe::Field::Body) {
            assert!(body.get(f.span.start..f.span.end).is_some(), "{format:?}: span {:?}", f.span);
        }
    }
}

#[test]
fn plain_text_reads_no_markup() {
    let body = "# Not a heading, just a hash\n\nCustomers can't download invoices older than a year:\n  - since the March release\n  - only in Safari\n\n    curl https://api.example.com/invoices/2023\n\tTraceback (most recent call last)\n\nMore at https://status.example.com.";
    let t = ticket(body, Format::Text);
    assert_eq!(
        prose(&t),
        [
            "# Not a heading, just a hash",
            "Customers can't download invoices older than a year:",
            "since the March release",
            "only in Safari",
            "More at URL."
        ]
    );
}

const ADF: &str = r#"{"version":1,"type":"doc","content":[
 {"type":"heading","attrs":{"level":3},"content":[{"type":"text","text":"Why"}]},
 {"type":"paragraph","content":[{"type":"text","text":"Finance "},{"type":"text","text":"cannot","marks":[{"type":"em"}]},
   {"type":"text","text":" close the books on time because payout exports time out (see "},
   {"type":"inlineCard","attrs":{"url":"https://acme.atlassian.net/browse/FIN-12"}},{"type":"text","text":")."}]},
 {"type":"orderedList","attrs":{"order":1},"content":[
   {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Use "},{"type":"text","text":"Kafka","marks":[{"type":"code"}]},{"type":"text","text":" for the export"}]}]}]},
 {"type":"codeBlock","attrs":{"language":"sql"},"content":[{"type":"text","text":"SELECT * FROM payouts;"}]},
 {"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"id":"a1","type":"file","collection":"c"}}]}
]}"#;

#[test]
fn adf_spans_point_into_its_markdown_rendering() {
    let t = ticket(ADF, Format::Adf);
    let analysis = ownframe::analyze(&t, &Config::default()).unwrap();
    let text = analysis.body_text.clone().expect("ADF analyses carry body_text");
    assert!(text.starts_with("### Why\n\nFinance *cannot* close the books"), "{text}");
    assert!(text.contains("```sql\nSELECT * FROM payouts;\n```"));
    for f in analysis.findings.iter().filter(|f| f.field == ownframe::Field::Body) {
        assert!(text.get(f.span.start..f.span.end).is_some_and(|s| !s.trim().is_empty()), "{:?}", f.span);
    }
    let texts = prose(&t);
    assert!(texts.contains(&"Use CODE for the export".to_string()), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("SELECT")));
    for target in [Target::Markdown, Target::Jira] {
        let out = ownframe::rewrite(&t, &Config::default(), target).unwrap();
        assert!(out.ends_with(&text) && is_lossless(&text, &out));
    }
}

#[test]
fn bad_adf_is_an_error_value_with_a_clear_message() {
    for body in [r#"{"type":"doc","content":[}"#, r#"{"type":"paragraph","content":[]}"#, "Just some text"] {
        let t = ticket(body, Format::Adf);
        match ownframe::analyze(&t, &Config::default()) {
            Err(Error::BadInput(why)) => assert!(why.contains("ADF"), "{why}"),
            other => panic!("{body}: {other:?}"),
        }
        assert!(ownframe::rewrite(&t, &Config::default(), Target::Markdown).is_err());
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(ownframe::analyze(&ticket(&format!(r#"{{"type":"doc","content":{deep}}}"#), Format::Adf), &Config::default()).is_err());
}

#[test]
fn jira_rewrite_keeps_wiki_markup_verbatim_and_framing_in_wiki() {
    let t = ticket(JIRA, Format::Jira);
    let out = ownframe::rewrite(&t, &Config::default(), Target::Jira).unwrap();
    assert!(out.contains("\n\nh2. Outcome\n\n") && out.contains("h2. Your authority"));
    assert!(out.contains("bq. Warehouse staff can't print customs labels for international orders, so parcels wait a day."), "{out}");
    assert!(out.ends_with(JIRA));
    let again = Ticket { body: out.clone(), ..t };
    assert_eq!(ownframe::rewrite(&again, &Config::default(), Target::Jira).unwrap(), out);
}

#[test]
fn team_decision_areas_appear_with_their_levels_in_words() {
    let config = Config::from_json(r#"{"decision_areas":[{"area":"Database *schema*","level":3,"note":"ask the DBA"},{"area":"Library choice","level":7}]}"#).unwrap();
    let t = ticket("Use Postgres.", Format::Markdown);
    let md = ownframe::rewrite(&t, &config, Target::Markdown).unwrap();
    assert!(md.contains("- **Database \\*schema\\*** (level 3): consult first"), "{md}");
    assert!(md.contains("ask the DBA"));
    assert!(md.contains("- **Library choice** (level 7): decide alone"));
    assert!(!md.contains("Approach and implementation"), "team areas replace the defaults");
    let jira = ownframe::rewrite(&t, &config, Target::Jira).unwrap();
    assert!(jira.contains("* *Library choice* (level 7): decide alone"), "{jira}");
}
