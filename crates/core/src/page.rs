//! Static HTML pages: every article (and every tag's list) as a complete page built from the
//! app's own `index.html`, so a browser without JavaScript or WebAssembly, a crawler, or a chat
//! app building a link preview gets the whole article — title, description, Open Graph tags,
//! schema.org `NewsArticle` JSON-LD — at the same URL the app uses (`article/<id>` is served
//! from `article/<id>/index.html`). Where wasm runs, the app starts from the same shell and
//! takes over. Everything from the article is escaped: it is data, never markup.

use serde::Serialize;

use crate::embed::{escape_html as esc, oembed_path};
use crate::feed::FeedItem;
use crate::index::{ListKind, ListPage, Output, PageRenderer};
use crate::route::{percent_encode, Route};
use crate::time::Timestamp;
use crate::{Article, Block};

/// How many characters of body text a description takes when the article has no summary.
const DESCRIPTION_CHARS: usize = 120;

/// Why the shell cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the shell has no {0}")]
    Shell(&'static str),
}

/// The static pages of a site served at `site`, built from `shell` (the built `index.html`):
/// `article/<id>/index.html` and the first page of each tag, `tag/<name>/index.html` (a static
/// host cannot serve `?page=2` from another file; the app pages on). Home and author lists have
/// no static page (home is the shell itself). `yuedu index --pages` calls it through
/// [`PageRenderer`].
pub struct ShellPages {
    shell: String,
    site: String,
}

impl ShellPages {
    /// Checks that `shell` has what a page needs (`<title>`, `<main>`, `#app`).
    pub fn new(shell: &str, site: &str) -> Result<ShellPages, PageError> {
        let site = if site.ends_with('/') { site.to_owned() } else { format!("{site}/") };
        fill(shell, "", "", "")?;
        Ok(ShellPages { shell: shell.to_owned(), site })
    }
}

impl PageRenderer for ShellPages {
    fn fingerprint(&self) -> u64 {
        // FNV-1a over the shell and the site: pages change when either does.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.shell.bytes().chain([0]).chain(self.site.bytes()).chain(*b"page.rs/1") {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    fn article(&self, a: &Article) -> Option<Output> {
        let html = article_page(&self.shell, &self.site, a).ok()?;
        Some(Output { path: format!("article/{}/index.html", a.id), json: html })
    }

    fn list(&self, page: &ListPage<'_>) -> Option<Output> {
        if page.kind != ListKind::Tag || page.page != 1 {
            return None;
        }
        let html = tag_page(&self.shell, &self.site, page.name, page.total, page.items).ok()?;
        Some(Output { path: format!("tag/{}/index.html", page.name), json: html })
    }
}

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

/// The page of one article.
pub fn article_page(shell: &str, site: &str, a: &Article) -> Result<String, PageError> {
    let url = format!("{site}{}", Route::Article(a.id.clone()).path().unwrap_or_default());
    let desc = description(a);
    let image = a.body.iter().find_map(|b| if let Block::Image { src, .. } = b { Some(absolute(site, src)) } else { None });
    let mut head = String::new();
    head.push_str(&format!("<meta name=\"description\" content=\"{}\">", esc(&desc)));
    head.push_str(&format!("<link rel=\"canonical\" href=\"{}\">", esc(&url)));
    head.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
        esc(&format!("{site}data/{}", oembed_path(&a.id))),
        esc(&a.title)
    ));
    // The app fetches this first: start it with the page.
    head.push_str(&format!("<link rel=\"preload\" href=\"data/articles/{}.json\" as=\"fetch\" crossorigin>", esc(&a.id)));
    for (property, content) in [
        ("og:type", "article".to_owned()),
        ("og:site_name", "阅读 yuedu".to_owned()),
        ("og:locale", "zh_CN".to_owned()),
        ("og:title", a.title.clone()),
        ("og:description", desc.clone()),
        ("og:url", url.clone()),
        ("article:published_time", a.published.clone()),
    ] {
        head.push_str(&format!("<meta property=\"{property}\" content=\"{}\">", esc(&content)));
    }
    for tag in &a.tags {
        head.push_str(&format!("<meta property=\"article:tag\" content=\"{}\">", esc(tag)));
    }
    if let Some(image) = &image {
        head.push_str(&format!("<meta property=\"og:image\" content=\"{}\">", esc(image)));
    }
    head.push_str(&format!("<meta name=\"twitter:card\" content=\"{}\">", if image.is_some() { "summary_large_image" } else { "summary" }));
    head.push_str(&format!("<script type=\"application/ld+json\">{}</script>", json_ld(a, &url, &desc, image.as_deref())));
    fill(shell, &format!("{} · 阅读", a.title), &head, &article_body(a))
}

