//! `/article/:id`: one article.

use leptos::prelude::*;
use yuedu_core::Article;

use crate::api::fetch_article;
use crate::components::article_body::{ArticleBody, Credits, Toc};
use crate::components::byline::Byline;
use crate::components::extras::ArticleExtras;
use crate::components::metrics::{mark_body, MetricsPanel};
use crate::components::skeleton::ArticleSkeleton;
use crate::components::{set_document_title, TagList};
use crate::load::{show, use_load};

/// What the article view includes besides the article itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleParts {
    /// Metrics marked in the text and the highlights panel.
    pub highlights: bool,
    /// The related-articles list.
    pub related: bool,
    /// What belongs to the site and not to an embed (whose links leave the frame): the contents
    /// and the share/save/embed actions.
    pub site: bool,
}

impl Default for ArticleParts {
    fn default() -> Self {
        ArticleParts { highlights: true, related: true, site: true }
    }
}

/// Fetches the article `id` and shows it, a skeleton while loading, or an error.
#[component]
pub fn ArticlePage(id: String, #[prop(optional)] parts: Option<ArticleParts>) -> impl IntoView {
    let parts = parts.unwrap_or_default();
    if cfg!(target_family = "wasm") && parts.highlights {
        // Queued now, it runs as soon as the page waits for the network.
        wasm_bindgen_futures::spawn_local(async { crate::components::metrics::warm_up() });
    }
    let article = use_load(id, fetch_article);
    show(article, ArticleSkeleton, move |a: Article| {
        set_document_title(&a.title);
        view! { <ArticleView article=a parts=parts/> }
    })
}

/// A loaded article: header, body, credits, tags, and what the browser adds below it.
#[component]
fn ArticleView(article: Article, parts: ArticleParts) -> impl IntoView {
    let reading = yuedu_core::reading::reading_time(&article);
    let reading = (crate::i18n::t().reading_time)(reading, &crate::i18n::num);
    let Article { id, kicker, title, subtitle, published, source, authors, tags, editors, body, .. } = article;
    let headings: Vec<String> = if parts.site {
        body.iter().filter_map(|b| if let yuedu_core::Block::Heading { text } = b { Some(text.clone()) } else { None }).collect()
    } else {
        Vec::new()
    };
    let (blocks, marks) = mark_body(body, parts.highlights);
    let extras = (parts.site || parts.related).then(|| view! { <ArticleExtras id=id.clone() actions=parts.site related=parts.related/> });
    let tags = (!tags.is_empty()).then(|| {
        view! {
            <nav class="article-tags" aria-label=crate::i18n::t().tags>
                <h2 class="visually-hidden">{crate::i18n::t().tags}</h2>
                <TagList tags=tags/>
            </nav>
        }
    });
    view! {
        <article class="article" data-article-id=id lang="zh-CN">
            <header class="article-header">
                {kicker.map(|k| view! { <p class="article-kicker">{k}</p> })}
                <h1 class="article-title">{title}</h1>
                {subtitle.map(|s| view! { <p class="article-subtitle">{s}</p> })}
                <Byline published=published source=source.name authors=authors/>
                <p class="reading-time">{reading}</p>
            </header>
            <MetricsPanel marks=marks/>
            <Toc blocks=headings/>
            <ArticleBody blocks=blocks/>
            <footer class="article-footer">
                <Credits editors=editors/>
                {tags}
            </footer>
            {extras}
        </article>
    }
}
