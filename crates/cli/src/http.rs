//! A minimal HTTP/1.1 server for `yuedu serve`: one thread per connection, keep-alive, GET and
//! HEAD only, no request bodies. Written for this tool rather than taken from a crate because
//! the one used before (tiny_http 0.12) queues a new connection behind busy keep-alive
//! connections in its thread pool, and a browser then waits forever for a file.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// How long an idle keep-alive connection stays open.
const IDLE: Duration = Duration::from_secs(15);
/// The largest request head (request line and headers) accepted.
const MAX_HEAD: usize = 32 * 1024;

/// A request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/data/feed.json?x=1`).
    pub target: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of header `name` (lower-case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// Accepts connections on `listener` forever, answering each request with `handler`.
pub fn serve(listener: TcpListener, handler: Arc<dyn Fn(&Request) -> Response + Send + Sync>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || {
            let _ = connection(stream, handler.as_ref());
        });
    }
}

fn connection(stream: TcpStream, handler: &(dyn Fn(&Request) -> Response + Send + Sync)) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let Some(head) = read_head(&mut reader)? else { return Ok(()) };
        let Some((request, keep_alive)) = parse(&head) else {
            write(&mut writer, &plain(400, "bad request\n"), false, false)?;
            return Ok(());
        };
        let response = if matches!(request.method.as_str(), "GET" | "HEAD") {
            handler(&request)
        } else {
            let mut r = plain(405, "method not allowed\n");
            r.headers.push(("Allow", "GET, HEAD".into()));
            r
        };
        write(&mut writer, &response, request.method == "HEAD", keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// A small text response.
pub fn plain(status: u16, text: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".into()), ("Cache-Control", "no-store".into())],
        body: text.as_bytes().to_vec(),
    }
}

/// Reads up to the blank line ending a request head; `None` when the client closed (or idled
/// out) between requests.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = match reader.read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) if head.is_empty() && matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(None);
        }
        if head.is_empty() && (line == b"\r\n" || line == b"\n") {
            continue; // stray blank lines between requests are allowed
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "request head too large"));
        }
        if line == b"\r\n" || line == b"\n" {
            return Ok(Some(String::from_utf8_lossy(&head).into_owned()));
        }
    }
}

/// Parses a request head; also says whether the connection stays open after the response.
fn parse(head: &str) -> Option<(Request, bool)> {
    let mut lines = head.lines();
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return None;
    }
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned())))
        .collect();
    let connection = headers.iter().find(|(n, _)| n == "connection").map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
    let keep_alive = if version == "HTTP/1.0" { connection.contains("keep-alive") } else { !connection.contains("close") };
    // A request with a body is not something this server reads; close after answering.
    let has_body = headers.iter().any(|(n, v)| (n == "content-length" && v != "0") || n == "transfer-encoding");
    Some((Request { method: method.to_owned(), target: target.to_owned(), headers }, keep_alive && !has_body))
}

fn write(w: &mut impl Write, r: &Response, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (name, value) in &r.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", r.body.len()));
    out.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    w.write_all(out.as_bytes())?;
    if !head_only {
        w.write_all(&r.body)?;
    }
    w.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_heads_and_keep_alive() {
        let (r, keep) = parse("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip\r\n\r\n").unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str(), keep), ("GET", "/a?b=1", true));
        assert_eq!(r.header("accept-encoding"), Some("br, gzip"));
        assert!(!parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap().1);
        assert!(!parse("GET / HTTP/1.0\r\n\r\n").unwrap().1);
        assert!(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap().1);
        assert!(!parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").unwrap().1);
        for bad in ["GET\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET / SPDY\r\n\r\n", "GET / HTTP/1.1 x\r\n\r\n"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn serves_many_keep_alive_connections_at_once() {
        use std::io::Read;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || serve(listener, Arc::new(|r: &Request| plain(200, &r.target))));
        // More idle keep-alive connections than any pool size: each must still be answered.
        let mut idle: Vec<TcpStream> = (0..12).map(|_| TcpStream::connect(addr).unwrap()).collect();
        for (i, s) in idle.iter_mut().enumerate().rev() {
            write!(s, "GET /{i} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let (mut got, want) = (Vec::new(), format!("\r\n\r\n/{i}"));
            while !got.ends_with(want.as_bytes()) {
                let mut buf = [0u8; 512];
                let n = s.read(&mut buf).unwrap();
                assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&got));
                got.extend_from_slice(&buf[..n]);
            }
            assert!(got.starts_with(b"HTTP/1.1 200 OK\r\n"));
        }
    }
}
