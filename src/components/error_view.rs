//! What a reader sees when a page cannot be shown: what happened, and a way forward.

use leptos::prelude::*;

use crate::error::AppError;

/// An error message with a retry button (when retrying can help) and a link home.
#[component]
pub fn ErrorView(error: AppError, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let retry = on_retry.filter(|_| error.retryable()).map(|cb| {
        view! {
            <button type="button" class="button" on:click=move |_| cb.run(())>
                {crate::i18n::t().retry}
            </button>
        }
    });
    let t = crate::i18n::t();
    let router = crate::router::use_router();
    let detail = error.detail();
    // Offline: say what can be read without a network, and where it is.
    let offline = (error == AppError::Offline).then(|| view! { <p class="error-offline">{t.offline_not_saved}</p> });
    let saved = (error == AppError::Offline).then(|| {
        view! {
            <a class="button button-secondary" href=router.href(&yuedu_core::Route::Saved)>{t.open_saved}</a>
        }
    });
    view! {
        <section class="error-view" role="alert" data-error=error.kind()>
            <h1>{error.headline(t)}</h1>
            <p class="error-message">{error.message(t)}</p>
            <p>{error.advice(t)}</p>
            {offline}
            {detail.map(|d| view! { <p class="error-detail"><code>{d}</code></p> })}
            <p class="actions">
                {retry}
                {saved}
                <a class="button button-secondary" href=router.href(&yuedu_core::Route::HOME)>{t.back_home}</a>
            </p>
        </section>
    }
}
