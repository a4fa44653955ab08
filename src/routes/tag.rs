//! `/tag/:name`: the articles carrying one tag.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::fetch_feed;
use crate::components::article_list::ArticleList;
use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::components::skeleton::ListSkeleton;
use crate::error::AppError;

/// The tag page: the feed filtered to one tag, newest first.
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| decode(&params.read().get("name").unwrap_or_default()));
    let feed = LocalResource::new(fetch_feed);
    let retry = Callback::new(move |()| feed.refetch());
    Effect::new(move || set_document_title(&format!("标签：{}", name.get())));
    view! {
        <section class="page">
            <h1 class="page-title">"标签：" {name}</h1>
            <Transition fallback=|| view! { <ListSkeleton/> }>
                {move || Suspend::new(async move {
                    let tag = name.get();
                    let items = feed.await.and_then(|feed| {
                        let items: Vec<_> = feed.items.into_iter().filter(|i| i.tags.contains(&tag)).collect();
                        if items.is_empty() { Err(AppError::NotFound { what: format!("标签“{tag}”") }) } else { Ok(items) }
                    });
                    match items {
                        Ok(items) => Either::Left(view! { <ArticleList items=items/> }),
                        Err(e) => Either::Right(view! { <ErrorView error=e on_retry=retry/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Route params may arrive percent-encoded (`%E5%8D%8F…`); show the tag as written.
fn decode(raw: &str) -> String {
    js_sys::decode_uri_component(raw).map(String::from).unwrap_or_else(|_| raw.to_owned())
}
