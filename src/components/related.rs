//! The related-articles list under an article, ranked in the browser from the article's
//! candidates (see `yuedu_core::related`), each with the reason it is shown.

use leptos::prelude::*;
use yuedu_core::related::{rank, SHOWN};

use super::article_href;
use super::byline::PublishedTime;
use crate::api::fetch_related;
use crate::load::{use_load, Load};

/// Related articles of `id`; nothing at all when there are none or the file cannot be had
/// (the article itself is what the reader came for).
#[component]
pub fn RelatedList(id: String) -> impl IntoView {
    let file = use_load(id, fetch_related);
    move || {
        let Load::Ready(file) = file.state.get() else { return None };
        // `yuedu:related`: ranking the candidates in the browser (the benchmark reads it).
        let ranked = crate::dom::timed("yuedu:related", || rank(&file, SHOWN));
        (!ranked.is_empty()).then(|| {
            crate::fresh::Fresh(view! {
                <aside class="related" aria-labelledby="related-title">
                    <h2 id="related-title" class="related-title">{crate::i18n::t().related}</h2>
                    <ol class="related-list" role="list">
                        {ranked
                            .into_iter()
                            .map(|r| {
                                let t = crate::i18n::t();
                                let reason = if r.shared_tags.is_empty() {
                                    format!("{}{}", t.shared_words, r.shared_keywords.iter().take(3).cloned().collect::<Vec<_>>().join(t.list_sep))
                                } else {
                                    format!("{}{}", t.same_tags, r.shared_tags.join(t.list_sep))
                                };
                                view! {
                                    <li class="related-item" data-id=r.id.clone()>
                                        <a href=article_href(&r.id)>{r.title}</a>
                                        <span class="related-meta">
                                            <span class="related-reason">{reason}</span>
                                            <PublishedTime published=r.published/>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </aside>
            })
        })
    }
}
