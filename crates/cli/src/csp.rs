//! The Content-Security-Policy yuedu is served with: scripts only from the site itself plus the
//! inline scripts of its pages (trunk's start-up script and the boot script inlined by
//! `scripts/inline.mjs`, each allowed by its SHA-256 hash, never by `'unsafe-inline'`),
//! WebAssembly compilation (`'wasm-unsafe-eval'`, not `'unsafe-eval'`), styles from the site and
//! the pages' inlined stylesheet (by hash; no style attributes), no plugins, and data fetched from the site only (plus https images: article
//! images may live on the publisher's host, and saving an article for offline reading fetches
//! them). `yuedu serve` sends it on every response; `yuedu csp DIR` prints it for static hosts.
//!
//! `frame-ancestors` is deliberately absent: partner sites embed yuedu in iframes. A publisher
//! who wants to restrict who may embed adds it at the host (README, "Embedding").

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for a page whose HTML is `html`: the fixed directives plus a hash source for
/// each inline script the browser would run. Without HTML (other responses, the service
/// worker) there are no hashes.
pub fn policy(html: Option<&str>) -> String {
    policy_for_pages(html)
}

/// One policy for every page in `pages` (a static host sends the same headers for all): a hash
/// source for each distinct inline script and stylesheet among them.
pub fn policy_for_pages<'a>(pages: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let hashes = |blocks: fn(&str) -> Vec<&str>| {
        let mut hashes: Vec<String> = pages
            .clone()
            .into_iter()
            .flat_map(blocks)
            .map(|block| format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(block.as_bytes()))))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes.concat()
    };
    let (scripts, styles) = (hashes(inline_scripts), hashes(inline_styles));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         img-src 'self' https: data:; connect-src 'self' https:; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; frame-src 'none'; object-src 'none'; \
         base-uri 'self'; form-action 'self'"
    )
}

/// The text of every inline `<script>` in `html` that a browser executes: no `src`, and a
/// JavaScript type (none, `module` or a JavaScript MIME type). Data blocks such as
/// `application/ld+json` are not executed and need no hash.
fn inline_scripts(html: &str) -> Vec<&str> {
    elements(html, "script")
        .filter(|(attrs, _)| attr_value(attrs, "src").is_none() && runs(attr_value(attrs, "type")))
        .map(|(_, body)| body)
        .collect()
}

/// The text of every `<style>` element in `html`.
fn inline_styles(html: &str) -> Vec<&str> {
    elements(html, "style").map(|(_, body)| body).collect()
}

/// `(attributes, text)` of each `<tag>…</tag>` element in `html` (raw-text elements: script,
/// style), in order; an element left unclosed ends the list.
fn elements<'a>(html: &'a str, tag: &'static str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}"));
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = find_ascii_ci(rest, &open)?;
        let after = &rest[start + open.len()..];
        // `<stylesheet…` or `<scripts…` are other tags.
        if !after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            rest = after;
            continue;
        }
        let end = tag_end(after)?;
        let body = &after[end + 1..];
        let close_at = find_ascii_ci(body, &close)?;
        rest = &body[close_at..];
        return Some((&after[..end], &body[..close_at]));
    })
}

/// Where the tag ends: the first `>` outside a quoted attribute value.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn runs(kind: Option<&str>) -> bool {
    match kind.map(|t| t.trim().to_ascii_lowercase()) {
        None => true,
        Some(t) => t.is_empty() || t == "module" || t == "text/javascript" || t == "application/javascript",
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The value of attribute `name` (a whole attribute name, any case) in a tag's attribute list:
/// `Some("")` when it is present without a value, `None` when it is absent.
fn attr_value<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    attributes(attrs).find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// `(name, value)` pairs of a tag's attributes (value empty when absent); quoted values may
/// hold spaces and `=`.
fn attributes(attrs: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = attrs.trim_start();
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || c == '=').unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let mut value = "";
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (v, remaining) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after_eq.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            value = v;
            rest = remaining;
        }
        Some((name, value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_the_inline_scripts_that_run() {
        let html = r#"<head><script src="boot.js"></script><SCRIPT type="module">import init from './a.js';</SCRIPT>
            <script type="application/ld+json">{"@type":"NewsArticle"}</script><script data-x='a > b'>x()</script></head>"#;
        assert_eq!(inline_scripts(html), vec!["import init from './a.js';", "x()"]);
        let p = policy(Some(html));
        // echo -n "import init from './a.js';" | openssl dgst -sha256 -binary | base64
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from './a.js';"));
        assert!(p.contains(&format!("'sha256-{expected}'")), "{p}");
        assert_eq!(p.matches("'sha256-").count(), 2);
    }

    #[test]
    fn one_policy_for_many_pages_lists_each_script_once() {
        let shell = "<script type=module>start()</script>";
        let page = "<script type=module>await paint();start()</script>";
        let p = policy_for_pages([shell, page, page, shell]);
        assert_eq!(p.matches("'sha256-").count(), 2, "{p}");
        assert_eq!(policy_for_pages([shell]), policy(Some(shell)));
    }

    #[test]
    fn the_policy_is_strict() {
        let p = policy(None);
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"), "{p}");
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval';"), "{p}");
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'self'"));
        assert!(!p.contains("frame-ancestors"), "partners embed yuedu: restricting is the host's choice");
    }

    #[test]
    fn hashes_inline_stylesheets_into_style_src() {
        let html = "<style>body{color:red}</style><link rel=stylesheet href=a.css><STYLE media=print>p{}</STYLE>";
        assert_eq!(inline_styles(html), vec!["body{color:red}", "p{}"]);
        let p = policy(Some(html));
        let style_src = p.split("; ").find(|d| d.starts_with("style-src")).unwrap_or_default();
        assert_eq!(style_src.matches("'sha256-").count(), 2, "{p}");
        assert!(!p.split("; ").find(|d| d.starts_with("script-src")).unwrap_or_default().contains("sha256"), "{p}");
        assert!(!p.contains("unsafe-inline"), "{p}");
    }

    #[test]
    fn survives_unclosed_tags() {
        assert!(inline_styles("<style>never closed").is_empty());
        assert!(inline_scripts("<script>never closed").is_empty());
        assert!(inline_scripts("<script").is_empty());
    }
}
