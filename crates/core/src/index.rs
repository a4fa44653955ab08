//! What `yuedu index` writes, as pure pieces: the settings, every output path (one function
//! each, so the file layout is written once), the tag and author lists, the sitemap's XML, and
//! the interface static pages are rendered through ([`PageRenderer`]). The CLI
//! (`crates/cli/src/index.rs`) keeps the state between runs, decides what changed and calls
//! these; feeds, related files and search shards come from [`crate::feed`],
//! [`crate::related`] and [`crate::search`].

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::feed::FeedItem;
use crate::json::{self, list, object, string, unsigned, Parser, Path};
use crate::route::{percent_encode, Route};
use crate::Article;

/// Settings for an index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Feed title.
    pub title: String,
    /// The app's URL prefix (`/`, `https://example.org/reader/`). When it is absolute, an
    /// oEmbed document is written for every article (`oembed/<id>.json`) and the sitemap has
    /// absolute URLs.
    pub site: String,
    /// Items per feed page.
    pub page_size: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions { title: "阅读 yuedu".into(), site: "/".into(), page_size: 10 }
    }
}

/// One file to write, relative to the directory it belongs in.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub path: String,
    pub json: String,
}

/// The tag list (`tags.json`): every tag with its article count, most used first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagList {
    pub tags: Vec<TagEntry>,
}

/// The author list (`authors.json`), like [`TagList`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorList {
    pub authors: Vec<TagEntry>,
}

/// One tag (or author) in [`TagList`] / [`AuthorList`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagEntry {
    pub name: String,
    pub count: usize,
    /// The newest article's publication time.
    pub latest: String,
}

impl TagList {
    /// Decodes a tag list from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<TagList, DecodeError> {
        json::document(bytes, |p, path| {
            let mut tag_list = TagList { tags: Vec::new() };
            object(p, path, &[("tags", true)], &mut |_, p, path| {
                tag_list.tags = list(p, path, TagEntry::decode)?;
                Ok(())
            })?;
            Ok(tag_list)
        })
    }
}

impl TagEntry {
    fn decode(p: &mut Parser<'_>, path: &Path<'_>) -> Result<TagEntry, DecodeError> {
        let mut tag = TagEntry { name: String::new(), count: 0, latest: String::new() };
        object(p, path, &[("name", true), ("count", true), ("latest", true)], &mut |i, p, path| {
            match i {
                0 => tag.name = string(p, path)?,
                1 => tag.count = usize::try_from(unsigned(p, path, usize::MAX as u64, "usize")?).unwrap_or(usize::MAX),
                _ => tag.latest = string(p, path)?,
            }
            Ok(())
        })?;
        Ok(tag)
    }
}

/// A list of articles the index writes a feed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKind {
    Home,
    Tag,
    Author,
}

/// The stem of the home feed: `feed` (files `feed.json`, `feed/<k>.json`).
pub const HOME_FEED_STEM: &str = "feed";
/// The tag list and the author list.
pub const TAGS_PATH: &str = "tags.json";
pub const AUTHORS_PATH: &str = "authors.json";
/// The search manifest.
pub const SEARCH_PATH: &str = "search.json";
/// The sitemap index, and URLs per sitemap part (the protocol's limit).
pub const SITEMAP_PATH: &str = "sitemap.xml";
pub const SITEMAP_URLS: usize = 50_000;

/// The stem of a tag's feed: `tags/<name>` (files `tags/<name>.json`, `tags/<name>/<k>.json`).
pub fn tag_feed_stem(tag: &str) -> String {
    format!("tags/{tag}")
}

