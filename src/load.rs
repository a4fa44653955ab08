//! Loading data for a view: a signal that is `Loading`, `Ready` or `Failed`, refetched when its
//! key changes, with the in-flight request aborted when the key changes again or the view goes
//! away.
//!
//! This stands in for `LocalResource` + `<Transition>`: the same behaviour for our pages (the
//! previous content stays up while the next loads; a skeleton only on first load), at a
//! fraction of the wasm size (the async-derived machinery costs ~25 KB brotli).

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use crate::error::AppError;

/// The state of one load.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(AppError),
}

/// A load bound to a view: read `state`, call `retry` to fetch again.
pub struct Loader<T: Send + Sync + 'static> {
    pub state: RwSignal<Load<T>>,
    pub retry: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

/// Runs `fetch(key, abort)` now and whenever `key()` changes.
pub fn use_load<K, T, Fut>(key: impl Fn() -> K + Send + Sync + 'static, fetch: fn(K, AbortController) -> Fut) -> Loader<T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let state = RwSignal::new(Load::Loading);
    let current: StoredValue<Option<SendWrapper<AbortController>>, LocalStorage> = StoredValue::new_local(None);
    let generation = StoredValue::new(0u64);
    let start = move |k: K| {
        if let Some(previous) = current.try_update_value(Option::take).flatten() {
            previous.abort();
        }
        let Ok(controller) = AbortController::new() else {
            state.set(Load::Failed(AppError::Network("AbortController unavailable".into())));
            return;
        };
        current.set_value(Some(SendWrapper::new(controller.clone())));
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let fut = fetch(k, controller);
        leptos::task::spawn_local(async move {
            let result = fut.await;
            // A newer load or a cleanup superseded this one: drop its result.
            if generation.try_get_value() == Some(mine) {
                state.set(match result {
                    Ok(v) => Load::Ready(v),
                    Err(e) => Load::Failed(e),
                });
            }
        });
    };
    let key = Memo::new(move |_| key());
    Effect::new(move |_| start(key.get()));
    on_cleanup(move || {
        generation.update_value(|g| *g += 1);
        if let Some(c) = current.try_update_value(Option::take).flatten() {
            c.abort();
        }
    });
    let retry = Callback::new(move |()| {
        state.set(Load::Loading);
        start(key.get_untracked());
    });
    Loader { state, retry }
}
