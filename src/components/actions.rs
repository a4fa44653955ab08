//! The site's actions under an article: share, save for offline, embed snippet. They need the
//! article's data (its images to save, its title to share), which they read by id — from the
//! session's cache when the app rendered the article, else from the browser's (a static page
//! preloads its JSON).

use leptos::prelude::*;
use yuedu_core::Article;

use super::embed_action::EmbedAction;
use super::save_action::SaveAction;
use super::share_action::ShareAction;
use crate::api::fetch_article;
use crate::load::{use_load, Load};

/// The actions for article `id`, once its data is here (nothing if it cannot be had).
#[component]
pub fn ArticleActions(id: String) -> impl IntoView {
    let article = use_load(id, fetch_article);
    move || {
        let Load::Ready(article) = article.state.get() else { return None };
        let Article { id, title, .. } = article.clone();
        Some(crate::fresh::Fresh(view! {
            <p class="actions share-action"><ShareAction title=title.clone()/></p>
            <SaveAction article=article/>
            <EmbedAction id=id title=title/>
        }))
    }
}
