//! The outcome-first rewrite: a framing prompt (Outcome, Context and evidence, Success looks like,
//! Your authority, Support, Your assessment) followed by the original proposal, in full and byte
//! for byte, as the last section. Last, so that nothing in it (an unclosed code fence, an open
//! `{code}` macro) can swallow the framing; verbatim, so that not a word is lost.
//!
//! The framing starts with a visible, versioned marker line. A body that starts with it is
//! already framed and comes back unchanged, which makes the rewrite idempotent and keeps
//! anything the author has since written into the framing.

mod lossless;
mod pick;
mod write;

pub use lossless::is_lossless;
pub use write::{is_offer, is_prompt, is_quote_line};
pub use pick::{pick, Picks};

use crate::config::Config;
use crate::model::{Analysis, Format, Ticket};
use crate::text::Document;

/// The first line of every framing, in both targets. Changing the text means a new version.
pub const MARKER: &str = "ownframe:framing v1";

/// The heading of the last section, which holds the original body verbatim.
pub const ORIGINAL_HEADING: &str = "Original proposal (non-binding)";

/// The markup a rewrite is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    #[default]
    Markdown,
    Jira,
}

impl Target {
    pub fn parse(name: &str) -> Result<Target, crate::Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(Target::Markdown),
            "jira" | "wiki" => Ok(Target::Jira),
            other => Err(crate::Error::UnknownFormat(other.to_string())),
        }
    }
}

/// Does `body` already start with a framing (of any target)?
pub fn is_framed(body: &str) -> bool {
    body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').starts_with(MARKER)
}

/// The text the rewrite keeps verbatim: the body as given, or for ADF its Markdown rendering.
pub fn original_text(ticket: &Ticket, analysis: &Analysis) -> String {
    match ticket.format {
        Format::Adf => analysis
            .body_text
            .clone()
            .or_else(|| crate::text::adf::to_markdown(&ticket.body).ok())
            .unwrap_or_else(|| ticket.body.clone()),
        _ => ticket.body.clone(),
    }
}

/// Rewrites a ticket's body outcome-first in `target` markup. Deterministic; the original body
/// (for ADF, `analysis.body_text`) is the last section, unchanged.
pub fn rewrite(ticket: &Ticket, analysis: &Analysis, config: &Config, target: Target) -> String {
    let original = original_text(ticket, analysis);
    if is_framed(&original) {
        return original;
    }
    let title = Document::title(&ticket.title);
    // The body reads as it did for the analysis; for ADF the rendering is read as Markdown.
    let body = match ticket.format {
        Format::Adf => crate::text::markdown::read(&original),
        format => Document::body(&original, format).unwrap_or_default(),
    };
    let reading = crate::judge::reading::Reading::new(&title, &body);
    let (_, facts) = crate::judge::signals::collect(&reading, config);
    let picks = pick(&reading, &facts, config);
    write::framing(&picks, analysis, config, target, &original)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, format: Format, target: Target) -> String {
        let ticket = Ticket { title: "Add caching".into(), body: body.into(), format };
        crate::rewrite(&ticket, &Config::default(), target).unwrap()
    }

    #[test]
    fn an_order_becomes_questions_with_the_original_last_and_verbatim() {
        let body = "Implement the /history endpoint with limit and offset.\r\nUse Redis to cache it. ```\n";
        for target in [Target::Markdown, Target::Jira] {
            let out = run(body, Format::Markdown, target);
            assert!(out.starts_with(MARKER), "{out}");
            assert!(out.ends_with(body), "the original must be the last thing, verbatim");
            assert!(out.contains("Who needs this, and what can't they do today?"));
            assert!(out.contains("What do you need from me to move forward?"));
            assert!(out.contains("risks") && out.contains("edge cases"));
            assert!(out.contains("decide and inform"));
            assert!(is_lossless(body, &out));
            assert_eq!(run(&out, Format::Markdown, target), out);
        }
        assert!(run(body, Format::Markdown, Target::Jira).contains("h2. Original proposal (non-binding)"));
        assert!(run(body, Format::Markdown, Target::Markdown).contains("## Original proposal (non-binding)"));
    }

    #[test]
    fn stated_outcomes_are_quoted_back() {
        let body = "Merchants **can't** find refunds older than 90 days, so they open support tickets.\n\nAdd a date filter.";
        let out = run(body, Format::Markdown, Target::Markdown);
        assert!(out.contains("> Merchants can't find refunds older than 90 days, so they open support tickets."), "{out}");
        assert!(!out.contains("Who needs this, and what can't they do today?"));
    }

    #[test]
    fn a_body_mentioning_the_marker_is_still_wrapped_whole() {
        let body = format!("Notes about {MARKER} in the middle.\n\n{ORIGINAL_HEADING}\n");
        let out = run(&body, Format::Markdown, Target::Markdown);
        assert!(out.ends_with(&body) && is_lossless(&body, &out));
    }

    #[test]
    fn adf_keeps_its_markdown_rendering() {
        let adf = r#"{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Use *Kafka* now"}]}]}"#;
        let out = run(adf, Format::Adf, Target::Markdown);
        assert!(out.ends_with("Use \\*Kafka\\* now"), "{out}");
        assert_eq!(run(&out, Format::Markdown, Target::Markdown), out);
    }
}
