//! A list of articles from a feed, as cards linking to the article pages.

use leptos::prelude::*;
use yuedu_core::feed::FeedItem;

use super::byline::{ContentBadge, PublishedTime};
use super::{article_href, TagList};

/// Feed items as a list of linked cards. A feed page without items says so: the stylesheet
/// shows `data-empty` on an empty list (one attribute, where a second view shape would cost
/// half a kilobyte of wasm).
#[component]
pub fn ArticleList(items: Vec<FeedItem>) -> impl IntoView {
    view! {
        <ol class="article-list" role="list" data-empty=crate::i18n::t().list_empty>
            {items.into_iter().map(|item| view! { <ArticleCard item=item/> }).collect_view()}
        </ol>
    }
}

#[component]
fn ArticleCard(item: FeedItem) -> impl IntoView {
    let href = article_href(&item.id);
    let source = item.yuedu.map(|x| x.source);
    view! {
        <li class="card">
            <h2 class="card-title"><a href=href>{item.title}</a></h2>
            <p class="card-meta">
                <PublishedTime published=item.date_published/>
                {source.map(|s| view! { <span class="source">{s.clone()}</span> <ContentBadge source=s/> })}
            </p>
            {item.summary.map(|s| view! { <p class="card-summary">{s}</p> })}
            <TagList tags=item.tags/>
        </li>
    }
}

/// Previous/next page links of the list `route` shows (real links, so they open in a new tab
/// and work without JS).
#[component]
pub fn Pager(route: yuedu_core::Route, has_next: bool) -> impl IntoView {
    let router = crate::router::use_router();
    let page = route.feed().map_or(1, |(_, page)| page);
    let prev = (page > 1).then(|| router.href(&route.at_page(page - 1)));
    let next = has_next.then(|| router.href(&route.at_page(page + 1)));
    let t = crate::i18n::t();
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=t.pages>
                {prev.map(|href| view! { <a class="button button-secondary" rel="prev" href=href>{t.prev}</a> })}
                <span class="pager-page">{(t.page_n)(page)}</span>
                {next.map(|href| view! { <a class="button button-secondary" rel="next" href=href>{t.next}</a> })}
            </nav>
        }
    })
}
