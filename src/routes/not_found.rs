//! Any route the app does not know.

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::set_document_title;
use crate::error::{AppError, Missing};

/// The not-found page, with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let error = AppError::NotFound(Missing::Page);
    set_document_title(error.headline(crate::i18n::t()));
    view! { <ErrorView error=error/> }
}
