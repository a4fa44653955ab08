//! Ingest for yuedu: a news page as a publisher has it — scraped text, or a saved HTML page —
//! into an [`Article`].
//!
//! [`read_page`] reads what the page says into a [`Page`]: title, kicker (引题) and subtitle (副题),
//! time, source, people, tags, and the body as typed blocks with the site's chrome dropped.
//! [`Page::into_article`] then checks that the article has what it needs, naming what is
//! missing (`no publication time: …`), and [`IngestOptions`] supply or override what a page
//! lacks. Text pages are read line by line (`text.rs`); HTML pages with a real HTML parser
//! (`html.rs`, html5ever through `scraper`), which is why ingest is a crate of its own: the wasm
//! app never ingests and must not link a parser.

mod blocks;
mod html;
mod meta;
mod text;

use std::borrow::Cow;

use yuedu_core::model::{validate_id, Article, Block, Editor, Source};

pub use meta::parse_cn_datetime;

/// Why a page could not be turned into an article; each names what is missing and how to
/// supply it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("no title: expected the headline above the metadata (`时间:…来源:…`), or `<meta name=\"ArticleTitle\">`, `og:title` or an <h1> in HTML")]
    NoTitle,
    #[error("no publication time: expected `时间:2023-12-07 15:58:54`, `发布时间:…`, a date line under the title, or `PubDate`/`article:published_time` in HTML (or pass --published)")]
    NoTime,
    #[error("the time `{0}` is not a date like 2023-12-07 15:58:54")]
    BadTime(String),
    #[error("no source: expected `来源:…` (or 文章来源/信息来源/稿源) in the metadata, or `ContentSource`/`og:site_name` in HTML (or pass --source)")]
    NoSource,
    #[error("no article body: nothing but metadata and site chrome was found")]
    NoBody,
    #[error("invalid article id `{id}`: {reason}")]
    BadId { id: String, reason: &'static str },
    #[error("not UTF-8 text{0}; convert it first, e.g. `iconv -f GB18030 -t UTF-8`")]
    Encoding(String),
}

/// What a publisher supplies or overrides on the command line.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The article id; when `None` one is derived from the title and time (stable across runs).
    pub id: Option<String>,
    /// The source, replacing any the page names.
    pub source: Option<String>,
    /// The publication time (any form [`parse_cn_datetime`] reads), replacing the page's.
    pub published: Option<String>,
    /// Authors, replacing the page's.
    pub authors: Vec<String>,
    /// The URL relative image addresses are resolved against (default: the page's canonical
    /// URL or `<base href>`, if it has one).
    pub base_url: Option<String>,
}

/// What a page says, before it is checked as an article: every field an [`Article`] has
/// ([`Page::into_article`] passes them on), plus the site's column (栏目, `ColumnName`), which the
/// article format does not carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// 引题: the short line above the headline.
    pub kicker: Option<String>,
    /// 副题: the line below the headline.
    pub subtitle: Option<String>,
    /// The time as the page writes it.
    pub published: Option<String>,
    pub source: Option<String>,
    /// The page's own URL (canonical link or `og:url`), when it is http(s).
    pub source_url: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<Editor>,
    pub tags: Vec<String>,
    pub column: Option<String>,
    /// The page's own description (`<meta name="Description">`), else the first paragraph.
    pub summary: Option<String>,
    pub body: Vec<Block>,
}

/// Decodes a page's bytes: UTF-8 as given; an HTML page that is not UTF-8 but declares its
/// charset (`<meta charset="gbk">`, GB2312, GB18030, Big5 …, as older government sites do) is
/// decoded from it; anything else is refused with advice.
///
/// ```
/// let gbk = b"<html><head><meta charset=\"gbk\"></head><body>\xd6\xd0\xce\xc4</body></html>";
/// assert!(yuedu_ingest::decode(gbk).unwrap().contains("中文"));
/// assert!(yuedu_ingest::decode(b"\xd6\xd0\xce\xc4").is_err());
/// ```
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, IngestError> {
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text))),
        Err(e) => e,
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let label = head
        .split("charset=")
        .nth(1)
        .map(|rest| rest.trim_start_matches(['"', '\'']).split(['"', '\'', ';', ' ', '>', '/']).next().unwrap_or(""));
    let Some(encoding) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) else {
        return Err(IngestError::Encoding(format!(" (invalid at byte {}) and declares no charset", utf8_error.valid_up_to())));
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(IngestError::Encoding(format!(": not valid {} either", encoding.name())));
    }
    Ok(Cow::Owned(text.into_owned()))
}

/// Reads a page (text or HTML) into a [`Page`], with the options' values in place of the page's.
pub fn read_page(page: &str, options: &IngestOptions) -> Page {
    let mut found = if looks_like_html(page) { html::read(page, options.base_url.as_deref()) } else { text::read(page) };
    if let Some(source) = &options.source {
        found.source = Some(source.clone());
    }
    if let Some(published) = &options.published {
        found.published = Some(published.clone());
    }
    if !options.authors.is_empty() {
        found.authors = options.authors.clone();
    }
    found
}

/// Turns a scraped page into an article: [`read_page`] then [`Page::into_article`].
///
/// ```
/// use yuedu_ingest::{ingest_page, IngestOptions};
/// let page = "口号\n标题在此\n时间:2023-12-07 15:58:54来源:示例网作者:甲 乙\n第一段正文。\n责任编辑朱峰\n标签协同振兴\n推荐阅读";
/// let a = ingest_page(page, &IngestOptions::default()).unwrap();
/// assert_eq!(a.title, "标题在此");
/// assert_eq!(a.published, "2023-12-07T15:58:54+08:00");
/// assert_eq!(a.authors, ["甲", "乙"]);
/// assert_eq!(a.tags, ["协同振兴"]);
/// assert_eq!(a.body.len(), 1);
/// ```
pub fn ingest_page(page: &str, options: &IngestOptions) -> Result<Article, IngestError> {
    read_page(page, options).into_article(options.id.as_deref())
}

