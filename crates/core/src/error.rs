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

/// Why a JSON document could not be used. `path` names the field (`body[3].text`) when known:
/// for a missing field it names the object that lacks it (`body[3]`; `None` at the top level).
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
