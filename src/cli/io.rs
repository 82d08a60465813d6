//! Input helpers shared by the subcommands: files or stdin, configuration, JSON lines.

use ownframe::{Config, Format, Ticket};
use serde::Deserialize;
use std::ffi::OsString;
use std::io::Read;

/// Reads FILE, or stdin for `-` or no file, and insists on UTF-8.
pub fn read_input(path: Option<&OsString>) -> Result<String, String> {
    let mut bytes = Vec::new();
    let name = match path {
        Some(p) if p != "-" => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.to_string_lossy()))?;
            p.to_string_lossy().into_owned()
        }
        _ => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
            "stdin".to_string()
        }
    };
    String::from_utf8(bytes).map_err(|e| format!("{name} is not valid UTF-8 (first bad byte at offset {})", e.utf8_error().valid_up_to()))
}

/// Reads a team configuration: TOML for `.toml` files, JSON otherwise.
pub fn read_config(path: Option<&OsString>) -> Result<Config, String> {
    let Some(path) = path else { return Ok(Config::default()) };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read config {}: {e}", path.to_string_lossy()))?;
    let parsed = if path.to_string_lossy().ends_with(".toml") { Config::from_toml(&text) } else { Config::from_json(&text) };
    parsed.map_err(|e| format!("{}: {e}", path.to_string_lossy()))
}

/// One line of `--jsonl` input.
#[derive(Deserialize)]
pub struct Line {
    #[serde(default)]
    pub id: serde_json::Value,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub format: Option<String>,
}

impl Line {
    /// Parses one JSON line into its id and ticket; the error says what was wrong.
    #[allow(dead_code)]
    pub fn parse(text: &str) -> Result<(serde_json::Value, Ticket), String> {
        Line::parse_with_default(text, Format::Markdown)
    }

    /// As `parse`, with the body format to assume when the line has no `format` field.
    pub fn parse_with_default(text: &str, default: Format) -> Result<(serde_json::Value, Ticket), String> {
        let line: Line = serde_json::from_str(text).map_err(|e| format!("malformed JSON: {e}"))?;
        let format = match &line.format {
            None => default,
            Some(name) => Format::parse(name).map_err(|e| e.to_string())?,
        };
        Ok((line.id, Ticket { title: line.title, body: line.body, format }))
    }
}

/// Splits stdin into lines as raw bytes, so one line of invalid UTF-8 is reported alone and the
/// rest are still processed.
#[allow(dead_code)]
pub fn stdin_lines() -> Result<Vec<Vec<u8>>, String> {
    input_lines(None)
}

/// Splits FILE (or stdin for `-` or no file) into lines as raw bytes; a trailing `\r` and a
/// leading byte-order mark are dropped.
pub fn input_lines(path: Option<&OsString>) -> Result<Vec<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    match path {
        Some(p) if p != "-" => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.to_string_lossy()))?;
        }
        _ => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(body
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
        .collect())
}

/// Runs `each` on every non-blank JSON line of stdin; bad lines are reported on stderr with their
/// number. Returns whether any line was bad.
#[allow(dead_code)]
pub fn for_each_jsonl(each: impl FnMut(serde_json::Value, Ticket) -> Result<(), String>) -> Result<bool, String> {
    for_each_jsonl_in(None, Format::Markdown, each)
}

/// As `for_each_jsonl`, reading FILE (or stdin for `-` or none), with `default` as the body format
/// of lines that give none (`--input`).
pub fn for_each_jsonl_in(
    path: Option<&OsString>,
    default: Format,
    mut each: impl FnMut(serde_json::Value, Ticket) -> Result<(), String>,
) -> Result<bool, String> {
    let mut any_bad = false;
    for (i, raw) in input_lines(path)?.into_iter().enumerate() {
        let number = i + 1;
        let Ok(text) = std::str::from_utf8(&raw) else {
            eprintln!("ownframe: line {number}: not valid UTF-8; skipped");
            any_bad = true;
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match Line::parse_with_default(text, default).and_then(|(id, ticket)| each(id, ticket)) {
            Ok(()) => {}
            Err(why) => {
                eprintln!("ownframe: line {number}: {why}; skipped");
                any_bad = true;
            }
        }
    }
    Ok(any_bad)
}
