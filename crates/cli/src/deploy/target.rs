//! Where a deploy goes: an S3-compatible bucket (`s3://bucket/prefix`) or a directory, both as
//! an `object_store` store, so the rest of the deploy is one code path.

use std::path::Path as FsPath;
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{BackoffConfig, ObjectStore, RetryConfig};

/// An opened destination.
#[derive(Debug)]
pub struct Target {
    pub store: Arc<dyn ObjectStore>,
    /// The prefix every key goes under (empty for a bucket's root and for a directory).
    root: Path,
    /// Whether objects keep Content-Type and the other headers (S3 does; a directory's web
    /// server decides them itself).
    pub stores_headers: bool,
    /// How the destination is named in messages.
    pub label: String,
}

/// S3 connection settings the command line may give; everything else comes from the usual
/// `AWS_*` environment variables.
pub struct S3Settings<'a> {
    pub endpoint: Option<&'a str>,
    pub region: Option<&'a str>,
    pub retries: usize,
}

impl Target {
    /// Opens `to`: `s3://bucket[/prefix]`, or a directory path (created if missing and
    /// `create`; else a missing directory is an empty destination, for a dry run).
    pub fn open(to: &str, s3: &S3Settings, create: bool) -> Result<Target, String> {
        if let Some(rest) = to.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(format!("{to}: no bucket (expected s3://bucket/prefix)"));
            }
            let root = Path::parse(prefix).map_err(|e| format!("{to}: {e}"))?;
            // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
            // AWS_ENDPOINT_URL … as every S3 tool reads them; flags override.
            let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket).with_retry(retry_config(s3.retries));
            if let Some(endpoint) = s3.endpoint {
                builder = builder.with_endpoint(endpoint);
            }
            if let Some(region) = s3.region {
                builder = builder.with_region(region);
            }
            // A local or private S3-compatible server is often plain HTTP; the endpoint is the
            // user's explicit choice, so allow it when it says so.
            let endpoint = s3.endpoint.map(str::to_owned).or_else(|| std::env::var("AWS_ENDPOINT_URL").ok());
            if endpoint.as_deref().is_some_and(|e| e.starts_with("http://")) {
                builder = builder.with_allow_http(true);
            }
            let store = builder.build().map_err(|e| format!("{to}: {e}"))?;
            Ok(Target { store: Arc::new(store), root, stores_headers: true, label: to.trim_end_matches('/').to_string() })
        } else {
            if to.contains("://") {
                return Err(format!("{to}: only s3:// URLs and directories are supported"));
            }
            let dir = FsPath::new(to);
            let label = to.to_string();
            if !create && !dir.exists() {
                return Ok(Target { store: Arc::new(InMemory::new()), root: Path::ROOT, stores_headers: false, label });
            }
            std::fs::create_dir_all(dir).map_err(|e| format!("{to}: {e}"))?;
            // Every write goes to a temporary file beside its target and is renamed over it
            // (atomic per file); deleting the last file of a directory removes the directory.
            let store = LocalFileSystem::new_with_prefix(dir).map_err(|e| format!("{to}: {e}"))?.with_automatic_cleanup(true);
            Ok(Target { store: Arc::new(store), root: Path::ROOT, stores_headers: false, label })
        }
    }

    /// The object path of `key` (a `/`-separated path in the site).
    pub fn path(&self, key: &str) -> Result<Path, String> {
        let full = if self.root.as_ref().is_empty() { key.to_string() } else { format!("{}/{key}", self.root) };
        Path::parse(&full).map_err(|e| format!("{key}: cannot be an object name: {e}"))
    }
}

/// object_store's retries (idempotent requests on connection errors, 5xx and throttling),
/// exponential backoff from 100 ms to 10 s.
fn retry_config(retries: usize) -> RetryConfig {
    RetryConfig {
        backoff: BackoffConfig { init_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(10), base: 2.0 },
        max_retries: retries,
        retry_timeout: Duration::from_secs(120),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3() -> S3Settings<'static> {
        S3Settings { endpoint: Some("http://127.0.0.1:1"), region: Some("us-east-1"), retries: 0 }
    }

    #[test]
    fn keys_go_below_the_prefix() {
        let t = Target::open("s3://bucket/site/v1", &s3(), true).unwrap();
        assert_eq!(t.path("data/feed.json").unwrap().as_ref(), "site/v1/data/feed.json");
        assert_eq!(t.label, "s3://bucket/site/v1");
        let t = Target::open("s3://bucket", &s3(), true).unwrap();
        assert_eq!(t.path("tag/协同振兴/index.html").unwrap().as_ref(), "tag/协同振兴/index.html");
        assert!(t.path("bad/\u{7}/x").is_err());
    }

    #[test]
    fn refuses_what_it_cannot_open() {
        assert!(Target::open("s3:///x", &s3(), true).unwrap_err().contains("no bucket"));
        assert!(Target::open("gs://bucket/x", &s3(), true).unwrap_err().contains("only s3://"));
    }
}
