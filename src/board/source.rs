//! Reading a board's data source into tickets: GitHub REST issues JSON, Jira Cloud search JSON
//! (descriptions in ADF), Jira Data Center search JSON (wiki markup), GitHub or Jira CSV exports,
//! and the board's own ticket list. A bad row becomes a row with an error and never stops the rest.

use super::csv;
use crate::model::Format;
use serde::Serialize;
use serde_json::{Map, Value};

/// Descriptions above this size are not analysed (the row says so); the rest of the list is.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// One ticket as the board shows it, before judging.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BoardTicket {
    /// Position in the source (0-based), stable across sorting.
    pub index: usize,
    /// The issue number (`#12`) or key (`PAY-7`), or the row number when the source has none.
    pub id: String,
    pub title: String,
    pub body: String,
    pub format: Format,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Why this row cannot be analysed; the board shows it in place of the analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A whole source read.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Loaded {
    /// `github`, `jira-cloud`, `jira-dc`, `github-csv`, `jira-csv`, `csv` or `tickets`.
    pub source: String,
    pub tickets: Vec<BoardTicket>,
    /// About the source as a whole (ignored columns, say).
    pub warnings: Vec<String>,
}

/// Reads a source given as text: JSON (detected by its first character) or CSV.
pub fn load(text: &str) -> Result<Loaded, crate::Error> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(crate::Error::BadInput("the data source is empty".into()));
    }
    if trimmed.starts_with('[') {
        load_array(trimmed)
    } else if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| crate::Error::BadInput(format!("the data source is not valid JSON: {e}")))?;
        load_json(&value)
    } else {
        load_csv(trimmed)
    }
}

/// Reads a JSON array of GitHub issues or tickets one item at a time, so a long list never exists
/// as one JSON tree (less memory and time than `load_json`, same rows). An item with `number` or
/// `html_url` is a GitHub issue, any other object the board's own ticket.
fn load_array(text: &str) -> Result<Loaded, crate::Error> {
    struct Items;
    impl<'de> serde::de::Visitor<'de> for Items {
        type Value = (Vec<BoardTicket>, bool);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of issues")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            let mut github = false;
            while let Some(item) = seq.next_element::<Value>()? {
                let i = out.len();
                let gh = is_github_issue(&item);
                github |= gh;
                out.push(finish(if gh || (github && !item.is_object()) { github_issue(i, &item) } else { own_ticket(i, &item) }));
            }
            Ok((out, github))
        }
    }
    let bad = |e: serde_json::Error| crate::Error::BadInput(format!("the data source is not valid JSON: {e}"));
    let mut de = serde_json::Deserializer::from_str(text);
    let (tickets, github) = serde::Deserializer::deserialize_seq(&mut de, Items).map_err(bad)?;
    de.end().map_err(bad)?;
    Ok(Loaded { source: if github { "github" } else { "tickets" }.into(), tickets, warnings: vec![] })
}

/// A source held as its bytes, each ticket read when asked for: the widget's workers each judge
/// a share of a long list, so a worker reads only its share, and no worker holds the whole list
/// twice (text and tickets). Reads the same tickets as `load`, except that an item of a JSON
/// array that is not valid JSON becomes that row's error instead of failing the whole list.
///
/// It can also be filled as the source downloads (`streaming`, `push`, `finish`): the items of
/// a JSON array are readable as soon as their bytes have arrived; any other source (a Jira
/// search object, CSV) is read whole once the last byte is in.
#[derive(Debug, Default)]
pub struct Lazy {
    bytes: Vec<u8>,
    /// JSON arrays: each item's byte range in `bytes` and whether it reads as a GitHub issue
    /// (for objects after the first GitHub issue, decided when the item is read).
    items: Vec<(usize, usize, bool)>,
    /// Some item so far reads as a GitHub issue (then the list is GitHub's, and non-objects
    /// after it are malformed issues rather than malformed tickets).
    github: bool,
    splitter: super::stream::ArraySplitter,
    /// Scratch for the splitter's new item ranges.
    found: Vec<(usize, usize)>,
    /// Still receiving bytes.
    open: bool,
    /// Every other source, read whole (`tickets` empty for arrays).
    loaded: Loaded,
}

