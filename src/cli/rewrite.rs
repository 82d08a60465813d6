//! `ownframe rewrite`: the outcome-first body, for one ticket or JSON lines.

use super::io;
use lexopt::prelude::*;
use ownframe::rewrite::Target;
use ownframe::{Format, Ticket};
use std::ffi::OsString;

pub fn run(args: Vec<OsString>) -> i32 {
    let mut to = Target::Markdown;
    let mut jsonl = false;
    let mut input = Format::Markdown;
    let mut title = String::new();
    let mut config_path = None;
    let mut file = None;
    let mut p = lexopt::Parser::from_args(args);
    let parsed: Result<(), String> = (|| {
        while let Some(arg) = p.next().map_err(|e| e.to_string())? {
            match arg {
                Long("to") => to = Target::parse(&p.value().map_err(|e| e.to_string())?.to_string_lossy()).map_err(|e| e.to_string())?,
                Long("jsonl") => jsonl = true,
                Long("input") => input = Format::parse(&p.value().map_err(|e| e.to_string())?.to_string_lossy()).map_err(|e| e.to_string())?,
                Long("title") => title = p.value().map_err(|e| e.to_string())?.to_string_lossy().into_owned(),
                Long("config") => config_path = Some(p.value().map_err(|e| e.to_string())?),
                Value(v) if file.is_none() => file = Some(v),
                other => return Err(other.unexpected().to_string()),
            }
        }
        Ok(())
    })();
    if let Err(why) = parsed {
        eprintln!("ownframe rewrite: {why}");
        return 2;
    }
    let config = match io::read_config(config_path.as_ref()) {
        Ok(c) => c,
        Err(why) => {
            eprintln!("ownframe rewrite: {why}");
            return 2;
        }
    };
    if jsonl {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let result = io::for_each_jsonl_in(file.as_ref(), input, |id, ticket| {
            let rewrite = ownframe::rewrite(&ticket, &config, to).map_err(|e| e.to_string())?;
            let line = serde_json::json!({ "id": id, "rewrite": rewrite });
            use std::io::Write;
            writeln!(out, "{line}").map_err(|e| e.to_string())
        });
        drop(out);
        return match result {
            Ok(false) => 0,
            Ok(true) => 2,
            Err(why) => {
                eprintln!("ownframe rewrite: {why}");
                2
            }
        };
    }
    let body = match io::read_input(file.as_ref()) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("ownframe rewrite: {why}");
            return 2;
        }
    };
    match ownframe::rewrite(&Ticket { title, body, format: input }, &config, to) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => {
            eprintln!("ownframe rewrite: {e}");
            2
        }
    }
}
