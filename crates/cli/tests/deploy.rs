//! `yuedu deploy` against a real S3-compatible server — moto in server mode, from the venv
//! `scripts/setup` installs in `.cache/moto`, one server per test — and to a directory.
//!
//! The order of requests comes from the server itself (moto's request recorder); failures
//! come from a small proxy in front of it that answers chosen requests with errors.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{Attribute, ObjectStore, ObjectStoreExt};

const PREFIX: &str = "site";
const MANIFEST: &str = ".yuedu-deploy/manifest.json.gz";
const PENDING: &str = ".yuedu-deploy/pending.json";

// ---- the S3 tests ----

#[test]
fn s3_uploads_everything_then_nothing_then_only_what_changed() {
    let s3 = S3::start("first");
    let site = Site::new("s3-counts");
    site.write(1);
    let out = s3.deploy(&site.dir, &[]);
    assert_eq!(uploaded(&out), version(1).len(), "first deploy uploads every file");
    assert_eq!(s3.keys(), keys_with_manifest(1));
    assert_eq!(s3.contents(), version(1), "every object holds its file");

    let requests = s3.mutations().len();
    assert_eq!(uploaded(&s3.deploy(&site.dir, &[])), 0, "no change, no upload");
    assert_eq!(s3.mutations().len(), requests, "and no request that changes anything");

    // Rewritten with the same content (a rebuild): new modification time, same hash.
    std::fs::write(site.dir.join("data/tags.json"), &version(1)["data/tags.json"]).unwrap();
    assert_eq!(uploaded(&s3.deploy(&site.dir, &[])), 0, "same content is not uploaded again");

    std::fs::write(site.dir.join("data/articles/a1.json"), "{\"id\":\"a1\",\"title\":\"改\"}").unwrap();
    let before = s3.mutations().len();
    let out = s3.deploy(&site.dir, &[]);
    assert_eq!((uploaded(&out), deleted(&out)), (1, 0), "{}", stderr(&out));
    let puts: Vec<String> = s3.mutations()[before..].iter().filter(|(m, _)| m == "PUT").map(|(_, k)| k.clone()).collect();
    assert_eq!(puts, [PENDING, "data/articles/a1.json", MANIFEST], "one site object, between the bookkeeping");
    assert!(!s3.keys().contains(PENDING), "the pending record is removed after a complete deploy");
}

#[test]
fn s3_objects_carry_content_type_encoding_and_caching() {
    let s3 = S3::start("headers");
    let site = Site::new("s3-headers");
    site.write(1);
    s3.deploy(&site.dir, &[]);
    let immutable = "public, max-age=31536000, immutable";
    for (key, content_type, encoding, cache) in [
        ("yuedu-web-1111111111111111_bg.wasm", "application/wasm", None, immutable),
        ("yuedu-web-1111111111111111_bg.wasm.br", "application/wasm", Some("br"), immutable),
        ("yuedu-web-1111111111111111.js", "text/javascript; charset=utf-8", None, immutable),
        ("yuedu-web-1111111111111111.js.gz", "text/javascript; charset=utf-8", Some("gzip"), immutable),
        ("main-aaaaaaaaaaaaaaaa.css", "text/css; charset=utf-8", None, immutable),
        ("split_pages-2222222222222222.wasm", "application/wasm", None, immutable),
        ("shell.html", "text/html; charset=utf-8", None, "no-cache"),
        ("shell.html.br", "text/html; charset=utf-8", Some("br"), "no-cache"),
        ("index.html", "text/html; charset=utf-8", None, "no-cache"),
        ("sw.js", "text/javascript; charset=utf-8", None, "no-cache"),
        ("manifest.webmanifest", "application/manifest+json", None, "no-cache"),
        ("favicon.svg", "image/svg+xml", None, "no-cache"),
        ("icons/icon-192.png", "image/png", None, "no-cache"),
        ("data/feed.json", "application/json; charset=utf-8", None, "no-cache"),
        ("data/feed.json.gz", "application/json; charset=utf-8", Some("gzip"), "no-cache"),
        ("data/tags/协同振兴.json", "application/json; charset=utf-8", None, "no-cache"),
        ("tag/协同振兴/index.html", "text/html; charset=utf-8", None, "no-cache"),
    ] {
        let attributes = s3.attributes(key);
        assert_eq!(attributes.get(&Attribute::ContentType).map(|v| v.as_ref()), Some(content_type), "{key}");
        assert_eq!(attributes.get(&Attribute::ContentEncoding).map(|v| v.as_ref()), encoding, "{key}");
        assert_eq!(attributes.get(&Attribute::CacheControl).map(|v| v.as_ref()), Some(cache), "{key}");
    }
}

