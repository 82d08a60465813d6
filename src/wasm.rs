//! The wasm API, a thin layer over the core for the extension's background, the widget and the
//! playground. Every function takes plain JS objects and returns plain JS objects (JSON-shaped,
//! the same as the CLI's JSON); bad input throws a JS `Error` with a clear message and never
//! traps, so the page keeps working.

use crate::{config::Config, model::Ticket, rewrite::Target};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What `analyze` and `rewrite` accept: a ticket plus optional configuration and target.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    config: Option<Config>,
    /// Rewrite only: "markdown" (default) or "jira".
    #[serde(default)]
    to: Option<String>,
}

impl Request {
    fn from_js(input: JsValue) -> Result<(Ticket, Config, Option<String>), JsError> {
        let req: Request = from_js_json(&input)?;
        let format = match req.format.as_deref() {
            None => Default::default(),
            Some(name) => crate::Format::parse(name).map_err(|e| JsError::new(&e.to_string()))?,
        };
        Ok((Ticket { title: req.title, body: req.body, format }, req.config.unwrap_or_default(), req.to))
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not return the result: {e}")))
}

/// `analyze({title, body, format?, config?})` → the analysis object (see the CLI's JSON).
#[wasm_bindgen]
pub fn analyze(input: JsValue) -> Result<JsValue, JsError> {
    let (ticket, config, _) = Request::from_js(input)?;
    let analysis = crate::analyze(&ticket, &config).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&analysis)
}

/// `rewrite({title, body, format?, config?, to?})` → the new body as a string.
#[wasm_bindgen]
pub fn rewrite(input: JsValue) -> Result<String, JsError> {
    let (ticket, config, to) = Request::from_js(input)?;
    let target = match to.as_deref() {
        None => Target::Markdown,
        Some(name) => Target::parse(name).map_err(|e| JsError::new(&e.to_string()))?,
    };
    crate::rewrite(&ticket, &config, target).map_err(|e| JsError::new(&e.to_string()))
}

/// The crate version, so surfaces can show which core they run.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

// --- Ownership: the record and its block in the description (see `crate::ownership`). ---

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads a request through JSON rather than serde-wasm-bindgen, which looks up only the fields it
/// knows and so would let a misspelt key ("sucess_measures") drop the user's text silently; this
/// way `deny_unknown_fields` holds and the messages match the CLI's. It also keeps one
/// deserializer per type in the wasm (serde_json's, which the CLI needs anyway), not two.
fn from_js_json<T: serde::de::DeserializeOwned>(input: &JsValue) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(input)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("bad request: expected an object"))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("bad request: {e}")))
}

fn flavor_from(format: Option<&str>) -> Result<crate::ownership::Flavor, JsError> {
    match format {
        None => Ok(crate::ownership::Flavor::Markdown),
        Some(name) => crate::ownership::Flavor::parse(name).map_err(js_err),
    }
}

/// What `ownership_read`, `ownership_write` and `ownership_remove` accept.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockRequest {
    #[serde(default)]
    body: String,
    #[serde(default)]
    format: Option<String>,
    /// Write only.
    #[serde(default)]
    record: Option<crate::ownership::Record>,
}

impl BlockRequest {
    fn from_js(input: JsValue) -> Result<(BlockRequest, crate::ownership::Flavor), JsError> {
        let req: BlockRequest = from_js_json(&input)?;
        let flavor = flavor_from(req.format.as_deref())?;
        Ok((req, flavor))
    }
}

/// `ownership_read({body, format?})` → `{record, warnings}`; `record` is null without a block.
#[wasm_bindgen]
pub fn ownership_read(input: JsValue) -> Result<JsValue, JsError> {
    let (req, flavor) = BlockRequest::from_js(input)?;
    to_js(&crate::ownership::read(&req.body, flavor))
}

/// `ownership_write({body, record, format?})` → the description with the block written.
#[wasm_bindgen]
pub fn ownership_write(input: JsValue) -> Result<String, JsError> {
    let (req, flavor) = BlockRequest::from_js(input)?;
    let record = req.record.ok_or_else(|| JsError::new("bad request: ownership_write needs a record"))?;
    crate::ownership::write(&req.body, &record, flavor).map_err(js_err)
}

/// `ownership_remove({body, format?})` → the description without the block.
#[wasm_bindgen]
pub fn ownership_remove(input: JsValue) -> Result<String, JsError> {
    let (req, flavor) = BlockRequest::from_js(input)?;
    crate::ownership::remove(&req.body, flavor).map_err(js_err)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NudgeRequest {
    #[serde(default)]
    record: Option<crate::ownership::Record>,
    #[serde(default)]
    assignee: Option<String>,
    today: String,
}

/// `ownership_nudges({record?, assignee?, today})` → `[{id, message}]`; `today` is YYYY-MM-DD.
#[wasm_bindgen]
pub fn ownership_nudges(input: JsValue) -> Result<JsValue, JsError> {
    let req: NudgeRequest = from_js_json(&input)?;
    let nudges = crate::ownership::nudges(req.record.as_ref(), req.assignee.as_deref(), &req.today).map_err(js_err)?;
    to_js(&nudges)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrefillRequest {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    assignee: Option<String>,
    #[serde(default)]
    config: Option<Config>,
}

/// `ownership_prefill({title, body, format?, assignee?, config?})` → a record to edit.
#[wasm_bindgen]
pub fn ownership_prefill(input: JsValue) -> Result<JsValue, JsError> {
    let req: PrefillRequest = from_js_json(&input)?;
    let format = match req.format.as_deref() {
        None => Default::default(),
        Some(name) => crate::Format::parse(name).map_err(js_err)?,
    };
    let config = req.config.unwrap_or_default();
    let ticket = Ticket { title: req.title, body: req.body, format };
    let analysis = crate::analyze(&ticket, &config).map_err(js_err)?;
    to_js(&crate::ownership::prefill(&ticket, &analysis, req.assignee.as_deref(), &config))
}

/// Every rule id the core knows, so options pages can list them to switch rules on and off.
#[wasm_bindgen]
pub fn rules() -> Vec<String> {
    crate::rules::ALL.iter().map(|id| id.to_string()).collect()
}
