//! `yuedu index`: articles → the data files the app reads, incrementally.
//!
//! **State.** Between runs the index keeps `OUT_DIR/.yuedu-index/` (see [`state`]): per article
//! its file's size, modification time and content hash, and the fields the feeds, related files
//! and sitemap need (never the body); each article's search terms in an append-only file; and
//! each search shard's terms with their best articles. A run compares the articles directory
//! with it, reads only new or changed files, and rewrites only the outputs that can depend on
//! what changed — each written only if its bytes differ. Missing, corrupt, older or foreign
//! state, or other settings, means a full rebuild (with a message), never different output: a
//! full rebuild and an incremental run over the same articles write the same bytes (tested).
//!
//! **Scale.** Articles are read and parsed in parallel batches (rayon) and dropped once their
//! fields are taken; feeds, related files and search shards are computed in parallel; the
//! search postings are grouped in passes over the terms file, so memory is bounded by a pass,
//! not the corpus.

mod state;

/// The directory of the index's state inside its output directory (never published).
pub use state::DIR as STATE_DIR;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use yuedu_core::embed::{oembed_path, OEmbed};
use yuedu_core::feed::{site_root, Feed, FeedItem, Paging};
use yuedu_core::i18n::ZH_CN;
use yuedu_core::index::{
    feed_stem, list_route, sitemap_index, sitemap_urlset, AuthorList, FeedKind, IndexOptions, ListPage, PageRenderer, TagEntry, TagList,
    SITEMAP_URLS,
};
use yuedu_core::related::{Held, RelDoc, RelatedIndex};
use yuedu_core::route::{
    article_data_path, feed_chunk_path, feed_first_page_path, related_path, search_shard_path, sitemap_part_path, static_page_dirs,
    ListKind, Route, AUTHOR_LIST_PATH, HOME_FEED_STEM, SEARCH_MANIFEST_PATH, SITEMAP_PATH, TAG_LIST_PATH,
};
use yuedu_core::search::{SearchManifest, SearchShard, TermPostings, SEARCH_FORMAT, SHARD_FORMAT, TOP_K};
use yuedu_core::Article;

use state::{Doc, Names, State, TermState};

/// How an index is cut up. The defaults are the product's; tests use small numbers (through
/// `YUEDU_INDEX_TUNING`) so that a few dozen articles exercise every boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tuning {
    /// Articles per term in a search shard ([`TOP_K`]).
    pub search_k: usize,
    /// Articles per term the state keeps (more than `search_k`, so removals seldom need a
    /// rebuild of the search index).
    pub search_keep: usize,
    /// Postings per search shard the shard count aims at.
    pub shard_entries: usize,
    /// URLs per sitemap part.
    pub sitemap_urls: usize,
    /// Postings read per term for related candidates.
    pub nearest: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning { search_k: TOP_K, search_keep: 2 * TOP_K, shard_entries: 2000, sitemap_urls: SITEMAP_URLS, nearest: 300 }
    }
}

impl Tuning {
    /// The defaults, or `YUEDU_INDEX_TUNING=k,keep,entries,sitemap,nearest` (for tests).
    pub fn from_env() -> Tuning {
        let Ok(v) = std::env::var("YUEDU_INDEX_TUNING") else { return Tuning::default() };
        let n: Vec<usize> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        match n[..] {
            [k, keep, entries, sitemap, nearest] if k >= 1 && keep >= k => {
                Tuning { search_k: k, search_keep: keep, shard_entries: entries.max(1), sitemap_urls: sitemap.max(1), nearest }
            }
            _ => Tuning::default(),
        }
    }
}

/// What `yuedu index` was asked to do.
pub struct Settings<'a> {
    pub opts: IndexOptions,
    /// Write nothing if any article is bad (the old all-or-nothing behaviour).
    pub strict: bool,
    /// The article files that changed, when the caller knows (`--changed`): no scan.
    pub changed: Option<&'a [PathBuf]>,
    /// Static pages: where, and how they are rendered.
    pub pages: Option<(&'a Path, &'a dyn PageRenderer)>,
    pub tuning: Tuning,
}

/// What a run did.
pub struct Report {
    pub summary: String,
    /// Each bad article with its reason.
    pub bad: Vec<String>,
}

/// Counts of what was written.
#[derive(Default)]
struct Stats {
    written: AtomicUsize,
    unchanged: AtomicUsize,
    removed: AtomicUsize,
    bytes: AtomicU64,
}

impl Stats {
    fn wrote(&self, bytes: &[u8]) {
        self.written.fetch_add(1, Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Relaxed);
    }
}

/// Where outputs go: the data directory and, with `--pages`, the site directory.
struct Out<'a> {
    data: &'a Path,
    site: Option<&'a Path>,
    stats: Stats,
    /// Full builds: a hash of every path written, to remove what an earlier run left (hashes:
    /// at a million articles the paths themselves took ~200 MB).
    written: Option<Mutex<HashSet<u64>>>,
    /// Directories known to exist, and whether this run created them ("fresh": nothing in
    /// one can be stale or need comparing).
    dirs: Mutex<HashMap<PathBuf, bool>>,
}

impl Out<'_> {
    /// Writes `bytes` to `root/rel` unless the file already holds them (atomically: a temporary
    /// file renamed into place, so a reader never sees half a file).
    fn put(&self, root: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = root.join(rel);
        if let Some(w) = &self.written {
            w.lock().unwrap().insert(fnv64(path.as_os_str().as_encoded_bytes()));
        }
        let err = |e: std::io::Error| format!("{}: {e}", path.display());
        let fresh = match path.parent() {
            Some(parent) => self.dir(parent).map_err(err)?,
            None => false,
        };
        // In a directory this run created the file is new: no read to compare with (at a
        // million related files, a failed lookup in a million-entry directory per file).
        if fresh && create_new(&path, bytes).map_err(err)? {
            self.stats.wrote(bytes);
            return Ok(());
        }
        let exists = match fs::read(&path) {
            Ok(old) if old == bytes => {
                self.stats.unchanged.fetch_add(1, Relaxed);
                return Ok(());
            }
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(err(e)),
        };
        if exists {
            // Its precompressed copies (scripts/build's) would be served in its place.
            drop_precompressed(&path);
            // A file readers may be fetching is replaced whole.
            let mut tmp = path.clone().into_os_string();
            tmp.push(".yuedu-tmp");
            fs::write(&tmp, bytes).map_err(err)?;
            fs::rename(&tmp, &path).map_err(err)?;
        } else {
            fs::write(&path, bytes).map_err(err)?;
        }
        self.stats.wrote(bytes);
        Ok(())
    }

    /// Makes sure `dir` exists; whether this run created it.
    fn dir(&self, dir: &Path) -> std::io::Result<bool> {
        if let Some(&fresh) = self.dirs.lock().unwrap().get(dir) {
            return Ok(fresh);
        }
        let made = match (fs::create_dir(dir), dir.parent()) {
            (Err(e), Some(parent)) if e.kind() == std::io::ErrorKind::NotFound => {
                self.dir(parent)?;
                fs::create_dir(dir)
            }
            (made, _) => made,
        };
        let fresh = match made {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => return Err(e),
        };
        Ok(*self.dirs.lock().unwrap().entry(dir.to_owned()).or_insert(fresh))
    }

    fn data(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        self.put(self.data, rel, bytes)
    }

    /// Removes `root/rel` if it exists, and its precompressed copies.
    fn remove(&self, root: &Path, rel: &str) {
        if fs::remove_file(root.join(rel)).is_ok() {
            drop_precompressed(&root.join(rel));
            self.stats.removed.fetch_add(1, Relaxed);
        }
    }

    /// Where the sitemap goes: the site root with `--pages`, else the data directory.
    fn sitemap_root(&self) -> &Path {
        self.site.unwrap_or(self.data)
    }
}

/// Writes `bytes` to a new file at `path`; false if a file is there already.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::Write;
    match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut f) => f.write_all(bytes).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes the `.br`/`.gz` copies `scripts/precompress.mjs` wrote of `path`, if any: servers
/// send a sibling whatever its age (`yuedu serve`, nginx's `brotli_static`), so a copy of the
/// old content would hide the new file (the home page changes with every new article). A
/// publisher who indexes into a built site compresses again to get them back.
fn drop_precompressed(path: &Path) {
    for (suffix, _) in crate::deploy::rules::ENCODINGS {
        let mut sibling = path.as_os_str().to_owned();
        sibling.push(suffix);
        let _ = fs::remove_file(sibling);
    }
}

/// Compact JSON with a final newline (one per article: nobody reads them but the app).
fn compact<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec(v).expect("index outputs always serialize");
    b.push(b'\n');
    b
}

