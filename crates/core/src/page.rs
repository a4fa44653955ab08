//! What a static page says about itself, and how it is put into the app's shell.
//!
//! `yuedu index --pages` writes a complete HTML page for every article and every list's first
//! page, so a browser without JavaScript or WebAssembly, a crawler, or a chat app building a
//! link preview gets the whole content at the same URL the app uses. The markup of those pages
//! is the app's own: its components rendered natively (the web crate's `ssr` module). This
//! module holds the rest, which is data and string work, not markup: each page's metadata
//! ([`PageMeta`]: description, canonical URL, Open Graph, schema.org JSON-LD) and [`fill`], which
//! puts a rendered head and body into the built app shell (`shell.html`).

use serde::Serialize;

use crate::embed::oembed_path;
use crate::route::Route;
use crate::{Article, Block};

/// How many characters of body text a description takes when the article has no summary.
const DESCRIPTION_CHARS: usize = 120;

/// The description of an article: its summary, else the start of its text.
pub fn description(a: &Article) -> String {
    if let Some(s) = a.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        return s.trim().to_owned();
    }
    let text: String = a.body.iter().filter(|b| !matches!(b, Block::Image { .. })).map(Block::text).collect::<Vec<_>>().join("");
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(DESCRIPTION_CHARS).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// A static page's metadata: what its `<head>` says to crawlers, link previews and feed readers.
/// Every value is plain text; the renderer escapes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMeta {
    /// The document title (`标题 · 阅读`).
    pub title: String,
    pub description: String,
    /// The canonical URL (absolute when the site is).
    pub url: String,
    /// Open Graph type: `article` or `website`.
    pub og_type: &'static str,
    /// Open Graph title.
    pub og_title: String,
    /// `article:published_time` and `article:tag`, for articles.
    pub published: Option<String>,
    pub tags: Vec<String>,
    /// The first image, absolute.
    pub image: Option<String>,
    /// The oEmbed document, for articles.
    pub oembed: Option<String>,
    /// schema.org `NewsArticle`, safe inside `<script>`.
    pub json_ld: Option<String>,
}

impl PageMeta {
    /// The metadata of `a`'s page on the site served at `site` (`/` or an absolute URL).
    pub fn article(site: &str, a: &Article) -> PageMeta {
        let site = crate::feed::site_root(site);
        let route = Route::Article(a.id.clone());
        let url = format!("{site}{}", route.path().unwrap_or_default());
        let description = description(a);
        let image = a.body.iter().find_map(|b| if let Block::Image { src, .. } = b { Some(absolute(&site, src)) } else { None });
        let json_ld = json_ld(a, &url, &description, image.as_deref());
        PageMeta {
            title: format!("{} · 阅读", a.title),
            og_title: a.title.clone(),
            description,
            url,
            og_type: "article",
            published: Some(a.published.clone()),
            tags: a.tags.clone(),
            image,
            oembed: Some(format!("{site}data/{}", oembed_path(&a.id))),
            json_ld: Some(json_ld),
        }
    }

    /// The metadata of a list page (`title`: its heading, e.g. `标签：协同振兴`; `count`: how
    /// many articles the whole list has).
    pub fn list(site: &str, route: &Route, title: &str, count: usize) -> PageMeta {
        let site = crate::feed::site_root(site);
        // The home page is the site itself: its title is the app's name, as the app sets it.
        let app = crate::i18n::ZH_CN.app_name;
        PageMeta {
            title: if *route == Route::HOME { app.to_owned() } else { format!("{title} · {app}") },
            description: format!("{title}：{count} 篇文章"),
            url: format!("{site}{}", route.path().unwrap_or_default()),
            og_type: "website",
            og_title: title.to_owned(),
            published: None,
            tags: Vec::new(),
            image: None,
            oembed: None,
            json_ld: None,
        }
    }
}

/// Why the built app shell cannot be used for static pages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the shell has no {0}")]
    Shell(&'static str),
}