impl Page {
    /// The article, if the page has what one needs: a title, a time, a source and a body. The
    /// id is `id`, else derived from title and time.
    pub fn into_article(self, id: Option<&str>) -> Result<Article, IngestError> {
        let title = self.title.filter(|t| !t.trim().is_empty()).ok_or(IngestError::NoTitle)?;
        let time = self.published.ok_or(IngestError::NoTime)?;
        let published = parse_cn_datetime(&time).ok_or(IngestError::BadTime(time))?.to_string();
        let source = self.source.filter(|s| !s.trim().is_empty()).ok_or(IngestError::NoSource)?;
        if self.body.is_empty() {
            return Err(IngestError::NoBody);
        }
        let id = id.map_or_else(|| derive_id(&title, &published), str::to_owned);
        validate_id(&id).map_err(|reason| IngestError::BadId { id: id.clone(), reason })?;
        let tags = self.tags.into_iter().filter(|t| yuedu_core::model::validate_tag(t).is_ok()).collect();
        Ok(Article {
            id,
            summary: self.summary.or_else(|| blocks::summarize(&self.body)),
            title,
            published,
            source: Source { name: source, url: self.source_url },
            kicker: self.kicker,
            subtitle: self.subtitle,
            authors: self.authors,
            tags,
            editors: self.editors,
            body: self.body,
            ..Default::default()
        })
    }
}

/// A stable 16-hex-digit id from the title and publication time (FNV-1a, 64 bit).
pub fn derive_id(title: &str, published: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in published.bytes().chain([0]).chain(title.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn looks_like_html(page: &str) -> bool {
    let head: String = page.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") || head.contains("<head")
}

/// What the readers gather while reading lines: first values win, people accumulate once each.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    /// A labelled time (发布时间:…, or glued to a source).
    pub time: Option<String>,
    /// A date opening a line: used only when no label gives the time (a portal header's
    /// "2024年1月5日 星期五" is today, not the article's time).
    pub bare_time: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<Editor>,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub tags: Vec<String>,
}

impl Gathered {
    /// Reads a metadata line (see [`meta::is_meta_line`]).
    pub(crate) fn read_line(&mut self, line: &str) {
        let line = line.trim_start_matches(['【', '[', '(', '（']).trim_end_matches(['】', ']', ')', '）']);
        if let Some((label, field, value)) = meta::bare_credit(line).filter(|_| meta::split_labels(line).is_empty()) {
            self.add(field, label, value);
            return;
        }
        if let Some((start, end)) = meta::find_date(line).filter(|&(start, _)| start == 0) {
            self.bare_time.get_or_insert_with(|| line[start..end].to_owned());
        }
        for l in meta::split_labels(line) {
            self.add(l.field, l.label, l.value);
        }
    }

    fn add(&mut self, field: meta::Field, label: &'static str, value: &str) {
        use meta::Field;
        // 来源:人民日报2022-09-21 09:38: a time glued to the value.
        let value = match meta::find_date(value) {
            Some((start, end)) if field != Field::Time => {
                self.time.get_or_insert_with(|| value[start..end].to_owned());
                value[..start].trim()
            }
            _ => value,
        };
        match field {
            Field::Time => {
                if let Some((start, end)) = meta::find_date(value) {
                    self.time.get_or_insert_with(|| value[start..end].to_owned());
                } else if !value.is_empty() && self.time.is_none() {
                    self.time = Some(value.to_owned());
                }
            }
            Field::Source => {
                if self.source.is_none() {
                    self.source = meta::clean_source(value);
                }
            }
            Field::Author => self.add_authors(&meta::split_names(value)),
            Field::Editor => self.add_editors(label, value),
            Field::Kicker => set_once(&mut self.kicker, value),
            Field::Subtitle => set_once(&mut self.subtitle, value),
            Field::Tags => {
                for tag in value.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '|')) {
                    if !tag.is_empty() && !self.tags.iter().any(|t| t == tag) {
                        self.tags.push(tag.to_owned());
                    }
                }
            }
            Field::Chrome => {}
        }
    }

    pub(crate) fn add_authors(&mut self, names: &[String]) {
        for name in names {
            if !self.authors.contains(name) {
                self.authors.push(name.clone());
            }
        }
    }

    pub(crate) fn add_editors(&mut self, role: &str, value: &str) {
        for name in meta::split_names(value) {
            if !self.editors.iter().any(|e| e.role == role && e.name == name) {
                self.editors.push(Editor { role: role.to_owned(), name });
            }
        }
    }

    /// The gathered fields in a [`Page`] whose title and body the reader found.
    pub(crate) fn into_page(self, title: Option<String>, body: Vec<Block>) -> Page {
        Page {
            title,
            kicker: self.kicker,
            subtitle: self.subtitle,
            published: self.time.or(self.bare_time),
            source: self.source,
            authors: self.authors,
            editors: self.editors,
            tags: self.tags,
            body,
            ..Page::default()
        }
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() && !value.trim().is_empty() {
        *slot = Some(value.trim().to_owned());
    }
}

/// Trims a line and folds runs of spaces (including no-break spaces, which scrapes carry as
/// layout residue) into one space.
pub(crate) fn clean_line(line: &str) -> String {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        let c = if matches!(c, '\u{a0}' | '\t') { ' ' } else { c };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}
