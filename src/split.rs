//! Code splitting: what the first article view does not need lives in wasm chunks, fetched when
//! first used.
//!
//! A function marked `#[wasm_split(chunk, …)]` is moved by `wasm-split-cli` (run between
//! `cargo build` and wasm-bindgen: `scripts/split/wasm-bindgen`) into `chunk`'s file, with
//! everything only it reaches; calling it fetches that file once, then runs it. Chunks share the
//! main module's memory and function table, so the reactive runtime, the router and the strings
//! are simply shared. The chunks:
//!
//! - `pages`: every page but not-found and search — article, lists (home, tag, author), tags
//!   and saved (`shell.html`, the app shell, preloads it). A static page needs none of it at first: the
//!   app adopts the page's content as it is (`lib.rs`), so the main module is all it waits for;
//!   the chunk comes when the reader moves to another page;
//! - `search`: the search page and the full-text engine (query terms, shards, ranking,
//!   passages), which no other page needs;
//! - `embed`: the partner-frame view around an embedded article or tag list;
//! - `english`: the English interface strings, fetched before an English page mounts;
//! - `extras`: what an article shows below its text — the related-articles list and the share,
//!   save-for-offline and embed-snippet actions — fetched as the reader nears the end of the
//!   article, and the reading-settings panel, built when first opened. One chunk rather than three: they are
//!   wanted at the same time, and every pair of chunks splits off the code they share into
//!   yet another small file to fetch.
//!
//! 繁體 and 朗读 are not a chunk but a wasm module of their own (`crates/reader`, loaded by
//! `public/access.js` when the page asks for it): a chunk's browser calls are imports of the main
//! module.
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

/// The page for `route`, from the `pages` chunk (`route` is one `route_view` sends here), or
/// for search from the `search` chunk.
pub fn page(route: Route) -> impl IntoView {
    let load: Load = match route {
        Route::Search { q } => Arc::new(move || Box::pin(search::page(q.clone())) as ViewFuture),
        route => Arc::new(move || Box::pin(pages::page(route.clone())) as ViewFuture),
    };
    view! { <Lazy load=load/> }
}

/// The embed view, from the `embed` chunk.
pub fn embed(target: EmbedTarget, options: EmbedOptions) -> impl IntoView {
    view! { <Lazy load=Arc::new(move || Box::pin(embed::embed(target.clone(), options.clone())) as ViewFuture)/> }
}

/// The reading-settings panel, from the `extras` chunk once `open`.
pub fn settings_panel(open: Signal<bool>) -> impl IntoView {
    view! { <Lazy load=Arc::new(|| Box::pin(extras::settings()) as ViewFuture) when=open/> }
}

/// What an article shows below its text (the share/save/embed actions and the related list),
/// from the `extras` chunk once `when` turns true (the reader is near the end: see
/// `components::extras`). Nothing at all if the chunk cannot be had: the article is whole
/// without it. Static pages have none of it natively: it needs the browser (src/ssr.rs).
pub fn extras(id: String, actions: bool, related: bool, when: Signal<bool>) -> impl IntoView {
    cfg!(target_family = "wasm").then(|| {
        view! { <Lazy load=Arc::new(move || Box::pin(extras::extras(id.clone(), actions, related)) as ViewFuture) when=when quiet=true/> }
    })
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
    use crate::routes::{article::ArticlePage, list::ListPage, saved::SavedPage, tags::TagsPage};

    #[wasm_split(pages, fallible)]
    pub(super) fn page(route: Route) -> Result<AnyView, AppError> {
        Ok(match route {
            Route::Article(id) => view! { <ArticlePage id=id/> }.into_any(),
            Route::Tags => view! { <TagsPage/> }.into_any(),
            Route::Saved => view! { <SavedPage/> }.into_any(),
            route @ (Route::Home { .. } | Route::List { .. }) => view! { <ListPage route=route/> }.into_any(),
            Route::Search { .. } | Route::Embed { .. } | Route::NotFound => ().into_any(), // not sent here
        })
    }
}

mod search {
    use super::*;

    #[wasm_split(search, fallible)]
    pub(super) fn page(q: String) -> Result<AnyView, AppError> {
        Ok(view! { <crate::routes::search::SearchPage q=q/> }.into_any())
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
    use crate::components::{actions::ArticleActions, related::RelatedList};

    #[wasm_split(extras, fallible)]
    pub(super) fn extras(id: String, actions: bool, related: bool) -> Result<AnyView, AppError> {
        Ok(view! {
            {actions.then(|| view! { <ArticleActions id=id.clone()/> })}
            {related.then(|| view! { <RelatedList id=id/> })}
        }
        .into_any())
    }

    #[wasm_split(extras, fallible)]
    pub(super) fn settings() -> Result<AnyView, AppError> {
        Ok(crate::settings::panel().into_any())
    }
}
