//! The summary chart: tickets per class and ownership coverage, as horizontal bars in one SVG.
//! Accessible: `role="img"` with a title and a description that states every number.

use crate::board::Summary;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";
const WIDTH: f64 = 360.0;
const LABEL_W: f64 = 130.0;
const BAR_H: f64 = 16.0;
const GAP: f64 = 6.0;

fn class_colour(class: &str) -> &'static str {
    match class {
        "task-style" => "#b3261e",
        "mixed" => "#a15c00",
        "unframed" => "#5f6368",
        "outcome-first" => "#1b7f3b",
        _ => "#6a1b9a",
    }
}

fn el(doc: &Document, name: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(SVG), name)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    Ok(e)
}

fn text(doc: &Document, x: f64, y: f64, anchor: &str, content: &str) -> Result<Element, JsValue> {
    let t = el(doc, "text", &[("x", &x.to_string()), ("y", &y.to_string()), ("text-anchor", anchor), ("class", "label")])?;
    t.set_text_content(Some(content));
    Ok(t)
}

/// Replaces the contents of `target` with the chart for `summary`.
pub fn render(target: &Element, summary: &Summary) -> Result<(), JsValue> {
    let doc = target.owner_document().ok_or_else(|| JsValue::from_str("the chart's element is not in a document"))?;
    while let Some(child) = target.first_child() {
        target.remove_child(&child)?;
    }
    let rows = summary.classes.len() + summary.ownership.len();
    let height = 2.0 * 22.0 + rows as f64 * (BAR_H + GAP) + 4.0;
    let svg = el(&doc, "svg", &[
        ("viewBox", &format!("0 0 {WIDTH} {height}")),
        ("role", "img"),
        ("aria-labelledby", "ownframe-chart-title ownframe-chart-desc"),
        ("class", "chart"),
    ])?;
    let title = el(&doc, "title", &[("id", "ownframe-chart-title")])?;
    title.set_text_content(Some(&format!("Summary of {} tickets", summary.total)));
    svg.append_child(&title)?;
    let mut desc_parts = Vec::new();

    let max_class = summary.classes.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let bar_w = WIDTH - LABEL_W - 44.0;
    let mut y = 0.0;
    for (heading, items, percent) in [("Framing", &summary.classes, false), ("Ownership coverage", &summary.ownership, true)] {
        y += 16.0;
        let h = text(&doc, 0.0, y, "start", heading)?;
        h.set_attribute("class", "heading")?;
        svg.append_child(&h)?;
        y += 6.0;
        for (label, n) in items.iter() {
            let (frac, value) = if percent {
                let f = if summary.total == 0 { 0.0 } else { *n as f64 / summary.total as f64 };
                (f, format!("{}%", (f * 100.0).round()))
            } else {
                (*n as f64 / max_class, n.to_string())
            };
            desc_parts.push(if percent { format!("{label}: {n} of {} ({value})", summary.total) } else { format!("{label}: {n}") });
            let g = el(&doc, "g", &[("data-key", label)])?;
            let name = text(&doc, LABEL_W - 6.0, y + BAR_H - 4.0, "end", label)?;
            g.append_child(&name)?;
            let colour = if percent { "#1a5fb4" } else { class_colour(label) };
            let rect = el(&doc, "rect", &[
                ("x", &LABEL_W.to_string()),
                ("y", &y.to_string()),
                ("width", &format!("{:.1}", (frac * bar_w).max(if *n > 0 { 1.0 } else { 0.0 }))),
                ("height", &BAR_H.to_string()),
                ("fill", colour),
            ])?;
            g.append_child(&rect)?;
            let number = text(&doc, LABEL_W + frac * bar_w + 4.0, y + BAR_H - 4.0, "start", &value)?;
            g.append_child(&number)?;
            svg.append_child(&g)?;
            y += BAR_H + GAP;
        }
    }
    let desc = el(&doc, "desc", &[("id", "ownframe-chart-desc")])?;
    desc.set_text_content(Some(&desc_parts.join("; ")));
    svg.insert_before(&desc, title.next_sibling().as_ref())?;
    target.append_child(&svg)?;
    Ok(())
}
