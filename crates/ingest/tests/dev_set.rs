//! The development set of real pages (`tests/fixtures/pages/dev/`, a copy of
//! `shared/ingest-dev/`, whose README says how to read each `NAME.expect.json`) and the seed.

use std::path::{Path, PathBuf};

use serde_json::Value;
use yuedu_core::{Article, Block};
use yuedu_ingest::{ingest_page, IngestOptions};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pages")
}

/// `--source 34314新闻` → the options it stands for.
fn options(flags: &str) -> IngestOptions {
    let mut opts = IngestOptions::default();
    let mut words = flags.split_whitespace();
    while let Some(flag) = words.next() {
        let value = words.next().unwrap().to_owned();
        match flag {
            "--source" => opts.source = Some(value),
            "--published" => opts.published = Some(value),
            "--author" => opts.authors.push(value),
            other => panic!("unknown flag {other}"),
        }
    }
    opts
}

fn check(name: &str, a: &Article, want: &Value) {
    assert_eq!(a.title, want["title"].as_str().unwrap(), "{name}: title");
    let prefix = want["published_prefix"].as_str().unwrap();
    assert!(
        a.published.starts_with(prefix) && a.published.ends_with(want["offset"].as_str().unwrap()),
        "{name}: published {}",
        a.published
    );
    assert_eq!(Some(a.source.name.as_str()), want["source"].as_str(), "{name}: source");
    let authors: Vec<&str> = want["authors"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(a.authors, authors, "{name}: authors");
    if let Some(editors) = want.get("editors").and_then(Value::as_object) {
        let got: Vec<(&str, &str)> = a.editors.iter().map(|e| (e.role.as_str(), e.name.as_str())).collect();
        let want: Vec<(&str, &str)> = editors.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect();
        assert_eq!(got, want, "{name}: editors");
    }
    let headings: Vec<&str> =
        a.body.iter().filter_map(|b| if let Block::Heading { text } = b { Some(text.as_str()) } else { None }).collect();
    let want_headings: Vec<&str> = want["headings"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(headings, want_headings, "{name}: headings");
    let texts: Vec<String> = a.body.iter().filter(|b| !matches!(b, Block::Heading { .. })).map(Block::text).collect();
    assert!(texts.first().unwrap().starts_with(want["first_text"].as_str().unwrap()), "{name}: first paragraph {:?}", texts.first());
    assert!(texts.last().unwrap().ends_with(want["last_text"].as_str().unwrap()), "{name}: last paragraph {:?}", texts.last());
    let all = format!("{}\n{}", a.title, a.body_text());
    for junk in want["must_not_contain"].as_array().unwrap() {
        let junk = junk.as_str().unwrap();
        assert!(!all.contains(junk) && !a.authors.iter().any(|x| x.contains(junk)), "{name}: chrome `{junk}` reached the article");
    }
    assert_eq!(all.matches(want["body_once"].as_str().unwrap()).count(), 1, "{name}: body_once");
    a.validate().unwrap();
}

#[test]
fn the_development_pages_read_as_an_editor_would() {
    let dir = pages().join("dev");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let page = std::fs::read_to_string(&path).unwrap();
        let want: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.expect.json"))).unwrap()).unwrap();
        let opts = match want.get("expect_error") {
            Some(words) => {
                let err = ingest_page(&page, &IngestOptions::default()).expect_err(&name).to_string();
                assert!(words.as_array().unwrap().iter().any(|w| err.contains(w.as_str().unwrap())), "{name}: {err}");
                options(want["with_flags"].as_str().unwrap())
            }
            None => IngestOptions::default(),
        };
        let article = ingest_page(&page, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&name, &article, &want);
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// The committed seed article is what ingest makes of the seed page, byte for byte.
#[test]
fn the_seed_reproduces_the_committed_article() {
    let page = std::fs::read_to_string(pages().join("000_c6c151299a20712a.txt")).unwrap();
    let opts = IngestOptions { id: Some("c6c151299a20712a".into()), ..IngestOptions::default() };
    let json = ingest_page(&page, &opts).unwrap().to_json_pretty();
    let committed = std::fs::read_to_string(pages().join("../../../public/data/articles/c6c151299a20712a.json")).unwrap();
    assert_eq!(json, committed);
}
