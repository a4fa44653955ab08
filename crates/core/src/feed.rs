//! Article lists as JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), the format the app reads
//! for its home page and any feed reader can subscribe to. yuedu's own needs travel in the
//! `_yuedu` extension object, which feed readers ignore.
//!
//! **Pages stay put as the corpus grows.** A feed is split into archive chunks counted from
//! its *oldest* item: chunk `k` holds oldest-first items `(k-1)·size .. k·size` and lives at
//! `<stem>/<k>.json`. The first page (`<stem>.json`) holds the newest chunk and whatever came
//! after it (`size` to `2·size − 1` items). A new article therefore changes the first page
//! only (and writes one new chunk every `size` articles), where numbering pages from the
//! newest would rewrite every page of the feed. The first page says how many pages there are
//! (`_yuedu.pages`), so page `p ≥ 2` of the app is chunk `pages − p + 1` ([`Paging`],
//! [`crate::route::feed_page_path`]).

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::model::{validate_id, Article};
use crate::route::{article_data_path, data_url, feed_chunk_path, feed_first_page_path, Route};

/// The `version` URL every JSON Feed 1.1 document carries.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed 1.1 document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The next page of a paginated feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    pub items: Vec<FeedItem>,
    /// On a feed's first page: how many pages it has.
    #[serde(rename = "_yuedu", default, skip_serializing_if = "Option::is_none")]
    pub yuedu: Option<FeedExtension>,
}

/// yuedu's extension fields on a feed's first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedExtension {
    /// Pages of the feed: the first page and the archive chunks before it.
    pub pages: u32,
}

/// One article in a feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    /// The article id (unique and stable, as JSON Feed asks).
    pub id: String,
    pub url: String,
    pub title: String,
    /// JSON Feed requires `content_html` or `content_text`; we only ever publish text.
    pub content_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub date_published: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    #[serde(rename = "_yuedu", default, skip_serializing_if = "Option::is_none")]
    pub yuedu: Option<ItemExtension>,
}

/// A JSON Feed author object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
}

/// yuedu's extension fields on a feed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemExtension {
    /// Where the full article JSON lives, relative to the data directory.
    pub article: String,
    /// The publisher's name, for bylines in lists.
    pub source: String,
}

/// How a feed of `len` items is cut into pages of `size` (see the module docs). Item ranges
/// are in newest-first order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub len: usize,
    pub size: usize,
}

impl Paging {
    /// Full chunks counted from the oldest item; the newest of them is on the first page.
    pub fn chunks(&self) -> usize {
        self.len / self.size.max(1)
    }

    /// Pages: the first page and one per archive chunk.
    pub fn pages(&self) -> usize {
        self.chunks().max(1)
    }

    /// The items of the first page (newest first).
    pub fn first(&self) -> std::ops::Range<usize> {
        let size = self.size.max(1);
        0..(self.len % size + if self.chunks() >= 1 { size } else { 0 })
    }

    /// The items of archive chunk `k` (1 ≤ k < [`Paging::chunks`]), newest first.
    pub fn chunk(&self, k: usize) -> std::ops::Range<usize> {
        let size = self.size.max(1);
        self.len - k * size..self.len - (k - 1) * size
    }

    /// The archive chunk holding newest-first item `i`, or `None` when it is on the first page.
    pub fn chunk_of(&self, i: usize) -> Option<usize> {
        let k = (self.len - i - 1) / self.size.max(1) + 1;
        (k < self.chunks()).then_some(k)
    }
}

/// `site` with exactly one trailing slash.
pub fn site_root(site: &str) -> String {
    if site.ends_with('/') {
        site.to_owned()
    } else {
        format!("{site}/")
    }
}

/// `articles` newest first; ties by id, so output is deterministic.
pub fn newest_first(articles: &[Article]) -> Vec<&Article> {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| {
        let at = |x: &Article| x.published_at().ok().map(|t| t.unix_seconds);
        at(b).cmp(&at(a)).then_with(|| a.id.cmp(&b.id))
    });
    sorted
}

impl Feed {
    /// The first page of a feed (`page == 0`) or its archive chunk `page`, from the items of
    /// that page (newest first) and the feed's [`Paging`]. Returns the page's path too.
    pub fn page(
        title: &str,
        site: &str,
        home_page_url: &str,
        stem: &str,
        paging: Paging,
        page: usize,
        items: Vec<FeedItem>,
    ) -> (String, Feed) {
        let site = site_root(site);
        let url = |path: &str| format!("{site}{}", data_url(path));
        let (path, next, yuedu) = if page == 0 {
            let c = paging.chunks();
            (
                feed_first_page_path(stem),
                (c >= 2).then(|| feed_chunk_path(stem, c - 1)),
                Some(FeedExtension { pages: paging.pages() as u32 }),
            )
        } else {
            (feed_chunk_path(stem, page), (page >= 2).then(|| feed_chunk_path(stem, page - 1)), None)
        };
        let feed = Feed {
            version: JSON_FEED_VERSION.to_owned(),
            title: title.to_owned(),
            home_page_url: Some(home_page_url.to_owned()),
            feed_url: Some(url(&path)),
            language: Some("zh-CN".to_owned()),
            next_url: next.map(|n| url(&n)),
            items,
            yuedu,
        };
        (path, feed)
    }

