//! HTML pages, parsed with html5ever (through `scraper`): the metadata Chinese news and government
//! sites publish — the standard `<meta>` tags of government sites (`ArticleTitle`, `PubDate`,
//! `ContentSource`, `ColumnName`, `Keywords`, `Author`, `Description`), schema.org `NewsArticle`
//! JSON-LD and OpenGraph — and the main content, found the way Readability-family extractors
//! find it: paragraphs score their parent and grandparent by their length and punctuation,
//! class and id names such as `TRS_Editor`, `content`, `article` add to a container's score and
//! `share`, `related`, `footer` subtract from it, and link-heavy containers lose. Inside the
//! content, headings stay headings, images become image blocks (their address resolved and
//! checked), and lines go through the same chrome and credit rules as text pages.
//!
//! A page without a title in its tags or an `<h1>` (a scraped page saved as HTML) is read as
//! text, line by line, with whatever its tags say filled in.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use yuedu_core::{model, Block};

use crate::meta;
use crate::{blocks, clean_line, text, Gathered, Page};

/// What the page's tags say (first found wins).
#[derive(Debug, Default)]
struct Tags {
    title: Option<String>,
    time: Option<String>,
    source: Option<String>,
    site_name: Option<String>,
    authors: Vec<String>,
    tags: Vec<String>,
    column: Option<String>,
    description: Option<String>,
    url: Option<String>,
    subtitle: Option<String>,
}