#[test]
fn s3_uploads_assets_then_data_then_pages_then_the_shell_and_deletes_last() {
    let s3 = S3::start("order");
    let site = Site::new("s3-order");
    site.write(1);
    s3.deploy(&site.dir, &[]);
    site.write(2);
    let before = s3.mutations().len();
    let out = s3.deploy(&site.dir, &["--keep-old-assets", "0"]);
    assert_eq!((uploaded(&out), deleted(&out)), (V2_UPLOADS.iter().map(|g| g.len()).sum(), V2_DELETES.len()), "{}", stderr(&out));
    let requests = &s3.mutations()[before..];
    let position = |key: &str| requests.iter().position(|(m, k)| m == "PUT" && k == key).unwrap_or_else(|| panic!("{key} not uploaded"));
    assert_eq!(requests[0], ("PUT".into(), PENDING.into()), "the pending record comes before any change");
    for pair in V2_UPLOADS.windows(2) {
        let last = pair[0].iter().map(|k| position(k)).max().unwrap();
        let first = pair[1].iter().map(|k| position(k)).min().unwrap();
        assert!(last < first, "{:?} must all be uploaded before {:?}: {requests:?}", pair[0], pair[1]);
    }
    let delete = requests.iter().position(|(m, k)| m == "DELETE" && V2_DELETES.contains(&k.as_str())).expect("stale objects deleted");
    let deleted_keys: BTreeSet<&str> = requests.iter().filter(|(m, _)| m == "DELETE").map(|(_, k)| k.as_str()).collect();
    assert!(V2_DELETES.iter().all(|k| deleted_keys.contains(k)), "{deleted_keys:?}");
    assert!(position("sw.js") < delete, "deletes come after the last upload");
    assert!(delete < position(MANIFEST), "the manifest is written once the site is complete");
    assert_eq!(s3.keys(), keys_with_manifest(2));
    assert_eq!(s3.contents(), version(2));
}

