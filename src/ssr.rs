//! Static pages: the app's own components rendered to HTML natively (Leptos's server-side
//! rendering, the `ssr` feature), for `yuedu index --pages`. A page is the whole app as the
//! browser would build it for that URL — the same header, article or list, and footer — with
//! its data already in hand ([`Preloaded`]), inside the built app shell (`shell.html`)
//! ([`yuedu_core::page::fill`]), so there is no second copy of any markup: a change to a
//! component is a change to the static pages.
//!
//! What needs the browser is left out of static pages and added by the app when it takes over
//! (it builds itself beside the page and swaps in once it has content: `start` in `lib.rs`):
//! the related list and the share/save/embed actions (`split.rs`), the settings panel.

use leptos::prelude::*;
use yuedu_core::feed::Feed;
use yuedu_core::page::{fill, fill_app, PageError, PageMeta};
use yuedu_core::{Article, Route};

use crate::components::skeleton::BootView;
use crate::load::Preloaded;
use crate::App;

/// The built app shell and the site it is served at: what every page is made from.
pub struct Site {
    shell: String,
    /// The URL the app is served under (`/`, `https://example.org/reader/`), for canonical URLs.
    site: String,
    /// The path of the shell's `<base href>`: the links of a page are written under it, as
    /// the app writes them.
    base: String,
}

impl Site {
    /// `shell` is the built app shell (its `<base href>` gives the base path); `site` the
    /// URL the app is served under.
    pub fn new(shell: String, site: &str) -> Site {
        let base = base_href(&shell).unwrap_or_else(|| "/".to_owned());
        Site { shell, site: site.to_owned(), base }
    }

    /// The shell itself with the app's chrome and its loading view rendered into `#app`: what
    /// a route without a static page shows until the app starts (`yuedu shell` writes it to
    /// `index.html` and `shell.html`).
    pub fn app_shell(&self) -> Result<String, PageError> {
        let app = self.render(
            Route::NotFound,
            || {},
            || {
                view! {
                    <crate::components::site::SiteHeader/>
                    <main id="main" tabindex="-1"><BootView/></main>
                    <crate::components::site::SiteFooter/>
                }
            },
        );
        fill_app(&self.shell, &app)
    }

    /// The static page of article `a` (`article/<id>/index.html`).
    pub fn article(&self, a: &Article) -> Result<String, PageError> {
        let route = Route::Article(a.id.clone());
        let meta = PageMeta::article(&self.site, a);
        let preloaded = Preloaded(a.id.clone(), a.clone());
        self.page(route, meta, move || provide_context(preloaded))
    }

    /// The static page of the list `route` names (its first page: the home page or a named
    /// list's), showing `feed`; `count` is the number of articles in the whole list.
    pub fn list(&self, route: &Route, feed: Feed, count: usize) -> Result<String, PageError> {
        let title = crate::i18n::t().list_title(route);
        let meta = PageMeta::list(&self.site, route, &title, count);
        let preloaded = Preloaded(route.clone(), feed);
        self.page(route.clone(), meta, move || provide_context(preloaded))
    }

    fn page(&self, route: Route, meta: PageMeta, provide: impl FnOnce()) -> Result<String, PageError> {
        let app = self.render(route.clone(), provide, || view! { <App/> });
        fill(&self.shell, &view! { <PageHead meta=meta/> }.to_html(), &app, &route)
    }

    /// `view` rendered to HTML for `route`, with the page's router and data in context.
    fn render<V: IntoView + 'static>(&self, route: Route, provide: impl FnOnce(), view: impl FnOnce() -> V) -> String {
        let owner = Owner::new();
        owner.with(|| {
            crate::router::provide_static_router(route, &self.base);
            provide();
            view().to_html()
        })
    }
}

