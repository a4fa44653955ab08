//! A small, strict JSON parser for untrusted input (RFC 8259), and the helpers that decode the
//! core's types with it, naming the field path of any problem.
//!
//! The browser decodes every article, feed, related file and tag list through this module. It
//! replaces serde_json's deserializer there, whose generic visitors cost far more wasm than one
//! parser and a handful of typed functions. (Serialization, which only the native tools do,
//! still uses serde.)
//!
//! Strict means: UTF-8 only (no byte-order mark), no trailing commas, comments, leading zeros,
//! `NaN`, single quotes or trailing data; string escapes are checked, and `\u` surrogates must
//! come in pairs. Arrays and objects nest at most [`MAX_DEPTH`] deep, so hostile input errors
//! instead of overflowing the stack. Parsing takes time linear in the input and never panics.
//!
//! The typed decoders pull values from the text as they go, as serde does: no tree is built,
//! member names are borrowed, and the first problem in document order is the one reported
//! (malformed JSON as [`DecodeErrorKind::Syntax`], JSON of the wrong shape as
//! [`DecodeErrorKind::Shape`]). [`parse`] builds a [`Value`] tree on the same parser.
//!
//! ```
//! use yuedu_core::json::{parse, Value};
//! let v = parse(br#"{"a": [1, "\u00e9\ud83d\ude00", null]}"#).unwrap();
//! let Value::Object(members) = v else { panic!() };
//! assert_eq!(members[0].0, "a");
//! assert_eq!(members[0].1, Value::Array(vec![Value::Number("1".into()), Value::String("é😀".into()), Value::Null]));
//! assert!(parse(b"[01]").is_err());
//! ```

use std::borrow::Cow;
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
    /// A number exactly as written (`-12.5e3`): the integers the formats need are read from the
    /// text on demand, so no floating-point parsing is linked in.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in document order. Repeated names are all kept; the typed decoders reject a
    /// repeated field they know.
    Object(Vec<(String, Value)>),
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

/// Whether `ours` and serde_json's tree hold the same document: numbers compared by value,
/// and for repeated keys the last one (serde_json's map keeps the last). For the tests and the
/// fuzz target that check this parser against serde_json; nothing in the app uses it.
#[doc(hidden)]
pub fn same_as_serde(ours: &Value, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Number(a), serde_json::Value::Number(b)) => match (a.parse::<f64>(), b.as_f64()) {
            (Ok(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
            _ => false,
        },
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Array(a), serde_json::Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde(x, y)),
        (Value::Object(a), serde_json::Value::Object(b)) => {
            a.iter().all(|(k, _)| b.contains_key(k))
                && b.iter().all(|(k, w)| a.iter().rev().find(|(k2, _)| k2 == k).is_some_and(|(_, v)| same_as_serde(v, w)))
        }
        _ => false,
    }
}

/// Parses one JSON document (surrounding whitespace allowed, nothing else) into a tree.
pub fn parse(bytes: &[u8]) -> Result<Value, SyntaxError> {
    let mut p = Parser::new(bytes)?;
    let value = p.value()?;
    p.finish()?;
    Ok(value)
}

