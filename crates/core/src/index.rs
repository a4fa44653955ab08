//! What `yuedu index` writes, as pure pieces: the settings, the lists it writes feeds for
//! ([`FeedKind`]; every path is in [`crate::route`]), the tag and author lists, the sitemap's
//! XML, and the interface static pages are rendered through ([`PageRenderer`]). The CLI
//! (`crates/cli/src/index.rs`) keeps the state between runs, decides what changed and calls
//! these; feeds, related files and search shards come from [`crate::feed`],
//! [`crate::related`] and [`crate::search`].

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::feed::Feed;
use crate::route::{list_feed_stem, ListKind, Route, HOME_FEED_STEM};
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
        crate::json::from_slice(bytes)
    }
}

/// A list of articles the index writes a feed for: the home feed, a tag's, an author's.
/// Each is a list page of the app ([`list_route`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedKind {
    /// The home feed: every article.
    Home,
    /// A named list's feed (a tag's, an author's).
    List(ListKind),
}

/// URLs per sitemap part (the protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// The stem of a list's feed (paths in [`crate::route`]).
pub fn feed_stem(kind: FeedKind, name: &str) -> String {
    match kind {
        FeedKind::Home => HOME_FEED_STEM.to_owned(),
        FeedKind::List(kind) => list_feed_stem(kind, name),
    }
}

/// The app's page of a list: what its feed's `home_page_url`, the sitemap and the static pages
/// point at. Every list has one since author pages exist.
pub fn list_route(kind: FeedKind, name: &str) -> Route {
    match kind {
        FeedKind::Home => Route::HOME,
        FeedKind::List(kind) => Route::List { kind, name: name.to_owned(), page: 1 },
    }
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
    pub kind: FeedKind,
    /// The tag or author (empty for home).
    pub name: &'a str,
    pub page: u32,
    pub pages: u32,
    pub total: usize,
    /// The page's feed, as written to the data directory.
    pub feed: &'a Feed,
}

/// How `yuedu index --pages` renders static pages: the one interface between the index
/// (which decides *which* pages change) and the markup (the app's own components rendered
/// natively: the CLI's `pages.rs`). Each method returns the page with its path in the site
/// directory, or `None` when that kind of page has no static version.
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
        assert_eq!(feed_stem(FeedKind::Home, ""), "feed");
        assert_eq!(feed_stem(FeedKind::List(ListKind::Tag), "协同振兴"), "tags/协同振兴");
        assert_eq!(feed_stem(FeedKind::List(ListKind::Author), "李/明"), "authors/李%2F明");
        assert_eq!(list_route(FeedKind::List(ListKind::Tag), "协同振兴"), Route::tag("协同振兴"));
        assert_eq!(list_route(FeedKind::Home, ""), Route::HOME);
        let author = list_route(FeedKind::List(ListKind::Author), "李/明");
        assert_eq!(author.path().as_deref(), Some("author/%E6%9D%8E%2F%E6%98%8E"));
        assert_eq!(author.static_page().as_deref(), Some("author/李%2F明/index.html"));
    }
}
