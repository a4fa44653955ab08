//! `yuedu`: the publisher's command-line tool. It shares the pure core with the web app.
//!
//! Subcommands: `ingest` (scraped pages → article JSON, `ingest.rs`), `index` (articles → the
//! feeds the app reads), `metrics` (the metrics extractor over stdin), `serve` (an HTTP server for
//! `dist/` with the SPA fallback a deep link needs), `csp` (the Content-Security-Policy for static
//! hosts), `deploy` (a built site to S3-compatible storage or a directory, only what changed),
//! `shell` and `schema` (the app shell's chrome, the article format's JSON Schema).

mod csp;
mod deploy;
mod http;
mod index;
mod ingest;
mod pages;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Write;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system's allocator: less time in `yuedu index` (crates/cli/Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// yuedu (阅读): turn news pages into clean article JSON, build feeds, serve the reader.
#[derive(Parser)]
#[command(name = "yuedu", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn scraped news pages (text or HTML) into article JSON (format yuedu-article/1).
    ///
    /// Reads the metadata in the forms Chinese news and government pages use (时间/发布时间/日期,
    /// 来源/文章来源, 作者/记者/文/, editors, 引题/副题, 关键词/标签; in HTML also the government
    /// sites' <meta> tags, OpenGraph and JSON-LD), drops site chrome (breadcrumbs, widgets,
    /// counters, share prompts, disclaimers, related lists, footers) and keeps a duplicated
    /// body once. PAGE may be a directory: every .txt/.html/.htm in it is ingested in parallel
    /// into OUT_DIR (-o), with one report line per page (ok with its id and file, or why not);
    /// the exit code is 1 if any page failed. A page lacking a field says which; the flags
    /// supply it.
    Ingest {
        /// The page to read (`-` for stdin), or a directory of pages.
        page: PathBuf,
        /// The article id (default: the hex id in a `NNN_<hex>.txt` file name, else a hash of
        /// title and time). Single pages only.
        #[arg(long)]
        id: Option<String>,
        /// Write the JSON here instead of stdout; for a directory of pages, the directory for
        /// the articles (`<id>.json` each).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The source (publisher), for pages that name none or name it wrongly.
        #[arg(long)]
        source: Option<String>,
        /// The publication time (`2023-12-07 15:58`, `2023年12月7日`, RFC 3339; Beijing time
        /// unless it carries an offset), for pages that state none.
        #[arg(long)]
        published: Option<String>,
        /// An author (repeat for several); replaces the page's.
        #[arg(long = "author")]
        authors: Vec<String>,
        /// The page's URL, against which relative image addresses are resolved (default: the
        /// page's canonical URL or <base href>).
        #[arg(long)]
        base_url: Option<String>,
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
        /// Also write a static HTML page for every article, the home page and the first page of
        /// every tag and author into this built site (`article/<id>/index.html`, `index.html`,
        /// `tag/<name>/index.html` …), from its app shell `shell.html`: the full content with Open Graph tags and schema.org JSON-LD, for readers
        /// without JavaScript or WebAssembly, crawlers and link previews. The sitemap goes there
        /// too.
        #[arg(long)]
        pages: Option<PathBuf>,
        /// Write nothing when any article is bad.
        #[arg(long)]
        strict: bool,
        /// Only these article files of ARTICLES_DIR were added, edited or deleted since the last
        /// run: the directory is not scanned (a million files take about a second to list).
        /// For a publishing system that knows what it published; without it every change is
        /// found. Ignored when the index is built from scratch.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        changed: Option<Vec<PathBuf>>,
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
    /// /article/<id> gets its static page (article/<id>/index.html), / the home page (index.html);
    /// other unknown paths without a file extension get the app shell (shell.html), so deep
    /// links reload; files that do not exist (e.g.
    /// /data/articles/x.json) and anything under /data/ are 404. Precompressed .br/.gz siblings,
    /// ETag/Last-Modified (304) and Range; the Content-Security-Policy (`yuedu csp`), nosniff and
    /// Referrer-Policy on every response. Stops on SIGTERM or Ctrl-C once the requests in flight
    /// are answered.
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
    /// Render the app's chrome and loading view into a built `index.html` (in place) and write
    /// the same as `shell.html` beside it: the app shell every route without a static page
    /// starts from. The build runs it after trunk.
    Shell {
        /// The built index.html.
        file: PathBuf,
    },
    /// Print the JSON Schema of the article format (schema/article-1.schema.json), generated from
    /// the article model's declaration.
    Schema,
    /// Print the Content-Security-Policy for a built app directory (the one `serve` sends), for
    /// static hosts: the inline start-up scripts of its pages (the shell's and the static
    /// pages') are allowed by hash, so print it again after every build and `index --pages`. `--headers` writes it as a Netlify/Cloudflare Pages `_headers` file instead.
    Csp {
        /// The built app directory (its index.html, shell.html and static pages are read).
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// Print a `_headers` file (`/*` and the header) rather than the bare policy.
        #[arg(long, conflicts_with = "nginx")]
        headers: bool,
        /// Print an nginx snippet setting `$yuedu_csp`, which deploy/nginx.conf sends (scripts/build
        /// writes it to `dist/_csp.nginx`).
        #[arg(long)]
        nginx: bool,
    },
    /// Publish a built site (dist/) to S3-compatible storage or a directory, uploading only what
    /// changed (by content hash, against a manifest kept at the destination).
    ///
    /// Content-Type, Content-Encoding (for .br/.gz siblings) and Cache-Control (immutable for
    /// hashed assets, no-cache for the rest) are set on every object. Order: assets, data,
    /// pages, shell.html, sw.js; stale objects are deleted last. A failure stops before the next
    /// phase, deletes nothing and exits non-zero.
    Deploy(deploy::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Ingest { page, id, output, source, published, authors, base_url } => {
            let options = yuedu_ingest::IngestOptions { id, source, published, authors, base_url };
            ingest::run(&page, output.as_deref(), &options)
        }
        Command::Index { articles_dir, out_dir, site, title, page_size, pages, strict, changed } => index_command(
            &articles_dir,
            &out_dir,
            yuedu_core::index::IndexOptions { title, site, page_size },
            pages.as_deref(),
            strict,
            changed.as_deref(),
        ),
        Command::Corpus { synthetic, dir } => corpus(synthetic, &dir).map(|summary| eprintln!("{summary}")),
        Command::Metrics => metrics(std::io::stdin().lock(), std::io::stdout().lock()),
        Command::Serve { dir, host, port, base } => serve::run(&dir, &host, port, &base),
        Command::Shell { file } => pages::shell(&file),
        Command::Schema => {
            print!("{}", yuedu_core::schema::article_schema_json());
            Ok(())
        }
        Command::Csp { dir, headers, nginx } => html_pages(&dir).map(|pages| {
            let policy = csp::policy_for_pages(pages.iter().map(String::as_str));
            if headers {
                println!("/*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff");
            } else if nginx {
                // The policy holds no `"`, `\` or `$`, so it is a valid double-quoted nginx string.
                println!("# The Content-Security-Policy of this build (yuedu csp --nginx), sent by deploy/nginx.conf.\nset $yuedu_csp \"{policy}\";");
            } else {
                println!("{policy}");
            }
        }),
        Command::Deploy(args) => deploy::run(&args).map(|summary| eprintln!("{summary}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("yuedu: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `dir/index.html` (the shell or the home page), the shell `dir/shell.html` when the build
/// wrote one, and the static pages under `dir/article/`, `dir/tag/` … (one level of
/// directories, each with an `index.html`, as `yuedu index --pages` writes them).
fn html_pages(dir: &std::path::Path) -> Result<Vec<String>, String> {
    let read = |path: PathBuf| std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()));
    let mut pages = vec![read(dir.join("index.html"))?];
    let shell = dir.join(yuedu_core::route::SHELL_PAGE);
    if shell.is_file() {
        pages.push(read(shell)?);
    }
    for sub in yuedu_core::route::static_page_dirs() {
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

/// `yuedu index`: the static-page renderer from the built shell, then the index. Bad articles
/// are listed and make the exit code 1 after the rest is published.
fn index_command(
    articles: &std::path::Path,
    out: &std::path::Path,
    opts: yuedu_core::index::IndexOptions,
    pages: Option<&std::path::Path>,
    strict: bool,
    changed: Option<&[PathBuf]>,
) -> Result<(), String> {
    let renderer = match pages {
        Some(dir) => {
            let shell_path = dir.join(yuedu_core::route::SHELL_PAGE);
            let shell = std::fs::read_to_string(&shell_path)
                .map_err(|e| format!("{}: {e} (build the app first: bash scripts/build)", shell_path.display()))?;
            Some(pages::SitePages::new(shell, &opts.site).map_err(|e| format!("{}: {e}", shell_path.display()))?)
        }
        None => None,
    };
    let settings = index::Settings {
        opts,
        strict,
        changed,
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
