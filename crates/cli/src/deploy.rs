//! `yuedu deploy DIR --to s3://bucket/prefix | DIR`: publishes a built site (`dist/`, or any
//! tree) to S3-compatible object storage or to a directory, uploading only what changed.
//!
//! What changed is decided by content hash against a manifest kept at the destination
//! ([`manifest`]), so a deploy never lists the bucket. Uploads go in phases ([`rules::Phase`]):
//! assets, then data, then pages, then the shell `shell.html`, then `sw.js`; stale objects are deleted
//! after the last phase, so a reader never gets a page that points at something missing. A
//! failure stops the deploy before the next phase and before any delete, and the command exits
//! non-zero; the next deploy finishes the job.

mod manifest;
mod plan;
pub(crate) mod rules;
mod target;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use futures::{StreamExt, TryStreamExt};
use object_store::path::Path;
use object_store::{Attribute, Attributes, ObjectStoreExt, PutOptions, PutPayload};

use manifest::Manifest;
use plan::{LocalFile, Plan};
use rules::Phase;
use target::{S3Settings, Target};

/// `yuedu deploy`'s command line.
#[derive(clap::Args)]
pub struct Args {
    /// The built site to publish (e.g. dist/).
    dir: PathBuf,
    /// Where to: `s3://bucket/prefix` (any S3-compatible store; credentials, region and
    /// endpoint from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
    /// AWS_ENDPOINT_URL) or a directory (each file written to a temporary name and renamed).
    #[arg(long)]
    to: String,
    /// The S3 endpoint, for stores other than AWS (e.g. http://127.0.0.1:9000).
    #[arg(long)]
    endpoint: Option<String>,
    /// The S3 region (default: AWS_REGION, else us-east-1).
    #[arg(long)]
    region: Option<String>,
    /// List what would be uploaded and deleted, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Uploads in flight at once.
    #[arg(long, default_value_t = 32)]
    jobs: usize,
    /// Retries of a request that failed for a transient reason (connection, 5xx, throttling),
    /// with exponential backoff from 100 ms.
    #[arg(long, default_value_t = 10)]
    retries: usize,
    /// Hash every file, even those whose size and modification time match the last deploy.
    #[arg(long)]
    checksum: bool,
    /// Keep content-hashed assets (wasm, JS, CSS, wasm chunks) the site no longer has for this
    /// many days: a page opened before the deploy still loads its own chunks. 0 deletes them
    /// with the rest.
    #[arg(long, default_value_t = 7.0, value_name = "DAYS")]
    keep_old_assets: f64,
    /// Print every upload and delete as it completes.
    #[arg(short, long)]
    verbose: bool,
}

/// Runs a deploy; returns its summary line.
pub fn run(args: &Args) -> Result<String, String> {
    let started = Instant::now();
    if !args.dir.is_dir() {
        return Err(format!("{}: not a directory", args.dir.display()));
    }
    if !args.to.starts_with("s3://") {
        refuse_overlap(&args.dir, FsPath::new(&args.to))?;
    }
    let s3 = S3Settings { endpoint: args.endpoint.as_deref(), region: args.region.as_deref(), retries: args.retries };
    let target = Target::open(&args.to, &s3, !args.dry_run)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("starting the runtime: {e}"))?;
    runtime.block_on(deploy(args, &target, started))
}

async fn deploy(args: &Args, target: &Target, started: Instant) -> Result<String, String> {
    let step = Step(args.verbose);
    let at = Instant::now();
    let (mut manifest, pending) = futures::try_join!(read_manifest(target), read_pending(target))?;
    step.done(at, || format!("read the manifest: {} files, {} pending", manifest.files.len(), pending.len()));
    let at = Instant::now();
    // Reading and hashing a million files is the slow part: rayon, off the runtime.
    let (files, read) = tokio::task::block_in_place(|| plan::scan(&args.dir, &manifest, &pending, args.checksum, target.stores_headers))?;
    step.done(at, || format!("scanned {}: {} files, {read} read and hashed", args.dir.display(), files.len()));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let keep = plan::Keep { seconds: (args.keep_old_assets * 86_400.0) as i64, now };
    let plan = plan::plan(files, &manifest, &pending, keep);
    let unchanged = plan.files.len() - plan.uploads.len();
    let counts = |uploaded: &str, deleted: &str| {
        let (n, bytes, gone) = (plan.uploads.len(), plan.upload_bytes(), plan.deletes.len());
        let kept = if plan.kept.is_empty() { String::new() } else { format!(", {} old assets kept", plan.kept.len()) };
        format!("{n} {uploaded} ({bytes} bytes), {unchanged} unchanged, {gone} {deleted}{kept}")
    };
    if args.dry_run {
        print_plan(&plan);
        return Ok(format!("{}: dry run, nothing changed: {}", target.label, counts("to upload", "to delete")));
    }
    // The manifest as it will be once the deploy is complete (written only then), updated in
    // place: rebuilding a million entries cost seconds.
    for &i in &plan.uploads {
        let f = &plan.files[i];
        manifest.set(&f.key, &f.hash, f.size, f.mtime, target.stores_headers.then_some(&f.headers));
    }
    // Same content, another modification time: recorded, so the next deploy need not read the
    // file again.
    let mut changed = false;
    for f in plan.files.iter().filter(|f| f.stored == plan::Stored::Retimed) {
        changed |= manifest.touch(&f.key, f.size, f.mtime);
    }
    for key in &plan.deletes {
        manifest.files.remove(key);
    }
    for (key, since) in &plan.kept {
        changed |= manifest.mark_stale(key, *since);
    }
    if plan.uploads.is_empty() && plan.deletes.is_empty() {
        if changed {
            write_manifest(target, &manifest, step).await?;
        }
    } else {
        publish(args, target, &plan, &pending, manifest, step).await?;
    }
    Ok(format!("{}: {} in {:.2?}", target.label, counts("uploaded", "deleted"), started.elapsed()))
}

