//! Loading data for a view: a signal that is `Loading`, `Ready` or `Failed`, with the in-flight
//! request aborted on retry or when the view goes away, and [`show`], the one place that turns
//! those states into views (a skeleton, the content, the error view with its retry).
//!
//! This stands in for `LocalResource` + `<Suspense>`: a skeleton while loading, an error view
//! with retry on failure (data read before comes from the session cache in `api`, so going back
//! renders at once), at a fraction of the wasm size (the async-derived machinery costs ~25 KB
//! brotli).

use std::future::Future;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use web_sys::AbortController;

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::fresh::Fresh;

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

/// Data a page already has for the load keyed `key` (provided as context): the page starts
/// `Ready` with it and fetches nothing. The static pages are rendered this way, from the data
/// `yuedu index` holds (src/ssr.rs).
#[derive(Clone)]
pub struct Preloaded<K, T>(pub K, pub T);

/// Runs `fetch(key, abort)` now, and again on `retry` — unless the value for `key` was
/// [`Preloaded`]. Every page is created for one key (a route change creates a new page), so the
/// key is a plain value: no memo or effect to track it, which keeps this generic code —
/// instantiated once per kind of data — small. Natively (static pages) nothing is fetched.
pub fn use_load<K, T, Fut>(key: K, fetch: fn(K, AbortController) -> Fut) -> Loader<T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let preloaded = use_context::<Preloaded<K, T>>().filter(|p| p.0 == key).map(|p| p.1);
    let ready = preloaded.is_some();
    let state = RwSignal::new(preloaded.map_or(Load::Loading, Load::Ready));
    let current: StoredValue<Option<AbortController>, LocalStorage> = StoredValue::new_local(None);
    let generation = StoredValue::new(0u64);
    let key = StoredValue::new(key);
    let start = move || {
        if !cfg!(target_family = "wasm") {
            return;
        }
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
    if !ready {
        start();
    }
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

/// The view of a load: `skeleton` while loading, `ready(value)` once loaded, and on failure
/// the error view with a retry (the document title then names the problem). Each view is built
/// afresh when the state changes ([`Fresh`]).
pub fn show<T, S, V>(loader: Loader<T>, skeleton: fn() -> S, ready: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: IntoView + 'static,
    V: IntoView + 'static,
{
    move || match loader.state.get() {
        Load::Loading => EitherOf3::A(Fresh(skeleton())),
        Load::Ready(value) => EitherOf3::B(Fresh(ready(value))),
        Load::Failed(error) => {
            crate::components::set_document_title(error.headline(crate::i18n::t()));
            EitherOf3::C(Fresh(view! { <ErrorView error=error on_retry=loader.retry/> }))
        }
    }
}
