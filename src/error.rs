//! The app's one error type: what went wrong, phrased as what a reader can do about it.

use yuedu_core::i18n::Text;
use yuedu_core::{DecodeError, Route};

/// What could not be found, so the message can name it in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    Article,
    /// A page of a list (home, a tag, an author).
    List(Route),
    Related,
    TagList,
    Page,
}

impl Missing {
    fn name(&self, t: &Text) -> String {
        match self {
            Missing::Article => t.missing_article.to_owned(),
            Missing::List(Route::Home { .. }) => t.missing_feed_page.to_owned(),
            Missing::List(route) => (t.missing_list)(&t.list_title(route), route.feed().map_or(1, |(_, page)| page)),
            Missing::Related => t.missing_related.to_owned(),
            Missing::TagList => t.missing_tag_list.to_owned(),
            Missing::Page => t.missing_page.to_owned(),
        }
    }
}

/// Everything that can stop a page from showing. `Clone` so views can hold it.
#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// The requested article, tag or page does not exist.
    NotFound(Missing),
    /// The browser reports no network.
    Offline,
    /// The request did not finish in time.
    Timeout,
    /// Could not reach the server at all (the browser's reason).
    Network(String),
    /// The server answered with an error status.
    Server { status: u16 },
    /// The data arrived but is not a usable article or feed.
    BadData(DecodeError),
}

impl AppError {
    /// What happened, in one sentence.
    pub fn message(&self, t: &Text) -> String {
        match self {
            AppError::NotFound(what) => (t.not_found)(&what.name(t)),
            AppError::Offline => t.offline.to_owned(),
            AppError::Timeout => t.timeout.to_owned(),
            AppError::Network(_) => t.network.to_owned(),
            AppError::Server { status } => (t.server)(*status),
            AppError::BadData(_) => t.bad_data.to_owned(),
        }
    }

    /// A short headline for the error view.
    pub fn headline(&self, t: &Text) -> &'static str {
        match self {
            AppError::NotFound(_) => t.headline_not_found,
            AppError::Offline => t.headline_offline,
            AppError::Timeout => t.headline_timeout,
            AppError::Network(_) => t.headline_network,
            AppError::Server { .. } => t.headline_server,
            AppError::BadData(_) => t.headline_bad_data,
        }
    }

    /// What the reader can do next.
    pub fn advice(&self, t: &Text) -> &'static str {
        match self {
            AppError::NotFound(_) => t.advice_not_found,
            AppError::Offline => t.advice_offline,
            AppError::Timeout | AppError::Network(_) => t.advice_network,
            AppError::Server { .. } => t.advice_server,
            AppError::BadData(_) => t.advice_bad_data,
        }
    }

    /// Technical detail worth showing under the message (the decoder's field path, the
    /// browser's network reason), if any.
    pub fn detail(&self) -> Option<String> {
        match self {
            AppError::BadData(e) => Some(e.to_string()),
            AppError::Network(e) => Some(e.clone()),
            _ => None,
        }
    }

    /// Whether trying again could help (it cannot for a missing page).
    pub fn retryable(&self) -> bool {
        !matches!(self, AppError::NotFound(_))
    }

    /// A stable name for tests and styling (`data-error`).
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not-found",
            AppError::Offline => "offline",
            AppError::Timeout => "timeout",
            AppError::Network(_) => "network",
            AppError::Server { .. } => "server",
            AppError::BadData(_) => "bad-data",
        }
    }
}
