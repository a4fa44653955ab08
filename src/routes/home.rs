//! `/`: the latest articles.

use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_feed;
use crate::components::article_list::ArticleList;
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;

/// The home page: the corpus, newest first.
#[component]
pub fn HomePage() -> impl IntoView {
    set_document_title("");
    let feed = LocalResource::new(fetch_feed);
    let retry = Callback::new(move |()| feed.refetch());
    view! {
        <section class="page">
            <h1 class="page-title">"最新文章"</h1>
            <Transition fallback=|| view! { <ListSkeleton/> }>
                {move || Suspend::new(async move {
                    match feed.await {
                        Ok(feed) => Either::Left(view! { <ArticleList items=feed.items/> }),
                        Err(e) => Either::Right(view! { <ErrorView error=e on_retry=retry/> }),
                    }
                })}
            </Transition>
        </section>
    }
}
