//! Site chrome: the header and footer around every page.

use leptos::prelude::*;

/// The site header with the way home. The shell and the static pages carry this same header
/// (rendered from this component at build time), so nothing moves when the app takes over.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href=crate::router::use_router().href(&yuedu_core::Route::HOME)>
                <span class="brand-mark" aria-hidden="true">"阅"</span>
                {t.app_name}
                <span class="visually-hidden">{t.home_label}</span>
            </a>
            <nav class="site-nav" aria-label=t.site_nav>
                <a href=crate::router::use_router().href(&yuedu_core::Route::Search { q: String::new() })>{t.search}</a>
                <a href=crate::router::use_router().href(&yuedu_core::Route::Tags)>{t.tags}</a>
                <a href=crate::router::use_router().href(&yuedu_core::Route::Saved)>{t.saved_nav}</a>
                <crate::settings::ReaderSettings/>
            </nav>
        </header>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{crate::i18n::t().footer}</p>
        </footer>
    }
}
