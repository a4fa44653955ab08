//! The article model and its JSON format, `yuedu-article/1` (schema: `schema/article-1.schema.json`).
//!
//! Article JSON is untrusted input: [`Article::from_json`] decodes *and* validates it, naming the
//! field path of the first problem, so the app can tell a reader exactly what is wrong. Body text
//! is plain text; nothing in this format is ever interpreted as HTML.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::time::Timestamp;

/// The format tag every article file carries in its `format` field.
pub const ARTICLE_FORMAT: &str = "yuedu-article/1";

/// An article's `format` field: [`ARTICLE_FORMAT`] unless the file is of a format this reader
/// does not know, which [`Article::validate`] refuses. Its default is the current format, so
/// articles are built with `..Default::default()` and a new optional field is declared once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(transparent, inline)]
pub struct Format(pub String);

impl Default for Format {
    fn default() -> Self {
        Format(ARTICLE_FORMAT.to_owned())
    }
}

/// One article: metadata and a body of typed blocks.
///
/// This declaration is the format: serde's derives read and write it (natively with
/// serde_json, in the browser with [`crate::json::from_slice`]), and the JSON Schema
/// (`schema/article-1.schema.json`, [`crate::schema`]) is generated from it. What types cannot
/// say is checked by [`Article::validate`] and stated for the schema in `schemars` attributes; a
/// test fails if the two ever disagree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "yuedu article, format yuedu-article/1",
    description = "One article as the yuedu app reads it from data/articles/<id>.json (at most 4 MiB). All text is plain text: \
                   readers never interpret any of it as HTML. Unknown fields are ignored by readers of this version."
)]
pub struct Article {
    /// Format and major version, always `yuedu-article/1`: a reader refuses formats it does not know.
    #[schemars(extend("const" = ARTICLE_FORMAT))]
    pub format: Format,
    /// URL-safe identifier; the article lives at /article/<id> and data/articles/<id>.json.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// 引题, the kicker: the line Chinese news pages carry above the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[schemars(regex(pattern = NOT_BLANK))]
    pub title: String,
    /// 副题, the subtitle: the line under the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// RFC 3339 with seconds and the publisher's own UTC offset, e.g. 2023-12-07T15:58:54+08:00.
    /// Shown to readers in Asia/Shanghai time.
    #[schemars(extend("format" = "date-time"), regex(pattern = RFC3339_PATTERN))]
    pub published: String,
    pub source: Source,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    #[schemars(inner(regex(pattern = TAG_PATTERN)))]
    pub tags: Vec<String>,
    #[serde(default)]
    pub editors: Vec<Editor>,
    /// A sentence or two for lists and previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[schemars(length(min = 1, max = MAX_BLOCKS))]
    pub body: Vec<Block>,
}

/// Where an article was first published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The publisher, e.g. 中国乡村振兴网.
    #[schemars(regex(pattern = NOT_BLANK))]
    pub name: String,
    /// The original page, http(s) only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = HTTP_URL_PATTERN))]
    pub url: Option<String>,
}

/// An editor credit such as 责任编辑 朱峰.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Editor {
    /// As the publisher names it: 总监审, 监审, 责任编辑 …
    pub role: String,
    pub name: String,
}

/// One block of the body. Serialized with a `type` tag: `{"type": "paragraph", "text": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawBlock")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A section heading inside the article (搭"连心桥"重在"帮").
    Heading {
        text: String,
    },
    /// Lines of verse or song, shown line by line.
    Verse {
        lines: Vec<String>,
    },
    /// A sub-point that opens with an emphasised lead-in: ——搭沟通桥,明确怎么"帮"。 + its text.
    /// `lead` is stored without the leading dash.
    Lead {
        lead: String,
        text: String,
    },
    Image {
        /// An http(s) URL or a path relative to the site; other schemes (javascript:, data:) and
        /// protocol-relative //host URLs are rejected.
        #[schemars(length(min = 1), regex(pattern = SAFE_SRC_PATTERN))]
        src: String,
        alt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
}

/// The wire shape of a block: every field any block type has, checked against its type by
/// `TryFrom`. (serde's `Deserialize` for [`Block`], used natively, goes through it too.) Why not
/// serde's internally tagged enum: it buffers each block before choosing its variant, so an
/// error inside a block could only name the block (`body[3]`, not `body[3].alt`), and the
/// buffering machinery costs the wasm more than this struct. The compiler keeps the two in step:
/// `TryFrom` builds every variant from it.
#[derive(Deserialize, JsonSchema)]
struct RawBlock {
    #[serde(rename = "type")]
    kind: BlockKind,
    // `default` on every optional member: without it serde reads a missing `Option` through a
    // deserializer of its own, compiled once per field (~1 KB of wasm for these six).
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    lines: Option<Vec<String>>,
    #[serde(default)]
    lead: Option<String>,
    #[serde(default)]
    src: Option<String>,
    #[serde(default)]
    alt: Option<String>,
    #[serde(default)]
    caption: Option<String>,
}

