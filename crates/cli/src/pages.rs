//! `yuedu index --pages` and `yuedu shell`: the static pages of a built site, rendered by the
//! app's own components (`yuedu_web::ssr`) — every article, and the first page of every named
//! list (tags) — and the app shell (`index.html`) with the app's chrome and loading view.

use std::collections::BTreeMap;
use std::path::Path;

use yuedu_core::feed::{newest_first, Feed};
use yuedu_core::index::Output;
use yuedu_core::{Article, Route};
use yuedu_web::ssr::Site;

/// The static pages of `articles` for the site served at `site`, made from `shell` (the built
/// `index.html`); list pages show the first page of their feed from `data` (what `yuedu index`
/// wrote).
pub fn build(articles: &[Article], data: &[Output], shell: String, site: &str) -> Result<Vec<Output>, String> {
    let site = Site::new(shell, site);
    let mut out = Vec::new();
    let mut lists: BTreeMap<String, usize> = BTreeMap::new();
    for a in newest_first(articles) {
        let route = Route::Article(a.id.clone());
        out.push(Output { path: route.static_page().unwrap_or_default(), json: site.article(a).map_err(|e| e.to_string())? });
        for tag in &a.tags {
            *lists.entry(tag.clone()).or_default() += 1;
        }
    }
    for (tag, count) in lists {
        let route = Route::tag(&tag);
        let Some(path) = route.static_page() else { continue };
        let feed_path = route.data_path().unwrap_or_default();
        let Some(feed) = data.iter().find(|o| o.path == feed_path) else { continue };
        let feed = Feed::from_json(feed.json.as_bytes()).map_err(|e| format!("{feed_path}: {e}"))?;
        out.push(Output { path, json: site.list(&route, feed, count).map_err(|e| e.to_string())? });
    }
    Ok(out)
}

/// `yuedu shell FILE`: the built `index.html` at `file`, rewritten with the app's chrome and
/// loading view rendered into `#app` (run by the build before the service worker lists it).
pub fn shell(file: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let rendered = Site::new(html, "/").app_shell().map_err(|e| format!("{}: {e}", file.display()))?;
    std::fs::write(file, rendered).map_err(|e| format!("{}: {e}", file.display()))
}
