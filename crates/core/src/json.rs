//! A small, strict JSON parser for untrusted input (RFC 8259), and the helpers that turn its
//! values into the core's types with the field path of any problem.
//!
//! The browser decodes every article, feed and related file through this module. It replaces
//! serde_json's deserializer there, whose generic visitors cost far more wasm than one parser
//! and a handful of typed functions. (Serialization, which only the native tools do, still uses
//! serde.)
//!
//! Strict means: UTF-8 only (no byte-order mark), no trailing commas, comments, leading zeros,
//! `NaN`, single quotes or trailing data; string escapes are checked, and `\u` surrogates must
//! come in pairs. Arrays and objects nest at most [`MAX_DEPTH`] deep, so hostile input errors
//! instead of overflowing the stack. Parsing takes time linear in the input and never panics.
//!
//! ```
//! use yuedu_core::json::{parse, Value};
//! let v = parse(br#"{"a": [1, "\u00e9\ud83d\ude00", null]}"#).unwrap();
//! let Value::Object(members) = v else { panic!() };
//! assert_eq!(members[0].0, "a");
//! assert_eq!(members[0].1, Value::Array(vec![Value::Number("1".into()), Value::String("é😀".into()), Value::Null]));
//! assert!(parse(b"[01]").is_err());
//! ```

use std::fmt;

use crate::error::{DecodeError, DecodeErrorKind};

/// How deeply arrays and objects may nest (the document itself counts as one level when it is
/// an array or object).
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number exactly as written (`-12.5e3`): the integers the formats need are read from it
    /// on demand, so no floating-point parsing is linked in.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in document order. Repeated names are all kept; the typed decoders reject a
    /// repeated field they know.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, for messages: `null`, `boolean`, `number`, `string`,
    /// `array` or `object`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// Why bytes are not JSON, and where: `offset` is the byte where it was noticed, `line` and
/// `column` (1-based line; column counts the bytes of the line up to and including it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: &'static str,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for SyntaxError {}

impl From<SyntaxError> for DecodeError {
    fn from(e: SyntaxError) -> Self {
        DecodeError { kind: DecodeErrorKind::Syntax, path: None, message: e.to_string() }
    }
}

/// Parses one JSON document (surrounding whitespace allowed, nothing else).
pub fn parse(bytes: &[u8]) -> Result<Value, SyntaxError> {
    // Validating the whole input up front lets the parser slice it as `str` at ASCII
    // delimiters, which are always character boundaries.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(syntax_error(bytes, e.valid_up_to(), "invalid UTF-8")),
    };
    let mut p = Parser { text, bytes, pos: 0, depth: 0 };
    let value = p.value()?;
    p.skip_ws();
    if p.pos < bytes.len() {
        return Err(p.fail("trailing characters"));
    }
    Ok(value)
}

#[cold]
fn syntax_error(bytes: &[u8], offset: usize, message: &'static str) -> SyntaxError {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Like serde_json: the column of the offending byte, or of the last byte at the end.
    let column = (offset + 1).min(bytes.len()).saturating_sub(line_start);
    SyntaxError { message, offset, line, column }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn fail(&self, message: &'static str) -> SyntaxError {
        syntax_error(self.bytes, self.pos, message)
    }

    /// `message`, or `eof` when the input ended where more was needed.
    fn fail_or_eof(&self, message: &'static str, eof: &'static str) -> SyntaxError {
        self.fail(if self.pos >= self.bytes.len() { eof } else { message })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected value")),
            None => Err(self.fail("EOF while parsing a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, SyntaxError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            // Point at the first byte that differs.
            self.pos += rest.iter().zip(word.as_bytes()).take_while(|(a, b)| a == b).count();
            Err(self.fail_or_eof("expected ident", "EOF while parsing a value"))
        }
    }

    /// One more level of nesting (at an opening `[` or `{`, which it consumes).
    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_ws();
        if !self.eat(b']') {
            loop {
                items.push(self.value()?);
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if self.peek() == Some(b']') {
                            return Err(self.fail("trailing comma"));
                        }
                    }
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.fail_or_eof("expected `,` or `]`", "EOF while parsing a list")),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        let mut members = Vec::new();
        self.skip_ws();
        if !self.eat(b'}') {
            loop {
                if !self.eat(b'"') {
                    return Err(self.fail_or_eof("key must be a string", "EOF while parsing an object"));
                }
                let key = self.string()?;
                self.skip_ws();
                if !self.eat(b':') {
                    return Err(self.fail_or_eof("expected `:`", "EOF while parsing an object"));
                }
                members.push((key, self.value()?));
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if self.peek() == Some(b'}') {
                            return Err(self.fail("trailing comma"));
                        }
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.fail_or_eof("expected `,` or `}`", "EOF while parsing an object")),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    /// The rest of a string whose opening quote has been consumed.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Both ends sit at ASCII bytes (or the end), so this never fails on valid UTF-8.
            out.push_str(self.text.get(start..self.pos).ok_or_else(|| self.fail("invalid UTF-8"))?);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.fail("control character (\\u0000-\\u001F) found while parsing a string")),
                None => return Err(self.fail("EOF while parsing a string")),
            }
        }
    }

    /// The character of an escape whose backslash has been consumed.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.fail("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !(self.eat(b'\\') && self.eat(b'u')) {
                            return Err(self.fail_or_eof("unexpected end of hex escape", "EOF while parsing a string"));
                        }
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.fail("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.fail("lone trailing surrogate in hex escape")),
                    _ => first,
                };
                char::from_u32(code).ok_or_else(|| self.fail("invalid unicode code point"))?
            }
            _ => {
                self.pos -= 1;
                return Err(self.fail("invalid escape"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16).ok_or_else(|| self.fail("invalid escape"))?,
                None => return Err(self.fail("EOF while parsing a string")),
            };
            n = n * 16 + digit;
            self.pos += 1;
        }
        Ok(n)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.fail("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("invalid number")),
        }
        if self.eat(b'.') {
            self.some_digits()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            self.some_digits()?;
        }
        let text = self.text.get(start..self.pos).ok_or_else(|| self.fail("invalid number"))?;
        Ok(Value::Number(text.to_owned()))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), SyntaxError> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.fail_or_eof("invalid number", "EOF while parsing a value"));
        }
        self.digits();
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Typed decoding: JSON values to the core's types, with field paths.

