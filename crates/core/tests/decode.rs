//! The hand-written JSON decoders (`from_json`, on `yuedu_core::json`) against serde's
//! (`serde_json::from_slice`, the decoder they replaced): the same values for everything serde
//! writes, the same verdict and error kind on odd and malformed input, except for a few listed,
//! deliberate differences.

use proptest::prelude::*;
use yuedu_core::feed::{Author, Feed, FeedItem, ItemExtension, JSON_FEED_VERSION};
use yuedu_core::index::{TagEntry, TagList};
use yuedu_core::model::validate_id;
use yuedu_core::related::{Candidate, RelatedFile, RELATED_FORMAT};
use yuedu_core::{Article, Block, DecodeError, DecodeErrorKind, Editor, Source};

use DecodeErrorKind::{Invalid, Shape, Syntax};

// ---------------------------------------------------------------------------------------------
// The old decoders: serde_json, errors classified as `error::decode_json` did, then validation.

fn serde_kind(e: serde_json::Error) -> DecodeErrorKind {
    if e.is_syntax() || e.is_eof() {
        Syntax
    } else {
        Shape
    }
}

fn old_article(bytes: &[u8]) -> Result<Article, DecodeErrorKind> {
    let a: Article = serde_json::from_slice(bytes).map_err(serde_kind)?;
    a.validate().map_err(|e| e.kind)?;
    Ok(a)
}

fn old_feed(bytes: &[u8]) -> Result<Feed, DecodeErrorKind> {
    let feed: Feed = serde_json::from_slice(bytes).map_err(serde_kind)?;
    if feed.version != JSON_FEED_VERSION || feed.items.iter().any(|i| validate_id(&i.id).is_err()) {
        return Err(Invalid);
    }
    Ok(feed)
}

fn old_related(bytes: &[u8]) -> Result<RelatedFile, DecodeErrorKind> {
    serde_json::from_slice(bytes).map_err(serde_kind)
}

fn new_article(bytes: &[u8]) -> Result<Article, DecodeErrorKind> {
    Article::from_json(bytes).map_err(|e| e.kind)
}

fn new_related(bytes: &[u8]) -> Result<RelatedFile, DecodeErrorKind> {
    RelatedFile::from_json(bytes).map_err(|e| e.kind)
}

// ---------------------------------------------------------------------------------------------
// Odd and malformed input.

/// A valid article with every block type and every optional field.
const BASE: &str = r#"{"format":"yuedu-article/1","id":"a","title":"标题","published":"2023-12-07T15:58:54+08:00","source":{"name":"示例","url":"https://example.org/a"},"authors":["甲"],"tags":["协同振兴"],"editors":[{"role":"责任编辑","name":"朱峰"}],"summary":"摘要","body":[{"type":"paragraph","text":"正文。"},{"type":"heading","text":"小标题"},{"type":"verse","lines":["一","二"]},{"type":"lead","lead":"搭桥。","text":"正文"},{"type":"image","src":"img/a.jpg","alt":"图","caption":"说明"}]}"#;

/// BASE with `from` (which must occur) replaced by `to`, once.
fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

