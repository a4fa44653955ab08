//! Pieces shared between pages.

pub mod actions;
pub mod article_body;
pub mod article_list;
pub mod byline;
pub mod embed_action;
pub mod error_view;
pub mod extras;
pub mod metrics;
pub mod related;
pub mod save_action;
pub mod share_action;
pub mod site;
pub mod skeleton;

use leptos::prelude::*;

/// Keeps `document.title` in step with the page ("标题 · 阅读").
pub fn set_document_title(title: &str) {
    if let Some(doc) = crate::dom::document() {
        let app = crate::i18n::t().app_name;
        doc.set_title(&if title.is_empty() { app.to_owned() } else { format!("{title} · {app}") });
    }
}

/// The URL of a tag page under the app's base path; the name is percent-encoded.
pub fn tag_href(name: &str) -> String {
    crate::router::use_router().href(&yuedu_core::Route::tag(name))
}

/// The URL of an article page under the app's base path.
pub fn article_href(id: &str) -> String {
    crate::router::use_router().href(&yuedu_core::Route::Article(id.to_owned()))
}

/// Tag links, as a list.
#[component]
pub fn TagList(tags: Vec<String>) -> impl IntoView {
    view! {
        <ul class="tags" role="list">
            {tags
                .into_iter()
                .map(|tag| {
                    let href = tag_href(&tag);
                    view! { <li><a class="tag" href=href>{tag}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}
