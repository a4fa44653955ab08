//! `/search?q=…`: search over titles, tags and summaries, in the browser (see
//! `yuedu_core::search`). The form is a real GET form, so the URL is shareable.

use leptos::prelude::*;
use yuedu_core::feed::FeedItem;
use yuedu_core::Route;

use crate::api::fetch_search;
use crate::components::article_list::ArticleList;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::load::{show, use_load};

/// Results shown at most.
const MAX_RESULTS: usize = 50;

/// The search form and, for a query, its results.
#[component]
pub fn SearchPage(q: String) -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(&if q.is_empty() { t.search.to_owned() } else { format!("{q} · {}", t.search) });
    let router = crate::router::use_router();
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        router.navigate(Route::Search { q: q.trim().to_owned() });
    };
    let index = use_load((), |(), abort| fetch_search(abort));
    let query = q.clone();
    let results = (!query.trim().is_empty()).then(|| {
        show(index, ListSkeleton, move |idx: yuedu_core::search::SearchIndex| {
            let hits = idx.search(&query, MAX_RESULTS);
            let summary = if hits.is_empty() { (t.search_none)(&query) } else { (t.search_count)(hits.len(), &query, &crate::i18n::num) };
            let items: Vec<FeedItem> = hits
                .iter()
                .map(|h| {
                    let e = &idx.entries[h.index];
                    FeedItem {
                        id: e.id.clone(),
                        url: String::new(),
                        title: e.title.clone(),
                        content_text: String::new(),
                        summary: e.summary.clone(),
                        date_published: e.published.clone(),
                        tags: e.tags.clone(),
                        authors: Vec::new(),
                        yuedu: None,
                    }
                })
                .collect();
            view! {
                <p class="search-summary" role="status">{summary}</p>
                <ArticleList items=items/>
            }
        })
    });
    view! {
        <section class="page">
            <h1 class="page-title">{t.search}</h1>
            <form class="search-form" role="search" action="search" method="get" on:submit=submit>
                <label for="search-q" class="visually-hidden">{t.search_label}</label>
                <input id="search-q" node_ref=input type="search" name="q" value=q.clone() placeholder=t.search_label autocomplete="off" enterkeyhint="search"/>
                <button type="submit" class="button">{t.search}</button>
            </form>
            <p class="search-hint">{t.search_hint}</p>
            {results}
        </section>
    }
}
