//! The dashboard widget's logic: reading data sources (`source`, `csv`, `stream` for a list
//! still downloading), judging each ticket into
//! a table row and summarising the list (`row`). The widget's JS only moves rows to the DOM.

pub mod csv;
pub mod row;
pub mod source;
pub mod stream;
pub mod warm;

pub use row::{analyze_row, row_of, row_with_record, summarize, summarize_tallies, RecordView, Row, Summary, Tally};
pub use source::{load, BoardTicket, Lazy, Loaded};

#[cfg(target_arch = "wasm32")]
pub mod wasm;
