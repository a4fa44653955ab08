//! `yuedu`: the publisher's command-line tool. It shares the pure core with the web app.
//!
//! Subcommands: `ingest` (scraped page → article JSON), `index` (articles → the feeds the app
//! reads), `metrics` (the metrics extractor over stdin), `serve` (a static server for `dist/`
//! with the SPA fallback a deep link needs), `csp` (the Content-Security-Policy for static hosts).

mod csp;
mod http;
mod index;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Write;

use clap::{Parser, Subcommand};
use yuedu_core::ingest::{ingest_page, IngestOptions};

/// yuedu (阅读): turn news pages into clean article JSON, build feeds, serve the reader.
#[derive(Parser)]
#[command(name = "yuedu", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn a scraped news page (text or HTML) into article JSON (format yuedu-article/1).
    ///
    /// Drops site chrome (slogans, 推荐阅读, footers), keeps a duplicated body once, and reads the
    /// metadata (时间/来源/作者), editors (总监审/监审/责任编辑) and tags (标签).
    Ingest {
        /// The page to read; `-` for stdin.
        page: PathBuf,
        /// The article id (default: the hex id in a `NNN_<hex>.txt` file name, else a hash of
        /// title and time).
        #[arg(long)]
        id: Option<String>,
        /// Write the JSON here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Index the articles in ARTICLES_DIR into the data files the app reads in OUT_DIR, incrementally.
    ///
    /// Writes feed.json and feed/<k>.json (the home feed as JSON Feed 1.1: the newest page, then
    /// archive chunks counted from the oldest, so a new article changes the first page only),
    /// tags/<tag>.json and tags/<tag>/<k>.json, authors/<name>.json … (a feed per tag and per
    /// author), tags.json and authors.json (every tag and author with its count),
    /// related/<id>.json (each article's weighted terms and best related candidates), search.json
    /// and search/<n>.json (the full-text index, sharded by term), sitemap.xml and sitemap/*.xml,
    /// and, when --site is an absolute URL, oembed/<id>.json. State kept in OUT_DIR/.yuedu-index/
    /// makes the next run read only new or changed articles and rewrite only the files whose
    /// content changes. A bad article (invalid, or the same article twice) is named with its
    /// reason and left out, the rest is published, and the exit code is 1; with --strict nothing
    /// is written then.
    Index {
        articles_dir: PathBuf,
        out_dir: PathBuf,
        /// The URL prefix the app is served under, for item URLs (e.g. https://example.org/reader/).
        /// An absolute URL also produces the oEmbed documents and absolute sitemap URLs.
        #[arg(long, default_value = "/")]
        site: String,
        /// The feed title.
        #[arg(long, default_value = "阅读 yuedu")]
        title: String,
        /// Articles per feed page (the first page holds this many to twice as many less one).
        #[arg(long, default_value_t = 10)]
        page_size: usize,
        /// Also write a static HTML page for every article and the first page of every tag into
        /// this built site (`article/<id>/index.html`, `tag/<name>/index.html`), from its
        /// `index.html`: the full content with Open Graph tags and schema.org JSON-LD, for readers
        /// without JavaScript or WebAssembly, crawlers and link previews. The sitemap goes there
        /// too.
        #[arg(long)]
        pages: Option<PathBuf>,
        /// Write nothing when any article is bad.
        #[arg(long)]
        strict: bool,
    },
    /// Write a synthetic corpus of N articles into DIR, for scale tests and benchmarks.
    ///
    /// Deterministic; every article is marked as synthetic (source, title) and valid.
    Corpus {
        /// How many articles.
        #[arg(long)]
        synthetic: usize,
        dir: PathBuf,
    },
    /// Find the metrics (money, counts, percentages, measures) in text.
    ///
    /// Reads UTF-8 text from stdin, one document per line, and writes one line per input line:
    /// a JSON array of metrics with the fields text, start, end (character offsets, end
    /// exclusive), value, upper (optional), unit, kind, qualifier, label (optional).
    /// Invalid UTF-8 stops with an error naming the line.
    Metrics,
    /// Serve a built app directory (trunk's dist/) over HTTP with the SPA fallback.
    ///
    /// Unknown paths without a file extension get index.html, so deep links like
    /// /article/<id> reload; files that do not exist (e.g. /data/articles/x.json) are 404.
    Serve {
        /// The directory to serve.
        #[arg(default_value = "dist")]
        dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The URL path the app is deployed under (a build made with
        /// `trunk build --public-url /reader/`); other paths are 404.
        #[arg(long, default_value = "/")]
        base: String,
    },
    /// Print the Content-Security-Policy for a built app directory (the one `serve` sends), for
    /// static hosts: the inline start-up scripts of its pages (the shell's and the static
    /// pages') are allowed by hash, so print it again after every build and `index --pages`. `--headers` writes it as a Netlify/Cloudflare Pages `_headers` file instead.
    Csp {
        /// The built app directory (its index.html is read).
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// Print a `_headers` file (`/*` and the header) rather than the bare policy.
        #[arg(long)]
        headers: bool,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Ingest { page, id, output } => ingest(page, id, output),
        Command::Index { articles_dir, out_dir, site, title, page_size, pages, strict } => {
            index_command(&articles_dir, &out_dir, yuedu_core::index::IndexOptions { title, site, page_size }, pages.as_deref(), strict)
        }
        Command::Corpus { synthetic, dir } => corpus(synthetic, &dir).map(|summary| eprintln!("{summary}")),
        Command::Metrics => metrics(std::io::stdin().lock(), std::io::stdout().lock()),
        Command::Serve { dir, host, port, base } => serve::run(&dir, &host, port, &base),
        Command::Csp { dir, headers } => html_pages(&dir).map(|pages| {
            let policy = csp::policy_for_pages(pages.iter().map(String::as_str));
            if headers {
                println!("/*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff");
            } else {
                println!("{policy}");
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("yuedu: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `dir/index.html` and the static pages under `dir/article/` and `dir/tag/` (one level of
/// directories, each with an `index.html`, as `yuedu index --pages` writes them).
fn html_pages(dir: &std::path::Path) -> Result<Vec<String>, String> {
    let read = |path: PathBuf| std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()));
    let mut pages = vec![read(dir.join("index.html"))?];
    for sub in ["article", "tag"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.flatten() {
            let page = entry.path().join("index.html");
            if page.is_file() {
                pages.push(read(page)?);
            }
        }
    }
    Ok(pages)
}

fn ingest(page: PathBuf, id: Option<String>, output: Option<PathBuf>) -> Result<(), String> {
    let text = if page.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| format!("reading stdin: {e}"))?
    } else {
        let bytes = std::fs::read(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 text ({e})", page.display()))?
    };
    let id = id.or_else(|| id_from_file_name(&page));
    let article = ingest_page(&text, &IngestOptions { id }).map_err(|e| format!("{}: {e}", page.display()))?;
    let json = article.to_json_pretty();
    match output {
        Some(path) => std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            print!("{json}");
            Ok(())
        }
    }
}

/// `yuedu index`: the static-page renderer from the built shell, then the index. Bad articles
/// are listed and make the exit code 1 after the rest is published.
fn index_command(
    articles: &std::path::Path,
    out: &std::path::Path,
    opts: yuedu_core::index::IndexOptions,
    pages: Option<&std::path::Path>,
    strict: bool,
) -> Result<(), String> {
    let renderer = match pages {
        Some(dir) => {
            let shell_path = dir.join("index.html");
            let shell = std::fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
            Some(yuedu_core::page::ShellPages::new(&shell, &opts.site).map_err(|e| format!("{}: {e}", shell_path.display()))?)
        }
        None => None,
    };
    let settings = index::Settings {
        opts,
        strict,
        pages: pages.zip(renderer.as_ref().map(|r| r as &dyn yuedu_core::index::PageRenderer)),
        tuning: index::Tuning::from_env(),
    };
    let report = index::run(articles, out, &settings)?;
    for why in &report.bad {
        eprintln!("yuedu: bad article: {why}");
    }
    eprintln!("{}", report.summary);
    if report.bad.is_empty() {
        Ok(())
    } else {
        Err(format!("{} bad article(s) left out; the rest is published", report.bad.len()))
    }
}

/// `yuedu corpus --synthetic N DIR`: articles generated and written in parallel, a batch at a
/// time (nothing is kept).
fn corpus(n: usize, dir: &std::path::Path) -> Result<String, String> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let bar = indicatif::ProgressBar::with_draw_target(Some(n as u64), indicatif::ProgressDrawTarget::stderr());
    let bytes = std::sync::atomic::AtomicUsize::new(0);
    (0..n).into_par_iter().with_min_len(256).try_for_each(|i| {
        let a = yuedu_core::synthetic::synthetic_article(i);
        let json = a.to_json_pretty();
        bytes.fetch_add(json.len(), std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!("{}.json", a.id));
        bar.inc(1);
        std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))
    })?;
    bar.finish_and_clear();
    Ok(format!("wrote {n} synthetic articles, {} bytes to {} in {:.2?}", bytes.into_inner(), dir.display(), started.elapsed()))
}

/// `yuedu metrics`: one JSON array per input line.
fn metrics(mut input: impl std::io::BufRead, output: impl std::io::Write) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(output);
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let read = input.read_until(b'\n', &mut line).map_err(|e| format!("reading stdin: {e}"))?;
        if read == 0 {
            break;
        }
        number += 1;
        let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| format!("line {number}: not valid UTF-8 (at byte {})", e.valid_up_to() + 1))?;
        let found = yuedu_core::metrics::extract(text);
        serde_json::to_writer(&mut out, &found).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| format!("writing stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing stdout: {e}"))
}

/// `000_c6c151299a20712a.txt` → `c6c151299a20712a`: scrapers name pages by a hash of their URL,
/// which makes a better id than one derived from the text.
fn id_from_file_name(path: &std::path::Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (_, hex) = stem.split_once('_')?;
    (hex.len() >= 8 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hex.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_ids_from_scraper_file_names_only() {
        assert_eq!(id_from_file_name("x/000_c6c151299a20712a.txt".as_ref()).as_deref(), Some("c6c151299a20712a"));
        assert_eq!(id_from_file_name("page.txt".as_ref()), None);
        assert_eq!(id_from_file_name("my_article.txt".as_ref()), None);
    }
}
