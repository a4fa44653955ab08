//! [`Fresh`]: a view that is replaced, never diffed, when the reactive closure around it runs
//! again.
//!
//! A page's loaded content (an article, a list) is built once per load: it never changes in
//! place. Yet a `move || match state.get() { … }` makes tachys compile a `rebuild` (the diffing
//! update) for every view type it can return, and for a whole article view that is the largest
//! function in the wasm (~17 KB before optimisation). Wrapped in `Fresh`, a second build with
//! the same branch builds the new view and swaps it in — what a reload of the content means
//! anyway — and the diffing code is never compiled.

use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// See the module docs. Build with `Fresh(view! { … })`.
pub struct Fresh<V>(pub V);

/// The mounted state of a [`Fresh`] view: the inner view's.
pub struct FreshState<S>(S);

impl<S: Mountable> Mountable for FreshState<S> {
    fn unmount(&mut self) {
        self.0.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.0.mount(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.0.insert_before_this(child)
    }

    fn elements(&self) -> Vec<Element> {
        self.0.elements()
    }
}

impl<V: Render> Render for Fresh<V> {
    type State = FreshState<V::State>;

    fn build(self) -> Self::State {
        FreshState(self.0.build())
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut new = self.0.build();
        state.0.insert_before_this(&mut new);
        state.0.unmount();
        state.0 = new;
    }
}

impl<V: AddAnyAttr> AddAnyAttr for Fresh<V> {
    type Output<A: Attribute> = Fresh<V::Output<A>>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A>
    where
        Self::Output<A>: RenderHtml,
    {
        Fresh(self.0.add_any_attr(attr))
    }
}

/// Server rendering and hydration delegate to the inner view (the app is client-rendered;
/// these exist because `IntoView` requires them).
impl<V: RenderHtml> RenderHtml for Fresh<V> {
    type AsyncOutput = Fresh<V::AsyncOutput>;
    type Owned = Fresh<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Fresh(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        FreshState(self.0.hydrate::<FROM_SERVER>(cursor, position))
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        FreshState(self.0.hydrate_async(cursor, position).await)
    }

    fn into_owned(self) -> Self::Owned {
        Fresh(self.0.into_owned())
    }
}
