//! `yuedu index` run incrementally writes exactly what a full rebuild writes: after additions
//! (newest and back-dated), deletions, re-tags, re-authoring, edits of the text, moves in time,
//! bad articles, touched files and a corrupt state — byte for byte over the whole output tree,
//! static pages and sitemap included. Small pages, shards, candidate windows and kept search
//! lists (`YUEDU_INDEX_TUNING`) make a few dozen articles cross every boundary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use yuedu_core::synthetic::synthetic_article;
use yuedu_core::Article;

const TUNING: &str = "3,5,20,7,6"; // search k, kept, postings per shard, sitemap URLs, nearest

const SHELL: &str =
    r#"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>阅读</title><base href=/><div id=app><main id=main>loading</main></div>"#;

struct Dirs {
    root: PathBuf,
}

impl Dirs {
    fn new(name: &str) -> Dirs {
        let root = std::env::temp_dir().join(format!("yuedu-incr-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("articles")).unwrap();
        Dirs { root }
    }
    fn articles(&self) -> PathBuf {
        self.root.join("articles")
    }
    fn write(&self, a: &Article) {
        std::fs::write(self.articles().join(format!("{}.json", a.id)), a.to_json_pretty()).unwrap();
    }
    fn remove(&self, id: &str) {
        std::fs::remove_file(self.articles().join(format!("{id}.json"))).unwrap();
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Runs `yuedu index` into `site/data` with static pages in `site`, told the files of
/// `changed` ids changed when there are any (`--changed`); returns (success, stderr).
fn index_named(articles: &Path, site: &Path, changed: &[String]) -> (bool, String) {
    std::fs::create_dir_all(site).unwrap();
    std::fs::write(site.join("shell.html"), SHELL).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["index", articles.to_str().unwrap(), site.join("data").to_str().unwrap(), "--page-size", "4", "--site", "https://e.org/r/"])
        .args(["--pages", site.to_str().unwrap()])
        .args(if changed.is_empty() { vec![] } else { vec!["--changed".to_owned()] })
        .args(changed.iter().map(|id| articles.join(format!("{id}.json"))))
        .env("YUEDU_INDEX_TUNING", TUNING)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn index(articles: &Path, site: &Path) -> (bool, String) {
    index_named(articles, site, &[])
}

/// Every file under `dir` but the index state, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            if rel.contains(".yuedu-index") {
                continue;
            }
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The incremental site equals a full build of the same articles (a fresh site each time).
fn check(d: &Dirs, step: &str) -> String {
    check_named(d, step, &[])
}

/// [`check`], the incremental run told which files changed (`--changed`) when any are named.
fn check_named(d: &Dirs, step: &str, changed: &[String]) -> String {
    let (ok_incr, log) = index_named(&d.articles(), &d.root.join("incr"), changed);
    let full = d.root.join(format!("full-{step}"));
    let (ok_full, full_log) = index(&d.articles(), &full);
    assert_eq!(ok_incr, ok_full, "{step}: exit status\n{log}\n{full_log}");
    assert!(log.contains("incremental") || step == "start" || log.contains("full rebuild"), "{step}: {log}");
    let (a, b) = (tree(&d.root.join("incr")), tree(&full));
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(only_a.is_empty() && only_b.is_empty(), "{step}: only incremental {only_a:?}, only full {only_b:?}\n{log}");
    // The comparison covers the static pages the app's components render (SSR), not only data.
    let page = |dir: &str| a.keys().any(|k| k.starts_with(dir) && k.ends_with("/index.html"));
    assert!(!ok_full || (page("article/") && page("tag/")), "{step}: no static pages written: {:?}", a.keys().collect::<Vec<_>>());
    assert!(!ok_full || String::from_utf8_lossy(&a["index.html"]).contains("<div id=app data-static=\"\">"), "{step}: the home page");
    assert!(a.keys().filter(|k| k.ends_with("index.html")).all(|k| String::from_utf8_lossy(&a[k]).contains("<div id=app data-static=\"")));
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{step}: {path} differs\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path])
        );
    }
    std::fs::remove_dir_all(&full).unwrap();
    eprintln!("{step}: {log}");
    log
}