/// The static page made from `shell` (the built app shell): `head` — the page's own head
/// tags, its `<title>` first — in place of the shell's title, put after `<base href>` (relative
/// URLs in it must see the base); the shell's own description and wasm preload dropped; trunk's
/// start-up script made to wait for the first paint; and `app` as the contents of `#app`, which
/// is marked `data-static="<the route's path>"`: the app adopts the page's content only at that
/// route (a host whose fallback serves some other page — the home page, say, for a new
/// article's URL — gets the app's own rendering instead).
pub fn fill(shell: &str, head: &str, app: &str, route: &Route) -> Result<String, PageError> {
    let t0 = shell.find("<title>").ok_or(PageError::Shell("<title>"))?;
    let t1 = shell[t0..].find("</title>").map(|i| t0 + i + "</title>".len()).ok_or(PageError::Shell("</title>"))?;
    let (app_open, app_start, app_end) = app_element(shell)?;
    // After `<base href>` when there is one.
    let h = shell[t1..app_open].find("<base").and_then(|i| shell[t1 + i..app_open].find('>').map(|j| t1 + i + j + 1)).unwrap_or(t1);
    let mut out = String::with_capacity(shell.len() + head.len() + app.len());
    out.push_str(&drop_head_tags(&shell[..t0]));
    out.push_str(&drop_head_tags(&shell[t1..h]));
    out.push_str(head);
    out.push_str(&start_after_first_paint(&drop_head_tags(&shell[h..app_open])));
    out.push_str(&shell[app_open..app_start - 1]);
    // Percent-encoded ([`Route::path`]): nothing in it needs escaping in an attribute.
    out.push_str(" data-static=\"");
    out.push_str(&route.path().unwrap_or_default());
    out.push_str("\">");
    out.push_str(app);
    out.push_str(&shell[app_end..]);
    Ok(out)
}

/// `shell` with `app` as the contents of `#app` and nothing else changed: the app shell every
/// route without a static page starts from.
pub fn fill_app(shell: &str, app: &str) -> Result<String, PageError> {
    let (_, app_start, app_end) = app_element(shell)?;
    Ok(format!("{}{app}{}", &shell[..app_start], &shell[app_end..]))
}

/// Where `#app` opens, where its contents start and where they end. The shell's `<body>` must be
/// `<div id="app">…</div>` (index.html, from which the build makes the shell).
fn app_element(shell: &str) -> Result<(usize, usize, usize), PageError> {
    let open = ["<div id=app", "<div id=\"app\""].iter().find_map(|p| shell.find(p)).ok_or(PageError::Shell("#app"))?;
    let start = shell[open..].find('>').map(|i| open + i + 1).ok_or(PageError::Shell("#app"))?;
    let body_end = shell.rfind("</body>").unwrap_or(shell.len());
    let end = shell[..body_end].rfind("</div>").filter(|&i| i >= start).ok_or(PageError::Shell("#app's end"))?;
    Ok((open, start, end))
}

/// trunk's start-up script, made to fetch the wasm only once the page has been painted: a static
/// page shows its content by itself, so the download must not compete with the first paint on a
/// slow network (the app still takes over a frame later). Where trunk's script has another
/// shape, it is left as it is.
fn start_after_first_paint(html: &str) -> String {
    const START: &str = "const wasm = await __trunkInitializer(";
    const AFTER_PAINT: &str = "await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\n";
    // Only inside a module script (page text in the head may say anything).
    let at = ["<script type=module>", "<script type=\"module\">"].iter().find_map(|open| {
        let body = html.find(open)? + open.len();
        let end = html[body..].find("</script>").map_or(html.len(), |e| body + e);
        html[body..end].find(START).map(|i| body + i)
    });
    match at {
        Some(i) => format!("{}{AFTER_PAINT}{}", &html[..i], &html[i..]),
        None => html.to_owned(),
    }
}

/// Removes from a piece of the shell the head tags a page replaces or does not want:
/// `<meta name=description …>` (each page has its own) and the wasm `<link rel=preload …>`. The
/// shell preloads the wasm because without it nothing shows; a static page already shows its
/// content, so the download must not compete with the page's own CSS and text on a slow
/// network — the app script still fetches it as soon as the document is parsed (BENCHMARKS.md).
fn drop_head_tags(html: &str) -> String {
    let unwanted = |tag: &str| {
        let meta_description = tag.starts_with("<meta") && (tag.contains("name=description") || tag.contains("name=\"description\""));
        let wasm_preload =
            tag.starts_with("<link") && (tag.contains("rel=preload") || tag.contains("rel=\"preload\"")) && tag.contains(".wasm");
        meta_description || wasm_preload
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..end];
        out.push_str(&rest[..i]);
        if !unwanted(tag) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn absolute(site: &str, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_owned()
    } else {
        format!("{site}{}", src.trim_start_matches('/'))
    }
}

