//! `/`: the latest articles.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::fetch_feed;
use crate::components::article_list::ArticleList;
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::load::{use_load, Load};

/// The home page: the corpus, newest first.
#[component]
pub fn HomePage() -> impl IntoView {
    set_document_title("");
    let feed = use_load(|| (), |(), abort| fetch_feed(abort));
    view! {
        <section class="page">
            <h1 class="page-title">"最新文章"</h1>
            {move || match feed.state.get() {
                Load::Loading => EitherOf3::A(view! { <ListSkeleton/> }),
                Load::Ready(feed) => EitherOf3::B(view! { <ArticleList items=feed.items/> }),
                Load::Failed(e) => EitherOf3::C(view! { <ErrorView error=e on_retry=feed.retry/> }),
            }}
        </section>
    }
}
