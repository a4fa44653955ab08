//! `yuedu index --pages` and `yuedu shell`: the static pages of a built site, rendered by the
//! app's own components (`yuedu_web::ssr`) — every article, the home page and the first page of
//! every named list (tags, authors) — and the app shell ([`SHELL_PAGE`]) with the app's chrome
//! and loading view.

use std::path::Path;

use yuedu_core::index::{list_route, ListPage, Output, PageRenderer};
use yuedu_core::page::PageError;
use yuedu_core::route::SHELL_PAGE;
use yuedu_core::{Article, Block, Route, Source};
use yuedu_web::ssr::Site;

/// The static pages of a site, through [`Site`]: what `yuedu index --pages` renders with (the
/// index decides which pages to render again, [`PageRenderer`]).
pub struct SitePages {
    site: Site,
    fingerprint: u64,
}

impl SitePages {
    /// Pages made from `shell` (the built [`SHELL_PAGE`]) for the site served at `site`. Fails
    /// when the shell lacks what a page needs.
    pub fn new(shell: String, site: &str) -> Result<SitePages, PageError> {
        let site = Site::new(shell, site);
        // The pages change when the shell, the site or any component does: the fingerprint is
        // taken of a page rendered now (a probe article using what pages show) and the shell
        // as the app renders it, so a new `yuedu` binary with other markup re-renders all pages.
        let probe = Article {
            id: "probe".into(),
            title: "标题".into(),
            published: "2024-01-02T08:00:00+08:00".into(),
            source: Source { name: "来源".into(), url: None },
            authors: vec!["作者".into()],
            tags: vec!["标签".into()],
            summary: Some("摘要".into()),
            body: vec![Block::Heading { text: "小标题".into() }, Block::Paragraph { text: "投入资金9500万元，增长12.5%。".into() }],
            ..Article::default()
        };
        let rendered = format!("{}\0{}", site.article(&probe)?, site.app_shell()?);
        Ok(SitePages { fingerprint: crate::index::fnv64(rendered.as_bytes()), site })
    }
}

impl PageRenderer for SitePages {
    fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn article(&self, a: &Article) -> Option<Output> {
        let path = Route::Article(a.id.clone()).static_page()?;
        Some(Output { path, json: self.site.article(a).ok()? })
    }

    /// The first page of the home, tag or author list.
    fn list(&self, page: &ListPage<'_>) -> Option<Output> {
        let route = list_route(page.kind, page.name).at_page(page.page);
        let path = route.static_page()?;
        Some(Output { path, json: self.site.list(&route, page.feed.clone(), page.total).ok()? })
    }
}

/// `yuedu shell FILE`: the built `index.html` at `file`, rewritten with the app's chrome and
/// loading view rendered into `#app`, and the same written beside it as [`SHELL_PAGE`], which
/// `yuedu index --pages` renders pages from and hosts serve for routes without a page (run by
/// the build before the service worker lists it). `index.html` stays the shell until
/// `yuedu index --pages` writes the home page there.
pub fn shell(file: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let rendered = Site::new(html, "/").app_shell().map_err(|e| format!("{}: {e}", file.display()))?;
    for out in [file.to_owned(), file.with_file_name(SHELL_PAGE)] {
        std::fs::write(&out, &rendered).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use yuedu_core::feed::{Feed, FeedItem, Paging};
    use yuedu_core::index::{FeedKind, ListPage, PageRenderer};
    use yuedu_core::route::ListKind;
    use yuedu_core::{Article, Block};

    use super::SitePages;

    const SHELL: &str =
        "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>阅读</title><base href=/><body><div id=app></div></body>";

    #[test]
    fn articles_and_the_first_page_of_tags_and_authors_have_pages() {
        let pages = SitePages::new(SHELL.into(), "https://e.org/").unwrap();
        let article = |id: &str, day: u32| Article {
            id: id.into(),
            title: format!("标题{id}"),
            published: format!("2024-01-{day:02}T08:00:00+08:00"),
            tags: vec!["t1".into()],
            body: vec![Block::Paragraph { text: "正文".into() }],
            ..Article::default()
        };
        let (a, b) = (article("a", 1), article("b", 2));
        assert_eq!(pages.article(&a).unwrap().path, "article/a/index.html");
        let items = vec![FeedItem::from_article(&b, "/"), FeedItem::from_article(&a, "/")];
        let paging = Paging { len: 3, size: 2 };
        let (_, feed) = Feed::page("t", "/", "/", "tags/t1", paging, 0, items);
        let list = |kind, page| ListPage { kind, name: "t1", page, pages: 2, total: 3, feed: &feed };
        let t1 = pages.list(&list(FeedKind::List(ListKind::Tag), 1)).unwrap();
        assert_eq!(t1.path, "tag/t1/index.html");
        assert!(t1.json.find("article/b").unwrap() < t1.json.find("article/a").unwrap(), "newest first");
        assert!(t1.json.contains("3 篇文章"), "the count of the whole tag: {}", t1.json);
        assert!(pages.list(&list(FeedKind::List(ListKind::Tag), 2)).is_none(), "only first pages");
        let home = pages.list(&list(FeedKind::Home, 1)).unwrap();
        assert_eq!(home.path, "index.html");
        assert!(home.json.contains("<title>阅读</title>") && home.json.contains("article/b"), "{}", home.json);
        let a1 = pages.list(&list(FeedKind::List(ListKind::Author), 1)).unwrap();
        assert_eq!(a1.path, "author/t1/index.html");
        assert!(a1.json.contains("<h1 class=\"page-title\">作者：t1</h1>"), "{}", a1.json);
        assert_ne!(pages.fingerprint(), SitePages::new(SHELL.into(), "/").unwrap().fingerprint(), "another site, other pages");
        assert_ne!(pages.fingerprint(), SitePages::new(SHELL.replace("阅读", "x"), "https://e.org/").unwrap().fingerprint());
    }
}