#[test]
fn s3_failure_midway_leaves_the_old_site_whole_and_the_next_deploy_finishes() {
    let s3 = S3::start("failure");
    let site = Site::new("s3-failure");
    site.write(1);
    s3.deploy(&site.dir, &[]);
    site.write(2);
    // Every upload of a static page fails (the server answers 500 each time it is retried).
    let proxy = Proxy::start(s3.port, Fault::Always("/article/"));
    let out = s3.deploy_via(proxy.port, &site.dir, &["--retries", "2"]);
    assert!(!out.status.success(), "a failed upload fails the deploy");
    assert!(stderr(&out).contains("pages phase"), "{}", stderr(&out));
    // Files of the phases that ran (assets, loaders, data, pages) may be new; the shell and the worker
    // are the old ones, and nothing the old site references is gone.
    let remote = s3.contents();
    let moved_on: Vec<&str> = V2_UPLOADS[..4].concat();
    for (key, bytes) in version(1) {
        if !moved_on.contains(&key.as_str()) {
            assert_eq!(remote.get(&key), Some(&bytes), "{key}: the old site is intact");
        }
    }
    assert!(V2_DELETES.iter().all(|k| remote.contains_key(*k)), "nothing was deleted");
    assert!(remote.contains_key("yuedu-web-3333333333333333_bg.wasm"), "the new assets went first");
    assert!(s3.keys().contains(PENDING), "what the deploy meant to change is recorded");

    // The data file that was uploaded goes back to its old content locally: the manifest still
    // says that content is there, but the pending record knows better.
    std::fs::write(site.dir.join("data/feed.json"), &version(1)["data/feed.json"]).unwrap();
    let out = s3.deploy(&site.dir, &["--keep-old-assets", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut expected = version(2);
    expected.insert("data/feed.json".into(), version(1)["data/feed.json"].clone());
    assert_eq!(s3.contents(), expected, "the next deploy makes the bucket equal the tree");
    assert!(!s3.keys().contains(PENDING));
}

#[test]
fn s3_transient_errors_are_retried() {
    let s3 = S3::start("retry");
    let site = Site::new("s3-retry");
    site.write(1);
    // The first attempt of every upload gets 503 Slow Down, as S3 answers when throttling.
    let proxy = Proxy::start(s3.port, Fault::FirstAttempt);
    let out = s3.deploy_via(proxy.port, &site.dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(uploaded(&out), version(1).len());
    assert_eq!(proxy.refused(), version(1).len() + 2, "each site object, the pending record and the manifest were refused once");
    assert_eq!(s3.contents(), version(1));
}

#[test]
fn s3_dry_run_lists_the_changes_and_makes_none() {
    let s3 = S3::start("dry");
    let site = Site::new("s3-dry");
    site.write(1);
    s3.deploy(&site.dir, &[]);
    site.write(2);
    let before = s3.mutations().len();
    let out = s3.deploy(&site.dir, &["--dry-run", "--keep-old-assets", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("upload assets") && listing.contains("yuedu-web-3333333333333333_bg.wasm"), "{listing}");
    assert!(listing.contains("delete data/articles/a2.json"), "{listing}");
    assert_eq!(listing.lines().count(), V2_UPLOADS.iter().map(|g| g.len()).sum::<usize>() + V2_DELETES.len());
    assert_eq!(s3.mutations().len(), before, "a dry run changes nothing");
    assert_eq!(s3.contents(), version(1));
}

#[test]
fn s3_keeps_old_hashed_assets_for_pages_opened_before_the_deploy() {
    let s3 = S3::start("keep");
    let site = Site::new("s3-keep");
    site.write(1);
    s3.deploy(&site.dir, &[]);
    site.write(2);
    let out = s3.deploy(&site.dir, &[]);
    let old_assets: Vec<&str> = V2_DELETES.iter().copied().filter(|k| k.starts_with("yuedu-web-") || k.starts_with("reader-")).collect();
    assert_eq!(deleted(&out), V2_DELETES.len() - old_assets.len(), "the removed article's files go at once");
    assert!(stderr(&out).contains(&format!("{} old assets kept", old_assets.len())), "{}", stderr(&out));
    let remote = s3.contents();
    for key in &old_assets {
        assert_eq!(remote.get(*key), version(1).get(*key), "{key} is still there for a page open on the old shell");
    }
    assert_eq!(uploaded(&s3.deploy(&site.dir, &[])), 0, "kept assets are not uploaded again");
    // Once they have been stale long enough (here: at once), they go.
    let out = s3.deploy(&site.dir, &["--keep-old-assets", "0"]);
    assert_eq!((uploaded(&out), deleted(&out)), (0, old_assets.len()));
    assert_eq!(s3.contents(), version(2));
}

// ---- the directory tests ----

#[test]
fn dir_deploy_has_the_same_semantics_atomic_per_file() {
    let site = Site::new("dir-src");
    let dest = temp_dir("dir-dest");
    let to = dest.join("www");
    site.write(1);
    let dry = yuedu_deploy(&site.dir, to.to_str().unwrap(), &["--dry-run"]);
    assert!(dry.status.success() && !to.exists(), "a dry run creates nothing");
    let out = yuedu_deploy(&site.dir, to.to_str().unwrap(), &[]);
    assert_eq!(uploaded(&out), version(1).len(), "{}", stderr(&out));
    assert_eq!(tree(&to), version(1));
    assert_eq!(uploaded(&yuedu_deploy(&site.dir, to.to_str().unwrap(), &[])), 0);

    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let shell_inode = inode(&to.join("shell.html"));
    site.write(2);
    let out = yuedu_deploy(&site.dir, to.to_str().unwrap(), &["--verbose", "--keep-old-assets", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tree(&to), version(2), "the directory equals the new tree");
    assert!(!to.join("article/a2").exists(), "directories left empty are removed");
    assert_ne!(inode(&to.join("shell.html")), shell_inode, "files are replaced by a rename, never rewritten in place");

    // --verbose reports each change as it completes: the same order as on S3.
    let log = stderr(&out);
    let position = |line: &str| log.lines().position(|l| l == line).unwrap_or_else(|| panic!("no `{line}` in {log}"));
    for pair in V2_UPLOADS.windows(2) {
        let last = pair[0].iter().map(|k| position(&format!("uploaded {k}"))).max().unwrap();
        let first = pair[1].iter().map(|k| position(&format!("uploaded {k}"))).min().unwrap();
        assert!(last < first, "{:?} before {:?}:\n{log}", pair[0], pair[1]);
    }
    let first_delete = V2_DELETES.iter().map(|k| position(&format!("deleted {k}"))).min().unwrap();
    assert!(position("uploaded sw.js") < first_delete, "{log}");
}

#[test]
fn the_index_state_is_never_published() {
    let site = Site::new("dir-state-src");
    site.write(1);
    let state = site.dir.join("data/.yuedu-index");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("state.bin"), "the publisher's own").unwrap();
    let to = temp_dir("dir-state-dest").join("www");
    let out = yuedu_deploy(&site.dir, to.to_str().unwrap(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(uploaded(&out), version(1).len(), "{}", stderr(&out));
    assert!(!to.join("data/.yuedu-index").exists());
}

#[test]
fn dir_failure_midway_leaves_the_old_site_whole() {
    let site = Site::new("dir-fail-src");
    let to = temp_dir("dir-fail-dest").join("www");
    site.write(1);
    yuedu_deploy(&site.dir, to.to_str().unwrap(), &[]);
    site.write(2);
    // A file where the new article's page directory must go: its page cannot be written.
    std::fs::write(to.join("article/a3"), b"in the way").unwrap();
    let out = yuedu_deploy(&site.dir, to.to_str().unwrap(), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("pages phase"), "{}", stderr(&out));
    let now = tree(&to);
    // The pages phase failed part-way: pages may be new (the home page among them), the shell
    // and the worker are the old ones, and nothing the old site references is gone.
    for key in ["shell.html", "sw.js", "yuedu-web-1111111111111111_bg.wasm", "data/articles/a2.json", "article/a2/index.html"] {
        assert_eq!(now.get(key), version(1).get(key), "{key}: the old site is intact");
    }
    std::fs::remove_file(to.join("article/a3")).unwrap();
    let out = yuedu_deploy(&site.dir, to.to_str().unwrap(), &["--keep-old-assets", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tree(&to), version(2));
}

#[test]
fn unchanged_size_and_time_are_trusted_unless_checksum_is_asked() {
    let site = Site::new("dir-quick-src");
    let to = temp_dir("dir-quick-dest").join("www");
    site.write(1);
    yuedu_deploy(&site.dir, to.to_str().unwrap(), &[]);
    // Same size, same modification time, other content: only --checksum reads it (rsync's rule).
    let path = site.dir.join("data/tags.json");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let changed = version(1)["data/tags.json"].replacen('{', "[", 1);
    std::fs::write(&path, &changed).unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
    assert_eq!(uploaded(&yuedu_deploy(&site.dir, to.to_str().unwrap(), &[])), 0);
    assert_eq!(uploaded(&yuedu_deploy(&site.dir, to.to_str().unwrap(), &["--checksum"])), 1);
    assert_eq!(std::fs::read_to_string(to.join("data/tags.json")).unwrap(), changed);
}

// ---- the two versions of a small built site ----

/// The files v2 uploads over v1, phase by phase (what the deploy must order).
const V2_UPLOADS: [&[&str]; 6] = [
    &[
        "yuedu-web-3333333333333333_bg.wasm",
        "yuedu-web-3333333333333333_bg.wasm.br",
        "yuedu-web-3333333333333333.js",
        "yuedu-web-3333333333333333.js.gz",
        "reader-3333333333333333.wasm",
    ],
    &["reader.js"],
    &["data/feed.json", "data/feed.json.gz", "data/tags/协同振兴.json", "data/articles/a3.json", "data/related/a3.json"],
    &["article/a3/index.html", "index.html", "tag/协同振兴/index.html", "_headers"],
    &["shell.html", "shell.html.br"],
    &["sw.js"],
];
const V2_DELETES: [&str; 8] = [
    "yuedu-web-1111111111111111_bg.wasm",
    "reader-1111111111111111.wasm",
    "yuedu-web-1111111111111111_bg.wasm.br",
    "yuedu-web-1111111111111111.js",
    "yuedu-web-1111111111111111.js.gz",
    "data/articles/a2.json",
    "data/related/a2.json",
    "article/a2/index.html",
];

/// A built site as `scripts/build` lays it out: v1 has articles a1 and a2; v2 is a new build
/// (new wasm and glue names) that adds a3 and removes a2.
fn version(v: u32) -> BTreeMap<String, String> {
    let hash = if v == 1 { "1111111111111111" } else { "3333333333333333" };
    let articles: &[&str] = if v == 1 { &["a1", "a2"] } else { &["a1", "a3"] };
    let list = articles.join(",");
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |key: &str, text: String| files.insert(key.to_string(), text);
    add(&format!("yuedu-web-{hash}_bg.wasm"), format!("\0asm wasm {hash}"));
    add(&format!("yuedu-web-{hash}_bg.wasm.br"), format!("brotli of wasm {hash}"));
    add(&format!("yuedu-web-{hash}.js"), format!("import wasm {hash}"));
    add(&format!("yuedu-web-{hash}.js.gz"), format!("gzip of glue {hash}"));
    add(&format!("reader-{hash}.wasm"), format!("\0asm reader {hash}"));
    add("reader.js", format!("fetch('reader-{hash}.wasm')"));
    add("main-aaaaaaaaaaaaaaaa.css", "body{}".into());
    add("split_pages-2222222222222222.wasm", "\0asm chunk".into());
    add("shell.html", format!("<!doctype html><link href=\"yuedu-web-{hash}_bg.wasm\">"));
    add("shell.html.br", format!("brotli of the shell {hash}"));
    add("index.html", format!("<!doctype html><script src=\"yuedu-web-{hash}.js\"></script><ul>{list}</ul>"));
    add("sw.js", format!("precache([\"shell.html\",\"yuedu-web-{hash}_bg.wasm\"])"));
    add("_headers", format!("/*\n  Content-Security-Policy: script-src 'sha256-{hash}'\n"));
    add("manifest.webmanifest", "{\"name\":\"阅读\"}".into());
    add("favicon.svg", "<svg/>".into());
    add("icons/icon-192.png", "\u{89}PNG".into());
    add("workbox/workbox-sw.js", "workbox".into());
    add("data/feed.json", format!("{{\"items\":\"{list}\"}}"));
    add("data/feed.json.gz", format!("gzip of feed {list}"));
    add("data/tags.json", "{\"tags\":[\"协同振兴\"]}".into());
    add("data/tags/协同振兴.json", format!("{{\"items\":\"{list}\"}}"));
    add("tag/协同振兴/index.html", format!("<ul>{list}</ul>"));
    for id in articles {
        add(&format!("data/articles/{id}.json"), format!("{{\"id\":\"{id}\"}}"));
        add(&format!("data/related/{id}.json"), format!("{{\"related\":\"{id}\"}}"));
        add(&format!("article/{id}/index.html"), format!("<h1>{id}</h1>"));
    }
    files
}

fn keys_with_manifest(v: u32) -> BTreeSet<String> {
    version(v).into_keys().chain([MANIFEST.to_string()]).collect()
}

/// A local site directory, rewritten to a version (files of other versions removed).
struct Site {
    dir: PathBuf,
}

impl Site {
    fn new(name: &str) -> Site {
        Site { dir: temp_dir(name).join("dist") }
    }

    fn write(&self, v: u32) {
        let files = version(v);
        for key in tree(&self.dir).keys().filter(|k| !files.contains_key(*k)) {
            std::fs::remove_file(self.dir.join(key)).unwrap();
        }
        for (key, bytes) in files {
            let path = self.dir.join(&key);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            if std::fs::read_to_string(&path).ok().as_ref() != Some(&bytes) {
                std::fs::write(&path, bytes).unwrap();
            }
        }
    }
}

/// Every file below `dir` (the deploy's own `.yuedu-deploy/` left out) with its content.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                if path != root.join(".yuedu-deploy") {
                    walk(root, &path, out);
                }
            } else {
                let key = path.strip_prefix(root).unwrap().to_str().unwrap().to_string();
                assert!(!key.contains('#'), "a temporary file was left behind: {key}");
                out.insert(key, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

// ---- running the command ----

fn yuedu_deploy(dir: &Path, to: &str, extra: &[&str]) -> Output {
    yuedu_deploy_env(dir, to, extra, &[])
}

fn yuedu_deploy_env(dir: &Path, to: &str, extra: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yuedu"));
    command.arg("deploy").arg(dir).args(["--to", to]).args(extra);
    for var in ["AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"] {
        command.env_remove(var);
    }
    command.envs(env.iter().map(|(k, v)| (k, v))).output().expect("yuedu runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The summary's counts: `…: 3 uploaded (1,234 bytes), 10 unchanged, 1 deleted in 20ms`.
fn summary_count(out: &Output, word: &str) -> usize {
    let err = stderr(out);
    assert!(out.status.success(), "deploy failed: {err}");
    let line = err.lines().last().unwrap_or("");
    let before = line.split(word).next().unwrap_or("");
    let number = before.trim_end().rsplit([' ', ',']).next().unwrap_or("");
    number.parse().unwrap_or_else(|_| panic!("no `N {word}` in {line:?}"))
}

fn uploaded(out: &Output) -> usize {
    summary_count(out, " uploaded")
}

fn deleted(out: &Output) -> usize {
    summary_count(out, " deleted")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yuedu-deploy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- the S3 server ----

/// A moto server of its own, its request recording, and a bucket. The server exits when the
/// test ends, even if the test process is killed: it watches its stdin, which closes then.
struct S3 {
    port: u16,
    bucket: String,
    recording: PathBuf,
    server: Child,
    _stdin: ChildStdin,
    store: AmazonS3,
    runtime: tokio::runtime::Runtime,
}

impl S3 {
    fn start(name: &str) -> S3 {
        let venv = std::env::var_os("YUEDU_MOTO").map(PathBuf::from).unwrap_or_else(|| repo().join(".cache/moto"));
        let python = venv.join("bin/python");
        assert!(python.exists(), "no S3 test server at {}: run `bash scripts/setup` (it installs moto there)", venv.display());
        let port = free_port();
        let recording = temp_dir(&format!("moto-{name}")).join("recording.jsonl");
        let watcher = "import os, sys, threading\n\
                       threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()\n\
                       from moto.server import main\n\
                       main(sys.argv[1:])";
        let mut server = Command::new(python)
            .args(["-c", watcher, "-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_ENABLE_RECORDING", "1")
            .env("MOTO_RECORDER_FILEPATH", &recording)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto starts");
        let stdin = server.stdin.take().unwrap();
        let started = Instant::now();
        while http(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "moto did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let bucket = format!("yuedu-{name}");
        let created = http(port, &format!("PUT /{bucket} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).unwrap();
        assert!(created.starts_with("HTTP/1.1 200"), "{created}");
        let store = AmazonS3Builder::new()
            .with_endpoint(format!("http://127.0.0.1:{port}"))
            .with_allow_http(true)
            .with_bucket_name(&bucket)
            .with_region("us-east-1")
            .with_access_key_id("test")
            .with_secret_access_key("test")
            .build()
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        S3 { port, bucket, recording, server, _stdin: stdin, store, runtime }
    }

    fn deploy(&self, dir: &Path, extra: &[&str]) -> Output {
        self.deploy_via(self.port, dir, extra)
    }

    /// Deploys through `port` (the server's, or a proxy's), credentials from the environment.
    fn deploy_via(&self, port: u16, dir: &Path, extra: &[&str]) -> Output {
        let to = format!("s3://{}/{PREFIX}", self.bucket);
        let mut args = vec!["--endpoint"];
        let endpoint = format!("http://127.0.0.1:{port}");
        args.push(&endpoint);
        args.extend(extra);
        let env = [("AWS_ACCESS_KEY_ID", "test".into()), ("AWS_SECRET_ACCESS_KEY", "test".into()), ("AWS_REGION", "us-east-1".into())];
        yuedu_deploy_env(dir, &to, &args, &env)
    }

    /// Every key below the prefix.
    fn keys(&self) -> BTreeSet<String> {
        self.runtime.block_on(async {
            use futures::TryStreamExt;
            let listed: Vec<_> = self.store.list(Some(&Key::from(PREFIX))).try_collect().await.unwrap();
            listed.into_iter().map(|m| m.location.as_ref().strip_prefix(&format!("{PREFIX}/")).unwrap().to_string()).collect()
        })
    }

    /// Every site object and its content (the bookkeeping left out).
    fn contents(&self) -> BTreeMap<String, String> {
        let keys = self.keys();
        keys.into_iter()
            .filter(|k| !k.starts_with(".yuedu-deploy/"))
            .map(|k| {
                let bytes = self.runtime.block_on(async { self.store.get(&self.key(&k)).await.unwrap().bytes().await.unwrap() });
                (k, String::from_utf8(bytes.to_vec()).unwrap())
            })
            .collect()
    }

    fn attributes(&self, key: &str) -> object_store::Attributes {
        self.runtime.block_on(async { self.store.get(&self.key(key)).await.unwrap().attributes })
    }

    fn key(&self, key: &str) -> Key {
        Key::parse(format!("{PREFIX}/{key}")).unwrap()
    }

    /// The requests that changed the bucket, in the order the server received them: (`PUT`,
    /// key) and, for each key of a DeleteObjects request, (`DELETE`, key).
    fn mutations(&self) -> Vec<(String, String)> {
        use base64::Engine;
        let text = std::fs::read_to_string(&self.recording).unwrap_or_default();
        let in_bucket = format!("/{}/{PREFIX}/", self.bucket);
        let mut out = Vec::new();
        for line in text.lines() {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            let (method, url) = (entry["method"].as_str().unwrap(), entry["url"].as_str().unwrap());
            let path = url.split_once("127.0.0.1").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
            let path = format!("/{path}");
            if method == "PUT" {
                if let Some(key) = path.strip_prefix(&in_bucket) {
                    out.push(("PUT".into(), percent_decode(key)));
                }
            } else if method == "DELETE" {
                if let Some(key) = path.strip_prefix(&in_bucket) {
                    out.push(("DELETE".into(), percent_decode(key)));
                }
            } else if method == "POST" && path.ends_with("?delete") {
                let body = entry["body"].as_str().unwrap_or("");
                let body = if entry["body_encoded"].as_bool() == Some(true) {
                    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap()
                } else {
                    body.to_string()
                };
                for part in body.split("<Key>").skip(1) {
                    let key = part.split("</Key>").next().unwrap();
                    if let Some(key) = key.strip_prefix(&format!("{PREFIX}/")) {
                        out.push(("DELETE".into(), key.replace("&amp;", "&")));
                    }
                }
            }
        }
        out
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One raw HTTP exchange (moto answers unsigned requests for bucket creation).
fn http(port: u16, request: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

// ---- a proxy that fails chosen requests ----

enum Fault {
    /// Every upload whose path contains this answers 500 Internal Error.
    Always(&'static str),
    /// The first attempt of every upload answers 503 Slow Down.
    FirstAttempt,
}

struct Proxy {
    port: u16,
    refused: Arc<Mutex<usize>>,
}

impl Proxy {
    /// Forwards one request per connection to the server on `upstream` (the answer says
    /// `Connection: close`, as moto's does), except those `fault` picks.
    fn start(upstream: u16, fault: Fault) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let refused = Arc::new(Mutex::new(0));
        let seen = Arc::new(Mutex::new(HashSet::new()));
        let (fault, count) = (Arc::new(fault), refused.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (fault, seen, count) = (fault.clone(), seen.clone(), count.clone());
                std::thread::spawn(move || {
                    let _ = forward(client, upstream, &fault, &seen, &count);
                });
            }
        });
        Proxy { port, refused }
    }

    fn refused(&self) -> usize {
        *self.refused.lock().unwrap()
    }
}

fn forward(client: TcpStream, upstream: u16, fault: &Fault, seen: &Mutex<HashSet<String>>, refused: &Mutex<usize>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.trim().parse().unwrap()))
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let request_line = head.lines().next().unwrap_or("").to_string();
    let refuse = request_line.starts_with("PUT ")
        && match fault {
            Fault::Always(part) => request_line.contains(part),
            Fault::FirstAttempt => seen.lock().unwrap().insert(request_line.clone()),
        };
    let mut client = client;
    if refuse {
        *refused.lock().unwrap() += 1;
        let (status, code) = match fault {
            Fault::Always(_) => ("500 Internal Server Error", "InternalError"),
            Fault::FirstAttempt => ("503 Slow Down", "SlowDown"),
        };
        let xml = format!("<?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>injected</Message></Error>");
        write!(
            client,
            "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
            xml.len()
        )?;
        return Ok(());
    }
    let mut server = TcpStream::connect(("127.0.0.1", upstream))?;
    server.write_all(head.as_bytes())?;
    server.write_all(&body)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    client.write_all(&response)
}