/// Uploads phase by phase, deletes, then records the new state.
async fn publish(
    args: &Args,
    target: &Target,
    plan: &Plan,
    pending: &HashSet<String>,
    manifest: Manifest,
    step: Step,
) -> Result<(), String> {
    // Every object name is checked before anything changes.
    let uploads: Vec<(&LocalFile, Path)> =
        plan.uploads.iter().map(|&i| Ok((&plan.files[i], target.path(&plan.files[i].key)?))).collect::<Result<_, String>>()?;
    let deletes: Vec<Path> = plan.deletes.iter().map(|k| target.path(k)).collect::<Result<_, _>>()?;

    let mut changing: Vec<&str> = uploads.iter().map(|(f, _)| f.key.as_str()).chain(plan.deletes.iter().map(String::as_str)).collect();
    changing.extend(pending.iter().map(String::as_str));
    changing.sort_unstable();
    changing.dedup();
    put_bookkeeping(target, manifest::PENDING, manifest::encode_pending(&changing), "application/json").await?;

    let progress = Progress::new(uploads.len() + deletes.len(), args.verbose);
    for phase in Phase::ALL {
        let at = Instant::now();
        let batch: Vec<&(&LocalFile, Path)> = uploads.iter().filter(|(f, _)| f.phase == phase).collect();
        let count = batch.len();
        futures::stream::iter(batch)
            .map(|(file, path)| async {
                upload(target, &args.dir, file, path).await?;
                progress.done(|| format!("uploaded {}", file.key));
                Ok::<_, String>(())
            })
            .buffer_unordered(args.jobs.max(1))
            .try_collect::<Vec<()>>()
            .await
            .map_err(|e| {
                progress.finish();
                format!(
                    "{e}\nstopped in the {} phase; nothing was deleted and the pages uploaded before still find everything \
                     they reference. Deploy again to finish.",
                    phase.name()
                )
            })?;
        step.done(at, || format!("{}: {count} uploaded", phase.name()));
    }
    let at = Instant::now();
    let stale = deletes.len();
    // Stale objects last, in the store's batches (S3's DeleteObjects takes 1,000 keys a request).
    let paths = futures::stream::iter(deletes.into_iter().map(Ok)).boxed();
    target
        .store
        .delete_stream(paths)
        .then(|result| async {
            match result {
                Ok(path) => {
                    progress.done(|| format!("deleted {path}"));
                    Ok(())
                }
                Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(format!("deleting a stale object: {e}")),
            }
        })
        .try_collect::<Vec<()>>()
        .await
        .inspect_err(|_| progress.finish())?;
    progress.finish();
    step.done(at, || format!("{stale} deleted"));
    write_manifest(target, &manifest, step).await?;
    match target.store.delete(&target.path(manifest::PENDING)?).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(e) => Err(format!("{}: {e}", manifest::PENDING)),
    }
}

/// Uploads one file with its headers, after checking it is still what was hashed.
async fn upload(target: &Target, dir: &FsPath, file: &LocalFile, path: &Path) -> Result<(), String> {
    let local = dir.join(&file.key);
    let shown = local.display().to_string();
    let bytes = tokio::task::spawn_blocking(move || std::fs::read(&local))
        .await
        .map_err(|e| format!("{}: {e}", file.key))?
        .map_err(|e| format!("{shown}: {e}"))?;
    if plan::hash(&bytes) != file.hash {
        return Err(format!("{shown}: changed while deploying (deploy again once the build is done)"));
    }
    let mut attributes = Attributes::new();
    if target.stores_headers {
        attributes.insert(Attribute::ContentType, file.headers.content_type.into());
        attributes.insert(Attribute::CacheControl, file.headers.cache_control.into());
        if let Some(encoding) = file.headers.content_encoding {
            attributes.insert(Attribute::ContentEncoding, encoding.into());
        }
    }
    let options = PutOptions { attributes, ..PutOptions::default() };
    target.store.put_opts(path, PutPayload::from(bytes), options).await.map_err(|e| format!("uploading {}: {e}", file.key))?;
    Ok(())
}