/// Pretty JSON with a final newline (feeds and lists, which people read too).
fn pretty<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).expect("index outputs always serialize");
    b.push(b'\n');
    b
}

fn progress(label: &'static str, len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{msg:>8} [{bar:32}] {pos}/{len} {per_sec} eta {eta}").unwrap().progress_chars("=> "));
    bar.set_message(label);
    bar
}

/// One `*.json` file of the articles directory.
struct Entry {
    id: String,
    path: PathBuf,
    mtime: u64,
    size: u64,
}

impl Entry {
    /// The entry of the article file at `path`, whose metadata is `meta`.
    fn new(path: PathBuf, meta: &fs::Metadata) -> Option<Entry> {
        let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let id = path.file_stem()?.to_str()?.to_owned();
        Some(Entry { id, path, mtime, size: meta.len() })
    }
}

fn scan(dir: &Path) -> Result<Vec<Entry>, String> {
    let names: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    let mut entries: Vec<Entry> = names
        .into_par_iter()
        .filter_map(|path| {
            let meta = fs::metadata(&path).ok()?;
            Entry::new(path, &meta)
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Ok(entries)
}

/// The entries of the files `named` (`--changed`), and the ids of those that do not exist.
fn stat_named(dir: &Path, named: &[PathBuf]) -> Result<(Vec<Entry>, BTreeSet<String>), String> {
    let (mut entries, mut gone) = (Vec::new(), BTreeSet::new());
    for p in named {
        let not_article = || format!("{}: not a *.json article file of {}", p.display(), dir.display());
        let (Some(name), true) = (p.file_name(), p.extension().is_some_and(|x| x == "json")) else { return Err(not_article()) };
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        if parent.is_some_and(|d| fs::canonicalize(d).ok() != fs::canonicalize(dir).ok()) {
            return Err(not_article());
        }
        let path = dir.join(name);
        match fs::metadata(&path) {
            Ok(meta) => entries.push(Entry::new(path, &meta).ok_or_else(not_article)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                gone.insert(path.file_stem().and_then(|s| s.to_str()).ok_or_else(not_article)?.to_owned());
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    entries.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    entries.dedup_by(|a, b| a.id == b.id);
    Ok((entries, gone))
}

/// FNV-1a, 64 bits: content hashes and fingerprints (stable across runs and machines).
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// An article read this run: its state record (names not yet interned) and its search terms.
struct Parsed {
    doc: Doc,
    tags: Vec<String>,
    authors: Vec<String>,
    source: String,
    terms: Vec<u8>,
}

/// Reads, validates and takes apart one article; writes its own outputs (static page, oEmbed
/// document, article JSON when the data directory is elsewhere) unless `dry`.
fn parse(e: &Entry, settings: &Settings, out: &Out, site: &str, copy_articles: bool, dry: bool) -> Result<Parsed, String> {
    let bytes = fs::read(&e.path).map_err(|err| format!("{}: {err}", e.path.display()))?;
    let article = Article::from_json(&bytes).map_err(|err| format!("{}: {err}", e.path.display()))?;
    if article.id != e.id {
        return Err(format!("{}: id `{}` does not match the file name", e.path.display(), article.id));
    }
    if !dry {
        if let Some((dir, renderer)) = settings.pages {
            if let Some(page) = renderer.article(&article) {
                out.put(dir, &page.path, page.json.as_bytes())?;
            }
        }
        if is_absolute(site) {
            out.data(&oembed_path(&article.id), &pretty(&OEmbed::for_article(site, &article)))?;
        }
        if copy_articles {
            out.data(&article_data_path(&article.id), &bytes)?;
        }
    }
    let secs = article.published_at().map(|t| t.unix_seconds).unwrap_or(0);
    let mut terms = Vec::new();
    yuedu_core::search::each_article_term(&article, |t, w| {
        terms.extend_from_slice(t.as_bytes());
        terms.push(0);
        terms.push(w);
    });
    let keywords: String = yuedu_core::related::keywords(&article).concat();
    Ok(Parsed {
        doc: Doc {
            id: article.id,
            mtime: e.mtime,
            size: e.size,
            hash: fnv64(&bytes),
            secs,
            published: article.published,
            title: article.title,
            summary: article.summary,
            source: 0,
            tags: Vec::new(),
            authors: Vec::new(),
            keywords,
            fwd: (0, 0),
        },
        tags: article.tags,
        authors: article.authors,
        source: article.source.name,
        terms,
    })
}

fn is_absolute(site: &str) -> bool {
    site.starts_with("https://") || site.starts_with("http://")
}

/// Indexes `articles_dir` into `out_dir`. For a process that ends after it (`yuedu index`):
/// the final state is left for the OS to free.
pub fn run(articles_dir: &Path, out_dir: &Path, settings: &Settings) -> Result<Report, String> {
    let started = Instant::now();
    let opts = &settings.opts;
    let site = site_root(&opts.site);
    let state_dir = out_dir.join(state::DIR);
    let fingerprint = {
        let renderer = settings.pages.map(|(dir, r)| (dir.to_string_lossy().into_owned(), r.fingerprint()));
        // Another `yuedu` may write other files from the same articles: the first run of a new
        // binary rebuilds everything.
        let binary = std::env::current_exe().and_then(fs::read).map(|b| fnv64(&b)).unwrap_or(0);
        fnv64(format!("{}\0{}\0{}\0{:?}\0{:?}\0{binary}", opts.title, site, opts.page_size, settings.tuning, renderer).as_bytes())
    };
    let mut notes: Vec<String> = Vec::new();
    let mut phases: Vec<(&str, std::time::Duration)> = Vec::new();
    let mut lap = Instant::now();
    let mut old = match State::load(&state_dir) {
        Ok(s) if s.fingerprint == fingerprint => Some(s),
        Ok(_) => {
            notes.push("the settings or the yuedu binary changed since the last run: full rebuild".into());
            None
        }
        Err(why) if why.is_empty() => None,
        Err(why) => {
            notes.push(format!("{why}: full rebuild"));
            None
        }
    };
    let full = old.is_none();
    phases.push(("load", lap.elapsed()));
    lap = Instant::now();
    // Every file (a full build or a scan), or those named and those named but gone.
    let (entries, gone) = match settings.changed.filter(|_| !full) {
        None => (scan(articles_dir)?, None),
        Some(named) => {
            let (entries, gone) = stat_named(articles_dir, named)?;
            (entries, Some(gone))
        }
    };
    phases.push(("scan", lap.elapsed()));
    lap = Instant::now();
    if entries.is_empty() && gone.is_none() {
        return Err(format!("{}: no *.json articles", articles_dir.display()));
    }
    // A record without an entry: its file is gone, unless only some files were named.
    let is_gone = |o: &Doc| gone.as_ref().is_none_or(|g| g.contains(&o.id));
    fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let copy_articles = match (fs::canonicalize(articles_dir), fs::canonicalize(out_dir.join("articles"))) {
        (Ok(a), Ok(b)) => a != b,
        _ => true,
    };
    let out = Out {
        data: out_dir,
        site: settings.pages.map(|(d, _)| d),
        stats: Stats::default(),
        written: full.then(|| Mutex::new(HashSet::new())),
        dirs: Mutex::new(HashMap::new()),
    };

    // Which files to read: all of them for a full build; new or touched ones otherwise. The
    // entries and the last run's records are both sorted by id: one walk matches them (maps
    // by id cost seconds at a million articles).
    let old_docs: Vec<Doc> = old.as_mut().map(|s| std::mem::take(&mut s.docs)).unwrap_or_default();
    let old_len = old_docs.len();
    let mut todo: Vec<&Entry> = Vec::new();
    {
        let mut olds = old_docs.iter().peekable();
        for e in &entries {
            while olds.next_if(|o| o.id < e.id).is_some() {}
            if !olds.peek().is_some_and(|o| o.id == e.id && o.mtime == e.mtime && o.size == e.size) {
                todo.push(e);
            }
        }
    }
    if settings.strict {
        let bad: Vec<String> = todo.par_iter().filter_map(|e| parse(e, settings, &out, &site, false, true).err()).collect();
        if !bad.is_empty() {
            return Err(format!("{} bad article(s), nothing written (--strict):\n  {}", bad.len(), bad.join("\n  ")));
        }
    }

    // Read in parallel batches; the terms go to the append-only terms file as they come.
    let mut names = old.as_ref().map(|s| Names::from(s.names.clone())).unwrap_or_default();
    let mut forward = state::Forward::open(&state_dir, old.as_ref().map(|s| s.forward_len), full)?;
    // In the order of `todo`, which is the entries' (a map keyed by id held ~550 MB of table
    // at a million articles, for the whole run).
    let mut fresh: Vec<Doc> = Vec::with_capacity(todo.len());
    let mut bad: Vec<(String, String)> = Vec::new();
    let bar = progress("reading", todo.len());
    for batch in todo.chunks(4096) {
        let parsed: Vec<(&Entry, Result<Parsed, String>)> =
            batch.par_iter().map(|e| (*e, parse(e, settings, &out, &site, copy_articles, false))).collect();
        for (e, p) in parsed {
            match p {
                Ok(p) => {
                    let mut doc = p.doc;
                    doc.source = names.id(&p.source);
                    doc.tags = dedup(p.tags.iter().map(|t| names.id(t)));
                    doc.authors = dedup(p.authors.iter().map(|a| names.id(a)));
                    doc.fwd = forward.append(&p.terms)?;
                    fresh.push(doc);
                }
                Err(why) => bad.push((e.id.clone(), why)),
            }
        }
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();

    // The new corpus: unchanged records as they were, read ones as read (a file touched but
    // not changed keeps its record with the new time). What changed (incremental runs): added,
    // removed, or another content — with the last run's record.
    let mut docs: Vec<Doc> = Vec::with_capacity(entries.len());
    let mut changed: BTreeMap<String, Option<Doc>> = BTreeMap::new();
    {
        let failed: HashSet<&str> = bad.iter().map(|(id, _)| id.as_str()).collect();
        let mut fresh = fresh.into_iter().peekable();
        let mut olds = old_docs.into_iter().peekable();
        // (`None` after the last entry: the records left have no entry either.)
        for e in entries.iter().map(Some).chain([None]) {
            while let Some(o) = olds.next_if(|o| e.is_none_or(|e| o.id < e.id)) {
                if is_gone(&o) {
                    changed.insert(o.id.clone(), Some(o));
                } else {
                    docs.push(o);
                }
            }
            let Some(e) = e else { break };
            match (fresh.next_if(|d| d.id == e.id), olds.next_if(|o| o.id == e.id)) {
                (Some(d), Some(mut o)) if o.same_output(&d) => {
                    o.mtime = e.mtime;
                    o.size = e.size;
                    docs.push(o);
                }
                (Some(d), o) => {
                    if !full {
                        changed.insert(d.id.clone(), o);
                    }
                    docs.push(d);
                }
                (None, Some(o)) if failed.contains(e.id.as_str()) => {
                    changed.insert(o.id.clone(), Some(o)); // now bad: left out
                }
                (None, Some(o)) => docs.push(o),
                (None, None) => {} // a new file that is bad
            }
        }
    }
    // The same article twice (same title and time): the first id keeps it. An incremental
    // run looks only at the titles and times of the articles it read: the others were told
    // apart last time (and a duplicate left out then has no record, so it is read again).
    let mut dups: HashSet<String> = HashSet::new();
    {
        fn key(d: &Doc) -> (&str, &str) {
            (d.title.trim(), d.published.as_str())
        }
        let read_docs: Vec<&Doc> = if full {
            Vec::new()
        } else {
            todo.iter().filter_map(|e| docs.binary_search_by(|d| d.id.cmp(&e.id)).ok().map(|i| &docs[i])).collect()
        };
        let read_now: rustc_hash::FxHashSet<(&str, &str)> = read_docs.iter().map(|d| key(d)).collect();
        // (The time first: a number in the record, where the key's texts are elsewhere.)
        let read_secs: rustc_hash::FxHashSet<i64> = read_docs.iter().map(|d| d.secs).collect();
        let mut seen: rustc_hash::FxHashMap<(&str, &str), &str> = Default::default();
        for d in docs.iter().filter(|d| full || (read_secs.contains(&d.secs) && read_now.contains(&key(d)))) {
            if let Some(first) = seen.insert(key(d), &d.id) {
                seen.insert(key(d), first);
                dups.insert(d.id.clone());
                bad.push((d.id.clone(), format!("{}: the same article as `{first}` (same title and publication time)", d.id)));
            }
        }
    }
    for d in docs.iter().filter(|d| !full && dups.contains(&d.id)) {
        changed.entry(d.id.clone()).or_insert_with(|| Some(d.clone()));
    }
    docs.retain(|d| !dups.contains(&d.id));
    changed.retain(|id, old| old.is_some() || docs.binary_search_by(|d| d.id.cmp(id)).is_ok());
    bad.sort();
    let read = todo.len();
    // The records an incremental run saves: of every article read, and of those gone.
    let journal: BTreeSet<String> =
        if full { BTreeSet::new() } else { todo.iter().map(|e| e.id.clone()).chain(changed.keys().cloned()).collect() };
    drop(todo);
    drop(entries); // the file list is not needed any more (~150 bytes an article)

    let new_names = names.list();
    let old_names: &[String] = old.as_ref().map_or(&[], |s| &s.names);
    let work = full || !changed.is_empty();
    // Home, the sitemap and the search ranks all list the corpus newest first.
    let mut home: Vec<u32> = if work { (0..docs.len() as u32).collect() } else { Vec::new() };
    newest_first(&docs, &mut home);
    let ctx = Ctx { opts, site: &site, settings, out: &out, names: &new_names, docs: &docs, home: &home };
    let diff = old.as_ref().filter(|_| work).map(|o| Diff::new(&ctx, old_len, o.search_shards, &changed));

    forward.sync()?;
    phases.push(("read", lap.elapsed()));
    let mut lap = Instant::now();
    let mut phase = |name: &'static str, lap: &mut Instant| {
        phases.push((name, lap.elapsed()));
        *lap = Instant::now();
    };
    if work {
        feeds(&ctx, diff.as_ref(), old_names)?;
        phase("feeds", &mut lap);
        related(&ctx, diff.as_ref(), old_names)?;
        phase("related", &mut lap);
        let search_note = search(&ctx, diff.as_ref(), &state_dir, &mut forward)?;
        notes.extend(search_note);
        phase("search", &mut lap);
        sitemap(&ctx, diff.as_ref())?;
        phase("sitemap", &mut lap);
    }
    // The own files of articles that are gone, and of duplicates read this run.
    for id in changed.keys().chain(&dups).filter(|id| ctx.pos(id).is_none()) {
        {
            out.remove(out_dir, &related_path(id));
            out.remove(out_dir, &oembed_path(id));
            if copy_articles {
                out.remove(out_dir, &article_data_path(id));
            }
            if let (Some((dir, _)), Some(page)) = (settings.pages, Route::Article(id.clone()).static_page()) {
                out.remove(dir, &page);
                if let Some(parent) = Path::new(&page).parent() {
                    let _ = fs::remove_dir(dir.join(parent));
                }
            }
        }
    }
    if let Some(written) = &out.written {
        remove_stale(&out, &written.lock().unwrap(), copy_articles);
    }
    let forward_len = forward.finish()?;
    let shards = state::load_meta(&state_dir).map_or(0, |m| m.0);

    let tags = new_names_used(&ctx);
    let count = ctx.docs.len();
    phase("cleanup", &mut lap);
    let state = State { version: state::VERSION, fingerprint, names: new_names, docs, search_shards: shards, forward_len };
    if full {
        state.save(&state_dir)?;
    } else {
        state.save_changes(&state_dir, journal.iter().map(String::as_str))?;
    }
    phase("state", &mut lap);
    // The process ends after the summary: freeing a million records one by one took 0.3 s
    // that the OS does at once.
    std::mem::forget(state);
    let s = &out.stats;
    let summary = format!(
        "{}indexed {} articles{}, {} tags, {} authors ({}, {} read); wrote {} files ({} bytes), {} unchanged, {} removed, to {} in {:.2?} ({})",
        notes.iter().map(|n| format!("{n}\n")).collect::<String>(),
        count,
        if bad.is_empty() { String::new() } else { format!(" ({} bad, left out)", bad.len()) },
        tags.0,
        tags.1,
        if full { "full" } else { "incremental" },
        read,
        s.written.load(Relaxed),
        s.bytes.load(Relaxed),
        s.unchanged.load(Relaxed),
        s.removed.load(Relaxed),
        out_dir.display(),
        started.elapsed(),
        phases.iter().map(|(n, t)| format!("{n} {:.2}s", t.as_secs_f64())).collect::<Vec<_>>().join(", ")
    );
    Ok(Report { summary, bad: bad.into_iter().map(|(_, why)| why).collect() })
}

fn dedup(ids: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn new_names_used(ctx: &Ctx) -> (usize, usize) {
    let (mut tags, mut authors) = (vec![false; ctx.names.len()], vec![false; ctx.names.len()]);
    for d in ctx.docs {
        d.tags.iter().for_each(|&t| tags[t as usize] = true);
        d.authors.iter().for_each(|&a| authors[a as usize] = true);
    }
    let count = |used: Vec<bool>| used.into_iter().filter(|&u| u).count();
    (count(tags), count(authors))
}

/// What every phase reads.
struct Ctx<'a> {
    opts: &'a IndexOptions,
    site: &'a str,
    settings: &'a Settings<'a>,
    out: &'a Out<'a>,
    names: &'a [String],
    /// The corpus, sorted by id.
    docs: &'a [Doc],
    /// Its positions newest first ([`newest_first`]).
    home: &'a [u32],
}

/// An incremental run: what the last run left, and what changed since.
struct Diff<'a> {
    /// How many articles the last run indexed.
    old_len: usize,
    /// Its search shards.
    search_shards: u32,
    /// The ids whose records differ, with the last run's record (`None`: a new article).
    changed: &'a BTreeMap<String, Option<Doc>>,
    /// The positions of those in the corpus now, sorted.
    changed_at: Vec<u32>,
    /// The last run's corpus newest first ([`Diff::before`] of `Ctx::home`).
    home_before: Vec<&'a str>,
}

impl<'a> Diff<'a> {
    fn new(ctx: &Ctx<'a>, old_len: usize, search_shards: u32, changed: &'a BTreeMap<String, Option<Doc>>) -> Diff<'a> {
        let changed_at = changed.keys().filter_map(|id| ctx.pos(id)).map(|i| i as u32).collect();
        let mut diff = Diff { old_len, search_shards, changed, changed_at, home_before: Vec::new() };
        diff.home_before = diff.before(ctx.docs, ctx.home, |_| true);
        diff
    }

    /// Whether the article at position `i` now changed.
    fn is_changed(&self, i: u32) -> bool {
        self.changed_at.binary_search(&i).is_ok()
    }

    /// The last run's records of the changed articles (the others are as they are now).
    fn old_records(&self) -> impl Iterator<Item = &'a Doc> {
        self.changed.values().flatten()
    }

    /// The ids of a list as the last run had it, newest first, from its members now (`now`,
    /// newest first): less the changed articles, plus the last run's records of changed
    /// articles that were in it (`was_in`). Every other article is unchanged, so it had the
    /// same place — no list of the last run needs to be kept or rebuilt.
    fn before<'b>(&self, docs: &'b [Doc], now: &[u32], was_in: impl Fn(&Doc) -> bool) -> Vec<&'b str>
    where
        'a: 'b,
    {
        // `newest_first`'s order: docs are sorted by id, so the position is the id's order.
        let key = |d: &'b Doc| (Reverse(d.secs), d.id.as_str());
        let mut gone: Vec<&'a Doc> = self.old_records().filter(|d| was_in(d)).collect();
        gone.sort_unstable_by_key(|d| key(d));
        let mut gone = gone.into_iter().peekable();
        let mut out = Vec::with_capacity(now.len() + self.changed.len());
        for &i in now {
            let d = &docs[i as usize];
            if self.is_changed(i) {
                continue;
            }
            while let Some(o) = gone.next_if(|o| key(o) < key(d)) {
                out.push(o.id.as_str());
            }
            out.push(d.id.as_str());
        }
        out.extend(gone.map(|o| o.id.as_str()));
        out
    }
}

impl Ctx<'_> {
    /// The position of article `id` in the corpus, if it is in it.
    fn pos(&self, id: &str) -> Option<usize> {
        self.docs.binary_search_by(|d| d.id.as_str().cmp(id)).ok()
    }

    fn item(&self, d: &Doc) -> FeedItem {
        let names = |ids: &[u32]| ids.iter().map(|&i| self.names[i as usize].clone()).collect::<Vec<_>>();
        FeedItem::new(
            &d.id,
            &d.title,
            d.summary.as_deref(),
            &d.published,
            names(&d.tags),
            &names(&d.authors),
            &self.names[d.source as usize],
            self.site,
        )
    }
}

