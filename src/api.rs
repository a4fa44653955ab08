//! The only module that talks to the network: URL building, fetching with timeout and abort,
//! and decoding through the core's validating decoders.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;
use yuedu_core::feed::{first_page_path, page_path, Feed};
use yuedu_core::index::{related_path, tag_feed_stem, TagList, HOME_FEED_STEM, SEARCH_PATH};
use yuedu_core::model::validate_id;
use yuedu_core::related::RelatedFile;
use yuedu_core::route::percent_encode_path;
use yuedu_core::{Article, DecodeError};

use crate::error::{AppError, Missing};

/// How long a data request may take before the reader is offered a retry.
const TIMEOUT_MS: u32 = 15_000;

/// URL of an article's JSON, relative to the document's `<base href>`.
pub fn article_url(id: &str) -> String {
    format!("data/articles/{id}.json")
}

/// URL of a file of the data directory (`feed.json`, `tags/协同振兴/3.json`), percent-encoded.
pub fn data_url(path: &str) -> String {
    format!("data/{}", percent_encode_path(path))
}

/// Fetches and validates one article; `abort` cancels it. While the request is on the network,
/// the metrics extractor runs once on a sample ([`crate::components::metrics::warm_up`]).
pub async fn fetch_article(id: String, abort: AbortController) -> Result<Article, AppError> {
    if validate_id(&id).is_err() {
        return Err(AppError::NotFound(Missing::Article));
    }
    // Queued now, it runs as soon as this task waits for the network.
    wasm_bindgen_futures::spawn_local(async { crate::components::metrics::warm_up() });
    fetch_json(&article_url(&id), Missing::Article, abort, Article::from_json).await
}

/// Fetches and validates page `page` of the home feed; `abort` cancels it.
pub async fn fetch_home(page: u32, abort: AbortController) -> Result<Feed, AppError> {
    fetch_feed(HOME_FEED_STEM, page, Missing::FeedPage, abort).await
}

/// Fetches and validates page `page` of a tag's feed; an unknown tag is `NotFound`.
pub async fn fetch_tag((name, page): (String, u32), abort: AbortController) -> Result<Feed, AppError> {
    let stem = tag_feed_stem(&name);
    fetch_feed(&stem, page, Missing::Tag { name, page }, abort).await
}

/// Page `page` of the feed `stem`. Older pages are archive chunks numbered from the oldest
/// (`yuedu_core::feed::Paging`), so page `p ≥ 2` needs the page count from the first page
/// (usually already in the session cache).
async fn fetch_feed(stem: &str, page: u32, what: Missing, abort: AbortController) -> Result<Feed, AppError> {
    let first = fetch_json(&data_url(&first_page_path(stem)), what.clone(), abort.clone(), Feed::from_json).await?;
    if page <= 1 {
        return Ok(first);
    }
    let pages = first.yuedu.map_or(1, |y| y.pages);
    let Some(path) = page_path(stem, page, pages) else { return Err(AppError::NotFound(what)) };
    fetch_json(&data_url(&path), what, abort, Feed::from_json).await
}

/// Fetches the related-articles file of article `id`.
pub async fn fetch_related(id: String, abort: AbortController) -> Result<RelatedFile, AppError> {
    fetch_json(&format!("data/{}", related_path(&id)), Missing::Related, abort, RelatedFile::from_json).await
}

/// One search result: the article and the passage that matches.
#[derive(Clone)]
pub struct Found {
    pub article: Article,
    pub passage: yuedu_core::search::Passage,
}

/// Searches: the manifest, then only the shards holding the query's terms, then the best
/// articles themselves (for their passages), each group fetched at once.
pub async fn search(query: String, abort: AbortController) -> Result<Vec<Found>, AppError> {
    use yuedu_core::search::{passage, query_terms, rank, shard_of, shard_path, SearchManifest, SearchShard, RESULTS};
    let manifest = fetch_json(&data_url(SEARCH_PATH), Missing::Page, abort.clone(), SearchManifest::from_json).await?;
    let mut shards: Vec<u32> = query_terms(&query).iter().map(|t| shard_of(t, manifest.shards)).collect();
    shards.sort_unstable();
    shards.dedup();
    let urls: Vec<String> = shards.iter().map(|&s| data_url(&shard_path(s))).collect();
    let fetched =
        futures::future::join_all(urls.iter().map(|url| fetch_json(url, Missing::Page, abort.clone(), SearchShard::from_json))).await;
    let shards = fetched.into_iter().collect::<Result<Vec<_>, _>>()?;
    let hits = rank(&query, manifest.docs, &shards.iter().collect::<Vec<_>>(), RESULTS);
    let articles = futures::future::join_all(hits.iter().map(|h| fetch_article_only(h.id.clone(), abort.clone()))).await;
    // An article that cannot be had (deleted since the index was written) is left out.
    Ok(articles.into_iter().flatten().map(|article| Found { passage: passage(&article, &query), article }).collect())
}

