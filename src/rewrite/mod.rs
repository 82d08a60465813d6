//! The outcome-first rewrite.
//!
//! PLACEHOLDER until the real framing prompt lands: wraps the original under a heading.

use crate::model::{Analysis, Ticket};

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

pub fn rewrite(ticket: &Ticket, _analysis: &Analysis, _config: &crate::config::Config, _target: Target) -> String {
    format!("## Original proposal (non-binding)\n\n{}", ticket.body)
}
