//! The connection side of `yuedu serve`, on hyper and tokio: what a client may hold and for how
//! long. A request head must arrive within [`HEADER_READ_TIMEOUT`] and fit in
//! [`MAX_HEADER_SIZE`] (hyper answers 431 and closes), so a slowloris client or a header line
//! without end holds one small buffer for a bounded time; a response that the client stops
//! reading is dropped after [`WRITE_TIMEOUT`] without progress, and files are streamed in
//! chunks, so a non-reading client holds a socket briefly and one chunk of memory. Accept errors
//! such as EMFILE back off instead of spinning. Connections are tasks, not threads, and the
//! file system calls run on the workers (`crate::serve`), so the server starts every thread it
//! needs at once and an OS that refuses threads later (`ulimit -u`) cannot stop it: nothing
//! here ends the server but SIGTERM or Ctrl-C, after which the requests in flight finish (up
//! to [`SHUTDOWN_GRACE`]). Every request is logged on one sanitised line.
//!
//! Requests hyper cannot parse (a malformed request line or header, a head over the limit)
//! are answered by hyper itself — 400, 414 or 431 with an empty body — before any service sees
//! them, so those few carry no security headers: there is nothing in them to render or sniff.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::http::{Request, Response};
use hyper::body::{Body, Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio_io_timeout::TimeoutStream;
use tower::{Service, ServiceExt};

/// How long a client has to send a request head once the server waits for one: it bounds a
/// slowloris client and an idle keep-alive connection alike.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);
/// A response write that makes no progress for this long (the client stopped reading) ends
/// the connection.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request head (request line and headers); a browser's is 1–2 KB.
pub const MAX_HEADER_SIZE: usize = 32 * 1024;
/// After SIGTERM or Ctrl-C, how long the responses in flight may take to finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// The wait after a failed accept (EMFILE and the like), doubling up to the second value.
const ACCEPT_BACKOFF: (Duration, Duration) = (Duration::from_millis(10), Duration::from_secs(1));
/// The longest request target written to the log.
const MAX_LOGGED: usize = 512;

/// Serves `service` on `listener` until SIGTERM or Ctrl-C, then lets the requests in flight
/// finish. Returns an error only if the server cannot start.
pub fn serve<S, B>(listener: std::net::TcpListener, service: S) -> Result<(), String>
where
    S: Service<Request<Incoming>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("cannot start the server's threads: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let result = runtime.block_on(async move {
        let listener = TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        accept(listener, service).await;
        Ok(())
    });
    // Tasks still running after the grace period must not keep the process from exiting.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn accept<S, B>(listener: TcpListener, service: S)
where
    S: Service<Request<Incoming>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_header_size(MAX_HEADER_SIZE)
        .max_buf_size(2 * MAX_HEADER_SIZE);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    let mut backoff = ACCEPT_BACKOFF.0;
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(connection) => connection,
            // That one connection failed (the client gave up first): the next may not.
            Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset) => continue,
            // Out of file descriptors, memory or buffers: retrying at once would spin; the
            // waiting connections stay queued in the listen backlog meanwhile.
            Err(e) => {
                log(&format!("yuedu: cannot accept a connection ({e}); retrying in {backoff:?}"));
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    () = &mut shutdown => break,
                }
                backoff = (backoff * 2).min(ACCEPT_BACKOFF.1);
                continue;
            }
        };
        backoff = ACCEPT_BACKOFF.0;
        let _ = stream.set_nodelay(true);
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let connection = http.serve_connection(TokioIo::new(Box::pin(stream)), logged(service.clone(), peer));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                if let Some(why) = worth_logging(&e) {
                    log(&format!("{peer} connection closed: {why}"));
                }
            }
        });
    }
    drop(listener); // refuse new connections from now on
    let open = graceful.count();
    if open > 0 {
        log(&format!("yuedu: shutting down; waiting for {open} open connection(s)"));
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => log("yuedu: responses still in flight after the grace period were cut off"),
    }
}

/// `service` as a hyper service for one connection from `peer`, logging each request.
fn logged<S, B>(
    service: S,
    peer: SocketAddr,
) -> impl hyper::service::Service<Request<Incoming>, Response = Response<B>, Error = Infallible, Future: Send>
where
    S: Service<Request<Incoming>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Body + Send + 'static,
{
    hyper::service::service_fn(move |request: Request<Incoming>| {
        let line = format!("{peer} {} {}", sanitize(request.method().as_str()), sanitize(&request.uri().to_string()));
        let service = service.clone();
        async move {
            let started = Instant::now();
            let response = service.oneshot(request).await?;
            log(&format!("{line} {} {:.1}ms", response.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0));
            Ok(response)
        }
    })
}

/// Why a connection ended, if it is worth a log line: a request hyper refused or a client
/// that stopped reading; not the everyday ends (closed, idle timeout, reset).
fn worth_logging(e: &hyper::Error) -> Option<String> {
    if e.is_parse() || e.is_parse_too_large() || e.is_parse_status() {
        return Some(format!("request refused: {e}"));
    }
    let io = std::error::Error::source(e).and_then(|s| s.downcast_ref::<io::Error>());
    io.is_some_and(|io| io.kind() == io::ErrorKind::TimedOut).then(|| format!("the client stopped reading for {WRITE_TIMEOUT:?}"))
}

/// One line to stderr in one write (unbuffered stderr would otherwise split it).
fn log(line: &str) {
    let _ = io::stderr().lock().write_all(format!("{line}\n").as_bytes());
}

/// `text` safe to write to a terminal or log: printable ASCII as is, every other byte (control
/// characters such as ESC, DEL, non-ASCII) and the backslash as `\xNN`; at most
/// [`MAX_LOGGED`] bytes of it, then `…`.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_LOGGED));
    for &b in text.as_bytes().iter().take(MAX_LOGGED) {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    if text.len() > MAX_LOGGED {
        out.push('…');
    }
    out
}

/// Resolves on SIGTERM (how service managers and the tests stop the server) or Ctrl-C.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_writes_no_control_characters() {
        assert_eq!(sanitize("/article/a?x=1"), "/article/a?x=1");
        assert_eq!(sanitize("/\u{1b}[31mred\u{7}"), "/\\x1b[31mred\\x07");
        assert_eq!(sanitize("/a\\x1b"), "/a\\x5cx1b", "a literal backslash cannot fake an escape");
        assert_eq!(sanitize("/标签"), "/\\xe6\\xa0\\x87\\xe7\\xad\\xbe");
        assert_eq!(sanitize("\r\n"), "\\x0d\\x0a");
        let long = sanitize(&"a".repeat(2000));
        assert!(long.len() <= MAX_LOGGED + '…'.len_utf8() && long.ends_with('…'));
    }
}
