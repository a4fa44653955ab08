//! `yuedu serve`: a small static file server for the built app, with the single-page-app
//! fallback that deep links need (what nginx's `try_files $uri /index.html` does).

use std::fs;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::http::{plain, Request, Response};

/// Serves `dir` on `host:port` until the process is killed.
pub fn run(dir: &Path, host: &str, port: u16, base: &str) -> Result<(), String> {
    let root = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    if !root.join("index.html").is_file() {
        return Err(format!("{}: no index.html (build the app first: trunk build --release)", root.display()));
    }
    let listener = TcpListener::bind((host, port)).map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
    let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
    eprintln!("yuedu: serving {} at http://{host}:{port}{base}", root.display());
    crate::http::serve(
        listener,
        Arc::new(move |request: &Request| {
            let response = respond(&root, &base, request);
            eprintln!("{} {} {}", request.method, request.target, response.status);
            response
        }),
    );
    Ok(())
}

fn respond(root: &Path, base: &str, request: &Request) -> Response {
    let outcome = below_base(base, &request.target).map_or(Resolved::NotFound, |path| resolve(root, &path));
    let path = match outcome {
        Resolved::File(path) => path,
        Resolved::AppShell => root.join("index.html"),
        Resolved::NotFound => return plain(404, "not found\n"),
        Resolved::Forbidden => return plain(403, "forbidden\n"),
    };
    let (file, encoding) = precompressed(&path, request.header("accept-encoding").unwrap_or(""));
    match fs::read(&file) {
        Ok(body) => {
            // Pages get hashes for their inline scripts, read from the uncompressed file.
            let html = content_type(&path).starts_with("text/html").then(|| fs::read_to_string(&path).unwrap_or_default());
            let mut headers = vec![
                ("Content-Type", content_type(&path).into()),
                ("Cache-Control", cache_control(root, &path).into()),
                ("X-Content-Type-Options", "nosniff".into()),
                ("Content-Security-Policy", crate::csp::policy(html.as_deref())),
                ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
            ];
            if compressible(&path) {
                headers.push(("Vary", "Accept-Encoding".into()));
            }
            if let Some(encoding) = encoding {
                headers.push(("Content-Encoding", encoding.into()));
            }
            Response { status: 200, headers, body }
        }
        Err(_) => plain(404, "not found\n"),
    }
}

/// Whether the build writes `.br`/`.gz` siblings for this kind of file (scripts/precompress.mjs).
fn compressible(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "js" | "mjs" | "wasm" | "css" | "json" | "svg" | "webmanifest"))
}

/// The precompressed sibling to send (`x.wasm.br`, else `x.wasm.gz`) when the client accepts
/// that encoding and the sibling is at least as new as the file (a file changed after the
/// build is never shadowed by its stale compressed copy); else the file itself.
fn precompressed(path: &Path, accept: &str) -> (PathBuf, Option<&'static str>) {
    let accepts = |coding: &str| {
        accept.split(',').any(|part| {
            let mut it = part.split(';');
            let name = it.next().unwrap_or("").trim();
            let q_zero = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case(coding) && !q_zero
        })
    };
    if compressible(path) {
        let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
            let mut sibling = path.as_os_str().to_owned();
            sibling.push(format!(".{ext}"));
            let sibling = PathBuf::from(sibling);
            if accepts(coding) && modified(&sibling).is_some_and(|s| modified(path).is_some_and(|f| s >= f)) {
                return (sibling, Some(coding));
            }
        }
    }
    (path.to_owned(), None)
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
    fn sends_a_fresh_precompressed_sibling_the_client_accepts() {
        let dir = site();
        let root = dir.0.as_path();
        let js = root.join("app.js");
        fs::write(&js, "x").unwrap();
        assert_eq!(precompressed(&js, "gzip, br"), (js.clone(), None), "no siblings yet");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(root.join("app.js.br"), "b").unwrap();
        fs::write(root.join("app.js.gz"), "g").unwrap();
        assert_eq!(precompressed(&js, "gzip, deflate, br, zstd"), (root.join("app.js.br"), Some("br")));
        assert_eq!(precompressed(&js, "gzip"), (root.join("app.js.gz"), Some("gzip")));
        assert_eq!(precompressed(&js, "br;q=0, gzip;q=0.5"), (root.join("app.js.gz"), Some("gzip")));
        assert_eq!(precompressed(&js, ""), (js.clone(), None));
        // Changed after the build: the stale siblings are not used.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&js, "changed").unwrap();
        assert_eq!(precompressed(&js, "br, gzip"), (js.clone(), None));
        let png = root.join("i.png");
        fs::write(&png, "p").unwrap();
        fs::write(root.join("i.png.br"), "p").unwrap();
        assert_eq!(precompressed(&png, "br"), (png.clone(), None), "images are already compressed");
    }

    #[test]
    fn only_hashed_root_assets_are_immutable() {
        let root = Path::new("/srv");
        assert_eq!(cache_control(root, Path::new("/srv/yuedu-web-0123456789abcdef.wasm")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(root, Path::new("/srv/index.html")), "no-cache");
        assert_eq!(cache_control(root, Path::new("/srv/data/feed.json")), "no-cache");
    }
}
