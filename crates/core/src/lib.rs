//! The pure core of yuedu (阅读): the article model and its JSON format, the metrics extractor,
//! feeds, and time formatting. It has no web dependencies, so it is tested natively with
//! `cargo test` and shared by the wasm app (`yuedu-web`) and the `yuedu` command-line tool.
//! (Ingest of scraped pages is the native-only `yuedu-ingest` crate.)

pub mod embed;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod index;
pub mod json;
pub mod metrics;
pub mod model;
pub mod page;
pub mod reading;
pub mod related;
pub mod route;
pub mod schema;
pub mod search;
pub mod sort;
pub mod speech;
pub mod synthetic;
pub mod time;
pub mod zh;

pub use error::{DecodeError, DecodeErrorKind};
pub use model::{Article, Block, Editor, Source, ARTICLE_FORMAT};

#[cfg(test)]
pub(crate) mod testing;
pub use route::Route;
