//! `/tags`: every tag with its number of articles.

use leptos::prelude::*;

use crate::api::fetch_tags;
use crate::components::skeleton::ListSkeleton;
use crate::components::{set_document_title, tag_href};
use crate::load::{show, use_load};

/// The tag list, most used first.
#[component]
pub fn TagsPage() -> impl IntoView {
    let t = crate::i18n::t();
    set_document_title(t.all_tags);
    let tags = use_load((), |(), abort| fetch_tags(abort));
    view! {
        <section class="page">
            <h1 class="page-title">{t.all_tags}</h1>
            {show(tags, ListSkeleton, |list: yuedu_core::index::TagList| view! {
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
                            }
                        })
                        .collect_view()}
                </ul>
            })}
        </section>
    }
}
