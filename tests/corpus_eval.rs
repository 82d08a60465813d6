//! The judgement against the corpus in `../shared/corpus/` (evaluation only; skipped when the
//! corpus is absent): every ticket is analysed without panic and with spans on char
//! boundaries, and agreement with the human labels does not regress.

use ownframe::judge::fit::{self, Agreement};
use ownframe::{Class, Config, Field, Ticket};
use std::collections::HashMap;
use std::sync::OnceLock;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
/// Shuffles of the repeated 5-fold CV the bars are read from (`fit::repeated_cv`).
const SHUFFLES: usize = 30;

fn tickets() -> Option<Vec<(String, Ticket)>> {
    let Ok(text) = std::fs::read_to_string(format!("{CORPUS}/tickets.jsonl")) else {
        eprintln!("note: corpus not found at {CORPUS}; skipping");
        return None;
    };
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                let t = Ticket {
                    title: v["title"].as_str().unwrap_or("").to_string(),
                    body: v["body"].as_str().unwrap_or("").to_string(),
                    ..Default::default()
                };
                (v["id"].as_str().unwrap_or("").to_string(), t)
            })
            .collect(),
    )
}

fn labels() -> HashMap<String, (bool, bool)> {
    let text = std::fs::read_to_string(format!("{CORPUS}/labels-dev.jsonl")).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some((v["id"].as_str()?.to_string(), (v["states_outcome"].as_bool()?, v["prescribes_solution"].as_bool()?))))
        .collect()
}

#[test]
fn every_ticket_is_analysed_with_valid_spans() {
    let Some(all) = tickets() else { return };
    assert_eq!(all.len(), 600);
    for (id, t) in &all {
        let a = ownframe::analyze(t, &Config::default()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(a.class, Class::from_labels(a.states_outcome, a.prescribes_solution));
        for f in &a.findings {
            let text = match f.field {
                Field::Title => &t.title,
                Field::Body => &t.body,
            };
            assert!(f.span.start <= f.span.end && f.span.end <= text.len(), "{id}: {} span {:?} out of range", f.rule, f.span);
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{id}: {} span splits a char", f.rule);
            assert!(f.span_utf16.start <= f.span_utf16.end);
            assert!(!f.message.is_empty() && !f.suggestion.is_empty());
        }
        let scores = &a.scores;
        for v in [scores.outcome.who, scores.outcome.problem, scores.outcome.why, scores.outcome.evidence, scores.outcome.success_measure, scores.openness, scores.authority, scores.support, scores.invitation] {
            assert!((0.0..=1.0).contains(&v), "{id}: score {v} out of range");
        }
    }
}

struct Figures {
    outcome: Agreement,
    prescribes: Agreement,
    task: Agreement,
}

impl Figures {
    fn of(go: &[bool], gp: &[bool], po: &[bool], pp: &[bool], what: &str) -> Figures {
        let f = Figures {
            outcome: Agreement::of(po, go),
            prescribes: Agreement::of(pp, gp),
            task: Agreement::of(&fit::task_style(po, pp), &fit::task_style(go, gp)),
        };
        eprintln!(
            "labelled set, {what}: outcome kappa {:.3}, prescribes kappa {:.3}, task-style precision {:.3} recall {:.3}",
            f.outcome.kappa(),
            f.prescribes.kappa(),
            f.task.precision(),
            f.task.recall()
        );
        f
    }
}

/// Agreement on the labelled tickets: with the embedded weights (in-sample), 5-fold
/// cross-validated on the fixed split (each fold judged by weights fitted without it), and the
/// means over `SHUFFLES` shuffled splits (the honest figures, steadier than one split).
/// Computed once for both tests that read it: the repeated CV is 300 fits.
fn figures() -> Option<&'static (Figures, Figures, fit::Repeated)> {
    static FIGURES: OnceLock<Option<(Figures, Figures, fit::Repeated)>> = OnceLock::new();
    FIGURES.get_or_init(compute_figures).as_ref()
}

