//! The ownership record: who owns the outcome, what success looks like, who decides what, what
//! support was promised, when they check in and how ownership changed hands. Its serde shape is
//! the CLI's and the wasm API's JSON contract: fields are only ever added, never renamed.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// Unknown keys are refused so a misspelt field ("sucess_measures") is an error, not text that
// silently never reaches the ticket.
#[serde(default, deny_unknown_fields)]
pub struct Record {
    pub owner: String,
    pub outcome: String,
    pub success_measures: Vec<String>,
    pub decisions: Vec<Decision>,
    pub support: Vec<String>,
    /// "weekly", "every Monday", or an ISO date ("2026-12-01") that nudges can call overdue.
    pub check_in: String,
    pub experiment: Option<Experiment>,
    pub handoffs: Vec<Handoff>,
    /// Rows a teammate added to the block by hand that are no ownership field; kept so writing the
    /// record back never drops them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_rows: Vec<OtherRow>,
}

/// A decision area and how much of it the owner decides (Delegation Poker, 1 Tell .. 7 Delegate).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[serde(default)]
    pub area: String,
    pub level: u8,
    #[serde(default)]
    pub note: String,
}

/// A safe-to-fail experiment: what is tried, what is at stake, when it is looked at again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Experiment {
    pub scope: String,
    pub stakes: String,
    pub review_date: String,
}

/// Ownership changing hands, and whether the three things that make a hand-off real happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Handoff {
    pub from: String,
    pub to: String,
    pub date: String,
    pub knowledge: bool,
    pub decision_context: bool,
    pub stakeholders: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OtherRow {
    pub field: String,
    pub value: String,
}

impl Record {
    pub fn from_json(text: &str) -> Result<Record, crate::Error> {
        let record: Record = serde_json::from_str(text).map_err(|e| crate::Error::BadInput(format!("not a valid ownership record: {e}")))?;
        record.validate()?;
        Ok(record)
    }

    /// Checks what the block could not faithfully carry.
    pub fn validate(&self) -> Result<(), crate::Error> {
        for d in &self.decisions {
            if !(1..=7).contains(&d.level) {
                return Err(crate::Error::BadInput(format!(
                    "decision area '{}' has level {}; Delegation Poker levels run from 1 (Tell) to 7 (Delegate)",
                    d.area, d.level
                )));
            }
        }
        for row in &self.other_rows {
            if let Some(label) = super::parse::label_kind(&row.field) {
                // A single-valued field's own row is always written first, so a second one reads
                // back as an other row again; a list or experiment row would join the field.
                let clash = match label {
                    super::parse::Label::SuccessMeasure | super::parse::Label::Support => true,
                    super::parse::Label::ExperimentScope
                    | super::parse::Label::ExperimentStakes
                    | super::parse::Label::ExperimentReview => self.experiment.is_none(),
                    _ => false,
                };
                if clash {
                    return Err(crate::Error::BadInput(format!(
                        "other row '{}' names an ownership field; put its value in that field instead",
                        row.field
                    )));
                }
            }
        }
        Ok(())
    }
}
