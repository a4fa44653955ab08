//! Any route the app does not know.

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::error::AppError;

/// The not-found page, with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let error = AppError::NotFound { what: "这个页面".into() };
    set_document_title(error.headline());
    view! { <ErrorView error=error/> }
}
