//! What a reader sees when a page cannot be shown: what happened, and a way forward.

use leptos::prelude::*;

use crate::error::AppError;

/// An error message with a retry button (when retrying can help) and a link home.
#[component]
pub fn ErrorView(error: AppError, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let retry = on_retry.filter(|_| error.retryable()).map(|cb| {
        view! {
            <button type="button" class="button" on:click=move |_| cb.run(())>
                "重试"
            </button>
        }
    });
    let detail = match &error {
        AppError::BadData(e) => Some(e.to_string()),
        AppError::Network(e) => Some(e.clone()),
        _ => None,
    };
    view! {
        <section class="error-view" role="alert" data-error=error_kind(&error)>
            <h1>{error.headline()}</h1>
            <p class="error-message">{error.to_string()}</p>
            <p>{error.advice()}</p>
            {detail.map(|d| view! { <p class="error-detail"><code>{d}</code></p> })}
            <p class="actions">
                {retry}
                <a class="button button-secondary" href=crate::router::use_router().href(&yuedu_core::Route::HOME)>"返回首页"</a>
            </p>
        </section>
    }
}

/// A stable name for tests and styling.
fn error_kind(error: &AppError) -> &'static str {
    match error {
        AppError::NotFound { .. } => "not-found",
        AppError::Offline => "offline",
        AppError::Timeout => "timeout",
        AppError::Network(_) => "network",
        AppError::Server { .. } => "server",
        AppError::BadData(_) => "bad-data",
    }
}