/// `<meta>` names and properties (lowercase) and the field each fills, in order of trust:
/// government sites' own tags first, then OpenGraph and the rest.
const META_TAGS: &[(&str, TagField)] = &[
    ("articletitle", TagField::Title),
    ("pubdate", TagField::Time),
    ("contentsource", TagField::Source),
    ("columnname", TagField::Column),
    ("keywords", TagField::Tags),
    ("author", TagField::Author),
    ("description", TagField::Description),
    ("og:title", TagField::Title),
    ("twitter:title", TagField::Title),
    ("article:published_time", TagField::Time),
    ("publishdate", TagField::Time),
    ("og:release_date", TagField::Time),
    ("dc.date", TagField::Time),
    ("og:site_name", TagField::SiteName),
    ("sitename", TagField::SiteName),
    ("article:author", TagField::Author),
    ("article:tag", TagField::Tags),
    ("article:section", TagField::Column),
    ("og:description", TagField::Description),
    ("og:url", TagField::Url),
    ("url", TagField::Url),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagField {
    Title,
    Time,
    Source,
    SiteName,
    Author,
    Tags,
    Column,
    Description,
    Url,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "button", "input", "textarea", "form", "nav",
    "aside", "footer", "head", "title",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "hr",
    "pre",
    "center",
    "figure",
    "figcaption",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// Class and id words of containers that hold the article, and of those that do not.
const POSITIVE: &[&str] = &[
    "trs_editor",
    "article",
    "content",
    "entry",
    "main",
    "post",
    "text",
    "body",
    "story",
    "detail",
    "zoom",
    "artibody",
    "con_txt",
    "news_txt",
];
/// Negative words match a class or id word by its start (`sidebar`, `share-box`, `footer`), and
/// words of up to three letters only whole (`ad`, `nav`, `hot`): `photo` is not `hot`, `inside`
/// not `side`, `header-ad` is `ad`.
const NEGATIVE: &[&str] = &[
    "comment",
    "footer",
    "foot",
    "nav",
    "menu",
    "sidebar",
    "side",
    "share",
    "related",
    "relate",
    "recommend",
    "hot",
    "rank",
    "banner",
    "breadcrumb",
    "crumb",
    "copyright",
    "print",
    "font",
    "toolbar",
    "login",
    "header",
    "pager",
    "pagination",
    "widget",
    "sponsor",
    "advert",
    "ad",
    "qrcode",
    "weixin",
    "wechat",
    "social",
    "tags",
    "position",
    "location",
];

/// One piece of the content, in reading order.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Line { text: String, centered: bool },
    Heading(String),
    Image { src: String, alt: String, caption: Option<String> },
}

/// Reads an HTML page.
pub(crate) fn read(page: &str, base_url: Option<&str>) -> Page {
    let doc = Html::parse_document(page);
    let tags = read_tags(&doc);
    let body = sel("body").and_then(|s| doc.select(&s).next()).unwrap_or_else(|| doc.root_element());
    // The headline's <h1>: the one the document title contains (a logo may be an <h1> too), else
    // the longest.
    let doc_title = sel("title").and_then(|s| doc.select(&s).next()).map(|t| squeeze(&text_of(t))).unwrap_or_default();
    let h1s: Vec<ElementRef<'_>> =
        sel("h1").map(|s| body.select(&s).filter(|h| !squeeze(&text_of(*h)).is_empty()).collect()).unwrap_or_default();
    let h1 = h1s
        .iter()
        .copied()
        .find(|h| doc_title.contains(&squeeze(&text_of(*h))) && squeeze(&text_of(*h)).chars().count() >= 4)
        .or_else(|| h1s.iter().copied().max_by_key(|h| squeeze(&text_of(*h)).chars().count()));
    let base = base_url.map(str::to_owned).or_else(|| base_href(&doc)).or_else(|| tags.url.clone());
    let title = tags.title.clone().or_else(|| h1.map(|h| squeeze(&text_of(h))));

    let Some(title) = title else {
        // A scraped page saved as HTML: read its lines as text.
        let lines = lines_of(&walk(body, false, base.as_deref()));
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut page = text::read_lines(&refs);
        fill(&mut page, tags);
        return page;
    };

    let content = main_content(body).unwrap_or(body);
    let pieces = walk(content, true, base.as_deref());
    let doc_lines = lines_of(&walk(body, false, None));
    let content_lines = lines_of(&pieces);
    let mut g = Gathered::default();
    // Labelled metadata above the content (来源:… 发布时间:…), credits just after it.
    let content_at = content_lines.first().and_then(|first| doc_lines.iter().position(|l| l == first)).unwrap_or(doc_lines.len());
    for line in &doc_lines[..content_at] {
        if meta::is_meta_line(line) && !meta::is_chrome(line) {
            g.read_line(line);
        }
    }
    let after = content_at + content_lines.len();
    for line in doc_lines.iter().skip(after).take(12).take_while(|l| !meta::ends_body(l)) {
        if meta::is_meta_line(line) {
            g.read_line(line);
        }
    }
    // A byline without a label: <span class="author">, rel="author", itemprop="author".
    if g.authors.is_empty() {
        if let Some(a) = sel(r#"[rel~="author"], [itemprop="author"], .author"#).and_then(|s| body.select(&s).next()) {
            g.add_authors(&meta::split_names(&squeeze(&text_of(a))));
        }
    }
    if let Some(h) = h1 {
        let (kicker, subtitle) = around_headline(h);
        g.kicker = g.kicker.take().or(kicker);
        g.subtitle = g.subtitle.take().or(subtitle);
    }
    let blocks = body_blocks(pieces, &title, &mut g);
    let mut page = g.into_page(Some(title), blocks);
    fill(&mut page, tags);
    page
}

/// Fills what the lines did not say from the tags (and the tags' source before the site name).
fn fill(page: &mut Page, tags: Tags) {
    page.title = page.title.take().or(tags.title);
    page.published = tags.time.or(page.published.take());
    page.source = tags.source.or(page.source.take()).or(tags.site_name);
    if !tags.authors.is_empty() {
        page.authors = tags.authors;
    }
    for tag in tags.tags {
        if !page.tags.contains(&tag) {
            page.tags.push(tag);
        }
    }
    page.column = tags.column;
    page.subtitle = page.subtitle.take().or(tags.subtitle);
    // The model's own test, so a page's URL is kept exactly when the article will validate.
    page.source_url = tags.url.filter(|u| model::is_http_url(u));
    if let Some(d) = tags.description.filter(|d| d.chars().count() >= 10 && Some(d) != page.title.as_ref()) {
        page.summary = Some(d);
    }
}

fn sel(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// Text of an element, whitespace folded (no child structure).
fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join("")
}

fn squeeze(s: &str) -> String {
    clean_line(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `<meta>` tags, the canonical link and JSON-LD, into [`Tags`].
fn read_tags(doc: &Html) -> Tags {
    let mut found: HashMap<&'static str, Vec<String>> = HashMap::new();
    if let Some(s) = sel("meta") {
        for m in doc.select(&s) {
            let e = m.value();
            let Some(key) = e.attr("name").or_else(|| e.attr("property")).or_else(|| e.attr("itemprop")) else { continue };
            let key = key.trim().to_ascii_lowercase();
            let Some(&(name, _)) = META_TAGS.iter().find(|(n, _)| *n == key) else { continue };
            let content = squeeze(e.attr("content").unwrap_or(""));
            if !content.is_empty() {
                found.entry(name).or_default().push(content);
            }
        }
    }
    let mut tags = Tags::default();
    let ld = json_ld(doc);
    // JSON-LD sits between the government tags and OpenGraph: fill from it before the rest.
    for &(name, field) in META_TAGS {
        if name == "og:title" {
            apply_ld(&mut tags, ld.as_ref());
        }
        for value in found.get(name).into_iter().flatten() {
            let slot = match field {
                TagField::Title => &mut tags.title,
                TagField::Time => &mut tags.time,
                TagField::Source => &mut tags.source,
                TagField::SiteName => &mut tags.site_name,
                TagField::Column => &mut tags.column,
                TagField::Description => &mut tags.description,
                TagField::Url => &mut tags.url,
                TagField::Author => {
                    if tags.authors.is_empty() && !value.starts_with("http") {
                        tags.authors = meta::split_names(value);
                    }
                    continue;
                }
                TagField::Tags => {
                    for t in value.split([',', '，', ';', '；', '、', '|']).map(str::trim).filter(|t| !t.is_empty()) {
                        if !tags.tags.iter().any(|x| x == t) && tags.tags.len() < 8 {
                            tags.tags.push(t.to_owned());
                        }
                    }
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(value.clone());
            }
        }
    }
    if let Some(link) = sel("link[rel=canonical]").and_then(|s| doc.select(&s).next()).and_then(|l| l.value().attr("href")) {
        tags.url = tags.url.take().or_else(|| Some(link.trim().to_owned()));
    }
    tags.source = tags.source.take().and_then(|s| meta::clean_source(&s));
    tags
}

/// The first schema.org article object in the page's JSON-LD (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, `BlogPosting`), also inside `@graph` or an array.
fn json_ld(doc: &Html) -> Option<Value> {
    let s = sel(r#"script[type="application/ld+json"]"#)?;
    fn find(v: Value) -> Option<Value> {
        match v {
            Value::Array(items) => items.into_iter().find_map(find),
            Value::Object(mut o) => {
                let is_article = |t: &Value| t.as_str().is_some_and(|t| t.ends_with("Article") || t == "BlogPosting");
                let typed = match o.get("@type") {
                    Some(Value::Array(ts)) => ts.iter().any(is_article),
                    Some(t) => is_article(t),
                    None => false,
                };
                if typed {
                    return Some(Value::Object(o));
                }
                o.remove("@graph").and_then(find)
            }
            _ => None,
        }
    }
    doc.select(&s).find_map(|script| serde_json::from_str(&text_of(script)).ok().and_then(find))
}

fn apply_ld(tags: &mut Tags, ld: Option<&Value>) {
    let Some(ld) = ld else { return };
    let str_of = |v: &Value| v.as_str().map(squeeze).filter(|s| !s.is_empty());
    let name_of = |v: &Value| str_of(v).or_else(|| v.get("name").and_then(str_of));
    tags.title = tags.title.take().or_else(|| ld.get("headline").and_then(str_of));
    tags.subtitle = tags.subtitle.take().or_else(|| ld.get("alternativeHeadline").and_then(str_of));
    tags.time = tags.time.take().or_else(|| ld.get("datePublished").and_then(str_of));
    tags.site_name = tags.site_name.take().or_else(|| ld.get("publisher").and_then(name_of));
    tags.description = tags.description.take().or_else(|| ld.get("description").and_then(str_of));
    tags.column = tags.column.take().or_else(|| ld.get("articleSection").and_then(str_of));
    tags.url = tags.url.take().or_else(|| ld.get("url").and_then(str_of));
    if tags.authors.is_empty() {
        match ld.get("author") {
            Some(Value::Array(list)) => tags.authors = list.iter().filter_map(name_of).collect(),
            Some(one) => tags.authors = name_of(one).map(|n| meta::split_names(&n)).unwrap_or_default(),
            None => {}
        }
    }
    match ld.get("keywords") {
        Some(Value::Array(list)) => tags.tags.extend(list.iter().filter_map(str_of)),
        Some(Value::String(s)) => tags.tags.extend(s.split([',', '，']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)),
        _ => {}
    }
}

fn base_href(doc: &Html) -> Option<String> {
    sel("base[href]").and_then(|s| doc.select(&s).next()).and_then(|b| b.value().attr("href")).map(str::to_owned)
}

/// Class and id of an element, lowercase.
fn names_of(e: &scraper::node::Element) -> String {
    format!("{} {}", e.attr("class").unwrap_or(""), e.id().unwrap_or("")).to_ascii_lowercase()
}

fn class_weight(e: &scraper::node::Element) -> f64 {
    let names = names_of(e);
    let mut w = 0.0;
    if names.contains("trs_editor") {
        w += 50.0;
    }
    if POSITIVE.iter().any(|p| names.contains(p)) {
        w += 25.0;
    }
    // Short words (ad, nav, hot) must be the whole word.
    let negative = |word: &str| NEGATIVE.iter().any(|n| if n.len() <= 3 { word == *n } else { word.starts_with(n) });
    if names.split(|c: char| !c.is_ascii_alphanumeric()).any(negative) {
        w -= 25.0;
    }
    w
}

/// The element that holds the article text (Readability's candidate scoring).
fn main_content(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let base = |e: ElementRef<'_>| {
        let tag_bonus = match e.value().name() {
            "div" | "article" | "section" | "main" => 5.0,
            "td" | "pre" | "blockquote" => 3.0,
            "ol" | "ul" | "dl" | "form" => -3.0,
            _ => 0.0,
        };
        tag_bonus + class_weight(e.value())
    };
    for e in body.descendent_elements() {
        if !matches!(e.value().name(), "p" | "td" | "pre" | "div" | "section" | "article" | "font" | "span") {
            continue;
        }
        // Text directly in this element (not in child blocks): a paragraph's own words.
        let own: String = e
            .children()
            .filter_map(|c| match c.value() {
                Node::Text(t) => Some(t.to_string()),
                Node::Element(el) if !BLOCKS.contains(&el.name()) => ElementRef::wrap(c).map(text_of),
                _ => None,
            })
            .collect();
        let own = squeeze(&own);
        let n = own.chars().count();
        if n < 20 {
            continue;
        }
        let score = 1.0 + own.matches(['，', ',', '。', '、']).count() as f64 + (n as f64 / 100.0).min(3.0);
        let mut weight = 1.0;
        for ancestor in e.ancestors().filter_map(ElementRef::wrap).take(3) {
            if SKIPPED.contains(&ancestor.value().name()) {
                break;
            }
            let entry = scores.entry(ancestor.id()).or_insert_with(|| base(ancestor));
            *entry += score * weight;
            weight /= 2.0;
        }
        // A <p> (or <div>) with text is itself a container for the next level up.
        if e.value().name() != "p" {
            *scores.entry(e.id()).or_insert_with(|| base(e)) += score;
        }
    }
    let tree = body.tree();
    scores
        .into_iter()
        .filter_map(|(id, score)| {
            let e = ElementRef::wrap(tree.get(id)?)?;
            Some((e, score * (1.0 - link_density(e))))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.id().cmp(&a.0.id())))
        .map(|(e, _)| e)
}

/// The share of an element's text that is inside links.
fn link_density(e: ElementRef<'_>) -> f64 {
    let all = text_of(e).chars().filter(|c| !c.is_whitespace()).count().max(1);
    let linked: usize = sel("a").map_or(0, |a| e.select(&a).map(|l| text_of(l).chars().filter(|c| !c.is_whitespace()).count()).sum());
    linked as f64 / all as f64
}

/// A short heading-like sibling right above the `<h1>` (引题) and below it (副题).
fn around_headline(h1: ElementRef<'_>) -> (Option<String>, Option<String>) {
    const HINTS: &[&str] =
        &["kicker", "yt", "pretitle", "pre-title", "subtitle", "sub-title", "subtit", "fbt", "ftitle", "title2", "sub_title"];
    let pick = |e: Option<ElementRef<'_>>| {
        let e = e?;
        let name = e.value().name();
        let hinted =
            HINTS.iter().any(|h| names_of(e.value()).split(|c: char| !c.is_alphanumeric() && c != '_' && c != '-').any(|w| w == *h));
        let text = squeeze(&text_of(e));
        let ok = (matches!(name, "h2" | "h3" | "h4" | "h5" | "h6") || hinted)
            && !text.is_empty()
            && text.chars().count() <= 60
            && !meta::is_meta_line(&text)
            && !meta::is_chrome(&text);
        ok.then(|| text.trim_start_matches(['—', '-']).trim().to_owned())
    };
    let prev = h1.prev_siblings().filter_map(ElementRef::wrap).next();
    let next = h1.next_siblings().filter_map(ElementRef::wrap).next();
    (pick(prev), pick(next))
}

/// Walks an element into pieces. With `content`, chrome containers (share bars, related lists,
/// breadcrumbs) are skipped and images kept; without, every line of the page is kept.
fn walk(root: ElementRef<'_>, content: bool, base: Option<&str>) -> Vec<Piece> {
    let mut w = Walker { pieces: Vec::new(), line: String::new(), centered: false, content, base };
    w.element(root);
    w.flush();
    w.pieces
}

struct Walker<'a> {
    pieces: Vec<Piece>,
    line: String,
    centered: bool,
    content: bool,
    base: Option<&'a str>,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let text = clean_line(&self.line.split_whitespace().collect::<Vec<_>>().join(" "));
        if !text.is_empty() {
            self.pieces.push(Piece::Line { text, centered: self.centered });
        }
        self.line.clear();
    }

    fn element(&mut self, e: ElementRef<'_>) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(el) => {
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    let name = el.name();
                    if SKIPPED.contains(&name) || (self.content && class_weight(el) < 0.0 && !names_of(el).contains("trs_editor")) {
                        continue;
                    }
                    match name {
                        "br" | "hr" => self.flush(),
                        "img" => {
                            if let Some(image) = self.image(el) {
                                self.flush();
                                self.pieces.push(image);
                            }
                        }
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.content => {
                            self.flush();
                            let text = squeeze(&text_of(child));
                            if !text.is_empty() {
                                self.pieces.push(Piece::Heading(text));
                            }
                        }
                        "figcaption" if self.content => {
                            self.flush();
                            let caption = squeeze(&text_of(child));
                            if let Some(Piece::Image { caption: slot @ None, .. }) = self.pieces.last_mut() {
                                if !caption.is_empty() {
                                    *slot = Some(caption);
                                }
                            }
                        }
                        _ if BLOCKS.contains(&name) => {
                            self.flush();
                            let was = self.centered;
                            self.centered = is_centered(el);
                            self.element(child);
                            self.flush();
                            self.centered = was;
                        }
                        _ => self.element(child),
                    }
                }
                _ => {}
            }
        }
    }

    /// An image block, if its address is safe: http(s), or relative (resolved against the base
    /// when there is one). `javascript:`, `data:` and other schemes are dropped.
    fn image(&self, el: &scraper::node::Element) -> Option<Piece> {
        if !self.content {
            return None;
        }
        let src = ["src", "data-src", "data-original"]
            .iter()
            .filter_map(|a| el.attr(a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.to_ascii_lowercase().starts_with("data:"))?;
        let src = resolve(src, self.base)?;
        let alt = squeeze(el.attr("alt").or_else(|| el.attr("title")).unwrap_or(""));
        Some(Piece::Image { src, alt, caption: None })
    }
}