/// Fetches and validates one article, without the metrics warm-up of [`fetch_article`].
async fn fetch_article_only(id: String, abort: AbortController) -> Result<Article, AppError> {
    if validate_id(&id).is_err() {
        return Err(AppError::NotFound(Missing::Article));
    }
    fetch_json(&article_url(&id), Missing::Article, abort, Article::from_json).await
}

/// Fetches and validates the tag list.
pub async fn fetch_tags(abort: AbortController) -> Result<TagList, AppError> {
    fetch_json("data/tags.json", Missing::TagList, abort, TagList::from_json).await
}

/// Fetches `url` and decodes it with `decode`. What decoded well is kept for the session, so
/// returning to a page renders in the same frame; what did not is fetched again on retry.
async fn fetch_json<T>(
    url: &str,
    what: Missing,
    abort: AbortController,
    decode: fn(&[u8]) -> Result<T, DecodeError>,
) -> Result<T, AppError> {
    if let Some(value) = cache::get(url).and_then(|bytes| decode(&bytes).ok()) {
        return Ok(value);
    }
    let bytes = fetch_network(url, what, abort).await?;
    let value = decode(&bytes).map_err(AppError::BadData)?;
    cache::put(url, &bytes);
    Ok(value)
}

/// GETs `url` as bytes. `abort` cancels the request (the reader navigated away); it is also
/// aborted after [`TIMEOUT_MS`], which is reported as a timeout.
async fn fetch_network(url: &str, what: Missing, abort: AbortController) -> Result<Vec<u8>, AppError> {
    let signal = abort.signal();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timeout = {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            abort.abort();
        })
    };

    let failed = |e: wasm_bindgen::JsValue| {
        if timed_out.get() {
            AppError::Timeout
        } else if !is_online() {
            AppError::Offline
        } else {
            AppError::Network(js_message(&e))
        }
    };
    let window = web_sys::window().ok_or_else(|| AppError::Network("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&signal));
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.and_then(|r| r.dyn_into()).map_err(failed)?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound(what)),
        status => return Err(AppError::Server { status }),
    }
    // A static host whose SPA fallback also covers data paths answers a missing JSON file with
    // index.html and status 200: that is a missing file, not corrupt data.
    if response.headers().get("content-type").ok().flatten().is_some_and(|t| t.starts_with("text/html")) {
        return Err(AppError::NotFound(what));
    }
    // Bytes decoded by the core: several times faster in wasm than parsing a JS string first.
    let buffer = response.array_buffer().map_err(failed)?;
    let buffer = JsFuture::from(buffer).await.map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The message of a JS error (`TypeError: Failed to fetch`), or its string form.
fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "fetch failed".into())
}

/// Whether the browser believes it has a network (true where it cannot tell).
pub(crate) fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Responses read this session, most recent last. Bytes rather than decoded values: one
/// cache for every type (and decoding a cached article takes well under a millisecond).
mod cache {
    use std::cell::RefCell;

    const ENTRIES: usize = 32;
    /// Larger responses are not kept (a 10 MB article should not stay in memory).
    const MAX_BYTES: usize = 512 * 1024;

    thread_local! {
        static CACHE: RefCell<Vec<(String, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn get(url: &str) -> Option<Vec<u8>> {
        CACHE.with_borrow(|c| c.iter().find(|(u, _)| u == url).map(|(_, b)| b.clone()))
    }

    pub fn put(url: &str, bytes: &[u8]) {
        if bytes.len() > MAX_BYTES {
            return;
        }
        CACHE.with_borrow_mut(|c| {
            c.retain(|(u, _)| u != url);
            if c.len() == ENTRIES {
                c.remove(0);
            }
            c.push((url.to_owned(), bytes.to_vec()));
        });
    }
}
