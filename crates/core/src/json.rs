//! A small, strict JSON parser for untrusted input (RFC 8259), and a serde `Deserializer` on it
//! ([`from_slice`]) that decodes the core's types, naming the field path of any problem.
//!
//! The browser decodes every article, feed, related file and tag list through this module. Each
//! type is declared once, with serde's derives and attributes ([`crate::model::Article`] …):
//! that declaration drives both serde_json (the native tools) and this deserializer (the app),
//! so no field is listed twice. The deserializer replaces serde_json's in the wasm, whose
//! general machinery (float parsing, buffering of untagged content, its `Value`) costs far more
//! than one parser and a thin `Deserializer`.
//!
//! Strict means: UTF-8 only (no byte-order mark), no trailing commas, comments, leading zeros,
//! `NaN`, single quotes or trailing data; string escapes are checked, and `\u` surrogates must
//! come in pairs. Arrays and objects nest at most [`MAX_DEPTH`] deep, so hostile input errors
//! instead of overflowing the stack. Parsing takes time linear in the input and never panics.
//!
//! Decoding pulls values from the text as it goes, as serde_json does: no tree is built, member
//! names are borrowed, and the first problem in document order is the one reported (malformed
//! JSON as [`DecodeErrorKind::Syntax`], JSON of the wrong shape as [`DecodeErrorKind::Shape`]).
//! [`parse`] builds a [`Value`] tree on the same parser.
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
// Typed decoding: serde's derives over this parser, with field paths.

/// Decodes one JSON document (only whitespace may follow) into `T` through `T`'s serde
/// `Deserialize` — derived from the type's one declaration, so its fields, renames, defaults and
/// optional members are written once — on this module's strict parser. Any problem names the
/// field path where it arose (`body[3].alt`); a missing field names the object that lacks it.
///
/// ```
/// #[derive(serde::Deserialize, Debug, PartialEq)]
/// struct Image { src: String, alt: String, caption: Option<String> }
///
/// let ok: Vec<Image> = yuedu_core::json::from_slice(r#"[{"src": "a.png", "alt": "图", "x": 1}]"#.as_bytes()).unwrap();
/// assert_eq!(ok, [Image { src: "a.png".into(), alt: "图".into(), caption: None }]);
/// let e = yuedu_core::json::from_slice::<Vec<Image>>(br#"[{"src": "a.png", "alt": 5}]"#).unwrap_err();
/// assert_eq!(e.to_string(), "field `[0].alt` invalid type: number, expected a string");
/// let e = yuedu_core::json::from_slice::<Vec<Image>>(br#"[{"src": "a.png"}]"#).unwrap_err();
/// assert_eq!(e.to_string(), "field `[0]` missing field `alt`");
/// ```
pub fn from_slice<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, DecodeError> {
    let mut p = Parser::new(bytes)?;
    let value = T::deserialize(De { p: &mut p, path: &Path::Root }).map_err(|e| e.0)?;
    p.finish()?;
    Ok(value)
}

/// Where a value sits in the document (`body[3].text`). Built on the stack as decoding goes
/// down, and only written out as text for an error.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
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

/// A [`DecodeError`] as serde's derived code sees it. serde creates errors without knowing
/// where they are (`missing field`, `unknown variant`, a `try_from` refusal); each one is given
/// the path of the innermost value it came out of (see [`Error::at`]).
#[derive(Debug)]
pub struct Error(DecodeError);

impl Error {
    /// Shape errors get `path` unless an inner value gave them one already; syntax errors are
    /// about bytes, not fields, and never get one.
    #[cold]
    fn at(mut self, path: &Path<'_>) -> Error {
        if self.0.path.is_none() && self.0.kind != DecodeErrorKind::Syntax {
            self.0.path = path.render();
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(DecodeError { kind: DecodeErrorKind::Shape, path: None, message: message.to_string() })
    }
}

impl From<SyntaxError> for Error {
    fn from(e: SyntaxError) -> Self {
        Error(e.into())
    }
}

/// A shape error with `message` (its path comes from [`Error::at`]).
#[cold]
fn shape(message: String) -> Error {
    serde::de::Error::custom(message)
}

/// The deserializer of the value that starts at the parser's position; `path` is where it is.
struct De<'p, 'de, 'x> {
    p: &'p mut Parser<'de>,
    path: &'x Path<'x>,
}