fn compute_figures() -> Option<(Figures, Figures, fit::Repeated)> {
    let all = tickets()?;
    let gold = labels();
    let config = Config::default();
    let (mut go, mut gp, mut po, mut pp, mut xs) = (vec![], vec![], vec![], vec![], vec![]);
    for (id, t) in &all {
        let Some(&(o, p)) = gold.get(id) else { continue };
        let a = ownframe::analyze(t, &config).expect("reads");
        let reading = ownframe::read(t).expect("reads");
        xs.push(ownframe::judge::features(&reading.title, &reading.body, &config));
        go.push(o);
        gp.push(p);
        po.push(a.states_outcome);
        pp.push(a.prescribes_solution);
    }
    assert_eq!(go.len(), 150, "every labelled ticket is in the corpus");
    let in_sample = Figures::of(&go, &gp, &po, &pp, "in-sample");
    let cv = |y: &[bool], how: &fit::Fitting| -> Vec<bool> { fit::cross_validate(&xs, y, 5, how).iter().map(|p| *p >= 0.5).collect() };
    let crossed = Figures::of(&go, &gp, &cv(&go, &fit::OUTCOME), &cv(&gp, &fit::PRESCRIBES), "5-fold CV");
    let repeated = fit::repeated_cv(&xs, &go, &gp, SHUFFLES, 5);
    eprintln!(
        "labelled set, {SHUFFLES} x 5-fold CV means: outcome kappa {:.3}, prescribes kappa {:.3}, task-style precision {:.3} recall {:.3}",
        repeated.outcome_kappa, repeated.prescribes_kappa, repeated.task_precision, repeated.task_recall
    );
    Some((in_sample, crossed, repeated))
}

/// A regression floor a little below the level the embedded weights reach now (see the report
/// of `cargo run --release --example eval`).
#[test]
fn labelled_agreement_does_not_regress() {
    let Some((f, cv, _)) = figures() else { return };
    // In-sample with the embedded weights: 0.825 / 0.882 / 0.902 / 0.885 at cd8add0 (0.839 / 0.882 /
    // 0.920 / 0.885 at 0fdce29: later reader fixes lowered the fit on its own tickets and raised
    // every cross-validated figure).
    assert!(f.outcome.kappa() >= 0.78, "outcome kappa {:.3}", f.outcome.kappa());
    assert!(f.prescribes.kappa() >= 0.86, "prescribes kappa {:.3}", f.prescribes.kappa());
    assert!(f.task.precision() >= 0.85 && f.task.recall() >= 0.84, "task-style {:.3}/{:.3}", f.task.precision(), f.task.recall());
    // 5-fold CV on the fixed split: 0.794 / 0.835 / 0.898 / 0.846 at cd8add0.
    assert!(cv.outcome.kappa() >= 0.70, "CV outcome kappa {:.3}", cv.outcome.kappa());
    assert!(cv.prescribes.kappa() >= 0.80, "CV prescribes kappa {:.3}", cv.prescribes.kappa());
    assert!(cv.task.precision() >= 0.81 && cv.task.recall() >= 0.77, "CV task-style {:.3}/{:.3}", cv.task.precision(), cv.task.recall());
}

/// The product bars, on the means of 30 shuffled 5-fold splits: in-sample figures flatter a
/// model fitted on the same 150 tickets, one split is luck, and so are 10 shuffles (at 0fdce29 the
/// first 10 seeds gave task-style precision 0.853 where 30 gave 0.846). At cd8add0: 0.758 / 0.821
/// / 0.876 / 0.812; 60 shuffles 0.874 task-style precision, 10-fold CV 0.885. One labelled
/// ticket moves precision by about 0.02: the margin is one or two tickets.
#[test]
fn meets_product_bars() {
    let Some((_, _, r)) = figures() else { return };
    assert!(r.outcome_kappa >= 0.7, "outcome kappa {:.3}", r.outcome_kappa);
    assert!(r.prescribes_kappa >= 0.7, "prescribes kappa {:.3}", r.prescribes_kappa);
    assert!(r.task_precision >= 0.85, "task-style precision {:.3}", r.task_precision);
    assert!(r.task_recall >= 0.7, "task-style recall {:.3}", r.task_recall);
}
