//! `/tag/:name`: the articles carrying one tag.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::fetch_feed;
use crate::components::article_list::ArticleList;
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::error::AppError;
use crate::load::{use_load, Load};

/// The tag page: the feed filtered to one tag, newest first.
#[component]
pub fn TagPage(name: String) -> impl IntoView {
    let feed = use_load(|| (), |(), abort| fetch_feed(abort));
    set_document_title(&format!("标签：{name}"));
    let title = name.clone();
    view! {
        <section class="page">
            <h1 class="page-title">"标签：" {title}</h1>
            {move || {
                let tag = name.clone();
                let items = match feed.state.get() {
                    Load::Loading => return EitherOf3::A(view! { <ListSkeleton/> }),
                    Load::Ready(feed) => {
                        let items: Vec<_> = feed.items.into_iter().filter(|i| i.tags.contains(&tag)).collect();
                        if items.is_empty() { Err(AppError::NotFound { what: format!("标签“{tag}”") }) } else { Ok(items) }
                    }
                    Load::Failed(e) => Err(e),
                };
                match items {
                    Ok(items) => EitherOf3::B(view! { <ArticleList items=items/> }),
                    Err(e) => EitherOf3::C(view! { <ErrorView error=e on_retry=feed.retry/> }),
                }
            }}
        </section>
    }
}
