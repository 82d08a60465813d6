//! The types every surface shares: what goes in (a ticket) and what comes out (an analysis).
//! Their serde shape is the CLI's JSON and the wasm API's return value, so fields are only
//! ever added, never renamed.

use serde::{Deserialize, Serialize};

/// How a ticket's body is written. Titles are always plain text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// GitHub / GitLab flavoured Markdown.
    #[default]
    Markdown,
    /// Jira wiki markup (Jira Data Center, Jira Server, older Cloud REST v2).
    Jira,
    /// Atlassian Document Format JSON, as Jira Cloud's REST v3 returns descriptions.
    Adf,
    /// Plain text with no markup.
    Text,
}

impl Format {
    pub fn parse(name: &str) -> Result<Format, crate::Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" | "gfm" | "github" | "gitlab" => Ok(Format::Markdown),
            "jira" | "wiki" | "jira-wiki" => Ok(Format::Jira),
            "adf" => Ok(Format::Adf),
            "text" | "plain" | "txt" => Ok(Format::Text),
            other => Err(crate::Error::UnknownFormat(other.to_string())),
        }
    }
}

/// One ticket as the user wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub format: Format,
}

/// The derived class (see `corpus/LABELS.md`): the two judgements combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Class {
    /// Prescribes a solution and never states an outcome: an order.
    #[serde(rename = "task-style")]
    TaskStyle,
    #[serde(rename = "outcome-first")]
    OutcomeFirst,
    #[serde(rename = "mixed")]
    Mixed,
    #[serde(rename = "unframed")]
    Unframed,
}

impl Class {
    pub fn from_labels(states_outcome: bool, prescribes_solution: bool) -> Class {
        match (states_outcome, prescribes_solution) {
            (false, true) => Class::TaskStyle,
            (true, false) => Class::OutcomeFirst,
            (true, true) => Class::Mixed,
            (false, false) => Class::Unframed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Class::TaskStyle => "task-style",
            Class::OutcomeFirst => "outcome-first",
            Class::Mixed => "mixed",
            Class::Unframed => "unframed",
        }
    }

    pub fn parse(name: &str) -> Option<Class> {
        [Class::TaskStyle, Class::OutcomeFirst, Class::Mixed, Class::Unframed]
            .into_iter()
            .find(|c| c.as_str() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

/// Which field of the ticket a span points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    /// The body as given; for ADF input, the body's text as `Analysis::body_text` holds it.
    Body,
}

/// A half-open range `[start, end)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One thing a rule noticed, anchored to the words responsible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `prescribed-solution`; team configuration switches rules off by it.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub suggestion: String,
    pub field: Field,
    /// Byte offsets into the field's text (Rust, the CLI).
    pub span: Span,
    /// UTF-16 code unit offsets into the same text (JavaScript, the DOM).
    pub span_utf16: Span,
}

/// Outcome sub-scores, each in 0.0..=1.0.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutcomeScores {
    pub who: f32,
    pub problem: f32,
    pub why: f32,
    pub evidence: f32,
    pub success_measure: f32,
}

/// Scores per framing dimension, each in 0.0..=1.0 (higher is better framed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub outcome: OutcomeScores,
    /// 1.0 when the solution is left to the owner, 0.0 when it is dictated.
    pub openness: f32,
    pub authority: f32,
    pub support: f32,
    /// Does the ticket invite the owner's assessment, risks and edge cases?
    pub invitation: f32,
}

/// The result of judging one ticket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub class: Class,
    pub states_outcome: bool,
    pub prescribes_solution: bool,
    pub scores: Scores,
    pub findings: Vec<Finding>,
    /// Words of prose judged (code, logs, quotes and template boilerplate excluded).
    pub word_count: usize,
    /// For ADF input only: the text the body's spans point into.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub body_text: Option<String>,
}
