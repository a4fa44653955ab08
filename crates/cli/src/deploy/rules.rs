//! What each file of a built site is when it is published: its HTTP headers (Content-Type,
//! Content-Encoding for a precompressed sibling, Cache-Control) and the phase it is uploaded in.
//! Pure functions of the file's path in the site, so `deploy` and its tests read one table.

/// The headers an object is stored with. A static host or CDN serves them as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headers {
    pub content_type: &'static str,
    /// `br` or `gzip` for a precompressed sibling (`x.js.br` next to `x.js`), else none.
    pub content_encoding: Option<&'static str>,
    pub cache_control: &'static str,
}

/// Cache-Control of files whose name changes with their content: cached for a year, never
/// revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control of everything else: caches must ask again (a conditional request) before
/// reusing it, so a new deploy is seen at once.
pub const REVALIDATE: &str = "no-cache";

/// The order of a deploy: every upload of a phase completes before the next phase starts, so a
/// reader never gets a page that points at something not uploaded yet; stale files are deleted
/// only after the last phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Hashed wasm, JS and CSS, wasm chunks, icons, images: what pages and scripts reference.
    Assets,
    /// Scripts and styles at the site's root under a fixed name (`access.js`, `pwa.js`, the reader
    /// module's `reader.js` …): they may name hashed assets (`reader.js` its wasm, `access.js` the
    /// accessibility styles), so they follow them.
    Loaders,
    /// `data/`: articles, feeds, related and search files, which the app fetches.
    Data,
    /// Static pages (`article/<id>/index.html`, the home page `index.html` …), the web app
    /// manifest, host configuration (`_headers`, `_redirects`) and sitemaps: they point at
    /// assets and data.
    Pages,
    /// The app shell `shell.html` ([`yuedu_core::route::SHELL_PAGE`]), which references the new
    /// hashed assets.
    Shell,
    /// The service worker `sw.js`, last: its precache lists the shell's revision, so a worker
    /// installed before the new shell was in place would cache the old one for good.
    Worker,
}

impl Phase {
    /// Every phase, in upload order.
    pub const ALL: [Phase; 6] = [Phase::Assets, Phase::Loaders, Phase::Data, Phase::Pages, Phase::Shell, Phase::Worker];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Assets => "assets",
            Phase::Loaders => "loaders",
            Phase::Data => "data",
            Phase::Pages => "pages",
            Phase::Shell => "shell",
            Phase::Worker => "service worker",
        }
    }
}

/// The precompressed sibling encodings `scripts/precompress.mjs` writes, by file suffix (also
/// what `yuedu index` removes beside a file it rewrites).
pub(crate) const ENCODINGS: [(&str, &str); 2] = [(".br", "br"), (".gz", "gzip")];

/// `x.js.br` → (`x.js`, `br`) when `x.js` is in the site (`exists`): a precompressed sibling is
/// stored as its own object with the original's type and caching plus its encoding. A `.gz`
/// with no original beside it is an ordinary download.
pub fn sibling_of(key: &str, exists: impl Fn(&str) -> bool) -> Option<(&str, &'static str)> {
    ENCODINGS.iter().find_map(|(suffix, coding)| key.strip_suffix(suffix).filter(|original| exists(original)).map(|o| (o, *coding)))
}

