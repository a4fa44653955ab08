//! `/saved`: the articles saved for offline reading, read from the cache (works offline).

use leptos::either::EitherOf4;
use leptos::prelude::*;
use yuedu_core::feed::FeedItem;

use crate::components::article_list::ArticleList;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::fresh::Fresh;
use crate::offline::{self, SaveError};

/// The saved list, newest first; an explanation when there is nothing yet.
#[component]
pub fn SavedPage() -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(t.saved_title);
    let list = RwSignal::new(None::<Result<Vec<FeedItem>, SaveError>>);
    wasm_bindgen_futures::spawn_local(async move {
        let items = offline::saved().await.map(|articles| articles.iter().map(|a| FeedItem::from_article(a, "/")).collect());
        list.set(Some(items));
    });
    view! {
        <section class="page">
            <h1 class="page-title">{t.saved_title}</h1>
            {move || match list.get() {
                None => EitherOf4::A(Fresh(view! { <ListSkeleton/> })),
                Some(Ok(items)) if !items.is_empty() => EitherOf4::B(Fresh(view! { <ArticleList items=items/> })),
                Some(Ok(_)) => EitherOf4::C(Fresh(view! { <p class="empty">{t.saved_empty}</p> })),
                Some(Err(_)) => EitherOf4::D(Fresh(view! { <p class="empty">{t.saved_unsupported}</p> })),
            }}
        </section>
    }
}
