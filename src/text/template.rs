//! Unfilled issue-template boilerplate: instructions the reporter left in place ("Describe the
//! bug", "(If applicable, add screenshots)"), placeholder values ("TBD") and headings nobody wrote
//! under. Judging them would credit a ticket with sections it never filled.

use super::{Block, BlockKind, Document};

/// Openings of template instructions, lower-case. Instructions address the reporter, so they
/// start with a verb about describing rather than with one about building.
const INSTRUCTION_OPENERS: &[&str] = &[
    "a clear and concise description",
    "add any other",
    "briefly describe",
    "describe ",
    "explain ",
    "if applicable",
    "include any",
    "is your feature request",
    "please describe",
    "please include",
    "please provide",
    "please read this",
    "provide a ",
    "provide any",
    "summarize ",
    "this template ",
    "use this section",
    "what is the expected",
    "what you expected",
];

/// Values that stand for "nothing written yet".
const PLACEHOLDERS: &[&str] = &["-", "...", "n/a", "na", "none", "tbd", "tba", "todo", "?"];

/// One flag per block of `doc`: true where the block is boilerplate.
pub fn boilerplate(doc: &Document) -> Vec<bool> {
    let mut mask: Vec<bool> = doc.blocks.iter().map(is_instruction).collect();
    // A heading is empty when no prose follows it before the next heading of the same or a
    // higher level (boilerplate does not count as prose).
    for i in 0..doc.blocks.len() {
        let BlockKind::Heading(level) = doc.blocks[i].kind else { continue };
        let mut filled = false;
        for (j, block) in doc.blocks.iter().enumerate().skip(i + 1) {
            if let BlockKind::Heading(l) = block.kind {
                if l <= level {
                    break;
                }
                continue;
            }
            if !mask[j] {
                filled = true;
                break;
            }
        }
        if !filled {
            mask[i] = true;
        }
    }
    mask
}

/// Whether one block reads as a template instruction or a placeholder value.
pub fn is_instruction(block: &Block) -> bool {
    if block.is_heading() {
        return false;
    }
    let text = block.text.trim();
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim_end_matches(['.', ':']);
    if PLACEHOLDERS.contains(&lower) {
        return true;
    }
    if text.starts_with('(') && text.ends_with(')') {
        return true;
    }
    let opens_like_instruction = INSTRUCTION_OPENERS.iter().any(|o| lower.starts_with(o));
    if opens_like_instruction && (block.all_emphasis || block.word_count() <= 30) {
        return true;
    }
    // Emphasised asides addressed to the reporter ("_Please add logs if you have them_").
    block.all_emphasis && (lower.starts_with("please ") || lower.starts_with("if ") || lower.starts_with("e.g"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown;

    #[test]
    fn flags_instructions_placeholders_and_empty_headings() {
        let doc = markdown::read(
            "## Summary\n\nDescribe the bug.\n\n## Steps\n\n(If applicable, add screenshots)\n\n## Notes\n\nTBD\n\n## Impact\n\nExports time out for large teams.\n",
        );
        let mask = boilerplate(&doc);
        let kept: Vec<&str> = doc.blocks.iter().zip(&mask).filter(|(_, m)| !**m).map(|(b, _)| b.text.as_str()).collect();
        assert_eq!(kept, ["Impact", "Exports time out for large teams."]);
    }

    #[test]
    fn allows_real_prose_that_starts_like_an_instruction_when_long() {
        let doc = markdown::read(
            "Describe the import failure we saw on Monday: the job ran for three hours, then stopped with a timeout, and the partial data stayed in the table so every report the finance team ran afterwards showed doubled totals until someone cleaned it up by hand.",
        );
        assert_eq!(boilerplate(&doc), [false]);
    }

    #[test]
    fn flags_githubs_template_lines_and_allows_the_reporters_text_under_them() {
        let doc = markdown::read(
            "**Is your feature request related to a problem? Please describe.**\nExports time out for large teams.\n\n\
             **Describe the bug**\nA clear and concise description of what the bug is.\n",
        );
        let kept: Vec<&str> = doc.blocks.iter().zip(boilerplate(&doc)).filter(|(_, m)| !*m).map(|(b, _)| b.text.as_str()).collect();
        assert_eq!(kept, ["Exports time out for large teams."]);
    }

    #[test]
    fn flags_a_template_describing_itself() {
        let doc = markdown::read(
            "This template is for filing a bug report about the marketing website.\n\n## Briefly describe the bug\n\nThe pricing table repeats two rows.\n",
        );
        assert_eq!(boilerplate(&doc), [true, false, false]);
    }

    #[test]
    fn allows_emphasised_headings_of_real_sections() {
        let doc = markdown::read("**Implementation plan:**\n\n- Cache the results\n");
        assert_eq!(boilerplate(&doc), [false, false]);
    }
}