/// A static page's own head tags. Each is marked `data-page`: `public/head.js` takes them out
/// while the app shows another page and puts them back on return, so a share menu reading the
/// canonical URL never shares a page the reader has left.
#[component]
fn PageHead(meta: PageMeta) -> impl IntoView {
    let PageMeta { title, description, url, og_type, og_title, published, tags, image, oembed, json_ld } = meta;
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    // `property` (RDFa, as Open Graph uses it) is not an attribute the view macro knows.
    let og =
        |property: &'static str, content: String| leptos::html::meta().attr("data-page", "").attr("property", property).content(content);
    view! {
        <title>{title}</title>
        <meta data-page name="description" content=description.clone()/>
        <link data-page rel="canonical" href=url.clone()/>
        {oembed.map(|href| view! { <link data-page rel="alternate" type="application/json+oembed" href=href title=og_title.clone()/> })}
        {og("og:type", og_type.to_owned())}
        {og("og:site_name", "阅读 yuedu".to_owned())}
        {og("og:locale", "zh_CN".to_owned())}
        {og("og:title", og_title)}
        {og("og:description", description)}
        {og("og:url", url)}
        {published.map(|p| og("article:published_time", p))}
        {tags.into_iter().map(|t| og("article:tag", t)).collect_view()}
        {image.map(|i| og("og:image", i))}
        <meta data-page name="twitter:card" content=card/>
        // JSON written by the core with every `<` escaped: it cannot end its script.
        {json_ld.map(|ld| view! { <script data-page type="application/ld+json" inner_html=ld></script> })}
        <script defer src="head.js"></script>
    }
}

