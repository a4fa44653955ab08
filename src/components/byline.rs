//! The line under a title: time, source, authors.

use leptos::prelude::*;
use yuedu_core::route::{ListKind, Route};
use yuedu_core::time::Timestamp;

/// `<time>` showing a publication time in Beijing time, with the machine-readable original,
/// written by the browser's `Intl` for the interface language (`2023年12月7日 15:58`,
/// `Dec 7, 2023, 3:58 PM`); an unparsable time is shown as it is.
#[component]
pub fn PublishedTime(published: String) -> impl IntoView {
    let shown = match Timestamp::parse_rfc3339(&published) {
        Ok(_) => crate::i18n::date_time(&published).unwrap_or_else(|| published.clone()),
        Err(_) => published.clone(),
    };
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
                    .map(|a| {
                        let href = crate::router::use_router().href(&Route::List { kind: ListKind::Author, name: a.clone(), page: 1 });
                        view! { <a class="author" href=href>{a}</a> }
                    })
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
