//! 繁體 and 朗读 (issue 19), in the `reader` wasm chunk (`src/split.rs`): both act on the
//! rendered page (the DOM), not on the app's data, so they work the same on a static page, an
//! app-rendered page and inside an embed. A reader who never turns them on never fetches this.

pub mod hant;
pub mod speak;
