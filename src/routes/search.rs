//! `/search?q=…`: full-text search over titles, tags, summaries and text, in the browser (see
//! `yuedu_core::search`): the app fetches only the index shards of the query's terms and the
//! best articles, and shows each with the passage that matches, the query marked. The form is
//! a real GET form, so the URL is shareable.

use leptos::prelude::*;
use yuedu_core::search::Passage;
use yuedu_core::Route;

use crate::api::{search, Found};
use crate::components::byline::{ContentBadge, PublishedTime};
use crate::components::skeleton::ListSkeleton;
use crate::components::{article_href, set_document_title, TagList};
use crate::load::{show, use_load};

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
    let query = q.clone();
    let found = use_load(q.clone(), search_query);
    let results = (!query.trim().is_empty()).then(|| {
        show(found, ListSkeleton, move |found: Vec<Found>| {
            let summary = if found.is_empty() { (t.search_none)(&query) } else { (t.search_count)(found.len(), &query, &crate::i18n::num) };
            view! {
                <p class="search-summary" role="status">{summary}</p>
                <ol class="article-list" role="list">{found.into_iter().map(|f| view! { <ResultCard found=f/> }).collect_view()}</ol>
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

/// The results of `q` (none for an empty query, without a request).
async fn search_query(q: String, abort: web_sys::AbortController) -> Result<Vec<Found>, crate::error::AppError> {
    if q.trim().is_empty() {
        return Ok(Vec::new());
    }
    search(q, abort).await
}

/// A result as a card like the lists', with the matching passage under the title.
#[component]
fn ResultCard(found: Found) -> impl IntoView {
    let a = found.article;
    let source = a.source.name.clone();
    view! {
        <li class="card">
            <h2 class="card-title"><a href=article_href(&a.id)>{a.title}</a></h2>
            <p class="card-meta">
                <PublishedTime published=a.published/>
                <span class="source">{source.clone()}</span> <ContentBadge source=source/>
            </p>
            <PassageText passage=found.passage/>
            <TagList tags=a.tags/>
        </li>
    }
}

/// The passage as text nodes and `<mark>` elements (the query), never as HTML.
#[component]
fn PassageText(passage: Passage) -> impl IntoView {
    let chars: Vec<char> = passage.text.chars().collect();
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    for &(start, end) in &passage.marks {
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        pieces.push((chars[at..start].iter().collect(), false));
        pieces.push((chars[start..end].iter().collect(), true));
        at = end;
    }
    pieces.push((chars[at..].iter().collect(), false));
    (!passage.text.is_empty()).then(|| {
        view! {
            <p class="card-summary search-passage">
                {pieces
                    .into_iter()
                    .map(|(text, marked)| if marked { view! { <mark class="search-match">{text}</mark> }.into_any() } else { text.into_any() })
                    .collect_view()}
            </p>
        }
    })
}
