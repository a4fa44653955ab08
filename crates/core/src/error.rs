//! Decoding errors for untrusted JSON (articles, feeds), with the field path of the problem.

use std::fmt;

/// What kind of problem a [`DecodeError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// Not JSON at all (truncated, an HTML error page, …).
    Syntax,
    /// JSON, but a field is missing or has the wrong type.
    Shape,
    /// Well-formed, but a value breaks a rule (empty title, impossible date, unsafe URL …).
    Invalid,
}

/// Why a JSON document could not be used. `path` names the field (`body[3].text`) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub kind: DecodeErrorKind,
    pub path: Option<String>,
    pub message: String,
}

impl DecodeError {
    /// A rule violation at `path`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        DecodeError { kind: DecodeErrorKind::Invalid, path: Some(path.into()), message: message.into() }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.kind, &self.path) {
            (DecodeErrorKind::Syntax, _) => write!(f, "not valid JSON: {}", self.message),
            (_, Some(path)) => write!(f, "field `{path}` {}", self.message),
            (_, None) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Deserializes `bytes`; for a shape error, the field path is recovered from the error's
/// position (see [`path_at`]) rather than tracked during decoding, which keeps the decoder
/// generic code — and the wasm — small.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            return DecodeError { kind: DecodeErrorKind::Syntax, path: None, message: e.to_string() };
        }
        let path = path_at(bytes, e.line(), e.column()).filter(|p| !p.is_empty());
        // serde_json appends " at line L column C"; the path says more to a reader.
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]).to_owned();
        DecodeError { kind: DecodeErrorKind::Shape, path, message }
    })
}

/// The path (`body[3].alt`) of the JSON value being read at 1-based `line`/`column` (serde's
/// error position: just after the offending token, or after the closing brace of an object
/// that lacks a field). `None` if the position is outside the document.
pub fn path_at(json: &[u8], line: usize, column: usize) -> Option<String> {
    // Byte offset of the position.
    let mut offset = 0;
    for _ in 1..line {
        offset += json[offset..].iter().position(|&b| b == b'\n')? + 1;
    }
    let offset = (offset + column).min(json.len());

    enum Frame {
        Object { key: Option<String> },
        Array { index: usize },
    }
    let path_of = |stack: &[Frame]| -> String {
        let mut p = String::new();
        for f in stack {
            match f {
                Frame::Object { key: Some(k) } => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(k);
                }
                Frame::Object { key: None } => {}
                Frame::Array { index } => p.push_str(&format!("[{index}]")),
            }
        }
        p
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut last = String::new();
    let mut i = 0;
    let mut expect_key = false;
    while i < offset {
        match json[i] {
            b'{' => {
                last = path_of(&stack);
                stack.push(Frame::Object { key: None });
                expect_key = true;
            }
            b'[' => {
                last = path_of(&stack);
                stack.push(Frame::Array { index: 0 });
            }
            b'}' | b']' => {
                // The path of the container just closed (its parent names it).
                last = path_of(&stack[..stack.len().saturating_sub(1)]);
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { .. }) => expect_key = true,
                None => {}
            },
            b'"' => {
                // A string: a key (then `:`) or a value. Escapes are skipped, not decoded: keys
                // in our formats are plain ASCII.
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                let text = String::from_utf8_lossy(&json[start..i.min(json.len())]).into_owned();
                if expect_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some(text);
                    }
                    expect_key = false;
                } else {
                    last = path_of(&stack);
                }
            }
            b' ' | b'\n' | b'\r' | b'\t' | b':' => {}
            _ => {
                // A number, true, false or null.
                last = path_of(&stack);
                while i + 1 < json.len() && !matches!(json[i + 1], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    Some(last)
}

/// Byte ranges of the items of the array under `key` in the top-level object of `json`
/// (empty when there is none). Strings are skipped whole, so brackets inside text do not count.
pub(crate) fn top_level_array_items(json: &[u8], key: &str) -> Vec<std::ops::Range<usize>> {
    let mut items = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    let mut in_array = false;
    let mut item_start: Option<usize> = None;
    let mut last_string: (usize, usize) = (0, 0);
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                last_string = (start, i.min(json.len()));
                if in_array && depth == 2 && item_start.is_none() {
                    item_start = Some(start - 1);
                }
            }
            b'{' | b'[' => {
                if depth == 1 && json[i] == b'[' && &json[last_string.0..last_string.1] == key.as_bytes() {
                    in_array = true;
                } else if in_array && depth == 2 && item_start.is_none() {
                    item_start = Some(i);
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if in_array && depth == 1 {
                    if let Some(s) = item_start.take() {
                        items.push(s..i);
                    }
                    return items;
                }
            }
            b',' if in_array && depth == 2 => {
                if let Some(s) = item_start.take() {
                    items.push(s..i);
                }
            }
            b' ' | b'\n' | b'\r' | b'\t' | b':' => {}
            _ if in_array && depth == 2 && item_start.is_none() => item_start = Some(i),
            _ => {}
        }
        i += 1;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paths_at_serde_positions() {
        let json = br#"{"a": {"b": [1, {"c": "x", "d": 5}]}, "e": []}"#;
        // Just after the 5: a wrong type at a.b[1].d.
        let at = json.iter().position(|&b| b == b'5').unwrap() + 1;
        assert_eq!(path_at(json, 1, at).as_deref(), Some("a.b[1].d"));
        // Just after the `}` that closes a.b[1]: a missing field of that object.
        let close = json.windows(2).position(|w| w == b"5}").unwrap() + 2;
        assert_eq!(path_at(json, 1, close).as_deref(), Some("a.b[1]"));
        // Just after a string value.
        let x = json.windows(3).position(|w| w == b"\"x\"").unwrap() + 3;
        assert_eq!(path_at(json, 1, x).as_deref(), Some("a.b[1].c"));
    }

    #[test]
    fn splits_the_items_of_a_top_level_array() {
        let json = br#"{"a": {"body": [9]}, "body": [{"t": "x]},"}, [1, 2], 3 , "s"], "z": 1}"#;
        let items: Vec<&str> = top_level_array_items(json, "body").into_iter().map(|r| std::str::from_utf8(&json[r]).unwrap()).collect();
        assert_eq!(items, [r#"{"t": "x]},"}"#, "[1, 2]", "3 ", r#""s""#]);
        assert!(top_level_array_items(b"{}", "body").is_empty());
    }

    #[test]
    fn counts_lines() {
        let json = b"{\n  \"a\": [\n    true,\n    7\n  ]\n}";
        assert_eq!(path_at(json, 4, 5).as_deref(), Some("a[1]"));
        assert_eq!(path_at(json, 99, 1), None);
    }
}
