//! The app's routes as data, and the registry of every path that belongs to one: parsing a URL
//! into a [`Route`] and writing it back ([`Route::path`]), where its static page is written
//! ([`Route::static_page`]), and which data file it shows ([`Route::data_path`],
//! [`Route::feed`]). The app, the static pages and `yuedu index` all take paths from here, so a
//! page's URL scheme is written once and tested natively.

use crate::embed::EmbedOptions;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`, `/?page=2`: the latest articles.
    Home { page: u32 },
    /// `/tag/<name>`, `/author/<name>` (`?page=2`): the articles with that tag, by that author
    /// (the name percent-decoded).
    List { kind: ListKind, name: String, page: u32 },
    /// `/tags`
    Tags,
    /// `/saved`: the articles saved for offline reading.
    Saved,
    /// `/search?q=…`: search over titles, tags and summaries (`q` decoded, `+` as a space).
    Search { q: String },
    /// `/article/<id>`
    Article(String),
    /// `/embed/article/<id>`, `/embed/tag/<name>`, `/embed/author/<name>`: compact views for
    /// partner iframes, with their options from the query (see [`crate::embed`]).
    Embed { target: EmbedTarget, options: EmbedOptions },
    /// Anything else.
    NotFound,
}

/// The named lists of articles: each has a URL segment (`tag/<name>`), a data directory for its
/// feeds (`tags/<name>.json`, archive chunks `tags/<name>/<k>.json`) and a title in the interface strings. Adding
/// one is a variant and a row of [`ListKind::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKind {
    Tag,
    Author,
}

impl ListKind {
    /// Every kind with its URL segment and data directory.
    pub const ALL: [(ListKind, &'static str, &'static str); 2] = [(ListKind::Tag, "tag", "tags"), (ListKind::Author, "author", "authors")];

    fn row(self) -> (ListKind, &'static str, &'static str) {
        Self::ALL.into_iter().find(|row| row.0 == self).unwrap_or(Self::ALL[0])
    }

    /// The URL segment before the name: `tag` in `/tag/<name>`.
    pub fn segment(self) -> &'static str {
        self.row().1
    }

    /// The data directory of these lists' feeds: `tags` in `data/tags/<name>.json`.
    pub fn data_dir(self) -> &'static str {
        self.row().2
    }

    fn from_segment(segment: &str) -> Option<ListKind> {
        Self::ALL.into_iter().find(|row| row.1 == segment).map(|row| row.0)
    }
}

/// What an embed shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedTarget {
    Article(String),
    List { kind: ListKind, name: String, page: u32 },
}

impl Route {
    /// The first page of the home feed.
    pub const HOME: Route = Route::Home { page: 1 };

    /// The first page of a tag.
    pub fn tag(name: &str) -> Route {
        Route::List { kind: ListKind::Tag, name: name.to_owned(), page: 1 }
    }

