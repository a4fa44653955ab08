//! Building the data files the app reads from a corpus of articles: the paginated home feed,
//! one paginated JSON Feed per tag, the tag list, and each article's related-articles file. Pure: the CLI only writes what this
//! returns, so the output is tested natively and is byte-for-byte reproducible.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::embed::{oembed_path, OEmbed};
use crate::error::DecodeError;
use crate::feed::{newest_first, site_root, Feed, FeedItem};
use crate::related::RelatedIndex;
use crate::route::Route;
use crate::Article;
use erased::Json as _;

/// Settings for [`build`].
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Feed title.
    pub title: String,
    /// The app's URL prefix (`/`, `https://example.org/reader/`). When it is absolute, an
    /// oEmbed document is written for every article (`oembed/<id>.json`).
    pub site: String,
    /// Items per feed page.
    pub page_size: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions { title: "阅读 yuedu".into(), site: "/".into(), page_size: 10 }
    }
}

/// One file to write, relative to the data directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub path: String,
    pub json: String,
}

/// Why a corpus cannot be indexed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("duplicate id `{0}`")]
    DuplicateId(String),
    #[error("`{0}` and `{1}` are the same article (same title and publication time)")]
    DuplicateArticle(String, String),
}

/// The tag list (`tags.json`): every tag with its article count, most used first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagList {
    pub tags: Vec<TagEntry>,
}

/// One tag in [`TagList`].
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

pub use crate::route::{related_path, tag_feed_stem};

/// Builds every data file for `articles` (already validated).
pub fn build(articles: &[Article], opts: &IndexOptions) -> Result<Vec<Output>, IndexError> {
    build_with_progress(articles, opts, &mut |_, _, _| {})
}

