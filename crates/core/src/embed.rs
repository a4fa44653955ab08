//! Embedding yuedu in partner pages: the embed options (`?theme=dark&lang=en&highlights=0`),
//! the copyable snippet, the oEmbed document, and the auto-height message protocol.
//!
//! ## The auto-height protocol (version 1)
//!
//! The embedded page posts to its parent window, whenever its content height changes (load,
//! resize, fonts, theme, content):
//!
//! ```json
//! { "type": "yuedu:embed-height", "version": 1, "id": "<frame id>", "height": 1234 }
//! ```
//!
//! `height` is the content height in CSS pixels, rounded up. `id` is the embed's `frame` query
//! parameter (the snippet sets it to the iframe's `id`), else the frame's `name`. The parent
//! script (`public/embed.js`) applies it to the iframe whose window sent it. The parent may send
//! `{ "type": "yuedu:embed-hello", "version": 1 }` to ask for the current height (the script
//! does when it starts after the frame loaded); the embed ignores every other message, and
//! messages from any window but its parent. The embed never reads or writes its parent.

use serde::Serialize;

use crate::i18n::Lang;
use crate::route::percent_encode;

/// The `type` of the height message (embed → parent).
pub const HEIGHT_MESSAGE: &str = "yuedu:embed-height";
/// The `type` of the hello message (parent → embed).
pub const HELLO_MESSAGE: &str = "yuedu:embed-hello";
/// The protocol version both messages carry.
pub const PROTOCOL_VERSION: u32 = 1;
/// The iframe height of the snippet, used until the parent script applies the real one.
pub const DEFAULT_HEIGHT: u32 = 600;
/// The `sandbox` the snippet sets: scripts (the app), same-origin (its own data and settings;
/// safe because the frame is on yuedu's origin, not the partner's), popups that escape the
/// sandbox (links open the full article in a new tab) and top navigation on a click.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the reader's system (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// `light`, `dark`, `auto`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The query and `data-theme` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How an embed looks: from its query string, unknown or malformed values left at the default.
/// Two more options are not here: `elder=1` (长辈模式) and `script=hant` (繁體) are read by
/// `public/boot.js` alone, which must set them on `<html>` before the first paint; the app reads
/// those attributes, never the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedOptions {
    pub theme: Theme,
    pub lang: Lang,
    /// Mark metrics in the text and show the highlights panel (`highlights=0` turns it off).
    pub highlights: bool,
    /// Show related articles under an article (`related=0` turns it off).
    pub related: bool,
    /// The frame id echoed in height messages (`frame=`), at most 64 safe characters.
    pub frame: Option<String>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions { theme: Theme::Auto, lang: Lang::ZhCn, highlights: true, related: true, frame: None }
    }
}

