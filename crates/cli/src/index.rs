//! `yuedu index`: validate a directory of articles and write the feeds the app reads.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use yuedu_core::feed::Feed;
use yuedu_core::Article;

/// Reads every `*.json` in `articles_dir`, validates it, and writes `out_dir/feed.json`.
/// Returns a one-line summary. Nothing is written unless every article is valid.
pub fn run(articles_dir: &Path, out_dir: &Path, site: &str, title: &str) -> Result<String, String> {
    let started = Instant::now();
    let articles = load_articles(articles_dir)?;
    let feed = Feed::from_articles(title, site, &articles);
    let mut json = serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?;
    json.push('\n');
    fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let bytes = write_atomically(&out_dir.join("feed.json"), json.as_bytes())?;
    Ok(format!(
        "indexed {} articles, {} tags; wrote {bytes} bytes to {} in {:.2?}",
        articles.len(),
        feed.items.iter().flat_map(|i| &i.tags).collect::<std::collections::HashSet<_>>().len(),
        out_dir.display(),
        started.elapsed()
    ))
}

/// Loads and validates articles, sorted by file name. The file name must be `<id>.json`, which
/// also makes ids unique.
pub fn load_articles(dir: &Path) -> Result<Vec<Article>, String> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no *.json articles", dir.display()));
    }
    let mut articles = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let article = Article::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        if path.file_stem().and_then(|s| s.to_str()) != Some(article.id.as_str()) {
            return Err(format!("{}: id `{}` does not match the file name", path.display(), article.id));
        }
        articles.push(article);
    }
    Ok(articles)
}

/// Writes through a temporary file and a rename, so readers never see half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<usize, String> {
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes.len())
}