/// A fetched source's bytes as text, decoded the way the page's `Response.text()` did before the
/// worker passed bytes: invalid UTF-8 (a Latin-1 CSV export, say) becomes U+FFFD and the rest of
/// the list still reads, rather than the whole board failing.
pub fn decode(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl Lazy {
    pub fn read(text: String) -> Result<Lazy, crate::Error> {
        Lazy::from_bytes(text.into_bytes())
    }

    /// The same from bytes as fetched (UTF-8; invalid sequences read as U+FFFD, per item).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Lazy, crate::Error> {
        let mut list = Lazy::streaming();
        list.bytes = bytes;
        list.scan();
        list.finish()?;
        Ok(list)
    }

    /// An empty list that `push` fills as the source's bytes arrive.
    pub fn streaming() -> Lazy {
        Lazy { open: true, loaded: Loaded { source: "tickets".into(), ..Default::default() }, ..Default::default() }
    }

    /// Room for a source of `size` bytes (its Content-Length), so the buffer is not regrown
    /// (and, at its largest, half empty) while a long list downloads.
    pub fn reserve(&mut self, size: usize) {
        self.bytes.reserve(size.saturating_sub(self.bytes.len()));
    }

    /// Appends the next bytes of the source; the items they complete become readable.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.open {
            self.bytes.extend_from_slice(bytes);
            self.scan();
        }
    }

    fn scan(&mut self) {
        self.splitter.scan(&self.bytes, &mut self.found);
        for (start, end) in self.found.drain(..) {
            let item = &self.bytes[start..end];
            let object = item.first() == Some(&b'{');
            // Once the list is known to be GitHub's, an object's kind is decided by its own
            // keys when it is read (`ticket`), so the probe, a second parse of every item in
            // every worker, stops at the first GitHub issue.
            let gh = if self.github { !object } else { object && serde_json::from_slice::<Probe>(item).is_ok_and(|p| p.0) };
            if gh && !self.github {
                self.github = true;
                self.loaded.source = "github".into();
            }
            self.items.push((start, end, gh));
        }
    }

    /// The last byte is in. A JSON array whose structure is broken (a stray comma, no closing
    /// bracket) fails with the same message as `load`; any other source is read now.
    pub fn finish(&mut self) -> Result<(), crate::Error> {
        if !self.open {
            return Ok(());
        }
        self.open = false;
        match self.splitter.finish() {
            super::stream::State::Closed => Ok(()),
            _ => {
                self.items.clear();
                let text = decode(std::mem::take(&mut self.bytes));
                self.loaded = load(&text)?;
                Ok(())
            }
        }
    }

    /// Whether `finish` has run: the length is final.
    pub fn is_complete(&self) -> bool {
        !self.open
    }

    pub fn len(&self) -> usize {
        if self.items.is_empty() { self.loaded.tickets.len() } else { self.items.len() }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn source(&self) -> &str {
        &self.loaded.source
    }

    pub fn warnings(&self) -> &[String] {
        &self.loaded.warnings
    }

    /// The ticket at `index`, as `load` reads it.
    pub fn ticket(&self, index: usize) -> Option<std::borrow::Cow<'_, BoardTicket>> {
        use std::borrow::Cow;
        if let Some(t) = self.loaded.tickets.get(index) {
            return Some(Cow::Borrowed(t));
        }
        let &(start, end, github) = self.items.get(index)?;
        let raw = &self.bytes[start..end];
        // `from_utf8` first: the lossy decoder checks byte by byte, and nearly every item is valid.
        let item = std::str::from_utf8(raw).map_or_else(|_| String::from_utf8_lossy(raw), std::borrow::Cow::Borrowed);
        Some(Cow::Owned(match serde_json::from_str::<Value>(&item) {
            Ok(item) => {
                let github = github || self.github && item.is_object() && is_github_issue(&item);
                finish(if github { github_issue(index, &item) } else { own_ticket(index, &item) })
            }
            Err(e) => row_error(index, format!("this item of the list is not valid JSON: {e}")),
        }))
    }
}

