//! `/article/:id`: one article.

use leptos::prelude::*;
use yuedu_core::Article;

use crate::api::fetch_article;
use crate::components::article_body::{ArticleBody, Credits, Toc};
use crate::components::byline::Byline;
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
    /// The "嵌入" action with the embed snippet (the site, not an embed).
    pub embed_action: bool,
}

impl Default for ArticleParts {
    fn default() -> Self {
        ArticleParts { highlights: true, related: true, embed_action: true }
    }
}

/// Fetches the article `id` and shows it, a skeleton while loading, or an error.
#[component]
pub fn ArticlePage(id: String, #[prop(optional)] parts: Option<ArticleParts>) -> impl IntoView {
    let parts = parts.unwrap_or_default();
    let article = use_load(id, fetch_article);
    show(article, ArticleSkeleton, move |a: Article| {
        set_document_title(&a.title);
        view! { <ArticleView article=a parts=parts/> }
    })
}

/// A loaded article: header, body, credits, tags.
#[component]
fn ArticleView(article: Article, parts: ArticleParts) -> impl IntoView {
    let saved = article.clone();
    let reading = yuedu_core::reading::reading_time(&article);
    let reading = (crate::i18n::t().reading_time)(reading, &crate::i18n::num);
    let Article { id, title, published, source, authors, tags, editors, body, .. } = article;
    // Contents on the site only: an embed's links leave the frame.
    let headings: Vec<String> = if parts.embed_action {
        body.iter().filter_map(|b| if let yuedu_core::Block::Heading { text } = b { Some(text.clone()) } else { None }).collect()
    } else {
        Vec::new()
    };
    let (blocks, marks) = mark_body(body, parts.highlights);
    // The site's own actions (an embed has neither): save for offline, embed snippet.
    let actions = parts.embed_action.then(|| crate::split::article_actions(saved));
    let related = parts.related.then(|| crate::split::related(id.clone()));
    let article_id = id.clone();
    let tags = (!tags.is_empty()).then(|| {
        view! {
            <nav class="article-tags" aria-label=crate::i18n::t().tags>
                <h2 class="visually-hidden">{crate::i18n::t().tags}</h2>
                <TagList tags=tags/>
            </nav>
        }
    });
    view! {
        <article class="article" data-article-id=article_id lang="zh-CN">
            <header class="article-header">
                <h1 class="article-title">{title}</h1>
                <Byline published=published source=source.name authors=authors/>
                <p class="reading-time">{reading}</p>
            </header>
            <MetricsPanel marks=marks/>
            <Toc blocks=headings/>
            <ArticleBody blocks=blocks/>
            <footer class="article-footer">
                <Credits editors=editors/>
                {tags}
                {actions}
            </footer>
            {related}
        </article>
    }
}
