//! `yuedu serve`: what the built app's directory answers, as an axum service over tower-http's
//! `ServeDir` — precompressed `.br`/`.gz` siblings whatever their mtime, `ETag`/`Last-Modified`
//! and 304, `Range` — with the single-page-app fallback that deep links need (what nginx's
//! `try_files $uri $uri/index.html /shell.html` does, `deploy/nginx.conf`), the Cache-Control a
//! deploy needs, and the security headers on every response, errors included.
//!
//! Each request path is resolved here once ([`resolve`]) to one file inside the root (symlinks
//! that lead out of it are refused), and `ServeDir` is then asked for exactly that file; the
//! connections themselves (timeouts, limits, shutdown, the log) are `crate::http`'s.

use std::collections::HashMap;
use std::future::{ready, Ready};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::io::{AsyncRead, AsyncSeek, ReadBuf};
use tower::ServiceBuilder;
use tower_http::services::fs::{self as tower_fs, ServeDir};
use tower_http::set_header::SetResponseHeaderLayer;
use yuedu_core::route::SHELL_PAGE;

/// A response head not ready after this long becomes a 503. The file system calls do not
/// yield and the wait for a turn (below) comes before the clock starts, so today little can
/// make it fire: it bounds whatever waiting a later change adds to the service.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests handled at once; more wait for a turn (each holds open files while it is answered).
const CONCURRENT_REQUESTS: usize = 256;
/// HTML pages larger than this are served without hashes for their inline scripts (so those do
/// not run) rather than read whole to compute them; the app's pages are far smaller.
const MAX_HASHED_PAGE: u64 = 16 * 1024 * 1024;

/// Serves `dir` on `host:port` under the URL path `base` until SIGTERM or Ctrl-C.
pub fn run(dir: &Path, host: &str, port: u16, base: &str) -> Result<(), String> {
    let site = Site::new(dir, base)?;
    let listener = std::net::TcpListener::bind((host, port)).map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
    eprintln!("yuedu: serving {} at http://{host}:{port}{}", site.root.display(), site.base);
    crate::http::serve(listener, app(Arc::new(site)))
}

/// The built app's directory and the URL path it is served under.
pub struct Site {
    /// Canonical: every served file must resolve to a path below it.
    root: PathBuf,
    /// `/` or `/reader/`.
    base: String,
    files: ServeDir<tower_fs::DefaultServeDirFallback, Rooted>,
    policies: PagePolicies,
}

impl Site {
    /// The site in `dir` (which must hold the app shell, [`SHELL_PAGE`]) under the URL path `base`.
    pub fn new(dir: &Path, base: &str) -> Result<Site, String> {
        let root = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
        if !root.join(SHELL_PAGE).is_file() {
            return Err(format!("{}: no {SHELL_PAGE} (build the app first: bash scripts/build)", root.display()));
        }
        let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
        // Exactly the file `resolve` chose: no index.html appended, no redirects.
        let files = ServeDir::with_backend(&root, Rooted(root.clone().into()))
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        Ok(Site { root, base, files, policies: PagePolicies::default() })
    }
}

/// The whole service: the site, behind the layers every response passes through.
pub fn app(site: Arc<Site>) -> Router {
    let base_policy = HeaderValue::from_str(&crate::csp::policy(None)).expect("the policy is a valid header value");
    Router::new().fallback(respond).with_state(site).layer(
        ServiceBuilder::new()
            // Outermost, so that the answers of the layers below (413, 503) carry them too.
            .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, base_policy))
            .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
            .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")))
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, RESPONSE_TIMEOUT))
            // The app is read-only: a request with a body is refused before it is read.
            .layer(tower_http::limit::RequestBodyLimitLayer::new(0))
            .layer(tower::limit::GlobalConcurrencyLimitLayer::new(CONCURRENT_REQUESTS)),
    )
}