/// Where a value sits in the document (`body[3].text`). Built on the stack as decoding goes
/// down, and only written out as text for an error.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of member `key` of the object here.
    pub(crate) fn key(&'a self, key: &'static str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of item `i` of the array here.
    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// `None` at the root.
    fn render(&self) -> Option<String> {
        fn write(path: &Path<'_>, out: &mut String) {
            match *path {
                Path::Root => {}
                Path::Key(parent, key) => {
                    write(parent, out);
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Path::Index(parent, i) => {
                    write(parent, out);
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        let mut out = String::new();
        write(self, &mut out);
        (!out.is_empty()).then_some(out)
    }
}

/// A shape error (missing field, wrong type) at `path`.
#[cold]
pub(crate) fn shape_error(path: &Path<'_>, message: String) -> DecodeError {
    DecodeError { kind: DecodeErrorKind::Shape, path: path.render(), message }
}

#[cold]
fn invalid_type(found: &Value, expected: &str, path: &Path<'_>) -> DecodeError {
    shape_error(path, ["invalid type: ", found.kind(), ", expected ", expected].concat())
}

/// A string.
pub(crate) fn string(v: Value, path: &Path<'_>) -> Result<String, DecodeError> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(invalid_type(&other, "a string", path)),
    }
}

/// A string or `null` (an `Option<String>` field).
pub(crate) fn opt_string(v: Value, path: &Path<'_>) -> Result<Option<String>, DecodeError> {
    nullable(v, path, string)
}

/// An array, each item decoded by `item` at its index.
pub(crate) fn list<T>(v: Value, path: &Path<'_>, item: fn(Value, &Path<'_>) -> Result<T, DecodeError>) -> Result<Vec<T>, DecodeError> {
    let items = match v {
        Value::Array(items) => items,
        other => return Err(invalid_type(&other, "an array", path)),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        out.push(item(v, &path.index(i))?);
    }
    Ok(out)
}

/// An array of strings.
pub(crate) fn strings(v: Value, path: &Path<'_>) -> Result<Vec<String>, DecodeError> {
    list(v, path, string)
}

/// A non-negative integer of at most `max`, written without fraction or exponent (as serde
/// reads unsigned integers); `expected` names the type in messages (`u32`).
pub(crate) fn unsigned(v: Value, path: &Path<'_>, max: u64, expected: &str) -> Result<u64, DecodeError> {
    let text = match v {
        Value::Number(text) => text,
        other => return Err(invalid_type(&other, expected, path)),
    };
    let parsed = text.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from((b as char).to_digit(10)?)));
    match parsed {
        Some(n) if n <= max && !text.is_empty() => Ok(n),
        _ => Err(shape_error(path, ["invalid value: number `", &text, "`, expected ", expected].concat())),
    }
}

