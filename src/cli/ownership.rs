//! `ownframe ownership read|write|remove`: the ownership block in a description.

use super::io;
use lexopt::prelude::*;
use ownframe::ownership::{self, Flavor, Record};
use std::ffi::OsString;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Read,
    Write,
    Remove,
}

struct Options {
    action: Action,
    flavor: Flavor,
    record: Option<OsString>,
    file: Option<OsString>,
}

fn parse(args: Vec<OsString>) -> Result<Options, String> {
    let mut args = args.into_iter();
    let action = match args.next().as_ref().and_then(|a| a.to_str()) {
        Some("read") => Action::Read,
        Some("write") => Action::Write,
        Some("remove") => Action::Remove,
        Some(other) => return Err(format!("unknown action '{other}': expected read, write or remove")),
        None => return Err("expected an action: read, write or remove".into()),
    };
    let mut o = Options { action, flavor: Flavor::Markdown, record: None, file: None };
    let mut p = lexopt::Parser::from_args(args);
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Long("format") => {
                let name = p.value().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
                o.flavor = match name.trim().to_ascii_lowercase().as_str() {
                    "markdown" | "md" | "gfm" | "github" => Flavor::Markdown,
                    "jira" | "wiki" => Flavor::Jira,
                    _ => return Err(format!("unknown --format '{name}': expected markdown or jira")),
                };
            }
            Long("record") if action == Action::Write => o.record = Some(p.value().map_err(|e| e.to_string())?),
            Value(v) if o.file.is_none() => o.file = Some(v),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if action == Action::Write && o.record.is_none() {
        return Err("write needs --record RECORD.json".into());
    }
    Ok(o)
}

fn read_record(path: &OsString) -> Result<Record, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read record {}: {e}", path.to_string_lossy()))?;
    let text = String::from_utf8(text).map_err(|_| format!("record {} is not valid UTF-8", path.to_string_lossy()))?;
    Record::from_json(&text).map_err(|e| format!("{}: {e}", path.to_string_lossy()))
}

fn execute(o: &Options) -> Result<String, String> {
    // The record is checked before stdin is read, so a bad record fails fast.
    let record = o.record.as_ref().map(read_record).transpose()?;
    let body = io::read_input(o.file.as_ref())?;
    match (o.action, record) {
        (Action::Read, _) => {
            let reading = ownership::read(&body, o.flavor);
            serde_json::to_string(&reading).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        (Action::Write, Some(record)) => ownership::write(&body, &record, o.flavor).map_err(|e| e.to_string()),
        (Action::Write, None) => Err("write needs --record RECORD.json".into()),
        (Action::Remove, _) => ownership::remove(&body, o.flavor).map_err(|e| e.to_string()),
    }
}

pub fn run(args: Vec<OsString>) -> i32 {
    let result = parse(args).and_then(|o| execute(&o));
    match result {
        Ok(text) => {
            // The description exactly as it is: no newline is added after it.
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("ownframe ownership: cannot write the output: {e}");
                    2
                }
            }
        }
        Err(why) => {
            eprintln!("ownframe ownership: {why}");
            2
        }
    }
}
