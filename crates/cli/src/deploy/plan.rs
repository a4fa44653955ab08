//! What a deploy has to do: the local tree, hashed, against the destination's manifest — the
//! files to upload, in phase order, and the objects to delete.

use std::collections::{BTreeSet, HashSet};

use rustc_hash::FxHashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::manifest::{self, Manifest};
use super::rules::{self, Headers, Phase};

/// One file of the site to publish.
#[derive(Debug)]
pub struct LocalFile {
    /// Its path in the site, `/`-separated (`data/feed.json`); the file is `DIR/key`.
    pub key: String,
    pub size: u64,
    pub mtime: i64,
    /// SHA-256 of the content, first 128 bits in hex.
    pub hash: String,
    pub headers: Headers,
    pub phase: Phase,
    /// What the manifest says of it, found while scanning (one lookup per file).
    pub stored: Stored,
}

/// A file against the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Not in the manifest.
    New,
    /// In the manifest with other content or headers (or stale).
    Changed,
    /// In the manifest as it is.
    Same,
    /// In the manifest as it is, with another size or modification time to record.
    Retimed,
}

/// The work of one deploy.
#[derive(Debug)]
pub struct Plan {
    /// Every file of the site, in the order of the walk.
    pub files: Vec<LocalFile>,
    /// Indices into `files` of those to upload, in phase order.
    pub uploads: Vec<usize>,
    /// Keys to delete: in the manifest (or pending) and no longer in the site.
    pub deletes: Vec<String>,
    /// Content-hashed assets no longer in the site, kept a while: (key, stale since).
    pub kept: Vec<(String, i64)>,
}

impl Plan {
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|&i| self.files[i].size).sum()
    }
}

/// What the local tree holds, before hashing.
struct Found {
    key: String,
    size: u64,
    mtime: i64,
}

/// Walks `dir` (`.yuedu-deploy/` and `yuedu index`'s `.yuedu-index/` left out) and hashes every file over all cores. A file whose
/// size and modification time equal the manifest's is taken at the manifest's hash unless
/// `checksum` is set or the key is `dirty`. A symbolic link is deployed as the file it points
/// to; one to a directory is refused. Also returns how many files were read.
pub fn scan(
    dir: &Path,
    old: &Manifest,
    dirty: &HashSet<String>,
    checksum: bool,
    stores_headers: bool,
) -> Result<(Vec<LocalFile>, usize), String> {
    // The walk reads only directories (file types come with the entries); the one stat per
    // file runs in parallel below.
    // Unsorted: sorting by file name cost more than the rest of the walk (the plan and the
    // manifest are sorted anyway).
    let mut paths = Vec::new();
    let root = dir.to_str().ok_or_else(|| format!("{}: not UTF-8", dir.display()))?;
    let walk = walkdir::WalkDir::new(dir).into_iter();
    // Nor `yuedu index`'s state (`data/.yuedu-index/`): it is the publisher's, not the site's.
    let skip = |e: &walkdir::DirEntry| {
        (e.depth() == 1 && e.file_name() == manifest::DIR) || (e.file_type().is_dir() && e.file_name() == crate::index::STATE_DIR)
    };
    for entry in walk.filter_entry(|e| !skip(e)) {
        let entry = entry.map_err(|e| format!("{}: {e}", e.path().unwrap_or(dir).display()))?;
        if !entry.file_type().is_dir() {
            let key = key_of(root, entry.path())?;
            paths.push((key, entry.into_path()));
        }
    }
    let found: Vec<Found> = paths
        .into_par_iter()
        .map(|(key, path)| {
            let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if meta.is_dir() {
                return Err(format!("{}: a symbolic link to a directory (deploy the directory itself)", path.display()));
            }
            let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as i64);
            Ok(Found { key, size: meta.len(), mtime })
        })
        .collect::<Result<_, String>>()?;
    let siblings: Vec<Option<&'static str>> = {
        let keys: FxHashSet<&str> = found.iter().map(|f| f.key.as_str()).collect();
        found.iter().map(|f| rules::sibling_of(&f.key, |k| keys.contains(k)).map(|(_, coding)| coding)).collect()
    };
    let read = AtomicUsize::new(0);
    let files = found
        .into_par_iter()
        .zip(siblings)
        .map(|(f, coding)| {
            let entry = old.files.get(&f.key);
            let dirty = !dirty.is_empty() && dirty.contains(&f.key);
            let known = entry.filter(|e| !checksum && e.size == f.size && e.mtime == f.mtime && !dirty);
            let hash = match known {
                Some(entry) => entry.hash.clone(),
                None => {
                    read.fetch_add(1, Ordering::Relaxed);
                    let path = dir.join(&f.key);
                    hash(&std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?)
                }
            };
            let sibling = coding.and_then(|_| rules::sibling_of(&f.key, |_| true));
            let original = sibling.map_or(f.key.as_str(), |(original, _)| original);
            let (headers, phase) = (rules::headers(&f.key, sibling), rules::phase(original));
            let stored = match entry {
                None => Stored::New,
                Some(e) if !old.stored_as(e, &hash, stores_headers.then_some(&headers)) => Stored::Changed,
                Some(e) if (e.size, e.mtime) == (f.size, f.mtime) => Stored::Same,
                Some(_) => Stored::Retimed,
            };
            Ok(LocalFile { key: f.key, size: f.size, mtime: f.mtime, hash, headers, phase, stored })
        })
        .collect::<Result<_, String>>()?;
    Ok((files, read.into_inner()))
}

