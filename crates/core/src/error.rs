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

/// Deserializes `bytes`, keeping the path to the field that failed.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            DecodeError { kind: DecodeErrorKind::Syntax, path: None, message: inner.to_string() }
        } else {
            // serde_json appends " at line L column C"; the path says more to a reader.
            let message = strip_position(&inner.to_string());
            let path = (path != ".").then_some(path);
            DecodeError { kind: DecodeErrorKind::Shape, path, message }
        }
    })?;
    de.end().map_err(|e| DecodeError {
        kind: DecodeErrorKind::Syntax,
        path: None,
        message: e.to_string(),
    })?;
    Ok(value)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