/// Newest first: publication time, then id (`docs` is sorted by id, so by position).
fn newest_first(docs: &[Doc], idx: &mut [u32]) {
    idx.par_sort_unstable_by_key(|&i| (Reverse(docs[i as usize].secs), i));
}

/// A list: home (with an empty name), a tag or an author.
type ListKey = (FeedKind, String);

/// Every list: home (`ctx.home`), each tag, each author, with its members; newest first
/// for the lists in `sorted` (all when `None`), in corpus order for the others.
fn lists(ctx: &Ctx, sorted: Option<&BTreeSet<ListKey>>) -> BTreeMap<ListKey, Vec<u32>> {
    // By name number first: a name's text once per list, not once per member.
    let (mut tags, mut authors) = (vec![Vec::new(); ctx.names.len()], vec![Vec::new(); ctx.names.len()]);
    for (i, d) in ctx.docs.iter().enumerate() {
        for &t in &d.tags {
            tags[t as usize].push(i as u32);
        }
        for &a in &d.authors {
            authors[a as usize].push(i as u32);
        }
    }
    let named = |kind: ListKind, by_number: Vec<Vec<u32>>| {
        by_number
            .into_iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .map(move |(n, m)| ((FeedKind::List(kind), ctx.names[n].clone()), m))
    };
    let mut lists: BTreeMap<ListKey, Vec<u32>> = named(ListKind::Tag, tags).chain(named(ListKind::Author, authors)).collect();
    lists.par_iter_mut().filter(|(k, _)| sorted.is_none_or(|s| s.contains(*k))).for_each(|(_, members)| newest_first(ctx.docs, members));
    lists.insert((FeedKind::Home, String::new()), ctx.home.to_vec());
    lists
}