/// The path of the shell's `<base href>` (ending in `/`).
fn base_href(shell: &str) -> Option<String> {
    let tag = &shell[shell.find("<base")?..];
    let tag = &tag[..tag.find('>')?];
    let href = tag.split("href=").nth(1)?.trim_start_matches(['"', '\'']);
    let href = &href[..href.find(['"', '\'', ' ']).unwrap_or(href.len())];
    // An absolute base (`https://example.org/reader/`) contributes its path.
    let path = href.split_once("://").map_or(href, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    Some(if path.ends_with('/') { path.to_owned() } else { format!("{path}/") })
}

#[cfg(test)]
mod tests {
    use yuedu_core::feed::{Feed, FeedItem};
    use yuedu_core::{Article, Block, Route, Source};

    use super::Site;

    const SHELL: &str = r#"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>阅读</title><base href=/reader/><meta content="x" name=description><link crossorigin href=/app-0123456789abcdef.js rel=modulepreload><body><div id=app></div></body>"#;

    fn hostile() -> Article {
        Article {
            id: "a1".into(),
            title: "标题 <img src=x onerror=alert(1)> & \"引号\"".into(),
            published: "2024-01-02T08:00:00+08:00".into(),
            source: Source { name: "示例</span>".into(), url: None },
            authors: vec!["作者</script><!--".into()],
            tags: vec!["协同</script>振兴".into()],
            kicker: Some("引题<b>".into()),
            subtitle: Some("副题</p>".into()),
            body: vec![
                Block::Paragraph { text: "正文<script>alert(1)</script>，投入资金9500万元。".into() },
                Block::Heading { text: "一".into() },
                Block::Heading { text: "二".into() },
            ],
            ..Article::default()
        }
    }

    #[test]
    fn the_article_page_is_the_apps_markup_escaped() {
        let html = Site::new(SHELL.into(), "https://example.org/reader/").article(&hostile()).unwrap();
        // The app's own markup: header, article with its metrics marked and contents, footer.
        assert!(html.contains("<header class=\"site-header\">"), "{html}");
        assert!(html.contains("<article data-article-id=\"a1\" lang=\"zh-CN\" class=\"article\">"), "{html}");
        assert!(html.contains("<h1 class=\"article-title\">标题 &lt;img src=x onerror=alert(1)&gt; &amp; \"引号\"</h1>"), "{html}");
        assert!(
            html.contains("<p class=\"article-kicker\">引题&lt;b&gt;</p><h1 class=\"article-title\">"),
            "the kicker above the headline: {html}"
        );
        assert!(html.contains("</h1><p class=\"article-subtitle\">副题&lt;/p&gt;</p>"), "the subtitle under it: {html}");
        assert!(html.contains(r#""alternativeHeadline":"副题\u003c/p>""#), "the subtitle in the JSON-LD: {html}");
        assert!(html.contains("正文&lt;script&gt;alert(1)&lt;/script&gt;，投入资金<mark id=\"metric-0\""), "{html}");
        assert!(html.contains("<nav aria-labelledby=\"toc-title\" class=\"toc\">"), "contents, as in the app");
        assert!(html.contains("<time datetime=\"2024-01-02T08:00:00+08:00\">2024年1月2日 08:00</time>"), "{html}");
        assert!(
            html.contains(
                "<a href=\"/reader/tag/%E5%8D%8F%E5%90%8C%3C%2Fscript%3E%E6%8C%AF%E5%85%B4\" class=\"tag\">协同&lt;/script&gt;振兴</a>"
            ),
            "links under the base, encoded"
        );
        assert!(!html.contains("<script>alert") && !html.contains("<img src=x"));
        assert!(html.contains("<div id=app data-static=\"article/a1\">"), "{html}");
        assert!(html.contains("<title>标题 &lt;img src=x onerror=alert(1)&gt; &amp; \"引号\" · 阅读</title>"), "{html}");
        assert!(html.contains("<link data-page rel=\"canonical\" href=\"https://example.org/reader/article/a1\">"), "{html}");
        assert!(html.contains("<meta data-page=\"\" property=\"og:url\" content=\"https://example.org/reader/article/a1\">"), "{html}");
        assert!(!html.contains("rel=\"preload\""), "no data preload: the app adopts the page and never reads its data");
    }

    #[test]
    fn every_head_tag_of_a_page_is_marked_for_head_js() {
        let site = Site::new(SHELL.into(), "https://example.org/reader/");
        let item = FeedItem::from_article(&hostile(), "https://example.org/reader/");
        let feed = Feed { version: yuedu_core::feed::JSON_FEED_VERSION.into(), title: "t".into(), items: vec![item], ..Feed::default() };
        for html in [site.article(&hostile()).unwrap(), site.list(&Route::tag("协同</script>振兴"), feed, 1).unwrap()] {
            let head = &html[html.find("<base href=/reader/>").unwrap()..html.find("<div id=app").unwrap()];
            let ours =
                &head[head.find("</title>").unwrap()..head.find("<script defer src=\"head.js\"></script>").expect("head.js is loaded")];
            let tags = ["<meta", "<link", "<script"].iter().map(|t| ours.matches(t).count()).sum::<usize>();
            assert!(tags >= 8, "{ours}");
            assert_eq!(ours.matches(" data-page").count(), tags, "{ours}");
            assert!(!head.contains("content=\"x\" name=description"), "the shell's description is dropped");
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let html = Site::new(SHELL.into(), "https://example.org/").article(&hostile()).unwrap();
        let open = "<script data-page type=\"application/ld+json\">";
        let start = html.find(open).unwrap() + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        let doc: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(doc["author"][0]["name"], "作者</script><!--");
    }

    #[test]
    fn the_list_page_and_the_app_shell() {
        let site = Site::new(SHELL.into(), "/");
        let item = FeedItem::from_article(&hostile(), "/");
        let feed = Feed { version: yuedu_core::feed::JSON_FEED_VERSION.into(), title: "t".into(), items: vec![item], ..Feed::default() };
        let html = site.list(&Route::tag("协同振兴"), feed, 12).unwrap();
        assert!(html.contains("<h1 class=\"page-title\">标签：协同振兴</h1>"), "{html}");
        assert!(html.contains("<ol role=\"list\" data-empty=\"这里还没有文章。\" class=\"article-list\">"), "{html}");
        assert!(html.contains("<a href=\"/reader/article/a1\">标题 &lt;img"), "{html}");
        assert!(html.contains("<link data-page rel=\"canonical\" href=\"/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4\">"), "{html}");
        assert!(html.contains("<meta data-page name=\"description\" content=\"标签：协同振兴：12 篇文章\">"), "{html}");
        let shell = site.app_shell().unwrap();
        assert!(shell.contains("<div id=app><a href=\"#main\" class=\"skip-link\">"), "{shell}");
        assert!(shell.contains("<progress class=\"boot-progress\" max=\"100\">"), "{shell}");
        assert!(shell.contains("<noscript>"), "{shell}");
        assert!(shell.contains("<title>阅读</title>") && shell.contains("content=\"x\" name=description"), "the shell keeps its head");
    }
}