impl<'de> De<'_, 'de, '_> {
    /// The error for a value here that is not what `expected` wants. Like serde_json, this
    /// reads the value first: if it is not even JSON, that is the error.
    #[cold]
    fn invalid_type(self, expected: &dyn serde::de::Expected) -> Error {
        let found = match self.p.peek_value() {
            Ok(b'{') => "object",
            Ok(b'[') => "array",
            Ok(b'"') => "string",
            Ok(b't' | b'f') => "boolean",
            Ok(b'n') => "null",
            Ok(_) => "number",
            Err(e) => return e.into(),
        };
        match self.p.skip_value() {
            Ok(()) => shape(format!("invalid type: {found}, expected {expected}")),
            Err(e) => e.into(),
        }
    }

    /// An integer, as serde reads one: the visitor checks the range of its type.
    fn integer<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !matches!(self.p.peek_value()?, b'-' | b'0'..=b'9') {
            return Err(self.invalid_type(&visitor));
        }
        let text = self.p.number()?;
        let (negative, digits) = text.strip_prefix('-').map_or((false, text), |d| (true, d));
        let magnitude = digits.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from((b as char).to_digit(10)?)));
        match (negative, magnitude) {
            (false, Some(n)) => visitor.visit_u64(n),
            (true, Some(n)) if n > 0 && n <= 1 << 63 => visitor.visit_i64(0i64.wrapping_sub_unsigned(n)),
            _ => Err(shape(format!("invalid value: number `{text}`, expected {}", &visitor as &dyn serde::de::Expected))),
        }
    }

    /// The items of the array that starts here, through `visitor`; an array longer than the
    /// visitor reads (a tuple) is an error, as in serde_json.
    fn seq<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.p.peek_value()? != b'[' {
            return Err(self.invalid_type(&"an array"));
        }
        self.p.enter()?;
        let mut items = Items { p: &mut *self.p, path: self.path, first: true, index: 0, done: false };
        let value = visitor.visit_seq(&mut items)?;
        if !items.done && items.p.next_item(&mut items.first)? {
            let mut len = items.index;
            loop {
                items.p.skip_value()?;
                len += 1;
                if !items.p.next_item(&mut items.first)? {
                    break;
                }
            }
            return Err(shape(format!("invalid length {len}, expected {} items", items.index)));
        }
        self.p.depth -= 1;
        Ok(value)
    }

    /// The members of the object that starts here, through `visitor`.
    fn map<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.p.peek_value()? != b'{' {
            return Err(self.invalid_type(&"an object"));
        }
        self.p.enter()?;
        let mut members = Members { p: &mut *self.p, path: self.path, first: true, key: Cow::Borrowed(""), done: false };
        let value = visitor.visit_map(&mut members)?;
        // Every visitor the formats use reads to the end; any other stops early only on error.
        while !members.done && members.p.next_key(&mut members.first)?.is_some() {
            members.p.skip_value()?;
        }
        self.p.depth -= 1;
        Ok(value)
    }
}

impl<'de> serde::Deserializer<'de> for De<'_, 'de, '_> {
    type Error = Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.p.peek_value()? {
            b'{' => self.map(visitor),
            b'[' => self.seq(visitor),
            b'"' => self.deserialize_str(visitor),
            b't' | b'f' => self.deserialize_bool(visitor),
            b'n' => self.deserialize_unit(visitor),
            _ => self.integer(visitor),
        }
    }

    fn deserialize_bool<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.p.peek_value()? {
            b't' => self.p.literal("true").map_err(Error::from).and_then(|()| visitor.visit_bool(true)),
            b'f' => self.p.literal("false").map_err(Error::from).and_then(|()| visitor.visit_bool(false)),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_i8<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i16<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i32<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u8<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u16<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u32<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    /// Floats are parsed from the number's text, only where a type asks for one (the formats
    /// the browser reads have none: float parsing stays out of the wasm).
    fn deserialize_f64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !matches!(self.p.peek_value()?, b'-' | b'0'..=b'9') {
            return Err(self.invalid_type(&visitor));
        }
        let text = self.p.number()?;
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => visitor.visit_f64(x),
            _ => Err(shape(format!("invalid value: number `{text}` is out of range"))),
        }
    }
    fn deserialize_f32<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.p.peek_value()? != b'"' {
            return Err(self.invalid_type(&visitor));
        }
        self.p.pos += 1;
        match self.p.str()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }
    fn deserialize_string<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_char<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_identifier<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    /// Bytes are written as strings in these formats.
    fn deserialize_bytes<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_byte_buf<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.p.peek_value()? == b'n' {
            self.p.literal("null")?;
            return visitor.visit_none();
        }
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.p.peek_value()? != b'n' {
            return Err(self.invalid_type(&visitor));
        }
        self.p.literal("null")?;
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: serde::de::Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.seq(visitor)
    }
    fn deserialize_tuple<V: serde::de::Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.seq(visitor)
    }
    fn deserialize_tuple_struct<V: serde::de::Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.seq(visitor)
    }

    fn deserialize_map<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.map(visitor)
    }
    /// A struct is an object (never an array, which serde_json would also take).
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.map(visitor)
    }

    /// Enums of unit variants, written as their name (`"paragraph"`).
    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.p.peek_value()? != b'"' {
            return Err(self.invalid_type(&visitor));
        }
        self.p.pos += 1;
        visitor.visit_enum(UnitVariant(self.p.str()?))
    }

    fn deserialize_ignored_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.p.skip_value()?;
        visitor.visit_unit()
    }
}