/// [`build`], reporting `(stage, done, total)` as it goes: the related files of a large corpus
/// take a while.
pub fn build_with_progress(
    articles: &[Article],
    opts: &IndexOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Vec<Output>, IndexError> {
    check_duplicates(articles)?;
    let site = site_root(&opts.site);
    let sorted = newest_first(articles);
    let mut out = Vec::new();
    let mut push = |path: String, value: &dyn erased::Json| out.push(Output { path, json: value.pretty() });
    let mut related_out = Vec::with_capacity(articles.len());

    let items: Vec<FeedItem> = sorted.iter().map(|a| FeedItem::from_article(a, &site)).collect();
    for (path, feed) in Feed::paginate(&opts.title, &site, &site, "feed", items, opts.page_size) {
        push(path, &feed);
    }

    // Tags in first-seen order of the newest-first list, so `latest` is the first article.
    let mut by_tag: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for a in &sorted {
        for tag in &a.tags {
            by_tag.entry(tag.as_str()).or_default().push(a);
        }
    }
    let mut list: Vec<TagEntry> = by_tag
        .iter()
        .map(|(name, arts)| TagEntry { name: (*name).to_owned(), count: arts.len(), latest: arts[0].published.clone() })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    push("tags.json".into(), &TagList { tags: list });
    // Compact: one file the app reads whole for /search.
    let mut search = serde_json::to_string(&crate::search::SearchIndex::build(&sorted)).expect("the search index always serializes");
    search.push('\n');
    let search_out = Output { path: "search.json".into(), json: search };

    progress("keywords", 0, articles.len());
    let related = RelatedIndex::new(articles);
    let mut by_id: Vec<usize> = (0..articles.len()).collect();
    by_id.sort_by(|&a, &b| articles[a].id.cmp(&articles[b].id));
    for (done, i) in by_id.into_iter().enumerate() {
        if done % 1000 == 0 {
            progress("related", done, articles.len());
        }
        // Compact: there is one per article, and nobody reads them but the app.
        let mut json = serde_json::to_string(&related.file(i)).expect("related files always serialize");
        json.push('\n');
        related_out.push(Output { path: related_path(&articles[i].id), json });
    }

    for (tag, arts) in &by_tag {
        let items = arts.iter().map(|a| FeedItem::from_article(a, &site)).collect();
        let home = format!("{site}{}", Route::tag(tag).path().unwrap_or_default());
        let title = format!("{} · 标签：{tag}", opts.title);
        for (path, feed) in Feed::paginate(&title, &site, &home, &tag_feed_stem(tag), items, opts.page_size) {
            push(path, &feed);
        }
    }
    progress("related", articles.len(), articles.len());
    out.extend(related_out);
    out.push(search_out);

    // oEmbed documents embed absolute URLs, so they exist only for a site with an origin.
    if site.starts_with("https://") || site.starts_with("http://") {
        let mut by_id = sorted.clone();
        by_id.sort_by(|a, b| a.id.cmp(&b.id));
        for a in by_id {
            out.push(Output { path: oembed_path(&a.id), json: OEmbed::for_article(&site, a).pretty() });
        }
    }
    Ok(out)
}

fn check_duplicates(articles: &[Article]) -> Result<(), IndexError> {
    let mut ids: BTreeMap<&str, ()> = BTreeMap::new();
    let mut same: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for a in articles {
        if ids.insert(&a.id, ()).is_some() {
            return Err(IndexError::DuplicateId(a.id.clone()));
        }
        if let Some(first) = same.insert((a.title.trim(), a.published.as_str()), &a.id) {
            return Err(IndexError::DuplicateArticle(first.to_owned(), a.id.clone()));
        }
    }
    Ok(())
}

/// Serialising the different output types through one `push`.
mod erased {
    pub trait Json {
        fn pretty(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            let mut s = serde_json::to_string_pretty(self).expect("index outputs always serialize");
            s.push('\n');
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, day: u32, tags: &[&str]) -> Article {
        crate::testing::article(id, day, tags, "正文")
    }

    fn corpus() -> Vec<Article> {
        (1..=25).map(|d| article(&format!("a{d:02}"), d, if d % 5 == 0 { &["协同振兴", "产业振兴"] } else { &["产业振兴"] })).collect()
    }

    #[test]
    fn paginates_the_home_feed_with_next_urls() {
        let out = build(&corpus(), &IndexOptions { page_size: 10, ..Default::default() }).unwrap();
        let feed = |p: &str| Feed::from_json(out.iter().find(|o| o.path == p).unwrap().json.as_bytes()).unwrap();
        let (p1, p2, p3) = (feed("feed.json"), feed("feed-2.json"), feed("feed-3.json"));
        assert_eq!((p1.items.len(), p2.items.len(), p3.items.len()), (10, 10, 5));
        assert_eq!(p1.items[0].id, "a25", "newest first");
        assert_eq!(p1.next_url.as_deref(), Some("/data/feed-2.json"));
        assert_eq!(p3.next_url, None);
        assert!(!out.iter().any(|o| o.path == "feed-4.json"));
    }

    #[test]
    fn writes_tag_feeds_and_a_tag_list_with_counts() {
        let out = build(&corpus(), &IndexOptions::default()).unwrap();
        let list = TagList::from_json(out.iter().find(|o| o.path == "tags.json").unwrap().json.as_bytes()).unwrap();
        let counts: Vec<(&str, usize)> = list.tags.iter().map(|t| (t.name.as_str(), t.count)).collect();
        assert_eq!(counts, [("产业振兴", 25), ("协同振兴", 5)]);
        assert_eq!(list.tags[1].latest, "2024-01-25T08:00:00+08:00");
        let tag = Feed::from_json(out.iter().find(|o| o.path == "tags/协同振兴.json").unwrap().json.as_bytes()).unwrap();
        assert_eq!(tag.items.len(), 5);
        assert!(tag.items.iter().all(|i| i.tags.contains(&"协同振兴".to_owned())));
        assert_eq!(tag.home_page_url.as_deref(), Some("/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4"));
        assert!(out.iter().any(|o| o.path == "tags/产业振兴-3.json"));
    }

    #[test]
    fn rejects_duplicates() {
        let mut c = corpus();
        c.push(article("a01", 2, &[]));
        assert_eq!(build(&c, &IndexOptions::default()), Err(IndexError::DuplicateId("a01".into())));
        let mut c = corpus();
        let mut copy = c[3].clone();
        copy.id = "copy".into();
        c.push(copy);
        assert!(matches!(build(&c, &IndexOptions::default()), Err(IndexError::DuplicateArticle(..))));
    }

    #[test]
    fn output_is_deterministic() {
        let mut shuffled = corpus();
        shuffled.reverse();
        assert_eq!(build(&corpus(), &IndexOptions::default()), build(&shuffled, &IndexOptions::default()));
    }
}
