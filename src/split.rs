//! Code splitting: what the first article view does not need lives in wasm chunks, fetched when
//! first used.
//!
//! A function marked `#[wasm_split(chunk, …)]` is moved by `wasm-split-cli` (run between
//! `cargo build` and wasm-bindgen: `scripts/split/wasm-bindgen`) into `chunk`'s file, with
//! everything only it reaches; calling it fetches that file once, then runs it. Chunks share the
//! main module's memory and function table, so the reactive runtime, the router and the strings
//! are simply shared. The chunks:
//!
//! - `pages`: the list (home, tag), tags, search and saved pages (`index.html` preloads it: they are
//!   its first views; the article page and not-found stay in the main module);
//! - `embed`: the partner-frame view around an embedded article or tag list;
//! - `english`: the English interface strings, fetched before an English page mounts;
//! - `extras`: what an article shows below its text — the related-articles list and the share,
//!   save-for-offline and embed-snippet actions — fetched as the article shows, and the
//!   reading-settings panel, built when first opened. One chunk rather than three: they are
//!   wanted at the same time, and every pair of chunks splits off the code they share into
//!   yet another small file to fetch.
//!
//! A chunk that cannot be fetched (offline before it was ever cached, a network error) never
//! panics: a page or the settings panel shows the usual error view with a retry, the article's
//! extras are simply absent (the article is whole without them), and an English page is shown
//! in Chinese.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};
use yuedu_core::embed::EmbedOptions;
use yuedu_core::route::EmbedTarget;
use yuedu_core::Route;

use crate::components::error_view::ErrorView;
use crate::error::AppError;

impl From<SplitLoaderError> for AppError {
    fn from(_: SplitLoaderError) -> Self {
        if crate::api::is_online() {
            AppError::Network("part of the app could not be loaded".into())
        } else {
            AppError::Offline
        }
    }
}

/// A view whose code is in a chunk, being fetched.
pub type ViewFuture = Pin<Box<dyn Future<Output = Result<AnyView, AppError>> + Send>>;
/// Starts building a chunk's view (called again by a retry).
pub type Load = Arc<dyn Fn() -> ViewFuture + Send + Sync>;

/// A view from a chunk: nothing while the chunk arrives (no wait at all once it has), then the
/// view, or an error view whose retry fetches again (`quiet`: nothing, for an extra the page
/// is whole without). With `when`, nothing is fetched before `when` first turns true (a panel
/// that has not been opened).
#[component]
pub fn Lazy(load: Load, #[prop(optional, into)] when: Option<Signal<bool>>, #[prop(optional)] quiet: bool) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        if when.is_some_and(|w| !w.get()) {
            return None;
        }
        attempt.track();
        let view = load();
        Some(Suspend::new(async move {
            match view.await {
                Ok(view) => Some(Either::Left(view)),
                Err(_) if quiet => None,
                Err(error) => Some(Either::Right(view! { <ErrorView error=error on_retry=move || attempt.update(|n| *n += 1)/> })),
            }
        }))
    }
}

/// The page for `route`, from the `pages` chunk (`route` is one `route_view` sends here).
pub fn page(route: Route) -> impl IntoView {
    view! { <Lazy load=Arc::new(move || Box::pin(pages::page(route.clone())) as ViewFuture)/> }
}

/// The embed view, from the `embed` chunk.
pub fn embed(target: EmbedTarget, options: EmbedOptions) -> impl IntoView {
    view! { <Lazy load=Arc::new(move || Box::pin(embed::embed(target.clone(), options.clone())) as ViewFuture)/> }
}

/// The reading-settings panel, from the `extras` chunk once `open`.
pub fn settings_panel(open: Signal<bool>) -> impl IntoView {
    view! { <Lazy load=Arc::new(|| Box::pin(extras::settings()) as ViewFuture) when=open/> }
}

/// The site's actions under an article (share, save for offline, embed snippet), from the
/// `extras` chunk (below the article: the first view does not wait for them; without the
/// chunk, the article is still whole).
/// Static pages have neither this nor the related list: both need the browser (src/ssr.rs).
pub fn article_actions(article: yuedu_core::Article) -> impl IntoView {
    cfg!(target_family = "wasm")
        .then(|| view! { <Lazy load=Arc::new(move || Box::pin(extras::actions(article.clone())) as ViewFuture) quiet=true/> })
}

/// The related-articles list of article `id`, from the `extras` chunk (below the article: the
/// first view does not wait for it; nothing at all if it cannot be had, like the list itself).
pub fn related(id: String) -> impl IntoView {
    cfg!(target_family = "wasm")
        .then(|| view! { <Lazy load=Arc::new(move || Box::pin(extras::related(id.clone())) as ViewFuture) quiet=true/> })
}

/// The English interface strings, from the `english` chunk.
pub async fn english() -> Result<&'static yuedu_core::i18n::Text, AppError> {
    english::text().await
}

mod english {
    use super::*;

    #[wasm_split(english, fallible)]
    pub(super) fn text() -> Result<&'static yuedu_core::i18n::Text, AppError> {
        Ok(&yuedu_core::i18n::EN)
    }
}

mod pages {
    use super::*;
    use crate::routes::{list::ListPage, saved::SavedPage, search::SearchPage, tags::TagsPage};

    #[wasm_split(pages, fallible)]
    pub(super) fn page(route: Route) -> Result<AnyView, AppError> {
        Ok(match route {
            Route::Tags => view! { <TagsPage/> }.into_any(),
            Route::Saved => view! { <SavedPage/> }.into_any(),
            Route::Search { q } => view! { <SearchPage q=q/> }.into_any(),
            route @ (Route::Home { .. } | Route::List { .. }) => view! { <ListPage route=route/> }.into_any(),
            Route::Article(_) | Route::Embed { .. } | Route::NotFound => ().into_any(), // not sent here
        })
    }
}

mod embed {
    use super::*;

    #[wasm_split(embed, fallible)]
    pub(super) fn embed(target: EmbedTarget, options: EmbedOptions) -> Result<AnyView, AppError> {
        Ok(view! { <crate::embed::EmbedApp target=target options=options/> }.into_any())
    }
}

mod extras {
    use super::*;
    use crate::components::{embed_action::EmbedAction, related::RelatedList, save_action::SaveAction, share_action::ShareAction};

    #[wasm_split(extras, fallible)]
    pub(super) fn related(id: String) -> Result<AnyView, AppError> {
        Ok(view! { <RelatedList id=id/> }.into_any())
    }

    #[wasm_split(extras, fallible)]
    pub(super) fn actions(article: yuedu_core::Article) -> Result<AnyView, AppError> {
        let (id, title) = (article.id.clone(), article.title.clone());
        Ok(view! {
            <p class="actions share-action"><ShareAction title=title.clone()/></p>
            <SaveAction article=article/>
            <EmbedAction id=id title=title/>
        }
        .into_any())
    }

    #[wasm_split(extras, fallible)]
    pub(super) fn settings() -> Result<AnyView, AppError> {
        Ok(crate::settings::panel().into_any())
    }
}