#[derive(Deserialize, JsonSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum BlockKind {
    Paragraph,
    Heading,
    Verse,
    Lead,
    Image,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Self, String> {
        fn need<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("missing field `{field}` (required in a {kind} block)"))
        }
        Ok(match raw.kind {
            BlockKind::Paragraph => Block::Paragraph { text: need(raw.text, "text", "paragraph")? },
            BlockKind::Heading => Block::Heading { text: need(raw.text, "text", "heading")? },
            BlockKind::Verse => Block::Verse { lines: need(raw.lines, "lines", "verse")? },
            BlockKind::Lead => Block::Lead { lead: need(raw.lead, "lead", "lead")?, text: need(raw.text, "text", "lead")? },
            BlockKind::Image => {
                Block::Image { src: need(raw.src, "src", "image")?, alt: need(raw.alt, "alt", "image")?, caption: raw.caption }
            }
        })
    }
}

impl Block {
    /// The readable text of the block, for search, counting and metrics.
    pub fn text(&self) -> String {
        match self {
            Block::Paragraph { text } | Block::Heading { text } => text.clone(),
            Block::Verse { lines } => lines.join("\n"),
            Block::Lead { lead, text } => format!("{lead}{text}"),
            Block::Image { alt, caption, .. } => caption.clone().unwrap_or_else(|| alt.clone()),
        }
    }
}

/// The largest article file a reader opens: 4 MiB, twenty times a long feature with every
/// field filled. A larger file is refused with a clear error rather than frozen on.
pub const MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// The most body blocks an article may have (a long report has a few hundred).
pub const MAX_BLOCKS: usize = 10_000;

impl Article {
    /// Decodes and validates article JSON (at most [`MAX_ARTICLE_BYTES`]).
    ///
    /// ```
    /// use yuedu_core::Article;
    /// let err = Article::from_json(br#"{"format":"yuedu-article/1","id":"a"}"#).unwrap_err();
    /// assert!(err.to_string().contains("title"), "{err}");
    /// ```
    pub fn from_json(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() > MAX_ARTICLE_BYTES {
            // Tenths of a MiB in integers: float formatting would add kilobytes to the wasm.
            let tenths = bytes.len() * 10 / (1024 * 1024);
            return Err(DecodeError {
                kind: crate::error::DecodeErrorKind::Invalid,
                path: None,
                message: format!("the article file is {}.{} MB; at most {} MB is read", tenths / 10, tenths % 10, MAX_ARTICLE_BYTES >> 20),
            });
        }
        let article: Article = crate::json::from_slice(bytes)?;
        article.validate()?;
        Ok(article)
    }

    /// Pretty JSON as committed in corpora (stable field order, trailing newline).
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("an Article always serializes");
        s.push('\n');
        s
    }

    /// The parsed publication time (valid after [`Article::from_json`]).
    pub fn published_at(&self) -> Result<Timestamp, DecodeError> {
        Timestamp::parse_rfc3339(&self.published).map_err(|e| DecodeError::invalid("published", e.to_string()))
    }

    /// Checks what the types cannot: format tag, id shape, non-empty title and body,
    /// a real timestamp, and safe image URLs.
    pub fn validate(&self) -> Result<(), DecodeError> {
        if self.format.0 != ARTICLE_FORMAT {
            return Err(DecodeError::invalid("format", format!("is `{}`, this reader understands `{ARTICLE_FORMAT}`", self.format.0)));
        }
        validate_id(&self.id).map_err(|m| DecodeError::invalid("id", m))?;
        if self.title.trim().is_empty() {
            return Err(DecodeError::invalid("title", "is empty"));
        }
        self.published_at()?;
        if self.source.name.trim().is_empty() {
            return Err(DecodeError::invalid("source.name", "is empty"));
        }
        if let Some(url) = &self.source.url {
            if !is_http_url(url) {
                return Err(DecodeError::invalid("source.url", "must be an http(s) URL"));
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            validate_tag(tag).map_err(|m| DecodeError::invalid(format!("tags[{i}]"), m))?;
        }
        if self.body.is_empty() {
            return Err(DecodeError::invalid("body", "has no blocks"));
        }
        if self.body.len() > MAX_BLOCKS {
            return Err(DecodeError::invalid("body", format!("has {} blocks; at most {MAX_BLOCKS}", self.body.len())));
        }
        for (i, block) in self.body.iter().enumerate() {
            if let Block::Image { src, .. } = block {
                if !is_safe_src(src) {
                    return Err(DecodeError::invalid(format!("body[{i}].src"), "must be an http(s) URL or a relative path"));
                }
            }
        }
        Ok(())
    }

    /// Every readable character of the body, blocks separated by newlines.
    pub fn body_text(&self) -> String {
        self.body.iter().map(Block::text).collect::<Vec<_>>().join("\n")
    }
}