    /// Parses a path relative to the app's base (`article/abc`, `/tag/%E5%8D%8F?page=2`);
    /// the fragment and any other query parameters are ignored.
    ///
    /// ```
    /// use yuedu_core::route::Route;
    /// assert_eq!(Route::parse("/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4"), Route::tag("协同振兴"));
    /// assert_eq!(Route::parse("/?page=2"), Route::Home { page: 2 });
    /// assert_eq!(Route::parse("/article/abc?x=1#top"), Route::Article("abc".into()));
    /// assert_eq!(Route::parse("/article/"), Route::NotFound);
    /// ```
    pub fn parse(path: &str) -> Route {
        let path = path.split('#').next().unwrap_or("");
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let page = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("page="))
            .map_or(Some(1), |p| p.parse::<u32>().ok().filter(|&p| (1..=100_000).contains(&p)));
        let Some(page) = page else { return Route::NotFound };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let decoded = |s: &str| percent_decode(s).filter(|d| !d.is_empty());
        let embed = |target| Route::Embed { target, options: EmbedOptions::from_query(query) };
        match segments.as_slice() {
            [] => Route::Home { page },
            ["tags"] if page == 1 => Route::Tags,
            ["saved"] if page == 1 => Route::Saved,
            ["search"] => {
                let q = query.split('&').find_map(|kv| kv.strip_prefix("q=")).unwrap_or("");
                percent_decode(&q.replace('+', " ")).map_or(Route::NotFound, |q| Route::Search { q })
            }
            ["article", id] if page == 1 => decoded(id).map_or(Route::NotFound, Route::Article),
            ["embed", "article", id] if page == 1 => decoded(id).map_or(Route::NotFound, |id| embed(EmbedTarget::Article(id))),
            [segment, name] => match (ListKind::from_segment(segment), decoded(name)) {
                (Some(kind), Some(name)) => Route::List { kind, name, page },
                _ => Route::NotFound,
            },
            ["embed", segment, name] => match (ListKind::from_segment(segment), decoded(name)) {
                (Some(kind), Some(name)) => embed(EmbedTarget::List { kind, name, page }),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The page an embed shows, as a page of the site (where its "read on the site" link goes).
    pub fn embedded(target: &EmbedTarget) -> Route {
        match target.clone() {
            EmbedTarget::Article(id) => Route::Article(id),
            EmbedTarget::List { kind, name, page } => Route::List { kind, name, page },
        }
    }

    /// The feed a list page shows: its data stem (`feed`, `tags/协同振兴`; files
    /// [`feed_page_path`]) and page. `None` for pages that are not lists.
    pub fn feed(&self) -> Option<(String, u32)> {
        match self {
            Route::Home { page } => Some((HOME_FEED_STEM.to_owned(), *page)),
            Route::List { kind, name, page } => Some((list_feed_stem(*kind, name), *page)),
            _ => None,
        }
    }

    /// This list at page `page` (what a pager links to); other routes are unchanged.
    pub fn at_page(&self, page: u32) -> Route {
        let mut route = self.clone();
        if let Route::Home { page: p } | Route::List { page: p, .. } = &mut route {
            *p = page;
        }
        route
    }

    /// The data file this page reads first, relative to the site's `data/` directory and not
    /// yet percent-encoded (`articles/<id>.json`, `tags.json`); see [`data_url`]. For a list,
    /// at any page, it is the feed's first page (`feed.json`, `tags/协同振兴.json`): that says
    /// how many pages there are, which page 2 onwards needs ([`Route::feed_page_path`]).
    pub fn data_path(&self) -> Option<String> {
        match self {
            Route::Article(id) => Some(article_data_path(id)),
            Route::Tags => Some(TAG_LIST_PATH.to_owned()),
            Route::Search { .. } => Some(SEARCH_MANIFEST_PATH.to_owned()),
            Route::Embed { target, .. } => Route::embedded(target).data_path(),
            _ => self.feed().map(|(stem, _)| feed_first_page_path(&stem)),
        }
    }

    /// The feed file of this list page once the feed's page count `pages` is known (from its
    /// first page, [`crate::feed::FeedExtension::pages`]); an embedded list's as its page's;
    /// `None` past the last page and for routes that are not lists.
    pub fn feed_page_path(&self, pages: u32) -> Option<String> {
        if let Route::Embed { target, .. } = self {
            return Route::embedded(target).feed_page_path(pages);
        }
        let (stem, page) = self.feed()?;
        feed_page_path(&stem, page, pages)
    }

    /// Where `yuedu index --pages` writes this route's static page in the built site, for the
    /// routes that have one: an article, the home page and the first page of a named list. The
    /// host serves it at the route's own URL (`tag/<name>` → `tag/<name>/index.html`, `/` →
    /// `index.html`); a name is one file-name segment ([`name_segment`]: unchanged for a valid
    /// tag, while a free-text name such as an author's can never reach outside its directory).
    /// Every other route is served [`SHELL_PAGE`].
    pub fn static_page(&self) -> Option<String> {
        match self {
            Route::Article(id) => Some(format!("article/{id}/index.html")),
            Route::Home { page: 1 } => Some("index.html".to_owned()),
            Route::List { kind, name, page: 1 } => Some(format!("{}/{}/index.html", kind.segment(), name_segment(name))),
            _ => None,
        }
    }

    /// The path of this route relative to the base, without a leading slash
    /// (`tag/%E5%8D%8F?page=2`); `None` for [`Route::NotFound`].
    pub fn path(&self) -> Option<String> {
        let paged = |p: String, page: u32| if page > 1 { format!("{p}?page={page}") } else { p };
        Some(match self {
            Route::Home { page } => paged(String::new(), *page),
            Route::List { kind, name, page } => paged(format!("{}/{}", kind.segment(), percent_encode(name)), *page),
            Route::Tags => "tags".to_owned(),
            Route::Saved => "saved".to_owned(),
            Route::Search { q } if q.is_empty() => "search".to_owned(),
            Route::Search { q } => format!("search?q={}", percent_encode(q)),
            Route::Article(id) => format!("article/{}", percent_encode(id)),
            Route::Embed { target, options } => {
                let site = Route::embedded(target).at_page(1).path()?;
                let mut query = options.to_query();
                if let EmbedTarget::List { page, .. } = target {
                    if *page > 1 {
                        query.push(if query.is_empty() { '?' } else { '&' });
                        query.push_str(&format!("page={page}"));
                    }
                }
                format!("embed/{site}{query}")
            }
            Route::NotFound => return None,
        })
    }
}

/// The app shell in the built site: the app's chrome and loading view, no page of its own. A
/// host serves it for every app route without a static page ([`Route::static_page`]), the
/// service worker for every navigation, and `yuedu index --pages` renders the static pages
/// from it. (The build writes it beside `index.html`, which the home page replaces; the nginx
/// configuration and the service worker, not Rust, name it too.)
pub const SHELL_PAGE: &str = "shell.html";

/// The directories of the built site that hold static pages (`article`, `tag`, …): where
/// [`Route::static_page`] writes, and what tools that read every page walk.
pub fn static_page_dirs() -> impl Iterator<Item = &'static str> {
    std::iter::once("article").chain(ListKind::ALL.into_iter().map(|row| row.1))
}

/// The stem of the home feed: files `feed.json`, `feed/<k>.json`.
pub const HOME_FEED_STEM: &str = "feed";

/// The stem of a named list's feed: `tags/<name>` (files `tags/<name>.json`,
/// `tags/<name>/<k>.json`), the name as a file name ([`name_segment`]).
///
/// ```
/// use yuedu_core::route::{list_feed_stem, ListKind};
/// assert_eq!(list_feed_stem(ListKind::Author, "李明"), "authors/李明");
/// assert_eq!(list_feed_stem(ListKind::Author, "../a/b%"), "authors/%2E.%2Fa%2Fb%25");
/// ```
pub fn list_feed_stem(kind: ListKind, name: &str) -> String {
    format!("{}/{}", kind.data_dir(), name_segment(name))
}

/// A list's name as one file-name segment: the characters a file name or URL segment cannot
/// hold (`/ \ ? # %`, control characters, a leading `.`) as `%XX`. Valid tags have none of
/// them (`crate::model::validate_tag`), so a tag is its own segment; author names are free text.
fn name_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
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

/// The data-relative path of a feed's first page: `feed.json`, `tags/协同振兴.json`.
pub fn feed_first_page_path(stem: &str) -> String {
    format!("{stem}.json")
}

/// The data-relative path of archive chunk `k` (1 = oldest) of the feed named `stem`:
/// `feed/3.json`, `tags/协同振兴/2.json` (see [`crate::feed`] for why chunks count from the
/// oldest).
pub fn feed_chunk_path(stem: &str, k: usize) -> String {
    format!("{stem}/{k}.json")
}

/// The data-relative path of page `page` (1-based, newest first) of a feed of `pages` pages;
/// `None` past the end. The app computes page URLs with this rather than trusting `next_url`.
///
/// ```
/// use yuedu_core::route::feed_page_path;
/// assert_eq!(feed_page_path("feed", 1, 5).as_deref(), Some("feed.json"));
/// assert_eq!(feed_page_path("feed", 2, 5).as_deref(), Some("feed/4.json"));
/// assert_eq!(feed_page_path("feed", 5, 5).as_deref(), Some("feed/1.json"));
/// assert_eq!(feed_page_path("feed", 6, 5), None);
/// ```
pub fn feed_page_path(stem: &str, page: u32, pages: u32) -> Option<String> {
    match page {
        0 => None,
        1 => Some(feed_first_page_path(stem)),
        p if p <= pages => Some(feed_chunk_path(stem, (pages - p + 1) as usize)),
        _ => None,
    }
}

/// The tag list, relative to `data/`.
pub const TAG_LIST_PATH: &str = "tags.json";
/// The author list, relative to `data/`.
pub const AUTHOR_LIST_PATH: &str = "authors.json";
/// The search manifest (`crate::search::SearchManifest`), relative to `data/`.
pub const SEARCH_MANIFEST_PATH: &str = "search.json";

/// Search shard `n` (`crate::search::SearchShard`), relative to `data/`: `search/<n>.json`.
pub fn search_shard_path(n: u32) -> String {
    format!("search/{n}.json")
}

/// The sitemap index, relative to where the sitemap is written (the site, or `data/` without
/// static pages).
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// A sitemap part, beside [`SITEMAP_PATH`]: `sitemap/articles-<k>.xml` (articles, oldest
/// first) or `sitemap/lists-<k>.xml` (list pages).
pub fn sitemap_part_path(articles: bool, k: usize) -> String {
    format!("sitemap/{}-{k}.xml", if articles { "articles" } else { "lists" })
}

/// An article's JSON, relative to `data/`.
pub fn article_data_path(id: &str) -> String {
    format!("articles/{id}.json")
}

/// An article's related-articles file, relative to `data/`.
pub fn related_path(id: &str) -> String {
    format!("related/{id}.json")
}

/// A data file's URL relative to the app's base: `data/` and the path, percent-encoded.
pub fn data_url(path: &str) -> String {
    format!("data/{}", percent_encode_path(path))
}

/// Decodes `%XX` escapes; `None` for malformed escapes or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes each segment of a `/`-separated path (`tags/协同振兴.json`).
pub fn percent_encode_path(path: &str) -> String {
    path.split('/').map(percent_encode).collect::<Vec<_>>().join("/")
}

/// Encodes everything but unreserved characters (`A-Z a-z 0-9 - _ . ~`) as UTF-8 `%XX`.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_route() {
        for route in [
            Route::HOME,
            Route::Home { page: 3 },
            Route::Tags,
            Route::Saved,
            Route::Search { q: String::new() },
            Route::Search { q: "帮县 带村&x=1".into() },
            Route::Article("c6c151299a20712a".into()),
            Route::tag("协同振兴"),
            Route::List { kind: ListKind::Tag, name: "a b/c?".into(), page: 2 },
            Route::Embed { target: EmbedTarget::Article("c6c1".into()), options: EmbedOptions::default() },
            Route::Embed {
                target: EmbedTarget::List { kind: ListKind::Tag, name: "协同振兴".into(), page: 2 },
                options: EmbedOptions::from_query("theme=dark&lang=en&related=0&frame=f1"),
            },
        ] {
            let path = route.path().unwrap();
            assert_eq!(Route::parse(&format!("/{path}")), route, "{path}");
        }
    }

    #[test]
    fn routes_know_their_files() {
        let tag2 = Route::tag("协同振兴").at_page(2);
        assert_eq!(tag2.path().as_deref(), Some("tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4?page=2"));
        assert_eq!(tag2.data_path().as_deref(), Some("tags/协同振兴.json"), "the first page says how many there are");
        assert_eq!(tag2.feed_page_path(3).as_deref(), Some("tags/协同振兴/2.json"));
        assert_eq!(data_url(&tag2.feed_page_path(3).unwrap()), "data/tags/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4/2.json");
        assert_eq!(tag2.feed_page_path(1), None, "past the last page");
        assert_eq!(Route::HOME.data_path().as_deref(), Some("feed.json"));
        assert_eq!(Route::HOME.feed_page_path(1).as_deref(), Some("feed.json"));
        assert_eq!(Route::Home { page: 3 }.feed_page_path(5).as_deref(), Some("feed/3.json"));
        assert_eq!(Route::Article("a".into()).feed_page_path(5), None);
        assert_eq!(Route::Article("a".into()).data_path().as_deref(), Some("articles/a.json"));
        let embedded = Route::parse("/embed/tag/x?page=2&theme=dark");
        assert_eq!(embedded.feed_page_path(2).as_deref(), Some("tags/x/1.json"));
        assert_eq!(Route::tag("x").static_page().as_deref(), Some("tag/x/index.html"));
        assert_eq!(Route::tag("../../x").static_page().as_deref(), Some("tag/%2E.%2F..%2Fx/index.html"), "never outside");
        assert_eq!(Route::Article("a".into()).static_page().as_deref(), Some("article/a/index.html"));
        assert_eq!(tag2.static_page(), None, "only first pages are written");
        assert_eq!(Route::Saved.static_page(), None);
        assert_eq!(Route::HOME.static_page().as_deref(), Some("index.html"));
        assert_eq!(Route::Home { page: 2 }.static_page(), None);
        assert_eq!(Route::Saved.at_page(2), Route::Saved);
    }

    #[test]
    fn unknown_and_malformed_paths_are_not_found() {
        for p in [
            "/embed/article/",
            "/embed/x/y",
            "/embed/article/a?page=2",
            "/articles/x",
            "/article/a/b",
            "/tag/%zz",
            "/tag/%FF",
            "/x",
            "/?page=0",
            "/?page=x",
            "/tags?page=2",
        ] {
            assert_eq!(Route::parse(p), Route::NotFound, "{p}");
        }
        assert_eq!(Route::parse(""), Route::HOME);
        assert_eq!(Route::parse("//"), Route::HOME);
        assert_eq!(Route::parse("/?utm=x&page=2"), Route::Home { page: 2 });
    }
}
