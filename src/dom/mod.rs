//! DOM code in Rust (web-sys): the board's summary chart, drawn as SVG into an element the widget
//! owns. Only `Document`, `Element` and `Node` are used, to keep the wasm small.

pub mod chart;