/// The stem of an author's feed: `authors/<name>`, with the characters a file name or URL
/// segment cannot hold (`/ \ ? # %`, control characters, a leading `.`) written as `%XX`
/// (author names are free text, unlike tags).
///
/// ```
/// use yuedu_core::index::author_feed_stem;
/// assert_eq!(author_feed_stem("李明"), "authors/李明");
/// assert_eq!(author_feed_stem("../a/b%"), "authors/%2E.%2Fa%2Fb%25");
/// ```
pub fn author_feed_stem(name: &str) -> String {
    let mut out = String::from("authors/");
    for (i, c) in name.chars().enumerate() {
        if matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_control() || (i == 0 && c == '.') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The stem of a list's feed.
pub fn feed_stem(kind: ListKind, name: &str) -> String {
    match kind {
        ListKind::Home => HOME_FEED_STEM.to_owned(),
        ListKind::Tag => tag_feed_stem(name),
        ListKind::Author => author_feed_stem(name),
    }
}

/// The app's path of a list page (relative to the site): ``, `tag/<name>`, `author/<name>`.
/// (`author/<name>` is the app's author page, which issue 16 adds to `Route`.)
pub fn list_route_path(kind: ListKind, name: &str) -> String {
    match kind {
        ListKind::Home => Route::HOME.path().unwrap_or_default(),
        ListKind::Tag => Route::tag(name).path().unwrap_or_default(),
        ListKind::Author => format!("author/{}", percent_encode(name)),
    }
}

/// Where an article's related-articles file lives: `related/<id>.json`.
pub fn related_path(id: &str) -> String {
    format!("related/{id}.json")
}

/// Where an article's JSON lives: `articles/<id>.json`.
pub fn article_path(id: &str) -> String {
    format!("articles/{id}.json")
}

/// A sitemap part: `sitemap/articles-<k>.xml` (articles, oldest first) or
/// `sitemap/lists-<k>.xml` (tag and author pages).
pub fn sitemap_part_path(articles: bool, k: usize) -> String {
    format!("sitemap/{}-{k}.xml", if articles { "articles" } else { "lists" })
}

/// A `<urlset>` of `(loc, lastmod)` (sitemaps.org 0.9), text escaped.
pub fn sitemap_urlset(urls: &[(String, Option<String>)]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in urls {
        xml.push_str("<url><loc>");
        xml.push_str(&crate::embed::escape_html(loc));
        xml.push_str("</loc>");
        if let Some(m) = lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&crate::embed::escape_html(m));
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// A `<sitemapindex>` of the parts' URLs.
pub fn sitemap_index(parts: &[String]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for loc in parts {
        xml.push_str("<sitemap><loc>");
        xml.push_str(&crate::embed::escape_html(loc));
        xml.push_str("</loc></sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// A list page to render statically: page `page` of `pages` of a list of `total` articles.
#[derive(Debug, Clone, Copy)]
pub struct ListPage<'a> {
    pub kind: ListKind,
    /// The tag or author (empty for home).
    pub name: &'a str,
    pub page: u32,
    pub pages: u32,
    pub total: usize,
    /// The page's items, newest first.
    pub items: &'a [FeedItem],
}

/// How `yuedu index --pages` renders static pages: the one interface between the index
/// (which decides *which* pages change) and the markup (today `crate::page`'s templates; the
/// same components as the app once they render on the server). Each method returns the page
/// with its path in the site directory, or `None` when that kind of page has no static
/// version.
pub trait PageRenderer: Sync {
    /// Changes whenever the markup of the pages would (a new shell, a new renderer): the index
    /// then renders every page again.
    fn fingerprint(&self) -> u64;
    /// The page of one article.
    fn article(&self, a: &Article) -> Option<Output>;
    /// A page of a list (home, a tag, an author).
    fn list(&self, page: &ListPage<'_>) -> Option<Output>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemaps_escape_their_urls() {
        let xml = sitemap_urlset(&[("https://e.org/tag/a&b".into(), Some("2024-01-01T00:00:00Z".into()))]);
        assert!(xml.contains("<url><loc>https://e.org/tag/a&amp;b</loc><lastmod>2024-01-01T00:00:00Z</lastmod></url>"));
        assert!(sitemap_index(&["https://e.org/sitemap/articles-1.xml".into()])
            .contains("<sitemap><loc>https://e.org/sitemap/articles-1.xml</loc></sitemap>"));
    }

    #[test]
    fn list_paths() {
        assert_eq!(feed_stem(ListKind::Home, ""), "feed");
        assert_eq!(feed_stem(ListKind::Tag, "协同振兴"), "tags/协同振兴");
        assert_eq!(list_route_path(ListKind::Tag, "协同振兴"), "tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4");
        assert_eq!(list_route_path(ListKind::Author, "李 明"), "author/%E6%9D%8E%20%E6%98%8E");
        assert_eq!(list_route_path(ListKind::Home, ""), "");
    }
}