/// Feeds (home, tags, authors), their static first pages, `tags.json` and `authors.json`.
fn feeds(ctx: &Ctx, diff: Option<&Diff>, old_names: &[String]) -> Result<(), String> {
    let touched = diff.map(|diff| touched_lists(ctx, diff, old_names));
    let lists = lists(ctx, touched.as_ref());
    // Which lists to look at, and their members before (incremental runs).
    let (todo, before): (Vec<&ListKey>, HashMap<ListKey, Vec<&str>>) = match diff {
        None => (lists.keys().collect(), HashMap::new()),
        Some(diff) => {
            let touched = touched.as_ref().expect("computed for incremental runs");
            let before = touched
                .iter()
                .map(|k| match k.0 {
                    FeedKind::Home => (k.clone(), diff.home_before.clone()),
                    FeedKind::List(_) => {
                        let now = lists.get(k).map_or(&[][..], Vec::as_slice);
                        (k.clone(), diff.before(ctx.docs, now, |d| in_list(k, d, old_names)))
                    }
                })
                .filter(|(_, members)| !members.is_empty())
                .collect();
            let todo = touched.iter().filter_map(|k| lists.get_key_value(k).map(|(k, _)| k)).collect();
            let gone: Vec<ListKey> = touched.iter().filter(|k| !lists.contains_key(*k)).cloned().collect();
            for key in &gone {
                remove_feed(ctx, key, &before);
            }
            (todo, before)
        }
    };
    let size = ctx.opts.page_size.max(1);
    let bar = progress("feeds", todo.len());
    todo.par_iter().try_for_each(|key| -> Result<(), String> {
        let members = &lists[*key];
        let (kind, name) = (key.0, key.1.as_str());
        let stem = feed_stem(kind, name);
        let paging = Paging { len: members.len(), size };
        let title = match kind {
            FeedKind::Home => ctx.opts.title.clone(),
            FeedKind::List(list) => format!("{} · {}{name}", ctx.opts.title, ZH_CN.list_prefix(list)),
        };
        let home = format!("{}{}", ctx.site, list_route(kind, name).path().unwrap_or_default());
        let items = |range: std::ops::Range<usize>| members[range].iter().map(|&i| ctx.item(&ctx.docs[i as usize])).collect::<Vec<_>>();
        // The first page always (it is small); archive chunks from the first that can differ.
        let (path, feed) = Feed::page(&title, ctx.site, &home, &stem, paging, 0, items(paging.first()));
        ctx.out.data(&path, &pretty(&feed))?;
        if let Some((dir, renderer)) = ctx.settings.pages {
            let page = ListPage { kind, name, page: 1, pages: paging.pages() as u32, total: members.len(), feed: &feed };
            if let Some(o) = renderer.list(&page) {
                ctx.out.put(dir, &o.path, o.json.as_bytes())?;
            }
        }
        let chunks: Vec<usize> = match before.get(*key) {
            None => (1..paging.chunks()).collect(), // a full build, or a new list
            Some(old) => {
                let ids: Vec<&str> = members.iter().map(|&i| ctx.docs[i as usize].id.as_str()).collect();
                let changed = |p: usize| diff.is_some_and(|d| d.is_changed(members[p]));
                let old_paging = Paging { len: old.len(), size };
                for k in paging.chunks().max(1)..old_paging.chunks() {
                    ctx.out.remove(ctx.out.data, &feed_chunk_path(&stem, k));
                }
                stale_chunks(&ids, old, changed, paging)
            }
        };
        chunks.par_iter().try_for_each(|&k| {
            let (path, feed) = Feed::page(&title, ctx.site, &home, &stem, paging, k, items(paging.chunk(k)));
            ctx.out.data(&path, &pretty(&feed))
        })?;
        bar.inc(1);
        Ok(())
    })?;
    bar.finish_and_clear();
    // The tag and author lists (a list not sorted above finds its newest article by a scan).
    let entries = |kind: FeedKind| -> Vec<TagEntry> {
        let newest = |m: &[u32]| m.iter().copied().min_by_key(|&i| (Reverse(ctx.docs[i as usize].secs), i)).unwrap_or(0);
        let mut v: Vec<TagEntry> = lists
            .iter()
            .filter(|(k, m)| k.0 == kind && !m.is_empty())
            .map(|(k, m)| TagEntry { name: k.1.clone(), count: m.len(), latest: ctx.docs[newest(m) as usize].published.clone() })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        v
    };
    ctx.out.data(TAG_LIST_PATH, &pretty(&TagList { tags: entries(FeedKind::List(ListKind::Tag)) }))?;
    ctx.out.data(AUTHOR_LIST_PATH, &pretty(&AuthorList { authors: entries(FeedKind::List(ListKind::Author)) }))?;
    Ok(())
}

