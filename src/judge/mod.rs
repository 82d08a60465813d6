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
    let (sig, facts) = signals::collect(&reading, config);
    let x = model::features(&sig);
    let p_outcome = model::probability(&model::OUTCOME, &x);
    // A framed ticket keeps its original as one non-binding option and asks for the owner's
    // assessment: by the labelling guide ("explicitly asks for options/assessment") it leaves
    // the solution open, unless orders were written into the framing since (`unbound_orders`
    // counts the body's orders outside the original; the title, which the rewrite leaves as it
    // is, names the same proposal).
    let p_prescribes = if reading.framed && sig.unbound_orders == 0 { 0.0 } else { model::probability(&model::PRESCRIBES, &x) };
    let states_outcome = p_outcome >= 0.5;
    let prescribes_solution = p_prescribes >= 0.5;
    let scores = scores::score(&sig, p_prescribes);

    let mut findings = phrase_findings(&reading, &facts, config, prescribes_solution);
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
    model::features(&signals::collect(&reading, config).0)
}

fn phrase_findings(reading: &Reading, facts: &[signals::Facts], config: &Config, prescribes: bool) -> Vec<Finding> {
    let severity = if prescribes { Severity::Warning } else { Severity::Info };
    let mut out: Vec<Finding> = Vec::new();
    let count = |out: &Vec<Finding>, id: &str| out.iter().filter(|f| f.rule == id).count() < MAX_PER_RULE && config.rule_enabled(id);
    let runs = step_list::detect(reading);
    for fact in facts {
        let s = fact.sentence;
        if matches!(s.view.section, Section::PossibleFix | Section::Reproduce | Section::Behaviour) || s.view.non_binding {
            continue;
        }
        if let Some(range) = fact.order {
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
        } else if let Some(range) = fact.modal {
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
        if let Some(range) = fact.tech {
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
    // The original under a framing is already offered as one option: no finding points into it.
    for run in runs.iter().filter(|r| !r.first.view.non_binding) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::text::markdown;

    fn run(title: &str, body: &str, config: &Config) -> Judgement {
        judge(&Document::title(title), &markdown::read(body), config)
    }

    fn rules_of(j: &Judgement) -> Vec<&str> {
        j.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn flags_an_order_and_points_at_the_phrase() {
        let body = "Use Redis to cache the history query.";
        let j = run("Implement the history endpoint", body, &Config::default());
        assert!(j.prescribes_solution);
        let f = j.findings.iter().find(|f| f.rule == "prescribed-technology").expect("tool named");
        assert_eq!((f.field, &body[f.span.start..f.span.end]), (Field::Body, "Redis"));
        assert!(j.findings.iter().any(|f| f.rule == "prescribed-solution" && f.field == Field::Title));
        assert!(j.scores.openness < 0.5);
    }

    #[test]
    fn allows_a_bug_report_as_an_outcome() {
        let j = run(
            "Export fails for files over 2 GB",
            "## Steps to reproduce\n\n1. Open the export page\n2. Pick a 3 GB project\n\n## Actual behaviour\n\nThe export crashes after 30 s with a timeout error, so analysts cannot work offline.\n\n## Expected behaviour\n\nThe file downloads.\n",
            &Config::default(),
        );
        assert!(j.states_outcome && !j.prescribes_solution, "{j:?}");
        assert!(!rules_of(&j).contains(&"prescribed-solution"));
    }

    #[test]
    fn disabled_rules_switch_findings_off() {
        let mut config = Config::default();
        let before = run("Add a CSV export button", "", &config);
        assert!(rules_of(&before).contains(&"prescribed-solution") && rules_of(&before).contains(&"missing-success-measure"));
        config.disabled_rules = vec!["prescribed-solution".into(), "missing-success-measure".into()];
        let after = run("Add a CSV export button", "", &config);
        assert!(!rules_of(&after).contains(&"prescribed-solution") && !rules_of(&after).contains(&"missing-success-measure"));
        assert_eq!(before.prescribes_solution, after.prescribes_solution, "labels do not depend on which findings are shown");
    }

    #[test]
    fn vocabulary_roles_count_as_who() {
        let body = "Merchants cannot see refunds in the monthly report.";
        let plain = run("Refunds in reports", body, &Config::default());
        let mut config = Config::default();
        config.vocabulary.roles = vec!["merchants".into()];
        let with = run("Refunds in reports", body, &config);
        assert!(with.scores.outcome.who > plain.scores.outcome.who);
        assert!(!rules_of(&with).contains(&"missing-who"));
    }

    #[test]
    fn vocabulary_solution_terms_count_as_prescribed_technology() {
        let body = "Send the audit events through the event bus.";
        assert!(!rules_of(&run("Audit trail", body, &Config::default())).contains(&"prescribed-technology"));
        let mut config = Config::default();
        config.vocabulary.solution_terms = vec!["event bus".into()];
        assert!(rules_of(&run("Audit trail", body, &config)).contains(&"prescribed-technology"));
    }

    #[test]
    fn vocabulary_measures_count_as_success_measures() {
        let body = "Checkout feels slow for shoppers. We want NPS to improve.";
        let plain = run("Checkout speed", body, &Config::default());
        assert!(rules_of(&plain).contains(&"missing-success-measure"));
        let mut config = Config::default();
        config.vocabulary.measures = vec!["NPS".into()];
        let with = run("Checkout speed", body, &config);
        assert!(with.scores.outcome.success_measure > plain.scores.outcome.success_measure);
        assert!(!rules_of(&with).contains(&"missing-success-measure"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for (t, b) in [("", ""), ("?", "-"), ("😀 Add", "1. \n\n## \n\n- [ ] "), ("Use", "use use use `x` with"), ("a:b>c]d|e – f", "\u{a0}\r\n\r\n**x:**")] {
            let _ = run(t, b, &Config::default());
        }
    }
}