/// The first page of one tag (`total` articles): its newest `items`.
pub fn tag_page(shell: &str, site: &str, tag: &str, total: usize, items: &[FeedItem]) -> Result<String, PageError> {
    let url = format!("{site}{}", Route::tag(tag).path().unwrap_or_default());
    let desc = format!("标签“{tag}”下的 {total} 篇文章");
    let head = format!(
        "<meta name=\"description\" content=\"{d}\"><link rel=\"canonical\" href=\"{u}\"><meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:title\" content=\"标签：{t}\"><meta property=\"og:description\" content=\"{d}\"><meta property=\"og:url\" content=\"{u}\">",
        d = esc(&desc),
        u = esc(&url),
        t = esc(tag)
    );
    let mut body =
        format!("<section class=\"page\"><h1 class=\"page-title\">标签：{}</h1><ol class=\"article-list\" role=\"list\">", esc(tag));
    for a in items {
        let source = a.yuedu.as_ref().map_or("", |y| y.source.as_str());
        body.push_str(&format!(
            "<li class=\"card\"><h2 class=\"card-title\"><a href=\"article/{}\">{}</a></h2><p class=\"card-meta\">{}<span class=\"source\">{}</span></p>",
            percent_encode(&a.id),
            esc(&a.title),
            time(&a.date_published),
            esc(source)
        ));
        if let Some(s) = &a.summary {
            body.push_str(&format!("<p class=\"card-summary\">{}</p>", esc(s)));
        }
        body.push_str("</li>");
    }
    body.push_str("</ol>");
    if items.len() < total {
        body.push_str(&format!("<nav class=\"pager\"><a class=\"pager-next\" href=\"{}?page=2\">下一页</a></nav>", esc(&url)));
    }
    body.push_str("</section>");
    fill(shell, &format!("标签：{tag} · 阅读"), &head, &body)
}

/// `shell` with its title replaced, `head` added after `<base>` (or the title), the shell's own description
/// dropped, and the contents of `<main>` replaced by `main` (the loading skeleton and the
/// no-JavaScript notice go: the content is here). `#app` is marked `data-static`.
///
/// The tags of `head` describe this page's URL only, so each is marked `data-page`, and
/// `head.js` (public/head.js) takes them out while the app shows another page and puts them
/// back on return: a share menu reading the canonical URL then never shares a page the reader
/// has left.
fn fill(shell: &str, title: &str, head: &str, main: &str) -> Result<String, PageError> {
    // Every `<` in `head` starts one of its tags: text and attribute values are escaped, and
    // the JSON-LD writes `<` as `\u003c`.
    let head = format!(
        "{}<script defer src=\"head.js\"></script>",
        head.replace("<meta ", "<meta data-page ").replace("<link ", "<link data-page ").replace("<script ", "<script data-page ")
    );
    let head = head.as_str();
    let t0 = shell.find("<title>").ok_or(PageError::Shell("<title>"))?;
    let t1 = shell[t0..].find("</title>").map(|i| t0 + i + "</title>".len()).ok_or(PageError::Shell("</title>"))?;
    let m0 = shell.find("<main").ok_or(PageError::Shell("<main>"))?;
    let m0 = shell[m0..].find('>').map(|i| m0 + i + 1).ok_or(PageError::Shell("<main>"))?;
    let m1 = shell.rfind("</main>").filter(|&i| i >= m0).ok_or(PageError::Shell("</main>"))?;
    // After `<base href>` when there is one: relative URLs in `head` (the preload) must see it.
    let h = shell[t1..m0].find("<base").and_then(|i| shell[t1 + i..m0].find('>').map(|j| t1 + i + j + 1)).unwrap_or(t1);
    let mut out = String::with_capacity(shell.len() + head.len() + main.len());
    out.push_str(&drop_head_tags(&shell[..t0]));
    out.push_str(&format!("<title>{}</title>", esc(title)));
    out.push_str(&drop_head_tags(&shell[t1..h]));
    out.push_str(head);
    out.push_str(&drop_head_tags(&shell[h..m0]));
    let mut out = start_after_first_paint(&out); // the shell before <main>: no article text in it
    out.push_str(main);
    out.push_str(&shell[m1..]);
    let app = ["<div id=app", "<div id=\"app\""].iter().find_map(|p| out.find(p).map(|i| i + p.len())).ok_or(PageError::Shell("#app"))?;
    out.insert_str(app, " data-static");
    Ok(out)
}