async fn respond(State(site): State<Arc<Site>>, mut request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut response = error(StatusCode::METHOD_NOT_ALLOWED);
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Some(path) = below_base(&site.base, request.uri().path()) else { return error(StatusCode::NOT_FOUND) };
    let resolved = resolve(&site.root, &path);
    let policy = match &resolved {
        Resolved::File(file) if is_html(file) => site.policies.get(file),
        _ => None,
    };
    let file = match resolved {
        Resolved::File(file) => file,
        Resolved::NotFound => return error(StatusCode::NOT_FOUND),
        Resolved::Forbidden => return error(StatusCode::FORBIDDEN),
        Resolved::BadRequest => return error(StatusCode::BAD_REQUEST),
    };
    // Ask ServeDir for exactly that file, by a URL it decodes back to the same path.
    let Some(relative) = file.strip_prefix(&site.root).ok().and_then(Path::to_str) else { return error(StatusCode::NOT_FOUND) };
    let Ok(uri) = Uri::try_from(format!("/{}", yuedu_core::route::percent_encode_path(relative))) else {
        return error(StatusCode::BAD_REQUEST);
    };
    *request.uri_mut() = uri;
    let mut response = match site.files.clone().try_call(request).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => return error(StatusCode::NOT_FOUND),
        Ok(response) => response.map(Body::new),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return error(StatusCode::FORBIDDEN),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return error(StatusCode::NOT_FOUND),
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR),
    };
    let headers = response.headers_mut();
    if headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&file)));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&site.root, &file)));
    if let Some(policy) = policy {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// A small text response for an error status; never cached.
fn error(status: StatusCode) -> Response {
    let text = format!("{}\n", status.canonical_reason().unwrap_or("error").to_ascii_lowercase());
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    (status, headers, text).into_response()
}

/// The part of `url` below the app's `base` path (`/reader/article/a` → `/article/a`); `None`
/// for URLs outside it, which do not belong to the app.
fn below_base(base: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(base).or_else(|| (url == base.trim_end_matches('/')).then_some(""))?;
    Some(format!("/{rest}"))
}

#[derive(Debug, PartialEq)]
enum Resolved {
    /// The canonical path of the file to send.
    File(PathBuf),
    NotFound,
    /// Leaves the root: `..`, or a symlink pointing out.
    Forbidden,
    /// Not a decodable path (bad percent-encoding, not UTF-8, a NUL byte).
    BadRequest,
}

/// Maps a URL path (below the base) to a file under `root`: the file itself, a directory's
/// `index.html` (`/article/<id>` → its static page, `/` → the home page), else — for a path that
/// looks like an app route — the app shell [`SHELL_PAGE`]. A path with a file extension and anything under `/data/`
/// stays a real 404: a missing asset or article must not be answered with HTML.
fn resolve(root: &Path, url: &str) -> Resolved {
    let Some(decoded) = yuedu_core::route::percent_decode(url) else { return Resolved::BadRequest };
    if decoded.contains('\0') {
        return Resolved::BadRequest;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Resolved::Forbidden;
    }
    let candidate = root.join(relative);
    for file in [candidate.clone(), candidate.join("index.html")] {
        match inside(root, &file) {
            Ok(real) if real.is_file() => return Resolved::File(real),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Resolved::Forbidden,
            _ => {}
        }
    }
    let under_data = relative.components().next().is_some_and(|c| c.as_os_str() == "data");
    let has_extension = decoded.rsplit('/').next().unwrap_or("").contains('.');
    if under_data || has_extension {
        Resolved::NotFound
    } else {
        match inside(root, &root.join(SHELL_PAGE)) {
            Ok(shell) => Resolved::File(shell),
            Err(_) => Resolved::NotFound,
        }
    }
}

/// `path` with every symlink resolved, if that is below `root`; `PermissionDenied` if it leads
/// out of it (a symlink in the served directory is followed only within it), also for a
/// missing file there, so that what exists outside the root cannot be probed.
fn inside(root: &Path, path: &Path) -> io::Result<PathBuf> {
    let outside = || io::Error::new(io::ErrorKind::PermissionDenied, "leads out of the served directory");
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) => Ok(real),
        Ok(_) => Err(outside()),
        Err(e) => {
            let existing = path.ancestors().skip(1).find_map(|a| a.canonicalize().ok());
            match existing {
                Some(real) if !real.starts_with(root) => Err(outside()),
                _ => Err(e),
            }
        }
    }
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