impl EmbedOptions {
    /// Reads the options from a query string (with or without the leading `?`).
    ///
    /// ```
    /// use yuedu_core::embed::{EmbedOptions, Theme};
    /// let o = EmbedOptions::from_query("?theme=dark&lang=en&highlights=0&frame=yuedu-1");
    /// assert_eq!(o.theme, Theme::Dark);
    /// assert!(!o.highlights && o.related);
    /// assert_eq!(o.frame.as_deref(), Some("yuedu-1"));
    /// ```
    pub fn from_query(query: &str) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let flag = match value {
                "0" | "false" | "off" => Some(false),
                "1" | "true" | "on" => Some(true),
                _ => None,
            };
            match key {
                "theme" => o.theme = Theme::parse(value).unwrap_or(o.theme),
                "lang" => o.lang = Lang::parse(value).unwrap_or(o.lang),
                "highlights" => o.highlights = flag.unwrap_or(o.highlights),
                "related" => o.related = flag.unwrap_or(o.related),
                "frame" if is_frame_id(value) => o.frame = Some(value.to_owned()),
                _ => {}
            }
        }
        o
    }

    /// The query string for these options (`?theme=dark&lang=en`), only what differs from the
    /// defaults; empty when nothing does.
    pub fn to_query(&self) -> String {
        let d = EmbedOptions::default();
        let mut parts = Vec::new();
        if let Some(frame) = &self.frame {
            parts.push(format!("frame={frame}"));
        }
        if self.theme != d.theme {
            parts.push(format!("theme={}", self.theme.as_str()));
        }
        if self.lang != d.lang {
            parts.push(format!("lang={}", self.lang.tag()));
        }
        if !self.highlights {
            parts.push("highlights=0".to_owned());
        }
        if !self.related {
            parts.push("related=0".to_owned());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Frame ids are echoed to the partner page: letters, digits, `-`, `_`, at most 64.
fn is_frame_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The embed's frame id for an article: `yuedu-<id>` (ids are already safe characters).
pub fn frame_id(article_id: &str) -> String {
    let safe: String = article_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(58).collect();
    format!("yuedu-{safe}")
}

/// `&`, `<`, `>`, `"` and `'` as entities, for text inside an HTML attribute or element.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The copyable embed snippet for article `id`: an iframe and the parent script, both from
/// `site` (the app's absolute base URL, ending in `/`). `title` names the frame for screen
/// readers. Without the script the frame keeps [`DEFAULT_HEIGHT`] and scrolls inside.
///
/// ```
/// use yuedu_core::embed::snippet;
/// let html = snippet("https://example.org/reader/", "c6c1", "标题 <1>");
/// assert!(html.contains(r#"src="https://example.org/reader/embed/article/c6c1?frame=yuedu-c6c1""#));
/// assert!(html.contains(r#"title="标题 &lt;1&gt;""#));
/// assert!(html.contains(r#"<script async src="https://example.org/reader/embed.js"></script>"#));
/// ```
pub fn snippet(site: &str, id: &str, title: &str) -> String {
    let frame = frame_id(id);
    let src = format!("{site}embed/article/{}?frame={frame}", percent_encode(id));
    format!(
        "<iframe id=\"{frame}\" class=\"yuedu-embed\" src=\"{}\" title=\"{}\" width=\"100%\" height=\"{DEFAULT_HEIGHT}\" \
         style=\"border:0;width:100%;max-width:100%\" loading=\"lazy\" sandbox=\"{SANDBOX}\" allow=\"clipboard-write; web-share\"></iframe>\n\
         <script async src=\"{}embed.js\"></script>",
        escape_html(&src),
        escape_html(title),
        escape_html(site),
    )
}

/// An oEmbed 1.0 response of type `rich` (<https://oembed.com/#section2.3>).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OEmbed {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: &'static str,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    pub provider_name: String,
    pub provider_url: String,
    pub html: String,
    /// `null`: the frame takes the width of its container.
    pub width: Option<u32>,
    pub height: u32,
    pub cache_age: u32,
}

impl OEmbed {
    /// The oEmbed document of an article served from `site` (absolute, ending in `/`).
    pub fn for_article(site: &str, a: &crate::Article) -> OEmbed {
        let author_name = if a.authors.is_empty() { Some(a.source.name.clone()) } else { Some(a.authors.join("、")) };
        OEmbed {
            kind: "rich",
            version: "1.0",
            title: a.title.clone(),
            author_name: author_name.filter(|n| !n.is_empty()),
            provider_name: "阅读 yuedu".into(),
            provider_url: site.to_owned(),
            html: snippet(site, &a.id, &a.title),
            width: None,
            height: DEFAULT_HEIGHT,
            cache_age: 86_400,
        }
    }
}

/// Where an article's oEmbed document lives in the data directory: `oembed/<id>.json`.
pub fn oembed_path(id: &str) -> String {
    format!("oembed/{id}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_through_the_query() {
        let o = EmbedOptions { theme: Theme::Light, lang: Lang::En, highlights: false, related: false, frame: Some("f-1".into()) };
        assert_eq!(EmbedOptions::from_query(&o.to_query()), o);
        assert_eq!(EmbedOptions::default().to_query(), "");
    }

    #[test]
    fn bad_values_keep_the_defaults() {
        let o = EmbedOptions::from_query("theme=neon&lang=xx&highlights=maybe&frame=%3Cscript%3E&related");
        assert_eq!(o, EmbedOptions::default());
        assert_eq!(EmbedOptions::from_query(&format!("frame={}", "a".repeat(65))).frame, None);
    }

    #[test]
    fn snippet_escapes_what_it_embeds() {
        let html = snippet("https://x.org/\"a/", "id1", "<b>&'");
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;&amp;&#39;"));
        assert!(html.contains("https://x.org/&quot;a/embed.js"));
        assert!(html.contains(&format!("sandbox=\"{SANDBOX}\"")));
    }

    #[test]
    fn oembed_is_rich_with_the_snippet() {
        let a = crate::testing::article("abc", 1, &["t"], "正文");
        let o = OEmbed::for_article("https://example.org/", &a);
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["type"], "rich");
        assert_eq!(json["version"], "1.0");
        assert_eq!(json["width"], serde_json::Value::Null);
        assert_eq!(json["height"], DEFAULT_HEIGHT);
        assert!(o.html.starts_with("<iframe "));
        assert_eq!(oembed_path("abc"), "oembed/abc.json");
    }
}