/// The length of the text at the start of `bytes` that a string holds as is: up to the first
/// `"`, `\` or control character.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Eight bytes at a time (strings are most of a document): the has-zero-byte trick flags
    // bytes below 0x20 and bytes equal to `"` or `\`. A flag can be false only above a true
    // one, so the lowest flag is the first match.
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let v = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        let flags = below(v, 0x20) | below(v ^ (ONES * u64::from(b'"')), 1) | below(v ^ (ONES * u64::from(b'\\')), 1);
        if flags != 0 {
            return len + (flags.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    let rest = chunks.remainder();
    len + rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len())
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

/// A cursor over a JSON text that reads it value by value.
pub(crate) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// A parser at the start of `bytes`, which must be UTF-8. (Validating all of it up front
    /// lets the parser slice it as `str` at ASCII delimiters, always character boundaries.)
    fn new(bytes: &'a [u8]) -> Result<Self, SyntaxError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Parser { text, bytes, pos: 0, depth: 0 }),
            Err(e) => Err(syntax_error(bytes, e.valid_up_to(), "invalid UTF-8")),
        }
    }

    /// Checks that only whitespace is left.
    fn finish(&mut self) -> Result<(), SyntaxError> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.fail("trailing characters"));
        }
        Ok(())
    }

    fn fail(&self, message: &'static str) -> SyntaxError {
        syntax_error(self.bytes, self.pos, message)
    }

    /// `message`, or `eof` when the input ended where more was needed.
    fn fail_or_eof(&self, message: &'static str, eof: &'static str) -> SyntaxError {
        self.fail(if self.pos >= self.bytes.len() { eof } else { message })
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn skip_ws(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest.iter().take_while(|&&b| matches!(b, b' ' | b'\n' | b'\r' | b'\t')).count();
    }

    /// The text from `start` to here.
    fn since(&self, start: usize) -> Result<&'a str, SyntaxError> {
        // Both ends sit at ASCII bytes (or the end), so this never fails on valid UTF-8.
        self.text.get(start..self.pos).ok_or_else(|| self.fail("invalid UTF-8"))
    }

    /// The first byte of the next value (not consumed), after any whitespace.
    fn peek_value(&mut self) -> Result<u8, SyntaxError> {
        self.skip_ws();
        match self.peek() {
            Some(b @ (b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9')) => Ok(b),
            Some(_) => Err(self.fail("expected value")),
            None => Err(self.fail("EOF while parsing a value")),
        }
    }

    /// The next value, whatever it is, as a tree.
    fn value(&mut self) -> Result<Value, SyntaxError> {
        Ok(match self.peek_value()? {
            b'{' => {
                self.enter()?;
                let mut members = Vec::new();
                let mut first = true;
                while let Some(key) = self.next_key(&mut first)? {
                    members.push((key.into_owned(), self.value()?));
                }
                self.depth -= 1;
                Value::Object(members)
            }
            b'[' => {
                self.enter()?;
                let mut items = Vec::new();
                let mut first = true;
                while self.next_item(&mut first)? {
                    items.push(self.value()?);
                }
                self.depth -= 1;
                Value::Array(items)
            }
            b'"' => Value::String(self.string()?),
            b't' => self.literal("true").map(|()| Value::Bool(true))?,
            b'f' => self.literal("false").map(|()| Value::Bool(false))?,
            b'n' => self.literal("null").map(|()| Value::Null)?,
            _ => Value::Number(self.number()?.to_owned()),
        })
    }

    /// Reads past the next value, checking it as [`Parser::value`] does but keeping nothing.
    fn skip_value(&mut self) -> Result<(), SyntaxError> {
        match self.peek_value()? {
            b @ (b'{' | b'[') => {
                self.enter()?;
                let mut first = true;
                while if b == b'{' { self.next_key(&mut first)?.is_some() } else { self.next_item(&mut first)? } {
                    self.skip_value()?;
                }
                self.depth -= 1;
            }
            b'"' => {
                self.pos += 1;
                self.str()?;
            }
            b't' => self.literal("true")?,
            b'f' => self.literal("false")?,
            b'n' => self.literal("null")?,
            _ => self.number().map(drop)?,
        }
        Ok(())
    }

    /// Reads `true`, `false` or `null`.
    fn literal(&mut self, word: &'static str) -> Result<(), SyntaxError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            // Point at the first byte that differs.
            self.pos += rest.iter().zip(word.as_bytes()).take_while(|(a, b)| a == b).count();
            Err(self.fail_or_eof("expected ident", "EOF while parsing a value"))
        }
    }

    /// One more level of nesting, at an opening `[` or `{` (which it consumes). The caller
    /// takes the level off again after the closing bracket.
    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.pos += 1;
        Ok(())
    }

    /// In an array, after the `[` (`first`) or an item: whether another item follows (then it
    /// is next), or the array ended (its `]` consumed).
    fn next_item(&mut self, first: &mut bool) -> Result<bool, SyntaxError> {
        self.skip_ws();
        if std::mem::take(first) {
            return Ok(!self.eat(b']'));
        }
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(b']') {
                    return Err(self.fail("trailing comma"));
                }
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.fail_or_eof("expected `,` or `]`", "EOF while parsing a list")),
        }
    }

    /// In an object, after the `{` (`first`) or a member: the next member's name (its `:`
    /// consumed, so its value is next), or `None` when the object ended (its `}` consumed).
    fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, SyntaxError> {
        self.skip_ws();
        if std::mem::take(first) {
            if self.eat(b'}') {
                return Ok(None);
            }
        } else {
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
                    return Ok(None);
                }
                _ => return Err(self.fail_or_eof("expected `,` or `}`", "EOF while parsing an object")),
            }
        }
        if !self.eat(b'"') {
            return Err(self.fail_or_eof("key must be a string", "EOF while parsing an object"));
        }
        let key = self.str()?;
        self.skip_ws();
        if !self.eat(b':') {
            return Err(self.fail_or_eof("expected `:`", "EOF while parsing an object"));
        }
        Ok(Some(key))
    }

    /// The string that starts here.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        self.str().map(Cow::into_owned)
    }

    /// The rest of a string whose opening quote has been consumed: borrowed from the input
    /// unless it has escapes.
    fn str(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let mut owned: Option<String> = None;
        loop {
            let start = self.pos;
            self.pos += plain_run(self.bytes.get(start..).unwrap_or_default());
            let run = self.since(start)?;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(run);
                    s.push(c);
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

    /// The number that starts here, as written:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<&'a str, SyntaxError> {
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
            _ => return Err(self.fail_or_eof("invalid number", "EOF while parsing a value")),
        }
        if self.eat(b'.') {
            self.some_digits()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            self.some_digits()?;
        }
        self.since(start)
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
// Typed decoding: the core's types straight from the text, with field paths.

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

/// A decoder of one value of type `T` at a path.
pub(crate) type Decoder<T> = fn(&mut Parser<'_>, &Path<'_>) -> Result<T, DecodeError>;

/// Decodes a whole document with `decode` (only whitespace may follow).
pub(crate) fn document<T>(bytes: &[u8], decode: Decoder<T>) -> Result<T, DecodeError> {
    let mut p = Parser::new(bytes)?;
    let value = decode(&mut p, &Path::Root)?;
    p.finish()?;
    Ok(value)
}

/// A shape error (missing field, wrong type) at `path`.
#[cold]
pub(crate) fn shape_error(path: &Path<'_>, message: String) -> DecodeError {
    DecodeError { kind: DecodeErrorKind::Shape, path: path.render(), message }
}

/// The error for a value here that is not the `expected` kind. Like serde, this reads the
/// value first: if it is not even JSON, that is the error.
#[cold]
fn invalid_type(p: &mut Parser<'_>, path: &Path<'_>, expected: &str) -> DecodeError {
    let found = match p.peek_value() {
        Ok(b'{') => "object",
        Ok(b'[') => "array",
        Ok(b'"') => "string",
        Ok(b't' | b'f') => "boolean",
        Ok(b'n') => "null",
        Ok(_) => "number",
        Err(e) => return e.into(),
    };
    match p.skip_value() {
        Ok(()) => shape_error(path, ["invalid type: ", found, ", expected ", expected].concat()),
        Err(e) => e.into(),
    }
}

/// A string.
pub(crate) fn string(p: &mut Parser<'_>, path: &Path<'_>) -> Result<String, DecodeError> {
    if p.peek_value()? != b'"' {
        return Err(invalid_type(p, path, "a string"));
    }
    Ok(p.string()?)
}

/// A string or `null` (an `Option<String>` field).
pub(crate) fn opt_string(p: &mut Parser<'_>, path: &Path<'_>) -> Result<Option<String>, DecodeError> {
    nullable(p, path, string)
}

/// `null`, or a value decoded by `decode` (an `Option` field).
pub(crate) fn nullable<T>(p: &mut Parser<'_>, path: &Path<'_>, decode: Decoder<T>) -> Result<Option<T>, DecodeError> {
    if p.peek_value()? == b'n' {
        p.literal("null")?;
        return Ok(None);
    }
    decode(p, path).map(Some)
}

/// An array, each item decoded by `item` at its index.
pub(crate) fn list<T>(p: &mut Parser<'_>, path: &Path<'_>, item: Decoder<T>) -> Result<Vec<T>, DecodeError> {
    let mut out = Vec::new();
    items(p, path, &mut |_, p, path| {
        out.push(item(p, path)?);
        Ok(())
    })?;
    Ok(out)
}

/// Reads an array, calling `item(i, parser, path)` to decode item `i` at its path.
fn items(
    p: &mut Parser<'_>,
    path: &Path<'_>,
    item: &mut dyn FnMut(usize, &mut Parser<'_>, &Path<'_>) -> Result<(), DecodeError>,
) -> Result<usize, DecodeError> {
    if p.peek_value()? != b'[' {
        return Err(invalid_type(p, path, "an array"));
    }
    p.enter()?;
    let mut n = 0;
    let mut first = true;
    while p.next_item(&mut first)? {
        item(n, p, &path.index(n))?;
        n += 1;
    }
    p.depth -= 1;
    Ok(n)
}

/// An array of strings.
pub(crate) fn strings(p: &mut Parser<'_>, path: &Path<'_>) -> Result<Vec<String>, DecodeError> {
    list(p, path, string)
}

/// A non-negative integer of at most `max`, written without fraction or exponent (as serde
/// reads unsigned integers); `expected` names the type in messages (`u32`).
pub(crate) fn unsigned(p: &mut Parser<'_>, path: &Path<'_>, max: u64, expected: &str) -> Result<u64, DecodeError> {
    if !matches!(p.peek_value()?, b'-' | b'0'..=b'9') {
        return Err(invalid_type(p, path, expected));
    }
    let text = p.number()?;
    let parsed = text.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from((b as char).to_digit(10)?)));
    match parsed {
        Some(n) if n <= max => Ok(n),
        _ => Err(shape_error(path, ["invalid value: number `", text, "`, expected ", expected].concat())),
    }
}