/// The Content-Type of each kind of file the build writes (with the charset, so that a
/// partner page in another encoding still reads `embed.js` as UTF-8).
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// trunk names build outputs `name-<hash>.ext` (the main wasm `name-<hash>_bg.wasm`): those
/// never change and can be cached forever. Everything else (index.html, static pages, data,
/// `sw.js`) must be revalidated so a new deploy is seen: the rule `yuedu deploy` uses
/// ([`crate::deploy::rules::content_hashed`]); deploy/nginx.conf has the same rule.
fn cache_control(root: &Path, path: &Path) -> &'static str {
    let key = path.strip_prefix(root).ok().and_then(Path::to_str).unwrap_or("/");
    if crate::deploy::rules::content_hashed(key) {
        crate::deploy::rules::IMMUTABLE
    } else {
        crate::deploy::rules::REVALIDATE
    }
}

/// The Content-Security-Policy of each HTML page (its own inline scripts' hashes), computed
/// once per version of the file (size and mtime) instead of reading the page on every request.
#[derive(Default)]
struct PagePolicies(Mutex<HashMap<PathBuf, (u64, SystemTime, HeaderValue)>>);

impl PagePolicies {
    /// Bounds the map for a site with very many pages; it refills as they are requested.
    const MAX_ENTRIES: usize = 4096;

    fn get(&self, page: &Path) -> Option<HeaderValue> {
        let meta = std::fs::metadata(page).ok()?;
        let version = (meta.len(), meta.modified().ok()?);
        let mut cache = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((len, modified, policy)) = cache.get(page) {
            if (*len, *modified) == version {
                return Some(policy.clone());
            }
        }
        if version.0 > MAX_HASHED_PAGE {
            return None;
        }
        let html = String::from_utf8_lossy(&std::fs::read(page).ok()?).into_owned();
        let policy = HeaderValue::from_str(&crate::csp::policy(Some(&html))).ok()?;
        if cache.len() >= Self::MAX_ENTRIES {
            cache.clear();
        }
        cache.insert(page.to_owned(), (version.0, version.1, policy.clone()));
        Some(policy)
    }
}

/// `ServeDir`'s file system, refusing whatever resolves outside the root: `resolve` has
/// checked the file, and this checks what `ServeDir` opens besides it — the precompressed
/// siblings, which could be symlinks of their own.
///
/// Its calls run on the request's own thread, as nginx's do by default, rather than on
/// tokio's blocking pool as `tokio::fs` would: served from the page cache, a `stat`, `open` or
/// 64 KB `read` takes microseconds, while each round trip to the pool cost more than the call
/// (BENCHMARKS.md, "yuedu serve"). The price: a file system that stalls (a dead network
/// mount) stalls a worker thread. Serve `dist/` from a local disk.
#[derive(Clone)]
struct Rooted(Arc<Path>);

impl tower_fs::Backend for Rooted {
    type File = RootedFile;
    type Metadata = std::fs::Metadata;
    type OpenFuture = Ready<io::Result<RootedFile>>;
    type MetadataFuture = Ready<io::Result<std::fs::Metadata>>;

    fn open(&self, path: PathBuf) -> Self::OpenFuture {
        ready(inside(&self.0, &path).and_then(std::fs::File::open).map(RootedFile))
    }

    fn metadata(&self, path: PathBuf) -> Self::MetadataFuture {
        ready(inside(&self.0, &path).and_then(std::fs::metadata))
    }
}

/// A file opened by [`Rooted`], read on the request's thread.
struct RootedFile(std::fs::File);

