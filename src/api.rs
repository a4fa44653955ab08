//! The only module that talks to the network: URL building, fetching with timeout and abort,
//! and decoding through the core's validating decoders.

use web_sys::AbortController;
use yuedu_core::feed::Feed;
use yuedu_core::index::TagList;
use yuedu_core::model::validate_id;
use yuedu_core::related::RelatedFile;
use yuedu_core::route::{data_url, related_path, search_shard_path};
use yuedu_core::search::{passage, query_terms, rank, shard_of, Passage, SearchManifest, SearchShard, RESULTS};
use yuedu_core::{Article, DecodeError, Route};

use crate::error::{AppError, Missing};

/// How long a data request may take before the reader is offered a retry.
const TIMEOUT_MS: u32 = 15_000;

/// URL of an article's JSON, relative to the document's `<base href>`.
pub fn article_url(id: &str) -> String {
    route_url(&Route::Article(id.to_owned()))
}

/// URL of an article's related-articles file.
pub fn related_url(id: &str) -> String {
    data_url(&related_path(id))
}

/// Fetches and validates one article; `abort` cancels it.
pub async fn fetch_article(id: String, abort: AbortController) -> Result<Article, AppError> {
    if validate_id(&id).is_err() {
        return Err(AppError::NotFound(Missing::Article));
    }
    fetch_json(&article_url(&id), Missing::Article, abort, Article::from_json).await
}

/// Fetches and validates the page of a list (home, a tag, an author) that `route` shows; a list
/// that does not exist is `NotFound`. Pages after the first are archive chunks numbered from the
/// oldest (`yuedu_core::feed::Paging`), so they need the page count from the first page
/// (usually already in the session cache).
pub async fn fetch_list(route: Route, abort: AbortController) -> Result<Feed, AppError> {
    let what = Missing::List(route.clone());
    let first = fetch_json(&route_url(&route), what.clone(), abort.clone(), Feed::from_json).await?;
    if route.feed().is_none_or(|(_, page)| page <= 1) {
        return Ok(first);
    }
    let pages = first.yuedu.map_or(1, |y| y.pages);
    let Some(path) = route.feed_page_path(pages) else { return Err(AppError::NotFound(what)) };
    fetch_json(&data_url(&path), what, abort, Feed::from_json).await
}

/// Fetches the related-articles file of article `id`.
pub async fn fetch_related(id: String, abort: AbortController) -> Result<RelatedFile, AppError> {
    fetch_json(&related_url(&id), Missing::Related, abort, RelatedFile::from_json).await
}

/// One search result: the article and the passage that matches.
#[derive(Clone, PartialEq)]
pub struct Found {
    pub article: Article,
    pub passage: Passage,
}

/// Searches: the manifest, then only the shards holding the query's terms, then the best
/// articles themselves (for their passages), each group fetched at once.
pub async fn search(query: String, abort: AbortController) -> Result<Vec<Found>, AppError> {
    let manifest_url = route_url(&Route::Search { q: String::new() });
    let manifest = fetch_json(&manifest_url, Missing::Page, abort.clone(), SearchManifest::from_json).await?;
    let mut shards: Vec<u32> = query_terms(&query).iter().map(|t| shard_of(t, manifest.shards)).collect();
    shards.sort_unstable();
    shards.dedup();
    let urls: Vec<String> = shards.iter().map(|&s| data_url(&search_shard_path(s))).collect();
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
    fetch_json(&route_url(&Route::Tags), Missing::TagList, abort, TagList::from_json).await
}

/// The URL of the data file `route` shows ([`Route::data_path`]).
fn route_url(route: &Route) -> String {
    route.data_path().map(|path| data_url(&path)).unwrap_or_default()
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

/// GETs `url` as bytes through gloo-net. `abort` cancels the request (the reader navigated
/// away); it is also aborted after [`TIMEOUT_MS`], which is reported as a timeout.
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
    let failed = |e: gloo_net::Error| {
        if timed_out.get() {
            AppError::Timeout
        } else if !is_online() {
            AppError::Offline
        } else {
            // The browser's reason; gloo-net's other errors are about JSON, which is not read here
            // (and formatting them would link serde_json's messages into the wasm).
            AppError::Network(match e {
                gloo_net::Error::JsError(e) => e.message,
                _ => "fetch failed".to_owned(),
            })
        }
    };
    let response = gloo_net::http::Request::get(url).abort_signal(Some(&signal)).send().await.map_err(failed)?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound(what)),
        status => return Err(AppError::Server { status }),
    }
    // A static host whose SPA fallback also covers data paths answers a missing JSON file with
    // the app shell and status 200: that is a missing file, not corrupt data.
    if response.headers().get("content-type").is_some_and(|t| t.starts_with("text/html")) {
        return Err(AppError::NotFound(what));
    }
    // Bytes decoded by the core: several times faster in wasm than parsing a JS string first.
    response.binary().await.map_err(failed)
}

/// Whether the browser believes it has a network (true where it cannot tell).
pub(crate) fn is_online() -> bool {
    crate::dom::window().is_none_or(|w| w.navigator().on_line())
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
