//! Site chrome: the header and footer around every page.

use leptos::prelude::*;

/// The site header with the way home. Mirrors the static header in `index.html` so nothing
/// moves when the app takes over from the loading skeleton.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <header class="site-header">
            <a class="brand" href=crate::router::use_router().href(&yuedu_core::Route::HOME) aria-label="阅读 首页">
                <span class="brand-mark" aria-hidden="true">"阅"</span>
                "阅读"
            </a>
            <nav class="site-nav" aria-label="站点">
                <a href=crate::router::use_router().href(&yuedu_core::Route::Tags)>"标签"</a>
            </nav>
        </header>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"阅读 yuedu · 文章版权归原作者及来源所有"</p>
        </footer>
    }
}
