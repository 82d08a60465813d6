//! `implementation-steps`: a list of orders ("- Add the column", "- Backfill it", "- Update the
//! API"): the implementer's plan written for them. Steps to reproduce a bug and lists of
//! possible fixes are not plans, so they do not count.

use super::{imperative_solution, quote};
use crate::judge::reading::{Reading, Section, Sentence};

pub const ID: &str = "implementation-steps";

/// Steps in a row it takes to read as a plan rather than one order.
const MIN_STEPS: usize = 2;

/// A run of ordered list items: its first item's order and the number of steps.
pub struct Run<'a> {
    pub first: Sentence<'a>,
    pub order: (usize, usize),
    pub steps: usize,
}

pub fn detect<'a>(reading: &'a Reading<'a>) -> Vec<Run<'a>> {
    let mut runs = Vec::new();
    let mut current: Option<Run<'a>> = None;
    let mut last_block: Option<usize> = None;
    for s in reading.sentences().filter(|s| s.first_in_block) {
        let index = Some(s.view.index);
        let in_plan = s.view.is_list_item() && !matches!(s.view.section, Section::Reproduce | Section::Behaviour | Section::PossibleFix);
        let order = if in_plan { imperative_solution::detect(&s) } else { None };
        let adjacent = matches!((last_block, index), (Some(a), Some(b)) if b == a + 1);
        match (order, current.as_mut()) {
            (Some(_), Some(run)) if adjacent => run.steps += 1,
            (Some(order), _) => {
                if let Some(run) = current.take() {
                    if run.steps >= MIN_STEPS {
                        runs.push(run);
                    }
                }
                current = Some(Run { first: s, order, steps: 1 });
            }
            // A list item that is not an order (a note, a sub-point) does not end the plan.
            (None, Some(_)) if s.view.is_list_item() && adjacent => {}
            (None, _) => {
                if let Some(run) = current.take() {
                    if run.steps >= MIN_STEPS {
                        runs.push(run);
                    }
                }
            }
        }
        last_block = index;
    }
    if let Some(run) = current.take() {
        if run.steps >= MIN_STEPS {
            runs.push(run);
        }
    }
    runs
}

pub fn message(run: &Run) -> String {
    format!(
        "A list of {} implementation steps starting with \"{}\" spells out the plan, so the owner executes rather than owns it.",
        run.steps,
        quote(&run.first, run.order.0, run.order.1)
    )
}

pub fn suggestion(_run: &Run) -> String {
    "Replace the steps with the result they should add up to and how it will be checked (\"A merchant can refund an order in one click; support tickets about refunds drop\"); move any steps you insist on into a short \"Constraints\" list and ask the owner to plan the rest.".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    fn steps(body: &str) -> Vec<usize> {
        let (t, b) = docs("", body);
        let r = Reading::new(&t, &b);
        detect(&r).iter().map(|run| run.steps).collect()
    }

    #[test]
    fn flags_plans_written_as_lists() {
        assert_eq!(steps("## Tasks\n\n- [ ] Add the column\n- [ ] Backfill old rows\n- [ ] Update the API docs\n"), [2]);
        assert_eq!(steps("1. Create the table\n2. Migrate the data\n3. Remove the old table\n"), [3]);
    }

    #[test]
    fn allows_repro_steps_single_orders_and_problem_lists() {
        assert!(steps("## Steps to reproduce\n\n1. Create a project\n2. Add a member\n").is_empty());
        assert!(steps("- Add the column\n\nThat is all.").is_empty());
        assert!(steps("- exports time out\n- totals are wrong\n").is_empty());
    }
}