/// How long content-hashed assets the site no longer has are kept, and the time now (seconds).
#[derive(Debug, Clone, Copy)]
pub struct Keep {
    pub seconds: i64,
    pub now: i64,
}

/// What to upload and delete so that the destination holds `files`: a file is uploaded unless
/// the manifest holds it with the same content and headers (`stores_headers`: the destination
/// keeps them) and it is not pending from a deploy that did not finish. Files no longer in the
/// site are deleted, except content-hashed assets (and their siblings) not yet stale for
/// `keep.seconds`, which an open page may still load.
pub fn plan(files: Vec<LocalFile>, old: &Manifest, pending: &HashSet<String>, keep: Keep) -> Plan {
    let mut uploads: Vec<usize> = (0..files.len())
        .filter(|&i| {
            let f = &files[i];
            matches!(f.stored, Stored::New | Stored::Changed) || (!pending.is_empty() && pending.contains(&f.key))
        })
        .collect();
    uploads.sort_by(|&a, &b| (files[a].phase, &files[a].key).cmp(&(files[b].phase, &files[b].key)));
    // Every manifest key is a local file, the usual case: nothing is gone, and no set of a
    // million keys need be built to find out.
    let listed = files.iter().filter(|f| f.stored != Stored::New).count();
    let gone: BTreeSet<&String> = if listed == old.files.len() && pending.is_empty() {
        BTreeSet::new()
    } else {
        let local: FxHashSet<&str> = files.iter().map(|f| f.key.as_str()).collect();
        old.files.keys().chain(pending.iter()).filter(|k| !local.contains(k.as_str())).collect()
    };
    let (mut deletes, mut kept) = (Vec::new(), Vec::new());
    for key in gone {
        let asset = rules::content_hashed(key.strip_suffix(".br").or_else(|| key.strip_suffix(".gz")).unwrap_or(key));
        // Only what a complete deploy published is kept (a pending key outside the manifest
        // never was).
        match old.files.get(key).filter(|_| asset).map(|e| e.stale_since.unwrap_or(keep.now)) {
            Some(since) if keep.now - since < keep.seconds => kept.push((key.clone(), since)),
            _ => deletes.push(key.clone()),
        }
    }
    Plan { files, uploads, deletes, kept }
}