/// BASE with a member `"x": value` first in the top-level object.
fn with_unknown(value: &str) -> String {
    BASE.replacen('{', &format!(r#"{{"x":{value},"#), 1)
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// Inputs both decoders accept, with the same article.
fn accepted() -> Vec<String> {
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(BASE).unwrap()).unwrap();
    vec![
        BASE.into(),
        pretty,
        format!(" \n\t{BASE}\r\n "),
        // Escapes, in keys too.
        edit(r#""title":"标题""#, r#""t\u0069tle":"\u6807\u9898""#),
        edit(r#""title":"标题""#, r#""title":"\"\\\/\b\f\n\r\t\u0000\ud83d\ude00""#),
        edit("https://example.org/a", r"https:\/\/example.org\/a"),
        // Unknown members anywhere, of any kind, repeated.
        with_unknown("null"),
        with_unknown(r#"{"a":[1,-0,1e400,-2.5E-3,true,false,null,"\u0000"]}"#),
        with_unknown(r#"1,"x":2,"x":"three""#),
        with_unknown(&nested(127)),
        edit(r#"{"name":"示例""#, r#"{"name":"示例","x":[]"#),
        edit(r#"{"role""#, r#"{"x":{},"role""#),
        edit(r#"{"type":"paragraph""#, r#"{"x":{"text":5},"type":"paragraph""#),
        edit(r#""body":["#, r#""_body":5,"body":["#),
        // `null` or absence for what is optional or defaulted.
        edit(r#""summary":"摘要""#, r#""summary":null"#),
        edit(r#","url":"https://example.org/a""#, r#","url":null"#),
        edit(r#","url":"https://example.org/a""#, ""),
        edit(r#""authors":["甲"],"tags":["协同振兴"],"editors":[{"role":"责任编辑","name":"朱峰"}],"summary":"摘要","#, ""),
        edit(r#""authors":["甲"]"#, r#""authors":[]"#),
        edit(r#","caption":"说明""#, r#","caption":null"#),
        // Block fields the type does not use are read (and must have the right type) but unused.
        edit(r#"{"type":"paragraph","text":"正文。"}"#, r#"{"type":"paragraph","text":"正文。","lines":["x"],"alt":null,"src":"javascript:x"}"#),
        // Members in any order.
        edit(r#"{"type":"image","src":"img/a.jpg","alt":"图","caption":"说明"}"#, r#"{"caption":"说明","alt":"图","src":"img/a.jpg","type":"image"}"#),
        r#"{"body":[{"text":"x","type":"paragraph"}],"source":{"name":"s"},"published":"2023-12-07T15:58:54Z","title":"t","id":"b","format":"yuedu-article/1"}"#.into(),
    ]
}

/// BASE's body.
const BODY: &str = r#"[{"type":"paragraph","text":"正文。"},{"type":"heading","text":"小标题"},{"type":"verse","lines":["一","二"]},{"type":"lead","lead":"搭桥。","text":"正文"},{"type":"image","src":"img/a.jpg","alt":"图","caption":"说明"}]"#;

/// `doc` with the first byte of `at` (a multi-byte character that occurs in it) made invalid.
fn invalid_utf8_after(doc: &str, at: &str) -> Vec<u8> {
    let mut bytes = doc.as_bytes().to_vec();
    bytes[doc.find(at).unwrap() + 1] = 0xff;
    bytes
}

/// Inputs both decoders reject, with the kind of error both give.
fn rejected() -> Vec<(DecodeErrorKind, Vec<u8>)> {
    let syntax = [
        "",
        " ",
        "nul",
        "{",
        "}",
        "\u{feff}{}",
        "{'format':1}",
        "{format:1}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":01}",
        "{\"a\":NaN}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":1.}",
        "{\"a\":0x1}",
        "/* c */{}",
        "{\"a\" 1}",
        "{\"a\":\"\t\"}",
    ]
    .map(String::from)
    .into_iter()
    .chain([
        format!("{BASE}x"),
        format!("{BASE},"),
        format!("{BASE} // comment"),
        format!("{BASE}{BASE}"),
        edit(r#""title":"标题""#, r#""title":"标\题""#),
        edit(r#""title":"标题""#, r#""title":"\u12""#),
        edit(r#""title":"标题""#, r#""title":"\ud800""#),
        edit(r#""title":"标题""#, r#""title":"\ud800\u0041""#),
        edit(r#""title":"标题""#, r#""title":"\udc00""#),
        edit(r#""title":"标题""#, "\"title\":\"a\nb\""),
        edit(r#""title":"标题","#, r#""title":"标题",,"#),
        edit(r#"["甲"]"#, r#"["甲",]"#),
        edit(r#"["甲"]"#, r#"['甲']"#),
    ])
    .map(|s| (Syntax, s.into_bytes()));
    // Invalid UTF-8 in a value that is read.
    let bad_utf8 = invalid_utf8_after(BASE, "标题");
    let shape = [
        "null".into(),
        "[]".into(),
        "\"a\"".into(),
        "5".into(),
        // Wrong types, anywhere.
        edit(r#""title":"标题""#, r#""title":5"#),
        edit(r#""title":"标题""#, r#""title":null"#),
        edit(r#""title":"标题""#, r#""title":["标题"]"#),
        edit(r#""authors":["甲"]"#, r#""authors":null"#),
        edit(r#""authors":["甲"]"#, r#""authors":"甲""#),
        edit(r#""authors":["甲"]"#, r#""authors":[1]"#),
        edit(r#""summary":"摘要""#, r#""summary":false"#),
        edit(r#"{"name":"示例""#, r#"{"name":{}"#),
        edit(r#""url":"https://example.org/a""#, r#""url":1"#),
        edit(r#""role":"责任编辑""#, r#""role":null"#),
        edit(r#""alt":"图""#, r#""alt":5"#),
        edit(r#""lines":["一","二"]"#, r#""lines":"一""#),
        edit(r#""lines":["一","二"]"#, r#""lines":["一",2]"#),
        edit(r#""type":"heading""#, r#""type":"html""#),
        edit(r#""type":"heading""#, r#""type":"Heading""#),
        edit(BODY, "{}"),
        edit(BODY, "null"),
        edit(r#"{"type":"paragraph","text":"正文。"}"#, "5"),
        edit(r#""source":{"name":"示例","url":"https://example.org/a"}"#, r#""source":"示例""#),
        // Missing fields.
        edit(r#""title":"标题","#, ""),
        edit(r#""body":["#, r#""bodies":["#),
        edit(r#""name":"示例","#, ""),
        edit(r#""role":"责任编辑","#, ""),
        edit(r#""type":"heading","#, ""),
        edit(r#","alt":"图""#, ""),
        edit(r#""lines":["一","二"]"#, r#""lines":null"#),
        edit(r#""lead":"搭桥。","#, ""),
        edit(r#""type":"paragraph","text":"正文。""#, r#""type":"paragraph""#),
        // The first problem in document order wins: here a shape problem before the JSON
        // goes wrong (truncated, trailing characters, a syntax error in a later member).
        edit(r#""title":"标题""#, r#""title":5"#).trim_end_matches("]}").into(),
        "{} {}".into(),
        edit(r#""title":"标题""#, r#""title":5"#).replace(r#""summary":"摘要""#, r#""summary":'摘要'"#),
        // A block as an array (this decoder takes objects only; serde tries the struct-as-array
        // form, whose missing members are its defaults, and the block lacks its text).
        edit(r#"{"type":"heading","text":"小标题"}"#, r#"["heading"]"#),
        // Repeated fields.
        edit(r#""title":"标题""#, r#""title":"标题","title":"标题""#),
        edit(r#""summary":"摘要""#, r#""summary":null,"summary":null"#),
        edit(r#""type":"heading""#, r#""type":"heading","type":"heading""#),
        edit(r#""name":"示例""#, r#""name":"示例","name":"x""#),
    ]
    .map(|s: String| (Shape, s.into_bytes()));
    let invalid = [
        edit(r#""format":"yuedu-article/1""#, r#""format":"yuedu-article/2""#),
        edit(r#""id":"a""#, r#""id":"../a""#),
        edit(r#""title":"标题""#, r#""title":" ""#),
        edit("2023-12-07T15:58:54+08:00", "2023-02-30T15:58:54+08:00"),
        edit("https://example.org/a", "javascript:alert(1)"),
        edit(r#""tags":["协同振兴"]"#, r#""tags":["a/b"]"#),
        edit("img/a.jpg", "data:image/png;base64,x"),
        edit(BODY, "[]"),
    ]
    .map(|s| (Invalid, s.into_bytes()));
    syntax.chain([(Syntax, bad_utf8)]).chain(shape).chain(invalid).collect()
}

#[test]
fn accepts_what_serde_accepts() {
    for case in accepted() {
        let new = Article::from_json(case.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{case}"));
        assert_eq!(Ok(&new), old_article(case.as_bytes()).as_ref(), "{case}");
    }
}

#[test]
fn rejects_what_serde_rejects_with_the_same_kind() {
    for (kind, bytes) in rejected() {
        let case = String::from_utf8_lossy(&bytes);
        let new = Article::from_json(&bytes).expect_err(&case);
        assert_eq!(new.kind, kind, "{new}\n{case}");
        assert_eq!(old_article(&bytes).err(), Some(kind), "serde: {case}");
    }
}

#[test]
fn every_truncation_is_a_syntax_error() {
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(BASE).unwrap()).unwrap();
    for doc in [BASE, &pretty] {
        for end in 0..doc.len() {
            let cut = &doc.as_bytes()[..end];
            assert_eq!(new_article(cut).err(), Some(Syntax), "{}", String::from_utf8_lossy(cut));
            assert_eq!(old_article(cut).err(), Some(Syntax));
        }
    }
}

/// Where the new decoder is stricter or says more than serde did. Each is asserted both ways so
/// a change on either side shows.
#[test]
fn deliberate_differences_from_serde() {
    /// Accepted, or the kind of error.
    type Verdict = Result<(), DecodeErrorKind>;
    let cases: [(&str, Vec<u8>, Verdict, Verdict); 6] = [
        // serde skips unknown members without a depth limit; the parser has one for everything.
        ("deep unknown member", with_unknown(&nested(200)).into_bytes(), Ok(()), Err(Syntax)),
        // serde does not check the text of strings it skips; RFC 8259 text is UTF-8 throughout
        // and a lone surrogate is no character.
        ("lone surrogate in an unknown member", with_unknown(r#""\ud800""#).into_bytes(), Ok(()), Err(Syntax)),
        ("invalid UTF-8 in an unknown member", [&b"{\"x\":\"\xff\","[..], &BASE.as_bytes()[1..]].concat(), Ok(()), Err(Syntax)),
        // serde also reads a struct from an array of its fields in order; the format (and
        // schema/article-1.schema.json) says object.
        (
            "struct as array",
            edit(r#"{"name":"示例","url":"https://example.org/a"}"#, r#"["示例","https://example.org/a"]"#).into_bytes(),
            Ok(()),
            Err(Shape),
        ),
        // The parser checks that the whole input is UTF-8 before anything else.
        ("wrong type, then invalid UTF-8", invalid_utf8_after(&edit(r#""title":"标题""#, r#""title":5"#), "说明"), Err(Shape), Err(Syntax)),
        // serde_json reads an enum from a string or an object; anything else is to it a syntax
        // error ("expected value"), though it is JSON of the wrong shape.
        ("block type not a string", edit(r#""type":"heading""#, r#""type":5"#).into_bytes(), Err(Syntax), Err(Shape)),
    ];
    for (name, bytes, serde, new) in cases {
        assert_eq!(old_article(&bytes).map(drop), serde, "serde: {name}");
        assert_eq!(new_article(&bytes).map(drop), new, "new: {name}");
    }
    // A weighted term with three items: serde reads two and then fails on the third as a syntax
    // error ("trailing characters"); it is well-formed JSON of the wrong shape.
    let related =
        |term: &str| format!(r#"{{"format":"yuedu-related/2","id":"a","published":"p","tags":[{term}],"keywords":[],"candidates":[]}}"#);
    assert_eq!(old_related(related(r#"["a",1,2]"#).as_bytes()).err(), Some(Syntax));
    assert_eq!(new_related(related(r#"["a",1,2]"#).as_bytes()).err(), Some(Shape));
}

#[test]
fn names_the_path_of_the_problem() {
    let cases: [(String, Option<&str>, &str); 14] = [
        (edit(r#""title":"标题""#, r#""title":5"#), Some("title"), "invalid type: number, expected a string"),
        (edit(r#""title":"标题","#, ""), None, "missing field `title`"),
        (edit(r#""name":"示例","#, ""), Some("source"), "missing field `name`"),
        (edit(r#""url":"https://example.org/a""#, r#""url":[]"#), Some("source.url"), "invalid type: array, expected a string"),
        (edit(r#""name":"朱峰""#, r#""name":true"#), Some("editors[0].name"), "invalid type: boolean, expected a string"),
        (edit(r#"["甲"]"#, r#"["甲",null]"#), Some("authors[1]"), "invalid type: null, expected a string"),
        (edit(r#""alt":"图""#, r#""alt":5"#), Some("body[4].alt"), "invalid type: number, expected a string"),
        (edit(r#","alt":"图""#, ""), Some("body[4]"), "missing field `alt` (required in a image block)"),
        (edit(r#""type":"heading","#, ""), Some("body[1]"), "missing field `type`"),
        (
            edit(r#""type":"heading""#, r#""type":"html""#),
            Some("body[1].type"),
            "unknown variant `html`, expected one of `paragraph`, `heading`, `verse`, `lead`, `image`",
        ),
        (edit(r#""lines":["一","二"]"#, r#""lines":["一",{}]"#), Some("body[2].lines[1]"), "invalid type: object, expected a string"),
        (edit(r#""type":"heading""#, r#""type":"heading","type":"heading""#), Some("body[1]"), "duplicate field `type`"),
        // In document order, as serde reports them: the first wrong member, not the first field.
        (r#"{"body":[5],"format":"yuedu-article/1","title":null}"#.into(), Some("body[0]"), "invalid type: number, expected an object"),
        // Wrong types before missing fields, as serde checks those at the end of the object.
        (
            edit(r#""body":["#, r#""body":[5,"#).replace(r#""title":"标题","#, ""),
            Some("body[0]"),
            "invalid type: number, expected an object",
        ),
    ];
    for (case, path, message) in cases {
        let e = Article::from_json(case.as_bytes()).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref(), e.message.as_str()), (Shape, path, message), "{case}");
    }
    let e = Article::from_json(b"{\"format\":\n  \"yuedu-article/1\",]").unwrap_err();
    assert_eq!(e.to_string(), "not valid JSON: key must be a string at line 2 column 21");
}

#[test]
fn feed_and_related_errors_name_their_paths() {
    let feed = Feed::paginate("t", "/", "/", "feed", vec![item("a"), item("b"), item("c")], 10).remove(0).1;
    let mut v = serde_json::to_value(&feed).unwrap();
    v["items"][2]["title"] = 1.into();
    let e = Feed::from_json(v.to_string().as_bytes()).unwrap_err();
    assert_eq!((e.kind, e.path.as_deref()), (Shape, Some("items[2].title")), "{e}");
    let mut v = serde_json::to_value(&feed).unwrap();
    v["items"][0]["_yuedu"] = serde_json::json!({"article": "x"});
    let e = Feed::from_json(v.to_string().as_bytes()).unwrap_err();
    assert_eq!((e.path.as_deref(), e.message.as_str()), (Some("items[0]._yuedu"), "missing field `source`"));
    v["items"][0]["_yuedu"] = serde_json::Value::Null;
    assert_eq!(Feed::from_json(v.to_string().as_bytes()).unwrap().items[0].yuedu, None);

    let related =
        |tags: &str| format!(r#"{{"format":"yuedu-related/2","id":"a","published":"p","tags":{tags},"keywords":[],"candidates":[]}}"#);
    for (tags, path) in [
        (r#"[["a",1],["b",-1]]"#, "tags[1][1]"),
        (r#"[["a",1.5]]"#, "tags[0][1]"),
        (r#"[["a",4294967296]]"#, "tags[0][1]"),
        (r#"[["a","1"]]"#, "tags[0][1]"),
        (r#"[[1,1]]"#, "tags[0][0]"),
        (r#"[["a"]]"#, "tags[0]"),
        (r#"{"a":1}"#, "tags"),
    ] {
        let json = related(tags);
        let e = RelatedFile::from_json(json.as_bytes()).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref()), (Shape, Some(path)), "{e}");
        assert_eq!(old_related(json.as_bytes()).err(), Some(Shape), "{json}");
    }
    let ok = related(r#"[["a",0],["b",4294967295]]"#);
    assert_eq!(RelatedFile::from_json(ok.as_bytes()).unwrap().tags, [("a".to_owned(), 0), ("b".to_owned(), u32::MAX)]);
    // The format is checked, and a candidate's shared terms must name the file's terms.
    let v1 = r#"{"id":"a","published":"p","tags":[],"keywords":[],"candidates":[{"id":"b","title":"t","published":"p","tags":["x"],"keywords":[]}]}"#;
    assert!(RelatedFile::from_json(v1.as_bytes()).is_err(), "the first format is refused");
    let other = ok.replace("yuedu-related/2", "yuedu-related/3");
    assert_eq!(RelatedFile::from_json(other.as_bytes()).unwrap_err().path.as_deref(), Some("format"));
    let with = |shared: &str| {
        ok.replace(r#""candidates":[]"#, &format!(r#""candidates":[{{"id":"b","title":"t","published":"p","shared":{shared}}}]"#))
    };
    assert_eq!(RelatedFile::from_json(with("[0,1]").as_bytes()).unwrap().candidates[0].shared, [0, 1]);
    for bad in ["[2]", "[1,0]", "[0,0]", "[65536]", "[-1]"] {
        let e = RelatedFile::from_json(with(bad).as_bytes()).unwrap_err();
        assert!(
            matches!(e.path.as_deref(), Some("shared") | Some("candidates[0].shared[0]") | Some("candidates[0].shared[1]")),
            "{bad}: {e}"
        );
    }

    for (json, path) in [
        (r#"{"tags":[{"name":"a","count":-1,"latest":"x"}]}"#, Some("tags[0].count")),
        (r#"{"tags":[{"name":"a","count":1.0,"latest":"x"}]}"#, Some("tags[0].count")),
        (r#"{"tags":[{"name":"a","latest":"x"}]}"#, Some("tags[0]")),
        (r#"{"tag":[]}"#, None),
    ] {
        let e = TagList::from_json(json.as_bytes()).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref()), (Shape, path), "{e}");
        assert!(serde_json::from_slice::<TagList>(json.as_bytes()).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// Real files.

#[test]
fn e2e_fixtures_give_the_same_kind_of_error_as_before() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/data/articles");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let new = Article::from_json(&bytes).unwrap_err();
        assert_eq!(Some(new.kind), old_article(&bytes).err(), "{}: {new}", path.display());
        seen += 1;
    }
    assert!(seen >= 2);
    let read = |name: &str| std::fs::read(format!("{dir}/{name}")).unwrap();
    assert_eq!(Article::from_json(&read("broken.json")).unwrap_err().kind, Syntax);
    let e = Article::from_json(&read("no-title.json")).unwrap_err();
    assert_eq!((e.kind, e.path.as_deref(), e.to_string()), (Shape, None, "missing field `title`".to_owned()));
}

#[test]
fn every_published_data_file_decodes_as_serde_decodes_it() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    let mut counts = [0; 4];
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("articles/") {
            assert_eq!(Article::from_json(&bytes).unwrap(), old_article(&bytes).unwrap(), "{rel}");
            counts[0] += 1;
        } else if rel.starts_with("related/") {
            assert_eq!(RelatedFile::from_json(&bytes).unwrap(), old_related(&bytes).unwrap(), "{rel}");
            counts[1] += 1;
        } else if rel == "tags.json" {
            assert_eq!(TagList::from_json(&bytes).unwrap(), serde_json::from_slice::<TagList>(&bytes).unwrap());
            counts[2] += 1;
        } else if rel.starts_with("feed") || rel.starts_with("tags/") {
            assert_eq!(Feed::from_json(&bytes).unwrap(), old_feed(&bytes).unwrap(), "{rel}");
            counts[3] += 1;
        }
    }
    assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
}

// ---------------------------------------------------------------------------------------------
// Anything serde writes reads back.

fn item(id: &str) -> FeedItem {
    FeedItem {
        id: id.into(),
        url: format!("/article/{id}"),
        title: "标题".into(),
        content_text: "摘要".into(),
        summary: None,
        date_published: "2024-01-01T00:00:00Z".into(),
        tags: vec![],
        authors: vec![],
        yuedu: None,
    }
}

/// Any text: mostly ordinary, sometimes everything JSON must escape, sometimes anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.中文标题正文。—“”]{0,16}",
        1 => "[\"\\\\/\u{0}-\u{1f}\u{7f}\u{80}\u{2028}\u{fffd}\u{ffff}😀𝄞]{0,8}",
        1 => any::<String>(),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,64}"
}

fn timestamp() -> impl Strategy<Value = String> {
    (
        1970u32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        prop::sample::select(vec!["Z", "+08:00", "-05:30", ".5Z", ".123+01:00"]),
    )
        .prop_map(|(y, mo, d, h, mi, s, tail)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{tail}"))
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        text().prop_map(|text| Block::Paragraph { text }),
        text().prop_map(|text| Block::Heading { text }),
        texts().prop_map(|lines| Block::Verse { lines }),
        (text(), text()).prop_map(|(lead, text)| Block::Lead { lead, text }),
        ("(https://x\\.example/)?[a-z]{1,8}\\.png", text(), opt_text()).prop_map(|(src, alt, caption)| Block::Image { src, alt, caption }),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    (
        (
            id(),
            "[^\u{0}-\u{20}]{1,4}[a-z 中文]{0,8}",
            timestamp(),
            "[a-z中文网]{1,8}",
            prop::option::of("https?://[a-z]{1,8}\\.example/[a-z]{0,4}"),
        ),
        (texts(), prop::collection::vec("[a-z中文]{1,8}", 0..4), prop::collection::vec((text(), text()), 0..3), opt_text()),
        prop::collection::vec(block(), 1..6),
    )
        .prop_map(|((id, title, published, name, url), (authors, tags, editors, summary), body)| Article {
            id,
            title,
            published,
            source: Source { name, url },
            authors,
            tags,
            editors: editors.into_iter().map(|(role, name)| Editor { role, name }).collect(),
            summary,
            body,
            ..Default::default()
        })
}

fn feed_item() -> impl Strategy<Value = FeedItem> {
    (
        (id(), text(), text(), text(), opt_text(), text()),
        (texts(), prop::collection::vec(text().prop_map(|name| Author { name }), 0..3)),
        prop::option::of((text(), text()).prop_map(|(article, source)| ItemExtension { article, source })),
    )
        .prop_map(|((id, url, title, content_text, summary, date_published), (tags, authors), yuedu)| FeedItem {
            id,
            url,
            title,
            content_text,
            summary,
            date_published,
            tags,
            authors,
            yuedu,
        })
}

fn feed() -> impl Strategy<Value = Feed> {
    (text(), opt_text(), opt_text(), opt_text(), opt_text(), prop::collection::vec(feed_item(), 0..5), prop::option::of(any::<u32>()))
        .prop_map(|(title, home_page_url, feed_url, language, next_url, items, pages)| Feed {
            version: JSON_FEED_VERSION.into(),
            title,
            home_page_url,
            feed_url,
            language,
            next_url,
            items,
            yuedu: pages.map(|pages| yuedu_core::feed::FeedExtension { pages }),
        })
}

fn related_file() -> impl Strategy<Value = RelatedFile> {
    let terms = || prop::collection::vec((text(), any::<u32>()), 0..4);
    (text(), text(), terms(), terms()).prop_flat_map(|(id, published, tags, keywords)| {
        // Shared terms: an increasing subset of the file's term numbers.
        let n = (tags.len() + keywords.len()) as u16;
        let shared =
            prop::collection::btree_set(0..n.max(1), 0..=usize::from(n)).prop_map(move |s| s.into_iter().filter(|&k| k < n).collect());
        let candidate =
            (text(), text(), text(), shared).prop_map(|(id, title, published, shared)| Candidate { id, title, published, shared });
        prop::collection::vec(candidate, 0..4).prop_map(move |candidates| RelatedFile {
            format: RELATED_FORMAT.into(),
            id: id.clone(),
            published: published.clone(),
            tags: tags.clone(),
            keywords: keywords.clone(),
            candidates,
        })
    })
}

fn tag_list() -> impl Strategy<Value = TagList> {
    prop::collection::vec((text(), any::<usize>(), text()).prop_map(|(name, count, latest)| TagEntry { name, count, latest }), 0..5)
        .prop_map(|tags| TagList { tags })
}

/// Compact JSON with a member `"zz": value` first in every object (none of the formats' objects
/// is empty): decoders ignore it.
fn with_unknown_members(json: &str, value: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        out.push(c);
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c == '"' {
            in_string = true;
        } else if c == '{' {
            out.push_str(&format!(r#""zz":{value},"#));
        }
    }
    out
}

const ODD_VALUES: &[&str] = &["null", "-0", "1e400", "[[[]]]", r#"{"a":{"b":[1,"\u0000\ud83d\ude00"]}}"#, r#""}""#];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn articles_round_trip(a in article(), odd in prop::sample::select(ODD_VALUES)) {
        // Generated articles are nearly always valid; when one is not, the error is validation's.
        let expected: Result<Article, DecodeError> = a.validate().map(|()| a.clone());
        let compact = serde_json::to_string(&a).unwrap();
        for json in [compact.clone(), a.to_json_pretty(), with_unknown_members(&compact, odd)] {
            prop_assert_eq!(&Article::from_json(json.as_bytes()), &expected, "{}", json);
            prop_assert_eq!(old_article(json.as_bytes()), expected.clone().map_err(|e| e.kind));
        }
    }

    #[test]
    fn feeds_round_trip(f in feed(), odd in prop::sample::select(ODD_VALUES)) {
        let compact = serde_json::to_string(&f).unwrap();
        for json in [compact.clone(), serde_json::to_string_pretty(&f).unwrap(), with_unknown_members(&compact, odd)] {
            prop_assert_eq!(&Feed::from_json(json.as_bytes()), &Ok(f.clone()), "{}", json);
        }
    }

    #[test]
    fn related_files_and_tag_lists_round_trip(r in related_file(), t in tag_list()) {
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(RelatedFile::from_json(json.as_bytes()), Ok(r));
        let json = serde_json::to_string_pretty(&t).unwrap();
        prop_assert_eq!(TagList::from_json(json.as_bytes()), Ok(t));
    }

    /// On arbitrary bytes the new decoder never panics, and on anything that is JSON it agrees
    /// with serde about accepting.
    #[test]
    fn arbitrary_input_agrees_with_serde(bytes in prop::collection::vec(any::<u8>(), 0..64), tail in 0usize..8) {
        let _ = Article::from_json(&bytes);
        let _ = yuedu_core::json::parse(&bytes);
        // Damage a real article near its end.
        let mut doc = BASE.as_bytes().to_vec();
        let at = doc.len().saturating_sub(tail + 1);
        doc.splice(at..at, bytes.iter().copied().take(3));
        let new = new_article(&doc);
        let old = old_article(&doc);
        prop_assert_eq!(new.is_ok(), old.is_ok(), "{:?} vs {:?}: {}", new, old, String::from_utf8_lossy(&doc));
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\"",
    "\"a\"",
    "\"\\u00e9\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud800\"",
    "\"\\x\"",
    "0",
    "-1",
    "1.5",
    "1e5",
    "01",
    "-",
    "1.",
    "true",
    "false",
    "null",
    "nul",
    "\u{1}",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Token soup, mostly not JSON: the parser accepts exactly what serde_json accepts, as the
    /// same tree. (serde_json also refuses numbers beyond f64, like 1e500; the parser keeps
    /// numbers as text and has no such limit.)
    #[test]
    fn arbitrary_json_parses_as_serde_parses_it(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..24)) {
        let doc = tokens.concat();
        let ours = yuedu_core::json::parse(doc.as_bytes());
        let theirs = serde_json::from_str::<serde_json::Value>(&doc);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert!(yuedu_core::json::same_as_serde(a, b), "{}: {:?} vs {:?}", doc, a, b),
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
            _ => prop_assert!(false, "{}: ours {:?}, serde {:?}", doc, ours, theirs),
        }
    }
}
