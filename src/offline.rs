//! Saving articles for offline reading: the article's JSON, its related file and its images go
//! into the `yuedu-saved` cache (Cache API), which the service worker (`js/sw.js`) answers from
//! when the network cannot. The cache is the list: no second copy of what was saved, and it
//! survives app updates (the worker never deletes it).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yuedu_core::{Article, Block};

use crate::api::article_url;

/// The cache the reader's saved articles live in (shared with `js/sw.js`).
pub const SAVED_CACHE: &str = "yuedu-saved";

/// Why saving failed, for the reader (the details go to the console).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveError {
    /// No Cache API (an old browser, or a page that is not a secure context).
    Unsupported,
    /// The browser refused: storage full, a request failed …
    Failed,
}

async fn open() -> Result<web_sys::Cache, SaveError> {
    let caches = crate::dom::window().and_then(|w| w.caches().ok()).ok_or(SaveError::Unsupported)?;
    let cache = JsFuture::from(caches.open(SAVED_CACHE)).await.map_err(|_| SaveError::Failed)?;
    cache.dyn_into().map_err(|_| SaveError::Failed)
}

/// `path` (relative to `<base href>`) as an absolute URL: the cache keys on full URLs, and the
/// service worker looks requests up by theirs.
fn absolute(path: &str) -> Option<String> {
    let base = crate::dom::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(path, &base).ok().map(|u| u.href())
}

/// Saves `article` (already loaded, so its JSON is at hand in the browser's HTTP cache or the
/// network), its related-articles file and its images.
pub async fn save(article: &Article) -> Result<(), SaveError> {
    let cache = open().await?;
    let mut same_origin = vec![article_url(&article.id), crate::api::related_url(&article.id)];
    let origin = crate::dom::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let mut images = Vec::new();
    for block in &article.body {
        if let Block::Image { src, .. } = block {
            match absolute(src) {
                Some(url) if url.starts_with(&origin) => same_origin.push(url),
                Some(url) => images.push(url),
                None => {}
            }
        }
    }
    for path in same_origin {
        let Some(url) = absolute(&path) else { continue };
        JsFuture::from(cache.add_with_str(&url)).await.map_err(|_| failed(&url))?;
    }
    // Images on another host: fetched as the page shows them (no-cors, an opaque response),
    // which is what the browser can use again for an <img>.
    for url in images {
        let Ok(response) = gloo_net::http::Request::get(&url).mode(web_sys::RequestMode::NoCors).send().await else { continue };
        let _ = JsFuture::from(cache.put_with_str(&url, &web_sys::Response::from(response))).await;
    }
    Ok(())
}

/// Removes `article`'s saved copy (the JSON files and its images).
pub async fn remove(article: &Article) -> Result<(), SaveError> {
    let cache = open().await?;
    let mut paths = vec![article_url(&article.id), crate::api::related_url(&article.id)];
    paths.extend(article.body.iter().filter_map(|b| if let Block::Image { src, .. } = b { Some(src.clone()) } else { None }));
    for path in paths {
        if let Some(url) = absolute(&path) {
            let _ = JsFuture::from(cache.delete_with_str(&url)).await;
        }
    }
    Ok(())
}

/// Whether article `id` is saved.
pub async fn is_saved(id: &str) -> bool {
    let (Ok(cache), Some(url)) = (open().await, absolute(&article_url(id))) else { return false };
    JsFuture::from(cache.match_with_str(&url)).await.is_ok_and(|r| !r.is_undefined())
}

/// Every saved article, newest first (those whose saved copy no longer decodes are skipped).
pub async fn saved() -> Result<Vec<Article>, SaveError> {
    let cache = open().await?;
    let keys = JsFuture::from(cache.keys()).await.map_err(|_| SaveError::Failed)?;
    let mut articles = Vec::new();
    for request in js_sys::Array::from(&keys).iter() {
        let Ok(request) = request.dyn_into::<web_sys::Request>() else { continue };
        if !request.url().contains("/data/articles/") {
            continue;
        }
        let Ok(response) = JsFuture::from(cache.match_with_request(&request)).await else { continue };
        let Ok(response) = response.dyn_into::<web_sys::Response>() else { continue };
        let Ok(buffer) = response.array_buffer() else { continue };
        let Ok(buffer) = JsFuture::from(buffer).await else { continue };
        if let Ok(article) = Article::from_json(&js_sys::Uint8Array::new(&buffer).to_vec()) {
            articles.push(article);
        }
    }
    let time = |a: &Article| a.published_at().map_or(i64::MIN, |t| t.unix_seconds);
    yuedu_core::sort::sort_by(&mut articles, |a, b| time(b).cmp(&time(a)).then_with(|| a.id.cmp(&b.id)));
    Ok(articles)
}

fn failed(url: &str) -> SaveError {
    leptos::logging::warn!("yuedu: saving {url} for offline reading failed");
    SaveError::Failed
}