/// The lists an incremental run must look at: home, and every tag and author of a changed
/// article, before and after.
fn touched_lists(ctx: &Ctx, diff: &Diff, old_names: &[String]) -> BTreeSet<ListKey> {
    let mut touched: BTreeSet<ListKey> = BTreeSet::new();
    touched.insert((FeedKind::Home, String::new()));
    for (id, old) in diff.changed {
        if let Some(d) = old {
            touched.extend(d.tags.iter().map(|&t| (FeedKind::List(ListKind::Tag), old_names[t as usize].clone())));
            touched.extend(d.authors.iter().map(|&a| (FeedKind::List(ListKind::Author), old_names[a as usize].clone())));
        }
        if let Some(d) = ctx.pos(id).map(|i| &ctx.docs[i]) {
            touched.extend(d.tags.iter().map(|&t| (FeedKind::List(ListKind::Tag), ctx.names[t as usize].clone())));
            touched.extend(d.authors.iter().map(|&a| (FeedKind::List(ListKind::Author), ctx.names[a as usize].clone())));
        }
    }
    touched
}

/// Whether article `d` (whose name numbers are into `names`) is in the list `key`.
fn in_list(key: &ListKey, d: &Doc, names: &[String]) -> bool {
    let named = |ids: &[u32]| ids.iter().any(|&n| names[n as usize] == key.1);
    match key.0 {
        FeedKind::Home => true,
        FeedKind::List(ListKind::Tag) => named(&d.tags),
        FeedKind::List(ListKind::Author) => named(&d.authors),
    }
}

/// A list that no longer exists: its first page, chunks and static page go.
fn remove_feed(ctx: &Ctx, key: &ListKey, before: &HashMap<ListKey, Vec<&str>>) {
    let stem = feed_stem(key.0, &key.1);
    ctx.out.remove(ctx.out.data, &feed_first_page_path(&stem));
    let old = Paging { len: before.get(key).map_or(0, Vec::len), size: ctx.opts.page_size.max(1) };
    for k in 1..old.chunks() {
        ctx.out.remove(ctx.out.data, &feed_chunk_path(&stem, k));
    }
    let _ = fs::remove_dir(ctx.out.data.join(&stem));
    if let Some((dir, _)) = ctx.settings.pages {
        if let Some(page) = list_route(key.0, &key.1).static_page() {
            ctx.out.remove(dir, &page);
            if let Some(parent) = Path::new(&page).parent() {
                let _ = fs::remove_dir(dir.join(parent));
            }
        }
    }
}

/// The archive chunks of a list whose content can differ from the last run: from the first
/// oldest-first position where the lists differ (to the end when the length changed, else to
/// the last differing position), and those holding a changed article.
/// `changed(k)`: whether the article at newest-first index `k` of `new` changed.
fn stale_chunks(new: &[&str], old: &[&str], changed: impl Fn(usize) -> bool, paging: Paging) -> Vec<usize> {
    let size = paging.size;
    let (n, o) = (new.len(), old.len());
    // Oldest-first position p is newest-first index len - 1 - p.
    let at_new = |p: usize| new[n - 1 - p];
    let at_old = |p: usize| old[o - 1 - p];
    let mut first = 0;
    while first < n.min(o) && at_new(first) == at_old(first) {
        first += 1;
    }
    let mut set: BTreeSet<usize> = BTreeSet::new();
    let chunk_of = |p: usize| p / size + 1;
    if first < n || n != o {
        let last = if n == o {
            let mut last = n - 1;
            while last > first && at_new(last) == at_old(last) {
                last -= 1;
            }
            last
        } else {
            n.saturating_sub(1)
        };
        if first < n {
            set.extend(chunk_of(first)..=chunk_of(last));
        }
    }
    for p in 0..n {
        if changed(n - 1 - p) {
            set.insert(chunk_of(p));
        }
    }
    // Chunks that were part of the first page and are files now.
    let old_chunks = o / size;
    set.extend(old_chunks.max(1)..paging.chunks());
    set.into_iter().filter(|&k| k >= 1 && k < paging.chunks()).collect()
}

/// The related files: all for a full build; otherwise those of the articles whose terms'
/// weights, candidate windows or candidates' fields can have changed. An incremental run
/// does not index the whole corpus: it finds the affected articles from the postings of the
/// changed articles' terms, and writes their files from an index of the postings they read.
fn related(ctx: &Ctx, diff: Option<&Diff>, old_names: &[String]) -> Result<(), String> {
    use yuedu_core::related::weight;
    let nearest = ctx.settings.tuning.nearest;
    // One more article can move the corpus size to another half-octave: every weight changes.
    let diff = diff.filter(|d| weight(1, ctx.docs.len()) == weight(1, d.old_len));
    let Some(diff) = diff else {
        let all: Vec<usize> = (0..ctx.docs.len()).collect();
        return write_related(ctx, &RelatedIndex::new(rel_docs(ctx, &all)).with_nearest(nearest), &all, &all);
    };
    let affected = affected_related(ctx, diff, old_names, nearest);
    // The terms of the affected articles, each held from the first day any of them reads.
    let mut terms = Terms::default();
    for &i in &affected {
        terms.add(&ctx.docs[i], ctx.names);
    }
    let postings = terms.postings(ctx);
    let n = ctx.docs.len();
    let mut held: Vec<Option<Held>> = vec![None; terms.len()];
    for &i in &affected {
        let d = &ctx.docs[i];
        for t in terms.of(d, ctx.names) {
            let list = &postings[t];
            if weight(list.len(), n) == 0.0 {
                continue; // read by no window: not held
            }
            let read = RelatedIndex::window(list.len(), rel_day(d), nearest, |k| list[k].0);
            let from = list.get(read.start).map_or(i64::MAX, |e| e.0);
            let h = held[t].get_or_insert(Held { from_day: i64::MAX, older: 0 });
            h.from_day = h.from_day.min(from);
        }
    }
    let mut given: Vec<usize> = affected.clone();
    for (t, h) in held.iter_mut().enumerate() {
        if let Some(h) = h {
            let list = &postings[t];
            h.older = list.partition_point(|e| e.0 < h.from_day);
            given.extend(list[h.older..].iter().map(|e| e.1 as usize));
        }
    }
    given.par_sort_unstable();
    given.dedup();
    let index = RelatedIndex::partial(rel_docs(ctx, &given), n, &|is_tag, name| terms.number(is_tag, name).and_then(|t| held[t]))
        .with_nearest(nearest);
    let todo: Vec<usize> = affected.iter().filter_map(|i| given.binary_search(i).ok()).collect();
    if todo.iter().all(|&k| index.covers(k)) {
        write_related(ctx, &index, &given, &todo)
    } else {
        // Not expected (the postings held are those the windows read); correct, but slow.
        let all: Vec<usize> = (0..ctx.docs.len()).collect();
        write_related(ctx, &RelatedIndex::new(rel_docs(ctx, &all)).with_nearest(nearest), &all, &affected)
    }
}

/// Writes the related files of the articles at `index` positions `todo`; `at` maps them to
/// corpus positions.
fn write_related(ctx: &Ctx, index: &RelatedIndex, at: &[usize], todo: &[usize]) -> Result<(), String> {
    let bar = progress("related", todo.len());
    todo.par_iter().try_for_each(|&k| {
        let file = index.file(k);
        bar.inc(1);
        ctx.out.data(&related_path(&ctx.docs[at[k]].id), &compact(&file))
    })?;
    bar.finish_and_clear();
    Ok(())
}