/// SHA-256, first 128 bits in hex: collisions are out of reach and the manifest stays small.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// `data/tags/协同振兴.json` from the path of a file below `root`; names must be UTF-8. (String
/// operations: `Path::strip_prefix` parsed every path into components, a tenth of a scan.)
fn key_of(root: &str, path: &Path) -> Result<String, String> {
    let text = path.to_str().ok_or_else(|| format!("{}: file name is not UTF-8", path.display()))?;
    let relative = text.strip_prefix(root).expect("walkdir yields paths below its root").trim_start_matches(std::path::MAIN_SEPARATOR);
    Ok(if std::path::MAIN_SEPARATOR == '/' { relative.to_string() } else { relative.replace(std::path::MAIN_SEPARATOR, "/") })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stale assets deleted at once.
    const NOW: Keep = Keep { seconds: 0, now: 1_000_000 };

    fn file(key: &str, hash: &str) -> LocalFile {
        let (headers, phase) = (rules::headers(key, None), rules::phase(key));
        LocalFile { key: key.into(), size: 1, mtime: 1, hash: hash.into(), headers, phase, stored: Stored::New }
    }

    /// `files` as a scan against `old` finds them (`stores_headers`: the destination keeps them).
    fn against(old: &Manifest, files: Vec<LocalFile>, stores_headers: bool) -> Vec<LocalFile> {
        files
            .into_iter()
            .map(|mut f| {
                f.stored = match old.files.get(&f.key) {
                    None => Stored::New,
                    Some(_) if !old.holds(&f.key, &f.hash, stores_headers.then_some(&f.headers)) => Stored::Changed,
                    Some(_) => Stored::Same,
                };
                f
            })
            .collect()
    }

    #[test]
    fn uploads_what_changed_in_phase_order_and_deletes_what_is_gone() {
        let old_files = [file("shell.html", "1"), file("sw.js", "1"), file("data/a.json", "1"), file("old-0123456789abcdef.js", "1")];
        let old = Manifest::from_files(old_files.iter().map(|f| (f.key.as_str(), f.hash.as_str(), f.size, f.mtime, Some(&f.headers))));
        let files = vec![
            file("data/a.json", "1"),
            file("data/b.json", "2"),
            file("shell.html", "2"),
            file("new-0123456789abcdef.js", "2"),
            file("sw.js", "2"),
            file("tag/t/index.html", "2"),
        ];
        let p = plan(against(&old, files, true), &old, &HashSet::new(), NOW);
        let keys: Vec<&str> = p.uploads.iter().map(|&i| p.files[i].key.as_str()).collect();
        assert_eq!(keys, ["new-0123456789abcdef.js", "data/b.json", "tag/t/index.html", "shell.html", "sw.js"]);
        assert_eq!(p.deletes, ["old-0123456789abcdef.js"]);
    }

    #[test]
    fn old_hashed_assets_are_kept_for_a_while_and_everything_else_goes_at_once() {
        let published = || {
            let files = [file("old-0123456789abcdef.js", "1"), file("old-0123456789abcdef.js.br", "1"), file("data/a.json", "1")];
            Manifest::from_files(
                files.iter().map(|f| (f.key.as_str(), f.hash.as_str(), f.size, f.mtime, Some(&f.headers))).collect::<Vec<_>>(),
            )
        };
        let day = Keep { seconds: 86_400, now: 1_000_000 };
        let p = plan(vec![], &published(), &HashSet::new(), day);
        assert_eq!(p.deletes, ["data/a.json"]);
        assert_eq!(p.kept, [("old-0123456789abcdef.js".to_string(), 1_000_000), ("old-0123456789abcdef.js.br".to_string(), 1_000_000)]);
        // Stale for a day less a second, and for a day.
        let mut old = published();
        old.mark_stale("old-0123456789abcdef.js", 1_000_000 - 86_399);
        old.mark_stale("old-0123456789abcdef.js.br", 1_000_000 - 86_400);
        old.files.remove("data/a.json");
        let p = plan(vec![], &old, &HashSet::new(), day);
        assert_eq!(p.kept, [("old-0123456789abcdef.js".to_string(), 1_000_000 - 86_399)]);
        assert_eq!(p.deletes, ["old-0123456789abcdef.js.br"]);
        // Back in the site: uploaded again (a stale object is not counted as the site's).
        assert_eq!(plan(against(&old, vec![file("old-0123456789abcdef.js", "1")], true), &old, &HashSet::new(), day).uploads, [0]);
    }

    #[test]
    fn pending_keys_are_uploaded_or_deleted_again_whatever_the_manifest_says() {
        let old = Manifest::from_files([("data/a.json", "1", 1, 1, Some(&rules::headers("data/a.json", None)))]);
        let pending: HashSet<String> = ["data/a.json".to_string(), "data/gone.json".to_string()].into();
        let p = plan(against(&old, vec![file("data/a.json", "1")], true), &old, &pending, NOW);
        assert_eq!(p.uploads, [0]);
        assert_eq!(p.deletes, ["data/gone.json"]);
    }

    #[test]
    fn a_directory_compares_content_only() {
        let old = Manifest::from_files([("a.json", "1", 1, 1, None)]);
        assert!(plan(against(&old, vec![file("a.json", "1")], false), &old, &HashSet::new(), NOW).uploads.is_empty());
        assert_eq!(
            plan(against(&old, vec![file("a.json", "1")], true), &old, &HashSet::new(), NOW).uploads,
            [0],
            "headers were not stored"
        );
    }

    #[test]
    fn hashes_are_sha256_prefixes() {
        assert_eq!(hash(b""), "e3b0c44298fc1c149afbf4c8996fb924");
    }
}
