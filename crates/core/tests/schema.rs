//! The article JSON Schema is generated from the model (`yuedu_core::schema`), and agrees with
//! the decoder: the committed `schema/article-1.schema.json` is exactly the generated one, and
//! the schema and `Article::from_json` accept and refuse the same documents — every field
//! missing, null, of each wrong type, and each of a list of awkward values, plus random strings
//! in the fields with rules. A rule changed on one side only fails here.

use proptest::prelude::*;
use serde_json::{json, Value};
use yuedu_core::schema::{article_schema, article_schema_json};
use yuedu_core::Article;

const SCHEMA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/article-1.schema.json");

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    if committed != article_schema_json() {
        if std::env::var_os("YUEDU_WRITE_SCHEMA").is_some() {
            std::fs::write(SCHEMA_FILE, article_schema_json()).unwrap();
            return;
        }
        panic!("schema/article-1.schema.json is not what the model generates: run `cargo run -p yuedu-cli -- schema > schema/article-1.schema.json` (or this test with YUEDU_WRITE_SCHEMA=1)");
    }
}

static VALIDATOR: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&article_schema())
        .expect("the generated schema compiles")
});

/// A valid article with every block type and every optional field.
fn base() -> Value {
    json!({
        "format": "yuedu-article/1", "id": "a", "title": "标题", "published": "2023-12-07T15:58:54+08:00",
        "source": {"name": "示例", "url": "https://example.org/a"},
        "authors": ["甲"], "tags": ["协同振兴"], "editors": [{"role": "责任编辑", "name": "朱峰"}], "summary": "摘要",
        "body": [
            {"type": "paragraph", "text": "正文。"},
            {"type": "heading", "text": "小标题"},
            {"type": "verse", "lines": ["一", "二"]},
            {"type": "lead", "lead": "搭桥。", "text": "正文"},
            {"type": "image", "src": "img/a.jpg", "alt": "图", "caption": "说明"}
        ]
    })
}

/// Every place a value sits in [`base`], as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut doc = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc.pointer_mut(parent).unwrap();
    match (target, value) {
        (Value::Object(m), Some(v)) => drop(m.insert(key.to_owned(), v)),
        (Value::Object(m), None) => drop(m.remove(key)),
        (Value::Array(a), Some(v)) => a[key.parse::<usize>().unwrap()] = v,
        (Value::Array(a), None) => drop(a.remove(key.parse::<usize>().unwrap())),
        _ => unreachable!(),
    }
    doc
}

/// Awkward strings: blank, control and invisible characters, path and URL tricks, lengths at
/// the limits, dates near and beyond the rules.
fn awkward() -> Vec<String> {
    let mut s: Vec<String> = [
        "",
        " ",
        "\u{3000}",
        "\t",
        "a",
        "中",
        "😀",
        ".x",
        "x.",
        "../x",
        "a/b",
        "a\\b",
        "a?b",
        "a#b",
        "a%20b",
        "a b",
        "a\u{0}b",
        "a\u{1f}",
        "\u{7f}",
        "\u{85}a",
        "\u{2028}a",
        "a\u{200b}",
        "\u{feff}",
        "\u{202e}x",
        "x-y_z",
        "X9",
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "data:image/png;base64,AA",
        "//evil.example/x.png",
        "http://",
        "https://",
        "http://a b",
        "HTTPS://A.B/c",
        "http:/x",
        "https:x",
        "ftp://a",
        "mailto:a@b",
        "a:b",
        "img/a.jpg",
        "/m/a.png?w=640",
        "?q=1",
        "#f",
        "a?x:y",
        "./a:b",
        " x.png",
        "x.png ",
        "2023-12-07T15:58:54+08:00",
        "2023-12-07t15:58:54z",
        "2023-12-07 15:58:54+08:00",
        "2023-12-07T15:58:54.123Z",
        "2023-12-07T15:58+08:00",
        "2023-12-07T15:58:54",
        "2023-12-07T15:58:54+0800",
        "2023-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "2023-13-01T00:00:00Z",
        "2023-12-32T00:00:00Z",
        "2023-12-07T24:00:00Z",
        "2023-12-07T23:59:60Z",
        "2023-12-07T15:58:54+24:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "yuedu-article/1",
        "yuedu-article/2",
    ]
    .map(String::from)
    .to_vec();
    for n in [31, 32, 33, 63, 64, 65] {
        s.push("x".repeat(n));
        s.push("中".repeat(n));
    }
    s
}

fn check(cases: impl IntoIterator<Item = (String, Value)>) {
    let mut differ = Vec::new();
    let mut n = 0;
    for (name, doc) in cases {
        n += 1;
        let decoder = Article::from_json(doc.to_string().as_bytes());
        let schema = VALIDATOR.is_valid(&doc);
        if decoder.is_ok() != schema {
            differ.push(format!(
                "{name}: decoder {}, schema {}",
                decoder.map_or_else(|e| format!("refuses ({e})"), |_| "accepts".into()),
                if schema { "accepts" } else { "refuses" }
            ));
        }
    }
    assert!(differ.is_empty(), "{} of {n} cases differ:\n{}", differ.len(), differ.join("\n"));
}

#[test]
fn schema_and_decoder_agree_field_by_field() {
    let mut at = Vec::new();
    pointers(&base(), String::new(), &mut at);
    let mut cases = vec![("base".to_owned(), base())];
    for p in &at {
        cases.push((format!("{p} missing"), with(p, None)));
        for v in [json!(null), json!(5), json!(-1.5), json!(true), json!([]), json!({}), json!(["x"]), json!({"a": 1})] {
            cases.push((format!("{p} = {v}"), with(p, Some(v))));
        }
        for s in awkward() {
            cases.push((format!("{p} = {s:?}"), with(p, Some(json!(s)))));
        }
    }
    // Members of other block types, unknown members, unknown block types, body limits.
    for (i, extra) in
        [("lines", json!(5)), ("text", json!(null)), ("src", json!("javascript:x")), ("x", json!({"y": [1]}))].iter().enumerate()
    {
        let mut doc = base();
        doc["body"][0][extra.0] = extra.1.clone();
        cases.push((format!("paragraph with {} ({i})", extra.0), doc));
    }
    for t in ["html", "Paragraph", "", "image "] {
        cases.push((format!("block type {t:?}"), with("/body/0/type", Some(json!(t)))));
    }
    for n in [0, 1, 10_000, 10_001] {
        let mut doc = base();
        doc["body"] = Value::Array(vec![json!({"type": "paragraph", "text": "段"}); n]);
        cases.push((format!("{n} blocks"), doc));
    }
    let mut doc = base();
    doc["extra"] = json!({"anything": [1, 2]});
    cases.push(("unknown member".into(), doc));
    check(cases);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random strings from characters the rules care about, in each field with a rule.
    #[test]
    fn schema_and_decoder_agree_on_random_strings(
        s in "[a-zA-Z0-9_.:/?#%\\\\ \\-\u{0}\u{1f}\u{7f}\u{85}\u{3000}\u{2028}中😀]{0,40}",
        field in prop::sample::select(vec!["/id", "/title", "/source/name", "/source/url", "/tags/0", "/body/4/src", "/published"]),
    ) {
        check([(format!("{field} = {s:?}"), with(field, Some(json!(s))))]);
    }
}