/// The day of an article for related ranking: [`yuedu_core::related::day_of`] of its
/// publication time, from the seconds already read.
fn rel_day(d: &Doc) -> i64 {
    d.secs.div_euclid(86_400)
}

/// Some related terms — tags and keywords — numbered.
#[derive(Default)]
struct Terms {
    tags: rustc_hash::FxHashMap<String, usize>,
    keywords: rustc_hash::FxHashMap<String, usize>,
}

impl Terms {
    fn len(&self) -> usize {
        self.tags.len() + self.keywords.len()
    }

    /// The number of a tag (`is_tag`) or keyword, given one if it has none.
    fn insert(&mut self, is_tag: bool, name: &str) -> usize {
        if let Some(t) = self.number(is_tag, name) {
            return t;
        }
        let next = self.len();
        if is_tag { &mut self.tags } else { &mut self.keywords }.insert(name.to_owned(), next);
        next
    }

    /// Adds the terms of `d`, whose name numbers are into `names`.
    fn add(&mut self, d: &Doc, names: &[String]) {
        for (is_tag, name) in d.related_terms(names) {
            self.insert(is_tag, name);
        }
    }

    fn number(&self, is_tag: bool, name: &str) -> Option<usize> {
        if is_tag { &self.tags } else { &self.keywords }.get(name).copied()
    }

    /// The numbers of the terms of `d` (name numbers into `names`) that are here.
    fn of<'b>(&'b self, d: &'b Doc, names: &'b [String]) -> impl Iterator<Item = usize> + 'b {
        d.related_terms(names).filter_map(|(is_tag, name)| self.number(is_tag, name))
    }

    /// Each term's carriers in the corpus as `(day, position)`, in the related index's order
    /// (day, then position): one parallel pass over the articles.
    fn postings(&self, ctx: &Ctx) -> Vec<Vec<(i64, u32)>> {
        let tag: Vec<Option<usize>> = ctx.names.iter().map(|n| self.number(true, n)).collect();
        let lists = (0..ctx.docs.len())
            .into_par_iter()
            .with_min_len(1 << 16) // few parts: each is a list per term, concatenated after
            .fold(
                || vec![Vec::new(); self.len()],
                |mut lists: Vec<Vec<(i64, u32)>>, i| {
                    let d = &ctx.docs[i];
                    let day = rel_day(d);
                    for t in d.tags.iter().filter_map(|&t| tag[t as usize]).chain(d.keyword_list().filter_map(|k| self.number(false, k))) {
                        lists[t].push((day, i as u32));
                    }
                    lists
                },
            )
            .reduce(
                || vec![Vec::new(); self.len()],
                |mut a, b| {
                    for (x, y) in a.iter_mut().zip(b) {
                        x.extend(y);
                    }
                    a
                },
            );
        lists.into_par_iter().map(by_day).collect()
    }
}

/// Orders `list`, in position order, by day and then position: a counting sort by day when the
/// days span not much more than the list has entries (sorting was a fifth of an incremental
/// run at a million articles), else a sort.
fn by_day(mut list: Vec<(i64, u32)>) -> Vec<(i64, u32)> {
    let (Some(first), Some(last)) = (list.iter().map(|e| e.0).min(), list.iter().map(|e| e.0).max()) else { return list };
    let span = last.abs_diff(first) + 1;
    if span > 4 * list.len() as u64 + 4096 {
        list.sort_unstable();
        return list;
    }
    let mut start = vec![0usize; span as usize + 1];
    for e in &list {
        start[(e.0 - first) as usize + 1] += 1;
    }
    for k in 0..span as usize {
        start[k + 1] += start[k];
    }
    let mut out = vec![(0, 0); list.len()];
    for e in list {
        let at = &mut start[(e.0 - first) as usize];
        out[*at] = e;
        *at += 1;
    }
    out
}

/// What related ranking reads of the articles at `at`.
fn rel_docs<'a>(ctx: &Ctx<'a>, at: &[usize]) -> Vec<RelDoc<'a>> {
    at.par_iter()
        .map(|&i| {
            let d = &ctx.docs[i];
            RelDoc {
                id: &d.id,
                title: &d.title,
                published: &d.published,
                tags: d.tags.iter().map(|&t| ctx.names[t as usize].as_str()).collect(),
                keywords: d.keyword_list().collect(),
            }
        })
        .collect()
}

/// The articles whose related file can differ after the changes of `diff` (a superset), by
/// position.
fn affected_related(ctx: &Ctx, diff: &Diff, old_names: &[String], nearest: usize) -> Vec<usize> {
    use yuedu_core::related::weight;
    let (n_new, n_old) = (ctx.docs.len(), diff.old_len);
    let mut out: BTreeSet<usize> = BTreeSet::new();
    // Terms of the changed articles, before and after, with the changed carriers: (day, id)
    // of each before, and how many after.
    let mut terms = Terms::default();
    let mut carriers: Vec<(Vec<(i64, String)>, usize)> = Vec::new();
    let mut add = |d: &Doc, names: &[String], after: bool| {
        for (is_tag, name) in d.related_terms(names) {
            let k = terms.insert(is_tag, name);
            if k == carriers.len() {
                carriers.push(Default::default());
            }
            let (gone, came) = &mut carriers[k];
            if after {
                *came += 1;
            } else {
                gone.push((rel_day(d), d.id.clone()));
            }
        }
    };
    for (id, old) in diff.changed {
        if let Some(i) = ctx.pos(id) {
            out.insert(i);
            add(&ctx.docs[i], ctx.names, true);
        }
        if let Some(d) = old {
            add(d, old_names, false);
        }
    }
    let postings = terms.postings(ctx);
    for ((gone, came), after) in carriers.iter().zip(&postings) {
        // `after`: the carriers now, (day, position) in the index's order.
        let df_new = after.len();
        let df_old = df_new + gone.len() - came;
        let (w_new, w_old) = (weight(df_new, n_new), weight(df_old, n_old));
        if w_new != w_old {
            out.extend(after.iter().map(|&(_, j)| j as usize));
            continue;
        }
        if w_new == 0.0 {
            continue; // weighs nothing before and after: no window reads it
        }
        // The list before: after, less the changed articles (their new entries), plus their
        // old entries (`None`: not an article of today's positions). Both in (day, id) order:
        // `after` is, and the few old entries are merged in.
        let mut old_entries: Vec<(i64, &str)> = gone.iter().map(|(d, id)| (*d, id.as_str())).collect();
        old_entries.sort_unstable();
        let mut old_entries = old_entries.into_iter().peekable();
        let mut before: Vec<(i64, Option<u32>)> = Vec::with_capacity(after.len() + gone.len());
        for &(d, j) in after.iter().filter(|(_, j)| !diff.is_changed(*j)) {
            while old_entries.next_if(|o| *o < (d, ctx.docs[j as usize].id.as_str())).is_some() {
                before.push((d, None));
            }
            before.push((d, Some(j)));
        }
        before.extend(old_entries.map(|(d, _)| (d, None)));
        // Per list, how many changed entries precede each index.
        let marks = |len: usize, changed: &dyn Fn(usize) -> bool| -> Vec<usize> {
            let mut prefix = vec![0usize; len + 1];
            for k in 0..len {
                prefix[k + 1] = prefix[k] + usize::from(changed(k));
            }
            prefix
        };
        let pa = marks(after.len(), &|k| diff.is_changed(after[k].1));
        let pb = marks(before.len(), &|k| before[k].1.is_none());
        // A window depends on the day only, and carriers come in day order: one test a day.
        let mut last: Option<(i64, bool)> = None;
        for &(d, j) in after {
            if diff.is_changed(j) {
                continue;
            }
            let same = match last {
                Some((day, same)) if day == d => same,
                _ => {
                    let wa = RelatedIndex::window(after.len(), d, nearest, |k| after[k].0);
                    let wb = RelatedIndex::window(before.len(), d, nearest, |k| before[k].0);
                    // Same length, no changed entry in either, the same first and last.
                    let same = pa[wa.end] == pa[wa.start]
                        && pb[wb.end] == pb[wb.start]
                        && wa.len() == wb.len()
                        && (wa.is_empty()
                            || (Some(after[wa.start].1) == before[wb.start].1 && Some(after[wa.end - 1].1) == before[wb.end - 1].1));
                    last = Some((d, same));
                    same
                }
            };
            if !same {
                out.insert(j as usize);
            }
        }
    }
    out.into_iter().collect()
}

