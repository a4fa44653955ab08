//! The line under a title: time, source, authors.

use leptos::prelude::*;
use yuedu_core::time::Timestamp;

/// `<time>` showing a publication time in Beijing time, with the machine-readable original.
#[component]
pub fn PublishedTime(published: String) -> impl IntoView {
    let shown = Timestamp::parse_rfc3339(&published).map_or_else(|_| published.clone(), |t| t.format_zh_shanghai());
    view! { <time datetime=published>{shown}</time> }
}

/// A visible `示例`/`合成` badge on sample and synthetic content (nothing for real sources).
#[component]
pub fn ContentBadge(source: String) -> impl IntoView {
    let t = crate::i18n::t();
    yuedu_core::model::content_badge(&source).map(|badge| {
        let (badge, title) = if badge == "示例" { (t.sample_badge, t.sample_title) } else { (t.synthetic_badge, t.synthetic_title) };
        view! { <span class="badge" title=title>{badge}</span> }
    })
}

/// Time, source and authors of an article.
#[component]
pub fn Byline(published: String, source: String, authors: Vec<String>) -> impl IntoView {
    let t = crate::i18n::t();
    let authors = (!authors.is_empty()).then(|| {
        view! {
            <span class="authors">
                <span class="label">{t.authors}</span>
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
            <span class="source"><span class="label">{t.source}</span>{source.clone()}</span>
            <ContentBadge source=source/>
            {authors}
        </p>
    }
}
