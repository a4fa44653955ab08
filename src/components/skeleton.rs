//! Placeholders shown while data loads, shaped like what replaces them so nothing jumps.

use leptos::prelude::*;

/// Grey bars in the shape of an article: title, byline, paragraphs.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" role="status">
            <span class="visually-hidden">{crate::i18n::t().loading_article}</span>
            <div class="sk sk-title"></div>
            <div class="sk sk-title sk-short"></div>
            <div class="sk sk-meta"></div>
            {(0..6).map(|_| view! { <div class="sk sk-line"></div> }).collect_view()}
            <div class="sk sk-line sk-short"></div>
        </div>
    }
}

/// Grey bars in the shape of an article list.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" role="status">
            <span class="visually-hidden">{crate::i18n::t().loading_list}</span>
            {(0..4)
                .map(|_| view! {
                    <div class="sk sk-heading"></div>
                    <div class="sk sk-line"></div>
                    <div class="sk sk-line sk-short"></div>
                })
                .collect_view()}
        </div>
    }
}

/// The app shell's main content while the app downloads (`shell.html`, rendered by
/// `yuedu shell`): a status line whose progress bar `js/initializer.mjs` drives (and
/// which it turns into a message if the download fails), the shape of an article, and for
/// browsers without JavaScript a notice.
#[component]
pub fn BootView() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <div class="boot" role="status" aria-live="polite">
            <div class="boot-status">
                <span class="boot-text">{t.loading_app}</span>
                <progress class="boot-progress" max="100"></progress>
            </div>
            <ArticleSkeleton/>
        </div>
        <noscript><p class="boot-error">{t.needs_js}</p></noscript>
    }
}
