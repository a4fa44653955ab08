//! `/article/:id`: one article.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use yuedu_core::Article;

use crate::api::fetch_article;
use crate::components::article_body::{ArticleBody, Credits};
use crate::components::byline::Byline;
use crate::components::metrics::{mark_body, MetricsPanel};
use crate::components::related::RelatedList;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ArticleSkeleton;
use crate::components::{set_document_title, TagList};
use crate::load::{use_load, Load};

/// Fetches the article `id` and shows it, a skeleton while loading, or an error.
#[component]
pub fn ArticlePage(id: String) -> impl IntoView {
    let article = use_load(move || id.clone(), fetch_article);
    move || match article.state.get() {
        Load::Loading => EitherOf3::A(view! { <ArticleSkeleton/> }),
        Load::Ready(a) => {
            set_document_title(&a.title);
            EitherOf3::B(view! { <ArticleView article=a/> })
        }
        Load::Failed(e) => {
            set_document_title(e.headline());
            EitherOf3::C(view! { <ErrorView error=e on_retry=article.retry/> })
        }
    }
}

/// A loaded article: header, body, credits, tags.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let Article { id, title, published, source, authors, tags, editors, body, .. } = article;
    let (blocks, marks) = mark_body(body);
    let article_id = id.clone();
    let tags = (!tags.is_empty()).then(|| {
        view! {
            <nav class="article-tags" aria-label="标签">
                <h2 class="visually-hidden">"标签"</h2>
                <TagList tags=tags/>
            </nav>
        }
    });
    view! {
        <article class="article" data-article-id=article_id lang="zh-CN">
            <header class="article-header">
                <h1 class="article-title">{title}</h1>
                <Byline published=published source=source.name authors=authors/>
            </header>
            <MetricsPanel marks=marks/>
            <ArticleBody blocks=blocks/>
            <footer class="article-footer">
                <Credits editors=editors/>
                {tags}
            </footer>
            <RelatedList id=id/>
        </article>
    }
}
