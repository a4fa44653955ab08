//! `/`, `/?page=N`: the latest articles, a page at a time.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use yuedu_core::Route;

use crate::api::fetch_home;
use crate::components::article_list::{ArticleList, Pager};
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::fresh::Fresh;
use crate::load::{use_load, Load};

/// The home page: the corpus, newest first.
#[component]
pub fn HomePage(page: u32) -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(if page > 1 { t.latest } else { "" });
    let feed = use_load(page, fetch_home);
    view! {
        <section class="page">
            <h1 class="page-title">{t.latest}</h1>
            {move || match feed.state.get() {
                Load::Loading => EitherOf3::A(Fresh(view! { <ListSkeleton/> })),
                Load::Ready(f) => EitherOf3::B(Fresh(view! {
                    <ArticleList items=f.items/>
                    <Pager page=page has_next=f.next_url.is_some() to_page=|page| Route::Home { page }/>
                })),
                Load::Failed(e) => EitherOf3::C(Fresh(view! { <ErrorView error=e on_retry=feed.retry/> })),
            }}
        </section>
    }
}
