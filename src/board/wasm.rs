//! The board's wasm API (kept beside the board's logic rather than in `src/wasm.rs` so the two
//! can change independently): a `Board` holds the source inside the wasm (in the widget's
//! worker), hands out table rows in chunks, and details on demand; `board_summary` and
//! `board_chart` draw the summary.

use super::{row_of, row_with_record, summarize_tallies, Lazy, RecordView, Row, Tally};
use crate::{config::Config, model::Ticket, rewrite::Target};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not return the result: {e}")))
}

#[wasm_bindgen]
pub struct Board {
    list: Lazy,
    config: Config,
    /// What each row computed so far adds to the summary, by index.
    done: Vec<Option<Tally>>,
}

#[derive(Serialize)]
struct Detail<'a> {
    index: usize,
    id: &'a str,
    title: &'a str,
    body: &'a str,
    format: crate::Format,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<crate::Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rewrite: Option<String>,
}

#[wasm_bindgen]
impl Board {
    /// Reads a data source (JSON or CSV text). `config` is a team configuration object or undefined.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, config: JsValue) -> Result<Board, JsError> {
        Board::from_bytes(text.as_bytes().to_vec(), config)
    }

    /// The same from the source's bytes (UTF-8) as fetched: the widget's worker passes the
    /// response's ArrayBuffer, so a long list is never decoded into a JS string and encoded
    /// back, and the bytes are copied into the wasm once.
    pub fn from_bytes(bytes: Vec<u8>, config: JsValue) -> Result<Board, JsError> {
        let list = Lazy::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Board { list, config: read_config(config)?, done: vec![] })
    }

    /// An empty board that `push` fills while the source downloads: the tickets of a JSON array
    /// can be judged as soon as their bytes are in (`length` grows); other sources are read at
    /// `finish`.
    pub fn streaming(config: JsValue) -> Result<Board, JsError> {
        Ok(Board { list: Lazy::streaming(), config: read_config(config)?, done: vec![] })
    }

    /// Room for the whole download (its Content-Length in bytes), so the buffer is not regrown.
    pub fn reserve(&mut self, size: usize) {
        self.list.reserve(size);
    }

    /// The next bytes of the source, as they arrived. Returns `length`.
    pub fn push(&mut self, bytes: &[u8]) -> usize {
        self.list.push(bytes);
        self.list.len()
    }

    /// The whole source is in; fails when the list's structure is broken, with `load`'s message.
    pub fn finish(&mut self) -> Result<usize, JsError> {
        self.list.finish().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self.list.len())
    }

    /// Whether `finish` ran, so `length` is final.
    #[wasm_bindgen(getter)]
    pub fn complete(&self) -> bool {
        self.list.is_complete()
    }

    /// `github`, `jira-cloud`, `jira-dc`, `github-csv`, `jira-csv`, `csv` or `tickets`.
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> String {
        self.list.source().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.list.len()
    }

    pub fn warnings(&self) -> Vec<String> {
        self.list.warnings().to_vec()
    }

    /// `{body, format}` of a ticket, for `ownership_read`; undefined for rows that cannot be read.
    pub fn body(&self, index: usize) -> Result<JsValue, JsError> {
        match self.list.ticket(index) {
            Some(t) if t.error.is_none() => {
                #[derive(Serialize)]
                struct B<'a> {
                    body: &'a str,
                    format: crate::Format,
                }
                to_js(&B { body: &t.body, format: t.format })
            }
            _ => Ok(JsValue::UNDEFINED),
        }
    }

    /// Rows `start..end`. Ownership blocks are read by the core's reader; `records` (undefined, or
    /// an array parallel to the rows of `null | {record, warnings}` in `ownership_read`'s shape)
    /// overrides that, for callers that hold records from elsewhere.
    pub fn rows(&mut self, start: usize, end: usize, records: JsValue) -> Result<JsValue, JsError> {
        let end = end.min(self.list.len());
        let records: Vec<Option<serde_json::Value>> = if records.is_undefined() || records.is_null() {
            vec![]
        } else {
            serde_wasm_bindgen::from_value(records).map_err(|e| JsError::new(&format!("bad records: {e}")))?
        };
        let mut rows: Vec<Row> = Vec::with_capacity(end.saturating_sub(start));
        for (k, t) in (start..end).filter_map(|i| self.list.ticket(i)).enumerate() {
            let t = &*t;
            rows.push(match records.get(k) {
                Some(given) => {
                    let (record, warnings) = split_record(given.clone());
                    row_with_record(t, record.as_ref(), warnings, &self.config)
                }
                None => row_of(t, &self.config),
            });
        }
        self.keep(&rows);
        to_js(&rows)
    }

    /// Rows `start..end` as one JSON array: what the widget's worker posts. One string crosses
    /// to the page instead of a graph of small objects built field by field across the wasm
    /// boundary and then structured-cloned; the page's JSON.parse is native and fast.
    pub fn rows_json(&mut self, start: usize, end: usize) -> Result<String, JsError> {
        let end = end.min(self.list.len());
        let rows: Vec<Row> = (start..end).filter_map(|i| self.list.ticket(i)).map(|t| row_of(&t, &self.config)).collect();
        self.keep(&rows);
        serde_json::to_string(&rows).map_err(|e| JsError::new(&format!("could not return the rows: {e}")))
    }

    fn keep(&mut self, rows: &[Row]) {
        if self.done.len() < self.list.len() {
            self.done.resize(self.list.len(), None);
        }
        for row in rows {
            self.done[row.index] = Some(Tally::of(row));
        }
    }

    /// `{total, classes: [[class, n]], ownership: [[label, n]]}` over the rows computed so far.
    pub fn summary(&self) -> Result<JsValue, JsError> {
        to_js(&summarize_tallies(self.done.iter().flatten().copied()))
    }

    /// The full analysis and the rewrite of one ticket (`to`: "markdown" or "jira").
    pub fn detail(&self, index: usize, to: Option<String>) -> Result<JsValue, JsError> {
        let t = self.list.ticket(index).ok_or_else(|| JsError::new(&format!("no ticket at {index}")))?;
        let mut d = Detail { index, id: &t.id, title: &t.title, body: &t.body, format: t.format, url: t.url.as_deref(), error: t.error.clone(), analysis: None, rewrite: None };
        if t.error.is_none() {
            let ticket = Ticket { title: t.title.clone(), body: t.body.clone(), format: t.format };
            let target = match to.as_deref() {
                None => Target::Markdown,
                Some(name) => Target::parse(name).map_err(|e| JsError::new(&e.to_string()))?,
            };
            match crate::analyze(&ticket, &self.config) {
                Ok(a) => {
                    d.rewrite = crate::rewrite(&ticket, &self.config, target).ok();
                    d.analysis = Some(a);
                }
                Err(e) => d.error = Some(e.to_string()),
            }
        }
        to_js(&d)
    }
}

