//! Loading data for a view: a signal that is `Loading`, `Ready` or `Failed`, with the in-flight
//! request aborted on retry or when the view goes away.
//!
//! This stands in for `LocalResource` + `<Suspense>`: a skeleton while loading, an error view
//! with retry on failure (data read before comes from the session cache in `api`, so going back
//! renders at once), at a fraction of the wasm size (the async-derived machinery costs ~25 KB
//! brotli).

use std::future::Future;

use leptos::prelude::*;
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

/// Runs `fetch(key, abort)` now, and again on `retry`. Every page is created for one key (a
/// route change creates a new page), so the key is a plain value: no memo or effect to track
/// it, which keeps this generic code — instantiated once per kind of data — small.
pub fn use_load<K, T, Fut>(key: K, fetch: fn(K, AbortController) -> Fut) -> Loader<T>
where
    K: Clone + Send + Sync + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let state = RwSignal::new(Load::Loading);
    let current: StoredValue<Option<AbortController>, LocalStorage> = StoredValue::new_local(None);
    let generation = StoredValue::new(0u64);
    let key = StoredValue::new(key);
    let start = move || {
        if let Some(previous) = current.try_update_value(Option::take).flatten() {
            previous.abort();
        }
        let Ok(controller) = AbortController::new() else {
            state.set(Load::Failed(AppError::Network("AbortController unavailable".into())));
            return;
        };
        current.set_value(Some(controller.clone()));
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let fut = fetch(key.get_value(), controller);
        wasm_bindgen_futures::spawn_local(async move {
            let result = fut.await;
            // A retry or a cleanup superseded this one: drop its result.
            if generation.try_get_value() == Some(mine) {
                state.set(match result {
                    Ok(v) => Load::Ready(v),
                    Err(e) => Load::Failed(e),
                });
            }
        });
    };
    start();
    on_cleanup(move || {
        generation.update_value(|g| *g += 1);
        if let Some(c) = current.try_update_value(Option::take).flatten() {
            c.abort();
        }
    });
    let retry = Callback::new(move |()| {
        state.set(Load::Loading);
        start();
    });
    Loader { state, retry }
}