fn is_centered(el: &scraper::node::Element) -> bool {
    let style = el.attr("style").unwrap_or("").to_ascii_lowercase();
    el.name() == "center" || el.attr("align").is_some_and(|a| a.eq_ignore_ascii_case("center")) || style.contains("center")
}

/// An image address made absolute against `base` where it is relative; `None` for a scheme
/// other than http(s).
fn resolve(src: &str, base: Option<&str>) -> Option<String> {
    let lower = src.to_ascii_lowercase();
    let scheme = lower.split(['/', '?', '#']).next().unwrap_or("").contains(':');
    if scheme && !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let resolved = match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(base) => base.join(src).ok()?.to_string(),
        None if src.starts_with("//") => format!("https:{src}"),
        None => src.to_owned(),
    };
    model::is_safe_src(&resolved).then_some(resolved)
}

fn lines_of(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Line { text, .. } | Piece::Heading(text) => Some(text.clone()),
            Piece::Image { .. } => None,
        })
        .collect()
}

/// Content pieces into blocks: metadata lines read and dropped, chrome dropped, the body ended
/// by a related list or footer, captions attached to their images (a centred line right under
/// an image) and never repeated as paragraphs, the headline not repeated.
fn body_blocks(pieces: Vec<Piece>, title: &str, g: &mut Gathered) -> Vec<Block> {
    let mut kept: Vec<Piece> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Line { text, centered } => {
                if meta::ends_body(&text) {
                    break;
                }
                if meta::is_meta_line(&text) && !text.contains('。') {
                    g.read_line(&text);
                    continue;
                }
                if meta::is_chrome(&text) || text == title || Some(&text) == g.kicker.as_ref() || Some(&text) == g.subtitle.as_ref() {
                    continue;
                }
                if let Some(Piece::Image { caption, alt, .. }) = kept.last_mut() {
                    if text == *alt || caption.as_ref() == Some(&text) {
                        continue;
                    }
                    if caption.is_none() && centered && text.chars().count() <= 80 && !text.ends_with('。') {
                        *caption = Some(text);
                        continue;
                    }
                }
                kept.push(Piece::Line { text, centered });
            }
            Piece::Heading(text) if text == title || meta::is_chrome(&text) => {}
            Piece::Heading(text) if meta::ends_body(&text) => break,
            other => kept.push(other),
        }
    }
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut first_text = true;
    let mut lines_then = |run: &mut Vec<&str>, out: &mut Vec<Block>, g: &mut Gathered| {
        if run.is_empty() {
            return;
        }
        out.extend(blocks::to_blocks(text::body_lines(std::mem::take(run), g, first_text)));
        first_text = false;
    };
    for piece in &kept {
        match piece {
            Piece::Line { text, .. } => run.push(text),
            Piece::Heading(text) => {
                lines_then(&mut run, &mut out, g);
                out.push(Block::Heading { text: text.clone() });
            }
            Piece::Image { src, alt, caption } => {
                lines_then(&mut run, &mut out, g);
                let alt = if alt.is_empty() { caption.clone().unwrap_or_default() } else { alt.clone() };
                out.push(Block::Image { src: src.clone(), alt, caption: caption.clone() });
            }
        }
    }
    lines_then(&mut run, &mut out, g);
    out
}