    /// Every page of a feed of `items` (newest first): the first page, then the archive chunks.
    pub fn paginate(title: &str, site: &str, home_page_url: &str, stem: &str, items: Vec<FeedItem>, size: usize) -> Vec<(String, Feed)> {
        let paging = Paging { len: items.len(), size };
        let mut out = vec![Feed::page(title, site, home_page_url, stem, paging, 0, items[paging.first()].to_vec())];
        for k in 1..paging.chunks() {
            out.push(Feed::page(title, site, home_page_url, stem, paging, k, items[paging.chunk(k)].to_vec()));
        }
        out
    }

    /// Decodes and validates a feed from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<Feed, DecodeError> {
        let feed: Feed = crate::json::from_slice(bytes)?;
        if feed.version != JSON_FEED_VERSION {
            return Err(DecodeError::invalid("version", format!("is `{}`, expected `{JSON_FEED_VERSION}`", feed.version)));
        }
        for (i, item) in feed.items.iter().enumerate() {
            validate_id(&item.id).map_err(|m| DecodeError::invalid(format!("items[{i}].id"), m))?;
        }
        Ok(feed)
    }
}

impl FeedItem {
    /// The feed item for `a`, linking to the app under `site`.
    pub fn from_article(a: &Article, site: &str) -> FeedItem {
        FeedItem::new(&a.id, &a.title, a.summary.as_deref(), &a.published, a.tags.clone(), &a.authors, &a.source.name, site)
    }

    /// The feed item of an article from its parts (what `yuedu index` keeps between runs).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: &str,
        title: &str,
        summary: Option<&str>,
        published: &str,
        tags: Vec<String>,
        authors: &[String],
        source: &str,
        site: &str,
    ) -> FeedItem {
        FeedItem {
            id: id.to_owned(),
            url: format!("{site}{}", Route::Article(id.to_owned()).path().unwrap_or_default()),
            title: title.to_owned(),
            content_text: summary.unwrap_or(title).to_owned(),
            summary: summary.map(str::to_owned),
            date_published: published.to_owned(),
            tags,
            authors: authors.iter().map(|name| Author { name: name.clone() }).collect(),
            yuedu: Some(ItemExtension { article: article_data_path(id), source: source.to_owned() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Source};

    /// The whole list as one page.
    fn single_page(title: &str, site: &str, articles: &[Article]) -> Feed {
        let site = site_root(site);
        let items = newest_first(articles).into_iter().map(|a| FeedItem::from_article(a, &site)).collect();
        Feed::paginate(title, &site, &site, "feed", items, usize::MAX).remove(0).1
    }

    fn article(id: &str, published: &str) -> Article {
        Article {
            id: id.into(),
            title: format!("标题{id}"),
            published: published.into(),
            source: Source { name: "示例".into(), url: None },
            authors: vec!["甲".into()],
            tags: vec!["协同振兴".into()],
            summary: Some("摘要".into()),
            body: vec![Block::Paragraph { text: "正文".into() }],
            ..Default::default()
        }
    }

    #[test]
    fn newest_first_with_deterministic_ties() {
        let arts = [
            article("b", "2023-01-01T08:00:00+08:00"),
            article("a", "2023-01-01T00:00:00Z"), // same instant as b
            article("c", "2024-01-01T00:00:00+08:00"),
        ];
        let feed = single_page("阅读", "/", &arts);
        let ids: Vec<_> = feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn items_carry_required_json_feed_fields() {
        let feed = single_page("阅读", "https://x.example/reader", &[article("a", "2023-01-01T00:00:00Z")]);
        let v = serde_json::to_value(&feed).unwrap();
        assert_eq!(v["version"], JSON_FEED_VERSION);
        assert_eq!(v["items"][0]["url"], "https://x.example/reader/article/a");
        assert_eq!(v["items"][0]["content_text"], "摘要");
        assert_eq!(v["items"][0]["_yuedu"]["article"], "articles/a.json");
        assert_eq!(Feed::from_json(v.to_string().as_bytes()).unwrap(), feed);
    }

    #[test]
    fn rejects_other_versions_and_bad_ids() {
        let mut v = serde_json::to_value(single_page("t", "/", &[article("a", "2023-01-01T00:00:00Z")])).unwrap();
        v["items"][0]["id"] = "../x".into();
        assert_eq!(Feed::from_json(v.to_string().as_bytes()).unwrap_err().path.as_deref(), Some("items[0].id"));
        v["version"] = "https://jsonfeed.org/version/1".into();
        assert_eq!(Feed::from_json(v.to_string().as_bytes()).unwrap_err().path.as_deref(), Some("version"));
    }
}
