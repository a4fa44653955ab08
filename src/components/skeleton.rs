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