/// What makes an item of a list a GitHub issue: a `number` or `html_url` key (`Probe` asks the
/// same of an item not yet parsed).
fn is_github_issue(item: &Value) -> bool {
    item.get("number").is_some() || item.get("html_url").is_some()
}

/// Whether a JSON object has a `number` or `html_url` key (what makes an item a GitHub issue),
/// read without building the object.
struct Probe(bool);

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = Probe;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                let mut found = false;
                while let Some(Key(hit)) = map.next_key()? {
                    found |= hit;
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(Probe(found))
            }
        }
        d.deserialize_map(Keys)
    }
}

struct Key(bool);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, k: &str) -> Result<Key, E> {
                Ok(Key(k == "number" || k == "html_url"))
            }
        }
        d.deserialize_str(Name)
    }
}

/// Reads a source already parsed as JSON.
pub fn load_json(value: &Value) -> Result<Loaded, crate::Error> {
    match value {
        Value::Array(items) => {
            let github = items.iter().any(is_github_issue);
            let source = if github { "github" } else { "tickets" };
            let tickets = items
                .iter()
                .enumerate()
                .map(|(i, item)| finish(if github { github_issue(i, item) } else { own_ticket(i, item) }))
                .collect();
            Ok(Loaded { source: source.into(), tickets, warnings: vec![] })
        }
        Value::Object(map) => {
            if let Some(Value::Array(issues)) = map.get("issues") {
                let cloud = issues.iter().any(|i| i.pointer("/fields/description").is_some_and(Value::is_object));
                let dc = issues.iter().any(|i| i.pointer("/fields/description").is_some_and(Value::is_string));
                let source = if cloud || !dc { "jira-cloud" } else { "jira-dc" };
                let tickets = issues.iter().enumerate().map(|(i, item)| finish(jira_issue(i, item))).collect();
                Ok(Loaded { source: source.into(), tickets, warnings: vec![] })
            } else if let Some(Value::Array(items)) = map.get("tickets") {
                let tickets = items.iter().enumerate().map(|(i, item)| finish(own_ticket(i, item))).collect();
                Ok(Loaded { source: "tickets".into(), tickets, warnings: vec![] })
            } else {
                Err(crate::Error::BadInput(
                    "JSON object without an 'issues' array: expected GitHub issues (an array) or a Jira search result".into(),
                ))
            }
        }
        _ => Err(crate::Error::BadInput("expected a JSON array of issues or a Jira search result".into())),
    }
}

fn row_error(index: usize, why: String) -> BoardTicket {
    BoardTicket { index, id: format!("row {}", index + 1), error: Some(why), ..Default::default() }
}