/// An array of exactly `len` items, as serde reads a tuple: `item(i, parser, path)` decodes
/// item `i`.
pub(crate) fn tuple(
    p: &mut Parser<'_>,
    path: &Path<'_>,
    len: usize,
    item: &mut dyn FnMut(usize, &mut Parser<'_>, &Path<'_>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let n = items(p, path, &mut |i, p, path| if i < len { item(i, p, path) } else { Ok(p.skip_value()?) })?;
    if n != len {
        return Err(shape_error(path, format!("invalid length {n}, expected a tuple of size {len}")));
    }
    Ok(())
}

/// A member of an object a typed decoder knows: its name, and whether it must be present.
pub(crate) type Field = (&'static str, bool);

/// Reads an object as serde reads a struct: `member(i, parser, path)` decodes the value of each
/// member named `fields[i].0`, in document order, given the member's path; other members are
/// read and ignored. A known member given twice is an error, and so is a required one that is
/// absent (reported at the object, the first in the order of `fields`).
pub(crate) fn object(
    p: &mut Parser<'_>,
    path: &Path<'_>,
    fields: &[Field],
    member: &mut dyn FnMut(usize, &mut Parser<'_>, &Path<'_>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    if p.peek_value()? != b'{' {
        return Err(invalid_type(p, path, "an object"));
    }
    p.enter()?;
    // Bit i: field i was seen (the formats' structs have far fewer than 64 fields).
    let mut seen = 0u64;
    let mut first = true;
    while let Some(key) = p.next_key(&mut first)? {
        match fields.iter().position(|(name, _)| *name == key) {
            Some(i) => {
                let (name, _) = fields[i];
                let bit = 1u64 << (i % 64);
                if seen & bit != 0 {
                    return Err(shape_error(path, ["duplicate field `", name, "`"].concat()));
                }
                seen |= bit;
                member(i, p, &path.key(name))?;
            }
            None => p.skip_value()?,
        }
    }
    p.depth -= 1;
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
            Value::Object(vec![("a".into(), Value::Array(vec![Value::Number("1".into()), Value::Object(vec![])])), ("a".into(), s("x")),])
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
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\'""#,
            r#""\"#,
            r#""\u"#,
            r#""\ud800""#,
            r#""\ud800x""#,
            r#""\ud800\n""#,
            r#""\ud800\u0041""#,
            r#""\ud800\ud800""#,
            r#""\udc00""#,
            r#""\ude00\ud83d""#,
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
            "",
            " ",
            "[",
            "]",
            "{",
            "}",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":}",
            "{1:2}",
            "[1]x",
            "[1] [2]",
            "{} {}",
            "nul",
            "tru",
            "True",
            "null x",
            "\"a",
            "[\"a",
            "// c\n1",
            "/* c */ 1",
            "\u{a0}1",
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
    fn finds_the_end_of_plain_text() {
        let text = "ab\u{7f}é中😀 ~!#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}";
        for stop in ["\"", "\\", "\u{0}", "\n", "\u{1f}"] {
            for at in 0..=text.len() {
                if !text.is_char_boundary(at) {
                    continue;
                }
                let s = format!("{}{stop}{}", &text[..at], &text[at..]);
                assert_eq!(plain_run(s.as_bytes()), at, "{s:?}");
            }
        }
        assert_eq!(plain_run(text.as_bytes()), text.len());
        assert_eq!(plain_run(b""), 0);
        // A control character right after a byte that borrows in the arithmetic.
        assert_eq!(plain_run(b"\x00\x01\"aaaaaaaaa"), 0);
        assert_eq!(plain_run(b"a\x21\x22aaaaaaa"), 2);
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
        let e = document(b"{\"alt\": 5}", |p, path| object(p, path, &[("alt", true)], &mut |_, p, path| string(p, path).map(drop)))
            .unwrap_err();
        assert_eq!(
            (e.kind, e.path.as_deref(), e.message.as_str()),
            (DecodeErrorKind::Shape, Some("alt"), "invalid type: number, expected a string")
        );
        // A wrong type that is not even JSON is a syntax error, as with serde.
        let e = document(b"tru", string).unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (DecodeErrorKind::Syntax, "EOF while parsing a value at line 1 column 3"));
        assert_eq!(document(b"[1, tx]", string).unwrap_err().kind, DecodeErrorKind::Syntax);
        assert_eq!(document(b"[1, true]", string).unwrap_err().kind, DecodeErrorKind::Shape);
        // After the value only whitespace.
        assert_eq!(document(b" \"a\" ", string), Ok("a".to_owned()));
        assert_eq!(document(b"\"a\" 1", string).unwrap_err().kind, DecodeErrorKind::Syntax);

        let u32_at = |json: &str| document(json.as_bytes(), |p, path| unsigned(p, path, u32::MAX.into(), "u32"));
        assert_eq!(u32_at("4294967295"), Ok(u64::from(u32::MAX)));
        assert_eq!(u32_at(" 0 "), Ok(0));
        for n in ["4294967296", "-1", "-0", "1.0", "1e3", "99999999999999999999999"] {
            let e = u32_at(n).unwrap_err();
            assert_eq!((e.kind, e.message), (DecodeErrorKind::Shape, format!("invalid value: number `{n}`, expected u32")));
        }
        assert_eq!(u32_at("\"1\"").unwrap_err().message, "invalid type: string, expected u32");
        assert_eq!(u32_at("01").unwrap_err().kind, DecodeErrorKind::Syntax);
        let u64_at = |json: &str| document(json.as_bytes(), |p, path| unsigned(p, path, u64::MAX, "u64"));
        assert_eq!(u64_at("18446744073709551615"), Ok(u64::MAX));
        assert!(u64_at("18446744073709551616").is_err());

        const FIELDS: &[Field] = &[("a", true), ("b", false), ("c", false)];
        /// Each member read: field number, value and path.
        type Members = Vec<(usize, Option<String>, Option<String>)>;
        let decode = |json: &str| -> Result<Members, DecodeError> {
            let mut p = Parser::new(json.as_bytes())?;
            let root = Path::Root;
            let mut got = Vec::new();
            object(&mut p, &root.key("x"), FIELDS, &mut |i, p, path| {
                got.push((i, opt_string(p, path)?, path.render()));
                Ok(())
            })?;
            p.finish()?;
            Ok(got)
        };
        let got = decode(r#"{"b": "1", "z": [2, {"a": 3}], "a": null}"#).unwrap();
        assert_eq!(got, [(1, Some("1".into()), Some("x.b".into())), (0, None, Some("x.a".into()))]);
        let e = decode(r#"{"a": "1", "a": "2"}"#).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "duplicate field `a`"));
        let e = decode(r#"{"b": "1"}"#).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "missing field `a`"));
        let e = decode("[]").unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("x"), "invalid type: array, expected an object"));
        // The first problem in document order wins, whatever its kind.
        assert_eq!(decode(r#"{"b": 1, "a": "#).unwrap_err().kind, DecodeErrorKind::Shape);
        assert_eq!(decode(r#"{"z": [1,], "b": 1}"#).unwrap_err().kind, DecodeErrorKind::Syntax);
        // Unknown members are checked too, and nest no deeper than the limit.
        assert_eq!(decode(r#"{"a": null, "z": "\x"}"#).unwrap_err().kind, DecodeErrorKind::Syntax);
        let deep = format!(r#"{{"a": null, "z": {}{}}}"#, "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(decode(&deep).unwrap_err().message, "recursion limit exceeded at line 1 column 145");

        let lists = |json: &str| document(json.as_bytes(), |p, path| list(p, path, strings));
        assert_eq!(lists(r#"[[], ["a", "b"]]"#), Ok(vec![vec![], vec!["a".to_owned(), "b".to_owned()]]));
        let e = lists(r#"[[], ["a", 2]]"#).unwrap_err();
        assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("[1][1]"), "invalid type: number, expected a string"));
        assert_eq!(lists(r#"[[], ["a",]]"#).unwrap_err().kind, DecodeErrorKind::Syntax);
    }
}
