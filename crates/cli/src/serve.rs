//! `yuedu serve`: a small static file server for the built app, with the single-page-app
//! fallback that deep links need (what nginx's `try_files $uri /index.html` does).

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use tiny_http::{Header, Request, Response, Server};

/// Serves `dir` on `host:port` until the process is killed.
pub fn run(dir: &Path, host: &str, port: u16, base: &str) -> Result<(), String> {
    let root = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    if !root.join("index.html").is_file() {
        return Err(format!("{}: no index.html (build the app first: trunk build --release)", root.display()));
    }
    let server = (Server::http((host, port)).map_err(|e| format!("cannot listen on {host}:{port}: {e}")))?;
    let base: Arc<str> = format!("/{}/", base.trim_matches('/')).replace("//", "/").into();
    eprintln!("yuedu: serving {} at http://{host}:{port}{base}", root.display());
    let root = Arc::new(root);
    // A thread per request: a browser that stops reading one response (an unused preload, a
    // closed tab) must never hold up the others, which a fixed pool of workers allowed.
    for request in server.incoming_requests() {
        let (root, base) = (Arc::clone(&root), Arc::clone(&base));
        std::thread::spawn(move || {
            let (method, url) = (request.method().to_string(), request.url().to_owned());
            let status = respond(&root, &base, request);
            eprintln!("{method} {url} {status}");
        });
    }
    Ok(())
}

fn respond(root: &Path, base: &str, request: Request) -> u16 {
    let outcome = below_base(base, request.url()).map_or(Resolved::NotFound, |path| resolve(root, &path));
    let (status, path) = match outcome {
        Resolved::File(path) => (200, Some(path)),
        Resolved::AppShell => (200, Some(root.join("index.html"))),
        Resolved::NotFound => (404, None),
        Resolved::Forbidden => (403, None),
    };
    let head_only = request.method() == &tiny_http::Method::Head;
    let result = match path.and_then(|p| fs::read(&p).ok().map(|b| (p, b))) {
        Some((path, bytes)) => {
            let mut response = Response::from_data(if head_only { Vec::new() } else { bytes }).with_status_code(status);
            response.add_header(header("Content-Type", content_type(&path)));
            response.add_header(header("Cache-Control", cache_control(root, &path)));
            response.add_header(header("X-Content-Type-Options", "nosniff"));
            request.respond(response)
        }
        None => {
            let status = if status == 200 { 404 } else { status };
            let body = if status == 403 { "forbidden\n" } else { "not found\n" };
            let mut response = Response::from_string(body).with_status_code(status);
            response.add_header(header("Content-Type", "text/plain; charset=utf-8"));
            response.add_header(header("Cache-Control", "no-store"));
            return request.respond(response).map_or(status, |()| status);
        }
    };
    result.map_or(status, |()| status)
}

/// The part of `url` below the app's `base` path (`/reader/article/a` → `/article/a`); `None`
/// for URLs outside it, which do not belong to the app.
fn below_base(base: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(base).or_else(|| (url == base.trim_end_matches('/')).then_some(""))?;
    Some(format!("/{rest}"))
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// No such file, but the path looks like an app route: serve index.html.
    AppShell,
    NotFound,
    Forbidden,
}

/// Maps a request URL to a file under `root`.
fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(decoded) = yuedu_core::route::percent_decode(path) else { return Resolved::NotFound };
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Resolved::Forbidden;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        return Resolved::File(candidate);
    }
    if candidate.is_dir() && candidate.join("index.html").is_file() {
        return Resolved::File(candidate.join("index.html"));
    }
    // Routes have no file extension; a missing asset or data file is a real 404.
    let last = decoded.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        Resolved::NotFound
    } else {
        Resolved::AppShell
    }
}

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

/// trunk names build outputs `name-<hash>.ext`: those never change and can be cached forever.
/// Everything else (index.html, data) must be revalidated so a new deploy is seen.
fn cache_control(root: &Path, path: &Path) -> &'static str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let hashed = stem.rsplit_once('-').is_some_and(|(_, h)| h.len() >= 16 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed && path.parent() == Some(root) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names and values are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempdir::Dir {
        let dir = tempdir::Dir::new();
        fs::write(dir.0.join("index.html"), "<html>").unwrap();
        fs::create_dir_all(dir.0.join("data/articles")).unwrap();
        fs::write(dir.0.join("data/articles/a.json"), "{}").unwrap();
        dir
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
                let p = std::env::temp_dir().join(format!("yuedu-serve-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn routes_fall_back_to_the_app_shell_but_missing_files_are_404() {
        let dir = site();
        let root = dir.0.as_path();
        assert_eq!(resolve(root, "/data/articles/a.json"), Resolved::File(root.join("data/articles/a.json")));
        assert_eq!(resolve(root, "/article/a?x=1"), Resolved::AppShell);
        assert_eq!(resolve(root, "/tag/%E5%8D%8F%E5%90%8C%E6%8C%AF%E5%85%B4"), Resolved::AppShell);
        assert_eq!(resolve(root, "/data/articles/missing.json"), Resolved::NotFound);
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")));
    }

    #[test]
    fn serves_only_below_the_base_path() {
        let dir = site();
        let root = dir.0.as_path();
        let url = |u: &str| below_base("/reader/", u).map_or(Resolved::NotFound, |p| resolve(root, &p));
        assert_eq!(url("/reader/article/a"), Resolved::AppShell);
        assert_eq!(url("/reader"), Resolved::File(root.join("index.html")));
        assert_eq!(url("/reader/data/articles/a.json"), Resolved::File(root.join("data/articles/a.json")));
        assert_eq!(url("/article/a"), Resolved::NotFound);
    }

    #[test]
    fn refuses_to_leave_the_root() {
        let dir = site();
        assert_eq!(resolve(&dir.0, "/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&dir.0, "/data/%2e%2e/%2e%2e/x"), Resolved::Forbidden);
        assert_eq!(resolve(&dir.0, "/%zz"), Resolved::NotFound);
    }

    #[test]
    fn only_hashed_root_assets_are_immutable() {
        let root = Path::new("/srv");
        assert_eq!(cache_control(root, Path::new("/srv/yuedu-web-0123456789abcdef.wasm")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(root, Path::new("/srv/index.html")), "no-cache");
        assert_eq!(cache_control(root, Path::new("/srv/data/feed.json")), "no-cache");
    }
}