fn read_config(config: JsValue) -> Result<Config, JsError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Config::default());
    }
    serde_wasm_bindgen::from_value(config).map_err(|e| JsError::new(&format!("bad configuration: {e}")))
}

fn split_record(v: Option<serde_json::Value>) -> (Option<RecordView>, Vec<String>) {
    let Some(mut v) = v else { return (None, vec![]) };
    let warnings = match v.get_mut("warnings").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(ws)) => ws
            .into_iter()
            .map(|w| match w {
                serde_json::Value::String(s) => s,
                serde_json::Value::Object(ref o) => o.get("message").and_then(|m| m.as_str()).map(str::to_string).unwrap_or_else(|| w.to_string()),
                other => other.to_string(),
            })
            .collect(),
        _ => vec![],
    };
    let record = match v.get_mut("record").map(serde_json::Value::take) {
        Some(r @ serde_json::Value::Object(_)) => serde_json::from_value::<RecordView>(r).ok(),
        _ => None,
    };
    (record, warnings)
}

/// Judges a few built-in sample tickets, so the engine compiles the code on them rather than on
/// the first real chunk (`board::warm`). Returns the sample rows' JSON length.
#[wasm_bindgen]
pub fn board_warm_up() -> usize {
    super::warm::warm_up()
}

/// Draws the summary chart (SVG) into `target`, replacing what it held.
#[wasm_bindgen]
pub fn board_chart(target: &web_sys::Element, summary: JsValue) -> Result<(), JsError> {
    let summary: super::Summary = serde_wasm_bindgen::from_value(summary).map_err(|e| JsError::new(&format!("bad summary: {e}")))?;
    crate::dom::chart::render(target, &summary).map_err(|e| JsError::new(&format!("could not draw the chart: {e:?}")))
}