/// The search index: a full build groups every article's terms in passes over the terms file;
/// an incremental run updates the terms of the changed articles in their shards. Returns a
/// note when it had to rebuild.
fn search(ctx: &Ctx, diff: Option<&Diff>, state_dir: &Path, forward: &mut state::Forward) -> Result<Option<String>, String> {
    let tuning = ctx.settings.tuning;
    let n = ctx.docs.len() as u64;
    let shards_for = |entries: u64| -> u32 {
        let want = entries.div_ceil(tuning.shard_entries as u64).max(1);
        want.next_power_of_two().min(1 << 16) as u32
    };
    let mut note = None;
    if let Some(diff) = diff {
        match search_update(ctx, diff, state_dir, forward, &shards_for) {
            Ok(()) => return Ok(None),
            Err(why) => note = Some(format!("search index: {why}: rebuilt")),
        }
    }
    // Full: group (term, article, impact) in passes of bounded size over the terms file. Each
    // posting is one u128 — term hash, 255 − impact, the article's rank newest first — so
    // sorting them puts every term's articles best first (impact, newer, id).
    let mut rank = vec![0u32; ctx.docs.len()];
    for (r, &i) in ctx.home.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let total: u64 = ctx.docs.iter().map(|d| u64::from(d.fwd.1)).sum();
    // ~8 bytes of terms file per posting, 16 bytes a posting in memory, ≤ 384 MB a pass.
    let passes = (total / 8 * 16) / (384 << 20) + 1;
    // Until the shards are written, a kept article is its number in the corpus (the state's
    // `TermState` holds its id: at a million articles those strings were most of the peak).
    struct Grouped {
        term: String,
        df: u64,
        list: Vec<(u8, u32)>,
    }
    let mut terms: Vec<Grouped> = Vec::new();
    let bar = progress("search", passes as usize);
    for pass in 0..passes {
        let chunks: Vec<Vec<u128>> = ctx
            .docs
            .par_chunks(4096)
            .enumerate()
            .map(|(c, docs)| {
                let mut acc = Vec::new();
                for (k, d) in docs.iter().enumerate() {
                    let Ok(blob) = forward.read(d.fwd) else { continue };
                    let r = u128::from(rank[c * 4096 + k]);
                    for (t, w) in state::terms(&blob) {
                        let h = fnv64(t.as_bytes());
                        if h % passes == pass {
                            acc.push((u128::from(h) << 64) | (u128::from(255 - w) << 32) | r);
                        }
                    }
                }
                acc.sort_unstable();
                acc
            })
            .collect();
        // The sorted chunks merged as they are read (one copy of the postings in memory, not
        // two: the heap kept the freed chunks), a term at a time.
        let mut heads: BinaryHeap<Reverse<(u128, usize)>> = BinaryHeap::new();
        let mut at = vec![0usize; chunks.len()];
        for (c, chunk) in chunks.iter().enumerate() {
            if let Some(&x) = chunk.first() {
                heads.push(Reverse((x, c)));
            }
        }
        let mut next = || -> Option<u128> {
            let Reverse((x, c)) = heads.pop()?;
            at[c] += 1;
            if let Some(&y) = chunks[c].get(at[c]) {
                heads.push(Reverse((y, c)));
            }
            Some(x)
        };
        let mut pending = next();
        while let Some(first) = pending {
            let h = (first >> 64) as u64;
            let kept = |x: u128| (255 - ((x >> 32) & 0xff) as u8, ctx.home[(x & 0xffff_ffff) as usize]);
            let mut list = vec![kept(first)];
            let mut df = 1u64;
            pending = next();
            while let Some(x) = pending.filter(|x| (x >> 64) as u64 == h) {
                df += 1;
                if list.len() < tuning.search_keep {
                    list.push(kept(x));
                }
                pending = next();
            }
            // The term's text, from its best article's terms.
            let blob = forward.read(ctx.docs[list[0].1 as usize].fwd)?;
            let name = state::terms(&blob).find(|(t, _)| fnv64(t.as_bytes()) == h).map(|(t, _)| t.to_owned()).unwrap_or_default();
            terms.push(Grouped { term: name, df, list });
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let entries: u64 = terms.iter().map(|t| t.df.min(tuning.search_k as u64)).sum();
    let shards = shards_for(entries);
    let mut by_shard: Vec<Vec<Grouped>> = (0..shards).map(|_| Vec::new()).collect();
    for t in terms {
        by_shard[yuedu_core::search::shard_of(&t.term, shards) as usize].push(t);
    }
    state::clear_search(state_dir)?;
    by_shard.into_par_iter().enumerate().try_for_each(|(s, mut grouped)| {
        grouped.sort_by(|a, b| a.term.cmp(&b.term));
        let terms: Vec<TermState> = grouped
            .into_iter()
            .map(|g| {
                let list = g.list.into_iter().map(|(w, i)| (w, ctx.docs[i as usize].secs, ctx.docs[i as usize].id.clone())).collect();
                TermState { term: g.term, df: g.df, list }
            })
            .collect();
        state::save_shard(state_dir, s as u32, &terms)?;
        write_shard(ctx, s as u32, &terms)
    })?;
    state::save_meta(state_dir, shards, entries)?;
    ctx.out.data(SEARCH_MANIFEST_PATH, &compact(&SearchManifest { format: SEARCH_FORMAT.into(), docs: n, shards }))?;
    // Shards of an earlier, larger count.
    if let Ok(rd) = fs::read_dir(ctx.out.data.join("search")) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.strip_suffix(".json").and_then(|s| s.parse::<u32>().ok()).is_some_and(|s| s >= shards) {
                ctx.out.remove(&ctx.out.data.join("search"), &name);
            }
        }
    }
    Ok(note)
}

fn write_shard(ctx: &Ctx, s: u32, terms: &[TermState]) -> Result<(), String> {
    let k = ctx.settings.tuning.search_k;
    let shard = SearchShard {
        format: SHARD_FORMAT.into(),
        terms: terms
            .iter()
            .map(|t| TermPostings {
                term: t.term.clone(),
                df: t.df,
                docs: t.list.iter().take(k).map(|(w, _, id)| (id.clone(), *w)).collect(),
            })
            .collect(),
    };
    ctx.out.data(&search_shard_path(s), &compact(&shard))
}

/// Updates the shards of the changed articles' terms. Errs (and the caller rebuilds) when a
/// term's kept list ran short of what the shard shows, the shard count changes, or the state
/// cannot be read.
fn search_update(
    ctx: &Ctx,
    diff: &Diff,
    state_dir: &Path,
    forward: &mut state::Forward,
    shards_for: &dyn Fn(u64) -> u32,
) -> Result<(), String> {
    let tuning = ctx.settings.tuning;
    let shards = diff.search_shards;
    if shards == 0 {
        return Err("no shards".into());
    }
    // term → (removals, insertions)
    type Ops = (Vec<String>, Vec<(u8, i64, String)>);
    let mut ops: BTreeMap<String, Ops> = BTreeMap::new();
    for (id, old) in diff.changed {
        if let Some(d) = old {
            let blob = forward.read(d.fwd).map_err(|e| format!("terms file: {e}"))?;
            for (t, _) in state::terms(&blob) {
                ops.entry(t.to_owned()).or_default().0.push(id.clone());
            }
        }
        if let Some(i) = ctx.pos(id) {
            let d = &ctx.docs[i];
            let blob = forward.read(d.fwd).map_err(|e| format!("terms file: {e}"))?;
            for (t, w) in state::terms(&blob) {
                ops.entry(t.to_owned()).or_default().1.push((w, d.secs, id.clone()));
            }
        }
    }
    let mut by_shard: BTreeMap<u32, Vec<(&String, &Ops)>> = BTreeMap::new();
    for (t, o) in &ops {
        by_shard.entry(yuedu_core::search::shard_of(t, shards)).or_default().push((t, o));
    }
    let updated: Vec<(u32, Vec<TermState>, i64)> = by_shard
        .par_iter()
        .map(|(&s, todo)| -> Result<(u32, Vec<TermState>, i64), String> {
            let mut terms = state::load_shard(state_dir, s)?;
            let mut delta = 0i64;
            for (term, (gone, came)) in todo {
                let at = match terms.binary_search_by(|t| t.term.as_str().cmp(term)) {
                    Ok(at) => at,
                    Err(at) => {
                        terms.insert(at, TermState { term: (*term).clone(), df: 0, list: Vec::new() });
                        at
                    }
                };
                let t = &mut terms[at];
                let k = tuning.search_k as i64;
                delta -= (t.df as i64).min(k);
                t.remove(gone);
                t.insert(came, tuning.search_keep);
                if (t.list.len() as u64) < t.df.min(tuning.search_k as u64) {
                    return Err(format!("the kept articles of `{term}` ran short"));
                }
                delta += (t.df as i64).min(k);
            }
            terms.retain(|t| t.df > 0);
            Ok((s, terms, delta))
        })
        .collect::<Result<_, _>>()?;
    let old_entries = state::load_meta(state_dir)?.1;
    let entries = (old_entries as i64 + updated.iter().map(|u| u.2).sum::<i64>()).max(0) as u64;
    if shards_for(entries) != shards {
        return Err("the number of shards changes".into());
    }
    updated.par_iter().try_for_each(|(s, terms, _)| {
        state::save_shard(state_dir, *s, terms)?;
        write_shard(ctx, *s, terms)
    })?;
    state::save_meta(state_dir, shards, entries)?;
    ctx.out.data(SEARCH_MANIFEST_PATH, &compact(&SearchManifest { format: SEARCH_FORMAT.into(), docs: ctx.docs.len() as u64, shards }))?;
    Ok(())
}

