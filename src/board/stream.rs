//! Finding the items of a top-level JSON array while its bytes are still arriving, so the board
//! can judge the first tickets of a long list before the download ends. It only tracks
//! structure (nesting, strings, commas): each item is parsed, and any error inside it reported
//! for its row, by serde_json when the item is read.

/// Where the scan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Only a byte-order mark and whitespace so far.
    Before,
    /// Inside the top-level array.
    Inside,
    /// The array closed; only whitespace may follow.
    Closed,
    /// The source is not a JSON array (a Jira search object, CSV): read it whole at the end.
    NotArray,
    /// The list's structure is broken (a missing or stray comma, text after the list); the
    /// source is read whole at the end, which reports the error.
    Broken,
}

/// What may come next at the array's own level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    ValueOrEnd,
    Value,
    CommaOrEnd,
}

#[derive(Clone, Debug)]
pub struct ArraySplitter {
    state: State,
    /// Next byte to scan.
    pos: usize,
    /// 1 inside the top-level array, more inside an item.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// A number or literal item (`42`, `null`) is being read.
    scalar: bool,
    item_start: usize,
    expect: Expect,
}

impl Default for ArraySplitter {
    fn default() -> Self {
        ArraySplitter { state: State::Before, pos: 0, depth: 0, in_string: false, escaped: false, scalar: false, item_start: 0, expect: Expect::ValueOrEnd }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl ArraySplitter {
    pub fn state(&self) -> State {
        self.state
    }

    /// Scans `bytes[self.pos..]` (`bytes` is everything received so far, growing between calls)
    /// and appends the byte range of every item that completed.
    pub fn scan(&mut self, bytes: &[u8], items: &mut Vec<(usize, usize)>) {
        while self.pos < bytes.len() {
            match self.state {
                State::NotArray | State::Broken => return,
                State::Before => {
                    if !self.before(bytes) {
                        return; // a byte-order mark may be cut short: wait for more bytes
                    }
                }
                State::Closed => {
                    if !is_space(bytes[self.pos]) {
                        self.state = State::Broken;
                        return;
                    }
                    self.pos += 1;
                }
                State::Inside => self.inside(bytes, items),
            }
        }
    }

    /// The state once every byte has arrived: an array that never closed is broken.
    pub fn finish(&mut self) -> State {
        if self.state == State::Inside || self.state == State::Before {
            self.state = if self.state == State::Before { State::NotArray } else { State::Broken };
        }
        self.state
    }

    /// Reads one byte (or a byte-order mark) before the list; false when it must wait for more.
    fn before(&mut self, bytes: &[u8]) -> bool {
        let rest = &bytes[self.pos..];
        if self.pos == 0 && rest.len() < 3 && b"\xEF\xBB\xBF".starts_with(rest) {
            return false;
        }
        if self.pos == 0 && rest.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
            return true;
        }
        match rest[0] {
            b if is_space(b) => self.pos += 1,
            b'[' => {
                self.state = State::Inside;
                self.depth = 1;
                self.pos += 1;
            }
            _ => self.state = State::NotArray,
        }
        true
    }

    /// Starts an item at `self.pos` if one may start here.
    fn open_item(&mut self) -> bool {
        if self.expect == Expect::CommaOrEnd {
            self.state = State::Broken;
            return false;
        }
        self.item_start = self.pos;
        true
    }

    fn close_item(&mut self, end: usize, items: &mut Vec<(usize, usize)>) {
        items.push((self.item_start, end));
        self.expect = Expect::CommaOrEnd;
    }

    fn inside(&mut self, bytes: &[u8], items: &mut Vec<(usize, usize)>) {
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if self.in_string {
                // Skip to the next quote or backslash: strings are most of a ticket list.
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 1 {
                        self.close_item(self.pos + 1, items);
                    }
                } else {
                    let run = bytes[self.pos..].iter().position(|&c| c == b'"' || c == b'\\').unwrap_or(bytes.len() - self.pos);
                    self.pos += run.max(1);
                    continue;
                }
                self.pos += 1;
                continue;
            }
            if self.scalar {
                if is_space(b) || b == b',' || b == b']' {
                    self.scalar = false;
                    self.close_item(self.pos, items);
                } else {
                    self.pos += 1;
                    continue;
                }
            }
            match b {
                b if is_space(b) => {}
                b'"' => {
                    if self.depth == 1 && !self.open_item() {
                        return;
                    }
                    self.in_string = true;
                }
                b'{' | b'[' => {
                    if self.depth == 1 && !self.open_item() {
                        return;
                    }
                    self.depth += 1;
                }
                b'}' | b']' if self.depth > 1 => {
                    self.depth -= 1;
                    if self.depth == 1 {
                        self.close_item(self.pos + 1, items);
                    }
                }
                b']' if self.expect != Expect::Value => {
                    self.depth = 0;
                    self.state = State::Closed;
                    self.pos += 1;
                    return;
                }
                b',' if self.depth == 1 => {
                    if self.expect != Expect::CommaOrEnd {
                        self.state = State::Broken;
                        return;
                    }
                    self.expect = Expect::Value;
                }
                _ if self.depth > 1 => {}
                b'}' | b']' | b',' | b':' => {
                    self.state = State::Broken;
                    return;
                }
                _ => {
                    if !self.open_item() {
                        return;
                    }
                    self.scalar = true;
                }
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` fed in pieces of `step` bytes; the items' texts and the final state.
    fn split(text: &str, step: usize) -> (Vec<String>, State) {
        let bytes = text.as_bytes();
        let mut s = ArraySplitter::default();
        let mut items = vec![];
        let mut got = 0;
        while got < bytes.len() {
            got = (got + step).min(bytes.len());
            s.scan(&bytes[..got], &mut items);
        }
        let state = s.finish();
        (items.iter().map(|&(a, b)| text[a..b].to_string()).collect(), state)
    }

    #[test]
    fn splits_items_the_same_in_any_piece_size() {
        let text = "\u{feff} [ {\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": null}]}, 42 ,\"s,]\" ,true,[[]], -1.5e3 ]\n ";
        let want: Vec<String> = ["{\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": null}]}", "42", "\"s,]\"", "true", "[[]]", "-1.5e3"].map(String::from).to_vec();
        for step in [1, 2, 3, 7, 1000] {
            assert_eq!(split(text, step), (want.clone(), State::Closed), "step {step}");
        }
        assert_eq!(split("[]", 1), (vec![], State::Closed));
        // Every split agrees with serde_json on a valid list.
        let parsed: Vec<&serde_json::value::RawValue> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        assert_eq!(parsed.iter().map(|r| r.get().to_string()).collect::<Vec<_>>(), want);
    }

    #[test]
    fn flags_broken_lists() {
        for broken in ["[", "[1,]", "[1 2]", "[{} {}]", "[,1]", "[1,,2]", "[] x", "[1}", "[{\"a\":1}"] {
            assert_eq!(split(broken, 1).1, State::Broken, "{broken}");
            assert!(serde_json::from_str::<Vec<&serde_json::value::RawValue>>(broken).is_err(), "{broken}");
        }
    }

    #[test]
    fn allows_other_sources_to_be_read_whole() {
        for other in ["{\"issues\": []}", "Title,Body\nA,b\n", "", "  \n"] {
            assert_eq!(split(other, 1).1, State::NotArray, "{other:?}");
        }
    }
}
