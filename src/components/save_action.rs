//! The "保存离线阅读 / save for offline" action under an article.

use leptos::prelude::*;
use yuedu_core::Article;

use crate::offline::{self, SaveError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Checking,
    NotSaved,
    Saving,
    Saved,
    Failed(SaveError),
}

/// A toggle that saves `article` (JSON, related file, images) for offline reading, or removes
/// the saved copy; its state is read from the cache, so it is right after a reload.
#[component]
pub fn SaveAction(article: Article) -> impl IntoView {
    let t = crate::i18n::t();
    let state = RwSignal::new(State::Checking);
    let id = article.id.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let saved = offline::is_saved(&id).await;
        state.set(if saved { State::Saved } else { State::NotSaved });
    });
    let article = StoredValue::new(article);
    let toggle = move |_| {
        let was_saved = state.get_untracked() == State::Saved;
        state.set(State::Saving);
        let article = article.get_value();
        wasm_bindgen_futures::spawn_local(async move {
            let result = if was_saved {
                offline::remove(&article).await.map(|()| State::NotSaved)
            } else {
                offline::save(&article).await.map(|()| State::Saved)
            };
            state.set(result.unwrap_or_else(State::Failed));
        });
    };
    let label = move || match state.get() {
        State::Saved => t.remove_saved,
        State::Saving => t.saving,
        _ => t.save_offline,
    };
    let note = move || match state.get() {
        State::Saved => t.saved_offline,
        State::Failed(SaveError::Unsupported) => t.saved_unsupported,
        State::Failed(SaveError::Failed) => t.save_failed,
        _ => "",
    };
    view! {
        <p class="save-action actions">
            <button
                type="button"
                class="button button-secondary"
                aria-pressed=move || (state.get() == State::Saved).to_string()
                disabled=move || matches!(state.get(), State::Checking | State::Saving)
                on:click=toggle
            >
                {label}
            </button>
            <span class="save-status" role="status">{note}</span>
        </p>
    }
}