#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "alternativeHeadline", skip_serializing_if = "Option::is_none")]
    alternative_headline: Option<&'a str>,
    description: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    url: &'a str,
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// schema.org NewsArticle, safe inside `<script>` (no `</` or `<!--` can end it early).
fn json_ld(a: &Article, url: &str, desc: &str, image: Option<&str>) -> String {
    let authors: Vec<Thing> = if a.authors.is_empty() {
        vec![Thing { kind: "Organization", name: &a.source.name }]
    } else {
        a.authors.iter().map(|n| Thing { kind: "Person", name: n }).collect()
    };
    let doc = JsonLd {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        alternative_headline: a.subtitle.as_deref(),
        description: desc,
        date_published: &a.published,
        in_language: "zh-CN",
        main_entity_of_page: url,
        url,
        author: authors,
        publisher: Thing { kind: "Organization", name: &a.source.name },
        image,
        keywords: (!a.tags.is_empty()).then(|| a.tags.join(",")),
    };
    serde_json::to_string(&doc).unwrap_or_default().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>阅读</title><base href=/><meta content="x" name=description><link crossorigin href=/app-0123456789abcdef.js rel=modulepreload><link as=fetch crossorigin href=/app-0123456789abcdef_bg.wasm integrity=sha384-x rel=preload type=application/wasm><script type=module>import init from '/app.js';
const wasm = await __trunkInitializer(init);</script><body><div id=app><header class=site-header></header><main id=main tabindex=-1><div class=boot>loading</div></main><footer></footer></div></body>"#;

    #[test]
    fn fill_puts_head_and_app_in_place() {
        let html =
            fill(SHELL, "<title>T</title><meta data-page name=description content=d>", "<p>app</p>", &Route::tag("协同 \"x\"")).unwrap();
        assert!(html.contains("<base href=/><title>T</title><meta data-page name=description content=d>"), "{html}");
        assert!(html.contains("<div id=app data-static=\"tag/%E5%8D%8F%E5%90%8C%20%22x%22\"><p>app</p></div></body>"), "{html}");
        assert!(!html.contains("loading") && !html.contains("<title>阅读</title>"));
        assert_eq!(html.matches("name=description").count(), 1, "the shell's description is dropped");
        assert!(!html.contains("_bg.wasm"), "no wasm preload: the page is readable without the app");
        assert!(html.contains("rel=modulepreload"), "the app script itself still starts at once");
        assert!(
            html.contains("import init from '/app.js';\nawait new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\nconst wasm")
        );
        // The app shell keeps its head and starts the app at once.
        let shell = fill_app(SHELL, "<p>boot</p>").unwrap();
        assert_eq!(
            shell,
            SHELL.replace(
                "<header class=site-header></header><main id=main tabindex=-1><div class=boot>loading</div></main><footer></footer>",
                "<p>boot</p>"
            )
        );
        assert_eq!(fill("<html>", "", "", &Route::HOME), Err(PageError::Shell("<title>")));
        assert_eq!(fill_app("<html>", ""), Err(PageError::Shell("#app")));
    }

    #[test]
    fn a_head_that_spells_the_start_up_line_is_text() {
        let html = fill(SHELL, "<title>const wasm = await __trunkInitializer(</title>", "", &Route::HOME).unwrap();
        assert_eq!(html.matches("requestAnimationFrame").count(), 1);
        assert!(html.contains("setTimeout(r)));\nconst wasm = await __trunkInitializer(init);"));
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let mut a = crate::testing::article("a1", 2, &["协同</script>振兴"], "正文");
        a.authors = vec!["作者</script><!--".into()];
        let meta = PageMeta::article("https://example.org/", &a);
        let ld = meta.json_ld.unwrap();
        assert!(!ld.contains('<'));
        let doc: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(doc["@type"], "NewsArticle");
        assert_eq!(doc["author"][0]["name"], "作者</script><!--");
        assert_eq!(doc["keywords"], "协同</script>振兴");
        assert_eq!(meta.url, "https://example.org/article/a1");
    }

    #[test]
    fn descriptions_prefer_the_summary_and_cut_long_text() {
        let mut a = crate::testing::article("a", 1, &[], &"字".repeat(300));
        assert_eq!(description(&a).chars().count(), DESCRIPTION_CHARS + 1);
        a.summary = Some(" 摘要 ".into());
        assert_eq!(description(&a), "摘要");
    }
}
