//! `/article/:id`: one article.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use yuedu_core::Article;

use crate::api::fetch_article;
use crate::components::article_body::{ArticleBody, Credits};
use crate::components::byline::Byline;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ArticleSkeleton;
use crate::components::{set_document_title, TagList};

/// Fetches the article named by the route and shows it, a skeleton while loading, or an error.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let article = LocalResource::new(move || fetch_article(id()));
    let retry = Callback::new(move |()| article.refetch());
    view! {
        <Transition fallback=|| view! { <ArticleSkeleton/> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(a) => {
                        set_document_title(&a.title);
                        Either::Left(view! { <ArticleView article=a/> })
                    }
                    Err(e) => {
                        set_document_title(e.headline());
                        Either::Right(view! { <ErrorView error=e on_retry=retry/> })
                    }
                }
            })}
        </Transition>
    }
}

/// A loaded article: header, body, credits, tags.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let Article { id, title, published, source, authors, tags, editors, body, .. } = article;
    let tags = (!tags.is_empty()).then(|| {
        view! {
            <nav class="article-tags" aria-label="标签">
                <h2 class="visually-hidden">"标签"</h2>
                <TagList tags=tags/>
            </nav>
        }
    });
    view! {
        <article class="article" data-article-id=id lang="zh-CN">
            <header class="article-header">
                <h1 class="article-title">{title}</h1>
                <Byline published=published source=source.name authors=authors/>
            </header>
            <ArticleBody blocks=body/>
            <footer class="article-footer">
                <Credits editors=editors/>
                {tags}
            </footer>
        </article>
    }
}
