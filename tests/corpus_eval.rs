//! The judgement against the corpus in `../shared/corpus/` (evaluation only; skipped when the
//! corpus is absent): every ticket is analysed without panic and with spans on char
//! boundaries, and agreement with the human labels does not regress.

use ownframe::judge::fit::Agreement;
use ownframe::{Class, Config, Field, Ticket};
use std::collections::HashMap;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

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

fn figures() -> Option<Figures> {
    let all = tickets()?;
    let gold = labels();
    let (mut go, mut gp, mut po, mut pp) = (vec![], vec![], vec![], vec![]);
    for (id, t) in &all {
        let Some(&(o, p)) = gold.get(id) else { continue };
        let a = ownframe::analyze(t, &Config::default()).expect("reads");
        go.push(o);
        gp.push(p);
        po.push(a.states_outcome);
        pp.push(a.prescribes_solution);
    }
    assert_eq!(go.len(), 150, "every labelled ticket is in the corpus");
    let task = |o: &[bool], p: &[bool]| -> Vec<bool> { o.iter().zip(p).map(|(&o, &p)| p && !o).collect() };
    let f = Figures {
        outcome: Agreement::of(&po, &go),
        prescribes: Agreement::of(&pp, &gp),
        task: Agreement::of(&task(&po, &pp), &task(&go, &gp)),
    };
    eprintln!(
        "labelled set: outcome kappa {:.3}, prescribes kappa {:.3}, task-style precision {:.3} recall {:.3}",
        f.outcome.kappa(),
        f.prescribes.kappa(),
        f.task.precision(),
        f.task.recall()
    );
    Some(f)
}

/// A regression floor at the level the embedded weights reach now (see the report of
/// `cargo run --release --example eval`), below the product bars.
#[test]
fn labelled_agreement_does_not_regress() {
    let Some(f) = figures() else { return };
    // In-sample with the embedded weights (0.737 / 0.843 / 0.811 / 0.827 when set); the honest,
    // 5-fold cross-validated figures are lower (0.650 / 0.717 / 0.755 / 0.769; 10 x 5-fold mean
    // 0.629 / 0.701 / 0.748 / 0.754).
    assert!(f.outcome.kappa() >= 0.7, "outcome kappa {:.3}", f.outcome.kappa());
    assert!(f.prescribes.kappa() >= 0.8, "prescribes kappa {:.3}", f.prescribes.kappa());
    assert!(f.task.precision() >= 0.75 && f.task.recall() >= 0.75, "task-style {:.3}/{:.3}", f.task.precision(), f.task.recall());
}

/// The product bars. Not met yet: run with `cargo test --release -- --ignored` to see the gap.
#[test]
#[ignore = "the judgement does not meet the product bars yet; see examples/eval.rs output"]
fn meets_product_bars() {
    let Some(f) = figures() else { return };
    assert!(f.outcome.kappa() >= 0.7, "outcome kappa {:.3}", f.outcome.kappa());
    assert!(f.prescribes.kappa() >= 0.7, "prescribes kappa {:.3}", f.prescribes.kappa());
    assert!(f.task.precision() >= 0.85, "task-style precision {:.3}", f.task.precision());
    assert!(f.task.recall() >= 0.7, "task-style recall {:.3}", f.task.recall());
}