/// Marks rows whose description is too large to analyse; keeps the first words for the table.
fn finish(mut t: BoardTicket) -> BoardTicket {
    if t.error.is_none() && t.body.len() > MAX_BODY_BYTES {
        t.error = Some(format!(
            "description is {:.1} MB; the board analyses descriptions up to {} KB",
            t.body.len() as f64 / (1024.0 * 1024.0),
            MAX_BODY_BYTES / 1024
        ));
        t.body = String::new();
    }
    t
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn expect_string(obj: &Map<String, Value>, key: &str, what: &str) -> Result<String, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!("{what} is {}, expected text", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn github_issue(index: usize, item: &Value) -> BoardTicket {
    let Some(obj) = item.as_object() else {
        return row_error(index, format!("malformed row: an issue is {}, expected an object", kind(item)));
    };
    let id = text(obj.get("number")).map(|n| format!("#{n}")).unwrap_or_else(|| format!("row {}", index + 1));
    let mut t = BoardTicket {
        index,
        id,
        url: text(obj.get("html_url")),
        assignee: obj.get("assignee").and_then(|a| text(a.get("login"))),
        state: text(obj.get("state")),
        format: Format::Markdown,
        ..Default::default()
    };
    match (expect_string(obj, "title", "title"), expect_string(obj, "body", "body")) {
        (Ok(title), Ok(body)) => {
            t.title = title;
            t.body = body;
        }
        (Err(e), _) | (_, Err(e)) => t.error = Some(format!("malformed row: {e}")),
    }
    t
}

fn jira_issue(index: usize, item: &Value) -> BoardTicket {
    let Some(obj) = item.as_object() else {
        return row_error(index, format!("malformed row: an issue is {}, expected an object", kind(item)));
    };
    let key = text(obj.get("key")).unwrap_or_else(|| format!("row {}", index + 1));
    let url = text(obj.get("self")).and_then(|s| s.find("/rest/").map(|at| format!("{}/browse/{key}", &s[..at])));
    let mut t = BoardTicket { index, id: key, url, ..Default::default() };
    let Some(fields) = obj.get("fields").and_then(Value::as_object) else {
        t.error = Some("malformed row: the issue has no 'fields' object".into());
        return t;
    };
    t.assignee = fields.get("assignee").and_then(|a| text(a.get("displayName")).or_else(|| text(a.get("name"))));
    t.state = fields.get("status").and_then(|s| text(s.get("name")));
    match expect_string(fields, "summary", "summary") {
        Ok(s) => t.title = s,
        Err(e) => t.error = Some(format!("malformed row: {e}")),
    }
    match fields.get("description") {
        None | Some(Value::Null) => t.format = Format::Jira,
        Some(Value::String(s)) => {
            t.format = Format::Jira;
            t.body = s.clone();
        }
        Some(adf @ Value::Object(_)) => {
            t.format = Format::Adf;
            t.body = adf.to_string();
        }
        Some(other) => t.error = Some(format!("malformed row: description is {}, expected ADF or wiki markup", kind(other))),
    }
    t
}

const OWN_FIELDS: [&str; 7] = ["id", "title", "body", "format", "url", "assignee", "state"];

fn own_ticket(index: usize, item: &Value) -> BoardTicket {
    let Some(obj) = item.as_object() else {
        return row_error(index, format!("malformed row: a ticket is {}, expected an object", kind(item)));
    };
    let mut t = BoardTicket { index, id: text(obj.get("id")).unwrap_or_else(|| format!("row {}", index + 1)), ..Default::default() };
    let unknown: Vec<&str> = obj.keys().map(String::as_str).filter(|k| !OWN_FIELDS.contains(k)).collect();
    if !unknown.is_empty() {
        t.error = Some(format!(
            "unknown field{} {}: a ticket has id, title, body, format, url, assignee and state",
            if unknown.len() > 1 { "s" } else { "" },
            unknown.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
        ));
        return t;
    }
    let read = || -> Result<BoardTicket, String> {
        let mut t = t.clone();
        t.title = expect_string(obj, "title", "title")?;
        t.body = expect_string(obj, "body", "body")?;
        t.format = match obj.get("format") {
            None | Some(Value::Null) => Format::Markdown,
            Some(Value::String(f)) => Format::parse(f).map_err(|e| e.to_string())?,
            Some(other) => return Err(format!("format is {}, expected text", kind(other))),
        };
        t.url = text(obj.get("url"));
        t.assignee = text(obj.get("assignee"));
        t.state = text(obj.get("state"));
        Ok(t)
    };
    read().unwrap_or_else(|e| BoardTicket { error: Some(format!("malformed row: {e}")), ..t })
}

/// Which column holds what, by header name (GitHub and Jira exports, or plain names).
#[derive(Default)]
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    body: Option<usize>,
    url: Option<usize>,
    assignee: Option<usize>,
    state: Option<usize>,
}

fn load_csv(text: &str) -> Result<Loaded, crate::Error> {
    let mut records = csv::parse(text).into_iter();
    let header = records.next().ok_or_else(|| crate::Error::BadInput("the CSV has no header row".into()))?;
    let mut cols = Columns::default();
    let mut ignored = Vec::new();
    let mut jira = false;
    for (i, name) in header.fields.iter().enumerate() {
        let n = name.trim().to_ascii_lowercase();
        let slot = match n.as_str() {
            "issue key" => {
                jira = true;
                &mut cols.id
            }
            "key" | "number" | "id" | "issue number" | "#" => &mut cols.id,
            "summary" => {
                jira = true;
                &mut cols.title
            }
            "title" => &mut cols.title,
            "description" | "body" => &mut cols.body,
            "url" | "html_url" | "link" => &mut cols.url,
            "assignee" | "assignees" | "assignee.login" => &mut cols.assignee,
            "status" | "state" => &mut cols.state,
            _ => {
                ignored.push(name.trim().to_string());
                continue;
            }
        };
        // Jira repeats some columns ("Sprint", "Labels"); the first of each wins.
        if slot.is_none() {
            *slot = Some(i);
        } else {
            ignored.push(name.trim().to_string());
        }
    }
    let Some(title_col) = cols.title else {
        return Err(crate::Error::BadInput(format!(
            "the CSV header has no Title or Summary column (found: {})",
            header.fields.join(", ")
        )));
    };
    let mut warnings = Vec::new();
    if !ignored.is_empty() {
        ignored.dedup();
        warnings.push(format!("ignored columns: {}", ignored.join(", ")));
    }
    let width = header.fields.len();
    let format = if jira { Format::Jira } else { Format::Markdown };
    let tickets = records
        .enumerate()
        .map(|(index, rec)| {
            let get = |c: Option<usize>| c.and_then(|c| rec.fields.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            let id = get(cols.id).map(|v| if jira || v.starts_with('#') { v } else { format!("#{v}") });
            let mut t = BoardTicket {
                index,
                id: id.unwrap_or_else(|| format!("line {}", rec.line)),
                title: get(Some(title_col)).unwrap_or_default(),
                body: cols.body.and_then(|c| rec.fields.get(c)).cloned().unwrap_or_default(),
                format,
                url: get(cols.url),
                assignee: get(cols.assignee),
                state: get(cols.state),
                error: None,
            };
            if rec.unterminated {
                t.error = Some(format!("malformed row at line {}: a quoted field is never closed", rec.line));
            } else if rec.fields.len() != width {
                t.error = Some(format!(
                    "malformed row at line {}: {} fields where the header has {}",
                    rec.line,
                    rec.fields.len(),
                    width
                ));
            }
            finish(t)
        })
        .collect();
    let source = if jira { "jira-csv" } else if cols.url.is_some() || cols.id.is_some() { "github-csv" } else { "csv" };
    Ok(Loaded { source: source.into(), tickets, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_issues() {
        let l = load(r#"[{"number":7,"title":"Slow export","body":"Merchants wait","html_url":"https://github.com/o/r/issues/7","assignee":{"login":"ana"},"state":"open","labels":[]},
                         {"number":8,"title":null,"body":null,"assignee":null},
                         42,
                         {"number":9,"title":["x"]}]"#).unwrap();
        assert_eq!(l.source, "github");
        assert_eq!(l.tickets[0].id, "#7");
        assert_eq!(l.tickets[0].assignee.as_deref(), Some("ana"));
        assert_eq!(l.tickets[0].url.as_deref(), Some("https://github.com/o/r/issues/7"));
        assert_eq!(l.tickets[1].error, None);
        assert!(l.tickets[2].error.as_deref().unwrap().contains("a number"));
        assert!(l.tickets[3].error.as_deref().unwrap().contains("title is a list"));
    }

    #[test]
    fn streamed_arrays_read_like_parsed_ones() {
        let text = r#"[{"number":7,"title":"A","body":"b","assignee":{"login":"ana"}}, "junk", {"number":8,"title":2}] "#;
        let streamed = load(text).unwrap();
        let parsed = load_json(&serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(streamed, parsed);
        assert!(load("[1, 2").unwrap_err().to_string().contains("not valid JSON"));
        assert!(load("[] trailing").is_err());
        assert_eq!(load("[]").unwrap().tickets.len(), 0);
    }

    #[test]
    fn lazy_reads_every_ticket_like_load() {
        let sources = [
            r#"[{"number":7,"title":"Slow export","body":"Merchants wait","html_url":"https://x/7","assignee":{"login":"ana"},"state":"open"},
                {"number":8,"title":null,"body":null,"assignee":null}, 42, {"number":9,"title":["x"]}, "s", {"id":"T-1","title":"own"}]"#,
            r#" [{"id":"T-1","title":"A","body":"b","format":"jira"}, 7, {"id":"T-2","extra":1}, {"title":"x","body":"\u00e9\"q\""}, {"html_\u0075rl":"u","title":"t"}] "#,
            "\u{feff}[]",
            r#"{"issues":[{"key":"PAY-1","fields":{"summary":"S","description":"wiki"}}]}"#,
            "Title,Body\nA,b\n",
        ];
        for text in sources {
            let eager = load(text).unwrap();
            let lazy = Lazy::read(text.to_string()).unwrap();
            assert_eq!((lazy.source(), lazy.warnings(), lazy.len()), (eager.source.as_str(), eager.warnings.as_slice(), eager.tickets.len()), "{text}");
            for (i, t) in eager.tickets.iter().enumerate() {
                assert_eq!(&*lazy.ticket(i).unwrap(), t, "{text} #{i}");
            }
            assert!(lazy.ticket(eager.tickets.len()).is_none());
        }
        for broken in ["[", "[1,]", "[1 2]", "[] x", "{\"issues\": 1}", ""] {
            assert_eq!(Lazy::read(broken.to_string()).unwrap_err().to_string(), load(broken).unwrap_err().to_string(), "{broken}");
        }
    }

    #[test]
    fn a_malformed_item_is_its_rows_error_and_the_rest_still_reads() {
        let lazy = Lazy::read(r#"[{"number":1,"title":"A"}, {"number":2,"title":}, {"number":3,"title":"C"}]"#.into()).unwrap();
        assert_eq!((lazy.len(), lazy.source()), (3, "github"));
        assert!(lazy.ticket(1).unwrap().error.as_deref().unwrap().contains("not valid JSON"));
        assert_eq!((lazy.ticket(0).unwrap().id.as_str(), lazy.ticket(2).unwrap().error.clone()), ("#1", None));
    }

    #[test]
    fn streamed_in_pieces_reads_like_read_whole() {
        let sources = [
            "[{\"number\":7,\"title\":\"Caf\u{e9} \u{1f600}\",\"body\":\"x\"}, 42, {\"id\":\"T\",\"title\":\"t\"}]".to_string(),
            r#"{"issues":[{"key":"PAY-1","fields":{"summary":"S","description":"wiki"}}]}"#.to_string(),
            "Title,Body\nA,b\n".to_string(),
        ];
        for text in sources {
            let whole = Lazy::read(text.clone()).unwrap();
            for step in [1, 5, 64] {
                let mut lazy = Lazy::streaming();
                let mut seen = vec![];
                for piece in text.as_bytes().chunks(step) {
                    lazy.push(piece);
                    seen.push(lazy.len());
                    assert!(!lazy.is_complete());
                }
                lazy.finish().unwrap();
                assert!(seen.windows(2).all(|w| w[0] <= w[1]), "items only ever appear");
                assert_eq!((lazy.len(), lazy.source()), (whole.len(), whole.source()), "{text} step {step}");
                for i in 0..whole.len() {
                    assert_eq!(lazy.ticket(i), whole.ticket(i), "{text} step {step} #{i}");
                }
            }
        }
        // Items of an array are readable before the download ends; other sources only after.
        let mut lazy = Lazy::streaming();
        lazy.push(br#"[{"number":1,"title":"A"}, {"numb"#);
        assert_eq!((lazy.len(), lazy.ticket(0).unwrap().id.as_str()), (1, "#1"));
        let mut csv = Lazy::streaming();
        csv.push(b"Title,Body\nA,b\n");
        assert_eq!(csv.len(), 0);
        csv.finish().unwrap();
        assert_eq!(csv.len(), 1);
        let mut cut = Lazy::streaming();
        cut.push(b"[{\"number\":1}, {\"number\":2");
        assert!(cut.finish().unwrap_err().to_string().contains("not valid JSON"));
    }

    #[test]
    fn jira_cloud_and_dc() {
        let cloud = load(r#"{"issues":[{"key":"PAY-1","self":"https://x.atlassian.net/rest/api/3/issue/1","fields":{"summary":"S","description":{"type":"doc","version":1,"content":[]},"assignee":{"displayName":"Bo"}}}]}"#).unwrap();
        assert_eq!(cloud.source, "jira-cloud");
        assert_eq!(cloud.tickets[0].format, Format::Adf);
        assert_eq!(cloud.tickets[0].url.as_deref(), Some("https://x.atlassian.net/browse/PAY-1"));
        assert_eq!(cloud.tickets[0].assignee.as_deref(), Some("Bo"));
        let dc = load(r#"{"issues":[{"key":"OPS-2","fields":{"summary":"T","description":"h2. Why\nBecause","assignee":null}},{"key":"OPS-3"}]}"#).unwrap();
        assert_eq!(dc.source, "jira-dc");
        assert_eq!(dc.tickets[0].format, Format::Jira);
        assert!(dc.tickets[1].error.as_deref().unwrap().contains("no 'fields'"));
    }

    #[test]
    fn own_tickets_reject_unknown_fields_and_huge_bodies() {
        let big = "a".repeat(MAX_BODY_BYTES + 1);
        let src = serde_json::json!([{"title":"ok","body":"fine"},{"title":"t","colour":"red"},{"title":"big","body":big},{"title":"f","format":"docx"}]);
        let l = load(&src.to_string()).unwrap();
        assert_eq!(l.source, "tickets");
        assert_eq!(l.tickets[0].error, None);
        assert!(l.tickets[1].error.as_deref().unwrap().contains("unknown field 'colour'"));
        assert!(l.tickets[2].error.as_deref().unwrap().contains("MB"));
        assert!(l.tickets[2].body.is_empty());
        assert!(l.tickets[3].error.as_deref().unwrap().contains("docx"));
    }

    #[test]
    fn latin1_bytes_decode_with_replacement_and_the_list_still_reads() {
        let text = decode(b"number,title,body\n1,Caf\xe9 menu,Shows prices\n".to_vec());
        assert_eq!(text, "number,title,body\n1,Caf\u{fffd} menu,Shows prices\n");
        let list = Lazy::read(text).expect("reads");
        assert_eq!(list.len(), 1);
        assert_eq!(decode("ok ✓".as_bytes().to_vec()), "ok ✓");
    }

    #[test]
    fn csv_exports() {
        let jira = load("Summary,Issue key,Issue id,Description,Assignee,Sprint,Sprint\nFix it,PAY-9,100,\"Line one, with comma\nline two\",Bo,S1,S2\nBroken,PAY-10\n").unwrap();
        assert_eq!(jira.source, "jira-csv");
        assert_eq!(jira.tickets[0].id, "PAY-9");
        assert_eq!(jira.tickets[0].body, "Line one, with comma\nline two");
        assert_eq!(jira.tickets[0].format, Format::Jira);
        assert!(jira.tickets[1].error.as_deref().unwrap().contains("line 4"));
        assert!(jira.warnings[0].contains("Issue id"));
        let gh = load("Title,URL,Assignees,Status,Body\nA,https://github.com/o/r/issues/1,ana,Todo,\"so that \"\"x\"\"\"\n").unwrap();
        assert_eq!(gh.source, "github-csv");
        assert_eq!(gh.tickets[0].body, "so that \"x\"");
        assert!(load("Name,Other\nx,y").is_err());
        assert!(load("  ").is_err());
        assert!(load("{\"nope\":1}").is_err());
    }
}