/// `sitemap.xml` and its parts: articles oldest first in parts of `sitemap_urls` (a new
/// article changes the last part only), then the tag and author pages.
fn sitemap(ctx: &Ctx, diff: Option<&Diff>) -> Result<(), String> {
    let per = ctx.settings.tuning.sitemap_urls;
    let root = ctx.out.sitemap_root();
    // URLs are under the site; the sitemap files under its root, or under `data/` without --pages.
    let files_base = if ctx.out.site.is_some() { ctx.site.to_owned() } else { format!("{}data/", ctx.site) };
    let order: Vec<u32> = ctx.home.iter().rev().copied().collect(); // oldest first
    let old_ids: Option<Vec<&str>> = diff.map(|diff| diff.home_before.iter().rev().copied().collect());
    let parts = order.len().div_ceil(per).max(1);
    let todo: Vec<usize> = match (diff, old_ids) {
        (Some(diff), Some(old_ids)) => {
            let mut first = 0;
            while first < order.len().min(old_ids.len()) && ctx.docs[order[first] as usize].id == old_ids[first] {
                first += 1;
            }
            let mut set: BTreeSet<usize> = (first / per + 1..=parts).collect();
            if order.len() == old_ids.len() {
                let mut last = order.len();
                while last > first && ctx.docs[order[last - 1] as usize].id == old_ids[last - 1] {
                    last -= 1;
                }
                set = (first / per + 1..=(last.max(first + 1) - 1) / per + 1).collect();
            }
            for (p, &i) in order.iter().enumerate() {
                if diff.is_changed(i) {
                    set.insert(p / per + 1);
                }
            }
            for k in parts + 1..=old_ids.len().div_ceil(per) {
                ctx.out.remove(root, &sitemap_part_path(true, k));
            }
            set.into_iter().filter(|&k| k <= parts).collect()
        }
        _ => (1..=parts).collect(),
    };
    todo.par_iter().try_for_each(|&k| {
        let urls: Vec<(String, Option<String>)> = order[(k - 1) * per..(k * per).min(order.len())]
            .iter()
            .map(|&i| {
                let d = &ctx.docs[i as usize];
                (format!("{}{}", ctx.site, Route::Article(d.id.clone()).path().unwrap_or_default()), Some(d.published.clone()))
            })
            .collect();
        ctx.out.put(root, &sitemap_part_path(true, k), sitemap_urlset(&urls).as_bytes())
    })?;
    // List pages (tags; authors once the app has their page): few, rewritten whole (each
    // written only if it changed).
    let mut numbers: rustc_hash::FxHashSet<(FeedKind, u32)> = Default::default();
    for d in ctx.docs {
        numbers.extend(d.tags.iter().map(|&t| (FeedKind::List(ListKind::Tag), t)));
        numbers.extend(d.authors.iter().map(|&a| (FeedKind::List(ListKind::Author), a)));
    }
    let lists: BTreeSet<(FeedKind, &str)> = numbers.into_iter().map(|(kind, n)| (kind, ctx.names[n as usize].as_str())).collect();
    let list_urls: Vec<(String, Option<String>)> =
        lists.iter().filter_map(|(kind, name)| list_route(*kind, name).path()).map(|path| (format!("{}{path}", ctx.site), None)).collect();
    let list_parts = list_urls.len().div_ceil(per);
    for (k, chunk) in list_urls.chunks(per).enumerate() {
        ctx.out.put(root, &sitemap_part_path(false, k + 1), sitemap_urlset(chunk).as_bytes())?;
    }
    let mut k = list_parts + 1;
    while root.join(sitemap_part_path(false, k)).exists() {
        ctx.out.remove(root, &sitemap_part_path(false, k));
        k += 1;
    }
    let mut index: Vec<String> = (1..=parts).map(|k| format!("{files_base}{}", sitemap_part_path(true, k))).collect();
    index.extend((1..=list_parts).map(|k| format!("{files_base}{}", sitemap_part_path(false, k))));
    ctx.out.put(root, SITEMAP_PATH, sitemap_index(&index).as_bytes())
}

/// After a full build: removes every file `yuedu index` owns that this build did not write.
fn remove_stale(out: &Out, written: &HashSet<u64>, copy_articles: bool) {
    let mut candidates: Vec<PathBuf> = Vec::new();
    // Directories this run created hold only what it wrote: not walked.
    let dirs = out.dirs.lock().unwrap();
    let files = |dir: &Path, depth: usize, keep: &dyn Fn(&Path) -> bool, into: &mut Vec<PathBuf>| {
        fn walk(dir: &Path, depth: usize, keep: &dyn Fn(&Path) -> bool, dirs: &HashMap<PathBuf, bool>, into: &mut Vec<PathBuf>) {
            if dirs.get(dir) == Some(&true) {
                return;
            }
            let Ok(rd) = fs::read_dir(dir) else { return };
            for e in rd.flatten() {
                let p = e.path();
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    if depth > 0 {
                        walk(&p, depth - 1, keep, dirs, into);
                    }
                } else if keep(&p) {
                    into.push(p);
                }
            }
        }
        walk(dir, depth, keep, &dirs, into);
    };
    let json = |p: &Path| p.extension().is_some_and(|x| x == "json");
    let data = out.data;
    for e in fs::read_dir(data).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_file()
            && name.ends_with(".json")
            && (name.starts_with(HOME_FEED_STEM) || [SEARCH_MANIFEST_PATH, TAG_LIST_PATH, AUTHOR_LIST_PATH].contains(&name.as_str()))
        {
            candidates.push(e.path());
        }
    }
    // The directories of what this module writes (route.rs's paths): feeds' chunks, the named
    // lists' feeds and chunks, related files, oEmbed documents, search shards.
    let dir_of = |path: String| path.split('/').next().unwrap_or_default().to_owned();
    let mut subs = vec![(HOME_FEED_STEM.to_owned(), 0)];
    subs.extend(ListKind::ALL.iter().map(|row| (row.2.to_owned(), 1)));
    subs.extend([related_path("x"), oembed_path("x"), search_shard_path(0)].map(|p| (dir_of(p), 0)));
    for (sub, depth) in subs {
        files(&data.join(sub), depth, &json, &mut candidates);
    }
    if copy_articles {
        files(&data.join(dir_of(article_data_path("x"))), 0, &json, &mut candidates);
    }
    let root = out.sitemap_root();
    candidates.push(root.join(SITEMAP_PATH));
    files(&root.join("sitemap"), 0, &|p: &Path| p.extension().is_some_and(|x| x == "xml"), &mut candidates);
    if let Some(site) = out.site {
        for sub in static_page_dirs() {
            files(&site.join(sub), 1, &|p: &Path| p.file_name().is_some_and(|n| n == "index.html"), &mut candidates);
        }
    }
    drop(dirs);
    for p in candidates {
        if !written.contains(&fnv64(p.as_os_str().as_encoded_bytes())) && fs::remove_file(&p).is_ok() {
            drop_precompressed(&p);
            out.stats.removed.fetch_add(1, Relaxed);
            if let Some(parent) = p.parent() {
                let _ = fs::remove_dir(parent); // empty tag/author chunk and page directories
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::by_day;

    #[test]
    fn by_day_orders_by_day_then_position_whatever_the_span() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for span in [1, 30, 3650, 1_000_000, 3_000_000_000] {
            // Positions ascending, as the postings pass gives them; days anywhere in the span,
            // some before 1970.
            let list: Vec<(i64, u32)> = (0..500u32).map(|i| (next(span) as i64 - 1000, i * 3)).collect();
            let mut sorted = list.clone();
            sorted.sort_unstable();
            assert_eq!(by_day(list), sorted, "span {span}");
        }
        assert_eq!(by_day(Vec::new()), Vec::new());
    }
}