/// `null`, or a value decoded by `decode` (an `Option` field).
pub(crate) fn nullable<T>(v: Value, path: &Path<'_>, decode: fn(Value, &Path<'_>) -> Result<T, DecodeError>) -> Result<Option<T>, DecodeError> {
    match v {
        Value::Null => Ok(None),
        v => decode(v, path).map(Some),
    }
}

/// A member of an object a typed decoder knows: its name, and whether it must be present.
pub(crate) type Field = (&'static str, bool);

/// Reads the object `v` as serde reads a struct: `member(i, value, path)` is called for each
/// member named `fields[i].0`, in document order, with the member's path; other members are
/// ignored. A known member given twice is an error, and so is a required one that is absent
/// (reported at the object, the first in the order of `fields`).
pub(crate) fn object(
    v: Value,
    path: &Path<'_>,
    fields: &[Field],
    member: &mut dyn FnMut(usize, Value, &Path<'_>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let members = match v {
        Value::Object(members) => members,
        other => return Err(invalid_type(&other, "an object", path)),
    };
    // Bit i: field i was seen (the formats' structs have far fewer than 64 fields).
    let mut seen = 0u64;
    for (key, value) in members {
        if let Some(i) = fields.iter().position(|(name, _)| *name == key) {
            let (name, _) = fields[i];
            let bit = 1u64 << (i % 64);
            if seen & bit != 0 {
                return Err(shape_error(path, ["duplicate field `", name, "`"].concat()));
            }
            seen |= bit;
            member(i, value, &path.key(name))?;
        }
    }
    for (i, (name, required)) in fields.iter().enumerate() {
        if *required && seen & (1u64 << (i % 64)) == 0 {
            return Err(shape_error(path, ["missing field `", name, "`"].concat()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(json: &str) -> Value {
        parse(json.as_bytes()).unwrap_or_else(|e| panic!("{json:?}: {e}"))
    }

    fn err(json: &[u8]) -> SyntaxError {
        parse(json).expect_err(&String::from_utf8_lossy(json))
    }

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn parses_every_kind_of_value() {
        assert_eq!(ok(" null "), Value::Null);
        assert_eq!(ok("true"), Value::Bool(true));
        assert_eq!(ok("false"), Value::Bool(false));
        assert_eq!(ok("\"\""), s(""));
        assert_eq!(ok("[]"), Value::Array(vec![]));
        assert_eq!(ok("{}"), Value::Object(vec![]));
        assert_eq!(
            ok("\t{ \"a\" : [ 1 , { } ] ,\r\n\"a\": \"x\" }\n"),
            Value::Object(vec![
                ("a".into(), Value::Array(vec![Value::Number("1".into()), Value::Object(vec![])])),
                ("a".into(), s("x")),
            ])
        );
    }

    #[test]
    fn keeps_numbers_as_written() {
        for n in ["0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "1E+3", "2.5e-7", "123456789012345678901234567890", "1e400"] {
            assert_eq!(ok(n), Value::Number(n.into()), "{n}");
        }
        for n in ["01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e3", "0x10", "NaN", "Infinity", "-Infinity", "1_000"] {
            assert!(parse(n.as_bytes()).is_err(), "{n}");
        }
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(ok(r#""\"\\\/\b\f\n\r\t""#), s("\"\\/\u{8}\u{c}\n\r\t"));
        assert_eq!(ok(r#""\u0041\u00e9\u4E2D\u0000""#), s("Aé中\0"));
        assert_eq!(ok(r#""a\ud83d\ude00b""#), s("a😀b"));
        assert_eq!(ok(r#""\uD834\uDD1E""#), s("𝄞"));
        assert_eq!(ok("\"中文 text\""), s("中文 text"));
    }

    #[test]
    fn rejects_bad_escapes_and_lone_surrogates() {
        for json in [
            r#""\x""#, r#""\u12""#, r#""\u12g4""#, r#""\'""#, r#""\"#, r#""\u"#,
            r#""\ud800""#, r#""\ud800x""#, r#""\ud800\n""#, r#""\ud800\u0041""#, r#""\ud800\ud800""#,
            r#""\udc00""#, r#""\ude00\ud83d""#,
        ] {
            assert!(parse(json.as_bytes()).is_err(), "{json}");
        }
        assert_eq!(err(br#""\ud800""#).message, "unexpected end of hex escape");
        assert_eq!(err(br#""\udc00""#).message, "lone trailing surrogate in hex escape");
    }

    #[test]
    fn rejects_control_characters_and_invalid_utf8() {
        assert!(parse(b"\"a\nb\"").is_err());
        assert!(parse(b"\"\x1f\"").is_err());
        assert!(parse(b"\"\x7f\"").is_ok(), "DEL is allowed");
        for bytes in [&b"\"\xff\""[..], b"\"\xc3\"", b"\"\xe4\xb8\"", b"\"\xed\xa0\x80\"", b"[\"a\", \xc0\xaf]", b"\xef\xbb\xbf{}"] {
            assert!(parse(bytes).is_err(), "{bytes:?}");
        }
        let e = err(b"[\"ok\", \"\xff\"]");
        assert_eq!((e.message, e.offset), ("invalid UTF-8", 8));
    }

    #[test]
    fn rejects_malformed_structure() {
        for json in [
            "", " ", "[", "]", "{", "}", "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":}",
            "{1:2}", "[1]x", "[1] [2]", "{} {}", "nul", "tru", "True", "null x", "\"a", "[\"a", "// c\n1", "/* c */ 1", "\u{a0}1",
        ] {
            assert!(parse(json.as_bytes()).is_err(), "{json:?}");
        }
    }

    #[test]
    fn limits_nesting() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(nested(MAX_DEPTH).as_bytes()).is_ok());
        assert_eq!(err(nested(MAX_DEPTH + 1).as_bytes()).message, "recursion limit exceeded");
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert_eq!(err(objects.as_bytes()).message, "recursion limit exceeded");
        // Far deeper than any stack: still an error, quickly.
        assert!(parse("[".repeat(1_000_000).as_bytes()).is_err());
        assert!(parse(nested(100_000).as_bytes()).is_err());
    }

    #[test]
    fn errors_say_where() {
        let e = err(b"{\"format\": ");
        assert_eq!((e.message, e.line, e.column), ("EOF while parsing a value", 1, 11));
        let e = err(b"{\n  \"a\": [1,\n  2 x]}");
        assert_eq!((e.message, e.line, e.column, e.offset), ("expected `,` or `]`", 3, 5, 17));
        assert_eq!(e.to_string(), "expected `,` or `]` at line 3 column 5");
        assert_eq!(err(b"").message, "EOF while parsing a value");
        assert_eq!(err(b"[1] 2").message, "trailing characters");
        assert_eq!(err(b"[1,]").message, "trailing comma");
        assert_eq!(err(b"tx").message, "expected ident");
        assert_eq!(err(b"[tru").message, "EOF while parsing a value");
    }

    #[test]
    fn paths_render_like_serde_paths() {
        let root = Path::Root;
        let body = root.key("body");
        let third = body.index(3);
        assert_eq!(third.key("text").render().as_deref(), Some("body[3].text"));
        assert_eq!(root.index(0).key("a").render().as_deref(), Some("[0].a"));
        assert_eq!(root.render(), None);
    }

    #[test]
    fn typed_helpers_name_the_problem() {
        let root = Path::Root;
        let e = string(Value::Number("5".into()), &root.key("alt")).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref(), e.message.as_str()), (DecodeErrorKind::Shape, Some("alt"), "invalid type: number, expected a string"));
        assert_eq!(unsigned(Value::Number("4294967295".into()), &root, u32::MAX.into(), "u32"), Ok(u64::from(u32::MAX)));
        for n in ["4294967296", "-1", "-0", "1.0", "1e3", "99999999999999999999999"] {
            let e = unsigned(Value::Number(n.into()), &root, u32::MAX.into(), "u32").unwrap_err();
            assert_eq!(e.message, format!("invalid value: number `{n}`, expected u32"));
        }
        assert!(unsigned(Value::String("1".into()), &root, u64::MAX, "u64").is_err());
        assert_eq!(unsigned(Value::Number("18446744073709551615".into()), &root, u64::MAX, "u64"), Ok(u64::MAX));
        assert!(unsigned(Value::Number("18446744073709551616".into()), &root, u64::MAX, "u64").is_err());

        const FIELDS: &[Field] = &[("a", true), ("b", false), ("c", false)];
        let decode = |json: &str| {
            let mut got = Vec::new();
            object(ok(json), &root.key("x"), FIELDS, &mut |i, v, p| {
                got.push((i, v, p.render()));
                Ok(())
            })
            .map(|()| got)
        };
        let got = decode(r#"{"b": 1, "z": 2, "a": null}"#).unwrap();
        assert_eq!(got, [(1, Value::Number("1".into()), Some("x.b".into())), (0, Value::Null, Some("x.a".into()))]);
        let e = decode(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "duplicate field `a`"));
        let e = decode(r#"{"b": 1}"#).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "missing field `a`"));
        let e = decode("[]").unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "invalid type: array, expected an object"));
        // The callback's error stops the decoding.
        let e = object(ok(r#"{"a": 1}"#), &root, FIELDS, &mut |_, v, p| string(v, p).map(drop)).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("a"), "invalid type: number, expected a string"));
    }
}
