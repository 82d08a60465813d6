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
        let req: Request = serde_wasm_bindgen::from_value(input).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
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