async fn write_manifest(target: &Target, manifest: &Manifest, step: Step) -> Result<(), String> {
    let at = Instant::now();
    let bytes = manifest.encode();
    let size = bytes.len();
    put_bookkeeping(target, manifest::MANIFEST, bytes, "application/gzip").await?;
    step.done(at, || format!("wrote the manifest: {} files, {size} bytes", manifest.files.len()));
    Ok(())
}

/// The manifest or the pending record.
async fn put_bookkeeping(target: &Target, key: &str, bytes: Vec<u8>, content_type: &'static str) -> Result<(), String> {
    let mut attributes = Attributes::new();
    if target.stores_headers {
        attributes.insert(Attribute::ContentType, content_type.into());
        attributes.insert(Attribute::CacheControl, rules::REVALIDATE.into());
    }
    let options = PutOptions { attributes, ..PutOptions::default() };
    target.store.put_opts(&target.path(key)?, PutPayload::from(bytes), options).await.map_err(|e| format!("writing {key}: {e}"))?;
    Ok(())
}

/// The destination's manifest; an empty one for a first deploy, or (with a warning) when it
/// cannot be read, which uploads everything.
async fn read_manifest(target: &Target) -> Result<Manifest, String> {
    let Some(bytes) = read_optional(target, manifest::MANIFEST).await? else { return Ok(Manifest::default()) };
    Ok(Manifest::decode(&bytes).unwrap_or_else(|e| {
        eprintln!("yuedu: {}/{}: {e}; uploading every file", target.label, manifest::MANIFEST);
        Manifest::default()
    }))
}

/// The keys a deploy that did not finish meant to change.
async fn read_pending(target: &Target) -> Result<HashSet<String>, String> {
    let Some(bytes) = read_optional(target, manifest::PENDING).await? else { return Ok(HashSet::new()) };
    let keys = manifest::decode_pending(&bytes).map_err(|e| format!("{}/{}: {e}", target.label, manifest::PENDING))?;
    Ok(keys.into_iter().collect())
}

async fn read_optional(target: &Target, key: &str) -> Result<Option<Vec<u8>>, String> {
    let at = |e| format!("{}/{key}: {e}", target.label);
    match target.store.get(&target.path(key)?).await {
        Ok(result) => Ok(Some(result.bytes().await.map_err(at)?.to_vec())),
        Err(object_store::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(at(e)),
    }
}

/// `--dry-run`'s listing, on stdout: one line per change, in the order a deploy makes them.
fn print_plan(plan: &Plan) {
    for &i in &plan.uploads {
        let f = &plan.files[i];
        println!("upload {:<14} {} ({} bytes)", f.phase.name(), f.key, f.size);
    }
    for key in &plan.deletes {
        println!("delete {key}");
    }
}

/// A directory destination inside the site (or the site inside it) would deploy itself.
fn refuse_overlap(dir: &FsPath, to: &FsPath) -> Result<(), String> {
    let absolute = |p: &FsPath| std::path::absolute(p).map(|a| a.components().collect::<PathBuf>()).unwrap_or_else(|_| p.to_path_buf());
    let (from, to_abs) = (absolute(dir), absolute(to));
    if to_abs.starts_with(&from) || from.starts_with(&to_abs) {
        return Err(format!("{} and {} overlap: deploy to a directory outside the site", dir.display(), to.display()));
    }
    Ok(())
}

/// With `--verbose`, how long each step took.
#[derive(Clone, Copy)]
struct Step(bool);

impl Step {
    fn done(self, since: Instant, what: impl FnOnce() -> String) {
        if self.0 {
            eprintln!("{} in {:.2?}", what(), since.elapsed());
        }
    }
}

/// Progress on a terminal (a count), or one line per operation with `--verbose`.
struct Progress {
    total: usize,
    done: AtomicUsize,
    verbose: bool,
    tty: bool,
}

impl Progress {
    fn new(total: usize, verbose: bool) -> Self {
        Progress { total, done: AtomicUsize::new(0), verbose, tty: !verbose && std::io::stderr().is_terminal() && total >= 100 }
    }

    fn done(&self, line: impl FnOnce() -> String) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.verbose {
            eprintln!("{}", line());
        } else if self.tty && (n % 100 == 0 || n == self.total) {
            eprint!("\rdeploying {n}/{}", self.total);
        }
    }

    fn finish(&self) {
        if self.tty {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_destination_must_not_overlap_the_site() {
        assert!(refuse_overlap(FsPath::new("dist"), FsPath::new("dist/out")).is_err());
        assert!(refuse_overlap(FsPath::new("site/dist"), FsPath::new("site")).is_err());
        assert!(refuse_overlap(FsPath::new("dist"), FsPath::new("dist")).is_err());
        assert!(refuse_overlap(FsPath::new("dist"), FsPath::new("/srv/www")).is_ok());
        assert!(refuse_overlap(FsPath::new("dist"), FsPath::new("dist-out")).is_ok());
    }
}
