//! `/`, `/tag/<name>` (`?page=N`): a list of articles, newest first, a page at a time — the
//! latest articles, or those of a named list ([`yuedu_core::route::ListKind`]). One page for
//! all of them: the route says which feed to read and what the page is called.

use leptos::prelude::*;
use yuedu_core::feed::Feed;
use yuedu_core::Route;

use crate::api::fetch_list;
use crate::components::article_list::{ArticleList, Pager};
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::load::{show, use_load};

/// The list `route` names (home or a named list), read from its feed; a list that does not exist
/// is not found. `paged`: with previous/next links (an embed shows one page and links to the
/// site instead).
#[component]
pub fn ListPage(route: Route, #[prop(default = true)] paged: bool) -> impl IntoView {
    let title = crate::i18n::t().list_title(&route);
    // The first page of the latest articles is the site itself: its title is the app's name.
    set_document_title(if route == Route::HOME { "" } else { &title });
    let feed = use_load(route.clone(), fetch_list);
    view! {
        <section class="page">
            <h1 class="page-title">{title}</h1>
            {show(feed, ListSkeleton, move |feed: Feed| {
                let pager = paged.then(|| view! { <Pager route=route.clone() has_next=feed.next_url.is_some()/> });
                view! { <ArticleList items=feed.items/> {pager} }
            })}
        </section>
    }
}