/// The badge a reader sees on content that is not real reporting: `示例` for the bundled sample
/// articles (source `yuedu 示例内容`), `合成` for synthetic ones; `None` for real sources.
///
/// ```
/// use yuedu_core::model::content_badge;
/// assert_eq!(content_badge("yuedu 示例内容"), Some("示例"));
/// assert_eq!(content_badge("yuedu 合成数据（synthetic）"), Some("合成"));
/// assert_eq!(content_badge("中国乡村振兴网"), None);
/// ```
pub fn content_badge(source: &str) -> Option<&'static str> {
    if source.contains("示例") {
        Some("示例")
    } else if source.contains("合成数据") {
        Some("合成")
    } else {
        None
    }
}

// The rules of `validate` as JSON Schema patterns, for the schema (crate::schema). They are
// written for JavaScript's and Rust's regex engines alike: `\s` and `\d` mean different things
// in the two, so whitespace is spelled out as Unicode's White_Space (what `char::is_whitespace`
// and `str::trim` use) and digits as `[0-9]`. tests/schema.rs fails if a rule here and its code
// ever disagree.
macro_rules! white_space {
    () => {
        r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}

/// [`validate_id`] as a JSON Schema pattern.
pub const ID_PATTERN: &str = r"^[A-Za-z0-9_-]{1,64}$";
/// Text that is not only whitespace (title, publisher).
pub const NOT_BLANK: &str = concat!("[^", white_space!(), "]");
/// RFC 3339 with seconds and an offset, as [`Timestamp::parse_rfc3339`] reads it (the schema's
/// `date-time` format adds the calendar check).
pub const RFC3339_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
/// [`validate_tag`]: 1 to 32 characters, not all blank, no leading `.`, no separators, escapes
/// or control characters.
pub const TAG_PATTERN: &str = concat!(r"^(?!\.)(?=[\s\S]*[^", white_space!(), r"])[^/\\?#%\p{Cc}]{1,32}$");
/// An http(s) URL without whitespace (`is_http_url`).
pub const HTTP_URL_PATTERN: &str = concat!("^[Hh][Tt][Tt][Pp][Ss]?://[^", white_space!(), "]*$");
/// `is_safe_src`: an http(s) URL, or a relative reference with no scheme before its first `/`,
/// `?` or `#` that is not protocol-relative; never whitespace or control characters.
pub const SAFE_SRC_PATTERN: &str = concat!(
    "^(?:[Hh][Tt][Tt][Pp][Ss]?://[^",
    white_space!(),
    r"\p{Cc}]*|(?!//)[^",
    white_space!(),
    r"\p{Cc}:/?#]*(?:[/?#][^",
    white_space!(),
    r"\p{Cc}]*)?)$"
);

/// Ids are path segments and file names: keep them boring.
pub fn validate_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty() || id.len() > 64 {
        return Err("must be 1 to 64 characters");
    }
    if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err("may only contain A-Z, a-z, 0-9, '-' and '_'");
    }
    Ok(())
}

/// Tags name files (`data/tags/<tag>.json`) and URL segments: no separators or escapes.
pub fn validate_tag(tag: &str) -> Result<(), &'static str> {
    if tag.trim().is_empty() || tag.chars().count() > 32 {
        return Err("must be 1 to 32 characters");
    }
    if tag.starts_with('.') || tag.chars().any(|c| c.is_control() || matches!(c, '/' | '\\' | '?' | '#' | '%')) {
        return Err("may not start with '.' or contain / \\ ? # % or control characters");
    }
    Ok(())
}

/// An http(s) URL without whitespace: what [`Article::validate`] accepts as `source.url`. Public so
/// that producers of articles (ingest) keep exactly what validation accepts.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_whitespace)
}

