//! Reading tickets: every input format becomes a `Document`, a list of prose `Block`s whose clean
//! text maps back to byte offsets in the source. Code, logs, quotes, HTML comments and template
//! instructions never become prose, but the source text is never changed either: the rewrite
//! works from the source, the rules from the blocks.

pub mod adf;
mod block;
pub mod html;
pub mod jira;
pub mod markdown;
pub mod offsets;
pub mod scan;
pub mod plain;
pub mod template;
pub mod urls;

pub use block::{Block, BlockKind, BlockBuilder};
pub use block::{CODE_WORD, URL_WORD};

use crate::model::Format;
use crate::Error;

/// A ticket field read into prose blocks.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text spans point into: the field as given, or for ADF the body rendered as Markdown.
    pub source: String,
    pub blocks: Vec<Block>,
    /// Lines of quoted text (Markdown `>` blocks, Jira `{quote}` blocks and `bq.` lines). Never
    /// prose, so never judged, but counted: a ticket that relays someone else's words (a
    /// follow-up of a review thread, a forwarded report) asks differently from one that orders.
    pub quoted_lines: usize,
}

impl Document {
    /// Reads a title: always one plain-text block.
    pub fn title(title: &str) -> Document {
        let mut builder = BlockBuilder::new(BlockKind::Title);
        builder.push_text(title, 0);
        Document { source: title.to_string(), blocks: builder.finish().into_iter().collect(), quoted_lines: 0 }
    }

    /// Reads a body in the given format.
    pub fn body(body: &str, format: Format) -> Result<Document, Error> {
        match format {
            Format::Markdown => Ok(markdown::read(body)),
            Format::Jira => Ok(jira::read(body)),
            Format::Text => Ok(plain::read(body)),
            // ADF becomes Markdown first, so spans point into that rendering (`body_text`).
            Format::Adf => Ok(markdown::read(&adf::to_markdown(body)?)),
        }
    }

    /// Words of prose, for speed figures and scores.
    pub fn word_count(&self) -> usize {
        self.blocks.iter().map(|b| b.word_count()).sum()
    }
}
