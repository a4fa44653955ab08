//! `/tags`: every tag with its number of articles.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::fetch_tags;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::ListSkeleton;
use crate::components::{set_document_title, tag_href};
use crate::fresh::Fresh;
use crate::load::{use_load, Load};

/// The tag list, most used first.
#[component]
pub fn TagsPage() -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(t.all_tags);
    let tags = use_load((), |(), abort| fetch_tags(abort));
    view! {
        <section class="page">
            <h1 class="page-title">{t.all_tags}</h1>
            {move || match tags.state.get() {
                Load::Loading => EitherOf3::A(Fresh(view! { <ListSkeleton/> })),
                Load::Ready(list) => EitherOf3::B(Fresh(view! {
                    <ul class="tag-index" role="list">
                        {list
                            .tags
                            .into_iter()
                            .map(|t| {
                                let href = tag_href(&t.name);
                                view! {
                                <li>
                                    <a class="tag" href=href data-count=t.count>
                                        {t.name}
                                        <span class="tag-count">{(crate::i18n::t().articles_count)(t.count, &crate::i18n::num)}</span>
                                    </a>
                                </li>
                            }})
                            .collect_view()}
                    </ul>
                })),
                Load::Failed(e) => EitherOf3::C(Fresh(view! { <ErrorView error=e on_retry=tags.retry/> })),
            }}
        </section>
    }
}
