//! One module per page of the app.

pub mod article;
pub mod home;
pub mod not_found;
pub mod saved;
pub mod search;
pub mod tag;
pub mod tags;
