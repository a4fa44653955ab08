//! `yuedu index`: validate a directory of articles and write the data files the app reads.

use std::collections::HashSet;
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use yuedu_core::index::{build_with_progress, IndexOptions, Output};
use yuedu_core::Article;

/// Reads every `*.json` in `articles_dir`, validates it, and writes the feeds, tag feeds and
/// tag list into `out_dir`. Returns a one-line summary. Nothing is written unless every article
/// is valid, and files from an earlier run that are no longer produced are removed.
pub fn run(articles_dir: &Path, out_dir: &Path, opts: &IndexOptions, pages: Option<&Path>) -> Result<String, String> {
    let started = Instant::now();
    let articles = load_articles(articles_dir)?;
    let tty = std::io::stderr().is_terminal() && articles.len() >= 200;
    let mut progress = |stage: &str, done: usize, total: usize| {
        if tty {
            let end = if done == total && stage == "related" { "\n" } else { "" };
            let _ = write!(std::io::stderr(), "\r{stage} {done}/{total} articles{end}");
        }
    };
    let outputs = build_with_progress(&articles, opts, &mut progress).map_err(|e| format!("{}: {e}", articles_dir.display()))?;
    let mut bytes = write_all(out_dir, &outputs, managed_files)?;
    let mut page_count = 0;
    if let Some(site_dir) = pages {
        let shell_path = site_dir.join("index.html");
        let shell = fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
        let built = crate::pages::build(&articles, &outputs, shell, &opts.site).map_err(|e| format!("{}: {e}", shell_path.display()))?;
        page_count = built.len();
        bytes += write_all(site_dir, &built, managed_pages)?;
    }
    let tags: HashSet<&str> = articles.iter().flat_map(|a| a.tags.iter().map(String::as_str)).collect();
    Ok(format!(
        "indexed {} articles, {} tags; wrote {} files, {bytes} bytes to {} in {:.2?}",
        articles.len(),
        tags.len(),
        outputs.len() + page_count,
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
    let progress = Progress::new("reading", paths.len());
    let mut articles = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let article = Article::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        if path.file_stem().and_then(|s| s.to_str()) != Some(article.id.as_str()) {
            return Err(format!("{}: id `{}` does not match the file name", path.display(), article.id));
        }
        articles.push(article);
        progress.tick(articles.len());
    }
    progress.done();
    Ok(articles)
}

/// Writes every output into a staging directory, then moves them into place and removes stale
/// managed files (older feed pages, tag feeds of tags that no longer exist).
fn write_all(out_dir: &Path, outputs: &[Output], managed: fn(&Path) -> Vec<String>) -> Result<usize, String> {
    let err = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    fs::create_dir_all(out_dir).map_err(|e| err(out_dir, e))?;
    let stage = out_dir.join(format!(".yuedu-index-{}", std::process::id()));
    let _ = fs::remove_dir_all(&stage);
    let mut bytes = 0;
    for o in outputs {
        let path = stage.join(&o.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        fs::write(&path, &o.json).map_err(|e| err(&path, e))?;
        bytes += o.json.len();
    }
    // Remove what an earlier run wrote and this one does not.
    let fresh: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    for stale in managed(out_dir) {
        if !fresh.contains(stale.as_str()) {
            let _ = fs::remove_file(out_dir.join(&stale));
        }
    }
    for o in outputs {
        let to = out_dir.join(&o.path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        fs::rename(stage.join(&o.path), &to).map_err(|e| err(&to, e))?;
    }
    let _ = fs::remove_dir_all(&stage);
    Ok(bytes)
}

/// Files `yuedu index` owns in a data directory: `feed*.json`, `tags.json`, `tags/*.json`,
/// `related/*.json`, `oembed/*.json`.
fn managed_files(out_dir: &Path) -> Vec<String> {
    let names = |dir: &Path| -> Vec<String> {
        fs::read_dir(dir).map_or(Vec::new(), |rd| rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
    };
    let mut files: Vec<String> =
        names(out_dir).into_iter().filter(|n| (n.starts_with("feed") && n.ends_with(".json")) || n == "search.json").collect();
    for sub in ["tags", "related", "oembed"] {
        files.extend(names(&out_dir.join(sub)).into_iter().filter(|n| n.ends_with(".json")).map(|n| format!("{sub}/{n}")));
    }
    files
}

/// Pages `yuedu index --pages` owns in a site directory: `article/*/index.html`,
/// `tag/*/index.html` … (the routes' static pages).
fn managed_pages(site_dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for sub in yuedu_core::route::static_page_dirs() {
        let Ok(dirs) = fs::read_dir(site_dir.join(sub)) else { continue };
        for dir in dirs.filter_map(Result::ok) {
            let Ok(name) = dir.file_name().into_string() else { continue };
            if dir.path().join("index.html").is_file() {
                files.push(format!("{sub}/{name}/index.html"));
            }
        }
    }
    files
}

/// A progress line on stderr, only when it is a terminal.
struct Progress {
    label: &'static str,
    total: usize,
    on: bool,
}

impl Progress {
    fn new(label: &'static str, total: usize) -> Self {
        Progress { label, total, on: std::io::stderr().is_terminal() && total >= 200 }
    }

    fn tick(&self, n: usize) {
        if self.on && (n % 100 == 0 || n == self.total) {
            let _ = write!(std::io::stderr(), "\r{} {n}/{} articles", self.label, self.total);
        }
    }

    fn done(&self) {
        if self.on {
            let _ = writeln!(std::io::stderr());
        }
    }
}