/// trunk's start-up script, made to fetch the wasm only once the page has been painted: a static
/// page shows the article by itself, so the 120 KB download must not compete with the first
/// paint on a slow network (the app still takes over a frame later). Where trunk's script has
/// another shape, it is left as it is.
fn start_after_first_paint(html: &str) -> String {
    const START: &str = "const wasm = await __trunkInitializer(";
    const AFTER_PAINT: &str = "await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\n";
    // Only inside a module script (article text in the title or the JSON-LD may say anything).
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

/// Removes from a piece of the shell the head tags a static page replaces or does not want:
/// `<meta name=description …>` (the page has its own) and the wasm `<link rel=preload …>`. The
/// shell preloads the wasm because without it nothing shows; a static page already shows the
/// article, so the 137 KB download must not compete with the page's own CSS and text on a slow
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

fn time(published: &str) -> String {
    let shown = Timestamp::parse_rfc3339(published).map_or_else(|_| published.to_owned(), |t| t.format_zh_shanghai());
    format!("<time datetime=\"{}\">{}</time>", esc(published), esc(&shown))
}

fn absolute(site: &str, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_owned()
    } else {
        format!("{site}{}", src.trim_start_matches('/'))
    }
}

/// The article as the app renders it (same elements and classes, so nothing moves when the
/// app takes over), minus what needs the app: metric marks, the highlights panel, actions.
fn article_body(a: &Article) -> String {
    let mut h = format!(
        "<article class=\"article\" data-article-id=\"{}\" lang=\"zh-CN\"><header class=\"article-header\"><h1 class=\"article-title\">{}</h1><p class=\"byline\">{}<span class=\"source\"><span class=\"label\">来源：</span>{}</span>",
        esc(&a.id),
        esc(&a.title),
        time(&a.published),
        esc(&a.source.name)
    );
    if !a.authors.is_empty() {
        h.push_str("<span class=\"authors\"><span class=\"label\">作者：</span>");
        for author in &a.authors {
            h.push_str(&format!("<span class=\"author\">{}</span>", esc(author)));
        }
        h.push_str("</span>");
    }
    let r = crate::reading::reading_time(a);
    h.push_str(&format!(
        "</p><p class=\"reading-time\">{}</p></header><div class=\"article-body\">",
        esc(&(crate::i18n::ZH_CN.reading_time)(r, &crate::i18n::grouped))
    ));
    let mut sections = 0;
    for block in &a.body {
        match block {
            Block::Paragraph { text } => h.push_str(&format!("<p>{}</p>", esc(text))),
            Block::Heading { text } => {
                sections += 1;
                h.push_str(&format!("<h2 id=\"section-{sections}\" tabindex=\"-1\">{}</h2>", esc(text)));
            }
            Block::Verse { lines } => {
                h.push_str("<blockquote class=\"verse\">");
                for line in lines {
                    h.push_str(&format!("<p class=\"verse-line\">{}</p>", esc(line)));
                }
                h.push_str("</blockquote>");
            }
            Block::Lead { lead, text } => h.push_str(&format!(
                "<p class=\"lead-point\"><strong class=\"lead\"><span aria-hidden=\"true\">——</span>{}</strong>{}</p>",
                esc(lead),
                esc(text)
            )),
            Block::Image { src, alt, caption } => {
                // `src` was vetted by the decoder: http(s) or a relative path.
                h.push_str(&format!(
                    "<figure class=\"figure\"><img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
                    esc(src),
                    esc(alt)
                ));
                if let Some(c) = caption {
                    h.push_str(&format!("<figcaption>{}</figcaption>", esc(c)));
                }
                h.push_str("</figure>");
            }
        }
    }
    h.push_str("</div><footer class=\"article-footer\">");
    if !a.editors.is_empty() {
        h.push_str("<dl class=\"credits\">");
        for e in &a.editors {
            h.push_str(&format!("<div class=\"credit\"><dt>{}</dt><dd>{}</dd></div>", esc(&e.role), esc(&e.name)));
        }
        h.push_str("</dl>");
    }
    if !a.tags.is_empty() {
        h.push_str(
            "<nav class=\"article-tags\" aria-label=\"标签\"><h2 class=\"visually-hidden\">标签</h2><ul class=\"tags\" role=\"list\">",
        );
        for tag in &a.tags {
            h.push_str(&format!("<li><a class=\"tag\" href=\"tag/{}\">{}</a></li>", percent_encode(tag), esc(tag)));
        }
        h.push_str("</ul></nav>");
    }
    h.push_str("</footer></article>");
    h
}

