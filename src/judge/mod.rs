//! Judging a read ticket: does it state an outcome, does it prescribe a solution, how does it
//! score on each framing dimension, and which phrases are responsible.
//!
//! `reading` tokenises once; the rules in `crate::rules` detect ordering phrases; `signals`
//! counts them alongside outcome signals; `model` weighs the counts into the two labels;
//! `scores` maps them to 0..1; findings come from the enabled rules.

#[cfg(not(target_arch = "wasm32"))]
pub mod fit;
pub mod lexicon;
pub mod model;
pub mod reading;
pub mod scores;
pub mod signals;

use crate::config::Config;
use crate::model::{Finding, Scores, Severity};
use crate::rules::{self, imperative_solution, modal_prescription, prescribed_technology, step_list};
use crate::text::Document;
use reading::{Reading, Section};

/// What the judge concluded, with spans in bytes (UTF-16 offsets are added by `crate::analyze`).
#[derive(Clone, Debug, Default)]
pub struct Judgement {
    pub states_outcome: bool,
    pub prescribes_solution: bool,
    pub scores: Scores,
    pub findings: Vec<Finding>,
}

/// Phrase findings per rule beyond which more of the same add noise, not information.
const MAX_PER_RULE: usize = 8;

pub fn judge(title: &Document, body: &Document, config: &Config) -> Judgement {
    let reading = Reading::new(title, body);
    let sig = signals::collect(&reading, config);
    let x = model::features(&sig);
    let p_outcome = model::probability(&model::OUTCOME, &x);
    let p_prescribes = model::probability(&model::PRESCRIBES, &x);
    let states_outcome = p_outcome >= 0.5;
    let prescribes_solution = p_prescribes >= 0.5;
    let scores = scores::score(&sig, p_prescribes);

    let mut findings = phrase_findings(&reading, config, prescribes_solution);
    let missing = [
        rules::missing_outcome::check(&reading, states_outcome),
        rules::missing_why::check(&reading, &scores),
        rules::missing_who::check(&reading, &scores),
        rules::missing_success_measure::check(&reading, &scores),
        rules::no_invitation::check(&reading, &scores),
    ];
    findings.extend(missing.into_iter().flatten().filter(|f| config.rule_enabled(&f.rule)));
    Judgement { states_outcome, prescribes_solution, scores, findings }
}

/// The model's input for a ticket, for the evaluation and for fitting the weights.
pub fn features(title: &Document, body: &Document, config: &Config) -> [f32; model::N] {
    let reading = Reading::new(title, body);
    model::features(&signals::collect(&reading, config))
}

fn phrase_findings(reading: &Reading, config: &Config, prescribes: bool) -> Vec<Finding> {
    let severity = if prescribes { Severity::Warning } else { Severity::Info };
    let mut out: Vec<Finding> = Vec::new();
    let count = |out: &Vec<Finding>, id: &str| out.iter().filter(|f| f.rule == id).count() < MAX_PER_RULE && config.rule_enabled(id);
    let runs = step_list::detect(reading);
    for s in reading.sentences() {
        if matches!(s.view.section, Section::PossibleFix | Section::Reproduce | Section::Behaviour) {
            continue;
        }
        let order = imperative_solution::detect(&s);
        if let Some(range) = order {
            // Steps of a plan are reported once, as a plan.
            let in_plan = s.view.is_list_item() && !runs.is_empty();
            if !in_plan && count(&out, imperative_solution::ID) {
                let span = s.source_span(range.0, range.1);
                out.push(rules::finding(
                    imperative_solution::ID,
                    severity,
                    imperative_solution::message(&s, range),
                    imperative_solution::suggestion(&s, range),
                    s.view.field,
                    span,
                ));
            }
        } else if let Some(range) = modal_prescription::detect(&s) {
            if count(&out, modal_prescription::ID) {
                out.push(rules::finding(
                    modal_prescription::ID,
                    severity,
                    modal_prescription::message(&s, range),
                    modal_prescription::suggestion(&s, range),
                    s.view.field,
                    s.source_span(range.0, range.1),
                ));
            }
        }
        if let Some(range) = prescribed_technology::detect(&s, config) {
            if count(&out, prescribed_technology::ID) {
                out.push(rules::finding(
                    prescribed_technology::ID,
                    Severity::Warning,
                    prescribed_technology::message(&s, range),
                    prescribed_technology::suggestion(&s, range),
                    s.view.field,
                    s.source_span(range.0, range.1),
                ));
            }
        }
    }
    for run in &runs {
        if count(&out, step_list::ID) {
            out.push(rules::finding(
                step_list::ID,
                severity,
                step_list::message(run),
                step_list::suggestion(run),
                run.first.view.field,
                run.first.source_span(run.order.0, run.order.1),
            ));
        }
    }
    out
}
