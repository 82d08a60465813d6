//! Subcommand dispatch. Exit codes: 0 fine, 1 `--fail-on` matched, 2 bad input or usage.

mod analyze;
mod io;
mod ownership;
mod rewrite;

use std::ffi::OsString;

pub const USAGE: &str = "\
ownframe: outcome-first tickets

USAGE:
  ownframe analyze [--format text|json] [--input markdown|jira|adf|text] [--title T]
                   [--config FILE] [--fail-on CLASS] [FILE|-]
  ownframe analyze --jsonl [--config FILE] [--fail-on CLASS]     (JSON lines on stdin)
  ownframe rewrite [--to markdown|jira] [--input FORMAT] [--title T] [--config FILE] [FILE|-]
  ownframe rewrite --jsonl [--to markdown|jira] [--config FILE]  (JSON lines on stdin)
  ownframe ownership read [--format markdown|jira] [FILE|-]      (JSON: record, warnings)
  ownframe ownership write --record RECORD.json [--format markdown|jira] [FILE|-]
  ownframe ownership remove [--format markdown|jira] [FILE|-]

Exit codes: 0 ok, 1 a ticket matched --fail-on, 2 bad input or usage.
";

pub fn run(args: Vec<OsString>) -> i32 {
    let mut args = args.into_iter();
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        return 2;
    };
    let rest: Vec<OsString> = args.collect();
    match command.to_str() {
        Some("analyze") => analyze::run(rest),
        Some("rewrite") => rewrite::run(rest),
        Some("ownership") => ownership::run(rest),
        Some("-h") | Some("--help") | Some("help") => {
            print!("{USAGE}");
            0
        }
        Some("-V") | Some("--version") => {
            println!("ownframe {}", env!("CARGO_PKG_VERSION"));
            0
        }
        _ => {
            eprintln!("ownframe: unknown command {:?}\n", command);
            eprint!("{USAGE}");
            2
        }
    }
}
