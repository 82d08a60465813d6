//! A few sample tickets judged once when a worker starts, before the first list arrives. The
//! engine compiles each wasm function on its first call, and the first real tickets paid for all
//! of it (a first chunk of 40 tickets took 110-180 ms where later ones take 5); the samples take
//! that cost while the worker would otherwise wait for the download's first bytes.
//! Written for the project: every reader and most of the judge run on them.

use super::{row_of, Lazy};
use crate::config::Config;

const SAMPLES: &str = r####"[
 {"number": 1, "title": "Export fails for projects over 2 GB", "html_url": "https://github.com/example/app/issues/1",
  "assignee": {"login": "ana"}, "state": "open",
  "body": "## Problem\n\nAnalysts cannot export large projects: the export stops after 30 s with a timeout, so they copy tables by hand.\n\n## Proposal\n\n- Use a streaming writer\n- Add a progress bar\n\n```\nError: timeout after 30000 ms\n```\n\nSee https://example.com/logs and `export.rs`. What do you think?\n\n<!-- ownframe:ownership v1 -->\n### Ownership\n\n| Field | Value |\n|---|---|\n| Owner | @ana |\n\n| Decision area | Who decides | Note |\n|---|---|---|\n| Storage format | Consult | |\n<!-- /ownframe:ownership -->"},
 {"id": "OPS-2", "title": "Add a retry to the nightly sync", "format": "jira",
  "body": "h2. Why\nThe sync fails twice a week and *support* has to rerun it.\n\n# Add a retry\n# Alert after three failures\n\n{code}sync --retry 3{code}\n\nWe should use exponential backoff."},
 {"id": "OPS-3", "title": "Make the audit log searchable", "format": "adf",
  "body": "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"heading\",\"attrs\":{\"level\":2},\"content\":[{\"type\":\"text\",\"text\":\"Goal\"}]},{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Auditors need to find who changed a setting so that reviews take minutes, not days.\"}]},{\"type\":\"bulletList\",\"content\":[{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Index the log by user.\"}]}]}]}]}"}
]"####;

/// Judges the samples into rows (as JSON, as the worker posts them); returns the rows' length so
/// the work cannot be optimised away.
pub fn warm_up() -> usize {
    let config = Config::default();
    let Ok(list) = Lazy::read(SAMPLES.to_string()) else { return 0 };
    let rows: Vec<_> = (0..list.len()).filter_map(|i| list.ticket(i)).map(|t| row_of(&t, &config)).collect();
    serde_json::to_string(&rows).map_or(0, |s| s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_read_in_every_format_and_judge_without_errors() {
        let list = Lazy::read(SAMPLES.to_string()).unwrap();
        let rows: Vec<_> = (0..list.len()).map(|i| row_of(&list.ticket(i).unwrap(), &Config::default())).collect();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.error.is_none() && r.class != "error"), "{rows:?}");
        assert_eq!(list.ticket(2).unwrap().format, crate::Format::Adf);
        assert!(rows[0].has_record, "the ownership block is read too");
        assert!(warm_up() > 100);
    }
}