#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
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

    const SHELL: &str = r#"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>阅读</title><base href=/><meta content="x" name=description><link crossorigin href=/app-0123456789abcdef.js rel=modulepreload><link as=fetch crossorigin href=/app-0123456789abcdef_bg.wasm integrity=sha384-x rel=preload type=application/wasm><div id=app><header class=site-header></header><main id=main tabindex=-1><div class=boot>loading</div><noscript>need js</noscript></main><footer></footer></div>"#;

    fn hostile() -> Article {
        let mut a = crate::testing::article("a1", 2, &["协同</script>振兴"], "正文<script>alert(1)</script>");
        a.title = "标题 <img src=x onerror=alert(1)> & \"引号\"".into();
        a.authors = vec!["作者</script><!--".into()];
        a
    }

    #[test]
    fn the_article_is_in_the_page_and_escaped() {
        let html = article_page(SHELL, "https://example.org/", &hostile()).unwrap();
        assert!(html.contains("<h1 class=\"article-title\">标题 &lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot;</h1>"), "{html}");
        assert!(html.contains("<p>正文&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("loading") && !html.contains("need js"), "the skeleton and the notice go");
        assert!(html.contains("<div id=app data-static>"));
        assert!(html.find("<base href=/>").unwrap() < html.find("rel=\"preload\"").unwrap(), "the preload resolves against <base>");
        assert_eq!(html.matches("name=\"description\"").count() + html.matches("name=description").count(), 1);
        assert!(!html.contains("_bg.wasm"), "no wasm preload: the page is readable without the app");
        assert!(html.contains("rel=modulepreload"), "the app script itself still starts at once");
        assert!(html.contains("<title>标题 &lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot; · 阅读</title>"));
        assert!(html.contains("<link data-page rel=\"canonical\" href=\"https://example.org/article/a1\">"));
        assert!(html.contains("<meta data-page property=\"og:url\" content=\"https://example.org/article/a1\">"));
    }

    #[test]
    fn every_head_tag_of_the_page_is_marked_for_head_js() {
        for html in [
            article_page(SHELL, "https://example.org/", &hostile()).unwrap(),
            tag_page(SHELL, "https://example.org/", "协同</script>振兴", 1, &[crate::feed::FeedItem::from_article(&hostile(), "/")])
                .unwrap(),
        ] {
            let head = &html[html.find("<base href=/>").unwrap()..html.find("<div id=app").unwrap()];
            let ours = &head[..head.find("<script defer src=\"head.js\"></script>").expect("head.js is loaded")];
            let tags = ours.matches('<').count() - ours.matches("</").count() - 1; // opening tags, less the <base>
            assert!(tags >= 5, "{ours}");
            assert_eq!(ours.matches(" data-page ").count(), tags, "{ours}");
            assert!(!head.contains("content=\"x\" name=description"), "the shell's description is dropped");
        }
    }

    #[test]
    fn the_app_starts_after_the_first_paint() {
        let shell = SHELL.replace(
            "<div id=app>",
            "<script type=module>import init from '/app.js';\nconst wasm = await __trunkInitializer(init);</script><div id=app>",
        );
        let html = article_page(&shell, "https://example.org/", &hostile()).unwrap();
        assert!(html.contains("import init from '/app.js';\nawait new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\nconst wasm = await __trunkInitializer(init);"), "{html}");
        assert_eq!(html.matches("requestAnimationFrame").count(), 1);
        // A title that spells the start-up line is text, not the script.
        let mut a = hostile();
        a.title = "const wasm = await __trunkInitializer(".into();
        let html = article_page(&shell, "https://example.org/", &a).unwrap();
        assert!(html.contains("<title>const wasm = await __trunkInitializer( · 阅读</title>"));
        assert!(html.contains("setTimeout(r)));\nconst wasm = await __trunkInitializer(init);"));
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let html = article_page(SHELL, "https://example.org/", &hostile()).unwrap();
        let open = "<script data-page type=\"application/ld+json\">";
        let start = html.find(open).unwrap() + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        let doc: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(doc["@type"], "NewsArticle");
        assert_eq!(doc["author"][0]["name"], "作者</script><!--");
        assert_eq!(doc["keywords"], "协同</script>振兴");
    }

    #[test]
    fn pages_for_articles_and_the_first_page_of_tags() {
        let pages = ShellPages::new(SHELL, "https://e.org").unwrap();
        let (a, b) = (crate::testing::article("a", 1, &["t1", "t2"], "x"), crate::testing::article("b", 2, &["t1"], "y"));
        assert_eq!(pages.article(&a).unwrap().path, "article/a/index.html");
        let items = [crate::feed::FeedItem::from_article(&b, "/"), crate::feed::FeedItem::from_article(&a, "/")];
        let list = |kind, page| ListPage { kind, name: "t1", page, pages: 2, total: 3, items: &items };
        let t1 = pages.list(&list(ListKind::Tag, 1)).unwrap();
        assert_eq!(t1.path, "tag/t1/index.html");
        assert!(t1.json.find("article/b").unwrap() < t1.json.find("article/a").unwrap(), "newest first");
        assert!(t1.json.contains("下的 3 篇文章") && t1.json.contains("?page=2"), "the count of the whole tag, a way on");
        assert!(pages.list(&list(ListKind::Tag, 2)).is_none() && pages.list(&list(ListKind::Home, 1)).is_none());
        assert!(matches!(ShellPages::new("<html>", "/"), Err(PageError::Shell("<title>"))));
        assert_ne!(pages.fingerprint(), ShellPages::new(SHELL, "/").unwrap().fingerprint());
    }

    #[test]
    fn descriptions_prefer_the_summary_and_cut_long_text() {
        let mut a = crate::testing::article("a", 1, &[], &"字".repeat(300));
        assert_eq!(description(&a).chars().count(), DESCRIPTION_CHARS + 1);
        a.summary = Some(" 摘要 ".into());
        assert_eq!(description(&a), "摘要");
    }
}