/// The headers of `key` (a path in the site, `/`-separated, no leading slash); `sibling` is
/// what [`sibling_of`] says of it.
pub fn headers(key: &str, sibling: Option<(&str, &'static str)>) -> Headers {
    let (original, content_encoding) = match sibling {
        Some((original, coding)) => (original, Some(coding)),
        None => (key, None),
    };
    Headers {
        content_type: content_type(original),
        content_encoding,
        cache_control: if content_hashed(original) { IMMUTABLE } else { REVALIDATE },
    }
}

/// The phase `key` is uploaded in; a precompressed sibling goes with its original.
pub fn phase(original: &str) -> Phase {
    let name = original.rsplit('/').next().unwrap_or(original);
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match original {
        yuedu_core::route::SHELL_PAGE => Phase::Shell,
        "sw.js" => Phase::Worker,
        _ if original.starts_with("data/") => Phase::Data,
        _ if matches!(extension, "html" | "webmanifest" | "xml") || matches!(name, "_headers" | "_redirects" | "robots.txt") => {
            Phase::Pages
        }
        _ if !original.contains('/') && matches!(extension, "js" | "mjs" | "css") && !content_hashed(original) => Phase::Loaders,
        _ => Phase::Assets,
    }
}

/// Content-Type by extension. Text types say UTF-8, which every text file of the build is.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    match name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "gz" => "application/gzip",
        _ if name == "_headers" || name == "_redirects" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether the file's name is derived from its content, so it can be cached forever: trunk's
/// and the post-build hook's `name-<hash>.ext` (`yuedu-web-<hash>_bg.wasm`, the wasm chunks
/// `split_pages-<hash>.wasm`) and trunk's `<hash>-name` snippets, at the site's root (ids of
/// articles under `data/` are hex too, but their files change). The hook's hashes have 16 hex
/// digits; trunk's are a u64 in hex without leading zeros, so one build in 16 has 15 and fewer
/// are rarer still: 12 to 16 digits count (a build with fewer only revalidates its assets).
/// `yuedu serve` uses the same rule; deploy/nginx.conf writes it as a regular expression.
pub fn content_hashed(key: &str) -> bool {
    if key.contains('/') {
        return false;
    }
    let stem = key.split_once('.').map_or(key, |(s, _)| s);
    let hash = |s: &str| (12..=16).contains(&s.len()) && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let suffix = stem.strip_suffix("_bg").unwrap_or(stem).rsplit_once('-').is_some_and(|(_, h)| hash(h));
    let prefix = stem.split_once('-').is_some_and(|(h, _)| hash(h));
    suffix || prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_root_assets_are_immutable_and_everything_else_revalidates() {
        for key in [
            "yuedu-web-0123456789abcdef_bg.wasm",
            "yuedu-web-0123456789abcdef.js",
            // trunk drops a hash's leading zeros
            "yuedu-web-123456789abcdef_bg.wasm",
            "123456789abcdef-initializer.mjs",
            "main-fedcba9876543210.css",
            "split_pages-00112233445566ff.wasm",
            "__wasm_split-0123456789abcdef.js",
            "0123456789abcdef-snippet.js",
        ] {
            assert!(content_hashed(key), "{key}");
            assert_eq!(headers(key, None).cache_control, IMMUTABLE, "{key}");
        }
        for key in [
            "index.html",
            "sw.js",
            "manifest.webmanifest",
            "boot.js",
            "access.js",
            "workbox/workbox-sw.js",
            "data/articles/c6c151299a20712a.json",
            "data/related/c6c151299a20712a.json",
            "article/c6c151299a20712a/index.html",
            "icons/icon-192.png",
            "yuedu-web-0123456789ABCDEF.js",
            "yuedu-web-0123456789a.js",       // 11 digits: not a hash we rely on
            "yuedu-web-0123456789abcdef0.js", // 17 digits
            "assets/x-0123456789abcdef.js",
        ] {
            assert!(!content_hashed(key), "{key}");
            assert_eq!(headers(key, None).cache_control, REVALIDATE, "{key}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        let ct = |k| headers(k, None).content_type;
        assert_eq!(ct("yuedu-web-0123456789abcdef_bg.wasm"), "application/wasm");
        assert_eq!(ct("index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("data/tags/协同振兴.json"), "application/json; charset=utf-8");
        assert_eq!(ct("manifest.webmanifest"), "application/manifest+json");
        assert_eq!(ct("sw.js"), "text/javascript; charset=utf-8");
        assert_eq!(ct("style-0123456789abcdef.css"), "text/css; charset=utf-8");
        assert_eq!(ct("favicon.svg"), "image/svg+xml");
        assert_eq!(ct("icons/ICON.PNG"), "image/png");
        assert_eq!(ct("_headers"), "text/plain; charset=utf-8");
        assert_eq!(ct("LICENSE"), "application/octet-stream");
        assert_eq!(ct("archive.tar.gz"), "application/gzip");
    }

    #[test]
    fn a_precompressed_sibling_has_its_originals_type_and_caching_and_its_encoding() {
        let site = ["yuedu-web-0123456789abcdef_bg.wasm", "data/feed.json", "index.html"];
        let exists = |k: &str| site.contains(&k);
        let wasm_br = sibling_of("yuedu-web-0123456789abcdef_bg.wasm.br", exists);
        assert_eq!(wasm_br, Some(("yuedu-web-0123456789abcdef_bg.wasm", "br")));
        assert_eq!(
            headers("yuedu-web-0123456789abcdef_bg.wasm.br", wasm_br),
            Headers { content_type: "application/wasm", content_encoding: Some("br"), cache_control: IMMUTABLE }
        );
        let feed_gz = sibling_of("data/feed.json.gz", exists);
        assert_eq!(
            headers("data/feed.json.gz", feed_gz),
            Headers { content_type: "application/json; charset=utf-8", content_encoding: Some("gzip"), cache_control: REVALIDATE }
        );
        // No original beside it: an ordinary file, not a sibling.
        assert_eq!(sibling_of("downloads/corpus.tar.gz", exists), None);
        assert_eq!(
            headers("downloads/corpus.tar.gz", None),
            Headers { content_type: "application/gzip", content_encoding: None, cache_control: REVALIDATE }
        );
    }

    #[test]
    fn phases_put_assets_first_then_data_then_pages_then_the_shell_and_the_worker() {
        assert_eq!(phase("yuedu-web-0123456789abcdef_bg.wasm"), Phase::Assets);
        assert_eq!(phase("icons/icon-192.png"), Phase::Assets);
        assert_eq!(phase("workbox/workbox-sw.js"), Phase::Assets);
        assert_eq!(phase("boot.js"), Phase::Loaders);
        assert_eq!(phase("access.js"), Phase::Loaders, "after the stylesheet it names");
        assert_eq!(phase("reader.js"), Phase::Loaders, "after the wasm it names");
        assert_eq!(phase("reader-0123456789abcdef.wasm"), Phase::Assets);
        assert_eq!(phase("0123456789abcdef-initializer.mjs"), Phase::Assets);
        assert_eq!(phase("data/articles/a.json"), Phase::Data);
        assert_eq!(phase("data/feed.json"), Phase::Data);
        assert_eq!(phase("article/a/index.html"), Phase::Pages);
        assert_eq!(phase("tag/协同振兴/index.html"), Phase::Pages);
        assert_eq!(phase("404.html"), Phase::Pages);
        assert_eq!(phase("manifest.webmanifest"), Phase::Pages);
        assert_eq!(phase("_headers"), Phase::Pages);
        assert_eq!(phase("sitemap.xml"), Phase::Pages);
        assert_eq!(phase("shell.html"), Phase::Shell);
        assert_eq!(phase("index.html"), Phase::Pages, "the home page");
        assert_eq!(phase("sw.js"), Phase::Worker);
        assert!(Phase::ALL.windows(2).all(|w| w[0] < w[1]));
    }
}