fn written(log: &str) -> usize {
    let at = log.rfind("wrote ").unwrap() + "wrote ".len();
    log[at..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn incremental_runs_write_what_a_full_rebuild_writes() {
    let d = Dirs::new("equiv");
    let mut arts: Vec<Article> = (0..60).map(synthetic_article).collect();
    for a in &arts {
        d.write(a);
    }
    check(&d, "start");

    // Nothing changed: nothing written.
    let log = check(&d, "again");
    assert_eq!(written(&log), 0, "{log}");

    // New articles: the newest, and one dated years back (it shifts the older pages).
    let mut fresh = synthetic_article(1000);
    fresh.published = "2026-01-01T08:00:00+08:00".into();
    let mut old = synthetic_article(1001);
    old.published = "2019-06-01T08:00:00+08:00".into();
    d.write(&fresh);
    d.write(&old);
    let log = check(&d, "add");
    assert!(written(&log) < 200, "an addition rewrites what it touches, not everything: {log}");

    // Deletions, old and new.
    d.remove(&arts[3].id);
    d.remove(&arts[40].id);
    d.remove(&fresh.id);
    check(&d, "delete");

    // Re-tag, re-author, edit the text, move in time.
    arts[5].tags = vec!["全新标签".into(), arts[9].tags[0].clone()];
    d.write(&arts[5]);
    arts[6].authors = vec!["新作者".into(), "合成作者1".into()];
    d.write(&arts[6]);
    arts[7].body.push(yuedu_core::Block::Paragraph { text: "一段新的正文提到独特词语龘龘和茶叶。".into() });
    d.write(&arts[7]);
    arts[8].published = "2021-03-04T10:00:00+08:00".into();
    d.write(&arts[8]);
    check(&d, "edit");

    // A tag's last article goes: its feed and page go too.
    d.remove(&arts[5].id);
    check(&d, "tag-gone");

    // Bad articles are left out and reported; the rest is published.
    std::fs::write(d.articles().join("broken.json"), "{\"format\": \"yuedu-article/1\", \"id\": \"broken\"").unwrap();
    let mut twin = arts[10].clone();
    twin.id = "zz-twin".into();
    d.write(&twin);
    let log = check(&d, "bad");
    assert!(log.contains("broken.json") && log.contains("zz-twin"), "{log}");
    std::fs::remove_file(d.articles().join("broken.json")).unwrap();
    d.remove("zz-twin");
    check(&d, "bad-gone");

    // A new article with an earlier id, the same title and time: it keeps the place, and the
    // unchanged article it duplicates is left out — and comes back when the new one goes.
    let mut first = arts[12].clone();
    first.id = "aa-twin".into();
    d.write(&first);
    let log = check(&d, "twin-first");
    assert!(log.contains(&format!("{}: the same article as `aa-twin`", arts[12].id)), "{log}");
    d.remove("aa-twin");
    check(&d, "twin-first-gone");

    // A touched file, the same bytes: read again, nothing written.
    d.write(&arts[11]);
    let log = check(&d, "touch");
    assert_eq!(written(&log), 0, "{log}");

    // Many removals of the best articles of common terms: the kept search lists run short and
    // the search index is rebuilt from the terms file, still the same bytes.
    for a in arts.iter().skip(20).take(15) {
        d.remove(&a.id);
    }
    check(&d, "many-deletes");

    // A corrupt state: a message, a full rebuild, the same bytes.
    let state = d.root.join("incr/data/.yuedu-index/state.bin");
    let mut bytes = std::fs::read(&state).unwrap();
    let n = bytes.len();
    bytes.truncate(n / 2);
    std::fs::write(&state, bytes).unwrap();
    let log = check(&d, "corrupt");
    assert!(log.contains("corrupt") && log.contains("full rebuild"), "{log}");

    // An interrupted run is not trusted.
    std::fs::write(d.root.join("incr/data/.yuedu-index/running"), "").unwrap();
    let log = check(&d, "interrupted");
    assert!(log.contains("interrupted"), "{log}");
}

#[test]
fn precompressed_copies_of_rewritten_or_removed_files_go() {
    let d = Dirs::new("precompressed");
    let arts: Vec<Article> = (0..6).map(synthetic_article).collect();
    for a in &arts {
        d.write(a);
    }
    let site = d.root.join("site");
    assert!(index(&d.articles(), &site).0);
    // What scripts/build's precompress step leaves beside the files.
    let gone_page = format!("article/{}/index.html", arts[0].id);
    let copies = ["index.html.br", "index.html.gz", "data/feed.json.br", "shell.html.br", &format!("{gone_page}.br")];
    for copy in copies {
        std::fs::write(site.join(copy), "the old content, compressed").unwrap();
    }
    d.remove(&arts[0].id);
    let mut fresh = synthetic_article(100);
    fresh.published = "2030-01-01T08:00:00+08:00".into();
    d.write(&fresh);
    let (ok, log) = index(&d.articles(), &site);
    assert!(ok, "{log}");
    for copy in &copies[..3] {
        assert!(!site.join(copy).exists(), "{copy}: a copy of the old home page or feed would be served in place of the new");
    }
    assert!(!site.join(&gone_page).exists() && !site.join(format!("{gone_page}.br")).exists(), "the removed article's page and its copy");
    assert!(!site.join(format!("article/{}", arts[0].id)).exists(), "its directory, now empty");
    assert!(site.join("shell.html.br").exists(), "what the index does not write is not its to remove");
}

#[test]
fn strict_writes_nothing_when_an_article_is_bad() {
    let d = Dirs::new("strict");
    d.write(&synthetic_article(0));
    std::fs::write(d.articles().join("bad.json"), "{}").unwrap();
    let site = d.root.join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["index", d.articles().to_str().unwrap(), site.join("data").to_str().unwrap(), "--strict"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
    assert!(!site.join("data/feed.json").exists());
}

/// Rounds of random changes (seeded, so a failure repeats), each checked against a full build.
#[test]
fn random_rounds_of_changes_stay_equal_to_full_rebuilds() {
    let d = Dirs::new("random");
    let mut live: Vec<Article> = (0..50).map(synthetic_article).collect();
    for a in &live {
        d.write(a);
    }
    check(&d, "start");
    // YUEDU_TEST_SEED=n runs another sequence.
    let mut seed: u64 = std::env::var("YUEDU_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x2545_f491_4f6c_dd1d);
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut fresh = 2000;
    for round in 0..8 {
        // The files changed this round: named to every other run (`--changed`), found by the others.
        let mut changed: Vec<String> = Vec::new();
        for _ in 0..1 + next(4) {
            match next(5) {
                0 => {
                    let mut a = synthetic_article(fresh);
                    fresh += 1;
                    a.published = format!("20{:02}-0{}-1{}T08:00:00+08:00", 19 + next(8), 1 + next(9), next(10));
                    d.write(&a);
                    changed.push(a.id.clone());
                    live.push(a);
                }
                1 if live.len() > 10 => {
                    let a = live.swap_remove(next(live.len()));
                    d.remove(&a.id);
                    changed.push(a.id);
                }
                2 => {
                    let k = next(live.len());
                    let other = live[next(live.len())].tags.clone();
                    live[k].tags = other;
                    d.write(&live[k]);
                    changed.push(live[k].id.clone());
                }
                3 => {
                    let k = next(live.len());
                    live[k].published = format!("202{}-1{}-0{}T09:30:00+08:00", next(6), next(3), 1 + next(9));
                    d.write(&live[k]);
                    changed.push(live[k].id.clone());
                }
                _ => {
                    let k = next(live.len());
                    live[k].title = format!("{}（改）", live[k].title);
                    live[k].authors = vec![format!("合成作者{}", next(60))];
                    d.write(&live[k]);
                    changed.push(live[k].id.clone());
                }
            }
        }
        let named = if round % 2 == 1 { changed.as_slice() } else { &[] };
        check_named(&d, &format!("round-{round}"), named);
    }
}