/// The items of an array being read: each deserialized at its index's path.
struct Items<'p, 'de, 'x> {
    p: &'p mut Parser<'de>,
    path: &'x Path<'x>,
    first: bool,
    index: usize,
    /// The closing `]` has been read.
    done: bool,
}

impl<'de> serde::de::SeqAccess<'de> for Items<'_, 'de, '_> {
    type Error = Error;

    fn next_element_seed<T: serde::de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.done || !self.p.next_item(&mut self.first)? {
            self.done = true;
            return Ok(None);
        }
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(De { p: &mut *self.p, path: &path }).map(Some).map_err(|e| e.at(&path))
    }
}

/// The members of an object being read: each value deserialized at its key's path.
struct Members<'p, 'de, 'x> {
    p: &'p mut Parser<'de>,
    path: &'x Path<'x>,
    first: bool,
    /// The key of the member whose value is next.
    key: Cow<'de, str>,
    /// The closing `}` has been read.
    done: bool,
}

impl<'de> serde::de::MapAccess<'de> for Members<'_, 'de, '_> {
    type Error = Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.p.next_key(&mut self.first)? {
            None => {
                self.done = true;
                Ok(None)
            }
            Some(key) => {
                self.key = key;
                seed.deserialize(Name(&self.key)).map(Some)
            }
        }
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let path = Path::Key(self.path, &self.key);
        seed.deserialize(De { p: &mut *self.p, path: &path }).map_err(|e| e.at(&path))
    }
}

/// A member name or variant name, as the string it is.
struct Name<'a>(&'a str);

impl<'de> serde::Deserializer<'de> for Name<'_> {
    type Error = Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A variant written as its name: only unit variants have that form.
struct UnitVariant<'de>(Cow<'de, str>);

impl<'de> serde::de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<T: serde::de::DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self), Error> {
        let variant = seed.deserialize(Name(&self.0))?;
        Ok((variant, self))
    }
}