impl AsyncRead for RootedFile {
    fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let n = io::Read::read(&mut self.0, buf.initialize_unfilled())?;
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl AsyncSeek for RootedFile {
    fn start_seek(mut self: Pin<&mut Self>, position: io::SeekFrom) -> io::Result<()> {
        io::Seek::seek(&mut self.0, position).map(drop)
    }

    fn poll_complete(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<u64>> {
        Poll::Ready(io::Seek::stream_position(&mut self.0))
    }
}

impl tower_fs::File for RootedFile {
    type Metadata = std::fs::Metadata;
    type MetadataFuture<'a> = Ready<io::Result<std::fs::Metadata>>;

    fn metadata(&self) -> Self::MetadataFuture<'_> {
        ready(self.0.metadata())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderName;
    use tower::ServiceExt;

    const SECURITY_HEADERS: [HeaderName; 3] = [header::CONTENT_SECURITY_POLICY, header::X_CONTENT_TYPE_OPTIONS, header::REFERRER_POLICY];

    fn site() -> tempdir::Dir {
        let dir = tempdir::Dir::new();
        std::fs::write(dir.0.join(SHELL_PAGE), "<html><script type=module>start()</script>").unwrap();
        std::fs::write(dir.0.join("index.html"), "<html><script type=module>paint();start()</script><h1>home</h1>").unwrap();
        std::fs::create_dir_all(dir.0.join("data/articles")).unwrap();
        std::fs::write(dir.0.join("data/articles/a.json"), "{}").unwrap();
        std::fs::create_dir_all(dir.0.join("article/a")).unwrap();
        std::fs::write(dir.0.join("article/a/index.html"), "<html><script type=module>paint();start()</script>").unwrap();
        dir
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let p = std::env::temp_dir().join(format!("yuedu-serve-{}-{n}", std::process::id()));
                let _ = std::fs::remove_dir_all(&p);
                std::fs::create_dir_all(&p).unwrap();
                Dir(p.canonicalize().unwrap())
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    async fn get(dir: &Path, base: &str, method: &str, url: &str, headers: &[(&str, &str)]) -> Response {
        let app = app(Arc::new(Site::new(dir, base).unwrap()));
        let mut request = Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap()
    }

    async fn text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn header<'a>(response: &'a Response, name: &str) -> &'a str {
        response.headers().get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }

    #[test]
    fn routes_fall_back_to_the_app_shell_but_missing_files_are_404() {
        let dir = site();
        let root = dir.0.as_path();
        assert_eq!(resolve(root, "/data/articles/a.json"), Resolved::File(root.join("data/articles/a.json")));
        assert_eq!(resolve(root, "/article/a"), Resolved::File(root.join("article/a/index.html")), "the static page");
        assert_eq!(resolve(root, "/article/b"), Resolved::File(root.join(SHELL_PAGE)), "no static page: the app");
        assert_eq!(resolve(root, "/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4"), Resolved::File(root.join(SHELL_PAGE)));
        assert_eq!(resolve(root, "/data/articles/missing.json"), Resolved::NotFound);
        assert_eq!(resolve(root, "/data/articles/missing"), Resolved::NotFound, "data is never the app");
        assert_eq!(resolve(root, "/app-0123456789abcdef.wasm"), Resolved::NotFound);
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")), "the home page");
    }

    #[test]
    fn serves_only_below_the_base_path() {
        let dir = site();
        let root = dir.0.as_path();
        let url = |u: &str| below_base("/reader/", u).map_or(Resolved::NotFound, |p| resolve(root, &p));
        assert_eq!(url("/reader/article/b"), Resolved::File(root.join(SHELL_PAGE)));
        assert_eq!(url("/reader"), Resolved::File(root.join("index.html")));
        assert_eq!(url("/reader/data/articles/a.json"), Resolved::File(root.join("data/articles/a.json")));
        assert_eq!(url("/article/a"), Resolved::NotFound);
    }

    #[test]
    fn refuses_to_leave_the_root() {
        let dir = site();
        assert_eq!(resolve(&dir.0, "/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&dir.0, "/data/%2e%2e/%2e%2e/x"), Resolved::Forbidden);
        assert_eq!(resolve(&dir.0, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&dir.0, "/a%00.json"), Resolved::BadRequest);
        assert_eq!(resolve(&dir.0, "/%ff"), Resolved::BadRequest, "not UTF-8");
    }

    #[test]
    fn follows_symlinks_only_within_the_root() {
        let dir = site();
        let root = dir.0.as_path();
        let outside = tempdir::Dir::new();
        std::fs::write(outside.0.join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.0.join("secret.txt"), root.join("secret.txt")).unwrap();
        std::os::unix::fs::symlink(&outside.0, root.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.join("data/articles/a.json"), root.join("alias.json")).unwrap();
        assert_eq!(resolve(root, "/secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(root, "/elsewhere/secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(root, "/elsewhere"), Resolved::Forbidden);
        assert_eq!(resolve(root, "/elsewhere/missing"), Resolved::Forbidden, "what exists out there cannot be probed");
        assert_eq!(resolve(root, "/article/missing"), Resolved::File(root.join(SHELL_PAGE)));
        assert_eq!(resolve(root, "/alias.json"), Resolved::File(root.join("data/articles/a.json")));
    }

    #[test]
    fn only_hashed_root_assets_are_immutable() {
        let root = Path::new("/srv");
        assert_eq!(cache_control(root, Path::new("/srv/yuedu-web-0123456789abcdef.js")), "public, max-age=31536000, immutable");
        // Regression: the main wasm (trunk's `_bg`) was revalidated on every visit.
        assert_eq!(cache_control(root, Path::new("/srv/yuedu-web-0123456789abcdef_bg.wasm")), "public, max-age=31536000, immutable");
        assert_eq!(
            cache_control(root, Path::new("/srv/yuedu-web-123456789abcdef_bg.wasm")),
            "public, max-age=31536000, immutable",
            "15 digits"
        );
        assert_eq!(cache_control(root, Path::new("/srv/split_pages-361a376ac998888c.wasm")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(root, Path::new("/srv/icons/icon-0123456789abcdef.png")), "no-cache", "only top-level build outputs");
        assert_eq!(cache_control(root, Path::new("/srv/index.html")), "no-cache");
        assert_eq!(cache_control(root, Path::new("/srv/sw.js")), "no-cache");
        assert_eq!(cache_control(root, Path::new("/srv/data/feed.json")), "no-cache");
    }

    #[tokio::test]
    async fn every_response_carries_the_security_headers() {
        let dir = site();
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], u16);
        let cases: [Case; 8] = [
            ("GET", "/", &[], 200),
            ("GET", "/data/articles/a.json", &[("range", "bytes=0-0")], 206),
            ("GET", "/data/missing.json", &[], 404),
            ("GET", "/%2e%2e/x", &[], 403),
            ("GET", "/%zz", &[], 400),
            ("POST", "/", &[], 405),
            ("GET", "/", &[("content-length", "100")], 413),
            ("GET", "/data/articles/a.json", &[("range", "bytes=50-60")], 416),
        ];
        for (method, url, headers, status) in cases {
            let response = get(&dir.0, "/", method, url, headers).await;
            assert_eq!(response.status().as_u16(), status, "{method} {url}");
            for name in SECURITY_HEADERS {
                assert!(response.headers().contains_key(&name), "{method} {url} {status}: no {name}");
            }
            assert!(header(&response, "content-security-policy").contains("object-src 'none'"));
            assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        }
        assert_eq!(header(&get(&dir.0, "/", "DELETE", "/", &[]).await, "allow"), "GET, HEAD");
    }

    #[tokio::test]
    async fn pages_get_the_hashes_of_their_own_inline_scripts() {
        let dir = site();
        let shell = crate::csp::policy(Some("<script type=module>start()</script>"));
        let page = crate::csp::policy(Some("<script type=module>paint();start()</script>"));
        assert_eq!(header(&get(&dir.0, "/", "GET", "/tag/x", &[]).await, "content-security-policy"), shell);
        assert_eq!(header(&get(&dir.0, "/", "GET", "/article/a", &[]).await, "content-security-policy"), page);
        assert_eq!(
            header(&get(&dir.0, "/", "GET", "/data/articles/a.json", &[]).await, "content-security-policy"),
            crate::csp::policy(None)
        );
        // A rebuilt page gets its new policy (the cache is keyed by size and mtime).
        std::fs::write(dir.0.join("article/a/index.html"), "<html><script type=module>other()</script>").unwrap();
        let rebuilt = crate::csp::policy(Some("<script type=module>other()</script>"));
        let site = Arc::new(Site::new(&dir.0, "/").unwrap());
        assert_eq!(site.policies.get(&dir.0.join("article/a/index.html")).unwrap(), rebuilt.as_str());
    }

    #[tokio::test]
    async fn sends_precompressed_siblings_whatever_their_mtime() {
        let dir = site();
        let js = dir.0.join("app.js");
        std::fs::write(&js, "plain").unwrap();
        std::fs::write(dir.0.join("app.js.br"), "brotli").unwrap();
        std::fs::write(dir.0.join("app.js.gz"), "gzip").unwrap();
        // As after `cp -r` or a git checkout: the original is newer than its siblings.
        let old = std::fs::FileTimes::new().set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000));
        for sibling in ["app.js.br", "app.js.gz"] {
            std::fs::File::options().write(true).open(dir.0.join(sibling)).unwrap().set_times(old).unwrap();
        }
        for (accept, body, encoding) in [
            ("gzip, deflate, br, zstd", "brotli", "br"),
            ("gzip", "gzip", "gzip"),
            ("br;q=0, gzip;q=0.5", "gzip", "gzip"),
            ("", "plain", ""),
        ] {
            let response = get(&dir.0, "/", "GET", "/app.js", &[("accept-encoding", accept)]).await;
            assert_eq!(header(&response, "content-encoding"), encoding, "{accept}");
            assert_eq!(header(&response, "content-type"), "text/javascript; charset=utf-8");
            assert_eq!(header(&response, "vary"), "accept-encoding");
            assert_eq!(text(response).await, body, "{accept}");
        }
    }

    #[tokio::test]
    async fn revalidates_with_etag_and_last_modified_and_serves_ranges() {
        let dir = site();
        let first = get(&dir.0, "/", "GET", "/data/articles/a.json", &[]).await;
        assert_eq!(first.status(), 200);
        assert_eq!(header(&first, "cache-control"), "no-cache");
        assert_eq!(header(&first, "content-type"), "application/json; charset=utf-8");
        let etag = header(&first, "etag").to_owned();
        let modified = header(&first, "last-modified").to_owned();
        assert!(etag.starts_with('"'), "{etag}");
        let again = get(&dir.0, "/", "GET", "/data/articles/a.json", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), 304);
        assert_eq!(text(again).await, "");
        assert_eq!(get(&dir.0, "/", "GET", "/data/articles/a.json", &[("if-modified-since", &modified)]).await.status(), 304);
        assert_eq!(get(&dir.0, "/", "GET", "/data/articles/a.json", &[("if-none-match", "\"other\"")]).await.status(), 200);
        std::fs::write(dir.0.join("big.txt"), "0123456789").unwrap();
        let part = get(&dir.0, "/", "GET", "/big.txt", &[("range", "bytes=2-4")]).await;
        assert_eq!(part.status(), 206);
        assert_eq!(header(&part, "content-range"), "bytes 2-4/10");
        assert_eq!(text(part).await, "234");
        let head = get(&dir.0, "/", "HEAD", "/big.txt", &[]).await;
        assert_eq!((head.status().as_u16(), header(&head, "content-length").to_owned()), (200, "10".to_owned()));
        assert_eq!(text(head).await, "");
    }

    #[tokio::test]
    async fn serves_the_app_under_its_base_path() {
        let dir = site();
        let page = get(&dir.0, "/reader/", "GET", "/reader/article/a", &[]).await;
        assert_eq!((page.status().as_u16(), header(&page, "content-type")), (200, "text/html; charset=utf-8"));
        assert!(text(page).await.contains("paint()"));
        assert_eq!(get(&dir.0, "/reader/", "GET", "/article/a", &[]).await.status(), 404);
    }

    #[tokio::test]
    async fn refuses_a_precompressed_sibling_that_leads_out_of_the_root() {
        let dir = site();
        let outside = tempdir::Dir::new();
        std::fs::write(outside.0.join("secret"), "secret").unwrap();
        std::fs::write(dir.0.join("app.js"), "plain").unwrap();
        std::os::unix::fs::symlink(outside.0.join("secret"), dir.0.join("app.js.br")).unwrap();
        let response = get(&dir.0, "/", "GET", "/app.js", &[("accept-encoding", "br")]).await;
        assert_eq!(response.status(), 403);
        assert!(!text(response).await.contains("secret"));
    }
}
