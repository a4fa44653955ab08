//! One module per page of the app.

pub mod article;
pub mod list;
pub mod not_found;
pub mod saved;
pub mod search;
pub mod tags;