impl<'de> serde::de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: serde::de::DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(shape(format!("invalid type: unit variant `{}`, expected newtype variant", self.0)))
    }

    fn tuple_variant<V: serde::de::Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(shape(format!("invalid type: unit variant `{}`, expected tuple variant", self.0)))
    }

    fn struct_variant<V: serde::de::Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value, Error> {
        Err(shape(format!("invalid type: unit variant `{}`, expected struct variant", self.0)))
    }
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
        let body = Path::Key(&root, "body");
        let third = Path::Index(&body, 3);
        assert_eq!(Path::Key(&third, "text").render().as_deref(), Some("body[3].text"));
        assert_eq!(Path::Key(&Path::Index(&root, 0), "a").render().as_deref(), Some("[0].a"));
        assert_eq!(root.render(), None);
    }

    #[test]
    fn serde_types_decode_with_paths() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct X {
            a: Option<String>,
            #[serde(default)]
            b: Option<String>,
            #[serde(rename = "_c", default)]
            c: Vec<u32>,
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Doc {
            x: X,
        }
        let decode = |json: &str| from_slice::<Doc>(json.as_bytes());
        let shape = |json: &str| {
            let e = decode(json).unwrap_err();
            assert_eq!(e.kind, DecodeErrorKind::Shape, "{json}: {e}");
            (e.path, e.message)
        };
        let got = decode(r#"{"x": {"b": "1", "z": [2, {"a": 3}], "a": null, "_c": [4]}}"#).unwrap();
        assert_eq!(got, Doc { x: X { a: None, b: Some("1".into()), c: vec![4] } });
        assert_eq!(shape(r#"{"x": {"a": "1", "a": "2"}}"#), (Some("x".into()), "duplicate field `a`".into()));
        assert_eq!(shape(r#"{"x": []}"#), (Some("x".into()), "invalid type: array, expected an object".into()));
        assert_eq!(shape(r#"{"x": {"a": 5}}"#), (Some("x.a".into()), "invalid type: number, expected a string".into()));
        assert_eq!(shape(r#"{"x": {"_c": [1, -2]}}"#).0.as_deref(), Some("x._c[1]"));
        assert_eq!(shape(r#"{"y": 1}"#), (None, "missing field `x`".into()));
        // The first problem in document order wins, whatever its kind.
        assert_eq!(decode(r#"{"x": {"a": 1, "b": "#).unwrap_err().kind, DecodeErrorKind::Shape);
        assert_eq!(decode(r#"{"x": {"z": [1,], "a": 1}}"#).unwrap_err().kind, DecodeErrorKind::Syntax);
        // A wrong type that is not even JSON is a syntax error, as with serde.
        let e = from_slice::<String>(b"tru").unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (DecodeErrorKind::Syntax, "EOF while parsing a value at line 1 column 3"));
        assert_eq!(from_slice::<String>(b"[1, tx]").unwrap_err().kind, DecodeErrorKind::Syntax);
        assert_eq!(from_slice::<String>(b"[\"a\", true]").unwrap_err().kind, DecodeErrorKind::Shape);
        // Unknown members are checked too, and nest no deeper than the limit.
        assert_eq!(decode(r#"{"x": {"a": null, "z": "\x"}}"#).unwrap_err().kind, DecodeErrorKind::Syntax);
        let deep = format!(r#"{{"x": {{"a": null, "z": {}{}}}}}"#, "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert_eq!(decode(&deep).unwrap_err().message, "recursion limit exceeded at line 1 column 150");
        // After the value only whitespace.
        assert_eq!(from_slice::<String>(b" \"a\" "), Ok("a".to_owned()));
        assert_eq!(from_slice::<String>(b"\"a\" 1").unwrap_err().kind, DecodeErrorKind::Syntax);
    }

    #[test]
    fn integers_are_read_as_serde_reads_them() {
        assert_eq!(from_slice::<u32>(b"4294967295"), Ok(u32::MAX));
        assert_eq!(from_slice::<u32>(b" 0 "), Ok(0));
        for n in ["4294967296", "-1"] {
            let e = from_slice::<u32>(n.as_bytes()).unwrap_err();
            assert_eq!(e.kind, DecodeErrorKind::Shape, "{n}");
            assert!(e.message.starts_with("invalid value: integer"), "{n}: {e}");
        }
        for n in ["-0", "1.0", "1e3", "99999999999999999999999"] {
            let e = from_slice::<u32>(n.as_bytes()).unwrap_err();
            assert_eq!((e.kind, e.message), (DecodeErrorKind::Shape, format!("invalid value: number `{n}`, expected u32")));
        }
        assert_eq!(from_slice::<u32>(b"\"1\"").unwrap_err().message, "invalid type: string, expected u32");
        assert_eq!(from_slice::<u32>(b"01").unwrap_err().kind, DecodeErrorKind::Syntax);
        assert_eq!(from_slice::<u64>(b"18446744073709551615"), Ok(u64::MAX));
        assert!(from_slice::<u64>(b"18446744073709551616").is_err());
        assert_eq!(from_slice::<i64>(b"-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_slice::<(String, u32)>(br#"["a", 2]"#), Ok(("a".to_owned(), 2)));
        let e = from_slice::<(String, u32)>(br#"["a", 2, 3]"#).unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (DecodeErrorKind::Shape, "invalid length 3, expected 2 items"));
        assert_eq!(from_slice::<(String, u32)>(br#"["a"]"#).unwrap_err().message, "invalid length 1, expected a tuple of size 2");
        let lists = from_slice::<Vec<Vec<String>>>(br#"[[], ["a", 2]]"#).unwrap_err();
        assert_eq!((lists.path.as_deref(), lists.message.as_str()), (Some("[1][1]"), "invalid type: number, expected a string"));
    }
}
