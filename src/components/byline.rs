//! The line under a title: time, source, authors.

use leptos::prelude::*;
use yuedu_core::time::Timestamp;

/// `<time>` showing a publication time in Beijing time, with the machine-readable original.
#[component]
pub fn PublishedTime(published: String) -> impl IntoView {
    let shown = Timestamp::parse_rfc3339(&published).map_or_else(|_| published.clone(), |t| t.format_zh_shanghai());
    view! { <time datetime=published>{shown}</time> }
}

/// Time, source and authors of an article.
#[component]
pub fn Byline(published: String, source: String, authors: Vec<String>) -> impl IntoView {
    let authors = (!authors.is_empty()).then(|| {
        view! {
            <span class="authors">
                <span class="label">"作者："</span>
                {authors
                    .into_iter()
                    .map(|a| view! { <span class="author">{a}</span> })
                    .collect_view()}
            </span>
        }
    });
    view! {
        <p class="byline">
            <PublishedTime published=published/>
            <span class="source"><span class="label">"来源："</span>{source}</span>
            {authors}
        </p>
    }
}
