//! The only module that talks to the network: URL building, fetching with timeout and abort,
//! and decoding through the core's validating decoders.

use gloo_net::http::Request;
use web_sys::AbortController;
use yuedu_core::feed::{page_path, Feed};
use yuedu_core::index::{related_path, tag_feed_stem, TagList};
use yuedu_core::related::RelatedFile;
use yuedu_core::route::percent_encode_path;
use yuedu_core::model::validate_id;
use yuedu_core::{Article, DecodeError};

use crate::error::AppError;

/// How long a data request may take before the reader is offered a retry.
const TIMEOUT_MS: u32 = 15_000;

/// URL of an article's JSON, relative to the document's `<base href>`.
pub fn article_url(id: &str) -> String {
    format!("data/articles/{id}.json")
}

/// URL of page `page` of the feed named `stem` (`feed`, `tags/协同振兴`).
pub fn feed_url(stem: &str, page: u32) -> String {
    format!("data/{}", percent_encode_path(&page_path(stem, page)))
}

/// Fetches and validates one article; `abort` cancels it.
pub async fn fetch_article(id: String, abort: AbortController) -> Result<Article, AppError> {
    if validate_id(&id).is_err() {
        return Err(AppError::NotFound { what: "这篇文章".into() });
    }
    fetch_json(&article_url(&id), "这篇文章", abort, Article::from_json).await
}

/// Fetches and validates page `page` of the home feed; `abort` cancels it.
pub async fn fetch_home(page: u32, abort: AbortController) -> Result<Feed, AppError> {
    fetch_json(&feed_url("feed", page), "这一页文章", abort, Feed::from_json).await
}

/// Fetches and validates page `page` of a tag's feed; an unknown tag is `NotFound`.
pub async fn fetch_tag((name, page): (String, u32), abort: AbortController) -> Result<Feed, AppError> {
    let what = if page > 1 { format!("标签“{name}”的第{page}页") } else { format!("标签“{name}”") };
    fetch_json(&feed_url(&tag_feed_stem(&name), page), &what, abort, Feed::from_json).await
}

/// Fetches the related-articles file of article `id`.
pub async fn fetch_related(id: String, abort: AbortController) -> Result<RelatedFile, AppError> {
    fetch_json(&format!("data/{}", related_path(&id)), "相关文章", abort, RelatedFile::from_json).await
}

/// Fetches and validates the tag list.
pub async fn fetch_tags(abort: AbortController) -> Result<TagList, AppError> {
    fetch_json("data/tags.json", "标签列表", abort, TagList::from_json).await
}

/// Fetches `url` and decodes it with `decode`. What decoded well is kept for the session, so
/// returning to a page renders in the same frame; what did not is fetched again on retry.
async fn fetch_json<T>(url: &str, what: &str, abort: AbortController, decode: fn(&[u8]) -> Result<T, DecodeError>) -> Result<T, AppError> {
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
async fn fetch_network(url: &str, what: &str, abort: AbortController) -> Result<Vec<u8>, AppError> {
    let signal = abort.signal();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timeout = {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            abort.abort();
        })
    };

    let response = Request::get(url).abort_signal(Some(&signal)).send().await.map_err(|e| {
        if timed_out.get() {
            AppError::Timeout
        } else if !is_online() {
            AppError::Offline
        } else {
            AppError::Network(e.to_string())
        }
    })?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound { what: what.to_owned() }),
        status => return Err(AppError::Server { status }),
    }
    // A static host whose SPA fallback also covers data paths answers a missing JSON file with
    // index.html and status 200: that is a missing file, not corrupt data.
    if response.headers().get("content-type").is_some_and(|t| t.starts_with("text/html")) {
        return Err(AppError::NotFound { what: what.to_owned() });
    }
    // `.binary()` + serde_json::from_slice is several times faster than `.json()` in wasm.
    response.binary().await.map_err(|e| if timed_out.get() { AppError::Timeout } else { AppError::Network(e.to_string()) })
}

fn is_online() -> bool {
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