/// `http(s)` URLs and relative paths; never `javascript:`, `data:` or any other scheme: what
/// [`Article::validate`] accepts as an image's `src`.
pub fn is_safe_src(src: &str) -> bool {
    if src.is_empty() || src.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if is_http_url(src) {
        return true;
    }
    // Relative: no scheme before the first '/', '?' or '#', and not protocol-relative.
    let head = src.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !src.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        Article {
            id: "abc".into(),
            title: "标题".into(),
            published: "2023-12-07T15:58:54+08:00".into(),
            source: Source { name: "中国乡村振兴网".into(), url: None },
            authors: vec!["申万萍".into()],
            tags: vec!["协同振兴".into()],
            editors: vec![Editor { role: "责任编辑".into(), name: "朱峰".into() }],
            body: vec![
                Block::Paragraph { text: "正文。".into() },
                Block::Image { src: "img/a.jpg".into(), alt: "图".into(), caption: None },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn round_trips_through_json() {
        let a = sample();
        assert_eq!(Article::from_json(a.to_json_pretty().as_bytes()).unwrap(), a);
    }

    #[test]
    fn block_json_uses_type_tag() {
        let v = serde_json::to_value(Block::Lead { lead: "搭桥。".into(), text: "正文".into() }).unwrap();
        assert_eq!(v, serde_json::json!({"type": "lead", "lead": "搭桥。", "text": "正文"}));
    }

    #[test]
    fn names_the_path_of_a_wrong_type() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["body"][1]["alt"] = serde_json::json!(5);
        let err = Article::from_json(v.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("body[1].alt"), "{err}");
    }

    #[test]
    fn rejects_unknown_block_type_with_path() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["body"][0] = serde_json::json!({"type": "html", "html": "<b>x</b>"});
        let err = Article::from_json(v.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("body[0].type"), "{err}");
        assert!(err.to_string().contains("html"), "{err}");
    }

    #[test]
    fn names_the_block_missing_a_field() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["body"][1] = serde_json::json!({"type": "image", "src": "a.png"});
        let err = Article::from_json(v.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("body[1]"), "{err}");
        assert!(err.to_string().contains("`alt`"), "{err}");
    }

    #[test]
    fn refuses_oversized_articles_clearly() {
        let mut a = sample();
        a.body = vec![Block::Paragraph { text: "段".into() }; MAX_BLOCKS + 1];
        let err = Article::from_json(a.to_json_pretty().as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), format!("field `body` has {} blocks; at most {MAX_BLOCKS}", MAX_BLOCKS + 1));
        a.body.truncate(MAX_BLOCKS);
        assert!(Article::from_json(a.to_json_pretty().as_bytes()).is_ok(), "the limit itself is fine");
        a.body = vec![Block::Paragraph { text: "字".repeat(MAX_ARTICLE_BYTES / 3 + 10) }];
        let err = Article::from_json(a.to_json_pretty().as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "the article file is 4.0 MB; at most 4 MB is read");
    }

    #[test]
    fn rejects_dangerous_image_sources() {
        for src in ["javascript:alert(1)", "data:image/png;base64,xx", "//evil.example/x.png", "JaVaScRiPt:x", " x.png"] {
            let mut a = sample();
            a.body[1] = Block::Image { src: src.into(), alt: String::new(), caption: None };
            let err = Article::from_json(a.to_json_pretty().as_bytes()).unwrap_err();
            assert_eq!(err.path.as_deref(), Some("body[1].src"), "{src}: {err}");
        }
    }

    #[test]
    fn rejects_bad_ids_titles_times_and_formats() {
        type Break = fn(&mut Article);
        let cases: [(&str, Break); 7] = [
            ("id", |a| a.id = "../etc".into()),
            ("title", |a| a.title = "  ".into()),
            ("published", |a| a.published = "2023-12-07 15:58".into()),
            ("format", |a| a.format = Format("yuedu-article/2".into())),
            ("body", |a| a.body.clear()),
            ("source.url", |a| a.source.url = Some("javascript:alert(1)".into())),
            ("tags[0]", |a| a.tags = vec!["../x".into()]),
        ];
        for (path, break_it) in cases {
            let mut a = sample();
            break_it(&mut a);
            let err = Article::from_json(a.to_json_pretty().as_bytes()).unwrap_err();
            assert_eq!(err.path.as_deref(), Some(path), "{err}");
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        let err = Article::from_json(b"{\"format\": ").unwrap_err();
        assert!(err.path.is_none());
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
