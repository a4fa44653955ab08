//! Article lists as JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), the format the app reads
//! for its home page and any feed reader can subscribe to. yuedu's own needs travel in the
//! `_yuedu` extension object, which feed readers ignore.

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::model::{validate_id, Article};

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

/// The data-relative path of page `page` (1-based) of the feed named `stem`:
/// `feed.json`, `feed-2.json`, `tags/协同振兴-3.json`. The app computes page URLs with this
/// rather than trusting `next_url`.
pub fn page_path(stem: &str, page: u32) -> String {
    if page <= 1 {
        format!("{stem}.json")
    } else {
        format!("{stem}-{page}.json")
    }
}

/// `site` with exactly one trailing slash.
pub(crate) fn site_root(site: &str) -> String {
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
    /// Splits `items` into pages of `page_size`, linked by `next_url`; returns each page with
    /// its data-relative path ([`page_path`]). Always at least one (possibly empty) page.
    pub fn paginate(
        title: &str,
        site: &str,
        home_page_url: &str,
        stem: &str,
        items: Vec<FeedItem>,
        page_size: usize,
    ) -> Vec<(String, Feed)> {
        let site = site_root(site);
        let url = |page: u32| format!("{site}data/{}", crate::route::percent_encode_path(&page_path(stem, page)));
        let chunks: Vec<Vec<FeedItem>> =
            if items.is_empty() { vec![Vec::new()] } else { items.chunks(page_size.max(1)).map(<[FeedItem]>::to_vec).collect() };
        let pages = chunks.len() as u32;
        chunks
            .into_iter()
            .zip(1u32..)
            .map(|(items, page)| {
                let feed = Feed {
                    version: JSON_FEED_VERSION.to_owned(),
                    title: title.to_owned(),
                    home_page_url: Some(home_page_url.to_owned()),
                    feed_url: Some(url(page)),
                    language: Some("zh-CN".to_owned()),
                    next_url: (page < pages).then(|| url(page + 1)),
                    items,
                };
                (page_path(stem, page), feed)
            })
            .collect()
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
        let summary = a.summary.clone();
        FeedItem {
            id: a.id.clone(),
            url: format!("{site}article/{}", a.id),
            title: a.title.clone(),
            content_text: summary.clone().unwrap_or_else(|| a.title.clone()),
            summary,
            date_published: a.published.clone(),
            tags: a.tags.clone(),
            authors: a.authors.iter().map(|name| Author { name: name.clone() }).collect(),
            yuedu: Some(ItemExtension { article: format!("articles/{}.json", a.id), source: a.source.name.clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Source};

    /// The whole list as one page, as `index::build` makes the home feed.
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
