//! `/tag/:name`, `/tag/:name?page=N`: the articles carrying one tag, newest first.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use yuedu_core::Route;

use crate::api::fetch_tag;
use crate::components::article_list::{ArticleList, Pager};
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::fresh::Fresh;
use crate::load::{use_load, Load};

/// The tag page, read from the tag's own feed; an unknown tag is not found. `paged`: with
/// previous/next links (an embed shows one page and links to the site instead).
#[component]
pub fn TagPage(name: String, page: u32, #[prop(default = true)] paged: bool) -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(&format!("{}{name}", t.tag_title));
    let key = name.clone();
    let feed = use_load((key, page), fetch_tag);
    let title = name.clone();
    view! {
        <section class="page">
            <h1 class="page-title">{t.tag_title}{title}</h1>
            {move || match feed.state.get() {
                Load::Loading => EitherOf3::A(Fresh(view! { <ListSkeleton/> })),
                Load::Ready(f) => {
                    let name = name.clone();
                    let pager = paged.then(|| view! {
                        <Pager page=page has_next=f.next_url.is_some() to_page=move |page| Route::Tag { name: name.clone(), page }/>
                    });
                    EitherOf3::B(Fresh(view! { <ArticleList items=f.items/> {pager} }))
                }
                Load::Failed(e) => EitherOf3::C(Fresh(view! { <ErrorView error=e on_retry=feed.retry/> })),
            }}
        </section>
    }
}
