//! The app's routes as data: parsing a path into a [`Route`] and building hrefs back, so the
//! routing rules are tested natively and shared by the app and the static-host docs.

use crate::embed::EmbedOptions;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`, `/?page=2`
    Home { page: u32 },
    /// `/tags`
    Tags,
    /// `/saved`: the articles saved for offline reading.
    Saved,
    /// `/search?q=…`: search over titles, tags and summaries (`q` decoded, `+` as a space).
    Search { q: String },
    /// `/article/<id>`
    Article(String),
    /// `/tag/<name>`, `/tag/<name>?page=2` (the name percent-decoded)
    Tag { name: String, page: u32 },
    /// `/embed/article/<id>`, `/embed/tag/<name>`: compact views for partner iframes, with
    /// their options from the query (see [`crate::embed`]).
    Embed { target: EmbedTarget, options: EmbedOptions },
    /// Anything else.
    NotFound,
}

/// What an embed shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedTarget {
    Article(String),
    Tag { name: String, page: u32 },
}

impl Route {
    /// The first page of the home feed.
    pub const HOME: Route = Route::Home { page: 1 };

    /// The first page of a tag.
    pub fn tag(name: &str) -> Route {
        Route::Tag { name: name.to_owned(), page: 1 }
    }

    /// Parses a path relative to the app's base (`article/abc`, `/tag/%E5%8D%8F?page=2`);
    /// the fragment and any other query parameters are ignored.
    ///
    /// ```
    /// use yuedu_core::route::Route;
    /// assert_eq!(Route::parse("/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4"), Route::tag("协同振兴"));
    /// assert_eq!(Route::parse("/?page=2"), Route::Home { page: 2 });
    /// assert_eq!(Route::parse("/article/abc?x=1#top"), Route::Article("abc".into()));
    /// assert_eq!(Route::parse("/article/"), Route::NotFound);
    /// ```
    pub fn parse(path: &str) -> Route {
        let path = path.split('#').next().unwrap_or("");
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let page = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("page="))
            .map_or(Some(1), |p| p.parse::<u32>().ok().filter(|&p| (1..=100_000).contains(&p)));
        let Some(page) = page else { return Route::NotFound };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let decoded = |s: &str| percent_decode(s).filter(|d| !d.is_empty());
        match segments.as_slice() {
            [] => Route::Home { page },
            ["tags"] if page == 1 => Route::Tags,
            ["saved"] if page == 1 => Route::Saved,
            ["search"] => {
                let q = query.split('&').find_map(|kv| kv.strip_prefix("q=")).unwrap_or("");
                percent_decode(&q.replace('+', " ")).map_or(Route::NotFound, |q| Route::Search { q })
            }
            ["article", id] if page == 1 => decoded(id).map_or(Route::NotFound, Route::Article),
            ["tag", name] => decoded(name).map_or(Route::NotFound, |name| Route::Tag { name, page }),
            ["embed", "article", id] if page == 1 => decoded(id)
                .map_or(Route::NotFound, |id| Route::Embed { target: EmbedTarget::Article(id), options: EmbedOptions::from_query(query) }),
            ["embed", "tag", name] => decoded(name).map_or(Route::NotFound, |name| Route::Embed {
                target: EmbedTarget::Tag { name, page },
                options: EmbedOptions::from_query(query),
            }),
            _ => Route::NotFound,
        }
    }

    /// The path of this route relative to the base, without a leading slash
    /// (`tag/%E5%8D%8F?page=2`); `None` for [`Route::NotFound`].
    pub fn path(&self) -> Option<String> {
        let paged = |p: String, page: u32| if page > 1 { format!("{p}?page={page}") } else { p };
        Some(match self {
            Route::Home { page } => paged(String::new(), *page),
            Route::Tags => "tags".to_owned(),
            Route::Saved => "saved".to_owned(),
            Route::Search { q } if q.is_empty() => "search".to_owned(),
            Route::Search { q } => format!("search?q={}", percent_encode(q)),
            Route::Article(id) => format!("article/{}", percent_encode(id)),
            Route::Tag { name, page } => paged(format!("tag/{}", percent_encode(name)), *page),
            Route::Embed { target, options } => {
                let path = match target {
                    EmbedTarget::Article(id) => format!("embed/article/{}", percent_encode(id)),
                    EmbedTarget::Tag { name, .. } => format!("embed/tag/{}", percent_encode(name)),
                };
                let mut query = options.to_query();
                if let EmbedTarget::Tag { page, .. } = target {
                    if *page > 1 {
                        query.push(if query.is_empty() { '?' } else { '&' });
                        query.push_str(&format!("page={page}"));
                    }
                }
                format!("{path}{query}")
            }
            Route::NotFound => return None,
        })
    }
}

/// Decodes `%XX` escapes; `None` for malformed escapes or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes each segment of a `/`-separated path (`tags/协同振兴.json`).
pub fn percent_encode_path(path: &str) -> String {
    path.split('/').map(percent_encode).collect::<Vec<_>>().join("/")
}

/// Encodes everything but unreserved characters (`A-Z a-z 0-9 - _ . ~`) as UTF-8 `%XX`.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_route() {
        for route in [
            Route::HOME,
            Route::Home { page: 3 },
            Route::Tags,
            Route::Saved,
            Route::Search { q: String::new() },
            Route::Search { q: "帮县 带村&x=1".into() },
            Route::Article("c6c151299a20712a".into()),
            Route::tag("协同振兴"),
            Route::Tag { name: "a b/c?".into(), page: 2 },
            Route::Embed { target: EmbedTarget::Article("c6c1".into()), options: EmbedOptions::default() },
            Route::Embed {
                target: EmbedTarget::Tag { name: "协同振兴".into(), page: 2 },
                options: EmbedOptions::from_query("theme=dark&lang=en&related=0&frame=f1"),
            },
        ] {
            let path = route.path().unwrap();
            assert_eq!(Route::parse(&format!("/{path}")), route, "{path}");
        }
    }

    #[test]
    fn unknown_and_malformed_paths_are_not_found() {
        for p in [
            "/embed/article/",
            "/embed/x/y",
            "/embed/article/a?page=2",
            "/articles/x",
            "/article/a/b",
            "/tag/%zz",
            "/tag/%FF",
            "/x",
            "/?page=0",
            "/?page=x",
            "/tags?page=2",
        ] {
            assert_eq!(Route::parse(p), Route::NotFound, "{p}");
        }
        assert_eq!(Route::parse(""), Route::HOME);
        assert_eq!(Route::parse("//"), Route::HOME);
        assert_eq!(Route::parse("/?utm=x&page=2"), Route::Home { page: 2 });
    }
}
