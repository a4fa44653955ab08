//! End-to-end tests of the `yuedu` binary: the commands publishers run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yuedu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuedu")).args(args).current_dir(repo()).output().expect("yuedu runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yuedu-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn ingesting_the_seed_reproduces_the_committed_article() {
    let out = yuedu(&["ingest", "tests/fixtures/pages/000_c6c151299a20712a.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string(repo().join("public/data/articles/c6c151299a20712a.json")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed, "re-run: cargo run -p yuedu-cli -- ingest tests/fixtures/pages/000_c6c151299a20712a.txt -o public/data/articles/c6c151299a20712a.json");
}

#[test]
fn the_seed_article_has_its_body_once_and_no_site_chrome() {
    let json = std::fs::read_to_string(repo().join("public/data/articles/c6c151299a20712a.json")).unwrap();
    let article = yuedu_core::Article::from_json(json.as_bytes()).unwrap();
    let text = article.body_text();
    assert_eq!(text.matches("累计为建始投入财政资金9500万元").count(), 1);
    for junk in ["推荐阅读", "相关文章", "京ICP", "投诉电话", "59195820", "版权所有", "全面推进乡村振兴", "总监审", "标签"]
    {
        assert!(!text.contains(junk) && !article.title.contains(junk), "site chrome `{junk}` leaked into the article");
    }
    let headings = article.body.iter().filter(|b| matches!(b, yuedu_core::Block::Heading { .. })).count();
    let leads = article.body.iter().filter(|b| matches!(b, yuedu_core::Block::Lead { .. })).count();
    assert_eq!((headings, leads), (3, 7));
}

#[test]
fn ingest_names_what_is_missing_and_fails() {
    let dir = temp_dir("bad-page");
    let page = dir.join("page.txt");
    std::fs::write(&page, "只是一些文字\n没有时间和来源\n").unwrap();
    let out = yuedu(&["ingest", page.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("page.txt") && err.contains("时间"), "{err}");
}

#[test]
fn index_writes_a_json_feed_of_the_corpus() {
    let out_dir = temp_dir("index");
    let out = yuedu(&["index", "public/data/articles", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("indexed "));
    let feed = yuedu_core::feed::Feed::from_json(&std::fs::read(out_dir.join("feed.json")).unwrap()).unwrap();
    assert!(feed.items.iter().any(|i| i.id == "c6c151299a20712a"));
    // Every file the index writes is committed, byte for byte.
    let mut written = Vec::new();
    for sub in ["", "tags", "authors", "related", "search", "feed", "sitemap"] {
        let Ok(entries) = std::fs::read_dir(out_dir.join(sub)) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() && path.extension().is_some_and(|e| e == "json" || e == "xml") {
                written.push(path.strip_prefix(&out_dir).unwrap().to_owned());
            }
        }
    }
    assert!(written.len() >= 4, "{written:?}");
    for rel in &written {
        let committed = std::fs::read(repo().join("public/data").join(rel)).unwrap_or_default();
        assert_eq!(
            std::fs::read(out_dir.join(rel)).unwrap(),
            committed,
            "public/data/{} is stale: run `yuedu index public/data/articles public/data`",
            rel.display()
        );
    }
}

#[test]
fn index_names_an_invalid_article_leaves_it_out_and_publishes_the_rest() {
    let articles = temp_dir("index-bad-in");
    let out_dir = temp_dir("index-bad-out");
    std::fs::copy(repo().join("public/data/articles/c6c151299a20712a.json"), articles.join("c6c151299a20712a.json")).unwrap();
    std::fs::write(articles.join("broken.json"), "{\"format\": \"yuedu-article/1\", \"id\": \"broken\"").unwrap();
    let out = yuedu(&["index", articles.to_str().unwrap(), out_dir.to_str().unwrap()]);
    assert!(!out.status.success(), "a bad article makes the exit code 1");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.json") && err.contains("not valid JSON"), "{err}");
    let feed = yuedu_core::feed::Feed::from_json(&std::fs::read(out_dir.join("feed.json")).unwrap()).unwrap();
    assert_eq!(feed.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["c6c151299a20712a"], "the rest is published");
    assert!(!out_dir.join("related/broken.json").exists());
}

#[test]
fn index_removes_pages_an_earlier_run_wrote() {
    let out_dir = temp_dir("index-stale");
    std::fs::create_dir_all(out_dir.join("tags")).unwrap();
    for stale in ["feed-9.json", "tags/旧标签.json", "keep.txt"] {
        std::fs::write(out_dir.join(stale), "{}").unwrap();
    }
    let out = yuedu(&["index", "public/data/articles", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out_dir.join("feed-9.json").exists() && !out_dir.join("tags/旧标签.json").exists());
    assert!(out_dir.join("keep.txt").exists(), "files yuedu does not own are left alone");
    assert!(out_dir.join("tags/协同振兴.json").exists() && out_dir.join("tags.json").exists());
}

#[test]
fn index_with_an_absolute_site_writes_oembed_documents() {
    let out_dir = temp_dir("index-oembed");
    let out = yuedu(&["index", "public/data/articles", out_dir.to_str().unwrap(), "--site", "https://example.org/reader"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(out_dir.join("oembed/c6c151299a20712a.json")).unwrap()).unwrap();
    assert_eq!(doc["type"], "rich");
    assert_eq!(doc["version"], "1.0");
    assert_eq!(doc["provider_url"], "https://example.org/reader/");
    let html = doc["html"].as_str().unwrap();
    assert!(html.contains(r#"src="https://example.org/reader/embed/article/c6c151299a20712a?frame=yuedu-c6c151299a20712a""#), "{html}");
    assert!(html.contains(r#"<script async src="https://example.org/reader/embed.js"></script>"#), "{html}");
    // A relative site has no origin to embed from: the documents go away with it.
    let out = yuedu(&["index", "public/data/articles", out_dir.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!out_dir.join("oembed/c6c151299a20712a.json").exists());
}

#[test]
fn help_documents_every_subcommand() {
    let out = yuedu(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for sub in ["ingest", "index", "serve"] {
        assert!(help.contains(sub), "{help}");
    }
}

fn yuedu_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("yuedu runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn metrics_writes_one_json_array_per_line_with_the_contract_fields() {
    let out = yuedu_stdin(&["metrics"], "两区累计投入财政资金9500万元，提供岗位15000多个。\n没有数字的一行\n\n2021年以来\n".as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    let first = lines[0].as_array().unwrap();
    assert_eq!(first.len(), 2);
    let mut keys: Vec<&str> = first[1].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["end", "kind", "label", "qualifier", "start", "text", "unit", "upper", "value"]);
    assert!(stdout.starts_with(r#"[{"text":"9500万元","start":10,"end":16,"value":"#), "{stdout}");
    assert_eq!(first[0]["text"], "9500万元");
    assert_eq!((first[0]["start"].as_u64(), first[0]["end"].as_u64()), (Some(10), Some(16)));
    assert_eq!(first[0]["value"], 95_000_000.0);
    assert!(first[0].get("upper").is_none(), "upper is omitted when there is none");
    assert_eq!((first[1]["kind"].as_str(), first[1]["qualifier"].as_str()), (Some("people"), Some("over")), "15000多个岗位 counts jobs");
    for empty in &lines[1..] {
        assert_eq!(empty, &serde_json::json!([]));
    }
}

#[test]
fn metrics_names_the_line_with_bad_utf8_and_fails_cleanly() {
    let out = yuedu_stdin(&["metrics"], b"9500\xe4\xb8\x87\xe5\x85\x83\nok\n\xff\xfe\n");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2, "lines before the bad one are written");
}

#[test]
fn csp_for_static_hosts_allows_the_start_up_script_of_every_page() {
    let dir = temp_dir("csp-pages");
    std::fs::create_dir_all(dir.join("article/a1")).unwrap();
    std::fs::create_dir_all(dir.join("tag/t")).unwrap();
    std::fs::write(dir.join("shell.html"), "<script type=module>start()</script>").unwrap();
    std::fs::write(dir.join("index.html"), "<script type=module>await paint();start()</script>").unwrap();
    std::fs::write(dir.join("article/a1/index.html"), "<script type=module>await paint();start()</script>").unwrap();
    std::fs::write(dir.join("tag/t/index.html"), "<script type=module>await paint();start()</script>").unwrap();
    let out = yuedu(&["csp", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let policy = String::from_utf8(out.stdout).unwrap();
    // The shell's script and the static pages' variant, each once.
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
}

#[test]
fn csp_for_nginx_sets_the_variable_deploy_nginx_conf_sends() {
    let dir = temp_dir("csp-nginx");
    std::fs::write(dir.join("index.html"), "<script type=module>start()</script>").unwrap();
    let policy = String::from_utf8(yuedu(&["csp", dir.to_str().unwrap()]).stdout).unwrap();
    let out = yuedu(&["csp", dir.to_str().unwrap(), "--nginx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let snippet = String::from_utf8(out.stdout).unwrap();
    let line = snippet.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(line, format!("set $yuedu_csp \"{}\";", policy.trim()));
    // Nothing in the policy can end or escape nginx's double-quoted string.
    assert!(!policy.trim().contains(['"', '\\', '$']), "{policy}");
    let nginx_conf = std::fs::read_to_string(repo().join("deploy/nginx.conf")).unwrap();
    assert!(nginx_conf.contains("add_header Content-Security-Policy $yuedu_csp always;"));
}

/// Issue 17: a directory of pages is ingested in parallel with one report line per page; a bad
/// page is named with its problem, the others are still written, and the exit code says one
/// failed.
#[test]
fn ingest_of_a_directory_reports_each_page_and_fails_if_one_did() {
    let pages = temp_dir("batch-in");
    let out_dir = temp_dir("batch-out");
    for (from, to) in [
        ("tests/fixtures/pages/000_c6c151299a20712a.txt", "000_c6c151299a20712a.txt"),
        ("tests/fixtures/pages/html/trs.html", "trs.html"),
        ("tests/fixtures/pages/dev/34314-yunlong.txt", "yunlong.txt"),
    ] {
        std::fs::copy(repo().join(from), pages.join(to)).unwrap();
    }
    std::fs::write(pages.join("notes.md"), "not a page").unwrap();
    let out = yuedu(&["ingest", pages.to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 3, "one line per page, notes.md skipped:\n{report}");
    assert!(
        lines[0].starts_with("ok ") && lines[0].contains("000_c6c151299a20712a.txt") && lines[0].contains("c6c151299a20712a.json"),
        "{report}"
    );
    assert!(lines[1].starts_with("ok ") && lines[1].contains("trs.html"), "{report}");
    assert!(lines[2].starts_with("FAIL") && lines[2].contains("yunlong.txt") && lines[2].contains("no source"), "{report}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ingested 2 of 3 pages"));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 2);
    let seed = std::fs::read_to_string(out_dir.join("c6c151299a20712a.json")).unwrap();
    assert_eq!(seed, std::fs::read_to_string(repo().join("public/data/articles/c6c151299a20712a.json")).unwrap());

    // The flag supplies what the page lacks (and is the same for every page of the batch).
    let out = yuedu(&["ingest", pages.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "--source", "34314新闻"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 3);
}

#[test]
fn ingest_flags_supply_a_single_pages_missing_fields() {
    let dir = temp_dir("flags");
    let page = dir.join("page.txt");
    std::fs::write(&page, "山区小学的第一堂编程课\n\n孩子们围坐在电脑前，用积木式的编程工具让小猫在屏幕上跳舞。\n").unwrap();
    let out = yuedu(&["ingest", page.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no publication time"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = yuedu(&[
        "ingest",
        page.to_str().unwrap(),
        "--published",
        "2023-09-01 08:00",
        "--source",
        "乡村教育网",
        "--author",
        "李明",
        "--id",
        "school-code",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a = yuedu_core::Article::from_json(&out.stdout).unwrap();
    assert_eq!((a.id.as_str(), a.published.as_str(), a.source.name.as_str()), ("school-code", "2023-09-01T08:00:00+08:00", "乡村教育网"));
    assert_eq!(a.authors, ["李明"]);
}
